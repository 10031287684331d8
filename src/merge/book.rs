//! The adopted book coming back: which customer each of its rows names (`Mã KH`), and which
//! values a person changed since the tool wrote them. The state keeps, per customer, keyed
//! hashes of the values written to the book — never the values — so an edit is recognised
//! without keeping personal data in plain text.

use super::Customer;
use crate::keys::{Keyer, ValueHashes, BOOK_FIELDS};
use crate::model::{Field, Finding, RawRow, Role, Rule, Severity, Source, SourceKind};
use crate::normalize::taxcode::codes_conflict;
use crate::normalize::Norm;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The fields whose edits are recognised, in the order of their hashes.
pub const FIELDS: [Field; BOOK_FIELDS] = [
    Field::Name,
    Field::Contact,
    Field::Phone,
    Field::Email,
    Field::Address,
    Field::Delivery,
    Field::TaxCode,
];

pub fn field_key(f: Field) -> &'static str {
    match f {
        Field::Name => "name",
        Field::Contact => "contact",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::Address => "address",
        Field::Delivery => "delivery",
        Field::TaxCode => "tax_code",
        Field::Date => "date",
        Field::Amount => "amount",
        Field::CustomerId => "customer_id",
        Field::Note => "note",
    }
}

/// A customer's values as the book shows them, field by field (borrowed where the customer
/// holds them as they are: a million customers' values are hashed in each run).
pub fn customer_values(c: &Customer) -> [Cow<'_, str>; BOOK_FIELDS] {
    fn list<'a>(first: &'a str, rest: &'a [crate::normalize::Text]) -> Cow<'a, str> {
        let mut parts = std::iter::once(first)
            .chain(rest.iter().map(|s| s.as_str()))
            .filter(|s| !s.is_empty());
        let Some(one) = parts.next() else {
            return Cow::Borrowed("");
        };
        match parts.next() {
            None => Cow::Borrowed(one),
            Some(two) => {
                let mut joined = format!("{one};{two}");
                for p in parts {
                    joined.push(';');
                    joined.push_str(p);
                }
                Cow::Owned(joined)
            }
        }
    }
    [
        Cow::Borrowed(c.name.as_str()),
        Cow::Borrowed(c.contact.as_str()),
        list(&c.phone, &c.other_phones),
        list(&c.email, &c.other_emails),
        Cow::Borrowed(c.address.as_str()),
        Cow::Borrowed(c.delivery.as_str()),
        Cow::Borrowed(c.tax.as_str()),
    ]
}

/// A book row's values, normalised, in the same form.
pub fn row_values(n: &Norm) -> [String; BOOK_FIELDS] {
    [
        n.name.to_string(),
        n.contact.to_string(),
        n.phones
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| p.national.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        n.emails
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        n.address.to_string(),
        n.delivery.to_string(),
        n.tax
            .as_ref()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
    ]
}

/// Keyed hashes of the values, 8 bytes a field, as the state stores them.
pub fn hashes<S: AsRef<str>>(keyer: &Keyer, values: &[S; BOOK_FIELDS]) -> ValueHashes {
    let mut out = [0u8; 8 * BOOK_FIELDS];
    for ((f, v), h) in FIELDS.iter().zip(values).zip(out.chunks_exact_mut(8)) {
        h.copy_from_slice(&keyer.fp(&["book", field_key(*f), v.as_ref()])[..8]);
    }
    out
}

/// Whether a text cell of a book row still holds what the book wrote (`before`, its value's
/// hash): its normalised value differs because this version reads it otherwise («Cty TNHH XD
/// Lâm Kim» written out), not because a person edited it.
fn cell_as_written(raw: &RawRow, f: Field, before: &[u8], keyer: &Keyer) -> bool {
    let role = match f {
        Field::Name => Role::Name,
        Field::Contact => Role::Contact,
        Field::Address => Role::Address,
        Field::Delivery => Role::Delivery,
        Field::TaxCode => Role::TaxCode,
        // Phones and emails are written joined: their cells are not the value hashed.
        _ => return false,
    };
    let cell = raw.get(role).trim();
    !cell.is_empty() && keyer.fp(&["book", field_key(f), cell])[..8] == *before
}

/// Whether a row agrees with what the book last said of a customer (`written`, its values'
/// hashes): the same name, phones, emails or tax code, where the row has one.
fn agrees(written: Option<&Vec<u8>>, row: Option<&Said>) -> bool {
    let (Some(before), Some(Said { now, empty })) = (written, row) else {
        return false;
    };
    [Field::Name, Field::Phone, Field::Email, Field::TaxCode]
        .iter()
        .filter_map(|f| FIELDS.iter().position(|x| x == f))
        .any(|k| {
            let range = 8 * k..8 * k + 8;
            empty & (1 << k) == 0 && before.get(range.clone()) == now.get(range)
        })
}

/// What a row of the adopted book says, hashed ([`hashes`]) to compare with what the book last
/// wrote, and which of its values are blank (bit k: field k).
struct Said {
    now: ValueHashes,
    empty: u32,
}

impl Said {
    fn of(n: &Norm, keyer: &Keyer) -> Said {
        let values = row_values(n);
        let empty = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_empty())
            .fold(0, |m, (k, _)| m | 1 << k);
        Said {
            now: hashes(keyer, &values),
            empty,
        }
    }
}

