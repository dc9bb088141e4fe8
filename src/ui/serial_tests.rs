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
