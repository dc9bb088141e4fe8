//! The update-network-interface request: what the user wants to change on an existing
//! interface (security groups, subnet, internal address, DNS records), checked with the attach
//! rules, and the request whose `update_mask` holds only the paths that really change.

use std::collections::BTreeSet;

use crate::api::proto::yandex::cloud::compute::v1::{
    DnsRecordSpec, Instance, NetworkInterface, PrimaryAddressSpec,
    UpdateInstanceNetworkInterfaceRequest, instance,
};

use super::draft::{AttachDraft, DnsRow, ValidationContext, check_dns_rows};
use super::error::{DnsTarget, Field, FieldError};
use super::fields::check_security_groups;

/// `update_mask` paths, as the API names them.
pub const PATH_GROUPS: &str = "security_group_ids";
pub const PATH_SUBNET: &str = "subnet_id";
pub const PATH_ADDRESS: &str = "primary_v4_address_spec.address";
pub const PATH_DNS: &str = "primary_v4_address_spec.dns_record_specs";

/// The changes asked for; `None` leaves a part as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateDraft {
    pub instance_id: String,
    pub index: u32,
    pub security_group_ids: Option<Vec<String>>,
    pub subnet_id: Option<String>,
    /// The new internal address; empty = assigned by the cloud with a new subnet, else kept.
    pub ipv4: Option<String>,
    /// The new DNS records of the internal address; an empty list removes them all.
    pub dns: Option<Vec<DnsRow>>,
}

/// The interface `index` of `instance`, or why there is none.
pub fn current_nic(instance: &Instance, index: u32) -> Result<&NetworkInterface, String> {
    let index = index.to_string();
    instance
        .network_interfaces
        .iter()
        .find(|n| n.index == index)
        .ok_or_else(|| {
            let existing: Vec<&str> = instance
                .network_interfaces
                .iter()
                .map(|n| n.index.as_str())
                .collect();
            format!(
                "instance {} has no network interface {index}; its interfaces are: {}",
                instance.id,
                existing.join(", ")
            )
        })
}

/// The interface's primary internal IPv4 address ("" when it has none).
pub fn address_of(nic: &NetworkInterface) -> String {
    nic.primary_v4_address
        .as_ref()
        .map(|a| a.address.clone())
        .unwrap_or_default()
}

fn dns_of(nic: &NetworkInterface) -> Vec<DnsRecordSpec> {
    nic.primary_v4_address
        .as_ref()
        .map(|a| {
            a.dns_records
                .iter()
                .map(|r| DnsRecordSpec {
                    fqdn: r.fqdn.clone(),
                    dns_zone_id: r.dns_zone_id.clone(),
                    ttl: r.ttl,
                    ptr: r.ptr,
                })
                .collect()
        })
        .unwrap_or_default()
}

impl UpdateDraft {
    /// Whether the draft asks to change the subnet or the internal address of `current`.
    pub fn moves(&self, current: &NetworkInterface) -> bool {
        let address = self
            .ipv4
            .as_ref()
            .is_some_and(|a| !a.is_empty() && *a != address_of(current));
        self.changes_subnet(current) || address
    }

    /// Whether the draft names a subnet other than that of `current`.
    fn changes_subnet(&self, current: &NetworkInterface) -> bool {
        self.subnet_id
            .as_ref()
            .is_some_and(|s| *s != current.subnet_id)
    }

