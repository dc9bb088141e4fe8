//! The yc CLI profile (`~/.config/yandex-cloud/config.yaml`): credentials, cloud, folder, endpoint.

use std::path::{Path, PathBuf};

use super::{
    AuthError, Secret,
    sa_key::ServiceAccountKey,
    yaml::{self, Node},
};

/// One profile of the yc configuration.
#[derive(Clone, Debug, Default)]
pub struct YcProfile {
    pub name: String,
    /// An OAuth token (`token`).
    pub token: Option<Secret>,
    /// An inline authorized key (`service-account-key`).
    pub service_account_key: Option<ServiceAccountKey>,
    pub cloud_id: Option<String>,
    pub folder_id: Option<String>,
    /// The discovery endpoint, `host:port`.
    pub endpoint: Option<String>,
}

/// `$HOME/.config/yandex-cloud/config.yaml`, where yc keeps its profiles.
pub fn default_config_path(home: Option<&Path>) -> Option<PathBuf> {
    home.map(|h| h.join(".config/yandex-cloud/config.yaml"))
}

/// Loads profile `name` (else the file's `current` profile). A missing file or current profile
/// is `None`; a profile asked for by name that is not there is an error.
pub fn load(path: &Path, name: Option<&str>) -> Result<Option<YcProfile>, AuthError> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match name {
                Some(name) => Err(AuthError::Config(format!(
                    "yc profile '{name}' asked for, but {shown} does not exist"
                ))),
                None => Ok(None),
            };
        }
        Err(e) => return Err(AuthError::Config(format!("cannot read {shown}: {e}"))),
    };
    let doc =
        yaml::parse(&text).map_err(|e| AuthError::Config(format!("{shown} is not valid: {e}")))?;
    let Some(chosen) = name.or_else(|| doc.get("current").and_then(Node::as_str)) else {
        return Ok(None);
    };
    let Some(node) = doc.get("profiles").and_then(|p| p.get(chosen)) else {
        return Err(AuthError::Config(format!(
            "{shown} has no profile '{chosen}': create it with `yc init` or pick another with --profile"
        )));
    };
    let text_of = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_string);
    let service_account_key = node
        .get("service-account-key")
        .map(|key| inline_key(key, chosen, path))
        .transpose()?;
    Ok(Some(YcProfile {
        name: chosen.to_string(),
        token: text_of("token").map(Secret::new),
        service_account_key,
        cloud_id: text_of("cloud-id"),
        folder_id: text_of("folder-id"),
        endpoint: text_of("endpoint"),
    }))
}

fn inline_key(node: &Node, profile: &str, path: &Path) -> Result<ServiceAccountKey, AuthError> {
    let field = |key: &str| {
        node.get(key).and_then(Node::as_str).ok_or_else(|| {
            AuthError::Config(format!(
                "profile '{profile}' in {}: service-account-key has no '{key}'",
                path.display()
            ))
        })
    };
    Ok(ServiceAccountKey::new(
        field("id")?.to_string(),
        field("service_account_id")?.to_string(),
        Secret::new(field("private_key")?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    const FILE: &str = "current: work\nprofiles:\n  work:\n    token: y0_secret\n    folder-id: b1gf\n    cloud-id: b1gc\n    endpoint: api.test:443\n  other:\n    folder-id: b1go\n";

    #[test]
    fn current_and_named_profiles() {
        let (_dir, path) = write(FILE);
        let work = load(&path, None).unwrap().unwrap();
        assert_eq!(work.name, "work");
        assert_eq!(work.token.as_ref().map(Secret::expose), Some("y0_secret"));
        assert_eq!(work.folder_id.as_deref(), Some("b1gf"));
        assert_eq!(work.cloud_id.as_deref(), Some("b1gc"));
        assert_eq!(work.endpoint.as_deref(), Some("api.test:443"));
        let other = load(&path, Some("other")).unwrap().unwrap();
        assert!(other.token.is_none() && other.service_account_key.is_none());
        let err = load(&path, Some("nope")).unwrap_err().to_string();
        assert!(err.contains("no profile 'nope'"), "{err}");
    }

    #[test]
    fn missing_file_is_none_unless_a_profile_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent.yaml");
        assert!(load(&path, None).unwrap().is_none());
        assert!(load(&path, Some("x")).is_err());
    }

    #[test]
    fn an_incomplete_inline_key_is_named() {
        let (_dir, path) =
            write("current: a\nprofiles:\n  a:\n    service-account-key:\n      id: k\n");
        let err = load(&path, None).unwrap_err().to_string();
        assert!(err.contains("service_account_id"), "{err}");
    }
}
