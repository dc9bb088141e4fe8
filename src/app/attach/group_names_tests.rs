//! The form names the groups on its instance's interfaces by itself: once the instance and the
//! zone's subnets are known it lists each distinct network's groups once (none already named,
//! none the chosen subnet's options bring, none for the public IP form), and the review's table
//! shows their names; a failed read leaves the ids and is asked again with the next subnets.

use crate::{
    api::proto::yandex::cloud::compute::v1::{
        AttachInstanceNetworkInterfaceRequest, Instance, instance::Status,
    },
    app::{
        attach::{AttachForm, AttachMsg, loads::Part, review::nic_table, test_support::update},
        fixtures::{api_error, attach_options, instance},
        msg::Effect,
    },
};

/// `web-02`, STOPPED, with interfaces 0 and 1 in `default-d` (groups `sgweb`, then `sgdb` and
/// `sgweb`) and 2 in `prod-d` (group `sgprod`): two networks.
fn three_nics() -> Instance {
    let mut i = instance(2, Status::Stopped);
    let template = i.network_interfaces[0].clone();
    let nic = |index: &str, subnet: &str, groups: &[&str]| {
        let mut nic = template.clone();
        nic.index = index.into();
        nic.subnet_id = subnet.into();
        nic.security_group_ids = groups.iter().map(|g| g.to_string()).collect();
        nic
    };
    i.network_interfaces = vec![
        nic("0", "e9bdefault-d", &["sgweb"]),
        nic("1", "e9bdefault-d", &["sgdb", "sgweb"]),
        nic("2", "e9bprod-d", &["sgprod"]),
    ];
    i
}

/// Every part answered (`attach_options`); the effects those answers asked for.
fn answer_all(form: &mut AttachForm) -> Vec<Effect> {
    let id = form.instance.id.clone();
    attach_options(form.instance.clone())
        .into_iter()
        .flat_map(|loaded| {
            let msg = AttachMsg::Loaded {
                instance_id: id.clone(),
                part: loaded.part(),
                result: Ok(loaded),
            };
            update(form, msg).effects
        })
        .collect()
}

fn names_read(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadGroupNames { network_id } => Some(network_id.as_str()),
            _ => None,
        })
        .collect()
}

fn names(network_id: &str, groups: &[(&str, &str)]) -> AttachMsg {
    AttachMsg::GroupNames {
        network_id: network_id.into(),
        result: Ok(groups
            .iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()),
    }
}

/// The review's table for a new interface 3 in `default-d` with no groups.
fn table(form: &AttachForm) -> String {
    let request = AttachInstanceNetworkInterfaceRequest {
        instance_id: form.instance.id.clone(),
        network_interface_index: "3".into(),
        subnet_id: "e9bdefault-d".into(),
        ..Default::default()
    };
    nic_table(form, &request)
}

#[test]
fn each_network_of_the_interfaces_is_read_once_and_names_the_review_table() {
    let mut form = AttachForm::new(three_nics());
    let effects = answer_all(&mut form);
    assert_eq!(names_read(&effects), ["enpdefault", "enpprod"]);
    assert!(table(&form).contains("sgdb, sgweb"), "ids while unknown");

    update(
        &mut form,
        names("enpdefault", &[("sgdb", "db"), ("sgweb", "web")]),
    );
    update(&mut form, names("enpprod", &[("sgprod", "prod-default")]));
    let table = table(&form);
    assert!(table.contains("db, web"), "{table}");
    assert!(table.contains("prod-default"), "{table}");
    assert!(!table.contains("sgweb"), "{table}");

    let again = answer_all(&mut form);
    assert!(names_read(&again).is_empty(), "read once: {again:?}");
}

#[test]
fn names_known_already_are_not_read_again() {
    let mut form = AttachForm::new(three_nics());
    form.group_names.extend([
        ("sgweb".to_string(), "web".to_string()),
        ("sgdb".to_string(), "db".to_string()),
    ]);
    let effects = answer_all(&mut form);
    assert_eq!(names_read(&effects), ["enpprod"]);
}

#[test]
fn a_failed_read_leaves_the_ids_and_is_asked_again_with_the_next_subnets() {
    let mut form = AttachForm::new(three_nics());
    answer_all(&mut form);
    update(
        &mut form,
        AttachMsg::GroupNames {
            network_id: "enpprod".into(),
            result: Err(api_error(tonic::Status::unavailable("down"))),
        },
    );
    assert_eq!(form.group_name("sgprod"), "sgprod");
    let subnets = attach_options(form.instance.clone())
        .into_iter()
        .find(|l| l.part() == Part::Subnets);
    let msg = AttachMsg::Loaded {
        instance_id: form.instance.id.clone(),
        part: Part::Subnets,
        result: subnets.ok_or_else(|| api_error(tonic::Status::internal("no subnets"))),
    };
    let out = update(&mut form, msg);
    assert_eq!(names_read(&out.effects), ["enpprod"]);
}

#[test]
fn the_edit_form_reads_only_networks_its_subnet_options_do_not_bring() {
    let mut form = AttachForm::edit(three_nics(), 1);
    let effects = answer_all(&mut form);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::LoadSubnetOptions { network_id, .. } if network_id == "enpdefault"
        )),
        "{effects:?}"
    );
    assert_eq!(names_read(&effects), ["enpprod"]);
}

#[test]
fn the_public_ip_form_shows_no_groups_and_reads_none() {
    let mut form = AttachForm::public_ip(three_nics(), 0);
    let effects = answer_all(&mut form);
    assert!(names_read(&effects).is_empty(), "{effects:?}");
}

#[test]
fn an_interface_outside_the_loaded_subnets_keeps_its_ids_without_a_read() {
    let mut form = AttachForm::new(instance(2, Status::Stopped));
    let effects = answer_all(&mut form);
    assert!(names_read(&effects).is_empty(), "{effects:?}");
    assert_eq!(form.group_name("enpsg-web"), "enpsg-web");
}
