//! Invoice attribution: an invoice row names a buyer (a name, often a tax code) and nothing
//! else. Saying which customer of the book bought is not a merge of two records, so it follows
//! its own, stricter rules: the tax code names exactly one customer, or the buyer's normalised
//! name (legal form and branch respected for organisations; family, middle and given name for
//! persons) names exactly one customer and no other customer has a close name. Otherwise the
//! invoice stays unattributed and its candidate customers are listed for the accountant, whose
//! decisions ([`decisions`]) come back through `--decisions ke-toan.xlsx`.

mod codes;
pub mod decisions;

use super::book::is_invoice_placeholder;
use crate::matching::score::{middle, middles_close};
use crate::model::{RawRow, Source, SourceKind};
use crate::normalize::name::{forms_may_agree, is_household_form, PartyKind};
use crate::normalize::taxcode::codes_conflict;
use crate::normalize::text::lower_marked;
use crate::normalize::Norm;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Why an invoice row was given to a customer by the rules (a person's decision is kept apart,
/// in [`Attributions::by_person`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Its buyer tax code is the customer's, and no other customer's.
    TaxCode,
    /// Its buyer name is the customer's, and no other customer has that or a close name.
    UniqueName,
    /// Its buyer carries the code the customer's rows carry in the same program's numbering
    /// (an accounting program's customer list and its sales book), under the same name.
    SameCode,
    /// The same invoice row went to this customer last week, and the adopted book still has
    /// the customer: what was attributed stays attributed (the week's other customers, among
    /// them last week's walk-in buyers, do not make the name ambiguous).
    LastWeek,
}

/// What attribution decided, by row.
#[derive(Debug, Default)]
pub struct Attributions {
    pub by_row: FxHashMap<u32, Evidence>,
    /// Invoice rows left unattributed with more than one candidate: a row of each candidate
    /// customer (the customer is found through that row).
    pub candidates: FxHashMap<u32, Vec<u32>>,
    /// Invoice rows the accountant gave to a customer of the book.
    pub by_person: FxHashSet<u32>,
    /// Invoice rows left to the accountant whose buyer the program that wrote the listing
    /// numbers as another of its customers than each the name names ([`codes::disagree`]).
    pub other_code: FxHashSet<u32>,
    /// Invoice rows the accountant said are of no customer of the book: their buyer stays a
    /// customer of its own and is not asked about again.
    pub not_in_book: FxHashSet<u32>,
    /// Book rows with nothing but a name ([`name_alone`]) beside a row of the one customer the
    /// name names by the invoices' rules: pairs for a person to decide, never merged (a name is
    /// all such a row says, and a namesake's row says as much).
    pub named_alone: Vec<(u32, u32)>,
}

/// Candidate customers listed for the accountant, at most.
const CANDIDATES: usize = 5;

/// What an invoice-only cluster's buyer names in the book.
enum Found {
    Customer(usize, Evidence),
    /// Several customers it could be (their clusters): for the accountant.
    Several(Vec<usize>),
    Nobody,
}

impl Found {
    /// What two names of one buyer find together: one customer when those that find one find
    /// the same and the names that find several count it among them (a short name several
    /// customers share beside the whole name one of them has), else every candidate of either.
    fn and(self, other: Found) -> Found {
        match (self, other) {
            (Found::Nobody, f) | (f, Found::Nobody) => f,
            (Found::Customer(a, why), Found::Customer(b, _)) if a == b => Found::Customer(a, why),
            (Found::Customer(a, why), Found::Several(c))
            | (Found::Several(c), Found::Customer(a, why))
                if c.contains(&a) =>
            {
                Found::Customer(a, why)
            }
            (a, b) => {
                let mut all = a.candidates();
                for c in b.candidates() {
                    if all.len() < CANDIDATES && !all.contains(&c) {
                        all.push(c);
                    }
                }
                Found::Several(all)
            }
        }
    }

    fn candidates(self) -> Vec<usize> {
        match self {
            Found::Customer(c, _) => vec![c],
            Found::Several(c) => c,
            Found::Nobody => Vec::new(),
        }
    }
}

/// The rows of an invoice-only cluster under each name its buyer is written under (one row a
/// name, the first; a few names at most): first the names no other of them writes with more
/// words, then those another does («CH Thị Sương» beside «CH Phụ tùng xe máy Thị Sương»,
/// «TNHH Mai Bình» beside «Công ty TNHH Điện máy Mai Bình»: the longer says who the shorter is,
/// and the shorter is asked about when the longer names nobody).
fn buyer_names<'a>(g: &[u32], norms: &'a [Norm]) -> (BuyerNames<'a>, BuyerNames<'a>) {
    let mut names = BuyerNames::new();
    for &r in g {
        let n = &norms[r as usize];
        if !names.iter().any(|m| m.name_key == n.name_key) {
            names.push(n);
            if names.len() == BUYER_NAMES {
                break;
            }
        }
    }
    let shorter = |n: &Norm| {
        names.iter().any(|m| {
            m.name_key.len() > n.name_key.len()
                && crate::merge::names::within(&n.name_key, &m.name_key)
        })
    };
    names.iter().copied().partition(|n| !shorter(n))
}

/// Rows of one buyer, one for each name it is written under.
type BuyerNames<'a> = smallvec::SmallVec<[&'a Norm; BUYER_NAMES]>;

/// The names of one buyer looked up, at most.
const BUYER_NAMES: usize = 8;

/// A person of the book by family and given name: their name key, customer (cluster) and a
/// row with that key.
type CloseName<'n> = (&'n str, usize, u32);

/// The book's customers by the tax codes, name keys and (persons) family + given names the
/// unattributed buyers ask about: a few thousand keys, not a million rows.
struct Index<'n> {
    by_tax: FxHashMap<&'n str, Vec<usize>>,
    by_name: FxHashMap<&'n str, Vec<usize>>,
    /// (family, given) of the buyers with rare names → the customers (clusters) of persons
    /// having them, with their name keys: one pair each.
    by_family_given: FxHashMap<(&'n str, &'n str), Vec<CloseName<'n>>>,
    /// How common each part of a person's name is among the book's customers.
    words: NameWords<'n>,
    /// Organisations' names that the invoices give to two enterprises or more (two tax codes
    /// whose first ten digits differ): such a name names no one customer by itself.
    shared_firm_names: FxHashSet<&'n str>,
}

/// The book's persons counted by family, middle and given name (one count per customer): how
/// many people of the book would have a given full name if the parts were drawn apart. A name
/// that common ("Nguyễn Văn Hùng" in a big book) names somebody else as easily as the one
/// customer who has it; a rare one ("Phan Thế Quyết") names that customer. A big book is
/// counted on a sample of its customers spread over it (every k-th, up to [`SAMPLE`]): the
/// shares are the same, and reading every customer's record again costs a tenth of a second
/// at a million rows.
#[derive(Default)]
struct NameWords<'n> {
    family: FxHashMap<&'n str, u32>,
    middle: FxHashMap<&'n str, u32>,
    given: FxHashMap<&'n str, u32>,
    /// Persons counted.
    sampled: u32,
    /// Household businesses counted beside them (their share of the book, beside the persons').
    households: u32,
    /// Shops named for their owners ([`owners_shop`]) counted beside them, by what their
    /// names say before the owner's name («cua hang gao»): the shops of one trade.
    signs: FxHashMap<&'n str, u32>,
    /// Customers counted (each `customers / seen` of the book's).
    seen: u32,
    /// Customers of the book.
    customers: usize,
    /// Persons of the book (estimated from the sample).
    persons: f64,
    /// Past how many expected namesakes a name alone names nobody ([`walk_in_bound`]).
    bound: f64,
}

/// Customers counted for [`NameWords`], at most.
const SAMPLE: usize = 1 << 16;

/// The chance, at most, that an invoice whose name one customer of the book has is in fact a
/// walk-in buyer's of the same name, for the name alone to attribute it. Only names at that
/// bound are this unsure: most attributed names are far rarer.
const WRONG_BUYER: f64 = 0.015;

/// How many shops of its trade a shop named for its owner may expect to share its sign with
/// in the book, by chance, and still name its one customer there: a sign is two words (a trade
/// and a given name), as common as a person's given name alone; in a small book it is still
/// the one shop's, in a big one it is anybody's.
const SIGN_NAMESAKES: f64 = 1.0;

/// The share of walk-in buyers assumed, at least and at most, whatever the invoices say.
const WALK_IN_SHARE: (f64, f64) = (0.05, 0.5);

/// How many namesakes a person's name may have in the book by chance ([`NameWords::expected`])
/// and still name its one customer there. An invoice with the name of one customer is theirs,
/// or a walk-in buyer's who has the same name: for a customer of the book, one in as many as
/// the book has persons; for a walk-in, the name's share of all people. The odds it is a
/// walk-in's are the walk-ins' odds among buyers times the name's expected namesakes, and
/// stay under [`WRONG_BUYER`]. Walk-ins' share is read from the invoices: the persons' invoices
/// whose name no customer of the book has (`unmatched` of `all` invoice rows), kept between
/// [`WALK_IN_SHARE`] — a shop whose buyers are mostly strangers needs rarer names.
fn walk_in_bound(unmatched: usize, all: usize) -> f64 {
    let share =
        ((unmatched as f64 + 1.0) / (all as f64 + 2.0)).clamp(WALK_IN_SHARE.0, WALK_IN_SHARE.1);
    WRONG_BUYER * (1.0 - share) / share
}

impl<'n> NameWords<'n> {
    fn count(groups: &[Vec<u32>], norms: &'n [Norm], invoice_only: &[bool]) -> Self {
        let book = || groups.iter().zip(invoice_only).filter(|(_, &o)| !o);
        let customers = book().count();
        let mut w = NameWords::default();
        let mut seen = 0u32;
        for (g, _) in book().step_by((customers / SAMPLE).max(1)) {
            seen += 1;
            let n = &norms[g[0] as usize];
            if n.legal_form().is_some_and(is_household_form) {
                w.households += 1;
            }
            if n.kind == PartyKind::Org && owners_shop(&n.name_key) {
                *w.signs.entry(sign_trade(&n.name_key)).or_default() += 1;
            }
            if n.kind != PartyKind::Person || n.syllables() < 2 {
                continue;
            }
            *w.family.entry(n.family()).or_default() += 1;
            *w.middle.entry(middle(&n.name_key)).or_default() += 1;
            *w.given.entry(n.given()).or_default() += 1;
            w.sampled += 1;
        }
        w.persons = f64::from(w.sampled) * customers as f64 / f64::from(seen.max(1));
        w.seen = seen;
        w.customers = customers;
        w.bound = walk_in_bound(0, usize::MAX);
        w
    }

    /// A person's name of two words or more that few of the book's persons would have by
    /// chance (below [`NameWords::bound`]): alone, it can name a customer.
    fn rare(&self, n: &Norm) -> bool {
        n.kind == PartyKind::Person && n.syllables() >= 2 && self.expected(n) < self.bound
    }

    /// How many of the book's persons would have this name by chance. A small book says
    /// little about how common a name is: it is counted as if it had a thousand persons, the
    /// others with names of their own.
    fn expected(&self, n: &Norm) -> f64 {
        self.expected_parts(n.family(), middle(&n.name_key), n.given())
    }

    fn expected_parts(&self, family: &str, middle: &str, given: &str) -> f64 {
        let c = |m: &FxHashMap<&str, u32>, k: &str| f64::from(m.get(k).copied().unwrap_or(1));
        let of = f64::from(self.sampled).max(1000.0);
        self.persons
            * (c(&self.family, family) / of)
            * (c(&self.middle, middle) / of)
            * (c(&self.given, given) / of)
    }

    /// A shop named for its owner («Cửa hàng Gạo Lan») whose owner's name is common enough
    /// that the book's shops of that trade named for their owners would carry it once or more
    /// by chance ([`SIGN_NAMESAKES`], and no fewer times than a common person's name:
    /// [`NameWords::bound`]): the shop down the street is as likely the buyer. (Its name is no
    /// registered one: many shops carry it.)
    fn common_sign(&self, n: &Norm) -> bool {
        let key = n.name_key.as_str();
        if n.kind != PartyKind::Org || !owners_shop(key) {
            return false;
        }
        let given = key.rsplit(' ').next().unwrap_or("");
        let shops = f64::from(self.signs.get(sign_trade(key)).copied().unwrap_or(1))
            * self.customers as f64
            / f64::from(self.seen.max(1));
        let of = f64::from(self.sampled).max(1000.0);
        let share = f64::from(self.given.get(given).copied().unwrap_or(1)) / of;
        shops * share >= self.bound.max(SIGN_NAMESAKES)
    }

