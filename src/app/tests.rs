//! `update()` unit tests: navigation, filter, sort, refresh merging, operations, dialogs,
//! Esc, the command line and keymap rebinding. No IO, no sleeps, no wall clock.

use std::{collections::HashMap, time::Duration};

use crossterm::event::KeyCode;

use super::{
    Effect, Focus, Msg, PowerAction,
    fixtures::{
        ch, error, instance, instances, key, loaded, loaded_with, now, operation, page, response,
        typed,
    },
    journal::JournalEntry,
    model::{Connection, Level, Overlay, Prompt},
    update,
};
use crate::{
    api::{
        ApiError,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::instance::Status,
    },
    keymap::Keymap,
};

fn selected_name(model: &super::Model) -> String {
    model
        .instances
        .selected_instance()
        .map(|i| i.name.clone())
        .unwrap_or_default()
}

#[test]
fn first_page_paints_at_once_and_later_pages_stream_in() {
    let mut model = super::Model::new(
        super::fixtures::settings(Keymap::default()),
        now(),
        (120, 30),
    );
    let effects = super::init(&mut model);
    assert!(
        matches!(&effects[0], Effect::ListInstances { page_token, .. } if page_token.is_empty())
    );
    let all = instances(30);
    let effects = page(&mut model, all[..20].to_vec(), "next");
    assert_eq!(
        model.instances.view.len(),
        20,
        "first page shown before the rest arrives"
    );
    assert!(
        matches!(&effects[..], [Effect::ListInstances { page_token, .. }] if page_token == "next")
    );
    let effects = page(&mut model, all[20..].to_vec(), "");
    assert_eq!(model.instances.view.len(), 30);
    assert!(!model.listing.in_flight);
    assert_eq!(model.header.connection, Connection::Connected);
    assert!(
        matches!(&effects[..], [Effect::ScheduleRefresh { after, .. }] if *after == Duration::from_secs(10))
    );
}

#[test]
fn navigation_moves_and_clamps() {
    let mut model = loaded(50);
    update(&mut model, ch('j'));
    update(&mut model, key(KeyCode::Down));
    assert_eq!(model.instances.selected, 2);
    update(&mut model, ch('G'));
    assert_eq!(model.instances.selected, 49);
    assert!(
        model.instances.offset > 0,
        "scrolled to keep the last row visible"
    );
    update(&mut model, ch('j'));
    assert_eq!(model.instances.selected, 49);
    update(&mut model, ch('g'));
    assert_eq!((model.instances.selected, model.instances.offset), (0, 0));
    update(&mut model, key(KeyCode::PageDown));
    assert!(model.instances.selected > 10);
    update(&mut model, ch('k'));
    update(&mut model, key(KeyCode::PageUp));
    update(&mut model, key(KeyCode::PageUp));
    assert_eq!(model.instances.selected, 0);
}

#[test]
fn filter_as_you_type_matches_name_id_address_and_label_and_esc_clears() {
    let mut model = loaded(30);
    update(&mut model, ch('/'));
    typed(&mut model, "web-1");
    assert_eq!(model.instances.view.len(), 10, "web-10..web-19");
    update(&mut model, key(KeyCode::Enter));
    assert!(model.prompt.is_none());
    assert_eq!(model.instances.filter, "web-1");
    update(&mut model, ch('/'));
    update(&mut model, key(KeyCode::Esc));
    assert!(model.instances.filter.is_empty());
    assert_eq!(model.instances.view.len(), 30);
    for (needle, expected) in [
        ("10.128.0.12", 1),
        ("env=prod", 15),
        ("51.250.0.4", 1),
        ("fhm00000000000000007", 1),
    ] {
        update(&mut model, ch('/'));
        typed(&mut model, needle);
        assert_eq!(model.instances.view.len(), expected, "{needle}");
        update(&mut model, key(KeyCode::Esc));
    }
    update(&mut model, ch('/'));
    typed(&mut model, "nothing-like-this");
    assert!(model.instances.view.is_empty());
    update(&mut model, ch('j'));
    assert_eq!(
        model.instances.selected, 0,
        "typing goes to the filter, not to navigation"
    );
}

