//! `ke-toan.xlsx`: the accountant's reconciliation of the sales-invoice listings with the
//! customer book for one period — revenue and VAT per customer (totals equal the sums of the
//! input listings, in whole đồng, and say so), invoices whose buyer is in no customer ledger,
//! invoices with no or an invalid buyer tax code, one tax code under several names, one invoice
//! (series + number) listed twice, book names that differ from the invoices' legal names, and
//! every invoice's buyer with the evidence, where the accountant decides the open ones (read
//! back by `merge::attribute::decisions`). Every sheet states the period and lists only its
//! invoices. Deleted customers' invoices stay (the law keeps them 10 years) under a masked name.

use super::xlsx::{save_staged, Formats, SheetWriter, V};
use crate::error::BadInput;
use crate::i18n::{pick, Lang, L};
use crate::merge::attribute::{decisions, Attributions, Evidence};
use crate::merge::revenue::{self, invoice_key};
use crate::merge::Customer;
use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::Norm;
use anyhow::Result;
use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, Format, Workbook,
    Worksheet,
};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const FILE: &str = "ke-toan.xlsx";
/// The sheet of every invoice's buyer, where the accountant decides the open ones.
pub const SHEET_BUYERS: L = L("Người mua của HĐ", "Invoice buyers");
/// Its first column: the buyer's Mã KH, or [`NOT_IN_BOOK`].
pub const COL_DECISION: L = L("Quyết định (Mã KH)", "Decision (customer ID)");
/// Its hidden last column: the invoice row's key, by which the decision is read back.
pub const COL_KEY: L = L("Khóa", "Key");
pub const NOT_IN_BOOK: L = L("Không phải khách trong sổ", "Not a customer in the book");
/// The evidence of an attribution.
const BY_TAX_CODE: L = L("MST trùng", "Same tax code");
const BY_UNIQUE_NAME: L = L("Tên duy nhất", "Unique name");
const BY_LAST_WEEK: L = L("Như tuần trước", "As last week");
const BY_CODE: L = L(
    "Cùng tên và mã KH của phần mềm",
    "Same name and program's customer code",
);
const BY_PERSON: L = L("Người quyết định", "Decided by a person");

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
    /// How invoices went to book customers (the rules, the accountant), and the candidates of
    /// the ones left unattributed.
    pub attribution: &'a Attributions,
    /// Every row's key for the accountant's decisions (its fingerprint).
    pub keys: &'a [crate::state::Fp],
    /// The listings' own totals lines (read, not kept as rows), which their lines must add up to.
    pub totals: &'a [RawRow],
    /// The invoices skipped as cancelled or replaced: a listing's own total may count them.
    pub cancelled: &'a [RawRow],
    /// Retail sales with no buyer named: revenue of no customer.
    pub retail: &'a [RawRow],
    /// The run's date (a retail sale's date is read as a row's is).
    pub today: NaiveDate,
    /// Invoice lines repeating another listing's line, and the line they repeat
    /// ([`revenue::repeated_lines`]): counted once.
    pub repeats: &'a HashMap<u32, u32>,
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
    /// File names as the other sheets show them (from the folder the inputs share).
    places: super::book::Places<'i>,
    caption: String,
    /// Invoice rows dated in the period.
    rows: Vec<usize>,
    /// Invoice rows with no date (or one that could not be read), left out of a bounded period.
    undated: Vec<usize>,
}

impl<'a, 'i> Ctx<'a, 'i> {
    /// The invoice rows of `period`, and its caption.
    fn new(a: &'a AccountsInput<'i>, period: Period) -> Ctx<'a, 'i> {
        let invoices: Vec<usize> = (0..a.raw.len())
            .filter(|&i| a.sources[a.raw[i].source as usize].kind == SourceKind::Invoices)
            .collect();
        let dates = invoices.iter().filter_map(|&i| a.norms[i].date);
        let span = dates.clone().min().zip(dates.max());
        let undated = if period.bounded() {
            invoices
                .iter()
                .copied()
                .filter(|&i| a.norms[i].date.is_none())
                .collect()
        } else {
            Vec::new()
        };
        Ctx {
            a,
            fmt: Formats::for_lang(a.lang),
            places: super::book::Places::new(a.sources),
            caption: period.caption(a.lang, span),
            rows: invoices
                .into_iter()
                .filter(|&i| period.contains(a.norms[i].date))
                .collect(),
            undated,
        }
    }

    fn is_invoice(&self, r: usize) -> bool {
        self.a.sources[self.a.raw[r].source as usize].kind == SourceKind::Invoices
    }

    /// The amounts of invoice row `i` that were typed but could not be read: no sum holds them
    /// (each is a finding «Số tiền không đọc được»).
    fn unread(&self, i: usize) -> impl Iterator<Item = &'i str> {
        let (r, n): (&'i RawRow, &'i Norm) = (&self.a.raw[i], &self.a.norms[i]);
        [
            (Role::Amount, n.amount()),
            (Role::Vat, n.vat()),
            (Role::Gross, n.gross().or(n.amount())),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(move |(role, _)| r.get(role).trim())
        .filter(|t| !t.is_empty())
    }

    /// The lineage reason of each invoice row of the period (why it went to its customer).
    fn reasons(&self) -> HashMap<u32, &str> {
        let wanted: std::collections::HashSet<usize> = self.rows.iter().copied().collect();
        self.a
            .lineage
            .iter()
            .filter_map(|l| Some((l.idx()?, l.reason.as_ref())))
            .filter(|(i, _)| wanted.contains(&(*i as usize)))
            .collect()
    }