    /// A household business named after its owner («Hộ kinh doanh Nguyễn Thị Trang»: a family
    /// name first, three words or more) whose name, for a household business, is a common one:
    /// as many of the book's household businesses would have it by chance as persons would
    /// have a common name (the persons' expected namesakes, times the households' share of
    /// them). The name alone names none of them. (A sign's name, «Hộ kinh doanh Phở Hà», is
    /// the business's own.)
    fn common_owner(&self, n: &Norm) -> bool {
        if n.kind != PartyKind::Org || !n.legal_form().is_some_and(is_household_form) {
            return false;
        }
        let key = n.name_key.as_str();
        let (Some(family), Some(given)) = (key.split(' ').next(), key.rsplit(' ').next()) else {
            return false;
        };
        key.split(' ').count() >= 3
            && crate::normalize::name::is_common_family(family)
            && self.expected_parts(family, middle(key), given) * f64::from(self.households)
                / f64::from(self.sampled.max(1))
                >= self.bound
    }
}

/// One buyer's name looked up ([`Index::find_by_name`]): the buyer, its tax code, the
/// clusters and their rows, and the clusters the caller looks past.
#[derive(Clone, Copy)]
struct Ask<'a> {
    buyer: &'a Norm,
    tax: Option<&'a str>,
    groups: &'a [Vec<u32>],
    norms: &'a [Norm],
    past: &'a [bool],
}

/// A book row that has a value an invoice buyer also has (see [`Index::build`]): twelve
/// bytes, the values read back from the row.
struct Hit {
    group: u32,
    row: u32,
    kind: HitKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum HitKind {
    Tax,
    Name,
    /// Family and given name (persons).
    FamilyGiven,
}

/// Moves invoice-only clusters into the book customer they name, per the rules above.
/// `groups` are the clusters in file order; an attributed cluster is emptied and removed.
/// `apart` holds row pairs a person kept apart: no attribution goes against them. `settled`:
/// the rows last week's book held already — the adopted book's buyer known only from invoices
/// does not go to a customer of such rows alone (nothing new says it is that customer).
pub fn attribute(
    groups: &mut Vec<Vec<u32>>,
    norms: &[Norm],
    (raw, sources): (&[RawRow], &[Source]),
    apart: &FxHashSet<(u32, u32)>,
    settled: &(dyn Fn(u32) -> bool + Sync),
) -> Attributions {
    let mut out = Attributions::default();
    let invoice_only = invoice_only(groups, raw, sources);
    let alone = name_alone(groups, norms, &invoice_only);
    if invoice_only.iter().all(|&b| b) || !invoice_only.iter().chain(&alone).any(|&b| b) {
        return out;
    }
    let line = |r: u32| sources[raw[r as usize].source as usize].kind == SourceKind::Invoices;
    let index = Index::build(groups, norms, &invoice_only, &alone, &line);
    // Each buyer is looked up on its own (both cores); the moves are made after, in order.
    let found: Vec<(usize, Found)> = groups
        .par_iter()
        .enumerate()
        .filter(|&(gi, _)| invoice_only[gi])
        .map(|(gi, g)| (gi, index.find(g, groups, norms, &[])))
        .collect();
    // A row with nothing but a name is looked up as a buyer is, past the other such rows: the
    // one customer its name names is asked about, unless a person kept the two apart.
    out.named_alone = groups
        .par_iter()
        .enumerate()
        .filter(|&(gi, _)| alone[gi])
        .filter_map(|(_, g)| match index.find(g, groups, norms, &alone) {
            Found::Customer(target, _) => Some((g[0], groups[target][0])),
            _ => None,
        })
        .filter(|&(a, b)| !apart.contains(&(a.min(b), a.max(b))))
        .collect();
    let mut moves: Vec<(usize, usize, Evidence)> = Vec::new();
    // Buyers the program that wrote the listing numbers as none of the customers their name
    // names (see [`Attributions::other_code`]).
    let mut other_code = Vec::new();
    for (gi, found) in found {
        let g = &groups[gi];
        // Of the customers a name leaves to the accountant, the one of the buyer's name that
        // carries the buyer's code is the buyer: the program that wrote both numbers each of
        // its customers once.
        let found = match found {
            Found::Several(c) => match one_of_code(g, &c, groups, norms, raw) {
                Some(target) => Found::Customer(target, Evidence::SameCode),
                None => {
                    if c.iter().all(|&ci| codes::disagree(g, &groups[ci], raw)) {
                        other_code.extend_from_slice(g);
                    }
                    Found::Several(c)
                }
            },
            found => found,
        };
        // The adopted book's buyer known only from invoices was named by no customer of last
        // week's book. A customer of that book named now by the buyer's name is no new
        // evidence (the book that came back names fewer spellings than the rows it was made
        // of, and a new row of it says nothing of the name); its tax code on a new row is. A
        // customer new this week (a clerk typed it in, a new export row) may be named either
        // way. Nor are candidates all of last week's book a new question. Else the buyer
        // stays as last week (last week's question, if any, is asked again: [`ask_again`]).
        let adopted = || g.iter().any(|&r| is_invoice_placeholder(&raw[r as usize]));
        let held = |ci: usize| groups[ci].iter().all(|&r| settled(r));
        let found = match found {
            Found::Customer(target, why)
                if adopted()
                    && match why {
                        Evidence::TaxCode => held(target),
                        _ => groups[target].iter().any(|&r| settled(r)),
                    } =>
            {
                Found::Nobody
            }
            Found::Several(c) if adopted() && c.iter().all(|&ci| held(ci)) => Found::Nobody,
            // The program that wrote the listing numbers the buyer as another of its customers
            // than the one the name names («Nguyễn Thị Lan» KH00045 beside the customer list's
            // KH00031): a namesake, or a case for the accountant.
            Found::Customer(target, Evidence::UniqueName)
                if codes::disagree(g, &groups[target], raw) =>
            {
                other_code.extend_from_slice(g);
                Found::Several(vec![target])
            }
            found => found,
        };
        match found {
            Found::Customer(target, why) => {
                let kept_apart = g.iter().any(|&a| {
                    groups[target]
                        .iter()
                        .any(|&b| apart.contains(&(a.min(b), a.max(b))))
                });
                if !kept_apart {
                    moves.push((gi, target, why));
                }
            }
            Found::Several(c) => {
                let rows = c.iter().map(|&ci| groups[ci][0]).collect();
                out.candidates.insert(g[0], rows);
            }
            Found::Nobody => {}
        }
    }
    for &(from, to, why) in &moves {
        for r in move_into(groups, from, to) {
            out.by_row.insert(r, why);
        }
    }
    out.other_code.extend(other_code);
    groups.retain(|g| !g.is_empty());
    out
}

/// The one candidate (a cluster of `candidates`) that carries a code of buyer `g`'s and
/// writes the buyer's name; none when no candidate or several do.
fn one_of_code(
    g: &[u32],
    candidates: &[usize],
    groups: &[Vec<u32>],
    norms: &[Norm],
    raw: &[RawRow],
) -> Option<usize> {
    let buyer = &norms[g[0] as usize];
    let named = |ci: usize| {
        groups[ci].iter().any(|&r| {
            let n = &norms[r as usize];
            n.name_key == buyer.name_key && n.kind == buyer.kind
        })
    };
    let mut coded = candidates
        .iter()
        .copied()
        .filter(|&ci| codes::agree(g, &groups[ci], raw));
    match (coded.next(), coded.next()) {
        (Some(ci), None) if !buyer.name_key.is_empty() && named(ci) => Some(ci),
        _ => None,
    }
}

/// Whether each cluster is the book's rows with nothing but a name: no phone, email, tax
/// code, address or delivery address (a name typed into the 2017 sheet and never again). Such
/// a row is a buyer without an invoice: its name may name a customer, as an invoice's does.
fn name_alone(groups: &[Vec<u32>], norms: &[Norm], invoice_only: &[bool]) -> Vec<bool> {
    let bare = |r: &u32| {
        let n = &norms[*r as usize];
        !n.name_key.is_empty()
            && n.phones.is_empty()
            && n.emails.is_empty()
            && n.tax.is_none()
            && n.addr_key.is_empty()
            && n.delivery.is_empty()
    };
    groups
        .par_iter()
        .zip(invoice_only)
        .map(|(g, &invoices)| !invoices && g.iter().all(bare))
        .collect()
}

/// Whether each cluster holds invoice rows only: lines of the listings, and the adopted
/// book's rows that stand for such a buyer ([`is_invoice_placeholder`]).
fn invoice_only(groups: &[Vec<u32>], raw: &[RawRow], sources: &[Source]) -> Vec<bool> {
    let is_invoice = |r: u32| {
        let row = &raw[r as usize];
        sources[row.source as usize].kind == SourceKind::Invoices || is_invoice_placeholder(row)
    };
    groups
        .par_iter()
        .map(|g| g.iter().all(|&r| is_invoice(r)))
        .collect()
}

/// Invoice rows left unattributed this week whose fingerprint went, last week, to a customer
/// the adopted book still names (`given`: row → the id the book gives it): they go to that
/// customer again. Without it a buyer attributed by a unique name last week, or made a customer
/// of its own, meets its own customer in the adopted book as a namesake and becomes one more
/// customer every week. Without an adopted book (the old ledger read again beside a longer
/// export), the customer is found by the rows it had last week: a namesake the new rows bring
/// does not take last week's invoice away from its buyer. Rows a person decided (to a
/// customer, or to none) are left as decided; `apart` pairs too.
pub fn keep_last_week(
    groups: &mut Vec<Vec<u32>>,
    out: &mut Attributions,
    raw: &[RawRow],
    sources: &[Source],
    last_week: &dyn Fn(u32) -> Option<String>,
    given: &FxHashMap<u32, String>,
    apart: &FxHashSet<(u32, u32)>,
) {
    let invoice_only = invoice_only(groups, raw, sources);
    let cluster_of = last_weeks_customers(groups, &invoice_only, out, last_week, given);
    if cluster_of.is_empty() {
        return;
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        if !invoice_only[gi]
            || g.iter().any(|r| {
                out.by_row.contains_key(r)
                    || out.by_person.contains(r)
                    || out.not_in_book.contains(r)
            })
        {
            continue;
        }
        let Some(to) = g
            .iter()
            .filter_map(|&r| last_week(r))
            .find_map(|id| cluster_of.get(&id).copied())
        else {
            continue;
        };
        let kept_apart = g.iter().any(|&a| {
            groups[to]
                .iter()
                .any(|&b| apart.contains(&(a.min(b), a.max(b))))
        });
        if to != gi && !kept_apart {
            moves.push((gi, to));
        }
    }
    for &(from, to) in &moves {
        for r in move_into(groups, from, to) {
            out.by_row.insert(r, Evidence::LastWeek);
            out.candidates.remove(&r);
        }
    }
    groups.retain(|g| !g.is_empty());
}

/// Buyers left to the accountant last week and still unanswered are asked about again, with
/// last week's candidates among this week's (those still customers of the book): an open
/// question does not vanish because this week's book names fewer spellings of a customer (the
/// adopted book writes one name where last week read several rows) — it is asked until the
/// accountant answers, as a review pair is. `last_open`: the candidate ids of a line open last
/// week; `id_of`: the customer id a row of the book carries or was known by.
pub fn ask_again<'o>(
    groups: &[Vec<u32>],
    out: &mut Attributions,
    raw: &[RawRow],
    sources: &[Source],
    last_open: &dyn Fn(u32) -> Option<&'o [String]>,
    id_of: &dyn Fn(u32) -> Option<&'o str>,
) {
    let invoice_only = invoice_only(groups, raw, sources);
    let decided = |r: &u32| {
        out.by_row.contains_key(r) || out.by_person.contains(r) || out.not_in_book.contains(r)
    };
    // The buyers asked about last week, and the ids they were asked about.
    let asked: Vec<(usize, Vec<&String>)> = (groups.iter().enumerate())
        .filter(|&(gi, g)| invoice_only[gi] && !g.iter().any(decided))
        .filter_map(|(gi, g)| {
            let mut seen = FxHashSet::default();
            let ids: Vec<&String> = (g.iter().filter_map(|&r| last_open(r)).flatten())
                .filter(|id| seen.insert(*id))
                .collect();
            (!ids.is_empty()).then_some((gi, ids))
        })
        .collect();
    if asked.is_empty() {
        return;
    }
    let wanted: FxHashSet<&str> = asked
        .iter()
        .flat_map(|(_, ids)| ids.iter().map(|s| s.as_str()))
        .collect();
    // The book's customers by those ids (a row of each), and the cluster of every row listed
    // as a candidate this week.
    let listed: FxHashSet<u32> = out.candidates.values().flatten().copied().collect();
    let mut row_of_id: FxHashMap<&str, u32> = FxHashMap::default();
    let mut cluster_of_listed: FxHashMap<u32, usize> = FxHashMap::default();
    for (gi, g) in groups.iter().enumerate() {
        if invoice_only[gi] {
            continue;
        }
        for &r in g {
            if listed.contains(&r) {
                cluster_of_listed.insert(r, gi);
            }
            if let Some(id) = id_of(r).filter(|id| wanted.contains(id)) {
                row_of_id.entry(id).or_insert(g[0]);
            }
        }
    }
    let cluster_of_first: FxHashMap<u32, usize> = (groups.iter().enumerate())
        .filter(|&(gi, _)| !invoice_only[gi])
        .map(|(gi, g)| (g[0], gi))
        .collect();
    // Last week's candidates first, in the order the accountant saw them, then this week's.
    for (gi, ids) in asked {
        let first = groups[gi][0];
        let now = out.candidates.remove(&first).unwrap_or_default();
        let last = ids
            .iter()
            .filter_map(|id| row_of_id.get(id.as_str()))
            .map(|&row| (row, cluster_of_first[&row]));
        let now = now
            .iter()
            .filter_map(|&row| Some((row, *cluster_of_listed.get(&row)?)));
        let (mut rows, mut clusters) = (Vec::new(), Vec::new());
        for (row, ci) in last.chain(now) {
            if rows.len() < CANDIDATES && !clusters.contains(&ci) {
                clusters.push(ci);
                rows.push(row);
            }
        }
        if !rows.is_empty() {
            out.candidates.insert(first, rows);
        }
    }
}

