//! `ycdash operation get|wait`.

use std::fmt::Write;

use super::{CommandError, resume::Resume};
use crate::api::{
    ApiError, Cloud, Transience, classify, json,
    operation::{OpResponse, OpState, OpView, PollSchedule},
};

/// The operation as JSON, `Any` payloads decoded.
pub async fn get(cloud: &Cloud, id: &str) -> Result<String, CommandError> {
    Ok(json::to_json(&cloud.get_operation(id).await?) + "\n")
}

/// `ycdash operation wait`: polls that kept failing transiently are exit status 3 (the outcome
/// is unknown, run it again), a refused poll (e.g. NOT_FOUND) exit status 1.
pub async fn wait_command(
    cloud: &Cloud,
    id: &str,
    resume: &Resume,
    out: impl FnMut(&str),
) -> Result<OpView, CommandError> {
    wait(cloud, id, PollSchedule::default(), resume, out)
        .await
        .map_err(|e| match e {
            CommandError::PollFailed { error, .. } if classify(&error) == Transience::Permanent => {
                CommandError::Api(*error)
            }
            other => other,
        })
}

/// Polls until done, printing a line per change of state to `out`; a failed operation is
/// `OperationFailed`, a poll that failed (its outcome unknown) `PollFailed` naming the command
/// that goes on waiting.
pub async fn wait(
    cloud: &Cloud,
    id: &str,
    schedule: PollSchedule,
    resume: &Resume,
    mut out: impl FnMut(&str),
) -> Result<OpView, CommandError> {
    let view = cloud
        .wait_operation(id, schedule, |v| out(&describe(v)))
        .await
        .map_err(|error: ApiError| CommandError::PollFailed {
            id: id.to_string(),
            error: Box::new(error),
            resume: resume.command(&["operation".into(), "wait".into(), id.to_string()]),
        })?;
    match &view.state {
        OpState::Failed(error) => Err(CommandError::OperationFailed {
            id: view.id.clone(),
            error: error.clone(),
        }),
        _ => Ok(view),
    }
}

/// One line: id, description, state, and the result when there is one.
pub fn describe(view: &OpView) -> String {
    let mut line = format!("{}  {}  {}", view.id, view.description, view.state.label());
    match &view.state {
        OpState::Failed(e) | OpState::RollingBack(e) => {
            let _ = write!(line, ": {}", e.summary());
        }
        OpState::Done(OpResponse::Instance(i)) => {
            let _ = write!(
                line,
                ": instance {} is {}",
                i.id,
                super::instances::status_name(i.status)
            );
        }
        OpState::Done(_) | OpState::Running => {}
    }
    line
}
