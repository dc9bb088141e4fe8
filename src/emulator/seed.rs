//! Deterministic seed data: clouds, folders, networks, subnets, groups, addresses, zones, instances.

use super::{clock, ids, store::Store};
use crate::api::proto::yandex::cloud::{
    compute::v1::{
        AttachedDisk, DnsRecord, Instance, IpVersion, MetadataOption, MetadataOptions,
        NetworkInterface, NetworkSettings, OneToOneNat, PrimaryAddress, Resources,
        SchedulingPolicy, attached_disk, instance::Status, network_settings,
    },
    resourcemanager::v1::{Cloud, Folder, folder},
};
use std::collections::HashMap;
use std::net::Ipv4Addr;

pub const CLOUD_ID: &str = "b1gfsfps8rroue4frhdo";
pub const OTHER_CLOUD_ID: &str = "b1gq2o3joq2uuu87f8ed";
/// The demo folder.
pub const FOLDER_ID: &str = "b1gsidmccva7km9r8tkq";
pub const STAGING_FOLDER_ID: &str = "b1gu1ae639rkdainus6m";
/// The only folder of the second cloud.
pub const OTHER_FOLDER_ID: &str = "b1g42fpd744o4bdmd7m5";

pub const ZONES: [&str; 3] = ["ru-central1-a", "ru-central1-b", "ru-central1-d"];

pub const DEFAULT_NETWORK_ID: &str = "enpb0ibso20fm9amoh0h";
pub const PROD_NETWORK_ID: &str = "enp9qqv8jja9lu5clm13";
pub const STAGING_NETWORK_ID: &str = "enpk69kb0f0msgjmhtdj";

/// Subnets of `default` (10.128.0.0/24, 10.129.0.0/24, 10.130.0.0/24) in zones a, b, d.
pub const DEFAULT_SUBNET_IDS: [&str; 3] = [
    "e9b5ats5f240onki9p5n",
    "e9btakh88mvnp51sgph6",
    "e9bdijnhumfgh56q8eo3",
];
/// Subnets of `prod-net` (172.16.0.0/24, 172.16.1.0/24, 172.16.2.0/24) in zones a, b, d.
pub const PROD_SUBNET_IDS: [&str; 3] = [
    "e9bf5r1rp443d7khgsfd",
    "e9b0mdena7suc100ifjd",
    "e9bl0bgctrpumg5paqbv",
];
/// The staging network's subnet (10.10.0.0/24, zone a).
pub const STAGING_SUBNET_ID: &str = "e9bcmbi4s1b53es29rt5";

pub const DEFAULT_SG_ID: &str = "enpbh9p7nivovh1kl5tm";
pub const WEB_SG_ID: &str = "enp4ra5abprncvs1486q";
pub const SSH_SG_ID: &str = "enpvq8lr9f08dqrbmbb2";
pub const DB_SG_ID: &str = "enptit6c0q29762dqq20";
pub const PROD_DEFAULT_SG_ID: &str = "enp4p5mqiqrk4asogmr2";
pub const PROD_WEB_SG_ID: &str = "enp32jv81f6nbq44e1uh";
pub const PROD_DB_SG_ID: &str = "enprpp2gan7dv6nn4m51";
pub const STAGING_DEFAULT_SG_ID: &str = "enp3bhog6b86t7fvniu7";
pub const STAGING_WEB_SG_ID: &str = "enp9bk369vr845nckl3l";

/// A static address in zone a used by web-1's NAT.
pub const USED_ADDRESS_ID: &str = "e2le5u1egcf5ul86nbs2";
pub const USED_ADDRESS: &str = "84.201.130.10";
/// A free static address in zone a of the demo folder.
pub const FREE_ADDRESS_ID: &str = "e2lc0pm5sefpcgp97tvp";
pub const FREE_ADDRESS: &str = "84.201.130.12";
/// A free static address in zone d of the demo folder.
pub const FREE_ADDRESS_D_ID: &str = "e2lgn1s2sta6sls0b8ao";
pub const FREE_ADDRESS_D: &str = "158.160.0.44";

/// Public zone `example.com.` and private zone `internal.` (visible to `default`).
pub const PUBLIC_ZONE_ID: &str = "dnsfmmhi0esv9je0sfro";
pub const PRIVATE_ZONE_ID: &str = "dnsbks7l6kjuimqv0d9s";

