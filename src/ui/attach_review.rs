//! The review of the attach form's request (an attach, or an edit's update): the before / after
//! table, the `update_mask` of an edit, the yc command wrapped one flag per line, the exact
//! request JSON, with the keys that copy each. An edit that changes nothing says so.

use ratatui::{
    Frame,
    layout::Rect,
    style::Modifier,
    text::Line,
    widgets::{Paragraph, Wrap},
};

use super::format::shown;
use crate::{
    app::attach::{
        AttachForm,
        review::review_text,
        state::{Purpose, ReviewRequest},
    },
    keymap::{Action, Keymap},
    theme::Theme,
};

/// What the review draws: the form, its request, how far it is scrolled, and the keymap that
/// names its keys.
pub struct Review<'a> {
    pub form: &'a AttachForm,
    pub request: &'a ReviewRequest,
    pub scroll: u16,
    pub keymap: &'a Keymap,
}

/// Why the instance's state refuses the request now, naming the keys that help.
fn refusal(view: &Review) -> Option<String> {
    let key = |action| view.keymap.keys_of(action);
    let stop_keys = format!("{}, then {}", key(Action::Back), key(Action::StopFirst));
    match view.request {
        ReviewRequest::Attach(_) if !view.form.stopped() => Some(format!(
            "the instance is {}: stop it first ({stop_keys})",
            view.form.status_name()
        )),
        ReviewRequest::Update(Some(_)) => view.form.edit_refusal(&stop_keys),
        _ => None,
    }
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
        keymap.describe(
            " review: {submit} submits · {back} back to edit · {copy_json} / {copy_command} / \
             {copy_table} copy the JSON / command / table",
        ),
        theme.fg(theme.muted),
    )];
    if let Some(reason) = refusal(view) {
        lines.push(Line::styled(
            format!(" {}", shown(&reason)),
            theme.fg(theme.warning).add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::default());
    let Some(review) = review_text(form, request) else {
        let index = match form.purpose {
            Purpose::Edit { index } => index.to_string(),
            _ => form.input.index.text().to_string(),
        };
        lines.push(heading(" nothing to change".into()));
        lines.push(text(&format!(
            "network interface {index} already has these values; nothing is sent. {} goes \
             back to edit",
            key(Action::Back)
        )));
        let paragraph = Paragraph::new(lines)
            .style(theme.base())
            .wrap(Wrap { trim: false });
        frame.render_widget(paragraph, area);
        return;
    };
    lines.push(heading(format!(
        " {} ({} copies)",
        review.table_title,
        key(Action::CopyTable)
    )));
    lines.extend(review.table.lines().map(text));
    if let Some(mask) = &review.mask {
        lines.push(Line::default());
        lines.push(heading(" update_mask (only the changed paths)".into()));
        lines.push(text(mask));
    }
    lines.push(Line::default());
    lines.push(heading(format!(
        " yc command ({} copies)",
        key(Action::CopyCommand)
    )));
    lines.extend(review.command.lines().map(text));
    for note in &review.notes {
        lines.push(Line::styled(
            format!("  note: {}", shown(note)),
            theme.fg(theme.warning),
        ));
    }
    lines.push(Line::default());
    lines.push(heading(format!(
        " Request: {} ({} copies)",
        review.method,
        key(Action::CopyJson)
    )));
    lines.extend(review.json.lines().map(text));
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base())
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
