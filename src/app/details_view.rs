//! The details screen's text, laid out for a width: every `Instance` field grouped (long values
//! wrapped), the network interfaces as a table, or one block per interface when the table is
//! wider than the screen, a topology drawing and the operation history. `update()` counts its
//! lines to bound scrolling; `ui/details.rs` draws it.

use super::{
    Model,
    details::DetailsData,
    doc::{DocLine, Tone},
    instances::{Row, Strings, ipv4_text},
    units::{memory, timestamp},
};
use crate::{
    api::proto::yandex::cloud::compute::v1::{AttachedDisk, Instance, MetadataOption},
    safe_text::visible,
    text_wrap::wrap,
};

/// Columns of a field's name ("  name" padded).
const KEY_WIDTH: usize = 24;
/// Rows one value wraps to at most; a longer one ends with `…`.
const VALUE_ROWS: usize = 12;

struct Lines {
    /// Columns inside the pane's borders.
    width: usize,
    out: Vec<DocLine>,
}

impl Lines {
    fn section(&mut self, title: &str) {
        self.out.push(DocLine::default());
        self.out.push(DocLine::new(Tone::Heading, title));
    }

    /// `key  value`, the value wrapped under itself when it is too long.
    fn field(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        let value = if value.is_empty() {
            "-".to_string()
        } else {
            visible(&value).into_owned()
        };
        let room = self.width.saturating_sub(KEY_WIDTH).max(16);
        let mut parts = wrap(&value, room);
        if parts.len() > VALUE_ROWS {
            parts.truncate(VALUE_ROWS);
            if let Some(last) = parts.last_mut() {
                last.pop();
                last.push('…');
            }
        }
        for (n, part) in parts.into_iter().enumerate() {
            let key = if n == 0 { key } else { "" };
            self.out
                .push(DocLine::new(Tone::Muted, format!("  {key:<22}")).push(Tone::Text, part));
        }
    }

    fn text(&mut self, text: String) {
        self.out
            .push(DocLine::new(Tone::Text, visible(&text).into_owned()));
    }
}

fn option(v: i32) -> String {
    MetadataOption::try_from(v)
        .map_or("?", |o| o.as_str_name())
        .to_string()
}

fn disk(d: &AttachedDisk) -> String {
    format!(
        "{} device {} mode {}{}",
        d.disk_id,
        d.device_name,
        d.mode().as_str_name(),
        if d.auto_delete { " auto-delete" } else { "" }
    )
}

/// The list's row of an instance whose details are still loading.
fn known(l: &mut Lines, row: &Row, strings: &Strings) {
    l.section("General");
    l.field("name", &row.name);
    l.field("id", &row.id);
    l.field("status", row.status().as_str_name());
    l.field("zone", strings.get(row.zone));
    l.field("platform", strings.get(row.platform));
    l.field("internal IPv4", ipv4_text(row.ip));
    l.field("public IPv4", ipv4_text(row.public_ip));
}

fn general(l: &mut Lines, i: &Instance) {
    l.section("General");
    l.field("name", &i.name);
    l.field("id", &i.id);
    l.field("folder", &i.folder_id);
    l.field("description", &i.description);
    l.field("status", i.status().as_str_name());
    l.field("zone", &i.zone_id);
    l.field("created", timestamp(i.created_at));
    l.field("fqdn", &i.fqdn);
    l.field("service account", &i.service_account_id);
    let mut labels: Vec<_> = i.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    labels.sort();
    l.field("labels", labels.join(", "));
    l.section("Resources");
    let r = i.resources.unwrap_or_default();
    l.field("platform", &i.platform_id);
    l.field(
        "vCPU",
        format!("{} ({}% guaranteed)", r.cores, r.core_fraction),
    );
    l.field("memory", memory(r.memory));
    l.field("GPUs", r.gpus.to_string());
    if let Some(g) = &i.gpu_settings {
        l.field("GPU cluster", &g.gpu_cluster_id);
    }
    l.section("Disks");
    l.field(
        "boot disk",
        i.boot_disk.as_ref().map(disk).unwrap_or_default(),
    );
    for d in &i.secondary_disks {
        l.field("secondary disk", disk(d));
    }
    for d in &i.local_disks {
        l.field("local disk", format!("{} {} bytes", d.device_name, d.size));
    }
    for f in &i.filesystems {
        l.field(
            "filesystem",
            format!("{} device {}", f.filesystem_id, f.device_name),
        );
    }
}

