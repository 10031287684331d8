//! Pair scoring as evidence weights (Fellegi–Sunter): each field comparison adds
//! log2(m/u) bits — how much likelier the outcome is for the same customer (m) than for two
//! different ones (u). The weights below are set from the domain, not fitted to the generator:
//! an email or a mobile is personal (u tiny), a landline is shared by a household, the given
//! name (last syllable) carries most of a Vietnamese name's information while "Nguyễn" carries
//! little, and a full name's weight falls with how common it is in the data.

use super::addr::{self, SameHouse};
use super::sig::{name_weight, Sig};
use crate::normalize::address::{province_agreement, ProvinceAgreement};
use crate::normalize::email::match_form;
use crate::normalize::name::{is_enterprise_form, is_honorific_word, PartyKind};
use crate::normalize::taxcode::codes_conflict;
use crate::normalize::text::{is_vietnamese_syllable, lower_marked};
use crate::normalize::Norm;
use rayon::prelude::*;

/// Weights in bits (see [`super::weights`]).
pub use super::weights as w;

/// Which comparisons agreed, for the report's "why" column.
pub mod flag {
    pub const TAX: u32 = 1;
    pub const EMAIL: u32 = 1 << 1;
    pub const MOBILE: u32 = 1 << 2;
    pub const LANDLINE: u32 = 1 << 3;
    pub const NAME: u32 = 1 << 4;
    pub const NAME_CLOSE: u32 = 1 << 5;
    pub const GIVEN: u32 = 1 << 6;
    pub const ADDRESS: u32 = 1 << 7;
    pub const PROVINCE: u32 = 1 << 8;
    /// Given names a keystroke apart that are both names ("Hoa"/"Ha"), under a mobile and an
    /// email or one of them and the address.
    pub const GIVEN_KEYSTROKE: u32 = 1 << 9;
    /// Both genders known and the same.
    pub const GENDER: u32 = 1 << 10;
    /// Two organisations' rows naming one contact person by a whole name.
    pub const CONTACT: u32 = 1 << 11;
    /// A branch's row and a row of its company's name without a branch that shares the
    /// branch's tax code, or (without a tax code) its email, office number or address: the
    /// branch written without its label, not the head office.
    pub const BRANCH_UNLABELLED: u32 = 1 << 12;
    /// A row read with the honorific «Anh» or «Chị» beside the same name with «Anh» or «Chi»
    /// last: the given name typed first ([`anh_typed_first`](super::anh_typed_first)).
    pub const ANH_FIRST: u32 = 1 << 13;
    /// A pair asked about last week and not answered: asked again whatever it scores now.
    pub const ASKED_BEFORE: u32 = 1 << 14;
    /// Two organisations' mailboxes at one company's own mail domain (or its domain spelling
    /// the other row's name at one address).
    pub const DOMAIN: u32 = 1 << 15;
    /// Hard conflicts: never merged automatically.
    pub const TAX_CONFLICT: u32 = 1 << 16;
    pub const BRANCH_CONFLICT: u32 = 1 << 17;
    pub const GIVEN_CONFLICT: u32 = 1 << 18;
    pub const KIND_CONFLICT: u32 = 1 << 19;
    /// One row has nothing but a name, and no other customer has that name (the rules an
    /// invoice's buyer is named by): asked about, never merged by itself.
    pub const NAME_ALONE: u32 = 1 << 20;
    /// One row's tax code was taken from invoices by the buyer's name, and a clerk typed it on
    /// the other row: asked about, never merged by that code.
    pub const TAX_TAKEN: u32 = 1 << 21;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Merge,
    Review,
    Separate,
}

/// The score of a pair and the comparisons behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    pub score: f32,
    pub flags: u32,
    pub verdict: Verdict,
}

impl Evidence {
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    /// Short "why" text: "email, điện thoại, tên" / "email, phone, name".
    pub fn reasons(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::L;
        const NAMES: &[(u32, L)] = &[
            (flag::TAX, L("MST trùng", "same tax code")),
            (flag::EMAIL, L("email trùng", "same email")),
            (flag::MOBILE, L("di động trùng", "same mobile")),
            (flag::LANDLINE, L("ĐT bàn trùng", "same landline")),
            (flag::NAME, L("tên trùng", "same name")),
            (flag::NAME_CLOSE, L("tên gần giống", "similar name")),
            (flag::GIVEN, L("tên gọi trùng", "same given name")),
            (
                flag::GIVEN_KEYSTROKE,
                L("tên gọi lệch một chữ", "given names one letter apart"),
            ),
            (flag::ADDRESS, L("địa chỉ trùng", "same address")),
            (flag::PROVINCE, L("cùng tỉnh", "same province")),
            (
                flag::DOMAIN,
                L(
                    "cùng tên miền email của công ty",
                    "same company mail domain",
                ),
            ),
            (flag::GENDER, L("cùng giới", "same gender")),
            (
                flag::CONTACT,
                L("người liên hệ trùng", "same contact person"),
            ),
            (
                flag::BRANCH_UNLABELLED,
                L(
                    "chi nhánh ghi thiếu tên chi nhánh",
                    "a branch written without its branch",
                ),
            ),
            (
                flag::TAX_CONFLICT,
                L("MST khác nhau", "different tax codes"),
            ),
            (
                flag::BRANCH_CONFLICT,
                L("chi nhánh khác trụ sở", "branch vs head office"),
            ),
            (
                flag::GIVEN_CONFLICT,
                L("tên gọi khác nhau", "different given names"),
            ),
            (
                flag::KIND_CONFLICT,
                L("cá nhân và tổ chức", "person and organisation"),
            ),
            (
                flag::NAME_ALONE,
                L(
                    "một dòng chỉ có tên, tên không khách nào khác có",
                    "one row has nothing but the name, which no other customer has",
                ),
            ),
            (
                flag::TAX_TAKEN,
                L(
                    "MST một dòng lấy từ hóa đơn (khớp theo tên) là MST dòng kia",
                    "one row's tax code, taken from invoices by name, is the other row's",
                ),
            ),
            (
                flag::ASKED_BEFORE,
                L(
                    "đã hỏi tuần trước, chưa có câu trả lời",
                    "asked last week, not answered yet",
                ),
            ),
        ];
        NAMES
            .iter()
            .filter(|(f, _)| self.has(*f))
            .map(|(_, l)| l.t(lang))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Data-wide statistics the weights depend on.
pub struct Stats<'a> {
    name_freq: rustc_hash::FxHashMap<&'a str, u32>,
    persons: f32,
}

impl<'a> Stats<'a> {
    pub fn new(rows: &'a [Norm]) -> Stats<'a> {
        let mut name_freq: rustc_hash::FxHashMap<&'a str, u32> = Default::default();
        let mut persons = 0usize;
        for n in rows
            .iter()
            .filter(|n| n.kind == PartyKind::Person && !n.name_key.is_empty())
        {
            persons += 1;
            *name_freq.entry(n.name_key.as_str()).or_default() += 1;
        }
        Stats {
            name_freq,
            persons: persons.max(1) as f32,
        }
    }

    /// log2(1/u) for an identical person name, u = the name's share of all person rows.
    /// Rows of the same customer inflate the count, which errs on the safe side.
    pub fn same_name_weight(&self, key: &str) -> f32 {
        name_weight(self.persons, self.name_freq.get(key).copied().unwrap_or(1))
    }
}

/// Scores the candidate pairs; returns those that are not [`Verdict::Separate`].
pub fn score_pairs(rows: &[Norm], pairs: &[u64], sigs: &[Sig]) -> Vec<(u32, u32, Evidence)> {
    pairs
        .par_chunks(PAIRS_PER_TASK)
        .flat_map_iter(|chunk| {
            chunk.iter().enumerate().filter_map(|(k, &p)| {
                // Pairs come in order of their first row, so the second is a random place in
                // a hundred megabytes of signatures: ask for it a few pairs ahead.
                if let Some(&ahead) = chunk.get(k + PREFETCH_AHEAD) {
                    prefetch(&sigs[super::block::unpack(ahead).1 as usize]);
                }
                let (a, b) = super::block::unpack(p);
                let (a, b) = (a as usize, b as usize);
                let (sa, sb, na, nb) = (&sigs[a], &sigs[b], &rows[a], &rows[b]);
                // Most candidate pairs are two different customers: an optimistic pass without
                // the string comparisons settles them, and only the rest are scored exactly.
                if score_sig::<false>(sa, sb, na, nb).verdict == Verdict::Separate {
                    return None;
                }
                let e = score_sig::<true>(sa, sb, na, nb);
                (e.verdict != Verdict::Separate).then_some((a as u32, b as u32, e))
            })
        })
        .collect()
}

/// Pairs scored per parallel task.
const PAIRS_PER_TASK: usize = 4096;
/// How many pairs ahead a signature is fetched into the cache.
const PREFETCH_AHEAD: usize = 12;

/// Asks the CPU to bring a signature into the cache (both of its cache lines).
fn prefetch(sig: &Sig) {
    crate::cache::prefetch(sig);
}

/// Jaro–Winkler similarity, as `strsim::jaro_winkler` computes it. Keys are ASCII (accents
/// folded), so the common case runs on bytes with the match flags on the stack: strsim decodes
/// `b`'s chars again for every char of `a` and allocates, which made it a tenth of the score
/// stage. Other strings go to strsim.
fn jw(a: &str, b: &str) -> f32 {
    jw64(a, b) as f32
}

/// [`jw`] before rounding to f32: exactly `strsim::jaro_winkler`.
pub(crate) fn jw64(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() && a.len() <= 64 && b.len() <= 64 {
        jaro_winkler_bytes(a.as_bytes(), b.as_bytes())
    } else {
        strsim::jaro_winkler(a, b)
    }
}

/// strsim's `generic_jaro_winkler` on bytes of at most 64: the same steps and the same f64
/// arithmetic, so the result is bit for bit the same (a test checks it).
fn jaro_winkler_bytes(a: &[u8], b: &[u8]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    let sim = if a_len == 0 && b_len == 0 {
        1.0
    } else if a_len == 0 || b_len == 0 {
        0.0
    } else {
        let range = (a_len.max(b_len) / 2).saturating_sub(1);
        let mut a_flags = [false; 64];
        let mut b_flags = [false; 64];
        let mut matches = 0usize;
        for (i, &x) in a.iter().enumerate() {
            let lo = i.saturating_sub(range);
            let hi = b_len.min(i + range + 1);
            for j in lo..hi {
                if x == b[j] && !b_flags[j] {
                    a_flags[i] = true;
                    b_flags[j] = true;
                    matches += 1;
                    break;
                }
            }
        }
        if matches == 0 {
            0.0
        } else {
            let mut transpositions = 0usize;
            let mut bj = (0..b_len).filter(|&j| b_flags[j]);
            for (i, &x) in a.iter().enumerate() {
                if a_flags[i] {
                    if let Some(j) = bj.next() {
                        if x != b[j] {
                            transpositions += 1;
                        }
                    }
                }
            }
            transpositions /= 2;
            ((matches as f64 / a_len as f64)
                + (matches as f64 / b_len as f64)
                + ((matches - transpositions) as f64 / matches as f64))
                / 3.0
        }
    };
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// How rare a whole name must be (its weight in bits: one person row in 2^n) to anchor a
/// hamlet's address.
const RARE_NAME: f32 = 9.0;

/// Scores one pair (building both rows' signatures; [`score_pairs`] builds them once).
pub fn score(a: &Norm, b: &Norm, stats: &Stats<'_>) -> Evidence {
    let sa = Sig::new(a, stats.same_name_weight(&a.name_key));
    let sb = Sig::new(b, stats.same_name_weight(&b.name_key));
    score_sig::<true>(&sa, &sb, a, b)
}

/// Whether a company domain of the row's emails is named as `key` is ("hoaduong.com" for
/// "dich vu hoa duong": the whole name's letters, or its brand's, the last two words), four
/// letters or more.
fn domain_spells(n: &Norm, key: &str) -> bool {
    let letters = |k: &str| -> String { k.chars().filter(|&c| c != ' ').collect() };
    let whole = letters(key);
    let brand = super::sig::brand(key).map(letters);
    n.emails.iter().any(|e| {
        let m = match_form(e);
        crate::normalize::email::company_domain(&m).is_some_and(|d| {
            let label: String = d
                .split('.')
                .next()
                .unwrap_or("")
                .chars()
                .filter(|&c| c != '-')
                .collect();
            label.len() >= 4 && (label == whole || brand.as_deref() == Some(label.as_str()))
        })
    })
}

/// One name key with «anh» or «chi» put last is the other: the keys of a row whose given name
/// «Anh» or «Chi» was typed first and read as the honorific (Anh, Chị), and of the same name in
/// order.
pub fn anh_put_last(a: &str, b: &str) -> bool {
    [" anh", " chi"]
        .iter()
        .any(|w| b.strip_suffix(w) == Some(a))
}

/// A person's row read with the honorific «Anh» or «Chị» («Anh Nguyen Quoc», «Chi Dang Thuy»)
/// whose name with the word put last is the other row's («Nguyễn Quốc Anh», «Đặng Thùy Chi»):
/// the given name typed first. The signatures ask for a row of that gender beside a name one
/// word longer whose given name is the word; the exact pass reads the honorific and the keys.
fn anh_typed_first<const EXACT: bool>(s: &Sig, o: &Sig, n: &Norm, on: &Norm) -> bool {
    use crate::normalize::name::Gender;
    let (word, honorific) = match s.gender {
        Some(Gender::Male) => ("anh", "Anh"),
        Some(Gender::Female) => ("chi", "Chị"),
        _ => return false,
    };
    s.syllables >= 2
        && o.syllables == s.syllables + 1
        && o.given_or_brand == super::sig::hash(word)
        && (!EXACT
            || (n.honorific() == Some(honorific)
                && on.given() == word
                && anh_put_last(&n.name_key, &on.name_key)))
}

/// Whether two words of these lengths can be one keystroke apart ([`given_typo`]); a length of
/// 255 means "255 or more", so the strings must decide.
fn typo_possible(la: u8, lb: u8) -> bool {
    la >= 2 && lb >= 2 && (la.abs_diff(lb) <= 1 || la == 255 || lb == 255)
}

/// Scores one pair from its signatures, reading the rows' strings only where a hash cannot
/// answer (see [`super::sig`]).
///
/// With `EXACT` false the two costly string comparisons — Jaro–Winkler on the names and one
/// street written two ways — are assumed to come out the best way for the pair. Every term of
/// the score is then at least its exact value, the anchor and the identifier flags at least as
/// set, and f32 rounding is monotonic, so the verdict is at least the exact verdict: when the
/// optimistic verdict is `Separate`, so is the exact one. (A test checks it on every pair.)
fn score_sig<const EXACT: bool>(sa: &Sig, sb: &Sig, a: &Norm, b: &Norm) -> Evidence {
    // The comparisons in the order their weights are summed (the order is part of the f32
    // result the `same-output` check pins).
    let mut t = Tally::<EXACT> {
        sa,
        sb,
        a,
        b,
        s: 0.0,
        f: 0,
        anchor: false,
        weak_given: false,
        email_diff: false,
        mobile_diff: false,
        domain_same: false,
        registered: false,
        marks_differ: false,
        syllable_apart: false,
        name_at_home: false,
        registered_bare: false,
        given_slipped: false,
        name_on_home_line: false,
        trade_words_apart: false,
        branch_unlabelled: false,
    };
    t.tax();
    t.emails();
    t.phones();
    if sa.name != 0 && sb.name != 0 {
        match (sa.kind, sb.kind) {
            (PartyKind::Person, PartyKind::Person) => {
                t.persons();
                t.gender();
            }
            (PartyKind::Org, PartyKind::Org) => t.orgs(),
            _ => t.person_and_org(),
        }
    }
    t.office_line();
    t.address();
    t.company_mailbox_here();
    t.contact_person();
    t.province();
    t.settle_given();
    t.branch_or_head_office();
    t.evidence()
}

/// The running sum of one pair's comparisons: weights in bits, flags, whether an anchor agreed.
struct Tally<'r, const EXACT: bool> {
    sa: &'r Sig,
    sb: &'r Sig,
    a: &'r Norm,
    b: &'r Norm,
    s: f32,
    f: u32,
    anchor: bool,
    /// Given names a keystroke apart that are both names, decided once the address is known.
    weak_given: bool,
    /// Both rows have emails and none is shared.
    email_diff: bool,
    /// Both rows have mobiles and none is shared (not two organisations).
    mobile_diff: bool,
    /// Two organisations' mailboxes at one company's own domain (a company's name typed bare
    /// counts as one: `Sig::domain`).
    domain_same: bool,
    /// One enterprise's registered name, under its legal form, on both rows.
    registered: bool,
    /// One person's name key written with other tone marks on the two rows.
    marks_differ: bool,
    /// Two organisations' names one word apart, both words syllables ([`another_syllable`]).
    syllable_apart: bool,
    /// One person's name, the middle name left out on one row or one word (family, middle or
    /// given name) slipped into no syllable, no mobile or email differing: one person at one
    /// house ([`Tally::at_one_house`]).
    name_at_home: bool,
    /// One name, an enterprise's form written on one row and none on the other (or the other
    /// read as a person's name): the registered name written bare, which weighs at the house
    /// ([`Tally::at_one_house`]).
    registered_bare: bool,
    /// Of [`Tally::name_at_home`], the given name is the word slipped into no syllable.
    given_slipped: bool,
    /// One person's name, the middle name left out on one row or one word slipped into no
    /// syllable, under one home's number and no mobile or email differing: at the home's
    /// address, one person (a household shares the family name and the number, never the
    /// given name).
    name_on_home_line: bool,
    /// One company's trade name with and without what it does ([`business_words_apart_as_written`]),
    /// legal forms that may be one company's: its name at its house ([`Tally::at_one_house`]).
    trade_words_apart: bool,
    /// A branch's row beside a row of its company's name with no branch and no tax code
    /// (see [`Tally::branch_or_head_office`]).
    branch_unlabelled: bool,
}

impl<const EXACT: bool> Tally<'_, EXACT> {
    fn add(&mut self, weight: f32, flags: u32) {
        self.s += weight;
        self.f |= flags;
    }

    fn has(&self, flags: u32) -> bool {
        self.f & flags != 0
    }

    fn jw(&self) -> f32 {
        if EXACT {
            jw(&self.a.name_key, &self.b.name_key)
        } else {
            1.0
        }
    }

