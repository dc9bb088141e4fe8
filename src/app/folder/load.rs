//! Loads the folder picker's tree: every cloud, then every cloud's folders, all pages. A cloud
//! whose folders cannot be listed keeps its error; only a failure to list the clouds fails all.

use super::state::CloudFolders;
use crate::api::{ApiError, Cloud};

pub async fn tree(cloud: &Cloud) -> Result<Vec<CloudFolders>, ApiError> {
    let clouds = cloud.all_clouds().await?;
    let mut tree = Vec::with_capacity(clouds.len());
    for entry in clouds {
        let folders = cloud.all_folders(&entry.id).await;
        tree.push(CloudFolders {
            cloud: entry,
            folders,
        });
    }
    Ok(tree)
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
        let tree = super::tree(&cloud.with_page_size(1)).await.expect("tree");
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
