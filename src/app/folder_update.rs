//! The folder picker in `update()`: opening it, its answers, its keys, and switching the
//! dashboard to another folder (list, header name, remembered in the config). Pure.

use crossterm::event::{KeyCode, KeyEvent};

use super::{
    folder_picker::{CloudFolders, FolderPicker, Row, Scope, Tree},
    input::LineInput,
    model::{Connection, Model, Overlay, Prompt},
    msg::Effect,
    steps::start_refresh,
};
use crate::{api::ApiError, keymap::Action};

/// Rows a page key moves.
const PAGE: isize = 10;

/// Shown when Esc cannot close the picker because no folder is chosen yet.
pub const NO_FOLDER_HINT: &str = "choose a folder to start (q or Ctrl-C quits)";

/// Opens the picker in `scope` and asks for the clouds and folders.
pub fn open(model: &mut Model, scope: Scope) -> Vec<Effect> {
    model.folder_picker = Some(FolderPicker::new(scope));
    vec![Effect::LoadFolderTree]
}

/// The clouds and folders arrived (or the clouds could not be listed).
pub fn on_tree(model: &mut Model, result: Result<Vec<CloudFolders>, ApiError>) {
    let current = model.header.folder_id.clone();
    let Some(picker) = model.folder_picker.as_mut() else {
        return;
    };
    picker.tree = match result {
        Ok(clouds) => Tree::Loaded(clouds),
        Err(error) => Tree::Failed(error),
    };
    picker.rebuild();
    if let Some(id) = current {
        picker.select_folder(&id);
    }
}

pub fn on_key(model: &mut Model, key: &KeyEvent) -> Vec<Effect> {
    let Some(picker) = model.folder_picker.as_mut() else {
        return Vec::new();
    };
    let action = model.keymap.action(&picker.key_contexts(), key);
    if picker.filtering {
        match (action, key.code) {
            (Some(Action::Accept), _) => return choose(model),
            (Some(Action::Back), _) => {
                picker.filtering = false;
                picker.filter = LineInput::default();
                picker.rebuild();
            }
            (_, KeyCode::Up) => picker.move_by(-1),
            (_, KeyCode::Down) => picker.move_by(1),
            _ => {
                if picker.filter.edit(key) {
                    picker.selected = 0;
                    picker.rebuild();
                }
            }
        }
        return Vec::new();
    }
    match action {
        Some(Action::Up) => picker.move_by(-1),
        Some(Action::Down) => picker.move_by(1),
        Some(Action::PageUp) => picker.move_by(-PAGE),
        Some(Action::PageDown) => picker.move_by(PAGE),
        Some(Action::Top) => picker.move_by(isize::MIN / 2),
        Some(Action::Bottom) => picker.move_by(isize::MAX / 2),
        Some(Action::Filter) => picker.filtering = true,
        Some(Action::Choose) => return choose(model),
        Some(Action::Refresh) => {
            picker.tree = Tree::Loading;
            picker.rows.clear();
            picker.hint = None;
            return vec![Effect::LoadFolderTree];
        }
        Some(Action::Back) => back(model),
        Some(Action::Quit) => super::quit::request(model),
        Some(Action::Help) => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Action::CommandLine) => {
            model.prompt = Some(Prompt::Command {
                line: LineInput::default(),
                error: None,
            });
        }
        _ => {}
    }
    Vec::new()
}

/// Esc: clears the filter, else goes back from one cloud to the clouds, else closes the picker
/// when there is a folder to go back to; with none the picker stays and says why.
fn back(model: &mut Model) {
    let has_folder = model.header.folder_id.is_some();
    let Some(picker) = model.folder_picker.as_mut() else {
        return;
    };
    if !picker.filter.text().is_empty() {
        picker.filter = LineInput::default();
        picker.rebuild();
    } else if matches!(picker.scope, Scope::Cloud(_)) {
        picker.scope = Scope::Clouds;
        picker.selected = 0;
        picker.rebuild();
    } else if has_folder {
        model.folder_picker = None;
    } else {
        picker.hint = Some(NO_FOLDER_HINT.into());
    }
}

/// Enter: a folder switches to it; a cloud narrows the rows to its folders.
fn choose(model: &mut Model) -> Vec<Effect> {
    let Some(picker) = model.folder_picker.as_mut() else {
        return Vec::new();
    };
    match picker.selected_row() {
        Some(Row::Folder { cloud, folder }) => {
            let Some(folder) = picker.folder(cloud, folder) else {
                return Vec::new();
            };
            let (id, name) = (folder.id.clone(), folder.name.clone());
            switch_folder(model, id, Some(name))
        }
        Some(Row::Cloud(index)) => {
            if let Some(id) = picker.cloud(index).map(|c| c.cloud.id.clone()) {
                picker.scope = Scope::Cloud(id);
                picker.filter = LineInput::default();
                picker.filtering = false;
                picker.selected = 0;
                picker.rebuild();
            }
            Vec::new()
        }
        Some(Row::CloudError(_)) | None => Vec::new(),
    }
}

/// Shows folder `id`: closes the picker, empties the list, starts a new listing generation and
/// asks for the folder's name. A folder picked from the listed tree (its `name` known) is
/// remembered at once; a typed one once it answers (see [`remember_if_answered`]). The
/// operations pane stays.
pub fn switch_folder(model: &mut Model, id: String, name: Option<String>) -> Vec<Effect> {
    let listed = name.is_some();
    model.folder_picker = None;
    model.details = None;
    model.header.folder_id = Some(id.clone());
    model.header.folder_name = name;
    model.header.last_refresh = None;
    model.header.connection = Connection::Connecting;
    model.instances.clear();
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
