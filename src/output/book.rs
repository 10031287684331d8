//! `khach-hang.xlsx`: the cleaned customer book, one row per customer.

use super::xlsx::{save_staged, Formats, SheetWriter, V};
use crate::i18n::{Lang, L};
use crate::merge::book::{is_adopted_row, is_invoices_only_mark};
use crate::merge::Customer;
use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::name::PartyKind;
use crate::normalize::Text;
use anyhow::Result;
use std::collections::HashSet;
use std::path::Path;

pub const FILE: &str = "khach-hang.xlsx";
pub const SHEET: L = L("Khách hàng", "Customers");

pub(crate) const COLS: &[L] = &[
    L("Mã KH", "Customer ID"),
    L("Loại", "Type"),
    L("Danh xưng", "Honorific"),
    L("Tên khách hàng", "Name"),
    L("Người liên hệ", "Contact person"),
    L("Điện thoại", "Phone"),
    L("SĐT khác", "Other phones"),
    L("Email", "Email"),
    L("Email khác", "Other emails"),
    L("Địa chỉ", "Address"),
    L("Tỉnh/Thành", "Province"),
    L("Tỉnh/Thành (từ 1/7/2025)", "Province (from 1 Jul 2025)"),
    L("Địa chỉ giao hàng", "Delivery address"),
    L("MST", "Tax code"),
    L("Giao dịch cuối", "Last activity"),
    L("Số hóa đơn", "Invoices"),
    L("Số dòng gốc", "Source rows"),
    L("Nguồn", "Sources"),
    L("Ghi chú", "Notes"),
    L("Ngừng quảng cáo", "No marketing"),
];
const COL_NAME: usize = 3;
/// (column, width in characters) of the columns that wrap: type, names, other phones and
/// emails, addresses, sources, notes.
const BOOK_WRAPS: [(usize, usize); 9] = [
    (1, 14),
    (COL_NAME, 28),
    (4, 20),
    (6, 12),
    (8, 24),
    (COL_ADDRESS, 32),
    (12, 28),
    (17, 32),
    (18, 24),
];
const COL_ADDRESS: usize = 9;

/// Where rows came from, as "file › sheet › row", the files named relative to the folder all
/// inputs share ("so-khach-hang.xlsx", not "C:\Users\…\so-khach-hang.xlsx" on every row; the
/// report's summary lists the inputs in full).
pub struct Places<'a> {
    sources: &'a [Source],
    files: Vec<String>,
}

impl<'a> Places<'a> {
    pub fn new(sources: &'a [Source]) -> Places<'a> {
        use std::path::{Component, Path};
        let dirs: Vec<Vec<Component<'_>>> = sources
            .iter()
            .map(|s| {
                let p = Path::new(&s.file);
                p.parent()
                    .map(|d| d.components().collect())
                    .unwrap_or_default()
            })
            .collect();
        let common = dirs.first().map_or(0, |first| {
            (0..first.len())
                .take_while(|&i| dirs.iter().all(|d| d.get(i) == Some(&first[i])))
                .count()
        });
        let files = sources
            .iter()
            .map(|s| {
                let rest: std::path::PathBuf =
                    Path::new(&s.file).components().skip(common).collect();
                match rest.to_str() {
                    Some(r) if !r.is_empty() => r.to_string(),
                    _ => s.file.clone(),
                }
            })
            .collect();
        Places { sources, files }
    }

    /// The file of source `i`, named from the shared folder.
    pub fn file(&self, i: u32) -> &str {
        &self.files[i as usize]
    }

    pub fn of(&self, raw: &RawRow) -> String {
        let mut out = String::new();
        self.push(&mut out, raw);
        out
    }

    /// [`Places::of`], appended to `out`.
    pub fn push(&self, out: &mut String, raw: &RawRow) {
        use std::fmt::Write as _;
        let i = raw.source as usize;
        out.push_str(&self.files[i]);
        if let Some(sheet) = &self.sources[i].sheet {
            out.push_str(" › ");
            out.push_str(sheet);
        }
        let _ = write!(out, " › {}", raw.row);
    }
}

pub struct BookInput<'a> {
    pub lang: Lang,
    pub customers: &'a [Customer],
    /// Which customers are written (deleted, expired and suppressed ones are not).
    pub keep: &'a [bool],
    pub raw: &'a [RawRow],
    pub sources: &'a [Source],
    pub show_2025: bool,
    /// Rows read in an earlier week under the same customer (see `IdAssignment::seen`): the
    /// adopted book counted them already.
    pub seen: &'a [bool],
}

