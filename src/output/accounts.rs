//! `ke-toan.xlsx`: the accountant's reconciliation of the sales-invoice listings with the
//! customer book for one period — revenue and VAT per customer (totals equal the sums of the
//! input listings, in whole đồng, and say so), invoices whose buyer is in no customer ledger,
//! invoices with no or an invalid buyer tax code, one tax code under several names, one invoice
//! (series + number) listed twice, and book names that differ from the invoices' legal names.
//! Every sheet states the period and lists only its invoices. Deleted customers' invoices stay
//! (the law keeps them 10 years) under a masked name.

use super::xlsx::{save_staged, Formats, SheetWriter, V};
use crate::error::BadInput;
use crate::i18n::{pick, Lang, L};
use crate::merge::{revenue, Customer};
use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::Norm;
use anyhow::Result;
use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::Workbook;
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
    /// Every row's lineage line (its reason says why an invoice went to its customer).
    pub lineage: &'a [super::LineageLine],
    /// Invoice rows left unattributed, with a row of each candidate customer.
    pub candidates: &'a rustc_hash::FxHashMap<u32, Vec<u32>>,
}

/// Whether any input was an invoice listing.
pub fn has_invoices(sources: &[Source]) -> bool {
    sources.iter().any(|s| s.kind == SourceKind::Invoices)
}

/// Refuses a period that is reversed or that Excel cannot show (before 1900, after 9999); the
/// clean command calls this before any work.
pub fn check_period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    lang: Lang,
) -> Result<(), BadInput> {
    let dmy = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    for (flag, d) in [("--from", from), ("--to", to)] {
        if let Some(d) = d.filter(|d| !(1900..=9999).contains(&d.year())) {
            return Err(BadInput(pick(
                lang,
                format!("{flag} {}: ngày nằm ngoài khoảng Excel hiểu được (01/01/1900 – 31/12/9999). Kiểm tra lại năm.", dmy(d)),
                format!("{flag} {}: the date is outside what Excel can show (01/01/1900 – 31/12/9999). Check the year.", dmy(d)),
            )));
        }
    }
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(BadInput(pick(
                lang,
                format!("kỳ kế toán bị ngược: --from {} sau --to {}. Đổi chỗ hai ngày rồi chạy lại.", dmy(f), dmy(t)),
                format!("the accounting period is reversed: --from {} is after --to {}. Swap the two dates and run again.", dmy(f), dmy(t)),
            )));
        }
    }
    Ok(())
}

/// The period of the workbook.
#[derive(Debug, Clone, Copy)]
struct Period {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Period {
    fn bounded(self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// An undated invoice belongs to no bounded period.
    fn contains(self, d: Option<NaiveDate>) -> bool {
        if !self.bounded() {
            return true;
        }
        d.is_some_and(|d| self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t))
    }

    /// "Kỳ: 01/01/2025 – 31/12/2025"; an open period names the invoices' own dates (`span`).
    fn caption(self, lang: Lang, span: Option<(NaiveDate, NaiveDate)>) -> String {
        let dmy = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        match (self.from, self.to, span) {
            (Some(f), Some(t), _) => pick(
                lang,
                format!("Kỳ: {} – {}", dmy(f), dmy(t)),
                format!("Period: {} – {}", dmy(f), dmy(t)),
            ),
            (Some(f), None, _) => pick(
                lang,
                format!("Kỳ: từ {}", dmy(f)),
                format!("Period: from {}", dmy(f)),
            ),
            (None, Some(t), _) => pick(
                lang,
                format!("Kỳ: đến {}", dmy(t)),
                format!("Period: up to {}", dmy(t)),
            ),
            (None, None, Some((a, b))) => pick(
                lang,
                format!("Kỳ: tất cả hóa đơn ({} – {})", dmy(a), dmy(b)),
                format!("Period: all invoices ({} – {})", dmy(a), dmy(b)),
            ),
            (None, None, None) => L("Kỳ: tất cả hóa đơn", "Period: all invoices")
                .t(lang)
                .to_string(),
        }
    }
}

/// What identifies an invoice: its series and its number ("1" repeats across series), the
/// number without leading zeros. `None` without a series: such rows cannot be told apart.
fn invoice_key(series: &str, number: &str) -> Option<(String, String)> {
    let series = series.trim().to_uppercase();
    let number = number.trim().trim_start_matches('0');
    (!series.is_empty() && !number.is_empty()).then(|| (series, number.to_string()))
}

/// Why an invoice's buyer tax code needs a look: none at all, or one that is not valid.
fn tax_problem(typed: &str, valid: bool) -> Option<L> {
    if valid {
        None
    } else if typed.trim().is_empty() {
        Some(L("Không có MST", "No tax code"))
    } else {
        Some(L("MST không hợp lệ", "Invalid tax code"))
    }
}

fn day(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()).num_days() as i32
}