/// What the adopted book's rows say about customers.
#[derive(Default)]
pub struct BookRows {
    /// Rows outside the book whose `Mã KH` of sokhach's form is another system's code.
    pub foreign: Vec<u32>,
    /// Row → the id its `Mã KH` names (resolved through aliases; known to the state).
    pub given: FxHashMap<u32, String>,
    /// Each row's id as a number for matching (`NO_LABEL` for none); empty when no row has one.
    pub labels: Vec<u32>,
    /// Rows a person changed since the tool wrote them.
    pub edited: HashSet<u32>,
    /// Rows of other inputs the book lists among a customer's sources (see
    /// [`claim_listed_rows`]).
    pub claimed: rustc_hash::FxHashSet<u32>,
    /// Of those, the rows claimed by the key the workspace knew them by ([`claim_known_rows`]).
    pub known: rustc_hash::FxHashSet<u32>,
    /// Rows of other inputs at a place the book lists, → the id of the customer listing it
    /// (claimed or not: a row whose name changed is still the row the book counted).
    pub listed: FxHashMap<u32, String>,
    /// Rows of files other than the book whose `Mã KH` names one of our customers (and agrees
    /// with it): joined to that customer, read as ordinary rows (see [`identify`]).
    pub outside: rustc_hash::FxHashSet<u32>,
    pub findings: Vec<Finding>,
    /// The first number no id of the book takes, when the book's ids were adopted as they
    /// are (a state that never gave one); 0 otherwise.
    pub first_free: u64,
    /// Per source: whether it is the adopted book (a sheet of sokhach's columns).
    pub book_sources: Vec<bool>,
    /// The book's sheets read without their `Mã KH` column (see [`recover_ids`]).
    pub recovered: Vec<Recovered>,
}

/// A sheet of the adopted book read without its `Mã KH` column (a clerk deleted it): its rows,
/// and how many of them said what the last book wrote for one customer (given that id);
/// `remembered`: the state held what the last book wrote (none without a workspace).
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub source: u32,
    pub rows: usize,
    pub recognised: usize,
    pub remembered: bool,
}

/// The adopted book's sheets read without a `Mã KH` column (`without_ids`, per source): a row
/// that says exactly what the last book wrote for one customer (every field the state keeps
/// hashes of: name, contact, phones, emails, addresses, tax code), and for no other, has that
/// customer's id written into its `Mã KH` cell, as if the column were there. Without it each of
/// the book's customers was known only by its rows' fingerprints: the invoice rows the book
/// lists in «Nguồn» became customers again, and the book no longer spoke for its values. A row
/// a clerk edited, or whose values two customers share, is matched like a new row, as before.
pub fn recover_ids(
    raw: &mut [RawRow],
    norms: &[Norm],
    written: &HashMap<String, Vec<u8>>,
    keyer: &Keyer,
    without_ids: &[bool],
) -> Vec<Recovered> {
    let without = |r: &RawRow| without_ids.get(r.source as usize).copied().unwrap_or(false);
    if !without_ids.contains(&true) {
        return Vec::new();
    }
    // What the book wrote → the one customer it wrote it for (None: several).
    let mut by_values: FxHashMap<&[u8], Option<&str>> = FxHashMap::default();
    by_values.reserve(written.len());
    for (id, h) in written {
        by_values
            .entry(h.as_slice())
            .and_modify(|v| *v = None)
            .or_insert(Some(id.as_str()));
    }
    let all_blank = (1u32 << BOOK_FIELDS) - 1;
    let found: Vec<Option<&str>> = raw
        .par_iter()
        .zip(norms)
        .map(|(r, n)| {
            if !without(r) {
                return None;
            }
            let said = Said::of(n, keyer);
            if said.empty == all_blank {
                return None;
            }
            by_values.get(&said.now[..]).copied().flatten()
        })
        .collect();
    let mut out: Vec<Recovered> = without_ids
        .iter()
        .enumerate()
        .filter(|(_, &w)| w)
        .map(|(s, _)| Recovered {
            source: s as u32,
            rows: 0,
            recognised: 0,
            remembered: !written.is_empty(),
        })
        .collect();
    for (r, id) in raw.iter_mut().zip(found) {
        if !without(r) {
            continue;
        }
        let Some(sheet) = out.iter_mut().find(|o| o.source == r.source) else {
            continue;
        };
        sheet.rows += 1;
        if let Some(id) = id {
            r.set(Role::CustomerId, id);
            sheet.recognised += 1;
        }
    }
    out
}

impl BookRows {
    /// Whether source `s` is the adopted book.
    pub fn in_book(&self, s: u32) -> bool {
        self.book_sources.get(s as usize).copied().unwrap_or(false)
    }

    /// Whether row `r` is one the clerk typed into the adopted book (no id of ours): this
    /// week, or a week whose book was not adopted after (the same workbook read again).
    pub fn typed_now(&self, raw: &[RawRow], r: u32) -> bool {
        self.in_book(raw[r as usize].source) && !self.given.contains_key(&r)
    }
}

/// An id of the form sokhach gives ("KH" and six digits or more: `merge` numbers customers
/// so), in either case.
pub(crate) fn is_sokhach_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() >= 8 && b[..2].eq_ignore_ascii_case(b"KH") && b[2..].iter().all(u8::is_ascii_digit)
}

/// A row of the adopted book (the cleaned book back as the shared workbook): its `Mã KH` is
/// one of sokhach's ids. The office's own codes in a ledger's `Mã KH` column are not.
pub fn is_adopted_row(raw: &RawRow) -> bool {
    is_sokhach_id(raw.get(Role::CustomerId).trim())
}

/// The tax code of an adopted book's row that the book took from invoices: its note says
/// «MST lấy từ hóa đơn: C» ([`super::TAX_TAKEN`]) of the code C in its «MST». The invoices'
/// word, not a clerk's: such a row is matched as one without a tax code. A clerk who changed
/// the code, or took the words out of the note, made it the book's own.
pub fn taken_tax(raw: &RawRow) -> Option<&str> {
    let code = raw.get(Role::TaxCode).trim();
    if code.is_empty() || !is_adopted_row(raw) {
        return None;
    }
    let note = raw.get(Role::Note);
    let at = note.find(super::TAX_TAKEN)?;
    let said = note[at + super::TAX_TAKEN.len()..].trim_start_matches([':', ' ']);
    let said = said.split(';').next().unwrap_or("").trim();
    (said == code).then_some(code)
}

