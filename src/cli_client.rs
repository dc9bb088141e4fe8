//! The client options (endpoint, credentials, folder, `--demo`) as one group, taken by the
//! dashboard and the client commands only, before or after the subcommand; and the parser that
//! keeps them off `emulator`, `completions` and `man`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Subcommand, parser::ValueSource};

use crate::{auth::Secret, cli::Cli};

/// Where the API lives and how to reach it.
///
/// Every option is `global` so a client command's own subcommands take it (`instances list
/// --folder ID`). The top-level copy (for the dashboard, and for client commands given the
/// option before their name) is made non-global by [`command`], so that `emulator` does not
/// take client options; clap then hands a top-level value down to the client command's copy
/// unless the command line repeats it after the subcommand.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Client options")]
pub struct Connection {
    /// One address serving every service, e.g. http://127.0.0.1:50051 (a running `ycdash emulator`).
    #[arg(long, global = true, env = "YCDASH_ENDPOINT")]
    pub endpoint: Option<String>,
    /// Allow plaintext to a non-loopback --endpoint.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Trust this CA certificate (PEM) for TLS too, e.g. a `ycdash emulator --tls --ca-out` file.
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    /// Use HOST:PORT for one service instead of what endpoint discovery lists (repeatable);
    /// ID is compute, operation, vpc, resource-manager, dns or iam.
    #[arg(long, global = true, value_name = "ID=HOST:PORT", value_parser = service_endpoint)]
    pub service_endpoint: Vec<(String, String)>,
    /// An IAM token to use as is (else YC_IAM_TOKEN).
    #[arg(long, global = true, value_name = "TOKEN", value_parser = secret)]
    pub iam_token: Option<Secret>,
    /// A service account authorized key JSON file (else YC_SERVICE_ACCOUNT_KEY_FILE).
    #[arg(long, global = true, value_name = "FILE")]
    pub sa_key: Option<PathBuf>,
    /// The yc CLI profile to use (else its current profile).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Folder to work in (else YC_FOLDER_ID, else the yc profile's folder-id, else the first folder
    /// listed; the dashboard takes the config's default_folder before the profile and, with none,
    /// opens a cloud and folder picker; with --demo, the demo folder).
    #[arg(long, global = true, env = "YC_FOLDER_ID")]
    pub folder: Option<String>,
    /// Run on a fresh embedded emulator (demo data, nothing leaves the machine), even when
    /// credentials or an endpoint are given.
    #[arg(long, global = true)]
    pub demo: bool,
    /// The deadline of each call, in seconds (fractions allowed) [default: 60]. A mutation that
    /// misses it ends with exit status 3: its outcome is unknown.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = timeout)]
    pub timeout: Option<std::time::Duration>,
}

/// A client command with subcommands of its own (`instances list`), plus the client options.
#[derive(Debug, Args)]
pub struct ClientCommand<T: Subcommand> {
    #[command(subcommand)]
    pub command: T,
    // Last: its help heading holds for whatever comes after it.
    #[command(flatten)]
    pub connection: Connection,
}

/// A client command's flags (`attach --instance ...`), plus the client options.
#[derive(Debug, Args)]
pub struct ClientArgs<T: Args> {
    #[command(flatten)]
    pub args: T,
    // Last: its help heading holds for whatever comes after it.
    #[command(flatten)]
    pub connection: Connection,
}

/// The ids of the client options, as clap names them.
fn connection_ids() -> Vec<clap::Id> {
    Connection::augment_args(clap::Command::new("client"))
        .get_arguments()
        .map(|a| a.get_id().clone())
        .collect()
}

/// The whole command line: the client options at the top level are not global.
pub fn command() -> clap::Command {
    let ids = connection_ids();
    Cli::command().mut_args(|arg| {
        if ids.contains(arg.get_id()) {
            arg.global(false)
        } else {
            arg
        }
    })
}

/// Parses `args` (the program name first). A client option before a subcommand that does not
/// take it (`ycdash --folder X emulator`) is an error rather than silently ignored.
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = command();
    let mut matches = command.try_get_matches_from_mut(args)?;
    if let Some((name, _)) = matches.subcommand() {
        let takes_client_options = command
            .find_subcommand(name)
            .is_some_and(|c| c.get_arguments().any(|a| a.get_id() == "endpoint"));
        if !takes_client_options {
            let ids = connection_ids();
            let given = ids
                .iter()
                .filter(|id| matches.value_source(id.as_str()) == Some(ValueSource::CommandLine))
                .find_map(|id| command.get_arguments().find(|a| a.get_id() == id));
            if let Some(arg) = given {
                let flag = arg.get_long().unwrap_or(arg.get_id().as_str());
                return Err(command.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("--{flag} is a client option: `ycdash {name}` does not take it"),
                ));
            }
        }
    }
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
}

