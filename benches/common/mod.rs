//! What the benches share: `ycdash` run as a process, with no credentials from the machine.

use std::process::Command;

pub const YCDASH: &str = env!("CARGO_BIN_EXE_ycdash");

/// `ycdash --endpoint ENDPOINT …` with every ambient credential source cleared: the
/// variables, the yc profile (HOME points nowhere) and the metadata service.
pub fn ycdash_at(endpoint: &str) -> Command {
    let mut command = Command::new(YCDASH);
    for var in ["YC_IAM_TOKEN", "YC_TOKEN", "YC_SERVICE_ACCOUNT_KEY_FILE"] {
        command.env_remove(var);
    }
    command
        .env("HOME", "/nonexistent-ycdash-bench-home")
        .env("YC_METADATA_ADDR", "127.0.0.1:9")
        .args(["--endpoint", endpoint]);
    command
}
