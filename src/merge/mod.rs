//! Merge: one customer per cluster (survivorship), with a stable `Mã KH`.
//!
//! Field rules a clerk would agree with: rows are ranked most recent activity first, then most
//! complete, then earliest in the files; each field takes the first non-empty value in that
//! rank, preferring text written with Vietnamese diacritics over the same text without. No
//! phone or email is dropped: the extra ones go to "other phones/emails".

pub mod asked;
pub mod attribute;
pub mod book;
pub mod names;
pub mod revenue;

pub use names::NameWords;

use crate::keys::{Fp, Keyer};
use crate::model::{RawRow, Role, Source, SourceKind};
use crate::normalize::name::PartyKind;
use crate::normalize::Norm;
use crate::normalize::Text;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: Text,
    /// Member rows, in file order; `rows[0]` started the customer.
    pub rows: Vec<u32>,
    pub kind: PartyKind,
    pub name: Text,
    /// Row the name was taken from (its original value is shown in a cell note).
    pub name_row: Option<u32>,
    /// Other spellings of the name among the rows (shown in the book as a note).
    pub name_variants: Vec<Text>,
    pub honorific: Option<&'static str>,
    pub contact: Text,
    pub phone: Text,
    pub other_phones: Vec<Text>,
    pub email: Text,
    pub other_emails: Vec<Text>,
    pub address: Text,
    pub address_row: Option<u32>,
    /// Other places the rows give as the address (a customer who moved: the old address),
    /// shown in the book as a note; the same place written shorter or longer is not one.
    pub other_addresses: Vec<Text>,
    pub province: Option<&'static str>,
    pub province_2025: Option<&'static str>,
    pub delivery: Text,
    pub tax: Text,
    pub last_activity: Option<NaiveDate>,
    pub invoices: u32,
    pub note: Text,
    pub no_marketing: bool,
    /// Source rows behind the adopted book's rows of the customer (the book's "Số dòng gốc");
    /// the book adds this run's other rows.
    pub source_rows: u64,
    /// Where the rows came from, carried forward from an adopted book ("file › sheet › row;
    /// …"); the places of this run's other rows are added when written.
    pub provenance: Text,
}

fn has_diacritics(s: &str) -> bool {
    !s.is_ascii()
}

/// The best-written address among the rows' (survivorship; names are chosen by
/// [`names::pick_name`]): a person's edit in the adopted book first; then, among the distinct
/// spellings, the one with diacritics, not one place written with fewer marks than another row
/// writes it («113 Duong Hung Vuong, Phường Cam Phu» beside «Số 113 Hùng Vương, Phường Cam
/// Phú»: the ward's and city's types written out give the bare one marks too), written the
/// same way by the most rows, and the best-ranked (the newest: a customer who moved lives at
/// the new place). Returns the chosen row and value, and the other spellings.
fn pick_address<'a>(
    ranked: &[u32],
    rows: &'a [Norm],
    edited: &(dyn Fn(u32) -> bool + Sync),
) -> Pick<'a> {
    let get = |n: &'a Norm| n.address.as_str();
    if let Some(one) = only_row(ranked, rows, &get) {
        return one;
    }
    let all = spellings(ranked, rows, get);
    let bare_words = |v: &str| {
        v.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
            .filter(|w| typed_bare(w))
            .count()
    };
    // The address the rows' count and rank give; weighed against the others only when it
    // has words typed bare (rarely: most chosen addresses carry their marks).
    let plain = choose(
        all.clone(),
        edited,
        |s| has_diacritics(s.value),
        |s, _| (s.rows, std::cmp::Reverse(s.rank)),
    );
    match plain.0 {
        Some((row, value)) if !edited(row) && bare_words(value) >= 2 => {}
        _ => return plain,
    }
    let marks: Vec<names::WordMarks> = all.iter().map(|s| names::WordMarks::of(s.value)).collect();
    let at = |s: &Spelling| all.iter().position(|x| x.row == s.row).unwrap_or(0);
    let key = |i: usize| rows[all[i].row as usize].addr_key.as_str();
    // Two words at least: one alone is as often another word's marks («Thanh» of «Thanh
    // Hóa» beside «Thành phố»).
    let behind = |s: &Spelling| {
        let i = at(s);
        marks[i].bare() >= 2
            && (0..all.len()).any(|j| {
                j != i && !all[j].value.is_ascii() && {
                    let missing = names::missing_between(&marks[i], &marks[j]);
                    missing >= 2
                        && missing > names::missing_between(&marks[j], &marks[i])
                        && same_place(key(i), key(j))
                }
            })
    };
    choose(
        all.clone(),
        edited,
        |s| has_diacritics(s.value),
        |s, _| (!behind(s), s.rows, std::cmp::Reverse(s.rank)),
    )
}

/// A word typed without the marks it could have: letters, some lower case («Khiem»; «TP»,
/// «HCM», «Q» are abbreviations, a one-letter word says nothing).
fn typed_bare(w: &str) -> bool {
    w.len() > 1
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && w.bytes().any(|b| b.is_ascii_lowercase())
}

/// The value chosen (its row and text) and the other spellings.
type Pick<'a> = (Option<(u32, &'a str)>, Vec<&'a str>);

/// A customer of one row (most customers): nothing to weigh.
fn only_row<'a>(
    ranked: &[u32],
    rows: &'a [Norm],
    get: &impl Fn(&'a Norm) -> &'a str,
) -> Option<Pick<'a>> {
    let [r] = ranked else {
        return None;
    };
    let v = get(&rows[*r as usize]);
    Some(((!v.is_empty()).then_some((*r, v)), Vec::new()))
}

/// One way a value is written among a customer's rows.
#[derive(Debug, Clone, Copy)]
struct Spelling<'a> {
    /// The best-ranked row writing it so.
    row: u32,
    value: &'a str,
    /// Rows writing it so.
    rows: u32,
    /// Rank of `row` among the customer's rows.
    rank: usize,
}

/// The distinct non-empty values of the ranked rows, in rank order of their first row.
fn spellings<'a>(
    ranked: &[u32],
    rows: &'a [Norm],
    get: impl Fn(&'a Norm) -> &'a str,
) -> Vec<Spelling<'a>> {
    let mut out: Vec<Spelling> = Vec::new();
    for (rank, &row) in ranked.iter().enumerate() {
        let value = get(&rows[row as usize]);
        if value.is_empty() {
            continue;
        }
        match out.iter_mut().find(|s| s.value == value) {
            Some(s) => s.rows += 1,
            None => out.push(Spelling {
                row,
                value,
                rows: 1,
                rank,
            }),
        }
    }
    out
}

/// The spelling shown: the first row's when a person edited it (or it is the only one),
/// otherwise the best by `first_cut` and then, among the spellings that cut leaves level, by
/// `key` (given all the spellings: the dearer comparisons are made for the finalists only);
/// with the other spellings, up to five.
fn choose<'a, Q: Ord, K: Ord>(
    spellings: Vec<Spelling<'a>>,
    edited: &(dyn Fn(u32) -> bool + Sync),
    first_cut: impl Fn(&Spelling<'a>) -> Q,
    key: impl Fn(&Spelling<'a>, &[Spelling<'a>]) -> K,
) -> Pick<'a> {
    let Some(first) = spellings.first().copied() else {
        return (None, Vec::new());
    };
    let chosen = if spellings.len() == 1 || edited(first.row) {
        first
    } else {
        let cuts: Vec<Q> = spellings.iter().map(&first_cut).collect();
        let top = cuts.iter().max();
        spellings
            .iter()
            .zip(&cuts)
            .filter(|(_, q)| Some(*q) == top)
            .map(|(s, _)| s)
            .max_by_key(|s| key(s, &spellings))
            .copied()
            .unwrap_or(first)
    };
    let others = spellings
        .iter()
        .map(|s| s.value)
        .filter(|v| *v != chosen.value)
        .take(5)
        .collect();
    (Some((chosen.row, chosen.value)), others)
}

/// The same address written better by another row: every word of the chosen one (folded)
/// is in it, and more of its words carry their marks ("278 Ong Ich Khiem, Hai Chau, Đà Nẵng"
/// beside "278 Ông Ích Khiêm, P. Bình Hiên, Hải Châu, Đà Nẵng": the ward is there too). A
/// newer address with other words (the customer moved) is another address: the choice stands.
fn fuller_spelling<'a>(
    voters: &[u32],
    rows: &'a [Norm],
    row: u32,
    chosen: &'a str,
) -> (u32, &'a str) {
    // Words split at ASCII punctuation and spaces only (every letter with a mark is past
    // ASCII): no Unicode table is read for a million addresses.
    // One row (most customers): no other spelling.
    if voters.len() < 2 {
        return (row, chosen);
    }
    let words = |s: &'a str| s.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric());
    let marked = |s: &'a str| words(s).filter(|w| !w.is_ascii()).count();
    // Most chosen addresses carry every mark they can: nothing to weigh. A word typed without
    // them is letters, some lower case ("Khiem"); "TP", "HCM", "Q" are abbreviations.
    let unmarked = words(chosen).any(typed_bare);
    if !unmarked {
        return (row, chosen);
    }
    // The rows' address keys are their addresses folded, abbreviations written out.
    let mine = KeyWords::of(&rows[row as usize].addr_key);
    let mut best = (row, chosen, marked(chosen));
    for &r in voters {
        let a = rows[r as usize].address.as_str();
        if a.is_empty() || a == best.1 || !mine.within(&rows[r as usize].addr_key) {
            continue;
        }
        let m = marked(a);
        if m > best.2 {
            best = (r, a, m);
        }
    }
    (best.0, best.1)
}

/// The addresses of other places among the rows' (up to three): another house number (or
/// one where the chosen address has none), and not the chosen key's words with some left out
/// or added. One house written two ways ("Số 382 Đường Cao Thắng, …, QN" beside "382 Cao
/// Thắng, …, Tỉnh Quảng Ninh") is one place ([`same_place`]); the same number on the same
/// street in another district or province is another.
fn other_places(voters: &[u32], rows: &[Norm], chosen: Option<u32>) -> Vec<Text> {
    let Some(c) = chosen else {
        return Vec::new();
    };
    let key = rows[c as usize].addr_key.as_str();
    // Most customers stop here: every row's key is the chosen one.
    let maybe_elsewhere = |r: &&u32| {
        let n = &rows[**r as usize];
        let k = n.addr_key.as_str();
        !k.is_empty() && !n.address.is_empty() && k != key
    };
    let mut out: Vec<(Place, &str)> = Vec::new();
    // Keys already weighed: a customer's rows write a few addresses many times over.
    let mut weighed: smallvec::SmallVec<[&str; 8]> = smallvec::SmallVec::new();
    let mut chosen_place: Option<Place> = None;
    for r in voters.iter().filter(maybe_elsewhere) {
        let n = &rows[*r as usize];
        let k = n.addr_key.as_str();
        if weighed.contains(&k) {
            continue;
        }
        weighed.push(k);
        // One other place once, however often and however written; the same house number
        // on the same street in another district is another place.
        let here = Place::of(k);
        let chosen = chosen_place.get_or_insert_with(|| Place::of(key));
        if chosen.same(&here) || out.iter().any(|(o, _)| o.same(&here)) {
            continue;
        }
        out.push((here, n.address.as_str()));
        if out.len() == 3 {
            break;
        }
    }
    out.into_iter().map(|(_, a)| Text::from(a)).collect()
}

