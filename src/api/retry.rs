//! Retry policy: jittered exponential backoff, as the official SDKs do it.

use std::time::Duration;

/// How often and how patiently a call is retried after a transient error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts, the first included.
    pub attempts: u32,
    pub initial: Duration,
    pub max: Duration,
}

impl Default for RetryPolicy {
    /// The SDKs' defaults: 0.1 s, doubling, capped at 20 s, 4 attempts.
    fn default() -> Self {
        Self {
            attempts: 4,
            initial: Duration::from_millis(100),
            max: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// For headless commands: 10 attempts, the pause capped at 2 s (about 10 s in all), so a
    /// flaky service rarely fails a script.
    pub fn patient() -> Self {
        Self {
            attempts: 10,
            initial: Duration::from_millis(100),
            max: Duration::from_secs(2),
        }
    }

    /// No retries at all.
    pub fn none() -> Self {
        Self {
            attempts: 1,
            ..Self::default()
        }
    }

    /// The pause before retry number `retry` (0 = the first retry): half fixed, half random.
    pub fn delay(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(16));
        let full = self.initial.saturating_mul(factor).min(self.max);
        let half = full / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_capped() {
        let p = RetryPolicy::default();
        for retry in 0..40 {
            let full = (p.initial * 2u32.saturating_pow(retry.min(16))).min(p.max);
            let d = p.delay(retry);
            assert!(d >= full / 2 && d <= full, "retry {retry}: {d:?}");
        }
        assert!(p.delay(30) <= Duration::from_secs(20));
    }
}