    /// Why invoice row `i` is with its customer, or why it is with none of the book.
    /// `asked`: how many customers of the book the buyer could be.
    fn evidence(&self, i: usize, asked: usize, reasons: &HashMap<u32, &str>) -> String {
        let (a, lang, r) = (self.a, self.a.lang, i as u32);
        let c = &a.customers[a.customer_of[i] as usize];
        let text = |l: L| l.t(lang).to_string();
        if a.attribution.by_person.contains(&r) {
            text(BY_PERSON)
        } else if let Some(e) = a.attribution.by_row.get(&r) {
            text(match e {
                Evidence::TaxCode => BY_TAX_CODE,
                Evidence::UniqueName => BY_UNIQUE_NAME,
                Evidence::LastWeek => BY_LAST_WEEK,
                Evidence::SameCode => BY_CODE,
            })
        } else if !c.rows.iter().all(|&r| self.is_invoice(r as usize)) {
            reasons.get(&r).copied().unwrap_or_default().to_string()
        } else if a.attribution.not_in_book.contains(&r) {
            format!(
                "{} ({})",
                NOT_IN_BOOK.t(lang),
                BY_PERSON.t(lang).to_lowercase()
            )
        } else if asked > 0 && a.attribution.other_code.contains(&r) {
            text(L(
                "Chưa gán: tên khớp khách trong sổ, nhưng mã khách hàng trên hóa đơn là mã khác của cùng phần mềm (có thể là người trùng tên) — kế toán quyết định",
                "Not attributed: the name matches a customer of the book, but the invoice's customer code is another code of the same program (perhaps a namesake) — for the accountant",
            ))
        } else if asked == 1 {
            text(L(
                "Chưa gán: một khách trong sổ có thể là người mua, nhưng tên chưa đủ chắc (tên nhiều người có, chỉ gần giống, tên cửa hàng kèm MST khách này chưa có, hoặc địa chỉ trên hóa đơn ở tỉnh khác) — kế toán quyết định",
                "Not attributed: one customer of the book may be the buyer, but the name is not proof enough (a name many people have, only a close one, a shop's sign under a tax code the customer does not have, or the invoice's address in another province) — for the accountant",
            ))
        } else if asked > 1 {
            text(L(
                "Chưa gán: tên chưa đủ để biết là khách nào (xem các khách có thể) — kế toán quyết định",
                "Not attributed: the name is not enough to tell which customer (see the candidates) — for the accountant",
            ))
        } else {
            text(L(
                "Không có trong sổ khách hàng",
                "Not in the customer book",
            ))
        }
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
    let ctx = Ctx::new(a, period);
    let mut wb = super::xlsx::workbook();
    revenue_sheet(&ctx, &mut wb, period)?;
    not_in_book_sheet(&ctx, &mut wb)?;
    tax_code_sheet(&ctx, &mut wb)?;
    one_tax_code_sheet(&ctx, &mut wb)?;
    listed_twice_sheet(&ctx, &mut wb)?;
    names_differ_sheet(&ctx, &mut wb)?;
    to_check_sheet(&ctx, &mut wb)?;
    buyers_sheet(&ctx, &mut wb)?;
    save_staged(&mut wb, path)
}

/// Revenue and VAT per customer, then the totals and their reconciliation with the inputs.
fn revenue_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook, period: Period) -> Result<()> {
    let (a, lang) = (ctx.a, ctx.a.lang);
    let (repeated, counted): (Vec<usize>, Vec<usize>) = ctx
        .rows
        .iter()
        .partition(|&&i| a.repeats.contains_key(&(i as u32)));
    let (per, invoices) = customer_revenue(a, &counted)?;
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
    let retail = retail_of_period(a, period);
    let table = write_revenue_lines(ctx, &mut sw, &per, &retail)?;
    let input = input_sums(a, &counted, invoices, &retail);
    let checks = listing_checks(ctx);
    write_revenue_totals(ctx, &mut sw, table, input, &checks)?;
    if !repeated.is_empty() {
        write_repeated_total(ctx, &mut sw, &repeated)?;
    }
    for c in &checks {
        sw.total(&c.line(lang))?;
    }
    if period.bounded() && !ctx.undated.is_empty() {
        write_undated_total(ctx, &mut sw)?;
    }
    sw.finish()?;
    Ok(())
}

/// An invoice count and its [amount, VAT, gross] as [`revenue_line`] takes them, in whole
/// đồng: what the revenue table adds up to, or what the input listings do, the two the
/// totals compare.
#[derive(Debug, Clone, Copy)]
struct RevenueSums {
    invoices: i64,
    amounts: [i64; 3],
}

/// A customer's line of the revenue table: its index, its invoice count and its [amount, VAT,
/// gross] ([`revenue::per_customer`]).
type CustomerLine = (u32, u32, [i64; 3]);

/// Revenue per customer of the invoice lines `counted`, ordered by customer id, and how many
/// invoices they are: the table's figures, from the grouping [`revenue::per_customer`] does.
fn customer_revenue(a: &AccountsInput<'_>, counted: &[usize]) -> Result<(Vec<CustomerLine>, i64)> {
    // An invoice on several lines (one per VAT rate) is one invoice.
    let starts = revenue::invoice_starts(counted.iter().map(|&i| {
        let r = &a.raw[i];
        (
            a.customer_of[i],
            r.get(Role::InvoiceSeries),
            r.get(Role::InvoiceNo),
        )
    }));
    let invoices = starts.iter().map(|&s| i64::from(s)).sum::<i64>();
    // Grouped by the customer's index (a number groups faster and smaller than an id string);
    // the table is then ordered by customer id. The period was applied to `ctx.rows` already.
    let mut per = revenue::per_customer(
        counted.iter().map(|&i| a.customer_of[i]).collect(),
        starts,
        counted.iter().map(|&i| a.norms[i].date.map(day)).collect(),
        [
            counted.iter().map(|&i| a.norms[i].amount()).collect(),
            counted.iter().map(|&i| a.norms[i].vat()).collect(),
            counted.iter().map(|&i| a.norms[i].gross()).collect(),
        ],
        None,
        None,
    )?;
    per.sort_by(|x, y| {
        a.customers[x.0 as usize]
            .id
            .cmp(&a.customers[y.0 as usize].id)
    });
    Ok((per, invoices))
}

