//! Redacted copies of the inputs: a deletion must reach the office's own files, but inputs are
//! never modified. For every input file still holding rows of a deleted customer, a copy
//! without those rows is written under `OUT/ban-sao-da-xoa/`, for the clerk to put in place of
//! the original. A CSV copy keeps every other byte (encoding, separators, quoting); a workbook
//! copy keeps every sheet's values (not their formatting) and is written as .xlsx.
//!
//! The accountant's invoice listings are accounting records the law keeps for ten years (Law
//! on Accounting 2015, art. 41): a deleted customer's invoice lines stay in them, with the
//! buyer's contact cells (phone, email, address) blanked when the listing has such columns;
//! a listing without them needs no copy.

use crate::ingest::Ingested;
use crate::merge::Customer;
use crate::model::{Action, Role, SourceKind};
use crate::policy::Applied;
use anyhow::{Context as _, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const DIR: &str = "ban-sao-da-xoa";

/// Writes the copies; returns their paths.
pub fn write_copies(
    out: &Path,
    ing: &Ingested,
    customers: &[Customer],
    applied: &Applied,
) -> Result<Vec<PathBuf>> {
    // source → rows to leave out (customers' ledgers) or to blank (invoice listings).
    let mut doomed: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for (i, f) in applied.fate.iter().enumerate() {
        if !matches!(f, Some((Action::Deleted | Action::Suppressed, _))) {
            continue;
        }
        for &r in &customers[i].rows {
            let raw = &ing.rows[r as usize];
            if !to_erase(&ing.sources[raw.source as usize]) {
                continue;
            }
            doomed.entry(raw.source).or_default().insert(raw.row);
        }
    }
    let places = super::book::Places::new(&ing.sources);
    let mut by_file: BTreeMap<String, BTreeMap<Option<String>, Doomed>> = BTreeMap::new();
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    for (src, rows) in doomed {
        let s = &ing.sources[src as usize];
        shown.insert(s.file.clone(), places.file(src).to_string());
        let blank = (s.kind == SourceKind::Invoices).then(|| contact_columns(s));
        by_file
            .entry(s.file.clone())
            .or_default()
            .insert(s.sheet.clone(), Doomed { rows, blank });
    }
    let mut written = Vec::new();
    for (file, sheets) in by_file {
        let path = ing
            .files
            .iter()
            .find(|f| f.display == file)
            .map(|f| f.path.clone())
            .unwrap_or_else(|| PathBuf::from(&file));
        let rel = shown.get(&file).cloned().unwrap_or(file.clone());
        let mut target = out.join(DIR).join(&rel);
        if let Some(dir) = target.parent() {
            // The path alone: `error::describe` says what went wrong in the run's language.
            std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
        }
        if sheets.contains_key(&None) {
            csv_copy(&path, &target, &sheets[&None])?;
        } else {
            target.set_extension("xlsx");
            workbook_copy(&path, &target, &sheets)?;
        }
        written.push(target);
    }
    Ok(written)
}

/// Whether a deleted customer's rows in this table are to be erased (or blanked) in the
/// office's files: not in an invoice listing with no contact columns, an accounting record of
/// which nothing personal beyond what the law keeps can be taken out.
pub fn to_erase(s: &crate::model::Source) -> bool {
    s.kind != SourceKind::Invoices || !contact_columns(s).is_empty()
}

/// A table's rows of deleted customers: left out, or (an invoice listing) kept with these
/// columns blanked.
struct Doomed {
    rows: BTreeSet<u32>,
    blank: Option<Vec<usize>>,
}

/// The columns of a table that hold a buyer's contact details (not the invoice's legal
/// fields: buyer's name and tax code stay on an accounting record).
fn contact_columns(s: &crate::model::Source) -> Vec<usize> {
    s.columns
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| {
            matches!(
                r,
                Some(
                    Role::Phone
                        | Role::PhoneFixed
                        | Role::Email
                        | Role::Address
                        | Role::Delivery
                        | Role::Contact
                )
            )
        })
        .map(|(i, _)| i)
        .collect()
}

/// Physical lines, each with its line end, as the CSV reader counts them (CR LF, LF or CR).
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push(&bytes[start..i + 2]);
                i += 2;
                start = i;
            }
            b'\n' | b'\r' => {
                lines.push(&bytes[start..i + 1]);
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(&bytes[start..]);
    }
    lines
}

