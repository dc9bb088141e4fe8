//! `update()` tests of the instance list: paging, navigation, filter, sort, refresh merging, scale.

use std::time::Duration;

use crossterm::event::KeyCode;

use crate::app::{
    Effect, Msg,
    fixtures::{
        ch, instance, instances, key, loaded, now, page, pressed, selected_name, settings, started,
        typed,
    },
    model::Connection,
    update,
};
use crate::{
    api::{ApiError, proto::yandex::cloud::compute::v1::instance::Status},
    keymap::Keymap,
};

#[test]
fn first_page_paints_at_once_and_later_pages_stream_in() {
    let (mut model, effects) = started(settings(Keymap::default()));
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
    pressed(&mut model, key(KeyCode::PageUp), 2);
    assert_eq!(model.instances.selected, 0);
}

#[test]
fn sort_cycles_columns_keeps_selection_and_reverses() {
    let mut model = loaded(12);
    pressed(&mut model, ch('j'), 2);
    let name = selected_name(&model);
    update(&mut model, ch('o'));
    assert_eq!(model.instances.sort.label(), "id");
    pressed(&mut model, ch('o'), 2);
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
    pressed(&mut model, ch('j'), 40);
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
            result: Err(err.clone()),
        },
    );
    assert_eq!(model.instances.items.len(), 5);
    assert!(
        matches!(model.header.connection, Connection::Reconnecting(ref code) if code == "UNAVAILABLE")
    );
    let told = |m: &crate::app::Model| {
        m.toasts
            .iter()
            .filter(|t| t.text.contains("down") && t.text.contains("request id r"))
            .count()
    };
    assert_eq!(told(&model), 1, "the whole error is told once");
    assert!(matches!(&effects[..], [Effect::ScheduleRefresh { .. }]));
    let effects = update(&mut model, Msg::RefreshDue { generation });
    assert!(matches!(&effects[..], [Effect::ListInstances { .. }]));
    let generation = model.listing.generation;
    update(
        &mut model,
        Msg::InstancesPage {
            generation,
            result: Err(err),
        },
    );
    assert_eq!(told(&model), 1, "the same failure again is not told twice");
}

#[test]
fn a_hundred_thousand_instances_stream_filter_and_keep_selection() {
    let (mut model, _) = started(settings(Keymap::default()));
    let all: Vec<_> = (0..100_000).map(|n| instance(n, Status::Running)).collect();
    let pages: Vec<_> = all.chunks(10_000).collect();
    for (n, chunk) in pages.iter().enumerate() {
        let next = if n + 1 == pages.len() { "" } else { "more" };
        page(&mut model, chunk.to_vec(), next);
    }
    assert_eq!(model.instances.view.len(), 100_000);
    update(&mut model, ch('G'));
    let last = selected_name(&model);
    typed(&mut model, "/web-9999");
    assert_eq!(
        model.instances.view.len(),
        11,
        "web-9999 and web-99990..99999"
    );
    update(&mut model, key(KeyCode::Esc));
    assert_eq!(selected_name(&model), last);
}

#[test]
fn an_idle_clock_tick_redraws_only_when_the_refresh_age_changes() {
    let mut model = loaded(3);
    let refreshed = model.header.last_refresh.expect("loaded");
    update(
        &mut model,
        Msg::Tick(refreshed + Duration::from_millis(200)),
    );
    model.dirty = false;
    update(
        &mut model,
        Msg::Tick(refreshed + Duration::from_millis(700)),
    );
    assert!(!model.dirty, "same second: nothing to redraw");
    update(
        &mut model,
        Msg::Tick(refreshed + Duration::from_millis(1200)),
    );
    assert!(model.dirty, "1s ago is new text");
}
