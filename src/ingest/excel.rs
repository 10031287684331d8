//! Workbooks through calamine, after the zip guard. xlsx and xlsb sheets are streamed cell by
//! cell (the rectangle reader allocates the whole used range, which a stray cell at XFD1048576
//! turns into hundreds of gigabytes); xls and ods are loaded per sheet (xls is small by format,
//! ods is bounded by the guard's check of repeated rows).

use super::guard;
use super::sniff::Format;
use super::{Cell, FileYield, Options, Share, TableReader, Then, CREDIT_EVERY};
use crate::error::{InputProblem, ProblemKind};
use calamine::{Data, DataRef, Reader};
use rayon::prelude::*;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// The largest serial Excel can show (31/12/9999), plus the 1904-epoch offset.
const MAX_SERIAL: f64 = 2_958_465.0 + 1_462.0;

pub(crate) fn read_workbook(
    path: &Path,
    shown: &str,
    format: Format,
    opts: &Options,
    then: &Then<'_>,
    share: &Share<'_>,
) -> Result<FileYield, InputProblem> {
    let mut ods_seen: Vec<(String, Seen)> = Vec::new();
    let mut xls_facts = guard::XlsFacts::default();
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        let limits = guard::Limits::default();
        let facts = guard::preflight_zip(path, &limits).map_err(|e| guard_problem(shown, e))?;
        if format == Format::Xlsx {
            return read_xlsx(path, shown, &facts, &limits, opts, then, share);
        }
        ods_seen = (facts.sheet_names.into_iter())
            .zip(facts.ods_merges)
            .zip(facts.ods_comments.into_iter().zip(facts.ods_struck))
            .map(|((name, merges), (comments, struck))| {
                let seen = Seen {
                    merges,
                    comments,
                    struck_rows: struck.rows,
                    struck_cells: struck.cells,
                    struck_texts: struck.texts,
                };
                (name, seen)
            })
            .collect();
    }
    if format == Format::Xls {
        // calamine aborts the process at open on a crafted DIMENSIONS record.
        xls_facts = guard::preflight_xls(path, &guard::Limits::default())
            .map_err(|e| guard_problem(shown, e))?;
    }
    let open = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|e| InputProblem::new(shown, ProblemKind::Unreadable(e.to_string())))
    };
    let mut y = FileYield::default();
    match format {
        Format::Xlsb => {
            let mut wb = calamine::Xlsb::new(open()?).map_err(|e| corrupt(shown, e.to_string()))?;
            for name in wb.sheet_names() {
                let mut table = TableReader::new(shown, Some(name.clone()), "xlsb", None, opts);
                let mut reader = wb
                    .worksheet_cells_reader(&name)
                    .map_err(|e| corrupt(shown, e.to_string()).in_sheet(&name))?;
                stream_cells(&mut table, || {
                    reader
                        .next_cell()
                        .map(|c| c.map(streamed))
                        .map_err(|e| corrupt(shown, e.to_string()).in_sheet(&name))
                })?;
                table.finish(&mut y);
            }
        }
        Format::Xls => {
            let mut wb = calamine::Xls::new(open()?).map_err(|e| match e {
                calamine::XlsError::Password => InputProblem::new(shown, ProblemKind::Encrypted),
                e => corrupt(shown, e.to_string()),
            })?;
            // An old sheet's cells merged down rows, as an xlsx's are (see `read_xlsx`).
            for name in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| corrupt(shown, e.to_string()).in_sheet(&name))?;
                let mut merges: Vec<guard::TallMerge> = wb
                    .merge_cells_by_sheet_name(&name)
                    .unwrap_or_default()
                    .iter()
                    .filter(|d| d.end.0 > d.start.0)
                    .map(|d| guard::TallMerge {
                        first_row: d.start.0 + 1,
                        last_row: d.end.0 + 1,
                        column: d.start.1,
                    })
                    .collect();
                merges.sort_by_key(|m| (m.first_row, m.column));
                // Its rows, cells and text in cells struck through and its comments, from the
                // guard's pass over its records.
                let found = (xls_facts.sheets.iter_mut())
                    .find(|s| s.sheet == name)
                    .map(std::mem::take)
                    .unwrap_or_default();
                let seen = Seen {
                    merges,
                    comments: found.comments,
                    struck_rows: found.struck_rows,
                    struck_cells: found.struck_cells,
                    struck_texts: found.struck_texts,
                };
                read_range(shown, &name, "xls", &range, opts, seen, &mut y);
            }
        }
        Format::Ods => {
            let mut wb = calamine::Ods::new(open()?).map_err(|e| match e {
                calamine::OdsError::Password => InputProblem::new(shown, ProblemKind::Encrypted),
                e => corrupt(shown, e.to_string()),
            })?;
            // Its cells merged down rows, as an xlsx's (calamine does not read an ods's).
            for name in wb.sheet_names() {
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| corrupt(shown, e.to_string()).in_sheet(&name))?;
                // (Its comments and strikes too: calamine reads none.)
                let seen = ods_seen
                    .iter_mut()
                    .find(|(n, _)| *n == name)
                    .map(|(_, m)| std::mem::take(m))
                    .unwrap_or_default();
                read_range(shown, &name, "ods", &range, opts, seen, &mut y);
            }
        }
        _ => return Err(corrupt(shown, "unsupported format".into())),
    }
    Ok(y)
}

