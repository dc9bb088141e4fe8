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
