//! Files ycdash writes for its user: private (0600 in 0700 folders, looser modes tightened) and
//! replaced atomically (a temporary file in the same folder, fsync, rename, fsync of the folder).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of every file ycdash writes.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder ycdash creates or writes into.
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` (and its parents) as 0700 when missing and tightens it to 0700 when it exists.
pub fn ensure_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    tighten(dir, DIR_MODE)
}

/// Replaces `path` with `bytes` atomically: readers see the old file or the new one, never a
/// part; a crash leaves the old file in place. The file ends up 0600 in a 0700 folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent_of(path);
    ensure_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{:016x}",
        std::process::id(),
        fastrand::u64(..)
    ));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    // The rename is durable once the folder's entry is on disk.
    File::open(dir).and_then(|d| d.sync_all()).ok();
    Ok(())
}

/// Opens `path` for appending (a log), creating it 0600 in a 0700 folder and tightening a looser
/// mode left by an older version.
pub fn open_append(path: &Path) -> std::io::Result<File> {
    ensure_dir(parent_of(path))?;
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(FILE_MODE)
        .open(path)?;
    tighten(path, FILE_MODE)?;
    Ok(file)
}

/// The folder `path` lives in; "." for a bare file name.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Removes group and other permissions from `path` if it has any.
fn tighten(path: &Path, mode: u32) -> std::io::Result<()> {
    let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if current & !mode != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(current & mode))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// A file `name` in `folder` holding `text`, readable by everyone (mode 0644).
    fn readable_by_all(folder: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = folder.join(name);
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        path
    }

    #[test]
    fn a_new_file_is_private_in_a_private_folder() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b/config.toml");
        write_atomic(&path, b"x = 1\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x = 1\n");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    #[test]
    fn replacing_leaves_no_temporary_files_and_keeps_the_file_private() {
        let root = tempfile::tempdir().unwrap();
        let path = readable_by_all(root.path(), "journal.json", "old");
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(root.path()), 0o700);
        let names: Vec<_> = std::fs::read_dir(root.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the file itself remains");
    }

    #[test]
    fn a_log_opened_for_append_is_tightened() {
        let root = tempfile::tempdir().unwrap();
        let path = readable_by_all(root.path(), "ycdash.log", "line\n");
        let mut file = open_append(&path).unwrap();
        file.write_all(b"more\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "line\nmore\n");
        assert_eq!(mode(&path), 0o600);
    }
}
