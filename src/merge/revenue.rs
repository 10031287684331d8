//! Revenue per customer from the accountant's invoice rows — the one aggregation done with
//! polars, kept here so a polars upgrade touches this file only.

use polars::prelude::*;

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
