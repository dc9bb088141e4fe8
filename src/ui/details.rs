//! The details screen: every `Instance` field grouped, the network interfaces table, a
//! topology drawing and the instance's operation history.

use ratatui::{
    Frame,
    layout::Rect,
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph},
};

use super::format::{memory, shown, timestamp};
use crate::{
    api::proto::yandex::cloud::compute::v1::{AttachedDisk, Instance, MetadataOption},
    app::{
        Model,
        details::DetailsData,
        instances::{Row, Strings, ipv4_text},
    },
    theme::Theme,
};

struct Lines<'t> {
    theme: &'t Theme,
    out: Vec<Line<'static>>,
}

impl Lines<'_> {
    fn section(&mut self, title: &str) {
        self.out.push(Line::default());
        self.out.push(Line::styled(
            title.to_string(),
            Style::new()
                .fg(self.theme.accent)
                .add_modifier(Modifier::BOLD),
        ));
    }

    fn field(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        let value = if value.is_empty() {
            "-".to_string()
        } else {
            shown(&value)
        };
        self.out.push(Line::from(vec![
            Span::styled(format!("  {key:<22}"), self.theme.fg(self.theme.muted)),
            Span::styled(value, self.theme.fg(self.theme.text)),
        ]));
    }

    fn text(&mut self, text: String) {
        self.out
            .push(Line::styled(shown(&text), self.theme.fg(self.theme.text)));
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

fn network(l: &mut Lines, i: &Instance, data: Option<&DetailsData>, selected: usize) {
    l.section("Network interfaces ([ ] select, D detach, a attach)");
    let mut rows = vec![
        [
            "IDX",
            "SUBNET (CIDR)",
            "IPV4",
            "NAT IPV4",
            "DNS",
            "SECURITY GROUPS",
            "MAC",
        ]
        .map(String::from),
    ];
    for nic in &i.network_interfaces {
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
        rows.push([
            nic.index.clone(),
            subnet_label,
            v4.address,
            nat.address,
            dns.join(","),
            groups.join(","),
            nic.mac_address.clone(),
        ]);
    }
    // Columns as wide as their widest cell, so long subnet names never shift the rest.
    let rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    for (n, line) in crate::text_table::align(&rows).into_iter().enumerate() {
        let marker = if n > 0 && n - 1 == selected {
            "▸"
        } else {
            " "
        };
        l.text(format!("{marker} {line}"));
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

pub fn render(model: &Model, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(details) = &model.details else {
        return;
    };
    let data = details.data.as_deref();
    let instance = data.map(|d| &d.instance);
    // Until the full instance arrives, what the list knows of it.
    let row = model.instances.find(&details.instance_id);
    let mut l = Lines {
        theme,
        out: Vec::new(),
    };
    if let Some(e) = &details.error {
        l.out.push(Line::styled(
            format!(" could not load: {}", shown(&e.summary())),
            theme.fg(theme.error),
        ));
    } else if data.is_none() {
        l.out.push(Line::styled(" loading…", theme.fg(theme.muted)));
    }
    if let (None, Some(row)) = (instance, row) {
        known(&mut l, row, &model.instances.strings);
    }
    if let Some(i) = instance {
        general(&mut l, i);
        network(&mut l, i, data, details.nic);
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
            l.out.push(Line::styled(
                format!("  ! {}", shown(w)),
                theme.fg(theme.warning),
            ));
        }
    }
    let title = shown(&match (instance, row) {
        (Some(i), _) => format!(" {} ", i.name),
        (None, Some(row)) => format!(" {} ", row.name),
        (None, None) => format!(" {} ", details.instance_id),
    });
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.fg(theme.accent))
        .title(title);
    frame.render_widget(
        Paragraph::new(l.out)
            .block(block)
            .style(theme.base())
            .scroll((details.scroll, 0)),
        area,
    );
}
