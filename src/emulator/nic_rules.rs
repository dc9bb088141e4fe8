//! AttachNetworkInterface / DetachNetworkInterface rules: validation and the resulting NIC.

use super::operations::{Change, Plan};
use super::store::Store;
use crate::api::proto::yandex::cloud::compute::v1::{
    AttachInstanceNetworkInterfaceMetadata, AttachInstanceNetworkInterfaceRequest,
    DetachInstanceNetworkInterfaceMetadata, DetachInstanceNetworkInterfaceRequest, DnsRecord,
    DnsRecordSpec, Instance, IpVersion, NetworkInterface, OneToOneNat, OneToOneNatSpec,
    PrimaryAddress, instance,
};
use crate::api::proto::yandex::cloud::dns::v1::DnsZone;
use crate::api::proto::yandex::cloud::vpc::v1::{Network, SecurityGroup, Subnet, address};
use std::net::Ipv4Addr;
use tonic::Status;

/// Network interfaces an instance may have.
pub const MAX_NICS: usize = 8;
/// Security groups one NIC may have.
pub const MAX_SECURITY_GROUPS: usize = 5;
/// DNS record specs one address (internal or one-to-one NAT) may have.
pub const MAX_DNS_RECORDS_PER_ADDRESS: usize = 32;

pub(super) fn invalid(msg: String) -> Status {
    Status::invalid_argument(msg)
}

/// network_interface_index: a decimal "0".."15".
pub(super) fn check_index(index: &str) -> Result<(), Status> {
    let ok = !index.is_empty()
        && index.len() <= 2
        && index.bytes().all(|b| b.is_ascii_digit())
        && !(index.len() == 2 && index.starts_with('0'))
        && index.parse::<u8>().is_ok_and(|n| n <= 15);
    if index.is_empty() {
        return Err(invalid("network_interface_index: required".into()));
    }
    if !ok {
        return Err(invalid(format!(
            "network_interface_index: '{index}' must be a decimal number from 0 to 15"
        )));
    }
    Ok(())
}

/// An instance status's API name.
pub(super) fn status_name(status: i32) -> &'static str {
    instance::Status::try_from(status)
        .map(|s| s.as_str_name())
        .unwrap_or("STATUS_UNSPECIFIED")
}

pub(super) fn require_stopped(inst: &Instance, action: &str) -> Result<(), Status> {
    if inst.status != instance::Status::Stopped as i32 {
        return Err(Status::failed_precondition(format!(
            "instance {} is {}; it must be STOPPED to {action} a network interface",
            inst.id,
            status_name(inst.status)
        )));
    }
    Ok(())
}

pub(super) fn check_dns_specs(field: &str, specs: &[DnsRecordSpec]) -> Result<(), Status> {
    if specs.len() > MAX_DNS_RECORDS_PER_ADDRESS {
        return Err(invalid(format!(
            "{field}: {} given, at most {MAX_DNS_RECORDS_PER_ADDRESS} are allowed",
            specs.len()
        )));
    }
    for (i, s) in specs.iter().enumerate() {
        if s.fqdn.is_empty() {
            return Err(invalid(format!("{field}[{i}].fqdn: required")));
        }
        // At most 253 characters, labels of 1-63 letters, digits and hyphens.
        if let Err(rule) = crate::nic::fqdn::parse_fqdn(&s.fqdn) {
            return Err(invalid(format!("{field}[{i}].fqdn: {rule}")));
        }
        if !(0..=86_400).contains(&s.ttl) {
            return Err(invalid(format!(
                "{field}[{i}].ttl: {} is out of range, must be between 0 and 86400",
                s.ttl
            )));
        }
    }
    Ok(())
}

pub(super) fn dns_records(
    store: &Store,
    field: &str,
    specs: &[DnsRecordSpec],
) -> Result<Vec<DnsRecord>, Status> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if !s.dns_zone_id.is_empty() && store.get::<DnsZone>(&s.dns_zone_id).is_err() {
                return Err(Status::not_found(format!(
                    "{field}[{i}].dns_zone_id: DNS zone {} not found",
                    s.dns_zone_id
                )));
            }
            Ok(DnsRecord {
                fqdn: s.fqdn.clone(),
                dns_zone_id: s.dns_zone_id.clone(),
                ttl: s.ttl,
                ptr: s.ptr,
            })
        })
        .collect()
}

