//! Rows a ledger itself writes as one customer, before any score weighs them: one name cell
//! merged down their rows (found while reading, [`crate::ingest`]), the lines of one invoice,
//! and the rows of one table under one code of the ledger's own (a sales program's «Mã khách
//! hàng»). Each is a statement of the file, not a likeness: the clustering joins such rows
//! unless they carry two of our ids or two taxpayers' codes, or a person kept them apart.

use crate::model::{invoice_parts, RawRow, Role};
use crate::normalize::Norm;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

/// What says that two rows are one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// One name cell merged down the rows.
    MergedCell,
    /// Lines of one invoice: the same series and number, the same date, one buyer. An
    /// accounting program's sales book gives an invoice one line per item, a tax listing one
    /// per VAT rate, and the invoice listed again in the next month's listing is the same
    /// invoice: one buyer however many lines.
    OneInvoice,
    /// One code of the ledger's own (not one of our ids) on rows of one table under one name:
    /// the program that exported the table numbers each of its customers once.
    OneCode,
}

/// Who a row names as its buyer or customer: its name key, or its tax code when it has no
/// name. A row with neither names nobody and is joined to nothing.
fn named(n: &Norm) -> Option<&str> {
    if !n.name_key.is_empty() {
        Some(n.name_key.as_str())
    } else {
        n.tax.as_ref().map(|t| t.as_str())
    }
}

/// An invoice line's key: the number (no leading zeros), its series in capitals, and where the
/// number is unique — a series numbers its invoices once, so a key with one holds across
/// listings; a number without a series only inside its own listing (another listing may be
/// another series).
#[derive(Hash, PartialEq, Eq)]
struct InvoiceKey<'a> {
    series: String,
    number: String,
    source: Option<u32>,
    date: Option<NaiveDate>,
    buyer: &'a str,
}

/// Pairs (an earlier row, a later row) written as one customer by an invoice or a ledger's own
/// code; each later row is paired with the first row of its kind. `is_listing`: whether a
/// source is an invoice listing. `own_code`: whether a row's `Mã KH` cell is a code of the
/// ledger's own (not one of our ids, and not a row of the cleaned book, whose ids the book's
/// rules read).
pub fn as_one(
    raw: &[RawRow],
    norms: &[Norm],
    is_listing: &dyn Fn(u32) -> bool,
    own_code: &dyn Fn(usize) -> bool,
) -> Vec<(u32, u32, Written)> {
    let mut invoices: FxHashMap<InvoiceKey<'_>, u32> = FxHashMap::default();
    let mut codes: FxHashMap<(u32, String, &str), u32> = FxHashMap::default();
    let mut out = Vec::new();
    for (i, (r, n)) in raw.iter().zip(norms).enumerate() {
        let Some(buyer) = named(n) else {
            continue;
        };
        if is_listing(r.source) {
            if let Some((series, number)) =
                invoice_parts(r.get(Role::InvoiceSeries), r.get(Role::InvoiceNo))
            {
                let source = series.is_empty().then_some(r.source);
                let key = InvoiceKey {
                    series,
                    number,
                    source,
                    date: n.date,
                    buyer,
                };
                pair_with_first(&mut invoices, key, i as u32, Written::OneInvoice, &mut out);
            }
        }
        let code = r.get(Role::CustomerId).trim();
        if !code.is_empty() && own_code(i) {
            let key = (r.source, code.to_uppercase(), buyer);
            pair_with_first(&mut codes, key, i as u32, Written::OneCode, &mut out);
        }
    }
    out
}

/// Pairs row `i` with the first row of its `key`, or makes it that first row.
fn pair_with_first<K: std::hash::Hash + Eq>(
    firsts: &mut FxHashMap<K, u32>,
    key: K,
    i: u32,
    how: Written,
    out: &mut Vec<(u32, u32, Written)>,
) {
    match firsts.entry(key) {
        std::collections::hash_map::Entry::Occupied(e) => out.push((*e.get(), i, how)),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_rows;

    /// Rows of `source`, each with its invoice series, number and `Mã KH` cells.
    fn raw(rows: &[(u32, &str, &str, &str)]) -> Vec<RawRow> {
        rows.iter()
            .enumerate()
            .map(|(i, &(source, series, number, code))| {
                let mut r = RawRow::new(source, i as u32 + 2);
                r.push(Role::InvoiceSeries, series);
                r.push(Role::InvoiceNo, number);
                r.push(Role::CustomerId, code);
                r
            })
            .collect()
    }

    fn kinds(pairs: &[(u32, u32, Written)]) -> Vec<(u32, u32)> {
        pairs.iter().map(|&(a, b, _)| (a, b)).collect()
    }

    /// The item lines of one invoice and the invoice listed again in another listing are one
    /// buyer; the same number on another day (numbers restart each year), under another
    /// buyer's name, or without a series in another listing is not.
    #[test]
    fn the_lines_of_one_invoice_are_one_buyer() {
        let norms = test_rows(&[
            "Công ty Cổ phần Sông Hồng||||",
            "Công ty Cổ phần Sông Hồng||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
            "Nguyễn Văn Hải||||",
        ]);
        let mut norms = norms;
        norms[7].date = NaiveDate::from_ymd_opt(2025, 3, 1);
        norms[8].date = NaiveDate::from_ymd_opt(2026, 3, 1);
        let raw = raw(&[
            (0, "", "0000101", ""),
            (0, "", "101", ""),
            (0, "", "101", ""),
            (1, "1C26TAA", "15", ""),
            (2, "1C26TAA", "15", ""),
            (1, "", "16", ""),
            (2, "", "16", ""),
            (0, "", "200", ""),
            (0, "", "200", ""),
        ]);
        let listing = |_: u32| true;
        let pairs = as_one(&raw, &norms, &listing, &|_| false);
        assert_eq!(kinds(&pairs), [(0, 1), (3, 4)], "{pairs:?}");
        assert!(pairs.iter().all(|p| p.2 == Written::OneInvoice));
        // Not a listing: an invoice number typed into a customer ledger says nothing.
        assert!(as_one(&raw, &norms, &|_| false, &|_| false).is_empty());
    }

    /// One code of the ledger's own under one name in one table is one customer; the same code
    /// under another name (a row copied to type a new customer), in another table, or a code
    /// that is one of our ids is not.
    #[test]
    fn one_code_of_the_ledgers_own_under_one_name_is_one_customer() {
        let norms = test_rows(&[
            "Công ty Cổ phần Sông Hồng||||",
            "Công ty Cổ phần Sông Hồng|0912345678|||",
            "Nguyễn Thị Lan||||",
            "Công ty Cổ phần Sông Hồng||||",
            "Công ty Cổ phần Sông Hồng||||",
        ]);
        let raw = raw(&[
            (0, "", "", "KH00012"),
            (0, "", "", "kh00012"),
            (0, "", "", "KH00012"),
            (1, "", "", "KH00012"),
            (0, "", "", "KH00012"),
        ]);
        let pairs = as_one(&raw, &norms, &|_| false, &|i| i != 4);
        assert_eq!(kinds(&pairs), [(0, 1)], "{pairs:?}");
        assert_eq!(pairs[0].2, Written::OneCode);
    }
}
