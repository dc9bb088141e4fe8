//! The `:` command line's language: the command words, parsing a line into a `Command`, and
//! completion.

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

/// The lines Tab offers for `line`: command words for the first word (each with a space after
/// it), theme names after `theme `, `internal` after `ssh `.
pub fn candidates(line: &str, themes: &[String]) -> Vec<String> {
    let line = line.trim_start();
    let Some((word, rest)) = line.split_once(' ') else {
        return COMMANDS
            .iter()
            .filter(|c| c.starts_with(line))
            .map(|c| format!("{c} "))
            .collect();
    };
    let rest = rest.trim_start();
    let args: Vec<&str> = match word {
        "theme" => themes.iter().map(String::as_str).collect(),
        "ssh" => vec!["internal"],
        _ => Vec::new(),
    };
    args.into_iter()
        .filter(|a| a.starts_with(rest))
        .map(|a| format!("{word} {a}"))
        .collect()
}

/// Tab's choices while cycling: the full lines and the one shown now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    pub lines: Vec<String>,
    pub at: usize,
}

impl Choices {
    /// What each choice adds: its last word (`filter`, `folder`; `dark`, `light`).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .map(|l| l.trim_end().rsplit(' ').next().unwrap_or(l))
    }

    /// The next line to show, wrapping.
    pub fn advance(&mut self) -> &str {
        self.at = (self.at + 1) % self.lines.len().max(1);
        self.lines.get(self.at).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn tab_offers_command_words_theme_names_and_ssh_internal() {
        let themes = vec!["dark".to_string(), "light".to_string(), "mono".to_string()];
        assert_eq!(candidates("th", &themes), ["theme "]);
        assert_eq!(candidates("f", &themes), ["filter ", "folder "]);
        assert_eq!(
            candidates("theme ", &themes),
            ["theme dark", "theme light", "theme mono"]
        );
        assert_eq!(candidates("theme l", &themes), ["theme light"]);
        assert_eq!(candidates("ssh ", &themes), ["ssh internal"]);
        assert!(candidates("filter sta", &themes).is_empty());
        assert!(candidates("zz", &themes).is_empty());
    }

    #[test]
    fn choices_cycle_and_name_their_last_word() {
        let mut choices = Choices {
            lines: vec!["filter ".into(), "folder ".into()],
            at: 0,
        };
        assert_eq!(choices.words().collect::<Vec<_>>(), ["filter", "folder"]);
        assert_eq!(choices.advance(), "folder ");
        assert_eq!(choices.advance(), "filter ");
    }
}
