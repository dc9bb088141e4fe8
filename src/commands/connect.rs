//! Connecting headless commands: the credential chain, the transport, the endpoint (flag, yc
//! profile or public discovery) and a token keeper, as one `Session`. Ambient credentials
//! (environment, yc profile, metadata service) go only over TLS; a plaintext endpoint gets
//! only what this command line names (README → Credentials).

use super::CommandError;
use crate::{
    api::{Cloud, DEFAULT_TIMEOUT, RetryPolicy, Transport},
    auth::{self, ChainInputs, CredentialSource, Resolved, TokenKeeper},
    cli::Connection,
    emulator::RunningEmulator,
};

/// A connected client and what it was connected with.
pub struct Session {
    pub cloud: Cloud,
    /// Keeps the token fresh; `None` when calls go out without credentials.
    pub keeper: Option<TokenKeeper>,
    pub source: Option<CredentialSource>,
    /// Ambient credentials found but not sent, because the endpoint is plaintext.
    pub withheld: Option<CredentialSource>,
    /// `--folder` / `YC_FOLDER_ID`, else the yc profile's folder (with `--demo`, the demo folder).
    pub folder: Option<String>,
    /// With `--demo`: the embedded emulator the session talks to, alive as long as the session.
    pub emulator: Option<RunningEmulator>,
}

/// The chain's inputs from the flags and the process environment.
pub fn chain_inputs(connection: &Connection) -> ChainInputs {
    ChainInputs::from_env(
        connection.iam_token.clone(),
        connection.sa_key.clone(),
        connection.profile.as_deref(),
    )
}

/// `--demo`: a fresh embedded emulator, whatever else is given. Else `--endpoint` if given
/// (anonymous when no credentials are found: a local emulator), else the real cloud through
/// discovery at the yc profile's endpoint or the public one. Never falls back to demo data
/// silently: a script must not act on a simulated cloud by mistake.
pub async fn connect_with(
    connection: &Connection,
    inputs: &ChainInputs,
) -> Result<Session, CommandError> {
    if connection.demo {
        return demo(connection).await;
    }
    connect_resolved(connection, auth::resolve(inputs).await?, || ()).await
}

/// A session on a fresh embedded emulator: no credentials are looked for or sent.
async fn demo(connection: &Connection) -> Result<Session, CommandError> {
    let (emulator, cloud) = super::demo::start().await?;
    let cloud = cloud.with_timeout(connection.timeout.unwrap_or(DEFAULT_TIMEOUT));
    let folder = connection
        .folder
        .clone()
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| super::demo::FOLDER_ID.to_string());
    Ok(Session {
        cloud,
        keeper: None,
        source: None,
        withheld: None,
        folder: Some(folder),
        emulator: Some(emulator),
    })
}

/// `connect_with` once the chain has been walked (the dashboard walks it first to pick demo
/// mode); `authenticating` runs once the endpoint is known, before the first token is fetched.
pub async fn connect_resolved(
    connection: &Connection,
    resolved: Resolved,
    authenticating: impl FnOnce(),
) -> Result<Session, CommandError> {
    let mut transport =
        Transport::with_ca_file(connection.insecure, connection.ca_file.as_deref())?;
    transport
        .service_endpoints
        .extend(connection.service_endpoint.iter().cloned());
    let profile = resolved.profile.as_ref();
    let plaintext = connection
        .endpoint
        .as_deref()
        .is_some_and(|url| url.trim_start().to_ascii_lowercase().starts_with("http://"));
    let (credentials, withheld) = match resolved.credentials {
        Some(c) if plaintext && !c.source.given_on_command_line() => (None, Some(c.source)),
        other => (other, None),
    };
    let cloud = match (&connection.endpoint, &credentials) {
        (Some(url), _) => {
            let cloud = Cloud::single_with(url, &transport, None)?;
            match &withheld {
                Some(source) => {
                    tracing::info!(source = %source.describe(), "not sending ambient credentials over plaintext");
                    cloud.with_missing_token_hint(withheld_hint(source, url))
                }
                None => cloud,
            }
        }
        (None, Some(_)) => {
            let discovery = profile.and_then(|p| p.endpoint.as_deref());
            Cloud::discover_with(discovery, &transport, None).await?
        }
        (None, None) => {
            return Err(CommandError::Usage(
                "no credentials: pass --iam-token or --sa-key, set YC_IAM_TOKEN, YC_SERVICE_ACCOUNT_KEY_FILE or YC_TOKEN, run `yc init`, pass --endpoint http://127.0.0.1:50051 to use a running `ycdash emulator`, or pass --demo to try it on an embedded emulator with demo data".into(),
            ));
        }
    };
    let cloud = cloud.with_timeout(connection.timeout.unwrap_or(DEFAULT_TIMEOUT));
    let (keeper, source) = match credentials {
        Some(credentials) => {
            authenticating();
            let keeper =
                TokenKeeper::start(&cloud, credentials.provider, credentials.source.describe())
                    .await?;
            (Some(keeper), Some(credentials.source))
        }
        None => (None, None),
    };
    let folder = connection
        .folder
        .clone()
        .filter(|f| !f.is_empty())
        .or_else(|| profile.and_then(|p| p.folder_id.clone()));
    Ok(Session {
        cloud,
        keeper,
        source,
        withheld,
        folder,
        emulator: None,
    })
}

/// Why `source` was not sent to the plaintext `url`, and how to send a credential deliberately.
fn withheld_hint(source: &CredentialSource, url: &str) -> String {
    format!(
        "{} is sent only over TLS and {url} is plaintext; to send a credential to it deliberately, pass --iam-token or --sa-key on the command line, or use an https:// endpoint",
        source.describe()
    )
}

/// `connect_with` on the flags and the process environment, for a headless command: reads
/// retry longer than in the dashboard (a script has nobody to press refresh).
pub async fn connect(connection: &Connection) -> Result<Session, CommandError> {
    let mut session = connect_with(connection, &chain_inputs(connection)).await?;
    session.cloud = session.cloud.with_retry(RetryPolicy::patient());
    Ok(session)
}
