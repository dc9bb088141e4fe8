//! Why credentials could not be found, read or exchanged; never carries secret material.

use crate::api::ApiError;

/// A credential failure, as one readable line that says what to check.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AuthError {
    /// A key file, profile or metadata answer that cannot be used.
    #[error("{0}")]
    Config(String),
    /// IAM (or the metadata service) refused to issue a token for this source.
    #[error(
        "{source_name} was rejected: {error}; check that it is current (it may have expired or been revoked)"
    )]
    Rejected {
        source_name: String,
        error: ApiError,
    },
    /// The token service could not be reached or failed.
    #[error("cannot get an IAM token for {source_name}: {message}")]
    Unavailable {
        source_name: String,
        message: String,
    },
}

impl AuthError {
    /// Sorts a failed `IamTokenService.Create` into rejected credentials or an unreachable service.
    pub fn from_exchange(source_name: &str, error: ApiError) -> Self {
        match error.code {
            tonic::Code::Unauthenticated
            | tonic::Code::PermissionDenied
            | tonic::Code::InvalidArgument => Self::Rejected {
                source_name: source_name.to_string(),
                error,
            },
            _ => Self::Unavailable {
                source_name: source_name.to_string(),
                message: error.summary(),
            },
        }
    }
}
