//! Serial console output (GetSerialPortOutput). Each instance's port-1 log is written on first
//! need from its state (a STOPPED instance shows its last boot and the power-off), then grows with
//! every operation that finishes on it: a boot on start, a reboot on restart, a power-off on
//! stop, one line for any other change (from the guest agent while it runs, from the host while
//! it is STOPPED). Ports 2-4 have nothing attached and read empty.
//!
//! Memory: at most `SERIAL_CAP_BYTES` (1 MiB) per instance; past that the oldest whole lines are
//! dropped, as a console buffer would. Logs exist only for instances that were read or changed.

use super::serial_boot::{self as text, Writer};
use crate::api::proto::yandex::cloud::{
    compute::v1::{Instance, instance::Status},
    operation::Operation,
    vpc::v1::Subnet,
};
use std::collections::HashMap;
use tonic::Status as RpcStatus;

/// The most console text kept per instance.
pub const SERIAL_CAP_BYTES: usize = 1 << 20;

/// What a finished operation did, as the console sees it.
pub enum Event {
    Stopped,
    Started,
    Restarted,
    /// Any other change: the network interface it concerned.
    Nic {
        index: String,
    },
}

struct Console {
    text: String,
    uptime_us: u64,
    /// The guest clock at the current boot, seconds since the epoch.
    booted_at: i64,
}

impl Console {
    fn writer(&mut self) -> Writer<'_> {
        Writer {
            out: &mut self.text,
            uptime_us: self.uptime_us,
        }
    }

    /// Runs `f` on a writer and keeps its uptime.
    fn write(&mut self, f: impl FnOnce(&mut Writer<'_>)) {
        let mut w = self.writer();
        f(&mut w);
        self.uptime_us = w.uptime_us;
        self.trim();
    }

    /// A new boot: the clock moves past the last one and the uptime starts again.
    fn boot(&mut self, instance: &Instance, subnets: &[Subnet]) {
        self.booted_at += (self.uptime_us / 1_000_000) as i64 + 60;
        self.uptime_us = 0;
        let booted_at = self.booted_at;
        self.write(|w| {
            text::firmware(w, instance);
            text::boot(w, instance, subnets, booted_at);
        });
    }

    /// Drops the oldest whole lines until the text fits the cap.
    fn trim(&mut self) {
        if self.text.len() <= SERIAL_CAP_BYTES {
            return;
        }
        let excess = self.text.len() - SERIAL_CAP_BYTES;
        // A newline byte is always a char boundary.
        let cut = self.text.as_bytes()[excess..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.text.len(), |i| excess + i + 1);
        self.text.drain(..cut);
    }
}

/// Every instance's console, created on first need.
#[derive(Default)]
pub struct SerialLogs {
    consoles: HashMap<String, Console>,
}

impl SerialLogs {
    /// The console of `instance`, written from its current state (`status`) if it has none yet.
    fn console(&mut self, instance: &Instance, status: i32, subnets: &[Subnet]) -> &mut Console {
        self.consoles.entry(instance.id.clone()).or_insert_with(|| {
            let created = instance.created_at.map_or(0, |t| t.seconds);
            let mut c = Console {
                text: String::new(),
                uptime_us: 0,
                booted_at: created - 60,
            };
            match Status::try_from(status).unwrap_or(Status::Unspecified) {
                Status::Provisioning | Status::Unspecified => {}
                Status::Starting => c.write(|w| text::firmware(w, instance)),
                Status::Error => c.write(|w| {
                    text::firmware(w, instance);
                    text::no_boot(w);
                }),
                Status::Stopped => {
                    c.boot(instance, subnets);
                    c.write(text::shutdown);
                }
                Status::Crashed => {
                    c.boot(instance, subnets);
                    c.write(text::panic);
                }
                _ => c.boot(instance, subnets),
            }
            c
        })
    }

    /// Drops the console of a deleted instance.
    pub fn forget(&mut self, instance_id: &str) {
        self.consoles.remove(instance_id);
    }

    /// Makes sure the log shows the instance as it was (`status`) before a change lands.
    pub fn settle(&mut self, instance: &Instance, status: i32, subnets: &[Subnet]) {
        self.console(instance, status, subnets);
    }

    /// Appends what `op` did to `instance` (its state after the change).
    pub fn record(
        &mut self,
        instance: &Instance,
        op: &Operation,
        event: Event,
        subnets: &[Subnet],
    ) {
        let console = self.console(instance, instance.status, subnets);
        match event {
            Event::Stopped => console.write(text::shutdown),
            Event::Started => console.boot(instance, subnets),
            Event::Restarted => {
                console.write(text::restart);
                console.boot(instance, subnets);
            }
            Event::Nic { index } => {
                let state = instance
                    .network_interfaces
                    .iter()
                    .find(|n| n.index == index)
                    .map_or_else(
                        || "removed".to_string(),
                        |n| {
                            let address = n.primary_v4_address.as_ref();
                            let nat = address.and_then(|a| a.one_to_one_nat.as_ref()).map_or_else(
                                || "no public address".into(),
                                |n| format!("public {}", n.address),
                            );
                            format!(
                                "{} in {}, {nat}, security groups {}",
                                address.map_or("", |a| a.address.as_str()),
                                n.subnet_id,
                                n.security_group_ids.join(",")
                            )
                        },
                    );
                let change = format!(
                    "{} (operation {}): eth{index}: {state}",
                    op.description, op.id
                );
                // A stopped guest writes nothing: the line comes from the host's console log.
                if instance.status == Status::Stopped as i32 {
                    console.write(|w| w.plain(&format!("yc-compute: while STOPPED: {change}")));
                } else {
                    console.write(|w| w.kernel(1_500_000, &format!("yc-guest-agent: {change}")));
                }
            }
        }
    }

    /// GetSerialPortOutput of a checked port (`check_port`): 1 (or 0) is the console, 2-4 read
    /// empty.
    pub fn output(&mut self, instance: &Instance, port: i64, subnets: &[Subnet]) -> String {
        if (2..=4).contains(&port) {
            return String::new();
        }
        self.console(instance, instance.status, subnets)
            .text
            .clone()
    }
}

/// A serial port number: 1 to 4, and 0 (unset) means 1.
pub fn check_port(port: i64) -> Result<(), RpcStatus> {
    if !(0..=4).contains(&port) {
        return Err(RpcStatus::invalid_argument(format!(
            "port: {port} is out of range, must be between 1 and 4"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_keeps_whole_lines_under_the_cap() {
        let mut c = Console {
            text: String::new(),
            uptime_us: 0,
            booted_at: 0,
        };
        let line = "x".repeat(99);
        for _ in 0..(SERIAL_CAP_BYTES / 100 + 50) {
            c.text.push_str(&line);
            c.text.push('\n');
            c.trim();
        }
        assert!(c.text.len() <= SERIAL_CAP_BYTES);
        assert!(c.text.len() > SERIAL_CAP_BYTES - 100);
        assert!(c.text.starts_with('x') && c.text.ends_with('\n'));
        assert!(c.text.split('\n').all(|l| l.is_empty() || l.len() == 99));
    }
}
