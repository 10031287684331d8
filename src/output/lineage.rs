//! `lineage.csv`: one line for every data row read — the contract audits and other tools rely
//! on. UTF-8 with BOM (Excel shows the Vietnamese file names right), comma-separated, columns
//! exactly `source_file,source_sheet,source_row,customer_id,action,reason`.

use super::{Lineage, LineageLine, NONE};
use crate::i18n::pick;
use crate::i18n::{Lang, L};
use crate::ingest::{Ingested, SkipReason};
use crate::matching::{MatchResult, Written};
use crate::merge::Customer;
use crate::model::{Action, SourceKind};
use crate::policy::{Applied, Removal, Why};
use crate::state::Suppressed;
use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

pub const FILE: &str = "lineage.csv";

pub const HEADER: [&str; 6] = [
    "source_file",
    "source_sheet",
    "source_row",
    "customer_id",
    "action",
    "reason",
];

/// What decided each row's fate.
pub struct Fates<'a> {
    pub ing: &'a Ingested,
    pub customers: &'a [Customer],
    pub applied: &'a Applied,
    pub matched: &'a MatchResult,
    /// Invoice rows given to a customer by attribution (`merge::attribute`).
    pub attributed: &'a rustc_hash::FxHashMap<u32, crate::merge::attribute::Evidence>,
    /// Rows the adopted book lists among its customer's sources.
    pub claimed: &'a rustc_hash::FxHashSet<u32>,
    /// Rows the workspace knew as a customer's of the adopted book, from a file under
    /// another name ([`crate::merge::book::claim_known_rows`]).
    pub known: &'a rustc_hash::FxHashSet<u32>,
    /// Rows of other files that carry a customer's id (their `Mã KH` is cleared once read).
    pub outside: &'a rustc_hash::FxHashSet<u32>,
    pub lang: Lang,
}

/// Every data row once, with its customer, action and reason, and every file left out; in
/// file order.
pub fn assemble(f: &Fates<'_>) -> Lineage {
    let (ing, lang) = (f.ing, f.lang);
    let row_line = row_fates(f);
    // One place per source, then one per file left out (below); one shared string per fixed
    // reason: a million lineage lines must not mean millions of copies.
    let mut places = source_places(ing);
    let skip_reasons = skip_reasons(lang);
    let mut lineage = in_file_order(ing, row_line, &skip_reasons);
    add_files_left_out(ing, lang, &mut lineage, &mut places);
    Lineage {
        lines: lineage,
        places,
        ids: f.customers.iter().map(|c| c.id.clone()).collect(),
    }
}

/// Each source's file and sheet, shared by the lines of its rows (a line holds its index).
fn source_places(ing: &Ingested) -> Vec<(Arc<str>, Arc<str>)> {
    ing.sources
        .iter()
        .map(|s| {
            (
                Arc::from(s.file.as_str()),
                Arc::from(s.sheet.as_deref().unwrap_or("")),
            )
        })
        .collect()
}

/// The reason of a skipped row, for each [`SkipReason`] in the order [`skipped_line`] indexes
/// them: worded once, in the run's language, for all the rows skipped so.
fn skip_reasons(lang: Lang) -> Vec<Arc<str>> {
    [
        L("dòng trống", "blank row"),
        L("dòng tổng cộng", "totals row"),
        L(
            "không có tên, điện thoại, email hay MST",
            "no name, phone, email or tax code",
        ),
        L(
            "dòng có quá nhiều cột, không đọc được",
            "row has too many columns to read",
        ),
        L(
            "dòng đánh số cột (1), (2), …",
            "row numbering the columns (1), (2), …",
        ),
        L(
            "dòng tiêu đề thứ hai (tên các phần của cột gộp ở trên)",
            "second header row (the parts of a merged header above)",
        ),
        L(
            "không phải dòng hóa đơn (không số HĐ, không ngày): tiêu đề, dòng cộng hoặc chữ ký",
            "not an invoice line (no number, no date): a heading, a subtotal or a signature",
        ),
        L(
            "hóa đơn đã hủy hoặc đã bị thay thế: không tính doanh thu",
            "invoice cancelled or replaced: not counted as a sale",
        ),
        L(
            "bán lẻ (người mua ghi là khách lẻ, hay không ghi tên): tính vào doanh thu, không phải khách hàng",
            "retail sale (buyer written as a walk-in, or not named): counted as revenue, no customer",
        ),
        L(
            "dòng tiêu đề lặp lại (tên các cột, như dòng tiêu đề của bảng)",
            "the header again (the columns' names, as in the table's header row)",
        ),
        L(
            "trang tính ghi khách đã xóa: không đọc — dữ liệu của khách đã xóa không được giữ, hãy xóa hẳn dòng này khỏi tệp (muốn xóa khách trong sổ: ghi vào sổ yêu cầu)",
            "a sheet of deleted customers: not read — a deleted customer's data must not be kept, erase this row from the file (to delete a customer of the book: the requests book)",
        ),
        L(
            "dòng tiêu đề nhóm giữa các dòng khách (khu vực, nhóm khách…), không phải khách hàng",
            "a heading between the customers' rows (a region, a group of customers…), no customer",
        ),
    ]
    .iter()
    .map(|l| Arc::from(l.t(lang)))
    .collect()
}

