//! `ycdash emulator`: serve the emulated API on a TCP address until Ctrl-C.

use std::{io::Write, time::Duration};

use super::CommandError;
use crate::{
    cli::EmulatorArgs,
    emulator::{Emulator, EmulatorConfig},
};

impl From<&EmulatorArgs> for EmulatorConfig {
    fn from(args: &EmulatorArgs) -> Self {
        Self {
            extra_instances: args.instances,
            op_duration: Duration::from_secs_f64(args.op_seconds),
            latency: Duration::from_millis(args.latency_ms),
            fail_rate: args.fail_rate,
        }
    }
}

/// Binds, prints `ycdash emulator listening on HOST:PORT` (the real port when 0 was asked), serves.
pub async fn serve(args: &EmulatorArgs) -> Result<(), CommandError> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| CommandError::Usage(format!("cannot listen on {}: {e}", args.listen)))?;
    let address = listener
        .local_addr()
        .map_err(|e| CommandError::Usage(format!("cannot read the bound address: {e}")))?;
    if !address.ip().is_loopback() {
        tracing::warn!(%address, "serving the emulator beyond loopback: anyone who can reach it can use it");
    }
    println!("ycdash emulator listening on {address}");
    let _ = std::io::stdout().flush();
    let emulator = Emulator::new(EmulatorConfig::from(args));
    tokio::select! {
        served = emulator.serve(listener) => {
            served.map_err(|e| CommandError::Usage(format!("emulator stopped: {e}")))
        }
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
