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
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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
