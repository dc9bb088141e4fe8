//! What the attach form reads for itself, part by part: the instance, the zone's subnets, the
//! folder's DNS zones and its free static addresses. Each part is its own effect, so all are
//! read at once and each section of the form shows "loading…" until its own answer. Opening a
//! picker reads its part again: the cached list shows meanwhile, a fresh one replaces it with
//! the cursor kept on the same item, a failure keeps the old list and says so; an answer
//! older than one taken already is dropped (`tickets.rs`). The effects and the answers'
//! handling are in `loads_update.rs`.

use std::{collections::HashMap, net::Ipv4Addr};

use crate::api::{
    ApiError,
    proto::yandex::cloud::{compute::v1::Instance, vpc::v1::Subnet},
};

/// Whether something the form needs has arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(ApiError),
}

/// A subnet the picker offers, with its network's name.
#[derive(Debug, Clone, PartialEq)]
pub struct SubnetRow {
    pub subnet: Subnet,
    pub network_name: String,
}

/// One part of what the form reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    pub fn get_mut(&mut self, part: Part) -> &mut Load {
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
