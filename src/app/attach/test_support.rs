//! What the attach component's tests share: its update with the default keymap, and key
//! presses looked up in the form's key context.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{AttachForm, AttachMsg, Outcome};
use crate::keymap::Keymap;

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