/// The invoice rows of the period, and what the sheets share.
struct Ctx<'a, 'i> {
    a: &'a AccountsInput<'i>,
    fmt: Formats,
    caption: String,
    /// Invoice rows dated in the period.
    rows: Vec<usize>,
    /// Invoice rows with no date, left out of a bounded period.
    undated: usize,
}

impl Ctx<'_, '_> {
    fn is_invoice(&self, r: usize) -> bool {
        self.a.sources[self.a.raw[r].source as usize].kind == SourceKind::Invoices
    }

    fn label(&self, ci: usize) -> String {
        match self.a.removed.get(&ci) {
            Some(m) => format!("({}) {m}", L("đã xóa", "deleted").t(self.a.lang)),
            None => self.a.customers[ci].name.to_string(),
        }
    }

    fn sheet<'w>(
        &'w self,
        wb: &'w mut Workbook,
        name: L,
        headers: &[L],
    ) -> Result<SheetWriter<'w>> {
        let lang = self.a.lang;
        let headers: Vec<&str> = headers.iter().map(|l| l.t(lang)).collect();
        SheetWriter::with_caption(wb, name.t(lang), Some(&self.caption), &headers, &self.fmt)
    }
}

const INVOICE_HEADERS: [L; 10] = [
    L("Tệp", "File"),
    L("Dòng", "Row"),
    L("Ký hiệu", "Series"),
    L("Số hóa đơn", "Invoice no."),
    L("Ngày", "Date"),
    L("Tên người mua", "Buyer"),
    L("MST người mua", "Buyer tax code"),
    L("Doanh thu chưa thuế", "Revenue before VAT"),
    L("Thuế GTGT", "VAT"),
    L("Mã KH", "Customer ID"),
];

pub fn write(path: &Path, a: &AccountsInput<'_>) -> Result<super::Staged> {
    let period = Period {
        from: a.from,
        to: a.to,
    };
    let invoices: Vec<usize> = (0..a.raw.len())
        .filter(|&i| a.sources[a.raw[i].source as usize].kind == SourceKind::Invoices)
        .collect();
    let dates = invoices.iter().filter_map(|&i| a.norms[i].date);
    let span = dates.clone().min().zip(dates.max());
    let ctx = Ctx {
        a,
        fmt: Formats::for_lang(a.lang),
        caption: period.caption(a.lang, span),
        rows: invoices
            .iter()
            .copied()
            .filter(|&i| period.contains(a.norms[i].date))
            .collect(),
        undated: if period.bounded() {
            invoices
                .iter()
                .filter(|&&i| a.norms[i].date.is_none())
                .count()
        } else {
            0
        },
    };
    let mut wb = super::xlsx::workbook();
    revenue_sheet(&ctx, &mut wb, period)?;
    not_in_book_sheet(&ctx, &mut wb)?;
    tax_code_sheet(&ctx, &mut wb)?;
    one_tax_code_sheet(&ctx, &mut wb)?;
    listed_twice_sheet(&ctx, &mut wb)?;
    names_differ_sheet(&ctx, &mut wb)?;
    buyers_sheet(&ctx, &mut wb)?;
    save_staged(&mut wb, path)
}

