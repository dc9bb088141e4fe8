//! The direct writer against the reflection-based one (encode, `DynamicMessage`, serde), which
//! is what `instances list --format json` printed before: byte for byte, on instances with
//! every field of every nested message set, built from the descriptors so a field added to
//! the protos and not to the writer fails here.

use std::collections::HashMap;

use prost::Message;
use prost_reflect::{
    DynamicMessage, Kind, MapKey, MessageDescriptor, ReflectMessage, SerializeOptions, Value,
};

use super::super::{json, json_writer::write_message};

fn dynamic(instance: &Instance) -> DynamicMessage {
    json::dynamic(instance).unwrap()
}
use super::*;

/// The old path: the message through prost-reflect's serde support, then made terminal-safe.
fn reflected(message: &DynamicMessage, pretty: bool) -> String {
    let options = SerializeOptions::new().use_proto_field_name(true);
    let mut out = Vec::new();
    if pretty {
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"  ");
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        message.serialize_with_options(&mut serializer, &options)
    } else {
        message.serialize_with_options(&mut serde_json::Serializer::new(&mut out), &options)
    }
    .unwrap();
    json::escape_controls(&String::from_utf8(out).unwrap())
}

fn written(instance: &Instance, pretty: bool) -> String {
    let mut out = Vec::new();
    write_message(instance, pretty, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Text that needs every kind of escaping: quotes, backslash, C0, DEL, C1, a bidi override.
fn hostile(name: &str) -> String {
    format!("{name}\"\\\n\u{1b}]0;x\u{7}\u{7f}\u{9b}\u{202e}é-日本")
}

/// How to fill a message: which member of each oneof to set, and whether enums get a number
/// with no name.
#[derive(Clone, Copy)]
struct Fill {
    oneof_member: usize,
    unknown_enums: bool,
    map_entries: usize,
}

/// A message of `desc` with every field set to a non-default value, nested `depth` deep;
/// at depth 0 every message is set but empty.
fn filled(desc: &MessageDescriptor, fill: Fill, depth: usize) -> DynamicMessage {
    let mut message = DynamicMessage::new(desc.clone());
    match desc.full_name() {
        "google.protobuf.Timestamp" => {
            let t = prost_types::Timestamp {
                seconds: 1_700_000_123,
                nanos: 450_000_000,
            };
            return DynamicMessage::decode(desc.clone(), t.encode_to_vec().as_slice()).unwrap();
        }
        "google.protobuf.Duration" => {
            let d = prost_types::Duration {
                seconds: 90,
                nanos: 5,
            };
            return DynamicMessage::decode(desc.clone(), d.encode_to_vec().as_slice()).unwrap();
        }
        _ if depth == 0 => return message,
        _ => {}
    }
    for field in desc.fields() {
        if let Some(oneof) = field.containing_oneof() {
            let members: Vec<_> = oneof.fields().collect();
            if members[fill.oneof_member % members.len()] != field {
                continue;
            }
        }
        let one = |kind: &Kind| value(kind, field.name(), fill, depth);
        let v = if field.is_map() {
            let Kind::Message(entry) = field.kind() else {
                unreachable!("a map field is a message of entries")
            };
            let value_kind = entry.map_entry_value_field().kind();
            Value::Map(
                (0..fill.map_entries)
                    .map(|i| {
                        (
                            MapKey::String(format!("k{i}-{}", hostile(""))),
                            one(&value_kind),
                        )
                    })
                    .collect::<HashMap<_, _>>(),
            )
        } else if field.is_list() {
            Value::List(vec![one(&field.kind()), one(&field.kind())])
        } else {
            one(&field.kind())
        };
        message.set_field(&field, v);
    }
    message
}

fn value(kind: &Kind, name: &str, fill: Fill, depth: usize) -> Value {
    match kind {
        Kind::String => Value::String(hostile(name)),
        Kind::Int64 => Value::I64(-9_007_199_254_740_993),
        Kind::Int32 => Value::I32(7),
        Kind::Bool => Value::Bool(true),
        Kind::Enum(e) if fill.unknown_enums => Value::EnumNumber(e.values().len() as i32 + 40),
        Kind::Enum(e) => Value::EnumNumber(e.values().last().map_or(1, |v| v.number())),
        Kind::Message(m) => Value::Message(filled(m, fill, depth - 1)),
        other => panic!("no filler for {other:?}; the writer may miss this field kind too"),
    }
}

fn instances(map_entries: usize) -> Vec<Instance> {
    let desc = json::pool()
        .get_message_by_name("yandex.cloud.compute.v1.Instance")
        .unwrap();
    let mut all = vec![Instance::default()];
    for oneof_member in 0..2 {
        for unknown_enums in [false, true] {
            for depth in [1, 8] {
                let fill = Fill {
                    oneof_member,
                    unknown_enums,
                    map_entries,
                };
                all.push(filled(&desc, fill, depth).transcode_to().unwrap());
            }
        }
    }
    all
}

#[test]
fn every_field_matches_the_reflected_json_byte_for_byte() {
    for instance in instances(1) {
        let dynamic = dynamic(&instance);
        for pretty in [true, false] {
            assert_eq!(written(&instance, pretty), reflected(&dynamic, pretty));
        }
    }
}

#[test]
fn the_full_instance_really_has_every_field_set() {
    let full = dynamic(&instances(1).pop().unwrap());
    let unset: Vec<_> = full
        .descriptor()
        .fields()
        .filter(|f| !full.has_field(f))
        .map(|f| f.name().to_string())
        .collect();
    assert_eq!(unset, Vec::<String>::new());
    let text = written(&instances(1).pop().unwrap(), false);
    assert!(
        text.contains("\"maintenance_grace_period\":\"90.000000005s\""),
        "{text}"
    );
    assert!(
        text.contains("\"created_at\":\"2023-11-14T22:15:23.450Z\""),
        "{text}"
    );
    assert!(text.contains("\"memory\":\"-9007199254740993\""), "{text}");
}

#[test]
fn maps_are_written_in_key_order_and_read_back_the_same() {
    for instance in instances(3) {
        let dynamic = dynamic(&instance);
        for pretty in [true, false] {
            let text = written(&instance, pretty);
            let ours: serde_json::Value = serde_json::from_str(&text).unwrap();
            let theirs: serde_json::Value =
                serde_json::from_str(&reflected(&dynamic, pretty)).unwrap();
            assert_eq!(ours, theirs);
            if !instance.labels.is_empty() {
                let at = |key: &str| text.find(key).unwrap();
                assert!(
                    at("\"k0-") < at("\"k1-") && at("\"k1-") < at("\"k2-"),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn output_has_no_raw_control_or_bidi_character() {
    for instance in instances(2) {
        for pretty in [true, false] {
            let text = written(&instance, pretty);
            let unsafe_char = text
                .chars()
                .find(|&c| c != '\n' && crate::safe_text::is_unsafe(c));
            assert_eq!(unsafe_char, None, "{text}");
            assert_eq!(text.contains('\n'), pretty && text != "{}");
        }
    }
}

#[test]
fn out_of_range_times_are_errors_not_garbage() {
    let instance = Instance {
        created_at: Some(prost_types::Timestamp {
            seconds: i64::MAX,
            nanos: 0,
        }),
        ..Default::default()
    };
    let mut out = Vec::new();
    assert_eq!(
        write_message(&instance, false, &mut out),
        Err("timestamp out of range".to_string())
    );
    let instance = Instance {
        maintenance_grace_period: Some(prost_types::Duration {
            seconds: i64::MIN,
            nanos: 0,
        }),
        ..Default::default()
    };
    assert_eq!(
        write_message(&instance, true, &mut Vec::new()),
        Err("duration out of range".to_string())
    );
}
