//! Serial console text shared by `ycdash serial --follow` and the dashboard's serial view:
//! what a fresh read of a port adds to the previous one.

/// How often a followed port is read again.
pub const FOLLOW_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// What `new` holds beyond `old`: the appended part when `new` extends `old`; when the console
/// dropped whole lines from its start, what follows the rest of `old` (the longest tail of it,
/// from a line start, that `new` begins with); all of `new` when it shares nothing with `old`.
pub fn new_part<'a>(old: &str, new: &'a str) -> &'a str {
    if let Some(rest) = new.strip_prefix(old) {
        return rest;
    }
    old.match_indices('\n')
        .map(|(i, _)| &old[i + 1..])
        .find(|kept| !kept.is_empty() && new.starts_with(kept))
        .map_or(new, |kept| &new[kept.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_part_of_a_growing_log() {
        assert_eq!(new_part("a\nb\n", "a\nb\nc\n"), "c\n");
        assert_eq!(new_part("a\n", "a\n"), "");
        assert_eq!(new_part("", "a\n"), "a\n");
    }

    #[test]
    fn new_part_after_the_start_was_dropped() {
        assert_eq!(
            new_part("one\ntwo\nthree\n", "two\nthree\nfour\n"),
            "four\n"
        );
        let old: String = (0..2000).map(|i| format!("line {i}\n")).collect();
        let new: String = (1000..2100).map(|i| format!("line {i}\n")).collect();
        let fresh: String = (2000..2100).map(|i| format!("line {i}\n")).collect();
        assert_eq!(new_part(&old, &new), fresh);
    }

    #[test]
    fn new_part_of_unrelated_text_is_all_of_it() {
        assert_eq!(new_part("old boot\n", "new boot\n"), "new boot\n");
        let wide = "é\n".repeat(3000);
        assert_eq!(new_part(&wide, "x"), "x");
        assert_eq!(new_part("a\nb\n", "b\nc"), "c");
    }
}
