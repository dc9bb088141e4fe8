//! `--demo`: a fresh emulator inside this process, seeded with the demo data, for the dashboard
//! and every client command. Nothing leaves the machine and nothing outlives the process.

use super::CommandError;
use crate::{
    api::Cloud,
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
};

/// The folder a demo runs in when `--folder` names none.
pub const FOLDER_ID: &str = seed::FOLDER_ID;

/// Starts the embedded emulator on a free loopback port and a client for it; the emulator
/// stops when the returned handle is dropped.
pub async fn start() -> Result<(RunningEmulator, Cloud), CommandError> {
    // Seeded STOPPING, DELETING... instances complete like any operation, as in `ycdash emulator`.
    let emulator = Emulator::spawn(EmulatorConfig {
        seeded_transitions: true,
        ..EmulatorConfig::default()
    })
    .await
    .map_err(|e| CommandError::Usage(format!("cannot start the demo emulator: {e}")))?;
    let cloud = Cloud::single(&emulator.endpoint(), false, None)?;
    Ok((emulator, cloud))
}
