//! The operations pane: every operation started (or resumed) this session, newest first, with
//! its latest state, and the selection.

use std::time::{Duration, SystemTime};

use crate::api::{ApiError, operation::OpView};

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
        if self.selected > 0 {
            self.selected += 1;
        }
    }

    pub fn get(&self, id: &str) -> Option<&TrackedOp> {
        self.ops.iter().find(|o| o.view.id == id)
    }

    pub fn selected_op(&self) -> Option<&TrackedOp> {
        self.ops.get(self.selected)
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
        let last = self.ops.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }
}
