//! Operation lifecycle (begin, midway, finish, fail and roll back, cancel, idempotent replay)
//! and the OperationService.
//!
//! Update and Delete only complete the seeded UPDATING and DELETING instances
//! (`seed_transitions`); Delete removes the instance when it is done.
//!
//! Cancellable: Stop, Start and Restart. Interface changes (attach, detach, update, NAT) are not:
//! Cancel of those answers FAILED_PRECONDITION. With `--op-fail-rate`, a share of operations fail
//! midway: `done = false` with `error` set while the change rolls back, then `done = true`.

use super::retention::request_digest;
use super::{
    Api, State, clock, ids, serial,
    store::{IdempotencyEntry, Store, not_found},
};
use crate::api::proto::google::rpc;
use crate::api::proto::yandex::cloud::compute::v1::{
    DeleteInstanceMetadata, NetworkInterface, RestartInstanceMetadata, StartInstanceMetadata,
    StopInstanceMetadata, UpdateInstanceMetadata, instance,
};
use crate::api::proto::yandex::cloud::operation::{
    CancelOperationRequest, GetOperationRequest, Operation, operation,
    operation_service_server::OperationService,
};
use prost_types::Any;
use std::sync::Arc;
use tonic::{Request, Response, Status};

/// Operations that may run at once in one folder.
pub const FOLDER_QUOTA: usize = 15;

/// What an operation does to its instance when it completes.
pub enum Change {
    Stop,
    Start,
    Restart,
    /// The instance returns to RUNNING.
    Update,
    /// The instance is removed.
    Delete,
    Attach {
        nic: Box<NetworkInterface>,
        /// The static external address reserved for the NAT, released on cancel.
        static_address: Option<String>,
    },
    Detach {
        index: String,
    },
    /// UpdateNetworkInterface, AddOneToOneNat, RemoveOneToOneNat: the NIC with `nic.index` is
    /// replaced and the instance returns to the status it had.
    ReplaceNic {
        nic: Box<NetworkInterface>,
        /// A static external address this change takes: marked used at once, freed on cancel.
        claim: Option<String>,
        /// A public address this change gives up: freed when it is done.
        release: Option<String>,
    },
}

impl Change {
    /// The static external address the change holds while it runs.
    fn claimed(&self) -> Option<&str> {
        match self {
            Change::Attach {
                static_address: claim,
                ..
            }
            | Change::ReplaceNic { claim, .. } => claim.as_deref(),
            _ => None,
        }
    }

    /// What the serial console shows when the change lands (nothing for Update and Delete).
    fn serial_event(&self) -> Option<serial::Event> {
        Some(match self {
            Change::Stop => serial::Event::Stopped,
            Change::Start => serial::Event::Started,
            Change::Restart => serial::Event::Restarted,
            Change::Attach { nic, .. } | Change::ReplaceNic { nic, .. } => serial::Event::Nic {
                index: nic.index.clone(),
            },
            Change::Detach { index } => serial::Event::Nic {
                index: index.clone(),
            },
            Change::Update | Change::Delete => return None,
        })
    }

    /// Whether Cancel may stop it: the lifecycle changes may, the interface changes may not.
    pub fn cancellable(&self) -> bool {
        matches!(self, Self::Stop | Self::Start | Self::Restart)
    }

    /// The description and metadata of the operation of a change to the whole instance (Stop,
    /// Start, Restart, and the seeded Update and Delete); `None` for an interface change, whose
    /// metadata names the interface too.
    pub fn instance_operation(
        &self,
        instance_id: &str,
    ) -> Option<(&'static str, Result<Any, Status>)> {
        let description = match self {
            Change::Stop => "Stop instance",
            Change::Start => "Start instance",
            Change::Restart => "Restart instance",
            Change::Update => "Update instance",
            Change::Delete => "Delete instance",
            Change::Attach { .. } | Change::Detach { .. } | Change::ReplaceNic { .. } => {
                return None;
            }
        };
        let instance_id = instance_id.to_string();
        let metadata = match self {
            Change::Stop => pack(&StopInstanceMetadata { instance_id }),
            Change::Start => pack(&StartInstanceMetadata { instance_id }),
            Change::Restart => pack(&RestartInstanceMetadata { instance_id }),
            Change::Update => pack(&UpdateInstanceMetadata { instance_id }),
            Change::Delete => pack(&DeleteInstanceMetadata { instance_id }),
            Change::Attach { .. } | Change::Detach { .. } | Change::ReplaceNic { .. } => {
                return None;
            }
        };
        Some((description, metadata))
    }
}