/// Request checks that need no lookups (INVALID_ARGUMENT).
pub fn check_attach_request(req: &AttachInstanceNetworkInterfaceRequest) -> Result<(), Status> {
    check_index(&req.network_interface_index)?;
    super::validate::id("subnet_id", &req.subnet_id)?;
    let groups = &req.security_group_ids;
    if groups.len() > MAX_SECURITY_GROUPS {
        return Err(invalid(format!(
            "security_group_ids: {} given, at most {MAX_SECURITY_GROUPS} are allowed",
            groups.len()
        )));
    }
    for (i, g) in groups.iter().enumerate() {
        if groups[..i].contains(g) {
            return Err(invalid(format!("security_group_ids: {g} is listed twice")));
        }
    }
    if let Some(spec) = &req.primary_v4_address_spec {
        if !spec.address.is_empty() && spec.address.parse::<Ipv4Addr>().is_err() {
            return Err(invalid(format!(
                "primary_v4_address_spec.address: '{}' is not a valid IPv4 address",
                spec.address
            )));
        }
        check_dns_specs(
            "primary_v4_address_spec.dns_record_specs",
            &spec.dns_record_specs,
        )?;
        if let Some(nat) = &spec.one_to_one_nat_spec {
            check_nat_spec("primary_v4_address_spec.one_to_one_nat_spec", nat)?;
        }
    }
    Ok(())
}

/// A NAT spec's checks that need no lookups: IPv4 only, a well-formed address, DNS specs.
pub(super) fn check_nat_spec(field: &str, nat: &OneToOneNatSpec) -> Result<(), Status> {
    if nat.ip_version == IpVersion::Ipv6 as i32 {
        return Err(invalid(format!(
            "{field}.ip_version: only IPV4 is available"
        )));
    }
    if !nat.address.is_empty() && nat.address.parse::<Ipv4Addr>().is_err() {
        return Err(invalid(format!(
            "{field}.address: '{}' is not a valid IPv4 address",
            nat.address
        )));
    }
    check_dns_specs(&format!("{field}.dns_record_specs"), &nat.dns_record_specs)
}

fn parse_cidr(cidr: &str) -> Option<(u32, u32)> {
    let (ip, len) = cidr.split_once('/')?;
    let ip = u32::from(ip.parse::<Ipv4Addr>().ok()?);
    let len: u32 = len.parse().ok().filter(|l| (8..=30).contains(l))?;
    let mask = u32::MAX << (32 - len);
    Some((ip & mask, mask))
}

/// A subnet's IPv4 block: network address, mask and the CIDR text.
struct Block<'a> {
    net: u32,
    mask: u32,
    cidr: &'a str,
}

impl Block<'_> {
    fn broadcast(&self) -> u32 {
        self.net | !self.mask
    }

    /// Why `ip` of this block cannot be assigned: the first three and the last are reserved.
    fn reserved_role(&self, ip: u32) -> Option<&'static str> {
        match ip - self.net {
            0 => Some("the network address"),
            1 => Some("the gateway address"),
            2 => Some("the DNS server address"),
            _ if ip == self.broadcast() => Some("the broadcast address"),
            _ => None,
        }
    }
}

/// Picks or checks the internal address inside one of the subnet's IPv4 blocks (every block
/// counts, not only the first).
/// The subnet an interface goes into: it must exist and be in the instance's zone.
pub(super) fn subnet_in_zone(
    store: &Store,
    subnet_id: &str,
    inst: &Instance,
) -> Result<Subnet, Status> {
    let subnet = store
        .get::<Subnet>(subnet_id)
        .map_err(|_| Status::not_found(format!("subnet_id: subnet {subnet_id} not found")))?
        .clone();
    if subnet.zone_id != inst.zone_id {
        return Err(invalid(format!(
            "subnet_id: subnet {} is in zone {}, the instance is in zone {}",
            subnet.id, subnet.zone_id, inst.zone_id
        )));
    }
    Ok(subnet)
}

/// An interface's security groups: each must exist and belong to the subnet's network (`hint`
/// ends that refusal); none at all means the network's default group, when it has one.
pub(super) fn security_groups(
    store: &Store,
    subnet: &Subnet,
    mut groups: Vec<String>,
    hint: &str,
) -> Result<Vec<String>, Status> {
    for g in &groups {
        let group = store.get::<SecurityGroup>(g).map_err(|_| {
            Status::not_found(format!("security_group_ids: security group {g} not found"))
        })?;
        if group.network_id != subnet.network_id {
            return Err(invalid(format!(
                "security_group_ids: security group {g} belongs to network {}, the subnet to network {}{hint}",
                group.network_id, subnet.network_id
            )));
        }
    }
    if groups.is_empty() {
        let default = store
            .get::<Network>(&subnet.network_id)?
            .default_security_group_id
            .clone();
        groups.extend((!default.is_empty()).then_some(default));
    }
    Ok(groups)
}

