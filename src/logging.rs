//! Logging setup: headless commands log to stderr, the dashboard to a file (never the terminal).
//! `--log-level` sets the filter everywhere; `YCDASH_LOG` overrides it. Colour only on a
//! terminal, and never with `NO_COLOR`.

use std::{ffi::OsStr, io::IsTerminal};

use tracing_subscriber::EnvFilter;

/// The stderr level when `--log-level` is not given.
pub const STDERR_DEFAULT: &str = "warn";
/// The log file's level when `--log-level` is not given.
pub const FILE_DEFAULT: &str = "info";

const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// `--log-level`: a level, or `tracing` directives such as `ycdash=debug,h2=warn`. A bare word
/// that is no level (`verbose`) is refused rather than read as a target name.
pub fn parse_filter(s: &str) -> Result<String, String> {
    let wrong = s.split(',').map(str::trim).find(|directive| {
        !directive.contains('=') && !LEVELS.contains(&directive.to_ascii_lowercase().as_str())
    });
    if let Some(word) = wrong {
        return Err(format!(
            "'{word}' is not a level: use {}, or TARGET=LEVEL such as ycdash=debug",
            LEVELS.join(", ")
        ));
    }
    EnvFilter::try_new(s)
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// Whether to colour log lines: only on a terminal, and not when `NO_COLOR` is set and non-empty.
pub fn use_colour(is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    is_terminal && no_color.is_none_or(OsStr::is_empty)
}

/// `YCDASH_LOG` if it is a valid filter, else `level`.
fn filter(level: &str) -> Result<EnvFilter, String> {
    EnvFilter::try_from_env("YCDASH_LOG")
        .or_else(|_| EnvFilter::try_new(level))
        .map_err(|e| format!("log level {level:?}: {e}"))
}

/// Logs to stderr at `level` (else [`STDERR_DEFAULT`]) unless `YCDASH_LOG` says otherwise.
pub fn to_stderr(level: Option<&str>) {
    let filter =
        filter(level.unwrap_or(STDERR_DEFAULT)).unwrap_or_else(|_| EnvFilter::new(STDERR_DEFAULT));
    let colour = use_colour(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Logs to `ycdash.log` in `dir` at `level` (else [`FILE_DEFAULT`]). Returns the file's path,
/// or why it could not open.
pub fn to_file(dir: &std::path::Path, level: Option<&str>) -> Result<std::path::PathBuf, String> {
    let path = dir.join("ycdash.log");
    let file =
        crate::private_file::open_append(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let filter = filter(level.unwrap_or(FILE_DEFAULT))?;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some(OsStr::new(""))));
        assert!(!use_colour(true, Some(OsStr::new("1"))));
        assert!(!use_colour(false, None));
        assert!(!use_colour(false, Some(OsStr::new(""))));
    }

    #[test]
    fn levels_and_directives_are_accepted_and_nonsense_refused() {
        for good in ["debug", "WARN", "off", "ycdash=debug", "info,h2=warn"] {
            assert_eq!(parse_filter(good).as_deref(), Ok(good));
        }
        for bad in ["verbose", "info,loud", "ycdash=[", "ycdash=noisy"] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
        assert!(parse_filter("verbose").unwrap_err().contains("not a level"));
    }
}
