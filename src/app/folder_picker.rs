//! The folder picker's state: the clouds with their folders (loaded through an effect), the
//! scope (folders, clouds, one cloud's folders), the filter and the cursor. Keys and answers
//! are applied in `folder_update.rs`; this file only derives the rows.

use super::input::LineInput;
use crate::api::{
    ApiError,
    proto::yandex::cloud::resourcemanager::v1::{Cloud, Folder},
};
use crate::keymap::Context;

/// One cloud and its folders, or why they could not be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudFolders {
    pub cloud: Cloud,
    pub folders: Result<Vec<Folder>, ApiError>,
}

/// What the picker knows so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Loading,
    Loaded(Vec<CloudFolders>),
    /// The clouds could not be listed.
    Failed(ApiError),
}

/// What the rows are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every folder of every cloud (the start and `:folder`).
    Folders,
    /// The clouds (`:cloud`); Enter narrows to one cloud's folders.
    Clouds,
    /// The folders of the cloud with this id.
    Cloud(String),
}

/// One row: indexes into the loaded tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Cloud(usize),
    Folder {
        cloud: usize,
        folder: usize,
    },
    /// The cloud's folders could not be listed.
    CloudError(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FolderPicker {
    pub tree: Tree,
    pub scope: Scope,
    pub filter: LineInput,
    /// Keys go into the filter (after `/`) rather than moving the cursor.
    pub filtering: bool,
    pub selected: usize,
    /// The rows shown, rebuilt whenever the tree, the scope or the filter changes.
    pub rows: Vec<Row>,
    /// Shown under the rows, e.g. why Esc did not close the picker.
    pub hint: Option<String>,
}

impl FolderPicker {
    /// The keymap contexts of the picker's keys, most specific first.
    pub fn key_contexts(&self) -> Vec<Context> {
        if self.filtering {
            // Esc is a global key; the rest of the global keys type into the filter.
            vec![Context::Input, Context::Global]
        } else {
            vec![Context::Folders, Context::Lists, Context::Global]
        }
    }

    pub fn new(scope: Scope) -> Self {
        Self {
            tree: Tree::Loading,
            scope,
            filter: LineInput::default(),
            filtering: false,
            selected: 0,
            rows: Vec::new(),
            hint: None,
        }
    }

    /// The loaded clouds (empty while loading or after a failure).
    pub fn clouds(&self) -> &[CloudFolders] {
        match &self.tree {
            Tree::Loaded(clouds) => clouds,
            _ => &[],
        }
    }

    /// Recomputes the rows from the tree, scope and filter; keeps the cursor in range.
    pub fn rebuild(&mut self) {
        let needle = self.filter.text().to_lowercase();
        let matches = |fields: &[&str]| {
            needle.is_empty() || fields.iter().any(|f| f.to_lowercase().contains(&needle))
        };
        let mut rows = Vec::new();
        for (ci, entry) in self.clouds().iter().enumerate() {
            let cloud = &entry.cloud;
            match &self.scope {
                Scope::Clouds => {
                    if matches(&[&cloud.name, &cloud.id]) {
                        rows.push(Row::Cloud(ci));
                    }
                    continue;
                }
                Scope::Cloud(id) if *id != cloud.id => continue,
                _ => {}
            }
            match &entry.folders {
                Ok(folders) => {
                    for (fi, folder) in folders.iter().enumerate() {
                        let status = folder.status().as_str_name();
                        let fields = [&cloud.name, &cloud.id, &folder.name, &folder.id, status];
                        if matches(&fields) {
                            rows.push(Row::Folder {
                                cloud: ci,
                                folder: fi,
                            });
                        }
                    }
                }
                Err(_) => {
                    if matches(&[&cloud.name, &cloud.id]) {
                        rows.push(Row::CloudError(ci));
                    }
                }
            }
        }
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Puts the cursor on the folder `folder_id` when it is shown.
    pub fn select_folder(&mut self, folder_id: &str) {
        let clouds = self.clouds();
        let found = self.rows.iter().position(|row| match *row {
            Row::Folder { cloud, folder } => clouds[cloud]
                .folders
                .as_ref()
                .is_ok_and(|f| f[folder].id == folder_id),
            _ => false,
        });
        if let Some(at) = found {
            self.selected = at;
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.selected).copied()
    }

    pub fn cloud(&self, index: usize) -> Option<&CloudFolders> {
        self.clouds().get(index)
    }

    pub fn folder(&self, cloud: usize, folder: usize) -> Option<&Folder> {
        self.cloud(cloud)
            .and_then(|c| c.folders.as_ref().ok())
            .and_then(|f| f.get(folder))
    }
}