    /// Checks the asked changes against `ctx` (loaded for the target subnet) and builds the
    /// request; `Ok(None)` when nothing would change.
    pub fn validate(
        &self,
        current: &NetworkInterface,
        ctx: &ValidationContext,
    ) -> Result<Option<UpdateInstanceNetworkInterfaceRequest>, Vec<FieldError>> {
        let mut errs = Vec::new();
        let current_address = address_of(current);
        let subnet_changes = self.changes_subnet(current);
        let wanted_address = self
            .ipv4
            .as_deref()
            .filter(|a| subnet_changes || *a != current_address);
        let mut address = None;
        if subnet_changes || wanted_address.is_some() {
            let mut ctx = ctx.clone();
            if !subnet_changes && let Ok(own) = current_address.parse() {
                ctx.used_addresses.remove(&own);
            }
            let placement = AttachDraft {
                subnet_id: self.subnet_id.clone().unwrap_or(current.subnet_id.clone()),
                ipv4: wanted_address.unwrap_or_default().to_string(),
                ..AttachDraft::default()
            };
            match placement.check_placement(&ctx) {
                Ok(a) => address = a,
                Err(e) => errs.extend(e),
            }
        }
        let groups = match &self.security_group_ids {
            Some(g) => Some(g.clone()),
            None if subnet_changes && !current.security_group_ids.is_empty() => {
                Some(current.security_group_ids.clone())
            }
            None => None,
        };
        if let Some(g) = &groups
            && let Err(e) = check_security_groups(g, &ctx.network_security_groups)
        {
            let hint = if self.security_group_ids.is_none() {
                "; give the new network's groups with --sg"
            } else {
                ""
            };
            errs.push(FieldError::new(Field::SecurityGroups, format!("{e}{hint}")));
        }
        let dns = match &self.dns {
            Some(rows) => match check_dns_rows(rows, DnsTarget::Internal, ctx) {
                Ok(specs) => Some(specs),
                Err(e) => {
                    errs.extend(e);
                    None
                }
            },
            None => None,
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let mut paths = Vec::new();
        let groups = groups.filter(|g| *g != current.security_group_ids);
        if groups.is_some() {
            paths.push(PATH_GROUPS);
        }
        if subnet_changes {
            paths.push(PATH_SUBNET);
        }
        let address = address.map(|a| a.to_string());
        if address.is_some() {
            paths.push(PATH_ADDRESS);
        }
        let dns = dns.filter(|d| *d != dns_of(current));
        if dns.is_some() {
            paths.push(PATH_DNS);
        }
        if paths.is_empty() {
            return Ok(None);
        }
        let spec = (address.is_some() || dns.is_some()).then(|| PrimaryAddressSpec {
            address: address.unwrap_or_default(),
            one_to_one_nat_spec: None,
            dns_record_specs: dns.unwrap_or_default(),
        });
        Ok(Some(UpdateInstanceNetworkInterfaceRequest {
            instance_id: self.instance_id.clone(),
            network_interface_index: self.index.to_string(),
            update_mask: Some(prost_types::FieldMask {
                paths: paths.into_iter().map(String::from).collect(),
            }),
            subnet_id: if subnet_changes {
                self.subnet_id.clone().unwrap_or_default()
            } else {
                String::new()
            },
            primary_v4_address_spec: spec,
            security_group_ids: groups.unwrap_or_default(),
        }))
    }
}

/// The paths of a request's update_mask.
pub fn paths(request: &UpdateInstanceNetworkInterfaceRequest) -> BTreeSet<&str> {
    request
        .update_mask
        .iter()
        .flat_map(|m| m.paths.iter().map(String::as_str))
        .collect()
}

/// Why the instance's state refuses a change: the subnet and the internal address (`moves`)
/// change only on a STOPPED instance; security groups and DNS records also on a RUNNING one.
pub fn check_state(instance: &Instance, moves: bool) -> Result<(), String> {
    let status = instance::Status::try_from(instance.status).unwrap_or_default();
    let name = status.as_str_name();
    match status {
        instance::Status::Stopped => Ok(()),
        instance::Status::Running if !moves => Ok(()),
        instance::Status::Running => Err(format!(
            "instance {} is RUNNING; stop it first: the subnet and the internal address change only on a STOPPED instance (security groups and DNS records can change while it runs; yc compute instance stop --id {})",
            instance.id, instance.id
        )),
        _ => Err(format!(
            "instance {} is {name}; an interface can be updated only when it is RUNNING or STOPPED",
            instance.id
        )),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
