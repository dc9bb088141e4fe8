//! The keys of the attach form's pickers: move, choose, toggle a group, close, and typing into
//! the filter. What each picker offers is in `choices.rs`.

use crossterm::event::KeyEvent;

use super::{
    choices::PickerKind,
    focus::{DnsSlot, Slot},
    loads::Load,
    outcome::Outcome,
    state::{AttachForm, Purpose},
};
use crate::{
    app::msg::Effect,
    keymap::Action,
    nic::{error::Field, fields::MAX_SECURITY_GROUPS},
};

/// A key in the open picker.
pub fn on_key(form: &mut AttachForm, action: Option<Action>, key: &KeyEvent) -> Outcome {
    let count = form.filtered().len();
    let Some(picker) = form.picker.as_mut() else {
        return Outcome::default();
    };
    let multi = picker.kind == PickerKind::SecurityGroups;
    match action {
        Some(Action::Back) => form.picker = None,
        Some(Action::ItemUp) => picker.list.move_by(-1, count),
        Some(Action::ItemDown) => picker.list.move_by(1, count),
        Some(Action::ToggleItem) if multi => toggle_group(form),
        Some(Action::Choose) => return Outcome::effects(pick(form)),
        _ => {
            picker.list.type_key(key);
        }
    }
    Outcome::default()
}

/// Space in the group list: add or remove the highlighted group (at most five).
fn toggle_group(form: &mut AttachForm) {
    let items = form.filtered();
    let Some(picker) = form.picker.as_mut() else {
        return;
    };
    let Some(item) = items.get(picker.list.selected) else {
        return;
    };
    picker.list.message = None;
    if let Some(at) = form
        .input
        .security_groups
        .iter()
        .position(|g| *g == item.id)
    {
        form.input.security_groups.remove(at);
    } else if form.input.security_groups.len() >= MAX_SECURITY_GROUPS {
        picker.list.message = Some(format!(
            "at most {MAX_SECURITY_GROUPS} security groups; remove one first"
        ));
        return;
    } else {
        form.input.security_groups.push(item.id.clone());
    }
    form.changed(Some(Field::SecurityGroups));
}

/// Enter in a picker: take the highlighted item (the group list just closes).
fn pick(form: &mut AttachForm) -> Vec<Effect> {
    let items = form.filtered();
    let Some(picker) = form.picker.as_mut() else {
        return Vec::new();
    };
    let Some(item) = items.get(picker.list.selected) else {
        if picker.kind == PickerKind::SecurityGroups {
            form.picker = None;
        } else {
            picker.list.message = Some(nothing_matches(picker.list.filter.text()));
        }
        return Vec::new();
    };
    let Some(picker) = form.picker.take() else {
        return Vec::new();
    };
    let mut effects = Vec::new();
    match picker.kind {
        PickerKind::Subnet => {
            if form.input.subnet_id != item.id {
                form.input.subnet_id = item.id.clone();
                form.ctx.subnet = form.subnet().map(|s| s.subnet.clone());
                form.ctx.used_addresses.clear();
                form.ctx.network_security_groups.clear();
                form.groups.clear();
                form.input.security_groups.clear();
                // An edited interface that moves gets an address of the new subnet.
                if let Purpose::Edit { .. } = form.purpose {
                    form.input.ipv4.address = crate::app::input::LineInput::with_text("");
                }
                form.subnet_load = Some(Load::Loading);
                if let Some(network_id) = form.subnet().map(|s| s.subnet.network_id.clone()) {
                    let subnet_id = item.id.clone();
                    effects.push(form.read_subnet_options(subnet_id, network_id));
                }
            }
            form.changed(Some(Field::Subnet));
            form.move_focus(1);
        }
        PickerKind::NatAddress => {
            form.input.ipv4.nat.address = item.id.clone();
            form.changed(Some(Field::NatAddress));
        }
        PickerKind::DnsZone { target, row } => {
            if let Some(r) = form.input.ipv4.rows_mut(target).get_mut(row) {
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

/// Enter with nothing under the cursor: the picker stays open and says why.
fn nothing_matches(filter: &str) -> String {
    if filter.is_empty() {
        "nothing to choose here".into()
    } else {
        format!("nothing matches {filter:?}")
    }
}
