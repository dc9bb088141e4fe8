//! dns.v1 DnsZoneService.

use super::{Api, faults, paging, validate};
use crate::api::proto::yandex::cloud::dns::v1::{
    DnsZone, GetDnsZoneRequest, ListDnsZonesRequest, ListDnsZonesResponse,
    dns_zone_service_server::DnsZoneService,
};
use tonic::{Request, Response, Status};

#[tonic::async_trait]
impl DnsZoneService for Api {
    async fn get(&self, req: Request<GetDnsZoneRequest>) -> Result<Response<DnsZone>, Status> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().dns_zone_id;
        validate::id("dns_zone_id", &id)?;
        self.state.store().dns_zone(&id).cloned().map(Response::new)
    }

    async fn list(
        &self,
        req: Request<ListDnsZonesRequest>,
    ) -> Result<Response<ListDnsZonesResponse>, Status> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("folder_id", &r.folder_id)?;
        let store = self.state.store();
        store.folder(&r.folder_id)?;
        let items = store
            .dns_zones
            .iter()
            .filter(|z| z.folder_id == r.folder_id);
        let (dns_zones, next_page_token) =
            paging::named(items, |z| &z.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListDnsZonesResponse {
            dns_zones,
            next_page_token,
        }))
    }
}
