//! `ycdash attach` and `ycdash detach`: the same checks and request building as the TUI form,
//! then send with an idempotency key and optionally track the operation to the end.

use super::{CommandError, attach_stop_first, check_key_flag, resume, send::Sender};
use crate::{
    api::{
        Mutation, idempotency_key,
        proto::yandex::cloud::compute::v1::{
            DetachInstanceNetworkInterfaceRequest, Instance, instance,
        },
    },
    cli::{AttachArgs, DetachArgs},
    nic::{
        detach::{check_detach, lowest_free_index},
        draft::{AttachDraft, ValidationContext},
        fields::NatChoice,
        load::load_context,
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

/// The context without what an earlier attempt of the same request would itself have changed
/// (the index and address it took, the static address it reserved), so a resumed attach is
/// sent and the service, which knows the key, answers with the first attempt's operation.
fn as_before_any_attempt(mut ctx: ValidationContext, args: &AttachArgs) -> ValidationContext {
    ctx.used_indexes.clear();
    ctx.used_addresses.clear();
    if let Some(NatChoice::Static(address)) = &args.nat
        && let Ok(address) = address.parse()
    {
        ctx.free_static_addresses.push(address);
    }
    ctx
}

/// Why the attach cannot be sent to this instance now, if so: it must be STOPPED, or RUNNING
/// with `--stop-first`. With `--idempotency-key` the service decides (an earlier attempt may
/// have stopped it, or already attached).
fn status_refusal(args: &AttachArgs, instance: &Instance) -> Option<String> {
    if args.idempotency_key.is_some() {
        return None;
    }
    if args.stop_first {
        return attach_stop_first::refusal(instance);
    }
    if instance.status == instance::Status::Stopped as i32 {
        return None;
    }
    Some(format!(
        "instance {id} is {status}; stop it first: interfaces can only be attached to a STOPPED instance (add --stop-first to stop it, attach and start it again, or run yc compute instance stop --id {id}); nothing was sent",
        id = instance.id,
        status = super::instances::status_name(instance.status)
    ))
}

/// Validates the attach request against the cloud; prints it (`--dry-run`) or sends it.
/// With `--idempotency-key`, the rules that depend on the instance's current interfaces are
/// left to the service: an earlier attempt with that key may already have applied the change.
pub async fn attach(to: &mut Sender<'_>, args: &AttachArgs) -> Result<(), CommandError> {
    check_key_flag(args.idempotency_key.as_deref())?;
    let instance = to.cloud.get_instance(&args.instance).await?;
    if let Some(reason) = status_refusal(args, &instance) {
        return Err(CommandError::Refused(reason));
    }
    let stop_first = args.stop_first
        && (args.idempotency_key.is_some() || instance.status != instance::Status::Stopped as i32);
    let ctx = load_context(to.cloud, &instance, Some(&args.subnet)).await?;
    let draft = draft(args, &instance);
    let request = match draft.validate(&ctx) {
        Ok(request) => request,
        Err(errors) if args.idempotency_key.is_none() || args.dry_run => {
            return Err(CommandError::Invalid(errors));
        }
        Err(_) => draft
            .validate(&as_before_any_attempt(ctx, args))
            .map_err(CommandError::Invalid)?,
    };
    let index = request.network_interface_index.clone();
    let mutation = Mutation::Attach(Box::new(request));
    if args.dry_run {
        to.preview(&mutation);
        if stop_first {
            (to.out)(
                "# --stop-first: the instance is stopped before this request and started after it",
            );
        }
        return Ok(());
    }
    let key = args.idempotency_key.clone().unwrap_or_else(idempotency_key);
    let words = resume::attach_args(args, &index, &key);
    if stop_first {
        return attach_stop_first::run(to, &instance, mutation, &key, words).await;
    }
    to.send_nic_change(mutation, &key, &words, args.wait).await
}

/// Detaches an interface, refusing up front what the API would refuse; with
/// `--idempotency-key` the service decides (an earlier attempt may have detached it already).
pub async fn detach(to: &mut Sender<'_>, args: &DetachArgs) -> Result<(), CommandError> {
    check_key_flag(args.idempotency_key.as_deref())?;
    let instance = to.cloud.get_instance(&args.instance).await?;
    let request = match check_detach(&instance, args.index) {
        Ok(request) => request,
        Err(_) if args.idempotency_key.is_some() => DetachInstanceNetworkInterfaceRequest {
            instance_id: args.instance.clone(),
            network_interface_index: args.index.to_string(),
        },
        Err(reason) => return Err(CommandError::Refused(reason)),
    };
    let key = args.idempotency_key.clone().unwrap_or_else(idempotency_key);
    let mut words: Vec<String> = ["detach", "--instance", &args.instance, "--index"]
        .map(String::from)
        .to_vec();
    words.push(args.index.to_string());
    if args.wait {
        words.push("--wait".into());
    }
    words.extend(["--idempotency-key".to_string(), key.clone()]);
    to.send_nic_change(Mutation::Detach(request), &key, &words, args.wait)
        .await
}
