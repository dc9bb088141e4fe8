//! The add/remove-one-to-one-NAT requests for an existing interface, refused up front when the
//! API would refuse them (no such interface, a public address already there or missing, an
//! instance neither RUNNING nor STOPPED); the address and DNS rows are checked like the attach
//! form's NAT fields.

use crate::api::proto::yandex::cloud::compute::v1::{
    AddInstanceOneToOneNatRequest, Instance, NetworkInterface, RemoveInstanceOneToOneNatRequest,
    instance,
};

use super::draft::{DnsRow, ValidationContext, check_nat};
use super::error::{Field, FieldError};
use super::fields::NatChoice;
use super::ipv4::parse_ipv4;
use super::update::current_nic;

/// Parses `nat add --address`: a static IPv4 address, or "ephemeral" (also "auto").
pub fn parse_nat_address(s: &str) -> Result<NatChoice, String> {
    match s {
        "ephemeral" | "auto" => Ok(NatChoice::Ephemeral),
        "" | "none" => Err("expected a static IPv4 address or ephemeral; to take a public address away use `ycdash nat remove`".into()),
        _ => parse_ipv4(s)
            .map(|_| NatChoice::Static(s.to_string()))
            .map_err(|e| format!("expected a static IPv4 address or ephemeral; {e}")),
    }
}

fn public_address(nic: &NetworkInterface) -> Option<&str> {
    nic.primary_v4_address
        .as_ref()?
        .one_to_one_nat
        .as_ref()
        .map(|n| n.address.as_str())
}

fn running_or_stopped(instance: &Instance) -> Result<(), String> {
    let status = instance::Status::try_from(instance.status).unwrap_or_default();
    match status {
        instance::Status::Running | instance::Status::Stopped => Ok(()),
        other => Err(format!(
            "instance {} is {}; a public address can be added or removed only when it is RUNNING or STOPPED",
            instance.id,
            other.as_str_name()
        )),
    }
}

/// Whether interface `index` can get a public address now.
pub fn check_add(instance: &Instance, index: u32) -> Result<(), String> {
    let nic = current_nic(instance, index)?;
    if let Some(address) = public_address(nic) {
        return Err(format!(
            "network interface {index} of instance {} already has the public address {address}; remove it first (ycdash nat remove --instance {} --index {index})",
            instance.id, instance.id
        ));
    }
    running_or_stopped(instance)
}

/// The AddOneToOneNat request: an ephemeral address (`NatChoice::Ephemeral`) or a static one,
/// with DNS records for it.
pub fn add_request(
    instance: &Instance,
    index: u32,
    nat: &NatChoice,
    dns: &[DnsRow],
    ctx: &ValidationContext,
) -> Result<AddInstanceOneToOneNatRequest, Vec<FieldError>> {
    Ok(AddInstanceOneToOneNatRequest {
        instance_id: instance.id.clone(),
        network_interface_index: index.to_string(),
        internal_address: String::new(),
        one_to_one_nat_spec: Some(check_nat(nat, dns, ctx)?),
    })
}

/// The RemoveOneToOneNat request, or why interface `index` has nothing to remove now.
pub fn remove_request(
    instance: &Instance,
    index: u32,
) -> Result<RemoveInstanceOneToOneNatRequest, String> {
    let nic = current_nic(instance, index)?;
    if public_address(nic).is_none() {
        return Err(format!(
            "network interface {index} of instance {} has no public address to remove",
            instance.id
        ));
    }
    running_or_stopped(instance)?;
    Ok(RemoveInstanceOneToOneNatRequest {
        instance_id: instance.id.clone(),
        network_interface_index: index.to_string(),
        internal_address: String::new(),
    })
}

