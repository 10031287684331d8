//! Finding the header row under title rows, and recognising what each column holds.
//!
//! The synonym table is the one place to extend when the office invents a new header word.
//! Headers are compared as accent-free, lower-case keys, so "Điện thoại", "DIEN THOAI" and
//! "Dien thoai" are one header.

use crate::model::Role;
use crate::normalize::text::fold_key;

/// Exact header keys (after folding) and the role they name.
const EXACT: &[(&str, Role)] = &[
    // customer or buyer name
    ("ten khach hang", Role::Name),
    ("ten kh", Role::Name),
    ("khach hang", Role::Name),
    ("ho ten", Role::Name),
    ("ho va ten", Role::Name),
    ("ho ten khach hang", Role::Name),
    ("ten", Role::Name),
    ("don vi", Role::Name),
    ("ten don vi", Role::Name),
    ("cong ty", Role::Name),
    ("ten cong ty", Role::Name),
    ("ten nguoi mua", Role::Name),
    ("nguoi mua", Role::Name),
    ("nguoi mua hang", Role::Name),
    ("ten nguoi mua hang", Role::Name),
    ("ten don vi mua hang", Role::Name),
    ("full name", Role::Name),
    ("fullname", Role::Name),
    ("name", Role::Name),
    ("customer", Role::Name),
    ("customer name", Role::Name),
    ("company", Role::Name),
    ("buyer", Role::Name),
    ("buyer name", Role::Name),
    // contact person
    ("nguoi lien he", Role::Contact),
    ("nguoi lien lac", Role::Contact),
    ("nguoi dai dien", Role::Contact),
    ("lien he", Role::Contact),
    ("contact", Role::Contact),
    ("contact person", Role::Contact),
    // phones
    ("dien thoai", Role::Phone),
    ("dt", Role::Phone),
    ("sdt", Role::Phone),
    ("so dt", Role::Phone),
    ("so dien thoai", Role::Phone),
    ("dien thoai lien he", Role::Phone),
    ("di dong", Role::Phone),
    ("dtdd", Role::Phone),
    ("dt di dong", Role::Phone),
    ("zalo", Role::Phone),
    ("phone", Role::Phone),
    ("phone number", Role::Phone),
    ("mobile", Role::Phone),
    ("dt ban", Role::PhoneFixed),
    ("dien thoai ban", Role::PhoneFixed),
    ("dt co dinh", Role::PhoneFixed),
    ("dien thoai co dinh", Role::PhoneFixed),
    ("co dinh", Role::PhoneFixed),
    ("tel", Role::PhoneFixed),
    ("fax", Role::PhoneFixed),
    ("tel fax", Role::PhoneFixed),
    // email
    ("email", Role::Email),
    ("e mail", Role::Email),
    ("mail", Role::Email),
    ("thu dien tu", Role::Email),
    ("dia chi email", Role::Email),
    // addresses
    ("dia chi", Role::Address),
    ("dia chi lien lac", Role::Address),
    ("dia chi lien he", Role::Address),
    ("dc", Role::Address),
    ("address", Role::Address),
    ("dia chi nguoi mua", Role::Address),
    ("dia chi giao hang", Role::Delivery),
    ("noi giao hang", Role::Delivery),
    ("noi giao", Role::Delivery),
    ("dia chi nhan hang", Role::Delivery),
    ("delivery address", Role::Delivery),
    ("shipping address", Role::Delivery),
    // tax code
    ("mst", Role::TaxCode),
    ("ma so thue", Role::TaxCode),
    ("mst nguoi mua", Role::TaxCode),
    ("ma so thue nguoi mua", Role::TaxCode),
    ("tax code", Role::TaxCode),
    ("tax id", Role::TaxCode),
    // activity dates
    ("ngay giao dich cuoi", Role::Date),
    ("ngay giao dich", Role::Date),
    ("ngay hd", Role::Date),
    ("ngay hoa don", Role::Date),
    ("ngay dat hang", Role::Date),
    ("ngay mua", Role::Date),
    ("ngay mua hang", Role::Date),
    ("ngay lap", Role::Date),
    ("ngay", Role::Date),
    ("order date", Role::Date),
    ("last order", Role::Date),
    ("last order date", Role::Date),
    ("date", Role::Date),
    // notes, row numbers, ids
    ("ghi chu", Role::Note),
    ("note", Role::Note),
    ("notes", Role::Note),
    ("stt", Role::RowNo),
    ("tt", Role::RowNo),
    ("no", Role::RowNo),
    ("ma kh", Role::CustomerId),
    ("ma khach hang", Role::CustomerId),
    ("customer id", Role::CustomerId),
    // invoices
    ("ky hieu hoa don", Role::InvoiceSeries),
    ("ky hieu", Role::InvoiceSeries),
    ("ky hieu hd", Role::InvoiceSeries),
    ("so hoa don", Role::InvoiceNo),
    ("so hd", Role::InvoiceNo),
    ("invoice no", Role::InvoiceNo),
    ("invoice number", Role::InvoiceNo),
    ("doanh thu chua co thue", Role::Amount),
    ("doanh so ban chua co thue", Role::Amount),
    ("doanh thu chua thue", Role::Amount),
    ("tien hang", Role::Amount),
    ("thanh tien", Role::Amount),
    ("amount", Role::Amount),
    ("thue gtgt", Role::Vat),
    ("tien thue gtgt", Role::Vat),
    ("tien thue", Role::Vat),
    ("vat", Role::Vat),
    // marketing consent
    ("dong y nhan tin", Role::Consent),
    ("nhan quang cao", Role::Consent),
    ("nhan tin khuyen mai", Role::Consent),
    ("consent", Role::Consent),
    ("marketing", Role::Consent),
];

