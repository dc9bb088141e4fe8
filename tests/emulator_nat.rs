//! Emulator AddOneToOneNat / RemoveOneToOneNat rules: ephemeral and static public addresses,
//! the static address's used flag, and every refusal with its exact code.

mod common;

use common::{clients, code, start, start_slow, wait};
use std::time::Duration;
use tonic::{Code, Request};
use ycdash::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatMetadata, AddInstanceOneToOneNatRequest, DnsRecordSpec,
    GetInstanceRequest, Instance, IpVersion, OneToOneNat, OneToOneNatSpec,
    RemoveInstanceOneToOneNatMetadata, RemoveInstanceOneToOneNatRequest, instance::Status,
};
use ycdash::api::proto::yandex::cloud::operation::{CancelOperationRequest, Operation, operation};
use ycdash::api::proto::yandex::cloud::vpc::v1::{
    GetAddressRequest, address_service_client::AddressServiceClient,
};
use ycdash::emulator::{EmulatorConfig, RunningEmulator, seed};

/// web-3: RUNNING in zone d, no public address.
const RUNNING_D_ID: &str = "fhmqke5ute3cot6hd75p";
/// worker-1: PROVISIONING.
const PROVISIONING_ID: &str = "fhmmno2d1vd2jvm046pv";

fn add(instance: &str, spec: Option<OneToOneNatSpec>) -> AddInstanceOneToOneNatRequest {
    AddInstanceOneToOneNatRequest {
        instance_id: instance.into(),
        network_interface_index: "0".into(),
        internal_address: String::new(),
        one_to_one_nat_spec: spec,
    }
}

fn remove(instance: &str) -> RemoveInstanceOneToOneNatRequest {
    RemoveInstanceOneToOneNatRequest {
        instance_id: instance.into(),
        network_interface_index: "0".into(),
        internal_address: String::new(),
    }
}

fn spec(address: &str) -> Option<OneToOneNatSpec> {
    Some(OneToOneNatSpec {
        ip_version: IpVersion::Ipv4.into(),
        address: address.into(),
        dns_record_specs: Vec::new(),
    })
}

async fn get(c: &mut common::Instances, id: &str) -> Instance {
    c.get(GetInstanceRequest {
        instance_id: id.into(),
        view: 0,
    })
    .await
    .expect("get")
    .into_inner()
}

fn nat0(inst: &Instance) -> Option<OneToOneNat> {
    inst.network_interfaces
        .iter()
        .find(|n| n.index == "0")
        .and_then(|n| n.primary_v4_address.as_ref())
        .and_then(|a| a.one_to_one_nat.clone())
}

fn internal0(inst: &Instance) -> String {
    inst.network_interfaces[0]
        .primary_v4_address
        .as_ref()
        .map(|a| a.address.clone())
        .unwrap_or_default()
}

async fn address_used(emu: &RunningEmulator, id: &str) -> bool {
    let mut addresses = AddressServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    addresses
        .get(GetAddressRequest {
            address_id: id.into(),
        })
        .await
        .expect("address")
        .into_inner()
        .used
}

fn response(done: Operation) -> Instance {
    let Some(operation::Result::Response(any)) = done.result else {
        panic!("no response: {done:?}")
    };
    any.to_msg().expect("instance")
}

#[tokio::test]
async fn ephemeral_nat_on_a_running_instance_with_dns() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let mut nat = spec("").expect("spec");
    nat.dns_record_specs = vec![DnsRecordSpec {
        fqdn: "web-3.example.com.".into(),
        dns_zone_id: seed::PUBLIC_ZONE_ID.into(),
        ttl: 600,
        ptr: true,
    }];
    let op = c
        .add_one_to_one_nat(add(RUNNING_D_ID, Some(nat)))
        .await
        .expect("add")
        .into_inner();
    assert_eq!(op.description, "Add one-to-one NAT");
    let meta: AddInstanceOneToOneNatMetadata = op
        .metadata
        .as_ref()
        .expect("metadata")
        .to_msg()
        .expect("add metadata");
    assert_eq!(meta.instance_id, RUNNING_D_ID);
    let from_op = response(wait(&mut o, &op.id).await);
    let inst = get(&mut c, RUNNING_D_ID).await;
    assert_eq!(from_op.network_interfaces, inst.network_interfaces);
    assert_eq!(inst.status, Status::Running as i32);
    let nat = nat0(&inst).expect("nat");
    assert!(nat.address.starts_with("51.250."), "{}", nat.address);
    assert_eq!(nat.ip_version, IpVersion::Ipv4 as i32);
    assert_eq!(nat.dns_records[0].fqdn, "web-3.example.com.");
    assert!(nat.dns_records[0].ptr);

    let op = c
        .remove_one_to_one_nat(remove(RUNNING_D_ID))
        .await
        .expect("remove")
        .into_inner();
    let meta: RemoveInstanceOneToOneNatMetadata = op
        .metadata
        .as_ref()
        .expect("metadata")
        .to_msg()
        .expect("remove metadata");
    assert_eq!(meta.instance_id, RUNNING_D_ID);
    let from_op = response(wait(&mut o, &op.id).await);
    assert_eq!(nat0(&from_op), None);
    let inst = get(&mut c, RUNNING_D_ID).await;
    assert_eq!(nat0(&inst), None);
    assert_eq!(inst.status, Status::Running as i32);
}

