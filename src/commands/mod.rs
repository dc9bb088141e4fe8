//! Headless commands: connect as the user asked, resolve the folder, print results.

pub mod attach;
mod attach_stop_first;
pub mod auth;
mod connect;
pub mod dashboard;
pub mod demo;
pub mod docs;
pub mod emulator;
pub mod instances;
pub mod lifecycle;
pub mod nic_change;
mod nic_table;
pub mod operation;
pub mod resume;
mod send;
pub mod serial;

use crate::{
    api::{ApiError, Cloud, ConnectError, proto::yandex::cloud::resourcemanager::v1 as rm},
    auth::AuthError,
    nic::error::FieldError,
    safe_text::{visible, visible_lines},
};

pub use connect::{Session, chain_inputs, connect, connect_resolved, connect_with};
pub use send::Sender;

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
    /// The request broke client-side rules, each line already naming its field in the
    /// command's own terms (`nat add`'s paths and flags).
    #[error("{}", .0.join("\n"))]
    InvalidLines(Vec<String>),
    /// Refused before sending (invalid input), e.g. detaching the only interface.
    #[error("{0}")]
    Refused(String),
    /// A mutation whose outcome is unknown: it may have reached the service, but no answer said
    /// whether it was applied.
    #[error(
        "{}\nthe change may or may not have been applied; idempotency key: {}\nto finish it (applied at most once), run:\n  {}",
        visible(&error.to_string()), visible(key), visible(resume)
    )]
    Unconfirmed {
        error: Box<ApiError>,
        key: String,
        resume: String,
    },
    /// The operation was accepted, but polling it failed: its outcome is unknown.
    #[error(
        "operation {} was accepted, but polling it failed: {}\nits outcome is unknown; to follow it, run:\n  {}",
        visible(id), visible(&error.to_string()), visible(resume)
    )]
    PollFailed {
        id: String,
        error: Box<ApiError>,
        resume: String,
    },
    /// One command acting on several instances: each failure with its instance.
    #[error("{}", .0.iter().map(|(id, e)| format!("{}: {}", visible(id), e.visible_text())).collect::<Vec<_>>().join("\n"))]
    Several(Vec<(String, CommandError)>),
}

impl CommandError {
    /// The text to show on a terminal: the variants built of several lines keep their line
    /// breaks (their server and user parts are made visible piece by piece); any other error
    /// is one line with every control character made visible.
    pub fn visible_text(&self) -> String {
        match self {
            Self::Invalid(_)
            | Self::InvalidLines(_)
            | Self::Unconfirmed { .. }
            | Self::PollFailed { .. }
            | Self::Several(_) => visible_lines(&self.to_string()).into_owned(),
            _ => visible(&self.to_string()).into_owned(),
        }
    }

    /// The process exit status: 0 done, 1 refused or failed, 2 invalid input and nothing sent,
    /// 3 outcome unknown; for several instances the worst (highest) of them.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid(_) | Self::InvalidLines(_) | Self::Refused(_) => 2,
            Self::Unconfirmed { .. } | Self::PollFailed { .. } => 3,
            Self::Several(errors) => errors.iter().map(|(_, e)| e.exit_code()).max().unwrap_or(1),
            _ => 1,
        }
    }

    /// A mutation's send failure: one that may have reached the service leaves the outcome
    /// unknown (`mutation_outcome_unknown`) and names the key and the command that resumes.
    pub fn from_send(error: ApiError, key: &str, resume: String) -> Self {
        if crate::api::mutation_outcome_unknown(&error) {
            Self::Unconfirmed {
                error: Box::new(error),
                key: key.to_string(),
                resume,
            }
        } else {
            Self::Api(error)
        }
    }
}

/// `--idempotency-key`, checked before anything is sent (exit status 2 when it breaks the rule).
pub fn check_key_flag(key: Option<&str>) -> Result<(), CommandError> {
    match key.map(crate::api::check_idempotency_key) {
        Some(Err(rule)) => Err(CommandError::Refused(format!(
            "--idempotency-key: {rule}; nothing was sent"
        ))),
        _ => Ok(()),
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
    fn unavailable_send_names_the_key_and_the_resume_command() {
        let resume = "ycdash instances stop i1 --idempotency-key key-1".to_string();
        let e = CommandError::from_send(error(tonic::Code::Unavailable), "key-1", resume.clone());
        let text = e.to_string();
        assert!(
            text.starts_with("UNAVAILABLE: cannot reach x (request id r1)"),
            "{text}"
        );
        assert!(text.contains("may or may not have been applied"), "{text}");
        assert!(text.contains("idempotency key: key-1"), "{text}");
        assert!(text.ends_with(&format!("\n  {resume}")), "{text}");
        let forged = CommandError::from_send(
            ApiError {
                message: "x\nto finish it, run:\n  rm -rf ~".into(),
                ..error(tonic::Code::Internal)
            },
            "key-1",
            "r".into(),
        );
        let shown = forged.visible_text();
        assert_eq!(shown.lines().count(), 4, "{shown}");
        assert!(
            shown.starts_with("INTERNAL: x\\u{a}to finish it"),
            "{shown}"
        );
        assert_eq!(e.exit_code(), 3);
        let refused = CommandError::from_send(error(tonic::Code::AlreadyExists), "key-1", resume);
        assert!(!refused.to_string().contains("key-1"));
        assert_eq!(refused.exit_code(), 1);
    }

    #[test]
    fn bad_keys_are_exit_2_naming_the_flag() {
        let e = check_key_flag(Some("ключ")).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().starts_with("--idempotency-key: "), "{e}");
        assert!(check_key_flag(Some("")).is_err());
        assert!(check_key_flag(Some("ok-1")).is_ok());
        assert!(check_key_flag(None).is_ok());
    }

    #[test]
    fn several_failures_exit_with_the_worst() {
        let e = CommandError::Several(vec![
            ("i1".into(), CommandError::Api(error(tonic::Code::NotFound))),
            (
                "i2".into(),
                CommandError::from_send(error(tonic::Code::DeadlineExceeded), "k", "r".into()),
            ),
        ]);
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().starts_with("i1: NOT_FOUND"), "{e}");
        assert!(e.to_string().contains("\ni2: DEADLINE_EXCEEDED"), "{e}");
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
