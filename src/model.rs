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
    /// The cleaned book's columns, when it comes back as next week's shared workbook.
    Honorific,
    NoMarketing,
    InvoiceCount,
    SourceRows,
    Provenance,
    Province,
    /// The book's «Loại» (type): read back for its mark of a customer known only from
    /// invoices, the rest of it derived again.
    Kind,
    /// An invoice line's discount («Tiền chiết khấu»): its revenue is the amount less it.
    Discount,
    /// An invoice line's total with its VAT («Tổng tiền thanh toán»): read when the listing
    /// gives no revenue before VAT (that revenue is the total less the VAT, when the VAT is
    /// given).
    Gross,
    /// A ledger's column that marks who refuses marketing («Không nhận quảng cáo», «Từ chối
    /// quảng cáo», «Unsubscribed»): a mark in it is a «no» (the consent column's opposite).
    OptOut,
}

impl Role {
    pub const COUNT: usize = 27;
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
        Role::Honorific,
        Role::NoMarketing,
        Role::InvoiceCount,
        Role::SourceRows,
        Role::Provenance,
        Role::Province,
        Role::Kind,
        Role::Discount,
        Role::Gross,
        Role::OptOut,
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
            Role::Honorific => "honorific",
            Role::NoMarketing => "no_marketing",
            Role::InvoiceCount => "invoice_count",
            Role::SourceRows => "source_rows",
            Role::Provenance => "sources",
            Role::Province => "province",
            Role::Kind => "kind",
            Role::Discount => "discount",
            Role::Gross => "gross",
            Role::OptOut => "opt_out",
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
    /// Every column (also those without header text, and those not used: role `None`) with
    /// its header text and the role it is read as.
    pub columns: Vec<(String, Option<Role>)>,
    /// Columns whose role their cells decided because the header named nothing or a role the
    /// cells contradict; the terminal summary and the report say so. Column overrides from
    /// sokhach.toml win and are not listed.
    pub inferred: Vec<InferredColumn>,
    /// Columns not used (role `None`) that hold values on data rows of a customer table: index
    /// into `columns`, and how many cells. The cleaned book does not carry them.
    pub unused_filled: Vec<(usize, u64)>,
    /// Rows of a customer table whose name lies in a cell merged down rows (row, the area's
    /// first row): the rows of one area are one customer, as the clerk wrote them.
    pub merged_names: Vec<(u32, u32)>,
    /// The rows (as numbered) a clerk struck through, every filled cell (xlsx), ascending.
    pub struck_rows: Vec<u32>,
    /// The rows (as numbered, ascending) whose struck-through phone, email or address cells
    /// were put in the notes, not read as the customer's.
    pub struck_cells_noted: Vec<u32>,
    pub data_rows: u64,
    pub empty_rows: u64,
}

impl Source {
    /// A CSV table with no columns, for tests of the stages that only look at its kind.
    pub fn bare(file: &str, kind: SourceKind) -> Source {
        Source {
            file: file.into(),
            sheet: None,
            kind,
            format: "csv",
            encoding: None,
            header_row: 1,
            columns: Vec::new(),
            data_rows: 0,
            empty_rows: 0,
            inferred: Vec::new(),
            unused_filled: Vec::new(),
            merged_names: Vec::new(),
            struck_rows: Vec::new(),
            struck_cells_noted: Vec::new(),
        }
    }
}

/// A column whose role was decided from its cells, not from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InferredColumn {
    /// Index into [`Source::columns`].
    pub column: usize,
    /// What the header alone said; `None` when it named nothing.
    pub header_role: Option<Role>,
}

/// One data row as read, before any normalisation: one raw string per role, all in one buffer
/// in role order (a million rows must fit on a laptop, so no `String` per cell, and 2 bytes
/// per role: where its value ends; 4 bytes in the rare row whose text passes 64 KiB).
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    /// Index into the run's `Vec<Source>`.
    pub source: u32,
    /// Row number the user sees (Excel row, or CSV line with the header as line 1).
    pub row: u32,
    buf: String,
    ends: Ends,
}

/// Where each role's value ends in a [`RawRow`]'s buffer: 50 bytes for a row of up to 64 KiB
/// of text (all but hostile rows), 100 on the heap past that (88 bytes a row; 128 before
/// they were packed).
#[derive(Debug, Clone)]
enum Ends {
    Short([u16; Role::COUNT]),
    Long(Box<[u32; Role::COUNT]>),
}

impl Default for Ends {
    fn default() -> Self {
        Ends::Short([0; Role::COUNT])
    }
}

