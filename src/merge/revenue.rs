//! Revenue per customer from the accountant's invoice rows — the one aggregation done with
//! polars, kept here so a polars upgrade touches this file only.

pub use crate::model::invoice_key;
use crate::model::{invoice_parts, RawRow, Role, Source, SourceKind};
use crate::normalize::Norm;
use polars::prelude::*;
use std::collections::{HashMap, HashSet};

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

/// Per invoice line, 1 when it starts an invoice of its customer and 0 when it is a further
/// line of one (`lines`: the customer and the line's series and number, in input order). A
/// listing gives an invoice one line per VAT rate (the tax form's sections at 5 %, 8 %,
/// 10 %): its two lines are one invoice. A line without a number is an invoice of its own.
pub fn invoice_starts<'a>(lines: impl Iterator<Item = (u32, &'a str, &'a str)>) -> Vec<u32> {
    let mut seen: HashSet<(u32, (String, String))> = HashSet::new();
    lines
        // The number alone when the listing has no series column.
        .map(
            |(customer, series, number)| match invoice_parts(series, number) {
                Some(key) => u32::from(seen.insert((customer, key))),
                None => 1,
            },
        )
        .collect()
}

/// Invoice amounts per customer (its index) over a date range: (customer, invoices, [amount,
/// vat, total of the lines given only with their VAT]), exact integers of đồng, sorted by customer. `starts` counts each invoice once
/// ([`invoice_starts`]).
pub fn per_customer(
    ids: Vec<u32>,
    starts: Vec<u32>,
    dates: Vec<Option<i32>>,
    [amounts, vats, grosses]: [Vec<Option<i64>>; 3],
    from: Option<i32>,
    to: Option<i32>,
) -> PolarsResult<Vec<(u32, u32, [i64; 3])>> {
    let df = df!(
        "id" => ids,
        "start" => starts,
        "day" => dates,
        "amount" => amounts,
        "vat" => vats,
        "gross" => grosses,
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
            col("start").sum().alias("n"),
            col("amount").sum().alias("amount"),
            col("vat").sum().alias("vat"),
            col("gross").sum().alias("gross"),
        ])
        .sort(["id"], Default::default())
        .collect()?;
    let id = out.column("id")?.u32()?.clone();
    let n = out.column("n")?.cast(&DataType::UInt32)?;
    let n = n.u32()?.clone();
    let amount = out.column("amount")?.i64()?.clone();
    let vat = out.column("vat")?.i64()?.clone();
    let gross = out.column("gross")?.i64()?.clone();
    Ok((0..out.height())
        .map(|i| {
            (
                id.get(i).unwrap_or_default(),
                n.get(i).unwrap_or(0),
                [
                    amount.get(i).unwrap_or(0),
                    vat.get(i).unwrap_or(0),
                    gross.get(i).unwrap_or(0),
                ],
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
            vec![1, 1, 1, 1],
            vec![Some(10), Some(11), Some(12), Some(30)],
            [
                vec![Some(1_000_000_001), Some(5), Some(2), Some(7)],
                vec![Some(80_000_000), Some(0), None, Some(1)],
                vec![None, None, Some(330), Some(9)],
            ],
            Some(10),
            Some(20),
        )
        .unwrap();
        assert_eq!(
            out,
            vec![(1, 1, [5, 0, 0]), (2, 2, [1_000_000_003, 80_000_000, 330])]
        );
    }

    /// An invoice on two lines (two VAT rates) is one invoice; the same number for another
    /// customer, or a line without a number, is another.
    #[test]
    fn an_invoice_on_two_lines_is_counted_once() {
        let lines = [
            (1, "C24TSH", "0000001"),
            (1, "c24tsh", "1"),
            (2, "C24TSH", "1"),
            (1, "C24TSH", "2"),
            (1, "", ""),
            (1, "", ""),
        ];
        assert_eq!(invoice_starts(lines.into_iter()), [1, 0, 1, 1, 1, 1]);
        let out = per_customer(
            vec![1, 1, 1],
            vec![1, 0, 1],
            vec![Some(1), Some(1), Some(2)],
            [
                vec![Some(100), Some(200), Some(50)],
                vec![Some(5), Some(20), Some(5)],
                vec![None, None, None],
            ],
            None,
            None,
        )
        .unwrap();
        assert_eq!(out, vec![(1, 2, [350, 30, 0])]);
    }
}
