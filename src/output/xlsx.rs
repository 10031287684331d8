//! Safe xlsx writing shared by every workbook the tool makes: text is always written as text
//! (a value starting with "=" never becomes a formula), XML-illegal characters are dropped,
//! Excel's limits are respected (32,767 characters a cell, 31-character sheet names,
//! 1,048,576 rows a sheet: longer lists continue on a second sheet), and the file appears only
//! when complete (temporary file + rename). Every sheet prints well: landscape, one page wide,
//! the header repeated on each page, gridlines, and a footer with the run date and page numbers.

use crate::i18n::{pick, Lang, L};
use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::{Color, DataValidation, Format, FormatBorder, Note, Workbook, Worksheet};
use std::borrow::Cow;
use std::path::Path;

/// Excel's cell text limit.
pub const MAX_CELL_CHARS: usize = 32_767;
/// A note's text limit: rust_xlsxwriter keeps 54 characters of the cell limit for an author's
/// name, even when none is shown.
const MAX_NOTE_CHARS: usize = MAX_CELL_CHARS - 54;
/// Data rows per sheet (one row is the header).
pub const MAX_ROWS: u32 = 1_048_575;
/// Cell notes per sheet: each is a drawing object, and thousands make Excel slow to open.
pub const MAX_NOTES: usize = 5_000;
/// Rows of a sheet that wrapped text makes taller: rust_xlsxwriter keeps every row given a
/// height until the file is closed (~300 bytes each, a 200,000-row run grew by 100 MB). Past
/// this many, wrapped columns are written on one line, as they were before they wrapped.
const MAX_TALL_ROWS: u32 = 50_000;

/// Excel's default row height, in points (one line of 11-point text).
const ROW_HEIGHT: f64 = 15.0;

/// How many lines `text` takes in a wrapped column `width` characters wide: words move to the
/// next line whole; a line break in the text starts one.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    text.split('\n')
        .map(|para| {
            let (mut lines, mut used) = (1, 0);
            for word in para.split(' ') {
                let n = word.chars().count();
                if used > 0 && used + 1 + n > width {
                    lines += 1 + (n.saturating_sub(1)) / width;
                    used = n % width;
                } else {
                    used += n + (used > 0) as usize;
                }
            }
            lines
        })
        .sum::<usize>()
        .min(15)
}

/// Whether text may hold a character a cell cannot: control characters are single bytes, and
/// U+FFFE/U+FFFF start with EF. Scanned 32 bytes at a time without branching inside a block,
/// which the compiler turns into vector instructions (every cell of every workbook passes here).
fn suspect(bytes: &[u8]) -> bool {
    let bad = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') | (b == 0xEF);
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | bad(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| bad(b))
}

/// Makes text safe for a cell; says whether it had to be cut.
pub fn safe_text(s: &str) -> (Cow<'_, str>, bool) {
    let illegal =
        |c: char| (c < ' ' && c != '\t' && c != '\n') || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let mut out: Cow<str> = if suspect(s.as_bytes()) && s.chars().any(illegal) {
        Cow::Owned(s.chars().filter(|&c| !illegal(c)).collect())
    } else {
        Cow::Borrowed(s)
    };
    let cut = match utf16_cut(&out, MAX_CELL_CHARS) {
        Some(i) => {
            out = Cow::Owned(out[..i].to_string());
            true
        }
        None => false,
    };
    (out, cut)
}

/// Where `s` must be cut to hold at most `max` UTF-16 code units, the unit Excel (and
/// rust_xlsxwriter) count a cell's length in: a character outside the Basic Multilingual
/// Plane, such as an emoji typed into a web form, counts twice. `None` when it fits.
fn utf16_cut(s: &str, max: usize) -> Option<usize> {
    // UTF-8 never takes fewer bytes than UTF-16 takes units
    if s.len() <= max {
        return None;
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return Some(i);
        }
    }
    None
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').to_string();
    if cleaned.is_empty() {
        "Sheet".into()
    } else {
        cleaned
    }
}

/// A new workbook for this tool's outputs. Zip level 1: deflate was a fifth of a whole run's
/// CPU at level 6, and level 1 costs only a somewhat larger file.
pub fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    wb
}

/// A cell value to write.
#[derive(Debug, Clone)]
pub enum V<'a> {
    T(Cow<'a, str>),
    I(i64),
    F(f64),
    D(NaiveDate),
    Empty,
}

impl<'a> From<&'a str> for V<'a> {
    fn from(s: &'a str) -> Self {
        if s.is_empty() {
            V::Empty
        } else {
            V::T(Cow::Borrowed(s))
        }
    }
}

