//! The attach form's transitions: opening it, keys in the form, its pickers and its review,
//! loaded options, the submission and its operation's end. Pure like `update()`; the only
//! thing it makes up is a fresh idempotency key (a random UUID) when a changed draft is sent.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{
    attach_form::{
        AttachForm, AttachOptions, DnsSlot, Load, NatKind, Picker, PickerKind, ServerError, Slot,
        Stage, SubnetOptions, text_input,
    },
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::{Effect, PowerAction},
    update::{instance_loaded, track},
};
use crate::{
    api::{
        ApiError, idempotency_key,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::{
            compute::v1::{Instance, instance::Status},
            operation::Operation,
        },
    },
    keymap::{Action, Context},
    nic::{
        error::Field,
        fields::MAX_SECURITY_GROUPS,
        load::field_of,
        preview::{request_json, yc_command},
    },
};

/// Opens the attach form for `instance` and asks for its options.
pub fn open(model: &mut Model, instance: Instance) -> Vec<Effect> {
    let instance_id = instance.id.clone();
    model.form = Some(AttachForm::new(instance));
    vec![Effect::LoadAttachOptions { instance_id }]
}

/// The keymap context of the open form.
pub fn context(form: &AttachForm) -> Context {
    if form.picker.is_some() {
        Context::Picker
    } else if matches!(form.stage, Stage::Review { .. }) {
        Context::Review
    } else {
        Context::Form
    }
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_ref() else {
        return Vec::new();
    };
    let context = context(form);
    let action = model.keymap.action(&[context], key);
    match context {
        Context::Picker => picker_key(model, action, key),
        Context::Review => review_key(model, action),
        _ => form_key(model, action, key),
    }
}

