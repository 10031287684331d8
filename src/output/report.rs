//! `bao-cao-thay-doi.xlsx`: the change report staff read after each run — a summary whose
//! counts balance, then one sheet per kind of change, each row naming file, sheet, row, the
//! old value, the new value and the rule.

use super::book::Places;
use super::xlsx::{save_staged, Formats, SheetWriter, V};
use super::{Counts, Lineage, Timings};
use crate::i18n::{pick, Lang, L};
use crate::ingest::{Ingested, Notice};
use crate::matching::ReviewPair;
use crate::model::{Action, Field, Finding, Rule, Severity};
use crate::normalize::Norm;
use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartLegendPosition, ChartMarker, Color,
    ConditionalFormatFormula, Format, Workbook,
};
use std::path::Path;

pub const SHEET_SUMMARY: L = L("Tóm tắt", "Summary");
pub const SHEET_CHANGES: L = L("Thay đổi", "Changes");
pub const SHEET_CHECK: L = L("Cần kiểm tra", "To check");
pub const SHEET_MERGES: L = L("Gộp", "Merges");
pub const SHEET_REVIEW: L = L("Cần xem xét trùng", "Possible duplicates");
pub const SHEET_REQUESTS: L = L("Yêu cầu", "Requests");
pub const SHEET_RETENTION: L = L("Lưu trữ", "Retention");
pub const SHEET_ERASE: L = L("Cần xóa khỏi tệp", "To erase from files");
pub const SHEET_WEEKS: L = L("Theo tuần", "By week");
pub const SHEET_SKIPPED: L = L("Bỏ qua", "Skipped");
pub const MERGE_YES: L = L("Gộp", "Merge");
pub const MERGE_NO: L = L("Không gộp", "Keep apart");

/// A decision typed in the review sheet's column: `Some(true)` to merge, `Some(false)` to keep
/// apart, `None` for anything else (left undecided). Beside the drop-down's «Gộp» and «Không
/// gộp», what a clerk types instead: «có»/«không», «trùng»/«khác người», «x», «đúng»/«sai».
pub fn read_decision(cell: &str) -> Option<bool> {
    let d = crate::normalize::text::fold_key(cell);
    match d.as_str() {
        "gop" | "gop lai" | "merge" | "co" | "yes" | "y" | "x" | "ok" | "dong y" | "dung"
        | "trung" | "la trung" | "bi trung" | "cung nguoi" | "cung 1 nguoi" | "cung mot nguoi"
        | "mot nguoi" | "1 nguoi" | "cung khach" | "same" | "1" => Some(true),
        "khong gop" | "keep apart" | "khong" | "ko" | "k" | "no" | "n" | "sai" | "khac"
        | "khac nguoi" | "khac nhau" | "khac khach" | "khong trung" | "khong phai"
        | "hai nguoi" | "2 nguoi" | "giu rieng" | "tach" | "tach rieng" | "rieng" | "different"
        | "0" => Some(false),
        _ => None,
    }
}
pub const COL_DECISION: L = L("Quyết định", "Decision");
pub const COL_KEY_A: L = L("Khóa A", "Key A");
pub const COL_KEY_B: L = L("Khóa B", "Key B");

pub fn rule_label(rule: Rule, lang: Lang) -> &'static str {
    let l = match rule {
        Rule::NameCased
        | Rule::HonorificSplit
        | Rule::NameNoteMoved
        | Rule::NameContactMoved
        | Rule::NamePhoneEmailMoved
        | Rule::TradeWordsExpanded
        | Rule::LegalFormExpanded
        | Rule::NameMissing
        | Rule::NamePlaceholder => name_rule_label(rule),
        Rule::PhoneFormatted
        | Rule::PhoneMobileRenumbered
        | Rule::PhoneLandlineRenumbered
        | Rule::PhoneOldAreaCodeUnconfirmed
        | Rule::PhoneLeadingZero
        | Rule::PhoneInvalid
        | Rule::PhoneAreaCodeAdded
        | Rule::PhoneWords
        | Rule::PhoneMaybeOldLandline => phone_rule_label(rule),
        Rule::LegacyFontConverted => L(
            "Chuyển từ phông cũ (TCVN3/VNI) sang Unicode",
            "Legacy font (TCVN3/VNI) converted to Unicode",
        ),
        Rule::DateMonthFirst => L(
            "Ngày ghi kiểu tháng/ngày/năm (cả tệp ghi như vậy: có ngày thứ hai lớn hơn 12): đọc theo tháng trước",
            "Date written month/day/year (the whole file writes them so: some have a second field over 12): read month first",
        ),
        Rule::EmailWords => L(
            "Ô email có chữ ghi kèm (của ai): chép cả ô sang Ghi chú",
            "Words beside the email address (whose address): the cell kept in the notes",
        ),
        Rule::AddressPhoneEmailMoved => L(
            "SĐT/email ghi trong ô địa chỉ: chuyển sang cột của nó",
            "Phone/email typed in the address cell: moved to its column",
        ),
        Rule::NumberAsExponent => L(
            "Excel đã ghi số ở dạng số mũ (9,12E+08) khi lưu CSV: mất chữ số, không khôi phục được — lấy số từ tệp Excel gốc (chép sang Ghi chú)",
            "Excel wrote the number in scientific form (9.12E+08) when saving the CSV: digits are lost — take the number from the original Excel file (kept in the notes)",
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
        Rule::TaxFormatted
        | Rule::TaxLeadingZero
        | Rule::TaxBadCheckDigit
        | Rule::TaxTwoZerosLost
        | Rule::TaxBadLength
        | Rule::TaxWords => tax_rule_label(rule),
        Rule::AddressCased => L(
            "Viết hoa địa chỉ gõ toàn chữ hoa hoặc chữ thường",
            "Address typed in one case capitalised",
        ),
        Rule::AddressExpanded => L(
            "Viết đầy đủ địa chỉ (Q. → Quận…)",
            "Address abbreviations expanded",
        ),
        Rule::AddressProvinceConflict => L(
            "Tỉnh/thành ghi trong địa chỉ khác tỉnh của quận/huyện/phường/xã (tỉnh đó ở cột gợi ý)",
            "The province written differs from the province of the district or ward (given as the suggestion)",
        ),
        Rule::DateInvalid => L("Ngày không hợp lệ", "Invalid date"),
        Rule::DateAfterRun => L(
            "Ngày giao dịch sau ngày chạy: có thể gõ nhầm năm",
            "Dealing dated after the run's day: a year typed wrong?",
        ),
        Rule::AmountInvalid => L("Số tiền không đọc được", "Amount not readable"),
        Rule::AmountRounded => L(
            "Số tiền có phần lẻ của đồng, làm tròn đến đồng",
            "Amount with a part of a đồng, rounded to the đồng",
        ),
        Rule::NoteRefusesMarketing
        | Rule::NoteAsksDeletion
        | Rule::NoteDeceased
        | Rule::NoteClosed => {
            note_rule_label(rule)
        }
        Rule::CellAtLimit => L(
            "Ô dài đến giới hạn 32.767 ký tự của Excel: phần sau có thể đã bị cắt (tệp gốc còn đủ)",
            "Cell as long as Excel's limit of 32,767 characters: the rest may have been cut (the input keeps it whole)",
        ),
        Rule::DeliverySameAsAddress => L(
            "Giao hàng «như trên»: ghi rõ địa chỉ liên hệ",
            "Delivery \"as above\": the contact address written out",
        ),
        Rule::EmailNotDeliverable => L(
            "Tên miền email không nhận thư được (.test, .local, localhost…)",
            "Email domain that cannot receive mail (.test, .local, localhost…)",
        ),
        Rule::CustomerIdOtherTaxpayer | Rule::CustomerIdCopied | Rule::CustomerIdUnknown => {
            id_rule_label(rule)
        }
        Rule::NameAddressSwapped => L(
            "Tên và địa chỉ gõ nhầm cột: ô tên chứa địa chỉ, đã chuyển sang cột Địa chỉ (tên lấy từ ô địa chỉ)",
            "Name and address typed in each other's columns: the address in the name cell moved to the Address column (the name taken from the address cell)",
        ),
        Rule::StruckCellNoted | Rule::StruckInvoiceLine | Rule::StruckInBook => {
            struck_rule_label(rule)
        }
        Rule::EditedInBook => L(
            "Người dùng đã sửa trong sổ (thông tin mới nhất, được ưu tiên)",
            "Edited by a person in the book (newest information, it wins)",
        ),
    };
    l.t(lang)
}

