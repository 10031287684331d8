//! Look before calamine leaps: cheap checks on a ZIP-based workbook (xlsx, xlsm, xlsb, ods)
//! that refuse the files on which calamine 0.38 would abort the process (an allocation
//! failure is an abort, not a panic) or eat gigabytes.
//!
//! What calamine 0.38 does with hostile input (measured in the scratch crate, 8 GB ulimit):
//! - xlsx `sharedStrings.xml` with a huge `uniqueCount`: reserves that many strings at open
//!   and aborts (upstream issue #684). Checked here from the head of the part.
//! - xlsx stray cell at XFD1048576: `worksheet_range` aborts (549 GB); `worksheet_cells_reader`
//!   streams it in 3.6 MB. `<dimension ref="A1:XFD1048576"/>` alone is harmless for both.
//!   Nothing to check here: callers must read xlsx through the cells reader.
//! - ods loads every sheet when the workbook is opened, expanding repeats:
//!   rows repeated 10^9 on a one-cell row → capped at 1,048,576 rows (134 MB, 0.1 s);
//!   a content cell repeated 10^9 columns → capped at 16,384 (harmless alone);
//!   50 content cells × 10^9 rows → 52 M cells, 6.5 GB, 20 s;
//!   100 content cells × 10^9 rows → clean `CellLimitExceeded` (its cap is 100 M cells);
//!   10,000 rows each holding one cell repeated 16,384 columns → abort at open (the per-row
//!   cell buffer has no cap); 1 M empty rows between two content rows → expanded too (3.7 GB).
//!   So the repeat counts of content.xml are summed here the way calamine expands them.
//! - xls: a DIMENSIONS record is trusted for `cells.reserve(rows × cols)` while the workbook
//!   is opened: a 4 KB file declaring 4 billion rows, or a first row after the last, aborts
//!   (43 TB / 859 GB requested). [`preflight_xls`] checks every DIMENSIONS against BIFF8's
//!   65,536 × 256.
//! - zip 9.8.2 (calamine's) stops any entry at its declared uncompressed size ("File is larger
//!   than its declared uncompressed size"), so declared sizes bound what calamine inflates.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use zip::ZipArchive;

use super::io::read_up_to;

/// Thresholds for [`preflight_zip`]. The defaults let through any workbook an office makes
/// (a 1 M-row ledger is ~200 MB of sheet XML) and refuse what would exhaust an office PC.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_entries: usize,
    pub max_entry_uncompressed: u64,
    pub max_total_uncompressed: u64,
    /// Uncompressed:compressed ratio allowed for entries above `ratio_min_size`.
    pub max_ratio: u64,
    pub ratio_min_size: u64,
    pub max_shared_strings: u64,
    /// Longest text of one ODS cell, in bytes of XML.
    pub max_cell_bytes: u64,
    /// Memory an ODS workbook may need once calamine has expanded its repeats.
    pub max_ods_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_entry_uncompressed: 512 * MIB,
            max_total_uncompressed: 2 * 1024 * MIB,
            max_ratio: 200,
            ratio_min_size: MIB,
            max_shared_strings: 10_000_000,
            max_cell_bytes: MIB,
            max_ods_memory: 2 * 1024 * MIB,
        }
    }
}

const MIB: u64 = 1024 * 1024;
/// Bytes read from the head of `sharedStrings.xml`: Excel writes `<sst` within the first
/// hundred bytes; anything hiding it further is refused.
const SST_HEAD: u64 = 64 * 1024;
/// Smallest serialized shared string: `<si/>`.
const MIN_SI_BYTES: u64 = 5;
/// workbook.xml and .rels parts are read up to this size (sheets are listed at the top).
const MAX_META_PART: u64 = 16 * MIB;
const MAX_TAG: usize = MIB as usize;
/// calamine 0.38 ods caps (ods.rs MAX_ROWS, MAX_COLUMNS) and its measured cost per
/// expanded cell (value + formula + vector slack: 134 MB for 1 M cells).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;
const ODS_BYTES_PER_CELL: u64 = 128;

#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("the file is not a ZIP-based workbook (xlsx, xlsb or ods)")]
    NotZip,
    #[error("the workbook file is damaged ({0}); open it in Excel and save it again")]
    Corrupt(String),
    #[error("the ZIP archive holds no spreadsheet (it may be a Word or other document)")]
    NoWorkbook,
    #[error("the file is password protected (entry {0}); save an unprotected copy")]
    Encrypted(String),
    #[error("the archive holds {count} entries (limit {max}); this is not a normal workbook")]
    TooManyEntries { count: usize, max: usize },
    #[error("part {entry} would unpack to {size} bytes (limit {max}); split the workbook")]
    EntryTooLarge { entry: String, size: u64, max: u64 },
    #[error("the workbook would unpack to {size} bytes in total (limit {max}); split it")]
    TotalTooLarge { size: u64, max: u64 },
    #[error("part {entry} is compressed {ratio}:1 (limit {max}:1), typical of a ZIP bomb")]
    SuspiciousRatio { entry: String, ratio: u64, max: u64 },
    #[error(
        "the shared-string table declares {declared} strings but can hold at most {possible}; \
         the file is damaged or crafted: open it in Excel and save it again"
    )]
    SharedStringsCount { declared: u64, possible: u64 },
    #[error("a cell of sheet '{sheet}' holds {bytes} bytes of text (limit {max})")]
    CellTooLarge { sheet: String, bytes: u64, max: u64 },
    #[error(
        "sheet '{sheet}' repeats rows or columns so much that reading it needs about \
         {estimated} bytes of memory (limit {max}); delete the repeated rows/columns at its \
         end or save it as xlsx"
    )]
    OdsRepeat {
        sheet: String,
        estimated: u64,
        max: u64,
    },
    #[error(
        "sheet '{sheet}' repeats one row with data {repeats} times; a real ledger never does: \
         delete the repeated rows or save it as xlsx"
    )]
    OdsRowRepeat { sheet: String, repeats: u64 },
    #[error("the workbook is incomplete: part {0} is missing; open it in Excel and save it again")]
    MissingPart(String),
    #[error(
        "a sheet declares {rows} rows × {cols} columns, more than an .xls can hold; the file \
         is damaged or crafted: open it in Excel and save it as .xlsx"
    )]
    XlsDimensions { rows: u64, cols: u64 },
}