/// The «Loại» of a customer known only from invoices, as the book writes it in either
/// language (the office reads the book in one and may run the next week in the other).
pub fn is_invoices_only_mark(kind: &str) -> bool {
    if kind.is_empty() {
        return false;
    }
    let key = crate::normalize::text::fold_key(kind);
    key.ends_with("chi co tren hoa don") || key.ends_with("known only from invoices")
}

/// A row of the adopted book that stands for a buyer known only from invoices: sokhach's id,
/// the book's mark in «Loại», and nothing an invoice does not say — no phone, email, address,
/// delivery address or contact person (a clerk who typed one made it a customer of the
/// ledger). Such a row is what the invoices said last week, so it is attributed as they are:
/// when a customer of the ledger arrives whose name or tax code the buyer's is, the buyer is
/// that customer, as it would be had both come in one run.
pub fn is_invoice_placeholder(raw: &RawRow) -> bool {
    is_adopted_row(raw)
        && is_invoices_only_mark(raw.get(Role::Kind))
        && [
            Role::Phone,
            Role::PhoneFixed,
            Role::Email,
            Role::Address,
            Role::Delivery,
            Role::Contact,
        ]
        .iter()
        .all(|&role| raw.get(role).trim().is_empty())
}

/// The ids of sokhach's form the adopted book's rows carry (`in_book` true for its rows),
/// upper-cased.
pub fn ids_of_book(raw: &[RawRow], in_book: &dyn Fn(u32) -> bool) -> HashSet<String> {
    raw.iter()
        .enumerate()
        .filter(|&(i, r)| in_book(i as u32) && is_adopted_row(r))
        .map(|(_, r)| r.get(Role::CustomerId).trim().to_uppercase())
        .collect()
}

/// Reads the `Mã KH` of every row: a known id (or an alias of one) names that customer; an
/// unknown one of sokhach's form is a value to check (another workspace's book, a typo), one
/// of another form the office's own code; either way the row is matched like a new one.
///
/// Outside the cleaned book (`in_book` false for its row) a code of sokhach's form is another
/// system's as often as ours: a shop's sales software numbers its customers "KH000123" too.
/// There it names one of our customers only when the row agrees with what the book last said
/// of that customer (its name, a phone, an email or the tax code); otherwise it is that
/// system's code (`BookRows::foreign`), kept in the notes, never an id.
pub fn identify(
    raw: &[RawRow],
    norms: &[Norm],
    known: &HashSet<String>,
    aliases: &HashMap<String, String>,
    written: &HashMap<String, Vec<u8>>,
    keyer: &Keyer,
    in_book: &dyn Fn(u32) -> bool,
) -> BookRows {
    let mut out = BookRows::default();
    let said = said_by_rows(raw, norms, known, aliases, written, keyer);
    let copied = copied_rows(norms, &said, in_book);
    let naming = said.iter().filter(|s| s.is_some()).count();
    let mut number: FxHashMap<String, u32> = FxHashMap::default();
    number.reserve(naming);
    out.given.reserve(naming);
    // The tax code of the first row naming each id that has one.
    let mut tax_of: FxHashMap<String, &str> = FxHashMap::default();
    // Per id (by its number): a row has named it so far.
    let mut named: Vec<bool> = Vec::new();
    for (i, (r, said)) in raw.iter().zip(said).enumerate() {
        let Some(RowSays {
            id,
            known,
            before,
            says,
        }) = said
        else {
            continue;
        };
        let cell = r.get(Role::CustomerId).trim();
        let outside = !in_book(i as u32);
        if outside && is_sokhach_id(&id) && !agrees(before, says.as_ref()) {
            out.foreign.push(i as u32);
            continue;
        }
        if !known {
            if !is_sokhach_id(&id) {
                // The office's own code ("KH00432", "DN00939") or a web shop's account number:
                // not one of ours, so nothing to ask about; the row is matched like a new one.
                continue;
            }
            out.findings
                .push(id_to_check(i as u32, Rule::CustomerIdUnknown, cell));
            continue;
        }
        // Two taxpayers under one id: a typo in the id, not the clerk saying they are one.
        let tax = norms[i].tax.as_ref().map(|t| t.as_str());
        if let (Some(t), Some(&first)) = (tax, tax_of.get(&id)) {
            if codes_conflict(t, first) {
                out.findings
                    .push(id_to_check(i as u32, Rule::CustomerIdOtherTaxpayer, cell));
                continue;
            }
        }
        if copied.contains(&(i as u32)) {
            out.findings
                .push(id_to_check(i as u32, Rule::CustomerIdCopied, cell));
            continue;
        }
        if let Some(t) = tax {
            tax_of.entry(id.clone()).or_insert(t);
        }
        if out.labels.is_empty() {
            out.labels = vec![crate::matching::NO_LABEL; raw.len()];
        }
        let next = number.len() as u32;
        let label = *number.entry(id.clone()).or_insert(next);
        out.labels[i] = label;
        if outside {
            // Another file that carries our id (an accountant's software given the book's
            // codes): its row is that customer's, and a source like any other — what it says
            // differently is not a person's edit of the book.
            out.outside.insert(i as u32);
        } else if let (Some(before), Some(said)) = (before, &says) {
            // A second row naming the id (the clerk typed the customer again, with a name and
            // a phone) edits what it fills in; its blank cells clear nothing.
            if named.len() <= label as usize {
                named.resize(label as usize + 1, false);
            }
            let again = std::mem::replace(&mut named[label as usize], true);
            let row = Edited {
                i: i as u32,
                raw: &raw[i],
                norm: &norms[i],
            };
            push_edits(&mut out, row, before, said, again, keyer);
        }
        out.given.insert(i as u32, id);
    }
    out
}

