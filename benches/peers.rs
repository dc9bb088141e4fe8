//! Peers benchmark for issue 10: the same 100,030-instance folder listed by a bare lister on
//! the generated client, the official Python SDK (when `YCDASH_SDK_PYTHON` has it) and
//! `ycdash instances list` as a process, against one `ycdash emulator --instances 100000`.
//! Prints the median of 3 runs in seconds, peak RSS (from `wait4`) and the ratios.
//! Run with `cargo bench --bench peers`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use common::{YCDASH, ycdash_at};
use tonic::transport::Endpoint;
use ycdash::{
    api::proto::yandex::cloud::compute::v1::{
        ListInstancesRequest, instance_service_client::InstanceServiceClient,
    },
    emulator::seed,
};

const EXTRA: usize = 100_000;
const TOTAL: usize = EXTRA + seed::DEMO_INSTANCES;
const RUNS: usize = 3;

/// `ycdash emulator` as a child process, killed on drop.
struct EmulatorProcess {
    child: Child,
    address: String,
}

impl EmulatorProcess {
    /// Starts it and returns once it listens (it seeds after that line).
    fn start() -> Self {
        let mut child = Command::new(YCDASH)
            .args(["emulator", "--listen", "127.0.0.1:0", "--op-seconds", "0"])
            // The seed's DELETING instance would finish deleting and change the count.
            .arg("--freeze-seed")
            .args(["--instances", &EXTRA.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start ycdash emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the address line");
        let address = line
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        assert!(address.starts_with("127.0.0.1:"), "{line}");
        Self { child, address }
    }
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One run: wall seconds and the process's peak RSS in MB (none for in-process listers).
#[derive(Clone, Copy)]
struct Run {
    seconds: f64,
    rss_mb: Option<f64>,
}

/// The run with the median time, and the largest peak RSS of all runs.
fn median(mut runs: Vec<Run>) -> Run {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let rss_mb = runs.iter().filter_map(|r| r.rss_mb).reduce(f64::max);
    Run {
        seconds: runs[runs.len() / 2].seconds,
        rss_mb,
    }
}

/// Waits for one List answer (the emulator seeds after it starts listening).
async fn first_answer(address: &str) {
    let channel = Endpoint::from_shared(format!("http://{address}"))
        .expect("endpoint")
        .connect()
        .await
        .expect("connect");
    InstanceServiceClient::new(channel)
        .list(ListInstancesRequest {
            folder_id: seed::FOLDER_ID.into(),
            page_size: 1,
            ..Default::default()
        })
        .await
        .expect("first page");
}

/// The bare lister: the generated client on a plain channel, paging and keeping nothing.
async fn bare(address: &str, page_size: i64) -> Run {
    let channel = Endpoint::from_shared(format!("http://{address}"))
        .expect("endpoint")
        .tcp_nodelay(true)
        .connect()
        .await
        .expect("connect");
    let mut client = InstanceServiceClient::new(channel).max_decoding_message_size(64 << 20);
    let started = Instant::now();
    let (mut count, mut token) = (0, String::new());
    loop {
        let page = client
            .list(ListInstancesRequest {
                folder_id: seed::FOLDER_ID.into(),
                page_size,
                page_token: token,
                ..Default::default()
            })
            .await
            .expect("page")
            .into_inner();
        count += page.instances.len();
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(count, TOTAL);
    Run {
        seconds: started.elapsed().as_secs_f64(),
        rss_mb: None,
    }
}

/// Runs a process to the end, counting its stdout lines that `counts`; returns its wall time,
/// peak RSS (`ru_maxrss` of this child alone, from `wait4`) and its last line.
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which also gives its rusage
fn process(command: &mut Command, counts: fn(&[u8]) -> bool, expected: usize) -> (Run, String) {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn a lister");
    let stdout = child.stdout.take().expect("stdout");
    // A lean consumer (one buffer, no allocation per line), so that on 2 shared cores the
    // reader costs the lister as little CPU as `> /dev/null` would; 100k instances of pretty
    // JSON are 4 million lines.
    let reader = std::thread::spawn(move || {
        let (mut counted, mut line, mut last) = (0, Vec::new(), Vec::new());
        let mut stdout = BufReader::with_capacity(1 << 16, stdout);
        while stdout.read_until(b'\n', &mut line).expect("read output") > 0 {
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            counted += usize::from(counts(&line));
            std::mem::swap(&mut last, &mut line);
            line.clear();
        }
        (counted, String::from_utf8(last).expect("utf-8 output"))
    });
    let (status, rss_kb) = wait4(&child);
    let seconds = started.elapsed().as_secs_f64();
    let (counted, last_line) = reader.join().expect("reader thread");
    assert!(status, "{command:?} failed");
    assert_eq!(counted, expected, "{command:?}");
    let run = Run {
        seconds,
        rss_mb: Some(rss_kb as f64 / 1024.0),
    };
    (run, last_line)
}

/// Waits for the child with `wait4`: whether it exited with 0, and its peak RSS in KiB.
fn wait4(child: &Child) -> (bool, i64) {
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills; the pid is our own unwaited child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, usage.ru_maxrss)
}

fn ycdash_list(address: &str, format: &str) -> Command {
    let mut command = ycdash_at(&format!("http://{address}"));
    command
        .args(["instances", "list", "--folder", seed::FOLDER_ID])
        .args(["--format", format]);
    command
}

/// The Python SDK loop as a process, when `YCDASH_SDK_PYTHON` names a Python that has it.
fn python_sdk(address: &str) -> Option<(Run, Run)> {
    let python = std::env::var("YCDASH_SDK_PYTHON").ok()?;
    let has_sdk = Command::new(&python)
        .args(["-c", "import yandexcloud"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_sdk {
        println!("python SDK: skipped, {python} cannot import yandexcloud");
        return None;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/peers_sdk_list.py");
    let (mut processes, mut loops) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let mut command = Command::new(&python);
        command.args([script, address, seed::FOLDER_ID, "1000"]);
        let counted = |l: &[u8]| l.starts_with(format!("{TOTAL} ").as_bytes());
        let (run, last) = process(&mut command, counted, 1);
        let seconds = last.split_whitespace().nth(1).and_then(|s| s.parse().ok());
        processes.push(run);
        loops.push(Run {
            seconds: seconds.expect("the loop's seconds"),
            rss_mb: run.rss_mb,
        });
    }
    Some((median(processes), median(loops)))
}

/// `RUNS` runs of a lister, each right after a bare walk of its own: the median run, and the
/// median of the ratios of each run to its bare walk. On a machine whose load moves (2 cores
/// shared by parallel builds), neighbours see the same load where a bare median taken minutes
/// earlier does not.
async fn paired(address: &str, mut once: impl FnMut() -> Run) -> (Run, f64) {
    let (mut runs, mut ratios) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let before = bare(address, 1000).await;
        let run = once();
        ratios.push(run.seconds / before.seconds);
        runs.push(run);
    }
    ratios.sort_by(f64::total_cmp);
    (median(runs), ratios[RUNS / 2])
}

fn row(name: &str, run: Run, ratio: f64) {
    let rss = run
        .rss_mb
        .map_or_else(|| "—".to_string(), |mb| format!("{mb:.0} MB"));
    println!("| {name} | {:.2} | {rss} | {ratio:.2}x |", run.seconds);
}

#[tokio::main]
async fn main() {
    let emulator = EmulatorProcess::start();
    let address = emulator.address.clone();
    let started = Instant::now();
    first_answer(&address).await;
    println!(
        "emulator seeded {TOTAL} instances: first answer {:.2} s after it listened",
        started.elapsed().as_secs_f64()
    );
    // One warm-up walk, so the first measured run pays no connection or page-cache cost.
    bare(&address, 1000).await;
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        runs.push(bare(&address, 1000).await);
    }
    let bare_1000 = median(runs);
    let mut ratios_100 = Vec::new();
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        let before = bare(&address, 1000).await;
        let run = bare(&address, 100).await;
        ratios_100.push(run.seconds / before.seconds);
        runs.push(run);
    }
    ratios_100.sort_by(f64::total_cmp);
    let (bare_100, ratio_100) = (median(runs), ratios_100[RUNS / 2]);
    let python = python_sdk(&address);
    let list = |format: &'static str, counts: fn(&[u8]) -> bool, expected: usize| {
        let address = address.clone();
        move || process(&mut ycdash_list(&address, format), counts, expected).0
    };
    let (table, table_ratio) = paired(&address, list("table", |_| true, TOTAL + 1)).await;
    let (json, json_ratio) = paired(&address, list("json", |l| l == b"  {", TOTAL)).await;
    let (jsonl, jsonl_ratio) = paired(&address, list("jsonl", |_| true, TOTAL)).await;

    let b = bare_1000.seconds;
    println!(
        "\nmedian of {RUNS} runs, {TOTAL} instances, page_size 1000 unless said; \"vs bare\" is \
         the median ratio to a bare walk run just before each run (the Python rows: to the bare \
         median)\n"
    );
    println!("| lister | seconds | peak RSS | vs bare |");
    println!("|---|---|---|---|");
    row("bare lister (generated client)", bare_1000, 1.0);
    row("bare lister, page_size 100", bare_100, ratio_100);
    if let Some((process, loop_only)) = python {
        row(
            "official Python SDK loop (whole process)",
            process,
            process.seconds / b,
        );
        row(
            "official Python SDK loop (the loop alone)",
            loop_only,
            loop_only.seconds / b,
        );
    }
    row("`ycdash instances list` (table)", table, table_ratio);
    row("`ycdash instances list --format json`", json, json_ratio);
    row("`ycdash instances list --format jsonl`", jsonl, jsonl_ratio);

    println!("\n| target | measured | met |");
    println!("|---|---|---|");
    let target = |what: &str, measured: String, met: bool| {
        println!(
            "| {what} | {measured} | {} |",
            if met { "yes" } else { "NO" }
        );
    };
    target(
        "table ≤ 1.25x bare",
        format!("{table_ratio:.2}x"),
        table_ratio <= 1.25,
    );
    if let Some((process, _)) = python {
        target(
            "table no slower than the Python SDK (both whole processes)",
            format!("{:.2} s vs {:.2} s", table.seconds, process.seconds),
            table.seconds <= process.seconds,
        );
    }
    target(
        "json ≤ 1.5x bare",
        format!("{json_ratio:.2}x (jsonl {jsonl_ratio:.2}x)"),
        json_ratio <= 1.5,
    );
    for (name, run) in [("table", table), ("json", json), ("jsonl", jsonl)] {
        let mb = run.rss_mb.unwrap_or(f64::INFINITY);
        target(
            &format!("{name} RSS ≤ 64 MB"),
            format!("{mb:.0} MB"),
            mb <= 64.0,
        );
    }
    target(
        "page_size 100 vs 1000 ≤ 3x",
        format!("{ratio_100:.2}x"),
        ratio_100 <= 3.0,
    );
    drop(emulator);
}
