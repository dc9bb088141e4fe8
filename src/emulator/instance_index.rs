//! Secondary indexes over the instances, so that lists, used addresses and address checks cost
//! what they return instead of a scan of every instance: per folder, the ids in each list order;
//! per subnet, the internal addresses its NICs hold.

use crate::api::proto::yandex::cloud::compute::v1::{Instance, NetworkInterface};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::Ipv4Addr;
use std::ops::Bound;

/// The orders `List` supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderField {
    Id,
    Name,
    CreatedAt,
}

/// A folder's instance ids in each order; ties broken by id.
#[derive(Default)]
struct FolderOrders {
    by_id: BTreeSet<String>,
    by_name: BTreeSet<(String, String)>,
    by_created: BTreeSet<((i64, i32), String)>,
}

/// See the module header.
#[derive(Default)]
pub struct InstanceIndex {
    folders: HashMap<String, FolderOrders>,
    /// Subnet id -> address -> the instance whose NIC holds it.
    addresses: HashMap<String, BTreeMap<u32, String>>,
}

fn created(inst: &Instance) -> (i64, i32) {
    inst.created_at.map_or((0, 0), |t| (t.seconds, t.nanos))
}

fn nic_ip(nic: &NetworkInterface) -> Option<u32> {
    nic.primary_v4_address
        .as_ref()
        .and_then(|a| a.address.parse::<Ipv4Addr>().ok())
        .map(u32::from)
}

/// Ids after `after` (exclusive) in a set ordered by `(key, id)`, ascending or descending.
fn walk<'a, K: Ord + Clone>(
    set: &'a BTreeSet<(K, String)>,
    after: Option<(K, String)>,
    desc: bool,
) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    let ids = move |(_, id): &'a (K, String)| id.as_str();
    match (after, desc) {
        (None, false) => Box::new(set.iter().map(ids)),
        (None, true) => Box::new(set.iter().rev().map(ids)),
        (Some(key), false) => {
            Box::new(set.range((Bound::Excluded(key), Bound::Unbounded)).map(ids))
        }
        (Some(key), true) => Box::new(
            set.range((Bound::Unbounded, Bound::Excluded(key)))
                .rev()
                .map(ids),
        ),
    }
}

/// The value kept for `key` in a short list of keyed values, added if missing.
fn slot<'s, 'k, T: Default>(slots: &'s mut Vec<(&'k str, T)>, key: &'k str) -> &'s mut T {
    let at = match slots.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            slots.push((key, T::default()));
            slots.len() - 1
        }
    };
    &mut slots[at].1
}

/// `set` plus `added`, built once: cheaper than a merge when `added` is the bulk of it. Sorted
/// here without the stable sort `collect` would do (equal elements of a set are alike), which
/// then only checks the order.
fn rebuild<T: Ord>(set: &mut BTreeSet<T>, mut added: Vec<T>) {
    added.extend(std::mem::take(set));
    added.sort_unstable();
    *set = added.into_iter().collect();
}

impl InstanceIndex {
    /// Indexes a new instance and its NICs.
    pub fn insert(&mut self, inst: &Instance) {
        let orders = match self.folders.get_mut(&inst.folder_id) {
            Some(orders) => orders,
            None => self.folders.entry(inst.folder_id.clone()).or_default(),
        };
        orders.by_id.insert(inst.id.clone());
        orders.by_name.insert((inst.name.clone(), inst.id.clone()));
        orders.by_created.insert((created(inst), inst.id.clone()));
        for nic in &inst.network_interfaces {
            self.add_nic(&inst.id, nic);
        }
    }

