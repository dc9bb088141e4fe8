//! The headless `ycdash attach` DNS flag syntax: `--dns FQDN[,zone=ID][,ttl=N][,ptr]`.

use super::draft::DnsRow;
use super::fields::parse_ttl;

/// Parses one `--dns` value, `FQDN[,zone=ID][,ttl=N][,ptr]`, into a DNS row. The name itself
/// is checked later by validation, against the zone.
pub fn parse_dns_flag(s: &str) -> Result<DnsRow, String> {
    let mut parts = s.split(',');
    let fqdn = parts.next().unwrap_or_default();
    if fqdn.is_empty() {
        return Err(format!(
            "--dns {s:?}: expected FQDN[,zone=ID][,ttl=N][,ptr] starting with the record name"
        ));
    }
    if fqdn.contains('=') {
        return Err(format!(
            "--dns {s:?}: the first part must be the record name, not an option"
        ));
    }
    let mut row = DnsRow {
        fqdn: fqdn.to_string(),
        ..DnsRow::default()
    };
    let (mut zone_seen, mut ttl_seen) = (false, false);
    for option in parts {
        match option.split_once('=') {
            Some(("zone", id)) => {
                if std::mem::replace(&mut zone_seen, true) {
                    return Err(format!("--dns {s:?}: zone is given twice"));
                }
                if id.is_empty() {
                    return Err(format!("--dns {s:?}: zone= needs a DNS zone id"));
                }
                row.zone_id = id.to_string();
            }
            Some(("ttl", ttl)) => {
                if std::mem::replace(&mut ttl_seen, true) {
                    return Err(format!("--dns {s:?}: ttl is given twice"));
                }
                if ttl.is_empty() {
                    return Err(format!(
                        "--dns {s:?}: ttl= needs a number of seconds 0-86400"
                    ));
                }
                parse_ttl(ttl).map_err(|e| format!("--dns {s:?}: {e}"))?;
                row.ttl = ttl.to_string();
            }
            Some(("ptr", _)) => {
                return Err(format!("--dns {s:?}: ptr takes no value; write just ,ptr"));
            }
            None if option == "ptr" => {
                if std::mem::replace(&mut row.ptr, true) {
                    return Err(format!("--dns {s:?}: ptr is given twice"));
                }
            }
            _ => {
                return Err(format!(
                    "--dns {s:?}: unknown option {option:?}; expected zone=ID, ttl=N or ptr"
                ));
            }
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nic::rule_cases::assert_rejected;

    #[test]
    fn parses_all_forms() {
        assert_eq!(parse_dns_flag("vm"), Ok(DnsRow::new("vm", "", "", false)));
        assert_eq!(
            parse_dns_flag("vm.example.com.,zone=dns1,ttl=600,ptr"),
            Ok(DnsRow::new("vm.example.com.", "dns1", "600", true))
        );
        assert_eq!(
            parse_dns_flag("vm,ptr,ttl=0"),
            Ok(DnsRow::new("vm", "", "0", true))
        );
    }

    #[test]
    fn rejects_with_rule_named() {
        let cases = [
            ("", "expected FQDN[,zone=ID][,ttl=N][,ptr]"),
            (",zone=a", "expected FQDN[,zone=ID][,ttl=N][,ptr]"),
            ("zone=a", "the first part must be the record name"),
            ("vm,zone=", "zone= needs a DNS zone id"),
            ("vm,zone=a,zone=b", "zone is given twice"),
            ("vm,ttl=", "ttl= needs a number of seconds 0-86400"),
            ("vm,ttl=1,ttl=2", "ttl is given twice"),
            ("vm,ttl=86401", "out of range: it must be 0-86400 seconds"),
            ("vm,ttl=x", "not a TTL"),
            ("vm,ptr=true", "ptr takes no value"),
            ("vm,ptr,ptr", "ptr is given twice"),
            ("vm,", "unknown option \"\"; expected zone=ID, ttl=N or ptr"),
            ("vm,foo=1", "unknown option \"foo=1\""),
        ];
        for err in assert_rejected(parse_dns_flag, &cases) {
            assert!(err.starts_with("--dns"), "{err}");
        }
    }
}
