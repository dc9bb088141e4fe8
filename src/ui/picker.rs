//! The one picker renderer (the attach form's pickers and the folder picker): a centred box
//! with its title, the filter line, optional column heads, the items in aligned columns (each
//! column but the last cut to `COLUMN` so a long name never pushes the next column out of line)
//! with the cursor's row highlighted, and a message under them.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::format::{columns, rows, shown};
use crate::{
    app::pick_list::{PickItem, PickList},
    text_table,
    theme::Theme,
};

/// The widest any column but the last is drawn.
const COLUMN: usize = 28;

/// What one picker shows.
pub struct PickerView<'a> {
    pub title: String,
    /// The widest the box gets.
    pub max_width: u16,
    /// Column heads; none draws no head line.
    pub heads: &'a [&'a str],
    pub items: &'a [PickItem],
    pub list: &'a PickList,
    /// Multi-select pickers: whether the item with this id is checked.
    pub checked: Option<&'a dyn Fn(&str) -> bool>,
    /// Shown in the filter line while the filter is empty and not being typed (how to start).
    pub filter_hint: String,
    /// Keys go into the filter: the terminal cursor is put there.
    pub typing: bool,
    /// Lines shown instead of the items (loading, a failure).
    pub status: Option<Vec<Line<'static>>>,
    /// The message's colour is the theme's warning rather than its error colour.
    pub message_is_hint: bool,
}

/// The filter line's label.
const FILTER: &str = " filter: ";

pub fn render(view: &PickerView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let chrome = 1 + u16::from(!view.heads.is_empty()) + u16::from(view.list.message.is_some());
    let body = match &view.status {
        Some(lines) => rows(lines.len()),
        None => rows(view.items.len()).max(1),
    };
    let width = area.width.saturating_sub(4).clamp(1, view.max_width);
    let height = body.saturating_add(chrome + 2).max(6).min(area.height);
    let rect = Rect::new(
        area.x + area.width.saturating_sub(width) / 2,
        area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(Span::styled(
            format!(" {} ", shown(&view.title)),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ))
        .style(theme.base());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let list = view.list;
    let mut lines = vec![filter_line(view, theme)];
    match &view.status {
        Some(status) => lines.extend(status.iter().cloned()),
        None => {
            let table = Table::new(view);
            if !view.heads.is_empty() {
                let heads: Vec<String> = view.heads.iter().map(|h| h.to_string()).collect();
                lines.push(Line::styled(table.heads(&heads), theme.fg(theme.muted)));
            }
            let visible = usize::from(inner.height.saturating_sub(chrome)).max(1);
            let offset = (list.selected + 1).saturating_sub(visible);
            if view.items.is_empty() {
                lines.push(Line::styled(
                    " nothing to choose (or nothing matches)",
                    theme.fg(theme.muted),
                ));
            }
            for (n, item) in view.items.iter().enumerate().skip(offset).take(visible) {
                lines.push(table.row(item, n == list.selected, theme));
            }
        }
    }
    if let Some(message) = &list.message {
        let colour = if view.message_is_hint {
            theme.warning
        } else {
            theme.error
        };
        lines.push(Line::styled(
            format!(" {}", shown(message)),
            theme.fg(colour),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if view.typing {
        // The input itself, over the rest of the filter line: it scrolls to keep its cursor.
        let label = columns(FILTER);
        let line = Rect {
            x: inner.x.saturating_add(label),
            width: inner.width.saturating_sub(label),
            height: 1,
            ..inner
        };
        let mut input = list.filter.area().clone();
        input.set_placeholder_text("type to filter");
        input.set_placeholder_style(theme.fg(theme.muted));
        input.set_style(theme.fg(theme.text));
        frame.render_widget(&input, line);
    }
}

fn filter_line(view: &PickerView, theme: &Theme) -> Line<'static> {
    let text = view.list.filter.text();
    if view.typing {
        // The input is drawn over the rest of the line.
        Line::styled(FILTER, theme.fg(theme.muted))
    } else if !text.is_empty() {
        Line::from(vec![
            Span::styled(FILTER, theme.fg(theme.muted)),
            Span::styled(shown(text), theme.fg(theme.text)),
        ])
    } else {
        Line::styled(format!(" {}", view.filter_hint), theme.fg(theme.muted))
    }
}

/// The column layout of one picker: every item's cells fitted, the widths taken over all of
/// them (not just the visible ones, so scrolling never shifts a column).
struct Table<'a> {
    widths: Vec<usize>,
    checked: Option<&'a dyn Fn(&str) -> bool>,
}

impl<'a> Table<'a> {
    fn new(view: &PickerView<'a>) -> Self {
        let fitted: Vec<Vec<String>> = std::iter::once(view.heads.iter().map(|h| h.to_string()))
            .map(Iterator::collect)
            .chain(
                view.items
                    .iter()
                    .filter(|i| !i.error)
                    .map(|i| i.cells.clone()),
            )
            .map(|cells: Vec<String>| fit(&cells))
            .collect();
        Self {
            widths: text_table::widths(&fitted),
            checked: view.checked,
        }
    }

    /// Column heads, after the check boxes' room when there are check boxes.
    fn heads(&self, heads: &[String]) -> String {
        let room = if self.checked.is_some() { "    " } else { "" };
        self.line(room, heads)
    }

    /// Cells laid out in the columns after `prefix`.
    fn line(&self, prefix: &str, cells: &[String]) -> String {
        format!(" {prefix}{}", text_table::line(&fit(cells), &self.widths))
    }

    fn row(&self, item: &PickItem, selected: bool, theme: &Theme) -> Line<'static> {
        let style = if selected {
            theme.selection()
        } else if item.error {
            theme.fg(theme.error)
        } else {
            theme.fg(theme.text)
        };
        let text = match self.checked {
            // An error row is its name and then the whole error, unaligned.
            _ if item.error => format!(" {}", fit(&item.cells).join("  ")),
            Some(checked) if checked(&item.id) => self.line("[x] ", &item.cells),
            Some(_) => self.line("[ ] ", &item.cells),
            None => self.line("", &item.cells),
        };
        Line::styled(text, style)
    }
}

/// Cells made visible, every one but the last cut to `COLUMN`.
fn fit(cells: &[String]) -> Vec<String> {
    let last = cells.len().saturating_sub(1);
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let max = if i < last {
                COLUMN
            } else {
                text_table::MAX_CELL_WIDTH
            };
            text_table::fit(c, max).into_owned()
        })
        .collect()
}
