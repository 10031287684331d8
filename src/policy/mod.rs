//! Policy: the company's promises, applied every run — the policy file (`sokhach.toml`), the
//! customers' requests (delete, correct, stop and resume marketing, access, re-admit), the
//! retention rule, and the suppression list that keeps deleted customers from coming back.

pub mod consent;
pub mod file;
pub mod readmit;
pub mod requests;
pub mod retention;

pub use file::Policy;

/// Masks personal data for reports about deleted people: "Nguyễn Văn An" → "Ng*** V** A**",
/// "0912345678" → "09******78", "an@gmail.com" → "a*@gmail.com".
pub fn mask(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return String::new();
    }
    if let Some((local, domain)) = s.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}*@{domain}");
    }
    // A phone however it was typed ("0912 345 678", "0912.345.678", "+84 (912) 345-678"):
    // only its first and last two digits stay; masking word by word would show most of it.
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits > 4
        && s.chars()
            .all(|c| c.is_ascii_digit() || " .-+()".contains(c))
    {
        let mut seen = 0;
        return s
            .chars()
            .map(|c| {
                if !c.is_ascii_digit() {
                    return c;
                }
                seen += 1;
                if seen <= 2 || seen > digits - 2 {
                    c
                } else {
                    '*'
                }
            })
            .collect();
    }
    s.split_whitespace()
        .map(|w| {
            let keep = if w.chars().count() > 3 { 2 } else { 1 };
            let head: String = w.chars().take(keep).collect();
            format!(
                "{head}{}",
                "*".repeat(w.chars().count().saturating_sub(keep).max(1))
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_names_phones_and_emails() {
        assert_eq!(mask("Nguyễn Văn An"), "Ng**** V** A*");
        assert_eq!(mask("0912345678"), "09******78");
        assert_eq!(mask("an@gmail.com"), "a*@gmail.com");
        assert_eq!(mask(""), "");
        assert!(!mask("Trần Thị Lan").contains("Lan"));
    }

    /// A correction's value is read as a ledger's cell is: normalised, or refused by the rule
    /// that would flag it there.
    #[test]
    fn a_correction_value_is_read_by_the_ledgers_rules() {
        use super::normalize_correction as n;
        use super::requests::CorrectField as F;
        use crate::model::Rule;
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        assert_eq!(n(F::Phone, "0912 345 678", today), Ok("0912345678".into()));
        assert_eq!(n(F::Phone, "0123", today), Err(Rule::PhoneInvalid));
        assert_eq!(
            n(F::Email, " An.Moi@Gmail.com ", today),
            Ok("an.moi@gmail.com".into())
        );
        assert_eq!(
            n(F::Email, "duong.moi@gmail", today),
            Err(Rule::EmailInvalid)
        );
        // A comma for the dot before «com» is read as the ledgers read it.
        assert_eq!(
            n(F::Email, "duong.moi@gmail,com", today),
            Ok("duong.moi@gmail.com".into())
        );
        assert_eq!(n(F::TaxCode, "0100100079", today), Ok("0100100079".into()));
        assert_eq!(
            n(
                F::Delivery,
                "12 Lý Thường Kiệt, TP Biên Hòa, Đồng Nai",
                today
            ),
            Ok("12 Lý Thường Kiệt, Thành phố Biên Hòa, Đồng Nai".into())
        );
        assert_eq!(
            n(F::TaxCode, "0100100078", today),
            Err(Rule::TaxBadCheckDigit)
        );
    }

    #[test]
    fn masks_a_phone_whatever_its_spacing() {
        assert_eq!(mask("0912 345 678"), "09** *** *78");
        assert_eq!(mask("0912.345.678"), "09**.***.*78");
        assert_eq!(mask("+84 912 345 678"), "+84 *** *** *78");
        assert_eq!(mask("(024) 3825-1234"), "(02*) ****-**34");
        for p in [
            "0912 345 678",
            "0912.345.678",
            "+84 912 345 678",
            "0912-345-678",
        ] {
            assert!(!mask(p).contains("345"), "{p} → {}", mask(p));
        }
    }
}

use crate::keys::{Fp, Keyer};
use crate::merge::Customer;
use crate::model::{Action, Field, Rule};
use crate::normalize::Norm;
use crate::state::{Correction, Readmitted, Replaced, Retired, Suppressed};
use chrono::NaiveDate;
use rayon::prelude::*;
use requests::{Kind, Request};
use std::collections::{HashMap, HashSet};

/// Keyed hashes of the identifiers that bring a deleted customer back: mobiles, emails, tax
/// codes, name + street address and an invoice line (buyer and number). Landlines are left
/// out: a household shares them.
pub fn identity_hashes(keyer: &Keyer, n: &Norm) -> Vec<Fp> {
    let mut out = Vec::new();
    for p in n.phones.iter().filter(|p| p.mobile) {
        out.push(keyer.fp(&["phone", &p.key.to_string()]));
    }
    for e in &n.emails {
        out.push(keyer.fp(&["email", e]));
    }
    if let Some(t) = &n.tax {
        out.push(keyer.fp(&["tax", t.as_str()]));
    }
    if !n.name_key.is_empty() && !n.contact_addr_key().is_empty() {
        out.push(keyer.fp(&["name+address", &n.name_key, n.contact_addr_key()]));
    }
    // An invoice line is one buyer's: its buyer and number, read again next week, are the same
    // line (a deleted customer's invoice stays theirs when a namesake appears later).
    if !n.name_key.is_empty() && !n.invoice_no().is_empty() {
        out.push(keyer.fp(&["invoice", &n.name_key, n.invoice_no()]));
    }
    out
}

/// What the state store remembers that policy needs.
#[derive(Default)]
pub struct Remembered {
    pub suppression: HashMap<Fp, Suppressed>,
    pub corrections: Vec<Correction>,
    /// Values earlier corrections replaced.
    pub replaced: Vec<Replaced>,
    pub opt_outs: HashSet<String>,
    /// The «Nhận quảng cáo lại» in effect, by customer id.
    pub opt_ins: HashMap<String, consent::OptIn>,
    pub aliases: HashMap<String, String>,
    pub requests_done: HashMap<Fp, String>,
    /// Ids of customers set aside for inactivity in an earlier run.
    pub retired_ids: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestStatus {
    Applied {
        customer_id: String,
    },
    /// The customer was deleted on request earlier: the day it was done (yyyy-mm-dd; empty
    /// when unknown).
    AlreadyDeleted(String),
    NotFound,
    /// Matches several customers: their ids (the first 20).
    Ambiguous(Vec<String>),
    Invalid(String),
    /// A correction whose new value the ledger's rules refuse (the rule that refuses it).
    BadValue(Rule),
    /// A «Nhận lại» carried out: how many of the deleted customer's identifiers it lifted, the
    /// day she had been deleted, and the customer her rows make this run (when one does).
    Readmitted {
        lifted: usize,
        deleted_on: String,
        customer_id: Option<String>,
    },
    /// A «Nhận lại» with nothing to re-admit.
    NotApplicable(readmit::NotApplicable),
    /// A «Nhận quảng cáo lại» an opt-out newer than it holds against.
    OptedOutLater(consent::Later),
}

#[derive(Debug, Clone)]
pub struct RequestOutcome {
    pub request: Option<Request>,
    pub row: u32,
    pub status: RequestStatus,
    /// When it was first carried out (this run, or an earlier one).
    pub done_on: Option<String>,
    /// Received, not carried out, and past the deadline.
    pub overdue: bool,
    /// Carried out later than the deadline.
    pub late: bool,
    /// For a correction: the value before and after.
    pub change: Option<(String, String)>,
    /// The request's keyed hash (how the state knows it was done).
    pub key: Option<Fp>,
}

/// Why a customer is out of the book this run: the facts, which the outputs put into words
/// (`output::lineage`) in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Deleted this run at the customer's request.
    Requested(Box<Suppressed>),
    /// An identifier of a customer deleted on request in an earlier run.
    DeletedBefore(Box<Suppressed>),
    /// A row of a customer deleted on request and later taken back («Nhận lại», received or
    /// carried out on `readmitted`, yyyy-mm-dd): it carries data erased with her, or is not
    /// dated after she came back, so it is from before.
    BeforeReadmission {
        deletion: Box<Suppressed>,
        readmitted: String,
    },
    /// No activity since `since` for longer than the retention rule's `months`.
    Inactive {
        since: Option<NaiveDate>,
        months: u32,
    },
}

/// A customer's removal: why, and the language the outputs tell it in (its `Display`, in
/// `output::lineage`, is the lineage's and the report's reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub why: Why,
}

impl Removal {
    /// The removal with its lineage action, as `Applied::fate` holds it.
    fn fate(why: Why) -> (Action, Removal) {
        let action = match why {
            Why::Requested(_) => Action::Deleted,
            Why::DeletedBefore(_) | Why::BeforeReadmission { .. } => Action::Suppressed,
            Why::Inactive { .. } => Action::Expired,
        };
        (action, Removal { why })
    }
}

/// The result of applying the policy to this run's customers.
#[derive(Debug, Default)]
pub struct Applied {
    /// Per customer: removed (deleted/expired/suppressed), with the lineage action and why.
    pub fate: Vec<Option<(Action, Removal)>>,
    pub requests: Vec<RequestOutcome>,
    pub flagged: Vec<(usize, Option<NaiveDate>)>,
    pub kept_by_rule: usize,
    pub no_date: usize,
    pub suppress: Vec<(Fp, Suppressed)>,
    /// Identifiers this run's re-admissions took off the suppression list.
    pub readmitted: Vec<(Fp, Readmitted)>,
    pub corrections: Vec<Correction>,
    /// Remembered corrections (id as stored, field key) that a person's later edit of the
    /// field in the adopted book replaced: the state forgets them.
    pub superseded: Vec<(String, String)>,
    /// Values this run's corrections replaced.
    pub replaced: Vec<Replaced>,
    pub opt_outs: Vec<String>,
    /// The «Nhận quảng cáo lại» in effect after this run (the state keeps them) …
    pub opt_ins: Vec<consent::OptIn>,
    /// … and the ids the state keeps those a newer opt-out ended under (it forgets them).
    pub opt_ins_spent: Vec<String>,
    /// Customers opted out before who get marketing again from this run.
    pub resumed: Vec<usize>,
    /// Customers whose «Nhận quảng cáo lại» of an earlier run a newer opt-out ended.
    pub opted_out_again: Vec<usize>,
    pub requests_done: Vec<(Fp, String)>,
    /// Masked identity of each deleted or expired customer, for the report.
    pub masked: HashMap<usize, String>,
    /// Ids of the customers deleted this run (everything kept under them leaves the state).
    pub purge_ids: Vec<String>,
    /// Identity hashes of the customers set aside for inactivity, with who and since when.
    pub retired: Vec<(Fp, Retired)>,
    /// Customers set aside for inactivity before who are active again.
    pub returned: Vec<usize>,
}

pub struct PolicyInput<'a> {
    pub policy: &'a Policy,
    pub requests: Vec<Request>,
    pub bad_requests: Vec<requests::BadLine>,
    pub today: NaiveDate,
    pub keyer: Keyer,
    pub remembered: Remembered,
    pub lang: crate::i18n::Lang,
    /// Customers whose copy of their data `export-subject` is writing in this run: their
    /// access requests are done.
    pub exported: Vec<String>,
    /// Rows of the adopted book a person edited since the tool wrote them, and the field.
    pub book_edits: Vec<(u32, Field)>,
    /// The re-admissions in effect (made before matching, which keeps their two sides apart).
    pub readmit: readmit::Plan,
    /// Whether a row's «Ngừng quảng cáo» cell (the book's) is marked.
    pub marked: &'a (dyn Fn(u32) -> bool + Sync),
}

