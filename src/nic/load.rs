//! Filling the validation `ValidationContext` from the API, and telling which form field a server
//! refusal concerns. Shared by the TUI form and `ycdash attach`.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use crate::api::proto::yandex::cloud::{
    compute::v1::Instance,
    vpc::v1::{GetSubnetRequest, Subnet, address},
};
use crate::api::{ApiError, Cloud};

use super::draft::ValidationContext;
use super::error::{DnsPart, DnsTarget, Field};

/// Everything validation needs about `instance` and the chosen subnet (`subnet_id`), read from
/// the API. A subnet that does not exist leaves `subnet` empty, so validation names it; other
/// failures are returned.
///
/// The reads go out side by side: the subnet (then its used addresses and its network's
/// security groups, together), the folder's DNS zones and its addresses. All of them are
/// awaited, and a failure is reported in the order the reads were once made one after
/// another (subnet, used addresses, security groups, DNS zones, addresses), so the error a
/// caller sees does not depend on which answer came first.
pub async fn load_context(
    cloud: &Cloud,
    instance: &Instance,
    subnet_id: Option<&str>,
) -> Result<ValidationContext, ApiError> {
    let folder_id = instance.folder_id.as_str();
    let subnet_id = subnet_id.filter(|s| !s.is_empty());
    let (subnet, zones, free_static_addresses) = tokio::join!(
        subnet_context(cloud, subnet_id),
        cloud.all_dns_zones(folder_id),
        free_static_addresses(cloud, folder_id, &instance.zone_id),
    );
    let subnet = subnet?;
    let dns_zones = zones?.into_iter().map(|z| (z.id, z.zone)).collect();
    let free_static_addresses = free_static_addresses?;
    let mut ctx = ValidationContext {
        instance_zone: instance.zone_id.clone(),
        used_indexes: instance
            .network_interfaces
            .iter()
            .filter_map(|n| n.index.parse().ok())
            .collect(),
        dns_zones,
        free_static_addresses,
        ..ValidationContext::default()
    };
    if let Some(found) = subnet {
        ctx.used_addresses = found.used_addresses;
        ctx.network_security_groups = found.network_security_groups;
        ctx.subnet = Some(found.subnet);
    }
    Ok(ctx)
}

/// What validation knows about the chosen subnet.
struct SubnetContext {
    subnet: Subnet,
    used_addresses: HashSet<Ipv4Addr>,
    network_security_groups: Vec<String>,
}