/// An address key with its words sorted, read once for every other key it is compared with.
struct Place<'a> {
    key: &'a str,
    words: KeyWords<'a>,
}

impl<'a> Place<'a> {
    fn of(key: &'a str) -> Self {
        Place {
            key,
            words: KeyWords::of(key),
        }
    }

    /// [`same_place`], with the words already read.
    fn same(&self, other: &Place) -> bool {
        self.key == other.key
            || self.words.within(other.key)
            || other.words.within(self.key)
            || same_house_typed_apart(self.key, other.key)
    }
}

/// Whether two address keys are one place written two ways: the words of one all in the
/// other ("12 Lê Lợi, Q.1" in "Số 12 Lê Lợi, Phường Bến Nghé, Quận 1"), or, with the words
/// that only name a unit's type set aside, the same house and the same words ("181A CMT8, F7,
/// Bình Thạnh" and "181A CMT8, Phường 7, Quận Bình Thạnh, TP HCM").
pub(crate) fn same_place(a: &str, b: &str) -> bool {
    a == b || KeyWords::of(a).within(b) || KeyWords::of(b).within(a) || same_house_typed_apart(a, b)
}

/// The same house, and the same words once those that only name a unit's type are set aside.
fn same_house_typed_apart(a: &str, b: &str) -> bool {
    use crate::matching::sig::house_number;
    if house_number(a) != house_number(b) {
        return false;
    }
    let (x, y) = (place_words(a), place_words(b));
    KeyWords::of(&x).within(&y) || KeyWords::of(&y).within(&x)
}

/// The words of an address key (folded words), to ask whether another key has them all.
struct KeyWords<'a>(smallvec::SmallVec<[&'a str; 24]>);

impl<'a> KeyWords<'a> {
    fn of(key: &'a str) -> Self {
        let mut words: smallvec::SmallVec<[&str; 24]> =
            key.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        KeyWords(words)
    }

    /// Every one of these words is a word of `other`: `other` is read once.
    fn within(&self, other: &str) -> bool {
        let n = self.0.len();
        if n > 64 {
            return self.0.iter().all(|w| other.split(' ').any(|t| t == *w));
        }
        let mut seen = 0u64;
        for t in other.split(' ') {
            if let Ok(i) = self.0.binary_search(&t) {
                seen |= 1 << i;
            }
        }
        seen.count_ones() as usize == n
    }
}

/// An invoice's address never wins over a book row's address of the same place: one that has
/// every word of the invoice's ("Số 12 Phố Huế, Hà Nội" is in "Số 12 Phố Huế, Quận Hai Bà
/// Trưng, Hà Nội": the invoice left the district out). The best-ranked such book row's.
fn book_spelling<'a>(
    voters: &[u32],
    rows: &'a [Norm],
    is_invoice: &dyn Fn(u32) -> bool,
    row: u32,
    chosen: &'a str,
) -> (u32, &'a str) {
    let mine = KeyWords::of(&rows[row as usize].addr_key);
    voters
        .iter()
        .filter(|&&r| !is_invoice(r))
        .map(|&r| (r, &rows[r as usize]))
        .find(|(_, n)| !n.address.is_empty() && mine.within(&n.addr_key))
        .map_or((row, chosen), |(r, n)| (r, n.address.as_str()))
}

/// Customers built per parallel task (each task walks its customers in order, the rows of the
/// ones ahead brought into the cache: [`survive_all`]).
const CUSTOMERS_PER_TASK: usize = 1024;

/// [`survive`] for every cluster, in order, on every core. Most of a customer's time is spent
/// waiting for its rows (the second row of a customer is anywhere among a million): the rows
/// of the customer two ahead are brought into the cache, and what their text points to one
/// ahead, while this one is built (the merge stage at 1M rows: 4.2–4.6 → 3.6–3.9 s of CPU;
/// built twice in a row, a customer of several rows took half as long the second time).
pub fn survive_all(
    groups: &[Vec<u32>],
    rows: &[Norm],
    raw: &[RawRow],
    sources: &[Source],
    people: &People<'_>,
    seen: &[bool],
    words: &NameWords,
) -> Vec<Customer> {
    use rayon::prelude::*;
    let n = groups.len();
    (0..n)
        .into_par_iter()
        .with_min_len(CUSTOMERS_PER_TASK)
        .map(|i| {
            if let Some(g) = groups.get(i + 2) {
                for &r in g {
                    crate::cache::prefetch(&rows[r as usize]);
                    crate::cache::prefetch(&raw[r as usize]);
                }
            }
            if let Some(g) = groups.get(i + 1) {
                for &r in g {
                    prefetch_text(&rows[r as usize], &raw[r as usize]);
                }
            }
            survive(groups[i].clone(), rows, raw, sources, people, seen, words)
        })
        .collect()
}

/// What a row's values point to: its text on the heap (the struct itself is fetched first).
fn prefetch_text(n: &Norm, raw: &RawRow) {
    use crate::cache::{prefetch_raw, prefetch_str};
    for s in [
        &n.name,
        &n.name_key,
        &n.address,
        &n.addr_key,
        &n.contact,
        &n.delivery,
    ] {
        prefetch_str(s);
    }
    if !n.phones.is_empty() {
        prefetch_raw(
            n.phones.as_ptr().cast(),
            std::mem::size_of_val(&n.phones[..]),
        );
    }
    if let Some(e) = n.emails.first() {
        prefetch_raw(
            n.emails.as_ptr().cast(),
            std::mem::size_of_val(&n.emails[..]),
        );
        prefetch_str(e);
    }
    if let Some(r) = &n.rare {
        crate::cache::prefetch(&**r);
    }
    prefetch_str(raw.text());
}

/// What people said of a customer's rows: the adopted book's rows a person changed (the newest
/// information: they rank before all others), and the invoice lines a person gave to the
/// customer (the accountant's decision: the buyer's tax code on them may be the customer's).
/// And the tax codes clerks typed in the book's rows (`typed_tax`): a code a clerk gave
/// another customer is not this one's for an invoice's say; and those this run's invoice
/// lines carry (`lines_tax`): a code the book took from invoices last week stays while its
/// lines are not read, or are still the customer's.
pub struct People<'a> {
    pub edited: &'a (dyn Fn(u32) -> bool + Sync),
    pub gave: &'a (dyn Fn(u32) -> bool + Sync),
    pub typed_tax: &'a (dyn Fn(&str) -> bool + Sync),
    pub lines_tax: &'a (dyn Fn(&str) -> bool + Sync),
}

impl People<'static> {
    /// Nobody edited a row, gave an invoice or typed a tax code; no invoice line read.
    pub const NOBODY: People<'static> = People {
        edited: &|_| false,
        gave: &|_| false,
        typed_tax: &|_| false,
        lines_tax: &|_| false,
    };
}

/// Builds one customer from its member rows (which it keeps: they are the cluster's list),
/// without its id, by what `people` said of them.
///
/// `seen` marks rows read in an earlier week under this customer (`IdAssignment::seen`; empty
/// for none): beside the adopted book's row of their customer they have had their say — the
/// book's name, address and email are what they came to, a clerk's edit included — and do not
/// vote again, so the book with the same listing or old ledger read again comes back as it was.
pub fn survive(
    members: Vec<u32>,
    rows: &[Norm],
    raw: &[RawRow],
    sources: &[Source],
    people: &People<'_>,
    seen: &[bool],
    words: &NameWords,
) -> Customer {
    let edited = people.edited;
    let adopted = |r: u32| book::is_adopted_row(&raw[r as usize]);
    let ranked = rank(&members, rows, edited, &adopted);
    let voters = voting_rows(&members, &ranked, seen, &adopted);
    let noted_rows = noted_rows(&members, &voters);
    let is_invoice = |r: u32| sources[raw[r as usize].source as usize].kind == SourceKind::Invoices;
    let name = shown_name(&ranked, &voters, rows, raw, edited, words, &is_invoice);
    let address = shown_address(&voters, rows, edited, &is_invoice);
    // The name shown, folded: the mailbox that spells it is the customer's.
    let name_key = name.row.map_or("", |r| rows[r as usize].name_key.as_str());
    let (phones, emails) = contacts(&voters, &ranked, rows, raw, edited, name_key);
    let first = |get: &dyn Fn(&Norm) -> &str| -> Text {
        ranked
            .iter()
            .map(|&r| get(&rows[r as usize]))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
            .into()
    };
    let province = province_shown(address, &ranked, rows, raw);
    let carried = Carried::of(&members, raw);
    let book = |r: u32, role: Role| raw[r as usize].get(role);
    // An organisation's «Xưng hô» is its contact person's (said there by normalisation).
    let honorific = (name.kind == PartyKind::Person)
        .then(|| honorific_shown(&voters, &ranked, rows, raw, &adopted))
        .flatten();
    let counted_invoices = counted_invoices(&members, raw, &is_invoice);
    // The adopted book's row of a buyer known only from invoices says what the invoices said.
    let from_invoices = |r: u32| is_invoice(r) || book::is_invoice_placeholder(&raw[r as usize]);
    let tax = tax_code(&ranked, (rows, raw), &from_invoices, people);
    Customer {
        id: Text::default(),
        source_rows: carried.source_rows,
        provenance: carried.provenance.into(),
        kind: name.kind,
        name: name.text,
        name_row: name.row,
        name_variants: name.variants,
        honorific,
        contact: first(&|n| n.contact.as_str()),
        phone: phones.first().map(|&s| Text::from(s)).unwrap_or_default(),
        other_phones: phones.iter().skip(1).map(|&s| Text::from(s)).collect(),
        email: emails.first().map(|&s| Text::from(s)).unwrap_or_default(),
        other_emails: emails.iter().skip(1).map(|&s| Text::from(s)).collect(),
        address: address.map(|(_, v)| Text::from(v)).unwrap_or_default(),
        address_row: address.map(|(r, _)| r),
        other_addresses: other_places(&voters, rows, address.map(|(r, _)| r)),
        province: province.map(|p| p.name),
        province_2025: province.map(|p| p.merged_2025),
        delivery: delivery_shown(first(&|n| n.delivery.as_str()), address),
        tax: tax.chosen.into(),
        last_activity: members.iter().filter_map(|&r| rows[r as usize].date).max(),
        // The book's count, or this run's listings when they show more (the same listing read
        // again must not count twice).
        invoices: counted_invoices.max(carried.invoices),
        note: all_notes(&noted_rows, &voters, rows, raw, &tax).into(),
        no_marketing: members.iter().any(|&r| {
            rows[r as usize].no_marketing || crate::ingest::book::is_yes(book(r, Role::NoMarketing))
        }),
        rows: members,
    }
}

