//! `Cloud`: the one client for every service ycdash calls, with auth, request ids,
//! idempotency keys and retries.

use std::{
    collections::HashMap,
    error::Error as _,
    future::Future,
    pin::Pin,
    sync::{Arc, RwLock},
    time::Duration,
};

use tonic::metadata::MetadataValue;

use super::{
    ApiError, Channels, ConnectError, RetryPolicy, Transport,
    channels::PUBLIC_API_ENDPOINT,
    hints::Bearer,
    proto::yandex::cloud::{
        compute::v1 as compute, dns::v1 as dns, endpoint, iam::v1 as iam, operation,
        resourcemanager::v1 as rm, vpc::v1 as vpc,
    },
};
use crate::auth::Secret;

use compute::instance_service_client::InstanceServiceClient;
use dns::dns_zone_service_client::DnsZoneServiceClient;
use endpoint::api_endpoint_service_client::ApiEndpointServiceClient;
use iam::iam_token_service_client::IamTokenServiceClient;
use operation::operation_service_client::OperationServiceClient;
use rm::{cloud_service_client::CloudServiceClient, folder_service_client::FolderServiceClient};
use vpc::{
    address_service_client::AddressServiceClient, network_service_client::NetworkServiceClient,
    security_group_service_client::SecurityGroupServiceClient,
    subnet_service_client::SubnetServiceClient,
};

/// The deadline of each call unless the caller sets another (`--timeout`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Largest response accepted: a page of 1000 instances with many labels fits with room to spare.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// How a call authenticates and whether it changes anything.
#[derive(Clone, Copy)]
enum Call<'a> {
    /// IAM and endpoint discovery: no bearer token.
    Anonymous,
    Read,
    /// Carries the caller's idempotency key, so a retry never applies twice.
    Mutation(&'a str),
}

/// Gets a new token after the service rejected one; installed by the token keeper.
pub trait TokenRefresh: Send + Sync {
    /// Replaces `rejected` (the token the failed call carried) with a fresh one via
    /// `Cloud::set_token`; returns at once when another caller already replaced it.
    /// The error is a readable reason without secret material.
    fn refresh<'a>(
        &'a self,
        rejected: Option<&'a Secret>,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;
}

type RefreshSlot = Arc<RwLock<Option<Arc<dyn TokenRefresh>>>>;

/// A connected (lazily) client of every service ycdash uses.
#[derive(Clone)]
pub struct Cloud {
    channels: Channels,
    token: Arc<RwLock<Option<Secret>>>,
    refresh: RefreshSlot,
    retry: RetryPolicy,
    /// The deadline of each call (each attempt of a retried one).
    timeout: Duration,
    /// Page size of the whole-list helpers (`lists.rs`); the API's maximum by default.
    page_size: i64,
    target: String,
    /// What an UNAUTHENTICATED answer to a call sent without a token says to do.
    missing_token_hint: Arc<str>,
}

impl std::fmt::Debug for Cloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cloud")
            .field("target", &self.target)
            .finish()
    }
}

