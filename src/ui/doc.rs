//! Turns `app::doc` lines (toned spans) into ratatui lines in the theme's colours.

use ratatui::{
    style::{Modifier, Style},
    text::{Line, Span},
};

use crate::{
    app::doc::{DocLine, Tone},
    theme::Theme,
};

fn style(tone: Tone, theme: &Theme) -> Style {
    match tone {
        Tone::Text => theme.fg(theme.text),
        Tone::Muted => theme.fg(theme.muted),
        Tone::Accent => theme.fg(theme.accent),
        Tone::Heading => Style::new().fg(theme.accent).add_modifier(Modifier::BOLD),
        Tone::Warning => theme.fg(theme.warning),
        Tone::Error => theme.fg(theme.error),
    }
}

pub fn lines(doc: Vec<DocLine>, theme: &Theme) -> Vec<Line<'static>> {
    doc.into_iter()
        .map(|line| {
            Line::from(
                line.0
                    .into_iter()
                    .map(|(tone, text)| Span::styled(text, style(tone, theme)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}
