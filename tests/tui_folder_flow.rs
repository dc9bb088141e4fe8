//! Flow test of the folder picker with the real runtime (`app::drive`) against the embedded
//! emulator: start with no folder, see both clouds' folders in the picker, pick the demo folder
//! from keys and watch its instances load. No sleeps: it waits on the runtime's messages.

mod common;

use std::time::SystemTime;

use common::dashboard::{emulator_and_client, press, run, settings};
use crossterm::event::KeyCode;
use ycdash::{
    app::{
        Effect, Model, Settings,
        folder::state::{Row, Tree},
        init,
    },
    emulator::{EmulatorConfig, seed},
};

/// The folder id of the picker's highlighted row, if it is a folder.
fn highlighted(model: &Model) -> Option<String> {
    let picker = model.folder_picker.as_ref()?;
    match picker.selected_row()? {
        Row::Folder { cloud, folder } => picker.folder(cloud, folder).map(|f| f.id.clone()),
        _ => None,
    }
}

#[tokio::test]
async fn with_no_folder_the_picker_opens_and_picking_the_demo_folder_loads_it() {
    let (emulator, cloud) = emulator_and_client(EmulatorConfig::default()).await;
    let settings = Settings {
        folder_id: None,
        ..settings(emulator.endpoint())
    };
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));

    let effects = init(&mut model);
    assert_eq!(effects, vec![Effect::LoadFolderTree]);
    run(&cloud, &mut model, effects, |m| {
        m.folder_picker
            .as_ref()
            .is_some_and(|p| p.tree != Tree::Loading)
    })
    .await;
    let picker = model.folder_picker.as_ref().expect("picker open");
    let clouds: Vec<&str> = picker
        .clouds()
        .iter()
        .map(|c| c.cloud.id.as_str())
        .collect();
    assert!(clouds.contains(&seed::CLOUD_ID), "{clouds:?}");
    assert!(clouds.contains(&seed::OTHER_CLOUD_ID), "{clouds:?}");
    assert!(model.instances.items.is_empty(), "nothing listed yet");

    // Walk the cursor down to the demo folder, as a user would.
    let rows = picker.rows.len();
    for _ in 0..rows {
        if highlighted(&model).as_deref() == Some(seed::FOLDER_ID) {
            break;
        }
        press(&mut model, KeyCode::Char('j'));
    }
    assert_eq!(highlighted(&model).as_deref(), Some(seed::FOLDER_ID));
    let effects = press(&mut model, KeyCode::Enter);
    assert!(model.folder_picker.is_none());
    assert!(effects.contains(&Effect::RememberFolder {
        folder_id: seed::FOLDER_ID.into()
    }));

    // The demo folder's instances load.
    run(&cloud, &mut model, effects, |m| {
        !m.listing.in_flight && m.header.last_refresh.is_some() && m.header.folder_name.is_some()
    })
    .await;
    assert_eq!(model.header.folder_id.as_deref(), Some(seed::FOLDER_ID));
    assert_eq!(model.header.folder_name.as_deref(), Some("demo"));
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);
    assert_eq!(seed::DEMO_INSTANCES, 30);
}