/// The labels of what a clerk struck through ([`crate::ingest::guard::SheetScan`]).
fn struck_rule_label(rule: Rule) -> L {
    match rule {
        Rule::StruckCellNoted => L(
            "Chữ bị gạch ngang trong sổ (ô điện thoại / email / địa chỉ cũ, hay phần bị gạch trong một ô): chép sang Ghi chú, không dùng",
            "Text struck through in the input (an old phone / email / address cell, or the struck part of a cell): kept in the notes, not used",
        ),
        Rule::StruckInvoiceLine => L(
            "Dòng bảng kê bị gạch ngang: vẫn tính doanh thu như bảng kê ghi. Hóa đơn đã hủy: ghi «Đã hủy» vào cột trạng thái của bảng kê",
            "Invoice line struck through in the listing: counted as the listing gives it. A cancelled invoice: write «Đã hủy» in the listing's status column",
        ),
        _ => L(
            "Dòng bị gạch ngang trong sổ gốc: vẫn đọc như thường. Khách đã nghỉ hay cần xóa: ghi vào sổ yêu cầu; dòng trùng: không cần làm gì",
            "Row struck through in the input workbook: read as usual. A customer who left or is to be deleted: the requests book; a duplicate row: nothing to do",
        ),
    }
}

/// The rules of what a note says ([`crate::normalize::notes`]).
fn note_rule_label(rule: Rule) -> L {
    match rule {
        Rule::NoteRefusesMarketing => L(
            "Ghi chú nói khách không nhận quảng cáo: đánh dấu Ngừng quảng cáo",
            "The notes say the customer refuses marketing: marked No marketing",
        ),
        Rule::NoteAsksDeletion => L(
            "Ghi chú nói khách yêu cầu xóa dữ liệu: chưa xóa (cần ghi vào sổ yêu cầu, loại Xóa, với ngày nhận); không gửi quảng cáo",
            "The notes say the customer asked for deletion: not deleted yet (record it in the requests book, kind Delete, with the day received); no marketing",
        ),
        Rule::NoteClosed => L(
            "Ghi chú nói doanh nghiệp đã giải thể / ngừng hoạt động: không gửi quảng cáo; xem lại khách này (hóa đơn cũ vẫn giữ)",
            "The notes say the business has closed (dissolved, stopped operating): no marketing; look at this customer (old invoices are kept)",
        ),
        _ => L(
            "Ghi chú nói khách đã mất: không gửi quảng cáo; xem lại khách này",
            "The notes say the customer has died: no marketing; look at this customer",
        ),
    }
}

/// The phone rules' labels (see [`rule_label`]).
fn phone_rule_label(rule: Rule) -> L {
    match rule {
        Rule::PhoneFormatted => L("Chuẩn hóa số điện thoại", "Phone number formatted"),
        Rule::PhoneMobileRenumbered => L(
            "Đổi đầu số di động 11 số (2018)",
            "11-digit mobile renumbered (2018)",
        ),
        Rule::PhoneLandlineRenumbered => L(
            "Đổi mã vùng điện thoại bàn (2017)",
            "Landline area code changed (2017)",
        ),
        Rule::PhoneOldAreaCodeUnconfirmed => L(
            "Đổi mã vùng cũ (2017) nhưng dòng không xác nhận tỉnh của mã: có thể là số mới gõ sai",
            "Old area code converted (2017), but nothing on the row confirms its province: may be a mistyped current number",
        ),
        Rule::PhoneLeadingZero => L(
            "Thêm số 0 đầu bị Excel mất",
            "Leading zero lost by Excel restored",
        ),
        Rule::PhoneInvalid => L(
            "Số điện thoại không hợp lệ (chép sang Ghi chú)",
            "Not a valid Vietnamese number (kept in the notes)",
        ),
        Rule::PhoneAreaCodeAdded => L(
            "Số máy bàn gõ thiếu mã vùng: đã thêm mã vùng của tỉnh trên dòng (có thể là số di động gõ thiếu số)",
            "Landline typed without its area code: the code of the row's province added (it may be a mobile missing digits)",
        ),
        Rule::PhoneWords => L(
            "Ô điện thoại có chữ ghi kèm (của ai, gọi khi nào): chép cả ô sang Ghi chú",
            "Words beside the phone number (whose line, when to call): the cell kept in the notes",
        ),
        // Rule::PhoneMaybeOldLandline (no other rule is passed here).
        _ => L(
            "Có thể là số máy bàn cũ, không phải di động",
            "May be an old landline, not a mobile",
        ),
    }
}

/// The name rules' labels (see [`rule_label`]).
fn name_rule_label(rule: Rule) -> L {
    match rule {
        Rule::NameCased => L(
            "Viết hoa tên theo tiếng Việt",
            "Vietnamese name capitalisation",
        ),
        Rule::HonorificSplit => L("Tách danh xưng (Anh/Chị/Ông/Bà…)", "Honorific split off"),
        Rule::NameNoteMoved => L(
            "Ghi chú gõ sau tên chuyển sang cột Ghi chú",
            "Note typed after the name moved to the notes",
        ),
        Rule::NameContactMoved => L(
            "Người liên hệ gõ cùng tên tổ chức chuyển sang cột Người liên hệ",
            "Contact person typed with the organisation's name moved to the contact column",
        ),
        Rule::NamePhoneEmailMoved => L(
            "Số điện thoại / email gõ trong ô tên chuyển sang cột Điện thoại / Email",
            "Phone number or email typed in the name cell moved to the phone or email column",
        ),
        Rule::TradeWordsExpanded => L(
            "Viết đầy đủ chữ viết tắt ngành nghề (TM, DV, XD…)",
            "Business abbreviations written out (TM, DV, XD…)",
        ),
        Rule::LegalFormExpanded => L(
            "Viết đầy đủ loại hình doanh nghiệp",
            "Legal form written out",
        ),
        Rule::NameMissing => L("Thiếu tên khách hàng", "Customer name missing"),
        // Rule::NamePlaceholder (no other rule is passed here).
        _ => L(
            "Ô tên không ghi tên ai («-», «N/A», «Không có», «Khách lẻ»): để trống tên, chép sang Ghi chú",
            "The name cell names nobody («-», «N/A», «none», «walk-in»): name left empty, the text kept in the notes",
        ),
    }
}

/// The `Mã KH` rules' labels (see [`rule_label`]).
fn id_rule_label(rule: Rule) -> L {
    match rule {
        Rule::CustomerIdOtherTaxpayer => L(
            "Mã KH đã có ở dòng khác với MST khác (hai người nộp thuế): dòng không được gộp theo Mã KH, so khớp như dòng mới",
            "Customer ID already on a row with another tax code (two taxpayers): the row is not joined by the ID, it is matched like a new one",
        ),
        Rule::CustomerIdCopied => L(
            "Mã KH đã có ở dòng khác của sổ, nhưng dòng này không cùng tên, SĐT, email hay MST với khách đó (dòng chép để ghi khách mới, hay Mã KH gõ nhầm?): không gộp theo Mã KH, so khớp như dòng mới — sửa hoặc xóa Mã KH ở dòng này",
            "Customer ID already on another row of the book, but this row shares no name, phone, email or tax code with that customer (a row copied for a new customer, or the ID mistyped?): not joined by the ID, matched like a new one — correct or clear the ID on this row",
        ),
        // Rule::CustomerIdUnknown (no other rule is passed here).
        _ => L(
            "Mã KH không do sokhach cấp (không có trong trạng thái): dòng được so khớp như dòng mới",
            "Customer ID the state never gave: the row is matched like a new one",
        ),
    }
}

