//! Calendar dates from days since the Unix epoch (proleptic Gregorian, UTC, Howard Hinnant's
//! civil-from-days): the one copy the screens' timestamps and the emulator's RFC 3339 share.

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian calendar.
pub fn from_days(z: i64) -> (i64, i64, i64) {
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
    use super::from_days;

    #[test]
    fn days_become_dates_across_leap_days_and_before_the_epoch() {
        assert_eq!(from_days(0), (1970, 1, 1));
        assert_eq!(from_days(11_016), (2000, 2, 29));
        assert_eq!(from_days(19_723), (2024, 1, 1));
        assert_eq!(from_days(-1), (1969, 12, 31));
    }
}
