//! Parsers for the attach request's scalar fields: interface index, TTL, NAT choice, ip version,
//! and the security group list.

use std::collections::BTreeSet;

use crate::api::proto::yandex::cloud::compute::v1::IpVersion;

use super::ipv4::parse_ipv4;

/// The most network interfaces an instance can have.
pub const MAX_NICS: usize = 8;
/// The highest network interface index the API accepts.
pub const MAX_INDEX: u32 = 15;
/// The highest DNS record TTL, in seconds.
pub const MAX_TTL: i64 = 86_400;
/// The most security groups on one network interface.
pub const MAX_SECURITY_GROUPS: usize = 5;

/// Parses a network interface index: a decimal "0".."15" without sign or leading zeros that
/// is not already used by the instance.
pub fn parse_index(s: &str, used: &BTreeSet<u32>) -> Result<u32, String> {
    if s.is_empty() {
        return Err("an interface index 0-15 is required".to_string());
    }
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    if !digits {
        return Err(format!("{s:?} is not an index: use a decimal number 0-15"));
    }
    if s.len() > 1 && s.starts_with('0') {
        return Err(format!(
            "{s:?} has a leading zero: write the index as a plain number 0-15"
        ));
    }
    let index = match s.parse::<u32>() {
        Ok(n) if n <= MAX_INDEX => n,
        _ => return Err(format!("{s} is out of range: the index must be 0-15")),
    };
    if used.contains(&index) {
        return Err(format!(
            "index {index} is already used by another interface of the instance"
        ));
    }
    Ok(index)
}

/// Checks that an instance with `nic_count` interfaces can take one more.
pub fn check_nic_capacity(nic_count: usize) -> Result<(), String> {
    if nic_count >= MAX_NICS {
        return Err(format!(
            "the instance already has {nic_count} network interfaces; at most {MAX_NICS} are allowed"
        ));
    }
    Ok(())
}

/// Parses a DNS record TTL in seconds: empty means the service default (`None`), otherwise a
/// decimal number 0..=86400.
pub fn parse_ttl(s: &str) -> Result<Option<i64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{s:?} is not a TTL: use a number of seconds 0-86400"
        ));
    }
    match s.parse::<i64>() {
        Ok(n) if n <= MAX_TTL => Ok(Some(n)),
        _ => Err(format!(
            "TTL {s} is out of range: it must be 0-86400 seconds"
        )),
    }
}

/// Whether the interface gets a public (one-to-one NAT) address, and which.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum NatChoice {
    /// No public address.
    #[default]
    None,
    /// A public address chosen by the cloud.
    Ephemeral,
    /// A reserved static external address, as typed.
    Static(String),
}

/// Parses a NAT choice: "" or "none", "ephemeral" or "auto", or a static IPv4 address.
pub fn parse_nat_choice(s: &str) -> Result<NatChoice, String> {
    match s {
        "" | "none" => Ok(NatChoice::None),
        "ephemeral" | "auto" => Ok(NatChoice::Ephemeral),
        _ => match parse_ipv4(s) {
            Ok(_) => Ok(NatChoice::Static(s.to_string())),
            Err(e) => Err(format!(
                "expected none, ephemeral or a static IPv4 address; {e}"
            )),
        },
    }
}

/// Parses the NAT ip version: empty or "ipv4" is IPv4; IPv6 is rejected as unavailable.
pub fn parse_ip_version(s: &str) -> Result<IpVersion, String> {
    if s.is_empty() || s.eq_ignore_ascii_case("ipv4") || s == "4" {
        Ok(IpVersion::Ipv4)
    } else if s.eq_ignore_ascii_case("ipv6") || s == "6" {
        Err("IPv6 is not available for one-to-one NAT".to_string())
    } else {
        Err(format!(
            "{s:?} is not an ip version: only ipv4 is available"
        ))
    }
}

