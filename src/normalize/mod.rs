//! Normalize: each raw row → canonical Vietnamese values plus matching keys, and a `Finding`
//! for every value that changed or needs a human. Pure functions per field live in the
//! submodules; this module only wires them to rows and records what happened.

pub mod address;
pub mod amount;
pub mod columns;
pub mod date;
pub mod email;
pub mod legacy;
pub mod name;
pub mod notes;
pub mod phone;
pub mod taxcode;
pub mod text;

use crate::model::{Field, Finding, RawRow, Role, Rule, Severity};
use address::Province;
use chrono::NaiveDate;
use name::{Gender, PartyKind};
use rayon::prelude::*;
use std::borrow::Cow;

/// Short text kept inline (names, keys, phones fit in 24 bytes): a million normalised rows
/// would otherwise hold ten million small heap strings.
pub type Text = compact_str::CompactString;

/// One phone of a customer, as display text and a numeric key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNo {
    pub national: Text,
    pub key: u64,
    pub mobile: bool,
    /// A reading kept for matching only (an old landline that looks like a mobile): never
    /// displayed, never called.
    pub hidden: bool,
}

/// A row after normalisation: display values and the keys the matcher compares.
#[derive(Debug, Clone)]
pub struct Norm {
    pub kind: PartyKind,
    pub name: Text,
    honorific: Option<name::FormWord>,
    pub gender: Option<Gender>,
    legal_form: Option<name::FormWord>,
    /// For persons: family name first, given name last (see [`Norm::given`]).
    pub name_key: Text,
    pub contact: Text,
    pub phones: Vec<PhoneNo>,
    pub emails: Vec<Text>,
    pub address: Text,
    pub addr_key: Text,
    pub province: Option<&'static Province>,
    pub delivery: Text,
    pub tax: Option<taxcode::TaxCode>,
    pub date: Option<NaiveDate>,
    /// Fields most rows leave empty, kept out of line (a million rows × 100 bytes).
    pub rare: Option<Box<Rare>>,
    /// The consent column says the customer does not want marketing.
    pub no_marketing: bool,
}

/// The rarely filled part of a [`Norm`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rare {
    pub branch: Option<Text>,
    pub amount: Option<i64>,
    pub vat: Option<i64>,
    /// The total with VAT of a line whose listing gives no revenue before VAT nor VAT.
    pub gross: Option<i64>,
    pub invoice_no: Text,
    pub note: Text,
}

impl Norm {
    /// The honorific the name was written with ("Anh", "Ông"), canonical.
    pub fn honorific(&self) -> Option<&'static str> {
        self.honorific.map(name::FormWord::as_str)
    }

    /// The organisation's legal form ("Công ty TNHH"), canonical.
    pub fn legal_form(&self) -> Option<&'static str> {
        self.legal_form.map(name::FormWord::as_str)
    }

    /// Branch label key of an organisation ("ha noi"): branches are distinct customers.
    pub fn branch(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.branch.as_deref())
    }

    /// Invoice amount before VAT, in đồng.
    pub fn amount(&self) -> Option<i64> {
        self.rare.as_ref().and_then(|r| r.amount)
    }

    pub fn vat(&self) -> Option<i64> {
        self.rare.as_ref().and_then(|r| r.vat)
    }

    /// Total with VAT of a line that has no revenue before VAT (see [`Rare::gross`]).
    pub fn gross(&self) -> Option<i64> {
        self.rare.as_ref().and_then(|r| r.gross)
    }

    pub fn invoice_no(&self) -> &str {
        self.rare.as_ref().map_or("", |r| r.invoice_no.as_str())
    }

    /// The contact address's key: `addr_key` unless the row has no contact address, when
    /// `addr_key` is the delivery address's (for matching only). What is kept across weeks
    /// (row fingerprints, a deleted customer's hashes) is made from this one.
    pub fn contact_addr_key(&self) -> &str {
        if self.address.is_empty() {
            ""
        } else {
            &self.addr_key
        }
    }

    pub fn note(&self) -> &str {
        self.rare.as_ref().map_or("", |r| r.note.as_str())
    }

    /// Adds a part to the row's note ("; " between parts).
    pub fn add_note(&mut self, part: &str) {
        let rare = self.rare.get_or_insert_with(Default::default);
        rare.note = if rare.note.is_empty() {
            part.into()
        } else {
            format!("{}; {part}", rare.note).into()
        };
    }

    /// The normalised value kept for a text field.
    pub fn kept(&self, field: Field) -> Option<&str> {
        match field {
            Field::Name => Some(&self.name),
            Field::Contact => Some(&self.contact),
            Field::Address => Some(&self.address),
            Field::Delivery => Some(&self.delivery),
            _ => None,
        }
    }

    /// Persons: the folded given name ("an"), the last syllable of the key; organisations: "".
    pub fn given(&self) -> &str {
        if self.kind != PartyKind::Person {
            return "";
        }
        self.name_key.rsplit(' ').next().unwrap_or("")
    }

    /// Persons with two syllables or more: the folded family name ("nguyen"); otherwise "".
    pub fn family(&self) -> &str {
        if self.kind != PartyKind::Person {
            return "";
        }
        match self.name_key.split_once(' ') {
            Some((f, _)) => f,
            None => "",
        }
    }

    /// Number of syllables in the person's name key (a one-word name is a given name alone).
    pub fn syllables(&self) -> usize {
        self.name_key.split(' ').filter(|s| !s.is_empty()).count()
    }
}

/// Settings for one normalisation pass.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: NaiveDate,
    /// The sources whose dates are written month first («3/15/2024 10:30:45», a web form's
    /// export in an English locale), found by [`date::month_first_sources`] on their rows.
    pub month_first: Vec<u32>,
}

impl Context {
    pub fn new(today: NaiveDate) -> Context {
        Context {
            today,
            month_first: Vec::new(),
        }
    }
}

/// Rows normalised per parallel batch: big enough to keep both cores busy, small enough that
/// the batch's own vectors (moved into the result at the end of each batch) stay a few MB.
const BATCH: usize = 32_768;

/// Normalizes every row in parallel; findings come back in row order.
pub fn normalize_all(rows: &[RawRow], ctx: &Context) -> (Vec<Norm>, Vec<Finding>) {
    normalize_all_with_room(rows, ctx, 0)
}

/// [`normalize_all`], with room in the records' vector for `room` more rows: the rows of the
/// other sheets and files, so that [`concat`] can move theirs in after these instead of
/// copying every record into a fresh vector. Room not used costs address space, not memory.
pub fn normalize_all_with_room(
    rows: &[RawRow],
    ctx: &Context,
    room: usize,
) -> (Vec<Norm>, Vec<Finding>) {
    // A web form's export in an English locale writes its dates month first.
    let month_first = date::month_first_sources(rows.iter().map(|r| (r.source, r.get(Role::Date))));
    let local;
    let ctx = if month_first.is_empty() {
        ctx
    } else {
        local = Context {
            month_first,
            ..ctx.clone()
        };
        &local
    };
    // At a million rows the normalised records are the largest thing the run holds: both
    // cores write them straight into one vector sized once (a batch copied in after it is
    // done left one core waiting, and the copy's fresh pages were cleared on one core), and
    // each row's findings live in a per-row vector only until their batch is done (one vector
    // per row for the whole run would cost a quarter of a gigabyte in allocator overhead).
    // The per-row vectors are reused with their room, and the findings' room is made once for
    // three a row: each fresh, larger copy of a vector costs pages the kernel must clear
    // first. A batch's findings are moved into the result while the next batch is normalised
    // (two sets of per-row vectors, in turn): moved in between batches, a 500k-row sheet's
    // 1.2 million findings kept one core busy and the other waiting for 0.15 s.
    let mut norms = Vec::with_capacity(rows.len() + room);
    let mut findings = Vec::with_capacity((rows.len() + room) * FINDINGS_PER_ROW);
    let mut nested: [Vec<Vec<Finding>>; 2] = Default::default();
    for n in &mut nested {
        n.resize_with(BATCH.min(rows.len()), Vec::new);
    }
    let mut done = 0;
    for (b, batch) in rows.chunks(BATCH).enumerate() {
        let base = b * BATCH;
        let [even, odd] = &mut nested;
        let (this, last) = if b % 2 == 0 { (even, odd) } else { (odd, even) };
        rayon::join(
            || {
                norms.par_extend(
                    batch
                        .par_iter()
                        .zip(this[..batch.len()].par_iter_mut())
                        .enumerate()
                        .map(|(i, (raw, found))| normalize_row(raw, (base + i) as u32, ctx, found)),
                )
            },
            || move_findings(&mut findings, &mut last[..done]),
        );
        done = batch.len();
    }
    let last = rows.chunks(BATCH).count().saturating_sub(1) % 2;
    move_findings(&mut findings, &mut nested[last][..done]);
    (norms, findings)
}

/// Moves a batch's findings, row after row, to the end of `findings`.
fn move_findings(findings: &mut Vec<Finding>, batch: &mut [Vec<Finding>]) {
    for found in batch {
        findings.append(found);
    }
}

/// Room made for the findings of a file: two or three a row on the project's generated ledgers;
/// more only grows the vector.
const FINDINGS_PER_ROW: usize = 3;

/// The run date of the tests' rows: 25/11/2026.
#[cfg(test)]
pub(crate) fn test_context() -> Context {
    Context::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
}

/// Raw rows for tests, from "name|phone|email|address|tax|contact" specs (missing fields
/// empty).
#[cfg(test)]
pub(crate) fn test_raw_rows(specs: &[&str]) -> Vec<RawRow> {
    use crate::model::Role;
    let roles = [
        Role::Name,
        Role::Phone,
        Role::Email,
        Role::Address,
        Role::TaxCode,
        Role::Contact,
        Role::Delivery,
    ];
    specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let mut r = RawRow::new(0, i as u32);
            for (v, role) in spec.split('|').zip(roles) {
                r.push(role, v);
            }
            r
        })
        .collect()
}

/// Rows for tests ([`test_raw_rows`]), normalised as on 25/11/2026.
#[cfg(test)]
pub(crate) fn test_rows(specs: &[&str]) -> Vec<Norm> {
    let ctx = test_context();
    test_raw_rows(specs)
        .iter()
        .enumerate()
        .map(|(i, r)| normalize_row(r, i as u32, &ctx, &mut Vec::new()))
        .collect()
}

/// Joins the results of [`normalize_all`] on consecutive slices of the rows (one per input
/// file) into the result for all rows: findings are renumbered to the joined row order. The
/// first part's vectors are kept and the others moved in after them when they have the room
/// ([`normalize_all_with_room`]); otherwise all go into fresh vectors sized once.
pub fn concat(parts: Vec<(Vec<Norm>, Vec<Finding>)>) -> (Vec<Norm>, Vec<Finding>) {
    let rows = parts.iter().map(|p| p.0.len()).sum();
    let found = parts.iter().map(|p| p.1.len()).sum();
    let mut parts = parts.into_iter();
    let (mut norms, mut findings) = match parts.next() {
        Some((ns, fs)) if ns.capacity() >= rows => {
            let mut fs = fs;
            fs.reserve_exact(found - fs.len());
            (ns, fs)
        }
        Some(first) => {
            let mut norms = Vec::with_capacity(rows);
            let mut findings = Vec::with_capacity(found);
            move_in(&mut norms, &mut findings, first);
            (norms, findings)
        }
        None => return Default::default(),
    };
    for part in parts {
        move_in(&mut norms, &mut findings, part);
    }
    // Room made and not used is left as it is: pages never written cost no memory, and
    // giving it back could copy the vector.
    (norms, findings)
}