/// The rows that vote on the customer's values, best-ranked first: all of them, but for rows
/// read in an earlier week when the adopted book's row of their customer is among them (see
/// [`survive`]'s `seen`): the book's row already says what they came to.
fn voting_rows(
    members: &[u32],
    ranked: &[u32],
    seen: &[bool],
    adopted: &dyn Fn(u32) -> bool,
) -> Vec<u32> {
    if !seen.is_empty() && members.iter().any(|&r| adopted(r)) {
        ranked
            .iter()
            .copied()
            .filter(|&r| adopted(r) || !seen.get(r as usize).copied().unwrap_or(false))
            .collect()
    } else {
        ranked.to_vec()
    }
}

/// The rows whose notes are gathered: the voting rows, in file order.
fn noted_rows(members: &[u32], voters: &[u32]) -> Vec<u32> {
    // The notes come from the same rows, in file order: a part the clerk deleted from the
    // adopted book does not come back from a ledger read in an earlier week.
    if voters.len() == members.len() {
        members.to_vec()
    } else {
        members
            .iter()
            .copied()
            .filter(|r| voters.contains(r))
            .collect()
    }
}

/// The name a customer shows, with what it decides: the kind of party and the other
/// spellings noted beside it.
struct ShownName {
    kind: PartyKind,
    text: Text,
    /// The row the name was taken from.
    row: Option<u32>,
    variants: Vec<Text>,
}

/// The customer's name ([`names::pick_name`] over the voting rows), the kind of party it
/// makes, and the other spellings; a company's name no row writes whole is put together from
/// its rows. One step, as the kind and the spellings noted follow from the name chosen.
fn shown_name(
    ranked: &[u32],
    voters: &[u32],
    rows: &[Norm],
    raw: &[RawRow],
    edited: &(dyn Fn(u32) -> bool + Sync),
    words: &NameWords,
    is_invoice: &dyn Fn(u32) -> bool,
) -> ShownName {
    // Person names come from the customer book first; an organisation's legal name is best on
    // its invoices.
    let kind = rows[ranked[0] as usize].kind;
    let person = kind == PartyKind::Person;
    let cased = |r: u32| names::typed_with_case(raw[r as usize].get(Role::Name));
    let (name, name_variants) = if person && voters.len() > 1 {
        // Book rows first, each group in rank order (a stable sort).
        let mut name_rank = voters.to_vec();
        name_rank.sort_by_key(|&r| is_invoice(r));
        names::pick_name(&name_rank, rows, edited, words, &cased)
    } else {
        names::pick_name(voters, rows, edited, words, &cased)
    };
    // The customer is what its shown name is: a company's legal name chosen over a row that
    // read as a person's («Sunrise Việt Nam» typed bare) makes an organisation, so the book's
    // «Loại» says what its name does and reads back the same.
    let kind = name.map_or(kind, |(r, _)| rows[r as usize].kind);
    // No row writes a company's name whole: put together from its rows (the spelling chosen
    // stays among the others); the words the rules left in capitals as a row typed them.
    let whole = name
        .filter(|&(r, _)| !edited(r) && !name_variants.is_empty())
        .and_then(|(r, chosen)| {
            let whole = names::whole_org_name(r, voters, rows);
            let shown = whole.as_deref().unwrap_or(chosen);
            names::cased_words(shown, r, voters, rows, &cased).or(whole)
        });
    let name_variants: Vec<Text> = match (&whole, name) {
        (Some(_), Some((_, chosen))) => std::iter::once(chosen)
            .chain(name_variants)
            .map(Text::from)
            .collect(),
        _ => name_variants.into_iter().map(Text::from).collect(),
    };
    ShownName {
        kind,
        text: whole
            .map(Text::from)
            .or_else(|| name.map(|(_, v)| Text::from(v)))
            .unwrap_or_default(),
        row: name.map(|(r, _)| r),
        variants: name_variants,
    }
}

/// The address shown and its row: [`pick_address`]'s, then, unless a person edited it, the
/// same place as written by a book row when an invoice's was chosen ([`book_spelling`]), or
/// with more of its marks ([`fuller_spelling`]).
fn shown_address<'a>(
    voters: &[u32],
    rows: &'a [Norm],
    edited: &(dyn Fn(u32) -> bool + Sync),
    is_invoice: &dyn Fn(u32) -> bool,
) -> Option<(u32, &'a str)> {
    let (address, _) = pick_address(voters, rows, edited);
    address.map(|(r, a)| {
        if edited(r) {
            (r, a)
        } else if is_invoice(r) {
            book_spelling(voters, rows, is_invoice, r, a)
        } else {
            fuller_spelling(voters, rows, r, a)
        }
    })
}

/// The honorific shown («Anh», «Bà»): the first a voting row gives, else the first any row's
/// «Danh xưng» cell gives; chosen by the rows that vote, as the name is.
fn honorific_shown(
    voters: &[u32],
    ranked: &[u32],
    rows: &[Norm],
    raw: &[RawRow],
    adopted: &dyn Fn(u32) -> bool,
) -> Option<&'static str> {
    let book = |r: u32, role: Role| raw[r as usize].get(role);
    // As the name: the rows that vote, the adopted book's «Danh xưng» as its row's own (a
    // ledger read again beside the adopted book does not turn «Bà» into its «Chị»).
    voters
        .iter()
        .find_map(|&r| {
            rows[r as usize].honorific().or_else(|| {
                adopted(r)
                    .then(|| honorific_of(book(r, Role::Honorific)))
                    .flatten()
            })
        })
        .or_else(|| {
            ranked
                .iter()
                .find_map(|&r| honorific_of(book(r, Role::Honorific)))
        })
}

/// The invoices this run's listings show for the customer, counted apart from the book's own
/// count, which the customer keeps when it is more.
pub(super) fn counted_invoices(
    members: &[u32],
    raw: &[RawRow],
    is_invoice: &dyn Fn(u32) -> bool,
) -> u32 {
    let book = |r: u32, role: Role| raw[r as usize].get(role);
    // An invoice on several lines of a listing (one per VAT rate) is one invoice.
    revenue::invoice_starts(
        members
            .iter()
            .filter(|&&r| is_invoice(r))
            .map(|&r| (0, book(r, Role::InvoiceSeries), book(r, Role::InvoiceNo))),
    )
    .iter()
    .sum()
}

/// The delivery address shown: the best-ranked row's, written out as the address shown when
/// it says «như trên» (the row it pointed to is merged away).
fn delivery_shown(delivery: Text, address: Option<(u32, &str)>) -> Text {
    // "NT" / "như trên" kept as typed (its row had no contact address) means the address
    // the customer has now.
    match address {
        Some((_, a))
            if !delivery.is_empty() && crate::normalize::address::means_same_address(&delivery) =>
        {
            a.into()
        }
        _ => delivery,
    }
}

/// The customer's note: the rows' own parts and office codes, then the invoices' other tax
/// codes, then the other contact persons and delivery addresses; one step, as each adds to
/// the note the one before wrote.
fn all_notes(
    noted_rows: &[u32],
    voters: &[u32],
    rows: &[Norm],
    raw: &[RawRow],
    tax: &Tax<'_>,
) -> String {
    noting_others(
        noting_invoice_taxes(notes(noted_rows, rows, raw), tax),
        &[
            (OTHER_CONTACT, &|n: &Norm| n.contact.as_str()),
            (OTHER_DELIVERY, &|n: &Norm| n.delivery.as_str()),
        ],
        voters,
        rows,
    )
}

