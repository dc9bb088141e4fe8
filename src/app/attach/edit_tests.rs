//! The attach component in its edit mode alone: prefilled from the interface, its review holds
//! only the changed paths (or says nothing changes), a subnet change on a RUNNING instance is
//! refused before review naming the stop-first key, and refusals go back to their fields.

use crossterm::event::KeyCode;

use super::{
    AttachForm, AttachMsg, Outcome,
    focus::{DnsSlot, Slot},
    review::review_text,
    state::{Purpose, ReviewRequest, Stage, SubnetOptions},
    test_support::{ctrl, press, sent, subnet_options_answer, subnet_options_read, update},
};
use crate::{
    api::{
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::instance::Status,
    },
    app::{
        fixtures::{api_error, attach_answers, edited_instance},
        model::Level,
        msg::Effect,
        mutation::Mutation,
    },
    nic::{
        error::{DnsTarget, Field},
        update::{PATH_DNS, PATH_GROUPS, paths},
    },
};

/// The edit form of interface 0 with its options and its subnet's groups loaded.
fn form(status: Status) -> AttachForm {
    let mut form = AttachForm::edit(edited_instance(status), 0);
    let effects: Vec<Effect> = attach_answers(&form)
        .into_iter()
        .flat_map(|answer| update(&mut form, answer).effects)
        .collect();
    let (subnet_id, network_id, ticket) = subnet_options_read(&effects);
    assert_eq!(
        (subnet_id, network_id),
        ("e9bdefault-d", "enpdefault"),
        "the interface's own subnet loads its groups and used addresses"
    );
    let groups = SubnetOptions {
        used_addresses: ["10.130.0.5".parse().expect("address")].into(),
        groups: vec![
            ("sgdb".into(), "db".into()),
            ("sgssh".into(), "ssh".into()),
            ("sgweb".into(), "web".into()),
        ],
    };
    update(
        &mut form,
        subnet_options_answer("e9bdefault-d", ticket, groups),
    );
    form
}

/// From the groups field: the group list, `ssh` (second) toggled, closed.
fn add_ssh(form: &mut AttachForm) {
    assert_eq!(form.focus, Slot::SecurityGroups);
    press(form, KeyCode::Enter);
    press(form, KeyCode::Down);
    press(form, KeyCode::Char(' '));
    press(form, KeyCode::Enter);
}

fn update_request(form: &AttachForm) -> Option<ReviewRequest> {
    match &form.stage {
        Stage::Review { request, .. } => Some(request.clone()),
        _ => None,
    }
}

#[test]
fn prefills_the_interface_and_offers_only_what_an_update_changes() {
    let form = form(Status::Running);
    assert_eq!(form.purpose, Purpose::Edit { index: 0 });
    assert_eq!(form.input.subnet_id, "e9bdefault-d");
    assert_eq!(form.input.ipv4.address.text(), "10.130.0.5");
    assert_eq!(form.input.security_groups, ["sgweb"]);
    let dns = form.input.ipv4.rows(DnsTarget::Internal);
    assert_eq!(dns.len(), 1);
    assert_eq!(
        (
            dns[0].fqdn.text(),
            dns[0].zone_id.as_str(),
            dns[0].ttl.text()
        ),
        ("vm2", "dnsint", "600")
    );
    let slots = form.slots();
    assert!(!slots.contains(&Slot::Index) && !slots.contains(&Slot::Nat));
    assert!(!slots.contains(&Slot::DnsList(DnsTarget::Nat)));
    assert!(slots.contains(&Slot::Subnet) && slots.contains(&Slot::Ipv4));
    assert!(
        form.feedback.errors.is_empty(),
        "{:?}",
        form.feedback.errors
    );
}

#[test]
fn nothing_changed_reviews_as_nothing_and_sends_nothing() {
    let mut form = form(Status::Running);
    assert_eq!(ctrl(&mut form, 's'), Outcome::default());
    let request = update_request(&form).expect("in review");
    assert_eq!(request, ReviewRequest::Update(None));
    assert_eq!(review_text(&form, &request), None);
    let out = press(&mut form, KeyCode::Enter);
    assert!(out.effects.is_empty());
    assert_eq!(
        out.toast,
        Some((Level::Info, "nothing to change: nothing was sent".into()))
    );
    assert!(matches!(form.stage, Stage::Review { .. }));
}

