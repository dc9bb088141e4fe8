//! The serial console view: only the lines on screen are drawn (each cut to the width), the
//! current search match highlighted, follow state and position in the title.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::format::shown;
use crate::{app::serial::SerialView, theme::Theme};

pub fn render(view: &SerialView, theme: &Theme, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let who = if view.name.is_empty() {
        view.instance_id.clone()
    } else {
        format!("{} ({})", view.name, view.instance_id)
    };
    let state = match (&view.error, view.loading, view.follow) {
        (Some(e), _, _) => format!("error: {e}"),
        (None, true, _) if view.lines.is_empty() => "reading…".to_string(),
        (None, _, true) => "following".to_string(),
        (None, _, false) => "paused".to_string(),
    };
    let last = (view.top + view.rows).min(view.lines.len());
    let title = format!(
        " serial port {} · {} · {state} · {}-{}/{} ",
        view.port,
        shown(&who),
        (view.top + 1).min(last),
        last,
        view.lines.len()
    );
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.border))
        .title(Span::styled(title, theme.fg(theme.accent)));
    if let Some(input) = &view.typing {
        block = block.title_bottom(Span::styled(
            format!(" /{} ", shown(input.text())),
            theme.fg(theme.accent),
        ));
    } else if !view.query.is_empty() {
        block = block.title_bottom(Span::styled(
            format!(" search: {} ", shown(&view.query)),
            theme.fg(theme.muted),
        ));
    }
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = view
        .visible()
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let cut: String = text.chars().take(width).collect();
            let style = if view.found == Some(view.top + i) {
                theme.selection()
            } else if view.line_matches(text) {
                theme.fg(theme.warning).add_modifier(Modifier::BOLD)
            } else {
                theme.fg(theme.text)
            };
            Line::from(Span::styled(cut, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base()).block(block), area);
}
