//! Plain-text tables: columns as wide as their widest cell, two spaces apart, no trailing
//! spaces. Used by the headless commands and the details view.

/// Aligns rows (the first may be a header) into lines.
pub fn align(rows: &[Vec<String>]) -> Vec<String> {
    let widths = widths(rows);
    rows.iter().map(|row| line(row, &widths)).collect()
}

/// Each column's width: its widest cell, in characters.
pub fn widths<S: AsRef<str>>(rows: &[Vec<S>]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let len = cell.as_ref().chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(len),
                None => widths.push(len),
            }
        }
    }
    widths
}

/// One row padded to `widths` (a longer cell pushes the rest right), without trailing spaces.
pub fn line<S: AsRef<str>>(row: &[S], widths: &[usize]) -> String {
    let cells: Vec<String> = row
        .iter()
        .zip(widths)
        .map(|(cell, w)| format!("{:<w$}", cell.as_ref()))
        .collect();
    cells.join("  ").trim_end().to_string()
}

/// A header and rows as one string, a line each.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let all: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().cloned())
        .collect();
    align(&all).into_iter().map(|l| l + "\n").collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn aligns_columns() {
        let out = super::render(
            &["ID", "NAME"],
            &[
                vec!["a".into(), "web-1".into()],
                vec!["bbbb".into(), "x".into()],
            ],
        );
        assert_eq!(out, "ID    NAME\na     web-1\nbbbb  x\n");
    }

    #[test]
    fn ragged_rows_and_wide_characters() {
        let lines = super::align(&[vec!["✓".into(), "done".into()], vec!["running".into()]]);
        assert_eq!(lines, ["✓        done", "running"]);
    }
}
