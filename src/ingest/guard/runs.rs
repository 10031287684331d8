//! Text struck through inside a cell. A clerk who strikes the old number out and types the new
//! one beside it, in the same cell, leaves rich text in the shared-string table: runs, some
//! of whose properties strike (`<r><rPr><strike/></rPr><t>0912…</t></r><r><t> 0987…</t></r>`).
//! calamine gives the cell's whole text; these say which part was struck, and where.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use super::error::GuardError;
use super::limits::Limits;
use super::package::zip_err;
use super::xlsx::{cell_ref, elements, part_index};
use super::xml::{attr, local_name, parse_count, tag_name, unescape, TagScanner};

/// The largest shared-string table looked through for struck runs (a hand-kept book's is a
/// few MB; a machine-written one of a million rows, which nobody formats by hand, is passed).
pub(super) const MAX_STRUCK_TABLE: u64 = 64 * 1024 * 1024;

/// A cell with text struck in runs: ((row as Excel numbers it, 0-based column), the text).
pub type StruckCell = ((u32, u32), StruckText);

/// A shared string part of whose text is struck through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StruckText {
    /// The whole text, every run as written: what the cell shows (and calamine reads).
    pub full: String,
    /// The text left as it was (the runs not struck, joined as written).
    pub kept: String,
    /// Each stretch of struck runs, its spaces tidied; empty ones left out.
    pub struck: Vec<String>,
}

/// The shared strings (by index in the table, ascending) some of whose text is struck
/// through: rich text with a run whose properties strike (`<strike/>`, not `val="0"`). Empty,
/// after one search, for a table that never speaks of striking (most books).
pub(super) fn struck_shared_strings(xml: &[u8]) -> Vec<(u32, StruckText)> {
    if memchr::memmem::find(xml, b"strike").is_none() {
        return Vec::new();
    }
    let text = String::from_utf8_lossy(xml);
    let mut out = Vec::new();
    for (i, (_, inner)) in elements(&text, "si").enumerate() {
        if !inner.contains("strike") {
            continue;
        }
        let mut found = RunText::default();
        for (_, run) in elements(inner, "r") {
            let strikes = elements(run, "rPr").next().is_some_and(|(_, props)| {
                elements(props, "strike").any(|(tag, _)| {
                    !matches!(attr(tag.as_bytes(), |n| n == b"val"), Some(b"0" | b"false"))
                })
            });
            let t: String = elements(run, "t")
                .map(|(_, t)| unescape(t.as_bytes()))
                .collect();
            found.push(&t, strikes);
        }
        if let Some(found) = found.finish() {
            out.push((i as u32, found));
        }
    }
    out
}

