//! Runs one `Effect` against the cloud and answers with one `Msg`. The only place the app
//! does network IO.

use std::{future::Future, io::Write, path::Path, pin::Pin, time::SystemTime};

use super::{
    attach::AttachMsg,
    details::DetailsData,
    journal::{JournalChange, JournalEntry, SENT, secs},
    journal_file::JournalFile,
    msg::{Effect, Msg},
    mutation::Mutation,
    poll_gate::PollGate,
    serial::run::SerialPlan,
};
use crate::api::{
    ApiError, Cloud, idempotency_key,
    operation::{OpView, PollSchedule},
    proto::yandex::cloud::operation::{CancelOperationRequest, Operation},
    proto::yandex::cloud::{
        compute::v1 as compute,
        resourcemanager::v1::GetFolderRequest,
        vpc::v1::{GetNetworkRequest, GetSecurityGroupRequest, GetSubnetRequest},
    },
};

/// Instances asked for per page (the API's maximum).
const PAGE_SIZE: i64 = 1000;
/// Entries of the details screen's operation history.
const HISTORY: i64 = 20;

/// How the runtime carries out an effect.
pub enum Plan {
    /// Done already (small local IO): the answer.
    Now(Box<Msg>),
    /// Network IO: a future to spawn, ending in the answer; `note` (a journal failure) is told
    /// at once.
    Later {
        note: Option<String>,
        future: Pin<Box<dyn Future<Output = Msg> + Send>>,
    },
}

/// Where local effects write: the journal and the config file (`None`: not written).
#[derive(Debug, Clone, Copy, Default)]
pub struct Paths<'a> {
    pub journal: Option<&'a JournalFile>,
    pub config: Option<&'a Path>,
}

/// Local effects run here at once (so journal writes stay in order); the rest become futures.
/// A mutating request is written to the journal as "sent" before its future is made.
pub fn plan(cloud: &Cloud, polls: &PollGate, effect: Effect, paths: Paths<'_>) -> Plan {
    let journal = paths.journal;
    match effect {
        Effect::RememberFolder { folder_id } => {
            Plan::Now(Box::new(Msg::Done(paths.config.and_then(|path| {
                crate::config::remember_folder(path, &folder_id)
                    .err()
                    .map(|e| format!("remember folder in {}: {e}", path.display()))
            }))))
        }
        Effect::WriteJournal(change) => Plan::Now(Box::new(Msg::Done(journal.and_then(|j| {
            match j.apply(&change, SystemTime::now()) {
                Ok(note) => note,
                Err(e) => Some(format!("journal: {e}")),
            }
        })))),
        Effect::Copy(text) => Plan::Now(Box::new(Msg::Done(
            copy(&text).err().map(|e| format!("copy: {e}")),
        ))),
        Effect::Serial(effect) => match super::serial::run::plan(cloud, effect) {
            SerialPlan::Now(msg) => Plan::Now(Box::new(Msg::Serial(msg))),
            SerialPlan::Later(read) => Plan::Later {
                note: None,
                future: Box::pin(async move { Msg::Serial(read.await) }),
            },
        },
        Effect::Mutate { mutation, key } => {
            let key = key.unwrap_or_else(idempotency_key);
            mutate(cloud, journal, mutation, key, |mutation, result| {
                Msg::Started { mutation, result }
            })
        }
        Effect::Resend { entry } => {
            let Some(mutation) = entry.request.as_ref().and_then(Mutation::from_sent) else {
                return Plan::Now(Box::new(Msg::Resent {
                    entry,
                    result: Err(ApiError {
                        code: tonic::Code::InvalidArgument,
                        message: "the journal's copy of this request cannot be read".into(),
                        request_id: String::new(),
                        details: Vec::new(),
                    }),
                }));
            };
            let key = entry.idempotency_key.clone();
            mutate(cloud, journal, mutation, key, |_, result| Msg::Resent {
                entry,
                result,
            })
        }
        effect => Plan::Later {
            note: None,
            future: Box::pin(run(cloud.clone(), polls.clone(), effect)),
        },
    }
}