/// Copies a CSV without the records that start on `rows` (the reader's line numbers: the
/// first line is 1, a `sep=` line not counted), each up to the next record's first line.
fn csv_copy(src: &Path, dst: &Path, doomed: &Doomed) -> Result<()> {
    let rows = &doomed.rows;
    let bytes = std::fs::read(src).with_context(|| src.display().to_string())?;
    let lines = physical_lines(&bytes);
    let (delimiter, starts) = record_starts(src)?;
    let sep_line = lines.first().is_some_and(|l| {
        let l = l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l);
        l.len() >= 4 && l[..4].eq_ignore_ascii_case(b"sep=")
    });
    let offset = usize::from(sep_line);
    let mut drop = vec![false; lines.len()];
    // First line of a record to write blanked (an invoice line), and the lines it spans.
    let mut blanked: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, &start) in starts.iter().enumerate() {
        if !rows.contains(&(start as u32)) {
            continue;
        }
        let end = starts.get(k + 1).copied().unwrap_or(lines.len() as u64 + 1);
        let first = start as usize - 1 + offset;
        if doomed.blank.is_some() {
            blanked.insert(first, (end - start) as usize);
        }
        for line in start..end {
            if let Some(d) = drop.get_mut(line as usize - 1 + offset) {
                *d = true;
            }
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    for (i, (line, gone)) in lines.iter().zip(&drop).enumerate() {
        if let (Some(&n), Some(cols)) = (blanked.get(&i), &doomed.blank) {
            let record: Vec<u8> = lines[i..(i + n).min(lines.len())].concat();
            out.extend_from_slice(&blank_fields(&record, delimiter, cols)?);
        } else if !gone {
            out.extend_from_slice(line);
        }
    }
    let staged = super::Staged::new(dst)?;
    std::io::Write::write_all(&mut staged.file(), &out)?;
    super::publish_all(vec![staged])
}

/// The file's delimiter and the line each record starts on, as the reader numbers them.
fn record_starts(src: &Path) -> Result<(u8, Vec<u64>)> {
    let opts = crate::ingest::csvread::CsvOptions::default();
    let (meta, rows) = crate::ingest::csvread::open_csv(src, &opts)
        .map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
    let mut starts = Vec::new();
    for rec in rows {
        let rec = rec.map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
        starts.push(rec.line);
    }
    Ok((meta.delimiter, starts))
}

/// One CSV record (its bytes, line end included) with the fields at `cols` emptied, every
/// other byte of every other field as it was (the file's encoding is not decoded: separators
/// and quotes are ASCII in every encoding a listing comes in but UTF-16, where no field is
/// blanked and the record is kept whole).
fn blank_fields(record: &[u8], delimiter: u8, cols: &[usize]) -> Result<Vec<u8>> {
    if record.contains(&0) {
        return Ok(record.to_vec());
    }
    let body = record.trim_ascii_end();
    let end = &record[body.len()..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body);
    let mut fields = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut fields)? {
        return Ok(record.to_vec());
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let kept: Vec<&[u8]> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| if cols.contains(&i) { &b""[..] } else { f })
        .collect();
    writer.write_record(&kept)?;
    let mut out = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    out.pop();
    out.extend_from_slice(end);
    Ok(out)
}

/// Copies every sheet's values into a new workbook, without the rows listed per sheet.
fn workbook_copy(src: &Path, dst: &Path, doomed: &BTreeMap<Option<String>, Doomed>) -> Result<()> {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(src).map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
    let mut out = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
        let gone = doomed.get(&Some(name.clone()));
        let ws = out.add_worksheet();
        ws.set_name(&name)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut out_row = top;
        for (k, row) in range.rows().enumerate() {
            let excel_row = top + k as u32 + 1;
            let mut blank: &[usize] = &[];
            if let Some(g) = gone.filter(|g| g.rows.contains(&excel_row)) {
                match &g.blank {
                    Some(cols) => blank = cols,
                    None => continue,
                }
            }
            for (c, cell) in row.iter().enumerate() {
                let col = (left as usize + c) as u16;
                // The reader counts columns from A, as `col` does.
                if blank.contains(&usize::from(col)) {
                    continue;
                }
                match cell {
                    Data::Empty => {}
                    Data::String(s) => {
                        ws.write_string(out_row, col, s)?;
                    }
                    Data::Float(f) => {
                        ws.write_number(out_row, col, *f)?;
                    }
                    Data::Int(i) => {
                        ws.write_number(out_row, col, *i as f64)?;
                    }
                    Data::Bool(b) => {
                        ws.write_boolean(out_row, col, *b)?;
                    }
                    Data::DateTime(d) => {
                        ws.write_number_with_format(out_row, col, d.as_f64(), &date)?;
                    }
                    other => {
                        ws.write_string(out_row, col, other.to_string())?;
                    }
                }
            }
            out_row += 1;
        }
    }
    let staged = super::Staged::new(dst)?;
    out.save_to_writer(staged.file())?;
    super::publish_all(vec![staged])
}

#[cfg(test)]
mod tests {
    use super::physical_lines;

    #[test]
    fn lines_keep_their_ends() {
        let l = physical_lines(b"a\r\nb\nc\rd");
        assert_eq!(l, vec![&b"a\r\n"[..], b"b\n", b"c\r", b"d"]);
    }
}
