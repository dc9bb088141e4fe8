//! The attach flow as the form and `ycdash attach` run it, against the emulator in process:
//! `load_context`, `AttachDraft::validate`, attach, wait; server refusals mapped to fields by
//! `field_of`; idempotent retries; detach.

use std::time::Duration;

use ycdash::{
    api::{
        ApiError, Cloud, idempotency_key,
        operation::{OpResponse, OpState, PollSchedule},
        proto::yandex::cloud::compute::v1::{
            AttachInstanceNetworkInterfaceRequest, DnsRecordSpec, Instance, OneToOneNatSpec,
            PrimaryAddressSpec, StartInstanceRequest, StopInstanceRequest, instance::Status,
        },
    },
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
    nic::{
        detach::check_detach,
        draft::{AttachDraft, DnsRow},
        error::{DnsPart, DnsTarget, Field},
        fields::NatChoice,
        load::{field_of, load_context},
    },
};

const SUBNET_A: &str = seed::DEFAULT_SUBNET_IDS[0];
/// Polls without pausing: operations finish at once (`op_duration` zero).
const NO_PAUSE: PollSchedule = PollSchedule {
    first: Duration::ZERO,
    max: Duration::ZERO,
};

async fn start() -> (RunningEmulator, Cloud) {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let cloud = Cloud::single(&emulator.endpoint(), false, None).expect("client");
    (emulator, cloud)
}

/// Waits for an operation and returns the instance after it; panics if it failed.
async fn finish(cloud: &Cloud, operation_id: &str) -> Instance {
    let view = cloud
        .wait_operation(operation_id, NO_PAUSE, |_| {})
        .await
        .expect("poll");
    match view.state {
        OpState::Done(OpResponse::Instance(i)) => *i,
        // Stop and Start answer with Empty: read the instance.
        OpState::Done(_) => {
            let id = view.target.instance_id().expect("instance operation");
            cloud.get_instance(id).await.expect("get")
        }
        other => panic!("operation {operation_id} ended as {other:?}"),
    }
}

/// A minimal valid draft for `instance` in subnet A with the web group.
fn draft(instance: &str, index: &str) -> AttachDraft {
    AttachDraft {
        instance_id: instance.into(),
        index: index.into(),
        subnet_id: SUBNET_A.into(),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
        ..Default::default()
    }
}

/// Loads the context, validates and attaches; returns the resulting instance.
async fn attach_validated(cloud: &Cloud, draft: &AttachDraft) -> Instance {
    let instance = cloud.get_instance(&draft.instance_id).await.expect("get");
    let ctx = load_context(cloud, &instance, Some(&draft.subnet_id))
        .await
        .expect("context");
    let request = draft.validate(&ctx).expect("valid draft");
    let op = cloud
        .attach_network_interface(request, &idempotency_key())
        .await
        .expect("attach accepted");
    finish(cloud, &op.id).await
}

fn row(fqdn: &str, zone_id: &str, ttl: &str, ptr: bool) -> DnsRow {
    DnsRow {
        fqdn: fqdn.into(),
        zone_id: zone_id.into(),
        ttl: ttl.into(),
        ptr,
    }
}