/// The cells of the worksheet `part` with text struck in runs, in sheet order: ((row as Excel
/// numbers it, 0-based column), the text): those showing one of `strings` (the shared strings
/// with struck runs, by index, ascending) and those whose own rich text strikes (an inline
/// string, as some programs write them). A second pass over the part, made only for a book
/// with struck runs ([`super::SheetScan::struck_runs`]).
pub fn struck_text_cells(
    path: &Path,
    part: &str,
    limits: &Limits,
    strings: &[(u32, StruckText)],
) -> Result<Vec<StruckCell>, GuardError> {
    let file = File::open(path)?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(zip_err)?;
    let i = part_index(&mut zip, part)?;
    let entry = zip.by_index(i).map_err(zip_err)?;
    let mut tags = TagScanner::new(entry.take(limits.max_entry_uncompressed));
    let mut text = Vec::new();
    let mut cell = RichCell::default();
    let mut out = Vec::new();
    while tags.next_tag_after_text(&mut text).unwrap_or(false) {
        let tag = &tags.tag[..];
        match local_name(tag_name(tag)) {
            b"c" => {
                let at = attr(tag, |n| n == b"r").and_then(|r| std::str::from_utf8(r).ok());
                cell = RichCell {
                    at: at.and_then(cell_ref).map(|(column, row)| (row, column)),
                    kind: attr(tag, |n| n == b"t").map(<[u8]>::to_vec),
                    ..RichCell::default()
                };
            }
            b"/v" if cell.kind.as_deref() == Some(b"s") => {
                let index = parse_count(&text).and_then(|v| u32::try_from(v).ok());
                let found = index.and_then(|x| strings.binary_search_by_key(&x, |(i, _)| *i).ok());
                if let (Some(at), Some(k)) = (cell.at, found) {
                    out.push((at, strings[k].1.clone()));
                }
            }
            b"r" => cell.run_struck = false,
            b"strike" => {
                cell.run_struck = !matches!(attr(tag, |n| n == b"val"), Some(b"0" | b"false"));
            }
            b"/t" if cell.kind.as_deref() == Some(b"inlineStr") => {
                cell.text.push(&unescape(&text), cell.run_struck);
            }
            b"/c" => {
                let done = std::mem::take(&mut cell);
                if let (Some(at), Some(text)) = (done.at, done.text.finish()) {
                    out.push((at, text));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The cell [`struck_text_cells`] is reading.
#[derive(Default)]
struct RichCell {
    at: Option<(u32, u32)>,
    /// Its `t` attribute (`s`: a shared string; `inlineStr`: its own text).
    kind: Option<Vec<u8>>,
    /// Whether the run being read strikes.
    run_struck: bool,
    /// The inline text read so far.
    text: RunText,
}

/// A cell's text read run by run, some runs struck: the whole, the part left, the stretches
/// struck.
#[derive(Default)]
pub(super) struct RunText {
    text: StruckText,
    /// The struck stretch not yet closed.
    stretch: Option<String>,
}

impl RunText {
    /// The next piece of the cell's text, struck or not.
    pub(super) fn push(&mut self, t: &str, struck: bool) {
        self.text.full.push_str(t);
        if struck {
            self.stretch.get_or_insert_with(String::new).push_str(t);
        } else {
            self.text.kept.push_str(t);
            self.text.struck.extend(self.stretch.take());
        }
    }

    /// The text read, when some of it was struck.
    pub(super) fn finish(mut self) -> Option<StruckText> {
        self.text.struck.extend(self.stretch);
        tidy(&mut self.text.struck);
        (!self.text.struck.is_empty()).then_some(self.text)
    }
}

/// Struck stretches with their spaces tidied, empty ones left out.
fn tidy(struck: &mut Vec<String>) {
    *struck = (struck.iter())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs struck in a shared string, with what is left; a string without a struck run
    /// (or with `val="0"`) is not one; a self-closed `<si/>` keeps the others' places.
    #[test]
    fn struck_runs_are_found_with_the_text_left() {
        let sst = r#"<?xml version="1.0"?><sst xmlns="x" count="4" uniqueCount="4"><si><t>An</t></si><si/><si><r><rPr><strike/><sz val="11"/><rFont val="Calibri"/></rPr><t>0912 345 678</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve"> / 0987654321</t></r></si><si><r><rPr><strike val="0"/></rPr><t>Lê Lợi</t></r></si><si><r><t>Số 5 </t></r><r><rPr><strike/></rPr><t>Lê </t></r><r><rPr><strike/></rPr><t>Lợi</t></r><r><t> Hai Bà Trưng &amp; co</t></r></si></sst>"#;
        let found = struck_shared_strings(sst.as_bytes());
        assert_eq!(
            found,
            vec![
                (
                    2,
                    StruckText {
                        full: "0912 345 678 / 0987654321".into(),
                        kept: " / 0987654321".into(),
                        struck: vec!["0912 345 678".into()],
                    }
                ),
                (
                    4,
                    StruckText {
                        full: "Số 5 Lê Lợi Hai Bà Trưng & co".into(),
                        kept: "Số 5  Hai Bà Trưng & co".into(),
                        struck: vec!["Lê Lợi".into()],
                    }
                ),
            ]
        );
        assert!(struck_shared_strings(b"<sst><si><t>strike</t></si></sst>").is_empty());
    }

    /// The cells showing a struck shared string, and those whose own (inline) rich text
    /// strikes, with where they are; a plain inline string or an unstruck run is none.
    #[test]
    fn cells_with_struck_runs_are_found_where_they_are() {
        let sst = r#"<sst><si><t>An</t></si><si><r><rPr><strike/></rPr><t>0912000501</t></r><r><t> 0987000501</t></r></si></sst>"#;
        let sheet = r#"<?xml version="1.0"?><worksheet xmlns="x"><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="3" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>Hà Nội</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><r><t xml:space="preserve">Số 5 </t></r><r><rPr><strike val="1"/></rPr><t>Lê Lợi</t></r><r><t xml:space="preserve"> Trần Phú</t></r></is></c><c r="B3" t="inlineStr"><is><r><rPr><strike val="0"/></rPr><t>x</t></r></is></c><c r="C3"><v>1</v></c></row></sheetData></worksheet>"#;
        let mut parts = crate::ingest::guard::fixtures::xlsx_parts(sst);
        parts[4].1 = sheet.as_bytes().to_vec();
        let dir = tempfile::tempdir().unwrap();
        let path = crate::ingest::guard::fixtures::write_parts(&dir, "t.xlsx", &parts);
        let facts = crate::ingest::guard::preflight_zip(&path, &Limits::default()).unwrap();
        assert_eq!(facts.struck_strings.len(), 1);
        let cells = struck_text_cells(
            &path,
            "xl/worksheets/sheet1.xml",
            &Limits::default(),
            &facts.struck_strings,
        )
        .unwrap();
        let found: Vec<((u32, u32), &str, Vec<String>)> = (cells.iter())
            .map(|(at, t)| (*at, t.kept.as_str(), t.struck.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                ((2, 1), " 0987000501", vec!["0912000501".to_string()]),
                ((3, 0), "Số 5  Trần Phú", vec!["Lê Lợi".to_string()]),
            ]
        );
    }
}
