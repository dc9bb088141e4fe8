//! The service account keys the emulator knows: one fixed, TEST-ONLY RSA key pair (committed
//! under `testkey/`, public on purpose), and a writer for a matching authorized key file.

use std::path::Path;

use ring::signature::{KeyPair, RsaKeyPair};

use crate::auth::sa_key::pem_body;

/// The key id (`kid`) of the emulator's test key.
pub const TEST_KEY_ID: &str = "ajeemulatortestkey01";
/// The service account the test key belongs to.
pub const TEST_SERVICE_ACCOUNT_ID: &str = "ajeemulatorsa0000001";
const PRIVATE_PEM: &str = include_str!("testkey/TEST_ONLY_sa_key.pem");
const PUBLIC_PEM: &str = include_str!("testkey/TEST_ONLY_sa_key.pub.pem");

/// The DER `RSAPublicKey` for a key id the emulator knows.
pub fn public_key(kid: &str) -> Option<Vec<u8>> {
    if kid != TEST_KEY_ID {
        return None;
    }
    let der = pem_body(PRIVATE_PEM, "PRIVATE KEY")?;
    let pair = RsaKeyPair::from_pkcs8(&der).ok()?;
    Some(pair.public_key().as_ref().to_vec())
}

/// Writes an authorized key JSON for the test key, as the console does (mode 0600).
pub fn write_key_file(path: &Path) -> std::io::Result<()> {
    let json = serde_json::json!({
        "id": TEST_KEY_ID,
        "service_account_id": TEST_SERVICE_ACCOUNT_ID,
        "created_at": "2024-01-01T00:00:00Z",
        "key_algorithm": "RSA_2048",
        "public_key": PUBLIC_PEM,
        "private_key": format!(
            "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <{TEST_KEY_ID}>\n{PRIVATE_PEM}"
        ),
    });
    crate::private_file::write_atomic(path, serde_json::to_string_pretty(&json)?.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_key_is_known_and_others_are_not() {
        assert!(public_key(TEST_KEY_ID).is_some_and(|k| !k.is_empty()));
        assert!(public_key("other").is_none());
    }
}
