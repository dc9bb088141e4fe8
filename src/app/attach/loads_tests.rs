//! The attach form's reads, component alone: a new form asks for every part at once and each
//! section settles on its own answer; a picker reads its choices again when it opens (cached
//! list at once, fresh list replaces it with the cursor on the same item, a failure keeps the
//! old list and says so); Enter with nothing matching says so.

use crossterm::event::KeyCode;

use super::{
    AttachForm, AttachMsg, Outcome,
    choices::Refresh,
    loads::Load,
    loads::{Loaded, Part},
    state::SubnetOptions,
    test_support::{press, update},
};
use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        fixtures::{api_error, attach_answers, instance},
        msg::Effect,
    },
};

fn answer(form: &AttachForm, result: Result<Loaded, tonic::Status>, part: Part) -> AttachMsg {
    AttachMsg::Loaded {
        instance_id: form.instance.id.clone(),
        part,
        result: result.map_err(api_error),
    }
}

fn loaded_form() -> AttachForm {
    let mut form = AttachForm::new(instance(2, Status::Stopped));
    for msg in attach_answers(&form) {
        update(&mut form, msg);
    }
    form
}

/// Focus on the public IP, static, then Enter: the address picker.
fn open_address_picker(form: &mut AttachForm) -> Outcome {
    for _ in 0..3 {
        press(form, KeyCode::Tab);
    }
    press(form, KeyCode::Char(' '));
    press(form, KeyCode::Char(' '));
    press(form, KeyCode::Enter)
}

fn ids(form: &AttachForm) -> Vec<String> {
    form.filtered().into_iter().map(|i| i.id).collect()
}

#[test]
fn a_new_form_reads_every_part_in_one_batch_and_each_section_settles_alone() {
    let form = AttachForm::new(instance(2, Status::Stopped));
    let effects = super::update::open(&form);
    let parts: Vec<Part> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadAttachPart {
                part,
                folder_id,
                zone_id,
                ..
            } if *folder_id == form.instance.folder_id && *zone_id == form.instance.zone_id => {
                Some(*part)
            }
            _ => None,
        })
        .collect();
    assert_eq!(parts, Part::ALL, "every read asked at once, none waits");

    let mut form = form;
    let answers = attach_answers(&form);
    // Answers come in any order; the DNS zones first here.
    let zones = answers
        .iter()
        .find(|m| {
            matches!(
                m,
                AttachMsg::Loaded {
                    part: Part::DnsZones,
                    ..
                }
            )
        })
        .cloned();
    update(&mut form, zones.expect("a DNS zone answer"));
    assert_eq!(form.loads.dns_zones, Load::Ready);
    assert_eq!(form.loads.subnets, Load::Loading, "still on its way");
    assert!(!form.loads.settled());
    let refused = answer(
        &form,
        Err(tonic::Status::unavailable("down")),
        Part::Subnets,
    );
    update(&mut form, refused);
    assert!(matches!(form.loads.subnets, Load::Failed(_)));
    assert_eq!(form.loads.addresses, Load::Loading);
}

#[test]
fn an_answer_for_another_instance_is_dropped() {
    let mut form = AttachForm::new(instance(2, Status::Stopped));
    let stranger = AttachMsg::Loaded {
        instance_id: "someone-else".into(),
        part: Part::Addresses,
        result: Ok(Loaded::Addresses(vec![[1, 2, 3, 4].into()])),
    };
    update(&mut form, stranger);
    assert_eq!(form.loads.addresses, Load::Loading);
    assert!(form.ctx.free_static_addresses.is_empty());
}

#[test]
fn the_address_picker_rereads_shows_the_cache_meanwhile_and_drops_a_taken_address() {
    let mut form = loaded_form();
    let out = open_address_picker(&mut form);
    assert!(
        matches!(
            out.effects.as_slice(),
            [Effect::LoadAttachPart {
                part: Part::Addresses,
                ..
            }]
        ),
        "{:?}",
        out.effects
    );
    let picker = form.picker.as_ref().expect("open");
    assert_eq!(picker.refresh, Refresh::Reading);
    assert_eq!(
        ids(&form),
        ["84.201.130.12", "84.201.130.14"],
        "cached, at once"
    );
    press(&mut form, KeyCode::Down);
    // 84.201.130.12 was taken meanwhile; a new one was reserved before it.
    let fresh = Loaded::Addresses(vec![[84, 201, 130, 9].into(), [84, 201, 130, 14].into()]);
    let msg = answer(&form, Ok(fresh), Part::Addresses);
    update(&mut form, msg);
    assert_eq!(ids(&form), ["84.201.130.9", "84.201.130.14"]);
    let picker = form.picker.as_ref().expect("still open");
    assert_eq!(picker.refresh, Refresh::Fresh);
    assert_eq!(
        form.cursor_id().as_deref(),
        Some("84.201.130.14"),
        "the cursor stays on the same address"
    );
}

