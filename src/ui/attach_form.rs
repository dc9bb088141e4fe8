//! The attach form (attach, edit, public IP): the fields in order with their errors next to
//! them, under the pre-flight lines (`attach_preflight.rs`);
//! the open picker (`attach_picker.rs`) on top; the review screen is `attach_review.rs`.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Clear, Paragraph},
};
use tui_textarea::TextArea;

use super::{
    attach_picker, attach_preflight, attach_review,
    format::{columns, shown},
};
use crate::{
    app::{
        attach::focus::{DnsSlot, Slot},
        attach::{
            input::NatKind,
            loads::Load,
            state::{AttachForm, Purpose, Stage},
        },
        input::LineInput,
    },
    keymap::{Action, Keymap},
    nic::error::{DnsPart, DnsTarget, Field},
    theme::Theme,
};

/// Width of the label column.
pub(super) const LABEL: usize = 18;

/// One line of the form: its text, the text inputs drawn over it (x offset, width, input),
/// and whether it holds the focus.
struct Row {
    line: Line<'static>,
    inputs: Vec<(u16, u16, TextArea<'static>)>,
    focused: bool,
}

pub(super) struct Rows<'a> {
    pub(super) form: &'a AttachForm,
    pub(super) theme: &'a Theme,
    pub(super) keymap: &'a Keymap,
    out: Vec<Row>,
    /// The row being built.
    spans: Vec<Span<'static>>,
    width: u16,
    inputs: Vec<(u16, u16, TextArea<'static>)>,
    focused: bool,
}

impl<'a> Rows<'a> {
    pub(super) fn push(&mut self, text: impl Into<String>, style: Style) {
        let text = shown(&text.into());
        self.width = self.width.saturating_add(columns(&text));
        self.spans.push(Span::styled(text, style));
    }

    pub(super) fn plain(&mut self, text: impl Into<String>) {
        self.push(text, self.theme.fg(self.theme.text));
    }

    pub(super) fn muted(&mut self, text: impl Into<String>) {
        self.push(text, self.theme.fg(self.theme.muted));
    }

    /// A label in the label column: accent when focused, error-coloured when its field errs.
    fn label(&mut self, text: &str, slot: Slot, field: Option<Field>) {
        let focused = self.form.focus == slot && self.form.picker.is_none();
        let erring = field.is_some_and(|f| !self.form.feedback.errors_for(f).is_empty());
        let style = if erring {
            self.theme.fg(self.theme.error).add_modifier(Modifier::BOLD)
        } else if focused {
            self.theme
                .fg(self.theme.accent)
                .add_modifier(Modifier::BOLD)
        } else {
            self.theme.fg(self.theme.muted)
        };
        let marker = if focused { "▸ " } else { "  " };
        self.push(format!("{marker}{text:<w$}", w = LABEL - 2), style);
        self.focused |= focused;
    }

    /// A value that is a slot of its own within a row (zone, PTR).
    fn part(&mut self, text: impl Into<String>, slot: Slot) {
        let focused = self.form.focus == slot && self.form.picker.is_none();
        let style = if focused {
            self.theme.selection()
        } else {
            self.theme.fg(self.theme.text)
        };
        self.push(text, style);
        self.focused |= focused;
    }

    fn input(&mut self, input: &LineInput, width: u16, slot: Slot, placeholder: &str) {
        let focused = self.form.focus == slot && self.form.picker.is_none();
        let mut area = input.area().clone();
        area.set_placeholder_text(placeholder);
        area.set_placeholder_style(self.theme.fg(self.theme.muted));
        let mut style = self
            .theme
            .fg(self.theme.text)
            .add_modifier(Modifier::UNDERLINED);
        if focused {
            style = style.fg(self.theme.accent);
        } else {
            area.set_cursor_style(style);
        }
        area.set_style(style);
        let x = self.width;
        self.inputs.push((x, width, area));
        self.push(" ".repeat(usize::from(width)), Style::default());
        self.focused |= focused;
    }

    pub(super) fn end(&mut self) {
        self.out.push(Row {
            line: Line::from(std::mem::take(&mut self.spans)),
            inputs: std::mem::take(&mut self.inputs),
            focused: std::mem::take(&mut self.focused),
        });
        self.width = 0;
    }