#[test]
fn groups_on_a_running_instance_review_with_only_their_path_and_are_sent() {
    let mut form = form(Status::Running);
    add_ssh(&mut form);
    assert_eq!(form.input.security_groups, ["sgweb", "sgssh"]);
    assert_eq!(ctrl(&mut form, 's'), Outcome::default());
    let Some(ReviewRequest::Update(Some(request))) = update_request(&form) else {
        panic!("no update request: {:?}", form.stage);
    };
    assert_eq!(
        paths(&request).into_iter().collect::<Vec<_>>(),
        [PATH_GROUPS]
    );
    assert_eq!(request.security_group_ids, ["sgweb", "sgssh"]);
    assert_eq!(request.subnet_id, "");
    assert_eq!(request.primary_v4_address_spec, None);
    let review =
        review_text(&form, &ReviewRequest::Update(Some(request.clone()))).expect("a review");
    assert_eq!(review.mask.as_deref(), Some(PATH_GROUPS));
    let table: Vec<&str> = review.table.split_whitespace().collect();
    assert!(
        table.join(" ").ends_with("security groups web → web, ssh"),
        "{}",
        review.table
    );
    assert!(
        review.command.starts_with(
            "yc compute instance update-network-interface \\\n  --id fhm00000000000000002 \\\n"
        ),
        "{}",
        review.command
    );
    let out = press(&mut form, KeyCode::Enter);
    let update_nic = Mutation::UpdateNic(request);
    let (mutation, key) = sent(&out);
    assert_eq!(*mutation, update_nic);
    let key = key.to_string();
    // A refusal goes back to its field with everything kept; the same draft keeps its key.
    let refusal = api_error(tonic::Status::invalid_argument(
        "security_group_ids: security group sgssh belongs to another network",
    ));
    update(&mut form, AttachMsg::Refused(refusal));
    assert_eq!(form.stage, Stage::Edit);
    assert_eq!(form.focus, Slot::SecurityGroups);
    assert_eq!(form.input.security_groups, ["sgweb", "sgssh"]);
    assert_eq!(form.feedback.errors_for(Field::SecurityGroups).len(), 1);
    ctrl(&mut form, 's');
    let out = press(&mut form, KeyCode::Enter);
    assert_eq!(sent(&out), (&update_nic, key.as_str()));
}

#[test]
fn a_dns_change_masks_only_the_records() {
    let mut form = form(Status::Running);
    form.focus = Slot::Dns {
        target: DnsTarget::Internal,
        row: 0,
        part: DnsSlot::Ttl,
    };
    press(&mut form, KeyCode::Char('0'));
    ctrl(&mut form, 's');
    let Some(ReviewRequest::Update(Some(request))) = update_request(&form) else {
        panic!(
            "no update request: {:?} {:?}",
            form.stage, form.feedback.errors
        );
    };
    assert_eq!(paths(&request).into_iter().collect::<Vec<_>>(), [PATH_DNS]);
    let specs = &request
        .primary_v4_address_spec
        .as_ref()
        .expect("spec")
        .dns_record_specs;
    assert_eq!(specs[0].ttl, 6000);
    assert!(request.security_group_ids.is_empty());
}

#[test]
fn a_subnet_change_on_a_running_instance_is_refused_before_review() {
    let mut form = form(Status::Running);
    form.focus = Slot::Subnet;
    press(&mut form, KeyCode::Enter);
    press(&mut form, KeyCode::Down);
    let out = press(&mut form, KeyCode::Enter);
    assert_eq!(form.input.subnet_id, "e9bprod-d");
    assert!(matches!(
        out.effects.as_slice(),
        [Effect::LoadSubnetOptions { .. }]
    ));
    assert_eq!(
        form.input.ipv4.address.text(),
        "",
        "a moved interface gets an address of the new subnet"
    );
    // The subnet picker opens on the subnet chosen (the second), not on the first.
    form.focus = Slot::Subnet;
    press(&mut form, KeyCode::Enter);
    assert_eq!(form.picker.as_ref().map(|p| p.list.selected), Some(1));
    press(&mut form, KeyCode::Esc);
    let out = ctrl(&mut form, 's');
    let Some((Level::Error, text)) = out.toast else {
        panic!("expected a refusal, got {out:?}");
    };
    assert!(
        text.contains("RUNNING") && text.contains("ctrl-t stops it first"),
        "{text}"
    );
    assert_eq!(form.stage, Stage::Edit);
    assert!(
        form.feedback
            .errors_for(Field::Subnet)
            .iter()
            .any(|e| e.contains("only on a STOPPED instance")),
        "{:?}",
        form.feedback.errors
    );
    // Once STOPPED the refusal is gone.
    form.set_instance(edited_instance(Status::Stopped));
    assert_eq!(
        form.input.index.text(),
        "0",
        "the edited interface keeps its index"
    );
    assert!(form.edit_refusal("ctrl-t").is_none());
    assert!(
        form.feedback
            .errors_for(Field::Subnet)
            .iter()
            .all(|e| !e.contains("STOPPED"))
    );
}

#[test]
fn its_operation_ending_closes_the_form_with_the_update_named() {
    let mut form = form(Status::Running);
    add_ssh(&mut form);
    ctrl(&mut form, 's');
    press(&mut form, KeyCode::Enter);
    update(
        &mut form,
        AttachMsg::Accepted {
            operation_id: "op1".into(),
        },
    );
    let out = update(
        &mut form,
        AttachMsg::Finished {
            operation_id: "op1".into(),
            state: OpState::Done(OpResponse::Empty),
        },
    );
    assert!(out.close);
    assert_eq!(
        out.toast,
        Some((
            Level::Success,
            "updated network interface 0 of web-02".into()
        ))
    );
    assert_eq!(out.offer_start, None);
}
