//! A typed view of `Operation`: metadata and response unpacked from `Any` by type URL, and a
//! poller that waits with backoff, rides out transient poll failures like the official SDK's
//! waiter, and reports every change of state.

use std::time::Duration;

use prost_types::Any;

use super::{
    ApiError, Cloud, Transience, classify,
    proto::yandex::cloud::{compute::v1 as compute, operation::Operation},
};

const EMPTY_TYPE_URL: &str = "type.googleapis.com/google.protobuf.Empty";

/// What an operation is about, from its metadata.
#[derive(Debug, Clone, PartialEq)]
pub enum OpTarget {
    Instance {
        instance_id: String,
    },
    NetworkInterface {
        instance_id: String,
        index: String,
    },
    /// Metadata of a type ycdash does not know; its type URL.
    Other(String),
    None,
}

impl OpTarget {
    pub fn instance_id(&self) -> Option<&str> {
        match self {
            Self::Instance { instance_id } | Self::NetworkInterface { instance_id, .. } => {
                Some(instance_id)
            }
            Self::Other(_) | Self::None => None,
        }
    }
}

/// What a finished operation returned.
#[derive(Debug, Clone, PartialEq)]
pub enum OpResponse {
    Instance(Box<compute::Instance>),
    Empty,
    Other(String),
}

/// Where an operation stands.
#[derive(Debug, Clone, PartialEq)]
pub enum OpState {
    Running,
    /// `done = false` but `error` is set: the service is rolling the change back.
    RollingBack(ApiError),
    Failed(ApiError),
    Done(OpResponse),
}

impl OpState {
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Failed(_) | Self::Done(_))
    }

    /// A short word for the state: running, rolling back, failed, done.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::RollingBack(_) => "failed, rolling back",
            Self::Failed(_) => "failed",
            Self::Done(_) => "done",
        }
    }
}

/// An `Operation` with its `Any` payloads decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct OpView {
    pub id: String,
    pub description: String,
    pub created_by: String,
    pub created_at: Option<prost_types::Timestamp>,
    pub modified_at: Option<prost_types::Timestamp>,
    pub target: OpTarget,
    pub state: OpState,
}

impl From<&Operation> for OpView {
    fn from(op: &Operation) -> Self {
        use super::proto::yandex::cloud::operation::operation::Result as R;
        let state = match (&op.result, op.done) {
            (Some(R::Error(status)), true) => OpState::Failed(ApiError::from_operation(status)),
            (Some(R::Error(status)), false) => {
                OpState::RollingBack(ApiError::from_operation(status))
            }
            (Some(R::Response(any)), true) => OpState::Done(unpack_response(any)),
            (None, true) => OpState::Done(OpResponse::Empty),
            (_, false) => OpState::Running,
        };
        Self {
            id: op.id.clone(),
            description: op.description.clone(),
            created_by: op.created_by.clone(),
            created_at: op.created_at,
            modified_at: op.modified_at,
            target: op.metadata.as_ref().map_or(OpTarget::None, unpack_target),
            state,
        }
    }
}

/// Decodes the metadata types of the instance methods ycdash calls.
pub fn unpack_target(any: &Any) -> OpTarget {
    macro_rules! instance_meta {
        ($($t:ty),*) => {$(
            if let Ok(m) = any.to_msg::<$t>() {
                return OpTarget::Instance { instance_id: m.instance_id };
            }
        )*};
    }
    macro_rules! nic_meta {
        ($($t:ty),*) => {$(
            if let Ok(m) = any.to_msg::<$t>() {
                return OpTarget::NetworkInterface {
                    instance_id: m.instance_id,
                    index: m.network_interface_index,
                };
            }
        )*};
    }
    instance_meta!(
        compute::StopInstanceMetadata,
        compute::StartInstanceMetadata,
        compute::RestartInstanceMetadata,
        compute::UpdateInstanceMetadata,
        compute::DeleteInstanceMetadata,
        compute::AddInstanceOneToOneNatMetadata,
        compute::RemoveInstanceOneToOneNatMetadata
    );
    nic_meta!(
        compute::AttachInstanceNetworkInterfaceMetadata,
        compute::DetachInstanceNetworkInterfaceMetadata,
        compute::UpdateInstanceNetworkInterfaceMetadata
    );
    OpTarget::Other(any.type_url.clone())
}

/// Decodes an operation's response: an `Instance`, `Empty`, or names the unknown type.
pub fn unpack_response(any: &Any) -> OpResponse {
    if let Ok(instance) = any.to_msg::<compute::Instance>() {
        OpResponse::Instance(Box::new(instance))
    } else if any.type_url == EMPTY_TYPE_URL {
        OpResponse::Empty
    } else {
        OpResponse::Other(any.type_url.clone())
    }
}

