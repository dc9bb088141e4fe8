//! Injected faults: a delay before every response and a share of calls failing UNAVAILABLE.

use super::EmulatorConfig;
use tonic::Status;

/// Waits the configured latency, then fails the call with the configured probability.
pub async fn gate(config: &EmulatorConfig) -> Result<(), Status> {
    if !config.latency.is_zero() {
        tokio::time::sleep(config.latency).await;
    }
    if config.fail_rate > 0.0 && fastrand::f64() < config.fail_rate {
        return Err(Status::unavailable("emulator: injected failure"));
    }
    Ok(())
}