/// The policy's steps in order: earlier deletions, remembered corrections and opt-outs, this
/// run's requests, retention; then what the report and the state need of the result.
pub fn apply(customers: &mut [Customer], rows: &[Norm], mut input: PolicyInput<'_>) -> Applied {
    let mut out = Applied {
        fate: vec![None; customers.len()],
        readmitted: std::mem::take(&mut input.readmit.new),
        ..Default::default()
    };
    let lifted = &input.readmit.lifted;
    input
        .remembered
        .suppression
        .retain(|h, _| !lifted.contains_key(h));
    let mem = &input.remembered;
    let mut ident = Identities::new(
        customers,
        rows,
        input.keyer,
        !(mem.suppression.is_empty() && input.requests.is_empty() && input.readmit.is_empty()),
    );
    keep_deleted_out(customers, &ident, mem, &input.readmit, &mut out);
    let by_id = ById::new(
        customers,
        mem,
        !(mem.corrections.is_empty()
            && mem.replaced.is_empty()
            && mem.opt_outs.is_empty()
            && mem.opt_ins.is_empty()
            && input.requests.is_empty()),
    );
    apply_remembered(
        customers,
        mem,
        &by_id,
        &input.book_edits,
        input.today,
        &mut out,
    );
    let open_request = apply_requests(customers, &input, &mut ident, &by_id, &mut out);
    keep_replaced_out(
        customers,
        &mem.replaced,
        &out.replaced,
        &by_id,
        &input.keyer,
    );
    consent::settle(customers, rows, &input, &by_id, &mut out);
    apply_retention(customers, &input, &open_request, &mut ident, &mut out);
    out.returned = (0..customers.len())
        .filter(|&i| out.fate[i].is_none() && mem.retired_ids.contains(customers[i].id.as_str()))
        .collect();
    for (i, f) in out.fate.iter().enumerate() {
        if let Some((Action::Deleted | Action::Expired | Action::Suppressed, _)) = f {
            let c = &customers[i];
            out.masked
                .insert(i, format!("{} / {}", mask(&c.name), mask(&c.phone)));
        }
    }
    out.suppress.sort_by_key(|a| a.0);
    out.suppress.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Customers' identities (keyed hashes of their identifiers), for suppression and for finding
/// requesters: a short sorted list each (a hash set per customer costs more than the handful
/// of hashes it holds).
struct Identities<'a> {
    rows: &'a [Norm],
    keyer: Keyer,
    /// Every customer's, when something is looked up by identity; otherwise (no one deleted
    /// yet, no requests) empty, and only those of the customers this run removes are computed,
    /// when they are removed.
    all: Vec<Vec<Fp>>,
    /// How many customers hold each identifier, counted when first needed.
    holders: Option<rustc_hash::FxHashMap<Fp, u32>>,
}

