//! Text laid out for a scrolling pane (details, help) before drawing: lines of toned spans,
//! wrapped to a width. `update()` counts them to bound scrolling; `ui` maps tones to colours.

/// What a span is, which the theme turns into a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Text,
    Muted,
    /// A key name, a highlight.
    Accent,
    /// A section title (accent, bold).
    Heading,
    Warning,
    Error,
}

/// One screen row of toned spans.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocLine(pub Vec<(Tone, String)>);

impl DocLine {
    pub fn new(tone: Tone, text: impl Into<String>) -> Self {
        Self(vec![(tone, text.into())])
    }

    pub fn push(mut self, tone: Tone, text: impl Into<String>) -> Self {
        self.0.push((tone, text.into()));
        self
    }

    /// The line's text without tones (tests, search).
    pub fn text(&self) -> String {
        self.0.iter().map(|(_, t)| t.as_str()).collect()
    }
}

/// How far a pane of `rows` rows can scroll through `lines` lines: the last line at the bottom.
pub fn max_scroll(lines: usize, rows: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(rows))).unwrap_or(u16::MAX)
}

/// Moves `scroll` by `delta`, kept within `0..=max`.
pub fn scrolled(scroll: u16, delta: i32, max: u16) -> u16 {
    (i64::from(scroll) + i64::from(delta)).clamp(0, i64::from(max)) as u16
}
