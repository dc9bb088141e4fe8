//! Which layer of the screen is on top, decided in one place: key dispatch (`keys.rs`), the
//! keymap contexts and the footer hints (`ui/status.rs`) all read `Model::layer()`.

use super::{
    folder::FolderPicker,
    model::{Focus, Model, Overlay},
};
use crate::keymap::KeyContext;

/// The layer that takes the keys. The variants are in order, top first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The `/` filter or the `:` command line.
    Prompt,
    /// A yes/no question.
    Confirm,
    /// The attach form, with its own context: its picker, the review or the fields.
    AttachForm(KeyContext),
    /// The cloud and folder picker.
    FolderPicker,
    /// Help, or one operation's details.
    Overlay,
    /// The serial console view; `searching` while its search is typed.
    Serial { searching: bool },
    /// One instance's details.
    Details,
    /// The instance list or the operations pane, whichever has the focus.
    List(Focus),
}

impl Model {
    /// The open layer on top.
    pub fn layer(&self) -> Layer {
        if self.prompt.is_some() {
            Layer::Prompt
        } else if matches!(self.overlay, Some(Overlay::Confirm(_))) {
            Layer::Confirm
        } else if matches!(self.overlay, Some(Overlay::Help(_))) {
            // Help opens over anything, the form included.
            Layer::Overlay
        } else if let Some(form) = &self.form {
            Layer::AttachForm(form.key_context())
        } else if self.folder_picker.is_some() && self.overlay.is_none() {
            Layer::FolderPicker
        } else if self.overlay.is_some() {
            Layer::Overlay
        } else if let Some(view) = &self.serial {
            Layer::Serial {
                searching: view.search.typing.is_some(),
            }
        } else if self.details.is_some() {
            Layer::Details
        } else {
            Layer::List(self.focus)
        }
    }

    /// The keymap contexts of the layer on top, most specific first.
    pub fn contexts(&self) -> Vec<KeyContext> {
        match self.layer() {
            Layer::Prompt => vec![KeyContext::Input],
            Layer::Confirm => vec![KeyContext::Dialog],
            Layer::AttachForm(context) => vec![context],
            Layer::FolderPicker => self
                .folder_picker
                .as_ref()
                .map_or_else(Vec::new, FolderPicker::key_contexts),
            Layer::Serial { searching: true } => vec![KeyContext::Input, KeyContext::Global],
            Layer::Serial { searching: false } => vec![KeyContext::Serial, KeyContext::Global],
            Layer::Overlay if matches!(&self.overlay, Some(Overlay::Help(h)) if h.typing) => {
                vec![KeyContext::Input]
            }
            Layer::Overlay | Layer::Details => vec![KeyContext::Details, KeyContext::Global],
            Layer::List(Focus::Instances) => {
                vec![KeyContext::Instances, KeyContext::Lists, KeyContext::Global]
            }
            Layer::List(Focus::Operations) => {
                vec![
                    KeyContext::Operations,
                    KeyContext::Lists,
                    KeyContext::Global,
                ]
            }
        }
    }
}
