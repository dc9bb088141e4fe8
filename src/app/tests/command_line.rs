//! `update()` tests of the bottom line (#13 items 3, 4, 9, 17): a failed `:` command closes
//! the line and says why there; a refused `:filter` or `:folder` keeps the list that worked;
//! Tab lists and cycles; `/` selects its first match and reopens on the filter in force.

use std::time::Duration;

use crossterm::event::KeyCode;

use crate::api::ApiError;
use crate::app::{
    Effect, Model, Msg,
    fixtures::{ch, entered, instances, key, loaded, page, selected_name, typed},
    model::{Connection, Prompt},
    update,
};

fn api_error(code: tonic::Code) -> ApiError {
    ApiError {
        code,
        message: "filter: syntax error at 'status=RUNNING'".into(),
        request_id: "req-1".into(),
        details: vec![],
    }
}

/// The current listing's first page fails with `code`; returns the effects.
fn page_fails(model: &mut Model, code: tonic::Code) -> Vec<Effect> {
    let generation = model.listing.generation;
    let result = Err(api_error(code));
    update(model, Msg::InstancesPage { generation, result })
}

fn command_line(model: &Model) -> Option<&str> {
    match &model.prompt {
        Some(Prompt::Command { line, .. }) => Some(line.text()),
        _ => None,
    }
}

fn choices(model: &Model) -> Vec<String> {
    match &model.prompt {
        Some(Prompt::Command {
            choices: Some(c), ..
        }) => c.words().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn an_unknown_command_closes_the_line_and_says_so_until_the_next_key() {
    let mut model = loaded(5);
    entered(&mut model, ":bogus");
    assert!(model.prompt.is_none(), "the line is closed");
    let error = model.command_error.clone().unwrap_or_default();
    assert!(error.contains("unknown command \"bogus\""), "{error}");
    update(&mut model, ch(':'));
    assert!(model.command_error.is_none(), "the next key clears it");
    assert_eq!(command_line(&model), Some(""), "the next : starts fresh");
    typed(&mut model, "ops");
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.focus, crate::app::Focus::Operations);
}

#[test]
fn tab_lists_the_commands_that_match_and_cycles_through_them() {
    let mut model = loaded(5);
    update(&mut model, ch(':'));
    update(&mut model, ch('f'));
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(command_line(&model), Some("filter "));
    assert_eq!(choices(&model), ["filter", "folder"]);
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(command_line(&model), Some("folder "));
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(command_line(&model), Some("filter "), "wraps");
    // Typing takes the choice and ends the cycle.
    typed(&mut model, "x");
    assert!(choices(&model).is_empty());
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(
        command_line(&model),
        Some("filter x"),
        "nothing completes it"
    );
    assert!(matches!(
        &model.prompt,
        Some(Prompt::Command { note: Some(n), .. }) if n.contains("nothing completes")
    ));
}

#[test]
fn tab_after_theme_offers_every_theme_and_completes_a_prefix() {
    let mut model = loaded(5);
    typed(&mut model, ":theme ");
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(choices(&model), ["dark", "high-contrast", "light", "mono"]);
    assert_eq!(command_line(&model), Some("theme dark"));
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(command_line(&model), Some("theme high-contrast"));
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.theme, "high-contrast");

    typed(&mut model, ":theme m");
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(command_line(&model), Some("theme mono"));
    assert!(choices(&model).is_empty(), "one choice completes at once");
}

#[test]
fn a_refused_filter_keeps_the_list_and_the_filter_that_worked() {
    let mut model = loaded(5);
    let effects = entered(&mut model, ":filter status=RUNNING");
    assert!(
        matches!(&effects[..], [Effect::ListInstances { filter, .. }] if filter == "status=RUNNING")
    );
    let effects = page_fails(&mut model, tonic::Code::InvalidArgument);
    assert_eq!(
        model.listing.server_filter, "",
        "the previous filter is back"
    );
    assert_eq!(model.instances.items.len(), 5, "the list is kept");
    assert_eq!(model.header.connection, Connection::Connected);
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":filter status=RUNNING refused: INVALID_ARGUMENT")
            && error.contains("req-1"),
        "{error}"
    );
    assert!(
        model.toasts.is_empty(),
        "said on the command line, not in a toast"
    );
    assert_eq!(
        effects,
        [Effect::ScheduleRefresh {
            generation: model.listing.generation,
            after: Duration::from_secs(10),
        }],
        "only the normal re-list, not a retry in 5 s"
    );
    // The normal re-list lists with the filter that worked.
    let generation = model.listing.generation;
    let effects = update(&mut model, Msg::RefreshDue { generation });
    assert!(matches!(&effects[..], [Effect::ListInstances { filter, .. }] if filter.is_empty()));
}

