//! A small reader for the YAML subset the yc CLI writes in `config.yaml`: nested block mappings
//! of plain, quoted or `|` block scalars, with comments. Anything else is an error that names the line.
//! (A hand parser instead of a YAML crate: the maintained serde YAML crates are forks in flux, and
//! this file format is tiny and fixed.)

/// A parsed value: a mapping (in file order) or a string.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Scalar(String),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Node::Scalar(_) => None,
        }
    }

    /// The string, when this is a non-empty scalar.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) if !s.is_empty() => Some(s),
            _ => None,
        }
    }
}

/// Parses a document whose top level is a mapping (an empty document is an empty mapping).
pub fn parse(text: &str) -> Result<Node, String> {
    let mut parser = Parser {
        lines: text.lines().collect(),
        pos: 0,
    };
    let indent = parser.peek().map_or(0, |(_, indent, _)| indent);
    let node = parser.mapping(indent)?;
    match parser.peek() {
        Some((line, _, _)) => Err(format!("line {}: unexpected indentation", line + 1)),
        None => Ok(node),
    }
}

struct Parser<'a> {
    lines: Vec<&'a str>,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// The next line with content: (index, indentation, content without indentation).
    fn peek(&self) -> Option<(usize, usize, &'a str)> {
        (self.pos..self.lines.len()).find_map(|i| {
            let line = self.lines[i];
            let content = line.trim_start_matches(' ');
            let blank = content.trim().is_empty() || content.starts_with('#');
            (!blank).then(|| (i, line.len() - content.len(), content.trim_end()))
        })
    }

    fn mapping(&mut self, indent: usize) -> Result<Node, String> {
        let mut entries = Vec::new();
        while let Some((line, at, content)) = self.peek() {
            if at < indent {
                break;
            }
            let here = format!("line {}", line + 1);
            if at > indent {
                return Err(format!("{here}: unexpected indentation"));
            }
            self.pos = line + 1;
            let (key, rest) =
                split_key(content).ok_or_else(|| format!("{here}: expected 'key: value'"))?;
            let value = if rest.is_empty() || rest.starts_with('#') {
                match self.peek() {
                    Some((_, deeper, _)) if deeper > indent => self.mapping(deeper)?,
                    _ => Node::Scalar(String::new()),
                }
            } else if let Some(chomp) = rest.strip_prefix('|') {
                Node::Scalar(self.block(indent, chomp.trim_start().starts_with('-')))
            } else {
                Node::Scalar(scalar(rest).map_err(|e| format!("{here}: {e}"))?)
            };
            entries.push((key.to_string(), value));
        }
        Ok(Node::Map(entries))
    }

    /// A `|` block scalar: the following lines indented deeper than `parent`.
    fn block(&mut self, parent: usize, strip: bool) -> String {
        let mut taken: Vec<&str> = Vec::new();
        let mut block_indent = None;
        while let Some(&line) = self.lines.get(self.pos) {
            let content = line.trim_start_matches(' ');
            let at = line.len() - content.len();
            if content.trim().is_empty() {
                taken.push("");
            } else if at > parent && block_indent.is_none_or(|b| at >= b) {
                let b = *block_indent.get_or_insert(at);
                taken.push(&line[b..]);
            } else {
                break;
            }
            self.pos += 1;
        }
        while taken.last() == Some(&"") {
            taken.pop();
        }
        let mut text = taken.join("\n");
        if !strip && !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

/// `key: rest` or `key:` (rest empty); the key is plain text without ': '.
fn split_key(content: &str) -> Option<(&str, &str)> {
    let (key, rest) = match content.find(": ") {
        Some(i) => (&content[..i], &content[i + 2..]),
        None => (content.strip_suffix(':')?, ""),
    };
    let key = key.trim();
    (!key.is_empty() && !key.starts_with('-')).then_some((key, rest.trim()))
}

/// A plain, 'single' or "double" quoted scalar; a trailing ` # comment` is dropped.
fn scalar(rest: &str) -> Result<String, String> {
    if let Some(body) = rest.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    out.push('\'');
                }
                '\'' => return Ok(out),
                c => out.push(c),
            }
        }
        Err("unterminated 'string'".into())
    } else if let Some(body) = rest.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => break,
                },
                '"' => return Ok(out),
                c => out.push(c),
            }
        }
        Err("unterminated \"string\"".into())
    } else if rest.starts_with(['[', '{', '-', '&', '*', '!', '>']) {
        Err("only plain, quoted and | scalars are supported here".into())
    } else {
        let plain = rest.split(" #").next().unwrap_or_default();
        Ok(plain.trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YC: &str = r#"# written by yc
current: sa
profiles:
  default:
    token: AQAAoauth   # comment
    cloud-id: b1gcloud
    folder-id: "b1gfolder"
  sa:
    service-account-key:
      id: ajekey
      service_account_id: 'ajesa'
      created_at: "2024-01-01T00:00:00Z"
      private_key: |
        PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekey>
        -----BEGIN PRIVATE KEY-----
        MIIE
        -----END PRIVATE KEY-----
    endpoint: api.example:443
    empty:
"#;

    #[test]
    fn reads_the_yc_layout() {
        let doc = parse(YC).unwrap();
        assert_eq!(doc.get("current").and_then(Node::as_str), Some("sa"));
        let default = doc.get("profiles").and_then(|p| p.get("default")).unwrap();
        assert_eq!(
            default.get("token").and_then(Node::as_str),
            Some("AQAAoauth")
        );
        assert_eq!(
            default.get("folder-id").and_then(Node::as_str),
            Some("b1gfolder")
        );
        let sa = doc.get("profiles").and_then(|p| p.get("sa")).unwrap();
        let key = sa.get("service-account-key").unwrap();
        assert_eq!(
            key.get("service_account_id").and_then(Node::as_str),
            Some("ajesa")
        );
        assert_eq!(
            key.get("private_key").and_then(Node::as_str),
            Some(
                "PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <ajekey>\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"
            )
        );
        assert_eq!(
            sa.get("endpoint").and_then(Node::as_str),
            Some("api.example:443")
        );
        assert_eq!(sa.get("empty"), Some(&Node::Scalar(String::new())));
    }

    #[test]
    fn quoting_and_chomping() {
        let doc =
            parse("a: 'it''s'\nb: \"x\\\"y\"\nc: |-\n  one\n\n  two\nd: plain # c\n").unwrap();
        assert_eq!(doc.get("a").and_then(Node::as_str), Some("it's"));
        assert_eq!(doc.get("b").and_then(Node::as_str), Some("x\"y"));
        assert_eq!(doc.get("c").and_then(Node::as_str), Some("one\n\ntwo"));
        assert_eq!(doc.get("d").and_then(Node::as_str), Some("plain"));
        assert_eq!(parse("").unwrap(), Node::Map(vec![]));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            parse("a: 1\n   b: 2\n").unwrap_err(),
            "line 2: unexpected indentation"
        );
        assert_eq!(
            parse("a: 1\n- x\n").unwrap_err(),
            "line 2: expected 'key: value'"
        );
        assert!(parse("a: [1, 2]\n").unwrap_err().starts_with("line 1:"));
        assert!(parse("a: 'open\n").unwrap_err().contains("unterminated"));
        assert!(parse("  a: 1\nb: 2\n").unwrap_err().starts_with("line 2"));
    }
}
