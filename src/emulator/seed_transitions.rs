//! Seeded instances in a transitional status (PROVISIONING, STARTING, STOPPING, RESTARTING,
//! UPDATING, DELETING) get an operation each when the server starts, as if the change had been
//! asked just before: it runs over the operation duration like any other, shows in
//! ListOperations, and leaves the instance in the status the change leads to (DELETING: gone).

use super::operations::{Change, Idempotency, Plan};
use super::store::Store;
use crate::api::proto::yandex::cloud::compute::v1::instance::Status;

/// For a transitional status: the change that completes it, and the stable status the
/// instance had before (where a failed or cancelled operation returns it).
fn completion(status: Status) -> Option<(Change, Status)> {
    Some(match status {
        Status::Provisioning | Status::Starting => (Change::Start, Status::Stopped),
        Status::Stopping => (Change::Stop, Status::Running),
        Status::Restarting => (Change::Restart, Status::Running),
        Status::Updating => (Change::Update, Status::Running),
        Status::Deleting => (Change::Delete, Status::Running),
        _ => return None,
    })
}

/// Begins the completing operation of every instance seeded in a transitional status that has
/// none in flight; returns their ids, for `operations::schedule`.
pub fn begin(store: &mut Store) -> Vec<String> {
    // Checked before anything is copied: a scale seed has 100,000 instances and few in transit.
    let pending: Vec<(String, Status)> = store
        .instances
        .values()
        .filter_map(|inst| Some((inst, Status::try_from(inst.status).ok()?)))
        .filter(|(inst, status)| status.is_transitional() && !store.busy.contains_key(&inst.id))
        .map(|(inst, status)| (inst.id.clone(), status))
        .collect();
    let mut started = Vec::new();
    for (id, status) in pending {
        let Some((change, prior)) = completion(status) else {
            continue;
        };
        let Some((description, Ok(metadata))) = change.instance_operation(&id) else {
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
