//! Figures for "smooth with 100,000 instances" on the real Model/update/render: ingesting the
//! pages, the model's memory (RSS after loading, at peak during a refresh, after it), drawing
//! one frame, a filter keystroke and a sort; then, against the emulator in process, the time
//! from start to all rows loaded next to a bare lister paging the same folder.
//! Run with `cargo bench --bench tui_scale`.

use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use ycdash::{
    api::{
        Cloud,
        proto::yandex::cloud::compute::v1::{
            Instance, ListInstancesRequest, ListInstancesResponse, NetworkInterface,
            PrimaryAddress, instance::Status,
        },
    },
    app::{Effect, Model, Msg, Settings, drive, init, update},
    emulator::{Emulator, EmulatorConfig, seed},
    keymap::Keymap,
    theme::Themes,
    ui,
};

const INSTANCES: usize = 100_000;
const PAGE: usize = 1000;
const RUNS: usize = 3;

fn instance(n: usize, stopped_every: usize) -> Instance {
    Instance {
        id: format!("fhm{n:017}"),
        name: format!("node-{n:06}"),
        folder_id: "b1gbench".into(),
        zone_id: "ru-central1-a".into(),
        status: if n.is_multiple_of(stopped_every) {
            Status::Stopped
        } else {
            Status::Running
        } as i32,
        platform_id: "standard-v3".into(),
        labels: [
            ("env", if n.is_multiple_of(2) { "prod" } else { "dev" }),
            ("team", ["web", "data", "ml"][n % 3]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        network_interfaces: vec![NetworkInterface {
            index: "0".into(),
            subnet_id: "e9bbench".into(),
            primary_v4_address: Some(PrimaryAddress {
                address: format!("10.{}.{}.{}", n / 65536 % 256, n / 256 % 256, n % 256),
                ..Default::default()
            }),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn per(total: Duration, n: u32) -> Duration {
    total / n
}

/// This process's resident set, in MB (Linux); 0 where /proc is missing.
fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

/// This process's peak resident set since it started or since [`reset_peak_rss`], in MB.
fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// Starts the kernel's peak-RSS count again from the current RSS (Linux 4.0+); false where
/// it cannot, and then the peak is the process's since it started.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn settings() -> Settings {
    Settings {
        source: "bench".into(),
        folder_id: Some("b1gbench".into()),
        theme: "dark".into(),
        themes: vec!["dark".into()],
        keymap: Keymap::default(),
        refresh: None,
        journal: false,
    }
}

fn list_generation(effects: Vec<Effect>) -> u64 {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::ListInstances { generation, .. } => Some(generation),
            _ => None,
        })
        .expect("a listing starts")
}

/// Feeds one whole listing of synthetic pages (built outside the timing); calls `after_page`
/// after each. Returns the time spent in `update()`.
fn feed(
    model: &mut Model,
    generation: u64,
    stopped_every: usize,
    mut after_page: impl FnMut(),
) -> Duration {
    let pages = INSTANCES / PAGE;
    let mut spent = Duration::ZERO;
    for p in 0..pages {
        let instances = (p * PAGE..(p + 1) * PAGE)
            .map(|n| instance(n, stopped_every))
            .collect();
        let next_page_token = if p + 1 == pages {
            String::new()
        } else {
            format!("p{p}")
        };
        let msg = Msg::InstancesPage {
            generation,
            result: Ok(ListInstancesResponse {
                instances,
                next_page_token,
            }),
        };
        let started = Instant::now();
        update(model, msg);
        spent += started.elapsed();
        after_page();
    }
    spent
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let base = rss_mb();
    let mut model = Model::new(settings(), SystemTime::now(), (200, 50));
    let generation = list_generation(init(&mut model));
    let ingest = feed(&mut model, generation, 3, || {});
    println!(
        "ingest {INSTANCES} instances in {} pages: {ingest:?} ({:?} per page)",
        INSTANCES / PAGE,
        per(ingest, (INSTANCES / PAGE) as u32)
    );
    assert_eq!(model.instances.items.len(), INSTANCES);
    let loaded = rss_mb();
    let load_peak = peak_rss_mb();

    // A refresh in which a third of the instances changed status.
    let generation = list_generation(update(&mut model, key('r')));
    let reset = reset_peak_rss();
    let mut sampled = rss_mb();
    let refresh = feed(&mut model, generation, 2, || {
        sampled = sampled.max(rss_mb())
    });
    let peak = if reset { peak_rss_mb() } else { sampled };
    let after = rss_mb();
    println!("refresh {INSTANCES} instances (merged by id): {refresh:?}");
    let met = |mb: f64| if mb <= 80.0 { "yes" } else { "NO" };
    println!(
        "process RSS (VmRSS/VmHWM, whole bench process; target <= 80 MB): {loaded:.1} MB after \
         loading (peak while loading {load_peak:.1}: {}), {peak:.1} MB peak during a refresh \
         ({}; {}), {after:.1} MB after it ({}); {base:.1} MB before the model, so the model \
         adds +{:.1} / +{:.1} / +{:.1} MB",
        met(load_peak.max(loaded)),
        if reset {
            "kernel peak"
        } else {
            "sampled per page"
        },
        met(peak),
        met(after),
        loaded - base,
        peak - base,
        after - base
    );

    let (themes, _) = Themes::load(None, true);
    let theme = themes.get_or_default("dark");
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let frames = 200;
    let started = Instant::now();
    for _ in 0..frames {
        terminal
            .draw(|f| ui::render(&model, &theme, f))
            .expect("draw");
    }
    println!(
        "draw one 200x50 frame with {INSTANCES} rows: {:?} (target <= 2 ms)",
        per(started.elapsed(), frames)
    );

    let started = Instant::now();
    for _ in 0..frames {
        update(&mut model, key('j'));
    }
    println!("move the selection: {:?}", per(started.elapsed(), frames));

    for typed in ["node-09999", "10.1.2", "label:team=web", "web"] {
        update(&mut model, key('/'));
        let mut slowest = Duration::ZERO;
        let started = Instant::now();
        for c in typed.chars() {
            let one = Instant::now();
            update(&mut model, key(c));
            slowest = slowest.max(one.elapsed());
        }
        println!(
            "filter keystroke over {INSTANCES} ({typed:?}): {:?} average, {slowest:?} slowest \
             ({} matches; target <= 5 ms)",
            per(started.elapsed(), typed.len() as u32),
            model.instances.view.len()
        );
        update(
            &mut model,
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        );
    }

    let started = Instant::now();
    update(&mut model, key('o'));
    println!("sort by the next column: {:?}", started.elapsed());
    let started = Instant::now();
    terminal
        .draw(|f| ui::render(&model, &theme, f))
        .expect("draw");
    println!("draw after sorting: {:?}", started.elapsed());
    drop(model);

    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    runtime.block_on(load_against_the_emulator());
}

/// Start to all rows loaded, through the dashboard's own effects and `update()`, next to a bare
/// lister on the same client paging the same folder; medians of `RUNS` alternating runs.
async fn load_against_the_emulator() {
    let config = EmulatorConfig {
        extra_instances: INSTANCES,
        op_duration: Duration::ZERO,
        ..Default::default()
    };
    let running = Emulator::spawn(config).await.expect("spawn emulator");
    let cloud = Cloud::single(&running.endpoint(), false, None).expect("client");
    let (mut bare, mut dashboard) = (Vec::new(), Vec::new());
    let mut rows = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut token = String::new();
        loop {
            let page = cloud
                .list_instances(ListInstancesRequest {
                    folder_id: seed::FOLDER_ID.into(),
                    page_size: PAGE as i64,
                    page_token: token,
                    ..Default::default()
                })
                .await
                .expect("page");
            token = page.next_page_token;
            if token.is_empty() {
                break;
            }
        }
        bare.push(started.elapsed());

        let started = Instant::now();
        let mut model = Model::new(
            Settings {
                folder_id: Some(seed::FOLDER_ID.into()),
                ..settings()
            },
            SystemTime::now(),
            (200, 50),
        );
        let effects = init(&mut model);
        drive(cloud.clone(), &mut model, effects, |m| {
            !m.listing.in_flight && m.header.last_refresh.is_some()
        })
        .await;
        dashboard.push(started.elapsed());
        rows = model.instances.items.len();
    }
    let (bare, dashboard) = (median(bare), median(dashboard));
    println!(
        "start to all {rows} rows loaded: dashboard {dashboard:?}, bare lister {bare:?}: {:.2}x \
         (target <= 2.5x; medians of {RUNS})",
        dashboard.as_secs_f64() / bare.as_secs_f64()
    );
}
