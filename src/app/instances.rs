//! The instance list: one compact row per instance (see `rows`), a filtered and sorted index
//! vector over them, the selection and scroll position, and listings merged in page by page.

use std::{
    cmp::Ordering,
    collections::{BTreeMap, HashMap},
    time::{Duration, SystemTime},
};

use super::content_widths::ContentWidths;
use super::filter_query::Query;
use super::marks::Marks;
pub use super::rows::{Row, Strings, ipv4_text};
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

    fn compare(self, a: &Row, b: &Row, strings: &Strings) -> Ordering {
        let status = |r: &Row| r.status().as_str_name();
        match self {
            Self::Name => a.name.cmp(&b.name),
            Self::Id => Ordering::Equal,
            Self::Zone => strings.get(a.zone).cmp(strings.get(b.zone)),
            Self::Status => status(a).cmp(status(b)),
            Self::Platform => strings.get(a.platform).cmp(strings.get(b.platform)),
            Self::Cores => a.cores.cmp(&b.cores),
            Self::Memory => a.memory.cmp(&b.memory),
            Self::Ip => a.ip.cmp(&b.ip),
            // Newest first reads as "youngest" first: ascending age.
            Self::Age => b.created.cmp(&a.created),
        }
        .then_with(|| a.id.cmp(&b.id))
    }
}

/// The list part of the model.
#[derive(Debug, Clone)]
pub struct InstanceList {
    /// One row per instance, in the order they first arrived (indices stay put until a
    /// listing ends and removes the instances it did not see).
    pub items: Vec<Row>,
    pub strings: Strings,
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
    /// Rows whose status changed at the last refresh, by id, with when.
    pub changed: HashMap<String, SystemTime>,
    /// Rows marked for a bulk action (Space), by id.
    pub marks: Marks,
    /// The widest cell of each column over every row (the list sizes its columns by it).
    pub widths: ContentWidths,
    /// Indices into `items` ordered by id, for merging by id.
    by_id: Vec<u32>,
    /// Every index into `items` in sort order, as of the last full rebuild; the filter only
    /// narrows it, so a keystroke never sorts.
    order: Vec<u32>,
    /// `filter`, parsed.
    query: Query,
    /// The query `view` was computed with; `None` when it must be computed from `order`.
    applied: Option<Query>,
    /// During a listing: which rows it has seen (the rest go when it ends).
    seen: Option<Vec<bool>>,
    /// Rows by raw status value, kept as rows change (the header shows them every frame).
    counts: BTreeMap<i32, usize>,
}

impl Default for InstanceList {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            strings: Strings::default(),
            view: Vec::new(),
            selected: 0,
            offset: 0,
            sort: SortKey::Name,
            descending: false,
            filter: String::new(),
            changed: HashMap::new(),
            marks: Marks::default(),
            widths: ContentWidths::default(),
            by_id: Vec::new(),
            order: Vec::new(),
            query: Query::default(),
            applied: None,
            seen: None,
            counts: BTreeMap::new(),
        }
    }
}

impl InstanceList {
    pub fn selected_row(&self) -> Option<&Row> {
        self.view
            .get(self.selected)
            .and_then(|i| self.items.get(*i))
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.by_id
            .binary_search_by(|i| self.items[*i as usize].id.as_str().cmp(id))
    }

    /// Selects instance `id` when it is shown; otherwise the selection stays.
    pub fn select(&mut self, id: &str) {
        if let Some(at) = self.view.iter().position(|i| self.items[*i].id == id) {
            self.selected = at;
        }
    }

    pub fn find(&self, id: &str) -> Option<&Row> {
        let at = self.position(id).ok()?;
        self.items.get(self.by_id[at] as usize)
    }

    /// Re-sorts every row and re-applies the filter, keeping the selected instance (by id).
    pub fn rebuild(&mut self) {
        let keep = self.selected_row().map(|r| r.id.clone());
        self.rebuild_keeping(keep.as_deref());
    }