impl Ends {
    fn get(&self, i: usize) -> usize {
        match self {
            Ends::Short(e) => usize::from(e[i]),
            Ends::Long(e) => e[i] as usize,
        }
    }

    /// Moves the ends of roles `from..` by `delta` bytes; `len` is the buffer's length after.
    fn shift(&mut self, from: usize, delta: i64, len: usize) {
        if let Ends::Short(e) = self {
            if len > usize::from(u16::MAX) {
                *self = Ends::Long(Box::new(e.map(u32::from)));
            }
        }
        match self {
            Ends::Short(e) => e[from..]
                .iter_mut()
                .for_each(|x| *x = (i64::from(*x) + delta) as u16),
            Ends::Long(e) => e[from..]
                .iter_mut()
                .for_each(|x| *x = (i64::from(*x) + delta) as u32),
        }
    }
}

impl RawRow {
    pub fn new(source: u32, row: u32) -> Self {
        RawRow {
            source,
            row,
            ..Default::default()
        }
    }

    /// A row whose text will take about `bytes` (see [`RawRow::push`]).
    pub fn with_capacity(source: u32, row: u32, bytes: usize) -> Self {
        RawRow {
            source,
            row,
            buf: String::with_capacity(bytes),
            ..Default::default()
        }
    }

    fn range(&self, role: Role) -> (usize, usize) {
        let i = role as usize;
        let start = if i == 0 { 0 } else { self.ends.get(i - 1) };
        (start, self.ends.get(i))
    }

    pub fn get(&self, role: Role) -> &str {
        let (start, end) = self.range(role);
        &self.buf[start..end]
    }

    /// Every value of the row, one after the other (to bring them into the cache together).
    pub fn text(&self) -> &str {
        &self.buf
    }

    /// Sets a role's value, or appends when several columns share the role: with " / " (two
    /// phone columns, two name columns…), with ", " for the parts of an address.
    pub fn push(&mut self, role: Role, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let (start, end) = self.range(role);
        // An address split over columns (street, ward, district, province) is one address.
        let sep = match role {
            _ if end == start => "",
            Role::Address | Role::Delivery => ", ",
            _ => " / ",
        };
        self.buf.insert_str(end, value);
        self.buf.insert_str(end, sep);
        let grown = (sep.len() + value.len()) as i64;
        self.ends.shift(role as usize, grown, self.buf.len());
    }

