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
    tree_in_pages(cloud, PAGE_SIZE).await
}

async fn tree_in_pages(cloud: &Cloud, page_size: i64) -> Result<Vec<CloudFolders>, ApiError> {
    let mut clouds: Vec<rm::Cloud> = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = ListCloudsRequest {
            page_size,
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
        let folders = folders(cloud, &entry.id, page_size).await;
        tree.push(CloudFolders {
            cloud: entry,
            folders,
        });
    }
    Ok(tree)
}

async fn folders(cloud: &Cloud, cloud_id: &str, page_size: i64) -> Result<Vec<Folder>, ApiError> {
    let mut folders = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = ListFoldersRequest {
            cloud_id: cloud_id.to_string(),
            page_size,
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

#[cfg(test)]
mod tests {
    use crate::{
        api::Cloud,
        emulator::{Emulator, EmulatorConfig, seed},
    };

    #[tokio::test]
    async fn every_page_of_clouds_and_folders_is_read() {
        let emulator = Emulator::spawn(EmulatorConfig::default())
            .await
            .expect("emulator");
        let cloud = Cloud::single(&emulator.endpoint(), false, None).expect("client");
        let tree = super::tree_in_pages(&cloud, 1).await.expect("tree");
        let mut clouds: Vec<&str> = tree.iter().map(|c| c.cloud.id.as_str()).collect();
        clouds.sort_unstable();
        let mut expected = [seed::CLOUD_ID, seed::OTHER_CLOUD_ID];
        expected.sort_unstable();
        assert_eq!(clouds, expected);
        let demo = tree
            .iter()
            .find(|c| c.cloud.id == seed::CLOUD_ID)
            .and_then(|c| c.folders.as_ref().ok())
            .expect("demo cloud's folders");
        let mut ids: Vec<&str> = demo.iter().map(|f| f.id.as_str()).collect();
        ids.sort_unstable();
        let mut expected = [seed::FOLDER_ID, seed::STAGING_FOLDER_ID];
        expected.sort_unstable();
        assert_eq!(ids, expected);
    }
}
