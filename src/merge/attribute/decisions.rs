//! The accountant's decisions on invoices: in ke-toan.xlsx's sheet of invoice buyers, the
//! first column takes the Mã KH of the buyer or «Không phải khách trong sổ». `clean
//! --decisions ke-toan.xlsx` reads them back (`commands::pipeline`, which knows the workbook's
//! layout: this stage does not read files); the state keeps them by the invoice row's keyed
//! fingerprint (and the customer id), so next week's run applies them again without the file.

use super::{invoice_only, move_into, Attributions};
use crate::i18n::{pick, Lang, L};
use crate::model::{RawRow, Source};
use crate::state::Fp;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;

/// What the accountant said about one invoice row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The buyer is this customer of the book (its Mã KH as typed, upper-cased).
    Customer(String),
    /// The buyer is no customer of the book: a customer of its own.
    NotInBook,
}

impl Target {
    /// As the state keeps it: the customer id, or "" for not in the book.
    pub fn stored(&self) -> &str {
        match self {
            Target::Customer(id) => id,
            Target::NotInBook => "",
        }
    }

    pub fn from_stored(s: &str) -> Target {
        if s.is_empty() {
            Target::NotInBook
        } else {
            Target::Customer(s.to_string())
        }
    }

    /// The decision cell as typed; `None` when it is empty. `not_in_book` is the choice the
    /// accountant's workbook offers for a buyer who is no customer of the book; «khách lẻ»,
    /// «khách mới» say it too. A customer id is read as an accountant types it: «kh12», «KH
    /// 000012», «KH000012 - Hòa Phát» are KH000012.
    pub fn parse(typed: &str, not_in_book: L) -> Option<Target> {
        let typed = typed.trim();
        let folded = crate::normalize::text::fold_key(typed);
        if typed.is_empty() {
            None
        } else if [not_in_book.0, not_in_book.1]
            .iter()
            .any(|l| crate::normalize::text::fold_key(l) == folded)
            || NOT_A_CUSTOMER.contains(&folded.as_str())
        {
            Some(Target::NotInBook)
        } else {
            Some(Target::Customer(
                customer_id(&folded).unwrap_or_else(|| typed.to_uppercase()),
            ))
        }
    }
}

/// What an accountant types for a buyer who is no customer of the book.
const NOT_A_CUSTOMER: &[&str] = &[
    "khach le",
    "khach moi",
    "moi",
    "khong co",
    "khong co trong so",
    "khong phai khach",
    "khong phai khach hang",
    "not in book",
    "walk in",
];

/// The customer id a decision names, as the book writes it (`KH` and at least six digits),
/// from its folded text: «kh12», «kh 000012», «kh000012 hoa phat», «12».
fn customer_id(folded: &str) -> Option<String> {
    let rest = folded.strip_prefix("kh").map_or(folded, str::trim_start);
    let digits: &str = rest.split(' ').next()?;
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Bare digits only when they are the whole cell («12»): «12 hộp» is no id.
    if !folded.starts_with("kh") && digits.len() != folded.len() {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(format!("KH{n:06}"))
}

/// One decision read from a file.
#[derive(Debug, Clone)]
pub struct Made {
    /// The invoice row's fingerprint.
    pub key: Fp,
    pub target: Target,
    /// Where it was typed: file › sheet › row, as Excel numbers rows.
    pub place: String,
}

/// What became of the decisions read from this run's files.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Invoices given to the customer the accountant named.
    pub attributed: usize,
    /// Invoices whose buyer is no customer of the book.
    pub not_in_book: usize,
    /// Decisions on invoices already with a customer of the book.
    pub settled: usize,
    /// Decisions on invoices that are not among this run's inputs.
    pub absent: usize,
    /// Decisions not applied, said with their place: naming no customer of the book, or
    /// differing from the decision applied to another invoice of the same buyer.
    pub not_applied: Vec<String>,
    /// Decisions for the state to keep: (invoice key, customer id or "").
    pub keep: Vec<(Fp, String)>,
}