/// Journals `mutation` as sent, then sends it until its outcome is known and records that
/// outcome: the operation replaces the sent entry, a refusal removes it, an unknown outcome
/// keeps it for the next start.
fn mutate(
    cloud: &Cloud,
    journal: Option<&JournalFile>,
    mutation: Mutation,
    key: String,
    answer: impl FnOnce(Mutation, Result<Operation, ApiError>) -> Msg + Send + 'static,
) -> Plan {
    let sent = JournalEntry {
        idempotency_key: key.clone(),
        request: Some(mutation.to_sent()),
        description: mutation.description().to_string(),
        instance_id: mutation.instance_id().to_string(),
        started: secs(SystemTime::now()),
        state: SENT.to_string(),
        ..JournalEntry::default()
    };
    let journal = journal.cloned();
    let note = journal.as_ref().and_then(|j| {
        let change = JournalChange {
            upsert: vec![sent.clone()],
            remove_keys: Vec::new(),
        };
        match j.apply(&change, SystemTime::now()) {
            Ok(note) => note,
            Err(e) => Some(format!("journal: {e}; sending anyway")),
        }
    });
    let cloud = cloud.clone();
    let future = async move {
        let result = mutation.send(&cloud, &key).await;
        if let Some(journal) = &journal {
            let change = match &result {
                Ok(op) => JournalChange {
                    upsert: vec![JournalEntry {
                        id: op.id.clone(),
                        description: op.description.clone(),
                        request: None,
                        state: "running".into(),
                        ..sent
                    }],
                    remove_keys: Vec::new(),
                },
                Err(e) if crate::api::mutation_outcome_unknown(e) => JournalChange::default(),
                Err(_) => JournalChange {
                    upsert: Vec::new(),
                    remove_keys: vec![key.clone()],
                },
            };
            let changes = !change.upsert.is_empty() || !change.remove_keys.is_empty();
            if changes && let Err(e) = journal.apply(&change, SystemTime::now()) {
                tracing::warn!("journal: {e}");
            }
        }
        answer(mutation, result)
    };
    Plan::Later {
        note,
        future: Box::pin(future),
    }
}

async fn run(cloud: Cloud, polls: PollGate, effect: Effect) -> Msg {
    match effect {
        Effect::ListInstances {
            generation,
            folder_id,
            filter,
            page_token,
        } => {
            let request = compute::ListInstancesRequest {
                folder_id,
                page_size: PAGE_SIZE,
                page_token,
                filter,
                order_by: String::new(),
            };
            Msg::InstancesPage {
                generation,
                result: cloud.list_instances(request).await,
            }
        }
        Effect::ScheduleRefresh { generation, after } => {
            tokio::time::sleep(after).await;
            Msg::RefreshDue { generation }
        }
        Effect::LoadFolderName { folder_id } => {
            let request = GetFolderRequest {
                folder_id: folder_id.clone(),
            };
            let name = cloud.get_folder(request).await.ok().map(|f| f.name);
            Msg::FolderName { folder_id, name }
        }
        Effect::PollOperation { id, poll } => {
            tokio::time::sleep(PollSchedule::default().delay(poll)).await;
            let result = polls.run(cloud.get_operation(&id)).await;
            Msg::OperationPolled { id, poll, result }
        }
        Effect::CancelOperation { id } => {
            let operation_id = id.clone();
            let result = cloud
                .cancel_operation(CancelOperationRequest { operation_id })
                .await;
            Msg::CancelAnswered { id, result }
        }
        Effect::LoadDetails { instance_id } => match details(&cloud, &instance_id).await {
            Ok(data) => Msg::DetailsLoaded(Box::new(data)),
            Err(error) => Msg::DetailsFailed { instance_id, error },
        },
        Effect::LoadInstance { instance_id } => {
            Msg::InstanceLoaded(cloud.get_instance(&instance_id).await.map(Box::new))
        }
        Effect::LoadAttachPart {
            instance_id,
            folder_id,
            zone_id,
            part,
        } => {
            let scope = super::attach::load::Scope {
                instance_id: &instance_id,
                folder_id: &folder_id,
                zone_id: &zone_id,
            };
            let result = super::attach::load::part(&cloud, scope, part).await;
            Msg::Attach(AttachMsg::Loaded {
                instance_id,
                part,
                result,
            })
        }
        Effect::LoadSubnetOptions {
            subnet_id,
            network_id,
        } => {
            let result = super::attach::load::subnet_options(&cloud, &subnet_id, &network_id)
                .await
                .map(Box::new);
            Msg::Attach(AttachMsg::SubnetOptions { subnet_id, result })
        }
        Effect::LoadGroupNames { network_id } => {
            let result = super::attach::load::network_groups(&cloud, &network_id).await;
            Msg::Attach(AttachMsg::GroupNames { network_id, result })
        }
        Effect::LoadFolderTree => Msg::FolderTree(super::folder::load::tree(&cloud).await),
        Effect::LoadSshInstance {
            instance_id,
            internal,
        } => Msg::SshInstance {
            internal,
            result: cloud.get_instance(&instance_id).await.map(Box::new),
        },
        Effect::WriteJournal(_)
        | Effect::Copy(_)
        | Effect::RememberFolder { .. }
        | Effect::Mutate { .. }
        | Effect::Resend { .. }
        | Effect::Serial(_)
        | Effect::Ssh(_) => Msg::Done(None),
    }
}

