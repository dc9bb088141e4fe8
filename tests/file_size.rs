//! Every source file under `src/` stays readable in one sitting: at most `LONGEST` lines.
//! A file that grows past it is split by purpose, not trimmed.

use std::{fs, path::Path};

const LONGEST: usize = 500;

/// `(path, lines)` of every `.rs` file below `dir`.
fn line_counts(dir: &Path, out: &mut Vec<(String, usize)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            line_counts(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let lines = fs::read_to_string(&path).map_or(0, |text| text.lines().count());
            out.push((path.display().to_string(), lines));
        }
    }
}

#[test]
fn no_source_file_is_longer_than_five_hundred_lines() {
    let mut counts = Vec::new();
    line_counts(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut counts,
    );
    assert!(counts.len() > 100, "src/ was not read: {counts:?}");
    let too_long: Vec<_> = counts.iter().filter(|(_, n)| *n > LONGEST).collect();
    assert!(
        too_long.is_empty(),
        "files over {LONGEST} lines (split them by purpose): {too_long:?}"
    );
}
