//! The journal file, shared by every dashboard of this user: each change is a read-modify-write
//! under an OS lock on `<journal>.lock`, written atomically through `private_file`. A journal
//! that cannot be read is moved aside as `<journal>.corrupt-TIMESTAMP`, never overwritten.

use std::{
    fs::File,
    path::{Path, PathBuf},
    time::SystemTime,
};

use super::journal::{JOURNAL_LIMIT, JournalChange, JournalEntry, Scope, secs};

/// The journal of one dashboard: where it is, and the endpoint and account it writes for.
#[derive(Debug, Clone)]
pub struct JournalFile {
    pub path: PathBuf,
    pub scope: Scope,
}

/// What a read found: this scope's entries, and a note when a corrupt file was set aside.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub entries: Vec<JournalEntry>,
    pub note: Option<String>,
}

impl JournalFile {
    /// This scope's entries, newest first.
    pub fn load(&self, now: SystemTime) -> Result<Loaded, String> {
        let _lock = self.lock()?;
        let (all, note) = read(&self.path, now)?;
        let entries = all
            .into_iter()
            .filter(|e| e.endpoint == self.scope.endpoint && e.account == self.scope.account)
            .collect();
        Ok(Loaded { entries, note })
    }

    /// Applies `change` to what the file holds now (other dashboards' entries are kept).
    /// Returns a note when a corrupt file was set aside first.
    pub fn apply(&self, change: &JournalChange, now: SystemTime) -> Result<Option<String>, String> {
        let _lock = self.lock()?;
        let (mut entries, note) = read(&self.path, now)?;
        for entry in &change.upsert {
            let mut entry = entry.clone();
            entry.endpoint.clone_from(&self.scope.endpoint);
            entry.account.clone_from(&self.scope.account);
            match entries.iter_mut().find(|e| e.same_as(&entry)) {
                Some(existing) => *existing = entry,
                None => entries.insert(0, entry),
            }
        }
        entries.retain(|e| {
            !(e.scope() == self.scope
                && e.is_sent()
                && change.remove_keys.contains(&e.idempotency_key))
        });
        trim(&mut entries);
        let text = serde_json::to_string_pretty(&entries).map_err(|e| e.to_string())?;
        crate::private_file::write_atomic(&self.path, text.as_bytes())
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        Ok(note)
    }

    /// Holds the exclusive lock on `<journal>.lock` until dropped.
    fn lock(&self) -> Result<File, String> {
        let mut name = self.path.clone().into_os_string();
        name.push(".lock");
        let lock_path = PathBuf::from(name);
        let file = crate::private_file::open_append(&lock_path)
            .map_err(|e| format!("{}: {e}", lock_path.display()))?;
        file.lock()
            .map_err(|e| format!("lock {}: {e}", lock_path.display()))?;
        Ok(file)
    }
}

/// Keeps at most `JOURNAL_LIMIT` finished entries per scope; unfinished ones are all kept.
fn trim(entries: &mut Vec<JournalEntry>) {
    let mut finished: Vec<(Scope, usize)> = Vec::new();
    entries.retain(|e| {
        if !matches!(e.state.as_str(), "done" | "failed") {
            return true;
        }
        let scope = e.scope();
        let count = match finished.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, n)) => n,
            None => {
                finished.push((scope, 0));
                &mut finished.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        *count <= JOURNAL_LIMIT
    });
}

/// Every entry in the file; a missing file is empty, a corrupt one is moved aside.
fn read(path: &Path, now: SystemTime) -> Result<(Vec<JournalEntry>, Option<String>), String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), None)),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            return set_aside(path, now, &e.to_string()).map(|note| (Vec::new(), Some(note)));
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    match serde_json::from_str(&text) {
        Ok(entries) => Ok((entries, None)),
        Err(e) => set_aside(path, now, &e.to_string()).map(|note| (Vec::new(), Some(note))),
    }
}

/// Renames an unreadable journal to `<journal>.corrupt-SECONDS` (a free name) and says so.
fn set_aside(path: &Path, now: SystemTime, why: &str) -> Result<String, String> {
    let base = format!("{}.corrupt-{}", path.display(), secs(now));
    let aside = (0..100)
        .map(|n| match n {
            0 => PathBuf::from(&base),
            n => PathBuf::from(format!("{base}-{n}")),
        })
        .find(|p| !p.exists())
        .ok_or_else(|| {
            format!(
                "{}: unreadable, and no free name to set it aside",
                path.display()
            )
        })?;
    std::fs::rename(path, &aside).map_err(|e| {
        format!(
            "{}: unreadable ({why}); could not set it aside: {e}",
            path.display()
        )
    })?;
    tracing::warn!(journal = %path.display(), aside = %aside.display(), "corrupt journal set aside");
    Ok(format!(
        "journal was unreadable ({why}); kept as {}",
        aside.display()
    ))
}

#[cfg(test)]
#[path = "journal_file_tests.rs"]
mod tests;
