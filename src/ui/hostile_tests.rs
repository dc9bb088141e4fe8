//! Hostile server text on screen: escape sequences show as visible `\u{1b}` text (never raw,
//! never silently dropped), and fields, toasts and dialogs of any length or content draw
//! without a panic, in the list, the details, the operations pane and the overlays.

use proptest::prelude::*;

use super::tests::{details_model, text};
use crate::api::proto::yandex::cloud::compute::v1::{DnsRecord, Instance};
use crate::app::{
    Msg, PowerAction,
    model::{Confirm, Level, Overlay, Pending},
    update,
};

const ESC_NAME: &str = "web\u{1b}]0;pwned\u{7}\u{202e}x";

/// The details screen showing `instance` (kept in the list too).
fn details_of(instance: Instance) -> crate::app::Model {
    let mut model = details_model();
    model
        .instances
        .upsert(&instance, crate::app::fixtures::now());
    if let Some(details) = model.details.as_mut()
        && let Some(data) = details.data.as_mut()
    {
        data.instance = instance;
    }
    model
}

fn hostile(name: &str, records: Vec<String>) -> Instance {
    let mut instance = details_model()
        .details
        .and_then(|d| d.data)
        .map(|d| d.instance)
        .unwrap_or_default();
    instance.name = name.into();
    instance.description = name.repeat(3);
    instance.labels.insert(name.into(), name.into());
    if let Some(v4) = instance
        .network_interfaces
        .first_mut()
        .and_then(|n| n.primary_v4_address.as_mut())
    {
        v4.dns_records = records
            .into_iter()
            .map(|fqdn| DnsRecord {
                fqdn,
                ..Default::default()
            })
            .collect();
    }
    instance
}

#[test]
fn escape_bytes_from_the_server_show_visibly_in_list_and_details() {
    let model = details_of(hostile(ESC_NAME, vec![format!("{ESC_NAME}.internal.")]));
    let screen = text(&model, 160, 60);
    assert!(
        screen.contains("web\\u{1b}]0;pwned\\u{7}\\u{202e}x"),
        "{screen}"
    );
    assert!(!screen.contains('\u{202e}'));
    let mut list = model.clone();
    update(&mut list, Msg::Key(crossterm::event::KeyCode::Esc.into()));
    let screen = text(&list, 160, 40);
    assert!(screen.contains("web\\u{1b}]0;pwned"), "{screen}");
}

#[test]
fn toasts_and_dialogs_of_any_length_draw() {
    let mut model = details_model();
    let huge = format!("{ESC_NAME}{}", "m".repeat(70_000));
    model.toast(Level::Error, huge.clone());
    let screen = text(&model, 100, 30);
    assert!(screen.contains("web\\u{1b}]0;pwned"), "{screen}");
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: huge.clone(),
        question: huge.clone(),
        pending: Pending::Power {
            action: PowerAction::Stop,
            instance_id: "i".into(),
            name: huge,
        },
        yes_selected: false,
    }));
    let screen = text(&model, 100, 30);
    assert!(screen.contains("web\\u{1b}"), "{screen}");
}

#[test]
fn thousands_of_huge_dns_records_draw() {
    let records: Vec<String> = (0..2000)
        .map(|n| format!("{}-{n}.example.", "r".repeat(200)))
        .collect();
    let model = details_of(hostile(&"n".repeat(70_000), records));
    let screen = text(&model, 200, 50);
    assert!(screen.contains('…'), "{screen}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_server_text_draws_without_control_characters(
        name in "\\PC{0,80}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202a}-\\u{202e}a-z]{0,80}",
        records in prop::collection::vec("\\PC{0,300}|[\\x00-\\x1fa]{0,40}", 0..20),
        width in 1u16..200,
        height in 1u16..60,
    ) {
        let model = details_of(hostile(&name, records));
        let screen = text(&model, width, height);
        prop_assert!(!screen.chars().any(|c| c != '\n' && crate::safe_text::is_unsafe(c)));
    }
}