/// An operation's metadata, packed for `Operation.metadata`.
pub fn pack<M: prost::Name>(metadata: &M) -> Result<Any, Status> {
    Any::from_msg(metadata).map_err(|e| Status::internal(e.to_string()))
}

/// An issued operation and what it needs to complete or roll back.
pub struct OpRecord {
    pub op: Operation,
    pub instance_id: String,
    pub folder_id: String,
    pub prior_status: i32,
    pub change: Change,
}

/// A validated mutation, ready to start.
pub struct Plan {
    pub description: &'static str,
    pub metadata: Any,
    pub transitional: instance::Status,
    pub change: Change,
}

impl Plan {
    /// A change of one network interface: the instance is UPDATING while it runs.
    pub fn updating<M: prost::Name>(
        description: &'static str,
        metadata: &M,
        change: Change,
    ) -> Result<Plan, Status> {
        Ok(Plan {
            description,
            metadata: pack(metadata)?,
            transitional: instance::Status::Updating,
            change,
        })
    }
}

/// The idempotency key and request of a mutating call.
pub struct Idempotency {
    pub key: Option<String>,
    pub method: &'static str,
    pub request: Vec<u8>,
}

fn empty_any() -> Any {
    Any {
        type_url: "type.googleapis.com/google.protobuf.Empty".into(),
        value: Vec::new(),
    }
}

impl Store {
    /// The operation a repeated idempotency key refers to; INVALID_ARGUMENT if the key was
    /// used with another method or request.
    pub fn replay(&self, idem: &Idempotency) -> Result<Option<Operation>, Status> {
        let Some(key) = &idem.key else {
            return Ok(None);
        };
        let Some(entry) = self.idempotency.get(key) else {
            return Ok(None);
        };
        if entry.method != idem.method || entry.request_digest != request_digest(&idem.request) {
            return Err(Status::invalid_argument(format!(
                "idempotency-key: {key} was already used with a different request"
            )));
        }
        Ok(self
            .operations
            .get(&entry.operation_id)
            .map(|r| r.op.clone()))
    }

    /// Starts an operation on an instance: sets its transitional status and marks it busy.
    pub fn begin(&mut self, instance_id: &str, plan: Plan, idem: Idempotency) -> Operation {
        let now = clock::now();
        self.prune_operations(&now);
        let op = Operation {
            id: ids::random("fhm"),
            description: plan.description.into(),
            created_at: Some(now),
            created_by: "emulator".into(),
            modified_at: Some(now),
            done: false,
            metadata: Some(plan.metadata),
            result: None,
        };
        let (folder_id, prior_status) = match self.instances.get_mut(instance_id) {
            Some(inst) => {
                let prior = inst.status;
                inst.status = plan.transitional.into();
                (inst.folder_id.clone(), prior)
            }
            None => (String::new(), 0),
        };
        if let Some(ip) = plan.change.claimed()
            && let Some(a) = self.external_address_mut(&folder_id, ip)
        {
            a.used = true;
        }
        self.busy.insert(instance_id.into(), op.id.clone());
        self.instance_operations
            .entry(instance_id.into())
            .or_default()
            .push(op.id.clone());
        if let Some(key) = idem.key {
            self.idempotency.insert(
                key,
                IdempotencyEntry {
                    method: idem.method,
                    request_digest: request_digest(&idem.request),
                    operation_id: op.id.clone(),
                },
            );
        }
        self.operations.insert(
            op.id.clone(),
            OpRecord {
                op: op.clone(),
                instance_id: instance_id.into(),
                folder_id,
                prior_status,
                change: plan.change,
            },
        );
        op
    }

