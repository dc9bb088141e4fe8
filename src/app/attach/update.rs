//! `update(&mut AttachForm, AttachMsg) -> Outcome`: keys in the form's fields (pickers are
//! `picker.rs`, review and submission `submit.rs`), the loaded options and fresh copies of
//! the instance. Pure: it touches only the form and hands the rest back in the `Outcome`.

use crossterm::event::KeyEvent;

use super::{
    choices::{PickerKind, Refresh},
    focus::{DnsSlot, Slot},
    input::NatKind,
    loads::Load,
    loads::Part,
    msg::AttachMsg,
    outcome::Outcome,
    picker,
    state::{AttachForm, Purpose, ReviewRequest, Stage, SubnetOptions},
    submit,
    tickets::{Read, Ticket},
};
use crate::{
    api::{ApiError, proto::yandex::cloud::compute::v1::instance::Status},
    app::{
        input::{multiline, typing},
        model::Level,
        msg::{Effect, PowerAction},
        mutation::Mutation,
    },
    keymap::{Action, KeyContext, Keymap},
    nic::error::Field,
};

/// The effects that load a new form's options: every part at once.
pub fn open(form: &mut AttachForm) -> Vec<Effect> {
    form.load_all()
}

/// `keymap` names keys in the texts the form shows.
pub fn update(form: &mut AttachForm, msg: AttachMsg, keymap: &Keymap) -> Outcome {
    match msg {
        AttachMsg::Key { action, key } => on_key(form, action, &key, keymap),
        // An answer for another instance's form, or older than one taken already, is dropped.
        AttachMsg::Loaded {
            instance_id,
            part,
            ticket,
            result,
        } if instance_id == form.instance.id && form.tickets.take(Read::Part(part), ticket) => {
            Outcome::effects(form.on_loaded(part, result))
        }
        AttachMsg::Loaded { .. } => Outcome::default(),
        AttachMsg::SubnetOptions {
            subnet_id,
            ticket,
            result,
        } => {
            on_subnet_options(form, &subnet_id, ticket, result);
            Outcome::default()
        }
        AttachMsg::GroupNames { network_id, result } => {
            form.on_group_names(&network_id, result);
            Outcome::default()
        }
        AttachMsg::Accepted { operation_id } => {
            form.stage = Stage::Submitted {
                operation_id: Some(operation_id),
            };
            Outcome::default()
        }
        AttachMsg::SubmitNat(request) => submit::submit_nat(form, request),
        AttachMsg::StopConfirmed => stop_confirmed(form),
        AttachMsg::Refused(error) => {
            submit::refused(form, error);
            Outcome::default()
        }
        AttachMsg::Finished {
            operation_id,
            state,
        } => submit::on_finished(form, &operation_id, &state),
    }
}

/// A key, by the form's context: its picker, the review, or the fields.
fn on_key(
    form: &mut AttachForm,
    action: Option<Action>,
    key: &KeyEvent,
    keymap: &Keymap,
) -> Outcome {
    match form.key_context() {
        KeyContext::Picker => picker::on_key(form, action, key),
        KeyContext::Review => submit::review_key(form, action, keymap),
        _ => form_key(form, action, key, keymap),
    }
}

fn form_key(
    form: &mut AttachForm,
    action: Option<Action>,
    key: &KeyEvent,
    keymap: &Keymap,
) -> Outcome {
    if let Stage::Submitted { .. } = form.stage {
        if action == Some(Action::Back) {
            return Outcome {
                close: true,
                ..Outcome::toast(Level::Info, "the operation goes on in the operations pane")
            };
        }
        return Outcome::default();
    }
    let focus = form.focus;
    if focus.is_text() && (typing(key) || action.is_none()) && !multiline(key) {
        if let Some(input) = form.focused_input()
            && input.edit(key)
        {
            form.changed(focus.field());
        }
        return Outcome::default();
    }
    match action {
        Some(Action::NextField) => form.move_focus(1),
        Some(Action::PrevField) => form.move_focus(-1),
        Some(Action::Choose) => return Outcome::effects(choose_slot(form)),
        Some(Action::ToggleItem) => return Outcome::effects(toggle_slot(form)),
        Some(Action::AddRow) => match focus {
            Slot::DnsList(target) | Slot::Dns { target, .. } => form.add_row(target),
            _ => return Outcome::toast(Level::Info, "move to a DNS records list to add a row"),
        },
        Some(Action::RemoveRow) => {
            if let Slot::Dns { target, row, .. } = focus {
                form.remove_row(target, row);
            }
        }
        Some(Action::Review) => return review(form, keymap),
        Some(Action::StopFirst) => return stop_first(form),
        Some(Action::Back) => {
            return Outcome {
                ask_discard: form.feedback.edited,
                close: !form.feedback.edited,
                ..Outcome::default()
            };
        }
        _ => {}
    }
    Outcome::default()
}

/// Enter on a field: open its picker, reading its choices again; elsewhere move on.
fn choose_slot(form: &mut AttachForm) -> Vec<Effect> {
    let kind = match form.focus {
        Slot::Subnet => Some(PickerKind::Subnet),
        Slot::Nat if form.input.ipv4.nat.kind == NatKind::Static => Some(PickerKind::NatAddress),
        Slot::Dns {
            target,
            row,
            part: DnsSlot::Zone,
        } => Some(PickerKind::DnsZone { target, row }),
        Slot::SecurityGroups => Some(PickerKind::SecurityGroups),
        _ => None,
    };
    let Some(kind) = kind else {
        form.move_focus(1);
        return Vec::new();
    };
    form.picker = Some(form.open_picker(kind));
    match Part::of_picker(kind) {
        Some(part) => vec![form.reload(part)],
        None => refresh_groups(form),
    }
}