/// How `nat add` names a rejected field: AddOneToOneNat's own path (the attach checks it shares
/// name the attach request's) and the flag that set it, e.g.
/// `one_to_one_nat_spec.dns_record_specs[0].fqdn (--dns #1): ...`.
pub fn nat_add_error_line(error: &FieldError) -> String {
    let path = error.field.api_name();
    let path = path
        .strip_prefix("primary_v4_address_spec.")
        .unwrap_or(&path);
    let flag = match error.field {
        Field::Nat | Field::NatAddress => "--address".to_string(),
        Field::Dns { row, .. } => format!("--dns #{}", row + 1),
        Field::Instance => "--instance".to_string(),
        Field::Index => "--index".to_string(),
        // The attach-only fields never come from the NAT checks.
        Field::Subnet | Field::Ipv4 | Field::SecurityGroups => String::new(),
    };
    if flag.is_empty() {
        format!("{path}: {}", error.message)
    } else {
        format!("{path} ({flag}): {}", error.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{OneToOneNat, PrimaryAddress};
    use crate::nic::error::Field;
    use std::net::Ipv4Addr;

    fn instance(status: instance::Status, nat: Option<&str>) -> Instance {
        Instance {
            id: "fhm1".into(),
            status: status as i32,
            network_interfaces: vec![NetworkInterface {
                index: "0".into(),
                primary_v4_address: Some(PrimaryAddress {
                    address: "10.0.0.5".into(),
                    one_to_one_nat: nat.map(|a| OneToOneNat {
                        address: a.into(),
                        ..Default::default()
                    }),
                    dns_records: vec![],
                }),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn address_flag() {
        assert_eq!(parse_nat_address("ephemeral"), Ok(NatChoice::Ephemeral));
        assert_eq!(
            parse_nat_address("203.0.113.10"),
            Ok(NatChoice::Static("203.0.113.10".into()))
        );
        assert!(
            parse_nat_address("none")
                .unwrap_err()
                .contains("nat remove")
        );
        assert!(
            parse_nat_address("203.0.113")
                .unwrap_err()
                .contains("octets")
        );
    }

    #[test]
    fn add_preflight() {
        use instance::Status::*;
        assert_eq!(check_add(&instance(Running, None), 0), Ok(()));
        assert_eq!(check_add(&instance(Stopped, None), 0), Ok(()));
        let cases = [
            (
                instance(Running, Some("1.2.3.4")),
                0,
                "already has the public address 1.2.3.4; remove it first",
            ),
            (
                instance(Running, None),
                1,
                "has no network interface 1; its interfaces are: 0",
            ),
            (instance(Starting, None), 0, "is STARTING"),
        ];
        for (inst, index, rule) in cases {
            let err = check_add(&inst, index).expect_err(rule);
            assert!(err.contains(rule), "{err}");
        }
    }

    #[test]
    fn add_request_checks_the_static_address_and_dns() {
        let inst = instance(instance::Status::Running, None);
        let ctx = ValidationContext {
            instance_zone: "ru-central1-a".into(),
            free_static_addresses: vec![Ipv4Addr::new(203, 0, 113, 10)],
            ..ValidationContext::default()
        };
        let with_static =
            |address: &str| add_request(&inst, 0, &NatChoice::Static(address.into()), &[], &ctx);
        let req = with_static("203.0.113.10").expect("valid");
        let spec = req.one_to_one_nat_spec.expect("spec");
        assert_eq!(spec.address, "203.0.113.10");
        assert_eq!(spec.ip_version, 1);
        let ephemeral = add_request(&inst, 0, &NatChoice::Ephemeral, &[], &ctx).expect("valid");
        assert_eq!(ephemeral.one_to_one_nat_spec.expect("spec").address, "");
        let errs = with_static("203.0.113.11").expect_err("not free");
        assert_eq!(errs[0].field, Field::NatAddress);
        assert!(
            errs[0]
                .message
                .contains("is not a free static external address")
        );
        let bad_dns = [DnsRow {
            fqdn: "-bad-".into(),
            ..DnsRow::default()
        }];
        let errs = add_request(&inst, 0, &NatChoice::Ephemeral, &bad_dns, &ctx).expect_err("dns");
        assert!(matches!(errs[0].field, Field::Dns { .. }), "{errs:?}");
    }

    #[test]
    fn nat_add_errors_name_its_own_paths_and_flags() {
        use crate::nic::error::{DnsPart, DnsTarget};
        let address = FieldError::new(Field::NatAddress, "not free");
        assert_eq!(
            nat_add_error_line(&address),
            "one_to_one_nat_spec.address (--address): not free"
        );
        let dns = FieldError::new(
            Field::Dns {
                target: DnsTarget::Nat,
                row: 1,
                part: DnsPart::Ttl,
            },
            "too long",
        );
        assert_eq!(
            nat_add_error_line(&dns),
            "one_to_one_nat_spec.dns_record_specs[1].ttl (--dns #2): too long"
        );
    }

    #[test]
    fn remove_needs_a_public_address() {
        use instance::Status::*;
        let req = remove_request(&instance(Stopped, Some("1.2.3.4")), 0).expect("valid");
        assert_eq!(req.network_interface_index, "0");
        let err = remove_request(&instance(Running, None), 0).expect_err("none");
        assert!(err.contains("has no public address to remove"), "{err}");
        let err = remove_request(&instance(Provisioning, Some("1.2.3.4")), 0).expect_err("state");
        assert!(err.contains("is PROVISIONING"), "{err}");
    }
}
