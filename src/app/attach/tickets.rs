//! Which answer of the form's reads is the newest. The runtime runs reads side by side, so when
//! one is asked again (a picker opened twice, a subnet chosen again) the answers may arrive out
//! of order. Each read carries a ticket: the form that asked (numbered as forms open, so a
//! later form of the same instance is newer) and the read's number in it. An answer to an
//! older read than one already answered is stale and dropped.

use std::collections::HashMap;

use super::loads::Part;

/// A read's ticket; later tickets compare larger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket {
    /// The form that asked, numbered as forms open.
    pub form: u64,
    /// The read's number in its form, from 1.
    pub read: u64,
}

/// A read whose answers replace each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Read {
    Part(Part),
    /// The chosen subnet's groups and used addresses.
    SubnetOptions,
}

/// A form's reads: the tickets it hands out and the newest answer taken of each read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tickets {
    form: u64,
    issued: u64,
    newest: HashMap<Read, Ticket>,
}

impl Tickets {
    /// The tickets of the form numbered `form`.
    pub fn of_form(form: u64) -> Self {
        Self {
            form,
            ..Self::default()
        }
    }

    /// The ticket of a read asked now: later than every one this form handed out.
    pub fn issue(&mut self) -> Ticket {
        self.issued += 1;
        Ticket {
            form: self.form,
            read: self.issued,
        }
    }

    /// Whether the answer to `read`'s ticket `ticket` is to be taken: no later read of it has
    /// answered. A taken answer becomes the newest.
    pub fn take(&mut self, read: Read, ticket: Ticket) -> bool {
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
    fn a_later_read_and_a_later_form_have_larger_tickets() {
        let mut first_form = Tickets::of_form(1);
        let (a, b) = (first_form.issue(), first_form.issue());
        assert!(b > a);
        let mut second_form = Tickets::of_form(2);
        assert!(
            second_form.issue() > b,
            "a later form's first read is newer"
        );
    }

    #[test]
    fn an_answer_older_than_one_taken_is_dropped_per_read() {
        let mut answered = Tickets::of_form(3);
        let addresses = Read::Part(Part::Addresses);
        let ticket = |form, read| Ticket { form, read };
        assert!(answered.take(addresses, ticket(3, 5)));
        assert!(
            !answered.take(addresses, ticket(3, 4)),
            "older than the newest"
        );
        assert!(
            !answered.take(addresses, ticket(2, 9)),
            "an earlier form's read"
        );
        assert!(
            answered.take(addresses, ticket(3, 5)),
            "the same read again"
        );
        assert!(
            answered.take(Read::Part(Part::Subnets), ticket(3, 1)),
            "another read"
        );
        assert!(answered.take(Read::SubnetOptions, ticket(3, 2)));
        assert!(answered.take(addresses, ticket(3, 7)));
    }
}
