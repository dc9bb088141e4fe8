//! The header: source, folder, connection state, refresh age and counts by status.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::format::{short, shown, spinner};
use crate::{
    app::{
        Model,
        model::{Connection, Startup},
    },
    theme::Theme,
};

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let header = &model.header;
    let sep = || Span::styled(" │ ", theme.fg(theme.border));
    let folder = match (&header.folder_name, &header.folder_id) {
        (Some(name), Some(id)) => format!("folder {} ({})", shown(name), shown(id)),
        (None, Some(id)) => format!("folder {}", shown(id)),
        (_, None) => "no folder yet: choose one".to_string(),
    };
    let connection = match (&header.startup, &header.connection) {
        (Some(Startup::Connecting), _) => Span::styled(
            format!("{} connecting…", spinner(model.now)),
            theme.fg(theme.warning),
        ),
        (Some(Startup::Authenticating), _) => Span::styled(
            format!("{} authenticating…", spinner(model.now)),
            theme.fg(theme.warning),
        ),
        (None, connection) => match connection {
            Connection::Connecting => Span::styled(
                format!("{} connecting", spinner(model.now)),
                theme.fg(theme.warning),
            ),
            Connection::Connected => Span::styled("● connected", theme.fg(theme.success)),
            Connection::Reconnecting(e) => Span::styled(
                format!("{} reconnecting: {e}", spinner(model.now)),
                theme.fg(theme.error),
            ),
            Connection::Refused(e) => {
                Span::styled(format!("✗ refused: {e}"), theme.fg(theme.error))
            }
        },
    };
    let age = match header.last_refresh {
        Some(t) => format!(
            "refreshed {} ago",
            short(model.now.duration_since(t).unwrap_or_default())
        ),
        None => "not loaded yet".to_string(),
    };
    let mut first = Vec::new();
    if area.width >= 100 {
        first.push(Span::styled(
            " ycdash",
            Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        ));
        first.push(sep());
    } else {
        first.push(Span::raw(" "));
    }
    first.push(Span::styled(header.source.clone(), theme.fg(theme.text)));
    if header.startup.is_some() {
        // Drawn before the backend answers: only what it is doing.
        first.extend([sep(), connection.clone()]);
    } else {
        first.extend([sep(), Span::styled(folder, theme.fg(theme.text))]);
    }
    // Before a folder is chosen nothing is listed: no connection state or age to show.
    if header.startup.is_none() && header.folder_id.is_some() {
        first.extend([
            sep(),
            connection,
            sep(),
            Span::styled(age, theme.fg(theme.muted)),
        ]);
    }
    if model.listing.in_flight && header.last_refresh.is_some() {
        first.push(Span::styled(
            format!(" {} refreshing", spinner(model.now)),
            theme.fg(theme.muted),
        ));
    }
    let mut lines = vec![Line::from(first)];
    if area.height > 1 {
        let mut counts = vec![Span::styled(
            format!(" {} instances ", model.instances.items.len()),
            theme.fg(theme.text),
        )];
        for (status, n) in model.instances.counts() {
            counts.push(Span::styled(
                format!(" {} {n}", status.as_str_name()),
                theme.status_style(status),
            ));
        }
        if model.listing.in_flight && header.last_refresh.is_none() {
            counts.push(Span::styled(
                format!("  {} loading more…", spinner(model.now)),
                theme.fg(theme.muted),
            ));
        }
        lines.push(Line::from(counts));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base()), area);
}
