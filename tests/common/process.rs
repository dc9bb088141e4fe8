//! `ycdash emulator` as a child process, and the real binary run against it.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Output, Stdio},
};

/// A running `ycdash emulator` on a free loopback port; killed on drop.
pub struct EmulatorProcess {
    child: Child,
    pub endpoint: String,
}

impl EmulatorProcess {
    /// Starts an emulator whose operations finish at once and whose seed stays as it is at t=0
    /// (`--freeze-seed`: the tests count and address seeded statuses), with `extra` flags
    /// (`--tls` makes the endpoint `https://`).
    pub fn start(extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ycdash"))
            .args(["emulator", "--listen", "127.0.0.1:0", "--op-seconds", "0"])
            .arg("--freeze-seed")
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start ycdash emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the address line");
        assert!(
            line.starts_with("ycdash emulator listening on 127.0.0.1:"),
            "{line}"
        );
        let address = line.split_whitespace().last().unwrap_or_default();
        let scheme = if extra.contains(&"--tls") {
            "https"
        } else {
            "http"
        };
        Self {
            endpoint: format!("{scheme}://{address}"),
            child,
        }
    }

    /// Runs `ycdash --endpoint <this emulator> args...` without ambient credentials.
    pub fn run(&self, args: &[&str]) -> Output {
        without_credentials(&mut Command::new(env!("CARGO_BIN_EXE_ycdash")))
            .arg("--endpoint")
            .arg(&self.endpoint)
            .args(args)
            .output()
            .expect("run ycdash")
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Clears every credential source of the chain: variables, the yc profile (HOME points
/// nowhere) and the metadata service (a port nothing listens on).
pub fn without_credentials(command: &mut Command) -> &mut Command {
    for var in [
        "YC_FOLDER_ID",
        "YC_IAM_TOKEN",
        "YC_TOKEN",
        "YC_SERVICE_ACCOUNT_KEY_FILE",
        "YCDASH_ENDPOINT",
    ] {
        command.env_remove(var);
    }
    command
        .env("HOME", "/nonexistent-ycdash-test-home")
        .env("YC_METADATA_ADDR", "127.0.0.1:9")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