/// Whether the key is plain typing (a character without Ctrl or Alt).
fn typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Keys that must never reach a single-line input (they would add a line).
fn multiline(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

fn form_key(model: &mut Model, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    if let Stage::Submitted { .. } = form.stage {
        if action == Some(Action::Back) {
            model.form = None;
            model.toast(Level::Info, "the operation goes on in the operations pane");
        }
        return Vec::new();
    }
    let focus = form.focus;
    if focus.is_text() && (typing(key) || action.is_none()) && !multiline(key) {
        if let Some(input) = form.focused_input()
            && input.input(*key)
        {
            form.changed(focus.field());
        }
        return Vec::new();
    }
    match action {
        Some(Action::NextField) => form.move_focus(1),
        Some(Action::PrevField) => form.move_focus(-1),
        Some(Action::Choose) => choose_slot(form),
        Some(Action::ToggleItem) => toggle_slot(form),
        Some(Action::AddRow) => match focus {
            Slot::DnsList(target) | Slot::Dns { target, .. } => form.add_row(target),
            _ => model.toast(Level::Info, "move to a DNS records list to add a row"),
        },
        Some(Action::RemoveRow) => {
            if let Slot::Dns { target, row, .. } = focus {
                form.remove_row(target, row);
            }
        }
        Some(Action::Review) => return review(model),
        Some(Action::StopFirst) => return stop_first(model),
        Some(Action::Back) => {
            if form.edited {
                model.overlay = Some(Overlay::Confirm(Confirm {
                    title: "discard the form".into(),
                    question: "Discard what was typed in the attach form?".into(),
                    pending: Pending::DiscardForm,
                    yes_selected: false,
                }));
            } else {
                model.form = None;
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Enter on a field: open its picker; elsewhere move on.
fn choose_slot(form: &mut AttachForm) {
    let kind = match form.focus {
        Slot::Subnet => Some(PickerKind::Subnet),
        Slot::Nat if form.nat == NatKind::Static => Some(PickerKind::NatAddress),
        Slot::Dns {
            target,
            row,
            part: DnsSlot::Zone,
        } => Some(PickerKind::DnsZone { target, row }),
        Slot::SecurityGroups => Some(PickerKind::SecurityGroups),
        _ => None,
    };
    match kind {
        Some(kind) => {
            form.picker = Some(Picker {
                kind,
                filter: text_input(""),
                selected: 0,
                message: None,
            })
        }
        None => form.move_focus(1),
    }
}

/// Space on a field: cycle the public IP kind, flip PTR, open the group list.
fn toggle_slot(form: &mut AttachForm) {
    match form.focus {
        Slot::Nat => {
            form.nat = match form.nat {
                NatKind::None => NatKind::Ephemeral,
                NatKind::Ephemeral => NatKind::Static,
                NatKind::Static => NatKind::None,
            };
            form.changed(Some(Field::NatAddress));
        }
        Slot::Dns {
            target,
            row,
            part: DnsSlot::Ptr,
        } => {
            if let Some(r) = form.rows_mut(target).get_mut(row) {
                r.ptr = !r.ptr;
            }
            form.changed(
                Slot::Dns {
                    target,
                    row,
                    part: DnsSlot::Ptr,
                }
                .field(),
            );
        }
        Slot::SecurityGroups | Slot::Subnet | Slot::Dns { .. } => choose_slot(form),
        _ => {}
    }
}

fn picker_key(model: &mut Model, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    let count = form.filtered().len();
    let Some(picker) = form.picker.as_mut() else {
        return Vec::new();
    };
    let multi = picker.kind == PickerKind::SecurityGroups;
    match action {
        Some(Action::Back) => form.picker = None,
        Some(Action::ItemUp) => picker.selected = picker.selected.saturating_sub(1),
        Some(Action::ItemDown) => {
            picker.selected = (picker.selected + 1).min(count.saturating_sub(1));
        }
        Some(Action::ToggleItem) if multi => toggle_group(form),
        Some(Action::Choose) => return pick(form),
        _ if !multiline(key) && picker.filter.input(*key) => picker.selected = 0,
        _ => {}
    }
    Vec::new()
}

/// Space in the group list: add or remove the highlighted group (at most five).
fn toggle_group(form: &mut AttachForm) {
    let items = form.filtered();
    let Some(picker) = form.picker.as_mut() else {
        return;
    };
    let Some(item) = items.get(picker.selected) else {
        return;
    };
    picker.message = None;
    if let Some(at) = form.security_groups.iter().position(|g| *g == item.id) {
        form.security_groups.remove(at);
    } else if form.security_groups.len() >= MAX_SECURITY_GROUPS {
        picker.message = Some(format!(
            "at most {MAX_SECURITY_GROUPS} security groups; remove one first"
        ));
        return;
    } else {
        form.security_groups.push(item.id.clone());
    }
    form.changed(Some(Field::SecurityGroups));
}

/// Enter in a picker: take the highlighted item (the group list just closes).
fn pick(form: &mut AttachForm) -> Vec<Effect> {
    let items = form.filtered();
    let Some(picker) = form.picker.take() else {
        return Vec::new();
    };
    let Some(item) = items.get(picker.selected) else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    match picker.kind {
        PickerKind::Subnet => {
            if form.subnet_id != item.id {
                form.subnet_id = item.id.clone();
                form.ctx.subnet = form.subnet().map(|s| s.subnet.clone());
                form.ctx.used_addresses.clear();
                form.ctx.network_security_groups.clear();
                form.groups.clear();
                form.security_groups.clear();
                form.subnet_load = Some(Load::Loading);
                if let Some(network_id) = form.subnet().map(|s| s.subnet.network_id.clone()) {
                    effects.push(Effect::LoadSubnetOptions {
                        subnet_id: item.id.clone(),
                        network_id,
                    });
                }
            }
            form.changed(Some(Field::Subnet));
            form.move_focus(1);
        }
        PickerKind::NatAddress => {
            form.nat_address = item.id.clone();
            form.changed(Some(Field::NatAddress));
        }
        PickerKind::DnsZone { target, row } => {
            if let Some(r) = form.rows_mut(target).get_mut(row) {
                r.zone_id = item.id.clone();
            }
            form.changed(
                Slot::Dns {
                    target,
                    row,
                    part: DnsSlot::Zone,
                }
                .field(),
            );
        }
        PickerKind::SecurityGroups => {}
    }
    effects
}

/// Ctrl-S: the review when every field is valid; else every error shows.
fn review(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    form.show_all = true;
    form.revalidate();
    match form.request() {
        Ok(request) => {
            form.stage = Stage::Review {
                request: Box::new(request),
                scroll: 0,
            }
        }
        Err(errors) => {
            let n = errors.len();
            model.toast(Level::Error, format!("fix {n} field(s) before review"));
        }
    }
    Vec::new()
}

/// Ctrl-T: stop the instance so the interface can be attached (tracked like any stop).
fn stop_first(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    if form.instance.status != Status::Running as i32 {
        let status = form.status_name();
        model.toast(
            Level::Info,
            format!("the instance is {status}, not RUNNING"),
        );
        return Vec::new();
    }
    form.stopped_for_this = true;
    vec![Effect::Power {
        action: PowerAction::Stop,
        instance_id: form.instance.id.clone(),
    }]
}

fn review_key(model: &mut Model, action: Option<Action>) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    let Stage::Review { request, .. } = &form.stage else {
        return Vec::new();
    };
    let request = request.clone();
    let scroll_by = |form: &mut super::attach_form::AttachForm, delta: i32| {
        if let Stage::Review { scroll, .. } = &mut form.stage {
            *scroll = (i32::from(*scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16;
        }
    };
    let copy = |text: String, what: &str| (text, format!("copied the {what}"));
    let copied = match action {
        Some(Action::Back) => {
            form.stage = Stage::Edit;
            None
        }
        Some(Action::ItemUp) => {
            scroll_by(form, -1);
            None
        }
        Some(Action::ItemDown) => {
            scroll_by(form, 1);
            None
        }
        Some(Action::CopyJson) => Some(copy(request_json(&request), "request JSON")),
        Some(Action::CopyCommand) => Some(copy(yc_command(&request).0, "yc command")),
        Some(Action::CopyTable) => Some(copy(
            super::attach_review::nic_table(form, &request),
            "interface table",
        )),
        Some(Action::Submit) => return submit(model),
        _ => None,
    };
    match copied {
        Some((text, note)) => {
            model.toast(Level::Info, note);
            vec![Effect::Copy(text)]
        }
        None => Vec::new(),
    }
}

/// Enter in review: send the request; an unchanged draft reuses its idempotency key.
fn submit(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    if !form.stopped() {
        let status = form.status_name();
        model.toast(
            Level::Error,
            format!("the instance is {status}: stop it first (Ctrl-T in the form)"),
        );
        return Vec::new();
    }
    let Stage::Review { request, .. } = &form.stage else {
        return Vec::new();
    };
    let request = request.clone();
    let key = form.key_for(idempotency_key);
    form.stage = Stage::Submitted { operation_id: None };
    form.server_error = None;
    vec![Effect::Attach { request, key }]
}

pub fn on_options(model: &mut Model, result: Result<Box<AttachOptions>, crate::api::ApiError>) {
    let Some(form) = model.form.as_mut() else {
        return;
    };
    match result {
        Ok(options) => {
            if options.instance.id != form.instance.id {
                return;
            }
            let subnet = form.ctx.subnet.take();
            let used = std::mem::take(&mut form.ctx.used_addresses);
            let groups = std::mem::take(&mut form.ctx.network_security_groups);
            form.ctx = options.context;
            form.ctx.subnet = subnet;
            form.ctx.used_addresses = used;
            form.ctx.network_security_groups = groups;
            form.subnets = options.subnets;
            form.options = Load::Ready;
            form.set_instance(options.instance);
        }
        Err(e) => form.options = Load::Failed(e),
    }
}

pub fn on_subnet_options(
    model: &mut Model,
    subnet_id: &str,
    result: Result<Box<SubnetOptions>, ApiError>,
) {
    let Some(form) = model.form.as_mut() else {
        return;
    };
    if form.subnet_id != subnet_id {
        return;
    }
    match result {
        Ok(options) => {
            form.ctx.used_addresses = options.used_addresses;
            form.ctx.network_security_groups =
                options.groups.iter().map(|(id, _)| id.clone()).collect();
            form.groups = options.groups;
            form.subnet_load = Some(Load::Ready);
        }
        Err(e) => form.subnet_load = Some(Load::Failed(e)),
    }
    form.revalidate();
}

/// The attach call's answer: track the operation, or bring the form back with the refusal.
pub fn on_started(
    model: &mut Model,
    instance_id: &str,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    match result {
        // A repeated answer (same idempotency key, same operation) is tracked already.
        Ok(op) if model.ops.get(&op.id).is_some() => Vec::new(),
        Ok(op) => {
            let id = op.id.clone();
            if let Some(form) = model.form.as_mut()
                && form.instance.id == instance_id
            {
                form.stage = Stage::Submitted {
                    operation_id: Some(id),
                };
            }
            track(model, instance_id, op)
        }
        Err(error) => {
            refused(model, instance_id, error);
            Vec::new()
        }
    }
}

/// A refusal or a failed operation: back to editing, every value kept, the error placed.
fn refused(model: &mut Model, instance_id: &str, error: ApiError) {
    let Some(form) = model.form.as_mut().filter(|f| f.instance.id == instance_id) else {
        model.toast(Level::Error, format!("attach: {}", error.summary()));
        return;
    };
    let draft = form.draft();
    let field = field_of(&error).map(|f| draft.draft_field(f));
    form.stage = Stage::Edit;
    if let Some(field) = field {
        form.focus = form
            .slots()
            .into_iter()
            .find(|s| s.field() == Some(field))
            .unwrap_or(form.focus);
    }
    form.server_error = Some(ServerError { field, error });
}

/// An operation finished: when it is the form's, close the form (success) or reopen it for
/// editing (failure); the instance's own stop finishing lets the form go on.
pub fn on_finished(model: &mut Model, id: &str, state: &OpState) -> Vec<Effect> {
    let Some(form) = model.form.as_ref() else {
        return Vec::new();
    };
    let ours = matches!(&form.stage, Stage::Submitted { operation_id: Some(op) } if op == id);
    if !ours {
        return Vec::new();
    }
    let instance_id = form.instance.id.clone();
    let name = form.instance.name.clone();
    let restart = form.stopped_for_this;
    match state {
        OpState::Failed(e) => {
            refused(model, &instance_id, e.clone());
            Vec::new()
        }
        _ => {
            let index = model
                .form
                .as_ref()
                .map(|f| super::attach_form::line(&f.index))
                .unwrap_or_default();
            model.form = None;
            model.toast(
                Level::Success,
                format!("attached network interface {index} to {name}"),
            );
            let mut effects = Vec::new();
            match state {
                OpState::Done(OpResponse::Instance(instance)) => {
                    instance_loaded(model, (**instance).clone());
                }
                _ => effects.push(Effect::LoadInstance {
                    instance_id: instance_id.clone(),
                }),
            }
            // The details view under the form names the new interface's subnet and groups.
            if model
                .details
                .as_ref()
                .is_some_and(|d| d.instance_id == instance_id)
            {
                effects.push(Effect::LoadDetails {
                    instance_id: instance_id.clone(),
                });
            }
            if restart {
                model.overlay = Some(Overlay::Confirm(Confirm {
                    title: "start instance".into(),
                    question: format!("{name} was stopped for this; start it again?"),
                    pending: Pending::Power {
                        action: PowerAction::Start,
                        instance_id,
                        name,
                    },
                    yes_selected: true,
                }));
            }
            effects
        }
    }
}
