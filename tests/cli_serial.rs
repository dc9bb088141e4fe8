//! `ycdash serial`, the real binary against `ycdash emulator`: the boot log, ports, errors, and
//! `--follow` printing only what is new.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use common::process::{EmulatorProcess, stderr, stdout, without_credentials};
use ycdash::emulator::seed;

#[test]
fn prints_the_boot_log_of_port_1() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&["serial", seed::RUNNING_INSTANCE_ID]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("SeaBIOS"), "{text}");
    assert!(text.contains("Set hostname to <web-1>."), "{text}");
    assert!(text.contains("for user ubuntu"), "{text}");
    let again = emulator.run(&["serial", seed::RUNNING_INSTANCE_ID, "--port", "1"]);
    assert_eq!(stdout(&again), text);
    let other = emulator.run(&["serial", seed::RUNNING_INSTANCE_ID, "--port", "3"]);
    assert!(other.status.success());
    assert_eq!(stdout(&other), "");
}

#[test]
fn bad_port_and_unknown_instance() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&["serial", seed::RUNNING_INSTANCE_ID, "--port", "5"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses it");
    assert!(stderr(&out).contains("--port"), "{}", stderr(&out));
    let out = emulator.run(&["serial", "fhmnosuchinstance000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("NOT_FOUND"), "{}", stderr(&out));
}

#[test]
fn follow_prints_only_the_new_lines() {
    let emulator = EmulatorProcess::start(&[]);
    let id = seed::STOPPED_INSTANCE_ID;
    let mut child = without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
        .args(["--endpoint", &emulator.endpoint, "serial", id, "--follow"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start serial --follow");
    let reader = BufReader::new(child.stdout.take().expect("stdout"));
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let next = || {
        lines
            .recv_timeout(Duration::from_secs(30))
            .expect("a line within 30 s")
    };
    let mut first = Vec::new();
    loop {
        let line = next();
        let done = line.ends_with("reboot: Power down");
        first.push(line);
        if done {
            break;
        }
    }
    let out = emulator.run(&["nat", "add", "--instance", id, "--index", "0", "--wait"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = next();
    assert!(
        line.starts_with("yc-compute: while STOPPED: Add one-to-one NAT"),
        "only the new line follows, got {line:?}"
    );
    let _ = child.kill();
    let _ = child.wait();
    assert!(first[0].starts_with("SeaBIOS"));
}
