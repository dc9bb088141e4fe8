//! The footer: hints from the keymap table, fitted to the width (the most important kept,
//! `help` always), and texts that name keys following a rebinding.

use std::collections::HashMap;

use crossterm::event::KeyCode;

use super::tests::text;
use crate::{
    app::{
        fixtures::{attach_model, form_instance_running, key, loaded},
        update,
    },
    keymap::Keymap,
};

/// The last line of an 80x24 frame.
fn footer(model: &crate::app::Model) -> String {
    let screen = text(model, 80, 24);
    screen
        .lines()
        .last()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

#[test]
fn footers_at_80_columns() {
    let list = footer(&loaded(5));
    assert!(list.contains("? help"), "{list}");
    let form = footer(&attach_model());
    assert!(form.contains("ctrl-s review"), "{form}");
    let mut review = attach_model();
    crate::app::fixtures::fill_required(&mut review);
    update(&mut review, crate::app::fixtures::ctrl('s'));
    let mut picker = attach_model();
    update(&mut picker, key(KeyCode::Tab));
    update(&mut picker, key(KeyCode::Enter));
    insta::assert_snapshot!([list, form, footer(&review), footer(&picker)].join("\n"));
}

#[test]
fn a_narrow_footer_keeps_help_and_drops_from_the_end() {
    let model = loaded(5);
    let screen = text(&model, 30, 10);
    let last = screen.lines().last().unwrap_or_default();
    for (hint, kept, why) in [
        ("? help", true, "help always stays"),
        ("enter details", true, "the first hint stays"),
        ("quit", false, "a later hint goes"),
    ] {
        assert_eq!(last.contains(hint), kept, "{hint:?}: {why}: {last}");
    }
}

#[test]
fn texts_that_name_keys_follow_a_rebinding() {
    let (keymap, warnings) = Keymap::new(&HashMap::from([
        ("stop_first".to_string(), vec!["ctrl-x".to_string()]),
        ("add_row".to_string(), vec!["ctrl-a".to_string()]),
        ("review".to_string(), vec!["f2".to_string()]),
    ]));
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut model = attach_model();
    model.keymap = keymap;
    form_instance_running(&mut model);
    let screen = text(&model, 120, 30);
    assert!(screen.contains("ctrl-x stops it first"), "{screen}");
    assert!(screen.contains("ctrl-a adds a row"), "{screen}");
    assert!(screen.contains("f2 review"), "{screen}");
    assert!(!screen.to_lowercase().contains("ctrl-t"), "{screen}");
}
