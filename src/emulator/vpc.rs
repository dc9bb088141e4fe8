//! vpc.v1 Subnet (with used addresses) and Network services; SecurityGroup and Address are in
//! `resource_services.rs`.

use super::Api;
use super::reads::{Page, Parent, Res};
use crate::api::proto::yandex::cloud::reference::{Reference, Referrer, reference};
use crate::api::proto::yandex::cloud::vpc::v1::{
    GetNetworkRequest, GetSubnetRequest, IpVersion, ListNetworkSecurityGroupsRequest,
    ListNetworkSecurityGroupsResponse, ListNetworkSubnetsRequest, ListNetworkSubnetsResponse,
    ListNetworksRequest, ListNetworksResponse, ListSubnetsRequest, ListSubnetsResponse,
    ListUsedAddressesRequest, ListUsedAddressesResponse, Network, SecurityGroup, Subnet,
    UsedAddress, network_service_server::NetworkService, subnet_service_server::SubnetService,
};
use tonic::{Request, Status};

/// The used address `ip`, referred to by the instance that holds it.
fn used_by(ip: std::net::Ipv4Addr, instance_id: String) -> UsedAddress {
    UsedAddress {
        address: ip.to_string(),
        ip_version: IpVersion::Ipv4.into(),
        references: vec![Reference {
            referrer: Some(Referrer {
                r#type: "compute.instance".into(),
                id: instance_id,
            }),
            r#type: reference::Type::UsedBy.into(),
        }],
    }
}

#[tonic::async_trait]
impl SubnetService for Api {
    async fn get(&self, req: Request<GetSubnetRequest>) -> Res<Subnet> {
        self.get_resource("subnet_id", &req.into_inner().subnet_id)
            .await
    }

    async fn list(&self, req: Request<ListSubnetsRequest>) -> Res<ListSubnetsResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        self.list_named(Parent::Folder(&r.folder_id), page, |s: &Subnet| {
            &s.folder_id
        })
        .await
    }

    async fn list_used_addresses(
        &self,
        req: Request<ListUsedAddressesRequest>,
    ) -> Res<ListUsedAddressesResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        self.read_page("subnet_id", &r.subnet_id, page, |store, id| {
            if !r.filter.trim().is_empty() {
                return Err(Status::invalid_argument(
                    "filter: not supported for used addresses",
                ));
            }
            store.get::<Subnet>(id)?;
            let used = store.used_addresses(id).into_iter();
            Ok(used
                .map(|(ip, instance_id)| used_by(ip, instance_id))
                .collect())
        })
        .await
    }
}

#[tonic::async_trait]
impl NetworkService for Api {
    async fn get(&self, req: Request<GetNetworkRequest>) -> Res<Network> {
        self.get_resource("network_id", &req.into_inner().network_id)
            .await
    }

    async fn list(&self, req: Request<ListNetworksRequest>) -> Res<ListNetworksResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        self.list_named(Parent::Folder(&r.folder_id), page, |n: &Network| {
            &n.folder_id
        })
        .await
    }

    async fn list_subnets(
        &self,
        req: Request<ListNetworkSubnetsRequest>,
    ) -> Res<ListNetworkSubnetsResponse> {
        let r = req.into_inner();
        let page = Page::new("", r.page_size, &r.page_token);
        let network = Parent::Network(&r.network_id);
        self.list_named(network, page, |s: &Subnet| &s.network_id)
            .await
    }

    async fn list_security_groups(
        &self,
        req: Request<ListNetworkSecurityGroupsRequest>,
    ) -> Res<ListNetworkSecurityGroupsResponse> {
        let r = req.into_inner();
        let page = Page::new("", r.page_size, &r.page_token);
        let network = Parent::Network(&r.network_id);
        self.list_named(network, page, |g: &SecurityGroup| &g.network_id)
            .await
    }
}
