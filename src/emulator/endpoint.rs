//! endpoint.ApiEndpointService: every service id points at the emulator's own address.

use super::{Api, faults, validate};
use crate::api::proto::yandex::cloud::endpoint::{
    ApiEndpoint, GetApiEndpointRequest, ListApiEndpointsRequest, ListApiEndpointsResponse,
    api_endpoint_service_server::ApiEndpointService,
};
use tonic::{Request, Response, Status};

/// The endpoint ids the emulator answers for.
const IDS: [&str; 7] = [
    "compute",
    "operation",
    "vpc",
    "resource-manager",
    "dns",
    "iam",
    "endpoint",
];

impl Api {
    fn endpoints(&self) -> Vec<ApiEndpoint> {
        let address = self.state.store().endpoint_address.clone();
        IDS.iter()
            .map(|id| ApiEndpoint {
                id: (*id).into(),
                address: address.clone(),
            })
            .collect()
    }
}

#[tonic::async_trait]
impl ApiEndpointService for Api {
    async fn get(
        &self,
        req: Request<GetApiEndpointRequest>,
    ) -> Result<Response<ApiEndpoint>, Status> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().api_endpoint_id;
        validate::id("api_endpoint_id", &id)?;
        self.endpoints()
            .into_iter()
            .find(|e| e.id == id)
            .map(Response::new)
            .ok_or_else(|| Status::not_found(format!("api endpoint {id} not found")))
    }

    async fn list(
        &self,
        _req: Request<ListApiEndpointsRequest>,
    ) -> Result<Response<ListApiEndpointsResponse>, Status> {
        faults::gate(&self.state.config).await?;
        Ok(Response::new(ListApiEndpointsResponse {
            endpoints: self.endpoints(),
            next_page_token: String::new(),
        }))
    }
}
