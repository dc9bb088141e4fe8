//! The command that finishes a mutation whose outcome is unknown: the same request, with every
//! flag that decides it and the same idempotency key, quoted for a POSIX shell.

use crate::{
    cli::{AttachArgs, Connection},
    cli_nic::{NatAddArgs, NatRemoveArgs, NicUpdateArgs},
    nic::{draft::DnsRow, fields::NatChoice},
};

/// The start of every resume command: `ycdash` and the flags saying where the request goes.
/// `--iam-token` is never repeated (a secret); `--timeout` is left to the user.
#[derive(Debug, Clone, Default)]
pub struct Resume {
    prefix: Vec<String>,
    /// The first run had `--iam-token`: the user must pass credentials again.
    token_flag: bool,
}

impl Resume {
    pub fn new(connection: &Connection) -> Self {
        let mut prefix = vec!["ycdash".to_string()];
        let mut flag = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                prefix.push(name.to_string());
                prefix.push(value);
            }
        };
        flag("--endpoint", connection.endpoint.clone());
        flag(
            "--ca-file",
            connection.ca_file.as_ref().map(|p| p.display().to_string()),
        );
        for (id, address) in &connection.service_endpoint {
            flag("--service-endpoint", Some(format!("{id}={address}")));
        }
        flag(
            "--sa-key",
            connection.sa_key.as_ref().map(|p| p.display().to_string()),
        );
        flag("--profile", connection.profile.clone());
        flag("--folder", connection.folder.clone());
        if connection.insecure {
            prefix.push("--insecure".into());
        }
        Self {
            prefix,
            token_flag: connection.iam_token.is_some(),
        }
    }

    /// The whole command line: the prefix and `args`, each word quoted as needed.
    pub fn command(&self, args: &[String]) -> String {
        let words: Vec<String> = self
            .prefix
            .iter()
            .chain(args)
            .map(|w| shell_quote(w))
            .collect();
        let line = words.join(" ");
        if self.token_flag {
            format!("{line}   # add your --iam-token as before")
        } else {
            line
        }
    }
}

/// The flags of an attach that decide its request, `index` being the one actually sent.
pub fn attach_args(args: &AttachArgs, index: &str, key: &str) -> Vec<String> {
    let mut words: Vec<String> = ["attach", "--instance", &args.instance, "--index", index]
        .map(String::from)
        .to_vec();
    let mut push = |flag: &str, value: String| {
        words.push(flag.to_string());
        words.push(value);
    };
    push("--subnet", args.subnet.clone());
    if let Some(ipv4) = &args.ipv4 {
        push("--ipv4", ipv4.clone());
    }
    match &args.nat {
        Some(NatChoice::Ephemeral) => push("--nat", "ephemeral".into()),
        Some(NatChoice::Static(address)) => push("--nat", address.clone()),
        Some(NatChoice::None) | None => {}
    }
    for row in &args.dns {
        push("--dns", dns_flag(row));
    }
    for row in &args.nat_dns {
        push("--nat-dns", dns_flag(row));
    }
    for group in &args.security_groups {
        push("--sg", group.clone());
    }
    if args.wait {
        words.push("--wait".into());
    }
    words.push("--idempotency-key".into());
    words.push(key.to_string());
    words
}

/// The flags of `nic update` that decide its request.
pub fn nic_update_args(args: &NicUpdateArgs, key: &str) -> Vec<String> {
    let mut words = nic_words(&["nic", "update"], &args.instance, args.index);
    for group in &args.security_groups {
        words.extend(["--sg".to_string(), group.clone()]);
    }
    if let Some(subnet) = &args.subnet {
        words.extend(["--subnet".to_string(), subnet.clone()]);
    }
    if let Some(ipv4) = &args.ipv4 {
        words.extend(["--ipv4".to_string(), ipv4.clone()]);
    }
    for row in &args.dns {
        words.extend(["--dns".to_string(), dns_flag(row)]);
    }
    if args.clear_dns {
        words.push("--clear-dns".into());
    }
    finish_words(words, args.send.wait, key)
}

/// The flags of `nat add` that decide its request.
pub fn nat_add_args(args: &NatAddArgs, key: &str) -> Vec<String> {
    let mut words = nic_words(&["nat", "add"], &args.instance, args.index);
    match &args.address {
        Some(NatChoice::Static(address)) => {
            words.extend(["--address".to_string(), address.clone()])
        }
        Some(NatChoice::Ephemeral) => words.extend(["--address".to_string(), "ephemeral".into()]),
        Some(NatChoice::None) | None => {}
    }
    for row in &args.dns {
        words.extend(["--dns".to_string(), dns_flag(row)]);
    }
    finish_words(words, args.send.wait, key)
}

/// The flags of `nat remove` that decide its request.
pub fn nat_remove_args(args: &NatRemoveArgs, key: &str) -> Vec<String> {
    let words = nic_words(&["nat", "remove"], &args.instance, args.index);
    finish_words(words, args.send.wait, key)
}

fn nic_words(command: &[&str], instance: &str, index: u32) -> Vec<String> {
    let mut words: Vec<String> = command.iter().map(|w| w.to_string()).collect();
    words.extend([
        "--instance".to_string(),
        instance.to_string(),
        "--index".into(),
        index.to_string(),
    ]);
    words
}

fn finish_words(mut words: Vec<String>, wait: bool, key: &str) -> Vec<String> {
    if wait {
        words.push("--wait".into());
    }
    words.extend(["--idempotency-key".to_string(), key.to_string()]);
    words
}

/// A DNS row written back as the `--dns` flag's value.
fn dns_flag(row: &DnsRow) -> String {
    let mut text = row.fqdn.clone();
    if !row.zone_id.is_empty() {
        text.push_str(&format!(",zone={}", row.zone_id));
    }
    if !row.ttl.is_empty() {
        text.push_str(&format!(",ttl={}", row.ttl));
    }
    if row.ptr {
        text.push_str(",ptr");
    }
    text
}

/// One shell word: as is when it holds only safe characters, else in single quotes (a quote
/// inside becomes `'\''`); control characters make it an ANSI-C `$'...'` word with escapes.
pub fn shell_quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        return word.to_string();
    }
    if word.chars().any(char::is_control) {
        let mut out = String::from("$'");
        for c in word.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c) & 0xff)),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_needed() {
        let cases = [
            ("fhm123", "fhm123"),
            ("http://127.0.0.1:1", "http://127.0.0.1:1"),
            ("", "''"),
            ("a b", "'a b'"),
            ("it's", "'it'\\''s'"),
            ("$HOME;rm", "'$HOME;rm'"),
            ("a\nb", "$'a\\x0ab'"),
        ];
        for (word, quoted) in cases {
            assert_eq!(shell_quote(word), quoted, "{word:?}");
        }
    }

    #[test]
    fn the_prefix_names_where_requests_go_but_never_the_token() {
        let connection = Connection {
            endpoint: Some("http://127.0.0.1:5".into()),
            folder: Some("b1g x".into()),
            iam_token: Some(crate::auth::Secret::new("t0ken")),
            ..Connection::default()
        };
        let line = Resume::new(&connection).command(&["instances".into(), "stop".into()]);
        assert_eq!(
            line,
            "ycdash --endpoint http://127.0.0.1:5 --folder 'b1g x' instances stop   # add your --iam-token as before"
        );
        assert!(!line.contains("t0ken"));
    }
}
