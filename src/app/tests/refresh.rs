//! `update()` tests of re-listing a folder: pages merge into the rows by id (no second copy),
//! the automatic re-list adapts to how long a listing takes, details fetch the full instance.

use std::time::Duration;

use crossterm::event::KeyCode;

use crate::api::proto::yandex::cloud::compute::v1::instance::Status;
use crate::app::{
    Effect, Msg,
    details::DetailsData,
    fixtures::{
        ch, instance, instances, key, loaded, now, page, pressed, selected_id, settings, started,
    },
    update,
};

#[test]
fn a_refresh_merges_rows_page_by_page_keeping_the_selection() {
    let mut model = loaded(6);
    pressed(&mut model, ch('j'), 2);
    let kept = selected_id(&model);
    assert_eq!(kept, instance(2, Status::Stopped).id);
    update(&mut model, ch('r'));
    let mut fresh = instances(6);
    // web-00 is gone, web-02 changed status, web-06 is new.
    fresh.remove(0);
    fresh[1].set_status(Status::Running);
    fresh.push(instance(6, Status::Running));
    page(&mut model, fresh[..3].to_vec(), "more");
    assert_eq!(
        model.instances.find(&kept).map(|r| r.status()),
        Some(Status::Running),
        "the first page updated its rows in place: nothing is held beside them"
    );
    assert_eq!(model.instances.items.len(), 6);
    assert_eq!(selected_id(&model), kept);
    page(&mut model, fresh[3..].to_vec(), "");
    let mut ids: Vec<&str> = model
        .instances
        .items
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    ids.sort_unstable();
    let mut want: Vec<String> = fresh.iter().map(|i| i.id.clone()).collect();
    want.sort_unstable();
    assert_eq!(ids, want, "added, updated and removed by id");
    assert_eq!(model.instances.view.len(), 6);
    assert_eq!(selected_id(&model), kept, "the selection follows its id");
    assert_eq!(
        model.instances.selected, 1,
        "the row above the selection went away"
    );
    let changed = &fresh[1];
    assert_eq!(
        model.instances.find(&changed.id).map(|r| r.status()),
        Some(Status::Running)
    );
    assert!(model.instances.changed.contains_key(&changed.id));
    let counts = model.instances.counts();
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), 6);
}

#[test]
fn a_slow_listing_spaces_the_next_automatic_one_at_ten_times_its_duration() {
    let mut model = loaded(3);
    update(&mut model, ch('r'));
    update(&mut model, Msg::Tick(now() + Duration::from_secs(3)));
    let effects = page(&mut model, instances(3), "");
    assert!(
        matches!(&effects[..], [Effect::ScheduleRefresh { after, .. }] if *after == Duration::from_secs(30)),
        "3 s to list: the next re-list in 30 s, not 10: {effects:?}"
    );
    let generation = model.listing.generation;
    let effects = update(&mut model, Msg::RefreshDue { generation });
    assert!(matches!(&effects[..], [Effect::ListInstances { .. }]));
    update(&mut model, Msg::Tick(now() + Duration::from_millis(3_200)));
    let effects = page(&mut model, instances(3), "");
    assert!(
        matches!(&effects[..], [Effect::ScheduleRefresh { after, .. }] if *after == Duration::from_secs(10)),
        "a fast listing keeps refresh_seconds: {effects:?}"
    );
}

#[test]
fn r_forces_a_relist_even_before_the_timer() {
    let mut model = loaded(3);
    let before = model.listing.generation;
    let effects = update(&mut model, ch('r'));
    assert!(matches!(&effects[..], [Effect::ListInstances { .. }]));
    assert_eq!(model.listing.generation, before + 1);
}

#[test]
fn opening_details_fetches_the_full_instance_and_closing_drops_it() {
    let mut model = loaded(3);
    let effects = update(&mut model, key(KeyCode::Enter));
    let id = instance(0, Status::Running).id;
    assert_eq!(
        effects,
        [Effect::LoadDetails {
            instance_id: id.clone()
        }]
    );
    let details = model.details.as_ref().expect("details open at once");
    assert!(details.data.is_none(), "loading: nothing fetched yet");
    let mut full = instance(0, Status::Running);
    full.description = "the fetched copy".into();
    update(
        &mut model,
        Msg::DetailsLoaded(Box::new(DetailsData {
            instance: full.clone(),
            ..Default::default()
        })),
    );
    let shown = model.details.as_ref().and_then(|d| d.data.as_ref());
    assert_eq!(shown.map(|d| &d.instance), Some(&full));
    update(&mut model, key(KeyCode::Esc));
    assert!(
        model.details.is_none(),
        "the full copy goes with the details"
    );
}

#[test]
fn the_first_load_stays_at_the_top_unless_the_user_moved() {
    let (mut model, _) = started(settings(crate::keymap::Keymap::default()));
    let all = instances(20);
    page(&mut model, all[10..].to_vec(), "more");
    assert_eq!(
        model.instances.selected_row().map(|r| r.name.as_str()),
        Some("web-10")
    );
    page(&mut model, all[..10].to_vec(), "");
    assert_eq!(
        model.instances.selected_row().map(|r| r.name.as_str()),
        Some("web-00"),
        "rows sorting above the first page do not push the view down"
    );
    update(&mut model, ch('j'));
    update(&mut model, ch('r'));
    page(&mut model, all.clone(), "");
    assert_eq!(selected_id(&model), all[1].id, "a chosen row is followed");
}

#[test]
fn a_relist_streaming_rows_above_the_top_row_keeps_the_selection_on_the_first_row() {
    let all = instances(20);
    let mut model = loaded(0);
    page(&mut model, all[10..].to_vec(), "");
    assert_eq!(model.instances.selected, 0);
    update(&mut model, ch('r'));
    page(&mut model, all[10..].to_vec(), "more");
    page(&mut model, all[..4].to_vec(), "more");
    assert_eq!(model.instances.selected, 0);
    page(&mut model, all[4..10].to_vec(), "");
    assert_eq!(
        model.instances.selected_row().map(|r| r.name.as_str()),
        Some("web-00"),
        "the first row, not web-10 pushed down to the 11th"
    );
    assert_eq!(model.instances.offset, 0);
}
