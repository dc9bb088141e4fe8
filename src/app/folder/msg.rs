//! What the folder picker consumes (`FolderMsg`) and hands back to the root (`Outcome`).

use crossterm::event::KeyEvent;

use super::state::CloudFolders;
use crate::{api::ApiError, app::msg::Effect, keymap::Action};

#[derive(Debug, Clone)]
pub enum FolderMsg {
    /// A key, with the action the keymap gives it in the picker's contexts.
    Key {
        action: Option<Action>,
        key: KeyEvent,
    },
    /// The clouds and folders arrived (or the clouds could not be listed).
    Tree(Result<Vec<CloudFolders>, ApiError>),
}

/// What the picker asks of the root.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    /// Close the picker (Esc with a folder to go back to).
    pub close: bool,
    /// Switch the dashboard to this folder: (id, name).
    pub chosen: Option<(String, String)>,
    /// A root action the picker lets through: quit, help, the command line.
    pub root_action: Option<Action>,
}
