//! `ycdash serial ID [--port N] [--follow]`: an instance's serial console output, control
//! characters made visible; with `--follow`, re-read every 2 s and print only what is new.

use std::{ops::ControlFlow, time::Duration};

use super::CommandError;
use crate::{
    api::{Cloud, proto::yandex::cloud::compute::v1::GetInstanceSerialPortOutputRequest},
    cli_nic::SerialArgs,
    safe_text::visible_lines,
    serial_log::new_part,
};

async fn read(cloud: &Cloud, args: &SerialArgs) -> Result<String, CommandError> {
    let response = cloud
        .get_serial_port_output(GetInstanceSerialPortOutputRequest {
            instance_id: args.instance.clone(),
            port: args.port,
        })
        .await?;
    Ok(response.contents)
}

/// Prints the port's output; with `--follow` keeps printing what is new every `interval` until
/// `out` breaks (the binary's never does: Ctrl-C ends it).
pub async fn serial(
    cloud: &Cloud,
    args: &SerialArgs,
    interval: Duration,
    mut out: impl FnMut(&str) -> ControlFlow<()>,
) -> Result<(), CommandError> {
    let mut last = read(cloud, args).await?;
    if out(&visible_lines(&last)).is_break() || !args.follow {
        return Ok(());
    }
    loop {
        tokio::time::sleep(interval).await;
        let next = read(cloud, args).await?;
        let fresh = new_part(&last, &next);
        if !fresh.is_empty() && out(&visible_lines(fresh)).is_break() {
            return Ok(());
        }
        last = next;
    }
}
