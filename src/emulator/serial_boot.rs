//! The text an instance writes to its serial console: firmware, kernel, systemd and cloud-init
//! lines of a boot (its name, addresses and ssh-keys users), shutdown, reboot and panic. The same
//! instance at the same point always gives the same text: variation comes from a hash of its id.

use crate::api::proto::yandex::cloud::{compute::v1::Instance, vpc::v1::Subnet};
use std::fmt::Write;

/// Per-instance variation: a stable hash of the id (FNV-1a).
pub fn seed(instance_id: &str) -> u64 {
    instance_id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes kernel-style lines `[ssss.uuuuuu] text` at a running uptime in microseconds.
pub struct Writer<'a> {
    pub out: &'a mut String,
    pub uptime_us: u64,
}

impl Writer<'_> {
    /// A timestamped line, then the uptime moves on by `step_us`.
    pub fn kernel(&mut self, step_us: u64, text: &str) {
        let _ = writeln!(
            self.out,
            "[{:5}.{:06}] {text}",
            self.uptime_us / 1_000_000,
            self.uptime_us % 1_000_000
        );
        self.uptime_us += step_us;
    }

    /// A line without a timestamp (firmware, systemd's status lines, the login prompt).
    pub fn plain(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// The firmware and boot loader lines.
pub fn firmware(w: &mut Writer<'_>, instance: &Instance) {
    let s = seed(&instance.id);
    let t = seed(&format!("{}/uuid", instance.id));
    w.plain("SeaBIOS (version 1.16.3-yc)");
    w.plain(&format!(
        "Machine UUID {:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        s >> 32,
        (s >> 16) & 0xffff,
        s & 0xffff,
        t >> 48,
        t & 0xffff_ffff_ffff
    ));
    w.plain("Booting from Hard Disk 0...");
    w.plain("GRUB loading.");
    w.plain("Welcome to GRUB!");
    w.plain("");
}

fn kernel_build(instance_id: &str) -> u64 {
    91 + seed(instance_id) % 40
}

/// `Mon, 01 Jan 2024 05:00:00 +0000` for seconds since the Unix epoch.
pub fn cloud_init_date(seconds: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let text = super::clock::rfc3339(&super::clock::ts(seconds));
    let part = |r: std::ops::Range<usize>| text.get(r).unwrap_or("0");
    let month: usize = part(5..7).parse().unwrap_or(1);
    let weekday = DAYS[seconds.div_euclid(86_400).rem_euclid(7) as usize];
    format!(
        "{weekday}, {} {} {} {} +0000",
        part(8..10),
        MONTHS[month.clamp(1, 12) - 1],
        part(0..4),
        part(11..19)
    )
}

/// `255.255.255.0` for the prefix length of the subnet's first CIDR block.
fn netmask(subnets: &[Subnet], subnet_id: &str) -> String {
    let len = subnets
        .iter()
        .find(|s| s.id == subnet_id)
        .and_then(|s| s.v4_cidr_blocks.first())
        .and_then(|c| c.split_once('/'))
        .and_then(|(_, l)| l.parse::<u32>().ok())
        .filter(|l| *l <= 32)
        .unwrap_or(24);
    let mask = u32::MAX.checked_shl(32 - len).unwrap_or(0);
    std::net::Ipv4Addr::from(mask).to_string()
}

/// The users of the `ssh-keys` metadata (`user:ssh-ed25519 AAAA... comment` per line), with
/// each key's type and comment; the key itself is never written.
fn ssh_users(instance: &Instance) -> Vec<(String, String, String)> {
    let Some(keys) = instance.metadata.get("ssh-keys") else {
        return Vec::new();
    };
    keys.lines()
        .filter_map(|line| {
            let (user, key) = line.trim().split_once(':')?;
            let mut parts = key.split_whitespace();
            let kind = parts.next()?.to_string();
            let comment = parts.nth(1).unwrap_or("-").to_string();
            Some((user.to_string(), kind, comment))
        })
        .collect()
}

/// The kernel, systemd and cloud-init lines of one boot, ending at the login prompt.
pub fn boot(w: &mut Writer<'_>, instance: &Instance, subnets: &[Subnet], booted_at: i64) {
    let s = seed(&instance.id);
    let k = kernel_build(&instance.id);
    let (cores, memory) = instance
        .resources
        .as_ref()
        .map_or((2, 2 << 30), |r| (r.cores, r.memory));
    let step = |n: u64| 1_000 + (s >> (n % 48)) % 9_000;
    w.kernel(0, &format!("Linux version 5.15.0-{k}-generic (buildd@lcy02-amd64-{:03}) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #{k}-Ubuntu SMP", s % 120));
    w.kernel(0, &format!("Command line: BOOT_IMAGE=/boot/vmlinuz-5.15.0-{k}-generic root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0"));
    w.kernel(0, "Hypervisor detected: KVM");
    w.kernel(
        step(1),
        &format!("DMI: Yandex {}, BIOS 1.16.3-yc", instance.platform_id),
    );
    let kib = memory / 1024;
    w.kernel(
        step(2) * 4,
        &format!("Memory: {}K/{kib}K available", kib - kib / 40),
    );
    w.kernel(
        step(3) * 20,
        &format!("smpboot: Allowing {cores} CPUs, 0 hotplug CPUs"),
    );
    w.kernel(
        step(4) * 40,
        "virtio_blk virtio1: [vda] 41943040 512-byte logical blocks (21.5 GB/20.0 GiB)",
    );
    for (i, nic) in instance.network_interfaces.iter().enumerate() {
        w.kernel(
            step(5 + i as u64) * 3,
            &format!(
                "virtio_net virtio{} eth{}: MAC {}",
                i + 2,
                nic.index,
                nic.mac_address
            ),
        );
    }
    w.kernel(step(9) * 60, "EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null). Quota mode: none.");
    w.kernel(step(10) * 30, "systemd[1]: systemd 249.11-0ubuntu3.12 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT +GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY -P11KIT -QRENCODE +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)");
    w.kernel(step(11), "systemd[1]: Detected virtualization kvm.");
    w.kernel(
        step(12) * 10,
        &format!("systemd[1]: Set hostname to <{}>.", instance.name),
    );
    w.plain("[  OK  ] Started Journal Service.");
    w.plain("[  OK  ] Reached target Network is Online.");
    w.uptime_us += 3_000_000 + step(13) * 100;
    let up = |w: &Writer<'_>| {
        format!(
            "{}.{:02}",
            w.uptime_us / 1_000_000,
            w.uptime_us % 1_000_000 / 10_000
        )
    };
    let init_at = booted_at + (w.uptime_us / 1_000_000) as i64;
    let pid = 400 + s % 300;
    let line = format!(
        "cloud-init[{pid}]: Cloud-init v. 23.4.4-0ubuntu0~22.04.1 running 'init' at {}. Up {} seconds.",
        cloud_init_date(init_at),
        up(w)
    );
    w.kernel(step(14) * 5, &line);
    let ci = |w: &mut Writer<'_>, text: &str| w.kernel(200, &format!("cloud-init[{pid}]: {text}"));
    ci(
        w,
        &format!("Setting hostname to {} ({})", instance.name, instance.fqdn),
    );
    ci(
        w,
        "ci-info: ++++++++++++++++++++++++++++++++++Net device info+++++++++++++++++++++++++++++++++++",
    );
    ci(
        w,
        "ci-info: +--------+------+-----------------+-----------------+--------+-------------------+",
    );
    ci(
        w,
        "ci-info: | Device |  Up  |     Address     |       Mask      | Scope  |     Hw-Address    |",
    );
    ci(
        w,
        "ci-info: +--------+------+-----------------+-----------------+--------+-------------------+",
    );
    for nic in &instance.network_interfaces {
        let address = nic
            .primary_v4_address
            .as_ref()
            .map_or("", |a| a.address.as_str());
        ci(
            w,
            &format!(
                "ci-info: | {:<6} | True | {address:<15} | {:<15} | global | {:<17} |",
                format!("eth{}", nic.index),
                netmask(subnets, &nic.subnet_id),
                nic.mac_address
            ),
        );
    }
    ci(
        w,
        "ci-info: |   lo   | True |    127.0.0.1    |    255.0.0.0    |  host  |         .         |",
    );
    ci(
        w,
        "ci-info: +--------+------+-----------------+-----------------+--------+-------------------+",
    );
    ci(w, "Generating public/private ed25519 key pair.");
    for (user, kind, comment) in ssh_users(instance) {
        ci(
            w,
            &format!(
                "ci-info: ++++Authorized keys from /home/{user}/.ssh/authorized_keys for user {user}++++"
            ),
        );
        ci(
            w,
            &format!("ci-info: | Keytype: {kind} | Options: - | Comment: {comment} |"),
        );
    }
    w.plain("[  OK  ] Started OpenBSD Secure Shell server.");
    w.plain("");
    w.plain(&format!("Ubuntu 22.04.4 LTS {} ttyS0", instance.name));
    w.plain("");
    w.plain(&format!("{} login: ", instance.name));
    w.uptime_us += 2_000_000 + step(15) * 50;
    let line = format!(
        "cloud-init[{}]: Cloud-init v. 23.4.4-0ubuntu0~22.04.1 finished at {}. Datasource DataSourceEc2Local.  Up {} seconds",
        pid + 300,
        cloud_init_date(booted_at + (w.uptime_us / 1_000_000) as i64),
        up(w)
    );
    w.kernel(1_000_000, &line);
}