/// Word-prefix rules for headers that are not in the exact table ("Điện thoại di động (Zalo)",
/// "Địa chỉ giao hàng mới"). Longer prefixes first: the first match wins.
const PREFIX: &[(&str, Role)] = &[
    ("dia chi giao", Role::Delivery),
    ("dia chi email", Role::Email),
    ("dia chi", Role::Address),
    ("dien thoai ban", Role::PhoneFixed),
    ("dien thoai co dinh", Role::PhoneFixed),
    ("dien thoai", Role::Phone),
    ("so dien thoai", Role::Phone),
    ("sdt", Role::Phone),
    ("ma so thue", Role::TaxCode),
    ("mst", Role::TaxCode),
    ("ten khach", Role::Name),
    ("ten nguoi mua", Role::Name),
    ("ho ten", Role::Name),
    ("ho va ten", Role::Name),
    ("nguoi lien he", Role::Contact),
    ("ngay", Role::Date),
    ("email", Role::Email),
    ("e mail", Role::Email),
    ("ghi chu", Role::Note),
    ("so hoa don", Role::InvoiceNo),
    ("doanh thu", Role::Amount),
    ("thue gtgt", Role::Vat),
];

/// Recognises one header cell.
pub fn role_of(header: &str) -> Option<Role> {
    let key = fold_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(&(_, role)) = EXACT.iter().find(|(k, _)| *k == key) {
        return Some(role);
    }
    PREFIX
        .iter()
        .find(|(p, _)| {
            key == *p || (key.starts_with(p) && key.as_bytes().get(p.len()) == Some(&b' '))
        })
        .map(|&(_, role)| role)
}

/// Roles that make a table a customer ledger (a sheet of prices has none of them).
fn is_identifying(role: Role) -> bool {
    matches!(
        role,
        Role::Name | Role::Phone | Role::PhoneFixed | Role::Email | Role::TaxCode
    )
}

/// The header row found among the first rows of a table.
#[derive(Debug, Clone)]
pub struct Header {
    /// Position in the candidate rows given to `detect`.
    pub index: usize,
    pub roles: Vec<Option<Role>>,
}

