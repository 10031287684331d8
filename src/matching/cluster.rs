//! Clustering: merge edges are applied strongest first through a union–find that refuses any
//! union joining conflicting customers (two tax codes, a branch and its head office, two
//! different given names), so a weak link can never chain two customers together. Refused
//! unions go to review.

use super::score::{Evidence, Verdict};
use super::written::Written;
use super::ReviewPair;
use crate::normalize::name::PartyKind;
use crate::normalize::taxcode::codes_conflict;
use crate::normalize::Norm;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// A person's decision on a pair, from the review sheet or the state store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub a: u32,
    pub b: u32,
    pub merge: bool,
}

/// Cluster id of every row (the smallest row index in the cluster, so ids are stable for the
/// same input).
#[derive(Debug)]
pub struct Clusters {
    pub of: Vec<u32>,
}

impl Clusters {
    /// Rows grouped by cluster, clusters ordered by their first row.
    pub fn groups(&self) -> Vec<Vec<u32>> {
        let mut idx: Vec<u32> = vec![u32::MAX; self.of.len()];
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for (row, &c) in self.of.iter().enumerate() {
            let slot = &mut idx[c as usize];
            if *slot == u32::MAX {
                *slot = groups.len() as u32;
                groups.push(Vec::new());
            }
            groups[*slot as usize].push(row as u32);
        }
        groups
    }
}

/// What a cluster holds that could conflict with another cluster. Small: a handful of values,
/// borrowed from its rows' records (a union makes no copies of them).
#[derive(Default, Clone)]
struct Profile<'r> {
    taxes: Vec<&'r str>,
    branches: Vec<Option<&'r str>>,
    /// Persons: (given name, name key) of each different name.
    givens: Vec<(&'r str, &'r str)>,
    orgs: bool,
    /// Persons: the mobiles and the emails of the rows (see [`Profile::conflicts`]).
    mobiles: smallvec::SmallVec<[u64; 2]>,
    emails: smallvec::SmallVec<[&'r str; 2]>,
    /// Customer ids the rows carry (the adopted book's `Mã KH`): two ids are two customers
    /// until a person decides otherwise.
    ids: Vec<u32>,
}

