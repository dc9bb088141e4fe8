//! Command-line interface: the TUI by default, the emulator, and headless commands.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::cli_client::{ClientArgs, ClientCommand, Connection};
use crate::{
    cli_client::secret,
    nic::{draft::DnsRow, fields::NatChoice},
};

/// Parse with [`crate::cli_client::parse`], which keeps the client options off the emulator.
#[derive(Debug, Parser)]
#[command(
    name = "ycdash",
    version,
    about = "A terminal dashboard for Yandex Cloud Compute",
    long_about = "A terminal dashboard for Yandex Cloud Compute.\n\nWith no subcommand it opens the dashboard; with no credentials it runs on an embedded emulator (demo mode). The client options go before or after a client command's name; --demo runs any of them on a fresh embedded emulator."
)]
pub struct Cli {
    // In this order: each help heading holds for the groups after it.
    #[command(flatten)]
    pub log: LogArgs,
    #[command(flatten)]
    pub connection: Connection,
    #[command(flatten)]
    pub dashboard: DashboardArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The exit statuses every mutating command shares (its `--help` ends with them).
macro_rules! mutation_exit_status {
    () => {
        "Exit status:
  0  done
  1  refused by the service, or the operation failed
  2  invalid input; nothing was sent
  3  outcome unknown (a timeout, a lost connection, UNAVAILABLE after retries, or polls that kept
     failing): the idempotency key and the exact command that finishes the change are printed;
     running it applies the change at most once."
    };
}

/// The exit statuses of every mutating command, for `--help` texts outside this file.
pub const MUTATION_EXIT_STATUS: &str = mutation_exit_status!();

/// Options of the dashboard itself.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Dashboard options")]
pub struct DashboardArgs {
    /// Colour theme: dark, light, high-contrast, mono, or one of yours.
    #[arg(long)]
    pub theme: Option<String>,
    /// Config file (default: config.toml in the XDG config directory's ycdash folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Let the mouse select rows and scroll.
    #[arg(long)]
    pub mouse: bool,
}

/// Logging, for every command.
#[derive(Debug, Args, Clone, Default)]
pub struct LogArgs {
    /// Log level: error, warn, info, debug, trace, or a filter such as ycdash=debug. The
    /// dashboard logs to ycdash.log in the XDG state directory [default: info], every other
    /// command to stderr [default: warn], coloured only on a terminal and without NO_COLOR.
    /// YCDASH_LOG overrides it.
    #[arg(long, global = true, value_name = "LEVEL", value_parser = crate::logging::parse_filter)]
    pub log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the Yandex Cloud API emulator for any gRPC client.
    Emulator(EmulatorArgs),
    /// Browse instances without the TUI.
    Instances(ClientCommand<InstancesCommand>),
    /// Inspect or wait for an operation.
    Operation(ClientCommand<OperationCommand>),
    /// Attach a network interface to an instance (checked before it is sent).
    Attach(ClientArgs<AttachArgs>),
    /// Detach a network interface from a stopped instance.
    Detach(ClientArgs<DetachArgs>),
    /// Change an existing network interface.
    Nic(ClientCommand<crate::cli_nic::NicCommand>),
    /// Add or remove an interface's public IPv4 address (one-to-one NAT).
    Nat(ClientCommand<crate::cli_nic::NatCommand>),
    /// Print an instance's serial console output.
    Serial(ClientArgs<crate::cli_nic::SerialArgs>),
    /// Credentials.
    Auth(ClientCommand<AuthCommand>),
    /// Print a shell completion script (README → Shell completions says where it goes).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory.
    Man {
        /// Write ycdash.1, ycdash-instances.1, ... into DIR instead of printing ycdash.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Show which credentials are used, the token's fingerprint and expiry, and the folder.
    Status,
}

/// `ycdash attach`: the request's fields as flags; every field is validated like the form does.
#[derive(Debug, Args)]
#[command(after_help = mutation_exit_status!())]
pub struct AttachArgs {
    /// The instance to attach the interface to.
    #[arg(long)]
    pub instance: String,
    /// Network interface index, 0-15 [default: the lowest index the instance does not use].
    #[arg(long)]
    pub index: Option<String>,
    /// The subnet, in the instance's zone.
    #[arg(long)]
    pub subnet: String,
    /// Internal IPv4 address in the subnet [default: assigned by the cloud; "auto" means the same].
    #[arg(long)]
    pub ipv4: Option<String>,
    /// Public IPv4 (one-to-one NAT): "ephemeral", or a reserved unused static address in the zone.
    #[arg(long, value_name = "ephemeral|ADDR", value_parser = crate::nic::fields::parse_nat_choice)]
    pub nat: Option<NatChoice>,
    /// DNS record for the internal address: FQDN[,zone=ID][,ttl=N][,ptr]; repeatable.
    #[arg(long, value_name = "FQDN[,zone=ID][,ttl=N][,ptr]", value_parser = crate::nic::headless::parse_dns_flag)]
    pub dns: Vec<DnsRow>,
    /// DNS record for the public address (needs --nat), same syntax as --dns; repeatable.
    #[arg(long, value_name = "FQDN[,zone=ID][,ttl=N][,ptr]", value_parser = crate::nic::headless::parse_dns_flag)]
    pub nat_dns: Vec<DnsRow>,
    /// Security group of the subnet's network; 1 to 5, repeat the flag for each.
    #[arg(long = "sg", value_name = "ID")]
    pub security_groups: Vec<String>,
    /// Print the request as JSON and the equivalent yc command, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Track the operation to the end and print the instance's interfaces.
    #[arg(long)]
    pub wait: bool,
    /// A RUNNING instance: stop it, wait, attach, wait, start it again and wait (each step
    /// tracked; a failed attach still starts it again). Without this flag an instance that is
    /// not STOPPED is refused up front (exit status 2).
    #[arg(long)]
    pub stop_first: bool,
    /// Reuse the key of an earlier attempt whose outcome is unknown, so it applies at most once.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

/// `ycdash detach`.
#[derive(Debug, Args)]
#[command(after_help = mutation_exit_status!())]
pub struct DetachArgs {
    /// The instance to detach the interface from; it must be STOPPED. Refused up front
    /// (exit status 2) when the interface does not exist, is the only one, or the instance is
    /// not STOPPED, unless --idempotency-key is given (an earlier attempt may have applied it).
    #[arg(long)]
    pub instance: String,
    /// The network interface index to detach.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=15))]
    pub index: u32,
    /// Track the operation to the end and print the instance's interfaces.
    #[arg(long)]
    pub wait: bool,
    /// Reuse the key of an earlier attempt whose outcome is unknown, so it applies at most once.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1:50051")]
    pub listen: SocketAddr,
    /// Generated instances to add to the demo seed, for scale tests (at most 1000000).
    #[arg(long, default_value_t = 0, value_parser = max_instances)]
    pub instances: usize,
    /// How long each operation runs, in seconds (0 to 3600).
    #[arg(long, default_value_t = 3.0, value_parser = op_seconds)]
    pub op_seconds: f64,
    /// Delay added to every response, in milliseconds (0 to 60000).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=MAX_LATENCY_MS))]
    pub latency_ms: u64,
    /// Share of responses --latency-ms delays, 0.0 to 1.0. A mutation is delayed after its change
    /// is made, so a client that times out faces a change that happened.
    #[arg(long, default_value_t = 1.0, value_parser = rate)]
    pub latency_rate: f64,
    /// Share of calls answered UNAVAILABLE, 0.0 to 1.0.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub fail_rate: f64,
    /// Share of operations that fail midway, 0.0 to 1.0: done=false with the error set while the
    /// change rolls back, then done=true.
    #[arg(long, default_value_t = 0.0, value_parser = rate)]
    pub op_fail_rate: f64,
    /// Keep the seeded instances that start in a transitional status (STOPPING, DELETING...)
    /// as they are, for reproducible tests; by default each completes through an operation.
    #[arg(long)]
    pub freeze_seed: bool,
    /// Every call except IAM and endpoint discovery needs a valid IAM token issued by this emulator.
    #[arg(long)]
    pub require_auth: bool,
    /// Serve TLS with a freshly generated certificate for 127.0.0.1 and localhost.
    #[arg(long)]
    pub tls: bool,
    /// Write the CA certificate (PEM) of --tls here, for the client's --ca-file.
    #[arg(long, value_name = "PATH", requires = "tls")]
    pub ca_out: Option<PathBuf>,
    /// Lifetime of the IAM tokens the emulator issues, in seconds (1 to 604800, a week).
    #[arg(long, default_value_t = 12 * 3600, value_parser = clap::value_parser!(u64).range(1..=MAX_TOKEN_TTL_SECONDS))]
    pub token_ttl_seconds: u64,
    /// An OAuth token IAM accepts (repeatable). With --require-auth and none given, OAuth
    /// exchange is refused unless --accept-any-oauth.
    #[arg(long = "oauth-token", value_name = "TOKEN", value_parser = secret)]
    pub oauth_tokens: Vec<crate::auth::Secret>,
    /// With --require-auth and no --oauth-token: let IAM exchange any non-empty OAuth token.
    #[arg(long, requires = "require_auth", conflicts_with = "oauth_tokens")]
    pub accept_any_oauth: bool,
    /// Write an authorized key JSON the emulator accepts (a TEST-ONLY key) to PATH.
    #[arg(long, value_name = "PATH")]
    pub write_sa_key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum InstancesCommand {
    /// List the folder's instances (every page, printed as each page arrives).
    List {
        /// Server-side filter, e.g. 'status="RUNNING" AND zone_id IN ("ru-central1-a")'.
        #[arg(long)]
        filter: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one instance.
    Get {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Stop RUNNING instances.
    #[command(after_help = LIFECYCLE_HELP)]
    Stop(LifecycleArgs),
    /// Start STOPPED instances.
    #[command(after_help = LIFECYCLE_HELP)]
    Start(LifecycleArgs),
    /// Restart RUNNING instances.
    #[command(after_help = LIFECYCLE_HELP)]
    Restart(LifecycleArgs),
}

const LIFECYCLE_HELP: &str = concat!(
    "Each ID is its own operation; the exit status is the worst of them.
With one ID, --idempotency-key is used as given. With several, instance ID gets the key derived
from KEY and ID (the first 16 bytes of SHA-256 of \"KEY\\nID\", written as a UUID), so running
the same command again reuses every key.

",
    mutation_exit_status!()
);

/// `ycdash instances stop|start|restart`.
#[derive(Debug, Args)]
pub struct LifecycleArgs {
    /// The instances, each its own operation.
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
    /// Track each operation to the end.
    #[arg(long)]
    pub wait: bool,
    /// Reuse the key of an earlier attempt whose outcome is unknown, so it applies at most once.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OperationCommand {
    /// Show an operation as JSON.
    Get { id: String },
    /// Poll an operation until it is done, printing each change. Exit status: 0 done, 1 the
    /// operation failed or the poll was refused, 3 polls kept failing (about 3 minutes).
    Wait { id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns (a long list is aligned to its first page).
    Table,
    /// A JSON array (pretty).
    Json,
    /// One JSON object per line, for `jq -c` and log tools.
    Jsonl,
}

/// The longest `--token-ttl-seconds`: a week.
pub const MAX_TOKEN_TTL_SECONDS: u64 = 7 * 24 * 3600;

pub(crate) fn non_negative_f64(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("{s} must be zero or more"))
    }
}

/// The most `--instances` generates: the three /12 scale subnets hold about a million addresses each.
pub const MAX_INSTANCES: usize = 1_000_000;
/// The longest `--op-seconds`: an hour.
pub const MAX_OP_SECONDS: f64 = 3600.0;
/// The longest `--latency-ms`: a minute.
pub const MAX_LATENCY_MS: u64 = 60_000;

fn max_instances(s: &str) -> Result<usize, String> {
    let v: usize = s
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number"))?;
    if v <= MAX_INSTANCES {
        Ok(v)
    } else {
        Err(format!("{s} is more than {MAX_INSTANCES}"))
    }
}

fn op_seconds(s: &str) -> Result<f64, String> {
    number_up_to(s, MAX_OP_SECONDS, &format!("0 and {MAX_OP_SECONDS}"))
}

fn rate(s: &str) -> Result<f64, String> {
    number_up_to(s, 1.0, "0.0 and 1.0")
}

/// A number from 0 to `max`; one over it must be between `range`, as the error says.
fn number_up_to(s: &str, max: f64, range: &str) -> Result<f64, String> {
    let v = non_negative_f64(s)?;
    if v <= max {
        Ok(v)
    } else {
        Err(format!("{s} must be between {range}"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn emulator_auth_flags_are_range_checked_and_tokens_never_debug_print() {
        let parse = |extra: &[&str]| {
            crate::cli_client::try_parse_from(["ycdash", "emulator"].iter().chain(extra).copied())
        };
        for bad in [
            &["--token-ttl-seconds", "18446744073709551615"][..],
            &["--token-ttl-seconds", "0"],
            &["--token-ttl-seconds", "604801"],
            &["--accept-any-oauth"],
            &[
                "--require-auth",
                "--accept-any-oauth",
                "--oauth-token",
                "y0_x",
            ],
        ] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad:?}");
        }
        let cli = parse(&["--require-auth", "--oauth-token", "y0_never-printed"]).unwrap();
        assert!(!format!("{cli:?}").contains("y0_never-printed"));
        assert!(parse(&["--require-auth", "--accept-any-oauth"]).is_ok());
        assert!(parse(&["--token-ttl-seconds", "604800"]).is_ok());
    }
}
