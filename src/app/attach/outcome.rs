//! What the attach form hands back to the root (`Outcome`): effects to run, a toast, closing,
//! a question to ask, an interface attached, an instance to offer starting again.

use crate::{
    api::proto::yandex::cloud::compute::v1::{AddInstanceOneToOneNatRequest, Instance},
    app::{model::Level, msg::Effect},
};

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
