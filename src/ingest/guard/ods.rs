//! ods: content.xml streamed once, its repeats summed the way calamine expands them.

use std::io::Read;

use super::error::GuardError;
use super::limits::Limits;
use super::package::Package;
use super::runs::{RunText, StruckCell};
use super::xlsx::{clerk_comment, StruckRows, TallMerge, MAX_MERGES};
use super::xml::{attr, parse_count, tag_name, unescape, xml_err, TagScanner};

/// calamine 0.38 ods caps (ods.rs MAX_ROWS, MAX_COLUMNS) and its measured cost per
/// expanded cell (value + formula + vector slack: 134 MB for 1 M cells).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;
const ODS_BYTES_PER_CELL: u64 = 128;

/// What content.xml says of one table: its name and its cells merged over several rows
/// (`table:number-rows-spanned`), sorted by first row.
pub(super) struct OdsSheet {
    pub name: String,
    pub merges: Vec<TallMerge>,
    /// Its comments (`office:annotation`, LibreOffice's notes on cells): (row as the sheet
    /// numbers it, text), sorted by row; sokhach's own left out, as an xlsx's.
    pub comments: Vec<(u32, String)>,
    /// Its rows struck through (every filled cell, or all but one, in a cell style whose text
    /// is struck) and cells struck on rows not struck whole, as an xlsx's
    /// ([`super::SheetScan`]).
    pub struck_rows: Vec<u32>,
    pub struck_cells: Vec<(u32, u32)>,
    /// Its cells part of whose text is struck (a `text:span` in a text style that strikes).
    pub struck_texts: Vec<StruckCell>,
}

/// An OpenDocument package whose `mimetype` entry is at `mimetype`: refused unless it is a
/// spreadsheet calamine can open and read within `limits`. Returns its tables.
pub(super) fn check_ods(
    pkg: &mut Package,
    mimetype: usize,
    limits: &Limits,
) -> Result<Vec<OdsSheet>, GuardError> {
    let mime = pkg.read(mimetype, 128)?;
    if !mime.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
        return Err(GuardError::NoWorkbook);
    }
    // calamine refuses an ods without its manifest.
    if pkg.find("META-INF/manifest.xml").is_none() {
        return Err(GuardError::MissingPart("META-INF/manifest.xml".into()));
    }
    let content = pkg
        .find("content.xml")
        .ok_or_else(|| GuardError::MissingPart("content.xml".into()))?;
    let reader = pkg.open_entry(content, limits.max_entry_uncompressed)?;
    scan_ods(reader, limits)
}

