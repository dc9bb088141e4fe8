//! Network reads behind the attach form's effects: one part of its options at a time (the
//! instance, the zone's subnets with network names, the folder's DNS zones, its free static
//! addresses), the options of a chosen subnet (its network's security groups, its used
//! addresses), and a network's groups (the names of the groups on the instance's interfaces).
//! Each read is its own effect, so the runtime runs them side by side.

use std::collections::HashMap;

use super::{
    loads::{Loaded, Part, SubnetRow},
    state::SubnetOptions,
};
use crate::{
    api::{ApiError, Cloud},
    nic::load::free_static_addresses,
};

/// Where the form's instance lives: what the folder-wide reads are scoped by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope<'a> {
    pub instance_id: &'a str,
    pub folder_id: &'a str,
    pub zone_id: &'a str,
}

/// Reads `part` of the form's options.
pub async fn part(cloud: &Cloud, scope: Scope<'_>, part: Part) -> Result<Loaded, ApiError> {
    Ok(match part {
        Part::Instance => Loaded::Instance(Box::new(cloud.get_instance(scope.instance_id).await?)),
        Part::Subnets => Loaded::Subnets(subnets(cloud, scope.folder_id, scope.zone_id).await?),
        Part::DnsZones => {
            let zones = cloud.all_dns_zones(scope.folder_id).await?;
            Loaded::DnsZones(zones.into_iter().map(|z| (z.id, z.zone)).collect())
        }
        Part::Addresses => {
            Loaded::Addresses(free_static_addresses(cloud, scope.folder_id, scope.zone_id).await?)
        }
    })
}

/// The folder's subnets in `zone_id`, by name, each with its network's name (both lists are
/// read at once).
async fn subnets(
    cloud: &Cloud,
    folder_id: &str,
    zone_id: &str,
) -> Result<Vec<SubnetRow>, ApiError> {
    let (subnets, networks) =
        tokio::try_join!(cloud.all_subnets(folder_id), cloud.all_networks(folder_id))?;
    let names: HashMap<String, String> = networks.into_iter().map(|n| (n.id, n.name)).collect();
    let mut subnets: Vec<SubnetRow> = subnets
        .into_iter()
        .filter(|s| s.zone_id == zone_id)
        .map(|subnet| SubnetRow {
            network_name: names
                .get(&subnet.network_id)
                .cloned()
                .unwrap_or_else(|| subnet.network_id.clone()),
            subnet,
        })
        .collect();
    subnets.sort_by(|a, b| a.subnet.name.cmp(&b.subnet.name));
    Ok(subnets)
}

/// The security groups (id, name) of `network_id` and the used addresses of `subnet_id`, read
/// at once.
pub async fn subnet_options(
    cloud: &Cloud,
    subnet_id: &str,
    network_id: &str,
) -> Result<SubnetOptions, ApiError> {
    let (groups, used) = tokio::try_join!(
        network_groups(cloud, network_id),
        cloud.all_used_addresses(subnet_id)
    )?;
    Ok(SubnetOptions {
        used_addresses: used.iter().filter_map(|u| u.address.parse().ok()).collect(),
        groups,
    })
}

/// The security groups (id, name) of `network_id`, by name.
pub async fn network_groups(
    cloud: &Cloud,
    network_id: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    let groups = cloud.all_network_security_groups(network_id).await?;
    let mut groups: Vec<(String, String)> = groups.into_iter().map(|g| (g.id, g.name)).collect();
    groups.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(groups)
}
