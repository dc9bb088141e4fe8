//! How the headless commands (`ycdash attach`, `nic update`, `nat add`) read what validation
//! needs (`nic::load::load_context`): the reads go out side by side, measured as round trips on
//! tokio's paused clock against the emulator's injected latency (no wall clock involved), and
//! they load the same context, and fail the same way, as reading one after another did.

use std::time::Duration;

use tokio::time::Instant;
use ycdash::{
    api::{
        ApiError, Cloud,
        proto::yandex::cloud::{compute::v1::Instance, vpc::v1::GetSubnetRequest},
    },
    cli::Command,
    cli_client::try_parse_from,
    commands::{Sender, attach::attach, resume::Resume},
    emulator::{Emulator, EmulatorConfig, RunningEmulator, seed},
    nic::{
        draft::ValidationContext,
        load::{free_static_addresses, load_context},
    },
};

/// One round trip: the emulator holds every answer this long.
const LATENCY: Duration = Duration::from_millis(1500);

async fn emulator(latency: Duration) -> (RunningEmulator, Cloud) {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        latency,
        latency_rate: 1.0,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let cloud = Cloud::single(&emulator.endpoint(), false, None).expect("client");
    (emulator, cloud)
}

/// The stopped instance and the subnet of its first interface.
async fn stopped_instance(cloud: &Cloud) -> (Instance, String) {
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("the seeded instance");
    let subnet_id = instance.network_interfaces[0].subnet_id.clone();
    (instance, subnet_id)
}

/// `load_context` on the paused clock: its result and how many round trips it waited.
async fn timed_load(
    cloud: &Cloud,
    instance: &Instance,
    subnet_id: Option<&str>,
) -> (Result<ValidationContext, ApiError>, f64) {
    let started = Instant::now();
    let loaded = load_context(cloud, instance, subnet_id).await;
    (
        loaded,
        started.elapsed().as_secs_f64() / LATENCY.as_secs_f64(),
    )
}

/// The context read one call after another, as `load_context` once did.
async fn read_one_by_one(cloud: &Cloud, instance: &Instance, subnet_id: &str) -> ValidationContext {
    let request = GetSubnetRequest {
        subnet_id: subnet_id.into(),
    };
    let subnet = cloud.get_subnet(request).await.expect("subnet");
    let used = cloud.all_used_addresses(subnet_id).await.expect("used");
    let groups = cloud
        .all_network_security_groups(&subnet.network_id)
        .await
        .expect("groups");
    let zones = cloud
        .all_dns_zones(&instance.folder_id)
        .await
        .expect("zones");
    let free = free_static_addresses(cloud, &instance.folder_id, &instance.zone_id)
        .await
        .expect("addresses");
    ValidationContext {
        instance_zone: instance.zone_id.clone(),
        used_indexes: instance
            .network_interfaces
            .iter()
            .filter_map(|n| n.index.parse().ok())
            .collect(),
        subnet: Some(subnet),
        used_addresses: used.iter().filter_map(|u| u.address.parse().ok()).collect(),
        dns_zones: zones.into_iter().map(|z| (z.id, z.zone)).collect(),
        network_security_groups: groups.into_iter().map(|g| g.id).collect(),
        free_static_addresses: free,
    }
}

#[tokio::test(start_paused = true)]
async fn the_context_takes_two_round_trips_and_matches_reading_one_by_one() {
    let (_emulator, cloud) = emulator(LATENCY).await;
    let (instance, subnet_id) = stopped_instance(&cloud).await;
    let (loaded, round_trips) = timed_load(&cloud, &instance, Some(&subnet_id)).await;
    let ctx = loaded.expect("the context loads");
    // The subnet, then its used addresses and security groups side by side, alongside the
    // DNS zones and the addresses: two round trips. One after another they were five.
    assert!(
        (2.0..3.0).contains(&round_trips),
        "{round_trips} round trips"
    );
    assert_eq!(ctx, read_one_by_one(&cloud, &instance, &subnet_id).await);
    assert!(ctx.subnet.is_some() && !ctx.used_addresses.is_empty());
    assert!(!ctx.network_security_groups.is_empty());
    assert!(ctx.dns_zones.contains_key(seed::PUBLIC_ZONE_ID));
    let free = seed::FREE_ADDRESS.parse().expect("an address");
    assert!(ctx.free_static_addresses.contains(&free));
}