#[tokio::test]
async fn attach_with_address_dns_static_nat_and_two_groups() {
    let (_emulator, cloud) = start().await;
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    let ctx = load_context(&cloud, &instance, Some(SUBNET_A))
        .await
        .expect("context");
    assert_eq!(ctx.instance_zone, seed::ZONES[0]);
    assert_eq!(ctx.used_indexes, [0].into());
    assert_eq!(ctx.subnet.as_ref().map(|s| s.id.as_str()), Some(SUBNET_A));
    let own = instance.network_interfaces[0]
        .primary_v4_address
        .as_ref()
        .map(|a| a.address.parse().expect("ipv4"));
    assert!(own.is_some_and(|a| ctx.used_addresses.contains(&a)));
    for group in [seed::WEB_SG_ID, seed::SSH_SG_ID, seed::DB_SG_ID] {
        assert!(ctx.network_security_groups.iter().any(|g| g == group));
    }
    assert!(
        !ctx.network_security_groups
            .iter()
            .any(|g| g == seed::PROD_WEB_SG_ID)
    );
    assert_eq!(ctx.dns_zones[seed::PUBLIC_ZONE_ID], "example.com.");
    assert_eq!(ctx.dns_zones[seed::PRIVATE_ZONE_ID], "internal.");
    let free = seed::FREE_ADDRESS.parse().expect("ipv4");
    assert!(ctx.free_static_addresses.contains(&free));
    let used = seed::USED_ADDRESS.parse().expect("ipv4");
    assert!(!ctx.free_static_addresses.contains(&used));
    let d_zone = seed::FREE_ADDRESS_D.parse().expect("ipv4");
    assert!(!ctx.free_static_addresses.contains(&d_zone));

    let d = AttachDraft {
        ipv4: "10.128.0.200".into(),
        nat: NatChoice::Static(seed::FREE_ADDRESS.into()),
        internal_dns: vec![row("ci.internal.", seed::PRIVATE_ZONE_ID, "300", false)],
        nat_dns: vec![row("ci.example.com.", seed::PUBLIC_ZONE_ID, "600", true)],
        security_group_ids: vec![seed::WEB_SG_ID.into(), seed::SSH_SG_ID.into()],
        ..draft(seed::STOPPED_INSTANCE_ID, "1")
    };
    let after = attach_validated(&cloud, &d).await;
    assert_eq!(after.status, Status::Stopped as i32);
    assert_eq!(after.network_interfaces.len(), 2);
    let nic = after
        .network_interfaces
        .iter()
        .find(|n| n.index == "1")
        .expect("new interface");
    assert_eq!(nic.subnet_id, SUBNET_A);
    assert_eq!(nic.security_group_ids, [seed::WEB_SG_ID, seed::SSH_SG_ID]);
    let v4 = nic.primary_v4_address.as_ref().expect("v4");
    assert_eq!(v4.address, "10.128.0.200");
    assert_eq!(v4.dns_records.len(), 1);
    assert_eq!(v4.dns_records[0].fqdn, "ci.internal.");
    assert_eq!(v4.dns_records[0].dns_zone_id, seed::PRIVATE_ZONE_ID);
    assert_eq!(v4.dns_records[0].ttl, 300);
    let nat = v4.one_to_one_nat.as_ref().expect("nat");
    assert_eq!(nat.address, seed::FREE_ADDRESS);
    assert_eq!(nat.dns_records.len(), 1);
    assert_eq!(nat.dns_records[0].fqdn, "ci.example.com.");
    assert_eq!(nat.dns_records[0].ttl, 600);
    assert!(nat.dns_records[0].ptr);
    assert_eq!(
        cloud
            .get_instance(seed::STOPPED_INSTANCE_ID)
            .await
            .expect("get"),
        after
    );

    // The static address is used now, and so is the internal one.
    let ctx = load_context(&cloud, &after, Some(SUBNET_A))
        .await
        .expect("context");
    assert!(!ctx.free_static_addresses.contains(&free));
    assert!(
        ctx.used_addresses
            .contains(&"10.128.0.200".parse().expect("ipv4"))
    );
    assert_eq!(ctx.used_indexes, [0, 1].into());
}

#[tokio::test]
async fn running_instance_goes_stop_attach_start() {
    let (_emulator, cloud) = start().await;
    let id = seed::RUNNING_INSTANCE_ID;
    let before = cloud.get_instance(id).await.expect("get");
    assert_eq!(before.status, Status::Running as i32);
    let stop = StopInstanceRequest {
        instance_id: id.into(),
    };
    let op = cloud
        .stop_instance(stop, &idempotency_key())
        .await
        .expect("stop");
    assert_eq!(finish(&cloud, &op.id).await.status, Status::Stopped as i32);

    let d = AttachDraft {
        nat: NatChoice::Ephemeral,
        ..draft(id, "1")
    };
    let attached = attach_validated(&cloud, &d).await;
    assert_eq!(attached.network_interfaces.len(), 2);

    let start = StartInstanceRequest {
        instance_id: id.into(),
    };
    let op = cloud
        .start_instance(start, &idempotency_key())
        .await
        .expect("start");
    let started = finish(&cloud, &op.id).await;
    assert_eq!(started.status, Status::Running as i32);
    assert_eq!(started.network_interfaces.len(), 2);
    let nat = started.network_interfaces[1]
        .primary_v4_address
        .as_ref()
        .and_then(|a| a.one_to_one_nat.as_ref())
        .expect("ephemeral nat");
    assert!(!nat.address.is_empty());
}

/// A raw request (client validation bypassed) to the stopped instance in subnet A.
fn raw(index: &str) -> AttachInstanceNetworkInterfaceRequest {
    AttachInstanceNetworkInterfaceRequest {
        instance_id: seed::STOPPED_INSTANCE_ID.into(),
        network_interface_index: index.into(),
        subnet_id: SUBNET_A.into(),
        primary_v4_address_spec: Some(PrimaryAddressSpec::default()),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
    }
}

