//! `ycdash operation get|wait`.

use std::fmt::Write;

use super::CommandError;
use crate::api::{
    Cloud, json,
    operation::{OpResponse, OpState, OpView, PollSchedule},
};

/// The operation as JSON, `Any` payloads decoded.
pub async fn get(cloud: &Cloud, id: &str) -> Result<String, CommandError> {
    Ok(json::to_json(&cloud.get_operation(id).await?) + "\n")
}

/// Polls until done, printing a line per change of state to `out`; a failed operation is an error.
pub async fn wait(
    cloud: &Cloud,
    id: &str,
    mut out: impl FnMut(&str),
) -> Result<OpView, CommandError> {
    let view = cloud
        .wait_operation(id, PollSchedule::default(), |v| out(&describe(v)))
        .await?;
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
