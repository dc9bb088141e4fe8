//! Emulator lists: paging, filters, order, field limits, and the non-compute services.

mod common;

use common::{code, start, start_with};
use tonic::Code;
use ycdash::api::proto::yandex::cloud::{
    compute::v1::{GetInstanceRequest, InstanceView, ListInstancesRequest, instance},
    dns::v1::{ListDnsZonesRequest, dns_zone_service_client::DnsZoneServiceClient},
    endpoint::{ListApiEndpointsRequest, api_endpoint_service_client::ApiEndpointServiceClient},
    iam::v1::{
        CreateIamTokenRequest, create_iam_token_request::Identity,
        iam_token_service_client::IamTokenServiceClient,
    },
    resourcemanager::v1::{
        GetFolderRequest, ListCloudsRequest, ListFoldersRequest,
        cloud_service_client::CloudServiceClient, folder_service_client::FolderServiceClient,
    },
    vpc::v1::{
        GetAddressRequest, ListAddressesRequest, ListNetworkSubnetsRequest, ListNetworksRequest,
        ListSecurityGroupsRequest, ListSubnetsRequest, ListUsedAddressesRequest,
        address_service_client::AddressServiceClient, network_service_client::NetworkServiceClient,
        security_group_service_client::SecurityGroupServiceClient,
        subnet_service_client::SubnetServiceClient,
    },
};
use ycdash::emulator::{EmulatorConfig, seed};

fn list(filter: &str, order_by: &str, page_size: i64) -> ListInstancesRequest {
    ListInstancesRequest {
        folder_id: seed::FOLDER_ID.into(),
        page_size,
        page_token: String::new(),
        filter: filter.into(),
        order_by: order_by.into(),
    }
}

