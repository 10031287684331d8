//! Ingest: every ledger the office has (xlsx/xlsm/xls/xlsb/ods, csv/tsv/txt) → `RawRow`s with
//! provenance. Streaming, guarded against hostile files, one file per rayon task.
//!
//! Decisions are made by content, not extension (`sniff`); zip-based workbooks are checked by
//! `guard` before calamine sees them, because calamine aborts the process on some crafted files.

pub mod book;
pub mod csvread;
pub mod excel;
pub mod guard;
pub mod header;
mod io;
mod lines;
pub mod sniff;

use crate::error::{InputProblem, ProblemKind};
use crate::model::{InferredColumn, RawRow, Role, Source, SourceKind};
use lines::{
    is_anonymous_buyer, is_cancelled, is_column_numbers, is_section_heading,
    is_totals_in_first_cell, is_totals_row,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How a column of a given file/sheet should be read, overriding header recognition
/// (`[[columns]]` in sokhach.toml).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnOverride {
    /// File name (or its end), e.g. "so-khach-hang.xlsx".
    pub file: String,
    /// Sheet name; absent = every sheet.
    pub sheet: Option<String>,
    /// Header text as it appears in the file.
    pub header: String,
    /// One of the role keys (name, phone, email, …) or "ignore"; any other word is refused
    /// when the policy is read, so that a typo never silently drops a column.
    #[serde(deserialize_with = "role_key")]
    pub role: String,
}

/// The roles a `[[columns]]` entry may name: what the template lists.
pub const OVERRIDE_ROLES: &[&str] = &[
    "name",
    "contact",
    "phone",
    "phone_fixed",
    "email",
    "address",
    "delivery",
    "tax_code",
    "date",
    "note",
    "consent",
    "opt_out",
    "row_no",
    "customer_id",
    "invoice_series",
    "invoice_no",
    "amount",
    "vat",
    "ignore",
];

fn role_key<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let role = <String as serde::Deserialize>::deserialize(d)?;
    if OVERRIDE_ROLES.contains(&role.as_str()) {
        Ok(role)
    } else {
        Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&role),
            &OVERRIDE_ROLES.join(", ").as_str(),
        ))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub forced_encoding: Option<&'static encoding_rs::Encoding>,
    pub overrides: Vec<ColumnOverride>,
    /// Folders and files never read from a folder argument: the run's own output folder and the
    /// requests book (its phone/email/name columns would look like a ledger).
    pub exclude: Vec<PathBuf>,
}

/// How far reading has got, in bytes of the input files: the total is known once the inputs
/// are found, and each reader credits its file as it goes (shared by the reading threads).
#[derive(Debug, Default)]
pub struct ReadMeter {
    total: AtomicU64,
    done: AtomicU64,
}

impl ReadMeter {
    /// The size of every input found; 0 until they are found.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Bytes read so far (never more than [`ReadMeter::total`] once it is known).
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }
}

/// One file's part of the [`ReadMeter`]: its reader credits bytes as it reads, never more than
/// the file's size, and whatever is left is credited when the file is done, read or refused.
pub(crate) struct Share<'m> {
    meter: Option<&'m ReadMeter>,
    size: u64,
    credited: AtomicU64,
    /// Rows the inputs after this one may bring, a generous guess from their sizes (see
    /// [`later_rows`]): the first workbook's rows vector makes room for them, so joining them
    /// in at the end copies no million rows into a fresh vector.
    later_rows: usize,
}

impl Share<'_> {
    pub(crate) fn add(&self, bytes: u64) {
        let Some(meter) = self.meter else {
            return;
        };
        let before = self
            .credited
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| {
                Some((c + bytes).min(self.size))
            })
            .unwrap_or(self.size);
        meter
            .done
            .fetch_add((before + bytes).min(self.size) - before, Ordering::Relaxed);
    }

    /// This file's size, to share out among its sheets.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// See [`Share::later_rows`].
    pub(crate) fn later_rows(&self) -> usize {
        self.later_rows
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        self.add(self.size);
    }
}

/// One input file found on the command line or inside a folder.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// How the file is named in reports and lineage.
    pub display: String,
    pub bytes: u64,
    /// blake3 of the content, for the audit log and the "inputs unchanged" check.
    pub hash: String,
}

/// A data row that was read but not kept as a customer (blank, a totals line…).
#[derive(Debug, Clone)]
pub struct SkippedRow {
    pub source: u32,
    pub row: u32,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Blank,
    Totals,
    NoIdentity,
    TooWide,
    /// "(1) (2) (3) …" under the header: the columns numbered, as forms print them.
    ColumnNumbers,
    /// The second row of a two-row header: the parts under a merged cell ("Địa chỉ" over
    /// "Số nhà/Đường", "Phường/Xã", "Quận/Huyện", "Tỉnh/TP").
    SubHeader,
    /// A row of an invoice listing with neither an invoice number nor a date: a group
    /// heading ("2. Hàng hóa, dịch vụ chịu thuế suất 5%"), a subtotal ("Cộng nhóm"), the
    /// amount in words ("Bằng chữ: …"), the signatures and the place and date of signing.
    NotAnInvoice,
    /// An invoice the listing marks cancelled or replaced ("Hóa đơn đã bị hủy", "Hóa đơn đã bị
    /// thay thế"): no sale of its own (its replacement, listed too, is).
    CancelledInvoice,
    /// A retail sale with no buyer named ("Người mua không lấy hóa đơn", "Khách lẻ", or the
    /// buyer's cells empty): a sale for the accounts, no customer.
    AnonymousSale,
    /// The header typed again under it: a block of rows pasted with its header, or a sheet
    /// printed page by page with the header on each.
    HeaderRepeated,
    /// A row of a sheet whose name says its customers were deleted («Đã xóa»): not read,
    /// and its data should leave the file.
    DeletedSheet,
    /// A heading between a customer table's rows («KHU VỰC MIỀN NAM», «Khách sỉ»).
    SectionHeading,
}

/// Something worth telling the user that is not an error (a lock file skipped, a sheet that is
/// not a ledger).
#[derive(Debug, Clone)]
pub enum Notice {
    LockFileSkipped(String),
    NotALedger {
        file: String,
        sheet: Option<String>,
        /// A list of the company's staff («Họ tên nhân viên»), not a table without contacts.
        staff: bool,
        /// A list of purchase invoices («Tên người bán», «MST người bán»): its parties are the
        /// company's suppliers ([`header::names_seller`]).
        sellers: bool,
    },
    Link(String),
    /// A folder inside an input folder that holds a run's outputs (never read as ledgers).
    OutputFolder(String),
}

/// Lines of invoice listings skipped as no customer's yet kept for their amounts
/// (`ke-toan.xlsx`).
#[derive(Debug, Default)]
pub struct Aside {
    /// The totals lines ([`SkipReason::Totals`]): a listing's own total, which its lines must
    /// add up to.
    pub totals: Vec<RawRow>,
    /// The invoices cancelled or replaced ([`SkipReason::CancelledInvoice`]): a listing's own
    /// total may count them.
    pub cancelled: Vec<RawRow>,
    /// The retail sales with no buyer named ([`SkipReason::AnonymousSale`]): revenue of no
    /// customer.
    pub retail: Vec<RawRow>,
}

impl Aside {
    /// Appends `other`'s lines, each with its source renumbered by `source`.
    fn append(&mut self, other: Aside, source: impl Fn(u32) -> u32) {
        for (mine, theirs) in [
            (&mut self.totals, other.totals),
            (&mut self.cancelled, other.cancelled),
            (&mut self.retail, other.retail),
        ] {
            mine.extend(theirs.into_iter().map(|mut r| {
                r.source = source(r.source);
                r
            }));
        }
    }
}

#[derive(Debug, Default)]
pub struct Ingested {
    pub files: Vec<InputFile>,
    pub sources: Vec<Source>,
    pub rows: Vec<RawRow>,
    pub skipped: Vec<SkippedRow>,
    /// Skipped lines of invoice listings kept for their amounts.
    pub aside: Aside,
    pub notices: Vec<Notice>,
    /// Files that could not be read; the caller decides whether that stops the run.
    pub problems: Vec<InputProblem>,
}

/// Whether every one of `rows` (indexes into `raw`) read from a customer ledger, not an
/// invoice listing, was struck through by a clerk ([`Source::struck_rows`]), and one was: the
/// strike may cross the customer out.
pub fn crossed_out(rows: &[u32], raw: &[RawRow], sources: &[Source]) -> bool {
    if sources.iter().all(|s| s.struck_rows.is_empty()) {
        return false;
    }
    let source = |r: &RawRow| sources.get(r.source as usize);
    let struck =
        |r: &RawRow| source(r).is_some_and(|s| s.struck_rows.binary_search(&r.row).is_ok());
    let mut ledger = (rows.iter())
        .filter_map(|&r| raw.get(r as usize))
        .filter(|r| source(r).is_some_and(|s| s.kind == SourceKind::Customers));
    ledger.next().is_some_and(struck) && ledger.all(struck)
}

impl Ingested {
    /// The rows (indexes into `rows`) a clerk struck through in a workbook
    /// ([`Source::struck_rows`]), ascending; none read when no source has one.
    pub fn struck_row_indexes(&self) -> Vec<u32> {
        self.rows_listed(|s| &s.struck_rows)
    }

    /// The rows (indexes into `rows`) whose struck-through contact cells went to the notes
    /// ([`Source::struck_cells_noted`]), ascending.
    pub fn struck_cells_noted_indexes(&self) -> Vec<u32> {
        self.rows_listed(|s| &s.struck_cells_noted)
    }

    /// The rows (indexes into `rows`) that `list` names by number in their source, ascending;
    /// none looked at when every source's list is empty.
    fn rows_listed(&self, list: impl Fn(&Source) -> &[u32]) -> Vec<u32> {
        if self.sources.iter().all(|s| list(s).is_empty()) {
            return Vec::new();
        }
        (self.rows.iter().enumerate())
            .filter(|(_, r)| {
                (self.sources.get(r.source as usize))
                    .is_some_and(|s| list(s).binary_search(&r.row).is_ok())
            })
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Pairs of rows (indexes into `rows`) the clerk wrote as one customer: rows of a table
    /// whose name lies in one cell merged down them, each with the area's first row read
    /// ([`Source::merged_names`]).
    pub fn merged_name_pairs(&self) -> Vec<(u32, u32)> {
        if self.sources.iter().all(|s| s.merged_names.is_empty()) {
            return Vec::new();
        }
        let mut area: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for s in self.sources.iter().enumerate() {
            for &(row, first) in &s.1.merged_names {
                area.insert((s.0 as u32, row), first);
            }
        }
        let mut first_read: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut pairs = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            if let Some(&first) = area.get(&(r.source, r.row)) {
                match first_read.entry((r.source, first)) {
                    Entry::Occupied(e) => pairs.push((*e.get(), i as u32)),
                    Entry::Vacant(e) => {
                        e.insert(i as u32);
                    }
                }
            }
        }
        pairs
    }
}

/// Extensions taken from a folder (files named explicitly are taken whatever their name).
const LEDGER_EXT: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "tsv", "txt"];
/// Folders deeper than this are not walked (symlink loops, runaway trees).
const MAX_DEPTH: usize = 32;

