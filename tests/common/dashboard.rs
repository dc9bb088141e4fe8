//! Shared setup for the dashboard flow tests: an emulator, a client without retries, a Model on
//! the demo folder whose first listing has loaded, and keys sent through the pure `update`.

use std::time::{Duration, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ycdash::{
    api::{Cloud, RetryPolicy},
    app::{Effect, Model, Msg, Settings, drive, init, update},
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
    keymap::Keymap,
};

/// How long any one wait on the loop may take before the test fails.
pub const LIMIT: Duration = Duration::from_secs(20);

/// A running emulator, a client for it, and a dashboard Model with the demo folder listed.
pub struct Dashboard {
    pub emulator: RunningEmulator,
    pub cloud: Cloud,
    pub model: Model,
}

/// The settings of a dashboard on the demo folder of `source`, with no journal and no refresh.
pub fn settings(source: String) -> Settings {
    Settings {
        source,
        folder_id: Some(seed::FOLDER_ID.into()),
        theme: "dark".into(),
        themes: vec!["dark".into()],
        keymap: Keymap::default(),
        refresh: None,
        journal: false,
    }
}

/// Starts an emulator with `config` and a dashboard of `size` on it, driven until listed.
pub async fn listed(config: EmulatorConfig, size: (u16, u16)) -> Dashboard {
    let emulator = Emulator::spawn(config).await.expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    let mut model = Model::new(settings(emulator.endpoint()), SystemTime::now(), size);
    let effects = init(&mut model);
    let loaded = drive(cloud.clone(), &mut model, effects, |m| !m.listing.in_flight);
    tokio::time::timeout(LIMIT, loaded)
        .await
        .expect("list loads");
    Dashboard {
        emulator,
        cloud,
        model,
    }
}

/// Moves the cursor down from the first row to the instance `id`.
pub fn select(model: &mut Model, id: &str) {
    let row = model
        .instances
        .view
        .iter()
        .position(|&i| model.instances.items[i].id == id)
        .expect("the instance is listed");
    for _ in 0..row {
        press(model, KeyCode::Char('j'));
    }
}

pub fn press(model: &mut Model, code: KeyCode) -> Vec<Effect> {
    update(model, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ctrl(model: &mut Model, c: char) -> Vec<Effect> {
    update(
        model,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

pub fn typed(model: &mut Model, text: &str) {
    for c in text.chars() {
        press(model, KeyCode::Char(c));
    }
}
