//! Small text formatting shared by the screens: ages, sizes, clock times, spinners.

use std::time::{SystemTime, UNIX_EPOCH};

pub use crate::app::geometry::short;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// Text from a server or the user as drawn: control characters made visible (ratatui would
/// drop them silently, hiding what the text really holds).
pub fn shown(text: &str) -> String {
    crate::safe_text::visible(text).into_owned()
}

/// Terminal columns of `text`, saturating at `u16::MAX` (never wraps or overflows).
pub fn columns(text: &str) -> u16 {
    u16::try_from(unicode_width::UnicodeWidthStr::width(text)).unwrap_or(u16::MAX)
}

/// A count as `u16` screen rows, saturating.
pub fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The spinner frame for a moment (frames advance every 120 ms).
pub fn spinner(now: SystemTime) -> &'static str {
    let ms = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    SPINNER[(ms / 120 % SPINNER.len() as u128) as usize]
}

/// Time from a protobuf timestamp to `now`.
pub fn age(created: Option<prost_types::Timestamp>, now: SystemTime) -> String {
    created
        .and_then(|t| SystemTime::try_from(t).ok())
        .and_then(|t| now.duration_since(t).ok())
        .map(short)
        .unwrap_or_default()
}

/// `HH:MM:SS` (UTC) of a moment.
pub fn clock(t: SystemTime) -> String {
    let s = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60)
}

/// `YYYY-MM-DD HH:MM:SS UTC` of a protobuf timestamp.
pub fn timestamp(t: Option<prost_types::Timestamp>) -> String {
    let Some(t) = t else {
        return "-".into();
    };
    let secs = t.seconds.max(0);
    let days = secs / 86_400;
    // Civil-from-days (Howard Hinnant).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let rest = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Bytes as GiB (`4 GB` style the console uses), or MiB below one GiB.
pub fn memory(bytes: i64) -> String {
    const GIB: i64 = 1 << 30;
    if bytes >= GIB && bytes % (GIB / 2) == 0 {
        let half = bytes / (GIB / 2);
        if half % 2 == 0 {
            format!("{}G", half / 2)
        } else {
            format!("{}.5G", half / 2)
        }
    } else if bytes >= GIB {
        format!("{:.1}G", bytes as f64 / GIB as f64)
    } else {
        format!("{}M", bytes >> 20)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn formats() {
        assert_eq!(short(Duration::from_secs(59)), "59s");
        assert_eq!(short(Duration::from_secs(7200)), "2h");
        assert_eq!(memory(4 << 30), "4G");
        assert_eq!(memory(3 << 29), "1.5G");
        assert_eq!(memory(512 << 20), "512M");
        let t = prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 0,
        };
        assert_eq!(timestamp(Some(t)), "2023-11-14 22:13:20 UTC");
    }
}
