//! Typed API errors: gRPC code, message, request id and details, readable in one line.

use std::error::Error as _;

use prost::Message;

use super::proto::google::rpc;

/// A failed call or a failed operation, as the user should see it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ApiError {
    pub code: tonic::Code,
    pub message: String,
    /// The id support asks for: `google.rpc.RequestInfo.request_id` from the details when the
    /// service sent one, else the server's `x-request-id`, else ours. Empty for a failed
    /// operation without a `RequestInfo`: an operation id is never shown as a request id.
    pub request_id: String,
    pub details: Vec<prost_types::Any>,
}

impl ApiError {
    /// Builds an error from a gRPC status; `request_id` is the id the client sent.
    pub fn from_status(status: &tonic::Status, request_id: &str) -> Self {
        let server_id = status
            .metadata()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok());
        let details = rpc::Status::decode(status.details())
            .map(|s| s.details)
            .unwrap_or_default();
        let request_id = request_info_id(&details)
            .or(server_id.map(str::to_string))
            .unwrap_or_else(|| request_id.to_string());
        Self {
            code: status.code(),
            message: readable_message(status),
            request_id,
            details,
        }
    }

    /// The error carried by a failed operation (`Operation.error`); its request id comes only
    /// from a `RequestInfo` detail (the operation's own id is the caller's to show).
    pub fn from_operation(status: &rpc::Status) -> Self {
        Self {
            code: tonic::Code::from_i32(status.code),
            message: status.message.clone(),
            request_id: request_info_id(&status.details).unwrap_or_default(),
            details: status.details.clone(),
        }
    }

    /// The code's name as the API documents it, e.g. `FAILED_PRECONDITION`.
    pub fn code_name(&self) -> &'static str {
        code_name(self.code)
    }

    /// One line: code, message and request id.
    pub fn summary(&self) -> String {
        if self.request_id.is_empty() {
            format!("{}: {}", self.code_name(), self.message)
        } else {
            format!(
                "{}: {} (request id {})",
                self.code_name(),
                self.message,
                self.request_id
            )
        }
    }

    /// Whether a read may be retried after this error.
    pub fn is_transient(&self) -> bool {
        self.code == tonic::Code::Unavailable
    }
}

/// The `request_id` of the first `google.rpc.RequestInfo` among `details` that has one.
pub fn request_info_id(details: &[prost_types::Any]) -> Option<String> {
    details
        .iter()
        .filter_map(|any| any.to_msg::<rpc::RequestInfo>().ok())
        .map(|info| info.request_id)
        .find(|id| !id.is_empty())
}

/// A status message with the transport's cause appended, so "transport error" says what failed.
fn readable_message(status: &tonic::Status) -> String {
    let mut message = status.message().to_string();
    let mut source = status.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// Why a client could not be set up or connected.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ConnectError {
    /// A bad endpoint, a refused plaintext address, a missing service in discovery.
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Api(#[from] ApiError),
}

/// The canonical upper-case name of a gRPC code.
pub fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_code_message_and_request_id() {
        let status = tonic::Status::failed_precondition("instance must be STOPPED");
        let err = ApiError::from_status(&status, "req-1");
        assert_eq!(
            err.summary(),
            "FAILED_PRECONDITION: instance must be STOPPED (request id req-1)"
        );
    }

    #[test]
    fn server_request_id_wins() {
        let mut status = tonic::Status::not_found("no such instance");
        status
            .metadata_mut()
            .insert("x-request-id", "server-7".parse().unwrap());
        assert_eq!(
            ApiError::from_status(&status, "ours").request_id,
            "server-7"
        );
    }

    #[test]
    fn operation_error_keeps_code() {
        let status = rpc::Status {
            code: 9,
            message: "rolled back".into(),
            details: vec![],
        };
        let err = ApiError::from_operation(&status);
        assert_eq!(err.code, tonic::Code::FailedPrecondition);
        assert_eq!(err.summary(), "FAILED_PRECONDITION: rolled back");
    }

    fn request_info(id: &str) -> prost_types::Any {
        prost_types::Any::from_msg(&rpc::RequestInfo {
            request_id: id.into(),
            serving_data: String::new(),
        })
        .unwrap()
    }

    #[test]
    fn request_info_in_the_details_names_the_request() {
        let other = prost_types::Any {
            type_url: "type.googleapis.com/google.rpc.DebugInfo".into(),
            value: vec![1, 2, 3],
        };
        let details = vec![other.clone(), request_info(""), request_info("svc-42")];
        assert_eq!(request_info_id(&details).as_deref(), Some("svc-42"));
        assert_eq!(request_info_id(&[other]), None);
        let status = rpc::Status {
            code: 13,
            message: "boom".into(),
            details,
        };
        let err = ApiError::from_operation(&status);
        assert_eq!(err.summary(), "INTERNAL: boom (request id svc-42)");

        let wire = rpc::Status {
            code: 5,
            message: "gone".into(),
            details: vec![request_info("svc-7")],
        };
        let mut status =
            tonic::Status::with_details(tonic::Code::NotFound, "gone", wire.encode_to_vec().into());
        status
            .metadata_mut()
            .insert("x-request-id", "header-1".parse().unwrap());
        assert_eq!(ApiError::from_status(&status, "ours").request_id, "svc-7");
    }
}
