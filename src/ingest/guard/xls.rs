//! xls: the workbook stream of an OLE container, its BIFF records checked before calamine
//! trusts them.

use std::fs::File;
use std::path::Path;

use super::error::GuardError;
use super::limits::Limits;
use super::ole::{u16_at, u32_at, Ole};
use super::xlsx::StruckRows;

/// What the check of an .xls saw besides its soundness: per worksheet, by name, the rows and
/// cells a clerk struck through (calamine reads no format of an .xls), as an xlsx's
/// ([`super::SheetScan`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XlsFacts {
    pub struck: Vec<XlsStruck>,
}

/// One worksheet's rows struck through (1-based, ascending) and cells struck on rows not
/// struck whole ((row, 0-based column), sorted).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct XlsStruck {
    pub sheet: String,
    pub rows: Vec<u32>,
    pub cells: Vec<(u32, u32)>,
}

/// Checks an .xls (OLE container) before calamine opens it: the workbook stream exists and
/// fits in the file, no FILEPASS (password), no DIMENSIONS beyond BIFF8's grid. On the way,
/// the rows and cells struck through ([`XlsFacts`]).
pub fn preflight_xls(path: &Path, limits: &Limits) -> Result<XlsFacts, GuardError> {
    let file = File::open(path)?;
    let mut ole = Ole::open(file).map_err(|e| GuardError::Corrupt(format!("OLE: {e}")))?;
    let Some(wb) = ole.workbook().cloned() else {
        return Err(GuardError::MissingPart("Workbook stream".into()));
    };
    if wb.size > ole.file_len || wb.size > limits.max_entry_uncompressed {
        return Err(GuardError::Corrupt(format!(
            "the workbook stream claims {} bytes in a file of {}",
            wb.size, ole.file_len
        )));
    }
    let stream = ole
        .read_stream(&wb, wb.size)
        .map_err(|e| GuardError::Corrupt(format!("OLE: {e}")))?;
    let mut pos = 0;
    let mut strikes = Strikes::default();
    while pos + 4 <= stream.len() {
        let typ = u16_at(&stream, pos);
        let len = usize::from(u16_at(&stream, pos + 2));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        match typ {
            BIFF_FILEPASS => return Err(GuardError::Encrypted("Workbook".into())),
            BIFF_DIMENSIONS => check_dimensions(data)?,
            _ => strikes.record(pos, typ, data),
        }
        pos += 4 + len;
    }
    Ok(strikes.done())
}

const BIFF_EOF: u16 = 0x000A;
const BIFF_FONT: u16 = 0x0031;
const BIFF_XF: u16 = 0x00E0;
const BIFF_BOUNDSHEET: u16 = 0x0085;
const BIFF_MULRK: u16 = 0x00BD;
/// Records of one filled cell: row, column and format first (LABELSST, LABEL, RSTRING, RK,
/// NUMBER, BOOLERR, FORMULA); BLANK and MULBLANK are empty cells.
const BIFF_CELLS: &[u16] = &[0x00FD, 0x0204, 0x00D6, 0x027E, 0x0203, 0x0205, 0x0006];

/// The rows struck through, found record by record: the fonts that strike (FONT's
/// `fStrikeOut`), the cell formats using them (XF), each worksheet's position (BOUNDSHEET),
/// then each cell's format in its sheet's substream.
#[derive(Default)]
struct Strikes {
    fonts: Vec<bool>,
    formats: Vec<bool>,
    sheets: Vec<(usize, String)>,
    /// Substreams open (a chart's inside a sheet's), and the worksheet being read.
    depth: u32,
    current: Option<(String, u32, StruckRows)>,
    found: Vec<XlsStruck>,
}

