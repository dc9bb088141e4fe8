//! Journal file tests: concurrent writers keep every entry, a corrupt file is kept aside.

use std::time::{Duration, UNIX_EPOCH};

use super::*;
use crate::app::journal::SENT;

fn file(dir: &Path, endpoint: &str) -> JournalFile {
    JournalFile {
        path: dir.join("journal.json"),
        scope: Scope {
            endpoint: endpoint.into(),
            account: "yc profile 'default'".into(),
        },
    }
}

fn running(id: &str) -> JournalEntry {
    JournalEntry {
        id: id.into(),
        description: "Stop instance".into(),
        state: "running".into(),
        ..JournalEntry::default()
    }
}

fn upsert(entry: JournalEntry) -> JournalChange {
    JournalChange {
        upsert: vec![entry],
        remove_keys: Vec::new(),
    }
}

const NOW: SystemTime = UNIX_EPOCH;

#[test]
fn two_writers_at_once_keep_every_operation() {
    let dir = tempfile::tempdir().unwrap();
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let journal = file(dir.path(), "api.example:443");
            std::thread::spawn(move || {
                for n in 0..40 {
                    journal
                        .apply(&upsert(running(&format!("{who}{n}"))), NOW)
                        .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let loaded = file(dir.path(), "api.example:443").load(NOW).unwrap();
    assert_eq!(loaded.entries.len(), 80, "no write lost another's entry");
    assert!(loaded.note.is_none());
}

#[test]
fn each_scope_sees_only_its_own_entries_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let (cloud, other) = (file(dir.path(), "cloud"), file(dir.path(), "other"));
    cloud.apply(&upsert(running("op1")), NOW).unwrap();
    other.apply(&upsert(running("op1")), NOW).unwrap();
    other.apply(&upsert(running("op2")), NOW).unwrap();
    let ids = |j: &JournalFile| {
        j.load(NOW)
            .unwrap()
            .entries
            .iter()
            .map(|e| (e.endpoint.clone(), e.id.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&cloud), [("cloud".to_string(), "op1".to_string())]);
    assert_eq!(ids(&other).len(), 2);
}

#[test]
fn a_sent_request_is_replaced_by_its_operation_or_removed_when_refused() {
    let dir = tempfile::tempdir().unwrap();
    let journal = file(dir.path(), "cloud");
    let sent = |key: &str| JournalEntry {
        idempotency_key: key.into(),
        state: SENT.into(),
        ..JournalEntry::default()
    };
    journal.apply(&upsert(sent("k1")), NOW).unwrap();
    journal.apply(&upsert(sent("k2")), NOW).unwrap();
    let mut op = running("op1");
    op.idempotency_key = "k1".into();
    journal.apply(&upsert(op), NOW).unwrap();
    let refused = JournalChange {
        upsert: Vec::new(),
        remove_keys: vec!["k2".into()],
    };
    journal.apply(&refused, NOW).unwrap();
    let entries = journal.load(NOW).unwrap().entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].id.as_str(), entries[0].state.as_str()),
        ("op1", "running")
    );
}

#[test]
fn a_corrupt_journal_is_kept_aside_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let journal = file(dir.path(), "cloud");
    let garbage = b"[{\"id\": \"op-lost\", \"sta";
    std::fs::write(&journal.path, garbage).unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let note = journal.apply(&upsert(running("op2")), now).unwrap();
    let aside = dir.path().join("journal.json.corrupt-1700000000");
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    assert!(note.is_some_and(|n| n.contains("corrupt-1700000000")));
    let entries = journal.load(now).unwrap().entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id, "op2");
    // A second corruption in the same second gets its own name.
    std::fs::write(&journal.path, b"not json").unwrap();
    let loaded = journal.load(now).unwrap();
    assert!(loaded.entries.is_empty() && loaded.note.is_some());
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    assert_eq!(
        std::fs::read(dir.path().join("journal.json.corrupt-1700000000-1")).unwrap(),
        b"not json"
    );
}

#[test]
fn finished_entries_are_trimmed_per_scope_unfinished_kept() {
    let mut entries: Vec<JournalEntry> = (0..JOURNAL_LIMIT + 5)
        .map(|n| JournalEntry {
            state: "done".into(),
            ..running(&format!("op{n}"))
        })
        .collect();
    entries.push(running("still-running"));
    trim(&mut entries);
    assert_eq!(entries.len(), JOURNAL_LIMIT + 1);
    assert_eq!(
        entries[JOURNAL_LIMIT - 1].id,
        format!("op{}", JOURNAL_LIMIT - 1)
    );
    assert_eq!(entries[JOURNAL_LIMIT].id, "still-running");
}