/// Checks the security group list: 1 to 5 ids, none empty, no duplicates, and each one a
/// group of the subnet's network (`network_groups`).
pub fn check_security_groups(ids: &[String], network_groups: &[String]) -> Result<(), String> {
    if ids.is_empty() {
        return Err("at least 1 security group is required".to_string());
    }
    if ids.len() > MAX_SECURITY_GROUPS {
        return Err(format!(
            "{} security groups given; at most {MAX_SECURITY_GROUPS} are allowed per interface",
            ids.len()
        ));
    }
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.is_empty() {
            return Err("a security group id is empty".to_string());
        }
        if !seen.insert(id.as_str()) {
            return Err(format!("security group {id} is listed twice"));
        }
        if !network_groups.contains(id) {
            return Err(format!(
                "security group {id} does not belong to the subnet's network"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nic::rule_cases::assert_rejected;

    #[test]
    fn index_accepts_unused_in_range() {
        let used = BTreeSet::from([0, 2]);
        assert_eq!(parse_index("1", &used), Ok(1));
        assert_eq!(parse_index("15", &used), Ok(15));
        assert_eq!(parse_index("0", &BTreeSet::new()), Ok(0));
    }

    #[test]
    fn index_rejects_with_rule_named() {
        let used = BTreeSet::from([0]);
        let cases = [
            ("", "an interface index 0-15 is required"),
            ("+1", "not an index: use a decimal number 0-15"),
            ("-1", "not an index"),
            (" 1", "not an index"),
            ("one", "not an index"),
            ("01", "has a leading zero"),
            ("16", "out of range: the index must be 0-15"),
            ("99999999999999999999", "out of range"),
            ("0", "index 0 is already used"),
        ];
        assert_rejected(|input| parse_index(input, &used), &cases);
    }

    #[test]
    fn nic_capacity() {
        assert!(check_nic_capacity(7).is_ok());
        let err = check_nic_capacity(8).expect_err("full");
        assert!(
            err.contains("already has 8 network interfaces; at most 8"),
            "{err}"
        );
    }

    #[test]
    fn ttl_rules() {
        assert_eq!(parse_ttl(""), Ok(None));
        assert_eq!(parse_ttl("0"), Ok(Some(0)));
        assert_eq!(parse_ttl("600"), Ok(Some(600)));
        assert_eq!(parse_ttl("86400"), Ok(Some(86_400)));
        let cases = [
            ("86401", "out of range: it must be 0-86400 seconds"),
            ("99999999999999999999999", "out of range"),
            ("-1", "not a TTL: use a number of seconds 0-86400"),
            ("+5", "not a TTL"),
            ("1h", "not a TTL"),
            (" ", "not a TTL"),
        ];
        assert_rejected(parse_ttl, &cases);
    }

    #[test]
    fn nat_choice() {
        let cases = [
            ("", NatChoice::None),
            ("none", NatChoice::None),
            ("ephemeral", NatChoice::Ephemeral),
            ("auto", NatChoice::Ephemeral),
            ("203.0.113.7", NatChoice::Static("203.0.113.7".to_string())),
        ];
        for (input, choice) in cases {
            assert_eq!(parse_nat_choice(input), Ok(choice), "{input:?}");
        }
        let err = parse_nat_choice("203.0.113").expect_err("bad");
        let parts = [
            "expected none, ephemeral or a static IPv4 address",
            "expected 4 dot-separated octets",
        ];
        for part in parts {
            assert!(err.contains(part), "{err}");
        }
    }

    #[test]
    fn ip_version() {
        assert_eq!(parse_ip_version(""), Ok(IpVersion::Ipv4));
        assert_eq!(parse_ip_version("IPv4"), Ok(IpVersion::Ipv4));
        assert_eq!(parse_ip_version("4"), Ok(IpVersion::Ipv4));
        for v6 in ["ipv6", "IPV6", "6"] {
            assert_eq!(
                parse_ip_version(v6),
                Err("IPv6 is not available for one-to-one NAT".to_string())
            );
        }
        let err = parse_ip_version("ipx").expect_err("bad");
        assert!(err.contains("only ipv4 is available"), "{err}");
    }

    #[test]
    fn security_groups() {
        let net: Vec<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_security_groups(&ids(&["a"]), &net).is_ok());
        assert!(check_security_groups(&ids(&["a", "b", "c", "d", "e"]), &net).is_ok());
        let cases = [
            (ids(&[]), "at least 1 security group is required"),
            (
                ids(&["a", "b", "c", "d", "e", "f"]),
                "6 security groups given; at most 5",
            ),
            (ids(&["a", "a"]), "security group a is listed twice"),
            (ids(&[""]), "a security group id is empty"),
            (
                ids(&["zzz"]),
                "security group zzz does not belong to the subnet's network",
            ),
        ];
        for (input, rule) in cases {
            let err = check_security_groups(&input, &net).expect_err(rule);
            assert!(err.contains(rule), "{input:?}: {err}");
        }
    }
}
