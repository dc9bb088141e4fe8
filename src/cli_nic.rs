//! clap arguments of the commands that change an existing interface (`nic update`,
//! `nat add|remove`) and of `serial`.

use clap::{Args, Subcommand};

use crate::nic::{draft::DnsRow, fields::NatChoice};

/// The mutating commands' exit statuses (0 also when there is nothing to change).
const EXIT_STATUS: &str = crate::cli::MUTATION_EXIT_STATUS;

#[derive(Debug, Subcommand)]
pub enum NicCommand {
    /// Change an interface's security groups or DNS records (RUNNING or STOPPED), or its subnet
    /// or internal address (STOPPED only). Only what differs is sent, in update_mask.
    Update(NicUpdateArgs),
}

/// `ycdash nic update`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS)]
pub struct NicUpdateArgs {
    /// The instance.
    #[arg(long)]
    pub instance: String,
    /// The network interface index.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=15))]
    pub index: u32,
    /// The security groups the interface should have, 1 to 5 of the subnet's network; repeat
    /// the flag for each. Replaces the current list.
    #[arg(long = "sg", value_name = "ID")]
    pub security_groups: Vec<String>,
    /// Move the interface to this subnet of the instance's zone (STOPPED only).
    #[arg(long)]
    pub subnet: Option<String>,
    /// The new internal IPv4 address (STOPPED only); "auto" lets the cloud choose one.
    #[arg(long, value_name = "ADDR|auto")]
    pub ipv4: Option<String>,
    /// DNS record for the internal address: FQDN[,zone=ID][,ttl=N][,ptr]; repeatable. Replaces
    /// the current records.
    #[arg(long, value_name = "FQDN[,zone=ID][,ttl=N][,ptr]", value_parser = crate::nic::headless::parse_dns_flag, conflicts_with = "clear_dns")]
    pub dns: Vec<DnsRow>,
    /// Remove every DNS record of the internal address.
    #[arg(long)]
    pub clear_dns: bool,
    #[command(flatten)]
    pub send: SendArgs,
}

/// What every changing command takes besides its fields.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Print the request as JSON and the equivalent yc command, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Track the operation to the end and print the instance's interfaces.
    #[arg(long)]
    pub wait: bool,
    /// Reuse the key of an earlier attempt whose outcome is unknown, so it applies at most once.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NatCommand {
    /// Give an interface a public IPv4 address (one-to-one NAT): ephemeral, or a reserved
    /// unused static address of the instance's zone.
    Add(NatAddArgs),
    /// Take an interface's public address away; a static address goes back to unused.
    Remove(NatRemoveArgs),
}

/// `ycdash nat add`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS)]
pub struct NatAddArgs {
    /// The instance (RUNNING or STOPPED).
    #[arg(long)]
    pub instance: String,
    /// The network interface index; it must have no public address yet.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=15))]
    pub index: u32,
    /// A reserved, unused static address of the instance's zone, or "ephemeral"
    /// [default: ephemeral].
    #[arg(long, value_name = "ADDR|ephemeral", value_parser = crate::nic::nat::parse_nat_address)]
    pub address: Option<NatChoice>,
    /// DNS record for the public address: FQDN[,zone=ID][,ttl=N][,ptr]; repeatable.
    #[arg(long, value_name = "FQDN[,zone=ID][,ttl=N][,ptr]", value_parser = crate::nic::headless::parse_dns_flag)]
    pub dns: Vec<DnsRow>,
    #[command(flatten)]
    pub send: SendArgs,
}

/// `ycdash nat remove`.
#[derive(Debug, Args)]
#[command(after_help = EXIT_STATUS)]
pub struct NatRemoveArgs {
    /// The instance (RUNNING or STOPPED).
    #[arg(long)]
    pub instance: String,
    /// The network interface index; it must have a public address.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=15))]
    pub index: u32,
    #[command(flatten)]
    pub send: SendArgs,
}

/// `ycdash serial`.
#[derive(Debug, Args)]
pub struct SerialArgs {
    /// The instance.
    pub instance: String,
    /// The serial port, 1 to 4.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(i64).range(1..=4))]
    pub port: i64,
    /// Keep reading every 2 seconds and print only what is new (Ctrl-C stops).
    #[arg(long)]
    pub follow: bool,
}
