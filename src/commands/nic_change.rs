//! `ycdash nic update`, `ycdash nat add` and `ycdash nat remove`: the same checks as attach,
//! refused up front when the instance's state would be refused, then sent like attach.

use super::{CommandError, check_key_flag, resume, send::Sender};
use crate::{
    api::{
        Mutation, idempotency_key,
        proto::yandex::cloud::compute::v1::RemoveInstanceOneToOneNatRequest,
    },
    cli_nic::{NatAddArgs, NatRemoveArgs, NicUpdateArgs, SendArgs},
    nic::{
        fields::NatChoice,
        load::load_context,
        nat::{add_request, check_add, nat_add_error_line, remove_request},
        update::{UpdateDraft, check_state, current_nic},
    },
};

/// The draft the flags describe: only the parts given change.
fn update_draft(args: &NicUpdateArgs) -> UpdateDraft {
    let dns = if args.clear_dns {
        Some(Vec::new())
    } else {
        (!args.dns.is_empty()).then(|| args.dns.clone())
    };
    UpdateDraft {
        instance_id: args.instance.clone(),
        index: args.index,
        security_group_ids: (!args.security_groups.is_empty())
            .then(|| args.security_groups.clone()),
        subnet_id: args.subnet.clone(),
        ipv4: args
            .ipv4
            .clone()
            .map(|a| if a == "auto" { String::new() } else { a }),
        dns,
    }
}

/// A real send with `--idempotency-key`: an earlier attempt with that key may already have
/// applied the change, so refusals that depend on the interface's present state are left to
/// the service, which answers with that attempt's operation.
fn resuming(send: &SendArgs) -> bool {
    send.idempotency_key.is_some() && !send.dry_run
}

/// Prints the request (`--dry-run`) or sends it once and finishes it; `resume_words` are the
/// flags that resume it with the key it is sent with.
async fn preview_or_send(
    to: &mut Sender<'_>,
    send: &SendArgs,
    mutation: Mutation,
    resume_words: impl FnOnce(&str) -> Vec<String>,
) -> Result<(), CommandError> {
    if send.dry_run {
        to.preview(&mutation);
        return Ok(());
    }
    let key = send.idempotency_key.clone().unwrap_or_else(idempotency_key);
    to.send_nic_change(mutation, &key, &resume_words(&key), send.wait)
        .await
}

/// Updates an interface: validates the flags, sends only what changes.
pub async fn update(to: &mut Sender<'_>, args: &NicUpdateArgs) -> Result<(), CommandError> {
    check_key_flag(args.send.idempotency_key.as_deref())?;
    let instance = to.cloud.get_instance(&args.instance).await?;
    let current = current_nic(&instance, args.index).map_err(CommandError::Refused)?;
    let draft = update_draft(args);
    check_state(&instance, draft.moves(current)).map_err(CommandError::Refused)?;
    let target_subnet = args.subnet.as_deref().unwrap_or(&current.subnet_id);
    let ctx = load_context(to.cloud, &instance, Some(target_subnet)).await?;
    let Some(request) = draft
        .validate(current, &ctx)
        .map_err(CommandError::Invalid)?
    else {
        (to.out)(&format!(
            "network interface {} of instance {} already has these values; nothing sent",
            args.index, instance.id
        ));
        return Ok(());
    };
    preview_or_send(
        to,
        &args.send,
        Mutation::UpdateNic(Box::new(request)),
        |key| resume::nic_update_args(args, key),
    )
    .await
}

/// Adds a public address to an interface.
pub async fn add_nat(to: &mut Sender<'_>, args: &NatAddArgs) -> Result<(), CommandError> {
    check_key_flag(args.send.idempotency_key.as_deref())?;
    let instance = to.cloud.get_instance(&args.instance).await?;
    let resuming = resuming(&args.send);
    match check_add(&instance, args.index) {
        Err(reason) if !resuming => return Err(CommandError::Refused(reason)),
        _ => {}
    }
    let mut ctx = load_context(to.cloud, &instance, None).await?;
    let nat = args.address.clone().unwrap_or(NatChoice::Ephemeral);
    // An earlier attempt with this key may hold the static address itself.
    if resuming
        && let NatChoice::Static(address) = &nat
        && let Ok(address) = address.parse()
    {
        ctx.free_static_addresses.push(address);
    }
    let request = add_request(&instance, args.index, &nat, &args.dns, &ctx).map_err(|errors| {
        CommandError::InvalidLines(errors.iter().map(nat_add_error_line).collect())
    })?;
    preview_or_send(to, &args.send, Mutation::AddNat(Box::new(request)), |key| {
        resume::nat_add_args(args, key)
    })
    .await
}

/// Removes an interface's public address.
pub async fn remove_nat(to: &mut Sender<'_>, args: &NatRemoveArgs) -> Result<(), CommandError> {
    check_key_flag(args.send.idempotency_key.as_deref())?;
    let instance = to.cloud.get_instance(&args.instance).await?;
    let request = match remove_request(&instance, args.index) {
        Ok(request) => request,
        // An earlier attempt with this key may have removed it already: the service decides.
        Err(_) if resuming(&args.send) => RemoveInstanceOneToOneNatRequest {
            instance_id: args.instance.clone(),
            network_interface_index: args.index.to_string(),
            internal_address: String::new(),
        },
        Err(reason) => return Err(CommandError::Refused(reason)),
    };
    preview_or_send(to, &args.send, Mutation::RemoveNat(request), |key| {
        resume::nat_remove_args(args, key)
    })
    .await
}
