//! vpc.v1 services: Subnet (with used addresses), Network, SecurityGroup and Address.

use super::{Api, faults, paging, validate};
use crate::api::proto::yandex::cloud::reference::{Reference, Referrer, reference};
use crate::api::proto::yandex::cloud::vpc::v1::{
    Address, GetAddressRequest, GetNetworkRequest, GetSecurityGroupRequest, GetSubnetRequest,
    IpVersion, ListAddressesRequest, ListAddressesResponse, ListNetworkSecurityGroupsRequest,
    ListNetworkSecurityGroupsResponse, ListNetworkSubnetsRequest, ListNetworkSubnetsResponse,
    ListNetworksRequest, ListNetworksResponse, ListSecurityGroupsRequest,
    ListSecurityGroupsResponse, ListSubnetsRequest, ListSubnetsResponse, ListUsedAddressesRequest,
    ListUsedAddressesResponse, Network, SecurityGroup, Subnet, UsedAddress,
    address_service_server::AddressService, network_service_server::NetworkService,
    security_group_service_server::SecurityGroupService, subnet_service_server::SubnetService,
};
use tonic::{Request, Response, Status};

type Res<T> = Result<Response<T>, Status>;

#[tonic::async_trait]
impl SubnetService for Api {
    async fn get(&self, req: Request<GetSubnetRequest>) -> Res<Subnet> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().subnet_id;
        validate::id("subnet_id", &id)?;
        self.state.store().subnet(&id).cloned().map(Response::new)
    }

    async fn list(&self, req: Request<ListSubnetsRequest>) -> Res<ListSubnetsResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("folder_id", &r.folder_id)?;
        let store = self.state.store();
        store.folder(&r.folder_id)?;
        let items = store.subnets.iter().filter(|s| s.folder_id == r.folder_id);
        let (subnets, next_page_token) =
            paging::named(items, |s| &s.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListSubnetsResponse {
            subnets,
            next_page_token,
        }))
    }

    async fn list_used_addresses(
        &self,
        req: Request<ListUsedAddressesRequest>,
    ) -> Res<ListUsedAddressesResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("subnet_id", &r.subnet_id)?;
        validate::list_fields(&r.page_token, &r.filter)?;
        if !r.filter.trim().is_empty() {
            return Err(Status::invalid_argument(
                "filter: not supported for used addresses",
            ));
        }
        let store = self.state.store();
        store.subnet(&r.subnet_id)?;
        let used: Vec<UsedAddress> = store
            .used_addresses(&r.subnet_id)
            .into_iter()
            .map(|(ip, instance_id)| UsedAddress {
                address: ip.to_string(),
                ip_version: IpVersion::Ipv4.into(),
                references: vec![Reference {
                    referrer: Some(Referrer {
                        r#type: "compute.instance".into(),
                        id: instance_id,
                    }),
                    r#type: reference::Type::UsedBy.into(),
                }],
            })
            .collect();
        let (addresses, next_page_token) = paging::page(used, r.page_size, &r.page_token)?;
        Ok(Response::new(ListUsedAddressesResponse {
            addresses,
            next_page_token,
        }))
    }
}

#[tonic::async_trait]
impl NetworkService for Api {
    async fn get(&self, req: Request<GetNetworkRequest>) -> Res<Network> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().network_id;
        validate::id("network_id", &id)?;
        self.state.store().network(&id).cloned().map(Response::new)
    }

    async fn list(&self, req: Request<ListNetworksRequest>) -> Res<ListNetworksResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("folder_id", &r.folder_id)?;
        let store = self.state.store();
        store.folder(&r.folder_id)?;
        let items = store.networks.iter().filter(|n| n.folder_id == r.folder_id);
        let (networks, next_page_token) =
            paging::named(items, |n| &n.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListNetworksResponse {
            networks,
            next_page_token,
        }))
    }

    async fn list_subnets(
        &self,
        req: Request<ListNetworkSubnetsRequest>,
    ) -> Res<ListNetworkSubnetsResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("network_id", &r.network_id)?;
        let store = self.state.store();
        store.network(&r.network_id)?;
        let items = store
            .subnets
            .iter()
            .filter(|s| s.network_id == r.network_id);
        let (subnets, next_page_token) =
            paging::named(items, |s| &s.name, "", r.page_size, &r.page_token)?;
        Ok(Response::new(ListNetworkSubnetsResponse {
            subnets,
            next_page_token,
        }))
    }

    async fn list_security_groups(
        &self,
        req: Request<ListNetworkSecurityGroupsRequest>,
    ) -> Res<ListNetworkSecurityGroupsResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("network_id", &r.network_id)?;
        let store = self.state.store();
        store.network(&r.network_id)?;
        let items = store
            .security_groups
            .iter()
            .filter(|g| g.network_id == r.network_id);
        let (security_groups, next_page_token) =
            paging::named(items, |g| &g.name, "", r.page_size, &r.page_token)?;
        Ok(Response::new(ListNetworkSecurityGroupsResponse {
            security_groups,
            next_page_token,
        }))
    }
}

#[tonic::async_trait]
impl SecurityGroupService for Api {
    async fn get(&self, req: Request<GetSecurityGroupRequest>) -> Res<SecurityGroup> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().security_group_id;
        validate::id("security_group_id", &id)?;
        self.state
            .store()
            .security_group(&id)
            .cloned()
            .map(Response::new)
    }

    async fn list(
        &self,
        req: Request<ListSecurityGroupsRequest>,
    ) -> Res<ListSecurityGroupsResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("folder_id", &r.folder_id)?;
        let store = self.state.store();
        store.folder(&r.folder_id)?;
        let items = store
            .security_groups
            .iter()
            .filter(|g| g.folder_id == r.folder_id);
        let (security_groups, next_page_token) =
            paging::named(items, |g| &g.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListSecurityGroupsResponse {
            security_groups,
            next_page_token,
        }))
    }
}

#[tonic::async_trait]
impl AddressService for Api {
    async fn get(&self, req: Request<GetAddressRequest>) -> Res<Address> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().address_id;
        validate::id("address_id", &id)?;
        self.state.store().address(&id).cloned().map(Response::new)
    }

    async fn list(&self, req: Request<ListAddressesRequest>) -> Res<ListAddressesResponse> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("folder_id", &r.folder_id)?;
        let store = self.state.store();
        store.folder(&r.folder_id)?;
        let items = store
            .addresses
            .iter()
            .filter(|a| a.folder_id == r.folder_id);
        let (addresses, next_page_token) =
            paging::named(items, |a| &a.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListAddressesResponse {
            addresses,
            next_page_token,
        }))
    }
}