impl<'a> Identities<'a> {
    fn new(customers: &[Customer], rows: &'a [Norm], keyer: Keyer, needed: bool) -> Self {
        let mut ident = Identities {
            rows,
            keyer,
            all: Vec::new(),
            holders: None,
        };
        if needed {
            let all = customers.par_iter().map(|c| ident.compute(c)).collect();
            ident.all = all;
        }
        ident
    }

    fn compute(&self, c: &Customer) -> Vec<Fp> {
        let mut h: Vec<Fp> = c
            .rows
            .iter()
            .flat_map(|&r| identity_hashes(&self.keyer, &self.rows[r as usize]))
            .collect();
        h.sort_unstable();
        h.dedup();
        h
    }

    fn of(&self, i: usize, customers: &[Customer]) -> Vec<Fp> {
        self.all
            .get(i)
            .cloned()
            .unwrap_or_else(|| self.compute(&customers[i]))
    }

    /// Only an identifier that belonged to a removed customer alone stands for them (a shared
    /// tax code, landline or company email does not).
    fn own(&mut self, i: usize, customers: &[Customer]) -> Vec<Fp> {
        if self.holders.is_none() {
            let mut m: rustc_hash::FxHashMap<Fp, u32> = Default::default();
            for j in 0..customers.len() {
                for h in self.of(j, customers) {
                    *m.entry(h).or_default() += 1;
                }
            }
            self.holders = Some(m);
        }
        let holders = self.holders.as_ref();
        self.of(i, customers)
            .into_iter()
            .filter(|h| holders.and_then(|m| m.get(h)).copied().unwrap_or(0) <= 1)
            .collect()
    }
}