/// The group picker opened: read the subnet's groups again (nothing to read before a subnet).
fn refresh_groups(form: &mut AttachForm) -> Vec<Effect> {
    let chosen = form
        .subnet()
        .map(|s| (s.subnet.id.clone(), s.subnet.network_id.clone()));
    match chosen {
        Some((subnet_id, network_id)) => vec![form.read_subnet_options(subnet_id, network_id)],
        None => {
            if let Some(picker) = form.picker.as_mut() {
                picker.refresh = Refresh::Fresh;
            }
            Vec::new()
        }
    }
}

/// Space on a field: cycle the public IP kind, flip PTR, open the group list.
fn toggle_slot(form: &mut AttachForm) -> Vec<Effect> {
    match form.focus {
        Slot::Nat => {
            let public_ip = matches!(form.purpose, Purpose::PublicIp { .. });
            form.input.ipv4.nat.next_kind(!public_ip);
            form.changed(Some(Field::NatAddress));
        }
        Slot::Dns {
            target,
            row,
            part: DnsSlot::Ptr,
        } => {
            if let Some(r) = form.input.ipv4.rows_mut(target).get_mut(row) {
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
        Slot::SecurityGroups | Slot::Subnet | Slot::Dns { .. } => return choose_slot(form),
        _ => {}
    }
    Vec::new()
}

/// Ctrl-S: the review when every field is valid; else every error shows. An edit the
/// instance's state refuses says so first, naming the stop-first key.
fn review(form: &mut AttachForm, keymap: &Keymap) -> Outcome {
    form.feedback.show_all = true;
    form.revalidate();
    if let Purpose::Edit { .. } = form.purpose {
        if let Some(reason) = form.edit_refusal(&keymap.keys_of(Action::StopFirst)) {
            return Outcome::toast(Level::Error, reason);
        }
        return match form.update_request() {
            Ok(request) => {
                form.stage = Stage::Review {
                    request: ReviewRequest::Update(request.map(Box::new)),
                    scroll: 0,
                };
                Outcome::default()
            }
            Err(errors) => fix_first(errors.len()),
        };
    }
    if let Purpose::PublicIp { .. } = form.purpose {
        return match form.nat_request() {
            Ok(request) => Outcome {
                confirm_nat: Some(Box::new(request)),
                ..Outcome::default()
            },
            Err(errors) => {
                Outcome::toast(Level::Error, format!("fix {} field(s) first", errors.len()))
            }
        };
    }
    match form.request() {
        Ok(request) => {
            form.stage = Stage::Review {
                request: ReviewRequest::Attach(Box::new(request)),
                scroll: 0,
            };
            Outcome::default()
        }
        Err(errors) => fix_first(errors.len()),
    }
}

fn fix_first(n: usize) -> Outcome {
    Outcome::toast(Level::Error, format!("fix {n} field(s) before review"))
}

/// Ctrl-T: ask before stopping the instance so the interface can be attached.
fn stop_first(form: &mut AttachForm) -> Outcome {
    if let Purpose::PublicIp { .. } = form.purpose {
        return Outcome::toast(
            Level::Info,
            "a public IP is added to a RUNNING or STOPPED instance: no stop needed",
        );
    }
    if form.instance.status != Status::Running as i32 {
        let status = form.status_name();
        return Outcome::toast(
            Level::Info,
            format!("the instance is {status}, not RUNNING"),
        );
    }
    Outcome {
        confirm_stop: true,
        ..Outcome::default()
    }
}

/// The stop was confirmed: send it (tracked like any stop); the form waits for STOPPED.
fn stop_confirmed(form: &mut AttachForm) -> Outcome {
    if form.instance.status != Status::Running as i32 || !matches!(form.stage, Stage::Edit) {
        return Outcome::default();
    }
    form.stopped_for_this = true;
    Outcome::effects(vec![Effect::send(Mutation::Power {
        action: PowerAction::Stop,
        instance_id: form.instance.id.clone(),
    })])
}

fn on_subnet_options(
    form: &mut AttachForm,
    subnet_id: &str,
    ticket: Ticket,
    result: Result<Box<SubnetOptions>, ApiError>,
) {
    // Another subnet's answer, or an older read's, is stale.
    if form.input.subnet_id != subnet_id || !form.tickets.take(Read::SubnetOptions, ticket) {
        return;
    }
    let picker_reads = form
        .picker
        .as_ref()
        .is_some_and(|p| p.kind == PickerKind::SecurityGroups);
    match result {
        Ok(options) => {
            let keep = picker_reads.then(|| form.cursor_id()).flatten();
            form.ctx.used_addresses = options.used_addresses;
            form.ctx.network_security_groups =
                options.groups.iter().map(|(id, _)| id.clone()).collect();
            form.group_names.extend(options.groups.iter().cloned());
            form.groups = options.groups;
            form.subnet_load = Some(Load::Ready);
            if picker_reads {
                form.picker_refreshed(keep.as_deref());
            }
        }
        Err(e) => {
            if picker_reads && let Some(picker) = form.picker.as_mut() {
                picker.refresh = Refresh::Failed(e.summary());
            }
            // A failed re-read keeps the groups read before.
            if form.subnet_load != Some(Load::Ready) {
                form.subnet_load = Some(Load::Failed(e));
            }
        }
    }
    form.revalidate();
}
