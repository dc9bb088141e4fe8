//! Drawing: `render(&Model, &Theme, &mut Frame)`, one file per screen or pane. Reads the
//! model, never changes it.

mod attach_form;
mod attach_picker;
mod attach_preflight;
mod attach_review;
mod details;
mod doc;
#[cfg(test)]
mod filter_tests;
mod folder_picker;
#[cfg(test)]
mod folder_tests;
pub mod format;
mod header;
mod list;
mod list_columns;
mod ops;
mod overlay;
mod picker;
#[cfg(test)]
mod prompt_tests;
mod serial;
mod status;
#[cfg(test)]
mod status_tests;

#[cfg(test)]
mod attach_tests;
#[cfg(test)]
mod bulk_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod scroll_tests;
#[cfg(test)]
mod serial_tests;
#[cfg(test)]
mod tests;

use ratatui::{Frame, widgets::Block};

use crate::{app::Model, theme::Theme};

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Block::default().style(theme.base()), area);
    let areas = crate::app::geometry::areas(area, model);
    header::render(model, theme, frame, areas.header);
    if model.details.is_some() && areas.form.is_none() {
        details::render(model, theme, frame, areas.body);
    }
    if let (Some(form), Some(area)) = (&model.form, areas.form) {
        attach_form::render(form, theme, &model.keymap, frame, area);
    }
    if let Some(list) = areas.list {
        list::render(model, theme, frame, list, areas.ops.is_none());
    }
    if let Some(ops) = areas.ops {
        ops::render(model, theme, frame, ops);
    }
    folder_picker::render(model, theme, frame, areas.body);
    if let Some(view) = &model.serial {
        // Toasts have their strip under the body: the view ends above it, keeping its last
        // lines in sight.
        let next_port = model.keymap.keys_of(crate::keymap::Action::NextPort);
        serial::render(view, theme, frame, areas.body, &next_port);
    }
    status::render(model, theme, frame, areas.status);
    overlay::toasts(model, theme, frame, areas.toasts);
    overlay::render(model, theme, frame, areas.body);
}
