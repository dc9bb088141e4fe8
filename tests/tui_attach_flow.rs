//! Flow tests of the attach form with the real runtime (`app::drive`) against the emulator in
//! process, driven by key presses: a full attach to a stopped instance (internal DNS, static NAT
//! with NAT DNS, two groups), stop -> attach -> start on a running instance, and a server
//! refusal coming back to its field with every value kept. No sleeps: `drive` waits on answers.

mod common;

use common::dashboard::{listed_model, run, select};
use common::flow::{SUBNET_A, draft, finish, start};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ycdash::{
    api::{
        Cloud, idempotency_key,
        proto::yandex::cloud::compute::v1::{Instance, instance::Status},
    },
    app::{
        Effect, Model, Msg, Mutation,
        attach::{
            loads::Load,
            state::{AttachForm, Stage},
        },
        model::Overlay,
        update,
    },
    emulator::seed,
    nic::{error::Field, load::load_context},
};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Sends keys; returns every effect they asked for.
fn keys(model: &mut Model, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| update(model, m)).collect()
}

fn tab(n: usize) -> Vec<Msg> {
    vec![key(KeyCode::Tab); n]
}

fn text(s: &str) -> Vec<Msg> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn form(model: &Model) -> &AttachForm {
    model.form.as_ref().expect("the form is open")
}

/// The dashboard with the folder listed and `instance_id` selected.
async fn listed(cloud: &Cloud, instance_id: &str) -> Model {
    let mut model = listed_model(cloud, "test".into(), (120, 40)).await;
    select(&mut model, instance_id);
    assert_eq!(
        model.instances.selected_row().map(|i| i.id.as_str()),
        Some(instance_id)
    );
    model
}

/// `a`, then waits for the options.
async fn open_form(cloud: &Cloud, model: &mut Model) {
    let effects = keys(model, [key(KeyCode::Char('a'))]);
    run(cloud, model, effects, |m| {
        m.form.as_ref().is_some_and(|f| f.loads.settled())
    })
    .await;
    assert!(form(model).loads.ready());
}

/// From the index: picks subnet A by name and waits for its groups.
async fn pick_subnet_a(cloud: &Cloud, model: &mut Model) {
    let mut msgs = tab(1);
    msgs.push(key(KeyCode::Enter));
    msgs.extend(text("default-ru-central1-a"));
    msgs.push(key(KeyCode::Enter));
    let effects = keys(model, msgs);
    run(cloud, model, effects, |m| {
        m.form
            .as_ref()
            .is_some_and(|f| f.subnet_load == Some(Load::Ready))
    })
    .await;
    assert_eq!(form(model).input.subnet_id, SUBNET_A);
}

/// In the group picker: filter, toggle the first match, clear the filter.
fn choose_group(name: &str) -> Vec<Msg> {
    let mut msgs = text(name);
    msgs.push(key(KeyCode::Char(' ')));
    msgs.extend(vec![key(KeyCode::Backspace); name.len()]);
    msgs
}

/// From the index: the smallest valid draft, subnet A with the "web" group.
async fn minimal_draft(cloud: &Cloud, model: &mut Model) {
    pick_subnet_a(cloud, model).await;
    let mut msgs = tab(4);
    msgs.push(key(KeyCode::Enter));
    msgs.extend(choose_group("web"));
    msgs.push(key(KeyCode::Enter));
    keys(model, msgs);
}

/// Ctrl-S, Enter; waits for the form to close (success) or come back (refusal).
async fn submit(cloud: &Cloud, model: &mut Model) {
    let effects = keys(model, [ctrl('s'), key(KeyCode::Enter)]);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Mutate {
                mutation: Mutation::Attach(_),
                ..
            }]
        ),
        "{effects:?} {:?}",
        model.form.as_ref().map(|f| &f.feedback.errors)
    );
    run(cloud, model, effects, |m| {
        m.form.as_ref().is_none_or(|f| f.stage == Stage::Edit)
    })
    .await;
}

fn nic(
    instance: &Instance,
    index: &str,
) -> ycdash::api::proto::yandex::cloud::compute::v1::NetworkInterface {
    instance
        .network_interfaces
        .iter()
        .find(|n| n.index == index)
        .cloned()
        .expect("the new interface")
}

