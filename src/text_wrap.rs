//! Word wrapping by terminal columns, shared by the screens that must know how many rows a text
//! takes before drawing it: dialogs (so their buttons are never cut), toasts, help and details
//! (so scrolling stops at the end).

use unicode_width::UnicodeWidthChar;

/// Columns of `text`, char by char (callers pass text whose control characters were made
/// visible, so this is what the terminal shows).
fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` broken into lines of at most `width` columns: at spaces where it can, inside a word
/// only when the word alone is wider. Newlines in `text` start new lines. Never empty.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = columns(word);
            let gap = usize::from(!line.is_empty());
            if used + gap + w <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += gap + w;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// `text` cut to `width` columns by dropping its middle (`…` marks the cut), so both ends stay
/// readable: a message's start and the request id at its end.
pub fn cut_middle(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let keep = width - 1;
    let tail_want = keep.div_ceil(2);
    let head_want = keep - tail_want;
    let mut head = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > head_want {
            break;
        }
        head.push(c);
        used += cw;
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > tail_want {
            break;
        }
        tail.push(c);
        used += cw;
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("stop it first now", 8), ["stop it", "first", "now"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn cutting_the_middle_keeps_both_ends() {
        let text = "INTERNAL: something long went wrong (request id req-123)";
        let cut = cut_middle(text, 30);
        assert_eq!(columns(&cut), 30);
        assert!(cut.starts_with("INTERNAL"), "{cut}");
        assert!(cut.ends_with("req-123)"), "{cut}");
        assert_eq!(cut_middle("short", 30), "short");
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked(text in "[a-zё 界\n]{0,200}", width in 2usize..50) {
            for line in wrap(&text, width) {
                prop_assert!(columns(&line) <= width, "{line:?}");
            }
            prop_assert!(columns(&cut_middle(&text, width)) <= width);
        }
    }
}
