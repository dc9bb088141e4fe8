//! The details screen: draws the lines `app::details_view` lays out, scrolled (never past the
//! last line, even after a resize), in a bordered pane titled with the instance's name.

use ratatui::{
    Frame,
    layout::Rect,
    widgets::{Block, Borders, Paragraph},
};

use super::{doc::lines, format::shown};
use crate::{
    app::{Model, details_view},
    theme::Theme,
};

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(details) = &model.details else {
        return;
    };
    let text = details_view::lines(model, area.width.saturating_sub(2));
    let max = crate::app::doc::max_scroll(text.len(), area.height.saturating_sub(2));
    let name = match (&details.data, model.instances.find(&details.instance_id)) {
        (Some(data), _) => data.instance.name.clone(),
        (None, Some(row)) => row.name.clone(),
        (None, None) => details.instance_id.clone(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(shown(&format!(" {name} ")));
    frame.render_widget(
        Paragraph::new(lines(text, theme))
            .block(block)
            .style(theme.base())
            .scroll((details.scroll.min(max), 0)),
        area,
    );
}