/// How long the waiter keeps polling through transient failures, as the SDK's waiter does.
pub const POLL_PATIENCE: Duration = Duration::from_secs(180);

/// Polling cadence: the first poll soon, then backing off to a ceiling; and how long polls may
/// keep failing transiently before the waiter gives up.
#[derive(Debug, Clone, Copy)]
pub struct PollSchedule {
    pub first: Duration,
    pub max: Duration,
    /// Time since the first of a run of transient poll failures after which waiting stops.
    pub patience: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        Self {
            first: Duration::from_millis(250),
            max: Duration::from_secs(2),
            patience: POLL_PATIENCE,
        }
    }
}

impl PollSchedule {
    /// The pause before poll number `poll` (0 = first): x1.5 each time, capped.
    pub fn delay(&self, poll: u32) -> Duration {
        self.first
            .mul_f64(1.5f64.powi(poll.min(32) as i32))
            .min(self.max)
    }
}

impl Cloud {
    /// Polls an operation until it is done, calling `on_change` with the first state and each
    /// state that differs from the last one. Returns the final view.
    ///
    /// A transient poll failure (see `classify`) is retried with backoff until polls have
    /// failed for `schedule.patience`; a permanent one stops at once. Either way the error is
    /// the poll's, never the operation's: its outcome is then unknown.
    pub async fn wait_operation(
        &self,
        operation_id: &str,
        schedule: PollSchedule,
        mut on_change: impl FnMut(&OpView),
    ) -> Result<OpView, ApiError> {
        let mut last: Option<OpView> = None;
        let mut poll = 0;
        let mut failing_since: Option<tokio::time::Instant> = None;
        let mut retry = 0;
        loop {
            let view = match self.get_operation(operation_id).await {
                Ok(op) => OpView::from(&op),
                Err(error) => {
                    let since = *failing_since.get_or_insert_with(tokio::time::Instant::now);
                    if classify(&error) == Transience::Permanent
                        || since.elapsed() >= schedule.patience
                    {
                        return Err(error);
                    }
                    tracing::debug!(retry, code = error.code_name(), "poll failed, retrying");
                    tokio::time::sleep(schedule.delay(retry)).await;
                    retry += 1;
                    continue;
                }
            };
            failing_since = None;
            retry = 0;
            if last.as_ref() != Some(&view) {
                on_change(&view);
            }
            if view.state.is_final() {
                return Ok(view);
            }
            last = Some(view);
            tokio::time::sleep(schedule.delay(poll)).await;
            poll += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::google::rpc;
    use crate::api::proto::yandex::cloud::operation::operation::Result as R;

    fn op(done: bool, result: Option<R>) -> Operation {
        Operation {
            id: "op1".into(),
            done,
            metadata: Some(
                Any::from_msg(&compute::AttachInstanceNetworkInterfaceMetadata {
                    instance_id: "i1".into(),
                    network_interface_index: "1".into(),
                })
                .unwrap(),
            ),
            result,
            ..Default::default()
        }
    }

    #[test]
    fn unpacks_nic_metadata_and_instance_response() {
        let instance = compute::Instance {
            id: "i1".into(),
            ..Default::default()
        };
        let view = OpView::from(&op(
            true,
            Some(R::Response(Any::from_msg(&instance).unwrap())),
        ));
        assert_eq!(
            view.target,
            OpTarget::NetworkInterface {
                instance_id: "i1".into(),
                index: "1".into()
            }
        );
        assert_eq!(
            view.state,
            OpState::Done(OpResponse::Instance(Box::new(instance)))
        );
    }

    #[test]
    fn error_before_done_is_rolling_back() {
        let status = rpc::Status {
            code: 9,
            message: "boom".into(),
            details: vec![],
        };
        let view = OpView::from(&op(false, Some(R::Error(status.clone()))));
        assert!(matches!(view.state, OpState::RollingBack(ref e) if e.message == "boom"));
        let view = OpView::from(&op(true, Some(R::Error(status))));
        assert!(
            matches!(view.state, OpState::Failed(ref e) if e.code == tonic::Code::FailedPrecondition)
        );
    }

    #[test]
    fn empty_and_unknown_responses() {
        let empty = Any {
            type_url: EMPTY_TYPE_URL.into(),
            value: vec![],
        };
        assert_eq!(unpack_response(&empty), OpResponse::Empty);
        let other = Any {
            type_url: "type.googleapis.com/x.Y".into(),
            value: vec![],
        };
        assert_eq!(
            unpack_response(&other),
            OpResponse::Other("type.googleapis.com/x.Y".into())
        );
    }

    #[test]
    fn poll_schedule_starts_fast_and_caps() {
        let s = PollSchedule::default();
        assert_eq!(s.delay(0), Duration::from_millis(250));
        assert!(s.delay(1) > s.delay(0));
        assert_eq!(s.delay(100), Duration::from_secs(2));
    }
}
