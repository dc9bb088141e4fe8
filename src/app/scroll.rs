//! The one scroll window of a selectable list: which row is drawn first so that the selection
//! stays in view and the window never runs past the end.

/// The first row to draw of `len` rows in a window of `rows` (at least 1): `offset` as stored,
/// moved only as far as needed to keep `selected` visible, and never past the last full window.
pub fn window_start(offset: usize, selected: usize, len: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    let start = offset.min(len.saturating_sub(rows));
    if selected < start {
        selected
    } else if selected >= start + rows {
        selected + 1 - rows
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::window_start;

    #[test]
    fn the_window_moves_only_to_keep_the_selection_in_view() {
        // In view: the stored offset stays.
        assert_eq!(window_start(3, 5, 20, 5), 3);
        // Above the window: it starts at the selection.
        assert_eq!(window_start(8, 2, 20, 5), 2);
        // Below the window: the selection is its last row.
        assert_eq!(window_start(0, 12, 20, 5), 8);
        // A stale offset past the end (after a resize or a shorter list) is pulled back.
        assert_eq!(window_start(18, 19, 20, 5), 15);
        assert_eq!(window_start(9, 0, 3, 5), 0);
        // A zero-row window still shows the selection.
        assert_eq!(window_start(0, 4, 10, 0), 4);
    }
}
