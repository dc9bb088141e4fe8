//! Flow test of the public IP keys from keys against the embedded emulator: in web-1's details,
//! `N` asks (default No) and takes its static public IP away; `n` opens the public IP form,
//! a free static address of the zone is picked, a public DNS record added, Ctrl-S asks (default
//! No) naming the address, the record and the yc command, and `y` sends it. Each is a tracked
//! operation; the emulator's instance shows the change. No sleeps: it waits on messages.

mod common;

use std::time::Duration;

use common::dashboard::{Dashboard, ctrl, listed_with_ops_taking, open_details, press, run, typed};
use crossterm::event::KeyCode;
use ycdash::{
    app::{Model, attach::state::Purpose, model::Overlay},
    emulator::seed,
};

fn question(model: &Model) -> String {
    match &model.overlay {
        Some(Overlay::Confirm(c)) => {
            assert!(!c.yes_selected, "the question starts on No");
            c.question.clone()
        }
        other => panic!("no question: {other:?}"),
    }
}

/// The public address of web-1's first interface, as the details show it.
fn details_nat(model: &Model) -> Option<String> {
    let data = model.details.as_ref()?.data.as_ref()?;
    data.instance.network_interfaces[0]
        .primary_v4_address
        .as_ref()?
        .one_to_one_nat
        .as_ref()
        .map(|n| n.address.clone())
}

#[tokio::test]
async fn remove_then_add_a_public_ip_from_keys() {
    let Dashboard {
        emulator: _emulator,
        cloud,
        mut model,
    } = listed_with_ops_taking(Duration::from_millis(100), (140, 45)).await;

    // web-1's details.
    open_details(&cloud, &mut model, seed::RUNNING_INSTANCE_ID).await;
    assert_eq!(details_nat(&model).as_deref(), Some(seed::USED_ADDRESS));

    // `n` on an interface that has a public IP is refused in one line.
    assert!(press(&mut model, KeyCode::Char('n')).is_empty());
    assert!(model.form.is_none());
    assert!(
        model
            .toasts
            .last()
            .is_some_and(|t| t.text.contains("already has the public address")),
        "{:?}",
        model.toasts
    );

    // `N`: asks, default No; Enter on No sends nothing.
    press(&mut model, KeyCode::Char('N'));
    let asked = question(&model);
    assert!(
        asked.starts_with(&format!(
            "Remove the public IP {} from network interface 0 of web-1",
            seed::USED_ADDRESS
        )),
        "{asked}"
    );
    assert!(asked.contains("yc compute instance remove-one-to-one-nat"));
    assert!(press(&mut model, KeyCode::Enter).is_empty());
    press(&mut model, KeyCode::Char('N'));
    let effects = press(&mut model, KeyCode::Char('y'));
    assert_eq!(effects.len(), 1, "{effects:?}");
    run(&cloud, &mut model, effects, |m| {
        m.ops.ops.first().is_some_and(|o| o.view.state.is_final()) && details_nat(m).is_none()
    })
    .await;
    assert_eq!(model.ops.ops[0].view.description, "Remove one-to-one NAT");
    assert_eq!(model.ops.ops[0].view.state.label(), "done");

    // `n`: the public IP form, with the zone's free static addresses.
    let effects = press(&mut model, KeyCode::Char('n'));
    let purpose = model.form.as_ref().map(|f| f.purpose);
    assert_eq!(purpose, Some(Purpose::PublicIp { index: 0 }));
    run(&cloud, &mut model, effects, |m| {
        m.form.as_ref().is_some_and(|f| f.loads.ready())
    })
    .await;
    press(&mut model, KeyCode::Char(' ')); // ephemeral -> static
    press(&mut model, KeyCode::Enter); // the address picker
    typed(&mut model, seed::FREE_ADDRESS);
    press(&mut model, KeyCode::Enter);
    let form = model.form.as_ref().expect("form");
    assert_eq!(form.input.ipv4.nat.address, seed::FREE_ADDRESS);
    // A public DNS record in example.com.
    press(&mut model, KeyCode::Tab);
    ctrl(&mut model, 'n');
    typed(&mut model, "web1-public");
    press(&mut model, KeyCode::Tab);
    press(&mut model, KeyCode::Enter); // the zone picker
    typed(&mut model, "example");
    press(&mut model, KeyCode::Enter);

    ctrl(&mut model, 's');
    let asked = question(&model);
    assert!(
        asked.starts_with(&format!(
            "Add the static public IP {} to network interface 0 of web-1",
            seed::FREE_ADDRESS
        )),
        "{asked}"
    );
    assert!(
        asked.contains("• DNS web1-public in zone example.com."),
        "{asked}"
    );
    assert!(
        asked.contains(&format!(
            "yc compute instance add-one-to-one-nat --id {} --network-interface-index 0 --nat-address {}",
            seed::RUNNING_INSTANCE_ID,
            seed::FREE_ADDRESS
        )),
        "{asked}"
    );
    assert!(
        press(&mut model, KeyCode::Enter).is_empty(),
        "No sends nothing"
    );
    assert!(model.form.is_some(), "the form stays for another try");
    ctrl(&mut model, 's');
    let effects = press(&mut model, KeyCode::Char('y'));
    assert_eq!(effects.len(), 1, "{effects:?}");
    run(&cloud, &mut model, effects, |m| {
        m.form.is_none() && details_nat(m).as_deref() == Some(seed::FREE_ADDRESS)
    })
    .await;
    assert_eq!(model.ops.ops[0].view.description, "Add one-to-one NAT");
    assert_eq!(model.ops.ops.len(), 2, "one operation each");

    let instance = cloud
        .get_instance(seed::RUNNING_INSTANCE_ID)
        .await
        .expect("web-1");
    let nat = instance.network_interfaces[0]
        .primary_v4_address
        .clone()
        .and_then(|a| a.one_to_one_nat)
        .expect("a public IP");
    assert_eq!(nat.address, seed::FREE_ADDRESS);
    assert_eq!(nat.dns_records.len(), 1);
    assert!(nat.dns_records[0].fqdn.starts_with("web1-public"));
}
