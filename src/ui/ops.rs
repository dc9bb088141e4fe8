//! The operations pane and the popup with one operation's details.

use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap},
};

use super::format::{clock, columns, short, shown, spinner, timestamp};
use crate::{
    api::operation::{OpResponse, OpState},
    app::scroll::window_start,
    app::{
        Focus, Model,
        operations::{PaneRow, PollHealth, Queued, TrackedOp},
        sending::{Sent, SentState},
    },
    keymap::Action,
    theme::Theme,
};

/// The state cell: spinner while running (or reconnecting, or rolling back), why polling
/// stopped, "cancelled", or the error's code when failed.
fn state<'a>(op: &TrackedOp, model: &Model, theme: &Theme) -> Span<'a> {
    let spin = spinner(model.now);
    match (&op.view.state, &op.poll) {
        (OpState::Running | OpState::RollingBack(_), PollHealth::Stopped(e)) => Span::styled(
            format!("? not watched: {}", e.code_name()),
            theme.fg(theme.error),
        ),
        (OpState::Running | OpState::RollingBack(_), PollHealth::Reconnecting(code)) => {
            Span::styled(
                format!("{spin} reconnecting: {code}"),
                theme.fg(theme.warning),
            )
        }
        (OpState::Running, PollHealth::Fine) => {
            Span::styled(format!("{spin} running"), theme.fg(theme.warning))
        }
        (OpState::RollingBack(e), PollHealth::Fine) => Span::styled(
            format!("{spin} rolling back: {}", e.code_name()),
            theme.fg(theme.error),
        ),
        (OpState::Failed(e), _) if e.code == tonic::Code::Cancelled => {
            Span::styled("cancelled", theme.fg(theme.muted))
        }
        (OpState::Failed(e), _) => Span::styled(
            format!("✗ {}: {}", e.code_name(), shown(&e.message)),
            theme.fg(theme.error),
        ),
        (OpState::Done(_), _) => Span::styled("✓ done", theme.fg(theme.success)),
    }
}

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let ops = &model.ops;
    let focused = model.focus == Focus::Operations;
    let running = ops.running_ids().len();
    let mut title = format!(" operations {} ({running} running", ops.ops.len());
    if ops.sending() > 0 {
        title.push_str(&format!(", {} sending", ops.sending()));
    }
    if !ops.queued.is_empty() {
        title.push_str(&format!(", {} queued", ops.queued.len()));
    }
    title.push_str(") ");
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.pane_border(focused))
        .title(Span::styled(title, theme.pane_title(focused)));
    let inner = block.inner(area);
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let offset = window_start(ops.offset, ops.selected, ops.rows_len(), rows);
    let wide = inner.width >= 60;
    let mut header = vec!["OPERATION", "STATE", "ELAPSED"];
    if wide {
        header.push("STARTED");
    }
    let (mut what_width, mut state_width) = (0u16, 0u16);
    let body: Vec<Row> = (offset..ops.rows_len())
        .take(rows)
        .filter_map(|pos| Some((pos, ops.row(pos)?)))
        .map(|(pos, row)| {
            let mut cells = match row {
                PaneRow::Op(op) => op_cells(op, model, theme),
                PaneRow::Sent(sent) => sent_cells(sent, model, theme),
                PaneRow::Queued(q) => queued_cells(q, ops.queued.len() - pos, model, theme),
            };
            what_width = what_width.max(cells.what);
            state_width = state_width.max(cells.state);
            if !wide {
                cells.cells.truncate(3);
            }
            let style = match (pos == ops.selected, focused) {
                (true, true) => theme.selection(),
                (true, false) => theme.fg(theme.text).add_modifier(Modifier::REVERSED),
                _ => theme.fg(theme.text),
            };
            Row::new(cells.cells).style(style)
        })
        .collect();
    let fixed = if wide { 7 + 8 + 3 } else { 7 + 2 };
    let what = what_column(inner.width.saturating_sub(fixed), what_width, state_width);
    let mut widths = vec![
        Constraint::Length(what),
        Constraint::Fill(1),
        Constraint::Length(7),
    ];
    if wide {
        widths.push(Constraint::Length(8));
    }
    if body.is_empty() {
        // One line across the pane (a table cell would cut it to the first column), naming
        // the keys as bound.
        let keys = |action| model.keymap.keys_of(action);
        let text = format!(
            "no operations yet: {} / {} / {} on an instance",
            keys(Action::Stop),
            keys(Action::Start),
            keys(Action::Restart)
        );
        let hint = Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(theme.fg(theme.muted))
            .block(block);
        frame.render_widget(hint, area);
        return;
    }
    let table = Table::new(body, widths)
        .header(Row::new(header).style(Style::new().fg(theme.muted).add_modifier(Modifier::BOLD)))
        .block(block)
        .style(theme.base());
    frame.render_widget(table, area);
}

/// What the STATE column keeps at least when OPERATION needs the room (`⠴ rolling bac`).
const STATE_LEAST: u16 = 13;

/// The OPERATION column's width out of `room` shared with STATE: what and on which instance
/// matters most, so it is as wide as it holds while STATE keeps its widest text or at least
/// [`STATE_LEAST`] (a long failure is read in full with Enter).
fn what_column(room: u16, what: u16, state: u16) -> u16 {
    what.min(room.saturating_sub(state.min(STATE_LEAST)))
}