impl Outcome {
    /// One line for the end of the run, when the accountant's file (named `file`) held
    /// decisions.
    pub fn line(&self, file: &str, lang: Lang) -> Option<String> {
        let parts: Vec<String> = [
            (
                self.attributed,
                L("hóa đơn gán cho khách hàng", "invoices given to a customer"),
            ),
            (
                self.not_in_book,
                L("không phải khách trong sổ", "not a customer in the book"),
            ),
            (
                self.settled,
                L("đã có khách hàng từ trước", "already with a customer"),
            ),
            (
                self.absent,
                L("không có trong đầu vào", "not among the inputs"),
            ),
            (
                self.not_applied.len(),
                L("chưa áp dụng (xem dưới)", "not applied (see below)"),
            ),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, l)| format!("{n} {}", l.t(lang)))
        .collect();
        (!parts.is_empty()).then(|| {
            pick(
                lang,
                format!("Quyết định của kế toán ({file}): {}.", parts.join(", ")),
                format!("The accountant's decisions ({file}): {}.", parts.join(", ")),
            )
        })
    }

    /// For the audit log.
    pub fn audit(&self) -> Option<String> {
        (self.attributed + self.not_in_book + self.settled + self.absent + self.not_applied.len()
            > 0)
        .then(|| {
            serde_json::json!({
                "attributed": self.attributed,
                "not_in_book": self.not_in_book,
                "already_settled": self.settled,
                "not_in_inputs": self.absent,
                "not_applied": self.not_applied.len(),
            })
            .to_string()
        })
    }
}

/// The key column's text: the fingerprint in hex.
pub use crate::keys::hex as key_text;

/// What the decisions are applied with.
pub struct Known<'a> {
    pub lang: Lang,
    pub raw: &'a [RawRow],
    pub sources: &'a [Source],
    /// Every row's fingerprint.
    pub fps: &'a [Fp],
    /// The customer id the state knows each row fingerprint by.
    pub ids: &'a HashMap<Fp, String>,
    /// Rows of the adopted book and the Mã KH they carry.
    pub given: &'a FxHashMap<u32, String>,
    /// Customer ids merged away → the id they live on as.
    pub aliases: &'a HashMap<String, String>,
}

/// Applies the accountant's decisions, the remembered ones (`stored`, invoice key → customer
/// id or "") and this run's (`new`, which win), to the clusters after attribution: an invoice
/// the accountant gave to a customer of the book joins it with the other invoices of its buyer;
/// one of no customer of the book stays its own customer and is no longer listed with
/// candidates.
pub fn apply(
    groups: &mut Vec<Vec<u32>>,
    att: &mut Attributions,
    known: &Known<'_>,
    stored: HashMap<Fp, String>,
    new: &[Made],
) -> Outcome {
    let mut out = Outcome::default();
    // Invoice key → (what was decided, the file decision's index when it comes from a file).
    let mut decided: FxHashMap<Fp, (Target, Option<usize>)> = stored
        .into_iter()
        .map(|(k, s)| (k, (Target::from_stored(&s), None)))
        .collect();
    for (i, m) in new.iter().enumerate() {
        decided.insert(m.key, (m.target.clone(), Some(i)));
    }
    if decided.is_empty() {
        return out;
    }
    let only = invoice_only(groups, known.raw, known.sources);
    let pending = gather(groups, &only, known, &decided, new, &mut out);
    let customer_of = book_customers(groups, &only, &pending, known);
    let lang = known.lang;
    for p in pending {
        // The first of this week's decisions on a buyer's invoices decides for all of them.
        let (agree, differ): (Vec<usize>, Vec<usize>) = p
            .from_file
            .iter()
            .partition(|&&i| new[i].target == p.target);
        for &i in &differ {
            out.not_applied
                .push(conflict(&new[i], &new[p.from_file[0]], lang));
        }
        let to = match &p.target {
            Target::NotInBook => None,
            Target::Customer(id) => match customer_of.get(resolve(id, known)) {
                Some(&to) => Some(to),
                None => {
                    let unknown = agree.iter().map(|&i| unknown_id(&new[i], id, lang));
                    out.not_applied.extend(unknown);
                    continue;
                }
            },
        };
        att.candidates.remove(&groups[p.group][0]);
        match to {
            Some(to) => {
                att.by_person.extend(move_into(groups, p.group, to));
                out.attributed += agree.len();
            }
            None => {
                att.not_in_book.extend(groups[p.group].iter().copied());
                out.not_in_book += agree.len();
            }
        }
        let stored = p.target.stored();
        out.keep
            .extend(agree.iter().map(|&i| (new[i].key, stored.to_string())));
    }
    groups.retain(|g| !g.is_empty());
    out
}

