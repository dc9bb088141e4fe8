//! A secret string (token, key) that never shows itself in Debug, Display or logs.

use std::fmt;

/// Holds a token or key. Formatting prints a short fingerprint, never the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A non-reversible tag to tell secrets apart in logs: length and a short hash.
    pub fn fingerprint(&self) -> String {
        // FNV-1a: stable, dependency-free, and 16 bits of it reveal nothing useful.
        let hash = self.0.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("len={} fp={:04x}", self.0.len(), hash & 0xffff)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.fingerprint())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<secret {}>", self.fingerprint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("t1.very-secret-token-value");
        assert!(!format!("{s:?}").contains("very-secret"));
        assert!(!format!("{s}").contains("very-secret"));
        assert_eq!(s.expose(), "t1.very-secret-token-value");
    }

    #[test]
    fn fingerprints_differ_for_different_secrets() {
        assert_ne!(
            Secret::new("a").fingerprint(),
            Secret::new("b").fingerprint()
        );
    }
}
