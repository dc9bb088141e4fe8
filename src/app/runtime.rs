//! The runtime: owns the terminal and the Model, selects over terminal events, effect answers
//! and an animation tick, runs effects on spawned tasks, and draws only when something changed.

use std::{
    future::Future,
    io::{Stdout, stdout},
    path::PathBuf,
    time::{Duration, SystemTime},
};

use crossterm::{
    event::{DisableMouseCapture, EnableMouseCapture, Event, EventStream, KeyEventKind},
    execute,
    terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode},
};
use futures_util::StreamExt;
use ratatui::{Frame, Terminal, backend::CrosstermBackend};
use tokio::sync::{mpsc, watch};

use super::{
    effects::{Paths, Plan, plan},
    journal::Scope,
    journal_file::JournalFile,
    model::{Level, Model, Settings, Startup},
    msg::{Effect, Msg},
    poll_gate::PollGate,
    ssh_run,
    ssh_target::{SshCommand, SshSettings},
    update::update,
};
use crate::{
    api::Cloud,
    config::{Config, config_dir},
    keymap::Keymap,
    theme::{Theme, Themes, initial_name, truecolor_from_env},
};

/// Animation frame interval (spinners, toasts, highlights).
const TICK: Duration = Duration::from_millis(120);
/// When nothing animates, the clock still advances this often so the refresh age stays true;
/// `update()` redraws only if the shown age changed.
const IDLE_CLOCK: Duration = Duration::from_secs(1);

/// What the binary passes to `run_tui`.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    /// Shown in the header until the backend is ready, e.g. the endpoint.
    pub header_source: String,
    /// `--theme`: wins over `NO_COLOR` and the config.
    pub theme: Option<String>,
    pub config: Config,
    pub mouse: bool,
    /// Draws one frame of the model (`ui::render`); passed in so that `app` does not depend on
    /// the drawing code.
    pub draw: Draw,
}

/// One frame of the model drawn in a theme.
pub type Draw = fn(&Model, &Theme, &mut Frame);

/// The backend once reached (after discovery and the first token), sent to `run_tui`.
pub struct Ready {
    pub cloud: Cloud,
    /// Shown in the header: "demo: simulated cloud" or the endpoint and credentials.
    pub source: String,
    /// The folder to show; `None` opens the cloud and folder picker at once.
    pub folder_id: Option<String>,
    /// The operations journal; `None` keeps no journal.
    pub journal_path: Option<PathBuf>,
    /// Who the credentials are (the header's description of them): journal entries of other
    /// accounts or endpoints are kept but not resumed.
    pub account: String,
    /// The config file a chosen folder is remembered in (`default_folder`); `None` remembers
    /// nothing (demo mode).
    pub config_path: Option<PathBuf>,
    /// Lives as long as the dashboard: an embedded emulator, the token keeper.
    pub keep_alive: Box<dyn std::any::Any + Send>,
}

/// Why the dashboard stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
    /// The backend could not be reached or the credentials did not work.
    #[error("{0}")]
    Startup(String),
}

/// Restores the terminal when dropped: on quit, on error and while unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> std::io::Result<Self> {
        enable_raw_mode()?;
        let guard = Self { mouse };
        execute!(stdout(), EnterAlternateScreen)?;
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

