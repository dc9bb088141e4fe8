//! Previews of an attach request: its proto3 JSON as the API reference shows it, and the
//! equivalent `yc` command with notes on what the command cannot express.

use serde::Serialize;
use serde_json::Value;

use super::yc_command::YcCommand;

use crate::api::proto::yandex::cloud::compute::v1::{
    AttachInstanceNetworkInterfaceRequest, DnsRecordSpec, IpVersion, OneToOneNatSpec,
    PrimaryAddressSpec,
};

/// The JSON of an attach request, and of an update request (which adds its `update_mask`).
#[derive(Serialize)]
pub(super) struct RequestJson<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    pub instance_id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub network_interface_index: &'a str,
    /// Updates only: a FieldMask is a string of comma-separated paths in JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_mask: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub subnet_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_v4_address_spec: Option<AddressJson<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub security_group_ids: &'a [String],
}

#[derive(Serialize)]
pub(super) struct AddressJson<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    one_to_one_nat_spec: Option<NatJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dns_record_specs: Vec<DnsJson<'a>>,
}

#[derive(Serialize)]
pub(super) struct NatJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_version: Option<Value>,
    #[serde(skip_serializing_if = "str::is_empty")]
    address: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dns_record_specs: Vec<DnsJson<'a>>,
}

#[derive(Serialize)]
struct DnsJson<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    fqdn: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    dns_zone_id: &'a str,
    /// int64 is a JSON string in proto3 JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    ttl: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ptr: bool,
}

fn dns_json(specs: &[DnsRecordSpec]) -> Vec<DnsJson<'_>> {
    specs
        .iter()
        .map(|d| DnsJson {
            fqdn: &d.fqdn,
            dns_zone_id: &d.dns_zone_id,
            ttl: (d.ttl != 0).then(|| d.ttl.to_string()),
            ptr: d.ptr,
        })
        .collect()
}

/// The enum's name, or its number when the value is not one this build knows.
fn ip_version_json(v: i32) -> Option<Value> {
    match IpVersion::try_from(v) {
        Ok(IpVersion::Unspecified) => None,
        Ok(known) => Some(Value::from(known.as_str_name())),
        Err(_) => Some(Value::from(v)),
    }
}

pub(super) fn nat_json(n: &OneToOneNatSpec) -> NatJson<'_> {
    NatJson {
        ip_version: ip_version_json(n.ip_version),
        address: &n.address,
        dns_record_specs: dns_json(&n.dns_record_specs),
    }
}

pub(super) fn address_json(a: &PrimaryAddressSpec) -> AddressJson<'_> {
    AddressJson {
        address: &a.address,
        one_to_one_nat_spec: a.one_to_one_nat_spec.as_ref().map(nat_json),
        dns_record_specs: dns_json(&a.dns_record_specs),
    }
}