#[tokio::test]
async fn static_nat_is_taken_and_freed() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    assert!(!address_used(&emu, seed::FREE_ADDRESS_ID).await);
    // Named by internal address only.
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    let mut req = add(seed::STOPPED_INSTANCE_ID, spec(seed::FREE_ADDRESS));
    req.network_interface_index = String::new();
    req.internal_address = internal0(&inst);
    let op = c.add_one_to_one_nat(req).await.expect("add").into_inner();
    wait(&mut o, &op.id).await;
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    assert_eq!(nat0(&inst).expect("nat").address, seed::FREE_ADDRESS);
    assert_eq!(inst.status, Status::Stopped as i32);
    assert!(address_used(&emu, seed::FREE_ADDRESS_ID).await);
    // Taken now: another instance in the zone cannot have it.
    let (got, message) = code(
        c.add_one_to_one_nat(add(seed::STOPPED_INSTANCE_2_ID, spec(seed::FREE_ADDRESS)))
            .await,
    );
    assert_eq!(got, Code::AlreadyExists, "{message}");

    let op = c
        .remove_one_to_one_nat(remove(seed::STOPPED_INSTANCE_ID))
        .await
        .expect("remove")
        .into_inner();
    wait(&mut o, &op.id).await;
    assert_eq!(nat0(&get(&mut c, seed::STOPPED_INSTANCE_ID).await), None);
    assert!(!address_used(&emu, seed::FREE_ADDRESS_ID).await);
    // Removing web-1's static NAT frees its address too.
    let op = c
        .remove_one_to_one_nat(remove(seed::RUNNING_INSTANCE_ID))
        .await
        .expect("remove")
        .into_inner();
    wait(&mut o, &op.id).await;
    assert!(!address_used(&emu, seed::USED_ADDRESS_ID).await);
}

#[tokio::test]
async fn no_spec_means_ephemeral() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let op = c
        .add_one_to_one_nat(add(seed::STOPPED_INSTANCE_ID, None))
        .await
        .expect("add")
        .into_inner();
    let inst = response(wait(&mut o, &op.id).await);
    assert!(nat0(&inst).expect("nat").address.starts_with("51.250."));
}

