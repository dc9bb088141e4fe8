//! Headless commands: connect as the user asked, resolve the folder, print results.

pub mod emulator;
pub mod instances;
pub mod operation;
mod table;

use crate::{
    api::{ApiError, Cloud, ConnectError, proto::yandex::cloud::resourcemanager::v1 as rm},
    auth::Secret,
    cli::Connection,
};

/// A headless command's failure: one readable line for the user.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("{0}")]
    Connect(#[from] ConnectError),
    #[error("{0}")]
    Usage(String),
    #[error("operation {id} failed: {error}")]
    OperationFailed { id: String, error: ApiError },
}

/// The bearer token given in the environment, if any.
pub fn env_token() -> Option<Secret> {
    std::env::var("YC_IAM_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .map(|t| Secret::new(t.trim()))
}

/// A client for headless commands: `--endpoint` if given, else the real cloud with credentials.
/// Never falls back to demo data silently: a script must not act on a simulated cloud by mistake.
pub async fn connect(connection: &Connection) -> Result<Cloud, CommandError> {
    let token = env_token();
    match (&connection.endpoint, token) {
        (Some(url), token) => Ok(Cloud::single(url, connection.insecure, token)?),
        (None, Some(token)) => Ok(Cloud::discover(None, Some(token)).await?),
        (None, None) => Err(CommandError::Usage(
            "no credentials: set YC_IAM_TOKEN, or pass --endpoint http://127.0.0.1:50051 to use a running `ycdash emulator`".into(),
        )),
    }
}

/// `--folder` / `YC_FOLDER_ID`, else the first folder of the first cloud the endpoint lists.
pub async fn resolve_folder(cloud: &Cloud, folder: Option<&str>) -> Result<String, CommandError> {
    if let Some(folder) = folder.filter(|f| !f.is_empty()) {
        return Ok(folder.to_string());
    }
    let clouds = cloud.list_clouds(rm::ListCloudsRequest::default()).await?;
    for c in clouds.clouds {
        let folders = cloud
            .list_folders(rm::ListFoldersRequest {
                cloud_id: c.id.clone(),
                ..Default::default()
            })
            .await?;
        if let Some(first) = folders.folders.into_iter().next() {
            return Ok(first.id);
        }
    }
    Err(CommandError::Usage(
        "no folder: pass --folder ID or set YC_FOLDER_ID (the endpoint lists no folders)".into(),
    ))
}
