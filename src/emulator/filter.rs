//! List filter expressions: a tokenizer and parser for `<field> <op> <value> [AND ...]`.

use crate::api::proto::yandex::cloud::compute::v1::{Instance, instance};
use tonic::Status;

/// A token and the 1-based character position where it starts.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str { value: String, double: bool },
    Eq,
    Ne,
    LParen,
    RParen,
    Comma,
}

fn err(pos: usize, what: &str) -> Status {
    Status::invalid_argument(format!("filter: {what} at position {pos}"))
}

fn tokenize(input: &str) -> Result<Vec<(usize, Tok)>, Status> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let pos = i + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '=' => {
                out.push((pos, Tok::Eq));
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push((pos, Tok::Ne));
                i += 2;
            }
            '(' | ')' | ',' => {
                let tok = match c {
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    _ => Tok::Comma,
                };
                out.push((pos, tok));
                i += 1;
            }
            '"' | '\'' => {
                let mut value = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err(err(pos, "unterminated string")),
                        Some('\\') => match chars.get(i + 1) {
                            Some(&e) => {
                                value.push(e);
                                i += 2;
                            }
                            None => return Err(err(pos, "unterminated string")),
                        },
                        Some(&q) if q == c => {
                            i += 1;
                            break;
                        }
                        Some(&o) => {
                            value.push(o);
                            i += 1;
                        }
                    }
                }
                out.push((
                    pos,
                    Tok::Str {
                        value,
                        double: c == '"',
                    },
                ));
            }
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::new();
                while let Some(&w) = chars.get(i) {
                    if !(w.is_ascii_alphanumeric() || w == '_' || w == '.') {
                        break;
                    }
                    word.push(w);
                    i += 1;
                }
                out.push((pos, Tok::Word(word)));
            }
            other => {
                return Err(err(
                    pos,
                    &format!("unexpected character '{}'", other.escape_debug()),
                ));
            }
        }
    }
    Ok(out)
}

/// An instance field a filter can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    CreatedAt,
    Status,
    ZoneId,
    PlatformId,
    HostId,
}