impl<'r> Profile<'r> {
    fn of(n: &'r Norm, label: u32) -> Profile<'r> {
        let mut p = Profile::default();
        if label != NO_LABEL {
            p.ids.push(label);
        }
        if let Some(t) = &n.tax {
            p.taxes.push(t.as_str());
        }
        if n.kind == PartyKind::Org {
            p.orgs = true;
            p.branches.push(n.branch());
        } else {
            if !n.given().is_empty() && n.syllables() > 0 {
                p.givens.push((n.given(), n.name_key.as_str()));
            }
            p.mobiles
                .extend(n.phones.iter().filter(|x| x.mobile).map(|x| x.key));
            p.emails.extend(n.emails.iter().map(|e| e.as_str()));
        }
        p
    }

    /// Two persons' customers with a mobile and an email each, and neither shared (nor an
    /// email typed with a slip): two people, as for one pair of rows (see
    /// `score::Tally::evidence`); joined only through rows that show neither, a person decides.
    fn two_sets_of_identifiers(&self, o: &Profile<'_>) -> bool {
        use crate::normalize::email::match_form;
        let full = |p: &Profile<'_>| !p.orgs && !p.mobiles.is_empty() && !p.emails.is_empty();
        full(self)
            && full(o)
            && !self.mobiles.iter().any(|m| o.mobiles.contains(m))
            && !self.emails.iter().any(|&a| {
                o.emails.iter().any(|&b| {
                    a == b || match_form(a) == match_form(b) || super::score::mailbox_slip(a, b)
                })
            })
    }

    /// `keystroke`: the evidence joining them says given names a keystroke apart are one
    /// ([`super::score::flag::GIVEN_KEYSTROKE`]), or that «Anh» or «Chi» was a given name typed first
    /// ([`super::score::flag::ANH_FIRST`]); `unlabelled`: that a row without a branch is
    /// the other's branch written without its label
    /// ([`super::score::flag::BRANCH_UNLABELLED`]), which holds while that customer has no
    /// branch and no tax code but the other's, and the other one branch.
    fn conflicts(&self, o: &Profile<'_>, (keystroke, anh): (bool, bool), unlabelled: bool) -> bool {
        let tax = self
            .taxes
            .iter()
            .any(|a| o.taxes.iter().any(|b| codes_conflict(a, b)));
        let bare = |p: &Profile<'_>, other: &Profile<'_>| {
            p.branches.iter().all(Option::is_none)
                && p.taxes.iter().all(|t| other.taxes.contains(t))
        };
        let one_branch = |p: &Profile<'_>| {
            let mut labels = p.branches.iter().flatten();
            labels
                .next()
                .is_some_and(|first| labels.all(|l| l == first))
        };
        let branch = self.orgs
            && o.orgs
            && self
                .branches
                .iter()
                .any(|a| o.branches.iter().any(|b| a != b))
            && !(unlabelled
                && ((bare(self, o) && one_branch(o)) || (bare(o, self) && one_branch(self))));
        // Two customers of different given names stay apart; a given name of one that is one
        // of the other's, typed with a typo or in another order, joins them: {"hung", "huung"}
        // takes "hungg" (a typo of "hung", though two keystrokes from "huung").
        let given = !self.givens.is_empty()
            && !o.givens.is_empty()
            && !self.givens.iter().any(|&(ga, ka)| {
                o.givens.iter().any(|&(gb, kb)| {
                    ga == gb
                        || given_close(ga, gb)
                        || (keystroke
                            && (super::score::one_keystroke(ga, gb)
                                || super::score::given_first_typo(ka, kb)
                                || super::score::given_first_typo(kb, ka)))
                        || super::score::reordered(ka, kb)
                        || (anh
                            && (super::score::anh_put_last(ka, kb)
                                || super::score::anh_put_last(kb, ka)))
                })
            });
        let ids = self.ids.iter().any(|a| o.ids.iter().any(|b| a != b));
        tax || branch || given || ids || self.two_sets_of_identifiers(o)
    }

