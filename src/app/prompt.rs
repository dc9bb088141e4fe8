//! Keys while a line is typed at the bottom: the `/` filter (narrows as you type, Esc goes back
//! to where the selection was) and the `:` command line (Tab completes and cycles, Enter runs;
//! a command that fails closes the line and says why there).

use crossterm::event::KeyEvent;

use super::{
    action_target::target,
    command::{Choices, Command, candidates, parse_command},
    folder::state::Scope,
    folder_wiring,
    geometry::list_rows,
    input::LineInput,
    model::{Focus, Model, Prompt, Trial},
    msg::Effect,
    steps::start_refresh,
};
use crate::keymap::{Action, KeyContext};

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let action = model.keymap.action(&[KeyContext::Input], key).or_else(|| {
        (model.keymap.action(&[KeyContext::Global], key) == Some(Action::Back))
            .then_some(Action::Back)
    });
    let rows = list_rows(model);
    let Some(prompt) = model.prompt.as_mut() else {
        return Vec::new();
    };
    match (prompt, action) {
        (Prompt::Filter { return_to, .. }, Some(Action::Back)) => {
            let return_to = return_to.take();
            model.prompt = None;
            model.instances.set_filter("");
            if let Some(id) = return_to {
                model.instances.select(&id);
            }
            model.instances.scroll_into_view(rows);
        }
        (Prompt::Filter { .. }, Some(Action::Accept)) => model.prompt = None,
        (Prompt::Filter { line, .. }, _) => {
            if line.edit(key) {
                model.instances.set_filter(line.text());
                model.instances.scroll_into_view(rows);
            }
        }
        (Prompt::Command { .. }, Some(Action::Back)) => model.prompt = None,
        (
            Prompt::Command {
                line,
                choices,
                note,
            },
            Some(Action::Complete),
        ) => {
            complete(line, choices, note, &model.themes);
        }
        (Prompt::Command { line, .. }, Some(Action::Accept)) => {
            let parsed = parse_command(line.text());
            model.prompt = None;
            match parsed {
                Ok(command) => return run(model, command),
                Err(e) => model.command_error = Some(e),
            }
        }
        (
            Prompt::Command {
                line,
                choices,
                note,
            },
            _,
        ) => {
            if line.edit(key) {
                *choices = None;
                *note = None;
            }
        }
    }
    Vec::new()
}

/// Tab: one choice completes; several show and the line takes the first, and each further Tab
/// takes the next (wrapping) as long as the line is the one Tab put there.
fn complete(
    line: &mut LineInput,
    choices: &mut Option<Choices>,
    note: &mut Option<String>,
    themes: &[String],
) {
    if let Some(cycling) = choices.as_mut()
        && cycling.lines.get(cycling.at).map(String::as_str) == Some(line.text())
    {
        *line = LineInput::with_text(cycling.advance());
        return;
    }
    let lines = candidates(line.text(), themes);
    *note = None;
    *choices = None;
    match lines.as_slice() {
        [] => *note = Some(format!("nothing completes {:?}", line.text())),
        [only] => *line = LineInput::with_text(only),
        [first, ..] => {
            *line = LineInput::with_text(first);
            *choices = Some(Choices { lines, at: 0 });
        }
    }
}

fn run(model: &mut Model, command: Command) -> Vec<Effect> {
    match command {
        Command::Instances => {
            model.details = None;
            model.focus = Focus::Instances;
        }
        Command::Ops => {
            model.details = None;
            super::steps::show_ops(model);
        }
        Command::Filter(expr) => {
            // The filter that worked stays at hand until this one's listing answers.
            if model.listing.trial.is_none() {
                let previous = model.listing.server_filter.clone();
                model.listing.trial = Some(Trial::Filter { previous });
            }
            model.listing.server_filter = expr;
            return start_refresh(model);
        }
        Command::Folder(Some(id)) => return folder_wiring::switch_folder(model, id, None),
        Command::Folder(None) => return folder_wiring::open(model, Scope::Folders),
        Command::Cloud => return folder_wiring::open(model, Scope::Clouds),
        Command::Theme(name) => {
            if model.themes.contains(&name) {
                model.theme = name;
            } else {
                let known = model.themes.join(", ");
                model.command_error = Some(format!("no theme {name:?} (known: {known})"));
            }
        }
        Command::Ssh { internal } => {
            if let Some((id, _)) = target(model) {
                return super::ssh_wiring::start(model, id, internal);
            }
        }
        Command::Quit => super::quit::request(model),
    }
    Vec::new()
}
