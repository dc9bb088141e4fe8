//! Snapshot of the serial view: a boot log with a control character, a search match, the title
//! with port, follow state and position.

use crate::{
    app::{
        Msg,
        fixtures::{ch, key, loaded},
        serial::SerialMsg,
        update,
    },
    ui::tests::text,
};

#[test]
fn serial_view_with_a_search_match() {
    let mut model = loaded(3);
    update(&mut model, Msg::Resize(80, 16));
    let effects = update(&mut model, ch('l'));
    assert_eq!(effects.len(), 1, "opening reads the port");
    let log: String = (0..30)
        .map(|i| format!("[   {i}.000000] kernel line {i}\n"))
        .collect::<String>()
        + "cloud-init: hello \u{1b}[31mred\n";
    update(
        &mut model,
        Msg::Serial(SerialMsg::Read {
            generation: 0,
            result: Ok(log),
        }),
    );
    update(&mut model, ch('/'));
    for c in "line 2".chars() {
        update(&mut model, ch(c));
    }
    update(&mut model, key(crossterm::event::KeyCode::Enter));
    insta::assert_snapshot!(text(&model, 80, 16));
}

/// The view of `web-00` after one read of `log`, at 80x16.
fn read(log: &str) -> crate::app::Model {
    let mut model = loaded(3);
    update(&mut model, Msg::Resize(80, 16));
    update(&mut model, ch('l'));
    update(
        &mut model,
        Msg::Serial(SerialMsg::Read {
            generation: 0,
            result: Ok(log.to_string()),
        }),
    );
    model
}

#[test]
fn an_empty_port_says_so_instead_of_a_zero_range() {
    let screen = text(&read(""), 80, 16);
    assert!(!screen.contains("0-0/0"), "{screen}");
    assert!(screen.contains("· empty"), "{screen}");
    assert!(screen.contains("port 1 has no output (yet)"), "{screen}");
    assert!(screen.contains("p switches the port"), "{screen}");
}

#[test]
fn toasts_never_cover_the_last_log_line() {
    let log: String = (0..30).map(|i| format!("boot line {i}\n")).collect();
    let mut model = read(&log);
    for n in 0..3 {
        model.toast(
            crate::app::model::Level::Info,
            format!("toast number {n} here"),
        );
    }
    let screen = text(&model, 80, 16);
    assert!(screen.contains("boot line 29"), "{screen}");
    assert!(screen.contains("toast number 2 here"), "{screen}");
    // The toasts have their strip under the view, which ends with the log's last line.
    assert!(screen.contains("· 23-30/30"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A 1 MB log: 16,384 lines of 64 bytes (the emulator's per-instance cap is 1 MiB).
fn megabyte(lines: usize) -> String {
    (0..lines)
        .map(|i| format!("[{i:>8}.000000] kernel: a line of exactly sixty-four bytes...\n"))
        .collect()
}

/// Work per frame and per follow read with a 1 MB log, counted (not timed): a frame draws only
/// the window's lines, and a read that adds 1 KB adds just those lines. The times printed are
/// for the record (debug build), never asserted.
#[test]
fn a_one_megabyte_log_costs_a_window_per_frame_and_its_growth_per_read() {
    let log = megabyte(16_384);
    assert_eq!(log.len(), 1 << 20);
    let started = std::time::Instant::now();
    let mut model = read(&log);
    let ingest = started.elapsed();
    let view = model.serial.as_ref().expect("open");
    assert_eq!(view.lines.len(), 16_384);
    let rows = view.rows;
    assert_eq!(view.visible().len(), rows, "a frame draws one window");
    let drawn: usize = view.visible().iter().map(String::len).sum();
    assert!(drawn <= rows * 64, "{drawn} bytes drawn per frame");
    let started = std::time::Instant::now();
    let frames = 20u32;
    for _ in 0..frames {
        text(&model, 80, 16);
    }
    let frame = started.elapsed() / frames;

    // Following: the next read holds 1 KB more; only its 16 lines are added.
    let grown = format!("{log}{}", megabyte(16));
    let started = std::time::Instant::now();
    update(
        &mut model,
        Msg::Serial(SerialMsg::Read {
            generation: 0,
            result: Ok(grown),
        }),
    );
    let follow = started.elapsed();
    let view = model.serial.as_ref().expect("open");
    assert_eq!(view.lines.len(), 16_384 + 16);
    assert_eq!(view.top, view.max_top(), "following keeps the end in view");
    eprintln!(
        "1 MB serial log (debug build): first read {ingest:?}, frame 80x16 {frame:?}, \
         follow read of +1 KB {follow:?}; {drawn} bytes drawn per frame of {rows} rows"
    );
}
