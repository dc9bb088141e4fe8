//! An instance's network interfaces as a plain-text table, for `attach --wait` and `detach --wait`.

use crate::api::proto::yandex::cloud::compute::v1::{DnsRecord, Instance, NetworkInterface};
use crate::text_table as table;

/// One row per interface: index, subnet, IPv4, NAT, DNS records, security groups, MAC.
pub fn render(instance: &Instance) -> String {
    let rows: Vec<Vec<String>> = instance.network_interfaces.iter().map(row).collect();
    table::render(
        &[
            "INDEX",
            "SUBNET",
            "IPV4",
            "NAT",
            "DNS",
            "SECURITY GROUPS",
            "MAC",
        ],
        &rows,
    )
}

fn row(nic: &NetworkInterface) -> Vec<String> {
    let v4 = nic.primary_v4_address.as_ref();
    let nat = v4.and_then(|a| a.one_to_one_nat.as_ref());
    let mut dns: Vec<String> = v4
        .map(|a| a.dns_records.iter().map(record).collect())
        .unwrap_or_default();
    dns.extend(
        nat.iter()
            .flat_map(|n| &n.dns_records)
            .map(|r| format!("{} (nat)", record(r))),
    );
    vec![
        nic.index.clone(),
        nic.subnet_id.clone(),
        v4.map(|a| a.address.clone()).unwrap_or_default(),
        nat.map(|n| n.address.clone()).unwrap_or_default(),
        dns.join(", "),
        nic.security_group_ids.join(","),
        nic.mac_address.clone(),
    ]
}

/// `fqdn`, with ` ptr` when a PTR record goes with it.
fn record(r: &DnsRecord) -> String {
    if r.ptr {
        format!("{} ptr", r.fqdn)
    } else {
        r.fqdn.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{OneToOneNat, PrimaryAddress};

    #[test]
    fn renders_every_column() {
        let dns = |fqdn: &str, ptr| DnsRecord {
            fqdn: fqdn.into(),
            ptr,
            ..Default::default()
        };
        let instance = Instance {
            network_interfaces: vec![NetworkInterface {
                index: "1".into(),
                mac_address: "d0:0d:1:2".into(),
                subnet_id: "e9b".into(),
                primary_v4_address: Some(PrimaryAddress {
                    address: "10.128.0.9".into(),
                    one_to_one_nat: Some(OneToOneNat {
                        address: "84.201.130.12".into(),
                        dns_records: vec![dns("pub.example.com.", true)],
                        ..Default::default()
                    }),
                    dns_records: vec![dns("vm.internal.", false)],
                }),
                primary_v6_address: None,
                security_group_ids: vec!["sg1".into(), "sg2".into()],
            }],
            ..Default::default()
        };
        let out = render(&instance);
        let mut lines = out.lines();
        assert!(
            lines
                .next()
                .unwrap_or_default()
                .starts_with("INDEX  SUBNET")
        );
        let line = lines.next().unwrap_or_default();
        for cell in [
            "1",
            "e9b",
            "10.128.0.9",
            "84.201.130.12",
            "vm.internal., pub.example.com. ptr (nat)",
            "sg1,sg2",
            "d0:0d:1:2",
        ] {
            assert!(line.contains(cell), "{line}");
        }
    }

    #[test]
    fn thousands_of_long_records_and_escape_bytes_render_bounded() {
        let records: Vec<DnsRecord> = (0..3000)
            .map(|n| DnsRecord {
                fqdn: format!("{}-{n}\u{1b}]0;x\u{7}.example.", "a".repeat(60)),
                ..Default::default()
            })
            .collect();
        let instance = Instance {
            name: "web\u{1b}[2J".into(),
            network_interfaces: vec![NetworkInterface {
                index: "0".into(),
                primary_v4_address: Some(PrimaryAddress {
                    address: "10.0.0.1".into(),
                    dns_records: records,
                    ..Default::default()
                }),
                ..Default::default()
            }],
            ..Default::default()
        };
        let out = render(&instance);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'));
        let row = out.lines().nth(1).unwrap_or_default();
        assert!(row.contains("…"), "{row}");
        assert!(row.chars().count() < 7 * (crate::text_table::MAX_CELL_WIDTH + 2));
        let json = super::super::instances::format_one(&instance, crate::cli::Format::Json);
        assert!(!json.contains('\u{1b}') && json.contains("\\u001b"));
    }
}
