//! The cloud and folder picker over the list, drawn by the shared picker renderer
//! (`picker.rs`): the rows (cloud, folder, id, status; or the clouds), "loading…" meanwhile,
//! an error with its request id and the retry key.

use ratatui::{Frame, layout::Rect, text::Line};

use super::{
    format::{shown, spinner},
    picker::{self, PickerView},
};
use crate::{
    app::{
        Model,
        folder::{
            FolderPicker,
            state::{Scope, Tree},
        },
    },
    keymap::Action,
    theme::Theme,
};

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(picker) = &model.folder_picker else {
        return;
    };
    let status = match &picker.tree {
        Tree::Loading => Some(vec![Line::styled(
            format!(" {} loading clouds and folders…", spinner(model.now)),
            theme.fg(theme.muted),
        )]),
        Tree::Failed(error) => Some(vec![
            Line::styled(
                format!(" cannot list clouds: {}", shown(&error.summary())),
                theme.fg(theme.error),
            ),
            Line::styled(
                format!(" {} tries again", model.keymap.keys_of(Action::Refresh)),
                theme.fg(theme.muted),
            ),
        ]),
        Tree::Loaded(_) => None,
    };
    let items = picker.items();
    let loaded = status.is_none();
    let view = PickerView {
        title: title(picker),
        max_width: 100,
        heads: if loaded { picker.heads() } else { &[] },
        items: &items,
        list: &picker.list,
        checked: None,
        filter_hint: format!("{} to filter", model.keymap.keys_of(Action::Filter)),
        typing: picker.filtering,
        status,
        message_is_hint: true,
    };
    picker::render(&view, theme, frame, area);
}

fn title(picker: &FolderPicker) -> String {
    match &picker.scope {
        Scope::Folders => "choose a folder".into(),
        Scope::Clouds => "choose a cloud".into(),
        Scope::Cloud(id) => {
            let name = picker
                .clouds()
                .iter()
                .find(|c| c.cloud.id == *id)
                .map_or(id.as_str(), |c| c.cloud.name.as_str());
            format!("folders of {name}")
        }
    }
}
