//! Resuming `ycdash attach --stop-first`: the command an unknown outcome prints is the same
//! attach with `--stop-first`, the `--index` sent and the key. Run after the sequence stopped
//! at any step (the stop done, the attach done, everything done but the answer lost), it
//! finishes the sequence and applies each change exactly once: one Stop, one Attach and one
//! Start in the instance's operations, two interfaces, RUNNING.

mod common;

use common::process::{EmulatorProcess, stderr, stdout};
use ycdash::{
    api::{
        Cloud, derive_idempotency_key,
        proto::yandex::cloud::compute::v1::{ListInstanceOperationsRequest, instance::Status},
    },
    emulator::seed,
};

const KEY: &str = "6f1d7c1e-4b2a-4c7e-9a35-2f0c1d9e8b77";
const WEB_1: &str = seed::RUNNING_INSTANCE_ID;

/// The printed resume command's words (after `--endpoint`): the attach with every deciding
/// flag, the index actually sent, `--wait`, the key and `--stop-first`.
fn resume_words() -> Vec<&'static str> {
    vec![
        "attach",
        "--instance",
        WEB_1,
        "--index",
        "1",
        "--subnet",
        seed::DEFAULT_SUBNET_IDS[0],
        "--sg",
        seed::WEB_SG_ID,
        "--wait",
        "--idempotency-key",
        KEY,
        "--stop-first",
    ]
}

/// The key the sequence's stop step is sent with (derived from the attach's, as documented).
fn stop_key() -> String {
    derive_idempotency_key(KEY, "attach --stop-first: stop")
}

/// The instance's operations, oldest first, its status and its interface count.
fn observed(emulator: &EmulatorProcess) -> (Vec<String>, i32, usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let cloud = Cloud::single(&emulator.endpoint, false, None).expect("client");
        let ops = cloud
            .list_instance_operations(ListInstanceOperationsRequest {
                instance_id: WEB_1.into(),
                page_size: 100,
                ..Default::default()
            })
            .await
            .expect("operations");
        let mut described: Vec<String> =
            ops.operations.into_iter().map(|o| o.description).collect();
        described.reverse();
        let instance = cloud.get_instance(WEB_1).await.expect("instance");
        (
            described,
            instance.status,
            instance.network_interfaces.len(),
        )
    })
}

fn once_each() -> (Vec<String>, i32, usize) {
    let ops = [
        "Stop instance",
        "Attach network interface",
        "Start instance",
    ];
    (ops.map(String::from).to_vec(), Status::Running as i32, 2)
}

fn resume(emulator: &EmulatorProcess) -> String {
    let out = emulator.run(&resume_words());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Start instance  done"), "{text}");
    text
}

#[test]
fn a_resume_after_the_stop_attaches_and_starts_once() {
    let emulator = EmulatorProcess::start(&[]);
    let stop = emulator.run(&[
        "instances",
        "stop",
        WEB_1,
        "--wait",
        "--idempotency-key",
        &stop_key(),
    ]);
    assert!(stop.status.success(), "{}", stderr(&stop));
    let text = resume(&emulator);
    assert!(
        !text.contains("Stop instance"),
        "a STOPPED instance is not stopped again: {text}"
    );
    assert_eq!(observed(&emulator), once_each());
}

#[test]
fn a_resume_after_the_attach_finds_it_done_and_starts_once() {
    let emulator = EmulatorProcess::start(&[]);
    let stop = emulator.run(&[
        "instances",
        "stop",
        WEB_1,
        "--wait",
        "--idempotency-key",
        &stop_key(),
    ]);
    assert!(stop.status.success(), "{}", stderr(&stop));
    // The attach step as the sequence sends it: the attach's own key and index.
    let words = resume_words();
    let attach = emulator.run(&words[..words.len() - 1]);
    assert!(attach.status.success(), "{}", stderr(&attach));
    resume(&emulator);
    assert_eq!(observed(&emulator), once_each());
}

#[test]
fn a_resume_after_the_whole_sequence_changes_nothing() {
    let emulator = EmulatorProcess::start(&[]);
    resume(&emulator);
    assert_eq!(observed(&emulator), once_each());
    // The answer was lost: the same command again replays every step by its key.
    resume(&emulator);
    assert_eq!(observed(&emulator), once_each());
}
