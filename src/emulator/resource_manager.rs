//! resourcemanager.v1 CloudService and FolderService.

use super::Api;
use super::reads::{Page, Parent, Res};
use crate::api::proto::yandex::cloud::resourcemanager::v1::{
    Cloud, Folder, GetCloudRequest, GetFolderRequest, ListCloudsRequest, ListCloudsResponse,
    ListFoldersRequest, ListFoldersResponse, cloud_service_server::CloudService,
    folder_service_server::FolderService,
};
use tonic::Request;

#[tonic::async_trait]
impl CloudService for Api {
    async fn get(&self, req: Request<GetCloudRequest>) -> Res<Cloud> {
        self.get_resource("cloud_id", &req.into_inner().cloud_id)
            .await
    }

    async fn list(&self, req: Request<ListCloudsRequest>) -> Res<ListCloudsResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        let organization = Parent::Organization(&r.organization_id);
        self.list_named(organization, page, |c: &Cloud| &c.organization_id)
            .await
    }
}

#[tonic::async_trait]
impl FolderService for Api {
    async fn get(&self, req: Request<GetFolderRequest>) -> Res<Folder> {
        self.get_resource("folder_id", &req.into_inner().folder_id)
            .await
    }

    async fn list(&self, req: Request<ListFoldersRequest>) -> Res<ListFoldersResponse> {
        let r = req.into_inner();
        let page = Page::new(&r.filter, r.page_size, &r.page_token);
        self.list_named(Parent::Cloud(&r.cloud_id), page, |f: &Folder| &f.cloud_id)
            .await
    }
}
