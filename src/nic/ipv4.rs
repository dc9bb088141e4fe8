//! Strict IPv4 dotted-quad and CIDR parsing, subnet reserved addresses, and free-host search.

use std::collections::HashSet;
use std::fmt;
use std::net::Ipv4Addr;

/// Parses a dotted-quad IPv4 address strictly: exactly 4 decimal octets 0-255, no leading
/// zeros (except "0" itself), no signs, no spaces. The error names the broken rule.
pub fn parse_ipv4(s: &str) -> Result<Ipv4Addr, String> {
    if s.is_empty() {
        return Err("an IPv4 address is required".to_string());
    }
    if s.chars().any(char::is_whitespace) {
        return Err(format!(
            "{s:?} is not an IPv4 address: spaces are not allowed"
        ));
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return Err(format!(
            "{s:?} is not an IPv4 address: expected 4 dot-separated octets, found {}",
            parts.len()
        ));
    }
    let mut octets = [0u8; 4];
    for (slot, part) in octets.iter_mut().zip(&parts) {
        *slot = parse_octet(s, part)?;
    }
    Ok(Ipv4Addr::from(octets))
}

fn parse_octet(whole: &str, part: &str) -> Result<u8, String> {
    if part.is_empty() {
        return Err(format!(
            "{whole:?} is not an IPv4 address: an octet is empty"
        ));
    }
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{whole:?} is not an IPv4 address: octet {part:?} is not a decimal number 0-255"
        ));
    }
    if part.len() > 1 && part.starts_with('0') {
        return Err(format!(
            "{whole:?} is not an IPv4 address: octet {part:?} has a leading zero"
        ));
    }
    part.parse::<u8>().map_err(|_| {
        format!("{whole:?} is not an IPv4 address: octet {part:?} is out of range 0-255")
    })
}

/// An IPv4 network in CIDR notation whose host bits are zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    network: Ipv4Addr,
    prefix: u8,
}

/// Parses `a.b.c.d/len`: a strict IPv4 address, a prefix length 0..=32 without sign or leading
/// zeros, and no host bits set.
pub fn parse_cidr(s: &str) -> Result<Cidr, String> {
    let Some((addr, len)) = s.split_once('/') else {
        return Err(format!(
            "{s:?} is not a CIDR block: expected a.b.c.d/len with a prefix length"
        ));
    };
    let network = parse_ipv4(addr).map_err(|e| format!("{s:?} is not a CIDR block: {e}"))?;
    let digits_ok = !len.is_empty() && len.bytes().all(|b| b.is_ascii_digit());
    let prefix = match len.parse::<u8>() {
        Ok(p) if digits_ok && p <= 32 && (len == "0" || !len.starts_with('0')) => p,
        _ => {
            return Err(format!(
                "{s:?} is not a CIDR block: prefix length {len:?} must be a number 0-32"
            ));
        }
    };
    let cidr = Cidr { network, prefix };
    if u32::from(network) & !cidr.mask() != 0 {
        let fixed = Ipv4Addr::from(u32::from(network) & cidr.mask());
        return Err(format!(
            "{s:?} is not a CIDR block: host bits must be zero (the network is {fixed}/{prefix})"
        ));
    }
    Ok(cidr)
}

impl Cidr {
    /// The network address (all host bits zero).
    pub fn network(&self) -> Ipv4Addr {
        self.network
    }

