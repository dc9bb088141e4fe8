//! Focus in the attach form: the places it can be (`Slot`), their order, and the text input
//! under it.

use super::state::{AttachForm, Purpose};
use crate::app::input::LineInput;
use crate::nic::error::{DnsPart, DnsTarget, Field};

/// Which part of a DNS row has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DnsSlot {
    Fqdn,
    Zone,
    Ttl,
    Ptr,
}

/// A place the focus can be, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Index,
    Subnet,
    Ipv4,
    Nat,
    /// The heading of a DNS record list (rows are added here when there are none).
    DnsList(DnsTarget),
    Dns {
        target: DnsTarget,
        row: usize,
        part: DnsSlot,
    },
    SecurityGroups,
}

impl Slot {
    /// Whether typing goes into a text input here.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Slot::Index
                | Slot::Ipv4
                | Slot::Dns {
                    part: DnsSlot::Fqdn | DnsSlot::Ttl,
                    ..
                }
        )
    }

    /// The request field this slot edits, for error placement.
    pub fn field(self) -> Option<Field> {
        let part = |p| match p {
            DnsSlot::Fqdn | DnsSlot::Ptr => DnsPart::Fqdn,
            DnsSlot::Zone => DnsPart::Zone,
            DnsSlot::Ttl => DnsPart::Ttl,
        };
        match self {
            Slot::Index => Some(Field::Index),
            Slot::Subnet => Some(Field::Subnet),
            Slot::Ipv4 => Some(Field::Ipv4),
            Slot::Nat => Some(Field::NatAddress),
            Slot::DnsList(_) => None,
            Slot::Dns {
                target,
                row,
                part: p,
            } => Some(Field::Dns {
                target,
                row,
                part: part(p),
            }),
            Slot::SecurityGroups => Some(Field::SecurityGroups),
        }
    }
}

impl AttachForm {
    /// Every focusable slot, in order.
    pub fn slots(&self) -> Vec<Slot> {
        let public_ip = matches!(self.purpose, Purpose::PublicIp { .. });
        let (mut slots, targets) = match self.purpose {
            Purpose::PublicIp { .. } => (vec![Slot::Nat], &[DnsTarget::Nat][..]),
            // An interface keeps its index; its public IP changes with `n` / `N`.
            Purpose::Edit { .. } => (vec![Slot::Subnet, Slot::Ipv4], &[DnsTarget::Internal][..]),
            Purpose::Attach => (
                vec![Slot::Index, Slot::Subnet, Slot::Ipv4, Slot::Nat],
                &[DnsTarget::Internal, DnsTarget::Nat][..],
            ),
        };
        for &target in targets {
            slots.push(Slot::DnsList(target));
            for row in 0..self.input.ipv4.rows(target).len() {
                for part in [DnsSlot::Fqdn, DnsSlot::Zone, DnsSlot::Ttl, DnsSlot::Ptr] {
                    slots.push(Slot::Dns { target, row, part });
                }
            }
        }
        if !public_ip {
            slots.push(Slot::SecurityGroups);
        }
        slots
    }

    /// Moves focus by `delta` slots, wrapping around.
    pub fn move_focus(&mut self, delta: isize) {
        let slots = self.slots();
        let at = slots.iter().position(|s| *s == self.focus).unwrap_or(0);
        let n = slots.len() as isize;
        let next = (at as isize + delta).rem_euclid(n) as usize;
        self.focus = slots[next];
    }

    /// The text input under focus, if the focus is on one.
    pub fn focused_input(&mut self) -> Option<&mut LineInput> {
        match self.focus {
            Slot::Index => Some(&mut self.input.index),
            Slot::Ipv4 => Some(&mut self.input.ipv4.address),
            Slot::Dns { target, row, part } => {
                let r = self.input.ipv4.rows_mut(target).get_mut(row)?;
                match part {
                    DnsSlot::Fqdn => Some(&mut r.fqdn),
                    DnsSlot::Ttl => Some(&mut r.ttl),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
