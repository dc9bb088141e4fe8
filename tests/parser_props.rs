//! Property tests of the parsers that read user files: the yc YAML subset (through
//! `profile::load`), service-account key files and config.toml. Arbitrary Unicode, control
//! characters and long strings: no panic, and an error never quotes the secret it was given.

use proptest::prelude::*;
use ycdash::{
    auth::{profile, sa_key::ServiceAccountKey},
    config::Config,
};

const SECRET: &str = "y0SECRETvalueNEVERechoed";

/// Text around a secret: arbitrary Unicode and control characters, sometimes long.
fn noisy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\"'`:\\[\\]{}|\\\\ a-z\\n]{0,80}",
        ".{0,4000}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn yc_profiles_never_panic_or_echo_the_token(before in noisy(), after in noisy()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        let text = format!("current: p\nprofiles:\n  p:\n{before}    token: {SECRET}{after}\n");
        std::fs::write(&path, text).unwrap();
        if let Err(e) = profile::load(&path, Some("p")) {
            prop_assert!(!e.to_string().contains(SECRET), "{e}");
        }
    }

    #[test]
    fn key_files_never_panic_or_echo_the_key(before in noisy(), after in noisy(), wrap in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        let mut text = format!("{before}{{\"id\":\"k\",\"private_key\":\"{SECRET}{after}\"}}");
        if wrap {
            text = serde_json::Value::String(text).to_string();
        }
        std::fs::write(&path, text).unwrap();
        let err = ServiceAccountKey::from_file(&path).unwrap_err().to_string();
        prop_assert!(!err.contains(SECRET), "{err}");
    }

    #[test]
    fn config_toml_never_panics_or_echoes_values(key in "[a-z_]{1,20}", before in noisy(), after in noisy()) {
        for text in [
            format!("{key} = \"{SECRET}{after}"),
            format!("{before}\n{key} = \"{SECRET}\"\n{after}"),
            format!("{key} = [\"{SECRET}\", {after}]"),
        ] {
            if let Err(e) = Config::parse(&text) {
                prop_assert!(!e.contains(SECRET), "{e}");
            }
        }
    }
}
