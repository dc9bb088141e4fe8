//! The operations pane's rows for requests sent but not answered yet (state only): which
//! request a row stands for, where it is (sending, refused, outcome unknown), and how the pane
//! adds and resolves such rows. `sending_update.rs` makes them from effects and answers.

use std::time::SystemTime;

use super::operations::Operations;
use crate::api::{ApiError, PowerAction};

/// Which request a row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Power(PowerAction),
    Attach,
    Detach,
    UpdateNic,
    /// Add (`true`) or remove a public IP.
    Nat(bool),
    /// A journal entry sent again: `target` is its idempotency key.
    Resend,
    /// `target` is the operation id.
    Cancel,
}

/// A request, as its effect and its answer both name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    /// The instance id (the key for a resend, the operation id for a cancel).
    pub target: String,
}

impl Request {
    pub fn new(kind: Kind, target: &str) -> Self {
        Self {
            kind,
            target: target.to_string(),
        }
    }
}

/// Where a sent request is.
#[derive(Debug, Clone, PartialEq)]
pub enum SentState {
    Sending,
    Refused(ApiError),
    /// No answer could be had (the journal keeps it "sent" for the next start).
    Unknown(ApiError),
}

/// One row of a request sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub request: Request,
    /// What it does and to which instance ("Stop instance web-1").
    pub what: String,
    pub since: SystemTime,
    pub state: SentState,
}

impl Operations {
    /// A new "sending…" row, at the top of the sent rows; the selection stays on its row.
    pub fn add_sent(&mut self, sent: Sent) {
        self.sent.insert(0, sent);
        if self.selected > 0 && self.selected >= self.queued.len() {
            self.selected += 1;
        }
    }

    /// The oldest unanswered row of `request` takes its answer: `None` (an operation, shown
    /// in its own row) removes it, else it keeps the refusal or the unknown outcome.
    pub fn resolve_sent(&mut self, request: &Request, state: Option<SentState>) {
        let Some(at) = self
            .sent
            .iter()
            .rposition(|s| s.state == SentState::Sending && s.request == *request)
        else {
            return;
        };
        match state {
            Some(state) => self.sent[at].state = state,
            None => {
                self.sent.remove(at);
                if self.selected > self.queued.len() + at {
                    self.selected -= 1;
                }
                self.selected = self.selected.min(self.rows_len().saturating_sub(1));
            }
        }
    }

    /// How many requests are waiting for their answer.
    pub fn sending(&self) -> usize {
        self.sent
            .iter()
            .filter(|s| s.state == SentState::Sending)
            .count()
    }
}