/// Revenue and VAT per customer, then the totals and their reconciliation with the inputs.
fn revenue_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook, period: Period) -> Result<()> {
    let (a, lang) = (ctx.a, ctx.a.lang);
    // Grouped by the customer's index (a number groups faster and smaller than an id string);
    // the table is then ordered by customer id. The period was applied to `ctx.rows` already.
    let mut per = revenue::per_customer(
        ctx.rows.iter().map(|&i| a.customer_of[i]).collect(),
        ctx.rows.iter().map(|&i| a.norms[i].date.map(day)).collect(),
        ctx.rows.iter().map(|&i| a.norms[i].amount()).collect(),
        ctx.rows.iter().map(|&i| a.norms[i].vat()).collect(),
        None,
        None,
    )?;
    per.sort_by(|x, y| {
        a.customers[x.0 as usize]
            .id
            .cmp(&a.customers[y.0 as usize].id)
    });
    let mut sw = ctx.sheet(
        wb,
        L("Doanh thu theo khách", "Revenue per customer"),
        &[
            L("Mã KH", "Customer ID"),
            L("Tên", "Name"),
            L("MST", "Tax code"),
            L("Số lượng HĐ", "Invoice count"),
            L("Doanh thu chưa thuế", "Revenue before VAT"),
            L("Thuế GTGT", "VAT"),
            L("Tổng cộng", "Total"),
        ],
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
            V::from(ctx.label(ci)),
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
    let in_n = ctx.rows.len() as i64;
    let in_am: i64 = ctx.rows.iter().filter_map(|&i| a.norms[i].amount()).sum();
    let in_vt: i64 = ctx.rows.iter().filter_map(|&i| a.norms[i].vat()).sum();
    let differ: Vec<&str> = [
        (n != in_n, L("số HĐ", "count")),
        (am != in_am, L("doanh thu", "revenue")),
        (vt != in_vt, L("thuế GTGT", "VAT")),
    ]
    .iter()
    .filter(|(d, _)| *d)
    .map(|(_, l)| l.t(lang))
    .collect();
    // Short enough to show beside the figures, in the name column.
    let check = if differ.is_empty() {
        L(
            "Khớp (số HĐ, doanh thu, thuế GTGT)",
            "Matches (count, revenue, VAT)",
        )
        .t(lang)
        .to_string()
    } else {
        pick(
            lang,
            format!("KHÔNG KHỚP ({}): hãy báo lỗi", differ.join(", ")),
            format!(
                "DOES NOT MATCH ({}): please report a bug",
                differ.join(", ")
            ),
        )
    };
    sw.total(&[
        V::from(L("TỔNG", "TOTAL").t(lang)),
        V::Empty,
        V::Empty,
        V::I(n),
        V::I(am),
        V::I(vt),
        V::I(am + vt),
    ])?;
    // The sums of the input listings, computed apart from the table, and whether they match.
    sw.total(&[
        V::from(L("Tổng đầu vào", "Input total").t(lang)),
        V::from(check),
        V::Empty,
        V::I(in_n),
        V::I(in_am),
        V::I(in_vt),
        V::I(in_am + in_vt),
    ])?;
    if period.bounded() && ctx.undated > 0 {
        sw.total(&[
            V::from(
                L(
                    "HĐ không có ngày (ngoài kỳ)",
                    "Undated invoices (not in the period)",
                )
                .t(lang),
            ),
            V::Empty,
            V::Empty,
            V::I(ctx.undated as i64),
        ])?;
    }
    sw.finish()?;
    Ok(())
}

fn invoice_row(ctx: &Ctx<'_, '_>, i: usize) -> Vec<V<'static>> {
    let a = ctx.a;
    let r = &a.raw[i];
    let ci = a.customer_of[i] as usize;
    let removed = a.removed.contains_key(&ci);
    vec![
        V::from(a.sources[r.source as usize].file.clone()),
        V::I(r.row as i64),
        V::from(r.get(Role::InvoiceSeries).trim().to_string()),
        V::from(r.get(Role::InvoiceNo).trim().to_string()),
        V::from(a.norms[i].date),
        V::from(if removed {
            ctx.label(ci)
        } else {
            r.get(Role::Name).to_string()
        }),
        V::from(if removed {
            String::new()
        } else {
            r.get(Role::TaxCode).to_string()
        }),
        a.norms[i].amount().map(V::I).unwrap_or(V::Empty),
        a.norms[i].vat().map(V::I).unwrap_or(V::Empty),
        V::from(a.customers[ci].id.clone()),
    ]
}

