//! Injected faults: a delay before responses and a share of calls failing UNAVAILABLE.
//! A mutating call is delayed after its change is made, so a client that gives up waiting
//! for the answer faces a change that was applied: the case idempotency keys exist for.

use super::EmulatorConfig;
use tonic::Status;

/// For reads: waits the configured latency, then fails the call with the configured probability.
pub async fn gate(config: &EmulatorConfig) -> Result<(), Status> {
    delay(config).await;
    fail(config)
}

/// Fails the call UNAVAILABLE with the configured probability.
pub fn fail(config: &EmulatorConfig) -> Result<(), Status> {
    if config.fail_rate > 0.0 && fastrand::f64() < config.fail_rate {
        return Err(Status::unavailable("emulator: injected failure"));
    }
    Ok(())
}

/// Waits the configured latency, for the configured share of responses.
pub async fn delay(config: &EmulatorConfig) {
    if !config.latency.is_zero() && fastrand::f64() < config.latency_rate {
        tokio::time::sleep(config.latency).await;
    }
}
