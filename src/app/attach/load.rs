//! Network reads behind the attach form's effects: the options of an instance (subnets of its
//! zone with network names, and `nic::load::load_context`'s DNS zones and free addresses), and
//! the options of a chosen subnet (its network's security groups, its used addresses).

use std::collections::HashMap;

use super::state::{AttachOptions, SubnetOptions, SubnetRow};
use crate::{
    api::{ApiError, Cloud},
    nic::load::load_context,
};

/// The instance, the folder's subnets in its zone (by name) and the validation context.
pub async fn options(cloud: &Cloud, instance_id: &str) -> Result<AttachOptions, ApiError> {
    let instance = cloud.get_instance(instance_id).await?;
    let context = load_context(cloud, &instance, None).await?;
    let folder_id = instance.folder_id.as_str();
    let subnets = cloud.all_subnets(folder_id).await?;
    let networks = cloud.all_networks(folder_id).await?;
    let names: HashMap<String, String> = networks.into_iter().map(|n| (n.id, n.name)).collect();
    let mut subnets: Vec<SubnetRow> = subnets
        .into_iter()
        .filter(|s| s.zone_id == instance.zone_id)
        .map(|subnet| SubnetRow {
            network_name: names
                .get(&subnet.network_id)
                .cloned()
                .unwrap_or_else(|| subnet.network_id.clone()),
            subnet,
        })
        .collect();
    subnets.sort_by(|a, b| a.subnet.name.cmp(&b.subnet.name));
    Ok(AttachOptions {
        instance,
        subnets,
        context,
    })
}

/// The security groups (id, name) of `network_id` and the used addresses of `subnet_id`.
pub async fn subnet_options(
    cloud: &Cloud,
    subnet_id: &str,
    network_id: &str,
) -> Result<SubnetOptions, ApiError> {
    let groups = cloud.all_network_security_groups(network_id).await?;
    let used = cloud.all_used_addresses(subnet_id).await?;
    let mut groups: Vec<(String, String)> = groups.into_iter().map(|g| (g.id, g.name)).collect();
    groups.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(SubnetOptions {
        used_addresses: used.iter().filter_map(|u| u.address.parse().ok()).collect(),
        groups,
    })
}