    /// Halfway through a running operation: a Start moves from PROVISIONING to STARTING, and
    /// an operation chosen to fail gets its error while it rolls back (`done` stays false).
    pub fn midway(&mut self, op_id: &str, fail: bool) {
        let Some(rec) = self.operations.get_mut(op_id) else {
            return;
        };
        if rec.op.done {
            return;
        }
        if fail {
            rec.op.modified_at = Some(clock::now());
            rec.op.result = Some(operation::Result::Error(rpc::Status {
                code: tonic::Code::Internal as i32,
                message: "emulator: injected operation failure (--op-fail-rate); the change is rolled back".into(),
                details: Vec::new(),
            }));
        } else if matches!(rec.change, Change::Start)
            && let Some(inst) = self.instances.get_mut(&rec.instance_id)
        {
            inst.status = instance::Status::Starting.into();
        }
    }

    /// Completes a running operation: applies its change, or ends the roll-back of one that
    /// failed midway.
    pub fn finish(&mut self, op_id: &str) {
        let Some(rec) = self.operations.get_mut(op_id) else {
            return;
        };
        if rec.op.done {
            return;
        }
        if let Some(operation::Result::Error(status)) = &rec.op.result {
            let status = status.clone();
            self.roll_back(op_id, status);
            return;
        }
        let change = std::mem::replace(&mut rec.change, Change::Stop);
        if matches!(change, Change::Delete) {
            let instance_id = rec.instance_id.clone();
            rec.op.done = true;
            rec.op.modified_at = Some(clock::now());
            rec.op.result = Some(operation::Result::Response(empty_any()));
            self.busy.remove(&instance_id);
            self.remove_instance(&instance_id);
            return;
        }
        let event = change.serial_event();
        let mut released = None;
        let (mut attached, mut detached) = (None, None);
        let response = match self.instances.get_mut(&rec.instance_id) {
            Some(inst) => {
                self.serial.settle(inst, rec.prior_status, &self.subnets);
                let prior = instance::Status::try_from(rec.prior_status)
                    .unwrap_or(instance::Status::Running);
                let (status, instance_response) = match change {
                    Change::Stop => (instance::Status::Stopped, false),
                    Change::Start => (instance::Status::Running, true),
                    Change::Restart => (instance::Status::Running, false),
                    Change::Update | Change::Delete => (instance::Status::Running, true),
                    Change::Attach { nic, .. } => {
                        attached = Some((*nic).clone());
                        inst.network_interfaces.push(*nic);
                        inst.network_interfaces
                            .sort_by_key(|n| n.index.parse::<u32>().unwrap_or(u32::MAX));
                        (instance::Status::Stopped, true)
                    }
                    Change::Detach { index } => {
                        if let Some(pos) = inst
                            .network_interfaces
                            .iter()
                            .position(|n| n.index == index)
                        {
                            let nic = inst.network_interfaces.remove(pos);
                            released = nic
                                .primary_v4_address
                                .as_ref()
                                .and_then(|a| a.one_to_one_nat.as_ref())
                                .map(|n| (inst.folder_id.clone(), n.address.clone()));
                            detached = Some(nic);
                        }
                        (instance::Status::Stopped, true)
                    }
                    Change::ReplaceNic { nic, release, .. } => {
                        if let Some(slot) = inst
                            .network_interfaces
                            .iter_mut()
                            .find(|n| n.index == nic.index)
                        {
                            detached = Some(std::mem::replace(slot, (*nic).clone()));
                            attached = Some(*nic);
                        }
                        released = release.map(|ip| (inst.folder_id.clone(), ip));
                        (prior, true)
                    }
                };
                inst.status = status.into();
                if let Some(event) = event {
                    self.serial.record(inst, &rec.op, event, &self.subnets);
                }
                if instance_response {
                    Any::from_msg(&**inst).unwrap_or_else(|_| empty_any())
                } else {
                    empty_any()
                }
            }
            None => empty_any(),
        };
        rec.op.done = true;
        rec.op.modified_at = Some(clock::now());
        rec.op.result = Some(operation::Result::Response(response));
        let instance_id = rec.instance_id.clone();
        self.busy.remove(&instance_id);
        // A replaced NIC is both: its old address is forgotten before the new one is recorded.
        if let Some(nic) = detached {
            self.index_mut().remove_nic(&nic);
        }
        if let Some(nic) = attached {
            self.index_mut().add_nic(&instance_id, &nic);
        }
        if let Some((folder, ip)) = released
            && let Some(a) = self.external_address_mut(&folder, &ip)
        {
            a.used = false;
        }
    }

