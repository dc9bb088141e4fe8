//! Snapshots of the attach form (empty, filled, with errors, a running instance), each picker,
//! the review screen, the edit form and its review and the detach dialogs, over `TestBackend`.

use super::tests::{details_model, draw_at_every_size, fill, press, text};
use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        Model, Msg,
        fixtures::{
            attach_model, ch, ctrl, edit_model, fill_required, form_instance_running, typed,
        },
        update,
    },
};

const W: u16 = 110;
const H: u16 = 34;

/// The form with its required fields filled (`fill_required`).
fn required() -> Model {
    let mut model = attach_model();
    fill_required(&mut model);
    model
}

/// Required fields, an address, a static public address with a public DNS record, and an
/// internal DNS record in a zone with PTR.
fn filled() -> Model {
    let mut model = required();
    fill(
        &mut model,
        &[
            // Groups -> index -> subnet -> internal IPv4.
            ("tab tab tab", "10.130.0.20"),
            ("tab space space enter enter tab ctrl-n", "vm1"),
            ("tab enter", "internal"),
            ("enter tab", "600"),
            ("tab space tab ctrl-n", "www.example.com."),
        ],
    );
    model
}

/// The form's views by snapshot name: each a model with keys pressed on it, and the size its
/// snapshot is drawn at.
fn views() -> Vec<(&'static str, Model, u16, u16)> {
    let views = [
        ("form_empty", attach_model(), "", W, H),
        ("form_filled", filled(), "", W, H),
        ("picker_subnet", attach_model(), "tab enter", W, 24),
        ("picker_groups", required(), "enter down", W, 24),
        (
            "picker_address",
            attach_model(),
            "tab tab tab space space enter",
            W,
            24,
        ),
        (
            "picker_zone",
            attach_model(),
            "tab tab tab tab ctrl-n tab enter",
            W,
            24,
        ),
        ("review", filled(), "ctrl-s", 120, 60),
    ];
    views
        .into_iter()
        .map(|(name, mut model, keys, width, height)| {
            press(&mut model, keys);
            (name, model, width, height)
        })
        .collect()
}

#[test]
fn form_views() {
    for (name, model, width, height) in views() {
        insta::assert_snapshot!(name, text(&model, width, height));
    }
}

#[test]
fn form_with_errors() {
    let mut model = attach_model();
    fill(
        &mut model,
        &[
            ("tab tab", "10.999.0.1"),
            ("tab tab ctrl-n", "bad_name"),
            ("tab tab", "99999"),
        ],
    );
    update(&mut model, ctrl('s'));
    insta::assert_snapshot!(text(&model, W, H));
}

#[test]
fn form_on_a_running_instance() {
    let mut model = attach_model();
    form_instance_running(&mut model);
    insta::assert_snapshot!(text(&model, W, 20));
}

#[test]
fn edit_form_and_review() {
    let mut model = edit_model(Status::Running);
    insta::assert_snapshot!("edit_form_running", text(&model, W, 20));
    // The group list: `ssh` added to `web`; the review shows only that change.
    press(&mut model, "enter down space enter ctrl-s");
    insta::assert_snapshot!("edit_review", text(&model, W, 40));
    // Nothing changed: the review says so.
    let mut model = edit_model(Status::Running);
    update(&mut model, ctrl('s'));
    insta::assert_snapshot!("edit_review_nothing", text(&model, W, 12));
}

#[test]
fn detach_dialogs() {
    let mut model = details_model();
    press(&mut model, "] D");
    insta::assert_snapshot!("detach_running_offers_stop", text(&model, 120, 30));
    // The question wraps, and the dialog grows with it: the buttons are never cut.
    for (width, height) in [(160, 45), (80, 24), (60, 14)] {
        let frame = text(&model, width, height);
        assert!(
            frame.contains("No       Yes"),
            "buttons cut at {width}x{height}:\n{frame}"
        );
        assert!(frame.contains("web-00 (fhm00000000000000000) is RUNNING"));
    }
    insta::assert_snapshot!("detach_running_offers_stop_80x24", text(&model, 80, 24));
    let mut model = details_model();
    if let Some(data) = model.details.as_mut().and_then(|d| d.data.as_mut()) {
        data.instance.set_status(Status::Stopped);
    }
    press(&mut model, "] D");
    insta::assert_snapshot!("detach_dialog", text(&model, 120, 30));
}

