//! Whole lists: every page of a list method, collected, for pickers, validation and headless
//! output. A repeated page token ends the walk instead of looping forever.

use std::future::Future;

use super::{
    ApiError, Cloud,
    proto::yandex::cloud::{
        compute::v1::{Instance, ListInstancesRequest, ListInstancesResponse},
        dns::v1::{DnsZone, ListDnsZonesRequest},
        resourcemanager::v1::{self as rm, Folder, ListCloudsRequest, ListFoldersRequest},
        vpc::v1::{
            Address, ListAddressesRequest, ListNetworkSecurityGroupsRequest, ListNetworksRequest,
            ListSubnetsRequest, ListUsedAddressesRequest, Network, SecurityGroup, Subnet,
            UsedAddress,
        },
    },
};

/// Collects every page: `fetch(page_token)` returns a page's items and the next token.
async fn all_pages<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, String), ApiError>>,
{
    let mut all = Vec::new();
    let mut token = String::new();
    loop {
        let (items, next) = fetch(token.clone()).await?;
        all.extend(items);
        if next.is_empty() || next == token {
            return Ok(all);
        }
        token = next;
    }
}

macro_rules! whole_list {
    ($(#[$doc:meta])* $name:ident($param:ident) -> $item:ty =
        $method:ident($req:ident).$items:ident) => {
        $(#[$doc])*
        pub async fn $name(&self, $param: &str) -> Result<Vec<$item>, ApiError> {
            all_pages(|page_token| async move {
                #[allow(clippy::needless_update)]
                let request = $req {
                    $param: $param.to_string(),
                    page_size: self.page_size(),
                    page_token,
                    ..Default::default()
                };
                let page = self.$method(request).await?;
                Ok((page.$items, page.next_page_token))
            })
            .await
        }
    };
}

impl Cloud {
    whole_list!(
        /// The folder's subnets.
        all_subnets(folder_id) -> Subnet = list_subnets(ListSubnetsRequest).subnets
    );
    whole_list!(
        /// The folder's networks.
        all_networks(folder_id) -> Network = list_networks(ListNetworksRequest).networks
    );
    whole_list!(
        /// A network's security groups.
        all_network_security_groups(network_id) -> SecurityGroup =
            list_network_security_groups(ListNetworkSecurityGroupsRequest).security_groups
    );
    whole_list!(
        /// The addresses in use in a subnet.
        all_used_addresses(subnet_id) -> UsedAddress =
            list_used_addresses(ListUsedAddressesRequest).addresses
    );
    whole_list!(
        /// The folder's reserved addresses.
        all_addresses(folder_id) -> Address = list_addresses(ListAddressesRequest).addresses
    );
    whole_list!(
        /// The folder's DNS zones.
        all_dns_zones(folder_id) -> DnsZone = list_dns_zones(ListDnsZonesRequest).dns_zones
    );
    whole_list!(
        /// A cloud's folders.
        all_folders(cloud_id) -> Folder = list_folders(ListFoldersRequest).folders
    );

    /// Every cloud the caller can see.
    pub async fn all_clouds(&self) -> Result<Vec<rm::Cloud>, ApiError> {
        all_pages(|page_token| async move {
            let request = ListCloudsRequest {
                page_size: self.page_size(),
                page_token,
                ..Default::default()
            };
            let page = self.list_clouds(request).await?;
            Ok((page.clouds, page.next_page_token))
        })
        .await
    }

    /// Every instance of the folder that matches `filter` (empty = all).
    pub async fn all_instances(
        &self,
        folder_id: &str,
        filter: &str,
    ) -> Result<Vec<Instance>, ApiError> {
        let mut pages = self.instance_pages(folder_id, filter);
        let mut all = Vec::new();
        while let Some(page) = pages.next().await? {
            all.extend(page);
        }
        Ok(all)
    }

    /// The folder's instances matching `filter`, one page at a time, for callers that must not
    /// hold the whole folder. The next page is fetched while the caller handles this one.
    pub fn instance_pages(&self, folder_id: &str, filter: &str) -> InstancePages {
        InstancePages {
            cloud: self.clone(),
            folder_id: folder_id.to_string(),
            filter: filter.to_string(),
            token: Some(String::new()),
            prefetch: None,
        }
    }
}

/// A page request in flight, with the token it was sent with.
struct Prefetch {
    token: String,
    page: tokio::task::JoinHandle<Result<ListInstancesResponse, ApiError>>,
}

/// A walk over a folder's instance pages; see [`Cloud::instance_pages`]. Dropping it cancels
/// the page in flight.
pub struct InstancePages {
    cloud: Cloud,
    folder_id: String,
    filter: String,
    /// The next page's token; `None` once the last page was requested.
    token: Option<String>,
    prefetch: Option<Prefetch>,
}

impl InstancePages {
    /// The next page, or `None` after the last. A repeated page token ends the walk.
    pub async fn next(&mut self) -> Result<Option<Vec<Instance>>, ApiError> {
        let Some(Prefetch { token, page }) = self.prefetch.take().or_else(|| self.request()) else {
            return Ok(None);
        };
        let page = page.await.map_err(|e| ApiError {
            code: tonic::Code::Internal,
            message: format!("the page request stopped: {e}"),
            request_id: String::new(),
            details: Vec::new(),
        })??;
        if !page.next_page_token.is_empty() && page.next_page_token != token {
            self.token = Some(page.next_page_token);
            self.prefetch = self.request();
        }
        Ok(Some(page.instances))
    }

    /// Sends the request for the page at `token`, if any is left.
    fn request(&mut self) -> Option<Prefetch> {
        let token = self.token.take()?;
        let request = ListInstancesRequest {
            folder_id: self.folder_id.clone(),
            page_size: self.cloud.page_size(),
            page_token: token.clone(),
            filter: self.filter.clone(),
            order_by: String::new(),
        };
        let cloud = self.cloud.clone();
        let page = tokio::spawn(async move { cloud.list_instances(request).await });
        Some(Prefetch { token, page })
    }
}

impl Drop for InstancePages {
    fn drop(&mut self) {
        if let Some(prefetch) = &self.prefetch {
            prefetch.page.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        api::Cloud,
        emulator::{Emulator, EmulatorConfig, seed},
    };

    #[tokio::test]
    async fn walks_every_page() {
        let emulator = Emulator::spawn(EmulatorConfig::default()).await.unwrap();
        let cloud = Cloud::single(&emulator.endpoint(), false, None)
            .unwrap()
            .with_page_size(1);
        let instances = cloud.all_instances(seed::FOLDER_ID, "").await.unwrap();
        assert_eq!(instances.len(), seed::DEMO_INSTANCES);
        let clouds = cloud.all_clouds().await.unwrap();
        assert_eq!(clouds.len(), 2);
        let subnets = cloud.all_subnets(seed::FOLDER_ID).await.unwrap();
        assert!(subnets.len() >= 6, "{}", subnets.len());
    }
}
