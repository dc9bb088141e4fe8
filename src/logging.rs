//! Logging setup: headless commands log warnings to stderr; `YCDASH_LOG` sets the filter.

use tracing_subscriber::EnvFilter;

/// Logs to stderr at `default` level unless `YCDASH_LOG` says otherwise.
pub fn to_stderr(default: &str) {
    let filter = EnvFilter::try_from_env("YCDASH_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
