//! `update()` tests of the folder picker: opening on start with no folder, choosing, Esc,
//! filtering, `:folder` / `:cloud`, errors and retry.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{
    Effect, Msg,
    fixtures::{api_error, ch, folder_tree, key, loaded, no_folder, page, typed},
    folder::{
        state::{Row, Scope, Tree},
        update::no_folder_hint,
    },
    update,
};

fn loaded_picker() -> crate::app::Model {
    let mut model = no_folder();
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    model
}

fn rows(model: &crate::app::Model) -> Vec<Row> {
    model
        .folder_picker
        .as_ref()
        .map(|p| p.rows.clone())
        .unwrap_or_default()
}

#[test]
fn with_no_folder_the_picker_opens_on_start_and_nothing_is_listed() {
    let mut settings = crate::app::fixtures::settings(crate::keymap::Keymap::default());
    settings.folder_id = None;
    let (mut model, effects) = crate::app::fixtures::started(settings);
    assert_eq!(effects, vec![Effect::LoadFolderTree]);
    let picker = model.folder_picker.as_ref().expect("picker open");
    assert_eq!(picker.tree, Tree::Loading);
    assert!(model.animating(), "the loading spinner ticks");
    // Keys answer meanwhile, and a refresh has no folder to list.
    assert!(update(&mut model, ch('j')).is_empty());
    assert!(crate::app::steps::start_refresh(&mut model).is_empty());
}

#[test]
fn loaded_rows_are_every_folder_and_a_denied_cloud() {
    let model = loaded_picker();
    assert_eq!(
        rows(&model),
        vec![
            Row::Folder {
                cloud: 0,
                folder: 0
            },
            Row::Folder {
                cloud: 0,
                folder: 1
            },
            Row::CloudError(1),
        ]
    );
}

#[test]
fn choosing_a_folder_lists_it_names_it_and_remembers_it() {
    let mut model = loaded_picker();
    update(&mut model, ch('j'));
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(model.folder_picker.is_none());
    assert_eq!(model.header.folder_id.as_deref(), Some("b1gstaging"));
    assert_eq!(model.header.folder_name.as_deref(), Some("staging"));
    let generation = model.listing.generation;
    assert_eq!(
        effects,
        vec![
            Effect::ListInstances {
                generation,
                folder_id: "b1gstaging".into(),
                filter: String::new(),
                page_token: String::new(),
            },
            Effect::LoadFolderName {
                folder_id: "b1gstaging".into()
            },
            Effect::RememberFolder {
                folder_id: "b1gstaging".into()
            },
        ]
    );
}

#[test]
fn switching_replaces_the_list_on_the_first_page_drops_old_pages_and_keeps_operations() {
    let mut model = loaded(30);
    let old = model.listing.generation;
    model.ops.ops.push(crate::app::operations::TrackedOp {
        view: crate::api::operation::OpView::from(&crate::app::fixtures::operation(
            "op-1", "fhm1", false, None,
        )),
        target_name: "web-01".into(),
        started: crate::app::fixtures::now(),
        finished: None,
        poll: crate::app::operations::PollHealth::Fine,
    });
    typed(&mut model, ":folder b1gother");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert_eq!(
        model.instances.items.len(),
        30,
        "shown until the new folder answers"
    );
    assert!(model.listing.generation > old);
    assert_eq!(model.ops.ops.len(), 1);
    // Typed, not yet answered: not remembered.
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::RememberFolder { .. }))
    );
    // A late page of the old folder is dropped.
    let late = Msg::InstancesPage {
        generation: old,
        result: Ok(Default::default()),
    };
    update(&mut model, late);
    assert!(model.listing.in_flight);
    assert_eq!(model.instances.items.len(), 30);
    // The new folder's first page replaces the old folder's rows.
    crate::app::fixtures::page(&mut model, crate::app::fixtures::instances(2), "more");
    assert_eq!(model.instances.items.len(), 2);
    crate::app::fixtures::page(&mut model, Vec::new(), "");
    assert_eq!(model.instances.items.len(), 2);
    assert!(model.listing.trial.is_none());
}

#[test]
fn esc_stays_open_with_no_folder_and_closes_with_one() {
    let mut model = loaded_picker();
    update(&mut model, key(KeyCode::Esc));
    let picker = model.folder_picker.as_ref().expect("still open");
    assert_eq!(
        picker.list.message.as_deref(),
        Some(no_folder_hint(&model.keymap).as_str())
    );
    update(&mut model, ch('q'));
    assert!(model.quit, "q quits");

    let mut model = loaded(3);
    typed(&mut model, ":folder");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::LoadFolderTree]);
    assert!(model.folder_picker.is_some());
    update(&mut model, key(KeyCode::Esc));
    assert!(model.folder_picker.is_none());
    assert_eq!(model.header.folder_id.as_deref(), Some("b1gdemo"));
    assert_eq!(model.instances.items.len(), 3);
}

