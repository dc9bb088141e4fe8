//! compute.v1 InstanceService: reads, lists with filter/order/paging, and the mutating calls.

use super::operations::Change;
use super::paging::{self, Cursor};
use super::reads::{Page, Res};
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
    RemoveInstanceOneToOneNatRequest, RestartInstanceRequest, StartInstanceRequest,
    StopInstanceRequest, UpdateInstanceNetworkInterfaceRequest,
    instance::Status::{Provisioning, Restarting, Running, Stopped, Stopping},
    instance_service_server::InstanceService,
};
use crate::api::proto::yandex::cloud::operation::Operation;
use crate::api::proto::yandex::cloud::resourcemanager::v1::Folder;
use tonic::{Request, Response, Status};

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
    store.get::<Folder>(&r.folder_id)?;
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

    async fn stop(&self, req: Request<StopInstanceRequest>) -> Res<Operation> {
        self.lifecycle(req, Change::Stop, Running, Stopping).await
    }

    async fn start(&self, req: Request<StartInstanceRequest>) -> Res<Operation> {
        self.lifecycle(req, Change::Start, Stopped, Provisioning)
            .await
    }

    async fn restart(&self, req: Request<RestartInstanceRequest>) -> Res<Operation> {
        self.lifecycle(req, Change::Restart, Running, Restarting)
            .await
    }

    async fn attach_network_interface(
        &self,
        req: Request<AttachInstanceNetworkInterfaceRequest>,
    ) -> Res<Operation> {
        let check = nic_rules::check_attach_request;
        self.mutate_instance(req, check, nic_rules::plan_attach)
            .await
    }

    async fn detach_network_interface(
        &self,
        req: Request<DetachInstanceNetworkInterfaceRequest>,
    ) -> Res<Operation> {
        let plan = |_: &mut Store, inst: &Instance, r: &_| nic_rules::plan_detach(inst, r);
        self.mutate_instance(req, nic_rules::check_detach_request, plan)
            .await
    }

    async fn update_network_interface(
        &self,
        req: Request<UpdateInstanceNetworkInterfaceRequest>,
    ) -> Res<Operation> {
        let check = nic_update::check_update_request;
        self.mutate_instance(req, check, nic_update::plan_update)
            .await
    }

    async fn add_one_to_one_nat(
        &self,
        req: Request<AddInstanceOneToOneNatRequest>,
    ) -> Res<Operation> {
        self.mutate_instance(req, nat::check_add_request, nat::plan_add)
            .await
    }

    async fn remove_one_to_one_nat(
        &self,
        req: Request<RemoveInstanceOneToOneNatRequest>,
    ) -> Res<Operation> {
        let plan = |_: &mut Store, inst: &Instance, r: &_| nat::plan_remove(inst, r);
        self.mutate_instance(req, nat::check_remove_request, plan)
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
        let page = Page::new("", r.page_size, &r.page_token);
        self.read_page("instance_id", &r.instance_id, page, |store, id| {
            store.instance(id)?;
            let ids = store.instance_operations.get(id).into_iter().flatten();
            let newest_first = ids.rev().filter_map(|op_id| store.operations.get(op_id));
            Ok(newest_first.map(|rec| rec.op.clone()).collect())
        })
        .await
    }
}