    fn absorb(&mut self, o: Profile<'r>) {
        for t in o.taxes {
            if !self.taxes.contains(&t) {
                self.taxes.push(t);
            }
        }
        for b in o.branches {
            if !self.branches.contains(&b) {
                self.branches.push(b);
            }
        }
        for g in o.givens {
            if !self.givens.contains(&g) && self.givens.len() < 8 {
                self.givens.push(g);
            }
        }
        self.orgs |= o.orgs;
        for m in o.mobiles {
            if !self.mobiles.contains(&m) && self.mobiles.len() < 8 {
                self.mobiles.push(m);
            }
        }
        for e in o.emails {
            if !self.emails.contains(&e) && self.emails.len() < 8 {
                self.emails.push(e);
            }
        }
        for id in o.ids {
            if !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
    }
}

/// Two given names that can be one person's: a keystroke apart ("lan"/"lna", "hung"/"huung";
/// Jaro–Winkler alone calls "lan"/"lna" 0.56, as its match window on three letters is one
/// letter wide) or close by Jaro–Winkler ("thuy"/"thuyy").
fn given_close(a: &str, b: &str) -> bool {
    super::score::given_typo(a, b) || super::score::jw64(a, b) >= 0.9
}

/// A row that carries no customer id.
pub const NO_LABEL: u32 = u32::MAX;

struct Dsu<'l, 'r> {
    parent: Vec<u32>,
    labels: &'l [u32],
    /// Each root's place in `profiles` ([`NO_SLOT`] until its cluster takes part in a union:
    /// a million full profiles would cost 100 MB, a million places 4 MB). A plain vector, not a
    /// hash map: the union loop runs on one core and looks a profile up twice per edge.
    slot: Vec<u32>,
    profiles: Vec<Profile<'r>>,
}

/// A root without a profile yet (see [`Dsu::slot`]).
const NO_SLOT: u32 = u32::MAX;

impl<'r> Dsu<'_, 'r> {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// A cluster's profile, taken out of its place (put it back, see [`Dsu::put_profile`]).
    fn take_profile(&mut self, root: u32, rows: &'r [Norm]) -> Profile<'r> {
        match self.slot[root as usize] {
            NO_SLOT => {
                let label = self.labels.get(root as usize).copied().unwrap_or(NO_LABEL);
                Profile::of(&rows[root as usize], label)
            }
            s => std::mem::take(&mut self.profiles[s as usize]),
        }
    }

    /// Puts `profile` in the place of `root`, or, when it has none, in the place of `spare`
    /// (a root it no longer is) or a new one.
    fn put_profile(&mut self, root: u32, spare: u32, profile: Profile<'r>) {
        let s = match (self.slot[root as usize], self.slot[spare as usize]) {
            (NO_SLOT, NO_SLOT) => {
                self.profiles.push(Profile::default());
                (self.profiles.len() - 1) as u32
            }
            (NO_SLOT, s) => s,
            (s, _) => s,
        };
        self.slot[root as usize] = s;
        self.profiles[s as usize] = profile;
    }

    /// Joins the two clusters unless they conflict (or `force`). Returns whether joined.
    fn union(
        &mut self,
        a: u32,
        b: u32,
        rows: &'r [Norm],
        force: bool,
        (keystroke, anh, unlabelled): (bool, bool, bool),
    ) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        let pa = self.take_profile(ra, rows);
        let pb = self.take_profile(rb, rows);
        if !force && pa.conflicts(&pb, (keystroke, anh), unlabelled) {
            self.put_profile(ra, ra, pa);
            self.put_profile(rb, rb, pb);
            return false;
        }
        // The smaller row index is the root: cluster ids do not depend on edge order.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        let mut merged = pa;
        merged.absorb(pb);
        if unlabelled {
            // The rows without a branch were the branch written without its label: the
            // customer is that branch (its head office stays another customer).
            let mut labels = merged.branches.iter().flatten();
            let one = labels
                .next()
                .is_some_and(|first| labels.all(|l| l == first));
            if one {
                merged.branches.retain(Option::is_some);
            }
        }
        self.put_profile(root, child, merged);
        true
    }
}

/// Two rows that name two taxpayers or two branches (a company's name merged down the rows of
/// its branches): never one customer by a merged cell alone.
fn two_taxpayers(a: &Norm, b: &Norm) -> bool {
    let taxes = match (&a.tax, &b.tax) {
        (Some(x), Some(y)) => codes_conflict(x.as_str(), y.as_str()),
        _ => false,
    };
    let branches = matches!((a.branch(), b.branch()), (Some(x), Some(y)) if x != y)
        || (a.kind == PartyKind::Org && a.branch().is_some() != b.branch().is_some());
    taxes || branches
}