/// "Nguồn" and "Số dòng gốc" of a customer with rows of the adopted book: the places the book
/// lists, then this run's other rows — a row the book already lists or counted (the same
/// invoice listing read again next week, also beyond the five places a cell shows) is not
/// listed or counted twice.
fn book_sources(c: &Customer, b: &BookInput<'_>, places: &Places<'_>) -> (String, u64) {
    let mut sources = c.provenance.to_string();
    let listed: Vec<&str> = c.provenance.split("; ").collect();
    let mut own: Vec<String> = Vec::new();
    // A row of the book with an id but no «Nguồn» (typed in by the clerk, under an id of its
    // own or a made-up one) is one of this run's own rows: listed at its place and counted.
    let mut typed = 0u64;
    for &r in &c.rows {
        let raw = &b.raw[r as usize];
        if !raw.get(Role::Provenance).is_empty() || b.seen.get(r as usize).copied().unwrap_or(false)
        {
            continue;
        }
        let place = places.of(raw);
        if !listed.contains(&place.as_str()) {
            typed += u64::from(is_adopted_row(raw));
            own.push(place);
        }
    }
    for (k, place) in own.iter().take(5).enumerate() {
        if k > 0 || !sources.is_empty() {
            sources.push_str("; ");
        }
        sources.push_str(place);
    }
    if own.len() > 5 {
        use std::fmt::Write as _;
        let _ = write!(sources, "; (+{})", own.len() - 5);
    }
    let carried_rows = c
        .rows
        .iter()
        .filter(|&&r| is_adopted_row(&b.raw[r as usize]))
        .count() as u64
        - typed;
    // Book rows without a count stand for themselves.
    (sources, c.source_rows.max(carried_rows) + own.len() as u64)
}

/// Whether a customer is known only from the accountant's invoice listings: every row is an
/// invoice row, or a row of the adopted book that carries the mark in its «Loại», whose listed
/// places are all invoice listings read this run (the whole list, none left unsaid), or (a
/// book written before the mark was read back, when each line counted as an invoice) whose
/// invoices are as many as its source rows.
/// The mark survives adopting the book, the listing read or not, and goes once a customer
/// ledger names the buyer.
fn invoices_only(c: &Customer, b: &BookInput<'_>, invoice_files: &HashSet<&str>) -> bool {
    c.rows.iter().all(|&r| {
        let raw = &b.raw[r as usize];
        if b.sources[raw.source as usize].kind == SourceKind::Invoices {
            return true;
        }
        // The book's own mark, in either language: «… (chỉ có trên hóa đơn)».
        if is_invoices_only_mark(raw.get(Role::Kind)) {
            return true;
        }
        let listed = raw.get(Role::Provenance);
        if listed.is_empty() {
            return false;
        }
        // A book written before: as many invoices as source rows (each a line of a listing).
        let count = |role: Role| raw.get(role).trim().parse::<u64>().ok();
        let all_invoices = count(Role::InvoiceCount)
            .zip(count(Role::SourceRows))
            .is_some_and(|(invoices, rows)| invoices > 0 && invoices == rows);
        // The places listed say it only when they are all of them: «…; (+4)» leaves four
        // unsaid, maybe the customer ledger's row (the listing read first lists its lines
        // first).
        all_invoices
            || listed.split("; ").all(|place| {
                !place.starts_with("(+")
                    && invoice_files.contains(place.split(" › ").next().unwrap_or(""))
            })
    })
}

