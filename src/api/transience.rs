//! Whether a failed call is worth trying again (transient) or says something final (permanent),
//! and whether a mutation that failed may still have been applied. Shared by the headless
//! waiter and the dashboard's poller.

use super::ApiError;

/// What a failed read, such as an operation poll, means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transience {
    /// Try again with backoff: the service may answer next time.
    Transient,
    /// Stop and say why: trying again gets the same answer.
    Permanent,
}

/// Classifies a failed poll as the official SDK's waiter does: UNAVAILABLE, RESOURCE_EXHAUSTED,
/// INTERNAL and DEADLINE_EXCEEDED (our own deadline included) are transient, and so is CANCELLED
/// (a call cut off on our side says nothing about the operation, and a read is safe to repeat);
/// anything else
/// (PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND, UNAUTHENTICATED after the client's one
/// token refresh, ...) is permanent.
pub fn classify(error: &ApiError) -> Transience {
    use tonic::Code::*;
    match error.code {
        Unavailable | ResourceExhausted | Internal | DeadlineExceeded | Cancelled => {
            Transience::Transient
        }
        _ => Transience::Permanent,
    }
}

/// Whether a mutation that failed with this error may have been applied: the request may have
/// reached the service (a timeout, a lost connection, UNAVAILABLE after retries, an internal
/// failure) rather than being refused by it.
pub fn mutation_outcome_unknown(error: &ApiError) -> bool {
    use tonic::Code::*;
    matches!(
        error.code,
        Unavailable | DeadlineExceeded | Cancelled | Unknown | Internal
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: tonic::Code) -> ApiError {
        ApiError {
            code,
            message: String::new(),
            request_id: String::new(),
            details: vec![],
        }
    }

    #[test]
    fn polls_retry_what_the_sdk_retries() {
        use tonic::Code::*;
        for code in [
            Unavailable,
            ResourceExhausted,
            Internal,
            DeadlineExceeded,
            Cancelled,
        ] {
            assert_eq!(classify(&error(code)), Transience::Transient, "{code:?}");
        }
        for code in [
            PermissionDenied,
            InvalidArgument,
            NotFound,
            Unauthenticated,
            FailedPrecondition,
        ] {
            assert_eq!(classify(&error(code)), Transience::Permanent, "{code:?}");
        }
    }

    #[test]
    fn only_unanswered_mutations_are_unknown() {
        use tonic::Code::*;
        for code in [Unavailable, DeadlineExceeded, Cancelled, Unknown, Internal] {
            assert!(mutation_outcome_unknown(&error(code)), "{code:?}");
        }
        for code in [
            InvalidArgument,
            FailedPrecondition,
            AlreadyExists,
            ResourceExhausted,
            PermissionDenied,
            NotFound,
        ] {
            assert!(!mutation_outcome_unknown(&error(code)), "{code:?}");
        }
    }
}
