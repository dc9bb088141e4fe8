//! Flow test of `x` from keys against the embedded emulator, with the `[ssh] command` pointing at
//! a fake ssh script that records its arguments: it gets the config's args and
//! `user@public-address` with the user of the instance's `ssh-keys`; `:ssh internal` gets the
//! internal address; a STOPPED instance is refused in one line without running anything.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::dashboard::{Dashboard, listed, press, run, select, typed};
use crossterm::event::KeyCode;
use ycdash::{
    api::proto::yandex::cloud::compute::v1::instance::Status,
    app::{Model, ssh_target::SshSettings},
    config::SshConfig,
    emulator::{EmulatorConfig, seed},
};

fn toasts(model: &Model) -> Vec<String> {
    model.toasts.iter().map(|t| t.text.clone()).collect()
}

#[tokio::test]
async fn x_runs_the_configured_ssh_with_user_at_address() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = dir.path().join("args");
    let script = dir.path().join("fake-ssh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit 7\n",
            record.display()
        ),
    )
    .expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed(EmulatorConfig::default(), (120, 30)).await;
    model.ssh = SshSettings {
        config: SshConfig {
            command: script.display().to_string(),
            args: vec!["-p".into(), "2222".into()],
            user: None,
        },
        local_user: Some("local-me".into()),
    };

    let instance = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .expect("the running instance");
    let primary = instance.network_interfaces[0]
        .primary_v4_address
        .clone()
        .expect("an address");
    let public = primary
        .one_to_one_nat
        .as_ref()
        .map(|n| n.address.clone())
        .expect("the demo's running instance has a public IP");

    select(&mut model, seed::RUNNING_INSTANCE_ID);
    let effects = press(&mut model, KeyCode::Char('x'));
    run(&cloud, &mut model, effects, |m| !m.toasts.is_empty()).await;
    assert_eq!(toasts(&model), ["ssh exited with status 7"]);
    let args = std::fs::read_to_string(&record).expect("the fake ssh ran");
    assert_eq!(args, format!("-p\n2222\nubuntu@{public}\n"));

    model.toasts.clear();
    typed(&mut model, ":ssh internal");
    let effects = press(&mut model, KeyCode::Enter);
    run(&cloud, &mut model, effects, |m| !m.toasts.is_empty()).await;
    let args = std::fs::read_to_string(&record).expect("the fake ssh ran");
    assert_eq!(args, format!("-p\n2222\nubuntu@{}\n", primary.address));

    std::fs::remove_file(&record).expect("clear the record");
    model.toasts.clear();
    let stopped = model
        .instances
        .items
        .iter()
        .find(|r| r.status() == Status::Stopped)
        .map(|r| (r.id.clone(), r.name.clone()))
        .expect("a stopped instance in the demo");
    select(&mut model, &stopped.0);
    let effects = press(&mut model, KeyCode::Char('x'));
    assert!(effects.is_empty(), "refused without a Get or a command");
    assert_eq!(
        toasts(&model),
        [format!(
            "ssh: {} is STOPPED; it needs to be RUNNING",
            stopped.1
        )]
    );
    assert!(!record.exists(), "nothing ran");
}
