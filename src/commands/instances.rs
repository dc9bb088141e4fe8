//! `ycdash instances list|get`. The list is written page by page as it arrives, so memory does
//! not grow with the folder: a table aligned to the first page, a streamed JSON array, or JSON
//! lines.

use std::io::{self, Write};

use super::CommandError;
use crate::text_table as table;
use crate::{
    api::{
        Cloud, json_writer,
        proto::yandex::cloud::compute::v1::{Instance, instance},
    },
    cli::Format,
};

const COLUMNS: [&str; 6] = [
    "ID",
    "NAME",
    "ZONE ID",
    "STATUS",
    "INTERNAL IP",
    "EXTERNAL IP",
];

/// Every instance of the folder matching `filter`, walking all pages.
pub async fn list_all(
    cloud: &Cloud,
    folder_id: &str,
    filter: Option<&str>,
) -> Result<Vec<Instance>, CommandError> {
    Ok(cloud
        .all_instances(folder_id, filter.unwrap_or_default())
        .await?)
}

/// Writes the folder's instances matching `filter` to `out` page by page, flushing after each
/// page, and returns how many were written. A closed pipe (`| head`) ends the listing quietly.
pub async fn write_list(
    cloud: &Cloud,
    folder_id: &str,
    filter: Option<&str>,
    format: Format,
    out: &mut impl Write,
) -> Result<usize, CommandError> {
    let mut pages = cloud.instance_pages(folder_id, filter.unwrap_or_default());
    let mut writer = ListWriter::new(format);
    while let Some(page) = pages.next().await? {
        match writer.page(&page, out).and_then(|()| out.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(writer.count),
            written => written.map_err(output_error)?,
        }
    }
    match writer.finish(out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(writer.count),
        written => written.map(|()| writer.count).map_err(output_error),
    }
}

fn output_error(e: io::Error) -> CommandError {
    CommandError::Output(format!("cannot write the list: {e}"))
}

/// The state of one listing's output between pages.
struct ListWriter {
    format: Format,
    /// Table column widths, fixed by the header and the first page.
    widths: Option<Vec<usize>>,
    count: usize,
    /// One instance's JSON, reused.
    buffer: Vec<u8>,
}

impl ListWriter {
    fn new(format: Format) -> Self {
        Self {
            format,
            widths: None,
            count: 0,
            buffer: Vec::new(),
        }
    }

    fn page(&mut self, page: &[Instance], out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Table => self.table_page(page, out)?,
            Format::Json | Format::Jsonl => {
                for instance in page {
                    self.json_item(instance, out)?;
                }
            }
        }
        Ok(())
    }

    fn table_page(&mut self, page: &[Instance], out: &mut impl Write) -> io::Result<()> {
        let rows: Vec<Vec<String>> = page.iter().map(row).collect();
        let widths = match &self.widths {
            Some(widths) => widths,
            None => {
                let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
                let mut widths = table::widths(std::slice::from_ref(&header));
                for (w, first) in widths.iter_mut().zip(table::widths(&rows)) {
                    *w = (*w).max(first);
                }
                writeln!(out, "{}", table::line(&header, &widths))?;
                self.widths.insert(widths)
            }
        };
        for cells in &rows {
            writeln!(out, "{}", table::line(cells, widths))?;
        }
        self.count += rows.len();
        Ok(())
    }

    /// One element of the JSON array (indented as a pretty array prints it) or one JSON line.
    fn json_item(&mut self, instance: &Instance, out: &mut impl Write) -> io::Result<()> {
        let pretty = self.format == Format::Json;
        self.buffer.clear();
        if pretty {
            self.buffer
                .extend_from_slice(if self.count == 0 { b"[\n  " } else { b",\n  " });
            json_writer::write_array_element(instance, &mut self.buffer)
        } else {
            json_writer::write_message(instance, false, &mut self.buffer)
                .map(|()| self.buffer.push(b'\n'))
        }
        .map_err(|e| io::Error::other(format!("cannot render instance {}: {e}", instance.id)))?;
        out.write_all(&self.buffer)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the JSON array; a table with no page still gets its header.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Json if self.count == 0 => out.write_all(b"[]\n"),
            Format::Json => out.write_all(b"\n]\n"),
            Format::Table if self.widths.is_none() => self.table_page(&[], out),
            Format::Table | Format::Jsonl => Ok(()),
        }
    }
}