/// A skipped row's line, with the shared reason ([`skip_reasons`]) of its kind of skip.
fn skipped_line(sk: &crate::ingest::SkippedRow, skip_reasons: &[Arc<str>]) -> LineageLine {
    let reason = match sk.reason {
        SkipReason::Blank => 0,
        SkipReason::Totals => 1,
        SkipReason::NoIdentity => 2,
        SkipReason::TooWide => 3,
        SkipReason::ColumnNumbers => 4,
        SkipReason::SubHeader => 5,
        SkipReason::NotAnInvoice => 6,
        SkipReason::CancelledInvoice => 7,
        SkipReason::AnonymousSale => 8,
        SkipReason::HeaderRepeated => 9,
        SkipReason::DeletedSheet => 10,
        SkipReason::SectionHeading => 11,
    };
    LineageLine {
        src: sk.source,
        place: sk.source,
        row: sk.row,
        idx: NONE,
        customer: NONE,
        action: Action::Skipped,
        reason: Arc::clone(&skip_reasons[reason]),
    }
}

/// The lines of the read rows (their fates, `row_line`) and of the skipped rows, one sequence
/// in file order.
fn in_file_order(
    ing: &Ingested,
    row_line: Vec<Option<RowFate>>,
    skip_reasons: &[Arc<str>],
) -> Vec<LineageLine> {
    let mut lineage: Vec<LineageLine> = Vec::with_capacity(ing.rows.len() + ing.skipped.len());
    let empty: Arc<str> = Arc::from("");
    // Read rows and skipped rows both come in file order: they are merged as they go, so the
    // million lines need no sort (and no sorting buffer as large as themselves).
    let mut skipped = ing.skipped.iter().peekable();
    for ((i, raw), line) in ing.rows.iter().enumerate().zip(row_line) {
        while let Some(sk) = skipped.next_if(|sk| (sk.source, sk.row) < (raw.source, raw.row)) {
            lineage.push(skipped_line(sk, skip_reasons));
        }
        // A read row that is in no customer is told as skipped, never left out.
        let RowFate {
            customer,
            action,
            reason,
        } = line.unwrap_or(RowFate {
            customer: NONE,
            action: Action::Skipped,
            reason: Arc::clone(&empty),
        });
        lineage.push(LineageLine {
            src: raw.source,
            place: raw.source,
            row: raw.row,
            idx: i as u32,
            customer,
            action,
            reason,
        });
    }
    lineage.extend(skipped.map(|sk| skipped_line(sk, skip_reasons)));
    if !lineage.is_sorted_by_key(|l| (l.src, l.row)) {
        lineage.par_sort_by_key(|l| (l.src, l.row));
    }
    lineage
}

