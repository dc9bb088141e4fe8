//! The instance list: the folder's instances, a filtered and sorted index vector over them,
//! the selection and scroll position, paging and refresh merging.

use std::{
    cmp::Ordering,
    collections::HashMap,
    time::{Duration, SystemTime},
};

use crate::api::proto::yandex::cloud::compute::v1::{Instance, instance::Status};

/// How long a row whose status changed stays highlighted.
pub const CHANGE_HIGHLIGHT: Duration = Duration::from_secs(3);

/// The columns the list sorts by, in `SortNext` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Id,
    Zone,
    Status,
    Platform,
    Cores,
    Memory,
    Ip,
    Age,
}

impl SortKey {
    const ALL: [Self; 9] = [
        Self::Name,
        Self::Id,
        Self::Zone,
        Self::Status,
        Self::Platform,
        Self::Cores,
        Self::Memory,
        Self::Ip,
        Self::Age,
    ];

    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Id => "id",
            Self::Zone => "zone",
            Self::Status => "status",
            Self::Platform => "platform",
            Self::Cores => "vcpu",
            Self::Memory => "memory",
            Self::Ip => "ip",
            Self::Age => "age",
        }
    }

    fn compare(self, a: &Instance, b: &Instance) -> Ordering {
        let res = |i: &Instance| i.resources.unwrap_or_default();
        let created = |i: &Instance| i.created_at.map(|t| (t.seconds, t.nanos));
        match self {
            Self::Name => a.name.cmp(&b.name),
            Self::Id => a.id.cmp(&b.id),
            Self::Zone => a.zone_id.cmp(&b.zone_id),
            Self::Status => a.status().as_str_name().cmp(b.status().as_str_name()),
            Self::Platform => a.platform_id.cmp(&b.platform_id),
            Self::Cores => res(a).cores.cmp(&res(b).cores),
            Self::Memory => res(a).memory.cmp(&res(b).memory),
            Self::Ip => ip_key(internal_ip(a)).cmp(&ip_key(internal_ip(b))),
            // Newest first reads as "youngest" first: ascending age.
            Self::Age => created(b).cmp(&created(a)),
        }
        .then_with(|| a.id.cmp(&b.id))
    }
}

/// The internal IPv4 of the first network interface.
pub fn internal_ip(i: &Instance) -> &str {
    i.network_interfaces
        .first()
        .and_then(|n| n.primary_v4_address.as_ref())
        .map_or("", |a| a.address.as_str())
}

/// The public (one-to-one NAT) IPv4 of the first interface that has one.
pub fn public_ip(i: &Instance) -> &str {
    i.network_interfaces
        .iter()
        .filter_map(|n| n.primary_v4_address.as_ref()?.one_to_one_nat.as_ref())
        .map(|nat| nat.address.as_str())
        .find(|a| !a.is_empty())
        .unwrap_or("")
}

fn ip_key(ip: &str) -> Option<std::net::Ipv4Addr> {
    ip.parse().ok()
}

/// Whether a status is on its way somewhere (gets a spinner).
pub fn is_transitional(status: Status) -> bool {
    matches!(
        status,
        Status::Provisioning
            | Status::Starting
            | Status::Stopping
            | Status::Restarting
            | Status::Updating
            | Status::Deleting
    )
}

/// What the filter searches in, lower-cased once per instance: name, id, addresses, labels.
fn haystack(i: &Instance) -> String {
    let mut parts = vec![i.name.clone(), i.id.clone()];
    for nic in &i.network_interfaces {
        if let Some(a) = &nic.primary_v4_address {
            parts.push(a.address.clone());
            if let Some(nat) = &a.one_to_one_nat {
                parts.push(nat.address.clone());
            }
        }
    }
    parts.extend(i.labels.iter().map(|(k, v)| format!("{k}={v}")));
    parts.join("\n").to_lowercase()
}

/// The list part of the model.
#[derive(Debug, Clone)]
pub struct InstanceList {
    pub items: Vec<Instance>,
    /// Indices into `items` after filtering and sorting: what the screen shows.
    pub view: Vec<usize>,
    /// Position in `view`.
    pub selected: usize,
    /// First visible row (position in `view`).
    pub offset: usize,
    pub sort: SortKey,
    pub descending: bool,
    /// The filter-as-you-type text (local).
    pub filter: String,
    /// `haystack()` of each item, same order as `items`.
    search: Vec<String>,
    /// Rows whose status changed at the last refresh, by id, with when.
    pub changed: HashMap<String, SystemTime>,
}