/// Rows by how much they are to be believed: a person's edit of the adopted book first, then
/// the newest, then the most complete. (Most customers have one row: nothing to rank.)
fn rank(
    members: &[u32],
    rows: &[Norm],
    edited: &(dyn Fn(u32) -> bool + Sync),
    adopted: &dyn Fn(u32) -> bool,
) -> Vec<u32> {
    let completeness = |n: &Norm| {
        [
            !n.name.is_empty(),
            !n.phones.is_empty(),
            !n.emails.is_empty(),
            !n.address.is_empty(),
            n.tax.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    };
    use std::cmp::Reverse;
    let mut ranked: Vec<u32> = members.to_vec();
    if ranked.len() < 2 {
        return ranked;
    }
    // Each row's place read once (a company's hundreds of invoice lines are sorted too).
    ranked.sort_by_cached_key(|&r| {
        let n = &rows[r as usize];
        (
            Reverse(edited(r)),
            Reverse(n.date),
            // At one date, the adopted book's row (what earlier weeks came to, a clerk's edit
            // among it) before the older rows it was made from, read again beside it.
            Reverse(adopted(r)),
            Reverse(completeness(n)),
            r,
        )
    });
    ranked
}

/// Every phone and email of the rows, the one to use first.
/// `voters` are the rows whose emails are counted (see [`survive`]'s `seen`).
/// Numbers read from an adopted book's row, put in the order its cells' `digits` show them.
/// Each is found without the leading «0» that a number cell loses (digits «911028360
/// 2253314596»: «02253314596» found whole would start at the last «0» of the mobile, ahead of
/// it), and where no other number was found: the longer first, each at its first place
/// free («02887531461; 0976099986; 0887531461»: «887531461», an old «08» number read as a
/// mobile, is also inside the landline that is its new form, and comes last as shown).
fn in_cell_order(shown: &mut [&str], digits: &str) {
    let mut by_length: Vec<usize> = (0..shown.len()).collect();
    by_length.sort_by_key(|&i| std::cmp::Reverse(shown[i].len()));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut at = vec![usize::MAX; shown.len()];
    for i in by_length {
        let significant = shown[i].strip_prefix('0').unwrap_or(shown[i]);
        if significant.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(k) = digits.get(from..).and_then(|d| d.find(significant)) {
            let (start, end) = (from + k, from + k + significant.len());
            if taken.iter().all(|&(a, b)| end <= a || start >= b) {
                taken.push((start, end));
                at[i] = start;
                break;
            }
            from = start + 1;
        }
    }
    let mut order: Vec<(usize, &str)> = at.into_iter().zip(shown.iter().copied()).collect();
    order.sort_by_key(|&(k, _)| k);
    for (slot, (_, p)) in shown.iter_mut().zip(order) {
        *slot = p;
    }
}

fn contacts<'r>(
    voters: &[u32],
    ranked: &[u32],
    rows: &'r [Norm],
    raw: &[RawRow],
    edited: &(dyn Fn(u32) -> bool + Sync),
    name_key: &str,
) -> (Vec<&'r str>, Vec<&'r str>) {
    let mut phones: Vec<&str> = Vec::new();
    let mut emails: Vec<&str> = Vec::new();
    for &r in ranked {
        let n = &rows[r as usize];
        // Mobiles before landlines: the first phone is the one to call; an adopted book's row
        // keeps the order it shows.
        if book::is_adopted_row(&raw[r as usize]) {
            // In the order the book's cells show them (a number's readings are kept together
            // when it is read, so an ambiguous "08…" beside its new form would move up).
            let digits: String = raw[r as usize]
                .get(Role::Phone)
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let mut shown: Vec<&str> = n
                .phones
                .iter()
                .filter(|p| !p.hidden)
                .map(|p| p.national.as_str())
                .collect();
            in_cell_order(&mut shown, &digits);
            for p in shown {
                if !phones.contains(&p) {
                    phones.push(p);
                }
            }
            add_emails(n, &mut emails);
            continue;
        }
        for mobile in [true, false] {
            for p in n.phones.iter().filter(|p| !p.hidden && p.mobile == mobile) {
                if !phones.contains(&p.national.as_str()) {
                    phones.push(&p.national);
                }
            }
        }
        add_emails(n, &mut emails);
    }
    // The email to write to comes first: not at a mail service's name typed wrong
    // («gmial.com», «gmail.con», «gmail.com.vn»), the one most rows agree on (a one-off typo of a newer row does
    // not become the address to write to), then the one the adopted book wrote first, then
    // the one whose mailbox spells more of the
    // customer's name («quyetnv88» beside «quetnv88» for Nguyễn Văn Quyết); the others keep
    // their rank order.
    if emails.len() > 1 && !edited(ranked[0]) {
        let votes = |e: &str| {
            voters
                .iter()
                .filter(|&&r| rows[r as usize].emails.iter().any(|x| x.as_str() == e))
                .count()
        };
        let typo = |e: &str| crate::normalize::email::domain_typo(e);
        let spells = |e: &str| {
            let mailbox = e.split('@').next().unwrap_or("").to_ascii_lowercase();
            name_key
                .split(' ')
                .filter(|w| w.len() > 1 && mailbox.contains(w))
                .count()
        };
        // The email the cleaned book wrote first, its row adopted: the last run's choice, which
        // a tie of votes (its one row holding all of them) must not undo.
        let book_chose = |e: &str| {
            voters.iter().any(|&r| {
                book::is_adopted_row(&raw[r as usize])
                    && rows[r as usize]
                        .emails
                        .first()
                        .is_some_and(|x| x.as_str() == e)
            })
        };
        let best = (0..emails.len())
            .max_by_key(|&i| {
                let e = emails[i];
                (
                    !typo(e),
                    votes(e),
                    book_chose(e),
                    spells(e),
                    std::cmp::Reverse(i),
                )
            })
            .unwrap_or(0);
        let e = emails.remove(best);
        emails.insert(0, e);
    }
    (phones, emails)
}

/// Adds a row's emails not yet listed.
fn add_emails<'r>(n: &'r Norm, emails: &mut Vec<&'r str>) {
    for e in &n.emails {
        if !emails.contains(&e.as_str()) {
            emails.push(e);
        }
    }
}

/// The province of the address shown, so that reading the book back gives the same one.
fn province_shown(
    address: Option<(u32, &str)>,
    ranked: &[u32],
    rows: &[Norm],
    raw: &[RawRow],
) -> Option<&'static crate::normalize::address::Province> {
    address
        .and_then(|(r, _)| row_province(r, rows, raw))
        .or_else(|| ranked.iter().find_map(|&r| row_province(r, rows, raw)))
        .or_else(|| {
            ranked.iter().find_map(|&r| {
                let carried = raw[r as usize].get(Role::Province);
                (!carried.is_empty())
                    .then(|| crate::normalize::address::find_province(carried))
                    .flatten()
            })
        })
}

/// The province a row names. An adopted book's row whose contact address names none (its
/// province read from its delivery address) names the one the book showed for the customer:
/// that came from a row the book stands for now («Phú Thọ» written on the old ledger's row,
/// the delivery address still saying «Vĩnh Phúc»), and the book read again shows it again. A
/// contact address that names a province (a clerk's edit) says it itself.
fn row_province(
    r: u32,
    rows: &[Norm],
    raw: &[RawRow],
) -> Option<&'static crate::normalize::address::Province> {
    let own = rows[r as usize].province;
    let raw = &raw[r as usize];
    let carried = raw.get(Role::Province).trim();
    if carried.is_empty() || own.is_some_and(|p| p.name == carried) || !book::is_adopted_row(raw) {
        return own;
    }
    let address = raw.get(Role::Address);
    if !address.is_empty() && crate::normalize::address::find_province(address).is_some() {
        return own;
    }
    crate::normalize::address::find_province(carried).or(own)
}

/// The notes of the rows, each part once, and the office's own codes its rows carried in a `Mã KH`
/// column ("Mã KH cũ: DN00418"): the book's `Mã KH` is sokhach's id, and the office's code
/// must not be lost with the column it was in.
fn notes(members: &[u32], rows: &[Norm], raw: &[RawRow]) -> String {
    // Each part once: the adopted book's cell joins its rows' notes with "; ", and those rows,
    // read again beside it, bring the parts back one by one.
    let mut v: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for &r in members {
        for part in rows[r as usize].note().split("; ").map(str::trim) {
            // "Khách quen" and "khách quen" are one note.
            if !part.is_empty()
                && !v
                    .iter()
                    .any(|n| n == part || n.to_lowercase() == part.to_lowercase())
            {
                v.push(part.into());
            }
        }
    }
    for &r in members {
        let code = raw[r as usize].get(Role::CustomerId).trim();
        if !code.is_empty() && !book::is_sokhach_id(code) {
            let code = format!("{OFFICE_CODE}: {code}");
            if !v.iter().any(|n| n.contains(code.as_str())) {
                v.push(code.into());
            }
        }
    }
    v.join("; ")
}

/// The customer's tax code ([`tax_code`]), whether it was taken from invoices, and the other
/// codes the invoices carry.
struct Tax<'r> {
    chosen: &'r str,
    taken: bool,
    others: Vec<&'r str>,
}

/// The customer's tax code: the book's (a household's code in the book stays when an invoice
/// attributed by name carries the owner's citizen ID), the best-ranked; without one, an
/// invoice's when a person gave the invoice to the customer or the customer is a buyer known
/// only from invoices. Else a code the invoices say, attributed by the buyer's name (last
/// week's, as the adopted book wrote it, first): *taken* from them, and said so in the note
/// ([`TAX_TAKEN`]) — in the adopted book it is the invoices' word, not a clerk's, and does not
/// merge the customer with the company that has the code ([`book::taken_tax`]); a code a clerk
/// typed for another customer is not taken. Also the other codes the invoices carry, noted.
fn tax_code<'r>(
    ranked: &[u32],
    (rows, raw): (&'r [Norm], &'r [RawRow]),
    is_invoice: &dyn Fn(u32) -> bool,
    people: &People<'_>,
) -> Tax<'r> {
    let tax = |r: &u32| rows[*r as usize].tax.as_ref().map(|t| t.as_str());
    let book_rows = ranked.iter().filter(|&&r| !is_invoice(r));
    let invoices_only = book_rows.clone().next().is_none();
    let lines = || ranked.iter().filter(|&&r| is_invoice(r));
    let said = (book_rows.filter_map(tax))
        .chain(
            lines()
                .filter(|&&r| invoices_only || (people.gave)(r))
                .filter_map(tax),
        )
        .next();
    // Last week's code while its lines are this customer's or not read, then this week's.
    let taken = || {
        (ranked.iter())
            .filter_map(|&r| book::taken_tax(&raw[r as usize]))
            .filter(|&t| !(people.lines_tax)(t) || lines().filter_map(tax).any(|l| l == t))
            .chain(lines().filter_map(tax))
            .find(|t| !(people.typed_tax)(t))
    };
    let (chosen, taken) = match said {
        Some(t) => (t, false),
        None => taken().map_or(("", false), |t| (t, true)),
    };
    let mut others: Vec<&str> = Vec::new();
    for t in lines().filter_map(tax) {
        if t != chosen && !others.contains(&t) {
            others.push(t);
        }
    }
    Tax {
        chosen,
        taken,
        others,
    }
}