#[tokio::test]
async fn attach_to_a_stopped_instance_with_dns_static_nat_and_two_groups() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::STOPPED_INSTANCE_ID).await;
    open_form(&cloud, &mut model).await;
    assert_eq!(form(&model).input.index.text(), "1");
    pick_subnet_a(&cloud, &mut model).await;
    // internal IPv4 stays automatic; public IP: static, picked.
    let mut msgs = tab(1);
    msgs.extend([key(KeyCode::Char(' ')), key(KeyCode::Char(' '))]);
    msgs.push(key(KeyCode::Enter));
    msgs.extend(text(seed::FREE_ADDRESS));
    msgs.push(key(KeyCode::Enter));
    // internal DNS row: fqdn, zone internal., ttl 300, PTR.
    msgs.extend(tab(1));
    msgs.push(ctrl('n'));
    msgs.extend(text("ci-eth1.internal."));
    msgs.extend(tab(1));
    msgs.push(key(KeyCode::Enter));
    msgs.extend(text("internal."));
    msgs.push(key(KeyCode::Enter));
    msgs.extend(tab(1));
    msgs.extend(text("300"));
    msgs.extend(tab(1));
    msgs.push(key(KeyCode::Char(' ')));
    // NAT DNS row in example.com.
    msgs.extend(tab(1));
    msgs.push(ctrl('n'));
    msgs.extend(text("ci-pub.example.com."));
    msgs.extend(tab(1));
    msgs.push(key(KeyCode::Enter));
    msgs.extend(text("example.com."));
    msgs.push(key(KeyCode::Enter));
    // Security groups: ssh-only and web.
    msgs.extend(tab(3));
    msgs.push(key(KeyCode::Enter));
    msgs.extend(choose_group("ssh"));
    msgs.extend(choose_group("web"));
    msgs.push(key(KeyCode::Enter));
    // Each picker read its choices again as it opened; the cached lists served meanwhile.
    let effects = keys(&mut model, msgs);
    assert!(
        effects.iter().all(|e| matches!(
            e,
            Effect::LoadAttachPart { .. } | Effect::LoadSubnetOptions { .. }
        )),
        "{effects:?}"
    );
    assert_eq!(
        form(&model).input.security_groups,
        [seed::SSH_SG_ID, seed::WEB_SG_ID]
    );
    submit(&cloud, &mut model).await;
    assert!(model.form.is_none(), "closed on success");
    let listed = model
        .instances
        .find(seed::STOPPED_INSTANCE_ID)
        .cloned()
        .expect("row");
    let fresh = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    let mut strings = model.instances.strings.clone();
    assert_eq!(
        listed,
        ycdash::app::instances::Row::from_instance(&fresh, &mut strings),
        "the row holds what the operation's response said"
    );
    let new = nic(&fresh, "1");
    assert_eq!(new.subnet_id, SUBNET_A);
    assert_eq!(new.security_group_ids, [seed::SSH_SG_ID, seed::WEB_SG_ID]);
    let v4 = new.primary_v4_address.expect("address");
    assert!(v4.address.starts_with("10.128.0."), "{}", v4.address);
    let internal: Vec<_> = v4
        .dns_records
        .iter()
        .map(|r| (r.fqdn.as_str(), r.ttl, r.ptr))
        .collect();
    assert_eq!(internal, [("ci-eth1.internal.", 300, true)]);
    let nat = v4.one_to_one_nat.expect("nat");
    assert_eq!(nat.address, seed::FREE_ADDRESS);
    let public: Vec<_> = nat.dns_records.iter().map(|r| r.fqdn.as_str()).collect();
    assert_eq!(public, ["ci-pub.example.com."]);
    assert!(model.toasts.iter().any(|t| t.text.contains("attached")));
}

#[tokio::test]
async fn a_running_instance_goes_stop_attach_start() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::RUNNING_INSTANCE_ID).await;
    open_form(&cloud, &mut model).await;
    assert!(!form(&model).stopped());
    assert!(keys(&mut model, [ctrl('t')]).is_empty(), "asks first");
    let effects = keys(&mut model, [key(KeyCode::Char('y'))]);
    run(&cloud, &mut model, effects, |m| {
        m.form.as_ref().is_some_and(AttachForm::stopped)
    })
    .await;
    minimal_draft(&cloud, &mut model).await;
    submit(&cloud, &mut model).await;
    assert!(model.form.is_none(), "attached");
    assert!(
        matches!(&model.overlay, Some(Overlay::Confirm(c)) if c.yes_selected),
        "offers to start it again, Yes highlighted"
    );
    let effects = keys(&mut model, [key(KeyCode::Enter)]);
    run(&cloud, &mut model, effects, |m| {
        m.instances
            .find(seed::RUNNING_INSTANCE_ID)
            .is_some_and(|i| i.status() == Status::Running)
    })
    .await;
    let fresh = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .expect("get");
    assert_eq!(fresh.status(), Status::Running);
    assert_eq!(fresh.network_interfaces.len(), 2);
}

