//! The attach form's transitions: opening it, keys in the form's fields (pickers are
//! `attach_picker.rs`, review and submission `attach_submit.rs`), and the loaded options.
//! Pure like `update()`.

use crossterm::event::KeyEvent;

use super::{
    attach_choices::{Picker, PickerKind},
    attach_focus::{DnsSlot, Slot},
    attach_form::{AttachForm, AttachOptions, Load, NatKind, Stage, SubnetOptions},
    attach_picker, attach_submit,
    input::{LineInput, multiline, typing},
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::{Effect, PowerAction},
};
use crate::{
    api::{
        ApiError,
        proto::yandex::cloud::compute::v1::{Instance, instance::Status},
    },
    keymap::{Action, Context},
    nic::error::Field,
};

/// Opens the attach form for `instance` and asks for its options.
pub fn open(model: &mut Model, instance: Instance) -> Vec<Effect> {
    let instance_id = instance.id.clone();
    model.form = Some(AttachForm::new(instance));
    vec![Effect::LoadAttachOptions { instance_id }]
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_ref() else {
        return Vec::new();
    };
    let context = form.key_context();
    let action = model.keymap.action(&[context], key);
    match context {
        Context::Picker => attach_picker::on_key(model, action, key),
        Context::Review => attach_submit::on_key(model, action),
        _ => form_key(model, action, key),
    }
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
            && input.edit(key)
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
                filter: LineInput::default(),
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

pub fn on_options(model: &mut Model, result: Result<Box<AttachOptions>, ApiError>) {
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
