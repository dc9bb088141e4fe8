//! End to end: the real binary in a pseudo-terminal against `ycdash emulator`, read back through
//! a VT100 screen model. Stop an instance from the keyboard, watch the operation finish, quit,
//! and check the terminal was given back (alternate screen left, cursor shown).

mod common;

use std::{
    fs::File,
    io::{Read, Write},
    process::{Child, Command, Stdio},
    sync::mpsc::{Receiver, channel},
    time::{Duration, Instant},
};

use common::process::{EmulatorProcess, without_credentials};
use nix::pty::{Winsize, openpty};
use ycdash::emulator::seed;

const ROWS: u16 = 30;
const COLS: u16 = 140;
/// A bound for a misbehaving run, not a speed assertion: each wait returns as soon as the
/// screen shows what it waits for.
const PATIENCE: Duration = Duration::from_secs(30);

struct Terminal {
    child: Child,
    keys: File,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    raw: Vec<u8>,
}

impl Terminal {
    fn spawn(command: &mut Command) -> Self {
        let size = Winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(Some(&size), None).expect("openpty");
        let io = |fd: &std::os::fd::OwnedFd| Stdio::from(fd.try_clone().expect("dup pty"));
        let child = command
            .stdin(io(&pty.slave))
            .stdout(io(&pty.slave))
            .stderr(io(&pty.slave))
            .spawn()
            .expect("start ycdash");
        drop(pty.slave);
        let master = File::from(pty.master);
        let keys = master.try_clone().expect("pty writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut master = master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            keys,
            output,
            screen: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
        }
    }

    /// Reads output until the screen shows `text` (or the run is clearly stuck).
    fn wait_for(&mut self, text: &str) {
        self.wait_until(text, |screen| screen.contains(text));
    }

    /// Reads output until `shown` holds for the screen's text.
    fn wait_until(&mut self, what: &str, shown: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !shown(&self.screen.screen().contents()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    self.screen.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => panic!(
                    "the screen never showed {what}:\n{}",
                    self.screen.screen().contents()
                ),
            }
        }
    }

    fn press(&mut self, keys: &str) {
        self.keys.write_all(keys.as_bytes()).expect("type");
    }

    /// Waits for the process to end, collecting the rest of its output.
    fn finish(mut self) -> (std::process::ExitStatus, Vec<u8>, vt100::Parser) {
        let status = self.child.wait().expect("ycdash exits");
        while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
            self.screen.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        (status, self.raw, self.screen)
    }
}

#[test]
fn stop_an_instance_from_the_keyboard_and_quit_cleanly() {
    let emulator = EmulatorProcess::start(&[]);
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ycdash"));
    without_credentials(&mut command)
        .args([
            "--endpoint",
            &emulator.endpoint,
            "--folder",
            seed::FOLDER_ID,
        ])
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("TERM", "xterm-256color");
    let mut term = Terminal::spawn(&mut command);

    term.wait_for("api-gateway-1");
    term.wait_for("30 instances");
    term.press("/web-1");
    term.wait_for("web-1 ");
    term.press("\r");
    term.press("s");
    term.wait_for("Stop web-1");
    term.press("y");
    term.wait_for("✓ done");
    term.wait_until("web-1's row STOPPED", |screen| {
        screen
            .lines()
            .any(|l| l.contains("│web-1 ") && l.contains("STOPPED"))
    });

    term.press("q");
    let (status, raw, screen) = term.finish();
    assert!(status.success(), "ycdash exited with {status}");
    assert!(
        !screen.screen().alternate_screen(),
        "still on the alternate screen"
    );
    assert!(!screen.screen().hide_cursor(), "the cursor was left hidden");
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("\u{1b}[?1049l"),
        "never left the alternate screen"
    );
}

/// An endpoint that accepts connections and never answers: the dashboard still draws at once,
/// says it is authenticating, and `q` quits without waiting for the network.
#[test]
fn first_paint_and_quit_before_a_silent_endpoint_answers() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    // Holds every accepted connection open, answering nothing, for the life of the test.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let home = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ycdash"));
    without_credentials(&mut command)
        .args(["--endpoint", &format!("https://{address}")])
        .args(["--folder", seed::FOLDER_ID])
        .env("YC_TOKEN", "y0_first-paint-test")
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("TERM", "xterm-256color");
    let mut term = Terminal::spawn(&mut command);
    term.wait_for("authenticating…");
    term.wait_for("loading…");
    term.press("q");
    let (status, _, screen) = term.finish();
    assert!(status.success(), "ycdash exited with {status}");
    assert!(!screen.screen().alternate_screen());
}