#[test]
fn sort_cycles_columns_keeps_selection_and_reverses() {
    let mut model = loaded(12);
    update(&mut model, ch('j'));
    update(&mut model, ch('j'));
    let name = selected_name(&model);
    update(&mut model, ch('o'));
    assert_eq!(model.instances.sort.label(), "id");
    update(&mut model, ch('o'));
    update(&mut model, ch('o'));
    assert_eq!(model.instances.sort.label(), "status");
    assert_eq!(selected_name(&model), name);
    let first = model.instances.items[model.instances.view[0]].status();
    assert_eq!(first, Status::Provisioning);
    update(&mut model, ch('O'));
    let first = model.instances.items[model.instances.view[0]].status();
    assert_eq!(first, Status::Stopped);
    assert_eq!(selected_name(&model), name);
}

#[test]
fn refresh_keeps_selection_by_id_and_scroll_and_marks_changes() {
    let mut model = loaded(60);
    for _ in 0..40 {
        update(&mut model, ch('j'));
    }
    let (name, offset) = (selected_name(&model), model.instances.offset);
    let effects = update(&mut model, ch('r'));
    assert!(matches!(&effects[..], [Effect::ListInstances { .. }]));
    let stale_generation = model.listing.generation - 1;
    let ignored = update(
        &mut model,
        Msg::InstancesPage {
            generation: stale_generation,
            result: Ok(Default::default()),
        },
    );
    assert!(ignored.is_empty());
    // The refreshed list: one instance gone, order shuffled, one status changed.
    let mut fresh = instances(60);
    fresh.remove(3);
    fresh.reverse();
    let changed = fresh.iter_mut().find(|i| i.name == "web-20").map(|i| {
        i.set_status(Status::Running);
        i.id.clone()
    });
    page(&mut model, fresh, "");
    assert_eq!(model.instances.items.len(), 59);
    assert_eq!(selected_name(&model), name);
    assert_eq!(model.instances.offset, offset, "the scroll position stays");
    assert_eq!(model.instances.selected, 39, "the row above went away");
    assert!(
        model
            .instances
            .changed
            .contains_key(&changed.unwrap_or_default())
    );
    update(&mut model, Msg::Tick(now() + Duration::from_secs(4)));
    assert!(model.instances.changed.is_empty(), "highlight fades");
}

#[test]
fn failed_listing_keeps_stale_data_and_shows_reconnecting() {
    let mut model = loaded(5);
    update(&mut model, ch('r'));
    let generation = model.listing.generation;
    let err = ApiError {
        code: tonic::Code::Unavailable,
        message: "down".into(),
        request_id: "r".into(),
        details: vec![],
    };
    let effects = update(
        &mut model,
        Msg::InstancesPage {
            generation,
            result: Err(err),
        },
    );
    assert_eq!(model.instances.items.len(), 5);
    assert!(
        matches!(model.header.connection, Connection::Reconnecting(ref e) if e.contains("down"))
    );
    assert!(matches!(&effects[..], [Effect::ScheduleRefresh { .. }]));
    let effects = update(&mut model, Msg::RefreshDue { generation });
    assert!(matches!(&effects[..], [Effect::ListInstances { .. }]));
}

#[test]
fn confirm_defaults_to_no() {
    let mut model = loaded(3);
    update(&mut model, ch('s'));
    let Some(Overlay::Confirm(confirm)) = &model.overlay else {
        panic!("no dialog")
    };
    assert!(!confirm.yes_selected);
    assert!(
        update(&mut model, key(KeyCode::Enter)).is_empty(),
        "Enter on the default does nothing"
    );
    assert!(model.overlay.is_none());
    update(&mut model, ch('S'));
    assert!(update(&mut model, key(KeyCode::Esc)).is_empty());
    update(&mut model, ch('R'));
    assert!(
        update(&mut model, ch('q')).is_empty() && !model.quit,
        "q inside a dialog does not quit"
    );
    update(&mut model, key(KeyCode::Right));
    let effects = update(&mut model, key(KeyCode::Enter));
    let id = model.instances.items[0].id.clone();
    assert_eq!(
        effects,
        [Effect::Power {
            action: PowerAction::Restart,
            instance_id: id.clone()
        }]
    );
    update(&mut model, ch('s'));
    assert_eq!(
        update(&mut model, ch('y')),
        [Effect::Power {
            action: PowerAction::Stop,
            instance_id: id
        }]
    );
}