#[test]
fn a_failed_reread_keeps_the_old_list_and_says_so() {
    let mut form = loaded_form();
    open_address_picker(&mut form);
    let msg = answer(
        &form,
        Err(tonic::Status::unavailable("down")),
        Part::Addresses,
    );
    update(&mut form, msg);
    assert_eq!(ids(&form), ["84.201.130.12", "84.201.130.14"], "kept");
    let picker = form.picker.as_ref().expect("open");
    assert!(
        matches!(&picker.refresh, Refresh::Failed(why) if why.contains("UNAVAILABLE")),
        "{:?}",
        picker.refresh
    );
    assert_eq!(
        form.loads.addresses,
        Load::Ready,
        "what was read stays usable"
    );
}

#[test]
fn a_chosen_address_taken_since_is_refused_by_validation() {
    let mut form = loaded_form();
    open_address_picker(&mut form);
    press(&mut form, KeyCode::Enter);
    assert_eq!(form.input.ipv4.nat.address, "84.201.130.12");
    open_address_picker_again(&mut form);
    let fresh = Loaded::Addresses(vec![[84, 201, 130, 14].into()]);
    let msg = answer(&form, Ok(fresh), Part::Addresses);
    update(&mut form, msg);
    assert!(
        !form.feedback.errors.is_empty() && form.request().is_err(),
        "the taken address no longer validates"
    );
}

fn open_address_picker_again(form: &mut AttachForm) {
    let out = press(form, KeyCode::Enter);
    assert!(form.picker.is_some());
    assert_eq!(out.effects.len(), 1);
}

#[test]
fn the_group_picker_rereads_the_subnets_groups() {
    let mut form = loaded_form();
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Enter);
    press(&mut form, KeyCode::Enter);
    let subnet_id = form.input.subnet_id.clone();
    let groups = |names: &[&str]| SubnetOptions {
        used_addresses: Default::default(),
        groups: names
            .iter()
            .map(|n| (format!("sg{n}"), n.to_string()))
            .collect(),
    };
    let first = AttachMsg::SubnetOptions {
        subnet_id: subnet_id.clone(),
        result: Ok(Box::new(groups(&["db", "ssh"]))),
    };
    update(&mut form, first);
    while form.focus != super::focus::Slot::SecurityGroups {
        press(&mut form, KeyCode::Tab);
    }
    let out = press(&mut form, KeyCode::Enter);
    assert!(
        matches!(&out.effects[..], [Effect::LoadSubnetOptions { subnet_id: s, .. }] if *s == subnet_id),
        "{:?}",
        out.effects
    );
    press(&mut form, KeyCode::Down);
    assert_eq!(form.cursor_id().as_deref(), Some("sgssh"));
    let fresh = AttachMsg::SubnetOptions {
        subnet_id,
        result: Ok(Box::new(groups(&["app", "db", "ssh"]))),
    };
    update(&mut form, fresh);
    assert_eq!(ids(&form), ["sgapp", "sgdb", "sgssh"]);
    assert_eq!(form.cursor_id().as_deref(), Some("sgssh"), "kept by id");
    assert_eq!(form.subnet_load, Some(Load::Ready));
}

#[test]
fn enter_with_no_match_keeps_the_picker_open_and_says_so() {
    let mut form = loaded_form();
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Enter);
    for c in "zzz".chars() {
        press(&mut form, KeyCode::Char(c));
    }
    let out = press(&mut form, KeyCode::Enter);
    assert!(out.effects.is_empty());
    assert!(form.input.subnet_id.is_empty(), "nothing chosen");
    let picker = form.picker.as_ref().expect("still open");
    assert_eq!(
        picker.list.message.as_deref(),
        Some("nothing matches \"zzz\"")
    );
}
