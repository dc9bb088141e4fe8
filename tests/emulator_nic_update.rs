//! Emulator UpdateNetworkInterface rules: only the update_mask paths change, what may change
//! while RUNNING, what needs STOPPED, and every refusal with its exact code.

mod common;

use common::{clients, code, start, start_slow, wait};
use tonic::{Code, Request};
use ycdash::api::proto::yandex::cloud::compute::v1::{
    DnsRecordSpec, GetInstanceRequest, Instance, NetworkInterface, OneToOneNatSpec,
    PrimaryAddressSpec, UpdateInstanceNetworkInterfaceMetadata,
    UpdateInstanceNetworkInterfaceRequest, instance::Status,
};
use ycdash::api::proto::yandex::cloud::operation::{CancelOperationRequest, operation};
use ycdash::emulator::seed;

const SUBNET_A: &str = seed::DEFAULT_SUBNET_IDS[0];
const PROD_SUBNET_A: &str = seed::PROD_SUBNET_IDS[0];
/// worker-1: PROVISIONING, one NIC.
const PROVISIONING_ID: &str = "fhmmno2d1vd2jvm046pv";

fn update(instance: &str, paths: &[&str]) -> UpdateInstanceNetworkInterfaceRequest {
    UpdateInstanceNetworkInterfaceRequest {
        instance_id: instance.into(),
        network_interface_index: "0".into(),
        update_mask: Some(prost_types::FieldMask {
            paths: paths.iter().map(|p| p.to_string()).collect(),
        }),
        ..Default::default()
    }
}

fn address(address: &str, dns: Vec<DnsRecordSpec>) -> Option<PrimaryAddressSpec> {
    Some(PrimaryAddressSpec {
        address: address.into(),
        one_to_one_nat_spec: None,
        dns_record_specs: dns,
    })
}

fn dns(fqdn: &str) -> DnsRecordSpec {
    DnsRecordSpec {
        fqdn: fqdn.into(),
        dns_zone_id: seed::PRIVATE_ZONE_ID.into(),
        ttl: 120,
        ptr: false,
    }
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

fn nic0(inst: &Instance) -> &NetworkInterface {
    inst.network_interfaces
        .iter()
        .find(|n| n.index == "0")
        .expect("nic 0")
}

/// Sends an update and waits for it; returns the instance from the operation's response.
async fn apply(
    c: &mut common::Instances,
    o: &mut common::Operations,
    req: UpdateInstanceNetworkInterfaceRequest,
) -> Instance {
    let op = c
        .update_network_interface(req)
        .await
        .expect("update")
        .into_inner();
    let done = wait(o, &op.id).await;
    let Some(operation::Result::Response(any)) = done.result else {
        panic!("no response: {done:?}")
    };
    any.to_msg().expect("instance")
}

#[tokio::test]
async fn running_instance_changes_groups_and_only_the_listed_path() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let before = get(&mut c, seed::RUNNING_INSTANCE_ID).await;
    let mut req = update(seed::RUNNING_INSTANCE_ID, &["security_group_ids"]);
    req.security_group_ids = vec![seed::SSH_SG_ID.into()];
    // Fields outside the mask are ignored.
    req.subnet_id = PROD_SUBNET_A.into();
    req.primary_v4_address_spec = address("10.128.0.99", vec![dns("x")]);
    let op = c
        .update_network_interface(req)
        .await
        .expect("update")
        .into_inner();
    assert_eq!(op.description, "Update network interface");
    let meta: UpdateInstanceNetworkInterfaceMetadata = op
        .metadata
        .as_ref()
        .expect("metadata")
        .to_msg()
        .expect("update metadata");
    assert_eq!(meta.instance_id, seed::RUNNING_INSTANCE_ID);
    assert_eq!(meta.network_interface_index, "0");
    let done = wait(&mut o, &op.id).await;
    let Some(operation::Result::Response(any)) = done.result else {
        panic!("no response")
    };
    let from_op: Instance = any.to_msg().expect("instance");
    let after = get(&mut c, seed::RUNNING_INSTANCE_ID).await;
    assert_eq!(from_op.network_interfaces, after.network_interfaces);
    assert_eq!(after.status, Status::Running as i32);
    let expected = NetworkInterface {
        security_group_ids: vec![seed::SSH_SG_ID.into()],
        ..nic0(&before).clone()
    };
    assert_eq!(nic0(&after), &expected);
}