/// Moves one part's records and findings in after those already joined (on every core: at a
/// million rows this is a few hundred megabytes of records).
fn move_in(
    norms: &mut Vec<Norm>,
    findings: &mut Vec<Finding>,
    (ns, fs): (Vec<Norm>, Vec<Finding>),
) {
    let base = norms.len() as u32;
    findings.par_extend(fs.into_par_iter().map(|mut f| {
        f.row += base;
        f
    }));
    norms.par_extend(ns);
}

struct Rec<'a> {
    row: u32,
    out: &'a mut Vec<Finding>,
    /// The row the findings are about: a long old value that is its whole cell is not copied
    /// (read back by [`finding_values`]; [`share_values`] does the same for the new values
    /// once the record is made).
    raw: &'a RawRow,
    /// The legacy font the row's text cells are typed in, read from them together
    /// ([`legacy::detect_row`]): a cell too short to tell alone is read in it.
    legacy_font: Option<&'static str>,
    /// Values no column of the book can hold (a phone, email or tax code that is not valid),
    /// kept in the row's notes ("SĐT không hợp lệ: 0281234") so the book does not lose them.
    aside: String,
    /// Phones and emails typed into the name or an address cell ([`name::lift_contacts`]),
    /// read with the row's own.
    lifted_phones: String,
    lifted_emails: String,
    lifted_tax: String,
}

impl Rec<'_> {
    /// Keeps a value the book's own column refuses in the row's notes, and says so in the
    /// finding's new value.
    fn push_aside(&mut self, field: Field, rule: Rule, what: &str, value: &str) {
        let part = format!("{what}: {}", value.trim());
        self.push(field, Severity::Check, rule, value, NOTES_COLUMN);
        self.keep_aside(&part);
    }

    /// Phones and emails lifted out of a name or address cell, after those lifted before.
    fn lift(&mut self, phones: &[String], emails: &[String]) {
        for (to, values, sep) in [
            (&mut self.lifted_phones, phones, " / "),
            (&mut self.lifted_emails, emails, "; "),
        ] {
            for v in values {
                if !to.is_empty() {
                    to.push_str(sep);
                }
                to.push_str(v);
            }
        }
    }

    /// Adds `part` to the row's notes, once.
    fn keep_aside(&mut self, part: &str) {
        push_note_part(&mut self.aside, part);
    }

    fn push(&mut self, field: Field, severity: Severity, rule: Rule, old: &str, new: &str) {
        let old_is_cell = old.len() > INLINE_TEXT
            && field
                .cell_role()
                .is_some_and(|role| old == self.raw.get(role));
        self.out.push(Finding {
            row: self.row,
            field,
            severity,
            rule,
            old: if old_is_cell {
                Text::default()
            } else {
                old.into()
            },
            new: new.into(),
            old_is_cell,
            new_is_kept: false,
        });
    }
}

/// Adds `part` to a notes cell ("a; b"), unless it is there already.
pub fn push_note_part(note: &mut String, part: &str) {
    if !note.split("; ").any(|p| p == part) {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(part);
    }
}

/// Where a value the book's column refuses is kept, and how it is labelled there (one form in
/// both languages: the note is data, read back next week).
const NOTES_COLUMN: &str = "→ Ghi chú";
pub const ASIDE_PHONE: &str = "SĐT không hợp lệ";
pub const ASIDE_PHONE_CELL: &str = "Điện thoại ghi";
pub const ASIDE_EMAIL_CELL: &str = "Email ghi";
pub const ASIDE_ADDRESS_CELL: &str = "Ghi kèm địa chỉ";
pub const ASIDE_DELIVERY_CONTACT: &str = "Liên hệ nơi giao";
pub const ASIDE_EMAIL: &str = "Email không hợp lệ";
pub const ASIDE_TAX: &str = "MST không hợp lệ";
/// Before a contact person typed with an organisation's name, noted when the row names another.
pub const ASIDE_CONTACT: &str = "Liên hệ ghi cùng tên";
/// A phone's extension («ext 12», «máy lẻ 105»), with its number.
pub const ASIDE_EXT: &str = "Máy lẻ";
/// A tax code typed after the name that is not the one of the row's tax code cell.
pub const ASIDE_TAX_NAME: &str = "MST ghi cùng tên";
pub const ASIDE_TAX_CELL: &str = "MST ghi";
/// A name cell that names nobody («-», «N/A», «Khách lẻ»: [`name::is_placeholder`]).
pub const ASIDE_NAME: &str = "Tên ghi";
/// A date cell that does not read as a date («2024», «15/3»): the book's date stays empty,
/// the text is kept.
pub const ASIDE_DATE: &str = "Ngày ghi";

/// Excel's limit on a cell's text, in UTF-16 units (`ingest` cuts longer CSV fields there).
const MAX_CELL_UNITS: usize = 32_767;

/// The bytes a `Text` holds without a heap copy.
const INLINE_TEXT: usize = std::mem::size_of::<Text>();

/// Cleans free text and converts legacy-font mojibake, recording both.
fn clean_text<'a>(raw: &'a str, field: Field, rec: &mut Rec<'_>) -> Cow<'a, str> {
    if raw.is_empty() {
        return Cow::Borrowed(raw);
    }
    // UTF-8 never takes fewer bytes than UTF-16 takes units: most cells stop at the length
    if raw.len() >= MAX_CELL_UNITS && raw.encode_utf16().count() >= MAX_CELL_UNITS {
        rec.push(field, Severity::Check, Rule::CellAtLimit, raw, "");
    }
    if let Some((fixed, _enc)) = legacy::fix(raw, rec.legacy_font) {
        let fixed = text::clean(&fixed).into_owned();
        rec.push(
            field,
            Severity::Changed,
            Rule::LegacyFontConverted,
            raw,
            &fixed,
        );
        return Cow::Owned(fixed);
    }
    text::clean(raw)
}

/// A finding's old and new values, read back from the row where the finding did not copy them
/// (see the fields of [`Finding`]).
pub fn finding_values<'a>(f: &'a Finding, raw: &'a RawRow, n: &'a Norm) -> (&'a str, &'a str) {
    let old = match f.field.cell_role() {
        Some(role) if f.old_is_cell => raw.get(role),
        _ => f.old.as_str(),
    };
    let new = match n.kept(f.field) {
        Some(v) if f.new_is_kept => v,
        _ => f.new.as_str(),
    };
    (old, new)
}

/// A finding's new value as a report shows it: the markers that are labels, not data ("→ Ghi
/// chú", where a refused value was kept; «Ngừng quảng cáo», marked from a note), in the
/// report's language.
pub fn shown_new(new: &str, lang: crate::i18n::Lang) -> &str {
    match new {
        NOTES_COLUMN => crate::i18n::L(NOTES_COLUMN, "→ Notes").t(lang),
        NO_MARKETING => crate::i18n::L(NO_MARKETING, "No marketing").t(lang),
        _ => new,
    }
}

/// Replaces a finding's values (masking a deleted customer's).
pub fn set_finding_values(f: &mut Finding, old: &str, new: &str) {
    f.old = old.into();
    f.new = new.into();
    f.old_is_cell = false;
    f.new_is_kept = false;
}

/// Drops the copies of long new values a finding can read from its normalised row instead
/// (an old value that is its cell is never copied: see [`Rec::push`]).
fn share_values(found: &mut [Finding], n: &Norm) {
    for f in found {
        if let Some(v) = n.kept(f.field) {
            if f.new.is_heap_allocated() && f.new == v {
                f.new = Text::default();
                f.new_is_kept = true;
            }
        }
    }
}

pub fn normalize_row(raw: &RawRow, idx: u32, ctx: &Context, findings: &mut Vec<Finding>) -> Norm {
    let first = findings.len();
    let n = match columns::swapped(raw.get(Role::Name), raw.get(Role::Address)) {
        None => normalize_row_inner(raw, idx, ctx, findings),
        Some((name, address)) => {
            // The row as it should have been typed; its findings quote its cells, not the
            // input's (where they are the other column's).
            let mut fixed = raw.clone();
            fixed.set(Role::Name, name);
            fixed.set(Role::Address, address);
            findings.push(Finding {
                row: idx,
                field: Field::Name,
                severity: Severity::Changed,
                rule: Rule::NameAddressSwapped,
                old: raw.get(Role::Name).into(),
                new: name.into(),
                old_is_cell: false,
                new_is_kept: false,
            });
            let n = normalize_row_inner(&fixed, idx, ctx, findings);
            for f in &mut findings[first + 1..] {
                if let Some(role) = f.field.cell_role().filter(|_| f.old_is_cell) {
                    f.old = fixed.get(role).into();
                    f.old_is_cell = false;
                }
            }
            n
        }
    };
    share_values(&mut findings[first..], &n);
    n
}

/// One field after another, in the order their findings are listed: the address first (its
/// province is evidence for reading old landline numbers), then the name (a company's numbers
/// are read differently), phones, emails, tax code, date, amounts.
fn normalize_row_inner(raw: &RawRow, idx: u32, ctx: &Context, findings: &mut Vec<Finding>) -> Norm {
    let mut rec = Rec {
        row: idx,
        out: findings,
        raw,
        legacy_font: legacy::detect_row(
            [
                Role::Name,
                Role::Address,
                Role::Contact,
                Role::Delivery,
                Role::Note,
            ]
            .into_iter()
            .map(|r| raw.get(r)),
        )
        .map(legacy::font_of),
        aside: String::new(),
        lifted_phones: String::new(),
        lifted_emails: String::new(),
        lifted_tax: String::new(),
    };
    let Addresses {
        address,
        delivery,
        delivery_key,
        province,
    } = normalize_addresses(raw, &mut rec);
    // A row with no contact address is matched on where its goods go (a web shop's export has
    // only `shipping_address`); its book column stays empty.
    let addr_key: Text = if address.display.is_empty() {
        delivery_key.as_str().into()
    } else {
        address.key.as_str().into()
    };
    let name = normalize_name(raw, &mut rec);
    if !name.note.is_empty() {
        rec.keep_aside(&name.note);
    }
    let contact = contact_of(raw, &name, &mut rec);
    let phones = normalize_phones(raw, ctx, province, name.kind, &mut rec);
    let emails = match std::mem::take(&mut rec.lifted_emails) {
        lifted if lifted.is_empty() => normalize_emails(raw.get(Role::Email), &mut rec),
        lifted => {
            let own = raw.get(Role::Email).trim();
            let both = if own.is_empty() || text::is_placeholder(own) {
                lifted
            } else {
                format!("{own}; {lifted}")
            };
            normalize_emails(&both, &mut rec)
        }
    };
    // The tax code typed after the name («… - MST 0101234567») when its own cell has none.
    let tax = match std::mem::take(&mut rec.lifted_tax) {
        lifted if !lifted.is_empty() && said(raw, Role::TaxCode).trim().is_empty() => {
            normalize_tax(&lifted, &mut rec)
        }
        lifted => {
            // Another code than the cell's: kept in the notes, never dropped.
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            if !lifted.is_empty() && digits(&lifted) != digits(raw.get(Role::TaxCode)) {
                rec.keep_aside(&format!("{ASIDE_TAX_NAME}: {lifted}"));
            }
            normalize_tax(raw.get(Role::TaxCode), &mut rec)
        }
    };
    let date = normalize_date(&date_cell(raw, ctx), ctx, &mut rec);
    let Amounts { amount, vat, gross } = normalize_amounts(raw, &mut rec);
    let name = if company_evidence(&name, tax.as_ref()) {
        name::as_organisation(&name, &name.display).unwrap_or(name)
    } else {
        name
    };
    // «Chị Thanh Mai», «Ông Quang Giang»: a clerk's Vietnamese honorific before a name calls
    // the person by her middle and given names, in Vietnamese order.
    let titled = name.honorific.is_some() && name::vietnamese_title(raw.get(Role::Name));
    let name_key = if titled {
        name.key
    } else {
        western_order(name.kind, name.key, &name.display)
    };
    let branch = name
        .branch
        .map(|b| branch_in_province(b, province))
        .or_else(|| branch_by_tax_code(name.kind, tax.as_ref(), province));
    let (honorific, legal_form) = (
        name.honorific.and_then(name::FormWord::of),
        name.legal_form.and_then(name::FormWord::of),
    );
    // Every honorific and legal form the name rules give has its word (a unit test lists them).
    debug_assert_eq!(honorific.is_some(), name.honorific.is_some());
    debug_assert_eq!(legal_form.is_some(), name.legal_form.is_some());
    let note_says = notes_say(raw, &mut rec);
    let mut norm = Norm {
        kind: name.kind,
        name: name.display.into(),
        honorific,
        gender: name.gender,
        legal_form,
        name_key: name_key.into(),
        contact,
        phones,
        emails,
        address: address.display.into(),
        addr_key,
        province,
        delivery,
        tax,
        date,
        rare: rare(raw, branch, [amount, vat, gross], rec.legacy_font),
        no_marketing: refuses_marketing(raw.get(Role::Consent))
            || marks_opt_out(raw.get(Role::OptOut))
            || note_says.is_some(),
    };
    if !rec.aside.is_empty() {
        norm.add_note(&rec.aside);
    }
    norm
}

