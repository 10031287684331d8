//! `bao-cao-thay-doi.xlsx`: the change report staff read after each run — a summary whose
//! counts balance, then one sheet per kind of change, each row naming file, sheet, row, the
//! old value, the new value and the rule.

use super::book::Places;
use super::xlsx::{save_staged, Formats, SheetWriter, V};
use super::{Counts, LineageLine, Timings};
use crate::i18n::{Lang, L};
use crate::ingest::{Ingested, Notice};
use crate::matching::ReviewPair;
use crate::model::{Action, Field, Finding, Rule, Severity};
use crate::normalize::Norm;
use anyhow::Result;
use rust_xlsxwriter::Workbook;
use std::path::Path;

pub const SHEET_SUMMARY: L = L("Tóm tắt", "Summary");
pub const SHEET_CHANGES: L = L("Thay đổi", "Changes");
pub const SHEET_CHECK: L = L("Cần kiểm tra", "To check");
pub const SHEET_MERGES: L = L("Gộp", "Merges");
pub const SHEET_REVIEW: L = L("Cần xem xét trùng", "Possible duplicates");
pub const SHEET_REQUESTS: L = L("Yêu cầu", "Requests");
pub const SHEET_RETENTION: L = L("Lưu trữ", "Retention");
pub const SHEET_ERASE: L = L("Cần xóa khỏi tệp", "To erase from files");
pub const SHEET_SKIPPED: L = L("Bỏ qua", "Skipped");
pub const MERGE_YES: L = L("Gộp", "Merge");
pub const MERGE_NO: L = L("Không gộp", "Keep apart");
pub const COL_DECISION: L = L("Quyết định", "Decision");
pub const COL_KEY_A: L = L("Khóa A", "Key A");
pub const COL_KEY_B: L = L("Khóa B", "Key B");

pub fn rule_label(rule: Rule, lang: Lang) -> &'static str {
    let l = match rule {
        Rule::LegacyFontConverted => L(
            "Chuyển từ phông cũ (TCVN3/VNI) sang Unicode",
            "Legacy font (TCVN3/VNI) converted to Unicode",
        ),
        Rule::NameCased => L(
            "Viết hoa tên theo tiếng Việt",
            "Vietnamese name capitalisation",
        ),
        Rule::HonorificSplit => L("Tách danh xưng (Anh/Chị/Ông/Bà…)", "Honorific split off"),
        Rule::LegalFormExpanded => L(
            "Viết đầy đủ loại hình doanh nghiệp",
            "Legal form written out",
        ),
        Rule::PhoneFormatted => L("Chuẩn hóa số điện thoại", "Phone number formatted"),
        Rule::PhoneMobileRenumbered => L(
            "Đổi đầu số di động 11 số (2018)",
            "11-digit mobile renumbered (2018)",
        ),
        Rule::PhoneLandlineRenumbered => L(
            "Đổi mã vùng điện thoại bàn (2017)",
            "Landline area code changed (2017)",
        ),
        Rule::PhoneLeadingZero => L(
            "Thêm số 0 đầu bị Excel mất",
            "Leading zero lost by Excel restored",
        ),
        Rule::PhoneInvalid => L(
            "Số điện thoại không hợp lệ (giữ nguyên)",
            "Not a valid Vietnamese number (kept as typed)",
        ),
        Rule::PhoneMaybeOldLandline => L(
            "Có thể là số máy bàn cũ, không phải di động",
            "May be an old landline, not a mobile",
        ),
        Rule::EmailLowercased => L(
            "Chuẩn hóa email (chữ thường, tách nhiều email)",
            "Email normalised (lower case, split)",
        ),
        Rule::EmailInvalid => L("Email sai cú pháp", "Invalid email syntax"),
        Rule::EmailTypo => L(
            "Tên miền email có thể gõ nhầm",
            "Email domain may be a typo",
        ),
        Rule::TaxFormatted => L("Chuẩn hóa MST", "Tax code formatted"),
        Rule::TaxLeadingZero => L(
            "Thêm số 0 đầu MST bị Excel mất",
            "Tax code leading zero restored",
        ),
        Rule::TaxBadCheckDigit => L("MST sai số kiểm tra", "Tax code check digit fails"),
        Rule::TaxBadLength => L(
            "MST sai độ dài / ký tự",
            "Tax code has the wrong length or characters",
        ),
        Rule::AddressExpanded => L(
            "Viết đầy đủ địa chỉ (Q. → Quận…)",
            "Address abbreviations expanded",
        ),
        Rule::DateInvalid => L("Ngày không hợp lệ", "Invalid date"),
        Rule::AmountInvalid => L("Số tiền không đọc được", "Amount not readable"),
        Rule::NameMissing => L("Thiếu tên khách hàng", "Customer name missing"),
        Rule::DeliverySameAsAddress => L(
            "Giao hàng «như trên»: ghi rõ địa chỉ liên hệ",
            "Delivery \"as above\": the contact address written out",
        ),
        Rule::EmailNotDeliverable => L(
            "Tên miền email không nhận thư được (.test, .local, localhost…)",
            "Email domain that cannot receive mail (.test, .local, localhost…)",
        ),
        Rule::CustomerIdUnknown => L(
            "Mã KH không do sokhach cấp (không có trong trạng thái): dòng được so khớp như dòng mới",
            "Customer ID the state never gave: the row is matched like a new one",
        ),
        Rule::EditedInBook => L(
            "Người dùng đã sửa trong sổ (thông tin mới nhất, được ưu tiên)",
            "Edited by a person in the book (newest information, it wins)",
        ),
    };
    l.t(lang)
}