#[tokio::test]
async fn running_instance_changes_dns_records_keeping_address_and_nat() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let before = get(&mut c, seed::RUNNING_INSTANCE_ID).await;
    let old = nic0(&before).primary_v4_address.clone().expect("address");
    let mut req = update(
        seed::RUNNING_INSTANCE_ID,
        &["primary_v4_address_spec.dns_record_specs"],
    );
    req.primary_v4_address_spec = address("10.128.0.99", vec![dns("web-one")]);
    let after = apply(&mut c, &mut o, req).await;
    let new = nic0(&after).primary_v4_address.clone().expect("address");
    assert_eq!(new.address, old.address);
    assert_eq!(new.one_to_one_nat, old.one_to_one_nat);
    assert_eq!(new.dns_records.len(), 1);
    assert_eq!(new.dns_records[0].fqdn, "web-one");
    assert_eq!(new.dns_records[0].ttl, 120);
    assert_eq!(
        nic0(&after).security_group_ids,
        nic0(&before).security_group_ids
    );
    // The whole spec path with the current address is a DNS-only change too.
    let mut req = update(seed::RUNNING_INSTANCE_ID, &["primary_v4_address_spec"]);
    req.primary_v4_address_spec = address(&old.address, vec![]);
    let after = apply(&mut c, &mut o, req).await;
    assert!(
        nic0(&after)
            .primary_v4_address
            .as_ref()
            .expect("a")
            .dns_records
            .is_empty()
    );
    assert_eq!(after.status, Status::Running as i32);
}

#[tokio::test]
async fn subnet_or_address_change_needs_stopped() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let mut req = update(
        seed::RUNNING_INSTANCE_ID,
        &["subnet_id", "security_group_ids"],
    );
    req.subnet_id = PROD_SUBNET_A.into();
    req.security_group_ids = vec![seed::PROD_WEB_SG_ID.into()];
    let (code_, message) = code(c.update_network_interface(req).await);
    assert_eq!(code_, Code::FailedPrecondition);
    assert!(
        message.contains("must be STOPPED to change subnet_id"),
        "{message}"
    );
    let mut req = update(
        seed::RUNNING_INSTANCE_ID,
        &["primary_v4_address_spec.address"],
    );
    req.primary_v4_address_spec = address("10.128.0.99", vec![]);
    let (code_, message) = code(c.update_network_interface(req).await);
    assert_eq!(code_, Code::FailedPrecondition);
    assert!(
        message.contains("primary_v4_address_spec.address"),
        "{message}"
    );
    let mut req = update(PROVISIONING_ID, &["security_group_ids"]);
    req.security_group_ids = vec![seed::SSH_SG_ID.into()];
    let (code_, message) = code(c.update_network_interface(req).await);
    assert_eq!(code_, Code::FailedPrecondition);
    assert!(message.contains("PROVISIONING"), "{message}");
}

#[tokio::test]
async fn stopped_instance_moves_to_another_subnet_with_new_groups_and_address() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let before = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    let mut req = update(
        seed::STOPPED_INSTANCE_ID,
        &[
            "subnet_id",
            "security_group_ids",
            "primary_v4_address_spec.address",
        ],
    );
    req.subnet_id = PROD_SUBNET_A.into();
    req.security_group_ids = vec![seed::PROD_WEB_SG_ID.into()];
    req.primary_v4_address_spec = address("172.16.0.50", vec![]);
    let after = apply(&mut c, &mut o, req).await;
    let nic = nic0(&after);
    assert_eq!(nic.subnet_id, PROD_SUBNET_A);
    assert_eq!(nic.security_group_ids, [seed::PROD_WEB_SG_ID]);
    assert_eq!(
        nic.primary_v4_address.as_ref().expect("a").address,
        "172.16.0.50"
    );
    assert_eq!(nic.mac_address, nic0(&before).mac_address);
    assert_eq!(after.status, Status::Stopped as i32);
    // Back to the default network with no address given: a free one is picked, and an empty
    // group list means the network's default group.
    let mut req = update(
        seed::STOPPED_INSTANCE_ID,
        &["subnet_id", "security_group_ids"],
    );
    req.subnet_id = SUBNET_A.into();
    let after = apply(&mut c, &mut o, req).await;
    let nic = nic0(&after);
    assert!(
        nic.primary_v4_address
            .as_ref()
            .expect("a")
            .address
            .starts_with("10.128.0.")
    );
    assert_eq!(nic.security_group_ids, [seed::DEFAULT_SG_ID]);
}