/// The tax-code rules' labels (see [`rule_label`]).
fn tax_rule_label(rule: Rule) -> L {
    match rule {
        Rule::TaxFormatted => L("Chuẩn hóa MST", "Tax code formatted"),
        Rule::TaxLeadingZero => L(
            "Thêm số 0 đầu MST bị Excel mất",
            "Tax code leading zero restored",
        ),
        Rule::TaxTwoZerosLost => L(
            "MST sai số kiểm tra — có thể là MST cá nhân (Hà Nội 001…) Excel mất hai số 0 đầu: đã chuyển vào Ghi chú, gợi ý bên cạnh",
            "Tax code check digit fails — may be a personal tax code (Hà Nội 001…) that lost two leading zeros in Excel: moved to Notes, suggestion beside it",
        ),
        Rule::TaxWords => L(
            "Ô MST có chữ ghi kèm (của ai?): chép cả ô sang Ghi chú, chưa lấy làm MST của khách — nếu đúng là MST của khách, xóa chữ ghi kèm",
            "Words beside the tax code (whose?): the cell kept in the notes, the code not taken as the customer's — if it is the customer's, delete the words",
        ),
        Rule::TaxBadLength => L(
            "MST sai độ dài / ký tự",
            "Tax code has the wrong length or characters",
        ),
        // Rule::TaxBadCheckDigit (no other rule is passed here).
        _ => L("MST sai số kiểm tra", "Tax code check digit fails"),
    }
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
        Field::Note => L("Ghi chú", "Notes"),
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
    pub lineage: &'a Lineage,
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
    let fmt = Formats::for_lang(r.lang);
    summary(&mut wb, &fmt, r)?;
    weeks(&mut wb, &fmt, r)?;
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
    let index = wb.worksheets().len();
    let mut sw = SheetWriter::new(
        wb,
        SHEET_SUMMARY.t(lang),
        &[L("Mục", "Item").t(lang), L("Giá trị", "Value").t(lang)],
        fmt,
    )?;
    // An input's line lists every column and its role: it wraps beside the charts' cells.
    sw.wrap(0, 45)?;
    sw.wrap(1, 60)?;
    let (top, part_rows) = summary_counts(&mut sw, r.counts, lang)?;
    summary_inputs(&mut sw, r)?;
    sw.row(&[V::Empty, V::Empty])?;
    for (k, v) in r.policy_lines {
        sw.row(&[V::from(k.as_str()), V::from(v.as_str())])?;
    }
    for (stage, secs) in &r.timings.stages {
        sw.row(&[
            V::from(format!(
                "{}: {}",
                L("Thời gian", "Time").t(lang),
                super::stage_label(stage, lang)
            )),
            V::from(pick(
                lang,
                format!("{secs:.2} giây").replace('.', ","),
                format!("{secs:.2} s"),
            )),
        ])?;
    }
    matching_weights(&mut sw, lang)?;
    // The other two charts' data, below the summary in columns D:E (beside the lines, it
    // would cut the long lines' text).
    let by_rule = tally(r.findings, Severity::Changed, |f| rule_label(f.rule, lang));
    let by_field = tally(r.findings, Severity::Check, |f| field_label(f.field, lang));
    let blocks = [
        (
            CHART_BY_RULE,
            chart_block(&mut sw, CHART_BY_RULE, &by_rule, lang)?,
        ),
        (
            CHART_BY_FIELD,
            chart_block(&mut sw, CHART_BY_FIELD, &by_field, lang)?,
        ),
    ];
    sw.finish()?;

    let ws = wb.worksheet_from_index(index)?;
    let name = ws.name();
    let widest = by_rule
        .iter()
        .chain(&by_field)
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    ws.set_column_width(3, (widest.clamp(20, 60) + 2) as f64)?;
    ws.set_column_width(4, 12)?;
    // Three charts side by side beside the counts, as tall as the count lines.
    let (w, h) = (440, 300);
    let mut charts = vec![bar_chart(
        &name,
        CHART_ROWS.t(lang),
        (part_rows[0], 0),
        (part_rows[part_rows.len() - 1], 1),
    )];
    for (title, span) in blocks {
        if let Some((first, last)) = span {
            charts.push(bar_chart(&name, title.t(lang), (first, 3), (last, 4)));
        }
    }
    for (i, mut chart) in charts.into_iter().enumerate() {
        chart.set_width(w).set_height(h);
        ws.insert_chart_with_offset(top, 3, &chart, i as u32 * (w + 10), 0)?;
    }
    Ok(())
}

/// How two rows are compared, from the table the matcher follows
/// ([`crate::matching::weights::COMPARISONS`]): each outcome and its weight in bits.
fn matching_weights(sw: &mut SheetWriter<'_>, lang: Lang) -> Result<()> {
    sw.row(&[V::Empty, V::Empty])?;
    sw.row(&[
        V::from(
            L(
                "Cách so hai dòng (điểm, bit)",
                "How two rows compare (score, bits)",
            )
            .t(lang),
        ),
        V::Empty,
    ])?;
    for c in crate::matching::weights::COMPARISONS {
        for l in c.levels {
            let bits = l.bits.map_or_else(
                || L("quy tắc", "rule").t(lang).to_string(),
                |b| {
                    pick(
                        lang,
                        format!("{b:+.1}").replace('.', ","),
                        format!("{b:+.1}"),
                    )
                },
            );
            sw.row(&[
                V::from(format!("{}: {}", c.field.t(lang), l.outcome.t(lang))),
                V::from(bits),
            ])?;
        }
    }
    Ok(())
}

