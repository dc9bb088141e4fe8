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
