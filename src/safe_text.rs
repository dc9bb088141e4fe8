//! Text from servers, files and users made safe for a terminal: control characters (ESC, BEL,
//! C1 controls, ...) are shown as `\u{1b}`-style escapes instead of reaching the terminal raw.

use std::borrow::Cow;

/// `text` with every control character made visible; borrowed when there is none. Tabs and
/// newlines are controls too: callers that want lines split them before.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but keeps newlines (for multi-line messages and logs shown as text).
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(visible).collect::<Vec<_>>().join("\n"))
}

/// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        assert_eq!(visible("nam\u{1b}]0;x\u{7}e"), "nam\\u{1b}]0;x\\u{7}e");
        assert_eq!(visible("a\u{9b}b\u{7f}"), "a\\u{9b}b\\u{7f}");
        assert_eq!(visible("plain текст"), "plain текст");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_keep_their_newlines() {
        assert_eq!(visible_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
        assert_eq!(visible("a\nb"), "a\\u{a}b");
    }

    proptest! {
        #[test]
        fn no_control_character_survives(text in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}a-z]*") {
            prop_assert!(!visible(&text).chars().any(char::is_control));
            prop_assert!(!visible_lines(&text).chars().any(|c| c != '\n' && c.is_control()));
        }
    }
}
