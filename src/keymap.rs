//! The one keymap table: every action, its default keys, where it applies and its help text.
//! Dispatch and the help screen both read it; the config file rebinds actions by name.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Lookups try the most specific context first, then `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyContext {
    Global,
    Lists,
    Instances,
    Details,
    Operations,
    Dialog,
    Input,
    /// The attach form's fields.
    Form,
    /// A picker open over the form.
    Picker,
    /// The attach request's review screen.
    Review,
    /// The cloud and folder picker.
    Folders,
    /// The serial console view.
    Serial,
}

impl KeyContext {
    pub fn label(self) -> &'static str {
        match self {
            Self::Global => "anywhere",
            Self::Lists => "lists",
            Self::Instances => "instances",
            Self::Details => "details",
            Self::Operations => "operations",
            Self::Dialog => "dialogs",
            Self::Input => "input line",
            Self::Form => "form",
            Self::Picker => "picker",
            Self::Review => "review",
            Self::Folders => "folders",
            Self::Serial => "serial",
        }
    }
}

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    CommandLine,
    FocusNext,
    ToggleOps,
    Back,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Filter,
    Open,
    Attach,
    Detach,
    Stop,
    Start,
    Restart,
    Refresh,
    CopyId,
    SortNext,
    SortReverse,
    CancelOperation,
    Yes,
    No,
    Toggle,
    Accept,
    Complete,
    NicPrev,
    NicNext,
    NextField,
    PrevField,
    Choose,
    ToggleItem,
    Review,
    StopFirst,
    AddRow,
    RemoveRow,
    ItemUp,
    ItemDown,
    Submit,
    CopyJson,
    CopyCommand,
    CopyTable,
    SerialLog,
    Ssh,
    CloseView,
    Search,
    SearchNext,
    SearchPrev,
    Follow,
    NextPort,
    Save,
    Mark,
    ClearMarks,
    AddPublicIp,
    RemovePublicIp,
    EditNic,
}

/// One row of the table.
pub struct Binding {
    pub action: Action,
    /// The name used in the config file's `[keys]` table.
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub contexts: &'static [KeyContext],
    pub help: &'static str,
    /// The short label of the footer hint; empty for actions the footer never shows.
    pub hint: &'static str,
}

impl Binding {
    const fn hint(self, hint: &'static str) -> Self {
        Self { hint, ..self }
    }
}

use KeyContext as C;

