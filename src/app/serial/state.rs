//! The serial view's state: the lines read so far (control characters made visible), the
//! scroll position, follow mode and the search (`Search`).

use super::super::input::LineInput;

/// Ports an instance has (GetSerialPortOutput's `port` is 1-4).
pub const PORTS: i64 = 4;

/// The open serial view of one instance.
#[derive(Debug, Clone, PartialEq)]
pub struct SerialView {
    pub instance_id: String,
    pub name: String,
    pub port: i64,
    /// Bumped by each port switch: answers and timers of an older one are dropped.
    pub generation: u64,
    /// The port's contents as last read, to tell what a new read adds.
    pub last_read: String,
    /// Everything shown, one entry a line, control characters made visible.
    pub lines: Vec<String>,
    /// The last line had no newline yet: the next read may continue it.
    pub open_line: bool,
    /// The first shown line.
    pub top: usize,
    /// Lines that fit on screen (set by the root from the terminal size).
    pub rows: usize,
    /// Re-read every 2 s and keep the end in view.
    pub follow: bool,
    pub loading: bool,
    pub error: Option<String>,
    pub search: Search,
}

/// The view's search: what is being typed, the accepted search, and where its match is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// The search being typed (`/`), if any.
    pub typing: Option<LineInput>,
    /// The accepted search, lowercased.
    pub query: String,
    /// The line of the current match.
    pub found: Option<usize>,
}

impl Search {
    /// Whether `line` holds the accepted search (case-insensitive).
    pub fn matches(&self, line: &str) -> bool {
        !self.query.is_empty() && line.to_lowercase().contains(&self.query)
    }
}

impl SerialView {
    pub fn new(instance_id: String, name: String, rows: usize) -> Self {
        Self {
            instance_id,
            name,
            port: 1,
            generation: 0,
            last_read: String::new(),
            lines: Vec::new(),
            open_line: false,
            top: 0,
            rows: rows.max(1),
            follow: true,
            loading: true,
            error: None,
            search: Search::default(),
        }
    }

    /// The largest `top` that still fills the screen.
    pub fn max_top(&self) -> usize {
        self.lines.len().saturating_sub(self.rows)
    }

    /// The lines on screen.
    pub fn visible(&self) -> &[String] {
        let start = self.top.min(self.lines.len());
        let end = (start + self.rows).min(self.lines.len());
        &self.lines[start..end]
    }
}
