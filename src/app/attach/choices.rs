//! The attach form's pickers as state: what each offers (subnets, free static addresses, DNS
//! zones, the network's security groups) as rows of the shared `PickList` model, and whether
//! the open picker's list is being read again.

use std::collections::BTreeMap;

use super::{loads::Part, state::AttachForm};
use crate::{
    app::pick_list::{PickItem, PickList},
    nic::error::DnsTarget,
};

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Subnet,
    NatAddress,
    DnsZone { target: DnsTarget, row: usize },
    SecurityGroups,
}

/// The re-read a picker asks for when it opens.
#[derive(Debug, Clone, PartialEq)]
pub enum Refresh {
    /// The list shown is the cached one; a fresh one is on its way.
    Reading,
    /// The list shown is fresh.
    Fresh,
    /// The re-read failed (why): the list shown is the cached one.
    Failed(String),
}

/// An open picker: type to filter, arrows to move, Enter to choose (Space toggles groups).
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub kind: PickerKind,
    pub list: PickList,
    pub refresh: Refresh,
}

impl Picker {
    /// A picker whose list is being read again.
    pub fn new(kind: PickerKind) -> Self {
        Self {
            kind,
            list: PickList::default(),
            refresh: Refresh::Reading,
        }
    }
}

impl AttachForm {
    /// The id of what the field under `kind` holds now (a prefilled or earlier choice).
    fn chosen(&self, kind: PickerKind) -> Option<&str> {
        match kind {
            PickerKind::Subnet => Some(&self.input.subnet_id),
            PickerKind::NatAddress => Some(&self.input.ipv4.nat.address),
            PickerKind::DnsZone { target, row } => self
                .input
                .ipv4
                .rows(target)
                .get(row)
                .map(|r| r.zone_id.as_str()),
            PickerKind::SecurityGroups => None,
        }
    }

    /// A picker for `kind` with its cursor on the field's present choice, else the first item.
    pub fn open_picker(&self, kind: PickerKind) -> Picker {
        let mut picker = Picker::new(kind);
        if let Some(id) = self.chosen(kind).filter(|id| !id.is_empty()) {
            let items = self.items(kind);
            picker.list.selected = items.iter().position(|i| i.id == id).unwrap_or(0);
        }
        picker
    }

    /// Everything a picker offers, before filtering.
    pub fn items(&self, kind: PickerKind) -> Vec<PickItem> {
        match kind {
            PickerKind::Subnet => self
                .subnets
                .iter()
                .map(|s| {
                    let cells = vec![
                        s.subnet.name.clone(),
                        s.subnet.v4_cidr_blocks.join(","),
                        format!("network {}", s.network_name),
                    ];
                    PickItem::new(&s.subnet.id, cells)
                })
                .collect(),
            PickerKind::NatAddress => self
                .ctx
                .free_static_addresses
                .iter()
                .map(|a| {
                    let zone = format!("free, {}", self.ctx.instance_zone);
                    PickItem::new(a.to_string(), vec![a.to_string(), zone])
                })
                .collect(),
            PickerKind::DnsZone { .. } => {
                let zones: BTreeMap<&String, &String> =
                    self.ctx.dns_zones.iter().map(|(id, z)| (z, id)).collect();
                let none = PickItem::new(
                    "",
                    vec![
                        "(no zone)".into(),
                        "the record goes to a private zone".into(),
                    ],
                );
                std::iter::once(none)
                    .chain(
                        zones
                            .into_iter()
                            .map(|(z, id)| PickItem::new(id, vec![z.clone(), id.clone()])),
                    )
                    .collect()
            }
            PickerKind::SecurityGroups => self
                .groups
                .iter()
                .map(|(id, name)| PickItem::new(id, vec![name.clone(), id.clone()]))
                .collect(),
        }
    }

    /// The id of the item under the open picker's cursor.
    pub fn cursor_id(&self) -> Option<String> {
        let picker = self.picker.as_ref()?;
        let items = self.filtered();
        items.get(picker.list.selected).map(|i| i.id.clone())
    }

    /// The open picker's list was read again: the cursor goes back to the item `keep` (by
    /// id), or stays in range when that item is gone.
    pub fn picker_refreshed(&mut self, keep: Option<&str>) {
        let items = self.filtered();
        let Some(picker) = self.picker.as_mut() else {
            return;
        };
        picker.refresh = Refresh::Fresh;
        let at = keep.and_then(|id| items.iter().position(|i| i.id == id));
        picker.list.selected = at.unwrap_or(picker.list.selected);
        picker.list.move_by(0, items.len());
    }

    /// The open picker's items that match its filter.
    pub fn filtered(&self) -> Vec<PickItem> {
        match &self.picker {
            Some(picker) => picker.list.matching(self.items(picker.kind)),
            None => Vec::new(),
        }
    }
}

impl Part {
    /// The part a picker offers, if it is one of these (security groups come with the subnet).
    pub fn of_picker(kind: PickerKind) -> Option<Part> {
        match kind {
            PickerKind::Subnet => Some(Part::Subnets),
            PickerKind::NatAddress => Some(Part::Addresses),
            PickerKind::DnsZone { .. } => Some(Part::DnsZones),
            PickerKind::SecurityGroups => None,
        }
    }
}
