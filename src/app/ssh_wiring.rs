//! `x` and `:ssh [internal]`: picks the instance, refuses at once when its row says it is not
//! RUNNING, otherwise gets the full instance (metadata, addresses) unless the open details have
//! it, and asks the runtime to hand the terminal to ssh.

use super::{
    model::{Level, Model},
    msg::Effect,
    ssh_target::command,
};
use crate::api::{
    ApiError,
    proto::yandex::cloud::compute::v1::{Instance, instance::Status},
};

pub fn start(model: &mut Model, instance_id: String, internal: bool) -> Vec<Effect> {
    let loaded = model
        .details
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .map(|data| &data.instance)
        .filter(|i| i.id == instance_id)
        .cloned();
    if let Some(instance) = loaded {
        return run(model, &instance, internal);
    }
    // The row knows the status: refuse at once, without a Get, when it is not RUNNING.
    if let Some(row) = model.instances.find(&instance_id)
        && row.status() != Status::Running
        && let Err(refusal) = command(&model.ssh, &row.stub(&model.instances.strings), internal)
    {
        model.toast(Level::Error, refusal);
        return Vec::new();
    }
    vec![Effect::LoadSshInstance {
        instance_id,
        internal,
    }]
}

/// The full instance arrived (or not).
pub fn on_instance(
    model: &mut Model,
    internal: bool,
    result: Result<Box<Instance>, ApiError>,
) -> Vec<Effect> {
    match result {
        Ok(instance) => run(model, &instance, internal),
        Err(e) => {
            model.toast(Level::Error, format!("ssh: {}", e.summary()));
            Vec::new()
        }
    }
}

fn run(model: &mut Model, instance: &Instance, internal: bool) -> Vec<Effect> {
    match command(&model.ssh, instance, internal) {
        Ok(command) => vec![Effect::Ssh(command)],
        Err(refusal) => {
            model.toast(Level::Error, refusal);
            Vec::new()
        }
    }
}

/// The ssh command ended: its exit status, or why it could not run.
pub fn done(model: &mut Model, result: Result<Option<i32>, String>) {
    match result {
        Ok(Some(0)) => {}
        Ok(Some(code)) => model.toast(Level::Error, format!("ssh exited with status {code}")),
        Ok(None) => model.toast(Level::Error, "ssh ended by a signal"),
        Err(e) => model.toast(Level::Error, format!("ssh: {e}")),
    }
}
