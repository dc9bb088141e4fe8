//! The attach form's raw input (`AttachDraft`), what validation needs to know
//! (`ValidationContext`),
//! and `validate`, which returns every field error or the exact API request.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::Ipv4Addr;

use crate::api::proto::yandex::cloud::compute::v1::{
    AttachInstanceNetworkInterfaceRequest, DnsRecordSpec, OneToOneNatSpec, PrimaryAddressSpec,
};
use crate::api::proto::yandex::cloud::vpc::v1::Subnet;

use super::error::{DnsPart, DnsTarget, Field, FieldError};
use super::fields::{
    NatChoice, check_nic_capacity, check_security_groups, parse_index, parse_ip_version, parse_ttl,
};
use super::fqdn::{fits_zone, parse_fqdn};
use super::ipv4::{Cidr, parse_cidr, parse_ipv4};

/// One DNS record row as typed: all parts empty (and `ptr` off) means no record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DnsRow {
    /// The record name; without a trailing dot it is relative to the zone.
    pub fqdn: String,
    /// The DNS zone id; empty = a private zone.
    pub zone_id: String,
    /// TTL in seconds; empty = the service default.
    pub ttl: String,
    /// Also create a PTR record.
    pub ptr: bool,
}

impl DnsRow {
    /// A row with these parts as typed.
    pub fn new(fqdn: &str, zone_id: &str, ttl: &str, ptr: bool) -> Self {
        Self {
            fqdn: fqdn.into(),
            zone_id: zone_id.into(),
            ttl: ttl.into(),
            ptr,
        }
    }

    /// Whether the row holds nothing and is ignored.
    pub fn is_empty(&self) -> bool {
        self.fqdn.is_empty() && self.zone_id.is_empty() && self.ttl.is_empty() && !self.ptr
    }
}

/// The attach request as the user typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttachDraft {
    /// The instance to attach to.
    pub instance_id: String,
    /// The network interface index, "0".."15".
    pub index: String,
    /// The subnet to attach to.
    pub subnet_id: String,
    /// The internal IPv4 address; empty = assigned by the cloud.
    pub ipv4: String,
    /// The public address choice.
    pub nat: NatChoice,
    /// The public address's ip version; empty = IPv4.
    pub nat_ip_version: String,
    /// DNS records for the internal address.
    pub internal_dns: Vec<DnsRow>,
    /// DNS records for the public address.
    pub nat_dns: Vec<DnsRow>,
    /// Security groups for the interface.
    pub security_group_ids: Vec<String>,
}

/// What validation knows about the cloud. Anything absent here counts as not existing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationContext {
    /// The instance's availability zone.
    pub instance_zone: String,
    /// Indexes of the instance's network interfaces; their count is the number of interfaces.
    pub used_indexes: BTreeSet<u32>,
    /// The subnet named by the draft, if it was found.
    pub subnet: Option<Subnet>,
    /// Addresses in use in that subnet.
    pub used_addresses: HashSet<Ipv4Addr>,
    /// DNS zones: id -> zone name (e.g. "example.com.").
    pub dns_zones: HashMap<String, String>,
    /// Security group ids of the subnet's network.
    pub network_security_groups: Vec<String>,
    /// Static external addresses in the instance's zone that are not in use.
    pub free_static_addresses: Vec<Ipv4Addr>,
}

/// Collects field errors while validating.
struct Errors(Vec<FieldError>);

impl Errors {
    fn check<T>(&mut self, field: Field, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|m| self.0.push(FieldError::new(field, m)))
            .ok()
    }
}

impl AttachDraft {
    /// Checks every field against the rules and `ctx`; returns all errors (one per field at
    /// most), or the exact request to send.
    pub fn validate(
        &self,
        ctx: &ValidationContext,
    ) -> Result<AttachInstanceNetworkInterfaceRequest, Vec<FieldError>> {
        let mut errs = Errors(Vec::new());
        let instance = if self.instance_id.is_empty() {
            Err("an instance id is required".to_string())
        } else {
            check_nic_capacity(ctx.used_indexes.len())
        };
        errs.check(Field::Instance, instance);
        let index = errs.check(Field::Index, parse_index(&self.index, &ctx.used_indexes));
        let cidrs = errs.check(Field::Subnet, self.subnet_cidrs(ctx));
        let address = errs.check(Field::Ipv4, self.internal_address(ctx, cidrs.as_deref()));
        let nat = self.nat_spec(ctx, &mut errs);
        let internal_dns = dns_specs(&self.internal_dns, DnsTarget::Internal, ctx, &mut errs);
        let nat_dns = self.nat_dns_specs(ctx, &mut errs);
        errs.check(
            Field::SecurityGroups,
            check_security_groups(&self.security_group_ids, &ctx.network_security_groups),
        );
        match (index, nat) {
            (Some(index), Some(nat)) if errs.0.is_empty() => {
                Ok(AttachInstanceNetworkInterfaceRequest {
                    instance_id: self.instance_id.clone(),
                    network_interface_index: index.to_string(),
                    subnet_id: self.subnet_id.clone(),
                    primary_v4_address_spec: Some(PrimaryAddressSpec {
                        address: address.flatten().map(|a| a.to_string()).unwrap_or_default(),
                        one_to_one_nat_spec: nat.map(|mut spec| {
                            spec.dns_record_specs = nat_dns;
                            spec
                        }),
                        dns_record_specs: internal_dns,
                    }),
                    security_group_ids: self.security_group_ids.clone(),
                })
            }
            _ => Err(errs.0),
        }
    }