/// The default keymap (see design.md).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(Action::Quit, "quit", &["q", "ctrl-c"], &[C::Global], "quit ({back} closes what is open first; waits for requests)").hint("quit"),
    b(Action::Help, "help", &["?"], &[C::Global], "this help: the keys of what is on top first; {filter} searches it").hint("help"),
    b(Action::CommandLine, "command", &[":"], &[C::Global], "command line: instances, ops, filter, folder [ID], cloud, theme, ssh [internal], q").hint("command"),
    b(Action::FocusNext, "focus", &["tab"], &[C::Global], "move focus between the instance list and the operations pane").hint("switch pane"),
    b(Action::ToggleOps, "ops_pane", &["p"], &[C::Lists], "hide or show the operations pane (hidden, the list title counts running operations)").hint("ops pane"),
    b(Action::Back, "back", &["esc"], &[C::Global, C::Form, C::Picker, C::Review], "close what is open, clear the filter; form: cancel (asks first), review: back to edit").hint("back"),
    b(Action::Up, "up", &["k", "up"], &[C::Lists, C::Details, C::Serial], "move up"),
    b(Action::Down, "down", &["j", "down"], &[C::Lists, C::Details, C::Serial], "move down").hint("move"),
    b(Action::Top, "top", &["g", "home"], &[C::Lists, C::Details, C::Serial], "first row"),
    b(Action::Bottom, "bottom", &["G", "end"], &[C::Lists, C::Details, C::Serial], "last row"),
    b(Action::PageUp, "page_up", &["pgup"], &[C::Lists, C::Details, C::Serial], "page up"),
    b(Action::PageDown, "page_down", &["pgdn"], &[C::Lists, C::Details, C::Serial], "page down"),
    b(Action::Filter, "filter", &["/"], &[C::Instances, C::Folders], "filter as you type (name, id, address, label); {back} clears").hint("filter"),
    b(Action::Open, "open", &["enter"], &[C::Instances, C::Operations], "details of the selected row").hint("details"),
    b(Action::Attach, "attach", &["a"], &[C::Instances, C::Details], "attach a network interface").hint("attach"),
    b(Action::Detach, "detach", &["D"], &[C::Details], "detach the selected network interface (confirm)").hint("detach"),
    b(Action::EditNic, "edit_nic", &["e"], &[C::Details], "edit the selected interface: security groups and DNS records (RUNNING or STOPPED), subnet and internal IPv4 (STOPPED)").hint("edit NIC"),
    b(Action::AddPublicIp, "add_public_ip", &["n"], &[C::Details], "give the selected interface a public IP: ephemeral or a free static address, DNS optional (confirm)").hint("add public IP"),
    b(Action::RemovePublicIp, "remove_public_ip", &["N"], &[C::Details], "take the selected interface's public IP away (confirm)").hint("remove public IP"),
    b(Action::NicPrev, "nic_prev", &["["], &[C::Details], "select the previous network interface"),
    b(Action::NicNext, "nic_next", &["]"], &[C::Details], "select the next network interface").hint("next NIC"),
    b(Action::Stop, "stop", &["s"], &[C::Instances, C::Details], "stop the instance, or every marked one (confirm)").hint("stop"),
    b(Action::Start, "start", &["S"], &[C::Instances, C::Details], "start the instance, or every marked one (confirm)").hint("start"),
    b(Action::Restart, "restart", &["R"], &[C::Instances, C::Details], "restart the instance, or every marked one (confirm)").hint("restart"),
    b(Action::Mark, "mark", &["space"], &[C::Instances], "mark or unmark the row for a bulk stop / start / restart").hint("mark"),
    b(Action::ClearMarks, "clear_marks", &["u"], &[C::Instances], "clear every mark").hint("clear marks"),
    b(Action::Refresh, "refresh", &["r"], &[C::Instances, C::Details, C::Folders], "refresh now; folders: load again").hint("refresh"),
    b(Action::CopyId, "copy_id", &["y"], &[C::Instances, C::Details], "copy the instance id (OSC 52)").hint("copy id"),
    b(Action::SortNext, "sort", &["o"], &[C::Instances], "sort by the next column").hint("sort"),
    b(Action::SortReverse, "sort_reverse", &["O"], &[C::Instances], "reverse the sort order"),
    b(Action::CancelOperation, "cancel_operation", &["c"], &[C::Operations], "cancel the operation (confirm)").hint("cancel"),
    b(Action::Yes, "yes", &["y"], &[C::Dialog], "confirm").hint("yes"),
    b(Action::No, "no", &["n", "esc"], &[C::Dialog], "decline").hint("no"),
    b(Action::Toggle, "toggle", &["left", "right", "tab", "h", "l"], &[C::Dialog], "switch between No and Yes").hint("switch"),
    b(Action::Accept, "accept", &["enter"], &[C::Dialog, C::Input], "choose the highlighted answer; run the line").hint("ok"),
    b(Action::Complete, "complete", &["tab"], &[C::Input], "complete a command or theme; again: the next choice"),
    b(Action::NextField, "next_field", &["tab", "down"], &[C::Form], "next field").hint("next"),
    b(Action::PrevField, "prev_field", &["backtab", "up"], &[C::Form], "previous field").hint("previous"),
    b(Action::Choose, "choose", &["enter"], &[C::Form, C::Picker, C::Folders], "open a picker (subnet, address, DNS zone, groups); choose in a picker").hint("choose"),
    b(Action::ToggleItem, "toggle_item", &["space"], &[C::Form, C::Picker], "toggle: public IP kind, PTR, a security group").hint("toggle"),
    b(Action::Review, "review", &["ctrl-s"], &[C::Form], "review the request (blocked while a field is invalid)").hint("review"),
    b(Action::StopFirst, "stop_first", &["ctrl-t"], &[C::Form], "stop the instance first (asks first): attach, and an edit of subnet or IPv4, need STOPPED").hint("stop first"),
    b(Action::AddRow, "add_row", &["ctrl-n"], &[C::Form], "add a DNS record row").hint("add DNS row"),
    b(Action::RemoveRow, "remove_row", &["ctrl-d"], &[C::Form], "remove the DNS record row").hint("remove row"),
    b(Action::ItemUp, "item_up", &["up"], &[C::Picker, C::Review], "move up / scroll up"),
    b(Action::ItemDown, "item_down", &["down"], &[C::Picker, C::Review], "move down / scroll down").hint("move"),
    b(Action::Submit, "submit", &["enter"], &[C::Review], "submit the request").hint("submit"),
    b(Action::CopyJson, "copy_json", &["j"], &[C::Review], "copy the request JSON (OSC 52)").hint("copy JSON"),
    b(Action::CopyCommand, "copy_command", &["y"], &[C::Review], "copy the yc command (OSC 52)").hint("copy yc"),
    b(Action::CopyTable, "copy_table", &["t"], &[C::Review], "copy the before/after table (OSC 52)").hint("copy table"),
    b(Action::SerialLog, "serial", &["l"], &[C::Instances, C::Details], "serial console output (follow, search, ports 1-4, save)").hint("serial"),
    b(Action::Ssh, "ssh", &["x"], &[C::Instances, C::Details], "ssh to the instance (dashboard suspended, restored after); :ssh internal").hint("ssh"),
    b(Action::CloseView, "close", &["q"], &[C::Serial], "close the serial view ({back} too)").hint("close"),
    b(Action::Search, "search", &["/"], &[C::Serial], "search; {accept} runs it").hint("search"),
    b(Action::SearchNext, "search_next", &["n"], &[C::Serial], "next match").hint("next"),
    b(Action::SearchPrev, "search_prev", &["N"], &[C::Serial], "previous match").hint("previous"),
    b(Action::Follow, "follow", &["f"], &[C::Serial], "follow on/off (re-read every 2 s)").hint("follow"),
    b(Action::NextPort, "next_port", &["p"], &[C::Serial], "next serial port (1-4)").hint("port"),
    b(Action::Save, "save", &["w"], &[C::Serial], "save the output to a file").hint("save"),
];

