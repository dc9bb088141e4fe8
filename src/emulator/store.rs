//! The in-memory model: every resource the emulator serves, behind one mutex in `State`.

use super::instance_index::InstanceIndex;
use super::operations::{Change, OpRecord};
use super::serial::SerialLogs;
use crate::api::proto::yandex::cloud::{
    compute::v1::Instance,
    dns::v1::DnsZone,
    resourcemanager::v1::{Cloud, Folder},
    vpc::v1::{Address, Network, SecurityGroup, Subnet, address},
};
use std::collections::{BTreeMap, HashMap};
use std::net::Ipv4Addr;
use tonic::Status;

/// A remembered idempotency key: which method and request (its SHA-256) it was used with, and
/// its operation. Kept as long as the operation is (see `retention`).
pub struct IdempotencyEntry {
    pub method: &'static str,
    pub request_digest: [u8; 32],
    pub operation_id: String,
}

/// Everything the emulator knows. Small collections are vectors sorted by id.
#[derive(Default)]
pub struct Store {
    pub clouds: Vec<Cloud>,
    pub folders: Vec<Folder>,
    pub networks: Vec<Network>,
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
    pub addresses: Vec<Address>,
    pub dns_zones: Vec<DnsZone>,
    /// Instances of every folder, by id. Add them with `insert_instance`; NIC changes must go
    /// through `index_mut` too. Boxed: an `Instance` is about 1 KB, and the map moves its values
    /// on every node split and bulk build (at 100k instances, most of the seeding time).
    pub instances: BTreeMap<String, Box<Instance>>,
    /// Folder orders and subnet addresses of `instances`.
    index: InstanceIndex,
    pub operations: HashMap<String, OpRecord>,
    /// Operation ids per instance, oldest first.
    pub instance_operations: HashMap<String, Vec<String>>,
    pub idempotency: HashMap<String, IdempotencyEntry>,
    /// Instance id -> the id of its operation in flight.
    pub busy: HashMap<String, String>,
    /// The emulator's own `host:port`, once bound.
    pub endpoint_address: String,
    /// Next ephemeral NAT address (an offset into 51.250.0.0/16).
    pub next_ephemeral: u32,
    /// Serial console output per instance.
    pub serial: SerialLogs,
}

/// NOT_FOUND: "{kind} {id} not found".
pub fn not_found(kind: &str, id: &str) -> Status {
    Status::not_found(format!("{kind} {id} not found"))
}

/// A resource kept in one of the store's vectors, found by id; the `name = "x"` filter of its
/// List matches `name`.
pub trait Resource: Sized {
    /// What NOT_FOUND calls it.
    const KIND: &'static str;
    fn all(store: &Store) -> &[Self];
    fn id(&self) -> &str;
    fn name(&self) -> &str;
}