/// Expands the command-line paths into input files, in a stable order.
pub fn discover(
    args: &[PathBuf],
    exclude: &[PathBuf],
    out: &mut Ingested,
) -> Vec<(PathBuf, String)> {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for arg in args {
        let shown = arg.display().to_string();
        match std::fs::metadata(arg) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let kind = if std::fs::symlink_metadata(arg).is_ok() {
                    ProblemKind::Unreadable("liên kết hỏng / dangling link".into())
                } else {
                    ProblemKind::NotFound
                };
                out.problems.push(InputProblem::new(shown, kind));
            }
            Err(e) => out.problems.push(InputProblem::new(
                shown,
                ProblemKind::Unreadable(e.to_string()),
            )),
            Ok(m) if m.is_dir() => {
                let before = found.len();
                walk(arg, 0, &mut found, out, &exclude);
                if found.len() == before {
                    out.problems
                        .push(InputProblem::new(shown, ProblemKind::EmptyFolder));
                }
            }
            Ok(_) => {
                if is_lock_file(arg) {
                    out.notices.push(Notice::LockFileSkipped(shown));
                } else {
                    found.push((arg.clone(), shown));
                }
            }
        }
    }
    found.retain(|(p, shown)| {
        let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let fresh = seen.insert(key);
        if !fresh {
            out.notices.push(Notice::Link(shown.clone()));
        }
        fresh
    });
    found
}

fn is_lock_file(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with("._") || n.starts_with(".~lock"))
}

/// The marker file every run leaves in its output folder.
pub const OUTPUT_MARKER: &str = ".sokhach-ket-qua";

/// A run's output folder, whatever its name: it carries the marker, or (written by an older
/// version) the lineage file beside the change report. Its workbooks are never ledgers.
pub fn is_output_folder(dir: &Path) -> bool {
    dir.join(OUTPUT_MARKER).exists()
        || (dir.join("lineage.csv").is_file() && dir.join("bao-cao-thay-doi.xlsx").is_file())
}

fn walk(
    dir: &Path,
    depth: usize,
    found: &mut Vec<(PathBuf, String)>,
    out: &mut Ingested,
    exclude: &[PathBuf],
) {
    if depth > MAX_DEPTH {
        out.problems.push(InputProblem::new(
            dir.display().to_string(),
            ProblemKind::Unreadable(format!(
                "thư mục lồng quá {MAX_DEPTH} cấp, không đọc / folder nested deeper than {MAX_DEPTH} levels, not read"
            )),
        ));
        return;
    }
    if std::fs::canonicalize(dir).is_ok_and(|c| exclude.contains(&c)) {
        // This run's output folder, or the workspace's folder of dated outputs: said, as any
        // earlier run's output folder is.
        if depth > 0 {
            out.notices
                .push(Notice::OutputFolder(dir.display().to_string()));
        }
        return;
    }
    if depth > 0 && is_output_folder(dir) {
        out.notices
            .push(Notice::OutputFolder(dir.display().to_string()));
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.problems.push(InputProblem::new(
            dir.display().to_string(),
            ProblemKind::Unreadable("không mở được thư mục / cannot list folder".into()),
        ));
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        // Hidden entries (".sokhach" state, ".truth", editor files) are not ledgers.
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') && !name.starts_with("._") {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            // Links are followed for files only: a linked folder can loop.
            match std::fs::metadata(&p) {
                Ok(m) if m.is_file() => {}
                _ => {
                    out.notices.push(Notice::Link(p.display().to_string()));
                    continue;
                }
            }
        }
        if meta.is_dir() {
            walk(&p, depth + 1, found, out, exclude);
            continue;
        }
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !LEDGER_EXT.contains(&ext.as_str()) {
            continue;
        }
        if is_lock_file(&p) {
            out.notices
                .push(Notice::LockFileSkipped(p.display().to_string()));
            continue;
        }
        if std::fs::canonicalize(&p).is_ok_and(|c| exclude.contains(&c)) {
            continue;
        }
        found.push((p.clone(), p.display().to_string()));
    }
}

/// What one file yielded; merged into `Ingested` in file order.
#[derive(Default)]
pub(crate) struct FileYield {
    pub sources: Vec<Source>,
    pub rows: Vec<RawRow>,
    pub skipped: Vec<SkippedRow>,
    pub aside: Aside,
    pub notices: Vec<Notice>,
    /// What [`read_all_then`]'s callback gave for consecutive runs of `rows`, in order.
    pub after: Vec<Box<dyn std::any::Any + Send>>,
}

impl FileYield {
    /// The room the rows' vector made beyond its rows: for a workbook's first sheet (or the
    /// first file), the rows of the sheets and files that will be joined after it
    /// ([`later_rows`]), so what the next stage makes of these rows can make the same room;
    /// for the others only what their own estimate left over (address space, never touched:
    /// their records are moved into the first's).
    pub fn room(&self) -> usize {
        self.rows.capacity() - self.rows.len()
    }

    /// Appends a later yield (the next sheet of a workbook, or the next file), renumbering its
    /// sources.
    pub fn append(&mut self, other: FileYield) {
        let base = self.sources.len() as u32;
        self.sources.extend(other.sources);
        let mut rows = other.rows;
        if base > 0 {
            for r in &mut rows {
                r.source += base;
            }
        }
        move_or_extend(&mut self.rows, rows);
        self.skipped.extend(other.skipped.into_iter().map(|mut s| {
            s.source += base;
            s
        }));
        self.aside.append(other.aside, |s| s + base);
        self.notices.extend(other.notices);
        self.after.extend(other.after);
    }
}

/// The callback of [`read_all_metered`], type-erased on its way through the readers: the rows
/// read, and the room their vector made for the rows joined after them ([`FileYield::room`]).
pub(crate) type Then<'a> = dyn Fn(&[RawRow], usize) -> Box<dyn std::any::Any + Send> + Sync + 'a;

/// Reads every input. Files are read in parallel; the result is in a stable order.
pub fn read_all(args: &[PathBuf], opts: &Options) -> Ingested {
    read_all_then(args, opts, |_| ()).0
}

/// [`read_all`], calling `then` on the rows of each file (or each sheet of a workbook) as soon
/// as they are read, so the next stage runs on whichever core reading leaves idle (the CSVs
/// are read long before a big workbook is). Returns what `then` gave, in the order of
/// `Ingested::rows`: the results cover consecutive runs of the rows.
pub fn read_all_then<T: Send + 'static>(
    args: &[PathBuf],
    opts: &Options,
    then: impl Fn(&[RawRow]) -> T + Sync,
) -> (Ingested, Vec<T>) {
    read_all_metered(args, opts, None, |rows, _| then(rows))
}

/// [`read_all_then`], telling `meter` how far reading has got (bytes of the inputs), and
/// `then` the room each run of rows made for the rows joined after it ([`FileYield::room`]).
pub fn read_all_metered<T: Send + 'static>(
    args: &[PathBuf],
    opts: &Options,
    meter: Option<&ReadMeter>,
    then: impl Fn(&[RawRow], usize) -> T + Sync,
) -> (Ingested, Vec<T>) {
    let mut out = Ingested::default();
    let files = discover(args, &opts.exclude, &mut out);
    if let Some(meter) = meter {
        let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
        let total = files.iter().map(|(p, _)| size(p)).sum();
        meter.total.store(total, Ordering::Relaxed);
    }
    let erased = |rows: &[RawRow], room: usize| -> Box<dyn std::any::Any + Send> {
        Box::new(then(rows, room))
    };
    let later = later_rows(&files);
    let results: Vec<_> = files
        .par_iter()
        .zip(later)
        .map(|((path, shown), later_rows)| {
            // A bug in a reader (calamine's unchecked arithmetic on crafted cell references)
            // must cost one file, not the run.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_file(path, shown, opts, &erased, meter, later_rows)
            }))
            .unwrap_or_else(|_| {
                Err(InputProblem::new(
                    shown.as_str(),
                    ProblemKind::Corrupt("nội dung bất thường làm trình đọc dừng / the reader stopped on malformed content".into()),
                ))
            })
        })
        .collect();
    // The files' yields joined in file order, as a workbook joins its sheets: the first file's
    // vector is taken as it is (the room it made may hold the others too), the rest moved in
    // after it, the room made once if it is short; a million rows are never grown by doubling.
    let total: usize = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|(_, y)| y.rows.len())
        .sum();
    let mut all = FileYield::default();
    for res in results {
        match res {
            Ok((file, y)) => {
                out.files.push(file);
                all.append(y);
                all.rows.reserve_exact(total.saturating_sub(all.rows.len()));
            }
            Err(p) => out.problems.push(p),
        }
    }
    // Discovery notes notices and problems only: sources, rows and skipped rows start here.
    out.sources = all.sources;
    out.rows = all.rows;
    out.skipped = all.skipped;
    out.aside = all.aside;
    out.notices.extend(all.notices);
    let after = all
        .after
        .into_iter()
        .filter_map(|t| t.downcast::<T>().ok().map(|t| *t))
        .collect();
    (out, after)
}

/// For each file, the rows the files after it may bring, for the first file only (its rows are
/// the vector the others join; the others' vectors are copied in and dropped): their bytes over
/// [`ROW_BYTES_AT_LEAST`] (more than they hold: room made and never used costs address space,
/// not memory, while room short by one row costs a copy of the whole vector).
fn later_rows(files: &[(PathBuf, String)]) -> Vec<usize> {
    let after: u64 = files
        .iter()
        .skip(1)
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    (0..files.len())
        .map(|i| {
            if i == 0 {
                (after / ROW_BYTES_AT_LEAST).min(LATER_ROWS_AT_MOST) as usize
            } else {
                0
            }
        })
        .collect()
}

/// Fewer bytes than a CSV line or a compressed workbook row of a ledger takes (a name, a phone
/// and an address are forty bytes already).
const ROW_BYTES_AT_LEAST: u64 = 40;
/// Room made for later inputs, at most (80 bytes a row: 320 MB of address space; where the
/// allocator commits what it reserves, as on Windows, of commit charge).
const LATER_ROWS_AT_MOST: u64 = 4_000_000;

fn read_file(
    path: &Path,
    shown: &str,
    opts: &Options,
    then: &Then<'_>,
    meter: Option<&ReadMeter>,
    later_rows: usize,
) -> Result<(InputFile, FileYield), InputProblem> {
    let unreadable =
        |e: std::io::Error| InputProblem::new(shown, ProblemKind::Unreadable(e.to_string()));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    let share = Share {
        meter,
        size: meta.len(),
        credited: AtomicU64::new(0),
        later_rows,
    };
    let hash = hash_file(path).map_err(unreadable)?;
    let file = InputFile {
        path: path.to_path_buf(),
        display: shown.to_string(),
        bytes: meta.len(),
        hash,
    };
    let format = sniff::sniff(path).map_err(unreadable)?;
    let y = match format {
        sniff::Format::Empty => return Err(InputProblem::new(shown, ProblemKind::Empty)),
        sniff::Format::Encrypted => return Err(InputProblem::new(shown, ProblemKind::Encrypted)),
        sniff::Format::NotSpreadsheet(what) => {
            return Err(InputProblem::new(
                shown,
                ProblemKind::NotSpreadsheet(what.into()),
            ))
        }
        sniff::Format::Csv => read_csv(path, shown, opts, &share)?,
        sniff::Format::Xlsx | sniff::Format::Xlsb | sniff::Format::Ods | sniff::Format::Xls => {
            excel::read_workbook(path, shown, format, opts, then, &share)?
        }
    };
    // Read: the rest of the file is credited before its rows go on to `then`.
    share.add(share.size());
    let mut y = y;
    if y.after.is_empty() {
        // Readers that do not hand over sheet by sheet: the whole file at once.
        y.after.push(then(&y.rows, y.room()));
    }
    if y.sources.is_empty() {
        let sellers = y
            .notices
            .iter()
            .any(|n| matches!(n, Notice::NotALedger { sellers: true, .. }));
        let kind = if sellers {
            ProblemKind::Purchases
        } else {
            ProblemKind::NoLedger
        };
        return Err(InputProblem::new(shown, kind));
    }
    Ok((file, y))
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update_reader(std::fs::File::open(path)?)?;
    Ok(h.finalize().to_hex().to_string())
}