/// What the row's notes (its «Ghi chú», or a note typed after the name) say the book must act
/// on ([`notes::says`]), with its finding. Any of it keeps marketing away: a refusal is
/// one, and a customer who asked for deletion or has died is sent nothing while a person
/// looks.
fn notes_say(raw: &RawRow, rec: &mut Rec<'_>) -> Option<notes::NoteSays> {
    let cell = raw.get(Role::Note);
    let (says, note) = match notes::says(cell) {
        Some(s) => (s, cell.to_string()),
        None if !rec.aside.is_empty() => (notes::says(&rec.aside)?, rec.aside.clone()),
        None => return None,
    };
    let (severity, rule) = match says {
        notes::NoteSays::RefusesMarketing => (Severity::Changed, Rule::NoteRefusesMarketing),
        notes::NoteSays::AskedDeletion => (Severity::Check, Rule::NoteAsksDeletion),
        notes::NoteSays::Deceased => (Severity::Check, Rule::NoteDeceased),
        notes::NoteSays::Closed => (Severity::Check, Rule::NoteClosed),
    };
    // The cleaned book, adopted, marks it already: told once, the week it was read. A
    // deletion asked is told every week until the request book has it.
    let marked = marks_opt_out(raw.get(Role::NoMarketing));
    if !marked || says == notes::NoteSays::AskedDeletion {
        rec.push(Field::Note, severity, rule, &note, NO_MARKETING);
    }
    Some(says)
}

/// The new value of a note's finding: the book's column it marks.
const NO_MARKETING: &str = "Ngừng quảng cáo";

/// The row's contact person: its own column, or the person typed beside an organisation's
/// name («Công ty X - A. Tuấn»), unless the row names one: then that person is a note.
fn contact_of(raw: &RawRow, name: &name::Name, rec: &mut Rec<'_>) -> Text {
    let contact = honoured_contact(raw, name, normalize_contact(raw, rec));
    if name.contact.is_empty() {
        return contact;
    }
    if contact.is_empty() {
        rec.push(
            Field::Contact,
            Severity::Changed,
            Rule::NameContactMoved,
            "",
            &name.contact,
        );
        name.contact.as_str().into()
    } else {
        rec.keep_aside(&format!("{ASIDE_CONTACT}: {}", name.contact));
        contact
    }
}

/// An organisation's contact person with the row's «Xưng hô» before the name: MISA's customer
/// list writes «Anh» beside «Công ty Cổ phần Sông Hồng» for its «Nguyễn Văn Bình» (the company
/// is no «Anh»). A contact typed with an honorific of its own keeps it; without a contact the
/// cell says nothing of the company.
fn honoured_contact(raw: &RawRow, name: &name::Name, contact: Text) -> Text {
    if name.kind != PartyKind::Org || contact.is_empty() {
        return contact;
    }
    let Some((honorific, _)) = name::honorific_cell(raw.get(Role::Honorific).trim()) else {
        return contact;
    };
    if name::parse_contact(&contact).honorific.is_some() {
        return contact;
    }
    format!("{honorific} {contact}").into()
}

/// An invoice line's money: the revenue (`amount`), its VAT, and a total with VAT that could
/// not be split (`gross`).
struct Amounts {
    amount: Option<i64>,
    vat: Option<i64>,
    gross: Option<i64>,
}

/// The revenue is the goods' amount less the line's discount. A listing that gives only the
/// total with VAT: the revenue is the total less the VAT when the VAT is given; else the total
/// stays whole, a revenue not split from its VAT.
fn normalize_amounts(raw: &RawRow, rec: &mut Rec<'_>) -> Amounts {
    let amount = normalize_amount(raw.get(Role::Amount), rec).map(|a| {
        let discount = raw.get(Role::Discount);
        a - if discount.is_empty() {
            0
        } else {
            normalize_amount(discount, rec).unwrap_or(0)
        }
    });
    let vat = normalize_amount(raw.get(Role::Vat), rec);
    let (amount, gross) = match (amount, raw.get(Role::Gross)) {
        (None, g) if !g.is_empty() => match (normalize_amount(g, rec), vat) {
            (Some(g), Some(v)) => (Some(g - v), None),
            (g, _) => (None, g),
        },
        (a, _) => (a, None),
    };
    Amounts { amount, vat, gross }
}

/// A branch label that is an abbreviation two or three provinces share («Chi nhánh QN», «CN
/// ĐN») is the branch of the one of them the row's address is in («Chi nhánh Quảng Ninh»):
/// the same branch as the rows that write the province out. Elsewhere, or with no address,
/// it stays as written. For matching only: the name is shown as typed.
fn branch_in_province(label: String, province: Option<&'static Province>) -> String {
    match province {
        Some(p) if address::shared_abbreviation_of(&label, p) => p.key.to_string(),
        _ => label,
    }
}

/// A company row whose name names no branch but whose tax code is a branch's ("-001") is that
/// branch; its province is the one its address is in ("Hanh Cuong Trading JSC", 0484825471-001,
/// Cam Ranh: the Khánh Hòa branch). For matching only: the name is shown as typed.
fn branch_by_tax_code(
    kind: PartyKind,
    tax: Option<&taxcode::TaxCode>,
    province: Option<&'static address::Province>,
) -> Option<String> {
    match (kind, tax, province) {
        (PartyKind::Org, Some(taxcode::TaxCode::Branch(_)), Some(p)) => Some(p.key.to_string()),
        _ => None,
    }
}

/// The contact address, the delivery address and the province one of them names.
struct Addresses {
    address: address::Address,
    delivery: Text,
    /// The delivery address's key, when it is not the contact address.
    delivery_key: String,
    province: Option<&'static Province>,
}

/// Why an address is shown otherwise than typed: its capitals alone, or its abbreviations
/// written out (and whatever else the reading changed).
fn address_rule(typed: &str, shown: &str) -> Rule {
    use unicode_normalization::UnicodeNormalization;
    // Only an address typed in one case is given capitals; the others (most) are not compared.
    if !address::in_one_case(typed) {
        return Rule::AddressExpanded;
    }
    // A letter and its capital take as many bytes: an address whose abbreviations were written
    // out is longer, without a letter compared.
    let bytes = |s: &str| s.bytes().filter(|b| !b.is_ascii_whitespace()).count();
    if bytes(typed) != bytes(shown) {
        return Rule::AddressExpanded;
    }
    // Compared letter by letter, spaces left out, nothing built.
    let shown = || {
        shown
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
    };
    let same = if text::is_nfc(typed) {
        typed
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .eq(shown())
    } else {
        typed
            .nfc()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .eq(shown())
    };
    if same {
        Rule::AddressCased
    } else {
        Rule::AddressExpanded
    }
}

/// A text cell as typed, or nothing when it says there is none («-», «không có», «N/A», «x»,
/// «0»: [`text::is_placeholder`]): «N/A» is no address in Nghệ An, «Không có» no contact
/// person named Có.
fn said(raw: &RawRow, role: Role) -> &str {
    let cell = raw.get(role);
    if text::is_placeholder(cell) {
        ""
    } else {
        cell
    }
}

fn normalize_addresses(raw: &RawRow, rec: &mut Rec<'_>) -> Addresses {
    let lines = address::lines_as_parts(said(raw, Role::Address));
    let addr_raw = clean_text(&lines, Field::Address, rec);
    let addr_raw = lift_from_address(addr_raw, Field::Address, rec);
    let addr = address::parse_address(&addr_raw);
    if let (Some(written), Some(unit)) = (addr.province, addr.unit_province) {
        // The written province is kept; a person decides which is right.
        rec.push(
            Field::Address,
            Severity::Check,
            Rule::AddressProvinceConflict,
            raw.get(Role::Address),
            &format!("{} ≠ {}", written.name, unit.name),
        );
    }
    if !addr_raw.is_empty() && addr.display != raw.get(Role::Address) {
        let typed = raw.get(Role::Address);
        rec.push(
            Field::Address,
            Severity::Changed,
            if addr_raw.len() < typed.len() && name::lift_contacts(typed).is_some() {
                Rule::AddressPhoneEmailMoved
            } else {
                address_rule(typed, &addr.display)
            },
            raw.get(Role::Address),
            &addr.display,
        );
    }
    let lines = address::lines_as_parts(said(raw, Role::Delivery));
    let delivery_raw = clean_text(&lines, Field::Delivery, rec);
    let delivery_raw = lift_from_address(delivery_raw, Field::Delivery, rec);
    // The province the delivery address names: its parse's own (the parse of a display gives
    // the same province again), none when it is the contact address (which names none here).
    let mut delivery_province = None;
    let mut delivery_key = String::new();
    let delivery: Text = if delivery_raw.is_empty() {
        Text::default()
    } else if !addr.display.is_empty() && address::means_same_address(&delivery_raw) {
        // "NT", "như trên": the contact address, written out so the cell stands on its own.
        rec.push(
            Field::Delivery,
            Severity::Changed,
            Rule::DeliverySameAsAddress,
            raw.get(Role::Delivery),
            &addr.display,
        );
        addr.display.as_str().into()
    } else if address::means_same_address(&delivery_raw) {
        // «Như trên» with no contact address to copy: the cell stays as typed, and names no
        // place (two such rows share no address).
        delivery_raw.as_ref().into()
    } else {
        // A delivery cell typed as the contact address (a third of the customers with a
        // delivery address in this project's generator) parses as it did: the parse is a
        // function of the text.
        let d = if delivery_raw == addr_raw {
            addr.clone()
        } else {
            address::parse_address(&delivery_raw)
        };
        if d.display != raw.get(Role::Delivery) {
            let typed = raw.get(Role::Delivery);
            rec.push(
                Field::Delivery,
                Severity::Changed,
                if delivery_raw.len() < typed.len() && name::lift_contacts(typed).is_some() {
                    Rule::AddressPhoneEmailMoved
                } else {
                    address_rule(typed, &d.display)
                },
                raw.get(Role::Delivery),
                &d.display,
            );
        }
        delivery_province = d.province;
        delivery_key = d.key;
        d.display.into()
    };
    let province = addr.province.or(delivery_province);
    Addresses {
        address: addr,
        delivery,
        delivery_key,
        province,
    }
}

