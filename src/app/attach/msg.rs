//! What the attach form consumes (`AttachMsg`): keys, its loads' answers, its request's fate.

use crossterm::event::KeyEvent;

use super::{
    loads::{Loaded, Part},
    state::SubnetOptions,
    tickets::Ticket,
};
use crate::{
    api::{
        ApiError, operation::OpState,
        proto::yandex::cloud::compute::v1::AddInstanceOneToOneNatRequest,
    },
    keymap::Action,
};

/// Something for the open form.
#[derive(Debug, Clone)]
pub enum AttachMsg {
    /// A key, with the action the keymap gives it in the form's `KeyContext`.
    Key {
        action: Option<Action>,
        key: KeyEvent,
    },
    /// One part of what the form offers (the instance, the zone's subnets, DNS zones, free
    /// addresses), read for the form of `instance_id`.
    Loaded {
        instance_id: String,
        part: Part,
        /// The read's ticket (`tickets`).
        ticket: Ticket,
        result: Result<Loaded, ApiError>,
    },
    /// What the chosen subnet allows.
    SubnetOptions {
        subnet_id: String,
        /// The read's ticket (`tickets`).
        ticket: Ticket,
        result: Result<Box<SubnetOptions>, ApiError>,
    },
    /// The security groups (id, name) of `network_id`, a network of the instance's
    /// interfaces: they name the groups the interfaces have.
    GroupNames {
        network_id: String,
        result: Result<Vec<(String, String)>, ApiError>,
    },
    /// The server accepted the attach request: its operation.
    Accepted { operation_id: String },
    /// The server refused the attach request.
    Refused(ApiError),
    /// The public IP request was confirmed: send it.
    SubmitNat(Box<AddInstanceOneToOneNatRequest>),
    /// The user confirmed stopping the instance for this form (Ctrl-T, then yes).
    StopConfirmed,
    /// An operation ended (the form acts only on its own).
    Finished {
        operation_id: String,
        state: OpState,
    },
}
