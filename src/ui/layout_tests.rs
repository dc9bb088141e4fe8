//! Layout at common sizes: toasts in their own strip (never over a pane, a long one keeping its
//! request id), the sort shown even when its column is hidden, the operations pane's share and
//! its toggle.

use super::tests::{busy, text};
use crate::app::{
    Model,
    fixtures::{ch, typed},
    instances::SortKey,
    model::Level,
    update,
};

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

/// The list and the operations pane at 80x24 (stacked), 120x40 and 200x50 (side by side, the
/// pane a third of the width), then with the pane hidden: the list takes its room and its
/// title counts what is still running.
#[test]
fn list_and_operations_pane_shown_and_hidden() {
    for (width, height) in [(80u16, 24u16), (120, 40), (200, 50)] {
        let mut model: Model = busy();
        let shown = text(&model, width, height);
        assert!(shown.contains("operations 4 (2 running)"), "{shown}");
        insta::assert_snapshot!(format!("ops_shown_{width}x{height}"), shown);
        update(&mut model, ch('p'));
        let hidden = text(&model, width, height);
        assert!(!hidden.contains("OPERATION"), "{hidden}");
        assert!(
            hidden.contains("· 2 ops running (p shows them)"),
            "{hidden}"
        );
        insta::assert_snapshot!(format!("ops_hidden_{width}x{height}"), hidden);
    }
    // A long title (filter, matched-field note) never pushes the count out of sight.
    let mut model: Model = busy();
    update(&mut model, ch('p'));
    update(&mut model, ch('/'));
    typed(&mut model, "prod 10.128.0.1");
    let frame = text(&model, 80, 24);
    assert!(
        title_line(&frame).starts_with("┌ instances 5/30 · 2 ops running (p shows them) /prod"),
        "{frame}"
    );
}

/// The list title's line in a frame.
fn title_line(frame: &str) -> &str {
    frame
        .lines()
        .find(|l| l.contains("┌ instances "))
        .unwrap_or_default()
}

/// The sort arrow sits on the sorted column's heading; when that column is hidden at this
/// width, the title says what the list is sorted by. The memory sort has its own arrow.
#[test]
fn the_sort_is_shown_even_when_its_column_is_hidden() {
    let mut model: Model = busy();
    let narrow = text(&model, 80, 24);
    assert!(narrow.contains("NAME↑"), "{narrow}");
    assert!(!narrow.contains("sorted by"), "{narrow}");
    for _ in 0..4 {
        update(&mut model, ch('o'));
    }
    assert_eq!(model.instances.sort, SortKey::Platform);
    update(&mut model, ch('O'));
    let narrow = text(&model, 80, 24);
    assert!(!narrow.contains("PLATFORM"), "{narrow}");
    assert!(
        title_line(&narrow).contains("· sorted by platform ↓"),
        "{narrow}"
    );
    insta::assert_snapshot!("sorted_by_a_hidden_column_80x24", narrow);
    let wide = text(&model, 200, 50);
    assert!(wide.contains("PLATFORM↓"), "{wide}");
    assert!(!wide.contains("sorted by"), "{wide}");
    update(&mut model, ch('o'));
    assert!(text(&model, 80, 24).contains("CPU↓/MEM"));
    update(&mut model, ch('o'));
    assert_eq!(model.instances.sort, SortKey::Memory);
    let frame = text(&model, 80, 24);
    assert!(
        frame.contains("CPU/MEM↓"),
        "memory sort has its arrow:\n{frame}"
    );
    assert!(!frame.contains("sorted by"), "{frame}");
}

/// An empty operations pane says how to start one in full (wrapped, not cut to the first
/// column), naming the keys as bound.
#[test]
fn the_empty_operations_pane_names_the_keys_as_bound() {
    let overrides =
        std::collections::HashMap::from([("stop".to_string(), vec!["ctrl-x".to_string()])]);
    let (keymap, _) = crate::keymap::Keymap::new(&overrides);
    let model = crate::app::fixtures::loaded_with(5, keymap);
    let frame = text(&model, 200, 50);
    assert!(
        frame.contains("no operations yet: ctrl-x / S / R on an instance"),
        "{frame}"
    );
}
