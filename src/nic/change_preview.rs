//! Previews of the update-network-interface and add/remove-one-to-one-NAT requests: their JSON
//! with the API's field names, and the equivalent `yc` command with notes on what it cannot say.

use serde::Serialize;

use crate::api::json::escape_controls;
use crate::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatRequest, DnsRecordSpec, RemoveInstanceOneToOneNatRequest,
    UpdateInstanceNetworkInterfaceRequest,
};

use super::preview::{NatJson, RequestJson, address_json, nat_json};
use super::update::{PATH_ADDRESS, PATH_GROUPS, PATH_SUBNET, paths};
use super::yc_command::YcCommand;

#[derive(Serialize)]
struct NatRequestJson<'a> {
    instance_id: &'a str,
    network_interface_index: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    internal_address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    one_to_one_nat_spec: Option<NatJson<'a>>,
}

/// Pretty JSON of a preview struct, control characters escaped as in every JSON ycdash prints.
fn pretty(value: &impl Serialize) -> String {
    let text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    escape_controls(&text)
}

/// The update request as JSON in the API's field order, like the attach preview; `update_mask`
/// reads as the API's comma-separated snake_case paths.
pub fn update_json(req: &UpdateInstanceNetworkInterfaceRequest) -> String {
    pretty(&RequestJson {
        instance_id: &req.instance_id,
        network_interface_index: &req.network_interface_index,
        update_mask: Some(
            req.update_mask
                .as_ref()
                .map(|m| m.paths.join(","))
                .unwrap_or_default(),
        ),
        subnet_id: &req.subnet_id,
        primary_v4_address_spec: req.primary_v4_address_spec.as_ref().map(address_json),
        security_group_ids: &req.security_group_ids,
    })
}

/// The AddOneToOneNat request as JSON.
pub fn add_nat_json(req: &AddInstanceOneToOneNatRequest) -> String {
    pretty(&NatRequestJson {
        instance_id: &req.instance_id,
        network_interface_index: &req.network_interface_index,
        internal_address: &req.internal_address,
        one_to_one_nat_spec: req.one_to_one_nat_spec.as_ref().map(nat_json),
    })
}

/// The RemoveOneToOneNat request as JSON.
pub fn remove_nat_json(req: &RemoveInstanceOneToOneNatRequest) -> String {
    pretty(&NatRequestJson {
        instance_id: &req.instance_id,
        network_interface_index: &req.network_interface_index,
        internal_address: &req.internal_address,
        one_to_one_nat_spec: None,
    })
}

/// `yc compute instance <verb> --id ID --network-interface-index N`.
fn command(verb: &str, instance_id: &str, index: &str) -> YcCommand {
    let mut c = YcCommand::new(verb);
    c.flag("--id", instance_id);
    c.flag("--network-interface-index", index);
    c
}

fn dns_note(specs: &[DnsRecordSpec]) -> Vec<String> {
    if specs.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "the yc CLI has no flags for DNS records; {} record(s) not expressed",
        specs.len()
    )]
}

/// `yc compute instance update-network-interface ...` on one line, and what it cannot express.
pub fn update_yc(req: &UpdateInstanceNetworkInterfaceRequest) -> (String, Vec<String>) {
    let (command, notes) = update_command(req);
    (command.line(), notes)
}

/// The update command as words (one line or wrapped), and what it cannot express.
pub fn update_command(req: &UpdateInstanceNetworkInterfaceRequest) -> (YcCommand, Vec<String>) {
    let mut c = command(
        "update-network-interface",
        &req.instance_id,
        &req.network_interface_index,
    );
    let paths = paths(req);
    if paths.contains(PATH_SUBNET) {
        c.flag("--subnet-id", &req.subnet_id);
    }
    let spec = req.primary_v4_address_spec.clone().unwrap_or_default();
    if paths.contains(PATH_ADDRESS) {
        let address = if spec.address.is_empty() {
            "auto"
        } else {
            &spec.address
        };
        c.flag("--ipv4-address", address);
    }
    if paths.contains(PATH_GROUPS) {
        for group in &req.security_group_ids {
            c.flag("--security-group-id", group);
        }
    }
    let mut notes = dns_note(&spec.dns_record_specs);
    if paths.contains(super::update::PATH_DNS) && spec.dns_record_specs.is_empty() {
        notes.push("the yc CLI cannot remove DNS records; this request removes them all".into());
    }
    (c, notes)
}

