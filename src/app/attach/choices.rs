//! The attach form's pickers as state: what each offers (subnets, free static addresses, DNS
//! zones, the network's security groups) and the items that match the typed filter.

use std::collections::BTreeMap;

use super::state::AttachForm;
use crate::app::input::LineInput;
use crate::nic::error::DnsTarget;

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
    pub filter: LineInput,
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
        let needle = picker.filter.text().to_lowercase();
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