/// The request as pretty proto3 JSON with the API's snake_case field names, in the API's
/// field order; empty and default fields are omitted and int64 values are strings.
pub fn request_json(req: &AttachInstanceNetworkInterfaceRequest) -> String {
    let json = RequestJson {
        instance_id: &req.instance_id,
        network_interface_index: &req.network_interface_index,
        update_mask: None,
        subnet_id: &req.subnet_id,
        primary_v4_address_spec: req.primary_v4_address_spec.as_ref().map(address_json),
        security_group_ids: &req.security_group_ids,
    };
    // Serializing these plain structs cannot fail; fall back to compact output just in case.
    serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Quotes `arg` for a POSIX shell when it holds anything beyond a safe set of characters.
pub fn shell_quote(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The equivalent `yc compute instance attach-network-interface` command line, and notes on
/// what the request holds that the command cannot express.
pub fn yc_command(req: &AttachInstanceNetworkInterfaceRequest) -> (String, Vec<String>) {
    let (command, notes) = yc_attach(req);
    (command.line(), notes)
}

/// The attach command as words (one line or wrapped), and its notes.
pub fn yc_attach(req: &AttachInstanceNetworkInterfaceRequest) -> (YcCommand, Vec<String>) {
    let mut c = YcCommand::new("attach-network-interface");
    c.flag("--id", &req.instance_id);
    c.flag("--network-interface-index", &req.network_interface_index);
    c.flag("--subnet-id", &req.subnet_id);
    let mut dns_records = 0;
    if let Some(spec) = &req.primary_v4_address_spec {
        let address = if spec.address.is_empty() {
            "auto"
        } else {
            &spec.address
        };
        c.flag("--ipv4-address", address);
        dns_records += spec.dns_record_specs.len();
        if let Some(nat) = &spec.one_to_one_nat_spec {
            let version = if nat.ip_version == IpVersion::Ipv6 as i32 {
                "ipv6"
            } else {
                "ipv4"
            };
            c.flag("--nat-ip-version", version);
            if !nat.address.is_empty() {
                c.flag("--nat-address", &nat.address);
            }
            dns_records += nat.dns_record_specs.len();
        }
    }
    for group in &req.security_group_ids {
        c.flag("--security-group-id", group);
    }
    let mut notes = Vec::new();
    if dns_records > 0 {
        notes.push(format!(
            "the yc CLI has no flags for DNS records; {dns_records} record(s) not expressed"
        ));
    }
    (c, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> AttachInstanceNetworkInterfaceRequest {
        let dns = |fqdn: &str, ttl, ptr| DnsRecordSpec {
            fqdn: fqdn.into(),
            dns_zone_id: "zone-1".into(),
            ttl,
            ptr,
        };
        AttachInstanceNetworkInterfaceRequest {
            instance_id: "inst-1".into(),
            network_interface_index: "1".into(),
            subnet_id: "subnet-a".into(),
            primary_v4_address_spec: Some(PrimaryAddressSpec {
                address: "10.128.0.4".into(),
                one_to_one_nat_spec: Some(OneToOneNatSpec {
                    ip_version: IpVersion::Ipv4 as i32,
                    address: "203.0.113.10".into(),
                    dns_record_specs: vec![dns("pub", 0, false)],
                }),
                dns_record_specs: vec![dns("vm", 600, true)],
            }),
            security_group_ids: vec!["sg-1".into(), "sg-2".into()],
        }
    }

    #[test]
    fn json_has_api_names_order_and_string_int64() {
        let expected = r#"{
  "instance_id": "inst-1",
  "network_interface_index": "1",
  "subnet_id": "subnet-a",
  "primary_v4_address_spec": {
    "address": "10.128.0.4",
    "one_to_one_nat_spec": {
      "ip_version": "IPV4",
      "address": "203.0.113.10",
      "dns_record_specs": [
        {
          "fqdn": "pub",
          "dns_zone_id": "zone-1"
        }
      ]
    },
    "dns_record_specs": [
      {
        "fqdn": "vm",
        "dns_zone_id": "zone-1",
        "ttl": "600",
        "ptr": true
      }
    ]
  },
  "security_group_ids": [
    "sg-1",
    "sg-2"
  ]
}"#;
        assert_eq!(request_json(&full()), expected);
    }

    #[test]
    fn json_omits_empty_fields() {
        let req = AttachInstanceNetworkInterfaceRequest {
            instance_id: "i".into(),
            network_interface_index: "0".into(),
            primary_v4_address_spec: Some(PrimaryAddressSpec::default()),
            ..Default::default()
        };
        let expected = "{\n  \"instance_id\": \"i\",\n  \"network_interface_index\": \"0\",\n  \"primary_v4_address_spec\": {}\n}";
        assert_eq!(request_json(&req), expected);
        assert_eq!(request_json(&Default::default()), "{}");
        assert_eq!(ip_version_json(0), None);
        assert_eq!(ip_version_json(42), Some(Value::from(42)));
    }

    #[test]
    fn yc_command_with_dns_note() {
        let (cmd, notes) = yc_command(&full());
        assert_eq!(
            cmd,
            "yc compute instance attach-network-interface --id inst-1 --network-interface-index 1 \
             --subnet-id subnet-a --ipv4-address 10.128.0.4 --nat-ip-version ipv4 \
             --nat-address 203.0.113.10 --security-group-id sg-1 --security-group-id sg-2"
        );
        assert_eq!(
            notes,
            vec!["the yc CLI has no flags for DNS records; 2 record(s) not expressed".to_string()]
        );
    }

    #[test]
    fn yc_command_auto_address_ephemeral_nat_and_quoting() {
        let req = AttachInstanceNetworkInterfaceRequest {
            instance_id: "it's here".into(),
            network_interface_index: "2".into(),
            subnet_id: String::new(),
            primary_v4_address_spec: Some(PrimaryAddressSpec {
                one_to_one_nat_spec: Some(OneToOneNatSpec::default()),
                ..Default::default()
            }),
            security_group_ids: vec![],
        };
        let (cmd, notes) = yc_command(&req);
        assert_eq!(
            cmd,
            "yc compute instance attach-network-interface --id 'it'\\''s here' \
             --network-interface-index 2 --subnet-id '' --ipv4-address auto --nat-ip-version ipv4"
        );
        assert!(notes.is_empty());
    }
}