/// An xlsx, sheet by sheet in parallel (a ledger split over a big sheet and a small one keeps
/// both cores busy; through one opening when the shared-string table is big, see
/// [`one_opening`]): each sheet's part is scanned by the guard before calamine reads its cells, and
/// its rows go to `then` as soon as the sheet is read. (Handing a big sheet's rows over in
/// batches while it is read was tried: with the sheets and files in parallel both cores are
/// already reading, the batches only waited, and memory grew by 250 MB.)
fn read_xlsx(
    path: &Path,
    shown: &str,
    facts: &guard::ZipFacts,
    limits: &guard::Limits,
    opts: &Options,
    then: &Then<'_>,
    share: &Share<'_>,
) -> Result<FileYield, InputProblem> {
    let open = || {
        let f = File::open(path)
            .map(BufReader::new)
            .map_err(|e| InputProblem::new(shown, ProblemKind::Unreadable(e.to_string())))?;
        calamine::Xlsx::new(f).map_err(|e| xlsx_problem(shown, e))
    };
    // Opened once here for the sheets' names and the rows each announces, and handed to the
    // first sheet's task (each opening parses the whole shared-string table, tens of megabytes
    // in a big book Excel saved).
    let mut first = open()?;
    let names = first.sheet_names();
    // The head of each part only, up to its `<dimension>` (preflight has bounded every
    // part's size; an error here only leaves the room unmade); the guard scans the whole
    // part before its cells are read.
    let announced: Vec<u64> = names
        .iter()
        .map(|name| {
            first
                .worksheet_cells_reader(name)
                .map_or(0, |r| u64::from(r.dimensions().end.0) + 1)
        })
        .collect();
    let assigned = assign_parts(&names, path, shown, facts, limits)?;
    // One sheet's rows, read through `wb` (its rows not yet handed to `then`).
    let read_sheet = |i: usize, wb: &mut XlsxFile| -> Result<FileYield, InputProblem> {
        let (name, part) = (&names[i], assigned[i]);
        // The sheet's part of the file, credited as its rows go by.
        let bytes = sheet_share(share.size(), facts, part);
        let mut y = FileYield::default();
        let mut table = TableReader::new(shown, Some(name.clone()), "xlsx", None, opts);
        scan_part(&mut table, (path, shown), part, facts, limits)?;
        let mut reader = wb
            .worksheet_cells_reader(name)
            .map_err(|e| xlsx_problem(shown, e).in_sheet(name))?;
        // (Of the rows the sheet's dimensions announce.)
        let rows = u64::from(reader.dimensions().end.0) + 1;
        // Room for the rows the sheet announces, as far as its bytes can hold them: a
        // crafted file's dimensions may claim a million rows in a sheet of a few bytes. The
        // first sheet's rows are the vector the other sheets' and the later inputs' join:
        // it makes room for them too.
        let later = if i == 0 {
            rows_after_first(&announced, &assigned, facts, share)
        } else {
            0
        };
        table.expect_rows_then(rows.min(bytes / 4), later);
        let (mut credited, mut last_row) = (0, 0);
        stream_cells(&mut table, || {
            let cell = reader
                .next_cell()
                .map_err(|e| xlsx_problem(shown, e).in_sheet(name))?;
            let cell = cell.map(streamed);
            if let Some(((r, _), _)) = cell {
                if r != last_row && r.is_multiple_of(CREDIT_EVERY) {
                    let upto = bytes * u64::from(r).min(rows) / rows;
                    share.add(upto.saturating_sub(credited));
                    credited = credited.max(upto);
                }
                last_row = r;
            }
            Ok(cell)
        })?;
        share.add(bytes.saturating_sub(credited));
        table.finish(&mut y);
        Ok(y)
    };
    // Its rows to `then` (the next stage starts on them at once).
    let hand_on = |y: Result<FileYield, InputProblem>| {
        y.map(|mut y| {
            y.after.push(then(&y.rows, y.room()));
            y
        })
    };
    let sheets: Vec<Result<FileYield, InputProblem>> =
        if names.len() > 1 && facts.shared_strings_bytes > ONE_OPENING_ABOVE {
            one_opening(first, shown, &announced, &read_sheet, &hand_on)
        } else {
            // Each sheet through its own opening, side by side; the first through the one
            // made above.
            let first = std::sync::Mutex::new(Some(first));
            (0..names.len())
                .into_par_iter()
                .map(|i| {
                    let taken = (i == 0)
                        .then(|| first.lock().ok().and_then(|mut f| f.take()))
                        .flatten();
                    let mut wb = match taken {
                        Some(wb) => wb,
                        None => open()?,
                    };
                    hand_on(read_sheet(i, &mut wb))
                })
                .collect()
        };
    let mut y = FileYield::default();
    for s in sheets {
        y.append(s?);
    }
    Ok(y)
}

