//! Connects the attach form component to the root: opens it for an instance, routes keys and
//! answers to it, and applies its `Outcome` (toasts, dialogs, closing, the attached instance).

use crossterm::event::{KeyCode, KeyEvent};

use super::{
    allowed::named,
    attach::{self, AttachForm, AttachMsg, Outcome, outcome::Attached, tickets::Tickets},
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::{Effect, PowerAction},
    steps::{instance_loaded, track},
};
use crate::api::{
    ApiError,
    operation::OpState,
    proto::yandex::cloud::{
        compute::v1::{AddInstanceOneToOneNatRequest, Instance},
        operation::Operation,
    },
};
use crate::keymap::{Action, KeyContext};
use crate::nic::change_preview::add_nat_yc;

/// Opens the attach form for `instance` and asks for its options.
pub fn open(model: &mut Model, instance: Instance) -> Vec<Effect> {
    show(model, AttachForm::new(instance))
}

/// Puts `form` on screen and asks for its options. The security group names the details view
/// of its instance already read name the groups of its interfaces from the first frame.
pub fn show(model: &mut Model, mut form: AttachForm) -> Vec<Effect> {
    let names = model
        .details
        .as_ref()
        .filter(|d| d.instance_id == form.instance.id)
        .and_then(|d| d.data.as_ref())
        .map(|data| data.security_groups.clone());
    form.group_names.extend(names.unwrap_or_default());
    model.forms_opened += 1;
    form.tickets = Tickets::of_form(model.forms_opened);
    let effects = attach::update::open(&mut form);
    model.form = Some(form);
    effects
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(form) = model.form.as_ref() else {
        return Vec::new();
    };
    // Help opens from the form too. In a text field (or a picker's filter) a rebound letter
    // types itself, but `?` always opens help: no field's value can hold one.
    let help = model.keymap.action(&[KeyContext::Global], key) == Some(Action::Help);
    let typing =
        form.picker.is_some() || (form.key_context() == KeyContext::Form && form.focus.is_text());
    let types = matches!(key.code, KeyCode::Char(c) if c != '?');
    if help && !(typing && types) {
        super::help::open(model);
        return Vec::new();
    }
    let action = model.keymap.action(&[form.key_context()], key);
    on_msg(model, AttachMsg::Key { action, key: *key })
}

/// Hands `msg` to the open form and applies what it asks for.
pub fn on_msg(model: &mut Model, msg: AttachMsg) -> Vec<Effect> {
    match model.form.as_mut() {
        Some(form) => {
            let outcome = attach::update(form, msg, &model.keymap);
            apply(model, outcome)
        }
        None => Vec::new(),
    }
}

/// Ctrl-T: asks before stopping the form's instance, naming it; No is the default, so Enter
/// alone does nothing. The answer keys are the keymap's.
fn ask_stop(model: &mut Model) {
    let Some(form) = model.form.as_ref() else {
        return;
    };
    let who = super::allowed::named(&form.instance.name, &form.instance.id);
    let keys = |action| model.keymap.keys_of(action);
    let then = match form.purpose {
        super::attach::state::Purpose::Edit { .. } => "Its subnet and internal IPv4 can change",
        _ => "The interface is attached",
    };
    let question = format!(
        "Stop {who}? It is RUNNING: whatever runs on it stops too. {then} once it is STOPPED, \
         then you are offered to start it again. {} stops it, {} keeps it running.",
        keys(Action::Yes),
        keys(Action::No)
    );
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: "stop instance first".into(),
        question,
        pending: Pending::StopForForm {
            instance_id: form.instance.id.clone(),
        },
        yes_selected: false,
    }));
}

/// The stop asked by Ctrl-T was confirmed: the form sends it, if it is still `instance_id`'s.
pub fn stop_confirmed(model: &mut Model, instance_id: &str) -> Vec<Effect> {
    if !form_of(model, instance_id) {
        return Vec::new();
    }
    on_msg(model, AttachMsg::StopConfirmed)
}

/// Whether the open form is `instance_id`'s.
fn form_of(model: &Model, instance_id: &str) -> bool {
    model
        .form
        .as_ref()
        .is_some_and(|f| f.instance.id == instance_id)
}

