//! Request field checks shared by every service: required ids and length limits.

use tonic::Status;

/// INVALID_ARGUMENT unless `value` is non-empty.
pub fn required(field: &str, value: &str) -> Result<(), Status> {
    if value.is_empty() {
        return Err(Status::invalid_argument(format!("{field}: required")));
    }
    Ok(())
}

/// INVALID_ARGUMENT when `value` is longer than `max` characters.
pub fn max_len(field: &str, value: &str, max: usize) -> Result<(), Status> {
    let len = value.chars().count();
    if len > max {
        return Err(Status::invalid_argument(format!(
            "{field}: length {len} exceeds the maximum of {max}"
        )));
    }
    Ok(())
}

/// A required id of at most 50 characters.
pub fn id(field: &str, value: &str) -> Result<(), Status> {
    required(field, value)?;
    max_len(field, value, 50)
}

/// The common list fields: filter <= 1000 characters, page_token <= 100.
pub fn list_fields(page_token: &str, filter: &str) -> Result<(), Status> {
    max_len("page_token", page_token, 100)?;
    max_len("filter", filter, 1000)
}