pub(super) fn internal_address(
    store: &Store,
    subnet_id: &str,
    cidrs: &[String],
    wanted: &str,
) -> Result<String, Status> {
    let blocks = cidrs
        .iter()
        .map(|cidr| {
            parse_cidr(cidr)
                .map(|(net, mask)| Block { net, mask, cidr })
                .ok_or_else(|| {
                    Status::internal(format!("subnet {subnet_id} has a bad CIDR {cidr}"))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let used = |ip: u32| store.address_in_use(subnet_id, Ipv4Addr::from(ip));
    if wanted.is_empty() {
        return blocks
            .iter()
            .flat_map(|b| b.net + 3..b.broadcast())
            .find(|ip| !used(*ip))
            .map(|ip| Ipv4Addr::from(ip).to_string())
            .ok_or_else(|| {
                Status::resource_exhausted(format!(
                    "subnet_id: subnet {subnet_id} has no free addresses"
                ))
            });
    }
    let field = "primary_v4_address_spec.address";
    let ip = wanted
        .parse::<Ipv4Addr>()
        .map(u32::from)
        .map_err(|_| invalid(format!("{field}: '{wanted}' is not a valid IPv4 address")))?;
    let Some(block) = blocks.iter().find(|b| ip & b.mask == b.net) else {
        let ranges: Vec<&str> = blocks.iter().map(|b| b.cidr).collect();
        return Err(invalid(format!(
            "{field}: {wanted} is outside the subnet's range {}",
            ranges.join(", ")
        )));
    };
    if let Some(role) = block.reserved_role(ip) {
        return Err(invalid(format!(
            "{field}: {wanted} is {role} of subnet {} and cannot be assigned",
            block.cidr
        )));
    }
    if used(ip) {
        return Err(Status::already_exists(format!(
            "{field}: {wanted} is already used in subnet {subnet_id}"
        )));
    }
    Ok(wanted.to_string())
}

/// The public address a NAT spec asks for: the next ephemeral one, or a static address that is
/// reserved, unused and in the instance's zone (returned too, so the operation can claim it).
pub(super) fn one_to_one_nat(
    store: &mut Store,
    inst: &Instance,
    field: &str,
    nat: OneToOneNatSpec,
) -> Result<(OneToOneNat, Option<String>), Status> {
    let dns_records = dns_records(
        store,
        &format!("{field}.dns_record_specs"),
        &nat.dns_record_specs,
    )?;
    if nat.address.is_empty() {
        let n = store.next_ephemeral;
        store.next_ephemeral = n.wrapping_add(1);
        let ip = Ipv4Addr::new(51, 250, 100 + ((n / 250) % 150) as u8, (n % 250 + 1) as u8);
        let nat = OneToOneNat {
            address: ip.to_string(),
            ip_version: IpVersion::Ipv4.into(),
            dns_records,
        };
        return Ok((nat, None));
    }
    let a = store
        .external_address_mut(&inst.folder_id, &nat.address)
        .ok_or_else(|| {
            Status::not_found(format!(
                "{field}.address: no reserved address {} in folder {}",
                nat.address, inst.folder_id
            ))
        })?;
    let zone = match &a.address {
        Some(address::Address::ExternalIpv4Address(e)) => e.zone_id.clone(),
        _ => String::new(),
    };
    if !a.reserved {
        return Err(Status::failed_precondition(format!(
            "{field}.address: {} is an ephemeral address, not a reserved one",
            nat.address
        )));
    }
    if zone != inst.zone_id {
        return Err(invalid(format!(
            "{field}.address: {} is in zone {zone}, the instance is in zone {}",
            nat.address, inst.zone_id
        )));
    }
    if a.used {
        return Err(Status::already_exists(format!(
            "{field}.address: {} is already in use",
            nat.address
        )));
    }
    let claim = nat.address.clone();
    let nat = OneToOneNat {
        address: nat.address,
        ip_version: IpVersion::Ipv4.into(),
        dns_records,
    };
    Ok((nat, Some(claim)))
}

/// Validates an attach against the model and builds the NIC it will add.
pub fn plan_attach(
    store: &mut Store,
    inst: &Instance,
    req: &AttachInstanceNetworkInterfaceRequest,
) -> Result<Plan, Status> {
    require_stopped(inst, "attach")?;
    let index = &req.network_interface_index;
    if inst.network_interfaces.iter().any(|n| &n.index == index) {
        return Err(Status::already_exists(format!(
            "network_interface_index: {index} is already used by this instance"
        )));
    }
    if inst.network_interfaces.len() >= MAX_NICS {
        return Err(Status::resource_exhausted(format!(
            "network_interface_index: the instance already has {MAX_NICS} network interfaces, the maximum"
        )));
    }
    let subnet = subnet_in_zone(store, &req.subnet_id, inst)?;
    let groups = security_groups(store, &subnet, req.security_group_ids.clone(), "")?;
    let spec = req.primary_v4_address_spec.clone().unwrap_or_default();
    let address = internal_address(store, &subnet.id, &subnet.v4_cidr_blocks, &spec.address)?;
    let dns = dns_records(
        store,
        "primary_v4_address_spec.dns_record_specs",
        &spec.dns_record_specs,
    )?;
    let (one_to_one_nat, static_address) = match spec.one_to_one_nat_spec {
        None => (None, None),
        Some(nat) => {
            let (nat, claim) = one_to_one_nat(
                store,
                inst,
                "primary_v4_address_spec.one_to_one_nat_spec",
                nat,
            )?;
            (Some(nat), claim)
        }
    };
    let nic = NetworkInterface {
        index: index.clone(),
        mac_address: super::ids::mac(&inst.id, index),
        subnet_id: subnet.id.clone(),
        primary_v4_address: Some(PrimaryAddress {
            address,
            one_to_one_nat,
            dns_records: dns,
        }),
        primary_v6_address: None,
        security_group_ids: groups,
    };
    let metadata = AttachInstanceNetworkInterfaceMetadata {
        instance_id: inst.id.clone(),
        network_interface_index: index.clone(),
    };
    let nic = Box::new(nic);
    let change = Change::Attach {
        nic,
        static_address,
    };
    Plan::updating("Attach network interface", &metadata, change)
}

/// Request checks for a detach that need no lookups.
pub fn check_detach_request(req: &DetachInstanceNetworkInterfaceRequest) -> Result<(), Status> {
    check_index(&req.network_interface_index)
}

/// Validates a detach against the instance.
pub fn plan_detach(
    inst: &Instance,
    req: &DetachInstanceNetworkInterfaceRequest,
) -> Result<Plan, Status> {
    require_stopped(inst, "detach")?;
    let index = &req.network_interface_index;
    if !inst.network_interfaces.iter().any(|n| &n.index == index) {
        return Err(Status::not_found(format!(
            "network_interface_index: instance {} has no network interface {index}",
            inst.id
        )));
    }
    if inst.network_interfaces.len() <= 1 {
        return Err(Status::failed_precondition(format!(
            "network_interface_index: {index} is the last network interface of the instance and cannot be detached"
        )));
    }
    let metadata = DetachInstanceNetworkInterfaceMetadata {
        instance_id: inst.id.clone(),
        network_interface_index: index.clone(),
    };
    let index = index.clone();
    Plan::updating(
        "Detach network interface",
        &metadata,
        Change::Detach { index },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_v4_block_of_the_subnet_counts() {
        let store = crate::emulator::seed::build(0);
        let subnet = &store.subnets[0];
        let (id, first) = (subnet.id.clone(), subnet.v4_cidr_blocks[0].clone());
        let blocks = vec![first, "192.168.50.0/24".to_string()];
        assert_eq!(
            internal_address(&store, &id, &blocks, "192.168.50.10").ok(),
            Some("192.168.50.10".to_string())
        );
        let outside = internal_address(&store, &id, &blocks, "192.168.51.10").unwrap_err();
        assert_eq!(outside.code(), tonic::Code::InvalidArgument);
        assert!(
            outside.message().contains("192.168.50.0/24"),
            "{}",
            outside.message()
        );
        let gateway = internal_address(&store, &id, &blocks, "192.168.50.1").unwrap_err();
        assert!(
            gateway.message().contains("gateway"),
            "{}",
            gateway.message()
        );
        assert_eq!(
            internal_address(&store, &id, &[], "").unwrap_err().code(),
            tonic::Code::ResourceExhausted
        );
    }
}
