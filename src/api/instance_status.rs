//! What the API's instance statuses mean, for the dashboard and the emulator alike.

use super::proto::yandex::cloud::compute::v1::instance::Status;

impl Status {
    /// Whether the instance is on its way to another status: an operation is changing it
    /// (the dashboard shows a spinner; the emulator's seed completes it).
    pub fn is_transitional(self) -> bool {
        matches!(
            self,
            Self::Provisioning
                | Self::Starting
                | Self::Stopping
                | Self::Restarting
                | Self::Updating
                | Self::Deleting
        )
    }
}
