//! `ke-toan.xlsx`: the accountant's reconciliation of the sales-invoice listings with the
//! customer book — revenue per customer for the period (totals equal the sum of the input
//! amounts, in whole đồng), invoices whose buyer is in no customer ledger, missing or invalid
//! buyer tax codes, one tax code under several names, and book names that differ from the
//! invoices' legal names. Deleted customers' invoices stay (the law keeps them 10 years) under
//! a masked name.

use super::xlsx::{save_staged, Formats, SheetWriter, V};
use crate::i18n::{Lang, L};
use crate::merge::{revenue, Customer};
use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::Norm;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const FILE: &str = "ke-toan.xlsx";

pub struct AccountsInput<'a> {
    pub lang: Lang,
    pub raw: &'a [RawRow],
    pub sources: &'a [Source],
    pub norms: &'a [Norm],
    pub customers: &'a [Customer],
    /// Customer index of every row.
    pub customer_of: &'a [u32],
    /// Masked label of removed customers, by customer index.
    pub removed: &'a HashMap<usize, String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Whether any input was an invoice listing.
pub fn has_invoices(sources: &[Source]) -> bool {
    sources.iter().any(|s| s.kind == SourceKind::Invoices)
}

fn day(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days() as i32
}

pub fn write(path: &Path, a: &AccountsInput<'_>) -> Result<super::Staged> {
    let lang = a.lang;
    let mut wb = super::xlsx::workbook();
    let fmt = Formats::new();
    let is_invoice = |r: &RawRow| a.sources[r.source as usize].kind == SourceKind::Invoices;
    let inv_rows: Vec<usize> = (0..a.raw.len())
        .filter(|&i| is_invoice(&a.raw[i]))
        .collect();
    let in_period = |i: usize| {
        let d = a.norms[i].date;
        a.from.is_none_or(|f| d.is_some_and(|d| d >= f))
            && a.to.is_none_or(|t| d.is_some_and(|d| d <= t))
    };
    let label = |ci: usize| -> String {
        match a.removed.get(&ci) {
            Some(m) => format!("({}) {m}", L("đã xóa", "deleted").t(lang)),
            None => a.customers[ci].name.to_string(),
        }
    };

    // Revenue per customer, through polars.
    // Grouped by the customer's index (a number groups faster and smaller than an id string);
    // the table is then ordered by customer id.
    let keys: Vec<u32> = inv_rows.iter().map(|&i| a.customer_of[i]).collect();
    let days: Vec<Option<i32>> = inv_rows.iter().map(|&i| a.norms[i].date.map(day)).collect();
    let amounts: Vec<Option<i64>> = inv_rows.iter().map(|&i| a.norms[i].amount()).collect();
    let vats: Vec<Option<i64>> = inv_rows.iter().map(|&i| a.norms[i].vat()).collect();
    let mut per = revenue::per_customer(keys, days, amounts, vats, a.from.map(day), a.to.map(day))?;
    per.sort_by(|x, y| {
        a.customers[x.0 as usize]
            .id
            .cmp(&a.customers[y.0 as usize].id)
    });
    let input_total: i64 = inv_rows
        .iter()
        .filter(|&&i| in_period(i))
        .filter_map(|&i| a.norms[i].amount())
        .sum();
    {
        let headers: Vec<&str> = [
            L("Mã KH", "Customer ID"),
            L("Tên", "Name"),
            L("MST", "Tax code"),
            L("Số hóa đơn", "Invoices"),
            L("Doanh thu chưa thuế", "Revenue before VAT"),
            L("Thuế GTGT", "VAT"),
            L("Tổng cộng", "Total"),
        ]
        .iter()
        .map(|l| l.t(lang))
        .collect();
        let mut sw = SheetWriter::new(
            &mut wb,
            L("Doanh thu theo khách", "Revenue per customer").t(lang),
            &headers,
            &fmt,
        )?;
        let (mut n, mut am, mut vt) = (0i64, 0i64, 0i64);
        for &(ci, count, amount, vat) in &per {
            let ci = ci as usize;
            let tax = if a.removed.contains_key(&ci) {
                String::new()
            } else {
                a.customers[ci].tax.to_string()
            };
            sw.row(&[
                V::from(a.customers[ci].id.as_str()),
                V::from(label(ci)),
                V::from(tax),
                V::I(count as i64),
                V::I(amount),
                V::I(vat),
                V::I(amount + vat),
            ])?;
            n += count as i64;
            am += amount;
            vt += vat;
        }
        sw.row(&[
            V::from(L("TỔNG", "TOTAL").t(lang)),
            V::Empty,
            V::Empty,
            V::I(n),
            V::I(am),
            V::I(vt),
            V::I(am + vt),
        ])?;
        let check = if am == input_total {
            L(
                "Khớp với tổng số tiền trong các bảng kê đầu vào",
                "Equals the total of the input listings",
            )
        } else {
            L(
                "KHÔNG KHỚP với tổng đầu vào — hãy báo lỗi",
                "DOES NOT equal the input total — please report a bug",
            )
        };
        sw.row(&[
            V::from(L("Tổng đầu vào", "Input total").t(lang)),
            V::from(check.t(lang)),
            V::Empty,
            V::Empty,
            V::I(input_total),
            V::Empty,
            V::Empty,
        ])?;
        if let (Some(f), Some(t)) = (a.from, a.to) {
            sw.row(&[
                V::from(L("Kỳ", "Period").t(lang)),
                V::from(format!(
                    "{} – {}",
                    f.format("%d/%m/%Y"),
                    t.format("%d/%m/%Y")
                )),
            ])?;
        }
        sw.finish()?;
    }

    let inv_headers: Vec<&str> = [
        L("Tệp", "File"),
        L("Dòng", "Row"),
        L("Số hóa đơn", "Invoice no."),
        L("Ngày", "Date"),
        L("Tên người mua", "Buyer"),
        L("MST người mua", "Buyer tax code"),
        L("Doanh thu chưa thuế", "Revenue before VAT"),
        L("Mã KH", "Customer ID"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let inv_row = |i: usize| -> Vec<V<'static>> {
        let r = &a.raw[i];
        let ci = a.customer_of[i] as usize;
        let removed = a.removed.contains_key(&ci);
        vec![
            V::from(a.sources[r.source as usize].file.clone()),
            V::I(r.row as i64),
            V::from(r.get(Role::InvoiceNo).to_string()),
            V::from(a.norms[i].date),
            V::from(if removed {
                label(ci)
            } else {
                r.get(Role::Name).to_string()
            }),
            V::from(if removed {
                String::new()
            } else {
                r.get(Role::TaxCode).to_string()
            }),
            a.norms[i].amount().map(V::I).unwrap_or(V::Empty),
            V::from(a.customers[ci].id.clone()),
        ]
    };
    // Buyers in no customer ledger: their customer has invoice rows only.
    {
        let mut sw = SheetWriter::new(
            &mut wb,
            L("HĐ không có trong sổ KH", "Invoices not in customer book").t(lang),
            &inv_headers,
            &fmt,
        )?;
        for &i in &inv_rows {
            let c = &a.customers[a.customer_of[i] as usize];
            if c.rows.iter().all(|&r| is_invoice(&a.raw[r as usize])) {
                sw.row(&inv_row(i))?;
            }
        }
        sw.finish()?;
    }
    // Missing or invalid buyer tax codes (organisations must have one).
    {
        let mut sw = SheetWriter::new(
            &mut wb,
            L("MST thiếu hoặc sai", "Missing or invalid tax codes").t(lang),
            &inv_headers,
            &fmt,
        )?;
        for &i in &inv_rows {
            let typed = a.raw[i].get(Role::TaxCode);
            let bad = a.norms[i].tax.is_none()
                && (!typed.trim().is_empty()
                    || a.norms[i].kind == crate::normalize::name::PartyKind::Org);
            if bad {
                sw.row(&inv_row(i))?;
            }
        }
        sw.finish()?;
    }
    // One tax code under several names.
    {
        let mut names: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for &i in &inv_rows {
            if let Some(t) = &a.norms[i].tax {
                names
                    .entry(t.as_str().to_string())
                    .or_default()
                    .entry(a.norms[i].name_key.to_string())
                    .or_insert(i);
            }
        }
        let mut sw = SheetWriter::new(
            &mut wb,
            L("Một MST nhiều tên", "One tax code, several names").t(lang),
            &inv_headers,
            &fmt,
        )?;
        for rows in names.values().filter(|m| m.len() > 1) {
            for &i in rows.values() {
                sw.row(&inv_row(i))?;
            }
        }
        sw.finish()?;
    }
    // Book names that differ from the invoices' legal name.
    {
        let headers: Vec<&str> = [
            L("Mã KH", "Customer ID"),
            L("Tên trong sổ khách hàng", "Name in the customer book"),
            L("Tên trên hóa đơn", "Name on the invoices"),
            L("MST", "Tax code"),
        ]
        .iter()
        .map(|l| l.t(lang))
        .collect();
        let mut sw = SheetWriter::new(
            &mut wb,
            L("Tên khác hóa đơn", "Names differ from invoices").t(lang),
            &headers,
            &fmt,
        )?;
        for (ci, c) in a.customers.iter().enumerate() {
            if a.removed.contains_key(&ci) {
                continue;
            }
            let (inv, book): (Vec<u32>, Vec<u32>) = c
                .rows
                .iter()
                .partition(|&&r| is_invoice(&a.raw[r as usize]));
            let (Some(&ir), Some(&br)) = (inv.first(), book.first()) else {
                continue;
            };
            let (ni, nb) = (&a.norms[ir as usize], &a.norms[br as usize]);
            if ni.name_key != nb.name_key && !ni.name.is_empty() && !nb.name.is_empty() {
                sw.row(&[
                    V::from(c.id.as_str()),
                    V::from(nb.name.as_str()),
                    V::from(ni.name.as_str()),
                    V::from(c.tax.as_str()),
                ])?;
            }
        }
        sw.finish()?;
    }
    save_staged(&mut wb, path)
}