#[test]
fn every_small_size_draws_without_panic() {
    let views: Vec<Model> = views().into_iter().map(|(_, model, ..)| model).collect();
    draw_at_every_size(
        &views,
        (1..=90).step_by(7).chain([1, 2, 80, 120]),
        (1..=30).step_by(3).chain([1, 2, 24, 26]),
    );
}

#[test]
fn a_failed_stop_offers_ctrl_t_again() {
    let mut model = attach_model();
    let mut instance = form_instance_running(&mut model);
    update(&mut model, ctrl('t'));
    let dialog = text(&model, W, 20);
    assert!(dialog.contains("stop instance first"), "{dialog}");
    assert!(dialog.contains("No") && dialog.contains("Yes"), "{dialog}");
    update(&mut model, ch('y'));
    instance.set_status(Status::Stopping);
    update(
        &mut model,
        Msg::InstanceLoaded(Ok(Box::new(instance.clone()))),
    );
    assert!(text(&model, W, 20).contains("waiting for STOPPED"));
    // The stop failed and the cloud rolled the instance back.
    instance.set_status(Status::Running);
    update(&mut model, Msg::InstanceLoaded(Ok(Box::new(instance))));
    let screen = text(&model, W, 20);
    assert!(!screen.contains("waiting for STOPPED"), "{screen}");
    assert!(screen.contains("ctrl-t stops it first"), "{screen}");
}

#[test]
fn a_long_subnet_name_keeps_the_cidr_column_in_line() {
    let mut model = attach_model();
    if let Some(form) = model.form.as_mut() {
        form.subnets[0].subnet.name = "a-very-long-subnet-name-that-goes-on-and-on-and-on".into();
    }
    press(&mut model, "tab enter");
    let screen = text(&model, W, 24);
    let column = |cidr: &str| {
        let line = screen
            .lines()
            .find(|l| l.contains(cidr))
            .unwrap_or_else(|| panic!("no row with {cidr} in\n{screen}"));
        line.find(cidr).map(|byte| line[..byte].chars().count())
    };
    assert_eq!(column("10.130.0.0/24"), column("10.140.0.0/24"), "{screen}");
    assert!(
        screen.contains("a-very-long-subnet-name-tha…"),
        "cut with …:\n{screen}"
    );
}

/// The public IP form of `web-01` (`n` in details): a static address picked and a public DNS
/// record, then Ctrl-S's question.
#[test]
fn public_ip_form_and_its_question() {
    use crate::app::{
        attach::AttachForm,
        fixtures::{attach_answers, instance, loaded},
    };
    let mut model = loaded(3);
    let mut form = AttachForm::public_ip(instance(1, Status::Running), 0);
    let keymap = crate::keymap::Keymap::default();
    for answer in attach_answers(&form) {
        crate::app::attach::update(&mut form, answer, &keymap);
    }
    model.form = Some(form);
    press(&mut model, "space enter enter tab ctrl-n");
    typed(&mut model, "www");
    insta::assert_snapshot!("public_ip_form", text(&model, W, 20));
    update(&mut model, ctrl('s'));
    insta::assert_snapshot!("public_ip_question", text(&model, W, 20));
}

#[test]
fn a_loading_form_does_not_count_interfaces_it_has_not_read() {
    let mut model = crate::app::fixtures::loaded(5);
    update(&mut model, ch('a'));
    let loading = text(&model, W, H);
    assert!(loading.contains("interfaces loading…"), "{loading}");
    assert!(!loading.contains("interface(s)"), "{loading}");
    let read = text(&attach_model(), W, H);
    assert!(read.contains("interface(s), index"), "{read}");
    assert!(!read.contains("interfaces loading…"), "{read}");
}
