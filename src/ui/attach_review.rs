//! The attach review: the exact request JSON, the equivalent yc command with its notes and
//! the before / after table of network interfaces, with the keys that copy each.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::Line,
    widgets::{Paragraph, Wrap},
};

use super::format::shown;
use crate::{
    api::proto::yandex::cloud::compute::v1::AttachInstanceNetworkInterfaceRequest,
    app::attach::{AttachForm, review::nic_table},
    keymap::{Action, Keymap},
    nic::preview::{request_json, yc_command},
    theme::Theme,
};

/// What the review draws: the form, its request, how far it is scrolled, and the keymap that
/// names its keys.
pub struct Review<'a> {
    pub form: &'a AttachForm,
    pub request: &'a AttachInstanceNetworkInterfaceRequest,
    pub scroll: u16,
    pub keymap: &'a Keymap,
}

pub fn render(view: &Review, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Review {
        form,
        request,
        scroll,
        keymap,
    } = *view;
    let key = |action| keymap.keys_of(action);
    let heading =
        |text: String| Line::styled(text, theme.fg(theme.accent).add_modifier(Modifier::BOLD));
    let text = |t: &str| Line::styled(format!("  {}", shown(t)), theme.fg(theme.text));
    let mut lines = vec![Line::styled(
        format!(
            " review: {} submits · {} back to edit · {} / {} / {} copy the JSON / command / table",
            key(Action::Submit),
            key(Action::Back),
            key(Action::CopyJson),
            key(Action::CopyCommand),
            key(Action::CopyTable)
        ),
        theme.fg(theme.muted),
    )];
    if !form.stopped() {
        lines.push(Line::styled(
            format!(
                " the instance is {}: stop it first ({}, then {})",
                form.status_name(),
                key(Action::Back),
                key(Action::StopFirst)
            ),
            theme.fg(theme.warning).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::default());
    lines.push(heading(format!(
        " Network interfaces ({} copies)",
        key(Action::CopyTable)
    )));
    lines.extend(nic_table(form, request).lines().map(text));
    lines.push(Line::default());
    lines.push(heading(format!(
        " yc command ({} copies)",
        key(Action::CopyCommand)
    )));
    let (command, notes) = yc_command(request);
    lines.push(text(&command));
    for note in notes {
        lines.push(Line::styled(
            format!("  note: {}", shown(&note)),
            theme.fg(theme.warning),
        ));
    }
    lines.push(Line::default());
    lines.push(heading(format!(
        " Request: AttachNetworkInterface ({} copies)",
        key(Action::CopyJson)
    )));
    lines.extend(request_json(request).lines().map(text));
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base())
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
