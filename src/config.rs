//! The user's `config.toml` (XDG config directory): theme, keymap overrides, refresh interval,
//! default folder, mouse; and remembering the last folder by editing the file's text in place.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    time::Duration,
};

use serde::Deserialize;

/// Settings from the config file; every field is optional there.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: Option<String>,
    /// Seconds between automatic full re-lists of the instance list (0 turns them off); a
    /// folder that takes long to list waits ten times the listing's duration instead.
    /// `refresh_interval` is the older name, still read.
    #[serde(alias = "refresh_interval")]
    pub refresh_seconds: u64,
    pub default_folder: Option<String>,
    pub mouse: bool,
    /// Action name -> keys, replacing that action's default keys (see `keymap::BINDINGS`).
    pub keys: HashMap<String, Vec<String>>,
    /// `[ssh]`: how `x` connects to an instance.
    pub ssh: SshConfig,
}

/// `[ssh]`: the program `x` runs, arguments put before `user@address`, and the login user.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SshConfig {
    pub command: String,
    pub args: Vec<String>,
    /// Wins over the user of the instance's `ssh-keys` metadata and the local user.
    pub user: Option<String>,
}

impl Default for SshConfig {
    fn default() -> Self {
        Self {
            command: "ssh".into(),
            args: Vec::new(),
            user: None,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: None,
            refresh_seconds: 10,
            default_folder: None,
            mouse: false,
            keys: HashMap::new(),
            ssh: SshConfig::default(),
        }
    }
}

impl Config {
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| crate::parse_error::toml(&e, text))
    }

    /// Reads `path`; a missing file is the default config, an unreadable one an error.
    pub fn load(path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The refresh interval, or `None` when automatic refresh is off.
    pub fn refresh(&self) -> Option<Duration> {
        (self.refresh_seconds > 0).then(|| Duration::from_secs(self.refresh_seconds))
    }
}

/// `$XDG_CONFIG_HOME/ycdash` (or the platform's equivalent).
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("ycdash"))
}

/// The default config file path.
pub fn default_config_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// `$XDG_STATE_HOME/ycdash`, falling back to the data directory: logs and the journal.
pub fn state_dir() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("ycdash"))
}

/// Writes `default_folder = "ID"` into the config file at `path`, keeping everything else as
/// written (comments, order, other settings). Creates the file and its directory if missing.
pub fn remember_folder(path: &Path, folder_id: &str) -> std::io::Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    crate::private_file::write_atomic(path, with_default_folder(&text, folder_id).as_bytes())
}

/// `text` with its top-level `default_folder` set to `folder_id`: an existing line is replaced;
/// otherwise the line goes before the first `[table]` header (above the comments attached to
/// it), or at the end when there is no table.
pub fn with_default_folder(text: &str, folder_id: &str) -> String {
    let setting = format!("default_folder = {}", toml_string(folder_id));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let existing = lines[..header].iter().position(|l| {
        l.trim_start()
            .strip_prefix("default_folder")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    let mut out = String::with_capacity(text.len() + setting.len() + 1);
    if let Some(at) = existing {
        for (n, line) in lines.iter().enumerate() {
            if n == at {
                out.push_str(&setting);
                out.push_str(ending(line));
            } else {
                out.push_str(line);
            }
        }
        return out;
    }
    // Comments right above the header describe the table: keep them together with it.
    let mut at = header;
    while header < lines.len() && at > 0 && lines[at - 1].trim_start().starts_with('#') {
        at -= 1;
    }
    for line in &lines[..at] {
        out.push_str(line);
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&setting);
    out.push('\n');
    for line in &lines[at..] {
        out.push_str(line);
    }
    out
}

/// The line ending of `line` ("\r\n", "\n" or none for a last line without one).
fn ending(line: &str) -> &str {
    let body = line.trim_end_matches(['\r', '\n']);
    &line[body.len()..]
}

/// A TOML basic string: quoted, with backslashes, quotes and control characters escaped.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembering_replaces_an_existing_line_and_keeps_comments() {
        let text = "# my settings\ntheme = \"light\" # bright\n  default_folder = \"old\"\n\n[keys]\nstop = [\"x\"] # default_folder = \"no\"\n";
        assert_eq!(
            with_default_folder(text, "b1gnew"),
            "# my settings\ntheme = \"light\" # bright\ndefault_folder = \"b1gnew\"\n\n[keys]\nstop = [\"x\"] # default_folder = \"no\"\n"
        );
    }

    #[test]
    fn remembering_inserts_before_the_first_table_and_its_comments() {
        let text = "theme = \"light\"\n\n# my keys\n[keys]\nstop = [\"x\"]\n";
        let edited = with_default_folder(text, "b1g");
        assert_eq!(
            edited,
            "theme = \"light\"\n\ndefault_folder = \"b1g\"\n# my keys\n[keys]\nstop = [\"x\"]\n"
        );
        let config = Config::parse(&edited).unwrap();
        assert_eq!(config.default_folder.as_deref(), Some("b1g"));
        assert_eq!(config.keys["stop"], ["x"]);
    }

    #[test]
    fn remembering_in_an_empty_file_or_one_without_tables() {
        assert_eq!(with_default_folder("", "b1g"), "default_folder = \"b1g\"\n");
        assert_eq!(
            with_default_folder("# only a comment", "b1g"),
            "# only a comment\ndefault_folder = \"b1g\"\n"
        );
        assert_eq!(
            with_default_folder("mouse = true\r\ndefault_folder = \"a\"\r\n", "b"),
            "mouse = true\r\ndefault_folder = \"b\"\r\n"
        );
    }

    #[test]
    fn remembered_values_are_quoted_and_escaped() {
        let odd = "a\"b\\c\td";
        let edited = with_default_folder("", odd);
        assert_eq!(edited, "default_folder = \"a\\\"b\\\\c\\u0009d\"\n");
        let config = Config::parse(&edited).unwrap();
        assert_eq!(config.default_folder.as_deref(), Some(odd));
    }

    #[test]
    fn remembering_creates_the_file_and_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("config.toml");
        remember_folder(&path, "b1g").unwrap();
        remember_folder(&path, "b1h").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "default_folder = \"b1h\"\n");
    }

    #[test]
    fn parses_every_setting() {
        let config = Config::parse(
            "theme = \"light\"\nrefresh_seconds = 30\ndefault_folder = \"b1g\"\nmouse = true\n\
             [keys]\nstop = [\"x\"]\n",
        )
        .unwrap();
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.refresh(), Some(Duration::from_secs(30)));
        assert_eq!(config.keys["stop"], ["x"]);
        assert!(config.mouse);
    }

    #[test]
    fn empty_is_default_and_unknown_keys_fail() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert!(Config::parse("colour = 1").is_err());
        assert_eq!(
            Config::parse("refresh_interval = 0").unwrap().refresh(),
            None
        );
    }
}
