//! The few lines a person must read at the end of a run: what was removed and why, requests
//! that are late or could not be carried out, files left out, decisions applied, pairs waiting
//! for a look, and where the outputs are.

use super::pipeline::Built;
use crate::i18n::{pick, Lang};
use crate::ingest::Notice;
use crate::model::{Action, Rule};
use crate::policy::RequestStatus;
use std::path::{Path, PathBuf};

/// People's decisions read this run and applied: review pairs merged and invoices given to a
/// customer (`joined`), pairs kept apart and invoices of no customer in the book (`apart`).
#[derive(Debug, Clone, Default)]
pub struct DecisionsApplied {
    pub joined: usize,
    pub apart: usize,
    /// Review decisions naming a row no input of this run holds (another workspace's report,
    /// rows changed since): kept for a later run by a workspace, else lost.
    pub unmatched: usize,
    /// Decision cells read as neither merge nor keep apart: «text» (row).
    pub unread: Vec<String>,
    pub remembered: bool,
}

pub struct Summary {
    rows_read: u64,
    customers: u64,
    merged: u64,
    skipped: u64,
    changed: u64,
    to_check: u64,
    review_pairs: u64,
    /// Ids of the last book no input holds now.
    gone_from_book: Vec<String>,
    deleted: usize,
    expired: usize,
    suppressed_rows: u64,
    returned: usize,
    erase_rows: usize,
    requests: usize,
    overdue: usize,
    late: usize,
    not_applied: usize,
    waiting_copy: usize,
    lock_files: Vec<String>,
    output_folders: Vec<String>,
    problems: Vec<String>,
    decisions: DecisionsApplied,
    edits: usize,
    unknown_ids: usize,
    remove_after_months: u32,
    /// "file › sheet: «header» → role" for columns whose role came from their values.
    inferred: Vec<String>,
    /// Without a state (no workspace, or a new one's dry run), adopted books ("file › sheet")
    /// read without their «Nguồn» column beside other inputs: the rows it listed cannot be
    /// recognised.
    book_without_sources: Vec<String>,
    /// Adopted books ("file › sheet") read without their «Mã KH» column: (place, rows, rows
    /// recognised by the values the last book wrote, whether the state held them).
    book_without_ids: Vec<(String, usize, usize, bool)>,
    /// Per adopted book's sheet: its columns not used that hold values («Ngày sinh (3)»).
    book_columns_not_kept: Vec<(String, Vec<(String, u64)>)>,
    /// Sheets and files read as no customer ledger («file › sheet»), staff lists marked.
    not_ledgers: Vec<(String, NotLedger)>,
    /// Sheets whose name says their customers were deleted («file › sheet», rows not read).
    deleted_sheets: Vec<(String, u64)>,
    /// Customers the state keeps opted out whose row in the adopted book no longer marks it.
    opt_outs_held: Vec<String>,
    /// Customers opted out before who get marketing again from this run.
    resumed: Vec<String>,
    /// Customers whose «Nhận quảng cáo lại» a newer opt-out ended this run.
    opted_out_again: Vec<String>,
    out: PathBuf,
    redacted: Vec<PathBuf>,
}

