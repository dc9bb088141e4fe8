//! The list's filter-as-you-type: whitespace-separated terms that must all match, searched in
//! one pre-built, lower-cased key per row. A plain term is a substring of the name, id, an
//! IPv4 address or a `key=value` label; `label:key=value` needs that label exactly and
//! `label:key` that key with any value. For the list's note, a query also tells which field a
//! plain term matched (a label, say, which no column shows).

use memchr::memmem::Finder;

/// Separates the fields of a search key; no term can contain it.
const FIELD: char = '\u{1f}';
/// Starts and ends each label in a search key; terms are split on whitespace, so never hold it.
const LABEL: char = '\n';

/// A row's search key: `name␟id␟ip␟public␟\nk=v\nk=v\n`, lower-cased, with control
/// characters in the texts shown as U+FFFD so none can pose as a separator.
pub fn search_key<'a>(
    name: &str,
    id: &str,
    ip: &str,
    public_ip: &str,
    labels: impl Iterator<Item = (&'a str, &'a str)>,
) -> Box<str> {
    let mut labels: Vec<String> = labels
        .map(|(k, v)| format!("{}={}", clean(k), clean(v)))
        .collect();
    labels.sort_unstable();
    let mut key = [clean(name), clean(id), ip.into(), public_ip.into()].join("\u{1f}");
    key.push(FIELD);
    key.push(LABEL);
    for label in labels {
        key.push_str(&label);
        key.push(LABEL);
    }
    key.into()
}

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Where a plain term matched in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchedField {
    Name,
    Id,
    Ip,
    PublicIp,
    /// The whole `key=value` label, lower-cased.
    Label(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Text(String),
    /// `label:key` (no value) or `label:key=value`.
    Label {
        key: String,
        value: Option<String>,
    },
}

impl Term {
    fn parse(word: &str) -> Option<Self> {
        let Some(rest) = word.strip_prefix("label:") else {
            return Some(Self::Text(clean(word)));
        };
        let (key, value) = match rest.split_once('=') {
            Some((key, value)) => (key, Some(clean(value))),
            None => (rest, None),
        };
        // `label:` alone, as typed on the way to `label:env`, narrows nothing yet.
        (!key.is_empty()).then(|| Self::Label {
            key: clean(key),
            value,
        })
    }

    /// What to look for in a search key.
    fn needle(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Label { key, value: None } => format!("{LABEL}{key}="),
            Self::Label {
                key,
                value: Some(value),
            } => format!("{LABEL}{key}={value}{LABEL}"),
        }
    }

    /// Whether every row this term matches also matches `wider`.
    fn within(&self, wider: &Self) -> bool {
        match (self, wider) {
            (Self::Text(narrow), Self::Text(wide)) => narrow.contains(wide.as_str()),
            (Self::Label { key, value }, Self::Label { key: k, value: v }) => {
                key == k && (v.is_none() || value == v)
            }
            _ => false,
        }
    }
}

/// A parsed filter; empty when it has no term (everything matches).
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Vec<(Term, Finder<'static>)>,
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let terms = text
            .split_whitespace()
            .filter_map(Term::parse)
            .map(|term| {
                let finder = Finder::new(term.needle().as_bytes()).into_owned();
                (term, finder)
            })
            .collect();
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a row with this search key matches every term.
    pub fn matches(&self, key: &str) -> bool {
        self.terms
            .iter()
            .all(|(_, finder)| finder.find(key.as_bytes()).is_some())
    }

    /// Whether every row matching `self` also matches `before`, so `self` can be applied by
    /// narrowing `before`'s matches instead of scanning every row.
    pub fn narrows(&self, before: &Self) -> bool {
        before.terms.len() <= self.terms.len()
            && self
                .terms
                .iter()
                .zip(&before.terms)
                .all(|((narrow, _), (wide, _))| narrow.within(wide))
    }

    /// For each plain term, the first field of the row it matched (name first, labels last).
    pub fn matched_fields(&self, key: &str) -> Vec<MatchedField> {
        self.terms
            .iter()
            .filter(|(term, _)| matches!(term, Term::Text(_)))
            .filter_map(|(_, finder)| finder.find(key.as_bytes()))
            .map(|at| field_at(key, at))
            .collect()
    }
}

/// The field of a search key that holds byte `at`.
fn field_at(key: &str, at: usize) -> MatchedField {
    let before = key.get(..at).unwrap_or_default();
    match before.matches(FIELD).count() {
        0 => MatchedField::Name,
        1 => MatchedField::Id,
        2 => MatchedField::Ip,
        3 => MatchedField::PublicIp,
        _ => {
            let start = before.rfind(LABEL).map_or(0, |i| i + 1);
            let rest = key.get(start..).unwrap_or_default();
            let label = rest.split(LABEL).next().unwrap_or_default();
            MatchedField::Label(label.to_string())
        }
    }
}

#[cfg(test)]
#[path = "filter_query_tests.rs"]
mod tests;