/// `yc compute instance add-one-to-one-nat ...` and what it cannot express.
pub fn add_nat_yc(req: &AddInstanceOneToOneNatRequest) -> (String, Vec<String>) {
    let mut c = command(
        "add-one-to-one-nat",
        &req.instance_id,
        &req.network_interface_index,
    );
    let spec = req.one_to_one_nat_spec.clone().unwrap_or_default();
    if !spec.address.is_empty() {
        c.flag("--nat-address", &spec.address);
    }
    (c.line(), dns_note(&spec.dns_record_specs))
}

/// `yc compute instance remove-one-to-one-nat ...`.
pub fn remove_nat_yc(req: &RemoveInstanceOneToOneNatRequest) -> String {
    command(
        "remove-one-to-one-nat",
        &req.instance_id,
        &req.network_interface_index,
    )
    .line()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{OneToOneNatSpec, PrimaryAddressSpec};

    fn update() -> UpdateInstanceNetworkInterfaceRequest {
        UpdateInstanceNetworkInterfaceRequest {
            instance_id: "fhm1".into(),
            network_interface_index: "1".into(),
            update_mask: Some(prost_types::FieldMask {
                paths: vec![PATH_GROUPS.into(), PATH_SUBNET.into(), PATH_ADDRESS.into()],
            }),
            subnet_id: "e9b1".into(),
            primary_v4_address_spec: Some(PrimaryAddressSpec {
                address: "10.0.0.9".into(),
                ..Default::default()
            }),
            security_group_ids: vec!["sg-1".into(), "sg 2".into()],
        }
    }

    #[test]
    fn update_json_has_api_names_order_and_a_snake_case_mask() {
        let text = update_json(&update());
        let order = [
            "instance_id",
            "network_interface_index",
            "update_mask",
            "subnet_id",
            "primary_v4_address_spec",
            "security_group_ids",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|k| text.find(&format!("\"{k}\"")).expect(k))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            v["update_mask"],
            "security_group_ids,subnet_id,primary_v4_address_spec.address"
        );
        assert_eq!(v["network_interface_index"], "1");
        assert_eq!(v["primary_v4_address_spec"]["address"], "10.0.0.9");
        assert_eq!(v["security_group_ids"][1], "sg 2");
    }

    #[test]
    fn update_yc_lists_the_masked_fields_only() {
        let (line, notes) = update_yc(&update());
        assert_eq!(
            line,
            "yc compute instance update-network-interface --id fhm1 --network-interface-index 1 \
             --subnet-id e9b1 --ipv4-address 10.0.0.9 --security-group-id sg-1 --security-group-id 'sg 2'"
        );
        assert!(notes.is_empty());
        let mut groups_only = update();
        groups_only.update_mask = Some(prost_types::FieldMask {
            paths: vec![PATH_GROUPS.into()],
        });
        let (line, _) = update_yc(&groups_only);
        assert!(
            !line.contains("--subnet-id") && !line.contains("--ipv4-address"),
            "{line}"
        );
    }

    #[test]
    fn nat_commands() {
        let add = AddInstanceOneToOneNatRequest {
            instance_id: "fhm1".into(),
            network_interface_index: "0".into(),
            internal_address: String::new(),
            one_to_one_nat_spec: Some(OneToOneNatSpec {
                ip_version: 1,
                address: "203.0.113.10".into(),
                dns_record_specs: vec![DnsRecordSpec::default()],
            }),
        };
        let (line, notes) = add_nat_yc(&add);
        assert_eq!(
            line,
            "yc compute instance add-one-to-one-nat --id fhm1 --network-interface-index 0 --nat-address 203.0.113.10"
        );
        assert_eq!(notes.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&add_nat_json(&add)).expect("JSON");
        assert_eq!(v["one_to_one_nat_spec"]["ip_version"], "IPV4");
        assert_eq!(v["one_to_one_nat_spec"]["address"], "203.0.113.10");
        let remove = RemoveInstanceOneToOneNatRequest {
            instance_id: "fhm1".into(),
            network_interface_index: "0".into(),
            internal_address: String::new(),
        };
        assert_eq!(
            remove_nat_yc(&remove),
            "yc compute instance remove-one-to-one-nat --id fhm1 --network-interface-index 0"
        );
        assert_eq!(
            remove_nat_json(&remove),
            "{\n  \"instance_id\": \"fhm1\",\n  \"network_interface_index\": \"0\"\n}"
        );
    }
}
