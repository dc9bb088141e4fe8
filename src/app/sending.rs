//! The operations pane's rows for requests sent but not answered yet: one "sending…" row per
//! mutating request or cancel, made by the root update the moment it asks the runtime for it,
//! so a confirmed action shows at once instead of after a round trip. The answer resolves the
//! row: an operation replaces it with the operation's own row (this one goes), a refusal or an
//! unknown outcome leaves it in that state, like a finished operation.
//!
//! Every such effect answers with exactly one message naming the same request (its kind and
//! instance; the idempotency key for a resend; the operation for a cancel), and that answer
//! resolves the oldest row of the same request: one row per request, never lost or doubled.

use std::time::SystemTime;

use super::{
    model::Model,
    msg::{Effect, Msg, PowerAction},
    operations::Operations,
};
use crate::api::{ApiError, mutation_outcome_unknown};

/// Which request a row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Power(PowerAction),
    Attach,
    Detach,
    UpdateNic,
    /// Add (`true`) or remove a public IP.
    Nat(bool),
    /// A journal entry sent again: `target` is its idempotency key.
    Resend,
    /// `target` is the operation id.
    Cancel,
}

/// A request, as its effect and its answer both name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    /// The instance id (the key for a resend, the operation id for a cancel).
    pub target: String,
}

impl Request {
    fn new(kind: Kind, target: &str) -> Self {
        Self {
            kind,
            target: target.to_string(),
        }
    }

    /// The request `effect` sends, if it sends one the pane shows.
    pub fn of_effect(effect: &Effect) -> Option<Self> {
        Some(match effect {
            Effect::Power {
                action,
                instance_id,
            } => Self::new(Kind::Power(*action), instance_id),
            Effect::Attach { request, .. } => Self::new(Kind::Attach, &request.instance_id),
            Effect::Detach { request } => Self::new(Kind::Detach, &request.instance_id),
            Effect::UpdateNic { request, .. } => Self::new(Kind::UpdateNic, &request.instance_id),
            Effect::AddNat { request, .. } => Self::new(Kind::Nat(true), &request.instance_id),
            Effect::RemoveNat { request } => Self::new(Kind::Nat(false), &request.instance_id),
            Effect::Resend { entry } => Self::new(Kind::Resend, &entry.idempotency_key),
            Effect::CancelOperation { id } => Self::new(Kind::Cancel, id),
            _ => return None,
        })
    }

    /// The request `msg` answers, with the refusal if it was one.
    pub fn of_answer(msg: &Msg) -> Option<(Self, Option<&ApiError>)> {
        let (request, result) = match msg {
            Msg::PowerStarted {
                action,
                instance_id,
                result,
            } => (Self::new(Kind::Power(*action), instance_id), result),
            Msg::AttachStarted {
                instance_id,
                result,
            } => (Self::new(Kind::Attach, instance_id), result),
            Msg::DetachStarted {
                instance_id,
                result,
            } => (Self::new(Kind::Detach, instance_id), result),
            Msg::NicUpdateStarted {
                instance_id,
                result,
            } => (Self::new(Kind::UpdateNic, instance_id), result),
            Msg::NatStarted {
                add,
                instance_id,
                result,
            } => (Self::new(Kind::Nat(*add), instance_id), result),
            Msg::Resent { entry, result } => {
                (Self::new(Kind::Resend, &entry.idempotency_key), result)
            }
            Msg::CancelAnswered { id, result } => (Self::new(Kind::Cancel, id), result),
            _ => return None,
        };
        Some((request, result.as_ref().err()))
    }
}

/// Where a sent request is.
#[derive(Debug, Clone, PartialEq)]
pub enum SentState {
    Sending,
    Refused(ApiError),
    /// No answer could be had (the journal keeps it "sent" for the next start).
    Unknown(ApiError),
}

/// One row of a request sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub request: Request,
    /// What it does and to which instance ("Stop instance web-1").
    pub what: String,
    pub since: SystemTime,
    pub state: SentState,
}

/// Adds a "sending…" row for each request among `effects`.
pub fn register(model: &mut Model, effects: &[Effect]) {
    for effect in effects {
        let Some(request) = Request::of_effect(effect) else {
            continue;
        };
        let what = describe(model, effect, &request);
        let since = model.now;
        model.ops.add_sent(Sent {
            request,
            what,
            since,
            state: SentState::Sending,
        });
    }
}

/// `msg` answers a request: its row goes (an operation shows in its own row) or shows the
/// refusal or the unknown outcome.
pub fn resolve(model: &mut Model, msg: &Msg) {
    let Some((request, error)) = Request::of_answer(msg) else {
        return;
    };
    let state = match error {
        None => None,
        Some(e) if request.kind != Kind::Cancel && mutation_outcome_unknown(e) => {
            Some(SentState::Unknown(e.clone()))
        }
        Some(e) => Some(SentState::Refused(e.clone())),
    };
    model.ops.resolve_sent(&request, state);
}

fn describe(model: &Model, effect: &Effect, request: &Request) -> String {
    let name = |instance_id: &str| {
        model
            .instances
            .find(instance_id)
            .map(|i| i.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| instance_id.to_string())
    };
    let (what, instance_id) = match (&request.kind, effect) {
        (Kind::Power(action), _) => (action.description().to_string(), request.target.clone()),
        (Kind::Attach, _) => ("Attach network interface".into(), request.target.clone()),
        (Kind::Detach, _) => ("Detach network interface".into(), request.target.clone()),
        (Kind::UpdateNic, _) => ("Update network interface".into(), request.target.clone()),
        (Kind::Nat(true), _) => ("Add one-to-one NAT".into(), request.target.clone()),
        (Kind::Nat(false), _) => ("Remove one-to-one NAT".into(), request.target.clone()),
        (Kind::Resend, Effect::Resend { entry }) => {
            (entry.description.clone(), entry.instance_id.clone())
        }
        (Kind::Resend, _) => ("Resend".into(), String::new()),
        (Kind::Cancel, _) => {
            return match model.ops.get(&request.target) {
                Some(op) => format!("Cancel {} {}", op.view.description, op.target_label()),
                None => format!("Cancel operation {}", request.target),
            };
        }
    };
    format!("{what} {}", name(&instance_id))
}

impl Operations {
    /// A new "sending…" row, at the top of the sent rows; the selection stays on its row.
    pub fn add_sent(&mut self, sent: Sent) {
        self.sent.insert(0, sent);
        if self.selected > 0 && self.selected >= self.queued.len() {
            self.selected += 1;
        }
    }

    /// The oldest unanswered row of `request` takes its answer: `None` (an operation, shown
    /// in its own row) removes it, else it keeps the refusal or the unknown outcome.
    pub fn resolve_sent(&mut self, request: &Request, state: Option<SentState>) {
        let Some(at) = self
            .sent
            .iter()
            .rposition(|s| s.state == SentState::Sending && s.request == *request)
        else {
            return;
        };
        match state {
            Some(state) => self.sent[at].state = state,
            None => {
                self.sent.remove(at);
                if self.selected > self.queued.len() + at {
                    self.selected -= 1;
                }
                self.selected = self.selected.min(self.rows_len().saturating_sub(1));
            }
        }
    }

    /// How many requests are waiting for their answer.
    pub fn sending(&self) -> usize {
        self.sent
            .iter()
            .filter(|s| s.state == SentState::Sending)
            .count()
    }
}
