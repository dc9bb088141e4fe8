//! The VM metadata service: a minimal HTTP/1.1 GET for the instance service account's token.

use std::time::{Duration, SystemTime};

use serde::Deserialize;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    time::timeout,
};

use super::{AuthError, IssuedToken, Secret};

/// Where the metadata service answers on a Yandex Cloud VM.
pub const DEFAULT_METADATA_ADDR: &str = "169.254.169.254:80";
const TOKEN_PATH: &str = "/computeMetadata/v1/instance/service-accounts/default/token";
/// How long to wait for a connection before deciding this is not a VM.
pub const PROBE_TIMEOUT: Duration = Duration::from_millis(300);
const PROBE_ANSWER_TIMEOUT: Duration = Duration::from_secs(1);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_RESPONSE_BYTES: u64 = 64 * 1024;

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Secret,
    expires_in: u64,
}

/// Whether a metadata service at `addr` hands out a token, answering within the probe timeout
/// for the connection and a second for the answer (anything else there does not count).
pub async fn available(addr: &str) -> bool {
    match timeout(PROBE_ANSWER_TIMEOUT, fetch_token(addr)).await {
        Ok(Ok(_)) => true,
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "no usable VM metadata service");
            false
        }
        Err(_) => false,
    }
}

/// Asks the metadata service at `addr` for a token.
pub async fn fetch_token(addr: &str) -> Result<IssuedToken, AuthError> {
    let failed = |what: String| AuthError::Unavailable {
        source_name: format!("the VM metadata service at {addr}"),
        message: what,
    };
    let response = timeout(REQUEST_TIMEOUT, get(addr))
        .await
        .map_err(|_| failed("no answer within 5 s".into()))?
        .map_err(|e| failed(e.to_string()))?;
    let (status, body) = parse_response(&response).map_err(failed)?;
    if status != 200 {
        return Err(failed(format!(
            "HTTP {status}: check that the VM has a service account attached"
        )));
    }
    let answer: TokenAnswer = serde_json::from_slice(&body).map_err(|e| {
        failed(format!(
            "the answer is not a token JSON: {}",
            crate::parse_error::json(&e)
        ))
    })?;
    Ok(IssuedToken {
        token: answer.access_token,
        expires_at: SystemTime::now().checked_add(Duration::from_secs(answer.expires_in)),
    })
}

async fn get(addr: &str) -> std::io::Result<Vec<u8>> {
    let mut stream = timeout(PROBE_TIMEOUT, TcpStream::connect(addr))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out"))??;
    let request = format!(
        "GET {TOKEN_PATH} HTTP/1.1\r\nHost: {addr}\r\nMetadata-Flavor: Google\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream
        .take(MAX_RESPONSE_BYTES)
        .read_to_end(&mut response)
        .await?;
    Ok(response)
}

/// The status code and body (de-chunked when needed) of an HTTP/1.1 response.
fn parse_response(raw: &[u8]) -> Result<(u16, Vec<u8>), String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("the answer is not HTTP")?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let body = &raw[split + 4..];
    let status = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or("the answer has no HTTP status line")?;
    let chunked = head.lines().any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    Ok((
        status,
        if chunked {
            dechunk(body)?
        } else {
            body.to_vec()
        },
    ))
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("truncated chunked body")?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| "bad chunk size")?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = body.get(..size).ok_or("truncated chunk")?;
        out.extend_from_slice(chunk);
        body = body.get(size + 2..).ok_or("truncated chunk")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_chunked_bodies() {
        let plain = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(parse_response(plain).unwrap(), (200, b"{}".to_vec()));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap(), (200, b"abcde".to_vec()));
        assert!(parse_response(b"garbage").is_err());
        assert!(
            parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").is_err()
        );
    }

    #[tokio::test]
    async fn nothing_listening_is_unavailable() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        drop(listener);
        assert!(!available(&addr).await);
    }
}