pub fn field_label(f: Field, lang: Lang) -> &'static str {
    let l = match f {
        Field::Name => L("Tên", "Name"),
        Field::Contact => L("Người liên hệ", "Contact"),
        Field::Phone => L("Điện thoại", "Phone"),
        Field::Email => L("Email", "Email"),
        Field::Address => L("Địa chỉ", "Address"),
        Field::Delivery => L("Địa chỉ giao hàng", "Delivery address"),
        Field::TaxCode => L("MST", "Tax code"),
        Field::Date => L("Ngày", "Date"),
        Field::Amount => L("Số tiền", "Amount"),
        Field::CustomerId => L("Mã KH", "Customer ID"),
    };
    l.t(lang)
}

pub fn action_label(a: Action, lang: Lang) -> &'static str {
    let l = match a {
        Action::Kept => L("Giữ (khách hàng mới/đầu tiên)", "Kept"),
        Action::Merged => L("Gộp vào khách hàng khác", "Merged"),
        Action::Deleted => L("Đã xóa theo yêu cầu", "Deleted on request"),
        Action::Expired => L(
            "Bỏ khỏi sổ vì lâu không giao dịch",
            "Out of the book (inactive)",
        ),
        Action::Suppressed => L("Bị chặn (đã xóa trước đây)", "Suppressed (deleted before)"),
        Action::Skipped => L("Bỏ qua", "Skipped"),
    };
    l.t(lang)
}

pub struct ReportInput<'a> {
    pub lang: Lang,
    pub ing: &'a Ingested,
    pub norms: &'a [Norm],
    pub findings: &'a [Finding],
    pub review: &'a [ReviewPair],
    pub review_keys: &'a [(String, String)],
    pub lineage: &'a [LineageLine],
    pub counts: &'a Counts,
    pub timings: &'a Timings,
    pub policy_lines: &'a [(String, String)],
    pub customers: &'a [crate::merge::Customer],
    pub applied: &'a crate::policy::Applied,
    pub today: chrono::NaiveDate,
    /// Every `clean` run the state remembers, oldest first, this one last: (when, the run's
    /// audit record — as-of date, counts, requests, returned customers).
    pub history: &'a [(String, serde_json::Value)],
}

pub fn write(path: &Path, r: &ReportInput<'_>) -> Result<super::Staged> {
    let mut wb = super::xlsx::workbook();
    let fmt = Formats::new();
    summary(&mut wb, &fmt, r)?;
    findings_sheet(&mut wb, &fmt, r, Severity::Changed)?;
    findings_sheet(&mut wb, &fmt, r, Severity::Check)?;
    merges(&mut wb, &fmt, r)?;
    review(&mut wb, &fmt, r)?;
    requests(&mut wb, &fmt, r)?;
    retention(&mut wb, &fmt, r)?;
    to_erase(&mut wb, &fmt, r)?;
    skipped(&mut wb, &fmt, r)?;
    save_staged(&mut wb, path)
}