#[tokio::test]
async fn mask_and_request_refusals_are_invalid_argument() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let id = seed::STOPPED_INSTANCE_ID;
    let mut nat_in_spec = update(id, &["primary_v4_address_spec"]);
    nat_in_spec.primary_v4_address_spec = Some(PrimaryAddressSpec {
        one_to_one_nat_spec: Some(OneToOneNatSpec::default()),
        ..Default::default()
    });
    let mut too_many = update(id, &["security_group_ids"]);
    too_many.security_group_ids = (0..6).map(|i| format!("sg{i}")).collect();
    let mut twice = update(id, &["security_group_ids"]);
    twice.security_group_ids = vec![seed::WEB_SG_ID.into(), seed::WEB_SG_ID.into()];
    let mut bad_address = update(id, &["primary_v4_address_spec.address"]);
    bad_address.primary_v4_address_spec = address("10.128.0", vec![]);
    let mut bad_ttl = update(id, &["primary_v4_address_spec.dns_record_specs"]);
    let mut record = dns("x");
    record.ttl = 86_401;
    bad_ttl.primary_v4_address_spec = address("", vec![record]);
    let mut bad_index = update(id, &["security_group_ids"]);
    bad_index.network_interface_index = "16".into();
    let mut no_subnet = update(id, &["subnet_id"]);
    no_subnet.subnet_id = String::new();
    let cases = [
        (
            update(id, &[]),
            "update_mask: at least one path is required",
        ),
        (
            UpdateInstanceNetworkInterfaceRequest {
                update_mask: None,
                ..update(id, &[])
            },
            "update_mask",
        ),
        (update(id, &["name"]), "update_mask: unknown path 'name'"),
        (
            update(
                id,
                &[
                    "security_group_ids",
                    "primary_v4_address_spec.one_to_one_nat_spec",
                ],
            ),
            "unknown path",
        ),
        (
            update(id, &["primary_v6_address_spec"]),
            "IPv6 is not available",
        ),
        (nat_in_spec, "primary_v4_address_spec.one_to_one_nat_spec"),
        (too_many, "security_group_ids: 6 given"),
        (twice, "listed twice"),
        (bad_address, "primary_v4_address_spec.address"),
        (bad_ttl, "dns_record_specs[0].ttl"),
        (bad_index, "network_interface_index"),
        (no_subnet, "subnet_id: required"),
    ];
    for (req, rule) in cases {
        let (code_, message) = code(c.update_network_interface(req).await);
        assert_eq!(code_, Code::InvalidArgument, "{rule}: {message}");
        assert!(message.contains(rule), "{rule}: {message}");
    }
}

#[tokio::test]
async fn model_refusals_carry_their_codes() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let id = seed::STOPPED_INSTANCE_ID;
    let with = |paths: &[&str], f: &dyn Fn(&mut UpdateInstanceNetworkInterfaceRequest)| {
        let mut r = update(id, paths);
        f(&mut r);
        r
    };
    let used = get(&mut c, seed::STOPPED_INSTANCE_2_ID).await;
    let used = nic0(&used).primary_v4_address.clone().expect("a").address;
    let cases = [
        (
            with(&["security_group_ids"], &|r| {
                r.instance_id = "fhmnosuchinstance000".into()
            }),
            Code::NotFound,
            "not found",
        ),
        (
            with(&["security_group_ids"], &|r| {
                r.network_interface_index = "5".into()
            }),
            Code::NotFound,
            "has no network interface 5",
        ),
        (
            with(&["subnet_id"], &|r| {
                r.subnet_id = "e9bnosuchsubnet00000".into()
            }),
            Code::NotFound,
            "subnet_id: subnet",
        ),
        (
            with(&["subnet_id"], &|r| {
                r.subnet_id = seed::DEFAULT_SUBNET_IDS[1].into()
            }),
            Code::InvalidArgument,
            "is in zone ru-central1-b",
        ),
        (
            with(&["subnet_id"], &|r| r.subnet_id = PROD_SUBNET_A.into()),
            Code::InvalidArgument,
            "list security_group_ids in update_mask",
        ),
        (
            with(&["security_group_ids"], &|r| {
                r.security_group_ids = vec!["enpnosuchgroup000000".into()]
            }),
            Code::NotFound,
            "security_group_ids: security group",
        ),
        (
            with(&["security_group_ids"], &|r| {
                r.security_group_ids = vec![seed::PROD_WEB_SG_ID.into()]
            }),
            Code::InvalidArgument,
            "belongs to network",
        ),
        (
            with(&["primary_v4_address_spec.address"], &|r| {
                r.primary_v4_address_spec = address(&used, vec![])
            }),
            Code::AlreadyExists,
            "already used",
        ),
        (
            with(&["primary_v4_address_spec.address"], &|r| {
                r.primary_v4_address_spec = address("10.128.0.1", vec![])
            }),
            Code::InvalidArgument,
            "gateway",
        ),
        (
            with(&["primary_v4_address_spec.address"], &|r| {
                r.primary_v4_address_spec = address("10.200.0.9", vec![])
            }),
            Code::InvalidArgument,
            "outside the subnet",
        ),
        (
            with(&["primary_v4_address_spec.dns_record_specs"], &|r| {
                r.primary_v4_address_spec = address(
                    "",
                    vec![DnsRecordSpec {
                        dns_zone_id: "dnsnosuchzone0000000".into(),
                        ..dns("x")
                    }],
                )
            }),
            Code::NotFound,
            "DNS zone",
        ),
    ];
    for (req, want, rule) in cases {
        let (got, message) = code(c.update_network_interface(req).await);
        assert_eq!(got, want, "{rule}: {message}");
        assert!(message.contains(rule), "{rule}: {message}");
    }
}

