//! The attach form's edit mode (`Purpose::Edit`): prefilled from an existing interface, it
//! asks `nic::update` (the headless `nic update`'s code) for the update-network-interface
//! request, whose update_mask holds only the changed paths; it refuses up front a subnet or
//! address change on a RUNNING instance, and lists each change as before → after for the review.

use super::{
    focus::Slot,
    input::DnsInput,
    review::subnet_label,
    state::{AttachForm, Purpose},
};
use crate::{
    api::proto::yandex::cloud::compute::v1::{
        Instance, NetworkInterface, UpdateInstanceNetworkInterfaceRequest, instance::Status,
    },
    app::input::LineInput,
    nic::{
        draft::DnsRow,
        error::{Field, FieldError},
        update::{
            PATH_ADDRESS, PATH_DNS, PATH_GROUPS, PATH_SUBNET, UpdateDraft, address_of, check_state,
            current_nic,
        },
    },
};

/// The interface's internal DNS records as form rows (a zero TTL is the service default).
fn dns_rows_of(nic: &NetworkInterface) -> Vec<DnsRow> {
    let records = nic
        .primary_v4_address
        .as_ref()
        .map(|a| a.dns_records.as_slice());
    records
        .unwrap_or_default()
        .iter()
        .map(|r| DnsRow {
            fqdn: r.fqdn.clone(),
            zone_id: r.dns_zone_id.clone(),
            ttl: if r.ttl == 0 {
                String::new()
            } else {
                r.ttl.to_string()
            },
            ptr: r.ptr,
        })
        .collect()
}

impl AttachForm {
    /// The edit form for interface `index` of `instance`, prefilled with its subnet, internal
    /// IPv4, security groups and DNS records; focus on the groups, the usual change.
    pub fn edit(instance: Instance, index: u32) -> Self {
        let nic = current_nic(&instance, index).ok().cloned();
        let mut form = Self::new(instance);
        form.purpose = Purpose::Edit { index };
        form.input.index = LineInput::with_text(&index.to_string());
        if let Some(nic) = nic {
            form.input.subnet_id = nic.subnet_id.clone();
            form.input.ipv4.address = LineInput::with_text(&address_of(&nic));
            form.input.security_groups = nic.security_group_ids.clone();
            form.input.ipv4.dns = dns_rows_of(&nic).iter().map(DnsInput::from_row).collect();
        }
        form.focus = Slot::SecurityGroups;
        form.revalidate();
        form
    }

    /// The interface being edited, as the newest copy of the instance has it.
    pub fn edited_nic(&self) -> Option<&NetworkInterface> {
        match self.purpose {
            Purpose::Edit { index } => current_nic(&self.instance, index).ok(),
            _ => None,
        }
    }

    /// What differs from `current`; every part left as it is stays `None`.
    fn update_draft(&self, current: &NetworkInterface) -> UpdateDraft {
        let rows: Vec<DnsRow> = self
            .input
            .ipv4
            .dns
            .iter()
            .map(DnsInput::row)
            .filter(|r| !r.is_empty())
            .collect();
        let ipv4 = self.input.ipv4.address.text();
        UpdateDraft {
            instance_id: self.instance.id.clone(),
            index: current.index.parse().unwrap_or(u32::MAX),
            security_group_ids: (self.input.security_groups != current.security_group_ids)
                .then(|| self.input.security_groups.clone()),
            subnet_id: (self.input.subnet_id != current.subnet_id)
                .then(|| self.input.subnet_id.clone()),
            ipv4: (ipv4 != address_of(current)).then(|| ipv4.to_string()),
            dns: (rows != dns_rows_of(current)).then_some(rows),
        }
    }

    /// Whether the edit moves the interface: another subnet or internal address.
    pub fn edit_moves(&self) -> bool {
        self.edited_nic()
            .is_some_and(|c| self.update_draft(c).moves(c))
    }

    /// The update request, `Ok(None)` when nothing changes, or every field error.
    pub fn update_request(
        &self,
    ) -> Result<Option<UpdateInstanceNetworkInterfaceRequest>, Vec<FieldError>> {
        let Some(current) = self.edited_nic() else {
            let index = self.input.index.text();
            let message = format!("the instance has no network interface {index} any more");
            return Err(vec![FieldError::new(Field::Instance, message)]);
        };
        self.update_draft(current).validate(current, &self.ctx)
    }

