//! Seed networking: networks, subnets, security groups, static addresses and DNS zones.

use super::seed::*;
use super::{clock, store::Store};
use crate::api::proto::yandex::cloud::{
    dns::v1::{DnsZone, PrivateVisibility, PublicVisibility},
    vpc::v1::{
        Address, ExternalIpv4Address, Network, SecurityGroup, Subnet, address, security_group,
    },
};
use std::collections::HashMap;

/// A seed network: (id, folder, name, default security group id, role groups as (id, name)).
type NetworkRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

pub fn network_layer(store: &mut Store) {
    let t = |i: i64| Some(clock::ts(clock::SEED_EPOCH + 86_400 + i * 60));
    // Each network with its default security group and its role groups.
    let networks: [NetworkRow; 3] = [
        (
            DEFAULT_NETWORK_ID,
            FOLDER_ID,
            "default",
            DEFAULT_SG_ID,
            &[
                (WEB_SG_ID, "web"),
                (SSH_SG_ID, "ssh-only"),
                (DB_SG_ID, "db"),
            ],
        ),
        (
            PROD_NETWORK_ID,
            FOLDER_ID,
            "prod-net",
            PROD_DEFAULT_SG_ID,
            &[(PROD_WEB_SG_ID, "web"), (PROD_DB_SG_ID, "db")],
        ),
        (
            STAGING_NETWORK_ID,
            STAGING_FOLDER_ID,
            "staging-net",
            STAGING_DEFAULT_SG_ID,
            &[(STAGING_WEB_SG_ID, "web")],
        ),
    ];
    // The n-th security group of the seed.
    let group = |n: usize, id: &str, network: &str, folder: &str, name: &str, default: bool| {
        SecurityGroup {
            id: id.into(),
            folder_id: folder.into(),
            created_at: t(10 + n as i64),
            name: name.into(),
            description: format!("{name} security group"),
            network_id: network.into(),
            status: security_group::Status::Active.into(),
            default_for_network: default,
            ..Default::default()
        }
    };
    for (i, (id, folder, name, sg, roles)) in networks.into_iter().enumerate() {
        store.networks.push(Network {
            id: id.into(),
            folder_id: folder.into(),
            created_at: t(i as i64),
            name: name.into(),
            description: format!("{name} network"),
            labels: HashMap::new(),
            default_security_group_id: sg.into(),
        });
        let default_name = format!("default-sg-{name}");
        let n = store.security_groups.len();
        store
            .security_groups
            .push(group(n, sg, id, folder, &default_name, true));
        for (group_id, role) in roles {
            let n = store.security_groups.len();
            store
                .security_groups
                .push(group(n, group_id, id, folder, role, false));
        }
    }
    let subnets = [
        (
            DEFAULT_SUBNET_IDS,
            DEFAULT_NETWORK_ID,
            "default",
            ["10.128.0.0/24", "10.129.0.0/24", "10.130.0.0/24"],
        ),
        (
            PROD_SUBNET_IDS,
            PROD_NETWORK_ID,
            "prod-net",
            ["172.16.0.0/24", "172.16.1.0/24", "172.16.2.0/24"],
        ),
    ];
    for (ids, network, prefix, cidrs) in subnets {
        for z in 0..3 {
            store.subnets.push(subnet(
                ids[z],
                FOLDER_ID,
                network,
                &format!("{prefix}-{}", ZONES[z]),
                z,
                cidrs[z],
            ));
        }
    }
    store.subnets.push(subnet(
        STAGING_SUBNET_ID,
        STAGING_FOLDER_ID,
        STAGING_NETWORK_ID,
        "staging-ru-central1-a",
        0,
        "10.10.0.0/24",
    ));
}

fn subnet(id: &str, folder: &str, network: &str, name: &str, zone: usize, cidr: &str) -> Subnet {
    Subnet {
        id: id.into(),
        folder_id: folder.into(),
        created_at: Some(clock::ts(clock::SEED_EPOCH + 90_000 + zone as i64)),
        name: name.into(),
        network_id: network.into(),
        zone_id: ZONES.get(zone).copied().unwrap_or(ZONES[0]).into(),
        v4_cidr_blocks: vec![cidr.into()],
        ..Default::default()
    }
}

pub fn addresses_and_zones(store: &mut Store) {
    let statics = [
        (USED_ADDRESS_ID, FOLDER_ID, "web-1-ip", USED_ADDRESS, 0),
        (
            "e2l6jm7r3h9cohc04sft",
            FOLDER_ID,
            "api-ip",
            "84.201.130.11",
            0,
        ),
        (
            "e2l1h4b7lvgrl463g55o",
            FOLDER_ID,
            "bastion-ip",
            "84.252.128.20",
            1,
        ),
        (FREE_ADDRESS_ID, FOLDER_ID, "spare-a", FREE_ADDRESS, 0),
        (FREE_ADDRESS_D_ID, FOLDER_ID, "spare-d", FREE_ADDRESS_D, 2),
        (
            "e2ls9qah65ceerqv2emv",
            STAGING_FOLDER_ID,
            "staging-spare",
            "84.201.140.5",
            0,
        ),
        (
            "e2lqpsj0827gfikrv9g9",
            STAGING_FOLDER_ID,
            "staging-b",
            "84.252.140.6",
            1,
        ),
    ];
    for (i, (id, folder, name, ip, zone)) in statics.into_iter().enumerate() {
        store.addresses.push(Address {
            id: id.into(),
            folder_id: folder.into(),
            created_at: Some(clock::ts(clock::SEED_EPOCH + 100_000 + i as i64 * 60)),
            name: name.into(),
            address: Some(address::Address::ExternalIpv4Address(ExternalIpv4Address {
                address: ip.into(),
                zone_id: ZONES[zone].into(),
                requirements: None,
            })),
            reserved: true,
            used: false,
            r#type: address::Type::External.into(),
            ip_version: address::IpVersion::Ipv4.into(),
            ..Default::default()
        });
    }
    let zone = |id: &str, folder: &str, name: &str, fqdn: &str, private: bool| DnsZone {
        id: id.into(),
        folder_id: folder.into(),
        created_at: Some(clock::ts(clock::SEED_EPOCH + 110_000)),
        name: name.into(),
        zone: fqdn.into(),
        private_visibility: private.then(|| PrivateVisibility {
            network_ids: vec![DEFAULT_NETWORK_ID.into()],
        }),
        public_visibility: (!private).then_some(PublicVisibility {}),
        ..Default::default()
    };
    store.dns_zones.push(zone(
        PUBLIC_ZONE_ID,
        FOLDER_ID,
        "example-com",
        "example.com.",
        false,
    ));
    store.dns_zones.push(zone(
        PRIVATE_ZONE_ID,
        FOLDER_ID,
        "internal",
        "internal.",
        true,
    ));
    store.dns_zones.push(zone(
        "dns3fdbns9dpf4dloktc",
        STAGING_FOLDER_ID,
        "staging-internal",
        "staging.internal.",
        true,
    ));
}
