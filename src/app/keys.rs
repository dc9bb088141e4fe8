//! Key and mouse handling: looks the key up in the keymap for the current contexts and turns
//! the action into model changes and effects. Text inputs and dialogs come first.

use crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::{
    action_target::{self, target},
    allowed::{InstanceAction, named, refusal},
    folder_wiring,
    geometry::{areas, list_rows, ops_rows, screen},
    input::LineInput,
    layer::Layer,
    model::{Confirm, Focus, Level, Model, Overlay, Pending, Prompt},
    msg::{Effect, PowerAction},
    mutation::Mutation,
    nic_actions,
    steps::{open_details, show_ops, start_refresh},
};
use crate::keymap::{Action, KeyContext};

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    // A failed command's message stays on the bottom line until the next key.
    model.command_error = None;
    // A control-key quit (Ctrl-C) works everywhere, even while typing or in a dialog.
    if key.modifiers.contains(KeyModifiers::CONTROL)
        && model.keymap.action(&[KeyContext::Global], key) == Some(Action::Quit)
    {
        super::quit::request(model);
        return Vec::new();
    }
    if model.header.startup.is_some() {
        // Nothing to act on before the backend answers, but quitting works at once.
        if model.keymap.action(&[KeyContext::Global], key) == Some(Action::Quit) {
            model.quit = true;
        }
        return Vec::new();
    }
    let action = model.keymap.action(&model.contexts(), key);
    match model.layer() {
        Layer::Prompt => super::prompt::on_key(model, key),
        Layer::Confirm => on_confirm(model, action),
        Layer::AttachForm(_) => super::attach_wiring::on_key(model, key),
        Layer::FolderPicker => folder_wiring::on_key(model, key),
        Layer::Serial { .. } => super::serial_wiring::on_key(model, key),
        Layer::Overlay if matches!(model.overlay, Some(Overlay::Help(_))) => {
            super::help::on_key(model, key);
            Vec::new()
        }
        Layer::Overlay | Layer::Details | Layer::List(_) => match action {
            Some(action) => on_action(model, action),
            None => Vec::new(),
        },
    }
}

/// A key in the confirm dialog: yes, no, or move between the two.
fn on_confirm(model: &mut Model, action: Option<Action>) -> Vec<Effect> {
    let Some(Overlay::Confirm(confirm)) = model.overlay.as_mut() else {
        return Vec::new();
    };
    match action {
        Some(Action::Yes) => answer(model, true),
        Some(Action::No) => answer(model, false),
        Some(Action::Accept) => {
            let yes = confirm.yes_selected;
            answer(model, yes)
        }
        Some(Action::Toggle) => {
            confirm.yes_selected = !confirm.yes_selected;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn answer(model: &mut Model, yes: bool) -> Vec<Effect> {
    let Some(Overlay::Confirm(confirm)) = model.overlay.take() else {
        return Vec::new();
    };
    if !yes {
        return Vec::new();
    }
    match confirm.pending {
        Pending::Power {
            action,
            instance_id,
            ..
        } => vec![Effect::send(Mutation::Power {
            action,
            instance_id,
        })],
        Pending::BulkPower { action, targets } => super::bulk::start(model, action, targets),
        Pending::CancelOperation { id } => vec![Effect::CancelOperation { id }],
        Pending::DiscardForm => {
            model.form = None;
            Vec::new()
        }
        Pending::StopForForm { instance_id } => {
            super::attach_wiring::stop_confirmed(model, &instance_id)
        }
        Pending::Detach { request } => vec![Effect::send(Mutation::Detach(request))],
        Pending::AddNat { request } => super::public_ip::submit_add(model, request),
        Pending::RemoveNat { request } => vec![Effect::send(Mutation::RemoveNat(request))],
        Pending::StopThenDetach { request, name } => {
            super::detach_sequence::start(model, request, name)
        }
    }
}

fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    if model.overlay.is_some() {
        return on_overlay_action(model, action);
    }
    let page = if model.details.is_some() {
        usize::from(super::details_view::pane(model).0.max(1))
    } else if model.focus == Focus::Instances {
        list_rows(model)
    } else {
        ops_rows(model)
    };
    let delta = match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-(page as isize)),
        Action::PageDown => Some(page as isize),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    };
    if let Some(delta) = delta {
        let max = super::details_view::max_scroll(model);
        match (&mut model.details, model.focus) {
            (Some(details), _) => details.scroll_by(delta.clamp(-60_000, 60_000) as i32, max),
            (None, Focus::Instances) => model.instances.move_by(delta, list_rows(model)),
            (None, Focus::Operations) => model.ops.move_by(delta, ops_rows(model)),
        }
        return Vec::new();
    }
    match action {
        Action::Quit => super::quit::request(model),
        Action::Back => {
            if model.details.is_some() {
                model.details = None;
            } else if !model.instances.filter.is_empty() {
                model.instances.set_filter("");
            }
        }
        Action::Help => super::help::open(model),
        Action::CommandLine => {
            model.prompt = Some(Prompt::command());
        }
        Action::FocusNext if model.details.is_none() => match model.focus {
            Focus::Instances => show_ops(model),
            Focus::Operations => model.focus = Focus::Instances,
        },
        Action::ToggleOps if model.details.is_none() => {
            model.ops_hidden = !model.ops_hidden;
            if model.ops_hidden {
                model.focus = Focus::Instances;
            }
            // The list's height changed: keep the selection in sight.
            model.instances.scroll_into_view(list_rows(model));
        }
        Action::Filter => {
            // The filter in force, selected: typing replaces it, never appends to it.
            model.prompt = Some(Prompt::Filter {
                line: LineInput::with_text_selected(&model.instances.filter),
                return_to: model.instances.selected_row().map(|r| r.id.clone()),
            });
        }
        Action::Open if model.focus == Focus::Operations => {
            if let Some(op) = model.ops.selected_op() {
                model.overlay = Some(Overlay::Operation {
                    id: op.view.id.clone(),
                });
            }
        }
        Action::Open => {
            if let Some(id) = model.instances.selected_row().map(|i| i.id.clone()) {
                return open_details(model, id);
            }
        }
        Action::Attach => return nic_actions::attach(model),
        Action::Detach => nic_actions::detach(model),
        Action::EditNic => return nic_actions::edit(model),
        Action::AddPublicIp => return super::public_ip::add(model),
        Action::RemovePublicIp => super::public_ip::remove(model),
        Action::NicPrev => nic_actions::select_nic(model, -1),
        Action::NicNext => nic_actions::select_nic(model, 1),
        Action::Stop => confirm_power(model, PowerAction::Stop),
        Action::Start => confirm_power(model, PowerAction::Start),
        Action::Restart => confirm_power(model, PowerAction::Restart),
        Action::Mark if model.details.is_none() => {
            if let Some(id) = model.instances.selected_row().map(|r| r.id.clone()) {
                model.instances.marks.toggle(&id);
                model.instances.move_by(1, list_rows(model));
            }
        }
        Action::ClearMarks if model.details.is_none() => model.instances.marks.clear(),
        Action::Refresh => {
            let mut effects = start_refresh(model);
            if let Some(d) = &model.details {
                effects.push(Effect::LoadDetails {
                    instance_id: d.instance_id.clone(),
                });
            }
            return effects;
        }
        Action::CopyId => {
            if let Some((id, _)) = target(model) {
                model.toast(Level::Info, format!("copied {id}"));
                return vec![Effect::Copy(id)];
            }
        }
        Action::SortNext => {
            model.instances.sort = model.instances.sort.next();
            model.instances.rebuild();
            model.instances.scroll_into_view(list_rows(model));
        }
        Action::SortReverse => {
            model.instances.descending = !model.instances.descending;
            model.instances.rebuild();
            model.instances.scroll_into_view(list_rows(model));
        }
        Action::CancelOperation => confirm_cancel(model),
        Action::Ssh => {
            if let Some((id, _)) = target(model) {
                return super::ssh_wiring::start(model, id, false);
            }
        }
        Action::SerialLog => {
            if let Some((id, name)) = target(model) {
                return super::serial_wiring::open(model, id, name);
            }
        }
        _ => {}
    }
    Vec::new()
}