#[tokio::test]
async fn refusals_carry_their_codes() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let stopped = seed::STOPPED_INSTANCE_ID;
    let v6 = Some(OneToOneNatSpec {
        ip_version: IpVersion::Ipv6.into(),
        ..Default::default()
    });
    let with = |mut r: AddInstanceOneToOneNatRequest,
                f: &dyn Fn(&mut AddInstanceOneToOneNatRequest)| {
        f(&mut r);
        r
    };
    let cases = [
        (
            add(seed::RUNNING_INSTANCE_ID, spec("")),
            Code::FailedPrecondition,
            "already has the public address 84.201.130.10",
        ),
        (
            add(PROVISIONING_ID, spec("")),
            Code::FailedPrecondition,
            "must be RUNNING or STOPPED",
        ),
        (
            add(stopped, spec(seed::USED_ADDRESS)),
            Code::AlreadyExists,
            "one_to_one_nat_spec.address: 84.201.130.10 is already in use",
        ),
        (
            add(stopped, spec(seed::FREE_ADDRESS_D)),
            Code::InvalidArgument,
            "is in zone ru-central1-d",
        ),
        (
            add(stopped, spec("203.0.113.9")),
            Code::NotFound,
            "no reserved address 203.0.113.9",
        ),
        (
            add(stopped, spec("203.0.113")),
            Code::InvalidArgument,
            "one_to_one_nat_spec.address",
        ),
        (
            add(stopped, v6),
            Code::InvalidArgument,
            "one_to_one_nat_spec.ip_version: only IPV4",
        ),
        (
            add("fhmnosuchinstance000", spec("")),
            Code::NotFound,
            "not found",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.network_interface_index = "3".into()
            }),
            Code::NotFound,
            "has no network interface 3",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.network_interface_index = "x".into()
            }),
            Code::InvalidArgument,
            "network_interface_index",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.network_interface_index = String::new()
            }),
            Code::InvalidArgument,
            "required (or internal_address)",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.internal_address = "10.128.0.250".into()
            }),
            Code::InvalidArgument,
            "is not the address of network interface 0",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.internal_address = "10.128".into()
            }),
            Code::InvalidArgument,
            "internal_address",
        ),
        (
            with(add(stopped, spec("")), &|r| {
                r.network_interface_index = String::new();
                r.internal_address = "10.128.0.250".into();
            }),
            Code::NotFound,
            "no network interface with address",
        ),
    ];
    for (req, want, rule) in cases {
        let (got, message) = code(c.add_one_to_one_nat(req).await);
        assert_eq!(got, want, "{rule}: {message}");
        assert!(message.contains(rule), "{rule}: {message}");
    }
    let cases = [
        (
            remove(stopped),
            Code::FailedPrecondition,
            "has no public address to remove",
        ),
        (
            remove(PROVISIONING_ID),
            Code::FailedPrecondition,
            "must be RUNNING or STOPPED",
        ),
        (
            RemoveInstanceOneToOneNatRequest {
                network_interface_index: "9".into(),
                ..remove(stopped)
            },
            Code::NotFound,
            "has no network interface 9",
        ),
        (
            RemoveInstanceOneToOneNatRequest {
                network_interface_index: String::new(),
                ..remove(stopped)
            },
            Code::InvalidArgument,
            "required (or internal_address)",
        ),
    ];
    for (req, want, rule) in cases {
        let (got, message) = code(c.remove_one_to_one_nat(req).await);
        assert_eq!(got, want, "{rule}: {message}");
        assert!(message.contains(rule), "{rule}: {message}");
    }
}

#[tokio::test]
async fn idempotency_key_applies_once() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let keyed = |key: &str| {
        let mut r = Request::new(add(seed::STOPPED_INSTANCE_ID, spec("")));
        r.metadata_mut()
            .insert("idempotency-key", key.parse().expect("key"));
        r
    };
    let first = c
        .add_one_to_one_nat(keyed("k-nat"))
        .await
        .expect("first")
        .into_inner();
    wait(&mut o, &first.id).await;
    let again = c
        .add_one_to_one_nat(keyed("k-nat"))
        .await
        .expect("again")
        .into_inner();
    assert_eq!(again.id, first.id);
    let nat = nat0(&get(&mut c, seed::STOPPED_INSTANCE_ID).await).expect("nat");
    assert_eq!(nat, nat0(&response(again)).expect("nat in response"));
}

#[tokio::test]
async fn a_static_add_cannot_be_cancelled_and_a_failed_one_frees_the_address() {
    let emu = start_slow().await;
    let (mut c, mut o) = clients(&emu).await;
    let op = c
        .add_one_to_one_nat(add(seed::STOPPED_INSTANCE_ID, spec(seed::FREE_ADDRESS)))
        .await
        .expect("add")
        .into_inner();
    assert!(address_used(&emu, seed::FREE_ADDRESS_ID).await);
    let refused = o
        .cancel(CancelOperationRequest {
            operation_id: op.id,
        })
        .await;
    assert_eq!(code(refused).0, Code::FailedPrecondition);
    drop(emu);

    let emu = common::start_with(EmulatorConfig {
        op_duration: Duration::ZERO,
        op_fail_rate: 1.0,
        ..Default::default()
    })
    .await;
    let (mut c, mut o) = clients(&emu).await;
    let op = c
        .add_one_to_one_nat(add(seed::STOPPED_INSTANCE_ID, spec(seed::FREE_ADDRESS)))
        .await
        .expect("add")
        .into_inner();
    let done = wait(&mut o, &op.id).await;
    assert!(
        matches!(done.result, Some(operation::Result::Error(_))),
        "{done:?}"
    );
    assert!(!address_used(&emu, seed::FREE_ADDRESS_ID).await);
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    assert_eq!(inst.status, Status::Stopped as i32);
    assert_eq!(nat0(&inst), None);
}