/// The guard's scan of a sheet's part, just before its cells are read (its soundness; its
/// areas merged over rows and rows struck through, set on `table` with the comments on its
/// cells).
fn scan_part(
    table: &mut TableReader<'_>,
    (path, shown): (&Path, &str),
    part: Option<usize>,
    facts: &guard::ZipFacts,
    limits: &guard::Limits,
) -> Result<(), InputProblem> {
    let comments = part
        .and_then(|p| facts.comments.get(p).cloned())
        .unwrap_or_default();
    let parts: Vec<String> = part
        .and_then(|i| facts.sheets.get(i).cloned())
        .into_iter()
        .collect();
    let scan = guard::scan_xlsx_sheets_struck(path, &parts, limits, &facts.struck_styles)
        .map_err(|e| guard_problem(shown, e))?
        .pop()
        .unwrap_or_default();
    table.set_merges(scan.merges);
    table.set_struck_rows(scan.struck_rows);
    table.set_struck_cells(scan.struck_cells);
    table.set_comments(comments);
    let runs = scan.struck_runs || !facts.struck_strings.is_empty();
    if let (true, Some(part)) = (runs, parts.first()) {
        let mut texts = guard::struck_text_cells(path, part, limits, &facts.struck_strings)
            .map_err(|e| guard_problem(shown, e))?;
        texts.sort_by_key(|(at, _)| *at);
        table.set_struck_texts(texts);
    }
    Ok(())
}

/// Which sheet part each named sheet reads (its index in `facts.sheets`). Every sheet part is
/// scanned by the guard, read or not: each sheet's part just before it is read, every other
/// part (unnamed, or a second sheet under the same name) here.
fn assign_parts(
    names: &[String],
    path: &Path,
    shown: &str,
    facts: &guard::ZipFacts,
    limits: &guard::Limits,
) -> Result<Vec<Option<usize>>, InputProblem> {
    let assigned: Vec<Option<usize>> = names
        .iter()
        .map(|n| facts.sheet_names.iter().position(|m| m == n))
        .collect();
    let others: Vec<String> = (0..facts.sheets.len())
        .filter(|i| !assigned.contains(&Some(*i)))
        .map(|i| facts.sheets[i].clone())
        .collect();
    guard::scan_xlsx_sheets(path, &others, limits).map_err(|e| guard_problem(shown, e))?;
    Ok(assigned)
}

