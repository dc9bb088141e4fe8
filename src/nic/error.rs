//! Validation errors that name the request field they belong to, by the API's field path.

use std::fmt;

/// Which DNS record spec list a DNS row belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DnsTarget {
    /// `primary_v4_address_spec.dns_record_specs`: records for the internal address.
    Internal,
    /// `primary_v4_address_spec.one_to_one_nat_spec.dns_record_specs`: records for the public address.
    Nat,
}

impl DnsTarget {
    /// The API's path of the record list.
    pub fn api_list(self) -> &'static str {
        match self {
            DnsTarget::Internal => "primary_v4_address_spec.dns_record_specs",
            DnsTarget::Nat => "primary_v4_address_spec.one_to_one_nat_spec.dns_record_specs",
        }
    }
}

/// Which part of a DNS row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DnsPart {
    /// `fqdn`
    Fqdn,
    /// `dns_zone_id`
    Zone,
    /// `ttl`
    Ttl,
}

impl DnsPart {
    pub const ALL: [DnsPart; 3] = [DnsPart::Fqdn, DnsPart::Zone, DnsPart::Ttl];

    /// The API's name of the part within a record spec.
    pub fn api_name(self) -> &'static str {
        match self {
            DnsPart::Fqdn => "fqdn",
            DnsPart::Zone => "dns_zone_id",
            DnsPart::Ttl => "ttl",
        }
    }
}

/// A field of the attach request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `instance_id`, also the instance's own limits (number of interfaces).
    Instance,
    /// `network_interface_index`
    Index,
    /// `subnet_id`
    Subnet,
    /// `primary_v4_address_spec.address`
    Ipv4,
    /// `primary_v4_address_spec.one_to_one_nat_spec` (its presence and ip version)
    Nat,
    /// `primary_v4_address_spec.one_to_one_nat_spec.address`
    NatAddress,
    /// One part of a DNS row; `row` is the row's position in the form's (draft's) list.
    Dns {
        /// Internal or NAT records.
        target: DnsTarget,
        /// The row's position in the draft.
        row: usize,
        /// Which part of the row.
        part: DnsPart,
    },
    /// `security_group_ids`
    SecurityGroups,
}

impl Field {
    /// Every field that is not a DNS row part: one path each.
    pub const SINGLE: [Field; 7] = [
        Field::Instance,
        Field::Index,
        Field::Subnet,
        Field::Ipv4,
        Field::Nat,
        Field::NatAddress,
        Field::SecurityGroups,
    ];

    /// The API's field path, e.g. `primary_v4_address_spec.dns_record_specs[0].fqdn`.
    pub fn api_name(&self) -> String {
        const NAT: &str = "primary_v4_address_spec.one_to_one_nat_spec";
        match self {
            Field::Instance => "instance_id".to_string(),
            Field::Index => "network_interface_index".to_string(),
            Field::Subnet => "subnet_id".to_string(),
            Field::Ipv4 => "primary_v4_address_spec.address".to_string(),
            Field::Nat => NAT.to_string(),
            Field::NatAddress => format!("{NAT}.address"),
            Field::Dns { target, row, part } => {
                format!("{}[{row}].{}", target.api_list(), part.api_name())
            }
            Field::SecurityGroups => "security_group_ids".to_string(),
        }
    }
}

/// A rejected field and the rule it broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field the error belongs to.
    pub field: Field,
    /// The rule, in words, e.g. "10.128.0.1 is the subnet's gateway address".
    pub message: String,
}

impl FieldError {
    /// An error for `field` with `message`.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.api_name(), self.message)
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names() {
        let cases = [
            (Field::Instance, "instance_id"),
            (Field::Index, "network_interface_index"),
            (Field::Subnet, "subnet_id"),
            (Field::Ipv4, "primary_v4_address_spec.address"),
            (Field::Nat, "primary_v4_address_spec.one_to_one_nat_spec"),
            (
                Field::NatAddress,
                "primary_v4_address_spec.one_to_one_nat_spec.address",
            ),
            (Field::SecurityGroups, "security_group_ids"),
            (
                Field::Dns {
                    target: DnsTarget::Internal,
                    row: 0,
                    part: DnsPart::Fqdn,
                },
                "primary_v4_address_spec.dns_record_specs[0].fqdn",
            ),
            (
                Field::Dns {
                    target: DnsTarget::Nat,
                    row: 2,
                    part: DnsPart::Zone,
                },
                "primary_v4_address_spec.one_to_one_nat_spec.dns_record_specs[2].dns_zone_id",
            ),
            (
                Field::Dns {
                    target: DnsTarget::Internal,
                    row: 1,
                    part: DnsPart::Ttl,
                },
                "primary_v4_address_spec.dns_record_specs[1].ttl",
            ),
        ];
        for (field, name) in cases {
            assert_eq!(field.api_name(), name);
        }
    }

    #[test]
    fn display_names_field_and_rule() {
        let e = FieldError::new(Field::Ipv4, "10.128.0.1 is the subnet's gateway address");
        assert_eq!(
            e.to_string(),
            "primary_v4_address_spec.address: 10.128.0.1 is the subnet's gateway address"
        );
    }
}