/// «12 Lê Lợi, Q1, TP HCM - ĐT 0912345678»: the phone numbers and emails typed into an
/// address cell go to their columns (with the phones and emails of the row), the address
/// without them and their labels; those of a delivery address (perhaps a receiver's) to the
/// notes. Only when every number lifted reads as a valid phone as typed (a leading 0 or +84):
/// «12 - 14 - 16 - 18 - 20 Lê Lợi» keeps its house numbers.
fn lift_from_address<'a>(cell: Cow<'a, str>, field: Field, rec: &mut Rec<'_>) -> Cow<'a, str> {
    let Some(l) = name::lift_contacts(&cell) else {
        return cell;
    };
    let valid = |p: &String| {
        let t = p.trim_start();
        (t.starts_with('0') || t.starts_with('+'))
            && phone::parse_phones(p, phone::PhoneHint::default())
                .invalid
                .is_empty()
    };
    if l.tax.is_some() || !l.phones.iter().all(valid) {
        return cell;
    }
    if field == Field::Delivery {
        // Where the goods go may be someone else's door: the receiver's number and mailbox
        // are kept in the notes, not taken as the customer's own.
        for v in l.phones.iter().chain(&l.emails) {
            rec.keep_aside(&format!("{ASIDE_DELIVERY_CONTACT}: {}", v.trim()));
        }
    } else {
        rec.lift(&l.phones, &l.emails);
    }
    // «số 5 Hàng Bông, HN (gọi trước 0987 654 322)»: the words of the bracket the number was
    // in are about it, not the place; they go to the notes with the bracket as typed.
    let mut left = l.name;
    if left.matches('(').count() > left.matches(')').count() {
        if let (Some(k), Some(typed)) = (left.rfind('('), cell.rfind('(')) {
            rec.keep_aside(&format!("{ASIDE_ADDRESS_CELL}: {}", cell[typed..].trim()));
            left.truncate(k);
            let end =
                left.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ';'));
            left.truncate(end.len());
        }
    }
    // What is left is read as the cell alone would be next week: it may say there is none
    // («x», «-»), or be short enough to read as a legacy font the whole cell was not.
    if text::is_placeholder(&left) {
        left.clear();
    }
    let read_alone = clean_text(&left, field, rec);
    if read_alone != left {
        left = read_alone.into_owned();
    }
    if left.is_empty() {
        // A cell of only a phone or email: no address is left to say the change.
        rec.push(
            field,
            Severity::Changed,
            Rule::AddressPhoneEmailMoved,
            &cell,
            "",
        );
    }
    Cow::Owned(left)
}

/// Whether the row shows a name read as a person's to be a company's: an enterprise's tax
/// code (a person's 10-digit code starts with 8) beside it ("Đất Quang Phúc", 0160572365).
/// See [`name::as_organisation`]. (A mail domain is no such proof: "Sông Hồng" beside
/// «cnlongan@songhong.com.vn» is the clerk's short name of a branch, not a head office.)
fn company_evidence(name: &name::Name, tax: Option<&taxcode::TaxCode>) -> bool {
    if name.kind != PartyKind::Person || name.key.is_empty() {
        return false;
    }
    match tax {
        Some(taxcode::TaxCode::Branch(_)) => true,
        Some(taxcode::TaxCode::Enterprise(code)) => !code.starts_with('8'),
        _ => false,
    }
}

fn normalize_name(raw: &RawRow, rec: &mut Rec<'_>) -> name::Name {
    let name_raw = clean_text(raw.get(Role::Name), Field::Name, rec);
    // «Chị Lan 0912345678»: the number goes to the phones, the name is «Chị Lan»; a cell with
    // only a number in it («0912345678») is a phone and no name.
    let lifted = name::lift_contacts(&name_raw);
    let name_raw: Cow<'_, str> = match &lifted {
        Some(l) => {
            rec.lift(&l.phones, &l.emails);
            rec.lifted_tax = l.tax.clone().unwrap_or_default();
            Cow::Owned(l.name.clone())
        }
        None => name_raw,
    };
    if lifted.is_some() && name_raw.is_empty() {
        let typed = raw.get(Role::Name);
        rec.push(
            Field::Name,
            Severity::Check,
            Rule::NamePhoneEmailMoved,
            typed,
            "",
        );
        return name::parse_name("");
    }
    if name::is_placeholder(&name_raw) {
        rec.push_aside(Field::Name, Rule::NamePlaceholder, ASIDE_NAME, &name_raw);
        return name::parse_name("");
    }
    // Text a spreadsheet would run as a formula is kept as typed (and written as text), not
    // re-cased word by word into something that no longer shows what was there.
    let name = if name_raw.starts_with(['=', '+', '-', '@']) {
        let key = text::fold_key(&name_raw);
        name::Name {
            display: name_raw.to_string(),
            honorific: None,
            gender: None,
            kind: PartyKind::Person,
            legal_form: None,
            branch: None,
            given: key.rsplit(' ').next().unwrap_or("").to_string(),
            family: key.split(' ').next().unwrap_or("").to_string(),
            key,
            note: String::new(),
            contact: String::new(),
        }
    } else {
        let name = name::parse_name(&undot(&name_raw));
        // The adopted book writes «Chị» in its «Danh xưng» column, apart from «Ngọc Duyên»:
        // read together, as the row the tool read it from wrote them, the name says as much
        // as it did then (her gender, a person), and a pair asked about is asked again.
        let honorific = raw.get(Role::Honorific).trim();
        // An organisation's «Xưng hô» (an accounting package's customer list) is its contact
        // person's ([`contact_of`]), not the company's.
        if name.honorific.is_none()
            && name.kind == PartyKind::Person
            && !honorific.is_empty()
            && !name_raw.is_empty()
        {
            let with = name::parse_name(&undot(&format!("{honorific} {name_raw}")));
            if with.honorific.is_some() && with.display == name.display {
                with
            } else {
                with_honorific_cell(name, honorific)
            }
        } else {
            name
        }
    };
    if name_raw.is_empty() {
        rec.push(Field::Name, Severity::Check, Rule::NameMissing, "", "");
    } else if name.display != raw.get(Role::Name) {
        let rule = if lifted.is_some() {
            Rule::NamePhoneEmailMoved
        } else if !name.contact.is_empty() {
            Rule::NameContactMoved
        } else if !name.note.is_empty() {
            Rule::NameNoteMoved
        } else if name.honorific.is_some() {
            Rule::HonorificSplit
        } else if name.kind == PartyKind::Org
            && name::trade_written_out(raw.get(Role::Name), &name.display)
        {
            Rule::TradeWordsExpanded
        } else if name.legal_form.is_some() {
            Rule::LegalFormExpanded
        } else {
            Rule::NameCased
        };
        rec.push(
            Field::Name,
            Severity::Changed,
            rule,
            raw.get(Role::Name),
            &name.display,
        );
    }
    name
}

fn normalize_contact(raw: &RawRow, rec: &mut Rec<'_>) -> Text {
    let contact_raw = clean_text(said(raw, Role::Contact), Field::Contact, rec);
    if contact_raw.is_empty() {
        Text::default()
    } else {
        name::parse_contact(&contact_raw).display.into()
    }
}

/// Mobile and landline columns, read together (each is evidence for the other).
fn normalize_phones(
    raw: &RawRow,
    ctx: &Context,
    province: Option<&'static Province>,
    kind: PartyKind,
    rec: &mut Rec<'_>,
) -> Vec<PhoneNo> {
    let mut phones = Vec::new();
    let cell = |role| Some(raw.get(role)).filter(|v| !text::is_placeholder(v));
    // With the numbers typed into the name cell, after the row's own.
    let lifted = std::mem::take(&mut rec.lifted_phones);
    let own = cell(Role::Phone).unwrap_or_default();
    let joined;
    let phone_cell = if lifted.is_empty() {
        own
    } else if own.is_empty() {
        lifted.as_str()
    } else {
        joined = format!("{own} / {lifted}");
        joined.as_str()
    };
    let typed = [phone_cell, cell(Role::PhoneFixed).unwrap_or_default()];
    // «9.12345678E+08» from a CSV saved from Excel: its digits, when all are shown.
    let whole = typed.map(|v| text::exponent_form(v).flatten());
    let cells = [
        (whole[0].as_deref().unwrap_or(typed[0]), false),
        (whole[1].as_deref().unwrap_or(typed[1]), true),
    ];
    let row_phones = if cells.iter().all(|(v, _)| v.is_empty()) {
        Vec::new()
    } else {
        // The row's date tells whether 03x/07x/08x numbers were mobiles when it was written
        // (read again here: the date field is read further down).
        let hint = phone::PhoneHint {
            landline_column: false,
            province_key: province.map(|p| p.key),
            date: date::parse_latest(&date_cell(raw, ctx), ctx.today)
                .ok()
                .flatten(),
            organisation: kind == PartyKind::Org,
        };
        phone::parse_row_phones(&cells, hint)
    };
    for (v, parsed) in typed.iter().zip(&row_phones) {
        for p in &parsed.phones {
            record_phone(p, v, rec);
            // «028 3822 1235 ext 12»: the extension, which no phone column holds, in the notes.
            if let Some(ext) = &p.ext {
                rec.keep_aside(&format!("{ASIDE_EXT} {}: {ext}", p.national));
            }
            match phones.iter().position(|q: &PhoneNo| q.key == p.key()) {
                // Written out on its own: shown, even when another number's doubt named it,
                // and where it is written (the cleaned book read back lists its numbers in the
                // order it wrote them).
                Some(i) if phones[i].hidden => {
                    let mut q = phones.remove(i);
                    q.hidden = false;
                    phones.push(q);
                }
                Some(_) => {}
                None => phones.push(PhoneNo {
                    national: p.national.as_str().into(),
                    key: p.key(),
                    mobile: p.kind == phone::PhoneKind::Mobile,
                    hidden: false,
                }),
            }
            if let Some(
                phone::PhoneDoubt::OldLandlineLooksLikeMobile { as_landline }
                | phone::PhoneDoubt::MobileByEvidence { as_landline },
            ) = &p.needs_check
            {
                let alt = phone::parse_phones(
                    as_landline,
                    phone::PhoneHint {
                        landline_column: true,
                        ..phone::PhoneHint::default()
                    },
                );
                for q in alt.phones {
                    if !phones.iter().any(|x| x.key == q.key()) {
                        phones.push(PhoneNo {
                            national: q.national.as_str().into(),
                            key: q.key(),
                            mobile: false,
                            hidden: true,
                        });
                    }
                }
            }
        }
        note_invalid_phones(&parsed.invalid, v, rec);
    }

    // A row's vector would otherwise keep room for four phones (160 bytes) for the one or two
    // it has: at a million rows that is a tenth of the run's memory.
    phones.shrink_to_fit();
    phones
}

/// What a phone cell holds besides numbers, each asked about: kept in the notes. Words among
/// the numbers ("0976543211 (vợ: 0976543212)", "gọi sau 5h"): the cell as typed (`typed`) says
/// whose number is which, and goes to the notes whole.
fn note_invalid_phones(invalid: &[String], typed: &str, rec: &mut Rec<'_>) {
    let worded = invalid
        .iter()
        .any(|bad| !bad.bytes().any(|b| b.is_ascii_digit()));
    for bad in invalid {
        if text::exponent_form(bad).is_some() {
            rec.push_aside(Field::Phone, Rule::NumberAsExponent, ASIDE_PHONE, bad);
        } else if worded {
            // A piece without a digit is words about the line, not a bad number.
            let rule = if bad.bytes().any(|b| b.is_ascii_digit()) {
                Rule::PhoneInvalid
            } else {
                Rule::PhoneWords
            };
            rec.push(Field::Phone, Severity::Check, rule, bad, NOTES_COLUMN);
        } else {
            rec.push_aside(Field::Phone, Rule::PhoneInvalid, ASIDE_PHONE, bad);
        }
    }
    if worded {
        rec.keep_aside(&format!("{ASIDE_PHONE_CELL}: {}", typed.trim()));
    }
}