/// An orderly power-off.
pub fn shutdown(w: &mut Writer<'_>) {
    w.plain("         Stopping OpenBSD Secure Shell server...");
    w.plain("[  OK  ] Stopped OpenBSD Secure Shell server.");
    w.plain("[  OK  ] Stopped target Network is Online.");
    w.plain("[  OK  ] Reached target System Power Off.");
    w.kernel(
        120_000,
        "systemd-shutdown[1]: Syncing filesystems and block devices.",
    );
    w.kernel(
        380_000,
        "systemd-shutdown[1]: Sending SIGTERM to remaining processes...",
    );
    w.kernel(0, "reboot: Power down");
}

/// The lines before a reboot's firmware.
pub fn restart(w: &mut Writer<'_>) {
    w.plain("[  OK  ] Reached target System Reboot.");
    w.kernel(
        250_000,
        "systemd-shutdown[1]: Syncing filesystems and block devices.",
    );
    w.kernel(0, "reboot: Restarting system");
}

/// A crash (a CRASHED instance's last words).
pub fn panic(w: &mut Writer<'_>) {
    w.kernel(
        5_000,
        "Out of memory: Killed process 1712 (python3) total-vm:16384000kB",
    );
    w.kernel(
        5_000,
        "Kernel panic - not syncing: System is deadlocked on memory",
    );
    w.kernel(
        0,
        "---[ end Kernel panic - not syncing: System is deadlocked on memory ]---",
    );
}

/// A boot that never reaches the kernel (an ERROR instance).
pub fn no_boot(w: &mut Writer<'_>) {
    w.plain("Boot failed: could not read from the boot disk");
    w.plain("No bootable device.");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_init_dates() {
        assert_eq!(cloud_init_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(
            cloud_init_date(super::super::clock::SEED_EPOCH + 3_600 * 5 + 61),
            "Mon, 01 Jan 2024 05:01:01 +0000"
        );
    }

    #[test]
    fn netmask_from_the_subnet_prefix() {
        let subnet = Subnet {
            id: "s".into(),
            v4_cidr_blocks: vec!["10.0.0.0/28".into()],
            ..Default::default()
        };
        assert_eq!(
            netmask(std::slice::from_ref(&subnet), "s"),
            "255.255.255.240"
        );
        assert_eq!(netmask(&[], "s"), "255.255.255.0");
    }
}
