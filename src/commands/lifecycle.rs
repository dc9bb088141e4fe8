//! `ycdash instances stop|start|restart ID...`: each instance its own operation with its own
//! idempotency key, the exit status the worst of them (see `CommandError::exit_code`).

use super::{CommandError, check_key_flag, send::Sender};
use crate::{
    api::{Mutation, PowerAction, derive_idempotency_key, idempotency_key},
    cli::LifecycleArgs,
};

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
    to: &mut Sender<'_>,
    action: PowerAction,
    args: &LifecycleArgs,
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
        let mut words = vec!["instances".to_string(), action.verb().into(), id.clone()];
        if args.wait {
            words.push("--wait".into());
        }
        words.extend(["--idempotency-key".to_string(), key.clone()]);
        let mutation = Mutation::Power {
            action,
            instance_id: id.clone(),
        };
        if let Err(e) = to.send(&mutation, &key, &words, args.wait).await {
            failures.push((id.clone(), e));
        }
    }
    match failures.len() {
        0 => Ok(()),
        1 if args.ids.len() == 1 => Err(failures.remove(0).1),
        _ => Err(CommandError::Several(failures)),
    }
}