/// Clusters the scored pairs. `labels` gives each row's customer id as a number ([`NO_LABEL`]
/// for none; empty when no row has one): rows with the same id are one customer, rows with
/// different ids are never joined by a score (only by a person's decision). `together` are
/// pairs of rows the ledgers write as one customer ([`super::written`]: one name cell merged
/// down their rows, the lines of one invoice, one code of the ledger's own): one customer
/// too, unless they carry two ids or two taxpayers' codes, or a person separated them.
pub fn cluster(
    rows: &[Norm],
    mut scored: Vec<(u32, u32, Evidence)>,
    decisions: &[Decision],
    (labels, together): (&[u32], &[(u32, u32, Written)]),
    candidate_pairs: usize,
) -> super::MatchResult {
    let n = rows.len();
    let mut dsu = Dsu {
        parent: (0..n as u32).collect(),
        labels,
        slot: vec![NO_SLOT; n],
        profiles: Vec::new(),
    };
    // The same id on two rows: the clerk said they are one customer.
    let mut first_of: FxHashMap<u32, u32> = FxHashMap::default();
    for (row, &label) in labels.iter().enumerate().take(n) {
        if label == NO_LABEL {
            continue;
        }
        match first_of.get(&label) {
            Some(&first) => {
                dsu.union(first, row as u32, rows, true, (false, false, false));
            }
            None => {
                first_of.insert(label, row as u32);
            }
        }
    }
    let mut link: Vec<Option<Evidence>> = vec![None; n];
    let separate: FxHashSet<(u32, u32)> = decisions
        .iter()
        .filter(|d| !d.merge)
        .map(|d| (d.a.min(d.b), d.a.max(d.b)))
        .collect();
    let label = |r: u32| labels.get(r as usize).copied().unwrap_or(NO_LABEL);
    let mut written = Vec::new();
    for &(a, b, how) in together {
        let two_ids = label(a) != NO_LABEL && label(b) != NO_LABEL && label(a) != label(b);
        if (a as usize) < n
            && (b as usize) < n
            && !two_ids
            && !two_taxpayers(&rows[a as usize], &rows[b as usize])
            && !separate.contains(&(a.min(b), a.max(b)))
        {
            dsu.union(a, b, rows, true, (false, false, false));
            written.push((a.max(b), how));
        }
    }
    // One reason a row: the first that joined it.
    written.sort_by_key(|w| w.0);
    written.dedup_by_key(|w| w.0);

    // Strongest evidence first; ties broken by row order for a deterministic result.
    scored.par_sort_unstable_by(|x, y| {
        y.2.score
            .total_cmp(&x.2.score)
            .then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    let mut review = Vec::new();
    for &(a, b, e) in &scored {
        if !separate.is_empty() && separate.contains(&(a.min(b), a.max(b))) {
            continue;
        }
        match e.verdict {
            Verdict::Merge => {
                let how = (
                    e.has(super::score::flag::GIVEN_KEYSTROKE),
                    e.has(super::score::flag::ANH_FIRST),
                    e.has(super::score::flag::BRANCH_UNLABELLED),
                );
                if dsu.union(a, b, rows, false, how) {
                    for end in [a, b] {
                        if link[end as usize].is_none() {
                            link[end as usize] = Some(e);
                        }
                    }
                } else {
                    review.push(ReviewPair { a, b, evidence: e });
                }
            }
            Verdict::Review => review.push(ReviewPair { a, b, evidence: e }),
            Verdict::Separate => {}
        }
    }
    // People's "merge" decisions last, unconditionally: "Gộp" joins the two whole customers
    // the evidence built (applied first, a forced pair of single rows could refuse a later
    // union and pull a row out of its customer, to be asked about again next run).
    for d in decisions.iter().filter(|d| d.merge) {
        if (d.a as usize) < n && (d.b as usize) < n {
            dsu.union(d.a, d.b, rows, true, (false, false, false));
        }
    }
    let of: Vec<u32> = (0..n as u32).map(|i| dsu.find(i)).collect();
    // Two customers a person kept apart are not asked about again through another pair of
    // their rows.
    let apart: FxHashSet<(u32, u32)> = separate
        .iter()
        .filter(|(a, b)| (*a as usize) < n && (*b as usize) < n)
        .map(|&(a, b)| {
            let (ca, cb) = (of[a as usize], of[b as usize]);
            (ca.min(cb), ca.max(cb))
        })
        .collect();
    // A pair already joined through stronger evidence needs no look; keep one pair per two
    // clusters (the strongest), so the sheet is short.
    let mut seen = FxHashSet::default();
    review.retain(|p| {
        let (ca, cb) = (of[p.a as usize], of[p.b as usize]);
        let key = (ca.min(cb), ca.max(cb));
        ca != cb && !apart.contains(&key) && seen.insert(key)
    });
    super::MatchResult {
        clusters: Clusters { of },
        review,
        candidate_pairs,
        link,
        written,
    }
}