impl Summary {
    pub fn of(b: &Built, out: &Path, redacted: &[PathBuf], decisions: DecisionsApplied) -> Summary {
        let fates = |a: Action| {
            b.applied
                .fate
                .iter()
                .filter(|f| matches!(f, Some((x, _)) if *x == a))
                .count()
        };
        let erase_rows = b
            .applied
            .fate
            .iter()
            .zip(&b.customers)
            .filter(|(f, _)| matches!(f, Some((Action::Deleted | Action::Suppressed, _))))
            .flat_map(|(_, c)| &c.rows)
            .filter(|&&r| {
                let src = b.ing.rows[r as usize].source;
                crate::output::redact::to_erase(&b.ing.sources[src as usize])
            })
            .count();
        let reqs = &b.applied.requests;
        Summary {
            rows_read: b.accounted.counts.rows_read,
            customers: b.accounted.counts.customers,
            merged: b.accounted.counts.merged,
            skipped: b.accounted.counts.skipped,
            changed: b.accounted.counts.values_changed,
            to_check: b.accounted.counts.values_to_check,
            review_pairs: b.accounted.counts.review_pairs,
            gone_from_book: b.gone_from_book.clone(),
            deleted: fates(Action::Deleted),
            expired: fates(Action::Expired),
            suppressed_rows: b.accounted.counts.suppressed,
            returned: b.applied.returned.len(),
            erase_rows,
            requests: reqs.len(),
            overdue: reqs.iter().filter(|o| o.overdue).count(),
            late: reqs.iter().filter(|o| o.late).count(),
            not_applied: reqs
                .iter()
                .filter(|o| {
                    matches!(
                        o.status,
                        RequestStatus::NotFound
                            | RequestStatus::Ambiguous(_)
                            | RequestStatus::Invalid(_)
                            | RequestStatus::BadValue(_)
                            | RequestStatus::NotApplicable(_)
                    )
                })
                .count(),
            waiting_copy: reqs
                .iter()
                .filter(|o| {
                    o.done_on.is_none()
                        && matches!(o.status, RequestStatus::Applied { .. })
                        && o.request
                            .as_ref()
                            .is_some_and(|q| q.kind == crate::policy::requests::Kind::Access)
                })
                .count(),
            lock_files: b
                .ing
                .notices
                .iter()
                .filter_map(|n| match n {
                    Notice::LockFileSkipped(f) => Some(f.clone()),
                    _ => None,
                })
                .collect(),
            output_folders: b
                .ing
                .notices
                .iter()
                .filter_map(|n| match n {
                    Notice::OutputFolder(f) => Some(f.clone()),
                    _ => None,
                })
                .collect(),
            problems: b.ing.problems.iter().map(|p| p.file.clone()).collect(),
            decisions,
            edits: b
                .findings
                .iter()
                .filter(|f| f.rule == Rule::EditedInBook)
                .count(),
            unknown_ids: b
                .findings
                .iter()
                .filter(|f| f.rule == Rule::CustomerIdUnknown)
                .count(),
            remove_after_months: b.policy.retention.remove_after_months,
            inferred: inferred_columns(b),
            book_without_sources: book_without_sources(b),
            book_without_ids: book_without_ids(b),
            book_columns_not_kept: book_columns_not_kept(b),
            not_ledgers: not_ledgers(b),
            deleted_sheets: deleted_sheets(b),
            opt_outs_held: opt_outs_held(b),
            resumed: ids_of(b, &b.applied.resumed),
            opted_out_again: ids_of(b, &b.applied.opted_out_again),
            out: out.to_path_buf(),
            redacted: redacted.to_vec(),
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let head = pick(
            lang,
            format!(
                "Đã đọc {} dòng → {} khách hàng ({} dòng gộp, {} bỏ qua); {} giá trị chuẩn hóa, {} cần kiểm tra.",
                n(self.rows_read), n(self.customers), n(self.merged), n(self.skipped), n(self.changed), n(self.to_check)
            ),
            format!(
                "Read {} rows → {} customers ({} merged, {} skipped); {} values normalised, {} to check.",
                n(self.rows_read), n(self.customers), n(self.merged), n(self.skipped), n(self.changed), n(self.to_check)
            ),
        );
        let mut out = String::new();
        for l in self
            .removals(lang)
            .into_iter()
            .chain(self.inputs_and_review(lang))
        {
            out.push_str("  • ");
            out.push_str(&l);
            out.push('\n');
        }
        let tail = pick(
            lang,
            format!("Kết quả trong {}", self.out.display()),
            format!("Outputs in {}", self.out.display()),
        );
        format!("{head}\n{out}{tail}\n")
    }

    /// Lines about customers out of the book or back, rows still to erase, and requests.
    fn removals(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |s: String| out.push(s);
        if self.deleted + self.expired > 0 || self.suppressed_rows > 0 {
            let mut parts = Vec::new();
            if self.deleted > 0 {
                parts.push(pick(
                    lang,
                    format!("{} khách xóa theo yêu cầu", self.deleted),
                    format!("{} customers deleted on request", self.deleted),
                ));
            }
            if self.expired > 0 {
                parts.push(pick(
                    lang,
                    format!(
                        "{} khách lâu không giao dịch (quá {} tháng)",
                        self.expired, self.remove_after_months
                    ),
                    format!(
                        "{} inactive customers (over {} months)",
                        self.expired, self.remove_after_months
                    ),
                ));
            }
            if self.suppressed_rows > 0 {
                parts.push(pick(
                    lang,
                    format!("{} dòng của khách đã xóa trước đây", self.suppressed_rows),
                    format!("{} rows of customers deleted before", self.suppressed_rows),
                ));
            }
            line(format!(
                "{}: {}.",
                pick(lang, "Bỏ khỏi sổ".into(), "Out of the book".into()),
                parts.join(", ")
            ));
        }
        if self.returned > 0 {
            line(pick(
                lang,
                format!(
                    "{} khách quay lại sau thời gian không giao dịch (giữ Mã KH cũ).",
                    self.returned
                ),
                format!(
                    "{} customers back after a time without dealings (same id).",
                    self.returned
                ),
            ));
        }
        if self.erase_rows > 0 {
            line(match self.redacted.is_empty() {
                true => pick(
                    lang,
                    format!("{} dòng của khách đã xóa vẫn còn trong tệp đầu vào: xem sheet «Cần xóa khỏi tệp», hoặc chạy lại với --redact để có bản sao đã xóa.", self.erase_rows),
                    format!("{} rows of deleted customers are still in the input files: see the «To erase from files» sheet, or run again with --redact for redacted copies.", self.erase_rows),
                ),
                false => pick(
                    lang,
                    format!("{} dòng của khách đã xóa vẫn còn trong tệp đầu vào; bản sao đã xóa các dòng đó (thay cho bản gốc): {}", self.erase_rows, join(&self.redacted)),
                    format!("{} rows of deleted customers are still in the input files; copies without them (to replace the originals): {}", self.erase_rows, join(&self.redacted)),
                ),
            });
        }
        if self.requests > 0 {
            line(pick(
                lang,
                format!(
                    "Yêu cầu: {} trong sổ; QUÁ HẠN chưa làm: {}; làm trễ hạn: {}; không áp dụng được: {}; chờ xuất bản sao: {} (sheet «Yêu cầu»).",
                    self.requests, self.overdue, self.late, self.not_applied, self.waiting_copy
                ),
                format!(
                    "Requests: {} in the book; OVERDUE, not done: {}; done late: {}; could not be applied: {}; waiting for a copy: {} («Requests» sheet).",
                    self.requests, self.overdue, self.late, self.not_applied, self.waiting_copy
                ),
            ));
        }
        out
    }

    /// Lines about inputs left out, decisions applied, the adopted book's edits, columns read
    /// from their values; then [`Self::book_and_review`]'s.
    fn inputs_and_review(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |s: String| out.push(s);
        if !self.lock_files.is_empty() || !self.output_folders.is_empty() {
            line(pick(
                lang,
                format!(
                    "Bỏ qua: {} tệp khóa của Excel, {} thư mục kết quả cũ.",
                    self.lock_files.len(),
                    self.output_folders.len()
                ),
                format!(
                    "Left out: {} Excel lock files, {} old output folders.",
                    self.lock_files.len(),
                    self.output_folders.len()
                ),
            ));
        }
        if !self.problems.is_empty() {
            line(pick(
                lang,
                format!("KHÔNG đọc được (--skip-bad): {}", self.problems.join(", ")),
                format!("NOT read (--skip-bad): {}", self.problems.join(", ")),
            ));
        }
        let DecisionsApplied {
            joined,
            apart,
            unmatched,
            ref unread,
            remembered,
        } = self.decisions;
        if !unread.is_empty() {
            let list = first_ten(unread);
            line(pick(
                lang,
                format!("{} ô Quyết định không đọc được (không phải Gộp / Không gộp), cặp để chưa quyết định: {list} (dòng trong sheet «Cần xem xét trùng»).", unread.len()),
                format!("{} Decision cells not read (neither Merge nor Keep apart), the pairs left undecided: {list} (rows of the review sheet).", unread.len()),
            ));
        }
        if joined + apart > 0 {
            line(pick(
                lang,
                format!("Đã áp dụng quyết định: {joined} gộp, {apart} không gộp."),
                format!("Decisions applied: {joined} merge, {apart} keep apart."),
            ));
        }
        if unmatched > 0 {
            line(if remembered {
                pick(
                    lang,
                    format!("{unmatched} quyết định nói về dòng không có trong lần chạy này: giữ lại cho lần sau."),
                    format!("{unmatched} decisions name rows not in this run: kept for a later run."),
                )
            } else {
                pick(
                    lang,
                    format!("{unmatched} quyết định nói về dòng không có trong lần chạy này: bỏ qua (không có thư mục làm việc để ghi nhớ)."),
                    format!("{unmatched} decisions name rows not in this run: ignored (no workspace to remember them)."),
                )
            });
        }
        if self.edits > 0 || self.unknown_ids > 0 {
            line(pick(
                lang,
                format!("Sổ đã làm sạch: {} giá trị người dùng sửa (được ưu tiên), {} Mã KH lạ (cần kiểm tra).", self.edits, self.unknown_ids),
                format!("Adopted book: {} values edited by a person (they win), {} unknown customer IDs (to check).", self.edits, self.unknown_ids),
            ));
        }
        if !self.inferred.is_empty() {
            line(pick(
                lang,
                format!("Cột đọc theo giá trị (tiêu đề không rõ hoặc không khớp; sửa bằng [[columns]] trong sokhach.toml): {}", self.inferred.join("; ")),
                format!("Columns read from their values (header unknown or contradicted; override with [[columns]] in sokhach.toml): {}", self.inferred.join("; ")),
            ));
        }
        out.extend(self.book_and_review(lang));
        out
    }

    /// Lines about the adopted book (columns missing, opt-outs it no longer marks, customers
    /// no input holds) and pairs to review.
    fn book_and_review(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |s: String| out.push(s);
        if !self.book_without_sources.is_empty() {
            let books = self.book_without_sources.join(", ");
            line(pick(
                lang,
                format!("Sổ đã làm sạch {books} không có cột «Nguồn», và không có trạng thái nào nhớ các dòng đã tính: các dòng bảng kê và tệp web đã tính lần trước không nhận ra được (có thể thành khách mới, hoặc được đếm lại). Giữ cột «Nguồn», hoặc chạy «sokhach init»."),
                format!("The cleaned book {books} has no «Nguồn» (sources) column, and no state remembers the rows counted: the listing and web rows counted last time cannot be recognised (they may become new customers, or be counted again). Keep the «Nguồn» column, or run «sokhach init»."),
            ));
        }
        for (book, rows, known, remembered) in &self.book_without_ids {
            if !remembered {
                line(pick(
                    lang,
                    format!("Sổ đã làm sạch {book} không có cột «Mã KH», và không có trạng thái nào nhớ sổ lần trước đã ghi gì: khách được đánh mã theo thứ tự đọc (Mã KH có thể đổi), các dòng bảng kê sổ đã tính có thể thành khách mới. Giữ cột «Mã KH», hoặc chạy «sokhach init»."),
                    format!("The cleaned book {book} has no «Mã KH» (customer ID) column, and no state remembers what the last book wrote: customers are numbered in reading order (their IDs may change), and listing rows the book counted may become new customers. Keep the «Mã KH» column, or run «sokhach init»."),
                ));
                continue;
            }
            let others = rows - known;
            let (vi, en) = if others > 0 {
                (
                    format!("; {others} dòng khác được so như dòng mới"),
                    format!("; the other {others} were matched as new rows"),
                )
            } else {
                Default::default()
            };
            line(pick(
                lang,
                format!("Sổ đã làm sạch {book} không có cột «Mã KH»: {known}/{rows} dòng nhận ra theo giá trị sổ lần trước đã ghi (giữ Mã KH cũ){vi}. Giữ cột «Mã KH» để khách giữ mã khi sửa dòng."),
                format!("The cleaned book {book} has no «Mã KH» (customer ID) column: {known}/{rows} rows recognised by the values the last book wrote (they keep their IDs){en}. Keep the «Mã KH» column so that customers keep their IDs when a row is edited."),
            ));
        }
        for (book, columns) in &self.book_columns_not_kept {
            let list = columns
                .iter()
                .map(|(c, n)| format!("{c} ({})", crate::output::report::cells(*n, lang)))
                .collect::<Vec<_>>()
                .join(", ");
            line(pick(
                lang,
                format!("Sổ đã làm sạch {book} có cột sổ không giữ: {list} (chính sách chỉ giữ dữ liệu cơ bản: tên, địa chỉ, điện thoại, email, người liên hệ, MST, giao dịch). Sổ mới không có các cột này; giá trị vẫn còn trong tệp đã đọc."),
                format!("The cleaned book {book} has columns the book does not keep: {list} (the policy keeps basic data only: name, addresses, phone, email, contact person, tax code, dealings). The new book has no such columns; the values stay in the file read."),
            ));
        }
        for l in self.unread_sheets(lang) {
            line(l);
        }
        if !self.opt_outs_held.is_empty() {
            let n = self.opt_outs_held.len();
            let list = first_ten(&self.opt_outs_held);
            line(pick(
                lang,
                format!("{n} khách vẫn ngừng quảng cáo dù sổ không còn ghi ở cột «Ngừng quảng cáo» (lời từ chối của khách được nhớ, sổ ghi lại «Có»): {list}. Khách muốn nhận lại: ghi yêu cầu «Nhận quảng cáo lại»."),
                format!("{n} customers stay opted out though the book no longer marks them in «Ngừng quảng cáo» (a customer's no is remembered; the book marks it again): {list}. A customer who wants news again: write a «Resume marketing» request."),
            ));
        }
        if !self.resumed.is_empty() {
            let n = self.resumed.len();
            let list = first_ten(&self.resumed);
            line(pick(
                lang,
                format!("{n} khách nhận quảng cáo lại từ lần này (yêu cầu «Nhận quảng cáo lại»): {list}."),
                format!("{n} customers get marketing again from this run («Resume marketing» requests): {list}."),
            ));
        }
        if !self.opted_out_again.is_empty() {
            let n = self.opted_out_again.len();
            let list = first_ten(&self.opted_out_again);
            line(pick(
                lang,
                format!("{n} khách lại ngừng quảng cáo: có lời từ chối mới hơn yêu cầu «Nhận quảng cáo lại» của họ (ô «Ngừng quảng cáo» của sổ đánh dấu lại, yêu cầu ngừng mới, hay dòng dữ liệu mới): {list}. Nếu dấu đó đến từ một bản sổ cũ, ghi một yêu cầu «Nhận quảng cáo lại» mới."),
                format!("{n} customers stop marketing again: a no newer than their «Resume marketing» request (the book's «Ngừng quảng cáo» cell marked again, a new stop request, or a newer ledger row): {list}. If the mark came from an older copy of the book, write a new «Resume marketing» request."),
            ));
        }
        if !self.gone_from_book.is_empty() {
            let n = self.gone_from_book.len();
            let list = first_ten(&self.gone_from_book);
            line(pick(
                lang,
                format!("{n} khách của sổ lần trước không còn dòng nào trong các tệp đọc lần này (bị xóa khỏi sổ bằng tay?): {list}. Muốn xóa khách theo yêu cầu, ghi vào sổ yêu cầu; muốn giữ, chép lại dòng từ sổ lần trước."),
                format!("{n} customers of the last book have no row in this run's inputs (taken out of the book by hand?): {list}. To delete a customer, write a request; to keep one, copy the row back from the last book."),
            ));
        }
        if self.review_pairs > 0 {
            line(pick(
                lang,
                format!("{} cặp có thể trùng cần người xem (sheet «Cần xem xét trùng», điền cột Quyết định rồi chạy lại).", self.review_pairs),
                format!("{} possible duplicate pairs need a look (review sheet: fill the Decision column and run again).", self.review_pairs),
            ));
        }
        out
    }

    /// The sheets not read as customers: no ledger, a staff list, a sheet of deleted
    /// customers.
    fn unread_sheets(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = |s: String| out.push(s);
        if !self.not_ledgers.is_empty() {
            let list = |what: NotLedger| {
                self.not_ledgers
                    .iter()
                    .filter(|(_, w)| *w == what)
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (others, staff, sellers) = (
                list(NotLedger::Columns),
                list(NotLedger::Staff),
                list(NotLedger::Sellers),
            );
            if !others.is_empty() {
                line(pick(
                    lang,
                    format!("Không đọc (không có cột tên, điện thoại, email hay MST: không phải danh sách khách hàng): {others}."),
                    format!("Not read (no name, phone, email or tax code column: not a customer ledger): {others}."),
                ));
            }
            if !staff.is_empty() {
                line(pick(
                    lang,
                    format!("Không đọc (danh sách nhân viên của công ty, không phải khách hàng): {staff}."),
                    format!("Not read (the company's staff list, not customers): {staff}."),
                ));
            }
            if !sellers.is_empty() {
                line(pick(
                    lang,
                    format!("Không đọc (bảng kê hóa đơn mua vào: người bán là nhà cung cấp, không phải khách hàng): {sellers}."),
                    format!("Not read (a list of purchase invoices: sellers are suppliers, not customers): {sellers}."),
                ));
            }
        }
        if !self.deleted_sheets.is_empty() {
            let list = |rows: &str| {
                self.deleted_sheets
                    .iter()
                    .map(|(p, n)| format!("{p} ({n} {rows})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            line(pick(
                lang,
                format!("Không đọc trang ghi khách đã xóa: {}. Dữ liệu của khách đã xóa không được giữ: hãy xóa hẳn các dòng này khỏi tệp (xóa khách trong sổ: ghi vào sổ yêu cầu).", list("dòng")),
                format!("Not read, sheets of deleted customers: {}. A deleted customer's data must not be kept: erase these rows from the file (to delete a customer of the book: the requests book).", list("rows")),
            ));
        }
        out
    }
}

/// The adopted books read without their «Mã KH» column ([`Built::ids_recovered`]): where,
/// their rows, how many were recognised, whether the state remembered the last book.
fn book_without_ids(b: &Built) -> Vec<(String, usize, usize, bool)> {
    b.ids_recovered
        .iter()
        .filter_map(|r| {
            let s = b.ing.sources.get(r.source as usize)?;
            Some((sheet_place(s), r.rows, r.recognised, r.remembered))
        })
        .collect()
}

/// The adopted book's sheets with columns not used that hold values: where, and each column
/// as «header» (cells); the book's own columns it derives again (the province since 2025) are
/// not listed.
fn book_columns_not_kept(b: &Built) -> Vec<(String, Vec<(String, u64)>)> {
    let own = |h: &str| {
        crate::output::book::COLS
            .iter()
            .any(|l| l.0 == h.trim() || l.1 == h.trim())
    };
    b.ing
        .sources
        .iter()
        .filter(|s| crate::ingest::book::is_book_source(s))
        .filter_map(|s| {
            let columns: Vec<(String, u64)> = s
                .unused_filled
                .iter()
                .filter_map(|&(i, n)| {
                    let header = s.columns.get(i).map_or("", |(h, _)| h.as_str());
                    if own(header) {
                        return None;
                    }
                    // A column without a header by its number, as «Tóm tắt» names it.
                    Some(if header.trim().is_empty() {
                        (format!("#{}", i + 1), n)
                    } else {
                        (format!("«{}»", header.trim()), n)
                    })
                })
                .collect();
            if columns.is_empty() {
                return None;
            }
            Some((sheet_place(s), columns))
        })
        .collect()
}

/// The ids of customers `which` (indexes into the run's customers).
fn ids_of(b: &Built, which: &[usize]) -> Vec<String> {
    which
        .iter()
        .map(|&i| b.customers[i].id.to_string())
        .collect()
}

/// "file › sheet: «header» → role" for each column whose role came from its values.
fn inferred_columns(b: &Built) -> Vec<String> {
    b.ing
        .sources
        .iter()
        .flat_map(|s| {
            s.inferred.iter().filter_map(move |c| {
                let (h, role) = s.columns.get(c.column)?;
                let place = match &s.sheet {
                    Some(sh) => format!("{} › {sh}", s.file),
                    None => s.file.clone(),
                };
                Some(format!("{place}: «{h}» → {}", (*role)?.key()))
            })
        })
        .collect()
}

/// The first ten of `ids`, joined, "…" after them when there are more.
fn first_ten(ids: &[String]) -> String {
    let mut list = ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        list.push_str(", …");
    }
    list
}

/// The sheets whose name says their customers were deleted, with their rows not read.
/// What a table read that is no ledger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotLedger {
    /// No name, phone, email or tax code column.
    Columns,
    /// The company's staff list.
    Staff,
    /// A list of purchase invoices: its parties are suppliers.
    Sellers,
}

/// The tables read that are no ledger («file › sheet»), and what each is.
fn not_ledgers(b: &Built) -> Vec<(String, NotLedger)> {
    b.ing
        .notices
        .iter()
        .filter_map(|n| match n {
            crate::ingest::Notice::NotALedger {
                file,
                sheet,
                staff,
                sellers,
            } => Some((
                match sheet {
                    Some(sheet) => format!("{file} › {sheet}"),
                    None => file.clone(),
                },
                match (*staff, *sellers) {
                    (_, true) => NotLedger::Sellers,
                    (true, false) => NotLedger::Staff,
                    (false, false) => NotLedger::Columns,
                },
            )),
            _ => None,
        })
        .collect()
}

fn deleted_sheets(b: &Built) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for sk in &b.ing.skipped {
        if sk.reason != crate::ingest::SkipReason::DeletedSheet {
            continue;
        }
        let src = &b.ing.sources[sk.source as usize];
        let place = match &src.sheet {
            Some(sheet) => format!("{} › {sheet}", src.file),
            None => src.file.clone(),
        };
        match out.last_mut() {
            Some((p, n)) if *p == place => *n += 1,
            _ => out.push((place, 1)),
        }
    }
    out
}

