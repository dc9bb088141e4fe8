//! endpoint.ApiEndpointService: every service id points at the emulator's own address.

use super::reads::Res;
use super::store::{Store, not_found};
use super::{Api, faults};
use crate::api::SERVICE_IDS;
use crate::api::proto::yandex::cloud::endpoint::{
    ApiEndpoint, GetApiEndpointRequest, ListApiEndpointsRequest, ListApiEndpointsResponse,
    api_endpoint_service_server::ApiEndpointService,
};
use tonic::{Request, Response};

/// The endpoint ids the emulator answers for: those ycdash connects to, and discovery's own.
fn ids() -> impl Iterator<Item = &'static str> {
    SERVICE_IDS.into_iter().chain(["endpoint"])
}

/// Every endpoint, at the emulator's own address.
fn endpoints(store: &Store) -> Vec<ApiEndpoint> {
    ids()
        .map(|id| ApiEndpoint {
            id: id.into(),
            address: store.endpoint_address.clone(),
        })
        .collect()
}

#[tonic::async_trait]
impl ApiEndpointService for Api {
    async fn get(&self, req: Request<GetApiEndpointRequest>) -> Res<ApiEndpoint> {
        let id = req.into_inner().api_endpoint_id;
        self.read("api_endpoint_id", &id, |store, id| {
            let mut all = endpoints(store).into_iter();
            all.find(|e| e.id == id)
                .ok_or_else(|| not_found("api endpoint", id))
        })
        .await
    }

    async fn list(&self, _req: Request<ListApiEndpointsRequest>) -> Res<ListApiEndpointsResponse> {
        faults::gate(&self.state.config).await?;
        let endpoints = endpoints(&self.state.store());
        Ok(Response::new(ListApiEndpointsResponse {
            endpoints,
            next_page_token: String::new(),
        }))
    }
}
