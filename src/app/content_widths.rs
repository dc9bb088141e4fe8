//! The widest value of each instance-list column over every row, kept up to date as rows
//! arrive (and recounted when rows go), so the list sizes its columns to what they hold without
//! a pass over every row at each frame.

use unicode_width::UnicodeWidthStr;

use super::rows::{Row, Strings, ipv4_text};

/// Widths in terminal columns of the widest cell of each column, as drawn (control characters
/// made visible); the oldest creation time for the AGE column, whose text depends on the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentWidths {
    pub name: u16,
    pub id: u16,
    pub zone: u16,
    pub platform: u16,
    pub resources: u16,
    pub ip: u16,
    pub public: u16,
    pub nics: u16,
    /// The earliest `created` of any row (seconds since the epoch).
    pub oldest: Option<i64>,
}

/// Terminal columns of `text` as drawn, saturating.
fn columns(text: &str) -> u16 {
    u16::try_from(crate::safe_text::visible(text).width()).unwrap_or(u16::MAX)
}

/// The CPU/MEM cell: `2/4G`.
pub fn resources_text(row: &Row) -> String {
    format!("{}/{}", row.cores, super::units::memory(row.memory))
}

impl ContentWidths {
    /// The widths of `rows`.
    pub fn of(rows: &[Row], strings: &Strings) -> Self {
        let mut widths = Self::default();
        for row in rows {
            widths.include(row, strings);
        }
        widths
    }

    /// Widens to fit `row` (a row replaced by a narrower one keeps the width until the next
    /// recount, which is harmless: a few blank columns).
    pub fn include(&mut self, row: &Row, strings: &Strings) {
        let widen = |width: &mut u16, text: &str| *width = (*width).max(columns(text));
        widen(&mut self.name, &row.name);
        widen(&mut self.id, &row.id);
        widen(&mut self.zone, strings.get(row.zone));
        widen(&mut self.platform, strings.get(row.platform));
        widen(&mut self.resources, &resources_text(row));
        widen(&mut self.ip, &ipv4_text(row.ip));
        widen(&mut self.public, &ipv4_text(row.public_ip));
        widen(&mut self.nics, &row.nics.to_string());
        if let Some(created) = row.created {
            self.oldest = Some(self.oldest.map_or(created, |o| o.min(created)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::proto::yandex::cloud::compute::v1::{Instance, Resources};

    #[test]
    fn widths_are_the_widest_cells_as_drawn() {
        let mut strings = Strings::default();
        let mut row = |name: &str, cores: i64, created: i64| {
            let instance = Instance {
                id: "fhm1".into(),
                name: name.into(),
                zone_id: "ru-central1-a".into(),
                resources: Some(Resources {
                    cores,
                    memory: 4 << 30,
                    ..Default::default()
                }),
                created_at: Some(prost_types::Timestamp {
                    seconds: created,
                    nanos: 0,
                }),
                ..Default::default()
            };
            Row::from_instance(&instance, &mut strings)
        };
        let rows = vec![
            row("web", 2, 500),
            row("a\u{1b}b", 16, 100),
            row("日本", 2, 900),
        ];
        let widths = ContentWidths::of(&rows, &strings);
        assert_eq!(widths.name, 8, "the escape is drawn as \\u{{1b}}");
        assert_eq!(widths.id, 4);
        assert_eq!(widths.zone, 13);
        assert_eq!(widths.resources, 5, "16/4G");
        assert_eq!((widths.ip, widths.public), (0, 0), "no address: empty");
        assert_eq!(widths.nics, 1);
        assert_eq!(widths.oldest, Some(100));
    }
}