/// Records read between two credits to the read meter.
pub(crate) const CREDIT_EVERY: u32 = 4096;

/// The fewest bytes a CSV ledger's line takes, for the room made for its rows (a guess too
/// low only makes the vector grow as it would have anyway).
const CSV_MIN_LINE: u64 = 40;

fn read_csv(
    path: &Path,
    shown: &str,
    opts: &Options,
    share: &Share<'_>,
) -> Result<FileYield, InputProblem> {
    let copts = csvread::CsvOptions {
        forced_encoding: opts.forced_encoding,
        ..Default::default()
    };
    let bad = |e: csvread::CsvError| {
        let line = e.line();
        let p = InputProblem::new(shown, ProblemKind::BadText(e.to_string()));
        match line {
            Some(l) => p.at_row(l),
            None => p,
        }
    };
    let (meta, mut rows) = csvread::open_csv(path, &copts).map_err(bad)?;
    let mut table = TableReader::new(shown, None, "csv", Some(meta.encoding.to_string()), opts);
    // A ledger's line is rarely under 40 bytes: room for that many rows, made once (and, for
    // the first file, for the later files' rows that will join them).
    table.expect_rows_then(share.size / CSV_MIN_LINE, share.later_rows() as u64);
    // The bytes of the records read, fields and separators (close to the file's, whatever
    // its encoding), credited every few thousand records.
    let (mut bytes, mut records) = (0u64, 0u32);
    let mut cells: Vec<Cell> = Vec::new();
    for rec in rows.by_ref() {
        records += 1;
        if records.is_multiple_of(CREDIT_EVERY) {
            share.add(std::mem::take(&mut bytes));
        }
        match rec {
            Ok(rec) => {
                bytes += rec.fields.iter().map(|f| f.len() as u64 + 1).sum::<u64>();
                cells.clear();
                cells.extend(rec.fields.into_iter().map(Cell::Text));
                table.push_from(rec.line as u32, &mut cells);
            }
            // One absurdly wide record is skipped (and accounted for); the rest is read.
            // Before the header is found a too-wide line may be the header itself: say so.
            Err(e @ csvread::CsvError::TooManyFields { .. }) if !table.has_header() => {
                return Err(bad(e))
            }
            Err(csvread::CsvError::TooManyFields { line, .. }) => {
                table.skip(line as u32, SkipReason::TooWide)
            }
            Err(e) => return Err(bad(e)),
        }
    }
    table.encoding = Some(rows.meta().encoding.to_string());
    let mut y = FileYield::default();
    table.finish(&mut y);
    Ok(y)
}

/// A contact cell (phone, email, address): one struck through is an old number or address.
fn contact_role(role: Role) -> bool {
    matches!(
        role,
        Role::Phone | Role::PhoneFixed | Role::Email | Role::Address | Role::Delivery
    )
}

/// The items of `sorted` (sorted by their row, `row_of`) on row `row`.
fn of_row<T>(sorted: &[T], row: u32, row_of: impl Fn(&T) -> u32) -> &[T] {
    let from = sorted.partition_point(|t| row_of(t) < row);
    let len = sorted[from..].partition_point(|t| row_of(t) == row);
    &sorted[from..from + len]
}

/// The note a struck value leaves: the column's header, then the value.
fn struck_note(names: &[String], column: usize, text: &str) -> String {
    let header = names.get(column).map_or("", |h| h.trim());
    format!("{header} (gạch ngang trong sổ): {text}")
}

/// A cell value as read, before its column's role decides how to write it as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    /// A date cell (already resolved for the workbook's 1900/1904 epoch).
    Date(chrono::NaiveDate),
    Bool(bool),
}

/// "2024-03-05", as chrono's `%Y-%m-%d` writes it, without parsing that format for every
/// date cell of a sheet.
fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

impl Cell {
    /// Empty, or text of spaces only.
    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// Text for header detection and for roles that are plain text.
    fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => float_text(*f),
            Cell::Date(d) => iso_date(*d),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// Text for a column of the given role: a number in a date column is an Excel serial.
    fn text_for(&self, role: Role) -> Cow<'_, str> {
        match (self, role) {
            (Cell::Text(s), _) => Cow::Borrowed(s),
            (Cell::Float(f), Role::Date) => Cow::Owned(
                serial_date(*f)
                    .map(iso_date)
                    .unwrap_or_else(|| float_text(*f)),
            ),
            (Cell::Int(i), Role::Date) => Cow::Owned(
                serial_date(*i as f64)
                    .map(iso_date)
                    .unwrap_or_else(|| i.to_string()),
            ),
            _ => Cow::Owned(self.display()),
        }
    }
}

/// Numbers typed into phone/tax/amount columns come back as floats: write them without ".0"
/// and never in scientific notation.
fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Excel 1900-system serial → date (serials from 1 to 31/12/9999; Excel's phantom 29/02/1900
/// is accounted for by counting from 30/12/1899).
pub fn serial_date(serial: f64) -> Option<chrono::NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

/// Turns the rows of one table (a sheet or a CSV file) into a `Source` and `RawRow`s: buffers
/// the first rows until the header is found, then converts each row as it arrives.
pub(crate) struct TableReader<'a> {
    file: &'a str,
    sheet: Option<String>,
    format: &'static str,
    pub encoding: Option<String>,
    opts: &'a Options,
    head: Vec<(u32, Vec<Cell>)>,
    header: Option<(u32, Vec<Option<Role>>, Vec<String>)>,
    /// Columns whose cells decided their role (see [`header::settle_roles`]).
    inferred: Vec<InferredColumn>,
    /// Columns up to the last non-empty cell of any data row: a column without header text
    /// is still listed in the source (as not used), never dropped silently.
    width: usize,
    rows: Vec<RawRow>,
    skipped: Vec<SkippedRow>,
    aside: Aside,
    pending_blank: Vec<u32>,
    empty_rows: u64,
    /// See [`header::Header::person_stands_in`].
    person_stands_in: bool,
    /// See [`header::NameParts`].
    name_parts: Option<header::NameParts>,
    /// Columns read into the notes under their header ("Địa chỉ nhà: …").
    labelled: Vec<usize>,
    /// Parts of an address beside a whole one of their kind: added on a row whose whole
    /// address names no province.
    address_parts: Vec<usize>,
    /// The table is an invoice listing (it has an invoice-number column).
    invoices: bool,
    /// An invoice listing's status column ("Trạng thái hóa đơn"), read for cancellations.
    status: Option<usize>,
    /// A customer table with a column not used: its cells are counted ([`Self::count_unused`]).
    has_unused: bool,
    /// Per column, the data rows' non-empty cells of columns not used.
    unused_filled: Vec<u64>,
    /// The sheet's cells merged over several rows, by first row ([`Self::fill_merged`]).
    merges: Vec<guard::TallMerge>,
    /// The sheet's rows struck through ([`guard::SheetScan::struck_rows`]).
    struck_rows: Vec<u32>,
    /// Its cells struck through on rows not struck whole ([`guard::SheetScan::struck_cells`]).
    struck_cells: Vec<(u32, u32)>,
    /// Its cells with part of their text struck through ([`guard::StruckText`]): ((row,
    /// column), the text), in sheet order.
    struck_texts: Vec<guard::StruckCell>,
    /// The rows whose struck contact cells went to the notes ([`Source::struck_cells_noted`]).
    struck_cells_noted: Vec<u32>,
    /// The comments on its cells ([`guard::ZipFacts::comments`]).
    comments: Vec<(u32, String)>,
    next_merge: usize,
    /// Merged cells being filled down: the area's first and last row, its column, its value.
    filling: Vec<(u32, u32, usize, Cell)>,
    /// Rows whose name lies in a cell merged down rows, with the area's first row.
    merged_names: Vec<(u32, u32)>,
    /// The sheet's name says its customers were deleted ([`header::names_deleted_sheet`]).
    deleted_sheet: bool,
    /// The sheet's name says it lists the company's staff ([`header::names_staff_sheet`]).
    staff_sheet: bool,
    /// No header was found, and the first rows name the seller's columns of an invoice list.
    sellers: bool,
}

/// Adds to a row's whole address (and delivery address) the parts its table gives in columns
/// of their own, when the whole names no province ("12 Lê Lợi" + «Phường Vĩnh Ninh», «Thành
/// phố Huế», «Thừa Thiên Huế»); a part the whole already says is not added again.
fn complete_addresses<'c>(
    texts: &mut SmallVec<[(Role, Cow<'c, str>); 24]>,
    cells: &'c [Cell],
    (roles, names): (&[Option<Role>], &[String]),
    parts: &[usize],
) {
    use crate::normalize::text::fold_key;
    for kind in [Role::Address, Role::Delivery] {
        // A part written province first comes last, turned round ("Quận Hoàn Kiếm, Hà Nội").
        let (mut first, last): (Vec<usize>, Vec<usize>) = parts
            .iter()
            .filter(|&&i| roles[i] == Some(kind))
            .partition(|&&i| !header::province_first(&names[i]));
        // The province's own column last, wherever it stands («Tỉnh/Thành phố» before
        // «Quận» in a marketplace's export): an address is written smallest place first.
        first.sort_by_key(|&i| header::is_province_part(&names[i]));
        let of_kind: Vec<Cow<'c, str>> = first
            .iter()
            .chain(&last)
            .filter_map(|&i| cells.get(i).map(|c| (i, c)))
            .map(|(i, c)| {
                let t = c.text_for(kind);
                if header::province_first(&names[i]) && t.contains(" - ") {
                    let mut v: Vec<&str> = t.split(" - ").map(str::trim).collect();
                    v.reverse();
                    Cow::Owned(v.join(", "))
                } else {
                    t
                }
            })
            .filter(|t| !t.trim().is_empty())
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let whole = texts
            .iter()
            .find(|(r, t)| *r == kind && !t.trim().is_empty())
            .map(|(_, t)| t.to_string());
        let add: Vec<Cow<'c, str>> = match whole {
            None => of_kind,
            Some(w) if crate::normalize::address::find_province(&w).is_some() => Vec::new(),
            Some(w) => {
                let folded = fold_key(&w);
                of_kind
                    .into_iter()
                    .filter(|p| !folded.contains(&fold_key(p)))
                    .collect()
            }
        };
        texts.extend(add.into_iter().map(|t| (kind, t)));
    }
}

