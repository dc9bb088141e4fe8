//! Tests of `AttachDraft::validate`: each rule's rejection and the exact request built.

use super::*;
use crate::api::proto::yandex::cloud::compute::v1::IpVersion;

fn ctx() -> ValidationContext {
    ValidationContext {
        instance_zone: "ru-central1-a".into(),
        used_indexes: BTreeSet::from([0]),
        subnet: Some(Subnet {
            id: "subnet-a".into(),
            zone_id: "ru-central1-a".into(),
            network_id: "net-1".into(),
            v4_cidr_blocks: vec!["10.128.0.0/24".into()],
            ..Default::default()
        }),
        used_addresses: HashSet::from([Ipv4Addr::new(10, 128, 0, 3)]),
        dns_zones: HashMap::from([("zone-1".into(), "example.com.".into())]),
        network_security_groups: vec!["sg-1".into(), "sg-2".into()],
        free_static_addresses: vec![Ipv4Addr::new(203, 0, 113, 10)],
    }
}

fn draft() -> AttachDraft {
    AttachDraft {
        instance_id: "inst-1".into(),
        index: "1".into(),
        subnet_id: "subnet-a".into(),
        security_group_ids: vec!["sg-1".into()],
        ..Default::default()
    }
}

/// Validates and expects exactly one error, on `field`, containing `rule`.
fn rejects(d: &AttachDraft, c: &ValidationContext, field: Field, rule: &str) {
    let errs = d.validate(c).expect_err(rule);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field, field, "{errs:?}");
    assert!(errs[0].message.contains(rule), "{}", errs[0]);
    assert!(
        errs[0].to_string().starts_with(&field.api_name()),
        "{}",
        errs[0]
    );
}

/// `rejects` (in `ctx()`) for each case: the draft `with` the case's value, and its rule.
fn rejects_each(field: Field, cases: &[(&str, &str)], with: impl Fn(&str) -> AttachDraft) {
    for &(value, rule) in cases {
        rejects(&with(value), &ctx(), field, rule);
    }
}

/// The address spec of the request `d` makes in `ctx()`, which must be valid.
fn address_spec(d: &AttachDraft) -> PrimaryAddressSpec {
    d.validate(&ctx())
        .expect("valid")
        .primary_v4_address_spec
        .expect("spec")
}

#[test]
fn minimal_draft_builds_minimal_request() {
    let req = draft().validate(&ctx()).expect("valid");
    assert_eq!(
        req,
        AttachInstanceNetworkInterfaceRequest {
            instance_id: "inst-1".into(),
            network_interface_index: "1".into(),
            subnet_id: "subnet-a".into(),
            primary_v4_address_spec: Some(PrimaryAddressSpec::default()),
            security_group_ids: vec!["sg-1".into()],
        }
    );
}

#[test]
fn full_draft_builds_exact_request() {
    let d = AttachDraft {
        ipv4: "10.128.0.4".into(),
        nat: NatChoice::Static("203.0.113.10".into()),
        nat_ip_version: "ipv4".into(),
        internal_dns: vec![
            DnsRow::new("", "", "", false),
            DnsRow::new("vm", "zone-1", "600", true),
        ],
        nat_dns: vec![DnsRow::new("pub.example.com.", "zone-1", "", false)],
        security_group_ids: vec!["sg-1".into(), "sg-2".into()],
        ..draft()
    };
    let spec = address_spec(&d);
    assert_eq!(spec.address, "10.128.0.4");
    assert_eq!(
        spec.dns_record_specs,
        vec![DnsRecordSpec {
            fqdn: "vm".into(),
            dns_zone_id: "zone-1".into(),
            ttl: 600,
            ptr: true
        }]
    );
    let nat = spec.one_to_one_nat_spec.expect("nat");
    assert_eq!(nat.ip_version, IpVersion::Ipv4 as i32);
    assert_eq!(nat.address, "203.0.113.10");
    assert_eq!(nat.dns_record_specs[0].fqdn, "pub.example.com.");
    assert_eq!(nat.dns_record_specs[0].ttl, 0);
}

#[test]
fn ephemeral_nat_has_empty_address() {
    let d = AttachDraft {
        nat: NatChoice::Ephemeral,
        ..draft()
    };
    let spec = address_spec(&d);
    let nat = spec.one_to_one_nat_spec.expect("nat");
    assert_eq!(
        (nat.address.as_str(), nat.ip_version),
        ("", IpVersion::Ipv4 as i32)
    );
}

#[test]
fn instance_rules() {
    let d = AttachDraft {
        instance_id: String::new(),
        ..draft()
    };
    rejects(&d, &ctx(), Field::Instance, "an instance id is required");
    let full = ValidationContext {
        used_indexes: (0..8).collect(),
        ..ctx()
    };
    let d = AttachDraft {
        index: "9".into(),
        ..draft()
    };
    rejects(
        &d,
        &full,
        Field::Instance,
        "already has 8 network interfaces; at most 8",
    );
}

#[test]
fn index_rules() {
    let cases = [("0", "index 0 is already used"), ("16", "must be 0-15")];
    rejects_each(Field::Index, &cases, |index| AttachDraft {
        index: index.into(),
        ..draft()
    });
}

#[test]
fn subnet_rules() {
    let cases = [
        ("", "a subnet is required"),
        ("other", "subnet other was not found"),
    ];
    rejects_each(Field::Subnet, &cases, |subnet_id| AttachDraft {
        subnet_id: subnet_id.into(),
        ..draft()
    });
    rejects(
        &draft(),
        &ValidationContext {
            subnet: None,
            ..ctx()
        },
        Field::Subnet,
        "was not found",
    );
    let c = ValidationContext {
        instance_zone: "ru-central1-b".into(),
        ..ctx()
    };
    rejects(
        &draft(),
        &c,
        Field::Subnet,
        "the subnet must be in the instance's zone",
    );
    let mut c = ctx();
    if let Some(s) = c.subnet.as_mut() {
        s.v4_cidr_blocks = vec!["garbage".into()];
    }
    rejects(&draft(), &c, Field::Subnet, "has no IPv4 CIDR block");
}