#[test]
fn a_refused_folder_keeps_the_folder_shown_and_is_not_remembered() {
    let mut model = loaded(5);
    entered(&mut model, ":folder nonexistent");
    assert_eq!(model.header.folder_id.as_deref(), Some("nonexistent"));
    let effects = page_fails(&mut model, tonic::Code::NotFound);
    assert_eq!(model.header.folder_id.as_deref(), Some("b1gdemo"));
    assert_eq!(model.header.folder_name.as_deref(), Some("demo"));
    assert!(model.header.last_refresh.is_some());
    assert_eq!(model.instances.items.len(), 5);
    assert!(!model.header.remember_when_answered);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::RememberFolder { .. }))
    );
    let error = model.command_error.clone().unwrap_or_default();
    assert!(
        error.starts_with(":folder nonexistent refused: NOT_FOUND"),
        "{error}"
    );
    // Its name arriving late changes nothing.
    let late = Msg::FolderName {
        folder_id: "nonexistent".into(),
        name: None,
    };
    assert!(update(&mut model, late).is_empty());
    assert_eq!(model.header.folder_name.as_deref(), Some("demo"));
}

#[test]
fn an_unavailable_service_during_a_trial_reconnects_and_keeps_trying_the_command() {
    let mut model = loaded(5);
    entered(&mut model, ":filter name = \"web-01\"");
    let effects = page_fails(&mut model, tonic::Code::Unavailable);
    assert!(matches!(&model.header.connection, Connection::Reconnecting(c) if c == "UNAVAILABLE"));
    assert!(model.command_error.is_none());
    assert_eq!(model.listing.server_filter, "name = \"web-01\"");
    assert!(matches!(
        &effects[..],
        [Effect::ScheduleRefresh { after, .. }] if *after == Duration::from_secs(5)
    ));
    let generation = model.listing.generation;
    update(&mut model, Msg::RefreshDue { generation });
    page(&mut model, instances(2), "");
    assert!(model.listing.trial.is_none(), "answered: the filter holds");
    assert_eq!(model.instances.items.len(), 2);
}

#[test]
fn a_permanent_error_of_a_plain_relist_is_refused_not_reconnecting() {
    let mut model = loaded(5);
    update(&mut model, ch('r'));
    let effects = page_fails(&mut model, tonic::Code::PermissionDenied);
    assert!(matches!(&model.header.connection, Connection::Refused(c) if c == "PERMISSION_DENIED"));
    assert_eq!(model.toasts.len(), 1, "told once, with the request id");
    assert!(matches!(
        &effects[..],
        [Effect::ScheduleRefresh { after, .. }] if *after == Duration::from_secs(10)
    ));
}

#[test]
fn after_g_a_filter_selects_its_first_match_and_esc_goes_back() {
    let mut model = loaded(30);
    update(&mut model, ch('G'));
    assert_eq!(selected_name(&model), "web-29");
    typed(&mut model, "/web-1");
    assert_eq!(
        selected_name(&model),
        "web-10",
        "the first match, not the last"
    );
    assert_eq!(model.instances.offset, 0);
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(
        selected_name(&model),
        "web-29",
        "Esc goes back where it was"
    );
}

#[test]
fn reopening_the_filter_holds_the_filter_in_force_and_typing_replaces_it() {
    let mut model = loaded(30);
    entered(&mut model, "/web-1");
    update(&mut model, ch('/'));
    assert!(matches!(&model.prompt, Some(Prompt::Filter { line, .. }) if line.text() == "web-1"));
    typed(&mut model, "web-2");
    assert_eq!(model.instances.filter, "web-2", "replaced, not web-1web-2");
    update(&mut model, key(KeyCode::Enter));
    // Cleared with Esc in the list: the prompt opens empty.
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch('/'));
    assert!(matches!(&model.prompt, Some(Prompt::Filter { line, .. }) if line.text().is_empty()));
}