/// Walks content.xml once, estimating per table what calamine's ods reader will allocate.
/// Returns the tables, each with its cells merged down rows (calamine 0.38 does not read
/// them from an ods).
fn scan_ods(reader: impl Read, limits: &Limits) -> Result<Vec<OdsSheet>, GuardError> {
    let mut names = Vec::new();
    let mut tags = TagScanner::new(reader);
    let mut table = OdsTable::default();
    let mut in_table = false;
    let mut cell_text_start: Option<u64> = None;
    let mut marks = Marks::default();
    loop {
        let got = if marks.reads_text() {
            tags.next_tag_after_text(&mut marks.text)
        } else {
            tags.next_tag()
        };
        let tag = match got {
            Ok(true) => &tags.tag[..],
            Ok(false) => break,
            Err(e) => return Err(xml_err(e)),
        };
        if tags.consumed > limits.max_entry_uncompressed {
            return Err(GuardError::EntryTooLarge {
                entry: "content.xml".into(),
                size: tags.consumed,
                max: limits.max_entry_uncompressed,
            });
        }
        let closing = tag.first() == Some(&b'/');
        let self_closing = tag.last() == Some(&b'/');
        let name = tag_name(tag);
        match name {
            b"table:table" if !closing => {
                in_table = true;
                table = OdsTable {
                    name: attr(tag, |n| n == b"table:name")
                        .map(unescape)
                        .unwrap_or_default(),
                    ..OdsTable::default()
                };
                if self_closing {
                    in_table = false;
                    names.push(table.take());
                }
            }
            b"/table:table" => {
                if in_table {
                    table.check(limits)?;
                    names.push(table.take());
                }
                in_table = false;
            }
            b"table:table-row" if in_table => {
                let reps = attr(tag, |n| n == b"table:number-rows-repeated")
                    .and_then(parse_count)
                    .unwrap_or(1);
                table.start_row(reps);
                if !marks.struck_styles.is_empty() {
                    let row = table.current_row();
                    table.struck.start_row(row);
                }
                if self_closing {
                    table.end_row();
                }
            }
            b"/table:table-row" if in_table => table.end_row(),
            b"table:table-cell" | b"table:covered-table-cell" if in_table => {
                let reps = attr(tag, |n| n == b"table:number-columns-repeated")
                    .and_then(parse_count)
                    .unwrap_or(1);
                let valued = !self_closing || attr(tag, |n| n == b"office:value-type").is_some();
                if name == b"table:table-cell" {
                    let spanned = attr(tag, |n| n == b"table:number-rows-spanned")
                        .and_then(parse_count)
                        .unwrap_or(1);
                    table.spanned(spanned);
                }
                if valued && !marks.struck_styles.is_empty() {
                    let column = u32::try_from(table.col).ok();
                    table.struck.cell(column, marks.strikes(tag));
                }
                if !self_closing && !marks.struck_text_styles.is_empty() {
                    let at = (
                        table.current_row(),
                        u32::try_from(table.col).unwrap_or(u32::MAX),
                    );
                    marks.cell = Some(OdsRuns {
                        at,
                        ..OdsRuns::default()
                    });
                }
                table.cell(reps, valued);
                cell_text_start = (!self_closing).then_some(tags.text_bytes);
            }
            b"/table:table-cell" | b"/table:covered-table-cell" if in_table => {
                if let Some(mut c) = marks.cell.take() {
                    c.read(tag, &marks.text, &marks.struck_text_styles);
                    if let Some(text) = c.text.finish() {
                        table.struck_texts.push((c.at, text));
                    }
                }
                if let Some(start) = cell_text_start.take() {
                    let bytes = tags.text_bytes - start;
                    if bytes > limits.max_cell_bytes {
                        return Err(GuardError::CellTooLarge {
                            sheet: table.name.clone(),
                            bytes,
                            max: limits.max_cell_bytes,
                        });
                    }
                    table.text(bytes);
                }
            }
            _ => marks.look(tag, in_table.then_some(&mut table)),
        }
    }
    if in_table || marks.annotations > 0 {
        return Err(GuardError::Corrupt(
            "content.xml ends inside a sheet (the file is cut short)".into(),
        ));
    }
    Ok(names)
}

/// What content.xml marks beside the cells' values: the automatic cell and text styles that
/// strike their text, the comments (`office:annotation`) on cells and the cells' struck spans.
#[derive(Default)]
struct Marks {
    /// Annotations open: calamine 0.38's ods reader loops forever when the file ends inside
    /// a table or an annotation (a cut download), so such a file is refused.
    annotations: i64,
    /// The text before each tag, kept inside a comment, or everywhere in a book with struck
    /// spans ([`Self::reads_text`]); the comment being read.
    text: Vec<u8>,
    note: Option<OdsNote>,
    /// The automatic cell styles whose text is struck through, and the one being read.
    struck_styles: StyleNames,
    style: Option<Vec<u8>>,
    /// The automatic text styles that strike (a part of a cell's text in a `text:span`), the
    /// one being read, and the cell being read when there are any.
    struck_text_styles: StyleNames,
    text_style: Option<Vec<u8>>,
    cell: Option<OdsRuns>,
}

/// Names of automatic styles, as content.xml writes them (looked up for every cell).
type StyleNames = std::collections::HashSet<Vec<u8>>;

/// A cell's text read for its struck spans, as calamine joins it (paragraphs on lines, `text:s`
/// as spaces).
#[derive(Default)]
struct OdsRuns {
    at: (u32, u32),
    text: RunText,
    /// Whether each span open strikes (or one around it does).
    spans: Vec<bool>,
    paragraphs: u32,
}