/// Customers by id (aliases resolved), built only when something is looked up by id.
struct ById<'a> {
    by_id: rustc_hash::FxHashMap<String, usize>,
    aliases: &'a HashMap<String, String>,
}

impl<'a> ById<'a> {
    fn new(customers: &[Customer], mem: &'a Remembered, needed: bool) -> Self {
        let by_id = if needed {
            customers
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.to_string(), i))
                .collect()
        } else {
            Default::default()
        };
        ById {
            by_id,
            aliases: &mem.aliases,
        }
    }

    fn resolve(&self, id: &str) -> Option<usize> {
        let id = self.aliases.get(id).map(|s| s.as_str()).unwrap_or(id);
        self.by_id.get(id).copied()
    }
}

/// Step 1: customers deleted in an earlier week stay deleted. What their rows bring this week
/// that is theirs alone (an invoice line attributed to them, a new email beside the mobile that
/// named them) joins the list: the row stays theirs when the evidence that linked it changes
/// (a namesake appears, and the invoice's name alone no longer names them).
fn keep_deleted_out(
    customers: &[Customer],
    ident: &Identities<'_>,
    mem: &Remembered,
    plan: &readmit::Plan,
    out: &mut Applied,
) {
    // A re-admitted person's customer is weighed row by row: a row from before her deletion
    // keeps it out; rows after make a new customer.
    let before = |i: usize| -> Option<Suppressed> {
        customers[i].rows.iter().find_map(|&r| {
            let n = &ident.rows[r as usize];
            match plan.side(&identity_hashes(&ident.keyer, n), n.date, &mem.suppression)? {
                readmit::Side::Before(s) => Some(s),
                readmit::Side::After => None,
            }
        })
    };
    let kept_out: Vec<(usize, Suppressed, bool)> = ident
        .all
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let mut readmitted = false;
            for x in h {
                match mem.suppression.get(x) {
                    Some(w) if !plan.readmitted(w) => return Some((i, w.clone(), false)),
                    Some(_) => readmitted = true,
                    None => readmitted |= plan.lifted.contains_key(x),
                }
            }
            readmitted
                .then(|| before(i).map(|w| (i, w, true)))
                .flatten()
        })
        .collect();
    for (i, deletion, readmitted) in &kept_out {
        let deletion = Box::new(deletion.clone());
        let why = match plan.readmitted_on(&deletion).filter(|_| *readmitted) {
            Some(readmitted) => Why::BeforeReadmission {
                deletion,
                readmitted,
            },
            None => Why::DeletedBefore(deletion),
        };
        out.fate[*i] = Some(Removal::fate(why));
    }
    let kept_out: Vec<(usize, Suppressed)> = kept_out.into_iter().map(|(i, w, _)| (i, w)).collect();
    // Their identities not yet on the list, counted over every customer in one pass (no map
    // of every identity: a million customers hold millions): one held by a single customer
    // is theirs alone.
    let mut holders: rustc_hash::FxHashMap<Fp, u32> = kept_out
        .iter()
        .flat_map(|(i, _)| ident.all[*i].iter())
        .filter(|h| !mem.suppression.contains_key(*h) && !plan.lifted.contains_key(*h))
        .map(|h| (*h, 0))
        .collect();
    if holders.is_empty() {
        return;
    }
    for hs in &ident.all {
        for h in hs {
            if let Some(n) = holders.get_mut(h) {
                *n += 1;
            }
        }
    }
    for (i, why) in &kept_out {
        out.suppress.extend(
            ident.all[*i]
                .iter()
                .filter(|h| holders.get(*h) == Some(&1))
                .map(|h| (*h, why.clone())),
        );
    }
}

