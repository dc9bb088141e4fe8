//! The review and submission (attach, or an edit's update): review keys (submit, back, copy),
//! sending with the form's idempotency key (an unchanged draft reuses it), a refusal placed at its field, and
//! the end of the form's operation (close and offer a start, or back to editing with the error).

use super::{
    feedback::ServerError,
    outcome::{Attached, Outcome, StartOffer},
    review::{ReviewText, review_text},
    state::{AttachForm, Purpose, ReviewRequest, Stage},
};

/// How AddOneToOneNat's refusals name the public address spec.
const NAT_SPEC: &str = "one_to_one_nat_spec";
use crate::{
    api::{
        ApiError, idempotency_key,
        operation::{OpResponse, OpState},
        proto::yandex::cloud::compute::v1::AddInstanceOneToOneNatRequest,
    },
    app::{model::Level, msg::Effect, mutation::Mutation},
    keymap::{Action, Keymap},
    nic::{error::Field, load::field_of},
};

/// A key in the review (text is never typed there, so only its action counts).
pub fn review_key(form: &mut AttachForm, action: Option<Action>, keymap: &Keymap) -> Outcome {
    let Stage::Review { request, .. } = &form.stage else {
        return Outcome::default();
    };
    let text = review_text(form, request);
    let scroll_by = |form: &mut AttachForm, delta: i32| {
        if let Stage::Review { scroll, .. } = &mut form.stage {
            *scroll = (i32::from(*scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16;
        }
    };
    let copy = |part: fn(ReviewText) -> String, what: &str| {
        text.clone()
            .map(|t| (part(t), format!("copied the {what}")))
    };
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
        Some(Action::CopyJson) => copy(|t| t.json, "request JSON"),
        Some(Action::CopyCommand) => copy(|t| t.command, "yc command"),
        Some(Action::CopyTable) => copy(|t| t.table, "before/after table"),
        Some(Action::Submit) => return submit(form, keymap),
        _ => None,
    };
    match copied {
        Some((text, note)) => Outcome {
            effects: vec![Effect::Copy(text)],
            ..Outcome::toast(Level::Info, note)
        },
        None => Outcome::default(),
    }
}

/// Enter in review: send the request; an unchanged draft reuses its idempotency key. An edit
/// that changes nothing sends nothing.
fn submit(form: &mut AttachForm, keymap: &Keymap) -> Outcome {
    let Stage::Review { request, .. } = &form.stage else {
        return Outcome::default();
    };
    let stop_keys = keymap.keys_of(Action::StopFirst);
    let refusal = match request {
        ReviewRequest::Attach(_) if !form.stopped() => Some(format!(
            "the instance is {}: stop it first ({stop_keys} in the form)",
            form.status_name()
        )),
        ReviewRequest::Attach(_) => None,
        ReviewRequest::Update(None) => {
            return Outcome::toast(Level::Info, "nothing to change: nothing was sent");
        }
        ReviewRequest::Update(Some(_)) => form.edit_refusal(&stop_keys),
    };
    if let Some(reason) = refusal {
        return Outcome::toast(Level::Error, reason);
    }
    let request = request.clone();
    let key = form.key_for(idempotency_key);
    form.stage = Stage::Submitted { operation_id: None };
    form.feedback.server_error = None;
    let mutation = match request {
        ReviewRequest::Attach(request) => Mutation::Attach(request),
        ReviewRequest::Update(Some(request)) => Mutation::UpdateNic(request),
        ReviewRequest::Update(None) => return Outcome::default(),
    };
    Outcome::effects(vec![Effect::Mutate {
        mutation,
        key: Some(key),
    }])
}

/// The confirmed public IP request: send it; an unchanged draft reuses its idempotency key.
pub fn submit_nat(form: &mut AttachForm, request: Box<AddInstanceOneToOneNatRequest>) -> Outcome {
    if !matches!(form.stage, Stage::Edit) {
        return Outcome::default();
    }
    let key = form.key_for(idempotency_key);
    form.stage = Stage::Submitted { operation_id: None };
    form.feedback.server_error = None;
    Outcome::effects(vec![Effect::Mutate {
        mutation: Mutation::AddNat(request),
        key: Some(key),
    }])
}

/// A refusal or a failed operation: back to editing, every value kept, the error placed at its
/// field when the form shows that field (else above the fields).
pub fn refused(form: &mut AttachForm, error: ApiError) {
    let draft = form.draft();
    let placed = match form.purpose {
        // AddOneToOneNat names its own paths; the form's fields carry the attach request's.
        Purpose::PublicIp { .. } if error.message.starts_with(NAT_SPEC) => ApiError {
            message: format!("primary_v4_address_spec.{}", error.message),
            ..error.clone()
        },
        _ => error.clone(),
    };
    let shown = form.slots();
    let field = field_of(&placed)
        .map(|f| draft.draft_field(f))
        .filter(|f| *f == Field::Instance || shown.iter().any(|s| s.field() == Some(*f)));
    form.stage = Stage::Edit;
    if let Some(field) = field {
        form.focus = form
            .slots()
            .into_iter()
            .find(|s| s.field() == Some(field))
            .unwrap_or(form.focus);
    }
    form.feedback.server_error = Some(ServerError { field, error });
}

/// An operation finished: when it is the form's, close the form (success) or reopen it for
/// editing (failure).
pub fn on_finished(form: &mut AttachForm, id: &str, state: &OpState) -> Outcome {
    let ours = matches!(&form.stage, Stage::Submitted { operation_id: Some(op) } if op == id);
    if !ours {
        return Outcome::default();
    }
    if let OpState::Failed(e) = state {
        refused(form, e.clone());
        // The operation ended without attaching: sending again needs a new key, or the
        // server would answer with this failed operation.
        form.submission = None;
        return Outcome::default();
    }
    let instance_id = form.instance.id.clone();
    let name = form.instance.name.clone();
    let done = match form.purpose {
        Purpose::Attach => format!(
            "attached network interface {} to {name}",
            form.input.index.text()
        ),
        Purpose::PublicIp { index } => {
            format!("added a public IP to network interface {index} of {name}")
        }
        Purpose::Edit { index } => format!("updated network interface {index} of {name}"),
    };
    let instance = match state {
        OpState::Done(OpResponse::Instance(instance)) => Some(instance.clone()),
        _ => None,
    };
    Outcome {
        close: true,
        attached: Some(Attached {
            instance_id: instance_id.clone(),
            instance,
        }),
        offer_start: form.stopped_for_this.then(|| StartOffer {
            instance_id,
            name: name.clone(),
        }),
        ..Outcome::toast(Level::Success, done)
    }
}
