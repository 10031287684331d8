//! Invoice attribution: an invoice row names a buyer (a name, often a tax code) and nothing
//! else. Saying which customer of the book bought is not a merge of two records, so it follows
//! its own, stricter rules: the tax code names exactly one customer, or the buyer's normalised
//! name (legal form and branch respected for organisations; family, middle and given name for
//! persons) names exactly one customer and no other customer has a close name. Otherwise the
//! invoice stays unattributed and its candidate customers are listed for the accountant, whose
//! decisions ([`decisions`]) come back through `--decisions ke-toan.xlsx`.

pub mod decisions;

use crate::model::{RawRow, Source, SourceKind};
use crate::normalize::name::PartyKind;
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
    /// Invoice rows the accountant said are of no customer of the book: their buyer stays a
    /// customer of its own and is not asked about again.
    pub not_in_book: FxHashSet<u32>,
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

/// The book's customers by the tax codes, name keys and (persons) family + given names the
/// unattributed buyers ask about: a few thousand keys, not a million rows.
struct Index<'n> {
    by_tax: FxHashMap<&'n str, Vec<usize>>,
    by_name: FxHashMap<&'n str, Vec<usize>>,
    /// (family, given) → one full name key having them, and whether another one does too.
    by_family_given: FxHashMap<(&'n str, &'n str), (&'n str, bool)>,
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
/// `apart` holds row pairs a person kept apart: no attribution goes against them.
pub fn attribute(
    groups: &mut Vec<Vec<u32>>,
    norms: &[Norm],
    raw: &[RawRow],
    sources: &[Source],
    apart: &FxHashSet<(u32, u32)>,
) -> Attributions {
    let mut out = Attributions::default();
    let invoice_only = invoice_only(groups, raw, sources);
    if !invoice_only.iter().any(|&b| b) || invoice_only.iter().all(|&b| b) {
        return out;
    }
    let index = Index::build(groups, norms, &invoice_only);
    // Each buyer is looked up on its own (both cores); the moves are made after, in order.
    let found: Vec<(usize, Found)> = groups
        .par_iter()
        .enumerate()
        .filter(|&(gi, _)| invoice_only[gi])
        .map(|(gi, g)| (gi, index.find(g, groups, norms)))
        .collect();
    let mut moves: Vec<(usize, usize, Evidence)> = Vec::new();
    for (gi, found) in found {
        let g = &groups[gi];
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
    groups.retain(|g| !g.is_empty());
    out
}

/// Whether each cluster holds invoice rows only.
fn invoice_only(groups: &[Vec<u32>], raw: &[RawRow], sources: &[Source]) -> Vec<bool> {
    let is_invoice = |r: u32| sources[raw[r as usize].source as usize].kind == SourceKind::Invoices;
    groups
        .par_iter()
        .map(|g| g.iter().all(|&r| is_invoice(r)))
        .collect()
}

/// Empties cluster `from` into `to` and returns its rows. They go after the customer's own
/// rows: the first row still starts the customer, and the invoice is "merged" into it.
fn move_into(groups: &mut [Vec<u32>], from: usize, to: usize) -> Vec<u32> {
    let rows = std::mem::take(&mut groups[from]);
    groups[to].extend_from_slice(&rows);
    rows
}

impl<'n> Index<'n> {
    fn build(groups: &[Vec<u32>], norms: &'n [Norm], invoice_only: &[bool]) -> Index<'n> {
        let buyers = || {
            groups
                .iter()
                .zip(invoice_only)
                .filter(|(_, &o)| o)
                .map(|(g, _)| g)
        };
        let buyer = |g: &[u32]| &norms[g[0] as usize];
        // The three sets of keys asked about, and below the three maps, each made on a core of
        // its own: this runs between two stages that use every core.
        let (wanted_tax, (wanted_name, wanted_fg)) = rayon::join(
            || -> FxHashSet<&str> {
                buyers()
                    .flat_map(|g| g.iter())
                    .filter_map(|&r| norms[r as usize].tax.as_ref().map(|t| t.as_str()))
                    .collect()
            },
            || {
                rayon::join(
                    || -> FxHashSet<&str> {
                        buyers().map(|g| buyer(g).name_key.as_str()).collect()
                    },
                    || -> FxHashSet<(&str, &str)> {
                        buyers()
                            .map(|g| (buyer(g).family(), buyer(g).given()))
                            .collect()
                    },
                )
            },
        );
        // The book's rows are looked up on both cores; each map is filled after, in row order.
        let hits: Vec<Hit> = groups
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
                        .is_some_and(|t| wanted_tax.contains(t.as_str()))
                    {
                        hits.push(hit(HitKind::Tax));
                    }
                    let key = n.name_key.as_str();
                    if !key.is_empty() && wanted_name.contains(key) {
                        hits.push(hit(HitKind::Name));
                    }
                    let (family, given) = (n.family(), n.given());
                    if n.kind == PartyKind::Person
                        && !given.is_empty()
                        && wanted_fg.contains(&(family, given))
                    {
                        hits.push(hit(HitKind::FamilyGiven));
                    }
                }
                hits
            })
            .collect();
        let of_kind = |kind| {
            hits.iter()
                .filter(move |h| h.kind == kind)
                .map(|h| (h.group as usize, &norms[h.row as usize]))
        };
        let (by_tax, (by_name, by_family_given)) = rayon::join(
            || {
                let mut m: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
                for (gi, n) in of_kind(HitKind::Tax) {
                    if let Some(t) = &n.tax {
                        push_unique(m.entry(t.as_str()).or_default(), gi);
                    }
                }
                m
            },
            || {
                rayon::join(
                    || {
                        let mut m: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
                        for (gi, n) in of_kind(HitKind::Name) {
                            push_unique(m.entry(n.name_key.as_str()).or_default(), gi);
                        }
                        m
                    },
                    || {
                        let mut m: FxHashMap<(&str, &str), (&str, bool)> = FxHashMap::default();
                        for (_, n) in of_kind(HitKind::FamilyGiven) {
                            let key = n.name_key.as_str();
                            m.entry((n.family(), n.given()))
                                .and_modify(|(k, several)| *several |= *k != key)
                                .or_insert((key, false));
                        }
                        m
                    },
                )
            },
        );
        Index {
            by_tax,
            by_name,
            by_family_given,
        }
    }

    /// The customer the buyer of invoice-only cluster `g` is: the one its tax code names,
    /// else the one its name alone names.
    fn find(&self, g: &[u32], groups: &[Vec<u32>], norms: &[Norm]) -> Found {
        let tax = g.iter().find_map(|&r| norms[r as usize].tax.as_ref());
        match tax.and_then(|t| self.by_tax.get(t.as_str())) {
            Some(c) if c.len() == 1 => Found::Customer(c[0], Evidence::TaxCode),
            Some(c) => Found::Several(c.iter().take(CANDIDATES).copied().collect()),
            None => self.find_by_name(
                &norms[g[0] as usize],
                tax.map(|t| t.as_str()),
                groups,
                norms,
            ),
        }
    }

    fn find_by_name(
        &self,
        buyer: &Norm,
        tax: Option<&str>,
        groups: &[Vec<u32>],
        norms: &[Norm],
    ) -> Found {
        let named: Vec<usize> = self
            .by_name
            .get(buyer.name_key.as_str())
            .map(|c| {
                // Two that fit already make it the accountant's case, and the sheet lists five
                // candidates: a common name ("nguyen van anh") stops there instead of trying
                // thousands of customers, each row by row.
                let marks = Marks::of(&buyer.name);
                c.iter()
                    .filter(|&&ci| fits(buyer, &marks, tax, &groups[ci], norms))
                    .take(CANDIDATES)
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        // A close name: a person with the same family and given name but another middle
        // name; an organisation with the same name under another legal form or branch
        // ("DNTN Hà Thành" beside "Công ty TNHH Hà Thành").
        let close = match buyer.kind {
            PartyKind::Person => self
                .by_family_given
                .get(&(buyer.family(), buyer.given()))
                .is_some_and(|(k, several)| *several || *k != buyer.name_key.as_str()),
            _ => self
                .by_name
                .get(buyer.name_key.as_str())
                .is_some_and(|c| c.len() > named.len()),
        };
        match named.len() {
            1 if !close && !buyer.name_key.is_empty() => {
                Found::Customer(named[0], Evidence::UniqueName)
            }
            0 => Found::Nobody,
            _ => Found::Several(named),
        }
    }
}

fn push_unique(v: &mut Vec<usize>, gi: usize) {
    if !v.contains(&gi) {
        v.push(gi);
    }
}

/// A customer whose name matches can be the buyer: same kind; for organisations the same
/// branch and no other legal form; no other tax code — and, when the customer has a tax code,
/// the invoice carries it (a VAT invoice to a company names its tax code: one without it is
/// another buyer of the same name, or a case for the accountant).
fn fits(buyer: &Norm, marks: &Marks, tax: Option<&str>, group: &[u32], norms: &[Norm]) -> bool {
    let customer_tax = group.iter().any(|&r| norms[r as usize].tax.is_some());
    if customer_tax && tax.is_none() {
        return false;
    }
    group.iter().any(|&r| {
        let n = &norms[r as usize];
        // The tone marks last: comparing them lower-cases and re-tones both names.
        n.name_key == buyer.name_key
            && n.kind == buyer.kind
            && (buyer.kind != PartyKind::Org
                || (n.branch() == buyer.branch()
                    && (n.legal_form().is_none()
                        || buyer.legal_form().is_none()
                        || n.legal_form() == buyer.legal_form())))
            && marks.agree(&n.name)
    }) && !group.iter().any(|&r| {
        norms[r as usize]
            .tax
            .as_ref()
            .is_some_and(|t| tax.is_some_and(|b| b != t.as_str()))
    })
}

/// A buyer's name as its tone marks are compared, made once for all the customers it is
/// compared with. Two names written with their tone marks are one name only if the marks
/// agree: "Trương Thị Hạ" is not "Trương Thị Hà", though both fold to "truong thi ha". A name
/// typed without marks says nothing either way.
struct Marks<'a> {
    name: &'a str,
    /// Lower case, tones placed the modern way; none for a name typed without marks.
    lower: Option<String>,
}

impl<'a> Marks<'a> {
    fn of(name: &'a str) -> Self {
        let lower = (!name.is_ascii()).then(|| marks_form(name));
        Marks { name, lower }
    }

    /// Whether `other` is written with the same marks (or without any).
    fn agree(&self, other: &str) -> bool {
        match &self.lower {
            _ if other == self.name || other.is_ascii() => true,
            None => true,
            // "Hoà" and "Hòa" are one name in two tone placements.
            Some(lower) => marks_form(other) == *lower,
        }
    }
}

fn marks_form(s: &str) -> String {
    crate::normalize::text::modern_tone(&s.to_lowercase()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn sources() -> Vec<Source> {
        vec![
            Source::bare("x", SourceKind::Customers),
            Source::bare("x", SourceKind::Invoices),
        ]
    }

    /// `book` rows first, then `invoices`; each row its own cluster.
    fn run(book: &[&str], invoices: &[&str]) -> (Vec<Vec<u32>>, Attributions) {
        let all: Vec<&str> = book.iter().chain(invoices).copied().collect();
        let norms = crate::normalize::test_rows(&all);
        let raw: Vec<RawRow> = (0..all.len())
            .map(|i| RawRow::new(u32::from(i >= book.len()), i as u32 + 2))
            .collect();
        let mut groups: Vec<Vec<u32>> = (0..all.len() as u32).map(|r| vec![r]).collect();
        let a = attribute(&mut groups, &norms, &raw, &sources(), &FxHashSet::default());
        (groups, a)
    }

    fn with(groups: &[Vec<u32>], a: u32, b: u32) -> bool {
        groups.iter().any(|g| g.contains(&a) && g.contains(&b))
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

    #[test]
    fn a_namesake_or_a_close_name_leaves_it_to_the_accountant() {
        let (g, a) = run(
            &[
                "Nguyễn Văn An|0912345678|||",
                "Nguyễn Văn An|0987654321||5 Trần Phú Hà Nội|",
                "Lê Thị Hoa|0911111111|||",
                "Lê Minh Hoa|0922222222|||",
            ],
            &["Nguyễn Văn An||||", "Lê Thị Hoa||||"],
        );
        assert_eq!(g.len(), 6, "nothing attributed: {g:?}");
        assert_eq!(a.candidates.get(&4).map(Vec::len), Some(2));
        assert!(a.by_row.is_empty());
    }

    /// A generic business name is not evidence: the same name under another legal form, or a
    /// customer whose tax code the invoice does not carry, leaves the invoice to the accountant.
    #[test]
    fn a_shared_business_name_or_a_missing_tax_code_is_not_evidence() {
        let (g, _) = run(
            &[
                "Doanh nghiệp tư nhân Hà Thành|0243822111|||",
                "Công ty TNHH Hà Thành|0243822222|||",
                "Công ty TNHH Tây Nguyên|0263822333|||0101248141",
            ],
            &["DNTN Hà Thành||||", "Công ty TNHH Tây Nguyên||||"],
        );
        assert_eq!(g.len(), 5, "nothing attributed: {g:?}");
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
    }

    #[test]
    fn a_branch_is_not_its_head_office() {
        let (g, _) = run(
            &["Công ty TNHH Hòa Phát|0283822123|||0101248141"],
            &["Chi nhánh Hà Nội - Công ty TNHH Hòa Phát||||0101248141-001"],
        );
        assert_eq!(g.len(), 2, "{g:?}");
    }
}
