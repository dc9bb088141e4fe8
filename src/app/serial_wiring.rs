//! Connects the serial view component to the root: opens it for an instance, routes keys and
//! messages to it, and turns its outcome into effects, toasts and closing.

use crossterm::event::KeyEvent;

use super::{
    geometry::{areas, screen},
    model::{Level, Model},
    msg::Effect,
    serial::{self, Outcome, SerialMsg, SerialView},
};
use crate::keymap::{Action, KeyContext};

/// Lines of log that fit: the body less the view's border.
fn rows(model: &Model) -> usize {
    usize::from(areas(screen(model), model).body.height.saturating_sub(2)).max(1)
}

/// Opens the view on `instance_id`, reading port 1.
pub fn open(model: &mut Model, instance_id: String, name: String) -> Vec<Effect> {
    let view = SerialView::new(instance_id, name, rows(model));
    let effects = serial::update::open(&view);
    model.serial = Some(view);
    effects.into_iter().map(Effect::Serial).collect()
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(view) = model.serial.as_ref() else {
        return Vec::new();
    };
    let msg = if view.search.typing.is_some() {
        let action = model
            .keymap
            .action(&[KeyContext::Input, KeyContext::Global], key);
        match action {
            Some(a @ (Action::Accept | Action::Back)) => SerialMsg::Action(a),
            _ => SerialMsg::SearchKey(*key),
        }
    } else {
        match model.keymap.action(&model.contexts(), key) {
            Some(Action::Help) => {
                super::help::open(model);
                return Vec::new();
            }
            Some(action) => SerialMsg::Action(action),
            None => return Vec::new(),
        }
    };
    on_msg(model, msg)
}

/// The terminal changed size.
pub fn resized(model: &mut Model) -> Vec<Effect> {
    on_msg(model, SerialMsg::Rows(rows(model)))
}

pub fn on_msg(model: &mut Model, msg: SerialMsg) -> Vec<Effect> {
    let Some(view) = model.serial.as_mut() else {
        return Vec::new();
    };
    let Outcome {
        effects,
        close,
        toast,
    } = serial::update(view, msg);
    if close {
        model.serial = None;
    }
    if let Some((error, text)) = toast {
        model.toast(if error { Level::Error } else { Level::Info }, text);
    }
    effects.into_iter().map(Effect::Serial).collect()
}
