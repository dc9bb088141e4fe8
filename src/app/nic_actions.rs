//! The instance actions on network interfaces: `a` opens the attach form, `[`/`]` select an
//! interface in the details view, `e` opens the form to edit it, `D` asks to detach it (refused up front when the API would
//! refuse: the only interface, or an instance that is not STOPPED, offering to stop it).

use super::{
    action_target::current,
    allowed::{InstanceAction, named, refusal},
    attach::AttachForm,
    attach_wiring,
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::Effect,
};
use crate::{
    api::proto::yandex::cloud::compute::v1::{
        DetachInstanceNetworkInterfaceRequest, Instance, NetworkInterface, instance::Status,
    },
    nic::detach::check_detach,
};

/// The details' instance and its selected interface, or why there is none to act on.
pub(super) fn selected(model: &mut Model) -> Option<(Instance, NetworkInterface)> {
    let details = model.details.as_ref()?;
    if details.data.is_none() {
        model.toast(Level::Info, "the instance is still loading");
        return None;
    }
    let at = details.nic;
    let instance = current(model)?;
    match instance.network_interfaces.get(at).cloned() {
        Some(nic) => Some((instance, nic)),
        None => {
            model.toast(Level::Info, "no network interface selected");
            None
        }
    }
}

/// The index the API gives an interface (`u32::MAX`, never valid, when unreadable).
pub(super) fn nic_index(nic: &NetworkInterface) -> u32 {
    nic.index.parse().unwrap_or(u32::MAX)
}

/// `e`: the edit form for the selected interface, prefilled from it; refused in one line when
/// the instance is neither RUNNING nor STOPPED.
pub fn edit(model: &mut Model) -> Vec<Effect> {
    let Some((instance, nic)) = selected(model) else {
        return Vec::new();
    };
    if !matches!(instance.status(), Status::Running | Status::Stopped) {
        let who = named(&instance.name, &instance.id);
        let status = instance.status().as_str_name();
        model.toast(
            Level::Info,
            format!("{who} is {status}: an interface is edited only when it is RUNNING or STOPPED"),
        );
        return Vec::new();
    }
    attach_wiring::show(model, AttachForm::edit(instance, nic_index(&nic)))
}

/// `a`: the attach form for the current instance.
pub fn attach(model: &mut Model) -> Vec<Effect> {
    let Some(instance) = current(model) else {
        return Vec::new();
    };
    let who = named(&instance.name, &instance.id);
    match refusal(InstanceAction::Attach, instance.status(), &who) {
        Some(reason) => {
            model.toast(Level::Info, reason);
            Vec::new()
        }
        None => attach_wiring::open(model, instance),
    }
}

/// `[` / `]`: select another network interface in the details view.
pub fn select_nic(model: &mut Model, delta: isize) {
    let count = current(model).map_or(0, |i| i.network_interfaces.len());
    if let Some(details) = model.details.as_mut() {
        let last = count.saturating_sub(1);
        details.nic = details.nic.saturating_add_signed(delta).min(last);
    }
}

/// `D`: the confirm dialog for the selected interface, or why it cannot be detached now.
pub fn detach(model: &mut Model) {
    if model.details.as_ref().is_some_and(|d| d.data.is_none()) {
        model.toast(Level::Info, "the instance is still loading");
        return;
    }
    let (Some(instance), Some(selected)) = (current(model), model.details.as_ref().map(|d| d.nic))
    else {
        return;
    };
    let Some(nic) = instance.network_interfaces.get(selected) else {
        model.toast(Level::Info, "no network interface selected");
        return;
    };
    let index = nic.index.parse().unwrap_or(u32::MAX);
    let who = named(&instance.name, &instance.id);
    match check_detach(&instance, index) {
        Ok(request) => {
            let subnet = model
                .details
                .as_ref()
                .and_then(|d| d.data.as_ref())
                .and_then(|d| d.subnets.get(&nic.subnet_id))
                .map_or(nic.subnet_id.clone(), |s| {
                    format!("{} {}", s.name, s.v4_cidr_blocks.join(","))
                });
            let v4 = nic.primary_v4_address.clone().unwrap_or_default();
            let mut addresses = v4.address;
            if let Some(nat) = v4.one_to_one_nat.filter(|n| !n.address.is_empty()) {
                addresses.push_str(&format!(", public {}", nat.address));
            }
            model.overlay = Some(Overlay::Confirm(Confirm {
                title: "detach network interface".into(),
                question: format!(
                    "Detach interface {} (subnet {subnet}, {addresses}) from {who}?",
                    nic.index
                ),
                pending: Pending::Detach { request },
                yes_selected: false,
            }));
        }
        Err(_) if instance.network_interfaces.len() > 1 && is_running(&instance) => {
            let request = DetachInstanceNetworkInterfaceRequest {
                instance_id: instance.id.clone(),
                network_interface_index: nic.index.clone(),
            };
            model.overlay = Some(Overlay::Confirm(Confirm {
                title: "stop instance first".into(),
                question: format!(
                    "{who} is RUNNING, and interfaces can only be detached from a STOPPED \
                     instance. Stop it, detach interface {}, then offer to start it again?",
                    nic.index
                ),
                pending: Pending::StopThenDetach {
                    request,
                    name: instance.name.clone(),
                },
                yes_selected: false,
            }));
        }
        Err(reason) => model.toast(Level::Error, reason),
    }
}

fn is_running(instance: &Instance) -> bool {
    instance.status == Status::Running as i32
}