/// A line for each file left out with its problem, after the rows' lines, each with its own
/// place after the sources': a file that could not be read has no source.
fn add_files_left_out(
    ing: &Ingested,
    lang: Lang,
    lineage: &mut Vec<LineageLine>,
    places: &mut Vec<(Arc<str>, Arc<str>)>,
) {
    for p in &ing.problems {
        lineage.push(LineageLine {
            src: u32::MAX,
            place: places.len() as u32,
            row: NONE,
            idx: NONE,
            customer: NONE,
            action: Action::Skipped,
            reason: Arc::from(p.message(lang)),
        });
        places.push((
            Arc::from(p.file.as_str()),
            Arc::from(p.sheet.as_deref().unwrap_or("")),
        ));
    }
}

/// A read row's customer (an index into the customers), action and reason.
#[derive(Clone)]
struct RowFate {
    customer: u32,
    action: Action,
    reason: Arc<str>,
}

/// Each read row's customer, action and reason.
fn row_fates(f: &Fates<'_>) -> Vec<Option<RowFate>> {
    let (ing, lang) = (f.ing, f.lang);
    let mut row_line: Vec<Option<RowFate>> = vec![None; ing.rows.len()];
    let said = RowReasons::new(lang);
    let returning: rustc_hash::FxHashSet<usize> = f.applied.returned.iter().copied().collect();
    // Merge reasons repeat (the same comparisons agreeing, the same score): one shared string
    // for each.
    let mut merge_reasons: rustc_hash::FxHashMap<(u32, u32), Arc<str>> = Default::default();
    for (gi, c) in f.customers.iter().enumerate() {
        // A removed customer's reason, worded once for all its rows.
        let removed = f.applied.fate[gi]
            .as_ref()
            .map(|(act, why)| (*act, removal_words(why, lang)));
        // The customer's first row is its first row of the book (an invoice line read before
        // it joined it as any other row does); a buyer known only from invoices starts with its
        // first line.
        let line =
            |r: u32| ing.sources[ing.rows[r as usize].source as usize].kind == SourceKind::Invoices;
        let first = c.rows.iter().position(|&r| !line(r)).unwrap_or(0);
        for (k, &r) in c.rows.iter().enumerate() {
            let (action, reason) = if let Some((act, why)) = &removed {
                if line(r) {
                    (*act, Arc::from(format!("{why}; {}", said.invoice_kept)))
                } else {
                    (*act, Arc::from(why.as_str()))
                }
            } else if k == first {
                let why = if returning.contains(&gi) {
                    &said.returned
                } else {
                    &said.new_customer
                };
                (Action::Kept, Arc::clone(why))
            } else {
                (Action::Merged, said.merged(f, r, &mut merge_reasons))
            };
            row_line[r as usize] = Some(RowFate {
                customer: gi as u32,
                action,
                reason,
            });
        }
    }
    row_line
}

/// The fixed reasons of the rows in a customer, in the run's language: one shared string each
/// for all the rows it is given to (`invoice_kept` follows a removal's words).
struct RowReasons {
    new_customer: Arc<str>,
    returned: Arc<str>,
    decided: Arc<str>,
    same_id: Arc<str>,
    same_cell: Arc<str>,
    same_invoice: Arc<str>,
    same_code: Arc<str>,
    invoice_kept: &'static str,
    listed: Arc<str>,
    known: Arc<str>,
    by_tax: Arc<str>,
    last_week: Arc<str>,
    by_name: Arc<str>,
    by_code: Arc<str>,
}

