//! Themes: semantic colour roles read from TOML. The built-in themes are embedded; user themes in
//! the config directory override or add. Picks mono under `NO_COLOR` unless one is asked for.

use std::{collections::BTreeMap, path::Path, str::FromStr};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::api::proto::yandex::cloud::compute::v1::instance::Status;

const BUILTIN: [&str; 4] = [
    include_str!("../themes/dark.toml"),
    include_str!("../themes/light.toml"),
    include_str!("../themes/high-contrast.toml"),
    include_str!("../themes/mono.toml"),
];

/// The theme used when nothing else is asked for.
pub const DEFAULT_THEME: &str = "dark";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    background: String,
    text: String,
    muted: String,
    accent: String,
    selection_fg: String,
    selection_bg: String,
    border: String,
    success: String,
    warning: String,
    error: String,
    status: BTreeMap<String, String>,
}

/// A theme's colours by role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub background: Color,
    pub text: Color,
    pub muted: Color,
    pub accent: Color,
    pub selection_fg: Color,
    pub selection_bg: Color,
    pub border: Color,
    pub success: Color,
    pub warning: Color,
    pub error: Color,
    status: BTreeMap<String, Color>,
}

impl Theme {
    /// Parses a theme file; `truecolor = false` maps RGB to the nearest of 256 colours.
    pub fn parse(text: &str, truecolor: bool) -> Result<Self, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let colour = |role: &str, value: &str| -> Result<Color, String> {
            let c = Color::from_str(value)
                .map_err(|_| format!("{role}: cannot read colour {value:?}"))?;
            Ok(if truecolor { c } else { downgrade(c) })
        };
        let mut status = BTreeMap::new();
        for (state, value) in &file.status {
            status.insert(state.to_ascii_lowercase(), colour(state, value)?);
        }
        Ok(Self {
            background: colour("background", &file.background)?,
            text: colour("text", &file.text)?,
            muted: colour("muted", &file.muted)?,
            accent: colour("accent", &file.accent)?,
            selection_fg: colour("selection_fg", &file.selection_fg)?,
            selection_bg: colour("selection_bg", &file.selection_bg)?,
            border: colour("border", &file.border)?,
            success: colour("success", &file.success)?,
            warning: colour("warning", &file.warning)?,
            error: colour("error", &file.error)?,
            name: file.name,
            status,
        })
    }

    pub fn base(&self) -> Style {
        Style::new().fg(self.text).bg(self.background)
    }

    pub fn fg(&self, color: Color) -> Style {
        Style::new().fg(color)
    }

    /// Whether the theme has no colours (mono, NO_COLOR): attributes carry every distinction.
    fn colourless(&self) -> bool {
        self.accent == Color::Reset
    }

    /// The highlighted row, bold; reversed when the theme has no selection colour (mono).
    /// Status colours keep their hue on it (tests/theme_contrast.rs checks they stay readable).
    pub fn selection(&self) -> Style {
        let style = if self.selection_bg == Color::Reset {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().fg(self.selection_fg).bg(self.selection_bg)
        };
        style.add_modifier(Modifier::BOLD)
    }

    /// The colour of an instance status; `text` for states the theme does not name.
    pub fn status(&self, status: Status) -> Color {
        let name = status.as_str_name().to_ascii_lowercase();
        self.status.get(&name).copied().unwrap_or(self.text)
    }

    /// An instance status as drawn: its colour, and bold underlined for ERROR and CRASHED so
    /// that they stand out without colour too.
    pub fn status_style(&self, status: Status) -> Style {
        let style = self.fg(self.status(status));
        if matches!(status, Status::Error | Status::Crashed) {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        }
    }

    /// A pane's border: in the accent colour and bold when the pane has the focus.
    pub fn pane_border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(self.border)
        }
    }

    /// A pane's title: bold when the pane has the focus, and reversed too in a theme without
    /// colours, where the border cannot show it.
    pub fn pane_title(&self, focused: bool) -> Style {
        let style = self.fg(self.text);
        match (focused, self.colourless()) {
            (false, _) => style,
            (true, false) => style.add_modifier(Modifier::BOLD),
            (true, true) => style.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        }
    }
}

/// Every theme by name: the built-in ones, then user files that override or add.
#[derive(Debug, Clone)]
pub struct Themes {
    themes: BTreeMap<String, Theme>,
}