/// The notes with the tax code taken from invoices said — in the place last week's book said
/// it, which goes when it no longer holds — and the invoices' other tax codes (or citizen
/// IDs), once each.
fn noting_invoice_taxes(note: String, tax: &Tax<'_>) -> String {
    let mut taken = tax.taken.then(|| format!("{TAX_TAKEN}: {}", tax.chosen));
    if !note.contains(TAX_TAKEN) && taken.is_none() && tax.others.is_empty() {
        return note;
    }
    let mut parts: Vec<String> = Vec::new();
    for part in note.split("; ").filter(|p| !p.is_empty()) {
        if !part.starts_with(TAX_TAKEN) {
            parts.push(part.to_string());
        } else if let Some(said) = taken.take() {
            parts.push(said);
        }
    }
    parts.extend(taken);
    for t in &tax.others {
        let part = format!("{INVOICE_TAX}: {t}");
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join("; ")
}

/// A row's value of one field.
type Getter<'a> = &'a dyn Fn(&Norm) -> &str;

/// The contact persons and delivery addresses of the customer's rows other than the one the
/// book shows ("Người liên hệ khác: Chị Ngọc (kế toán)"), once each, in the notes: merging rows
/// must not drop what a clerk typed in one of them. The same person ("Ông Phát - thủ kho",
/// "Hoàng Quang Phát") or the same place written otherwise is not another; three of each at
/// most, as for addresses.
fn noting_others(
    mut note: String,
    fields: &[(&str, Getter<'_>)],
    ranked: &[u32],
    rows: &[Norm],
) -> String {
    if ranked.len() < 2 {
        return note;
    }
    for (label, get) in fields {
        let contact = *label == OTHER_CONTACT;
        let mut values = ranked
            .iter()
            .map(|&r| (r, get(&rows[r as usize])))
            .filter(|(_, v)| !v.is_empty());
        let Some((shown_row, shown)) = values.next() else {
            continue;
        };
        // Parsed only for a value written otherwise than those before it; a delivery address
        // that is the row's matching address (a web order's, or the contact address) has its
        // key already.
        let canon = |r: u32, v: &str| {
            if contact {
                let n = crate::normalize::name::parse_name(v);
                (n.family, n.given, n.key)
            } else {
                let n = &rows[r as usize];
                let key = if n.address.is_empty() || n.address.as_str() == v {
                    n.addr_key.to_string()
                } else {
                    crate::normalize::address::parse_address(v).key
                };
                (String::new(), String::new(), key)
            }
        };
        let same = |a: &(String, String, String), b: &(String, String, String)| {
            if a.2 == b.2 {
                return true;
            }
            if contact {
                // One person: the same given name, and the same family name where both have one.
                !a.1.is_empty() && a.1 == b.1 && (a.0.is_empty() || b.0.is_empty() || a.0 == b.0)
            } else {
                same_place(&a.2, &b.2)
            }
        };
        let mut seen: Vec<&str> = vec![shown];
        let mut known = Vec::new();
        let mut noted = 0;
        for (r, v) in values {
            if seen.contains(&v) {
                continue;
            }
            seen.push(v);
            // "như trên" (the contact address) is none.
            if !contact && crate::normalize::address::means_same_address(v) {
                continue;
            }
            if known.is_empty() {
                known.push(canon(shown_row, shown));
            }
            let c = canon(r, v);
            if c.2.is_empty() || known.iter().any(|k| same(k, &c)) {
                continue;
            }
            known.push(c);
            crate::normalize::push_note_part(&mut note, &format!("{label}: {v}"));
            noted += 1;
            if noted == 3 {
                break;
            }
        }
    }
    note
}

/// An address key without the words that name a unit's type ("quan", "phuong", "f", "thanh
/// pho"…; not "duong", also the last word of "Bình Dương"): "181A CMT8, Phường 7, Quận Bình
/// Thạnh" and "181A CMT8, F7, Bình Thạnh, TP HCM" are one place.
fn place_words(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while i < words.len() {
        let next = words.get(i + 1).copied().unwrap_or("");
        match (words[i], next) {
            ("thanh", "pho") | ("thi", "xa") | ("thi", "tran") => {
                i += 2;
                continue;
            }
            // "Số 12": "so" only before a number.
            ("so", n) if n.starts_with(|c: char| c.is_ascii_digit()) => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if !matches!(
            words[i],
            "phuong"
                | "quan"
                | "huyen"
                | "xa"
                | "tinh"
                | "tp"
                | "tx"
                | "tt"
                | "f"
                | "p"
                | "q"
                | "h"
                | "x"
        ) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(words[i]);
        }
        i += 1;
    }
    out
}

/// How another contact person and another delivery address of a customer's rows are noted in
/// the book (one form in both languages: the note is data, read back next week).
pub const OTHER_CONTACT: &str = "Người liên hệ khác";
pub const OTHER_DELIVERY: &str = "Giao hàng khác";
/// How another place a customer's rows give as the address is noted (see `output::book`).
pub const OTHER_ADDRESS: &str = "Địa chỉ khác";

/// How an invoice's tax code other than the customer's is noted in the book (one form in both
/// languages: the note is data, read back next week).
pub const INVOICE_TAX: &str = "MST/CCCD trên hóa đơn";

/// How the book says its tax code was taken from invoices attributed by the buyer's name, not
/// typed by a clerk nor given by a person ([`tax_code`]); read back by [`book::taken_tax`] (one
/// form in both languages: the note is data).
pub const TAX_TAKEN: &str = "MST lấy từ hóa đơn";

/// How the office's own customer code is noted in the book's notes (one form in both
/// languages: the note is data, read back next week).
pub const OFFICE_CODE: &str = "Mã KH cũ";

/// The adopted book's derived columns, carried forward.
struct Carried {
    source_rows: u64,
    provenance: String,
    invoices: u32,
}

impl Carried {
    fn of(members: &[u32], raw: &[RawRow]) -> Carried {
        let book = |r: u32, role: Role| raw[r as usize].get(role);
        let count = |s: &str| s.trim().parse::<u64>().ok();
        let mut source_rows = 0u64;
        let mut provenance: Vec<&str> = Vec::new();
        let mut invoices = 0u32;
        for &r in members {
            // A row of the adopted book stands for the rows it lists; the writer adds this
            // run's other rows (those the book does not list already).
            source_rows += count(book(r, Role::SourceRows)).unwrap_or(0);
            let p = book(r, Role::Provenance);
            if !p.is_empty() && !provenance.contains(&p) {
                provenance.push(p);
            }
            invoices = invoices.max(count(book(r, Role::InvoiceCount)).unwrap_or(0) as u32);
        }
        Carried {
            source_rows,
            provenance: provenance.join("; "),
            invoices,
        }
    }
}

/// The book's "Danh xưng" cell as the name parser's canonical honorific ("anh" → "Anh").
fn honorific_of(cell: &str) -> Option<&'static str> {
    crate::normalize::name::honorific_cell(cell).map(|(h, _)| h)
}

/// A row's other key ([`other_key`]), and whether an id was merged into another customer (an
/// alias the state keeps).
pub type ByOtherKey<'a> = (&'a dyn Fn(u32) -> Option<Fp>, &'a dyn Fn(&str) -> bool);

/// Stable ids: a cluster keeps the id any of its rows had last week (the oldest, when rows of
/// several old customers now join: the others become aliases); new clusters get the next
/// number. Clusters are visited in file order, so the same inputs give the same ids.
pub struct IdAssignment {
    pub ids: Vec<String>,
    /// Fingerprints whose customer is new or changed, with the customer's index in `ids`.
    pub new_fps: Vec<(Fp, u32)>,
    pub aliases: Vec<(String, String)>,
    pub next_id: u64,
    /// Per row: its fingerprint was already known under the id its customer has now (a row
    /// read in an earlier week, the same invoice listing read again). Empty on a first run.
    pub seen: Vec<bool>,
}

/// `given` holds the id the adopted book names for a row (already known to the state): it
/// comes before any id the row's fingerprint had.
///
/// `other_key` gives a row's other key ([`other_key`]): a customer none of whose rows the
/// state knows by their keys this week takes the id one of them was known by under the other
/// («Lê Hoài Sương» of the ledger, known by her fingerprint, told apart by her spelling the week
/// the web's «Le Hoai Suong» of the same number and house joins her).
pub fn assign_ids(
    groups: &[Vec<u32>],
    fps: &[Fp],
    known: &HashMap<Fp, String>,
    given: &rustc_hash::FxHashMap<u32, String>,
    (other_key, merged_away): ByOtherKey<'_>,
    mut next_id: u64,
) -> IdAssignment {
    // Ids already given this run. Only old ids are looked up in it, so on a first run (nothing
    // known) it stays empty.
    let mut taken: rustc_hash::FxHashSet<String> = Default::default();
    let mut ids = Vec::with_capacity(groups.len());
    let mut new_fps = Vec::new();
    let mut aliases = Vec::new();
    let mut seen = if known.is_empty() {
        Vec::new()
    } else {
        vec![false; fps.len()]
    };
    // Ids the adopted book gives to rows this run: each is its own customer's (two rows of the
    // book naming one id are one customer). Another customer's row may have the same
    // fingerprint as one of theirs (two "Nguyễn Văn Minh Hưng" with nothing else written):
    // that fingerprint's id is not this customer's to take, nor to alias.
    let alive: rustc_hash::FxHashSet<&String> = given.values().collect();
    let shared = shared_fingerprints(groups, fps);
    let key = |r: u32, gi: usize| occurrence_key(&shared, fps[r as usize], gi as u32);
    for (gi, g) in groups.iter().enumerate() {
        // An id merged into another customer since is not this one's to take back: a row of
        // that key here (a name alone, a namesake's typed in) would join that customer through
        // the alias the week its book is adopted.
        let ours = |id: &&String| {
            (!alive.contains(id) && !merged_away(id)) || g.iter().any(|r| given.get(r) == Some(*id))
        };
        let mut olds: Vec<&String> = if known.is_empty() {
            Vec::new()
        } else {
            g.iter()
                .filter_map(|&r| known.get(&key(r, gi)))
                .filter(ours)
                .collect()
        };
        if olds.is_empty() && !known.is_empty() {
            olds = (g.iter())
                .filter_map(|&r| other_key(r).and_then(|k| known.get(&k)))
                .filter(ours)
                .collect();
        }
        olds.sort_by(|a, b| id_order(a).cmp(&id_order(b)));
        if !given.is_empty() {
            let mut named: Vec<&String> = g.iter().filter_map(|r| given.get(r)).collect();
            named.sort_by(|a, b| id_order(a).cmp(&id_order(b)));
            named.extend(olds);
            olds = named;
        }
        // (Kept in order: the first id not yet taken wins.)
        let mut seen_ids: Vec<&String> = Vec::with_capacity(olds.len());
        olds.retain(|id| {
            let fresh = !seen_ids.contains(id);
            if fresh {
                seen_ids.push(id);
            }
            fresh
        });
        let id = match olds.iter().find(|id| !taken.contains(id.as_str())) {
            Some(id) => (*id).clone(),
            None => {
                let id = format!("KH{next_id:06}");
                next_id += 1;
                id
            }
        };
        for old in &olds {
            if **old != id && !taken.contains(old.as_str()) {
                aliases.push(((*old).clone(), id.clone()));
            }
        }
        for &r in g {
            let fp = key(r, gi);
            if known.get(&fp) != Some(&id) {
                new_fps.push((fp, gi as u32));
            } else if let Some(s) = seen.get_mut(r as usize) {
                *s = true;
            }
        }
        if !known.is_empty() || !given.is_empty() {
            taken.insert(id.clone());
        }
        ids.push(id);
    }
    // One id per fingerprint; identical rows kept apart by a decision take the smaller id.
    new_fps.par_sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| ids[a.1 as usize].cmp(&ids[b.1 as usize]))
    });
    new_fps.dedup_by(|a, b| a.0 == b.0);
    IdAssignment {
        ids,
        new_fps,
        aliases,
        next_id,
        seen,
    }
}

