//! Domain name checks for DNS record specs: FQDN syntax and whether a name fits a DNS zone.

/// The longest domain name, in characters, without the trailing dot.
pub const MAX_NAME_LEN: usize = 253;
/// The longest label, in characters.
pub const MAX_LABEL_LEN: usize = 63;

/// A syntactically valid domain name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fqdn {
    /// The name without its trailing dot.
    name: String,
    /// A trailing dot was given: the name is absolute, otherwise relative to the zone.
    absolute: bool,
}

impl Fqdn {
    /// The name without a trailing dot.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the name ended with a dot (absolute) rather than being relative to the zone.
    pub fn is_absolute(&self) -> bool {
        self.absolute
    }

    /// The labels, left to right.
    fn labels(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.name.split('.')
    }
}

/// Parses a domain name: total length <= 253 without the trailing dot, labels of 1-63 ASCII
/// letters, digits and hyphens that neither start nor end with a hyphen.
pub fn parse_fqdn(s: &str) -> Result<Fqdn, String> {
    let (name, absolute) = match s.strip_suffix('.') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    if name.is_empty() {
        return Err("a domain name is required".to_string());
    }
    if let Some(len) = length_over(name, MAX_NAME_LEN) {
        return Err(format!(
            "the name is {len} characters long; a domain name has at most {MAX_NAME_LEN} (without the trailing dot)"
        ));
    }
    for label in name.split('.') {
        check_label(label)?;
    }
    Ok(Fqdn {
        name: name.to_string(),
        absolute,
    })
}

/// The length of `text` in characters, if it is over `max`.
fn length_over(text: &str, max: usize) -> Option<usize> {
    let len = text.chars().count();
    (len > max).then_some(len)
}

fn check_label(label: &str) -> Result<(), String> {
    if label.is_empty() {
        return Err("a label is empty (two dots in a row or a leading dot)".to_string());
    }
    if let Some(len) = length_over(label, MAX_LABEL_LEN) {
        return Err(format!(
            "label {label:?} is {len} characters long; a label has 1-{MAX_LABEL_LEN}"
        ));
    }
    if let Some(bad) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(format!(
            "label {label:?} contains {bad:?}; only ASCII letters, digits and hyphens are allowed"
        ));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(format!(
            "label {label:?} starts or ends with a hyphen, which is not allowed"
        ));
    }
    Ok(())
}

/// Checks that `fqdn` belongs to the DNS zone `zone` (e.g. "example.com."): an absolute name
/// must end with the zone on a label boundary; a relative name is joined with the zone and
/// the result must still be a valid length. Names compare case-insensitively.
pub fn fits_zone(fqdn: &str, zone: &str) -> Result<(), String> {
    let name = parse_fqdn(fqdn)?;
    let zone = parse_fqdn(zone).map_err(|e| format!("the zone name is invalid: {e}"))?;
    if name.is_absolute() {
        let mut n = name.labels().rev();
        let fits = zone
            .labels()
            .rev()
            .all(|z| n.next().is_some_and(|l| l.eq_ignore_ascii_case(z)));
        if !fits {
            return Err(format!(
                "{fqdn} is not in the zone {}.; an absolute name must end with the zone",
                zone.name()
            ));
        }
        return Ok(());
    }
    let joined = name.name().chars().count() + 1 + zone.name().chars().count();
    if joined > MAX_NAME_LEN {
        return Err(format!(
            "{fqdn} joined with the zone {}. is {joined} characters long; a domain name has at most {MAX_NAME_LEN}",
            zone.name()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nic::rule_cases::assert_rejected;

    #[test]
    fn accepts_valid_names() {
        let abs = parse_fqdn("www.Example-1.com.").expect("valid");
        assert!(abs.is_absolute());
        assert_eq!(abs.name(), "www.Example-1.com");
        let rel = parse_fqdn("vm-1").expect("valid");
        assert!(!rel.is_absolute());
        let label63 = "a".repeat(63);
        assert!(parse_fqdn(&label63).is_ok());
        let long = [label63.as_str(); 4].join(".");
        assert_eq!(long.len(), 255);
        let max = &long[..253];
        assert!(parse_fqdn(max).is_ok());
        assert!(parse_fqdn(&format!("{max}.")).is_ok());
    }

    #[test]
    fn rejects_with_rule_named() {
        let long = vec!["a".repeat(63); 4].join(".");
        let cases = [
            ("", "a domain name is required"),
            (".", "a domain name is required"),
            ("a..b", "a label is empty"),
            (".a", "a label is empty"),
            ("a.b..", "a label is empty"),
            (&long[..254], "at most 253 (without the trailing dot)"),
            (&"b".repeat(64), "is 64 characters long; a label has 1-63"),
            (
                "a_b.com",
                "contains '_'; only ASCII letters, digits and hyphens",
            ),
            ("a b.com", "contains ' '"),
            ("*.example.com", "contains '*'"),
            ("пример.рф", "only ASCII letters, digits and hyphens"),
            ("-a.com", "starts or ends with a hyphen"),
            ("a-.com", "starts or ends with a hyphen"),
        ];
        assert_rejected(parse_fqdn, &cases);
    }

    #[test]
    fn fits_zone_rules() {
        assert!(fits_zone("www.example.com.", "example.com.").is_ok());
        assert!(fits_zone("WWW.EXAMPLE.com.", "example.COM.").is_ok());
        assert!(fits_zone("example.com.", "example.com.").is_ok());
        assert!(fits_zone("www", "example.com.").is_ok());
        assert!(fits_zone("www", "example.com").is_ok());
        let err = fits_zone("www.badexample.com.", "example.com.").expect_err("suffix");
        assert!(err.contains("is not in the zone example.com."), "{err}");
        let err = fits_zone("com.", "example.com.").expect_err("shorter");
        assert!(err.contains("must end with the zone"), "{err}");
        let err = fits_zone("a..b", "example.com.").expect_err("bad name");
        assert!(err.contains("a label is empty"), "{err}");
        let err = fits_zone("www", "bad_zone.").expect_err("bad zone");
        assert!(err.contains("the zone name is invalid"), "{err}");
        let long = vec!["a".repeat(63); 4].join(".");
        let err = fits_zone(&long[..250], "example.com.").expect_err("too long");
        assert!(err.contains("is 262 characters long"), "{err}");
        assert!(err.contains("at most 253"), "{err}");
    }
}
