//! `update()` tests of keys and mouse: Esc, details, the command line, rebinding, mouse.

use std::collections::HashMap;

use crossterm::event::KeyCode;

use crate::app::{
    Effect, Msg, PowerAction,
    fixtures::{assert_toast, ch, entered, key, loaded, loaded_with, power_effect, typed},
    model::{Overlay, Prompt},
    update,
};
use crate::keymap::Keymap;

#[test]
fn filter_as_you_type_matches_name_id_address_and_label_and_esc_clears() {
    let mut model = loaded(30);
    typed(&mut model, "/web-1");
    assert_eq!(model.instances.view.len(), 10, "web-10..web-19");
    update(&mut model, key(KeyCode::Enter));
    assert!(model.prompt.is_none());
    assert_eq!(model.instances.filter, "web-1");
    update(&mut model, ch('/'));
    update(&mut model, key(KeyCode::Esc));
    assert!(model.instances.filter.is_empty());
    assert_eq!(model.instances.view.len(), 30);
    for (needle, expected) in [
        ("10.128.0.12", 1),
        ("env=prod", 15),
        ("51.250.0.4", 1),
        ("fhm00000000000000007", 1),
    ] {
        update(&mut model, ch('/'));
        typed(&mut model, needle);
        assert_eq!(model.instances.view.len(), expected, "{needle}");
        update(&mut model, key(KeyCode::Esc));
    }
    typed(&mut model, "/nothing-like-this");
    assert!(model.instances.view.is_empty());
    update(&mut model, ch('j'));
    assert_eq!(
        model.instances.selected, 0,
        "typing goes to the filter, not to navigation"
    );
}

#[test]
fn esc_closes_the_innermost_thing_first() {
    let mut model = loaded(5);
    entered(&mut model, "/web");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(matches!(&effects[..], [Effect::LoadDetails { .. }]));
    update(&mut model, ch('?'));
    update(&mut model, key(KeyCode::Esc));
    assert!(model.overlay.is_none() && model.details.is_some());
    update(&mut model, key(KeyCode::Esc));
    assert!(model.details.is_none());
    assert_eq!(model.instances.filter, "web");
    update(&mut model, key(KeyCode::Esc));
    assert!(model.instances.filter.is_empty());
    assert!(!model.quit);
    update(&mut model, ch('q'));
    assert!(model.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut model = loaded(2);
    update(&mut model, ch('/'));
    let ctrl_c = crossterm::event::KeyEvent::new(
        KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    update(&mut model, Msg::Key(ctrl_c));
    assert!(model.quit);
}

#[test]
fn details_actions_apply_to_the_open_instance() {
    let mut model = loaded(5);
    update(&mut model, ch('j'));
    update(&mut model, key(KeyCode::Enter));
    let effects = update(&mut model, ch('a'));
    let id = model.instances.items[1].id.clone();
    assert!(
        effects.len() == 4
            && effects.iter().all(
                |e| matches!(e, Effect::LoadAttachPart { instance_id, .. } if *instance_id == id)
            ),
        "{effects:?}"
    );
    assert!(model.form.is_some(), "a opens the attach form");
    update(&mut model, key(KeyCode::Esc));
    assert!(model.form.is_none(), "Esc closes an untouched form");
    update(&mut model, ch('D'));
    // Detach waits for the full instance.
    assert_toast(&model, "still loading");
    let full = crate::app::fixtures::instances(5).swap_remove(1);
    update(
        &mut model,
        Msg::DetailsLoaded(Box::new(crate::app::details::DetailsData {
            instance: full,
            ..Default::default()
        })),
    );
    update(&mut model, ch('D'));
    assert_toast(&model, "only interface");
    update(&mut model, ch('s'));
    let effects = update(&mut model, ch('y'));
    assert_eq!(
        effects,
        [power_effect(
            PowerAction::Stop,
            &model.instances.items[1].id
        )]
    );
    update(&mut model, ch('j'));
    assert_eq!(
        model.details.as_ref().map(|d| d.scroll),
        Some(1),
        "j scrolls the details"
    );
}

#[test]
fn command_line_completes_and_runs() {
    let mut model = loaded(5);
    typed(&mut model, ":th");
    update(&mut model, key(KeyCode::Tab));
    typed(&mut model, "li");
    update(&mut model, key(KeyCode::Tab));
    assert!(
        matches!(&model.prompt, Some(Prompt::Command { line, .. }) if line.text() == "theme light")
    );
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.theme, "light");
    entered(&mut model, ":theme neon");
    assert_eq!(model.theme, "light");
    assert!(
        model
            .command_error
            .as_deref()
            .is_some_and(|e| e.contains("no theme \"neon\"")),
        "{:?}",
        model.command_error
    );
    let effects = entered(&mut model, ":filter status = \"RUNNING\"");
    assert!(
        matches!(&effects[..], [Effect::ListInstances { filter, .. }] if filter == "status = \"RUNNING\"")
    );
    let effects = entered(&mut model, ":folder b1gother");
    assert_eq!(
        model.instances.items.len(),
        5,
        "the folder shown stays until the new one answers"
    );
    assert!(effects.contains(&Effect::LoadFolderName {
        folder_id: "b1gother".into()
    }));
    entered(&mut model, ":q");
    assert!(model.quit);
}

#[test]
fn rebinding_changes_dispatch() {
    let (keymap, warnings) = Keymap::new(&HashMap::from([(
        "stop".to_string(),
        vec!["x".to_string()],
    )]));
    assert!(warnings.is_empty());
    let mut model = loaded_with(3, keymap);
    update(&mut model, ch('s'));
    assert!(model.overlay.is_none());
    update(&mut model, ch('x'));
    assert!(matches!(model.overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut model = loaded(20);
    let at = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Header 2 rows, list border 1, table header 1: the third data row is at y = 6.
    update(&mut model, at(MouseEventKind::Down(MouseButton::Left), 6));
    assert_eq!(model.instances.selected, 2);
    update(&mut model, at(MouseEventKind::ScrollDown, 6));
    assert_eq!(model.instances.selected, 3);
}
