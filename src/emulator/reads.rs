//! The one shape of the emulator's read handlers: the injected fault gate, the id check, the
//! store lock, then a lookup (`Api::read`, `Api::get_resource`), a page of what the id lists
//! (`Api::read_page`) or a name-filtered page of a parent's children (`Api::list_named`).
//! Handlers say only what differs: which id, which collection, which field.

use super::store::{Resource, Store};
use super::{Api, faults, paging, validate};
use crate::api::proto::yandex::cloud::{
    compute::v1::ListInstanceOperationsResponse,
    dns::v1::{DnsZone, ListDnsZonesResponse},
    operation::Operation,
    resourcemanager::v1::{Cloud, Folder, ListCloudsResponse, ListFoldersResponse},
    vpc::v1::{
        Address, ListAddressesResponse, ListNetworkSecurityGroupsResponse,
        ListNetworkSubnetsResponse, ListNetworksResponse, ListSecurityGroupsResponse,
        ListSubnetsResponse, ListUsedAddressesResponse, Network, SecurityGroup, Subnet,
        UsedAddress,
    },
};
use tonic::{Response, Status};

pub type Res<T> = Result<Response<T>, Status>;

/// A List response: one page of items and the token of the next page.
pub trait PageResponse {
    type Item;
    fn from_page(items: Vec<Self::Item>, next_page_token: String) -> Self;
}

/// `PageResponse` for a response whose items are in `$field`.
macro_rules! page_response {
    ($($response:ty => $field:ident: $item:ty;)*) => {$(
        impl PageResponse for $response {
            type Item = $item;
            fn from_page(items: Vec<$item>, next_page_token: String) -> Self {
                Self { $field: items, next_page_token }
            }
        }
    )*};
}

page_response! {
    ListCloudsResponse => clouds: Cloud;
    ListFoldersResponse => folders: Folder;
    ListNetworksResponse => networks: Network;
    ListNetworkSubnetsResponse => subnets: Subnet;
    ListNetworkSecurityGroupsResponse => security_groups: SecurityGroup;
    ListSubnetsResponse => subnets: Subnet;
    ListUsedAddressesResponse => addresses: UsedAddress;
    ListSecurityGroupsResponse => security_groups: SecurityGroup;
    ListAddressesResponse => addresses: Address;
    ListDnsZonesResponse => dns_zones: DnsZone;
    ListInstanceOperationsResponse => operations: Operation;
}

/// What a list is scoped to: the parent's id, which must exist, or an optional organization.
pub enum Parent<'r> {
    Cloud(&'r str),
    Folder(&'r str),
    Network(&'r str),
    /// Clouds of one organization; empty means every cloud.
    Organization(&'r str),
}

impl Parent<'_> {
    fn validate(&self) -> Result<(), Status> {
        match *self {
            Self::Cloud(id) => validate::id("cloud_id", id),
            Self::Folder(id) => validate::id("folder_id", id),
            Self::Network(id) => validate::id("network_id", id),
            Self::Organization(id) => validate::max_len("organization_id", id, 50),
        }
    }

    /// NOT_FOUND when the parent is not in the store.
    fn exists(&self, store: &Store) -> Result<(), Status> {
        match *self {
            Self::Cloud(id) => store.get::<Cloud>(id).map(drop),
            Self::Folder(id) => store.get::<Folder>(id).map(drop),
            Self::Network(id) => store.get::<Network>(id).map(drop),
            Self::Organization(_) => Ok(()),
        }
    }

    /// Whether an item whose parent id is `id` belongs to the list.
    fn holds(&self, id: &str) -> bool {
        match *self {
            Self::Cloud(p) | Self::Folder(p) | Self::Network(p) => p == id,
            Self::Organization(p) => p.is_empty() || p == id,
        }
    }
}

/// The paging fields of a List request; `filter` is empty where the request has none.
pub struct Page<'r> {
    pub filter: &'r str,
    pub size: i64,
    pub token: &'r str,
}

impl<'r> Page<'r> {
    pub fn new(filter: &'r str, size: i64, token: &'r str) -> Self {
        Self {
            filter,
            size,
            token,
        }
    }
}

impl Api {
    /// Gate, check the required id `field`, lock the store, then answer with `read`.
    pub(super) async fn read<T>(
        &self,
        field: &'static str,
        id: &str,
        read: impl FnOnce(&mut Store, &str) -> Result<T, Status>,
    ) -> Res<T> {
        faults::gate(&self.state.config).await?;
        validate::id(field, id)?;
        read(&mut self.state.store(), id).map(Response::new)
    }

    /// `read` of the resource `id` of a store vector.
    pub(super) async fn get_resource<T: Resource + Clone>(
        &self,
        field: &'static str,
        id: &str,
    ) -> Res<T> {
        self.read(field, id, |store, id| store.get::<T>(id).cloned())
            .await
    }

    /// `read`, answered with one `page` of what `items` lists for the id: the list fields are
    /// checked first, then `items` makes its own checks. The filter is only length-checked.
    pub(super) async fn read_page<R: PageResponse>(
        &self,
        field: &'static str,
        id: &str,
        page: Page<'_>,
        items: impl FnOnce(&Store, &str) -> Result<Vec<R::Item>, Status>,
    ) -> Res<R> {
        self.read(field, id, |store, id| {
            validate::list_fields(page.token, page.filter)?;
            let items = items(store, id)?;
            let (items, next_page_token) = paging::page(items, page.size, page.token)?;
            Ok(R::from_page(items, next_page_token))
        })
        .await
    }

    /// Gate, check the parent's id, lock the store, check the parent exists, then one page of
    /// the resources whose `parent_id` is the parent's, after the strict `name = "x"` filter.
    pub(super) async fn list_named<T: Resource + Clone, R: PageResponse<Item = T>>(
        &self,
        parent: Parent<'_>,
        page: Page<'_>,
        parent_id: fn(&T) -> &str,
    ) -> Res<R> {
        faults::gate(&self.state.config).await?;
        parent.validate()?;
        let store = self.state.store();
        parent.exists(&store)?;
        let items = T::all(&store)
            .iter()
            .filter(|item| parent.holds(parent_id(item)));
        let (items, next_page_token) =
            paging::named(items, Resource::name, page.filter, page.size, page.token)?;
        Ok(Response::new(R::from_page(items, next_page_token)))
    }
}