/// The rows the workbook's other sheets announce (as far as their bytes can hold them) and the
/// later inputs': the room the first sheet's vector makes for them to join it.
fn rows_after_first(
    announced: &[u64],
    assigned: &[Option<usize>],
    facts: &guard::ZipFacts,
    share: &Share<'_>,
) -> u64 {
    let others: u64 = announced[1..]
        .iter()
        .zip(assigned[1..].iter())
        .map(|(&n, p)| n.min(sheet_share(share.size(), facts, *p) / 4))
        .sum();
    others + share.later_rows() as u64
}

/// A workbook as calamine reads it here.
type XlsxFile = calamine::Xlsx<BufReader<File>>;

/// Above this many bytes of shared strings (what Excel and LibreOffice keep a book's text in),
/// a workbook's sheets are read through one opening (see [`one_opening`]): each opening parses
/// the whole table, 150 MB for a million-row book, a second and a half of CPU with its fresh
/// memory.
const ONE_OPENING_ABOVE: u64 = 16 * 1024 * 1024;

/// A workbook's sheets read one after the other through one opening: the smaller ones first,
/// each handed on to the next stage on another core while the next is read, the biggest last
/// (its rows handed on here, as the side-by-side reading does). Results in sheet order.
fn one_opening(
    mut wb: XlsxFile,
    shown: &str,
    announced: &[u64],
    read_sheet: &(dyn Fn(usize, &mut XlsxFile) -> Result<FileYield, InputProblem> + Sync),
    hand_on: &(dyn Fn(Result<FileYield, InputProblem>) -> Result<FileYield, InputProblem> + Sync),
) -> Vec<Result<FileYield, InputProblem>> {
    let n = announced.len();
    let biggest = (0..n)
        .max_by_key(|&i| (announced[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    // Each sheet's result has its own slot, filled by the task that hands its rows on.
    let mut slots: Vec<Option<Result<FileYield, InputProblem>>> = (0..n).map(|_| None).collect();
    rayon::scope(|s| {
        let mut big_slot = None;
        for (i, slot) in slots.iter_mut().enumerate() {
            if i == biggest {
                big_slot = Some(slot);
                continue;
            }
            let y = read_sheet(i, &mut wb);
            s.spawn(move |_| *slot = Some(hand_on(y)));
        }
        if let Some(slot) = big_slot {
            *slot = Some(hand_on(read_sheet(biggest, &mut wb)));
        }
    });
    slots
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(InputProblem::new(
                    shown,
                    ProblemKind::Corrupt("lỗi nội bộ: một trang tính chưa được đọc / internal error: a sheet was not read".into()),
                ))
            })
        })
        .collect()
}

/// The bytes of a file that one of its sheets stands for: its part's share of all the sheet
/// parts (an equal share when the sizes are unknown). Rounded up: the file is all read when
/// its last sheet is (the meter never credits a file more than its size).
fn sheet_share(file: u64, facts: &guard::ZipFacts, part: Option<usize>) -> u64 {
    let all: u64 = facts.sheet_bytes.iter().sum();
    match part.and_then(|i| facts.sheet_bytes.get(i)) {
        Some(&b) if all > 0 => (file * b).div_ceil(all),
        _ => file.div_ceil(facts.sheets.len().max(1) as u64),
    }
}

/// Groups streamed cells into rows (cells arrive in row order) and hands each row to the table.
fn stream_cells(
    table: &mut TableReader<'_>,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Cell)>, InputProblem>,
) -> Result<(), InputProblem> {
    let mut current: Option<u32> = None;
    let mut cells: Vec<Cell> = Vec::new();
    while let Some(((r, c), cell)) = next()? {
        if current != Some(r) {
            if let Some(prev) = current {
                table.push_from(prev + 1, &mut cells);
            }
            current = Some(r);
        }
        if cell == Cell::Empty {
            continue;
        }
        // Columns far to the right of any header are not ledger data; do not grow a row to
        // column XFD for one stray cell.
        let c = c as usize;
        if c >= MAX_COLUMNS {
            continue;
        }
        if cells.len() <= c {
            cells.resize(c + 1, Cell::Empty);
        }
        cells[c] = cell;
    }
    if let Some(prev) = current {
        table.push(prev + 1, cells);
    }
    Ok(())
}

