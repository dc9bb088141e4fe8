//! The folder picker's state: the clouds with their folders (loaded through an effect), the
//! scope (folders, clouds, one cloud's folders), the shared `PickList` (filter, cursor, hint)
//! and the folder shown when it opened. Keys and answers are `update.rs`; this file only
//! derives the rows.

use crate::{
    api::{
        ApiError,
        proto::yandex::cloud::resourcemanager::v1::{Cloud, Folder},
    },
    app::pick_list::{PickItem, PickList},
    keymap::KeyContext,
};

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
    /// The filter, the cursor in `rows`, and a hint (e.g. why Esc did not close the picker).
    pub list: PickList,
    /// Keys go into the filter (after `/`) rather than moving the cursor.
    pub filtering: bool,
    /// The rows shown, rebuilt whenever the tree, the scope or the filter changes.
    pub rows: Vec<Row>,
    /// The folder the dashboard showed when the picker opened: the cursor starts on it, and
    /// with none Esc cannot close the picker.
    pub current: Option<String>,
}

impl FolderPicker {
    /// The keymap contexts of the picker's keys, most specific first.
    pub fn key_contexts(&self) -> Vec<KeyContext> {
        if self.filtering {
            // Esc is a global key; the rest of the global keys type into the filter.
            vec![KeyContext::Input, KeyContext::Global]
        } else {
            vec![KeyContext::Folders, KeyContext::Lists, KeyContext::Global]
        }
    }

    pub fn new(scope: Scope, current: Option<String>) -> Self {
        Self {
            tree: Tree::Loading,
            scope,
            list: PickList::default(),
            filtering: false,
            rows: Vec::new(),
            current,
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
        let needle = self.list.filter.text().to_lowercase();
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
        self.list.move_by(0, self.rows.len());
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
            self.list.selected = at;
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        self.list.move_by(delta, self.rows.len());
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.list.selected).copied()
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

impl FolderPicker {
    /// The column heads of the rows.
    pub fn heads(&self) -> &'static [&'static str] {
        match self.scope {
            Scope::Clouds => &["CLOUD", "ID", "FOLDERS"],
            _ => &["CLOUD", "FOLDER", "ID", "STATUS"],
        }
    }

    /// The rows as picker items (a cloud whose folders failed is an error row).
    pub fn items(&self) -> Vec<PickItem> {
        self.rows.iter().filter_map(|row| self.item(*row)).collect()
    }

    fn item(&self, row: Row) -> Option<PickItem> {
        match row {
            Row::Cloud(index) => self.cloud(index).map(|c| {
                let folders = c
                    .folders
                    .as_ref()
                    .map_or_else(|e| e.code_name().to_string(), |f| f.len().to_string());
                let cells = vec![c.cloud.name.clone(), c.cloud.id.clone(), folders];
                PickItem::new(&c.cloud.id, cells)
            }),
            Row::Folder { cloud, folder } => {
                let (c, f) = self.cloud(cloud).zip(self.folder(cloud, folder))?;
                let cells = vec![
                    c.cloud.name.clone(),
                    f.name.clone(),
                    f.id.clone(),
                    f.status().as_str_name().to_string(),
                ];
                Some(PickItem::new(&f.id, cells))
            }
            Row::CloudError(index) => {
                let c = self.cloud(index)?;
                let e = c.folders.as_ref().err()?;
                // The code and request id first: a long message is what gets cut.
                let error = format!(
                    "{} (request id {}): {}",
                    e.code_name(),
                    e.request_id,
                    e.message
                );
                Some(PickItem {
                    error: true,
                    ..PickItem::new(&c.cloud.id, vec![c.cloud.name.clone(), error])
                })
            }
        }
    }
}