/// web-1: RUNNING in zone a, one NIC with a static NAT.
pub const RUNNING_INSTANCE_ID: &str = "fhmchh479b0uq9netram";
/// ci-runner-1: STOPPED in zone a, one NIC (index 0) in the default subnet.
pub const STOPPED_INSTANCE_ID: &str = "fhm9n3jqrkrnvdvmqb0e";
/// build-cache: STOPPED in zone d, two NICs (indexes 0 and 1).
pub const STOPPED_TWO_NICS_INSTANCE_ID: &str = "fhme4oic3s23afl9chh1";
/// ml-trainer: STOPPED in zone a, one NIC.
pub const STOPPED_INSTANCE_2_ID: &str = "fhmdvp2r1f4uujr0uh57";
/// vpn-gw: UPDATING (frozen unless `seeded_transitions` completes it).
pub const UPDATING_INSTANCE_ID: &str = "fhmtkg0f4r596tf446cb";
/// Seed instances in the demo folder; of these, 16 are RUNNING.
pub const DEMO_INSTANCES: usize = 30;

enum Nat {
    No,
    Ephemeral,
    Static(&'static str),
}

/// (id, name, zone, status, NICs, network 0=default 1=prod, role group, NAT)
type Row = (
    &'static str,
    &'static str,
    usize,
    Status,
    u8,
    usize,
    &'static str,
    Nat,
);

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    use Nat::{Ephemeral, No, Static};
    use Status::*;
    vec![
        (RUNNING_INSTANCE_ID, "web-1", 0, Running, 1, 0, "web", Static(USED_ADDRESS)),
        ("fhmisai3ctkp8tibpfh9", "web-2", 1, Running, 1, 0, "web", Ephemeral),
        ("fhmqke5ute3cot6hd75p", "web-3", 2, Running, 1, 0, "web", No),
        ("fhmjm34e5u3cq9pbgrvq", "api-gateway-1", 0, Running, 2, 0, "web", Static("84.201.130.11")),
        ("fhmmu1m1n2o0qeh149dl", "api-gateway-2", 1, Running, 2, 0, "web", No),
        ("fhmj3e6m71okrljp3b34", "pg-primary", 0, Running, 1, 1, "db", No),
        ("fhm2nucmhgm5p8s3d7c8", "pg-replica-1", 1, Running, 1, 1, "db", No),
        ("fhm7lmqvi4k9emoapak7", "pg-replica-2", 2, Stopped, 1, 1, "db", No),
        ("fhm3tbg3k57vnubunivr", "redis-cache", 0, Running, 1, 1, "db", No),
        ("fhm887ahrf169er2eda7", "kafka-1", 0, Running, 1, 1, "", No),
        ("fhmu0tgk5c1494nn0j7s", "kafka-2", 1, Running, 1, 1, "", No),
        ("fhmpcq53ciopt8onus90", "kafka-3", 2, Running, 1, 1, "", No),
        ("fhm36d7f3hli77vcpov0", "grafana", 0, Running, 1, 0, "web", Ephemeral),
        ("fhmi82pq0hfa989f4rf6", "prometheus", 0, Running, 2, 0, "", No),
        ("fhmkbdakqnn5t2vguan2", "bastion", 1, Running, 1, 0, "ssh-only", Static("84.252.128.20")),
        (STOPPED_INSTANCE_ID, "ci-runner-1", 0, Stopped, 1, 0, "", No),
        ("fhmchhiendpq39jon9ma", "ci-runner-2", 1, Stopped, 1, 0, "", No),
        (STOPPED_TWO_NICS_INSTANCE_ID, "build-cache", 2, Stopped, 2, 0, "", No),
        (STOPPED_INSTANCE_2_ID, "ml-trainer", 0, Stopped, 1, 0, "ssh-only", No),
        ("fhmtusm97f2ru926ri3d", "legacy-app", 2, Stopped, 3, 0, "web", No),
        ("fhmmno2d1vd2jvm046pv", "worker-1", 0, Provisioning, 1, 0, "", No),
        ("fhmdmoumeiee2in5spg1", "worker-2", 1, Starting, 1, 0, "", No),
        ("fhm1lvlms3md9sflok7s", "worker-3", 2, Stopping, 1, 0, "", No),
        ("fhmff8c2sd2ucjmtd1bp", "etl-runner", 0, Restarting, 1, 1, "", No),
        (UPDATING_INSTANCE_ID, "vpn-gw", 1, Updating, 1, 0, "ssh-only", Ephemeral),
        ("fhmqgg2ckp7q5qatlj4r", "old-monolith", 2, Error, 1, 0, "", No),
        ("fhmll235n6scivmtd2pk", "batch-7", 0, Crashed, 1, 1, "", No),
        ("fhmgm2h917phm02uj7ea", "tmp-debug", 1, Deleting, 1, 0, "", No),
        ("fhmet4aj921cuc8mo87d", "mail-relay", 2, Running, 1, 0, "web", Ephemeral),
        ("fhm24cd0a4t3f0ocnjl7", "search-1", 0, Running, 1, 1, "", No),
    ]
}

