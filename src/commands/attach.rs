//! `ycdash attach` and `ycdash detach`: the same checks and request building as the TUI form,
//! then send with an idempotency key and optionally track the operation to the end.

use super::{CommandError, nic_table, operation};
use crate::{
    api::{
        Cloud, idempotency_key,
        operation::{OpResponse, OpState, OpView},
        proto::yandex::cloud::{compute::v1::Instance, operation::Operation},
    },
    cli::{AttachArgs, DetachArgs},
    nic::{
        detach::{check_detach, lowest_free_index},
        draft::AttachDraft,
        fields::NatChoice,
        load::load_context,
        preview::{request_json, yc_command},
    },
};

/// The draft the flags describe; a missing `--index` becomes the lowest free one.
fn draft(args: &AttachArgs, instance: &Instance) -> AttachDraft {
    let index = args
        .index
        .clone()
        .or_else(|| lowest_free_index(instance).map(|i| i.to_string()));
    let ipv4 = args.ipv4.clone().filter(|a| a != "auto");
    AttachDraft {
        instance_id: args.instance.clone(),
        index: index.unwrap_or_default(),
        subnet_id: args.subnet.clone(),
        ipv4: ipv4.unwrap_or_default(),
        nat: args.nat.clone().unwrap_or(NatChoice::None),
        nat_ip_version: String::new(),
        internal_dns: args.dns.clone(),
        nat_dns: args.nat_dns.clone(),
        security_group_ids: args.security_groups.clone(),
    }
}

/// Validates the attach request against the cloud; prints it (`--dry-run`) or sends it.
pub async fn attach(
    cloud: &Cloud,
    args: &AttachArgs,
    mut out: impl FnMut(&str),
) -> Result<(), CommandError> {
    let instance = cloud.get_instance(&args.instance).await?;
    let ctx = load_context(cloud, &instance, Some(&args.subnet)).await?;
    let request = draft(args, &instance)
        .validate(&ctx)
        .map_err(CommandError::Invalid)?;
    if args.dry_run {
        out(&request_json(&request));
        let (command, notes) = yc_command(&request);
        out(&command);
        for note in notes {
            out(&format!("# {note}"));
        }
        return Ok(());
    }
    let key = args.idempotency_key.clone().unwrap_or_else(idempotency_key);
    let op = cloud
        .attach_network_interface(request, &key)
        .await
        .map_err(|e| CommandError::from_send(e, &key))?;
    finish(cloud, &op, &args.instance, args.wait, out).await
}

/// Detaches an interface, refusing up front what the API would refuse.
pub async fn detach(
    cloud: &Cloud,
    args: &DetachArgs,
    out: impl FnMut(&str),
) -> Result<(), CommandError> {
    let instance = cloud.get_instance(&args.instance).await?;
    let request = check_detach(&instance, args.index).map_err(CommandError::Refused)?;
    let key = args.idempotency_key.clone().unwrap_or_else(idempotency_key);
    let op = cloud
        .detach_network_interface(request, &key)
        .await
        .map_err(|e| CommandError::from_send(e, &key))?;
    finish(cloud, &op, &args.instance, args.wait, out).await
}

/// Prints the operation id, or with `wait` each state change and then the interfaces.
pub(super) async fn finish(
    cloud: &Cloud,
    op: &Operation,
    instance_id: &str,
    wait: bool,
    mut out: impl FnMut(&str),
) -> Result<(), CommandError> {
    if !wait {
        if let OpState::Failed(error) = OpView::from(op).state {
            return Err(CommandError::OperationFailed {
                id: op.id.clone(),
                error,
            });
        }
        out(&op.id);
        return Ok(());
    }
    let view = operation::wait(cloud, &op.id, &mut out).await?;
    let instance = match view.state {
        OpState::Done(OpResponse::Instance(instance)) => *instance,
        _ => cloud.get_instance(instance_id).await?,
    };
    out(nic_table::render(&instance).trim_end());
    Ok(())
}
