//! Flow test of the `:` command line with the real runtime (`app::drive`) against the embedded
//! emulator: a filter with bad syntax and a folder that does not exist are refused by the
//! server, and the dashboard says so on the command line and keeps the list that worked. No
//! sleeps: it waits on the runtime's messages.

mod common;

use common::dashboard::{Dashboard, listed, press, run, typed};
use crossterm::event::KeyCode;
use ycdash::{
    api::Cloud,
    app::{Model, model::Connection},
    emulator::{EmulatorConfig, seed},
};

/// Types `:line` and Enter, then runs until the command line says why it was refused or the
/// listing it started has answered and holds.
async fn run_command(cloud: &Cloud, model: &mut Model, line: &str) {
    typed(model, &format!(":{line}"));
    let effects = press(model, KeyCode::Enter);
    run(cloud, model, effects, |m| {
        let listed = !m.listing.in_flight && m.header.last_refresh.is_some();
        m.command_error.is_some() || (listed && m.listing.trial.is_none())
    })
    .await;
}

#[tokio::test]
async fn a_refused_filter_or_folder_is_an_error_at_the_command_line_and_the_list_stays() {
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed(EmulatorConfig::default(), (120, 30)).await;
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    // Unquoted: the server's filter syntax refuses it.
    run_command(&cloud, &mut model, "filter status=RUNNING").await;
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":filter status=RUNNING refused: INVALID_ARGUMENT"),
        "{error}"
    );
    assert_eq!(model.listing.server_filter, "");
    assert_eq!(model.header.connection, Connection::Connected);
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    run_command(&cloud, &mut model, "folder nonexistent").await;
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":folder nonexistent refused: NOT_FOUND"),
        "{error}"
    );
    assert_eq!(model.header.folder_id.as_deref(), Some(seed::FOLDER_ID));
    assert_eq!(model.header.connection, Connection::Connected);
    assert_eq!(model.instances.items.len(), seed::DEMO_INSTANCES);

    // A filter the server takes applies, and the title's claim is then true.
    run_command(&cloud, &mut model, "filter status = \"RUNNING\"").await;
    assert_eq!(model.command_error, None);
    assert_eq!(model.listing.server_filter, "status = \"RUNNING\"");
    let running = model.instances.items.len();
    assert!(running > 0 && running < seed::DEMO_INSTANCES, "{running}");
}
