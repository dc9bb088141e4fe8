//! End to end under faults: the real binary's attaches, stops and starts against `ycdash
//! emulator` answering UNAVAILABLE to a share of calls, or answering later than `--timeout`.
//! Every exit 3 is resumed with the command it printed; in the end each change was applied
//! exactly once (one operation per change, counted by the emulator) and none was reported as
//! a definite failure (exit 1 or 2).

mod common;

use std::{path::Path, process::Command};

use common::process::{EmulatorProcess, stderr, stdout, without_credentials};
use ycdash::{
    api::{
        Cloud, RetryPolicy,
        proto::yandex::cloud::compute::v1::{
            ListInstanceOperationsRequest, ListInstancesRequest, instance::Status,
        },
    },
    emulator::seed,
};

/// Resumes per change at most; each resume is a fresh chance past the faults.
const MAX_RESUMES: usize = 10;

/// The commands an exit 3 says to run: the line after each "run:".
fn resume_commands(stderr: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].ends_with("run:"))
        .map(|pair| pair[1].trim().to_string())
        .collect()
}

/// Runs a printed command line in a shell, with this build's `ycdash` first on PATH.
fn run_shell(line: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_ycdash"));
    let dir = bin.parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    without_credentials(Command::new("sh").arg("-c").arg(line).env("PATH", path))
        .output()
        .expect("run sh")
}

/// Runs a mutating command, then every command its exit 3 names, until all end in 0.
/// Panics on exit 1 or 2: a definite failure under faults that only delay or drop calls.
fn run_to_completion(emulator: &EmulatorProcess, client_flags: &[&str], args: &[&str]) -> usize {
    let mut all: Vec<&str> = client_flags.to_vec();
    all.extend(args);
    let mut pending = vec![emulator.run(&all)];
    let mut resumes = 0;
    while let Some(out) = pending.pop() {
        match out.status.code() {
            Some(0) => {}
            Some(3) => {
                let text = stderr(&out);
                assert!(text.contains("idempotency key: "), "{text}");
                let commands = resume_commands(&text);
                assert!(!commands.is_empty(), "exit 3 without a command: {text}");
                for line in commands {
                    assert!(line.contains("--idempotency-key "), "{line}");
                    resumes += 1;
                    assert!(
                        resumes <= MAX_RESUMES,
                        "still unknown after {resumes}: {text}"
                    );
                    pending.push(run_shell(&line));
                }
            }
            other => panic!("{args:?} ended {other:?}: {}{}", stdout(&out), stderr(&out)),
        }
    }
    resumes
}

/// The emulator's view, read with a patient client (the faults hit these reads too).
struct Checker {
    runtime: tokio::runtime::Runtime,
    cloud: Cloud,
}

impl Checker {
    fn new(emulator: &EmulatorProcess) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let cloud = runtime.block_on(async {
            Cloud::single(&emulator.endpoint, false, None)
                .expect("client")
                .with_retry(RetryPolicy::patient())
        });
        Self { runtime, cloud }
    }

    fn running_instances(&self, n: usize) -> Vec<String> {
        let list = self
            .runtime
            .block_on(self.cloud.list_instances(ListInstancesRequest {
                folder_id: seed::FOLDER_ID.into(),
                filter: "status = \"RUNNING\"".into(),
                page_size: 100,
                ..Default::default()
            }))
            .expect("list");
        let ids: Vec<String> = list.instances.into_iter().map(|i| i.id).take(n).collect();
        assert_eq!(ids.len(), n, "the seed has enough running instances");
        ids
    }

    /// The descriptions of every operation the instance has had, oldest first.
    fn operations(&self, id: &str) -> Vec<String> {
        let list = self
            .runtime
            .block_on(
                self.cloud
                    .list_instance_operations(ListInstanceOperationsRequest {
                        instance_id: id.into(),
                        page_size: 100,
                        ..Default::default()
                    }),
            )
            .expect("list operations");
        let mut ops: Vec<String> = list.operations.into_iter().map(|o| o.description).collect();
        ops.reverse();
        ops
    }

    fn instance(&self, id: &str) -> (i32, Vec<String>) {
        let i = self
            .runtime
            .block_on(self.cloud.get_instance(id))
            .expect("get");
        let indexes = i.network_interfaces.into_iter().map(|n| n.index).collect();
        (i.status, indexes)
    }
}

