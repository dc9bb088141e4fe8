//! The one-line inputs: the `/` filter and the `:` command line, with command parsing and
//! completion.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Whether the key is plain typing (a character without Ctrl or Alt).
pub fn typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Keys that must never reach a single-line input (they would add a line).
pub fn multiline(key: &KeyEvent) -> bool {
    key.code == KeyCode::Enter
        || (key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('m' | 'j')))
}

/// A single line of text with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    pub cursor: usize,
}

impl LineInput {
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Applies an editing key; returns whether the text changed.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
                true
            }
            KeyCode::Char(c) if !ctrl => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                true
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte(self.cursor);
                self.text.remove(at);
                true
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
                true
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(self.text.chars().count());
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = self.text.chars().count();
                false
            }
            _ => false,
        }
    }
}

/// What a command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Instances,
    Ops,
    Filter(String),
    /// A folder id switches to it; none opens the folder picker.
    Folder(Option<String>),
    /// Opens the picker on the clouds.
    Cloud,
    Theme(String),
    /// ssh to the instance; `internal` forces its internal address.
    Ssh {
        internal: bool,
    },
    Quit,
}

/// The command words, for completion and the help screen.
pub const COMMANDS: [&str; 8] = [
    "instances",
    "ops",
    "filter",
    "folder",
    "cloud",
    "theme",
    "ssh",
    "q",
];

/// Parses `instances`, `ops`, `filter EXPR`, `folder [ID]`, `cloud`, `theme NAME`,
/// `ssh [internal]`, `q`.
pub fn parse_command(line: &str) -> Result<Command, String> {
    let line = line.trim().trim_start_matches(':');
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim().to_string();
    let need = |what: &str| {
        if rest.is_empty() {
            Err(format!("{word}: needs {what}"))
        } else {
            Ok(rest.clone())
        }
    };
    match word {
        "instances" | "i" => Ok(Command::Instances),
        "ops" | "operations" => Ok(Command::Ops),
        "filter" => Ok(Command::Filter(rest.clone())),
        "folder" => Ok(Command::Folder((!rest.is_empty()).then_some(rest))),
        "cloud" | "clouds" => Ok(Command::Cloud),
        "theme" => need("a theme name").map(Command::Theme),
        "ssh" => match rest.as_str() {
            "" => Ok(Command::Ssh { internal: false }),
            "internal" => Ok(Command::Ssh { internal: true }),
            _ => Err("ssh: only `internal` may follow".into()),
        },
        "q" | "quit" => Ok(Command::Quit),
        "" => Err("empty command".into()),
        other => Err(format!("unknown command {other:?}")),
    }
}

/// Completes the command word, or a theme name after `theme `.
pub fn complete(line: &str, themes: &[String]) -> Option<String> {
    if let Some(prefix) = line.strip_prefix("theme ") {
        let mut found = themes.iter().filter(|t| t.starts_with(prefix));
        let first = found.next()?;
        return found.next().is_none().then(|| format!("theme {first}"));
    }
    if line.contains(' ') {
        return None;
    }
    let mut found = COMMANDS.iter().filter(|c| c.starts_with(line));
    let first = found.next()?;
    found.next().is_none().then(|| format!("{first} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_with_a_cursor() {
        let mut input = LineInput::default();
        for c in "wbe".chars() {
            input.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        input.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        input.edit(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(input.text, "we");
        assert_eq!(input.cursor, 1);
    }

    #[test]
    fn parses_and_completes_commands() {
        assert_eq!(
            parse_command("folder b1g"),
            Ok(Command::Folder(Some("b1g".into())))
        );
        assert_eq!(parse_command("folder "), Ok(Command::Folder(None)));
        assert_eq!(parse_command(":cloud"), Ok(Command::Cloud));
        assert_eq!(parse_command("filter"), Ok(Command::Filter(String::new())));
        assert!(parse_command("theme").is_err());
        assert!(parse_command("fly").is_err());
        assert_eq!(complete("th", &[]), Some("theme ".into()));
        assert_eq!(complete("f", &[]), None);
        let themes = vec!["dark".to_string(), "light".to_string()];
        assert_eq!(complete("theme l", &themes), Some("theme light".into()));
    }
}
