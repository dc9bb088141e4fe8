//! The compact row the instance list keeps per instance: the shown columns and what filter and
//! sort need, with repeated strings interned and IPv4 addresses stored as numbers. The full
//! `Instance` is fetched only when its details open.

use std::{collections::HashMap, net::Ipv4Addr};

use crate::api::proto::yandex::cloud::compute::v1::{Instance, instance::Status};

/// An interned string: an index into `Strings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sym(u32);

/// The list's string table for values many rows share (zone, platform, subnet, folder).
/// Grows with the distinct values seen, never with the number of rows.
#[derive(Debug, Clone)]
pub struct Strings {
    values: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Default for Strings {
    fn default() -> Self {
        // Sym(0) is the empty string, so `Sym::default()` reads as "".
        let mut strings = Self {
            values: Vec::new(),
            index: HashMap::new(),
        };
        strings.intern("");
        strings
    }
}

impl Strings {
    pub fn intern(&mut self, value: &str) -> Sym {
        if let Some(sym) = self.index.get(value) {
            return *sym;
        }
        // More distinct values than u32 can count cannot fit in memory; saturate regardless.
        let sym = Sym(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
        self.values.push(value.into());
        self.index.insert(value.into(), sym);
        sym
    }

    pub fn get(&self, sym: Sym) -> &str {
        self.values.get(sym.0 as usize).map_or("", |s| s)
    }
}

/// One instance as the list keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// The raw `Instance.status` value.
    pub status: i32,
    pub zone: Sym,
    pub platform: Sym,
    /// The first interface's subnet.
    pub subnet: Sym,
    pub folder: Sym,
    pub cores: i64,
    pub memory: i64,
    /// `created_at` in seconds since the epoch, if the server sent it.
    pub created: Option<i64>,
    /// The first interface's internal IPv4; 0 (never a host's address) means none.
    pub ip: u32,
    /// The first one-to-one NAT IPv4 of any interface; 0 means none.
    pub public_ip: u32,
    pub nics: u16,
    /// What the filter searches: see [`super::filter_query::search_key`].
    pub search: Box<str>,
}

impl Row {
    pub fn from_instance(i: &Instance, strings: &mut Strings) -> Self {
        let first = i
            .network_interfaces
            .first()
            .and_then(|n| n.primary_v4_address.as_ref())
            .map_or("", |a| a.address.as_str());
        let public = i
            .network_interfaces
            .iter()
            .filter_map(|n| n.primary_v4_address.as_ref()?.one_to_one_nat.as_ref())
            .map(|nat| nat.address.as_str())
            .find(|a| !a.is_empty())
            .unwrap_or("");
        let (ip, public_ip) = (ipv4(first), ipv4(public));
        let search = super::filter_query::search_key(
            &i.name,
            &i.id,
            &ipv4_text(ip),
            &ipv4_text(public_ip),
            i.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        let resources = i.resources.unwrap_or_default();
        Self {
            id: i.id.clone(),
            name: i.name.clone(),
            status: i.status,
            zone: strings.intern(&i.zone_id),
            platform: strings.intern(&i.platform_id),
            subnet: strings.intern(
                i.network_interfaces
                    .first()
                    .map_or("", |n| n.subnet_id.as_str()),
            ),
            folder: strings.intern(&i.folder_id),
            cores: resources.cores,
            memory: resources.memory,
            created: i.created_at.map(|t| t.seconds),
            ip,
            public_ip,
            nics: u16::try_from(i.network_interfaces.len()).unwrap_or(u16::MAX),
            search,
        }
    }

    pub fn status(&self) -> Status {
        Status::try_from(self.status).unwrap_or_default()
    }

    /// The few fields a row knows, as an `Instance`, for screens that start from the list and
    /// fetch the rest (the attach form).
    pub fn stub(&self, strings: &Strings) -> Instance {
        Instance {
            id: self.id.clone(),
            name: self.name.clone(),
            status: self.status,
            zone_id: strings.get(self.zone).to_string(),
            platform_id: strings.get(self.platform).to_string(),
            folder_id: strings.get(self.folder).to_string(),
            ..Default::default()
        }
    }
}

/// A dotted IPv4 as a number; 0 for anything else (empty, IPv6, garbage).
pub fn ipv4(text: &str) -> u32 {
    text.parse::<Ipv4Addr>().map_or(0, u32::from)
}

/// The dotted form of a stored address; empty for 0 (none).
pub fn ipv4_text(ip: u32) -> String {
    if ip == 0 {
        return String::new();
    }
    Ipv4Addr::from(ip).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fixtures;

    /// The fixture's `web-00` (10.128.0.10, public 51.250.0.1) with its name and label
    /// capitalized, for the filter's any-case match.
    fn instance() -> Instance {
        let mut instance = fixtures::instance(0, Status::Running);
        instance.name = "Web-00".into();
        instance.labels = [("env".to_string(), "Prod".to_string())].into();
        instance
    }

    #[test]
    fn a_row_keeps_addresses_as_numbers_and_shares_strings() {
        let mut strings = Strings::default();
        let a = Row::from_instance(&instance(), &mut strings);
        let b = Row::from_instance(&instance(), &mut strings);
        assert_eq!(a.ip, u32::from(Ipv4Addr::new(10, 128, 0, 10)));
        assert_eq!(ipv4_text(a.public_ip), "51.250.0.1");
        assert_eq!(a.zone, b.zone);
        assert_eq!(strings.get(a.zone), "ru-central1-a");
        assert_eq!(strings.get(a.subnet), "e9bsubnet-a");
        assert_eq!(ipv4_text(ipv4("not an address")), "");
    }

    #[test]
    fn the_filter_finds_names_ids_addresses_and_labels_in_any_case() {
        let row = Row::from_instance(&instance(), &mut Strings::default());
        let matches =
            |text: &str| super::super::filter_query::Query::parse(text).matches(&row.search);
        for needle in [
            "web",
            "fhm000",
            "10.128.0",
            ".10",
            "51.250",
            "env=prod",
            "label:env=prod",
        ] {
            assert!(matches(needle), "{needle}");
        }
        for needle in ["db", "10.129", "env=dev", "label:env=dev"] {
            assert!(!matches(needle), "{needle}");
        }
    }
}
