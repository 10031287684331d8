//! The requests workbook (`yeu-cau.xlsx`): what customers asked, logged by staff. Each
//! request is matched to exactly one customer or listed for a human.

use crate::i18n::{pick, Lang, L};
use crate::merge::Customer;
use crate::normalize::text::fold_key;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Delete,
    Correct,
    StopMarketing,
    Access,
    /// A customer deleted on request agreed to be a customer again (consent recorded by the
    /// office): the identifiers the request names leave the suppression list.
    Readmit,
    /// A customer who stopped marketing asks for news again: her opt-outs older than the
    /// request are lifted (see `policy::consent`).
    ResumeMarketing,
}

impl Kind {
    /// Every kind, in the order the requests book's drop-down lists them.
    pub const ALL: [Kind; 6] = [
        Kind::Delete,
        Kind::Correct,
        Kind::StopMarketing,
        Kind::Access,
        Kind::Readmit,
        Kind::ResumeMarketing,
    ];

    /// Stable machine name, stored in the state and the audit log (labels may be reworded).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Delete => "delete",
            Kind::Correct => "correct",
            Kind::StopMarketing => "stop_marketing",
            Kind::Access => "access",
            Kind::Readmit => "readmit",
            Kind::ResumeMarketing => "resume_marketing",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Delete => L("Xóa", "Delete"),
            Kind::Correct => L("Sửa", "Correct"),
            Kind::StopMarketing => L("Ngừng quảng cáo", "Stop marketing"),
            Kind::Access => L("Xem", "Access"),
            Kind::Readmit => L("Nhận lại", "Re-admit"),
            Kind::ResumeMarketing => L("Nhận quảng cáo lại", "Resume marketing"),
        }
        .t(lang)
    }

    fn parse(s: &str) -> Option<Kind> {
        match fold_key(s).as_str() {
            "xoa" | "delete" | "xoa du lieu" => Some(Kind::Delete),
            "sua" | "correct" | "sua du lieu" | "cap nhat" => Some(Kind::Correct),
            "ngung quang cao" | "stop marketing" | "khong quang cao" | "tu choi quang cao" => {
                Some(Kind::StopMarketing)
            }
            "xem" | "access" | "xem du lieu" | "ban sao" => Some(Kind::Access),
            "nhan lai" | "nhan lai khach hang" | "re admit" | "readmit" => Some(Kind::Readmit),
            "nhan quang cao lai"
            | "nhan quang cao"
            | "dong y quang cao"
            | "dong y nhan quang cao"
            | "nhan lai quang cao"
            | "resume marketing"
            | "opt in" => Some(Kind::ResumeMarketing),
            _ => None,
        }
    }

    /// The kind as a clerk types it outside the drop-down («Xóa thông tin», «Yêu cầu xóa dữ
    /// liệu», «Sửa SĐT», «Không nhận quảng cáo», «Hủy đăng ký nhận tin»), with the field a
    /// correction names in it. A kind that could be two («Xóa email cũ»: a deletion, or a
    /// correction without its new value) stays unknown: the row is listed for a person.
    fn read(s: &str) -> Option<(Kind, Option<CorrectField>)> {
        if let Some(kind) = Kind::parse(s) {
            return Some((kind, None));
        }
        let key = fold_key(s);
        // The words after one of `prefixes` at the start of `s`.
        fn rest<'s>(s: &'s str, prefixes: &[&str]) -> Option<&'s str> {
            prefixes.iter().find_map(|p| {
                s.strip_prefix(p)
                    .filter(|r| r.is_empty() || r.starts_with(' '))
                    .map(str::trim)
            })
        }
        let asked = rest(&key, &["yeu cau", "de nghi", "kh", "khach"]).unwrap_or(&key);
        let correct = [
            "sua",
            "chinh sua",
            "dinh chinh",
            "cap nhat",
            "thay doi",
            "doi",
        ];
        if let Some(field) = rest(asked, &correct) {
            let field = rest(field, &["lai"]).unwrap_or(field);
            return match CorrectField::parse(field) {
                Some(f) => Some((Kind::Correct, Some(f))),
                None if ["", "thong tin", "du lieu", "tt"].contains(&field) => {
                    Some((Kind::Correct, None))
                }
                None => None,
            };
        }
        use crate::normalize::notes::{says, NoteSays, DELETED};
        // «Xóa», «Xóa thông tin», «Xóa khách hàng»: in a request's kind, what follows «xóa»
        // is what a note's deletion names.
        let deletes = rest(asked, &["xoa"]).is_some_and(|after| {
            after.is_empty()
                || DELETED
                    .iter()
                    .any(|w| after == *w || after.starts_with(&format!("{w} ")))
        });
        if deletes {
            return Some((Kind::Delete, None));
        }
        match says(s) {
            Some(NoteSays::RefusesMarketing) => Some((Kind::StopMarketing, None)),
            Some(NoteSays::AskedDeletion) => Some((Kind::Delete, None)),
            _ => None,
        }
    }
}

