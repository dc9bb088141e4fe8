//! Parse-error messages that say what kind of error and where, never quoting the input: a key
//! file, a token answer or a config may hold secrets, and serde or toml quote the values they
//! choke on.

/// A serde_json error without the values it quoted: "invalid type: string "…", expected ...
/// at line 1 column 9".
pub fn json(error: &serde_json::Error) -> String {
    unquote(&error.to_string())
}

/// A toml error as "line L column C: message", the message without quoted values and without
/// toml's excerpt of the offending line.
pub fn toml(error: &toml::de::Error, text: &str) -> String {
    let message = unquote(error.message().trim());
    match error.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line} column {column}: {message}")
        }
        None => message,
    }
}

/// Replaces every "double-quoted" segment (serde writes values with Rust's escapes) with "…",
/// and every `backticked` one that is not a short field name; keeps the rest.
fn unquote(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if !matches!(c, '"' | '`') {
            out.push(c);
            continue;
        }
        let mut inside = String::new();
        let mut closed = false;
        while let Some(next) = chars.next() {
            if next == '\\' && c != '`' {
                chars.next();
                inside.push('\\');
            } else if next == c {
                closed = true;
                break;
            } else {
                inside.push(next);
            }
        }
        if closed && c == '`' && is_field_name(&inside) {
            out.push('`');
            out.push_str(&inside);
            out.push('`');
        } else {
            out.push_str("\"…\"");
        }
    }
    out
}

/// A short identifier, or one punctuation character (toml's "expected `\"`").
fn is_field_name(text: &str) -> bool {
    (text.chars().count() == 1 && text.chars().all(|c| c.is_ascii_punctuation()))
        || !text.is_empty()
            && text.len() <= 40
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_drop_quoted_values_and_keep_the_position() {
        let error = serde_json::from_str::<std::collections::HashMap<String, String>>(
            r#""{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE\"}""#,
        )
        .unwrap_err();
        let text = json(&error);
        assert!(
            !text.contains("PRIVATE KEY") && !text.contains("MIIE"),
            "{text}"
        );
        assert!(
            text.contains("invalid type: string") && text.contains("line 1"),
            "{text}"
        );
    }

    #[test]
    fn toml_errors_name_line_and_column_and_keep_field_names_only() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Settings {
            refresh: u64,
        }
        let text = "\nrefresh = \"y0_secret-value\"\n";
        let error = ::toml::from_str::<Settings>(text).unwrap_err();
        let shown = toml(&error, text);
        assert!(!shown.contains("y0_secret"), "{shown}");
        assert!(shown.starts_with("line 2 column 11: "), "{shown}");
        let text = "y0_secret_key_name = 1\n";
        let shown = toml(&::toml::from_str::<Settings>(text).unwrap_err(), text);
        assert!(shown.contains("unknown field"), "{shown}");
        assert!(shown.contains("`refresh`"), "{shown}");
    }

    #[test]
    fn unquote_keeps_field_names_and_drops_the_rest() {
        assert_eq!(
            unquote("unknown field `x y`, expected `id` or 'i' or \"s\""),
            "unknown field \"…\", expected `id` or 'i' or \"…\""
        );
        assert_eq!(unquote("open \"never closed secret"), "open \"…\"");
        assert_eq!(
            unquote(r#"string "a\"b c\\" at line 1"#),
            "string \"…\" at line 1"
        );
    }
}
