//! Soak: hundreds of attach/detach cycles of an interface with 20 DNS records leave the
//! emulator's memory of past operations bounded (finished operations and idempotency keys
//! expire past a count), and the process's resident memory does not grow with the cycles.

mod common;

use common::flow::{self, NO_PAUSE};
use ycdash::{
    api::{
        idempotency_key,
        operation::OpState,
        proto::yandex::cloud::compute::v1::{
            DetachInstanceNetworkInterfaceRequest, DnsRecordSpec, PrimaryAddressSpec,
        },
    },
    emulator::{FINISHED_OPERATIONS_KEPT, seed},
};

const CYCLES: usize = 300;
const RECORDS: usize = 20;

/// Resident set size in bytes, from /proc/self/statm (Linux); None elsewhere.
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[tokio::test]
async fn attach_detach_cycles_keep_retained_state_bounded() {
    let (emulator, cloud) = flow::start().await;
    let mut request = flow::raw("5");
    request.primary_v4_address_spec = Some(PrimaryAddressSpec {
        dns_record_specs: (0..RECORDS)
            .map(|n| DnsRecordSpec {
                fqdn: format!("record-{n:02}-{}.soak.internal.", "x".repeat(40)),
                ttl: 300,
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    });
    let mut rss_after_warmup = None;
    for cycle in 0..CYCLES {
        let attach = cloud
            .attach_network_interface(request.clone(), &idempotency_key())
            .await
            .expect("attach accepted");
        let instance = flow::finish(&cloud, &attach.id).await;
        assert_eq!(instance.network_interfaces.len(), 2, "cycle {cycle}");
        let detach = cloud
            .detach_network_interface(
                DetachInstanceNetworkInterfaceRequest {
                    instance_id: seed::STOPPED_INSTANCE_ID.into(),
                    network_interface_index: "5".into(),
                },
                &idempotency_key(),
            )
            .await
            .expect("detach accepted");
        let view = cloud
            .wait_operation(&detach.id, NO_PAUSE, |_| {})
            .await
            .expect("poll");
        assert!(matches!(view.state, OpState::Done(_)), "{:?}", view.state);
        if cycle == FINISHED_OPERATIONS_KEPT {
            rss_after_warmup = resident_bytes();
        }
    }
    // Pruning runs when an operation starts, so the last one finished since is kept on top.
    let bound = FINISHED_OPERATIONS_KEPT + 1;
    let (operations, keys) = emulator.retained_operations();
    assert!(operations <= bound, "{operations} operations kept");
    assert!(keys <= bound, "{keys} idempotency keys kept");
    assert!(
        operations >= FINISHED_OPERATIONS_KEPT / 2,
        "{operations}: pruned too eagerly"
    );
    if let (Some(before), Some(after)) = (rss_after_warmup, resident_bytes()) {
        let growth = after.saturating_sub(before);
        eprintln!("resident memory over the last cycles: {before} -> {after} bytes");
        assert!(growth < 8 << 20, "grew {growth} bytes");
    }
}