fn summary(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let c = r.counts;
    let mut sw = SheetWriter::new(
        wb,
        SHEET_SUMMARY.t(lang),
        &[L("Mục", "Item").t(lang), L("Giá trị", "Value").t(lang)],
        fmt,
    )?;
    let lines: Vec<(L, u64)> = vec![
        (L("Tệp đã đọc", "Files read"), c.files as u64),
        (
            L(
                "Bảng (trang/tệp CSV) đã đọc",
                "Tables (sheets/CSV files) read",
            ),
            c.tables as u64,
        ),
        (L("Dòng dữ liệu đã đọc", "Data rows read"), c.rows_read),
        (
            L("  giữ (mở đầu một khách hàng)", "  kept (start a customer)"),
            c.kept,
        ),
        (
            L(
                "  gộp vào khách hàng khác",
                "  merged into another row's customer",
            ),
            c.merged,
        ),
        (L("  xóa theo yêu cầu", "  deleted on request"), c.deleted),
        (
            L(
                "  bỏ khỏi sổ vì lâu không giao dịch",
                "  out of the book (inactive)",
            ),
            c.expired,
        ),
        (
            L(
                "  bị chặn (đã xóa trước đây)",
                "  suppressed (deleted before)",
            ),
            c.suppressed,
        ),
        (
            L(
                "  bỏ qua (dòng trống, dòng tổng…)",
                "  skipped (blank, totals…)",
            ),
            c.skipped,
        ),
        (
            L("Khách hàng sau khi gộp", "Customers after deduplication"),
            c.customers,
        ),
        (
            L("Giá trị đã chuẩn hóa", "Values normalised"),
            c.values_changed,
        ),
        (
            L("Giá trị cần kiểm tra", "Values to check"),
            c.values_to_check,
        ),
        (
            L(
                "Cặp cần xem xét trùng",
                "Possible duplicate pairs to review",
            ),
            c.review_pairs,
        ),
        (
            L("Tệp bị bỏ qua (--skip-bad)", "Files skipped (--skip-bad)"),
            c.files_skipped,
        ),
    ];
    for (label, v) in lines {
        sw.row(&[V::from(label.t(lang)), V::I(v as i64)])?;
    }
    let balance = if c.balanced() {
        L(
            "Khớp: đọc = giữ + gộp + xóa + hết hạn + chặn + bỏ qua",
            "Balanced: read = kept + merged + deleted + expired + suppressed + skipped",
        )
    } else {
        L(
            "KHÔNG KHỚP — hãy báo lỗi",
            "NOT BALANCED — please report a bug",
        )
    };
    sw.row(&[
        V::from(L("Cân đối", "Balance").t(lang)),
        V::from(balance.t(lang)),
    ])?;
    sw.row(&[V::Empty, V::Empty])?;
    for f in &r.ing.files {
        sw.row(&[
            V::from(format!("{}: {}", L("Tệp", "File").t(lang), f.display)),
            V::from(format!("blake3 {}", &f.hash[..16])),
        ])?;
    }
    for s in &r.ing.sources {
        // Every column: its role, "(theo giá trị)" when the cells decided it, and "không dùng"
        // for a column nothing reads (no column is left out silently).
        let by_values = L("theo giá trị", "from its values").t(lang);
        let unused = L("không dùng", "not used").t(lang);
        let roles: Vec<String> = s
            .columns
            .iter()
            .enumerate()
            .map(|(i, (h, role))| {
                let h = if h.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    h.clone()
                };
                match role {
                    Some(r) if s.inferred.iter().any(|c| c.column == i) => {
                        format!("{h}→{} ({by_values})", r.key())
                    }
                    Some(r) => format!("{h}→{}", r.key()),
                    None => format!("{h}→{unused}"),
                }
            })
            .collect();
        let where_ = match &s.sheet {
            Some(sh) => format!("{} › {}", s.file, sh),
            None => s.file.clone(),
        };
        sw.row(&[
            V::from(format!(
                "{where_} ({}, {} {}{})",
                s.format,
                L("tiêu đề ở dòng", "header at row").t(lang),
                s.header_row,
                s.encoding
                    .as_ref()
                    .map(|e| format!(", {e}"))
                    .unwrap_or_default()
            )),
            V::from(format!(
                "{} {}; {}",
                s.data_rows,
                L("dòng", "rows").t(lang),
                roles.join(", ")
            )),
        ])?;
    }
    sw.row(&[V::Empty, V::Empty])?;
    for (k, v) in r.policy_lines {
        sw.row(&[V::from(k.as_str()), V::from(v.as_str())])?;
    }
    for (stage, secs) in &r.timings.stages {
        sw.row(&[
            V::from(format!("{} {stage}", L("Thời gian", "Time").t(lang))),
            V::from(format!("{secs:.2} s")),
        ])?;
    }
    sw.finish()?;
    Ok(())
}