/// Ledgers have tens of columns; 1,024 leaves room for wide exports.
const MAX_COLUMNS: usize = 1024;

/// What the guard saw of an .xls or .ods sheet that calamine does not read: its cells merged
/// down rows, its comments, its rows and cells struck through.
#[derive(Default)]
struct Seen {
    merges: Vec<guard::TallMerge>,
    comments: Vec<(u32, String)>,
    struck_rows: Vec<u32>,
    struck_cells: Vec<(u32, u32)>,
    struck_texts: Vec<guard::StruckCell>,
}

fn read_range(
    shown: &str,
    sheet: &str,
    format: &'static str,
    range: &calamine::Range<Data>,
    opts: &Options,
    seen: Seen,
    y: &mut FileYield,
) {
    let mut table = TableReader::new(shown, Some(sheet.to_string()), format, None, opts);
    table.set_merges(seen.merges);
    table.set_comments(seen.comments);
    table.set_struck_rows(seen.struck_rows);
    table.set_struck_cells(seen.struck_cells);
    table.set_struck_texts(seen.struck_texts);
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<Cell> = Vec::with_capacity(row.len() + c0 as usize);
        cells.resize(c0 as usize, Cell::Empty);
        cells.extend(row.iter().take(MAX_COLUMNS).map(data_cell));
        table.push(r0 + i as u32 + 1, cells);
    }
    table.finish(y);
}

fn excel_date(dt: &calamine::ExcelDateTime) -> Cell {
    let v = dt.as_f64();
    if !(0.0..=MAX_SERIAL).contains(&v) || !dt.is_datetime() {
        return Cell::Float(v);
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    match chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
        Some(date) => Cell::Date(date),
        None => Cell::Float(v),
    }
}

/// A streamed cell: its (row, column) and its value.
fn streamed(c: calamine::Cell<DataRef<'_>>) -> ((u32, u32), Cell) {
    (c.get_position(), dataref_cell(c.get_value()))
}