/// How many rows from the top may hold titles before the header.
pub const SCAN_ROWS: usize = 30;

/// Picks the header row: the row with the most recognised columns, at least two of them and at
/// least one that identifies a customer. A merged title cell ("DANH SÁCH KHÁCH HÀNG") is one
/// cell and names no role, so it never wins.
pub fn detect(rows: &[Vec<String>]) -> Option<Header> {
    let mut best: Option<(usize, usize)> = None;
    for (i, cells) in rows.iter().enumerate().take(SCAN_ROWS) {
        let roles: Vec<Option<Role>> = cells.iter().map(|c| role_of(c)).collect();
        let known = roles.iter().flatten().count();
        let identifying = roles.iter().flatten().any(|&r| is_identifying(r));
        if known >= 2 && identifying && best.is_none_or(|(_, n)| known > n) {
            best = Some((i, known));
        }
    }
    let (index, _) = best?;
    let mut roles: Vec<Option<Role>> = rows[index].iter().map(|c| role_of(c)).collect();
    // A second "Name" column is usually the contact person or a company column next to a
    // person column; keep the first as the name and read the others as contact.
    let mut seen_name = false;
    for r in roles.iter_mut() {
        if *r == Some(Role::Name) {
            if seen_name {
                *r = Some(Role::Contact);
            }
            seen_name = true;
        }
    }
    Some(Header { index, roles })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_vietnamese_and_english_headers() {
        let cases = [
            ("Tên khách hàng", Some(Role::Name)),
            ("HỌ VÀ TÊN", Some(Role::Name)),
            ("Ho ten", Some(Role::Name)),
            ("Điện thoại", Some(Role::Phone)),
            ("SĐT", Some(Role::Phone)),
            ("Số ĐT", Some(Role::Phone)),
            ("Điện thoại di động", Some(Role::Phone)),
            ("ĐT bàn", Some(Role::PhoneFixed)),
            ("E-mail", Some(Role::Email)),
            ("Địa chỉ giao hàng", Some(Role::Delivery)),
            ("Nơi giao hàng", Some(Role::Delivery)),
            ("Địa chỉ liên lạc", Some(Role::Address)),
            ("MST", Some(Role::TaxCode)),
            ("Mã số thuế người mua", Some(Role::TaxCode)),
            ("Ngày HĐ", Some(Role::Date)),
            ("Ngày giao dịch cuối", Some(Role::Date)),
            ("Ghi chú", Some(Role::Note)),
            ("STT", Some(Role::RowNo)),
            ("Full name", Some(Role::Name)),
            ("Order date", Some(Role::Date)),
            ("Ký hiệu hóa đơn", Some(Role::InvoiceSeries)),
            ("Số hóa đơn", Some(Role::InvoiceNo)),
            ("Doanh thu chưa có thuế", Some(Role::Amount)),
            ("Thuế GTGT", Some(Role::Vat)),
            ("Đơn giá", None),
            ("", None),
        ];
        for (h, want) in cases {
            assert_eq!(role_of(h), want, "{h}");
        }
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_header_under_title_rows() {
        let rows = vec![
            row(&["DANH SÁCH KHÁCH HÀNG"]),
            row(&[]),
            row(&["STT", "Tên khách hàng", "Điện thoại", "Email"]),
            row(&["1", "Nguyễn Văn An", "0912345678", "an@gmail.com"]),
        ];
        let h = detect(&rows).expect("header");
        assert_eq!(h.index, 2);
        assert_eq!(h.roles[2], Some(Role::Phone));
    }

    #[test]
    fn a_price_list_is_not_a_ledger() {
        let rows = vec![
            row(&["Mã hàng", "Tên hàng", "Đơn giá"]),
            row(&["A1", "Ốc vít", "1000"]),
        ];
        assert!(detect(&rows).is_none());
    }
}
