//! The cleaned book (`khach-hang.xlsx`) coming back as next week's shared workbook. Its columns
//! are read for what they are: `Mã KH` names the customer, "Số hóa đơn" is a count (not an
//! invoice listing), the province columns and the type are derived from other columns (the type's
//! mark of a customer known only from invoices is read back), and the
//! provenance columns ("Số dòng gốc", "Nguồn") are carried forward as they are.

use crate::model::Role;
use crate::normalize::text::fold_key;

/// The book's headers in both languages (folded), and the role each plays when the book is
/// read back; `None` for a column derived from the others (re-derived every run).
#[rustfmt::skip]
const COLUMNS: &[(&str, Option<Role>)] = &[
    ("ma kh", Some(Role::CustomerId)),          ("customer id", Some(Role::CustomerId)),
    ("loai", Some(Role::Kind)),                 ("type", Some(Role::Kind)),
    ("danh xung", Some(Role::Honorific)),       ("honorific", Some(Role::Honorific)),
    ("ten khach hang", Some(Role::Name)),       ("name", Some(Role::Name)),
    ("nguoi lien he", Some(Role::Contact)),     ("contact person", Some(Role::Contact)),
    ("dien thoai", Some(Role::Phone)),          ("phone", Some(Role::Phone)),
    ("sdt khac", Some(Role::Phone)),            ("other phones", Some(Role::Phone)),
    ("email", Some(Role::Email)),
    ("email khac", Some(Role::Email)),          ("other emails", Some(Role::Email)),
    ("dia chi", Some(Role::Address)),           ("address", Some(Role::Address)),
    ("dia chi giao hang", Some(Role::Delivery)), ("delivery address", Some(Role::Delivery)),
    ("mst", Some(Role::TaxCode)),               ("tax code", Some(Role::TaxCode)),
    ("giao dich cuoi", Some(Role::Date)),       ("last activity", Some(Role::Date)),
    ("so hoa don", Some(Role::InvoiceCount)),   ("invoices", Some(Role::InvoiceCount)),
    ("so dong goc", Some(Role::SourceRows)),    ("source rows", Some(Role::SourceRows)),
    ("nguon", Some(Role::Provenance)),          ("sources", Some(Role::Provenance)),
    ("ghi chu", Some(Role::Note)),              ("notes", Some(Role::Note)),
    ("ngung quang cao", Some(Role::NoMarketing)), ("no marketing", Some(Role::NoMarketing)),
];

/// Derived columns recognised by their first words ("Tỉnh/Thành (từ 1/7/2025)").
const DERIVED_PREFIX: &[&str] = &["tinh thanh", "province"];

/// The province column (before the 2025 merger): carried, as it may come from a row whose
/// address is not the one shown.
const PROVINCE: &[&str] = &["tinh thanh", "province"];

/// Headers only the book has: two of them beside a `Mã KH` column make a table the book.
const BOOK_ONLY: &[&str] = &[
    "so dong goc",
    "source rows",
    "nguon",
    "sources",
    "giao dich cuoi",
    "last activity",
    "sdt khac",
    "other phones",
    "email khac",
    "other emails",
    "ngung quang cao",
    "no marketing",
    "danh xung",
    "honorific",
];

/// The book's provenance headers: no other ledger writes them.
const PROVENANCE: &[&str] = &["so dong goc", "source rows", "nguon", "sources"];

/// Whether a header row is the cleaned book's: a `Mã KH` column and two headers only the book
/// has, or, its `Mã KH` column deleted by a clerk, a provenance column and two more of them, or
/// four of them (the provenance deleted too). Read as a ledger, its «Số hóa đơn» count made it
/// an invoice listing: every row without an invoice's number was skipped, and every customer
/// was counted again.
pub fn is_book(names: &[String]) -> bool {
    let keys: Vec<String> = names.iter().map(|n| fold_key(n)).collect();
    let has_id = keys.iter().any(|k| k == "ma kh" || k == "customer id");
    let book_only = keys
        .iter()
        .filter(|k| BOOK_ONLY.contains(&k.as_str()))
        .count();
    let provenance = keys.iter().any(|k| PROVENANCE.contains(&k.as_str()));
    (has_id && book_only >= 2) || (provenance && book_only >= 3) || book_only >= 4
}

