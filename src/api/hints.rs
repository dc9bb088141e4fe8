//! Readable failures: what went wrong on the way to the service, and what to check.

use std::error::Error as _;

use super::ApiError;

/// What a call carried for authentication.
#[derive(Clone, Copy, Debug)]
pub enum Bearer<'a> {
    /// IAM and discovery calls, whose callers explain credential failures.
    NotNeeded,
    Sent,
    /// No token went out; the text says how to send one deliberately.
    Missing(&'a str),
}

/// Says how to send a credential when none was sent (and none was withheld).
pub const NO_CREDENTIALS_HINT: &str = "pass --iam-token or --sa-key, or set YC_TOKEN, YC_IAM_TOKEN or YC_SERVICE_ACCOUNT_KEY_FILE for an https:// endpoint (`ycdash auth status` shows what is used)";

/// Rewrites a final error's message so it names the cause (DNS, refused, TLS, rejected token,
/// missing permission) and what to check. `target` is where the client was talking to.
pub fn explain(error: &mut ApiError, target: &str, status: &tonic::Status, bearer: Bearer<'_>) {
    if let (tonic::Code::Unauthenticated, Bearer::Missing(how)) = (error.code, bearer) {
        error.message = format!("{}: no credentials were sent: {how}", error.message);
        return;
    }
    let with_token = !matches!(bearer, Bearer::NotNeeded);
    let hint = match error.code {
        tonic::Code::Unauthenticated if with_token => Some(
            "the token was rejected: check the credentials (`ycdash auth status` shows which are used); it may have expired",
        ),
        tonic::Code::PermissionDenied if with_token => Some(
            "check that the account has a role on this folder or cloud (e.g. compute.viewer, vpc.user) and that the folder id is right",
        ),
        _ => None,
    };
    if let Some(hint) = hint {
        error.message = format!("{}: {hint}", error.message);
        return;
    }
    if status.source().is_some() {
        // The transport failed before the service answered: say where we tried and why.
        let cause = transport_cause(&error.message);
        error.message = match cause {
            Some(cause) => format!("cannot reach {target}: {cause} ({})", error.message),
            None => format!("cannot reach {target}: {}", error.message),
        };
    }
}

/// A plain statement of a transport failure, judged from its text (hyper, rustls and std::io
/// only expose these as messages).
fn transport_cause(message: &str) -> Option<&'static str> {
    let m = message.to_ascii_lowercase();
    if m.contains("dns error")
        || m.contains("failed to lookup")
        || m.contains("name or service not known")
    {
        Some(
            "the host name does not resolve: check the endpoint's spelling and your DNS or network",
        )
    } else if m.contains("connection refused") {
        Some(
            "connection refused: check the endpoint's host and port, and that the service is running",
        )
    } else if m.contains("certificate")
        || m.contains("tls")
        || m.contains("handshake")
        || m.contains("corrupt message")
    {
        Some(
            "the TLS handshake failed: check that the endpoint speaks TLS and that its certificate is trusted (--ca-file for a private CA)",
        )
    } else if m.contains("timed out") || m.contains("deadline") {
        Some("no answer in time: check the network, a proxy or a firewall")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: tonic::Code, message: &str) -> ApiError {
        ApiError {
            code,
            message: message.into(),
            request_id: "r".into(),
            details: vec![],
        }
    }

    /// The message `explain` makes of a `code` failure saying `message`, sent with `bearer`.
    fn explained(code: tonic::Code, message: &str, bearer: Bearer<'_>) -> String {
        let mut e = error(code, message);
        explain(&mut e, "x", &tonic::Status::new(code, message), bearer);
        e.message
    }

    #[test]
    fn auth_failures_say_what_to_check() {
        use tonic::Code::{PermissionDenied, Unauthenticated};
        let m = explained(Unauthenticated, "bad token", Bearer::Sent);
        assert!(m.contains("may have expired"), "{m}");
        let m = explained(PermissionDenied, "denied", Bearer::Sent);
        assert!(m.contains("role"), "{m}");
        let m = explained(Unauthenticated, "bad oauth", Bearer::NotNeeded);
        assert_eq!(m, "bad oauth");
        let m = explained(
            Unauthenticated,
            "missing header",
            Bearer::Missing("pass --iam-token"),
        );
        assert_eq!(
            m,
            "missing header: no credentials were sent: pass --iam-token"
        );
    }

    #[test]
    fn transport_causes() {
        assert!(
            transport_cause("dns error: failed to lookup address")
                .unwrap()
                .contains("resolve")
        );
        assert!(
            transport_cause("tcp connect error: Connection refused (os error 111)")
                .unwrap()
                .contains("refused")
        );
        assert!(
            transport_cause("invalid peer certificate: UnknownIssuer")
                .unwrap()
                .contains("TLS")
        );
        assert_eq!(transport_cause("something else"), None);
    }
}