/// Who bought: every invoice of the period, the customer it went to and why (the tax code,
/// a name only one customer has, the matching evidence, a person's decision), or, for an
/// invoice left unattributed, the customers it could be — for the accountant to decide (a
/// "Gộp" on the pair in the change report's review sheet, or a Mã KH typed in the book).
fn buyers_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let (a, lang) = (ctx.a, ctx.a.lang);
    let mut headers = INVOICE_HEADERS.to_vec();
    headers.push(L("Căn cứ", "Evidence"));
    headers.push(L("Có thể là khách hàng", "Could be customer"));
    let mut sw = ctx.sheet(wb, L("Người mua của HĐ", "Invoice buyers"), &headers)?;
    let mut reason: HashMap<u32, &str> = HashMap::with_capacity(ctx.rows.len());
    let wanted: std::collections::HashSet<usize> = ctx.rows.iter().copied().collect();
    for l in a.lineage {
        if let Some(i) = l.idx {
            if wanted.contains(&(i as usize)) {
                reason.insert(i, &l.reason);
            }
        }
    }
    let not_in_book = L("Không có trong sổ khách hàng", "Not in the customer book").t(lang);
    let several = L(
        "Chưa gán: tên khớp nhiều khách hàng — kế toán quyết định",
        "Not attributed: the name matches several customers — for the accountant",
    )
    .t(lang);
    for &i in &ctx.rows {
        let ci = a.customer_of[i] as usize;
        let c = &a.customers[ci];
        let mut row = invoice_row(ctx, i);
        let only_invoices = c.rows.iter().all(|&r| ctx.is_invoice(r as usize));
        let candidates: Vec<String> = a
            .candidates
            .get(&(i as u32))
            .map(|rows| {
                rows.iter()
                    .map(|&r| {
                        a.customers[a.customer_of[r as usize] as usize]
                            .id
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let why = if !only_invoices {
            reason.get(&(i as u32)).copied().unwrap_or("").to_string()
        } else if !candidates.is_empty() {
            several.to_string()
        } else {
            not_in_book.to_string()
        };
        row.push(V::from(why));
        row.push(V::from(candidates.join(", ")));
        sw.row(&row)?;
    }
    sw.finish()?;
    Ok(())
}

/// Buyers in no customer ledger: their customer has invoice rows only.
fn not_in_book_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let mut sw = ctx.sheet(
        wb,
        L("HĐ không có trong sổ KH", "Invoices not in customer book"),
        &INVOICE_HEADERS,
    )?;
    for &i in &ctx.rows {
        let c = &ctx.a.customers[ctx.a.customer_of[i] as usize];
        if c.rows.iter().all(|&r| ctx.is_invoice(r as usize)) {
            sw.row(&invoice_row(ctx, i))?;
        }
    }
    sw.finish()?;
    Ok(())
}

/// Invoices with no buyer tax code, or one that is not valid.
fn tax_code_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let lang = ctx.a.lang;
    let mut headers = vec![L("Vấn đề", "Problem")];
    headers.extend(INVOICE_HEADERS);
    let mut sw = ctx.sheet(
        wb,
        L("MST thiếu hoặc sai", "Missing or invalid tax codes"),
        &headers,
    )?;
    for &i in &ctx.rows {
        let typed = ctx.a.raw[i].get(Role::TaxCode);
        if let Some(problem) = tax_problem(typed, ctx.a.norms[i].tax.is_some()) {
            let mut row = vec![V::from(problem.t(lang))];
            row.extend(invoice_row(ctx, i));
            sw.row(&row)?;
        }
    }
    sw.finish()?;
    Ok(())
}

/// One tax code under several names.
fn one_tax_code_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let norms = ctx.a.norms;
    let mut names: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for &i in &ctx.rows {
        if let Some(t) = &norms[i].tax {
            names
                .entry(t.as_str())
                .or_default()
                .entry(norms[i].name_key.as_str())
                .or_insert(i);
        }
    }
    let mut sw = ctx.sheet(
        wb,
        L("Một MST nhiều tên", "One tax code, several names"),
        &INVOICE_HEADERS,
    )?;
    for rows in names.values().filter(|m| m.len() > 1) {
        for &i in rows.values() {
            sw.row(&invoice_row(ctx, i))?;
        }
    }
    sw.finish()?;
    Ok(())
}

