//! The user's `config.toml` (XDG config directory): theme, keymap overrides, refresh interval,
//! default folder, mouse.

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
    /// Seconds between automatic refreshes of the instance list (0 turns it off).
    pub refresh_interval: u64,
    pub default_folder: Option<String>,
    pub mouse: bool,
    /// Action name -> keys, replacing that action's default keys (see `keymap::BINDINGS`).
    pub keys: HashMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: None,
            refresh_interval: 10,
            default_folder: None,
            mouse: false,
            keys: HashMap::new(),
        }
    }
}

impl Config {
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
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
        (self.refresh_interval > 0).then(|| Duration::from_secs(self.refresh_interval))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_setting() {
        let config = Config::parse(
            "theme = \"light\"\nrefresh_interval = 30\ndefault_folder = \"b1g\"\nmouse = true\n\
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