impl Field {
    fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "id" => Self::Id,
            "name" => Self::Name,
            "created_at" | "createdAt" => Self::CreatedAt,
            "status" => Self::Status,
            "zone_id" | "zoneId" => Self::ZoneId,
            "platform_id" | "platformId" => Self::PlatformId,
            "host_id" | "hostId" => Self::HostId,
            _ => return None,
        })
    }

    fn value(self, i: &Instance) -> String {
        match self {
            Self::Id => i.id.clone(),
            Self::Name => i.name.clone(),
            Self::CreatedAt => i
                .created_at
                .as_ref()
                .map(super::clock::rfc3339)
                .unwrap_or_default(),
            Self::Status => instance::Status::try_from(i.status)
                .map(|s| s.as_str_name().to_string())
                .unwrap_or_default(),
            Self::ZoneId => i.zone_id.clone(),
            Self::PlatformId => i.platform_id.clone(),
            Self::HostId => i.host_id.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Condition {
    field: Field,
    negate: bool,
    values: Vec<String>,
}

/// A parsed instance filter; the empty filter matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InstanceFilter {
    conditions: Vec<Condition>,
}

impl InstanceFilter {
    /// Parses an instance filter; errors are INVALID_ARGUMENT naming the position.
    pub fn parse(input: &str) -> Result<Self, Status> {
        let toks = tokenize(input)?;
        let end = input.chars().count() + 1;
        let mut it = toks.into_iter().peekable();
        let mut conditions = Vec::new();
        if it.peek().is_none() {
            return Ok(Self { conditions });
        }
        loop {
            let (pos, field) = match it.next() {
                Some((pos, Tok::Word(w))) => match Field::parse(&w) {
                    Some(f) => (pos, f),
                    None => return Err(err(pos, &format!("unknown field '{}'", w.escape_debug()))),
                },
                Some((pos, _)) => return Err(err(pos, "expected a field name")),
                None => return Err(err(end, "expected a field name")),
            };
            let (negate, list) = match it.next() {
                Some((_, Tok::Eq)) => (false, false),
                Some((_, Tok::Ne)) => (true, false),
                Some((_, Tok::Word(w))) if w.eq_ignore_ascii_case("in") => (false, true),
                Some((p, Tok::Word(w))) if w.eq_ignore_ascii_case("not") => match it.next() {
                    Some((_, Tok::Word(w2))) if w2.eq_ignore_ascii_case("in") => (true, true),
                    _ => return Err(err(p, "expected IN after NOT")),
                },
                Some((p, _)) => return Err(err(p, "expected an operator (=, !=, IN, NOT IN)")),
                None => return Err(err(end, "expected an operator (=, !=, IN, NOT IN)")),
            };
            let values = if list {
                parse_list(&mut it, end)?
            } else {
                match it.next() {
                    Some((_, Tok::Str { value, .. })) => vec![value],
                    Some((p, _)) => return Err(err(p, "expected a quoted string")),
                    None => return Err(err(end, "expected a quoted string")),
                }
            };
            if field == Field::Status {
                check_statuses(&values, pos)?;
            }
            conditions.push(Condition {
                field,
                negate,
                values,
            });
            match it.next() {
                None => return Ok(Self { conditions }),
                Some((_, Tok::Word(w))) if w.eq_ignore_ascii_case("and") => {}
                Some((p, _)) => return Err(err(p, "expected AND or the end of the filter")),
            }
        }
    }

    /// Whether an instance satisfies every condition.
    pub fn matches(&self, i: &Instance) -> bool {
        self.conditions.iter().all(|c| {
            let v = c.field.value(i);
            c.values.contains(&v) != c.negate
        })
    }
}

fn parse_list(
    it: &mut impl Iterator<Item = (usize, Tok)>,
    end: usize,
) -> Result<Vec<String>, Status> {
    match it.next() {
        Some((_, Tok::LParen)) => {}
        Some((p, _)) => return Err(err(p, "expected '(' to start a list")),
        None => return Err(err(end, "expected '(' to start a list")),
    }
    let mut values = Vec::new();
    loop {
        match it.next() {
            Some((_, Tok::Str { value, .. })) => values.push(value),
            Some((p, _)) => return Err(err(p, "expected a quoted string")),
            None => return Err(err(end, "expected a quoted string")),
        }
        match it.next() {
            Some((_, Tok::Comma)) => {}
            Some((_, Tok::RParen)) => return Ok(values),
            Some((p, _)) => return Err(err(p, "expected ',' or ')'")),
            None => return Err(err(end, "unterminated list, expected ')'")),
        }
    }
}

fn check_statuses(values: &[String], pos: usize) -> Result<(), Status> {
    for v in values {
        if instance::Status::from_str_name(v).is_none() {
            return Err(err(pos, &format!("unknown status '{}'", v.escape_debug())));
        }
    }
    Ok(())
}

/// Parses the `name = "x"` filter of the non-instance lists; `None` for an empty filter.
pub fn parse_name_filter(input: &str) -> Result<Option<String>, Status> {
    let toks = tokenize(input)?;
    let mut it = toks.into_iter();
    let end = input.chars().count() + 1;
    match it.next() {
        None => return Ok(None),
        Some((_, Tok::Word(w))) if w == "name" => {}
        Some((p, _)) => {
            return Err(err(
                p,
                "only `name = \"...\"` is supported, expected 'name'",
            ));
        }
    }
    match it.next() {
        Some((_, Tok::Eq)) => {}
        Some((p, _)) => return Err(err(p, "only the '=' operator is supported")),
        None => return Err(err(end, "expected '='")),
    }
    let value = match it.next() {
        Some((
            _,
            Tok::Str {
                value,
                double: true,
            },
        )) => value,
        Some((p, _)) => return Err(err(p, "expected a double-quoted string")),
        None => return Err(err(end, "expected a double-quoted string")),
    };
    match it.next() {
        None => Ok(Some(value)),
        Some((p, _)) => Err(err(p, "unexpected input after the value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(name: &str, status: instance::Status, zone: &str) -> Instance {
        Instance {
            id: format!("fhm{name}"),
            name: name.into(),
            status: status.into(),
            zone_id: zone.into(),
            created_at: Some(super::super::clock::ts(super::super::clock::SEED_EPOCH)),
            ..Default::default()
        }
    }

    #[test]
    fn parses_and_matches_conditions() {
        let web = inst("web-1", instance::Status::Running, "ru-central1-a");
        let ok = [
            "",
            "  ",
            "name=\"web-1\"",
            "name = 'web-1'",
            "status IN (\"RUNNING\", 'STOPPED')",
            "status not in ('STOPPED') and zone_id = \"ru-central1-a\"",
            "name != \"x\" AND id = \"fhmweb-1\"",
            "created_at = \"2024-01-01T00:00:00Z\"",
            "host_id = \"\" AND platform_id != 'standard-v3'",
        ];
        for f in ok {
            let parsed = InstanceFilter::parse(f);
            assert!(
                parsed.as_ref().is_ok_and(|p| p.matches(&web)),
                "{f}: {parsed:?}"
            );
        }
        let miss = [
            "name = \"web-2\"",
            "status = \"STOPPED\"",
            "zone_id NOT IN (\"ru-central1-a\")",
        ];
        for f in miss {
            assert!(
                InstanceFilter::parse(f).is_ok_and(|p| !p.matches(&web)),
                "{f}"
            );
        }
    }

    #[test]
    fn rejects_bad_filters_with_a_position() {
        let bad = [
            ("color = \"red\"", "unknown field 'color' at position 1"),
            ("name ~ \"x\"", "unexpected character '~' at position 6"),
            ("name = \"x", "unterminated string at position 8"),
            (
                "name = \"x\" garbage",
                "expected AND or the end of the filter at position 12",
            ),
            ("name = x", "expected a quoted string at position 8"),
            (
                "status IN \"RUNNING\"",
                "expected '(' to start a list at position 11",
            ),
            ("status IN (\"RUNNING\"", "unterminated list"),
            ("status = \"SLEEPING\"", "unknown status 'SLEEPING'"),
            ("name NOT = \"x\"", "expected IN after NOT"),
            ("name = \"x\" AND", "expected a field name"),
            ("name", "expected an operator"),
        ];
        for (f, want) in bad {
            let e = InstanceFilter::parse(f).expect_err(f);
            assert_eq!(e.code(), tonic::Code::InvalidArgument);
            assert!(e.message().contains(want), "{f}: {}", e.message());
        }
    }

    #[test]
    fn name_filter_is_strict() {
        assert_eq!(parse_name_filter("").ok(), Some(None));
        assert_eq!(
            parse_name_filter("name = \"a\"").ok(),
            Some(Some("a".into()))
        );
        for bad in [
            "name = 'a'",
            "name != \"a\"",
            "id = \"a\"",
            "name = \"a\" AND",
            "name",
        ] {
            assert!(parse_name_filter(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arbitrary_input_never_panics() {
        let pieces = [
            "name",
            "=",
            "!=",
            "!",
            "IN",
            "NOT",
            "AND",
            "(",
            ")",
            ",",
            "\"",
            "'",
            "\\",
            "é",
            "\u{0}",
            "status",
            "\"RUNNING\"",
            " ",
            "'x'",
            "))",
            "((",
            "created_at",
            "🦀",
        ];
        let mut seed = 7u64;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..(seed % 9) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let _ = InstanceFilter::parse(&s);
            let _ = parse_name_filter(&s);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_is_refused_without_echoing_controls(
            input in "(\\PC|[\\x00-\\x1f\\x7f\\u{9b}]|name|status|=|!=| IN | AND |\"|'|\\(|\\)|,){0,400}"
        ) {
            let one = inst("web-1", instance::Status::Running, "ru-central1-a");
            match InstanceFilter::parse(&input) {
                Ok(filter) => {
                    let _ = filter.matches(&one);
                }
                Err(status) => proptest::prop_assert!(!status.message().chars().any(char::is_control)),
            }
            if let Err(status) = parse_name_filter(&input) {
                proptest::prop_assert!(!status.message().chars().any(char::is_control));
            }
        }
    }
}
