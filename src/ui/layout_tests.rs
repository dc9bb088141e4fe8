//! Layout at common sizes: toasts in their own strip (never over a pane, a long one keeping its
//! request id), the sort shown even when its column is hidden, the operations pane's share.

use super::tests::{busy, text};
use crate::app::{Model, model::Level};

/// Every row between the header and the footer ends with a pane border: nothing covers it.
fn right_border_intact(frame: &str, from: usize, to: usize) -> bool {
    frame
        .lines()
        .skip(from)
        .take(to - from)
        .all(|row| row.ends_with('│') || row.ends_with('┐') || row.ends_with('┘'))
}

#[test]
fn toasts_never_draw_over_the_panes() {
    let mut model: Model = busy();
    model.toast(
        Level::Error,
        format!(
            "stop web-00: INTERNAL: {}(request id 4f1c-REQ-9)",
            "the host did not answer in time, ".repeat(6)
        ),
    );
    model.toast(Level::Info, "copied fhm00000000000000000");
    for (width, height) in [(160u16, 45u16), (120, 30), (80, 24)] {
        let frame = text(&model, width, height);
        let rows: Vec<&str> = frame.lines().collect();
        // The strip: two rows of the long toast, then the short one, above the footer.
        let strip = &rows[rows.len() - 4..rows.len() - 1];
        assert!(strip[0].starts_with(" stop web-00: INTERNAL:"), "{frame}");
        assert!(
            strip[1].trim_end().ends_with("(request id 4f1c-REQ-9)"),
            "{frame}"
        );
        assert!(strip[2].starts_with(" copied fhm"), "{frame}");
        assert!(
            right_border_intact(&frame, 2, rows.len() - 4),
            "a pane's border is covered at {width}x{height}:\n{frame}"
        );
    }
}