/// Step 2: corrections and opt-outs remembered from earlier requests. A correction was carried
/// out once, at its date; it holds against older sources read again, but a person's later edit
/// of that field in the adopted book is newer: it wins, and the correction is forgotten.
fn apply_remembered(
    customers: &mut [Customer],
    mem: &Remembered,
    by_id: &ById<'_>,
    book_edits: &[(u32, Field)],
    today: NaiveDate,
    out: &mut Applied,
) {
    let edited: HashSet<(u32, Field)> = book_edits.iter().copied().collect();
    for c in &mem.corrections {
        let (Some(i), Some(f)) = (
            by_id.resolve(&c.id),
            requests::CorrectField::from_key(&c.field),
        ) else {
            continue;
        };
        let field = f.book_field();
        if customers[i]
            .rows
            .iter()
            .any(|&r| edited.contains(&(r, field)))
        {
            out.superseded.push((c.id.clone(), c.field.clone()));
            continue;
        }
        // Read again as it would be now (a state of an earlier version kept values as typed).
        if let Ok(value) = normalize_correction(f, &c.value, today) {
            f.apply(&mut customers[i], &value);
        }
    }
    for id in &mem.opt_outs {
        if let Some(i) = by_id.resolve(id) {
            customers[i].no_marketing = true;
        }
    }
}

/// After the requests: a value a correction replaced (the phone the customer no longer
/// uses) does not come back beside the new one from an older source read again (the old
/// ledger's row of the customer): not among the other phones, emails or spellings of the name.
fn keep_replaced_out(
    customers: &mut [Customer],
    remembered: &[Replaced],
    new: &[Replaced],
    by_id: &ById<'_>,
    keyer: &Keyer,
) {
    for r in remembered.iter().chain(new) {
        if let (Some(i), Some(f)) = (
            by_id.resolve(&r.id),
            requests::CorrectField::from_key(&r.field),
        ) {
            f.forget(&mut customers[i], &|v| replaced_hash(keyer, f, v) == r.h);
        }
    }
}

/// The keyed hash of a deleted customer's id, in the suppression list (no row carries it: it
/// names the customer to a request only).
fn id_hash(keyer: &Keyer, id: &str) -> Fp {
    keyer.fp(&["customer_id", &id.trim().to_uppercase()])
}

/// A request's keyed hash, how the state knows it was done: by what it says, not where it
/// sits (the clerk may tidy the book).
fn request_hash(keyer: &Keyer, req: &Request) -> Fp {
    let received = req.received.map(|d| d.to_string()).unwrap_or_default();
    keyer.fp(&[
        "request",
        &received,
        req.kind.key(),
        &req.customer_id,
        &req.phone,
        &req.email,
        &req.tax,
        &req.name,
        &req.value,
    ])
}

/// A «Nhận lại»'s status: carried out, with the customer her rows after it make this run
/// (when exactly one customer still in the book holds an identifier it lifted).
fn readmit_status(
    r: readmit::Outcome,
    customers: &[Customer],
    hashes: &[Vec<Fp>],
    fate: &[Option<(Action, Removal)>],
) -> RequestStatus {
    match r {
        readmit::Outcome::Not(why) => RequestStatus::NotApplicable(why),
        readmit::Outcome::Lifted {
            hashes: lifted,
            deletion,
        } => {
            let holders: Vec<usize> = (0..hashes.len())
                .filter(|&i| fate[i].is_none() && lifted.iter().any(|h| hashes[i].contains(h)))
                .collect();
            RequestStatus::Readmitted {
                lifted: lifted.len(),
                deleted_on: deletion.done,
                customer_id: match holders.as_slice() {
                    [i] => Some(customers[*i].id.to_string()),
                    _ => None,
                },
            }
        }
    }
}

