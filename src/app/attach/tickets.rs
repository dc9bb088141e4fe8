//! Which answer of the form's reads is the newest. The runtime runs reads side by side, so when
//! one is asked again (a picker opened twice, a subnet chosen again) the answers may arrive out
//! of order. Each read carries a ticket, larger for every later read in the whole process (so
//! also across forms of the same instance); an answer to an older read than one already
//! answered is stale and dropped.

use std::{
    collections::HashMap,
    sync::atomic::{AtomicU64, Ordering},
};

use super::loads::Part;

/// The ticket of a read asked now: larger than every ticket handed out before.
pub fn next() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A read whose answers replace each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Read {
    Part(Part),
    /// The chosen subnet's groups and used addresses.
    SubnetOptions,
}

/// The newest ticket answered for each read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answered {
    newest: HashMap<Read, u64>,
}

impl Answered {
    /// Whether the answer to `read`'s ticket `ticket` is to be taken: no later read of it has
    /// answered. A taken answer becomes the newest.
    pub fn take(&mut self, read: Read, ticket: u64) -> bool {
        let newest = self.newest.entry(read).or_default();
        if ticket < *newest {
            return false;
        }
        *newest = ticket;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_ticket_is_larger() {
        let first = next();
        assert!(next() > first);
    }

    #[test]
    fn an_answer_older_than_one_taken_is_dropped_per_read() {
        let mut answered = Answered::default();
        let addresses = Read::Part(Part::Addresses);
        assert!(answered.take(addresses, 5));
        assert!(!answered.take(addresses, 4), "older than the newest");
        assert!(answered.take(addresses, 5), "the same read again");
        assert!(answered.take(Read::Part(Part::Subnets), 1), "another read");
        assert!(answered.take(Read::SubnetOptions, 2));
        assert!(answered.take(addresses, 7));
    }
}
