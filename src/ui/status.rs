//! The bottom line: the keys that matter in the current view, or the line being typed.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::Paragraph,
};

use super::format::shown;
use crate::{
    app::{Focus, Model, command::Choices, layer::Layer, model::Prompt},
    keymap::{Action, KeyContext},
    theme::Theme,
};
use unicode_width::UnicodeWidthStr;

/// The actions worth showing for the layer on top (`Model::layer()`, the order keys use), the
/// most important first: a narrow footer drops hints from the end (help stays). Their labels
/// are the keymap table's short hints.
fn actions(model: &Model) -> &'static [Action] {
    use Action::*;
    match model.layer() {
        // The prompt line takes the place of the hints.
        Layer::Prompt => &[],
        Layer::Confirm => &[Yes, No, Toggle, Accept],
        Layer::AttachForm(KeyContext::Picker) => &[Choose, ItemDown, ToggleItem, Back, Help],
        Layer::AttachForm(KeyContext::Review) => &[
            Submit,
            Back,
            CopyCommand,
            CopyJson,
            CopyTable,
            ItemDown,
            Help,
        ],
        Layer::AttachForm(_) => &[
            Review, Choose, NextField, ToggleItem, Back, AddRow, RemoveRow, StopFirst, PrevField,
            Help,
        ],
        Layer::FolderPicker if model.folder_picker.as_ref().is_some_and(|p| p.filtering) => {
            &[Accept, Back]
        }
        Layer::FolderPicker => &[Choose, Down, Filter, Refresh, Back, Help, Quit],
        Layer::Overlay => &[Back, Down, Quit],
        Layer::Serial { searching: true } => &[Accept, Back],
        Layer::Serial { searching: false } => &[
            Down, Search, SearchNext, SearchPrev, Follow, NextPort, Save, CloseView,
        ],
        Layer::Details => &[
            Back, Stop, Start, Restart, Attach, NicNext, EditNic, Detach, Refresh, Help,
        ],
        Layer::List(Focus::Instances) => &[
            Open,
            Filter,
            Stop,
            Start,
            Restart,
            Mark,
            SortNext,
            Refresh,
            FocusNext,
            ToggleOps,
            CommandLine,
            Help,
            Quit,
        ],
        Layer::List(Focus::Operations) => &[
            Open,
            CancelOperation,
            FocusNext,
            ToggleOps,
            CommandLine,
            Help,
            Quit,
        ],
    }
}

/// The hints that fit in `width` columns: the most important first, dropping from the end,
/// but `help` always when the layer offers it.
fn hints(model: &Model, width: usize) -> Vec<(String, &'static str)> {
    let all: Vec<(Action, String, &'static str)> = actions(model)
        .iter()
        .map(|a| (*a, model.keymap.keys_of(*a), model.keymap.hint(*a)))
        .filter(|(_, keys, _)| !keys.is_empty())
        .collect();
    let cost = |keys: &str, label: &str| keys.width() + label.width() + 3;
    let mut left = all
        .iter()
        .filter(|(a, ..)| *a == Action::Help)
        .fold(width, |left, (_, k, l)| left.saturating_sub(cost(k, l)));
    let mut shown = Vec::new();
    let mut full = false;
    for (action, keys, label) in all {
        if action == Action::Help {
            shown.push((keys, label));
        } else if !full && cost(&keys, label) <= left {
            left -= cost(&keys, label);
            shown.push((keys, label));
        } else {
            full = true;
        }
    }
    shown
}

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let (prefix, input, note) = match &model.prompt {
        Some(Prompt::Filter { line, .. }) => ("/", line, None),
        Some(Prompt::Command {
            line,
            choices,
            note,
        }) => (
            ":",
            line,
            note_line(choices.as_ref(), note.as_deref(), theme),
        ),
        None => {
            let line = match &model.command_error {
                Some(error) => Line::styled(format!("✗ {}", shown(error)), theme.fg(theme.error)),
                None => hint_line(model, theme, usize::from(area.width)),
            };
            frame.render_widget(Paragraph::new(line).style(theme.base()), area);
            return;
        }
    };
    frame.render_widget(
        Paragraph::new(Span::styled(prefix, theme.fg(theme.accent))).style(theme.base()),
        area,
    );
    // The note follows the text and takes at most half the width; the line scrolls in the
    // rest.
    let note_width = note
        .as_ref()
        .map_or(0, |n| n.width().min(usize::from(area.width / 2)) as u16);
    let room = area.width.saturating_sub(1 + note_width);
    let typed = UnicodeWidthStr::width(input.text()).saturating_add(1);
    let line = Rect {
        x: area.x.saturating_add(1),
        width: if note.is_some() {
            room.min(u16::try_from(typed).unwrap_or(u16::MAX))
        } else {
            room
        },
        ..area
    };
    frame.render_widget(input.area(), line);
    if let Some(note) = note {
        let at = Rect {
            x: line.right(),
            width: note_width,
            ..area
        };
        frame.render_widget(note, at);
    }
}

/// The keys that matter now, with short labels, fitted to `width`.
fn hint_line(model: &Model, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    for (keys, label) in hints(model, width) {
        spans.push(Span::styled(format!(" {keys}"), theme.fg(theme.accent)));
        spans.push(Span::styled(format!(" {label} "), theme.fg(theme.muted)));
    }
    Line::from(spans)
}

/// What follows the command line: Tab's choices (the one on the line highlighted), or a note.
fn note_line(
    choices: Option<&Choices>,
    note: Option<&str>,
    theme: &Theme,
) -> Option<Line<'static>> {
    if let Some(choices) = choices {
        let mut spans = vec![Span::raw("   ")];
        for (n, word) in choices.words().enumerate() {
            let style = if n == choices.at {
                theme.selection()
            } else {
                theme.fg(theme.muted)
            };
            spans.push(Span::styled(shown(word), style));
            spans.push(Span::raw(" "));
        }
        return Some(Line::from(spans));
    }
    note.map(|n| Line::styled(format!("   {}", shown(n)), theme.fg(theme.error)))
}
