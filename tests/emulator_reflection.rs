//! Server reflection: generic gRPC tools (grpcurl, evans) can list and describe every service.

use std::time::Duration;

use tonic_reflection::pb::v1::{
    ServerReflectionRequest, server_reflection_client::ServerReflectionClient,
    server_reflection_request::MessageRequest, server_reflection_response::MessageResponse,
};
use ycdash::emulator::{Emulator, EmulatorConfig};

async fn ask(endpoint: String, request: MessageRequest) -> MessageResponse {
    let channel = tonic::transport::Channel::from_shared(endpoint)
        .expect("endpoint")
        .connect()
        .await
        .expect("connect");
    let mut client = ServerReflectionClient::new(channel);
    let outbound = tokio_stream::iter(vec![ServerReflectionRequest {
        host: String::new(),
        message_request: Some(request),
    }]);
    let mut inbound = client
        .server_reflection_info(outbound)
        .await
        .expect("reflection call")
        .into_inner();
    inbound
        .message()
        .await
        .expect("a response")
        .expect("not empty")
        .message_response
        .expect("a message")
}

#[tokio::test]
async fn lists_every_service_and_describes_instance_service() {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        ..Default::default()
    })
    .await
    .unwrap();
    let MessageResponse::ListServicesResponse(list) = ask(
        emulator.endpoint(),
        MessageRequest::ListServices(String::new()),
    )
    .await
    else {
        panic!("expected a service list");
    };
    let names: Vec<&str> = list.service.iter().map(|s| s.name.as_str()).collect();
    for wanted in [
        "yandex.cloud.compute.v1.InstanceService",
        "yandex.cloud.operation.OperationService",
        "yandex.cloud.vpc.v1.SubnetService",
        "yandex.cloud.vpc.v1.NetworkService",
        "yandex.cloud.vpc.v1.SecurityGroupService",
        "yandex.cloud.vpc.v1.AddressService",
        "yandex.cloud.resourcemanager.v1.CloudService",
        "yandex.cloud.resourcemanager.v1.FolderService",
        "yandex.cloud.dns.v1.DnsZoneService",
        "yandex.cloud.iam.v1.IamTokenService",
        "yandex.cloud.endpoint.ApiEndpointService",
    ] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    let MessageResponse::FileDescriptorResponse(files) = ask(
        emulator.endpoint(),
        MessageRequest::FileContainingSymbol("yandex.cloud.compute.v1.InstanceService".into()),
    )
    .await
    else {
        panic!("expected file descriptors");
    };
    assert!(!files.file_descriptor_proto.is_empty());
}
