//! AddOneToOneNat / RemoveOneToOneNat rules: the interface is named by its index, its internal
//! address, or both (they must agree); the instance must be RUNNING or STOPPED. Add needs an
//! interface without a public address and takes an ephemeral one, or a static one that is
//! reserved, unused and in the instance's zone (no spec means ephemeral IPv4). Remove needs an
//! interface with a public address and frees a static one back to unused.
//!
//! Codes: interface already with / without NAT: FAILED_PRECONDITION; unknown interface or
//! address: NOT_FOUND; static address in use: ALREADY_EXISTS; in another zone: INVALID_ARGUMENT.

use super::nic_rules::{check_index, check_nat_spec, invalid, one_to_one_nat, status_name};
use super::operations::{Change, Plan};
use super::store::Store;
use crate::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatMetadata, AddInstanceOneToOneNatRequest, Instance, NetworkInterface,
    PrimaryAddress, RemoveInstanceOneToOneNatMetadata, RemoveInstanceOneToOneNatRequest, instance,
};
use std::net::Ipv4Addr;
use tonic::Status;

/// The index and internal address naming an interface: at least one, each well-formed.
fn check_target(index: &str, internal_address: &str) -> Result<(), Status> {
    if index.is_empty() && internal_address.is_empty() {
        return Err(invalid(
            "network_interface_index: required (or internal_address)".into(),
        ));
    }
    if !index.is_empty() {
        check_index(index)?;
    }
    if !internal_address.is_empty() && internal_address.parse::<Ipv4Addr>().is_err() {
        return Err(invalid(format!(
            "internal_address: '{internal_address}' is not a valid IPv4 address"
        )));
    }
    Ok(())
}

fn nic_address(nic: &NetworkInterface) -> &str {
    nic.primary_v4_address
        .as_ref()
        .map_or("", |a| a.address.as_str())
}

/// The interface the request names.
fn find_nic<'a>(
    inst: &'a Instance,
    index: &str,
    internal_address: &str,
) -> Result<&'a NetworkInterface, Status> {
    if index.is_empty() {
        return inst
            .network_interfaces
            .iter()
            .find(|n| nic_address(n) == internal_address)
            .ok_or_else(|| {
                Status::not_found(format!(
                    "internal_address: instance {} has no network interface with address {internal_address}",
                    inst.id
                ))
            });
    }
    let nic = inst
        .network_interfaces
        .iter()
        .find(|n| n.index == index)
        .ok_or_else(|| {
            Status::not_found(format!(
                "network_interface_index: instance {} has no network interface {index}",
                inst.id
            ))
        })?;
    if !internal_address.is_empty() && nic_address(nic) != internal_address {
        return Err(invalid(format!(
            "internal_address: {internal_address} is not the address of network interface {index} ({})",
            nic_address(nic)
        )));
    }
    Ok(nic)
}

fn require_running_or_stopped(inst: &Instance, action: &str) -> Result<(), Status> {
    let ok = [instance::Status::Running, instance::Status::Stopped]
        .iter()
        .any(|s| *s as i32 == inst.status);
    if !ok {
        return Err(Status::failed_precondition(format!(
            "instance {} is {}; it must be RUNNING or STOPPED to {action} a one-to-one NAT",
            inst.id,
            status_name(inst.status)
        )));
    }
    Ok(())
}

/// The interface a NAT request names on an instance that may change it, and a copy of its
/// address to change.
fn target<'a>(
    inst: &'a Instance,
    index: &str,
    internal_address: &str,
    action: &str,
) -> Result<(&'a NetworkInterface, PrimaryAddress), Status> {
    require_running_or_stopped(inst, action)?;
    let nic = find_nic(inst, index, internal_address)?;
    Ok((nic, nic.primary_v4_address.clone().unwrap_or_default()))
}

/// The change giving `current` the changed `address`, with the static address it claims or
/// the public address it releases.
fn replace_address(
    current: &NetworkInterface,
    address: PrimaryAddress,
    claim: Option<String>,
    release: Option<String>,
) -> Change {
    let nic = NetworkInterface {
        primary_v4_address: Some(address),
        ..current.clone()
    };
    Change::ReplaceNic {
        nic: Box::new(nic),
        claim,
        release,
    }
}

/// AddOneToOneNat checks that need no lookups (INVALID_ARGUMENT).
pub fn check_add_request(req: &AddInstanceOneToOneNatRequest) -> Result<(), Status> {
    check_target(&req.network_interface_index, &req.internal_address)?;
    match &req.one_to_one_nat_spec {
        Some(spec) => check_nat_spec("one_to_one_nat_spec", spec),
        None => Ok(()),
    }
}

/// Validates an AddOneToOneNat against the model and builds the interface with its address.
pub fn plan_add(
    store: &mut Store,
    inst: &Instance,
    req: &AddInstanceOneToOneNatRequest,
) -> Result<Plan, Status> {
    let (index, internal_address) = (&req.network_interface_index, &req.internal_address);
    let (current, mut address) = target(inst, index, internal_address, "add")?;
    if let Some(nat) = &address.one_to_one_nat {
        return Err(Status::failed_precondition(format!(
            "network_interface_index: network interface {} already has the public address {}; remove it first",
            current.index, nat.address
        )));
    }
    let spec = req.one_to_one_nat_spec.clone().unwrap_or_default();
    let (nat, claim) = one_to_one_nat(store, inst, "one_to_one_nat_spec", spec)?;
    address.one_to_one_nat = Some(nat);
    let metadata = AddInstanceOneToOneNatMetadata {
        instance_id: inst.id.clone(),
    };
    let change = replace_address(current, address, claim, None);
    Plan::updating("Add one-to-one NAT", &metadata, change)
}

/// RemoveOneToOneNat checks that need no lookups (INVALID_ARGUMENT).
pub fn check_remove_request(req: &RemoveInstanceOneToOneNatRequest) -> Result<(), Status> {
    check_target(&req.network_interface_index, &req.internal_address)
}

/// Validates a RemoveOneToOneNat and builds the interface without its public address.
pub fn plan_remove(
    inst: &Instance,
    req: &RemoveInstanceOneToOneNatRequest,
) -> Result<Plan, Status> {
    let (index, internal_address) = (&req.network_interface_index, &req.internal_address);
    let (current, mut address) = target(inst, index, internal_address, "remove")?;
    let Some(nat) = address.one_to_one_nat.take() else {
        return Err(Status::failed_precondition(format!(
            "network_interface_index: network interface {} has no public address to remove",
            current.index
        )));
    };
    let metadata = RemoveInstanceOneToOneNatMetadata {
        instance_id: inst.id.clone(),
    };
    let change = replace_address(current, address, None, Some(nat.address));
    Plan::updating("Remove one-to-one NAT", &metadata, change)
}