impl GuardError {
    /// The file is damaged or is not a workbook at all (as opposed to refused as hostile or
    /// too large, or protected by a password).
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self,
            GuardError::NotZip
                | GuardError::Corrupt(_)
                | GuardError::NoWorkbook
                | GuardError::MissingPart(_)
        )
    }

    pub fn is_encrypted(&self) -> bool {
        matches!(self, GuardError::Encrypted(_))
    }
}

/// What preflight learned, for the caller's log and sheet selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZipFacts {
    pub entries: usize,
    pub uncompressed_total: u64,
    /// Sheet part paths in workbook order (xlsx/xlsb); empty for ods, whose tables all live
    /// in content.xml.
    pub sheets: Vec<String>,
    /// Sheet names as the user sees them (xlsx and ods; xlsb keeps them in binary records).
    pub sheet_names: Vec<String>,
}

/// Checks a ZIP-based workbook without inflating its sheets (ODS content.xml excepted: it is
/// streamed once). Run it before any calamine call on the file.
pub fn preflight_zip(path: &Path, limits: &Limits) -> Result<ZipFacts, GuardError> {
    let mut file = File::open(path)?;
    let mut magic = [0u8; 4];
    let n = read_up_to(&mut file, &mut magic)?;
    if n < 4 || (&magic != b"PK\x03\x04" && &magic != b"PK\x05\x06") {
        return Err(GuardError::NotZip);
    }
    file.rewind()?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(zip_err)?;

    let entries = zip.len();
    if entries > limits.max_entries {
        return Err(GuardError::TooManyEntries {
            count: entries,
            max: limits.max_entries,
        });
    }
    // calamine looks parts up case-insensitively with `\` as `/`; so do we.
    let mut index: HashMap<String, usize> = HashMap::with_capacity(entries);
    let mut total: u64 = 0;
    for i in 0..entries {
        let e = zip.by_index_data(i).map_err(zip_err)?;
        let name = String::from_utf8_lossy(e.name_raw()).into_owned();
        if e.encrypted() {
            return Err(GuardError::Encrypted(name));
        }
        let size = e.size();
        if size > limits.max_entry_uncompressed {
            return Err(GuardError::EntryTooLarge {
                entry: name,
                size,
                max: limits.max_entry_uncompressed,
            });
        }
        if size > limits.ratio_min_size {
            let ratio = size / e.compressed_size().max(1);
            if ratio > limits.max_ratio {
                return Err(GuardError::SuspiciousRatio {
                    entry: name,
                    ratio,
                    max: limits.max_ratio,
                });
            }
        }
        total = total.saturating_add(size);
        index.insert(name.replace('\\', "/").to_ascii_lowercase(), i);
    }
    if total > limits.max_total_uncompressed {
        return Err(GuardError::TotalTooLarge {
            size: total,
            max: limits.max_total_uncompressed,
        });
    }
    let mut facts = ZipFacts {
        entries,
        uncompressed_total: total,
        ..ZipFacts::default()
    };
    let mut pkg = Package {
        zip: &mut zip,
        index: &index,
    };

    if pkg.find("xl/workbook.xml").is_none() {
        if let Some(i) = pkg.find("mimetype") {
            let mime = pkg.read(i, 128)?;
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
            let reader = pkg.open(content, limits.max_entry_uncompressed)?;
            facts.sheet_names = scan_ods(reader, limits)?;
            return Ok(facts);
        }
    }
    // Word and PowerPoint packages keep their parts under word/ and ppt/.
    if !index.keys().any(|k| k.starts_with("xl/")) {
        return Err(GuardError::NoWorkbook);
    }

    let doc = office_document(&mut pkg)?;
    let (dir, file_name) = match doc.rfind('/') {
        Some(i) => doc.split_at(i + 1),
        None => ("", doc.as_str()),
    };
    let binary = file_name.to_ascii_lowercase().ends_with(".bin");
    if pkg.find(&doc).is_none() {
        return Err(GuardError::MissingPart(doc.clone()));
    }
    let rels_path = format!("{dir}_rels/{file_name}.rels");
    let rels_i = pkg
        .find(&rels_path)
        .ok_or_else(|| GuardError::MissingPart(rels_path.clone()))?;
    let rels = parse_rels(&pkg.read(rels_i, MAX_META_PART)?)?;

    let resolve = |target: &str| match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    if binary {
        // Sheet names sit in binary records; the worksheet relationships give the parts.
        for (_, (target, typ)) in &rels {
            if typ.ends_with("/worksheet") {
                facts.sheets.push(resolve(target));
            }
        }
    } else {
        let wb_i = pkg
            .find(&doc)
            .ok_or_else(|| GuardError::MissingPart(doc.clone()))?;
        let wb = pkg.read(wb_i, MAX_META_PART)?;
        for (name, rel_id) in parse_sheets(&wb)? {
            let (target, _) = rels
                .iter()
                .find(|(id, _)| *id == rel_id)
                .map(|(_, t)| t)
                .ok_or_else(|| {
                    GuardError::MissingPart(format!("{rels_path} (relationship {rel_id})"))
                })?;
            facts.sheets.push(resolve(target));
            facts.sheet_names.push(name);
        }
        check_shared_strings(&mut pkg, &format!("{dir}sharedStrings.xml"), limits)?;
    }
    for part in &facts.sheets {
        if pkg.find(part).is_none() {
            return Err(GuardError::MissingPart(part.clone()));
        }
    }
    Ok(facts)
}

