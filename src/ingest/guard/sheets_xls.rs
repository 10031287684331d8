//! What calamine does not read of an old .xls's sheets, found in the guard's pass over its
//! workbook stream: the rows and cells a clerk struck through (the fonts that strike, the cell
//! formats using them, each cell record's format), the text struck inside a cell (a shared
//! string's runs, [`super::sst_xls`]) and the comments on cells (NOTE, with the text of its
//! drawing object's TXO).

use super::error::GuardError;
use super::ole::{u16_at, u32_at};
use super::runs::StruckCell;
use super::sst_xls::{struck_sst_strings, RichString};
use super::xlsx::{clerk_comment, StruckRows};

/// What the check of an .xls saw besides its soundness, per worksheet.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XlsFacts {
    pub sheets: Vec<XlsSheet>,
}

/// One worksheet (by name): its rows struck through (1-based, ascending), its cells struck on
/// rows not struck whole ((row, 0-based column), sorted), as an xlsx's
/// ([`super::SheetScan`]), its cells with text struck inside them (in sheet order), and its
/// comments ((row, text), sorted by row).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XlsSheet {
    pub sheet: String,
    pub struck_rows: Vec<u32>,
    pub struck_cells: Vec<(u32, u32)>,
    pub struck_texts: Vec<StruckCell>,
    pub comments: Vec<(u32, String)>,
}

/// A substream's first record (the workbook's globals, a sheet, a chart inside a sheet).
pub(super) const BIFF_BOF: u16 = 0x0809;
/// Columns of a BIFF8 sheet.
pub(super) const XLS_MAX_COLS: u64 = 256;
const BIFF_EOF: u16 = 0x000A;
const BIFF_FONT: u16 = 0x0031;
const BIFF_XF: u16 = 0x00E0;
const BIFF_BOUNDSHEET: u16 = 0x0085;
const BIFF_MULRK: u16 = 0x00BD;
const BIFF_OBJ: u16 = 0x005D;
const BIFF_TXO: u16 = 0x01B6;
const BIFF_CONTINUE: u16 = 0x003C;
const BIFF_NOTE: u16 = 0x001C;
const BIFF_SST: u16 = 0x00FC;
const BIFF_LABELSST: u16 = 0x00FD;
/// Records of one filled cell: row, column and format first (LABELSST, LABEL, RSTRING, RK,
/// NUMBER, BOOLERR, FORMULA); BLANK and MULBLANK are empty cells.
const BIFF_CELLS: &[u16] = &[0x00FD, 0x0204, 0x00D6, 0x027E, 0x0203, 0x0205, 0x0006];
/// An OBJ record's type for a comment's box (`ftCmo.ot`).
const OBJ_NOTE: u16 = 0x0019;
/// Comments kept per sheet, at most.
const MAX_COMMENTS: usize = 100_000;

/// The walk over the records, one at a time, in stream order.
#[derive(Default)]
pub(super) struct SheetRecords {
    fonts: Vec<bool>,
    formats: Vec<bool>,
    sheets: Vec<(usize, String)>,
    /// Substreams open (a chart's inside a sheet's).
    depth: u32,
    /// The worksheet being read: what is found of it, its current row, its struck rows.
    current: Option<(XlsSheet, u32, StruckRows)>,
    /// A comment's drawing object, by id: its text once read (its TXO says how many
    /// characters, the CONTINUE after it holds them).
    texts: rustc_hash::FxHashMap<u16, String>,
    object: Option<u16>,
    text_length: Option<usize>,
    found: Vec<XlsSheet>,
    /// The widest column a cell record of a sheet names: calamine makes a sheet's grid from
    /// its cells, and one column past BIFF8's 256 (a damaged record) asks it for gigabytes.
    widest: u16,
    /// A record calamine would read wrongly (a MULRK whose last column is before its first).
    damaged: bool,
    /// The shared-string table being gathered (SST, then its CONTINUE records), in a book
    /// with a font that strikes.
    table: Option<Vec<Vec<u8>>>,
    /// Its strings with text struck in runs, by index ascending.
    rich: Vec<RichString>,
}

