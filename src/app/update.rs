//! `update()`: applies one message to the model and returns the effects to run. Pure: no IO,
//! no clock reads (time arrives in `Msg::Tick`). Keys and mouse are handled in `keys.rs`.

use std::time::Duration;

use super::{
    attach_wiring, bulk,
    folder::{FolderMsg, state::Scope},
    folder_wiring, keys, listing_failure,
    model::{Connection, Level, Model},
    msg::{Effect, Msg},
    ops_update::{on_cancel_answered, on_poll, on_resent, on_started},
    quit, sending_update, serial_wiring, ssh_wiring,
    steps::{instance_loaded, start_refresh},
};
use crate::api::ApiError;

/// The first effects: list the folder and look up its name; with no folder, open the picker.
pub fn init(model: &mut Model) -> Vec<Effect> {
    let Some(folder_id) = model.header.folder_id.clone() else {
        return folder_wiring::open(model, Scope::Folders);
    };
    let mut effects = start_refresh(model);
    effects.push(Effect::LoadFolderName { folder_id });
    effects
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    if msg.answers_mutation() {
        quit::answered(model);
    }
    // The request's "sending…" row goes before its operation's row comes.
    sending_update::resolve(model, &msg);
    let mut effects = apply(model, msg);
    quit::count_sent(model, &effects);
    // Queued bulk actions go as operations finish or requests are answered.
    if !model.ops.queued.is_empty() {
        let more = bulk::drain(model);
        quit::count_sent(model, &more);
        effects.extend(more);
    }
    sending_update::register(model, &effects);
    effects
}

fn apply(model: &mut Model, msg: Msg) -> Vec<Effect> {
    let ticking = !matches!(msg, Msg::Tick(_));
    if ticking {
        model.dirty = true;
    }
    match msg {
        Msg::Key(key) => keys::on_key(model, &key),
        Msg::Mouse(mouse) => keys::on_mouse(model, &mouse),
        Msg::Resize(w, h) => {
            model.size = (w, h);
            serial_wiring::resized(model)
        }
        Msg::Tick(now) => {
            tick(model, now);
            Vec::new()
        }
        Msg::Starting(phase) => {
            model.header.startup = Some(phase);
            Vec::new()
        }
        Msg::Ready {
            source,
            folder_id,
            journal,
        } => {
            model.header.startup = None;
            model.header.source = source;
            model.header.folder_id = folder_id;
            model.journal = journal;
            init(model)
        }
        Msg::InstancesPage { generation, result } => {
            let current = generation == model.listing.generation;
            let listed = current && result.is_ok();
            let mut effects = on_page(model, generation, result);
            effects.extend(folder_wiring::remember_if_answered(model, listed));
            effects
        }
        Msg::RefreshDue { generation } => {
            if generation == model.listing.generation && !model.listing.in_flight {
                start_refresh(model)
            } else {
                Vec::new()
            }
        }
        Msg::FolderName { folder_id, name } => {
            if model.header.folder_id.as_ref() != Some(&folder_id) {
                return Vec::new();
            }
            let answered = name.is_some();
            model.header.folder_name = name;
            folder_wiring::remember_if_answered(model, answered)
        }
        Msg::Started { mutation, result } => on_started(model, &mutation, result),
        Msg::OperationPolled { id, poll, result } => on_poll(model, &id, poll, result),
        Msg::CancelAnswered { id, result } => on_cancel_answered(model, &id, result),
        Msg::DetailsLoaded(data) => {
            if let Some(details) = model.details.as_mut()
                && details.instance_id == data.instance.id
            {
                details.error = None;
                model.instances.upsert(&data.instance, model.now);
                if let Some(details) = model.details.as_mut() {
                    details.data = Some(data);
                }
            }
            Vec::new()
        }
        Msg::InstanceLoaded(Ok(instance)) => {
            instance_loaded(model, *instance);
            Vec::new()
        }
        Msg::InstanceLoaded(Err(e)) => {
            model.toast(Level::Error, format!("reload: {}", e.summary()));
            Vec::new()
        }
        Msg::DetailsFailed { instance_id, error } => {
            if let Some(details) = model.details.as_mut()
                && details.instance_id == instance_id
            {
                details.error = Some(error);
            }
            Vec::new()
        }
        Msg::JournalLoaded(entries) => {
            let mut effects = Vec::new();
            for entry in entries.iter().rev() {
                if entry.is_sent() {
                    effects.push(Effect::Resend {
                        entry: Box::new(entry.clone()),
                    });
                    continue;
                }
                if entry.id.is_empty() {
                    continue;
                }
                let op = entry.to_tracked();
                if !op.view.state.is_final() {
                    effects.push(Effect::PollOperation {
                        id: op.view.id.clone(),
                        poll: 0,
                    });
                }
                model.ops.add(op);
            }
            let resent = effects.iter().filter(|e| e.is_mutation()).count();
            if resent > 0 {
                model.toast(
                    Level::Info,
                    format!(
                        "sending again, with the same idempotency keys, {resent} request(s) \
                         whose outcome was unknown when the dashboard last quit"
                    ),
                );
            }
            effects
        }
        Msg::Resent { entry, result } => on_resent(model, &entry, result),
        Msg::Attach(msg) => attach_wiring::on_msg(model, msg),
        Msg::FolderTree(result) => folder_wiring::on_msg(model, FolderMsg::Tree(result)),
        Msg::Serial(msg) => serial_wiring::on_msg(model, msg),
        Msg::SshInstance { internal, result } => ssh_wiring::on_instance(model, internal, result),
        Msg::SshDone(result) => {
            ssh_wiring::done(model, result);
            Vec::new()
        }
        Msg::Done(error) => {
            if let Some(error) = error {
                model.toast(Level::Error, error);
            }
            Vec::new()
        }
    }
}

