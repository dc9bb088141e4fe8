//! `ycdash attach --stop-first`: stop the instance, wait, attach, wait, start it again, wait.
//!
//! Each step has its own idempotency key derived from the attach's, so the one resume command
//! (the same attach with `--stop-first` and the same key) finishes whatever step was left
//! unknown: the service answers an already sent step with its first operation. An attach that
//! fails for sure still starts the instance again, then reports the attach's failure.

use super::{CommandError, operation, resume::Resume, send::Sender};
use crate::api::{
    Mutation, PowerAction, derive_idempotency_key,
    operation::{OpResponse, OpState, PollSchedule},
    proto::yandex::cloud::compute::v1::{Instance, instance},
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
/// that an earlier attempt may have stopped already). `words` are the attach's own flags with
/// its `key`. Prints each operation's changes of state and, at the end, the instance's
/// interfaces.
pub async fn run(
    to: &mut Sender<'_>,
    instance: &Instance,
    attach: Mutation,
    key: &str,
    mut words: Vec<String>,
) -> Result<(), CommandError> {
    words.push("--stop-first".into());
    let again = to.resume.command(&words);
    let mut steps = Steps {
        to,
        instance_id: attach.instance_id(),
        key,
        again,
    };
    if instance.status != instance::Status::Stopped as i32 {
        steps.power(PowerAction::Stop).await?;
    }
    if let Err(e) = steps.send(&attach, key).await {
        if e.exit_code() == 3 {
            return Err(e);
        }
        (steps.to.out)("the attach failed; starting the instance again as it was");
        steps.power(PowerAction::Start).await?;
        return Err(e);
    }
    let instance = match steps.power(PowerAction::Start).await? {
        Some(instance) => instance,
        None => steps.to.cloud.get_instance(steps.instance_id).await?,
    };
    (steps.to.out)(super::nic_table::render(&instance).trim_end());
    Ok(())
}

/// What every step of the sequence shares: where it is sent and printed, the instance, the
/// attach's key (each step's key is derived from it) and the resume command of the whole
/// sequence.
struct Steps<'s, 'a> {
    to: &'s mut Sender<'a>,
    instance_id: &'s str,
    key: &'s str,
    again: String,
}

impl Steps<'_, '_> {
    /// Sends the stop or start step with its key and waits for it; the instance it returns, if
    /// any.
    async fn power(&mut self, action: PowerAction) -> Result<Option<Instance>, CommandError> {
        let key = step_key(self.key, action.verb());
        let step = Mutation::Power {
            action,
            instance_id: self.instance_id.to_string(),
        };
        Ok(match self.send(&step, &key).await? {
            OpState::Done(OpResponse::Instance(instance)) => Some(*instance),
            _ => None,
        })
    }

    /// Sends one step once with `key` and tracks its operation; an outcome left unknown, or a
    /// poll that failed, names the resume command of the whole sequence.
    async fn send(&mut self, step: &Mutation, key: &str) -> Result<OpState, CommandError> {
        let op = self.to.send_once(step, key, self.again.clone()).await?;
        operation::wait(
            self.to.cloud,
            &op.id,
            PollSchedule::default(),
            &Resume::default(),
            &mut self.to.out,
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