/// The clusters of the customers last week's invoice rows went to, by id: the adopted book's
/// customers (`given`), or without one the customers whose other rows (not invoice lines)
/// were known under that id — looked up only for the ids an unattributed invoice row had.
fn last_weeks_customers(
    groups: &[Vec<u32>],
    invoice_only: &[bool],
    out: &Attributions,
    last_week: &dyn Fn(u32) -> Option<String>,
    given: &FxHashMap<u32, String>,
) -> FxHashMap<String, usize> {
    let mut cluster_of: FxHashMap<String, usize> = FxHashMap::default();
    if !given.is_empty() {
        for (gi, g) in groups.iter().enumerate() {
            for r in g {
                if let Some(id) = given.get(r) {
                    cluster_of.entry(id.clone()).or_insert(gi);
                }
            }
        }
        return cluster_of;
    }
    let decided = |r: &u32| {
        out.by_row.contains_key(r) || out.by_person.contains(r) || out.not_in_book.contains(r)
    };
    let wanted: FxHashSet<String> = (groups.iter().zip(invoice_only))
        .filter(|(g, &only)| only && !g.iter().any(decided))
        .flat_map(|(g, _)| g.iter().filter_map(|&r| last_week(r)))
        .collect();
    if wanted.is_empty() {
        return cluster_of;
    }
    for (gi, g) in groups.iter().enumerate() {
        if invoice_only[gi] {
            continue;
        }
        for &r in g {
            if let Some(id) = last_week(r).filter(|id| wanted.contains(id)) {
                cluster_of.entry(id).or_insert(gi);
            }
        }
    }
    cluster_of
}

/// Empties cluster `from` into `to` and returns its rows. They go after the customer's own
/// rows: the first row still starts the customer, and the invoice is "merged" into it.
fn move_into(groups: &mut [Vec<u32>], from: usize, to: usize) -> Vec<u32> {
    let rows = std::mem::take(&mut groups[from]);
    groups[to].extend_from_slice(&rows);
    rows
}

impl<'n> Index<'n> {
    /// `alone`: the book's clusters with nothing but a name, whose names are asked about too
    /// (they stay customers an invoice may name). Steps: the keys the buyers ask about, the
    /// book's rows that have them, the maps of those rows, then what the invoices say of the
    /// names (the walk-ins' share, the names of two enterprises).
    fn build(
        groups: &[Vec<u32>],
        norms: &'n [Norm],
        invoice_only: &[bool],
        alone: &[bool],
        line: &Line<'_>,
    ) -> Index<'n> {
        // The three sets of keys asked about, and below the three maps, each made on a core of
        // its own: this runs between two stages that use every core.
        let mut words = NameWords::count(groups, norms, invoice_only);
        let wanted = Wanted::of(groups, norms, invoice_only, alone, &words);
        // The book's rows are looked up on both cores; each map is filled after, in row order.
        let hits = book_hits(groups, norms, invoice_only, &wanted);
        let (by_tax, (by_name, by_family_given)) = rayon::join(
            || Index::tax_map(&hits, norms),
            || {
                rayon::join(
                    || Index::name_map(&hits, norms),
                    || Index::family_given_map(&hits, norms),
                )
            },
        );
        words.bound = invoices_bound(groups, norms, invoice_only, line, &by_name);
        let shared_firm_names = shared_firm_names(groups, norms, invoice_only);
        Index {
            by_tax,
            by_name,
            by_family_given,
            words,
            shared_firm_names,
        }
    }

    /// [`Index::by_tax`] from the book's hits: the customers (clusters) of each tax code asked
    /// about, each once, in row order.
    fn tax_map(hits: &[Hit], norms: &'n [Norm]) -> FxHashMap<&'n str, Vec<usize>> {
        let mut m: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for h in of_kind(hits, HitKind::Tax) {
            if let Some(t) = &norms[h.row as usize].tax {
                push_unique(m.entry(t.as_str()).or_default(), h.group as usize);
            }
        }
        m
    }

    /// [`Index::by_name`] from the book's hits: the customers (clusters) of each name key asked
    /// about, each once, in row order.
    fn name_map(hits: &[Hit], norms: &'n [Norm]) -> FxHashMap<&'n str, Vec<usize>> {
        let mut m: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for h in of_kind(hits, HitKind::Name) {
            let n = &norms[h.row as usize];
            push_unique(m.entry(n.name_key.as_str()).or_default(), h.group as usize);
        }
        m
    }

    /// [`Index::by_family_given`] from the book's hits: the persons of each (family, given)
    /// asked about, sorted, one row for each name key and customer.
    fn family_given_map(
        hits: &[Hit],
        norms: &'n [Norm],
    ) -> FxHashMap<(&'n str, &'n str), Vec<CloseName<'n>>> {
        let mut m: FxHashMap<(&str, &str), Vec<CloseName>> = FxHashMap::default();
        for h in of_kind(hits, HitKind::FamilyGiven) {
            let n = &norms[h.row as usize];
            m.entry((n.family(), n.given())).or_default().push((
                n.name_key.as_str(),
                h.group as usize,
                h.row,
            ));
        }
        for v in m.values_mut() {
            v.sort_unstable();
            v.dedup_by_key(|&mut (k, gi, _)| (k, gi));
        }
        m
    }

    /// The customer the buyer of invoice-only cluster `g` is: the one its tax code names,
    /// else the one its name alone names. Clusters marked in `past` are no candidates.
    fn find(&self, g: &[u32], groups: &[Vec<u32>], norms: &[Norm], past: &[bool]) -> Found {
        let tax = g.iter().find_map(|&r| norms[r as usize].tax.as_ref());
        match tax.and_then(|t| self.by_tax.get(t.as_str())) {
            Some(c) if c.len() == 1 => Found::Customer(c[0], Evidence::TaxCode),
            // A tax code several customers hold (a head office and branches noted under its
            // code, or one customer the book keeps twice) names the one of them whose name the
            // buyer's is, branch and legal form included.
            Some(c) => {
                let buyer = &norms[g[0] as usize];
                let marks = Marks::of(buyer);
                let tax = tax.map(|t| t.as_str());
                // Two that fit are already the accountant's case.
                let fitting: Vec<usize> = c
                    .iter()
                    .filter(|&&ci| fits(buyer, &marks, tax, &groups[ci], norms))
                    .take(2)
                    .copied()
                    .collect();
                match fitting[..] {
                    [one] => Found::Customer(one, Evidence::TaxCode),
                    _ => Found::Several(c.iter().take(CANDIDATES).copied().collect()),
                }
            }
            // Each name the buyer is written under («CH Thị Sương» and «CH Phụ tùng xe máy Thị
            // Sương» under one tax code the book does not hold): names that find two customers
            // leave the buyer to the accountant with both.
            None => {
                let tax = tax.map(|t| t.as_str());
                let (first, then) = buyer_names(g, norms);
                let find = |names: BuyerNames| {
                    names
                        .into_iter()
                        .map(|buyer| self.find_by_name(buyer, tax, groups, norms, past))
                        .fold(Found::Nobody, Found::and)
                };
                match find(first) {
                    Found::Nobody => find(then),
                    found => found,
                }
            }
        }
    }

    /// The customer one name of a buyer names, or the candidates it leaves to the accountant.
    /// Steps: the customers of the name that fit, the others of the name (close names, or
    /// organisations out of the way), persons of a close name, then the verdict.
    fn find_by_name(
        &self,
        buyer: &Norm,
        tax: Option<&str>,
        groups: &[Vec<u32>],
        norms: &[Norm],
        past: &[bool],
    ) -> Found {
        let ask = Ask {
            buyer,
            tax,
            groups,
            norms,
            past,
        };
        let mut c = self.fitting(&ask);
        self.add_same_name(&ask, &mut c);
        let rare = self.words.rare(buyer);
        if rare {
            self.add_close_persons(&ask, &mut c);
        }
        self.verdict(&ask, rare, c)
    }

    /// The customers of the name, but those the caller looks past (`past`), in row order.
    fn same_name<'s>(&'s self, key: &str, past: &'s [bool]) -> impl Iterator<Item = usize> + 's {
        self.by_name
            .get(key)
            .map_or(&[][..], |c| c.as_slice())
            .iter()
            .copied()
            .filter(move |&ci| !passed(past, ci))
    }

    /// The customers of the buyer's name that fit it ([`fits`]), a few at most, narrowed to the
    /// one written under the buyer's own legal form when several fit: the candidates the next
    /// steps of [`Index::find_by_name`] add to.
    fn fitting(&self, ask: &Ask<'_>) -> Candidates {
        let Ask {
            buyer,
            tax,
            groups,
            norms,
            past,
        } = *ask;
        // Two that fit already make it the accountant's case, and the sheet lists five
        // candidates: a common name ("nguyen van anh") stops there instead of trying thousands
        // of customers, each row by row.
        let marks = Marks::of(buyer);
        let mut named: Vec<usize> = self
            .same_name(&buyer.name_key, past)
            .filter(|&ci| fits(buyer, &marks, tax, &groups[ci], norms))
            .take(CANDIDATES)
            .collect();
        // Of several that fit, the one written under the buyer's own legal form is the buyer:
        // the others left the form out ("Cty Vận tải Hoa Việt" beside "Công ty Cổ phần Vận tải
        // Hoa Việt"), and are not in its way.
        let mut loose = Vec::new();
        if named.len() > 1 && buyer.kind == PartyKind::Org && buyer.legal_form().is_some() {
            let (exact, rest): (Vec<usize>, Vec<usize>) = named
                .iter()
                .partition(|&&ci| written_as(buyer, &groups[ci], norms));
            if let [_] = exact[..] {
                named = exact;
                loose = rest;
            }
        }
        Candidates {
            fitting: named.len(),
            named,
            loose,
            others: Vec::new(),
        }
    }

    /// The other customers of the buyer's name: each a close name, or, while the name names
    /// one organisation, another organisation out of its way (kept apart, so that it is listed
    /// only when the name names nobody).
    fn add_same_name(&self, ask: &Ask<'_>, c: &mut Candidates) {
        let Ask {
            buyer,
            groups,
            norms,
            past,
            ..
        } = *ask;
        // (Whether a customer is another organisation matters only while the name still names
        // one customer: a common name's hundreds are not read row by row.)
        // A person of the organisation's name is its owner or a namesake: not in the way of
        // the one customer written under the buyer's legal form («HKD Đinh Thị Hương» beside
        // the person «Đinh Thị Hương»: the invoice names the household business).
        for ci in self.same_name(&buyer.name_key, past) {
            let one = c.fitting == 1 && c.named.len() == 1;
            if one
                && buyer.kind == PartyKind::Org
                && ci != c.named[0]
                && (c.loose.contains(&ci)
                    || another_org(buyer, &groups[ci], norms)
                    || (person_only(buyer, &groups[ci], norms)
                        && buyer.legal_form().is_some()
                        && written_as(buyer, &groups[c.named[0]], norms)))
            {
                c.others.push(ci);
            } else {
                c.close(ci);
            }
        }
    }

    /// The persons of the buyer's (rare) family and given name whose middle name is the
    /// buyer's left out, added or a keystroke apart: close names, which leave the buyer to the
    /// accountant (either may be the other mistyped).
    fn add_close_persons(&self, ask: &Ask<'_>, c: &mut Candidates) {
        let Ask {
            buyer, norms, past, ..
        } = *ask;
        let key = buyer.name_key.as_str();
        let fg = self.by_family_given.get(&(buyer.family(), buyer.given()));
        let mine = middle(key);
        for &(k, ci, row) in fg.map_or(&[][..], |v| v.as_slice()) {
            if c.named.len() >= CANDIDATES {
                break;
            }
            if k != key
                && !passed(past, ci)
                && middles_close(middle(k), mine)
                && marked_middles_close(buyer, &norms[row as usize])
            {
                c.close(ci);
            }
        }
    }

    /// What the candidates of a name say: the one customer that fits and has no close name,
    /// when the name alone can name somebody and no form left out makes it unsure; else every
    /// candidate, the other organisations last, for the accountant.
    fn verdict(&self, ask: &Ask<'_>, rare: bool, mut c: Candidates) -> Found {
        let Ask {
            buyer,
            groups,
            norms,
            ..
        } = *ask;
        let key = buyer.name_key.as_str();
        // A person named by one word alone (a given name), or by a name many people have, is
        // nobody in particular.
        let whole = (buyer.kind != PartyKind::Person || rare)
            && !self.shared_firm_names.contains(key)
            && !self.words.common_owner(buyer)
            && !self.words.common_sign(buyer);
        // A customer whose name fits with its legal form left out ("Công ty Phú Lộc" for the
        // buyer "Công ty TNHH Phú Lộc") names the buyer only if no other customer has that name
        // under a form of its own: "Công ty Phú Lộc" beside "Công ty CP Phú Lộc" may be either.
        let unsure = |ci: usize| {
            !written_as(buyer, &groups[ci], norms)
                && c.others.iter().any(|&o| {
                    at_branch(buyer, &groups[o], norms).any(|n| {
                        n.legal_form()
                            .is_some_and(|f| Some(f) != buyer.legal_form())
                    })
                })
        };
        match (c.fitting, c.named.len()) {
            (1, 1) if whole && !key.is_empty() && !unsure(c.named[0]) => {
                Found::Customer(c.named[0], Evidence::UniqueName)
            }
            _ => {
                for ci in std::mem::take(&mut c.others) {
                    c.close(ci);
                }
                if c.named.is_empty() {
                    Found::Nobody
                } else {
                    Found::Several(c.named)
                }
            }
        }
    }
}