    /// The edit's field errors, a subnet or address change on a RUNNING instance among them.
    pub(super) fn edit_errors(&self) -> Vec<FieldError> {
        let mut errors = self.update_request().err().unwrap_or_default();
        let running = self.instance.status == Status::Running as i32;
        if let Some(current) = self.edited_nic().filter(|_| running) {
            let draft = self.update_draft(current);
            let stopped_only = |what| format!("the {what} changes only on a STOPPED instance");
            if draft.subnet_id.is_some() {
                errors.push(FieldError::new(Field::Subnet, stopped_only("subnet")));
            } else if draft.moves(current) {
                errors.push(FieldError::new(Field::Ipv4, stopped_only("internal IPv4")));
            }
        }
        errors
    }

    /// Why the instance's state refuses the edit as it stands, naming the stop-first key
    /// (`stop_keys`) when stopping would help; `None` when it can be sent.
    pub fn edit_refusal(&self, stop_keys: &str) -> Option<String> {
        let moves = self.edit_moves();
        let running = self.instance.status == Status::Running as i32;
        match check_state(&self.instance, moves) {
            Ok(()) => None,
            Err(_) if running => Some(format!(
                "the instance is RUNNING: subnet and internal IPv4 change only when it is \
                 STOPPED; {stop_keys} stops it first"
            )),
            Err(_) => Some(format!(
                "the instance is {}: an interface is edited only on a RUNNING or STOPPED instance",
                self.status_name()
            )),
        }
    }

    fn dns_label(&self, fqdn: &str, zone_id: &str, ttl: i64, ptr: bool) -> String {
        let mut out = fqdn.to_string();
        if !zone_id.is_empty() {
            let zone = self
                .ctx
                .dns_zones
                .get(zone_id)
                .map_or(zone_id, String::as_str);
            out.push_str(&format!(" in {zone}"));
        }
        if ttl != 0 {
            out.push_str(&format!(" ttl {ttl}"));
        }
        if ptr {
            out.push_str(" PTR");
        }
        out
    }

    /// Each changed field of `request`: its name, the value now and the value after.
    pub fn changes(&self, request: &UpdateInstanceNetworkInterfaceRequest) -> Vec<[String; 3]> {
        let Some(current) = self.edited_nic() else {
            return Vec::new();
        };
        let or_none = |s: String| if s.is_empty() { "(none)".into() } else { s };
        let names = |ids: &[String]| {
            let names: Vec<String> = ids.iter().map(|g| self.group_name(g)).collect();
            or_none(names.join(", "))
        };
        let spec = request.primary_v4_address_spec.clone().unwrap_or_default();
        let mut out = Vec::new();
        let mask = request.update_mask.iter().flat_map(|m| m.paths.iter());
        for path in mask {
            let (what, before, after) = match path.as_str() {
                PATH_GROUPS => (
                    "security groups",
                    names(&current.security_group_ids),
                    names(&request.security_group_ids),
                ),
                PATH_SUBNET => (
                    "subnet",
                    subnet_label(self, &current.subnet_id),
                    subnet_label(self, &request.subnet_id),
                ),
                PATH_ADDRESS => {
                    let after = if spec.address.is_empty() {
                        "(auto)".to_string()
                    } else {
                        spec.address.clone()
                    };
                    ("internal IPv4", address_of(current), after)
                }
                PATH_DNS => {
                    let before: Vec<String> = dns_rows_of(current)
                        .iter()
                        .map(|r| {
                            let ttl = r.ttl.parse().unwrap_or(0);
                            self.dns_label(&r.fqdn, &r.zone_id, ttl, r.ptr)
                        })
                        .collect();
                    let after: Vec<String> = spec
                        .dns_record_specs
                        .iter()
                        .map(|r| self.dns_label(&r.fqdn, &r.dns_zone_id, r.ttl, r.ptr))
                        .collect();
                    ("internal DNS", before.join(", "), after.join(", "))
                }
                other => (other, String::new(), String::new()),
            };
            out.push([what.to_string(), or_none(before), or_none(after)]);
        }
        out
    }
}
