//! The attach form's feedback: the validation errors of what is typed, which of them show
//! (fields touched so far, or all after Ctrl-S), the server's refusal placed at the field it
//! names, and whether anything was changed at all.

use std::collections::HashSet;

use crate::{
    api::ApiError,
    nic::error::{Field, FieldError},
};

/// A refusal from the server (or a failed operation), placed at a field when it names one.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerError {
    pub field: Option<Field>,
    pub error: ApiError,
}

/// The form's errors and which of them show, and whether the user has changed anything.
#[derive(Debug, Clone, Default)]
pub struct Feedback {
    /// The current values' validation errors.
    pub errors: Vec<FieldError>,
    /// Fields edited so far: their errors show as the user types; all show after Ctrl-S.
    pub touched: HashSet<Field>,
    pub show_all: bool,
    pub server_error: Option<ServerError>,
    /// Something was typed or chosen (Esc asks before discarding).
    pub edited: bool,
}

impl Feedback {
    /// A change by the user to `field` (`None`: to no one field): its errors show from now on;
    /// a server error goes.
    pub(super) fn user_changed(&mut self, field: Option<Field>) {
        if let Some(field) = field {
            self.touched.insert(field);
        }
        self.edited = true;
        self.server_error = None;
    }

    /// The messages shown next to `field`: validation errors once visible, and the server's.
    pub fn errors_for(&self, field: Field) -> Vec<String> {
        let visible = self.show_all || self.touched.contains(&field);
        let mut out: Vec<String> = self
            .errors
            .iter()
            .filter(|e| visible && same_place(e.field, field))
            .map(|e| e.message.clone())
            .collect();
        if let Some(s) = &self.server_error
            && s.field.is_some_and(|f| same_place(f, field))
        {
            out.push(s.error.summary());
        }
        out
    }
}

/// Whether an error for `error` belongs at `shown` (PTR rows share the row's fqdn place).
fn same_place(error: Field, shown: Field) -> bool {
    match (error, shown) {
        (Field::Nat, Field::NatAddress) => true,
        _ => error == shown,
    }
}
