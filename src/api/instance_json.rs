//! `Instance` and the messages inside it as JSON fields, in field-number order with the API's
//! own field names, for [`super::json_writer`]: what `instances list --format json|jsonl`
//! prints, written without an intermediate tree. The test builds an instance with every field
//! set from the descriptors and checks it against the reflection-based output.

use super::json_writer::{JsonFields, ObjectWriter};
use super::proto::yandex::cloud::compute::v1::{
    self as compute, Application, AttachedDisk, AttachedFilesystem, AttachedLocalDisk, BackupSpec,
    ContainerSolutionSpec, Generation2HardwareFeatures, GpuSettings, HardwareGeneration, Instance,
    KmsKey, LegacyHardwareFeatures, MetadataOptions, NetworkInterface, NetworkSettings,
    OneToOneNat, PhysicalLocalDisk, PlacementPolicy, PrimaryAddress, Resources, SchedulingPolicy,
    Secret, SerialPortSettings, placement_policy::HostAffinityRule,
};

type Result = std::result::Result<(), String>;

/// An enum's value name by number, for [`ObjectWriter::enumeration`].
macro_rules! names {
    ($enum:ty) => {
        |n: i32| <$enum>::try_from(n).ok().map(|v| v.as_str_name())
    };
}

impl JsonFields for Instance {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("id", &self.id);
        o.string("folder_id", &self.folder_id);
        o.timestamp("created_at", self.created_at.as_ref())?;
        o.string("name", &self.name);
        o.string("description", &self.description);
        o.string_map("labels", &self.labels);
        o.string("zone_id", &self.zone_id);
        o.string("platform_id", &self.platform_id);
        o.message("resources", self.resources.as_ref())?;
        o.enumeration("status", self.status, names!(compute::instance::Status));
        o.string_map("metadata", &self.metadata);
        o.message("boot_disk", self.boot_disk.as_ref())?;
        o.messages("secondary_disks", &self.secondary_disks)?;
        o.messages("network_interfaces", &self.network_interfaces)?;
        o.string("fqdn", &self.fqdn);
        o.message("scheduling_policy", self.scheduling_policy.as_ref())?;
        o.string("service_account_id", &self.service_account_id);
        o.message("network_settings", self.network_settings.as_ref())?;
        o.message("placement_policy", self.placement_policy.as_ref())?;
        o.messages("filesystems", &self.filesystems)?;
        o.messages("local_disks", &self.local_disks)?;
        o.message("metadata_options", self.metadata_options.as_ref())?;
        o.message("serial_port_settings", self.serial_port_settings.as_ref())?;
        o.message("gpu_settings", self.gpu_settings.as_ref())?;
        o.string("host_group_id", &self.host_group_id);
        o.string("host_id", &self.host_id);
        o.enumeration(
            "maintenance_policy",
            self.maintenance_policy,
            names!(compute::MaintenancePolicy),
        );
        o.duration(
            "maintenance_grace_period",
            self.maintenance_grace_period.as_ref(),
        )?;
        o.message("hardware_generation", self.hardware_generation.as_ref())?;
        o.string("reserved_instance_pool_id", &self.reserved_instance_pool_id);
        o.message("application", self.application.as_ref())
    }
}

impl JsonFields for Resources {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.int64("memory", self.memory);
        o.int64("cores", self.cores);
        o.int64("core_fraction", self.core_fraction);
        o.int64("gpus", self.gpus);
        Ok(())
    }
}

impl JsonFields for AttachedDisk {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.enumeration("mode", self.mode, names!(compute::attached_disk::Mode));
        o.string("device_name", &self.device_name);
        o.boolean("auto_delete", self.auto_delete);
        o.string("disk_id", &self.disk_id);
        Ok(())
    }
}

impl JsonFields for AttachedLocalDisk {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.int64("size", self.size);
        o.string("device_name", &self.device_name);
        match &self.r#type {
            Some(compute::attached_local_disk::Type::PhysicalLocalDisk(disk)) => {
                o.message("physical_local_disk", Some(disk))
            }
            None => Ok(()),
        }
    }
}

impl JsonFields for PhysicalLocalDisk {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.message("kms_key", self.kms_key.as_ref())
    }
}

impl JsonFields for KmsKey {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("key_id", &self.key_id);
        o.string("version_id", &self.version_id);
        Ok(())
    }
}

impl JsonFields for AttachedFilesystem {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.enumeration(
            "mode",
            self.mode,
            names!(compute::attached_filesystem::Mode),
        );
        o.string("device_name", &self.device_name);
        o.string("filesystem_id", &self.filesystem_id);
        Ok(())
    }
}

