//! Plain-text tables: columns as wide as their widest cell, two spaces apart, no trailing
//! spaces. Used by the headless commands, the details view and the attach review. Cells have
//! their control characters made visible and are cut to [`MAX_CELL_WIDTH`] columns, so any
//! server text (however long or hostile) lays out safely.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// The widest a cell is shown, in terminal columns; longer cells end in `…`.
pub const MAX_CELL_WIDTH: usize = 120;

/// `text` made visible (see [`crate::safe_text::visible`]) and cut to at most `max` columns, the
/// last of them `…` when something was cut.
pub fn fit(text: &str, max: usize) -> Cow<'_, str> {
    let text = crate::safe_text::visible(text);
    if text.width() <= max {
        return text;
    }
    // The width of the string, not the sum of its chars': a variation selector can widen the
    // char before it ("0\u{fe0f}" is two columns). `out` stays within `max`, so this is short.
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if out.width() + 1 > max {
            out.pop();
            break;
        }
    }
    if max > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Aligns rows (the first may be a header) into lines.
pub fn align(rows: &[Vec<String>]) -> Vec<String> {
    let fitted: Vec<Vec<Cow<'_, str>>> = rows.iter().map(|row| fit_row(row)).collect();
    let widths = widths(&fitted);
    fitted.iter().map(|row| line(row, &widths)).collect()
}

/// A row's cells made safe with [`fit`] to [`MAX_CELL_WIDTH`].
pub fn fit_row<S: AsRef<str>>(row: &[S]) -> Vec<Cow<'_, str>> {
    row.iter()
        .map(|c| fit(c.as_ref(), MAX_CELL_WIDTH))
        .collect()
}

/// Each column's width: its widest cell, in terminal columns (of cells already fitted).
pub fn widths<S: AsRef<str>>(rows: &[Vec<S>]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.as_ref().width();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    widths
}

/// One row of fitted cells padded to `widths` (a wider cell pushes the rest right), two spaces
/// apart, without trailing spaces.
pub fn line<S: AsRef<str>>(row: &[S], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
        let cell = cell.as_ref();
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.width())));
    }
    line.truncate(line.trim_end().len());
    line
}

/// A header and rows as one string, a line each.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let all: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().cloned())
        .collect();
    align(&all).into_iter().map(|l| l + "\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn aligns_columns() {
        let out = render(
            &["ID", "NAME"],
            &[
                vec!["a".into(), "web-1".into()],
                vec!["bbbb".into(), "x".into()],
            ],
        );
        assert_eq!(out, "ID    NAME\na     web-1\nbbbb  x\n");
    }

    #[test]
    fn ragged_rows_and_wide_characters() {
        let lines = align(&[vec!["✓".into(), "done".into()], vec!["running".into()]]);
        assert_eq!(lines, ["✓        done", "running"]);
        let lines = align(&[
            vec!["日本".into(), "x".into()],
            vec!["abcde".into(), "y".into()],
        ]);
        assert_eq!(lines, ["日本   x", "abcde  y"]);
    }

    #[test]
    fn a_cell_past_u16_max_is_cut_not_a_panic() {
        let huge = "r".repeat(70_000);
        let lines = align(&[vec![huge, "next".into()], vec!["a".into(), "b".into()]]);
        let first = &lines[0];
        assert_eq!(first.width(), MAX_CELL_WIDTH + 2 + 4);
        assert!(first.starts_with(&format!("{}…  next", "r".repeat(MAX_CELL_WIDTH - 1))));
    }

    #[test]
    fn escape_bytes_are_shown_not_sent() {
        let out = render(&["NAME"], &[vec!["nam\u{1b}]0;x\u{7}e".into()]]);
        assert!(!out.contains('\u{1b}'));
        assert!(out.contains("nam\\u{1b}]0;x\\u{7}e"));
    }

    proptest! {
        #[test]
        fn any_cells_align_within_bounds(
            rows in prop::collection::vec(
                prop::collection::vec("\\PC{0,40}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202e}a-z日]{0,40}|a{0,300}", 0..5),
                0..6,
            )
        ) {
            let lines = align(&rows);
            prop_assert_eq!(lines.len(), rows.len());
            for (line, row) in lines.iter().zip(&rows) {
                prop_assert!(!line.chars().any(char::is_control));
                prop_assert!(line.width() <= row.len() * (MAX_CELL_WIDTH + 2));
            }
        }

        #[test]
        fn fit_never_exceeds_its_width(text in "\\PC{0,200}", max in 0usize..50) {
            prop_assert!(fit(&text, max).width() <= max.max(1));
        }
    }
}
