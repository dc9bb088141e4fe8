//! An emulator in process that plays the real cloud: TLS with its own CA, `--require-auth`, a
//! known OAuth token; and connecting to it through the credential chain with explicit inputs.

use std::{path::PathBuf, time::Duration};

use tempfile::TempDir;
use ycdash::{
    api::proto::yandex::cloud::iam::v1::{
        CreateIamTokenRequest, create_iam_token_request::Identity,
    },
    auth::{ChainInputs, Secret},
    cli::Connection,
    commands::{CommandError, Session, connect_with, instances},
    emulator::{Emulator, EmulatorConfig, RunningEmulator, TlsIdentity, seed},
};

/// The OAuth token the emulator's IAM accepts.
pub const KNOWN_OAUTH: &str = "y0_known-oauth-token-for-tests";

/// A TLS, require-auth emulator, its CA written into a temporary directory.
pub struct Secure {
    pub emulator: RunningEmulator,
    pub dir: TempDir,
    pub ca_file: PathBuf,
}

impl Secure {
    pub async fn start() -> Self {
        Self::start_with(Duration::from_secs(3600)).await
    }

    /// With IAM tokens that live `token_ttl`.
    pub async fn start_with(token_ttl: Duration) -> Self {
        let tls = TlsIdentity::generate().expect("certificate");
        let dir = tempfile::tempdir().expect("temp dir");
        let ca_file = dir.path().join("ca.pem");
        std::fs::write(&ca_file, &tls.ca_pem).expect("write CA");
        let emulator = Emulator::spawn(EmulatorConfig {
            op_duration: Duration::ZERO,
            token_ttl,
            require_auth: true,
            tls: Some(tls),
            oauth_tokens: vec![Secret::new(KNOWN_OAUTH)],
            ..Default::default()
        })
        .await
        .expect("emulator starts");
        Self {
            emulator,
            dir,
            ca_file,
        }
    }

    /// `--endpoint https://127.0.0.1:PORT --ca-file ca.pem`.
    pub fn connection(&self) -> Connection {
        Connection {
            endpoint: Some(self.emulator.endpoint()),
            ca_file: Some(self.ca_file.clone()),
            ..Default::default()
        }
    }

    /// Connects through the chain with exactly these inputs.
    pub async fn connect(&self, inputs: &ChainInputs) -> Result<Session, CommandError> {
        connect_with(&self.connection(), inputs).await
    }

    /// An IAM token the emulator issued, got by exchanging the known OAuth token.
    pub async fn iam_token(&self) -> Secret {
        let session = self
            .connect(&ChainInputs {
                oauth_token_env: Some(Secret::new(KNOWN_OAUTH)),
                ..Default::default()
            })
            .await
            .expect("connect");
        let response = session
            .cloud
            .create_iam_token(CreateIamTokenRequest {
                identity: Some(Identity::YandexPassportOauthToken(KNOWN_OAUTH.into())),
            })
            .await
            .expect("exchange");
        Secret::new(response.iam_token)
    }
}

/// Lists the seed folder's instances: the call every source must make work.
pub async fn list_instances(session: &Session) -> Result<usize, CommandError> {
    let folder = session.folder.as_deref().unwrap_or(seed::FOLDER_ID);
    Ok(instances::list_all(&session.cloud, folder, None)
        .await?
        .len())
}