impl OdsRuns {
    /// The text before the tag `tag`, and what the tag adds.
    fn read(&mut self, tag: &[u8], text: &[u8], struck_styles: &StyleNames) {
        let struck = self.spans.last() == Some(&true);
        if !text.is_empty() {
            self.text.push(&unescape(text), struck);
        }
        let self_closing = tag.last() == Some(&b'/');
        match tag_name(tag) {
            b"text:p" => {
                if self.paragraphs > 0 {
                    self.text.push("\n", struck);
                }
                self.paragraphs += 1;
            }
            b"text:span" if !self_closing => {
                let named = attr(tag, |n| n == b"text:style-name");
                let strikes = named.is_some_and(|n| struck_styles.contains(n));
                self.spans.push(struck || strikes);
            }
            b"/text:span" => {
                self.spans.pop();
            }
            b"text:s" => {
                let count = attr(tag, |n| n == b"text:c")
                    .and_then(parse_count)
                    .unwrap_or(1);
                self.text
                    .push(&" ".repeat(count.min(1024) as usize), struck);
            }
            b"text:tab" => self.text.push("\t", struck),
            b"text:line-break" => self.text.push("\n", struck),
            _ => {}
        }
    }
}

impl Marks {
    /// A tag outside the table's rows and cells; `table` when inside one.
    fn look(&mut self, tag: &[u8], table: Option<&mut OdsTable>) {
        let self_closing = tag.last() == Some(&b'/');
        let name = tag_name(tag);
        match name {
            b"style:style" => {
                let family = attr(tag, |n| n == b"style:family");
                let name = || {
                    (!self_closing)
                        .then(|| attr(tag, |n| n == b"style:name").map(<[u8]>::to_vec))
                        .flatten()
                };
                self.style = (family == Some(b"table-cell")).then(name).flatten();
                self.text_style = (family == Some(b"text")).then(name).flatten();
            }
            b"style:text-properties" => {
                // (LibreOffice writes a text style's strike by its type alone.)
                let line = attr(tag, |n| n == b"style:text-line-through-style")
                    .or_else(|| attr(tag, |n| n == b"style:text-line-through-type"));
                if line.is_some_and(|l| l != b"none") {
                    self.struck_styles.extend(self.style.clone());
                    self.struck_text_styles.extend(self.text_style.clone());
                }
            }
            b"/style:style" => (self.style, self.text_style) = (None, None),
            b"office:annotation" if !self_closing => {
                self.annotations += 1;
                self.note = table.map(|t| OdsNote {
                    row: t.current_row(),
                    ..OdsNote::default()
                });
            }
            b"/office:annotation" => {
                self.annotations -= 1;
                if let (Some(n), Some(t)) = (self.note.take(), table) {
                    t.comment(n);
                }
            }
            _ => {
                if let Some(n) = self.note.as_mut() {
                    n.read(name, &self.text);
                } else if let (0, Some(c)) = (self.annotations, self.cell.as_mut()) {
                    c.read(tag, &self.text, &self.struck_text_styles);
                }
            }
        }
    }

    /// Whether the text between tags is read: inside a comment, or in a book with struck
    /// spans (its cells' text is read for them).
    fn reads_text(&self) -> bool {
        self.annotations > 0 || !self.struck_text_styles.is_empty()
    }

    /// Whether a cell's tag names a style that strikes its text.
    fn strikes(&self, tag: &[u8]) -> bool {
        let named = attr(tag, |n| n == b"table:style-name");
        named.is_some_and(|n| self.struck_styles.contains(n))
    }
}

/// A comment being read from content.xml: the row of its cell, its author, its text.
#[derive(Default)]
struct OdsNote {
    row: u32,
    author: String,
    typed: String,
}

impl OdsNote {
    /// The text before the tag `name`, inside the comment: its author's name (`dc:creator`),
    /// its date (left out) or what it says (a paragraph ends a line).
    fn read(&mut self, name: &[u8], text: &[u8]) {
        match name {
            b"/dc:creator" => self.author = unescape(text),
            b"/dc:date" => {}
            _ => {
                self.typed.push_str(&unescape(text));
                if name == b"/text:p" {
                    self.typed.push('\n');
                }
            }
        }
    }
}

