//! The instance list: only the visible rows are built; columns are chosen for the width by
//! `list_columns` and sized to their content.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Cell, Row, Table},
};

use super::{
    format::{age, columns, shown, spinner},
    list_columns::{Col, choose},
};
use crate::{
    app::scroll::window_start,
    app::{
        Focus, Model,
        content_widths::resources_text,
        filter_query::MatchedField,
        instances::{Row as InstanceRow, ipv4_text},
        model::Trial,
    },
    keymap::Action,
    theme::Theme,
};

/// What a marked row shows in the marker column.
const MARKER: &str = "●";
const MARKER_WIDTH: u16 = 1;
/// The STATUS column's least width: `⠴ RESTARTING`.
const STATUS_ROOM: u16 = 12;
/// What an empty list says (`loading…` while it loads).
const EMPTY: &str = "no instances";

/// The widest a cell of each column is (its heading, with the sort arrow where sorted, included).
fn natural(col: Col, model: &Model) -> u16 {
    let list = &model.instances;
    let widths = &list.widths;
    let content = match col {
        // An empty list says so in the NAME column.
        Col::Name if list.view.is_empty() => widths.name.max(columns(EMPTY)),
        Col::Name => widths.name,
        Col::Id => widths.id,
        Col::Zone => widths.zone,
        // The spinner or a space, then the status name; room for RESTARTING at least, so
        // the columns stay put when a stop, start or restart begins.
        Col::Status => list
            .counts()
            .iter()
            .map(|(status, _)| columns(status.as_str_name()).saturating_add(2))
            .fold(STATUS_ROOM, u16::max),
        Col::Platform => widths.platform,
        Col::Resources => widths.resources,
        Col::Ip => widths.ip,
        Col::Public => widths.public,
        Col::Nics => widths.nics,
        Col::Age => columns(&age_of(widths.oldest, model)),
    };
    let heading = columns(&col.heading_sorted(list.sort, "↑"));
    content.max(heading)
}

/// The AGE cell of a row created at `created` (seconds since the epoch).
fn age_of(created: Option<i64>, model: &Model) -> String {
    age(
        created.map(|seconds| prost_types::Timestamp { seconds, nanos: 0 }),
        model.now,
    )
}

/// Why a row matched the filter when no shown column says so: a label, or the id or an
/// address whose column is dropped at this width (`label env=web`, `id`, `public ip`).
fn hidden_match(i: &InstanceRow, model: &Model, cols: &[(Col, u16)]) -> Option<String> {
    let query = model.instances.query();
    if query.is_empty() {
        return None;
    }
    let shows = |col: Col| cols.iter().any(|c| c.0 == col);
    query
        .matched_fields(&i.search)
        .into_iter()
        .find_map(|field| match field {
            MatchedField::Label(label) => Some(format!("label {label}")),
            MatchedField::Id if !shows(Col::Id) => Some("id".into()),
            MatchedField::Ip if !shows(Col::Ip) => Some("ip".into()),
            MatchedField::PublicIp if !shows(Col::Public) => Some("public ip".into()),
            _ => None,
        })
}

/// The row's note: [`hidden_match`] without the word `label`, to fit the NAME column.
fn short_note(note: &str) -> &str {
    note.strip_prefix("label ").unwrap_or(note)
}

fn cell<'a>(
    col: Col,
    i: &'a InstanceRow,
    model: &'a Model,
    theme: &Theme,
    note: Option<&str>,
) -> Cell<'a> {
    let strings = &model.instances.strings;
    match col {
        Col::Name => match note {
            Some(note) => Cell::from(Line::from(vec![
                Span::raw(shown(&i.name)),
                Span::styled(
                    format!(" ({})", shown(short_note(note))),
                    theme.fg(theme.muted),
                ),
            ])),
            None => Cell::from(shown(&i.name)),
        },
        Col::Id => Cell::from(shown(&i.id)),
        Col::Zone => Cell::from(shown(strings.get(i.zone))),
        Col::Status => {
            let status = i.status();
            let mark = if status.is_transitional() {
                spinner(model.now)
            } else {
                " "
            };
            Cell::from(Span::styled(
                format!("{mark} {}", status.as_str_name()),
                theme.status_style(status),
            ))
        }
        Col::Platform => Cell::from(shown(strings.get(i.platform))),
        Col::Resources => Cell::from(resources_text(i)),
        Col::Ip => Cell::from(ipv4_text(i.ip)),
        Col::Public => Cell::from(ipv4_text(i.public_ip)),
        Col::Nics => Cell::from(i.nics.to_string()),
        Col::Age => Cell::from(age_of(i.created, model)),
    }
}

fn sort_arrow(model: &Model) -> &'static str {
    if model.instances.descending {
        "↓"
    } else {
        "↑"
    }
}

/// The columns for `width`, NAME wide enough for the notes of the `rows` rows shown from
/// `offset` on (`bastion (team=web)`) when there is room.
fn visible_columns(model: &Model, width: u16, offset: usize, rows: usize) -> Vec<(Col, u16)> {
    let cols = choose(width, |col| natural(col, model));
    let list = &model.instances;
    let noted = list
        .view
        .iter()
        .skip(offset)
        .take(rows)
        .filter_map(|i| list.items.get(*i))
        .filter_map(|row| {
            let note = hidden_match(row, model, &cols)?;
            let text = format!("{} ({})", row.name, short_note(&note));
            Some(columns(&shown(&text)))
        })
        .max();
    match noted {
        Some(need) if cols.first().is_some_and(|(_, w)| *w < need) => choose(width, |col| {
            let natural = natural(col, model);
            if col == Col::Name {
                natural.max(need)
            } else {
                natural
            }
        }),
        _ => cols,
    }
}

