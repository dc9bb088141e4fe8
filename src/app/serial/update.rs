//! `update(&mut SerialView, SerialMsg) -> Outcome`: reads, follow, scrolling, search, port
//! switching and saving. Pure: the IO comes back as messages.

use super::{
    msg::{Outcome, SerialEffect, SerialMsg},
    state::{PORTS, SerialView},
};
use crate::{
    app::input::LineInput, keymap::Action, safe_text::visible, serial_log::FOLLOW_INTERVAL,
    serial_log::new_part,
};

/// The first read of a newly opened view.
pub fn open(view: &SerialView) -> Vec<SerialEffect> {
    vec![read(view)]
}

fn read(view: &SerialView) -> SerialEffect {
    SerialEffect::Read {
        instance_id: view.instance_id.clone(),
        port: view.port,
        generation: view.generation,
    }
}

pub fn update(view: &mut SerialView, msg: SerialMsg) -> Outcome {
    let mut out = Outcome::default();
    match msg {
        SerialMsg::Action(action) => on_action(view, action, &mut out),
        SerialMsg::SearchKey(key) => {
            if let Some(input) = view.search.typing.as_mut() {
                input.edit(&key);
            }
        }
        SerialMsg::Read { generation, result } if generation == view.generation => {
            view.loading = false;
            match result {
                Ok(contents) => {
                    view.error = None;
                    append(view, &contents);
                }
                Err(e) => view.error = Some(e),
            }
            if view.follow {
                out.effects.push(SerialEffect::FollowAfter {
                    generation,
                    after: FOLLOW_INTERVAL,
                });
            }
        }
        SerialMsg::Read { .. } => {}
        SerialMsg::FollowDue { generation } => {
            if generation == view.generation && view.follow && !view.loading {
                view.loading = true;
                out.effects.push(read(view));
            }
        }
        SerialMsg::Saved(Ok(path)) => out.toast = Some((false, format!("saved to {path}"))),
        SerialMsg::Saved(Err(e)) => out.toast = Some((true, format!("save: {e}"))),
        SerialMsg::Rows(rows) => {
            let at_end = view.top >= view.max_top();
            view.rows = rows.max(1);
            view.top = if at_end && view.follow {
                view.max_top()
            } else {
                view.top.min(view.max_top())
            };
        }
    }
    out
}

/// Adds what `contents` holds beyond the last read; keeps the end in view when it was.
fn append(view: &mut SerialView, contents: &str) {
    let at_end = view.top >= view.max_top();
    let fresh = new_part(&view.last_read, contents);
    if !fresh.is_empty() {
        let mut pieces = fresh.split('\n');
        if view.open_line
            && let (Some(last), Some(first)) = (view.lines.last_mut(), pieces.next())
        {
            last.push_str(&visible(first));
        }
        view.lines.extend(pieces.map(|l| visible(l).into_owned()));
        // A trailing newline leaves an empty piece: the line the next read starts.
        view.open_line = true;
        if view.lines.last().is_some_and(String::is_empty) && fresh.ends_with('\n') {
            view.lines.pop();
            view.open_line = false;
        }
    }
    view.last_read = contents.to_string();
    if at_end && view.follow {
        view.top = view.max_top();
    }
}

fn on_action(view: &mut SerialView, action: Action, out: &mut Outcome) {
    if view.search.typing.is_some() {
        match action {
            Action::Accept => {
                let typed = view
                    .search
                    .typing
                    .take()
                    .map(|t| t.text().to_string())
                    .unwrap_or_default();
                view.search.query = typed.to_lowercase();
                view.search.found = None;
                find(view, true, out);
            }
            Action::Back => view.search.typing = None,
            _ => {}
        }
        return;
    }
    let page = view.rows as isize;
    let delta = match action {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::Top => Some(isize::MIN / 2),
        Action::Bottom => Some(isize::MAX / 2),
        _ => None,
    };
    if let Some(delta) = delta {
        let top = view.top.saturating_add_signed(delta).min(view.max_top());
        view.top = top;
        return;
    }
    match action {
        Action::Back | Action::CloseView => out.close = true,
        Action::Search => view.search.typing = Some(LineInput::default()),
        Action::SearchNext => find(view, true, out),
        Action::SearchPrev => find(view, false, out),
        Action::Follow => {
            view.follow = !view.follow;
            if view.follow {
                view.top = view.max_top();
                view.generation += 1;
                view.loading = true;
                out.effects.push(read(view));
            }
        }
        Action::NextPort => {
            view.port = view.port % PORTS + 1;
            view.generation += 1;
            view.last_read.clear();
            view.lines.clear();
            view.open_line = false;
            view.top = 0;
            view.search.found = None;
            view.loading = true;
            view.error = None;
            out.effects.push(read(view));
        }
        Action::Save => out.effects.push(SerialEffect::Save {
            instance_id: view.instance_id.clone(),
            port: view.port,
            text: view.lines.join("\n") + "\n",
        }),
        _ => {}
    }
}

/// Moves to the next (or previous) line holding the search, wrapping, and scrolls it into view.
fn find(view: &mut SerialView, forward: bool, out: &mut Outcome) {
    if view.search.query.is_empty() || view.lines.is_empty() {
        return;
    }
    let n = view.lines.len();
    let from = view.search.found.unwrap_or(if forward {
        view.top.wrapping_sub(1)
    } else {
        (view.top + view.rows).min(n)
    });
    let hit = (1..=n)
        .map(|step| {
            if forward {
                from.wrapping_add(step) % n
            } else {
                (from + n * 2 - step) % n
            }
        })
        .find(|&i| view.search.matches(&view.lines[i]));
    match hit {
        Some(line) => {
            view.search.found = Some(line);
            if line < view.top || line >= view.top + view.rows {
                view.top = line.saturating_sub(view.rows / 2).min(view.max_top());
            }
        }
        None => out.toast = Some((true, format!("not found: {}", view.search.query))),
    }
}