    fn rebuild_keeping(&mut self, keep: Option<&str>) {
        let (items, strings) = (&self.items, &self.strings);
        let (key, descending) = (self.sort, self.descending);
        self.order = (0..items.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        self.order.sort_unstable_by(|a, b| {
            let o = key.compare(&items[*a as usize], &items[*b as usize], strings);
            if descending { o.reverse() } else { o }
        });
        self.applied = None;
        self.apply_filter(keep);
    }

    /// Sets the filter-as-you-type text; typing on narrows the rows shown, never re-sorts. A
    /// filter selects its first match; clearing it keeps the selected instance.
    pub fn set_filter(&mut self, text: &str) {
        let keep = if text.is_empty() {
            self.selected_row().map(|r| r.id.clone())
        } else {
            self.selected = 0;
            None
        };
        self.filter = text.to_string();
        self.query = Query::parse(text);
        self.apply_filter(keep.as_deref());
    }

    /// The filter in force, parsed (the list asks it which field each row matched).
    pub fn query(&self) -> &Query {
        &self.query
    }

    fn apply_filter(&mut self, keep: Option<&str>) {
        let (items, query) = (&self.items, &self.query);
        if query.is_empty() {
            self.view.clear();
            self.view.extend(self.order.iter().map(|i| *i as usize));
        } else {
            // Rows are tested in `items` order, the order they lie in memory, and the result
            // read back in sort order: tested in sort order, each row costs two cache misses
            // (its row and its key), which at 100k rows is most of a keystroke.
            let narrowing = self
                .applied
                .as_ref()
                .is_some_and(|before| query.narrows(before));
            let mut hits = vec![!narrowing; items.len()];
            if narrowing {
                // Every row matching the query matched the one `view` was made with.
                for i in &self.view {
                    if let Some(hit) = hits.get_mut(*i) {
                        *hit = true;
                    }
                }
            }
            for (hit, row) in hits.iter_mut().zip(items) {
                *hit = *hit && query.matches(&row.search);
            }
            let hit = |i: usize| hits.get(i).copied().unwrap_or(false);
            if narrowing {
                self.view.retain(|i| hit(*i));
            } else {
                self.view.clear();
                self.view
                    .extend(self.order.iter().map(|i| *i as usize).filter(|i| hit(*i)));
            }
        }
        self.applied = Some(self.query.clone());
        let found = keep.and_then(|id| self.view.iter().position(|i| self.items[*i].id == id));
        self.selected = found.unwrap_or(self.selected.min(self.view.len().saturating_sub(1)));
    }

    /// Forgets every instance (another folder).
    pub fn clear(&mut self) {
        *self = Self {
            sort: self.sort,
            descending: self.descending,
            filter: std::mem::take(&mut self.filter),
            query: std::mem::take(&mut self.query),
            ..Self::default()
        };
        self.rebuild();
    }

    /// A full listing starts: the rows it does not see by `end_listing` are removed then.
    pub fn begin_listing(&mut self) {
        self.seen = Some(vec![false; self.items.len()]);
    }

    /// Merges one page of a listing into the rows by id: updates rows in place, adds new
    /// ones. The view is re-sorted when the rows have doubled since it last was (so the first
    /// page shows at once and loading stays linear); `end_listing` settles it.
    pub fn merge_page(&mut self, page: Vec<Instance>, now: SystemTime) {
        // A page that repeats an id counts once (the later copy wins); the rest keep the
        // server's order.
        let mut by_id: Vec<usize> = (0..page.len()).collect();
        by_id.sort_by(|a, b| page[*a].id.cmp(&page[*b].id));
        let mut keep = vec![true; page.len()];
        for pair in by_id.windows(2) {
            if page[pair[0]].id == page[pair[1]].id {
                keep[pair[0]] = false;
            }
        }
        let mut added = Vec::new();
        for (instance, _) in page.iter().zip(keep).filter(|(_, keep)| *keep) {
            let before = self.items.len();
            let at = self.put(instance, now);
            if at == before {
                added.push(at);
            }
            self.mark_seen(at);
        }
        self.index_added(added);
        if self.order.is_empty() || self.items.len() >= 2 * self.order.len() {
            self.rebuild();
        }
    }

    /// A listing got its last page: rows it did not see are gone; re-sorts.
    pub fn end_listing(&mut self) {
        let keep = self.selected_row().map(|r| r.id.clone());
        if let Some(seen) = self.seen.take()
            && seen.iter().any(|s| !s)
        {
            let mut flags = seen.into_iter();
            self.items.retain(|_| flags.next().unwrap_or(true));
            self.by_id = (0..self.items.len())
                .filter_map(|i| u32::try_from(i).ok())
                .collect();
            let items = &self.items;
            self.by_id
                .sort_unstable_by(|a, b| items[*a as usize].id.cmp(&items[*b as usize].id));
            self.recount();
            self.widths = ContentWidths::of(&self.items, &self.strings);
            // Marks of instances gone from the folder go with them.
            let mut marks = std::mem::take(&mut self.marks);
            marks.retain(|id| self.position(id).is_ok());
            self.marks = marks;
        }
        // `view` may hold indices of the old layout: the selection was read before.
        self.rebuild_keeping(keep.as_deref());
    }

    fn mark_seen(&mut self, at: usize) {
        if let Some(seen) = self.seen.as_mut() {
            if seen.len() <= at {
                seen.resize(at + 1, false);
            }
            seen[at] = true;
        }
    }

    /// Updates the row of `instance` in place, or appends a new row (not yet in `by_id`).
    /// Returns the row's index.
    fn put(&mut self, instance: &Instance, now: SystemTime) -> usize {
        let row = Row::from_instance(instance, &mut self.strings);
        self.widths.include(&row, &self.strings);
        *self.counts.entry(row.status).or_default() += 1;
        match self.position(&instance.id) {
            Ok(at) => {
                let index = self.by_id[at] as usize;
                let old = std::mem::replace(&mut self.items[index], row);
                if old.status != instance.status {
                    self.changed.insert(instance.id.clone(), now);
                }
                self.uncount(old.status);
                index
            }
            Err(_) => {
                self.items.push(row);
                self.items.len() - 1
            }
        }
    }

    /// Puts newly appended rows into `by_id` with one merge pass.
    fn index_added(&mut self, mut added: Vec<usize>) {
        if added.is_empty() {
            return;
        }
        let items = &self.items;
        added.sort_unstable_by(|a, b| items[*a].id.cmp(&items[*b].id));
        let old = std::mem::take(&mut self.by_id);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let mut new = added
            .into_iter()
            .filter_map(|i| u32::try_from(i).ok())
            .peekable();
        for i in old {
            while let Some(n) = new.next_if(|n| items[*n as usize].id < items[i as usize].id) {
                merged.push(n);
            }
            merged.push(i);
        }
        merged.extend(new);
        self.by_id = merged;
    }

    fn uncount(&mut self, status: i32) {
        if let Some(n) = self.counts.get_mut(&status) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.counts.remove(&status);
            }
        }
    }

    fn recount(&mut self) {
        self.counts.clear();
        for row in &self.items {
            *self.counts.entry(row.status).or_default() += 1;
        }
    }

    /// Puts a newer copy of one instance in place (an operation's response, opened details).
    pub fn upsert(&mut self, instance: &Instance, now: SystemTime) {
        let before = self.items.len();
        let at = self.put(instance, now);
        if at == before {
            self.index_added(vec![at]);
        }
        self.mark_seen(at);
        self.rebuild();
    }

    /// Sets the status of one instance locally (an operation just started on it).
    pub fn set_status(&mut self, id: &str, status: Status) {
        let Ok(at) = self.position(id) else {
            return;
        };
        let index = self.by_id[at] as usize;
        let old = std::mem::replace(&mut self.items[index].status, status as i32);
        self.uncount(old);
        *self.counts.entry(status as i32).or_default() += 1;
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
        self.offset =
            super::scroll::window_start(self.offset, self.selected, self.view.len(), rows);
    }

    /// Counts of instances by status, in status order.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        self.counts
            .iter()
            .map(|(s, n)| (Status::try_from(*s).unwrap_or_default(), *n))
            .collect()
    }

    /// Whether any instance is on its way somewhere (its spinner animates).
    pub fn any_transitional(&self) -> bool {
        self.counts
            .keys()
            .any(|s| Status::try_from(*s).unwrap_or_default().is_transitional())
    }
}