fn dataref_cell(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => excel_date(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}

fn data_cell(v: &Data) -> Cell {
    match v {
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

fn corrupt(shown: &str, detail: String) -> InputProblem {
    InputProblem::new(shown, ProblemKind::Corrupt(detail))
}

fn xlsx_problem(shown: &str, e: calamine::XlsxError) -> InputProblem {
    match e {
        calamine::XlsxError::Password => InputProblem::new(shown, ProblemKind::Encrypted),
        e => corrupt(shown, e.to_string()),
    }
}

fn guard_problem(shown: &str, e: guard::GuardError) -> InputProblem {
    if e.is_encrypted() {
        InputProblem::new(shown, ProblemKind::Encrypted)
    } else if e.is_corrupt() {
        corrupt(shown, e.to_string())
    } else {
        InputProblem::new(shown, ProblemKind::Hostile(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book read through one opening (as one with a big shared-string table is) gives the
    /// rows, sheets and hand-ons of the side-by-side reading, in sheet order, the biggest
    /// sheet read last whatever its place.
    #[test]
    fn one_opening_reads_what_side_by_side_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("book.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        for (sheet, rows) in [("Nhỏ", 3), ("Khách hàng", 9), ("2017", 5)] {
            let ws = wb.add_worksheet();
            ws.set_name(sheet).unwrap();
            for (c, h) in ["Tên khách hàng", "Điện thoại", "Địa chỉ"]
                .iter()
                .enumerate()
            {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for r in 1..=rows {
                ws.write_string(r, 0, format!("Nguyễn Văn {sheet} {r}"))
                    .unwrap();
                ws.write_string(r, 1, format!("09123456{r:02}")).unwrap();
                ws.write_string(r, 2, format!("{r} Lê Lợi, Q.1, TP.HCM"))
                    .unwrap();
            }
        }
        wb.save(&path).unwrap();
        let limits = guard::Limits::default();
        let mut facts = guard::preflight_zip(&path, &limits).unwrap();
        assert!(
            facts.shared_strings_bytes > 0,
            "rust_xlsxwriter writes a string table"
        );
        let opts = Options::default();
        let then: &Then<'_> = &|rows: &[crate::model::RawRow], _| Box::new(rows.len());
        let read = |facts: &guard::ZipFacts| {
            let share = Share {
                meter: None,
                size: 1000,
                credited: std::sync::atomic::AtomicU64::new(0),
                later_rows: 0,
            };
            let y = read_xlsx(&path, "book.xlsx", facts, &limits, &opts, then, &share).unwrap();
            let rows: Vec<(u32, u32, String)> = y
                .rows
                .iter()
                .map(|r| (r.source, r.row, r.get(crate::model::Role::Name).to_string()))
                .collect();
            let sheets: Vec<Option<String>> = y.sources.iter().map(|s| s.sheet.clone()).collect();
            let after: Vec<usize> = y
                .after
                .into_iter()
                .map(|a| *a.downcast::<usize>().unwrap())
                .collect();
            (rows, sheets, after)
        };
        let side_by_side = read(&facts);
        facts.shared_strings_bytes = ONE_OPENING_ABOVE + 1;
        let one = read(&facts);
        assert_eq!(one, side_by_side);
        assert_eq!(side_by_side.2, [3, 9, 5]);
        assert_eq!(side_by_side.0.len(), 17);
        assert_eq!(side_by_side.0[0].2, "Nguyễn Văn Nhỏ 1");
    }

    /// A streamed row buffer reused from row to row carries nothing over: a short row after
    /// a wide one keeps only its own cells, before and after the header is known.
    #[test]
    fn streamed_rows_carry_nothing_over() {
        use crate::model::Role;
        let text = |s: &str| Cell::Text(s.to_string());
        let mut cells: Vec<((u32, u32), Cell)> = vec![
            ((0, 0), text("Tên khách hàng")),
            ((0, 1), text("Điện thoại")),
            ((0, 2), text("Email")),
            ((0, 3), text("Địa chỉ")),
        ];
        for r in 1..40u32 {
            if r % 2 == 1 {
                cells.push(((r, 0), text(&format!("Nguyễn Văn {r}"))));
                cells.push(((r, 1), text(&format!("09123450{r:02}"))));
                cells.push(((r, 2), text(&format!("a{r}@x.vn"))));
                cells.push(((r, 3), text(&format!("{r} Lê Lợi, Hà Nội"))));
            } else {
                cells.push(((r, 0), text(&format!("Trần Thị {r}"))));
            }
        }
        let opts = Options::default();
        let mut table = TableReader::new("t.xlsx", Some("S".into()), "xlsx", None, &opts);
        let mut it = cells.into_iter();
        stream_cells(&mut table, || Ok(it.next())).unwrap();
        let mut y = FileYield::default();
        table.finish(&mut y);
        assert_eq!(y.rows.len(), 39);
        for raw in &y.rows {
            let wide = raw.row % 2 == 0; // sheet row = index + 1
            assert_eq!(raw.get(Role::Phone).is_empty(), !wide, "row {}", raw.row);
            assert_eq!(raw.get(Role::Address).is_empty(), !wide, "row {}", raw.row);
            assert!(!raw.get(Role::Name).is_empty());
        }
    }

    #[test]
    fn a_sheet_stands_for_its_parts_share_of_the_file_rounded_up() {
        let facts = guard::ZipFacts {
            sheets: vec![
                "xl/worksheets/sheet1.xml".into(),
                "xl/worksheets/sheet2.xml".into(),
            ],
            sheet_bytes: vec![300, 100],
            ..Default::default()
        };
        assert_eq!(sheet_share(1_001, &facts, Some(0)), 751);
        assert_eq!(sheet_share(1_001, &facts, Some(1)), 251);
        // A sheet whose part is unknown: an equal share.
        assert_eq!(sheet_share(1_001, &facts, None), 501);
    }
}
