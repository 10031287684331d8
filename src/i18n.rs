//! Vietnamese first, English on `--lang en`. Every text a person reads is written in both
//! languages in one of three ways, and chosen by the run's language when it is shown:
//!
//! - a fixed label: `L("…vi…", "…en…")`, shown with `.t(lang)`;
//! - a formatted sentence: `pick(lang, format!("…vi…"), format!("…en…"))`;
//! - a problem that travels as an error before anything knows the language (an input's, the
//!   state store's): an enum with `message(lang)` built from the two above, like
//!   `error::ProblemKind` and `state::StateProblem`; `error::describe` renders the error chain
//!   in the run's language, and its `Display` (for logs) is the Vietnamese.
//!
//! Nothing else chooses a language: no `match lang` outside this file, no string holding both
//! languages, no sentence in one language only. Stored keys (`Kind::key`, lineage actions,
//! audit kinds) never come from these labels.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A label in both languages.
#[derive(Debug, Clone, Copy)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn t(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.0,
            Lang::En => self.1,
        }
    }
}

/// Picks the Vietnamese or English form of a formatted message.
pub fn pick(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A column role as people read it ("Điện thoại bàn", not `phone_fixed`); the stable key
/// (`Role::key`) stays for `sokhach.toml` and `--json`.
pub fn role(role: crate::model::Role, lang: Lang) -> &'static str {
    use crate::model::Role;
    let l = match role {
        Role::Name => L("Tên", "Name"),
        Role::Contact => L("Người liên hệ", "Contact person"),
        Role::Phone => L("Điện thoại", "Phone"),
        Role::PhoneFixed => L("Điện thoại bàn", "Landline"),
        Role::Email => L("Email", "Email"),
        Role::Address => L("Địa chỉ", "Address"),
        Role::Delivery => L("Địa chỉ giao hàng", "Delivery address"),
        Role::TaxCode => L("MST", "Tax code"),
        Role::Date => L("Ngày", "Date"),
        Role::Note => L("Ghi chú", "Note"),
        Role::RowNo => L("STT", "Row number"),
        Role::InvoiceSeries => L("Ký hiệu hóa đơn", "Invoice series"),
        Role::InvoiceNo => L("Số hóa đơn", "Invoice number"),
        Role::Amount => L("Doanh thu", "Amount"),
        Role::Vat => L("Thuế GTGT", "VAT"),
        Role::CustomerId => L("Mã KH", "Customer ID"),
        Role::Consent => L("Đồng ý nhận tin", "Marketing consent"),
        Role::OptOut => L("Không nhận quảng cáo", "Refuses marketing"),
        Role::Honorific => L("Danh xưng", "Honorific"),
        Role::NoMarketing => L("Ngừng quảng cáo", "No marketing"),
        Role::InvoiceCount => L("Số hóa đơn (đếm)", "Invoice count"),
        Role::SourceRows => L("Số dòng gốc", "Source rows"),
        Role::Provenance => L("Nguồn", "Sources"),
        Role::Province => L("Tỉnh/Thành", "Province"),
        Role::Kind => L("Loại", "Type"),
        Role::Discount => L("Chiết khấu", "Discount"),
        Role::Gross => L("Tổng tiền (gồm thuế)", "Total with VAT"),
    };
    l.t(lang)
}

/// What kind of table a source is, as people read it.
pub fn source_kind(kind: crate::model::SourceKind, lang: Lang) -> &'static str {
    match kind {
        crate::model::SourceKind::Customers => L("sổ khách hàng", "customer ledger"),
        crate::model::SourceKind::Invoices => L("bảng kê hóa đơn", "invoice listing"),
    }
    .t(lang)
}