/// Checks an .xls (OLE container) before calamine opens it: the workbook stream exists and
/// fits in the file, no FILEPASS (password), no DIMENSIONS beyond BIFF8's grid.
pub fn preflight_xls(path: &Path, limits: &Limits) -> Result<(), GuardError> {
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
    while pos + 4 <= stream.len() {
        let typ = u16_at(&stream, pos);
        let len = usize::from(u16_at(&stream, pos + 2));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        match typ {
            BIFF_FILEPASS => return Err(GuardError::Encrypted("Workbook".into())),
            BIFF_DIMENSIONS => check_dimensions(data)?,
            _ => {}
        }
        pos += 4 + len;
    }
    Ok(())
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
pub(super) fn biff_has_filepass(stream: &[u8]) -> bool {
    if stream.len() < 6 || ![BIFF_BOF, 0x0409, 0x0209, 0x0009].contains(&u16_at(stream, 0)) {
        return false;
    }
    let next = 4 + usize::from(u16_at(stream, 2));
    next + 2 <= stream.len() && u16_at(stream, next) == BIFF_FILEPASS
}

/// A named storage or stream of an OLE (Compound File Binary) container.
#[derive(Debug, Clone)]
pub(super) struct OleEntry {
    pub(super) name: String,
    start: u32,
    size: u64,
}

/// Just enough of [MS-CFB] to list streams and read one: the whole FAT is loaded (1/128 of
/// the file), chains are followed with a step limit so crafted loops end.
pub(super) struct Ole {
    file: File,
    file_len: u64,
    shift: u32,
    fat: Vec<u32>,
    mini_fat_start: u32,
    mini_cutoff: u64,
    pub(super) entries: Vec<OleEntry>,
}

const OLE_END: u32 = 0xFFFF_FFFA;

impl Ole {
    pub(super) fn open(mut file: File) -> io::Result<Ole> {
        let file_len = file.metadata()?.len();
        let mut header = [0u8; 512];
        file.rewind()?;
        if read_up_to(&mut file, &mut header)? < 512 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let shift = u32::from(u16_at(&header, 30));
        if shift != 9 && shift != 12 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "bad sector size",
            ));
        }
        let sector_size = 1usize << shift;
        let max_sectors = (file_len >> shift) as usize + 1;
        let mut ole = Ole {
            file,
            file_len,
            shift,
            fat: Vec::new(),
            mini_fat_start: u32_at(&header, 60),
            mini_cutoff: u64::from(u32_at(&header, 56)),
            entries: Vec::new(),
        };
        // DIFAT: 109 FAT sector numbers in the header, then a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(&header, 76 + 4 * i)).collect();
        let mut difat = u32_at(&header, 68);
        let mut sector = vec![0u8; sector_size];
        let mut steps = 0;
        while difat < OLE_END && steps < max_sectors {
            ole.read_sector(difat, &mut sector)?;
            let per = sector_size / 4 - 1;
            fat_sectors.extend((0..per).map(|i| u32_at(&sector, 4 * i)));
            difat = u32_at(&sector, sector_size - 4);
            steps += 1;
        }
        for &fs in fat_sectors
            .iter()
            .filter(|&&s| s < OLE_END)
            .take(max_sectors)
        {
            ole.read_sector(fs, &mut sector)?;
            ole.fat.extend(sector.chunks_exact(4).map(|c| u32_at(c, 0)));
        }
        let dir = ole.read_chain(u32_at(&header, 48), u64::MAX)?;
        ole.entries = dir.chunks_exact(128).filter_map(parse_ole_entry).collect();
        Ok(ole)
    }

    pub(super) fn workbook(&self) -> Option<&OleEntry> {
        // calamine looks both names up ignoring case.
        let find = |n: &str| self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(n));
        find("Workbook").or_else(|| find("Book"))
    }

    fn read_sector(&mut self, s: u32, buf: &mut [u8]) -> io::Result<()> {
        self.file
            .seek(SeekFrom::Start((u64::from(s) + 1) << self.shift))?;
        if read_up_to(&mut self.file, buf)? < buf.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a sector lies beyond the end of the file",
            ));
        }
        Ok(())
    }

    /// The sectors of a regular chain, at most `limit` bytes.
    fn read_chain(&mut self, start: u32, limit: u64) -> io::Result<Vec<u8>> {
        let sector_size = 1usize << self.shift;
        let limit = limit.min(self.file_len);
        let mut out = Vec::new();
        let mut sector = vec![0u8; sector_size];
        let mut s = start;
        let mut steps = 0;
        while s < OLE_END && (out.len() as u64) < limit {
            if steps > self.fat.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a sector chain loops",
                ));
            }
            self.read_sector(s, &mut sector)?;
            out.extend_from_slice(&sector);
            s = self.fat.get(s as usize).copied().unwrap_or(OLE_END);
            steps += 1;
        }
        out.truncate(limit as usize);
        Ok(out)
    }

    /// At most `limit` bytes of a stream, from the mini stream when it is small.
    pub(super) fn read_stream(&mut self, e: &OleEntry, limit: u64) -> io::Result<Vec<u8>> {
        let want = e.size.min(limit);
        if e.size >= self.mini_cutoff {
            return self.read_chain(e.start, want);
        }
        let root = self
            .entries
            .first()
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no root entry"))?;
        let mini_stream = self.read_chain(root.start, root.size)?;
        let mini_fat: Vec<u32> = self
            .read_chain(self.mini_fat_start, u64::MAX)?
            .chunks_exact(4)
            .map(|c| u32_at(c, 0))
            .collect();
        let mut out = Vec::new();
        let mut s = e.start;
        let mut steps = 0;
        while s < OLE_END && (out.len() as u64) < want {
            let at = (s as usize).saturating_mul(64);
            let piece = mini_stream.get(at..at.saturating_add(64)).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a mini sector lies outside the mini stream",
                )
            })?;
            if steps > mini_fat.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a sector chain loops",
                ));
            }
            out.extend_from_slice(piece);
            s = mini_fat.get(s as usize).copied().unwrap_or(OLE_END);
            steps += 1;
        }
        out.truncate(want as usize);
        Ok(out)
    }
}

/// A 128-byte directory entry, if it looks like one (a named storage or stream).
pub(super) fn parse_ole_entry(e: &[u8]) -> Option<OleEntry> {
    let name_len = usize::from(u16_at(e, 64));
    let kind = e[66];
    if !(2..=64).contains(&name_len) || name_len % 2 != 0 || !(1..=5).contains(&kind) {
        return None;
    }
    if u16_at(e, name_len - 2) != 0 {
        return None;
    }
    let units: Vec<u16> = e[..name_len - 2]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some(OleEntry {
        name: String::from_utf16(&units).ok()?,
        start: u32_at(e, 116),
        // Version 3 files keep only the low 32 bits meaningful.
        size: u64::from(u32_at(e, 120)),
    })
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

struct Package<'a> {
    zip: &'a mut ZipArchive<BufReader<File>>,
    index: &'a HashMap<String, usize>,
}

impl Package<'_> {
    fn find(&self, name: &str) -> Option<usize> {
        self.index
            .get(&name.replace('\\', "/").to_ascii_lowercase())
            .copied()
    }

    /// At most `limit` bytes of an entry; whatever its header claims.
    fn read(&mut self, i: usize, limit: u64) -> Result<Vec<u8>, GuardError> {
        let f = self.zip.by_index(i).map_err(zip_err)?;
        let cap = f.size().min(limit).min(MAX_META_PART) as usize;
        let mut out = Vec::new();
        out.try_reserve(cap)
            .map_err(|e| GuardError::Corrupt(e.to_string()))?;
        f.take(limit)
            .read_to_end(&mut out)
            .map_err(|e| GuardError::Corrupt(e.to_string()))?;
        Ok(out)
    }

    fn open(&mut self, i: usize, limit: u64) -> Result<impl Read + '_, GuardError> {
        let f = self.zip.by_index(i).map_err(zip_err)?;
        Ok(f.take(limit.saturating_add(1)))
    }
}

