//! The public IP keys of the details view: `n` opens the attach form in its public IP mode for
//! the selected interface (ephemeral or a free static address of the zone, DNS records
//! optional) and asks before sending; `N` asks before taking the address away. Both are refused
//! up front, in one line, when the API would refuse them; both are tracked operations.

use super::{
    allowed::named,
    attach::{AttachForm, AttachMsg},
    attach_wiring,
    model::{Confirm, Level, Model, Overlay, Pending},
    msg::Effect,
    nic_actions::{nic_index, selected},
};
use crate::{
    api::proto::yandex::cloud::compute::v1::AddInstanceOneToOneNatRequest,
    nic::{
        change_preview::remove_nat_yc,
        nat::{check_add, remove_request},
    },
};

/// `n`: the public IP form for the selected interface, or why it cannot get one now.
pub fn add(model: &mut Model) -> Vec<Effect> {
    let Some((instance, nic)) = selected(model) else {
        return Vec::new();
    };
    let index = nic_index(&nic);
    if let Err(reason) = check_add(&instance, index) {
        model.toast(Level::Error, reason);
        return Vec::new();
    }
    attach_wiring::show(model, AttachForm::public_ip(instance, index))
}

/// Yes to the question: the form sends the request and follows it.
pub fn submit_add(model: &mut Model, request: Box<AddInstanceOneToOneNatRequest>) -> Vec<Effect> {
    attach_wiring::on_msg(model, AttachMsg::SubmitNat(request))
}

/// `N`: asks before taking the selected interface's public IP away, or says why it cannot.
pub fn remove(model: &mut Model) {
    let Some((instance, nic)) = selected(model) else {
        return;
    };
    let request = match remove_request(&instance, nic_index(&nic)) {
        Ok(request) => request,
        Err(reason) => {
            model.toast(Level::Error, reason);
            return;
        }
    };
    let address = nic
        .primary_v4_address
        .and_then(|a| a.one_to_one_nat)
        .map(|n| n.address)
        .unwrap_or_default();
    let who = named(&instance.name, &instance.id);
    model.overlay = Some(Overlay::Confirm(Confirm {
        title: "remove public IP".into(),
        question: format!(
            "Remove the public IP {address} from network interface {} of {who}?\nAn \
             ephemeral address is released for good; a reserved static one stays reserved.\n{}",
            nic.index,
            remove_nat_yc(&request)
        ),
        pending: Pending::RemoveNat { request },
        yes_selected: false,
    }));
}
