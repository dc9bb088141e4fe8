//! Server refusals of an attach, sent raw past client validation to the emulator in process,
//! each mapped back to the form field it concerns by `field_of`.

mod common;

use common::flow::{SUBNET_A, draft, finish, raw, refusal, start};
use ycdash::{
    api::{
        idempotency_key,
        proto::yandex::cloud::compute::v1::{
            AttachInstanceNetworkInterfaceRequest, DnsRecordSpec, OneToOneNatSpec,
            PrimaryAddressSpec,
        },
    },
    emulator::seed,
    nic::{
        error::{DnsPart, DnsTarget, Field},
        load::{field_of, load_context},
    },
};

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
