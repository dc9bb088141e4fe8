//! Which instance-list columns fit a width, and how wide each is. Columns join by priority at
//! the width their content needs; then NAME grows to its widest name. What is left stays blank
//! at the right end rather than padding a column, and the sort arrow sits on the heading of
//! the column sorted by (or the title says it when that column is hidden).

use crate::app::instances::SortKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Name,
    Id,
    Zone,
    Status,
    Platform,
    Resources,
    Ip,
    Public,
    Nics,
    Age,
}

/// Every column in the order shown.
const ORDER: [Col; 10] = [
    Col::Name,
    Col::Id,
    Col::Zone,
    Col::Status,
    Col::Platform,
    Col::Resources,
    Col::Ip,
    Col::Public,
    Col::Nics,
    Col::Age,
];

/// Which columns get the room first, after NAME at its share: these, then the rest of the
/// widest name, then the columns below. The id is one key away (`y` copies it, details show
/// it), so what tells instances apart at a glance comes before it.
const BEFORE_NAME_TAIL: [Col; 6] = [
    Col::Status,
    Col::Ip,
    Col::Public,
    Col::Age,
    Col::Resources,
    Col::Zone,
];
const AFTER_NAME_TAIL: [Col; 3] = [Col::Id, Col::Nics, Col::Platform];

/// NAME's width while the more useful columns are chosen: longer names are cut only when those
/// columns take the room.
const NAME_SHARE: u16 = 16;
/// Columns between cells (the table's spacing).
const GAP: u16 = 1;

impl Col {
    pub fn heading(self) -> &'static str {
        match self {
            Self::Name => "NAME",
            Self::Id => "ID",
            Self::Zone => "ZONE",
            Self::Status => "STATUS",
            Self::Platform => "PLATFORM",
            Self::Resources => "CPU/MEM",
            Self::Ip => "IPV4",
            Self::Public => "PUBLIC",
            Self::Nics => "NICS",
            Self::Age => "AGE",
        }
    }

    /// The heading with the sort arrow where the list is sorted by this column: CPU/MEM
    /// carries it after CPU for the vCPU sort and after MEM for the memory sort.
    pub fn heading_sorted(self, sort: SortKey, arrow: &str) -> String {
        match (self, sort) {
            (Self::Resources, SortKey::Cores) => format!("CPU{arrow}/MEM"),
            (Self::Resources, SortKey::Memory) => format!("CPU/MEM{arrow}"),
            _ if self.shows(sort) => format!("{}{arrow}", self.heading()),
            _ => self.heading().to_string(),
        }
    }

    /// Whether this column's heading carries the arrow of `sort`.
    pub fn shows(self, sort: SortKey) -> bool {
        matches!(
            (self, sort),
            (Self::Name, SortKey::Name)
                | (Self::Id, SortKey::Id)
                | (Self::Zone, SortKey::Zone)
                | (Self::Status, SortKey::Status)
                | (Self::Platform, SortKey::Platform)
                | (Self::Resources, SortKey::Cores | SortKey::Memory)
                | (Self::Ip, SortKey::Ip)
                | (Self::Age, SortKey::Age)
        )
    }
}

