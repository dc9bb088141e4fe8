//! Flow test from keys against the embedded emulator: `l` on a RUNNING instance opens its serial
//! log (port 1), which holds the instance's boot; Esc closes it. Waits on the runtime's messages.

mod common;

use common::dashboard::{Dashboard, LIMIT, listed, press, select};
use crossterm::event::KeyCode;
use ycdash::{
    app::drive,
    emulator::{EmulatorConfig, seed},
};

#[tokio::test]
async fn l_opens_the_serial_log_of_the_selected_instance() {
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed(EmulatorConfig::default(), (120, 30)).await;
    let limit = LIMIT;

    select(&mut model, seed::RUNNING_INSTANCE_ID);
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
