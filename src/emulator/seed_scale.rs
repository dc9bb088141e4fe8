//! Generated instances for `--instances N`: cheap, deterministic, in /12 subnets of `default`.

use super::{ids, seed, store::Store};
use crate::api::proto::yandex::cloud::{
    compute::v1::{NetworkInterface, PrimaryAddress, instance::Status},
    vpc::v1::Subnet,
};
use std::net::Ipv4Addr;

/// Adds `extra` instances named `node-NNNNNN` to the demo folder (80% RUNNING, 20% STOPPED).
pub fn add(store: &mut Store, extra: usize) {
    if extra == 0 {
        return;
    }
    let subnet_ids: Vec<String> = (0..3u64).map(|z| ids::derived("e9b", 900 + z)).collect();
    for (z, id) in subnet_ids.iter().enumerate() {
        store.subnets.push(Subnet {
            id: id.clone(),
            folder_id: seed::FOLDER_ID.into(),
            created_at: Some(super::clock::ts(super::clock::SEED_EPOCH + 150_000)),
            name: format!("default-scale-{}", seed::ZONES[z]),
            network_id: seed::DEFAULT_NETWORK_ID.into(),
            zone_id: seed::ZONES[z].into(),
            v4_cidr_blocks: vec![format!("10.{}.0.0/12", 16 * (z + 1))],
            ..Default::default()
        });
    }
    for n in 0..extra {
        let zone = n % 3;
        let status = if n % 5 == 4 {
            Status::Stopped
        } else {
            Status::Running
        };
        let id = ids::derived("fhm", 1_000_000 + n as u64);
        let mut inst = seed::base_instance(
            &id,
            &format!("node-{n:06}"),
            seed::FOLDER_ID,
            zone,
            n,
            status,
        );
        let base = u32::from(Ipv4Addr::new(10, 16 * (zone as u8 + 1), 0, 0));
        let host = u32::try_from(n / 3).unwrap_or(0).saturating_add(16);
        inst.network_interfaces = vec![NetworkInterface {
            index: "0".into(),
            mac_address: ids::mac(&id, "0"),
            subnet_id: subnet_ids[zone].clone(),
            primary_v4_address: Some(PrimaryAddress {
                address: Ipv4Addr::from(base.saturating_add(host)).to_string(),
                ..Default::default()
            }),
            primary_v6_address: None,
            security_group_ids: vec![seed::DEFAULT_SG_ID.into()],
        }];
        store.insert_instance(inst);
    }
}