const NIC_HEADINGS: [&str; 7] = [
    "IDX",
    "SUBNET (CIDR)",
    "IPV4",
    "NAT IPV4",
    "DNS",
    "SECURITY GROUPS",
    "MAC",
];

/// The same values' names when each interface is a block of fields (narrow screens).
const NIC_FIELDS: [&str; 7] = [
    "index",
    "subnet",
    "IPv4",
    "public IPv4 (NAT)",
    "DNS records",
    "security groups",
    "MAC",
];

/// One interface's cells, in `NIC_HEADINGS` order.
fn nic_cells(
    nic: &crate::api::proto::yandex::cloud::compute::v1::NetworkInterface,
    data: Option<&DetailsData>,
) -> [String; 7] {
    let subnet = data.and_then(|d| d.subnets.get(&nic.subnet_id));
    let subnet_label = match subnet {
        Some(s) => format!("{} ({})", s.name, s.v4_cidr_blocks.join(",")),
        None => nic.subnet_id.clone(),
    };
    let v4 = nic.primary_v4_address.clone().unwrap_or_default();
    let nat = v4.one_to_one_nat.clone().unwrap_or_default();
    let dns: Vec<String> = v4
        .dns_records
        .iter()
        .chain(&nat.dns_records)
        .map(|r| r.fqdn.clone())
        .collect();
    let groups: Vec<String> = nic
        .security_group_ids
        .iter()
        .map(|g| {
            data.and_then(|d| d.security_groups.get(g))
                .cloned()
                .unwrap_or_else(|| g.clone())
        })
        .collect();
    [
        nic.index.clone(),
        subnet_label,
        v4.address,
        nat.address,
        dns.join(", "),
        groups.join(", "),
        nic.mac_address.clone(),
    ]
}

fn network(
    l: &mut Lines,
    model: &Model,
    i: &Instance,
    data: Option<&DetailsData>,
    selected: usize,
) {
    l.section(&model.keymap.describe(
        "Network interfaces ({nic_prev} {nic_next} select, {edit_nic} edit, {detach} detach, \
         {attach} attach)",
    ));
    let cells: Vec<[String; 7]> = i
        .network_interfaces
        .iter()
        .map(|nic| nic_cells(nic, data))
        .collect();
    let mut rows = vec![NIC_HEADINGS.map(String::from).to_vec()];
    rows.extend(cells.iter().map(|c| c.to_vec()));
    // Columns as wide as their widest cell, so long subnet names never shift the rest.
    let table = crate::text_table::align(&rows);
    let fits = table
        .iter()
        .all(|line| unicode_width::UnicodeWidthStr::width(line.as_str()) + 2 <= l.width);
    let marker = |n: usize| if n == selected { "▸" } else { " " };
    if fits {
        for (n, line) in table.into_iter().enumerate() {
            let mark = if n == 0 { " " } else { marker(n - 1) };
            l.text(format!("{mark} {line}"));
        }
    } else {
        // Too narrow for the table: one block per interface, every value wrapped.
        for (n, c) in cells.iter().enumerate() {
            l.text(format!("{} interface {}", marker(n), c[0]));
            for (name, value) in NIC_FIELDS.iter().zip(c).skip(1) {
                l.field(name, value);
            }
        }
    }
    l.section("Topology");
    l.text(format!("  {} ({})", i.name, i.id));
    let count = i.network_interfaces.len();
    for (n, nic) in i.network_interfaces.iter().enumerate() {
        let (branch, pipe) = if n + 1 == count {
            ("└─", "   ")
        } else {
            ("├─", "│  ")
        };
        let ip = nic
            .primary_v4_address
            .as_ref()
            .map(|a| a.address.clone())
            .unwrap_or_default();
        l.text(format!("  {branch} eth{} {ip}", nic.index));
        let subnet = data.and_then(|d| d.subnets.get(&nic.subnet_id));
        let subnet_name = subnet.map_or(nic.subnet_id.clone(), |s| {
            format!("{} {}", s.name, s.v4_cidr_blocks.join(","))
        });
        l.text(format!("  {pipe}└─ subnet {subnet_name}"));
        if let Some(s) = subnet {
            let net = data
                .and_then(|d| d.networks.get(&s.network_id))
                .map_or(s.network_id.clone(), |n| n.name.clone());
            l.text(format!("  {pipe}   └─ network {net}"));
        }
    }
}

