//! The embedded emulator: configuration, shared state, and the gRPC server that serves it all.
//!
//! Status codes where the rules leave a choice:
//! - `idempotency-key` reused with another method or request: INVALID_ARGUMENT.
//! - Attach: index already used, internal address in use, static NAT address in use: ALREADY_EXISTS;
//!   more than 8 NICs: RESOURCE_EXHAUSTED; subnet in another zone: INVALID_ARGUMENT;
//!   unknown static NAT address: NOT_FOUND; empty `security_group_ids`: the network's default group.
//! - Cancel of an attach or detach (not cancellable): FAILED_PRECONDITION.
//! - Detach of the last NIC: FAILED_PRECONDITION. Unknown folder/cloud in a list: NOT_FOUND.
//! - UpdateNetworkInterface (`nic_update.rs`): empty or unknown `update_mask` path:
//!   INVALID_ARGUMENT; subnet or address change on a non-STOPPED instance, or any update on an
//!   instance neither RUNNING nor STOPPED: FAILED_PRECONDITION; the attach codes otherwise.
//! - Add/RemoveOneToOneNat (`nat.rs`): interface already with / without a public address:
//!   FAILED_PRECONDITION; a missing `one_to_one_nat_spec` means an ephemeral IPv4 address.
//! - GetSerialPortOutput (`serial.rs`): port outside 0-4: INVALID_ARGUMENT (0 means 1); ports 2-4
//!   read empty; the console keeps at most 1 MiB per instance.
//! - Get with the BASIC view and every List omit the instance `metadata` map (FULL includes it).
//! - DNS record specs: fqdn > 253 characters, a label > 63, more than 32 per address:
//!   INVALID_ARGUMENT. Memory and load bounds: `retention` and the constants below (README).
//! - `require_auth`: every service but IAM, endpoint discovery and server reflection answers
//!   UNAUTHENTICATED without a valid, unexpired token its IAM issued (`auth.rs`).

mod auth;
pub mod clock;
mod compute;
mod endpoint;
mod faults;
mod filter;
mod iam;
mod ids;
mod instance_index;
mod mutations;
mod nat;
mod nic_rules;
mod nic_update;
mod operations;
mod paging;
mod reads;
mod resource_services;
mod retention;
pub mod sa_keys;
pub mod seed;
mod seed_network;
mod seed_scale;
mod seed_transitions;
mod serial;
mod serial_boot;
mod store;
mod tls;
mod validate;
mod vpc;

use crate::api::proto::DESCRIPTOR_SET;
use crate::api::proto::yandex::cloud::{
    compute::v1::instance_service_server::InstanceServiceServer,
    dns::v1::dns_zone_service_server::DnsZoneServiceServer,
    endpoint::api_endpoint_service_server::ApiEndpointServiceServer,
    iam::v1::iam_token_service_server::IamTokenServiceServer,
    operation::operation_service_server::OperationServiceServer,
    resourcemanager::v1::{
        cloud_service_server::CloudServiceServer, folder_service_server::FolderServiceServer,
    },
    vpc::v1::{
        address_service_server::AddressServiceServer, network_service_server::NetworkServiceServer,
        security_group_service_server::SecurityGroupServiceServer,
        subnet_service_server::SubnetServiceServer,
    },
};
use crate::auth::Secret;
pub use nic_rules::MAX_DNS_RECORDS_PER_ADDRESS;
pub use retention::{FINISHED_OPERATIONS_KEPT, OPERATION_RETENTION_SECONDS};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use store::Store;
pub use tls::TlsIdentity;
use tonic::service::interceptor::InterceptedService;

