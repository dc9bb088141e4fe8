//! `Mutation`: every change ycdash makes to an instance (stop, start, restart, attach, detach,
//! an interface's update, public IP on or off) as one value, sent once with an idempotency key.
//! The dashboard and the headless commands both send through it.

use super::{
    ApiError, Cloud, PowerAction,
    proto::yandex::cloud::{
        compute::v1::{
            AddInstanceOneToOneNatRequest, AttachInstanceNetworkInterfaceRequest,
            DetachInstanceNetworkInterfaceRequest, RemoveInstanceOneToOneNatRequest,
            RestartInstanceRequest, StartInstanceRequest, StopInstanceRequest,
            UpdateInstanceNetworkInterfaceRequest,
        },
        operation::Operation,
    },
};

/// One mutating request.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    Power {
        action: PowerAction,
        instance_id: String,
    },
    Attach(Box<AttachInstanceNetworkInterfaceRequest>),
    Detach(DetachInstanceNetworkInterfaceRequest),
    UpdateNic(Box<UpdateInstanceNetworkInterfaceRequest>),
    AddNat(Box<AddInstanceOneToOneNatRequest>),
    RemoveNat(RemoveInstanceOneToOneNatRequest),
}

impl Mutation {
    pub fn instance_id(&self) -> &str {
        match self {
            Self::Power { instance_id, .. } => instance_id,
            Self::Attach(r) => &r.instance_id,
            Self::Detach(r) => &r.instance_id,
            Self::UpdateNic(r) => &r.instance_id,
            Self::AddNat(r) => &r.instance_id,
            Self::RemoveNat(r) => &r.instance_id,
        }
    }

    /// The API's description of the operation it starts.
    pub fn description(&self) -> &'static str {
        match self {
            Self::Power { action, .. } => action.description(),
            Self::Attach(_) => "Attach network interface",
            Self::Detach(_) => "Detach network interface",
            Self::UpdateNic(_) => "Update network interface",
            Self::AddNat(_) => "Add one-to-one NAT",
            Self::RemoveNat(_) => "Remove one-to-one NAT",
        }
    }

    /// Sends the request once (the client's own retries reuse `key`).
    pub async fn send_once(&self, cloud: &Cloud, key: &str) -> Result<Operation, ApiError> {
        match self {
            Self::Power {
                action,
                instance_id,
            } => {
                let instance_id = instance_id.clone();
                match action {
                    PowerAction::Stop => {
                        cloud
                            .stop_instance(StopInstanceRequest { instance_id }, key)
                            .await
                    }
                    PowerAction::Start => {
                        cloud
                            .start_instance(StartInstanceRequest { instance_id }, key)
                            .await
                    }
                    PowerAction::Restart => {
                        cloud
                            .restart_instance(RestartInstanceRequest { instance_id }, key)
                            .await
                    }
                }
            }
            Self::Attach(r) => cloud.attach_network_interface((**r).clone(), key).await,
            Self::Detach(r) => cloud.detach_network_interface(r.clone(), key).await,
            Self::UpdateNic(r) => cloud.update_network_interface((**r).clone(), key).await,
            Self::AddNat(r) => cloud.add_one_to_one_nat((**r).clone(), key).await,
            Self::RemoveNat(r) => cloud.remove_one_to_one_nat(r.clone(), key).await,
        }
    }
}
