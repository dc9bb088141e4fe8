//! The attach form's reads, component alone: a new form asks for every part at once and each
//! section settles on its own answer; a picker reads its choices again when it opens (cached
//! list at once, fresh list replaces it with the cursor on the same item, a failure keeps the
//! old list and says so; an older read answering after a newer one is dropped); Enter with
//! nothing matching says so.

use crossterm::event::KeyCode;

use super::{
    AttachForm, AttachMsg, Outcome,
    choices::Refresh,
    loads::Load,
    loads::{Loaded, Part},
    state::SubnetOptions,
    test_support::{press, subnet_options_answer, subnet_options_read, update},
    tickets::Ticket,
};
use crate::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{
        fixtures::{FIRST_READS, api_error, attach_answers, instance},
        msg::Effect,
    },
};

fn answer(
    form: &AttachForm,
    result: Result<Loaded, tonic::Status>,
    part: Part,
    ticket: Ticket,
) -> AttachMsg {
    AttachMsg::Loaded {
        instance_id: form.instance.id.clone(),
        part,
        ticket,
        result: result.map_err(api_error),
    }
}

/// The ticket of the one part read `effects` ask for.
fn part_ticket(effects: &[Effect]) -> Ticket {
    match effects {
        [Effect::LoadAttachPart { ticket, .. }] => *ticket,
        other => panic!("expected one part read, got {other:?}"),
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
    let mut form = AttachForm::new(instance(2, Status::Stopped));
    let effects = super::update::open(&mut form);
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
        FIRST_READS,
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
        ticket: FIRST_READS,
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
    let msg = answer(&form, Ok(fresh), Part::Addresses, part_ticket(&out.effects));
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
    let out = open_address_picker(&mut form);
    let msg = answer(
        &form,
        Err(tonic::Status::unavailable("down")),
        Part::Addresses,
        part_ticket(&out.effects),
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
    let ticket = open_address_picker_again(&mut form);
    let fresh = Loaded::Addresses(vec![[84, 201, 130, 14].into()]);
    let msg = answer(&form, Ok(fresh), Part::Addresses, ticket);
    update(&mut form, msg);
    assert!(
        !form.feedback.errors.is_empty() && form.request().is_err(),
        "the taken address no longer validates"
    );
}

/// Enter on the static address again: the picker, read again; that read's ticket.
fn open_address_picker_again(form: &mut AttachForm) -> Ticket {
    let out = press(form, KeyCode::Enter);
    assert!(form.picker.is_some());
    part_ticket(&out.effects)
}

#[test]
fn the_group_picker_rereads_the_subnets_groups() {
    let mut form = loaded_form();
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Enter);
    let chosen = press(&mut form, KeyCode::Enter);
    let (_, _, ticket) = subnet_options_read(&chosen.effects);
    let subnet_id = form.input.subnet_id.clone();
    let groups = |names: &[&str]| SubnetOptions {
        used_addresses: Default::default(),
        groups: names
            .iter()
            .map(|n| (format!("sg{n}"), n.to_string()))
            .collect(),
    };
    let first = subnet_options_answer(&subnet_id, ticket, groups(&["db", "ssh"]));
    update(&mut form, first);
    while form.focus != super::focus::Slot::SecurityGroups {
        press(&mut form, KeyCode::Tab);
    }
    let out = press(&mut form, KeyCode::Enter);
    let (read, _, ticket) = subnet_options_read(&out.effects);
    assert_eq!(read, subnet_id);
    press(&mut form, KeyCode::Down);
    assert_eq!(form.cursor_id().as_deref(), Some("sgssh"));
    let fresh = subnet_options_answer(&subnet_id, ticket, groups(&["app", "db", "ssh"]));
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

#[test]
fn an_older_reread_answering_last_does_not_replace_the_newer_list() {
    let mut form = loaded_form();
    let first = part_ticket(&open_address_picker(&mut form).effects);
    press(&mut form, KeyCode::Esc);
    let second = open_address_picker_again(&mut form);
    assert!(second > first);
    let newer = Loaded::Addresses(vec![[84, 201, 130, 9].into()]);
    let msg = answer(&form, Ok(newer), Part::Addresses, second);
    update(&mut form, msg);
    let older = Loaded::Addresses(vec![[84, 201, 130, 12].into()]);
    let msg = answer(&form, Ok(older), Part::Addresses, first);
    update(&mut form, msg);
    assert_eq!(ids(&form), ["84.201.130.9"], "the newer read's list stays");
    let down = Err(tonic::Status::unavailable("down"));
    let msg = answer(&form, down, Part::Addresses, first);
    update(&mut form, msg);
    let picker = form.picker.as_ref().expect("open");
    assert_eq!(
        picker.refresh,
        Refresh::Fresh,
        "an older failure is dropped"
    );
}

#[test]
fn a_subnet_chosen_again_keeps_its_newest_options_when_an_older_read_answers_last() {
    let mut form = loaded_form();
    let options = |group: &str| {
        Ok(Box::new(SubnetOptions {
            used_addresses: Default::default(),
            groups: vec![(format!("sg{group}"), group.to_string())],
        }))
    };
    // Subnet default-d, then prod-d, then default-d again: three reads of options.
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Enter);
    let chosen = press(&mut form, KeyCode::Enter);
    let (default_d, _, first) = subnet_options_read(&chosen.effects);
    let default_d = default_d.to_string();
    let pick = |form: &mut AttachForm, down: bool| {
        press(form, KeyCode::BackTab);
        press(form, KeyCode::Enter);
        press(form, if down { KeyCode::Down } else { KeyCode::Up });
        let out = press(form, KeyCode::Enter);
        let (subnet, _, ticket) = subnet_options_read(&out.effects);
        (subnet.to_string(), ticket)
    };
    let (prod_d, _) = pick(&mut form, true);
    assert_ne!(prod_d, default_d);
    let (again, last) = pick(&mut form, false);
    assert_eq!(again, default_d);
    let newest = AttachMsg::SubnetOptions {
        subnet_id: default_d.clone(),
        ticket: last,
        result: options("app"),
    };
    update(&mut form, newest);
    let oldest = AttachMsg::SubnetOptions {
        subnet_id: default_d,
        ticket: first,
        result: options("db"),
    };
    update(&mut form, oldest);
    let groups: Vec<&str> = form.groups.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(groups, ["sgapp"], "the first read's late answer is dropped");
    assert_eq!(form.ctx.network_security_groups, ["sgapp"]);
}