fn settings(l: &mut Lines, i: &Instance) {
    l.section("Metadata options");
    let m = i.metadata_options.unwrap_or_default();
    l.field("gce http endpoint", option(m.gce_http_endpoint));
    l.field("gce http token", option(m.gce_http_token));
    l.field("aws v1 http endpoint", option(m.aws_v1_http_endpoint));
    l.field("aws v1 http token", option(m.aws_v1_http_token));
    let mut keys: Vec<&String> = i.metadata.keys().collect();
    keys.sort();
    let keys: Vec<String> = keys.into_iter().map(|k| format!("{k}=(hidden)")).collect();
    l.field("metadata keys", keys.join(", "));
    l.section("Scheduling");
    let preemptible = i.scheduling_policy.as_ref().is_some_and(|s| s.preemptible);
    l.field("preemptible", preemptible.to_string());
    l.field(
        "network acceleration",
        i.network_settings
            .as_ref()
            .map(|n| n.r#type().as_str_name())
            .unwrap_or_default(),
    );
    l.field("maintenance policy", i.maintenance_policy().as_str_name());
    l.field(
        "serial port ssh",
        i.serial_port_settings
            .as_ref()
            .map(|s| s.ssh_authorization().as_str_name())
            .unwrap_or_default(),
    );
    l.section("Placement");
    let p = i.placement_policy.clone().unwrap_or_default();
    l.field("placement group", &p.placement_group_id);
    l.field("partition", p.placement_group_partition.to_string());
    for rule in &p.host_affinity_rules {
        l.field(
            "host affinity",
            format!(
                "{} {} {}",
                rule.key,
                rule.op().as_str_name(),
                rule.values.join(",")
            ),
        );
    }
    l.field("host group", &i.host_group_id);
    l.field("host", &i.host_id);
    l.field("reserved pool", &i.reserved_instance_pool_id);
}

/// The details pane's lines for a pane `width` columns wide inside its borders.
pub fn lines(model: &Model, width: u16) -> Vec<DocLine> {
    let mut l = Lines {
        width: usize::from(width),
        out: Vec::new(),
    };
    let Some(details) = &model.details else {
        return l.out;
    };
    let data = details.data.as_deref();
    let instance = data.map(|d| &d.instance);
    // Until the full instance arrives, what the list knows of it.
    let row = model.instances.find(&details.instance_id);
    if let Some(e) = &details.error {
        let text = format!(" could not load: {}", visible(&e.summary()));
        for part in wrap(&text, l.width) {
            l.out.push(DocLine::new(Tone::Error, part));
        }
    } else if data.is_none() {
        l.out.push(DocLine::new(Tone::Muted, " loading…"));
    }
    if let (None, Some(row)) = (instance, row) {
        known(&mut l, row, &model.instances.strings);
    }
    if let Some(i) = instance {
        general(&mut l, i);
        network(&mut l, model, i, data, details.nic);
        settings(&mut l, i);
    }
    if let Some(d) = data {
        l.section("Operation history");
        for op in &d.operations {
            l.text(format!(
                "  {}  {:<28} {:<22} {}",
                timestamp(op.created_at),
                op.description,
                op.state.label(),
                op.id
            ));
        }
        for w in &d.warnings {
            for part in wrap(&format!("  ! {}", visible(w)), l.width) {
                l.out.push(DocLine::new(Tone::Warning, part));
            }
        }
    }
    l.out
}

/// The details pane's rows and inner width at the current terminal size.
pub fn pane(model: &Model) -> (u16, u16) {
    let body = super::geometry::areas(super::geometry::screen(model), model).body;
    (body.height.saturating_sub(2), body.width.saturating_sub(2))
}

/// How far the details can scroll now: until the last line shows at the bottom.
pub fn max_scroll(model: &Model) -> u16 {
    let (rows, width) = pane(model);
    super::doc::max_scroll(lines(model, width).len(), rows)
}