/// The list's title: counts, operations out of sight, the filter, why the selected row
/// matched, the sort when its column is hidden, and marks.
fn title(model: &Model, cols: &[(Col, u16)], ops_unseen: bool) -> String {
    let list = &model.instances;
    let mut title = format!(" instances {}/{} ", list.view.len(), list.items.len());
    // Early in the title, so a long filter note never pushes it out of sight.
    if ops_unseen && let Some(ops) = unseen_ops(model) {
        title.push_str(&ops);
    }
    if !list.filter.is_empty() {
        title.push_str(&format!("/{} ", list.filter));
    }
    if let Some(row) = list.selected_row()
        && let Some(note) = hidden_match(row, model, cols)
    {
        title.push_str(&format!("({} matched {note}) ", row.name));
    }
    if !cols.iter().any(|(col, _)| col.shows(list.sort)) {
        let arrow = sort_arrow(model);
        title.push_str(&format!("· sorted by {} {arrow} ", list.sort.label()));
    }
    if !model.listing.server_filter.is_empty() {
        // A filter not answered yet is not claimed as applied.
        let trying = matches!(model.listing.trial, Some(Trial::Filter { .. }));
        let mark = if trying { " (trying…)" } else { "" };
        title.push_str(&format!("filter: {}{mark} ", model.listing.server_filter));
    }
    if !list.marks.is_empty() {
        title.push_str(&format!("· {} marked ", list.marks.len()));
    }
    title
}

/// What the title says of operations when their pane is not drawn (hidden, or no room), so
/// nothing running is out of sight: `· 2 ops running, 1 queued (p shows them)`.
fn unseen_ops(model: &Model) -> Option<String> {
    let (running, queued) = (model.ops.running_ids().len(), model.ops.queued.len());
    if running == 0 && queued == 0 {
        return None;
    }
    let noun = if running == 1 { "op" } else { "ops" };
    let mut text = format!("· {running} {noun} running");
    if queued > 0 {
        text.push_str(&format!(", {queued} queued"));
    }
    let keys = model.keymap.keys_of(Action::ToggleOps);
    if model.ops_hidden && !keys.is_empty() {
        text.push_str(&format!(" ({keys} shows them)"));
    }
    Some(text + " ")
}

/// Draws the list; `ops_unseen` when the operations pane is not on screen.
pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect, ops_unseen: bool) {
    let list = &model.instances;
    let focused = model.focus == Focus::Instances;
    let frame_block = Block::default().borders(Borders::ALL);
    let inner = frame_block.inner(area);
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    // Keep the selection visible even if the stored offset is stale (a resize).
    let offset = window_start(list.offset, list.selected, list.view.len(), rows);
    // While anything is marked, a one-column marker leads each row.
    let marking = !list.marks.is_empty();
    let marker = if marking { MARKER_WIDTH + 1 } else { 0 };
    let cols = visible_columns(model, inner.width.saturating_sub(marker), offset, rows);
    let title = title(model, &cols, ops_unseen);
    let block = frame_block
        .border_style(theme.pane_border(focused))
        .title(Span::styled(shown(&title), theme.pane_title(focused)));
    let arrow = sort_arrow(model);
    let headings = cols
        .iter()
        .map(|(col, _)| Cell::from(col.heading_sorted(list.sort, arrow)));
    let marker_heading = marking.then(|| Cell::from(""));
    let header = Row::new(marker_heading.into_iter().chain(headings))
        .style(Style::new().fg(theme.muted).add_modifier(Modifier::BOLD));
    let body = list
        .view
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .filter_map(|(pos, index)| {
            let instance = list.items.get(*index)?;
            let mut style = theme.fg(theme.text);
            let marked = list.marks.contains(&instance.id);
            if marked {
                style = style.fg(theme.accent).add_modifier(Modifier::BOLD);
            }
            if list.changed.contains_key(&instance.id) {
                style = style.fg(theme.warning).add_modifier(Modifier::BOLD);
            }
            if pos == list.selected {
                style = if focused {
                    theme.selection()
                } else {
                    style.add_modifier(Modifier::REVERSED)
                };
            }
            let note = hidden_match(instance, model, &cols);
            let marker = marking.then(|| Cell::from(if marked { MARKER } else { " " }));
            let cells = cols
                .iter()
                .map(|c| cell(c.0, instance, model, theme, note.as_deref()));
            Some(Row::new(marker.into_iter().chain(cells)).style(style))
        });
    let marker_width = marking.then_some(Constraint::Length(MARKER_WIDTH));
    let widths = marker_width
        .into_iter()
        .chain(cols.iter().map(|(_, w)| Constraint::Length(*w)))
        .collect::<Vec<_>>();
    let mut lines: Vec<Row> = body.collect();
    if lines.is_empty() {
        let text = if model.listing.in_flight || model.header.startup.is_some() {
            "loading…"
        } else {
            EMPTY
        };
        lines.push(Row::new([Cell::from(Line::styled(
            text,
            theme.fg(theme.muted),
        ))]));
    }
    let table = Table::new(lines, widths)
        .header(header)
        .block(block)
        .style(theme.base());
    frame.render_widget(table, area);
}