/// Writes the table: a line per customer, then the retail sales of no customer; returns what
/// its lines add up to, for the totals to check against the inputs.
fn write_revenue_lines(
    ctx: &Ctx<'_, '_>,
    sw: &mut SheetWriter<'_>,
    per: &[CustomerLine],
    retail: &[(i64, i64)],
) -> Result<RevenueSums> {
    let (a, lang) = (ctx.a, ctx.a.lang);
    let (mut n, mut am, mut vt, mut gr) = (0i64, 0i64, 0i64, 0i64);
    for &(ci, count, [amount, vat, gross]) in per {
        let ci = ci as usize;
        let tax = if a.removed.contains_key(&ci) {
            String::new()
        } else {
            a.customers[ci].tax.to_string()
        };
        sw.row(&revenue_line(
            [
                V::from(a.customers[ci].id.as_str()),
                V::from(ctx.label(ci)),
                V::from(tax),
                V::I(count as i64),
            ],
            [amount, vat, gross],
        ))?;
        n += count as i64;
        am += amount;
        vt += vat;
        gr += gross;
    }
    // Retail sales with no buyer named: one line of no customer, in the totals.
    let (rn, ram, rvt) = retail
        .iter()
        .fold((0i64, 0i64, 0i64), |(n, x, y), &(am, vt)| {
            (n + 1, x + am, y + vt)
        });
    if rn > 0 {
        sw.row(&revenue_line(
            [
                V::Empty,
                V::from(
                    L(
                        "Bán lẻ, người mua ghi là khách lẻ hay không ghi tên (không phải khách hàng)",
                        "Retail sales, buyer written as a walk-in or not named (no customer)",
                    )
                    .t(lang),
                ),
                V::Empty,
                V::I(rn),
            ],
            [ram, rvt, 0],
        ))?;
        n += rn;
        am += ram;
        vt += rvt;
    }
    Ok(RevenueSums {
        invoices: n,
        amounts: [am, vt, gr],
    })
}

/// [amount, VAT, gross] of the invoice rows `rows`, summed straight from their amounts (apart
/// from the table's grouping); an amount that could not be read adds nothing.
fn line_sums(a: &AccountsInput<'_>, rows: &[usize]) -> [i64; 3] {
    [
        rows.iter().filter_map(|&i| a.norms[i].amount()).sum(),
        rows.iter().filter_map(|&i| a.norms[i].vat()).sum(),
        rows.iter().filter_map(|&i| a.norms[i].gross()).sum(),
    ]
}

/// What the input listings add up to, computed apart from the table: the invoice lines
/// `counted` (`invoices` of them) and the retail sales.
fn input_sums(
    a: &AccountsInput<'_>,
    counted: &[usize],
    invoices: i64,
    retail: &[(i64, i64)],
) -> RevenueSums {
    let [am, vt, gr] = line_sums(a, counted);
    RevenueSums {
        invoices: invoices + retail.len() as i64,
        amounts: [
            am + retail.iter().map(|r| r.0).sum::<i64>(),
            vt + retail.iter().map(|r| r.1).sum::<i64>(),
            gr,
        ],
    }
}

/// The verdict on the input total, beside it: the table not adding up to its inputs is a
/// bug, said as such; else what the inputs can be checked against ([`input_check`]).
fn revenue_verdict(
    ctx: &Ctx<'_, '_>,
    table: RevenueSums,
    input: RevenueSums,
    checks: &[ListingCheck],
) -> String {
    let lang = ctx.a.lang;
    let (t, i) = (table.amounts, input.amounts);
    let differ: Vec<&str> = [
        (table.invoices != input.invoices, L("số HĐ", "count")),
        (t[0] != i[0], L("doanh thu", "revenue")),
        (t[1] != i[1], L("thuế GTGT", "VAT")),
        (t[2] != i[2], L("tổng tiền", "total")),
    ]
    .iter()
    .filter(|(d, _)| *d)
    .map(|(_, l)| l.t(lang))
    .collect();
    // Short enough to show beside the figures, in the name column.
    if differ.is_empty() {
        input_check(ctx, checks)
    } else {
        pick(
            lang,
            format!("KHÔNG KHỚP ({}): hãy báo lỗi", differ.join(", ")),
            format!(
                "DOES NOT MATCH ({}): please report a bug",
                differ.join(", ")
            ),
        )
    }
}

/// The table's total, then the input listings' and the verdict on whether they match.
fn write_revenue_totals(
    ctx: &Ctx<'_, '_>,
    sw: &mut SheetWriter<'_>,
    table: RevenueSums,
    input: RevenueSums,
    checks: &[ListingCheck],
) -> Result<()> {
    let lang = ctx.a.lang;
    let check = revenue_verdict(ctx, table, input, checks);
    sw.total(&revenue_line(
        [
            V::from(L("TỔNG", "TOTAL").t(lang)),
            V::Empty,
            V::Empty,
            V::I(table.invoices),
        ],
        table.amounts,
    ))?;
    // The sums of the input listings, computed apart from the table, and whether they match.
    sw.total(&revenue_line(
        [
            V::from(L("Tổng đầu vào", "Input total").t(lang)),
            V::from(check),
            V::Empty,
            V::I(input.invoices),
        ],
        input.amounts,
    ))?;
    Ok(())
}

/// The invoice lines `repeated` (listed again, counted once) and their sum, under the
/// totals: they are in neither, and the accountant sees where they went.
fn write_repeated_total(
    ctx: &Ctx<'_, '_>,
    sw: &mut SheetWriter<'_>,
    repeated: &[usize],
) -> Result<()> {
    let lang = ctx.a.lang;
    sw.total(&revenue_line(
        [
            V::from(
                L(
                    "HĐ kê lặp (tính một lần)",
                    "Invoices listed again (counted once)",
                )
                .t(lang),
            ),
            V::from(pick(
                lang,
                format!("không có trong tổng — xem sheet «{}»", SHEET_TWICE.t(lang)),
                format!("not in the total — see sheet «{}»", SHEET_TWICE.t(lang)),
            )),
            V::Empty,
            V::I(repeated.len() as i64),
        ],
        line_sums(ctx.a, repeated),
    ))?;
    Ok(())
}