/// The subnet, then its used addresses and its network's security groups side by side. `None`
/// when no subnet is named or it does not exist; a failure of the later two is returned, the
/// used addresses' first.
async fn subnet_context(
    cloud: &Cloud,
    subnet_id: Option<&str>,
) -> Result<Option<SubnetContext>, ApiError> {
    let Some(subnet_id) = subnet_id else {
        return Ok(None);
    };
    let request = GetSubnetRequest {
        subnet_id: subnet_id.to_string(),
    };
    let subnet = match cloud.get_subnet(request).await {
        Ok(subnet) => subnet,
        Err(e) if e.code == tonic::Code::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let (used_addresses, network_security_groups) = tokio::join!(
        used_addresses(cloud, subnet_id),
        network_security_groups(cloud, &subnet.network_id),
    );
    Ok(Some(SubnetContext {
        used_addresses: used_addresses?,
        network_security_groups: network_security_groups?,
        subnet,
    }))
}

/// The IPv4 addresses in use in a subnet.
async fn used_addresses(cloud: &Cloud, subnet_id: &str) -> Result<HashSet<Ipv4Addr>, ApiError> {
    let used = cloud.all_used_addresses(subnet_id).await?;
    Ok(used.iter().filter_map(|u| u.address.parse().ok()).collect())
}

/// The ids of a network's security groups.
async fn network_security_groups(cloud: &Cloud, network_id: &str) -> Result<Vec<String>, ApiError> {
    let groups = cloud.all_network_security_groups(network_id).await?;
    Ok(groups.into_iter().map(|g| g.id).collect())
}

/// Reserved, unused, external IPv4 addresses of the folder in `zone`.
pub async fn free_static_addresses(
    cloud: &Cloud,
    folder_id: &str,
    zone: &str,
) -> Result<Vec<Ipv4Addr>, ApiError> {
    let addresses = cloud.all_addresses(folder_id).await?;
    Ok(addresses
        .iter()
        .filter(|a| a.reserved && !a.used)
        .filter_map(|a| match &a.address {
            Some(address::Address::ExternalIpv4Address(e)) if e.zone_id == zone => {
                e.address.parse().ok()
            }
            _ => None,
        })
        .collect())
}

/// The form field a server refusal concerns, told by the API field path its message starts
/// with (`"<path>: <rule>"`); the longest known path wins. DNS rows come back with the
/// request's spec index as `row`: `AttachDraft::draft_field` turns it into the draft's row.
/// `None` when the message names no known field.
pub fn field_of(error: &ApiError) -> Option<Field> {
    let (path, _) = error.message.split_once(':')?;
    let path = path.trim();
    if let Some(field) = dns_field(path) {
        return Some(field);
    }
    Field::SINGLE
        .into_iter()
        .map(|field| (field.api_name(), field))
        .filter(|(known, _)| {
            path.strip_prefix(known.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
        .max_by_key(|(known, _)| known.len())
        .map(|(_, field)| field)
}

/// `<dns list>[N]` optionally followed by a part's name (`DnsPart::api_name`); another part,
/// or none, counts as the row's name (`fqdn`).
fn dns_field(path: &str) -> Option<Field> {
    let (rest, target) = [DnsTarget::Nat, DnsTarget::Internal]
        .into_iter()
        .find_map(|target| {
            let rest = path.strip_prefix(target.api_list())?.strip_prefix('[')?;
            Some((rest, target))
        })?;
    let (row, part) = rest.split_once(']')?;
    let row = row.parse().ok()?;
    let part = DnsPart::ALL
        .into_iter()
        .find(|known| part.strip_prefix('.') == Some(known.api_name()))
        .unwrap_or(DnsPart::Fqdn);
    Some(Field::Dns { target, row, part })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nic::draft::{AttachDraft, DnsRow};

    fn error(message: &str) -> ApiError {
        ApiError {
            code: tonic::Code::InvalidArgument,
            message: message.into(),
            request_id: "req".into(),
            details: vec![],
        }
    }

    fn dns(target: DnsTarget, row: usize, part: DnsPart) -> Option<Field> {
        Some(Field::Dns { target, row, part })
    }

    #[test]
    fn maps_leading_paths_to_fields() {
        use DnsPart::*;
        use DnsTarget::*;
        let nat = "primary_v4_address_spec.one_to_one_nat_spec";
        let cases = [
            (
                "network_interface_index: 1 is already used by this instance".to_string(),
                Some(Field::Index),
            ),
            (
                "network_interface_index: the instance already has 8 network interfaces".into(),
                Some(Field::Index),
            ),
            (
                "subnet_id: subnet x is in zone b".into(),
                Some(Field::Subnet),
            ),
            ("instance_id: required".into(), Some(Field::Instance)),
            (
                "security_group_ids: security group g belongs to network n".into(),
                Some(Field::SecurityGroups),
            ),
            (
                "primary_v4_address_spec.address: 10.0.0.5 is already used".into(),
                Some(Field::Ipv4),
            ),
            (
                format!("{nat}.address: 1.2.3.4 is already in use"),
                Some(Field::NatAddress),
            ),
            (
                format!("{nat}.ip_version: only IPV4 is available"),
                Some(Field::Nat),
            ),
            (format!("{nat}: bad"), Some(Field::Nat)),
            (
                "primary_v4_address_spec.dns_record_specs[0].fqdn: required".into(),
                dns(Internal, 0, Fqdn),
            ),
            (
                "primary_v4_address_spec.dns_record_specs[3].ttl: 99999 is out of range".into(),
                dns(Internal, 3, Ttl),
            ),
            (
                format!("{nat}.dns_record_specs[1].dns_zone_id: DNS zone z not found"),
                dns(Nat, 1, Zone),
            ),
            (
                format!("{nat}.dns_record_specs[2].ptr: conflict"),
                dns(Nat, 2, Fqdn),
            ),
            (format!("{nat}.dns_record_specs[2]: bad"), dns(Nat, 2, Fqdn)),
        ];
        for (message, field) in cases {
            assert_eq!(field_of(&error(&message)), field, "{message}");
        }
    }

    #[test]
    fn unknown_or_partial_paths_are_none() {
        for message in [
            "instance fhm1 is RUNNING; it must be STOPPED to attach a network interface",
            "cannot reach http://127.0.0.1:9: transport error",
            "subnet_idx: no such field",
            "network_interface_indexes: x",
            "primary_v4_address_spec.dns_record_specs: too many",
            "primary_v4_address_spec.dns_record_specs[x].fqdn: bad",
            "primary_v4_address_spec: bad",
            "",
            ":",
        ] {
            assert_eq!(field_of(&error(message)), None, "{message}");
        }
    }

    #[test]
    fn draft_field_skips_empty_rows() {
        let d = AttachDraft {
            internal_dns: vec![
                DnsRow::new("", "", "", false),
                DnsRow::new("vm", "", "", false),
            ],
            nat_dns: vec![
                DnsRow::new("a", "", "", false),
                DnsRow::new("", "", "", false),
                DnsRow::new("b", "", "", false),
            ],
            ..AttachDraft::default()
        };
        let field = |target, row| Field::Dns {
            target,
            row,
            part: DnsPart::Ttl,
        };
        assert_eq!(
            d.draft_field(field(DnsTarget::Internal, 0)),
            field(DnsTarget::Internal, 1)
        );
        assert_eq!(
            d.draft_field(field(DnsTarget::Nat, 1)),
            field(DnsTarget::Nat, 2)
        );
        assert_eq!(
            d.draft_field(field(DnsTarget::Nat, 7)),
            field(DnsTarget::Nat, 7)
        );
        assert_eq!(d.draft_field(Field::Subnet), Field::Subnet);
    }
}
