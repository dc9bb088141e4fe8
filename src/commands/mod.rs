//! Headless commands: connect as the user asked, resolve the folder, print results.

pub mod attach;
pub mod auth;
mod connect;
pub mod dashboard;
pub mod demo;
pub mod docs;
pub mod emulator;
pub mod instances;
pub mod nic_change;
mod nic_table;
pub mod operation;
pub mod serial;

use crate::{
    api::{ApiError, Cloud, ConnectError, proto::yandex::cloud::resourcemanager::v1 as rm},
    auth::AuthError,
    nic::error::FieldError,
};

pub use connect::{Session, chain_inputs, connect, connect_resolved, connect_with};

/// A headless command's failure: one readable line for the user.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("{0}")]
    Api(#[from] ApiError),
    #[error("{0}")]
    Connect(#[from] ConnectError),
    #[error("{0}")]
    Auth(#[from] AuthError),
    #[error("{0}")]
    Usage(String),
    /// Writing the result failed (disk full, closed terminal).
    #[error("{0}")]
    Output(String),
    #[error("operation {id} failed: {error}")]
    OperationFailed { id: String, error: ApiError },
    /// The request broke client-side rules: one error per field.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<FieldError>),
    /// Refused before sending, e.g. detaching the only interface.
    #[error("{0}")]
    Refused(String),
    /// A mutation whose outcome is unknown (the service was unreachable after retries).
    #[error(
        "{error}; the request may or may not have been applied: check the instance, or repeat the command with --idempotency-key {key} so it is applied at most once"
    )]
    Unconfirmed { error: ApiError, key: String },
}

impl CommandError {
    /// The process exit status: 2 for a request refused before sending, 1 for anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid(_) | Self::Refused(_) => 2,
            _ => 1,
        }
    }

    /// A mutation's send failure: UNAVAILABLE and DEADLINE_EXCEEDED leave the outcome unknown.
    pub fn from_send(error: ApiError, key: &str) -> Self {
        match error.code {
            tonic::Code::Unavailable | tonic::Code::DeadlineExceeded => Self::Unconfirmed {
                error,
                key: key.to_string(),
            },
            _ => Self::Api(error),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: tonic::Code) -> ApiError {
        ApiError {
            code,
            message: "cannot reach x".into(),
            request_id: "r1".into(),
            details: vec![],
        }
    }

    #[test]
    fn unavailable_send_names_the_key() {
        let e = CommandError::from_send(error(tonic::Code::Unavailable), "key-1");
        let text = e.to_string();
        assert!(
            text.starts_with("UNAVAILABLE: cannot reach x (request id r1)"),
            "{text}"
        );
        assert!(text.contains("may or may not have been applied"), "{text}");
        assert!(text.contains("--idempotency-key key-1"), "{text}");
        assert_eq!(e.exit_code(), 1);
        let refused = CommandError::from_send(error(tonic::Code::AlreadyExists), "key-1");
        assert!(!refused.to_string().contains("key-1"));
    }

    #[test]
    fn invalid_is_one_line_per_field_and_exit_2() {
        use crate::nic::error::Field;
        let e = CommandError::Invalid(vec![
            FieldError::new(Field::Index, "bad index"),
            FieldError::new(Field::SecurityGroups, "none given"),
        ]);
        assert_eq!(
            e.to_string(),
            "network_interface_index: bad index\nsecurity_group_ids: none given"
        );
        assert_eq!(e.exit_code(), 2);
    }
}
