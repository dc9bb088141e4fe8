//! `ycdash instances list` on a 20,000-instance folder: every format streams the whole folder
//! (21 pages of 1000) and each output parses with the right count.

mod common;

use common::process::{EmulatorProcess, stderr, stdout};
use ycdash::{api::proto::yandex::cloud::compute::v1::instance::Status, emulator::seed};

const EXTRA: usize = 20_000;
const TOTAL: usize = EXTRA + seed::DEMO_INSTANCES;

fn list(emulator: &EmulatorProcess, format: &str) -> String {
    let out = emulator.run(&["instances", "list", "--format", format]);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn every_format_lists_the_whole_large_folder() {
    let emulator = EmulatorProcess::start(&["--instances", &EXTRA.to_string()]);

    let json: serde_json::Value = serde_json::from_str(&list(&emulator, "json")).expect("JSON");
    let array = json.as_array().expect("an array");
    assert_eq!(array.len(), TOTAL);
    assert!(array.iter().all(|i| i["folder_id"] == seed::FOLDER_ID));

    let jsonl = list(&emulator, "jsonl");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one object per line"))
        .collect();
    assert_eq!(lines.len(), TOTAL);
    assert_eq!(lines, *array, "jsonl holds the same objects as json");

    let table = list(&emulator, "table");
    let mut rows = table.lines();
    let header = rows.next().unwrap_or_default();
    assert!(header.starts_with("ID "), "{header}");
    let status_column = header.find("STATUS").expect("a STATUS column");
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), TOTAL);
    assert!(
        rows.iter().all(|r| r
            .get(status_column..)
            .and_then(|s| s.split_whitespace().next())
            .and_then(Status::from_str_name)
            .is_some()),
        "every row keeps the first page's column widths"
    );
}
