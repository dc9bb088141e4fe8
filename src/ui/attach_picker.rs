//! A picker over the attach form, drawn by the shared picker renderer (`picker.rs`): its title,
//! the items (checkboxes for security groups), whether they are being read again, and its
//! message.

use ratatui::{Frame, layout::Rect};

use super::picker::{self, PickerView};
use crate::{
    app::attach::{
        AttachForm,
        choices::{PickerKind, Refresh},
        loads::Load,
        loads::Part,
    },
    keymap::{Action, Keymap},
    theme::Theme,
};

pub fn render(form: &AttachForm, theme: &Theme, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    let Some(picker) = &form.picker else {
        return;
    };
    let items = form.filtered();
    let title = match picker.kind {
        PickerKind::Subnet => "subnet".into(),
        PickerKind::NatAddress => "static public address".into(),
        PickerKind::DnsZone { .. } => "DNS zone".into(),
        PickerKind::SecurityGroups => format!(
            "security groups ({} toggles, {} done)",
            keymap.keys_of(Action::ToggleItem),
            keymap.keys_of(Action::Choose)
        ),
    };
    // The cached list shows while it is read again; a failed re-read keeps it and says so.
    let cached = Part::of_picker(picker.kind).is_none_or(|p| *form.loads.get(p) == Load::Ready);
    let title = match &picker.refresh {
        Refresh::Reading if cached => format!("{title} · refreshing…"),
        Refresh::Reading => format!("{title} · loading…"),
        Refresh::Fresh | Refresh::Failed(_) => title,
    };
    let mut list = picker.list.clone();
    if let (Refresh::Failed(why), None) = (&picker.refresh, &list.message) {
        list.message = Some(if cached {
            format!("could not refresh ({why}); this is the list read before")
        } else {
            format!("could not load ({why}); reopen the picker to try again")
        });
    }
    let checked = |id: &str| form.input.security_groups.iter().any(|g| g == id);
    let view = PickerView {
        title,
        max_width: 76,
        heads: &[],
        items: &items,
        list: &list,
        checked: (picker.kind == PickerKind::SecurityGroups).then_some(&checked as _),
        filter_hint: String::new(),
        typing: true,
        status: None,
        message_is_hint: false,
    };
    picker::render(&view, theme, frame, area);
}
