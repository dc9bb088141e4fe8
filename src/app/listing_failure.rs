//! A listing that failed or answered while a `:filter` or `:folder` was on trial. Transient
//! errors (UNAVAILABLE, deadlines: `api::classify`) show "reconnecting" and retry soon. A
//! permanent one (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED...) would only fail again: a
//! command on trial is undone and its error shown on the command line, otherwise the header
//! says "refused" and the next try waits for the normal refresh.

use std::time::Duration;

use super::{
    model::{Connection, Level, Model, Trial},
    msg::Effect,
};
use crate::api::{ApiError, Transience, classify};

/// How soon a listing that hit a transient error is tried again.
const RETRY_AFTER: Duration = Duration::from_secs(5);

/// A page of the current generation failed.
pub fn failed(model: &mut Model, generation: u64, error: &ApiError) -> Vec<Effect> {
    model.listing.in_flight = false;
    let transient = classify(error) == Transience::Transient;
    if !transient && let Some(trial) = model.listing.trial.take() {
        undo(model, trial, error);
        return next_refresh(model, generation);
    }
    // The header keeps only the code, so the data's age stays visible; the whole error
    // (message, request id) is told once per change of code.
    let code = error.code_name().to_string();
    let told = match &model.header.connection {
        Connection::Reconnecting(c) | Connection::Refused(c) => *c == code,
        _ => false,
    };
    if !told {
        let text = format!("listing instances: {}", error.summary());
        model.toast(Level::Error, text);
    }
    if transient {
        model.header.connection = Connection::Reconnecting(code);
        let after = model.refresh.unwrap_or(RETRY_AFTER).min(RETRY_AFTER);
        vec![Effect::ScheduleRefresh { generation, after }]
    } else {
        model.header.connection = Connection::Refused(code);
        next_refresh(model, generation)
    }
}

/// The first page of a trial answered: the command holds. A new folder's rows replace the old
/// folder's only now.
pub fn first_page_answered(model: &mut Model) {
    if let Some(Trial::Folder { .. }) = model.listing.trial.take() {
        model.instances.clear();
        model.instances.begin_listing();
    }
}

/// Puts back what the refused command replaced and says why on the command line.
fn undo(model: &mut Model, trial: Trial, error: &ApiError) {
    let summary = error.summary();
    let what = match trial {
        Trial::Filter { previous } => {
            let refused = std::mem::replace(&mut model.listing.server_filter, previous);
            format!(":filter {refused}")
        }
        Trial::Folder {
            previous_id,
            previous_name,
            previous_refresh,
        } => {
            let refused = std::mem::replace(&mut model.header.folder_id, previous_id);
            model.header.folder_name = previous_name;
            model.header.last_refresh = previous_refresh;
            model.header.remember_when_answered = false;
            format!(":folder {}", refused.unwrap_or_default())
        }
    };
    tracing::info!("{what} refused: {summary}");
    model.header.connection = if model.header.last_refresh.is_some() {
        Connection::Connected
    } else {
        Connection::Connecting
    };
    model.command_error = Some(format!("{what} refused: {summary}"));
}

/// The normal automatic re-list, if there is one.
fn next_refresh(model: &Model, generation: u64) -> Vec<Effect> {
    model
        .refresh
        .map(|after| Effect::ScheduleRefresh { generation, after })
        .into_iter()
        .collect()
}