    /// Turns a field of the built request into the field of this draft: DNS rows are numbered
    /// in the request without the draft's empty rows (see `load::field_of`).
    pub fn draft_field(&self, request_field: Field) -> Field {
        let Field::Dns { target, row, part } = request_field else {
            return request_field;
        };
        let rows = match target {
            DnsTarget::Internal => &self.internal_dns,
            DnsTarget::Nat => &self.nat_dns,
        };
        let row = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.is_empty())
            .nth(row)
            .map_or(row, |(i, _)| i);
        Field::Dns { target, row, part }
    }

    /// The public address's DNS specs; rows without a public address are errors.
    fn nat_dns_specs(&self, ctx: &ValidationContext, errs: &mut Errors) -> Vec<DnsRecordSpec> {
        if self.nat == NatChoice::None {
            let rows = self
                .nat_dns
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.is_empty());
            for (row, _) in rows {
                errs.0.push(FieldError::new(
                    Field::Dns {
                        target: DnsTarget::Nat,
                        row,
                        part: DnsPart::Fqdn,
                    },
                    "DNS records for the public address need a one-to-one NAT address",
                ));
            }
            Vec::new()
        } else {
            dns_specs(&self.nat_dns, DnsTarget::Nat, ctx, errs)
        }
    }

    /// The subnet's IPv4 CIDR blocks, once the subnet is known and in the instance's zone.
    fn subnet_cidrs(&self, ctx: &ValidationContext) -> Result<Vec<Cidr>, String> {
        if self.subnet_id.is_empty() {
            return Err("a subnet is required".to_string());
        }
        let subnet = match &ctx.subnet {
            Some(s) if s.id == self.subnet_id => s,
            _ => return Err(format!("subnet {} was not found", self.subnet_id)),
        };
        if subnet.zone_id != ctx.instance_zone {
            return Err(format!(
                "subnet {} is in zone {}, but the instance is in zone {}; the subnet must be in the instance's zone",
                subnet.id, subnet.zone_id, ctx.instance_zone
            ));
        }
        let cidrs: Vec<Cidr> = subnet
            .v4_cidr_blocks
            .iter()
            .filter_map(|b| parse_cidr(b).ok())
            .collect();
        if cidrs.is_empty() {
            return Err(format!("subnet {} has no IPv4 CIDR block", subnet.id));
        }
        Ok(cidrs)
    }

    /// The internal address: `None` = assigned by the cloud. Range checks need the CIDRs;
    /// without them the subnet already carries an error.
    fn internal_address(
        &self,
        ctx: &ValidationContext,
        cidrs: Option<&[Cidr]>,
    ) -> Result<Option<Ipv4Addr>, String> {
        if self.ipv4.is_empty() {
            return Ok(None);
        }
        let addr = parse_ipv4(&self.ipv4)?;
        let Some(cidrs) = cidrs else {
            return Ok(Some(addr));
        };
        let Some(cidr) = cidrs.iter().find(|c| c.contains(addr)) else {
            let list: Vec<String> = cidrs.iter().map(Cidr::to_string).collect();
            return Err(format!(
                "{addr} is outside the subnet's CIDR {}; the address must lie in the subnet",
                list.join(", ")
            ));
        };
        if let Some(role) = cidr.reserved_role(addr) {
            return Err(format!("{addr} is the subnet's {role}"));
        }
        if ctx.used_addresses.contains(&addr) {
            return Err(format!("{addr} is already in use in the subnet"));
        }
        Ok(Some(addr))
    }

    /// The NAT spec without DNS records: `Some(None)` = no public address, `None` = invalid.
    fn nat_spec(
        &self,
        ctx: &ValidationContext,
        errs: &mut Errors,
    ) -> Option<Option<OneToOneNatSpec>> {
        let address = match &self.nat {
            NatChoice::None => return Some(None),
            NatChoice::Ephemeral => Some(String::new()),
            NatChoice::Static(a) => errs.check(Field::NatAddress, static_address(a, ctx)),
        };
        let version = errs.check(Field::Nat, parse_ip_version(&self.nat_ip_version));
        let (address, version) = (address?, version?);
        Some(Some(OneToOneNatSpec {
            ip_version: version as i32,
            address,
            dns_record_specs: vec![],
        }))
    }
}

