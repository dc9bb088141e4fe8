//! The list says why a row matched the filter when no shown column does: a label, or an id or
//! address whose column is dropped at this width. The NAME column widens for the note when
//! there is room.

use crate::app::{
    Model,
    fixtures::{ch, loaded, typed},
    update,
};

use super::tests::text;

fn filtered(text: &str) -> Model {
    let mut model = loaded(30);
    update(&mut model, ch('/'));
    typed(&mut model, text);
    model
}

/// The screen line of the row named `name`.
fn line_of(screen: &str, name: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(&format!("│{name} ")) || l.contains(&format!(" {name} ")))
        .unwrap_or_else(|| panic!("no row {name} in\n{screen}"))
        .to_string()
}

#[test]
fn a_row_matched_through_a_label_names_the_label() {
    let screen = text(&filtered("prod"), 120, 30);
    assert!(
        line_of(&screen, "web-00").contains("web-00 (env=prod)"),
        "{screen}"
    );
    let title = screen
        .lines()
        .find(|l| l.contains("instances 15/30"))
        .unwrap_or_default();
    assert!(
        title.contains("/prod (web-00 matched label env=prod)"),
        "{screen}"
    );
    let screen = text(&filtered("web-0"), 120, 30);
    assert!(
        !line_of(&screen, "web-00").contains('('),
        "a name match needs no note\n{screen}"
    );
    let screen = text(&filtered("label:env=prod"), 120, 30);
    assert!(
        !line_of(&screen, "web-00").contains('('),
        "asked for by label\n{screen}"
    );
    assert!(!screen.contains("matched"), "{screen}");
}

#[test]
fn an_id_or_address_match_is_named_only_when_its_column_is_hidden() {
    let id = "fhm00000000000000007";
    let wide = text(&filtered(id), 160, 30);
    assert!(!line_of(&wide, "web-07").contains("(id)"), "{wide}");
    let narrow = text(&filtered(id), 50, 30);
    assert!(
        line_of(&narrow, "web-07").contains("web-07 (id)"),
        "{narrow}"
    );
}