impl Default for InstanceList {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            view: Vec::new(),
            selected: 0,
            offset: 0,
            sort: SortKey::Name,
            descending: false,
            filter: String::new(),
            search: Vec::new(),
            changed: HashMap::new(),
        }
    }
}

impl InstanceList {
    pub fn selected_instance(&self) -> Option<&Instance> {
        self.view
            .get(self.selected)
            .and_then(|i| self.items.get(*i))
    }

    pub fn find(&self, id: &str) -> Option<&Instance> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Recomputes the index vector, keeping the selected instance (by id) selected.
    pub fn rebuild(&mut self) {
        let keep = self.selected_instance().map(|i| i.id.clone());
        self.rebuild_keeping(keep.as_deref());
    }

    fn rebuild_keeping(&mut self, keep: Option<&str>) {
        let needle = self.filter.to_lowercase();
        if self.search.len() != self.items.len() {
            self.search = self.items.iter().map(haystack).collect();
        }
        let (items, search) = (&self.items, &self.search);
        self.view = (0..items.len())
            .filter(|i| needle.is_empty() || search[*i].contains(&needle))
            .collect();
        let (key, descending) = (self.sort, self.descending);
        self.view.sort_by(|a, b| {
            let o = key.compare(&items[*a], &items[*b]);
            if descending { o.reverse() } else { o }
        });
        self.reselect(keep);
    }

    fn reselect(&mut self, id: Option<&str>) {
        let found = id.and_then(|id| self.view.iter().position(|i| self.items[*i].id == id));
        self.selected = found.unwrap_or(self.selected.min(self.view.len().saturating_sub(1)));
    }

    /// Forgets every instance (another folder).
    pub fn clear(&mut self) {
        self.items.clear();
        self.search.clear();
        self.changed.clear();
        self.rebuild();
    }

    /// Appends a streamed page (initial load) and re-sorts.
    pub fn append(&mut self, page: Vec<Instance>) {
        self.search.extend(page.iter().map(haystack));
        self.items.extend(page);
        self.rebuild();
    }

    /// Replaces everything after a completed refresh: keeps the selection by id and the scroll
    /// offset, and marks rows whose status changed.
    pub fn replace(&mut self, fresh: Vec<Instance>, now: SystemTime) {
        let old: HashMap<&str, i32> = self
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.status))
            .collect();
        for i in &fresh {
            if old.get(i.id.as_str()).is_some_and(|s| *s != i.status) {
                self.changed.insert(i.id.clone(), now);
            }
        }
        let keep = self.selected_instance().map(|i| i.id.clone());
        self.search = fresh.iter().map(haystack).collect();
        self.items = fresh;
        self.rebuild_keeping(keep.as_deref());
    }

    /// Puts a newer copy of one instance in place (an operation's response).
    pub fn upsert(&mut self, instance: Instance, now: SystemTime) {
        match self.items.iter().position(|i| i.id == instance.id) {
            Some(at) => {
                if self.items[at].status != instance.status {
                    self.changed.insert(instance.id.clone(), now);
                }
                if let Some(slot) = self.search.get_mut(at) {
                    *slot = haystack(&instance);
                }
                self.items[at] = instance;
            }
            None => {
                self.search.push(haystack(&instance));
                self.items.push(instance);
            }
        }
        self.rebuild();
    }

    /// Sets the status of one instance locally (an operation just started on it).
    pub fn set_status(&mut self, id: &str, status: Status) {
        if let Some(slot) = self.items.iter_mut().find(|i| i.id == id) {
            slot.set_status(status);
        }
    }

    /// Forgets highlights older than `CHANGE_HIGHLIGHT`; true if any remain.
    pub fn expire_changes(&mut self, now: SystemTime) -> bool {
        self.changed
            .retain(|_, t| now.duration_since(*t).unwrap_or_default() < CHANGE_HIGHLIGHT);
        !self.changed.is_empty()
    }

    /// Moves the selection by `delta` rows and scrolls so it stays within `rows` visible rows.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(rows);
    }

    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.view.len().saturating_sub(rows));
    }

    /// Counts of instances by status, in status order.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
        for i in &self.items {
            *counts.entry(i.status).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(s, n)| (Status::try_from(s).unwrap_or_default(), n))
            .collect()
    }
}
