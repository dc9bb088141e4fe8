//! Emulator NIC rules: attach and detach, success and every failure, with the resulting state.

mod common;

use common::{clients, code, start, start_slow, start_with, wait};
use std::time::Duration;
use tonic::{Code, Request};
use ycdash::api::proto::yandex::cloud::compute::v1::{
    AttachInstanceNetworkInterfaceRequest, DetachInstanceNetworkInterfaceRequest, DnsRecordSpec,
    GetInstanceRequest, Instance, IpVersion, OneToOneNatSpec, PrimaryAddressSpec, instance::Status,
};
use ycdash::api::proto::yandex::cloud::operation::{CancelOperationRequest, operation};
use ycdash::api::proto::yandex::cloud::vpc::v1::{
    GetAddressRequest, ListUsedAddressesRequest, address_service_client::AddressServiceClient,
    subnet_service_client::SubnetServiceClient,
};
use ycdash::emulator::{EmulatorConfig, seed};

fn attach(index: &str, subnet: &str) -> AttachInstanceNetworkInterfaceRequest {
    AttachInstanceNetworkInterfaceRequest {
        instance_id: seed::STOPPED_INSTANCE_ID.into(),
        network_interface_index: index.into(),
        subnet_id: subnet.into(),
        primary_v4_address_spec: None,
        security_group_ids: Vec::new(),
    }
}

fn spec(address: &str, nat: Option<OneToOneNatSpec>) -> Option<PrimaryAddressSpec> {
    Some(PrimaryAddressSpec {
        address: address.into(),
        one_to_one_nat_spec: nat,
        dns_record_specs: Vec::new(),
    })
}

fn nat(address: &str) -> Option<OneToOneNatSpec> {
    Some(OneToOneNatSpec {
        ip_version: IpVersion::Ipv4.into(),
        address: address.into(),
        dns_record_specs: Vec::new(),
    })
}

