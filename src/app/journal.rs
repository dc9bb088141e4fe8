//! The session's operations journal: one JSON file in the state directory, rewritten when an
//! operation changes, read at start so running operations are watched again.

use std::{
    path::Path,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

use super::operations::TrackedOp;
use crate::api::{
    ApiError,
    operation::{OpResponse, OpState, OpTarget, OpView},
};

/// How many operations the journal keeps (newest first).
pub const JOURNAL_LIMIT: usize = 200;

/// One operation as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: String,
    pub description: String,
    #[serde(default)]
    pub instance_id: String,
    #[serde(default)]
    pub target_name: String,
    /// Seconds since the Unix epoch.
    pub started: u64,
    #[serde(default)]
    pub finished: Option<u64>,
    /// running, rolling_back, failed or done.
    pub state: String,
    #[serde(default)]
    pub error_code: i32,
    #[serde(default)]
    pub error_message: String,
    #[serde(default)]
    pub request_id: String,
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn time(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
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
            poll_error: None,
        }
    }
}

/// Reads the journal; a missing file is empty.
pub fn load(path: &Path) -> Result<Vec<JournalEntry>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes the journal atomically and privately (see [`crate::private_file`]).
pub fn save(path: &Path, entries: &[JournalEntry]) -> Result<(), String> {
    let text = serde_json::to_string_pretty(entries).map_err(|e| e.to_string())?;
    crate::private_file::write_atomic(path, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_file() {
        let entry = JournalEntry {
            id: "op1".into(),
            description: "Stop instance".into(),
            instance_id: "i1".into(),
            target_name: "web-1".into(),
            started: 1_700_000_000,
            finished: None,
            state: "failed".into(),
            error_code: 9,
            error_message: "nope".into(),
            request_id: "r1".into(),
        };
        let tracked = entry.to_tracked();
        assert!(
            matches!(tracked.view.state, OpState::Failed(ref e) if e.code == tonic::Code::FailedPrecondition)
        );
        assert_eq!(JournalEntry::from(&tracked), entry);
        let path = std::env::temp_dir().join(format!("ycdash-journal-{}.json", std::process::id()));
        save(&path, std::slice::from_ref(&entry)).unwrap();
        assert_eq!(load(&path).unwrap(), vec![entry]);
        std::fs::remove_file(&path).ok();
        assert_eq!(load(&path).unwrap(), vec![]);
    }
}
