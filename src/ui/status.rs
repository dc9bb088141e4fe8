//! The bottom line: the keys that matter in the current view, or the line being typed.

use ratatui::{
    Frame,
    layout::{Position, Rect},
    text::{Line, Span},
    widgets::Paragraph,
};

use super::format::shown;
use crate::{
    app::{
        Focus, Model,
        model::{Overlay, Prompt},
    },
    keymap::Action,
    theme::Theme,
};

/// The actions worth showing for the current view.
fn actions(model: &Model) -> &'static [(Action, &'static str)] {
    use Action::*;
    if let (Some(form), None) = (&model.form, &model.overlay) {
        return match form.key_context() {
            crate::keymap::Context::Picker => &[
                (ItemDown, "move"),
                (Choose, "choose"),
                (ToggleItem, "toggle group"),
                (Back, "close"),
            ],
            crate::keymap::Context::Review => &[
                (Submit, "submit"),
                (Back, "edit"),
                (CopyJson, "copy JSON"),
                (CopyCommand, "copy yc"),
                (CopyTable, "copy table"),
                (ItemDown, "scroll"),
            ],
            _ => &[
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
        };
    }
    if let (Some(picker), None) = (&model.folder_picker, &model.overlay) {
        return if picker.filtering {
            &[(Accept, "choose"), (Back, "clear filter")]
        } else {
            &[
                (Down, "move"),
                (Choose, "choose"),
                (Filter, "filter"),
                (Refresh, "reload"),
                (Back, "back/close"),
                (Quit, "quit"),
            ]
        };
    }
    match (&model.overlay, &model.details, model.focus) {
        (Some(Overlay::Confirm(_)), _, _) => &[
            (Yes, "yes"),
            (No, "no"),
            (Toggle, "switch"),
            (Accept, "choose"),
        ],
        (Some(_), _, _) => &[(Back, "close"), (Down, "scroll"), (Quit, "quit")],
        (None, Some(_), _) => &[
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
        (None, None, Focus::Instances) => &[
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
        (None, None, Focus::Operations) => &[
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
    let (prefix, input, error) = match &model.prompt {
        Some(Prompt::Filter(input)) => ("/", input, None),
        Some(Prompt::Command { line, error }) => (":", line, error.as_deref()),
        None => {
            let mut spans = Vec::new();
            for (action, label) in actions(model) {
                let keys = model.keymap.keys_of(*action);
                if keys.is_empty() {
                    continue;
                }
                spans.push(Span::styled(format!(" {keys}"), theme.fg(theme.accent)));
                spans.push(Span::styled(format!(" {label} "), theme.fg(theme.muted)));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.base()), area);
            return;
        }
    };
    let mut spans = vec![
        Span::styled(prefix, theme.fg(theme.accent)),
        Span::styled(shown(&input.text), theme.fg(theme.text)),
    ];
    if let Some(error) = error {
        spans.push(Span::styled(format!("   {error}"), theme.fg(theme.error)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.base()), area);
    let x = area
        .x
        .saturating_add(1)
        .saturating_add(input.cursor.min(u16::MAX as usize) as u16);
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}
