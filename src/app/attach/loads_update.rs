//! The attach form's reads as transitions: the effects that read each part of its options, and
//! taking in each answer. The types they move on (`Part`, `Loaded`, `Loads`) are in `loads.rs`,
//! below the messages that carry them.

use super::{
    choices::Refresh,
    loads::{Load, Loaded, Part},
    state::AttachForm,
};
use crate::{api::ApiError, app::msg::Effect};

impl AttachForm {
    /// The effect that reads `part` for this form.
    pub fn load(&mut self, part: Part) -> Effect {
        Effect::LoadAttachPart {
            instance_id: self.instance.id.clone(),
            folder_id: self.instance.folder_id.clone(),
            zone_id: self.instance.zone_id.clone(),
            part,
            ticket: self.tickets.issue(),
        }
    }

    /// The effect that reads the groups and used addresses of `subnet_id` (of `network_id`).
    pub fn read_subnet_options(&mut self, subnet_id: String, network_id: String) -> Effect {
        Effect::LoadSubnetOptions {
            subnet_id,
            network_id,
            ticket: self.tickets.issue(),
        }
    }

    /// Reads every part at once (a new form).
    pub fn load_all(&mut self) -> Vec<Effect> {
        Part::ALL.into_iter().map(|p| self.load(p)).collect()
    }

    /// Reads `part` again for a picker; a part that failed shows as loading meanwhile.
    pub fn reload(&mut self, part: Part) -> Effect {
        let load = self.loads.get_mut(part);
        if matches!(load, Load::Failed(_)) {
            *load = Load::Loading;
        }
        self.load(part)
    }

    /// An answer for `part`: the data replaces the old (the open picker keeps its cursor on the
    /// same item); a failure keeps what was read before. A subnet already chosen (the edit
    /// form's own) reads its groups and used addresses once the subnets are known; the
    /// networks of the instance's interfaces are read for their groups' names.
    pub fn on_loaded(&mut self, part: Part, result: Result<Loaded, ApiError>) -> Vec<Effect> {
        let picker_reads = self
            .picker
            .as_ref()
            .is_some_and(|p| Part::of_picker(p.kind) == Some(part));
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(error) => {
                if picker_reads && let Some(picker) = self.picker.as_mut() {
                    picker.refresh = Refresh::Failed(error.summary());
                }
                let load = self.loads.get_mut(part);
                if *load != Load::Ready {
                    *load = Load::Failed(error);
                }
                return Vec::new();
            }
        };
        let keep = picker_reads.then(|| self.cursor_id()).flatten();
        match loaded {
            Loaded::Instance(instance) => self.set_instance(*instance),
            Loaded::Subnets(subnets) => self.subnets = subnets,
            Loaded::DnsZones(zones) => self.ctx.dns_zones = zones,
            Loaded::Addresses(addresses) => self.ctx.free_static_addresses = addresses,
        }
        *self.loads.get_mut(part) = Load::Ready;
        if picker_reads {
            self.picker_refreshed(keep.as_deref());
        }
        let mut effects = if part == Part::Subnets {
            self.chosen_subnet_options()
        } else {
            Vec::new()
        };
        if matches!(part, Part::Instance | Part::Subnets) {
            effects.extend(self.read_group_names());
        }
        self.revalidate();
        effects
    }

    /// The subnets arrived: a subnet chosen before them (the edit form's) is looked up, and
    /// its groups and used addresses are read unless they were already.
    fn chosen_subnet_options(&mut self) -> Vec<Effect> {
        if self.ctx.subnet.is_none() {
            self.ctx.subnet = self.subnet().map(|s| s.subnet.clone());
        }
        match self.subnet().map(|s| s.subnet.network_id.clone()) {
            Some(network_id) if self.subnet_load.is_none() => {
                self.subnet_load = Some(Load::Loading);
                let subnet_id = self.input.subnet_id.clone();
                vec![self.read_subnet_options(subnet_id, network_id)]
            }
            _ => Vec::new(),
        }
    }
}
