//! compute.v1 InstanceService: reads, lists with filter/order/paging, and the mutating calls.

use super::operations::{Change, FOLDER_QUOTA, Idempotency, Plan, schedule};
use super::paging::{self, Cursor};
use super::reads::{PageResponse, Res};
use super::{
    Api, faults,
    filter::InstanceFilter,
    instance_index::OrderField,
    nat, nic_rules, nic_update, serial,
    store::{Store, not_found},
    validate,
};
use crate::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatRequest, AttachInstanceNetworkInterfaceRequest,
    DetachInstanceNetworkInterfaceRequest, GetInstanceRequest, GetInstanceSerialPortOutputRequest,
    GetInstanceSerialPortOutputResponse, Instance, InstanceView, ListInstanceOperationsRequest,
    ListInstanceOperationsResponse, ListInstancesRequest, ListInstancesResponse,
    RemoveInstanceOneToOneNatRequest, RestartInstanceMetadata, RestartInstanceRequest,
    StartInstanceMetadata, StartInstanceRequest, StopInstanceMetadata, StopInstanceRequest,
    UpdateInstanceNetworkInterfaceRequest, instance, instance_service_server::InstanceService,
};
use crate::api::proto::yandex::cloud::operation::Operation;
use prost::Message;
use prost_types::Any;
use tonic::{Request, Response, Status};

/// The `idempotency-key` header of a request, if any.
fn idempotency_key<T>(req: &Request<T>) -> Option<String> {
    req.metadata()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn basic(inst: &Instance) -> Instance {
    let mut out = inst.clone();
    out.metadata.clear();
    out
}

fn parse_order(order_by: &str) -> Result<(OrderField, bool), Status> {
    let mut words = order_by.split_whitespace();
    let field = match words.next() {
        None | Some("id") => OrderField::Id,
        Some("name") => OrderField::Name,
        Some("createdAt" | "created_at") => OrderField::CreatedAt,
        Some(other) => {
            return Err(Status::invalid_argument(format!(
                "order_by: unsupported field '{other}', use name, createdAt or id"
            )));
        }
    };
    let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(Status::invalid_argument(format!(
                "order_by: unsupported direction '{other}', use asc or desc"
            )));
        }
    };
    if words.next().is_some() {
        return Err(Status::invalid_argument(
            "order_by: expected '<field> [asc|desc]'",
        ));
    }
    Ok((field, desc))
}

fn list_instances(
    store: &Store,
    r: &ListInstancesRequest,
) -> Result<ListInstancesResponse, Status> {
    validate::id("folder_id", &r.folder_id)?;
    validate::list_fields(&r.page_token, &r.filter)?;
    validate::max_len("order_by", &r.order_by, 100)?;
    let size = paging::page_size(r.page_size)?;
    let filter = InstanceFilter::parse(&r.filter)?;
    let (order, desc) = parse_order(&r.order_by)?;
    let cursor = paging::decode(&r.page_token)?;
    store.folder(&r.folder_id)?;
    // Every order pages by the last instance returned, so a page costs what it returns.
    let after = match &cursor {
        Cursor::Offset(0) => None,
        Cursor::After(id) => Some(
            store
                .instances
                .get(id)
                .map(|i| &**i)
                .filter(|i| i.folder_id == r.folder_id)
                .ok_or_else(|| Status::invalid_argument("page_token: invalid page token"))?,
        ),
        Cursor::Offset(_) => {
            return Err(Status::invalid_argument("page_token: invalid page token"));
        }
    };
    let mut iter = store
        .index()
        .ids(&r.folder_id, order, desc, after)
        .filter_map(|id| store.instances.get(id).map(|i| &**i))
        .filter(|i| filter.matches(i));
    let instances: Vec<Instance> = iter.by_ref().take(size).map(basic).collect();
    let next_page_token = match (instances.last(), iter.next()) {
        (Some(last), Some(_)) => paging::after_token(&last.id),
        _ => String::new(),
    };
    Ok(ListInstancesResponse {
        instances,
        next_page_token,
    })
}

/// Stop, Start and Restart: from one status through a transitional one.
fn lifecycle(
    inst: &Instance,
    from: instance::Status,
    via: instance::Status,
    change: Change,
    description: &'static str,
    metadata: Result<Any, prost::EncodeError>,
) -> Result<Plan, Status> {
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
        metadata: metadata.map_err(|e| Status::internal(e.to_string()))?,
        transitional: via,
        change,
    })
}

impl Api {
    /// Replays a known idempotency key, or checks and begins the change. Failures are injected
    /// before (`faults::fail` in the handlers), latency after: a late answer hides a done change.
    async fn mutate<F>(
        &self,
        idem: Idempotency,
        instance_id: &str,
        plan: F,
    ) -> Result<Response<Operation>, Status>
    where
        F: FnOnce(&mut Store, &Instance) -> Result<Plan, Status>,
    {
        let result = self.replay_or_begin(idem, instance_id, plan);
        faults::delay(&self.state.config).await;
        result.map(Response::new)
    }