/// The fingerprints whose rows are in several customers (namesakes with nothing else written,
/// kept apart), each with those customers (indexes into `groups`, ascending: file order).
fn shared_fingerprints(groups: &[Vec<u32>], fps: &[Fp]) -> rustc_hash::FxHashMap<Fp, Vec<u32>> {
    let mut pairs: Vec<(Fp, u32)> = (groups.iter().enumerate())
        .flat_map(|(gi, g)| g.iter().map(move |&r| (fps[r as usize], gi as u32)))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut shared: rustc_hash::FxHashMap<Fp, Vec<u32>> = Default::default();
    for run in pairs
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        shared.insert(run[0].0, run.iter().map(|p| p.1).collect());
    }
    shared
}

/// The key a customer's row is remembered under: its fingerprint, or, for the k-th customer
/// (k ≥ 1, in file order) of a fingerprint several customers share, the fingerprint's k-th
/// derivation — so that each namesake keeps its own id when the same rows are read again (one
/// key for all made the second take a new id each week, and then the first take the second's).
fn occurrence_key(shared: &rustc_hash::FxHashMap<Fp, Vec<u32>>, fp: Fp, group: u32) -> Fp {
    let k = match shared
        .get(&fp)
        .and_then(|gs| gs.iter().position(|&g| g == group))
    {
        None | Some(0) => return fp,
        Some(k) => k as u64,
    };
    let mut h = blake3::Hasher::new();
    h.update(b"occurrence");
    h.update(&fp);
    h.update(&k.to_le_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&h.finalize().as_bytes()[..16]);
    out
}

/// "KH000012" sorts by its number, so the oldest id wins.
fn id_order(id: &str) -> (usize, &str) {
    (id.len(), id)
}

/// The row fingerprint: a row's normalised identity, independent of where it sits in a file.
pub fn row_fingerprint(keyer: &Keyer, n: &Norm) -> Fp {
    // The parts as `Keyer::fp` joins them (a million rows: no strings built on the way).
    // Fingerprints live in the state store across weeks, so these bytes must never change.
    use std::fmt::Write as _;
    let mut phones = compact_str::CompactString::default();
    for (i, p) in n.phones.iter().enumerate() {
        if i > 0 {
            phones.push(',');
        }
        let _ = write!(phones, "{}", p.key);
    }
    let mut emails = compact_str::CompactString::default();
    for (i, e) in n.emails.iter().enumerate() {
        if i > 0 {
            emails.push(',');
        }
        emails.push_str(e);
    }
    let tax = n.tax.as_ref().map(|t| t.as_str()).unwrap_or("");
    keyer.fp(&[
        "row",
        &n.name_key,
        &phones,
        &emails,
        tax,
        n.contact_addr_key(),
        n.invoice_no(),
    ])
}

/// Rows that share a fingerprint but write the name with other marks («Nguyễn Hung» of an old
/// sheet, «Nguyễn Hùng» of the book, one number and one address): the fingerprint folds the
/// marks away, and the two may be two customers (another given name, or one the matching keeps
/// apart), of which the state could keep only one id — the other came back each week under a
/// new one. Each is known by its name as written too (lower case); rows whose names read the
/// same keep the fingerprint the state knows them by. Invoice lines are told apart by
/// [`tell_invoices_apart`].
pub fn tell_spellings_apart(fps: &mut [Fp], norms: &[Norm], keyer: &Keyer) {
    let invoice = |n: &Norm| !n.invoice_no().is_empty() || n.amount().is_some();
    let spelt = |n: &Norm| n.name.to_lowercase();
    // Rows in fingerprint order (both cores): the rows of one fingerprint are side by side.
    let mut order: Vec<(Fp, u32)> = fps
        .par_iter()
        .enumerate()
        .filter(|&(i, _)| !invoice(&norms[i]) && !norms[i].name.is_empty())
        .map(|(i, fp)| (*fp, i as u32))
        .collect();
    order.par_sort_unstable();
    let mut rekey = Vec::new();
    for run in order.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
        let first = &norms[run[0].1 as usize];
        let differ = run[1..].iter().any(|&(_, r)| {
            let n = &norms[r as usize];
            n.name != first.name && spelt(n) != spelt(first)
        });
        if differ {
            rekey.extend(run.iter().map(|&(_, r)| r));
        }
    }
    for r in rekey {
        let i = r as usize;
        fps[i] = keyer.fp(&["spelt", &crate::keys::hex(&fps[i]), &spelt(&norms[i])]);
    }
}

/// Rows the state knows by their other key: a row told apart by its spelling one week (it
/// shared its fingerprint with a row writing the name with other marks) and not the next,
/// or the other way round — the web row «Dang Hang» beside a book row «Đặng Hằng» of one
/// number and address, next to the adopted book's row the week after. Read again under the
/// customer it was known by, it was read before: not listed, counted or voting again.
pub fn seen_by_other_key(
    ids: &mut IdAssignment,
    groups: &[Vec<u32>],
    fps: &[Fp],
    norms: &[Norm],
    known: &HashMap<Fp, String>,
    keyer: &Keyer,
) {
    if ids.seen.is_empty() {
        return;
    }
    for (g, id) in groups.iter().zip(&ids.ids) {
        for &r in g {
            let i = r as usize;
            if ids.seen[i] {
                continue;
            }
            let other = other_key(keyer, &norms[i], fps[i]);
            if other.is_some_and(|other| known.get(&other) == Some(id)) {
                ids.seen[i] = true;
            }
        }
    }
}

/// A row's other key: its spelling's ([`tell_spellings_apart`]) or, for an invoice line, its
/// date and amount's ([`tell_invoices_apart`]) when it goes by its fingerprint; its
/// fingerprint when it goes by the other. None for a row without a name that is no invoice
/// line (never told apart).
pub fn other_key(keyer: &Keyer, n: &Norm, fp: Fp) -> Option<Fp> {
    let invoice = !n.invoice_no().is_empty() || n.amount().is_some();
    if !invoice && n.name.is_empty() {
        return None;
    }
    let plain = row_fingerprint(keyer, n);
    Some(if fp != plain {
        plain
    } else if invoice {
        line_key(keyer, fp, n)
    } else {
        let spelt = n.name.to_lowercase();
        keyer.fp(&["spelt", &crate::keys::hex(&plain), &spelt])
    })
}

/// An invoice line's key by its date and amount beside its fingerprint.
fn line_key(keyer: &Keyer, fp: Fp, n: &Norm) -> Fp {
    let date = n.date.map(|d| d.to_string()).unwrap_or_default();
    let amount = n.amount().map(|a| a.to_string()).unwrap_or_default();
    keyer.fp(&["line", &crate::keys::hex(&fp), &date, &amount])
}

