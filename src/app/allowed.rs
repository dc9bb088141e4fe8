//! What an instance's status allows. Stop, start, restart and attach are offered only when the
//! API would take them; otherwise one line says why, instead of a confirm that then fails.

use crate::api::{PowerAction, proto::yandex::cloud::compute::v1::instance::Status};

/// An action on one instance that depends on its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceAction {
    Power(PowerAction),
    Attach,
}

/// `None` when `status` allows `action`; else the one line that says why not. `who` names the
/// instance ("web-1 (fhm…)").
pub fn refusal(action: InstanceAction, status: Status, who: &str) -> Option<String> {
    let name = status.as_str_name();
    let reason = match (action, status) {
        (InstanceAction::Power(PowerAction::Stop | PowerAction::Restart), Status::Running)
        | (InstanceAction::Power(PowerAction::Start), Status::Stopped)
        | (InstanceAction::Attach, Status::Running | Status::Stopped | Status::Stopping) => {
            return None;
        }
        (InstanceAction::Power(PowerAction::Stop), Status::Stopped | Status::Stopping)
        | (
            InstanceAction::Power(PowerAction::Start),
            Status::Running | Status::Starting | Status::Provisioning,
        ) => format!("{who} is already {name}"),
        (InstanceAction::Power(action), _) => {
            let needs = match action {
                PowerAction::Start => "STOPPED",
                PowerAction::Stop | PowerAction::Restart => "RUNNING",
            };
            format!(
                "{who} is {name}: only a {needs} instance can be {}",
                past(action)
            )
        }
        (InstanceAction::Attach, Status::Deleting) => {
            format!("{who} is DELETING: nothing can be attached to it")
        }
        (InstanceAction::Attach, _) => format!(
            "{who} is {name}: attach needs it STOPPED (or RUNNING, to stop first); wait until it settles"
        ),
    };
    Some(reason)
}

/// An instance as dialogs and messages name it: its name with the id after it, or the id alone.
pub fn named(name: &str, id: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        format!("{name} ({id})")
    }
}

fn past(action: PowerAction) -> &'static str {
    match action {
        PowerAction::Stop => "stopped",
        PowerAction::Start => "started",
        PowerAction::Restart => "restarted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOP: InstanceAction = InstanceAction::Power(PowerAction::Stop);
    const START: InstanceAction = InstanceAction::Power(PowerAction::Start);
    const RESTART: InstanceAction = InstanceAction::Power(PowerAction::Restart);

    #[test]
    fn each_action_is_allowed_only_where_the_api_takes_it() {
        let allowed = |action, status| refusal(action, status, "w").is_none();
        assert!(allowed(STOP, Status::Running));
        assert!(!allowed(STOP, Status::Stopped));
        assert!(!allowed(STOP, Status::Deleting));
        assert!(allowed(START, Status::Stopped));
        assert!(!allowed(START, Status::Running));
        assert!(!allowed(START, Status::Error));
        assert!(allowed(RESTART, Status::Running));
        assert!(!allowed(RESTART, Status::Stopped));
        assert!(allowed(InstanceAction::Attach, Status::Running));
        assert!(allowed(InstanceAction::Attach, Status::Stopped));
        assert!(!allowed(InstanceAction::Attach, Status::Deleting));
        assert!(!allowed(InstanceAction::Attach, Status::Crashed));
    }

    #[test]
    fn the_reason_names_the_instance_and_what_is_needed() {
        assert_eq!(
            refusal(STOP, Status::Stopped, "db-1 (fhm1)").as_deref(),
            Some("db-1 (fhm1) is already STOPPED")
        );
        assert_eq!(
            refusal(RESTART, Status::Stopped, "db-1 (fhm1)").as_deref(),
            Some("db-1 (fhm1) is STOPPED: only a RUNNING instance can be restarted")
        );
        assert_eq!(
            refusal(InstanceAction::Attach, Status::Deleting, "tmp (fhm2)").as_deref(),
            Some("tmp (fhm2) is DELETING: nothing can be attached to it")
        );
    }
}