impl From<String> for V<'_> {
    fn from(s: String) -> Self {
        if s.is_empty() {
            V::Empty
        } else {
            V::T(Cow::Owned(s))
        }
    }
}

impl From<compact_str::CompactString> for V<'_> {
    fn from(s: compact_str::CompactString) -> Self {
        V::from(s.into_string())
    }
}

impl From<Option<NaiveDate>> for V<'_> {
    fn from(d: Option<NaiveDate>) -> Self {
        d.map(V::D).unwrap_or(V::Empty)
    }
}

/// The formats of one workbook, and what its printed pages say: the language and the run date.
pub struct Formats {
    pub header: Format,
    pub date: Format,
    pub int: Format,
    pub text: Format,
    /// Totals and the caption above the header.
    pub bold: Format,
    pub bold_int: Format,
    /// "None" on a sheet with no rows.
    pub none: Format,
    /// Long text that wraps in a narrower column (addresses, evidence, warnings).
    pub wrap: Format,
    pub lang: Lang,
    /// Printed in each page's footer.
    pub run_date: NaiveDate,
}

impl Formats {
    /// Vietnamese pages; [`Formats::for_lang`] for the run's language.
    pub fn new() -> Formats {
        Formats::for_lang(Lang::Vi)
    }

    pub fn for_lang(lang: Lang) -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            int: Format::new().set_num_format("#,##0"),
            text: Format::new(),
            bold: Format::new().set_bold(),
            bold_int: Format::new().set_bold().set_num_format("#,##0"),
            none: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            wrap: Format::new().set_text_wrap(),
            lang,
            run_date: chrono::Local::now().date_naive(),
        }
    }

    /// The page footer: run date on the left, sheet name in the middle, "page n/N" on the right.
    fn footer(&self) -> String {
        let date = self.run_date.format("%d/%m/%Y");
        pick(
            self.lang,
            format!("&LNgày chạy {date}&C&A&RTrang &P/&N"),
            format!("&LRun date {date}&C&A&RPage &P of &N"),
        )
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// The number format a column of a sheet part carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColFormat {
    None,
    Int,
    Date,
}

/// Gives column `c` the format `want` the first time one of its cells needs it, and says
/// whether the column has it. A cell written plain takes its column's format, and a format
/// given per cell costs a lookup (a hash of the whole format) in rust_xlsxwriter: at a million
/// rows of amounts and dates that was a second of CPU. Cells written before keep theirs; a
/// column asked for both keeps the first, and the other kind is formatted cell by cell.
fn column_format(
    ws: &mut Worksheet,
    formats: &mut [ColFormat],
    c: usize,
    want: ColFormat,
    fmt: &Formats,
) -> Result<bool> {
    let Some(have) = formats.get_mut(c) else {
        return Ok(false);
    };
    if *have == ColFormat::None {
        let format = if want == ColFormat::Date {
            &fmt.date
        } else {
            &fmt.int
        };
        ws.set_column_format(c as u16, format)?;
        *have = want;
    }
    Ok(*have == want)
}

/// Writes one list as a sheet (continuing on "Name (2)"… past Excel's row limit) with a
/// styled, frozen, filtered header and widths fitted to the content. An optional caption (the
/// period of a report) sits above the header on every part and every printed page. Totals come
/// after the data, below a blank row and outside the filter, so sorting never mixes them in.
/// A sheet with no rows says so ("Không có") instead of showing a bare header.
pub struct SheetWriter<'w> {
    wb: &'w mut Workbook,
    base: String,
    caption: Option<String>,
    headers: Vec<String>,
    fmt: &'w Formats,
    part: u32,
    row: u32,
    widths: Vec<usize>,
    hidden: Vec<bool>,
    /// Columns whose text wraps, with the width they stop growing at.
    wrapped: Vec<Option<usize>>,
    /// Columns kept on screen when the sheet scrolls right.
    frozen_cols: u16,
    /// Columns of this part given a number format of their own (see `column_format`).
    col_format: Vec<ColFormat>,
    /// The last row written was given its height (see `finish_sheet`).
    tall_last: bool,
    /// Rows of this part given a height (see [`MAX_TALL_ROWS`]).
    tall_rows: u32,
    notes: usize,
    pub truncated_cells: usize,
    current: Option<String>,
    /// Index of the current sheet in the workbook (looked up once, not by name per row).
    index: usize,
    /// Data rows written on all parts.
    written: u64,
    /// The last data row of the current part (the header row while there is none).
    last_data: u32,
    /// Totals have begun: no more data rows.
    in_totals: bool,
}

impl<'w> SheetWriter<'w> {
    pub fn new(
        wb: &'w mut Workbook,
        name: &str,
        headers: &[&str],
        fmt: &'w Formats,
    ) -> Result<Self> {
        Self::with_caption(wb, name, None, headers, fmt)
    }