/// Invoice lines that share a fingerprint but are two invoices: a listing numbers its invoices
/// again each year, so «Lê Hữu Giang», invoice 0000176 of 2022 and of 2025, are two lines of
/// one buyer's name, maybe two buyers. Each of them is known by its date and amount too (one
/// invoice listed twice stays one). Other lines keep the fingerprint the state knows them by.
pub fn tell_invoices_apart(fps: &mut [Fp], norms: &[Norm], keyer: &Keyer) {
    let invoice = |n: &Norm| !n.invoice_no().is_empty() || n.amount().is_some();
    let mut seen: rustc_hash::FxHashMap<Fp, (u32, bool)> = rustc_hash::FxHashMap::default();
    for (i, n) in norms.iter().enumerate() {
        if !invoice(n) {
            continue;
        }
        let line = (n.date, n.amount());
        seen.entry(fps[i])
            .and_modify(|(first, shared)| {
                let f = &norms[*first as usize];
                *shared |= (f.date, f.amount()) != line;
            })
            .or_insert((i as u32, false));
    }
    if seen.values().all(|&(_, shared)| !shared) {
        return;
    }
    for (i, n) in norms.iter().enumerate() {
        if invoice(n) && seen.get(&fps[i]).is_some_and(|&(_, shared)| shared) {
            fps[i] = line_key(keyer, fps[i], n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The adopted book's row keeps the order its cells show, also when a number cell lost the
    /// phones' leading zeros («911028360» beside «2253314596»: found whole, «02253314596» would
    /// start at the mobile's last «0», ahead of it).
    #[test]
    fn the_books_phone_order_holds_without_leading_zeros() {
        for cell in ["911028360 / 2253314596", "0911028360 / 02253314596"] {
            let spec = format!("Lê Thị Cúc|{cell}|||");
            let mut raw = crate::normalize::test_raw_rows(&[spec.as_str()]);
            raw[0].push(Role::CustomerId, "KH000110");
            let ctx = crate::normalize::test_context();
            let norms = vec![crate::normalize::normalize_row(
                &raw[0],
                0,
                &ctx,
                &mut Vec::new(),
            )];
            let (phones, _) = contacts(&[0], &[0], &norms, &raw, &|_| false, "le thi cuc");
            assert_eq!(phones, ["0911028360", "02253314596"], "{cell}");
        }
    }

    /// Two invoices of one buyer's name and one number (numbered again each year) are two
    /// lines, each known by its date and amount; one invoice listed twice stays one, and other
    /// rows keep their fingerprint.
    #[test]
    fn invoices_numbered_alike_are_told_apart() {
        use crate::model::{RawRow, Role};
        let ctx = crate::normalize::test_context();
        let row = |name: &str, no: &str, date: &str, amount: &str| {
            let mut r = RawRow::new(0, 0);
            r.push(Role::Name, name);
            if !no.is_empty() {
                r.push(Role::InvoiceNo, no);
                r.push(Role::Date, date);
                r.push(Role::Amount, amount);
            }
            crate::normalize::normalize_row(&r, 0, &ctx, &mut Vec::new())
        };
        let norms = vec![
            row("LÊ HỮU GIANG", "0000176", "12/08/2022", "1193000"),
            row("Lê Hữu Giang", "0000176", "02/04/2025", "10318000"),
            row("LÊ HỮU GIANG", "0000176", "12/08/2022", "1193000"),
            row("Lê Hữu Giang", "", "", ""),
            row("Lê Hữu Giang", "", "", ""),
            row("Trần Văn An", "0000177", "12/08/2022", "500000"),
        ];
        let keyer = Keyer::new([5; 32]);
        let before: Vec<Fp> = norms.iter().map(|n| row_fingerprint(&keyer, n)).collect();
        assert_eq!(before[0], before[1], "one name, one number");
        let mut fps = before.clone();
        tell_invoices_apart(&mut fps, &norms, &keyer);
        assert_ne!(fps[0], fps[1], "two invoices");
        assert_eq!(fps[0], fps[2], "one invoice listed twice");
        assert_eq!(fps[3..], before[3..], "the others as the state knows them");
    }

    /// Two rows of one fingerprint whose names are written with other marks («Nguyễn Hung»,
    /// «Nguyễn Hùng»: one number, one address) may be two customers: each is known by its name
    /// as written too. Names that read the same (case aside) keep the fingerprint.
    #[test]
    fn spellings_of_one_fingerprint_are_told_apart() {
        let norms = crate::normalize::test_rows(&[
            "Nguyễn Hung|031.372.7170||165 đường Nguyễn Văn Linh, P.Phan Bội Châu, Quận Hồng Bàng, Hải Phòng|",
            "Nguyễn Hùng|0225 372 7170||165 Nguyễn Văn Linh, P. Phan Bội Châu, Quận Hồng Bàng, Hải Phòng|",
            "NGUYỄN HÙNG|0225 372 7170||165 Nguyễn Văn Linh, P. Phan Bội Châu, Quận Hồng Bàng, Hải Phòng|",
            "Trần Văn An|0912345678|||",
            "TRẦN VĂN AN|0912345678|||",
        ]);
        let keyer = Keyer::new([5; 32]);
        let before: Vec<Fp> = norms.iter().map(|n| row_fingerprint(&keyer, n)).collect();
        assert_eq!(before[0], before[1], "the marks are folded away");
        let mut fps = before.clone();
        tell_spellings_apart(&mut fps, &norms, &keyer);
        assert_ne!(fps[0], fps[1], "two spellings");
        assert_eq!(fps[1], fps[2], "one spelling in two cases");
        assert_eq!(fps[3..], before[3..], "the others as the state knows them");
    }

    /// Fingerprints are stored across weeks: the bytes hashed are the parts joined as
    /// `Keyer::fp` joins them, phones and emails each joined by commas.
    #[test]
    fn row_fingerprint_keeps_its_byte_format() {
        let dir = tempfile::tempdir().unwrap();
        let _ = dir;
        let keyer = crate::state::Store::ephemeral().unwrap().keyer();
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Văn An|0912345678 / 024 3825 1234|an@x.vn; an2@y.vn|12 Lê Lợi, Q.1, TP.HCM|0101248141",
        ]);
        let n = &rows[0];
        assert_eq!(n.phones.len(), 2);
        assert_eq!(n.emails.len(), 2);
        let phones: Vec<String> = n.phones.iter().map(|p| p.key.to_string()).collect();
        let emails: Vec<&str> = n.emails.iter().map(|e| e.as_str()).collect();
        let want = keyer.fp(&[
            "row",
            &n.name_key,
            &phones.join(","),
            &emails.join(","),
            n.tax.as_ref().map(|t| t.as_str()).unwrap_or(""),
            n.contact_addr_key(),
            n.invoice_no(),
        ]);
        assert_eq!(row_fingerprint(&keyer, n), want);
    }

    /// An invoice attributed by its buyer's name says who bought: a tax code it brings to a
    /// customer whose book rows have none is *taken* from it, and said so; a person's decision,
    /// or a customer known only from invoices, gives the code; the book's own code wins; a code
    /// a clerk typed for another customer is not taken. The adopted book's row says which code
    /// it took ([`book::taken_tax`]): a clerk's edit of the code makes it the book's.
    #[test]
    fn a_tax_code_taken_from_an_invoice_attributed_by_name_is_said_so() {
        let rows = crate::normalize::test_rows(&[
            "Công ty TNHH Kim Thành|0274 334 6849|||",
            "Công ty TNHH Kim Thành||||0181392187",
            "Công ty TNHH Kim Thành|0274 334 6849|||0101248141",
        ]);
        let raw: Vec<RawRow> = (0..3).map(|i| RawRow::new(0, i + 2)).collect();
        let line = |r: u32| r == 1;
        let pick = |ranked: &[u32], gave: &(dyn Fn(u32) -> bool + Sync), typed: bool| {
            let typed_tax = move |t: &str| typed && t == "0181392187";
            let people = People {
                edited: &|_| false,
                gave,
                typed_tax: &typed_tax,
                lines_tax: &|_| false,
            };
            let t = tax_code(ranked, (&rows, &raw), &line, &people);
            (t.chosen.to_string(), t.taken, t.others.join(","))
        };
        let (nobody, person) = (|_: u32| false, |r: u32| r == 1);
        let c = |s: &str, taken: bool, o: &str| (s.to_string(), taken, o.to_string());
        assert_eq!(pick(&[0, 1], &nobody, false), c("0181392187", true, ""));
        assert_eq!(pick(&[0, 1], &person, false), c("0181392187", false, ""));
        assert_eq!(pick(&[1], &nobody, false), c("0181392187", false, ""));
        assert_eq!(
            pick(&[2, 1], &person, false),
            c("0101248141", false, "0181392187")
        );
        assert_eq!(pick(&[0, 1], &nobody, true), c("", false, "0181392187"));
        let note = |n: &str, tax: &str| {
            let mut r = RawRow::new(0, 2);
            r.set(Role::CustomerId, "KH000001");
            r.set(Role::TaxCode, tax);
            r.set(Role::Note, n);
            r
        };
        let taken = note("giảm 5%; MST lấy từ hóa đơn: 0181392187", "0181392187");
        assert_eq!(book::taken_tax(&taken), Some("0181392187"));
        // Last week's taken code stays while its lines are not read, and goes when they are
        // read and are another customer's.
        let adopted = [taken.clone(), raw[1].clone()];
        for (read, want) in [(false, "0181392187"), (true, "")] {
            let lines_tax = move |t: &str| read && t == "0181392187";
            let people = People {
                lines_tax: &lines_tax,
                ..People::NOBODY
            };
            let t = tax_code(&[0], (&rows, &adopted), &line, &people);
            assert_eq!((t.chosen, t.taken), (want, !read), "read: {read}");
        }
        let edited = note("MST lấy từ hóa đơn: 0181392187; giảm 5%", "0101248141");
        assert_eq!(book::taken_tax(&edited), None);
        assert_eq!(book::taken_tax(&note("giảm 5%", "0181392187")), None);
    }

    /// The adopted book's note comes back as it was while the code it took still holds (in
    /// its place among the other notes: the book is a fixed point), and loses the words when
    /// the code is no longer taken.
    #[test]
    fn the_taken_codes_note_keeps_its_place() {
        let note = "khách quen; MST lấy từ hóa đơn: 0304914929; Người liên hệ khác: Anh Cảnh";
        let tax = |taken: bool| Tax {
            chosen: if taken { "0304914929" } else { "" },
            taken,
            others: Vec::new(),
        };
        assert_eq!(noting_invoice_taxes(note.into(), &tax(true)), note);
        assert_eq!(
            noting_invoice_taxes(note.into(), &tax(false)),
            "khách quen; Người liên hệ khác: Anh Cảnh"
        );
        assert_eq!(
            noting_invoice_taxes("khách quen".into(), &tax(true)),
            "khách quen; MST lấy từ hóa đơn: 0304914929"
        );
    }

    fn customer_of(lines: &[&str]) -> Customer {
        let rows = crate::normalize::test_rows(lines);
        let raw: Vec<RawRow> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let mut r = RawRow::new(0, i as u32 + 2);
                r.set(Role::Name, line.split('|').next().unwrap_or(""));
                r
            })
            .collect();
        let sources = [Source::bare("a.csv", SourceKind::Customers)];
        let members = (0..rows.len() as u32).collect();
        survive(
            members,
            &rows,
            &raw,
            &sources,
            &People::NOBODY,
            &[],
            &NameWords::default(),
        )
    }

    /// A customer is what its shown name is: a company's legal name chosen over a bare trade
    /// name read as a person's («Hoa Tâm») makes an organisation (the book's «Loại» reads back the same).
    #[test]
    fn the_kind_is_the_shown_names() {
        // The bare name is the most complete row (ranked first); the legal name is on more
        // rows.
        let c = customer_of(&[
            "Hoa Tâm|0904739070|ctyhoatam@gmail.com|Số 45 Ngô Gia Tự, Long Biên, Hà Nội|",
            "Công ty TNHH Hoa Tâm|0904739070||Số 45 Ngô Gia Tự, Long Biên, Hà Nội|",
            "Công ty TNHH Hoa Tâm|0904739070||Số 45 Ngô Gia Tự, Long Biên, Hà Nội|",
        ]);
        let shown = crate::normalize::name::parse_name(&c.name).kind;
        assert_eq!(c.kind, shown, "{}", c.name);
    }

    /// Found over a year of weeks at 50k (F seed 9): a name typed alone into the adopted book
    /// took the id the state knew that key by — a namesake's, merged into another customer
    /// since — and next week joined that customer through the alias. An id merged away is
    /// not taken back.
    #[test]
    fn an_id_merged_into_another_customer_is_not_taken_back() {
        let fp: Fp = [9u8; 16];
        let known: HashMap<Fp, String> = [(fp, "KH000002".to_string())].into();
        let none = rustc_hash::FxHashMap::default();
        let groups = vec![vec![0]];
        for (merged, want) in [(false, "KH000002"), (true, "KH000100")] {
            let merged_away = move |id: &str| merged && id == "KH000002";
            let a = assign_ids(
                &groups,
                &[fp],
                &known,
                &none,
                (&|_| None, &merged_away),
                100,
            );
            assert_eq!(a.ids, [want], "merged away: {merged}");
        }
    }

    /// Two customers of the adopted book whose rows read the same (one name, nothing else)
    /// share a fingerprint, which the state knows under one of their ids: each keeps its own
    /// id, and neither becomes the other's alias (an alias would join them next week).
    #[test]
    fn one_fingerprint_under_two_ids_of_the_book_makes_no_alias() {
        let fp: Fp = [7u8; 16];
        let known: HashMap<Fp, String> = [(fp, "KH000030".to_string())].into();
        let given: rustc_hash::FxHashMap<u32, String> =
            [(0, "KH000032".to_string()), (1, "KH000030".to_string())]
                .into_iter()
                .collect();
        let groups = vec![vec![0], vec![1]];
        let a = assign_ids(
            &groups,
            &[fp, fp],
            &known,
            &given,
            (&|_| None, &|_| false),
            100,
        );
        assert_eq!(a.ids, ["KH000032", "KH000030"]);
        assert!(a.aliases.is_empty(), "{:?}", a.aliases);
    }

    /// Two customers of one fingerprint (namesakes with nothing else written, kept apart),
    /// read again from the same ledger: each keeps its id run after run (one key for both made
    /// the second take a new id each run, then the first take the second's).
    #[test]
    fn namesakes_of_one_fingerprint_keep_their_ids_when_read_again() {
        let (fp, other): (Fp, Fp) = ([7u8; 16], [9u8; 16]);
        let groups = vec![vec![0], vec![1], vec![2]];
        let fps = [fp, other, fp];
        let none = rustc_hash::FxHashMap::default();
        let mut known: HashMap<Fp, String> = HashMap::new();
        let mut next = 1;
        for run in 0..3 {
            let a = assign_ids(&groups, &fps, &known, &none, (&|_| None, &|_| false), next);
            assert_eq!(a.ids, ["KH000001", "KH000002", "KH000003"], "run {run}");
            for (fp, gi) in a.new_fps {
                known.insert(fp, a.ids[gi as usize].clone());
            }
            next = a.next_id;
        }
    }

    /// An adopted book's row keeps its phones in the order its cells show, an ambiguous old
    /// landline ("08 2257 2367", Hồ Chí Minh) beside its new form included.
    #[test]
    fn an_adopted_rows_phones_keep_their_order() {
        let ctx = crate::normalize::test_context();
        let mut r = RawRow::new(0, 2);
        r.push(Role::CustomerId, "KH001555");
        r.push(Role::Name, "Trần Bích Anh");
        r.push(Role::Phone, "0822572367");
        r.push(Role::Phone, "0384379020; 02822572367");
        r.push(Role::Address, "Thôn 1, Bình Chánh, Thành phố Hồ Chí Minh");
        let rows = vec![crate::normalize::normalize_row(
            &r,
            0,
            &ctx,
            &mut Vec::new(),
        )];
        let sources = [Source::bare("so.xlsx", SourceKind::Customers)];
        let c = survive(
            vec![0],
            &rows,
            &[r],
            &sources,
            &People::NOBODY,
            &[],
            &NameWords::default(),
        );
        assert_eq!(c.phone, "0822572367");
        assert_eq!(c.other_phones, ["0384379020", "02822572367"]);
    }

    /// An adopted book's numbers in the order its cells show them, each where no other number
    /// was found: an old «08» number read as a mobile («0887531461») is also the tail of its
    /// new landline, shown first; a mobile whose cell lost its «0» stays ahead of a landline
    /// that would be found whole from the mobile's last «0».
    #[test]
    fn an_adopted_rows_numbers_keep_the_order_its_cells_show() {
        let mut shown = vec!["0887531461", "0976099986", "02887531461"];
        in_cell_order(&mut shown, "028875314610976099986 0887531461");
        assert_eq!(shown, ["02887531461", "0976099986", "0887531461"]);
        let mut shown = vec!["02253314596", "0911028360"];
        in_cell_order(&mut shown, "9110283602253314596");
        assert_eq!(shown, ["0911028360", "02253314596"]);
        let mut shown = vec!["0912345678", "0987654321"];
        in_cell_order(&mut shown, "");
        assert_eq!(shown, ["0912345678", "0987654321"]);
    }

    /// The office's own codes (not sokhach's ids) are kept in the notes, each once.
    #[test]
    fn the_offices_own_codes_go_to_the_notes() {
        let rows =
            crate::normalize::test_rows(&["An|0912345678", "An|0912345678", "An|0912345678"]);
        let mut raw: Vec<RawRow> = (0..3).map(|i| RawRow::new(0, i + 2)).collect();
        raw[0].push(Role::CustomerId, "DN00418");
        raw[1].push(Role::CustomerId, "KH000007");
        raw[2].push(Role::CustomerId, "DN00418");
        let sources = [Source::bare("a.csv", SourceKind::Customers)];
        let c = survive(
            vec![0, 1, 2],
            &rows,
            &raw,
            &sources,
            &People::NOBODY,
            &[],
            &NameWords::default(),
        );
        assert_eq!(c.note, "Mã KH cũ: DN00418");
    }

    /// An organisation's legal name written whole only in the accountant's capitals keeps the
    /// words the rules cannot put in case («VINATECH») as the rows typed with case write them;
    /// not when such a row writes them in capitals too, nor the legal form's letters.
    #[test]
    fn words_left_in_capitals_take_the_case_a_row_typed() {
        let whole = "CÔNG TY CỔ PHẦN THỰC PHẨM VINATECH|0912345678|||";
        let c = customer_of(&[whole, whole, "Cty CP TP Vinatech|0912345678|||"]);
        assert_eq!(c.name, "Công ty Cổ phần Thực phẩm Vinatech");
        assert!(c
            .name_variants
            .iter()
            .any(|v| v == "Công ty Cổ phần Thực phẩm VINATECH"));
        let c = customer_of(&[
            whole,
            "Cty CP TP VINATECH|0912345678|||",
            "Cty Cp Tp Vinatech|0912345678|||",
        ]);
        assert_eq!(c.name, "Công ty Cổ phần Thực phẩm VINATECH");
        let c = customer_of(&[whole, whole]);
        assert_eq!(c.name, "Công ty Cổ phần Thực phẩm VINATECH");
    }

    /// The best-formed spelling wins, not the newest typo; the others stay visible.
    #[test]
    fn survivorship_keeps_the_best_formed_value() {
        // The newest row (first) has a typo that is not a Vietnamese syllable.
        let c = customer_of(&[
            "Nguễn Thanh Trung|0912345678|||",
            "Nguyễn Thanh Trung|0912345678|||",
        ]);
        assert_eq!(c.name, "Nguyễn Thanh Trung");
        assert_eq!(c.name_variants, vec![Text::from("Nguễn Thanh Trung")]);
        // Two rows agree against one newer slip, both well-formed.
        let c = customer_of(&[
            "Đinh Ăn Huy|0912345678|||",
            "Đinh Văn Huy|0912345678|||",
            "Đinh Văn Huy|0912345678|||",
        ]);
        assert_eq!(c.name, "Đinh Văn Huy");
        // Diacritics over none, even when more rows have none.
        let c = customer_of(&[
            "Nguyen Van An|0912345678|||",
            "Nguyen Van An|0912345678|||",
            "Nguyễn Văn An|0912345678|||",
        ]);
        assert_eq!(c.name, "Nguyễn Văn An");
        // The email most rows agree on is the one to write to.
        let c = customer_of(&[
            "Lê Văn Tám|0912345678|tam.le@gmial.com||",
            "Lê Văn Tám|0912345678|tam.le@gmail.com||",
            "Lê Văn Tám|0912345678|tam.le@gmail.com||",
        ]);
        assert_eq!(c.email, "tam.le@gmail.com");
        assert!(c.other_emails.iter().any(|e| e == "tam.le@gmial.com"));
        // One row each: not the mail service's name typed wrong («gmail.con»; «gmail.com.vn»,
        // the typo the office makes most), and the mailbox that spells the customer's name,
        // whichever row is newer; the other stays.
        for (rows, want) in [
            (
                [
                    "Nguyễn Văn Vinh|0912345678|vinhnv78@gmail.con||",
                    "Nguyễn Văn Vinh|0912345678|vinhnv78@gmail.com||",
                ],
                "vinhnv78@gmail.com",
            ),
            (
                [
                    "Nguyễn Văn Nghĩa|0912345678|nghiavv@gmail.com.vn||",
                    "Nguyễn Văn Nghĩa|0912345678|Nghiavv@Gmail.com||",
                ],
                "nghiavv@gmail.com",
            ),
        ] {
            assert_eq!(customer_of(&rows).email, want);
        }
        let c = customer_of(&[
            "Nguyễn Văn Quyết|0912345678|quetnv88@gmail.com||",
            "Nguyễn Văn Quyết|0912345678|quyetnv88@gmail.com||",
        ]);
        assert_eq!(c.email, "quyetnv88@gmail.com");
        assert_eq!(c.other_emails, vec![Text::from("quetnv88@gmail.com")]);
        // The newer row's address, typed without marks and without the ward, is the older
        // row's written worse: the marked one, ward and all, is kept.
        let c = customer_of(&[
            "Đỗ Công Đức|0836121892||278 Ong Ich Khiem, Hai Chau, Da Nang|",
            "Đỗ Công Đức|0836121892||278 Ông Ích Khiêm, P. Bình Hiên, Hải Châu, Đà Nẵng|",
        ]);
        assert!(c.address.contains("Ông Ích Khiêm"), "{}", c.address);
        assert!(c.address.contains("Bình Hiên"), "{}", c.address);
        // One place, the newer row typed without marks (the unit types written out give it
        // some): the marked one is kept. «Thanh» of «Thanh Xuân» or «Thanh Hóa» misses no mark
        // another row's «Thành phố» has: both rows are marked, and the newer stays.
        let address_of = |newer: &str, older: &str| {
            let row = |a: &str| format!("Đỗ Công Đức|0836121892||{a}|");
            let (newer, older) = (row(newer), row(older));
            customer_of(&[newer.as_str(), older.as_str()]).address
        };
        for (newer, older, kept) in [
            (
                "113 Duong Hung Vuong - P. Cam Phu - Thanh pho Cam Ranh - Khanh Hoa",
                "Số 113 Hùng Vương,Phường Cam Phú,TP Cam Ranh,Khánh Hòa",
                "Hùng Vương",
            ),
            (
                "77 ngõ 123 Hoàng Quốc Việt, Phường Khương Trung, Quận Thanh Xuân, Thành phố Hà Nội",
                "Số 77 ngõ 123 Hoàng Quốc Việt, F. Khương Trung, Thành phố Hà Nội",
                "Thanh Xuân",
            ),
            (
                "3 Đường Lê Hoàn, Phường Đông Thọ, Thanh Hóa",
                "3 Lê Hoàn - F. Đông Thọ - Thành phố Thanh Hóa - Thanh Hóa",
                "Đường Lê Hoàn",
            ),
        ] {
            let a = address_of(newer, older);
            assert!(a.contains(kept), "{a}");
        }
        // A newer address with other words is where the customer went: it stays, and the old
        // one is kept as another address.
        let c = customer_of(&[
            "Đỗ Công Đức|0836121892||12 Bach Dang, Hai Chau, Da Nang|",
            "Đỗ Công Đức|0836121892||278 Ông Ích Khiêm, P. Bình Hiên, Hải Châu, Đà Nẵng|",
        ]);
        assert!(c.address.contains("Bach Dang"), "{}", c.address);
        assert_eq!(c.other_addresses.len(), 1, "{:?}", c.other_addresses);
        assert!(c.other_addresses[0].contains("Ông Ích Khiêm"));
        // The same place written shorter is no other address.
        let c = customer_of(&[
            "Đỗ Công Đức|0836121892||278 Ông Ích Khiêm, Hải Châu, Đà Nẵng|",
            "Đỗ Công Đức|0836121892||278 Ông Ích Khiêm, P. Bình Hiên, Hải Châu, Đà Nẵng|",
        ]);
        assert!(c.other_addresses.is_empty(), "{:?}", c.other_addresses);
    }
}