impl JsonFields for NetworkInterface {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("index", &self.index);
        o.string("mac_address", &self.mac_address);
        o.string("subnet_id", &self.subnet_id);
        o.message("primary_v4_address", self.primary_v4_address.as_ref())?;
        o.message("primary_v6_address", self.primary_v6_address.as_ref())?;
        o.strings("security_group_ids", &self.security_group_ids);
        Ok(())
    }
}

impl JsonFields for PrimaryAddress {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("address", &self.address);
        o.message("one_to_one_nat", self.one_to_one_nat.as_ref())?;
        o.messages("dns_records", &self.dns_records)
    }
}

impl JsonFields for OneToOneNat {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("address", &self.address);
        o.enumeration("ip_version", self.ip_version, names!(compute::IpVersion));
        o.messages("dns_records", &self.dns_records)
    }
}

impl JsonFields for compute::DnsRecord {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("fqdn", &self.fqdn);
        o.string("dns_zone_id", &self.dns_zone_id);
        o.int64("ttl", self.ttl);
        o.boolean("ptr", self.ptr);
        Ok(())
    }
}

impl JsonFields for SchedulingPolicy {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.boolean("preemptible", self.preemptible);
        Ok(())
    }
}

impl JsonFields for NetworkSettings {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.enumeration("type", self.r#type, names!(compute::network_settings::Type));
        Ok(())
    }
}

impl JsonFields for PlacementPolicy {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("placement_group_id", &self.placement_group_id);
        o.messages("host_affinity_rules", &self.host_affinity_rules)?;
        o.int64("placement_group_partition", self.placement_group_partition);
        Ok(())
    }
}

impl JsonFields for HostAffinityRule {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("key", &self.key);
        o.enumeration(
            "op",
            self.op,
            names!(compute::placement_policy::host_affinity_rule::Operator),
        );
        o.strings("values", &self.values);
        Ok(())
    }
}

impl JsonFields for GpuSettings {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("gpu_cluster_id", &self.gpu_cluster_id);
        Ok(())
    }
}

impl JsonFields for MetadataOptions {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        let option = names!(compute::MetadataOption);
        o.enumeration("gce_http_endpoint", self.gce_http_endpoint, option);
        o.enumeration("aws_v1_http_endpoint", self.aws_v1_http_endpoint, option);
        o.enumeration("gce_http_token", self.gce_http_token, option);
        o.enumeration("aws_v1_http_token", self.aws_v1_http_token, option);
        o.enumeration("aws_v2_http_endpoint", self.aws_v2_http_endpoint, option);
        o.enumeration("aws_v2_http_token", self.aws_v2_http_token, option);
        Ok(())
    }
}

impl JsonFields for SerialPortSettings {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.enumeration(
            "ssh_authorization",
            self.ssh_authorization,
            names!(compute::serial_port_settings::SshAuthorization),
        );
        Ok(())
    }
}

impl JsonFields for HardwareGeneration {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        use compute::hardware_generation::Features;
        match &self.features {
            Some(Features::LegacyFeatures(f)) => o.message("legacy_features", Some(f)),
            Some(Features::Generation2Features(f)) => o.message("generation2_features", Some(f)),
            None => Ok(()),
        }
    }
}

impl JsonFields for LegacyHardwareFeatures {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.enumeration(
            "pci_topology",
            self.pci_topology,
            names!(compute::PciTopology),
        );
        Ok(())
    }
}

impl JsonFields for Generation2HardwareFeatures {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("secure_boot_template_id", &self.secure_boot_template_id);
        o.boolean("vtpm_enabled", self.vtpm_enabled);
        Ok(())
    }
}

impl JsonFields for Application {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        match &self.container {
            Some(compute::application::Container::ContainerSolution(spec)) => {
                o.message("container_solution", Some(spec))?
            }
            None => {}
        }
        o.message("cloudbackup", self.cloudbackup.as_ref())
    }
}

impl JsonFields for ContainerSolutionSpec {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("product_id", &self.product_id);
        o.message_map("secrets", &self.secrets)?;
        o.string_map("environment", &self.environment);
        Ok(())
    }
}

impl JsonFields for Secret {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.string("id", &self.id);
        o.string("key", &self.key);
        o.string("version_id", &self.version_id);
        Ok(())
    }
}

impl JsonFields for BackupSpec {
    fn write_fields(&self, o: &mut ObjectWriter<'_>) -> Result {
        o.boolean("enabled", self.enabled);
        o.strings("initial_policy_ids", &self.initial_policy_ids);
        o.boolean("recovery_from_backup", self.recovery_from_backup);
        o.string("backup_id", &self.backup_id);
        o.string("instance_registration_id", &self.instance_registration_id);
        Ok(())
    }
}

#[cfg(test)]
#[path = "instance_json_tests.rs"]
mod tests;
