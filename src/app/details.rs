//! The details screen's part of the model: which instance, what was loaded about it
//! (subnets, networks, security groups, operation history), scroll position.

use std::collections::HashMap;

use crate::api::{
    ApiError,
    operation::OpView,
    proto::yandex::cloud::{
        compute::v1::Instance,
        vpc::v1::{Network, Subnet},
    },
};

/// Everything the details screen shows beyond the list's copy of the instance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsData {
    pub instance: Instance,
    pub subnets: HashMap<String, Subnet>,
    pub networks: HashMap<String, Network>,
    /// Security group id -> name.
    pub security_groups: HashMap<String, String>,
    /// The instance's operations, newest first.
    pub operations: Vec<OpView>,
    /// Lookups that failed (a subnet in another folder, ...): shown, not fatal.
    pub warnings: Vec<String>,
}

/// The open details screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub instance_id: String,
    pub data: Option<Box<DetailsData>>,
    pub error: Option<ApiError>,
    pub scroll: u16,
    /// The selected network interface (position in the instance's list), for detach.
    pub nic: usize,
}

impl Details {
    pub fn new(instance_id: String) -> Self {
        Self {
            instance_id,
            data: None,
            error: None,
            scroll: 0,
            nic: 0,
        }
    }

    /// Scrolls by `delta` lines, never past `max` (the last line at the bottom).
    pub fn scroll_by(&mut self, delta: i32, max: u16) {
        self.scroll = super::doc::scrolled(self.scroll.min(max), delta, max);
    }
}
