//! What the review shows, as plain text drawn by the review screen and copied as is: the
//! before / after table (the interfaces for an attach, the changed fields for an edit), the yc
//! command wrapped one flag per line, and the request JSON.

use super::state::{AttachForm, ReviewRequest};
use crate::{
    api::proto::yandex::cloud::compute::v1::AttachInstanceNetworkInterfaceRequest,
    nic::{
        change_preview::{update_command, update_json},
        preview::{request_json, yc_attach},
    },
    text_table::align,
};

/// The review's parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewText {
    /// The API method.
    pub method: &'static str,
    /// The heading of the before / after table.
    pub table_title: &'static str,
    pub table: String,
    /// `update_mask`'s paths, for an edit.
    pub mask: Option<String>,
    /// The yc command with ` \` continuations, ready to paste.
    pub command: String,
    pub notes: Vec<String>,
    pub json: String,
}

/// The review of `request`; `None` when an edit changes nothing.
pub fn review_text(form: &AttachForm, request: &ReviewRequest) -> Option<ReviewText> {
    match request {
        ReviewRequest::Attach(request) => {
            let (command, notes) = yc_attach(request);
            Some(ReviewText {
                method: "AttachNetworkInterface",
                table_title: "Network interfaces",
                table: nic_table(form, request),
                mask: None,
                command: command.wrapped(),
                notes,
                json: request_json(request),
            })
        }
        ReviewRequest::Update(None) => None,
        ReviewRequest::Update(Some(request)) => {
            let (command, notes) = update_command(request);
            let mut rows = vec![["FIELD", "BEFORE", "", "AFTER"].map(String::from).to_vec()];
            rows.extend(
                form.changes(request)
                    .into_iter()
                    .map(|[what, before, after]| vec![what, before, "→".into(), after]),
            );
            Some(ReviewText {
                method: "UpdateNetworkInterface",
                table_title: "Changes",
                table: align(&rows).join("\n"),
                mask: request.update_mask.as_ref().map(|m| m.paths.join(",")),
                command: command.wrapped(),
                notes,
                json: update_json(request),
            })
        }
    }
}

/// One row: state, index, subnet, internal IPv4, public IPv4, security groups.
type Row = [String; 6];

pub(super) fn subnet_label(form: &AttachForm, id: &str) -> String {
    form.subnets
        .iter()
        .find(|s| s.subnet.id == id)
        .map_or(id.to_string(), |s| {
            format!("{} {}", s.subnet.name, s.subnet.v4_cidr_blocks.join(","))
        })
}

fn groups(form: &AttachForm, ids: &[String]) -> String {
    let names: Vec<String> = ids.iter().map(|g| form.group_name(g)).collect();
    names.join(", ")
}

/// The interfaces now and after the request, one line each, aligned.
pub fn nic_table(form: &AttachForm, request: &AttachInstanceNetworkInterfaceRequest) -> String {
    let existing: Vec<Row> = form
        .instance
        .network_interfaces
        .iter()
        .map(|nic| {
            let v4 = nic.primary_v4_address.clone().unwrap_or_default();
            let nat = v4.one_to_one_nat.map(|n| n.address).unwrap_or_default();
            [
                String::new(),
                nic.index.clone(),
                subnet_label(form, &nic.subnet_id),
                v4.address,
                nat,
                groups(form, &nic.security_group_ids),
            ]
        })
        .collect();
    let spec = request.primary_v4_address_spec.clone().unwrap_or_default();
    let address = if spec.address.is_empty() {
        "(auto)".to_string()
    } else {
        spec.address
    };
    let nat = match spec.one_to_one_nat_spec {
        None => String::new(),
        Some(n) if n.address.is_empty() => "(ephemeral)".to_string(),
        Some(n) => n.address,
    };
    let new: Row = [
        "+ new".into(),
        request.network_interface_index.clone(),
        subnet_label(form, &request.subnet_id),
        address,
        nat,
        groups(form, &request.security_group_ids),
    ];
    let mut rows: Vec<Row> = vec![[
        String::new(),
        "IDX".into(),
        "SUBNET".into(),
        "IPV4".into(),
        "NAT IPV4".into(),
        "SECURITY GROUPS".into(),
    ]];
    let mut label = |mut rows_in: Vec<Row>, state: &str| {
        if let Some(first) = rows_in.first_mut()
            && first[0].is_empty()
        {
            first[0] = state.to_string();
        }
        if rows_in.is_empty() {
            rows_in.push(marker(state, "-"));
        }
        rows.extend(rows_in);
    };
    label(existing.clone(), "before");
    let mut after = existing;
    after.push(new);
    after.sort_by_key(|r| r[1].parse::<u32>().unwrap_or(u32::MAX));
    if let Some(first) = after.first_mut()
        && first[0].is_empty()
    {
        first[0] = "after".into();
    } else {
        after.insert(0, marker("after", ""));
    }
    label(after, "after");
    let rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    align(&rows).join("\n")
}

/// A row that only says which half of the table starts ("before", "after").
fn marker(state: &str, index: &str) -> Row {
    let mut row = Row::default();
    row[0] = state.to_string();
    row[1] = index.to_string();
    row
}
