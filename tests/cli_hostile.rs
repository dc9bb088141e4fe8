//! The real binary fed hostile input: out-of-range emulator flags, escape bytes in filters and
//! server text, cells far past any terminal's width. Nothing panics, nothing raw reaches stdout.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use common::process::{EmulatorProcess, stderr, stdout};

#[test]
fn out_of_range_emulator_flags_exit_2_before_serving() {
    for flags in [
        ["--op-seconds", "1e20"],
        ["--op-seconds", "3601"],
        ["--op-seconds", "NaN"],
        ["--op-seconds", "-1"],
        ["--latency-ms", "60001"],
        ["--latency-ms", "18446744073709551616"],
        ["--fail-rate", "1.5"],
        ["--fail-rate", "inf"],
        ["--instances", "1000001"],
        ["--instances", "-1"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ycdash"))
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .args(flags)
            .output()
            .expect("run ycdash emulator");
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{flags:?} started serving");
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn the_largest_accepted_flags_serve() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ycdash"))
        .args([
            "emulator",
            "--listen",
            "127.0.0.1:0",
            "--op-seconds",
            "3600",
        ])
        .args(["--latency-ms", "60000", "--fail-rate", "1"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start ycdash emulator");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read the address line");
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("ycdash emulator listening on"), "{line}");
}

#[test]
fn a_filter_with_escape_bytes_is_echoed_visible() {
    let emulator = EmulatorProcess::start(&[]);
    let out = emulator.run(&["instances", "list", "--filter", "nam\u{1b}]0;x\u{7}e=\"x\""]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
        "{err:?}"
    );
    assert!(!out.stdout.contains(&0x1b), "{:?}", stdout(&out));
    assert!(err.contains("INVALID_ARGUMENT"), "{err}");
    assert!(err.contains("\\u{1b}"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