/// Rows of the adopted book that name an id another row of the book names too, but are
/// someone else: a clerk copied a customer's row to start a new one and left its `Mã KH`
/// («Phạm Thị Thu Hà» with a new phone on a copy of Phạm Gia Huy's row). Joined by the id,
/// the copy would rename the customer and take over its phone: a merge of two people.
///
/// Of the rows naming one id, those that agree with what the book last wrote for it (a name,
/// a phone, an email or the tax code: [`agrees`]) are the customer's, or, when none does or
/// no state remembers, the first in row order. Another row naming the id stays the customer's
/// when it shares a phone, an email or the tax code with one of those, or its name is close
/// ([`names_close`]); else it is the copy, matched like a new row. A clerk's second row for
/// the same customer (its name and a new phone) keeps the id, as before.
fn copied_rows(
    norms: &[Norm],
    said: &[Option<RowSays<'_>>],
    in_book: &dyn Fn(u32) -> bool,
) -> rustc_hash::FxHashSet<u32> {
    let mut copied = rustc_hash::FxHashSet::default();
    let naming = |i: usize| {
        said[i]
            .as_ref()
            .filter(|s| s.known && in_book(i as u32))
            .map(|s| s.id.as_str())
    };
    // id → its first row, and whether another row names it too
    let mut first: FxHashMap<&str, (u32, bool)> = FxHashMap::default();
    for i in 0..said.len() {
        if let Some(id) = naming(i) {
            first
                .entry(id)
                .and_modify(|e| e.1 = true)
                .or_insert((i as u32, false));
        }
    }
    let mut groups: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for i in 0..said.len() {
        if let Some(id) = naming(i) {
            if first[id].1 {
                groups.entry(id).or_default().push(i as u32);
            }
        }
    }
    for rows in groups.values() {
        let agree = |&r: &u32| {
            let s = said[r as usize].as_ref();
            s.is_some_and(|s| agrees(s.before, s.says.as_ref()))
        };
        let mut anchors: Vec<u32> = rows.iter().copied().filter(agree).collect();
        if anchors.is_empty() {
            anchors.push(rows[0]);
        }
        for &r in rows {
            let n = &norms[r as usize];
            if !anchors.contains(&r) && !anchors.iter().any(|&a| same_party(n, &norms[a as usize]))
            {
                copied.insert(r);
            }
        }
    }
    copied
}

/// Whether two rows naming one id can be one customer: a phone, an email or the tax code in
/// common, or close names ([`names_close`]).
fn same_party(a: &Norm, b: &Norm) -> bool {
    let phone = a
        .phones
        .iter()
        .any(|p| b.phones.iter().any(|q| q.key == p.key));
    let email = a.emails.iter().any(|e| b.emails.contains(e));
    let tax = a.tax.is_some() && a.tax == b.tax;
    phone || email || tax || names_close(&a.name_key, &b.name_key)
}

/// Names that may be one party's: either blank (a row with only a new phone), one the other
/// with words left out («Hằng», «Nguyễn Thị Hằng»), the same given name, or a typo apart
/// («Nguễn Thanh Trung»). «Phạm Thị Thu Hà» and «Phạm Gia Huy» are not.
fn names_close(a: &str, b: &str) -> bool {
    use super::names::within;
    if a.is_empty() || b.is_empty() || within(a, b) || within(b, a) {
        return true;
    }
    let given = |k: &str| k.rsplit(' ').next().unwrap_or(k).to_string();
    given(a) == given(b) || crate::matching::score::jw64(a, b) >= 0.9
}

/// What one row naming an id says on its own: the id as the state knows it, whether the state
/// gave it, the hashes of the values the book last wrote for it, and the row's own.
struct RowSays<'w> {
    id: String,
    known: bool,
    before: Option<&'w Vec<u8>>,
    says: Option<Said>,
}

/// What each row says on its own ([`RowSays`]), read on every core first: the pass of
/// [`identify`], in row order, only decides.
fn said_by_rows<'w>(
    raw: &[RawRow],
    norms: &[Norm],
    known: &HashSet<String>,
    aliases: &HashMap<String, String>,
    written: &'w HashMap<String, Vec<u8>>,
    keyer: &Keyer,
) -> Vec<Option<RowSays<'w>>> {
    raw.par_iter()
        .zip(norms)
        .map(|(r, n)| {
            let cell = r.get(Role::CustomerId).trim();
            if cell.is_empty() {
                return None;
            }
            let id = cell.to_uppercase();
            let id = aliases.get(&id).cloned().unwrap_or(id);
            let before = written.get(&id);
            Some(RowSays {
                known: known.contains(&id),
                says: before.map(|_| Said::of(n, keyer)),
                before,
                id,
            })
        })
        .collect()
}

/// A row's `Mã KH` for a person to check (`rule` says why), the id as typed.
fn id_to_check(row: u32, rule: Rule, cell: &str) -> Finding {
    Finding {
        row,
        field: Field::CustomerId,
        severity: Severity::Check,
        rule,
        old: cell.into(),
        new: Default::default(),
        old_is_cell: false,
        new_is_kept: false,
    }
}

/// A book row that names a customer the last run wrote: its index, cells and normalised values.
struct Edited<'a> {
    i: u32,
    raw: &'a RawRow,
    norm: &'a Norm,
}

