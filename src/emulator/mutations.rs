//! The one shape of the emulator's mutating InstanceService calls: the injected failure, the
//! instance id check, the request's own checks, then (under the store lock) the idempotent
//! replay, the instance's operation in flight, the plan against the model and the folder quota.
//! Handlers say only what differs: the request's checks and its plan.

use super::operations::{Change, FOLDER_QUOTA, Idempotency, Plan, schedule};
use super::reads::Res;
use super::store::Store;
use super::{Api, faults, validate};
use crate::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatRequest, AttachInstanceNetworkInterfaceRequest,
    DetachInstanceNetworkInterfaceRequest, Instance, RemoveInstanceOneToOneNatRequest,
    RestartInstanceRequest, StartInstanceRequest, StopInstanceRequest,
    UpdateInstanceNetworkInterfaceRequest, instance,
};
use crate::api::proto::yandex::cloud::operation::Operation;
use prost::Message;
use tonic::{Request, Response, Status};

/// A mutating request: the instance it changes, and its method's name for idempotency keys.
pub trait InstanceRequest: Message {
    const METHOD: &'static str;
    fn instance_id(&self) -> &str;
}

macro_rules! instance_requests {
    ($($request:ty => $method:literal;)*) => {$(
        impl InstanceRequest for $request {
            const METHOD: &'static str = $method;
            fn instance_id(&self) -> &str {
                &self.instance_id
            }
        }
    )*};
}

instance_requests! {
    StopInstanceRequest => "Stop";
    StartInstanceRequest => "Start";
    RestartInstanceRequest => "Restart";
    AttachInstanceNetworkInterfaceRequest => "AttachNetworkInterface";
    DetachInstanceNetworkInterfaceRequest => "DetachNetworkInterface";
    UpdateInstanceNetworkInterfaceRequest => "UpdateNetworkInterface";
    AddInstanceOneToOneNatRequest => "AddOneToOneNat";
    RemoveInstanceOneToOneNatRequest => "RemoveOneToOneNat";
}

/// The `idempotency-key` header of a request, if any.
fn idempotency_key<T>(req: &Request<T>) -> Option<String> {
    req.metadata()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn idem<R: InstanceRequest>(req: &Request<R>) -> Idempotency {
    Idempotency {
        key: idempotency_key(req),
        method: R::METHOD,
        request: req.get_ref().encode_to_vec(),
    }
}

/// Stop, Start and Restart: the instance must be `from`, and is `via` while the change runs.
fn lifecycle_plan(
    inst: &Instance,
    from: instance::Status,
    via: instance::Status,
    change: Change,
) -> Result<Plan, Status> {
    let Some((description, metadata)) = change.instance_operation(&inst.id) else {
        return Err(Status::internal("not a change of the whole instance"));
    };
    if inst.status != from as i32 {
        let now = instance::Status::try_from(inst.status)
            .map(|s| s.as_str_name())
            .unwrap_or("STATUS_UNSPECIFIED");
        return Err(Status::failed_precondition(format!(
            "instance {} is {now}; it must be {} to {}",
            inst.id,
            from.as_str_name(),
            description.to_lowercase()
        )));
    }
    Ok(Plan {
        description,
        metadata: metadata?,
        transitional: via,
        change,
    })
}

impl Api {
    /// Fails as injected, checks the instance id and then the request (`check`), and begins the
    /// change `plan` makes of the instance, or replays the operation of a known idempotency key.
    pub(super) async fn mutate_instance<R: InstanceRequest>(
        &self,
        req: Request<R>,
        check: fn(&R) -> Result<(), Status>,
        plan: impl FnOnce(&mut Store, &Instance, &R) -> Result<Plan, Status>,
    ) -> Res<Operation> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref();
        validate::id("instance_id", r.instance_id())?;
        check(r)?;
        let result = self.replay_or_begin(idem(&req), r.instance_id(), |store, inst| {
            plan(store, inst, r)
        });
        // Failures are injected before, latency after: a late answer hides a done change.
        faults::delay(&self.state.config).await;
        result.map(Response::new)
    }

    /// Stop, Start or Restart (see `lifecycle_plan`).
    pub(super) async fn lifecycle<R: InstanceRequest>(
        &self,
        req: Request<R>,
        change: Change,
        from: instance::Status,
        via: instance::Status,
    ) -> Res<Operation> {
        let plan = |_: &mut Store, inst: &Instance, _: &R| lifecycle_plan(inst, from, via, change);
        self.mutate_instance(req, |_| Ok(()), plan).await
    }

    /// Replays a known idempotency key, or checks and begins the change.
    fn replay_or_begin(
        &self,
        idem: Idempotency,
        instance_id: &str,
        plan: impl FnOnce(&mut Store, &Instance) -> Result<Plan, Status>,
    ) -> Result<Operation, Status> {
        let op = {
            let mut store = self.state.store();
            if let Some(op) = store.replay(&idem)? {
                return Ok(op);
            }
            let inst = store.instance(instance_id)?.clone();
            if let Some(op_id) = store.busy.get(instance_id) {
                return Err(Status::failed_precondition(format!(
                    "instance {instance_id} has operation {op_id} in progress"
                )));
            }
            let plan = plan(&mut store, &inst)?;
            if store.running_in_folder(&inst.folder_id) >= FOLDER_QUOTA {
                return Err(Status::resource_exhausted(format!(
                    "quota exceeded: at most {FOLDER_QUOTA} operations may run at once in folder {}",
                    inst.folder_id
                )));
            }
            store.begin(instance_id, plan, idem)
        };
        schedule(self.state.clone(), op.id.clone());
        Ok(op)
    }
}
