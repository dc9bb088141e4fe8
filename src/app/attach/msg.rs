//! What the attach form consumes (`AttachMsg`) and what it hands back to the root
//! (`Outcome`): effects to run, a toast, closing, a question to ask, an interface attached.

use crossterm::event::KeyEvent;

use super::{
    loads::{Loaded, Part},
    state::SubnetOptions,
};
use crate::{
    api::{
        ApiError,
        operation::OpState,
        proto::yandex::cloud::compute::v1::{AddInstanceOneToOneNatRequest, Instance},
    },
    app::{model::Level, msg::Effect},
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
        result: Result<Loaded, ApiError>,
    },
    /// What the chosen subnet allows.
    SubnetOptions {
        subnet_id: String,
        result: Result<Box<SubnetOptions>, ApiError>,
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

/// The instance the form stopped, to offer starting it again once the interface is attached.
#[derive(Debug, Clone, PartialEq)]
pub struct StartOffer {
    pub instance_id: String,
    pub name: String,
}

/// An interface was attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Attached {
    pub instance_id: String,
    /// The instance as the operation left it, when its response carried it.
    pub instance: Option<Box<Instance>>,
}

/// What the form asks of the root. The root is the only code that touches the Model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub toast: Option<(Level, String)>,
    /// The form is done: close it.
    pub close: bool,
    /// Esc with something typed: ask before discarding.
    pub ask_discard: bool,
    pub attached: Option<Attached>,
    /// The form stopped the instance: offer to start it again.
    pub offer_start: Option<StartOffer>,
    /// Ctrl-T on a RUNNING instance: ask before stopping it (default No).
    pub confirm_stop: bool,
    /// The public IP form's request is valid: ask before sending it (default No).
    pub confirm_nat: Option<Box<AddInstanceOneToOneNatRequest>>,
}

impl Outcome {
    pub fn effects(effects: Vec<Effect>) -> Self {
        Self {
            effects,
            ..Self::default()
        }
    }

    pub fn toast(level: Level, text: impl Into<String>) -> Self {
        Self {
            toast: Some((level, text.into())),
            ..Self::default()
        }
    }
}
