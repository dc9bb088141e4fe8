//! The instances marked for a bulk action, by id: they survive refreshes, sorting and the
//! filter, and go only when cleared or when their instance is gone from the folder.

use std::collections::BTreeSet;

/// Marked instance ids, in id order (so bulk actions and their dialog are deterministic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    ids: BTreeSet<String>,
}

impl Marks {
    /// Marks `id`, or unmarks it when it was marked. Returns whether it is marked now.
    pub fn toggle(&mut self, id: &str) -> bool {
        if self.ids.remove(id) {
            false
        } else {
            self.ids.insert(id.to_string());
            true
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn clear(&mut self) {
        self.ids.clear();
    }

    /// Keeps only the marks `present` says still exist (after a listing removed instances).
    pub fn retain(&mut self, present: impl Fn(&str) -> bool) {
        self.ids.retain(|id| present(id));
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_twice_unmarks_and_retain_drops_the_gone() {
        let mut marks = Marks::default();
        assert!(marks.toggle("b"));
        assert!(marks.toggle("a"));
        assert!(!marks.toggle("b"));
        assert!(marks.toggle("c"));
        assert_eq!(marks.ids().collect::<Vec<_>>(), ["a", "c"]);
        marks.retain(|id| id != "a");
        assert_eq!(marks.ids().collect::<Vec<_>>(), ["c"]);
        assert_eq!(marks.len(), 1);
        marks.clear();
        assert!(marks.is_empty());
    }
}
