//! What the serial view consumes and what it asks of the root: reads, timers, a file write.

use std::time::Duration;

use crossterm::event::KeyEvent;

use crate::keymap::Action;

#[derive(Debug, Clone, PartialEq)]
pub enum SerialMsg {
    /// A key's action from the keymap (serial context).
    Action(Action),
    /// A key while the search is being typed.
    SearchKey(KeyEvent),
    /// A read of `port` for `generation` answered: the contents or why not.
    Read {
        generation: u64,
        result: Result<String, String>,
    },
    /// The follow timer of `generation` fired.
    FollowDue { generation: u64 },
    /// The saved file, or why it could not be written.
    Saved(Result<String, String>),
    /// The terminal changed size: this many lines fit.
    Rows(usize),
}

/// IO the serial view needs; the root turns these into effects.
#[derive(Debug, Clone, PartialEq)]
pub enum SerialEffect {
    Read {
        instance_id: String,
        port: i64,
        generation: u64,
    },
    /// Sends `FollowDue` after `after`.
    FollowAfter { generation: u64, after: Duration },
    /// Writes the shown text to a file named after the instance and port.
    Save {
        instance_id: String,
        port: i64,
        text: String,
    },
}

/// What one `update()` of the view leads to.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub effects: Vec<SerialEffect>,
    /// The view asks to be closed.
    pub close: bool,
    /// A line for the user: (is an error, text).
    pub toast: Option<(bool, String)>,
}