macro_rules! resources {
    ($($item:ty: $field:ident, $kind:literal;)*) => {$(
        impl Resource for $item {
            const KIND: &'static str = $kind;
            fn all(store: &Store) -> &[Self] {
                &store.$field
            }
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}

resources! {
    Cloud: clouds, "cloud";
    Folder: folders, "folder";
    Network: networks, "network";
    Subnet: subnets, "subnet";
    SecurityGroup: security_groups, "security group";
    Address: addresses, "address";
    DnsZone: dns_zones, "DNS zone";
}

impl Store {
    pub fn instance(&self, id: &str) -> Result<&Instance, Status> {
        self.instances
            .get(id)
            .map(|i| &**i)
            .ok_or_else(|| not_found("instance", id))
    }

    /// The resource `id` of one of the vectors (see `Resource`).
    pub fn get<T: Resource>(&self, id: &str) -> Result<&T, Status> {
        T::all(self)
            .iter()
            .find(|r| r.id() == id)
            .ok_or_else(|| not_found(T::KIND, id))
    }

    /// The static external address record holding `ip` in `folder_id`, if any.
    pub fn external_address_mut(&mut self, folder_id: &str, ip: &str) -> Option<&mut Address> {
        self.addresses.iter_mut().find(|a| {
            a.folder_id == folder_id
                && matches!(&a.address, Some(address::Address::ExternalIpv4Address(e)) if e.address == ip)
        })
    }

    /// Adds an instance and indexes it.
    pub fn insert_instance(&mut self, inst: Instance) {
        self.index.insert(&inst);
        self.instances.insert(inst.id.clone(), Box::new(inst));
    }

    /// Adds many instances at once, as `insert_instance` does each. Instances given in id
    /// order cost no sort: the map is built in bulk, indexed, and appended.
    pub fn insert_instances(&mut self, instances: impl IntoIterator<Item = Instance>) {
        let mut added: BTreeMap<String, Box<Instance>> = instances
            .into_iter()
            .map(|i| (i.id.clone(), Box::new(i)))
            .collect();
        self.index.insert_all(added.values().map(|i| &**i));
        self.instances.append(&mut added);
    }

    /// Removes a deleted instance from the model and its indexes, frees the static public
    /// addresses its NICs held and forgets its console.
    pub fn remove_instance(&mut self, id: &str) -> Option<Instance> {
        let inst = *self.instances.remove(id)?;
        self.index.remove(&inst);
        self.serial.forget(id);
        for nat in inst
            .network_interfaces
            .iter()
            .filter_map(|n| n.primary_v4_address.as_ref()?.one_to_one_nat.as_ref())
        {
            if let Some(a) = self.external_address_mut(&inst.folder_id, &nat.address) {
                a.used = false;
            }
        }
        Some(inst)
    }

    /// The indexes over `instances`.
    pub fn index(&self) -> &InstanceIndex {
        &self.index
    }

    /// The indexes, to record NIC changes.
    pub fn index_mut(&mut self) -> &mut InstanceIndex {
        &mut self.index
    }

    /// Every internal address used in a subnet, by NICs and by attaches in flight, with its owner.
    pub fn used_addresses(&self, subnet_id: &str) -> Vec<(Ipv4Addr, String)> {
        let mut used: Vec<(Ipv4Addr, String)> = self
            .index
            .used(subnet_id)
            .map(|(ip, id)| (ip, id.to_string()))
            .collect();
        used.extend(
            self.attaches_in_flight(subnet_id)
                .map(|(ip, id)| (ip, id.to_string())),
        );
        used.sort();
        used
    }

    /// Whether a NIC or an attach in flight holds `ip` in the subnet.
    pub fn address_in_use(&self, subnet_id: &str, ip: Ipv4Addr) -> bool {
        self.index.is_used(subnet_id, u32::from(ip))
            || self
                .attaches_in_flight(subnet_id)
                .any(|(used, _)| used == ip)
    }

    /// Addresses that attaches and NIC updates still running take in the subnet, with their
    /// instance.
    fn attaches_in_flight<'a>(
        &'a self,
        subnet_id: &'a str,
    ) -> impl Iterator<Item = (Ipv4Addr, &'a str)> + 'a {
        self.busy.values().filter_map(move |op_id| {
            if let Some(OpRecord {
                change: Change::Attach { nic, .. } | Change::ReplaceNic { nic, .. },
                instance_id,
                ..
            }) = self.operations.get(op_id)
                && nic.subnet_id == subnet_id
            {
                return Some((nic_ip(nic)?, instance_id.as_str()));
            }
            None
        })
    }

    /// Operations in flight in a folder.
    pub fn running_in_folder(&self, folder_id: &str) -> usize {
        self.busy
            .values()
            .filter_map(|op| self.operations.get(op))
            .filter(|r| r.folder_id == folder_id)
            .count()
    }
}

fn nic_ip(
    nic: &crate::api::proto::yandex::cloud::compute::v1::NetworkInterface,
) -> Option<Ipv4Addr> {
    nic.primary_v4_address
        .as_ref()
        .and_then(|a| a.address.parse().ok())
}
