//! `ycdash` with no subcommand: pick the backend (embedded emulator, an endpoint, or the real
//! cloud) and open the dashboard. With no folder known the dashboard opens its folder picker
//! itself: nothing is listed before the first paint.

use std::path::PathBuf;

use tokio::sync::watch;

use super::{CommandError, Session, chain_inputs, connect_resolved};
use crate::{
    api::Cloud,
    app::{Ready, TuiOptions, model::Startup, run_tui},
    auth,
    cli::{Connection, DashboardArgs},
    config::{Config, default_config_path, state_dir},
    emulator::RunningEmulator,
};

/// What the dashboard talks to.
struct Backend {
    cloud: Cloud,
    header: String,
    /// `None`: no flag, variable, config or profile names one; the TUI's picker asks.
    folder_id: Option<String>,
    /// Keeps the embedded emulator alive for the session (demo mode).
    emulator: Option<RunningEmulator>,
    /// Keeps the credentials and their refresh alive for the session.
    session: Option<Session>,
}

/// Opens the dashboard; in demo mode the emulator runs inside this process. The first frame
/// is drawn before the credential chain, discovery and the token exchange run.
pub async fn run(connection: &Connection, args: &DashboardArgs) -> Result<(), CommandError> {
    let config_path = args.config.clone().or_else(default_config_path);
    let config = match &config_path {
        Some(path) => {
            Config::load(path).map_err(|e| CommandError::Usage(format!("config: {e}")))?
        }
        None => Config::default(),
    };
    let folder = connection
        .folder
        .clone()
        .or_else(|| config.default_folder.clone())
        .filter(|f| !f.is_empty());
    let (phase, phases) = watch::channel(Startup::Connecting);
    let connect = async move {
        let backend = backend(connection, folder.as_deref(), || {
            phase.send_replace(Startup::Authenticating);
        })
        .await
        .map_err(|e| e.to_string())?;
        tracing::info!(target = backend.cloud.target(), folder = ?backend.folder_id, "dashboard starting");
        Ok(ready(backend, config_path))
    };
    let options = TuiOptions {
        header_source: connection
            .endpoint
            .clone()
            .unwrap_or_else(|| "starting".into()),
        theme: args.theme.clone(),
        config,
        mouse: args.mouse,
        draw: crate::ui::render,
    };
    run_tui(options, connect, phases)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))
}

fn ready(backend: Backend, config_path: Option<PathBuf>) -> Ready {
    let demo = backend.emulator.is_some();
    // The demo emulator starts empty each run, so a journal of its operations would only
    // resurrect ids it no longer knows; and its folders exist only in this process.
    let journal_path = if demo {
        None
    } else {
        state_dir().map(|d| d.join(journal_name(backend.cloud.target())))
    };
    // Whose credentials these are: the journal resumes only this account's operations.
    let account = backend
        .session
        .as_ref()
        .and_then(|s| s.source.as_ref())
        .map(|s| s.describe())
        .unwrap_or_default();
    Ready {
        cloud: backend.cloud.clone(),
        source: backend.header.clone(),
        folder_id: backend.folder_id.clone(),
        journal_path,
        account,
        config_path: config_path.filter(|_| !demo),
        keep_alive: Box::new((backend.emulator, backend.session)),
    }
}

async fn backend(
    connection: &Connection,
    folder: Option<&str>,
    authenticating: impl FnOnce(),
) -> Result<Backend, CommandError> {
    let resolved = if connection.demo {
        None
    } else {
        Some(auth::resolve(&chain_inputs(connection)).await?)
    };
    let Some(resolved) =
        resolved.filter(|r| connection.endpoint.is_some() || r.credentials.is_some())
    else {
        return demo(folder).await;
    };
    let session = connect_resolved(connection, resolved, authenticating).await?;
    let folder_id = folder
        .map(str::to_string)
        .or_else(|| session.folder.clone())
        .filter(|f| !f.is_empty());
    let header = match (&session.source, &session.withheld) {
        (Some(source), _) => format!("{} · {}", session.cloud.target(), source.describe()),
        (None, Some(_)) => format!(
            "{} · no credentials (plaintext: only --iam-token or --sa-key are sent)",
            session.cloud.target()
        ),
        (None, None) => session.cloud.target().to_string(),
    };
    Ok(Backend {
        cloud: session.cloud.clone(),
        header,
        folder_id,
        emulator: None,
        session: Some(session),
    })
}

/// The embedded emulator, in this process: no credentials, nothing leaves the machine.
async fn demo(folder: Option<&str>) -> Result<Backend, CommandError> {
    let (emulator, cloud) = super::demo::start().await?;
    Ok(Backend {
        cloud,
        header: "demo: simulated cloud".into(),
        folder_id: Some(folder.unwrap_or(super::demo::FOLDER_ID).to_string()),
        emulator: Some(emulator),
        session: None,
    })
}

/// One journal per API target, so operations resume against the cloud that issued them.
fn journal_name(target: &str) -> String {
    let safe: String = target
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("journal-{safe}.json")
}

#[cfg(test)]
mod tests {
    #[test]
    fn journal_names_are_file_safe() {
        assert_eq!(
            super::journal_name("http://127.0.0.1:50051"),
            "journal-http___127_0_0_1_50051.json"
        );
    }
}
