//! Snapshots of bulk actions: marked rows (marker column, count in the title), queued rows in
//! the operations pane, and the one confirmation naming the instances and the skipped ones.

use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        Model, Msg,
        fixtures::{ch, instance, now, page, settings},
        update,
    },
    keymap::Keymap,
    ui::tests::{press, text},
};

/// 20 RUNNING instances and the 3 STOPPED `web-20`..`web-22`, the first 20 and `web-20` marked.
fn marked() -> Model {
    let mut model = Model::new(settings(Keymap::default()), now(), (120, 40));
    crate::app::init(&mut model);
    let rows = (0..23)
        .map(|n| {
            instance(
                n,
                if n < 20 {
                    Status::Running
                } else {
                    Status::Stopped
                },
            )
        })
        .collect();
    page(&mut model, rows, "");
    model.header.folder_name = Some("demo".into());
    for _ in 0..21 {
        update(&mut model, ch(' '));
    }
    model
}

/// `marked()` with `s` pressed: the one confirmation of the bulk stop.
fn confirming_stop() -> Model {
    let mut model = marked();
    update(&mut model, ch('s'));
    model
}

#[test]
fn bulk_stop_confirmation_names_targets_and_the_skipped() {
    insta::assert_snapshot!(text(&confirming_stop(), 100, 30));
}

#[test]
fn marked_rows_and_queued_operations() {
    let mut model = confirming_stop();
    press(&mut model, "y");
    assert_eq!(model.ops.queued.len(), 5);
    insta::assert_snapshot!(text(&model, 120, 40));
}

#[test]
fn a_long_confirmation_keeps_its_buttons_on_a_short_screen() {
    let mut model = confirming_stop();
    update(&mut model, Msg::Resize(60, 14));
    let screen = text(&model, 60, 14);
    assert!(screen.contains("No"), "{screen}");
    assert!(screen.contains("Yes"), "{screen}");
    assert!(screen.contains("…"), "{screen}");
}
