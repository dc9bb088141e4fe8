//! `ycdash` with no subcommand: pick the backend (embedded emulator, an endpoint, or the real
//! cloud) and open the dashboard. With no folder known the dashboard opens its folder picker
//! itself: nothing is listed before the first paint.

use super::{CommandError, Session, chain_inputs, connect_resolved};
use crate::{
    api::Cloud,
    app::{TuiOptions, run_tui},
    auth,
    cli::{Connection, DashboardArgs},
    config::{Config, default_config_path, state_dir},
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
};

/// What the dashboard talks to.
struct Backend {
    cloud: Cloud,
    header: String,
    /// `None`: no flag, variable, config or profile names one; the TUI's picker asks.
    folder_id: Option<String>,
    /// Keeps the embedded emulator alive for the session (demo mode).
    _emulator: Option<RunningEmulator>,
    /// Keeps the credentials and their refresh alive for the session.
    _session: Option<Session>,
    /// Whose credentials these are (for the journal); empty in demo mode.
    account: String,
}

/// Opens the dashboard; in demo mode the emulator runs inside this process.
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
    let backend = backend(connection, folder.as_deref()).await?;
    tracing::info!(target = backend.cloud.target(), folder = ?backend.folder_id, "dashboard starting");
    // The demo emulator starts empty each run, so a journal of its operations would only
    // resurrect ids it no longer knows.
    let journal_path = match backend._emulator {
        Some(_) => None,
        None => state_dir().map(|d| d.join(journal_name(backend.cloud.target()))),
    };
    let options = TuiOptions {
        header_source: backend.header.clone(),
        folder_id: backend.folder_id.clone(),
        theme: args.theme.clone(),
        config,
        mouse: args.mouse,
        journal_path,
        account: backend.account.clone(),
        // The demo's folders exist only in this process: never remember them.
        config_path: config_path.filter(|_| backend._emulator.is_none()),
    };
    run_tui(backend.cloud.clone(), options)
        .await
        .map_err(|e| CommandError::Usage(e.to_string()))
}

async fn backend(connection: &Connection, folder: Option<&str>) -> Result<Backend, CommandError> {
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
    let session = connect_resolved(connection, resolved).await?;
    let folder_id = folder
        .map(str::to_string)
        .or_else(|| session.folder.clone())
        .filter(|f| !f.is_empty());
    let account = session
        .source
        .as_ref()
        .map(|s| s.describe())
        .unwrap_or_default();
    let header = match (&session.source, &session.withheld) {
        (Some(_), _) => format!("{} · {account}", session.cloud.target()),
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
        _emulator: None,
        _session: Some(session),
        account,
    })
}

/// The embedded emulator, in this process: no credentials, nothing leaves the machine.
async fn demo(folder: Option<&str>) -> Result<Backend, CommandError> {
    let emulator = Emulator::spawn(EmulatorConfig::default())
        .await
        .map_err(|e| CommandError::Usage(format!("cannot start the demo emulator: {e}")))?;
    let cloud = crate::api::Cloud::single(&emulator.endpoint(), false, None)?;
    Ok(Backend {
        cloud,
        header: "demo: simulated cloud".into(),
        folder_id: Some(folder.unwrap_or(seed::FOLDER_ID).to_string()),
        _emulator: Some(emulator),
        _session: None,
        account: String::new(),
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
