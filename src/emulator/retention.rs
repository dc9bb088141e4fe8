//! What the emulator remembers, bounded: finished operations expire after
//! [`OPERATION_RETENTION_SECONDS`] and past the newest [`FINISHED_OPERATIONS_KEPT`]; an
//! idempotency key is remembered as long as its operation is (its request kept as a SHA-256
//! digest, not the raw bytes). Running operations are never dropped.

use super::store::Store;
use prost_types::Timestamp;

/// Finished operations kept, newest first; older ones answer NOT_FOUND.
pub const FINISHED_OPERATIONS_KEPT: usize = 256;
/// How long a finished operation (and its idempotency key) is kept: one hour.
pub const OPERATION_RETENTION_SECONDS: i64 = 3600;

/// The digest an idempotency record keeps of its request, to tell a replay from a reuse.
pub fn request_digest(request: &[u8]) -> [u8; 32] {
    let digest = ring::digest::digest(&ring::digest::SHA256, request);
    let mut out = [0; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

impl Store {
    /// Forgets finished operations past the count or the age, their ids in the per-instance
    /// histories and the idempotency keys that led to them.
    pub fn prune_operations(&mut self, now: &Timestamp) {
        let oldest_kept = now.seconds.saturating_sub(OPERATION_RETENTION_SECONDS);
        let mut finished: Vec<(i64, i32, String)> = self
            .operations
            .iter()
            .filter(|(_, r)| r.op.done)
            .map(|(id, r)| {
                let at = r.op.modified_at.unwrap_or_default();
                (at.seconds, at.nanos, id.clone())
            })
            .collect();
        if finished.len() <= FINISHED_OPERATIONS_KEPT
            && finished.iter().all(|(secs, ..)| *secs >= oldest_kept)
        {
            return;
        }
        finished.sort_unstable_by(|a, b| b.cmp(a));
        let expired: Vec<String> = finished
            .into_iter()
            .enumerate()
            .filter(|(n, (secs, ..))| *n >= FINISHED_OPERATIONS_KEPT || *secs < oldest_kept)
            .map(|(_, (.., id))| id)
            .collect();
        for id in &expired {
            self.operations.remove(id);
        }
        let operations = &self.operations;
        self.idempotency
            .retain(|_, entry| operations.contains_key(&entry.operation_id));
        self.instance_operations.retain(|_, ids| {
            ids.retain(|id| operations.contains_key(id));
            !ids.is_empty()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::operation::Operation;
    use crate::emulator::{
        clock,
        operations::{Change, OpRecord},
        store::IdempotencyEntry,
    };

    fn record(id: &str, done: bool, seconds: i64) -> OpRecord {
        OpRecord {
            op: Operation {
                id: id.into(),
                done,
                modified_at: Some(clock::ts(seconds)),
                ..Default::default()
            },
            instance_id: "i1".into(),
            folder_id: "f1".into(),
            prior_status: 0,
            change: Change::Stop,
        }
    }

    fn store_with(ops: impl IntoIterator<Item = OpRecord>) -> Store {
        let mut store = Store::default();
        for r in ops {
            store
                .instance_operations
                .entry("i1".into())
                .or_default()
                .push(r.op.id.clone());
            store.idempotency.insert(
                format!("key-{}", r.op.id),
                IdempotencyEntry {
                    method: "Stop",
                    request_digest: request_digest(r.op.id.as_bytes()),
                    operation_id: r.op.id.clone(),
                },
            );
            store.operations.insert(r.op.id.clone(), r);
        }
        store
    }

    #[test]
    fn only_the_newest_finished_operations_are_kept() {
        let extra = 10;
        let total = FINISHED_OPERATIONS_KEPT + extra;
        let mut store = store_with((0..total).map(|n| record(&format!("op{n}"), true, n as i64)));
        store.prune_operations(&clock::ts(total as i64));
        assert_eq!(store.operations.len(), FINISHED_OPERATIONS_KEPT);
        assert!(!store.operations.contains_key("op0"));
        assert!(store.operations.contains_key(&format!("op{}", total - 1)));
        assert_eq!(store.idempotency.len(), FINISHED_OPERATIONS_KEPT);
        assert!(!store.idempotency.contains_key("key-op0"));
        assert_eq!(
            store.instance_operations["i1"].len(),
            FINISHED_OPERATIONS_KEPT
        );
    }

    #[test]
    fn finished_operations_expire_and_running_ones_stay() {
        let mut store = store_with([
            record("old", true, 0),
            record("recent", true, OPERATION_RETENTION_SECONDS),
            record("running", false, 0),
        ]);
        store.prune_operations(&clock::ts(OPERATION_RETENTION_SECONDS + 1));
        let mut kept: Vec<&String> = store.operations.keys().collect();
        kept.sort();
        assert_eq!(kept, ["recent", "running"]);
        assert!(store.idempotency.contains_key("key-running"));
        assert!(!store.idempotency.contains_key("key-old"));
    }
}
