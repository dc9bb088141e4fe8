//! WCAG contrast of every theme file in themes/, over the colour pairs the dashboard draws
//! together, in 24-bit colour and mapped to 256 colours; and, for the colourless mono theme,
//! the attributes that stand in for colour.
//!
//! Thresholds (WCAG 2.1): 4.5:1 (1.4.3, normal text) for what carries words alone: `text` and
//! `muted` on the background, the selected row's text on the selection. 3:1 (1.4.11, non-text
//! cues) for the signal hues (accent, success, warning, error and every status colour) on the
//! background and each status colour on the selection: those always come with a word (the
//! status name, "error:"), so the hue is a second cue, and it must survive the highlight.

use ratatui::style::{Color, Modifier};
use ycdash::api::proto::yandex::cloud::compute::v1::instance::Status;
use ycdash::theme::Theme;

const TEXT: f64 = 4.5;
const CUE: f64 = 3.0;

/// xterm's default RGB for a colour; None for `Reset` (the terminal's own colours).
fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    const BASE: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let named = |i: usize| Some(BASE[i]);
    match color {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i @ 0..=15) => named(usize::from(i)),
        Color::Indexed(i @ 16..=231) => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i) => {
            let v = 8 + 10 * (i - 232);
            Some((v, v, v))
        }
    }
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const STATUSES: [Status; 10] = [
    Status::Provisioning,
    Status::Running,
    Status::Stopping,
    Status::Stopped,
    Status::Starting,
    Status::Restarting,
    Status::Updating,
    Status::Error,
    Status::Crashed,
    Status::Deleting,
];

/// Every theme file, by file name, with its text.
fn theme_files() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("themes/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable theme");
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    files
}

/// The pairs drawn together: (what, foreground, background, threshold).
fn pairs(t: &Theme) -> Vec<(String, Color, Color, f64)> {
    let mut out = vec![
        ("text on background".into(), t.text, t.background, TEXT),
        ("muted on background".into(), t.muted, t.background, TEXT),
        ("selected text".into(), t.selection_fg, t.selection_bg, TEXT),
        ("accent on background".into(), t.accent, t.background, CUE),
        ("success on background".into(), t.success, t.background, CUE),
        ("warning on background".into(), t.warning, t.background, CUE),
        ("error on background".into(), t.error, t.background, CUE),
    ];
    for status in STATUSES {
        let name = status.as_str_name();
        let colour = t.status(status);
        out.push((format!("{name} on background"), colour, t.background, CUE));
        out.push((
            format!("{name} on the selection"),
            colour,
            t.selection_bg,
            CUE,
        ));
    }
    out
}

#[test]
fn every_coloured_theme_meets_the_contrast_thresholds() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (path, text) in theme_files() {
        for truecolor in [true, false] {
            let theme = Theme::parse(&text, truecolor).expect("theme parses");
            for (what, fg, bg, threshold) in pairs(&theme) {
                let (Some(fg), Some(bg)) = (rgb(fg), rgb(bg)) else {
                    continue;
                };
                checked += 1;
                let ratio = contrast(fg, bg);
                if ratio < threshold {
                    let mode = if truecolor { "24-bit" } else { "256" };
                    failures.push(format!("{path} ({mode}): {what} {ratio:.2} < {threshold}"));
                }
            }
        }
    }
    assert!(checked >= 3 * 2 * 27, "only {checked} pairs had colours");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_ratio_is_wcags() {
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((contrast((119, 119, 119), (255, 255, 255)) - 4.48).abs() < 0.01);
    assert_eq!(rgb(Color::Indexed(247)), Some((158, 158, 158)));
    assert_eq!(rgb(Color::Indexed(196)), Some((255, 0, 0)));
}

#[test]
fn mono_marks_focus_selection_and_failures_with_attributes() {
    let mono = Theme::parse(include_str!("../themes/mono.toml"), true).expect("mono");
    assert!(mono.selection().add_modifier.contains(Modifier::REVERSED));
    assert_ne!(mono.pane_border(true), mono.pane_border(false));
    assert!(
        mono.pane_title(true)
            .add_modifier
            .contains(Modifier::REVERSED),
        "the focused pane's title is reversed"
    );
    assert_eq!(mono.pane_title(false).add_modifier, Modifier::empty());
    let plain = mono.status_style(Status::Running);
    for failed in [Status::Error, Status::Crashed] {
        let style = mono.status_style(failed);
        assert_ne!(style, plain, "{failed:?} looks like RUNNING");
        assert!(
            style
                .add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
    }
}