    /// Tax code: equal is one taxpayer; head office vs branch, or two codes, are two. Without
    /// tax codes, a branch named in one name and not the other is two taxpayers.
    fn tax(&mut self) {
        let (sa, sb) = (self.sa, self.sb);
        if sa.tax != 0 && sb.tax != 0 {
            if sa.tax == sb.tax {
                self.add(w::TAX_SAME, flag::TAX);
                self.anchor = true;
                // A row under a branch's code without the branch in its name is the branch.
                if sa.kind == PartyKind::Org
                    && sb.kind == PartyKind::Org
                    && sa.family_or_branch != sb.family_or_branch
                    && (sa.family_or_branch == 0 || sb.family_or_branch == 0)
                {
                    self.f |= flag::BRANCH_UNLABELLED;
                }
            } else if let (Some(ta), Some(tb)) = (&self.a.tax, &self.b.tax) {
                if ta.parent() == tb.parent() {
                    self.f |= flag::BRANCH_CONFLICT;
                } else if codes_conflict(ta.as_str(), tb.as_str()) {
                    self.f |= flag::TAX_CONFLICT;
                }
                // A person's 12-digit number and the 10-digit code it replaced: nothing.
            }
        }
        if !self.has(flag::TAX)
            && (sa.tax == 0 || sb.tax == 0)
            && sa.kind == PartyKind::Org
            && sb.kind == PartyKind::Org
            && sa.family_or_branch != sb.family_or_branch
        {
            // A row without a branch and without a tax code beside a branch's row may be the
            // branch written without its label: decided once the identifiers are compared
            // (`branch_or_head_office`).
            let bare = |s: &Sig| s.family_or_branch == 0 && s.tax == 0;
            if bare(sa) || bare(sb) {
                self.branch_unlabelled = true;
            } else {
                self.f |= flag::BRANCH_CONFLICT;
            }
        }
    }

    /// A row of a company's name without a branch or a tax code, beside a branch's row: the
    /// branch written without its label when it shares the branch's own email, office number,
    /// or address with no two mailboxes that differ (the head office has its own), in no other
    /// province; otherwise the head office, or another branch, and two taxpayers.
    fn branch_or_head_office(&mut self) {
        if !self.branch_unlabelled {
            return;
        }
        // The address alone when no two mailboxes differ: the head office's «long.hv@» and the
        // branch's «cndongnai@» at one address are two offices.
        let two_mailboxes = self.sa.n_emails > 0 && self.sb.n_emails > 0;
        // In two provinces the rows are two offices whatever mailbox they share: the head
        // office's «info@» given for its branch in another city.
        let apart = matches!(
            (self.sa.province, self.sb.province),
            (Some(pa), Some(pb)) if matches!(province_agreement(pa, pb), ProvinceAgreement::Different)
        );
        if !apart
            && (self.has(flag::EMAIL | flag::LANDLINE)
                || (self.has(flag::ADDRESS) && !two_mailboxes))
        {
            self.f |= flag::BRANCH_UNLABELLED;
        } else {
            self.f |= flag::BRANCH_CONFLICT;
        }
    }

    fn emails(&mut self) {
        let (sa, sb) = (self.sa, self.sb);
        if sa.n_emails > 0 && sb.n_emails > 0 {
            let shared = sa.share_email(sb).unwrap_or_else(|| {
                let theirs: Vec<_> = self.b.emails.iter().map(|e| match_form(e)).collect();
                self.a
                    .emails
                    .iter()
                    .any(|e| theirs.contains(&match_form(e)))
            });
            if shared {
                self.add(w::EMAIL_SAME, flag::EMAIL);
                self.anchor = true;
            } else if sa.domain != 0 && sa.domain == sb.domain {
                // Two employees' mailboxes at one company's own domain ("long.hv@quanganh.com.vn",
                // "ketoan@quanganh.com.vn"): the company's, not evidence against.
                self.add(w::DOMAIN_SAME, flag::DOMAIN);
                self.domain_same = true;
            } else if sa.mailbox_slip_possible(sb)
                && (!EXACT
                    || self.a.emails.iter().any(|x| {
                        self.b
                            .emails
                            .iter()
                            .filter(|y| y.len().abs_diff(x.len()) <= 2)
                            .any(|y| mailbox_slip(x, y))
                    }))
            {
                // «ctyngochai2@…» and «ctyngohai2@…»: one mailbox typed with a letter lost,
                // doubled or turned; not evidence for (the mail may not arrive), nor against.
            } else {
                self.add(w::EMAIL_DIFF, 0);
                self.email_diff = true;
            }
        }
    }

    /// «vanphong@hoaduong.com» on one row, no email on the other, «Công ty Dịch vụ Hoa Dương»,
    /// at one address: the company's own domain spells the other row's name, and the row is
    /// the company's, as two mailboxes at its domain would say. (At two addresses, two branches
    /// of one company in one city write from one domain.)
    fn company_mailbox_here(&mut self) {
        if !self.domain_same
            && self.has(flag::ADDRESS)
            && self.has(flag::NAME | flag::NAME_CLOSE)
            && self.domain_names_other()
        {
            self.add(w::DOMAIN_SAME, flag::DOMAIN);
            self.domain_same = true;
            self.anchor = true;
        }
    }

    /// An organisation beside a person's name that could be a company's typed bare
    /// ([`super::sig::brand_like`]; the signatures know the gender only, the exact pass reads
    /// the honorific and the family name).
    fn company_typed_bare(&self) -> bool {
        let bare = |s: &Sig, n: &Norm| {
            s.kind == PartyKind::Person
                && s.gender.is_none()
                && (!EXACT || super::sig::brand_like(n))
        };
        (self.sa.kind == PartyKind::Org && bare(self.sb, self.b))
            || (self.sb.kind == PartyKind::Org && bare(self.sa, self.a))
    }

    /// One row's email at a company's own domain whose name ("hoaduong.com", "dai-an.vn")
    /// spells the other row's name, or its brand (last two words), when the other row has no
    /// email: an organisation, or a company's name typed bare ([`super::sig::brand_like`]).
    /// (The signatures know only which rows have such a domain: the names are read in the
    /// exact pass.)
    fn domain_names_other(&self) -> bool {
        let names = |s: &Sig, o: &Sig, n: &Norm, on: &Norm| {
            s.domain != 0
                && o.n_emails == 0
                && o.name != 0
                && (o.kind == PartyKind::Org || o.gender.is_none())
                && (!EXACT
                    || ((on.kind == PartyKind::Org || super::sig::brand_like(on))
                        && domain_spells(n, &on.name_key)))
        };
        names(self.sa, self.sb, self.a, self.b) || names(self.sb, self.sa, self.b, self.a)
    }

    fn phones(&mut self) {
        let (sa, sb, a, b) = (self.sa, self.sb, self.a, self.b);
        let shared = |mobile: bool| {
            sa.share_phone(sb, mobile).unwrap_or_else(|| {
                a.phones
                    .iter()
                    .filter(|p| p.mobile == mobile)
                    .any(|p| b.phones.iter().any(|q| q.key == p.key))
            })
        };
        if shared(true) {
            self.add(w::MOBILE_SAME, flag::MOBILE);
            self.anchor = true;
        } else if sa.has_mobile()
            && sb.has_mobile()
            && !(sa.kind == PartyKind::Org && sb.kind == PartyKind::Org)
            && !self.company_typed_bare()
        {
            // A company's mobile is its contact's of the day: another one says nothing (nor
            // beside a company's name typed bare, «ĐỨC VIỆT» beside «Cty TNHH TM và DV Đức
            // Việt»: whose row it is, the names and the address say).
            self.add(w::MOBILE_DIFF, 0);
            self.mobile_diff = true;
        }
        if shared(false) {
            self.add(w::LANDLINE_SAME, flag::LANDLINE);
        }
    }

    /// The same name, or the same words in another order: the words need the same length and
    /// the same multiset hash before the strings are read.
    fn same_name(&self) -> bool {
        let (sa, sb) = (self.sa, self.sb);
        sa.name == sb.name
            || (sa.name_len == sb.name_len
                && sa.words == sb.words
                && same_tokens(&self.a.name_key, &self.b.name_key))
    }

    fn persons(&mut self) {
        let (sa, sb, a, b) = (self.sa, self.sb, self.a, self.b);
        if self.same_name() && (!EXACT || marks_agree(&a.name, &b.name)) {
            self.add(sa.name_w + w::GIVEN_SAME, flag::NAME | flag::GIVEN);
        } else if self.same_name() {
            // One key, other tone marks, both written with them: «Nguyễn Văn Vĩnh» and
            // «Nguyễn Văn Vinh» at one house are a father and son as often as one name
            // mistyped. Under a shared mobile or email it is a slip of the keys; the place
            // alone anchors nothing. A household never shares a given name, though: with the
            // given names written alike («Nguyễn Thị Thanh Yến», «Nguyễn Thí Thanh Yến») the
            // marks slipped elsewhere, and the house anchors as for one name.
            // Both names are written with marks: their last words agree or differ as written.
            // A given name and the same letters under marks no given name has («Ngô Xuân
            // Lợi», «Ngô Xuân Lởi»): the marks slipped, the given names are alike.
            let last = |n: &str| lower_marked(n.rsplit(' ').next().unwrap_or(""));
            let (ga, gb) = (last(&a.name), last(&b.name));
            let given = if ga == gb || crate::normalize::name::given_marks_slipped(&ga, &gb) {
                flag::GIVEN
            } else {
                0
            };
            self.add(sa.name_w + w::GIVEN_SAME, flag::NAME_CLOSE | given);
            self.marks_differ = given == 0;
        } else if self.has(flag::EMAIL | flag::MOBILE)
            && sa.syllables > 1
            && sb.syllables > 1
            && (given_first(&a.name_key, &b.name_key) || given_first(&b.name_key, &a.name_key))
        {
            // Typed given name first, under a shared personal identifier: the given names
            // agree, only the order differs, and the name is as close as it would be typed in
            // order ("ly pham" is "pham ly" beside "pham thu ly": a middle name left out).
            self.add(w::GIVEN_SAME, flag::GIVEN);
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        } else if self.has(flag::EMAIL | flag::MOBILE)
            && (anh_typed_first::<EXACT>(sa, sb, a, b) || anh_typed_first::<EXACT>(sb, sa, b, a))
        {
            // «Anh Nguyen Quoc» beside «Nguyễn Quốc Anh», «Chi Dang Thuy» beside «Đặng Thùy
            // Chi»: the given name typed first was read as the honorific; under a shared mobile
            // or email it is the name in another order, as above.
            self.add(w::GIVEN_SAME, flag::GIVEN | flag::ANH_FIRST);
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        } else if self.has(flag::EMAIL)
            && self.has(flag::MOBILE)
            && sa.syllables > 1
            && sb.syllables > 1
            && (given_first_typo(&a.name_key, &b.name_key)
                || given_first_typo(&b.name_key, &a.name_key))
        {
            // Given name first and a letter off ("trinhh vu", "vna tran"): one person only
            // under a mobile and an email both shared, as for a letter lost in order.
            self.add(w::GIVEN_SAME, flag::GIVEN | flag::GIVEN_KEYSTROKE);
        } else {
            self.given_and_family();
        }
    }

    fn gender(&mut self) {
        if let (Some(ga), Some(gb)) = (self.sa.gender, self.sb.gender) {
            if ga == gb {
                self.add(w::GENDER_SAME, flag::GENDER);
            } else {
                self.add(w::GENDER_DIFF, 0);
            }
        }
    }

    fn given_and_family(&mut self) {
        let (sa, sb, a, b) = (self.sa, self.sb, self.a, self.b);
        let given_same = sa.given_or_brand == sb.given_or_brand;
        let given_close = given_same
            || (typo_possible(sa.given_len, sb.given_len) && given_typo(a.given(), b.given()));
        if given_same {
            self.add(w::GIVEN_SAME, flag::GIVEN);
        } else if !given_close {
            if self.has(flag::EMAIL | flag::MOBILE)
                && sa.family_or_branch == sb.family_or_branch
                && typo_possible(sa.given_len, sb.given_len)
                && one_keystroke(a.given(), b.given())
                && (!EXACT || middles_agree(&a.name_key, &b.name_key))
            {
                // "Hoa"/"Ha", "Sơn"/"Sơ": two names, or one with a letter lost; decided in
                // `settle_given`, once the address is known.
                self.weak_given = true;
            } else {
                self.add(w::GIVEN_DIFF, flag::GIVEN_CONFLICT);
            }
        }
        // A one-word name ("Anh Hùng" → "Hùng") has no family name to compare, nor has an
        // honorific kept before one ("Anh Hào", "Ông Dũng").
        let full = sa.syllables > 1
            && sb.syllables > 1
            && !(sa.syllables == 2 && honorific_first(a))
            && !(sb.syllables == 2 && honorific_first(b));
        // «Chị Thanh Mai» beside «Nguyễn Thị Mai»: the middle name she is called by is not the
        // other's.
        let called_apart = |(a, sa): (&Norm, &Sig), (b, sb): (&Norm, &Sig)| {
            sa.syllables == 2
                && sb.syllables >= 3
                && called_by_given(a)
                && !middle(&b.name_key).split(' ').any(|m| m == a.family())
        };
        if given_close && (called_apart((a, sa), (b, sb)) || called_apart((b, sb), (a, sa))) {
            self.add(w::FAMILY_DIFF, 0);
        }
        if full
            && given_close
            && sa.family_or_branch != sb.family_or_branch
            && !(typo_possible(sa.family_len, sb.family_len) && given_typo(a.family(), b.family()))
        {
            self.add(w::FAMILY_DIFF, 0);
        }
        // «Anh Hữu Tùng» beside «Nguyễn Hữu Tùng»: the middle and given names he is called by,
        // the family name left out.
        let called =
            given_same && (called_by_middle(a, sa, b, sb) || called_by_middle(b, sb, a, sa));
        // "Hoàng Thị Thanh Hiền" / "Hoàng Thị Thu Hiên" share a long prefix, but their middle
        // names are two names: a household, not a typo.
        if given_close
            && full
            && self.jw() >= 0.9
            && (!EXACT || middles_agree(&a.name_key, &b.name_key))
        {
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        } else if given_same
            && full
            && self.has(flag::EMAIL | flag::MOBILE)
            && (middle(&a.name_key).is_empty() != middle(&b.name_key).is_empty())
            && self.family_alike()
        {
            // The middle name left out ("Hứa Tài" for "Hứa Quang Tài", "Nugyễn Ngọc" for
            // "Nguyễn Thanh Ngọc"), under a shared mobile or email: as close as a typo,
            // however far apart the two strings look.
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        } else if called && self.has(flag::EMAIL | flag::MOBILE) {
            // The family name left out under a shared mobile or email: as close as the middle
            // name left out.
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        }
        // «Trần Hà» and «Trần Thị Thu Hà», «Nguyễn Đức Vĩnh» and «Nguyễn Đc Vĩnh», «Nguyễn Thị
        // Thục» and «Nguyễn Thị Tụhc»: at one house (see `address`), or under one home's number
        // at its address («Nguyễn Thị Trang» and «Nguyen Trang», «Nguyễn Kánh Linh» and
        // «Nguyễn Khánh Linh»), one person. (The house numbers and the lines first: the name's
        // words are read only for pairs at one house or on one line.) So are the middle and
        // given names one is called by («Anh Đức Phong», «Phạm Đức Phong»): a household never
        // gives two of its people one middle and given name.
        let home = sa.house != 0 && sa.house == sb.house;
        let line = self.has(flag::LANDLINE);
        let one_name = (home || line)
            && given_close
            && !self.mobile_diff
            && !self.email_diff
            && ((full
                && ((given_same
                    && (middle(&a.name_key).is_empty() != middle(&b.name_key).is_empty())
                    && self.family_alike())
                    || slipped_into_no_syllable(&a.name_key, &b.name_key)))
                || called);
        self.name_at_home = home && one_name;
        self.name_on_home_line = line && one_name;
        if self.name_on_home_line && !self.has(flag::NAME_CLOSE) {
            self.add(w::NAME_CLOSE, flag::NAME_CLOSE);
        }
        self.given_slipped = self.name_at_home && !given_same;
    }

    /// One family name, or one slipped into no syllable on one row ("Nugyễn" for Nguyễn).
    fn family_alike(&self) -> bool {
        self.sa.family_or_branch == self.sb.family_or_branch
            || word_slipped(self.a.family(), self.b.family())
    }

    fn orgs(&mut self) {
        let (sa, sb) = (self.sa, self.sb);
        // A shop written with or without its shop words («Cửa hàng Tạp hóa Golden Star»,
        // «Golden Star»): one name ([`super::sig::shop_core`]).
        let one_shop = || {
            let (ka, kb) = (self.a.name_key.as_str(), self.b.name_key.as_str());
            super::sig::shop_core(ka) == super::sig::shop_core(kb)
        };
        if sa.name == sb.name || one_shop() {
            self.add(w::ORG_SAME, flag::NAME);
            // An enterprise's name is registered once in the whole country (Luật Doanh nghiệp
            // 2020, art. 41): the same name under the same legal form is one enterprise, or
            // its branch (which a branch conflict keeps apart). Written without what it does,
            // when the book holds that trade name for two companies, it is either's.
            let shared = sa.trade_name_shared() || sb.trade_name_shared();
            match (self.a.legal_form(), self.b.legal_form()) {
                (Some(fa), Some(fb)) if fa == fb && is_enterprise_form(fa) && !shared => {
                    self.add(w::ORG_REGISTERED, 0);
                    self.registered = true;
                }
                // «Trường Nguyên» beside «Công ty TNHH Trường Nguyên»: the registered name
                // written without its form; at the enterprise's house, the enterprise
                // (`at_one_house`).
                (Some(f), None) | (None, Some(f)) => self.registered_bare = is_enterprise_form(f),
                _ => {}
            }
        } else if slipped_into_no_syllable(&self.a.name_key, &self.b.name_key) {
            // "Thiết bị Y tế Lnog Việt" beside "Thiết bị Y tế Long Việt": a key slipped into a
            // word no Vietnamese syllable is; no company is named so. One name, typed wrong
            // (not registered twice: the registration is read from the name written right).
            self.add(w::ORG_SAME, flag::NAME);
        } else if {
            // Read in both passes alike: it weighs at the house (`at_one_house`).
            self.trade_words_apart =
                crate::normalize::name::forms_may_agree(self.a.legal_form(), self.b.legal_form())
                    && business_words_apart_as_written(
                        (&self.a.name_key, &self.a.name),
                        (&self.b.name_key, &self.b.name),
                    );
            self.trade_words_apart
        } || (sa.given_or_brand != 0 && sa.given_or_brand == sb.given_or_brand)
            || self.jw() >= 0.92
            || (EXACT && words_within(&self.a.name_key, &self.b.name_key))
        {
            // One word another syllable ("thiet bi toan long", "thiet bi tan long"): as near
            // as a slip of the keys, as far as two companies (see `evidence`).
            self.syllable_apart = EXACT
                && sa.given_or_brand != sb.given_or_brand
                && another_syllable(&self.a.name_key, &self.b.name_key);
            // The same brand: "tp duc huy" / "thuc pham duc huy" (the distinctive last two
            // words survive abbreviation of the business words).
            self.add(w::ORG_CLOSE, flag::NAME_CLOSE);
        } else if !self.has(flag::TAX) {
            // Under one tax code, names differ by abbreviation, not by identity.
            self.add(w::ORG_DIFF, 0);
        } else if self.a.legal_form().is_some()
            && self.b.legal_form().is_some()
            && no_word_in_common(&self.a.name_key, &self.b.name_key)
        {
            // Two company names written out with no word in common ("Công ty TNHH Thương mại
            // Sao Mai", "Công ty Cổ phần Dược phẩm Hoàng Gia") under one code: the code copied
            // onto the wrong row as often as one company renamed. A person looks.
            self.add(w::ORG_DIFF, 0);
        }
        // A company's own mail domain under its name (or brand) is the company's, as its
        // office number is: it identifies it (a branch conflict keeps a branch apart).
        if self.domain_same && self.has(flag::NAME | flag::NAME_CLOSE) {
            self.anchor = true;
        }
    }