/// One row's cells (what, state, elapsed, started) and the widths of the first two.
struct PaneCells<'a> {
    cells: Vec<Cell<'a>>,
    what: u16,
    state: u16,
}

fn pane_cells<'a>(what: &str, state: Span<'a>, elapsed: String, started: String) -> PaneCells<'a> {
    let what = shown(what);
    PaneCells {
        what: columns(&what),
        state: u16::try_from(state.width()).unwrap_or(u16::MAX),
        cells: vec![
            Cell::from(what),
            Cell::from(state),
            Cell::from(elapsed),
            Cell::from(started),
        ],
    }
}

fn op_cells<'a>(op: &TrackedOp, model: &Model, theme: &Theme) -> PaneCells<'a> {
    let target = if op.target_name.is_empty() {
        op.view.target.instance_id().unwrap_or_default()
    } else {
        &op.target_name
    };
    pane_cells(
        &format!("{} {target}", op.view.description),
        state(op, model, theme),
        short(op.elapsed(model.now)),
        clock(op.started),
    )
}

/// A request sent: waiting for its answer, refused, or its outcome unknown.
fn sent_cells<'a>(sent: &Sent, model: &Model, theme: &Theme) -> PaneCells<'a> {
    let state = match &sent.state {
        SentState::Sending => Span::styled(
            format!("{} sending…", spinner(model.now)),
            theme.fg(theme.warning),
        ),
        SentState::Refused(e) => Span::styled(
            format!("✗ refused: {}: {}", e.code_name(), shown(&e.message)),
            theme.fg(theme.error),
        ),
        SentState::Unknown(e) => Span::styled(
            format!("? outcome unknown: {}", e.code_name()),
            theme.fg(theme.error),
        ),
    };
    // Only the wait for an answer counts up; an answered row has nothing running.
    let waited = match sent.state {
        SentState::Sending => short(model.now.duration_since(sent.since).unwrap_or_default()),
        SentState::Refused(_) | SentState::Unknown(_) => "-".into(),
    };
    pane_cells(&sent.what, state, waited, clock(sent.since))
}

/// A queued bulk action: `place` is 1 for the next to go.
fn queued_cells<'a>(q: &Queued, place: usize, model: &Model, theme: &Theme) -> PaneCells<'a> {
    let target = if q.name.is_empty() {
        &q.instance_id
    } else {
        &q.name
    };
    let waited = model.now.duration_since(q.since).unwrap_or_default();
    pane_cells(
        &format!("{} {target}", q.action.description()),
        Span::styled(format!("… queued #{place}"), theme.fg(theme.muted)),
        short(waited),
        "-".into(),
    )
}

/// The lines of one operation's details popup.
pub fn detail_lines<'a>(op: &TrackedOp, model: &Model, theme: &Theme) -> Vec<Line<'a>> {
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:>12}  "), theme.fg(theme.muted)),
            Span::styled(shown(&v), theme.fg(theme.text)),
        ])
    };
    let view = &op.view;
    let mut lines = vec![
        field("operation ID", view.id.clone()),
        field("description", view.description.clone()),
        field("target", op.target_label()),
        field("created by", view.created_by.clone()),
        field("started", clock(op.started) + " UTC"),
        field("modified", timestamp(view.modified_at)),
        field("elapsed", short(op.elapsed(model.now))),
        Line::from(vec![
            Span::styled(format!("{:>12}  ", "state"), theme.fg(theme.muted)),
            state(op, model, theme),
        ]),
    ];
    match &view.state {
        OpState::Failed(e) | OpState::RollingBack(e) => {
            lines.push(field("code", e.code_name().to_string()));
            lines.push(field("message", e.message.clone()));
            if !e.request_id.is_empty() {
                lines.push(field("request id", e.request_id.clone()));
            }
            for d in &e.details {
                lines.push(field("detail", d.type_url.clone()));
            }
        }
        OpState::Done(OpResponse::Instance(i)) => {
            lines.push(field(
                "response",
                format!(
                    "instance {} ({}) {}",
                    i.name,
                    i.id,
                    i.status().as_str_name()
                ),
            ));
        }
        OpState::Done(OpResponse::Empty) => lines.push(field("response", "empty".into())),
        OpState::Done(OpResponse::Other(url)) => lines.push(field("response", url.clone())),
        OpState::Running => {}
    }
    match &op.poll {
        PollHealth::Fine => {}
        PollHealth::Reconnecting(code) => {
            lines.push(field("last poll", format!("{code}; trying again")));
        }
        PollHealth::Stopped(e) => {
            lines.push(field("polling", format!("stopped: {}", e.summary())));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::what_column;

    #[test]
    fn the_operation_column_holds_its_text_when_the_state_leaves_room() {
        assert_eq!(what_column(39, 27, 9), 27, "both fit");
        assert_eq!(what_column(39, 20, 46), 20, "a long failure takes the rest");
        assert_eq!(what_column(39, 40, 9), 30, "the state keeps its width");
        assert_eq!(what_column(39, 40, 30), 26, "the state keeps its least");
        assert_eq!(what_column(0, 40, 30), 0);
    }
}