/// A table's columns while [`TableReader::find_header`] decides their roles: a name and a role
/// for each (as many of each as the table has columns), and the columns whose cells decided
/// their role.
struct Columns {
    names: Vec<String>,
    roles: Vec<Option<Role>>,
    inferred: Vec<InferredColumn>,
}

impl Columns {
    /// The columns of the header row `top` (its cells' `roles`) and any column the `data` rows
    /// under it reach beyond them, the roles the header leaves open decided by those rows.
    fn from_header(top: &[String], roles: Vec<Option<Role>>, data: &[Vec<String>]) -> Columns {
        // Every column: the header row's cells and any column data reaches beyond them.
        let width = data
            .iter()
            .map(|r| used_width(r.iter().map(String::as_str)))
            .fold(top.len(), usize::max);
        let mut names = top.to_vec();
        // The cleaned book coming back: its columns are known, none is guessed from values.
        let is_book = book::is_book(&names);
        let mut roles = book::remap(&names, roles);
        names.resize(width, String::new());
        roles.resize(width, None);
        let header_roles = roles.clone();
        // The first data rows decide the columns whose header names nothing or is contradicted
        // by its cells; sokhach.toml overrides come last and win.
        let samples: Vec<Vec<&str>> = (0..width)
            .map(|c| {
                data.iter()
                    .filter_map(|r| r.get(c).map(String::as_str))
                    .collect()
            })
            .collect();
        let mut inferred = if is_book {
            Vec::new()
        } else {
            header::settle_roles(&mut roles, &samples)
        };
        // An identity card's or a bank account's column is not read, whatever its cells look
        // like (a header that names a kept field as well keeps it).
        let not_kept = |c: usize| header::names_data_not_kept(&names[c]);
        inferred.retain(|col| !(col.header_role.is_none() && not_kept(col.column)));
        for (c, role) in roles.iter_mut().enumerate() {
            if not_kept(c) && !header_roles.get(c).is_some_and(Option::is_some) {
                *role = None;
            }
        }
        Columns {
            names,
            roles,
            inferred,
        }
    }

    /// Of several amount columns, reads only the one that names the revenue before VAT as
    /// such (joined, they were no amount), and then no discount column beside it.
    fn keep_one_amount(&mut self) {
        let (names, roles) = (&self.names, &mut self.roles);
        let width = names.len();
        // Several amount columns («Thành tiền», «Doanh thu chưa thuế»): the one that names the
        // revenue before VAT as such is read, alone (joined, they were no amount). It has the
        // discount off already: a discount column beside it is not taken off again.
        let amounts: Vec<usize> = (0..width)
            .filter(|&i| roles[i] == Some(Role::Amount))
            .collect();
        let top = amounts
            .iter()
            .map(|&i| header::amount_rank(&names[i]))
            .max();
        let best: Vec<usize> = amounts
            .iter()
            .copied()
            .filter(|&i| Some(header::amount_rank(&names[i])) == top)
            .collect();
        if let ([one], true) = (best.as_slice(), amounts.len() > 1) {
            for &i in amounts.iter().filter(|&&i| i != *one) {
                roles[i] = None;
            }
        }
        // The revenue read alone, with no goods' amount beside it (an accounting program's
        // sales book: «Doanh số bán», «Chiết khấu», «Thuế GTGT», «Tổng thanh toán»), is before
        // the discount, which is taken off it.
        if top == Some(2) && best.len() == 1 && amounts.len() > 1 {
            for role in roles.iter_mut() {
                if *role == Some(Role::Discount) {
                    *role = None;
                }
            }
        }
    }

    /// Of several date columns of an invoice listing, reads the invoice's own («Ngày hóa
    /// đơn», «Ngày lập», «Ngày HĐ») when one names it: an accounting program's sales book puts
    /// the posting and voucher dates first («Ngày hạch toán», «Ngày chứng từ»), and the period
    /// an invoice belongs to is its date.
    fn keep_invoice_date(&mut self) {
        let (names, roles) = (&self.names, &mut self.roles);
        if !roles.contains(&Some(Role::InvoiceNo)) {
            return;
        }
        let dates: Vec<usize> = (0..names.len())
            .filter(|&i| roles[i] == Some(Role::Date))
            .collect();
        let invoice_date = |i: &&usize| {
            let key = crate::normalize::text::fold_key(&names[**i]);
            key.contains("hoa don") || key.contains("ngay lap") || key.split(' ').any(|w| w == "hd")
        };
        if let [own] = dates.iter().filter(invoice_date).collect::<Vec<_>>()[..] {
            for &i in dates.iter().filter(|&i| i != own) {
                roles[i] = None;
            }
        }
    }

    /// Reads no column whose header names something other than a dealing, whatever its
    /// cells look like.
    fn drop_non_dealings(&mut self) {
        let names = &self.names;
        // A birth date is no dealing, whatever its cells look like.
        for (i, role) in self.roles.iter_mut().enumerate() {
            if header::not_a_dealing(&names[i]) {
                *role = None;
            }
        }
        self.inferred
            .retain(|c| !header::not_a_dealing(&names[c.column]));
    }
}

impl<'a> TableReader<'a> {
    pub fn new(
        file: &'a str,
        sheet: Option<String>,
        format: &'static str,
        encoding: Option<String>,
        opts: &'a Options,
    ) -> Self {
        let named = sheet.as_deref().unwrap_or_else(|| {
            Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
        });
        let deleted_sheet = header::names_deleted_sheet(named);
        TableReader {
            deleted_sheet,
            staff_sheet: header::names_staff_sheet(named),
            sellers: false,
            file,
            sheet,
            format,
            encoding,
            opts,
            head: Vec::new(),
            header: None,
            inferred: Vec::new(),
            width: 0,
            rows: Vec::new(),
            skipped: Vec::new(),
            aside: Aside::default(),
            pending_blank: Vec::new(),
            empty_rows: 0,
            person_stands_in: false,
            name_parts: None,
            labelled: Vec::new(),
            address_parts: Vec::new(),
            invoices: false,
            status: None,
            has_unused: false,
            unused_filled: Vec::new(),
            merges: Vec::new(),
            struck_rows: Vec::new(),
            struck_cells: Vec::new(),
            struck_texts: Vec::new(),
            struck_cells_noted: Vec::new(),
            comments: Vec::new(),
            next_merge: 0,
            filling: Vec::new(),
            merged_names: Vec::new(),
        }
    }

    pub fn push(&mut self, row: u32, cells: Vec<Cell>) {
        if self.header.is_some() {
            self.data_row(row, &cells);
            return;
        }
        self.head.push((row, cells));
        if self.head.len() >= header::SCAN_ROWS {
            self.find_header();
        }
    }

    /// [`Self::push`] from a buffer the caller fills again for the next row: once the header
    /// is known, the cells are read in place and the buffer is emptied with its room kept (a
    /// streamed sheet would otherwise grow a fresh vector for each of its rows).
    pub fn push_from(&mut self, row: u32, cells: &mut Vec<Cell>) {
        if self.header.is_some() {
            self.data_row(row, cells);
            cells.clear();
        } else {
            self.push(row, std::mem::take(cells));
        }
    }

    pub fn has_header(&self) -> bool {
        self.header.is_some()
    }

    /// A row that could not be read as cells; it still gets its lineage line.
    pub fn skip(&mut self, row: u32, reason: SkipReason) {
        self.skipped.push(SkippedRow {
            source: 0,
            row,
            reason,
        });
    }

    /// Finds the header among the first rows buffered, decides every column's role, then reads
    /// the rows under it as data; a table with no header is remembered as no ledger.
    fn find_header(&mut self) {
        let texts: Vec<Vec<String>> = self
            .head
            .iter()
            .map(|(_, c)| c.iter().map(Cell::display).collect())
            .collect();
        // The office's `[[columns]]` for this table name columns the synonyms may not know:
        // they also find the header row.
        let overrides = self.overrides_here();
        let role_of = |c: &str| {
            overrides
                .iter()
                .find(|(h, _)| h.trim() == c.trim())
                .map_or_else(|| header::role_of(c), |&(_, r)| r)
        };
        let mut texts = texts;
        let mut found = header::detect_with(&texts, &role_of);
        // A header in two rows, the buyer's columns in the lower: the upper row's headers
        // stand in its blank cells (the rows above a header are titles, not read).
        if let Some(i) = found.as_ref().map(|h| h.index).filter(|&i| i > 0) {
            if let Some(joined) = header::with_group_row_above(&texts[i - 1], &texts[i], &role_of) {
                let lower = std::mem::replace(&mut texts[i], joined);
                match header::detect_with(&texts, &role_of).filter(|h| h.index == i) {
                    Some(h) => found = Some(h),
                    None => texts[i] = lower,
                }
            }
        }
        let head = std::mem::take(&mut self.head);
        let Some(mut h) = found else {
            // Not a ledger: remember that, ignore the rest of the table.
            self.sellers = texts.iter().flatten().any(|c| header::names_seller(c));
            self.header = Some((0, Vec::new(), Vec::new()));
            return;
        };
        let sub_header = self.sub_header(&mut texts, &mut h, &role_of);
        let header::Header {
            index,
            roles,
            person_stands_in,
            name_parts,
        } = h;
        self.person_stands_in = person_stands_in;
        let data = &texts[index + 1 + usize::from(sub_header)..];
        let mut columns = Columns::from_header(&texts[index], roles, data);
        columns.keep_one_amount();
        columns.keep_invoice_date();
        columns.drop_non_dealings();
        self.mark_address_parts(&mut columns);
        self.mark_labelled(&mut columns);
        self.override_columns(&mut columns);
        self.keep_columns(head[index].0, name_parts, columns);
        self.read_head(head, index, sub_header);
    }

    /// Marks the parts of an address beside a whole address of their kind, to complete it
    /// ([`complete_addresses`]); parts beside only the other kind's are not read.
    fn mark_address_parts(&mut self, columns: &mut Columns) {
        let (names, roles) = (&columns.names, &mut columns.roles);
        let width = names.len();
        // The parts of an address («Phường/Xã», «Quận/Huyện», «Tỉnh/TP», `city`) beside a
        // whole address of their kind complete it on a row whose address names no province
        // (a shop's export: «Địa chỉ» holds the street, the columns after it the rest); beside
        // only the other kind's whole address they are not read (a lone `city` beside a web
        // shop's `shipping_address` repeats it, often shortened: "HD").
        let part = |i: usize| !names[i].contains(" › ") && header::is_address_part(&names[i]);
        let whole_of = |kind: Role| (0..width).any(|i| roles[i] == Some(kind) && !part(i));
        let (whole_address, whole_delivery) = (whole_of(Role::Address), whole_of(Role::Delivery));
        // A marketplace's order export (Shopee's «Địa chỉ nhận hàng» beside «Tỉnh/Thành phố»,
        // «TP / Quận / Huyện», «Quận»): two parts or more beside a delivery address and no
        // contact address are that delivery address's parts, not a lone repeated `city`.
        let address_parts = (0..width)
            .filter(|&i| roles[i] == Some(Role::Address) && part(i))
            .count();
        if !whole_address && whole_delivery && address_parts >= 2 {
            for (i, role) in roles.iter_mut().enumerate() {
                if *role == Some(Role::Address) && part(i) {
                    *role = Some(Role::Delivery);
                }
            }
        }
        self.address_parts.clear();
        for (i, role) in roles.iter_mut().enumerate() {
            let (same, other) = match role {
                Some(Role::Address) => (whole_address, whole_delivery),
                Some(Role::Delivery) => (whole_delivery, whole_address),
                _ => continue,
            };
            if !part(i) {
                continue;
            }
            if same {
                self.address_parts.push(i);
            } else if other {
                *role = None;
            }
        }
    }

