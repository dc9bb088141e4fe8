//! The attach form's state: the instance, what was loaded for it, what the user typed
//! (`input.rs`), focus, the open picker, the stage (edit, review, submitted), the feedback
//! (`feedback.rs`) and the submission's idempotency key. Builds the `AttachDraft` and validates
//! it with `nic::draft` on every change.

use std::collections::{HashMap, HashSet};
use std::net::Ipv4Addr;

use super::feedback::Feedback;
use super::focus::{DnsSlot, Slot};
use super::input::{AttachInput, DnsInput, NatKind};
use super::loads::{Load, SubnetRow};
use crate::app::input::LineInput;

use crate::{
    api::proto::yandex::cloud::compute::v1::{
        AddInstanceOneToOneNatRequest, AttachInstanceNetworkInterfaceRequest, Instance,
        UpdateInstanceNetworkInterfaceRequest, instance::Status,
    },
    keymap::KeyContext,
    nic::{
        detach::lowest_free_index,
        draft::{AttachDraft, ValidationContext},
        error::{DnsTarget, Field, FieldError},
    },
};

/// What `Effect::LoadSubnetOptions` brings back.
#[derive(Debug, Clone, PartialEq)]
pub struct SubnetOptions {
    pub used_addresses: HashSet<Ipv4Addr>,
    /// Security groups of the subnet's network: id and name.
    pub groups: Vec<(String, String)>,
}

/// What the form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new interface (AttachNetworkInterface).
    Attach,
    /// A public IP for the existing interface `index` (AddOneToOneNat): only the address and
    /// its DNS records are asked, and the instance may be RUNNING.
    PublicIp { index: u32 },
    /// Changes to the existing interface `index` (UpdateNetworkInterface), prefilled from it:
    /// security groups and DNS records on a RUNNING or STOPPED instance, subnet and internal
    /// IPv4 only on a STOPPED one.
    Edit { index: u32 },
}

/// The request a review shows and submits.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewRequest {
    Attach(Box<AttachInstanceNetworkInterfaceRequest>),
    /// The edit form's request; `None` when the interface already has every value asked.
    Update(Option<Box<UpdateInstanceNetworkInterfaceRequest>>),
}

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Edit,
    Review {
        request: ReviewRequest,
        scroll: u16,
    },
    /// Sent; `operation_id` once the server accepted it.
    Submitted {
        operation_id: Option<String>,
    },
}

/// The last submission: a retry of the same draft reuses its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub draft: AttachDraft,
    pub key: String,
}

/// The open attach form.
#[derive(Debug, Clone)]
pub struct AttachForm {
    pub purpose: Purpose,
    pub instance: Instance,
    /// What has been read of the instance, subnets, DNS zones and addresses.
    pub loads: super::loads::Loads,
    pub subnets: Vec<SubnetRow>,
    pub ctx: ValidationContext,
    pub groups: Vec<(String, String)>,
    /// Names of every security group loaded so far (id -> name), for the review's table.
    pub group_names: HashMap<String, String>,
    /// Networks whose groups were asked for (for the names above or as the chosen subnet's
    /// options): each is read once.
    pub group_networks: HashSet<String>,
    /// The chosen subnet's groups and used addresses; `None` before a subnet is chosen.
    pub subnet_load: Option<Load>,
    /// What the user typed and chose.
    pub input: AttachInput,
    pub focus: Slot,
    pub picker: Option<super::choices::Picker>,
    /// The newest answer taken of each read: an older one arriving later is dropped.
    pub tickets: super::tickets::Tickets,
    pub stage: Stage,
    pub feedback: Feedback,
    pub submission: Option<Submission>,
    /// The form stopped the instance (offer to start it after success).
    pub stopped_for_this: bool,
}

impl AttachForm {
    /// The keymap context of the form: its picker, the review, or the fields.
    pub fn key_context(&self) -> KeyContext {
        if self.picker.is_some() {
            KeyContext::Picker
        } else if matches!(self.stage, Stage::Review { .. }) {
            KeyContext::Review
        } else {
            KeyContext::Form
        }
    }

    /// A form for `instance`, with the index prefilled; options load separately.
    pub fn new(instance: Instance) -> Self {
        let index = lowest_free_index(&instance).map_or(String::new(), |i| i.to_string());
        let mut form = Self {
            purpose: Purpose::Attach,
            ctx: ValidationContext::default(),
            loads: super::loads::Loads::default(),
            subnets: Vec::new(),
            groups: Vec::new(),
            group_names: HashMap::new(),
            group_networks: HashSet::new(),
            subnet_load: None,
            input: AttachInput::new(&index),
            focus: Slot::Index,
            picker: None,
            tickets: Default::default(),
            stage: Stage::Edit,
            feedback: Feedback::default(),
            submission: None,
            stopped_for_this: false,
            instance: Instance::default(),
        };
        form.set_instance(instance);
        form
    }

