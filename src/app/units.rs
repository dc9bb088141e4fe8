//! Values as the screens write them: timestamps and memory sizes. In `app` because the details
//! and help text is laid out there (to bound scrolling); `ui::format` re-exports them.

/// `YYYY-MM-DD HH:MM:SS UTC` of a protobuf timestamp.
pub fn timestamp(t: Option<prost_types::Timestamp>) -> String {
    let Some(t) = t else {
        return "-".into();
    };
    let secs = t.seconds.max(0);
    let days = secs / 86_400;
    let (year, month, day) = crate::civil_date::from_days(days);
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