    /// Marks the whole addresses after the first of their kind as notes, each read under its
    /// header: two addresses are two places, not one.
    fn mark_labelled(&mut self, columns: &mut Columns) {
        let (names, roles) = (&columns.names, &mut columns.roles);
        let width = names.len();
        // Two whole addresses ("Địa chỉ công ty", "Địa chỉ nhà") are two places, not the
        // parts of one: the first column is the address, the others are kept in the notes
        // under their headers.
        self.labelled.clear();
        for kind in [Role::Address, Role::Delivery] {
            let mut wholes = (0..width).filter(|&i| {
                roles[i] == Some(kind)
                    && !names[i].contains(" › ")
                    && !header::is_prefixed_address_part(&names[i])
            });
            wholes.next();
            self.labelled.extend(wholes);
        }
        for &i in &self.labelled {
            roles[i] = Some(Role::Note);
        }
    }

    /// Applies the office's `[[columns]]` overrides last, so they win; a column they name is
    /// no longer one its cells decided, a labelled address or an address part unless they
    /// left it one.
    fn override_columns(&mut self, columns: &mut Columns) {
        let overridden = self.apply_overrides(&columns.names, &mut columns.roles);
        let roles = &columns.roles;
        columns.inferred.retain(|c| !overridden.contains(&c.column));
        self.labelled.retain(|&i| roles[i] == Some(Role::Note));
        self.address_parts
            .retain(|&i| matches!(roles[i], Some(Role::Address | Role::Delivery)));
    }

    /// Keeps the columns decided, with what the data rows are read by: the name's two parts,
    /// whether the table is an invoice listing and its status column.
    fn keep_columns(
        &mut self,
        header_row: u32,
        name_parts: Option<header::NameParts>,
        columns: Columns,
    ) {
        let Columns {
            names,
            roles,
            inferred,
        } = columns;
        let width = names.len();
        // A name's two parts stay one name unless the cells or the office's overrides read
        // either column as something else.
        self.name_parts = name_parts.filter(|p| {
            roles.get(p.family) == Some(&Some(p.role)) && roles.get(p.given) == Some(&Some(p.role))
        });
        self.inferred = inferred;
        self.width = width;
        self.invoices = roles.contains(&Some(Role::InvoiceNo));
        self.has_unused = !self.invoices && roles.contains(&None);
        self.status = self
            .invoices
            .then(|| {
                (0..width).find(|&i| roles[i].is_none() && header::is_invoice_status(&names[i]))
            })
            .flatten();
        self.header = Some((header_row, roles, names));
    }

    /// Reads the rows buffered under the header (at `index`) as data; the second row of a
    /// two-row header is skipped, with its reason.
    fn read_head(&mut self, head: Vec<(u32, Vec<Cell>)>, index: usize, sub_header: bool) {
        for (i, (row, cells)) in head.into_iter().enumerate().skip(index + 1) {
            if sub_header && i == index + 1 {
                self.skipped.push(SkippedRow {
                    source: 0,
                    row,
                    reason: SkipReason::SubHeader,
                });
                continue;
            }
            self.data_row(row, &cells);
        }
    }

    /// The `[[columns]]` entries for this file and sheet: header text and role (`None`:
    /// "ignore").
    fn overrides_here(&self) -> Vec<(String, Option<Role>)> {
        self.opts
            .overrides
            .iter()
            .filter(|o| self.file.ends_with(&o.file))
            .filter(|o| {
                o.sheet
                    .as_deref()
                    .is_none_or(|s| Some(s) == self.sheet.as_deref())
            })
            .map(|o| (o.header.clone(), Role::from_key(&o.role)))
            .collect()
    }

    /// A two-row header: a merged cell ("Địa chỉ") over the names of its parts in the row
    /// below ("Số nhà/Đường", "Phường/Xã", "Quận/Huyện", "Tỉnh/TP"). The row below is one when
    /// it names a column the header row leaves blank and every cell it fills is a header word.
    /// Its words are then the header of those columns ("Địa chỉ › Phường/Xã"); returns whether
    /// it was one (it is skipped, with its reason).
    fn sub_header(
        &self,
        texts: &mut [Vec<String>],
        h: &mut header::Header,
        role_of: &dyn Fn(&str) -> Option<Role>,
    ) -> bool {
        let Some(below) = texts.get(h.index + 1) else {
            return false;
        };
        let top = &texts[h.index];
        let filled: Vec<usize> = (0..below.len())
            .filter(|&c| !below[c].trim().is_empty())
            .collect();
        let blank_above = |c: usize| top.get(c).is_none_or(|t| t.trim().is_empty());
        if filled.is_empty()
            || !filled.iter().any(|&c| blank_above(c))
            || !filled
                .iter()
                .all(|&c| role_of(&below[c]).is_some() || header::known_unused(&below[c]))
        {
            return false;
        }
        let below = below.clone();
        let mut parent = String::new();
        let width = below.len().max(top.len());
        h.roles.resize(width, None);
        let top = &mut texts[h.index];
        top.resize(width, String::new());
        for (c, (name, have)) in top.iter_mut().zip(h.roles.iter_mut()).enumerate() {
            if !name.trim().is_empty() {
                parent = name.trim().to_string();
            }
            let Some(part) = below.get(c).map(|t| t.trim()).filter(|t| !t.is_empty()) else {
                continue;
            };
            let role = role_of(part);
            // Under a header of its own, a part names the column only where the header names
            // the same kind ("Địa chỉ" over "Số nhà/Đường"), or nothing.
            if have.is_none() || *have == role {
                *have = role;
                *name = if parent.is_empty() {
                    part.to_string()
                } else {
                    format!("{parent} › {part}")
                };
            }
        }
        true
    }

    /// Applies the `[[columns]]` overrides; returns the columns they named.
    fn apply_overrides(&self, names: &[String], roles: &mut [Option<Role>]) -> Vec<usize> {
        let mut named = Vec::new();
        for o in &self.opts.overrides {
            if !self.file.ends_with(&o.file) {
                continue;
            }
            if o.sheet
                .as_deref()
                .is_some_and(|s| Some(s) != self.sheet.as_deref())
            {
                continue;
            }
            for (i, n) in names.iter().enumerate() {
                if n.trim() == o.header.trim() {
                    roles[i] = Role::from_key(&o.role);
                    named.push(i);
                }
            }
        }
        named
    }

    /// Reads one row under the header: its cells as a `RawRow` by the columns' roles, then
    /// whether it is a customer's row or one skipped, with its reason.
    fn data_row(&mut self, row: u32, cells: &[Cell]) {
        let filled = if self.merges.is_empty() {
            None
        } else {
            self.fill_merged(row, cells)
        };
        let cells = filled.as_deref().unwrap_or(cells);
        // (column, note): said in the sheet's column order, however each strike was stored.
        let mut struck_notes: Vec<(usize, String)> = Vec::new();
        let mut unstruck = if self.struck_cells.is_empty() {
            None
        } else {
            self.struck_out_of(row, cells, &mut struck_notes)
        };
        if !self.struck_texts.is_empty() {
            let now = unstruck.as_deref().unwrap_or(cells);
            if let Some(left) = self.struck_text_out_of(row, now, &mut struck_notes) {
                unstruck = Some(left);
            }
        }
        let cells = unstruck.as_deref().unwrap_or(cells);
        if !self.filling.is_empty() {
            self.note_merged_name(row, cells);
        }
        let width = used_width(cells.iter().map(|c| match c {
            Cell::Text(t) => t.as_str(),
            Cell::Empty => "",
            _ => "0",
        }));
        self.width = self.width.max(width);
        self.count_unused(cells, width);
        let Some((_, roles, names)) = &self.header else {
            return;
        };
        if roles.is_empty() {
            return;
        }
        // The row's text is made room for once, at its exact size (a buffer grown cell by
        // cell is copied each time and ends with up to twice the room it needs; one sized by
        // guess keeps the guess's slack: a million rows of either).
        let texts = self.row_texts(cells, roles, names);
        let mut raw = self.raw_row(row, &texts);
        struck_notes.sort_by_key(|(c, _)| *c);
        for (_, note) in &struck_notes {
            raw.push(Role::Note, note);
        }
        if !self.comments.is_empty() {
            // A clerk's comment on a cell of the row is one of its notes.
            for (_, text) in of_row(&self.comments, row, |(r, _)| *r) {
                raw.push(Role::Note, text);
            }
        }
        if self.blank_row(row, cells) {
            return;
        }
        match self.skip_reason(cells, &raw) {
            Some(reason) => self.skip_row(row, reason, raw),
            None => self.rows.push(raw),
        }
    }

    /// The sheet's rows a clerk struck through (numbered as Excel numbers them, ascending).
    pub fn set_struck_rows(&mut self, rows: Vec<u32>) {
        self.struck_rows = rows;
    }

    /// Row `row`'s cells with a contact value a clerk struck through (an old number, email or
    /// address) emptied, each as a note («Điện thoại (gạch ngang trong sổ): 0912345678»);
    /// `None` when the row has none. Other cells struck keep their values.
    fn struck_out_of(
        &mut self,
        row: u32,
        cells: &[Cell],
        notes: &mut Vec<(usize, String)>,
    ) -> Option<Vec<Cell>> {
        let columns: Vec<usize> = (of_row(&self.struck_cells, row, |(r, _)| *r).iter())
            .map(|&(_, c)| c as usize)
            .collect();
        let (_, roles, names) = self.header.as_ref()?;
        let mut out: Option<Vec<Cell>> = None;
        for c in columns {
            let Some(Some(role)) = roles.get(c) else {
                continue;
            };
            // Text struck in runs says itself which part is struck (LibreOffice gives the cell
            // the format of its first run: struck, when the old number comes first).
            if !contact_role(*role) || self.struck_text_at(row, c as u32) {
                continue;
            }
            let text = cells
                .get(c)
                .map(|cell| cell.text_for(*role))
                .unwrap_or_default();
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            notes.push((c, struck_note(names, c, text)));
            out.get_or_insert_with(|| cells.to_vec())[c] = Cell::Empty;
        }
        if out.is_some() {
            self.struck_cells_noted.push(row);
        }
        out
    }