/// Which customer field a correction targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectField {
    Name,
    Phone,
    Email,
    Address,
    Delivery,
    TaxCode,
    Contact,
}

impl CorrectField {
    fn parse(s: &str) -> Option<CorrectField> {
        match fold_key(s).as_str() {
            "ten" | "ho ten" | "ten khach hang" | "name" => Some(CorrectField::Name),
            "dien thoai" | "sdt" | "dt" | "so dt" | "phone" | "so dien thoai" => {
                Some(CorrectField::Phone)
            }
            "email" | "e mail" => Some(CorrectField::Email),
            "dia chi" | "address" => Some(CorrectField::Address),
            "dia chi giao hang" | "delivery" | "noi giao hang" => Some(CorrectField::Delivery),
            "mst" | "ma so thue" | "tax code" => Some(CorrectField::TaxCode),
            "nguoi lien he" | "contact" => Some(CorrectField::Contact),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            CorrectField::Name => "name",
            CorrectField::Phone => "phone",
            CorrectField::Email => "email",
            CorrectField::Address => "address",
            CorrectField::Delivery => "delivery",
            CorrectField::TaxCode => "tax_code",
            CorrectField::Contact => "contact",
        }
    }

    pub const ALL: [CorrectField; 7] = [
        CorrectField::Name,
        CorrectField::Phone,
        CorrectField::Email,
        CorrectField::Address,
        CorrectField::Delivery,
        CorrectField::TaxCode,
        CorrectField::Contact,
    ];

    pub fn from_key(k: &str) -> Option<CorrectField> {
        Self::ALL.into_iter().find(|f| f.key() == k)
    }

    /// The ledger column a value of this field is read from.
    pub fn role(self) -> crate::model::Role {
        use crate::model::Role;
        match self {
            CorrectField::Name => Role::Name,
            CorrectField::Phone => Role::Phone,
            CorrectField::Email => Role::Email,
            CorrectField::Address => Role::Address,
            CorrectField::Delivery => Role::Delivery,
            CorrectField::TaxCode => Role::TaxCode,
            CorrectField::Contact => Role::Contact,
        }
    }

    /// The book's column this field is (a person's edit of it is recognised there).
    pub fn book_field(self) -> crate::model::Field {
        use crate::model::Field;
        match self {
            CorrectField::Name => Field::Name,
            CorrectField::Phone => Field::Phone,
            CorrectField::Email => Field::Email,
            CorrectField::Address => Field::Address,
            CorrectField::Delivery => Field::Delivery,
            CorrectField::TaxCode => Field::TaxCode,
            CorrectField::Contact => Field::Contact,
        }
    }

    /// The customer's current value of this field.
    pub fn get(self, c: &Customer) -> String {
        match self {
            CorrectField::Name => c.name.to_string(),
            CorrectField::Phone => c.phone.to_string(),
            CorrectField::Email => c.email.to_string(),
            CorrectField::Address => c.address.to_string(),
            CorrectField::Delivery => c.delivery.to_string(),
            CorrectField::TaxCode => c.tax.to_string(),
            CorrectField::Contact => c.contact.to_string(),
        }
    }