/// The attach call's answer: track the operation, or bring the form back with the refusal.
/// `what` names the call in a refusal told without a form ("attach").
pub fn on_started(
    model: &mut Model,
    instance_id: &str,
    result: Result<Operation, ApiError>,
    what: &str,
) -> Vec<Effect> {
    let ours = form_of(model, instance_id);
    match result {
        Ok(op) => {
            let id = op.id.clone();
            // A repeated answer (same idempotency key, same operation) is tracked already: the
            // form follows it, and takes its end at once when it is over.
            let known = model.ops.get(&id).map(|o| o.view.state.clone());
            let mut effects = Vec::new();
            if ours {
                let operation_id = id.clone();
                effects.extend(on_msg(model, AttachMsg::Accepted { operation_id }));
            }
            match known {
                Some(state) if state.is_final() => effects.extend(finished(model, &id, &state)),
                Some(_) => {}
                None => effects.extend(track(model, instance_id, op)),
            }
            effects
        }
        Err(error) if ours => on_msg(model, AttachMsg::Refused(error)),
        Err(error) => {
            model.toast(Level::Error, format!("{what}: {}", error.summary()));
            Vec::new()
        }
    }
}

/// An operation ended: the form's own closes or reopens the form.
pub fn finished(model: &mut Model, id: &str, state: &OpState) -> Vec<Effect> {
    let operation_id = id.to_string();
    let state = state.clone();
    on_msg(
        model,
        AttachMsg::Finished {
            operation_id,
            state,
        },
    )
}

fn apply(model: &mut Model, outcome: Outcome) -> Vec<Effect> {
    let Outcome {
        mut effects,
        toast,
        close,
        ask_discard,
        attached,
        offer_start,
        confirm_stop,
        confirm_nat,
    } = outcome;
    if close {
        model.form = None;
    }
    // What the form said about its fields is over once it reaches its review or closes.
    let moved_on = model
        .form
        .as_ref()
        .is_none_or(|f| f.key_context() == KeyContext::Review);
    if moved_on {
        model.toasts.retain(|t| !t.about_form);
    }
    match toast {
        Some((level, text)) if moved_on => model.toast(level, text),
        Some((level, text)) => model.form_toast(level, text),
        None => {}
    }
    if ask_discard {
        model.overlay = Some(Overlay::Confirm(Confirm {
            title: "discard the form".into(),
            question: "Discard what was typed in the form?".into(),
            pending: Pending::DiscardForm,
            yes_selected: false,
        }));
    }
    if let Some(Attached {
        instance_id,
        instance,
    }) = attached
    {
        match instance {
            Some(instance) => instance_loaded(model, *instance),
            None => effects.push(Effect::LoadInstance {
                instance_id: instance_id.clone(),
            }),
        }
        // The details view under the form names the new interface's subnet and groups.
        if model
            .details
            .as_ref()
            .is_some_and(|d| d.instance_id == instance_id)
        {
            effects.push(Effect::LoadDetails { instance_id });
        }
    }
    if confirm_stop {
        ask_stop(model);
    }
    if let Some(request) = confirm_nat {
        confirm_add(model, request);
    }
    if let Some(offer) = offer_start {
        model.overlay = Some(Overlay::Confirm(Confirm {
            title: "start instance".into(),
            question: format!(
                "{} was stopped for this; start it again?",
                super::allowed::named(&offer.name, &offer.instance_id)
            ),
            pending: Pending::Power {
                action: PowerAction::Start,
                instance_id: offer.instance_id,
                name: offer.name,
            },
            yes_selected: true,
        }));
    }
    effects
}

/// The question before sending the form's request: what address, which records, and the yc
/// command that does the same.
pub fn confirm_add(model: &mut Model, request: Box<AddInstanceOneToOneNatRequest>) {
    let Some(form) = model.form.as_ref() else {
        return;
    };
    let who = named(&form.instance.name, &form.instance.id);
    let spec = request.one_to_one_nat_spec.clone().unwrap_or_default();
    let address = if spec.address.is_empty() {
        "an ephemeral public IP".to_string()
    } else {
        format!("the static public IP {}", spec.address)
    };
    let mut question = format!(
        "Add {address} to network interface {} of {who}?",
        request.network_interface_index
    );
    for record in &spec.dns_record_specs {
        let zone = match form.ctx.dns_zones.get(&record.dns_zone_id) {
            Some(zone) => format!("zone {zone}"),
            None if record.dns_zone_id.is_empty() => "a private zone".to_string(),
            None => format!("zone {}", record.dns_zone_id),
        };
        let ptr = if record.ptr { ", with PTR" } else { "" };
        question.push_str(&format!("\n• DNS {} in {zone}{ptr}", record.fqdn));
    }
    let (yc, notes) = add_nat_yc(&request);
    question.push_str(&format!("\n{yc}"));
    for note in notes {
        question.push_str(&format!("\n({note})"));
    }
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: "add public IP".into(),
        question,
        pending: Pending::AddNat { request },
        yes_selected: false,
    }));
}
