//! Network reads behind the attach form's effects: the options of an instance (subnets of its
//! zone with network names, and `nic::load::load_context`'s DNS zones and free addresses), and
//! the options of a chosen subnet (its network's security groups, its used addresses).

use std::collections::HashMap;

use super::attach_form::{AttachOptions, SubnetOptions, SubnetRow};
use crate::{
    api::{
        ApiError, Cloud,
        proto::yandex::cloud::vpc::v1::{
            ListNetworkSecurityGroupsRequest, ListNetworksRequest, ListSubnetsRequest,
            ListUsedAddressesRequest,
        },
    },
    nic::load::{all_pages, load_context},
};

/// Largest page the list methods accept.
const PAGE_SIZE: i64 = 1000;

/// The instance, the folder's subnets in its zone (by name) and the validation context.
pub async fn options(cloud: &Cloud, instance_id: &str) -> Result<AttachOptions, ApiError> {
    let instance = cloud.get_instance(instance_id).await?;
    let context = load_context(cloud, &instance, None).await?;
    let folder_id = instance.folder_id.as_str();
    let subnets = all_pages(|page_token| async move {
        let request = ListSubnetsRequest {
            folder_id: folder_id.to_string(),
            page_size: PAGE_SIZE,
            page_token,
            filter: String::new(),
        };
        let r = cloud.list_subnets(request).await?;
        Ok((r.subnets, r.next_page_token))
    })
    .await?;
    let networks = all_pages(|page_token| async move {
        let request = ListNetworksRequest {
            folder_id: folder_id.to_string(),
            page_size: PAGE_SIZE,
            page_token,
            filter: String::new(),
        };
        let r = cloud.list_networks(request).await?;
        Ok((r.networks, r.next_page_token))
    })
    .await?;
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
    let groups = all_pages(|page_token| async move {
        let request = ListNetworkSecurityGroupsRequest {
            network_id: network_id.to_string(),
            page_size: PAGE_SIZE,
            page_token,
        };
        let r = cloud.list_network_security_groups(request).await?;
        Ok((r.security_groups, r.next_page_token))
    })
    .await?;
    let used = all_pages(|page_token| async move {
        let request = ListUsedAddressesRequest {
            subnet_id: subnet_id.to_string(),
            page_size: PAGE_SIZE,
            page_token,
            filter: String::new(),
        };
        let r = cloud.list_used_addresses(request).await?;
        Ok((r.addresses, r.next_page_token))
    })
    .await?;
    let mut groups: Vec<(String, String)> = groups.into_iter().map(|g| (g.id, g.name)).collect();
    groups.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(SubnetOptions {
        used_addresses: used.iter().filter_map(|u| u.address.parse().ok()).collect(),
        groups,
    })
}