/// The fields a book row changed since the run that wrote its customer (`before`: their
/// hashes then), each an «edited in the book» finding; the row goes to `out.edited`. A cell
/// still typed as written then (only the run normalised it) is no edit.
fn push_edits(
    out: &mut BookRows,
    row: Edited<'_>,
    before: &[u8],
    said: &Said,
    again: bool,
    keyer: &Keyer,
) {
    let Said { now, empty } = said;
    // The values themselves only for an edit's finding (rare: hashes compared first).
    let mut shown: Option<[String; BOOK_FIELDS]> = None;
    for (k, f) in FIELDS.iter().enumerate() {
        let range = 8 * k..8 * k + 8;
        if again && empty & (1 << k) != 0 {
            continue;
        }
        if before.get(range.clone()) != now.get(range.clone())
            && !cell_as_written(row.raw, *f, before.get(range).unwrap_or_default(), keyer)
        {
            out.edited.insert(row.i);
            out.findings.push(Finding {
                row: row.i,
                field: *f,
                severity: Severity::Changed,
                rule: Rule::EditedInBook,
                old: Default::default(),
                new: shown.get_or_insert_with(|| row_values(row.norm))[k]
                    .as_str()
                    .into(),
                old_is_cell: false,
                new_is_kept: false,
            });
        }
    }
}

/// Rows the adopted book lists as a customer's sources ("Nguồn": "file › sheet › row") that
/// are read again this run — the same invoice listing or web export, next week — belong to that
/// customer: they are its rows, not a new customer's. The place alone could name another row
/// of a file that changed, so the row must also carry the customer's name (or the name with
/// words left out, three at least), tax code, an email or a mobile of the book's row. The
/// adopted book's own rows are never claimed: the places name last week's files, and a row
/// the clerk typed into the book may stand where last week's workbook of that name had a row.
///
/// The book names files from the folder that week's inputs shared ("bang-ke.csv" when all sat
/// in one folder, "ke-toan/bang-ke.csv" beside another folder's), so a file is recognised by
/// its path's last components: the listed name must end this run's path at a folder boundary,
/// or be its bare file name when no other input of this run has that name.
pub fn claim_listed_rows(book: &mut BookRows, raw: &[RawRow], norms: &[Norm], sources: &[Source]) {
    if book.given.is_empty() {
        return;
    }
    // The (file name, sheet) pairs this run reads, numbered: a place the book lists in another
    // file names no row of this run. Per source, its pair's number.
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let pair_of: Vec<u32> = sources
        .iter()
        .map(|s| {
            let pair = (file_name(&s.file), s.sheet.as_deref().unwrap_or(""));
            match pairs.iter().position(|&p| p == pair) {
                Some(k) => k as u32,
                None => {
                    pairs.push(pair);
                    pairs.len() as u32 - 1
                }
            }
        })
        .collect();
    let key = |pair: u32, row: u32| u64::from(pair) << 32 | u64::from(row);
    // (pair, row) → (the file as the book names it, the row naming the customer).
    type Owners<'a> = smallvec::SmallVec<[(&'a str, u32); 1]>;
    let mut listed: FxHashMap<u64, Owners<'_>> = FxHashMap::default();
    // The book's «Nguồn» cells read on every core (a million places in the second week at
    // scale), gathered in the order of `given`'s rows.
    let owners: Vec<u32> = book.given.keys().copied().collect();
    let places: Vec<(u32, u64, &str)> = owners
        .par_iter()
        .flat_map_iter(|&row| {
            let pairs = &pairs;
            raw[row as usize]
                .get(Role::Provenance)
                .split("; ")
                .filter_map(move |place| {
                    let (file, sheet, n) = parse_place(place)?;
                    let pair = pairs.iter().position(|&p| p == (file_name(file), sheet))?;
                    Some((row, key(pair as u32, n), file))
                })
        })
        .collect();
    for (row, k, file) in places {
        let owners = listed.entry(k).or_default();
        if !owners.iter().any(|&(f, _)| f == file) {
            owners.push((file, row));
        }
    }
    let mut names: FxHashMap<&str, usize> = FxHashMap::default();
    for s in sources
        .iter()
        .map(|s| s.file.as_str())
        .collect::<HashSet<_>>()
    {
        *names.entry(file_name(s)).or_default() += 1;
    }
    // Each row looked at on any core (a million rows in the second week at scale), the book
    // updated after, in row order.
    let given = &book.given;
    let book_sources = &book.book_sources;
    let found: Vec<(u32, u32, bool)> = (0..raw.len() as u32)
        .into_par_iter()
        .filter_map(|i| {
            let r = &raw[i as usize];
            // The adopted book's own rows are this week's: a place «Nguồn» lists is last week's
            // file, and a row the clerk typed at the bottom of the book may stand where last
            // week's workbook (of the same name and sheet) had another customer's row.
            if given.contains_key(&i)
                || is_adopted_row(r)
                || book_sources.get(r.source as usize) == Some(&true)
            {
                return None;
            }
            let source = &sources[r.source as usize];
            let name = file_name(&source.file);
            let owners = listed.get(&key(pair_of[r.source as usize], r.row))?;
            let alone = names.get(name) == Some(&1);
            let &(_, owner) = owners
                .iter()
                .find(|&&(f, _)| ends_path(&source.file, f) || (alone && f == name))?;
            let (n, o) = (&norms[i as usize], &norms[owner as usize]);
            let same_tax = n.tax.is_some() && n.tax == o.tax;
            let same_name = !n.name_key.is_empty() && n.name_key == o.name_key;
            // The clerk corrected the customer's name in the book: the row the book lists is still
            // hers by her email or her mobile (not a landline a household or a firm shares).
            let same_email = n.emails.iter().any(|e| o.emails.contains(e));
            let same_mobile = n
                .phones
                .iter()
                .any(|p| p.mobile && o.phones.iter().any(|q| q.mobile && q.key == p.key));
            // Or one name is the other with words left out («CH Hiếu Dương» on the listing, «Cửa
            // hàng Gạo Hiếu Dương» in the book): at a place the book lists, the same buyer.
            let shorter =
                |a: &str, b: &str| a.split(' ').count() >= 3 && super::names::within(a, b);
            let (nk, ok) = (n.name_key.as_str(), o.name_key.as_str());
            let name_within =
                !nk.is_empty() && !ok.is_empty() && (shorter(nk, ok) || shorter(ok, nk));
            Some((
                i,
                owner,
                !buyer_elsewhere(source, n, o)
                    && (same_tax || same_name || same_email || same_mobile || name_within),
            ))
        })
        .collect();
    let mut claimed: Vec<(u32, u32)> = Vec::new();
    book.listed.reserve(found.len());
    for (i, owner, claim) in found {
        book.listed.insert(i, book.given[&owner].clone());
        if claim {
            claimed.push((i, owner));
        }
    }
    for (i, owner) in claimed {
        let (label, id) = (book.labels[owner as usize], book.given[&owner].clone());
        book.labels[i as usize] = label;
        book.given.insert(i, id);
        book.claimed.insert(i);
    }
}