    /// A sheet whose name and headers are labels in both languages, written in the
    /// workbook's.
    pub fn labelled(
        wb: &'w mut Workbook,
        name: L,
        headers: &[L],
        fmt: &'w Formats,
    ) -> Result<Self> {
        let headers: Vec<&str> = headers.iter().map(|l| l.t(fmt.lang)).collect();
        Self::new(wb, name.t(fmt.lang), &headers, fmt)
    }

    /// A sheet with `caption` (bold) in its first row, above the header.
    pub fn with_caption(
        wb: &'w mut Workbook,
        name: &str,
        caption: Option<&str>,
        headers: &[&str],
        fmt: &'w Formats,
    ) -> Result<Self> {
        let mut w = SheetWriter {
            wb,
            base: sheet_name(name),
            caption: caption.map(|c| safe_text(c).0.into_owned()),
            headers: headers.iter().map(|s| s.to_string()).collect(),
            fmt,
            part: 0,
            row: 0,
            widths: headers
                .iter()
                .map(|h| h.chars().count().clamp(8, 40))
                .collect(),
            hidden: vec![false; headers.len()],
            wrapped: vec![None; headers.len()],
            frozen_cols: 0,
            col_format: vec![ColFormat::None; headers.len()],
            tall_last: false,
            tall_rows: 0,
            notes: 0,
            truncated_cells: 0,
            current: None,
            index: 0,
            written: 0,
            last_data: 0,
            in_totals: false,
        };
        w.start_sheet()?;
        Ok(w)
    }