    pub fn apply(self, c: &mut Customer, value: &str) {
        let v: crate::normalize::Text = value.into();
        // The invalid value kept in the notes ("SĐT không hợp lệ: 0281234") is the one the
        // customer's correction replaces.
        // So are the field's other values noted from merged rows: the customer said which.
        let labels: &[&str] = match self {
            CorrectField::Phone => &[
                crate::normalize::ASIDE_PHONE,
                crate::normalize::ASIDE_PHONE_CELL,
            ],
            CorrectField::Email => &[
                crate::normalize::ASIDE_EMAIL,
                crate::normalize::ASIDE_EMAIL_CELL,
            ],
            CorrectField::TaxCode => &[
                crate::normalize::ASIDE_TAX,
                crate::normalize::ASIDE_TAX_CELL,
            ],
            CorrectField::Contact => &[crate::merge::OTHER_CONTACT],
            CorrectField::Delivery => &[
                crate::merge::OTHER_DELIVERY,
                crate::normalize::ASIDE_DELIVERY_CONTACT,
            ],
            CorrectField::Address => &[crate::merge::OTHER_ADDRESS],
            CorrectField::Name => &[crate::normalize::ASIDE_NAME],
        };
        if labels.iter().any(|l| c.note.contains(l)) {
            let kept: Vec<&str> = c
                .note
                .split("; ")
                .filter(|part| !labels.iter().any(|l| part.starts_with(&format!("{l}: "))))
                .collect();
            c.note = kept.join("; ").into();
        }
        if self == CorrectField::Address {
            c.other_addresses.clear();
        }
        match self {
            CorrectField::Name => c.name = v,
            CorrectField::Phone => {
                if !c.phone.is_empty() && c.phone != v {
                    c.other_phones.retain(|p| *p != v);
                }
                c.phone = v;
            }
            CorrectField::Email => {
                c.other_emails.retain(|e| *e != v);
                c.email = v;
            }
            CorrectField::Address => c.address = v,
            CorrectField::Delivery => c.delivery = v,
            CorrectField::TaxCode => c.tax = v,
            CorrectField::Contact => c.contact = v,
        }
    }

