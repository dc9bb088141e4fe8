//! How the attach form reads what it offers, with the real runtime (`app::drive`) against the
//! emulator in process, driven by keys: its reads go out side by side (measured on tokio's
//! paused clock against the emulator's injected latency, so no wall clock is involved), and a
//! picker reads its choices again when it opens, so a static address taken since the form
//! opened is no longer offered; a form opened from the list names the security groups of its
//! instance's interfaces by itself.

mod common;

use std::time::Duration;

use common::dashboard::{listed_model, run, select};
use common::flow::{attach_validated, draft, start};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ycdash::{
    api::Cloud,
    app::{Effect, Model, Msg, attach::choices::Refresh, update},
    emulator::{Emulator, EmulatorConfig, seed},
    nic::fields::NatChoice,
};

const LATENCY: Duration = Duration::from_millis(1500);

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keys(model: &mut Model, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| update(model, m)).collect()
}

/// The dashboard with the folder listed and `instance_id` selected.
async fn listed(cloud: &Cloud, instance_id: &str) -> Model {
    let mut model = listed_model(cloud, "test".into(), (120, 40)).await;
    select(&mut model, instance_id);
    model
}

fn settled(model: &Model) -> bool {
    model.form.as_ref().is_some_and(|f| f.loads.settled())
}

/// The open picker's item ids, once its re-read has answered.
fn picker_ids(model: &Model) -> Option<Vec<String>> {
    let form = model.form.as_ref()?;
    let picker = form.picker.as_ref()?;
    (picker.refresh == Refresh::Fresh).then(|| form.filtered().into_iter().map(|i| i.id).collect())
}

#[tokio::test(start_paused = true)]
async fn the_form_reads_its_options_side_by_side() {
    let emulator = Emulator::spawn(EmulatorConfig {
        op_duration: Duration::ZERO,
        latency: LATENCY,
        latency_rate: 1.0,
        ..Default::default()
    })
    .await
    .expect("emulator starts");
    let cloud = Cloud::single(&emulator.endpoint(), false, None).expect("client");
    let mut model = listed(&cloud, seed::STOPPED_INSTANCE_ID).await;
    let effects = keys(&mut model, [key(KeyCode::Char('a'))]);
    assert!(
        model.form.as_ref().is_some_and(|f| !f.loads.settled()),
        "shown at once, loading"
    );
    // The paused clock only moves when every task waits on a timer: this is the emulator's
    // latency as the form sees it, not wall-clock time.
    let started = tokio::time::Instant::now();
    run(&cloud, &mut model, effects, settled).await;
    let took = started.elapsed();
    assert!(model.form.as_ref().is_some_and(|f| f.loads.ready()));
    // One after another, the five reads (instance, subnets, networks, DNS zones, addresses)
    // would take five latencies; side by side they take one.
    assert!(took >= LATENCY, "the latency applied: {took:?}");
    assert!(took < LATENCY * 2, "the reads overlapped: {took:?}");
}

#[tokio::test]
async fn the_address_picker_drops_an_address_taken_since_the_form_opened() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::STOPPED_INSTANCE_ID).await;
    let effects = keys(&mut model, [key(KeyCode::Char('a'))]);
    run(&cloud, &mut model, effects, settled).await;
    // Public IP, static, Enter: the address picker, read again as it opens.
    let mut msgs = vec![key(KeyCode::Tab); 3];
    msgs.extend([
        key(KeyCode::Char(' ')),
        key(KeyCode::Char(' ')),
        key(KeyCode::Enter),
    ]);
    let effects = keys(&mut model, msgs);
    run(&cloud, &mut model, effects, |m| picker_ids(m).is_some()).await;
    let offered = picker_ids(&model).unwrap_or_default();
    assert!(
        offered.iter().any(|a| a == seed::FREE_ADDRESS),
        "{offered:?}"
    );
    keys(&mut model, [key(KeyCode::Esc)]);

    // Another client takes the address for another instance meanwhile.
    let mut other = draft(seed::STOPPED_INSTANCE_2_ID, "1");
    other.nat = NatChoice::Static(seed::FREE_ADDRESS.into());
    attach_validated(&cloud, &other).await;

    let effects = keys(&mut model, [key(KeyCode::Enter)]);
    assert!(
        model
            .form
            .as_ref()
            .and_then(|f| f.picker.as_ref())
            .is_some_and(|p| p.refresh == Refresh::Reading),
        "the cached list shows while it is read again"
    );
    run(&cloud, &mut model, effects, |m| picker_ids(m).is_some()).await;
    let offered = picker_ids(&model).unwrap_or_default();
    assert!(
        !offered.iter().any(|a| a == seed::FREE_ADDRESS),
        "{offered:?}"
    );
}

#[tokio::test]
async fn the_form_opened_from_the_list_names_the_groups_of_the_instances_interfaces() {
    let (_emulator, cloud) = start().await;
    let mut model = listed(&cloud, seed::STOPPED_TWO_NICS_INSTANCE_ID).await;
    assert!(
        model.details.is_none(),
        "no details view to borrow names from"
    );
    let effects = keys(&mut model, [key(KeyCode::Char('a'))]);
    let named = |m: &Model| {
        m.form.as_ref().is_some_and(|f| {
            f.loads.settled() && f.group_name(seed::PROD_DEFAULT_SG_ID) != seed::PROD_DEFAULT_SG_ID
        })
    };
    run(&cloud, &mut model, effects, named).await;
    let form = model.form.as_ref().expect("the form");
    assert_eq!(
        form.group_name(seed::PROD_DEFAULT_SG_ID),
        "default-sg-prod-net"
    );
}
