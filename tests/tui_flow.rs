//! Flow test of the TUI's model with the real runtime (`app::drive`) over gRPC: stop an
//! instance from the model and watch the operation go from running to done and the row change
//! to STOPPED. The server here is a minimal in-process stand-in for the two services involved;
//! the embedded emulator can replace it unchanged. No sleeps in the test.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, SystemTime},
};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use prost_types::Any;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status as GrpcStatus};
use ycdash::{
    api::{
        Cloud, RetryPolicy,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::{
            compute::v1::{self as compute, instance::Status, instance_service_server as iss},
            operation::{
                self as op, operation::Result as OpResult, operation_service_server as oss,
            },
        },
    },
    app::{Model, Msg, Settings, drive, init, update},
    keymap::Keymap,
};

#[derive(Default)]
struct State {
    instances: Vec<compute::Instance>,
    /// The pending stop: operation and how many more polls it stays running.
    stop: Option<(op::Operation, u32)>,
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<State>>);

type Reply<T> = Result<Response<T>, GrpcStatus>;

fn state(fake: &Fake) -> std::sync::MutexGuard<'_, State> {
    fake.0.lock().unwrap_or_else(|e| e.into_inner())
}

#[tonic::async_trait]
impl iss::InstanceService for Fake {
    async fn get(&self, r: Request<compute::GetInstanceRequest>) -> Reply<compute::Instance> {
        let id = r.into_inner().instance_id;
        let found = state(self).instances.iter().find(|i| i.id == id).cloned();
        found
            .map(Response::new)
            .ok_or_else(|| GrpcStatus::not_found(id))
    }
    async fn list(
        &self,
        _: Request<compute::ListInstancesRequest>,
    ) -> Reply<compute::ListInstancesResponse> {
        let instances = state(self).instances.clone();
        Ok(Response::new(compute::ListInstancesResponse {
            instances,
            next_page_token: String::new(),
        }))
    }
    async fn stop(&self, r: Request<compute::StopInstanceRequest>) -> Reply<op::Operation> {
        let id = r.into_inner().instance_id;
        let mut s = state(self);
        let instance = s
            .instances
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| GrpcStatus::not_found(&id))?;
        instance.set_status(Status::Stopping);
        let operation = op::Operation {
            id: "op-stop".into(),
            description: "Stop instance".into(),
            metadata: Any::from_msg(&compute::StopInstanceMetadata { instance_id: id }).ok(),
            ..Default::default()
        };
        s.stop = Some((operation.clone(), 1));
        Ok(Response::new(operation))
    }
    async fn start(&self, _: Request<compute::StartInstanceRequest>) -> Reply<op::Operation> {
        Err(GrpcStatus::unimplemented("start"))
    }
    async fn restart(&self, _: Request<compute::RestartInstanceRequest>) -> Reply<op::Operation> {
        Err(GrpcStatus::unimplemented("restart"))
    }
    async fn attach_network_interface(
        &self,
        _: Request<compute::AttachInstanceNetworkInterfaceRequest>,
    ) -> Reply<op::Operation> {
        Err(GrpcStatus::unimplemented("attach"))
    }
    async fn detach_network_interface(
        &self,
        _: Request<compute::DetachInstanceNetworkInterfaceRequest>,
    ) -> Reply<op::Operation> {
        Err(GrpcStatus::unimplemented("detach"))
    }
    async fn list_operations(
        &self,
        _: Request<compute::ListInstanceOperationsRequest>,
    ) -> Reply<compute::ListInstanceOperationsResponse> {
        Ok(Response::new(Default::default()))
    }
}

#[tonic::async_trait]
impl oss::OperationService for Fake {
    async fn get(&self, _: Request<op::GetOperationRequest>) -> Reply<op::Operation> {
        let mut s = state(self);
        let State { instances, stop } = &mut *s;
        let (operation, left) = stop
            .as_mut()
            .ok_or_else(|| GrpcStatus::not_found("operation"))?;
        if *left > 0 {
            *left -= 1;
            return Ok(Response::new(operation.clone()));
        }
        let instance = instances
            .first_mut()
            .ok_or_else(|| GrpcStatus::internal("no instance"))?;
        instance.set_status(Status::Stopped);
        operation.done = true;
        operation.result = Any::from_msg(&*instance).ok().map(OpResult::Response);
        Ok(Response::new(operation.clone()))
    }
    async fn cancel(&self, _: Request<op::CancelOperationRequest>) -> Reply<op::Operation> {
        Err(GrpcStatus::unimplemented("cancel"))
    }
}

async fn serve(fake: Fake) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(iss::InstanceServiceServer::new(fake.clone()))
            .add_service(oss::OperationServiceServer::new(fake))
            .serve_with_incoming(TcpListenerStream::new(listener)),
    );
    format!("http://{addr}")
}

fn press(model: &mut Model, c: char) -> Vec<ycdash::app::Effect> {
    update(
        model,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    )
}

#[tokio::test]
async fn stop_from_the_model_runs_to_done_and_the_row_turns_stopped() {
    let fake = Fake::default();
    let mut web = compute::Instance {
        id: "fhm-web".into(),
        name: "web".into(),
        ..Default::default()
    };
    web.set_status(Status::Running);
    state(&fake).instances.push(web);
    let url = serve(fake).await;
    let cloud = Cloud::single(&url, false, None)
        .expect("client")
        .with_retry(RetryPolicy::none());
    let settings = Settings {
        source: url,
        folder_id: "b1g".into(),
        theme: "dark".into(),
        themes: vec!["dark".into()],
        keymap: Keymap::default(),
        refresh: None,
        journal: false,
    };
    let mut model = Model::new(settings, SystemTime::now(), (120, 30));
    let limit = Duration::from_secs(20);

    let effects = init(&mut model);
    let loaded = drive(cloud.clone(), &mut model, effects, |m| !m.listing.in_flight);
    tokio::time::timeout(limit, loaded)
        .await
        .expect("list loads");
    assert_eq!(model.instances.items.len(), 1);

    assert!(press(&mut model, 's').is_empty(), "a confirm dialog first");
    let effects = press(&mut model, 'y');
    // Record every state the pane shows on the way, and the row's status while running.
    let seen = std::cell::RefCell::new(Vec::new());
    let finished = drive(cloud, &mut model, effects, |m| {
        let Some(op) = m.ops.ops.first() else {
            return false;
        };
        let row = m.instances.items[0].status();
        seen.borrow_mut().push((op.view.state.label(), row));
        op.view.state.is_final()
    });
    tokio::time::timeout(limit, finished)
        .await
        .expect("operation finishes");
    let seen = seen.into_inner();
    assert!(seen.contains(&("running", Status::Stopping)), "{seen:?}");
    assert_eq!(seen.last(), Some(&("done", Status::Stopped)));
    assert!(matches!(
        model.ops.ops[0].view.state,
        OpState::Done(OpResponse::Instance(_))
    ));
    assert_eq!(model.instances.items[0].status(), Status::Stopped);
}
