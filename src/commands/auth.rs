//! `ycdash auth status`: which credentials are used, the token's fingerprint and expiry, and
//! the folder — never the token itself.

use std::time::{SystemTime, UNIX_EPOCH};

use super::{CommandError, Session, resolve_folder};
use crate::emulator::clock;

/// The status lines for a connected session.
pub async fn status(session: &Session) -> Result<String, CommandError> {
    let source = match (&session.source, &session.withheld) {
        (Some(s), _) => s.describe(),
        (None, Some(withheld)) => format!(
            "none ({} not sent: the endpoint is plaintext; pass --iam-token or --sa-key to send one)",
            withheld.describe()
        ),
        (None, None) if session.emulator.is_some() => {
            "none (--demo: the embedded emulator needs none)".to_string()
        }
        (None, None) => "none (calls go out without a token)".to_string(),
    };
    let keeper = session.keeper.as_ref();
    let token = keeper
        .and_then(|k| k.token())
        .map_or_else(|| "none".to_string(), |t| t.fingerprint());
    let expires = keeper
        .and_then(|k| k.expires_at())
        .map_or_else(|| "unknown".to_string(), describe_expiry);
    let folder = resolve_folder(&session.cloud, session.folder.as_deref()).await?;
    Ok(format!(
        "source:   {source}\ntoken:    {token}\nexpires:  {expires}\nendpoint: {}\nfolder:   {folder}\n",
        session.cloud.target()
    ))
}

fn describe_expiry(at: SystemTime) -> String {
    let secs = at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let left = at
        .duration_since(SystemTime::now())
        .map_or(0, |d| d.as_secs());
    format!(
        "{} (in {}h{:02}m)",
        clock::rfc3339(&clock::ts(secs)),
        left / 3600,
        left % 3600 / 60
    )
}