    /// Takes the values `replaced` names out of the customer's other values of this field
    /// (other phones, other emails, other spellings of the name); the value shown is the
    /// correction's, or a person's later edit.
    pub fn forget(self, c: &mut Customer, replaced: &dyn Fn(&str) -> bool) {
        match self {
            CorrectField::Phone => c.other_phones.retain(|p| !replaced(p)),
            CorrectField::Email => c.other_emails.retain(|e| !replaced(e)),
            CorrectField::Name => c.name_variants.retain(|n| !replaced(n)),
            CorrectField::Address => c.other_addresses.retain(|a| !replaced(a)),
            CorrectField::Delivery | CorrectField::TaxCode | CorrectField::Contact => {}
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    /// Row in the requests workbook.
    pub row: u32,
    pub received: Option<NaiveDate>,
    /// The "Ngày nhận" cell as typed when it is not a date ("hôm qua", "15/13/2026"): the
    /// request is still carried out, and the report shows the text with a warning (its
    /// deadline cannot be counted).
    pub received_text: Option<String>,
    pub kind: Kind,
    pub customer_id: String,
    pub phone: String,
    pub email: String,
    pub tax: String,
    pub name: String,
    pub field: Option<CorrectField>,
    pub value: String,
    pub channel: String,
    pub note: String,
}

pub const SHEET: L = L("Yêu cầu", "Requests");
/// The column of a correction's new value.
pub const NEW_VALUE: L = L("Giá trị mới", "New value");
pub const HEADERS: &[L] = &[
    L("Ngày nhận", "Received"),
    L("Loại yêu cầu", "Kind"),
    L("Mã KH", "Customer ID"),
    L("Điện thoại", "Phone"),
    L("Email", "Email"),
    L("MST", "Tax code"),
    L("Tên", "Name"),
    L("Trường cần sửa", "Field to correct"),
    NEW_VALUE,
    L("Kênh nhận", "Channel"),
    L("Ghi chú", "Note"),
];

/// A problem with one line of the requests workbook.
#[derive(Debug, Clone)]
pub struct BadLine {
    pub row: u32,
    pub why: String,
}

/// Reads the requests workbook. A missing file means no requests. Bad lines are told in the
/// run's language.
pub fn read(path: &Path, today: NaiveDate, lang: Lang) -> Result<(Vec<Request>, Vec<BadLine>)> {
    use calamine::{open_workbook_auto, Data, Reader};
    if !path.exists() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        crate::error::InputProblem::new(
            path.display().to_string(),
            crate::error::ProblemKind::Corrupt(e.to_string()),
        )
    })?;
    let Some(name) = wb.sheet_names().into_iter().next() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        crate::error::InputProblem::new(
            path.display().to_string(),
            crate::error::ProblemKind::Corrupt(e.to_string()),
        )
    })?;
    let mut rows = range.rows().enumerate();
    let Some((_, header)) = rows.next() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let col = |l: &L| {
        header.iter().position(|c| {
            let k = fold_key(&c.to_string());
            k == fold_key(l.0) || k == fold_key(l.1)
        })
    };
    let cols: Vec<Option<usize>> = HEADERS.iter().map(col).collect();
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, r) in rows {
        let get = |k: usize| -> String {
            cols[k]
                .and_then(|c| r.get(c))
                .map(|d| match d {
                    Data::DateTime(dt) => dt
                        .as_datetime()
                        .map(|x| x.date().format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let row = i as u32 + 1;
        if (0..HEADERS.len()).all(|k| get(k).is_empty()) {
            continue;
        }
        let Some((kind, named)) = Kind::read(&get(1)) else {
            let kinds = Kind::ALL.map(|k| k.label(lang)).join(", ");
            bad.push(BadLine {
                row,
                why: pick(
                    lang,
                    format!("loại yêu cầu «{}» không rõ ({kinds})", get(1)),
                    format!("unknown request kind «{}» ({kinds})", get(1)),
                ),
            });
            continue;
        };
        let field = CorrectField::parse(&get(7)).or(named);
        if kind == Kind::Correct && (field.is_none() || get(8).is_empty()) {
            bad.push(BadLine {
                row,
                why: L(
                    "yêu cầu sửa cần «Trường cần sửa» và «Giá trị mới»",
                    "a correction needs «Field to correct» and «New value»",
                )
                .t(lang)
                .into(),
            });
            continue;
        }
        let (received, received_text) = received_date(&get(0), today);
        out.push(Request {
            row,
            received,
            received_text,
            kind,
            customer_id: get(2),
            phone: get(3),
            email: get(4),
            tax: get(5),
            name: get(6),
            field,
            value: get(8),
            channel: get(9),
            note: get(10),
        });
    }
    Ok((out, bad))
}

/// The received date, or the cell's text when it is not a date.
fn received_date(cell: &str, today: NaiveDate) -> (Option<NaiveDate>, Option<String>) {
    match crate::normalize::date::parse_date(cell, today) {
        Ok(d) => (d, None),
        Err(_) => (None, Some(cell.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::xlsx::{save_atomic, Formats, SheetWriter, V};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()
    }

    /// A requests book of `lines` (date, kind, customer id), in a folder of its own.
    fn book(lines: &[[&str; 3]]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("yeu-cau.xlsx");
        let mut wb = crate::output::xlsx::workbook();
        let fmt = Formats::new();
        let headers: Vec<&str> = HEADERS.iter().map(|l| l.t(Lang::Vi)).collect();
        let mut sw = SheetWriter::new(&mut wb, SHEET.t(Lang::Vi), &headers, &fmt).unwrap();
        for [date, kind, id] in lines {
            sw.row(&[V::from(*date), V::from(*kind), V::from(*id)])
                .unwrap();
        }
        sw.finish().unwrap();
        save_atomic(&mut wb, &path).unwrap();
        (dir, path)
    }

    #[test]
    fn a_request_with_an_unreadable_date_is_kept_with_the_text() {
        let (_dir, path) = book(&[
            ["01/12/2026", "Xóa", "KH000001"],
            ["hôm qua", "Xóa", "KH000002"],
            ["15/13/2026", "Ngừng quảng cáo", "KH000003"],
            ["", "Xem", "KH000004"],
        ]);
        let (reqs, bad) = read(&path, today(), Lang::Vi).unwrap();
        assert!(bad.is_empty(), "{bad:?}");
        let got: Vec<(&str, Option<NaiveDate>, Option<&str>, u32)> = reqs
            .iter()
            .map(|r| {
                (
                    r.customer_id.as_str(),
                    r.received,
                    r.received_text.as_deref(),
                    r.row,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("KH000001", NaiveDate::from_ymd_opt(2026, 12, 1), None, 2),
                ("KH000002", None, Some("hôm qua"), 3),
                ("KH000003", None, Some("15/13/2026"), 4),
                ("KH000004", None, None, 5),
            ]
        );
    }

    #[test]
    fn bad_lines_are_told_in_the_runs_language() {
        let (_dir, path) = book(&[
            ["01/12/2026", "Hủy", "KH000001"],
            ["01/12/2026", "Sửa", "KH000002"],
        ]);
        let why = |lang| -> Vec<(u32, String)> {
            let (_, bad) = read(&path, today(), lang).unwrap();
            bad.into_iter().map(|b| (b.row, b.why)).collect()
        };
        assert_eq!(
            why(Lang::Vi),
            [
                (
                    2,
                    "loại yêu cầu «Hủy» không rõ (Xóa, Sửa, Ngừng quảng cáo, Xem, Nhận lại, Nhận quảng cáo lại)"
                        .to_string()
                ),
                (
                    3,
                    "yêu cầu sửa cần «Trường cần sửa» và «Giá trị mới»".to_string()
                ),
            ]
        );
        assert_eq!(
            why(Lang::En),
            [
                (
                    2,
                    "unknown request kind «Hủy» (Delete, Correct, Stop marketing, Access, Re-admit, Resume marketing)"
                        .to_string()
                ),
                (
                    3,
                    "a correction needs «Field to correct» and «New value»".to_string()
                ),
            ]
        );
    }

    /// The keys are stored (requests-done fingerprints, audit kinds `request:KEY`, corrections'
    /// fields): changing one would make existing states forget what was done.
    #[test]
    fn stored_keys_never_change() {
        assert_eq!(
            Kind::ALL.map(Kind::key),
            [
                "delete",
                "correct",
                "stop_marketing",
                "access",
                "readmit",
                "resume_marketing"
            ]
        );
        for k in Kind::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert_eq!(Kind::parse(k.label(lang)), Some(k), "{}", k.label(lang));
            }
        }
        // Typed outside the drop-down.
        use CorrectField as F;
        for (typed, read) in [
            ("Xóa thông tin", Some((Kind::Delete, None))),
            ("Yêu cầu xóa dữ liệu", Some((Kind::Delete, None))),
            ("KH xoá", Some((Kind::Delete, None))),
            ("Xóa khỏi danh sách", Some((Kind::Delete, None))),
            ("Sửa SĐT", Some((Kind::Correct, Some(F::Phone)))),
            (
                "Yêu cầu sửa lại địa chỉ giao hàng",
                Some((Kind::Correct, Some(F::Delivery))),
            ),
            ("Cập nhật thông tin", Some((Kind::Correct, None))),
            ("Đổi số ĐT", Some((Kind::Correct, Some(F::Phone)))),
            ("Không nhận quảng cáo", Some((Kind::StopMarketing, None))),
            ("Hủy đăng ký nhận tin", Some((Kind::StopMarketing, None))),
            ("Xóa email cũ", None),
            ("Sửa hàng lỗi", None),
            ("Gọi lại", None),
        ] {
            assert_eq!(Kind::read(typed), read, "{typed}");
        }
        let fields = CorrectField::ALL;
        assert_eq!(
            fields.map(CorrectField::key),
            ["name", "phone", "email", "address", "delivery", "tax_code", "contact"]
        );
        for f in fields {
            assert_eq!(CorrectField::from_key(f.key()), Some(f));
        }
    }
}
