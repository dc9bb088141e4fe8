//! Flow test of `e` (edit the selected interface) from keys against the embedded emulator:
//! web-1 is RUNNING; in its details `e` opens the form prefilled from interface 0, the group
//! `ssh-only` is added in the group list, Ctrl-S reviews only the changed path, Enter sends it,
//! the tracked operation finishes, and the emulator's instance has the new groups. A subnet
//! change on the RUNNING instance is refused before review. No sleeps: it waits on messages.

mod common;

use std::time::Duration;

use common::dashboard::{
    Dashboard, ctrl, last_toast, listed_with_ops_taking, open_details, press, run, typed,
};
use crossterm::event::KeyCode;
use ycdash::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::attach::{
        loads::Load,
        state::{Purpose, ReviewRequest, Stage},
    },
    emulator::seed,
    nic::update::PATH_GROUPS,
};

#[tokio::test]
async fn edit_the_groups_of_a_running_instance_from_keys() {
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed_with_ops_taking(Duration::from_millis(100), (140, 45)).await;

    // web-1's details.
    open_details(&cloud, &mut model, seed::RUNNING_INSTANCE_ID).await;
    let before = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .expect("web-1")
        .network_interfaces[0]
        .clone();
    assert!(
        !before
            .security_group_ids
            .contains(&seed::SSH_SG_ID.to_string())
    );

    // `e`: the form of interface 0, prefilled; its subnet's groups load with it.
    let effects = press(&mut model, KeyCode::Char('e'));
    let form = model.form.as_ref().expect("the edit form");
    assert_eq!(form.purpose, Purpose::Edit { index: 0 });
    assert_eq!(form.input.security_groups, before.security_group_ids);
    assert_eq!(form.input.subnet_id, before.subnet_id);
    run(&cloud, &mut model, effects, |m| {
        m.form
            .as_ref()
            .is_some_and(|f| f.loads.ready() && f.subnet_load == Some(Load::Ready))
    })
    .await;

    // The group list: `ssh-only` added.
    press(&mut model, KeyCode::Enter);
    typed(&mut model, "ssh-only");
    press(&mut model, KeyCode::Char(' '));
    press(&mut model, KeyCode::Enter);
    let mut wanted = before.security_group_ids.clone();
    wanted.push(seed::SSH_SG_ID.to_string());
    assert_eq!(
        model.form.as_ref().expect("form").input.security_groups,
        wanted
    );

    // Review: only the groups' path.
    assert!(ctrl(&mut model, 's').is_empty());
    let form = model.form.as_ref().expect("form");
    let Stage::Review {
        request: ReviewRequest::Update(Some(request)),
        ..
    } = &form.stage
    else {
        panic!("not in review: {:?} {}", form.stage, last_toast(&model));
    };
    let mask = request.update_mask.as_ref().expect("mask");
    assert_eq!(mask.paths, [PATH_GROUPS]);

    // Enter sends it; the operation is tracked to its end and the form closes.
    let effects = press(&mut model, KeyCode::Enter);
    assert_eq!(effects.len(), 1, "{effects:?}");
    run(&cloud, &mut model, effects, |m| {
        m.form.is_none() && m.ops.ops.first().is_some_and(|o| o.view.state.is_final())
    })
    .await;
    assert_eq!(model.ops.ops[0].view.state.label(), "done");
    assert!(
        last_toast(&model).contains("updated network interface 0 of web-1"),
        "{}",
        last_toast(&model)
    );
    let after = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .expect("web-1");
    assert_eq!(after.network_interfaces[0].security_group_ids, wanted);
    assert_eq!(after.status(), Status::Running, "no stop was needed");
    assert_eq!(after.network_interfaces[0].subnet_id, before.subnet_id);

    // A subnet change on the RUNNING instance is refused before review, naming ctrl-t.
    let effects = press(&mut model, KeyCode::Char('e'));
    run(&cloud, &mut model, effects, |m| {
        m.form.as_ref().is_some_and(|f| f.loads.ready())
    })
    .await;
    let form = model.form.as_mut().expect("form");
    form.focus = ycdash::app::attach::focus::Slot::Subnet;
    press(&mut model, KeyCode::Enter);
    let subnets = model.form.as_ref().expect("form").subnets.len();
    assert!(subnets > 1, "web-1's zone has more than one subnet");
    let current = model.form.as_ref().expect("form").input.subnet_id.clone();
    let other = model
        .form
        .as_ref()
        .expect("form")
        .subnets
        .iter()
        .find(|s| s.subnet.id != current)
        .map(|s| s.subnet.name.clone())
        .expect("another subnet");
    typed(&mut model, &other);
    press(&mut model, KeyCode::Enter);
    assert_ne!(model.form.as_ref().expect("form").input.subnet_id, current);
    assert!(ctrl(&mut model, 's').is_empty());
    assert_eq!(model.form.as_ref().expect("form").stage, Stage::Edit);
    let refusal = last_toast(&model);
    assert!(
        refusal.contains("RUNNING") && refusal.contains("ctrl-t stops it first"),
        "{refusal}"
    );
}