    /// Row `row`'s cells part of whose text a clerk struck through (the old number beside
    /// the new one, a former street before the new): the part left read as the cell, the
    /// struck part as a note («Điện thoại (gạch ngang trong sổ): 0912345678»), in any column
    /// read. A contact cell struck whole this way is as one struck by its format
    /// ([`Self::struck_out_of`]). `None` when the row has none.
    fn struck_text_out_of(
        &mut self,
        row: u32,
        cells: &[Cell],
        notes: &mut Vec<(usize, String)>,
    ) -> Option<Vec<Cell>> {
        let (_, roles, names) = self.header.as_ref()?;
        let mut out: Option<Vec<Cell>> = None;
        for ((_, c), struck) in of_row(&self.struck_texts, row, |((r, _), _)| *r) {
            let c = *c as usize;
            let Some(Some(role)) = roles.get(c) else {
                continue;
            };
            // The cell must show the string (read by calamine as the guard read it).
            if !matches!(cells.get(c), Some(Cell::Text(t)) if *t == struck.full) {
                continue;
            }
            let whole = struck.kept.trim().is_empty();
            if whole && !contact_role(*role) {
                continue;
            }
            notes.push((c, struck_note(names, c, &struck.struck.join("; "))));
            let left = if whole {
                Cell::Empty
            } else {
                Cell::Text(struck.kept.clone())
            };
            out.get_or_insert_with(|| cells.to_vec())[c] = left;
        }
        if out.is_some() && self.struck_cells_noted.last() != Some(&row) {
            self.struck_cells_noted.push(row);
        }
        out
    }

    /// Whether the cell at (`row`, `column`) has text struck in runs.
    fn struck_text_at(&self, row: u32, column: u32) -> bool {
        (self.struck_texts)
            .binary_search_by_key(&(row, column), |(at, _)| *at)
            .is_ok()
    }

    /// The sheet's cells with part of their text struck through: ((row, column), the text),
    /// in sheet order.
    pub fn set_struck_texts(&mut self, texts: Vec<guard::StruckCell>) {
        self.struck_texts = texts;
    }

    /// The sheet's cells struck through on rows not struck whole: (row, column), sorted.
    pub fn set_struck_cells(&mut self, cells: Vec<(u32, u32)>) {
        self.struck_cells = cells;
    }

    /// The comments on the sheet's cells: (row as Excel numbers it, text), sorted by row.
    pub fn set_comments(&mut self, comments: Vec<(u32, String)>) {
        self.comments = comments;
    }

    /// The sheet's cells merged over several rows: a clerk merges a customer's name and
    /// address down the rows of its phones or orders, and only the first row holds them.
    pub fn set_merges(&mut self, merges: Vec<guard::TallMerge>) {
        self.merges = merges;
    }

    /// The row with the values of the merged areas it lies in filled in (`None` when none
    /// applies): each area's value is its first data row's. A row with nothing of its own
    /// stays blank; areas that start in the header or above it fill nothing.
    fn fill_merged(&mut self, row: u32, cells: &[Cell]) -> Option<Vec<Cell>> {
        let empty = Cell::is_blank;
        self.filling.retain(|f| f.1 >= row);
        let mut out: Option<Vec<Cell>> = None;
        if !cells.iter().all(empty) {
            for (_, _, col, value) in &self.filling {
                if cells.get(*col).is_none_or(empty) {
                    let v = out.get_or_insert_with(|| cells.to_vec());
                    if v.len() <= *col {
                        v.resize(col + 1, Cell::Empty);
                    }
                    v[*col] = value.clone();
                }
            }
        }
        while let Some(m) = self.merges.get(self.next_merge) {
            if m.first_row > row {
                break;
            }
            if m.first_row == row {
                if let Some(c) = cells.get(m.column as usize).filter(|c| !empty(c)) {
                    self.filling
                        .push((m.first_row, m.last_row, m.column as usize, c.clone()));
                }
            }
            self.next_merge += 1;
        }
        out
    }

    /// Notes the row when the customer's name it holds is all in cells merged down rows from
    /// one first row: the clerk wrote one customer over those rows (their phones, their
    /// orders), and they are joined as one. A name of parts («Họ» merged over a family, «Tên»
    /// apart) is not: those rows may be a household's people.
    fn note_merged_name(&mut self, row: u32, cells: &[Cell]) {
        let Some((_, roles, _)) = &self.header else {
            return;
        };
        if self.invoices {
            return;
        }
        let mut first = None;
        for (col, role) in roles.iter().enumerate() {
            if *role != Some(Role::Name) || cells.get(col).is_none_or(Cell::is_blank) {
                continue;
            }
            let area = self.filling.iter().find(|f| f.2 == col).map(|f| f.0);
            match (area, first) {
                (Some(a), None) => first = Some(a),
                (Some(a), Some(b)) if a == b => {}
                _ => return,
            }
        }
        if let Some(first) = first {
            self.merged_names.push((row, first));
        }
    }

    /// Counts the row's values in columns not used (a clerk's «Ngày sinh» in the adopted book):
    /// the cleaned book will not carry them, and the run says so. Invoice listings are not
    /// counted: their goods, prices and totals are never customer data.
    fn count_unused(&mut self, cells: &[Cell], width: usize) {
        let Some((_, roles, _)) = &self.header else {
            return;
        };
        if self.invoices || roles.is_empty() || !(self.has_unused || width > roles.len()) {
            return;
        }
        let filled: SmallVec<[usize; 4]> = cells[..width]
            .iter()
            .enumerate()
            .filter(|&(i, c)| roles.get(i).is_none_or(Option::is_none) && !c.is_blank())
            .map(|(i, _)| i)
            .collect();
        for i in filled {
            if self.unused_filled.len() <= i {
                self.unused_filled.resize(i + 1, 0);
            }
            self.unused_filled[i] += 1;
        }
    }

