//! The attach form's pickers: what each offers (subnets, free static addresses, DNS zones,
//! the network's security groups), filtering as you type, and their keys (move, choose, toggle
//! a group, close).

use std::collections::BTreeMap;

use crossterm::event::KeyEvent;
use tui_textarea::TextArea;

use super::{
    attach_focus::{DnsSlot, Slot},
    attach_form::{AttachForm, Load, line},
    attach_update::multiline,
    model::Model,
    msg::Effect,
};
use crate::{
    keymap::Action,
    nic::{
        error::{DnsTarget, Field},
        fields::MAX_SECURITY_GROUPS,
    },
};

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Subnet,
    NatAddress,
    DnsZone { target: DnsTarget, row: usize },
    SecurityGroups,
}

/// An open picker: type to filter, arrows to move, Enter to choose (Space toggles groups).
#[derive(Debug, Clone)]
pub struct Picker {
    pub kind: PickerKind,
    pub filter: TextArea<'static>,
    /// Position in the filtered items.
    pub selected: usize,
    pub message: Option<String>,
}

/// One line of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub id: String,
    pub label: String,
    pub detail: String,
}

impl AttachForm {
    /// Everything a picker offers, before filtering.
    pub fn items(&self, kind: PickerKind) -> Vec<PickItem> {
        let item = |id: &str, label: &str, detail: String| PickItem {
            id: id.to_string(),
            label: label.to_string(),
            detail,
        };
        match kind {
            PickerKind::Subnet => self
                .subnets
                .iter()
                .map(|s| {
                    let detail = format!(
                        "{}  network {}",
                        s.subnet.v4_cidr_blocks.join(","),
                        s.network_name
                    );
                    item(&s.subnet.id, &s.subnet.name, detail)
                })
                .collect(),
            PickerKind::NatAddress => self
                .ctx
                .free_static_addresses
                .iter()
                .map(|a| {
                    let zone = format!("free, {}", self.ctx.instance_zone);
                    item(&a.to_string(), &a.to_string(), zone)
                })
                .collect(),
            PickerKind::DnsZone { .. } => {
                let zones: BTreeMap<&String, &String> =
                    self.ctx.dns_zones.iter().map(|(id, z)| (z, id)).collect();
                let none = item("", "(no zone)", "the record goes to a private zone".into());
                std::iter::once(none)
                    .chain(zones.into_iter().map(|(z, id)| item(id, z, id.to_string())))
                    .collect()
            }
            PickerKind::SecurityGroups => self
                .groups
                .iter()
                .map(|(id, name)| item(id, name, id.clone()))
                .collect(),
        }
    }

    /// The open picker's items that match its filter.
    pub fn filtered(&self) -> Vec<PickItem> {
        let Some(picker) = &self.picker else {
            return Vec::new();
        };
        let needle = line(&picker.filter).to_lowercase();
        self.items(picker.kind)
            .into_iter()
            .filter(|i| {
                needle.is_empty()
                    || format!("{} {} {}", i.label, i.id, i.detail)
                        .to_lowercase()
                        .contains(&needle)
            })
            .collect()
    }
}

pub fn on_key(model: &mut Model, action: Option<Action>, key: &KeyEvent) -> Vec<Effect> {
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
