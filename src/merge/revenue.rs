//! Revenue per customer from the accountant's invoice rows — the one aggregation done with
//! polars, kept here so a polars upgrade touches this file only.

use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::Norm;
use polars::prelude::*;
use std::collections::HashMap;

/// What identifies an invoice: its series and its number ("1" repeats across series), the
/// number without leading zeros. `None` without a series: such rows cannot be told apart.
pub fn invoice_key(series: &str, number: &str) -> Option<(String, String)> {
    let series = series.trim().to_uppercase();
    let number = number.trim().trim_start_matches('0');
    (!series.is_empty() && !number.is_empty()).then(|| (series, number.to_string()))
}

/// Invoice lines that repeat a line of another listing (file or sheet) — one invoice listed in
/// both March's and April's files: the same series and number, the same date, revenue and VAT,
/// the same buyer (`customer_of`, the customer of each row). It is counted once: each maps to
/// the earlier line it repeats (input order). A repeat that differs in anything, or two lines
/// of one listing (its own total counts both), stays counted, for a person to look at.
pub fn repeated_lines(
    raw: &[RawRow],
    sources: &[Source],
    norms: &[Norm],
    customer_of: &[u32],
) -> HashMap<u32, u32> {
    let mut counted: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut repeats = HashMap::new();
    for (i, r) in raw.iter().enumerate() {
        if sources[r.source as usize].kind != SourceKind::Invoices {
            continue;
        }
        let Some(key) = invoice_key(r.get(Role::InvoiceSeries), r.get(Role::InvoiceNo)) else {
            continue;
        };
        let n = &norms[i];
        let same = |&j: &usize| {
            let m = &norms[j];
            raw[j].source != r.source
                && (m.date, m.amount(), m.vat()) == (n.date, n.amount(), n.vat())
                && customer_of[j] == customer_of[i]
        };
        let earlier = counted.entry(key).or_default();
        match earlier.iter().find(|j| same(j)) {
            Some(&j) => {
                repeats.insert(i as u32, j as u32);
            }
            None => earlier.push(i),
        }
    }
    repeats
}

/// Invoice amounts per customer (its index) over a date range: (customer, invoices, amount,
/// vat), exact integers of đồng, sorted by customer.
pub fn per_customer(
    ids: Vec<u32>,
    dates: Vec<Option<i32>>,
    amounts: Vec<Option<i64>>,
    vats: Vec<Option<i64>>,
    from: Option<i32>,
    to: Option<i32>,
) -> PolarsResult<Vec<(u32, u32, i64, i64)>> {
    let df = df!(
        "id" => ids,
        "day" => dates,
        "amount" => amounts,
        "vat" => vats,
    )?;
    let mut lf = df.lazy();
    if let Some(f) = from {
        lf = lf.filter(col("day").gt_eq(lit(f)));
    }
    if let Some(t) = to {
        lf = lf.filter(col("day").lt_eq(lit(t)));
    }
    let out = lf
        .group_by([col("id")])
        .agg([
            len().alias("n"),
            col("amount").sum().alias("amount"),
            col("vat").sum().alias("vat"),
        ])
        .sort(["id"], Default::default())
        .collect()?;
    let id = out.column("id")?.u32()?.clone();
    let n = out.column("n")?.cast(&DataType::UInt32)?;
    let n = n.u32()?.clone();
    let amount = out.column("amount")?.i64()?.clone();
    let vat = out.column("vat")?.i64()?.clone();
    Ok((0..out.height())
        .map(|i| {
            (
                id.get(i).unwrap_or_default(),
                n.get(i).unwrap_or(0),
                amount.get(i).unwrap_or(0),
                vat.get(i).unwrap_or(0),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_exactly_and_filters_by_day() {
        let out = per_customer(
            vec![2, 1, 2, 1],
            vec![Some(10), Some(11), Some(12), Some(30)],
            vec![Some(1_000_000_001), Some(5), Some(2), Some(7)],
            vec![Some(80_000_000), Some(0), None, Some(1)],
            Some(10),
            Some(20),
        )
        .unwrap();
        assert_eq!(out, vec![(1, 1, 5, 0), (2, 2, 1_000_000_003, 80_000_000)]);
    }
}