fn restore(mouse: bool) {
    if mouse {
        let _ = execute!(stdout(), DisableMouseCapture);
    }
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

/// Runs the dashboard until the user quits. The first frame is drawn at once; `connect`
/// (discovery, the token exchange) runs meanwhile and reports its phase on `phases`, and
/// quitting works before it finishes. The terminal is restored on every way out.
pub async fn run_tui(
    options: TuiOptions,
    connect: impl Future<Output = Result<Ready, String>>,
    phases: watch::Receiver<Startup>,
) -> Result<(), AppError> {
    let mouse = options.mouse || options.config.mouse;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
    let guard = TerminalGuard::enter(mouse)?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let result = event_loop(options, connect, phases, terminal).await;
    drop(guard);
    result
}

async fn event_loop(
    options: TuiOptions,
    connect: impl Future<Output = Result<Ready, String>>,
    phases: watch::Receiver<Startup>,
    mut terminal: Terminal<CrosstermBackend<Stdout>>,
) -> Result<(), AppError> {
    let truecolor = truecolor_from_env(std::env::var("COLORTERM").ok().as_deref());
    let theme_dir = config_dir().map(|d| d.join("themes"));
    let (themes, mut warnings) = Themes::load(theme_dir.as_deref(), truecolor);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme_name = initial_name(
        options.theme.as_deref(),
        options.config.theme.as_deref(),
        no_color,
    );
    if themes.get(&theme_name).is_none() {
        warnings.push(format!("no theme {theme_name:?}; using the default"));
    }
    let (keymap, keymap_warnings) = Keymap::new(&options.config.keys);
    warnings.extend(keymap_warnings);
    let size = terminal.size()?;
    let settings = Settings {
        source: options.header_source.clone(),
        folder_id: None,
        theme: theme_name,
        themes: themes.names(),
        keymap,
        refresh: options.config.refresh(),
        journal: false,
    };
    let mut model = Model::new(settings, SystemTime::now(), (size.width, size.height));
    model.ssh = SshSettings {
        config: options.config.ssh.clone(),
        local_user: std::env::var("USER").ok().filter(|u| !u.is_empty()),
    };
    for warning in warnings {
        tracing::warn!("{warning}");
        model.toast(Level::Error, warning);
    }
    let mut theme = themes.get_or_default(&model.theme);
    let mut events = EventStream::new();
    let draw = options.draw;
    let starting = Starting {
        events: &mut events,
        phases,
        draw,
    };
    let Some(ready) = starting
        .run(&mut model, &themes, &mut terminal, connect)
        .await?
    else {
        return Ok(());
    };
    let _keep_alive = ready.keep_alive;

    let journal = ready.journal_path.clone().map(|path| JournalFile {
        path,
        scope: Scope {
            endpoint: ready.cloud.target().to_string(),
            account: ready.account.clone(),
        },
    });
    let (executor, mut rx) = Executor::new(ready.cloud, journal.clone(), ready.config_path.clone());
    let spawn = |effects| executor.spawn(effects);
    if let Some(journal) = &journal {
        match journal.load(SystemTime::now()) {
            Ok(loaded) => {
                if let Some(note) = loaded.note {
                    model.toast(Level::Error, note);
                }
                spawn(update(&mut model, Msg::JournalLoaded(loaded.entries)));
            }
            Err(e) => model.toast(Level::Error, format!("journal: {e}")),
        }
    }
    spawn(update(
        &mut model,
        Msg::Ready {
            source: ready.source,
            folder_id: ready.folder_id,
            journal: ready.journal_path.is_some(),
        },
    ));

    loop {
        if model.quit {
            return Ok(());
        }
        if model.dirty {
            if theme.name != model.theme {
                theme = themes.get_or_default(&model.theme);
            }
            terminal.draw(|frame| draw(&model, &theme, frame))?;
            model.dirty = false;
        }
        let animating = model.animating();
        let first = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => to_msg(event),
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => Some(msg),
            () = tokio::time::sleep(TICK), if animating => None,
            () = tokio::time::sleep(IDLE_CLOCK), if !animating => None,
        };
        spawn(update(&mut model, Msg::Tick(SystemTime::now())));
        if let Some(msg) = first {
            spawn(update(&mut model, msg));
        }
        while let Ok(msg) = rx.try_recv() {
            spawn(update(&mut model, msg));
        }
        while let Some(command) = executor.take_ssh() {
            // The event reader stops before ssh reads the terminal; a fresh one starts after.
            drop(std::mem::replace(&mut events, EventStream::new()));
            let mouse = options.mouse || options.config.mouse;
            let result = ssh_run::suspended(&mut terminal, mouse, command).await?;
            let size = terminal.size()?;
            spawn(update(&mut model, Msg::Resize(size.width, size.height)));
            spawn(update(&mut model, Msg::SshDone(result)));
        }
    }
}

/// Before the backend is ready: draws, animates the phase, and answers quit and resize.
struct Starting<'a> {
    events: &'a mut EventStream,
    phases: watch::Receiver<Startup>,
    draw: Draw,
}