fn zip_err(e: zip::result::ZipError) -> GuardError {
    match e {
        zip::result::ZipError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
            GuardError::Io(e)
        }
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            GuardError::Encrypted(m.to_string())
        }
        e => GuardError::Corrupt(e.to_string()),
    }
}

/// The main part named by `_rels/.rels` (calamine's rule), `xl/workbook.xml` by default,
/// `xl/workbook.bin` when only that exists.
fn office_document(pkg: &mut Package<'_>) -> Result<String, GuardError> {
    if let Some(i) = pkg.find("_rels/.rels") {
        let rels = parse_rels(&pkg.read(i, MAX_META_PART)?)?;
        if let Some((_, (target, _))) = rels
            .iter()
            .find(|(_, (_, typ))| typ.ends_with("/relationships/officeDocument"))
        {
            return Ok(target.strip_prefix('/').unwrap_or(target).to_string());
        }
    }
    if pkg.find("xl/workbook.xml").is_none() && pkg.find("xl/workbook.bin").is_some() {
        return Ok("xl/workbook.bin".into());
    }
    Ok("xl/workbook.xml".into())
}

type Rels = Vec<(String, (String, String))>;

fn parse_rels(xml: &[u8]) -> Result<Rels, GuardError> {
    let mut out = Vec::new();
    let mut tags = TagScanner::new(xml);
    while tags.next_tag().map_err(xml_err)? {
        let tag = &tags.tag[..];
        if local_name(tag_name(tag)) == b"Relationship" {
            if let Some(id) = attr(tag, |n| n == b"Id") {
                let target = attr(tag, |n| n == b"Target")
                    .map(unescape)
                    .unwrap_or_default();
                let typ = attr(tag, |n| n == b"Type")
                    .map(unescape)
                    .unwrap_or_default();
                out.push((unescape(id), (target, typ)));
            }
        }
    }
    Ok(out)
}

/// `(sheet name, relationship id)` of each `<sheet>` in workbook.xml.
fn parse_sheets(xml: &[u8]) -> Result<Vec<(String, String)>, GuardError> {
    let mut out = Vec::new();
    let mut tags = TagScanner::new(xml);
    while tags.next_tag().map_err(xml_err)? {
        let tag = &tags.tag[..];
        if local_name(tag_name(tag)) == b"sheet" {
            let name = attr(tag, |n| n == b"name")
                .map(unescape)
                .unwrap_or_default();
            let id = attr(tag, |n| local_name(n) == b"id")
                .map(unescape)
                .unwrap_or_default();
            out.push((name, id));
        }
    }
    Ok(out)
}

fn xml_err(e: io::Error) -> GuardError {
    GuardError::Corrupt(format!("XML: {e}"))
}

fn check_shared_strings(
    pkg: &mut Package<'_>,
    path: &str,
    limits: &Limits,
) -> Result<(), GuardError> {
    let Some(i) = pkg.find(path) else {
        return Ok(());
    };
    let size = pkg.zip.by_index_data(i).map_err(zip_err)?.size();
    let head = pkg.read(i, SST_HEAD)?;
    let mut tags = TagScanner::new(&head[..]);
    loop {
        let tag = match tags.next_tag() {
            Ok(true) => &tags.tag[..],
            // Ran off the head: the table start must come first.
            Ok(false) | Err(_) => {
                return Err(GuardError::Corrupt(format!(
                    "{path} does not start with a string table"
                )))
            }
        };
        match local_name(tag_name(tag)) {
            b"sst" => {
                let declared = attr(tag, |n| n == b"uniqueCount").and_then(parse_count);
                if let Some(declared) = declared {
                    let possible = (size / MIN_SI_BYTES).min(limits.max_shared_strings);
                    if declared > possible {
                        return Err(GuardError::SharedStringsCount { declared, possible });
                    }
                }
                return Ok(());
            }
            n if n.starts_with(b"?") || n.starts_with(b"!") => {}
            _ => {
                return Err(GuardError::Corrupt(format!(
                    "{path} does not start with a string table"
                )))
            }
        }
    }
}

/// A digit string; overflow counts as "too many" rather than "absent".
fn parse_count(v: &[u8]) -> Option<u64> {
    let v = v.trim_ascii();
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

/// Streams every worksheet part of an xlsx once, refusing XML that calamine would read
/// leniently and wrongly: a stray `<` inside a tag (calamine then loses the cell's type and shows
/// a shared-string index as the value) or a part cut short before `</sheetData>`.
pub fn scan_xlsx_sheets(path: &Path, parts: &[String], limits: &Limits) -> Result<(), GuardError> {
    let file = File::open(path)?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(zip_err)?;
    for part in parts {
        let Some(i) = (0..zip.len()).find(|&i| {
            zip.by_index_raw(i).is_ok_and(|e| {
                String::from_utf8_lossy(e.name_raw())
                    .replace('\\', "/")
                    .eq_ignore_ascii_case(part)
            })
        }) else {
            return Err(GuardError::MissingPart(part.clone()));
        };
        let entry = zip.by_index(i).map_err(zip_err)?;
        let mut tags = TagScanner::new(entry.take(limits.max_entry_uncompressed.saturating_add(1)));
        let (mut opened, mut closed) = (false, false);
        loop {
            match tags.next_tag() {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(GuardError::Corrupt(format!("{part}: {e}"))),
            }
            let tag = &tags.tag[..];
            if stray_lt(tag) {
                return Err(GuardError::Corrupt(format!("{part}: a malformed XML tag")));
            }
            match tag_name(tag) {
                b"sheetData" => opened = tag.last() != Some(&b'/'),
                b"/sheetData" => closed = true,
                _ => {}
            }
        }
        if opened && !closed {
            return Err(GuardError::Corrupt(format!("{part} is cut short")));
        }
    }
    Ok(())
}

/// A `<` inside a tag, outside quoted attribute values.
fn stray_lt(tag: &[u8]) -> bool {
    let mut quote = 0u8;
    for &b in tag {
        match (quote, b) {
            (0, b'"' | b'\'') => quote = b,
            (0, b'<') => return true,
            (q, c) if q != 0 && c == q => quote = 0,
            _ => {}
        }
    }
    false
}

/// Walks content.xml once, estimating per table what calamine's ods reader will allocate.
/// Returns the table names.
fn scan_ods(reader: impl Read, limits: &Limits) -> Result<Vec<String>, GuardError> {
    let mut names = Vec::new();
    let mut tags = TagScanner::new(reader);
    let mut table = OdsTable::default();
    let mut in_table = false;
    let mut cell_text_start: Option<u64> = None;
    // calamine 0.38's ods reader loops forever when the file ends inside a table or an
    // annotation (a cut download): such a file must be refused here.
    let mut annotations: i64 = 0;
    loop {
        let tag = match tags.next_tag() {
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
                    names.push(std::mem::take(&mut table.name));
                }
            }
            b"/table:table" => {
                if in_table {
                    table.check(limits)?;
                    names.push(std::mem::take(&mut table.name));
                }
                in_table = false;
            }
            b"table:table-row" if in_table => {
                let reps = attr(tag, |n| n == b"table:number-rows-repeated")
                    .and_then(parse_count)
                    .unwrap_or(1);
                table.start_row(reps);
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
                table.cell(reps, valued);
                cell_text_start = (!self_closing).then_some(tags.text_bytes);
            }
            b"/table:table-cell" | b"/table:covered-table-cell" if in_table => {
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
            b"office:annotation" if !self_closing => annotations += 1,
            b"/office:annotation" => annotations -= 1,
            _ => {}
        }
    }
    if in_table || annotations > 0 {
        return Err(GuardError::Corrupt(
            "content.xml ends inside a sheet (the file is cut short)".into(),
        ));
    }
    Ok(names)
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
}

