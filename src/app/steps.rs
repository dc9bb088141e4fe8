//! Transition steps that several updates share (the root update, keys, operations, the attach
//! form and the folder picker): start a listing, track a started operation, take in a fresh
//! instance, write an operation to the journal, open the details. They change the Model and
//! return effects; they call no other update code, so every update may call them.

use super::{
    details::Details,
    journal::{JournalChange, JournalEntry},
    model::{Focus, Model},
    msg::Effect,
    operations::{PollHealth, TrackedOp},
};
use crate::api::{
    operation::OpView,
    proto::yandex::cloud::{compute::v1::Instance, operation::Operation},
};

/// Starts a new listing generation; answers of older ones are ignored. Nothing to list
/// before a folder is chosen.
pub fn start_refresh(model: &mut Model) -> Vec<Effect> {
    let Some(folder_id) = model.header.folder_id.clone() else {
        return Vec::new();
    };
    let listing = &mut model.listing;
    listing.generation += 1;
    listing.in_flight = true;
    listing.started = Some(model.now);
    model.instances.begin_listing();
    vec![Effect::ListInstances {
        generation: listing.generation,
        folder_id,
        filter: listing.server_filter.clone(),
        page_token: String::new(),
    }]
}

/// Puts a just-started operation on `instance_id` in the operations pane and polls it. An
/// operation tracked already (the same key answered twice) keeps its one poll chain.
pub fn track(model: &mut Model, instance_id: &str, op: Operation) -> Vec<Effect> {
    if model.ops.get(&op.id).is_some() {
        return Vec::new();
    }
    let name = model
        .instances
        .find(instance_id)
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let view = OpView::from(&op);
    let id = view.id.clone();
    let started = view
        .created_at
        .and_then(|t| std::time::SystemTime::try_from(t).ok())
        .unwrap_or(model.now);
    model.ops.add(TrackedOp {
        view,
        target_name: name,
        started,
        finished: None,
        poll: PollHealth::Fine,
    });
    let mut effects = vec![Effect::PollOperation {
        id: id.clone(),
        poll: 0,
    }];
    effects.extend(journal(model, &id));
    effects
}

/// A fresh copy of one instance: update its row and the open details.
pub fn instance_loaded(model: &mut Model, instance: Instance) {
    if let Some(details) = model.details.as_mut()
        && let Some(data) = details.data.as_mut()
        && data.instance.id == instance.id
    {
        details.nic = details
            .nic
            .min(instance.network_interfaces.len().saturating_sub(1));
        data.instance = instance.clone();
    }
    if let Some(form) = model.form.as_mut()
        && form.instance.id == instance.id
    {
        form.set_instance(instance.clone());
    }
    model.instances.upsert(&instance, model.now);
}

/// The journal write for one operation's current state, when a journal is kept.
pub fn journal(model: &Model, id: &str) -> Option<Effect> {
    let op = model.ops.get(id).filter(|_| model.journal)?;
    Some(Effect::WriteJournal(JournalChange {
        upsert: vec![JournalEntry::from(op)],
        remove_keys: Vec::new(),
    }))
}

/// Opens the details screen of an instance and asks for everything about it.
pub fn open_details(model: &mut Model, instance_id: String) -> Vec<Effect> {
    model.details = Some(Details::new(instance_id.clone()));
    vec![Effect::LoadDetails { instance_id }]
}

/// Focuses the operations pane, showing it if it was hidden.
pub fn show_ops(model: &mut Model) {
    model.ops_hidden = false;
    model.focus = Focus::Operations;
}
