//! Carries out the serial view's effects for the runtime: port reads, the follow timer, and
//! saving to `$XDG_STATE_HOME/ycdash/serial/` (0600 files, written atomically).

use std::{
    future::Future,
    path::{Path, PathBuf},
    pin::Pin,
};

use super::msg::{SerialEffect, SerialMsg};
use crate::api::{Cloud, proto::yandex::cloud::compute::v1::GetInstanceSerialPortOutputRequest};

/// How the runtime carries out a serial effect.
pub enum SerialPlan {
    /// Done already (saving is local and small).
    Now(SerialMsg),
    /// A read or a timer, ending in the answer.
    Later(Pin<Box<dyn Future<Output = SerialMsg> + Send>>),
}

pub fn plan(cloud: &Cloud, effect: SerialEffect) -> SerialPlan {
    match effect {
        SerialEffect::Read {
            instance_id,
            port,
            generation,
        } => {
            let cloud = cloud.clone();
            SerialPlan::Later(Box::pin(async move {
                let request = GetInstanceSerialPortOutputRequest { instance_id, port };
                let result = cloud
                    .get_serial_port_output(request)
                    .await
                    .map(|r| r.contents)
                    .map_err(|e| e.summary());
                SerialMsg::Read { generation, result }
            }))
        }
        SerialEffect::FollowAfter { generation, after } => {
            SerialPlan::Later(Box::pin(async move {
                tokio::time::sleep(after).await;
                SerialMsg::FollowDue { generation }
            }))
        }
        SerialEffect::Save {
            instance_id,
            port,
            text,
        } => {
            let result = match crate::config::state_dir() {
                Some(dir) => save(&dir, &instance_id, port, &text),
                None => Err("no state directory to save into".to_string()),
            };
            SerialPlan::Now(SerialMsg::Saved(result))
        }
    }
}

/// Writes `text` to `<state>/serial/<instance>-port<N>.log`; the path written, or why not.
pub fn save(state: &Path, instance_id: &str, port: i64, text: &str) -> Result<String, String> {
    let path = file_for(state, instance_id, port);
    crate::private_file::write_atomic(&path, text.as_bytes())
        .map(|()| path.display().to_string())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn file_for(state: &Path, instance_id: &str, port: i64) -> PathBuf {
    let safe: String = instance_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    state.join("serial").join(format!("{safe}-port{port}.log"))
}