impl RowReasons {
    /// Every fixed reason worded in `lang`.
    fn new(lang: Lang) -> RowReasons {
        RowReasons {
            new_customer: Arc::from(
                L(
                    "khách hàng mới hoặc dòng đầu tiên của khách hàng",
                    "new customer or its first row",
                )
                .t(lang),
            ),
            returned: Arc::from(
                L(
                    "khách hàng quay lại: giao dịch mới sau thời gian bị bỏ khỏi sổ vì lâu không giao dịch (giữ Mã KH cũ)",
                    "returning customer: new activity after being out of the book for inactivity (same id)",
                )
                .t(lang),
            ),
            decided: Arc::from(
                L("theo quyết định của người dùng", "by a person's decision").t(lang),
            ),
            same_id: Arc::from(
                L(
                    "cùng Mã KH trong sổ (một khách hàng)",
                    "same customer ID in the book (one customer)",
                )
                .t(lang),
            ),
            same_cell: Arc::from(
                L(
                    "cùng một ô tên gộp (merge) qua các dòng này trong bảng (một khách hàng)",
                    "one name cell merged down these rows of the sheet (one customer)",
                )
                .t(lang),
            ),
            same_invoice: Arc::from(
                L(
                    "dòng khác của cùng một hóa đơn (cùng ký hiệu, số, ngày và người mua): một người mua",
                    "another line of the same invoice (same series, number, date and buyer): one buyer",
                )
                .t(lang),
            ),
            same_code: Arc::from(
                L(
                    "cùng mã khách hàng riêng của tệp và cùng tên trong bảng này (phần mềm xuất tệp đánh mã mỗi khách một lần)",
                    "the same customer code of the file's own and the same name in this sheet (the program that wrote it numbers each customer once)",
                )
                .t(lang),
            ),
            invoice_kept: L(
                "hóa đơn giữ lại cho kế toán, đã bỏ thông tin cá nhân",
                "invoice kept for the accounts, personal fields removed",
            )
            .t(lang),
            listed: Arc::from(
                L(
                    "sổ đã làm sạch ghi dòng này trong «Nguồn» của khách hàng (cùng tên hoặc tên viết tắt bớt, MST, email hoặc di động)",
                    "the cleaned book lists this row among the customer's sources (same or shortened name, tax code, email or mobile)",
                )
                .t(lang),
            ),
            known: Arc::from(
                L(
                    "dòng này đã thuộc khách hàng này ở lần chạy trước (thư mục làm việc nhớ dòng này)",
                    "this row was this customer's in an earlier run (the workspace remembers the row)",
                )
                .t(lang),
            ),
            by_tax: Arc::from(
                L(
                    "hóa đơn của khách hàng: MST người mua là của khách hàng này",
                    "the customer's invoice: the buyer tax code is this customer's",
                )
                .t(lang),
            ),
            last_week: Arc::from(
                L(
                    "hóa đơn của khách hàng: dòng này đã thuộc khách hàng này tuần trước",
                    "the customer's invoice: this row went to this customer last week",
                )
                .t(lang),
            ),
            by_name: Arc::from(
                L(
                    "hóa đơn của khách hàng: tên người mua chỉ khớp một khách hàng trong sổ",
                    "the customer's invoice: the buyer name matches one customer of the book only",
                )
                .t(lang),
            ),
            by_code: Arc::from(
                L(
                    "hóa đơn của khách hàng: cùng tên và cùng mã khách hàng của phần mềm đã xuất tệp",
                    "the customer's invoice: the same name and the same customer code of the program that wrote the files",
                )
                .t(lang),
            ),
        }
    }

    /// Why row `r`, not its customer's first, was merged into it: the match that linked it
    /// (its comparisons and score), the adopted book, an invoice's attribution, or a person's
    /// decision. Match reasons are kept in `merge_reasons`, one string for each.
    fn merged(
        &self,
        f: &Fates<'_>,
        r: u32,
        merge_reasons: &mut rustc_hash::FxHashMap<(u32, u32), Arc<str>>,
    ) -> Arc<str> {
        let lang = f.lang;
        // A buyer's rows given to a customer by the invoices' rules are there for the evidence
        // of the attribution, whatever joined them to one another before (a tax code two lines
        // share, the adopted book's row of a buyer known only from invoices).
        if let Some(e) = f.attributed.get(&r) {
            return Arc::clone(match e {
                crate::merge::attribute::Evidence::TaxCode => &self.by_tax,
                crate::merge::attribute::Evidence::UniqueName => &self.by_name,
                crate::merge::attribute::Evidence::LastWeek => &self.last_week,
                crate::merge::attribute::Evidence::SameCode => &self.by_code,
            });
        }
        match &f.matched.link[r as usize] {
            Some(e) => {
                // Worded once for each set of reasons and score (840 of them for
                // the 34,000 merged rows of the 100k benchmark).
                let text = || {
                    Arc::from(format!(
                        "{} ({} {:.1})",
                        e.reasons(lang),
                        L("điểm", "score").t(lang),
                        e.score,
                    ))
                };
                Arc::clone(
                    merge_reasons
                        .entry((e.flags, e.score.to_bits()))
                        .or_insert_with(text),
                )
            }
            None => match f.matched.written.binary_search_by_key(&r, |w| w.0) {
                Ok(at) => Arc::clone(match f.matched.written[at].1 {
                    Written::MergedCell => &self.same_cell,
                    Written::OneInvoice => &self.same_invoice,
                    Written::OneCode => &self.same_code,
                }),
                Err(_) => self.unwritten(f, r),
            },
        }
    }