/// Customers opted out only by what the state remembers, though a row of the adopted book shows
/// them without the mark (a clerk cleared the cell, deleted the column, or restored an older
/// copy): no request of this run, no consent column, no «Ngừng quảng cáo» cell says so now.
fn opt_outs_held(b: &Built) -> Vec<String> {
    use crate::model::Role;
    let books: Vec<bool> = b
        .ing
        .sources
        .iter()
        .map(crate::ingest::book::is_book_source)
        .collect();
    let asked: std::collections::HashSet<&str> =
        b.applied.opt_outs.iter().map(String::as_str).collect();
    b.customers
        .iter()
        .zip(&b.applied.fate)
        .filter(|(c, fate)| c.no_marketing && fate.is_none() && !asked.contains(c.id.as_str()))
        .filter(|(c, _)| {
            let rows = || c.rows.iter().map(|&r| r as usize);
            let in_book = |r: usize| books[b.ing.rows[r].source as usize];
            rows().any(in_book)
                && !rows().any(|r| {
                    b.norms[r].no_marketing
                        || crate::ingest::book::is_yes(b.ing.rows[r].get(Role::NoMarketing))
                })
        })
        .map(|(c, _)| c.id.to_string())
        .collect()
}

/// Without a state, the adopted book's «Nguồn» is the only memory of which rows of the other
/// inputs it counted: the books read without that column beside other inputs.
fn book_without_sources(b: &Built) -> Vec<String> {
    use crate::model::Role;
    let sources = &b.ing.sources;
    let is_book = crate::ingest::book::is_book_source;
    // A state on disk (a workspace's, a dry run's too) knows the rows by their fingerprints.
    let remembered = !b.store.dir.as_os_str().is_empty();
    if remembered || sources.iter().all(is_book) {
        return Vec::new();
    }
    sources
        .iter()
        .filter(|s| is_book(s) && !s.columns.iter().any(|(_, r)| *r == Some(Role::Provenance)))
        .map(sheet_place)
        .collect()
}

/// «file › sheet» (a CSV's «file»), as the run's last lines name a table.
fn sheet_place(s: &crate::model::Source) -> String {
    match &s.sheet {
        Some(sh) => format!("«{} › {sh}»", s.file),
        None => format!("«{}»", s.file),
    }
}

fn join(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Big numbers grouped the Vietnamese way (1.025.542).
pub fn n(v: u64) -> String {
    crate::progress::group(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_grouped() {
        assert_eq!(super::n(1_025_542), "1.025.542");
        assert_eq!(super::n(400), "400");
        assert_eq!(super::n(1000), "1.000");
    }
}
