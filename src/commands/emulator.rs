//! `ycdash emulator`: serve the emulated API on a TCP address until Ctrl-C.

use std::{io::Write, time::Duration};

use super::CommandError;
use crate::{
    cli::EmulatorArgs,
    emulator::{Emulator, EmulatorConfig, TlsIdentity, sa_keys},
};

impl From<&EmulatorArgs> for EmulatorConfig {
    fn from(args: &EmulatorArgs) -> Self {
        Self {
            extra_instances: args.instances,
            // clap bounds --op-seconds; an out-of-range value still cannot panic here.
            op_duration: Duration::try_from_secs_f64(args.op_seconds)
                .unwrap_or(Duration::from_secs_f64(crate::cli::MAX_OP_SECONDS)),
            latency: Duration::from_millis(args.latency_ms),
            fail_rate: args.fail_rate,
            latency_rate: args.latency_rate,
            op_fail_rate: args.op_fail_rate,
            seeded_transitions: !args.freeze_seed,
            token_ttl: Duration::from_secs(args.token_ttl_seconds),
            require_auth: args.require_auth,
            tls: None,
            oauth_tokens: args.oauth_tokens.clone(),
            accept_any_oauth: args.accept_any_oauth,
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
    let mut config = EmulatorConfig::from(args);
    if args.tls {
        let identity = TlsIdentity::generate()
            .map_err(|e| CommandError::Usage(format!("cannot make a TLS certificate: {e}")))?;
        if let Some(path) = &args.ca_out {
            crate::private_file::write_atomic(path, identity.ca_pem.as_bytes()).map_err(|e| {
                CommandError::Usage(format!("cannot write the CA to {}: {e}", path.display()))
            })?;
        }
        config.tls = Some(identity);
    }
    if let Some(path) = &args.write_sa_key {
        sa_keys::write_key_file(path).map_err(|e| {
            CommandError::Usage(format!("cannot write the key file {}: {e}", path.display()))
        })?;
    }
    println!("ycdash emulator listening on {address}");
    let _ = std::io::stdout().flush();
    let emulator = Emulator::new(config);
    tokio::select! {
        served = emulator.serve(listener) => {
            served.map_err(|e| CommandError::Usage(format!("emulator stopped: {e}")))
        }
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
