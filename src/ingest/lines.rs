//! The lines of a table that are not a customer's: a row numbering the columns, a totals
//! line, and on an invoice listing a cancelled invoice or a sale to nobody in particular.

use super::Cell;
use crate::model::{RawRow, Role};

/// A row that numbers the columns ("(1)", "(2)", … or 1, 2, …: three or more, each one more
/// than the one before, and nothing else), as Vietnamese forms print under their header.
pub(super) fn is_column_numbers(cells: &[Cell]) -> bool {
    let mut last = 0u32;
    let mut count = 0;
    for c in cells {
        let n = match c {
            Cell::Empty => continue,
            Cell::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    continue;
                }
                // "(1)" on most forms, "[1]" on the tax authority's listing.
                let inner = t
                    .strip_prefix('(')
                    .and_then(|t| t.strip_suffix(')'))
                    .or_else(|| t.strip_prefix('[').and_then(|t| t.strip_suffix(']')))
                    .unwrap_or(t);
                match inner.parse::<u32>() {
                    Ok(n) => n,
                    Err(_) => return false,
                }
            }
            Cell::Int(i) if (1..100).contains(i) => *i as u32,
            Cell::Float(x) if x.fract() == 0.0 && (1.0..100.0).contains(x) => *x as u32,
            _ => return false,
        };
        if n != last + 1 {
            return false;
        }
        last = n;
        count += 1;
    }
    count >= 3
}

pub(super) fn is_totals_row(raw: &RawRow) -> bool {
    // A row with a phone, an email or a tax code is never one: most rows stop here, before
    // two folded copies of their name and first cell are made (a million rows of them).
    if !(raw.get(Role::Phone).is_empty()
        && raw.get(Role::Email).is_empty()
        && raw.get(Role::TaxCode).is_empty())
    {
        return false;
    }
    let name = crate::normalize::text::fold_key(raw.get(Role::Name));
    let first = crate::normalize::text::fold_key(raw.get(Role::RowNo));
    is_totals_label(&name) || is_totals_label(&first)
}

/// An invoice listing's totals line labelled in its first filled cell, whatever column that
/// is (an accounting program's sales book writes «Tổng cộng» under «Ngày hạch toán»), with no
/// invoice number.
pub(super) fn is_totals_in_first_cell(cells: &[Cell], raw: &RawRow) -> bool {
    if raw.get(Role::InvoiceNo).bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let first = cells.iter().find_map(|c| match c {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
        Cell::Empty | Cell::Text(_) => None,
        _ => Some(""),
    });
    first.is_some_and(|t| is_totals_label(&crate::normalize::text::fold_key(t)))
}

/// A heading a clerk typed between a customer table's rows in the name column, the row
/// holding nothing else to reach a customer by: «I. KHÁCH HÀNG MIỀN BẮC», «KHU VỰC MIỀN
/// NAM», «Khách sỉ», «--- Năm 2019 ---», «HÀ NỘI». A row with a person's or a shop's name
/// alone is a customer's (listed for a look as any name-only row).
pub(super) fn is_section_heading(raw: &RawRow) -> bool {
    let reach = [
        Role::Phone,
        Role::PhoneFixed,
        Role::Email,
        Role::TaxCode,
        Role::Address,
        Role::Delivery,
        Role::Contact,
        Role::Date,
        Role::Amount,
        Role::InvoiceNo,
    ];
    let name = raw.get(Role::Name).trim();
    if name.is_empty() || reach.iter().any(|&r| !raw.get(r).trim().is_empty()) {
        return false;
    }
    // Numbered in Roman as a document numbers its parts, «I. KHÁCH HÀNG MIỀN BẮC», «II)
    // Đại lý cấp 1» (not «1. Nguyễn Văn An», a customer numbered in the name cell, nor «V.
    // Nam», an initial).
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    let numbered = first.len() > 1
        && first.ends_with(['.', ')', ':'])
        && first[..first.len() - 1]
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X'))
        && words.count() >= 2;
    let ruled = ["--", "==", "**", "##", "<<", ">>"]
        .iter()
        .any(|r| name.starts_with(r) || name.ends_with(r));
    let key = crate::normalize::text::fold_key(name);
    // Headings, and the start of headings.
    const HEADINGS: &[&str] = &[
        "khu vuc",
        "vung",
        "mien bac",
        "mien trung",
        "mien nam",
        "mien tay",
        "nhom khach",
        "nhom kh",
        "loai khach",
        "danh sach",
        "ds khach",
        "khach hang mien",
        "khach hang khu vuc",
        "khach hang nam",
        "khach hang thang",
        "dai ly cap",
        "cac tinh",
        "ngoai thanh",
        "noi thanh",
    ];
    // Headings only as the whole cell: «Khách quen chị Lan» is a customer.
    const WHOLE: &[&str] = &[
        "khach si",
        "khach vip",
        "khach quen",
        "khach moi",
        "khach cu",
        "khach hang si",
        "khach hang vip",
        "khach hang quen",
        "khach hang moi",
        "khach hang cu",
        "dai ly",
        "cong ty",
        "ca nhan",
        "to chuc",
    ];
    const CITIES: &[&str] = &[
        "ha noi",
        "tp ha noi",
        "tp hcm",
        "tphcm",
        "tp ho chi minh",
        "thanh pho ho chi minh",
        "sai gon",
        "da nang",
        "tp da nang",
        "hai phong",
        "tp hai phong",
        "can tho",
        "tp can tho",
    ];
    let heading = HEADINGS
        .iter()
        .any(|h| key == *h || key.starts_with(&format!("{h} ")))
        || WHOLE.contains(&key.as_str())
        || CITIES.contains(&key.as_str())
        || (key.starts_with("nam ")
            && key[4..].len() == 4
            && key[4..].bytes().all(|b| b.is_ascii_digit()));
    numbered || ruled || heading
}

