//! `update()` tests of `e` in the details view: it opens the edit form of the selected
//! interface with the group names the details already read, and refuses in one line an
//! instance that is neither RUNNING nor STOPPED.

use std::collections::HashMap;

use crossterm::event::KeyCode;

use crate::api::proto::yandex::cloud::compute::v1::instance::Status;
use crate::app::{
    Effect, Msg,
    attach::state::Purpose,
    details::DetailsData,
    fixtures::{ch, instance, key, last_toast, loaded},
    model::Model,
    update,
};

/// The details of `web-00` in `status`, with two interfaces and the name of group `enpsg-web`.
fn details(status: Status) -> Model {
    let mut model = loaded(3);
    update(&mut model, key(KeyCode::Enter));
    let mut inst = instance(0, status);
    let mut second = inst.network_interfaces[0].clone();
    second.index = "1".into();
    second.security_group_ids = vec!["enpsg-db".into()];
    inst.network_interfaces.push(second);
    let data = DetailsData {
        instance: inst,
        security_groups: HashMap::from([
            ("enpsg-web".to_string(), "web".to_string()),
            ("enpsg-db".to_string(), "db".to_string()),
        ]),
        ..Default::default()
    };
    update(&mut model, Msg::DetailsLoaded(Box::new(data)));
    model
}

#[test]
fn e_edits_the_selected_interface_with_its_group_names() {
    let mut model = details(Status::Running);
    update(&mut model, ch(']'));
    let effects = update(&mut model, ch('e'));
    let form = model.form.as_ref().expect("the edit form");
    assert_eq!(form.purpose, Purpose::Edit { index: 1 });
    assert_eq!(form.input.security_groups, ["enpsg-db"]);
    assert_eq!(form.group_name("enpsg-db"), "db");
    assert_eq!(form.group_name("enpsg-web"), "web");
    assert_eq!(form.group_name("enpsg-unknown"), "enpsg-unknown");
    assert!(!effects.is_empty());
    assert!(
        effects.iter().all(
            |e| matches!(e, Effect::LoadAttachPart { instance_id, .. } if *instance_id == form.instance.id)
        ),
        "{effects:?}"
    );
}

#[test]
fn e_on_an_instance_in_transition_says_why_in_one_line() {
    let mut model = details(Status::Starting);
    assert!(update(&mut model, ch('e')).is_empty());
    assert!(model.form.is_none());
    let toast = last_toast(&model);
    assert!(
        toast.ends_with("is STARTING: an interface is edited only when it is RUNNING or STOPPED"),
        "{toast}"
    );
}