fn tick(model: &mut Model, now: std::time::SystemTime) {
    let was_animating = model.animating();
    // The header's "refreshed N ago" is the one clock on screen when nothing animates: redraw
    // when its text would change, not on every tick.
    let age = |at: std::time::SystemTime| {
        model
            .header
            .last_refresh
            .map(|t| super::geometry::short(at.duration_since(t).unwrap_or_default()))
    };
    if age(model.now) != age(now) {
        model.dirty = true;
    }
    model.now = now;
    model.toasts.retain(|t| t.until > now);
    model.instances.expire_changes(now);
    if was_animating {
        model.dirty = true;
    }
}

fn on_page(
    model: &mut Model,
    generation: u64,
    result: Result<crate::api::proto::yandex::cloud::compute::v1::ListInstancesResponse, ApiError>,
) -> Vec<Effect> {
    if generation != model.listing.generation {
        return Vec::new();
    }
    let page = match result {
        Ok(page) => page,
        Err(error) => return listing_failure::failed(model, generation, &error),
    };
    listing_failure::first_page_answered(model);
    model.header.connection = Connection::Connected;
    // While a listing streams in, a selection at the top stays there instead of following
    // whichever row happened to be first until rows sorting above it arrived.
    let at_top = model.instances.selected == 0;
    model.instances.merge_page(page.instances, model.now);
    if at_top {
        model.instances.selected = 0;
    }
    if !page.next_page_token.is_empty() {
        return vec![Effect::ListInstances {
            generation,
            folder_id: model.header.folder_id.clone().unwrap_or_default(),
            filter: model.listing.server_filter.clone(),
            page_token: page.next_page_token,
        }];
    }
    model.instances.end_listing();
    if at_top {
        model.instances.selected = 0;
    }
    let rows = super::geometry::table_rows(
        super::geometry::areas(super::geometry::screen(model), model).list,
    );
    model.instances.scroll_into_view(rows);
    model.listing.in_flight = false;
    model.header.last_refresh = Some(model.now);
    let took = model
        .listing
        .started
        .and_then(|t| model.now.duration_since(t).ok())
        .unwrap_or_default();
    model.listing.last_took = Some(took);
    model
        .refresh
        .map(|every| Effect::ScheduleRefresh {
            generation,
            after: next_refresh(every, took),
        })
        .into_iter()
        .collect()
}

/// When the next automatic re-list is due: `every` (`refresh_seconds`), but never sooner than
/// ten times what the last full listing took.
pub fn next_refresh(every: Duration, took: Duration) -> Duration {
    every.max(took.saturating_mul(10))
}