/// How many invoices a bounded period leaves out for want of a date, under the totals: they
/// are in neither, and the accountant sees where they went.
fn write_undated_total(ctx: &Ctx<'_, '_>, sw: &mut SheetWriter<'_>) -> Result<()> {
    let lang = ctx.a.lang;
    sw.total(&[
        V::from(
            L(
                "HĐ không có ngày (ngoài kỳ)",
                "Undated invoices (not in the period)",
            )
            .t(lang),
        ),
        V::from(pick(
            lang,
            format!(
                "không có trong tổng — xem sheet «{}»",
                SHEET_TO_CHECK.t(lang)
            ),
            format!("not in the total — see sheet «{}»", SHEET_TO_CHECK.t(lang)),
        )),
        V::Empty,
        V::I(ctx.undated.len() as i64),
    ])?;
    Ok(())
}

/// What the input total can honestly be checked against: amounts left unread make it short;
/// else the listings' own totals lines, when they have one.
fn input_check(ctx: &Ctx<'_, '_>, checks: &[ListingCheck]) -> String {
    let lang = ctx.a.lang;
    let unread_rows = ctx.rows.iter().filter(|&&i| ctx.unread(i).next().is_some());
    let rows = unread_rows.clone().count();
    let amounts: usize = unread_rows.map(|&i| ctx.unread(i).count()).sum();
    if amounts > 0 {
        return pick(
            lang,
            format!(
                "CHƯA ĐỦ: {amounts} số tiền ở {rows} dòng HĐ không đọc được, không có trong tổng — xem sheet «{}»",
                SHEET_TO_CHECK.t(lang)
            ),
            format!(
                "INCOMPLETE: {amounts} amounts on {rows} invoice lines could not be read and are not in the total — see sheet «{}»",
                SHEET_TO_CHECK.t(lang)
            ),
        );
    }
    let listings = ctx
        .a
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Invoices)
        .count();
    let without = listings.saturating_sub(checks.len());
    if checks.is_empty() {
        L(
            "Không đối chiếu được: bảng kê không có dòng tổng cộng",
            "Nothing to check against: the listings have no totals line",
        )
        .t(lang)
        .to_string()
    } else if checks.iter().all(ListingCheck::holds) && without == 0 {
        L(
            "Khớp: các dòng HĐ cộng đúng dòng tổng cộng của bảng kê",
            "Matches: the invoice lines add up to the listings' totals lines",
        )
        .t(lang)
        .to_string()
    } else if checks.iter().all(ListingCheck::holds) {
        pick(
            lang,
            format!(
                "Khớp với dòng tổng cộng của {} bảng kê; {without} bảng kê không có dòng tổng",
                checks.len()
            ),
            format!(
                "Matches the totals lines of {} listings; {without} listings have none",
                checks.len()
            ),
        )
    } else {
        L(
            "KHÔNG KHỚP với dòng tổng cộng của bảng kê — xem các dòng bên dưới",
            "DOES NOT MATCH the listings' totals lines — see the lines below",
        )
        .t(lang)
        .to_string()
    }
}

/// A line of the revenue sheet: its four leading cells, then revenue before VAT, VAT and the
/// total, from [amount, VAT, total of the lines given only with their VAT]. Lines given only
/// with their totals leave the split they cannot know empty.
fn revenue_line<'v>(head: [V<'v>; 4], [amount, vat, gross]: [i64; 3]) -> [V<'v>; 7] {
    let [a, b, c, d] = head;
    let (revenue, tax) = if gross != 0 && amount == 0 && vat == 0 {
        (V::Empty, V::Empty)
    } else {
        (V::I(amount), V::I(vat))
    };
    [a, b, c, d, revenue, tax, V::I(amount + vat + gross)]
}

/// A line's revenue as the listing gives it: the amount less its discount, whole đồng (a part
/// of a đồng rounded, as on the invoice lines).
fn net_amount(r: &RawRow) -> Option<i64> {
    let amount = |t: &str| crate::normalize::amount::parse_amount_rounded(t).map(|(v, _)| v);
    let gross = amount(r.get(Role::Amount))?;
    Some(gross - amount(r.get(Role::Discount)).unwrap_or(0))
}

/// Revenue and VAT of each retail sale of the period (its date read as a row's is).
fn retail_of_period(a: &AccountsInput<'_>, period: Period) -> Vec<(i64, i64)> {
    let amount = |t: &str| crate::normalize::amount::parse_amount_rounded(t).map(|(v, _)| v);
    a.retail
        .iter()
        .filter(|r| {
            let d = crate::normalize::date::parse_date(r.get(Role::Date), a.today)
                .ok()
                .flatten();
            period.contains(d)
        })
        .map(|r| {
            (
                net_amount(r).unwrap_or(0),
                amount(r.get(Role::Vat)).unwrap_or(0),
            )
        })
        .collect()
}

/// A listing's own totals line, and the sum of its invoice lines (all of them, whatever the
/// period: the listing's total covers the whole listing).
struct ListingCheck {
    /// Where the totals line is ("file › sheet › row").
    place: String,
    /// Its revenue and VAT, where it has them.
    own: (Option<i64>, Option<i64>),
    lines: usize,
    sum: (i64, i64),
    /// Amounts of its lines that could not be read.
    unread: usize,
    /// Its invoices skipped as cancelled or replaced, and their sum.
    cancelled: usize,
    cancelled_sum: (i64, i64),
    /// How many revenue and VAT amounts had a part of a đồng (each rounded to the đồng: the
    /// sum of the rounded amounts may be off the total of the exact ones by half a đồng each).
    rounded: (usize, usize),
}

/// `total` is `sum` to the đồng, or within what rounding `rounded` amounts can move it.
fn adds_up(total: i64, sum: i64, rounded: usize) -> bool {
    (total - sum).unsigned_abs() * 2 <= rounded as u64
}

