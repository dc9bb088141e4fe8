//! Connects the folder picker component to the root: opens it, routes keys and the tree to
//! it, applies its `Outcome` (close, switch folder, quit, help, command line), and switches the
//! dashboard to another folder (list, header name, remembered in the config). Pure.

use crossterm::event::KeyEvent;

use super::{
    folder::{self, FolderMsg, FolderPicker, Outcome, state::Scope},
    model::{Connection, Model, Prompt, Trial},
    msg::Effect,
    steps::start_refresh,
};
use crate::keymap::Action;

/// Opens the picker in `scope` and asks for the clouds and folders.
pub fn open(model: &mut Model, scope: Scope) -> Vec<Effect> {
    let current = model.header.folder_id.clone();
    model.folder_picker = Some(FolderPicker::new(scope, current));
    vec![Effect::LoadFolderTree]
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(picker) = model.folder_picker.as_ref() else {
        return Vec::new();
    };
    let action = model.keymap.action(&picker.key_contexts(), key);
    on_msg(model, FolderMsg::Key { action, key: *key })
}

/// Hands `msg` to the open picker and applies what it asks for.
pub fn on_msg(model: &mut Model, msg: FolderMsg) -> Vec<Effect> {
    let Some(picker) = model.folder_picker.as_mut() else {
        return Vec::new();
    };
    let Outcome {
        mut effects,
        close,
        chosen,
        root_action,
    } = folder::update(picker, msg);
    if close {
        model.folder_picker = None;
    }
    if let Some((id, name)) = chosen {
        effects.extend(switch_folder(model, id, Some(name)));
    }
    match root_action {
        Some(Action::Quit) => super::quit::request(model),
        Some(Action::Help) => super::help::open(model),
        Some(Action::CommandLine) => {
            model.prompt = Some(Prompt::command());
        }
        _ => {}
    }
    effects
}

/// Shows folder `id`: closes the picker, starts a new listing generation and asks for the
/// folder's name. The folder shown so far stays listed until the new one answers, and comes
/// back if it is refused (`listing_failure`). A folder picked from the listed tree (its `name`
/// known) is remembered at once; a typed one once it answers (see [`remember_if_answered`]).
/// The operations pane stays.
pub fn switch_folder(model: &mut Model, id: String, name: Option<String>) -> Vec<Effect> {
    let listed = name.is_some();
    model.folder_picker = None;
    model.details = None;
    let on_trial = matches!(model.listing.trial, Some(Trial::Folder { .. }));
    if model.header.folder_id.is_some() && !on_trial {
        model.listing.trial = Some(Trial::Folder {
            previous_id: model.header.folder_id.clone(),
            previous_name: model.header.folder_name.clone(),
            previous_refresh: model.header.last_refresh,
        });
    } else if !on_trial {
        model.instances.clear();
    }
    model.header.folder_id = Some(id.clone());
    model.header.folder_name = name;
    model.header.last_refresh = None;
    model.header.connection = Connection::Connecting;
    let mut effects = start_refresh(model);
    effects.push(Effect::LoadFolderName {
        folder_id: id.clone(),
    });
    if listed {
        effects.push(Effect::RememberFolder { folder_id: id });
    }
    model.header.remember_when_answered = !listed;
    effects
}

/// Remembers a typed folder as `default_folder` once it `answered` (its Get or a page of its
/// listing succeeded); nothing otherwise, so a mistyped id is never saved.
pub fn remember_if_answered(model: &mut Model, answered: bool) -> Vec<Effect> {
    if !(answered && model.header.remember_when_answered) {
        return Vec::new();
    }
    model.header.remember_when_answered = false;
    model
        .header
        .folder_id
        .clone()
        .map(|folder_id| Effect::RememberFolder { folder_id })
        .into_iter()
        .collect()
}
