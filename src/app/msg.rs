//! The messages `update()` consumes and the effects it asks the runtime to perform.

use std::time::{Duration, SystemTime};

use crossterm::event::{KeyEvent, MouseEvent};

use super::{
    attach::{AttachMsg, loads::Part, tickets::Ticket},
    details::DetailsData,
    folder::state::CloudFolders,
    journal::{JournalChange, JournalEntry},
    model::Startup,
    mutation::Mutation,
};
pub use crate::api::PowerAction;
use crate::api::{
    ApiError,
    proto::yandex::cloud::{
        compute::v1::{Instance, ListInstancesResponse},
        operation::Operation,
    },
};

/// Something that happened: input, time passing, or an effect's answer.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// The clock; sent by the runtime before each batch and on every animation tick.
    Tick(SystemTime),
    /// The backend is still being reached: what it is doing now.
    Starting(Startup),
    /// The backend is ready: what the header names, and the folder if one is known.
    Ready {
        source: String,
        folder_id: Option<String>,
        /// Operations are kept in a journal.
        journal: bool,
    },
    /// One page of instances for the listing generation `generation`.
    InstancesPage {
        generation: u64,
        result: Result<ListInstancesResponse, ApiError>,
    },
    /// The automatic refresh timer of `generation` fired.
    RefreshDue {
        generation: u64,
    },
    FolderName {
        folder_id: String,
        name: Option<String>,
    },
    /// A mutating request (`Effect::Mutate`) was answered: its operation, or why it was
    /// refused, or that its outcome is unknown.
    Started {
        mutation: Mutation,
        result: Result<Operation, ApiError>,
    },
    OperationPolled {
        id: String,
        poll: u32,
        result: Result<Operation, ApiError>,
    },
    CancelAnswered {
        id: String,
        result: Result<Operation, ApiError>,
    },
    DetailsLoaded(Box<DetailsData>),
    InstanceLoaded(Result<Box<Instance>, ApiError>),
    DetailsFailed {
        instance_id: String,
        error: ApiError,
    },
    /// This endpoint and account's journal entries, read at start.
    JournalLoaded(Vec<JournalEntry>),
    /// A request the journal held as "sent, outcome unknown" was sent again with its key.
    Resent {
        entry: Box<JournalEntry>,
        result: Result<Operation, ApiError>,
    },
    /// For the attach form: what its loads read (the form's parts, the subnet's options).
    Attach(AttachMsg),
    /// The folder picker's clouds and folders (or why the clouds could not be listed).
    FolderTree(Result<Vec<CloudFolders>, ApiError>),
    /// For the serial view.
    Serial(super::serial::SerialMsg),
    /// The full instance for ssh (or why it could not be read).
    SshInstance {
        internal: bool,
        result: Result<Box<Instance>, ApiError>,
    },
    /// ssh ended: its exit code (`None`: a signal), or why it could not run.
    SshDone(Result<Option<i32>, String>),
    /// An effect that has nothing to report except a possible failure (journal write, copy).
    Done(Option<String>),
}

impl Msg {
    /// Whether this answers a mutating request (`Effect::is_mutation`).
    pub fn answers_mutation(&self) -> bool {
        matches!(self, Self::Started { .. } | Self::Resent { .. })
    }
}

impl Effect {
    /// Sends `mutation` with a new idempotency key.
    pub fn send(mutation: Mutation) -> Self {
        Self::Mutate {
            mutation,
            key: None,
        }
    }

    /// Whether this effect sends a mutating request (journaled before it is sent).
    pub fn is_mutation(&self) -> bool {
        matches!(self, Self::Mutate { .. } | Self::Resend { .. })
    }
}

/// IO the runtime performs for `update()`; each answers with exactly one `Msg`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    ListInstances {
        generation: u64,
        folder_id: String,
        filter: String,
        page_token: String,
    },
    /// Sends `RefreshDue` after `after`.
    ScheduleRefresh {
        generation: u64,
        after: Duration,
    },
    LoadFolderName {
        folder_id: String,
    },
    /// Sends a mutating request, journaled as "sent" first, with the idempotency key `key`
    /// (a form keeps it, so sending its request again reuses it); `None`: the runtime makes a
    /// new key. Either way the client's own retries of the call reuse it.
    Mutate {
        mutation: Mutation,
        key: Option<String>,
    },
    /// Waits `PollSchedule::delay(poll)` then gets the operation.
    PollOperation {
        id: String,
        poll: u32,
    },
    CancelOperation {
        id: String,
    },
    LoadDetails {
        instance_id: String,
    },
    /// Re-reads one instance (after an operation whose response is not the instance).
    LoadInstance {
        instance_id: String,
    },
    /// One part of what the attach form needs that does not depend on the chosen subnet;
    /// the form asks for every part at once.
    LoadAttachPart {
        instance_id: String,
        folder_id: String,
        zone_id: String,
        part: Part,
        /// Which read this is (`attach::tickets`): a later one's answer wins.
        ticket: Ticket,
    },
    /// The security groups of the subnet's network and the subnet's used addresses.
    LoadSubnetOptions {
        subnet_id: String,
        network_id: String,
        /// Which read this is (`attach::tickets`): a later one's answer wins.
        ticket: Ticket,
    },
    /// The security groups of a network of the attach form's instance: their names.
    LoadGroupNames {
        network_id: String,
    },
    /// Applies a change to the shared journal file (other dashboards' entries are kept).
    WriteJournal(JournalChange),
    /// Sends again, with its idempotency key, a request the journal holds as "sent".
    Resend {
        entry: Box<JournalEntry>,
    },
    /// Lists every cloud and its folders (all pages) for the folder picker.
    LoadFolderTree,
    /// Writes `default_folder` into the session's config file (when it has one).
    RememberFolder {
        folder_id: String,
    },
    /// Copies text to the terminal's clipboard (OSC 52).
    Copy(String),
    /// For the serial view.
    Serial(super::serial::SerialEffect),
    /// Gets the full instance (metadata, addresses) for ssh.
    LoadSshInstance {
        instance_id: String,
        internal: bool,
    },
    /// Hands the terminal to this command and waits (the runtime's loop runs it).
    Ssh(super::ssh_target::SshCommand),
}
