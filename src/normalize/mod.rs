//! Normalize: each raw row → canonical Vietnamese values plus matching keys, and a `Finding`
//! for every value that changed or needs a human. Pure functions per field live in the
//! submodules; this module only wires them to rows and records what happened.

pub mod address;
pub mod amount;
pub mod date;
pub mod email;
pub mod legacy;
pub mod name;
pub mod phone;
pub mod taxcode;
pub mod text;

use crate::model::{Field, Finding, RawRow, Role, Rule, Severity};
use address::Province;
use chrono::NaiveDate;
use name::{Gender, PartyKind};
use rayon::prelude::*;
use std::borrow::Cow;

/// One phone of a customer, as display text and a numeric key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNo {
    pub national: String,
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
    pub name: String,
    pub honorific: Option<&'static str>,
    pub gender: Option<Gender>,
    pub legal_form: Option<&'static str>,
    pub branch: Option<String>,
    pub name_key: String,
    pub given: String,
    pub family: String,
    pub contact: String,
    pub phones: Vec<PhoneNo>,
    pub emails: Vec<String>,
    pub address: String,
    pub addr_key: String,
    pub province: Option<&'static Province>,
    pub delivery: String,
    pub tax: Option<taxcode::TaxCode>,
    pub date: Option<NaiveDate>,
    pub amount: Option<i64>,
    pub vat: Option<i64>,
    pub invoice_no: String,
    pub note: String,
    /// The consent column says the customer does not want marketing.
    pub no_marketing: bool,
}

impl Norm {
    /// Number of syllables in the person's name key (a one-word name is a given name alone).
    pub fn syllables(&self) -> usize {
        self.name_key.split(' ').filter(|s| !s.is_empty()).count()
    }
}

/// Settings for one normalisation pass.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub today: NaiveDate,
}

/// Normalizes every row in parallel; findings come back in row order.
pub fn normalize_all(rows: &[RawRow], ctx: &Context) -> (Vec<Norm>, Vec<Finding>) {
    // Collected in place (no per-chunk vectors concatenated afterwards): at a million rows
    // the normalised records are the largest thing the run holds.
    let (norms, nested): (Vec<Norm>, Vec<Vec<Finding>>) = rows
        .par_iter()
        .enumerate()
        .map(|(i, raw)| {
            let mut found = Vec::new();
            let n = normalize_row(raw, i as u32, ctx, &mut found);
            (n, found)
        })
        .unzip();
    let mut findings = Vec::with_capacity(nested.iter().map(Vec::len).sum());
    for f in nested {
        findings.extend(f);
    }
    (norms, findings)
}

struct Rec<'a> {
    row: u32,
    out: &'a mut Vec<Finding>,
}

impl Rec<'_> {
    fn push(&mut self, field: Field, severity: Severity, rule: Rule, old: &str, new: &str) {
        self.out.push(Finding {
            row: self.row,
            field,
            severity,
            rule,
            old: old.to_string(),
            new: new.to_string(),
        });
    }
}