    /// Replaces a role's value (a correction request, a column override).
    pub fn set(&mut self, role: Role, value: &str) {
        let (start, end) = self.range(role);
        self.buf.replace_range(start..end, "");
        self.ends
            .shift(role as usize, -((end - start) as i64), self.buf.len());
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
    CustomerId,
    /// The row's notes («Ghi chú»): what they say the book must act on.
    Note,
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
    /// The value before. Read it with `normalize::finding_values`: a long value equal to the
    /// row's whole cell is not copied (`old_is_cell`), nor one equal to the value the
    /// normalised row keeps (`new_is_kept`) — a million rows have a million changed addresses.
    pub old: compact_str::CompactString,
    pub new: compact_str::CompactString,
    pub old_is_cell: bool,
    pub new_is_kept: bool,
}

impl Field {
    /// The raw column a finding about this field quotes, for text fields.
    pub fn cell_role(self) -> Option<Role> {
        match self {
            Field::Name => Some(Role::Name),
            Field::Contact => Some(Role::Contact),
            Field::Email => Some(Role::Email),
            Field::Address => Some(Role::Address),
            Field::Delivery => Some(Role::Delivery),
            Field::Note => Some(Role::Note),
            _ => None,
        }
    }
}

/// Why a value changed or needs a look. Labels live in `i18n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    LegacyFontConverted,
    NameCased,
    HonorificSplit,
    LegalFormExpanded,
    /// A business abbreviation after the legal form («TM», «XD») written out.
    TradeWordsExpanded,
    /// A note typed after a person's name ("Chị Hằng (nợ 2tr)") moved to the row's notes.
    NameNoteMoved,
    /// A contact person typed beside an organisation's name («Anh Hiển - Cửa hàng Minh
    /// Tường») moved to the contact column (or, when it has one, to the row's notes).
    NameContactMoved,
    /// A phone number or an email typed into the name cell («Chị Lan 0912345678») moved to
    /// the phones or emails.
    NamePhoneEmailMoved,
    /// A phone number or email typed into an address cell, moved to its column.
    AddressPhoneEmailMoved,
    PhoneFormatted,
    PhoneMobileRenumbered,
    PhoneLandlineRenumbered,
    /// A pre-2017 area code nothing on the row confirms: converted, and a person looks (the
    /// digits may be a current number mistyped: `0207694942` → `02147694942`).
    PhoneOldAreaCodeUnconfirmed,
    PhoneLeadingZero,
    PhoneInvalid,
    /// Words beside the numbers of a phone cell («0912 345 677 (chồng)», «anh Nam»): not a bad
    /// number, a note of whose line it is; the cell goes to the notes whole.
    PhoneWords,
    /// A landline typed without its area code: the code of the row's province put in front.
    PhoneAreaCodeAdded,
    PhoneMaybeOldLandline,
    /// A number Excel showed in scientific form («9.12346E+08», «1,08801E+11») and a CSV kept
    /// so: its rounded digits are lost; the file it was saved from still has them.
    NumberAsExponent,
    EmailLowercased,
    EmailInvalid,
    /// Words beside an email address («(con gái)»): the cell goes to the notes whole.
    EmailWords,
    EmailTypo,
    TaxFormatted,
    TaxLeadingZero,
    TaxBadCheckDigit,
    /// Ten digits failing the check digit that read as a personal number of Hà Nội (001) or
    /// another province 002–008 with its two leading zeros lost: the twelve digits suggested.
    TaxTwoZerosLost,
    TaxBadLength,
    /// Words beside a valid tax code that may make it someone else's («0100112437 (cty mẹ)»):
    /// the cell in the notes, the code not taken.
    TaxWords,
    AddressExpanded,
    /// An address typed in one case (all capitals, all small letters) given its capitals.
    AddressCased,
    /// The written province is not the one of a district or ward the address names
    /// ("Huyện Lập Thạch, Hà Nội"): kept as written; the other province is the suggestion.
    AddressProvinceConflict,
    /// A date of a source that writes its dates month first («3/15/2024»), read so.
    DateMonthFirst,
    DateInvalid,
    /// A dealing dated after the run's day: kept (it keeps the customer active), and a person
    /// looks (a year typed wrong, a reminder's date in the dealing's column).
    DateAfterRun,
    AmountInvalid,
    /// An amount with a part of a đồng, rounded to the whole đồng.
    AmountRounded,
    NameMissing,
    /// A name cell that names nobody («-», «N/A», «Không có», «Khách lẻ»): the name is left
    /// empty, the text kept in the notes.
    NamePlaceholder,
    /// "NT", "như trên" in the delivery column: the contact address.
    DeliverySameAsAddress,
    /// An email domain that can never receive mail (.test, .invalid, localhost…).
    EmailNotDeliverable,
    /// A Mã KH in the adopted book that the state never gave.
    CustomerIdUnknown,
    /// A Mã KH on a row whose tax code is another taxpayer's than the one of the row that
    /// named it first (a typo in the id): the row is matched like a new one.
    CustomerIdOtherTaxpayer,
    /// A Mã KH another row of the adopted book names too, on a row that shares no name, phone,
    /// email or tax code with that customer's (a clerk copied a row to start a new customer):
    /// the row is matched like a new one.
    CustomerIdCopied,
    /// A value a person changed in the adopted book (newest information: it wins).
    EditedInBook,
    /// A cell as long as Excel's limit (32,767 characters): a CSV field longer than that was
    /// cut there when read, and a workbook's cell may have been cut when typed. The input
    /// keeps the whole value; a person looks.
    CellAtLimit,
    /// A note that refuses marketing («không nhận quảng cáo», «đừng gọi nữa»): the row is
    /// marked «Ngừng quảng cáo», as a mark in an opt-out column.
    NoteRefusesMarketing,
    /// A note that says the customer asked for the data to be deleted: nothing is deleted
    /// without the request book (its date, its deadline); the row takes no marketing and a
    /// person records the request.
    NoteAsksDeletion,
    /// A note that says the customer has died: no marketing; a person looks.
    NoteDeceased,
    /// A note that says the business has closed («đã giải thể», «ngừng hoạt động»): no
    /// marketing; a person looks.
    NoteClosed,
    /// A row a clerk struck through in the workbook (every filled cell): read as it is (the
    /// strike may cross out a customer who left, a duplicate, or a row to delete); a person
    /// looks.
    StruckInBook,
    /// An invoice listing's line a clerk struck through: counted as the listing gives it (a
    /// cancelled invoice is one its status column says so); a person looks.
    StruckInvoiceLine,
    /// A phone, email or address cell a clerk struck through on a row not struck whole (an
    /// old number, a former address): kept in the notes, not read as the customer's.
    StruckCellNoted,
    /// A name and an address typed in each other's columns (an address with its house number
    /// in the name cell, a person's name in the address cell): each read in its own.
    NameAddressSwapped,
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

/// What identifies an invoice: its series and its number ("1" repeats across series), the
/// number without leading zeros. `None` without a series: such rows cannot be told apart.
pub fn invoice_key(series: &str, number: &str) -> Option<(String, String)> {
    invoice_parts(series, number).filter(|(series, _)| !series.is_empty())
}

/// An invoice's series (in capitals, maybe empty) and number (no leading zeros), when it has
/// a number.
pub fn invoice_parts(series: &str, number: &str) -> Option<(String, String)> {
    let number = number.trim().trim_start_matches('0');
    (!number.is_empty()).then(|| (series.trim().to_uppercase(), number.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_raw_row_is_compact() {
        // A million of them live through the whole run.
        assert!(std::mem::size_of::<RawRow>() <= 88);
    }

    #[test]
    fn a_row_past_64_kib_keeps_every_value() {
        let long = "x".repeat(40_000);
        let mut r = RawRow::new(0, 2);
        r.push(Role::Name, "Nguyễn Văn An");
        r.push(Role::Note, &long);
        r.push(Role::Address, &long);
        r.push(Role::Phone, "0912345678");
        assert_eq!(r.get(Role::Name), "Nguyễn Văn An");
        assert_eq!(r.get(Role::Note), long);
        assert_eq!(r.get(Role::Address), long);
        assert_eq!(r.get(Role::Phone), "0912345678");
        r.set(Role::Address, "12 Lê Lợi");
        assert_eq!(r.get(Role::Address), "12 Lê Lợi");
        assert_eq!(r.get(Role::Note), long);
        assert_eq!(r.get(Role::Province), "");
    }

    proptest! {
        /// push and set behave as one string per role, joined with " / " (an address's parts
        /// with ", "), at any length.
        #[test]
        fn a_raw_row_is_one_value_per_role(
            ops in proptest::collection::vec(
                (0..Role::COUNT, proptest::bool::ANY, "[a-zà-ỹ ]{0,12}", 0usize..3),
                0..24,
            )
        ) {
            let mut row = RawRow::new(0, 1);
            let mut model = vec![String::new(); Role::COUNT];
            for (i, set, text, big) in ops {
                // Now and then a value of 30,000 bytes, to cross the 64 KiB of short ends.
                let value = if big == 2 { format!("{text}{}", "y".repeat(30_000)) } else { text };
                let role = Role::ALL[i];
                let v = value.trim();
                if set {
                    row.set(role, &value);
                    model[i] = v.to_string();
                } else {
                    row.push(role, &value);
                    if !v.is_empty() {
                        if !model[i].is_empty() {
                            let parts = matches!(role, Role::Address | Role::Delivery);
                            model[i].push_str(if parts { ", " } else { " / " });
                        }
                        model[i].push_str(v);
                    }
                }
            }
            for (i, want) in model.iter().enumerate() {
                prop_assert_eq!(row.get(Role::ALL[i]), want.as_str());
            }
        }
    }

    /// The lineage's action column and the audit log's kinds (`deleted`, `expired`) are read
    /// by people's filters and by `sokhach log`: the words never change.
    #[test]
    fn actions_are_stable_words() {
        let all = [
            Action::Kept,
            Action::Merged,
            Action::Deleted,
            Action::Expired,
            Action::Suppressed,
            Action::Skipped,
        ];
        assert_eq!(
            all.map(Action::as_str),
            [
                "kept",
                "merged",
                "deleted",
                "expired",
                "suppressed",
                "skipped"
            ]
        );
    }

    #[test]
    fn raw_row_keeps_each_role_whatever_the_column_order() {
        let mut r = RawRow::new(0, 2);
        r.push(Role::Email, " a@b.vn ");
        r.push(Role::Name, "Nguyễn Văn An");
        r.push(Role::Consent, "x");
        r.push(Role::Phone, "0912345678");
        r.push(Role::Phone, "");
        r.push(Role::Phone, "0987654321");
        r.push(Role::Address, "12 Lê Lợi");
        assert_eq!(r.get(Role::Name), "Nguyễn Văn An");
        assert_eq!(r.get(Role::Phone), "0912345678 / 0987654321");
        assert_eq!(r.get(Role::Email), "a@b.vn");
        assert_eq!(r.get(Role::Address), "12 Lê Lợi");
        assert_eq!(r.get(Role::Consent), "x");
        assert_eq!(r.get(Role::TaxCode), "");
        r.set(Role::Phone, "0903000000");
        r.set(Role::Name, "");
        assert_eq!(r.get(Role::Phone), "0903000000");
        assert_eq!(r.get(Role::Name), "");
        assert_eq!(r.get(Role::Email), "a@b.vn");
        assert_eq!(r.get(Role::Consent), "x");
    }
}