impl Themes {
    /// Loads the built-ins and `*.toml` from `user_dir`; returns warnings for unreadable files.
    pub fn load(user_dir: Option<&Path>, truecolor: bool) -> (Self, Vec<String>) {
        let mut themes = BTreeMap::new();
        let mut warnings = Vec::new();
        for text in BUILTIN {
            match Theme::parse(text, truecolor) {
                Ok(t) => {
                    themes.insert(t.name.clone(), t);
                }
                Err(e) => warnings.push(format!("built-in theme: {e}")),
            }
        }
        let entries = user_dir.and_then(|d| std::fs::read_dir(d).ok());
        for entry in entries.into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                match std::fs::read_to_string(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| Theme::parse(&t, truecolor))
                {
                    Ok(t) => {
                        themes.insert(t.name.clone(), t);
                    }
                    Err(e) => warnings.push(format!("theme {}: {e}", path.display())),
                }
            }
        }
        (Self { themes }, warnings)
    }

    pub fn names(&self) -> Vec<String> {
        self.themes.keys().cloned().collect()
    }

    pub fn get(&self, name: &str) -> Option<&Theme> {
        self.themes.get(name)
    }

    /// The theme to use, or the default when the name is unknown.
    pub fn get_or_default(&self, name: &str) -> Theme {
        self.get(name)
            .or_else(|| self.get(DEFAULT_THEME))
            .cloned()
            .unwrap_or_else(fallback)
    }
}

/// The theme name to start with: an explicit request wins, then `NO_COLOR`, then the config.
pub fn initial_name(explicit: Option<&str>, configured: Option<&str>, no_color: bool) -> String {
    match (explicit, no_color, configured) {
        (Some(name), _, _) => name.to_string(),
        (None, true, _) => "mono".to_string(),
        (None, false, Some(name)) => name.to_string(),
        (None, false, None) => DEFAULT_THEME.to_string(),
    }
}

/// Whether the terminal advertises 24-bit colour.
pub fn truecolor_from_env(colorterm: Option<&str>) -> bool {
    matches!(colorterm, Some("truecolor" | "24bit"))
}

fn fallback() -> Theme {
    let c = Color::Reset;
    Theme {
        name: "fallback".into(),
        background: c,
        text: c,
        muted: c,
        accent: c,
        selection_fg: c,
        selection_bg: c,
        border: c,
        success: c,
        warning: c,
        error: c,
        status: BTreeMap::new(),
    }
}

/// Nearest xterm-256 colour of an RGB colour (the 6x6x6 cube or the grey ramp).
fn downgrade(color: Color) -> Color {
    let Color::Rgb(r, g, b) = color else {
        return color;
    };
    let cube = |v: u8| -> u8 {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    let (cr, cg, cb) = (cube(r), cube(g), cube(b));
    let level = |i: u8| -> i32 { if i == 0 { 0 } else { 55 + 40 * i32::from(i) } };
    let dist = |x: i32, y: i32, z: i32| {
        (x - i32::from(r)).pow(2) + (y - i32::from(g)).pow(2) + (z - i32::from(b)).pow(2)
    };
    let cube_dist = dist(level(cr), level(cg), level(cb));
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey = if avg > 238 {
        23
    } else {
        avg.saturating_sub(3) / 10
    };
    let gv = 8 + 10 * i32::from(grey);
    if dist(gv, gv, gv) < cube_dist {
        Color::Indexed(232 + grey as u8)
    } else {
        Color::Indexed(16 + 36 * cr + 6 * cg + cb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_user_theme_overrides() {
        let dir = std::env::temp_dir().join(format!("ycdash-themes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let custom = include_str!("../themes/dark.toml").replace("#61afef", "#ff0000");
        std::fs::write(dir.join("mine.toml"), custom).unwrap();
        std::fs::write(dir.join("bad.toml"), "name = 1").unwrap();
        let (themes, warnings) = Themes::load(Some(&dir), true);
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(themes.names(), ["dark", "high-contrast", "light", "mono"]);
        assert_eq!(themes.get_or_default("dark").accent, Color::Rgb(255, 0, 0));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn no_color_selects_mono_unless_asked() {
        assert_eq!(initial_name(None, Some("light"), true), "mono");
        assert_eq!(initial_name(Some("light"), None, true), "light");
        assert_eq!(initial_name(None, Some("light"), false), "light");
        assert_eq!(initial_name(None, None, false), "dark");
    }

    #[test]
    fn downgrade_maps_to_256() {
        assert_eq!(downgrade(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(downgrade(Color::Rgb(0, 0, 0)), Color::Indexed(16));
        assert_eq!(downgrade(Color::Red), Color::Red);
        let t = Theme::parse(include_str!("../themes/light.toml"), false).unwrap();
        assert!(matches!(t.accent, Color::Indexed(_)));
    }
}
