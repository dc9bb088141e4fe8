//! Scale figures for the emulator: seeding 100,000 instances and listing them all through the
//! client, page by page. Run with `cargo bench --bench emulator_scale`.

use std::time::{Duration, Instant};

use ycdash::{
    api::{Cloud, proto::yandex::cloud::compute::v1::ListInstancesRequest},
    emulator::{Emulator, EmulatorConfig, seed},
};

const INSTANCES: usize = 100_000;

fn config() -> EmulatorConfig {
    EmulatorConfig {
        extra_instances: INSTANCES,
        op_duration: Duration::ZERO,
        ..Default::default()
    }
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let emulator = Emulator::new(config());
    let seeded = started.elapsed();
    drop(emulator);
    println!("seed {INSTANCES} extra instances: {seeded:?}");

    let running = Emulator::spawn(config()).await.expect("spawn emulator");
    let cloud = Cloud::single(&running.endpoint(), false, None).expect("client");
    let started = Instant::now();
    let first = cloud
        .list_instances(ListInstancesRequest {
            folder_id: seed::FOLDER_ID.into(),
            page_size: 100,
            ..Default::default()
        })
        .await
        .expect("first page");
    println!("first page of 100: {:?}", started.elapsed());

    let started = Instant::now();
    let (mut total, mut pages, mut token) = (first.instances.len(), 1, first.next_page_token);
    while !token.is_empty() {
        let page = cloud
            .list_instances(ListInstancesRequest {
                folder_id: seed::FOLDER_ID.into(),
                page_size: 1000,
                page_token: token,
                ..Default::default()
            })
            .await
            .expect("page");
        total += page.instances.len();
        pages += 1;
        token = page.next_page_token;
    }
    println!(
        "list all {total} instances in {pages} pages: {:?}",
        started.elapsed()
    );
}
