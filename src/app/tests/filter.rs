//! `update()` tests of the list filter: label terms, and typing (narrowing a previous result
//! or scanning again) always showing what a fresh scan of every row shows.

use crossterm::event::KeyCode;

use crate::app::{
    filter_query::Query,
    fixtures::{ch, key, loaded, typed},
    update,
};

/// The names a fresh scan in sort order shows for `text`.
fn fresh(model: &crate::app::Model, text: &str) -> Vec<String> {
    let query = Query::parse(text);
    let mut rows: Vec<_> = model
        .instances
        .items
        .iter()
        .filter(|r| query.matches(&r.search))
        .map(|r| r.name.clone())
        .collect();
    rows.sort();
    rows
}

fn shown(model: &crate::app::Model) -> Vec<String> {
    let list = &model.instances;
    list.view
        .iter()
        .map(|i| list.items[*i].name.clone())
        .collect()
}

#[test]
fn label_terms_select_by_key_and_value() {
    let mut model = loaded(30);
    typed(&mut model, "/label:env=prod");
    assert_eq!(model.instances.view.len(), 15);
    typed(&mut model, " web-1");
    assert_eq!(
        shown(&model),
        ["web-10", "web-12", "web-14", "web-16", "web-18"]
    );
    update(&mut model, key(KeyCode::Esc));
    typed(&mut model, "/label:env=pro");
    assert!(model.instances.view.is_empty(), "values match exactly");
    typed(&mut model, "d");
    assert_eq!(
        model.instances.view.len(),
        15,
        "not narrowed from the empty result"
    );
}

#[test]
fn every_keystroke_shows_what_a_fresh_scan_shows() {
    let mut model = loaded(30);
    update(&mut model, ch('/'));
    let mut text = String::new();
    // `\x08` is a Backspace.
    let script = format!(
        "web-1 label:env=prod{}dev{} 10.128.0.1",
        "\x08".repeat(4),
        "\x08".repeat(14)
    );
    for c in script.chars() {
        if c == '\x08' {
            update(&mut model, key(KeyCode::Backspace));
            text.pop();
        } else {
            update(&mut model, ch(c));
            text.push(c);
        }
        assert_eq!(model.instances.filter, text);
        assert_eq!(shown(&model), fresh(&model, &text), "after {text:?}");
    }
    assert_eq!(text, "web-1 10.128.0.1");
}