    /// The row's texts by role, in the columns' order: a labelled column's under its header
    /// («Địa chỉ nhà: …»), the parts of an address or a name joined to their whole; gathered
    /// first so that the row's text is then sized from them at once.
    #[inline]
    fn row_texts<'c>(
        &self,
        cells: &'c [Cell],
        roles: &[Option<Role>],
        names: &[String],
    ) -> SmallVec<[(Role, Cow<'c, str>); 24]> {
        let parts = self.name_parts;
        let is_part = |i: usize| {
            parts.is_some_and(|p| i == p.family || i == p.given) || self.address_parts.contains(&i)
        };
        let mut texts: SmallVec<[(Role, Cow<'c, str>); 24]> = cells
            .iter()
            .zip(roles.iter())
            .enumerate()
            .filter_map(|(i, (cell, role))| match (cell, role) {
                (Cell::Empty, _) | (_, None) => None,
                _ if is_part(i) => None,
                (_, Some(role)) if self.labelled.contains(&i) => {
                    let text = cell.text_for(*role);
                    let text = text.trim();
                    (!text.is_empty())
                        .then(|| (*role, Cow::Owned(format!("{}: {text}", names[i].trim()))))
                }
                (_, Some(role)) => Some((*role, cell.text_for(*role))),
            })
            .collect();
        if !self.address_parts.is_empty() {
            complete_addresses(&mut texts, cells, (roles, names), &self.address_parts);
        }
        // A name in two columns: family name (and middle names), then the given name (unless
        // the row has the whole name in its own column).
        let whole_typed = |w: usize| {
            cells
                .get(w)
                .is_some_and(|c| !c.text_for(Role::Name).trim().is_empty())
        };
        if let Some(p) = parts.filter(|p| !p.whole.is_some_and(whole_typed)) {
            let part = |i: usize| cells.get(i).map(|c| c.text_for(p.role)).unwrap_or_default();
            let (family, given) = (part(p.family), part(p.given));
            let (family, given) = (family.trim(), given.trim());
            // A whole name typed in the given name's cell ("Nguyễn" | "Nguyễn Văn Hùng") is not
            // given its family name twice.
            let fold = crate::normalize::text::fold_key;
            let whole =
                !family.is_empty() && fold(given).starts_with(&format!("{} ", fold(family)));
            let joined = if whole {
                given.to_string()
            } else {
                format!("{family} {given}")
            };
            if !joined.trim().is_empty() {
                texts.push((p.role, Cow::Owned(joined.trim().to_string())));
            }
        }
        texts
    }

    /// The row as read: its `texts` in one buffer of their exact size, the person named taken
    /// for the customer where the organisation column names none.
    #[inline]
    fn raw_row(&self, row: u32, texts: &[(Role, Cow<'_, str>)]) -> RawRow {
        let mut roles_seen = 0u32;
        let room = texts
            .iter()
            .map(|(role, text)| {
                let text = text.trim();
                let again = roles_seen & (1 << *role as u32) != 0;
                roles_seen |= (!text.is_empty() as u32) << *role as u32;
                text.len() + if again && !text.is_empty() { 3 } else { 0 }
            })
            .sum();
        let mut raw = RawRow::with_capacity(0, row, room);
        for (role, text) in texts {
            raw.push(*role, text);
        }
        if self.person_stands_in
            && no_organisation(raw.get(Role::Name))
            && !raw.get(Role::Contact).is_empty()
        {
            // No organisation on this row: the person named is the customer.
            let person = raw.get(Role::Contact).to_string();
            raw.set(Role::Contact, "");
            raw.set(Role::Name, &person);
        }
        raw
    }

    /// Whether the row is blank: it waits, as a blank row counts only when data follows it;
    /// else the blank rows before it are skipped as such.
    #[inline]
    fn blank_row(&mut self, row: u32, cells: &[Cell]) -> bool {
        let blank = cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        });
        if blank {
            // Blank rows count only when data follows them (trailing formatted rows do not).
            self.pending_blank.push(row);
            return true;
        }
        for b in self.pending_blank.drain(..) {
            self.empty_rows += 1;
            self.skipped.push(SkippedRow {
                source: 0,
                row: b,
                reason: SkipReason::Blank,
            });
        }
        false
    }

    /// Why a row that is not blank is no customer's, the first rule that says so; `None`
    /// for a customer's row.
    #[inline]
    fn skip_reason(&self, cells: &[Cell], raw: &RawRow) -> Option<SkipReason> {
        if self.deleted_sheet {
            return Some(SkipReason::DeletedSheet);
        }
        if is_column_numbers(cells) {
            return Some(SkipReason::ColumnNumbers);
        }
        if let Some((_, _, names)) = &self.header {
            if repeats_header(cells, names) {
                return Some(SkipReason::HeaderRepeated);
            }
        }
        if is_totals_row(raw) || (self.invoices && is_totals_in_first_cell(cells, raw)) {
            return Some(SkipReason::Totals);
        }
        if !self.invoices && is_section_heading(raw) {
            return Some(SkipReason::SectionHeading);
        }
        // An invoice number and a date have digits; the signature block's names and titles
        // stand in those columns too ("Kế toán trưởng", "(Ký, họ tên)").
        let digits = |role| raw.get(role).bytes().any(|b| b.is_ascii_digit());
        if self.invoices && !digits(Role::InvoiceNo) && !digits(Role::Date) {
            return Some(SkipReason::NotAnInvoice);
        }
        let status = self.status.and_then(|c| cells.get(c)).map(Cell::display);
        if self.invoices
            && (status.as_deref().is_some_and(is_cancelled) || is_cancelled(raw.get(Role::Note)))
        {
            return Some(SkipReason::CancelledInvoice);
        }
        let identifying = [
            Role::Name,
            Role::Phone,
            Role::PhoneFixed,
            Role::Email,
            Role::TaxCode,
        ];
        // A name cell that names nobody («-», «N/A», «Khách lẻ») is no name (asked last: a
        // row with a phone needs no look at its name); a contact cell that says there is
        // nothing («không có», «-», an Excel error value) is no contact.
        let nobody = identifying.iter().filter(|&&r| r != Role::Name).all(|&r| {
            let v = raw.get(r).trim();
            v.is_empty() || crate::normalize::text::is_placeholder(v)
        }) && {
            use crate::normalize::name::{is_placeholder, lift_contacts};
            let name = raw.get(Role::Name).trim();
            // («0912345678» in the name cell is a phone: normalisation lifts it.)
            name.is_empty() || (is_placeholder(name) && lift_contacts(name).is_none())
        };
        if self.invoices
            && (nobody
                || (raw.get(Role::TaxCode).trim().is_empty()
                    && is_anonymous_buyer(raw.get(Role::Name))))
        {
            // An invoice line (it has a number or a date) whose buyer is nobody in particular.
            return Some(SkipReason::AnonymousSale);
        }
        nobody.then_some(SkipReason::NoIdentity)
    }

    /// Skips a row with its reason; a listing's totals line, a cancelled invoice and a retail
    /// sale are kept aside too, for the accountant's sums ([`Aside`]).
    #[inline]
    fn skip_row(&mut self, row: u32, reason: SkipReason, raw: RawRow) {
        self.skipped.push(SkippedRow {
            source: 0,
            row,
            reason,
        });
        let aside = match reason {
            SkipReason::Totals => &mut self.aside.totals,
            SkipReason::CancelledInvoice => &mut self.aside.cancelled,
            SkipReason::AnonymousSale => &mut self.aside.retail,
            _ => return,
        };
        aside.push(raw);
    }

    /// Adds this table to the file's yield, if it was a ledger. Source indices are local to the
    /// file (0 = the file's first source) until `read_all` rebases them.
    pub fn finish(mut self, y: &mut FileYield) {
        if self.header.is_none() {
            self.find_header();
        }
        let Some((header_row, mut roles, mut names)) = self.header.take() else {
            return;
        };
        // A staff list («Họ tên nhân viên», «Điện thoại», «Email») names no customer.
        // So is a sheet called «Nhân viên», or one of employees' codes and posts, that has no
        // column speaking of a customer.
        let staff = !roles
            .iter()
            .any(|r| matches!(r, Some(Role::Name | Role::Contact)))
            && names.iter().any(|h| header::names_staff_member(h))
            || (self.staff_sheet || header::lists_staff_records(&names))
                && !names.iter().any(|h| header::names_a_customer(h))
                && !roles.iter().any(|r| {
                    matches!(
                        r,
                        Some(
                            Role::Contact
                                | Role::TaxCode
                                | Role::CustomerId
                                | Role::Delivery
                                | Role::InvoiceNo
                        )
                    )
                });
        // A list of invoices whose party is the seller (the portal's purchase list): the
        // company's suppliers, no customer (its «Tên người bán» reads as a staff column too).
        let sellers = self.sellers
            || roles.contains(&Some(Role::InvoiceNo))
                && !roles.contains(&Some(Role::Name))
                && names.iter().any(|h| header::names_seller(h));
        if roles.is_empty() || staff || sellers {
            y.notices.push(Notice::NotALedger {
                file: self.file.to_string(),
                sheet: self.sheet.clone(),
                staff: staff && !sellers,
                sellers,
            });
            return;
        }
        let idx = y.sources.len() as u32;
        names.resize(self.width.max(names.len()), String::new());
        roles.resize(names.len(), None);
        let kind = if roles.contains(&Some(Role::InvoiceNo)) {
            SourceKind::Invoices
        } else {
            SourceKind::Customers
        };
        y.sources.push(Source {
            file: self.file.to_string(),
            sheet: self.sheet,
            kind,
            format: self.format,
            encoding: self.encoding,
            header_row,
            columns: names.into_iter().zip(roles).collect(),
            inferred: self.inferred,
            unused_filled: (self.unused_filled.iter().enumerate())
                .filter(|&(_, &n)| n > 0)
                .map(|(i, &n)| (i, n))
                .collect(),
            merged_names: self.merged_names,
            struck_rows: self.struck_rows,
            struck_cells_noted: self.struck_cells_noted,
            data_rows: self.rows.len() as u64 + self.skipped.len() as u64,
            empty_rows: self.empty_rows,
        });
        for r in &mut self.rows {
            r.source = idx;
        }
        move_or_extend(&mut y.rows, self.rows);
        y.skipped.extend(self.skipped.into_iter().map(|mut s| {
            s.source = idx;
            s
        }));
        y.aside.append(self.aside, |_| idx);
    }

    /// Makes room for the rows a sheet announces (its dimensions) or a file's bytes can hold,
    /// so a million-row sheet is not grown by doubling (each doubling a fresh copy), and for
    /// `later` rows that will be joined to these (the workbook's other sheets and the inputs
    /// after it; 0 but for the first). Capped at Excel's row limit: the dimensions of a crafted
    /// file may claim anything.
    pub fn expect_rows_then(&mut self, rows: u64, later: u64) {
        self.rows
            .reserve((rows.min(EXCEL_ROWS) + later.min(LATER_ROWS_AT_MOST)) as usize);
    }
}

/// Rows of an Excel sheet, at most.
const EXCEL_ROWS: u64 = 1_048_576;

/// Appends `more` to `rows`, moving the vector instead of copying it when `rows` has nothing
/// yet (a sheet's rows become its file's, a file's the run's, without a copy each time).
fn move_or_extend(rows: &mut Vec<RawRow>, more: Vec<RawRow>) {
    if rows.capacity() == 0 {
        *rows = more;
    } else {
        rows.extend(more);
    }
}

/// Whether a row is the header again: at least two of its cells are the header's texts in
/// their columns, and those are most of its cells (a pasted block's header, a printed
/// page's). Stops at the first cell that differs before one has matched: a data row costs a
/// look at its first cell.
fn repeats_header(cells: &[Cell], names: &[String]) -> bool {
    let (mut same, mut other) = (0usize, 0usize);
    for (cell, name) in cells.iter().zip(names) {
        let matches = match cell {
            Cell::Empty => continue,
            Cell::Text(t) => {
                let (t, n) = (t.trim(), name.trim());
                if t.is_empty() {
                    continue;
                }
                t == n || (t.len() == n.len() && t.to_lowercase() == n.to_lowercase())
            }
            _ => false,
        };
        if matches {
            same += 1;
        } else {
            other += 1;
            if other > same {
                return false;
            }
        }
    }
    same >= 2 && same >= 2 * other
}

/// Columns up to and including the last cell that is not blank.
fn used_width<'c>(cells: impl Iterator<Item = &'c str>) -> usize {
    let mut width = 0;
    for (i, c) in cells.enumerate() {
        if !c.trim().is_empty() {
            width = i + 1;
        }
    }
    width
}

/// "Tổng cộng" / "Cộng" lines at the foot of an invoice listing are sums, not buyers.
/// An organisation column's cell that names none: empty, or a placeholder a web form's user
/// typed ("-", "N/A", "không", "cá nhân").
fn no_organisation(cell: &str) -> bool {
    let key = crate::normalize::text::fold_key(cell);
    key.is_empty()
        || matches!(
            key.as_str(),
            "n a"
                | "na"
                | "none"
                | "null"
                | "khong"
                | "khong co"
                | "ca nhan"
                | "personal"
                | "individual"
        )
}

#[cfg(test)]
mod tests {
    /// A date cell reads as chrono's `%Y-%m-%d` writes it, at the ends of its years too.
    #[test]
    fn iso_dates_as_chrono_writes_them() {
        use chrono::NaiveDate;
        for d in [
            NaiveDate::from_ymd_opt(2024, 3, 5),
            NaiveDate::from_ymd_opt(1900, 1, 1),
            NaiveDate::from_ymd_opt(9999, 12, 31),
            NaiveDate::from_ymd_opt(10000, 1, 1),
            NaiveDate::from_ymd_opt(0, 1, 1),
            NaiveDate::from_ymd_opt(-1, 12, 31),
            NaiveDate::from_ymd_opt(99, 7, 9),
        ] {
            let d = d.unwrap();
            assert_eq!(super::iso_date(d), d.format("%Y-%m-%d").to_string());
        }
    }

    use super::*;

    #[test]
    fn a_totals_line_has_a_totals_label_and_no_identifier() {
        let row = |cells: &[(Role, &str)]| {
            let mut r = RawRow::new(0, 9);
            for &(role, v) in cells {
                r.push(role, v);
            }
            r
        };
        assert!(is_totals_row(&row(&[(Role::Name, "Tổng cộng")])));
        assert!(is_totals_row(&row(&[
            (Role::RowNo, "CỘNG"),
            (Role::Name, "")
        ])));
        assert!(is_totals_row(&row(&[(Role::Name, "Total")])));
        // A buyer with an identifier is a buyer, whatever the name says.
        for id in [Role::Phone, Role::Email, Role::TaxCode] {
            assert!(!is_totals_row(&row(&[
                (Role::Name, "Tổng cộng"),
                (id, "0912345678")
            ])));
        }
        assert!(!is_totals_row(&row(&[(
            Role::Name,
            "Tổng Công ty Hà Thành"
        )])));
        assert!(!is_totals_row(&row(&[(Role::Name, "Nguyễn Văn An")])));
    }

    /// A workbook of ledger sheets (name, data rows) with a name and a phone on each row; a
    /// sheet of no rows is a note, not a ledger.
    fn ledger_xlsx(path: &Path, sheets: &[(&str, u32)]) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for &(sheet, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(sheet).unwrap();
            if rows == 0 {
                ws.write_string(0, 0, "ghi chú").unwrap();
                continue;
            }
            ws.write_string(0, 0, "Tên khách hàng").unwrap();
            ws.write_string(0, 1, "Điện thoại").unwrap();
            for r in 1..=rows {
                ws.write_string(r, 0, format!("{sheet} {r}")).unwrap();
                ws.write_string(r, 1, format!("09{r:08}")).unwrap();
            }
        }
        wb.save(path).unwrap();
    }

    /// The row that numbers a form's columns is no customer; a customer's row never reads so.
    #[test]
    fn a_row_numbering_the_columns() {
        let text = |v: &[&str]| -> Vec<Cell> {
            v.iter()
                .map(|t| {
                    if t.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(t.to_string())
                    }
                })
                .collect()
        };
        assert!(is_column_numbers(&text(&["(1)", "(2)", "(3)", "(4)"])));
        assert!(is_column_numbers(&text(&["1", "2", "", "3"])));
        assert!(is_column_numbers(&[
            Cell::Int(1),
            Cell::Int(2),
            Cell::Float(3.0)
        ]));
        assert!(!is_column_numbers(&text(&["(1)", "(2)"])));
        assert!(!is_column_numbers(&text(&["1", "3", "4"])));
        assert!(!is_column_numbers(&text(&["1", "An", "0912000001"])));
        assert!(!is_column_numbers(&[
            Cell::Int(1),
            Cell::Int(2),
            Cell::Int(912000001)
        ]));
    }

    /// A block pasted with its header, or a sheet printed page by page: the header typed
    /// again under the header is skipped with its reason, not a customer named «Tên khách
    /// hàng»; rows that only share a word with the header are customers.
    #[test]
    fn the_header_typed_again_is_no_customer() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("kh.csv");
        std::fs::write(
            &csv,
            "STT,Tên khách hàng,Điện thoại,Địa chỉ
             1,Nguyễn Văn An,0912000001,Huế
             STT,TÊN KHÁCH HÀNG,Điện thoại,Địa chỉ
             2,Trần Thị Bình,0912000002,Địa chỉ
             ,Tên khách hàng,0912000003,
",
        )
        .unwrap();
        let ing = read_all(&[csv], &Options::default());
        let skipped: Vec<(u32, SkipReason)> =
            ing.skipped.iter().map(|s| (s.row, s.reason)).collect();
        assert_eq!(skipped, [(3, SkipReason::HeaderRepeated)]);
        let rows: Vec<u32> = ing.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, [2, 4, 5]);
        let names = ["STT", "Họ tên", "Điện thoại"].map(String::from);
        let text = |v: &str| Cell::Text(v.into());
        assert!(repeats_header(&[text("STT"), text("họ tên")], &names));
        assert!(!repeats_header(&[Cell::Int(1), text("Họ tên")], &names));
        assert!(!repeats_header(&[Cell::Empty, text("Họ tên")], &names));
    }

    /// An organisation's name column beside a person's (an invoice listing's "Tên đơn vị mua
    /// hàng" and "Họ tên người mua hàng", a web shop's `company` and `full_name`): the
    /// organisation is the customer and the person its contact; a row without an organisation
    /// is the person's own, whichever column comes first.
    #[test]
    fn an_organisation_column_beside_a_person_column() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("hd.csv");
        std::fs::write(
            &csv,
            "Họ tên người mua hàng;Tên đơn vị mua hàng;Mã số thuế\n\
             Nguyễn Văn An;Công ty TNHH Hòa Phát;0100100008\n\
             Trần Thị Bình;;\n\
             ;Lê Văn Cường;\n",
        )
        .unwrap();
        let web = dir.path().join("web.csv");
        std::fs::write(
            &web,
            "company,full_name,phone_number\nAn Phát JSC,Mai Lan,0912000001\n,Hồ Vy,0912000002\n\
             N/A,Lý Na,0912000003\n",
        )
        .unwrap();
        let ing = read_all(&[csv, web], &Options::default());
        assert!(ing.problems.is_empty(), "{:?}", ing.problems);
        let got: Vec<(&str, &str)> = ing
            .rows
            .iter()
            .map(|r| (r.get(Role::Name), r.get(Role::Contact)))
            .collect();
        assert_eq!(
            got,
            [
                ("Công ty TNHH Hòa Phát", "Nguyễn Văn An"),
                ("Trần Thị Bình", ""),
                ("Lê Văn Cường", ""),
                ("An Phát JSC", "Mai Lan"),
                ("Hồ Vy", ""),
                ("Lý Na", ""),
            ]
        );
    }

    /// The first rows handed over (a workbook's first sheet, or the first file) come with room
    /// for every row joined after them, whichever sheet or file is read last: the next stage
    /// makes the same room in its records, so joining them copies no record twice.
    #[test]
    fn the_first_rows_make_room_for_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("book.xlsx");
        ledger_xlsx(&xlsx, &[("Big", 700), ("Small", 3), ("Mid", 40)]);
        let csv = dir.path().join("web.csv");
        std::fs::write(&csv, "Họ tên,SĐT\nAn,0912000001\nBình,0912000002\n").unwrap();
        // (A file after the first is estimated from its bytes, 40 a row at least: a listing's
        // are, and a workbook's zipped rows too, but not the few short rows of a test book.)
        let listing = dir.path().join("ban-hang.csv");
        let lines: String = (0..300)
            .map(|i| format!("Nguyễn Văn An {i},09120{i:05},\"Số {i} Lê Lợi, Quận 1\"\n"))
            .collect();
        std::fs::write(&listing, format!("Tên,SĐT,Địa chỉ\n{lines}")).unwrap();
        for inputs in [[xlsx.clone(), csv.clone()], [csv.clone(), listing.clone()]] {
            let (ing, parts) =
                read_all_metered(&inputs, &Options::default(), None, |rows, room| {
                    (rows.len(), room)
                });
            assert!(ing.problems.is_empty(), "{:?}", ing.problems);
            let (first, room) = parts[0];
            assert!(
                room >= ing.rows.len() - first,
                "room for {room} rows after the first {first}, {} in all ({inputs:?})",
                ing.rows.len()
            );
            // The parts cover every row once.
            assert_eq!(parts.iter().map(|p| p.0).sum::<usize>(), ing.rows.len());
        }
    }

    /// `read_all_then` hands over sheets and files in parallel; what comes back must line up
    /// with `Ingested::rows` row for row (the normalised rows are matched to raw rows by index).
    #[test]
    fn results_of_then_line_up_with_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("book.xlsx");
        ledger_xlsx(
            &xlsx,
            &[("Big", 700), ("Small", 3), ("Notes", 0), ("Mid", 40)],
        );
        let csv = dir.path().join("web.csv");
        std::fs::write(&csv, "Họ tên,SĐT\nAn,0912000001\nBình,0912000002\n").unwrap();

        let (ing, parts) = read_all_then(&[csv, xlsx], &Options::default(), |rows| {
            rows.iter()
                .map(|r| (r.row, r.get(Role::Name).to_string()))
                .collect::<Vec<_>>()
        });
        assert!(ing.problems.is_empty(), "{:?}", ing.problems);
        let expected: Vec<(u32, String)> = ing
            .rows
            .iter()
            .map(|r| (r.row, r.get(Role::Name).to_string()))
            .collect();
        assert_eq!(expected.len(), 2 + 700 + 3 + 40);
        assert_eq!(parts.concat(), expected);
        assert_eq!(expected[2].1, "Big 1");
        assert_eq!(expected[2 + 700].1, "Small 1");
    }

    /// The reading progress: the meter's total is the inputs' size from the start, never
    /// overshot, and the meter ends at the total, a file it could not read included.
    #[test]
    fn the_read_meter_counts_the_inputs_bytes_as_they_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("book.xlsx");
        ledger_xlsx(&xlsx, &[("Big", 20_000), ("Small", 30)]);
        let csv = dir.path().join("web.csv");
        let mut text = String::from("Họ tên,SĐT\n");
        for r in 0..10_000 {
            text.push_str(&format!("Khách {r},09{r:08}\n"));
        }
        std::fs::write(&csv, &text).unwrap();
        let broken = dir.path().join("hong.xlsx");
        std::fs::write(&broken, b"PK\x03\x04 not a zip").unwrap();
        let size = |p: &PathBuf| std::fs::metadata(p).unwrap().len();
        let total = size(&xlsx) + size(&csv) + size(&broken);

        let meter = ReadMeter::default();
        let (ing, seen) = read_all_metered(
            &[csv, xlsx, broken],
            &Options::default(),
            Some(&meter),
            |rows, _| (rows.len(), meter.done(), meter.total()),
        );
        assert_eq!(ing.problems.len(), 1, "{:?}", ing.problems);
        assert!(seen.iter().all(|&(_, _, t)| t == total), "{seen:?}");
        assert!(seen.iter().all(|&(_, d, _)| d <= total), "{seen:?}");
        assert!(seen.iter().any(|&(n, _, _)| n == 20_000), "{seen:?}");
        assert_eq!(meter.done(), total);
        assert_eq!(meter.total(), total);
    }

    /// The first file makes room for the rows of the files after it, guessed generously from
    /// their sizes; the others make none (their rows are copied into the first file's).
    #[test]
    fn each_file_makes_room_for_the_rows_of_the_files_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, String)> = [("a.xlsx", 4000), ("b.csv", 800), ("c.csv", 400)]
            .iter()
            .map(|(name, size)| {
                let p = dir.path().join(name);
                std::fs::write(&p, vec![b'x'; *size]).unwrap();
                (p, name.to_string())
            })
            .collect();
        assert_eq!(later_rows(&files), [1200 / 40, 0, 0]);
    }

    #[test]
    fn a_share_never_credits_more_than_its_file_and_credits_the_rest_when_dropped() {
        let meter = ReadMeter::default();
        {
            let share = Share {
                meter: Some(&meter),
                size: 100,
                credited: AtomicU64::new(0),
                later_rows: 0,
            };
            share.add(60);
            share.add(60);
            assert_eq!(meter.done(), 100);
        }
        {
            let share = Share {
                meter: Some(&meter),
                size: 50,
                credited: AtomicU64::new(0),
                later_rows: 0,
            };
            share.add(10);
            assert_eq!(meter.done(), 110);
        }
        assert_eq!(meter.done(), 150);
    }

    /// Issue 16: "Liên hệ" over phone numbers, an unnamed email column and a stray column
    /// without header: every column is listed, the ones the cells decided are marked, and a
    /// sokhach.toml override still wins.
    #[test]
    fn cells_decide_unknown_columns_and_every_column_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("so-khach.csv");
        std::fs::write(
            &csv,
            "DANH SÁCH KHÁCH HÀNG\n\
             STT;Họ tên;Liên hệ;Số máy;;Ghi chú\n\
             1;Nguyễn Văn An;0907-353-643 Hoặc 02743088473;0912345678;an@x.vn;\n\
             2;Trần Thị Bình;0987 654 321;0903000000;binh@y.vn;khách cũ;xem lại\n",
        )
        .unwrap();
        let ing = read_all(std::slice::from_ref(&csv), &Options::default());
        assert!(ing.problems.is_empty(), "{:?}", ing.problems);
        let s = &ing.sources[0];
        let cols: Vec<(&str, Option<Role>)> =
            s.columns.iter().map(|(h, r)| (h.as_str(), *r)).collect();
        assert_eq!(
            cols,
            [
                ("STT", Some(Role::RowNo)),
                ("Họ tên", Some(Role::Name)),
                ("Liên hệ", Some(Role::Phone)),
                ("Số máy", Some(Role::Phone)),
                ("", Some(Role::Email)),
                ("Ghi chú", Some(Role::Note)),
                ("", None),
            ]
        );
        assert_eq!(
            s.inferred,
            [
                InferredColumn {
                    column: 2,
                    header_role: Some(Role::Contact)
                },
                InferredColumn {
                    column: 4,
                    header_role: None
                },
            ]
        );
        // The column nothing reads holds one value: counted, for the run to say so.
        assert_eq!(s.unused_filled, [(6, 1)]);
        let r = &ing.rows[0];
        assert_eq!(
            r.get(Role::Phone),
            "0907-353-643 Hoặc 02743088473 / 0912345678"
        );
        assert_eq!((r.get(Role::Contact), r.get(Role::Email)), ("", "an@x.vn"));

        let opts = Options {
            overrides: vec![ColumnOverride {
                file: "so-khach.csv".into(),
                sheet: None,
                header: "Liên hệ".into(),
                role: "contact".into(),
            }],
            ..Options::default()
        };
        let ing = read_all(&[csv], &opts);
        let s = &ing.sources[0];
        assert_eq!(s.columns[2].1, Some(Role::Contact));
        assert_eq!(s.inferred.len(), 1);
        assert_eq!(
            ing.rows[0].get(Role::Contact),
            "0907-353-643 Hoặc 02743088473"
        );
    }
}