/// Rows at a place the adopted book lists for a customer that went to another customer this
/// run (an invoice line whose buyer tax code names the company typed in since): the place
/// leaves the customer's «Nguồn», the row its «Số dòng gốc», an invoice line its count of
/// invoices — the book does not say one row is two customers'. `customer_of`: each row's
/// customer.
pub fn places_gone(
    customers: &mut [Customer],
    book: &BookRows,
    (raw, sources): (&[RawRow], &[Source]),
    customer_of: &[u32],
) {
    if book.listed.is_empty() {
        return;
    }
    // The customer of each id the book lists rows under: where its adopted row went.
    let mut of_id: FxHashMap<&str, u32> = FxHashMap::default();
    for (&row, id) in &book.given {
        if is_adopted_row(&raw[row as usize]) {
            of_id
                .entry(id.as_str())
                .or_insert(customer_of[row as usize]);
        }
    }
    let mut gone: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (&i, id) in &book.listed {
        let (Some(&owner), now) = (of_id.get(id.as_str()), customer_of[i as usize]) else {
            continue;
        };
        if now != owner && owner != u32::MAX {
            gone.entry(owner).or_default().push(i);
        }
    }
    let line = |i: u32| sources[raw[i as usize].source as usize].kind == SourceKind::Invoices;
    for (ci, rows) in gone {
        let c = &mut customers[ci as usize];
        let at = |place: &str| {
            let (file, sheet, n) = parse_place(place)?;
            rows.iter().copied().find(|&i| {
                let (r, s) = (&raw[i as usize], &sources[raw[i as usize].source as usize]);
                r.row == n
                    && s.sheet.as_deref().unwrap_or("") == sheet
                    && file_name(&s.file) == file_name(file)
            })
        };
        let (mut left, mut moved) = (Vec::new(), Vec::new());
        for place in c.provenance.split("; ") {
            match at(place) {
                Some(i) => moved.push(i),
                None => left.push(place),
            }
        }
        if moved.is_empty() {
            continue;
        }
        let provenance = left.join("; ");
        c.provenance = provenance.as_str().into();
        c.source_rows = c.source_rows.saturating_sub(moved.len() as u64);
        // The book's count less the invoices that left; this run's own when more.
        let carried = super::Carried::of(&c.rows, raw).invoices;
        let left_us = super::counted_invoices(&moved, raw, &line);
        c.invoices =
            super::counted_invoices(&c.rows, raw, &line).max(carried.saturating_sub(left_us));
    }
}

/// An invoice line whose buyer tax code the adopted book's row of its customer does not carry:
/// the line went to the customer by its buyer's name (or a person's word, which the state
/// keeps), and a place in «Nguồn» or the workspace's memory does not make it the customer's
/// again — attribution does, where a tax code a customer has now comes before the name (the
/// company with that code typed in this week takes its invoices; else the line goes where it
/// went last week: `attribute::keep_last_week`).
fn buyer_elsewhere(source: &Source, line: &Norm, owner: &Norm) -> bool {
    source.kind == SourceKind::Invoices && line.tax.is_some() && line.tax != owner.tax
}

