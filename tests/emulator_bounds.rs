//! What the emulator bounds, as the API does: DNS names and record counts answer
//! INVALID_ARGUMENT past their limits, and an oversized request is refused, not buffered.

mod common;

use common::{clients, code, start};
use tonic::Code;
use ycdash::api::proto::yandex::cloud::compute::v1::{
    AttachInstanceNetworkInterfaceRequest, DnsRecordSpec, PrimaryAddressSpec,
};
use ycdash::emulator::{MAX_DNS_RECORDS_PER_ADDRESS, MAX_REQUEST_BYTES, seed};

fn attach_with_records(fqdns: Vec<String>) -> AttachInstanceNetworkInterfaceRequest {
    AttachInstanceNetworkInterfaceRequest {
        instance_id: seed::STOPPED_INSTANCE_ID.into(),
        network_interface_index: "3".into(),
        subnet_id: seed::DEFAULT_SUBNET_IDS[0].into(),
        primary_v4_address_spec: Some(PrimaryAddressSpec {
            dns_record_specs: fqdns
                .into_iter()
                .map(|fqdn| DnsRecordSpec {
                    fqdn,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }),
        security_group_ids: vec![seed::WEB_SG_ID.into()],
    }
}

#[tokio::test]
async fn dns_names_and_record_counts_past_the_limits_are_invalid_argument() {
    let emulator = start().await;
    let (mut instances, _) = clients(&emulator).await;
    let label = |n: usize| "a".repeat(n);
    let name_254 = [label(63), label(63), label(63), label(62)].join(".");
    assert_eq!(name_254.len(), 254);
    let too_many: Vec<String> = (0..=MAX_DNS_RECORDS_PER_ADDRESS)
        .map(|n| format!("r{n}.internal."))
        .collect();
    for (fqdns, expect) in [
        (vec![format!("{name_254}.")], "at most 253"),
        (vec![format!("{}.internal.", label(64))], "1-63"),
        (
            vec![format!("{}\u{1b}x.internal.", label(3))],
            "only ASCII letters",
        ),
        (too_many, "at most 32 are allowed"),
    ] {
        let (status, message) = code(
            instances
                .attach_network_interface(attach_with_records(fqdns.clone()))
                .await,
        );
        assert_eq!(status, Code::InvalidArgument, "{message}");
        assert!(message.contains(expect), "{fqdns:?}: {message}");
    }
    let at_the_limit: Vec<String> = (0..MAX_DNS_RECORDS_PER_ADDRESS)
        .map(|n| format!("r{n}.{}.internal.", label(63)))
        .collect();
    instances
        .attach_network_interface(attach_with_records(at_the_limit))
        .await
        .expect("32 records of long names are accepted");
}

#[tokio::test]
async fn an_oversized_request_is_refused() {
    let emulator = start().await;
    let (mut instances, _) = clients(&emulator).await;
    let mut request = attach_with_records(Vec::new());
    request.instance_id = "x".repeat(MAX_REQUEST_BYTES + 1);
    let (status, message) = code(instances.attach_network_interface(request).await);
    assert_eq!(status, Code::OutOfRange, "{message}");
}
