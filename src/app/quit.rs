//! Quitting while mutating requests are in flight: the first quit waits for their answers
//! ("waiting for N requests; q again to abandon"), a second one leaves at once. Every request
//! is in the journal as "sent" before it goes out, so an abandoned one is resolved at the next
//! start.

use super::{
    model::{Level, Model},
    msg::Effect,
};
use crate::keymap::Action;

/// The user asked to quit.
pub fn request(model: &mut Model) {
    if model.requests_in_flight == 0 || model.quit_asked {
        model.quit = true;
        return;
    }
    model.quit_asked = true;
    let keys = model.keymap.keys_of(Action::Quit);
    let key = keys.split('/').next().unwrap_or("q");
    let n = model.requests_in_flight;
    let noun = if n == 1 { "request" } else { "requests" };
    model.toast(
        Level::Info,
        format!("waiting for {n} {noun}; {key} again to abandon"),
    );
}

/// Counts the mutating requests among `effects` as in flight.
pub fn count_sent(model: &mut Model, effects: &[Effect]) {
    model.requests_in_flight += effects.iter().filter(|e| e.is_mutation()).count();
}

/// A mutating request was answered; the last answer ends a waiting quit.
pub fn answered(model: &mut Model) {
    model.requests_in_flight = model.requests_in_flight.saturating_sub(1);
    if model.quit_asked && model.requests_in_flight == 0 {
        model.quit = true;
    }
}
