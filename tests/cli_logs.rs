//! The headless commands' logs on stderr: `--log-level` chooses them (before or after the
//! subcommand), `YCDASH_LOG` overrides it, and colour is used only on a terminal without
//! `NO_COLOR`. A NOT_FOUND on the embedded demo emulator logs "call failed" at debug.

mod common;

use std::{
    fs::File,
    io::Read,
    process::{Command, Stdio},
};

use common::process::{stderr, without_credentials};
use nix::pty::openpty;

const CALL_FAILED: &str = "call failed";
const MISSING: &str = "fhmnosuchinstance000";

fn ycdash() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ycdash"));
    without_credentials(&mut command)
        .env_remove("YCDASH_LOG")
        .env_remove("NO_COLOR");
    command
}

/// stderr of `ycdash ARGS` through a pipe.
fn piped_stderr(command: &mut Command, args: &[&str]) -> String {
    let out = command.args(args).output().expect("run ycdash");
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    stderr(&out)
}

#[test]
fn log_level_works_for_headless_commands_and_ycdash_log_overrides_it() {
    let quiet = piped_stderr(&mut ycdash(), &["--demo", "instances", "get", MISSING]);
    assert!(!quiet.contains(CALL_FAILED), "{quiet}");
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    for args in [
        &[
            "--log-level",
            "ycdash=debug",
            "--demo",
            "instances",
            "get",
            MISSING,
        ][..],
        &[
            "--demo",
            "instances",
            "get",
            MISSING,
            "--log-level",
            "ycdash=debug",
        ],
    ] {
        let text = piped_stderr(&mut ycdash(), args);
        assert!(text.contains(CALL_FAILED), "{args:?}: {text}");
        assert!(text.contains("NOT_FOUND"), "{text}");
    }
    let overridden = piped_stderr(
        ycdash().env("YCDASH_LOG", "warn"),
        &[
            "--log-level",
            "debug",
            "--demo",
            "instances",
            "get",
            MISSING,
        ],
    );
    assert!(!overridden.contains(CALL_FAILED), "{overridden}");
    let out = ycdash()
        .args(["--log-level", "verbose", "instances", "list"])
        .output()
        .expect("run ycdash");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a level"), "{}", stderr(&out));
}

#[test]
fn logs_on_a_pipe_are_never_coloured() {
    let text = piped_stderr(
        &mut ycdash(),
        &[
            "--log-level",
            "ycdash=debug",
            "--demo",
            "instances",
            "get",
            MISSING,
        ],
    );
    assert!(text.contains(CALL_FAILED), "{text}");
    assert!(!text.contains('\x1b'), "{text:?}");
}

/// stderr of `ycdash ARGS` on a pseudo-terminal, with `NO_COLOR` set to `no_color` if given.
fn terminal_stderr(no_color: Option<&str>, args: &[&str]) -> String {
    let pty = openpty(None, None).expect("openpty");
    let mut command = ycdash();
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let mut child = command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("run ycdash");
    // The command holds this process's copy of the terminal's child side until dropped.
    drop(command);
    // Read while it runs; the read ends (EIO) once the child, the last holder of the
    // terminal's other side, has exited.
    let mut master = File::from(pty.master);
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            text.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&text).into_owned()
    });
    let status = child.wait().expect("wait for ycdash");
    assert_eq!(status.code(), Some(1));
    reader.join().expect("reader thread")
}

#[test]
fn logs_on_a_terminal_are_coloured_unless_no_color() {
    let args = [
        "--log-level",
        "ycdash=debug",
        "--demo",
        "instances",
        "get",
        MISSING,
    ];
    let coloured = terminal_stderr(None, &args);
    assert!(coloured.contains(CALL_FAILED), "{coloured:?}");
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    let plain = terminal_stderr(Some("1"), &args);
    assert!(plain.contains(CALL_FAILED), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}
