//! Emulator GetSerialPortOutput: port rules, a deterministic boot log per instance, and a log that
//! grows with stop, start, restart and every other operation.

mod common;

use common::{clients, code, start, wait};
use tonic::Code;
use ycdash::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatRequest, GetInstanceSerialPortOutputRequest, RestartInstanceRequest,
    StartInstanceRequest, StopInstanceRequest, UpdateInstanceNetworkInterfaceRequest,
};
use ycdash::emulator::seed;

async fn serial(c: &mut common::Instances, id: &str, port: i64) -> Result<String, tonic::Status> {
    c.get_serial_port_output(GetInstanceSerialPortOutputRequest {
        instance_id: id.into(),
        port,
    })
    .await
    .map(|r| r.into_inner().contents)
}

#[tokio::test]
async fn ports_and_unknown_instances() {
    let emu = start().await;
    let (mut c, _) = clients(&emu).await;
    let id = seed::RUNNING_INSTANCE_ID;
    for port in [-1, 5, i64::MAX] {
        let (got, message) = code(serial(&mut c, id, port).await);
        assert_eq!(got, Code::InvalidArgument, "{port}");
        assert!(message.starts_with("port: "), "{message}");
    }
    let (got, _) = code(serial(&mut c, "fhmnosuchinstance000", 1).await);
    assert_eq!(got, Code::NotFound);
    let (got, _) = code(serial(&mut c, "", 1).await);
    assert_eq!(got, Code::InvalidArgument);
    let console = serial(&mut c, id, 1).await.expect("port 1");
    assert!(!console.is_empty());
    assert_eq!(serial(&mut c, id, 0).await.expect("port 0"), console);
    for port in 2..=4 {
        assert_eq!(serial(&mut c, id, port).await.expect("other port"), "");
    }
}

#[tokio::test]
async fn boot_log_is_deterministic_and_tells_name_addresses_and_user() {
    let one = start().await;
    let two = start().await;
    let (mut c1, _) = clients(&one).await;
    let (mut c2, _) = clients(&two).await;
    let id = seed::RUNNING_INSTANCE_ID;
    let log = serial(&mut c1, id, 1).await.expect("log");
    assert_eq!(log, serial(&mut c2, id, 1).await.expect("log"));
    assert_eq!(log, serial(&mut c1, id, 1).await.expect("log again"));
    for needle in [
        "SeaBIOS",
        "] Linux version 5.15.0-",
        "Hypervisor detected: KVM",
        "systemd[1]: Set hostname to <web-1>.",
        "Cloud-init v. 23.4.4",
        "Setting hostname to web-1 (web-1.ru-central1.internal)",
        "| eth0   | True | 10.128.0.10 ",
        "255.255.255.0",
        "Authorized keys from /home/ubuntu/.ssh/authorized_keys for user ubuntu",
        "Comment: demo@ycdash",
        "web-1 login: ",
    ] {
        assert!(log.contains(needle), "{needle:?} missing in:\n{log}");
    }
    assert!(!log.contains("AAAAC3"), "the key itself is not written");
    let other = serial(&mut c1, seed::STOPPED_INSTANCE_ID, 1)
        .await
        .expect("log");
    assert!(other.contains("<ci-runner-1>"));
    assert!(other.trim_end().ends_with("reboot: Power down"), "{other}");
}

#[tokio::test]
async fn the_log_grows_with_each_operation_and_a_stopped_instance_keeps_it() {
    let emu = start().await;
    let (mut c, mut o) = clients(&emu).await;
    let id = seed::STOPPED_INSTANCE_ID;
    let stopped = serial(&mut c, id, 1).await.expect("log");
    assert_eq!(stopped.matches("] Linux version").count(), 1);

    let op = c
        .start(StartInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("start")
        .into_inner();
    wait(&mut o, &op.id).await;
    let started = serial(&mut c, id, 1).await.expect("log");
    assert!(started.starts_with(&stopped), "earlier output is kept");
    assert_eq!(started.matches("] Linux version").count(), 2);
    assert!(started.trim_end().contains("ci-runner-1 login:"));

    let mut update = UpdateInstanceNetworkInterfaceRequest {
        instance_id: id.into(),
        network_interface_index: "0".into(),
        update_mask: Some(prost_types::FieldMask {
            paths: vec!["security_group_ids".into()],
        }),
        ..Default::default()
    };
    update.security_group_ids = vec![seed::SSH_SG_ID.into()];
    let op = c
        .update_network_interface(update)
        .await
        .expect("update")
        .into_inner();
    wait(&mut o, &op.id).await;
    let updated = serial(&mut c, id, 1).await.expect("log");
    let line = updated.lines().last().expect("a line");
    assert!(line.contains(&op.id), "{line}");
    assert!(line.contains("Update network interface"), "{line}");
    assert!(line.contains(seed::SSH_SG_ID), "{line}");

    let op = c
        .restart(RestartInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("restart")
        .into_inner();
    wait(&mut o, &op.id).await;
    let restarted = serial(&mut c, id, 1).await.expect("log");
    assert!(restarted.starts_with(&updated));
    assert!(restarted.contains("reboot: Restarting system"));
    assert_eq!(restarted.matches("] Linux version").count(), 3);

    let op = c
        .stop(StopInstanceRequest {
            instance_id: id.into(),
        })
        .await
        .expect("stop")
        .into_inner();
    wait(&mut o, &op.id).await;
    let stopped_again = serial(&mut c, id, 1).await.expect("log");
    assert!(stopped_again.starts_with(&restarted));
    assert!(stopped_again.trim_end().ends_with("reboot: Power down"));
    assert_eq!(serial(&mut c, id, 1).await.expect("log"), stopped_again);

    // A change while STOPPED is told by the host, without a guest timestamp.
    let op = c
        .add_one_to_one_nat(AddInstanceOneToOneNatRequest {
            instance_id: id.into(),
            network_interface_index: "0".into(),
            ..Default::default()
        })
        .await
        .expect("add nat")
        .into_inner();
    wait(&mut o, &op.id).await;
    let log = serial(&mut c, id, 1).await.expect("log");
    let line = log.lines().last().expect("a line");
    assert!(log.starts_with(&stopped_again));
    assert!(
        line.starts_with("yc-compute: while STOPPED: Add one-to-one NAT (operation "),
        "{line}"
    );
    assert!(
        line.contains(&op.id) && line.contains("public 51.250."),
        "{line}"
    );
}
