//! The Model: small parts composed, each owning one concern. Only `update()` changes it.

use std::time::{Duration, SystemTime};

use super::{
    attach::AttachForm, command::Choices, details::Details, folder::FolderPicker, input::LineInput,
    instances::InstanceList, operations::Operations,
};
use crate::{
    api::{PowerAction, proto::yandex::cloud::compute::v1::DetachInstanceNetworkInterfaceRequest},
    keymap::{KeyContext, Keymap},
};

/// How long a toast stays up.
pub const TOAST_TIME: Duration = Duration::from_secs(5);

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Instances,
    Operations,
}

/// State of the link to the API, from the last listing.
#[derive(Debug, Clone, PartialEq)]
pub enum Connection {
    Connecting,
    Connected,
    /// The last listing failed on something that may pass (UNAVAILABLE, a deadline); data
    /// shown is stale and it is tried again soon. Holds the error's code name.
    Reconnecting(String),
    /// The last listing was refused (INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED...): trying
    /// at once would get the same answer. Holds the error's code name.
    Refused(String),
}

/// Where the dashboard is before it can list anything: it draws at once and shows this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Startup {
    /// Reading credentials, endpoint discovery.
    Connecting,
    /// Getting the first IAM token.
    Authenticating,
}

/// The header: where we are and how fresh the data is.
#[derive(Debug, Clone)]
pub struct Header {
    pub source: String,
    /// `None` until a folder is chosen (the picker is open meanwhile).
    pub folder_id: Option<String>,
    pub folder_name: Option<String>,
    pub connection: Connection,
    pub last_refresh: Option<SystemTime>,
    /// `Some` until the backend is ready; only quitting works meanwhile.
    pub startup: Option<Startup>,
    /// The folder was typed (`:folder ID`) and has not answered yet: it becomes
    /// `default_folder` only once its Get or a listing of it succeeds.
    pub remember_when_answered: bool,
}

/// The listing in flight: pages of one generation stream in here.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Bumped by each new listing; answers of older generations are dropped.
    pub generation: u64,
    pub in_flight: bool,
    /// When the listing in flight started (pages merge into the rows as they arrive).
    pub started: Option<SystemTime>,
    /// How long the last complete listing took: the next automatic one waits at least ten
    /// times that, so a big folder is not re-read back to back.
    pub last_took: Option<Duration>,
    /// The server-side filter (`:filter EXPR`).
    pub server_filter: String,
    /// A `:filter` or typed `:folder` not answered yet, with what to go back to if refused.
    pub trial: Option<Trial>,
}

/// What a `:filter` or `:folder` replaced, kept until its listing answers: a refusal (a
/// permanent error) puts it back, so a typo never costs the list that worked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trial {
    Filter {
        previous: String,
    },
    Folder {
        previous_id: Option<String>,
        previous_name: Option<String>,
        previous_refresh: Option<SystemTime>,
    },
}

/// What a confirm dialog does when answered yes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Power {
        action: PowerAction,
        instance_id: String,
        name: String,
    },
    /// The same action on several instances (id, name): each is sent when the folder's
    /// operation limit allows.
    BulkPower {
        action: PowerAction,
        targets: Vec<(String, String)>,
    },
    CancelOperation {
        id: String,
    },
    /// Close the attach form, dropping what was typed.
    DiscardForm,
    /// Stop the attach form's instance so the interface can be attached (Ctrl-T).
    StopForForm {
        instance_id: String,
    },
    Detach {
        request:
            crate::api::proto::yandex::cloud::compute::v1::DetachInstanceNetworkInterfaceRequest,
    },
    /// Send the public IP form's request.
    AddNat {
        request: Box<crate::api::proto::yandex::cloud::compute::v1::AddInstanceOneToOneNatRequest>,
    },
    RemoveNat {
        request: crate::api::proto::yandex::cloud::compute::v1::RemoveInstanceOneToOneNatRequest,
    },
    /// Stop the instance, then detach, then offer to start it again.
    StopThenDetach {
        request:
            crate::api::proto::yandex::cloud::compute::v1::DetachInstanceNetworkInterfaceRequest,
        name: String,
    },
}

/// A yes/no question. Starts on No.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub question: String,
    pub pending: Pending,
    pub yes_selected: bool,
}

/// Where a stop-then-detach sequence is.
#[derive(Debug, Clone, PartialEq)]
pub enum DetachStep {
    /// The stop was sent; `Some` once its operation is known.
    Stopping(Option<String>),
    /// The detach was sent; `Some` once its operation is known.
    Detaching(Option<String>),
}

/// A stop, then a detach, of one instance (`detach_sequence.rs` moves it on).
#[derive(Debug, Clone, PartialEq)]
pub struct DetachSequence {
    pub request: DetachInstanceNetworkInterfaceRequest,
    pub name: String,
    pub step: DetachStep,
}

/// The open help.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpView {
    pub scroll: u16,
    /// The keymap contexts of what was on top when help opened, most specific first.
    pub contexts: Vec<KeyContext>,
    /// The `/` search; empty shows everything.
    pub query: LineInput,
    /// The search is being typed.
    pub typing: bool,
}

