//! Protobuf JSON with the API's own field names (snake_case, enums by name, RFC 3339 times),
//! as `yc --format json` prints it; driven by the descriptors compiled from `proto/`.

use std::{fmt::Write, sync::OnceLock};

use prost_reflect::{DescriptorPool, DynamicMessage, SerializeOptions};

use super::proto::DESCRIPTOR_SET;

pub(super) fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        // Starts from the well-known types, so `Any` holding `google.protobuf.Empty` resolves.
        let mut pool = DescriptorPool::global();
        pool.decode_file_descriptor_set(DESCRIPTOR_SET)
            .expect("descriptor set compiled by build.rs is valid");
        pool
    })
}

/// Pretty JSON of any generated message.
pub fn to_json<M: prost::Name>(message: &M) -> String {
    to_value(message).map_or_else(
        |e| {
            pretty(
                &serde_json::json!({ "error": format!("cannot render {}: {e}", M::full_name()) }),
            )
        },
        |v| pretty(&v),
    )
}

/// Pretty JSON that is safe on a terminal: serde escapes C0 controls in strings; this also
/// escapes DEL, C1 controls and bidirectional overrides as `\uXXXX`, which JSON reads back
/// as the same characters.
pub fn pretty(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    escape_controls(&text)
}

/// `json` with every raw control character except the layout's newlines written as `\uXXXX`.
/// Outside strings JSON has no such characters, so only string contents change.
pub fn escape_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && crate::safe_text::is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Any generated message as a `DynamicMessage` of its descriptor.
pub(super) fn dynamic<M: prost::Name>(message: &M) -> Result<DynamicMessage, String> {
    let descriptor = pool()
        .get_message_by_name(&M::full_name())
        .ok_or_else(|| format!("unknown message {}", M::full_name()))?;
    DynamicMessage::decode(descriptor, message.encode_to_vec().as_slice())
        .map_err(|e| e.to_string())
}

/// A JSON value of any generated message.
pub fn to_value<M: prost::Name>(message: &M) -> Result<serde_json::Value, String> {
    let options = SerializeOptions::new().use_proto_field_name(true);
    dynamic(message)?
        .serialize_with_options(serde_json::value::Serializer, &options)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::{compute::v1 as compute, operation::Operation};

    #[test]
    fn instance_json_uses_api_names() {
        let instance = compute::Instance {
            id: "fhm1".into(),
            status: compute::instance::Status::Stopped as i32,
            created_at: Some(prost_types::Timestamp {
                seconds: 1_700_000_000,
                nanos: 0,
            }),
            resources: Some(compute::Resources {
                memory: 2_147_483_648,
                cores: 2,
                ..Default::default()
            }),
            ..Default::default()
        };
        let v = to_value(&instance).unwrap();
        assert_eq!(v["id"], "fhm1");
        assert_eq!(v["status"], "STOPPED");
        assert_eq!(v["created_at"], "2023-11-14T22:13:20Z");
        assert_eq!(v["resources"]["memory"], "2147483648");
    }

    #[test]
    fn operation_any_payloads_render() {
        let op = Operation {
            id: "op".into(),
            done: true,
            metadata: Some(
                prost_types::Any::from_msg(&compute::StopInstanceMetadata {
                    instance_id: "i".into(),
                })
                .unwrap(),
            ),
            result: Some(
                crate::api::proto::yandex::cloud::operation::operation::Result::Response(
                    prost_types::Any {
                        type_url: "type.googleapis.com/google.protobuf.Empty".into(),
                        value: vec![],
                    },
                ),
            ),
            ..Default::default()
        };
        let v = to_value(&op).unwrap();
        assert_eq!(v["metadata"]["instance_id"], "i");
        assert_eq!(
            v["response"]["@type"],
            "type.googleapis.com/google.protobuf.Empty"
        );
    }

    #[test]
    fn json_output_carries_no_raw_control_character() {
        let value = serde_json::json!({ "name": "a\u{1b}]0;x\u{7}b\u{9b}c\u{7f}\u{202e}d" });
        let text = pretty(&value);
        assert!(
            !text
                .chars()
                .any(|c| c != '\n' && crate::safe_text::is_unsafe(c)),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