    fn person_and_org(&mut self) {
        if self.same_name() {
            // A household business or sole proprietorship carries the owner's name. An
            // enterprise's registered name read as a person's («Hồng Tài» beside «Công ty TNHH
            // Hồng Tài») is that name written bare: at its house, the enterprise.
            self.add(w::ORG_SAME, flag::NAME);
            self.registered_bare = self
                .a
                .legal_form()
                .or(self.b.legal_form())
                .is_some_and(is_enterprise_form);
        } else if bare_brand(self.sa, self.sb, self.a, self.b) {
            // "Thủy Hưng" alone is the brand of "Công ty CP TM DV Thủy Hưng", typed without
            // the business words, not a person; when it is all the company's name but what
            // the company does, it is its name at its house, as a trade name is (`orgs`).
            self.trade_words_apart = brand_is_the_whole_name(self.sa, self.a, self.b);
            self.add(w::ORG_CLOSE, flag::NAME_CLOSE);
        } else if !self.has(flag::TAX) {
            self.add(w::KIND_DIFF, flag::KIND_CONFLICT);
        }
    }

    /// An office's number belongs to the company: with its name (or its brand typed alone),
    /// it identifies it (a branch has its own name and number; a branch conflict keeps it
    /// apart).
    fn office_line(&mut self) {
        if (self.sa.kind == PartyKind::Org || self.sb.kind == PartyKind::Org)
            && self.has(flag::LANDLINE)
            && self.has(flag::NAME | flag::NAME_CLOSE)
        {
            self.add(w::ORG_LANDLINE - w::LANDLINE_SAME, 0);
            self.anchor = true;
        } else if self.sa.kind == PartyKind::Person
            && self.sb.kind == PartyKind::Person
            && self.has(flag::LANDLINE)
            && self.has(flag::NAME)
            && self.sa.syllables >= 3
            && self.sb.syllables >= 3
        {
            // A home's number under one whole name: the household shares the number, its
            // members never share a whole name.
            self.add(w::HOME_LINE - w::LANDLINE_SAME, 0);
            self.anchor = true;
        }
    }

    fn address(&mut self) {
        let (sa, sb, a, b) = (self.sa, self.sb, self.a, self.b);
        if sa.addr == 0 || sb.addr == 0 {
            return;
        }
        if sa.addr == sb.addr {
            self.add(w::ADDR_SAME, flag::ADDRESS);
            // A hamlet's address holds many households, but one enterprise of a registered
            // name, one shop of a trade name, and no two people of one rare whole name: with
            // them, the place anchors as a house number does (a household shares the place,
            // never a whole name).
            self.anchor |= (sa.house != 0 && !self.marks_differ)
                || self.registered
                || self.one_trade_name()
                || self.rare_whole_name()
                || self.name_on_home_line;
            if sa.house != 0 {
                self.at_one_house();
            }
        } else if sa.house != 0 && sa.house == sb.house {
            // Same house number: one address written two ways ("Số 218 phố Đội Cấn, H. Gia
            // Lâm, HN" / "218 Đội Cấn, Huyện Gia Lâm, Hà Nội") when the street is one and the
            // wards and districts agree (see `addr`); "12 Lê Lợi" alone exists in every city.
            let same = if EXACT {
                one_house(&a.addr_key, a.province, &b.addr_key, b.province)
            } else {
                SameHouse::Confirmed
            };
            match same {
                SameHouse::Confirmed => {
                    self.add(w::ADDR_SAME, flag::ADDRESS);
                    self.anchor |= !self.marks_differ;
                    self.at_one_house();
                }
                SameHouse::Unconfirmed => {
                    self.add(w::ADDR_CLOSE, 0);
                    // One house on one street in one province, a ward left out on one row:
                    // under one registered name, the enterprise's.
                    self.anchor |= self.registered;
                }
                SameHouse::Different => self.delivered_here_or_apart(),
            }
        } else if self.registered
            && sa.house == 0
            && sb.house == 0
            && (!EXACT
                || addr::commune_left_out(
                    &a.addr_key,
                    &b.addr_key,
                    a.province.map(|p| p.key),
                    b.province.map(|p| p.key),
                ))
        {
            // One hamlet, its commune left out on one row ("Ấp 3, Huyện Bình Chánh" / "Ấp 3,
            // Xã Bình Hưng, Huyện Bình Chánh"), under one registered name: the enterprise's.
            self.add(w::ADDR_SAME, flag::ADDRESS);
            self.anchor = true;
        } else {
            self.delivered_here_or_apart();
        }
    }

    /// Two contact addresses that are not one place: one row's goods may go to the other's
    /// address ("Hoàng Tài" delivering to 226/12 Hùng Vương, where the other row has it), the
    /// same house then, as when the addresses agree. That anchors one registered or trade
    /// name, or a rare whole name: a person sends goods to a relative's or a colleague's house
    /// as often as to their own.
    fn delivered_here_or_apart(&mut self) {
        if self.delivered_here() {
            self.add(w::ADDR_SAME, flag::ADDRESS);
            self.anchor |= !self.marks_differ
                && (self.registered || self.one_trade_name() || self.rare_whole_name());
        } else {
            self.addresses_differ();
        }
    }

    /// Whether one row's goods go to the other row's house: the house numbers first
    /// ([`Sig::delivery`]), then (exact pass) the two addresses, as [`addr::same_house`]
    /// confirms them.
    fn delivered_here(&self) -> bool {
        let meets = |s: &Sig, o: &Sig, n: &Norm, on: &Norm| {
            s.delivery != 0
                && s.delivery == super::sig::low32(o.house)
                && (!EXACT || {
                    let delivery = crate::normalize::address::parse_address(&n.delivery).key;
                    one_house(&delivery, n.province, &on.addr_key, on.province)
                        == SameHouse::Confirmed
                })
        };
        meets(self.sa, self.sb, self.a, self.b) || meets(self.sb, self.sa, self.b, self.a)
    }

    /// Two rows of one organisation's name (or brand) at one address that name one contact
    /// person by a whole name ("Nguyễn Việt Hoan" on "Cty Delta Việt Nam" and "Công ty CP
    /// Thiết bị Y tế Delta Việt Nam"): the company's person there, as its office number is its
    /// line. Legal forms that cannot be one company's keep two companies of one owner apart.
    fn contact_person(&mut self) {
        let (sa, sb) = (self.sa, self.sb);
        if sa.contact != 0
            && sa.contact == sb.contact
            && self.has(flag::ADDRESS)
            && self.has(flag::NAME | flag::NAME_CLOSE)
            && crate::normalize::name::forms_may_agree(self.a.legal_form(), self.b.legal_form())
        {
            self.add(w::CONTACT_SAME, flag::CONTACT);
            self.anchor = true;
        }
    }

    /// Two organisations of one trade name of two words or more ("thuc pham sao tien",
    /// legal forms aside).
    fn one_trade_name(&self) -> bool {
        self.sa.kind == PartyKind::Org
            && self.sb.kind == PartyKind::Org
            && self.has(flag::NAME)
            && self.a.name_key.contains(' ')
    }

    /// One person's whole name (three words or more) on both rows, rare in the book (weighed
    /// at [`RARE_NAME`] bits or more), and no mobile or email that differs.
    fn rare_whole_name(&self) -> bool {
        let (sa, sb) = (self.sa, self.sb);
        sa.kind == PartyKind::Person
            && sb.kind == PartyKind::Person
            && self.has(flag::NAME)
            && sa.syllables >= 3
            && sb.syllables >= 3
            && sa.name_w.min(sb.name_w) >= RARE_NAME
            && !self.mobile_diff
            && !self.email_diff
    }

    /// At one house, a household shares the family name, never the given name: a middle name
    /// left out there, or one word of the name slipped into no syllable, is the same person's.
    fn at_one_house(&mut self) {
        if self.registered_bare {
            self.add(w::ORG_REGISTERED, 0);
        }
        if self.has(flag::NAME)
            && !self.marks_differ
            && self.sa.kind == PartyKind::Person
            && self.sb.kind == PartyKind::Person
            && self.sa.syllables >= 3
            && self.sb.syllables >= 3
            && !self.mobile_diff
            && !self.email_diff
        {
            // «Nguyễn Thanh Thông» twice at 49/135 Phan Châu Trinh: a household shares the
            // family name and the house, never a whole name.
            self.add(w::WHOLE_NAME_AT_HOME, 0);
        }
        if self.trade_words_apart {
            // «Công ty TNHH Phoenix» and «Cty TNHH Vật liệu Xây dựng Phoenix» at one house: one
            // company's name, what it does written out on one row.
            self.add(w::TRADE_AT_HOUSE, 0);
        }
        if self.name_at_home {
            // In place of the typo's weight when the two names also read as one typo apart.
            let close = if self.has(flag::NAME_CLOSE) {
                w::NAME_CLOSE
            } else {
                0.0
            };
            self.add(w::MIDDLE_AT_HOME - close, flag::NAME_CLOSE);
            if self.given_slipped {
                // The given name is the word that slipped: it weighs as the given name still
                // (the reason says only that the names are close: they are not the same).
                self.add(w::GIVEN_SAME, 0);
            }
        }
    }

    /// Two addresses that are not one: evidence against, unless one is only where a row's
    /// goods went (a delivery address differs from a contact address as often as not).
    fn addresses_differ(&mut self) {
        if !(self.sa.addr_delivery() || self.sb.addr_delivery()) {
            self.add(w::ADDR_DIFF, 0);
        }
    }

    fn province(&mut self) {
        if let (Some(pa), Some(pb)) = (self.sa.province, self.sb.province) {
            match province_agreement(pa, pb) {
                ProvinceAgreement::Same | ProvinceAgreement::MergedTogether => {
                    self.add(w::PROVINCE_SAME, flag::PROVINCE);
                }
                ProvinceAgreement::Different => self.add(w::PROVINCE_DIFF, 0),
            }
        }
    }

    /// A letter lost from a given name is the same person only when a mobile and an email
    /// agree, or one of them and the address: a household shares an address and a landline,
    /// rarely a mobile and never both.
    fn settle_given(&mut self) {
        if !self.weak_given {
            return;
        }
        let both = self.has(flag::EMAIL) && self.has(flag::MOBILE);
        if both || self.has(flag::ADDRESS) {
            self.f |= flag::GIVEN_KEYSTROKE;
        } else {
            self.add(w::GIVEN_DIFF, flag::GIVEN_CONFLICT);
        }
    }

    /// Two company names a syllable apart ([`another_syllable`]) are one company's at its own
    /// domain, office number, address or mobile, not by a public mailbox alone (one typed
    /// wrong is another company's as easily).
    fn names_settled(&self) -> bool {
        !self.syllable_apart
            || self.domain_same
            || self.sa.domain != 0
            || self.has(flag::ADDRESS | flag::LANDLINE | flag::MOBILE)
    }

    fn evidence(&self) -> Evidence {
        let (s, f) = (self.s, self.f);
        let verdict = if self.has(flag::TAX_CONFLICT | flag::BRANCH_CONFLICT) {
            // Two taxpayers: only a shared personal identifier makes it worth a look.
            if self.has(flag::EMAIL | flag::MOBILE) && s >= w::MERGE {
                Verdict::Review
            } else {
                Verdict::Separate
            }
        } else if s >= w::MERGE
            && self.anchor
            && !(self.mobile_diff && self.email_diff)
            && self.names_settled()
        {
            // Both personal identifiers differ (two mobiles, two emails): a name and an
            // address shared by two people, or one who changed both; a person decides.
            Verdict::Merge
        } else if s >= w::REVIEW
            && (self.has(flag::TAX | flag::EMAIL | flag::MOBILE | flag::LANDLINE | flag::ADDRESS)
                || (self.domain_same && self.has(flag::NAME)))
        {
            // A person can judge a pair that shares something besides a name (a company's
            // name at its own mail domain is such a thing); a name alone ("Nguyễn Văn Anh"
            // twice) gives them nothing to go on.
            Verdict::Review
        } else {
            Verdict::Separate
        };
        Evidence {
            score: s,
            flags: f,
            verdict,
        }
    }
}

/// Whether two names of one key are written with the same tone marks, word by word: a name
/// typed without any marks says nothing either way.
fn marks_agree(a: &str, b: &str) -> bool {
    use crate::normalize::text::fold_key;
    if a == b || a.is_ascii() || b.is_ascii() {
        return true;
    }
    // Most pairs differ only in case («NGUYỄN VĂN AN», «Nguyễn Văn An»): no string is made.
    if a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
    {
        return true;
    }
    let (la, lb) = (lower_marked(a), lower_marked(b));
    la.split_whitespace()
        .zip(lb.split_whitespace())
        .all(|(x, y)| x == y || fold_key(x) != fold_key(y))
}

/// Words of many companies' names: alone, they are no brand.
const GENERIC_NAME_WORDS: &[&str] = &[
    "thuong", "mai", "dich", "vu", "san", "xuat", "xay", "dung", "dau", "tu", "phat", "trien",
    "cong", "nghe", "ky", "thuat", "thiet", "bi", "viet", "nam", "quoc", "te", "van", "tai",
    "nhap", "khau", "cua", "hang", "group", "tong", "hop",
];

/// Every word of the shorter organisation key in the longer, the shorter of one distinctive
/// word or more ("global" in "xuat nhap khau global"): the business words left out, the same
/// brand.
fn words_within(a: &str, b: &str) -> bool {
    const GENERIC: &[&str] = GENERIC_NAME_WORDS;
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty()
        && short.len() < long.len()
        && short.split(' ').any(|w| !GENERIC.contains(&w))
        && short.split(' ').all(|w| long.split(' ').any(|x| x == w))
}

/// Two keys of as many words that differ in one word only, both of them Vietnamese syllables
/// ("toan" / "tan"): another name, as likely as a typo ("duongg", "lnog" are no syllables).
fn another_syllable(a: &str, b: &str) -> bool {
    use crate::normalize::text::is_unmarked_syllable;
    let (mut wa, mut wb) = (a.split(' '), b.split(' '));
    let mut differ = None;
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if differ.is_none() => differ = Some((x, y)),
            _ => return false,
        }
    }
    differ.is_some_and(|(x, y)| is_unmarked_syllable(x) && is_unmarked_syllable(y))
}

/// The last word of a key ("" for an empty key).
fn last_word(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or("")
}

/// One company's trade name written with and without what it does ("phoenix" / "vat lieu xay
/// dung phoenix", "tm dv ngoc hai" / "thuong mai dich vu ngoc hai", "cua hang phuong anh" /
/// "cua hang dien may phuong anh"), or its own words one slip apart ("sao nam" / "sx tm sao
/// nm", see [`slipped_into_no_syllable`]): the trades of one row are among the other's, and
/// what is left names something of its own (not "viet" alone; a word of three letters or more).
/// Of two keys alone, as if both names were typed without marks.
#[cfg(test)]
fn business_words_apart(a: &str, b: &str) -> bool {
    business_words_apart_as_written((a, ""), (b, ""))
}

/// The words of [`GENERIC_NAME_WORDS`] as those words are written: a brand's word of the same
/// letters written with other marks is its own («Vạn Nam»: vạn is no vận; «Kỳ Á», «Văn Tài»).
const GENERIC_AS_WRITTEN: &[&str] = &[
    "thương", "mại", "dịch", "vụ", "sản", "xuất", "xây", "dựng", "đầu", "tư", "phát", "triển",
    "công", "nghệ", "kỹ", "kĩ", "thuật", "thiết", "bị", "việt", "nam", "quốc", "tế", "vận", "tải",
    "nhập", "khẩu", "cửa", "hàng", "group", "tổng", "hợp",
];

/// Whether a name writes the key word `word` with marks that none of the generic words of its
/// letters has ([`GENERIC_AS_WRITTEN`]); a name typed without marks tells nothing.
fn written_as_no_generic_word(name: &str, word: &str) -> bool {
    use crate::normalize::text::{fold_key, lower_marked};
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_ascii() && w.len() <= word.len() + 6)
        .any(|w| fold_key(w) == word && !GENERIC_AS_WRITTEN.contains(&lower_marked(w).as_str()))
}

