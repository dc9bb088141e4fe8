//! What the attach form reads for itself, part by part: the instance, the zone's subnets, the
//! folder's DNS zones and its free static addresses. Each part is its own effect, so all are
//! read at once and each section of the form shows "loading…" until its own answer. Opening a
//! picker reads its part again: the cached list shows meanwhile, a fresh one replaces it with
//! the cursor kept on the same item, a failure keeps the old list and says so.

use std::{collections::HashMap, net::Ipv4Addr};

use super::{
    choices::{PickerKind, Refresh},
    state::{AttachForm, Load, SubnetRow},
};
use crate::{
    api::{ApiError, proto::yandex::cloud::compute::v1::Instance},
    app::msg::Effect,
};

/// One part of what the form reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Instance,
    Subnets,
    DnsZones,
    Addresses,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Instance,
        Part::Subnets,
        Part::DnsZones,
        Part::Addresses,
    ];

    /// What the form calls it ("could not load DNS zones").
    pub fn label(self) -> &'static str {
        match self {
            Part::Instance => "the instance",
            Part::Subnets => "subnets",
            Part::DnsZones => "DNS zones",
            Part::Addresses => "free addresses",
        }
    }

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

/// A part as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Instance(Box<Instance>),
    /// The folder's subnets in the instance's zone, by name.
    Subnets(Vec<SubnetRow>),
    /// DNS zone id -> zone.
    DnsZones(HashMap<String, String>),
    /// Reserved, unused external IPv4 addresses in the instance's zone.
    Addresses(Vec<Ipv4Addr>),
}

impl Loaded {
    pub fn part(&self) -> Part {
        match self {
            Loaded::Instance(_) => Part::Instance,
            Loaded::Subnets(_) => Part::Subnets,
            Loaded::DnsZones(_) => Part::DnsZones,
            Loaded::Addresses(_) => Part::Addresses,
        }
    }
}

/// Where each part is: read yet, or why not.
#[derive(Debug, Clone, PartialEq)]
pub struct Loads {
    pub instance: Load,
    pub subnets: Load,
    pub dns_zones: Load,
    pub addresses: Load,
}

impl Default for Loads {
    fn default() -> Self {
        Self {
            instance: Load::Loading,
            subnets: Load::Loading,
            dns_zones: Load::Loading,
            addresses: Load::Loading,
        }
    }
}

impl Loads {
    pub fn get(&self, part: Part) -> &Load {
        match part {
            Part::Instance => &self.instance,
            Part::Subnets => &self.subnets,
            Part::DnsZones => &self.dns_zones,
            Part::Addresses => &self.addresses,
        }
    }

    fn get_mut(&mut self, part: Part) -> &mut Load {
        match part {
            Part::Instance => &mut self.instance,
            Part::Subnets => &mut self.subnets,
            Part::DnsZones => &mut self.dns_zones,
            Part::Addresses => &mut self.addresses,
        }
    }

    /// Every part has been read.
    pub fn ready(&self) -> bool {
        Part::ALL.iter().all(|p| *self.get(*p) == Load::Ready)
    }

    /// Every part has answered (read or failed).
    pub fn settled(&self) -> bool {
        Part::ALL.iter().all(|p| *self.get(*p) != Load::Loading)
    }
}

impl AttachForm {
    /// The effect that reads `part` for this form.
    pub fn load(&self, part: Part) -> Effect {
        Effect::LoadAttachPart {
            instance_id: self.instance.id.clone(),
            folder_id: self.instance.folder_id.clone(),
            zone_id: self.instance.zone_id.clone(),
            part,
        }
    }

    /// Reads every part at once (a new form).
    pub fn load_all(&self) -> Vec<Effect> {
        Part::ALL.into_iter().map(|p| self.load(p)).collect()
    }

    /// Reads `part` again for a picker; a part that failed shows as loading meanwhile.
    pub fn reload(&mut self, part: Part) -> Effect {
        let load = self.loads.get_mut(part);
        if matches!(load, Load::Failed(_)) {
            *load = Load::Loading;
        }
        self.load(part)
    }

    /// An answer for `part`: the data replaces the old (the open picker keeps its cursor on the
    /// same item); a failure keeps what was read before. A subnet already chosen (the edit
    /// form's own) reads its groups and used addresses once the subnets are known.
    pub fn on_loaded(&mut self, part: Part, result: Result<Loaded, ApiError>) -> Vec<Effect> {
        let picker_reads = self
            .picker
            .as_ref()
            .is_some_and(|p| Part::of_picker(p.kind) == Some(part));
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                if picker_reads && let Some(picker) = self.picker.as_mut() {
                    picker.refresh = Refresh::Failed(error.summary());
                }
                let load = self.loads.get_mut(part);
                if *load != Load::Ready {
                    *load = Load::Failed(error);
                }
                return Vec::new();
            }
        };
        let keep = picker_reads.then(|| self.cursor_id()).flatten();
        match loaded {
            Loaded::Instance(instance) => self.set_instance(*instance),
            Loaded::Subnets(subnets) => self.subnets = subnets,
            Loaded::DnsZones(zones) => self.ctx.dns_zones = zones,
            Loaded::Addresses(addresses) => self.ctx.free_static_addresses = addresses,
        }
        *self.loads.get_mut(part) = Load::Ready;
        if picker_reads {
            self.picker_refreshed(keep.as_deref());
        }
        let effects = if part == Part::Subnets {
            self.chosen_subnet_options()
        } else {
            Vec::new()
        };
        self.revalidate();
        effects
    }

    /// The subnets arrived: a subnet chosen before them (the edit form's) is looked up, and
    /// its groups and used addresses are read unless they were already.
    fn chosen_subnet_options(&mut self) -> Vec<Effect> {
        if self.ctx.subnet.is_none() {
            self.ctx.subnet = self.subnet().map(|s| s.subnet.clone());
        }
        match self.subnet().map(|s| s.subnet.network_id.clone()) {
            Some(network_id) if self.subnet_load.is_none() => {
                self.subnet_load = Some(Load::Loading);
                vec![Effect::LoadSubnetOptions {
                    subnet_id: self.subnet_id.clone(),
                    network_id,
                }]
            }
            _ => Vec::new(),
        }
    }
}
