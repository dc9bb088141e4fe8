//! What the headless commands wait for before they validate: `nic::load::load_context` (and
//! `ycdash attach --dry-run` as a process) against an emulator whose every answer takes 200 ms,
//! each run paired with a single Get of the instance made just before it, so the ratio counts
//! round trips whatever the machine's load. The same reads made one after another (as
//! `load_context` did before they went out side by side) are measured the same way.
//! Run with `cargo bench --bench context_load`.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::ycdash_at;
use ycdash::{
    api::{
        Cloud,
        proto::yandex::cloud::{compute::v1::Instance, vpc::v1::GetSubnetRequest},
    },
    emulator::{Emulator, EmulatorConfig, seed},
    nic::load::{free_static_addresses, load_context},
};

const LATENCY: Duration = Duration::from_millis(200);
const RUNS: usize = 5;

/// Seconds `run` takes.
async fn timed<T>(run: impl Future<Output = T>) -> f64 {
    let started = Instant::now();
    run.await;
    started.elapsed().as_secs_f64()
}

/// The context's reads one after another, each awaited before the next is sent.
async fn one_by_one(cloud: &Cloud, instance: &Instance, subnet_id: &str) {
    let request = GetSubnetRequest {
        subnet_id: subnet_id.into(),
    };
    let subnet = cloud.get_subnet(request).await.expect("subnet");
    cloud.all_used_addresses(subnet_id).await.expect("used");
    let groups = cloud.all_network_security_groups(&subnet.network_id);
    groups.await.expect("groups");
    cloud
        .all_dns_zones(&instance.folder_id)
        .await
        .expect("zones");
    free_static_addresses(cloud, &instance.folder_id, &instance.zone_id)
        .await
        .expect("addresses");
}

/// Seconds a `ycdash` process with `args` takes, against `endpoint`; it must succeed.
async fn ycdash(endpoint: &str, args: Vec<String>) -> f64 {
    let endpoint = endpoint.to_string();
    // A blocking wait on its own thread, so the runtime keeps serving the emulator.
    tokio::task::spawn_blocking(move || {
        let mut command = ycdash_at(&endpoint);
        command.args(&args).stdout(Stdio::null());
        let started = Instant::now();
        let status = command.status().expect("run ycdash");
        assert!(status.success(), "{args:?}: {status}");
        started.elapsed().as_secs_f64()
    })
    .await
    .expect("the process thread")
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs of one measurement and the peer run just before each.
#[derive(Default)]
struct Paired {
    seconds: Vec<f64>,
    ratios: Vec<f64>,
}

impl Paired {
    fn push(&mut self, seconds: f64, peer: f64) {
        self.seconds.push(seconds);
        self.ratios.push(seconds / peer);
    }

    fn row(self, name: &str) {
        let seconds = median(self.seconds);
        let round_trips = seconds / LATENCY.as_secs_f64();
        let ratio = median(self.ratios);
        println!("| {name} | {seconds:.3} | {round_trips:.2} | {ratio:.2}x |");
    }
}

#[tokio::main]
async fn main() {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        latency: LATENCY,
        latency_rate: 1.0,
        ..Default::default()
    })
    .await
    .expect("spawn emulator");
    let endpoint = emulator.endpoint();
    let cloud = Cloud::single(&endpoint, false, None).expect("client");
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("the seeded stopped instance");
    let subnet_id = instance.network_interfaces[0].subnet_id.clone();
    let get = || cloud.get_instance(seed::STOPPED_INSTANCE_ID);
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let get_args = words(&format!("instances get {}", seed::STOPPED_INSTANCE_ID));
    let attach_args = words(&format!(
        "attach --instance {} --subnet {subnet_id} --nat {} --sg {} --dry-run",
        seed::STOPPED_INSTANCE_ID,
        seed::FREE_ADDRESS,
        seed::DEFAULT_SG_ID
    ));
    // One warm-up of each, so no measured run pays a first connection.
    load_context(&cloud, &instance, Some(&subnet_id))
        .await
        .expect("context");
    ycdash(&endpoint, attach_args.clone()).await;

    let (mut context, mut sequential) = (Paired::default(), Paired::default());
    let (mut attach, mut get_process) = (Paired::default(), Paired::default());
    for _ in 0..RUNS {
        let peer = timed(get()).await;
        let load = load_context(&cloud, &instance, Some(&subnet_id));
        context.push(timed(load).await, peer);
        let peer = timed(get()).await;
        sequential.push(timed(one_by_one(&cloud, &instance, &subnet_id)).await, peer);
        let peer = ycdash(&endpoint, get_args.clone()).await;
        get_process.push(peer, peer);
        attach.push(ycdash(&endpoint, attach_args.clone()).await, peer);
    }

    println!(
        "\nmedian of {RUNS} runs, every answer delayed {} ms; \"vs peer\" is the median ratio to \
         the Get of the instance run just before each run (in process for the reads, \
         `ycdash instances get` as a process for `ycdash attach`)\n",
        LATENCY.as_millis()
    );
    println!("| what | seconds | latencies | vs peer |");
    println!("|---|---|---|---|");
    context.row("`load_context` (side by side)");
    sequential.row("the same reads one after another (before)");
    get_process.row("`ycdash instances get` (the process peer)");
    attach.row("`ycdash attach --dry-run` (instance Get + context)");
}