#[test]
fn address_rules() {
    let cases = [
        ("010.128.0.4", "has a leading zero"),
        (
            "10.129.0.4",
            "10.129.0.4 is outside the subnet's CIDR 10.128.0.0/24",
        ),
        ("10.128.0.0", "10.128.0.0 is the subnet's network address"),
        ("10.128.0.1", "10.128.0.1 is the subnet's gateway address"),
        (
            "10.128.0.2",
            "10.128.0.2 is the subnet's DNS server address",
        ),
        (
            "10.128.0.255",
            "10.128.0.255 is the subnet's broadcast address",
        ),
        ("10.128.0.3", "10.128.0.3 is already in use in the subnet"),
    ];
    rejects_each(Field::Ipv4, &cases, |ipv4| AttachDraft {
        ipv4: ipv4.into(),
        ..draft()
    });
    let d = AttachDraft {
        ipv4: "10.128.0.1".into(),
        ..draft()
    };
    let err = d.validate(&ctx()).expect_err("gateway");
    assert_eq!(
        err[0].to_string(),
        "primary_v4_address_spec.address: 10.128.0.1 is the subnet's gateway address"
    );
}

#[test]
fn nat_rules() {
    let d = AttachDraft {
        nat: NatChoice::Ephemeral,
        nat_ip_version: "ipv6".into(),
        ..draft()
    };
    rejects(
        &d,
        &ctx(),
        Field::Nat,
        "IPv6 is not available for one-to-one NAT",
    );
    let static_cases = [
        ("", "choose a static address, or an ephemeral one"),
        (
            "203.0.113.1",
            "not a free static external address in zone ru-central1-a",
        ),
        ("203.0.113", "expected 4 dot-separated octets"),
    ];
    rejects_each(Field::NatAddress, &static_cases, |address| AttachDraft {
        nat: NatChoice::Static(address.into()),
        ..draft()
    });
}

#[test]
fn dns_rules() {
    let at = |target, row, part| Field::Dns { target, row, part };
    let internal = |r: DnsRow| AttachDraft {
        internal_dns: vec![DnsRow::default(), r],
        ..draft()
    };
    let internal_cases = [
        ("", "", "60", DnsPart::Fqdn, "a domain name is required"),
        (
            "a_b",
            "",
            "",
            DnsPart::Fqdn,
            "only ASCII letters, digits and hyphens",
        ),
        (
            "vm",
            "nope",
            "",
            DnsPart::Zone,
            "DNS zone nope was not found",
        ),
        (
            "vm.other.org.",
            "zone-1",
            "",
            DnsPart::Fqdn,
            "is not in the zone example.com.",
        ),
        ("vm", "", "86401", DnsPart::Ttl, "must be 0-86400 seconds"),
    ];
    for (fqdn, zone_id, ttl, part, rule) in internal_cases {
        let d = internal(DnsRow::new(fqdn, zone_id, ttl, false));
        rejects(&d, &ctx(), at(DnsTarget::Internal, 1, part), rule);
    }
    let d = AttachDraft {
        nat_dns: vec![DnsRow::new("vm", "", "", false)],
        ..draft()
    };
    rejects(
        &d,
        &ctx(),
        at(DnsTarget::Nat, 0, DnsPart::Fqdn),
        "need a one-to-one NAT address",
    );
    let d = AttachDraft {
        nat: NatChoice::Ephemeral,
        nat_dns: vec![DnsRow::new("vm", "", "x", false)],
        ..draft()
    };
    rejects(&d, &ctx(), at(DnsTarget::Nat, 0, DnsPart::Ttl), "not a TTL");
}

#[test]
fn security_group_rules() {
    let d = AttachDraft {
        security_group_ids: vec![],
        ..draft()
    };
    rejects(
        &d,
        &ctx(),
        Field::SecurityGroups,
        "at least 1 security group is required",
    );
    let d = AttachDraft {
        security_group_ids: vec!["sg-9".into()],
        ..draft()
    };
    rejects(
        &d,
        &ctx(),
        Field::SecurityGroups,
        "does not belong to the subnet's network",
    );
}

#[test]
fn reports_every_error_at_once() {
    let d = AttachDraft {
        instance_id: String::new(),
        index: "x".into(),
        subnet_id: String::new(),
        ipv4: "1.2.3".into(),
        nat: NatChoice::Static("9.9.9.9".into()),
        nat_ip_version: "ipv6".into(),
        internal_dns: vec![DnsRow::new("-a", "", "", false)],
        nat_dns: vec![DnsRow::new("b", "zz", "", false)],
        security_group_ids: vec![],
    };
    let fields: Vec<Field> = d
        .validate(&ctx())
        .expect_err("all bad")
        .iter()
        .map(|e| e.field)
        .collect();
    let dns = |target, part| Field::Dns {
        target,
        row: 0,
        part,
    };
    assert_eq!(
        fields,
        vec![
            Field::Instance,
            Field::Index,
            Field::Subnet,
            Field::Ipv4,
            Field::NatAddress,
            Field::Nat,
            dns(DnsTarget::Internal, DnsPart::Fqdn),
            dns(DnsTarget::Nat, DnsPart::Zone),
            Field::SecurityGroups,
        ]
    );
}
