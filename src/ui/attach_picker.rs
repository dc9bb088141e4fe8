//! A picker over the attach form, drawn by the shared picker renderer (`picker.rs`): its title,
//! the items (checkboxes for security groups) and its message.

use ratatui::{Frame, layout::Rect};

use super::picker::{self, PickerView};
use crate::{
    app::attach::{AttachForm, choices::PickerKind},
    theme::Theme,
};

pub fn render(form: &AttachForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(picker) = &form.picker else {
        return;
    };
    let items = form.filtered();
    let title = match picker.kind {
        PickerKind::Subnet => "subnet",
        PickerKind::NatAddress => "static public address",
        PickerKind::DnsZone { .. } => "DNS zone",
        PickerKind::SecurityGroups => "security groups (Space toggles, Enter done)",
    };
    let checked = |id: &str| form.security_groups.iter().any(|g| g == id);
    let view = PickerView {
        title: title.into(),
        max_width: 76,
        heads: &[],
        items: &items,
        list: &picker.list,
        checked: (picker.kind == PickerKind::SecurityGroups).then_some(&checked as _),
        filter_hint: String::new(),
        typing: true,
        status: None,
        message_is_hint: false,
    };
    picker::render(&view, theme, frame, area);
}
