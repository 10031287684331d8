//! Redacted copies of the inputs: a deletion must reach the office's own files, but inputs are
//! never modified. For every input file still holding rows of a deleted customer, a copy
//! without those rows is written under `OUT/ban-sao-da-xoa/`, for the clerk to put in place of
//! the original. A CSV copy keeps every other byte (encoding, separators, quoting); a workbook
//! copy keeps every sheet's values (not their formatting) and is written as .xlsx.

use crate::ingest::Ingested;
use crate::merge::Customer;
use crate::model::Action;
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
    // file → sheet (None for CSV) → rows to leave out.
    let mut doomed: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for (i, f) in applied.fate.iter().enumerate() {
        if !matches!(f, Some((Action::Deleted | Action::Suppressed, _))) {
            continue;
        }
        for &r in &customers[i].rows {
            let raw = &ing.rows[r as usize];
            doomed.entry(raw.source).or_default().insert(raw.row);
        }
    }
    let places = super::book::Places::new(&ing.sources);
    let mut by_file: BTreeMap<String, BTreeMap<Option<String>, BTreeSet<u32>>> = BTreeMap::new();
    let mut shown: BTreeMap<String, String> = BTreeMap::new();
    for (src, rows) in doomed {
        let s = &ing.sources[src as usize];
        shown.insert(s.file.clone(), places.file(src).to_string());
        by_file
            .entry(s.file.clone())
            .or_default()
            .insert(s.sheet.clone(), rows);
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
            let rows = &sheets[&None];
            csv_copy(&path, &target, rows)?;
        } else {
            target.set_extension("xlsx");
            workbook_copy(&path, &target, &sheets)?;
        }
        written.push(target);
    }
    Ok(written)
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
fn csv_copy(src: &Path, dst: &Path, rows: &BTreeSet<u32>) -> Result<()> {
    let bytes = std::fs::read(src).with_context(|| src.display().to_string())?;
    let lines = physical_lines(&bytes);
    let starts = record_starts(src)?;
    let sep_line = lines.first().is_some_and(|l| {
        let l = l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l);
        l.len() >= 4 && l[..4].eq_ignore_ascii_case(b"sep=")
    });
    let offset = usize::from(sep_line);
    let mut drop = vec![false; lines.len()];
    for (k, &start) in starts.iter().enumerate() {
        if !rows.contains(&(start as u32)) {
            continue;
        }
        let end = starts.get(k + 1).copied().unwrap_or(lines.len() as u64 + 1);
        for line in start..end {
            if let Some(d) = drop.get_mut(line as usize - 1 + offset) {
                *d = true;
            }
        }
    }
    let mut out = Vec::with_capacity(bytes.len());
    for (line, gone) in lines.iter().zip(&drop) {
        if !gone {
            out.extend_from_slice(line);
        }
    }
    let staged = super::Staged::new(dst)?;
    std::io::Write::write_all(&mut staged.file(), &out)?;
    super::publish_all(vec![staged])
}

/// The line each record starts on, as the reader numbers them.
fn record_starts(src: &Path) -> Result<Vec<u64>> {
    let opts = crate::ingest::csvread::CsvOptions::default();
    let (_, rows) = crate::ingest::csvread::open_csv(src, &opts)
        .map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
    let mut starts = Vec::new();
    for rec in rows {
        let rec = rec.map_err(|e| anyhow::anyhow!("{}: {e}", src.display()))?;
        starts.push(rec.line);
    }
    Ok(starts)
}

/// Copies every sheet's values into a new workbook, without the rows listed per sheet.
fn workbook_copy(
    src: &Path,
    dst: &Path,
    doomed: &BTreeMap<Option<String>, BTreeSet<u32>>,
) -> Result<()> {
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
            if gone.is_some_and(|g| g.contains(&excel_row)) {
                continue;
            }
            for (c, cell) in row.iter().enumerate() {
                let col = (left as usize + c) as u16;
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
