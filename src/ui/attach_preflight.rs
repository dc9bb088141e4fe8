//! The attach form's pre-flight lines: the instance, what its state allows (stop first for an
//! attach or an edit that moves the interface, naming the key), loading, submission and the
//! errors that belong to no field.

use ratatui::style::Modifier;

use super::attach_form::{LABEL, Rows};
use crate::{
    app::attach::{
        loads::Load,
        loads::Part,
        state::{Purpose, Stage},
    },
    keymap::Action,
    nic::error::Field,
};

pub(super) fn preflight(r: &mut Rows) {
    let f = r.form;
    let used: Vec<&str> = f
        .instance
        .network_interfaces
        .iter()
        .map(|n| n.index.as_str())
        .collect();
    r.muted(format!("  {:<w$}", "instance", w = LABEL - 2));
    // Until the instance is read, the list's row has no interfaces to count.
    let interfaces = if f.loads.instance == Load::Loading {
        "interfaces loading…".to_string()
    } else if used.is_empty() {
        "0 interface(s), index none used".to_string()
    } else {
        format!(
            "{} interface(s), index {} used",
            used.len(),
            used.join(", ")
        )
    };
    r.plain(format!(
        "{} ({}) · {} · {} · {interfaces}",
        f.instance.name,
        f.instance.id,
        f.instance.zone_id,
        f.status_name(),
    ));
    r.end();
    if let Purpose::PublicIp { index } = f.purpose {
        r.muted(format!("  {:<w$}", "interface", w = LABEL - 2));
        r.plain(format!(
            "{index} · a RUNNING or STOPPED instance can get a public IP; {} asks before sending",
            r.keymap.keys_of(Action::Review)
        ));
        r.end();
    } else if let Purpose::Edit { index } = f.purpose {
        edit_preflight(r, index);
    } else if !f.stopped() {
        let warn = r.theme.fg(r.theme.warning).add_modifier(Modifier::BOLD);
        // Waiting only while the stop runs: a stop that failed leaves the instance as it was,
        // and the user is offered the stop-first key again.
        let stopping = f.instance.status
            == crate::api::proto::yandex::cloud::compute::v1::instance::Status::Stopping as i32;
        let text = if f.stopped_for_this && stopping {
            format!(
                "  the instance is {}: waiting for STOPPED before it can be submitted",
                f.status_name()
            )
        } else {
            format!(
                "  the instance is {}: interfaces attach only to a STOPPED instance. {} stops it first",
                f.status_name(),
                r.keymap.keys_of(Action::StopFirst)
            )
        };
        r.push(text, warn);
        r.end();
    }
    // Each part loads on its own: what is still on its way, and what failed.
    let loading: Vec<&str> = Part::ALL
        .into_iter()
        .filter(|p| *f.loads.get(*p) == Load::Loading)
        .map(Part::label)
        .collect();
    if !loading.is_empty() {
        r.muted(format!("  loading {}…", loading.join(", ")));
        r.end();
    }
    for part in Part::ALL {
        if let Load::Failed(e) = f.loads.get(part) {
            let again = if part == Part::Instance {
                ""
            } else {
                " (opening its picker tries again)"
            };
            r.push(
                format!(
                    "  ✗ could not load {}: {}{again}",
                    part.label(),
                    e.summary()
                ),
                r.theme.fg(r.theme.error),
            );
            r.end();
        }
    }
    match &f.stage {
        Stage::Submitted { operation_id: None } => {
            r.push("  submitting…", r.theme.fg(r.theme.accent));
            r.end();
        }
        Stage::Submitted {
            operation_id: Some(id),
        } => {
            r.push(
                format!("  operation {id} is running; the form closes when it is done"),
                r.theme.fg(r.theme.accent),
            );
            r.end();
        }
        _ => {}
    }
    let top: Vec<String> = f
        .feedback
        .errors_for(Field::Instance)
        .into_iter()
        .chain(
            f.feedback
                .server_error
                .as_ref()
                .filter(|s| s.field.is_none())
                .map(|s| s.error.summary()),
        )
        .collect();
    for message in top {
        r.push(format!("  ✗ {message}"), r.theme.fg(r.theme.error));
        r.end();
    }
    r.end();
}

/// What the edit form can change now: one line, naming the stop-first key on a RUNNING
/// instance.
fn edit_preflight(r: &mut Rows, index: u32) {
    let f = r.form;
    r.muted(format!("  {:<w$}", "interface", w = LABEL - 2));
    let keymap = r.keymap;
    let keys = |a| keymap.keys_of(a);
    if f.stopped() {
        r.plain(format!(
            "{index} · every field can change; {} reviews only what differs",
            keys(Action::Review)
        ));
        r.end();
        return;
    }
    let running = f.instance.status
        == crate::api::proto::yandex::cloud::compute::v1::instance::Status::Running as i32;
    if running {
        r.plain(format!(
            "{index} · security groups and DNS records change while it runs"
        ));
    } else {
        r.plain(format!("{index} · the instance is {}", f.status_name()));
    }
    r.end();
    let text = if f.stopped_for_this {
        "waiting for STOPPED to change subnet or internal IPv4".to_string()
    } else {
        format!(
            "subnet and internal IPv4 need STOPPED: {} stops it first",
            keys(Action::StopFirst)
        )
    };
    r.push(format!("{:LABEL$}", ""), r.theme.fg(r.theme.muted));
    r.push(
        text,
        r.theme.fg(r.theme.warning).add_modifier(Modifier::BOLD),
    );
    r.end();
}