    /// The reason of a row no score and nothing a ledger wrote joined to its customer.
    fn unwritten(&self, f: &Fates<'_>, r: u32) -> Arc<str> {
        Arc::clone(if f.known.contains(&r) {
            &self.known
        } else if f.claimed.contains(&r) {
            &self.listed
        } else if f.outside.contains(&r)
            || crate::merge::book::is_adopted_row(&f.ing.rows[r as usize])
        {
            &self.same_id
        } else {
            &self.decided
        })
    }
}

/// A removal in words, in the run's language: the lineage's and the report's reason.
pub fn removal_words(removal: &Removal, lang: Lang) -> String {
    {
        match &removal.why {
            Why::Requested(req) => deleted_reason(req, lang),
            Why::DeletedBefore(req) => suppressed_reason(req, lang),
            Why::BeforeReadmission {
                deletion,
                readmitted,
            } => {
                let on = day(readmitted);
                pick(
                    lang,
                    format!("{}: dòng từ trước khi nhận lại khách ngày {on} (mang dữ liệu đã xóa, hoặc không ghi ngày sau {on}); dòng mới của khách ghi ngày sau {on} thì được giữ", suppressed_reason(deletion, Lang::Vi)),
                    format!("{}: a row from before the customer was taken back on {on} (it carries data erased with her, or no date after {on}); her new rows dated after {on} are kept", suppressed_reason(deletion, Lang::En)),
                )
            }
            Why::Inactive { since, months } => {
                let since = since
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default();
                pick(
                    lang,
                    format!("không giao dịch từ {since} (quy tắc lưu trữ: bỏ khỏi sổ sau {months} tháng; giao dịch lại thì trở lại với Mã KH cũ)"),
                    format!("no activity since {since} (retention rule: out of the book after {months} months; back with the same id on new activity)"),
                )
            }
        }
    }
}

