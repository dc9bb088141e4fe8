//! Where IAM tokens come from once a source is chosen, and how each one gets a fresh token.

use std::time::{Duration, SystemTime};

use super::{AuthError, Secret, metadata, sa_key::ServiceAccountKey};
use crate::api::{
    Cloud,
    proto::yandex::cloud::iam::v1::{CreateIamTokenRequest, create_iam_token_request::Identity},
};

/// A token and when it stops working (unknown for a token given as is).
#[derive(Clone, Debug)]
pub struct IssuedToken {
    pub token: Secret,
    pub expires_at: Option<SystemTime>,
}

impl IssuedToken {
    /// Time left until expiry, zero if already past; `None` when unknown.
    pub fn lifetime(&self, now: SystemTime) -> Option<Duration> {
        self.expires_at
            .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

/// How to obtain an IAM token.
#[derive(Clone, Debug)]
pub enum Provider {
    /// An IAM token used as is; it cannot be refreshed.
    Static(Secret),
    /// A JWT signed with this key, exchanged with `IamTokenService.Create`.
    ServiceAccount(ServiceAccountKey),
    /// An OAuth token exchanged with `IamTokenService.Create`.
    OAuth(Secret),
    /// The VM metadata service at `host:port`.
    Metadata(String),
}

impl Provider {
    /// Whether asking again can give a new token.
    pub fn refreshable(&self) -> bool {
        !matches!(self, Provider::Static(_))
    }

    /// Gets a token; `source_name` is how errors name the credentials.
    pub async fn fetch(&self, cloud: &Cloud, source_name: &str) -> Result<IssuedToken, AuthError> {
        let identity = match self {
            Provider::Static(token) => {
                return Ok(IssuedToken {
                    token: token.clone(),
                    expires_at: None,
                });
            }
            Provider::Metadata(addr) => return metadata::fetch_token(addr).await,
            Provider::ServiceAccount(key) => {
                Identity::Jwt(key.jwt(SystemTime::now())?.expose().to_string())
            }
            Provider::OAuth(token) => {
                Identity::YandexPassportOauthToken(token.expose().to_string())
            }
        };
        let response = cloud
            .create_iam_token(CreateIamTokenRequest {
                identity: Some(identity),
            })
            .await
            .map_err(|e| AuthError::from_exchange(source_name, e))?;
        let expires_at = response.expires_at.and_then(|t| {
            let secs = u64::try_from(t.seconds).ok()?;
            SystemTime::UNIX_EPOCH.checked_add(
                Duration::from_secs(secs)
                    + Duration::from_nanos(u64::try_from(t.nanos).unwrap_or(0)),
            )
        });
        Ok(IssuedToken {
            token: Secret::new(response.iam_token),
            expires_at,
        })
    }
}
