//! `ycdash completions SHELL` and `ycdash man`: generated from the same clap definition the
//! parser uses, so they list exactly the commands and flags ycdash takes.

use std::path::Path;

use super::CommandError;
use crate::cli_client;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cli_client::command(), "ycdash", &mut script);
    script
}

/// The manual page `ycdash.1`, as roff.
pub fn man_page() -> Result<Vec<u8>, CommandError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cli_client::command())
        .render(&mut page)
        .map_err(|e| CommandError::Output(format!("cannot render the manual page: {e}")))?;
    Ok(page)
}

/// Writes `ycdash.1` and one page per command (`ycdash-instances-list.1`, ...) into `dir`,
/// creating it if needed. Manual pages are public: ordinary permissions, not `private_file`'s.
pub fn write_man_pages(dir: &Path) -> Result<(), CommandError> {
    std::fs::create_dir_all(dir)
        .and_then(|()| clap_mangen::generate_to(cli_client::command(), dir))
        .map_err(|e| CommandError::Output(format!("{}: {e}", dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_commands() {
        use clap::ValueEnum;
        for &shell in clap_complete::Shell::value_variants() {
            let script = String::from_utf8(completions(shell)).expect("UTF-8");
            for word in [
                "instances",
                "attach",
                "emulator",
                "completions",
                "--endpoint",
            ] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }

    #[test]
    fn the_man_page_lists_the_subcommands() {
        let page = String::from_utf8(man_page().expect("renders")).expect("UTF-8");
        assert!(
            page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH ycdash 1"),
            "{page:.200}"
        );
        for word in ["ycdash\\-instances", "ycdash\\-emulator", "\\-\\-demo"] {
            assert!(page.contains(word), "no {word}");
        }
    }

    #[test]
    fn man_pages_for_each_command_go_into_a_directory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("man1");
        write_man_pages(&out).expect("written");
        for page in [
            "ycdash.1",
            "ycdash-instances.1",
            "ycdash-instances-list.1",
            "ycdash-emulator.1",
        ] {
            let text = std::fs::read_to_string(out.join(page)).unwrap_or_default();
            assert!(text.contains(".TH"), "{page}: {text:.100}");
        }
    }
}
