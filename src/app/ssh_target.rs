//! What `x` runs: the address (public NAT IPv4, else internal), the login user (config, else the
//! first `user:` of the `ssh-keys` metadata, else the local user) and the command line. Pure;
//! only the user name is read from `ssh-keys`, never the key.

use crate::{
    api::proto::yandex::cloud::compute::v1::{Instance, instance::Status},
    config::SshConfig,
};

/// The `[ssh]` config and the local user name, read once at start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SshSettings {
    pub config: SshConfig,
    /// `$USER`: the last resort for the login name.
    pub local_user: Option<String>,
}

/// A command to run with the terminal handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshCommand {
    pub program: String,
    pub args: Vec<String>,
}

/// The command that connects to `instance`, or a one-line refusal.
pub fn command(
    settings: &SshSettings,
    instance: &Instance,
    internal: bool,
) -> Result<SshCommand, String> {
    let who = if instance.name.is_empty() {
        &instance.id
    } else {
        &instance.name
    };
    if instance.status != Status::Running as i32 {
        let status = Status::try_from(instance.status).map_or("UNKNOWN", |s| s.as_str_name());
        return Err(format!("ssh: {who} is {status}; it needs to be RUNNING"));
    }
    let address = address(instance, internal).ok_or_else(|| {
        format!(
            "ssh: {who} has no {}address",
            if internal { "internal " } else { "" }
        )
    })?;
    let user = settings
        .config
        .user
        .clone()
        .or_else(|| keys_user(instance))
        .or_else(|| settings.local_user.clone());
    let mut args = settings.config.args.clone();
    args.push(match user {
        Some(user) => format!("{user}@{address}"),
        None => address,
    });
    Ok(SshCommand {
        program: settings.config.command.clone(),
        args,
    })
}

/// The first interface's public NAT address if any interface has one (unless `internal`),
/// else the first internal address.
fn address(instance: &Instance, internal: bool) -> Option<String> {
    let primaries = || {
        instance
            .network_interfaces
            .iter()
            .filter_map(|n| n.primary_v4_address.as_ref())
    };
    let public = primaries()
        .filter_map(|a| a.one_to_one_nat.as_ref())
        .map(|nat| nat.address.clone())
        .find(|a| is_ipv4(a));
    let private = || primaries().map(|a| a.address.clone()).find(|a| is_ipv4(a));
    if internal {
        private()
    } else {
        public.or_else(private)
    }
}

/// Only a well-formed IPv4 address reaches the command line.
fn is_ipv4(text: &str) -> bool {
    text.parse::<std::net::Ipv4Addr>().is_ok()
}

/// The user of the first `user:key` line of the `ssh-keys` metadata.
fn keys_user(instance: &Instance) -> Option<String> {
    let keys = instance.metadata.get("ssh-keys")?;
    keys.lines()
        .filter_map(|line| line.trim().split_once(':'))
        .map(|(user, _)| user.trim())
        .find(|user| login_name(user))
        .map(str::to_string)
}

/// A plain login name: it cannot be read as an ssh option (`-o...`) or hold anything odd.
fn login_name(user: &str) -> bool {
    let mut chars = user.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{
        NetworkInterface, OneToOneNat, PrimaryAddress,
    };

    fn instance(status: Status, nat: Option<&str>, keys: Option<&str>) -> Instance {
        Instance {
            id: "fhm1".into(),
            name: "web-1".into(),
            status: status as i32,
            network_interfaces: vec![NetworkInterface {
                primary_v4_address: Some(PrimaryAddress {
                    address: "10.0.0.5".into(),
                    one_to_one_nat: nat.map(|a| OneToOneNat {
                        address: a.into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            metadata: keys
                .map(|k| [("ssh-keys".to_string(), k.to_string())].into())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    fn settings(user: Option<&str>) -> SshSettings {
        SshSettings {
            config: SshConfig {
                command: "ssh".into(),
                args: vec!["-p".into(), "2222".into()],
                user: user.map(str::to_string),
            },
            local_user: Some("me".into()),
        }
    }

    #[test]
    fn public_address_and_the_keys_user() {
        let i = instance(
            Status::Running,
            Some("51.250.1.2"),
            Some("ubuntu:ssh-ed25519 AAAA x\nadmin:ssh-rsa B"),
        );
        let c = command(&settings(None), &i, false).expect("a command");
        assert_eq!(c.program, "ssh");
        assert_eq!(c.args, ["-p", "2222", "ubuntu@51.250.1.2"]);
        let c = command(&settings(None), &i, true).expect("a command");
        assert_eq!(c.args.last().map(String::as_str), Some("ubuntu@10.0.0.5"));
    }

    #[test]
    fn config_user_wins_and_the_local_user_is_the_last_resort() {
        let i = instance(Status::Running, None, Some("ubuntu:ssh-ed25519 AAAA"));
        let c = command(&settings(Some("ops")), &i, false).expect("a command");
        assert_eq!(c.args.last().map(String::as_str), Some("ops@10.0.0.5"));
        let bare = instance(Status::Running, None, None);
        let c = command(&settings(None), &bare, false).expect("a command");
        assert_eq!(c.args.last().map(String::as_str), Some("me@10.0.0.5"));
        let hostile = instance(
            Status::Running,
            None,
            Some("-oProxyCommand=x:ssh-rsa A\nops:ssh-rsa B"),
        );
        let c = command(&settings(None), &hostile, false).expect("a command");
        assert_eq!(
            c.args.last().map(String::as_str),
            Some("ops@10.0.0.5"),
            "an option-like user is skipped"
        );
        let nobody = SshSettings::default();
        let c = command(&nobody, &bare, false).expect("a command");
        assert_eq!(c.args, ["10.0.0.5"]);
    }

    #[test]
    fn refuses_when_not_running_or_without_an_address() {
        let stopped = instance(Status::Stopped, Some("51.250.1.2"), None);
        assert_eq!(
            command(&settings(None), &stopped, false),
            Err("ssh: web-1 is STOPPED; it needs to be RUNNING".into())
        );
        let mut bare = instance(Status::Running, None, None);
        bare.network_interfaces.clear();
        assert_eq!(
            command(&settings(None), &bare, false),
            Err("ssh: web-1 has no address".into())
        );
    }
}