/// Whether a source read is a sheet of the cleaned book (its header row, see [`is_book`]).
pub fn is_book_source(s: &crate::model::Source) -> bool {
    let names: Vec<String> = s.columns.iter().map(|(n, _)| n.clone()).collect();
    is_book(&names)
}

/// The roles of the book's columns when `names` is the book's header row; `roles` unchanged
/// otherwise. A column the office added to the book keeps the role its header names.
pub fn remap(names: &[String], mut roles: Vec<Option<Role>>) -> Vec<Option<Role>> {
    if !is_book(names) {
        return roles;
    }
    for (name, role) in names.iter().zip(roles.iter_mut()) {
        let key = fold_key(name);
        if let Some(&(_, r)) = COLUMNS.iter().find(|(k, _)| *k == key) {
            *role = r;
        } else if PROVINCE.contains(&key.as_str()) {
            *role = Some(Role::Province);
        } else if DERIVED_PREFIX
            .iter()
            .any(|p| key == *p || key.starts_with(&format!("{p} ")))
        {
            *role = None;
        }
    }
    roles
}

/// "Có" / "x" / "yes" in a yes-no column of the book.
pub fn is_yes(cell: &str) -> bool {
    matches!(
        fold_key(cell).as_str(),
        "co" | "x" | "yes" | "y" | "1" | "true" | "dung"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_books_columns_come_back_for_what_they_are() {
        let n = names(&[
            "Mã KH",
            "Loại",
            "Danh xưng",
            "Tên khách hàng",
            "SĐT khác",
            "Tỉnh/Thành (từ 1/7/2025)",
            "Giao dịch cuối",
            "Số hóa đơn",
            "Số dòng gốc",
            "Nguồn",
            "Ngừng quảng cáo",
            "Zalo",
        ]);
        let roles = remap(&n, vec![Some(Role::Phone); n.len()]);
        assert_eq!(
            roles,
            vec![
                Some(Role::CustomerId),
                Some(Role::Kind),
                Some(Role::Honorific),
                Some(Role::Name),
                Some(Role::Phone),
                None,
                Some(Role::Date),
                Some(Role::InvoiceCount),
                Some(Role::SourceRows),
                Some(Role::Provenance),
                Some(Role::NoMarketing),
                Some(Role::Phone),
            ]
        );
        let en = names(&[
            "Customer ID",
            "Name",
            "Other phones",
            "Source rows",
            "Invoices",
        ]);
        assert!(is_book(&en));
        assert_eq!(remap(&en, vec![None; 5])[4], Some(Role::InvoiceCount));
    }

    #[test]
    fn an_invoice_listing_or_a_ledger_with_ids_is_not_the_book() {
        let listing = names(&["STT", "Số hóa đơn", "Tên người mua", "Mã KH"]);
        assert!(!is_book(&listing));
        let ledger = names(&["Mã KH", "Họ tên", "Điện thoại", "Ghi chú"]);
        assert!(!is_book(&ledger));
        // An office's own ledger may have a few of the book's headers (three), never its
        // provenance.
        let own = names(&[
            "Họ tên",
            "Danh xưng",
            "SĐT khác",
            "Email khác",
            "Số hóa đơn",
        ]);
        assert!(!is_book(&own));
    }

    #[test]
    fn the_book_without_its_id_column_is_still_the_book() {
        let n = names(&[
            "Loại",
            "Danh xưng",
            "Tên khách hàng",
            "SĐT khác",
            "Giao dịch cuối",
            "Số hóa đơn",
            "Số dòng gốc",
            "Nguồn",
        ]);
        assert!(is_book(&n));
        assert_eq!(remap(&n, vec![None; n.len()])[5], Some(Role::InvoiceCount));
        // Its provenance alone, with one more of its headers, is not enough.
        assert!(!is_book(&names(&[
            "Tên khách hàng",
            "Nguồn",
            "SĐT khác",
            "Số hóa đơn"
        ])));
        // Four of its own headers are, the provenance deleted too.
        let n = names(&[
            "Loại",
            "Danh xưng",
            "Tên khách hàng",
            "SĐT khác",
            "Email khác",
            "Giao dịch cuối",
            "Số hóa đơn",
        ]);
        assert!(is_book(&n));
    }
}
