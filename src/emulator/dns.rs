//! dns.v1 DnsZoneService.

use super::Api;
use super::reads::{Page, Parent, Res};
use crate::api::proto::yandex::cloud::dns::v1::{
    DnsZone, GetDnsZoneRequest, ListDnsZonesRequest, ListDnsZonesResponse,
    dns_zone_service_server::DnsZoneService,
};
use tonic::Request;

#[tonic::async_trait]
impl DnsZoneService for Api {
    async fn get(&self, req: Request<GetDnsZoneRequest>) -> Res<DnsZone> {
        self.get_resource("dns_zone_id", &req.into_inner().dns_zone_id)
            .await
    }

    async fn list(&self, req: Request<ListDnsZonesRequest>) -> Res<ListDnsZonesResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        self.list_named(Parent::Folder(&r.folder_id), page, |z: &DnsZone| {
            &z.folder_id
        })
        .await
    }
}