fn normalize_emails(email_raw: &str, rec: &mut Rec<'_>) -> Vec<Text> {
    if email_raw.is_empty() || text::is_placeholder(email_raw) {
        Vec::new()
    } else {
        let e = email::parse_emails(email_raw);
        let joined = e.valid.join("; ");
        // The book writes its two email columns side by side ("a@x.vn / b@x.vn" read back as
        // one cell): the same addresses, only set apart otherwise, are no change.
        let as_written = email_raw
            .split([';', ',', '/', ' ', '\n'])
            .filter(|p| !p.is_empty())
            .eq(e.valid.iter().map(|v| v.as_str()));
        if !e.valid.is_empty() && joined != email_raw && !as_written {
            rec.push(
                Field::Email,
                Severity::Changed,
                Rule::EmailLowercased,
                email_raw,
                &joined,
            );
        }
        for words in &e.words {
            rec.push(
                Field::Email,
                Severity::Check,
                Rule::EmailWords,
                words,
                NOTES_COLUMN,
            );
        }
        if !e.words.is_empty() {
            rec.keep_aside(&format!("{ASIDE_EMAIL_CELL}: {}", email_raw.trim()));
        }
        for bad in &e.invalid {
            let rule = if email::undeliverable(bad) {
                Rule::EmailNotDeliverable
            } else {
                Rule::EmailInvalid
            };
            rec.push_aside(Field::Email, rule, ASIDE_EMAIL, bad);
        }
        for (typed, suggestion) in &e.typos {
            rec.push(
                Field::Email,
                Severity::Check,
                Rule::EmailTypo,
                typed,
                suggestion,
            );
        }
        e.valid.into_iter().map(Text::from).collect()
    }
}

fn normalize_tax(typed: &str, rec: &mut Rec<'_>) -> Option<taxcode::TaxCode> {
    // «1,08801E+11» from a CSV saved from Excel: its digits when all are shown, else nothing
    // to recover (the finding says so).
    let whole = match text::exponent_form(typed) {
        Some(Some(digits)) => Some(digits),
        Some(None) => {
            rec.push_aside(Field::TaxCode, Rule::NumberAsExponent, ASIDE_TAX, typed);
            return None;
        }
        None => None,
    };
    let tax_raw = whole.as_deref().unwrap_or(typed);
    if let Some(code) = tax_with_words(tax_raw, rec) {
        return code;
    }
    if tax_raw.is_empty() || text::is_placeholder(tax_raw) || says_no_code(tax_raw) {
        None
    } else {
        match taxcode::parse_tax_code(tax_raw) {
            Ok(p) => {
                if p.zero_restored {
                    rec.push(
                        Field::TaxCode,
                        Severity::Changed,
                        Rule::TaxLeadingZero,
                        typed,
                        p.code.as_str(),
                    );
                } else if p.changed || whole.is_some() {
                    rec.push(
                        Field::TaxCode,
                        Severity::Changed,
                        Rule::TaxFormatted,
                        typed,
                        p.code.as_str(),
                    );
                }
                Some(p.code)
            }
            Err(taxcode::TaxIssue::Empty) => None,
            Err(taxcode::TaxIssue::BadCheckDigit { .. }) => {
                match taxcode::two_zeros_lost(tax_raw) {
                    // The value goes aside as any refused code; the finding carries the
                    // twelve digits for a person to confirm.
                    Some(suggested) => {
                        rec.push(
                            Field::TaxCode,
                            Severity::Check,
                            Rule::TaxTwoZerosLost,
                            typed,
                            &suggested,
                        );
                        rec.keep_aside(&format!("{ASIDE_TAX}: {}", typed.trim()));
                    }
                    None => {
                        rec.push_aside(Field::TaxCode, Rule::TaxBadCheckDigit, ASIDE_TAX, typed)
                    }
                }
                None
            }
            Err(_) => {
                rec.push_aside(Field::TaxCode, Rule::TaxBadLength, ASIDE_TAX, typed);
                None
            }
        }
    }
}

/// A valid code with words in brackets after it: words naming the kind of code
/// («001089012345 (CCCD)», «(cá nhân)») leave the code; others may say it is someone else's
/// («0100112437 (cty mẹ)»): the cell goes to the notes, asked about, and the code is not
/// taken as the customer's. `None` when the cell is no such code.
fn tax_with_words(cell: &str, rec: &mut Rec<'_>) -> Option<Option<taxcode::TaxCode>> {
    let k = cell.find('(')?;
    let code = cell[..k].trim();
    let words = cell[k..].trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    if code.is_empty() || !words.chars().any(char::is_alphabetic) {
        return None;
    }
    let p = taxcode::parse_tax_code(code).ok()?;
    const KINDS: &[&str] = &[
        "cccd",
        "cmnd",
        "can cuoc",
        "ca nhan",
        "mst ca nhan",
        "mst",
        "ho kinh doanh",
        "hkd",
        "doanh nghiep",
        "dn",
    ];
    if text::with_folded(words, |w| KINDS.contains(&w)) {
        rec.push(
            Field::TaxCode,
            Severity::Changed,
            Rule::TaxFormatted,
            cell,
            p.code.as_str(),
        );
        return Some(Some(p.code));
    }
    rec.push(
        Field::TaxCode,
        Severity::Check,
        Rule::TaxWords,
        cell[k..].trim(),
        NOTES_COLUMN,
    );
    rec.keep_aside(&format!("{ASIDE_TAX_CELL}: {}", cell.trim()));
    Some(None)
}

/// A tax code cell without a digit that says there is none («KH cá nhân không có MST»,
/// «chưa có»): no code, nothing to report.
fn says_no_code(cell: &str) -> bool {
    !cell.bytes().any(|b| b.is_ascii_digit())
        && text::with_folded(cell, |k| {
            [" khong co", " chua co", " ko co", " khong"]
                .iter()
                .any(|w| format!(" {k}").contains(w))
        })
}

/// The row's date cell, day first: a month-first source's ([`Context::month_first`]) with its
/// fields turned round.
fn date_cell<'a>(raw: &'a RawRow, ctx: &Context) -> Cow<'a, str> {
    let cell = raw.get(Role::Date);
    if ctx.month_first.contains(&raw.source) {
        date::month_first(cell)
    } else {
        Cow::Borrowed(cell)
    }
}

fn normalize_date(date_raw: &str, ctx: &Context, rec: &mut Rec<'_>) -> Option<NaiveDate> {
    // «-», «không rõ», «N/A»: no date, as a contact cell saying none is no value.
    if text::is_placeholder(date_raw) {
        return None;
    }
    let typed = rec.raw.get(Role::Date);
    if date_raw != typed {
        // Read month first, as the whole source writes its dates: said on every row.
        if let Ok(Some(d)) = date::parse_latest(date_raw, ctx.today) {
            let shown = d.format("%d/%m/%Y").to_string();
            rec.push(
                Field::Date,
                Severity::Changed,
                Rule::DateMonthFirst,
                typed,
                &shown,
            );
        }
    }
    match date::parse_latest(date_raw, ctx.today) {
        Ok(Some(d)) if d > ctx.today => {
            rec.push(
                Field::Date,
                Severity::Check,
                Rule::DateAfterRun,
                date_raw,
                "",
            );
            Some(d)
        }
        Ok(d) => d,
        Err(_) => {
            rec.push_aside(Field::Date, Rule::DateInvalid, ASIDE_DATE, date_raw);
            None
        }
    }
}

/// An invoice amount, in whole đồng.
fn normalize_amount(v: &str, rec: &mut Rec<'_>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    match amount::parse_amount_rounded(v) {
        None => {
            rec.push(Field::Amount, Severity::Check, Rule::AmountInvalid, v, "");
            None
        }
        Some((a, rounded)) => {
            if rounded {
                rec.push(
                    Field::Amount,
                    Severity::Changed,
                    Rule::AmountRounded,
                    v,
                    &a.to_string(),
                );
            }
            Some(a)
        }
    }
}

/// A cell of a column that marks who refuses marketing («Không nhận quảng cáo»): anything but
/// blank or a plain «no» is a refusal («x», «Có», a date, «đã gọi báo ngừng»), the safe reading
/// of a promise to stop.
fn marks_opt_out(cell: &str) -> bool {
    let key = text::fold_key(cell);
    !key.is_empty()
        && !matches!(
            key.as_str(),
            "khong" | "k" | "ko" | "no" | "n" | "0" | "false" | "sai" | "khong co" | "chua"
        )
}

/// The consent column says no to marketing.
fn refuses_marketing(cell: &str) -> bool {
    let consent = text::fold_key(cell);
    matches!(
        consent.as_str(),
        "khong"
            | "k"
            | "no"
            | "n"
            | "0"
            | "false"
            | "off"
            | "tu choi"
            | "khong dong y"
            | "khong nhan"
            | "ngung"
            | "huy"
            | "huy dang ky"
            | "opt out"
            | "unsubscribed"
    )
}

/// The values few rows have, boxed so the others pay one pointer for them.
fn rare(
    raw: &RawRow,
    branch: Option<String>,
    [amount, vat, gross]: [Option<i64>; 3],
    legacy_font: Option<&'static str>,
) -> Option<Box<Rare>> {
    let rare = Rare {
        branch: branch.map(Text::from),
        amount,
        vat,
        gross,
        invoice_no: raw.get(Role::InvoiceNo).trim().into(),
        // Notes typed in a legacy font are converted like the other text.
        note: match legacy::fix(raw.get(Role::Note), legacy_font) {
            Some((fixed, _)) => Text::from(text::clean(&fixed).as_ref()),
            None => Text::from(text::clean(raw.get(Role::Note)).as_ref()),
        },
    };
    (rare != Rare::default()).then(|| Box::new(rare))
}

/// A number already written in its national form inside a cell of several numbers
/// ("0912345678 / 02438251234", as the cleaned book writes its phone columns) is not a change.
fn written_as_is(cell: &str, national: &str) -> bool {
    cell.split(|c: char| !c.is_ascii_digit())
        .any(|part| part == national)
}

fn record_phone(p: &phone::Phone, typed: &str, rec: &mut Rec<'_>) {
    if let Some(old) = &p.renumbered_from {
        // An old area code nothing in the row supports is converted, and a person looks.
        let (rule, severity) = match p.needs_check {
            Some(phone::PhoneDoubt::OldAreaCodeUnconfirmed { .. }) => {
                (Rule::PhoneOldAreaCodeUnconfirmed, Severity::Check)
            }
            _ if p.kind == phone::PhoneKind::Mobile => {
                (Rule::PhoneMobileRenumbered, Severity::Changed)
            }
            _ => (Rule::PhoneLandlineRenumbered, Severity::Changed),
        };
        rec.push(Field::Phone, severity, rule, old, &p.national);
    } else if let Some(phone::PhoneDoubt::AreaCodeAdded { .. }) = p.needs_check {
        rec.push(
            Field::Phone,
            Severity::Check,
            Rule::PhoneAreaCodeAdded,
            typed,
            &p.national,
        );
    } else if p.needs_check == Some(phone::PhoneDoubt::LeadingZeroRestored) {
        rec.push(
            Field::Phone,
            Severity::Changed,
            Rule::PhoneLeadingZero,
            typed,
            &p.national,
        );
    } else if typed != p.national && !written_as_is(typed, &p.national) {
        rec.push(
            Field::Phone,
            Severity::Changed,
            Rule::PhoneFormatted,
            typed,
            &p.national,
        );
    }
    // The row's evidence left both readings open (phone::evidence): a person decides.
    if let Some(phone::PhoneDoubt::OldLandlineLooksLikeMobile { as_landline }) = &p.needs_check {
        rec.push(
            Field::Phone,
            Severity::Check,
            Rule::PhoneMaybeOldLandline,
            &p.national,
            as_landline,
        );
    }
}

