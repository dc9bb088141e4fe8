//! Screen snapshots over ratatui's `TestBackend` (insta), and no-panic checks at every small
//! size. Fixtures come from `app::fixtures`; the clock is fixed, so spinners are too.

use std::{collections::HashMap, time::Duration};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend, buffer::Buffer};

use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    api::{
        operation::OpView,
        proto::yandex::cloud::vpc::v1::{Network, Subnet},
    },
    app::{
        Model, Msg, Mutation, PowerAction,
        details::DetailsData,
        fixtures::{ch, error, instance, key, loaded, now, operation, pressed, response, typed},
        update,
    },
    keymap::Key,
    theme::Themes,
};

pub(crate) fn buffer(model: &Model, theme: &str, width: u16, height: u16) -> Buffer {
    let (themes, warnings) = Themes::load(None, true);
    assert!(warnings.is_empty(), "{warnings:?}");
    let theme = themes.get_or_default(theme);
    let mut model = model.clone();
    update(&mut model, Msg::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| super::render(&model, &theme, frame))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Presses the keys `keys` names, written as the keymap writes them and separated by spaces
/// (`"tab space enter ctrl-n"`).
pub(crate) fn press(model: &mut Model, keys: &str) {
    for name in keys.split_whitespace() {
        let key = Key::parse(name).unwrap_or_else(|| panic!("no key is written {name:?}"));
        let modifiers = if key.ctrl {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        update(model, Msg::Key(KeyEvent::new(key.code, modifiers)));
    }
}

/// For each step, presses its keys (as `press` reads them), then types its text.
pub(crate) fn fill(model: &mut Model, steps: &[(&str, &str)]) {
    for (keys, text) in steps {
        press(model, keys);
        typed(model, text);
    }
}

/// Draws each view at every one of `widths` by every one of `heights`: none may panic.
pub(crate) fn draw_at_every_size(
    views: &[Model],
    widths: impl Iterator<Item = u16> + Clone,
    heights: impl Iterator<Item = u16> + Clone,
) {
    for model in views {
        for width in widths.clone() {
            for height in heights.clone() {
                buffer(model, "dark", width, height);
            }
        }
    }
}

/// The text of a frame, one line per row.
pub(crate) fn text(model: &Model, width: u16, height: u16) -> String {
    let buffer = buffer(model, "dark", width, height);
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A loaded list with four operations in the pane: running, rolling back, failed, done.
pub(crate) fn busy() -> Model {
    let mut model = loaded(30);
    let ids: Vec<String> = model.instances.items.iter().map(|i| i.id.clone()).collect();
    let states = [
        (
            "op-done",
            &ids[1],
            true,
            response(&instance(1, Status::Stopped)),
        ),
        (
            "op-failed",
            &ids[2],
            true,
            error(9, "instance is not running"),
        ),
        (
            "op-rollback",
            &ids[3],
            false,
            error(10, "aborted by a concurrent update"),
        ),
        ("op-running", &ids[0], false, None),
    ];
    for (op_id, instance_id, done, result) in states {
        let started = operation(op_id, instance_id, false, None);
        update(
            &mut model,
            Msg::Started {
                mutation: Mutation::Power {
                    action: PowerAction::Stop,
                    instance_id: instance_id.clone(),
                },
                result: Ok(started),
            },
        );
        let polled = operation(op_id, instance_id, done, result);
        update(
            &mut model,
            Msg::OperationPolled {
                id: op_id.into(),
                poll: 0,
                result: Ok(polled),
            },
        );
    }
    update(&mut model, Msg::Tick(now() + Duration::from_secs(7)));
    model
}

pub(crate) fn details_model() -> Model {
    let mut model = busy();
    update(&mut model, key(KeyCode::Enter));
    let mut inst = instance(0, Status::Running);
    inst.network_interfaces.push({
        let mut nic = inst.network_interfaces[0].clone();
        nic.index = "1".into();
        nic.subnet_id = "e9bsubnet-b".into();
        nic
    });
    let subnet = |id: &str, name: &str, cidr: &str| Subnet {
        id: id.into(),
        name: name.into(),
        network_id: "enpnet".into(),
        v4_cidr_blocks: vec![cidr.into()],
        ..Default::default()
    };
    let history = operation("op-old", &inst.id, true, response(&inst));
    let data = DetailsData {
        subnets: HashMap::from([
            (
                "e9bsubnet-a".into(),
                subnet("e9bsubnet-a", "default-a", "10.128.0.0/24"),
            ),
            (
                "e9bsubnet-b".into(),
                subnet("e9bsubnet-b", "backend-a", "10.130.0.0/24"),
            ),
        ]),
        networks: HashMap::from([(
            "enpnet".into(),
            Network {
                id: "enpnet".into(),
                name: "default".into(),
                ..Default::default()
            },
        )]),
        security_groups: HashMap::from([("enpsg-web".into(), "web".into())]),
        operations: vec![OpView::from(&history)],
        warnings: vec![],
        instance: inst,
    };
    update(&mut model, Msg::DetailsLoaded(Box::new(data)));
    model
}

/// `busy()` with the selection on web-06, RUNNING (web-00 is STOPPING, so `s` there is
/// refused).
fn running_selected() -> Model {
    let mut model = busy();
    pressed(&mut model, ch('j'), 6);
    model
}

/// Each view by snapshot name: a model, the keys pressed on it and the size it is drawn at.
#[test]
fn views() {
    let views = [
        ("list_with_operations_pane", busy(), "", 160, 30),
        ("list_at_80x24_stacks_panes", busy(), "", 80, 24),
        ("small_terminal", busy(), "", 40, 10),
        ("details", details_model(), "", 140, 72),
        (
            "operations_pane_focused_with_operation_details",
            busy(),
            "tab j j enter",
            120,
            30,
        ),
        ("help", busy(), "?", 120, 40),
        ("confirm_dialog", running_selected(), "s", 100, 24),
    ];
    for (name, mut model, keys, width, height) in views {
        press(&mut model, keys);
        insta::assert_snapshot!(name, text(&model, width, height));
    }
}

#[test]
fn filter_and_command_line() {
    let mut model = busy();
    typed(&mut model, "/web-1");
    insta::assert_snapshot!("filter", text(&model, 100, 24));
    press(&mut model, "enter : t tab");
    insta::assert_snapshot!("command", text(&model, 100, 24));
}

#[test]
fn every_small_size_and_view_draws_without_panic() {
    let mut views = vec![busy(), details_model()];
    for keys in ["?", "s", "/", "tab enter"] {
        let mut model = busy();
        press(&mut model, keys);
        views.push(model);
    }
    draw_at_every_size(
        &views,
        (1..=90).step_by(7).chain([1, 2, 80, 99, 100]),
        (1..=26).step_by(3).chain([1, 2, 24]),
    );
}

#[test]
fn each_theme() {
    for theme in ["dark", "light", "high-contrast", "mono"] {
        let mut model = running_selected();
        update(&mut model, ch('s'));
        insta::assert_debug_snapshot!(format!("theme_{theme}"), buffer(&model, theme, 100, 16));
    }
}

/// Operations under faults: a poll reconnecting, a poll stopped by a permanent error, an
/// operation rolling back, one cancelled; the pane says which is which.
#[test]
fn operations_pane_under_faults() {
    let mut model = loaded(6);
    let ids: Vec<String> = model.instances.items.iter().map(|i| i.id.clone()).collect();
    let api = |code| crate::api::ApiError {
        code,
        message: "injected".into(),
        request_id: "req-1".into(),
        details: vec![],
    };
    let answers = [
        (
            "op-cancelled",
            Ok(operation(
                "op-cancelled",
                &ids[0],
                true,
                error(1, "operation cancelled"),
            )),
        ),
        (
            "op-rollback",
            Ok(operation(
                "op-rollback",
                &ids[1],
                false,
                error(10, "aborted"),
            )),
        ),
        ("op-denied", Err(api(tonic::Code::PermissionDenied))),
        ("op-reconnecting", Err(api(tonic::Code::Unavailable))),
    ];
    for (n, (op_id, result)) in answers.into_iter().enumerate() {
        update(
            &mut model,
            Msg::Started {
                mutation: Mutation::Power {
                    action: PowerAction::Stop,
                    instance_id: ids[n].clone(),
                },
                result: Ok(operation(op_id, &ids[n], false, None)),
            },
        );
        update(
            &mut model,
            Msg::OperationPolled {
                id: op_id.into(),
                poll: 0,
                result,
            },
        );
    }
    model.toasts.clear();
    update(&mut model, Msg::Tick(now() + Duration::from_secs(3)));
    let screen = text(&model, 160, 12);
    // The state column is narrow: the code is read in full with Enter.
    for expected in [
        "cancelled",
        "rolling back: AB",
        "? not watched: PER",
        "reconnecting: UN",
        "(2 running)",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert!(!screen.contains("✗"), "nothing here failed:\n{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_first_frame_shows_the_startup_phase_before_anything_is_loaded() {
    use crate::app::{fixtures::settings, model::Startup};
    let mut model = Model::new(
        crate::app::Settings {
            source: "https://api.test".into(),
            folder_id: None,
            ..settings(crate::keymap::Keymap::default())
        },
        now(),
        (120, 30),
    );
    update(&mut model, Msg::Starting(Startup::Connecting));
    let frame = text(&model, 120, 30);
    let header = frame.lines().next().unwrap_or_default();
    assert!(header.contains("https://api.test"), "{header}");
    assert!(header.contains("connecting…"), "{header}");
    assert!(!header.contains("folder"), "{header}");
    assert!(frame.contains("loading…"), "{frame}");
    update(&mut model, Msg::Starting(Startup::Authenticating));
    let frame = text(&model, 120, 30);
    assert!(
        frame
            .lines()
            .next()
            .unwrap_or_default()
            .contains("authenticating…")
    );
}

#[test]
fn details_show_the_row_while_loading_then_the_fetched_fields() {
    let mut model = loaded(3);
    update(&mut model, key(KeyCode::Enter));
    let loading = text(&model, 120, 40);
    assert!(loading.contains("loading…"), "{loading}");
    assert!(
        loading.contains("10.128.0.10"),
        "the row's address: {loading}"
    );
    assert!(
        !loading.contains("web-00.ru-central1.internal"),
        "the fqdn is not in the row: {loading}"
    );
    update(
        &mut model,
        Msg::DetailsLoaded(Box::new(DetailsData {
            instance: instance(0, Status::Running),
            ..Default::default()
        })),
    );
    let loaded = text(&model, 120, 40);
    assert!(!loaded.contains("loading…"), "{loaded}");
    assert!(loaded.contains("web-00.ru-central1.internal"), "{loaded}");
}
