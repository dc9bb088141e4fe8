//! Flow test from keys against the embedded emulator: `l` on a RUNNING instance opens its serial
//! log (port 1), which holds the instance's boot; Esc closes it. Waits on the runtime's messages.

use std::time::{Duration, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ycdash::{
    api::{Cloud, RetryPolicy},
    app::{Model, Msg, Settings, drive, init, update},
    emulator::{Emulator, EmulatorConfig, seed},
    keymap::Keymap,
};

fn press(model: &mut Model, code: KeyCode) -> Vec<ycdash::app::Effect> {
    update(model, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[tokio::test]
async fn l_opens_the_serial_log_of_the_selected_instance() {
    let emulator = Emulator::spawn(EmulatorConfig::default())
        .await
        .expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    let settings = Settings {
        source: emulator.endpoint(),
        folder_id: Some(seed::FOLDER_ID.into()),
        theme: "dark".into(),
        themes: vec!["dark".into()],
        keymap: Keymap::default(),
        refresh: None,
        journal: false,
    };
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));
    let limit = Duration::from_secs(20);
    let effects = init(&mut model);
    let loaded = drive(cloud.clone(), &mut model, effects, |m| !m.listing.in_flight);
    tokio::time::timeout(limit, loaded)
        .await
        .expect("list loads");

    let row = model
        .instances
        .view
        .iter()
        .position(|&i| model.instances.items[i].id == seed::RUNNING_INSTANCE_ID)
        .expect("the running instance is listed");
    for _ in 0..row {
        press(&mut model, KeyCode::Char('j'));
    }
    let name = model
        .instances
        .selected_row()
        .map(|r| r.name.clone())
        .expect("a selection");

    let effects = press(&mut model, KeyCode::Char('l'));
    let read = drive(cloud, &mut model, effects, |m| {
        m.serial.as_ref().is_some_and(|v| !v.lines.is_empty())
    });
    tokio::time::timeout(limit, read).await.expect("log read");
    let view = model.serial.as_ref().expect("the serial view is open");
    assert_eq!(view.instance_id, seed::RUNNING_INSTANCE_ID);
    assert_eq!(view.port, 1);
    assert!(view.error.is_none(), "{:?}", view.error);
    let hostname = format!("Set hostname to <{name}>.");
    assert!(
        view.lines.iter().any(|l| l.contains(&hostname)),
        "the boot log names the instance"
    );
    assert!(view.follow, "follow is on from the start");

    press(&mut model, KeyCode::Esc);
    assert!(model.serial.is_none());
}
