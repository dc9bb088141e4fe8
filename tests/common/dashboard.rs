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
pub const LIMIT: Duration = Duration::from_secs(60);

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

/// Starts an emulator with `config` and a client for it that does not retry.
pub async fn emulator_and_client(config: EmulatorConfig) -> (RunningEmulator, Cloud) {
    let emulator = Emulator::spawn(config).await.expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    (emulator, cloud)
}

/// Starts an emulator with `config` and a dashboard of `size` on it, driven until listed.
pub async fn listed(config: EmulatorConfig, size: (u16, u16)) -> Dashboard {
    let (emulator, cloud) = emulator_and_client(config).await;
    let model = listed_model(&cloud, emulator.endpoint(), size).await;
    Dashboard {
        emulator,
        cloud,
        model,
    }
}

/// `listed` on an emulator whose operations take `op_duration` each.
pub async fn listed_with_ops_taking(op_duration: Duration, size: (u16, u16)) -> Dashboard {
    let config = EmulatorConfig {
        op_duration,
        ..Default::default()
    };
    listed(config, size).await
}

/// A dashboard of `size` named `source`, reading the demo folder through `cloud`, driven until
/// its first listing has answered.
pub async fn listed_model(cloud: &Cloud, source: String, size: (u16, u16)) -> Model {
    let mut model = Model::new(settings(source), SystemTime::now(), size);
    let effects = init(&mut model);
    run(cloud, &mut model, effects, |m| !m.listing.in_flight).await;
    model
}

/// Runs `effects` through the loop until `done` holds, failing the test after `LIMIT`.
pub async fn run(
    cloud: &Cloud,
    model: &mut Model,
    effects: Vec<Effect>,
    done: impl Fn(&Model) -> bool,
) {
    tokio::time::timeout(LIMIT, drive(cloud.clone(), model, effects, done))
        .await
        .expect("the flow finishes in time");
}

/// Selects the instance `id`, opens its details with Enter and runs until they have loaded.
pub async fn open_details(cloud: &Cloud, model: &mut Model, id: &str) {
    select(model, id);
    let effects = press(model, KeyCode::Enter);
    run(cloud, model, effects, |m| {
        m.details.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
}

/// The text of the newest toast, empty when there is none.
pub fn last_toast(model: &Model) -> String {
    let toast = model.toasts.last();
    toast.map(|t| t.text.clone()).unwrap_or_default()
}

/// Moves the cursor to the instance `id`: to the first row, then down.
pub fn select(model: &mut Model, id: &str) {
    press(model, KeyCode::Char('g'));
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
