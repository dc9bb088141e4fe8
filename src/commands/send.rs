//! Sending a change from a headless command: once with its idempotency key (the client's own
//! retries reuse it), an outcome left unknown naming the exact command that resumes it; then
//! the operation's id, or with `--wait` each change of its state.

use super::{CommandError, nic_table, operation, resume::Resume};
use crate::{
    api::{
        Cloud, Mutation,
        operation::{OpResponse, OpState, OpView, PollSchedule},
        proto::yandex::cloud::operation::Operation,
    },
    nic::{
        change_preview::{
            add_nat_json, add_nat_yc, remove_nat_json, remove_nat_yc, update_json, update_yc,
        },
        preview::{request_json, yc_command},
    },
};

/// What a changing headless command sends and prints with: the client, the start of its
/// resume commands, and where its lines go.
pub struct Sender<'a> {
    pub cloud: &'a Cloud,
    pub resume: Resume,
    pub out: Box<dyn FnMut(&str) + 'a>,
}

impl Sender<'_> {
    /// Sends `mutation` once with `key`; an outcome left unknown names `resume_line`, the
    /// command line that finishes it.
    pub async fn send_once(
        &self,
        mutation: &Mutation,
        key: &str,
        resume_line: String,
    ) -> Result<Operation, CommandError> {
        mutation
            .send_once(self.cloud, key)
            .await
            .map_err(|e| CommandError::from_send(e, key, resume_line))
    }

    /// Sends `mutation` once with `key` (an outcome left unknown names `words`, the command
    /// that resumes it), then prints the operation's id or, with `wait`, tracks it to the end
    /// and returns it.
    pub async fn send(
        &mut self,
        mutation: &Mutation,
        key: &str,
        words: &[String],
        wait: bool,
    ) -> Result<Option<OpView>, CommandError> {
        let op = self
            .send_once(mutation, key, self.resume.command(words))
            .await?;
        if wait {
            let schedule = PollSchedule::default();
            let view = operation::wait(self.cloud, &op.id, schedule, &self.resume, &mut self.out);
            return view.await.map(Some);
        }
        if let OpState::Failed(error) = OpView::from(&op).state {
            return Err(CommandError::OperationFailed {
                id: op.id.clone(),
                error,
            });
        }
        (self.out)(&op.id);
        Ok(None)
    }

    /// Sends an interface change like `send`; once it is waited for, prints the instance's
    /// interfaces.
    pub async fn send_nic_change(
        &mut self,
        mutation: Mutation,
        key: &str,
        words: &[String],
        wait: bool,
    ) -> Result<(), CommandError> {
        let Some(view) = self.send(&mutation, key, words, wait).await? else {
            return Ok(());
        };
        // The change is done; failing to read the instance back does not undo that.
        let instance = match view.state {
            OpState::Done(OpResponse::Instance(instance)) => *instance,
            _ => match self.cloud.get_instance(mutation.instance_id()).await {
                Ok(instance) => instance,
                Err(e) => {
                    (self.out)(&format!("(done; reading the instance back failed: {e})"));
                    return Ok(());
                }
            },
        };
        (self.out)(nic_table::render(&instance).trim_end());
        Ok(())
    }

    /// Prints an interface change's request as JSON and the yc command with its notes
    /// (`--dry-run`); stop, start, restart and detach have no such preview.
    pub fn preview(&mut self, mutation: &Mutation) {
        let (json, (command, notes)) = match mutation {
            Mutation::Attach(r) => (request_json(r), yc_command(r)),
            Mutation::UpdateNic(r) => (update_json(r), update_yc(r)),
            Mutation::AddNat(r) => (add_nat_json(r), add_nat_yc(r)),
            Mutation::RemoveNat(r) => (remove_nat_json(r), (remove_nat_yc(r), Vec::new())),
            Mutation::Power { .. } | Mutation::Detach(_) => return,
        };
        (self.out)(&json);
        (self.out)(&command);
        for note in notes {
            (self.out)(&format!("# {note}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{
        PowerAction,
        proto::yandex::cloud::compute::v1::{
            DetachInstanceNetworkInterfaceRequest, RemoveInstanceOneToOneNatRequest,
        },
    };

    /// The lines `preview` prints for `mutation`.
    fn previewed(mutation: &Mutation) -> Vec<String> {
        let cloud = Cloud::single("http://127.0.0.1:1", false, None).expect("a lazy client");
        let mut lines = Vec::new();
        let mut to = Sender {
            cloud: &cloud,
            resume: Resume::default(),
            out: Box::new(|line: &str| lines.push(line.to_string())),
        };
        to.preview(mutation);
        drop(to);
        lines
    }

    #[tokio::test]
    async fn a_dry_run_prints_the_request_and_the_yc_command_of_interface_changes_only() {
        let remove = Mutation::RemoveNat(RemoveInstanceOneToOneNatRequest {
            instance_id: "i1".into(),
            network_interface_index: "1".into(),
            internal_address: String::new(),
        });
        let lines = previewed(&remove);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].contains("\"instance_id\": \"i1\""), "{lines:?}");
        assert!(
            lines[1].starts_with("yc compute instance remove-one-to-one-nat"),
            "{lines:?}"
        );
        let stop = Mutation::Power {
            action: PowerAction::Stop,
            instance_id: "i1".into(),
        };
        let detach = Mutation::Detach(DetachInstanceNetworkInterfaceRequest {
            instance_id: "i1".into(),
            network_interface_index: "1".into(),
        });
        assert_eq!(previewed(&stop), Vec::<String>::new());
        assert_eq!(previewed(&detach), Vec::<String>::new());
    }
}