impl AttachDraft {
    /// The subnet and internal-address checks alone, for an interface that moves or changes its
    /// address: the address (`None` = assigned by the cloud), or the errors.
    pub fn check_placement(
        &self,
        ctx: &ValidationContext,
    ) -> Result<Option<Ipv4Addr>, Vec<FieldError>> {
        let mut errs = Errors(Vec::new());
        let cidrs = errs.check(Field::Subnet, self.subnet_cidrs(ctx));
        let address = errs.check(Field::Ipv4, self.internal_address(ctx, cidrs.as_deref()));
        match address {
            Some(address) if errs.0.is_empty() => Ok(address),
            _ => Err(errs.0),
        }
    }
}

/// The DNS record specs of `rows` for `target`, checked as the attach form checks them.
pub fn check_dns_rows(
    rows: &[DnsRow],
    target: DnsTarget,
    ctx: &ValidationContext,
) -> Result<Vec<DnsRecordSpec>, Vec<FieldError>> {
    let mut errs = Errors(Vec::new());
    let specs = dns_specs(rows, target, ctx, &mut errs);
    if errs.0.is_empty() {
        Ok(specs)
    } else {
        Err(errs.0)
    }
}

/// The NAT spec for a public address on an existing interface (`None` counts as ephemeral) with
/// its DNS rows, checked as the attach form checks its NAT fields.
pub fn check_nat(
    nat: &NatChoice,
    dns: &[DnsRow],
    ctx: &ValidationContext,
) -> Result<OneToOneNatSpec, Vec<FieldError>> {
    let nat = match nat {
        NatChoice::None => NatChoice::Ephemeral,
        other => other.clone(),
    };
    let draft = AttachDraft {
        nat,
        nat_dns: dns.to_vec(),
        ..AttachDraft::default()
    };
    let mut errs = Errors(Vec::new());
    let spec = draft.nat_spec(ctx, &mut errs);
    let dns = draft.nat_dns_specs(ctx, &mut errs);
    match spec {
        Some(Some(mut spec)) if errs.0.is_empty() => {
            spec.dns_record_specs = dns;
            Ok(spec)
        }
        _ => Err(errs.0),
    }
}

/// A static external address: a strict IPv4 that is reserved, free and in the instance's zone.
fn static_address(raw: &str, ctx: &ValidationContext) -> Result<String, String> {
    if raw.is_empty() {
        return Err("choose a static address, or an ephemeral one".to_string());
    }
    let addr = parse_ipv4(raw)?;
    if !ctx.free_static_addresses.contains(&addr) {
        return Err(format!(
            "{addr} is not a free static external address in zone {}; reserve one or choose an ephemeral address",
            ctx.instance_zone
        ));
    }
    Ok(addr.to_string())
}

/// The DNS record specs of the non-empty rows; errors name the draft's row.
fn dns_specs(
    rows: &[DnsRow],
    target: DnsTarget,
    ctx: &ValidationContext,
    errs: &mut Errors,
) -> Vec<DnsRecordSpec> {
    let mut specs = Vec::new();
    for (row, r) in rows.iter().enumerate().filter(|(_, r)| !r.is_empty()) {
        let field = |part| Field::Dns { target, row, part };
        let zone = if r.zone_id.is_empty() {
            Ok(None)
        } else {
            ctx.dns_zones
                .get(&r.zone_id)
                .map(|z| Some(z.as_str()))
                .ok_or_else(|| format!("DNS zone {} was not found", r.zone_id))
        };
        let zone = errs.check(field(DnsPart::Zone), zone);
        let fqdn = match zone {
            Some(Some(zone)) => fits_zone(&r.fqdn, zone),
            _ => parse_fqdn(&r.fqdn).map(|_| ()),
        };
        let fqdn = errs.check(field(DnsPart::Fqdn), fqdn);
        let ttl = errs.check(field(DnsPart::Ttl), parse_ttl(&r.ttl));
        if let (Some(_), Some(_), Some(ttl)) = (zone, fqdn, ttl) {
            specs.push(DnsRecordSpec {
                fqdn: r.fqdn.clone(),
                dns_zone_id: r.zone_id.clone(),
                ttl: ttl.unwrap_or(0),
                ptr: r.ptr,
            });
        }
    }
    specs
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
