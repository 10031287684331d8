//! The adopted book coming back: which customer each of its rows names (`Mã KH`), and which
//! values a person changed since the tool wrote them. The state keeps, per customer, keyed
//! hashes of the values written to the book — never the values — so an edit is recognised
//! without keeping personal data in plain text.

use super::Customer;
use crate::keys::{Keyer, ValueHashes, BOOK_FIELDS};
use crate::model::{Field, Finding, RawRow, Role, Rule, Severity};
use crate::normalize::taxcode::codes_conflict;
use crate::normalize::Norm;
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

/// Whether a row agrees with what the book last said of a customer (`written`, its values'
/// hashes): the same name, phones, emails or tax code, where the row has one.
fn agrees(n: &Norm, written: Option<&Vec<u8>>, keyer: &Keyer) -> bool {
    let Some(before) = written else {
        return false;
    };
    let values = row_values(n);
    let now = hashes(keyer, &values);
    [Field::Name, Field::Phone, Field::Email, Field::TaxCode]
        .iter()
        .filter_map(|f| FIELDS.iter().position(|x| x == f))
        .any(|k| {
            let range = 8 * k..8 * k + 8;
            !values[k].is_empty() && before.get(range.clone()) == now.get(range)
        })
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
    /// Rows of files other than the book whose `Mã KH` names one of our customers (and agrees
    /// with it): joined to that customer, read as ordinary rows (see [`identify`]).
    pub outside: rustc_hash::FxHashSet<u32>,
    pub findings: Vec<Finding>,
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
    let mut number: FxHashMap<String, u32> = FxHashMap::default();
    // The tax code of the first row naming each id that has one.
    let mut tax_of: FxHashMap<String, &str> = FxHashMap::default();
    // Ids a row has named so far.
    let mut named: rustc_hash::FxHashSet<String> = Default::default();
    for (i, r) in raw.iter().enumerate() {
        let cell = r.get(Role::CustomerId).trim();
        if cell.is_empty() {
            continue;
        }
        let id = cell.to_uppercase();
        let id = aliases.get(&id).cloned().unwrap_or(id);
        let outside = !in_book(i as u32);
        if outside && is_sokhach_id(&id) && !agrees(&norms[i], written.get(&id), keyer) {
            out.foreign.push(i as u32);
            continue;
        }
        if !known.contains(&id) {
            if !is_sokhach_id(&id) {
                // The office's own code ("KH00432", "DN00939") or a web shop's account number:
                // not one of ours, so nothing to ask about; the row is matched like a new one.
                continue;
            }
            out.findings.push(Finding {
                row: i as u32,
                field: Field::CustomerId,
                severity: Severity::Check,
                rule: Rule::CustomerIdUnknown,
                old: cell.into(),
                new: Default::default(),
                old_is_cell: false,
                new_is_kept: false,
            });
            continue;
        }
        // Two taxpayers under one id: a typo in the id, not the clerk saying they are one.
        let tax = norms[i].tax.as_ref().map(|t| t.as_str());
        match (tax, tax_of.get(&id)) {
            (Some(t), Some(&first)) if codes_conflict(t, first) => {
                out.findings.push(Finding {
                    row: i as u32,
                    field: Field::CustomerId,
                    severity: Severity::Check,
                    rule: Rule::CustomerIdOtherTaxpayer,
                    old: cell.into(),
                    new: Default::default(),
                    old_is_cell: false,
                    new_is_kept: false,
                });
                continue;
            }
            (Some(t), None) => {
                tax_of.insert(id.clone(), t);
            }
            _ => {}
        }
        if out.labels.is_empty() {
            out.labels = vec![crate::matching::NO_LABEL; raw.len()];
        }
        let next = number.len() as u32;
        out.labels[i] = *number.entry(id.clone()).or_insert(next);
        if outside {
            // Another file that carries our id (an accountant's software given the book's
            // codes): its row is that customer's, and a source like any other — what it says
            // differently is not a person's edit of the book.
            out.outside.insert(i as u32);
        } else if let Some(before) = written.get(&id) {
            let values = row_values(&norms[i]);
            let now = hashes(keyer, &values);
            // A second row naming the id (the clerk typed the customer again, with a name and
            // a phone) edits what it fills in; its blank cells clear nothing.
            let again = !named.insert(id.clone());
            for (k, f) in FIELDS.iter().enumerate() {
                let range = 8 * k..8 * k + 8;
                if again && values[k].is_empty() {
                    continue;
                }
                if before.get(range.clone()) != now.get(range) {
                    out.edited.insert(i as u32);
                    out.findings.push(Finding {
                        row: i as u32,
                        field: *f,
                        severity: Severity::Changed,
                        rule: Rule::EditedInBook,
                        old: Default::default(),
                        new: values[k].as_str().into(),
                        old_is_cell: false,
                        new_is_kept: false,
                    });
                }
            }
        }
        out.given.insert(i as u32, id);
    }
    out
}

/// Rows the adopted book lists as a customer's sources ("Nguồn": "file › sheet › row") that
/// are read again this run — the same invoice listing or web export, next week — belong to that
/// customer: they are its rows, not a new customer's. The place alone could name another row
/// of a file that changed, so the row must also carry the customer's name or tax code.
/// `place_of` names a row as the book does.
pub fn claim_listed_rows(
    book: &mut BookRows,
    raw: &[RawRow],
    norms: &[Norm],
    place_of: &dyn Fn(u32) -> String,
) {
    if book.given.is_empty() {
        return;
    }
    let mut listed: FxHashMap<&str, u32> = FxHashMap::default();
    for &row in book.given.keys() {
        for place in raw[row as usize].get(Role::Provenance).split("; ") {
            listed.entry(place).or_insert(row);
        }
    }
    let mut claimed: Vec<(u32, u32)> = Vec::new();
    for i in 0..raw.len() as u32 {
        if book.given.contains_key(&i) || is_adopted_row(&raw[i as usize]) {
            continue;
        }
        let Some(&owner) = listed.get(place_of(i).as_str()) else {
            continue;
        };
        let (n, o) = (&norms[i as usize], &norms[owner as usize]);
        let same_tax = n.tax.is_some() && n.tax == o.tax;
        let same_name = !n.name_key.is_empty() && n.name_key == o.name_key;
        if same_tax || same_name {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