fn findings_sheet(
    wb: &mut Workbook,
    fmt: &Formats,
    r: &ReportInput<'_>,
    sev: Severity,
) -> Result<()> {
    let lang = r.lang;
    let (name, headers) = match sev {
        Severity::Changed => (
            SHEET_CHANGES,
            [
                L("Tệp", "File"),
                L("Trang", "Sheet"),
                L("Dòng", "Row"),
                L("Cột", "Column"),
                L("Giá trị cũ", "Old value"),
                L("Giá trị mới", "New value"),
                L("Quy tắc", "Rule"),
            ],
        ),
        Severity::Check => (
            SHEET_CHECK,
            [
                L("Tệp", "File"),
                L("Trang", "Sheet"),
                L("Dòng", "Row"),
                L("Cột", "Column"),
                L("Giá trị", "Value"),
                L("Gợi ý", "Suggestion"),
                L("Lý do", "Why"),
            ],
        ),
    };
    let headers: Vec<&str> = headers.iter().map(|l| l.t(lang)).collect();
    let mut sw = SheetWriter::new(wb, name.t(lang), &headers, fmt)?;
    let mut listed = 0usize;
    let mut more = 0usize;
    let places = Places::new(&r.ing.sources);
    for f in r.findings.iter().filter(|f| f.severity == sev) {
        if listed == super::changes::SHEET_LIST_MAX {
            more += 1;
            continue;
        }
        listed += 1;
        let raw = &r.ing.rows[f.row as usize];
        let s = &r.ing.sources[raw.source as usize];
        let (old, new) = crate::normalize::finding_values(f, raw, &r.norms[f.row as usize]);
        sw.row(&[
            V::from(places.file(raw.source)),
            V::from(s.sheet.as_deref().unwrap_or("")),
            V::I(raw.row as i64),
            V::from(field_label(f.field, lang)),
            V::from(old),
            V::from(new),
            V::from(rule_label(f.rule, lang)),
        ])?;
    }
    if more > 0 {
        let file = super::changes::FILE;
        sw.row(&[V::from(match lang {
            Lang::Vi => format!("… và {more} dòng nữa: danh sách đầy đủ ở tệp {file} bên cạnh."),
            Lang::En => format!("… and {more} more: the full list is in {file} alongside."),
        })])?;
    }
    sw.finish()?;
    Ok(())
}