/// An invoice-only cluster some of whose rows were decided.
struct Pending {
    group: usize,
    target: Target,
    /// This week's decisions on its rows (indices into the decisions read).
    from_file: Vec<usize>,
}

/// The invoice-only clusters the decisions name, with what was decided (this week's first
/// decision, else a remembered one); decisions on invoices already with a customer of the book
/// are counted as settled, and those on invoices not among the inputs as absent.
fn gather(
    groups: &[Vec<u32>],
    only: &[bool],
    known: &Known<'_>,
    decided: &FxHashMap<Fp, (Target, Option<usize>)>,
    new: &[Made],
    out: &mut Outcome,
) -> Vec<Pending> {
    let mut matched: FxHashSet<Fp> = FxHashSet::default();
    let mut pending = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let (mut remembered, mut from_file) = (None, Vec::new());
        for &r in g {
            let key = &known.fps[r as usize];
            let Some((target, from)) = decided.get(key) else {
                continue;
            };
            matched.insert(*key);
            match from {
                Some(i) if only[gi] => from_file.push(*i),
                Some(_) => out.settled += 1,
                None if only[gi] => remembered = remembered.or(Some(target)),
                None => {}
            }
        }
        let target = from_file.first().map(|&i| &new[i].target).or(remembered);
        if let Some(target) = target {
            pending.push(Pending {
                group: gi,
                target: target.clone(),
                from_file,
            });
        }
    }
    out.absent = new.iter().filter(|m| !matched.contains(&m.key)).count();
    pending
}

/// An id as it lives now (a customer merged into another is known by the other's id).
fn resolve<'a>(id: &'a str, known: &'a Known<'_>) -> &'a str {
    known.aliases.get(id).map_or(id, |s| s.as_str())
}

/// The clusters of the book's customers the decisions name, by customer id (from the state's
/// ids of their rows, or the Mã KH the adopted book gives them).
fn book_customers(
    groups: &[Vec<u32>],
    only: &[bool],
    pending: &[Pending],
    known: &Known<'_>,
) -> FxHashMap<String, usize> {
    let wanted: FxHashSet<&str> = pending
        .iter()
        .filter_map(|p| match &p.target {
            Target::Customer(id) => Some(resolve(id, known)),
            Target::NotInBook => None,
        })
        .collect();
    let mut out: FxHashMap<String, usize> = FxHashMap::default();
    if wanted.is_empty() {
        return out;
    }
    for (gi, g) in groups.iter().enumerate().filter(|(gi, _)| !only[*gi]) {
        for &r in g {
            let id = known
                .given
                .get(&r)
                .or_else(|| known.ids.get(&known.fps[r as usize]));
            if let Some(id) = id.map(|id| resolve(id, known)) {
                if wanted.contains(id) && !out.contains_key(id) {
                    out.insert(id.to_string(), gi);
                }
            }
        }
    }
    out
}

