//! Figures for "smooth with 100,000 instances": ingesting the pages, drawing one frame, a filter
//! keystroke and a sort, on the real Model/update/render with 100,000 instances.
//! Run with `cargo bench --bench tui_scale`.

use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use ycdash::{
    api::proto::yandex::cloud::compute::v1::{
        Instance, ListInstancesResponse, NetworkInterface, PrimaryAddress, instance::Status,
    },
    app::{Effect, Model, Msg, Settings, init, update},
    keymap::Keymap,
    theme::Themes,
    ui,
};

const INSTANCES: usize = 100_000;
const PAGE: usize = 1000;

fn instance(n: usize) -> Instance {
    Instance {
        id: format!("fhm{n:017}"),
        name: format!("node-{n:06}"),
        zone_id: "ru-central1-a".into(),
        status: if n.is_multiple_of(3) {
            Status::Stopped
        } else {
            Status::Running
        } as i32,
        platform_id: "standard-v3".into(),
        network_interfaces: vec![NetworkInterface {
            index: "0".into(),
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

fn main() {
    let settings = Settings {
        source: "bench".into(),
        folder_id: Some("b1gbench".into()),
        theme: "dark".into(),
        themes: vec!["dark".into()],
        keymap: Keymap::default(),
        refresh: None,
        journal: false,
    };
    let mut model = Model::new(settings, SystemTime::now(), (200, 50));
    let generation = init(&mut model)
        .into_iter()
        .find_map(|e| match e {
            Effect::ListInstances { generation, .. } => Some(generation),
            _ => None,
        })
        .expect("init lists instances");

    let pages: Vec<Vec<Instance>> = (0..INSTANCES / PAGE)
        .map(|p| (p * PAGE..(p + 1) * PAGE).map(instance).collect())
        .collect();
    let started = Instant::now();
    let last = pages.len() - 1;
    for (i, page) in pages.into_iter().enumerate() {
        let next_page_token = if i == last {
            String::new()
        } else {
            format!("p{i}")
        };
        update(
            &mut model,
            Msg::InstancesPage {
                generation,
                result: Ok(ListInstancesResponse {
                    instances: page,
                    next_page_token,
                }),
            },
        );
    }
    let ingest = started.elapsed();
    println!(
        "ingest {INSTANCES} instances in {} pages: {ingest:?} ({:?} per page)",
        INSTANCES / PAGE,
        per(ingest, (INSTANCES / PAGE) as u32)
    );
    assert_eq!(model.instances.items.len(), INSTANCES);

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
        "draw one 200x50 frame: {:?}",
        per(started.elapsed(), frames)
    );

    let started = Instant::now();
    for _ in 0..frames {
        update(&mut model, key('j'));
    }
    println!("move the selection: {:?}", per(started.elapsed(), frames));

    update(&mut model, key('/'));
    let mut slowest = Duration::ZERO;
    let typed = "node-09999";
    let started = Instant::now();
    for c in typed.chars() {
        let one = Instant::now();
        update(&mut model, key(c));
        slowest = slowest.max(one.elapsed());
    }
    println!(
        "filter keystroke over {INSTANCES}: {:?} average, {slowest:?} slowest ({} matches)",
        per(started.elapsed(), typed.len() as u32),
        model.instances.view.len()
    );
    update(
        &mut model,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );

    let started = Instant::now();
    update(&mut model, key('o'));
    println!("sort by the next column: {:?}", started.elapsed());
    let started = Instant::now();
    terminal
        .draw(|f| ui::render(&model, &theme, f))
        .expect("draw");
    println!("draw after sorting: {:?}", started.elapsed());
}