pub fn write(path: &Path, b: &BookInput<'_>) -> Result<super::Staged> {
    let lang = b.lang;
    let mut wb = super::xlsx::workbook();
    let fmt = Formats::for_lang(lang);
    let headers: Vec<&str> = COLS.iter().map(|l| l.t(lang)).collect();
    let mut sw = SheetWriter::new(&mut wb, SHEET.t(lang), &headers, &fmt)?;
    // Long text wraps in narrower columns: the book prints one page wide, and its ~520
    // characters of row would print too small to read.
    for (col, width) in BOOK_WRAPS {
        sw.wrap(col, width)?;
    }
    let person = L("Cá nhân", "Person").t(lang);
    let org = L("Tổ chức", "Organisation").t(lang);
    let yes = L("Có", "Yes").t(lang);
    let places = Places::new(b.sources);
    let invoice_files: HashSet<&str> = (0..b.sources.len())
        .filter(|&i| b.sources[i].kind == SourceKind::Invoices)
        .map(|i| places.file(i as u32))
        .collect();
    // Filterable in the type column, which the book re-derives when it is read back.
    let org_invoices = L(
        "Tổ chức (chỉ có trên hóa đơn)",
        "Organisation (known only from invoices)",
    )
    .t(lang);
    let person_invoices = L(
        "Cá nhân (chỉ có trên hóa đơn)",
        "Person (known only from invoices)",
    )
    .t(lang);
    for (c, _) in b.customers.iter().zip(b.keep).filter(|(_, k)| **k) {
        // "file › sheet › row; …" for the first five rows, built in one string; a row of an
        // adopted book brings the places it listed instead of its own.
        let (sources, source_rows) = if c.provenance.is_empty()
            && c.rows.iter().all(|&r| !is_adopted_row(&b.raw[r as usize]))
        {
            // No adopted book among the rows (a first run, a million rows): one string.
            let mut sources = String::new();
            for (k, &r) in c.rows.iter().take(5).enumerate() {
                if k > 0 {
                    sources.push_str("; ");
                }
                places.push(&mut sources, &b.raw[r as usize]);
            }
            if c.rows.len() > 5 {
                use std::fmt::Write as _;
                let _ = write!(sources, "; (+{})", c.rows.len() - 5);
            }
            (sources, c.rows.len() as u64)
        } else {
            book_sources(c, b, &places)
        };
        let notes = notes_with_other_addresses(c);
        let row: Vec<V> = vec![
            V::from(c.id.as_str()),
            V::from(
                match (
                    c.kind == PartyKind::Org,
                    invoices_only(c, b, &invoice_files),
                ) {
                    (true, false) => org,
                    (false, false) => person,
                    (true, true) => org_invoices,
                    (false, true) => person_invoices,
                },
            ),
            V::from(c.honorific.unwrap_or("")),
            V::from(c.name.as_str()),
            V::from(c.contact.as_str()),
            V::from(c.phone.as_str()),
            V::from(c.other_phones.join("; ")),
            V::from(c.email.as_str()),
            V::from(c.other_emails.join("; ")),
            V::from(c.address.as_str()),
            V::from(c.province.unwrap_or("")),
            V::from(if b.show_2025 {
                c.province_2025.unwrap_or("")
            } else {
                ""
            }),
            V::from(c.delivery.as_str()),
            V::from(c.tax.as_str()),
            V::from(c.last_activity),
            if c.invoices > 0 {
                V::I(c.invoices as i64)
            } else {
                V::Empty
            },
            V::I(source_rows as i64),
            V::from(sources),
            V::from(notes.as_ref()),
            V::from(if c.no_marketing { yes } else { "" }),
        ];
        sw.row(&row)?;
        if crate::ingest::crossed_out(&c.rows, b.raw, b.sources) {
            sw.strike_last_row(&row)?;
        }
        original_notes(&mut sw, c, b, &places)?;
    }
    if !b.show_2025 {
        sw.hide_column(11);
    }
    sw.finish()?;
    save_staged(&mut wb, path)
}

/// The customer's notes with the other places the rows give as the address ("Địa chỉ khác:
/// 12 Ông Ích Khiêm, …": a customer who moved), each once. In the notes, not a cell comment:
/// the adopted book reads them back, so the old address is not lost a week later.
fn notes_with_other_addresses(c: &Customer) -> std::borrow::Cow<'_, str> {
    note_with_places(&c.note, &c.other_addresses)
}

fn note_with_places<'a>(note: &'a str, places: &[Text]) -> std::borrow::Cow<'a, str> {
    if places.is_empty() {
        return note.into();
    }
    // The adopted book's note may hold a place already, as a row read again writes it
    // otherwise («976 đường trần phú», «78/64 Âu Cơ» for «78/64 Đường Âu Cơ»): noted once, as
    // the book has it, so that the book read back comes back the same.
    let prefix = format!("{}: ", crate::merge::OTHER_ADDRESS);
    let key = |a: &str| crate::normalize::address::parse_address(a).key;
    let noted: Vec<String> = note
        .split("; ")
        .filter_map(|p| p.strip_prefix(&prefix))
        .map(key)
        .collect();
    let mut out = note.to_string();
    for a in places {
        if !noted.is_empty() {
            let k = key(a);
            if noted.iter().any(|n| crate::merge::same_place(n, &k)) {
                continue;
            }
        }
        crate::normalize::push_note_part(&mut out, &format!("{prefix}{a}"));
    }
    out.into()
}

/// How the book's own notes begin: each is one of [`crate::ingest::guard::OWN_NOTE_OPENINGS`]
/// (followed by «:»), so that the book adopted does not read them as a clerk's notes.
const ORIGINAL: L = L("Giá trị gốc", "Original value");
const OTHER_SPELLINGS: L = L("Cách viết khác", "Other spellings");
const OTHER_ADDRESSES: L = L("Địa chỉ khác", "Other addresses");

