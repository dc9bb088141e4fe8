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

/// The actions worth showing for the layer on top (`Model::layer()`, the order keys use).
fn actions(model: &Model) -> &'static [(Action, &'static str)] {
    use Action::*;
    match model.layer() {
        // The prompt line takes the place of the hints.
        Layer::Prompt => &[],
        Layer::Confirm => &[
            (Yes, "yes"),
            (No, "no"),
            (Toggle, "switch"),
            (Accept, "choose"),
        ],
        Layer::AttachForm(KeyContext::Picker) => &[
            (ItemDown, "move"),
            (Choose, "choose"),
            (ToggleItem, "toggle group"),
            (Back, "close"),
        ],
        Layer::AttachForm(KeyContext::Review) => &[
            (Submit, "submit"),
            (Back, "edit"),
            (CopyJson, "copy JSON"),
            (CopyCommand, "copy yc"),
            (CopyTable, "copy table"),
            (ItemDown, "scroll"),
        ],
        Layer::AttachForm(_) => &[
            (NextField, "next"),
            (PrevField, "previous"),
            (Choose, "pick"),
            (ToggleItem, "toggle"),
            (AddRow, "add DNS row"),
            (RemoveRow, "remove row"),
            (Review, "review"),
            (StopFirst, "stop first"),
            (Back, "cancel"),
        ],
        Layer::FolderPicker if model.folder_picker.as_ref().is_some_and(|p| p.filtering) => {
            &[(Accept, "choose"), (Back, "clear filter")]
        }
        Layer::FolderPicker => &[
            (Down, "move"),
            (Choose, "choose"),
            (Filter, "filter"),
            (Refresh, "reload"),
            (Back, "back/close"),
            (Quit, "quit"),
        ],
        Layer::Overlay => &[(Back, "close"), (Down, "scroll"), (Quit, "quit")],
        Layer::Serial { searching: true } => &[(Accept, "search"), (Back, "cancel")],
        Layer::Serial { searching: false } => &[
            (Down, "scroll"),
            (Search, "search"),
            (SearchNext, "next"),
            (SearchPrev, "previous"),
            (Follow, "follow"),
            (NextPort, "port"),
            (Save, "save"),
            (CloseView, "close"),
        ],
        Layer::Details => &[
            (Back, "back"),
            (Stop, "stop"),
            (Start, "start"),
            (Restart, "restart"),
            (Attach, "attach"),
            (NicNext, "next NIC"),
            (Detach, "detach"),
            (Refresh, "refresh"),
            (Help, "help"),
        ],
        Layer::List(Focus::Instances) => &[
            (Open, "details"),
            (Filter, "filter"),
            (Stop, "stop"),
            (Start, "start"),
            (Restart, "restart"),
            (SortNext, "sort"),
            (Refresh, "refresh"),
            (FocusNext, "operations"),
            (CommandLine, "command"),
            (Help, "help"),
            (Quit, "quit"),
        ],
        Layer::List(Focus::Operations) => &[
            (Open, "details"),
            (CancelOperation, "cancel"),
            (FocusNext, "instances"),
            (CommandLine, "command"),
            (Help, "help"),
            (Quit, "quit"),
        ],
    }
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
                None => hints(model, theme),
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

/// The keys that matter now, with short labels.
fn hints(model: &Model, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (action, label) in actions(model) {
        let keys = model.keymap.keys_of(*action);
        if keys.is_empty() {
            continue;
        }
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