/// The customers one name of a buyer finds, as [`Index::find_by_name`] gathers them step by
/// step.
struct Candidates {
    /// The customers that fit, then those of a close name: [`CANDIDATES`] at most.
    named: Vec<usize>,
    /// How many of `named` fit.
    fitting: usize,
    /// Customers that fit with the legal form left out, beside the one written under the
    /// buyer's own form: not in its way.
    loose: Vec<usize>,
    /// Customers of the name that are other organisations: listed only when the name names
    /// nobody.
    others: Vec<usize>,
}

impl Candidates {
    /// Adds a customer of a close name, while there is room. Close names: the same name that
    /// does not fit (other tone marks, another tax code); for persons, the same family and
    /// given name with a middle name left out, added or a keystroke apart ("Trần Vũ", "Trần Hữ
    /// Vũ" beside "Trần Hữu Vũ"; "Trần Văn Vũ" is another name). An organisation of the same
    /// name under another legal form, or another branch (or the head office), is another
    /// organisation: listed for the accountant when the name names nobody, never in the way of
    /// the one it names.
    fn close(&mut self, ci: usize) {
        if self.named.len() < CANDIDATES && !self.named.contains(&ci) {
            self.named.push(ci);
        }
    }
}

/// Whether the caller looks past customer (cluster) `ci`.
fn passed(past: &[bool], ci: usize) -> bool {
    past.get(ci).copied().unwrap_or(false)
}

/// The keys the unattributed buyers ask about (see [`Index::build`]): the book's rows are
/// looked up by these alone.
struct Wanted<'a> {
    tax: FxHashSet<&'a str>,
    name: FxHashSet<&'a str>,
    /// (family, given) of the persons' rare names.
    family_given: FxHashSet<(&'a str, &'a str)>,
}

impl<'a> Wanted<'a> {
    /// The buyers' tax codes, and the names they and the rows with nothing but a name are
    /// written under (the rare ones by family and given name too): three sets, each made on a
    /// core of its own.
    fn of(
        groups: &'a [Vec<u32>],
        norms: &'a [Norm],
        invoice_only: &'a [bool],
        alone: &'a [bool],
        words: &NameWords,
    ) -> Self {
        // Every name an invoice-only cluster writes its buyer under is asked about, and the
        // name of each row with nothing but a name.
        let askers = || {
            groups
                .iter()
                .zip(invoice_only.iter().zip(alone))
                .filter(|(_, (&o, &a))| o || a)
                .map(|(g, _)| g)
        };
        let named = || {
            askers().flat_map(|g| {
                let (first, then) = buyer_names(g, norms);
                first.into_iter().chain(then)
            })
        };
        let (tax, (name, family_given)) = rayon::join(
            || -> FxHashSet<&str> {
                buyers(groups, invoice_only)
                    .flat_map(|g| g.iter())
                    .filter_map(|&r| norms[r as usize].tax.as_ref().map(|t| t.as_str()))
                    .collect()
            },
            || {
                rayon::join(
                    || -> FxHashSet<&str> { named().map(|b| b.name_key.as_str()).collect() },
                    || -> FxHashSet<(&str, &str)> {
                        // Close names are sought for the rare names only (rare by the loosest
                        // bound, the walk-ins' share is not known yet): a common one names
                        // nobody anyway.
                        named()
                            .filter(|b| words.rare(b))
                            .map(|b| (b.family(), b.given()))
                            .collect()
                    },
                )
            },
        );
        Wanted {
            tax,
            name,
            family_given,
        }
    }
}

/// The invoice-only clusters, in file order: the buyers looked up.
fn buyers<'g>(
    groups: &'g [Vec<u32>],
    invoice_only: &'g [bool],
) -> impl Iterator<Item = &'g Vec<u32>> + 'g {
    groups
        .iter()
        .zip(invoice_only)
        .filter(|(_, &o)| o)
        .map(|(g, _)| g)
}

/// The book's rows that have a key a buyer asks about, looked up on both cores and returned in
/// row order: the maps of [`Index`] are filled from these, not from a million rows.
fn book_hits(
    groups: &[Vec<u32>],
    norms: &[Norm],
    invoice_only: &[bool],
    wanted: &Wanted,
) -> Vec<Hit> {
    groups
        .par_iter()
        .enumerate()
        .filter(|&(gi, _)| !invoice_only[gi])
        .flat_map_iter(|(gi, g)| {
            let mut hits = Vec::new();
            for &r in g {
                let n = &norms[r as usize];
                let hit = |kind| Hit {
                    group: gi as u32,
                    row: r,
                    kind,
                };
                if n.tax
                    .as_ref()
                    .is_some_and(|t| wanted.tax.contains(t.as_str()))
                {
                    hits.push(hit(HitKind::Tax));
                }
                let key = n.name_key.as_str();
                if !key.is_empty() && wanted.name.contains(key) {
                    hits.push(hit(HitKind::Name));
                }
                let (family, given) = (n.family(), n.given());
                if n.kind == PartyKind::Person
                    && !given.is_empty()
                    && wanted.family_given.contains(&(family, given))
                {
                    hits.push(hit(HitKind::FamilyGiven));
                }
            }
            hits
        })
        .collect()
}

/// The hits of one kind, in row order.
fn of_kind(hits: &[Hit], kind: HitKind) -> impl Iterator<Item = &Hit> + '_ {
    hits.iter().filter(move |h| h.kind == kind)
}

/// The bound past which a person's name alone names nobody ([`walk_in_bound`]), from the
/// invoices: the persons' invoice rows (`line`), and those whose name no customer of the book
/// has. Lines already inside a customer of the book (its «Nguồn» lists them, or they matched
/// its rows) were bought by a customer: counted too, so that the walk-ins' share does not grow
/// week by week as last week's attributions come back inside their customers and only the
/// walk-ins are left to count.
fn invoices_bound(
    groups: &[Vec<u32>],
    norms: &[Norm],
    invoice_only: &[bool],
    line: &Line<'_>,
    by_name: &FxHashMap<&str, Vec<usize>>,
) -> f64 {
    let person = |n: &Norm| n.kind == PartyKind::Person && n.syllables() >= 2;
    let (mut all, mut unmatched) = (0, 0);
    for (g, &only) in groups.iter().zip(invoice_only) {
        if only {
            let b = &norms[g[0] as usize];
            if person(b) {
                let lines = g.iter().filter(|&&r| line(r)).count();
                all += lines;
                if !by_name.contains_key(b.name_key.as_str()) {
                    unmatched += lines;
                }
            }
        } else {
            all += g
                .iter()
                .filter(|&&r| line(r) && person(&norms[r as usize]))
                .count();
        }
    }
    walk_in_bound(unmatched, all)
}

/// Whether a row is a line of an invoice listing.
type Line<'a> = dyn Fn(u32) -> bool + Sync + 'a;

/// [`Index::shared_firm_names`]: the organisations' names the buyers write under tax codes of
/// two enterprises or more, so that such a name alone attributes nothing.
fn shared_firm_names<'n>(
    groups: &[Vec<u32>],
    norms: &'n [Norm],
    invoice_only: &[bool],
) -> FxHashSet<&'n str> {
    // One name, two enterprises on the invoices: "Công ty TNHH Thương mại Hạnh Hà" under
    // 0330211552 and 0101976422 are two companies, and a customer of that name without a
    // tax code could be either (or a third).
    let mut firms: FxHashMap<&str, &str> = FxHashMap::default();
    let mut shared_firm_names = FxHashSet::default();
    for g in buyers(groups, invoice_only) {
        for &r in g {
            let n = &norms[r as usize];
            let Some(t) = n.tax.as_ref().filter(|_| n.kind == PartyKind::Org) else {
                continue;
            };
            let firm = t.as_str().get(..10).unwrap_or(t.as_str());
            let key = n.name_key.as_str();
            match firms.get(key) {
                Some(&f) if f != firm => {
                    shared_firm_names.insert(key);
                }
                Some(_) => {}
                None => {
                    firms.insert(key, firm);
                }
            }
        }
    }
    shared_firm_names
}

/// Whether a customer whose name is the organisation buyer's is another organisation: each of
/// its rows of that name is another branch (or the head office of the buyer's branch), or the
/// legal forms it is written under at the buyer's branch are none the buyer's could be (rows
/// that leave the form out say nothing: "Kỹ thuật Lotus Việt Nam" beside "CTCP Kỹ thuật Lotus
/// Việt Nam" is that joint-stock company, not a buyer "Công ty TNHH Kỹ thuật Lotus Việt Nam").
fn another_org(buyer: &Norm, group: &[u32], norms: &[Norm]) -> bool {
    let mut here = at_branch(buyer, group, norms).peekable();
    if here.peek().is_none() {
        return true;
    }
    let mut stated = here.filter_map(|n| n.legal_form()).peekable();
    stated.peek().is_some() && stated.all(|f| !forms_may_agree(Some(f), buyer.legal_form()))
}

/// Whether every row of a customer that has the buyer's name is a person's.
fn person_only(buyer: &Norm, group: &[u32], norms: &[Norm]) -> bool {
    group
        .iter()
        .map(|&r| &norms[r as usize])
        .filter(|n| n.name_key == buyer.name_key)
        .all(|n| n.kind == PartyKind::Person)
}

/// Whether a customer has a row of the organisation buyer's name, branch and legal form.
fn written_as(buyer: &Norm, group: &[u32], norms: &[Norm]) -> bool {
    at_branch(buyer, group, norms).any(|n| n.legal_form() == buyer.legal_form())
}

/// A customer's rows of the organisation buyer's name at the buyer's branch (or head office).
fn at_branch<'a>(
    buyer: &'a Norm,
    group: &'a [u32],
    norms: &'a [Norm],
) -> impl Iterator<Item = &'a Norm> + 'a {
    group
        .iter()
        .map(|&r| &norms[r as usize])
        .filter(|n| n.name_key == buyer.name_key && n.branch() == buyer.branch())
}

fn push_unique(v: &mut Vec<usize>, gi: usize) {
    if !v.contains(&gi) {
        v.push(gi);
    }
}