#[tokio::test(start_paused = true)]
async fn a_missing_subnet_leaves_it_empty_in_one_round_trip() {
    let (_emulator, cloud) = emulator(LATENCY).await;
    let (instance, _) = stopped_instance(&cloud).await;
    let (loaded, round_trips) = timed_load(&cloud, &instance, Some("e9bnosuchsubnet0000")).await;
    let ctx = loaded.expect("a missing subnet is left to validation");
    assert!(
        (1.0..2.0).contains(&round_trips),
        "{round_trips} round trips"
    );
    assert_eq!(ctx.subnet, None);
    assert!(ctx.used_addresses.is_empty() && ctx.network_security_groups.is_empty());
    assert!(ctx.dns_zones.contains_key(seed::PUBLIC_ZONE_ID));
    assert!(!ctx.free_static_addresses.is_empty());
}

#[tokio::test]
async fn failures_come_back_in_the_order_the_reads_were_once_made() {
    let (_emulator, cloud) = emulator(Duration::ZERO).await;
    let (mut instance, subnet_id) = stopped_instance(&cloud).await;
    instance.folder_id = "b1gnosuchfolder00000".into();
    // The subnet loads; the folder's DNS zones and addresses both fail: the zones' error.
    let zones_error = load_context(&cloud, &instance, Some(&subnet_id))
        .await
        .expect_err("the folder does not exist");
    assert_eq!(zones_error.code, tonic::Code::NotFound, "{zones_error:?}");
    let expected = cloud
        .all_dns_zones(&instance.folder_id)
        .await
        .expect_err("the same read alone");
    assert_eq!(zones_error.message, expected.message);
    // A subnet read that fails for another reason than NOT_FOUND comes first.
    let bad_id = "e".repeat(51);
    let subnet_error = load_context(&cloud, &instance, Some(&bad_id))
        .await
        .expect_err("an invalid subnet id");
    assert_eq!(subnet_error.code, tonic::Code::InvalidArgument);
    assert!(
        subnet_error.message.starts_with("subnet_id"),
        "{subnet_error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn attach_dry_run_validates_after_three_round_trips() {
    let (_emulator, cloud) = emulator(LATENCY).await;
    let (_, subnet_id) = stopped_instance(&cloud).await;
    let cli = try_parse_from([
        "ycdash",
        "attach",
        "--instance",
        seed::STOPPED_INSTANCE_ID,
        "--subnet",
        &subnet_id,
        "--nat",
        seed::FREE_ADDRESS,
        "--sg",
        seed::DEFAULT_SG_ID,
        "--dry-run",
    ])
    .expect("the flags parse");
    let Some(Command::Attach(args)) = cli.command else {
        panic!("not attach: {:?}", cli.command);
    };
    let mut lines = Vec::new();
    let mut to = Sender {
        cloud: &cloud,
        resume: Resume::default(),
        out: Box::new(|line: &str| lines.push(line.to_string())),
    };
    let started = Instant::now();
    attach(&mut to, &args.args).await.expect("valid");
    let round_trips = started.elapsed().as_secs_f64() / LATENCY.as_secs_f64();
    drop(to);
    // The instance, then the context's two: three. One after another they were six.
    assert!(
        (3.0..4.0).contains(&round_trips),
        "{round_trips} round trips"
    );
    assert!(
        lines.iter().any(|l| l.contains(seed::FREE_ADDRESS)),
        "{lines:?}"
    );
}
