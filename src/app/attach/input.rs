//! What the user typed and chose in the attach form: the interface's values (`AttachInput`),
//! their public address part (`NatInput`) and DNS record rows (`DnsInput`).
//! `AttachInput::draft` turns them into the `AttachDraft` they fill.

use crate::{
    app::input::LineInput,
    nic::{
        draft::{AttachDraft, DnsRow},
        error::DnsTarget,
        fields::NatChoice,
    },
};

/// The public address choice, without the static address itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NatKind {
    #[default]
    None,
    Ephemeral,
    Static,
}

/// One DNS record row as edited.
#[derive(Debug, Clone)]
pub struct DnsInput {
    pub fqdn: LineInput,
    pub zone_id: String,
    pub ttl: LineInput,
    pub ptr: bool,
}

impl DnsInput {
    pub(super) fn new() -> Self {
        Self::from_row(&DnsRow::default())
    }

    /// A row holding `row`'s parts, as if typed.
    pub(super) fn from_row(row: &DnsRow) -> Self {
        Self {
            fqdn: LineInput::with_text(&row.fqdn),
            zone_id: row.zone_id.clone(),
            ttl: LineInput::with_text(&row.ttl),
            ptr: row.ptr,
        }
    }

    pub(super) fn row(&self) -> DnsRow {
        DnsRow {
            fqdn: self.fqdn.text().to_string(),
            zone_id: self.zone_id.clone(),
            ttl: self.ttl.text().to_string(),
            ptr: self.ptr,
        }
    }
}

/// The public address part (one-to-one NAT): its kind, the static address and the public DNS
/// records; all that the public IP form asks.
#[derive(Debug, Clone, Default)]
pub struct NatInput {
    pub kind: NatKind,
    /// The static address picked; empty until one is.
    pub address: String,
    pub dns: Vec<DnsInput>,
}

impl NatInput {
    /// The choice as the draft holds it.
    pub fn choice(&self) -> NatChoice {
        match self.kind {
            NatKind::None => NatChoice::None,
            NatKind::Ephemeral => NatChoice::Ephemeral,
            NatKind::Static => NatChoice::Static(self.address.clone()),
        }
    }

    /// Space on the kind: none, ephemeral, static in turn; without `none` (the public IP form,
    /// where removing is `N`), static goes back to ephemeral.
    pub fn next_kind(&mut self, none_allowed: bool) {
        self.kind = match self.kind {
            NatKind::None => NatKind::Ephemeral,
            NatKind::Ephemeral => NatKind::Static,
            NatKind::Static if none_allowed => NatKind::None,
            NatKind::Static => NatKind::Ephemeral,
        };
    }
}

/// The interface's primary IPv4 address as typed, nested as the API's address spec nests it:
/// the internal address, its public part and its DNS records.
#[derive(Debug, Clone, Default)]
pub struct Ipv4Input {
    /// The internal address; empty = assigned by the cloud (or kept, when editing).
    pub address: LineInput,
    pub nat: NatInput,
    pub dns: Vec<DnsInput>,
}

impl Ipv4Input {
    /// The DNS record rows of the internal address or of its public part.
    pub fn rows(&self, target: DnsTarget) -> &Vec<DnsInput> {
        match target {
            DnsTarget::Internal => &self.dns,
            DnsTarget::Nat => &self.nat.dns,
        }
    }

    pub fn rows_mut(&mut self, target: DnsTarget) -> &mut Vec<DnsInput> {
        match target {
            DnsTarget::Internal => &mut self.dns,
            DnsTarget::Nat => &mut self.nat.dns,
        }
    }
}

/// The interface's values as typed: everything its `AttachDraft` is built from.
#[derive(Debug, Clone)]
pub struct AttachInput {
    pub index: LineInput,
    pub subnet_id: String,
    pub ipv4: Ipv4Input,
    pub security_groups: Vec<String>,
}

impl AttachInput {
    /// Nothing chosen yet but the interface index.
    pub fn new(index: &str) -> Self {
        Self {
            index: LineInput::with_text(index),
            subnet_id: String::new(),
            ipv4: Ipv4Input::default(),
            security_groups: Vec::new(),
        }
    }

    /// The draft for the instance `instance_id`, as typed.
    pub fn draft(&self, instance_id: &str) -> AttachDraft {
        AttachDraft {
            instance_id: instance_id.to_string(),
            index: self.index.text().to_string(),
            subnet_id: self.subnet_id.clone(),
            ipv4: self.ipv4.address.text().to_string(),
            nat: self.ipv4.nat.choice(),
            nat_ip_version: String::new(),
            internal_dns: self.ipv4.dns.iter().map(DnsInput::row).collect(),
            nat_dns: self.ipv4.nat.dns.iter().map(DnsInput::row).collect(),
            security_group_ids: self.security_groups.clone(),
        }
    }
}