fn request_place(why: &Suppressed, lang: Lang) -> String {
    let received = NaiveDate::parse_from_str(&why.received, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .ok();
    match (received, why.row) {
        (Some(d), r) if r > 0 => pick(
            lang,
            format!("nhận ngày {d}, dòng {r} sổ yêu cầu"),
            format!("received {d}, row {r} of the requests book"),
        ),
        (Some(d), _) => pick(lang, format!("nhận ngày {d}"), format!("received {d}")),
        (None, r) if r > 0 => pick(
            lang,
            format!("dòng {r} sổ yêu cầu"),
            format!("row {r} of the requests book"),
        ),
        (None, _) => String::new(),
    }
}

/// "deleted at the customer's request (received …, row … of the requests book)".
fn deleted_reason(why: &Suppressed, lang: Lang) -> String {
    let place = request_place(why, lang);
    pick(
        lang,
        format!("xóa theo yêu cầu của khách hàng ({place})"),
        format!("deleted at the customer's request ({place})"),
    )
    .replace(" ()", "")
}

/// Why a row is left out: an identifier of a customer deleted on request, with that request.
/// A yyyy-mm-dd date of the state as dd/mm/yyyy (as written when it is not one).
fn day(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

fn suppressed_reason(why: &Suppressed, lang: Lang) -> String {
    let done = day(&why.done);
    let place = request_place(why, lang);
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("; {place}")
    };
    pick(
        lang,
        format!("thuộc khách hàng đã xóa theo yêu cầu (xóa ngày {done}{place})"),
        format!("belongs to a customer deleted on request (deleted {done}{place})"),
    )
}

pub fn write(path: &Path, lineage: &Lineage) -> Result<super::Staged> {
    let staged = super::Staged::new(path)?;
    super::csvout::write_file(staged.file(), &HEADER, &lineage.lines, |l, w, row| {
        row.clear();
        if let Some(r) = l.row() {
            use std::fmt::Write as _;
            let _ = write!(row, "{r}");
        }
        w.write_record([
            csv_safe(lineage.file(l)).as_ref(),
            csv_safe(lineage.sheet(l)).as_ref(),
            row.as_str(),
            lineage.customer_id(l),
            l.action.as_str(),
            csv_safe(&l.reason).as_ref(),
        ])
    })?;
    Ok(staged)
}

/// Neutralises text that a spreadsheet would run as a formula when it opens the CSV: a leading
/// `=`, `+`, `-`, `@` (or tab/CR) gets a `'` in front.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => std::borrow::Cow::Owned(format!("'{s}")),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The removal reasons are worded here only, from the policy's facts.
    #[test]
    fn removals_are_worded_in_the_runs_language() {
        let req = Suppressed {
            done: "2026-12-07".into(),
            received: "2026-12-01".into(),
            row: 4,
        };
        let text = |why: Why, lang| removal_words(&Removal { why }, lang);
        assert_eq!(
            text(Why::Requested(Box::new(req.clone())), Lang::Vi),
            "xóa theo yêu cầu của khách hàng (nhận ngày 01/12/2026, dòng 4 sổ yêu cầu)"
        );
        assert_eq!(
            text(Why::DeletedBefore(Box::new(req.clone())), Lang::En),
            "belongs to a customer deleted on request (deleted 07/12/2026; received 01/12/2026, row 4 of the requests book)"
        );
        assert_eq!(
            text(
                Why::BeforeReadmission {
                    deletion: Box::new(req.clone()),
                    readmitted: "2027-01-05".into()
                },
                Lang::En
            ),
            "belongs to a customer deleted on request (deleted 07/12/2026; received 01/12/2026, row 4 of the requests book): a row from before the customer was taken back on 05/01/2027 (it carries data erased with her, or no date after 05/01/2027); her new rows dated after 05/01/2027 are kept"
        );
        assert!(text(
            Why::BeforeReadmission {
                deletion: Box::new(req.clone()),
                readmitted: "2027-01-05".into()
            },
            Lang::Vi
        )
        .contains("dòng từ trước khi nhận lại khách ngày 05/01/2027"));
        assert_eq!(
            text(Why::Requested(Box::default()), Lang::En),
            "deleted at the customer's request"
        );
        let inactive = Why::Inactive {
            since: NaiveDate::from_ymd_opt(2020, 3, 1),
            months: 60,
        };
        assert!(text(inactive.clone(), Lang::Vi).starts_with(
            "không giao dịch từ 01/03/2020 (quy tắc lưu trữ: bỏ khỏi sổ sau 60 tháng"
        ));
        assert!(text(inactive, Lang::En).starts_with("no activity since 01/03/2020"));
    }

    #[test]
    fn a_line_is_compact_and_resolves_through_the_lineage() {
        // A million lines are held until the outputs are written.
        assert!(std::mem::size_of::<LineageLine>() <= 40);
        let line = |place, row, customer| LineageLine {
            src: place,
            place,
            row,
            idx: NONE,
            customer,
            action: Action::Kept,
            reason: Arc::from(""),
        };
        let lineage = Lineage {
            lines: vec![line(0, 4, 1), line(1, NONE, NONE)],
            places: vec![
                (Arc::from("so-khach.xlsx"), Arc::from("2017")),
                (Arc::from("hong.xlsx"), Arc::from("")),
            ],
            ids: vec!["KH000001".into(), "KH000002".into()],
        };
        let (a, b) = (&lineage.lines[0], &lineage.lines[1]);
        assert_eq!(
            (lineage.file(a), lineage.sheet(a), a.row(), a.idx()),
            ("so-khach.xlsx", "2017", Some(4), None)
        );
        assert_eq!(lineage.customer_id(a), "KH000002");
        assert_eq!(
            (lineage.file(b), b.row(), lineage.customer_id(b)),
            ("hong.xlsx", None, "")
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+84912345678"), "'+84912345678");
        assert_eq!(csv_safe("@cmd"), "'@cmd");
        assert_eq!(csv_safe("Nguyễn"), "Nguyễn");
    }
}