/// Times a row holding data may be repeated: LibreOffice writes identical rows that way, but
/// ten thousand identical customers is a crafted file.
const ODS_MAX_CONTENT_REPEAT: u64 = 10_000;

/// calamine 0.38 `ods::read_table` + `get_range`, counted instead of allocated: first every
/// row's cells up to its last content cell, then the rectangle from the first to the last
/// content row (repeats and the empty rows between expanded) times the widest row, plus a
/// clone of each text per repeat.
#[derive(Default)]
struct OdsTable {
    name: String,
    rows: u64,
    row_reps: u64,
    col: u64,
    row_width: u64,
    pending_empty_rows: u64,
    span_rows: u64,
    seen_content: bool,
    max_width: u64,
    unexpanded_cells: u64,
    text_bytes: u64,
    last_cell_reps: u64,
    max_content_repeat: u64,
    merges: Vec<TallMerge>,
    comments: Vec<(u32, String)>,
    struck: StruckRows,
    struck_texts: Vec<StruckCell>,
}

impl OdsTable {
    /// The table read so far as the caller keeps it; what is counted is left behind.
    fn take(&mut self) -> OdsSheet {
        let mut merges = std::mem::take(&mut self.merges);
        merges.sort_by_key(|m| (m.first_row, m.column));
        let mut comments = std::mem::take(&mut self.comments);
        comments.sort_by_key(|(r, _)| *r);
        let mut struck = std::mem::take(&mut self.struck);
        struck.end_row();
        struck.cells.sort_unstable();
        OdsSheet {
            name: std::mem::take(&mut self.name),
            merges,
            comments,
            struck_rows: struck.rows,
            struck_cells: struck.cells,
            struck_texts: std::mem::take(&mut self.struck_texts),
        }
    }

    /// The row being read (1-based, as the sheet numbers it: the first of a repeated run).
    fn current_row(&self) -> u32 {
        u32::try_from(self.rows.saturating_sub(self.row_reps) + 1).unwrap_or(u32::MAX)
    }

    /// A comment read on the current row: kept when a clerk wrote it ([`clerk_comment`]).
    fn comment(&mut self, note: OdsNote) {
        if self.comments.len() >= MAX_MERGES {
            return;
        }
        if let Some(said) = clerk_comment(&note.typed, &note.author) {
            self.comments.push((note.row, said));
        }
    }

    /// The cell about to be counted spans `rows` rows (1 for most): an area merged down its
    /// column from the current row, as an xlsx's `<mergeCell>`.
    fn spanned(&mut self, rows: u64) {
        let first = self.rows.saturating_sub(self.row_reps) + 1;
        if rows < 2 || self.merges.len() >= MAX_MERGES || self.col >= ODS_MAX_COLUMNS {
            return;
        }
        let last = first.saturating_add(rows - 1).min(ODS_MAX_ROWS);
        if let (Ok(first_row), Ok(last_row), Ok(column)) = (
            u32::try_from(first),
            u32::try_from(last),
            u32::try_from(self.col),
        ) {
            self.merges.push(TallMerge {
                first_row,
                last_row,
                column,
            });
        }
    }

    fn start_row(&mut self, reps: u64) {
        let reps = reps.min(ODS_MAX_ROWS.saturating_sub(self.rows));
        self.rows += reps;
        self.row_reps = reps;
        self.col = 0;
        self.row_width = 0;
    }

    fn cell(&mut self, reps: u64, valued: bool) {
        let reps = reps.min(ODS_MAX_COLUMNS.saturating_sub(self.col));
        self.col += reps;
        self.last_cell_reps = reps;
        if valued {
            self.row_width = self.col;
        }
    }

    fn text(&mut self, bytes: u64) {
        // Cloned once per repeated column, then once per repeated row.
        let clones = self
            .last_cell_reps
            .saturating_mul(self.row_reps.saturating_add(1));
        self.text_bytes = self.text_bytes.saturating_add(bytes.saturating_mul(clones));
    }