impl Strikes {
    fn record(&mut self, pos: usize, typ: u16, data: &[u8]) {
        match typ {
            BIFF_BOF => {
                self.depth += 1;
                if self.depth == 1 && self.formats.contains(&true) {
                    let name = self.sheets.iter().find(|(p, _)| *p == pos);
                    self.current = name.map(|(_, n)| (n.clone(), 0, StruckRows::default()));
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
                // Font index 4 is never written: the indexes after it are one further on.
                let font = usize::from(u16_at(data, 0));
                let font = if font >= 4 { font - 1 } else { font };
                self.formats.push(self.fonts.get(font) == Some(&true));
            }
            BIFF_BOUNDSHEET if data.len() >= 8 && data[5] == 0 => {
                if let Some(name) = sheet_name(&data[6..]) {
                    self.sheets.push((u32_at(data, 0) as usize, name));
                }
            }
            BIFF_MULRK if data.len() >= 6 && self.depth == 1 => {
                let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                for (k, entry) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                    self.cell(row, first.saturating_add(k as u16), u16_at(entry, 0));
                }
            }
            t if BIFF_CELLS.contains(&t) && data.len() >= 6 && self.depth == 1 => {
                self.cell(u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
            }
            _ => {}
        }
    }

    fn cell(&mut self, row: u16, column: u16, format: u16) {
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

    fn finish(&mut self) {
        if let Some((sheet, _, mut rows)) = self.current.take() {
            rows.end_row();
            rows.cells.sort_unstable();
            if !rows.rows.is_empty() || !rows.cells.is_empty() {
                self.found.push(XlsStruck {
                    sheet,
                    rows: rows.rows,
                    cells: rows.cells,
                });
            }
        }
    }

    fn done(mut self) -> XlsFacts {
        self.finish();
        XlsFacts { struck: self.found }
    }
}

/// A BIFF8 sheet name (ShortXLUnicodeString: a length, a flag, then Latin-1 or UTF-16LE).
fn sheet_name(d: &[u8]) -> Option<String> {
    let (len, wide) = (usize::from(*d.first()?), d.get(1)? & 1 == 1);
    let text = d.get(2..2 + if wide { len * 2 } else { len })?;
    Some(if wide {
        let units: Vec<u16> = text.chunks_exact(2).map(|c| u16_at(c, 0)).collect();
        String::from_utf16_lossy(&units)
    } else {
        text.iter().map(|&b| char::from(b)).collect()
    })
}

const BIFF_BOF: u16 = 0x0809;
const BIFF_FILEPASS: u16 = 0x002F;
const BIFF_DIMENSIONS: u16 = 0x0200;
const XLS_MAX_ROWS: u64 = 65_536;
const XLS_MAX_COLS: u64 = 256;

/// Mirrors calamine 0.38 `parse_dimensions` and the reserve that follows it.
fn check_dimensions(d: &[u8]) -> Result<(), GuardError> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)),
            u32::from(u16_at(d, 2)),
            u32::from(u16_at(d, 4)),
            u32::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u32_at(d, 0),
            u32_at(d, 4),
            u32::from(u16_at(d, 8)),
            u32::from(u16_at(d, 10)),
        ),
        // calamine refuses other lengths cleanly.
        _ => return Ok(()),
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    let rows = u64::from(rl) - u64::from(rf.min(rl));
    let cols = u64::from(cl - cf);
    if rf > rl - 1 || rows > XLS_MAX_ROWS || cols > XLS_MAX_COLS {
        return Err(GuardError::XlsDimensions {
            rows: if rf > rl - 1 { u64::from(rf) } else { rows },
            cols,
        });
    }
    Ok(())
}