/// The keyed hash a replaced value is remembered by.
fn replaced_hash(keyer: &Keyer, f: requests::CorrectField, value: &str) -> Fp {
    keyer.fp(&["replaced", f.key(), value])
}

/// Step 3: this run's requests, each carried out on the one customer it names. Returns the
/// customers with an open access request (retention leaves them be).
fn apply_requests(
    customers: &mut [Customer],
    input: &PolicyInput<'_>,
    ident: &mut Identities<'_>,
    by_id: &ById<'_>,
    out: &mut Applied,
) -> HashSet<usize> {
    let mem = &input.remembered;
    let keyer = input.keyer;
    let mut open_request: HashSet<usize> = HashSet::new();
    for bad in &input.bad_requests {
        out.requests.push(RequestOutcome {
            request: None,
            row: bad.row,
            status: RequestStatus::Invalid(bad.why.clone()),
            done_on: None,
            overdue: false,
            late: false,
            change: None,
            key: None,
        });
    }
    for (k, req) in input.requests.iter().enumerate() {
        let req_hash = request_hash(&keyer, req);
        let refused = match (req.kind, req.field) {
            (Kind::Correct, Some(f)) => normalize_correction(f, &req.value, input.today).err(),
            _ => None,
        };
        let readmitted = input.readmit.outcomes.get(k).cloned().flatten();
        let (status, target) = match (refused, readmitted) {
            (Some(rule), _) => (RequestStatus::BadValue(rule), None),
            (None, Some(r)) => (readmit_status(r, customers, &ident.all, &out.fate), None),
            // A deletion carried out once is not carried out again: whoever its identifiers
            // name now is a customer the office took back (a «Nhận lại»), or a namesake.
            (None, None)
                if req.kind == Kind::Delete && mem.requests_done.contains_key(&req_hash) =>
            {
                (
                    RequestStatus::AlreadyDeleted(mem.requests_done[&req_hash].clone()),
                    None,
                )
            }
            (None, None) => find_requester(
                req,
                customers,
                ident.rows,
                &ident.all,
                &|id| by_id.resolve(id),
                &keyer,
                &mem.suppression,
                &out.fate,
            ),
        };
        // A deletion the state knows it carried out (a state of an earlier version kept no
        // hash of the id) whose customer is gone.
        let status = match (status, mem.requests_done.get(&req_hash)) {
            (RequestStatus::NotFound, Some(on)) if req.kind == Kind::Delete => {
                RequestStatus::AlreadyDeleted(on.clone())
            }
            (status, _) => status,
        };
        let remembered = mem.requests_done.contains_key(&req_hash);
        let change =
            target.and_then(|i| carry_out(req, i, customers, remembered, input, ident, out));
        if let (Kind::Access, Some(i)) = (req.kind, target) {
            open_request.insert(i);
        }
        let o = outcome(req, status, change, req_hash, input, out);
        out.requests.push(o);
    }
    open_request
}

/// One request carried out on customer `i`. Returns a correction's value before and after.
fn carry_out(
    req: &Request,
    i: usize,
    customers: &mut [Customer],
    remembered: bool,
    input: &PolicyInput<'_>,
    ident: &mut Identities<'_>,
    out: &mut Applied,
) -> Option<(String, String)> {
    let id = customers[i].id.clone();
    match req.kind {
        Kind::Delete => {
            let why = Suppressed {
                done: input.today.format("%Y-%m-%d").to_string(),
                received: req.received.map(|d| d.to_string()).unwrap_or_default(),
                row: req.row,
            };
            out.fate[i] = Some(Removal::fate(Why::Requested(Box::new(why.clone()))));
            out.suppress.extend(
                ident
                    .own(i, customers)
                    .into_iter()
                    .map(|h| (h, why.clone())),
            );
            let aliases: Vec<String> = input
                .remembered
                .aliases
                .iter()
                .filter(|(_, to)| to.as_str() == id.as_str())
                .map(|(alias, _)| alias.clone())
                .collect();
            // Its ids too, hashed: a request naming one later is known as done, not unmatched.
            for gone in std::iter::once(id.as_str()).chain(aliases.iter().map(String::as_str)) {
                out.suppress
                    .push((id_hash(&input.keyer, gone), why.clone()));
            }
            out.purge_ids.push(id.to_string());
            out.purge_ids.extend(aliases);
            None
        }
        Kind::Correct => {
            // Carried out once, when first seen: from then on the state remembers it (step 2),
            // until a person's later edit of the book replaces it.
            if remembered {
                return None;
            }
            let f = req.field?;
            let value = normalize_correction(f, &req.value, input.today).ok()?;
            let change = (f.get(&customers[i]), value.clone());
            if !change.0.is_empty() && change.0 != value {
                out.replaced.push(Replaced {
                    id: id.to_string(),
                    field: f.key().into(),
                    h: replaced_hash(&input.keyer, f, &change.0),
                });
            }
            f.apply(&mut customers[i], &value);
            out.corrections.push(Correction {
                id: id.to_string(),
                field: f.key().into(),
                value,
            });
            Some(change)
        }
        Kind::StopMarketing => {
            customers[i].no_marketing = true;
            out.opt_outs.push(id.to_string());
            None
        }
        // Settled after every request is read (`consent::settle`).
        Kind::Access | Kind::Readmit | Kind::ResumeMarketing => None,
    }
}

