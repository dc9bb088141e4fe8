//! `update()` before the backend is ready: the phase shows, only quitting works, and `Ready`
//! starts the listing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{
    Effect, Model, Msg,
    fixtures::{ch, key, now, settings},
    model::Startup,
    update,
};
use crate::keymap::Keymap;

fn starting() -> Model {
    let mut model = Model::new(
        crate::app::Settings {
            folder_id: None,
            ..settings(Keymap::default())
        },
        now(),
        (120, 30),
    );
    assert!(update(&mut model, Msg::Starting(Startup::Connecting)).is_empty());
    model
}

#[test]
fn only_quit_works_while_connecting() {
    let mut model = starting();
    assert!(model.animating(), "the phase spinner animates");
    for msg in [
        key(KeyCode::Enter),
        ch('r'),
        ch('/'),
        ch(':'),
        ch('?'),
        ch('a'),
        key(KeyCode::Tab),
    ] {
        assert!(update(&mut model, msg.clone()).is_empty(), "{msg:?}");
        assert!(!model.quit && model.prompt.is_none() && model.overlay.is_none());
        assert!(model.folder_picker.is_none(), "{msg:?}");
    }
    assert!(update(&mut model, Msg::Starting(Startup::Authenticating)).is_empty());
    assert_eq!(model.header.startup, Some(Startup::Authenticating));
    assert!(update(&mut model, ch('q')).is_empty());
    assert!(model.quit);
    let mut model = starting();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    update(&mut model, Msg::Key(ctrl_c));
    assert!(model.quit);
}

#[test]
fn ready_sets_the_header_and_starts_listing() {
    let mut model = starting();
    let effects = update(
        &mut model,
        Msg::Ready {
            source: "https://api.test · OAuth token from YC_TOKEN".into(),
            folder_id: Some("b1gready".into()),
            journal: true,
        },
    );
    assert_eq!(model.header.startup, None);
    assert_eq!(model.header.folder_id.as_deref(), Some("b1gready"));
    assert!(model.journal);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ListInstances { .. })),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadFolderName { folder_id } if folder_id == "b1gready"))
    );
    // Without a folder, Ready opens the picker.
    let mut model = starting();
    update(
        &mut model,
        Msg::Ready {
            source: "x".into(),
            folder_id: None,
            journal: false,
        },
    );
    assert!(model.folder_picker.is_some());
}
