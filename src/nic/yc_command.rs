//! A `yc` command as words: one line for the headless `--dry-run` (its output is one line by
//! contract), or wrapped with ` \` continuations, one flag per line, for the dashboard's review,
//! so it can be pasted into a shell as is.

use super::preview::shell_quote;

/// `yc compute instance <verb>` with its flags, each value quoted for a POSIX shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YcCommand {
    verb: String,
    flags: Vec<(String, String)>,
}

impl YcCommand {
    pub fn new(verb: &str) -> Self {
        Self {
            verb: verb.to_string(),
            flags: Vec::new(),
        }
    }

    pub fn flag(&mut self, name: &str, value: &str) {
        self.flags.push((name.to_string(), shell_quote(value)));
    }

    fn head(&self) -> String {
        format!("yc compute instance {}", self.verb)
    }

    /// The whole command on one line.
    pub fn line(&self) -> String {
        let mut out = self.head();
        for (name, value) in &self.flags {
            out.push_str(&format!(" {name} {value}"));
        }
        out
    }

    /// The command with one flag per line, each line but the last ending in ` \`.
    pub fn wrapped(&self) -> String {
        let mut lines = vec![self.head()];
        lines.extend(
            self.flags
                .iter()
                .map(|(name, value)| format!("  {name} {value}")),
        );
        lines.join(" \\\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_or_one_flag_per_line() {
        let mut c = YcCommand::new("update-network-interface");
        c.flag("--id", "fhm1");
        c.flag("--security-group-id", "sg 2");
        assert_eq!(
            c.line(),
            "yc compute instance update-network-interface --id fhm1 --security-group-id 'sg 2'"
        );
        assert_eq!(
            c.wrapped(),
            "yc compute instance update-network-interface \\\n  --id fhm1 \\\n  --security-group-id 'sg 2'"
        );
        assert_eq!(YcCommand::new("stop").wrapped(), "yc compute instance stop");
    }
}
