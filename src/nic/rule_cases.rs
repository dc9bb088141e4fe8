//! Test support for the field parsers: each bad input fails with a message naming its rule.

use std::fmt::Debug;

/// Asserts that `parse` rejects every `(input, rule)` case with an error that contains `rule`;
/// returns the errors, in case order, for further checks.
pub fn assert_rejected<T: Debug>(
    parse: impl Fn(&str) -> Result<T, String>,
    cases: &[(&str, &str)],
) -> Vec<String> {
    cases
        .iter()
        .map(|&(input, rule)| {
            let err = parse(input).expect_err(input);
            assert!(err.contains(rule), "{input:?}: {err}");
            err
        })
        .collect()
}
