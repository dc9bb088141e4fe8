//! The names of the security groups on the form's instance's interfaces, read by the form
//! itself: once the instance and the zone's subnets are known, each distinct network of those
//! interfaces (by their subnets) has its groups listed once, unless the names are known
//! already (from the details view, or the chosen subnet's options). Until a name arrives, or
//! if its read fails, the group shows as its id.

use super::{
    loads::Load,
    state::{AttachForm, Purpose},
};
use crate::{api::ApiError, app::msg::Effect};

impl AttachForm {
    /// Reads for the networks of the instance's interfaces that have a group without a name,
    /// each network once. The public IP form shows no groups and reads none.
    pub(super) fn read_group_names(&mut self) -> Vec<Effect> {
        if let Purpose::PublicIp { .. } = self.purpose {
            return Vec::new();
        }
        // The chosen subnet's options bring its network's groups already.
        let chosen = self
            .subnet()
            .filter(|_| matches!(self.subnet_load, Some(Load::Loading | Load::Ready)))
            .map(|s| s.subnet.network_id.clone());
        let mut effects = Vec::new();
        for nic in &self.instance.network_interfaces {
            let unnamed = nic
                .security_group_ids
                .iter()
                .any(|g| !self.group_names.contains_key(g));
            let network = self
                .subnets
                .iter()
                .find(|s| s.subnet.id == nic.subnet_id)
                .map(|s| s.subnet.network_id.clone());
            if let Some(network_id) = network.filter(|n| unnamed && chosen.as_ref() != Some(n))
                && self.group_networks.insert(network_id.clone())
            {
                effects.push(Effect::LoadGroupNames { network_id });
            }
        }
        effects
    }

    /// A network's groups arrived: their names are kept. A failed read may be asked again
    /// when the instance or the subnets are read again; the ids show meanwhile.
    pub(super) fn on_group_names(
        &mut self,
        network_id: &str,
        result: Result<Vec<(String, String)>, ApiError>,
    ) {
        match result {
            Ok(groups) => self.group_names.extend(groups),
            Err(_) => {
                self.group_networks.remove(network_id);
            }
        }
    }
}
