//! A picker over the attach form: title, the filter input, the matching items (checkboxes
//! for security groups) with the highlighted one, and its message.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::format::{rows, shown};
use crate::{
    app::attach::{AttachForm, choices::PickerKind},
    theme::Theme,
};

pub fn render(form: &AttachForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(picker) = &form.picker else {
        return;
    };
    let items = form.filtered();
    let title = match picker.kind {
        PickerKind::Subnet => "subnet",
        PickerKind::NatAddress => "static public address",
        PickerKind::DnsZone { .. } => "DNS zone",
        PickerKind::SecurityGroups => "security groups (Space toggles, Enter done)",
    };
    let width = area.width.saturating_sub(4).clamp(1, 76);
    let height = rows(items.len()).saturating_add(5).max(6).min(area.height);
    let rect = Rect::new(
        area.x + area.width.saturating_sub(width) / 2,
        area.y + area.height.saturating_sub(height) / 2,
        width,
        height.min(area.height),
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(Span::styled(
            format!(" {title} "),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ))
        .style(theme.base());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let mut lines = Vec::new();
    lines.push(Line::from(Span::styled("filter ", theme.fg(theme.muted))));
    let visible = usize::from(inner.height.saturating_sub(2)).max(1);
    let offset = (picker.selected + 1).saturating_sub(visible);
    if items.is_empty() {
        lines.push(Line::styled(
            "  nothing to choose (or nothing matches)",
            theme.fg(theme.muted),
        ));
    }
    for (n, item) in items.iter().enumerate().skip(offset).take(visible) {
        let check = if picker.kind == PickerKind::SecurityGroups {
            let on = form.security_groups.contains(&item.id);
            if on { "[x] " } else { "[ ] " }
        } else {
            ""
        };
        let style = if n == picker.selected {
            theme.selection()
        } else {
            theme.fg(theme.text)
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {check}{:<24}", shown(&item.label)), style),
            Span::styled(format!(" {}", shown(&item.detail)), theme.fg(theme.muted)),
        ]));
    }
    if let Some(message) = &picker.message {
        lines.push(Line::styled(
            format!(" {}", shown(message)),
            theme.fg(theme.error),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let mut filter = picker.filter.area().clone();
    filter.set_placeholder_text("type to filter");
    filter.set_placeholder_style(theme.fg(theme.muted));
    filter.set_style(theme.fg(theme.text));
    let x = inner.x + 7;
    if x < inner.right() {
        frame.render_widget(&filter, Rect::new(x, inner.y, inner.right() - x, 1));
    }
}