    /// The field's errors, one line each, under it.
    fn errors(&mut self, field: Field) {
        for message in self.form.feedback.errors_for(field) {
            let style = self.theme.fg(self.theme.error);
            self.push(format!("{:LABEL$}✗ {message}", ""), style);
            self.end();
        }
    }
}

/// The public IP form's fields: the address kind and its DNS records.
fn public_ip_fields(r: &mut Rows) {
    let nat = &r.form.input.ipv4.nat;
    r.label("public IP", Slot::Nat, Some(Field::NatAddress));
    let radio = |on: bool| if on { "(•)" } else { "( )" };
    r.plain(format!(
        "{} ephemeral  {} static ",
        radio(nat.kind == NatKind::Ephemeral),
        radio(nat.kind == NatKind::Static)
    ));
    nat_address(r);
    dns(r, DnsTarget::Nat, "public DNS");
}

/// The chosen static address, or how to choose one; the IP version note.
fn nat_address(r: &mut Rows) {
    let nat = &r.form.input.ipv4.nat;
    if nat.kind == NatKind::Static {
        if nat.address.is_empty() {
            r.muted(format!(
                "({} picks a free address)",
                r.keymap.keys_of(Action::Choose)
            ));
        } else {
            r.plain(nat.address.clone());
        }
    }
    r.muted("   IPv4 · IPv6 not available");
    r.end();
    r.errors(Field::NatAddress);
}

fn fields(r: &mut Rows) {
    let f = r.form;
    if let Purpose::PublicIp { .. } = f.purpose {
        return public_ip_fields(r);
    }
    let editing = matches!(f.purpose, Purpose::Edit { .. });
    if !editing {
        r.label("index", Slot::Index, Some(Field::Index));
        r.input(&f.input.index, 4, Slot::Index, "");
        r.muted("  0-15, unused; at most 8 interfaces");
        r.end();
        r.errors(Field::Index);
    }

    r.label("subnet", Slot::Subnet, Some(Field::Subnet));
    match f.subnet() {
        Some(s) => r.plain(format!(
            "{}  {}  network {}",
            s.subnet.name,
            s.subnet.v4_cidr_blocks.join(","),
            s.network_name
        )),
        None if f.loads.subnets == Load::Loading => r.muted("(none) loading subnets…"),
        None => r.muted(format!(
            "(none) {} picks one of the zone's subnets",
            r.keymap.keys_of(Action::Choose)
        )),
    }
    if f.subnet_load == Some(Load::Loading) {
        r.muted("  loading groups and used addresses…");
    }
    if let Some(Load::Failed(e)) = &f.subnet_load {
        r.push(format!("  ✗ {}", e.summary()), r.theme.fg(r.theme.error));
    }
    r.end();
    r.errors(Field::Subnet);

    r.label("internal IPv4", Slot::Ipv4, Some(Field::Ipv4));
    r.input(&f.input.ipv4.address, 16, Slot::Ipv4, "auto");
    r.muted(if editing {
        "  empty = kept, or auto on a new subnet"
    } else {
        "  empty = assigned automatically"
    });
    r.end();
    r.errors(Field::Ipv4);
    if editing {
        dns(r, DnsTarget::Internal, "internal DNS");
        return security_groups(r);
    }

    r.label("public IP", Slot::Nat, Some(Field::NatAddress));
    let radio = |on: bool| if on { "(•)" } else { "( )" };
    let nat = &f.input.ipv4.nat;
    r.plain(format!(
        "{} none  {} ephemeral  {} static ",
        radio(nat.kind == NatKind::None),
        radio(nat.kind == NatKind::Ephemeral),
        radio(nat.kind == NatKind::Static)
    ));
    nat_address(r);

    for (target, title) in [
        (DnsTarget::Internal, "internal DNS"),
        (DnsTarget::Nat, "public DNS"),
    ] {
        dns(r, target, title);
    }
    security_groups(r);
}

fn security_groups(r: &mut Rows) {
    let f = r.form;
    let groups = &f.input.security_groups;
    r.label(
        "security groups",
        Slot::SecurityGroups,
        Some(Field::SecurityGroups),
    );
    if f.input.subnet_id.is_empty() {
        r.muted("choose a subnet first");
    } else if groups.is_empty() {
        r.muted(format!(
            "(none) {} chooses 1-5 of the network's groups",
            r.keymap.keys_of(Action::Choose)
        ));
    } else {
        let names: Vec<String> = groups.iter().map(|g| f.group_name(g)).collect();
        r.plain(format!("{}  ({}/5)", names.join(", "), names.len()));
    }
    r.end();
    r.errors(Field::SecurityGroups);
}

fn dns(r: &mut Rows, target: DnsTarget, title: &str) {
    let f = r.form;
    let rows = f.input.ipv4.rows(target);
    r.label(title, Slot::DnsList(target), None);
    r.muted(format!(
        "{} record(s) · {} adds a row, {} removes one",
        rows.len(),
        r.keymap.keys_of(Action::AddRow),
        r.keymap.keys_of(Action::RemoveRow)
    ));
    r.end();
    for (row, input) in rows.iter().enumerate() {
        let slot = |part| Slot::Dns { target, row, part };
        let field = |part| Field::Dns { target, row, part };
        let erring = [DnsPart::Fqdn, DnsPart::Zone, DnsPart::Ttl]
            .into_iter()
            .any(|p| !f.feedback.errors_for(field(p)).is_empty());
        let focused = [DnsSlot::Fqdn, DnsSlot::Zone, DnsSlot::Ttl, DnsSlot::Ptr]
            .into_iter()
            .any(|p| f.focus == slot(p));
        let style = if erring {
            r.theme.fg(r.theme.error).add_modifier(Modifier::BOLD)
        } else if focused {
            r.theme.fg(r.theme.accent)
        } else {
            r.theme.fg(r.theme.muted)
        };
        let marker = if focused && f.picker.is_none() {
            "▸"
        } else {
            " "
        };
        r.push(format!("{marker}   #{:<w$}", row + 1, w = LABEL - 5), style);
        r.muted("fqdn ");
        r.input(&input.fqdn, 24, slot(DnsSlot::Fqdn), "name or name.zone.");
        r.muted("  zone ");
        let zone = if input.zone_id.is_empty() {
            "(none)".to_string()
        } else {
            f.ctx
                .dns_zones
                .get(&input.zone_id)
                .cloned()
                .unwrap_or_else(|| input.zone_id.clone())
        };
        r.part(zone, slot(DnsSlot::Zone));
        r.muted("  ttl ");
        r.input(&input.ttl, 6, slot(DnsSlot::Ttl), "auto");
        r.muted("  ");
        r.part(
            format!("[{}] PTR", if input.ptr { "x" } else { " " }),
            slot(DnsSlot::Ptr),
        );
        r.end();
        for part in [DnsPart::Fqdn, DnsPart::Zone, DnsPart::Ttl] {
            r.errors(field(part));
        }
    }
}

pub fn render(form: &AttachForm, theme: &Theme, keymap: &Keymap, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let title = match form.purpose {
        Purpose::Attach => format!(" attach a network interface to {} ", form.instance.name),
        Purpose::PublicIp { index } => format!(
            " add a public IP to interface {index} of {} ",
            form.instance.name
        ),
        Purpose::Edit { index } => {
            format!(" edit network interface {index} of {} ", form.instance.name)
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(Span::styled(
            shown(&title),
            theme.fg(theme.accent).add_modifier(Modifier::BOLD),
        ))
        .style(theme.base());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Stage::Review { request, scroll } = &form.stage {
        let view = attach_review::Review {
            form,
            request,
            scroll: *scroll,
            keymap,
        };
        attach_review::render(&view, theme, frame, inner);
        return;
    }
    let mut r = Rows {
        form,
        theme,
        keymap,
        out: Vec::new(),
        spans: Vec::new(),
        width: 0,
        inputs: Vec::new(),
        focused: false,
    };
    attach_preflight::preflight(&mut r);
    fields(&mut r);
    let rows = r.out;
    let height = usize::from(inner.height);
    let focus_at = rows.iter().position(|row| row.focused).unwrap_or(0);
    let offset = (focus_at + 2).saturating_sub(height);
    for (n, row) in rows.iter().skip(offset).take(height).enumerate() {
        let y = inner.y + n as u16;
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        frame.render_widget(Paragraph::new(row.line.clone()), line_area);
        for (x, width, input) in &row.inputs {
            let x = inner.x.saturating_add(*x);
            if x >= inner.right() {
                continue;
            }
            let width = (*width).min(inner.right() - x);
            frame.render_widget(input, Rect::new(x, y, width, 1));
        }
    }
    if form.picker.is_some() {
        attach_picker::render(form, theme, keymap, frame, inner);
    }
}