impl Starting<'_> {
    /// The backend, or `None` when the user quit first.
    async fn run(
        mut self,
        model: &mut Model,
        themes: &Themes,
        terminal: &mut Terminal<CrosstermBackend<Stdout>>,
        connect: impl Future<Output = Result<Ready, String>>,
    ) -> Result<Option<Ready>, AppError> {
        let theme = themes.get_or_default(&model.theme);
        let phase = *self.phases.borrow_and_update();
        // Nothing is connected yet, so no message here leads to an effect.
        drop(update(model, Msg::Starting(phase)));
        tokio::pin!(connect);
        loop {
            if model.quit {
                return Ok(None);
            }
            if model.dirty {
                terminal.draw(|frame| (self.draw)(model, &theme, frame))?;
                model.dirty = false;
            }
            let msg = tokio::select! {
                ready = &mut connect => return ready.map(Some).map_err(AppError::Startup),
                event = self.events.next() => match event {
                    Some(Ok(event @ (Event::Key(_) | Event::Resize(..)))) => to_msg(event),
                    Some(Ok(_)) => None,
                    Some(Err(e)) => return Err(e.into()),
                    None => return Ok(None),
                },
                Ok(()) = self.phases.changed() => Some(Msg::Starting(*self.phases.borrow_and_update())),
                () = tokio::time::sleep(TICK) => None,
            };
            drop(update(model, Msg::Tick(SystemTime::now())));
            if let Some(msg) = msg {
                drop(update(model, msg));
            }
        }
    }
}

/// Starts effects: local ones at once, network ones on spawned tasks; every answer goes to
/// one channel.
struct Executor {
    cloud: Cloud,
    journal: Option<JournalFile>,
    polls: PollGate,
    config_path: Option<PathBuf>,
    tx: mpsc::UnboundedSender<Msg>,
    /// Commands that need the terminal (ssh): the loop runs them, not a task.
    ssh: std::sync::Mutex<Vec<SshCommand>>,
}

impl Executor {
    fn new(
        cloud: Cloud,
        journal: Option<JournalFile>,
        config_path: Option<PathBuf>,
    ) -> (Self, mpsc::UnboundedReceiver<Msg>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            Self {
                cloud,
                journal,
                polls: PollGate::default(),
                config_path,
                tx,
                ssh: std::sync::Mutex::default(),
            },
            rx,
        )
    }

    fn spawn(&self, effects: Vec<Effect>) {
        for effect in effects {
            if let Effect::Ssh(command) = effect {
                if let Ok(mut queue) = self.ssh.lock() {
                    queue.push(command);
                }
                continue;
            }
            let paths = Paths {
                journal: self.journal.as_ref(),
                config: self.config_path.as_deref(),
            };
            match plan(&self.cloud, &self.polls, effect, paths) {
                Plan::Now(msg) => {
                    let _ = self.tx.send(*msg);
                }
                Plan::Later { note, future } => {
                    if note.is_some() {
                        let _ = self.tx.send(Msg::Done(note));
                    }
                    let tx = self.tx.clone();
                    tokio::spawn(async move {
                        let _ = tx.send(future.await);
                    });
                }
            }
        }
    }
}

impl Executor {
    /// The next command waiting for the terminal.
    fn take_ssh(&self) -> Option<SshCommand> {
        let mut queue = self.ssh.lock().ok()?;
        (!queue.is_empty()).then(|| queue.remove(0))
    }
}

/// Runs `model` without a terminal: performs `effects` and every effect they lead to, feeding
/// the answers to `update()` with the real clock, until `done(model)` holds. For flow tests
/// against the emulator. Waits as long as it takes: wrap it in `tokio::time::timeout`.
pub async fn drive(
    cloud: Cloud,
    model: &mut Model,
    effects: Vec<Effect>,
    done: impl Fn(&Model) -> bool,
) {
    let (executor, mut rx) = Executor::new(cloud, None, None);
    executor.spawn(effects);
    while !done(model) {
        if let Some(command) = executor.take_ssh() {
            // No terminal to hand over: the command runs on the test's own stdio.
            let result = ssh_run::run(command).await;
            executor.spawn(update(model, Msg::SshDone(result)));
            continue;
        }
        let Some(msg) = rx.recv().await else {
            return;
        };
        executor.spawn(update(model, Msg::Tick(SystemTime::now())));
        executor.spawn(update(model, msg));
    }
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}