    fn start_sheet(&mut self) -> Result<()> {
        self.finish_sheet()?;
        self.part += 1;
        self.tall_rows = 0;
        self.col_format.fill(ColFormat::None);
        let name = if self.part == 1 {
            self.base.clone()
        } else {
            let suffix = format!(" ({})", self.part);
            let keep = 31 - suffix.chars().count();
            format!(
                "{}{}",
                self.base.chars().take(keep).collect::<String>(),
                suffix
            )
        };
        let head = self.head();
        let fmt = self.fmt;
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(&name)?;
        if let Some(c) = &self.caption {
            ws.write_string_with_format(0, 0, c, &fmt.bold)?;
        }
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(head, c as u16, h, &fmt.header)?;
        }
        ws.set_freeze_panes(head + 1, self.frozen_cols)?;
        ws.set_landscape()
            .set_paper_size(9) // A4
            .set_print_gridlines(true)
            .set_footer(fmt.footer());
        ws.set_repeat_rows(0, head)?;
        self.current = Some(name);
        self.index = self.wb.worksheets().len() - 1;
        self.row = head;
        self.last_data = head;
        Ok(())
    }

    /// The header's row: 1 under a caption, else 0.
    fn head(&self) -> u32 {
        self.caption.is_some() as u32
    }

    fn ws(&mut self) -> Result<&mut Worksheet> {
        Ok(self.wb.worksheet_from_index(self.index)?)
    }

    /// Writes the last data row's `values` again struck through: a row a clerk crossed out in
    /// the ledgers stays crossed out in the book that comes back next week. (Its column
    /// formats kept: a date stays a date, a long text wraps.)
    pub fn strike_last_row(&mut self, values: &[V<'_>]) -> Result<()> {
        let r = self.row;
        let may_grow = self.tall_rows < MAX_TALL_ROWS;
        let wrapped = std::mem::take(&mut self.wrapped);
        let strike = |f: &Format| f.clone().set_font_strikethrough();
        let fmt = self.fmt;
        let (text, wrap, int, date) = (
            strike(&fmt.text),
            strike(&fmt.wrap),
            strike(&fmt.int),
            strike(&fmt.date),
        );
        let ws = self.ws()?;
        for (c, v) in values.iter().enumerate() {
            let c16 = c as u16;
            match v {
                V::T(s) => {
                    let (s, _) = safe_text(s);
                    let wraps = wrapped.get(c).copied().flatten().is_some() && may_grow;
                    ws.write_string_with_format(
                        r,
                        c16,
                        s.as_ref(),
                        if wraps { &wrap } else { &text },
                    )?;
                }
                V::I(i) => {
                    ws.write_number_with_format(r, c16, *i as f64, &int)?;
                }
                V::F(f) => {
                    ws.write_number_with_format(r, c16, *f, &text)?;
                }
                V::D(d) => {
                    ws.write_date_with_format(r, c16, d, &date)?;
                }
                V::Empty => {}
            }
        }
        self.wrapped = wrapped;
        Ok(())
    }

    /// Appends a data row; returns its row number so callers may attach notes.
    pub fn row(&mut self, values: &[V<'_>]) -> Result<u32> {
        anyhow::ensure!(!self.in_totals, "a data row after the totals of a sheet");
        if self.row >= MAX_ROWS {
            self.start_sheet()?;
        }
        self.row += 1;
        self.last_data = self.row;
        self.written += 1;
        self.write_values(values, false)
    }

    /// Appends a total (in bold) after the data: the first one leaves a blank row, and none is
    /// inside the autofilter's range.
    pub fn total(&mut self, values: &[V<'_>]) -> Result<u32> {
        if !self.in_totals {
            self.write_none_if_empty()?;
            self.in_totals = true;
            self.row += 1;
        }
        if self.row >= MAX_ROWS {
            self.start_sheet()?;
        }
        self.row += 1;
        self.write_values(values, true)
    }

    /// "Không có" under the header of a sheet nobody wrote a row to.
    fn write_none_if_empty(&mut self) -> Result<()> {
        if self.written > 0 || self.in_totals {
            return Ok(());
        }
        self.row += 1;
        let (r, fmt) = (self.row, self.fmt);
        let none = L("Không có", "None").t(fmt.lang);
        self.ws()?.write_string_with_format(r, 0, none, &fmt.none)?;
        Ok(())
    }

    fn write_values(&mut self, values: &[V<'_>], bold: bool) -> Result<u32> {
        let r = self.row;
        let fmt = self.fmt;
        let mut cut = 0;
        let mut lines = 1;
        let mut widths = std::mem::take(&mut self.widths);
        let wrapped = std::mem::take(&mut self.wrapped);
        let mut col_format = std::mem::take(&mut self.col_format);
        let may_grow = self.tall_rows < MAX_TALL_ROWS;
        {
            let ws = self.ws()?;
            for (c, v) in values.iter().enumerate() {
                let c16 = c as u16;
                let width = match v {
                    V::T(s) => {
                        let (s, was_cut) = safe_text(s);
                        cut += was_cut as usize;
                        let wraps = wrapped.get(c).copied().flatten();
                        if let Some(w) = wraps.filter(|_| may_grow) {
                            lines = lines.max(wrapped_lines(&s, w));
                        }
                        // The wrap is the cell's format, not its column's: past
                        // MAX_TALL_ROWS a cell is written plain, on one line, and a format
                        // lookup (a hash of the whole format in rust_xlsxwriter) per cell of
                        // a million-row sheet cost seconds.
                        if bold {
                            ws.write_string_with_format(r, c16, s.as_ref(), &fmt.bold)?;
                        } else if wraps.is_some() && may_grow {
                            ws.write_string_with_format(r, c16, s.as_ref(), &fmt.wrap)?;
                        } else {
                            ws.write_string(r, c16, s.as_ref())?;
                        }
                        // Characters are never more than bytes: count only when it can matter.
                        if s.len() > widths.get(c).copied().unwrap_or(60) {
                            s.chars().count()
                        } else {
                            0
                        }
                    }
                    V::I(i) => {
                        // Below 1,000 the grouping format shows nothing more than General
                        // does; from there on the column carries the format (see
                        // `column_format`), so the cell itself is written plain.
                        if bold {
                            ws.write_number_with_format(r, c16, *i as f64, &fmt.bold_int)?;
                        } else if i.unsigned_abs() >= 1000 {
                            if column_format(ws, &mut col_format, c, ColFormat::Int, fmt)? {
                                ws.write_number(r, c16, *i as f64)?;
                            } else {
                                ws.write_number_with_format(r, c16, *i as f64, &fmt.int)?;
                            }
                        } else if col_format.get(c) == Some(&ColFormat::Date) {
                            ws.write_number_with_format(r, c16, *i as f64, &fmt.int)?;
                        } else {
                            ws.write_number(r, c16, *i as f64)?;
                        }
                        12
                    }
                    V::F(f) => {
                        ws.write_number(r, c16, *f)?;
                        8
                    }
                    V::D(d) => {
                        if bold || !column_format(ws, &mut col_format, c, ColFormat::Date, fmt)? {
                            ws.write_date_with_format(r, c16, d, &fmt.date)?;
                        } else {
                            ws.write_datetime(r, c16, d)?;
                        }
                        10
                    }
                    V::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width.min(60));
                }
            }
        }
        self.widths = widths;
        self.wrapped = wrapped;
        self.col_format = col_format;
        self.truncated_cells += cut;
        // Spreadsheets do not grow a row for wrapped text on opening: the row says its height.
        self.tall_last = lines > 1;
        if self.tall_last {
            self.tall_rows += 1;
            self.ws()?.set_row_height(r, ROW_HEIGHT * lines as f64)?;
        }
        Ok(r)
    }

    /// Whether [`SheetWriter::note`] would still attach a note (callers skip building one).
    pub fn takes_notes(&self) -> bool {
        self.notes < MAX_NOTES
    }

    /// Attaches a note (e.g. the original value) to a cell of the last row written.
    pub fn note(&mut self, col: usize, text: &str) -> Result<()> {
        if self.notes >= MAX_NOTES {
            return Ok(());
        }
        self.notes += 1;
        let r = self.row;
        let (mut t, _) = safe_text(text);
        if let Some(i) = utf16_cut(&t, MAX_NOTE_CHARS) {
            t = Cow::Owned(t[..i].to_string());
        }
        let note = Note::new(t.as_ref())
            .set_author(crate::ingest::guard::OWN_NOTE_AUTHOR)
            .add_author_prefix(false);
        self.ws()?.insert_note(r, col as u16, &note)?;
        Ok(())
    }

    /// A drop-down on one column of every data row written so far.
    pub fn dropdown(&mut self, col: usize, choices: &[&str]) -> Result<()> {
        let first = self.head() + 1;
        let last = self.last_data.max(first);
        let dv = DataValidation::new().allow_list_strings(choices)?;
        self.ws()?
            .add_data_validation(first, col as u16, last, col as u16, &dv)?;
        Ok(())
    }

    /// A drop-down on one column for the first `rows` data rows (a template to fill in).
    pub fn dropdown_rows(&mut self, col: usize, choices: &[&str], rows: u32) -> Result<()> {
        let first = self.head() + 1;
        let dv = DataValidation::new().allow_list_strings(choices)?;
        self.ws()?
            .add_data_validation(first, col as u16, rows + first - 1, col as u16, &dv)?;
        // Wide enough for the longest choice: a kind picked shows whole.
        let longest = choices.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(longest.min(40));
        }
        Ok(())
    }

    /// Wraps the text of column `col` at `width` characters: a long address makes its row
    /// taller instead of the sheet wider. Call before writing rows: a cell takes its column's
    /// format when it is written.
    pub fn wrap(&mut self, col: usize, width: usize) -> Result<()> {
        if let Some(w) = self.wrapped.get_mut(col) {
            *w = Some(width);
        }
        // The header row is as tall as its longest wrapped title.
        let lines = self
            .headers
            .iter()
            .zip(&self.wrapped)
            .filter_map(|(h, w)| w.map(|w| wrapped_lines(h, w)))
            .max()
            .unwrap_or(1);
        let head = self.head();
        let before_rows = head == self.row;
        let ws = self.ws()?;
        if lines > 1 && before_rows {
            ws.set_row_height(head, ROW_HEIGHT * lines as f64)?;
        }
        Ok(())
    }

    /// Keeps the first `cols` columns on screen when the sheet scrolls right (the header row
    /// is always frozen), on this part and the next ones.
    pub fn freeze_columns(&mut self, cols: u16) -> Result<()> {
        self.frozen_cols = cols;
        let head = self.head();
        self.ws()?.set_freeze_panes(head + 1, cols)?;
        Ok(())
    }

    /// Hides column `col` on every part (when each is finished).
    pub fn hide_column(&mut self, col: usize) {
        if let Some(h) = self.hidden.get_mut(col) {
            *h = true;
        }
    }

    fn finish_sheet(&mut self) -> Result<()> {
        if self.current.is_none() {
            return Ok(());
        }
        self.write_none_if_empty()?;
        // (On Excel's last row there is no row after it: the sheet is left as written.)
        if self.tall_last && self.row < MAX_ROWS {
            // rust_xlsxwriter 0.102 writes a constant-memory sheet's last row twice when it
            // has a height (Excel then repairs the file): a blank cell after it is the last.
            let (r, fmt) = (self.row + 1, self.fmt);
            self.ws()?.write_blank(r, 0, &fmt.wrap)?;
            self.tall_last = false;
        }
        let widths: Vec<usize> = self
            .widths
            .iter()
            .zip(&self.wrapped)
            .map(|(w, cap)| cap.map_or(*w, |cap| (*w).min(cap)))
            .collect();
        let last_col = self.headers.len().saturating_sub(1) as u16;
        let (head, last_data) = (self.head(), self.last_data);
        let hidden = std::mem::take(&mut self.hidden);
        let ws = self.ws()?;
        for (c, (w, &hidden)) in widths.iter().zip(&hidden).enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(62.0))?;
            // Again on every part: a list past Excel's row limit hides the same columns.
            if hidden {
                ws.set_column_hidden(c as u16)?;
            }
        }
        ws.autofilter(head, 0, last_data, last_col)?;
        // One page wide, as many pages long as it takes: a row is read on one sheet of paper
        // (pages across split a customer's row over two sheets); wide sheets wrap their long
        // columns to stay legible at that scale.
        ws.set_print_fit_to_pages(1, 0);
        self.hidden = hidden;
        Ok(())
    }

    pub fn finish(mut self) -> Result<usize> {
        self.finish_sheet()?;
        self.current = None;
        Ok(self.truncated_cells)
    }
}