#[tokio::test]
async fn lists_seed_instances_in_id_order_with_every_status() {
    let emu = start().await;
    let (mut c, _) = common::clients(&emu).await;
    let r = c.list(list("", "", 0)).await.expect("list").into_inner();
    assert_eq!(r.instances.len(), seed::DEMO_INSTANCES);
    assert!(r.next_page_token.is_empty());
    let ids: Vec<_> = r.instances.iter().map(|i| i.id.clone()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for s in 1..=10 {
        assert!(r.instances.iter().any(|i| i.status == s), "status {s}");
    }
    assert!(
        r.instances.iter().all(|i| i.metadata.is_empty()),
        "list is the BASIC view"
    );
    let full = c
        .get(GetInstanceRequest {
            instance_id: seed::RUNNING_INSTANCE_ID.into(),
            view: InstanceView::Full.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(full.metadata.contains_key("ssh-keys"));
    assert_eq!(full.name, "web-1");
}

#[tokio::test]
async fn pages_small_and_ordered_lists() {
    let emu = start().await;
    let (mut c, _) = common::clients(&emu).await;
    for order in ["", "name asc", "name desc", "createdAt desc", "id desc"] {
        let mut req = list("", order, 7);
        let mut names = Vec::new();
        loop {
            let r = c.list(req.clone()).await.expect("page").into_inner();
            names.extend(r.instances.iter().map(|i| i.name.clone()));
            if r.next_page_token.is_empty() {
                break;
            }
            req.page_token = r.next_page_token;
        }
        assert_eq!(names.len(), seed::DEMO_INSTANCES, "{order}");
        if order == "name asc" {
            let mut s = names.clone();
            s.sort();
            assert_eq!(names, s);
        }
    }
}

#[tokio::test]
async fn filters_instances() {
    let emu = start().await;
    let (mut c, _) = common::clients(&emu).await;
    let r = c
        .list(list("name = \"web-1\"", "", 0))
        .await
        .expect("list")
        .into_inner();
    assert_eq!(r.instances.len(), 1);
    let r = c
        .list(list(
            "status IN ('STOPPED') and zone_id = \"ru-central1-a\"",
            "",
            0,
        ))
        .await
        .expect("list")
        .into_inner();
    assert!(!r.instances.is_empty());
    assert!(
        r.instances
            .iter()
            .all(|i| i.status == instance::Status::Stopped as i32 && i.zone_id == "ru-central1-a")
    );
    for bad in [
        "color = \"x\"",
        "name = \"x",
        "name = \"x\" junk",
        "name ~ 'x'",
    ] {
        let (code, msg) = code(c.list(list(bad, "", 0)).await);
        assert_eq!(code, Code::InvalidArgument, "{bad}");
        assert!(msg.contains("position"), "{msg}");
    }
}

#[tokio::test]
async fn rejects_bad_list_arguments() {
    let emu = start().await;
    let (mut c, _) = common::clients(&emu).await;
    let cases = [
        (
            ListInstancesRequest {
                folder_id: String::new(),
                ..list("", "", 0)
            },
            Code::InvalidArgument,
        ),
        (
            ListInstancesRequest {
                folder_id: "x".repeat(51),
                ..list("", "", 0)
            },
            Code::InvalidArgument,
        ),
        (
            ListInstancesRequest {
                folder_id: "b1gnosuchfolder00000".into(),
                ..list("", "", 0)
            },
            Code::NotFound,
        ),
        (list("", "", 1001), Code::InvalidArgument),
        (list("", "", -1), Code::InvalidArgument),
        (list("", "status asc", 0), Code::InvalidArgument),
        (list("", "name sideways", 0), Code::InvalidArgument),
        (list(&"x".repeat(1001), "", 0), Code::InvalidArgument),
        (
            ListInstancesRequest {
                page_token: "garbage".into(),
                ..list("", "", 0)
            },
            Code::InvalidArgument,
        ),
        (
            ListInstancesRequest {
                page_token: "a".repeat(101),
                ..list("", "", 0)
            },
            Code::InvalidArgument,
        ),
    ];
    for (req, want) in cases {
        assert_eq!(code(c.list(req.clone()).await).0, want, "{req:?}");
    }
    let (code_, _) = code(
        c.get(GetInstanceRequest {
            instance_id: String::new(),
            view: 0,
        })
        .await,
    );
    assert_eq!(code_, Code::InvalidArgument);
    let (code_, _) = code(
        c.get(GetInstanceRequest {
            instance_id: "fhmnosuchinstance000".into(),
            view: 0,
        })
        .await,
    );
    assert_eq!(code_, Code::NotFound);
}

#[tokio::test]
async fn walks_100k_instances_by_pages() {
    let emu = start_with(EmulatorConfig {
        extra_instances: 100_000,
        op_duration: std::time::Duration::ZERO,
        ..Default::default()
    })
    .await;
    let (mut c, _) = common::clients(&emu).await;
    let mut req = list("", "", 1000);
    let mut count = 0;
    let mut pages = 0;
    loop {
        let r = c.list(req.clone()).await.expect("page").into_inner();
        count += r.instances.len();
        pages += 1;
        if r.next_page_token.is_empty() {
            break;
        }
        req.page_token = r.next_page_token;
    }
    assert_eq!(count, 100_030);
    assert_eq!(pages, 101);
}

#[tokio::test]
async fn serves_vpc_resource_manager_dns_iam_and_endpoints() {
    let emu = start().await;
    let ep = emu.endpoint();
    let folder = || seed::FOLDER_ID.to_string();
    let mut subnets = SubnetServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let r = subnets
        .list(ListSubnetsRequest {
            folder_id: folder(),
            ..Default::default()
        })
        .await
        .expect("subnets")
        .into_inner();
    assert_eq!(r.subnets.len(), 6);
    let r = subnets
        .list(ListSubnetsRequest {
            folder_id: folder(),
            filter: "name = \"default-ru-central1-a\"".into(),
            ..Default::default()
        })
        .await
        .expect("filtered")
        .into_inner();
    assert_eq!(r.subnets.len(), 1);
    for bad in ["name = 'x'", "name != \"x\"", "zone = \"x\""] {
        let req = ListSubnetsRequest {
            folder_id: folder(),
            filter: bad.into(),
            ..Default::default()
        };
        assert_eq!(
            code(subnets.list(req).await).0,
            Code::InvalidArgument,
            "{bad}"
        );
    }
    let used = subnets
        .list_used_addresses(ListUsedAddressesRequest {
            subnet_id: seed::DEFAULT_SUBNET_IDS[0].into(),
            ..Default::default()
        })
        .await
        .expect("used")
        .into_inner();
    assert!(!used.addresses.is_empty());
    let first = &used.addresses[0];
    let reference = &first.references[0];
    assert_eq!(
        reference.referrer.as_ref().map(|r| r.r#type.as_str()),
        Some("compute.instance")
    );
    assert_eq!(reference.r#type, 2);

    let mut networks = NetworkServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let r = networks
        .list(ListNetworksRequest {
            folder_id: folder(),
            ..Default::default()
        })
        .await
        .expect("networks")
        .into_inner();
    assert_eq!(r.networks.len(), 2);
    let r = networks
        .list_subnets(ListNetworkSubnetsRequest {
            network_id: seed::DEFAULT_NETWORK_ID.into(),
            ..Default::default()
        })
        .await
        .expect("net subnets")
        .into_inner();
    assert_eq!(r.subnets.len(), 3);

    let mut groups = SecurityGroupServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let r = groups
        .list(ListSecurityGroupsRequest {
            folder_id: folder(),
            ..Default::default()
        })
        .await
        .expect("sgs")
        .into_inner();
    assert_eq!(r.security_groups.len(), 7);

    let mut addresses = AddressServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let r = addresses
        .list(ListAddressesRequest {
            folder_id: folder(),
            ..Default::default()
        })
        .await
        .expect("addresses")
        .into_inner();
    assert_eq!(r.addresses.len(), 5);
    let used = addresses
        .get(GetAddressRequest {
            address_id: seed::USED_ADDRESS_ID.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(used.used && used.reserved);
    let free = addresses
        .get(GetAddressRequest {
            address_id: seed::FREE_ADDRESS_ID.into(),
        })
        .await
        .expect("get")
        .into_inner();
    assert!(!free.used && free.reserved);

    let mut clouds = CloudServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    assert_eq!(
        clouds
            .list(ListCloudsRequest::default())
            .await
            .expect("clouds")
            .into_inner()
            .clouds
            .len(),
        2
    );
    let mut folders = FolderServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let r = folders
        .list(ListFoldersRequest {
            cloud_id: seed::CLOUD_ID.into(),
            ..Default::default()
        })
        .await
        .expect("folders")
        .into_inner();
    assert_eq!(r.folders.len(), 2);
    assert_eq!(
        folders
            .get(GetFolderRequest {
                folder_id: seed::FOLDER_ID.into()
            })
            .await
            .expect("folder")
            .into_inner()
            .name,
        "demo"
    );
    assert_eq!(
        code(
            folders
                .get(GetFolderRequest {
                    folder_id: "b1gnope".into()
                })
                .await
        )
        .0,
        Code::NotFound
    );

    let mut dns = DnsZoneServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    assert_eq!(
        dns.list(ListDnsZonesRequest {
            folder_id: folder(),
            ..Default::default()
        })
        .await
        .expect("zones")
        .into_inner()
        .dns_zones
        .len(),
        2
    );

    let mut iam = IamTokenServiceClient::connect(ep.clone())
        .await
        .expect("connect");
    let t = iam
        .create(CreateIamTokenRequest {
            identity: Some(Identity::YandexPassportOauthToken("y0_x".into())),
        })
        .await
        .expect("token")
        .into_inner();
    assert!(t.iam_token.starts_with("t1.emulator-"));
    assert_eq!(
        code(iam.create(CreateIamTokenRequest { identity: None }).await).0,
        Code::InvalidArgument
    );

    let mut endpoints = ApiEndpointServiceClient::connect(ep)
        .await
        .expect("connect");
    let r = endpoints
        .list(ListApiEndpointsRequest::default())
        .await
        .expect("endpoints")
        .into_inner();
    let want = emu.addr.to_string();
    assert!(
        r.endpoints
            .iter()
            .any(|e| e.id == "compute" && e.address == want)
    );
    assert_eq!(r.endpoints.len(), 7);
}

#[tokio::test]
async fn injects_failures() {
    let emu = start_with(EmulatorConfig {
        fail_rate: 1.0,
        ..Default::default()
    })
    .await;
    let (mut c, _) = common::clients(&emu).await;
    let (code_, msg) = code(c.list(list("", "", 0)).await);
    assert_eq!(code_, Code::Unavailable);
    assert!(msg.contains("injected"));
}
