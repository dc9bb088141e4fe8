//! The folder picker component alone: `update(&mut FolderPicker, FolderMsg) -> Outcome`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{
    FolderMsg, FolderPicker, Outcome,
    state::Scope,
    update::{NO_FOLDER_HINT, update},
};
use crate::{app::fixtures::folder_tree, keymap::Keymap};

fn picker(current: Option<&str>) -> FolderPicker {
    let mut picker = FolderPicker::new(Scope::Folders, current.map(str::to_string));
    update(&mut picker, FolderMsg::Tree(Ok(folder_tree())));
    picker
}

fn press(picker: &mut FolderPicker, code: KeyCode) -> Outcome {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = Keymap::default().action(&picker.key_contexts(), &key);
    update(picker, FolderMsg::Key { action, key })
}

#[test]
fn the_cursor_starts_on_the_current_folder_and_enter_chooses() {
    let mut picker = picker(Some("b1gstaging"));
    assert_eq!(picker.list.selected, 1);
    let out = press(&mut picker, KeyCode::Enter);
    assert_eq!(out.chosen, Some(("b1gstaging".into(), "staging".into())));
}

#[test]
fn esc_closes_only_with_a_folder_to_go_back_to() {
    let mut with = picker(Some("b1gdemo"));
    assert!(press(&mut with, KeyCode::Esc).close);
    let mut without = picker(None);
    assert_eq!(press(&mut without, KeyCode::Esc), Outcome::default());
    assert_eq!(without.list.message.as_deref(), Some(NO_FOLDER_HINT));
}

#[test]
fn typing_filters_after_slash_and_root_keys_go_to_the_root() {
    let mut picker = picker(None);
    press(&mut picker, KeyCode::Char('/'));
    for c in "stag".chars() {
        press(&mut picker, KeyCode::Char(c));
    }
    assert_eq!(picker.rows.len(), 1);
    assert_eq!(picker.items()[0].cells[1], "staging");
    press(&mut picker, KeyCode::Esc);
    assert_eq!(picker.rows.len(), 3, "Esc clears the filter");
    let quit = press(&mut picker, KeyCode::Char('q'));
    assert_eq!(quit.root_action, Some(crate::keymap::Action::Quit));
}