/// One invoice (same series and number) on several rows: counted more than once above.
fn listed_twice_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let raw = ctx.a.raw;
    let mut seen: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for &i in &ctx.rows {
        if let Some(k) = invoice_key(raw[i].get(Role::InvoiceSeries), raw[i].get(Role::InvoiceNo)) {
            seen.entry(k).or_default().push(i);
        }
    }
    let mut sw = ctx.sheet(
        wb,
        L("HĐ lặp ký hiệu và số", "Invoices listed twice"),
        &INVOICE_HEADERS,
    )?;
    for rows in seen.values().filter(|v| v.len() > 1) {
        for &i in rows {
            sw.row(&invoice_row(ctx, i))?;
        }
    }
    sw.finish()?;
    Ok(())
}

/// Book names that differ from the legal name on the period's invoices.
fn names_differ_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let a = ctx.a;
    let mut first_invoice: BTreeMap<u32, usize> = BTreeMap::new();
    for &i in &ctx.rows {
        first_invoice.entry(a.customer_of[i]).or_insert(i);
    }
    let mut sw = ctx.sheet(
        wb,
        L("Tên khác hóa đơn", "Names differ from invoices"),
        &[
            L("Mã KH", "Customer ID"),
            L("Tên trong sổ khách hàng", "Name in the customer book"),
            L("Tên trên hóa đơn", "Name on the invoices"),
            L("MST", "Tax code"),
        ],
    )?;
    for (&ci, &ir) in &first_invoice {
        let c = &a.customers[ci as usize];
        if a.removed.contains_key(&(ci as usize)) {
            continue;
        }
        let Some(&br) = c.rows.iter().find(|&&r| !ctx.is_invoice(r as usize)) else {
            continue;
        };
        let (ni, nb) = (&a.norms[ir], &a.norms[br as usize]);
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn source(kind: SourceKind, file: &str) -> Source {
        Source::bare(file, kind)
    }

    /// `[series, number, date, buyer, tax code, amount, vat]` of an invoice listing row.
    fn invoice(row: u32, cells: [&str; 7]) -> RawRow {
        let mut r = RawRow::new(1, row);
        let roles = [
            Role::InvoiceSeries,
            Role::InvoiceNo,
            Role::Date,
            Role::Name,
            Role::TaxCode,
            Role::Amount,
            Role::Vat,
        ];
        for (role, v) in roles.into_iter().zip(cells) {
            r.push(role, v);
        }
        r
    }

    /// The sheets of a workbook as XML, in order.
    fn sheets(path: &Path) -> Vec<String> {
        use std::io::Read as _;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        (1..)
            .map_while(|n| {
                let mut f = zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).ok()?;
                let mut s = String::new();
                f.read_to_string(&mut s).ok()?;
                Some(s)
            })
            .collect()
    }

    #[test]
    fn the_accountants_workbook_keeps_to_its_period_and_balances() {
        let sources = [
            source(SourceKind::Customers, "so-khach.xlsx"),
            source(SourceKind::Invoices, "bang-ke.csv"),
        ];
        let mut book = RawRow::new(0, 2);
        book.push(Role::Name, "Công ty TNHH Thương mại An Phát");
        book.push(Role::TaxCode, "0101248141");
        let raw = vec![
            book,
            invoice(
                2,
                [
                    "AA/19E",
                    "0000001",
                    "24/01/2019",
                    "Công ty TNHH Thương mại An Phát",
                    "0101248141",
                    "1.000.000",
                    "100.000",
                ],
            ),
            invoice(
                3,
                [
                    "1C25TAA",
                    "1",
                    "04/10/2025",
                    "Nguyễn Kim Thơ",
                    "",
                    "2.200.000",
                    "176.000",
                ],
            ),
            invoice(
                4,
                [
                    "1C26TAA",
                    "1",
                    "02/03/2026",
                    "Trần Văn Bình",
                    "",
                    "5.000.000",
                    "400.000",
                ],
            ),
            invoice(
                5,
                [
                    "1C25TAA",
                    "0001",
                    "04/10/2025",
                    "Nguyễn Kim Thơ",
                    "",
                    "2.200.000",
                    "176.000",
                ],
            ),
            invoice(
                6,
                [
                    "1C25TAA",
                    "2",
                    "05/10/2025",
                    "Công ty TNHH Thương mại An Phát",
                    "0101248141",
                    "3.000.000",
                    "300.000",
                ],
            ),
        ];
        let ctx = crate::normalize::Context {
            today: d(2026, 11, 25),
        };
        let norms: Vec<Norm> = raw
            .iter()
            .enumerate()
            .map(|(i, r)| crate::normalize::normalize_row(r, i as u32, &ctx, &mut Vec::new()))
            .collect();
        let groups = [vec![0, 1, 5], vec![2, 4], vec![3]];
        let customers: Vec<Customer> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut c = crate::merge::survive(g.clone(), &norms, &raw, &sources, &|_| false);
                c.id = format!("KH{i:06}").into();
                c
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let input = AccountsInput {
            lang: Lang::Vi,
            raw: &raw,
            sources: &sources,
            norms: &norms,
            customers: &customers,
            customer_of: &[0, 0, 1, 2, 1, 0],
            removed: &HashMap::new(),
            from: Some(d(2025, 1, 1)),
            to: Some(d(2025, 12, 31)),
            lineage: &[],
            candidates: &Default::default(),
        };
        write(&path, &input).unwrap().publish().unwrap();
        let xml = sheets(&path);
        assert_eq!(xml.len(), 7);
        for s in &xml {
            assert!(s.contains("<t>Kỳ: 01/01/2025 – 31/12/2025</t>"), "{s}");
        }
        let [revenue, not_in_book, tax, _, twice, _, _] = &xml[..] else {
            unreachable!()
        };
        // Two customers in 2025; the totals (rows 6, 7) sit below a blank row, outside
        // the filter of the header and the two customers (rows 2–4).
        assert!(
            revenue.contains(r#"<autoFilter ref="A2:G4"/>"#),
            "{revenue}"
        );
        assert!(!revenue.contains(r#"<row r="5""#));
        for total in ["7400000", "652000", "8052000"] {
            let both = format!(r#"<v>{total}</v></c>"#);
            assert_eq!(
                revenue.matches(&both).count(),
                2,
                "{total} twice: {revenue}"
            );
        }
        assert!(revenue.contains("<t>Khớp (số HĐ, doanh thu, thuế GTGT)</t>"));
        // Only the 2025 invoices of the buyer in no ledger: not 2019's, not 2026's.
        assert!(not_in_book.contains("<t>1C25TAA</t>"));
        assert!(!not_in_book.contains("AA/19E") && !not_in_book.contains("1C26TAA"));
        assert_eq!(tax.matches("<t>Không có MST</t>").count(), 2, "{tax}");
        // "1" and "0001" of series 1C25TAA are one invoice; "1" of 1C26TAA is another.
        assert_eq!(twice.matches("<t>1C25TAA</t>").count(), 2, "{twice}");
    }

    #[test]
    fn a_reversed_or_impossible_period_is_refused() {
        assert!(check_period(Some(d(2025, 1, 1)), Some(d(2025, 12, 31)), Lang::Vi).is_ok());
        assert!(check_period(None, None, Lang::Vi).is_ok());
        assert!(check_period(Some(d(2025, 1, 1)), Some(d(2025, 1, 1)), Lang::Vi).is_ok());
        let e = check_period(Some(d(2025, 12, 31)), Some(d(2025, 1, 1)), Lang::Vi).unwrap_err();
        assert!(e.0.contains("ngược") && e.0.contains("31/12/2025"), "{e}");
        let e = check_period(Some(d(2025, 12, 31)), Some(d(2025, 1, 1)), Lang::En).unwrap_err();
        assert!(e.0.contains("reversed"), "{e}");
        let e = check_period(Some(d(1025, 1, 1)), None, Lang::En).unwrap_err();
        assert!(e.0.starts_with("--from 01/01/1025"), "{e}");
        assert!(check_period(None, Some(d(12025, 1, 1)), Lang::Vi).is_err());
    }

    #[test]
    fn the_period_keeps_only_its_dated_invoices_and_is_stated() {
        let p = Period {
            from: Some(d(2025, 1, 1)),
            to: Some(d(2025, 12, 31)),
        };
        assert!(p.contains(Some(d(2025, 10, 4))));
        assert!(!p.contains(Some(d(2019, 1, 24))));
        assert!(!p.contains(Some(d(2026, 1, 1))));
        assert!(!p.contains(None));
        assert_eq!(p.caption(Lang::Vi, None), "Kỳ: 01/01/2025 – 31/12/2025");
        let open = Period {
            from: None,
            to: None,
        };
        assert!(open.contains(None));
        assert_eq!(
            open.caption(Lang::En, Some((d(2019, 1, 24), d(2026, 3, 2)))),
            "Period: all invoices (24/01/2019 – 02/03/2026)"
        );
        let from = Period {
            from: Some(d(2025, 1, 1)),
            to: None,
        };
        assert!(from.contains(Some(d(2026, 3, 2))));
        assert_eq!(from.caption(Lang::Vi, None), "Kỳ: từ 01/01/2025");
    }

    #[test]
    fn an_invoice_is_its_series_and_number() {
        assert_eq!(
            invoice_key(" aa/19e ", "0000001"),
            Some(("AA/19E".into(), "1".into()))
        );
        assert_ne!(invoice_key("AA/19E", "1"), invoice_key("1C24TAA", "1"));
        assert_eq!(invoice_key("1C24TAA", "0003"), invoice_key("1C24TAA", "3"));
        assert_eq!(invoice_key("", "1"), None);
        assert_eq!(invoice_key("AA/19E", "000"), None);
    }

    #[test]
    fn a_buyer_with_no_tax_code_is_listed() {
        assert_eq!(tax_problem("", false).map(|l| l.0), Some("Không có MST"));
        assert_eq!(
            tax_problem("0101", false).map(|l| l.0),
            Some("MST không hợp lệ")
        );
        assert!(tax_problem("0101248141", true).is_none());
    }
}
