//! Generated instances for `--instances N`: cheap, deterministic, in /12 subnets of `default`.

use super::{ids, seed, store::Store};
use crate::api::proto::yandex::cloud::{
    compute::v1::{Instance, NetworkInterface, PrimaryAddress, instance::Status},
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
    // Built in id order, so the store takes them in bulk with no sort.
    let mut order: Vec<(String, usize)> = (0..extra)
        .map(|n| (ids::derived("fhm", 1_000_000 + n as u64), n))
        .collect();
    order.sort_unstable();
    let instances = order
        .into_iter()
        .map(|(id, n)| generated(id, n, &subnet_ids));
    store.insert_instances(instances);
}

/// The `n`th generated instance, with id `id`.
fn generated(id: String, n: usize, subnet_ids: &[String]) -> Instance {
    let zone = n % 3;
    let status = if n % 5 == 4 {
        Status::Stopped
    } else {
        Status::Running
    };
    let mac_address = ids::mac(&id, "0");
    let mut inst = seed::base_instance(id, node_name(n), seed::FOLDER_ID, zone, n, status);
    let base = u32::from(Ipv4Addr::new(10, 16 * (zone as u8 + 1), 0, 0));
    let host = u32::try_from(n / 3).unwrap_or(0).saturating_add(16);
    inst.network_interfaces = vec![NetworkInterface {
        index: "0".into(),
        mac_address,
        subnet_id: subnet_ids[zone].clone(),
        primary_v4_address: Some(PrimaryAddress {
            address: dotted(base.saturating_add(host)),
            ..Default::default()
        }),
        primary_v6_address: None,
        security_group_ids: vec![seed::DEFAULT_SG_ID.into()],
    }];
    inst
}

// The seed makes 100k names and addresses: both are written by hand rather than with `format!`,
// which costs several times as much.

/// `node-NNNNNN`: `n` in at least six digits.
fn node_name(n: usize) -> String {
    let mut name = String::with_capacity(16);
    name.push_str("node-");
    push_decimal(&mut name, n as u64, 6);
    name
}

/// An IPv4 address in dotted decimal, as `Ipv4Addr`'s `Display` writes it.
fn dotted(ip: u32) -> String {
    let mut out = String::with_capacity(15);
    for (k, octet) in ip.to_be_bytes().into_iter().enumerate() {
        if k > 0 {
            out.push('.');
        }
        push_decimal(&mut out, u64::from(octet), 1);
    }
    out
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_decimal(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::instance_index::OrderField;

    /// The instances, their ids in each list order, and the addresses held per subnet.
    type Observed<'a> = (
        Vec<&'a Instance>,
        Vec<Vec<&'a str>>,
        Vec<Vec<(Ipv4Addr, &'a str)>>,
    );

    /// Everything a list or an address check can see of the store's instances.
    fn observed(store: &Store) -> Observed<'_> {
        let orders = [OrderField::Id, OrderField::Name, OrderField::CreatedAt]
            .into_iter()
            .flat_map(|order| [(order, false), (order, true)])
            .map(|(order, desc)| {
                store
                    .index()
                    .ids(seed::FOLDER_ID, order, desc, None)
                    .collect()
            })
            .collect();
        let mut subnets: Vec<&str> = store.subnets.iter().map(|s| s.id.as_str()).collect();
        subnets.sort_unstable();
        let used = subnets
            .into_iter()
            .map(|id| store.index().used(id).collect())
            .collect();
        (
            store.instances.values().map(|i| &**i).collect(),
            orders,
            used,
        )
    }

    #[test]
    fn names_and_addresses_read_as_format_writes_them() {
        for n in [0, 7, 42, 999_999, 1_000_000, 12_345_678] {
            assert_eq!(node_name(n), format!("node-{n:06}"));
        }
        for ip in [0, 1, 0x0a10_0010, 0x0aff_00ff, u32::MAX, 0xc0a8_6401] {
            assert_eq!(dotted(ip), Ipv4Addr::from(ip).to_string());
        }
    }

    #[test]
    fn the_bulk_seed_equals_inserting_one_by_one_in_number_order() {
        const EXTRA: usize = 3000;
        let bulk = seed::build(EXTRA);
        let mut one_by_one = seed::build(0);
        let demo = one_by_one.instances.len();
        let subnets: Vec<String> = (0..3u64).map(|z| ids::derived("e9b", 900 + z)).collect();
        one_by_one.subnets.extend(
            bulk.subnets
                .iter()
                .filter(|s| subnets.contains(&s.id))
                .cloned(),
        );
        for n in 0..EXTRA {
            let id = ids::derived("fhm", 1_000_000 + n as u64);
            one_by_one.insert_instance(generated(id, n, &subnets));
        }
        assert_eq!(bulk.instances.len(), demo + EXTRA);
        let (a, b) = (observed(&bulk), observed(&one_by_one));
        assert!(a.0 == b.0, "instances");
        assert!(a.1 == b.1, "orders");
        assert!(a.2 == b.2, "addresses");
        let used: usize = observed(&bulk).2.iter().map(Vec::len).sum();
        assert!(used > EXTRA, "{used}");
    }
}