/// An invoice's status or note saying it was cancelled or replaced ("Hóa đơn đã bị hủy",
/// "Hủy do sai tên hàng", "Đã bị thay thế bởi HĐ 0000125", "Xóa bỏ"), not one that replaces or
/// adjusts another ("Hóa đơn thay thế", "Điều chỉnh giảm"): those are sales.
pub(super) fn is_cancelled(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    let lower = crate::normalize::text::modern_tone(&nfc.to_lowercase()).into_owned();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |phrase: &[&str]| words.windows(phrase.len()).any(|w| w == phrase);
    if text.is_ascii() {
        // Typed without marks, "huy" is also a given name: only whole phrases count.
        return words == ["huy"]
            || has(&["da", "huy"])
            || has(&["bi", "huy"])
            || has(&["huy", "bo"])
            || has(&["xoa", "bo"])
            || has(&["bi", "thay", "the"])
            || has(&["cancelled"])
            || has(&["canceled"]);
    }
    has(&["hủy"]) || has(&["xóa", "bỏ"]) || has(&["bị", "thay", "thế"])
}

/// The names an invoice gives a buyer who is nobody in particular: "Người mua không lấy hóa
/// đơn" (the phrase the e-invoice rules give a retail buyer), "Khách lẻ", "Khách vãng lai".
pub(super) fn is_anonymous_buyer(name: &str) -> bool {
    let key = crate::normalize::text::fold_key(name);
    matches!(
        key.as_str(),
        "khach le" | "khach vang lai" | "ban le" | "nguoi mua le" | "khach hang le"
    ) || key.contains("khong lay hoa don")
        || key.starts_with("khach le ")
}

