//! Idempotency keys: fresh ones (UUID v4), the rule a given one must follow, and the
//! per-instance keys derived from one key when a command acts on several instances.

use std::fmt::Write;

/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 128;

/// A fresh idempotency key (UUID v4) for one user action; keep it to retry that action.
pub fn idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A key must be 1 to 128 printable ASCII characters (space to `~`), so it travels as a gRPC
/// header unchanged; the error says what is wrong, without the flag's name.
pub fn check_idempotency_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("must not be empty".into());
    }
    if let Some(c) = key.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(format!(
            "must be printable ASCII; {} is not",
            c.escape_default()
        ));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(format!(
            "must be at most {MAX_KEY_LEN} characters, not {}",
            key.len()
        ));
    }
    Ok(())
}

/// The key used for `instance_id` when one `key` covers several instances: SHA-256 of
/// `key`, a newline and the id, its first 16 bytes written as a UUID. The same inputs always
/// give the same key, and different instances get different keys.
pub fn derive_idempotency_key(key: &str, instance_id: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("{key}\n{instance_id}").as_bytes(),
    );
    let mut hex = String::with_capacity(36);
    for (i, byte) in digest.as_ref().iter().take(16).enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            hex.push('-');
        }
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_keys_are_valid_uuids() {
        let key = idempotency_key();
        assert_eq!(check_idempotency_key(&key), Ok(()));
        assert!(uuid::Uuid::parse_str(&key).is_ok(), "{key}");
    }

    #[test]
    fn keys_are_printable_ascii_up_to_128() {
        assert_eq!(check_idempotency_key("a"), Ok(()));
        assert_eq!(check_idempotency_key("retry 1 ~!"), Ok(()));
        assert_eq!(check_idempotency_key(&"k".repeat(128)), Ok(()));
        assert!(check_idempotency_key("").unwrap_err().contains("empty"));
        assert!(
            check_idempotency_key("ключ-1")
                .unwrap_err()
                .contains("printable ASCII")
        );
        assert!(check_idempotency_key("a\tb").unwrap_err().contains("\\t"));
        assert!(check_idempotency_key("a\u{7f}").is_err());
        assert!(
            check_idempotency_key(&"k".repeat(129))
                .unwrap_err()
                .contains("129")
        );
    }

    #[test]
    fn derived_keys_are_stable_distinct_and_valid() {
        let a = derive_idempotency_key("batch-1", "fhm1");
        assert_eq!(a, derive_idempotency_key("batch-1", "fhm1"));
        assert_ne!(a, derive_idempotency_key("batch-1", "fhm2"));
        assert_ne!(a, derive_idempotency_key("batch-2", "fhm1"));
        assert_eq!(check_idempotency_key(&a), Ok(()));
        assert!(uuid::Uuid::parse_str(&a).is_ok(), "{a}");
    }
}