fn on_overlay_action(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => super::quit::request(model),
        Action::Back | Action::Help => model.overlay = None,
        _ => {}
    }
    Vec::new()
}

fn confirm_power(model: &mut Model, action: PowerAction) {
    // With marks, the list's keys act on every marked instance; open details act on theirs.
    if model.details.is_none() && !model.instances.marks.is_empty() {
        return super::bulk::confirm(model, action);
    }
    let Some(instance) = action_target::current(model) else {
        return;
    };
    let who = named(&instance.name, &instance.id);
    if let Some(reason) = refusal(InstanceAction::Power(action), instance.status(), &who) {
        model.toast(Level::Info, reason);
        return;
    }
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: format!("{} instance", action.verb()),
        question: format!("{} {who}?", action.title()),
        pending: Pending::Power {
            action,
            instance_id: instance.id,
            name: instance.name,
        },
        yes_selected: false,
    }));
}

/// `c`: asks to cancel the selected operation, naming what it does and to which instance.
fn confirm_cancel(model: &mut Model) {
    if super::bulk::unqueue_selected(model) {
        return;
    }
    let Some(op) = model.ops.selected_op() else {
        return;
    };
    let what = format!("{} on {}", op.view.description, op.target_label());
    if op.view.state.is_final() {
        let text = format!("{what} already finished (operation ID {})", op.view.id);
        model.toast(Level::Info, text);
        return;
    }
    let id = op.view.id.clone();
    let elapsed = super::geometry::short(op.elapsed(model.now));
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: "cancel operation".into(),
        question: format!(
            "Cancel {what}? It has run for {elapsed} (operation ID {id}); cancelling is best effort."
        ),
        pending: Pending::CancelOperation { id },
        yes_selected: false,
    }));
}

pub fn on_mouse(model: &mut Model, mouse: &MouseEvent) -> Vec<Effect> {
    if model.overlay.is_some()
        || model.prompt.is_some()
        || model.form.is_some()
        || model.folder_picker.is_some()
    {
        return Vec::new();
    }
    let scroll = match mouse.kind {
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::ScrollDown => Some(Action::Down),
        _ => None,
    };
    if let Some(action) = scroll {
        return on_action(model, action);
    }
    if model.details.is_some() || mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return Vec::new();
    }
    let areas = areas(screen(model), model);
    let hit = |a: Option<ratatui::layout::Rect>| {
        a.filter(|a| a.contains((mouse.column, mouse.row).into()) && mouse.row >= a.y + 2)
            .map(|a| usize::from(mouse.row - a.y - 2))
    };
    if let Some(row) = hit(areas.list) {
        model.focus = Focus::Instances;
        let target = model.instances.offset + row;
        if target < model.instances.view.len() {
            model.instances.selected = target;
        }
    } else if let Some(row) = hit(areas.ops) {
        model.focus = Focus::Operations;
        let target = model.ops.offset + row;
        if target < model.ops.rows_len() {
            model.ops.selected = target;
        }
    }
    Vec::new()
}
