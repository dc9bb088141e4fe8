//! A full credential flow with every log level captured: no token, JWT, OAuth token or key
//! material is ever written, only fingerprints.

mod common;

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use common::secure::{KNOWN_OAUTH, Secure, list_instances};
use ycdash::{
    auth::{ChainInputs, Secret},
    commands::auth::status,
    emulator::sa_keys,
};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut all) = self.0.lock() {
            all.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

// current_thread: the emulator, the client and the keeper all log on this thread's subscriber.
#[tokio::test]
async fn no_secret_reaches_the_logs() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let secure = Secure::start().await;
    let key_path = secure.dir.path().join("key.json");
    sa_keys::write_key_file(&key_path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let key_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&key_path).unwrap()).unwrap();
    let private_key = key_json["private_key"].as_str().unwrap().to_string();

    let session = secure
        .connect(&ChainInputs {
            sa_key_file: Some(key_path.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let keeper = session.keeper.as_ref().unwrap();
    let mut tokens = vec![keeper.token().unwrap()];
    list_instances(&session).await.unwrap();
    secure.emulator.revoke_tokens();
    list_instances(&session).await.unwrap();
    tokens.push(keeper.token().unwrap());
    keeper.refresh_now().await.unwrap();
    tokens.push(keeper.token().unwrap());
    let report = status(&session).await.unwrap();
    let rejected = "y0_rejected-oauth-secret";
    let refused = secure
        .connect(&ChainInputs {
            oauth_token_env: Some(Secret::new(rejected)),
            ..Default::default()
        })
        .await
        .err()
        .unwrap()
        .to_string();
    let oauth = secure
        .connect(&ChainInputs {
            oauth_token_env: Some(Secret::new(KNOWN_OAUTH)),
            ..Default::default()
        })
        .await
        .unwrap();
    tokens.push(oauth.keeper.as_ref().unwrap().token().unwrap());

    let logs = capture.text();
    assert!(
        logs.contains("new IAM token"),
        "the flow was not logged:\n{logs}"
    );
    assert!(logs.contains("readable by group or others"), "{logs}");
    assert!(
        logs.contains(&tokens[0].fingerprint()),
        "fingerprints are what is logged"
    );
    let key_lines: Vec<&str> = private_key
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.starts_with("PLEASE"))
        .collect();
    for (text, name) in [
        (&logs, "logs"),
        (&report, "auth status"),
        (&refused, "error"),
    ] {
        for token in &tokens {
            assert!(!text.contains(token.expose()), "a token in the {name}");
        }
        assert!(!text.contains("t1.emulator-"), "a token in the {name}");
        assert!(
            !text.contains(KNOWN_OAUTH) && !text.contains(rejected),
            "an OAuth token in the {name}"
        );
        // A JWT starts with base64url of '{"': eyJ.
        assert!(!text.contains("eyJ"), "a JWT in the {name}");
        for line in &key_lines {
            assert!(!text.contains(line), "key material in the {name}");
        }
    }
    assert!(report.contains(&tokens[2].fingerprint()), "{report}");
}

#[test]
fn a_token_flag_never_shows_in_debug_output() {
    let cli = ycdash::cli_client::try_parse_from([
        "ycdash",
        "--iam-token",
        "t1.flag-secret",
        "auth",
        "status",
    ])
    .expect("parses");
    let shown = format!("{cli:?}");
    assert!(!shown.contains("t1.flag-secret"), "{shown}");
    assert!(shown.contains("Secret(len="), "{shown}");
}
