//! A change the dashboard asks for (a `Mutation`): encoded into the journal before it is sent,
//! decoded at the next start to send it again with the same idempotency key, and sent until its
//! outcome is known.

use std::time::Duration;

use base64::{Engine, engine::general_purpose::STANDARD};
use prost::Message;

use super::{
    journal::SentRequest,
    sending::{Kind, Request},
};
pub use crate::api::Mutation;
use crate::api::{
    ApiError, Cloud, PowerAction,
    proto::yandex::cloud::{
        compute::v1::{RestartInstanceRequest, StartInstanceRequest, StopInstanceRequest},
        operation::Operation,
    },
};

/// How long a request whose outcome is unknown is sent again (same key) before giving up;
/// it then stays in the journal as "sent" for the next start.
const RESEND_FOR: Duration = Duration::from_secs(180);
const RESEND_FIRST: Duration = Duration::from_millis(500);
const RESEND_MAX: Duration = Duration::from_secs(10);

/// The dashboard's side of a `Mutation`: its row in the operations pane, its journal entry,
/// and sending it until its outcome is known.
impl Mutation {
    /// The request as the operations pane's "sending…" row names it: its kind, to its instance.
    pub fn request(&self) -> Request {
        let kind = match self {
            Self::Power { action, .. } => Kind::Power(*action),
            Self::Attach(_) => Kind::Attach,
            Self::Detach(_) => Kind::Detach,
            Self::UpdateNic(_) => Kind::UpdateNic,
            Self::AddNat(_) => Kind::Nat(true),
            Self::RemoveNat(_) => Kind::Nat(false),
        };
        Request::new(kind, self.instance_id())
    }

    /// The method name and protobuf body, for the journal.
    pub fn to_sent(&self) -> SentRequest {
        let (method, body) = match self {
            Self::Power {
                action,
                instance_id,
            } => {
                let instance_id = instance_id.clone();
                let body = match action {
                    PowerAction::Stop => StopInstanceRequest { instance_id }.encode_to_vec(),
                    PowerAction::Start => StartInstanceRequest { instance_id }.encode_to_vec(),
                    PowerAction::Restart => RestartInstanceRequest { instance_id }.encode_to_vec(),
                };
                (action.verb(), body)
            }
            Self::Attach(r) => ("attach", r.encode_to_vec()),
            Self::Detach(r) => ("detach", r.encode_to_vec()),
            Self::UpdateNic(r) => ("update_nic", r.encode_to_vec()),
            Self::AddNat(r) => ("add_nat", r.encode_to_vec()),
            Self::RemoveNat(r) => ("remove_nat", r.encode_to_vec()),
        };
        SentRequest {
            method: method.to_string(),
            body_base64: STANDARD.encode(body),
        }
    }

    /// The request a journal entry holds; `None` when it cannot be read back.
    pub fn from_sent(sent: &SentRequest) -> Option<Self> {
        let body = STANDARD.decode(&sent.body_base64).ok()?;
        let body = body.as_slice();
        let power = |action| {
            let instance_id = match action {
                PowerAction::Stop => decode::<StopInstanceRequest>(body)?.instance_id,
                PowerAction::Start => decode::<StartInstanceRequest>(body)?.instance_id,
                PowerAction::Restart => decode::<RestartInstanceRequest>(body)?.instance_id,
            };
            Some(Self::Power {
                action,
                instance_id,
            })
        };
        match sent.method.as_str() {
            "stop" => power(PowerAction::Stop),
            "start" => power(PowerAction::Start),
            "restart" => power(PowerAction::Restart),
            "attach" => decode(body).map(|r| Self::Attach(Box::new(r))),
            "detach" => decode(body).map(Self::Detach),
            "update_nic" => decode(body).map(|r| Self::UpdateNic(Box::new(r))),
            "add_nat" => decode(body).map(|r| Self::AddNat(Box::new(r))),
            "remove_nat" => decode(body).map(Self::RemoveNat),
            _ => None,
        }
    }

    /// Sends the request, and again with the same key while its outcome is unknown, for up to
    /// `RESEND_FOR`. The last answer is returned: the operation, a refusal, or an unknown outcome.
    pub async fn send(&self, cloud: &Cloud, key: &str) -> Result<Operation, ApiError> {
        let deadline = tokio::time::Instant::now() + RESEND_FOR;
        let mut pause = RESEND_FIRST;
        loop {
            match self.send_once(cloud, key).await {
                Err(e)
                    if crate::api::mutation_outcome_unknown(&e)
                        && tokio::time::Instant::now() + pause < deadline =>
                {
                    tracing::debug!(code = e.code_name(), request_id = %e.request_id, "outcome unknown, sending again with the same key");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(RESEND_MAX);
                }
                answer => return answer,
            }
        }
    }
}

/// A protobuf message read from a journal body; `None` when it does not parse.
fn decode<M: Message + Default>(body: &[u8]) -> Option<M> {
    M::decode(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{
        AddInstanceOneToOneNatRequest, AttachInstanceNetworkInterfaceRequest,
        DetachInstanceNetworkInterfaceRequest, RemoveInstanceOneToOneNatRequest,
        UpdateInstanceNetworkInterfaceRequest,
    };

    #[test]
    fn every_request_reads_back_from_the_journal() {
        let requests = [
            Mutation::Power {
                action: PowerAction::Restart,
                instance_id: "i1".into(),
            },
            Mutation::Attach(Box::new(AttachInstanceNetworkInterfaceRequest {
                instance_id: "i2".into(),
                network_interface_index: "1".into(),
                subnet_id: "s1".into(),
                ..Default::default()
            })),
            Mutation::Detach(DetachInstanceNetworkInterfaceRequest {
                instance_id: "i3".into(),
                network_interface_index: "2".into(),
            }),
            Mutation::UpdateNic(Box::new(UpdateInstanceNetworkInterfaceRequest {
                instance_id: "i6".into(),
                network_interface_index: "0".into(),
                update_mask: Some(prost_types::FieldMask {
                    paths: vec!["security_group_ids".into()],
                }),
                security_group_ids: vec!["sg1".into()],
                ..Default::default()
            })),
            Mutation::AddNat(Box::new(AddInstanceOneToOneNatRequest {
                instance_id: "i4".into(),
                network_interface_index: "0".into(),
                internal_address: String::new(),
                one_to_one_nat_spec: Some(Default::default()),
            })),
            Mutation::RemoveNat(RemoveInstanceOneToOneNatRequest {
                instance_id: "i5".into(),
                network_interface_index: "1".into(),
                internal_address: String::new(),
            }),
        ];
        for request in requests {
            assert_eq!(Mutation::from_sent(&request.to_sent()), Some(request));
        }
        let garbled = SentRequest {
            method: "stop".into(),
            body_base64: "%%%".into(),
        };
        assert_eq!(Mutation::from_sent(&garbled), None);
        let unknown = SentRequest {
            method: "delete".into(),
            body_base64: String::new(),
        };
        assert_eq!(Mutation::from_sent(&unknown), None);
    }
}