    /// Cancels a running operation: it ends with CANCELLED and the instance rolls back. A done
    /// operation is returned as it is; one that is not cancellable is FAILED_PRECONDITION.
    pub fn cancel(&mut self, op_id: &str) -> Result<Operation, Status> {
        let rec = self
            .operations
            .get(op_id)
            .ok_or_else(|| Status::not_found(format!("operation {op_id} not found")))?;
        if rec.op.done || rec.op.result.is_some() {
            return Ok(rec.op.clone());
        }
        if !rec.change.cancellable() {
            return Err(Status::failed_precondition(format!(
                "operation {op_id} ({}) cannot be cancelled",
                rec.op.description
            )));
        }
        Ok(self.roll_back(
            op_id,
            rpc::Status {
                code: tonic::Code::Cancelled as i32,
                message: "operation cancelled".into(),
                details: Vec::new(),
            },
        ))
    }

    /// Ends an operation with `error`: the instance gets its prior status back and a static
    /// address reserved for an attach is released.
    fn roll_back(&mut self, op_id: &str, error: rpc::Status) -> Operation {
        let Some(rec) = self.operations.get_mut(op_id) else {
            return Operation::default();
        };
        rec.op.done = true;
        rec.op.modified_at = Some(clock::now());
        rec.op.result = Some(operation::Result::Error(error));
        let op = rec.op.clone();
        let (instance_id, folder_id, prior) = (
            rec.instance_id.clone(),
            rec.folder_id.clone(),
            rec.prior_status,
        );
        let reserved = rec.change.claimed().map(str::to_string);
        if let Some(inst) = self.instances.get_mut(&instance_id) {
            inst.status = prior;
        }
        if let Some(ip) = reserved
            && let Some(a) = self.external_address_mut(&folder_id, &ip)
        {
            a.used = false;
        }
        self.busy.remove(&instance_id);
        op
    }
}

/// Runs the operation over the configured duration on the current runtime: its midway step
/// (where `--op-fail-rate` may fail it) after half, its end after the whole.
pub fn schedule(state: Arc<State>, op_id: String) {
    tokio::spawn(async move {
        let half = state.config.op_duration / 2;
        tokio::time::sleep(half).await;
        let fail = state.config.op_fail_rate > 0.0 && fastrand::f64() < state.config.op_fail_rate;
        state.store().midway(&op_id, fail);
        tokio::time::sleep(state.config.op_duration.saturating_sub(half)).await;
        state.store().finish(&op_id);
    });
}

#[tonic::async_trait]
impl OperationService for Api {
    async fn get(&self, req: Request<GetOperationRequest>) -> Result<Response<Operation>, Status> {
        let id = req.into_inner().operation_id;
        self.read("operation_id", &id, |store, id| {
            let record = store.operations.get(id);
            record
                .map(|r| r.op.clone())
                .ok_or_else(|| not_found("operation", id))
        })
        .await
    }

    async fn cancel(
        &self,
        req: Request<CancelOperationRequest>,
    ) -> Result<Response<Operation>, Status> {
        let id = req.into_inner().operation_id;
        self.read("operation_id", &id, |store, id| store.cancel(id))
            .await
    }
}