/// A changed name or address carries its original value (and the customer's other spellings
/// of the name, or other addresses) as a note, while the sheet takes notes.
fn original_notes(
    sw: &mut SheetWriter<'_>,
    c: &Customer,
    b: &BookInput<'_>,
    places: &Places<'_>,
) -> Result<()> {
    if !sw.takes_notes() {
        return Ok(());
    }
    let lang = b.lang;
    let original = ORIGINAL.t(lang);
    for (col, src_row, role, now) in [
        (COL_NAME, c.name_row, Role::Name, c.name.as_str()),
        (
            COL_ADDRESS,
            c.address_row,
            Role::Address,
            c.address.as_str(),
        ),
    ] {
        let mut note = String::new();
        if let Some(r) = src_row {
            let raw = &b.raw[r as usize];
            let was = raw.get(role);
            if !was.is_empty() && was != now {
                note = format!("{original}: {was}\n({})", places.of(raw));
            }
        }
        // The customer's other spellings stay visible beside the one kept (other places are
        // in the notes column: data, read back when the book is adopted).
        let (label, others) = match col {
            COL_NAME => (OTHER_SPELLINGS, &c.name_variants),
            _ => (OTHER_ADDRESSES, &Vec::new()),
        };
        if !others.is_empty() {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&format!("{}: {}", label.t(lang), others.join("; ")));
        }
        if !note.is_empty() {
            sw.note(col, &note)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The book's own notes are known by how they begin, in either language, when it is read
    /// back (a book written before they had sokhach as their author carries them too).
    #[test]
    fn the_books_own_notes_begin_as_the_reader_knows() {
        for label in [ORIGINAL, OTHER_SPELLINGS, OTHER_ADDRESSES] {
            for lang in [Lang::Vi, Lang::En] {
                let opening = format!("{}:", label.t(lang));
                assert!(
                    crate::ingest::guard::OWN_NOTE_OPENINGS.contains(&opening.as_str()),
                    "{opening}"
                );
            }
        }
    }

    fn source(file: &str, sheet: Option<&str>) -> Source {
        Source {
            sheet: sheet.map(Into::into),
            ..Source::bare(file, SourceKind::Customers)
        }
    }

    #[test]
    fn places_name_files_from_the_folder_inputs_share() {
        let sources = [
            source("/data/2025/so-khach-hang.xlsx", Some("Khách hàng")),
            source("/data/2025/web/export.csv", None),
        ];
        let p = Places::new(&sources);
        assert_eq!(
            p.of(&RawRow::new(0, 4)),
            "so-khach-hang.xlsx › Khách hàng › 4"
        );
        assert_eq!(p.of(&RawRow::new(1, 7)), "web/export.csv › 7");
        let one = [source("/data/2025/web.csv", None)];
        assert_eq!(Places::new(&one).of(&RawRow::new(0, 2)), "web.csv › 2");
        let bare = [source("web.csv", None)];
        assert_eq!(Places::new(&bare).of(&RawRow::new(0, 2)), "web.csv › 2");
    }

    /// A place the adopted book's note holds already is not noted again as a row read again
    /// writes it otherwise: the book read back comes back the same. Another house is noted.
    #[test]
    fn another_address_once_however_written() {
        let places: Vec<Text> = vec![
            "976 đường trần phú, phường lam sơn".into(),
            "12 Lê Lợi, Phường 1".into(),
            "78/64 Âu Cơ, Thị trấn Củ Chi, Huyện Củ Chi, Thành phố Hồ Chí Minh".into(),
            "78/66 Âu Cơ, Thị trấn Củ Chi, Huyện Củ Chi, Thành phố Hồ Chí Minh".into(),
        ];
        assert_eq!(
            note_with_places(
                "đã chuyển nhà; Địa chỉ khác: 976 đường Trần Phú, Phường Lam Sơn; Địa chỉ khác: \
                 78/64 Đường Âu Cơ - Thị trấn Củ Chi - huyện Củ Chi - Thành phố Hồ Chí Minh",
                &places
            ),
            "đã chuyển nhà; Địa chỉ khác: 976 đường Trần Phú, Phường Lam Sơn; Địa chỉ khác: \
             78/64 Đường Âu Cơ - Thị trấn Củ Chi - huyện Củ Chi - Thành phố Hồ Chí Minh; \
             Địa chỉ khác: 12 Lê Lợi, Phường 1; Địa chỉ khác: 78/66 Âu Cơ, Thị trấn Củ Chi, \
             Huyện Củ Chi, Thành phố Hồ Chí Minh"
        );
    }
}
