//! The detach request, refused up front when the API would refuse it: an interface that does
//! not exist, the only interface, or an instance that is not STOPPED. Shared by the TUI's
//! detach dialog and `ycdash detach`.

use crate::api::proto::yandex::cloud::compute::v1::{
    DetachInstanceNetworkInterfaceRequest, Instance, instance,
};

/// The lowest network interface index the instance does not use, if any is left (0..=15).
pub fn lowest_free_index(instance: &Instance) -> Option<u32> {
    (0..=super::fields::MAX_INDEX).find(|i| {
        !instance
            .network_interfaces
            .iter()
            .any(|n| n.index == i.to_string())
    })
}

/// The request detaching interface `index`, or why it cannot be detached now.
pub fn check_detach(
    instance: &Instance,
    index: u32,
) -> Result<DetachInstanceNetworkInterfaceRequest, String> {
    let index = index.to_string();
    let nics = &instance.network_interfaces;
    if !nics.iter().any(|n| n.index == index) {
        let existing: Vec<&str> = nics.iter().map(|n| n.index.as_str()).collect();
        return Err(format!(
            "instance {} has no network interface {index}; its interfaces are: {}",
            instance.id,
            existing.join(", ")
        ));
    }
    if nics.len() <= 1 {
        return Err(format!(
            "network interface {index} is the only interface of instance {}; an instance keeps at least one, so attach another first",
            instance.id
        ));
    }
    if instance.status != instance::Status::Stopped as i32 {
        let status = instance::Status::try_from(instance.status)
            .map_or("STATUS_UNSPECIFIED", |s| s.as_str_name());
        return Err(format!(
            "instance {} is {status}; stop it first: interfaces can only be detached from a STOPPED instance (yc compute instance stop --id {})",
            instance.id, instance.id
        ));
    }
    Ok(DetachInstanceNetworkInterfaceRequest {
        instance_id: instance.id.clone(),
        network_interface_index: index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::NetworkInterface;

    fn instance(status: instance::Status, indexes: &[&str]) -> Instance {
        Instance {
            id: "fhm1".into(),
            status: status as i32,
            network_interfaces: indexes
                .iter()
                .map(|i| NetworkInterface {
                    index: i.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn lowest_free_index_fills_gaps() {
        use instance::Status::Stopped;
        assert_eq!(lowest_free_index(&instance(Stopped, &[])), Some(0));
        assert_eq!(lowest_free_index(&instance(Stopped, &["0", "2"])), Some(1));
        assert_eq!(lowest_free_index(&instance(Stopped, &["1"])), Some(0));
        let all: Vec<String> = (0..=15).map(|i| i.to_string()).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        assert_eq!(lowest_free_index(&instance(Stopped, &all)), None);
    }

    #[test]
    fn detach_builds_request_for_a_stopped_instance() {
        let req = check_detach(&instance(instance::Status::Stopped, &["0", "1"]), 1);
        assert_eq!(
            req,
            Ok(DetachInstanceNetworkInterfaceRequest {
                instance_id: "fhm1".into(),
                network_interface_index: "1".into(),
            })
        );
    }

    #[test]
    fn detach_refusals_say_why() {
        use instance::Status::{Running, Stopped};
        let cases = [
            (
                instance(Stopped, &["0", "1"]),
                3,
                "has no network interface 3; its interfaces are: 0, 1",
            ),
            (
                instance(Stopped, &["0"]),
                0,
                "is the only interface of instance fhm1",
            ),
            (
                instance(Running, &["0", "1"]),
                1,
                "is RUNNING; stop it first",
            ),
        ];
        for (inst, index, rule) in cases {
            let err = check_detach(&inst, index).expect_err(rule);
            assert!(err.contains(rule), "{err}");
        }
    }
}
