//! Hands the terminal to ssh: leaves the alternate screen and raw mode, runs the command and
//! waits for it, then takes the terminal back and clears it so the next frame is drawn whole.

use std::io::{Stdout, stdout};

use crossterm::{
    event::{DisableMouseCapture, EnableMouseCapture},
    execute,
    terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode},
};
use ratatui::{Terminal, backend::CrosstermBackend};

use super::ssh_target::SshCommand;

/// Runs `command` with the terminal handed over; its exit code (`None`: ended by a signal), or
/// why it could not run. The terminal is taken back either way.
pub async fn suspended(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
    command: SshCommand,
) -> std::io::Result<Result<Option<i32>, String>> {
    if mouse {
        execute!(stdout(), DisableMouseCapture)?;
    }
    execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show)?;
    disable_raw_mode()?;
    let result = run(command).await;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    terminal.clear()?;
    Ok(result)
}

/// Runs `command` on the current terminal and waits. Ctrl-C typed meanwhile is the child's:
/// the dashboard stays alive.
pub async fn run(command: SshCommand) -> Result<Option<i32>, String> {
    let shown = crate::safe_text::visible(&command.program).into_owned();
    let child = std::process::Command::new(&command.program)
        .args(&command.args)
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let mut wait = tokio::task::spawn_blocking(move || {
        let mut child = child;
        child.wait()
    });
    loop {
        tokio::select! {
            status = &mut wait => {
                return match status {
                    Ok(Ok(status)) => Ok(status.code()),
                    Ok(Err(e)) => Err(format!("waiting for {shown}: {e}")),
                    Err(e) => Err(format!("waiting for {shown}: {e}")),
                };
            }
            // A SIGINT while ssh has the terminal is meant for ssh, which got it too.
            Ok(()) = tokio::signal::ctrl_c() => {}
        }
    }
}
