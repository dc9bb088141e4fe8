//! Time for the emulator: the fixed seed epoch, the wall clock, and RFC 3339 text for filters.

use prost_types::Timestamp;
use std::time::{SystemTime, UNIX_EPOCH};

/// 2024-01-01T00:00:00Z: every seed timestamp is an offset from this.
pub const SEED_EPOCH: i64 = 1_704_067_200;

/// A whole-second timestamp.
pub fn ts(seconds: i64) -> Timestamp {
    Timestamp { seconds, nanos: 0 }
}

/// The current wall-clock time (the Unix epoch if the clock is before it).
pub fn now() -> Timestamp {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| Timestamp {
            seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            nanos: i32::try_from(d.subsec_nanos()).unwrap_or(0),
        })
        .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM:SSZ` for a timestamp (UTC, whole seconds).
pub fn rfc3339(t: &Timestamp) -> String {
    let days = t.seconds.div_euclid(86_400);
    let secs = t.seconds.rem_euclid(86_400);
    let (y, m, d) = crate::civil_date::from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(&ts(SEED_EPOCH)), "2024-01-01T00:00:00Z");
        assert_eq!(rfc3339(&ts(0)), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(&ts(951_782_400 + 3661)), "2000-02-29T01:01:01Z");
    }
}
