//! The review's before / after table of the instance's network interfaces, as plain text:
//! drawn by the review screen and copied as is.

use super::state::AttachForm;
use crate::api::proto::yandex::cloud::compute::v1::AttachInstanceNetworkInterfaceRequest;

/// One row: state, index, subnet, internal IPv4, public IPv4, security groups.
type Row = [String; 6];

fn subnet_label(form: &AttachForm, id: &str) -> String {
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
            rows_in.push([
                state.into(),
                "-".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ]);
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
        after.insert(
            0,
            [
                "after".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ],
        );
    }
    label(after, "after");
    let rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    crate::text_table::align(&rows).join("\n")
}
