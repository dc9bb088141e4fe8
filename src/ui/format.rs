//! Small text formatting shared by the screens: ages, sizes, clock times, spinners.

use std::time::{SystemTime, UNIX_EPOCH};

pub use crate::app::{
    geometry::short,
    units::{memory, timestamp},
};

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
