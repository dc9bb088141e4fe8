//! `ycdash serial ID [--port N] [--follow]`: an instance's serial console output, control
//! characters made visible; with `--follow`, re-read every 2 s and print only what is new.

use std::{ops::ControlFlow, time::Duration};

use super::CommandError;
use crate::{
    api::{Cloud, proto::yandex::cloud::compute::v1::GetInstanceSerialPortOutputRequest},
    cli_nic::SerialArgs,
    safe_text::visible_lines,
};

/// How often `--follow` reads the port again.
pub const FOLLOW_INTERVAL: Duration = Duration::from_secs(2);

/// What `new` holds beyond `old`: the appended part when `new` extends `old`; when the console
/// dropped whole lines from its start, what follows the rest of `old` (the longest tail of it,
/// from a line start, that `new` begins with); all of `new` when it shares nothing with `old`.
pub fn new_part<'a>(old: &str, new: &'a str) -> &'a str {
    if let Some(rest) = new.strip_prefix(old) {
        return rest;
    }
    old.match_indices('\n')
        .map(|(i, _)| &old[i + 1..])
        .find(|kept| !kept.is_empty() && new.starts_with(kept))
        .map_or(new, |kept| &new[kept.len()..])
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_part_of_a_growing_log() {
        assert_eq!(new_part("a\nb\n", "a\nb\nc\n"), "c\n");
        assert_eq!(new_part("a\n", "a\n"), "");
        assert_eq!(new_part("", "a\n"), "a\n");
    }

    #[test]
    fn new_part_after_the_start_was_dropped() {
        assert_eq!(
            new_part("one\ntwo\nthree\n", "two\nthree\nfour\n"),
            "four\n"
        );
        let old: String = (0..2000).map(|i| format!("line {i}\n")).collect();
        let new: String = (1000..2100).map(|i| format!("line {i}\n")).collect();
        let fresh: String = (2000..2100).map(|i| format!("line {i}\n")).collect();
        assert_eq!(new_part(&old, &new), fresh);
    }

    #[test]
    fn new_part_of_unrelated_text_is_all_of_it() {
        assert_eq!(new_part("old boot\n", "new boot\n"), "new boot\n");
        let wide = "é\n".repeat(3000);
        assert_eq!(new_part(&wide, "x"), "x");
        assert_eq!(new_part("a\nb\n", "b\nc"), "c");
    }
}