impl ListingCheck {
    /// The lines add up to the listing's total, with or without its cancelled invoices.
    fn holds(&self) -> bool {
        self.agrees() || self.agrees_with_cancelled()
    }

    fn agrees(&self) -> bool {
        self.unread == 0
            && self
                .own
                .0
                .is_none_or(|v| adds_up(v, self.sum.0, self.rounded.0))
            && self
                .own
                .1
                .is_none_or(|v| adds_up(v, self.sum.1, self.rounded.1))
    }

    /// How many đồng the total is off the rounded lines' sum (revenue and VAT together), with
    /// or without the cancelled invoices.
    fn off_by(&self, with_cancelled: bool) -> u64 {
        let c = if with_cancelled {
            self.cancelled_sum
        } else {
            (0, 0)
        };
        self.own
            .0
            .map_or(0, |v| (v - self.sum.0 - c.0).unsigned_abs())
            + self
                .own
                .1
                .map_or(0, |v| (v - self.sum.1 - c.1).unsigned_abs())
    }

    /// " (off by 2 đồng, rounding)" when it is, said first: the verdict is long, and a cell
    /// beside it cuts it where it is shown.
    fn rounding_note(&self, with_cancelled: bool, lang: Lang) -> String {
        let off = self.off_by(with_cancelled);
        if off == 0 {
            return String::new();
        }
        pick(
            lang,
            format!(" (lệch {off} đồng do làm tròn số lẻ)"),
            format!(" (off by {off} đồng, rounding)"),
        )
    }

    /// The listing's total counts its cancelled and replaced invoices too (a portal's export
    /// sums every line it lists): their sum and the sales' make it, to the đồng.
    fn agrees_with_cancelled(&self) -> bool {
        self.unread == 0
            && self.cancelled > 0
            && self
                .own
                .0
                .is_none_or(|v| adds_up(v, self.sum.0 + self.cancelled_sum.0, self.rounded.0))
            && self
                .own
                .1
                .is_none_or(|v| adds_up(v, self.sum.1 + self.cancelled_sum.1, self.rounded.1))
    }

    fn line(&self, lang: Lang) -> Vec<V<'static>> {
        let n = |v: i64| dong(v, lang);
        let (lines, place) = (self.lines, &self.place);
        let cancelled = self.cancelled;
        let verdict = if self.agrees() {
            let note = self.rounding_note(false, lang);
            pick(
                lang,
                format!("Khớp{note}: {lines} dòng HĐ của bảng kê cộng đúng dòng tổng"),
                format!("Matches{note}: the listing's {lines} invoice lines add up to it"),
            )
        } else if self.agrees_with_cancelled() {
            let note = self.rounding_note(true, lang);
            pick(
                lang,
                format!("Khớp{note}: {lines} dòng HĐ và {cancelled} HĐ đã hủy hoặc bị thay thế (không tính: doanh thu {}, thuế GTGT {}) cộng đúng dòng tổng", n(self.cancelled_sum.0), n(self.cancelled_sum.1)),
                format!("Matches{note}: the listing's {lines} invoice lines and {cancelled} invoices cancelled or replaced (not counted: revenue {}, VAT {}) add up to it", n(self.cancelled_sum.0), n(self.cancelled_sum.1)),
            )
        } else {
            let mut t = pick(
                lang,
                format!(
                    "KHÔNG KHỚP: {lines} dòng HĐ cộng doanh thu {}, thuế GTGT {}; dòng tổng ghi {}, {}",
                    n(self.sum.0),
                    n(self.sum.1),
                    self.own.0.map_or("–".into(), n),
                    self.own.1.map_or("–".into(), n),
                ),
                format!(
                    "DOES NOT MATCH: {lines} invoice lines add up to revenue {}, VAT {}; the totals line says {}, {}",
                    n(self.sum.0),
                    n(self.sum.1),
                    self.own.0.map_or("–".into(), n),
                    self.own.1.map_or("–".into(), n),
                ),
            );
            if self.unread > 0 {
                t.push_str(&pick(
                    lang,
                    format!(" ({} số tiền không đọc được)", self.unread),
                    format!(" ({} amounts could not be read)", self.unread),
                ));
            }
            t
        };
        let v = |x: Option<i64>| x.map(V::I).unwrap_or(V::Empty);
        vec![
            V::from(pick(
                lang,
                format!("Dòng tổng của bảng kê {place}"),
                format!("Totals line of the listing {place}"),
            )),
            V::from(verdict),
            V::Empty,
            V::Empty,
            v(self.own.0),
            v(self.own.1),
            match self.own {
                (Some(a), Some(b)) => V::I(a + b),
                _ => V::Empty,
            },
        ]
    }
}