    fn end_row(&mut self) {
        self.unexpanded_cells = self.unexpanded_cells.saturating_add(self.row_width);
        if self.row_width == 0 {
            if self.seen_content {
                self.pending_empty_rows = self.pending_empty_rows.saturating_add(self.row_reps);
            }
        } else {
            self.span_rows = self
                .span_rows
                .saturating_add(self.pending_empty_rows)
                .saturating_add(self.row_reps);
            self.pending_empty_rows = 0;
            self.seen_content = true;
            self.max_content_repeat = self.max_content_repeat.max(self.row_reps);
            self.max_width = self.max_width.max(self.row_width);
        }
        self.row_reps = 0;
        self.row_width = 0;
    }

    fn check(&self, limits: &Limits) -> Result<(), GuardError> {
        // Each repeat becomes a real row for the whole pipeline.
        if self.max_content_repeat > ODS_MAX_CONTENT_REPEAT {
            return Err(GuardError::OdsRowRepeat {
                sheet: self.name.clone(),
                repeats: self.max_content_repeat,
            });
        }
        let cells = self
            .unexpanded_cells
            .saturating_add(self.span_rows.saturating_mul(self.max_width));
        let estimated = cells
            .saturating_mul(ODS_BYTES_PER_CELL)
            .saturating_add(self.text_bytes);
        if estimated > limits.max_ods_memory {
            return Err(GuardError::OdsRepeat {
                sheet: self.name.clone(),
                estimated,
                max: limits.max_ods_memory,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::fixtures::{check, ods_parts, write_parts, CELL};
    use crate::ingest::guard::preflight_zip;

    #[test]
    fn ods_normal_passes() {
        let body = format!(
            r#"<table:table-row>{CELL}{CELL}</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.ods", &ods_parts(&body));
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert_eq!(facts.sheet_names, vec!["Sổ 1".to_string()]);
        assert!(facts.sheets.is_empty());
        use calamine::Reader;
        let mut wb: calamine::Ods<_> = calamine::open_workbook(&p).unwrap();
        assert_eq!(wb.worksheet_range("Sổ 1").unwrap().get_size(), (1, 2));
        // A one-cell row repeated a billion times: calamine caps it at 1,048,576 rows
        // (~134 MB), but each becomes a customer row for the whole pipeline: refused.
        let body = format!(
            r#"<table:table-row table:number-rows-repeated="1000000000">{CELL}</table:table-row>"#
        );
        assert!(matches!(
            check(&ods_parts(&body)),
            Err(GuardError::OdsRowRepeat { .. })
        ));
        // A few identical rows are ordinary.
        let body =
            format!(r#"<table:table-row table:number-rows-repeated="20">{CELL}</table:table-row>"#);
        assert!(check(&ods_parts(&body)).is_ok());
    }

    /// calamine does not read an ods's merged cells: the scan gives each table's areas
    /// merged down rows as an xlsx's `<mergeCell>` would, counting repeated rows and columns
    /// and the covered cells LibreOffice writes under an area.
    #[test]
    fn cells_merged_down_rows_are_read_from_the_content() {
        let text = |t: &str| {
            format!(
                r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
            )
        };
        let spanned = |rows: u32, t: &str| {
            format!(
                r#"<table:table-cell table:number-columns-spanned="1" table:number-rows-spanned="{rows}" office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
            )
        };
        let row = |cells: &str| format!("<table:table-row>{cells}</table:table-row>");
        let body = [
            row(r#"<table:table-cell table:number-columns-spanned="4" table:number-rows-spanned="1" office:value-type="string"><text:p>DANH SÁCH</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/>"#),
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#.to_string(),
            row(&format!("{}{}", text("Họ tên"), text("Điện thoại"))),
            row(&format!(
                r#"<table:table-cell table:number-columns-repeated="2"/>{}{}"#,
                spanned(3, "Nguyễn Văn Bình"),
                text("0912000001")
            )),
            row(&format!(
                r#"<table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/>{}"#,
                text("0912000002")
            )),
            row(r#"<table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/>"#),
        ]
        .concat();
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "m.ods", &ods_parts(&body));
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert_eq!(
            facts.ods_merges,
            vec![vec![TallMerge {
                first_row: 5,
                last_row: 7,
                column: 2
            }]],
            "the title spans one row: not an area down rows"
        );
    }

    /// calamine reads no comment of an ods: the scan gives each table's, by row, without
    /// the author's name or the date, several paragraphs on one line; sokhach's own notes
    /// (a cleaned book saved as .ods by LibreOffice, which drops their author) are not read.
    #[test]
    fn comments_are_read_from_the_content_by_row() {
        let note = |said: &str, value: &str| {
            format!(
                r#"<table:table-cell office:value-type="string"><office:annotation draw:style-name="gr1"><dc:creator>Lan</dc:creator><dc:date>2026-12-07T00:00:00</dc:date>{said}</office:annotation><text:p>{value}</text:p></table:table-cell>"#
            )
        };
        let row = |cells: &str| format!("<table:table-row>{cells}</table:table-row>");
        let body = [
            row(r#"<table:table-cell office:value-type="string"><text:p>Họ tên</text:p></table:table-cell>"#),
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#.to_string(),
            row(&note(
                r#"<text:p>Khách không muốn nhận</text:p><text:p>quảng cáo <text:span text:style-name="T1">nữa</text:span> &amp; tin nhắn</text:p>"#,
                "Nguyễn Văn An",
            )),
            row(&note(
                "<text:p>Giá trị gốc: Nguyen Van Binh</text:p>",
                "Nguyễn Văn Bình",
            )),
        ]
        .concat();
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "c.ods", &ods_parts(&body));
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert_eq!(
            facts.ods_comments,
            vec![vec![(
                4,
                "Khách không muốn nhận quảng cáo nữa & tin nhắn".to_string()
            )]]
        );
    }

    /// An .ods of one table whose body is `body`, its automatic styles `styles`, checked: the
    /// folder holding it, its path, what the check found.
    fn styled_ods(
        styles: &str,
        body: &str,
    ) -> (
        tempfile::TempDir,
        std::path::PathBuf,
        super::super::ZipFacts,
    ) {
        let mut parts = ods_parts(body);
        let content = String::from_utf8(std::mem::take(&mut parts[1].1)).unwrap();
        parts[1].1 = content
            .replacen("<office:body>", &format!("{styles}<office:body>"), 1)
            .into_bytes();
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "s.ods", &parts);
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        (dir, p, facts)
    }

    /// A row struck through in an .ods: its filled cells in an automatic cell style whose
    /// text is struck (LibreOffice's «Gạch ngang»), all or all but one; a cell struck alone
    /// is a cell; a style struck `none` strikes nothing.
    #[test]
    fn rows_struck_through_are_read_from_the_cell_styles() {
        let styles = r#"<office:automatic-styles><style:style style:name="ce1" style:family="table-cell"><style:text-properties style:text-line-through-style="solid"/></style:style><style:style style:name="ce2" style:family="table-cell"><style:text-properties style:text-line-through-style="none"/></style:style></office:automatic-styles>"#;
        let cell = |style: &str, t: &str| {
            format!(
                r#"<table:table-cell table:style-name="{style}" office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
            )
        };
        let row = |cells: String| format!("<table:table-row>{cells}</table:table-row>");
        let body = [
            row(cell("ce2", "Họ tên") + &cell("ce2", "SĐT")),
            row(cell("ce1", "An") + &cell("ce1", "0912000001")),
            row(cell("ce2", "1") + &cell("ce1", "Bình") + &cell("ce1", "0912000002")),
            row(cell("ce2", "Cúc")
                + &cell("ce1", "0912000003")
                + "<table:table-cell table:style-name=\"ce1\"/>"),
        ]
        .concat();
        let (_dir, _, facts) = styled_ods(styles, &body);
        let struck = &facts.ods_struck[0];
        assert_eq!(
            (&struck.rows[..], &struck.cells[..]),
            (&[2, 3][..], &[(4, 1)][..])
        );
    }

    /// Text struck inside a cell of an .ods: a `text:span` in an automatic text style that
    /// strikes (LibreOffice writes it by `style:text-line-through-type` alone), read with the
    /// cell's whole text as calamine joins it (`text:s` as spaces, paragraphs on lines).
    #[test]
    fn text_struck_inside_a_cell_is_read_from_its_spans() {
        let styles = r#"<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties style:text-line-through-type="single"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>"#;
        let cell = |inner: &str| {
            format!(r#"<table:table-cell office:value-type="string">{inner}</table:table-cell>"#)
        };
        let body = [
            cell("<text:p>Họ tên</text:p>"),
            cell(r#"<text:p><text:span text:style-name="T1">0912000501</text:span><text:s text:c="2"/>0987000501</text:p><text:p>chị <text:span text:style-name="T2">Lan</text:span></text:p>"#),
            cell(r#"<text:p>Số 5 <text:span text:style-name="T2">Lê Lợi</text:span></text:p>"#),
        ]
        .concat();
        let body = format!("<table:table-row>{body}</table:table-row>");
        let (_dir, p, facts) = styled_ods(styles, &body);
        let texts = &facts.ods_struck[0].texts;
        assert_eq!(texts.len(), 1, "{texts:?}");
        let (at, t) = &texts[0];
        assert_eq!(*at, (1, 1));
        assert_eq!(t.full, "0912000501  0987000501\nchị Lan");
        assert_eq!(t.kept, "  0987000501\nchị Lan");
        assert_eq!(t.struck, ["0912000501"]);
        use calamine::Reader;
        let mut wb: calamine::Ods<_> = calamine::open_workbook(&p).unwrap();
        let range = wb.worksheet_range("Sổ 1").unwrap();
        assert_eq!(
            range.get_value((0, 1)).map(|v| v.to_string()),
            Some(t.full.clone()),
            "the text calamine reads"
        );
    }

    #[test]
    fn ods_repeat_bombs_are_refused() {
        let cases = [
            // 50 content cells × 10^9 rows: 6.5 GB in calamine.
            format!(
                r#"<table:table-row table:number-rows-repeated="1000000000">{}</table:table-row>"#,
                CELL.repeat(50)
            ),
            // 10,000 rows of one cell repeated 16,384 times: calamine aborts at open.
            r#"<table:table-row><table:table-cell table:number-columns-repeated="1000000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#.repeat(10_000),
            // A million empty rows between two content rows are expanded too.
            format!(
                r#"<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row>{CELL}</table:table-row>"#,
                CELL.repeat(60)
            ),
            // A 4 KB text cloned into a million rows.
            format!(
                r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row>"#,
                "x".repeat(4096)
            ),
        ];
        for body in &cases {
            let r = check(&ods_parts(body));
            assert!(
                matches!(&r, Err(GuardError::OdsRepeat { sheet, .. } | GuardError::OdsRowRepeat { sheet, .. }) if sheet == "Sổ 1"),
                "{r:?}"
            );
        }
    }

    #[test]
    fn ods_huge_cell_and_wrong_mime() {
        // Incompressible letters, so that the size rather than the ratio trips.
        let mut seed = 12345u32;
        let text: String = (0..2 << 20)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                char::from(b'a' + (seed >> 16) as u8 % 26)
            })
            .collect();
        let body = format!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
        );
        let r = check(&ods_parts(&body));
        assert!(matches!(r, Err(GuardError::CellTooLarge { .. })), "{r:?}");
        let mut parts = ods_parts(CELL);
        parts[0].1 = b"application/vnd.oasis.opendocument.text".to_vec();
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
        let parts = vec![ods_parts("").remove(0)];
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
    }

    /// content.xml of 300 k rows × 10 cells (~250 MB); `--release -- --ignored` for the time.
    #[test]
    #[ignore]
    fn big_ods_scan_speed() {
        let row = format!("<table:table-row>{}</table:table-row>", CELL.repeat(10));
        let body = row.repeat(300_000);
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "big.ods", &ods_parts(&body));
        drop(body);
        let t = std::time::Instant::now();
        preflight_zip(&p, &Limits::default()).unwrap();
        eprintln!("ods scan: {:?}", t.elapsed());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_ods_content_never_panics(content in "(<table:table-row( table:number-rows-repeated=\"[0-9]{1,12}\")?>|</table:table-row>|<table:table-cell( table:number-columns-repeated=\"[0-9]{1,12}\")?( office:value-type=\"string\")?/?>|</table:table-cell>|<table:table>|</table:table>|x|<|>|\"){0,40}") {
            let _ = scan_ods(content.as_bytes(), &Limits::default());
        }
    }
}