#[test]
fn operation_runs_rolls_back_fails_and_the_failure_stays() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    let effects = update(
        &mut model,
        Msg::PowerStarted {
            action: PowerAction::Stop,
            instance_id: id.clone(),
            result: Ok(operation("op1", &id, false, None)),
        },
    );
    assert!(effects.contains(&Effect::PollOperation {
        id: "op1".into(),
        poll: 0
    }));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::WriteJournal(j) if j.len() == 1))
    );
    assert_eq!(model.instances.items[0].status(), Status::Stopping);
    assert_eq!(model.ops.ops[0].target_name, "web-00");
    let poll = |model: &mut super::Model, poll, op| {
        update(
            model,
            Msg::OperationPolled {
                id: "op1".into(),
                poll,
                result: Ok(op),
            },
        )
    };
    let effects = poll(&mut model, 0, operation("op1", &id, false, None));
    assert_eq!(
        effects,
        [Effect::PollOperation {
            id: "op1".into(),
            poll: 1
        }]
    );
    let effects = poll(
        &mut model,
        1,
        operation("op1", &id, false, error(9, "disk busy")),
    );
    assert!(
        matches!(model.ops.ops[0].view.state, OpState::RollingBack(ref e) if e.message == "disk busy")
    );
    assert_eq!(model.ops.ops[0].view.state.label(), "failed, rolling back");
    assert!(effects.contains(&Effect::PollOperation {
        id: "op1".into(),
        poll: 2
    }));
    let effects = poll(
        &mut model,
        2,
        operation("op1", &id, true, error(9, "disk busy")),
    );
    assert!(
        matches!(model.ops.ops[0].view.state, OpState::Failed(ref e) if e.code == tonic::Code::FailedPrecondition)
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ListInstances { .. })),
        "refresh to see what is real"
    );
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.level == Level::Error && t.text.contains("FAILED_PRECONDITION"))
    );
    // A late poll answer does not resurrect it.
    let effects = poll(&mut model, 3, operation("op1", &id, false, None));
    assert!(effects.is_empty());
    assert!(matches!(model.ops.ops[0].view.state, OpState::Failed(_)));
}

#[test]
fn done_operation_updates_the_instance_from_its_response() {
    let mut model = loaded(3);
    let id = model.instances.items[1].id.clone();
    let started = operation("op2", &id, false, None);
    update(
        &mut model,
        Msg::PowerStarted {
            action: PowerAction::Stop,
            instance_id: id.clone(),
            result: Ok(started),
        },
    );
    let stopped = instance(1, Status::Stopped);
    let effects = update(
        &mut model,
        Msg::OperationPolled {
            id: "op2".into(),
            poll: 0,
            result: Ok(operation("op2", &id, true, response(&stopped))),
        },
    );
    assert!(!effects.iter().any(|e| matches!(
        e,
        Effect::PollOperation { .. } | Effect::ListInstances { .. }
    )));
    assert_eq!(
        model.instances.find(&id).map(|i| i.status()),
        Some(Status::Stopped)
    );
    assert!(matches!(
        model.ops.ops[0].view.state,
        OpState::Done(OpResponse::Instance(_))
    ));
    assert!(model.ops.ops[0].finished.is_some());
    assert!(model.toasts.iter().any(|t| t.level == Level::Success));
    update(&mut model, Msg::Tick(now() + Duration::from_secs(6)));
    assert!(model.toasts.is_empty(), "toasts expire");
}