/// Whether two organisations' keys are one trade name written with and without what it does
/// (`business_words_apart`, tested on keys alone), each key beside its name as written: marks
/// may show a generic word's letters to be the brand's own word.
fn business_words_apart_as_written((a, na): (&str, &str), (b, nb): (&str, &str)) -> bool {
    let generic = |w: &str| {
        GENERIC_NAME_WORDS.contains(&w)
            && !written_as_no_generic_word(na, w)
            && !written_as_no_generic_word(nb, w)
    };
    // The names' last words are the cores' last words: one, or a slip apart (most pairs of
    // two companies end here, before any word is read twice).
    let (la, lb) = (last_word(a), last_word(b));
    if a == b || (la != lb && !osa_within_one(la.as_bytes(), lb.as_bytes())) {
        return false;
    }
    let ((ca, ta), (cb, tb)) = (super::sig::trade_core(a), super::sig::trade_core(b));
    let within = |x: &[&[&str]], y: &[&[&str]]| x.iter().all(|t| y.contains(t));
    let shops = || super::sig::is_shop(a) && super::sig::is_shop(b);
    // A word of the core that is no business word; or, on two shops, the core one word: a
    // shop named for its owner («Cửa hàng Dung», «Cửa hàng Điện nước Dung»).
    // Or two words or more, none a business word: a brand of short syllables («Hà Á»).
    let own_name = |core: &str, owners_shop: bool| {
        let short_brand = core.contains(' ') && core.split(' ').all(|w| !generic(w));
        short_brand
            || core
                .split(' ')
                .any(|w| w.len() >= 3 && (owners_shop || !generic(w)))
    };
    if let Some(core) = paint_shop(ca, cb)
        .or_else(|| paint_shop(cb, ca))
        .filter(|_| shops())
    {
        // «Cửa hàng Sơn Tuyết Kim» beside «CH Tuyết Kim»: paint is the one trade the other
        // leaves out (that row's trades are none or among the paint shop's); the name is of
        // two words or more, no owner's shop.
        let (plain, paint) = if ca == core { (&ta, &tb) } else { (&tb, &ta) };
        return within(plain, paint) && own_name(core, false);
    }
    let owners_shop = !ca.contains(' ') && shops();
    (ca == cb || slipped_into_no_syllable(ca, cb))
        && (within(&ta, &tb) || within(&tb, &ta))
        && own_name(ca, owners_shop)
}

/// The other shop's core when a shop's core is «Sơn» (paint) before it: «Sơn» is no trade word
/// on its own (a given name as common as any: «Cửa hàng Sơn Nam» is as often a shop named Sơn
/// Nam as Nam's paint shop), only before a name of two words or more the other row writes
/// without it (a shop's name of three words is rare).
fn paint_shop<'k>(core: &str, other: &'k str) -> Option<&'k str> {
    (other.contains(' ') && core.strip_prefix("son ") == Some(other)).then_some(other)
}

/// Two keys of as many words (two or more) that differ in one word only, one slip apart
/// (a letter typed wrong, left out, added or two swapped), where one of the two is a Vietnamese
/// syllable of three letters or more and the other none ("long" / "lnog", "hung" / "hng"):
/// the same word, typed wrong. Foreign words and acronyms (no syllables either) never count.
fn slipped_into_no_syllable(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut wa, mut wb) = (a.split(' '), b.split(' '));
    let (mut words, mut differ) = (0, None);
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if differ.is_none() => differ = Some((x, y)),
            _ => return false,
        }
        words += 1;
    }
    words >= 2 && differ.is_some_and(|(x, y)| word_slipped(x, y))
}

/// Two words of a key, one a syllable of three letters or more and the other one letter
/// lost, doubled, replaced or two turned from it into no syllable ("nguyen" / "ngueyn").
fn word_slipped(x: &str, y: &str) -> bool {
    use crate::normalize::text::is_unmarked_syllable;
    let (right, slip) = match (is_unmarked_syllable(x), is_unmarked_syllable(y)) {
        (true, false) => (x, y),
        (false, true) => (y, x),
        _ => return false,
    };
    right.len() >= 3
        && slip.bytes().all(|c| c.is_ascii_lowercase())
        && osa_within_one(right.as_bytes(), slip.as_bytes())
}

/// Whether two name keys share no word (a company renamed keeps its distinctive words when
/// it changes its legal form: "Công ty TNHH ABC" → "Công ty Cổ phần ABC").
fn no_word_in_common(a: &str, b: &str) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && !a
            .split(' ')
            .filter(|w| !w.is_empty())
            .any(|w| b.split(' ').any(|x| x == w))
}

/// One row is an organisation and the other's whole name ends its name: the brand typed
/// alone ("Thủy Hưng", "Loi Son Tai" for "Công ty TNHH TM DV Lợi Sơn Tài"), two words or more.
fn bare_brand(sa: &Sig, sb: &Sig, a: &Norm, b: &Norm) -> bool {
    let (person, org, pk, ok) = match (sa.kind, sb.kind) {
        (PartyKind::Org, PartyKind::Person) => (sb, sa, &b.name_key, &a.name_key),
        (PartyKind::Person, PartyKind::Org) => (sa, sb, &a.name_key, &b.name_key),
        _ => return false,
    };
    if person.syllables < 2 || org.given_or_brand == 0 {
        return false;
    }
    if person.syllables == 2 {
        // "Hải Âu" may have been read as given name first ("au hai"): the words decide.
        return person.name == org.given_or_brand
            || super::sig::brand(ok).is_some_and(|br| same_tokens(pk, br));
    }
    ok.strip_suffix(pk.as_str())
        .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
}

/// Of a pair that is a [`bare_brand`]: the words typed alone are all the organisation's name
/// but its shop and business words ("hong tai" / "hong tai", "nhat minh" / "cua hang nhat
/// minh", "dat phong" / "xay dung thuong mai dat phong"; not "phuc" / "thiet bi phuc an").
fn brand_is_the_whole_name(sa: &Sig, a: &Norm, b: &Norm) -> bool {
    let (pk, ok) = if sa.kind == PartyKind::Person {
        (&a.name_key, &b.name_key)
    } else {
        (&b.name_key, &a.name_key)
    };
    let (core, _) = super::sig::trade_core(ok);
    (core == pk.as_str() || same_tokens(core, pk))
        && core
            .split(' ')
            .any(|w| w.len() >= 3 && !GENERIC_NAME_WORDS.contains(&w))
}

/// The same words in another order ("Nguyen Van Nam" / "Nam Nguyen Van").
fn same_tokens(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // Names have a handful of words: sort them on the stack (scoring calls this ~10⁶ times).
    const MAX: usize = 12;
    let (na, nb) = (a.split(' ').count(), b.split(' ').count());
    if na != nb {
        return false;
    }
    if na > MAX {
        let mut ta: Vec<&str> = a.split(' ').collect();
        let mut tb: Vec<&str> = b.split(' ').collect();
        ta.sort_unstable();
        tb.sort_unstable();
        return ta == tb;
    }
    let (mut ta, mut tb) = ([""; MAX], [""; MAX]);
    for (slot, t) in ta.iter_mut().zip(a.split(' ')) {
        *slot = t;
    }
    for (slot, t) in tb.iter_mut().zip(b.split(' ')) {
        *slot = t;
    }
    ta[..na].sort_unstable();
    tb[..nb].sort_unstable();
    ta[..na] == tb[..nb]
}

/// Two given names one keystroke apart ("hai"/"hia", "thuy"/"thuyy"). A short one counts only
/// when it is no Vietnamese syllable ("ln"/"lan", "ah"/"anh"): "an"/"anh" and "la"/"lan" are
/// two real names.
pub fn given_typo(a: &str, b: &str) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la < 2 || lb < 2 || strsim::osa_distance(a, b) > 1 {
        return false;
    }
    (la >= 3 && lb >= 3) || !is_vietnamese_syllable(a) || !is_vietnamese_syllable(b)
}

/// A two-word person name whose first word is an honorific ("anh hao"): the name parser keeps
/// it, as "Anh" is also a given name, but it is no family name.
fn honorific_first(n: &Norm) -> bool {
    is_honorific_word(n.family()) || called_by_given(n)
}

/// «Chị Mỹ Liên», «Anh Hữu Tùng»: after an honorific, two words that start with no family name
/// are the middle and given names a person is called by; the family name is left out.
fn called_by_given(n: &Norm) -> bool {
    n.honorific().is_some() && !crate::normalize::name::is_common_family(n.family())
}

/// `a` is the middle and given names `b`'s person is called by ([`called_by_given`]): «Anh
/// Hữu Tùng» for «Nguyễn Hữu Tùng», «Chú Trung Hiển» for «Nguyễn Trung Hiển»; its first word
/// is the middle name just before `b`'s given name (the given names are compared apart).
fn called_by_middle(a: &Norm, sa: &Sig, b: &Norm, sb: &Sig) -> bool {
    sa.syllables == 2
        && sb.syllables >= 3
        && called_by_given(a)
        && middle(&b.name_key).rsplit(' ').next() == Some(a.family())
}

/// Two words one keystroke apart, whatever they are ("ha"/"hoa").
pub fn one_keystroke(a: &str, b: &str) -> bool {
    a.len() >= 2 && b.len() >= 2 && strsim::osa_distance(a, b) <= 1
}

/// `a` is `b` typed given name first and perhaps without its middle names ("mai le" /
/// "le bich mai", "ha nguyen" / "nguyen thi minh ha"): `a`'s first word is `b`'s given name and
/// its other words, from `b`'s family name on, come in `b`'s order; or the Western way, the
/// family name last and the middle names between, as close as [`middles_close`] asks
/// ("quynh th bui" / "bui thi quynh").
pub fn given_first(a: &str, b: &str) -> bool {
    given_first_with(a, b, |x, y| x == y, |x, y| x == y)
}

/// [`given_first`] with one name a keystroke off: the given name ([`given_typo`]: "trinhh vu"
/// / "vu ngoc trinh", "vna tran" / "tran thi van") or a middle name ("tuyet do phuong" / "do
/// pphuong tuyet").
pub fn given_first_typo(a: &str, b: &str) -> bool {
    given_first_with(a, b, given_typo, |x, y| x == y)
        || given_first_with(a, b, |x, y| x == y, one_keystroke)
}

fn given_first_with(
    a: &str,
    b: &str,
    same_given: impl Fn(&str, &str) -> bool,
    same_middle: impl Fn(&str, &str) -> bool,
) -> bool {
    let (Some((given, rest)), Some((b_rest, b_given))) = (a.split_once(' '), b.rsplit_once(' '))
    else {
        return false;
    };
    if !same_given(given, b_given) {
        return false;
    }
    if let (Some((a_middle, family)), Some((b_family, b_middle))) =
        (rest.rsplit_once(' '), b_rest.split_once(' '))
    {
        if family == b_family && middles_close(a_middle, b_middle) {
            return true;
        }
    }
    // `b` written with no middle name at all ("ly ngan" / "ngan ly hoai") left out
    // whatever middle names `a` gives, as `a` may leave out `b`'s.
    let b_has_middle = b_rest.contains(' ');
    let mut b_words = b_rest.split(' ');
    let mut first = true;
    for w in rest.split(' ') {
        // The family name must be `b`'s first word; middle names may be left out.
        let found = if first {
            b_words.next() == Some(w)
        } else {
            !b_has_middle || b_words.any(|x| same_middle(x, w))
        };
        if !found {
            return false;
        }
        first = false;
    }
    true
}

/// The middle names (the words between the family and the given name) are one: equal, left
/// out on one side, or a keystroke apart.
pub(crate) fn middles_agree(a: &str, b: &str) -> bool {
    middles_close(middle(a), middle(b))
}

/// Two persons' middle names (folded, see [`middle`]) are one: equal, one left out, one the
/// start or the end of the other ("thi" in "thi mai"), or a keystroke apart ("huu", "hu").
pub(crate) fn middles_close(a: &str, b: &str) -> bool {
    let part_of = |long: &str, short: &str| {
        long.strip_prefix(short).is_some_and(|r| r.starts_with(' '))
            || long.strip_suffix(short).is_some_and(|r| r.ends_with(' '))
    };
    a.is_empty()
        || b.is_empty()
        || a == b
        || part_of(a, b)
        || part_of(b, a)
        || if a.is_ascii() && b.is_ascii() {
            osa_within_one(a.as_bytes(), b.as_bytes())
        } else {
            strsim::osa_distance(a, b) <= 1
        }
}

/// At most one edit apart: a letter changed, added or left out, or two neighbours swapped
/// (`strsim::osa_distance` ≤ 1, on the bytes of folded, ASCII keys; [`one_keystroke`] is the
/// same for words of two letters or more, through strsim).
fn osa_within_one(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match b.len() - a.len() {
        0 => {
            a[p..].len() <= 1
                || a[p + 1..] == b[p + 1..]
                || (a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
        }
        1 => a[p..] == b[p + 1..],
        _ => false,
    }
}

/// Two addresses at one domain whose mailbox names (six bytes or more) are one letter lost,
/// doubled or two letters turned apart, digits alike: one mailbox mistyped. A letter
/// replaced is not: «hoangtl» and «hoangth» are two people's initials. (The mailbox names
/// first, a few byte comparisons; a domain typed with a slip is read as the mail service's
/// last, see [`match_form`].)
pub(crate) fn mailbox_slip(a: &str, b: &str) -> bool {
    let (Some((la, da)), Some((lb, db))) = (a.rsplit_once('@'), b.rsplit_once('@')) else {
        return false;
    };
    let digits = |s: &str| {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .collect::<smallvec::SmallVec<[u8; 8]>>()
    };
    la != lb
        && la.len().min(lb.len()) >= 6
        && if la.len() == lb.len() {
            transposed(la.as_bytes(), lb.as_bytes())
        } else {
            osa_within_one(la.as_bytes(), lb.as_bytes())
        }
        && digits(la) == digits(lb)
        && (da == db || {
            let (fa, fb) = (match_form(a), match_form(b));
            fa.rsplit_once('@').map(|x| x.1) == fb.rsplit_once('@').map(|x| x.1)
        })
}

/// Two strings of one length that differ by two adjacent letters turned, and nothing else.
fn transposed(a: &[u8], b: &[u8]) -> bool {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..]
}

/// The words between the family and the given name of a person's key ("" for two words).
pub(crate) fn middle(key: &str) -> &str {
    match (key.find(' '), key.rfind(' ')) {
        (Some(a), Some(b)) if a < b => &key[a + 1..b],
        _ => "",
    }
}

/// One person's name typed in another order: the same words, or one given name first.
pub fn reordered(a: &str, b: &str) -> bool {
    same_tokens(a, b) || given_first(a, b) || given_first(b, a)
}