/// A totals label, folded: "Tổng cộng", "Tổng tiền thanh toán", "Cộng phát sinh", "Tổng doanh
/// thu", "Grand total". It starts with a word that sums ("tổng", "cộng", "total") and every
/// other word is one an accountant's totals line is made of, so "Tổng công ty Điện lực" (a
/// corporation: "ty" is no such word) and "Công ty …" are customers.
pub(super) fn is_totals_label(key: &str) -> bool {
    const SUMS: &[&str] = &["tong", "cong", "total", "subtotal", "grand", "sub", "sum"];
    const WORDS: &[&str] = &[
        "tong",
        "cong",
        "so",
        "tien",
        "hang",
        "thanh",
        "toan",
        "doanh",
        "thu",
        "gia",
        "tri",
        "thue",
        "gtgt",
        "vat",
        "phat",
        "sinh",
        "luy",
        "ke",
        "chuyen",
        "trang",
        "sang",
        "cuoi",
        "dau",
        "ky",
        "thang",
        "quy",
        "nam",
        "chua",
        "co",
        "da",
        "gom",
        "bao",
        "hoadon",
        "ban",
        "ra",
        "cac",
        "tat",
        "ca",
        "sau",
        "truoc",
        "total",
        "subtotal",
        "sub",
        "grand",
        "sum",
        "amount",
        "all",
        "of",
        "page",
        "invoices",
        "khach",
        "kh",
        "dong",
        "nguoi",
        "customers",
        "rows",
    ];
    // "hóa đơn" is one word here: "Cộng Hòa" is a name.
    let key = key.replace("hoa don", "hoadon");
    let mut words = key.split(' ');
    // A count is a totals line's too: "Cộng: 4 khách", "Tổng số: 6 khách hàng".
    words.next().is_some_and(|w| SUMS.contains(&w))
        && words.all(|w| WORDS.contains(&w) || w.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headings a clerk types between the customers' rows; a name alone is a customer's.
    #[test]
    fn section_headings() {
        let row = |name: &str, phone: &str| {
            let mut r = RawRow::new(0, 2);
            r.push(Role::Name, name);
            r.push(Role::Phone, phone);
            r
        };
        for h in [
            "I. KHÁCH HÀNG MIỀN BẮC",
            "II) Đại lý cấp 1",
            "KHU VỰC MIỀN NAM",
            "Khách sỉ",
            "--- Năm 2019 ---",
            "HÀ NỘI",
            "TP HCM",
            "Năm 2020",
            "Danh sách khách hàng thân thiết",
        ] {
            assert!(is_section_heading(&row(h, "")), "{h}");
        }
        for n in [
            "Nguyễn Văn An",
            "Khách quen chị Lan",
            "Cửa hàng Minh Phát",
            "Hà Giang",
            "Hải Dương",
            "Anh Nam",
            "A. Tuấn",
            "V. Nam",
            "1. Nguyễn Văn An",
        ] {
            assert!(!is_section_heading(&row(n, "")), "{n}");
        }
        assert!(!is_section_heading(&row("KHU VỰC MIỀN NAM", "0912000001")));
    }

    #[test]
    fn anonymous_buyers() {
        for n in [
            "Người mua không lấy hóa đơn",
            "NGƯỜI MUA KHÔNG LẤY HÓA ĐƠN",
            "Khách lẻ",
            "Khách lẻ - bán hàng qua điện thoại",
            "Khách hàng không lấy hóa đơn",
            "Khách vãng lai",
        ] {
            assert!(is_anonymous_buyer(n), "{n}");
        }
        for n in [
            "Nguyễn Văn Lẻ",
            "Công ty TNHH Khách sạn Lê",
            "Khách sạn Hòa Bình",
            "",
        ] {
            assert!(!is_anonymous_buyer(n), "{n}");
        }
    }

    #[test]
    fn cancelled_or_replaced_invoices() {
        for t in [
            "Hóa đơn đã bị hủy",
            "Hủy do sai tên hàng",
            "HỦY",
            "Đã hủy",
            "Hóa đơn đã bị thay thế",
            "Bị thay thế bởi HĐ 0000125",
            "Xóa bỏ",
            "Cancelled",
            "da huy",
            "Hóa đơn đã bị hu\u{309}y",
        ] {
            assert!(is_cancelled(t), "{t}");
        }
        for t in [
            "",
            "Hóa đơn mới",
            "Hóa đơn thay thế",
            "Thay thế cho HĐ 0000124",
            "Hóa đơn điều chỉnh",
            "Điều chỉnh giảm",
            "Hóa đơn đã bị điều chỉnh",
            "Khách quen",
            "Huy giao hàng",
            "Anh Huy lấy hàng",
            "Bui Huy",
        ] {
            assert!(!is_cancelled(t), "{t}");
        }
    }

    /// The totals lines of accountants' listings are skipped; names that start the same way
    /// are customers.
    #[test]
    fn totals_labels() {
        for label in [
            "Tổng cộng",
            "TỔNG CỘNG",
            "Tổng",
            "Cộng",
            "Tổng số",
            "Cộng tiền hàng",
            "Tổng tiền thanh toán",
            "Tổng cộng tiền",
            "Tổng doanh thu",
            "Cộng phát sinh",
            "Cộng chuyển sang trang sau",
            "Tổng cộng (đã gồm thuế GTGT)",
            "Grand total",
            "Total",
            "Cộng: 4 khách",
            "Tổng số: 6 khách hàng",
            "Tổng cộng 120 KH",
        ] {
            let key = crate::normalize::text::fold_key(label);
            assert!(is_totals_label(&key), "{label}");
        }
        for name in [
            "Tổng công ty Điện lực miền Bắc",
            "Công ty TNHH Tổng hợp",
            "Cộng Hòa",
            "Tổng Thị Hoa",
            "Cộng đồng Xanh",
            "Tổng Văn Khách",
            "",
        ] {
            let key = crate::normalize::text::fold_key(name);
            assert!(!is_totals_label(&key), "{name}");
        }
    }
}
