//! Flow test of the `:` command line with the real runtime (`app::drive`) against the embedded
//! emulator: a filter with bad syntax and a folder that does not exist are refused by the
//! server, and the dashboard says so on the command line and keeps the list that worked. No
//! sleeps: it waits on the runtime's messages.

mod common;

use std::time::{Duration, SystemTime};

use common::dashboard::{press, settings};
use crossterm::event::KeyCode;
use ycdash::{
    api::{Cloud, RetryPolicy},
    app::{Effect, Model, drive, init, model::Connection},
    emulator::{Emulator, EmulatorConfig, seed},
};

const LIMIT: Duration = Duration::from_secs(20);

/// Types `:line` and Enter; returns Enter's effects.
fn command(model: &mut Model, line: &str) -> Vec<Effect> {
    press(model, KeyCode::Char(':'));
    for c in line.chars() {
        press(model, KeyCode::Char(c));
    }
    press(model, KeyCode::Enter)
}

fn listed(model: &Model) -> bool {
    !model.listing.in_flight && model.header.last_refresh.is_some()
}

#[tokio::test]
async fn a_refused_filter_or_folder_is_an_error_at_the_command_line_and_the_list_stays() {
    let emulator = Emulator::spawn(EmulatorConfig::default())
        .await
        .expect("emulator");
    let cloud = Cloud::single(&emulator.endpoint(), false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    let settings = settings(emulator.endpoint());
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));
    let effects = init(&mut model);
    let loaded = drive(cloud.clone(), &mut model, effects, listed);
    tokio::time::timeout(LIMIT, loaded).await.expect("loads");
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    // Unquoted: the server's filter syntax refuses it.
    let effects = command(&mut model, "filter status=RUNNING");
    let answered = drive(cloud.clone(), &mut model, effects, |m| {
        m.command_error.is_some() || listed(m)
    });
    tokio::time::timeout(LIMIT, answered)
        .await
        .expect("answered");
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":filter status=RUNNING refused: INVALID_ARGUMENT"),
        "{error}"
    );
    assert_eq!(model.listing.server_filter, "");
    assert_eq!(model.header.connection, Connection::Connected);
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    let effects = command(&mut model, "folder nonexistent");
    let answered = drive(cloud.clone(), &mut model, effects, |m| {
        m.command_error.is_some() || listed(m)
    });
    tokio::time::timeout(LIMIT, answered)
        .await
        .expect("answered");
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":folder nonexistent refused: NOT_FOUND"),
        "{error}"
    );
    assert_eq!(model.header.folder_id.as_deref(), Some(seed::FOLDER_ID));
    assert_eq!(model.header.connection, Connection::Connected);
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    // A filter the server takes applies, and the title's claim is then true.
    let effects = command(&mut model, "filter status = \"RUNNING\"");
    let answered = drive(cloud, &mut model, effects, |m| {
        m.command_error.is_some() || (listed(m) && m.listing.trial.is_none())
    });
    tokio::time::timeout(LIMIT, answered)
        .await
        .expect("answered");
    assert_eq!(model.command_error, None);
    assert_eq!(model.listing.server_filter, "status = \"RUNNING\"");
    let running = model.instances.items.len();
    assert!(running > 0 && running < seed::DEMO_INSTANCES, "{running}");
}