/// Parses the process's arguments; prints help, the version or the error and exits like clap.
pub fn parse() -> Cli {
    try_parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
}

/// `ID=HOST:PORT` for a known service id.
fn service_endpoint(s: &str) -> Result<(String, String), String> {
    let (id, address) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}': expected ID=HOST:PORT"))?;
    if !crate::api::SERVICE_IDS.contains(&id) {
        return Err(format!(
            "'{id}' is not a service id: use one of {}",
            crate::api::SERVICE_IDS.join(", ")
        ));
    }
    if address.is_empty() {
        return Err(format!("'{s}': the address is empty"));
    }
    Ok((id.to_string(), address.to_string()))
}

/// `--timeout`: positive seconds, at most a day.
fn timeout(s: &str) -> Result<std::time::Duration, String> {
    let v = crate::cli::non_negative_f64(s)?;
    if v > 0.0 && v <= 86_400.0 {
        Ok(std::time::Duration::from_secs_f64(v))
    } else {
        Err(format!(
            "{s}: the timeout must be more than 0 and at most 86400 seconds"
        ))
    }
}

/// Keeps a token out of `Debug` output from the moment it is parsed.
pub(crate) fn secret(s: &str) -> Result<Secret, String> {
    Ok(Secret::new(s.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, InstancesCommand};

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        try_parse_from(std::iter::once("ycdash").chain(args.iter().copied()))
    }

    /// The endpoint `instances list` ends up with.
    fn list_endpoint(args: &[&str]) -> Option<String> {
        match parse(args).map(|cli| cli.command) {
            Ok(Some(Command::Instances(ClientCommand {
                connection,
                command: InstancesCommand::List { .. },
            }))) => connection.endpoint,
            other => panic!("{args:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn client_options_work_before_between_and_after_the_subcommand() {
        let url = "http://127.0.0.1:1";
        for args in [
            &["--endpoint", url, "instances", "list"][..],
            &["instances", "--endpoint", url, "list"],
            &["instances", "list", "--endpoint", url],
        ] {
            assert_eq!(list_endpoint(args).as_deref(), Some(url), "{args:?}");
        }
        let later = [
            "--endpoint",
            "http://a:1",
            "instances",
            "list",
            "--endpoint",
            url,
        ];
        assert_eq!(list_endpoint(&later).as_deref(), Some(url));
        let Ok(Some(Command::Attach(attach))) = parse(&[
            "--demo",
            "attach",
            "--instance",
            "i",
            "--subnet",
            "s",
            "--sg",
            "g",
        ])
        .map(|cli| cli.command) else {
            panic!("attach did not parse");
        };
        assert!(attach.connection.demo);
        assert_eq!(attach.args.instance, "i");
    }

    #[test]
    fn the_dashboard_takes_client_options_and_the_emulator_does_not() {
        let cli = parse(&["--demo", "--profile", "p"]).expect("dashboard flags");
        assert!(cli.connection.demo && cli.command.is_none());
        assert_eq!(cli.connection.profile.as_deref(), Some("p"));
        for args in [
            &["emulator", "--folder", "f"][..],
            &["emulator", "--demo"],
            &["completions", "bash", "--iam-token", "t"],
        ] {
            let err = parse(args).expect_err("a client option after a non-client command");
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{args:?}"
            );
        }
        let err = parse(&["--folder", "f", "emulator"]).expect_err("ignored silently");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert!(
            err.to_string().contains("--folder is a client option"),
            "{err}"
        );
        let emulator = command();
        let emulator = emulator.find_subcommand("emulator").expect("emulator");
        assert!(!emulator.get_arguments().any(|a| a.get_id() == "iam_token"));
    }

    #[test]
    fn log_level_is_taken_everywhere_and_checked() {
        for args in [
            &["--log-level", "debug", "emulator"][..],
            &["emulator", "--log-level", "debug"],
            &["instances", "list", "--log-level", "debug"],
            &["--log-level", "debug"],
        ] {
            let cli = parse(args).expect("parses");
            assert_eq!(cli.log.log_level.as_deref(), Some("debug"), "{args:?}");
        }
        let err = parse(&["--log-level", "ycdash=[", "instances", "list"]).expect_err("bad");
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn service_endpoints_need_a_known_id_and_an_address() {
        assert_eq!(
            service_endpoint("compute=host:443"),
            Ok(("compute".into(), "host:443".into()))
        );
        assert!(
            service_endpoint("computer=host:443")
                .unwrap_err()
                .contains("compute, operation")
        );
        assert!(service_endpoint("compute").is_err());
        assert!(service_endpoint("compute=").is_err());
    }
}
