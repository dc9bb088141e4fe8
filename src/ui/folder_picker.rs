//! The cloud and folder picker over the list: the filter line, the rows (cloud, folder, id,
//! status; or the clouds), "loading…" meanwhile, an error with its request id and the retry key.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};

use super::format::{shown, spinner};
use crate::{
    app::{
        Model,
        folder_picker::{FolderPicker, Row, Scope, Tree},
    },
    keymap::Action,
    theme::Theme,
};

/// Fixed lines around the rows: the filter, the column heads, the hint.
const CHROME: u16 = 3;

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(picker) = &model.folder_picker else {
        return;
    };
    let width = area.width.saturating_sub(4).clamp(1, 100);
    let rows = picker.rows.len().max(1) as u16;
    let height = (rows + CHROME + 2).max(8).min(area.height);
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
            format!(" {} ", shown(&title(picker))),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ))
        .style(theme.base());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let mut lines = vec![filter_line(model, picker, theme)];
    match &picker.tree {
        Tree::Loading => lines.push(Line::styled(
            format!(" {} loading clouds and folders…", spinner(model.now)),
            theme.fg(theme.muted),
        )),
        Tree::Failed(error) => {
            lines.push(Line::styled(
                format!(" cannot list clouds: {}", shown(&error.summary())),
                theme.fg(theme.error),
            ));
            lines.push(Line::styled(
                format!(" {} tries again", model.keymap.keys_of(Action::Refresh)),
                theme.fg(theme.muted),
            ));
        }
        Tree::Loaded(_) => {
            lines.push(Line::styled(heads(picker), theme.fg(theme.muted)));
            let visible = usize::from(inner.height.saturating_sub(CHROME)).max(1);
            let offset = (picker.selected + 1).saturating_sub(visible);
            if picker.rows.is_empty() {
                lines.push(Line::styled(
                    " nothing to choose (or nothing matches)",
                    theme.fg(theme.muted),
                ));
            }
            for (n, row) in picker.rows.iter().enumerate().skip(offset).take(visible) {
                lines.push(row_line(picker, *row, n == picker.selected, theme));
            }
        }
    }
    if let Some(hint) = &picker.hint {
        lines.push(Line::styled(format!(" {hint}"), theme.fg(theme.warning)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if picker.filtering {
        let line = Rect {
            x: inner.x.saturating_add(9),
            width: inner.width.saturating_sub(9),
            height: 1,
            ..inner
        };
        frame.render_widget(picker.filter.area(), line);
    }
}

fn title(picker: &FolderPicker) -> String {
    match &picker.scope {
        Scope::Folders => "choose a folder".into(),
        Scope::Clouds => "choose a cloud".into(),
        Scope::Cloud(id) => {
            let name = picker
                .clouds()
                .iter()
                .find(|c| c.cloud.id == *id)
                .map_or(id.as_str(), |c| c.cloud.name.as_str());
            format!("folders of {name}")
        }
    }
}

fn filter_line(model: &Model, picker: &FolderPicker, theme: &Theme) -> Line<'static> {
    if picker.filtering {
        // The input itself is drawn over the rest of the line.
        Line::styled(" filter: ", theme.fg(theme.muted))
    } else if !picker.filter.text().is_empty() {
        Line::from(vec![
            Span::styled(" filter: ", theme.fg(theme.muted)),
            Span::styled(shown(picker.filter.text()), theme.fg(theme.text)),
        ])
    } else {
        let keys = model.keymap.keys_of(Action::Filter);
        Line::styled(format!(" {keys} to filter"), theme.fg(theme.muted))
    }
}

fn heads(picker: &FolderPicker) -> String {
    match picker.scope {
        Scope::Clouds => format!(" {:<24} {:<22} {}", "CLOUD", "ID", "FOLDERS"),
        _ => format!(
            " {:<18} {:<22} {:<22} {}",
            "CLOUD", "FOLDER", "ID", "STATUS"
        ),
    }
}

fn row_line(picker: &FolderPicker, row: Row, selected: bool, theme: &Theme) -> Line<'static> {
    let style = if selected {
        theme.selection()
    } else {
        theme.fg(theme.text)
    };
    let text =
        match row {
            Row::Cloud(index) => picker.cloud(index).map(|c| {
                let folders = c
                    .folders
                    .as_ref()
                    .map_or_else(|e| e.code_name().to_string(), |f| f.len().to_string());
                format!(" {:<24} {:<22} {folders}", c.cloud.name, c.cloud.id)
            }),
            Row::Folder { cloud, folder } => picker
                .cloud(cloud)
                .zip(picker.folder(cloud, folder))
                .map(|(c, f)| {
                    format!(
                        " {:<18} {:<22} {:<22} {}",
                        c.cloud.name,
                        f.name,
                        f.id,
                        f.status().as_str_name()
                    )
                }),
            Row::CloudError(index) => picker.cloud(index).and_then(|c| {
                // The code and request id first: a long message is what gets cut.
                c.folders.as_ref().err().map(|e| {
                    format!(
                        " {:<18} {} (request id {}): {}",
                        c.cloud.name,
                        e.code_name(),
                        e.request_id,
                        e.message
                    )
                })
            }),
        };
    let error = matches!(row, Row::CloudError(_));
    let style = if error && !selected {
        theme.fg(theme.error)
    } else {
        style
    };
    Line::styled(shown(&text.unwrap_or_default()), style)
}