    fn replay_or_begin<F>(
        &self,
        idem: Idempotency,
        instance_id: &str,
        plan: F,
    ) -> Result<Operation, Status>
    where
        F: FnOnce(&mut Store, &Instance) -> Result<Plan, Status>,
    {
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

fn idem<T: Message>(req: &Request<T>, method: &'static str) -> Idempotency {
    Idempotency {
        key: idempotency_key(req),
        method,
        request: req.get_ref().encode_to_vec(),
    }
}

#[tonic::async_trait]
impl InstanceService for Api {
    async fn get(&self, req: Request<GetInstanceRequest>) -> Res<Instance> {
        let r = req.into_inner();
        let full = r.view == InstanceView::Full as i32;
        self.read("instance_id", &r.instance_id, |store, id| {
            let inst = store.instance(id)?;
            Ok(if full { inst.clone() } else { basic(inst) })
        })
        .await
    }

    async fn list(
        &self,
        req: Request<ListInstancesRequest>,
    ) -> Result<Response<ListInstancesResponse>, Status> {
        faults::gate(&self.state.config).await?;
        list_instances(&self.state.store(), req.get_ref()).map(Response::new)
    }

    async fn stop(&self, req: Request<StopInstanceRequest>) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let id = req.get_ref().instance_id.clone();
        validate::id("instance_id", &id)?;
        let meta = Any::from_msg(&StopInstanceMetadata {
            instance_id: id.clone(),
        });
        self.mutate(idem(&req, "Stop"), &id, |_, inst| {
            lifecycle(
                inst,
                instance::Status::Running,
                instance::Status::Stopping,
                Change::Stop,
                "Stop instance",
                meta,
            )
        })
        .await
    }

    async fn start(
        &self,
        req: Request<StartInstanceRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let id = req.get_ref().instance_id.clone();
        validate::id("instance_id", &id)?;
        let meta = Any::from_msg(&StartInstanceMetadata {
            instance_id: id.clone(),
        });
        self.mutate(idem(&req, "Start"), &id, |_, inst| {
            lifecycle(
                inst,
                instance::Status::Stopped,
                instance::Status::Provisioning,
                Change::Start,
                "Start instance",
                meta,
            )
        })
        .await
    }

    async fn restart(
        &self,
        req: Request<RestartInstanceRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let id = req.get_ref().instance_id.clone();
        validate::id("instance_id", &id)?;
        let meta = Any::from_msg(&RestartInstanceMetadata {
            instance_id: id.clone(),
        });
        self.mutate(idem(&req, "Restart"), &id, |_, inst| {
            lifecycle(
                inst,
                instance::Status::Running,
                instance::Status::Restarting,
                Change::Restart,
                "Restart instance",
                meta,
            )
        })
        .await
    }

    async fn attach_network_interface(
        &self,
        req: Request<AttachInstanceNetworkInterfaceRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref().clone();
        validate::id("instance_id", &r.instance_id)?;
        nic_rules::check_attach_request(&r)?;
        self.mutate(
            idem(&req, "AttachNetworkInterface"),
            &r.instance_id,
            |store, inst| nic_rules::plan_attach(store, inst, &r),
        )
        .await
    }

    async fn detach_network_interface(
        &self,
        req: Request<DetachInstanceNetworkInterfaceRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref().clone();
        validate::id("instance_id", &r.instance_id)?;
        nic_rules::check_detach_request(&r)?;
        self.mutate(
            idem(&req, "DetachNetworkInterface"),
            &r.instance_id,
            |_, inst| nic_rules::plan_detach(inst, &r),
        )
        .await
    }

    async fn update_network_interface(
        &self,
        req: Request<UpdateInstanceNetworkInterfaceRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref().clone();
        validate::id("instance_id", &r.instance_id)?;
        nic_update::check_update_request(&r)?;
        self.mutate(
            idem(&req, "UpdateNetworkInterface"),
            &r.instance_id,
            |store, inst| nic_update::plan_update(store, inst, &r),
        )
        .await
    }

    async fn add_one_to_one_nat(
        &self,
        req: Request<AddInstanceOneToOneNatRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref().clone();
        validate::id("instance_id", &r.instance_id)?;
        nat::check_add_request(&r)?;
        self.mutate(
            idem(&req, "AddOneToOneNat"),
            &r.instance_id,
            |store, inst| nat::plan_add(store, inst, &r),
        )
        .await
    }

    async fn remove_one_to_one_nat(
        &self,
        req: Request<RemoveInstanceOneToOneNatRequest>,
    ) -> Result<Response<Operation>, Status> {
        faults::fail(&self.state.config)?;
        let r = req.get_ref().clone();
        validate::id("instance_id", &r.instance_id)?;
        nat::check_remove_request(&r)?;
        self.mutate(
            idem(&req, "RemoveOneToOneNat"),
            &r.instance_id,
            |_, inst| nat::plan_remove(inst, &r),
        )
        .await
    }

    async fn get_serial_port_output(
        &self,
        req: Request<GetInstanceSerialPortOutputRequest>,
    ) -> Res<GetInstanceSerialPortOutputResponse> {
        let r = req.into_inner();
        self.read("instance_id", &r.instance_id, |store, id| {
            serial::check_port(r.port)?;
            let inst = store
                .instances
                .get(id)
                .ok_or_else(|| not_found("instance", id))?;
            let contents = store.serial.output(inst, r.port, &store.subnets);
            Ok(GetInstanceSerialPortOutputResponse { contents })
        })
        .await
    }

    async fn list_operations(
        &self,
        req: Request<ListInstanceOperationsRequest>,
    ) -> Res<ListInstanceOperationsResponse> {
        let r = req.into_inner();
        self.read("instance_id", &r.instance_id, |store, id| {
            validate::max_len("page_token", &r.page_token, 100)?;
            store.instance(id)?;
            let ops: Vec<Operation> = store
                .instance_operations
                .get(id)
                .map(|ids| {
                    ids.iter()
                        .rev()
                        .filter_map(|op_id| store.operations.get(op_id))
                        .map(|rec| rec.op.clone())
                        .collect()
                })
                .unwrap_or_default();
            let (operations, next) = paging::page(ops, r.page_size, &r.page_token)?;
            Ok(PageResponse::from_page(operations, next))
        })
        .await
    }
}
