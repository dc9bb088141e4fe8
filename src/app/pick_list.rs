//! The one picker model, shared by the attach form's pickers and the folder picker: the items
//! as rows of cells, the typed filter, the cursor and a line to show under the rows. What an
//! item means is up to its picker; this file only filters and moves.

use crossterm::event::KeyEvent;

use super::input::LineInput;

/// One row of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// What choosing it yields (also matched by the filter).
    pub id: String,
    /// The columns shown, the name first.
    pub cells: Vec<String>,
    /// Drawn as an error (a cloud whose folders could not be listed).
    pub error: bool,
}

impl PickItem {
    pub fn new(id: impl Into<String>, cells: Vec<String>) -> Self {
        Self {
            id: id.into(),
            cells,
            error: false,
        }
    }
}

/// The filter, the cursor (a position in the matching items) and a message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PickList {
    pub filter: LineInput,
    pub selected: usize,
    /// Shown under the rows, e.g. why a choice was refused.
    pub message: Option<String>,
}

impl PickList {
    /// Whether the filter (case-insensitive, anywhere in the id or a cell) keeps `item`.
    pub fn matches(&self, item: &PickItem) -> bool {
        let needle = self.filter.text().to_lowercase();
        needle.is_empty()
            || std::iter::once(&item.id)
                .chain(&item.cells)
                .any(|c| c.to_lowercase().contains(&needle))
    }

    /// The items the filter keeps, in order.
    pub fn matching(&self, items: Vec<PickItem>) -> Vec<PickItem> {
        items.into_iter().filter(|i| self.matches(i)).collect()
    }

    /// Moves the cursor by `delta` within `count` items.
    pub fn move_by(&mut self, delta: isize, count: usize) {
        let last = count.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Types `key` into the filter; a changed filter puts the cursor on the first match.
    pub fn type_key(&mut self, key: &KeyEvent) -> bool {
        let changed = self.filter.edit(key);
        if changed {
            self.selected = 0;
            self.message = None;
        }
        changed
    }

    /// Clears the filter; returns whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        let had = !self.filter.text().is_empty();
        self.filter = LineInput::default();
        had
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    fn items() -> Vec<PickItem> {
        vec![
            PickItem::new("e9ba", vec!["default-a".into(), "10.128.0.0/24".into()]),
            PickItem::new("e9bb", vec!["prod-a".into(), "10.140.0.0/24".into()]),
        ]
    }

    #[test]
    fn filters_on_any_cell_or_the_id_and_moves_within_the_matches() {
        let mut list = PickList::default();
        list.move_by(5, 2);
        assert_eq!(list.selected, 1);
        for c in "10.14".chars() {
            list.type_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        assert_eq!(list.selected, 0, "a new filter starts at the first match");
        let kept = list.matching(items());
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].id, "e9bb");
        list.filter = LineInput::with_text("E9BA");
        assert_eq!(
            list.matching(items())[0].id,
            "e9ba",
            "case-insensitive, ids too"
        );
        assert!(list.clear_filter());
        assert_eq!(list.matching(items()).len(), 2);
    }
}
