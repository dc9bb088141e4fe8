//! UpdateNetworkInterface rules: only the `update_mask` paths change; security groups and DNS
//! records may change while the instance runs, the subnet and the internal address need STOPPED.
//!
//! Paths: `security_group_ids`, `subnet_id`, `primary_v4_address_spec` (address and DNS records),
//! `primary_v4_address_spec.address`, `primary_v4_address_spec.dns_record_specs`. An empty mask or
//! any other path is INVALID_ARGUMENT. The public address is not updated here (its spec in the
//! request is INVALID_ARGUMENT when its path is listed): AddOneToOneNat / RemoveOneToOneNat do that.
//! An empty address keeps the current one, or takes a free one when the subnet changes.

use super::nic_rules::{
    check_dns_specs, check_index, dns_records, internal_address, invalid, security_groups,
    status_name, subnet_in_zone,
};
use super::operations::{Change, Plan};
use super::store::Store;
use crate::api::proto::yandex::cloud::compute::v1::{
    Instance, NetworkInterface, PrimaryAddress, UpdateInstanceNetworkInterfaceMetadata,
    UpdateInstanceNetworkInterfaceRequest, instance,
};
use std::net::Ipv4Addr;
use tonic::Status;

/// The update_mask paths this emulator understands.
pub const UPDATE_PATHS: [&str; 5] = [
    "security_group_ids",
    "subnet_id",
    "primary_v4_address_spec",
    "primary_v4_address_spec.address",
    "primary_v4_address_spec.dns_record_specs",
];

/// Which parts of the interface the mask lets change.
#[derive(Default)]
struct Mask {
    groups: bool,
    subnet: bool,
    address: bool,
    dns: bool,
}

fn parse_mask(req: &UpdateInstanceNetworkInterfaceRequest) -> Result<Mask, Status> {
    let paths = req
        .update_mask
        .as_ref()
        .map(|m| m.paths.as_slice())
        .unwrap_or_default();
    if paths.is_empty() {
        return Err(invalid(format!(
            "update_mask: at least one path is required, one of {}",
            UPDATE_PATHS.join(", ")
        )));
    }
    let mut mask = Mask::default();
    for path in paths {
        match path.as_str() {
            "security_group_ids" => mask.groups = true,
            "subnet_id" => mask.subnet = true,
            "primary_v4_address_spec" => (mask.address, mask.dns) = (true, true),
            "primary_v4_address_spec.address" => mask.address = true,
            "primary_v4_address_spec.dns_record_specs" => mask.dns = true,
            "primary_v6_address_spec" => {
                return Err(invalid(
                    "update_mask: primary_v6_address_spec cannot change, IPv6 is not available"
                        .into(),
                ));
            }
            other => {
                return Err(invalid(format!(
                    "update_mask: unknown path '{other}', expected one of {}",
                    UPDATE_PATHS.join(", ")
                )));
            }
        }
    }
    Ok(mask)
}

/// Request checks that need no lookups (INVALID_ARGUMENT).
pub fn check_update_request(req: &UpdateInstanceNetworkInterfaceRequest) -> Result<(), Status> {
    check_index(&req.network_interface_index)?;
    let mask = parse_mask(req)?;
    if mask.subnet {
        super::validate::id("subnet_id", &req.subnet_id)?;
    }
    if mask.groups {
        let groups = &req.security_group_ids;
        if groups.len() > super::nic_rules::MAX_SECURITY_GROUPS {
            return Err(invalid(format!(
                "security_group_ids: {} given, at most {} are allowed",
                groups.len(),
                super::nic_rules::MAX_SECURITY_GROUPS
            )));
        }
        for (i, g) in groups.iter().enumerate() {
            if groups[..i].contains(g) {
                return Err(invalid(format!("security_group_ids: {g} is listed twice")));
            }
        }
    }
    let spec = req.primary_v4_address_spec.clone().unwrap_or_default();
    if mask.address && !spec.address.is_empty() && spec.address.parse::<Ipv4Addr>().is_err() {
        return Err(invalid(format!(
            "primary_v4_address_spec.address: '{}' is not a valid IPv4 address",
            spec.address
        )));
    }
    if mask.dns {
        check_dns_specs(
            "primary_v4_address_spec.dns_record_specs",
            &spec.dns_record_specs,
        )?;
    }
    if (mask.address || mask.dns) && spec.one_to_one_nat_spec.is_some() {
        return Err(invalid(
            "primary_v4_address_spec.one_to_one_nat_spec: the public address cannot be updated; use AddOneToOneNat and RemoveOneToOneNat"
                .into(),
        ));
    }
    Ok(())
}

