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
    nic::preview::{request_json, yc_command},
    theme::Theme,
};

pub fn render(
    form: &AttachForm,
    request: &AttachInstanceNetworkInterfaceRequest,
    scroll: u16,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let heading = |text: &str| {
        Line::styled(
            text.to_string(),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        )
    };
    let text = |t: &str| Line::styled(format!("  {}", shown(t)), theme.fg(theme.text));
    let mut lines = vec![Line::styled(
        " review: Enter submits · Esc back to edit · j / y / t copy the JSON / command / table",
        theme.fg(theme.muted),
    )];
    if !form.stopped() {
        lines.push(Line::styled(
            format!(
                " the instance is {}: stop it first (Esc, then Ctrl-T)",
                form.status_name()
            ),
            theme.fg(theme.warning).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::default());
    lines.push(heading(" Network interfaces (t copies)"));
    lines.extend(nic_table(form, request).lines().map(text));
    lines.push(Line::default());
    lines.push(heading(" yc command (y copies)"));
    let (command, notes) = yc_command(request);
    lines.push(text(&command));
    for note in notes {
        lines.push(Line::styled(
            format!("  note: {}", shown(&note)),
            theme.fg(theme.warning),
        ));
    }
    lines.push(Line::default());
    lines.push(heading(" Request: AttachNetworkInterface (j copies)"));
    lines.extend(request_json(request).lines().map(text));
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base())
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
