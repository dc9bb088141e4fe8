//! Tests of `UpdateDraft::validate` and `check_state`: only changed paths, every refusal.

use super::*;
use crate::api::proto::yandex::cloud::compute::v1::{DnsRecord, PrimaryAddress};
use crate::api::proto::yandex::cloud::vpc::v1::Subnet;
use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

fn nic() -> NetworkInterface {
    NetworkInterface {
        index: "0".into(),
        subnet_id: "subnet-a".into(),
        primary_v4_address: Some(PrimaryAddress {
            address: "10.128.0.5".into(),
            one_to_one_nat: None,
            dns_records: vec![DnsRecord {
                fqdn: "vm".into(),
                dns_zone_id: "zone-1".into(),
                ttl: 300,
                ptr: false,
            }],
        }),
        security_group_ids: vec!["sg-1".into()],
        ..Default::default()
    }
}

fn subnet(id: &str, network: &str, cidr: &str) -> Subnet {
    Subnet {
        id: id.into(),
        zone_id: "ru-central1-a".into(),
        network_id: network.into(),
        v4_cidr_blocks: vec![cidr.into()],
        ..Default::default()
    }
}

/// The context as loaded for `subnet`.
fn ctx(subnet: Subnet, groups: &[&str]) -> ValidationContext {
    ValidationContext {
        instance_zone: "ru-central1-a".into(),
        used_indexes: BTreeSet::from([0]),
        subnet: Some(subnet),
        used_addresses: HashSet::from([Ipv4Addr::new(10, 128, 0, 5), Ipv4Addr::new(10, 128, 0, 6)]),
        dns_zones: HashMap::from([("zone-1".into(), "example.com.".into())]),
        network_security_groups: groups.iter().map(|g| g.to_string()).collect(),
        free_static_addresses: vec![],
    }
}

fn same() -> ValidationContext {
    ctx(
        subnet("subnet-a", "net-1", "10.128.0.0/24"),
        &["sg-1", "sg-2"],
    )
}

fn draft() -> UpdateDraft {
    UpdateDraft {
        instance_id: "fhm1".into(),
        index: 0,
        ..UpdateDraft::default()
    }
}

fn mask(req: &UpdateInstanceNetworkInterfaceRequest) -> Vec<&str> {
    req.update_mask
        .iter()
        .flat_map(|m| m.paths.iter().map(String::as_str))
        .collect()
}

#[test]
fn groups_only() {
    let d = UpdateDraft {
        security_group_ids: Some(vec!["sg-2".into()]),
        ..draft()
    };
    let req = d
        .validate(&nic(), &same())
        .expect("valid")
        .expect("a change");
    assert_eq!(mask(&req), ["security_group_ids"]);
    assert_eq!(req.security_group_ids, ["sg-2"]);
    assert_eq!(req.subnet_id, "");
    assert_eq!(req.primary_v4_address_spec, None);
    assert_eq!(req.network_interface_index, "0");
}

#[test]
fn unchanged_values_are_not_in_the_mask() {
    let d = UpdateDraft {
        security_group_ids: Some(vec!["sg-1".into()]),
        subnet_id: Some("subnet-a".into()),
        ipv4: Some("10.128.0.5".into()),
        dns: Some(vec![DnsRow {
            fqdn: "vm".into(),
            zone_id: "zone-1".into(),
            ttl: "300".into(),
            ptr: false,
        }]),
        ..draft()
    };
    assert_eq!(d.validate(&nic(), &same()), Ok(None));
}

#[test]
fn address_and_dns_in_one_spec() {
    let d = UpdateDraft {
        ipv4: Some("10.128.0.9".into()),
        dns: Some(vec![]),
        ..draft()
    };
    let req = d
        .validate(&nic(), &same())
        .expect("valid")
        .expect("a change");
    assert_eq!(
        mask(&req),
        [
            "primary_v4_address_spec.address",
            "primary_v4_address_spec.dns_record_specs"
        ]
    );
    let spec = req.primary_v4_address_spec.expect("spec");
    assert_eq!(spec.address, "10.128.0.9");
    assert!(spec.dns_record_specs.is_empty());
}