/// The counts that balance (rows read = kept + merged + …) and the balance line; returns the
/// first line's row and the rows of "where the rows read went", the first chart's data.
fn summary_counts(sw: &mut SheetWriter<'_>, c: &Counts, lang: Lang) -> Result<(u32, Vec<u32>)> {
    let head: Vec<(L, u64)> = vec![
        (L("Tệp đã đọc", "Files read"), c.files as u64),
        (
            L(
                "Bảng (trang/tệp CSV) đã đọc",
                "Tables (sheets/CSV files) read",
            ),
            c.tables as u64,
        ),
        (L("Dòng dữ liệu đã đọc", "Data rows read"), c.rows_read),
    ];
    // Where the rows read went: these lines are also the first chart's data.
    let parts: Vec<(L, u64)> = vec![
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
    ];
    let tail: Vec<(L, u64)> = vec![
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
        (
            L(
                "Khách của sổ lần trước không còn dòng nào (bị xóa khỏi sổ bằng tay?)",
                "Customers of the last book no input holds now (taken out by hand?)",
            ),
            c.gone_from_book,
        ),
    ];
    let mut top = None;
    for (label, v) in &head {
        let at = sw.row(&[V::from(label.t(lang)), V::I(*v as i64)])?;
        top.get_or_insert(at);
    }
    let mut part_rows = Vec::new();
    for (label, v) in &parts {
        part_rows.push(sw.row(&[V::from(label.t(lang)), V::I(*v as i64)])?);
    }
    for (label, v) in &tail {
        sw.row(&[V::from(label.t(lang)), V::I(*v as i64)])?;
    }
    let balance = if c.balanced() {
        L(
            "Khớp: đọc = giữ + gộp + xóa + bỏ khỏi sổ + chặn + bỏ qua",
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
    Ok((top.unwrap_or(1), part_rows))
}

/// "3 ô có giá trị" / "3 cells with values".
pub(crate) fn cells(n: u64, lang: Lang) -> String {
    pick(
        lang,
        format!("{n} ô có giá trị"),
        if n == 1 {
            "1 cell with a value".to_string()
        } else {
            format!("{n} cells with values")
        },
    )
}

/// The inputs: each file with its hash, each table with its header row and its columns' roles.
fn summary_inputs(sw: &mut SheetWriter<'_>, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    sw.row(&[V::Empty, V::Empty])?;
    for f in &r.ing.files {
        sw.row(&[
            V::from(format!("{}: {}", L("Tệp", "File").t(lang), f.display)),
            V::from(format!("blake3 {}", &f.hash[..f.hash.len().min(16)])),
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
                        format!("{h}→{} ({by_values})", crate::i18n::role(*r, lang))
                    }
                    Some(r) => format!("{h}→{}", crate::i18n::role(*r, lang)),
                    None => {
                        // An identity paper's or a bank account's column: the policy keeps none.
                        let why = crate::ingest::header::names_data_not_kept(&h)
                            .then(|| L("chính sách không lưu", "the policy keeps none").t(lang));
                        let filled = s.unused_filled.iter().find(|&&(c, _)| c == i);
                        let said: Vec<String> = (filled.map(|&(_, n)| cells(n, lang)).into_iter())
                            .chain(why.map(str::to_string))
                            .collect();
                        if said.is_empty() {
                            format!("{h}→{unused}")
                        } else {
                            format!("{h}→{unused} ({})", said.join("; "))
                        }
                    }
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
    Ok(())
}

/// One chart's data in columns D:E under a title line ("Không có" when empty); returns the
/// rows the chart spans.
fn chart_block(
    sw: &mut SheetWriter<'_>,
    title: L,
    rows: &[(&str, u64)],
    lang: Lang,
) -> Result<Option<(u32, u32)>> {
    sw.row(&[V::Empty])?;
    sw.row(&[
        V::Empty,
        V::Empty,
        V::Empty,
        V::from(title.t(lang)),
        V::from(L("Số giá trị", "Values").t(lang)),
    ])?;
    let mut span = None;
    for (label, n) in rows {
        let at = sw.row(&[
            V::Empty,
            V::Empty,
            V::Empty,
            V::from(*label),
            V::I(*n as i64),
        ])?;
        span = Some((span.map_or(at, |(first, _)| first), at));
    }
    if span.is_none() {
        sw.row(&[
            V::Empty,
            V::Empty,
            V::Empty,
            V::from(L("Không có", "None").t(lang)),
        ])?;
    }
    Ok(span)
}

pub const CHART_ROWS: L = L("Dòng đã đọc đi đâu", "Where the rows read went");
pub const CHART_BY_RULE: L = L("Thay đổi theo quy tắc", "Changes by rule");
pub const CHART_BY_FIELD: L = L("Cần kiểm tra theo trường", "Values to check by field");

/// How many findings of `sev` fall under each label, most first (ties in label order).
fn tally<'f>(
    findings: &[Finding],
    sev: Severity,
    label: impl Fn(&Finding) -> &'f str,
) -> Vec<(&'f str, u64)> {
    let mut m: std::collections::BTreeMap<&str, u64> = Default::default();
    for f in findings.iter().filter(|f| f.severity == sev) {
        *m.entry(label(f)).or_default() += 1;
    }
    let mut v: Vec<(&str, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

/// A horizontal bar chart of labels in `first.1` and values in `last.1`, top to bottom as in
/// the cells, each bar with its value.
fn bar_chart(sheet: &str, title: &str, first: (u32, u16), last: (u32, u16)) -> Chart {
    let mut chart = Chart::new_bar();
    chart
        .add_series()
        .set_categories((sheet, first.0, first.1, last.0, first.1))
        .set_values((sheet, first.0, last.1, last.0, last.1))
        .set_data_label(ChartDataLabel::new().show_value())
        .set_gap(60);
    chart.title().set_name(title);
    chart.legend().set_hidden();
    // A bar chart's categories are on its vertical (y) axis: reversed, they read top down.
    chart
        .y_axis()
        .set_reverse()
        .set_font(ChartFont::new().set_size(8));
    chart
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
    let mut sw = SheetWriter::labelled(wb, name, &headers, fmt)?;
    // Old and new values (addresses) and the rule's sentence wrap: the list prints one page
    // wide without running past its last column.
    for col in 4..=6 {
        sw.wrap(col, 40)?;
    }
    let mut listed = 0usize;
    let mut more = 0usize;
    let places = Places::new(&r.ing.sources);
    for f in r.findings.iter().filter(|f| f.severity == sev) {
        if listed == super::SHEET_LIST_MAX {
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
            V::from(crate::normalize::shown_new(new, lang)),
            V::from(rule_label(f.rule, lang)),
        ])?;
    }
    if more > 0 {
        let file = super::CHANGES_FILE;
        sw.row(&[V::from(pick(
            lang,
            format!("… và {more} dòng nữa: danh sách đầy đủ ở tệp {file} bên cạnh."),
            format!("… and {more} more: the full list is in {file} alongside."),
        ))])?;
    }
    sw.finish()?;
    Ok(())
}

fn merges(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let mut sw = SheetWriter::labelled(
        wb,
        SHEET_MERGES,
        &[
            L("Mã KH", "Customer ID"),
            L("Tệp", "File"),
            L("Trang", "Sheet"),
            L("Dòng", "Row"),
            L("Tên trên dòng này", "Name on this row"),
            L("Lý do", "Why"),
        ],
        fmt,
    )?;
    // The reason lists every piece of evidence: it wraps rather than run past the sheet.
    sw.wrap(5, 60)?;
    let places = Places::new(&r.ing.sources);
    let mut merged = r
        .lineage
        .lines
        .iter()
        .filter(|l| l.action == Action::Merged);
    for l in merged.by_ref().take(super::SHEET_LIST_MAX) {
        sw.row(&[
            V::from(r.lineage.customer_id(l)),
            V::from(places.file(l.src)),
            V::from(r.lineage.sheet(l)),
            l.row().map(|x| V::I(x as i64)).unwrap_or(V::Empty),
            l.idx()
                .map(|i| V::from(r.norms[i as usize].name.as_str()))
                .unwrap_or(V::Empty),
            V::from(&*l.reason),
        ])?;
    }
    let more = merged.count();
    if more > 0 {
        sw.row(&[V::from(pick(
            lang,
            format!(
                "… và {more} dòng gộp nữa: danh sách đầy đủ ở tệp {} bên cạnh (cột action = merged).",
                super::lineage::FILE
            ),
            format!(
                "… and {more} more merged rows: the full list is in {} alongside (action = merged).",
                super::lineage::FILE
            ),
        ))])?;
    }
    sw.finish()?;
    Ok(())
}

/// The review sheet's columns: the decision first, beside the two names (panes frozen there),
/// then the evidence and each field of A beside the same field of B; the keys the decisions
/// are read back by (found by header) last, hidden.
fn review_headers(lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = vec![
        COL_DECISION.t(lang).into(),
        format!("{} A", L("Tên", "Name").t(lang)),
        format!("{} B", L("Tên", "Name").t(lang)),
        L("Điểm", "Score").t(lang).into(),
        L("Bằng chứng", "Evidence").t(lang).into(),
    ];
    for l in [
        L("Nơi", "Where"),
        L("Điện thoại", "Phone"),
        L("Email", "Email"),
        L("Địa chỉ", "Address"),
        L("MST", "Tax code"),
    ] {
        h.push(format!("{} A", l.t(lang)));
        h.push(format!("{} B", l.t(lang)));
    }
    h.push(COL_KEY_A.t(lang).into());
    h.push(COL_KEY_B.t(lang).into());
    h
}

/// Columns kept on screen when the review sheet scrolls right: the decision and the names.
const REVIEW_FROZEN: u16 = 3;

fn review(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let headers = review_headers(lang);
    let hrefs: Vec<&str> = headers.iter().map(|s| s.as_str()).collect();
    let index = wb.worksheets().len();
    let mut sw = SheetWriter::new(wb, SHEET_REVIEW.t(lang), &hrefs, fmt)?;
    sw.freeze_columns(REVIEW_FROZEN)?;
    // Names, evidence, places and addresses wrap: a pair reads on one screen.
    for (col, width) in [
        (1, 28),
        (2, 28),
        (4, 30),
        (5, 24),
        (6, 24),
        (7, 24),
        (8, 24),
        (11, 30),
        (12, 30),
    ] {
        sw.wrap(col, width)?;
    }
    let places = Places::new(&r.ing.sources);
    // Where, phones, email, address, tax code of one row.
    let fields = |i: u32| -> [String; 5] {
        let n = &r.norms[i as usize];
        let raw = &r.ing.rows[i as usize];
        [
            places.of(raw),
            n.phones
                .iter()
                .map(|p| p.national.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            n.emails.join("; "),
            n.address.to_string(),
            match (&n.tax, crate::merge::book::taken_tax(raw)) {
                (Some(t), _) => t.as_str().to_string(),
                // A code the book took from invoices by the buyer's name is read as no code
                // (matched as a row without one): shown, and said where it came from.
                (None, Some(code)) => {
                    format!("{code} ({})", L("lấy từ hóa đơn", "from invoices").t(lang))
                }
                (None, None) => String::new(),
            },
        ]
    };
    let mut last_row = 0;
    for (p, (ka, kb)) in r.review.iter().zip(r.review_keys) {
        let mut row: Vec<V<'_>> = vec![
            V::Empty,
            V::from(r.norms[p.a as usize].name.to_string()),
            V::from(r.norms[p.b as usize].name.to_string()),
            V::F((p.evidence.score as f64 * 10.0).round() / 10.0),
            V::from(p.evidence.reasons(lang)),
        ];
        for (a, b) in fields(p.a).into_iter().zip(fields(p.b)) {
            row.push(V::from(a));
            row.push(V::from(b));
        }
        row.push(V::from(ka.clone()));
        row.push(V::from(kb.clone()));
        last_row = sw.row(&row)?;
    }
    let last = headers.len() - 1;
    sw.dropdown(0, &[MERGE_YES.t(lang), MERGE_NO.t(lang)])?;
    sw.hide_column(last - 1);
    sw.hide_column(last);
    sw.finish()?;
    let ws = wb.worksheet_from_index(index)?;
    ws.set_column_width(0, 14)?;
    // Decisions still to take, in yellow: the column asks to be filled in.
    if last_row > 0 {
        let rule = ConditionalFormatFormula::new()
            .set_rule("=LEN($A2)=0")
            .set_format(Format::new().set_background_color(Color::RGB(0xFFF2CC)));
        ws.add_conditional_format(1, 0, last_row, 0, &rule)?;
    }
    Ok(())
}

fn skipped(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let mut sw = SheetWriter::labelled(
        wb,
        SHEET_SKIPPED,
        &[
            L("Tệp", "File"),
            L("Trang", "Sheet"),
            L("Dòng", "Row"),
            L("Lý do", "Why"),
        ],
        fmt,
    )?;
    for l in r
        .lineage
        .lines
        .iter()
        .filter(|l| l.action == Action::Skipped)
    {
        sw.row(&[
            V::from(r.lineage.file(l)),
            V::from(r.lineage.sheet(l)),
            l.row().map(|x| V::I(x as i64)).unwrap_or(V::Empty),
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
            Notice::NotALedger {
                file,
                sheet,
                staff,
                sellers,
            } => (
                file.as_str(),
                sheet.as_deref().unwrap_or(""),
                if *sellers {
                    L(
                        "Bảng kê hóa đơn mua vào (cột người bán): người bán là nhà cung cấp, không phải khách hàng",
                        "A list of purchase invoices (seller columns): sellers are suppliers, not customers",
                    )
                } else if *staff {
                    L(
                        "Danh sách nhân viên của công ty (cột «Họ tên nhân viên», trang tên «Nhân viên», hoặc mã NV và chức vụ; không có cột nào nói về khách hàng), không phải khách hàng",
                        "The company's staff list (a staff name column, a sheet called «Nhân viên», or staff codes and posts; no column about customers), not customers",
                    )
                } else {
                    L(
                        "Không phải danh sách khách hàng (không có cột tên/ĐT/email/MST)",
                        "Not a customer ledger (no name/phone/email/tax column)",
                    )
                },
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

/// How a request stands, in one word the office can sort and filter on; the sheet colours
/// rows by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Received, not carried out, past the deadline.
    Overdue,
    /// No customer, several customers, or an unreadable line: a person must act.
    NotApplied,
    /// Carried out after the deadline.
    Late,
    /// A copy of the data still to be written by `export-subject`.
    Waiting,
    Done,
}

impl Standing {
    fn of(o: &crate::policy::RequestOutcome) -> Standing {
        use crate::policy::RequestStatus;
        match &o.status {
            _ if o.overdue => Standing::Overdue,
            RequestStatus::NotFound
            | RequestStatus::Ambiguous(_)
            | RequestStatus::Invalid(_)
            | RequestStatus::BadValue(_)
            | RequestStatus::NotApplicable(_) => Standing::NotApplied,
            _ if o.late => Standing::Late,
            _ if waiting_for_copy(o) => Standing::Waiting,
            _ => Standing::Done,
        }
    }

    fn label(self) -> L {
        match self {
            Standing::Overdue => L("QUÁ HẠN", "OVERDUE"),
            Standing::NotApplied => L("CHƯA THỰC HIỆN", "NOT APPLIED"),
            Standing::Late => L("Trễ hạn", "Late"),
            Standing::Waiting => L("Đang chờ", "Waiting"),
            Standing::Done => L("Xong", "Done"),
        }
    }

    /// Fill and font colours of the row; none for a request done in time.
    fn colours(self) -> Option<(u32, u32)> {
        match self {
            Standing::Overdue | Standing::NotApplied => Some((0xFFC7CE, 0x9C0006)),
            Standing::Late | Standing::Waiting => Some((0xFFEB9C, 0x9C5700)),
            Standing::Done => None,
        }
    }
}

/// An access request matched to its customer, whose copy `export-subject` has not written.
fn waiting_for_copy(o: &crate::policy::RequestOutcome) -> bool {
    let access = o
        .request
        .as_ref()
        .is_some_and(|q| q.kind == crate::policy::requests::Kind::Access);
    access
        && o.done_on.is_none()
        && matches!(o.status, crate::policy::RequestStatus::Applied { .. })
}

const ALL_STANDINGS: [Standing; 5] = [
    Standing::Overdue,
    Standing::NotApplied,
    Standing::Late,
    Standing::Waiting,
    Standing::Done,
];

/// The "Cảnh báo hạn" text: the deadline, a received date that could not be read, and one
/// after the run's date (a year typed wrong: the deadline counts from it).
fn request_warning(
    o: &crate::policy::RequestOutcome,
    today: chrono::NaiveDate,
    lang: Lang,
) -> String {
    let mut out: Vec<String> = Vec::new();
    if o.overdue {
        out.push(
            L("QUÁ HẠN, chưa thực hiện", "OVERDUE, not carried out")
                .t(lang)
                .into(),
        );
    } else if o.late {
        out.push(L("Thực hiện trễ hạn", "Carried out late").t(lang).into());
    }
    if let Some(d) = o
        .request
        .as_ref()
        .and_then(|q| q.received)
        .filter(|&d| d > today)
    {
        let d = d.format("%d/%m/%Y");
        out.push(pick(
            lang,
            format!(
                "Ngày nhận {d} sau ngày chạy: gõ nhầm? Hạn tính từ ngày ghi — sửa ở dòng {} của sổ yêu cầu",
                o.row
            ),
            format!(
                "Received {d}, after the run's date: a typo? The deadline counts from it — correct it on row {} of the requests book",
                o.row
            ),
        ));
    }
    if let Some(text) = o.request.as_ref().and_then(|q| q.received_text.as_deref()) {
        out.push(pick(
            lang,
            format!(
                "Ngày nhận «{text}» không đọc được: không tính được hạn — ghi lại dạng dd/mm/yyyy ở dòng {} của sổ yêu cầu",
                o.row
            ),
            format!(
                "Received date \"{text}\" cannot be read: no deadline can be counted — write it as dd/mm/yyyy on row {} of the requests book",
                o.row
            ),
        ));
    }
    out.join("; ")
}

fn request_outcome(o: &crate::policy::RequestOutcome, lang: Lang) -> String {
    use crate::policy::RequestStatus;
    match &o.status {
        RequestStatus::Applied { customer_id } if waiting_for_copy(o) => format!(
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
        RequestStatus::AlreadyDeleted(_) => {
            L("Đã xóa trước đây", "Already deleted").t(lang).to_string()
        }
        RequestStatus::NotFound => L(
            "KHÔNG tìm thấy khách hàng — cần người xem",
            "No customer matches — needs a person",
        )
        .t(lang)
        .to_string(),
        RequestStatus::Ambiguous(ids) => format!(
            "{} {} {}: {}",
            L("KHÔNG áp dụng: khớp", "NOT applied: matches").t(lang),
            ids.len(),
            L(
                "khách hàng — người xem chọn và ghi Mã KH vào sổ yêu cầu",
                "customers — a person picks one and writes its ID in the requests book"
            )
            .t(lang),
            ids.join(", ")
        ),
        RequestStatus::Invalid(why) => {
            format!("{}: {why}", L("Dòng không hợp lệ", "Invalid line").t(lang))
        }
        RequestStatus::Readmitted {
            lifted,
            deleted_on,
            customer_id,
        } => {
            let new = match customer_id {
                Some(id) => pick(
                    lang,
                    format!("; khách hàng mới {id}"),
                    format!("; new customer {id}"),
                ),
                None => String::new(),
            };
            let deleted_on = chrono::NaiveDate::parse_from_str(deleted_on, "%Y-%m-%d")
                .map_or_else(|_| deleted_on.clone(), |d| d.format("%d/%m/%Y").to_string());
            pick(
                lang,
                format!("Đã nhận lại khách đã xóa ngày {deleted_on}: bỏ chặn {lifted} định danh ghi ở dòng {} của sổ yêu cầu (các dòng cũ trước khi xóa vẫn bị chặn){new}", o.row),
                format!("Re-admitted the customer deleted on {deleted_on}: {lifted} identifier(s) on row {} of the requests book no longer suppressed (the old rows from before the deletion stay out){new}", o.row),
            )
        }
        RequestStatus::NotApplicable(why) => {
            use crate::policy::readmit::NotApplicable;
            let row = o.row;
            match why {
                NotApplicable::NoDeletedMatch => pick(
                    lang,
                    format!("KHÔNG áp dụng: không khách hàng đã xóa nào có SĐT, email, MST hay Mã KH ở dòng {row} của sổ yêu cầu — không có gì để nhận lại"),
                    format!("NOT applicable: no deleted customer has the phone, email, tax code or ID on row {row} of the requests book — nothing to re-admit"),
                ),
                NotApplicable::NoIdentifier => pick(
                    lang,
                    format!("KHÔNG áp dụng: dòng {row} của sổ yêu cầu không ghi SĐT, email hay MST khách đồng ý dùng lại (trạng thái không giữ tên; Mã KH cũ không có trên dòng nào)"),
                    format!("NOT applicable: row {row} of the requests book gives no phone, email or tax code the customer agreed to use again (the state keeps no names; an old ID is on no row)"),
                ),
                NotApplicable::SeveralDeleted(n) => pick(
                    lang,
                    format!("KHÔNG áp dụng: SĐT, email, MST ở dòng {row} của sổ yêu cầu thuộc {n} khách đã xóa khác nhau — ghi riêng từng người"),
                    format!("NOT applicable: the phone, email, tax code on row {row} of the requests book belong to {n} different deleted customers — one request per person"),
                ),
            }
        }
        RequestStatus::BadValue(rule) => {
            let value = o.request.as_ref().map_or("", |q| q.value.as_str());
            let (row, col) = (o.row, crate::policy::requests::NEW_VALUE);
            // The ledger's label says what the rule found; a phone it refuses is not kept here.
            let why = match rule {
                Rule::PhoneInvalid => L(
                    "Số điện thoại không hợp lệ",
                    "Not a valid Vietnamese number",
                )
                .t(lang),
                _ => rule_label(*rule, lang),
            };
            pick(
                lang,
                format!("Dòng không hợp lệ: «{value}» ở cột «{}», dòng {row} của sổ yêu cầu — {why}; chưa sửa, ghi lại giá trị đúng", col.t(lang)),
                format!("Invalid line: «{value}» in column «{}», row {row} of the requests book — {why}; not corrected, write the right value", col.t(lang)),
            )
        }
        RequestStatus::OptedOutLater(later) => opted_out_later(*later, lang),
    }
}

/// Why a «Nhận quảng cáo lại» no longer holds: the newer opt-out.
fn opted_out_later(later: crate::policy::consent::Later, lang: Lang) -> String {
    use crate::policy::consent::Later;
    let newer = match later {
        Later::Request(row) => pick(
            lang,
            format!("khách yêu cầu ngừng quảng cáo sau đó (dòng {row} của sổ yêu cầu)"),
            format!(
                "the customer asked to stop marketing after it (row {row} of the requests book)"
            ),
        ),
        Later::Mark => L(
            "ô «Ngừng quảng cáo» của sổ khách được đánh dấu lại sau khi nhận lại quảng cáo",
            "the book's «No marketing» cell was marked again after marketing was resumed",
        )
        .t(lang)
        .to_string(),
        Later::Ledger => L(
            "một dòng dữ liệu ghi ngày sau yêu cầu này từ chối nhận quảng cáo",
            "a ledger row dated after this request refuses marketing",
        )
        .t(lang)
        .to_string(),
        Later::Earlier => L(
            "một lần ngừng quảng cáo mới hơn đã thay nó ở lần chạy trước",
            "a newer opt-out replaced it in an earlier run",
        )
        .t(lang)
        .to_string(),
    };
    pick(
        lang,
        format!("KHÔNG còn áp dụng: {newer} — vẫn ngừng quảng cáo; nếu khách thật sự muốn nhận lại, ghi một yêu cầu mới có ngày nhận"),
        format!("NO LONGER applies: {newer} — still no marketing; if the customer really wants news again, write a new request with its received date"),
    )
}

fn requests(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let index = wb.worksheets().len();
    let headers = [
        L("Dòng trong sổ yêu cầu", "Row in requests book"),
        L("Tình trạng", "Standing"),
        L("Ngày nhận", "Received"),
        L("Loại", "Kind"),
        L("Khách hàng (che)", "Customer (masked)"),
        L("Kết quả", "Outcome"),
        L("Ngày thực hiện", "Carried out"),
        L("Cảnh báo hạn", "Deadline warning"),
        L("Giá trị cũ → mới", "Old → new value"),
    ];
    let mut sw = SheetWriter::labelled(wb, SHEET_REQUESTS, &headers, fmt)?;
    // Outcomes and warnings are sentences: they wrap, in columns the page can hold.
    for (col, width) in [(4, 28), (5, 45), (7, 45), (8, 36)] {
        sw.wrap(col, width)?;
    }
    let mut span: Option<(u32, u32)> = None;
    // In the book's order: the clerk reads it beside the requests book.
    let mut listed: Vec<&crate::policy::RequestOutcome> = r.applied.requests.iter().collect();
    listed.sort_by_key(|o| o.row);
    for o in listed {
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
        // The date as typed when it is not one: the clerk finds the line by it.
        let received = match o.request.as_ref() {
            Some(q) => match (&q.received, &q.received_text) {
                (Some(d), _) => V::D(*d),
                (None, Some(t)) => V::from(t.as_str()),
                (None, None) => V::Empty,
            },
            None => V::Empty,
        };
        let at = sw.row(&[
            V::I(o.row as i64),
            V::from(Standing::of(o).label().t(lang)),
            received,
            V::from(o.request.as_ref().map(|q| q.kind.label(lang)).unwrap_or("")),
            V::from(who),
            V::from(request_outcome(o, lang)),
            // Stored as yyyy-mm-dd: shown as a date like the received one.
            match o.done_on.as_deref() {
                Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_or_else(|_| V::from(d), V::D),
                None => V::Empty,
            },
            V::from(request_warning(o, r.today, lang)),
            V::from(
                o.change
                    .as_ref()
                    .map(|(a, b)| format!("{a} → {b}"))
                    .unwrap_or_default(),
            ),
        ])?;
        span = Some((span.map_or(at, |(first, _)| first), at));
    }
    let last_col = headers.len() as u16 - 1;
    sw.finish()?;
    let Some((first, last)) = span else {
        return Ok(());
    };
    let ws = wb.worksheet_from_index(index)?;
    // A received date typed as text (not a date): its cell in amber (the first rule wins).
    let rule = ConditionalFormatFormula::new()
        .set_rule(format!("=ISTEXT($C{})", first + 1).as_str())
        .set_format(
            Format::new()
                .set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700))
                .set_bold(),
        );
    ws.add_conditional_format(first, 2, last, 2, &rule)?;
    // Colours follow the standing's text, so they stay with their rows when sorted.
    for s in ALL_STANDINGS {
        let Some((fill, font)) = s.colours() else {
            continue;
        };
        let rule = ConditionalFormatFormula::new()
            .set_rule(format!("=$B{}=\"{}\"", first + 1, s.label().t(lang)).as_str())
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font)),
            );
        ws.add_conditional_format(first, 0, last, last_col, &rule)?;
    }
    Ok(())
}

/// Every input location still holding a deleted person's rows (the inputs are never modified):
/// where the clerk must erase them, or where `clean --redact` left redacted copies.
fn to_erase(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let mut sw = SheetWriter::labelled(
        wb,
        SHEET_ERASE,
        &[
            L("Mã KH", "Customer ID"),
            L("Khách hàng (che)", "Customer (masked)"),
            L("Tệp", "File"),
            L("Trang", "Sheet"),
            L("Dòng", "Row"),
            L("Lý do", "Reason"),
        ],
        fmt,
    )?;
    let places = super::book::Places::new(&r.ing.sources);
    for (i, f) in r.applied.fate.iter().enumerate() {
        let Some((act @ (Action::Deleted | Action::Suppressed), why)) = f else {
            continue;
        };
        let c = &r.customers[i];
        for &row in &c.rows {
            let raw = &r.ing.rows[row as usize];
            let src = &r.ing.sources[raw.source as usize];
            if !super::redact::to_erase(src) {
                // An invoice listing's line stays: an accounting record the law keeps.
                continue;
            }
            sw.row(&[
                V::from(c.id.as_str()),
                V::from(r.applied.masked.get(&i).cloned().unwrap_or_default()),
                V::from(places.file(raw.source)),
                V::from(src.sheet.as_deref().unwrap_or("")),
                V::I(raw.row as i64),
                V::from(format!(
                    "{}: {}",
                    action_label(*act, lang),
                    super::lineage::removal_words(why, lang)
                )),
            ])?;
        }
    }
    sw.finish()?;
    Ok(())
}

fn retention(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let mut sw = SheetWriter::labelled(
        wb,
        SHEET_RETENTION,
        &[
            L("Mã KH", "Customer ID"),
            L("Khách hàng", "Customer"),
            L("Giao dịch cuối", "Last activity"),
            L("Tình trạng", "Status"),
            L("Ngày sẽ xóa", "Removal date"),
        ],
        fmt,
    )?;
    // A removal's reason names the request and its row: it wraps short of the date column.
    sw.wrap(3, 50)?;
    // Like the other lists, the sheet holds the first SHEET_LIST_MAX; a ten-year book flags
    // most of its customers as inactive, and a list of hundreds of thousands is not read here.
    let mut room = super::SHEET_LIST_MAX;
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
            V::from(format!(
                "{}: {}",
                action_label(*act, lang),
                super::lineage::removal_words(why, lang)
            )),
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
    retention_footer(&mut sw, r, more_removed, more_flagged)?;
    sw.finish()?;
    Ok(())
}

/// Where the customers past the sheet's limit are, and those the rule never removes.
fn retention_footer(
    sw: &mut SheetWriter<'_>,
    r: &ReportInput<'_>,
    more_removed: usize,
    more_flagged: usize,
) -> Result<()> {
    let lang = r.lang;
    if more_removed > 0 {
        sw.row(&[V::from(pick(
            lang,
            format!(
                "… và {more_removed} khách đã xóa/hết hạn nữa: các dòng của họ có trong tệp {} bên cạnh.",
                super::lineage::FILE
            ),
            format!(
                "… and {more_removed} more removed customers: their rows are in {} alongside.",
                super::lineage::FILE
            ),
        ))])?;
    }
    if more_flagged > 0 {
        let col = L("Giao dịch cuối", "Last activity").t(lang);
        sw.row(&[V::from(pick(
            lang,
            format!(
                "… và {more_flagged} khách lâu không giao dịch nữa: lọc cột \"{col}\" trong tệp {}.",
                super::book::FILE
            ),
            format!(
                "… and {more_flagged} more customers nearing the end of retention: filter the \"{col}\" column of {}.",
                super::book::FILE
            ),
        ))])?;
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
    Ok(())
}

/// One `clean` run of the workspace's history, as the "Theo tuần" sheet shows it. A run
/// recorded by an older version may lack some numbers: they stay empty.
#[derive(Debug, Default, PartialEq)]
struct Week {
    as_of: Option<chrono::NaiveDate>,
    /// When the run was made, as the state recorded it.
    at: String,
    customers: Option<u64>,
    kept: Option<u64>,
    merged: Option<u64>,
    /// Deleted + expired + suppressed.
    removed: Option<u64>,
    to_check: Option<u64>,
    received: Option<u64>,
    overdue: Option<u64>,
    late: Option<u64>,
}

impl Week {
    fn of(at: &str, v: &serde_json::Value) -> Week {
        let n = |path: &str| v.pointer(path).and_then(serde_json::Value::as_u64);
        let removed: Vec<u64> = ["deleted", "expired", "suppressed"]
            .iter()
            .filter_map(|k| n(&format!("/counts/{k}")))
            .collect();
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok();
        Week {
            as_of: v
                .get("as_of")
                .and_then(serde_json::Value::as_str)
                .and_then(date)
                .or_else(|| date(at)),
            at: at.to_string(),
            customers: n("/counts/customers"),
            kept: n("/counts/kept"),
            merged: n("/counts/merged"),
            removed: (!removed.is_empty()).then(|| removed.iter().sum()),
            to_check: n("/counts/values_to_check"),
            received: n("/requests/received"),
            overdue: n("/requests/overdue"),
            late: n("/requests/late"),
        }
    }
}

/// "Theo tuần": one row per `clean` run the workspace remembers, oldest first, and a line
/// chart of customers and values to check — the book getting cleaner week after week.
fn weeks(wb: &mut Workbook, fmt: &Formats, r: &ReportInput<'_>) -> Result<()> {
    let lang = r.lang;
    let index = wb.worksheets().len();
    let headers = [
        L("Ngày", "As of"),
        L("Chạy lúc", "Run at"),
        CHART_CUSTOMERS,
        L("Giữ", "Kept"),
        L("Gộp", "Merged"),
        L("Bỏ khỏi sổ", "Removed"),
        CHART_TO_CHECK,
        L("Yêu cầu nhận", "Requests"),
        L("Quá hạn", "Overdue"),
        L("Trễ hạn", "Late"),
    ];
    let mut sw = SheetWriter::labelled(wb, SHEET_WEEKS, &headers, fmt)?;
    // Short headers (one line), each explained in a note on it.
    for (col, l) in [
        (3, L("Dòng mở đầu một khách hàng", "Rows that start a customer")),
        (4, L("Dòng gộp vào khách hàng khác", "Rows merged into another row's customer")),
        (
            5,
            L(
                "Dòng xóa theo yêu cầu + bỏ khỏi sổ vì lâu không giao dịch + bị chặn (đã xóa trước đây)",
                "Rows deleted on request + out of the book (inactive) + suppressed (deleted before)",
            ),
        ),
        (7, L("Yêu cầu trong sổ yêu cầu", "Requests in the requests book")),
        (8, L("Yêu cầu quá hạn, chưa thực hiện", "Requests overdue, not carried out")),
        (9, L("Yêu cầu thực hiện trễ hạn", "Requests carried out late")),
    ] {
        sw.note(col, l.t(lang))?;
    }
    let num = |x: Option<u64>| x.map_or(V::Empty, |x| V::I(x as i64));
    let mut span: Option<(u32, u32)> = None;
    for (at, v) in r.history {
        let w = Week::of(at, v);
        let at = sw.row(&[
            V::from(w.as_of),
            V::from(w.at),
            num(w.customers),
            num(w.kept),
            num(w.merged),
            num(w.removed),
            num(w.to_check),
            num(w.received),
            num(w.overdue),
            num(w.late),
        ])?;
        span = Some((span.map_or(at, |(first, _)| first), at));
    }
    let charted = headers.len() as u16 + 1;
    sw.finish()?;
    let Some((first, last)) = span else {
        return Ok(());
    };
    let ws = wb.worksheet_from_index(index)?;
    let name = ws.name();
    let mut chart = Chart::new_line();
    for (col, title) in [(2u16, CHART_CUSTOMERS), (6, CHART_TO_CHECK)] {
        chart
            .add_series()
            .set_name(title.t(lang))
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, col, last, col))
            .set_marker(ChartMarker::new().set_automatic())
            .set_data_label(ChartDataLabel::new().show_value());
    }
    chart.title().set_name(CHART_WEEKS.t(lang));
    // One point per run, evenly spaced: as a date axis LibreOffice labels a single run
    // "01/01" of its year.
    chart
        .x_axis()
        .set_text_axis(true)
        .set_num_format("dd/mm/yyyy");
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(640).set_height(320);
    ws.insert_chart(first, charted, &chart)?;
    Ok(())
}

pub const CHART_CUSTOMERS: L = L("Khách hàng", "Customers");
pub const CHART_TO_CHECK: L = L("Giá trị cần kiểm tra", "Values to check");
pub const CHART_WEEKS: L = L("Qua các tuần", "Week by week");

#[cfg(test)]
mod tests {
    use super::*;

    /// What a clerk types in the Decision column instead of picking from the drop-down.
    #[test]
    fn decisions_as_typed() {
        for yes in [
            "Gộp",
            "gộp",
            "Merge",
            "Có",
            "x",
            "Trùng",
            "cùng người",
            "Đồng ý",
        ] {
            assert_eq!(read_decision(yes), Some(true), "{yes}");
        }
        for no in [
            "Không gộp",
            "Keep apart",
            "không",
            "Khác người",
            "khác nhau",
            "Sai",
            "tách",
        ] {
            assert_eq!(read_decision(no), Some(false), "{no}");
        }
        for none in ["", "?", "chưa rõ", "hỏi lại chị Lan"] {
            assert_eq!(read_decision(none), None, "{none}");
        }
    }
    use crate::output::xlsx::tests::parts;
    use crate::policy::{RequestOutcome, RequestStatus};
    use serde_json::json;
    use std::collections::HashMap;

    fn finding(field: Field, severity: Severity, rule: Rule) -> Finding {
        Finding {
            row: 0,
            field,
            severity,
            rule,
            old: "a".into(),
            new: "b".into(),
            old_is_cell: false,
            new_is_kept: false,
        }
    }

    fn request(row: u32, received_text: Option<&str>) -> crate::policy::requests::Request {
        crate::policy::requests::Request {
            row,
            received: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .filter(|_| received_text.is_none()),
            received_text: received_text.map(String::from),
            kind: crate::policy::requests::Kind::Delete,
            customer_id: String::new(),
            phone: "0912345678".into(),
            email: String::new(),
            tax: String::new(),
            name: "Nguyễn Văn An".into(),
            field: None,
            value: String::new(),
            channel: String::new(),
            note: String::new(),
        }
    }

    fn outcome(row: u32, status: RequestStatus, overdue: bool, late: bool) -> RequestOutcome {
        RequestOutcome {
            request: Some(request(row, None)),
            row,
            status,
            done_on: None,
            overdue,
            late,
            change: None,
            key: None,
        }
    }

    /// Writes `sheets` from a small report input with findings, two weeks of history (the
    /// first from an older version, without most counts) and three requests.
    type Sheet = fn(&mut Workbook, &Formats, &ReportInput<'_>) -> Result<()>;

    fn written(sheets: &[Sheet]) -> HashMap<String, String> {
        let ing = Ingested::default();
        let findings = vec![
            finding(Field::Phone, Severity::Changed, Rule::PhoneFormatted),
            finding(Field::Phone, Severity::Changed, Rule::PhoneFormatted),
            finding(Field::Name, Severity::Changed, Rule::NameCased),
            finding(Field::TaxCode, Severity::Check, Rule::TaxBadCheckDigit),
        ];
        let counts = Counts {
            rows_read: 10,
            kept: 6,
            merged: 3,
            skipped: 1,
            customers: 6,
            ..Default::default()
        };
        let applied = crate::policy::Applied {
            requests: vec![
                outcome(2, RequestStatus::NotFound, true, false),
                outcome(
                    3,
                    RequestStatus::Applied {
                        customer_id: "KH000001".into(),
                    },
                    false,
                    true,
                ),
                RequestOutcome {
                    request: Some(request(4, Some("hôm qua"))),
                    ..outcome(
                        4,
                        RequestStatus::Ambiguous(vec!["KH000001".into(), "KH000002".into()]),
                        false,
                        false,
                    )
                },
            ],
            ..Default::default()
        };
        let history = vec![
            (
                "2026-12-07 09:00:00".to_string(),
                json!({"counts": {"customers": 8}}),
            ),
            (
                "2026-12-14 09:00:00".to_string(),
                json!({"as_of": "2026-12-14", "counts": {"customers": 6, "kept": 6, "merged": 3, "deleted": 1, "values_to_check": 1}, "requests": {"received": 3, "overdue": 1, "late": 1}}),
            ),
        ];
        let r = ReportInput {
            lang: Lang::Vi,
            ing: &ing,
            norms: &[],
            findings: &findings,
            review: &[],
            review_keys: &[],
            lineage: &Lineage::default(),
            counts: &counts,
            timings: &Timings::default(),
            policy_lines: &[],
            customers: &[],
            applied: &applied,
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(),
            history: &history,
        };
        let mut wb = super::super::xlsx::workbook();
        let fmt = Formats::new();
        for s in sheets {
            s(&mut wb, &fmt, &r).unwrap();
        }
        parts(&mut wb)
    }

    #[test]
    fn the_summary_has_its_three_charts_over_cells() {
        let p = written(&[summary]);
        let charts: Vec<&String> = (1..=3)
            .map(|i| {
                p.get(&format!("xl/charts/chart{i}.xml"))
                    .unwrap_or_else(|| panic!("chart{i}: {:?}", p.keys()))
            })
            .collect();
        assert!(!p.contains_key("xl/charts/chart4.xml"));
        // Rows read → kept… from the summary's own lines; the others from the data below.
        assert!(charts[0].contains("'Tóm tắt'!$A$5:$A$10"), "{}", charts[0]);
        assert!(charts[0].contains("'Tóm tắt'!$B$5:$B$10"), "{}", charts[0]);
        assert!(charts[1].contains(CHART_BY_RULE.0));
        assert!(charts[2].contains(CHART_BY_FIELD.0));
        // Constant-memory sheets hold their strings inline.
        let strings = &p["xl/worksheets/sheet1.xml"];
        for label in [
            rule_label(Rule::PhoneFormatted, Lang::Vi),
            rule_label(Rule::NameCased, Lang::Vi),
            field_label(Field::TaxCode, Lang::Vi),
        ] {
            assert!(strings.contains(label), "{label}");
        }
    }

    #[test]
    fn the_weeks_sheet_has_a_row_per_run_and_a_line_chart() {
        let p = written(&[weeks]);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        assert_eq!(sheet.matches("<row ").count(), 3, "{sheet}");
        let chart = &p["xl/charts/chart1.xml"];
        assert!(chart.contains("<c:lineChart>"), "{chart}");
        assert!(chart.contains("'Theo tuần'!$C$2:$C$3"), "{chart}");
        assert!(chart.contains("'Theo tuần'!$G$2:$G$3"), "{chart}");
    }

    #[test]
    fn a_week_from_an_older_run_leaves_missing_numbers_empty() {
        let old = Week::of("2026-12-07 09:00:00", &json!({"counts": {"customers": 8}}));
        assert_eq!(
            old,
            Week {
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 7),
                at: "2026-12-07 09:00:00".into(),
                customers: Some(8),
                ..Default::default()
            }
        );
        let odd = Week::of("", &json!({"as_of": 7, "counts": [1], "requests": "x"}));
        assert_eq!(odd, Week::default());
        let full = Week::of(
            "2026-12-21 08:00:00",
            &json!({"as_of": "2026-12-20", "counts": {"deleted": 1, "expired": 2, "suppressed": 3}}),
        );
        assert_eq!(full.as_of, chrono::NaiveDate::from_ymd_opt(2026, 12, 20));
        assert_eq!(full.removed, Some(6));
    }

    #[test]
    fn requests_show_their_standing_in_colour_and_an_unreadable_date() {
        let p = written(&[requests]);
        let sheet = &p["xl/worksheets/sheet1.xml"];
        let strings = sheet;
        for s in ["QUÁ HẠN", "CHƯA THỰC HIỆN", "Trễ hạn", "hôm qua"] {
            assert!(strings.contains(s), "{s}: {strings}");
        }
        assert!(strings.contains("Ngày nhận «hôm qua» không đọc được"));
        assert!(sheet.contains("ISTEXT($C2)"), "{sheet}");
        assert!(sheet.contains("$B2=\"QUÁ HẠN\""), "{sheet}");
        assert!(sheet.contains("$B2=\"CHƯA THỰC HIỆN\""), "{sheet}");
    }

    #[test]
    fn standing_orders_overdue_before_not_applied_before_late() {
        let applied = RequestStatus::Applied {
            customer_id: "KH1".into(),
        };
        let s = |st: RequestStatus, overdue, late| Standing::of(&outcome(2, st, overdue, late));
        assert_eq!(s(RequestStatus::NotFound, true, false), Standing::Overdue);
        assert_eq!(
            s(
                RequestStatus::Ambiguous(vec!["KH000001".into()]),
                false,
                false
            ),
            Standing::NotApplied
        );
        assert_eq!(
            s(RequestStatus::Invalid("?".into()), false, false),
            Standing::NotApplied
        );
        assert_eq!(s(applied.clone(), false, true), Standing::Late);
        assert_eq!(
            s(RequestStatus::AlreadyDeleted(String::new()), false, false),
            Standing::Done
        );
        let mut access = outcome(2, applied.clone(), false, false);
        access.request.as_mut().unwrap().kind = crate::policy::requests::Kind::Access;
        assert_eq!(Standing::of(&access), Standing::Waiting);
        // Overdue, the line still says what to run.
        access.overdue = true;
        assert_eq!(Standing::of(&access), Standing::Overdue);
        assert!(request_outcome(&access, Lang::Vi).starts_with("Chờ xuất bản sao dữ liệu cho KH1"));
        access.overdue = false;
        access.done_on = Some("2026-12-14".into());
        assert_eq!(Standing::of(&access), Standing::Done);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
        let plain = outcome(2, applied, false, false);
        assert_eq!(request_warning(&plain, today, Lang::Vi), "");
        // A received date after the run's: a typo to check, named with its row.
        let mut ahead = plain;
        ahead.request.as_mut().unwrap().received = chrono::NaiveDate::from_ymd_opt(2027, 12, 5);
        let w = request_warning(&ahead, today, Lang::Vi);
        assert!(w.contains("05/12/2027") && w.contains("dòng 2"), "{w}");
    }

    #[test]
    fn the_decision_comes_first_beside_the_names_and_the_keys_last() {
        for lang in [Lang::Vi, Lang::En] {
            let h = review_headers(lang);
            assert_eq!(h[0], COL_DECISION.t(lang));
            assert!(h[1].ends_with(" A") && h[2].ends_with(" B"), "{h:?}");
            assert_eq!(h[1], format!("{} A", L("Tên", "Name").t(lang)));
            assert_eq!(h[h.len() - 2], COL_KEY_A.t(lang));
            assert_eq!(h[h.len() - 1], COL_KEY_B.t(lang));
            assert_eq!(h.len(), 17);
        }
    }

    #[test]
    fn tally_counts_most_first() {
        let f = [
            finding(Field::Name, Severity::Changed, Rule::NameCased),
            finding(Field::Phone, Severity::Changed, Rule::PhoneFormatted),
            finding(Field::Phone, Severity::Changed, Rule::PhoneFormatted),
            finding(Field::Email, Severity::Check, Rule::EmailInvalid),
        ];
        let t = tally(&f, Severity::Changed, |f| rule_label(f.rule, Lang::En));
        assert_eq!(
            t,
            [
                ("Phone number formatted", 2),
                ("Vietnamese name capitalisation", 1)
            ]
        );
        assert_eq!(
            tally(&f, Severity::Check, |f| field_label(f.field, Lang::En)),
            [("Email", 1)]
        );
    }
}