/// The largest request a service decodes (an attach with every DNS record fits many times over).
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// The largest response a service encodes (the client accepts as much).
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// Requests served at once on one connection; more wait their turn.
pub const CONCURRENT_REQUESTS_PER_CONNECTION: usize = 64;
/// HTTP/2 streams one connection may open at once.
pub const CONCURRENT_STREAMS_PER_CONNECTION: u32 = 128;
/// How long a request may take, on top of the injected latency, before DEADLINE_EXCEEDED.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How the emulator behaves.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Generated instances added to the seed (`--instances N`).
    pub extra_instances: usize,
    /// How long each operation runs; zero in tests.
    pub op_duration: Duration,
    /// Delay injected before every response.
    pub latency: Duration,
    /// Share (0.0..=1.0) of calls answered UNAVAILABLE.
    pub fail_rate: f64,
    /// Share (0.0..=1.0) of responses delayed by `latency`; 1.0 delays every one.
    pub latency_rate: f64,
    /// Share (0.0..=1.0) of operations that fail midway and roll back.
    pub op_fail_rate: f64,
    /// Lifetime of the IAM tokens `IamTokenService.Create` issues.
    pub token_ttl: Duration,
    /// Seeded instances in a transitional status complete it through an operation each, started
    /// when the server starts (`seed_transitions`). Off by default, so that tests see the seed
    /// as it is at t=0; `ycdash emulator` and the demo turn it on.
    pub seeded_transitions: bool,
    /// Every call except IAM and endpoint discovery needs a valid token this emulator issued.
    pub require_auth: bool,
    /// Serve TLS with this identity instead of plaintext.
    pub tls: Option<TlsIdentity>,
    /// OAuth tokens IAM accepts. Empty: any non-empty token without `require_auth` (the demo);
    /// with it, none unless `accept_any_oauth`.
    pub oauth_tokens: Vec<Secret>,
    /// With `require_auth` and no `oauth_tokens`: accept any non-empty OAuth token.
    pub accept_any_oauth: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            extra_instances: 0,
            op_duration: Duration::from_secs(3),
            latency: Duration::ZERO,
            fail_rate: 0.0,
            latency_rate: 1.0,
            op_fail_rate: 0.0,
            seeded_transitions: false,
            token_ttl: Duration::from_secs(12 * 3600),
            require_auth: false,
            tls: None,
            oauth_tokens: Vec::new(),
            accept_any_oauth: false,
        }
    }
}

/// Configuration plus the model, shared by every service and operation task.
pub(crate) struct State {
    config: EmulatorConfig,
    store: Mutex<Store>,
    tokens: auth::Tokens,
}

impl State {
    /// Locks the model (a poisoned lock is still usable: the model stays consistent per call).
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The value every service trait is implemented on.
#[derive(Clone)]
pub(crate) struct Api {
    state: Arc<State>,
}

/// An in-memory Yandex Cloud API.
pub struct Emulator {
    state: Arc<State>,
}

impl Emulator {
    /// Builds the seed model.
    pub fn new(config: EmulatorConfig) -> Self {
        let store = seed::build(config.extra_instances);
        Self {
            state: Arc::new(State {
                config,
                store: Mutex::new(store),
                tokens: auth::Tokens::default(),
            }),
        }
    }