#[tokio::test]
async fn idempotency_key_returns_the_same_operation_and_applies_once() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let keyed = |req: UpdateInstanceNetworkInterfaceRequest, key: &str| {
        let mut r = Request::new(req);
        r.metadata_mut()
            .insert("idempotency-key", key.parse().expect("key"));
        r
    };
    let mut req = update(seed::RUNNING_INSTANCE_ID, &["security_group_ids"]);
    req.security_group_ids = vec![seed::SSH_SG_ID.into()];
    let first = c
        .update_network_interface(keyed(req.clone(), "k-update-1"))
        .await
        .expect("first")
        .into_inner();
    wait(&mut o, &first.id).await;
    let again = c
        .update_network_interface(keyed(req.clone(), "k-update-1"))
        .await
        .expect("again")
        .into_inner();
    assert_eq!(again.id, first.id);
    assert!(again.done);
    req.security_group_ids = vec![seed::WEB_SG_ID.into()];
    let (got, message) = code(c.update_network_interface(keyed(req, "k-update-1")).await);
    assert_eq!(got, Code::InvalidArgument, "{message}");
    let after = get(&mut c, seed::RUNNING_INSTANCE_ID).await;
    assert_eq!(nic0(&after).security_group_ids, [seed::SSH_SG_ID]);
}

#[tokio::test]
async fn a_running_update_holds_the_instance_and_cannot_be_cancelled() {
    let emu = start_slow().await;
    let (mut c, mut o) = clients(&emu).await;
    let mut req = update(seed::RUNNING_INSTANCE_ID, &["security_group_ids"]);
    req.security_group_ids = vec![seed::SSH_SG_ID.into()];
    let op = c
        .update_network_interface(req.clone())
        .await
        .expect("update")
        .into_inner();
    assert_eq!(
        get(&mut c, seed::RUNNING_INSTANCE_ID).await.status,
        Status::Updating as i32
    );
    let (got, message) = code(c.update_network_interface(req).await);
    assert_eq!(got, Code::FailedPrecondition, "{message}");
    let refused = o
        .cancel(CancelOperationRequest {
            operation_id: op.id.clone(),
        })
        .await;
    let (got, message) = code(refused);
    assert_eq!(got, Code::FailedPrecondition);
    assert!(message.contains("cannot be cancelled"), "{message}");
    assert_eq!(
        get(&mut c, seed::RUNNING_INSTANCE_ID).await.status,
        Status::Updating as i32
    );
}

#[tokio::test]
async fn a_changed_address_is_listed_as_used_and_the_old_one_freed() {
    use ycdash::api::proto::yandex::cloud::vpc::v1::{
        ListUsedAddressesRequest, subnet_service_client::SubnetServiceClient,
    };
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let before = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    let subnet_id = nic0(&before).subnet_id.clone();
    let old = nic0(&before).primary_v4_address.clone().expect("address");
    let (prefix, _) = old.address.rsplit_once('.').expect("IPv4");
    let new = format!("{prefix}.234");
    let mut req = update(
        seed::STOPPED_INSTANCE_ID,
        &["primary_v4_address_spec.address"],
    );
    req.primary_v4_address_spec = address(&new, vec![]);
    apply(&mut c, &mut o, req).await;
    let mut subnets = SubnetServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    let used = subnets
        .list_used_addresses(ListUsedAddressesRequest {
            subnet_id,
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("used addresses")
        .into_inner()
        .addresses;
    let used: Vec<&str> = used.iter().map(|a| a.address.as_str()).collect();
    assert!(used.contains(&new.as_str()), "{used:?}");
    assert!(!used.contains(&old.address.as_str()), "{used:?}");
}