/// True when a BIFF workbook stream starts with BOF then FILEPASS (RC4/XOR password).
pub(in crate::ingest) fn biff_has_filepass(stream: &[u8]) -> bool {
    if stream.len() < 6 || ![BIFF_BOF, 0x0409, 0x0209, 0x0009].contains(&u16_at(stream, 0)) {
        return false;
    }
    let next = 4 + usize::from(u16_at(stream, 2));
    next + 2 <= stream.len() && u16_at(stream, next) == BIFF_FILEPASS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::fixtures::check_xls;
    use crate::ingest::guard::testsupport::{biff, dims8, ole_file, xls_stream};

    #[test]
    fn xls_normal_passes_and_calamine_opens_it() {
        use calamine::Reader;
        for pad in [4096, 0] {
            let bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 10, 0, 5), pad));
            check_xls(&bytes).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("ok.xls");
            std::fs::write(&p, &bytes).unwrap();
            let wb: calamine::Xls<_> = calamine::open_workbook(&p).unwrap();
            assert_eq!(wb.sheet_names(), ["S1"], "pad {pad}");
        }
    }

    /// The rows struck through in an old .xls, from its records: the fifth font (index 5: 4
    /// is never written) strikes, the second format uses it; a row whose filled cells all
    /// strike (or all but one, by two) is struck, an old number struck alone is a cell; a
    /// chart's records inside the sheet, and a sheet of another name, count for nothing.
    #[test]
    fn rows_struck_through_are_read_from_the_records() {
        let mut s = Strikes::default();
        let font = |struck: bool| {
            let mut d = vec![0u8; 14];
            d[2..4].copy_from_slice(&(if struck { 0x0008u16 } else { 0 }).to_le_bytes());
            d
        };
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
        assert_eq!(
            s.done(),
            XlsFacts {
                struck: vec![XlsStruck {
                    sheet: "Sổ".into(),
                    rows: vec![2, 3],
                    cells: vec![(4, 2)],
                }]
            }
        );
    }

    #[test]
    fn xls_hostile_dimensions_are_refused() {
        // Each of these aborts calamine 0.38 at open (probe: 43 TB and 859 GB requested).
        for (dims, pad) in [
            (dims8(0, 0xFFFF_FFF0, 0, 0xFF), 4096),
            (dims8(0, 0xFFFF_FFF0, 0, 0xFF), 0),
            (dims8(100, 10, 0, 5), 4096),
            (dims8(0, 10, 0, 0xFFFF), 4096),
            (
                [1000u16, 0xFFFF, 0, 0xFFFF, 0]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect(),
                4096,
            ),
        ] {
            let r = check_xls(&ole_file(&["Workbook"], &xls_stream(&dims, pad)));
            assert!(matches!(r, Err(GuardError::XlsDimensions { .. })), "{r:?}");
        }
        // The largest real sheet passes.
        assert!(check_xls(&ole_file(
            &["Book"],
            &xls_stream(&dims8(0, 65_536, 0, 256), 4096)
        ))
        .is_ok());
    }

    #[test]
    fn xls_other_refusals() {
        let locked = biff(&[(0x0809, &[0u8; 16]), (0x002F, &[1, 0, 1, 0])], 4096);
        assert!(matches!(
            check_xls(&ole_file(&["Workbook"], &locked)),
            Err(GuardError::Encrypted(_))
        ));
        assert!(matches!(
            check_xls(&ole_file(&["WordDocument"], &[0u8; 4096])),
            Err(GuardError::MissingPart(_))
        ));
        // A stream claiming more than the file holds.
        let mut bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 1, 0, 1), 4096));
        let size_at = 512 + 512 + 128 + 120;
        bytes[size_at..size_at + 4].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        assert!(matches!(check_xls(&bytes), Err(GuardError::Corrupt(_))));
        // Truncated and garbage containers.
        let bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 1, 0, 1), 4096));
        assert!(matches!(
            check_xls(&bytes[..1500]),
            Err(GuardError::Corrupt(_))
        ));
        assert!(matches!(
            check_xls(b"\xD0\xCF\x11\xE0"),
            Err(GuardError::Corrupt(_))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn damaged_xls_never_panics(flips in proptest::collection::vec((0usize..6000, 0u8..=255), 1..8)) {
            let mut bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 10, 0, 5), 4096));
            for (at, v) in flips {
                let n = bytes.len();
                bytes[at % n] = v;
            }
            let _ = check_xls(&bytes);
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("m.xls");
            std::fs::write(&p, &bytes).unwrap();
            let _ = crate::ingest::sniff::sniff(&p);
        }
    }
}