/// A customer whose name matches can be the buyer: same kind; for organisations the same
/// branch and no other legal form; no other tax code (a person's 12-digit number beside the
/// 10-digit code it replaced is none) — and, when an organisation has a tax
/// code, the invoice carries it (a VAT invoice to a company names its tax code: one without it
/// is another buyer of the same name, or a case for the accountant).
fn fits(buyer: &Norm, marks: &Marks, tax: Option<&str>, group: &[u32], norms: &[Norm]) -> bool {
    // A person's invoice often leaves out their personal tax code (or the citizen ID noted in
    // its place); a company's does not, unless its full name, legal form included, is one no
    // other enterprise may have: then the legal forms must be the same.
    let customer_tax = group.iter().any(|&r| norms[r as usize].tax.is_some());
    let enterprise = buyer.kind == PartyKind::Org
        && buyer
            .legal_form()
            .is_some_and(crate::normalize::name::is_enterprise_form);
    let without_tax = customer_tax && tax.is_none();
    if without_tax && buyer.kind != PartyKind::Person && !enterprise {
        return false;
    }
    // A shop named for its owner («Cửa hàng Gạo Nhung»: a trade and a given name) is named
    // as little as a person by a given name alone: many shops carry the sign. Its invoice under
    // a tax code none of the customer's rows holds would give the customer another taxpayer's
    // code: the accountant decides.
    if tax.is_some() && !customer_tax && owners_shop(&buyer.name_key) {
        return false;
    }
    if elsewhere(buyer, tax, group, norms) {
        return false;
    }
    let rows = || {
        group.iter().map(|&r| &norms[r as usize]).filter(|n| {
            n.name_key == buyer.name_key
                && n.kind == buyer.kind
                && (buyer.kind != PartyKind::Org || n.branch() == buyer.branch())
        })
    };
    // An organisation's legal form is the one its rows write (rows that leave it out say
    // nothing): the buyer's own, or, when nothing else is in the way, one the buyer's could be
    // ("Công ty Phú Lộc" for "Công ty TNHH Phú Lộc").
    let form_fits = buyer.kind != PartyKind::Org || {
        let form = buyer.legal_form();
        let mut stated = rows().filter_map(|n| n.legal_form()).peekable();
        let exact = match stated.peek() {
            None => form.is_none(),
            Some(_) => rows().any(|n| n.legal_form().is_some() && n.legal_form() == form),
        };
        exact || (!without_tax && stated.all(|f| forms_may_agree(Some(f), form)))
    };
    // The tone marks last: comparing them lower-cases and re-tones both names. A person's rows
    // written with marks, every word a syllable, say how the name is spelt; rows typed without
    // marks (or with a mark slipped into no syllable, «Kiêt») say nothing, so they count only
    // when no row spells it («DANG HUU VINH» beside «Đặng Hữu Vinh» does not make the customer
    // a buyer «Đặng Hữu Vĩnh»).
    let marked = || {
        rows().filter(|n| {
            buyer.kind == PartyKind::Person && !n.name.is_ascii() && spelt_whole(&n.name)
        })
    };
    form_fits
        && if marked().next().is_some() {
            marked().any(|n| marks.agree(&n.name))
        } else {
            rows().any(|n| marks.agree(&n.name))
        }
        && !group.iter().any(|&r| {
            norms[r as usize]
                .tax
                .as_ref()
                .is_some_and(|t| tax.is_some_and(|b| codes_conflict(b, t.as_str())))
        })
}

/// Some listings give the buyer's address. One in a province none of the customer's addresses
/// is in (the 2025 mergers read as one) names another buyer of the name, or the customer
/// after a move: the accountant decides, unless the invoice carries a tax code the customer
/// holds.
fn elsewhere(buyer: &Norm, tax: Option<&str>, group: &[u32], norms: &[Norm]) -> bool {
    use crate::normalize::address::{province_agreement, ProvinceAgreement};
    let Some(at) = buyer.province else {
        return false;
    };
    let rows = || group.iter().map(|&r| &norms[r as usize]);
    let held = tax.is_some_and(|b| rows().any(|n| n.tax.as_ref().is_some_and(|t| t.as_str() == b)));
    let mut theirs = rows().filter_map(|n| n.province).peekable();
    !held
        && theirs.peek().is_some()
        && theirs.all(|p| province_agreement(at, p) == ProvinceAgreement::Different)
}

/// Whether an organisation's name key is a shop's named for its owner: shop words, the trades
/// it sells, and one given name, with or without «Thị»/«Văn» before it («cua hang gao nhung»,
/// «ch dien thoai thi ha»). A brand of two words («cua hang tap hoa hao tin») is the shop's own.
fn owners_shop(key: &str) -> bool {
    use crate::matching::sig::{is_shop, trade_core};
    if !is_shop(key) {
        return false;
    }
    let (core, _) = trade_core(key);
    let mut words = core.split(' ');
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(_), None, None) | (Some("thi" | "van"), Some(_), None)
    )
}

/// What an owner's shop's name key says before the owner's name: its shop words and trades
/// («cua hang gao» of «cua hang gao lan»; «ch dien thoai» of «ch dien thoai thi ha»).
fn sign_trade(key: &str) -> &str {
    let (core, _) = crate::matching::sig::trade_core(key);
    key.strip_suffix(core).unwrap_or(key).trim_end()
}

/// A buyer's name as its tone marks are compared, made once for all the customers it is
/// compared with. Two names written with their tone marks are one name only if the marks
/// agree: "Trương Thị Hạ" is not "Trương Thị Hà", though both fold to "truong thi ha". A name
/// typed without marks says nothing either way. The words compared are those of the name key
/// (an organisation's legal form and branch are compared apart, and written many ways:
/// "Cty TNHH Hòa Phát - CN Hà Nội", "CHI NHÁNH HÀ NỘI - CÔNG TY TNHH HÒA PHÁT").
struct Marks<'a> {
    name: &'a str,
    /// An organisation's key (its proper name); none for a person's name, compared whole.
    key: Option<&'a str>,
    /// The whole name, lower case, tones placed the modern way ([`lower_marked`]); none for a
    /// name typed without marks.
    lower: Option<String>,
    /// An organisation's proper name in `lower` ([`proper_part`]), found when first asked.
    proper: std::cell::OnceCell<String>,
}

impl<'a> Marks<'a> {
    fn of(buyer: &'a Norm) -> Self {
        let name = buyer.name.as_str();
        let key = (buyer.kind == PartyKind::Org).then_some(buyer.name_key.as_str());
        let lower = (!name.is_ascii()).then(|| lower_marked(name));
        Marks {
            name,
            key,
            lower,
            proper: std::cell::OnceCell::new(),
        }
    }

    /// Whether `other`, a name of the same key, is written with the same marks (or without
    /// any).
    fn agree(&self, other: &str) -> bool {
        match &self.lower {
            _ if other == self.name || other.is_ascii() => true,
            None => true,
            Some(whole) => {
                // "Hoà" and "Hòa" are one name in two tone placements.
                let other = lower_marked(other);
                other == *whole
                    || self.key.is_some_and(|k| {
                        // A proper name typed without marks says nothing either way, whatever
                        // the legal form is written with ("Công ty CP Thuy san Hoang Ha").
                        let proper = self.proper.get_or_init(|| proper_part(whole, k).to_owned());
                        let theirs = proper_part(&other, k);
                        proper.is_ascii() || theirs.is_ascii() || same_marks(theirs, proper)
                    })
            }
        }
    }
}

/// Every word of letters in a name is a Vietnamese syllable: the name is spelt as written.
fn spelt_whole(name: &str) -> bool {
    name.split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic))
        .all(crate::normalize::text::is_vietnamese_syllable)
}

/// Two persons' middle names a keystroke apart folded are a typo only if they are written
/// with their marks a keystroke apart too: "Mạnh" and "Anh" fold to "manh" and "anh" but are
/// two names; "Hữ" is "Hữu" with a letter lost. Names typed without marks, or whose words are
/// not their key's in order, are left to the folded rule.
fn marked_middles_close(a: &Norm, b: &Norm) -> bool {
    match (marked_middle(a), marked_middle(b)) {
        (Some(x), Some(y)) => middles_close(&x, &y),
        _ => true,
    }
}

/// A person's middle name as written, lower case, tones placed the modern way ("thị minh").
fn marked_middle(n: &Norm) -> Option<String> {
    if n.name.is_ascii() {
        return None;
    }
    let lower = lower_marked(&n.name);
    let words: Vec<&str> = name_words(&lower).collect();
    let in_order = words.len() == n.syllables()
        && words
            .iter()
            .zip(n.name_key.split(' '))
            .all(|(w, k)| crate::normalize::text::fold_key(w) == k);
    (in_order && words.len() > 2).then(|| words[1..words.len() - 1].join(" "))
}

/// Two organisations' proper names of one key written with the same marks: each word they
/// both have (folded) written alike, whatever stands between the words ("hòa-phát", "hòa
/// phát"). A business word shortened in one of them ("đt thành á", "đầu tư thành á": the
/// key expands it) has no word to compare; the others must agree ("hoàng hùng" is not
/// "hoàng hưng"). Names of as many words are compared word for word; otherwise a word agrees
/// with one of the other's that folds alike ("mai hải" in "tm dv mai hải" is the second
/// "mai" of "thương mại dịch vụ mai hải", not its «mại»).
fn same_marks(a: &str, b: &str) -> bool {
    use crate::normalize::text::fold_key;
    if a == b || name_words(a).eq(name_words(b)) {
        return true;
    }
    if name_words(a).count() == name_words(b).count() {
        return name_words(a)
            .zip(name_words(b))
            .all(|(x, y)| x == y || fold_key(x) != fold_key(y));
    }
    let theirs: Vec<(String, &str)> = name_words(b).map(|w| (fold_key(w), w)).collect();
    name_words(a).all(|w| {
        let f = fold_key(w);
        let mut alike = theirs.iter().filter(|(g, _)| *g == f).peekable();
        alike.peek().is_none() || alike.any(|(_, v)| *v == w)
    })
}

