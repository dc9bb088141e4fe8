//! List paging: page_size rules and opaque page tokens (an offset or the last key seen).

use tonic::Status;

/// Where a page starts.
#[derive(Debug, PartialEq, Eq)]
pub enum Cursor {
    /// Skip this many items of the ordered result.
    Offset(usize),
    /// Start after this key (lists ordered by id).
    After(String),
}

/// page_size: 0 means the default 100; negative or above 1000 is INVALID_ARGUMENT.
pub fn page_size(value: i64) -> Result<usize, Status> {
    match value {
        0 => Ok(100),
        1..=1000 => usize::try_from(value)
            .map_err(|_| Status::invalid_argument("page_size: must be between 0 and 1000")),
        _ => Err(Status::invalid_argument(format!(
            "page_size: {value} is out of range, must be between 0 and 1000"
        ))),
    }
}

/// Decodes a page token; the empty token is the first page.
pub fn decode(token: &str) -> Result<Cursor, Status> {
    if token.is_empty() {
        return Ok(Cursor::Offset(0));
    }
    let bad = || Status::invalid_argument("page_token: invalid page token");
    let text = unhex(token).ok_or_else(bad)?;
    if let Some(n) = text.strip_prefix("o:") {
        return n.parse().map(Cursor::Offset).map_err(|_| bad());
    }
    match text.strip_prefix("a:") {
        Some(key) if !key.is_empty() => Ok(Cursor::After(key.to_string())),
        _ => Err(bad()),
    }
}

/// The token for the page starting at `offset`.
pub fn offset_token(offset: usize) -> String {
    hex(&format!("o:{offset}"))
}

/// The token for the page starting after `key`.
pub fn after_token(key: &str) -> String {
    hex(&format!("a:{key}"))
}

/// One page of an ordered vector with offset tokens.
pub fn page<T>(items: Vec<T>, page_size: i64, token: &str) -> Result<(Vec<T>, String), Status> {
    let size = self::page_size(page_size)?;
    let Cursor::Offset(start) = decode(token)? else {
        return Err(Status::invalid_argument("page_token: invalid page token"));
    };
    let total = items.len();
    let end = start.saturating_add(size).min(total);
    let next = if end < total {
        offset_token(end)
    } else {
        String::new()
    };
    let page = items.into_iter().skip(start).take(size).collect();
    Ok((page, next))
}

/// One page of a small folder collection, after the strict `name = "x"` filter.
pub fn named<'a, T: Clone + 'a>(
    items: impl Iterator<Item = &'a T>,
    name: impl Fn(&T) -> &str,
    filter: &str,
    page_size: i64,
    token: &str,
) -> Result<(Vec<T>, String), Status> {
    super::validate::list_fields(token, filter)?;
    let wanted = super::filter::parse_name_filter(filter)?;
    let matching = items
        .filter(|i| wanted.as_deref().is_none_or(|w| name(i) == w))
        .cloned()
        .collect();
    page(matching, page_size, token)
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(token: &str) -> Option<String> {
    if !token.len().is_multiple_of(2) || !token.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_garbage() {
        assert_eq!(decode(&offset_token(42)).ok(), Some(Cursor::Offset(42)));
        assert_eq!(
            decode(&after_token("fhmabc")).ok(),
            Some(Cursor::After("fhmabc".into()))
        );
        for bad in ["zz", "abc", "6f3a78", "é1", "613a"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(0).ok(), Some(100));
        assert_eq!(page_size(1000).ok(), Some(1000));
        assert!(page_size(1001).is_err());
        assert!(page_size(-1).is_err());
    }

    #[test]
    fn pages_walk_everything() {
        let (p1, t1) = page((0..5).collect(), 2, "").unwrap_or_default();
        assert_eq!(p1, vec![0, 1]);
        let (p3, t3) = page((0..5).collect(), 2, &offset_token(4)).unwrap_or_default();
        assert_eq!(p3, vec![4]);
        assert!(!t1.is_empty() && t3.is_empty());
    }
}
