//! `ycdash attach --stop-first`: stop the instance, wait, attach, wait, start it again, wait.
//!
//! Each step has its own idempotency key derived from the attach's, so the one resume command
//! (the same attach with `--stop-first` and the same key) finishes whatever step was left
//! unknown: the service answers an already sent step with its first operation. An attach that
//! fails for sure still starts the instance again, then reports the attach's failure.

use super::{
    CommandError,
    lifecycle::Lifecycle,
    operation,
    resume::{self, Resume},
};
use crate::{
    api::{
        Cloud, derive_idempotency_key,
        operation::{OpResponse, OpState, PollSchedule},
        proto::yandex::cloud::compute::v1::{
            AttachInstanceNetworkInterfaceRequest, Instance, instance,
        },
    },
    cli::AttachArgs,
};

/// The key of one step (`stop` or `start`) of the attach sent with `key`.
pub fn step_key(key: &str, step: &str) -> String {
    derive_idempotency_key(key, &format!("attach --stop-first: {step}"))
}

/// Why `--stop-first` cannot begin now, if so: it stops a RUNNING instance (a STOPPED one
/// needs no stop); any other status is a change in flight to wait for.
pub fn refusal(instance: &Instance) -> Option<String> {
    use instance::Status::{Running, Stopped};
    if instance.status == Running as i32 || instance.status == Stopped as i32 {
        return None;
    }
    Some(format!(
        "instance {} is {}; --stop-first needs it RUNNING (or STOPPED): wait until its change ends; nothing was sent",
        instance.id,
        super::instances::status_name(instance.status)
    ))
}

/// The whole sequence for an instance that is not STOPPED (or, with `--idempotency-key`, one
/// that an earlier attempt may have stopped already). Prints each operation's changes of state
/// and, at the end, the instance's interfaces.
pub async fn run(
    cloud: &Cloud,
    args: &AttachArgs,
    instance: &Instance,
    request: AttachInstanceNetworkInterfaceRequest,
    key: &str,
    resume: &Resume,
    mut out: impl FnMut(&str),
) -> Result<(), CommandError> {
    let mut words = resume::attach_args(args, &request.network_interface_index, key);
    words.push("--stop-first".into());
    let steps = Steps {
        cloud,
        instance_id: &args.instance,
        key,
        again: resume.command(&words),
    };
    if instance.status != instance::Status::Stopped as i32 {
        steps.send(Lifecycle::Stop, &mut out).await?;
    }
    let attached = match cloud.attach_network_interface(request, key).await {
        Ok(op) => steps.wait(&op.id, &mut out).await,
        Err(e) => Err(CommandError::from_send(e, key, steps.again.clone())),
    };
    if let Err(e) = attached {
        if e.exit_code() == 3 {
            return Err(e);
        }
        out("the attach failed; starting the instance again as it was");
        steps.send(Lifecycle::Start, &mut out).await?;
        return Err(e);
    }
    let instance = match steps.send(Lifecycle::Start, &mut out).await? {
        Some(instance) => instance,
        None => cloud.get_instance(&args.instance).await?,
    };
    out(super::nic_table::render(&instance).trim_end());
    Ok(())
}

/// What every step of the sequence shares: the instance, the attach's key (each step's key is
/// derived from it) and the resume command of the whole sequence.
struct Steps<'a> {
    cloud: &'a Cloud,
    instance_id: &'a str,
    key: &'a str,
    again: String,
}

impl Steps<'_> {
    /// Sends the stop or start step with its key and waits for it; the instance it returns, if
    /// any.
    async fn send(
        &self,
        action: Lifecycle,
        out: &mut impl FnMut(&str),
    ) -> Result<Option<Instance>, CommandError> {
        let key = step_key(self.key, action.name());
        let op = action
            .send(self.cloud, self.instance_id, &key)
            .await
            .map_err(|e| CommandError::from_send(e, &key, self.again.clone()))?;
        let view = self.wait(&op.id, out).await?;
        Ok(match view {
            OpState::Done(OpResponse::Instance(instance)) => Some(*instance),
            _ => None,
        })
    }

    /// Tracks one operation; a poll that failed names the resume command of the whole
    /// sequence.
    async fn wait(&self, id: &str, out: &mut impl FnMut(&str)) -> Result<OpState, CommandError> {
        operation::wait(
            self.cloud,
            id,
            PollSchedule::default(),
            &Resume::default(),
            &mut *out,
        )
        .await
        .map(|view| view.state)
        .map_err(|e| match e {
            CommandError::PollFailed { id, error, .. } => CommandError::PollFailed {
                id,
                error,
                resume: self.again.clone(),
            },
            other => other,
        })
    }
}