/// Each listing that has a totals line: the last one (the grand total below any subtotals;
/// its revenue and its VAT each from the last totals line that has it) against the sum of
/// the listing's lines.
fn listing_checks(ctx: &Ctx<'_, '_>) -> Vec<ListingCheck> {
    // A total with a part of a đồng is rounded as the lines' amounts are.
    let amount = |t: &str| crate::normalize::amount::parse_amount_rounded(t).map(|(v, _)| v);
    let a = ctx.a;
    // By source: (place, revenue, VAT) of its last totals lines.
    let mut own: BTreeMap<u32, (String, Option<i64>, Option<i64>)> = BTreeMap::new();
    for t in a.totals {
        if a.sources[t.source as usize].kind != SourceKind::Invoices {
            continue;
        }
        let (am, vt) = (net_amount(t), amount(t.get(Role::Vat)));
        if am.is_none() && vt.is_none() {
            continue;
        }
        let e = own.entry(t.source).or_default();
        if am.is_some() || e.0.is_empty() {
            e.0 = ctx.places.of(t);
        }
        e.1 = am.or(e.1);
        e.2 = vt.or(e.2);
    }
    let mut sums: HashMap<u32, (usize, i64, i64, usize)> = HashMap::new();
    // By source: its amounts and VAT with a part of a đồng (lines, retail and cancelled).
    let mut rounded: HashMap<u32, (usize, usize)> = HashMap::new();
    let had_part = |t: &str| {
        crate::normalize::amount::parse_amount_rounded(t).is_some_and(|(_, rounded)| rounded)
    };
    let mut count_rounded = |r: &crate::model::RawRow| {
        let (am, vt) = (had_part(r.get(Role::Amount)), had_part(r.get(Role::Vat)));
        if am || vt {
            let e = rounded.entry(r.source).or_default();
            e.0 += am as usize;
            e.1 += vt as usize;
        }
    };
    for (i, r) in a.raw.iter().enumerate() {
        if let Some(s) = own
            .contains_key(&r.source)
            .then(|| sums.entry(r.source).or_default())
        {
            s.0 += 1;
            s.1 += a.norms[i].amount().unwrap_or(0);
            s.2 += a.norms[i].vat().unwrap_or(0);
            s.3 += ctx.unread(i).count();
            count_rounded(r);
        }
    }
    // A listing's retail sales are lines of its total too.
    for r in a.retail.iter().filter(|r| own.contains_key(&r.source)) {
        let s = sums.entry(r.source).or_default();
        s.0 += 1;
        s.1 += net_amount(r).unwrap_or(0);
        s.2 += amount(r.get(Role::Vat)).unwrap_or(0);
        count_rounded(r);
    }
    let mut cancelled: HashMap<u32, (usize, i64, i64)> = HashMap::new();
    for r in a.cancelled.iter().filter(|r| own.contains_key(&r.source)) {
        let c = cancelled.entry(r.source).or_default();
        c.0 += 1;
        c.1 += net_amount(r).unwrap_or(0);
        c.2 += amount(r.get(Role::Vat)).unwrap_or(0);
        count_rounded(r);
    }
    own.into_iter()
        .map(|(src, (place, am, vt))| {
            let (lines, sa, sv, unread) = sums.get(&src).copied().unwrap_or_default();
            let (n, ca, cv) = cancelled.get(&src).copied().unwrap_or_default();
            ListingCheck {
                place,
                own: (am, vt),
                lines,
                sum: (sa, sv),
                unread,
                cancelled: n,
                cancelled_sum: (ca, cv),
                rounded: rounded.get(&src).copied().unwrap_or_default(),
            }
        })
        .collect()
}