/// Four attaches, four stops (two in one command) and four starts under `emulator_flags`.
fn twelve_changes_apply_exactly_once(emulator_flags: &[&str], client_flags: &[&str]) {
    let emulator = EmulatorProcess::start(emulator_flags);
    let checker = Checker::new(&emulator);
    let running = checker.running_instances(4);
    let stopped = seed::STOPPED_INSTANCE_ID;
    let subnet = seed::DEFAULT_SUBNET_IDS[0];
    let mut resumes = 0;
    for _ in 0..4 {
        resumes += run_to_completion(
            &emulator,
            client_flags,
            &[
                "attach",
                "--instance",
                stopped,
                "--subnet",
                subnet,
                "--sg",
                seed::DEFAULT_SG_ID,
                "--wait",
            ],
        );
    }
    resumes += run_to_completion(
        &emulator,
        client_flags,
        &["instances", "stop", &running[0], &running[1], "--wait"],
    );
    for id in &running[2..] {
        resumes += run_to_completion(
            &emulator,
            client_flags,
            &["instances", "stop", id, "--wait"],
        );
    }
    for id in &running {
        resumes += run_to_completion(&emulator, client_flags, &["instances", "start", id]);
    }

    let (status, indexes) = checker.instance(stopped);
    assert_eq!(status, Status::Stopped as i32);
    assert_eq!(
        indexes,
        ["0", "1", "2", "3", "4"],
        "four interfaces added, once each"
    );
    let attaches = checker.operations(stopped);
    assert_eq!(attaches.len(), 4, "{attaches:?}");
    for id in &running {
        assert_eq!(
            checker.operations(id),
            ["Stop instance", "Start instance"],
            "instance {id}"
        );
    }
    eprintln!("{emulator_flags:?}: {resumes} exit-3 resumes");
}

#[test]
fn unavailable_calls_never_double_or_lose_a_change() {
    twelve_changes_apply_exactly_once(&["--fail-rate", "0.3"], &[]);
}

#[test]
fn answers_later_than_the_timeout_are_resumed_and_applied_once() {
    // Three in ten responses come after the deadline: reads are retried, mutations exit 3.
    twelve_changes_apply_exactly_once(
        &["--latency-ms", "500", "--latency-rate", "0.3"],
        &["--timeout", "0.25"],
    );
}

#[test]
fn a_timed_out_stop_exits_3_and_its_printed_command_finishes_it_once() {
    let emulator = EmulatorProcess::start(&["--latency-ms", "500"]);
    let checker = Checker::new(&emulator);
    let id = checker.running_instances(1).remove(0);
    let out = emulator.run(&["--timeout", "0.25", "instances", "stop", &id, "--wait"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("timed out after 0.25 s"), "{text}");
    assert!(!text.contains("cannot reach"), "{text}");
    let key = text
        .split("idempotency key: ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("the key is printed");
    let commands = resume_commands(&text);
    assert_eq!(
        commands,
        [format!(
            "ycdash --endpoint {} instances stop {id} --wait --idempotency-key {key}",
            emulator.endpoint
        )]
    );
    // The change was made before the late answer: the resume finds it, it does not repeat it.
    let resumed = run_shell(&commands[0]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert!(
        stdout(&resumed).contains("Stop instance  done"),
        "{}",
        stdout(&resumed)
    );
    assert_eq!(checker.operations(&id), ["Stop instance"]);
    assert_eq!(checker.instance(&id).0, Status::Stopped as i32);
}
