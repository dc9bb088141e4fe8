//! Help: the keymap table laid out for the screen. The keys of what was on top when help
//! opened come first, then the global ones, then every other context; descriptions wrap; `/`
//! narrows it to the bindings that match. Texts that name keys take them from the keymap.

use crossterm::event::KeyEvent;

use super::{
    Model,
    command::COMMANDS,
    doc::{DocLine, Tone, max_scroll, scrolled},
    input::{EDITING_KEYS, LineInput},
    model::{HelpView, Overlay},
};
use crate::{
    keymap::{Action, BINDINGS, KeyContext},
    text_wrap::wrap,
};

/// Widest the help popup gets.
pub const WIDTH: u16 = 110;
/// Columns of the keys column.
const KEYS: usize = 16;

/// Every context, in the order the sections after the top ones come.
const ALL: [KeyContext; 12] = [
    KeyContext::Global,
    KeyContext::Lists,
    KeyContext::Instances,
    KeyContext::Details,
    KeyContext::Operations,
    KeyContext::Dialog,
    KeyContext::Input,
    KeyContext::Form,
    KeyContext::Picker,
    KeyContext::Review,
    KeyContext::Folders,
    KeyContext::Serial,
];

/// `?`: help for what is on top now.
pub fn open(model: &mut Model) {
    let mut contexts = model.contexts();
    if !contexts.contains(&KeyContext::Global) {
        contexts.push(KeyContext::Global);
    }
    model.overlay = Some(Overlay::Help(Box::new(HelpView {
        scroll: 0,
        contexts,
        query: LineInput::default(),
        typing: false,
    })));
}

/// The help popup's size (columns, rows, borders included) in a body of `body` size.
pub fn popup_size(body: (u16, u16)) -> (u16, u16) {
    (body.0.min(WIDTH), body.1.saturating_sub(2).max(1))
}

/// Inner columns and rows of the help popup now.
fn pane(model: &Model) -> (u16, u16) {
    let body = super::geometry::areas(super::geometry::screen(model), model).body;
    let (w, h) = popup_size((body.width, body.height));
    (w.saturating_sub(2), h.saturating_sub(2))
}

/// A key while help is open: scroll (bounded by the text), `/` search, close.
pub fn on_key(model: &mut Model, key: &KeyEvent) {
    let Some(Overlay::Help(view)) = model.overlay.as_ref() else {
        return;
    };
    let keymap = &model.keymap;
    if view.typing {
        let action = keymap.action(&[KeyContext::Input, KeyContext::Global], key);
        let Some(Overlay::Help(view)) = model.overlay.as_mut() else {
            return;
        };
        match action {
            Some(Action::Accept) => view.typing = false,
            Some(Action::Back) => {
                view.typing = false;
                view.query = LineInput::default();
            }
            _ => {
                if view.query.edit(key) {
                    view.scroll = 0;
                }
            }
        }
        return;
    }
    let searches = keymap.action(&[KeyContext::Instances], key) == Some(Action::Filter)
        || keymap.action(&[KeyContext::Serial], key) == Some(Action::Search);
    let action = keymap.action(&[KeyContext::Lists, KeyContext::Global], key);
    let (width, rows) = pane(model);
    let max = match model.overlay.as_ref() {
        Some(Overlay::Help(view)) => max_scroll(lines(model, view, width).len(), rows),
        _ => 0,
    };
    let page = i32::from(rows.max(1));
    let Some(Overlay::Help(view)) = model.overlay.as_mut() else {
        return;
    };
    let delta = match action {
        Some(Action::Up) => -1,
        Some(Action::Down) => 1,
        Some(Action::PageUp) => -page,
        Some(Action::PageDown) => page,
        Some(Action::Top) => i32::MIN / 2,
        Some(Action::Bottom) => i32::MAX / 2,
        _ => 0,
    };
    if searches {
        view.typing = true;
        view.query = LineInput::default();
        view.scroll = 0;
    } else if delta != 0 {
        view.scroll = scrolled(view.scroll.min(max), delta, max);
    } else if matches!(action, Some(Action::Back | Action::Help)) {
        model.overlay = None;
    } else if action == Some(Action::Quit) {
        super::quit::request(model);
    }
}

/// Whether a binding matches the search (its keys, name, text or a context's name).
fn matches(model: &Model, b: &crate::keymap::Binding, query: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let hay = format!(
        "{} {} {} {}",
        model.keymap.keys_of(b.action),
        b.name,
        model.keymap.describe(b.help),
        b.contexts
            .iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(" ")
    )
    .to_lowercase();
    hay.contains(&query.to_lowercase())
}

/// The help text for a popup `width` columns wide inside its borders.
pub fn lines(model: &Model, view: &HelpView, width: u16) -> Vec<DocLine> {
    let width = usize::from(width);
    let room = width.saturating_sub(KEYS + 1).max(10);
    let query = view.query.text().trim();
    let mut out = Vec::new();
    let mut shown = vec![false; BINDINGS.len()];
    let order = view
        .contexts
        .iter()
        .chain(ALL.iter().filter(|c| !view.contexts.contains(c)));
    for (n, context) in order.enumerate() {
        let mut section = Vec::new();
        for (i, b) in BINDINGS.iter().enumerate() {
            if shown[i] || !b.contexts.contains(context) || !matches(model, b, query) {
                continue;
            }
            let keys = model.keymap.keys_of(b.action);
            if keys.is_empty() {
                continue;
            }
            shown[i] = true;
            for (row, part) in wrap(&model.keymap.describe(b.help), room)
                .into_iter()
                .enumerate()
            {
                let keys = if row == 0 { keys.as_str() } else { "" };
                section.push(
                    DocLine::new(Tone::Accent, format!(" {keys:<width$}", width = KEYS))
                        .push(Tone::Text, part),
                );
            }
        }
        if section.is_empty() {
            continue;
        }
        let title = if n == 0 {
            format!("{} (on top now)", context.label())
        } else {
            context.label().to_string()
        };
        if !out.is_empty() {
            out.push(DocLine::default());
        }
        out.push(DocLine::new(Tone::Heading, format!(" {title}")));
        out.extend(section);
    }
    if out.is_empty() {
        out.push(DocLine::new(
            Tone::Muted,
            format!(" nothing matches {query:?}"),
        ));
    }
    if query.is_empty() {
        out.push(DocLine::default());
        let commands = format!("commands: {}", COMMANDS.map(|c| format!(":{c}")).join("  "));
        let rebind = "rebind any action in config.toml: [keys] stop = [\"x\"]";
        for text in [commands.as_str(), EDITING_KEYS] {
            for part in wrap(text, width.saturating_sub(1)) {
                out.push(DocLine::new(Tone::Text, format!(" {part}")));
            }
        }
        for part in wrap(rebind, width.saturating_sub(1)) {
            out.push(DocLine::new(Tone::Muted, format!(" {part}")));
        }
    }
    out
}
