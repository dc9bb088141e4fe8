//! Seeded instances in a transitional status (PROVISIONING, STARTING, STOPPING, RESTARTING,
//! UPDATING, DELETING) get an operation each when the server starts, as if the change had been
//! asked just before: it runs over the operation duration like any other, shows in
//! ListOperations, and leaves the instance in the status the change leads to (DELETING: gone).

use super::operations::{Change, Idempotency, Plan};
use super::store::Store;
use crate::api::proto::yandex::cloud::compute::v1::{
    DeleteInstanceMetadata, RestartInstanceMetadata, StartInstanceMetadata, StopInstanceMetadata,
    UpdateInstanceMetadata, instance::Status,
};
use prost_types::Any;

/// For a transitional status: the change that completes it, its description, its metadata, and
/// the stable status the instance had before (where a failed or cancelled operation returns it).
fn completion(status: Status, id: &str) -> Option<(Change, &'static str, Any, Status)> {
    let instance_id = id.to_string();
    let (change, description, prior, packed) = match status {
        Status::Provisioning | Status::Starting => (
            Change::Start,
            "Start instance",
            Status::Stopped,
            Any::from_msg(&StartInstanceMetadata { instance_id }),
        ),
        Status::Stopping => (
            Change::Stop,
            "Stop instance",
            Status::Running,
            Any::from_msg(&StopInstanceMetadata { instance_id }),
        ),
        Status::Restarting => (
            Change::Restart,
            "Restart instance",
            Status::Running,
            Any::from_msg(&RestartInstanceMetadata { instance_id }),
        ),
        Status::Updating => (
            Change::Update,
            "Update instance",
            Status::Running,
            Any::from_msg(&UpdateInstanceMetadata { instance_id }),
        ),
        Status::Deleting => (
            Change::Delete,
            "Delete instance",
            Status::Running,
            Any::from_msg(&DeleteInstanceMetadata { instance_id }),
        ),
        _ => return None,
    };
    Some((change, description, packed.ok()?, prior))
}

/// Whether [`completion`] has a change for `status`; checked before anything is copied, since
/// a scale seed has 100,000 instances and few in transit.
fn is_transitional(status: Status) -> bool {
    matches!(
        status,
        Status::Provisioning
            | Status::Starting
            | Status::Stopping
            | Status::Restarting
            | Status::Updating
            | Status::Deleting
    )
}

/// Begins the completing operation of every instance seeded in a transitional status that has
/// none in flight; returns their ids, for `operations::schedule`.
pub fn begin(store: &mut Store) -> Vec<String> {
    let pending: Vec<(String, Status)> = store
        .instances
        .values()
        .filter_map(|inst| Some((inst, Status::try_from(inst.status).ok()?)))
        .filter(|(inst, status)| is_transitional(*status) && !store.busy.contains_key(&inst.id))
        .map(|(inst, status)| (inst.id.clone(), status))
        .collect();
    let mut started = Vec::new();
    for (id, status) in pending {
        let Some((change, description, metadata, prior)) = completion(status, &id) else {
            continue;
        };
        let plan = Plan {
            description,
            metadata,
            transitional: status,
            change,
        };
        let idem = Idempotency {
            key: None,
            method: "Seed",
            request: Vec::new(),
        };
        let op = store.begin(&id, plan, idem);
        if let Some(rec) = store.operations.get_mut(&op.id) {
            rec.prior_status = prior.into();
        }
        started.push(op.id);
    }
    started
}