fn merges(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let headers: Vec<&str> = [
        L("Mã KH", "Customer ID"),
        L("Tệp", "File"),
        L("Trang", "Sheet"),
        L("Dòng", "Row"),
        L("Tên trên dòng này", "Name on this row"),
        L("Lý do", "Why"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let mut sw = SheetWriter::new(wb, SHEET_MERGES.t(lang), &headers, fmt)?;
    let places = Places::new(&r.ing.sources);
    let mut merged = r.lineage.iter().filter(|l| l.action == Action::Merged);
    for l in merged.by_ref().take(super::changes::SHEET_LIST_MAX) {
        sw.row(&[
            V::from(&*l.customer_id),
            V::from(places.file(l.src)),
            V::from(&*l.sheet),
            l.row.map(|x| V::I(x as i64)).unwrap_or(V::Empty),
            l.idx
                .map(|i| V::from(r.norms[i as usize].name.as_str()))
                .unwrap_or(V::Empty),
            V::from(&*l.reason),
        ])?;
    }
    let more = merged.count();
    if more > 0 {
        sw.row(&[V::from(match lang {
            Lang::Vi => format!(
                "… và {more} dòng gộp nữa: danh sách đầy đủ ở tệp {} bên cạnh (cột action = merged).",
                super::lineage::FILE
            ),
            Lang::En => format!(
                "… and {more} more merged rows: the full list is in {} alongside (action = merged).",
                super::lineage::FILE
            ),
        })])?;
    }
    sw.finish()?;
    Ok(())
}

fn review(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let side = |x: &str| -> [String; 6] {
        [
            format!("{} {x}", L("Nơi", "Where").t(lang)),
            format!("{} {x}", L("Tên", "Name").t(lang)),
            format!("{} {x}", L("Điện thoại", "Phone").t(lang)),
            format!("{} {x}", L("Email", "Email").t(lang)),
            format!("{} {x}", L("Địa chỉ", "Address").t(lang)),
            format!("{} {x}", L("MST", "Tax code").t(lang)),
        ]
    };
    let mut headers: Vec<String> = Vec::new();
    headers.extend(side("A"));
    headers.extend(side("B"));
    headers.push(L("Điểm", "Score").t(lang).into());
    headers.push(L("Bằng chứng", "Evidence").t(lang).into());
    headers.push(COL_DECISION.t(lang).into());
    headers.push(COL_KEY_A.t(lang).into());
    headers.push(COL_KEY_B.t(lang).into());
    let hrefs: Vec<&str> = headers.iter().map(|s| s.as_str()).collect();
    let mut sw = SheetWriter::new(wb, SHEET_REVIEW.t(lang), &hrefs, fmt)?;
    let places = Places::new(&r.ing.sources);
    let cells = |i: u32| -> Vec<V<'static>> {
        let n = &r.norms[i as usize];
        let raw = &r.ing.rows[i as usize];
        vec![
            V::from(places.of(raw)),
            V::from(n.name.to_string()),
            V::from(
                n.phones
                    .iter()
                    .map(|p| p.national.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            V::from(n.emails.join("; ")),
            V::from(n.address.to_string()),
            V::from(
                n.tax
                    .as_ref()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
            ),
        ]
    };
    for (p, (ka, kb)) in r.review.iter().zip(r.review_keys) {
        let mut row = cells(p.a);
        row.extend(cells(p.b));
        row.push(V::F((p.evidence.score as f64 * 10.0).round() / 10.0));
        row.push(V::from(p.evidence.reasons(lang)));
        row.push(V::Empty);
        row.push(V::from(ka.clone()));
        row.push(V::from(kb.clone()));
        sw.row(&row)?;
    }
    sw.dropdown(14, &[MERGE_YES.t(lang), MERGE_NO.t(lang)])?;
    sw.hide_column(15)?;
    sw.hide_column(16)?;
    sw.finish()?;
    Ok(())
}

fn skipped(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let headers: Vec<&str> = [
        L("Tệp", "File"),
        L("Trang", "Sheet"),
        L("Dòng", "Row"),
        L("Lý do", "Why"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let mut sw = SheetWriter::new(wb, SHEET_SKIPPED.t(lang), &headers, fmt)?;
    for l in r.lineage.iter().filter(|l| l.action == Action::Skipped) {
        sw.row(&[
            V::from(&*l.file),
            V::from(&*l.sheet),
            l.row.map(|x| V::I(x as i64)).unwrap_or(V::Empty),
            V::from(&*l.reason),
        ])?;
    }
    for n in &r.ing.notices {
        let (file, sheet, why) = match n {
            Notice::LockFileSkipped(f) => (
                f.as_str(),
                "",
                L(
                    "Tệp khóa của Excel (~$…), bỏ qua",
                    "Excel lock file (~$…), ignored",
                ),
            ),
            Notice::NotALedger { file, sheet } => (
                file.as_str(),
                sheet.as_deref().unwrap_or(""),
                L(
                    "Không phải danh sách khách hàng (không có cột tên/ĐT/email/MST)",
                    "Not a customer ledger (no name/phone/email/tax column)",
                ),
            ),
            Notice::Link(f) => (
                f.as_str(),
                "",
                L(
                    "Liên kết thư mục hoặc tệp trùng, bỏ qua",
                    "Folder link or repeated file, ignored",
                ),
            ),
            Notice::OutputFolder(f) => (
                f.as_str(),
                "",
                L(
                    "Thư mục kết quả của một lần chạy trước, không đọc",
                    "Output folder of an earlier run, not read",
                ),
            ),
        };
        sw.row(&[
            V::from(file),
            V::from(sheet),
            V::Empty,
            V::from(why.t(lang)),
        ])?;
    }
    sw.finish()?;
    Ok(())
}

fn requests(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    use crate::policy::RequestStatus;
    let lang = r.lang;
    let headers: Vec<&str> = [
        L("Dòng trong sổ yêu cầu", "Row in requests book"),
        L("Ngày nhận", "Received"),
        L("Loại", "Kind"),
        L("Khách hàng (che)", "Customer (masked)"),
        L("Kết quả", "Outcome"),
        L("Ngày thực hiện", "Carried out"),
        L("Cảnh báo hạn", "Deadline warning"),
        L("Giá trị cũ → mới", "Old → new value"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let mut sw = SheetWriter::new(wb, SHEET_REQUESTS.t(lang), &headers, fmt)?;
    for o in &r.applied.requests {
        let who = o
            .request
            .as_ref()
            .map(|q| {
                let parts = [
                    q.customer_id.clone(),
                    crate::policy::mask(&q.name),
                    crate::policy::mask(&q.phone),
                    crate::policy::mask(&q.email),
                ];
                parts
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .unwrap_or_default();
        let access = o
            .request
            .as_ref()
            .is_some_and(|q| q.kind == crate::policy::requests::Kind::Access);
        let outcome = match &o.status {
            RequestStatus::Applied { customer_id } if access && o.done_on.is_none() => format!(
                "{} {customer_id}: sokhach export-subject {customer_id} --out FILE.xlsx",
                L(
                    "Chờ xuất bản sao dữ liệu cho",
                    "Waiting for the copy of the data of"
                )
                .t(lang)
            ),
            RequestStatus::Applied { customer_id } => format!(
                "{} {customer_id}",
                L("Đã thực hiện cho", "Applied to").t(lang)
            ),
            RequestStatus::AlreadyDeleted => {
                L("Đã xóa trước đây", "Already deleted").t(lang).to_string()
            }
            RequestStatus::NotFound => L(
                "KHÔNG tìm thấy khách hàng — cần người xem",
                "No customer matches — needs a person",
            )
            .t(lang)
            .to_string(),
            RequestStatus::Ambiguous(n) => format!(
                "{} {n} {}",
                L("KHÔNG áp dụng: khớp", "NOT applied: matches").t(lang),
                L("khách hàng — cần người xem", "customers — needs a person").t(lang)
            ),
            RequestStatus::Invalid(why) => {
                format!("{}: {why}", L("Dòng không hợp lệ", "Invalid line").t(lang))
            }
        };
        let warn = if o.overdue {
            L("QUÁ HẠN, chưa thực hiện", "OVERDUE, not carried out")
        } else if o.late {
            L("Thực hiện trễ hạn", "Carried out late")
        } else {
            L("", "")
        };
        sw.row(&[
            V::I(o.row as i64),
            V::from(o.request.as_ref().and_then(|q| q.received)),
            V::from(o.request.as_ref().map(|q| q.kind.label(lang)).unwrap_or("")),
            V::from(who),
            V::from(outcome),
            V::from(o.done_on.clone().unwrap_or_default()),
            V::from(warn.t(lang)),
            V::from(
                o.change
                    .as_ref()
                    .map(|(a, b)| format!("{a} → {b}"))
                    .unwrap_or_default(),
            ),
        ])?;
    }
    sw.finish()?;
    Ok(())
}

/// Every input location still holding a deleted person's rows (the inputs are never modified):
/// where the clerk must erase them, or where `clean --redact` left redacted copies.
fn to_erase(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let headers: Vec<&str> = [
        L("Mã KH", "Customer ID"),
        L("Khách hàng (che)", "Customer (masked)"),
        L("Tệp", "File"),
        L("Sheet", "Sheet"),
        L("Dòng", "Row"),
        L("Lý do", "Reason"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let mut sw = SheetWriter::new(wb, SHEET_ERASE.t(lang), &headers, fmt)?;
    let places = super::book::Places::new(&r.ing.sources);
    for (i, f) in r.applied.fate.iter().enumerate() {
        let Some((act @ (Action::Deleted | Action::Suppressed), why)) = f else {
            continue;
        };
        let c = &r.customers[i];
        for &row in &c.rows {
            let raw = &r.ing.rows[row as usize];
            let src = &r.ing.sources[raw.source as usize];
            sw.row(&[
                V::from(c.id.as_str()),
                V::from(r.applied.masked.get(&i).cloned().unwrap_or_default()),
                V::from(places.file(raw.source)),
                V::from(src.sheet.as_deref().unwrap_or("")),
                V::I(raw.row as i64),
                V::from(format!("{}: {why}", action_label(*act, lang))),
            ])?;
        }
    }
    sw.finish()?;
    Ok(())
}

fn retention(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let headers: Vec<&str> = [
        L("Mã KH", "Customer ID"),
        L("Khách hàng", "Customer"),
        L("Giao dịch cuối", "Last activity"),
        L("Tình trạng", "Status"),
        L("Ngày sẽ xóa", "Removal date"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect();
    let mut sw = SheetWriter::new(wb, SHEET_RETENTION.t(lang), &headers, fmt)?;
    // Like the other lists, the sheet holds the first SHEET_LIST_MAX; a ten-year book flags
    // most of its customers as inactive, and a list of hundreds of thousands is not read here.
    let mut room = super::changes::SHEET_LIST_MAX;
    let (mut more_removed, mut more_flagged) = (0usize, 0usize);
    for (i, f) in r.applied.fate.iter().enumerate() {
        let Some((act, why)) = f else { continue };
        if room == 0 {
            more_removed += 1;
            continue;
        }
        room -= 1;
        let c = &r.customers[i];
        sw.row(&[
            V::from(c.id.as_str()),
            V::from(r.applied.masked.get(&i).cloned().unwrap_or_default()),
            V::from(c.last_activity),
            V::from(format!("{}: {why}", action_label(*act, lang))),
            V::Empty,
        ])?;
    }
    for (i, removal) in &r.applied.flagged {
        if room == 0 {
            more_flagged += 1;
            continue;
        }
        room -= 1;
        let c = &r.customers[*i];
        // A policy that never removes shows no removal dates.
        let status = match removal {
            Some(_) => L(
                "Lâu không giao dịch: sẽ bỏ khỏi sổ vào ngày bên",
                "Inactive: will be taken out of the book on the date shown",
            ),
            None => L(
                "Lâu không giao dịch (chỉ đánh dấu, không bỏ)",
                "Inactive (flagged only, not removed)",
            ),
        };
        sw.row(&[
            V::from(c.id.as_str()),
            V::from(c.name.as_str()),
            V::from(c.last_activity),
            V::from(status.t(lang)),
            V::from(*removal),
        ])?;
    }
    for &i in &r.applied.returned {
        if room == 0 {
            break;
        }
        room -= 1;
        let c = &r.customers[i];
        sw.row(&[
            V::from(c.id.as_str()),
            V::from(c.name.as_str()),
            V::from(c.last_activity),
            V::from(
                L(
                    "Quay lại: giao dịch mới sau thời gian bị bỏ khỏi sổ vì lâu không giao dịch",
                    "Returned: new activity after being out of the book for inactivity",
                )
                .t(lang),
            ),
            V::Empty,
        ])?;
    }
    if more_removed > 0 {
        sw.row(&[V::from(match lang {
            Lang::Vi => format!(
                "… và {more_removed} khách đã xóa/hết hạn nữa: các dòng của họ có trong tệp {} bên cạnh.",
                super::lineage::FILE
            ),
            Lang::En => format!(
                "… and {more_removed} more removed customers: their rows are in {} alongside.",
                super::lineage::FILE
            ),
        })])?;
    }
    if more_flagged > 0 {
        let col = L("Giao dịch cuối", "Last activity").t(lang);
        sw.row(&[V::from(match lang {
            Lang::Vi => format!(
                "… và {more_flagged} khách lâu không giao dịch nữa: lọc cột \"{col}\" trong tệp {}.",
                super::book::FILE
            ),
            Lang::En => format!(
                "… and {more_flagged} more customers nearing the end of retention: filter the \"{col}\" column of {}.",
                super::book::FILE
            ),
        })])?;
    }
    sw.row(&[
        V::Empty,
        V::from(format!(
            "{}: {}; {}: {}",
            L(
                "Khách không có ngày giao dịch (không bao giờ tự xóa)",
                "Customers without any date (never removed automatically)"
            )
            .t(lang),
            r.applied.no_date,
            L("giữ lại theo ghi chú/yêu cầu", "kept by note/request").t(lang),
            r.applied.kept_by_rule
        )),
    ])?;
    sw.finish()?;
    Ok(())
}
