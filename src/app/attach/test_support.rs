//! What the attach component's tests share: its update with the default keymap, key presses
//! looked up in the form's key context, the subnet options read an outcome asks for, and the
//! request an outcome sends.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{AttachForm, AttachMsg, Outcome, state::SubnetOptions, tickets::Ticket};
use crate::{
    app::{msg::Effect, mutation::Mutation},
    keymap::Keymap,
};

pub fn update(form: &mut AttachForm, msg: AttachMsg) -> Outcome {
    super::update(form, msg, &Keymap::default())
}

pub fn press_with(form: &mut AttachForm, code: KeyCode, modifiers: KeyModifiers) -> Outcome {
    let key = KeyEvent::new(code, modifiers);
    let action = Keymap::default().action(&[form.key_context()], &key);
    update(form, AttachMsg::Key { action, key })
}

pub fn press(form: &mut AttachForm, code: KeyCode) -> Outcome {
    press_with(form, code, KeyModifiers::NONE)
}

pub fn ctrl(form: &mut AttachForm, c: char) -> Outcome {
    press_with(form, KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The subnet, network and ticket of the one read of a subnet's options `effects` ask for.
pub fn subnet_options_read(effects: &[Effect]) -> (&str, &str, super::tickets::Ticket) {
    match effects {
        [
            Effect::LoadSubnetOptions {
                subnet_id,
                network_id,
                ticket,
            },
        ] => (subnet_id, network_id, *ticket),
        other => panic!("expected one read of a subnet's options, got {other:?}"),
    }
}

/// The one request `out` sends, and the form's idempotency key it goes with.
pub fn sent(out: &Outcome) -> (&Mutation, &str) {
    match out.effects.as_slice() {
        [
            Effect::Mutate {
                mutation,
                key: Some(key),
            },
        ] => (mutation, key),
        other => panic!("expected one request sent with the form's key, got {other:?}"),
    }
}

/// The answer of the read `ticket` of `subnet_id`'s groups and used addresses: `options`.
pub fn subnet_options_answer(subnet_id: &str, ticket: Ticket, options: SubnetOptions) -> AttachMsg {
    AttachMsg::SubnetOptions {
        subnet_id: subnet_id.to_string(),
        ticket,
        result: Ok(Box::new(options)),
    }
}
