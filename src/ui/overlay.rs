//! What floats above the screen: help (from the keymap table), the confirm dialog, one
//! operation's details, and toasts.

use ratatui::{
    Frame,
    layout::{Constraint, Flex, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap},
};

use super::format::{columns, rows, shown};
use super::ops::detail_lines;
use crate::{
    app::{
        Model, help,
        model::{Confirm, HelpView, Level, Overlay},
    },
    text_wrap::wrap,
    theme::Theme,
};

/// A centred rectangle of at most `w` x `h`, clipped to `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

fn popup(theme: &Theme, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(Span::styled(
            format!(" {title} "),
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        ))
        .style(theme.base())
}

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    match &model.overlay {
        Some(Overlay::Help(view)) => help(model, view, theme, frame, area),
        Some(Overlay::Confirm(confirm)) => self::confirm(confirm, theme, frame, area),
        Some(Overlay::Operation { id }) => {
            let lines = match model.ops.get(id) {
                Some(op) => detail_lines(op, model, theme),
                None => vec![Line::raw(format!("operation {id} is no longer tracked"))],
            };
            let rect = centred(area, 90, rows(lines.len()).saturating_add(2));
            frame.render_widget(Clear, rect);
            let widget = Paragraph::new(lines)
                .block(popup(theme, "operation"))
                .wrap(Wrap { trim: false });
            frame.render_widget(widget, rect);
        }
        None => {}
    }
}

/// Help, laid out by `app::help` (top layer first, wrapped, narrowed by `/`), scrolled within
/// its text; the search shows in the title.
fn help(model: &Model, view: &HelpView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (w, h) = help::popup_size((area.width, area.height));
    let rect = centred(area, w, h);
    frame.render_widget(Clear, rect);
    let text = help::lines(model, view, rect.width.saturating_sub(2));
    let max = crate::app::doc::max_scroll(text.len(), rect.height.saturating_sub(2));
    let title = if view.typing || !view.query.text().is_empty() {
        format!("help /{}", shown(view.query.text()))
    } else {
        "help".to_string()
    };
    frame.render_widget(
        Paragraph::new(super::doc::lines(text, theme))
            .block(popup(theme, &title))
            .scroll((view.scroll.min(max), 0)),
        rect,
    );
    if view.typing {
        // After "┌ help /" and the characters before the cursor.
        let before: String = view
            .query
            .text()
            .chars()
            .take(view.query.cursor())
            .collect();
        let x = rect.x.saturating_add(8).saturating_add(columns(&before));
        if x < rect.right() {
            frame.set_cursor_position(ratatui::layout::Position::new(x, rect.y));
        }
    }
}

/// The confirm dialog, as tall as its wrapped question so the buttons always show; a question
/// taller than the screen loses its last lines (marked `…`), never the buttons.
fn confirm(confirm: &Confirm, theme: &Theme, frame: &mut Frame, area: Rect) {
    // A question may hold several lines (a bulk action lists its instances).
    let question = crate::safe_text::visible_lines(&confirm.question).into_owned();
    let max_width = area.width.min(80);
    let widest = question.lines().map(columns).max().unwrap_or(0);
    let width = widest.saturating_add(4).clamp(30.min(max_width), max_width);
    let mut text = wrap(&question, usize::from(width.saturating_sub(4)));
    // Borders and the buttons always; the blank line above the buttons when there is room.
    let room = usize::from(area.height.saturating_sub(3));
    let gap = usize::from(room > text.len());
    if text.len() > room {
        text.truncate(room);
        if let Some(last) = text.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    let height = rows(text.len() + gap).saturating_add(3);
    let rect = centred(area, width, height);
    frame.render_widget(Clear, rect);
    let button = |label: &str, on: bool| {
        let style = if on {
            theme.selection().add_modifier(Modifier::BOLD)
        } else {
            theme.fg(theme.text)
        };
        Span::styled(format!("  {label}  "), style)
    };
    let mut lines: Vec<Line> = text.into_iter().map(Line::raw).collect();
    if gap == 1 {
        lines.push(Line::default());
    }
    lines.push(
        Line::from(vec![
            button("No", !confirm.yes_selected),
            Span::raw("   "),
            button("Yes", confirm.yes_selected),
        ])
        .centered(),
    );
    let block = popup(theme, &shown(&confirm.title)).padding(Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The toasts in their strip above the footer (`app::toasts` lays them out): never over a pane.
pub fn toasts(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = crate::app::toasts::rows(model, area.width, model.size.1);
    for ((level, text), y) in rows.into_iter().zip(area.y..area.bottom()) {
        let colour = match level {
            Level::Info => theme.accent,
            Level::Success => theme.success,
            Level::Error => theme.error,
        };
        let line = Line::styled(text, Style::new().fg(colour).add_modifier(Modifier::BOLD));
        let row = Rect::new(area.x, y, area.width, 1);
        frame.render_widget(Paragraph::new(line).style(theme.base()), row);
    }
}
