//! The instance the instance actions apply to: the one the open details view shows, else the
//! selected row of the list.

use super::model::Model;
use crate::api::proto::yandex::cloud::compute::v1::Instance;

/// The instance the instance actions apply to: the open details', else the selected row's.
pub fn target(model: &Model) -> Option<(String, String)> {
    match &model.details {
        Some(d) => {
            let name = model.instances.find(&d.instance_id).map(|i| i.name.clone());
            Some((d.instance_id.clone(), name.unwrap_or_default()))
        }
        None => model
            .instances
            .selected_row()
            .map(|i| (i.id.clone(), i.name.clone())),
    }
}

/// The instance the details view shows (its freshest copy), else what the list knows of the
/// selected row (the attach form fetches the full instance itself).
pub fn current(model: &Model) -> Option<Instance> {
    let list = &model.instances;
    let stub = |row: &super::rows::Row| row.stub(&list.strings);
    match &model.details {
        Some(d) => d
            .data
            .as_ref()
            .map(|data| data.instance.clone())
            .or_else(|| list.find(&d.instance_id).map(stub)),
        None => list.selected_row().map(stub),
    }
}