macro_rules! rpc {
    ($(#[$doc:meta])* $name:ident: $kind:ident $client:ident($channel:ident).$method:ident($req:ty) -> $resp:ty) => {
        $(#[$doc])*
        pub async fn $name(&self, request: $req) -> Result<$resp, ApiError> {
            let channel = self.channels.$channel.clone();
            self.call(Call::$kind, request, move |r| {
                let mut client = $client::new(channel.clone()).max_decoding_message_size(MAX_MESSAGE_BYTES);
                async move { client.$method(r).await }
            })
            .await
        }
    };
}

macro_rules! mutation {
    ($(#[$doc:meta])* $name:ident: $client:ident($channel:ident).$method:ident($req:ty)) => {
        $(#[$doc])*
        pub async fn $name(
            &self,
            request: $req,
            idempotency_key: &str,
        ) -> Result<operation::Operation, ApiError> {
            let channel = self.channels.$channel.clone();
            self.call(Call::Mutation(idempotency_key), request, move |r| {
                let mut client = $client::new(channel.clone());
                async move { client.$method(r).await }
            })
            .await
        }
    };
}

impl Cloud {
    /// Every service on one address (the emulator: `http://127.0.0.1:PORT`).
    /// Plaintext is refused for non-loopback hosts unless `insecure`.
    pub fn single(url: &str, insecure: bool, token: Option<Secret>) -> Result<Self, ConnectError> {
        let transport = Transport {
            insecure,
            ..Transport::default()
        };
        Self::single_with(url, &transport, token)
    }

    /// Every service on one address (`http://` or `https://`), with transport options.
    pub fn single_with(
        url: &str,
        transport: &Transport,
        token: Option<Secret>,
    ) -> Result<Self, ConnectError> {
        Ok(Self::new(
            Channels::single(url, transport)?,
            token,
            url.to_string(),
        ))
    }

    /// The real cloud: asks `ApiEndpointService.List` at `discovery` (default
    /// api.cloud.yandex.net:443) where each service lives, then connects over TLS.
    pub async fn discover(
        discovery: Option<&str>,
        token: Option<Secret>,
    ) -> Result<Self, ConnectError> {
        Self::discover_with(discovery, &Transport::default(), token).await
    }

    /// `discover` with transport options (an extra CA, e.g. the emulator's).
    pub async fn discover_with(
        discovery: Option<&str>,
        transport: &Transport,
        token: Option<Secret>,
    ) -> Result<Self, ConnectError> {
        let discovery = discovery.unwrap_or(PUBLIC_API_ENDPOINT);
        let bootstrap = Self::single_with(&format!("https://{discovery}"), transport, None)?;
        let listed = bootstrap
            .list_endpoints(endpoint::ListApiEndpointsRequest::default())
            .await?;
        let addresses: HashMap<String, String> = listed
            .endpoints
            .into_iter()
            .map(|e| (e.id, e.address))
            .collect();
        Ok(Self::new(
            Channels::discovered(&addresses, discovery, transport)?,
            token,
            discovery.to_string(),
        ))
    }

    fn new(channels: Channels, token: Option<Secret>, target: String) -> Self {
        Self {
            channels,
            token: Arc::new(RwLock::new(token)),
            refresh: Arc::default(),
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            page_size: 1000,
            target,
            missing_token_hint: Arc::from(super::hints::NO_CREDENTIALS_HINT),
        }
    }

    /// Replaces what a refusal of a call sent without a token says, e.g. that ambient
    /// credentials were withheld from a plaintext endpoint and how to send one deliberately.
    pub fn with_missing_token_hint(mut self, hint: String) -> Self {
        self.missing_token_hint = Arc::from(hint);
        self
    }

    /// Replaces the retry policy (tests use `RetryPolicy::none()` to see raw failures).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the deadline of each call; a call that misses it fails DEADLINE_EXCEEDED.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The deadline of each call.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sets the page size of the whole-list helpers (tests use tiny pages to walk paging).
    pub fn with_page_size(mut self, page_size: i64) -> Self {
        self.page_size = page_size.clamp(1, 1000);
        self
    }

    pub(super) fn page_size(&self) -> i64 {
        self.page_size
    }

    /// What this client talks to, for the header and error messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Swaps the bearer token for every clone of this client (token refresh).
    pub fn set_token(&self, token: Option<Secret>) {
        if let Ok(mut slot) = self.token.write() {
            *slot = token;
        }
    }

    /// The current bearer token (shared by every clone).
    pub fn token(&self) -> Option<Secret> {
        self.token.read().ok().and_then(|slot| slot.clone())
    }

    /// Installs (or removes) what a call runs once after UNAUTHENTICATED before its one retry.
    pub fn set_refresh_hook(&self, hook: Option<Arc<dyn TokenRefresh>>) {
        if let Ok(mut slot) = self.refresh.write() {
            *slot = hook;
        }
    }

    /// A clone sharing channels and token but with no refresh hook (for the hook's own calls).
    pub fn without_refresh_hook(&self) -> Self {
        Self {
            refresh: Arc::default(),
            ..self.clone()
        }
    }

    fn refresh_hook(&self) -> Option<Arc<dyn TokenRefresh>> {
        self.refresh.read().ok().and_then(|slot| slot.clone())
    }

    /// The request with its headers and deadline. A mutation whose idempotency key cannot be
    /// sent as is fails INVALID_ARGUMENT here: it never goes out without its key.
    fn request<T>(
        &self,
        message: T,
        call: Call<'_>,
        request_id: &str,
    ) -> Result<tonic::Request<T>, ApiError> {
        let mut request = tonic::Request::new(message);
        request.set_timeout(self.timeout);
        let metadata = request.metadata_mut();
        if let Ok(v) = MetadataValue::try_from(request_id) {
            metadata.insert("x-request-id", v.clone());
            metadata.insert("x-client-trace-id", v);
        }
        if let Call::Mutation(key) = call {
            let value = super::check_idempotency_key(key)
                .and_then(|()| MetadataValue::try_from(key).map_err(|e| e.to_string()))
                .map_err(|rule| ApiError {
                    code: tonic::Code::InvalidArgument,
                    message: format!("idempotency key {rule}; nothing was sent"),
                    request_id: String::new(),
                    details: Vec::new(),
                })?;
            metadata.insert("idempotency-key", value);
        }
        if !matches!(call, Call::Anonymous)
            && let Ok(slot) = self.token.read()
            && let Some(token) = slot.as_ref()
            && let Ok(v) = MetadataValue::try_from(format!("Bearer {}", token.expose()))
        {
            metadata.insert("authorization", v);
        }
        Ok(request)
    }

    /// Sends a call, retrying transient failures. Reads and keyed mutations are both safe to
    /// repeat: a mutation's retry carries the same idempotency key. UNAUTHENTICATED runs the
    /// refresh hook once and retries once.
    async fn call<Req, Resp, F, Fut>(
        &self,
        call: Call<'_>,
        message: Req,
        mut send: F,
    ) -> Result<Resp, ApiError>
    where
        Req: Clone,
        F: FnMut(tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let mut retry = 0;
        let mut refreshed = false;
        loop {
            let request_id = uuid::Uuid::new_v4().to_string();
            let sent_token = self.token();
            let request = self.request(message.clone(), call, &request_id)?;
            match send(request).await {
                Ok(response) => return Ok(response.into_inner()),
                Err(status) => {
                    let mut error = ApiError::from_status(&status, &request_id);
                    let timed_out = is_client_timeout(&status);
                    if timed_out {
                        error.code = tonic::Code::DeadlineExceeded;
                        error.message = format!(
                            "timed out after {} s (the --timeout deadline)",
                            self.timeout.as_secs_f64()
                        );
                    }
                    if error.code == tonic::Code::Unauthenticated
                        && !matches!(call, Call::Anonymous)
                        && !refreshed
                        && let Some(hook) = self.refresh_hook()
                    {
                        refreshed = true;
                        tracing::debug!(request_id = %error.request_id, "token rejected, refreshing once");
                        match hook.refresh(sent_token.as_ref()).await {
                            Ok(()) => continue,
                            Err(reason) => {
                                error.message = format!(
                                    "{}; getting a new token failed: {reason}",
                                    error.message
                                );
                            }
                        }
                    }
                    // A mutation is retried (same key) only when it surely did not reach the
                    // service's handler; a read also after our own deadline.
                    let retryable =
                        error.is_transient() || (timed_out && !matches!(call, Call::Mutation(_)));
                    if !retryable || retry + 1 >= self.retry.attempts {
                        let bearer = match (call, &sent_token) {
                            (Call::Anonymous, _) => Bearer::NotNeeded,
                            (_, Some(_)) => Bearer::Sent,
                            (_, None) => Bearer::Missing(&self.missing_token_hint),
                        };
                        if !timed_out {
                            super::hints::explain(&mut error, &self.target, &status, bearer);
                        }
                        tracing::debug!(code = error.code_name(), request_id = %error.request_id, "call failed");
                        return Err(error);
                    }
                    tracing::debug!(retry, request_id = %error.request_id, "transient failure, retrying");
                    tokio::time::sleep(self.retry.delay(retry)).await;
                    retry += 1;
                }
            }
        }
    }

    /// One instance with every field (`view = FULL`).
    pub async fn get_instance(&self, instance_id: &str) -> Result<compute::Instance, ApiError> {
        self.get_instance_with(compute::GetInstanceRequest {
            instance_id: instance_id.to_string(),
            view: compute::InstanceView::Full as i32,
        })
        .await
    }

    rpc!(get_instance_with: Read InstanceServiceClient(compute).get(compute::GetInstanceRequest) -> compute::Instance);
    rpc!(
        /// One page of a folder's instances.
        list_instances: Read InstanceServiceClient(compute).list(compute::ListInstancesRequest) -> compute::ListInstancesResponse
    );
    rpc!(list_instance_operations: Read InstanceServiceClient(compute).list_operations(compute::ListInstanceOperationsRequest) -> compute::ListInstanceOperationsResponse);
    mutation!(stop_instance: InstanceServiceClient(compute).stop(compute::StopInstanceRequest));
    mutation!(start_instance: InstanceServiceClient(compute).start(compute::StartInstanceRequest));
    mutation!(restart_instance: InstanceServiceClient(compute).restart(compute::RestartInstanceRequest));
    mutation!(attach_network_interface: InstanceServiceClient(compute).attach_network_interface(compute::AttachInstanceNetworkInterfaceRequest));
    mutation!(detach_network_interface: InstanceServiceClient(compute).detach_network_interface(compute::DetachInstanceNetworkInterfaceRequest));
    mutation!(update_network_interface: InstanceServiceClient(compute).update_network_interface(compute::UpdateInstanceNetworkInterfaceRequest));
    mutation!(add_one_to_one_nat: InstanceServiceClient(compute).add_one_to_one_nat(compute::AddInstanceOneToOneNatRequest));
    mutation!(remove_one_to_one_nat: InstanceServiceClient(compute).remove_one_to_one_nat(compute::RemoveInstanceOneToOneNatRequest));
    rpc!(
        /// What an instance wrote to a serial port.
        get_serial_port_output: Read InstanceServiceClient(compute).get_serial_port_output(compute::GetInstanceSerialPortOutputRequest) -> compute::GetInstanceSerialPortOutputResponse
    );

    /// The current state of an operation.
    pub async fn get_operation(
        &self,
        operation_id: &str,
    ) -> Result<operation::Operation, ApiError> {
        self.get_operation_with(operation::GetOperationRequest {
            operation_id: operation_id.to_string(),
        })
        .await
    }

    rpc!(get_operation_with: Read OperationServiceClient(operation).get(operation::GetOperationRequest) -> operation::Operation);
    rpc!(
        /// Asks the service to cancel an operation (best effort).
        cancel_operation: Read OperationServiceClient(operation).cancel(operation::CancelOperationRequest) -> operation::Operation
    );

    rpc!(get_subnet: Read SubnetServiceClient(vpc).get(vpc::GetSubnetRequest) -> vpc::Subnet);
    rpc!(list_subnets: Read SubnetServiceClient(vpc).list(vpc::ListSubnetsRequest) -> vpc::ListSubnetsResponse);
    rpc!(list_used_addresses: Read SubnetServiceClient(vpc).list_used_addresses(vpc::ListUsedAddressesRequest) -> vpc::ListUsedAddressesResponse);
    rpc!(get_network: Read NetworkServiceClient(vpc).get(vpc::GetNetworkRequest) -> vpc::Network);
    rpc!(list_networks: Read NetworkServiceClient(vpc).list(vpc::ListNetworksRequest) -> vpc::ListNetworksResponse);
    rpc!(list_network_security_groups: Read NetworkServiceClient(vpc).list_security_groups(vpc::ListNetworkSecurityGroupsRequest) -> vpc::ListNetworkSecurityGroupsResponse);
    rpc!(get_security_group: Read SecurityGroupServiceClient(vpc).get(vpc::GetSecurityGroupRequest) -> vpc::SecurityGroup);
    rpc!(list_security_groups: Read SecurityGroupServiceClient(vpc).list(vpc::ListSecurityGroupsRequest) -> vpc::ListSecurityGroupsResponse);
    rpc!(list_addresses: Read AddressServiceClient(vpc).list(vpc::ListAddressesRequest) -> vpc::ListAddressesResponse);
    rpc!(list_clouds: Read CloudServiceClient(resource_manager).list(rm::ListCloudsRequest) -> rm::ListCloudsResponse);
    rpc!(get_folder: Read FolderServiceClient(resource_manager).get(rm::GetFolderRequest) -> rm::Folder);
    rpc!(list_folders: Read FolderServiceClient(resource_manager).list(rm::ListFoldersRequest) -> rm::ListFoldersResponse);
    rpc!(list_dns_zones: Read DnsZoneServiceClient(dns).list(dns::ListDnsZonesRequest) -> dns::ListDnsZonesResponse);
    rpc!(create_iam_token: Anonymous IamTokenServiceClient(iam).create(iam::CreateIamTokenRequest) -> iam::CreateIamTokenResponse);
    rpc!(list_endpoints: Anonymous ApiEndpointServiceClient(endpoint).list(endpoint::ListApiEndpointsRequest) -> endpoint::ListApiEndpointsResponse);
}

/// Whether the call failed on the client's own deadline: tonic reports it as CANCELLED
/// "Timeout expired" caused by `TimeoutExpired`.
fn is_client_timeout(status: &tonic::Status) -> bool {
    let mut source = status.source();
    while let Some(cause) = source {
        if cause.is::<tonic::TimeoutExpired>() {
            return true;
        }
        source = cause.source();
    }
    status.code() == tonic::Code::Cancelled && status.message() == "Timeout expired"
}
