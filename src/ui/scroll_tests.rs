//! Scrolling bounded by the content (details and help: `G` shows the last line, `j` stops
//! there, `k` moves back at once), help layered by what is on top and searched with `/`, and
//! the details' interfaces readable at 80x24.

use crossterm::event::KeyCode;

use super::tests::{details_model, text};
use crate::app::{
    Model,
    fixtures::{attach_model, ch, key, typed},
    model::Overlay,
    update,
};

fn details_scroll(model: &Model) -> u16 {
    model.details.as_ref().map_or(0, |d| d.scroll)
}

fn help_scroll(model: &Model) -> u16 {
    match &model.overlay {
        Some(Overlay::Help(view)) => view.scroll,
        _ => panic!("help is not open"),
    }
}

/// The frame's rows, without the footer.
fn rows(frame: &str) -> Vec<&str> {
    let mut rows: Vec<&str> = frame.lines().collect();
    rows.pop();
    rows
}

#[test]
fn details_scroll_stops_at_the_last_line() {
    let mut model = details_model();
    update(&mut model, ch('G'));
    let bottom = details_scroll(&model);
    assert!(bottom > 0, "the details are longer than 24 rows");
    let frame = text(&model, 120, 30);
    // The operation history is the last thing: it shows, just above the bottom border.
    let rows = rows(&frame);
    let last_text = rows[rows.len() - 2];
    assert!(last_text.contains("op-old"), "{frame}");
    update(&mut model, ch('j'));
    assert_eq!(details_scroll(&model), bottom, "j stops at the end");
    update(&mut model, ch('k'));
    assert_eq!(details_scroll(&model), bottom - 1, "k moves back at once");
    update(&mut model, ch('g'));
    assert_eq!(details_scroll(&model), 0);
}

#[test]
fn help_scroll_stops_at_the_last_line_and_g_reaches_it() {
    let mut model = details_model();
    update(&mut model, ch('?'));
    update(&mut model, ch('G'));
    let bottom = help_scroll(&model);
    assert!(bottom > 0);
    let frame = text(&model, 120, 30);
    assert!(frame.contains("rebind any action"), "{frame}");
    for _ in 0..5 {
        update(&mut model, ch('j'));
    }
    assert_eq!(help_scroll(&model), bottom, "j stops at the end");
    update(&mut model, ch('k'));
    assert_eq!(help_scroll(&model), bottom - 1);
}

#[test]
fn help_puts_the_keys_of_what_is_on_top_first() {
    let mut model = details_model();
    update(&mut model, ch('?'));
    let frame = text(&model, 120, 40);
    let at = |needle: &str| {
        frame
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing:\n{frame}"))
    };
    assert!(at("details (on top now)") < at("anywhere"), "{frame}");
    assert!(at("detach the selected network interface") < at("anywhere"));
    // In the attach form, the form's keys come first, and `?` opens help there too.
    let mut form = attach_model();
    update(&mut form, ch('?'));
    let frame = text(&form, 120, 40);
    assert!(frame.contains("form (on top now)"), "{frame}");
    assert!(frame.find("review the request") < frame.find("anywhere"));
    update(&mut form, key(KeyCode::Esc));
    assert!(
        form.overlay.is_none() && form.form.is_some(),
        "Esc closes help, not the form"
    );
}

#[test]
fn help_search_narrows_to_matching_keys() {
    let mut model = details_model();
    update(&mut model, ch('?'));
    update(&mut model, ch('/'));
    typed(&mut model, "serial");
    let frame = text(&model, 120, 40);
    assert!(frame.contains("help /serial"), "{frame}");
    assert!(frame.contains("serial console output"), "{frame}");
    assert!(!frame.contains("detach the selected"), "{frame}");
    // Enter keeps the search and goes back to scrolling; Esc then closes help.
    update(&mut model, key(KeyCode::Enter));
    update(&mut model, ch('j'));
    assert!(
        matches!(&model.overlay, Some(Overlay::Help(v)) if !v.typing && v.query.text() == "serial")
    );
    update(&mut model, key(KeyCode::Esc));
    assert!(model.overlay.is_none());
}

#[test]
fn help_wraps_long_descriptions_instead_of_cutting_them() {
    let mut model = details_model();
    update(&mut model, ch('?'));
    let frame = text(&model, 60, 40);
    // "ssh to the instance (dashboard suspended, restored after); :ssh internal" is wider
    // than the popup: its end is on the next row.
    assert!(frame.contains(":ssh internal"), "{frame}");
}

#[test]
fn details_interfaces_are_readable_at_80x24() {
    let mut model = details_model();
    // Scroll to the interfaces: every value of the second one shows, none cut by the edge.
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&text(&model, 80, 24));
        update(&mut model, ch('j'));
    }
    for value in [
        "backend-a (10.130.0.0/24)",
        "d0:0d:00:00:00:00",
        "51.250.0.1",
    ] {
        assert!(seen.contains(value), "{value} never shows at 80x24");
    }
    assert!(seen.contains("▸ interface 0"), "{seen}");
    update(&mut model, ch('g'));
    for _ in 0..14 {
        update(&mut model, ch('j'));
    }
    insta::assert_snapshot!("details_interfaces_80x24", text(&model, 80, 24));
}
