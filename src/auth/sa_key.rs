//! Service-account authorized keys: reading the JSON file and signing the PS256 JWT that
//! `IamTokenService.Create` exchanges for an IAM token.

use std::{path::Path, time::SystemTime};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ring::{
    rand::SystemRandom,
    signature::{RSA_PSS_SHA256, RsaKeyPair},
};
use serde::Deserialize;

use super::{AuthError, Secret};

/// The audience IAM expects in a service-account JWT.
pub const JWT_AUDIENCE: &str = "https://iam.api.cloud.yandex.net/iam/v1/tokens";
/// JWT lifetime: IAM accepts at most one hour.
const JWT_LIFETIME_SECS: u64 = 3600;

/// An authorized key: `id`, `service_account_id` and the PKCS#8 private key.
#[derive(Clone, Debug, Deserialize)]
pub struct ServiceAccountKey {
    pub id: String,
    pub service_account_id: String,
    private_key: Secret,
}

impl ServiceAccountKey {
    /// Builds a key from its parts (a yc profile's inline `service-account-key`).
    pub fn new(id: String, service_account_id: String, private_key: Secret) -> Self {
        Self {
            id,
            service_account_id,
            private_key,
        }
    }

    /// Reads an authorized key JSON file; warns when group or others may read it.
    pub fn from_file(path: &Path) -> Result<Self, AuthError> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| AuthError::Config(format!("cannot read the key file {shown}: {e}")))?;
        warn_if_shared(path);
        let key: Self = serde_json::from_str(&text).map_err(|e| {
            let wrapped = matches!(
                serde_json::from_str::<serde_json::Value>(&text),
                Ok(serde_json::Value::String(_))
            );
            let detail = if wrapped {
                "it holds a JSON string, not an object: unwrap it first (e.g. `jq -r . FILE`)"
                    .to_string()
            } else {
                crate::parse_error::json(&e)
            };
            AuthError::Config(format!(
                "{shown} is not an authorized key JSON (id, service_account_id, private_key): {detail}"
            ))
        })?;
        key.key_pair()?;
        Ok(key)
    }

    /// A signed JWT valid for an hour from `now`.
    pub fn jwt(&self, now: SystemTime) -> Result<Secret, AuthError> {
        let iat = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let claims = serde_json::json!({
            "iss": self.service_account_id,
            "aud": JWT_AUDIENCE,
            "iat": iat,
            "exp": iat.saturating_add(JWT_LIFETIME_SECS),
        });
        self.signed(&claims)
    }

    /// A PS256 JWT of `claims`, signed with this key.
    pub(crate) fn signed(&self, claims: &serde_json::Value) -> Result<Secret, AuthError> {
        let header = serde_json::json!({"typ": "JWT", "alg": "PS256", "kid": self.id});
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let pair = self.key_pair()?;
        let mut signature = vec![0; pair.public().modulus_len()];
        pair.sign(
            &RSA_PSS_SHA256,
            &SystemRandom::new(),
            signing_input.as_bytes(),
            &mut signature,
        )
        .map_err(|_| AuthError::Config(format!("cannot sign with key {}", self.id)))?;
        Ok(Secret::new(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        )))
    }

    fn key_pair(&self) -> Result<RsaKeyPair, AuthError> {
        let bad = |what: &str| {
            AuthError::Config(format!(
                "the private key of key {} {what}: expected an RSA PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)",
                self.id
            ))
        };
        let der =
            pem_body(self.private_key.expose(), "PRIVATE KEY").ok_or_else(|| bad("is not PEM"))?;
        RsaKeyPair::from_pkcs8(&der).map_err(|_| bad("cannot be used"))
    }
}

/// Decodes the first `-----BEGIN {label}-----` block, skipping anything before it
/// (Yandex prefixes keys with a "PLEASE DO NOT REMOVE THIS LINE!" line).
pub fn pem_body(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    let body: String = text[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

#[cfg(unix)]
fn warn_if_shared(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            "the service account key file is readable by group or others: chmod 600 it"
        );
    }
}

#[cfg(not(unix))]
fn warn_if_shared(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_skips_the_preamble() {
        let text = "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <x>\n-----BEGIN PRIVATE KEY-----\nAAEC\nAw==\n-----END PRIVATE KEY-----\n";
        assert_eq!(pem_body(text, "PRIVATE KEY"), Some(vec![0, 1, 2, 3]));
        assert_eq!(pem_body("no pem here", "PRIVATE KEY"), None);
        assert_eq!(
            pem_body(
                "-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----",
                "PRIVATE KEY"
            ),
            None
        );
    }

    #[test]
    fn a_bad_key_is_named_without_its_content() {
        let key =
            ServiceAccountKey::new("aje1".into(), "aje2".into(), Secret::new("garbage-secret"));
        let err = key.jwt(SystemTime::now()).unwrap_err().to_string();
        assert!(err.contains("aje1"), "{err}");
        assert!(!err.contains("garbage-secret"), "{err}");
    }
}
