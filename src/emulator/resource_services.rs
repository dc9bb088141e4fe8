//! The services that only read resources kept in the store's vectors: Get one by id and List a
//! parent's by name. resourcemanager.v1 Cloud and Folder, vpc.v1 SecurityGroup and Address,
//! and dns.v1 DnsZone are each these same two calls on another type, so one table states them
//! (vpc.rs has the Subnet and Network services, which list more).

use super::Api;
use super::reads::{Page, Parent, Res};
use crate::api::proto::yandex::cloud::{
    dns::v1::{
        DnsZone, GetDnsZoneRequest, ListDnsZonesRequest, ListDnsZonesResponse,
        dns_zone_service_server::DnsZoneService,
    },
    resourcemanager::v1::{
        Cloud, Folder, GetCloudRequest, GetFolderRequest, ListCloudsRequest, ListCloudsResponse,
        ListFoldersRequest, ListFoldersResponse, cloud_service_server::CloudService,
        folder_service_server::FolderService,
    },
    vpc::v1::{
        Address, GetAddressRequest, GetSecurityGroupRequest, ListAddressesRequest,
        ListAddressesResponse, ListSecurityGroupsRequest, ListSecurityGroupsResponse,
        SecurityGroup, address_service_server::AddressService,
        security_group_service_server::SecurityGroupService,
    },
};
use tonic::Request;

/// Implements each service: Get reads the resource named by the request's `$id` field
/// (`Api::get_resource`); List pages the resources whose `$parent_id` field is the request's,
/// under the parent `Parent::$parent` (`Api::list_named`).
macro_rules! get_and_list {
    ($($service:ident {
        get: $get:ident($id:ident) -> $item:ident,
        list: $list:ident in $parent:ident($parent_id:ident) -> $response:ident,
    })*) => {$(
        #[tonic::async_trait]
        impl $service for Api {
            async fn get(&self, req: Request<$get>) -> Res<$item> {
                self.get_resource(stringify!($id), &req.into_inner().$id).await
            }

            async fn list(&self, req: Request<$list>) -> Res<$response> {
                let r = req.into_inner();
                let page = Page::new(&r.filter, r.page_size, &r.page_token);
                let parent = Parent::$parent(&r.$parent_id);
                self.list_named(parent, page, |item: &$item| &item.$parent_id).await
            }
        }
    )*};
}

get_and_list! {
    CloudService {
        get: GetCloudRequest(cloud_id) -> Cloud,
        list: ListCloudsRequest in Organization(organization_id) -> ListCloudsResponse,
    }
    FolderService {
        get: GetFolderRequest(folder_id) -> Folder,
        list: ListFoldersRequest in Cloud(cloud_id) -> ListFoldersResponse,
    }
    SecurityGroupService {
        get: GetSecurityGroupRequest(security_group_id) -> SecurityGroup,
        list: ListSecurityGroupsRequest in Folder(folder_id) -> ListSecurityGroupsResponse,
    }
    AddressService {
        get: GetAddressRequest(address_id) -> Address,
        list: ListAddressesRequest in Folder(folder_id) -> ListAddressesResponse,
    }
    DnsZoneService {
        get: GetDnsZoneRequest(dns_zone_id) -> DnsZone,
        list: ListDnsZonesRequest in Folder(folder_id) -> ListDnsZonesResponse,
    }
}