    /// Indexes many new instances as [`Self::insert`] does each, building each set in bulk
    /// (one sort, one build) instead of one tree insertion per key. Meant for a few folders and
    /// subnets at a time, as the seed adds: they are found by a linear search.
    pub fn insert_all<'a>(&mut self, instances: impl IntoIterator<Item = &'a Instance>) {
        #[derive(Default)]
        struct Keys {
            ids: Vec<String>,
            names: Vec<(String, String)>,
            created: Vec<((i64, i32), String)>,
        }
        let mut folders: Vec<(&str, Keys)> = Vec::new();
        let mut addresses: Vec<(&str, Vec<(u32, String)>)> = Vec::new();
        for inst in instances {
            let keys = slot(&mut folders, &inst.folder_id);
            keys.ids.push(inst.id.clone());
            keys.names.push((inst.name.clone(), inst.id.clone()));
            keys.created.push((created(inst), inst.id.clone()));
            for nic in &inst.network_interfaces {
                if let Some(ip) = nic_ip(nic) {
                    slot(&mut addresses, &nic.subnet_id).push((ip, inst.id.clone()));
                }
            }
        }
        for (folder_id, keys) in folders {
            let orders = self.folders.entry(folder_id.to_string()).or_default();
            rebuild(&mut orders.by_id, keys.ids);
            rebuild(&mut orders.by_name, keys.names);
            rebuild(&mut orders.by_created, keys.created);
        }
        for (subnet_id, used) in addresses {
            let held = self.addresses.entry(subnet_id.to_string()).or_default();
            // Rebuilt with the added addresses after the held ones: `collect` keeps the last of
            // equal keys, the same winner as inserting one by one.
            let mut all: Vec<(u32, String)> = std::mem::take(held).into_iter().collect();
            all.extend(used);
            *held = all.into_iter().collect();
        }
    }

    /// Forgets a deleted instance: its place in each order and its NICs' addresses.
    pub fn remove(&mut self, inst: &Instance) {
        if let Some(orders) = self.folders.get_mut(&inst.folder_id) {
            orders.by_id.remove(&inst.id);
            orders.by_name.remove(&(inst.name.clone(), inst.id.clone()));
            orders.by_created.remove(&(created(inst), inst.id.clone()));
        }
        for nic in &inst.network_interfaces {
            self.remove_nic(nic);
        }
    }

    /// Records the address a NIC (attached to `instance_id`) holds.
    pub fn add_nic(&mut self, instance_id: &str, nic: &NetworkInterface) {
        let Some(ip) = nic_ip(nic) else { return };
        let used = match self.addresses.get_mut(&nic.subnet_id) {
            Some(used) => used,
            None => self.addresses.entry(nic.subnet_id.clone()).or_default(),
        };
        used.insert(ip, instance_id.to_string());
    }

    /// Forgets the address of a detached NIC.
    pub fn remove_nic(&mut self, nic: &NetworkInterface) {
        if let (Some(ip), Some(used)) = (nic_ip(nic), self.addresses.get_mut(&nic.subnet_id)) {
            used.remove(&ip);
        }
    }

    /// The addresses NICs hold in a subnet, ascending, with the instance holding each.
    pub fn used(&self, subnet_id: &str) -> impl Iterator<Item = (Ipv4Addr, &str)> {
        self.addresses
            .get(subnet_id)
            .into_iter()
            .flatten()
            .map(|(ip, id)| (Ipv4Addr::from(*ip), id.as_str()))
    }

    /// Whether a NIC holds `ip` in the subnet.
    pub fn is_used(&self, subnet_id: &str, ip: u32) -> bool {
        self.addresses
            .get(subnet_id)
            .is_some_and(|used| used.contains_key(&ip))
    }

    /// A folder's instance ids in `order`, starting after the instance `after` (which must be
    /// in the folder for the walk to resume in place).
    pub fn ids<'a>(
        &'a self,
        folder_id: &str,
        order: OrderField,
        desc: bool,
        after: Option<&Instance>,
    ) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        let Some(orders) = self.folders.get(folder_id) else {
            return Box::new(std::iter::empty());
        };
        match order {
            OrderField::Id => {
                let ids = orders.by_id.iter().map(String::as_str);
                match (after, desc) {
                    (None, false) => Box::new(ids),
                    (None, true) => Box::new(ids.rev()),
                    (Some(a), false) => Box::new(
                        orders
                            .by_id
                            .range::<str, _>((Bound::Excluded(a.id.as_str()), Bound::Unbounded))
                            .map(String::as_str),
                    ),
                    (Some(a), true) => Box::new(
                        orders
                            .by_id
                            .range::<str, _>((Bound::Unbounded, Bound::Excluded(a.id.as_str())))
                            .rev()
                            .map(String::as_str),
                    ),
                }
            }
            OrderField::Name => walk(
                &orders.by_name,
                after.map(|a| (a.name.clone(), a.id.clone())),
                desc,
            ),
            OrderField::CreatedAt => walk(
                &orders.by_created,
                after.map(|a| (created(a), a.id.clone())),
                desc,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::PrimaryAddress;

    fn instance(id: &str, folder: &str, name: &str, seconds: i64, ip: &str) -> Instance {
        Instance {
            id: id.into(),
            folder_id: folder.into(),
            name: name.into(),
            created_at: Some(prost_types::Timestamp { seconds, nanos: 0 }),
            network_interfaces: vec![NetworkInterface {
                subnet_id: "s1".into(),
                primary_v4_address: Some(PrimaryAddress {
                    address: ip.into(),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn orders_resume_after_an_instance_in_both_directions() {
        let mut index = InstanceIndex::default();
        let all = [
            instance("a", "f", "zeta", 3, "10.0.0.5"),
            instance("b", "f", "alpha", 1, "10.0.0.4"),
            instance("c", "f", "alpha", 2, "10.0.0.6"),
            instance("d", "other", "beta", 0, "10.0.0.7"),
        ];
        for inst in &all {
            index.insert(inst);
        }
        let ids = |order, desc, after: Option<&Instance>| -> Vec<&str> {
            index.ids("f", order, desc, after).collect()
        };
        assert_eq!(ids(OrderField::Id, false, None), ["a", "b", "c"]);
        assert_eq!(ids(OrderField::Id, true, Some(&all[2])), ["b", "a"]);
        assert_eq!(ids(OrderField::Name, false, None), ["b", "c", "a"]);
        assert_eq!(ids(OrderField::Name, false, Some(&all[1])), ["c", "a"]);
        assert_eq!(ids(OrderField::Name, true, Some(&all[0])), ["c", "b"]);
        assert_eq!(ids(OrderField::CreatedAt, true, None), ["a", "c", "b"]);
        assert!(
            index
                .ids("none", OrderField::Id, false, None)
                .next()
                .is_none()
        );
    }

    #[test]
    fn addresses_follow_attach_and_detach() {
        let mut index = InstanceIndex::default();
        let inst = instance("a", "f", "n", 0, "10.0.0.9");
        index.insert(&inst);
        let nic = &inst.network_interfaces[0];
        let ip = u32::from(Ipv4Addr::new(10, 0, 0, 9));
        assert!(index.is_used("s1", ip));
        assert_eq!(
            index.used("s1").collect::<Vec<_>>(),
            [(Ipv4Addr::new(10, 0, 0, 9), "a")]
        );
        index.remove_nic(nic);
        assert!(!index.is_used("s1", ip));
        index.add_nic("a", nic);
        assert!(index.is_used("s1", ip));
    }
}