/// Sends a request the server must refuse, at once or as a failed operation.
async fn refusal(cloud: &Cloud, request: AttachInstanceNetworkInterfaceRequest) -> ApiError {
    match cloud
        .attach_network_interface(request, &idempotency_key())
        .await
    {
        Err(e) => e,
        Ok(op) => {
            let view = cloud
                .wait_operation(&op.id, NO_PAUSE, |_| {})
                .await
                .expect("poll");
            match view.state {
                OpState::Failed(e) => e,
                other => panic!("expected a refusal, got {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn server_refusals_map_to_their_fields() {
    let (_emulator, cloud) = start().await;
    let in_use = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get")
        .network_interfaces[0]
        .primary_v4_address
        .as_ref()
        .map(|a| a.address.clone())
        .expect("address");
    let with_spec = |spec: PrimaryAddressSpec| AttachInstanceNetworkInterfaceRequest {
        primary_v4_address_spec: Some(spec),
        ..raw("1")
    };
    let nat = |address: &str| OneToOneNatSpec {
        ip_version: 1,
        address: address.into(),
        dns_record_specs: vec![],
    };
    let cases = [
        (raw("0"), Field::Index),
        (
            AttachInstanceNetworkInterfaceRequest {
                subnet_id: seed::DEFAULT_SUBNET_IDS[1].into(),
                ..raw("1")
            },
            Field::Subnet,
        ),
        (
            AttachInstanceNetworkInterfaceRequest {
                security_group_ids: vec![seed::WEB_SG_ID.into(), seed::PROD_WEB_SG_ID.into()],
                ..raw("1")
            },
            Field::SecurityGroups,
        ),
        (
            with_spec(PrimaryAddressSpec {
                address: in_use,
                ..Default::default()
            }),
            Field::Ipv4,
        ),
        (
            with_spec(PrimaryAddressSpec {
                one_to_one_nat_spec: Some(nat(seed::USED_ADDRESS)),
                ..Default::default()
            }),
            Field::NatAddress,
        ),
        (
            with_spec(PrimaryAddressSpec {
                dns_record_specs: vec![DnsRecordSpec {
                    fqdn: "x.internal.".into(),
                    dns_zone_id: "dnsnosuchzone0000000".into(),
                    ttl: 0,
                    ptr: false,
                }],
                ..Default::default()
            }),
            Field::Dns {
                target: DnsTarget::Internal,
                row: 0,
                part: DnsPart::Zone,
            },
        ),
    ];
    for (request, field) in cases {
        let error = refusal(&cloud, request).await;
        assert_eq!(field_of(&error), Some(field), "{error}");
    }
}

#[tokio::test]
async fn the_ninth_interface_is_refused_on_the_index() {
    let (_emulator, cloud) = start().await;
    for index in 1..8 {
        let op = cloud
            .attach_network_interface(raw(&index.to_string()), &idempotency_key())
            .await
            .expect("attach");
        finish(&cloud, &op.id).await;
    }
    let full = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    assert_eq!(full.network_interfaces.len(), 8);
    // The client refuses it up front, on the instance.
    let ctx = load_context(&cloud, &full, Some(SUBNET_A))
        .await
        .expect("context");
    let errors = draft(seed::STOPPED_INSTANCE_ID, "8")
        .validate(&ctx)
        .expect_err("full");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, Field::Instance);
    // The server refuses it too, naming the index.
    let error = refusal(&cloud, raw("8")).await;
    assert_eq!(error.code, tonic::Code::ResourceExhausted, "{error}");
    assert_eq!(field_of(&error), Some(Field::Index), "{error}");
}

#[tokio::test]
async fn a_retried_submission_attaches_once() {
    let (_emulator, cloud) = start().await;
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    let ctx = load_context(&cloud, &instance, Some(SUBNET_A))
        .await
        .expect("context");
    let request = draft(seed::STOPPED_INSTANCE_ID, "1")
        .validate(&ctx)
        .expect("valid");
    let key = idempotency_key();
    let first = cloud
        .attach_network_interface(request.clone(), &key)
        .await
        .expect("first");
    let second = cloud
        .attach_network_interface(request.clone(), &key)
        .await
        .expect("retry");
    assert_eq!(first.id, second.id);
    finish(&cloud, &first.id).await;
    let after_done = cloud
        .attach_network_interface(request, &key)
        .await
        .expect("retry after done");
    assert_eq!(after_done.id, first.id);
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    assert_eq!(instance.network_interfaces.len(), 2);
}

#[tokio::test]
async fn detach_works_and_the_last_interface_stays() {
    let (_emulator, cloud) = start().await;
    let id = seed::STOPPED_TWO_NICS_INSTANCE_ID;
    let instance = cloud.get_instance(id).await.expect("get");
    assert_eq!(instance.network_interfaces.len(), 2);
    let request = check_detach(&instance, 1).expect("detachable");
    let op = cloud
        .detach_network_interface(request, &idempotency_key())
        .await
        .expect("detach");
    let after = finish(&cloud, &op.id).await;
    let indexes: Vec<&str> = after
        .network_interfaces
        .iter()
        .map(|n| n.index.as_str())
        .collect();
    assert_eq!(indexes, ["0"]);

    // Refused up front, and by the server when sent anyway.
    let refused = check_detach(&after, 0).expect_err("last interface");
    assert!(refused.contains("only interface"), "{refused}");
    let raw =
        ycdash::api::proto::yandex::cloud::compute::v1::DetachInstanceNetworkInterfaceRequest {
            instance_id: id.into(),
            network_interface_index: "0".into(),
        };
    let error = cloud
        .detach_network_interface(raw, &idempotency_key())
        .await
        .expect_err("last interface");
    assert_eq!(error.code, tonic::Code::FailedPrecondition, "{error}");
    assert_eq!(field_of(&error), Some(Field::Index));
    assert_eq!(
        cloud
            .get_instance(id)
            .await
            .expect("get")
            .network_interfaces
            .len(),
        1
    );
}
