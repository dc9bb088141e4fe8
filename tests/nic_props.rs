//! Property tests for `ycdash::nic`: no parser input panics, valid inputs round-trip, and
//! every request `validate` accepts satisfies the attach rules.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::Ipv4Addr;

use proptest::prelude::*;
use ycdash::api::proto::yandex::cloud::vpc::v1::Subnet;
use ycdash::nic::draft::{AttachDraft, DnsRow, ValidationContext};
use ycdash::nic::fields::{
    NatChoice, check_security_groups, parse_index, parse_ip_version, parse_nat_choice, parse_ttl,
};
use ycdash::nic::fqdn::{fits_zone, parse_fqdn};
use ycdash::nic::headless::parse_dns_flag;
use ycdash::nic::ipv4::{parse_cidr, parse_ipv4};
use ycdash::nic::preview::{request_json, yc_command};

/// Arbitrary text, biased towards the characters these parsers care about.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9./+\\- a-z_]{0,24}",
        "[0-9]{1,4}(\\.[0-9]{1,4}){0,5}(/[0-9]{0,3})?"
    ]
}

fn label() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
}

fn ctx() -> ValidationContext {
    ValidationContext {
        instance_zone: "ru-central1-a".into(),
        used_indexes: BTreeSet::from([0, 3]),
        subnet: Some(Subnet {
            id: "subnet-a".into(),
            zone_id: "ru-central1-a".into(),
            v4_cidr_blocks: vec!["10.128.0.0/28".into(), "bad".into()],
            ..Default::default()
        }),
        used_addresses: HashSet::from([Ipv4Addr::new(10, 128, 0, 3), Ipv4Addr::new(10, 128, 0, 5)]),
        dns_zones: HashMap::from([("zone-1".into(), "example.com.".into())]),
        network_security_groups: ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"]
            .map(String::from)
            .to_vec(),
        free_static_addresses: vec![Ipv4Addr::new(203, 0, 113, 10)],
    }
}

/// Mostly the first (valid) value, sometimes another listed one, sometimes anything.
fn pick(values: &'static [&'static str]) -> impl Strategy<Value = String> {
    let first = values.first().copied().unwrap_or_default().to_string();
    prop_oneof![
        8 => Just(first),
        3 => proptest::sample::select(values).prop_map(String::from),
        1 => text(),
    ]
}

fn dns_row() -> impl Strategy<Value = DnsRow> {
    (
        pick(&["", "vm", "vm.example.com.", "x.org.", "-a"]),
        pick(&["", "zone-1", "nope"]),
        pick(&["", "0", "600", "86401"]),
        any::<bool>(),
    )
        .prop_map(|(fqdn, zone_id, ttl, ptr)| DnsRow {
            fqdn,
            zone_id,
            ttl,
            ptr,
        })
}

