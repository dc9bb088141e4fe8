//! The operations pane: every operation started (or resumed) this session, newest first, with
//! its latest state; above them the bulk actions queued until the folder's operation limit lets
//! them go; and the selection over both.

use std::{
    collections::VecDeque,
    time::{Duration, SystemTime},
};

use super::sending::Sent;
use crate::api::{ApiError, PowerAction, operation::OpView};

/// A bulk action's stop, start or restart of one instance, waiting for a free operation slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub action: PowerAction,
    pub instance_id: String,
    pub name: String,
    pub since: SystemTime,
}

/// One row of the pane: a queued action, a request sent (answered or not), or a tracked
/// operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PaneRow<'a> {
    Queued(&'a Queued),
    Sent(&'a Sent),
    Op(&'a TrackedOp),
}

/// How polling an unfinished operation goes.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum PollHealth {
    #[default]
    Fine,
    /// The last poll failed with a transient error (its code); polling goes on with backoff.
    Reconnecting(String),
    /// A permanent error stopped polling: the operation's outcome is not known here.
    Stopped(ApiError),
}

/// One watched operation.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedOp {
    pub view: OpView,
    /// The instance's name when the operation started, for the target column.
    pub target_name: String,
    pub started: SystemTime,
    pub finished: Option<SystemTime>,
    pub poll: PollHealth,
}

impl TrackedOp {
    pub fn elapsed(&self, now: SystemTime) -> Duration {
        self.finished
            .unwrap_or(now)
            .duration_since(self.started)
            .unwrap_or_default()
    }

    /// Running (or rolling back) and still polled.
    pub fn watched(&self) -> bool {
        !self.view.state.is_final() && !matches!(self.poll, PollHealth::Stopped(_))
    }

    pub fn target_label(&self) -> String {
        let id = self.view.target.instance_id().unwrap_or_default();
        if self.target_name.is_empty() {
            id.to_string()
        } else {
            format!("{} ({id})", self.target_name)
        }
    }
}

/// What a poll changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Unknown,
    Same,
    Progressed,
    Finished,
}

/// The operations part of the model.
#[derive(Debug, Clone, Default)]
pub struct Operations {
    /// Newest first.
    pub ops: Vec<TrackedOp>,
    /// Bulk actions not sent yet, first to go first. The pane shows them above `ops`, the
    /// first to go lowest, so a row keeps its place when the queue's front starts.
    pub queued: VecDeque<Queued>,
    /// Requests sent that have no operation (not answered yet, refused, or outcome unknown),
    /// newest first; shown between the queue and the operations.
    pub sent: Vec<Sent>,
    /// Position among the pane's rows (queued ones first, then sent ones).
    pub selected: usize,
    pub offset: usize,
}

impl Operations {
    pub fn add(&mut self, op: TrackedOp) {
        if let Some(existing) = self.ops.iter_mut().find(|o| o.view.id == op.view.id) {
            *existing = op;
            return;
        }
        self.ops.insert(0, op);
        // The selection stays on its row; at the very top it follows the newest.
        if self.selected > 0 && self.selected >= self.queued.len() + self.sent.len() {
            self.selected += 1;
        }
    }

    /// How many rows the pane has: queued actions, requests sent and operations.
    pub fn rows_len(&self) -> usize {
        self.queued.len() + self.sent.len() + self.ops.len()
    }

    /// The pane's row at `position`.
    pub fn row(&self, position: usize) -> Option<PaneRow<'_>> {
        let Some(after_queue) = position.checked_sub(self.queued.len()) else {
            return self
                .queued
                .get(self.queued.len() - 1 - position)
                .map(PaneRow::Queued);
        };
        match after_queue.checked_sub(self.sent.len()) {
            Some(op) => self.ops.get(op).map(PaneRow::Op),
            None => self.sent.get(after_queue).map(PaneRow::Sent),
        }
    }

    /// Queues bulk actions (they show above every row; the selection stays on its row).
    pub fn enqueue(&mut self, items: impl IntoIterator<Item = Queued>) {
        let before = self.queued.len();
        self.queued.extend(items);
        if self.selected > 0 {
            self.selected += self.queued.len() - before;
        }
    }

    /// Takes the next queued action to send.
    pub fn dequeue(&mut self) -> Option<Queued> {
        let next = self.queued.pop_front()?;
        // Its row was the lowest queued one, at `queued.len()` now.
        if self.selected > self.queued.len() {
            self.selected -= 1;
        }
        Some(next)
    }

    /// Takes the selected row off the queue, if it is a queued one.
    pub fn unqueue_selected(&mut self) -> Option<Queued> {
        let from_front = self.queued.len().checked_sub(self.selected + 1)?;
        self.queued.remove(from_front)
    }

    /// Whether an instance has an action waiting in the queue.
    pub fn is_queued(&self, instance_id: &str) -> bool {
        self.queued.iter().any(|q| q.instance_id == instance_id)
    }

    /// Whether a watched operation runs on an instance.
    pub fn runs_on(&self, instance_id: &str) -> bool {
        self.ops
            .iter()
            .any(|o| o.watched() && o.view.target.instance_id() == Some(instance_id))
    }

    pub fn get(&self, id: &str) -> Option<&TrackedOp> {
        self.ops.iter().find(|o| o.view.id == id)
    }

    /// The selected operation (`None` on a queued row).
    pub fn selected_op(&self) -> Option<&TrackedOp> {
        match self.row(self.selected) {
            Some(PaneRow::Op(op)) => Some(op),
            _ => None,
        }
    }

    /// Records a new view of an operation. A final state is kept: a late or duplicate poll never
    /// turns a finished operation back into a running one.
    pub fn update(&mut self, view: OpView, now: SystemTime) -> Change {
        let Some(op) = self.ops.iter_mut().find(|o| o.view.id == view.id) else {
            return Change::Unknown;
        };
        op.poll = PollHealth::Fine;
        if op.view.state.is_final() || op.view == view {
            return Change::Same;
        }
        let finished = view.state.is_final();
        op.view = view;
        if finished {
            op.finished = Some(now);
            Change::Finished
        } else {
            Change::Progressed
        }
    }

    /// Records a failed poll; returns whether polling goes on.
    pub fn poll_failed(&mut self, id: &str, error: ApiError) -> bool {
        let Some(op) = self.ops.iter_mut().find(|o| o.view.id == id) else {
            return false;
        };
        if op.view.state.is_final() {
            return false;
        }
        let retry = crate::api::classify(&error) == crate::api::Transience::Transient;
        op.poll = if retry {
            PollHealth::Reconnecting(error.code_name().to_string())
        } else {
            PollHealth::Stopped(error)
        };
        retry
    }

    /// Whether any operation is still watched (the spinner animates).
    pub fn any_running(&self) -> bool {
        self.ops.iter().any(TrackedOp::watched)
    }

    pub fn running_ids(&self) -> Vec<String> {
        self.ops
            .iter()
            .filter(|o| o.watched())
            .map(|o| o.view.id.clone())
            .collect()
    }

    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.rows_len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.offset =
            super::scroll::window_start(self.offset, self.selected, self.rows_len(), rows);
    }
}
