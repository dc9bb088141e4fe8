//! `ycdash instances list|get`.

use super::CommandError;
use crate::text_table as table;
use crate::{
    api::{
        Cloud, json,
        proto::yandex::cloud::compute::v1::{Instance, instance},
    },
    cli::Format,
};

/// Every instance of the folder matching `filter`, walking all pages.
pub async fn list_all(
    cloud: &Cloud,
    folder_id: &str,
    filter: Option<&str>,
) -> Result<Vec<Instance>, CommandError> {
    Ok(cloud
        .all_instances(folder_id, filter.unwrap_or_default())
        .await?)
}

/// Prints instances as a table (yc's columns) or a JSON array.
pub fn format_list(instances: &[Instance], format: Format) -> String {
    match format {
        Format::Json => {
            let values: Vec<serde_json::Value> = instances
                .iter()
                .map(|i| json::to_value(i).unwrap_or(serde_json::Value::Null))
                .collect();
            json::pretty(&serde_json::Value::Array(values)) + "\n"
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = instances
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone(),
                        i.name.clone(),
                        i.zone_id.clone(),
                        status_name(i.status).to_string(),
                        first_internal_ip(i),
                        first_nat_ip(i),
                    ]
                })
                .collect();
            table::render(
                &[
                    "ID",
                    "NAME",
                    "ZONE ID",
                    "STATUS",
                    "INTERNAL IP",
                    "EXTERNAL IP",
                ],
                &rows,
            )
        }
    }
}

/// Prints one instance as JSON or as `key: value` lines.
pub fn format_one(instance: &Instance, format: Format) -> String {
    match format {
        Format::Json => json::to_json(instance) + "\n",
        Format::Table => {
            let rows = vec![
                vec!["id".into(), instance.id.clone()],
                vec!["name".into(), instance.name.clone()],
                vec!["zone_id".into(), instance.zone_id.clone()],
                vec!["status".into(), status_name(instance.status).into()],
                vec!["platform_id".into(), instance.platform_id.clone()],
                vec!["fqdn".into(), instance.fqdn.clone()],
                vec!["internal_ip".into(), first_internal_ip(instance)],
                vec!["external_ip".into(), first_nat_ip(instance)],
                vec![
                    "network_interfaces".into(),
                    instance.network_interfaces.len().to_string(),
                ],
            ];
            table::render(&["FIELD", "VALUE"], &rows)
        }
    }
}

/// The status enum's API name, e.g. `RUNNING`.
pub fn status_name(status: i32) -> &'static str {
    instance::Status::try_from(status)
        .map(|s| s.as_str_name())
        .unwrap_or("STATUS_UNSPECIFIED")
}

fn first_internal_ip(i: &Instance) -> String {
    i.network_interfaces
        .first()
        .and_then(|n| n.primary_v4_address.as_ref())
        .map(|a| a.address.clone())
        .unwrap_or_default()
}

fn first_nat_ip(i: &Instance) -> String {
    i.network_interfaces
        .iter()
        .filter_map(|n| n.primary_v4_address.as_ref()?.one_to_one_nat.as_ref())
        .map(|nat| nat.address.clone())
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}