impl SheetRecords {
    pub(super) fn record(&mut self, pos: usize, typ: u16, data: &[u8]) {
        if let Some(parts) = self.table.as_mut() {
            if typ == BIFF_CONTINUE {
                parts.push(data.to_vec());
                return;
            }
            self.end_table();
        }
        match typ {
            BIFF_BOF => {
                self.depth += 1;
                if self.depth == 1 {
                    let name = self.sheets.iter().find(|(p, _)| *p == pos);
                    self.current = name.map(|(_, n)| {
                        let sheet = XlsSheet {
                            sheet: n.clone(),
                            ..XlsSheet::default()
                        };
                        (sheet, 0, StruckRows::default())
                    });
                }
            }
            BIFF_EOF => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.finish();
                }
            }
            BIFF_FONT if data.len() >= 4 => self.fonts.push(u16_at(data, 2) & 0x0008 != 0),
            BIFF_XF if data.len() >= 2 => {
                self.formats
                    .push(font_strikes(&self.fonts, u16_at(data, 0)));
            }
            BIFF_BOUNDSHEET if data.len() >= 8 && data[5] == 0 => {
                if let Some(name) = short_string(&data[6..]) {
                    self.sheets.push((u32_at(data, 0) as usize, name));
                }
            }
            BIFF_SST if self.depth == 1 && self.current.is_none() && self.fonts.contains(&true) => {
                self.table = Some(vec![data.to_vec()]);
            }
            _ if self.depth != 1 || self.current.is_none() => {}
            BIFF_LABELSST if data.len() >= 10 && !self.rich.is_empty() => {
                let (row, column, format) = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
                self.cell(row, column, format);
                self.struck_text(row, column, format, u32_at(data, 6));
            }
            BIFF_MULRK if data.len() >= 6 => {
                let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                // calamine subtracts the first column from the last one unchecked.
                self.damaged |= u16_at(data, data.len() - 2) < first;
                for (k, entry) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                    self.cell(row, first.saturating_add(k as u16), u16_at(entry, 0));
                }
                // (calamine reads the last column from the record's end.)
                self.widest = self.widest.max(u16_at(data, data.len() - 2));
            }
            t if BIFF_CELLS.contains(&t) && data.len() >= 6 => {
                self.cell(u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
            }
            _ => self.comment_record(typ, data),
        }
    }

    /// The records of a comment: its box (OBJ of a note's type, with its id), the box's text
    /// (TXO: how many characters; the CONTINUE after it: a flag for two-byte characters, then
    /// them), and the NOTE that puts it on a cell (row, column, the box's id, the author).
    fn comment_record(&mut self, typ: u16, data: &[u8]) {
        match typ {
            // ftCmo comes first: ft 0x15, cb 0x12, ot, id.
            BIFF_OBJ if data.len() >= 8 && u16_at(data, 0) == 0x15 => {
                self.object = (u16_at(data, 4) == OBJ_NOTE).then(|| u16_at(data, 6));
            }
            BIFF_TXO if data.len() >= 12 => {
                self.text_length = self.object.map(|_| usize::from(u16_at(data, 10)));
            }
            BIFF_CONTINUE => {
                if let (Some(id), Some(length)) = (self.object, self.text_length.take()) {
                    let text = chars(data, length).unwrap_or_default();
                    if self.texts.len() < MAX_COMMENTS {
                        self.texts.insert(id, text);
                    }
                }
            }
            BIFF_NOTE if data.len() >= 8 => {
                let (row, id) = (u32::from(u16_at(data, 0)) + 1, u16_at(data, 6));
                let author = unicode_string(&data[8..]).unwrap_or_default();
                let text = self.texts.get(&id);
                if let (Some((sheet, ..)), Some(text)) = (self.current.as_mut(), text) {
                    if let Some(said) = clerk_comment(text, &author) {
                        sheet.comments.push((row, said));
                    }
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self, row: u16, column: u16, format: u16) {
        self.widest = self.widest.max(column);
        if !self.formats.contains(&true) {
            return;
        }
        let struck = self.formats.get(usize::from(format)) == Some(&true);
        if let Some((_, at, rows)) = self.current.as_mut() {
            let row = u32::from(row) + 1;
            if row != *at {
                rows.start_row(row);
                *at = row;
            }
            rows.cell(Some(u32::from(column)), struck);
        }
    }

    /// The shared-string table gathered: its strings with text struck in runs.
    fn end_table(&mut self) {
        if let Some(parts) = self.table.take() {
            let fonts = &self.fonts;
            self.rich = struck_sst_strings(&parts, |font| font_strikes(fonts, font));
        }
    }

    /// A cell showing shared string `index`: its text struck in runs, if any.
    fn struck_text(&mut self, row: u16, column: u16, format: u16, index: u32) {
        let Ok(k) = self.rich.binary_search_by_key(&index, |s| s.index) else {
            return;
        };
        let cell_struck = self.formats.get(usize::from(format)) == Some(&true);
        if let (Some((sheet, ..)), Some(text)) =
            (self.current.as_mut(), self.rich[k].text(cell_struck))
        {
            sheet
                .struck_texts
                .push(((u32::from(row) + 1, u32::from(column)), text));
        }
    }

    fn finish(&mut self) {
        if let Some((mut sheet, _, mut rows)) = self.current.take() {
            rows.end_row();
            rows.cells.sort_unstable();
            sheet.struck_rows = rows.rows;
            sheet.struck_cells = rows.cells;
            sheet.comments.sort_by_key(|(r, _)| *r);
            sheet.struck_texts.sort_by_key(|(at, _)| *at);
            self.found.push(sheet);
        }
        self.texts.clear();
        self.object = None;
    }

    /// What was found; refused when a sheet's cell records name a column past BIFF8's grid.
    pub(super) fn done(mut self) -> Result<XlsFacts, GuardError> {
        self.end_table();
        self.finish();
        if self.damaged {
            return Err(GuardError::Corrupt(
                "a row of several numbers (MULRK) ends before it begins".into(),
            ));
        }
        if u64::from(self.widest) >= XLS_MAX_COLS {
            return Err(GuardError::Corrupt(format!(
                "a cell in column {}, past the {XLS_MAX_COLS} an .xls can hold",
                u64::from(self.widest) + 1
            )));
        }
        Ok(XlsFacts { sheets: self.found })
    }
}

/// Whether font `index` (as a format or a run names it) strikes. Font index 4 is never
/// written: the indexes after it are one further on than the fonts' places.
fn font_strikes(fonts: &[bool], index: u16) -> bool {
    let index = usize::from(if index >= 4 { index - 1 } else { index });
    fonts.get(index) == Some(&true)
}

/// `length` characters after a flag byte (bit 0: two bytes each, UTF-16LE; else Latin-1),
/// as far as `d` holds them.
fn chars(d: &[u8], length: usize) -> Option<String> {
    let wide = d.first()? & 1 == 1;
    let body = &d[1..];
    Some(if wide {
        let units: Vec<u16> = (body.chunks_exact(2).take(length))
            .map(|c| u16_at(c, 0))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(length).map(|&b| char::from(b)).collect()
    })
}

/// A BIFF8 ShortXLUnicodeString (a sheet's name): a one-byte length, then [`chars`].
fn short_string(d: &[u8]) -> Option<String> {
    chars(d.get(1..)?, usize::from(*d.first()?))
}

/// A BIFF8 XLUnicodeString (a comment's author): a two-byte length, then [`chars`].
fn unicode_string(d: &[u8]) -> Option<String> {
    chars(d.get(2..)?, usize::from(u16_at(d.get(..2)?, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FONT record's body, striking or not.
    fn font(struck: bool) -> Vec<u8> {
        let mut d = vec![0u8; 14];
        d[2..4].copy_from_slice(&(if struck { 0x0008u16 } else { 0 }).to_le_bytes());
        d
    }

    /// A BOUNDSHEET record's body: a worksheet whose BOF is at `pos`, named `name` (one byte a
    /// letter).
    fn sheet_at(pos: u32, name: &str) -> Vec<u8> {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0, name.len() as u8, 0]);
        d.extend(name.bytes());
        d
    }

    /// The rows struck through in an old .xls, from its records: the fifth font (index 5: 4
    /// is never written) strikes, the second format uses it; a row whose filled cells all
    /// strike (or all but one, by two) is struck, an old number struck alone is a cell; a
    /// chart's records inside the sheet, and a substream no sheet names, count for nothing.
    #[test]
    fn rows_struck_through_are_read_from_the_records() {
        let mut s = SheetRecords::default();
        let xf = |font: u16| {
            let mut d = vec![0u8; 20];
            d[0..2].copy_from_slice(&font.to_le_bytes());
            d
        };
        let cell = |row: u16, col: u16, xf: u16| {
            let mut d = vec![0u8; 10];
            d[0..2].copy_from_slice(&row.to_le_bytes());
            d[2..4].copy_from_slice(&col.to_le_bytes());
            d[4..6].copy_from_slice(&xf.to_le_bytes());
            d
        };
        let mut sheet = 500u32.to_le_bytes().to_vec();
        sheet.extend([0, 0, 2, 1]);
        sheet.extend("Sổ".encode_utf16().flat_map(u16::to_le_bytes));
        s.record(0, BIFF_BOF, &[0; 16]);
        for k in 0..5 {
            s.record(10 + k, BIFF_FONT, &font(k == 4));
        }
        s.record(20, BIFF_XF, &xf(0));
        s.record(21, BIFF_XF, &xf(5));
        s.record(30, BIFF_BOUNDSHEET, &sheet);
        s.record(40, BIFF_EOF, &[]);
        s.record(500, BIFF_BOF, &[0; 16]);
        s.record(510, 0x00FD, &cell(1, 0, 1));
        s.record(511, 0x00FD, &cell(1, 1, 1));
        s.record(512, 0x027E, &cell(2, 0, 0));
        let mut mulrk = vec![2, 0, 1, 0];
        for _ in 0..2 {
            mulrk.extend([1, 0, 0, 0, 0, 0]);
        }
        mulrk.extend([2, 0]);
        s.record(513, BIFF_MULRK, &mulrk);
        s.record(514, 0x00FD, &cell(3, 0, 0));
        s.record(515, 0x0203, &cell(3, 2, 1));
        s.record(516, BIFF_BOF, &[0; 16]);
        s.record(517, 0x0203, &cell(9, 0, 1));
        s.record(518, BIFF_EOF, &[]);
        s.record(519, BIFF_EOF, &[]);
        s.record(900, BIFF_BOF, &[0; 16]);
        s.record(910, 0x00FD, &cell(1, 0, 1));
        s.record(920, BIFF_EOF, &[]);
        let facts = s.done().unwrap();
        assert_eq!(facts.sheets.len(), 1, "{facts:?}");
        let sheet = &facts.sheets[0];
        assert_eq!(sheet.sheet, "Sổ");
        assert_eq!(
            (&sheet.struck_rows[..], &sheet.struck_cells[..]),
            (&[2, 3][..], &[(4, 2)][..])
        );
    }

    /// Text struck inside a cell: the table's second string has a run in the struck font
    /// (index 5: 4 is never written), its characters running on into a CONTINUE record; the
    /// cell showing it is found with the part left and the part struck, the cell showing the
    /// first string is not.
    #[test]
    fn text_struck_inside_a_cell_is_found_from_the_shared_strings() {
        let mut s = SheetRecords::default();
        let sheet = sheet_at(500, "KH");
        let mut sst = 2u32.to_le_bytes().to_vec();
        sst.extend(2u32.to_le_bytes());
        sst.extend([2, 0, 0, b'a', b'b']);
        sst.extend([9, 0, 0x08, 2, 0, b'0', b'9', b'1']);
        let mut cont = vec![0u8];
        cont.extend(b"2 0987");
        cont.extend([0, 0, 5, 0, 4, 0, 0, 0]);
        let label = |row: u8, index: u8| [row, 0, 1, 0, 0, 0, index, 0, 0, 0];
        s.record(0, BIFF_BOF, &[0; 16]);
        for k in 0..5 {
            s.record(10 + k, BIFF_FONT, &font(k == 4));
        }
        s.record(20, BIFF_XF, &[0; 20]);
        s.record(30, BIFF_BOUNDSHEET, &sheet);
        s.record(40, BIFF_SST, &sst);
        s.record(50, BIFF_CONTINUE, &cont);
        s.record(60, BIFF_EOF, &[]);
        s.record(500, BIFF_BOF, &[0; 16]);
        s.record(510, BIFF_LABELSST, &label(1, 0));
        s.record(520, BIFF_LABELSST, &label(2, 1));
        s.record(530, BIFF_EOF, &[]);
        let facts = s.done().unwrap();
        let found = &facts.sheets[0].struck_texts;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (3, 1));
        assert_eq!(
            (found[0].1.kept.as_str(), &found[0].1.struck[..]),
            (" 0987", &["0912".to_string()][..])
        );
    }

    /// A cell record naming a column past BIFF8's 256 (calamine would make a grid of
    /// gigabytes from it), or a MULRK ending before it begins, refuses the file.
    #[test]
    fn a_cell_past_the_grid_refuses_the_file() {
        let walk = |typ: u16, data: &[u8]| {
            let mut s = SheetRecords::default();
            let sheet = sheet_at(100, "S");
            s.record(0, BIFF_BOF, &[0; 16]);
            s.record(10, BIFF_BOUNDSHEET, &sheet);
            s.record(20, BIFF_EOF, &[]);
            s.record(100, BIFF_BOF, &[0; 16]);
            s.record(110, typ, data);
            s.record(120, BIFF_EOF, &[]);
            s.done()
        };
        let number = |col: u16| {
            let mut d = vec![0u8; 14];
            d[2..4].copy_from_slice(&col.to_le_bytes());
            d
        };
        assert!(walk(0x0203, &number(255)).is_ok());
        assert!(
            matches!(walk(0x0203, &number(40_000)), Err(GuardError::Corrupt(m)) if m.contains("40001"))
        );
        let mulrk = [0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 4, 0];
        assert!(matches!(
            walk(BIFF_MULRK, &mulrk),
            Err(GuardError::Corrupt(_))
        ));
    }

    /// A comment on a cell of an old .xls, as LibreOffice writes it: the box (OBJ, a note's
    /// type, id 1), its text (TXO: 35 characters; CONTINUE: UTF-16), then the NOTE on row 2
    /// with the box's id; the author's name (here a space) left out, sokhach's own not read.
    #[test]
    fn comments_are_read_from_their_boxes() {
        let mut s = SheetRecords::default();
        let sheet = sheet_at(100, "KH");
        s.record(0, BIFF_BOF, &[0; 16]);
        s.record(10, BIFF_BOUNDSHEET, &sheet);
        s.record(20, BIFF_EOF, &[]);
        s.record(100, BIFF_BOF, &[0; 16]);
        let obj = |id: u8| [0x15, 0, 0x12, 0, 0x19, 0, id, 0, 0, 0];
        let text = |t: &str| {
            let mut d = vec![1u8];
            d.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
            d
        };
        let txo = |n: u16| {
            let mut d = vec![0u8; 18];
            d[10..12].copy_from_slice(&n.to_le_bytes());
            d
        };
        let note = |row: u8, id: u8| [row, 0, 0, 0, 0, 0, id, 0, 1, 0, 0, 0x20, 0];
        let said = "Khách không muốn nhận quảng cáo nữa";
        s.record(110, BIFF_OBJ, &obj(1));
        s.record(120, BIFF_TXO, &txo(said.chars().count() as u16));
        s.record(130, BIFF_CONTINUE, &text(said));
        s.record(140, BIFF_CONTINUE, &[0; 16]);
        let own = "Giá trị gốc: 12 Lê Lợi";
        s.record(150, BIFF_OBJ, &obj(2));
        s.record(160, BIFF_TXO, &txo(own.chars().count() as u16));
        s.record(170, BIFF_CONTINUE, &text(own));
        s.record(180, BIFF_NOTE, &note(1, 1));
        s.record(190, BIFF_NOTE, &note(2, 2));
        s.record(200, BIFF_EOF, &[]);
        let facts = s.done().unwrap();
        assert_eq!(facts.sheets[0].comments, vec![(2, said.to_string())]);
    }
}
