//! Where each service lives: one plaintext address (the emulator) or per-service TLS endpoints.

use std::{collections::HashMap, time::Duration};

use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint};

use super::ConnectError;

/// The public discovery endpoint of Yandex Cloud.
pub const PUBLIC_API_ENDPOINT: &str = "api.cloud.yandex.net:443";

/// How to reach endpoints beyond their URL.
#[derive(Clone, Debug, Default)]
pub struct Transport {
    /// Allow plaintext to non-loopback hosts.
    pub insecure: bool,
    /// An extra trusted CA (PEM), on top of the system's roots.
    pub ca_pem: Option<String>,
    /// Per-service `host:port` (by discovery id) that replace what discovery lists.
    pub service_endpoints: HashMap<String, String>,
}

/// The discovery ids ycdash connects to.
pub const SERVICE_IDS: [&str; 6] = [
    "compute",
    "operation",
    "vpc",
    "resource-manager",
    "dns",
    "iam",
];

impl Transport {
    /// Reads `--ca-file`.
    pub fn with_ca_file(
        insecure: bool,
        ca_file: Option<&std::path::Path>,
    ) -> Result<Self, ConnectError> {
        let ca_pem = ca_file
            .map(|path| {
                std::fs::read_to_string(path).map_err(|e| {
                    config_error(format!("cannot read the CA file {}: {e}", path.display()))
                })
            })
            .transpose()?;
        if let Some(pem) = &ca_pem
            && !pem.contains("-----BEGIN CERTIFICATE-----")
        {
            return Err(config_error("the CA file holds no PEM certificate".into()));
        }
        Ok(Self {
            insecure,
            ca_pem,
            service_endpoints: HashMap::new(),
        })
    }
}

/// One channel per service; cloning is cheap and shares the connections.
#[derive(Clone, Debug)]
pub struct Channels {
    pub compute: Channel,
    pub operation: Channel,
    pub vpc: Channel,
    pub resource_manager: Channel,
    pub dns: Channel,
    pub iam: Channel,
    pub endpoint: Channel,
}

impl Channels {
    /// Every service on one address, e.g. `http://127.0.0.1:50051` or `https://host:443`.
    pub fn single(url: &str, transport: &Transport) -> Result<Self, ConnectError> {
        let channel = lazy_channel(url, transport)?;
        Ok(Self::all(channel))
    }

    /// Per-service addresses (`host:port`, TLS) as discovery returned them.
    pub fn discovered(
        addresses: &HashMap<String, String>,
        discovery: &str,
        transport: &Transport,
    ) -> Result<Self, ConnectError> {
        let pick = |id: &str| -> Result<Channel, ConnectError> {
            let listed = addresses.get(id);
            let address = transport
                .service_endpoints
                .get(id)
                .or(listed)
                .ok_or_else(|| {
                    config_error(format!(
                        "endpoint discovery at {discovery} lists no '{id}' service"
                    ))
                })?;
            lazy_channel(&format!("https://{address}"), transport)
        };
        Ok(Self {
            compute: pick("compute")?,
            operation: pick("operation")?,
            vpc: pick("vpc")?,
            resource_manager: pick("resource-manager")?,
            dns: pick("dns")?,
            iam: pick("iam")?,
            endpoint: lazy_channel(&format!("https://{discovery}"), transport)?,
        })
    }

    fn all(channel: Channel) -> Self {
        Self {
            compute: channel.clone(),
            operation: channel.clone(),
            vpc: channel.clone(),
            resource_manager: channel.clone(),
            dns: channel.clone(),
            iam: channel.clone(),
            endpoint: channel,
        }
    }
}

/// A channel that connects on first use, so nothing waits on the network at construction.
pub fn lazy_channel(url: &str, transport: &Transport) -> Result<Channel, ConnectError> {
    Ok(endpoint(url, transport)?.connect_lazy())
}

/// The endpoint settings: timeouts, keep-alive, TLS, and TCP_NODELAY (small requests are sent at
/// once instead of waiting for the previous segment's ACK).
fn endpoint(url: &str, transport: &Transport) -> Result<Endpoint, ConnectError> {
    let uri: tonic::codegen::http::Uri = url
        .parse()
        .map_err(|e| config_error(format!("endpoint '{url}' is not a valid URL: {e}")))?;
    let host = uri.host().unwrap_or_default().to_string();
    let endpoint = Endpoint::from_shared(url.to_string())
        .map_err(|e| config_error(format!("endpoint '{url}': {e}")))?
        .connect_timeout(Duration::from_secs(10))
        .http2_keep_alive_interval(Duration::from_secs(30))
        .keep_alive_while_idle(true)
        .tcp_nodelay(true);
    match uri.scheme_str() {
        Some("https") => {
            let mut tls = ClientTlsConfig::new().with_native_roots().domain_name(host);
            if let Some(pem) = &transport.ca_pem {
                tls = tls.ca_certificate(Certificate::from_pem(pem));
            }
            endpoint
                .tls_config(tls)
                .map_err(|e| config_error(format!("TLS setup for '{url}': {e}")))
        }
        Some("http") if transport.insecure || is_loopback(&host) => Ok(endpoint),
        Some("http") => Err(config_error(format!(
            "refusing plaintext to non-loopback '{url}': use https:// or pass --insecure"
        ))),
        _ => Err(config_error(format!(
            "endpoint '{url}' must start with http:// or https://"
        ))),
    }
}

/// `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn config_error(message: String) -> ConnectError {
    ConnectError::Config(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in ["localhost", "127.0.0.1", "127.8.9.1", "[::1]", "::1"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["10.0.0.1", "example.com", "", "0.0.0.0"] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[tokio::test]
    async fn plaintext_to_remote_needs_insecure() {
        let secure = Transport::default();
        let insecure = Transport {
            insecure: true,
            ..Transport::default()
        };
        let err = lazy_channel("http://10.1.2.3:50051", &secure).unwrap_err();
        assert!(err.to_string().contains("--insecure"), "{err}");
        assert!(lazy_channel("http://10.1.2.3:50051", &insecure).is_ok());
        assert!(lazy_channel("http://127.0.0.1:50051", &secure).is_ok());
    }

    #[tokio::test]
    async fn every_endpoint_sets_nodelay() {
        let t = Transport::default();
        for url in ["http://127.0.0.1:50051", "https://api.cloud.yandex.net:443"] {
            assert!(endpoint(url, &t).unwrap().get_tcp_nodelay(), "{url}");
        }
    }

    #[tokio::test]
    async fn bad_urls_are_named() {
        let t = Transport::default();
        let err = lazy_channel("ftp://x", &t).unwrap_err();
        assert!(err.to_string().contains("ftp://x"));
        assert!(lazy_channel("not a url", &t).is_err());
    }
}
