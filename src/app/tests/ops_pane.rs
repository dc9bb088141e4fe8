//! `update()` tests of the operations pane's place and its toggle: hiding it gives the list its
//! room (paging follows), Tab and `:ops` bring it back.

use crossterm::event::KeyCode;

use crate::app::{
    Msg,
    fixtures::{ch, key, loaded, typed},
    geometry::{areas, ops_width, screen, table_rows},
    model::Focus,
    update,
};

#[test]
fn the_pane_takes_a_share_of_a_wide_screen() {
    assert_eq!(ops_width(100), 44, "the least it needs to read");
    assert_eq!(ops_width(160), 56);
    assert_eq!(ops_width(200), 70);
    assert_eq!(ops_width(400), 80, "the most it can use");
    assert_eq!(ops_width(u16::MAX), 80, "no overflow");
    let mut model = loaded(10);
    update(&mut model, Msg::Resize(200, 50));
    let shown = areas(screen(&model), &model);
    let (list, ops) = (shown.list.expect("list"), shown.ops.expect("ops"));
    assert_eq!((ops.width, list.width), (70, 130));
    assert_eq!(list.right(), ops.x, "side by side, no gap");
}

#[test]
fn hiding_the_pane_gives_the_list_its_rows_and_paging_follows() {
    for (width, height) in [(80u16, 24u16), (120, 40), (200, 50)] {
        let mut model = loaded(200);
        update(&mut model, Msg::Resize(width, height));
        let before = areas(screen(&model), &model);
        assert!(before.ops.is_some(), "{width}x{height}");
        update(&mut model, ch('p'));
        assert!(model.ops_hidden);
        let after = areas(screen(&model), &model);
        assert_eq!(after.ops, None);
        assert_eq!(after.list, Some(after.body), "{width}x{height}");
        let page = table_rows(after.list);
        assert!(page >= table_rows(before.list), "{width}x{height}");
        update(&mut model, key(KeyCode::PageDown));
        assert_eq!(model.instances.selected, page, "pages by the list drawn");
        update(&mut model, ch('p'));
        assert!(!model.ops_hidden);
        assert_eq!(areas(screen(&model), &model), before);
    }
}

#[test]
fn hiding_the_focused_pane_focuses_the_list_and_tab_shows_it_again() {
    let mut model = loaded(5);
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Operations);
    update(&mut model, ch('p'));
    assert!(model.ops_hidden);
    assert_eq!(
        model.focus,
        Focus::Instances,
        "keys never go to a hidden pane"
    );
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Operations);
    assert!(!model.ops_hidden, "Tab to the pane shows it");
    update(&mut model, ch('p'));
    typed(&mut model, ":ops");
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.focus, Focus::Operations);
    assert!(!model.ops_hidden, ":ops shows it too");
}

#[test]
fn the_toggle_is_rebindable() {
    let overrides =
        std::collections::HashMap::from([("ops_pane".to_string(), vec!["ctrl-o".to_string()])]);
    let (keymap, warnings) = crate::keymap::Keymap::new(&overrides);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut model = crate::app::fixtures::loaded_with(5, keymap);
    update(&mut model, ch('p'));
    assert!(!model.ops_hidden, "the default key is gone");
    let ctrl_o = crossterm::event::KeyEvent::new(
        KeyCode::Char('o'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    update(&mut model, Msg::Key(ctrl_o));
    assert!(model.ops_hidden);
}
