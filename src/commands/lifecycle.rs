//! `ycdash instances stop|start|restart ID...`: each instance its own operation with its own
//! idempotency key, the exit status the worst of them (see `CommandError::exit_code`).

use super::{CommandError, check_key_flag, operation, resume::Resume};
use crate::{
    api::{
        Cloud, derive_idempotency_key, idempotency_key,
        operation::{OpState, OpView, PollSchedule},
        proto::yandex::cloud::{compute::v1 as compute, operation::Operation},
    },
    cli::LifecycleArgs,
};

/// Which lifecycle change to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    Stop,
    Start,
    Restart,
}

impl Lifecycle {
    /// The subcommand's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::Start => "start",
            Self::Restart => "restart",
        }
    }

    /// Sends the change with `key`.
    pub(super) async fn send(
        self,
        cloud: &Cloud,
        instance_id: &str,
        key: &str,
    ) -> Result<Operation, crate::api::ApiError> {
        let instance_id = instance_id.to_string();
        match self {
            Self::Stop => {
                cloud
                    .stop_instance(compute::StopInstanceRequest { instance_id }, key)
                    .await
            }
            Self::Start => {
                cloud
                    .start_instance(compute::StartInstanceRequest { instance_id }, key)
                    .await
            }
            Self::Restart => {
                cloud
                    .restart_instance(compute::RestartInstanceRequest { instance_id }, key)
                    .await
            }
        }
    }
}

/// The key for each instance: the given one with a single ID, one derived from it per ID with
/// several, a fresh UUID without one.
pub fn keys(args: &LifecycleArgs) -> Vec<String> {
    args.ids
        .iter()
        .map(|id| match &args.idempotency_key {
            Some(key) if args.ids.len() == 1 => key.clone(),
            Some(key) => derive_idempotency_key(key, id),
            None => idempotency_key(),
        })
        .collect()
}

/// Checks the input, then sends (and with `--wait` tracks) one operation per instance, in order.
/// Prints the operation id of each (or each change of state with `--wait`) to `out`.
pub async fn run(
    cloud: &Cloud,
    action: Lifecycle,
    args: &LifecycleArgs,
    resume: &Resume,
    mut out: impl FnMut(&str),
) -> Result<(), CommandError> {
    check_key_flag(args.idempotency_key.as_deref())?;
    for (i, id) in args.ids.iter().enumerate() {
        if id.trim().is_empty() {
            return Err(CommandError::Refused(
                "ID: an instance id is required; nothing was sent".into(),
            ));
        }
        if args.ids[..i].contains(id) {
            return Err(CommandError::Refused(format!(
                "ID: instance {id} is given twice; nothing was sent"
            )));
        }
    }
    let mut failures = Vec::new();
    for (id, key) in args.ids.iter().zip(keys(args)) {
        let mut words = vec!["instances".to_string(), action.name().into(), id.clone()];
        if args.wait {
            words.push("--wait".into());
        }
        words.extend(["--idempotency-key".to_string(), key.clone()]);
        let result = match action.send(cloud, id, &key).await {
            Ok(op) => finish(cloud, &op, args.wait, resume, &mut out).await,
            Err(e) => Err(CommandError::from_send(e, &key, resume.command(&words))),
        };
        if let Err(e) = result {
            failures.push((id.clone(), e));
        }
    }
    match failures.len() {
        0 => Ok(()),
        1 if args.ids.len() == 1 => Err(failures.remove(0).1),
        _ => Err(CommandError::Several(failures)),
    }
}

/// Prints the operation id, or with `wait` tracks it to the end.
async fn finish(
    cloud: &Cloud,
    op: &Operation,
    wait: bool,
    resume: &Resume,
    out: &mut impl FnMut(&str),
) -> Result<(), CommandError> {
    if wait {
        operation::wait(cloud, &op.id, PollSchedule::default(), resume, &mut *out).await?;
        return Ok(());
    }
    if let OpState::Failed(error) = OpView::from(op).state {
        return Err(CommandError::OperationFailed {
            id: op.id.clone(),
            error,
        });
    }
    out(&op.id);
    Ok(())
}