/// Rows read again, at no place the adopted book's «Nguồn» shows, that the state knows by
/// their key under the id of a customer of the book: that customer's rows, as those «Nguồn»
/// lists are ([`claim_listed_rows`]) — the web export saved under another name each week,
/// whose rows «Nguồn» names under the old one (a row of nothing but a company's name, which
/// matching never joins, became a customer again each such week), or a row among the «(+k)»
/// a cell leaves unsaid — and rows at a place it shows whose values did not tell the cell they
/// are its customer's, known under that customer's id. A key two rows of this run share
/// (namesakes with nothing else written) claims neither.
pub fn claim_known_rows(
    book: &mut BookRows,
    (raw, norms, sources): (&[RawRow], &[Norm], &[Source]),
    fps: &[crate::keys::Fp],
    known: &HashMap<crate::keys::Fp, String>,
) {
    if book.given.is_empty() || known.is_empty() {
        return;
    }
    let mut owner_of: FxHashMap<&str, u32> = FxHashMap::default();
    for (&row, id) in &book.given {
        if is_adopted_row(&raw[row as usize]) {
            let owner = owner_of.entry(id.as_str()).or_insert(row);
            *owner = (*owner).min(row);
        }
    }
    let (given, listed, book_sources) = (&book.given, &book.listed, &book.book_sources);
    let found: Vec<(u32, u32)> = (0..raw.len() as u32)
        .into_par_iter()
        .filter_map(|i| {
            // A row the clerk typed into the adopted book is not claimed by a key the state
            // knows under a customer of the book (a name alone, once decided to be that
            // customer's, may be a namesake's): matching, or a person, says whose it is.
            if given.contains_key(&i)
                || is_adopted_row(&raw[i as usize])
                || book_sources.get(raw[i as usize].source as usize) == Some(&true)
            {
                return None;
            }
            let id = known.get(&fps[i as usize])?;
            // A row at a place «Nguồn» shows that the cell did not claim (its name another
            // customer's way of writing it: «Mai Nga» for «Mai Thị Nga», with nothing else
            // the book's row has) is that customer's when the state knew it under the same
            // id: the place and the row's own key agree.
            if listed.get(&i).is_some_and(|owner| owner != id) {
                return None;
            }
            let owner = *owner_of.get(id.as_str())?;
            let source = &sources[raw[i as usize].source as usize];
            (!buyer_elsewhere(source, &norms[i as usize], &norms[owner as usize]))
                .then_some((i, owner))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    // (The adopted row itself often has the key: a customer of one row, written back.)
    let mut count: FxHashMap<crate::keys::Fp, u32> = FxHashMap::default();
    for (fp, r) in fps.iter().zip(raw) {
        if !is_adopted_row(r) {
            *count.entry(*fp).or_default() += 1;
        }
    }
    for (i, owner) in found {
        if count[&fps[i as usize]] > 1 {
            continue;
        }
        let (label, id) = (book.labels[owner as usize], book.given[&owner].clone());
        book.labels[i as usize] = label;
        book.given.insert(i, id);
        book.claimed.insert(i);
        book.known.insert(i);
    }
}

/// Rows the book lists among the sources of the customer they went to this run were read in
/// an earlier week (`IdAssignment::seen`): the book counted them already. A workspace knows
/// them by their fingerprints; a run without one (or a workspace's first) by the book alone.
///
/// Without a state the book is the only memory, and «Nguồn» shows five places of a kind and
/// "(+k)" for the rest: up to k of the customer's rows of other files that the cell does not
/// list were counted too (the same listing read again), else each week would list and count
/// them once more.
pub fn listed_were_seen(
    ids: &mut super::IdAssignment,
    groups: &[Vec<u32>],
    book: &BookRows,
    raw: &[RawRow],
) {
    if book.listed.is_empty() && book.first_free == 0 {
        return;
    }
    let mark = |seen: &mut Vec<bool>, r: u32| {
        if seen.is_empty() {
            *seen = vec![false; raw.len()];
        }
        seen[r as usize] = true;
    };
    for (g, id) in groups.iter().zip(&ids.ids) {
        for &r in g {
            if book.listed.get(&r) == Some(id) {
                mark(&mut ids.seen, r);
            }
        }
        if book.first_free == 0 {
            continue;
        }
        let mut hidden: usize = g
            .iter()
            .filter(|&&r| is_adopted_row(&raw[r as usize]) && book.given.get(&r) == Some(id))
            .flat_map(|&r| raw[r as usize].get(Role::Provenance).split("; "))
            .filter_map(|p| {
                p.strip_prefix("(+")?
                    .strip_suffix(')')?
                    .parse::<usize>()
                    .ok()
            })
            .sum();
        for &r in g {
            if hidden == 0 {
                break;
            }
            let row = &raw[r as usize];
            let unlisted = !book.in_book(row.source)
                && row.get(Role::Provenance).is_empty()
                && !ids.seen.get(r as usize).copied().unwrap_or(false);
            if unlisted {
                mark(&mut ids.seen, r);
                hidden -= 1;
            }
        }
    }
}

/// A place as the book writes it: "file › row" or "file › sheet › row" (sheet "" for a CSV).
fn parse_place(place: &str) -> Option<(&str, &str, u32)> {
    let mut parts = place.rsplitn(3, " › ");
    let row = parts.next()?.trim().parse().ok()?;
    let second = parts.next()?;
    Some(match parts.next() {
        Some(file) => (file, second, row),
        None => (second, "", row),
    })
}

/// The last component of a path, either separator.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether `tail` is `path` or ends it after a folder separator.
fn ends_path(path: &str, tail: &str) -> bool {
    let (p, t) = (path.replace('\\', "/"), tail.replace('\\', "/"));
    p == t
        || p.strip_suffix(t.as_str())
            .is_some_and(|head| head.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A place the book lists is found again when this run names the file from another
    /// folder: the listed name ends the path at a folder boundary.
    #[test]
    fn a_listed_place_is_read_back_whatever_folder_names_the_file() {
        assert_eq!(
            parse_place("so-khach-hang.xlsx › Khách hàng › 42"),
            Some(("so-khach-hang.xlsx", "Khách hàng", 42))
        );
        assert_eq!(
            parse_place("ke-toan/bang-ke.csv › 18"),
            Some(("ke-toan/bang-ke.csv", "", 18))
        );
        for bad in ["(+3)", "bang-ke.csv", "bang-ke.csv › mười"] {
            assert_eq!(parse_place(bad), None, "{bad}");
        }
        assert_eq!(file_name(r"D:\Khách hàng\bang-ke.csv"), "bang-ke.csv");
        assert_eq!(file_name("bang-ke.csv"), "bang-ke.csv");
        assert!(ends_path("/home/kt/2026/bang-ke.csv", "bang-ke.csv"));
        assert!(ends_path(r"D:\kt\2026\bang-ke.csv", "2026/bang-ke.csv"));
        assert!(ends_path("bang-ke.csv", "bang-ke.csv"));
        assert!(!ends_path("/home/kt/old-bang-ke.csv", "bang-ke.csv"));
        assert!(!ends_path("/home/kt/2025/bang-ke.csv", "2026/bang-ke.csv"));
    }

    /// A cell of the adopted book that still holds what the book wrote is no person's edit,
    /// though this version reads it otherwise («Cty TNHH XD Lâm Kim», written by a version that
    /// left «XD» as typed); a cell the clerk changed is.
    #[test]
    fn a_cell_read_otherwise_is_no_edit() {
        let keyer = crate::state::Store::ephemeral().unwrap().keyer();
        let written_name = "Cty TNHH XD Lâm Kim";
        let edit_of = |cell: &str| {
            let norms = crate::normalize::test_rows(&[&format!("{cell}|0912345678|||")]);
            let mut raw = RawRow::new(0, 2);
            raw.set(Role::CustomerId, "KH000001");
            raw.set(Role::Name, cell);
            let mut values = row_values(&norms[0]);
            values[0] = written_name.to_string();
            let written: HashMap<String, Vec<u8>> =
                [("KH000001".to_string(), hashes(&keyer, &values).to_vec())].into();
            let known: HashSet<String> = ["KH000001".to_string()].into();
            let out = identify(
                &[raw],
                &norms,
                &known,
                &HashMap::new(),
                &written,
                &keyer,
                &|_| true,
            );
            (norms[0].name.to_string(), !out.edited.is_empty())
        };
        assert_eq!(
            edit_of(written_name),
            ("Công ty TNHH Xây dựng Lâm Kim".to_string(), false)
        );
        assert!(edit_of("Cty TNHH XD Lâm Kim Phát").1);
    }

    /// A book row without its `Mã KH` is given the id of the one customer whose values it
    /// repeats; a row a clerk changed, or whose values two customers share, is given none; rows
    /// of a sheet that has its id column are left as they are.
    #[test]
    fn a_row_repeating_what_the_book_wrote_gets_its_id_back() {
        let keyer = crate::state::Store::ephemeral().unwrap().keyer();
        let specs = [
            "Trần Thị Lan|0987654321|lan@x.vn|5 Hai Bà Trưng, Hà Nội",
            "Nguyễn Văn An|||",
            "Trần Thị Lan|0987654322|lan@x.vn|5 Hai Bà Trưng, Hà Nội",
            "Trần Thị Lan|0987654321|lan@x.vn|5 Hai Bà Trưng, Hà Nội",
        ];
        let norms = crate::normalize::test_rows(&specs);
        let mut raw = crate::normalize::test_raw_rows(&specs);
        raw[3].source = 1;
        let h = |i: usize| hashes(&keyer, &row_values(&norms[i])).to_vec();
        let written: HashMap<String, Vec<u8>> = [
            ("KH000001".to_string(), h(0)),
            // Two namesakes with nothing but the name: no row says which.
            ("KH000002".to_string(), h(1)),
            ("KH000003".to_string(), h(1)),
        ]
        .into();
        let out = recover_ids(&mut raw, &norms, &written, &keyer, &[true, false]);
        let ids: Vec<&str> = raw.iter().map(|r| r.get(Role::CustomerId)).collect();
        assert_eq!(ids, ["KH000001", "", "", ""]);
        assert_eq!(
            out,
            [Recovered {
                source: 0,
                rows: 3,
                recognised: 1,
                remembered: true,
            }]
        );
    }

    #[test]
    fn a_name_with_words_left_out_is_within_the_whole() {
        assert!(crate::merge::names::within(
            "cua hang hieu duong",
            "cua hang gao hieu duong"
        ));
        assert!(crate::merge::names::within(
            "nguyen van an",
            "nguyen van hoai an"
        ));
        assert!(!crate::merge::names::within(
            "cua hang hieu duong",
            "cua hang duong hieu"
        ));
        assert!(!crate::merge::names::within(
            "cua hang hieu duong",
            "cua hang gao hieu"
        ));
    }

    /// Only an id of sokhach's form that the state never gave is asked about: the office's own
    /// codes and a web shop's account numbers are not ids of ours.
    #[test]
    fn only_sokhach_ids_are_asked_about() {
        for id in ["KH000001", "KH123456", "KH1234567"] {
            assert!(is_sokhach_id(id), "{id}");
        }
        assert!(is_sokhach_id("kh000001"));
        for id in ["KH00432", "DN00939", "10642", "KH", "KH12345A", "KHÁCH12"] {
            assert!(!is_sokhach_id(id), "{id}");
        }
    }

    /// A row copied to start another customer, its `Mã KH` left, is not that customer; a
    /// second row typed for the same customer is.
    #[test]
    fn a_copied_row_is_someone_else_and_a_retyped_one_is_not() {
        let rows = crate::normalize::test_rows(&[
            "Phạm Gia Huy|0902555463|phamhuy2003@gmail.com|12 Lê Lợi, Q.1, TP.HCM",
            "Phạm Thị Thu Hà|0983111222||12 Lê Lợi, Q.1, TP.HCM",
            "Phạm Gia Huy|0912000111",
            "Chị Hằng|0912000111",
            "Nguyễn Thị Hằng|0933444555",
            "Nguễn Thanh Trung",
            "Nguyễn Thanh Trung",
            "Công ty TNHH Minh Phát",
            "Cửa hàng Hoa Lan|0243 8251 234",
        ]);
        let same = |a: usize, b: usize| same_party(&rows[a], &rows[b]);
        assert!(!same(0, 1));
        assert!(same(0, 2));
        assert!(same(3, 4));
        assert!(same(5, 6));
        assert!(!same(7, 8));
    }
}