fn draft() -> impl Strategy<Value = AttachDraft> {
    let nat = prop_oneof![
        Just(NatChoice::None),
        Just(NatChoice::Ephemeral),
        pick(&["203.0.113.10", "203.0.113.11", ""]).prop_map(NatChoice::Static),
    ];
    let all_groups = ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"]
        .map(String::from)
        .to_vec();
    let valid_groups = proptest::sample::subsequence(all_groups, 1..=5);
    let any_groups = proptest::collection::vec(
        pick(&["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6", "sg-x"]),
        0..8,
    );
    let groups = prop_oneof![3 => valid_groups, 1 => any_groups];
    (
        (
            pick(&["inst-1", ""]),
            pick(&["1", "0", "3", "7", "15", "16", "01"]),
            pick(&["subnet-a", "subnet-b", ""]),
        ),
        pick(&[
            "",
            "10.128.0.1",
            "10.128.0.3",
            "10.128.0.4",
            "10.128.0.14",
            "10.128.0.15",
            "10.128.1.4",
        ]),
        (nat, pick(&["", "ipv4", "ipv6"])),
        proptest::collection::vec(dns_row(), 0..3),
        proptest::collection::vec(dns_row(), 0..3),
        groups,
    )
        .prop_map(
            |(
                (instance_id, index, subnet_id),
                ipv4,
                (nat, nat_ip_version),
                internal_dns,
                nat_dns,
                security_group_ids,
            )| AttachDraft {
                instance_id,
                index,
                subnet_id,
                ipv4,
                nat,
                nat_ip_version,
                internal_dns,
                nat_dns,
                security_group_ids,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn no_parser_panics(a in text(), b in text(), list in proptest::collection::vec(text(), 0..7)) {
        let _ = parse_ipv4(&a);
        let _ = parse_cidr(&a);
        let _ = parse_fqdn(&a);
        let _ = fits_zone(&a, &b);
        let _ = parse_index(&a, &BTreeSet::from([1]));
        let _ = parse_ttl(&a);
        let _ = parse_nat_choice(&a);
        let _ = parse_ip_version(&a);
        let _ = parse_dns_flag(&a);
        let _ = check_security_groups(&list, std::slice::from_ref(&b));
        if let Ok(c) = parse_cidr(&a) {
            let _ = c.lowest_free(&HashSet::new());
            prop_assert_eq!(parse_cidr(&c.to_string()), Ok(c));
        }
    }

    #[test]
    fn strict_ipv4_agrees_with_std(s in text()) {
        if let Ok(addr) = parse_ipv4(&s) {
            prop_assert_eq!(s.parse::<Ipv4Addr>(), Ok(addr));
            prop_assert_eq!(addr.to_string(), s);
        }
    }

    #[test]
    fn ipv4_round_trips(octets in any::<[u8; 4]>()) {
        let addr = Ipv4Addr::from(octets);
        prop_assert_eq!(parse_ipv4(&addr.to_string()), Ok(addr));
    }

    #[test]
    fn addresses_in_cidr_are_contained(base in any::<u32>(), host in any::<u32>(), prefix in 0u32..=32) {
        let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
        let network = Ipv4Addr::from(base & mask);
        let cidr = parse_cidr(&format!("{network}/{prefix}")).expect("generated CIDR is valid");
        let addr = Ipv4Addr::from((base & mask) | (host & !mask));
        prop_assert!(cidr.contains(addr));
        prop_assert!(cidr.contains(cidr.broadcast()));
        if let Some(free) = cidr.lowest_free(&HashSet::from([addr])) {
            prop_assert!(cidr.contains(free));
            prop_assert!(cidr.reserved_role(free).is_none());
            prop_assert_ne!(free, addr);
        }
        if host & !mask != 0 {
            let with_host = format!("{addr}/{prefix}");
            prop_assert!(parse_cidr(&with_host).is_err());
        }
    }

    #[test]
    fn fqdn_from_valid_labels_passes(labels in proptest::collection::vec(label(), 1..4), dot in any::<bool>()) {
        let name = format!("{}{}", labels.join("."), if dot { "." } else { "" });
        let parsed = parse_fqdn(&name).expect("valid labels make a valid name");
        prop_assert_eq!(parsed.is_absolute(), dot);
        let in_zone = format!("{}.example.com.", labels.join("."));
        prop_assert!(fits_zone(&in_zone, "example.com.").is_ok());
    }

    #[test]
    fn fqdn_with_long_label_fails(labels in proptest::collection::vec(label(), 0..3), long in "[a-z0-9]{64,80}", at in 0usize..3) {
        let mut labels = labels;
        labels.insert(at.min(labels.len()), long);
        let err = parse_fqdn(&labels.join(".")).expect_err("a label over 63 characters");
        prop_assert!(err.contains("a label has 1-63") || err.contains("at most 253"), "{}", err);
    }

    #[test]
    fn ttl_in_range_accepted(ttl in 0i64..=86_400) {
        prop_assert_eq!(parse_ttl(&ttl.to_string()), Ok(Some(ttl)));
    }

    #[test]
    fn ttl_out_of_range_rejected(ttl in prop_oneof![86_401i64..=i64::MAX, i64::MIN..0]) {
        prop_assert!(parse_ttl(&ttl.to_string()).is_err());
    }

    #[test]
    fn validate_never_panics_and_ok_requests_follow_rules(d in draft()) {
        let ctx = ctx();
        match d.validate(&ctx) {
            Ok(req) => {
                let index: u32 = req.network_interface_index.parse().expect("index is a number");
                prop_assert!(index <= 15 && !ctx.used_indexes.contains(&index));
                prop_assert_eq!(&req.subnet_id, "subnet-a");
                let spec = req.primary_v4_address_spec.clone().expect("address spec");
                if !spec.address.is_empty() {
                    let addr = parse_ipv4(&spec.address).expect("strict address");
                    let cidr = parse_cidr("10.128.0.0/28").expect("cidr");
                    prop_assert!(cidr.contains(addr));
                    prop_assert!(cidr.reserved_role(addr).is_none());
                    prop_assert!(!ctx.used_addresses.contains(&addr));
                }
                let groups = &req.security_group_ids;
                prop_assert!(!groups.is_empty() && groups.len() <= 5);
                prop_assert_eq!(groups.iter().collect::<HashSet<_>>().len(), groups.len());
                for dns in spec.dns_record_specs.iter().chain(spec.one_to_one_nat_spec.iter().flat_map(|n| &n.dns_record_specs)) {
                    prop_assert!((0..=86_400).contains(&dns.ttl));
                    prop_assert!(parse_fqdn(&dns.fqdn).is_ok());
                }
                let _ = (request_json(&req), yc_command(&req));
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(!e.message.is_empty());
                    prop_assert!(e.to_string().starts_with(&e.field.api_name()));
                }
            }
        }
    }

    #[test]
    fn dns_flag_round_trips(fqdn in label(), zone in proptest::option::of("[a-z0-9]{1,20}"), ttl in proptest::option::of(0i64..=86_400), ptr in any::<bool>()) {
        let mut flag = fqdn.clone();
        if let Some(z) = &zone {
            flag.push_str(&format!(",zone={z}"));
        }
        if let Some(t) = ttl {
            flag.push_str(&format!(",ttl={t}"));
        }
        if ptr {
            flag.push_str(",ptr");
        }
        let row = parse_dns_flag(&flag).expect("well-formed flag");
        prop_assert_eq!(row, DnsRow {
            fqdn,
            zone_id: zone.unwrap_or_default(),
            ttl: ttl.map(|t| t.to_string()).unwrap_or_default(),
            ptr,
        });
    }
}