    /// The prefix length, 0..=32.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The netmask as a number.
    fn mask(&self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0)
    }

    /// The broadcast address (all host bits one).
    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) | !self.mask())
    }

    /// Whether `addr` lies in this network.
    pub fn contains(&self, addr: Ipv4Addr) -> bool {
        u32::from(addr) & self.mask() == u32::from(self.network)
    }

    /// The role of a reserved address of the subnet: the network address, the gateway
    /// (network + 1), the DNS server (network + 2) or the broadcast address.
    pub fn reserved_role(&self, addr: Ipv4Addr) -> Option<&'static str> {
        if !self.contains(addr) {
            return None;
        }
        let offset = u32::from(addr) - u32::from(self.network);
        match offset {
            0 => Some("network address"),
            _ if addr == self.broadcast() => Some("broadcast address"),
            1 => Some("gateway address"),
            2 => Some("DNS server address"),
            _ => None,
        }
    }

    /// The lowest address of the network that is neither reserved nor in `used`.
    pub fn lowest_free(&self, used: &HashSet<Ipv4Addr>) -> Option<Ipv4Addr> {
        let first = u64::from(u32::from(self.network));
        let last = u64::from(u32::from(self.broadcast()));
        (first..=last)
            .filter_map(|n| u32::try_from(n).ok().map(Ipv4Addr::from))
            .find(|a| self.reserved_role(*a).is_none() && !used.contains(a))
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nic::rule_cases::assert_rejected;

    fn ip(s: &str) -> Ipv4Addr {
        parse_ipv4(s).expect("valid test address")
    }

    #[test]
    fn parses_valid_addresses() {
        assert_eq!(ip("10.128.0.1"), Ipv4Addr::new(10, 128, 0, 1));
        assert_eq!(ip("0.0.0.0"), Ipv4Addr::new(0, 0, 0, 0));
        assert_eq!(ip("255.255.255.255"), Ipv4Addr::BROADCAST);
    }

    #[test]
    fn rejects_with_rule_named() {
        let cases = [
            ("", "required"),
            ("10.0.0.1 ", "spaces are not allowed"),
            (" 10.0.0.1", "spaces are not allowed"),
            ("10.0.0", "expected 4 dot-separated octets, found 3"),
            ("10.0.0.1.2", "expected 4 dot-separated octets, found 5"),
            ("10..0.1", "an octet is empty"),
            ("10.0.0.", "an octet is empty"),
            ("010.0.0.1", "octet \"010\" has a leading zero"),
            ("10.0.0.00", "octet \"00\" has a leading zero"),
            ("256.0.0.1", "octet \"256\" is out of range 0-255"),
            ("10.0.0.99999999999", "out of range 0-255"),
            ("+1.0.0.1", "octet \"+1\" is not a decimal number 0-255"),
            ("a.b.c.d", "is not a decimal number 0-255"),
            ("1.2.3.٣", "is not a decimal number 0-255"),
        ];
        assert_rejected(parse_ipv4, &cases);
    }

    #[test]
    fn cidr_parses_and_formats() {
        let c = parse_cidr("10.128.0.0/24").expect("valid");
        assert_eq!(c.to_string(), "10.128.0.0/24");
        assert_eq!(c.network(), ip("10.128.0.0"));
        assert_eq!(c.prefix(), 24);
        assert_eq!(c.broadcast(), ip("10.128.0.255"));
        assert_eq!(
            parse_cidr("0.0.0.0/0").expect("valid").broadcast(),
            Ipv4Addr::BROADCAST
        );
        assert_eq!(
            parse_cidr("10.0.0.7/32").expect("valid").broadcast(),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn cidr_rejects_with_rule_named() {
        let cases = [
            ("10.0.0.0", "expected a.b.c.d/len"),
            ("10.0.0/24", "expected 4 dot-separated octets"),
            ("10.0.0.0/33", "prefix length \"33\" must be a number 0-32"),
            ("10.0.0.0/", "must be a number 0-32"),
            ("10.0.0.0/024", "must be a number 0-32"),
            ("10.0.0.0/+8", "must be a number 0-32"),
            ("10.0.0.0/2/4", "must be a number 0-32"),
            (
                "10.0.0.1/24",
                "host bits must be zero (the network is 10.0.0.0/24)",
            ),
        ];
        assert_rejected(parse_cidr, &cases);
    }

    #[test]
    fn contains_and_reserved_roles() {
        let c = parse_cidr("10.128.0.0/24").expect("valid");
        assert!(c.contains(ip("10.128.0.77")));
        assert!(!c.contains(ip("10.129.0.77")));
        assert_eq!(c.reserved_role(ip("10.128.0.0")), Some("network address"));
        assert_eq!(c.reserved_role(ip("10.128.0.1")), Some("gateway address"));
        assert_eq!(
            c.reserved_role(ip("10.128.0.2")),
            Some("DNS server address")
        );
        assert_eq!(
            c.reserved_role(ip("10.128.0.255")),
            Some("broadcast address")
        );
        assert_eq!(c.reserved_role(ip("10.128.0.3")), None);
        assert_eq!(c.reserved_role(ip("192.168.0.1")), None);
    }

    #[test]
    fn lowest_free_skips_reserved_and_used() {
        let c = parse_cidr("10.128.0.0/24").expect("valid");
        let mut used = HashSet::new();
        assert_eq!(c.lowest_free(&used), Some(ip("10.128.0.3")));
        used.insert(ip("10.128.0.3"));
        used.insert(ip("10.128.0.4"));
        assert_eq!(c.lowest_free(&used), Some(ip("10.128.0.5")));
        let tiny = parse_cidr("10.0.0.0/30").expect("valid");
        assert_eq!(tiny.lowest_free(&HashSet::new()), None);
        let host = parse_cidr("10.0.0.8/32").expect("valid");
        assert_eq!(host.lowest_free(&HashSet::new()), None);
        let top = parse_cidr("255.255.255.248/29").expect("valid");
        assert_eq!(
            top.lowest_free(&HashSet::new()),
            Some(ip("255.255.255.251"))
        );
    }
}
