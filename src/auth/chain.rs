//! The credential chain: the first source that is present wins, in the order yc, the SDKs and
//! Terraform use; the chosen source can describe itself for the header and `auth status`.

use std::path::PathBuf;

use super::{
    AuthError, Provider, Secret, metadata,
    profile::{self, YcProfile},
    sa_key::ServiceAccountKey,
};

/// Which credentials were chosen, for display (never contains secret material).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    /// A ready IAM token; `origin` is `--iam-token` or `YC_IAM_TOKEN`.
    IamToken {
        origin: &'static str,
    },
    /// `origin` is `--sa-key` or `YC_SERVICE_ACCOUNT_KEY_FILE`.
    ServiceAccountKeyFile {
        path: PathBuf,
        key_id: String,
        origin: &'static str,
    },
    /// An OAuth token; `origin` is `YC_TOKEN`.
    OAuthToken {
        origin: &'static str,
    },
    YcProfile {
        name: String,
    },
    Metadata {
        address: String,
    },
}

impl CredentialSource {
    /// One short phrase, e.g. "OAuth token from YC_TOKEN".
    pub fn describe(&self) -> String {
        match self {
            Self::IamToken { origin } => format!("IAM token from {origin}"),
            Self::ServiceAccountKeyFile { path, key_id, .. } => {
                format!("service account key {} (key id {key_id})", path.display())
            }
            Self::OAuthToken { origin } => format!("OAuth token from {origin}"),
            Self::YcProfile { name } => format!("yc profile '{name}'"),
            Self::Metadata { address } if address == metadata::DEFAULT_METADATA_ADDR => {
                "VM metadata service".into()
            }
            Self::Metadata { address } => format!("VM metadata service at {address}"),
        }
    }

    /// Given on this command line (`--iam-token`, `--sa-key`), as opposed to ambient
    /// credentials (environment, yc profile, metadata service) that are sent only over TLS.
    pub fn given_on_command_line(&self) -> bool {
        matches!(
            self,
            Self::IamToken {
                origin: IAM_TOKEN_FLAG
            } | Self::ServiceAccountKeyFile {
                origin: SA_KEY_FLAG,
                ..
            }
        )
    }
}

const IAM_TOKEN_FLAG: &str = "--iam-token";
const SA_KEY_FLAG: &str = "--sa-key";

/// Everything the chain looks at, gathered up front so tests can pass it explicitly.
#[derive(Clone, Debug, Default)]
pub struct ChainInputs {
    pub iam_token_flag: Option<Secret>,
    pub iam_token_env: Option<Secret>,
    /// `--sa-key`.
    pub sa_key_flag: Option<PathBuf>,
    /// `YC_SERVICE_ACCOUNT_KEY_FILE`.
    pub sa_key_file: Option<PathBuf>,
    /// `YC_TOKEN`.
    pub oauth_token_env: Option<Secret>,
    /// The yc configuration file to read, if any.
    pub yc_config: Option<PathBuf>,
    /// `--profile`; else the file's current profile.
    pub profile: Option<String>,
    /// Metadata service `host:port` to probe; `None` skips it.
    pub metadata_addr: Option<String>,
}

impl ChainInputs {
    /// The flags plus the process environment (`YC_IAM_TOKEN`, `YC_SERVICE_ACCOUNT_KEY_FILE`,
    /// `YC_TOKEN`, `HOME`, `YC_METADATA_ADDR`).
    pub fn from_env(
        iam_token_flag: Option<Secret>,
        sa_key_flag: Option<PathBuf>,
        profile: Option<&str>,
    ) -> Self {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let home = var("HOME").map(PathBuf::from);
        Self {
            iam_token_flag,
            iam_token_env: var("YC_IAM_TOKEN").map(Secret::new),
            sa_key_flag,
            sa_key_file: var("YC_SERVICE_ACCOUNT_KEY_FILE").map(PathBuf::from),
            oauth_token_env: var("YC_TOKEN").map(Secret::new),
            yc_config: profile::default_config_path(home.as_deref()),
            profile: profile.map(str::to_string),
            metadata_addr: Some(
                var("YC_METADATA_ADDR").unwrap_or_else(|| metadata::DEFAULT_METADATA_ADDR.into()),
            ),
        }
    }
}

/// The chosen credentials.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub source: CredentialSource,
    pub provider: Provider,
}

/// What the chain found: credentials (none means demo mode, the caller decides) and the yc
/// profile, whose folder and endpoint apply whichever source won.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub credentials: Option<Credentials>,
    pub profile: Option<YcProfile>,
}

/// Walks the chain. Errors only for a source that is present but unusable (an unreadable key
/// file, a broken profile): silently skipping it would act as someone else.
pub async fn resolve(inputs: &ChainInputs) -> Result<Resolved, AuthError> {
    let profile = match &inputs.yc_config {
        None => None,
        Some(path) => match profile::load(path, inputs.profile.as_deref()) {
            Ok(found) => found,
            // A profile asked for by name must work; yc's own file must not block other sources.
            Err(e) if inputs.profile.is_none() => {
                tracing::warn!(error = %e, "ignoring the yc configuration");
                None
            }
            Err(e) => return Err(e),
        },
    };
    let credentials = choose(inputs, profile.as_ref()).await?;
    if let Some(c) = &credentials {
        tracing::debug!(source = %c.source.describe(), "credentials chosen");
    }
    Ok(Resolved {
        credentials,
        profile,
    })
}