fn conflict(m: &Made, applied: &Made, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "{}: khác quyết định ở {} cho cùng người mua; quyết định kia đã được áp dụng cho mọi hóa đơn của người mua này.",
            m.place, applied.place
        ),
        format!(
            "{}: differs from the decision at {} on the same buyer; that one was applied to every invoice of this buyer.",
            m.place, applied.place
        ),
    )
}

fn unknown_id(m: &Made, id: &str, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "{}: Mã KH «{id}» không phải khách hàng nào trong sổ; quyết định này chưa được áp dụng. Sửa Mã KH (chọn trong cột «Có thể là khách hàng» hoặc trong khach-hang.xlsx) rồi chạy lại.",
            m.place
        ),
        format!(
            "{}: customer ID «{id}» is no customer of the book; the decision was not applied. Correct the ID (from the «Could be customer» column or khach-hang.xlsx) and run again.",
            m.place
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::unhex;
    use crate::model::SourceKind;
    use crate::output::accounts::NOT_IN_BOOK;

    #[test]
    fn a_decision_is_a_customer_id_or_not_in_the_book() {
        assert_eq!(Target::parse("  ", NOT_IN_BOOK), None);
        assert_eq!(
            Target::parse(" kh000012 ", NOT_IN_BOOK),
            Some(Target::Customer("KH000012".into()))
        );
        // As an accountant types an id.
        for typed in [
            "kh12",
            "KH 000012",
            "KH000012 - Hòa Phát",
            "12",
            "KH0000012",
        ] {
            assert_eq!(
                Target::parse(typed, NOT_IN_BOOK),
                Some(Target::Customer("KH000012".into())),
                "{typed}"
            );
        }
        assert_eq!(
            Target::parse("KH1234567", NOT_IN_BOOK),
            Some(Target::Customer("KH1234567".into()))
        );
        // Not an id: kept as typed, to be named as no customer of the book.
        assert_eq!(
            Target::parse("12 hộp", NOT_IN_BOOK),
            Some(Target::Customer("12 HỘP".into()))
        );
        for typed in ["Khách lẻ", "khách mới", "Mới"] {
            assert_eq!(
                Target::parse(typed, NOT_IN_BOOK),
                Some(Target::NotInBook),
                "{typed}"
            );
        }
        for typed in [
            "Không phải khách trong sổ",
            "khong phai khach trong so",
            "Not a customer in the book",
        ] {
            assert_eq!(
                Target::parse(typed, NOT_IN_BOOK),
                Some(Target::NotInBook),
                "{typed}"
            );
        }
        assert_eq!(
            Target::from_stored(Target::NotInBook.stored()),
            Target::NotInBook
        );
        let fp = [0xab; 16];
        assert_eq!(unhex(&key_text(&fp)), Some(fp));
        assert_eq!(unhex("xyz"), None);
    }

    struct World {
        groups: Vec<Vec<u32>>,
        att: Attributions,
        raw: Vec<RawRow>,
        sources: Vec<Source>,
        fps: Vec<Fp>,
    }

    /// What the state knows: row fingerprints' ids and aliases (no adopted book's rows).
    struct Memory {
        ids: HashMap<Fp, String>,
        aliases: HashMap<String, String>,
        given: FxHashMap<u32, String>,
    }

    impl Memory {
        fn new(ids: &[(u8, &str)], aliases: &[(&str, &str)]) -> Memory {
            Memory {
                ids: ids.iter().map(|(k, v)| ([*k; 16], v.to_string())).collect(),
                aliases: aliases
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
                given: FxHashMap::default(),
            }
        }

        fn known<'a>(&'a self, w: &'a World, lang: Lang) -> Known<'a> {
            Known {
                lang,
                raw: &w.raw,
                sources: &w.sources,
                fps: &w.fps,
                ids: &self.ids,
                given: &self.given,
                aliases: &self.aliases,
            }
        }
    }

    /// Rows 0–1 are a book customer known as KH000001 (merged away into KH000002 since), row 2
    /// a book customer KH000003, rows 3, 4 and 5 invoice-only buyers (row 4 asked about with
    /// candidates), row 6 an invoice already attributed to KH000003.
    fn world() -> World {
        let mut att = Attributions::default();
        att.candidates.insert(4, vec![0, 2]);
        World {
            groups: vec![vec![0, 1], vec![2, 6], vec![3], vec![4], vec![5]],
            att,
            raw: (0..7)
                .map(|i| RawRow::new(u32::from(i >= 3), i + 2))
                .collect(),
            sources: vec![
                Source::bare("so.xlsx", SourceKind::Customers),
                Source::bare("hd.csv", SourceKind::Invoices),
            ],
            fps: (0..7u8).map(|i| [i; 16]).collect(),
        }
    }

    fn made(row: u8, typed: &str) -> Made {
        Made {
            key: [row; 16],
            target: Target::parse(typed, NOT_IN_BOOK).unwrap(),
            place: format!("kt.xlsx › Người mua của HĐ › {}", row + 2),
        }
    }

    #[test]
    fn decisions_attribute_keep_apart_or_are_reported() {
        let mut w = world();
        let (mut groups, mut att) = (std::mem::take(&mut w.groups), std::mem::take(&mut w.att));
        let mem = Memory::new(
            &[(0, "KH000001"), (2, "KH000003")],
            &[("KH000001", "KH000002")],
        );
        let known = mem.known(&w, Lang::Vi);
        // Row 3 was given to KH000001 last week (it lives on as KH000002); this week row 4 is
        // not in the book, row 5 names nobody, row 6 is settled, row 9 is not an input.
        let stored = HashMap::from([([3; 16], "KH000001".to_string())]);
        let new = [
            made(4, "Không phải khách trong sổ"),
            made(5, "KH000404"),
            made(6, "KH000003"),
            made(9, "KH000003"),
        ];
        let out = apply(&mut groups, &mut att, &known, stored, &new);
        assert_eq!(groups, vec![vec![0, 1, 3], vec![2, 6], vec![4], vec![5]]);
        assert!(att.by_person.contains(&3) && att.by_person.len() == 1);
        assert!(att.not_in_book.contains(&4) && att.candidates.is_empty());
        assert_eq!(
            (out.attributed, out.not_in_book, out.settled, out.absent),
            (0, 1, 1, 1)
        );
        assert_eq!(out.not_applied.len(), 1);
        assert!(out.not_applied[0].starts_with("kt.xlsx › Người mua của HĐ › 7: Mã KH «KH000404»"));
        assert_eq!(out.keep, vec![([4; 16], String::new())]);
    }

    /// Decisions on several invoices of one buyer: the first (in the order of the rows) decides
    /// for all; one that agrees is counted with it, one that differs is said and not applied.
    #[test]
    fn one_buyers_invoices_follow_the_first_decision() {
        let w = world();
        let mut groups = vec![vec![0, 1], vec![2], vec![3, 4, 5]];
        let mut att = Attributions::default();
        let mem = Memory::new(&[(2, "KH000003")], &[]);
        let known = mem.known(&w, Lang::En);
        let new = [
            made(5, "Not a customer in the book"),
            made(4, "kh000003"),
            made(3, "KH000003"),
        ];
        let out = apply(&mut groups, &mut att, &known, HashMap::new(), &new);
        assert_eq!(groups, vec![vec![0, 1], vec![2, 3, 4, 5]]);
        assert_eq!(att.by_person.len(), 3);
        assert_eq!((out.attributed, out.not_in_book), (2, 0));
        assert_eq!(out.not_applied.len(), 1, "{:?}", out.not_applied);
        assert!(out.not_applied[0].contains("› 7: differs from the decision at"));
        assert_eq!(out.keep.len(), 2);
    }
}
