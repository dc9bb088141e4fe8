//! The operations journal's entries: one per operation started or resumed, and one per request
//! sent whose answer has not arrived yet ("sent, outcome unknown"), so the next start can resend
//! it with the same idempotency key. The file itself is in `journal_file.rs`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::operations::{PollHealth, TrackedOp};
use crate::api::{
    ApiError,
    operation::{OpResponse, OpState, OpTarget, OpView},
};

/// How many entries the journal keeps per endpoint and account (newest first).
pub const JOURNAL_LIMIT: usize = 200;

/// The `state` of a request sent whose operation id is not known yet.
pub const SENT: &str = "sent";

/// Which API and which credentials an entry belongs to: only these can see its operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub endpoint: String,
    pub account: String,
}

/// A request as sent, enough to send it again: the method and the encoded protobuf body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRequest {
    pub method: String,
    pub body_base64: String,
}

/// One operation (or one request awaiting its operation) as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    #[serde(default)]
    pub endpoint: String,
    #[serde(default)]
    pub account: String,
    /// The operation id; empty while the request's outcome is unknown.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub idempotency_key: String,
    /// Present while the state is [`SENT`].
    #[serde(default)]
    pub request: Option<SentRequest>,
    pub description: String,
    #[serde(default)]
    pub instance_id: String,
    #[serde(default)]
    pub target_name: String,
    /// Seconds since the Unix epoch.
    pub started: u64,
    #[serde(default)]
    pub finished: Option<u64>,
    /// sent, running, rolling_back, failed or done.
    pub state: String,
    #[serde(default)]
    pub error_code: i32,
    #[serde(default)]
    pub error_message: String,
    #[serde(default)]
    pub request_id: String,
}

/// What one journal write changes; every other entry in the file is kept as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JournalChange {
    /// Added, or replacing the entry with the same operation id or idempotency key.
    pub upsert: Vec<JournalEntry>,
    /// Idempotency keys of sent entries to drop (the request was refused).
    pub remove_keys: Vec<String>,
}

pub fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn time(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

impl JournalEntry {
    pub fn scope(&self) -> Scope {
        Scope {
            endpoint: self.endpoint.clone(),
            account: self.account.clone(),
        }
    }

    /// Whether `other` describes the same operation or the same request, in the same scope.
    pub fn same_as(&self, other: &JournalEntry) -> bool {
        self.endpoint == other.endpoint
            && self.account == other.account
            && ((!self.id.is_empty() && self.id == other.id)
                || (!self.idempotency_key.is_empty()
                    && self.idempotency_key == other.idempotency_key))
    }

    /// A request sent whose answer has not arrived.
    pub fn is_sent(&self) -> bool {
        self.state == SENT
    }
}

impl From<&TrackedOp> for JournalEntry {
    fn from(op: &TrackedOp) -> Self {
        let (state, error) = match &op.view.state {
            OpState::Running => ("running", None),
            OpState::RollingBack(e) => ("rolling_back", Some(e)),
            OpState::Failed(e) => ("failed", Some(e)),
            OpState::Done(_) => ("done", None),
        };
        Self {
            id: op.view.id.clone(),
            description: op.view.description.clone(),
            instance_id: op.view.target.instance_id().unwrap_or_default().to_string(),
            target_name: op.target_name.clone(),
            started: secs(op.started),
            finished: op.finished.map(secs),
            state: state.to_string(),
            error_code: error.map_or(0, |e| e.code as i32),
            error_message: error.map(|e| e.message.clone()).unwrap_or_default(),
            request_id: error.map(|e| e.request_id.clone()).unwrap_or_default(),
            ..Self::default()
        }
    }
}

impl JournalEntry {
    /// The tracked operation this entry describes (the response body is not stored).
    pub fn to_tracked(&self) -> TrackedOp {
        let error = || ApiError {
            code: tonic::Code::from_i32(self.error_code),
            message: self.error_message.clone(),
            request_id: self.request_id.clone(),
            details: Vec::new(),
        };
        let state = match self.state.as_str() {
            "rolling_back" => OpState::RollingBack(error()),
            "failed" => OpState::Failed(error()),
            "done" => OpState::Done(OpResponse::Empty),
            _ => OpState::Running,
        };
        let target = if self.instance_id.is_empty() {
            OpTarget::None
        } else {
            OpTarget::Instance {
                instance_id: self.instance_id.clone(),
            }
        };
        TrackedOp {
            view: OpView {
                id: self.id.clone(),
                description: self.description.clone(),
                created_by: String::new(),
                created_at: None,
                modified_at: None,
                target,
                state,
            },
            target_name: self.target_name.clone(),
            started: time(self.started),
            finished: self.finished.map(time),
            poll: PollHealth::Fine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_tracked_operation() {
        let entry = JournalEntry {
            id: "op1".into(),
            description: "Stop instance".into(),
            instance_id: "i1".into(),
            target_name: "web-1".into(),
            started: 1_700_000_000,
            state: "failed".into(),
            error_code: 9,
            error_message: "nope".into(),
            ..JournalEntry::default()
        };
        let tracked = entry.to_tracked();
        assert!(
            matches!(tracked.view.state, OpState::Failed(ref e) if e.code == tonic::Code::FailedPrecondition)
        );
        assert!(!tracked.watched());
        assert_eq!(JournalEntry::from(&tracked), entry);
    }
}
