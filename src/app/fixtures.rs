//! Test fixtures: instances, operations and models with a fixed clock, no IO.

use std::{
    collections::HashMap,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use prost_types::{Any, Timestamp};

use super::{
    Model, Msg, PowerAction, Settings,
    attach::AttachMsg,
    folder::state::CloudFolders,
    model::{Confirm, Overlay},
    mutation::Mutation,
    update,
};
use crate::{
    api::proto::{
        google::rpc,
        yandex::cloud::{
            compute::v1::{
                DnsRecord, Instance, ListInstancesResponse, NetworkInterface, OneToOneNat,
                PrimaryAddress, Resources, StopInstanceMetadata, instance::Status,
            },
            operation::{Operation, operation::Result as OpResult},
            resourcemanager::v1 as rm,
        },
    },
    keymap::Keymap,
};

/// The fixed "now" of every test: 2023-11-14 22:13:20 UTC.
pub fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// An instance with one NIC, created `age_hours` before `now()`.
pub fn instance(n: usize, status: Status) -> Instance {
    let zones = ["ru-central1-a", "ru-central1-b", "ru-central1-d"];
    let mut i = Instance {
        id: format!("fhm{n:017}"),
        folder_id: "b1gdemo".into(),
        name: format!("web-{n:02}"),
        zone_id: zones[n % 3].into(),
        platform_id: "standard-v3".into(),
        created_at: Some(Timestamp {
            seconds: 1_700_000_000 - 3600 * (n as i64 + 1),
            nanos: 0,
        }),
        resources: Some(Resources {
            memory: 4 << 30,
            cores: 2,
            core_fraction: 100,
            gpus: 0,
        }),
        labels: HashMap::from([(
            "env".to_string(),
            if n.is_multiple_of(2) { "prod" } else { "dev" }.to_string(),
        )]),
        metadata: HashMap::from([("user-data".to_string(), "#cloud-config secret".to_string())]),
        network_interfaces: vec![NetworkInterface {
            index: "0".into(),
            mac_address: format!("d0:0d:00:00:00:{n:02x}"),
            subnet_id: "e9bsubnet-a".into(),
            primary_v4_address: Some(PrimaryAddress {
                address: format!("10.128.0.{}", n + 10),
                one_to_one_nat: n.is_multiple_of(3).then(|| OneToOneNat {
                    address: format!("51.250.0.{}", n + 1),
                    ..Default::default()
                }),
                dns_records: vec![],
            }),
            primary_v6_address: None,
            security_group_ids: vec!["enpsg-web".into()],
        }],
        fqdn: format!("web-{n:02}.ru-central1.internal"),
        ..Default::default()
    };
    i.set_status(status);
    i
}

/// A mix of statuses: every third stopped, one provisioning.
pub fn instances(count: usize) -> Vec<Instance> {
    (0..count)
        .map(|n| {
            let status = match n {
                4 => Status::Provisioning,
                n if n % 3 == 2 => Status::Stopped,
                _ => Status::Running,
            };
            instance(n, status)
        })
        .collect()
}

pub fn settings(keymap: Keymap) -> Settings {
    Settings {
        source: "demo: simulated cloud".into(),
        folder_id: Some("b1gdemo".into()),
        theme: "dark".into(),
        themes: vec![
            "dark".into(),
            "high-contrast".into(),
            "light".into(),
            "mono".into(),
        ],
        keymap,
        refresh: Some(Duration::from_secs(10)),
        journal: true,
    }
}

/// A 120x30 model after its first listing returned `instances(count)` in one page.
pub fn loaded(count: usize) -> Model {
    loaded_with(count, Keymap::default())
}

pub fn loaded_with(count: usize, keymap: Keymap) -> Model {
    let (mut model, _) = started(settings(keymap));
    page(&mut model, instances(count), "");
    model.header.folder_name = Some("demo".into());
    model.dirty = false;
    model
}

/// A 120x30 model with `settings` just after `init`, nothing answered yet; with init's effects.
pub fn started(settings: Settings) -> (Model, Vec<super::Effect>) {
    let mut model = Model::new(settings, now(), (120, 30));
    let effects = super::init(&mut model);
    (model, effects)
}

/// Delivers one page for the current listing generation.
pub fn page(model: &mut Model, instances: Vec<Instance>, next: &str) -> Vec<super::Effect> {
    let generation = model.listing.generation;
    let result = Ok(ListInstancesResponse {
        instances,
        next_page_token: next.into(),
    });
    update(model, Msg::InstancesPage { generation, result })
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

/// Sends `msg` (a key press, say) `times` times; returns the effects of the last one.
pub fn pressed(model: &mut Model, msg: Msg, times: usize) -> Vec<super::Effect> {
    (0..times).fold(Vec::new(), |_, _| update(model, msg.clone()))
}

/// Sends each character as a key press; returns the effects of the last one.
pub fn typed(model: &mut Model, text: &str) -> Vec<super::Effect> {
    text.chars().fold(Vec::new(), |_, c| update(model, ch(c)))
}

/// Types `keys` as `typed` does, then presses Enter: `":theme light"` runs a command, `"/web"`
/// applies a filter. Returns the effects of Enter.
pub fn entered(model: &mut Model, keys: &str) -> Vec<super::Effect> {
    typed(model, keys);
    update(model, key(KeyCode::Enter))
}

/// The name of the selected row, empty when nothing is selected.
pub fn selected_name(model: &Model) -> String {
    let row = model.instances.selected_row();
    row.map(|r| r.name.clone()).unwrap_or_default()
}

/// The id of the selected row, empty when nothing is selected.
pub fn selected_id(model: &Model) -> String {
    let row = model.instances.selected_row();
    row.map(|r| r.id.clone()).unwrap_or_default()
}

/// The open confirm dialog; fails the test when none is open.
#[track_caller]
pub fn confirm_dialog(model: &Model) -> &Confirm {
    match &model.overlay {
        Some(Overlay::Confirm(c)) => c,
        other => panic!("no confirm dialog: {other:?}"),
    }
}

/// The text of the newest toast, empty when there is none.
pub fn last_toast(model: &Model) -> String {
    let toast = model.toasts.last();
    toast.map(|t| t.text.clone()).unwrap_or_default()
}

/// Fails the test unless some toast contains `text`.
#[track_caller]
pub fn assert_toast(model: &Model, text: &str) {
    assert!(
        model.toasts.iter().any(|t| t.text.contains(text)),
        "no toast says {text:?}: {:?}",
        model.toasts
    );
}

/// The effect that sends `action` on `instance_id`.
pub fn power_effect(action: PowerAction, instance_id: &str) -> super::Effect {
    super::Effect::send(Mutation::Power {
        action,
        instance_id: instance_id.to_string(),
    })
}

/// A stop operation on `instance_id` in a given state.
pub fn operation(id: &str, instance_id: &str, done: bool, result: Option<OpResult>) -> Operation {
    Operation {
        id: id.into(),
        description: "Stop instance".into(),
        created_at: Some(Timestamp {
            seconds: 1_700_000_000,
            nanos: 0,
        }),
        created_by: "ajeuser".into(),
        done,
        metadata: Any::from_msg(&StopInstanceMetadata {
            instance_id: instance_id.into(),
        })
        .ok(),
        result,
        ..Default::default()
    }
}

/// `instance_id`'s `action` request answered with the running operation `op_id`.
pub fn power_started(
    model: &mut Model,
    action: PowerAction,
    instance_id: &str,
    op_id: &str,
) -> Vec<super::Effect> {
    let running = operation(op_id, instance_id, false, None);
    power_answered(model, action, instance_id, Ok(running))
}

/// `instance_id`'s `action` request is answered with `result`.
pub fn power_answered(
    model: &mut Model,
    action: PowerAction,
    instance_id: &str,
    result: Result<Operation, crate::api::ApiError>,
) -> Vec<super::Effect> {
    let instance_id = instance_id.to_string();
    let mutation = Mutation::Power {
        action,
        instance_id,
    };
    update(model, Msg::Started { mutation, result })
}

/// The first instance's stop, answered with the running operation `op_id`: the operations
/// pane watches it. Returns the instance's id.
pub fn stop_started(model: &mut Model, op_id: &str) -> String {
    let id = model.instances.items[0].id.clone();
    power_started(model, PowerAction::Stop, &id, op_id);
    id
}

/// Poll number `poll` of `op_id` answers `result`.
pub fn polled(
    model: &mut Model,
    op_id: &str,
    poll: u32,
    result: Result<Operation, crate::api::ApiError>,
) -> Vec<super::Effect> {
    let id = op_id.to_string();
    update(model, Msg::OperationPolled { id, poll, result })
}

/// The effect that asks for poll number `poll` of `op_id`.
pub fn poll_effect(op_id: &str, poll: u32) -> super::Effect {
    let id = op_id.to_string();
    super::Effect::PollOperation { id, poll }
}

/// The first poll of `op_id` (on `instance_id`) answers: done, with `result`.
pub fn op_done(
    model: &mut Model,
    op_id: &str,
    instance_id: &str,
    result: Option<OpResult>,
) -> Vec<super::Effect> {
    let done = operation(op_id, instance_id, true, result);
    polled(model, op_id, 0, Ok(done))
}

pub fn error(code: i32, message: &str) -> Option<OpResult> {
    Some(OpResult::Error(rpc::Status {
        code,
        message: message.into(),
        details: vec![],
    }))
}

pub fn response(instance: &Instance) -> Option<OpResult> {
    Any::from_msg(instance).ok().map(OpResult::Response)
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// A loaded list with the attach form open on a STOPPED instance (`web-02`, zone d), its
/// options loaded: two subnets, two DNS zones, two free addresses.
pub fn attach_model() -> Model {
    let mut model = loaded(5);
    let target = instance(2, Status::Stopped);
    let row = model
        .instances
        .view
        .iter()
        .position(|&i| model.instances.items[i].id == target.id)
        .unwrap_or(0);
    model.instances.selected = row;
    update(&mut model, ch('a'));
    for msg in attach_part_msgs(&target) {
        update(&mut model, msg);
    }
    model.dirty = false;
    model
}

/// The open attach form's instance answers again, now RUNNING (the form offers to stop it
/// first). Returns that instance.
pub fn form_instance_running(model: &mut Model) -> Instance {
    let mut running = model
        .form
        .as_ref()
        .map(|f| f.instance.clone())
        .unwrap_or_default();
    running.set_status(Status::Running);
    update(model, Msg::InstanceLoaded(Ok(Box::new(running.clone()))));
    running
}

/// What the attach form of `instance` (zone d) loads, part by part: the instance, two
/// subnets, two DNS zones, two free addresses.
pub fn attach_options(instance: Instance) -> Vec<crate::app::attach::loads::Loaded> {
    use crate::{
        api::proto::yandex::cloud::vpc::v1::Subnet,
        app::attach::loads::{Loaded, SubnetRow},
    };
    let subnet = |id: &str, name: &str, network: &str, cidr: &str| SubnetRow {
        subnet: Subnet {
            id: id.into(),
            name: name.into(),
            folder_id: "b1gdemo".into(),
            network_id: format!("enp{network}"),
            zone_id: "ru-central1-d".into(),
            v4_cidr_blocks: vec![cidr.into()],
            ..Default::default()
        },
        network_name: network.into(),
    };
    vec![
        Loaded::Instance(Box::new(instance)),
        Loaded::Subnets(vec![
            subnet("e9bdefault-d", "default-d", "default", "10.130.0.0/24"),
            subnet("e9bprod-d", "prod-d", "prod", "10.140.0.0/24"),
        ]),
        Loaded::DnsZones(HashMap::from([
            ("dnspub".to_string(), "example.com.".to_string()),
            ("dnsint".to_string(), "internal.".to_string()),
        ])),
        Loaded::Addresses(vec![[84, 201, 130, 12].into(), [84, 201, 130, 14].into()]),
    ]
}

/// The root's messages that load the options of `instance`'s form (`attach_options`).
pub fn attach_part_msgs(instance: &Instance) -> Vec<Msg> {
    loaded_answers(instance)
        .into_iter()
        .map(Msg::Attach)
        .collect()
}

/// The component's messages that load `form`'s options (`attach_options`).
pub fn attach_answers(form: &crate::app::attach::AttachForm) -> Vec<AttachMsg> {
    loaded_answers(&form.instance)
}

fn loaded_answers(instance: &Instance) -> Vec<AttachMsg> {
    attach_options(instance.clone())
        .into_iter()
        .map(|loaded| AttachMsg::Loaded {
            instance_id: instance.id.clone(),
            part: loaded.part(),
            result: Ok(loaded),
        })
        .collect()
}

/// The security groups and used addresses of the fixture's `default-d` subnet.
pub fn subnet_options() -> Msg {
    use crate::app::attach::state::SubnetOptions;
    Msg::Attach(AttachMsg::SubnetOptions {
        subnet_id: "e9bdefault-d".into(),
        result: Ok(Box::new(SubnetOptions {
            used_addresses: ["10.130.0.5".parse().unwrap_or([0, 0, 0, 0].into())].into(),
            groups: vec![
                ("sgdb".into(), "db".into()),
                ("sgssh".into(), "ssh".into()),
                ("sgweb".into(), "web".into()),
            ],
        })),
    })
}

/// Picks the `default-d` subnet and the groups `ssh` and `web` from the keyboard.
pub fn fill_required(model: &mut Model) {
    update(model, key(KeyCode::Tab));
    update(model, key(KeyCode::Enter));
    update(model, key(KeyCode::Enter));
    update(model, subnet_options());
    // The pick moved on to the internal IPv4; back past the index wraps to the groups.
    pressed(model, key(KeyCode::BackTab), 3);
    update(model, key(KeyCode::Enter));
    update(model, key(KeyCode::Down));
    update(model, ch(' '));
    update(model, key(KeyCode::Down));
    update(model, ch(' '));
    update(model, key(KeyCode::Enter));
}

/// A model started with no folder: the picker is open and loading.
pub fn no_folder() -> Model {
    let mut settings = settings(Keymap::default());
    settings.folder_id = None;
    let (mut model, _) = started(settings);
    model.dirty = false;
    model
}

/// A refusal with a request id, as the client builds it.
pub fn api_error(status: tonic::Status) -> crate::api::ApiError {
    crate::api::ApiError::from_status(&status, "req-7")
}

/// Two clouds: demo-cloud with folders demo and staging; sandbox-cloud whose folders are denied.
pub fn folder_tree() -> Vec<CloudFolders> {
    let cloud = |id: &str, name: &str| rm::Cloud {
        id: id.into(),
        name: name.into(),
        ..Default::default()
    };
    let folder = |id: &str, name: &str| {
        let mut f = rm::Folder {
            id: id.into(),
            cloud_id: "b1gcloud-demo".into(),
            name: name.into(),
            ..Default::default()
        };
        f.set_status(rm::folder::Status::Active);
        f
    };
    vec![
        CloudFolders {
            cloud: cloud("b1gcloud-demo", "demo-cloud"),
            folders: Ok(vec![
                folder("b1gdemo", "demo"),
                folder("b1gstaging", "staging"),
            ]),
        },
        CloudFolders {
            cloud: cloud("b1gcloud-sandbox", "sandbox-cloud"),
            folders: Err(api_error(tonic::Status::permission_denied(
                "no access to the cloud's folders",
            ))),
        },
    ]
}

/// `web-02` in `status` as the edit form sees it: interface 0 in `default-d` at 10.130.0.5 with
/// the group `web` and the record `vm2` in the zone `internal.` (TTL 600).
pub fn edited_instance(status: Status) -> Instance {
    let mut i = instance(2, status);
    if let Some(nic) = i.network_interfaces.first_mut() {
        nic.subnet_id = "e9bdefault-d".into();
        nic.security_group_ids = vec!["sgweb".into()];
        if let Some(v4) = nic.primary_v4_address.as_mut() {
            v4.address = "10.130.0.5".into();
            v4.one_to_one_nat = None;
            v4.dns_records = vec![DnsRecord {
                fqdn: "vm2".into(),
                dns_zone_id: "dnsint".into(),
                ttl: 600,
                ptr: false,
            }];
        }
    }
    i
}

/// The edit form of `edited_instance`'s interface 0 open over the list, everything loaded.
pub fn edit_model(status: Status) -> Model {
    let mut model = loaded(5);
    model.form = Some(crate::app::attach::AttachForm::edit(
        edited_instance(status),
        0,
    ));
    for msg in attach_part_msgs(&edited_instance(status)) {
        update(&mut model, msg);
    }
    update(&mut model, subnet_options());
    model.dirty = false;
    model
}