/// A sum of đồng as the language writes it: 17.081.745 / 17,081,745.
fn dong(v: i64, lang: Lang) -> String {
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The invoice lines a person must look at: amounts that could not be read, and the invoices
/// a bounded period leaves out for want of a date.
const SHEET_TO_CHECK: L = L("HĐ cần kiểm tra", "Invoices to check");

fn to_check_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let lang = ctx.a.lang;
    let mut headers = vec![L("Vấn đề", "Problem")];
    headers.extend(INVOICE_HEADERS);
    let mut sw = ctx.sheet(wb, SHEET_TO_CHECK, &headers)?;
    sw.wrap(0, 36)?;
    let rows = ctx.rows.iter().map(|&i| (i, false));
    for (i, undated) in rows.chain(ctx.undated.iter().map(|&i| (i, true))) {
        let mut problems = Vec::new();
        if undated {
            let typed = ctx.a.raw[i].get(Role::Date).trim();
            problems.push(if typed.is_empty() {
                L(
                    "Không có ngày: ngoài kỳ, không tính",
                    "No date: outside the period, not counted",
                )
                .t(lang)
                .to_string()
            } else {
                pick(
                    lang,
                    format!("Ngày không đọc được «{typed}»: ngoài kỳ, không tính"),
                    format!("Date not readable «{typed}»: outside the period, not counted"),
                )
            });
        }
        let typed: Vec<String> = ctx.unread(i).map(|t| format!("«{t}»")).collect();
        if !typed.is_empty() {
            problems.push(pick(
                lang,
                format!("Số tiền không đọc được: {}", typed.join(", ")),
                format!("Amount not readable: {}", typed.join(", ")),
            ));
        }
        if problems.is_empty() {
            continue;
        }
        let mut row = vec![V::from(problems.join("; "))];
        row.extend(invoice_row(ctx, i));
        sw.row(&row)?;
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
        V::from(ctx.places.file(r.source).to_string()),
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

/// Who bought: every invoice of the period, the customer it went to and why (the tax code, a
/// name only one customer has, a person's decision, the matching evidence), or, for an invoice
/// left unattributed, the customers it could be. Those come first: the accountant types the
/// buyer's Mã KH (or «Không phải khách trong sổ») in the first column, and `clean --decisions
/// ke-toan.xlsx` applies it (the hidden last column is the invoice row's key).
fn buyers_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let lang = ctx.a.lang;
    let mut headers = vec![COL_DECISION];
    headers.extend(INVOICE_HEADERS);
    headers.extend([
        L("Căn cứ", "Evidence"),
        L("Có thể là khách hàng", "Could be customer"),
        COL_KEY,
    ]);
    let index = wb.worksheets().len();
    let mut sw = ctx.sheet(wb, SHEET_BUYERS, &headers)?;
    // The buyer's name, the evidence and the candidates wrap: the sheet prints one page wide.
    let evidence = 1 + INVOICE_HEADERS.len();
    for (col, width) in [(6, 32), (evidence, 36), (evidence + 1, 24)] {
        sw.wrap(col, width)?;
    }
    let candidates = candidates_by_customer(ctx.a);
    let reasons = ctx.reasons();
    let cands = |i: usize| candidates.get(&ctx.a.customer_of[i]);
    let (open, rest): (Vec<usize>, Vec<usize>) =
        ctx.rows.iter().partition(|&&i| cands(i).is_some());
    // (sheet row, the customers it could be) of the invoices waiting for the accountant.
    let mut asked: Vec<(u32, &[String])> = Vec::with_capacity(open.len());
    for i in open.into_iter().chain(rest) {
        let ids = cands(i).map(Vec::as_slice).unwrap_or_default();
        let mut row = vec![V::Empty];
        row.extend(invoice_row(ctx, i));
        row.push(V::from(ctx.evidence(i, ids.len(), &reasons)));
        row.push(V::from(ids.join(", ")));
        row.push(V::from(decisions::key_text(&ctx.a.keys[i])));
        let r = sw.row(&row)?;
        // Past Excel's row limit the list goes on in another sheet: the drop-downs stay on
        // the first, where the invoices waiting for a decision are.
        if !ids.is_empty() && asked.last().is_none_or(|(l, _)| r > *l) {
            asked.push((r, ids));
        }
    }
    sw.hide_column(headers.len() - 1);
    sw.finish()?;
    ask_for_decisions(wb.worksheet_from_index(index)?, &asked, lang)
}

/// The decision cells of the invoices waiting for the accountant: in yellow until filled in,
/// each with a drop-down of its candidates and «Không phải khách trong sổ» (any other Mã KH
/// may still be typed: the list only helps).
fn ask_for_decisions(ws: &mut Worksheet, asked: &[(u32, &[String])], lang: Lang) -> Result<()> {
    let (Some(&(first, _)), Some(&(last, _))) = (asked.first(), asked.last()) else {
        return Ok(());
    };
    let rule = ConditionalFormatFormula::new()
        .set_rule(format!("=LEN($A{})=0", first + 1).as_str())
        .set_format(Format::new().set_background_color(Color::RGB(0xFFF2CC)));
    ws.add_conditional_format(first, 0, last, 0, &rule)?;
    // A drop-down per row is a few hundred bytes: enough for any week's open invoices.
    for &(r, ids) in asked.iter().take(MAX_DROPDOWNS) {
        let mut choices: Vec<&str> = ids.iter().map(String::as_str).collect();
        choices.push(NOT_IN_BOOK.t(lang));
        let dv = DataValidation::new()
            .allow_list_strings(&choices)?
            .set_error_style(DataValidationErrorStyle::Information);
        ws.add_data_validation(r, 0, r, 0, &dv)?;
    }
    Ok(())
}

const MAX_DROPDOWNS: usize = 20_000;

/// The candidates of each unattributed buyer, by customer: every invoice of the buyer shows
/// them (attribution lists them under the buyer's first row), as customer ids.
fn candidates_by_customer(a: &AccountsInput<'_>) -> HashMap<u32, Vec<String>> {
    a.attribution
        .candidates
        .iter()
        .map(|(&row, rows)| {
            let ids = rows
                .iter()
                .map(|&r| {
                    let ci = a.customer_of[r as usize] as usize;
                    a.customers[ci].id.to_string()
                })
                .collect();
            (a.customer_of[row as usize], ids)
        })
        .collect()
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

const SHEET_TWICE: L = L("HĐ lặp ký hiệu và số", "Invoices listed twice");

/// One invoice (same series and number) on several rows: a line repeating another listing's
/// line exactly is counted once, any other is counted as listed, for a person to look at.
fn listed_twice_sheet(ctx: &Ctx<'_, '_>, wb: &mut Workbook) -> Result<()> {
    let (raw, lang) = (ctx.a.raw, ctx.a.lang);
    let mut seen: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for &i in &ctx.rows {
        if let Some(k) = invoice_key(raw[i].get(Role::InvoiceSeries), raw[i].get(Role::InvoiceNo)) {
            seen.entry(k).or_default().push(i);
        }
    }
    let mut headers = INVOICE_HEADERS.to_vec();
    headers.push(L("Tính vào doanh thu", "Counted in revenue"));
    let mut sw = ctx.sheet(wb, SHEET_TWICE, &headers)?;
    sw.wrap(headers.len() - 1, 36)?;
    for rows in seen.values().filter(|v| v.len() > 1) {
        for &i in rows {
            let counted = match ctx.a.repeats.get(&(i as u32)) {
                Some(&first) => pick(
                    lang,
                    format!(
                        "Không: lặp lại {} (cùng ngày, số tiền, người mua)",
                        ctx.places.of(&raw[first as usize])
                    ),
                    format!(
                        "No: repeats {} (same date, amounts, buyer)",
                        ctx.places.of(&raw[first as usize])
                    ),
                ),
                None => L("Có", "Yes").t(lang).to_string(),
            };
            let mut row = invoice_row(ctx, i);
            row.push(V::from(counted));
            sw.row(&row)?;
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

    /// An invoice listing row from "series|number|date|buyer|tax code|amount|VAT".
    fn invoice(row: u32, line: &str) -> RawRow {
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
        for (role, v) in roles.into_iter().zip(line.split('|')) {
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

    /// A book customer (An Phát, with its tax code) and the invoice listing of three buyers:
    /// An Phát (2019 and 2025), Nguyễn Kim Thơ (one 2025 invoice listed twice, in no ledger),
    /// Trần Văn Bình (2026). Sources under one folder, as a run names them.
    struct Fixture {
        sources: Vec<Source>,
        raw: Vec<RawRow>,
        norms: Vec<Norm>,
        customers: Vec<Customer>,
        customer_of: Vec<u32>,
        attribution: Attributions,
    }

    fn fixture() -> Fixture {
        let sources = vec![
            source(SourceKind::Customers, "/du-lieu/so-khach.xlsx"),
            source(SourceKind::Invoices, "/du-lieu/ke-toan/bang-ke.csv"),
        ];
        let mut book = RawRow::new(0, 2);
        book.push(Role::Name, "Công ty TNHH Thương mại An Phát");
        book.push(Role::TaxCode, "0101248141");
        // Rows 2 to 6 of the listing: series|number|date|buyer|tax code|amount|VAT.
        let listing = [
            "AA/19E|0000001|24/01/2019|Công ty TNHH Thương mại An Phát|0101248141|1.000.000|100.000",
            "1C25TAA|1|04/10/2025|Nguyễn Kim Thơ||2.200.000|176.000",
            "1C26TAA|1|02/03/2026|Trần Văn Bình||5.000.000|400.000",
            "1C25TAA|0001|04/10/2025|Nguyễn Kim Thơ||2.200.000|176.000",
            "1C25TAA|2|05/10/2025|Công ty TNHH Thương mại An Phát|0101248141|3.000.000|300.000",
        ];
        let mut raw = vec![book];
        raw.extend((2..).zip(listing).map(|(row, line)| invoice(row, line)));
        let ctx = crate::normalize::Context::new(d(2026, 11, 25));
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
                let mut c = crate::merge::survive(
                    g.clone(),
                    &norms,
                    &raw,
                    &sources,
                    &crate::merge::People::NOBODY,
                    &[],
                    &crate::merge::NameWords::of(&norms),
                );
                c.id = format!("KH{i:06}").into();
                c
            })
            .collect();
        Fixture {
            sources,
            raw,
            norms,
            customers,
            customer_of: vec![0, 0, 1, 2, 1, 0],
            attribution: Attributions::default(),
        }
    }

    /// The sheets of the fixture's workbook for 2025, as XML.
    fn written(f: &Fixture) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let keys: Vec<crate::state::Fp> = (0..f.raw.len() as u8).map(|i| [i; 16]).collect();
        let input = AccountsInput {
            lang: Lang::Vi,
            raw: &f.raw,
            sources: &f.sources,
            norms: &f.norms,
            customers: &f.customers,
            customer_of: &f.customer_of,
            removed: &HashMap::new(),
            from: Some(d(2025, 1, 1)),
            to: Some(d(2025, 12, 31)),
            lineage: &[],
            attribution: &f.attribution,
            keys: &keys,
            totals: &[],
            cancelled: &[],
            retail: &[],
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            repeats: &HashMap::new(),
        };
        write(&path, &input).unwrap().publish().unwrap();
        sheets(&path)
    }

    #[test]
    fn every_sheet_states_its_period() {
        let xml = written(&fixture());
        assert_eq!(xml.len(), 8);
        for s in &xml {
            assert!(s.contains("<t>Kỳ: 01/01/2025 – 31/12/2025</t>"), "{s}");
        }
    }

    #[test]
    fn the_revenue_totals_balance_with_the_inputs_of_the_period() {
        let revenue = &written(&fixture())[0];
        // Two customers in 2025; the totals (rows 6, 7) sit below a blank row, outside
        // the filter of the header and the two customers (rows 2–4).
        assert!(
            revenue.contains(r#"<autoFilter ref="A2:G4"/>"#),
            "{revenue}"
        );
        assert!(!revenue.contains(r#"<row r="5""#));
        for total in ["7400000", "652000", "8052000"] {
            // rust_xlsxwriter's float formatting (zmij) writes whole numbers as "7400000.0".
            let both = format!(r#"<v>{total}.0</v></c>"#);
            assert_eq!(
                revenue.matches(&both).count(),
                2,
                "{total} twice: {revenue}"
            );
        }
        assert!(revenue.contains("<t>Không đối chiếu được: bảng kê không có dòng tổng cộng</t>"));
    }

    #[test]
    fn the_invoice_lists_keep_to_the_period() {
        let xml = written(&fixture());
        let (not_in_book, tax) = (&xml[1], &xml[2]);
        // Only the 2025 invoices of the buyer in no ledger: not 2019's, not 2026's.
        assert!(not_in_book.contains("<t>1C25TAA</t>"));
        assert!(!not_in_book.contains("AA/19E") && !not_in_book.contains("1C26TAA"));
        assert_eq!(tax.matches("<t>Không có MST</t>").count(), 2, "{tax}");
    }

    #[test]
    fn one_invoice_on_two_rows_is_listed() {
        let twice = &written(&fixture())[4];
        // "1" and "0001" of series 1C25TAA are one invoice; "1" of 1C26TAA is another.
        assert_eq!(twice.matches("<t>1C25TAA</t>").count(), 2, "{twice}");
    }

    /// The buyers sheet: the decision column first, the invoices waiting for the accountant
    /// first with their candidates and a drop-down, every attribution's evidence, the file by
    /// its name, the key hidden last.
    #[test]
    fn the_buyers_sheet_asks_the_accountant_and_shows_the_evidence() {
        let mut f = fixture();
        f.attribution.by_row.insert(5, Evidence::TaxCode);
        f.attribution.candidates.insert(2, vec![0]);
        let buyers = written(&f).pop().unwrap();
        let first_header = buyers.find("<t>Quyết định (Mã KH)</t>").unwrap();
        assert!(first_header < buyers.find("<t>Tệp</t>").unwrap());
        assert!(buyers.contains("<t>Khóa</t>") && buyers.contains(r#"hidden="1""#));
        // Both rows of Nguyễn Kim Thơ wait for a decision, above An Phát's.
        // One candidate: the name is not proof enough of that one customer.
        let asked = "<t>Chưa gán: một khách trong sổ có thể là người mua, nhưng tên chưa đủ chắc (tên nhiều người có, chỉ gần giống, tên cửa hàng kèm MST khách này chưa có, hoặc địa chỉ trên hóa đơn ở tỉnh khác) — kế toán quyết định</t>";
        assert_eq!(buyers.matches(asked).count(), 2, "{buyers}");
        assert!(buyers.rfind(asked).unwrap() < buyers.find("<t>MST trùng</t>").unwrap());
        assert_eq!(buyers.matches("<t>KH000000</t>").count(), 3, "{buyers}");
        assert!(buyers.contains("<dataValidation") && buyers.contains("Không phải khách trong sổ"));
        assert!(buyers.contains("<t>ke-toan/bang-ke.csv</t>") && !buyers.contains("/du-lieu"));
        assert!(buyers.contains(&format!("<t>{}</t>", "02".repeat(16))));

        f.attribution = Attributions::default();
        f.attribution.by_person.insert(2);
        f.attribution.by_person.insert(4);
        let buyers = written(&f).pop().unwrap();
        assert_eq!(buyers.matches("<t>Người quyết định</t>").count(), 2);
        assert!(!buyers.contains("<dataValidation"));
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