/// Cleans free text and converts legacy-font mojibake, recording both.
fn clean_text<'a>(raw: &'a str, field: Field, rec: &mut Rec<'_>) -> Cow<'a, str> {
    if raw.is_empty() {
        return Cow::Borrowed(raw);
    }
    if let Some((fixed, _enc)) = legacy::fix(raw, None) {
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

pub fn normalize_row(raw: &RawRow, idx: u32, ctx: &Context, findings: &mut Vec<Finding>) -> Norm {
    let mut rec = Rec {
        row: idx,
        out: findings,
    };

    // Address first: its province is evidence for reading old landline numbers.
    let addr_raw = clean_text(raw.get(Role::Address), Field::Address, &mut rec);
    let addr = address::parse_address(&addr_raw);
    if !addr_raw.is_empty() && addr.display != raw.get(Role::Address) {
        rec.push(
            Field::Address,
            Severity::Changed,
            Rule::AddressExpanded,
            raw.get(Role::Address),
            &addr.display,
        );
    }
    let delivery_raw = clean_text(raw.get(Role::Delivery), Field::Delivery, &mut rec);
    let delivery = if delivery_raw.is_empty() {
        String::new()
    } else {
        let d = address::parse_address(&delivery_raw);
        if d.display != raw.get(Role::Delivery) {
            rec.push(
                Field::Delivery,
                Severity::Changed,
                Rule::AddressExpanded,
                raw.get(Role::Delivery),
                &d.display,
            );
        }
        d.display
    };
    let province = addr.province.or_else(|| address::find_province(&delivery));

    // Name.
    let name_raw = clean_text(raw.get(Role::Name), Field::Name, &mut rec);
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
        }
    } else {
        name::parse_name(&undot(&name_raw))
    };
    if name_raw.is_empty() {
        rec.push(Field::Name, Severity::Check, Rule::NameMissing, "", "");
    } else if name.display != raw.get(Role::Name) {
        let rule = if name.honorific.is_some() {
            Rule::HonorificSplit
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
    let contact_raw = clean_text(raw.get(Role::Contact), Field::Contact, &mut rec);
    let contact = if contact_raw.is_empty() {
        String::new()
    } else {
        name::parse_name(&contact_raw).display
    };

    // Phones: mobile columns and landline columns.
    let province_key = province.map(|p| p.key);
    let mut phones = Vec::new();
    for (role, landline_column) in [(Role::Phone, false), (Role::PhoneFixed, true)] {
        let v = raw.get(role);
        if v.is_empty() {
            continue;
        }
        let hint = phone::PhoneHint {
            landline_column,
            province_key,
        };
        let parsed = phone::parse_phones(v, hint);
        for p in &parsed.phones {
            record_phone(p, v, province_key, &mut rec);
            if !phones.iter().any(|q: &PhoneNo| q.key == p.key()) {
                phones.push(PhoneNo {
                    national: p.national.clone(),
                    key: p.key(),
                    mobile: p.kind == phone::PhoneKind::Mobile,
                    hidden: false,
                });
            }
            if let Some(phone::PhoneDoubt::OldLandlineLooksLikeMobile { as_landline }) =
                &p.needs_check
            {
                let alt = phone::parse_phones(
                    as_landline,
                    phone::PhoneHint {
                        landline_column: true,
                        province_key: None,
                    },
                );
                for q in alt.phones {
                    if !phones.iter().any(|x| x.key == q.key()) {
                        phones.push(PhoneNo {
                            national: q.national.clone(),
                            key: q.key(),
                            mobile: false,
                            hidden: true,
                        });
                    }
                }
            }
        }
        for bad in &parsed.invalid {
            rec.push(Field::Phone, Severity::Check, Rule::PhoneInvalid, bad, "");
        }
    }

    // Emails.
    let email_raw = raw.get(Role::Email);
    let emails = if email_raw.is_empty() {
        Vec::new()
    } else {
        let e = email::parse_emails(email_raw);
        let joined = e.valid.join("; ");
        if !e.valid.is_empty() && joined != email_raw {
            rec.push(
                Field::Email,
                Severity::Changed,
                Rule::EmailLowercased,
                email_raw,
                &joined,
            );
        }
        for bad in &e.invalid {
            rec.push(Field::Email, Severity::Check, Rule::EmailInvalid, bad, "");
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
        e.valid
    };

    // Tax code.
    let tax_raw = raw.get(Role::TaxCode);
    let tax = if tax_raw.is_empty() {
        None
    } else {
        match taxcode::parse_tax_code(tax_raw) {
            Ok(p) => {
                if p.zero_restored {
                    rec.push(
                        Field::TaxCode,
                        Severity::Changed,
                        Rule::TaxLeadingZero,
                        tax_raw,
                        p.code.as_str(),
                    );
                } else if p.changed {
                    rec.push(
                        Field::TaxCode,
                        Severity::Changed,
                        Rule::TaxFormatted,
                        tax_raw,
                        p.code.as_str(),
                    );
                }
                Some(p.code)
            }
            Err(taxcode::TaxIssue::Empty) => None,
            Err(taxcode::TaxIssue::BadCheckDigit { .. }) => {
                rec.push(
                    Field::TaxCode,
                    Severity::Check,
                    Rule::TaxBadCheckDigit,
                    tax_raw,
                    "",
                );
                None
            }
            Err(_) => {
                rec.push(
                    Field::TaxCode,
                    Severity::Check,
                    Rule::TaxBadLength,
                    tax_raw,
                    "",
                );
                None
            }
        }
    };

    // Activity date.
    let date_raw = raw.get(Role::Date);
    let date = match date::parse_date(date_raw, ctx.today) {
        Ok(d) => d,
        Err(_) => {
            rec.push(
                Field::Date,
                Severity::Check,
                Rule::DateInvalid,
                date_raw,
                "",
            );
            None
        }
    };

    // Invoice amounts, in whole đồng.
    let mut money = |role: Role| -> Option<i64> {
        let v = raw.get(role);
        if v.is_empty() {
            return None;
        }
        let parsed = amount::parse_amount(v);
        if parsed.is_none() {
            rec.push(Field::Amount, Severity::Check, Rule::AmountInvalid, v, "");
        }
        parsed
    };
    let amount = money(Role::Amount);
    let vat = money(Role::Vat);

    let consent = text::fold_key(raw.get(Role::Consent));
    let no_marketing = matches!(
        consent.as_str(),
        "khong" | "k" | "no" | "n" | "0" | "false" | "tu choi" | "khong dong y" | "ngung"
    );

    let (name_key, given, family) = western_order(name.kind, name.key, name.given, name.family);
    Norm {
        kind: name.kind,
        name: name.display,
        honorific: name.honorific,
        gender: name.gender,
        legal_form: name.legal_form,
        branch: name.branch,
        name_key,
        given,
        family,
        contact,
        phones,
        emails,
        address: addr.display,
        addr_key: addr.key,
        province,
        delivery,
        tax,
        date,
        amount,
        vat,
        invoice_no: raw.get(Role::InvoiceNo).trim().to_string(),
        note: text::clean(raw.get(Role::Note)).into_owned(),
        no_marketing,
    }
}

fn record_phone(p: &phone::Phone, typed: &str, province_key: Option<&str>, rec: &mut Rec<'_>) {
    if let Some(old) = &p.renumbered_from {
        let rule = if p.kind == phone::PhoneKind::Mobile {
            Rule::PhoneMobileRenumbered
        } else {
            Rule::PhoneLandlineRenumbered
        };
        rec.push(Field::Phone, Severity::Changed, rule, old, &p.national);
    } else if p.needs_check == Some(phone::PhoneDoubt::LeadingZeroRestored) {
        rec.push(
            Field::Phone,
            Severity::Changed,
            Rule::PhoneLeadingZero,
            typed,
            &p.national,
        );
    } else if typed != p.national {
        rec.push(
            Field::Phone,
            Severity::Changed,
            Rule::PhoneFormatted,
            typed,
            &p.national,
        );
    }
    if let Some(phone::PhoneDoubt::OldLandlineLooksLikeMobile { as_landline }) = &p.needs_check {
        // A customer whose address is in another province than the old area code's is read as
        // a mobile without asking; with no province, or the same one, a person decides.
        let elsewhere = province_key
            .is_some_and(|k| phone::old_landline_province(&p.national).is_some_and(|a| a.key != k));
        if !elsewhere {
            rec.push(
                Field::Phone,
                Severity::Check,
                Rule::PhoneMaybeOldLandline,
                &p.national,
                as_landline,
            );
        }
    }
}

/// Names typed given-name first ("Nam Nguyen Van", "Huy Nguyen" — e-mail and web-form habit)
/// get their keys in Vietnamese order when the second word is a common family name and the
/// first is not. Only the keys change; the display keeps what was typed.
fn western_order(
    kind: PartyKind,
    key: String,
    given: String,
    family: String,
) -> (String, String, String) {
    if kind != PartyKind::Person {
        return (key, given, family);
    }
    let toks: Vec<&str> = key.split(' ').collect();
    if toks.len() >= 2 && !name::is_common_family(toks[0]) && name::is_common_family(toks[1]) {
        let mut v: Vec<&str> = toks[1..].to_vec();
        v.push(toks[0]);
        return (v.join(" "), toks[0].to_string(), toks[1].to_string());
    }
    (key, given, family)
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

    #[test]
    fn dotted_abbreviations_are_joined() {
        assert_eq!(undot("D.N.T.N Tín Nhân"), "DNTN Tín Nhân");
        assert_eq!(undot("H.T.X Thủy sản"), "HTX Thủy sản");
        assert_eq!(undot("Cty. TNHH A.B"), "Cty. TNHH AB");
        assert_eq!(undot("Nguyễn V. An"), "Nguyễn V. An");
    }

    #[test]
    fn western_order_keys_follow_vietnamese_order() {
        let (k, g, f) = western_order(
            PartyKind::Person,
            "nam nguyen van".into(),
            "van".into(),
            "nam".into(),
        );
        assert_eq!(
            (k.as_str(), g.as_str(), f.as_str()),
            ("nguyen van nam", "nam", "nguyen")
        );
        let (k, _, _) = western_order(
            PartyKind::Person,
            "nguyen van nam".into(),
            "nam".into(),
            "nguyen".into(),
        );
        assert_eq!(k, "nguyen van nam");
    }
}