/// What became of a request: when it was done (this run or before) and whether that kept the
/// deadline.
fn outcome(
    req: &Request,
    status: RequestStatus,
    change: Option<(String, String)>,
    req_hash: Fp,
    input: &PolicyInput<'_>,
    out: &mut Applied,
) -> RequestOutcome {
    let applied = match (&status, req.kind) {
        // A copy of the data is done when `export-subject` has written it, not before.
        (RequestStatus::Applied { customer_id }, Kind::Access) => {
            input.exported.iter().any(|id| id == customer_id)
        }
        (
            RequestStatus::Applied { .. }
            | RequestStatus::AlreadyDeleted(_)
            | RequestStatus::Readmitted { .. },
            _,
        ) => true,
        _ => false,
    };
    let done_on = match input.remembered.requests_done.get(&req_hash) {
        Some(at) => Some(at.clone()),
        None if applied => {
            let on = match &status {
                RequestStatus::AlreadyDeleted(on) if !on.is_empty() => on.clone(),
                _ => input.today.format("%Y-%m-%d").to_string(),
            };
            out.requests_done.push((req_hash, on.clone()));
            Some(on)
        }
        None => None,
    };
    let deadline = req
        .received
        .map(|r| r + chrono::Duration::days(input.policy.requests.deadline_days as i64));
    let timed = matches!(req.kind, Kind::Delete | Kind::Access);
    let overdue = timed && done_on.is_none() && deadline.is_some_and(|d| d < input.today);
    let late = timed
        && deadline.is_some_and(|d| {
            done_on
                .as_deref()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .is_some_and(|done| done > d)
        });
    RequestOutcome {
        row: req.row,
        request: Some(req.clone()),
        status,
        done_on,
        overdue,
        late,
        change,
        key: Some(req_hash),
    }
}

/// Step 4: retention, for the customers still in the book.
fn apply_retention(
    customers: &[Customer],
    input: &PolicyInput<'_>,
    open_request: &HashSet<usize>,
    ident: &mut Identities<'_>,
    out: &mut Applied,
) {
    // Each customer's status on both cores (a million customers' dates and notes); what it
    // leads to after, in order.
    let statuses: Vec<Option<retention::Status>> = customers
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            out.fate[i].is_none().then(|| {
                retention::status(
                    c.last_activity,
                    &c.note,
                    open_request.contains(&i),
                    &input.policy.retention,
                    input.today,
                )
            })
        })
        .collect();
    for (i, status) in statuses.into_iter().enumerate() {
        let Some(status) = status else {
            continue;
        };
        let c = &customers[i];
        match status {
            retention::Status::Expired => {
                let why = Why::Inactive {
                    since: c.last_activity,
                    months: input.policy.retention.remove_after_months,
                };
                out.fate[i] = Some(Removal::fate(why));
                // Not a deletion: remembered by id, so new activity brings the customer back.
                let since = c.last_activity.map(|d| d.to_string()).unwrap_or_default();
                let id = c.id.to_string();
                for h in ident.own(i, customers) {
                    out.retired.push((
                        h,
                        Retired {
                            id: id.clone(),
                            since: since.clone(),
                        },
                    ));
                }
            }
            retention::Status::Flagged { removal } => out.flagged.push((i, removal)),
            retention::Status::Kept => out.kept_by_rule += 1,
            retention::Status::NoDate => out.no_date += 1,
            retention::Status::Active => {}
        }
    }
}

