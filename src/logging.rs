//! Logging setup: headless commands log to stderr, the dashboard to a file (never the terminal);
//! `YCDASH_LOG` overrides the filter.

use tracing_subscriber::EnvFilter;

/// Logs to stderr at `default` level unless `YCDASH_LOG` says otherwise.
pub fn to_stderr(default: &str) {
    let filter = EnvFilter::try_from_env("YCDASH_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Logs to `ycdash.log` in `dir` at `level`. Returns the file's path, or why it could not open.
pub fn to_file(dir: &std::path::Path, level: &str) -> Result<std::path::PathBuf, String> {
    let path = dir.join("ycdash.log");
    let file =
        crate::private_file::open_append(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let filter = EnvFilter::try_from_env("YCDASH_LOG")
        .or_else(|_| EnvFilter::try_new(level))
        .map_err(|e| format!("log level {level:?}: {e}"))?;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
    Ok(path)
}