/// The instance with its subnets, networks, security group names and operation history.
async fn details(cloud: &Cloud, instance_id: &str) -> Result<DetailsData, ApiError> {
    let instance = cloud.get_instance(instance_id).await?;
    let mut data = DetailsData::default();
    for nic in &instance.network_interfaces {
        if !nic.subnet_id.is_empty() && !data.subnets.contains_key(&nic.subnet_id) {
            let request = GetSubnetRequest {
                subnet_id: nic.subnet_id.clone(),
            };
            match cloud.get_subnet(request).await {
                Ok(subnet) => {
                    data.subnets.insert(subnet.id.clone(), subnet);
                }
                Err(e) => data
                    .warnings
                    .push(format!("subnet {}: {}", nic.subnet_id, e.summary())),
            }
        }
        for sg in &nic.security_group_ids {
            if data.security_groups.contains_key(sg) {
                continue;
            }
            let request = GetSecurityGroupRequest {
                security_group_id: sg.clone(),
            };
            match cloud.get_security_group(request).await {
                Ok(group) => {
                    data.security_groups.insert(sg.clone(), group.name);
                }
                Err(e) => data
                    .warnings
                    .push(format!("security group {sg}: {}", e.summary())),
            }
        }
    }
    let network_ids: Vec<String> = data
        .subnets
        .values()
        .map(|s| s.network_id.clone())
        .collect();
    for network_id in network_ids {
        if data.networks.contains_key(&network_id) {
            continue;
        }
        let request = GetNetworkRequest {
            network_id: network_id.clone(),
        };
        match cloud.get_network(request).await {
            Ok(network) => {
                data.networks.insert(network_id, network);
            }
            Err(e) => data
                .warnings
                .push(format!("network {network_id}: {}", e.summary())),
        }
    }
    let request = compute::ListInstanceOperationsRequest {
        instance_id: instance_id.to_string(),
        page_size: HISTORY,
        page_token: String::new(),
    };
    match cloud.list_instance_operations(request).await {
        Ok(list) => {
            data.operations = list.operations.iter().map(OpView::from).collect();
            data.operations
                .sort_by_key(|o| std::cmp::Reverse(o.created_at.map(|t| (t.seconds, t.nanos))));
        }
        Err(e) => data.warnings.push(format!("operations: {}", e.summary())),
    }
    data.instance = instance;
    Ok(data)
}

/// Puts text on the clipboard through the terminal (OSC 52).
fn copy(text: &str) -> std::io::Result<()> {
    let encoded = base64(text.as_bytes());
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(super::base64(b"fpa"), "ZnBh");
        assert_eq!(super::base64(b"fp"), "ZnA=");
        assert_eq!(super::base64(b"f"), "Zg==");
    }
}