fn dns(fqdn: &str, zone: &str, ttl: i64) -> DnsRecordSpec {
    DnsRecordSpec {
        fqdn: fqdn.into(),
        dns_zone_id: zone.into(),
        ttl,
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

const SUBNET_A: &str = seed::DEFAULT_SUBNET_IDS[0];

#[tokio::test]
async fn attach_with_address_static_nat_dns_and_groups() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let mut req = attach("1", SUBNET_A);
    req.primary_v4_address_spec = Some(PrimaryAddressSpec {
        address: "10.128.0.200".into(),
        one_to_one_nat_spec: Some(OneToOneNatSpec {
            ip_version: IpVersion::Ipv4.into(),
            address: seed::FREE_ADDRESS.into(),
            dns_record_specs: vec![dns("ci.example.com.", seed::PUBLIC_ZONE_ID, 600)],
        }),
        dns_record_specs: vec![dns("ci.internal.", seed::PRIVATE_ZONE_ID, 300)],
    });
    req.security_group_ids = vec![seed::WEB_SG_ID.into(), seed::SSH_SG_ID.into()];
    let op = c
        .attach_network_interface(req)
        .await
        .expect("attach")
        .into_inner();
    assert_eq!(op.description, "Attach network interface");
    assert!(op.metadata.as_ref().is_some_and(|m| {
        m.type_url
            .ends_with("AttachInstanceNetworkInterfaceMetadata")
    }));
    let done = wait(&mut o, &op.id).await;
    let Some(operation::Result::Response(any)) = done.result else {
        panic!("no response")
    };
    let from_op: Instance = any.to_msg().expect("instance");
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    assert_eq!(from_op.network_interfaces, inst.network_interfaces);
    assert_eq!(inst.status, Status::Stopped as i32);
    let nic = inst
        .network_interfaces
        .iter()
        .find(|n| n.index == "1")
        .expect("nic 1");
    assert!(nic.mac_address.starts_with("d0:0d:"));
    assert_eq!(nic.subnet_id, SUBNET_A);
    assert_eq!(nic.security_group_ids, [seed::WEB_SG_ID, seed::SSH_SG_ID]);
    let addr = nic.primary_v4_address.as_ref().expect("address");
    assert_eq!(addr.address, "10.128.0.200");
    assert_eq!(addr.dns_records[0].fqdn, "ci.internal.");
    let one_to_one = addr.one_to_one_nat.as_ref().expect("nat");
    assert_eq!(one_to_one.address, seed::FREE_ADDRESS);
    assert_eq!(one_to_one.ip_version, IpVersion::Ipv4 as i32);
    assert_eq!(one_to_one.dns_records[0].dns_zone_id, seed::PUBLIC_ZONE_ID);

    let mut addresses = AddressServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    let a = addresses
        .get(GetAddressRequest {
            address_id: seed::FREE_ADDRESS_ID.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(a.used);
    let mut subnets = SubnetServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    let used = subnets
        .list_used_addresses(ListUsedAddressesRequest {
            subnet_id: SUBNET_A.into(),
            ..Default::default()
        })
        .await
        .expect("used")
        .into_inner();
    assert!(used.addresses.iter().any(|u| {
        u.address == "10.128.0.200"
            && u.references[0]
                .referrer
                .as_ref()
                .is_some_and(|r| r.id == seed::STOPPED_INSTANCE_ID)
    }));

    // The static address is taken now; the internal address too.
    let mut again = attach("2", SUBNET_A);
    again.instance_id = seed::STOPPED_INSTANCE_2_ID.into();
    again.primary_v4_address_spec = spec("", nat(seed::FREE_ADDRESS));
    assert_eq!(
        code(c.attach_network_interface(again.clone()).await).0,
        Code::AlreadyExists
    );
    again.primary_v4_address_spec = spec("10.128.0.200", None);
    assert_eq!(
        code(c.attach_network_interface(again).await).0,
        Code::AlreadyExists
    );

    // Detach frees both.
    let op = c
        .detach_network_interface(DetachInstanceNetworkInterfaceRequest {
            instance_id: seed::STOPPED_INSTANCE_ID.into(),
            network_interface_index: "1".into(),
        })
        .await
        .expect("detach")
        .into_inner();
    wait(&mut o, &op.id).await;
    assert_eq!(
        get(&mut c, seed::STOPPED_INSTANCE_ID)
            .await
            .network_interfaces
            .len(),
        1
    );
    let a = addresses
        .get(GetAddressRequest {
            address_id: seed::FREE_ADDRESS_ID.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(!a.used);
}

#[tokio::test]
async fn attach_defaults_address_group_and_ephemeral_nat() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let mut req = attach("3", seed::PROD_SUBNET_IDS[0]);
    req.primary_v4_address_spec = spec("", nat(""));
    let op = c
        .attach_network_interface(req)
        .await
        .expect("attach")
        .into_inner();
    wait(&mut o, &op.id).await;
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    let nic = inst
        .network_interfaces
        .iter()
        .find(|n| n.index == "3")
        .expect("nic 3");
    assert_eq!(nic.security_group_ids, [seed::PROD_DEFAULT_SG_ID]);
    let addr = nic.primary_v4_address.as_ref().expect("address");
    assert_eq!(
        addr.address, "172.16.0.3",
        "lowest free address after network, gateway, DNS"
    );
    assert!(
        addr.one_to_one_nat
            .as_ref()
            .is_some_and(|n| n.address.starts_with("51.250."))
    );
}

#[tokio::test]
async fn attach_rejects_every_broken_rule() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let with = |f: &dyn Fn(&mut AttachInstanceNetworkInterfaceRequest)| {
        let mut r = attach("1", SUBNET_A);
        f(&mut r);
        r
    };
    let cases: Vec<(AttachInstanceNetworkInterfaceRequest, Code, &str)> = vec![
        (
            with(&|r| r.instance_id.clear()),
            Code::InvalidArgument,
            "instance_id",
        ),
        (
            with(&|r| r.instance_id = "fhmnosuch00000000000".into()),
            Code::NotFound,
            "instance",
        ),
        (
            with(&|r| r.instance_id = seed::RUNNING_INSTANCE_ID.into()),
            Code::FailedPrecondition,
            "must be STOPPED",
        ),
        (
            with(&|r| r.network_interface_index.clear()),
            Code::InvalidArgument,
            "network_interface_index: required",
        ),
        (
            with(&|r| r.network_interface_index = "16".into()),
            Code::InvalidArgument,
            "network_interface_index",
        ),
        (
            with(&|r| r.network_interface_index = "x".into()),
            Code::InvalidArgument,
            "network_interface_index",
        ),
        (
            with(&|r| r.network_interface_index = "01".into()),
            Code::InvalidArgument,
            "network_interface_index",
        ),
        (
            with(&|r| r.network_interface_index = "0".into()),
            Code::AlreadyExists,
            "0 is already used by this instance",
        ),
        (
            with(&|r| r.subnet_id.clear()),
            Code::InvalidArgument,
            "subnet_id",
        ),
        (
            with(&|r| r.subnet_id = "e9bnosuch00000000000".into()),
            Code::NotFound,
            "subnet_id",
        ),
        (
            with(&|r| r.subnet_id = seed::DEFAULT_SUBNET_IDS[1].into()),
            Code::InvalidArgument,
            "zone",
        ),
        (
            with(&|r| r.security_group_ids = vec!["enpnosuch00000000000".into()]),
            Code::NotFound,
            "security_group_ids",
        ),
        (
            with(&|r| r.security_group_ids = vec![seed::PROD_WEB_SG_ID.into()]),
            Code::InvalidArgument,
            "belongs to network",
        ),
        (
            with(&|r| r.security_group_ids = vec![seed::WEB_SG_ID.into(), seed::WEB_SG_ID.into()]),
            Code::InvalidArgument,
            "twice",
        ),
        (
            with(&|r| r.security_group_ids = vec!["a".into(); 6]),
            Code::InvalidArgument,
            "at most 5",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.300", None)),
            Code::InvalidArgument,
            "not a valid IPv4",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.129.0.10", None)),
            Code::InvalidArgument,
            "outside",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.0", None)),
            Code::InvalidArgument,
            "network address",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.1", None)),
            Code::InvalidArgument,
            "gateway",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.2", None)),
            Code::InvalidArgument,
            "DNS",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.255", None)),
            Code::InvalidArgument,
            "broadcast",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("10.128.0.10", None)),
            Code::AlreadyExists,
            "already used",
        ),
        (
            with(&|r| {
                r.primary_v4_address_spec = spec(
                    "",
                    Some(OneToOneNatSpec {
                        ip_version: IpVersion::Ipv6.into(),
                        ..Default::default()
                    }),
                )
            }),
            Code::InvalidArgument,
            "only IPV4 is available",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("", nat("1.2.3.4"))),
            Code::NotFound,
            "no reserved address",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("", nat(seed::FREE_ADDRESS_D))),
            Code::InvalidArgument,
            "zone",
        ),
        (
            with(&|r| r.primary_v4_address_spec = spec("", nat(seed::USED_ADDRESS))),
            Code::AlreadyExists,
            "in use",
        ),
        (
            with(&|r| {
                r.primary_v4_address_spec = Some(PrimaryAddressSpec {
                    dns_record_specs: vec![dns("", "", 0)],
                    ..Default::default()
                })
            }),
            Code::InvalidArgument,
            "fqdn: required",
        ),
        (
            with(&|r| {
                r.primary_v4_address_spec = Some(PrimaryAddressSpec {
                    dns_record_specs: vec![dns("a.", "", 86_401)],
                    ..Default::default()
                })
            }),
            Code::InvalidArgument,
            "ttl",
        ),
        (
            with(&|r| {
                r.primary_v4_address_spec = Some(PrimaryAddressSpec {
                    dns_record_specs: vec![dns("a.", "dnsnosuch00000000000", 60)],
                    ..Default::default()
                })
            }),
            Code::NotFound,
            "dns_zone_id",
        ),
        (
            with(&|r| {
                r.primary_v4_address_spec = spec(
                    "",
                    Some(OneToOneNatSpec {
                        dns_record_specs: vec![dns("", "", 0)],
                        ..Default::default()
                    }),
                )
            }),
            Code::InvalidArgument,
            "one_to_one_nat_spec.dns_record_specs[0].fqdn",
        ),
    ];
    for (req, want, text) in cases {
        let (got, msg) = code(c.attach_network_interface(req.clone()).await);
        assert_eq!(got, want, "{req:?}: {msg}");
        assert!(msg.contains(text), "{msg} should mention {text}");
    }
    // Nothing was changed by the failures.
    assert_eq!(
        get(&mut c, seed::STOPPED_INSTANCE_ID)
            .await
            .network_interfaces
            .len(),
        1
    );
}