#[test]
fn refused_action_is_a_toast_and_poll_errors_retry() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    let refusal = ApiError {
        code: tonic::Code::FailedPrecondition,
        message: "not running".into(),
        request_id: "req-9".into(),
        details: vec![],
    };
    update(
        &mut model,
        Msg::PowerStarted {
            action: PowerAction::Stop,
            instance_id: id.clone(),
            result: Err(refusal),
        },
    );
    assert!(
        model.toasts[0]
            .text
            .contains("stop web-00: FAILED_PRECONDITION: not running (request id req-9)")
    );
    update(
        &mut model,
        Msg::PowerStarted {
            action: PowerAction::Stop,
            instance_id: id.clone(),
            result: Ok(operation("op3", &id, false, None)),
        },
    );
    let down = ApiError {
        code: tonic::Code::Unavailable,
        message: "gone".into(),
        request_id: String::new(),
        details: vec![],
    };
    let effects = update(
        &mut model,
        Msg::OperationPolled {
            id: "op3".into(),
            poll: 4,
            result: Err(down),
        },
    );
    assert_eq!(
        effects,
        [Effect::PollOperation {
            id: "op3".into(),
            poll: 5
        }]
    );
    assert!(model.ops.ops[0].poll_error.is_some());
}

#[test]
fn operations_pane_focus_open_and_cancel() {
    let mut model = loaded(3);
    let id = model.instances.items[0].id.clone();
    update(
        &mut model,
        Msg::PowerStarted {
            action: PowerAction::Stop,
            instance_id: id.clone(),
            result: Ok(operation("op4", &id, false, None)),
        },
    );
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Operations);
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.overlay, Some(Overlay::Operation { id: "op4".into() }));
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch('c'));
    assert!(matches!(model.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(
        update(&mut model, ch('y')),
        [Effect::CancelOperation { id: "op4".into() }]
    );
    update(&mut model, key(KeyCode::Tab));
    assert_eq!(model.focus, Focus::Instances);
}

#[test]
fn esc_closes_the_innermost_thing_first() {
    let mut model = loaded(5);
    update(&mut model, ch('/'));
    typed(&mut model, "web");
    update(&mut model, key(KeyCode::Enter));
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(matches!(&effects[..], [Effect::LoadDetails { .. }]));
    update(&mut model, ch('?'));
    update(&mut model, key(KeyCode::Esc));
    assert!(model.overlay.is_none() && model.details.is_some());
    update(&mut model, key(KeyCode::Esc));
    assert!(model.details.is_none());
    assert_eq!(model.instances.filter, "web");
    update(&mut model, key(KeyCode::Esc));
    assert!(model.instances.filter.is_empty());
    assert!(!model.quit);
    update(&mut model, ch('q'));
    assert!(model.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut model = loaded(2);
    update(&mut model, ch('/'));
    let ctrl_c = crossterm::event::KeyEvent::new(
        KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    update(&mut model, Msg::Key(ctrl_c));
    assert!(model.quit);
}

#[test]
fn details_actions_apply_to_the_open_instance() {
    let mut model = loaded(5);
    update(&mut model, ch('j'));
    update(&mut model, key(KeyCode::Enter));
    update(&mut model, ch('a'));
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.text == "attach: coming in the next release")
    );
    update(&mut model, ch('D'));
    assert!(model.toasts.iter().any(|t| t.text.starts_with("detach:")));
    update(&mut model, ch('S'));
    let effects = update(&mut model, ch('y'));
    assert_eq!(
        effects,
        [Effect::Power {
            action: PowerAction::Start,
            instance_id: model.instances.items[1].id.clone()
        }]
    );
    update(&mut model, ch('j'));
    assert_eq!(
        model.details.as_ref().map(|d| d.scroll),
        Some(1),
        "j scrolls the details"
    );
}

#[test]
fn command_line_completes_and_runs() {
    let mut model = loaded(5);
    update(&mut model, ch(':'));
    typed(&mut model, "th");
    update(&mut model, key(KeyCode::Tab));
    typed(&mut model, "li");
    update(&mut model, key(KeyCode::Tab));
    assert!(
        matches!(&model.prompt, Some(Prompt::Command { line, .. }) if line.text == "theme light")
    );
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.theme, "light");
    update(&mut model, ch(':'));
    typed(&mut model, "theme neon");
    update(&mut model, key(KeyCode::Enter));
    assert_eq!(model.theme, "light");
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.text.contains("no theme \"neon\""))
    );
    update(&mut model, ch(':'));
    typed(&mut model, "bogus");
    update(&mut model, key(KeyCode::Enter));
    assert!(
        matches!(&model.prompt, Some(Prompt::Command { error: Some(_), .. })),
        "error shown, line kept"
    );
    update(&mut model, key(KeyCode::Esc));
    update(&mut model, ch(':'));
    typed(&mut model, "filter status = \"RUNNING\"");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(
        matches!(&effects[..], [Effect::ListInstances { filter, .. }] if filter == "status = \"RUNNING\"")
    );
    update(&mut model, ch(':'));
    typed(&mut model, "folder b1gother");
    let effects = update(&mut model, key(KeyCode::Enter));
    assert!(model.instances.items.is_empty());
    assert!(effects.contains(&Effect::LoadFolderName {
        folder_id: "b1gother".into()
    }));
    update(&mut model, ch(':'));
    typed(&mut model, "q");
    update(&mut model, key(KeyCode::Enter));
    assert!(model.quit);
}