/// Names typed given-name first ("Nam Nguyen Van", "Huy Nguyen" — e-mail and web-form habit)
/// get their keys in Vietnamese order when the second word is a common family name and the
/// first is not. Only the keys change; the display keeps what was typed.
/// The given and family names are then read from the key ([`Norm::given`], [`Norm::family`]).
/// That rule reads only names typed without Vietnamese marks: the given-name-first habit is
/// the unaccented web form's, and one who types "Đà Hoàng Quang Tuấn" or "NGUYN ĐÌNH DŨNG"
/// writes the family name first, with a typo in it. A name turned round whole ("quang
/// nguyễn") is read with or without marks when it ends in a family name written with its marks
/// that is never a given name ([`name::is_only_family`]).
fn western_order(kind: PartyKind, key: String, typed: &str) -> String {
    if kind != PartyKind::Person {
        return key;
    }
    // The whole name turned round ("quang nguyễn", "anh tuấn nguyễn"): it ends in a family
    // name that is never a given name, written with its marks ("Lê", not "Lệ" nor "Le";
    // "Trương", not "Trường"), and starts with no family name. The folded last word first:
    // it settles nearly every name without a copy.
    let ends_in_family = key
        .rsplit_once(' ')
        .is_some_and(|(_, last)| name::is_common_family(last));
    if !ends_in_family && !typed.is_ascii() {
        return given_first_marked(&key, typed).unwrap_or(key);
    }
    let toks: Vec<&str> = key.split(' ').collect();
    // Two words, the second a family name that is never a given name and the first one that
    // also is («Mai Võ», «Mai Vo», «Hà Nguyễn»: Mai, Hà are family names and given names):
    // the first is the given name. Not when both are never given names («Phạm Võ»).
    let first_may_be_given = |first: &str| {
        !name::is_common_family(first)
            || (toks.len() == 2
                && !typed
                    .split_whitespace()
                    .next()
                    .is_some_and(name::is_only_family))
    };
    if ends_in_family
        && typed
            .split_whitespace()
            .next_back()
            .is_some_and(name::is_only_family)
        && text::fold_key(typed).rsplit(' ').next() == toks.last().copied()
        && first_may_be_given(toks[0])
        && !(toks.len() == 2 && name::is_honorific_word(toks[0]))
    {
        let mut v: Vec<&str> = toks.iter().rev().copied().collect();
        // The middle names keep their order: "anh tuan nguyen" is "nguyen tuan anh".
        v[1..toks.len() - 1].reverse();
        return v.join(" ");
    }
    if !typed.is_ascii() {
        return key;
    }
    // A first word that is no Vietnamese syllable, even unmarked ("duc" is "Đức"), is a typed
    // family name ("Pahn Dinh Kien"), not a given name.
    // "Anh Lâm", "Chị Mai": an honorific before a one-word name (kept in the key, as it may
    // also be a given name) is not a given name typed first.
    let honorific = toks.len() == 2 && name::is_honorific_word(toks[0]);
    if toks.len() >= 2
        && !name::is_common_family(toks[0])
        && name::is_common_family(toks[1])
        && text::is_unmarked_syllable(toks[0])
        && !honorific
    {
        let mut v: Vec<&str> = toks[1..].to_vec();
        v.push(toks[0]);
        return v.join(" ");
    }
    key
}

/// «Long Trần Văn», «Vy Nguyễn Thị»: typed with marks, the given name first, then the family
/// name and a middle name that is never a given name — «Văn», «Thị» written with their marks
/// («Vân» is a given name). A family name typed with a slip before a second family name
/// («Ngyuễn Trần Minh Khang», «Đà Hoàng Quang Tuấn») ends in a given name, not in one of them.
fn given_first_marked(key: &str, typed: &str) -> Option<String> {
    // The last word first: it settles nearly every name without a copy. `typed` is the shown
    // name, a person's title-cased.
    if !matches!(typed.split_whitespace().next_back(), Some("Văn" | "Thị")) {
        return None;
    }
    let toks: Vec<&str> = key.split(' ').collect();
    let words: Vec<&str> = typed.split_whitespace().collect();
    (toks.len() >= 3
        && words.len() == toks.len()
        && !name::is_common_family(toks[0])
        && name::is_common_family(toks[1])
        && text::is_vietnamese_syllable(&words[0].to_lowercase()))
    .then(|| {
        let mut v: Vec<&str> = toks[1..].to_vec();
        v.push(toks[0]);
        v.join(" ")
    })
}

/// A person's name with the honorific its row's own column gives («Anh» beside «Tuấn», which
/// read together are the given name «Anh Tuấn»): the clerk said how the customer is addressed.
/// Not when it says another gender than the name («Chị» beside «Nguyễn Văn An»), nor for an
/// organisation.
fn with_honorific_cell(mut name: name::Name, cell: &str) -> name::Name {
    if name.kind != PartyKind::Person {
        return name;
    }
    if let Some((h, gender)) = name::honorific_cell(cell) {
        if name.gender.is_none() || gender.is_none() || name.gender == gender {
            name.honorific = Some(h);
            name.gender = name.gender.or(gender);
        }
    }
    name
}