#[tokio::test]
async fn at_most_eight_nics() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    for i in 1..8 {
        let op = c
            .attach_network_interface(attach(&i.to_string(), SUBNET_A))
            .await
            .expect("attach")
            .into_inner();
        wait(&mut o, &op.id).await;
    }
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    assert_eq!(inst.network_interfaces.len(), 8);
    let (got, msg) = code(c.attach_network_interface(attach("9", SUBNET_A)).await);
    assert_eq!(got, Code::ResourceExhausted, "{msg}");
}

#[tokio::test]
async fn detach_rules() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let detach = |id: &str, index: &str| DetachInstanceNetworkInterfaceRequest {
        instance_id: id.into(),
        network_interface_index: index.into(),
    };
    let two = seed::STOPPED_TWO_NICS_INSTANCE_ID;
    assert_eq!(
        code(c.detach_network_interface(detach("", "1")).await).0,
        Code::InvalidArgument
    );
    assert_eq!(
        code(c.detach_network_interface(detach(two, "")).await).0,
        Code::InvalidArgument
    );
    assert_eq!(
        code(c.detach_network_interface(detach(two, "5")).await).0,
        Code::NotFound
    );
    assert_eq!(
        code(
            c.detach_network_interface(detach(seed::RUNNING_INSTANCE_ID, "0"))
                .await
        )
        .0,
        Code::FailedPrecondition
    );
    let op = c
        .detach_network_interface(detach(two, "1"))
        .await
        .expect("detach")
        .into_inner();
    assert!(op.metadata.as_ref().is_some_and(|m| {
        m.type_url
            .ends_with("DetachInstanceNetworkInterfaceMetadata")
    }));
    wait(&mut o, &op.id).await;
    let inst = get(&mut c, two).await;
    assert_eq!(inst.network_interfaces.len(), 1);
    let (got, msg) = code(c.detach_network_interface(detach(two, "0")).await);
    assert_eq!(got, Code::FailedPrecondition);
    assert!(msg.contains("last network interface"), "{msg}");
}