/// The columns that fit `width`, in display order, each with its width. `natural(col)` is the
/// width its content and heading need. NAME is always kept (cut if it must be).
pub fn choose(width: u16, natural: impl Fn(Col) -> u16) -> Vec<(Col, u16)> {
    let name_need = natural(Col::Name);
    let name_share = name_need.min(NAME_SHARE);
    let mut used = name_share;
    let mut keep = vec![(Col::Name, name_share)];
    let add = |cols: &[Col], keep: &mut Vec<(Col, u16)>, used: &mut u16| {
        for col in cols {
            let need = natural(*col);
            if used.saturating_add(need).saturating_add(GAP) <= width {
                *used += need + GAP;
                keep.push((*col, need));
            }
        }
    };
    add(&BEFORE_NAME_TAIL, &mut keep, &mut used);
    let tail = width.saturating_sub(used).min(name_need - name_share);
    keep[0].1 += tail;
    used += tail;
    add(&AFTER_NAME_TAIL, &mut keep, &mut used);
    ORDER
        .iter()
        .filter_map(|col| keep.iter().find(|(c, _)| c == col).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths like the demo's: names up to 14, statuses up to PROVISIONING.
    fn demo(col: Col) -> u16 {
        match col {
            Col::Name => 14,
            Col::Id => 20,
            Col::Zone => 13,
            Col::Status => 14,
            Col::Platform => 13,
            Col::Resources => 7,
            Col::Ip => 12,
            Col::Public => 12,
            Col::Nics => 4,
            Col::Age => 5,
        }
    }

    fn names(cols: &[(Col, u16)]) -> Vec<&'static str> {
        cols.iter().map(|(c, _)| c.heading()).collect()
    }

    #[test]
    fn columns_join_by_priority_and_keep_their_content_width() {
        // 80 columns: the list's inside.
        let cols = choose(78, demo);
        assert_eq!(
            names(&cols),
            ["NAME", "STATUS", "CPU/MEM", "IPV4", "PUBLIC", "NICS", "AGE"]
        );
        assert!(cols.iter().all(|(c, w)| *w == demo(*c)), "{cols:?}");
        // ZONE (13) did not fit, NICS (4) did: a smaller column takes room a bigger one left.
        let used: u16 = cols.iter().map(|(_, w)| w + GAP).sum::<u16>() - GAP;
        assert!(used <= 78 && 78 - used < demo(Col::Zone) + GAP, "{used}");
        assert_eq!(names(&choose(40, demo)), ["NAME", "STATUS", "NICS", "AGE"]);
        assert_eq!(names(&choose(10, demo)), ["NAME"], "NAME always, cut");
        assert_eq!(choose(0, demo), [(Col::Name, 14)]);
    }

    #[test]
    fn a_wide_screen_shows_every_column_and_no_name_padding() {
        let cols = choose(200, demo);
        assert_eq!(cols.len(), 10);
        assert_eq!(
            cols[0],
            (Col::Name, 14),
            "spare width stays at the right end"
        );
    }

    #[test]
    fn long_names_are_cut_only_when_more_useful_columns_need_the_room() {
        let long = |col: Col| if col == Col::Name { 40 } else { demo(col) };
        let used = |cols: &[(Col, u16)]| cols.iter().map(|(_, w)| w + GAP).sum::<u16>() - GAP;
        // Narrow: NAME keeps its share, the columns worth more than a name's tail fit, and
        // the rest of the width goes to the name rather than to NICS.
        let narrow = choose(78, long);
        assert_eq!(
            names(&narrow),
            ["NAME", "STATUS", "CPU/MEM", "IPV4", "PUBLIC", "AGE"]
        );
        assert_eq!(narrow[0], (Col::Name, 23));
        assert_eq!(used(&narrow), 78);
        // Once the name is whole, the id and the rest join.
        let wide = choose(140, long);
        assert_eq!(wide[0], (Col::Name, 40));
        assert!(names(&wide).contains(&"ID"), "{wide:?}");
        assert!(!names(&wide).contains(&"PLATFORM"), "{wide:?}");
        assert_eq!(choose(200, long).len(), 10);
    }

    #[test]
    fn the_arrow_marks_the_sorted_column_and_memory_has_one() {
        assert_eq!(Col::Name.heading_sorted(SortKey::Name, "↑"), "NAME↑");
        assert_eq!(
            Col::Resources.heading_sorted(SortKey::Cores, "↓"),
            "CPU↓/MEM"
        );
        assert_eq!(
            Col::Resources.heading_sorted(SortKey::Memory, "↑"),
            "CPU/MEM↑"
        );
        assert_eq!(Col::Ip.heading_sorted(SortKey::Memory, "↑"), "IPV4");
        assert!(!Col::Public.shows(SortKey::Ip));
    }
}