    /// Serves every service (plus reflection) on the listener until the future is dropped.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
    ) -> Result<(), tonic::transport::Error> {
        if let Ok(addr) = listener.local_addr() {
            self.state.store().endpoint_address = addr.to_string();
        }
        let guard = auth::RequireAuth(self.state.clone());
        let mut builder = tonic::transport::Server::builder();
        if let Some(tls) = &self.state.config.tls {
            let identity = tonic::transport::Identity::from_pem(&tls.cert_pem, &tls.key_pem);
            builder =
                builder.tls_config(tonic::transport::ServerTlsConfig::new().identity(identity))?;
        }
        if self.state.config.seeded_transitions {
            let started = seed_transitions::begin(&mut self.state.store());
            for op_id in started {
                operations::schedule(self.state.clone(), op_id);
            }
        }
        let self_latency = self.state.config.latency;
        let api = Api { state: self.state };
        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(DESCRIPTOR_SET)
            .build_v1()
            .ok();
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(DESCRIPTOR_SET)
            .build_v1alpha()
            .ok();
        // Every service (but IAM and endpoint discovery) behind the token guard, with the
        // emulator's message size bounds.
        macro_rules! bounded {
            ($server:ident) => {
                $server::new(api.clone())
                    .max_decoding_message_size(MAX_REQUEST_BYTES)
                    .max_encoding_message_size(MAX_RESPONSE_BYTES)
            };
        }
        macro_rules! guarded {
            ($server:ident) => {
                InterceptedService::new(bounded!($server), guard.clone())
            };
        }
        builder
            .concurrency_limit_per_connection(CONCURRENT_REQUESTS_PER_CONNECTION)
            .max_concurrent_streams(Some(CONCURRENT_STREAMS_PER_CONNECTION))
            .timeout(REQUEST_TIMEOUT + self_latency)
            .add_service(guarded!(InstanceServiceServer))
            .add_service(guarded!(OperationServiceServer))
            .add_service(guarded!(SubnetServiceServer))
            .add_service(guarded!(NetworkServiceServer))
            .add_service(guarded!(SecurityGroupServiceServer))
            .add_service(guarded!(AddressServiceServer))
            .add_service(guarded!(CloudServiceServer))
            .add_service(guarded!(FolderServiceServer))
            .add_service(guarded!(DnsZoneServiceServer))
            .add_service(bounded!(IamTokenServiceServer))
            .add_service(bounded!(ApiEndpointServiceServer))
            .add_optional_service(reflection_v1)
            .add_optional_service(reflection_v1alpha)
            .serve_with_incoming(incoming(listener))
            .await
    }

    /// Binds 127.0.0.1:0, spawns `serve` on the current runtime, returns once accepting.
    pub async fn spawn(config: EmulatorConfig) -> std::io::Result<RunningEmulator> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let emulator = Self::new(config);
        let state = emulator.state.clone();
        let task = tokio::spawn(async move {
            if let Err(e) = emulator.serve(listener).await {
                tracing::error!("emulator stopped: {e}");
            }
        });
        Ok(RunningEmulator { addr, state, task })
    }
}

/// The accepted connections, each with TCP_NODELAY: without it Nagle's algorithm holds a
/// response's last frame until the client's delayed ACK, about 40 ms per call.
fn incoming(listener: tokio::net::TcpListener) -> tonic::transport::server::TcpIncoming {
    tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true))
}

/// A served emulator; dropping it stops the server.
pub struct RunningEmulator {
    /// The bound address.
    pub addr: std::net::SocketAddr,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:PORT`, or `https://` when serving TLS, for tonic clients.
    pub fn endpoint(&self) -> String {
        let scheme = if self.state.config.tls.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    /// The CA certificate (PEM) clients must trust, when serving TLS.
    pub fn ca_pem(&self) -> Option<String> {
        self.state.config.tls.as_ref().map(|t| t.ca_pem.clone())
    }

    /// Invalidates every IAM token issued so far.
    pub fn revoke_tokens(&self) {
        self.state.tokens.revoke_all();
    }

    /// What the emulator remembers of past mutations: (operations, idempotency keys).
    pub fn retained_operations(&self) -> (usize, usize) {
        let store = self.state.store();
        (store.operations.len(), store.idempotency.len())
    }

    /// How many IAM tokens were issued (and not revoked).
    pub fn issued_tokens(&self) -> usize {
        self.state.tokens.count()
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use tokio_stream::StreamExt;

    #[tokio::test]
    async fn accepted_connections_have_nodelay() {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let mut incoming = super::incoming(listener);
        let _client = tokio::net::TcpStream::connect(addr).await.unwrap();
        let accepted = incoming.next().await.unwrap().unwrap();
        assert!(
            accepted.nodelay().unwrap(),
            "Nagle would stall every response"
        );
    }
}