#[test]
fn new_subnet_needs_groups_of_its_network() {
    let other = ctx(subnet("subnet-p", "net-2", "172.16.0.0/24"), &["sg-p"]);
    let d = UpdateDraft {
        subnet_id: Some("subnet-p".into()),
        ..draft()
    };
    let errs = d.validate(&nic(), &other).expect_err("groups");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, Field::SecurityGroups);
    assert!(
        errs[0]
            .message
            .contains("give the new network's groups with --sg"),
        "{}",
        errs[0]
    );
    let d = UpdateDraft {
        security_group_ids: Some(vec!["sg-p".into()]),
        ..d
    };
    let req = d
        .validate(&nic(), &other)
        .expect("valid")
        .expect("a change");
    assert_eq!(mask(&req), ["security_group_ids", "subnet_id"]);
    assert_eq!(req.subnet_id, "subnet-p");
}

#[test]
fn refusals_name_their_field() {
    let ipv4 = |address: &str| UpdateDraft {
        ipv4: Some(address.into()),
        ..draft()
    };
    let groups = |ids: &[&str]| UpdateDraft {
        security_group_ids: Some(ids.iter().map(|id| id.to_string()).collect()),
        ..draft()
    };
    let other_subnet = UpdateDraft {
        subnet_id: Some("subnet-x".into()),
        ..draft()
    };
    let cases = [
        (ipv4("10.128.0.6"), Field::Ipv4, "already in use"),
        (ipv4("10.128.0.1"), Field::Ipv4, "gateway"),
        (ipv4("10.9.0.9"), Field::Ipv4, "outside the subnet"),
        (ipv4("10.128.0"), Field::Ipv4, "octets"),
        (other_subnet, Field::Subnet, "was not found"),
        (groups(&[]), Field::SecurityGroups, "at least 1"),
        (groups(&["sg-9"]), Field::SecurityGroups, "does not belong"),
    ];
    for (d, field, rule) in cases {
        let errs = d.validate(&nic(), &same()).expect_err(rule);
        assert_eq!(errs[0].field, field, "{errs:?}");
        assert!(errs[0].message.contains(rule), "{}", errs[0]);
    }
    let bad_dns = UpdateDraft {
        dns: Some(vec![DnsRow {
            fqdn: "vm".into(),
            zone_id: "zone-9".into(),
            ..DnsRow::default()
        }]),
        ..draft()
    };
    let errs = bad_dns.validate(&nic(), &same()).expect_err("zone");
    assert!(
        errs[0]
            .to_string()
            .starts_with("primary_v4_address_spec.dns_record_specs[0]"),
        "{}",
        errs[0]
    );
}

#[test]
fn state_rules() {
    let inst = |status: instance::Status| Instance {
        id: "fhm1".into(),
        status: status as i32,
        ..Default::default()
    };
    use instance::Status::*;
    assert_eq!(check_state(&inst(Running), false), Ok(()));
    assert_eq!(check_state(&inst(Stopped), true), Ok(()));
    let err = check_state(&inst(Running), true).expect_err("moves");
    assert!(err.contains("is RUNNING; stop it first"), "{err}");
    assert!(err.contains("STOPPED"), "{err}");
    let err = check_state(&inst(Updating), false).expect_err("busy");
    assert!(err.contains("is UPDATING"), "{err}");
}

#[test]
fn moves_when_subnet_or_address_differ() {
    assert!(!draft().moves(&nic()));
    let same = UpdateDraft {
        subnet_id: Some("subnet-a".into()),
        ipv4: Some("10.128.0.5".into()),
        security_group_ids: Some(vec!["sg-2".into()]),
        ..draft()
    };
    assert!(!same.moves(&nic()));
    assert!(
        UpdateDraft {
            subnet_id: Some("subnet-b".into()),
            ..draft()
        }
        .moves(&nic())
    );
    assert!(
        UpdateDraft {
            ipv4: Some("10.128.0.9".into()),
            ..draft()
        }
        .moves(&nic())
    );
    assert!(
        !UpdateDraft {
            ipv4: Some(String::new()),
            ..draft()
        }
        .moves(&nic())
    );
}

#[test]
fn current_nic_lists_existing_indexes() {
    let inst = Instance {
        id: "fhm1".into(),
        network_interfaces: vec![nic()],
        ..Default::default()
    };
    assert!(current_nic(&inst, 0).is_ok());
    let err = current_nic(&inst, 3).expect_err("missing");
    assert!(
        err.contains("has no network interface 3; its interfaces are: 0"),
        "{err}"
    );
}
