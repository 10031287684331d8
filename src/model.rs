//! The records that flow between stages: where a row came from, what it said, and the findings
//! each stage produced about it. Stages exchange these plain types; nothing here prints.

use std::fmt;

/// The role a column plays in a ledger. Raw values are kept per role, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Name,
    Contact,
    Phone,
    PhoneFixed,
    Email,
    Address,
    Delivery,
    TaxCode,
    Date,
    Note,
    RowNo,
    InvoiceSeries,
    InvoiceNo,
    Amount,
    Vat,
    CustomerId,
    Consent,
}

impl Role {
    pub const COUNT: usize = 17;
    pub const ALL: [Role; Role::COUNT] = [
        Role::Name,
        Role::Contact,
        Role::Phone,
        Role::PhoneFixed,
        Role::Email,
        Role::Address,
        Role::Delivery,
        Role::TaxCode,
        Role::Date,
        Role::Note,
        Role::RowNo,
        Role::InvoiceSeries,
        Role::InvoiceNo,
        Role::Amount,
        Role::Vat,
        Role::CustomerId,
        Role::Consent,
    ];

    /// Stable machine name, used in `sokhach.toml` column overrides and `--json` output.
    pub fn key(self) -> &'static str {
        match self {
            Role::Name => "name",
            Role::Contact => "contact",
            Role::Phone => "phone",
            Role::PhoneFixed => "phone_fixed",
            Role::Email => "email",
            Role::Address => "address",
            Role::Delivery => "delivery",
            Role::TaxCode => "tax_code",
            Role::Date => "date",
            Role::Note => "note",
            Role::RowNo => "row_no",
            Role::InvoiceSeries => "invoice_series",
            Role::InvoiceNo => "invoice_no",
            Role::Amount => "amount",
            Role::Vat => "vat",
            Role::CustomerId => "customer_id",
            Role::Consent => "consent",
        }
    }

    pub fn from_key(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }
}

/// Whether a table lists customers or the accountant's sales invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Customers,
    Invoices,
}

/// One sheet of a workbook, or one CSV file, that was read as a ledger.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file as the user named it (relative to the folder argument for folders).
    pub file: String,
    /// Sheet name; `None` for CSV.
    pub sheet: Option<String>,
    pub kind: SourceKind,
    /// "xlsx", "xls", "ods", "csv"…
    pub format: &'static str,
    /// For CSV: the encoding detected or forced.
    pub encoding: Option<String>,
    /// Row number (as the user sees it) of the header row.
    pub header_row: u32,
    /// Each column's header text and the role recognised for it.
    pub columns: Vec<(String, Option<Role>)>,
    pub data_rows: u64,
    pub empty_rows: u64,
}

/// One data row as read, before any normalisation: one raw string per role, all in one buffer
/// (a million rows must fit on a laptop, so no `String` per cell).
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    /// Index into the run's `Vec<Source>`.
    pub source: u32,
    /// Row number the user sees (Excel row, or CSV line with the header as line 1).
    pub row: u32,
    buf: String,
    spans: [(u32, u32); Role::COUNT],
}

impl RawRow {
    pub fn new(source: u32, row: u32) -> Self {
        RawRow {
            source,
            row,
            ..Default::default()
        }
    }

    pub fn get(&self, role: Role) -> &str {
        let (start, len) = self.spans[role as usize];
        &self.buf[start as usize..(start + len) as usize]
    }

    /// Sets a role's value, or appends with " / " when several columns share the role
    /// (two phone columns, two name columns…).
    pub fn push(&mut self, role: Role, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let slot = role as usize;
        let start = self.buf.len();
        if self.spans[slot].1 > 0 {
            let (s, l) = self.spans[slot];
            self.buf.extend_from_within(s as usize..(s + l) as usize);
            self.buf.push_str(" / ");
        }
        self.buf.push_str(value);
        self.spans[slot] = (start as u32, (self.buf.len() - start) as u32);
    }

    /// Replaces a role's value (a correction request, a column override).
    pub fn set(&mut self, role: Role, value: &str) {
        self.spans[role as usize] = (0, 0);
        self.push(role, value);
    }
}

/// Customer fields a finding can be about (columns of the cleaned book).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Contact,
    Phone,
    Email,
    Address,
    Delivery,
    TaxCode,
    Date,
    Amount,
}

/// How sure a stage is about a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The value was rewritten with confidence (shown in the "changes" sheet).
    Changed,
    /// A human should look (shown in the "to check" sheet); the value was kept as typed or
    /// converted with a stated doubt.
    Check,
}

/// One thing a stage learned about one input row; flows to the change report and lineage.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index of the row in the run's `Vec<RawRow>`.
    pub row: u32,
    pub field: Field,
    pub severity: Severity,
    pub rule: Rule,
    pub old: String,
    pub new: String,
}

/// Why a value changed or needs a look. Labels live in `i18n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    LegacyFontConverted,
    NameCased,
    HonorificSplit,
    LegalFormExpanded,
    PhoneFormatted,
    PhoneMobileRenumbered,
    PhoneLandlineRenumbered,
    PhoneLeadingZero,
    PhoneInvalid,
    PhoneMaybeOldLandline,
    EmailLowercased,
    EmailInvalid,
    EmailTypo,
    TaxFormatted,
    TaxLeadingZero,
    TaxBadCheckDigit,
    TaxBadLength,
    AddressExpanded,
    DateInvalid,
    AmountInvalid,
    NameMissing,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// What happened to one input row, as written to `lineage.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Kept,
    Merged,
    Deleted,
    Expired,
    Suppressed,
    Skipped,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Kept => "kept",
            Action::Merged => "merged",
            Action::Deleted => "deleted",
            Action::Expired => "expired",
            Action::Suppressed => "suppressed",
            Action::Skipped => "skipped",
        }
    }
}