/// Validates an update against the model and builds the interface it will leave.
pub fn plan_update(
    store: &mut Store,
    inst: &Instance,
    req: &UpdateInstanceNetworkInterfaceRequest,
) -> Result<Plan, Status> {
    let mask = parse_mask(req)?;
    let index = &req.network_interface_index;
    let current = inst
        .network_interfaces
        .iter()
        .find(|n| &n.index == index)
        .ok_or_else(|| {
            Status::not_found(format!(
                "network_interface_index: instance {} has no network interface {index}",
                inst.id
            ))
        })?;
    let spec = req.primary_v4_address_spec.clone().unwrap_or_default();
    let current_address = current
        .primary_v4_address
        .as_ref()
        .map(|a| a.address.clone())
        .unwrap_or_default();
    let subnet_changes = mask.subnet && req.subnet_id != current.subnet_id;
    let address_changes =
        mask.address && !spec.address.is_empty() && spec.address != current_address;
    let stopped = inst.status == instance::Status::Stopped as i32;
    let running = inst.status == instance::Status::Running as i32;
    if (subnet_changes || address_changes) && !stopped {
        let what = if subnet_changes {
            "change subnet_id"
        } else {
            "change primary_v4_address_spec.address"
        };
        return Err(Status::failed_precondition(format!(
            "instance {} is {}; it must be STOPPED to {what} (security groups and DNS records can change while it runs)",
            inst.id,
            status_name(inst.status)
        )));
    }
    if !stopped && !running {
        return Err(Status::failed_precondition(format!(
            "instance {} is {}; it must be RUNNING or STOPPED to update a network interface",
            inst.id,
            status_name(inst.status)
        )));
    }
    let subnet_id = if mask.subnet {
        &req.subnet_id
    } else {
        &current.subnet_id
    };
    let subnet = subnet_in_zone(store, subnet_id, inst)?;
    let (groups, hint) = if mask.groups {
        (req.security_group_ids.clone(), "")
    } else {
        (
            current.security_group_ids.clone(),
            "; list security_group_ids in update_mask with groups of the new network",
        )
    };
    let groups = security_groups(store, &subnet, groups, hint)?;
    let address = if subnet_changes || address_changes {
        let wanted = if mask.address {
            spec.address.as_str()
        } else {
            ""
        };
        internal_address(store, &subnet.id, &subnet.v4_cidr_blocks, wanted)?
    } else {
        current_address
    };
    let old = current.primary_v4_address.clone().unwrap_or_default();
    let dns = if mask.dns {
        dns_records(
            store,
            "primary_v4_address_spec.dns_record_specs",
            &spec.dns_record_specs,
        )?
    } else {
        old.dns_records
    };
    let nic = NetworkInterface {
        subnet_id: subnet.id.clone(),
        primary_v4_address: Some(PrimaryAddress {
            address,
            one_to_one_nat: old.one_to_one_nat,
            dns_records: dns,
        }),
        security_group_ids: groups,
        ..current.clone()
    };
    let metadata = UpdateInstanceNetworkInterfaceMetadata {
        instance_id: inst.id.clone(),
        network_interface_index: index.clone(),
    };
    let change = Change::ReplaceNic {
        nic: Box::new(nic),
        claim: None,
        release: None,
    };
    Plan::updating("Update network interface", &metadata, change)
}