/// Two address keys of one house number compared ([`addr::same_house`]), each with the
/// province its row was read in.
fn one_house(
    a: &str,
    pa: Option<&'static crate::normalize::address::Province>,
    b: &str,
    pb: Option<&'static crate::normalize::address::Province>,
) -> SameHouse {
    let same_province = pa
        .zip(pb)
        .is_some_and(|(x, y)| matches!(province_agreement(x, y), ProvinceAgreement::Same));
    addr::same_house(a, b, pa.map(|p| p.key), pb.map(|p| p.key), same_province)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The middle-name rule as it was written first, with strings and strsim.
    fn middles_agree_as_strsim(a: &str, b: &str) -> bool {
        let middle = |k: &'_ str| -> String {
            let w: Vec<&str> = k.split(' ').collect();
            if w.len() <= 2 {
                String::new()
            } else {
                w[1..w.len() - 1].join(" ")
            }
        };
        let (ma, mb) = (middle(a), middle(b));
        ma.is_empty()
            || mb.is_empty()
            || ma == mb
            || ma.starts_with(&format!("{mb} "))
            || mb.starts_with(&format!("{ma} "))
            || ma.ends_with(&format!(" {mb}"))
            || mb.ends_with(&format!(" {ma}"))
            || strsim::osa_distance(&ma, &mb) <= 1
    }

    proptest! {
        /// The middle names' rule without allocations is the one written with strsim.
        #[test]
        fn middles_close_is_the_strsim_rule(
            a in "(nguyen )?(van |thi |huu |hu |vna |mai |thi mai )*an",
            b in "(nguyen )?(van |thi |huu |hu |vna |mai |thi mai )*an",
        ) {
            let (ka, kb) = (format!("tran {a}"), format!("tran {b}"));
            prop_assert_eq!(
                middles_agree(&ka, &kb),
                middles_agree_as_strsim(&ka, &kb),
                "{} / {}", ka, kb
            );
        }

        #[test]
        fn byte_jaro_winkler_is_strsims(a in "[a-e ]{0,20}", b in "[a-e ]{0,20}") {
            let ours = jaro_winkler_bytes(a.as_bytes(), b.as_bytes());
            prop_assert_eq!(ours.to_bits(), strsim::jaro_winkler(&a, &b).to_bits());
        }
    }

    #[test]
    fn business_words_before_a_trade_name() {
        let apart = business_words_apart;
        assert!(apart("phoenix", "vat lieu xay dung phoenix"));
        assert!(apart("thuong mai dich vu duc viet", "duc viet"));
        assert!(apart("khang ky", "thuong mai khang ky"));
        assert!(apart("dong hung", "san xuat thuong mai dong hung"));
        assert!(apart("hung a", "tm dv hung a"));
        assert!(apart("hong phat", "in an hong phat"));
        assert!(apart("tm dv ngoc hai", "thuong mai dich vu ngoc hai"));
        assert!(apart("cua hang phuong anh", "cua hang dien may phuong anh"));
        assert!(apart("sao nam", "sx tm sao nm"));
        // Two trades under one brand: two companies of one owner as often as one.
        assert!(!apart("xay dung phoenix", "thuc pham phoenix"));
        assert!(!apart("tm dv sao nam", "xay dung sao nam"));
        // A word of its own, a generic name, or the words elsewhere.
        assert!(!apart("phoenix", "phoenix phat"));
        assert!(!apart("hoang gia", "hoang gia phat"));
        assert!(!apart("thuong mai", "xay dung thuong mai"));
        assert!(!apart("duc viet", "thuong mai minh duc viet"));
        assert!(!apart("duc viet", "duc viet"));
        assert!(!apart("viet", "thuong mai viet"));
        // Two shops of one word: named for the owner.
        assert!(apart("cua hang dung", "cua hang dien nuoc dung"));
        assert!(apart("cua hang viet", "cua hang phu tung xe may viet"));
        assert!(!apart("dung", "cua hang dien nuoc dung"));
        assert!(apart("cua hang nam", "cua hang gao nam"));
        assert!(apart("cua hang dien thoai mai", "cua hang mai"));
        assert!(!apart("cua hang son nam", "cua hang nam"));
        assert!(apart("cua hang son tuyet kim", "cua hang tuyet kim"));
        assert!(apart("cua hang son trieu minh", "cua hang trieu minh"));
        assert!(!apart(
            "cua hang son tuyet kim",
            "cua hang dien nuoc tuyet kim"
        ));
        assert!(!apart("son tuyet kim", "tuyet kim"));
        // A brand of short syllables; «In» and «In ấn» are one trade.
        assert!(apart("thuong mai dich vu ha a", "ha a"));
        assert!(apart("in bao bi dai khang", "in an bao bi dai khang"));
        assert!(!apart("viet nam", "thuong mai viet nam"));
    }

    #[test]
    fn a_brand_word_written_with_other_marks_than_a_business_words() {
        let rows = crate::normalize::test_rows(&[
            "Công ty Cổ phần Thương mại Dịch vụ Vạn Nam|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, T.P Thủ Dầu Một, Bình Dương|",
            "CÔNG TY CP Vạn Nam|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, TP. Thủ Dầu Một, tỉnh Bình Dương|",
            "Cửa hàng Văn phòng phẩm Kỳ Á|||Số 14B Trần Hưng Đạo, P.Lê Lợi, Tp Vinh, tỉnh Nghệ An|",
            "Cửa hàng Kỳ Á|||14B Trần Hưng Đạo, P. Lê Lợi, Vinh, tỉnh Nghệ An|",
            "Công ty Cổ phần Thương mại Dịch vụ Việt Nam|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, T.P Thủ Dầu Một, Bình Dương|",
            "CÔNG TY CP Việt Nam|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, TP. Thủ Dầu Một, tỉnh Bình Dương|",
            "CONG TY CP THUONG MAI DICH VU VAN NAM|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, T.P Thủ Dầu Một, Bình Dương|",
            "CONG TY CP VAN NAM|||980 Trần Hưng Đạo, Phường Chánh Nghĩa, TP. Thủ Dầu Một, tỉnh Bình Dương|",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(v(0, 1), Verdict::Merge, "vạn is no vận");
        assert_eq!(v(2, 3), Verdict::Merge, "kỳ is no kỹ");
        assert_ne!(v(4, 5), Verdict::Merge, "Việt Nam is many companies' words");
        assert_ne!(
            v(6, 7),
            Verdict::Merge,
            "typed without marks, «van» may be vận"
        );
    }

    #[test]
    fn a_slip_into_no_syllable_is_the_word_typed_wrong() {
        let slip = slipped_into_no_syllable;
        assert!(slip("thiet bi y te lnog viet", "thiet bi y te long viet"));
        assert!(slip("thuong mai hng thinh", "thuong mai hung thinh"));
        assert!(slip("xay dung hoang phatt", "xay dung hoang phat"));
        // Both syllables: another name as often as a typo.
        assert!(!slip("thiet bi toan long", "thiet bi tan long"));
        // Neither a syllable: foreign words, acronyms.
        assert!(!slip("thiet bi sun flowr", "thiet bi sun flower"));
        assert!(!slip("xnk abc viet", "xnk abd viet"));
        // Two words apart, one word only, or more than one slip.
        assert!(!slip("thiet bi lnog vite", "thiet bi long viet"));
        assert!(slip("duc duongg", "duc duong"));
        assert!(!slip("duongg", "duong"));
        assert!(!slip("thiet bi y te lngo viet", "thiet bi y te long viet"));
        assert!(!slip("thiet bi an vt", "thiet bi an viet"));
    }

    /// The optimistic pass never calls a pair `Separate` that the exact pass would keep.
    #[test]
    fn optimistic_verdict_is_never_below_the_exact_one() {
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Văn Hùng|0912345678||218 Đội Cấn, Ba Đình, Hà Nội|",
            "Nguyễn Văn Hùngg|0912345678||Số 218 phố Đội Cấn, Q. Ba Đình, HN|",
            "Nguyễn Hùng|0987654321||218 Doi Can, Ha Noi|",
            "Nguyễn Văn Hưng|||218 Đội Cấn, Ba Đình, Hà Nội|",
            "Trần Thị Mai|024 3825 1234||12 Lê Lợi, Q.1, TP.HCM|",
            "Tran Thi Mai|024 3825 1234||12 Le Loi, Quan 1, Ho Chi Minh|",
            "Mai Trần Thị||mai@gmail.com|12 Lê Lợi, Q.3, TP.HCM|",
            "Trần Mai||mai@gmail.com|12 Lê Lợi|",
            "Công ty TNHH Thực phẩm Đức Huy|0283822123|||0101248141",
            "Cty TP Đức Huy|0283822123|||",
            "Công ty TNHH Đức Huy Phát|0283822123|info@duchuy.vn||",
            "Chi nhánh Hà Nội - Công ty TNHH Đức Huy|0283822123|info@duchuy.vn||0101248141-001",
            "Hộ kinh doanh Nguyễn Văn Hùng|0912345678|||",
            "Lê Hoàng Nam|0903111222||45 Nguyễn Huệ, Q.1, TP.HCM|",
            "Lê Hoàng Nem|0903111222||45 Nguyen Hue, Quan 1|",
            "Hoàng Nam|0903111223||45 Nguyễn Huệ, Phường Bến Nghé, Q.1, TP.HCM|",
        ]);
        let stats = Stats::new(&rows);
        let sigs: Vec<Sig> = rows
            .iter()
            .map(|n| Sig::new(n, stats.same_name_weight(&n.name_key)))
            .collect();
        let rank = |v: Verdict| match v {
            Verdict::Separate => 0,
            Verdict::Review => 1,
            Verdict::Merge => 2,
        };
        let mut kept = 0;
        for a in 0..rows.len() {
            for b in 0..rows.len() {
                let exact = score_sig::<true>(&sigs[a], &sigs[b], &rows[a], &rows[b]);
                let hi = score_sig::<false>(&sigs[a], &sigs[b], &rows[a], &rows[b]);
                assert!(hi.score >= exact.score, "{a} {b}");
                assert!(rank(hi.verdict) >= rank(exact.verdict), "{a} {b}");
                kept += (exact.verdict != Verdict::Separate) as usize;
            }
        }
        assert!(kept > rows.len(), "the fixture has pairs worth keeping");
    }

    /// One tax code under two company names with no word in common is a code copied onto the
    /// wrong row as often as a renamed company: a person looks. The same name under another
    /// legal form (a company that changed its form keeps its code) and the trade name beside
    /// the legal name still merge.
    #[test]
    fn one_tax_code_under_two_unrelated_company_names_is_for_a_person() {
        let rows = crate::normalize::test_rows(&[
            "Công ty TNHH Thương mại Sao Mai|02439991111|ketoan@saomai.vn||0101248141",
            "Công ty Cổ phần Dược phẩm Hoàng Gia|02363888777|||0101248141",
            "Công ty Cổ phần Thương mại Sao Mai|02439991111|||0101248141",
            "Cty TM Sao Mai||||0101248141",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert_eq!(e(0, 1).verdict, Verdict::Review);
        assert_eq!(e(0, 2).verdict, Verdict::Merge);
        assert_eq!(e(0, 3).verdict, Verdict::Merge);
    }

    /// "Hoa"/"Ha" are two names; under a mobile and an email, or one and the address, a
    /// letter was lost. A landline and an address (a household) are not enough.
    #[test]
    fn given_names_a_letter_apart_need_two_identifiers() {
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Thị Thùy Hoa|0763027937|hoant48@gmail.com||",
            "Nguyễn Thị Thùy Ha|763027937|Hoant48@gmail.com||",
            "Lê Thị Hoa|0243 822 1111||12 Lê Lợi, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội|",
            "Lê Thị Ha|0243 822 1111||12 Lê Lợi, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội|",
            "Lê Văn Sơn|0853780580|||",
            "Lê Văn Sơ|0853780580|||",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert_eq!(e(0, 1).verdict, Verdict::Merge);
        assert!(e(0, 1).has(flag::GIVEN_KEYSTROKE));
        assert_ne!(e(2, 3).verdict, Verdict::Merge, "a household");
        assert_ne!(e(4, 5).verdict, Verdict::Merge, "a mobile alone");
    }

    /// A person's 12-digit identification number on an invoice after July 2025 and the
    /// 10-digit tax code the book noted before: no conflict, the name and address decide. Two
    /// 10-digit codes, or two 12-digit numbers, are two taxpayers.
    #[test]
    fn a_personal_number_does_not_conflict_with_the_code_it_replaced() {
        let rows = crate::normalize::test_rows(&[
            "Lê Thị Xuân|||4A hẻm 2 Phạm Văn Thuận, X. Hố Nai 3, H. Trảng Bom, Đồng Nai|8195894294",
            "LÊ THỊ XUÂN|||Số 4A, hẻm 2, Phạm Văn Thuận, Xã Hố Nai 3, Huyện Trảng Bom, Đồng Nai|075157351024",
            "LÊ THỊ XUÂN|||Số 4A, hẻm 2, Phạm Văn Thuận, Xã Hố Nai 3, Huyện Trảng Bom, Đồng Nai|",
            "Phạm Văn Hùng|||12 Lê Lợi, Q.1, TP.HCM|0101248141",
            "Trần Văn Nam|||5 Lý Thái Tổ, Hà Nội|001085012345",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        // As if the invoice carried no number at all.
        assert_eq!(e(0, 1).verdict, e(0, 2).verdict);
        assert_ne!(e(0, 1).verdict, Verdict::Separate);
        assert_eq!(e(0, 1).flags & flag::TAX_CONFLICT, 0);
        assert_ne!(e(0, 3).flags & flag::TAX_CONFLICT, 0);
        assert_ne!(e(1, 4).flags & flag::TAX_CONFLICT, 0);
    }

    #[test]
    fn a_company_at_its_address_is_one_whatever_its_contacts_mobile() {
        let rows = crate::normalize::test_rows(&[
            "CTY CP SX TM DV Vinh Long Tân|0373743212||Số 143 ngõ 84 đường Lò Đúc, phường Giáp Bát, Quận Hoàng Mai, Hà Nội|",
            "cty cổ phần sản xuất thương mại dịch vụ vinh long tân|84943354666||so 143, ngo 84 Lo Duc, Giap Bat, Hoang Mai, Ha Noi|",
            "Nguyễn Gia Tâm|0373743212||Số 143 ngõ 84 đường Lò Đúc, phường Giáp Bát, Quận Hoàng Mai, Hà Nội|",
            "Nguyễn Gia Tâm|0943354666||so 143, ngo 84 Lo Duc, Giap Bat, Hoang Mai, Ha Noi|",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert_eq!(e(0, 1).verdict, Verdict::Merge);
        assert!(
            e(2, 3).score < e(0, 1).score,
            "two persons' mobiles still differ"
        );
    }

    /// One name at one address: a new mobile alone is the same person who changed number;
    /// two mobiles and two emails are two people, or a case for a person to decide.
    #[test]
    fn both_personal_identifiers_differing_is_no_automatic_merge() {
        let addr =
            "352/15 đường Lý Tự Trọng, Phường Hiệp Bình Phước, Thành phố Thủ Đức, TP. Hồ Chí Minh";
        let mut specs = vec![
            format!("Võ Hoàng Quyết|0933341407|quyetvo62@gmail.com|{addr}|"),
            format!("Võ Hoàng Quyết|0834084687|quyetvo02@icloud.com|{addr}|"),
            format!("Võ Hoàng Quyết|0834084687||{addr}|"),
        ];
        // Other customers, so the name weighs what a rare name weighs in a real book.
        specs.extend((0..1100).map(|i| format!("Đặng Văn Tùng|09{i:08}|||")));
        let specs: Vec<&str> = specs.iter().map(String::as_str).collect();
        let rows = crate::normalize::test_rows(&specs);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert_eq!(e(1, 2).verdict, Verdict::Merge, "the same mobile");
        assert_eq!(
            e(0, 2).verdict,
            Verdict::Merge,
            "a new mobile, no email to differ"
        );
        let both = e(0, 1);
        assert!(
            both.score >= w::MERGE,
            "the score alone would merge: {both:?}"
        );
        assert_eq!(both.verdict, Verdict::Review, "two mobiles and two emails");
    }

    #[test]
    fn genders_the_names_tell_are_compared() {
        let rows = crate::normalize::test_rows(&[
            "Võ Văn Huy|0795927875||5/38 Huỳnh Tấn Phát, Quận Tân Phú, TP. Hồ Chí Minh|",
            "Ông Huy|00841215927875||23 Võ Văn Tần, Phường Trung Mỹ Tây, TP. Hồ Chí Minh|",
            "Anh Minh|0243 822 1111||12 Lê Lợi, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội|",
            "Chị Minh|0243 822 1111||12 Lê Lợi, P. Hàng Bài, Q. Hoàn Kiếm, Hà Nội|",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert!(e(0, 1).has(flag::GENDER));
        assert_eq!(
            e(0, 1).verdict,
            Verdict::Merge,
            "a new address, the same mobile"
        );
        assert!(!e(2, 3).has(flag::GENDER));
        assert_ne!(e(2, 3).verdict, Verdict::Merge, "a household");
    }

    #[test]
    fn the_middle_and_given_names_one_is_called_by_under_a_shared_mobile() {
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Hữu Tùng (mua sỉ)|0944.998.315||Số 165 Lê Lợi, Phường Tây Thạnh, Quận Tân Phú, Thành phố Hồ Chí Minh|",
            "Anh Hữu Tùng|0944998315||175 đường Nguyễn Oanh, P. Cầu Ông Lãnh, Q. 1, Tp.HCM|",
            "Nguyễn Trung Hiển|0967090584|hiennt71@gmail.com|143 Trần Hưng Đạo, Phường 2, Quận 3, TP HCM|",
            "Chú Trung Hiển||hiennt71@gmail.com|Số 758A1 Cộng Hòa, Phường Tân Quy, TP. Hồ Chí Minh|",
            "Anh Văn Tùng|0944998315||175 đường Nguyễn Oanh, P. Cầu Ông Lãnh, Q. 1, Tp.HCM|",
            "Anh Hữu Tùng|0903112233||175 đường Nguyễn Oanh, P. Cầu Ông Lãnh, Q. 1, Tp.HCM|",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(v(0, 1), Verdict::Merge, "a new address, the same mobile");
        assert_eq!(v(2, 3), Verdict::Merge, "a new address, the same email");
        assert_ne!(v(0, 4), Verdict::Merge, "another middle name");
        assert_ne!(v(0, 5), Verdict::Merge, "no mobile shared");
    }

    #[test]
    fn the_middle_and_given_names_one_is_called_by_at_one_house() {
        let rows = crate::normalize::test_rows(&[
            "Phạm Đức Phong|||56 Đ. Nguyễn Thị Minh Khai, Xã Phước Vĩnh An, Huyện Củ Chi, TP.HCM|",
            "Anh Đức Phong|0864891461||Số 56, đường Nguyễn Thị Minh Khai, xã Phước Vĩnh An, huyện Củ Chi, TPHCM|",
            "Anh Văn Phong|0864891461||Số 56, đường Nguyễn Thị Minh Khai, xã Phước Vĩnh An, huyện Củ Chi, TPHCM|",
            "Phạm Đức Phong|0903112233||56 Đ. Nguyễn Thị Minh Khai, Xã Phước Vĩnh An, Huyện Củ Chi, TP.HCM|",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "called by his middle and given names"
        );
        assert_ne!(
            v(0, 2),
            Verdict::Merge,
            "another middle name: another person"
        );
        assert_ne!(v(3, 1), Verdict::Merge, "two mobiles");
    }

    #[test]
    fn a_home_line_under_one_whole_name_is_one_person() {
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Như Mai|02253514563|nguyennhumai@gmail.com|Số 1B Hoàng Văn Thụ, Phường Đằng Lâm, quận Hải An, TP. Hải Phòng|",
            "Nguyễn Như Mai|0225.351.4563|||",
            "Nguyễn Như Lan|0225.351.4563|||",
            "Như Mai|02253514563|||",
            "Như Mai|0225.351.4563|||",
        ]);
        let stats = Stats::new(&rows);
        let e = |a: usize, b: usize| score(&rows[a], &rows[b], &stats);
        assert_eq!(e(0, 1).verdict, Verdict::Merge);
        assert_ne!(e(1, 2).verdict, Verdict::Merge, "one household, two people");
        assert_ne!(
            e(3, 4).verdict,
            Verdict::Merge,
            "two words are no whole name"
        );
    }

    #[test]
    fn middle_names_that_differ_are_no_typo() {
        assert!(!middles_agree("hoang thi thanh hien", "hoang thi thu hien"));
        assert!(middles_agree("hoang thi thanh hien", "hoang thanh hien"));
        assert!(middles_agree(
            "hoang thi thanh hien",
            "hoang thi thnah hien"
        ));
        assert!(middles_agree("le quang", "le duc quang"));
        let rows = crate::normalize::test_rows(&[
            "Hoàng Thị Thanh Hiền|034 819 9260 - 028.3238.3900||34 Đường Sư Vạn Hạnh, Xuân Thới Thượng, H. Hóc Môn|",
            "Hoàng Thị Thu Hiên|0933831693 hoặc 028.3238.3900||34 Sư Vạn Hạnh, Huyện Hóc Môn, TP. Hồ Chí Minh|",
        ]);
        let stats = Stats::new(&rows);
        assert_ne!(score(&rows[0], &rows[1], &stats).verdict, Verdict::Merge);
    }

    #[test]
    fn typos_and_given_name_first() {
        assert!(given_typo("lna", "lan") && given_typo("huung", "hung"));
        // A short one only when it is no Vietnamese syllable.
        assert!(given_typo("ln", "lan") && given_typo("ah", "anh"));
        assert!(!given_typo("la", "lan") && !given_typo("an", "anh"));
        assert!(!given_typo("lan", "long"));
        assert!(given_first("mai le", "le bich mai"));
        assert!(given_first("ha nguyen", "nguyen thi minh ha"));
        assert!(given_first("giang vu thu", "vu thu giang"));
        // The other typed without the middle names the given-first one gives.
        assert!(given_first("ngan ly hoai", "ly ngan"));
        assert!(given_first("duyen tran thi bao", "tran duyen"));
        assert!(!given_first("ngan ly hoai", "le ngan"));
        assert!(!given_first("ngan ly hoai", "ly thu ngan"));
        assert!(
            !given_first("mai le", "tran bich mai"),
            "another family name"
        );
        assert!(!given_first("mai", "le bich mai"));
        assert!(!given_first("le mai", "le bich mai"));
        // The Western way: family name last, middle names between.
        assert!(given_first("quynh thi bui", "bui thi quynh"));
        assert!(
            given_first("quynh th bui", "bui thi quynh"),
            "a letter lost"
        );
        assert!(
            !given_first("quynh van bui", "bui thi quynh"),
            "another middle name"
        );
        assert!(
            !given_first("quynh thi le", "bui thi quynh"),
            "another family name"
        );
        assert!(given_first_typo("trinhh vu", "vu ngoc trinh"));
        assert!(given_first_typo("vna tran", "tran thi van"));
        assert!(!given_first("vna tran", "tran thi van"));
        assert!(!given_first_typo("vna le", "tran thi van"));
        // Given name first and a middle name a keystroke off: one slip, not two.
        assert!(given_first_typo("tuyet do phuong", "do pphuong tuyet"));
        assert!(!given_first("tuyet do phuong", "do pphuong tuyet"));
        assert!(!given_first_typo("tuyetx do phuong", "do pphuong tuyet"));
        assert!(!given_first_typo("tuyet do lan", "do pphuong tuyet"));
    }

    /// A name typed given name first, or a company typed as its brand alone, is the same
    /// customer when a personal identifier or the office's number says so.
    #[test]
    fn given_name_first_and_a_bare_brand_merge_on_an_identifier() {
        let rows = crate::normalize::test_rows(&[
            "mai le|+84821535370|lebichmai@gmail.com||",
            "Lê Bích Mai|0821535370|lebichmai@gmail.com||",
            "Thủy Hưng|+84 914 204 458||so 62 ngo 74 au co, phuong yen hoa, q. cau giay, ha noi|",
            "Công ty CP Thương mại Dịch vụ Thuỷ Hưng|0914204458||Số 62 ngõ 74 Âu Cơ, Yên Hòa, quận Cầu Giấy, Hà Nội|",
            "CÔNG TY TNHH TM-KT Lợi Hải|0241.636.6119|||",
            "Cty. TNHH Thương mại Kỹ thuật Lợi Hải|02226366119|||",
            "Công ty TNHH Lợi Hải Phát|02226366119|||",
            "Loi Son Tai||loisontai.co@gmail.com|202C Trần Hưng Đạo, P. Quang Trung, Tp Hải Dương|",
            "CTY TNHH Thương mại Dịch vụ Lợi Sơn Tài||loisontai.co@gmail.com|202C đường Trần Hưng Đạo, Phường Quang Trung, Tp Hải Dương|",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(v(0, 1), Verdict::Merge);
        assert_eq!(v(2, 3), Verdict::Merge);
        assert_eq!(v(4, 5), Verdict::Merge);
        assert_ne!(v(5, 6), Verdict::Merge, "another name on the same number");
        assert_eq!(v(7, 8), Verdict::Merge, "a three-word brand typed alone");
        let rows = crate::normalize::test_rows(&[
            "Hải Âu|0904 794 871 - 08.8245.8099|||",
            "Công ty Trách nhiệm hữu hạn Sản xuất Thương mại Hải Âu|(028) 82458099|||",
            "Anh Hào||haonguyen62@gmail.com||",
            "NGUYỄN VĂN HÀO|0984738103|haonguyen62@gmail.com||",
            "Anh Nguyen Van|355975402|||",
            "Nguyễn Văn Anh|+84 355 975 402|||",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "a brand alone on the office's number"
        );
        assert_eq!(v(2, 3), Verdict::Merge, "an honorific is no family name");
        assert_eq!(v(4, 5), Verdict::Merge, "a name ends in no Văn");
    }

    /// «Công ty Cổ phần Nam Tài» is a registered name only when the book holds one company of
    /// that form and trade name: beside «CP Vật liệu Xây dựng Nam Tài» and «CP Nội thất Nam
    /// Tài», two rows of it at one company domain are a person's to look at.
    #[test]
    fn a_trade_name_two_companies_share_is_no_registered_name_written_bare() {
        let lines = [
            "Công ty Cổ phần Vật liệu Xây dựng Nam Tài|0237 634 4353|kinhdoanh@namtai.com.vn|162A Nguyễn Huệ, P.Ba Đình, TP Thanh Hóa, Thanh Hóa|",
            "Công ty Cổ phần Nội thất Nam Tài||admin@namtai.com.vn|183 Trần Phú, P. Lê Lợi, TP Vinh, Nghệ An|",
            "Nam Tài (Công ty CP)|0122 269 9808|kinhdoanh@namtai.com.vn||",
            "Công ty Cổ phần Nam Tài||admin@namtai.com.vn|183 Trần Phú, P. Lê Lợi, TP Vinh, Nghệ An|",
        ];
        // Scored as the run scores them: signatures built over the whole book.
        let evidence = |lines: &[&str], a: usize, b: usize| {
            let rows = crate::normalize::test_rows(lines);
            let sigs = super::super::sig::build(&rows);
            score_sig::<true>(&sigs[a], &sigs[b], &rows[a], &rows[b])
        };
        let verdict = |lines: &[&str], a: usize, b: usize| evidence(lines, a, b).verdict;
        let e = evidence(&lines, 2, 3);
        assert_eq!(e.verdict, Verdict::Review);
        // The review sheet says what the pair shares besides the name.
        assert!(e.has(flag::NAME) && e.has(flag::DOMAIN), "{e:?}");
        assert!(e
            .reasons(crate::i18n::Lang::En)
            .contains("same company mail domain"));
        // One company of that trade name in the book: its registered name.
        assert_eq!(verdict(&lines[1..], 1, 2), Verdict::Merge);
        // Two head offices' tax codes under one trade name written bare say as much.
        let taxed = [
            "Công ty Cổ phần Nam Tài|||5 Lê Lợi, Quận 1, TP.HCM|0101248141",
            "Công ty Cổ phần Nam Tài|||12 Trần Phú, TP Vinh, Nghệ An|0300588569",
            "Nam Tài (Công ty CP)|0122 269 9808|kinhdoanh@namtai.com.vn||",
            "Công ty Cổ phần Nam Tài||admin@namtai.com.vn||",
        ];
        assert_eq!(verdict(&taxed, 2, 3), Verdict::Review);
        assert_eq!(verdict(&taxed[2..], 0, 1), Verdict::Merge);
    }

    /// The verdict on each pair of `lines` (indices), scored with their own statistics.
    fn verdicts(lines: &[&str]) -> impl Fn(usize, usize) -> Verdict {
        let rows = crate::normalize::test_rows(lines);
        move |a, b| score(&rows[a], &rows[b], &Stats::new(&rows)).verdict
    }

    /// After a Vietnamese honorific, two words that start with no family name are the middle
    /// and given names a person is called by («Chị Mỹ Liên»): the family name left out, not
    /// another; a middle name the other's is not, another person.
    #[test]
    fn a_person_called_by_middle_and_given_name() {
        let v = verdicts(&[
            "Trần Mỹ Liên|0701179907|lientm@gmail.com|46 Pasteur, quận 10, Thành phố Hồ Chí Minh|",
            "Chị Mỹ Liên||lientm@gmail.com||",
            "Lê Thanh Mai||mai_le15@gmail.com|143/239 đường Nguyễn Thị Minh Khai, thị trấn Củ Chi, H.Củ Chi, TPHCM|",
            "Chị Thanh Mai||mai_le15@gmail.com|143/239 Đường Nguyễn Thị Minh Khai, thị trấn Củ Chi, H.Củ Chi, Thành phố Hồ Chí Minh|",
            "Nguyễn Thị Mai|0281234567||12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM|",
            "Chị Thanh Mai|0281234567||12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM|",
            "Chị Ngọc Mai|0281234567|ngocmai@gmail.com||",
            "Lê Thanh Mai|0281234567|ngocmai@gmail.com||",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one email, the family left out");
        assert_eq!(v(2, 3), Verdict::Merge, "«Mai» is no family name here");
        assert_ne!(v(4, 5), Verdict::Merge, "another middle name, one house");
        assert_ne!(v(6, 7), Verdict::Merge, "another middle name, one email");
    }

    /// A shop written with or without its shop words («Cửa hàng», «Tạp hóa») at one address is
    /// one shop; at another address, or under another name, it is not.
    #[test]
    fn a_shop_with_or_without_its_shop_words() {
        let v = verdicts(&[
            "Cửa hàng Vật liệu xây dựng Diệp Tiến|0945006931||332C Phạm Văn Đồng, phường An Phú, Thủ Đức, TP.HCM|",
            "Vật liệu xây dựng Diệp Tiến|028 6883 8936||Số 332C Phạm Văn Đồng, Phường An Phú, Thủ Đức, Hồ Chí Minh|",
            "Tạp hóa Vật liệu xây dựng Diệp Tiến|0945006932||12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM|",
            "Cửa hàng Vật liệu xây dựng Diệp Tín|0945006933||332C Phạm Văn Đồng, phường An Phú, Thủ Đức, TP.HCM|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one shop, one address");
        assert_ne!(v(0, 2), Verdict::Merge, "another address");
        assert_ne!(v(1, 3), Verdict::Merge, "another name");
    }

    /// A company's contact person named by a whole name on two rows of its name (or brand) at
    /// one address is the company's; a given name alone, or two legal forms that cannot be one
    /// company's, is not.
    #[test]
    fn a_companys_contact_person_at_its_address() {
        // A hamlet's address: at a house, the brand with its business words is the company's
        // whoever the contact is (`business_words_apart`).
        let at = "Ấp 2, Xã Bắc Sơn, Huyện Trảng Bom, Đồng Nai";
        let specs: Vec<String> = [
            ("Cty Delta Việt Nam", "028.6989.4191", "Nguyễn Việt Hoan"),
            (
                "CÔNG TY CỔ PHẦN THIẾT BỊ Y TẾ DELTA VIỆT NAM",
                "0981-294-173",
                "Nguyễn Việt Hoan (Kinh doanh)",
            ),
            (
                "CÔNG TY CỔ PHẦN THIẾT BỊ Y TẾ DELTA VIỆT NAM",
                "0981-294-174",
                "Anh Hoan",
            ),
            (
                "Công ty TNHH Delta Việt Nam",
                "0981-294-175",
                "Nguyễn Việt Hoan",
            ),
            (
                "CÔNG TY CỔ PHẦN THIẾT BỊ Y TẾ DELTA VIỆT NAM",
                "0981-294-176",
                "Trần Văn Hùng",
            ),
        ]
        .iter()
        .map(|(name, phone, contact)| format!("{name}|{phone}||{at}||{contact}"))
        .collect();
        let v = verdicts(&specs.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(v(0, 1), Verdict::Merge, "one contact person");
        assert_ne!(v(0, 2), Verdict::Merge, "a given name alone");
        assert_ne!(
            v(1, 3),
            Verdict::Merge,
            "a joint-stock company and a limited one"
        );
        assert_ne!(v(0, 4), Verdict::Merge, "another contact");
    }

    /// In a hamlet (no house number), a rare whole name is one person's: a row without a
    /// phone joins the rows with one. A name many people of the book have, two mobiles, or a
    /// name of two words, and a person looks. So too for one name key written with other tone
    /// marks at one house.
    #[test]
    fn a_rare_whole_name_in_one_hamlet_and_names_marked_otherwise() {
        let families = [
            "Lý", "Tạ", "Mạc", "Lục", "Khổng", "Từ", "Quách", "Kiều", "Đàm", "Ông",
        ];
        let middles = [
            "Khắc", "Đình", "Bá", "Công", "Quang", "Hữu", "Ngọc", "Thế", "Trọng", "Duy", "Xuân",
            "Hồng",
        ];
        let givens = [
            "Bảo", "Cường", "Dũng", "Tâm", "Khang", "Lộc", "Nhân", "Phúc", "Quý", "Sơn", "Thắng",
            "Toàn", "Vĩnh", "Xuân", "Yên", "Đạt", "Hậu", "Kiên", "Luân", "Tín",
        ];
        let mut lines: Vec<String> = vec![
            "Đỗ Hữu Hiển|||Thôn 2, Xã Kiêu Kỵ, Huyện Gia Lâm, Hà Nội|".into(),
            "ĐỖ HỮU HIỂN|0887 909 575||Thôn 2 - xã Kiêu Kỵ - H. Gia Lâm - TP. Hà Nội|".into(),
            "Đỗ Hữu Hiển|0912 345 678||Thôn 2, Xã Kiêu Kỵ, Huyện Gia Lâm, Hà Nội|".into(),
            "Đỗ Hiển|||Thôn 2, Xã Kiêu Kỵ, Huyện Gia Lâm, Hà Nội|".into(),
        ];
        // A book of 2,400 persons, and «Nguyễn Văn Hùng» common in it.
        for f in families {
            for m in middles {
                for g in givens {
                    lines.push(format!("{f} {m} {g}|||Số 5 Lê Lợi, Quận 1, TP.HCM|"));
                }
            }
        }
        for _ in 0..4 {
            lines.push("Nguyễn Văn Hùng|||Số 9 Lê Lợi, Quận 1, TP.HCM|".into());
        }
        let marks = lines.len();
        for l in [
            "Nguyễn Văn Vĩnh|0965 901 610||157 Lý Thường Kiệt, P. Lộc Phát, TP. Bảo Lộc, Lâm Đồng|",
            "Nguyễn Văn Vinh|0164 313 6759||Số 157 Lý Thường Kiệt, P. Lộc Phát, TP. Bảo Lộc, Lâm Đồng|",
            "Nguyễn Văn Vĩnh|0164 313 6759||Số 157 Lý Thường Kiệt, P. Lộc Phát, TP. Bảo Lộc, Lâm Đồng|",
            "LÊ THỊ THỦY|0914.633.883||số 75 Phạm Văn Đồng, P. An Hải Bắc, Q. Sơn Trà, Đà Nẵng|",
            "Lê Thị Thúy|0914633883||238 Nguyễn Kiệm, Phường 4, Q. Gò Vấp, TP HCM|",
            "Nguyễn Thị Thanh Yến|(024) 2227 7361||Số 45, Ngõ 143, đường Duy Tân, P. Trung Hòa, Q. Cầu Giấy, Hà Nội|",
            "Chị Nguyễn Thí Thanh Yến|02422277361||45/143 đường Duy Tân, P. Trung Hòa, Q. Cầu Giấy, Hà Nội|",
            "NGÔ XUÂN LỢI|||870Bis đường Quang Trung, P.An Lạc, Bình Tân, TP HCM|",
            "Ngô Xuân Lởi|||870Bis Đ. Quang Trung, P. An Lạc, Quận Bình Tân, TP. Hồ Chí Minh|",
            "Ngô Xuân Lội|||870Bis Đ. Quang Trung, P. An Lạc, Quận Bình Tân, TP. Hồ Chí Minh|",
        ] {
            lines.push(l.into());
        }
        let at = lines.len();
        lines.push("Nguyễn Văn Hùng|||Thôn 2, Xã Kiêu Kỵ, Huyện Gia Lâm, Hà Nội|".into());
        lines.push(
            "Nguyễn Văn Hùng|0987 654 321||Thôn 2, Xã Kiêu Kỵ, Huyện Gia Lâm, Hà Nội|".into(),
        );
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let v = verdicts(&lines);
        assert_eq!(v(0, 1), Verdict::Merge, "a rare whole name, one hamlet");
        assert_ne!(v(1, 2), Verdict::Merge, "two mobiles");
        assert_ne!(v(0, 3), Verdict::Merge, "a name of two words");
        assert_ne!(v(at, at + 1), Verdict::Merge, "a common name");
        // One name key written with other marks: at one house, a father and son as often as
        // a slip of the keys; under one mobile, the slip.
        let m = marks;
        assert_ne!(v(m, m + 1), Verdict::Merge, "Vĩnh and Vinh at one house");
        assert_eq!(
            v(m, m + 2),
            Verdict::Merge,
            "Vĩnh at one house, a new mobile"
        );
        assert_eq!(
            v(m + 3, m + 4),
            Verdict::Merge,
            "Thủy and Thúy under one mobile"
        );
        // The given names written alike: the marks slipped elsewhere, and no household shares
        // a given name.
        assert_eq!(
            v(m + 5, m + 6),
            Verdict::Merge,
            "Thị and Thí, one Yến at one house"
        );
        // A given name and its letters under marks no given name has: the slip, at one house;
        // two such slips are not the name.
        assert_eq!(v(m + 7, m + 8), Verdict::Merge, "Lợi and Lởi at one house");
        assert_ne!(
            v(m + 8, m + 9),
            Verdict::Merge,
            "Lởi and Lội, neither a name"
        );
    }

    /// Where one row's goods go may be where the other row is: one registered name there is
    /// one enterprise, as at one address. Another name, or a delivery elsewhere, is not.
    #[test]
    fn a_delivery_address_that_is_the_other_rows_address() {
        let v = verdicts(&[
            "DNTN Hoàng Tài|02583494754||186 Nguyễn Trọng Kỷ, P. Cam Phú, TP. Cam Ranh, Tỉnh Khánh Hòa||Võ Đình Tuấn|số 226/12 Hùng Vương, P. Cam Lộc, Cam Ranh, Khánh Hòa",
            "Doanh nghiệp tư nhân Hoàng Tài|0328843814|dntnhoangtai@gmail.com|226/12 Hùng Vương, Phường Cam Lộc, TP Cam Ranh, Khánh Hòa||",
            "DNTN Hoàng Tài|0328843815||15 Lê Lợi, P. Cam Lộc, TP Cam Ranh, Khánh Hòa||",
            "DNTN Minh Tài|0328843816||226/12 Hùng Vương, Phường Cam Lộc, TP Cam Ranh, Khánh Hòa||",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "delivered to the other's address");
        assert_eq!(v(1, 0), Verdict::Merge, "either way round");
        assert_ne!(v(0, 2), Verdict::Merge, "elsewhere");
        assert_ne!(v(0, 3), Verdict::Merge, "another name");
        // A person delivering to the house of a namesake whose mobile is another: for a
        // person to look at, however rare the name in the book (here one in a thousand).
        let mut rows = vec![
            "pham cong tai|0390.697.881 / 02343953359||64 Nguyễn Huệ - An Cựu - Tp Huế - Huế|||35 Lý Thường Kiệt, Phường Phú Nhuận, TP Huế".to_owned(),
            "Phạm Công Tài|0934090336|phamcongtai@gmail.com|35 Lý Thường Kiệt , Phường Phú Nhuận , TP Huế , Thừa Thiên Huế||".to_owned(),
        ];
        let words = [
            "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khoa", "Long", "Minh", "Nam",
        ];
        let families = [
            "Nguyễn", "Trần", "Lê", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        ];
        for family in families {
            for middle in words {
                for given in words {
                    let n = rows.len();
                    rows.push(format!(
                        "{family} {middle} {given}|09{n:08}||{n} Lê Lợi, TP Huế||"
                    ));
                }
            }
        }
        let lines: Vec<&str> = rows.iter().map(String::as_str).collect();
        let v = verdicts(&lines);
        assert_ne!(v(0, 1), Verdict::Merge, "another mobile, a person's name");
    }

    /// A household shares its home's number and its family name, never a given name: one
    /// name with the middle left out, under one home's number at one address (a hamlet has no
    /// house number to anchor it), is one person. Another given name, or another place, is not.
    #[test]
    fn a_middle_name_left_out_under_one_home_number() {
        let v = verdicts(&[
            "C. Nguyễn Thị Trang|0164 300 4996, 04 6415 1036||Thôn 2 - TT Đông Anh - Huyện Đông Anh - HN|",
            "Nguyen Trang|024 6415 1036|nguyenthitrang84@gmail.com|Thon 2,Thi tran Dong Anh,Huyen Dong Anh,TP. Ha Noi|",
            "Nguyễn Thị Mai|024 6415 1036||Thôn 2 - TT Đông Anh - Huyện Đông Anh - HN|",
            "Nguyen Trang|024 6415 1036||Thôn 5, Xã Kim Chung, Huyện Đông Anh, Hà Nội|",
            "Nguyen Trang|024 6415 1036, 0912345678||Thon 2,Thi tran Dong Anh,Huyen Dong Anh,TP. Ha Noi|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one home, one name");
        assert_ne!(v(1, 2), Verdict::Merge, "another given name");
        assert_ne!(v(0, 3), Verdict::Merge, "another place");
        assert_ne!(v(0, 4), Verdict::Merge, "another mobile");
        // A middle name slipped into no syllable, under one home's number in one hamlet.
        let v = verdicts(&[
            "Nguyễn Kánh Linh|08 7423 8788||Ấp Tây, TT Tân Túc, Huyện Bình Chánh, TP.HCM|",
            "Nguyễn Khánh Linh|028 7423 8788|linhnk82@gmail.com|Ấp Tây, Thị trấn Tân Túc, Huyện Bình Chánh, TPHCM|",
            "Nguyễn Khánh Linh|028 7423 8788||Ấp Đông, Xã Tân Kiên, Huyện Bình Chánh, TPHCM|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one home, one name typed wrong");
        assert_ne!(v(0, 2), Verdict::Merge, "another hamlet");
    }

    /// A company's name typed bare reads as a person's ("Thuan Khang"); its mailbox at the
    /// company's own domain, at the company's house, says whose it is. A public mailbox does
    /// not, nor does an employee's (a person's name, a family name first).
    #[test]
    fn a_bare_name_at_the_companys_domain_and_house() {
        let v = verdicts(&[
            "Thuận Khang|0905517424|sales@thuankhang.vn|Số 133 Cát Bi, Phường Đằng Hải, Q. Hải An, Hải Phòng|0266173730",
            "Thuan Khang|0826666738|thai.lq@thuankhang.vn|133 Cat Bi, P. Dang Hai, Q. Hai An, Hai Phong|",
            "Thuan Khang|0826666738|thuankhang@gmail.com|133 Cat Bi, P. Dang Hai, Q. Hai An, Hai Phong|",
            "Trần Văn Thái|0826666738|thai.tv@thuankhang.vn|133 Cat Bi, P. Dang Hai, Q. Hai An, Hai Phong|",
        ]);
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "the company's domain, at its house"
        );
        assert_ne!(v(0, 2), Verdict::Merge, "a public mailbox");
        assert_ne!(v(0, 3), Verdict::Merge, "an employee");
    }

    /// One row writes from a company's own domain spelling the other row's name (or brand),
    /// and the other has no email: at one address, the company's mailbox says whose the row
    /// is, even with the name typed one letter off. Not a public mailbox, nor a domain of
    /// another name, nor another address.
    #[test]
    fn a_company_domain_that_spells_the_other_rows_name() {
        let v = verdicts(&[
            "Cty TNHH Dịch vụ Hoa Dưng|024 3103 8458|vanphong@hoaduong.com|Số 132 Ngô Gia Tự, Phường Ngọc Thụy, Q.Long Biên, TP. Hà Nội|",
            "Công ty Dịch vụ Hoa Dương|0916650150||132 Ngô Gia Tự, Phường Ngọc Thụy, Quận Long Biên, Hà Nội|",
            "Cty TNHH Dịch vụ Hoa Dưng|024 3103 8458|hoaduong@gmail.com|Số 132 Ngô Gia Tự, Phường Ngọc Thụy, Q.Long Biên, TP. Hà Nội|",
            "Cty TNHH Dịch vụ Hoa Dưng|024 3103 8458|vanphong@hoadung-group.com|Số 132 Ngô Gia Tự, Phường Ngọc Thụy, Q.Long Biên, TP. Hà Nội|",
            "Công ty Dịch vụ Hoa Dương|0916650150||15 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM|",
            // A company's name typed bare, at its domain, in one hamlet.
            "ĐẠI AN|028.3653.1508|muahang@daian.vn|Ấp Tân Hòa - Xã Bình Hưng - huyện Bình Chánh - TP. Hồ Chí Minh|",
            "Công ty Cổ phần Đại An|0942202915||Ấp Tân Hòa, Xã Bình Hưng, H. Bình Chánh, Hồ Chí Minh|",
            "ĐẠI AN|028.3653.1508|daian.muahang@gmail.com|Ấp Tân Hòa - Xã Bình Hưng - huyện Bình Chánh - TP. Hồ Chí Minh|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "the domain spells the name");
        assert_ne!(v(2, 1), Verdict::Merge, "a public mailbox");
        assert_ne!(v(3, 1), Verdict::Merge, "a domain of another name");
        assert_ne!(v(0, 4), Verdict::Merge, "another address");
        assert_eq!(
            v(5, 6),
            Verdict::Merge,
            "a bare name at its domain, in a hamlet"
        );
        assert_ne!(v(7, 6), Verdict::Merge, "a bare name at a public mailbox");
    }

    /// One whole name of three words at one house, no mobile or email differing, is one person
    /// (a household never has two people of one whole name), however common the name; with
    /// another mobile on each row it is two; at another house, nothing.
    #[test]
    fn one_whole_name_at_one_house() {
        let v = verdicts(&[
            "Nguyễn Thanh Thông|(+84) 928 248 140|thong_nguyen@icloud.com|49/135 đường Phan Châu Trinh, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Đà Nẵng|",
            "Nguyễn Thanh Thông|||49/135 Phan Châu Trinh, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Đà Nẵng|",
            "Nguyễn Thanh Thông|0912 345 678||49/135 Phan Châu Trinh, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Đà Nẵng|",
            "Nguyễn Thanh Thông|||12 Lê Duẩn, Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng|",
            // The name common in the book: many others have it.
            "Nguyễn Thanh Thông|0903 000 001|||",
            "Nguyễn Thanh Thông|0903 000 002|||",
            "Nguyễn Thanh Thông|0903 000 003|||",
            "Nguyễn Thanh Thông|0903 000 004|||",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one house");
        assert_ne!(v(0, 2), Verdict::Merge, "two mobiles");
        assert_ne!(v(1, 3), Verdict::Merge, "another house");
    }

    /// A company's name typed bare at the company's house, under another mobile: a company's
    /// mobile is its contact's of the day, so it says nothing. A person's name (an honorific)
    /// with another mobile is somebody.
    #[test]
    fn a_company_typed_bare_under_another_mobile() {
        let v = verdicts(&[
            "ĐỨC VIỆT|+84994716458||Số 204 Phố Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
            "CTY TNHH THƯƠNG MẠI VÀ DỊCH VỤ ĐỨC VIỆT|024 3833 8587 / 0398527138||Số 204 Đ. Khương Trung - Phường Khương Đình - Q. Thanh Xuân - Ha Noi|0141110598",
            "Anh Đức Việt|0994716459||Số 204 Phố Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "the company's name typed bare");
        assert_ne!(v(2, 1), Verdict::Merge, "a person");
    }

    /// One enterprise's name under its legal form is registered once in the country, and two
    /// of its staff write from its own domain: at one address, that is one company. A public
    /// mail service proves nothing, nor does a name without its form, and a branch stays apart.
    #[test]
    fn a_registered_name_and_a_company_domain_at_one_address() {
        let v = verdicts(&[
            "Công ty Cổ phần Sản xuất và Thương mại Quang Anh|0847355900|long.hv@quanganh.com.vn|Số 137 Đồng Khởi, P. Trảng Dài, TP. Biên Hòa, Đồng Nai|",
            "Công ty Cổ phần Sản xuất và Thương mại Quang Anh|+84 705 789 173||137 Dong Khoi, Phuong Trang Dai, TP. Bien Hoa, Tinh Dong Nai|",
            "Cty Sản xuất và Thương mại Quang Anh|+84 705 789 173|ketoan@quanganh.com.vn|137 Dong Khoi, Phuong Trang Dai, TP. Bien Hoa, Tinh Dong Nai|",
            "Sản xuất và Thương mại Quang Anh|0912345678|sxtmquanganh@gmail.com|Số 137 Đồng Khởi, P. Trảng Dài, TP. Biên Hòa, Đồng Nai|",
            "Sản xuất và Thương mại Quang Anh|0987654321|quanganh.sxtm@gmail.com|137 Đồng Khởi, Trảng Dài, Biên Hòa, Đồng Nai|",
            "Công ty Cổ phần Sản xuất và Thương mại Quang Anh - Chi nhánh Đồng Nai|0987654321|cndongnai@quanganh.com.vn|137 Đồng Khởi, Trảng Dài, Biên Hòa, Đồng Nai|",
        ]);
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "same registered name, same address"
        );
        assert_eq!(v(0, 2), Verdict::Merge, "same company domain, same address");
        assert_eq!(v(3, 4), Verdict::Review, "no legal form, public mail");
        assert_eq!(v(0, 5), Verdict::Separate, "head office and branch");
        // In a hamlet, no house number anchors the address: the company's domain does.
        let v = verdicts(&[
            "CÔNG TY DV LONG HƯNG KỲ|02513440052|Info@longhungky.com.vn|Ấp 4, Xã Bắc Sơn, Huyện Trảng Bom, Đồng Nai|",
            "Cty Dịch vụ Long Hưng Kỳ|0979064243|kinhdoanh@longhungky.com.vn|Ấp 4 - Xã Bắc Sơn - Huyện Trảng Bom - Tỉnh Đồng Nai|",
            "Cty Dịch vụ Long Hưng Kỳ|0979064243|longhungky@gmail.com|Ấp 4 - Xã Bắc Sơn - Huyện Trảng Bom - Tỉnh Đồng Nai|",
            "CÔNG TY DV LONG HƯNG KỲ|02513440052|longhungky.dv@gmail.com|Ấp 4, Xã Bắc Sơn, Huyện Trảng Bom, Đồng Nai|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "one company's domain, in a hamlet");
        assert_ne!(v(2, 3), Verdict::Merge, "public mail in a hamlet");
        // A company's name misspelt once ("Duongg", no syllable) is the company's name: at its
        // own domain one company; with another mailbox at its house, a person looks (the
        // registration is read from the name written right).
        let v = verdicts(&[
            "CTY TNHH Duc Duongg|024.3902.7210|duong.pv@ducduong.com.vn|29/250 Quang Trung, phuong Yet Kieu, Quan Ha Dong, Ha Noi|",
            "Cong ty TNHH Duc Duong|091 944 1252|info@ducduong.com.vn|29/250 Duong Quang Trung - P. Yet Kieu - Q.Ha Dong - Ha Noi|0171228371",
            "Cong ty TNHH Duc Duong|091 944 1252|ducduong@gmail.com|29/250 Duong Quang Trung - P. Yet Kieu - Q.Ha Dong - Ha Noi|0171228371",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a typo under one company's domain");
        assert_eq!(v(0, 2), Verdict::Review, "a typo, another mailbox");
        // One word another syllable («Toàn Long», «Tân Long») is another company's name as
        // often as a typo: a shared mailbox elsewhere is for a person to judge; the company's
        // own domain at its address says it is one («Bo Minh» for «Bảo Minh»).
        let v = verdicts(&[
            "Cty Thiet bi Toan Long|0703-299-787|ctytanlong@gmail.com|So 180/11 duong Dai lo Binh Duong, P.Hiep Thanh, Tp. Thu Dau Mot, Binh Duong|",
            "Công ty Thiết bị Tân Long|02862598838|ctytanlong@gmail.com|162 Trần Quốc Thảo, P.14, Quận 3, TP.HCM|",
            "Cty CP In ấn Bảo Minh|(0225) 367 9757|TRANG.T@BAOMINH.COM.VN|46 Quang Trung, P. Phan Bội Châu, Q.Hồng Bàng, Hải Phòng|",
            "Cty In ấn Bo Minh|0945784108|ketoan@baominh.com.vn|Số 46 Quang Trung, P.Phan Bội Châu, Quận Hồng Bàng, Hải Phòng|",
        ]);
        assert_eq!(v(0, 1), Verdict::Review, "another syllable, one mailbox");
        assert_eq!(
            v(2, 3),
            Verdict::Merge,
            "another syllable, the company's domain"
        );
        // A key slipped into a word no Vietnamese syllable is («Lnog» for «Long»): one name
        // typed wrong, at one house the company's; a foreign word («Flowr») is no such proof.
        let v = verdicts(&[
            "Công ty TNHH Thiết bị Y tế Lnog Việt|02513781162||210 Đường 30 Tháng 4 ,P. Tân Hiệp ,TP. Biên Hòa ,Đồng Nai|",
            "Công ty TNHH Thiết bị Y tế Long Việt|84848414892|kinhdoanh@longviet.com.vn|210 đường 30 Tháng 4, Phường Tân Hiệp, TP. Biên Hòa, Tỉnh Đồng Nai|",
            "Công ty TNHH Thiết bị Y tế Long Việt|84848414893||Ấp 2, Huyện Trảng Bom, Đồng Nai|",
            "Công ty TNHH Thiết bị Sun Flowr|0251 378 1163||12 Đường 30 Tháng 4, P. Tân Hiệp, TP. Biên Hòa, Đồng Nai|",
            "Công ty TNHH Thiết bị Sun Flower|0912 345 670||12 Đường 30 Tháng 4, P. Tân Hiệp, TP. Biên Hòa, Đồng Nai|",
        ]);
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "a slip into no syllable, one house"
        );
        assert_ne!(v(0, 2), Verdict::Merge, "a slip, another address");
        assert_ne!(v(3, 4), Verdict::Merge, "a foreign word typed two ways");
        // One trade name with and without what the company does, at one house: one company;
        // another word of its own, another form, or a hamlet is not the same proof.
        let v = verdicts(&[
            "Cty TNHH Vật liệu Xây dựng Phoenix|1226244883||Số 262 Đường Yersin, P. Phú Lợi, TP. Thủ Dầu Một, Bình Dương|",
            "Công ty TNHH Phoenix|0274 684 0625||Số 262 Yersin, P. Phú Lợi, TP. Thủ Dầu Một, Tỉnh Bình Dương|",
            "Công ty CP Phoenix|0274 684 0626||Số 262 Yersin, P. Phú Lợi, TP. Thủ Dầu Một, Tỉnh Bình Dương|",
            "Công ty TNHH Phoenix Phát|0274 684 0627||Số 262 Yersin, P. Phú Lợi, TP. Thủ Dầu Một, Tỉnh Bình Dương|",
            "Cty TNHH Vật liệu Xây dựng Phoenix|0274 684 0628||Ấp 2, Xã Bắc Sơn, H. Trảng Bom, Đồng Nai|",
            "Công ty TNHH Phoenix|0274 684 0629||Ấp 2, Xã Bắc Sơn, H. Trảng Bom, Đồng Nai|",
            "Cty Thương mại và Dịch vụ Đức Việt|024 3833 8587||Số 204 Đ. Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
            "CTY TNHH ĐỨC VIỆT|+84994716458||Số 204 Phố Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "business words, one house");
        assert_ne!(v(0, 2), Verdict::Merge, "another legal form");
        assert_ne!(v(1, 3), Verdict::Merge, "a word of its own");
        assert_ne!(v(4, 5), Verdict::Merge, "a hamlet");
        assert_eq!(
            v(6, 7),
            Verdict::Merge,
            "business words, one house, a form left out"
        );
        let v = verdicts(&[
            "CONG TY TNHH TM & DV NGOC HAI|028 6785 4985||Số 113/28 Xô Viết Nghệ Tĩnh, P.17, Q. Bình Thạnh, TPHCM|",
            "Thương mại và Dịch vụ Ngọc Hải|+84906095036||113/28 Xô Viết Nghệ Tĩnh, P17, Quận Bình Thạnh, TP. Hồ Chí Minh|",
            "Cửa hàng Phương Anh|0905 925 761||223 Cộng Hòa, Phường 10, Q. Tân Bình, TP. Hồ Chí Minh|",
            "CỬA HÀNG ĐIỆN MÁY PHƯƠNG ANH|02869711250||223 đường Cộng Hòa, Phường 10, Q. Tân Bình, TP. Hồ Chí Minh|",
            "Cửa hàng Xây dựng Phương Anh|0905 925 762||223 Cộng Hòa, Phường 10, Q. Tân Bình, TP. Hồ Chí Minh|",
            "CỬA HÀNG ĐIỆN NƯỚC HÒA ANH|0811845030|cuahanghoaanh@gmail.com|Số 160 Hùng Vương, P.Cam Phú, Cam Ranh, Khánh Hoà|8657169060",
            "Cửa hàng Hòa Anh|0331.380.715||160 Hùng Vương, Phường Cam Phú, Thành phố Cam Ranh, Tỉnh Khánh Hòa|",
        ]);
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "business words abbreviated, one house"
        );
        assert_eq!(
            v(2, 3),
            Verdict::Merge,
            "a shop's trade written out, one house"
        );
        assert_ne!(v(3, 4), Verdict::Merge, "two trades under one name");
        assert_eq!(
            v(5, 6),
            Verdict::Merge,
            "a shop's trade («điện nước»), one house"
        );
        // A shop named for its owner: the trades leave one word, a given name or a business
        // word («Dung», «Việt»); «xe máy» is a trade.
        let v = verdicts(&[
            "Cửa hàng Dung|0964.996.572||Số 80 Phạm Văn Đồng, Quận Hoàng Mai, Thành phố Hà Nội|",
            "CH Điện nước Dung|0964996573||Số 80, đường Phạm Văn Đồng, Phường Hoàng Liệt, Quận Hoàng Mai, Thành phố Hà Nội|",
            "CH Mỹ Uyên|||Số 198, đường Đội Cấn, P.Quảng An, Quận Tây Hồ, Hà Nội|",
            "Cửa hàng Phụ tùng xe máy Mỹ Uyên|||Số 198 Đội Cấn, P.Quảng An, Quận Tây Hồ, Hà Nội|",
            "Cửa hàng Điện nước Hùng|0964996574||Số 80 Phạm Văn Đồng, Quận Hoàng Mai, Thành phố Hà Nội|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a shop named for its owner");
        assert_eq!(v(2, 3), Verdict::Merge, "«phụ tùng xe máy»");
        assert_ne!(v(1, 4), Verdict::Merge, "another owner's shop");
        // «Sơn» (paint) before a shop's name the other row writes without it, at one house;
        // not a shop of another trade, nor Sơn's own shop beside another owner's.
        let v = verdicts(&[
            "CH Tuyết Kim|||155 đường Tôn Đức Thắng, P. Bồ Đề, Q.Long Biên, Thành phố Hà Nội|",
            "Cửa hàng Sơn Tuyết Kim|||155 Tôn Đức Thắng, Quận Long Biên, HN|",
            "Cửa hàng Điện nước Tuyết Kim|||155 Tôn Đức Thắng, Quận Long Biên, HN|",
            "Cửa hàng Sơn|||Số 80 Phạm Văn Đồng, Quận Hoàng Mai, Thành phố Hà Nội|",
            "Cửa hàng Sơn Hà|||80 Phạm Văn Đồng, Quận Hoàng Mai, Hà Nội|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a paint shop's trade written out");
        assert_ne!(v(1, 2), Verdict::Merge, "paint and plumbing under one name");
        assert_ne!(v(3, 4), Verdict::Merge, "Sơn's shop beside Sơn Hà's");
        // The brand typed alone, all the company's name but what it does, at one house.
        let v = verdicts(&[
            "Nhật Minh|0437868929||222 đường Khương Trung, Q.Thanh Xuân, Hà Nội|",
            "Cửa hàng Nhật Minh|0904341913||Số 222 Khương Trung, quận Thanh Xuân, Hà Nội|",
            "Hưng Phát|0437868930||Số 15 Khương Trung, quận Thanh Xuân, Hà Nội|",
            "Công ty TNHH Thủy Hưng Phát|0904341914||15 đường Khương Trung, Q.Thanh Xuân, Hà Nội|",
        ]);
        assert_eq!(
            v(0, 1),
            Verdict::Merge,
            "a shop's name typed alone, one house"
        );
        assert_ne!(v(2, 3), Verdict::Merge, "part of the name typed alone");
        // One house on one street, the ward left out on one row, under one registered name.
        let v = verdicts(&[
            "Công ty TNHH Công nghệ Tân Tâm|070 148 9946||346 Nguyễn Trãi, P. Điện Biên, Thanh Hoá|",
            "CÔNG TY TNHH CÔNG NGHỆ TÂN TÂM|+84980777734||346 Nguyễn Trãi, Thành phố Thanh Hóa, Thanh Hoá|2873361071",
            "Công nghệ Tân Tâm|+84980777735||346 Nguyễn Trãi, Huyện Quảng Xương, Thanh Hoá|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a registered name, one house");
        assert_ne!(
            v(0, 2),
            Verdict::Merge,
            "no legal form, the house unconfirmed"
        );
        // The registered name anchors the hamlet's address; the brand typed without its
        // business words is the same company's under its office number.
        let v = verdicts(&[
            "CONG TY TNHH MTV XAY DUNG NGOC NAM|0907189850|ctyngocnam4@gmail.com|Thôn Hạ, Thị trấn Lim, H. Tiên Du, Bắc Ninh|",
            "CTY TNHH MTV XÂY DỰNG NGỌC NAM|+84911825922||Thôn Hạ, TT. Lim, H. Tiên Du, Tỉnh Bắc Ninh|",
            "Công ty Cổ phần Global|(024) 6242 3515|hau.pd@globalgroup.com.vn|Số 123 Đường Lĩnh Nam - P. Hoàng Liệt - Q. Hoàng Mai - Hà Nội|",
            "Công ty Cổ phần Xuất nhập khẩu Global|024 6242 3515; 0344452567|vanphong@globalgroup.com.vn|123 Lĩnh Nam, Quận Hoàng Mai, HN|",
            "Công ty TNHH Thương mại|0912345678||Số 5 Lĩnh Nam, Quận Hoàng Mai, HN|",
            "Công ty TNHH Thương mại Hoàng Mai|0987654321||Số 5 Lĩnh Nam, Quận Hoàng Mai, HN|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a registered name in a hamlet");
        // Its commune left out on one row; another hamlet, or a name not registered, is not
        // the same place.
        let h = verdicts(&[
            "Công ty TNHH Thiết bị Tín Á|028 6047 5410||Ấp 3, Huyện Bình Chánh, Thành phố Hồ Chí Minh|",
            "Cty TNHH Thiết bị Tín Á|0983530736||Ấp 3 - Xã Bình Hưng - Huyện Bình Chánh - TP HCM|",
            "Cty TNHH Thiết bị Tín Á|0983530737||Ấp 4 - Xã Bình Hưng - Huyện Bình Chánh - TP HCM|",
            "Cửa hàng Thiết bị Tín Á|0983530738||Ấp 3 - Xã Bình Hưng - Huyện Bình Chánh - TP HCM|",
            "Cửa hàng Thiết bị Tín Á|028 6047 5411||Ấp 3, Huyện Bình Chánh, Thành phố Hồ Chí Minh|",
        ]);
        assert_eq!(
            h(0, 1),
            Verdict::Merge,
            "a registered name, the commune left out"
        );
        assert_ne!(h(0, 2), Verdict::Merge, "another hamlet");
        assert_ne!(
            h(3, 4),
            Verdict::Merge,
            "a trade name, the commune left out"
        );
        // One trade name in one hamlet: one shop, whatever its numbers.
        let shop = verdicts(&[
            "Cửa hàng Thực phẩm Sao Tiến|0366921042|cuahangsaotien2@gmail.com|Ấp Mới, Xã Hố Nai 3, Huyện Trảng Bom, Đồng Nai|",
            "CỬA HÀNG THỰC PHẨM SAO TIẾN|02513301924||Ấp Mới - Xã Hố Nai 3 - H. Trảng Bom - Đồng Nai|3605366830",
            "Cửa hàng Thực phẩm Sao Tiến|0987654321||Ấp Mới, Xã Hố Nai 2, Huyện Trảng Bom, Đồng Nai|",
        ]);
        assert_eq!(shop(0, 1), Verdict::Merge, "one trade name, one hamlet");
        assert_ne!(
            shop(0, 2),
            Verdict::Merge,
            "one trade name, another commune"
        );
        assert_eq!(v(2, 3), Verdict::Merge, "a brand and its office number");
        assert_ne!(v(4, 5), Verdict::Merge, "business words are no brand");
    }

    /// An enterprise's registered name written without its form, at the enterprise's house,
    /// is the enterprise; elsewhere it is only a name.
    #[test]
    fn a_registered_name_written_bare_at_its_house() {
        let v = verdicts(&[
            "Hồng Tài|0829534455|kien.vt@hongtai.vn|334 Cát Bi, P. Đằng Lâm, Quận Hải An, Hải Phòng||Chị Nguyễn Bích Hương",
            "Công ty TNHH Hồng Tài|02253558451 - 0162.666.0676||Số 334 Cát Bi - Phường Đằng Lâm - Q. Hải An - Hải Phòng|262315462|Nguyễn Bích Hương",
            "Hồng Tài|0829534455|kien.vt@hongtai.vn|87 Lạch Tray, P. Lạch Tray, Quận Ngô Quyền, Hải Phòng||Chị Nguyễn Bích Hương",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "at its house");
        assert_ne!(v(2, 1), Verdict::Merge, "at another house");
    }

    /// An address that leaves out the province its district implies is the address that
    /// writes it: one company of one name, mailboxes at its own domain, in one hamlet. The same
    /// place in another district is not.
    #[test]
    fn a_province_left_out_is_the_same_address() {
        let rows = crate::normalize::test_rows(&[
            "CÔNG TY DV LONG HƯNG KỲ|02513440052|Info@longhungky.com.vn|Ấp 4, Xã Bắc Sơn, Huyện Trảng Bom|",
            "Cty Dịch vụ Long Hưng Kỳ|0979064243|kinhdoanh@longhungky.com.vn|Ấp 4 - Xã Bắc Sơn - Huyện Trảng Bom - Tỉnh Đồng Nai|",
            "Cty Dịch vụ Long Hưng Kỳ|0979064243|kinhdoanh@longhungky.com.vn|Ấp 4 - Xã Bắc Sơn - Huyện Trảng Bom - Tỉnh Bình Dương|",
        ]);
        let sigs: Vec<Sig> = rows.iter().map(|n| Sig::new(n, 0.0)).collect();
        assert_eq!(sigs[0].addr, sigs[1].addr);
        assert_ne!(sigs[0].addr, sigs[2].addr);
        let stats = Stats::new(&rows);
        assert_eq!(score(&rows[0], &rows[1], &stats).verdict, Verdict::Merge);
    }

    /// «Co Van Vinh» is Cao Văn Vinh with a letter lost, not «Cô» before a man's name: under
    /// his email, at his house, his.
    #[test]
    fn a_family_name_that_reads_as_an_honorific() {
        let v = verdicts(&[
            "Cao Văn Vinh|+84983199879|vinhcv80@gmail.com|213 Nguyễn An Ninh - P. Tân Bình - Thành phố Dĩ An|",
            "Co Van Vinh|0360 188 702|vinhcv80@gmail.com|Số 213 Nguyễn An Ninh, Phường Tân Bình, Thành phố Dĩ An, Tỉnh Bình Dương|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge);
    }

    /// A mailbox typed with a letter lost, doubled or turned is one mailbox: not evidence
    /// against. A letter replaced, another digit or another domain is another mailbox.
    #[test]
    fn a_mailbox_typed_with_a_slip() {
        assert!(mailbox_slip(
            "ctyngochai2@gmail.com",
            "ctyngohai2@gmail.com"
        ));
        assert!(mailbox_slip("nguyenlan@gmail.com", "nguyeenlan@gmail.com"));
        assert!(mailbox_slip("nguyenlan@gmail.com", "ngyuenlan@gmail.com"));
        assert!(!mailbox_slip("hoangtl@gmail.com", "hoangth@gmail.com"));
        assert!(!mailbox_slip("nguyenlan1@gmail.com", "nguyenlan@gmail.com"));
        assert!(!mailbox_slip("nguyenlan@gmail.com", "nguyenlan@yahoo.com"));
        assert!(!mailbox_slip("lanpt@gmail.com", "lanptt@gmail.com"));
        let v = verdicts(&[
            "CONG TY TNHH TM & DV NGOC HAI|028 6785 4985|ctyngochai2@gmail.com|Số 113/28 Xô Viết Nghệ Tĩnh, P.17, Q. Bình Thạnh, TPHCM|0336883575",
            "Thương mại và Dịch vụ Ngọc Hải|+84906095036|ctyngohai2@gmail.com|113/28 Xô Viết Nghệ Tĩnh, P17, Quận Bình Thạnh, TP. Hồ Chí Minh|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge);
    }

    /// At one house, with no mobile or email differing, a name with one word slipped into no
    /// syllable («Nguyễn Đc Vĩnh», «Nguễyn Thùy Tiên», «Nguyễn Thị Tụhc») is its owner's; a
    /// middle name that is another name («Nguyễn Đắc Vĩnh»), or another house, is not
    /// enough. Under one mobile, a family name slipped beside a middle name left out is one
    /// name still.
    #[test]
    fn a_name_slipped_into_no_syllable_at_one_house() {
        let v = verdicts(&[
            "A. Nguyễn Đức Vĩnh|+84 700 081 983||286/12 Đ. Quang Trung, P.13, Quận Gò Vấp, TP.HCM|",
            "Nguyễn Đc Vĩnh||nguyenducvinh75@yahoo.com|286/12 đường Quang Trung, P13, quận Gò Vấp, TP. Hồ Chí Minh|",
            "Nguyễn Thùy Tiên|0986 238 177|nguyentien02@gmail.com|231/2 Đ. Phạm Văn Thuận, P. Quyết Thắng, Biên Hòa, Tỉnh Đồng Nai|",
            "Nguễyn Thùy Tiên|||231/2 Phạm Văn Thuận, P. Quyết Thắng, TP. Biên Hòa, Đồng Nai|",
            "Nguyễn Đắc Vĩnh|||286/12 đường Quang Trung, P13, quận Gò Vấp, TP. Hồ Chí Minh|",
            "Nguyễn Đc Vĩnh|0912 345 678||286/12 đường Quang Trung, P13, quận Gò Vấp, TP. Hồ Chí Minh|",
            "Nguyễn Đc Vĩnh|||17 đường Quang Trung, P13, quận Gò Vấp, TP. Hồ Chí Minh|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a middle name slipped, one house");
        assert_eq!(v(2, 3), Verdict::Merge, "a family name slipped, one house");
        assert_ne!(v(0, 4), Verdict::Merge, "another middle name, one house");
        assert_ne!(v(0, 5), Verdict::Merge, "a slip, one house, two mobiles");
        assert_ne!(v(0, 6), Verdict::Merge, "a slip, another house");
        let v = verdicts(&[
            "Nguyễn Thị Thục|01220566309||86 Phạm Văn Đồng - phường An Hải Bắc - Quận Sơn Trà - TP. Đà Nẵng|",
            "Nguyễn Thị Tụhc||thuc.nguyen2@gmail.com|86 Phạm Văn Đồng, P. An Hải Bắc, Quận Sơn Trà, Đà Nẵng|",
            "Nguyen Dinh Luan|0949 916 253|nguyendinhluan@gmail.com|Số 74, Ấp Tân Hòa, Xã Đông Thạnh, Huyện Hóc Môn, TP.HCM|",
            "Nguyễn Đình Luânn|||Số 74, Ấp Tân Hòa, xã Đông Thạnh, Huyện Hóc Môn, TP. Hồ Chí Minh|",
            "Nguyễn Thị Tụhc|0903 111 222||86 Phạm Văn Đồng, P. An Hải Bắc, Quận Sơn Trà, Đà Nẵng|",
            "Nguyễn Thị Tụhc|||12 Phạm Văn Đồng, P. An Hải Bắc, Quận Sơn Trà, Đà Nẵng|",
            "Nguyễn Thanh Ngọc|0933 785 141||Thôn Hạ, Xã Kiêu Kỵ, Huyện Gia Lâm|",
            "Nugyễn Ngọc|0933 785 141|ngocnt87@outlook.com|Thôn Hạ, Xã Kiêu Kỵ, Huyện Gia Lâm, HN|",
        ]);
        assert_eq!(v(0, 1), Verdict::Merge, "a given name slipped, one house");
        assert_eq!(
            v(2, 3),
            Verdict::Merge,
            "a letter doubled in the given name, one house"
        );
        assert_ne!(v(0, 4), Verdict::Merge, "a given name slipped, two mobiles");
        assert_ne!(
            v(0, 5),
            Verdict::Merge,
            "a given name slipped, another house"
        );
        assert_eq!(
            v(6, 7),
            Verdict::Merge,
            "a family name slipped, the middle left out, one mobile"
        );
    }

    /// Under a shared mobile, a name with its middle name left out, or typed given name first
    /// the Western way, is its owner's at a new address; a given name a letter off in that
    /// order needs the email too. A middle name left out at one house is its owner's when
    /// nothing differs.
    #[test]
    fn a_shortened_or_turned_name_under_a_shared_identifier() {
        let rows = crate::normalize::test_rows(&[
            "Hứa Quang Tài|0941043833||369/70 30 Tháng 4, P. Ba Láng, Q. Cái Răng, Cần Thơ|",
            "Hứa Tài|0941.043.833||So 70 H. 369 duong 30 Thang 4, Phuong Hung Phu, Can Tho|",
            "Hứa Tài|||369/70 30 Tháng 4, P. Ba Láng, Q. Cái Răng, Cần Thơ|",
            "Bùi Thị Quỳnh|0381592929||Số 928 Lê Lợi, P. Hạc Thành, Thanh Hóa|",
            "quynh th bui|+84-381-592-929||So 928 Le Loi, P. Ngoc Trao, Thanh Hoa|",
            "Vũ Ngọc Trinh|0913635044|vutrinh@yahoo.com.vn||",
            "Trinhh Vu|+84913635044|vutrinh@yahoo.com.vn||",
            "Trinhh Vu|+84913635044|||",
            "Hứa Tài|0987 654 321||369/70 30 Tháng 4, P. Ba Láng, Q. Cái Răng, Cần Thơ|",
            "Hứa Tài|||12 30 Tháng 4, P. Ba Láng, Q. Cái Răng, Cần Thơ|",
            "Nguyễn Anh Nhân|097 974 5331||213 Đ. Nguyễn An Ninh, P. Thắng Tam, Thành phố Vũng Tàu, Bà Rịa - Vũng Tàu|",
            "Nguyễn Nhân|||Số 213 Đường Nguyễn An Ninh, Phường Thắng Tam, TP Vũng Tàu, Bà Rịa - Vũng Tàu|",
        ]);
        let stats = Stats::new(&rows);
        let v = |a: usize, b: usize| score(&rows[a], &rows[b], &stats).verdict;
        assert_eq!(v(0, 1), Verdict::Merge, "middle name left out, same mobile");
        // At one house with nothing differing, a household shares the family name, never the
        // given name; another mobile there is another person as often.
        assert_eq!(v(0, 2), Verdict::Merge, "middle name left out, one house");
        assert_ne!(
            v(0, 8),
            Verdict::Merge,
            "middle name left out, one house, two mobiles"
        );
        assert_ne!(
            v(0, 9),
            Verdict::Merge,
            "middle name left out, another house"
        );
        assert_eq!(
            v(10, 11),
            Verdict::Merge,
            "middle name left out, one house written two ways"
        );
        assert_eq!(v(3, 4), Verdict::Merge, "the Western order, a letter lost");
        assert_eq!(
            v(5, 6),
            Verdict::Merge,
            "given name first, a letter off, both shared"
        );
        assert_ne!(v(5, 7), Verdict::Merge, "the same, a mobile alone");
    }

    #[test]
    fn reordered_words_are_the_same_name() {
        assert!(same_tokens("nguyen van nam", "nam nguyen van"));
        assert!(!same_tokens("nguyen van nam", "nguyen van nan"));
        assert!(!same_tokens("a b", "ab "));
        assert!(same_tokens("", ""));
        let long = "a b c d e f g h i j k l m n";
        assert!(same_tokens(long, "n m l k j i h g f e d c b a"));
    }

    #[test]
    fn jaro_winkler_on_names() {
        for (a, b) in [
            ("nguyen van hung", "nguyen van hungg"),
            ("tran thi mai", "tran mai"),
            ("cong ty duc huy", "thuc pham duc huy"),
            ("", ""),
            ("a", ""),
            ("nguyễn", "nguyen"),
        ] {
            assert_eq!(jw(a, b), strsim::jaro_winkler(a, b) as f32, "{a} / {b}");
        }
    }
}
