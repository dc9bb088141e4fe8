//! The serial console view: only the lines on screen are drawn (each cut to the width), the
//! current search match highlighted, follow state and position in the title. An empty port
//! says so; with toasts up, the view ends above them and still shows its window's last line.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph, Wrap},
};

use super::format::shown;
use crate::{app::serial::SerialView, theme::Theme};

/// Draws the view in `area` (above the toasts' strip when toasts are up); `next_port_key` is
/// the key that switches ports, for the empty port's notice.
pub fn render(
    view: &SerialView,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    next_port_key: &str,
) {
    frame.render_widget(Clear, area);
    let who = if view.name.is_empty() {
        view.instance_id.clone()
    } else {
        format!("{} ({})", view.name, view.instance_id)
    };
    let empty = view.lines.is_empty() && !view.loading && view.error.is_none();
    let state = match (&view.error, view.loading, view.follow) {
        (Some(e), _, _) => format!("error: {e}"),
        (None, true, _) if view.lines.is_empty() => "reading…".to_string(),
        (None, false, _) if empty => "empty".to_string(),
        (None, _, true) => "following".to_string(),
        (None, _, false) => "paused".to_string(),
    };
    let last = (view.top + view.rows).min(view.lines.len());
    let position = if view.lines.is_empty() {
        String::new()
    } else {
        format!(
            " · {}-{last}/{}",
            (view.top + 1).min(last),
            view.lines.len()
        )
    };
    let title = format!(
        " serial port {} · {} · {state}{position} ",
        view.port,
        shown(&who)
    );
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.border))
        .title(Span::styled(title, theme.fg(theme.accent)));
    if let Some(input) = &view.search.typing {
        block = block.title_bottom(Span::styled(
            format!(" /{} ", shown(input.text())),
            theme.fg(theme.accent),
        ));
    } else if !view.search.query.is_empty() {
        block = block.title_bottom(Span::styled(
            format!(" search: {} ", shown(&view.search.query)),
            theme.fg(theme.muted),
        ));
    }
    let width = usize::from(area.width.saturating_sub(2));
    if empty {
        let notice = format!(
            "port {} has no output (yet). Ports 2-4 are often unused; {} switches the port.",
            view.port, next_port_key
        );
        let body = Paragraph::new(Line::styled(notice, theme.fg(theme.muted)))
            .style(theme.base())
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(body, area);
        return;
    }
    // Rows the toasts' strip took come off the window's top, so its last line stays in sight.
    let room = usize::from(area.height.saturating_sub(2));
    let hidden = view.visible().len().saturating_sub(room);
    let lines: Vec<Line> = view
        .visible()
        .iter()
        .enumerate()
        .skip(hidden)
        .map(|(i, text)| {
            let cut: String = text.chars().take(width).collect();
            let style = if view.search.found == Some(view.top + i) {
                theme.selection()
            } else if view.search.matches(text) {
                theme.fg(theme.warning).add_modifier(Modifier::BOLD)
            } else {
                theme.fg(theme.text)
            };
            Line::from(Span::styled(cut, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base()).block(block), area);
}
