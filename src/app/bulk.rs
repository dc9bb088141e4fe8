//! Bulk stop / start / restart of the marked instances: which of them allow the action (and
//! why the rest are skipped), the one confirmation, and the queue that sends each as its own
//! tracked request while no more than the folder's operation limit run at once.

use std::fmt::Write;

use super::{
    allowed::{InstanceAction, named, refusal},
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::Effect,
    mutation::Mutation,
    operations::Queued,
};
use crate::api::PowerAction;

/// Operations that may run at once in one folder (the API's quota); bulk actions past it wait.
pub const FOLDER_OPERATION_LIMIT: usize = 15;
/// Instances named in the dialog, per list; the rest are counted.
const NAMED: usize = 8;

/// Splits the marked instances into those `action` can go to (id, name) and the skipped, each
/// with the one line that says why.
pub fn split(model: &Model, action: PowerAction) -> (Vec<(String, String)>, Vec<String>) {
    let mut go = Vec::new();
    let mut skipped = Vec::new();
    for id in model.instances.marks.ids() {
        let Some(row) = model.instances.find(id) else {
            skipped.push(format!("{id} is no longer listed"));
            continue;
        };
        let who = named(&row.name, id);
        let why = if model.ops.is_queued(id) {
            Some(format!("{who} is already queued"))
        } else if model.ops.runs_on(id) {
            Some(format!("{who} has an operation running"))
        } else {
            refusal(InstanceAction::Power(action), row.status(), &who)
        };
        match why {
            Some(why) => skipped.push(why),
            None => go.push((id.to_string(), row.name.clone())),
        }
    }
    (go, skipped)
}

/// `s`/`S`/`R` with marks: one confirmation (default No) naming every instance it goes to and
/// every one skipped with why; a toast when none allows it.
pub fn confirm(model: &mut Model, action: PowerAction) {
    let (go, skipped) = split(model, action);
    if go.is_empty() {
        let reasons: Vec<String> = skipped.iter().take(3).cloned().collect();
        let more = if skipped.len() > 3 { "; …" } else { "" };
        model.toast(
            Level::Error,
            format!(
                "{}: none of the {} marked instances allows it ({}{more})",
                action.verb(),
                skipped.len(),
                reasons.join("; ")
            ),
        );
        return;
    }
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: format!("{} {} instances", action.verb(), go.len()),
        question: question(action, &go, &skipped),
        pending: Pending::BulkPower {
            action,
            targets: go,
        },
        yes_selected: false,
    }));
}

/// The dialog's text: one line per instance, the skipped ones with their reason.
fn question(action: PowerAction, go: &[(String, String)], skipped: &[String]) -> String {
    let noun = |n: usize| if n == 1 { "instance" } else { "instances" };
    let mut text = format!(
        "{} {} marked {}?\nEach is its own operation; at most {FOLDER_OPERATION_LIMIT} run at \
         once, the rest wait in the operations pane.",
        action.title(),
        go.len(),
        noun(go.len())
    );
    for (id, name) in go.iter().take(NAMED) {
        let _ = write!(text, "\n• {}", named(name, id));
    }
    if go.len() > NAMED {
        let _ = write!(text, "\n• … and {} more", go.len() - NAMED);
    }
    if !skipped.is_empty() {
        let _ = write!(text, "\nSkipped {}:", skipped.len());
        for s in skipped.iter().take(NAMED) {
            let _ = write!(text, "\n• {s}");
        }
        if skipped.len() > NAMED {
            let _ = write!(text, "\n• … and {} more", skipped.len() - NAMED);
        }
    }
    text
}

/// The confirmed bulk action: every target is queued, and as many as the limit allows go now.
pub fn start(
    model: &mut Model,
    action: PowerAction,
    targets: Vec<(String, String)>,
) -> Vec<Effect> {
    let since = model.now;
    model
        .ops
        .enqueue(targets.into_iter().map(|(instance_id, name)| Queued {
            action,
            instance_id,
            name,
            since,
        }));
    drain(model)
}

/// Sends queued actions while fewer than the limit run: watched operations plus mutating
/// requests not answered yet. (Operations of other dashboards or users in the folder are not
/// seen; the server's own refusal is shown if the quota is hit anyway.)
pub fn drain(model: &mut Model) -> Vec<Effect> {
    let running = model.ops.ops.iter().filter(|o| o.watched()).count();
    let busy = running + model.requests_in_flight;
    let free = FOLDER_OPERATION_LIMIT.saturating_sub(busy);
    let mut effects = Vec::new();
    while effects.len() < free {
        let Some(next) = model.ops.dequeue() else {
            break;
        };
        effects.push(Effect::send(Mutation::Power {
            action: next.action,
            instance_id: next.instance_id,
        }));
    }
    effects
}

/// `c` on a queued row: it leaves the queue (nothing was sent for it).
pub fn unqueue_selected(model: &mut Model) -> bool {
    let Some(item) = model.ops.unqueue_selected() else {
        return false;
    };
    let who = if item.name.is_empty() {
        item.instance_id
    } else {
        item.name
    };
    model.toast(
        Level::Info,
        format!(
            "{} {who}: taken off the queue, not sent",
            item.action.verb()
        ),
    );
    true
}