impl OdsTable {
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

/// A streaming scanner of XML tags with a fixed buffer: yields the bytes between `<` and `>`
/// of each element tag (comments, CDATA and the doctype are skipped), and counts the text
/// bytes between tags. Enough to read attributes; not an XML parser.
struct TagScanner<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    tag: Vec<u8>,
    /// Text bytes seen so far (outside tags, CDATA included).
    text_bytes: u64,
    /// Input bytes consumed so far.
    consumed: u64,
}

impl<R: Read> TagScanner<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            end: 0,
            tag: Vec::new(),
            text_bytes: 0,
            consumed: 0,
        }
    }

    /// False at end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.end {
            return Ok(true);
        }
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(n) => {
                    self.pos = 0;
                    self.end = n;
                    self.consumed += n as u64;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Advances to the next element tag, left in `self.tag`; false at end of input.
    fn next_tag(&mut self) -> io::Result<bool> {
        loop {
            // Text up to the next '<'.
            loop {
                if !self.fill()? {
                    return Ok(false);
                }
                let chunk = &self.buf[self.pos..self.end];
                match memchr::memchr(b'<', chunk) {
                    Some(k) => {
                        self.text_bytes += k as u64;
                        self.pos += k + 1;
                        break;
                    }
                    None => {
                        self.text_bytes += chunk.len() as u64;
                        self.pos = self.end;
                    }
                }
            }
            self.tag.clear();
            let mut quote = 0u8;
            let mut mode = TagMode::Element;
            loop {
                if !self.fill()? {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the XML ends inside a tag",
                    ));
                }
                // Past the prefixes that switch mode, copy plain runs in one go.
                if mode == TagMode::Element && self.tag.len() >= 8 {
                    let chunk = &self.buf[self.pos..self.end];
                    let run = if quote == 0 {
                        memchr::memchr3(b'>', b'"', b'\'', chunk)
                    } else {
                        memchr::memchr(quote, chunk)
                    }
                    .unwrap_or(chunk.len());
                    if self.tag.len() + run > MAX_TAG {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "an XML tag longer than 1 MiB",
                        ));
                    }
                    self.tag.extend_from_slice(&chunk[..run]);
                    self.pos += run;
                    if self.pos == self.end {
                        continue;
                    }
                }
                let b = self.buf[self.pos];
                self.pos += 1;
                match mode {
                    TagMode::Element => {
                        if quote != 0 {
                            if b == quote {
                                quote = 0;
                            }
                        } else if b == b'"' || b == b'\'' {
                            quote = b;
                        } else if b == b'>' {
                            break;
                        }
                        if self.tag.len() >= MAX_TAG {
                            return Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                "an XML tag longer than 1 MiB",
                            ));
                        }
                        self.tag.push(b);
                        if self.tag == b"!--" {
                            mode = TagMode::Comment(0);
                        } else if self.tag == b"![CDATA[" {
                            mode = TagMode::Cdata(0);
                        }
                    }
                    // The state counts how many of the closing `--` / `]]` were just seen.
                    TagMode::Comment(n) => match b {
                        b'-' => mode = TagMode::Comment((n + 1).min(2)),
                        b'>' if n == 2 => break,
                        _ => mode = TagMode::Comment(0),
                    },
                    TagMode::Cdata(n) => {
                        self.text_bytes += 1;
                        match b {
                            b']' => mode = TagMode::Cdata((n + 1).min(2)),
                            b'>' if n == 2 => break,
                            _ => mode = TagMode::Cdata(0),
                        }
                    }
                }
            }
            if mode == TagMode::Element && !self.tag.starts_with(b"!") {
                return Ok(true);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagMode {
    Element,
    Comment(u8),
    Cdata(u8),
}

/// The element name of a tag's bytes, with a leading `/` kept for end tags.
fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    name.strip_suffix(b"/").unwrap_or(name)
}

fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The raw value of the first attribute whose name satisfies `want`.
fn attr(tag: &[u8], want: impl Fn(&[u8]) -> bool) -> Option<&[u8]> {
    let mut i = tag_name(tag).len();
    let n = tag.len();
    loop {
        while i < n && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return None;
        }
        let name_start = i;
        while i < n && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n || tag[i] != b'=' {
            continue;
        }
        i += 1;
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n {
            return None;
        }
        let q = tag[i];
        if q != b'"' && q != b'\'' {
            continue;
        }
        let start = i + 1;
        let len = tag[start..].iter().position(|&b| b == q)?;
        i = start + len + 1;
        if want(name) {
            return Some(&tag[start..start + len]);
        }
    }
}

