//! Toasts laid out in their own strip above the footer, so they never cover a pane: newest at
//! the bottom, at most two rows each (a longer one keeps its start and its end, where the
//! request id is, and loses its middle), and at most a few rows in all (oldest dropped first).

use super::model::{Level, Model};
use crate::{
    safe_text::visible,
    text_wrap::{cut_middle, wrap},
};

/// Rows the strip takes at most.
const MAX_ROWS: usize = 4;

/// The strip's rows for a screen `width` columns wide and `height` rows tall: each row's level
/// and text (a leading space included).
pub fn rows(model: &Model, width: u16, height: u16) -> Vec<(Level, String)> {
    let room = usize::from(width.saturating_sub(1)).max(1);
    // A short screen gives the strip at most a quarter of its rows, and one at least.
    let max_rows = MAX_ROWS.min(usize::from(height / 4).max(1));
    let mut out: Vec<(Level, String)> = Vec::new();
    for toast in model.toasts.iter().rev() {
        let text = visible(&toast.text).into_owned();
        let mut lines = wrap(&text, room);
        if lines.len() > 2 {
            let first = lines[0].clone();
            let rest = text
                .get(first.len()..)
                .unwrap_or_default()
                .trim_start()
                .to_string();
            lines = vec![first, cut_middle(&rest, room)];
        }
        if out.len() + lines.len() > max_rows {
            break;
        }
        for line in lines.into_iter().rev() {
            out.push((toast.level, format!(" {line}")));
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures::loaded;

    #[test]
    fn a_long_toast_keeps_its_request_id() {
        let mut model = loaded(1);
        let text = format!(
            "stop web-00: INTERNAL: {} (request id 0c5a-REQ-77)",
            "something went wrong ".repeat(20)
        );
        model.toast(Level::Error, text);
        let rows = rows(&model, 80, 24);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows[0].1.starts_with(" stop web-00: INTERNAL:"));
        assert!(rows[1].1.ends_with("(request id 0c5a-REQ-77)"), "{rows:?}");
        assert!(rows[1].1.contains('…'));
        for (_, row) in &rows {
            assert!(unicode_width::UnicodeWidthStr::width(row.as_str()) <= 80);
        }
    }

    #[test]
    fn the_strip_keeps_the_newest_within_its_rows() {
        let mut model = loaded(1);
        for n in 0..4 {
            model.toast(Level::Info, format!("toast {n}"));
        }
        let texts: Vec<String> = rows(&model, 80, 24).into_iter().map(|r| r.1).collect();
        assert_eq!(texts, [" toast 0", " toast 1", " toast 2", " toast 3"]);
        // On a short screen, only the newest.
        let texts: Vec<String> = rows(&model, 80, 6).into_iter().map(|r| r.1).collect();
        assert_eq!(texts, [" toast 3"]);
    }
}
