//! Where each pane goes for a given terminal size; shared by `update()` (page size, mouse hits)
//! and by drawing, so both agree. It lives in `app` because the pure update needs it; `ui` reads
//! it from here.

use std::time::Duration;

use ratatui::layout::{Constraint, Layout, Rect};

use super::model::{Focus, Model};

/// The rectangles of one frame. Panes that do not fit are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub list: Option<Rect>,
    pub ops: Option<Rect>,
    /// The attach form, with the operations pane under it when there is room.
    pub form: Option<Rect>,
    /// The toasts' strip above the footer (no rows when there are none).
    pub toasts: Rect,
    pub status: Rect,
}

/// The operations pane beside the list: this share of the width, within the columns it needs
/// to read (operation, state, elapsed) and the most it can use (the started clock too).
const OPS_SHARE_PERCENT: u16 = 35;
const OPS_MIN_WIDTH: u16 = 44;
const OPS_MAX_WIDTH: u16 = 80;
/// The narrowest body that puts the operations pane beside the list rather than under it.
const SIDE_BY_SIDE_WIDTH: u16 = 100;

/// The operations pane's width when it sits beside the list in `body_width` columns.
pub fn ops_width(body_width: u16) -> u16 {
    let share = u32::from(body_width) * u32::from(OPS_SHARE_PERCENT) / 100;
    u16::try_from(share)
        .unwrap_or(u16::MAX)
        .clamp(OPS_MIN_WIDTH, OPS_MAX_WIDTH)
}

/// Header rows: two when there is room for the status counts line.
fn header_rows(height: u16) -> u16 {
    if height >= 16 { 2 } else { 1 }
}

pub fn areas(area: Rect, model: &Model) -> Areas {
    let header_h = header_rows(area.height).min(area.height);
    let status_h = u16::from(area.height > header_h);
    let toasts_h = if area.height > header_h + status_h + 1 {
        super::toasts::rows(model, area.width, area.height).len() as u16
    } else {
        0
    };
    let [header, body, toasts, status] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Fill(1),
        Constraint::Length(toasts_h),
        Constraint::Length(status_h),
    ])
    .areas(area);
    if model.form.is_some() {
        let (form, ops) = if body.height >= 26 && !model.ops_hidden {
            let [f, o] = Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(body);
            (f, Some(o))
        } else {
            (body, None)
        };
        return Areas {
            header,
            body,
            list: None,
            ops,
            form: Some(form),
            toasts,
            status,
        };
    }
    let (list, ops) = if model.details.is_some() {
        (None, None)
    } else if model.ops_hidden {
        (Some(body), None)
    } else if body.width >= SIDE_BY_SIDE_WIDTH {
        let [l, o] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(ops_width(body.width)),
        ])
        .areas(body);
        (Some(l), Some(o))
    } else if body.height >= 14 {
        let [l, o] =
            Layout::vertical([Constraint::Percentage(65), Constraint::Percentage(35)]).areas(body);
        (Some(l), Some(o))
    } else {
        match model.focus {
            Focus::Instances => (Some(body), None),
            Focus::Operations => (None, Some(body)),
        }
    };
    Areas {
        header,
        body,
        list,
        ops,
        form: None,
        toasts,
        status,
    }
}

/// Data rows that fit in a bordered table with a header row.
pub fn table_rows(area: Option<Rect>) -> usize {
    area.map_or(1, |a| usize::from(a.height.saturating_sub(3)).max(1))
}

/// A short duration: `42s`, `5m`, `3h`, `12d` (the header's "refreshed N ago", whose change
/// `update()` watches to redraw, and the ages in the lists).
pub fn short(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// The whole terminal as a rectangle.
pub fn screen(model: &Model) -> Rect {
    Rect::new(0, 0, model.size.0, model.size.1)
}

/// Rows of the instance list that fit on screen now (a page).
pub fn list_rows(model: &Model) -> usize {
    table_rows(areas(screen(model), model).list)
}

/// Rows of the operations pane that fit on screen now (a page).
pub fn ops_rows(model: &Model) -> usize {
    table_rows(areas(screen(model), model).ops)
}