#[tokio::test]
async fn a_server_refusal_comes_back_to_its_field_with_values_kept() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::STOPPED_INSTANCE_ID).await;
    open_form(&cloud, &mut model).await;
    minimal_draft(&cloud, &mut model).await;
    // Meanwhile someone else takes index 1.
    let instance = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    let ctx = load_context(&cloud, &instance, Some(SUBNET_A))
        .await
        .expect("context");
    let request = draft(seed::STOPPED_INSTANCE_ID, "1")
        .validate(&ctx)
        .expect("valid");
    let op = cloud
        .attach_network_interface(request, &idempotency_key())
        .await
        .expect("accepted");
    finish(&cloud, &op.id).await;

    submit(&cloud, &mut model).await;
    let f = form(&model);
    assert_eq!(f.stage, Stage::Edit);
    let server = f
        .feedback
        .server_error
        .as_ref()
        .expect("the refusal is shown");
    assert_eq!(server.field, Some(Field::Index), "{:?}", server.error);
    assert!(!f.feedback.errors_for(Field::Index).is_empty());
    assert_eq!(f.input.subnet_id, SUBNET_A, "values kept");
    assert_eq!(f.input.security_groups, [seed::WEB_SG_ID]);

    // The focus went to the index: fix it and send again.
    keys(&mut model, [key(KeyCode::Backspace)]);
    keys(&mut model, text("2"));
    submit(&cloud, &mut model).await;
    assert!(model.form.is_none(), "the fixed draft attaches");
    let fresh = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    assert_eq!(fresh.network_interfaces.len(), 3);
}

#[tokio::test]
async fn detach_the_selected_interface_and_refuse_the_last_one() {
    let (_emulator, cloud) = start().await;
    let id = seed::STOPPED_TWO_NICS_INSTANCE_ID;
    let mut model = listed(&cloud, id).await;
    let effects = keys(&mut model, [key(KeyCode::Enter)]);
    run(&cloud, &mut model, effects, |m| {
        m.details.as_ref().is_some_and(|d| d.data.is_some())
    })
    .await;
    keys(
        &mut model,
        [key(KeyCode::Char(']')), key(KeyCode::Char('D'))],
    );
    assert!(
        matches!(&model.overlay, Some(Overlay::Confirm(c)) if !c.yes_selected && c.question.contains("Detach interface 1")),
        "{:?}",
        model.overlay
    );
    assert!(
        keys(&mut model, [key(KeyCode::Enter)]).is_empty(),
        "Enter on the default (No) does nothing"
    );
    let effects = keys(
        &mut model,
        [key(KeyCode::Char('D')), key(KeyCode::Char('y'))],
    );
    assert!(matches!(
        effects.as_slice(),
        [Effect::Mutate {
            mutation: Mutation::Detach(_),
            ..
        }]
    ));
    run(&cloud, &mut model, effects, |m| {
        m.details
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .is_some_and(|d| d.instance.network_interfaces.len() == 1)
    })
    .await;
    assert_eq!(model.ops.ops.len(), 1, "tracked in the operations pane");
    keys(&mut model, [key(KeyCode::Char('D'))]);
    assert!(model.overlay.is_none());
    assert!(
        model
            .toasts
            .iter()
            .any(|t| t.text.contains("only interface")),
        "{:?}",
        model.toasts
    );
    let fresh = cloud.get_instance(id).await.expect("get");
    assert_eq!(fresh.network_interfaces.len(), 1);
}

#[tokio::test]
async fn a_repeated_submission_attaches_once() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::STOPPED_INSTANCE_ID).await;
    open_form(&cloud, &mut model).await;
    minimal_draft(&cloud, &mut model).await;
    let effects = keys(&mut model, [ctrl('s'), key(KeyCode::Enter)]);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Mutate {
            mutation: Mutation::Attach(_),
            ..
        }]
    ));
    // The same request with the same key sent twice, as a retry after a lost answer would.
    let twice: Vec<Effect> = effects.iter().chain(&effects).cloned().collect();
    run(&cloud, &mut model, twice, |m| m.form.is_none()).await;
    let fresh = cloud
        .get_instance(seed::STOPPED_INSTANCE_ID)
        .await
        .expect("get");
    assert_eq!(fresh.network_interfaces.len(), 2, "attached once");
}
