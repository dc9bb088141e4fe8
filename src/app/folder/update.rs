//! `update(&mut FolderPicker, FolderMsg) -> Outcome`: the tree's arrival, moving, filtering,
//! narrowing to one cloud, and choosing a folder. Pure; the root switches folders.

use crossterm::event::KeyCode;

use super::{
    msg::{FolderMsg, Outcome},
    state::{FolderPicker, Row, Scope, Tree},
};
use crate::keymap::Action;

/// Rows a page key moves.
const PAGE: isize = 10;

/// Shown when Esc cannot close the picker because no folder is chosen yet.
pub const NO_FOLDER_HINT: &str = "choose a folder to start (q or Ctrl-C quits)";

pub fn update(picker: &mut FolderPicker, msg: FolderMsg) -> Outcome {
    match msg {
        FolderMsg::Tree(result) => {
            picker.tree = match result {
                Ok(clouds) => Tree::Loaded(clouds),
                Err(error) => Tree::Failed(error),
            };
            picker.rebuild();
            if let Some(id) = picker.current.clone() {
                picker.select_folder(&id);
            }
            Outcome::default()
        }
        FolderMsg::Key { action, key } if picker.filtering => {
            match (action, key.code) {
                (Some(Action::Accept), _) => return choose(picker),
                (Some(Action::Back), _) => {
                    picker.filtering = false;
                    picker.list.clear_filter();
                    picker.rebuild();
                }
                (_, KeyCode::Up) => picker.move_by(-1),
                (_, KeyCode::Down) => picker.move_by(1),
                _ => {
                    if picker.list.type_key(&key) {
                        picker.rebuild();
                    }
                }
            }
            Outcome::default()
        }
        FolderMsg::Key { action, .. } => on_action(picker, action),
    }
}

fn on_action(picker: &mut FolderPicker, action: Option<Action>) -> Outcome {
    match action {
        Some(Action::Up) => picker.move_by(-1),
        Some(Action::Down) => picker.move_by(1),
        Some(Action::PageUp) => picker.move_by(-PAGE),
        Some(Action::PageDown) => picker.move_by(PAGE),
        Some(Action::Top) => picker.move_by(isize::MIN / 2),
        Some(Action::Bottom) => picker.move_by(isize::MAX / 2),
        Some(Action::Filter) => picker.filtering = true,
        Some(Action::Choose) => return choose(picker),
        Some(Action::Refresh) => {
            picker.tree = Tree::Loading;
            picker.rows.clear();
            picker.list.message = None;
            return Outcome {
                effects: vec![crate::app::msg::Effect::LoadFolderTree],
                ..Outcome::default()
            };
        }
        Some(Action::Back) => return back(picker),
        Some(a @ (Action::Quit | Action::Help | Action::CommandLine)) => {
            return Outcome {
                root_action: Some(a),
                ..Outcome::default()
            };
        }
        _ => {}
    }
    Outcome::default()
}

/// Esc: clears the filter, else goes back from one cloud to the clouds, else closes the picker
/// when there is a folder to go back to; with none the picker stays and says why.
fn back(picker: &mut FolderPicker) -> Outcome {
    if picker.list.clear_filter() {
        picker.rebuild();
    } else if matches!(picker.scope, Scope::Cloud(_)) {
        picker.scope = Scope::Clouds;
        picker.list.selected = 0;
        picker.rebuild();
    } else if picker.current.is_some() {
        return Outcome {
            close: true,
            ..Outcome::default()
        };
    } else {
        picker.list.message = Some(NO_FOLDER_HINT.into());
    }
    Outcome::default()
}

/// Enter: a folder is chosen; a cloud narrows the rows to its folders.
fn choose(picker: &mut FolderPicker) -> Outcome {
    match picker.selected_row() {
        Some(Row::Folder { cloud, folder }) => {
            let chosen = picker
                .folder(cloud, folder)
                .map(|f| (f.id.clone(), f.name.clone()));
            Outcome {
                chosen,
                ..Outcome::default()
            }
        }
        Some(Row::Cloud(index)) => {
            if let Some(id) = picker.cloud(index).map(|c| c.cloud.id.clone()) {
                picker.scope = Scope::Cloud(id);
                picker.list.clear_filter();
                picker.filtering = false;
                picker.list.selected = 0;
                picker.rebuild();
            }
            Outcome::default()
        }
        Some(Row::CloudError(_)) | None => Outcome::default(),
    }
}