/// The words of a name: its runs of letters and digits (the key's words, one for one).
fn name_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of `lower` (a name, [`lower_marked`]) that make its key `key`, as they are
/// written there ("hòa phát" of "chi nhánh hà nội - công ty tnhh hòa phát"); its last words
/// when the name shortens the first ("phuc khang" of "… xnk phuc khang"); the whole of `lower`
/// when they cannot be found in order.
fn proper_part<'s>(lower: &'s str, key: &str) -> &'s str {
    // The key is whole words of the folded name, one for each of the name's words: find where,
    // then the same words of the marked name.
    let words = || name_words(lower);
    let folded = crate::normalize::text::fold_key(lower);
    let at = folded.match_indices(key).map(|(p, _)| p).find(|&p| {
        (p == 0 || folded.as_bytes()[p - 1] == b' ')
            && folded[p + key.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ')
    });
    if folded.split(' ').count() != words().count() {
        return lower;
    }
    // The key leaves out words the name has («và»: "thuong mai dich vu nhat binh" in "… thương
    // mại và dịch vụ nhật bình - chi nhánh …"): from its first word to its last, then.
    let span = match at {
        Some(p) => Some((
            folded[..p].matches(' ').count(),
            key.matches(' ').count() + 1,
        )),
        None => {
            let (first, last) = (key.split(' ').next(), key.rsplit(' ').next());
            let fw: Vec<&str> = folded.split(' ').collect();
            fw.iter()
                .position(|w| Some(*w) == first)
                .and_then(|i| {
                    let j = fw[i..].iter().position(|w| Some(*w) == last)?;
                    Some((i, j + 1))
                })
                .or_else(|| {
                    // Its first words shortened ("xnk phuc khang" of the key "xuat nhap khau
                    // phuc khang"): the longest run of its last words the name writes whole.
                    let kw: Vec<&str> = key.split(' ').collect();
                    (1..kw.len()).find_map(|s| {
                        let tail = &kw[s..];
                        let i = fw.windows(tail.len()).position(|w| w == tail)?;
                        Some((i, tail.len()))
                    })
                })
        }
    };
    match span {
        Some((skip, take)) => {
            let mut part = words().skip(skip).take(take);
            let (Some(first), last) = (part.next(), part.last()) else {
                return lower;
            };
            // From the first word's start to the last word's end, in `lower` itself.
            let start = first.as_ptr() as usize - lower.as_ptr() as usize;
            let end = last.unwrap_or(first);
            let end = end.as_ptr() as usize - lower.as_ptr() as usize + end.len();
            &lower[start..end]
        }
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Source};

    fn sources() -> Vec<Source> {
        vec![
            Source::bare("x", SourceKind::Customers),
            Source::bare("x", SourceKind::Invoices),
        ]
    }

    /// Two hundred more persons of the book, whose names share no part with the tests': a book
    /// the size of a small shop's, where a name like "Trần Hữu Vũ" is rare.
    fn filler() -> Vec<String> {
        let families = [
            "Lý", "Tạ", "Mạc", "Lục", "Khổng", "Từ", "Quách", "Kiều", "Đàm", "Ông",
        ];
        let givens = [
            "Bảo", "Cường", "Dũng", "Tâm", "Khang", "Lộc", "Nhân", "Phúc", "Quý", "Sơn", "Thắng",
            "Toàn", "Vĩnh", "Xuân", "Yên", "Đạt", "Hậu", "Kiên", "Luân", "Tín",
        ];
        families
            .iter()
            .flat_map(|f| givens.iter().map(move |g| format!("{f} Khắc {g}|||||")))
            .collect()
    }

    /// `book` rows first, then `invoices`, then the filler; each row its own cluster. The
    /// clusters returned leave out the filler's.
    fn run(book: &[&str], invoices: &[&str]) -> (Vec<Vec<u32>>, Attributions) {
        run_joined(book, &[], invoices)
    }

    /// As [`run`], the book rows of each pair in `joined` one customer.
    fn run_joined(
        book: &[&str],
        joined: &[(u32, u32)],
        invoices: &[&str],
    ) -> (Vec<Vec<u32>>, Attributions) {
        run_apart(book, joined, invoices, &FxHashSet::default())
    }

    /// As [`run_joined`], the row pairs of `apart` kept apart by a person.
    fn run_apart(
        book: &[&str],
        joined: &[(u32, u32)],
        invoices: &[&str],
        apart: &FxHashSet<(u32, u32)>,
    ) -> (Vec<Vec<u32>>, Attributions) {
        let filler = filler();
        let all: Vec<&str> = book
            .iter()
            .chain(invoices)
            .copied()
            .chain(filler.iter().map(String::as_str))
            .collect();
        let norms = crate::normalize::test_rows(&all);
        let ours = book.len() + invoices.len();
        let raw: Vec<RawRow> = (0..all.len())
            .map(|i| RawRow::new(u32::from(i >= book.len() && i < ours), i as u32 + 2))
            .collect();
        let mut groups: Vec<Vec<u32>> = (0..all.len() as u32).map(|r| vec![r]).collect();
        for &(x, y) in joined {
            let rows = std::mem::take(&mut groups[y as usize]);
            groups[x as usize].extend(rows);
        }
        groups.retain(|g| !g.is_empty());
        let a = attribute(&mut groups, &norms, (&raw, &sources()), apart, &|_| false);
        groups.retain(|g| g.iter().any(|&r| (r as usize) < ours));
        (groups, a)
    }

    fn with(groups: &[Vec<u32>], a: u32, b: u32) -> bool {
        groups.iter().any(|g| g.contains(&a) && g.contains(&b))
    }

    /// The adopted book's row of a buyer known only from invoices goes to the customer its
    /// name names when that customer is new this week (the clerk typed it in), not when it was
    /// in last week's book already (which did not name the buyer then); to a customer of last
    /// week's book when a new row of it has the buyer's tax code.
    #[test]
    fn a_buyer_of_the_adopted_book_joins_only_a_customer_with_new_rows() {
        let norms = crate::normalize::test_rows(&[
            "Công ty TNHH Công nghệ Gia Hà|02366355712|||",
            "Công ty TNHH Công nghệ Gia Hà||||0403502066",
        ]);
        let mut raw = vec![RawRow::new(0, 2), RawRow::new(0, 3)];
        raw[1].push(Role::CustomerId, "KH000002");
        raw[1].push(Role::Kind, "Tổ chức (chỉ có trên hóa đơn)");
        for (settled, joined) in [(false, true), (true, false)] {
            let mut groups = vec![vec![0], vec![1]];
            let a = attribute(
                &mut groups,
                &norms,
                (&raw, &sources()),
                &FxHashSet::default(),
                &|r| settled || r == 1,
            );
            assert_eq!(with(&groups, 0, 1), joined, "settled {settled}: {groups:?}");
            assert_eq!(a.by_row.contains_key(&1), joined);
        }
        // A customer of last week's book with a new row: its tax code on the new row names the
        // buyer; its name does not (last week's book had it too).
        for (new_row, joined) in [
            ("Cty TNHH Công nghệ Gia Hà||||0403502066", true),
            ("Cty TNHH Công nghệ Gia Hà|0905111222|||", false),
        ] {
            let norms = crate::normalize::test_rows(&[
                "Công ty TNHH Công nghệ Gia Hà|02366355712|||",
                "Công ty TNHH Công nghệ Gia Hà||||0403502066",
                new_row,
            ]);
            let raw = [raw[0].clone(), raw[1].clone(), RawRow::new(0, 4)];
            let mut groups = vec![vec![0, 2], vec![1]];
            attribute(
                &mut groups,
                &norms,
                (&raw, &sources()),
                &FxHashSet::default(),
                &|r| r < 2,
            );
            assert_eq!(with(&groups, 0, 1), joined, "{new_row}: {groups:?}");
        }
    }

    /// Nor is it a new question for the accountant when every customer it could be was in
    /// last week's book (last week's question, if there was one, is asked again apart).
    #[test]
    fn a_buyer_of_the_adopted_book_is_asked_about_only_with_new_candidates() {
        let norms = crate::normalize::test_rows(&[
            "Công ty TNHH Hiệp Thái|02458774377||22B Bạch Mai, Hà Nội|",
            "Công ty TNHH Hiệp Thái|02839935294||13B Bạch Đằng, Quận 1, TP HCM|",
            "Công ty TNHH Hiệp Thái||||0319251946",
        ]);
        let mut raw = vec![RawRow::new(0, 2), RawRow::new(0, 3), RawRow::new(0, 4)];
        raw[2].push(Role::CustomerId, "KH000003");
        raw[2].push(Role::Kind, "Tổ chức (chỉ có trên hóa đơn)");
        for (settled, asked) in [(false, true), (true, false)] {
            let mut groups = vec![vec![0], vec![1], vec![2]];
            let a = attribute(
                &mut groups,
                &norms,
                (&raw, &sources()),
                &FxHashSet::default(),
                &|r| settled || r == 2,
            );
            assert_eq!(groups.len(), 3, "{groups:?}");
            assert_eq!(a.candidates.contains_key(&2), asked, "settled {settled}");
        }
    }

    /// An invoice the accountant was asked about last week and did not answer is asked about
    /// again, last week's candidates first (those still customers), this week's after them.
    #[test]
    fn an_unanswered_invoice_keeps_last_weeks_candidates() {
        let raw: Vec<RawRow> = (0..4u32)
            .map(|i| RawRow::new(u32::from(i == 3), i + 2))
            .collect();
        let groups = vec![vec![0], vec![1], vec![2], vec![3]];
        let ids = ["KH000001", "KH000002", "KH000003"];
        let last: Vec<String> = ["KH000002", "KH000009", "KH000001"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let ask = |out: &mut Attributions| {
            ask_again(
                &groups,
                out,
                &raw,
                &sources(),
                &|r| (r == 3).then_some(last.as_slice()),
                &|r| ids.get(r as usize).copied(),
            )
        };
        let mut out = Attributions::default();
        out.candidates.insert(3, vec![2, 1]);
        ask(&mut out);
        assert_eq!(
            out.candidates[&3],
            vec![1, 0, 2],
            "KH000009 is no customer now"
        );
        // Decided since: not asked again.
        let mut out = Attributions::default();
        out.not_in_book.insert(3);
        ask(&mut out);
        assert!(out.candidates.is_empty());
    }

    /// The walk-ins' share is of all the persons' invoice lines, those already inside a
    /// customer among them (last week's attributions, claimed back by the adopted book's
    /// «Nguồn»): the week after, the bound is the first week's, not that of the walk-ins left.
    #[test]
    fn lines_inside_customers_count_for_the_walk_ins_share() {
        let norms = crate::normalize::test_rows(&[
            "Trần Minh Tùng|0912345678|||",
            "Trần Minh Tùng||||",
            "Trần Minh Tùng||||",
            "Lê Văn Tám||||",
        ]);
        let line = |r: u32| r > 0;
        let by_name: FxHashMap<&str, Vec<usize>> = [(norms[0].name_key.as_str(), vec![0])]
            .into_iter()
            .collect();
        let each_alone = [vec![0], vec![1], vec![2], vec![3]];
        let week1 = invoices_bound(
            &each_alone,
            &norms,
            &[false, true, true, true],
            &line,
            &by_name,
        );
        let inside = [vec![0, 1, 2], vec![3]];
        let week2 = invoices_bound(&inside, &norms, &[false, true], &line, &by_name);
        assert_eq!(week1, week2);
        assert!(
            week2 > walk_in_bound(1, 1),
            "one walk-in of three lines, not of one"
        );
    }

    #[test]
    fn a_unique_name_or_tax_code_names_the_buyer() {
        let (g, a) = run(
            &[
                "Trần Minh Tùng|0912345678|||",
                "Công ty TNHH Hòa Phát|0283822123|||0101248141",
            ],
            &["Trần Minh Tùng||||", "Cty TNHH Hoà Phát||||0101248141"],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(with(&g, 1, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::TaxCode));
    }

    /// A listing that gives the buyer's address: in another province than the customer's, the
    /// name alone names nobody (a namesake, or a move: the accountant's); in the same province
    /// (or one merged into it in 2025), or under the customer's tax code, it does.
    #[test]
    fn a_buyer_written_in_another_province_is_the_accountants() {
        let book = [
            "Trần Minh Tùng|0912345678||94 Phan Bội Châu, Diễn Châu, Nghệ An|",
            "Công ty TNHH Hòa Phát|0283822123||1 Nguyễn Huệ, Quận 1, TP.HCM|0101248141",
            "Lê Thị Bích Vân|0912345679||5 Yersin, Thủ Dầu Một, Bình Dương|",
        ];
        let (g, a) = run(
            &book,
            &[
                "Trần Minh Tùng|||12 Trần Hưng Đạo, Quận 1, TP Hồ Chí Minh|",
                "Trần Minh Tùng|||Vinh, Nghệ An|",
                "Công ty TNHH Hòa Phát|||Hà Nội|0101248141",
                "Lê Thị Bích Vân|||Thủ Đức, TP Hồ Chí Minh|",
            ],
        );
        assert!(!with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), None);
        assert_eq!(
            a.candidates.get(&3),
            Some(&vec![0]),
            "listed with the customer"
        );
        assert_eq!(a.by_row.get(&4), Some(&Evidence::UniqueName));
        assert_eq!(a.by_row.get(&5), Some(&Evidence::TaxCode));
        assert_eq!(
            a.by_row.get(&6),
            Some(&Evidence::UniqueName),
            "Bình Dương is HCMC now"
        );
    }

    #[test]
    fn every_name_of_one_buyer_is_asked_about() {
        let book = [
            "Cửa hàng Điện nước Hồng Sương|0398515523||259 Hậu Giang, P.11, Q3, TP.HCM|",
            "Cửa hàng Hồng Sương|0398515523||259 Hậu Giang, P.11, quận 3, Tp.HCM|",
            "CH Phụ tùng xe máy Hồng Sương|0780059539||578A Phan Chu Trinh, Đà Lạt, Lâm Đồng|",
        ];
        // One buyer under one tax code the book does not hold, written under two names that
        // name two customers: the accountant's, with both.
        let (g, a) = run_joined(
            &book,
            &[(0, 1), (3, 4)],
            &[
                "CH Điện nước Hồng Sương||||5875077985",
                "CH Phụ tùng xe máy Hồng Sương||||5875077985",
            ],
        );
        assert!(!with(&g, 0, 3) && !with(&g, 2, 3), "{g:?}");
        let listed = a.candidates.get(&3).cloned().unwrap_or_default();
        assert!(listed.contains(&0) && listed.contains(&2), "{listed:?}");
        // A name shortened («CH Hồng Sương», the first customer's second row) beside the whole
        // name of the second: the whole name says who.
        let (g, a) = run_joined(
            &book,
            &[(0, 1), (3, 4)],
            &[
                "CH Hồng Sương||||5875077985",
                "CH Phụ tùng xe máy Hồng Sương||||5875077985",
            ],
        );
        assert!(with(&g, 2, 3) && !with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::UniqueName));
        // The whole name nobody in the book has: the shortened one, which one customer has.
        let (g, _) = run_joined(
            &["Cửa hàng Hiển Thịnh|0903123456||12 Lê Lợi, Quận 1, TP.HCM|"],
            &[(1, 2)],
            &[
                "CỬA HÀNG GẠO HIỂN THỊNH||||5875077985",
                "Cửa hàng Hiển Thịnh||||5875077985",
            ],
        );
        assert!(with(&g, 0, 1) && with(&g, 0, 2), "{g:?}");
        // Two names of one customer: that customer.
        let (g, a) = run_joined(
            &book,
            &[(0, 1), (3, 4)],
            &[
                "CH Phụ tùng xe máy Hồng Sương||||5875077985",
                "Cửa hàng Phụ tùng xe máy Hồng Sương||||5875077985",
            ],
        );
        assert!(with(&g, 2, 3) && with(&g, 2, 4), "{g:?}");
        assert_eq!(a.by_row.get(&4), Some(&Evidence::UniqueName));
    }

    /// A shop named for its owner («Cửa hàng Gạo Nhung») under a tax code the customer's rows
    /// do not hold is the accountant's: the sign is many shops'. Without a tax code, or under
    /// the customer's own, or as a brand of its own, the name says who.
    #[test]
    fn an_owners_shop_under_a_new_tax_code_is_the_accountants() {
        let book = [
            "Cửa hàng Gạo Nhung|0258 353 0510||48 Phạm Văn Đồng, Nha Trang, Khánh Hòa|",
            "CH Điện thoại Thị Hà|0802922721||12 Lê Lợi, Quận 1, TP.HCM|0330734270",
            "Cửa hàng Tạp hóa Hảo Tín|0906605161||5 Lê Duẩn, Quận 1, TP.HCM|",
        ];
        let (g, a) = run(
            &book,
            &[
                "CỬA HÀNG GẠO NHUNG||||0317304832",
                "Cửa hàng Điện thoại Thị Hà||||0330734270",
                "CỬA HÀNG TẠP HÓA HẢO TÍN||||0306605161",
            ],
        );
        assert!(!with(&g, 0, 3), "{g:?}");
        assert!(!a.by_row.contains_key(&3), "{:?}", a.by_row);
        assert_eq!(a.candidates.get(&3), Some(&vec![0]));
        assert_eq!(a.by_row.get(&4), Some(&Evidence::TaxCode));
        assert!(with(&g, 2, 5), "{g:?}");
        assert_eq!(a.by_row.get(&5), Some(&Evidence::UniqueName));
        // Without a tax code the unique name says who.
        let (g, a) = run(&book, &["Cửa hàng Gạo Nhung||||"]);
        assert!(with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::UniqueName));
        assert!(owners_shop("cua hang dien thoai thi ha"));
        assert!(!owners_shop("cua hang tap hoa hao tin"));
        assert!(!owners_shop("nguyen thi ha"));
    }

    /// Among thirty rice shops named for their owners, «Cửa hàng Gạo Lan» is a sign many
    /// shops carry (Lan is a common name): the one customer of that name is no proof the
    /// buyer is hers. A brand of two words is the shop's own.
    #[test]
    fn a_common_owners_sign_names_nobody_in_particular() {
        let givens = [
            "Hà", "Mai", "Hoa", "Hương", "Trang", "Nga", "Thảo", "Hằng", "Yến", "Hạnh", "Hiền",
            "Nhung", "Loan", "Phương", "Tuấn", "Hùng", "Dũng", "Minh", "Nam", "Sơn", "Hải", "Long",
            "Phong", "Quang", "Thắng", "Tâm", "Vinh", "Bình", "Cường",
        ];
        let mut book: Vec<String> = vec![
            "Cửa hàng Gạo Lan|0901000001||1 Lê Lợi, Quận 1, TP.HCM|".into(),
            "Cửa hàng Gạo Hảo Tín|0901000002||2 Lê Lợi, Quận 1, TP.HCM|".into(),
        ];
        book.extend(
            givens
                .iter()
                .enumerate()
                .map(|(i, g)| format!("Cửa hàng Gạo {g}|0902{i:06}|||")),
        );
        book.extend((0..40).map(|i| format!("Trần Thị Lan|0903{i:06}|||")));
        let book: Vec<&str> = book.iter().map(String::as_str).collect();
        let n = book.len() as u32;
        let (g, a) = run(&book, &["CỬA HÀNG GẠO LAN||||", "Cửa hàng Gạo Hảo Tín||||"]);
        assert!(!with(&g, 0, n), "{g:?}");
        assert_eq!(a.candidates.get(&n), Some(&vec![0]));
        assert!(with(&g, 1, n + 1), "{g:?}");
        // In a book with one rice shop named for its owner, the sign is hers.
        let (g, _) = run(&book[..2], &["CỬA HÀNG GẠO LAN||||"]);
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(sign_trade("cua hang gao lan"), "cua hang gao");
    }

    /// A row of the book with nothing but a name is a buyer without an invoice: the one
    /// customer its name names is asked about beside it, and nothing moves. A name two
    /// customers have, a name no other customer has, a row with anything more than a name, and
    /// a pair a person kept apart ask nothing; an invoice of the name still finds two customers.
    #[test]
    fn a_name_alone_in_the_book_is_asked_about_beside_its_one_customer() {
        let book = [
            "Trần Hữu Vũ|0933333333||5 Trần Phú, Hà Nội|",
            "Trần Hữu Vũ||||",
            "Lê Thị Hoa|0911111111|||",
            "Lê Thị Hoa|0922222222|||",
            "Lê Thị Hoa||||",
            "Phan Thế Quyết||||",
            "Đỗ Minh Triết|0944444444|||",
            "Đỗ Minh Triết||||",
            "Đỗ Minh Triết|||7 Lê Lợi, Huế|",
            "Mạc Văn Khải|||9 Lê Lợi, Huế|",
            "Mạc Văn Khải|0955555555|||",
        ];
        // Rows 6 and 8 one customer (its phone, its address).
        let (g, a) = run_joined(&book, &[(6, 8)], &["TRẦN HỮU VŨ||||"]);
        assert_eq!(a.named_alone, vec![(1, 0), (7, 6)]);
        assert!(!with(&g, 0, 1) && !with(&g, 6, 7), "nothing merged: {g:?}");
        assert_eq!(a.candidates.get(&11), Some(&vec![0, 1]));
        let apart: FxHashSet<(u32, u32)> = [(0, 1)].into_iter().collect();
        let (_, a) = run_apart(&book, &[(6, 8)], &[], &apart);
        assert_eq!(a.named_alone, vec![(7, 6)]);
        // A name many people have names nobody, here as on an invoice.
        let common = common_names();
        let mut book: Vec<&str> = common.iter().map(String::as_str).collect();
        book.push("Nguyễn Văn Bình||||");
        let (_, a) = run(&book, &[]);
        assert!(a.named_alone.is_empty(), "{:?}", a.named_alone);
    }

    #[test]
    fn a_namesake_or_a_close_name_leaves_it_to_the_accountant() {
        let (g, a) = run(
            &[
                "Nguyễn Văn An|0912345678|||",
                "Nguyễn Văn An|0987654321||5 Trần Phú Hà Nội|",
                "Lê Thị Hoa|0911111111|||",
                "Lê Hoa|0922222222|||",
                "Trần Hữu Vũ|0933333333|||",
                "Trần Hữ Vũ|0944444444|||",
            ],
            &["Nguyễn Văn An||||", "Lê Thị Hoa||||", "Trần Hữu Vũ||||"],
        );
        assert_eq!(g.len(), 9, "nothing attributed: {g:?}");
        assert_eq!(a.candidates.get(&6).map(Vec::len), Some(2));
        // The close names are listed beside the one the name fits.
        assert_eq!(a.candidates.get(&7), Some(&vec![2, 3]));
        assert_eq!(a.candidates.get(&8), Some(&vec![4, 5]));
        assert!(a.by_row.is_empty());
    }

    /// Another middle name is another name: "Trần Văn Vũ" in the book does not stop an
    /// invoice to "Trần Hữu Vũ" going to the only customer of that name; a one-word buyer
    /// ("Vũ") names nobody.
    #[test]
    fn another_middle_name_is_not_a_close_name() {
        let (g, a) = run(
            &["Trần Hữu Vũ|0933333333|||", "Trần Văn Vũ|0944444444|||"],
            &["TRẦN HỮU VŨ||||", "Vũ||||"],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(!g.iter().any(|c| c.contains(&3) && c.len() > 1), "{g:?}");
        // "Mạnh" and "Anh" are a keystroke apart folded ("manh", "anh"), not as written.
        let (g, a) = run(
            &[
                "Nguyễn Mạnh Kiên|0933333333|||",
                "Nguyễn Anh Kiên|0944444444|||",
            ],
            &["NGUYỄN MẠNH KIÊN||||", "Nguyen Manh Kien||||"],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        // Typed without marks, the two could be one typo apart: the accountant's case.
        assert!(!with(&g, 0, 3), "{g:?}");
    }

    /// Two hundred persons where "Nguyễn" and "Văn" begin four names in ten and one in seven
    /// is a "Hùng" (rows 0–199).
    fn common_names() -> Vec<String> {
        (0..150)
            .map(|i| {
                format!(
                    "Nguyễn Văn {}|09{i:08}|||",
                    ["Bình", "Cảnh", "Dương"][i % 3]
                )
            })
            .chain((0..50).map(|i| {
                let family = ["Lê", "Phạm", "Hoàng", "Vũ", "Đặng"][i % 5];
                format!("{family} Đức Hùng|08{i:08}|||")
            }))
            .collect()
    }

    /// A name many people have names nobody: in a book where "Nguyễn" and "Văn" begin
    /// four names in ten and one in seven is a "Hùng", one "Nguyễn Văn Hùng" is no evidence;
    /// one "Phan Thế Quyết" is.
    #[test]
    fn a_common_name_is_no_evidence() {
        let mut book = common_names();
        book.push("Nguyễn Văn Hùng|0912345678|||".into());
        book.push("Phan Thế Quyết|0968102343|||".into());
        let book: Vec<&str> = book.iter().map(String::as_str).collect();
        let (g, a) = run(&book, &["Nguyễn Văn Hùng||||", "Phan Thế Quyết||||"]);
        assert!(!with(&g, 200, 202), "{g:?}");
        assert_eq!(a.candidates.get(&202), Some(&vec![200]));
        assert!(with(&g, 201, 203), "{g:?}");
    }

    /// A household business is named after its owner as often as not: «Hộ kinh doanh Nguyễn
    /// Văn Hùng», in a book where that name is common and one customer in thirteen is a
    /// household business, names nobody (many districts have one); «Hộ kinh doanh Phan Thế
    /// Quyết», or one under a sign's name, names its customer. With three household businesses
    /// among four hundred persons, the common name names its one too.
    #[test]
    fn a_household_business_of_a_common_owners_name_is_no_evidence() {
        let persons: Vec<String> = common_names()
            .into_iter()
            .chain([
                "HKD Nguyễn Văn Hùng|0912345678|||".into(),
                "Hộ kinh doanh Phan Thế Quyết|0968102343|||".into(),
                "HKD Phở Hà|0243822111|||".into(),
            ])
            .collect();
        let signs: Vec<String> = ["Minh", "Thanh", "Hồng", "Kim", "Ngọc"]
            .iter()
            .flat_map(|a| {
                ["An", "Phát", "Lộc", "Tài", "Thịnh", "Hưng"]
                    .iter()
                    .map(move |b| {
                        format!(
                            "HKD Tạp hóa {a} {b}|0283822{:03}|||",
                            a.len() * 10 + b.len()
                        )
                    })
            })
            .collect();
        let invoices = [
            "Hộ kinh doanh Nguyễn Văn Hùng||||",
            "HKD Phan Thế Quyết||||",
            "Hộ KD Phở Hà||||",
        ];
        // Thirty household businesses more: 33 of the 433 customers (the filler's included).
        let book: Vec<&str> = persons.iter().chain(&signs).map(String::as_str).collect();
        let first = book.len() as u32;
        let (g, a) = run(&book, &invoices);
        assert!(!with(&g, 200, first), "{g:?}");
        assert_eq!(a.candidates.get(&first), Some(&vec![200]));
        assert!(with(&g, 201, first + 1), "{g:?}");
        assert!(with(&g, 202, first + 2), "{g:?}");
        // Three among four hundred persons: the name names its one.
        let book: Vec<&str> = persons.iter().map(String::as_str).collect();
        let (g, _) = run(&book, &invoices);
        assert!(with(&g, 200, 203), "{g:?}");
    }

    /// The more of the persons' invoices name nobody in the book (walk-in buyers), the rarer a
    /// name must be to name a customer; the share is kept between its bounds.
    #[test]
    fn many_walk_in_buyers_ask_for_rarer_names() {
        let few = walk_in_bound(10, 1000);
        let many = walk_in_bound(400, 1000);
        assert!(many < few, "{many} {few}");
        // One in twenty at least, however many invoices all name somebody; one in two when
        // there are too few invoices to tell.
        assert!((walk_in_bound(0, 100_000) - WRONG_BUYER * 19.0).abs() < 1e-9);
        assert!((walk_in_bound(0, 0) - WRONG_BUYER).abs() < 1e-9);
        assert!((walk_in_bound(900, 1000) - WRONG_BUYER).abs() < 1e-9);
    }

    /// A person's invoice without the tax code the book holds for them (a personal tax code,
    /// or the citizen ID typed in its place) is still theirs; a cooperative's is not.
    #[test]
    fn a_persons_invoice_need_not_carry_their_tax_code() {
        let (g, a) = run(
            &[
                "Lê Thị Chi|0323039886|||040301660843",
                "Hợp tác xã Tây Nguyên|0263822333|||0101248141",
            ],
            &["Lê Thị Chi||||", "Hợp tác xã Tây Nguyên||||"],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert!(!with(&g, 1, 3), "{g:?}");
        // The cooperative is listed for the accountant rather than said to be missing.
        assert_eq!(a.candidates.get(&3), Some(&vec![1]));
    }

    /// The legal form is part of a business name: "DNTN Hà Thành" is not "Công ty TNHH Hà
    /// Thành", so the one does not stand in the way of the other; a name without its legal form
    /// could be either, and a cooperative whose tax code the invoice does not carry is left to
    /// the accountant.
    #[test]
    fn the_legal_form_is_part_of_a_business_name() {
        let (g, a) = run(
            &[
                "Doanh nghiệp tư nhân Hà Thành|0243822111|||",
                "Công ty TNHH Hà Thành|0243822222|||",
                "Hợp tác xã Tây Nguyên|0263822333|||0101248141",
            ],
            &[
                "DNTN Hà Thành||||",
                "HTX Tây Nguyên||||",
                "Cty Hà Thành||||",
            ],
        );
        assert!(with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::UniqueName));
        assert!(!with(&g, 2, 4), "{g:?}");
        // «Cty Hà Thành» may be the TNHH (a company's form left out: listed first), or the
        // private enterprise of that name: the accountant's.
        assert!(!g.iter().any(|c| c.contains(&5) && c.len() > 1), "{g:?}");
        assert_eq!(a.candidates.get(&5), Some(&vec![1, 0]));
    }

    /// A household business is not its owner: an invoice to «HKD Đinh Thị Hương» goes to the
    /// customer written under that form, the person of that name beside it (the owner, or a
    /// namesake) is not in its way; with no customer under the form, the person is the
    /// accountant's case.
    #[test]
    fn a_business_under_its_form_is_not_the_person_of_its_name() {
        let (g, a) = run(
            &[
                "HKD Đinh Thị Hương|0948328991|||",
                "Đinh Thị Hương|0970938972|||",
                "Lê Thành Minh|0973321548|||",
            ],
            &["HKD Đinh Thị Hương||||", "Hộ kinh doanh Lê Thành Minh||||"],
        );
        assert!(with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::UniqueName));
        assert!(!g.iter().any(|c| c.contains(&4) && c.len() > 1), "{g:?}");
        assert_eq!(a.candidates.get(&4), Some(&vec![2]));
    }

    /// Plain «Công ty» is a company's legal form left out: the book's "Công ty Phú Lộc" is the
    /// buyer "Công ty TNHH Phú Lộc" when no company of that name has a form of its own; a
    /// row that leaves the form out is its customer's form ("Kỹ thuật Lotus Việt Nam" of a
    /// joint-stock company); of two that fit, the one under the buyer's own form is the buyer.
    #[test]
    fn a_legal_form_left_out_is_not_another_form() {
        let (g, a) = run(
            &[
                "Công ty Phú Lộc|0292382111|||",
                "CTCP Kỹ thuật Lotus Việt Nam|0243970677|||0125585989",
                "CTY TNHH Kỹ thuật Lotus Việt Nam|0904025109|||",
                "Công ty Cổ phần Vận tải Hoa Việt|0220378504|||",
                "Cty Vận tải Hoa Việt|0977252396|||",
                "Công ty TNHH Thịnh Nam|0760065488|||",
            ],
            &[
                "Công ty TNHH Phú Lộc||||1812379425",
                "Công ty Trách nhiệm hữu hạn Kỹ thuật Lotus Việt Nam||||0216609926",
                "CTCP Vận tải Hoa Việt||||0838796157",
                "Cty TNHH MTV Thịnh Nam||||0172010681",
            ],
        );
        assert!(with(&g, 0, 6), "{g:?}");
        assert_eq!(a.by_row.get(&6), Some(&Evidence::UniqueName));
        assert!(with(&g, 2, 7), "{g:?}");
        assert!(with(&g, 3, 8), "{g:?}");
        // «TNHH MTV» is a form of its own: the book's «TNHH Thịnh Nam» is another company.
        assert!(!with(&g, 5, 9), "{g:?}");
    }

    /// "Công ty Phú Lộc" beside "Công ty Cổ phần Phú Lộc" may be that company: an invoice to
    /// "Công ty TNHH Phú Lộc" is the accountant's. A plain «Công ty» is no cooperative.
    #[test]
    fn a_form_left_out_beside_another_form_is_unsure() {
        let (g, a) = run(
            &[
                "Công ty Phú Lộc|0292382111|||",
                "Công ty Cổ phần Phú Lộc|0292382999|||",
                "Cty Tây Nguyên|0263822333|||",
            ],
            &["Công ty TNHH Phú Lộc||||1812379425", "HTX Tây Nguyên||||"],
        );
        assert!(!g.iter().any(|c| c.contains(&3) && c.len() > 1), "{g:?}");
        assert_eq!(a.candidates.get(&3), Some(&vec![0, 1]));
        assert!(!with(&g, 2, 4), "{g:?}");
    }

    /// An enterprise's full name (legal form and proper name) is its own in the whole country:
    /// an invoice under it is the company's even without the tax code, but not one that leaves
    /// the legal form out.
    #[test]
    fn an_enterprises_full_name_needs_no_tax_code() {
        let (g, a) = run(
            &[
                "Công ty TNHH Dược phẩm Đức Đạt|0254385561|||3500123458",
                "Công ty Cổ phần Sao Mai|0283822444|||0301234563",
            ],
            &["CÔNG TY TNHH DƯỢC PHẨM ĐỨC ĐẠT||||", "Sao Mai||||"],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(!with(&g, 1, 3), "{g:?}");
    }

    proptest::proptest! {
        /// Finding a proper name in any name never panics and gives words of that name.
        #[test]
        fn the_proper_part_is_part_of_the_name(
            name in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ0-9 ,.-]{0,40}",
            // A key is words of the folded name, one space apart (see `Norm::name_key`).
            key in "([a-z]{1,5}( [a-z]{1,5}){0,2})?",
        ) {
            let lower = lower_marked(&name);
            let part = proper_part(&lower, &key);
            proptest::prop_assert!(lower.contains(part));
            let folded = crate::normalize::text::fold_key(part);
            // The key, or its last words when the name shortens its first ("xnk phuc khang").
            let tail = key.ends_with(&format!(" {folded}"));
            proptest::prop_assert!(part == lower.as_str() || folded == key || tail, "{part:?} {key:?}");
        }
    }

    #[test]
    fn tone_marks_that_differ_are_two_names() {
        let (g, a) = run(&["Trương Thị Hà|0845398885|||"], &["Trương Thị Hạ||||"]);
        assert_eq!(g.len(), 2, "{g:?}");
        assert!(a.by_row.is_empty());
        let (g, _) = run(&["Trương Thị Hà|0845398885|||"], &["TRUONG THI HA||||"]);
        assert_eq!(g.len(), 1, "no marks, no evidence against: {g:?}");
        let (g, _) = run(&["Nguyễn Thị Hoà|0845398885|||"], &["NGUYỄN THỊ HÒA||||"]);
        assert_eq!(g.len(), 1, "one name in two tone placements: {g:?}");
        // An organisation's marks are those of its proper name, its legal form written any way.
        let book = ["CÔNG TY TRÁCH NHIỆM HỮU HẠN THƯƠNG MẠI HOÀNG HƯNG|0243822111|||"];
        let (g, _) = run(&book, &["Công ty TNHH Thương mại Hoàng Hưng||||"]);
        assert_eq!(g.len(), 1, "{g:?}");
        let (g, _) = run(&book, &["Công ty TNHH Thương mại Hoàng Hùng||||"]);
        assert_eq!(g.len(), 2, "{g:?}");
        let (g, _) = run(&book, &["Công ty TNHH Thuong mai Hoang Hung||||"]);
        assert_eq!(g.len(), 1, "a proper name without marks: {g:?}");
        // A business word shortened in the book ("TM"): the other words' marks are compared.
        let book = ["Cty TNHH TM Hoàng Hưng|0243822111|||"];
        let (g, _) = run(&book, &["CÔNG TY TNHH THƯƠNG MẠI HOÀNG HƯNG||||0101248141"]);
        assert_eq!(g.len(), 1, "{g:?}");
        let (g, _) = run(&book, &["CÔNG TY TNHH THƯƠNG MẠI HOÀNG HÙNG||||0101248141"]);
        assert_eq!(g.len(), 2, "{g:?}");
        // A word of the proper name folds like a shortened business word's («mại»).
        let book = ["CTY TNHH TM DV Mai Hải|0243334316|||"];
        let (g, _) = run(
            &book,
            &["Cty TNHH Thương mại Dịch vụ Mai Hải||||0152491553"],
        );
        assert_eq!(g.len(), 1, "{g:?}");
        let (g, _) = run(
            &book,
            &["Cty TNHH Thương mại Dịch vụ Mai Hại||||0152491553"],
        );
        assert_eq!(g.len(), 2, "{g:?}");
    }

    /// A customer's rows written with marks spell its name; a row of it typed without marks
    /// does not make another spelling its own. A row whose marks slipped into no syllable
    /// («Kiêt») spells nothing.
    #[test]
    fn a_row_without_marks_does_not_spell_the_name_for_the_others() {
        let book = ["Đặng Hữu Vinh|0706776392|||", "DANG HUU VINH|0706776392|||"];
        let (g, a) = run_joined(&book, &[(0, 1)], &["Đặng Hữu Vĩnh||||"]);
        assert_eq!(g.len(), 2, "{g:?}");
        assert!(a.by_row.is_empty());
        let (g, _) = run_joined(&book, &[(0, 1)], &["ĐẶNG HỮU VINH||||"]);
        assert_eq!(g.len(), 1, "the name as the book spells it: {g:?}");
        let book = [
            "Phạm Đình Kiêt|0850884520|||",
            "Pham Dinh Kiet|0850884520|||",
        ];
        let (g, _) = run_joined(&book, &[(0, 1)], &["Phạm Đình Kiệt||||"]);
        assert_eq!(g.len(), 1, "a slipped mark spells nothing: {g:?}");
    }

    /// A name the invoices give to two enterprises (two tax codes) names neither customer by
    /// itself: the book's customer of that name without a tax code could be either.
    #[test]
    fn a_name_of_two_enterprises_names_no_one() {
        let book = ["Cty TNHH TM Hạnh Hà|0885646090|||"];
        let (g, a) = run(
            &book,
            &[
                "Công ty TNHH Thương mại Hạnh Hà||||0330211552",
                "Công ty TNHH Thương mại Hạnh Hà||||0101976422",
            ],
        );
        assert!(a.by_row.is_empty(), "{g:?}");
        assert_eq!(g.len(), 3, "{g:?}");
        // One enterprise (a branch's code is its head office's and more): the name names it.
        let (g, a) = run(
            &book,
            &[
                "Công ty TNHH Thương mại Hạnh Hà||||0330211552",
                "Công ty TNHH Thương mại Hạnh Hà||||0330211552",
            ],
        );
        assert_eq!(a.by_row.len(), 2, "{g:?}");
    }

    #[test]
    fn a_branch_is_not_its_head_office() {
        let (g, _) = run(
            &["Công ty TNHH Hòa Phát|0283822123|||0101248141"],
            &["Chi nhánh Hà Nội - Công ty TNHH Hòa Phát||||0101248141-001"],
        );
        assert_eq!(g.len(), 2, "{g:?}");
    }

    /// A head office and its branch both in the book: each invoice goes to the one its name
    /// is, by its name alone or by a tax code the book notes for both; the other is no
    /// namesake of it.
    #[test]
    fn a_branch_and_its_head_office_each_get_their_own_invoices() {
        let (g, a) = run(
            &[
                "Công ty TNHH Hòa Phát|0283822123|||0101248141",
                "Công ty TNHH Hòa Phát - Chi nhánh Hà Nội|0243822123|||0101248141",
            ],
            &[
                "Chi nhánh Hà Nội - Công ty TNHH Hòa Phát||||",
                "CÔNG TY TNHH HÒA PHÁT||||0101248141",
                "Công ty TNHH Hòa Phát - CN Hà Nội||||0101248141",
            ],
        );
        assert!(with(&g, 1, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(with(&g, 0, 3), "{g:?}");
        assert_eq!(a.by_row.get(&3), Some(&Evidence::TaxCode));
        assert!(with(&g, 1, 4), "{g:?}");
        assert!(!with(&g, 0, 2) && !with(&g, 0, 4), "{g:?}");
    }

    /// A branch typed without marks in the book («NHAT BINH - CHI NHANH TP. HO CHI MINH»,
    /// shown with its legal form and branch word written out) is the branch an invoice names
    /// with its marks, its branch's tax code, and «và» that the key leaves out.
    #[test]
    fn a_branch_typed_without_marks_gets_its_invoices() {
        let (g, a) = run(
            &[
                "Công ty TNHH Thương mại và Dịch vụ Nhật Bình|0355520494|||0127527439",
                "CONG TY TNHH THUONG MAI VA DICH VU NHAT BINH - CHI NHANH TP. HO CHI MINH|0836525746|||",
            ],
            &[
                "Cty TNHH Thương mại và Dịch vụ Nhật Bình – Chi nhánh TP. Hồ Chí Minh||||0127527439-001",
                "Cty TNHH Thương mại và Dịch vụ Nhật Bình||||0127527439",
            ],
        );
        assert!(with(&g, 1, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(with(&g, 0, 3), "{g:?}");
    }

    /// A branch's name typed without marks and with its trade shortened («Cong ty CP XNK Phuc
    /// Khang CN Ha Noi», the legal form written out with marks) is the branch the invoice
    /// names in full; «Hòa Phát» written with other marks is not.
    #[test]
    fn a_shortened_trade_typed_without_marks_gets_its_invoices() {
        let (g, a) = run(
            &[
                "Cong ty CP XNK Phuc Khang CN Ha Noi|0322554216|||",
                "Công ty CP TM Hoa Phát|0283822123|||",
            ],
            &[
                "CÔNG TY CP XUẤT NHẬP KHẨU PHÚC KHANG - CHI NHÁNH HÀ NỘI||||2378184646-002",
                "Công ty Cổ phần Thương mại Hòa Phát||||",
            ],
        );
        assert!(with(&g, 0, 2), "{g:?}");
        assert_eq!(a.by_row.get(&2), Some(&Evidence::UniqueName));
        assert!(!with(&g, 1, 3), "{g:?}");
        assert_eq!(a.candidates.get(&3), Some(&vec![1]));
    }

    #[test]
    fn the_proper_part_of_a_shortened_trade_is_its_words_written_whole() {
        assert_eq!(
            proper_part(
                "công ty cổ phần xnk phuc khang chi nhánh ha noi",
                "xuat nhap khau phuc khang"
            ),
            "phuc khang"
        );
        assert_eq!(
            proper_part("công ty cp tm hoa phát", "thuong mai hoa phat"),
            "hoa phát"
        );
    }
}