    /// The public IP form for interface `index` of `instance`: ephemeral to start with.
    pub fn public_ip(instance: Instance, index: u32) -> Self {
        let mut form = Self::new(instance);
        form.purpose = Purpose::PublicIp { index };
        form.input.ipv4.nat.kind = NatKind::Ephemeral;
        form.focus = Slot::Nat;
        form.revalidate();
        form
    }

    /// A newer copy of the instance: its zone and used indexes feed validation.
    pub fn set_instance(&mut self, instance: Instance) {
        self.ctx.instance_zone = instance.zone_id.clone();
        self.ctx.used_indexes = instance
            .network_interfaces
            .iter()
            .filter_map(|n| n.index.parse().ok())
            .collect();
        // A new interface's index follows the instance; an edited or public IP one keeps its own.
        if self.purpose == Purpose::Attach
            && !self.feedback.touched.contains(&Field::Index)
            && let Some(i) = lowest_free_index(&instance)
        {
            self.input.index = LineInput::with_text(&i.to_string());
        }
        self.instance = instance;
        self.revalidate();
    }

    pub fn stopped(&self) -> bool {
        self.instance.status == Status::Stopped as i32
    }

    pub fn status_name(&self) -> &'static str {
        Status::try_from(self.instance.status).map_or("STATUS_UNSPECIFIED", |s| s.as_str_name())
    }

    /// The draft as typed.
    pub fn draft(&self) -> AttachDraft {
        self.input.draft(&self.instance.id)
    }

    pub fn request(&self) -> Result<AttachInstanceNetworkInterfaceRequest, Vec<FieldError>> {
        self.draft().validate(&self.ctx)
    }

    /// The AddOneToOneNat request of the public IP form (checked like the attach form's NAT).
    pub fn nat_request(&self) -> Result<AddInstanceOneToOneNatRequest, Vec<FieldError>> {
        let index = match self.purpose {
            Purpose::PublicIp { index } => index,
            Purpose::Attach | Purpose::Edit { .. } => u32::MAX,
        };
        let draft = self.draft();
        crate::nic::nat::add_request(&self.instance, index, &draft.nat, &draft.nat_dns, &self.ctx)
    }

    pub fn revalidate(&mut self) {
        self.feedback.errors = match self.purpose {
            Purpose::Attach => self.request().err(),
            Purpose::PublicIp { .. } => self.nat_request().err(),
            Purpose::Edit { .. } => Some(self.edit_errors()).filter(|e| !e.is_empty()),
        }
        .unwrap_or_default();
    }

    /// A change by the user to `field`: its errors show from now on; a server error goes.
    pub fn changed(&mut self, field: Option<Field>) {
        self.feedback.user_changed(field);
        self.revalidate();
    }

    pub fn add_row(&mut self, target: DnsTarget) {
        self.input.ipv4.rows_mut(target).push(DnsInput::new());
        let row = self.input.ipv4.rows(target).len() - 1;
        self.focus = Slot::Dns {
            target,
            row,
            part: DnsSlot::Fqdn,
        };
        self.changed(None);
    }

    pub fn remove_row(&mut self, target: DnsTarget, row: usize) {
        if row >= self.input.ipv4.rows(target).len() {
            return;
        }
        self.input.ipv4.rows_mut(target).remove(row);
        self.feedback
            .touched
            .retain(|f| !matches!(f, Field::Dns { target: t, .. } if *t == target));
        self.focus = match row.checked_sub(1) {
            Some(row) => Slot::Dns {
                target,
                row,
                part: DnsSlot::Fqdn,
            },
            None => Slot::DnsList(target),
        };
        self.changed(None);
    }

    /// The subnet chosen, from the loaded list.
    pub fn subnet(&self) -> Option<&SubnetRow> {
        self.subnets
            .iter()
            .find(|s| s.subnet.id == self.input.subnet_id)
    }

    /// A group's name (from any network's groups loaded so far), or its id while unknown.
    pub fn group_name(&self, id: &str) -> String {
        self.groups
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, n)| n)
            .or_else(|| self.group_names.get(id))
            .map_or(id.to_string(), Clone::clone)
    }

    /// The key for sending the current draft: the last one's when the draft is unchanged.
    pub fn key_for(&mut self, fresh: impl FnOnce() -> String) -> String {
        let draft = self.draft();
        match &self.submission {
            Some(s) if s.draft == draft => s.key.clone(),
            _ => {
                let key = fresh();
                self.submission = Some(Submission {
                    draft,
                    key: key.clone(),
                });
                key
            }
        }
    }
}