/// What floats above the screen; at most one at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help(Box<HelpView>),
    Confirm(Confirm),
    /// One operation's details, by id.
    Operation {
        id: String,
    },
}

/// The line being typed, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// `/`: the filter as typed, and the instance selected before it opened (Esc goes back).
    Filter {
        line: LineInput,
        return_to: Option<String>,
    },
    /// `:`: the command line, Tab's choices while cycling through them, and a note (nothing
    /// to complete).
    Command {
        line: LineInput,
        choices: Option<Choices>,
        note: Option<String>,
    },
}

impl Prompt {
    /// An empty command line.
    pub fn command() -> Self {
        Self::Command {
            line: LineInput::default(),
            choices: None,
            note: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub text: String,
    pub level: Level,
    pub until: SystemTime,
    /// Raised by the attach form about its fields ("fix 1 field(s) before review"): the next
    /// such toast replaces it, and it goes once the form reaches its review or closes.
    pub about_form: bool,
}

/// Settings the model starts with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub source: String,
    /// `None`: no folder was given; the picker opens on start.
    pub folder_id: Option<String>,
    pub theme: String,
    pub themes: Vec<String>,
    pub keymap: Keymap,
    pub refresh: Option<Duration>,
    pub journal: bool,
}

/// The whole UI state.
#[derive(Debug, Clone)]
pub struct Model {
    pub now: SystemTime,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub header: Header,
    pub listing: Listing,
    pub instances: InstanceList,
    pub ops: Operations,
    pub details: Option<Details>,
    /// The attach form, over the list or the details.
    pub form: Option<AttachForm>,
    /// How many forms have opened: each numbers its reads' tickets after the ones before.
    pub forms_opened: u64,
    /// The cloud and folder picker, over the list.
    pub folder_picker: Option<FolderPicker>,
    /// The serial console view, full screen.
    pub serial: Option<super::serial::SerialView>,
    /// A detach waiting for its instance's stop (`detach_sequence.rs`).
    pub detach_sequence: Option<DetachSequence>,
    /// How `x` connects (the `[ssh]` config and the local user).
    pub ssh: super::ssh_target::SshSettings,
    pub focus: Focus,
    /// The operations pane was hidden (`ops_pane` key): the list takes its room.
    pub ops_hidden: bool,
    pub overlay: Option<Overlay>,
    pub prompt: Option<Prompt>,
    /// Why the last `:` command failed, shown on the bottom line until the next key.
    pub command_error: Option<String>,
    pub toasts: Vec<Toast>,
    pub keymap: Keymap,
    pub theme: String,
    pub themes: Vec<String>,
    pub refresh: Option<Duration>,
    /// Whether the runtime keeps a journal (so changes are written).
    pub journal: bool,
    /// Something visible changed since the last draw.
    pub dirty: bool,
    /// Mutating requests sent and not answered yet.
    pub requests_in_flight: usize,
    /// Quit was asked while requests were in flight: leave when the last one is answered.
    pub quit_asked: bool,
    pub quit: bool,
}

impl Model {
    pub fn new(settings: Settings, now: SystemTime, size: (u16, u16)) -> Self {
        Self {
            now,
            size,
            header: Header {
                source: settings.source,
                folder_id: settings.folder_id,
                folder_name: None,
                connection: Connection::Connecting,
                last_refresh: None,
                startup: None,
                remember_when_answered: false,
            },
            listing: Listing::default(),
            instances: InstanceList::default(),
            ops: Operations::default(),
            details: None,
            form: None,
            forms_opened: 0,
            folder_picker: None,
            serial: None,
            detach_sequence: None,
            ssh: Default::default(),
            focus: Focus::Instances,
            ops_hidden: false,
            overlay: None,
            prompt: None,
            command_error: None,
            toasts: Vec::new(),
            keymap: settings.keymap,
            theme: settings.theme,
            themes: settings.themes,
            refresh: settings.refresh,
            journal: settings.journal,
            dirty: true,
            requests_in_flight: 0,
            quit_asked: false,
            quit: false,
        }
    }

    /// Whether anything moves on its own (spinners, timers): the runtime ticks only then.
    pub fn animating(&self) -> bool {
        self.header.startup.is_some()
            || self.ops.any_running()
            || self.ops.sending() > 0
            || self
                .folder_picker
                .as_ref()
                .is_some_and(|p| p.tree == super::folder::state::Tree::Loading)
            || !self.toasts.is_empty()
            || !self.instances.changed.is_empty()
            || self.listing.in_flight
            || self.instances.any_transitional()
    }

    pub fn toast(&mut self, level: Level, text: impl Into<String>) {
        self.push_toast(level, text.into(), false);
    }

    /// A toast about the attach form's fields (see `Toast::about_form`).
    pub fn form_toast(&mut self, level: Level, text: impl Into<String>) {
        self.toasts.retain(|t| !t.about_form);
        self.push_toast(level, text.into(), true);
    }

    fn push_toast(&mut self, level: Level, text: String, about_form: bool) {
        self.toasts.push(Toast {
            text,
            level,
            until: self.now + TOAST_TIME,
            about_form,
        });
        if self.toasts.len() > 4 {
            self.toasts.remove(0);
        }
    }
}
