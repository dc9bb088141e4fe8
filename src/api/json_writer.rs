//! A streaming writer of protobuf JSON objects straight into a byte buffer, laid out as
//! serde_json lays them out (pretty with a two-space indent, or compact), with proto3's rules:
//! default values left out, 64-bit integers as strings, enums by name, RFC 3339 times, and
//! every string terminal-safe as [`super::json::escape_controls`] makes it.

use std::{collections::HashMap, fmt::Display, io::Write};

use prost_types::{Duration, Timestamp};

/// The messages [`ObjectWriter`] can write: each lists its fields in field-number order.
pub trait JsonFields {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) -> Result<(), String>;
}

/// Appends `message` as one JSON object to `out`: pretty (two-space indent, no trailing
/// newline) or compact on one line.
pub fn write_message<M: JsonFields>(
    message: &M,
    pretty: bool,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let mut object = ObjectWriter::open(out, pretty, 0);
    message.write_fields(&mut object)?;
    object.close();
    Ok(())
}

/// Appends `message` as one pretty element of a top-level JSON array: as [`write_message`]
/// writes it, with every line after the first indented by two more spaces.
pub fn write_array_element<M: JsonFields>(message: &M, out: &mut Vec<u8>) -> Result<(), String> {
    let mut object = ObjectWriter::open(out, true, 1);
    message.write_fields(&mut object)?;
    object.close();
    Ok(())
}

