//! resourcemanager.v1 CloudService and FolderService.

use super::{Api, faults, paging, validate};
use crate::api::proto::yandex::cloud::resourcemanager::v1::{
    Cloud, Folder, GetCloudRequest, GetFolderRequest, ListCloudsRequest, ListCloudsResponse,
    ListFoldersRequest, ListFoldersResponse, cloud_service_server::CloudService,
    folder_service_server::FolderService,
};
use tonic::{Request, Response, Status};

#[tonic::async_trait]
impl CloudService for Api {
    async fn get(&self, req: Request<GetCloudRequest>) -> Result<Response<Cloud>, Status> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().cloud_id;
        validate::id("cloud_id", &id)?;
        self.state.store().cloud(&id).cloned().map(Response::new)
    }

    async fn list(
        &self,
        req: Request<ListCloudsRequest>,
    ) -> Result<Response<ListCloudsResponse>, Status> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::max_len("organization_id", &r.organization_id, 50)?;
        let store = self.state.store();
        let items = store
            .clouds
            .iter()
            .filter(|c| r.organization_id.is_empty() || c.organization_id == r.organization_id);
        let (clouds, next_page_token) =
            paging::named(items, |c| &c.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListCloudsResponse {
            clouds,
            next_page_token,
        }))
    }
}

#[tonic::async_trait]
impl FolderService for Api {
    async fn get(&self, req: Request<GetFolderRequest>) -> Result<Response<Folder>, Status> {
        faults::gate(&self.state.config).await?;
        let id = req.into_inner().folder_id;
        validate::id("folder_id", &id)?;
        self.state.store().folder(&id).cloned().map(Response::new)
    }

    async fn list(
        &self,
        req: Request<ListFoldersRequest>,
    ) -> Result<Response<ListFoldersResponse>, Status> {
        faults::gate(&self.state.config).await?;
        let r = req.into_inner();
        validate::id("cloud_id", &r.cloud_id)?;
        let store = self.state.store();
        store.cloud(&r.cloud_id)?;
        let items = store.folders.iter().filter(|f| f.cloud_id == r.cloud_id);
        let (folders, next_page_token) =
            paging::named(items, |f| &f.name, &r.filter, r.page_size, &r.page_token)?;
        Ok(Response::new(ListFoldersResponse {
            folders,
            next_page_token,
        }))
    }
}