const fn b(
    action: Action,
    name: &'static str,
    keys: &'static [&'static str],
    contexts: &'static [KeyContext],
    help: &'static str,
) -> Binding {
    Binding {
        action,
        name,
        keys,
        contexts,
        help,
        hint: "",
    }
}

/// A key with its modifiers, as written in the table and the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// Parses `q`, `G`, `ctrl-c`, `enter`, `esc`, `tab`, `backtab`, arrows, `pgup`, `f1`, `space`...
    pub fn parse(text: &str) -> Option<Self> {
        let (ctrl, rest) = match text.strip_prefix("ctrl-") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            c => {
                let mut chars = c.chars();
                let ch = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(ch)
            }
        };
        Some(Self { code, ctrl })
    }

    pub fn from_event(event: &KeyEvent) -> Self {
        Self {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }
}

/// The effective keymap: defaults with the user's rebindings applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: HashMap<Action, Vec<String>>,
    lookup: HashMap<(KeyContext, Key), Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(&HashMap::new()).0
    }
}

impl Keymap {
    /// Applies `overrides` (action name -> keys). Returns the keymap and a warning per
    /// unknown action or unparsable key.
    pub fn new(overrides: &HashMap<String, Vec<String>>) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        for name in overrides.keys() {
            if !BINDINGS.iter().any(|b| b.name == name) {
                warnings.push(format!("keymap: unknown action {name:?}"));
            }
        }
        let mut keys = HashMap::new();
        let mut lookup = HashMap::new();
        for binding in BINDINGS {
            let chosen: Vec<String> = match overrides.get(binding.name) {
                Some(user) => user.clone(),
                None => binding.keys.iter().map(|k| k.to_string()).collect(),
            };
            let mut valid = Vec::new();
            for text in chosen {
                match Key::parse(&text) {
                    Some(key) => {
                        for context in binding.contexts {
                            lookup.entry((*context, key)).or_insert(binding.action);
                        }
                        valid.push(text);
                    }
                    None => warnings.push(format!("keymap: cannot read key {text:?}")),
                }
            }
            keys.insert(binding.action, valid);
        }
        (Self { keys, lookup }, warnings)
    }

    /// The action bound to `event` in the first of `contexts` that binds it.
    pub fn action(&self, contexts: &[KeyContext], event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        contexts
            .iter()
            .find_map(|c| self.lookup.get(&(*c, key)).copied())
    }

    /// The footer label of an action (empty when it has none).
    pub fn hint(&self, action: Action) -> &'static str {
        BINDINGS
            .iter()
            .find(|b| b.action == action)
            .map_or("", |b| b.hint)
    }

    /// `text` with each `{name}` (an action's config name) replaced by that action's keys, so
    /// texts that name keys stay true after rebinding.
    pub fn describe(&self, text: &str) -> String {
        let mut out = text.to_string();
        for binding in BINDINGS {
            let placeholder = format!("{{{}}}", binding.name);
            if out.contains(&placeholder) {
                out = out.replace(&placeholder, &self.keys_of(binding.action));
            }
        }
        out
    }

    /// The keys of an action, joined for display ("k/up").
    pub fn keys_of(&self, action: Action) -> String {
        self.keys
            .get(&action)
            .map(|k| k.join("/"))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn defaults_resolve_by_context() {
        let map = Keymap::default();
        let instances = [C::Instances, C::Lists, C::Global];
        assert_eq!(
            map.action(&instances, &press(KeyCode::Char('s'))),
            Some(Action::Stop)
        );
        assert_eq!(
            map.action(&instances, &press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&[C::Dialog, C::Global], &press(KeyCode::Char('y'))),
            Some(Action::Yes)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&instances, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn rebinding_replaces_defaults_and_warns_on_junk() {
        let overrides = HashMap::from([
            (
                "stop".to_string(),
                vec!["x".to_string(), "ctrl-zz".to_string()],
            ),
            ("fly".to_string(), vec!["f".to_string()]),
        ]);
        let (map, warnings) = Keymap::new(&overrides);
        let ctx = [C::Instances, C::Global];
        assert_eq!(
            map.action(&ctx, &press(KeyCode::Char('x'))),
            Some(Action::Stop)
        );
        assert_eq!(map.action(&ctx, &press(KeyCode::Char('s'))), None);
        assert_eq!(map.keys_of(Action::Stop), "x");
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn texts_name_the_keys_actually_bound() {
        let overrides = HashMap::from([("back".to_string(), vec!["ctrl-g".to_string()])]);
        let (map, _) = Keymap::new(&overrides);
        assert_eq!(map.describe("{back} clears"), "ctrl-g clears");
        assert_eq!(Keymap::default().describe("{back} clears"), "esc clears");
        for b in BINDINGS {
            assert!(
                !Keymap::default().describe(b.help).contains('{'),
                "{} names an unknown action",
                b.name
            );
        }
    }

    #[test]
    fn key_parser_reads_names() {
        assert_eq!(Key::parse("pgdn").map(|k| k.code), Some(KeyCode::PageDown));
        assert_eq!(Key::parse("f5").map(|k| k.code), Some(KeyCode::F(5)));
        assert!(Key::parse("").is_none());
        assert!(Key::parse("fx").is_none());
    }
}