fn labels(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect()
}

fn resource_folder(i: i64, id: &str, cloud: &str, name: &str) -> Folder {
    Folder {
        id: id.into(),
        cloud_id: cloud.into(),
        created_at: Some(clock::ts(clock::SEED_EPOCH + i * 3600)),
        name: name.into(),
        description: format!("{name} folder"),
        labels: HashMap::new(),
        status: folder::Status::Active.into(),
    }
}

/// A subnet's (id, first address) for a network index (0 default, 1 prod, 2 staging) and zone.
fn subnet_of(net: usize, zone: usize) -> (&'static str, [u8; 3]) {
    let z = zone.min(2);
    match net {
        0 => (DEFAULT_SUBNET_IDS[z], [10, 128 + z as u8, 0]),
        1 => (PROD_SUBNET_IDS[z], [172, 16, z as u8]),
        _ => (STAGING_SUBNET_ID, [10, 10, 0]),
    }
}

fn group_of(store: &Store, network_id: &str, role: &str) -> Vec<String> {
    let mut out: Vec<String> = store
        .networks
        .iter()
        .filter(|n| n.id == network_id)
        .map(|n| n.default_security_group_id.clone())
        .collect();
    out.extend(
        store
            .security_groups
            .iter()
            .filter(|g| g.network_id == network_id && !role.is_empty() && g.name == role)
            .map(|g| g.id.clone()),
    );
    out
}

fn instance(store: &Store, i: usize, row: Row, folder: &str, base_net: usize) -> Instance {
    let (id, name, zone, status, nics, net, role, nat) = row;
    let network_interfaces = (0..nics)
        .map(|k| {
            let knet = if base_net == 2 {
                2
            } else if k == 1 {
                1 - net
            } else {
                net
            };
            let (subnet_id, p) = subnet_of(knet, zone);
            let address = Ipv4Addr::new(p[0], p[1], p[2], 10 + i as u8 + 100 * k).to_string();
            let one_to_one_nat = match (&nat, k) {
                (Nat::Ephemeral, 0) => Some(format!("51.250.{}.{}", 10 + zone, 10 + i)),
                (Nat::Static(ip), 0) => Some((*ip).to_string()),
                _ => None,
            }
            .map(|address| OneToOneNat {
                dns_records: vec![DnsRecord {
                    fqdn: format!("{name}.example.com."),
                    dns_zone_id: PUBLIC_ZONE_ID.into(),
                    ttl: 600,
                    ptr: false,
                }],
                address,
                ip_version: IpVersion::Ipv4.into(),
            });
            let dns_records = if knet == 0 && k == 0 {
                vec![DnsRecord {
                    fqdn: format!("{name}.internal."),
                    dns_zone_id: PRIVATE_ZONE_ID.into(),
                    ttl: 300,
                    ptr: false,
                }]
            } else {
                Vec::new()
            };
            let network_id = store
                .subnets
                .iter()
                .find(|s| s.id == subnet_id)
                .map(|s| s.network_id.clone())
                .unwrap_or_default();
            let index = k.to_string();
            NetworkInterface {
                mac_address: ids::mac(id, &index),
                index,
                subnet_id: subnet_id.into(),
                primary_v4_address: Some(PrimaryAddress {
                    address,
                    one_to_one_nat,
                    dns_records,
                }),
                primary_v6_address: None,
                security_group_ids: group_of(store, &network_id, if k == 0 { role } else { "" }),
            }
        })
        .collect();
    let mut inst = base_instance(id.into(), name.into(), folder, zone, i, status);
    inst.network_interfaces = network_interfaces;
    let team = ["platform", "data", "web"][i % 3];
    inst.labels = labels(&[
        ("env", if base_net == 2 { "staging" } else { "prod" }),
        ("team", team),
    ]);
    inst.metadata = labels(&[
        (
            "ssh-keys",
            "ubuntu:ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoKeyForYcdashEmulator demo@ycdash",
        ),
        ("user-data", "#cloud-config\npackage_update: true\n"),
    ]);
    inst.description = if role.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({role})")
    };
    inst
}

/// What an instance's internal FQDN adds to its name.
const FQDN_SUFFIX: &str = ".ru-central1.internal";