#[test]
fn the_filter_narrows_rows_and_enter_chooses_the_match() {
    let mut model = loaded_picker();
    typed(&mut model, "/STAG");
    assert_eq!(
        rows(&model),
        vec![Row::Folder {
            cloud: 0,
            folder: 1
        }]
    );
    // j types into the filter while filtering.
    update(&mut model, ch('j'));
    assert!(rows(&model).is_empty());
    update(&mut model, key(KeyCode::Backspace));
    let effects = update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.header.folder_id.as_deref(), Some("b1gstaging"));
    assert_eq!(effects.len(), 3);
}

#[test]
fn esc_in_the_filter_clears_it_and_keeps_the_picker() {
    let mut model = loaded_picker();
    typed(&mut model, "/sandbox");
    assert_eq!(rows(&model), vec![Row::CloudError(1)]);
    update(&mut model, key(KeyCode::Esc));
    let picker = model.folder_picker.as_ref().expect("open");
    assert!(!picker.filtering && picker.list.filter.text().is_empty());
    assert_eq!(rows(&model).len(), 3);
}

#[test]
fn cloud_command_lists_clouds_and_enter_narrows_to_its_folders() {
    let mut model = loaded(3);
    typed(&mut model, ":cloud");
    assert_eq!(
        update(&mut model, key(KeyCode::Enter)),
        vec![Effect::LoadFolderTree]
    );
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    assert_eq!(rows(&model), vec![Row::Cloud(0), Row::Cloud(1)]);
    assert!(update(&mut model, key(KeyCode::Enter)).is_empty());
    let picker = model.folder_picker.as_ref().expect("open");
    assert_eq!(picker.scope, Scope::Cloud("b1gcloud-demo".into()));
    assert_eq!(rows(&model).len(), 2);
    update(&mut model, key(KeyCode::Esc));
    let picker = model.folder_picker.as_ref().expect("back to the clouds");
    assert_eq!(picker.scope, Scope::Clouds);
    update(&mut model, key(KeyCode::Esc));
    assert!(model.folder_picker.is_none());
}

#[test]
fn a_failed_listing_is_shown_and_r_retries() {
    let mut model = no_folder();
    let denied = api_error(tonic::Status::permission_denied("no clouds for you"));
    update(&mut model, Msg::FolderTree(Err(denied.clone())));
    let picker = model.folder_picker.as_ref().expect("open");
    assert_eq!(picker.tree, Tree::Failed(denied));
    assert!(update(&mut model, key(KeyCode::Enter)).is_empty());
    assert_eq!(update(&mut model, ch('r')), vec![Effect::LoadFolderTree]);
    let picker = model.folder_picker.as_ref().expect("open");
    assert_eq!(picker.tree, Tree::Loading);
}

#[test]
fn the_cursor_starts_on_the_current_folder_and_ctrl_c_quits() {
    let mut model = loaded(3);
    model.header.folder_id = Some("b1gstaging".into());
    typed(&mut model, ":folder");
    update(&mut model, key(KeyCode::Enter));
    update(&mut model, Msg::FolderTree(Ok(folder_tree())));
    let picker = model.folder_picker.as_ref().expect("open");
    assert_eq!(picker.list.selected, 1);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    update(&mut model, Msg::Key(ctrl_c));
    assert!(model.quit);
}

#[test]
fn a_typed_folder_is_remembered_only_once_it_answers() {
    let remembered = |effects: &[Effect]| {
        effects
            .iter()
            .filter(
                |e| matches!(e, Effect::RememberFolder { folder_id } if folder_id == "b1gtyped"),
            )
            .count()
    };
    // A mistyped folder: its Get and its listing fail, nothing is saved.
    let mut model = loaded(3);
    typed(&mut model, ":folder b1gtyped");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert_eq!(remembered(&effects), 0);
    let missing = update(
        &mut model,
        Msg::FolderName {
            folder_id: "b1gtyped".into(),
            name: None,
        },
    );
    let generation = model.listing.generation;
    let failed = update(
        &mut model,
        Msg::InstancesPage {
            generation,
            result: Err(api_error(tonic::Status::not_found(
                "folder b1gtyped not found",
            ))),
        },
    );
    assert_eq!(remembered(&missing) + remembered(&failed), 0);

    // Its Get answers: saved once, not again on the listing that follows.
    let mut model = loaded(3);
    typed(&mut model, ":folder b1gtyped");
    update(&mut model, key(KeyCode::Enter));
    let named = update(
        &mut model,
        Msg::FolderName {
            folder_id: "b1gtyped".into(),
            name: Some("typed".into()),
        },
    );
    assert_eq!(remembered(&named), 1);
    let listed = page(&mut model, Vec::new(), "");
    assert_eq!(remembered(&listed), 0);

    // Without permission to Get folders, a listing of it is answer enough.
    let mut model = loaded(3);
    typed(&mut model, ":folder b1gtyped");
    update(&mut model, key(KeyCode::Enter));
    let listed = page(&mut model, Vec::new(), "");
    assert_eq!(remembered(&listed), 1);
}