/// Decodes the XML entities of an attribute value.
fn unescape(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    if !s.contains('&') {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;
    use zip::write::SimpleFileOptions;

    pub(crate) const CONTENT_TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Khách &amp; hàng" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WB_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    const SHEET: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>"#;
    const SST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Tên khách hàng</t></si></sst>"#;

    pub(crate) fn write_zip(path: &Path, parts: &[(&str, &[u8])]) {
        let mut z = zip::ZipWriter::new(File::create(path).unwrap());
        for (name, body) in parts {
            let o = if *name == "mimetype" {
                SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
            } else {
                SimpleFileOptions::default()
            };
            z.start_file(*name, o).unwrap();
            z.write_all(body).unwrap();
        }
        z.finish().unwrap();
    }

    fn xlsx_parts(sst: &str) -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", ROOT_RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
            ("xl/worksheets/sheet1.xml", SHEET.into()),
            ("xl/sharedStrings.xml", sst.as_bytes().to_vec()),
        ]
    }

    fn write_parts(dir: &tempfile::TempDir, name: &str, parts: &[(&str, Vec<u8>)]) -> PathBuf {
        let p = dir.path().join(name);
        let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (*n, &b[..])).collect();
        write_zip(&p, &refs);
        p
    }

    fn ods_parts(table_body: &str) -> Vec<(&'static str, Vec<u8>)> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><!-- a > comment "' --><table:table table:name="Sổ 1">{table_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        vec![
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("content.xml", content.into_bytes()),
            ("META-INF/manifest.xml", MANIFEST.as_bytes().to_vec()),
        ]
    }

    const MANIFEST: &str = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    const CELL: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    fn check(parts: &[(&str, Vec<u8>)]) -> Result<ZipFacts, GuardError> {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "t.xlsx", parts);
        preflight_zip(&p, &Limits::default())
    }

    #[test]
    fn normal_xlsx_passes_and_calamine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert_eq!(facts.entries, 6);
        assert_eq!(facts.sheets, vec!["xl/worksheets/sheet1.xml".to_string()]);
        assert_eq!(facts.sheet_names, vec!["Khách & hàng".to_string()]);
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&p).unwrap();
        let r = wb.worksheet_range("Khách & hàng").unwrap();
        assert_eq!(r.get_value((0, 0)).unwrap().to_string(), "Tên khách hàng");
    }

    /// The finding callers rely on: the streaming reader survives a stray cell at
    /// XFD1048576 and a full-sheet `<dimension>` (`worksheet_range` would abort on the first).
    #[test]
    fn calamine_cells_reader_streams_far_cells() {
        let far = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData></worksheet>"#;
        let mut parts = xlsx_parts(SST);
        parts[4].1 = far.as_bytes().to_vec();
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "far.xlsx", &parts);
        preflight_zip(&p, &Limits::default()).unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&p).unwrap();
        let mut cells = wb.worksheet_cells_reader("Khách & hàng").unwrap();
        let mut seen = Vec::new();
        while let Some(c) = cells.next_cell().unwrap() {
            seen.push(c.get_position());
        }
        assert_eq!(seen, [(0, 0), (1_048_575, 16_383)]);
    }

    /// A minimal Compound File holding `names` (each pointing at the same data). Sector 0
    /// is the FAT, 1 the directory, then the data; a stream under 4096 bytes goes to the mini
    /// stream, with its mini FAT in the last sector.
    pub(crate) fn ole_file(names: &[&str], data: &[u8]) -> Vec<u8> {
        let mini = data.len() < 4096;
        let sectors = data.len().div_ceil(512).max(1);
        let mut f = vec![0u8; 512];
        f[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        f[44..48].copy_from_slice(&1u32.to_le_bytes());
        f[48..52].copy_from_slice(&1u32.to_le_bytes());
        f[56..60].copy_from_slice(&4096u32.to_le_bytes());
        let mini_fat_sector = (2 + sectors) as u32;
        let mini_fat_start = if mini { mini_fat_sector } else { 0xFFFF_FFFE };
        f[60..64].copy_from_slice(&mini_fat_start.to_le_bytes());
        f[64..68].copy_from_slice(&u32::from(mini).to_le_bytes());
        f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            f[76 + 4 * i..80 + 4 * i].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        f[76..80].copy_from_slice(&0u32.to_le_bytes());
        let mut fat = vec![0xFFu8; 512];
        let mut set = |i: usize, v: u32| fat[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        set(0, 0xFFFF_FFFD);
        set(1, 0xFFFF_FFFE);
        for s in 0..sectors {
            set(
                2 + s,
                if s + 1 == sectors {
                    0xFFFF_FFFE
                } else {
                    (s + 3) as u32
                },
            );
        }
        if mini {
            set(2 + sectors, 0xFFFF_FFFE);
        }
        f.extend(fat);
        let mut dir = vec![0u8; 512];
        let all: Vec<&str> = std::iter::once("Root Entry")
            .chain(names.iter().copied())
            .collect();
        for (i, name) in all.iter().take(4).enumerate() {
            let e = &mut dir[128 * i..128 * (i + 1)];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (k, u) in units.iter().enumerate() {
                e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            e[66] = if i == 0 { 5 } else { 2 };
            for o in [68, 72, 76] {
                e[o..o + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
            }
            let (start, size): (u32, u32) = match (i, mini) {
                (0, true) => (2, sectors as u32 * 512),
                (0, false) => (0xFFFF_FFFE, 0),
                (_, true) => (0, data.len() as u32),
                (_, false) => (2, data.len() as u32),
            };
            if i == 0 && all.len() > 1 {
                e[76..80].copy_from_slice(&1u32.to_le_bytes());
            }
            if i > 0 && i + 1 < all.len().min(4) {
                e[72..76].copy_from_slice(&(i as u32 + 1).to_le_bytes());
            }
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        }
        f.extend(dir);
        let mut d = data.to_vec();
        d.resize(sectors * 512, 0);
        f.extend(d);
        if mini {
            let mut mf = vec![0xFFu8; 512];
            let n = data.len().div_ceil(64);
            for s in 0..n {
                let next: u32 = if s + 1 == n {
                    0xFFFF_FFFE
                } else {
                    s as u32 + 1
                };
                mf[4 * s..4 * s + 4].copy_from_slice(&next.to_le_bytes());
            }
            f.extend(mf);
        }
        f
    }

    pub(crate) fn biff(records: &[(u16, &[u8])], pad_to: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for (t, body) in records {
            out.extend(t.to_le_bytes());
            out.extend((body.len() as u16).to_le_bytes());
            out.extend(*body);
        }
        if out.len() < pad_to {
            out.resize(pad_to, 0);
        }
        out
    }

    /// A workbook stream: globals with one BOUNDSHEET, then a sheet with `dims`.
    fn xls_stream(dims: &[u8], pad_to: usize) -> Vec<u8> {
        let bof = |dt: u16| {
            let mut b = vec![0u8; 16];
            b[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
            b[2..4].copy_from_slice(&dt.to_le_bytes());
            b
        };
        let (g, sh) = (bof(0x0005), bof(0x0010));
        // BOF(20) + BOUNDSHEET(4+10) + EOF(4): the sheet BOF is at 38.
        let mut bs = 38u32.to_le_bytes().to_vec();
        bs.extend([0, 0, 2, 0]);
        bs.extend(b"S1");
        biff(
            &[
                (0x0809, &g),
                (0x0085, &bs),
                (0x000A, &[]),
                (0x0809, &sh),
                (0x0200, dims),
                (0x000A, &[]),
            ],
            pad_to,
        )
    }

    fn dims8(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend(rf.to_le_bytes());
        d.extend(rl.to_le_bytes());
        d.extend(cf.to_le_bytes());
        d.extend(cl.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d
    }

    fn check_xls(bytes: &[u8]) -> Result<(), GuardError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.xls");
        std::fs::write(&p, bytes).unwrap();
        preflight_xls(&p, &Limits::default())
    }

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

    #[test]
    fn not_a_zip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, "Tên,SĐT\nAn,0912345678\n").unwrap();
        assert!(matches!(
            preflight_zip(&p, &Limits::default()),
            Err(GuardError::NotZip)
        ));
        std::fs::write(&p, "").unwrap();
        assert!(matches!(
            preflight_zip(&p, &Limits::default()),
            Err(GuardError::NotZip)
        ));
    }

    #[test]
    fn docx_renamed_is_no_workbook() {
        let parts = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            (
                "_rels/.rels",
                ROOT_RELS
                    .replace("xl/workbook.xml", "word/document.xml")
                    .into_bytes(),
            ),
            ("word/document.xml", b"<w:document/>".to_vec()),
        ];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
        // Without any rels at all, still not a workbook.
        let parts = vec![("word/document.xml", b"<w:document/>".to_vec())];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
        let parts = vec![("notes.txt", b"hello".to_vec())];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
    }

    #[test]
    fn truncated_xlsx_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let bytes = std::fs::read(&p).unwrap();
        for cut in [bytes.len() / 2, bytes.len() - 10, 30] {
            let t = dir.path().join("cut.xlsx");
            std::fs::write(&t, &bytes[..cut]).unwrap();
            let r = preflight_zip(&t, &Limits::default());
            assert!(matches!(r, Err(GuardError::Corrupt(_))), "cut {cut}: {r:?}");
            assert!(r.is_err_and(|e| e.is_corrupt() && !e.is_encrypted()));
        }
    }

    #[test]
    fn damaged_shared_strings_is_corrupt() {
        // Flip bytes inside the deflated sharedStrings data: inflate or CRC fails cleanly.
        let dir = tempfile::tempdir().unwrap();
        let long = SST.replace("Tên khách hàng", &"Nguyễn Văn Ánh ".repeat(200));
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(&long));
        let mut bytes = std::fs::read(&p).unwrap();
        let at = find(&bytes, b"xl/sharedStrings.xml").unwrap() + 40;
        for b in &mut bytes[at..at + 16] {
            *b ^= 0x5a;
        }
        std::fs::write(&p, &bytes).unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::Corrupt(_))), "{r:?}");
    }

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn huge_unique_count_is_refused_before_calamine() {
        let sst = SST.replace(r#"uniqueCount="1""#, r#"uniqueCount="4000000000""#);
        let r = check(&xlsx_parts(&sst));
        assert!(
            matches!(
                r,
                Err(GuardError::SharedStringsCount {
                    declared: 4_000_000_000,
                    ..
                })
            ),
            "{r:?}"
        );
        // Overflowing digit strings are refused too.
        let sst = SST.replace(
            r#"uniqueCount="1""#,
            r#"uniqueCount="99999999999999999999999""#,
        );
        assert!(matches!(
            check(&xlsx_parts(&sst)),
            Err(GuardError::SharedStringsCount { .. })
        ));
        // Hiding the table behind 100 KB of comment does not get past.
        let sst = SST.replace("<sst ", &format!("<!--{}--><sst ", "x".repeat(100_000)));
        let sst = sst.replace(r#"uniqueCount="1""#, r#"uniqueCount="4000000000""#);
        assert!(matches!(
            check(&xlsx_parts(&sst)),
            Err(GuardError::Corrupt(_))
        ));
        // A plausible count passes.
        let sst = SST.replace(r#"uniqueCount="1""#, r#"uniqueCount="20""#);
        assert!(check(&xlsx_parts(&sst)).is_ok());
    }

    #[test]
    fn missing_sheet_part() {
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/worksheets/sheet1.xml")
            .collect();
        let r = check(&parts);
        assert!(
            matches!(&r, Err(GuardError::MissingPart(p)) if p == "xl/worksheets/sheet1.xml"),
            "{r:?}"
        );
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/workbook.xml")
            .collect();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/_rels/workbook.xml.rels")
            .collect();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
        // A sheet pointing at a relationship that does not exist.
        let mut parts = xlsx_parts(SST);
        parts[2].1 = WORKBOOK.replace("rId1", "rId9").into_bytes();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
    }

    #[test]
    fn case_and_backslash_in_part_names_are_found() {
        let mut parts = xlsx_parts(SST);
        parts[4].0 = "XL\\Worksheets\\Sheet1.xml";
        assert!(check(&parts).is_ok());
    }

    #[test]
    fn zero_filled_bomb_is_refused() {
        // 200 MB of zeros deflates to ~200 KB; written in 1 MB chunks to stay small.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bomb.xlsx");
        let mut z = zip::ZipWriter::new(File::create(&p).unwrap());
        for (n, b) in xlsx_parts(SST) {
            if n == "xl/worksheets/sheet1.xml" {
                continue;
            }
            z.start_file(n, SimpleFileOptions::default()).unwrap();
            z.write_all(&b).unwrap();
        }
        z.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default())
            .unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..200 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(
            matches!(r, Err(GuardError::SuspiciousRatio { .. })),
            "{r:?}"
        );
        // With the ratio check off, the size limit still catches it.
        let limits = Limits {
            max_ratio: u64::MAX,
            max_entry_uncompressed: 100 * MIB,
            ..Limits::default()
        };
        assert!(matches!(
            preflight_zip(&p, &limits),
            Err(GuardError::EntryTooLarge { .. })
        ));
    }

    /// Patches the uncompressed size of `entry` in its local and central headers.
    fn patch_size(bytes: &mut [u8], entry: &[u8], size: u32) {
        let mut i = 0;
        while let Some(k) = find(&bytes[i..], entry) {
            let name_at = i + k;
            if name_at >= 46 && bytes[name_at - 46..name_at - 42] == *b"PK\x01\x02" {
                bytes[name_at - 46 + 24..name_at - 46 + 28].copy_from_slice(&size.to_le_bytes());
            } else if name_at >= 30 && bytes[name_at - 30..name_at - 26] == *b"PK\x03\x04" {
                bytes[name_at - 30 + 22..name_at - 30 + 26].copy_from_slice(&size.to_le_bytes());
            }
            i = name_at + 1;
        }
    }

    #[test]
    fn declared_huge_size_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let mut bytes = std::fs::read(&p).unwrap();
        patch_size(&mut bytes, b"xl/worksheets/sheet1.xml", 0xFFFF_FFF0);
        std::fs::write(&p, &bytes).unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::EntryTooLarge { .. })), "{r:?}");
    }

    /// Pins the assumption that lets preflight trust declared sizes: zip 9.8 stops an entry
    /// that inflates past its declared size, so calamine cannot be fed more than declared.
    #[test]
    fn zip_crate_enforces_declared_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = format!("<sst>{}</sst>", "<si><t>x</t></si>".repeat(10_000));
        let p = write_parts(&dir, "lie.xlsx", &xlsx_parts(&big));
        let mut bytes = std::fs::read(&p).unwrap();
        patch_size(&mut bytes, b"xl/sharedStrings.xml", 100);
        std::fs::write(&p, &bytes).unwrap();
        let mut zip = ZipArchive::new(File::open(&p).unwrap()).unwrap();
        let mut f = zip.by_name("xl/sharedStrings.xml").unwrap();
        let mut out = Vec::new();
        let err = f.read_to_end(&mut out).unwrap_err();
        assert!(out.len() <= 100 + 64 * 1024, "read {}", out.len());
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        // And preflight, which reads the head of that part, fails cleanly.
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::Corrupt(_))), "{r:?}");
    }

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

    #[test]
    fn tag_scanner_handles_chunk_boundaries() {
        // A reader that hands out one byte at a time.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let xml = br#"<?xml version="1.0"?><!-- <a> --><a x='1>2'>t<![CDATA[<b>]]><b/></a>"#;
        let mut s = TagScanner::new(OneByte(xml));
        let mut seen = Vec::new();
        while s.next_tag().unwrap() {
            seen.push(String::from_utf8_lossy(&s.tag).into_owned());
        }
        assert_eq!(seen, ["?xml version=\"1.0\"?", "a x='1>2'", "b/", "/a"]);
        assert_eq!(s.text_bytes, 1 + "<b>]]>".len() as u64);
        assert_eq!(attr(b"a x='1>2'", |n| n == b"x"), Some(&b"1>2"[..]));
        assert!(TagScanner::new(&b"<a x=\"unterminated"[..])
            .next_tag()
            .is_err());
    }

    #[test]
    fn big_workbook_preflight_is_fast() {
        // 50 MB of sheet and 10 MB of shared strings, stored uncompressed to build quickly.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.xlsx");
        let mut z = zip::ZipWriter::new(File::create(&p).unwrap());
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (n, b) in xlsx_parts(SST) {
            if n == "xl/worksheets/sheet1.xml" || n == "xl/sharedStrings.xml" {
                continue;
            }
            z.start_file(n, stored).unwrap();
            z.write_all(&b).unwrap();
        }
        let row = r#"<row><c t="s"><v>1</v></c><c><v>912345678</v></c></row>"#.repeat(1000);
        z.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
        z.write_all(SHEET.split("<sheetData>").next().unwrap().as_bytes())
            .unwrap();
        for _ in 0..(50 << 20) / row.len() + 1 {
            z.write_all(row.as_bytes()).unwrap();
        }
        z.write_all(b"</sheetData></worksheet>").unwrap();
        z.start_file("xl/sharedStrings.xml", stored).unwrap();
        z.write_all(br#"<?xml version="1.0"?><sst count="400000" uniqueCount="400000">"#)
            .unwrap();
        let si = "<si><t>Nguyễn Văn Ánh</t></si>".repeat(1000);
        for _ in 0..400 {
            z.write_all(si.as_bytes()).unwrap();
        }
        z.write_all(b"</sst>").unwrap();
        z.finish().unwrap();
        let t = std::time::Instant::now();
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
        assert!(facts.uncompressed_total > 50 << 20);
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
        fn damaged_workbooks_never_panic(flips in proptest::collection::vec((0usize..4000, 0u8..=255), 1..8)) {
            let dir = tempfile::tempdir().unwrap();
            let p = write_parts(&dir, "m.xlsx", &xlsx_parts(SST));
            let mut bytes = std::fs::read(&p).unwrap();
            for (at, v) in flips {
                let n = bytes.len();
                bytes[at % n] = v;
            }
            std::fs::write(&p, &bytes).unwrap();
            let _ = preflight_zip(&p, &Limits::default());
            let _ = super::super::sniff::sniff(&p);
        }

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
            let _ = super::super::sniff::sniff(&p);
        }

        #[test]
        fn arbitrary_ods_content_never_panics(content in "(<table:table-row( table:number-rows-repeated=\"[0-9]{1,12}\")?>|</table:table-row>|<table:table-cell( table:number-columns-repeated=\"[0-9]{1,12}\")?( office:value-type=\"string\")?/?>|</table:table-cell>|<table:table>|</table:table>|x|<|>|\"){0,40}") {
            let _ = scan_ods(content.as_bytes(), &Limits::default());
        }
    }

    #[test]
    fn unescape_table() {
        for (raw, want) in [
            ("a&amp;b", "a&b"),
            ("&lt;&gt;&quot;&apos;", "<>\"'"),
            ("&#7877;&#x1EC5;", "ễễ"),
            ("R&D", "R&D"),
            ("&bogus;", "&bogus;"),
        ] {
            assert_eq!(unescape(raw.as_bytes()), want);
        }
    }
}