#[test]
fn rebinding_changes_dispatch() {
    let (keymap, warnings) = Keymap::new(&HashMap::from([(
        "stop".to_string(),
        vec!["x".to_string()],
    )]));
    assert!(warnings.is_empty());
    let mut model = loaded_with(3, keymap);
    update(&mut model, ch('s'));
    assert!(model.overlay.is_none());
    update(&mut model, ch('x'));
    assert!(matches!(model.overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn journal_resumes_running_operations() {
    let mut model = loaded(3);
    let entry = |id: &str, state: &str| JournalEntry {
        id: id.into(),
        description: "Stop instance".into(),
        instance_id: "fhm1".into(),
        target_name: "web-01".into(),
        started: 1_699_999_990,
        finished: None,
        state: state.into(),
        error_code: 0,
        error_message: String::new(),
        request_id: String::new(),
    };
    let effects = update(
        &mut model,
        Msg::JournalLoaded(vec![entry("new", "running"), entry("old", "done")]),
    );
    assert_eq!(
        effects,
        [Effect::PollOperation {
            id: "new".into(),
            poll: 0
        }]
    );
    assert_eq!(
        model
            .ops
            .ops
            .iter()
            .map(|o| o.view.id.as_str())
            .collect::<Vec<_>>(),
        ["new", "old"]
    );
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut model = loaded(20);
    let at = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Header 2 rows, list border 1, table header 1: the third data row is at y = 6.
    update(&mut model, at(MouseEventKind::Down(MouseButton::Left), 6));
    assert_eq!(model.instances.selected, 2);
    update(&mut model, at(MouseEventKind::ScrollDown, 6));
    assert_eq!(model.instances.selected, 3);
}

#[test]
fn a_hundred_thousand_instances_stream_filter_and_keep_selection() {
    let mut model = super::Model::new(
        super::fixtures::settings(Keymap::default()),
        now(),
        (120, 30),
    );
    super::init(&mut model);
    let all: Vec<_> = (0..100_000).map(|n| instance(n, Status::Running)).collect();
    let pages: Vec<_> = all.chunks(10_000).collect();
    for (n, chunk) in pages.iter().enumerate() {
        let next = if n + 1 == pages.len() { "" } else { "more" };
        page(&mut model, chunk.to_vec(), next);
    }
    assert_eq!(model.instances.view.len(), 100_000);
    update(&mut model, ch('G'));
    let last = selected_name(&model);
    update(&mut model, ch('/'));
    typed(&mut model, "web-9999");
    assert_eq!(
        model.instances.view.len(),
        11,
        "web-9999 and web-99990..99999"
    );
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(selected_name(&model), last);
}
