//! The attach review and submission: review keys (submit, back, copy), sending with the
//! form's idempotency key (an unchanged draft reuses it), the call's answer, and the end of
//! the operation (close with a toast and offer a start, or back to editing with the error).

use super::{
    attach_form::{AttachForm, ServerError, Stage},
    attach_review::nic_table,
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::{Effect, PowerAction},
    steps::{instance_loaded, track},
};
use crate::{
    api::{
        ApiError, idempotency_key,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::operation::Operation,
    },
    keymap::Action,
    nic::{
        load::field_of,
        preview::{request_json, yc_command},
    },
};

pub fn on_key(model: &mut Model, action: Option<Action>) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    let Stage::Review { request, .. } = &form.stage else {
        return Vec::new();
    };
    let request = request.clone();
    let scroll_by = |form: &mut AttachForm, delta: i32| {
        if let Stage::Review { scroll, .. } = &mut form.stage {
            *scroll = (i32::from(*scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16;
        }
    };
    let copy = |text: String, what: &str| (text, format!("copied the {what}"));
    let copied = match action {
        Some(Action::Back) => {
            form.stage = Stage::Edit;
            None
        }
        Some(Action::ItemUp) => {
            scroll_by(form, -1);
            None
        }
        Some(Action::ItemDown) => {
            scroll_by(form, 1);
            None
        }
        Some(Action::CopyJson) => Some(copy(request_json(&request), "request JSON")),
        Some(Action::CopyCommand) => Some(copy(yc_command(&request).0, "yc command")),
        Some(Action::CopyTable) => Some(copy(nic_table(form, &request), "interface table")),
        Some(Action::Submit) => return submit(model),
        _ => None,
    };
    match copied {
        Some((text, note)) => {
            model.toast(Level::Info, note);
            vec![Effect::Copy(text)]
        }
        None => Vec::new(),
    }
}

/// Enter in review: send the request; an unchanged draft reuses its idempotency key.
fn submit(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.form.as_mut() else {
        return Vec::new();
    };
    if !form.stopped() {
        let status = form.status_name();
        model.toast(
            Level::Error,
            format!("the instance is {status}: stop it first (Ctrl-T in the form)"),
        );
        return Vec::new();
    }
    let Stage::Review { request, .. } = &form.stage else {
        return Vec::new();
    };
    let request = request.clone();
    let key = form.key_for(idempotency_key);
    form.stage = Stage::Submitted { operation_id: None };
    form.server_error = None;
    vec![Effect::Attach { request, key }]
}

/// The attach call's answer: track the operation, or bring the form back with the refusal.
pub fn on_started(
    model: &mut Model,
    instance_id: &str,
    result: Result<Operation, ApiError>,
) -> Vec<Effect> {
    match result {
        // A repeated answer (same idempotency key, same operation) is tracked already: the
        // form follows it, and takes its end at once when it is over.
        Ok(op) if model.ops.get(&op.id).is_some() => {
            let id = op.id.clone();
            if let Some(form) = model.form.as_mut()
                && form.instance.id == instance_id
            {
                form.stage = Stage::Submitted {
                    operation_id: Some(id.clone()),
                };
            }
            match model.ops.get(&id).map(|o| o.view.state.clone()) {
                Some(state) if state.is_final() => on_finished(model, &id, &state),
                _ => Vec::new(),
            }
        }
        Ok(op) => {
            let id = op.id.clone();
            if let Some(form) = model.form.as_mut()
                && form.instance.id == instance_id
            {
                form.stage = Stage::Submitted {
                    operation_id: Some(id),
                };
            }
            track(model, instance_id, op)
        }
        Err(error) => {
            refused(model, instance_id, error);
            Vec::new()
        }
    }
}

/// A refusal or a failed operation: back to editing, every value kept, the error placed.
fn refused(model: &mut Model, instance_id: &str, error: ApiError) {
    let Some(form) = model.form.as_mut().filter(|f| f.instance.id == instance_id) else {
        model.toast(Level::Error, format!("attach: {}", error.summary()));
        return;
    };
    let draft = form.draft();
    let field = field_of(&error).map(|f| draft.draft_field(f));
    form.stage = Stage::Edit;
    if let Some(field) = field {
        form.focus = form
            .slots()
            .into_iter()
            .find(|s| s.field() == Some(field))
            .unwrap_or(form.focus);
    }
    form.server_error = Some(ServerError { field, error });
}

/// An operation finished: when it is the form's, close the form (success) or reopen it for
/// editing (failure); the instance's own stop finishing lets the form go on.
pub fn on_finished(model: &mut Model, id: &str, state: &OpState) -> Vec<Effect> {
    let Some(form) = model.form.as_ref() else {
        return Vec::new();
    };
    let ours = matches!(&form.stage, Stage::Submitted { operation_id: Some(op) } if op == id);
    if !ours {
        return Vec::new();
    }
    let instance_id = form.instance.id.clone();
    let name = form.instance.name.clone();
    let restart = form.stopped_for_this;
    match state {
        OpState::Failed(e) => {
            refused(model, &instance_id, e.clone());
            // The operation ended without attaching: sending again needs a new key, or the
            // server would answer with this failed operation.
            if let Some(form) = model.form.as_mut() {
                form.submission = None;
            }
            Vec::new()
        }
        _ => {
            let index = model
                .form
                .as_ref()
                .map(|f| f.index.text().to_string())
                .unwrap_or_default();
            model.form = None;
            model.toast(
                Level::Success,
                format!("attached network interface {index} to {name}"),
            );
            let mut effects = Vec::new();
            match state {
                OpState::Done(OpResponse::Instance(instance)) => {
                    instance_loaded(model, (**instance).clone());
                }
                _ => effects.push(Effect::LoadInstance {
                    instance_id: instance_id.clone(),
                }),
            }
            // The details view under the form names the new interface's subnet and groups.
            if model
                .details
                .as_ref()
                .is_some_and(|d| d.instance_id == instance_id)
            {
                effects.push(Effect::LoadDetails {
                    instance_id: instance_id.clone(),
                });
            }
            if restart {
                model.overlay = Some(Overlay::Confirm(Confirm {
                    title: "start instance".into(),
                    question: format!("{name} was stopped for this; start it again?"),
                    pending: Pending::Power {
                        action: PowerAction::Start,
                        instance_id,
                        name,
                    },
                    yes_selected: true,
                }));
            }
            effects
        }
    }
}
