//! Loads the folder picker's tree: every cloud, then every cloud's folders, all pages. A cloud
//! whose folders cannot be listed keeps its error; only a failure to list the clouds fails all.

use super::folder_picker::CloudFolders;
use crate::api::{
    ApiError, Cloud,
    proto::yandex::cloud::resourcemanager::v1::{
        self as rm, Folder, ListCloudsRequest, ListFoldersRequest,
    },
};

/// Clouds and folders asked for per page (the API's maximum).
const PAGE_SIZE: i64 = 1000;

pub async fn tree(cloud: &Cloud) -> Result<Vec<CloudFolders>, ApiError> {
    let mut clouds: Vec<rm::Cloud> = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = ListCloudsRequest {
            page_size: PAGE_SIZE,
            page_token,
            ..Default::default()
        };
        let page = cloud.list_clouds(request).await?;
        clouds.extend(page.clouds);
        if page.next_page_token.is_empty() {
            break;
        }
        page_token = page.next_page_token;
    }
    let mut tree = Vec::with_capacity(clouds.len());
    for entry in clouds {
        let folders = folders(cloud, &entry.id).await;
        tree.push(CloudFolders {
            cloud: entry,
            folders,
        });
    }
    Ok(tree)
}

async fn folders(cloud: &Cloud, cloud_id: &str) -> Result<Vec<Folder>, ApiError> {
    let mut folders = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = ListFoldersRequest {
            cloud_id: cloud_id.to_string(),
            page_size: PAGE_SIZE,
            page_token,
            ..Default::default()
        };
        let page = cloud.list_folders(request).await?;
        folders.extend(page.folders);
        if page.next_page_token.is_empty() {
            return Ok(folders);
        }
        page_token = page.next_page_token;
    }
}
