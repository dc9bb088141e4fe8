//! The instance list: only the visible rows are built; columns drop out as the width shrinks.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Cell, Row, Table},
};

use super::format::{age, memory, shown, spinner};
use crate::{
    app::{
        Focus, Model,
        filter_query::MatchedField,
        instances::{Row as InstanceRow, SortKey, ipv4_text, is_transitional},
        model::Trial,
    },
    keymap::Action,
    theme::Theme,
};

/// What a marked row shows in the marker column.
const MARKER: &str = "●";
const MARKER_WIDTH: u16 = 1;

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Name,
    Id,
    Zone,
    Status,
    Platform,
    Resources,
    Ip,
    Public,
    Nics,
    Age,
}

/// Every column: canonical order, width, heading.
const COLUMNS: [(Col, u16, &str); 10] = [
    (Col::Name, 16, "NAME"),
    (Col::Id, 20, "ID"),
    (Col::Zone, 13, "ZONE"),
    (Col::Status, 14, "STATUS"),
    (Col::Platform, 16, "PLATFORM"),
    (Col::Resources, 9, "CPU/MEM"),
    (Col::Ip, 15, "IPV4"),
    (Col::Public, 15, "PUBLIC"),
    (Col::Nics, 4, "NICS"),
    (Col::Age, 5, "AGE"),
];

/// Which columns survive when space is short, most important first.
const PRIORITY: [Col; 10] = [
    Col::Name,
    Col::Status,
    Col::Ip,
    Col::Public,
    Col::Id,
    Col::Zone,
    Col::Resources,
    Col::Age,
    Col::Nics,
    Col::Platform,
];

fn columns(width: u16) -> Vec<(Col, u16, &'static str)> {
    let mut used = 0u16;
    let mut keep = Vec::new();
    for col in PRIORITY {
        if let Some(c) = COLUMNS.iter().find(|c| c.0 == col) {
            let need = c.1 + u16::from(!keep.is_empty());
            if used + need <= width || keep.is_empty() {
                used += need;
                keep.push(col);
            }
        }
    }
    COLUMNS
        .iter()
        .filter(|c| keep.contains(&c.0))
        .copied()
        .collect()
}

fn sorted_by(col: Col) -> Option<SortKey> {
    Some(match col {
        Col::Name => SortKey::Name,
        Col::Id => SortKey::Id,
        Col::Zone => SortKey::Zone,
        Col::Status => SortKey::Status,
        Col::Platform => SortKey::Platform,
        Col::Resources => SortKey::Cores,
        Col::Ip => SortKey::Ip,
        Col::Age => SortKey::Age,
        Col::Public | Col::Nics => return None,
    })
}

/// Why a row matched the filter when no shown column says so: a label, or the id or an
/// address whose column is dropped at this width (`label env=web`, `id`, `public ip`).
fn hidden_match(i: &InstanceRow, model: &Model, cols: &[(Col, u16, &str)]) -> Option<String> {
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
            let mark = if is_transitional(status) {
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
        Col::Resources => Cell::from(format!("{}/{}", i.cores, memory(i.memory))),
        Col::Ip => Cell::from(ipv4_text(i.ip)),
        Col::Public => Cell::from(ipv4_text(i.public_ip)),
        Col::Nics => Cell::from(i.nics.to_string()),
        Col::Age => Cell::from(age(
            i.created
                .map(|seconds| prost_types::Timestamp { seconds, nanos: 0 }),
            model.now,
        )),
    }
}

/// The list's width inside its borders.
fn block_inner_width(area: Rect) -> u16 {
    area.width.saturating_sub(2)
}

/// What the title says of operations when their pane is not drawn (hidden, or no room), so
/// nothing running is out of sight: `2 ops running, 1 queued (p shows them)`.
fn unseen_ops(model: &Model) -> Option<String> {
    let (running, queued) = (model.ops.running_ids().len(), model.ops.queued.len());
    if running == 0 && queued == 0 {
        return None;
    }
    let mut text = format!("· {running} ops running");
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
    let mut title = format!(" instances {}/{} ", list.view.len(), list.items.len());
    if !list.filter.is_empty() {
        title.push_str(&format!("/{} ", list.filter));
    }
    // While anything is marked, a one-column marker leads each row.
    let marking = !list.marks.is_empty();
    let marker = if marking { MARKER_WIDTH + 1 } else { 0 };
    let cols = columns(block_inner_width(area).saturating_sub(marker));
    if let Some(row) = list.selected_row()
        && let Some(note) = hidden_match(row, model, &cols)
    {
        title.push_str(&format!("({} matched {note}) ", row.name));
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
    if ops_unseen && let Some(ops) = unseen_ops(model) {
        title.push_str(&ops);
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.pane_border(focused))
        .title(Span::styled(shown(&title), theme.pane_title(focused)));
    let inner = block.inner(area);
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    // Keep the selection visible even if the stored offset is stale (a resize).
    let mut offset = list.offset.min(list.view.len().saturating_sub(rows));
    if list.selected < offset {
        offset = list.selected;
    } else if list.selected >= offset + rows {
        offset = list.selected + 1 - rows;
    }
    let arrow = if list.descending { "↓" } else { "↑" };
    let headings = cols.iter().map(|(col, _, name)| {
        let text = if sorted_by(*col) == Some(list.sort) {
            format!("{name}{arrow}")
        } else {
            name.to_string()
        };
        Cell::from(text)
    });
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
        .chain(cols.iter().map(|(col, w, _)| {
            if *col == Col::Name {
                Constraint::Min(*w)
            } else {
                Constraint::Length(*w)
            }
        }))
        .collect::<Vec<_>>();
    let mut lines: Vec<Row> = body.collect();
    if lines.is_empty() {
        let text = if model.listing.in_flight || model.header.startup.is_some() {
            "loading…"
        } else {
            "no instances"
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