/// A correction's new value read as a ledger's cell of that column is read (the same
/// normalisation and checks): the value in its normal form, or the rule that refuses it (a
/// value the ledger would not keep: "an@gmail,com", a phone no Vietnamese number, a tax code
/// whose check digit fails).
fn normalize_correction(
    f: requests::CorrectField,
    value: &str,
    today: NaiveDate,
) -> Result<String, Rule> {
    use requests::CorrectField;
    let mut raw = crate::model::RawRow::new(0, 0);
    raw.push(f.role(), value);
    let mut found = Vec::new();
    let n = crate::normalize::normalize_row(
        &raw,
        0,
        &crate::normalize::Context::new(today),
        &mut found,
    );
    // A text the rules leave nothing of ("-") stays as typed.
    let text = |v: &str| {
        Some(match v {
            "" => crate::normalize::text::clean(value).into_owned(),
            _ => v.to_string(),
        })
    };
    let kept = match f {
        CorrectField::Phone => n
            .phones
            .iter()
            .find(|p| !p.hidden)
            .map(|p| p.national.to_string()),
        CorrectField::Email => n.emails.first().map(|e| e.to_string()),
        CorrectField::TaxCode => n.tax.as_ref().map(|t| t.as_str().to_string()),
        // Written as the book's cell will read back next week ("TP Biên Hòa" → "Thành phố
        // Biên Hòa"): the adopted book stays a fixed point.
        CorrectField::Name => text(&n.name),
        CorrectField::Contact => text(&n.contact),
        CorrectField::Address => text(&n.address),
        CorrectField::Delivery => text(&n.delivery),
    };
    kept.filter(|v| !v.is_empty()).ok_or_else(|| {
        found
            .iter()
            .find(|x| x.field == f.book_field() && x.severity == crate::model::Severity::Check)
            .map(|x| x.rule)
            .unwrap_or(match f {
                CorrectField::Phone => Rule::PhoneInvalid,
                CorrectField::Email => Rule::EmailInvalid,
                _ => Rule::TaxBadLength,
            })
    })
}

#[allow(clippy::too_many_arguments)]
fn find_requester(
    req: &Request,
    customers: &[Customer],
    rows: &[Norm],
    hashes: &[Vec<Fp>],
    resolve: &dyn Fn(&str) -> Option<usize>,
    keyer: &Keyer,
    suppression: &HashMap<Fp, Suppressed>,
    fate: &[Option<(Action, Removal)>],
) -> (RequestStatus, Option<usize>) {
    use crate::normalize::name;
    let alive = |i: &usize| fate[*i].is_none();
    if !req.customer_id.is_empty() {
        // Ids are the tool's, in capitals: «kh000021» typed in the book names KH000021.
        let id = &req.customer_id.trim().to_uppercase();
        // A customer deleted on request before: kept out this run by an identifier, or no
        // longer among the inputs, when the state still knows the id's hash.
        let deleted = match resolve(id).map(|i| &fate[i]) {
            Some(Some((_, Removal { why }))) => match why {
                Why::Requested(s)
                | Why::DeletedBefore(s)
                | Why::BeforeReadmission { deletion: s, .. } => Some(s.done.clone()),
                Why::Inactive { .. } => None,
            },
            Some(None) => None,
            None => suppression.get(&id_hash(keyer, id)).map(|s| s.done.clone()),
        };
        return match resolve(id).filter(alive) {
            Some(i) => (
                RequestStatus::Applied {
                    customer_id: customers[i].id.to_string(),
                },
                Some(i),
            ),
            None => match deleted {
                Some(on) => (RequestStatus::AlreadyDeleted(on), None),
                None => (RequestStatus::NotFound, None),
            },
        };
    }
    let wanted = readmit::named_hashes(req, keyer);
    let mut found: Vec<usize> = if !wanted.is_empty() {
        (0..customers.len())
            .filter(|i| alive(i) && wanted.iter().any(|w| hashes[*i].contains(w)))
            .collect()
    } else if !req.name.trim().is_empty() {
        // A name alone must name exactly one customer.
        let key = name::parse_name(&req.name).key;
        (0..customers.len())
            .filter(|i| {
                alive(i)
                    && customers[*i]
                        .rows
                        .iter()
                        .any(|&r| rows[r as usize].name_key == key)
            })
            .collect()
    } else {
        Vec::new()
    };
    found.dedup();
    match found.len() {
        1 => (
            RequestStatus::Applied {
                customer_id: customers[found[0]].id.to_string(),
            },
            Some(found[0]),
        ),
        0 => match wanted.iter().find_map(|w| suppression.get(w)) {
            Some(why) => (RequestStatus::AlreadyDeleted(why.done.clone()), None),
            None => (RequestStatus::NotFound, None),
        },
        _ => (
            RequestStatus::Ambiguous(
                found
                    .iter()
                    .take(20)
                    .map(|&i| customers[i].id.to_string())
                    .collect(),
            ),
            None,
        ),
    }
}