async fn choose(
    inputs: &ChainInputs,
    profile: Option<&YcProfile>,
) -> Result<Option<Credentials>, AuthError> {
    let found = |source, provider| Ok(Some(Credentials { source, provider }));
    if let Some(token) = &inputs.iam_token_flag {
        return found(
            CredentialSource::IamToken {
                origin: IAM_TOKEN_FLAG,
            },
            Provider::Static(token.clone()),
        );
    }
    if let Some(token) = &inputs.iam_token_env {
        return found(
            CredentialSource::IamToken {
                origin: "YC_IAM_TOKEN",
            },
            Provider::Static(token.clone()),
        );
    }
    let sa_key = (inputs.sa_key_flag.as_ref().map(|p| (p, SA_KEY_FLAG))).or_else(|| {
        inputs
            .sa_key_file
            .as_ref()
            .map(|p| (p, "YC_SERVICE_ACCOUNT_KEY_FILE"))
    });
    if let Some((path, origin)) = sa_key {
        let key = ServiceAccountKey::from_file(path)?;
        return found(
            CredentialSource::ServiceAccountKeyFile {
                path: path.clone(),
                key_id: key.id.clone(),
                origin,
            },
            Provider::ServiceAccount(key),
        );
    }
    if let Some(token) = &inputs.oauth_token_env {
        return found(
            CredentialSource::OAuthToken { origin: "YC_TOKEN" },
            Provider::OAuth(token.clone()),
        );
    }
    if let Some(p) = profile {
        let source = CredentialSource::YcProfile {
            name: p.name.clone(),
        };
        if let Some(key) = &p.service_account_key {
            return found(source, Provider::ServiceAccount(key.clone()));
        }
        if let Some(token) = &p.token {
            return found(source, Provider::OAuth(token.clone()));
        }
    }
    if let Some(addr) = &inputs.metadata_addr
        && metadata::available(addr).await
    {
        return found(
            CredentialSource::Metadata {
                address: addr.clone(),
            },
            Provider::Metadata(addr.clone()),
        );
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn first_match_wins() {
        let mut inputs = ChainInputs {
            iam_token_env: Some(Secret::new("t1.env")),
            oauth_token_env: Some(Secret::new("y0_oauth")),
            ..Default::default()
        };
        let chosen = resolve(&inputs).await.unwrap().credentials.unwrap();
        assert_eq!(chosen.source.describe(), "IAM token from YC_IAM_TOKEN");
        inputs.iam_token_flag = Some(Secret::new("t1.flag"));
        let chosen = resolve(&inputs).await.unwrap().credentials.unwrap();
        assert_eq!(chosen.source.describe(), "IAM token from --iam-token");
        inputs.iam_token_flag = None;
        inputs.iam_token_env = None;
        let chosen = resolve(&inputs).await.unwrap().credentials.unwrap();
        assert_eq!(chosen.source.describe(), "OAuth token from YC_TOKEN");
    }

    #[tokio::test]
    async fn nothing_found_is_none_and_a_broken_key_file_is_an_error() {
        assert!(
            resolve(&ChainInputs::default())
                .await
                .unwrap()
                .credentials
                .is_none()
        );
        let inputs = ChainInputs {
            sa_key_file: Some("/nonexistent/key.json".into()),
            oauth_token_env: Some(Secret::new("y0_oauth")),
            ..Default::default()
        };
        let err = resolve(&inputs).await.unwrap_err().to_string();
        assert!(err.contains("/nonexistent/key.json"), "{err}");
    }

    #[tokio::test]
    async fn a_broken_yc_file_is_skipped_unless_a_profile_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, "current: [broken\n").unwrap();
        let mut inputs = ChainInputs {
            yc_config: Some(path),
            oauth_token_env: Some(Secret::new("y0_oauth")),
            ..Default::default()
        };
        let resolved = resolve(&inputs).await.unwrap();
        assert!(resolved.profile.is_none() && resolved.credentials.is_some());
        inputs.profile = Some("default".into());
        assert!(resolve(&inputs).await.is_err());
    }

    #[test]
    fn descriptions() {
        let key = CredentialSource::ServiceAccountKeyFile {
            path: "/k.json".into(),
            key_id: "aje1".into(),
            origin: SA_KEY_FLAG,
        };
        assert!(key.given_on_command_line());
        assert!(
            !CredentialSource::OAuthToken { origin: "YC_TOKEN" }.given_on_command_line()
                && !CredentialSource::IamToken {
                    origin: "YC_IAM_TOKEN"
                }
                .given_on_command_line()
        );
        assert_eq!(key.describe(), "service account key /k.json (key id aje1)");
        let vm = CredentialSource::Metadata {
            address: metadata::DEFAULT_METADATA_ADDR.into(),
        };
        assert_eq!(vm.describe(), "VM metadata service");
        let profile = CredentialSource::YcProfile {
            name: "default".into(),
        };
        assert_eq!(profile.describe(), "yc profile 'default'");
    }
}