/// A table row, its cells made safe and cut by [`table::fit_row`].
fn row(i: &Instance) -> Vec<String> {
    let cells = [
        i.id.clone(),
        i.name.clone(),
        i.zone_id.clone(),
        status_name(i.status).to_string(),
        first_internal_ip(i),
        first_nat_ip(i),
    ];
    table::fit_row(&cells)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// Prints one instance as JSON (one line with `jsonl`) or as `key: value` lines.
pub fn format_one(instance: &Instance, format: Format) -> String {
    match format {
        // The list's writer: one JSON implementation for instances, pretty or on one line.
        Format::Json | Format::Jsonl => {
            let mut buffer = Vec::new();
            match json_writer::write_message(instance, format == Format::Json, &mut buffer) {
                Ok(()) => String::from_utf8_lossy(&buffer).into_owned() + "\n",
                Err(e) => format!("{{\"error\": \"cannot render {}: {e}\"}}\n", instance.id),
            }
        }
        Format::Table => {
            let rows = vec![
                vec!["id".into(), instance.id.clone()],
                vec!["name".into(), instance.name.clone()],
                vec!["zone_id".into(), instance.zone_id.clone()],
                vec!["status".into(), status_name(instance.status).into()],
                vec!["platform_id".into(), instance.platform_id.clone()],
                vec!["fqdn".into(), instance.fqdn.clone()],
                vec!["internal_ip".into(), first_internal_ip(instance)],
                vec!["external_ip".into(), first_nat_ip(instance)],
                vec![
                    "network_interfaces".into(),
                    instance.network_interfaces.len().to_string(),
                ],
            ];
            table::render(&["FIELD", "VALUE"], &rows)
        }
    }
}

/// The status enum's API name, e.g. `RUNNING`.
pub fn status_name(status: i32) -> &'static str {
    instance::Status::try_from(status)
        .map(|s| s.as_str_name())
        .unwrap_or("STATUS_UNSPECIFIED")
}

fn first_internal_ip(i: &Instance) -> String {
    i.network_interfaces
        .first()
        .and_then(|n| n.primary_v4_address.as_ref())
        .map(|a| a.address.clone())
        .unwrap_or_default()
}

fn first_nat_ip(i: &Instance) -> String {
    i.network_interfaces
        .iter()
        .filter_map(|n| n.primary_v4_address.as_ref()?.one_to_one_nat.as_ref())
        .map(|nat| nat.address.clone())
        .find(|a| !a.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::json;

    fn named(id: &str, name: &str) -> Instance {
        Instance {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        }
    }

    fn written(format: Format, pages: &[Vec<Instance>]) -> String {
        let mut writer = ListWriter::new(format);
        let mut out = Vec::new();
        for page in pages {
            writer.page(page, &mut out).unwrap();
        }
        writer.finish(&mut out).unwrap();
        assert_eq!(writer.count, pages.iter().map(Vec::len).sum::<usize>());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_keeps_the_first_pages_widths_and_shows_escapes() {
        let pages = [
            vec![named("a", "web\u{1b}[2J")],
            vec![named("b", "a-much-longer-name")],
        ];
        let out = written(Format::Table, &pages);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("ID  NAME          ZONE ID"), "{out}");
        assert!(lines[1].starts_with("a   web\\u{1b}[2J  "), "{out}");
        assert!(lines[2].starts_with("b   a-much-longer-name  "), "{out}");
        assert!(!out.contains('\u{1b}'));
        assert_eq!(
            written(Format::Table, &[]).lines().count(),
            1,
            "header only"
        );
    }

    #[test]
    fn json_is_one_array_over_pages_and_jsonl_one_object_per_line() {
        let pages = [vec![named("a", "x\u{1b}")], vec![], vec![named("b", "y")]];
        let json = written(Format::Json, &pages);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let expected: Vec<serde_json::Value> = pages
            .iter()
            .flatten()
            .map(|i| json::to_value(i).unwrap())
            .collect();
        assert_eq!(value, serde_json::Value::Array(expected.clone()));
        assert_eq!(
            json,
            json::pretty(&value) + "\n",
            "same layout as a pretty array"
        );
        let jsonl = written(Format::Jsonl, &pages);
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines, expected);
        assert!(!json.contains('\u{1b}') && !jsonl.contains('\u{1b}'));
        assert_eq!(written(Format::Json, &[vec![]]), "[]\n");
        assert_eq!(written(Format::Jsonl, &[vec![]]), "");
    }

    #[test]
    fn get_as_json_prints_what_the_list_prints_and_jsonl_one_line() {
        let mut instance = named("fhm1", "web\u{1b}[2J");
        instance.status = instance::Status::Running.into();
        instance.labels = [("env".to_string(), "prod".to_string())].into();
        instance.created_at = Some(prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 0,
        });
        let json = format_one(&instance, Format::Json);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value, json::to_value(&instance).unwrap());
        assert_eq!(value["status"], "RUNNING");
        assert_eq!(value["labels"]["env"], "prod");
        assert_eq!(value["created_at"], "2023-11-14T22:13:20Z");
        // The list's layout and key order (field numbers, as `yc` prints them), one level up.
        let listed = written(Format::Json, &[vec![instance.clone()]]);
        let element: String = listed
            .lines()
            .skip(1)
            .take_while(|l| *l != "]")
            .map(|l| l.strip_prefix("  ").unwrap_or(l).to_string() + "\n")
            .collect();
        assert_eq!(json, element);
        assert!(!json.contains('\u{1b}'));
        let jsonl = format_one(&instance, Format::Jsonl);
        assert_eq!(jsonl.lines().count(), 1);
        let line: serde_json::Value = serde_json::from_str(&jsonl).unwrap();
        assert_eq!(line, value);
    }
}