#[tokio::test]
async fn idempotent_attach_adds_one_nic() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let keyed = |req: AttachInstanceNetworkInterfaceRequest| {
        let mut r = Request::new(req);
        r.metadata_mut().insert(
            "idempotency-key",
            "0b6f7a52-3f1e-4a55-9f51-3b1c3e2f9d10"
                .parse()
                .expect("ascii"),
        );
        r
    };
    let first = c
        .attach_network_interface(keyed(attach("1", SUBNET_A)))
        .await
        .expect("attach")
        .into_inner();
    let second = c
        .attach_network_interface(keyed(attach("1", SUBNET_A)))
        .await
        .expect("replay")
        .into_inner();
    assert_eq!(first.id, second.id);
    wait(&mut o, &first.id).await;
    let third = c
        .attach_network_interface(keyed(attach("1", SUBNET_A)))
        .await
        .expect("replay")
        .into_inner();
    assert_eq!(first.id, third.id);
    assert_eq!(
        get(&mut c, seed::STOPPED_INSTANCE_ID)
            .await
            .network_interfaces
            .len(),
        2
    );
    assert_eq!(
        code(
            c.attach_network_interface(keyed(attach("2", SUBNET_A)))
                .await
        )
        .0,
        Code::InvalidArgument
    );
}

#[tokio::test]
async fn an_attach_cannot_be_cancelled_and_a_failed_one_releases_the_static_address() {
    let emu = start_slow().await;
    let (mut c, mut o) = clients(&emu).await;
    let mut req = attach("1", SUBNET_A);
    req.primary_v4_address_spec = spec("", nat(seed::FREE_ADDRESS));
    let op = c
        .attach_network_interface(req.clone())
        .await
        .expect("attach")
        .into_inner();
    let (status, message) = code(
        o.cancel(CancelOperationRequest {
            operation_id: op.id.clone(),
        })
        .await,
    );
    assert_eq!(status, Code::FailedPrecondition);
    assert!(message.contains("cannot be cancelled"), "{message}");
    drop(emu);

    let emu = start_with(EmulatorConfig {
        op_duration: Duration::ZERO,
        op_fail_rate: 1.0,
        ..Default::default()
    })
    .await;
    let (mut c, mut o) = clients(&emu).await;
    let op = c
        .attach_network_interface(req)
        .await
        .expect("attach")
        .into_inner();
    let mut addresses = AddressServiceClient::connect(emu.endpoint())
        .await
        .expect("connect");
    let done = wait(&mut o, &op.id).await;
    assert!(
        matches!(done.result, Some(operation::Result::Error(ref e)) if e.code == Code::Internal as i32),
        "{done:?}"
    );
    let inst = get(&mut c, seed::STOPPED_INSTANCE_ID).await;
    assert_eq!(inst.status, Status::Stopped as i32);
    assert_eq!(inst.network_interfaces.len(), 1);
    let address = addresses
        .get(GetAddressRequest {
            address_id: seed::FREE_ADDRESS_ID.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(!address.used);
}