/// One open JSON object; fields are written with the typed methods, then [`Self::close`].
pub struct ObjectWriter<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    /// The nesting depth of this object's fields.
    depth: usize,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    fn open(out: &'a mut Vec<u8>, pretty: bool, depth: usize) -> Self {
        out.push(b'{');
        Self {
            out,
            pretty,
            depth: depth + 1,
            empty: true,
        }
    }

    fn close(self) {
        close(self.out, self.pretty, self.depth, self.empty, b'}');
    }

    /// Starts the next member (or array element, when `name` is `None`) of this object.
    fn key(&mut self, name: &str) {
        separate(self.out, self.pretty, self.depth, self.empty);
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out
            .extend_from_slice(if self.pretty { b"\": " } else { b"\":" });
    }

    /// A string field, left out when empty.
    pub fn string(&mut self, name: &str, value: &str) {
        if !value.is_empty() {
            self.key(name);
            write_str(self.out, value);
        }
    }

    pub fn boolean(&mut self, name: &str, value: bool) {
        if value {
            self.key(name);
            self.out.extend_from_slice(b"true");
        }
    }

    /// An int64 field, written as a string as proto3 JSON does; left out when 0.
    pub fn int64(&mut self, name: &str, value: i64) {
        if value != 0 {
            self.key(name);
            let _ = write!(self.out, "\"{value}\"");
        }
    }

    /// An enum field by its value name (its number when unknown); left out when 0.
    pub fn enumeration(&mut self, name: &str, value: i32, names: fn(i32) -> Option<&'static str>) {
        if value == 0 {
            return;
        }
        self.key(name);
        match names(value) {
            Some(text) => write_str(self.out, text),
            None => {
                let _ = write!(self.out, "{value}");
            }
        }
    }

    /// A message field, left out when unset; a set message with no fields is `{}`.
    pub fn message<M: JsonFields>(&mut self, name: &str, value: Option<&M>) -> Result<(), String> {
        match value {
            Some(message) => {
                self.key(name);
                self.nested(message)
            }
            None => Ok(()),
        }
    }

    fn nested<M: JsonFields>(&mut self, message: &M) -> Result<(), String> {
        let mut object = ObjectWriter::open(self.out, self.pretty, self.depth);
        message.write_fields(&mut object)?;
        object.close();
        Ok(())
    }

    /// A repeated message field, left out when empty.
    pub fn messages<M: JsonFields>(&mut self, name: &str, values: &[M]) -> Result<(), String> {
        if values.is_empty() {
            return Ok(());
        }
        self.key(name);
        self.out.push(b'[');
        let depth = self.depth + 1;
        for (i, message) in values.iter().enumerate() {
            separate(self.out, self.pretty, depth, i == 0);
            let mut object = ObjectWriter::open(self.out, self.pretty, depth);
            message.write_fields(&mut object)?;
            object.close();
        }
        close(self.out, self.pretty, depth, false, b']');
        Ok(())
    }

    /// A repeated string field, left out when empty.
    pub fn strings(&mut self, name: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.key(name);
        self.out.push(b'[');
        let depth = self.depth + 1;
        for (i, value) in values.iter().enumerate() {
            separate(self.out, self.pretty, depth, i == 0);
            write_str(self.out, value);
        }
        close(self.out, self.pretty, depth, false, b']');
    }

    /// A `map<string, string>` field, in key order so the output is the same on every run;
    /// left out when empty.
    pub fn string_map(&mut self, name: &str, map: &HashMap<String, String>) {
        if map.is_empty() {
            return;
        }
        self.key(name);
        let mut object = ObjectWriter::open(self.out, self.pretty, self.depth);
        for (key, value) in sorted(map) {
            object.map_key(key);
            write_str(object.out, value);
        }
        object.close();
    }

    /// A `map<string, Message>` field, in key order; left out when empty.
    pub fn message_map<M: JsonFields>(
        &mut self,
        name: &str,
        map: &HashMap<String, M>,
    ) -> Result<(), String> {
        if map.is_empty() {
            return Ok(());
        }
        self.key(name);
        let mut object = ObjectWriter::open(self.out, self.pretty, self.depth);
        for (key, value) in sorted(map) {
            object.map_key(key);
            object.nested(value)?;
        }
        object.close();
        Ok(())
    }

    /// A map key, escaped like any string (field names need no escaping).
    fn map_key(&mut self, key: &str) {
        separate(self.out, self.pretty, self.depth, self.empty);
        self.empty = false;
        write_str(self.out, key);
        self.out
            .extend_from_slice(if self.pretty { b": " } else { b":" });
    }

    /// A `google.protobuf.Timestamp` in RFC 3339; one outside years 1–9999 is an error.
    pub fn timestamp(&mut self, name: &str, value: Option<&Timestamp>) -> Result<(), String> {
        const MIN_SECONDS: i64 = -62_135_596_800;
        const MAX_SECONDS: i64 = 253_402_300_799;
        let in_range = |t: &Timestamp| (MIN_SECONDS..=MAX_SECONDS).contains(&t.seconds);
        self.displayed_in_range(name, value, in_range, "timestamp")
    }

    /// A `google.protobuf.Duration` such as `"30s"`; one beyond ±10,000 years is an error.
    pub fn duration(&mut self, name: &str, value: Option<&Duration>) -> Result<(), String> {
        const MAX_SECONDS: u64 = 315_576_000_000;
        const MAX_NANOS: u32 = 999_999_999;
        let in_range = |d: &Duration| {
            d.seconds.unsigned_abs() <= MAX_SECONDS && d.nanos.unsigned_abs() <= MAX_NANOS
        };
        self.displayed_in_range(name, value, in_range, "duration")
    }

    /// `value`, if any, written as a string member; one that is not `in_range` is an error
    /// naming `what`.
    fn displayed_in_range<T: Display>(
        &mut self,
        name: &str,
        value: Option<&T>,
        in_range: impl Fn(&T) -> bool,
        what: &str,
    ) -> Result<(), String> {
        match value {
            Some(v) if !in_range(v) => Err(format!("{what} out of range")),
            Some(v) => {
                self.key(name);
                self.display(v);
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn display(&mut self, value: &impl Display) {
        self.out.push(b'"');
        let _ = write!(self.out, "{value}");
        self.out.push(b'"');
    }
}

fn sorted<V>(map: &HashMap<String, V>) -> Vec<(&String, &V)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// What comes before a member or element: a comma after the first, and in pretty layout a
/// newline and the indent.
fn separate(out: &mut Vec<u8>, pretty: bool, depth: usize, first: bool) {
    if !first {
        out.push(b',');
    }
    if pretty {
        out.push(b'\n');
        indent(out, depth);
    }
}

/// Ends an object or array whose members sat at `depth`.
fn close(out: &mut Vec<u8>, pretty: bool, depth: usize, empty: bool, bracket: u8) {
    if pretty && !empty {
        out.push(b'\n');
        indent(out, depth - 1);
    }
    out.push(bracket);
}

fn indent(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(b"  ");
    }
}

/// A JSON string as serde_json escapes it, with DEL, C1 controls and bidirectional overrides
/// also written as `\uXXXX`, so it is safe on a terminal and reads back as the same text.
fn write_str(out: &mut Vec<u8>, value: &str) {
    let plain = value
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    if plain {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
        return;
    }
    let start = out.len();
    let _ = serde_json::to_writer(&mut *out, value);
    let written = std::str::from_utf8(&out[start..]).unwrap_or_default();
    if written.chars().any(crate::safe_text::is_unsafe) {
        let escaped = super::json::escape_controls(written);
        out.truncate(start);
        out.extend_from_slice(escaped.as_bytes());
    }
}
