//! The bottom line while typing: a long line scrolls sideways with the cursor in view.

use ratatui::style::Modifier;

use super::tests::buffer;
use crate::app::{
    fixtures::{ch, key, loaded},
    update,
};
use crossterm::event::KeyCode;

/// The bottom row's text, and the column of the cursor cell (drawn reversed) on it.
fn bottom_row(model: &crate::app::Model, width: u16, height: u16) -> (String, Option<u16>) {
    let buffer = buffer(model, "dark", width, height);
    let y = height - 1;
    let text = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
    let cursor = (0..width).find(|&x| buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    (text, cursor)
}

#[test]
fn a_pasted_300_character_filter_scrolls_and_keeps_the_cursor_visible() {
    let mut model = loaded(5);
    update(&mut model, ch('/'));
    let pasted: String = (0..300)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    for c in pasted.chars() {
        update(&mut model, ch(c));
    }
    let (text, cursor) = bottom_row(&model, 80, 24);
    assert!(
        text.trim_end().ends_with(&pasted[300 - 40..]),
        "the end of the line is shown: {text:?}"
    );
    assert_eq!(cursor, Some(79), "the cursor sits after the last character");

    // Home shows the start again; the cursor follows.
    update(&mut model, key(KeyCode::Home));
    let (text, cursor) = bottom_row(&model, 80, 24);
    assert!(text.starts_with(&format!("/{}", &pasted[..40])), "{text:?}");
    assert_eq!(cursor, Some(1));
}

#[test]
fn a_failed_command_is_shown_on_the_bottom_line_and_tab_shows_the_choices() {
    let mut model = loaded(5);
    update(&mut model, ch(':'));
    for c in "bogus".chars() {
        update(&mut model, ch(c));
    }
    update(&mut model, key(KeyCode::Enter));
    let (text, _) = bottom_row(&model, 80, 24);
    assert!(text.starts_with("✗ unknown command \"bogus\""), "{text:?}");

    update(&mut model, ch(':'));
    update(&mut model, ch('f'));
    update(&mut model, key(KeyCode::Tab));
    let (text, _) = bottom_row(&model, 80, 24);
    assert!(text.starts_with(":filter "), "{text:?}");
    assert!(text.contains("filter folder"), "{text:?}");
}

#[test]
fn help_lists_the_line_editing_keys() {
    let mut model = loaded(5);
    update(&mut model, ch('?'));
    update(&mut model, ch('G'));
    let frame = super::tests::text(&model, 120, 30);
    assert!(frame.contains("editing text: ctrl-a/home start"), "{frame}");
    assert!(frame.contains("ctrl-z undo"), "{frame}");
}
