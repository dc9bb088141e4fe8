//! The attach flow as the form and `ycdash attach` run it, against the emulator in process:
//! `load_context`, `AttachDraft::validate`, attach, wait; server refusals mapped to fields by
//! `field_of`; idempotent retries; detach.

mod common;

use common::flow::{SUBNET_A, attach_validated, draft, finish, start};
use ycdash::{
    api::{
        idempotency_key,
        proto::yandex::cloud::compute::v1::{
            DetachInstanceNetworkInterfaceRequest, StartInstanceRequest, StopInstanceRequest,
            instance::Status,
        },
    },
    emulator::seed,
    nic::{
        detach::check_detach,
        draft::{AttachDraft, DnsRow},
        error::Field,
        fields::NatChoice,
        load::{field_of, load_context},
    },
};

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
    let raw = DetachInstanceNetworkInterfaceRequest {
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