/// Writes a workbook to a temporary file beside `path`, to be published with its batch.
pub fn save_staged(wb: &mut Workbook, path: &Path) -> Result<super::Staged> {
    let staged = super::Staged::new(path)?;
    {
        let mut w = std::io::BufWriter::new(staged.file());
        wb.save_to_writer(&mut w)
            .with_context(|| format!("không ghi được {}", path.display()))?;
        use std::io::Write;
        w.flush()?;
    }
    Ok(staged)
}

/// Saves a workbook to `path` through a temporary file in the same folder, so readers see the
/// old file or the new one, never half of one.
pub fn save_atomic(wb: &mut Workbook, path: &Path) -> Result<()> {
    save_staged(wb, path)?.publish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn cell_text_is_made_safe() {
        assert_eq!(safe_text("Nguyễn Văn An").0, "Nguyễn Văn An");
        assert_eq!(safe_text("a\u{0}b\u{7}c\td\ne").0, "abc\td\ne");
        assert_eq!(safe_text("x\u{FFFE}y\u{FFFF}").0, "xy");
        assert_eq!(safe_text("Đà Nẵng\u{FFFD}").0, "Đà Nẵng\u{FFFD}");
        let long = "ễ".repeat(MAX_CELL_CHARS + 5);
        let (cut, was_cut) = safe_text(&long);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        // Excel counts UTF-16 units: an emoji is two
        let emoji = format!("{}😀😀", "a".repeat(MAX_CELL_CHARS - 3));
        let (cut, was_cut) = safe_text(&emoji);
        assert!(was_cut);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS - 1);
        assert!(!safe_text(&emoji[..emoji.len() - 4]).1);
    }

    #[test]
    fn an_overlong_value_is_written_cut_in_cell_and_note() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.xlsx");
        let mut wb = Workbook::new();
        let fmt = Formats::new();
        let mut w = SheetWriter::new(&mut wb, "A", &["x"], &fmt).unwrap();
        let long = "Ạ".repeat(100_000);
        w.row(&[V::from(long.as_str())]).unwrap();
        w.note(0, &long).unwrap();
        w.finish().unwrap();
        save_staged(&mut wb, &path).unwrap().publish().unwrap();
        assert!(path.exists());
    }

    #[test]
    fn suspect_bytes_are_found_anywhere() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let clean = "a".repeat(len);
            assert!(!suspect(clean.as_bytes()), "{len}");
            assert!(!suspect(format!("{clean}\t\nđ").as_bytes()));
            for at in 0..len {
                for bad in [0u8, 0x1F, 0xEF] {
                    let mut b = clean.clone().into_bytes();
                    b[at] = bad;
                    assert!(suspect(&b), "{len} {at} {bad}");
                }
            }
        }
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("Khách hàng"), "Khách hàng");
        assert_eq!(sheet_name("a/b:c*d?e[f]g\\h"), "a_b_c_d_e_f_g_h");
        assert_eq!(
            sheet_name(&"Sổ khách hàng năm 2017 chi nhánh".repeat(2))
                .chars()
                .count(),
            31
        );
        assert_eq!(sheet_name("''"), "Sheet");
    }

    /// The parts of a written workbook, read back as a colleague's Excel would.
    pub(crate) fn parts(wb: &mut Workbook) -> std::collections::HashMap<String, String> {
        use std::io::Read;
        let buf = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(buf)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap_or_default();
                (f.name().unwrap().to_string(), s)
            })
            .collect()
    }

    #[test]
    fn every_sheet_prints_one_page_wide_with_titles_and_footer() {
        let fmt = Formats::for_lang(Lang::Vi);
        let mut wb = workbook();
        let mut sw =
            SheetWriter::new(&mut wb, "Khách hàng", &["Mã KH", "Tên", "Số tiền"], &fmt).unwrap();
        sw.row(&[V::from("KH1"), V::from("An"), V::I(1500)])
            .unwrap();
        sw.row(&[V::from("KH2"), V::from("Bình"), V::I(2500)])
            .unwrap();
        sw.total(&[V::from("TỔNG"), V::Empty, V::I(4000)]).unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
        let setup = &sheet[sheet.find("<pageSetup").unwrap()..];
        let setup = &setup[..setup.find("/>").unwrap()];
        assert!(setup.contains(r#"orientation="landscape""#), "{setup}");
        assert!(setup.contains(r#"fitToHeight="0""#), "{setup}");
        // fitToWidth="1" is the default and may be left out; any other width is wrong.
        assert!(!setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#));
        assert!(
            sheet.contains(r#"<printOptions gridLines="1"/>"#),
            "{sheet}"
        );
        let date = fmt.run_date.format("%d/%m/%Y").to_string();
        assert!(
            sheet.contains(&format!("<oddFooter>&amp;LNgày chạy {date}&amp;C&amp;A&amp;RTrang &amp;P/&amp;N</oddFooter>")),
            "{sheet}"
        );
        assert!(
            sheet.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet}"
        );
        // The filter covers the header and the two data rows, not the total on row 5.
        assert!(sheet.contains(r#"<autoFilter ref="A1:C3"/>"#), "{sheet}");
        assert!(
            !sheet.contains(r#"<row r="4""#),
            "a blank row before the total"
        );
        assert!(sheet.contains(r#"<row r="5""#));
        let book = &p["xl/workbook.xml"];
        assert!(
            book.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'Khách hàng'!$1:$1</definedName>"#),
            "{book}"
        );
    }

    /// The style a cell of the sheet's XML carries ("" when none).
    fn cell_style<'s>(sheet: &'s str, cell: &str) -> &'s str {
        let at = sheet
            .find(&format!(r#"<c r="{cell}""#))
            .unwrap_or_else(|| panic!("no cell {cell} in {sheet}"));
        let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
        tag.split(r#" s=""#)
            .nth(1)
            .map_or("", |rest| &rest[..rest.find('"').unwrap()])
    }

    #[test]
    fn amounts_and_dates_take_their_column_format_and_show_as_before() {
        let fmt = Formats::new();
        let mut wb = workbook();
        let headers = ["Số tiền", "Ngày", "Dòng"];
        let mut sw = SheetWriter::new(&mut wb, "Hóa đơn", &headers, &fmt).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        sw.row(&[V::I(5), V::D(day), V::I(7)]).unwrap();
        sw.row(&[V::I(1500), V::D(day), V::I(8)]).unwrap();
        sw.row(&[V::I(20), V::I(3), V::I(1_048_000)]).unwrap();
        sw.total(&[V::I(1525), V::Empty, V::Empty]).unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        let styles = &p["xl/styles.xml"];
        // From the first amount on, the column carries "#,##0" and the cells take it (the
        // row before it may too, or stay General: under 1,000 both show the same).
        let amount = cell_style(sheet, "A3");
        assert!(!amount.is_empty(), "{sheet}");
        assert_eq!(cell_style(sheet, "A4"), amount);
        assert!(["", amount].contains(&cell_style(sheet, "A2")), "{sheet}");
        assert!(
            sheet.contains(r#"<col min="1" max="1""#)
                && sheet.contains(&format!(r#"style="{amount}""#)),
            "{sheet}"
        );
        // Dates show as dates; a number in a date column keeps a number format of its own.
        let date = cell_style(sheet, "B2");
        assert!(!date.is_empty() && date != amount, "{sheet}");
        assert_eq!(cell_style(sheet, "B3"), date);
        assert_eq!(cell_style(sheet, "B4"), amount);
        assert!(styles.contains("dd/mm/yyyy"), "{styles}");
        // A third column: row numbers stay General until one reaches 1,000.
        assert_eq!(cell_style(sheet, "C3"), "");
        assert_eq!(cell_style(sheet, "C4"), amount);
        // The total is bold with its own format.
        let total = cell_style(sheet, "A6");
        assert!(!total.is_empty() && total != amount, "{sheet}");
    }

    #[test]
    fn a_caption_sits_above_the_header_and_an_empty_sheet_says_none() {
        let fmt = Formats::for_lang(Lang::En);
        let mut wb = workbook();
        let sw = SheetWriter::with_caption(
            &mut wb,
            "Tax codes",
            Some("Period: 01/01/2025 – 31/12/2025"),
            &["File", "Row"],
            &fmt,
        )
        .unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        assert!(
            sheet.contains(
                r#"<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<autoFilter ref="A2:B2"/>"#), "{sheet}");
        assert!(sheet.contains("&amp;RPage &amp;P of &amp;N"), "{sheet}");
        assert!(p["xl/workbook.xml"].contains("'Tax codes'!$1:$2"));
        // Constant-memory sheets hold their strings inline.
        for s in ["Period: 01/01/2025 – 31/12/2025", "File", "None"] {
            assert!(sheet.contains(&format!("<t>{s}</t>")), "{s} in {sheet}");
        }
        assert!(sheet.contains(r#"<row r="3""#), "None under the header");
    }

    #[test]
    fn a_wide_sheet_prints_one_page_wide_and_hides_its_columns_on_every_part() {
        let fmt = Formats::new();
        let mut wb = workbook();
        let headers: Vec<String> = (0..20).map(|i| format!("Cột {i}")).collect();
        let headers: Vec<&str> = headers.iter().map(|s| s.as_str()).collect();
        let mut sw = SheetWriter::new(&mut wb, "Rộng", &headers, &fmt).unwrap();
        sw.hide_column(19);
        let long = "x".repeat(70);
        sw.row(&vec![V::from(long.as_str()); 20]).unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
        assert!(!sheet.contains("fitToWidth=\"") || sheet.contains(r#"fitToWidth="1""#));
        assert!(!sheet.contains("pageOrder"), "{sheet}");
        assert!(
            sheet.contains(r#"<col min="20" max="20" width="62.7109375" hidden="1""#),
            "{sheet}"
        );
    }

    #[test]
    fn wrapped_columns_stop_growing_and_frozen_columns_stay_on_screen() {
        let fmt = Formats::new();
        let mut wb = workbook();
        let mut sw =
            SheetWriter::new(&mut wb, "Cặp", &["Quyết định", "Tên", "Địa chỉ"], &fmt).unwrap();
        sw.freeze_columns(2).unwrap();
        sw.wrap(2, 30).unwrap();
        let long = "Số 12 ngõ 34 phố Nguyễn Trãi, phường Thượng Đình, quận Thanh Xuân";
        sw.row(&[V::Empty, V::from("An"), V::from(long)]).unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        assert!(
            sheet.contains(r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#),
            "{sheet}"
        );
        // Column C is 30 characters (+2 of padding) wide, and its cells wrap.
        assert!(
            sheet.contains(r#"<col min="3" max="3" width="32.7109375""#),
            "{sheet}"
        );
        let styles = &p["xl/styles.xml"];
        assert!(styles.contains(r#"wrapText="1""#), "{styles}");
        let cell = &sheet[sheet.find(r#"<c r="C2""#).unwrap()..];
        assert!(cell.starts_with(r#"<c r="C2" s=""#), "{cell}");
        // 66 characters in a 30-wide column: three lines, and the row says so.
        assert!(
            sheet.contains(r#"<row r="2" ht="45" customHeight="1">"#),
            "{sheet}"
        );
        assert_eq!(sheet.matches(r#"<row r="2""#).count(), 1, "{sheet}");
    }

    #[test]
    fn past_the_tall_rows_a_wrapped_column_is_written_on_one_line() {
        let fmt = Formats::new();
        let mut wb = workbook();
        let mut sw = SheetWriter::new(&mut wb, "Dài", &["Địa chỉ"], &fmt).unwrap();
        sw.wrap(0, 10).unwrap();
        sw.tall_rows = MAX_TALL_ROWS - 1;
        let long = "Số 12 ngõ 34 phố Nguyễn Trãi";
        sw.row(&[V::from(long)]).unwrap();
        sw.row(&[V::from(long)]).unwrap();
        sw.finish().unwrap();
        let p = parts(&mut wb);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        // Four lines of ten characters, then the cap: one line, in a style that does not wrap.
        assert!(
            sheet.contains(r#"<row r="2" ht="60" customHeight="1">"#),
            "{sheet}"
        );
        assert!(sheet.contains(r#"<row r="3">"#), "{sheet}");
        // The wrap is the cell's style: the capped row's cell has none (General, one line).
        assert!(sheet.contains(r#"<c r="A2" s=""#), "{sheet}");
        assert!(!sheet.contains(r#"<c r="A3" s=""#), "{sheet}");
    }

    #[test]
    fn wrapped_text_counts_its_lines_by_whole_words() {
        assert_eq!(wrapped_lines("", 10), 1);
        assert_eq!(wrapped_lines("Bùi Thị Ngọc Linh", 20), 1);
        assert_eq!(wrapped_lines("Bùi Thị Ngọc Linh", 10), 2);
        assert_eq!(wrapped_lines("a\nb", 10), 2);
        assert_eq!(wrapped_lines(&"từ ".repeat(200), 10), 15, "capped");
    }

    #[test]
    fn a_data_row_after_the_totals_is_refused() {
        let fmt = Formats::new();
        let mut wb = workbook();
        let mut sw = SheetWriter::new(&mut wb, "S", &["A"], &fmt).unwrap();
        sw.total(&[V::I(0)]).unwrap();
        assert!(sw.row(&[V::I(1)]).is_err());
    }
}