/// The fields every instance has, the demo's and the generated ones; `id` and `name` are taken
/// as they are (the generator builds 100k of each).
pub(super) fn base_instance(
    id: String,
    name: String,
    folder: &str,
    zone: usize,
    i: usize,
    status: Status,
) -> Instance {
    let z = zone.min(2);
    let enabled = MetadataOption::Enabled as i32;
    let mut fqdn = String::with_capacity(name.len() + FQDN_SUFFIX.len());
    fqdn.push_str(&name);
    fqdn.push_str(FQDN_SUFFIX);
    Instance {
        id,
        folder_id: folder.into(),
        created_at: Some(clock::ts(clock::SEED_EPOCH + 200_000 + i as i64 * 3_600)),
        name,
        zone_id: ZONES[z].into(),
        platform_id: ["standard-v1", "standard-v2", "standard-v3"][i % 3].into(),
        resources: Some(Resources {
            cores: [2, 4, 8, 16][i % 4],
            memory: [2, 4, 8, 16, 32][i % 5] << 30,
            core_fraction: [100, 50, 20, 100][i % 4],
            gpus: 0,
        }),
        status: status.into(),
        boot_disk: Some(AttachedDisk {
            mode: attached_disk::Mode::ReadWrite.into(),
            device_name: "boot".into(),
            auto_delete: true,
            disk_id: ids::derived(["fhm", "epd", "fv4"][z], i as u64),
        }),
        fqdn,
        scheduling_policy: Some(SchedulingPolicy {
            preemptible: i % 7 == 3,
        }),
        network_settings: Some(NetworkSettings {
            r#type: network_settings::Type::Standard.into(),
        }),
        metadata_options: Some(MetadataOptions {
            gce_http_endpoint: enabled,
            aws_v1_http_endpoint: enabled,
            gce_http_token: enabled,
            aws_v1_http_token: MetadataOption::Disabled as i32,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Builds the seed model plus `extra` generated instances in the demo folder.
pub fn build(extra: usize) -> Store {
    let mut store = Store::default();
    let t = |i: i64| Some(clock::ts(clock::SEED_EPOCH + i * 3600));
    for (i, (id, name)) in [(CLOUD_ID, "demo-cloud"), (OTHER_CLOUD_ID, "sandbox-cloud")]
        .into_iter()
        .enumerate()
    {
        store.clouds.push(Cloud {
            id: id.into(),
            created_at: t(i as i64),
            name: name.into(),
            ..Default::default()
        });
    }
    store
        .folders
        .push(resource_folder(2, FOLDER_ID, CLOUD_ID, "demo"));
    store
        .folders
        .push(resource_folder(3, STAGING_FOLDER_ID, CLOUD_ID, "staging"));
    store.folders.push(resource_folder(
        4,
        OTHER_FOLDER_ID,
        OTHER_CLOUD_ID,
        "sandbox",
    ));
    super::seed_network::network_layer(&mut store);
    super::seed_network::addresses_and_zones(&mut store);
    for (i, row) in rows().into_iter().enumerate() {
        let inst = instance(&store, i, row, FOLDER_ID, 0);
        store.insert_instance(inst);
    }
    let staging = [
        (
            "fhmqbo77m8e52t73g40j",
            "stg-web-1",
            0,
            Status::Running,
            1,
            2,
            "web",
            Nat::Static("84.252.140.6"),
        ),
        (
            "fhmpb3nmdie2hsmk79ck",
            "stg-db",
            0,
            Status::Stopped,
            1,
            2,
            "",
            Nat::No,
        ),
    ];
    for (i, row) in staging.into_iter().enumerate() {
        let inst = instance(&store, 40 + i, row, STAGING_FOLDER_ID, 2);
        store.insert_instance(inst);
    }
    mark_used_statics(&mut store);
    super::seed_scale::add(&mut store, extra);
    store.clouds.sort_by(|a, b| a.id.cmp(&b.id));
    store.folders.sort_by(|a, b| a.id.cmp(&b.id));
    store.networks.sort_by(|a, b| a.id.cmp(&b.id));
    store.subnets.sort_by(|a, b| a.id.cmp(&b.id));
    store.security_groups.sort_by(|a, b| a.id.cmp(&b.id));
    store.addresses.sort_by(|a, b| a.id.cmp(&b.id));
    store.dns_zones.sort_by(|a, b| a.id.cmp(&b.id));
    store
}

fn mark_used_statics(store: &mut Store) {
    let nats: Vec<(String, String)> = store
        .instances
        .values()
        .flat_map(|i| {
            i.network_interfaces
                .iter()
                .map(move |n| (i.folder_id.clone(), n))
        })
        .filter_map(|(f, n)| {
            Some((
                f,
                n.primary_v4_address
                    .as_ref()?
                    .one_to_one_nat
                    .as_ref()?
                    .address
                    .clone(),
            ))
        })
        .collect();
    for (folder, ip) in nats {
        if let Some(a) = store.external_address_mut(&folder, &ip) {
            a.used = true;
        }
    }
}