/// Dotted abbreviations typed letter by letter ("D.N.T.N", "H.T.X", "C.T.C.P") become the
/// abbreviation the legal-form table knows ("DNTN", "HTX", "CTCP").
fn undot(s: &str) -> Cow<'_, str> {
    if !s.contains('.') {
        return Cow::Borrowed(s);
    }
    let mut changed = false;
    let words: Vec<String> = s
        .split(' ')
        .map(|w| {
            let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
            if parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
            {
                changed = true;
                parts.concat()
            } else {
                w.to_string()
            }
        })
        .collect();
    if changed {
        Cow::Owned(words.join(" "))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A person's row with one more cell: its record and the rules of its checks.
    fn one_cell(role: crate::model::Role, cell: &str) -> (Norm, Vec<Rule>) {
        let mut row = RawRow::new(0, 2);
        row.push(crate::model::Role::Name, "Lê Thị An");
        row.push(role, cell);
        let mut found = Vec::new();
        let n = normalize_row(&row, 0, &test_context(), &mut found);
        let checks = found
            .iter()
            .filter(|f| f.severity == Severity::Check)
            .map(|f| f.rule)
            .collect();
        (n, checks)
    }

    #[test]
    fn a_normalised_record_is_compact() {
        // A million of them live from normalisation to the last output.
        assert!(std::mem::size_of::<Norm>() <= 256);
    }

    /// An HCM number typed as a mobile whose old-landline reading the row also writes out
    /// further on: the numbers keep the order they are written in, so the cleaned book read
    /// back gives the values it wrote (and no false «edited in the book»).
    #[test]
    fn numbers_keep_the_order_they_are_written_in() {
        use crate::model::Role;
        let ctx = test_context();
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "Công ty TNHH Thiết bị Y tế Lộc Lợi");
        row.push(Role::Phone, "0832332622; 0973026780; 02832332622");
        row.push(Role::Address, "114/46 Phạm Văn Chiêu, Quận Gò Vấp, Sài Gòn");
        row.push(Role::Date, "25/11/2016");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        let shown: Vec<&str> = n
            .phones
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| p.national.as_str())
            .collect();
        assert_eq!(shown, ["0832332622", "0973026780", "02832332622"]);
    }

    /// A name cell holding only a phone number is a phone and no name; one holding a
    /// placeholder beside a number gives both.
    #[test]
    fn a_name_cell_of_only_a_number_is_a_phone() {
        use crate::model::Role;
        let ctx = test_context();
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "0912345678");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert_eq!((n.name.as_str(), n.phones.len()), ("", 1));
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "Khách lẻ 0912345678");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert_eq!((n.name.as_str(), n.phones.len()), ("", 1));
        assert_eq!(n.note(), "Tên ghi: Khách lẻ");
    }

    /// A phone's extension is kept in the notes with its number: no phone column holds it.
    #[test]
    fn a_phones_extension_goes_to_the_notes() {
        use crate::model::Role;
        let ctx = test_context();
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "Công ty TNHH Minh Phát");
        row.push(Role::Phone, "028.3822.1235 ext 12");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert_eq!(n.phones[0].national.as_str(), "02838221235");
        assert_eq!(n.note(), "Máy lẻ 02838221235: 12");
    }

    /// Words beside a phone («(chồng)») are a note of whose line it is, asked about as such,
    /// not as a bad number; a piece with digits among the words still is one.
    #[test]
    fn words_in_a_phone_cell_are_not_a_bad_number() {
        use crate::model::Role;
        let rules = |cell: &str| {
            let (n, checks) = one_cell(Role::Phone, cell);
            (n.phones.len(), checks, n.note().to_string())
        };
        let (phones, found, note) = rules("0912 345 677 (chồng)");
        assert_eq!((phones, found), (1, vec![Rule::PhoneWords]));
        assert_eq!(note, "Điện thoại ghi: 0912 345 677 (chồng)");
        let (phones, found, _) = rules("0912 345 677 anh Nam 0912 34");
        assert_eq!(phones, 1);
        assert!(found.contains(&Rule::PhoneWords) && found.contains(&Rule::PhoneInvalid));
    }

    /// A phone or email typed into the address cell goes to its column, the address without
    /// it and its label; house numbers are not a phone; a bracket's words go to the notes.
    #[test]
    fn a_phone_in_the_address_cell_goes_to_the_phones() {
        use crate::model::Role;
        let ctx = test_context();
        let read = |phone: &str, address: &str| {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Name, "Lê Thị Bình");
            row.push(Role::Phone, phone);
            row.push(Role::Address, address);
            let mut found = Vec::new();
            let n = normalize_row(&row, 0, &ctx, &mut found);
            let phones: Vec<String> = n.phones.iter().map(|p| p.national.to_string()).collect();
            let moved = found.iter().any(|f| f.rule == Rule::AddressPhoneEmailMoved);
            (n.address.to_string(), phones, moved, n.note().to_string())
        };
        let (address, phones, moved, _) = read("", "12 Lê Lợi, Q1, TP HCM - ĐT 0912345678");
        assert_eq!(address, "12 Lê Lợi, Quận 1, Thành phố Hồ Chí Minh");
        assert_eq!((phones, moved), (vec!["0912345678".to_string()], true));
        let (address, phones, _, _) = read("0912 000 111", "45 Trần Phú, Hà Nội. SĐT: 0912000112");
        assert_eq!(address, "45 Trần Phú, Hà Nội");
        assert_eq!(phones, ["0912000111", "0912000112"]);
        let (address, phones, moved, _) = read("", "12 - 14 - 16 - 18 - 20 Lê Lợi, Q1, TP HCM");
        assert!(
            address.starts_with("12 - 14 - 16 - 18 - 20 Lê Lợi"),
            "{address}"
        );
        assert!(phones.is_empty() && !moved);
        let (address, _, _, note) = read("", "số 5 Hàng Bông, HN (gọi trước 0987 654 322)");
        assert_eq!(address, "số 5 Hàng Bông, Hà Nội");
        assert_eq!(note, "Ghi kèm địa chỉ: (gọi trước 0987 654 322)");
        // A delivery address's number may be the receiver's: kept in the notes.
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "Lê Thị Hoa");
        row.push(
            Role::Delivery,
            "Giao chị Lan - 0987 000 222, 5 Hàng Bông, Hà Nội",
        );
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert!(n.phones.is_empty());
        assert_eq!(n.delivery.as_str(), "Giao chị Lan, 5 Hàng Bông, Hà Nội");
        assert_eq!(n.note(), "Liên hệ nơi giao: 0987 000 222");
    }

    /// Cells the whole-row property found read otherwise the second time: a bracket the clerk
    /// left open, an address of only a mark beside an email, an email between semicolons, a
    /// short remainder that reads as a legacy font alone.
    #[test]
    fn an_address_read_back_is_read_the_same() {
        use crate::model::Role;
        for cell in [
            "(ổ(()",
            "X a@ivn.vn",
            "@;an@x.vn",
            "eà - ĐT 0912345678",
            "(gần chợ",
        ] {
            let (first, _) = one_cell(Role::Delivery, cell);
            let (again, _) = one_cell(Role::Delivery, first.delivery.as_str());
            assert_eq!(again.delivery, first.delivery, "{cell}");
            let (first, _) = one_cell(Role::Address, cell);
            let (again, _) = one_cell(Role::Address, first.address.as_str());
            assert_eq!(again.address, first.address, "{cell}");
        }
    }

    /// Words beside an email are a note of whose address it is; a label is dropped; an
    /// address tried without its `@` is still a bad email.
    #[test]
    fn words_in_an_email_cell_are_a_note() {
        use crate::model::Role;
        let rules = |cell: &str| {
            let (n, checks) = one_cell(Role::Email, cell);
            (n.emails.len(), checks, n.note().to_string())
        };
        assert_eq!(
            rules("an@gmail.com (con gái)"),
            (
                1,
                vec![Rule::EmailWords],
                "Email ghi: an@gmail.com (con gái)".into()
            )
        );
        assert_eq!(rules("Email: an@gmail.com"), (1, vec![], String::new()));
        assert_eq!(rules("an.gmail.com").1, [Rule::EmailInvalid]);
    }

    /// Words beside a tax code: a paper's kind leaves the code; other words may make it
    /// someone else's, so the cell goes to the notes and the code is not taken; words saying
    /// there is none are no code and nothing to report.
    #[test]
    fn words_beside_a_tax_code() {
        use crate::model::Role;
        let read = |cell: &str| {
            let (n, checks) = one_cell(Role::TaxCode, cell);
            let tax = n.tax.as_ref().map(|t| t.as_str().to_string());
            (tax, checks, n.note().to_string())
        };
        assert_eq!(
            read("001089012345 (CCCD)"),
            (Some("001089012345".into()), vec![], String::new())
        );
        assert_eq!(
            read("0100112437 (cty mẹ)"),
            (
                None,
                vec![Rule::TaxWords],
                "MST ghi: 0100112437 (cty mẹ)".into()
            )
        );
        assert_eq!(
            read("KH cá nhân không có MST"),
            (None, vec![], String::new())
        );
        assert_eq!(read("đang chờ cấp").1, [Rule::TaxBadLength]);
    }

    /// A date cell saying there is none is no date and nothing to check; a date that cannot
    /// be read still is.
    #[test]
    fn a_date_cell_saying_none_is_no_date() {
        use crate::model::Role;
        let ctx = test_context();
        let date = |cell: &str| {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Name, "Lê Văn Tám");
            row.push(Role::Date, cell);
            let mut found = Vec::new();
            let n = normalize_row(&row, 0, &ctx, &mut found);
            (n.date, found.iter().any(|f| f.rule == Rule::DateInvalid))
        };
        for none in ["-", "không rõ", "N/A", "chưa có"] {
            assert_eq!(date(none), (None, false), "{none}");
        }
        assert_eq!(date("00/00/0000"), (None, true));
        assert!(date("05/03/2024").0.is_some());
    }

    /// A column marking who refuses marketing: anything but blank or a plain «no» is a
    /// refusal, the safe reading of a promise to stop.
    #[test]
    fn a_mark_in_an_opt_out_column_is_a_no() {
        use crate::model::Role;
        let ctx = test_context();
        let refuses = |cell: &str| {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Name, "Lê Văn Tám");
            row.push(Role::OptOut, cell);
            normalize_row(&row, 0, &ctx, &mut Vec::new()).no_marketing
        };
        for yes in ["x", "X", "Có", "1", "05/03/2024", "đã gọi báo ngừng"] {
            assert!(refuses(yes), "{yes}");
        }
        for no in ["", " ", "-", "không", "No", "0"] {
            assert!(!refuses(no), "{no:?}");
        }
    }

    /// An address, delivery or contact cell that says there is none is empty: «N/A» is no
    /// address in Nghệ An (its province would have counted in matching), «Không có» no contact.
    #[test]
    fn a_cell_saying_none_is_no_address_and_no_contact() {
        use crate::model::Role;
        let ctx = test_context();
        for none in ["N/A", "-", "không có", "x", "0", "chưa có"] {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Name, "Lê Văn Tám");
            row.push(Role::Address, none);
            row.push(Role::Delivery, none);
            row.push(Role::Contact, none);
            let mut found = Vec::new();
            let n = normalize_row(&row, 0, &ctx, &mut found);
            assert_eq!(
                (n.address.as_str(), n.delivery.as_str(), n.contact.as_str()),
                ("", "", ""),
                "{none}"
            );
            assert!(n.province.is_none(), "{none}");
            assert!(found.is_empty(), "{none}: {found:?}");
        }
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "Lê Văn Tám");
        row.push(Role::Address, "Nghệ An");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert!(n.province.is_some());
    }

    /// A cell as long as Excel allows may have lost its end: a person is asked to look (the
    /// length counted as Excel counts it, an emoji twice); a long cell under the limit is not.
    #[test]
    fn a_cell_at_excels_limit_is_to_check() {
        use crate::model::Role;
        let ctx = test_context();
        let at_limit = |name: &str, address: &str| {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Name, name);
            row.push(Role::Address, address);
            let mut found = Vec::new();
            normalize_row(&row, 0, &ctx, &mut found);
            let mut fields: Vec<Field> = found
                .iter()
                .filter(|f| f.rule == Rule::CellAtLimit)
                .map(|f| f.field)
                .collect();
            fields.sort();
            fields
        };
        let long = "Số 1 Lê Lợi ".repeat(3000);
        let long: String = long.chars().take(32_767).collect();
        assert_eq!(at_limit("Nguyễn Văn An", &long), [Field::Address]);
        let emoji = format!("{}😀", "A".repeat(32_765));
        assert_eq!(at_limit(&emoji, "Quận 1"), [Field::Name]);
        assert!(at_limit("Nguyễn Văn An", &"a".repeat(32_766)).is_empty());
    }

    /// A row with only a delivery address (a web shop's `shipping_address`) is matched on
    /// it; its contact address stays empty, and so does the key kept across weeks.
    #[test]
    fn a_row_with_only_a_delivery_address_is_matched_on_it() {
        use crate::model::Role;
        let ctx = test_context();
        let mut only = RawRow::new(0, 2);
        only.push(Role::Name, "Hồ Vy");
        only.push(Role::Delivery, "12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM");
        let n = normalize_row(&only, 0, &ctx, &mut Vec::new());
        assert!(n.address.is_empty());
        assert!(n.addr_key.starts_with("12 le loi"), "{}", n.addr_key);
        assert_eq!(n.contact_addr_key(), "");
        let mut both = only.clone();
        both.push(Role::Address, "5 Hai Bà Trưng, Q.1, TP.HCM");
        let n = normalize_row(&both, 0, &ctx, &mut Vec::new());
        assert!(n.addr_key.starts_with("5 hai ba trung"), "{}", n.addr_key);
        assert_eq!(n.contact_addr_key(), n.addr_key.as_str());
    }

    /// The change list says why an address is shown otherwise: its capitals alone, or its
    /// abbreviations written out.
    #[test]
    fn an_address_recased_is_said_so() {
        use crate::model::Role;
        let ctx = test_context();
        let rule_of = |address: &str| {
            let mut row = RawRow::new(0, 2);
            row.push(Role::Address, address);
            let mut found = Vec::new();
            normalize_row(&row, 0, &ctx, &mut found);
            found
                .iter()
                .find(|f| f.field == Field::Address)
                .map(|f| f.rule)
        };
        assert_eq!(
            rule_of("12 LÊ LỢI, PHƯỜNG BẾN NGHÉ, QUẬN 1, HỒ CHÍ MINH"),
            Some(Rule::AddressCased)
        );
        assert_eq!(
            rule_of("12 LÊ LỢI, P. BẾN NGHÉ, QUẬN 1, HỒ CHÍ MINH"),
            Some(Rule::AddressExpanded)
        );
        assert_eq!(
            rule_of("12 Lê Lợi, Phường Bến Nghé, Quận 1, Hồ Chí Minh"),
            None
        );
    }

    /// A contact person typed with an organisation's name fills the empty contact column,
    /// the move in the change list; beside a contact of the row's own, it is a note.
    #[test]
    fn a_contact_typed_with_the_name_goes_to_the_contact_column() {
        use crate::model::Role;
        let ctx = test_context();
        let mut row = RawRow::new(0, 2);
        row.push(Role::Name, "A. Hiển - Cửa hàng Minh Tường");
        let mut found = Vec::new();
        let n = normalize_row(&row, 0, &ctx, &mut found);
        assert_eq!(
            (n.name.as_str(), n.contact.as_str()),
            ("Cửa hàng Minh Tường", "A. Hiển")
        );
        assert!(found
            .iter()
            .any(|f| f.field == Field::Contact && f.rule == Rule::NameContactMoved));
        assert!(found
            .iter()
            .any(|f| f.field == Field::Name && f.rule == Rule::NameContactMoved));
        row.push(Role::Contact, "Chị Mai");
        let n = normalize_row(&row, 0, &ctx, &mut Vec::new());
        assert_eq!(
            (n.name.as_str(), n.contact.as_str()),
            ("Cửa hàng Minh Tường", "Chị Mai")
        );
        assert!(n.note().contains("A. Hiển"), "{}", n.note());
    }

    /// Joining the files' parts gives the same records and renumbered findings whether the
    /// first part made room for the others (then its vector is kept, not copied) or not.
    #[test]
    fn joined_parts_are_the_same_with_room_or_without() {
        let ctx = test_context();
        let a = test_raw_rows(&["NGUYỄN văn  an|0912 345 678", "Trần Thị B|84912000111"]);
        let b = test_raw_rows(&["lê c|01662345678", "  Phạm D |abc"]);
        let c = test_raw_rows(&["Công ty TNHH E"]);
        let plain = concat(vec![
            normalize_all(&a, &ctx),
            normalize_all(&b, &ctx),
            normalize_all(&c, &ctx),
        ]);
        let first = normalize_all_with_room(&a, &ctx, b.len() + c.len());
        let kept = first.0.as_ptr();
        let roomy = concat(vec![
            first,
            normalize_all_with_room(&b, &ctx, a.len()),
            normalize_all_with_room(&c, &ctx, a.len() + b.len()),
        ]);
        assert_eq!(
            roomy.0.as_ptr(),
            kept,
            "the first part's records are not copied"
        );
        let show = |(ns, fs): &(Vec<Norm>, Vec<Finding>)| {
            (
                ns.iter()
                    .map(|n| format!("{} {:?}", n.name, n.phones))
                    .collect::<Vec<_>>(),
                fs.iter()
                    .map(|f| format!("{} {:?} {} {}", f.row, f.rule, f.old, f.new))
                    .collect::<Vec<_>>(),
            )
        };
        let (names, found) = show(&plain);
        assert_eq!(names.len(), 5);
        assert!(found.iter().any(|f| f.starts_with("2 ")), "{found:?}");
        assert_eq!(show(&roomy), (names, found));
    }

    #[test]
    fn dotted_abbreviations_are_joined() {
        assert_eq!(undot("D.N.T.N Tín Nhân"), "DNTN Tín Nhân");
        assert_eq!(undot("H.T.X Thủy sản"), "HTX Thủy sản");
        assert_eq!(undot("Cty. TNHH A.B"), "Cty. TNHH AB");
        assert_eq!(undot("Nguyễn V. An"), "Nguyễn V. An");
    }

    #[test]
    fn a_branch_tax_code_names_the_branch_of_its_address() {
        let rows = test_rows(&[
            "Hanh Cuong Trading Services Import Export JSC|||309 2 Tháng 4, P.Cam Phú, Tp Cam Ranh, Khánh Hòa|0484825471-001",
            "Hanh Cuong Trading Services Import Export JSC|||309 2 Tháng 4, P.Cam Phú, Tp Cam Ranh, Khánh Hòa|0484825471",
            "Công ty CP Hạnh Cường - CN Hà Nội|||309 2 Tháng 4, P.Cam Phú, Tp Cam Ranh, Khánh Hòa|0484825471-001",
        ]);
        assert_eq!(rows[0].branch(), Some("khanh hoa"));
        assert_eq!(rows[1].branch(), None, "the head office's code");
        assert_eq!(rows[2].branch(), Some("ha noi"), "the name's branch first");
    }

    /// «Chi nhánh QN» (Quảng Ninh, Quảng Nam or Quảng Ngãi) at an address in Quảng Ninh is the
    /// Quảng Ninh branch, as «Chi nhánh Quảng Ninh» is; without an address, or at an address
    /// in none of them, it stays «qn».
    #[test]
    fn a_shared_abbreviation_branch_is_the_one_of_its_address() {
        let rows = test_rows(&[
            "Công ty TNHH SX Sáng Hạnh Quang - Chi nhánh QN|||Số 5 Lê Thánh Tông, P. Hồng Gai, TP Hạ Long, Quảng Ninh|0100112437-001",
            "Chi nhánh Quảng Ninh - Công ty TNHH Sản xuất Sáng Hạnh Quang|||5 Lê Thánh Tông, Hạ Long, Quảng Ninh|0100112437-001",
            "Công ty TNHH SX Sáng Hạnh Quang - Chi nhánh QN||||0100112437-001",
            "Chi nhánh ĐN - Công ty Cổ phần Hoa Thịnh Vinh|||12 Lê Duẩn, Q. Hải Châu, TP Đà Nẵng|",
            "Chi nhánh ĐN - Công ty Cổ phần Hoa Thịnh Vinh|||12 Lê Lợi, Quận 1, TP.HCM|",
        ]);
        assert_eq!(rows[0].branch(), Some("quang ninh"));
        assert_eq!(rows[1].branch(), Some("quang ninh"));
        assert_eq!(rows[2].branch(), Some("qn"));
        assert_eq!(rows[3].branch(), Some("da nang"));
        assert_eq!(rows[4].branch(), Some("dn"));
    }

    /// A trade name typed without its legal form reads like a person's; an enterprise's tax
    /// code says whose it is. A mail domain does not (a branch's short name beside its
    /// mailbox), nor is a person's name (a family name, a Văn or Thị, a person's code) a
    /// company's.
    #[test]
    fn the_row_tells_a_bare_trade_name_from_a_person() {
        let rows = test_rows(&[
            "Đất Quang Phúc|||Số 77 Vạn Phúc, Hà Đông, Hà Nội|0160572365",
            "Đất Quang Phúc||tu.nv@datquangphuc.com.vn|Số 77 Vạn Phúc, Hà Đông, Hà Nội|",
            "Đất Quang Phúc||datquangphuc@gmail.com|Số 77 Vạn Phúc, Hà Đông, Hà Nội|8012345678",
            "Nguyễn Quang Phúc|||Số 77 Vạn Phúc, Hà Đông, Hà Nội|0160572365",
            "Ninh Văn Bình|||Số 77 Vạn Phúc, Hà Đông, Hà Nội|0160572365",
            // One word: a brand no Vietnamese syllable is, not a given name.
            "Victory|||221 Láng Hạ, Đống Đa, Hà Nội|0126568760",
            "Hùng|||221 Láng Hạ, Đống Đa, Hà Nội|0126568760",
            "Duc|||221 Láng Hạ, Đống Đa, Hà Nội|0126568760",
        ]);
        let kinds: Vec<PartyKind> = rows.iter().map(|n| n.kind).collect();
        use PartyKind::{Org, Person};
        assert_eq!(
            kinds,
            [Org, Person, Person, Person, Person, Org, Person, Person]
        );
        assert_eq!(rows[0].name_key.as_str(), "dat quang phuc");
    }

    #[test]
    fn western_order_keys_follow_vietnamese_order() {
        // (as typed, its key after; the key before is the typed name folded)
        let cases = [
            ("Nam Nguyen Van", "nguyen van nam"),
            ("Nguyen Van Nam", "nguyen van nam"),
            // A typed family name is no given name: "Pahn Đình Kiên" stays in its order.
            ("Pahn Đình Kiên", "pahn dinh kien"),
            // Anh Lâm: an honorific and a given name.
            ("Anh Lam", "anh lam"),
            // Typed with marks, a first word that is no family name is a family name mistyped.
            ("Đà Hoàng Quang Tuấn", "da hoang quang tuan"),
            ("huy nguyen", "nguyen huy"),
            // Unmarked given names with a stop final or a marked vowel are syllables too
            // ("Đức", "Tuấn"); a typo is not.
            ("Duc Nguyen", "nguyen duc"),
            ("TUAN TRAN ANH", "tran anh tuan"),
            ("Pahn Dinh Kien", "pahn dinh kien"),
            // Turned round whole, with marks: a family name that is no given name ends it.
            ("quang nguyễn", "nguyen quang"),
            ("Anh Tuấn NGUYỄN", "nguyen tuan anh"),
            ("Lê Quốc Trường", "le quoc truong"),
            ("Huỳnh Hồng Thùy Lệ", "huynh hong thuy le"),
            ("Huynh Hong Thuy Le", "huynh hong thuy le"),
            ("Phú Thái Nguyên", "phu thai nguyen"),
            // Given name first, with marks: the name ends in «Văn» or «Thị».
            ("Long Trần Văn", "tran van long"),
            ("Vy Nguyễn Thị", "nguyen thi vy"),
            ("Diệu Huỳnh Thị", "huynh thi dieu"),
            // «Vân» is a given name; a slip in the first of two family names ends in a given
            // name.
            ("Long Trần Vân", "long tran van"),
            ("Ngyuễn Trần Minh Khang", "ngyuen tran minh khang"),
            ("Tô Hoàng Văn", "to hoang van"),
            // Two words, the second never a given name, the first a family name that is also
            // a given name: turned round. Two that are never given names keep their order, as
            // a longer name that starts with a family name does; «Nguyen» may be «Nguyên».
            ("Mai Vo", "vo mai"),
            ("Mai Võ", "vo mai"),
            ("Hà Nguyễn", "nguyen ha"),
            ("Lam Pham", "pham lam"),
            ("Vinh Võ", "vo vinh"),
            ("Phạm Võ", "pham vo"),
            ("Pham Vo", "pham vo"),
            ("Mai Nguyen", "mai nguyen"),
            ("Nguyen Van Vo", "nguyen van vo"),
            ("Võ Minh Mai", "vo minh mai"),
            ("Mai Thi Vo", "mai thi vo"),
        ];
        for (typed, want) in cases {
            let key = text::fold_key(typed);
            assert_eq!(
                western_order(PartyKind::Person, key, typed),
                want,
                "{typed}"
            );
        }
        // The given and family names the matcher compares follow the reordered key.
        let mut r = RawRow::new(0, 2);
        r.push(Role::Name, "Nam Nguyen Van");
        let ctx = Context::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let n = normalize_row(&r, 0, &ctx, &mut Vec::new());
        assert_eq!(
            (n.name_key.as_str(), n.given(), n.family()),
            ("nguyen van nam", "nam", "nguyen")
        );
    }

    #[test]
    fn a_consent_column_that_says_no() {
        for no in [
            "Không",
            "KHÔNG ĐỒNG Ý",
            "false",
            "0",
            "No",
            "off",
            "Hủy đăng ký",
            "opt-out",
        ] {
            assert!(refuses_marketing(no), "{no}");
        }
        for yes in ["Có", "true", "1", "yes", "", "x", "Không rõ"] {
            assert!(!refuses_marketing(yes), "{yes}");
        }
    }

    mod props {
        use super::super::*;
        use crate::model::Role;
        use proptest::prelude::*;

        /// Cells as clerks type them: names, numbers in every form, places, labels and
        /// brackets, in any mix. (Capitals with Latin-1 marks are left out: a few of them
        /// alone are read as a legacy font, VNI's «YÕ» as «Ỹ», which the whole cell was not.)
        const CELL: &str = "[A-Za-z0-9 ĂĐƯàáâãèéêìíòóôõùúăđưạảấầẩậắằặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ().,;:/+-]{0,40}";
        /// A mailbox, perhaps with words after it.
        const EMAIL: &str =
            "[a-z0-9._]{1,8}@[a-z0-9]{1,8}\\.(vn|com|com\\.vn)( \\((con|cty|riêng)\\))?";
        /// A cell with a phone or a mailbox typed into it, or not.
        fn with_contact() -> impl Strategy<Value = String> {
            (
                CELL,
                prop::option::of(prop_oneof![
                    EMAIL.prop_map(|e| e),
                    "0[39][0-9]{8}".prop_map(|p| format!("ĐT {p}")),
                    "0[39][0-9] [0-9]{3} [0-9]{4}".prop_map(|p| format!("({p})")),
                ]),
            )
                .prop_map(|(cell, contact)| match contact {
                    Some(c) => format!("{cell} - {c}"),
                    None => cell,
                })
        }

        fn row(cells: &[(Role, &str)]) -> RawRow {
            let mut r = RawRow::new(0, 2);
            for (role, v) in cells {
                r.push(*role, v);
            }
            r
        }

        proptest! {
            /// No cell a clerk can type stops the run, and the values the book writes, read
            /// back as the next week reads them, are the same values: the name, phones,
            /// emails, addresses and tax code.
            #[test]
            fn a_row_never_panics_and_its_book_values_are_a_fixed_point(
                name in with_contact(), phone in CELL, email in prop_oneof![CELL, EMAIL],
                address in with_contact(), delivery in with_contact(), tax in CELL, date in CELL,
            ) {
                let ctx = test_context();
                let first = normalize_row(
                    &row(&[
                        (Role::Name, &name),
                        (Role::Phone, &phone),
                        (Role::Email, &email),
                        (Role::Address, &address),
                        (Role::Delivery, &delivery),
                        (Role::TaxCode, &tax),
                        (Role::Date, &date),
                    ]),
                    0,
                    &ctx,
                    &mut Vec::new(),
                );
                let phones = |n: &Norm| -> Vec<String> {
                    n.phones.iter().filter(|p| !p.hidden).map(|p| p.national.to_string()).collect()
                };
                let emails = |n: &Norm| -> Vec<String> {
                    n.emails.iter().map(|e| e.to_string()).collect()
                };
                let tax = |n: &Norm| n.tax.as_ref().map(|t| t.as_str().to_string());
                let (p1, e1) = (phones(&first).join("; "), emails(&first).join("; "));
                let second = normalize_row(
                    &row(&[
                        (Role::Name, first.name.as_str()),
                        (Role::Phone, &p1),
                        (Role::Email, &e1),
                        (Role::Address, first.address.as_str()),
                        (Role::Delivery, first.delivery.as_str()),
                        (Role::TaxCode, tax(&first).as_deref().unwrap_or("")),
                    ]),
                    0,
                    &ctx,
                    &mut Vec::new(),
                );
                prop_assert_eq!(phones(&second), phones(&first));
                prop_assert_eq!(emails(&second), emails(&first));
                prop_assert_eq!(second.address.as_str(), first.address.as_str());
                prop_assert_eq!(second.delivery.as_str(), first.delivery.as_str());
                prop_assert_eq!(tax(&second), tax(&first));
            }
        }
    }
}
