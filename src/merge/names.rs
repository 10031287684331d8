//! Which of a customer's spellings of its name is shown (survivorship of the name).
//!
//! Rows of one customer write the name many ways: with and without marks, with a key slipped
//! («Nguễn», «Trân» for Trần, «Hu» for Hữu), the middle name left out («Phạm Vy» for Phạm Mai
//! Vy), a company's form or business words abbreviated or left out («Cty TNHH DV Cát Phát»,
//! «Thực phẩm Toàn Tiến»). The name shown is the best-formed one, in this order:
//! 1. a person's whole name (more than a given name alone), in Vietnamese syllables with a
//!    known family name (`well_formed`), not a word typed twice where another spelling writes
//!    it once (`typed_twice`);
//! 2. written with diacritics;
//! 3. not the same letters with fewer marks than another spelling has («Công ty Thuc pham Lac
//!    Thanh» beside «Công ty TNHH Thực phẩm Lạc Thành»);
//! 4. not a shorter form of another spelling: the middle name left out, the family name left
//!    out («Đình Hùng»), the legal form, the shop or business words left out or abbreviated
//!    (`fuller`); not a person's name typed given name first beside it typed family name first
//!    (`turned`);
//! 5. the letters most rows write (an unmarked row agrees with the marked spelling of its
//!    letters), then the very spelling most rows write;
//! 6. of words the book writes more often ([`NameWords`]): «Trần» over «Trân»;
//! 7. the best-ranked row's.
//!
//! A company's name no row writes whole is put together from its rows (`whole_org_name`):
//! the legal form of one before the marked words of another. The other spellings stay visible
//! as a note.

use super::{choose, has_diacritics, only_row, spellings, Pick, Spelling};
use crate::normalize::name::{forms_may_agree, PartyKind};
use crate::normalize::Norm;
use rustc_hash::FxHashMap;

/// How often each word of a name is written among the run's rows: «Trần» thousands of times,
/// «Trân» hardly ever; «Hữu» beside «Hu». Between two spellings nothing else tells apart, the
/// one of common words is the name and the other a slip of the keys. A big book is counted on
/// rows spread over it (every k-th, up to `SAMPLE`): the shares are the same.
#[derive(Debug, Default)]
pub struct NameWords(FxHashMap<Box<str>, u32>);

/// Rows counted for [`NameWords`], at most.
const SAMPLE: usize = 1 << 16;

impl NameWords {
    pub fn of(rows: &[Norm]) -> NameWords {
        let step = rows.len().div_ceil(SAMPLE).max(1);
        let mut counts: FxHashMap<Box<str>, u32> = FxHashMap::default();
        for n in rows.iter().step_by(step) {
            for w in n.name.split_whitespace() {
                match counts.get_mut(w) {
                    Some(c) => *c += 1,
                    None => {
                        counts.insert(w.into(), 1);
                    }
                }
            }
        }
        NameWords(counts)
    }

    /// How common the name's words are together (the sum of their log counts, in thousandths).
    fn commonness(&self, name: &str) -> u64 {
        let sum: f64 = name
            .split_whitespace()
            .map(|w| self.0.get(w).map_or(0.0, |&c| f64::from(c).ln_1p()))
            .sum();
        (sum * 1000.0) as u64
    }
}

/// The name shown for the customer of the `ranked` rows, and the other spellings.
pub(super) fn pick_name<'a>(
    ranked: &[u32],
    rows: &'a [Norm],
    edited: &(dyn Fn(u32) -> bool + Sync),
    words: &NameWords,
    cased: &dyn Fn(u32) -> bool,
) -> Pick<'a> {
    let name = |n: &'a Norm| n.name.as_str();
    if let Some(one) = only_row(ranked, rows, &name) {
        return one;
    }
    let norm = |s: &Spelling| &rows[s.row as usize];
    // Rows whose name reads the same letters, legal form and branch.
    fn letters(n: &Norm) -> (&str, Option<&'static str>, Option<&str>) {
        (n.name_key.as_str(), n.legal_form(), n.branch())
    }
    // The rows of a spelling read alike (one text, one reading): counted by spelling, not by
    // row (a company's hundreds of invoice lines write a handful of spellings).
    let support = |s: &Spelling, all: &[Spelling]| -> u32 {
        let mine = letters(norm(s));
        all.iter()
            .filter(|t| letters(norm(t)) == mine)
            .map(|t| t.rows)
            .sum()
    };
    // A whole name, well-formed and marked first, for every spelling; the rest for those
    // level on all three. A person's single word is a given name alone («Cô Thắm»): the row
    // writing «Nguyen Thi Tham» keeps her family and middle names, marks or none.
    let all = spellings(ranked, rows, name);
    let first_cut = |s: &Spelling| {
        let n = norm(s);
        let person = n.kind == PartyKind::Person;
        (
            !person || s.value.split_whitespace().nth(1).is_some(),
            !person || (well_formed(s.value) && !typed_twice(s.value, &all)),
            has_diacritics(s.value),
        )
    };
    // A spelling whose row was typed in one case («CỬA HÀNG PHỤ TÙNG XE MÁY HOAN TRƯỜNG», an
    // accountant's capitals) has had its case put back by rule; a row that writes the same
    // letters in the case it chose («Cửa hàng Phụ tùng xe máy Hoan Trường») says how the
    // customer writes it, however many lines the capitals have.
    fn lower(v: &str) -> impl Iterator<Item = char> + '_ {
        v.chars().flat_map(char::to_lowercase)
    }
    // The spellings some row of which was typed with case (not only the best-ranked row: a
    // newer invoice line in capitals ranks first among a spelling the book types with case).
    let mut typed_cased: Vec<&str> = Vec::new();
    for &r in ranked {
        let v = name(&rows[r as usize]);
        if !v.is_empty() && !typed_cased.contains(&v) && cased(r) {
            typed_cased.push(v);
        }
    }
    let recased_copy = |s: &Spelling, all: &[Spelling]| {
        !typed_cased.contains(&s.value)
            && all.iter().any(|t| {
                t.value != s.value
                    && typed_cased.contains(&t.value)
                    && lower(t.value).eq(lower(s.value))
            })
    };
    choose(all.clone(), edited, first_cut, |s, all| {
        let n = norm(s);
        (
            !all.iter()
                .any(|t| fewer_marks(n, s.value, norm(t), t.value)),
            !all.iter().any(|t| fuller(norm(t), t.value, n, s.value)),
            !all.iter().any(|t| turned(n, norm(t))),
            !recased_copy(s, all),
            support(s, all),
            s.rows,
            words.commonness(s.value),
            std::cmp::Reverse(s.rank),
        )
    })
}

/// An organisation's name put together from its rows when no row writes it whole: the legal
/// form one row gives («Công ty Cổ phần») before the name another row writes with its marks and
/// words («Sản xuất và Thương mại Gia Phát», beside «Cong ty CP San xuat va Thuong mai Gia
/// Phat»). Only rows of one name (the same letters, abbreviations written out, and branch) and
/// one company's forms («Công ty» beside «Công ty TNHH» is one; «TNHH» beside «Cổ phần» is
/// none: nothing is put together); none when the `chosen` row already writes it so (another
/// row's capitals, dash or comma are no better).
pub(super) fn whole_org_name(chosen: u32, voters: &[u32], rows: &[Norm]) -> Option<String> {
    let c = &rows[chosen as usize];
    if c.kind != PartyKind::Org || voters.len() < 2 {
        return None;
    }
    let same: Vec<&Norm> = voters
        .iter()
        .map(|&r| &rows[r as usize])
        .filter(|n| n.name_key == c.name_key && n.branch() == c.branch() && !n.name.is_empty())
        .collect();
    if same.len() < 2 {
        return None;
    }
    // None, «Công ty», then a form that says which company.
    let rank = |f: &str| usize::from(f != "Công ty");
    let form = same
        .iter()
        .filter_map(|n| n.legal_form())
        .max_by_key(|f| rank(f));
    if same
        .iter()
        .filter_map(|n| n.legal_form())
        .any(|f| !forms_may_agree(Some(f), form))
    {
        return None;
    }
    // The name after its form («Công ty TNHH» written first, as the rows' display has it).
    fn core(n: &Norm) -> Option<&str> {
        match n.legal_form() {
            Some(f) => n
                .name
                .strip_prefix(f)
                .map(str::trim_start)
                .filter(|s| !s.is_empty()),
            None => Some(n.name.as_str()),
        }
    }
    // Words with a marked letter (an en dash is no mark).
    let marked = |s: &str| {
        s.split_whitespace()
            .filter(|w| {
                w.chars()
                    .any(|c| !c.is_ascii() && crate::normalize::text::vietnamese_base(c).is_some())
            })
            .count()
    };
    // The chosen row's own words unless another row writes more of them with their marks
    // («Thuc pham» / «Thực phẩm»; «TM» / «Thương mại»): not another row's capitals or dash.
    let mine = core(c)?;
    let best = same.iter().filter_map(|n| core(n)).fold(mine, |best, s| {
        if marked(s) > marked(best) {
            s
        } else {
            best
        }
    });
    let whole = match form {
        Some(f) => format!("{f} {best}"),
        None => best.to_string(),
    };
    (whole != c.name.as_str()).then_some(whole)
}

/// An organisation's name with the words the rules left in capitals («VINATECH», read from an
/// accountant's «CÔNG TY CỔ PHẦN THỰC PHẨM VINATECH»: a word that is no Vietnamese syllable
/// may be an acronym) written as the customer's rows typed with case write them («Cty CP TP
/// Vinatech»): none when no such row writes one of them so, or one writes it in capitals.
pub(super) fn cased_words(
    shown: &str,
    chosen: u32,
    voters: &[u32],
    rows: &[Norm],
    cased: &dyn Fn(u32) -> bool,
) -> Option<String> {
    let c = &rows[chosen as usize];
    let capitals = |w: &str| {
        w.chars().all(char::is_alphabetic)
            && w.chars().count() >= 3
            && !w.chars().any(char::is_lowercase)
    };
    if c.kind != PartyKind::Org || !shown.split(' ').any(capitals) {
        return None;
    }
    let titled = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
    };
    let form = c.legal_form().unwrap_or("");
    let typed: Vec<&str> = voters
        .iter()
        .filter(|&&r| cased(r))
        .flat_map(|&r| rows[r as usize].name.split(' '))
        .collect();
    let mut changed = false;
    let words: Vec<&str> = shown
        .split(' ')
        .map(|w| {
            if !capitals(w) || form.split(' ').any(|f| f == w) || typed.contains(&w) {
                return w;
            }
            match typed.iter().find(|t| titled(t) && t.to_uppercase() == w) {
                Some(t) => {
                    changed = true;
                    *t
                }
                None => w,
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// A word typed twice in a row («Nguyễn Văn Văn An») where another spelling of the customer
/// writes the name with it once: a slip of the keys. Where none does («Hoàng Hoàng Xuân» on
/// every row, one of them «Hoảng Hoàng Xuân»), the name has the word twice.
fn typed_twice(name: &str, all: &[Spelling]) -> bool {
    let words: smallvec::SmallVec<[&str; 8]> = name.split_whitespace().collect();
    (1..words.len()).any(|i| {
        words[i] == words[i - 1]
            && all.iter().any(|t| {
                let mut once = t.value.split_whitespace();
                words[..i]
                    .iter()
                    .chain(&words[i + 1..])
                    .all(|w| once.next() == Some(*w))
                    && once.next().is_none()
            })
    })
}

/// Every word of letters is one Vietnamese syllable, and a person's name starts or ends with a
/// known family name ("Nguễn" is a well-shaped syllable, but no one's family name).
fn well_formed(name: &str) -> bool {
    use crate::normalize::{name::is_common_family, text::fold_key};
    let syllables = name
        .split_whitespace()
        // Letters only (a Vietnamese one is known without the Unicode tables).
        .filter(|w| {
            w.chars()
                .all(|c| crate::normalize::text::vietnamese_base(c).is_some() || c.is_alphabetic())
        })
        .all(crate::normalize::text::is_vietnamese_syllable);
    let mut words = name.split_whitespace();
    let known_family = [words.next(), words.next_back()]
        .into_iter()
        .flatten()
        .any(|w| is_common_family(&fold_key(w)));
    syllables && known_family
}

/// How many of `a`'s words are typed bare (letters only, some lower case: «Thuc», «pham»; not
/// «TNHH») where `b` writes the same word with its marks («Thực», «phẩm») more often than `a`
/// itself does: «Thanh» of «Thanh Xuân» is not missing the marks of «Thành phố» when `a`
/// writes «Thành phố» too. Words are letters between anything else («Phú,» is «Phú»), read in
/// place (a million rows' customers ask this of most of their spellings).
pub(super) fn marks_missing(a: &str, b: &str) -> usize {
    if b.is_ascii() {
        return 0;
    }
    missing_between(&WordMarks::of(a), &WordMarks::of(b))
}

/// How a word is typed: bare (ASCII, some lower case), with marks, or otherwise (capitals:
/// «TNHH», «LOTUS», which say nothing of marks).
#[derive(Clone, Copy, PartialEq)]
enum Typed {
    Bare,
    Marked,
    Other,
}

/// A text's words of Vietnamese letters, each as its letters folded (hashed) and how it is
/// typed: read once for a text compared with several others.
pub(super) struct WordMarks(smallvec::SmallVec<[(u64, Typed); 16]>);

impl WordMarks {
    pub(super) fn of(s: &str) -> WordMarks {
        use crate::normalize::text::vietnamese_base;
        // Split at ASCII only: no Unicode table is read (a letter with a mark is past ASCII;
        // a dash or quote past it is no Vietnamese letter and drops the word below).
        let words = s
            .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 1)
            .filter_map(|w| {
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for c in w.chars() {
                    h = (h ^ u64::from(vietnamese_base(c)?)).wrapping_mul(0x100_0000_01b3);
                }
                let typed = if !w.is_ascii() {
                    Typed::Marked
                } else if w.bytes().any(|b| b.is_ascii_lowercase()) {
                    Typed::Bare
                } else {
                    Typed::Other
                };
                Some((h, typed))
            })
            .collect();
        WordMarks(words)
    }

    /// Words typed bare, how many.
    pub(super) fn bare(&self) -> usize {
        self.0.iter().filter(|&&(_, t)| t == Typed::Bare).count()
    }
}

/// [`marks_missing`] of two texts' words already read.
pub(super) fn missing_between(a: &WordMarks, b: &WordMarks) -> usize {
    let (wa, wb) = (&a.0, &b.0);
    let count = |ws: &[(u64, Typed)], f: u64, typed: Typed| {
        ws.iter().filter(|&&(h, t)| h == f && t == typed).count()
    };
    let mut missing = 0;
    for (i, &(f, typed)) in wa.iter().enumerate() {
        // Each folded word once, at its first bare occurrence.
        if typed != Typed::Bare || wa[..i].iter().any(|&(h, t)| h == f && t == Typed::Bare) {
            continue;
        }
        let marked_b = count(wb, f, Typed::Marked);
        let marked_a = count(wa, f, Typed::Marked);
        missing += count(wa, f, Typed::Bare).min(marked_b.saturating_sub(marked_a));
    }
    missing
}

/// `a` is the letters of `b` with fewer marks: the same name read the same way, more of its
/// words typed bare. A reading that needs the marks gives one name's letters two keys («In ấn
/// Bao bì Huy Tín» is the trade «In» and the name; «In an Bao bi Huy Tin», typed bare, keeps
/// «an» as a word): a company's or a person's name whose words are the same letters, one by
/// one, is the same name too.
fn fewer_marks(a: &Norm, a_name: &str, b: &Norm, b_name: &str) -> bool {
    if a_name == b_name {
        return false;
    }
    if a.name_key == b.name_key {
        return marks_missing(a_name, b_name) > marks_missing(b_name, a_name);
    }
    if a.kind != b.kind || a.branch() != b.branch() || a_name.len() > b_name.len() {
        // (A letter with a mark takes more bytes than without: fewer marks, fewer bytes.)
        return false;
    }
    same_letters(a_name, b_name) && marks_missing(a_name, b_name) > marks_missing(b_name, a_name)
}

/// Two texts of the same letters in the same order, marks, case and spaces aside («In an Bao
/// bi A Dat» / «In ấn Bao bì Á Đạt»).
fn same_letters(a: &str, b: &str) -> bool {
    let fold = |c: char| crate::normalize::text::vietnamese_base(c).map_or(c, char::from);
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(fold)
            .collect::<smallvec::SmallVec<[char; 64]>>()
    };
    letters(a) == letters(b)
}

/// `a` is the person's name `b` typed given name first, as a web form's first-name field puts
/// it («Hà Bùi Kim» beside «Bùi Kim Hà»): the same words, `b` family name first.
fn turned(a: &Norm, b: &Norm) -> bool {
    let (ak, bk) = (a.name_key.as_str(), b.name_key.as_str());
    a.kind == PartyKind::Person
        && b.kind == PartyKind::Person
        && ak != bk
        && ak.len() == bk.len()
        && ak.split(' ').count() == bk.split(' ').count()
        && bk
            .split(' ')
            .next()
            .is_some_and(crate::normalize::name::is_common_family)
        && crate::matching::score::given_first(ak, bk)
}

/// `full` is a fuller form of the name `short`: for two persons, the same family and given
/// name with more words between («Phạm Mai Vy» / «Phạm Vy»); otherwise the short name's words
/// among the full one's (a shop's or company's words added: «Cửa hàng Dương Khang» / «Dương
/// Khang»), or the same words with abbreviations written out («Dịch vụ» / «DV»), or a legal
/// form where the short has none or only «Công ty»; never another branch's, nor another form.
fn fuller(full: &Norm, full_name: &str, short: &Norm, short_name: &str) -> bool {
    if full_name == short_name {
        return false;
    }
    let (fk, sk) = (full.name_key.as_str(), short.name_key.as_str());
    if full.kind == PartyKind::Person && short.kind == PartyKind::Person {
        let (f, s) = (fk.split(' ').count(), sk.split(' ').count());
        // Or the middle and given names one is called by, the family name left out («Anh
        // Đình Hùng» beside «Hoàng Đình Hùng»).
        let called_by = s >= 2 && fk.strip_suffix(sk).is_some_and(|head| head.ends_with(' '));
        return f > s
            && (called_by
                || (fk.split(' ').next() == sk.split(' ').next()
                    && fk.rsplit(' ').next() == sk.rsplit(' ').next()
                    && within(sk, fk)));
    }
    if short.branch().is_some() && short.branch() != full.branch() {
        return false;
    }
    let (ff, sf) = (full.legal_form(), short.legal_form());
    if !forms_may_agree(ff, sf) {
        return false;
    }
    // None, «Công ty», then a form that says which company.
    let rank = |f: Option<&str>| match f {
        None => 0,
        Some("Công ty") => 1,
        Some(_) => 2,
    };
    if rank(ff) < rank(sf) {
        return false;
    }
    if !within(sk, fk) {
        return false;
    }
    let (f, s) = (fk.split(' ').count(), sk.split(' ').count());
    let more_words =
        || full_name.split_whitespace().count() > short_name.split_whitespace().count();
    f > s
        || rank(ff) > rank(sf)
        || (full.branch().is_some() && short.branch().is_none())
        || (f == s && ff == sf && more_words())
}

/// Whether a typed name carries its case: capitals and small letters both («Cửa hàng Phụ tùng
/// xe máy», not «CỬA HÀNG PHỤ TÙNG XE MÁY» nor «cua hang phu tung»).
pub(super) fn typed_with_case(typed: &str) -> bool {
    crate::normalize::text::letter_cases(typed) == (true, true)
}

/// Every word of the key `short`, in order, among the key `full`'s.
pub(crate) fn within(short: &str, full: &str) -> bool {
    let mut rest = full.split(' ');
    short.split(' ').all(|w| rest.any(|x| x == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(lines: &[&str]) -> String {
        let rows = crate::normalize::test_rows(lines);
        let ranked: Vec<u32> = (0..rows.len() as u32).collect();
        let words = NameWords::of(&rows);
        let cased = |r: u32| typed_with_case(lines[r as usize].split('|').next().unwrap_or(""));
        let (name, _) = pick_name(&ranked, &rows, &|_| false, &words, &cased);
        name.map(|(_, v)| v.to_string()).unwrap_or_default()
    }

    /// The middle name left out is the same name written shorter: the whole name is shown,
    /// whichever row came first; the unmarked row agrees with the marked spelling.
    #[test]
    fn the_whole_name_over_the_middle_left_out() {
        assert_eq!(
            chosen(&["Phạm Vy|", "Phạm Mai Vy|", "Pham Mai Vy|"]),
            "Phạm Mai Vy"
        );
        // A word typed twice is no middle name.
        assert_eq!(
            chosen(&["Nguyễn Văn An|", "Nguyễn Văn Văn An|"]),
            "Nguyễn Văn An"
        );
        // The family name left out: the middle and given names one is called by.
        assert_eq!(
            chosen(&["Anh Đình Hùng|", "Chú Đình Hùng|", "Hoàng Đình Hùng|"]),
            "Hoàng Đình Hùng"
        );
        // Typed given name first, as a web form puts it: the name is the one typed family
        // name first, whichever row came first.
        assert_eq!(chosen(&["Hà Bùi Kim|", "Bùi Kim Hà|"]), "Bùi Kim Hà");
        assert_eq!(
            chosen(&["Tùng Nguyễn Đình|", "Nguyễn Đình Tùng|"]),
            "Nguyễn Đình Tùng"
        );
        // Unless no spelling writes it once: then the name has it twice, and a slip of one of
        // the two («Hoảng») is no better for having lost the pair.
        assert_eq!(
            chosen(&[
                "Hoảng Hoàng Xuân|",
                "Hoàng Hoàng Xuân|",
                "Hoàng Hoàng Xuân|",
                "HOÀNG HOÀNG XUÂN|",
            ]),
            "Hoàng Hoàng Xuân"
        );
        // However many rows write it shorter.
        assert_eq!(
            chosen(&["Nguyễn Thoa|", "Nguyễn Thoa|", "Nguyễn Thùy Thoa|"]),
            "Nguyễn Thùy Thoa"
        );
        // Another given name is not a fuller form: the rows decide.
        assert_eq!(
            chosen(&["Nguyễn Thị Lan|", "Nguyễn Thị Lan|", "Nguyễn Thị Lan Anh|"]),
            "Nguyễn Thị Lan"
        );
    }

    /// A spelling is typed with case when any of its rows is, not only its first-ranked one: a
    /// newer invoice line in capitals ranked first among the book's own spelling does not make
    /// it a copy recased by rule (it was shown below the listing's one-off formal form).
    #[test]
    fn a_spelling_a_row_types_with_case_is_no_recased_copy() {
        assert_eq!(
            chosen(&[
                "CÔNG TY TNHH QUANG THỊNH - CHI NHÁNH CẦN THƠ|",
                "Chi nhánh Công ty TNHH Quang Thịnh tại Cần Thơ|",
                "Công ty TNHH Quang Thịnh - Chi nhánh Cần Thơ|",
                "CÔNG TY TNHH QUANG THỊNH - CN Cần Thơ|",
            ]),
            "Công ty TNHH Quang Thịnh - Chi nhánh Cần Thơ"
        );
    }

    /// A company's name typed bare reads as other words than the marked one («In ấn» is the
    /// trade «In»; «In an» typed bare is two words), yet its letters are the marked name's: it
    /// is that name with fewer marks, and neither its key nor its extra word makes it shown.
    #[test]
    fn the_marked_name_over_its_letters_typed_bare_under_another_reading() {
        assert_eq!(
            chosen(&[
                "Cong ty TNHH Mot thanh vien In an Bao bi Huy Tin|",
                "Công ty TNHH Một thành viên In ấn Bao bì Huy Tín|",
                "Cty TNHH MTV In Bao bì Huy Tín|",
            ]),
            "Công ty TNHH Một thành viên In ấn Bao bì Huy Tín"
        );
        // A word of one letter, marked on one side («Á Đạt» / «A Dat»).
        assert_eq!(
            chosen(&[
                "Cong ty Co phan In an Bao bi A Dat|",
                "Công ty Cổ phần In ấn Bao bì Á Đạt|",
            ]),
            "Công ty Cổ phần In ấn Bao bì Á Đạt"
        );
    }

    /// A given name alone, however well marked («Cô Thắm»), is not the customer's name when
    /// another row writes it whole, even without marks: the family and middle names are kept.
    #[test]
    fn the_whole_name_over_a_given_name_alone() {
        assert_eq!(
            chosen(&["CÔ THẮM|", "Nguyen Thi Tham|", "nguyen thi tham|"]),
            "Nguyen Thi Tham"
        );
        assert_eq!(chosen(&["Chị Hoa|", "Tran Thi Hoa|"]), "Tran Thi Hoa");
        // A given name alone is still the name when no row writes more.
        assert_eq!(chosen(&["CÔ THẮM|", "Thắm|"]), "Thắm");
    }

    /// No row writes the company's name whole: the legal form of one before the marked words
    /// of the other. Not two companies' forms, nor two branches.
    #[test]
    fn a_company_name_put_together_from_its_rows() {
        let whole = |lines: &[&str]| {
            let rows = crate::normalize::test_rows(lines);
            let ranked: Vec<u32> = (0..rows.len() as u32).collect();
            whole_org_name(0, &ranked, &rows)
        };
        assert_eq!(
            whole(&[
                "Phạm Thành Lân - Cong ty CP San xuat va Thuong mai Gia Phat|",
                "Sản xuất và Thương mại Gia Phát|",
            ])
            .as_deref(),
            Some("Công ty Cổ phần Sản xuất và Thương mại Gia Phát")
        );
        assert_eq!(
            whole(&[
                "Công ty TNHH Thực phẩm Lạc Thành|",
                "Cong ty Thuc pham Lac Thanh|"
            ]),
            None,
            "written whole already"
        );
        assert_eq!(
            whole(&[
                "Công ty TNHH Sông Thái - Chi nhánh Hà Nội|",
                "Công ty TNHH Sông Thái – Chi nhánh Hà Nội|",
            ]),
            None,
            "a dash is no mark"
        );
        assert_eq!(
            whole(&["Công ty TNHH Gia Phát|", "CÔNG TY CỔ PHẦN GIA PHÁT|"]),
            None,
            "two companies' forms"
        );
        assert_eq!(
            whole(&["Cty TNHH Gia Phat - CN Hà Nội|", "Gia Phát|"]),
            None,
            "another branch's name"
        );
    }

    /// A row typed without marks votes for the marked spelling of its letters: «Tran Van Tuan»
    /// beside «Trần Văn Tuấn» makes two rows against one newer «Trần Văn Tú».
    #[test]
    fn an_unmarked_row_votes_for_its_letters() {
        assert_eq!(
            chosen(&["Trần Văn Tú|", "Trần Văn Tuấn|", "Tran Van Tuan|"]),
            "Trần Văn Tuấn"
        );
    }

    /// The accountant's capitals, however many invoice lines write them, do not outvote the
    /// case a row chose for the same letters; a fuller name in capitals still wins.
    #[test]
    fn the_case_a_row_chose_over_capitals() {
        // Two rows in one case against one typed with case, which writes the name shown.
        for (one_case, cased) in [
            (
                "CỬA HÀNG PHỤ TÙNG XE MÁY HOAN TRƯỜNG|",
                "Cửa hàng Phụ tùng xe máy Hoan Trường",
            ),
            ("CÔNG TY TNHH VINATECH|", "Công ty TNHH Vinatech"),
            // Typed in small letters only, its case is the rules' too.
            ("công ty tnhh vinatech|", "Công ty TNHH VINATECH"),
        ] {
            let row = format!("{cased}|");
            assert_eq!(chosen(&[one_case, one_case, &row]), cased);
        }
        assert!(
            chosen(&[
                "CÔNG TY TNHH THƯƠNG MẠI VINATECH|",
                "Công ty TNHH Vinatech|"
            ])
            .starts_with("Công ty TNHH Thương mại"),
            "the fuller name"
        );
    }

    /// Two spellings of one row each, both Vietnamese syllables: the one of the words the
    /// book writes, not the slip.
    #[test]
    fn the_common_words_over_a_slip() {
        let book = [
            "Trần Văn Nam|",
            "Trần Thị Hoa|",
            "Lê Hữu Phước|",
            "Trần Hữu Tài|",
            "Nguyễn Thị Diễm|",
        ];
        let with = |pair: [&'static str; 2]| {
            let mut lines: Vec<&str> = pair.to_vec();
            lines.extend(book);
            let rows = crate::normalize::test_rows(&lines);
            let words = NameWords::of(&rows);
            let cased = |r: u32| typed_with_case(lines[r as usize].split('|').next().unwrap_or(""));
            let (name, _) = pick_name(&[0, 1], &rows, &|_| false, &words, &cased);
            name.map(|(_, v)| v.to_string()).unwrap_or_default()
        };
        assert_eq!(
            with(["Trân Minh Thịnh|", "Trần Minh Thịnh|"]),
            "Trần Minh Thịnh"
        );
        assert_eq!(
            with(["Huỳnh Hu Nhạc|", "Huỳnh Hữu Nhạc|"]),
            "Huỳnh Hữu Nhạc"
        );
        assert_eq!(with(["Trần Thị Iễm|", "Trần Thị Diễm|"]), "Trần Thị Diễm");
    }

    /// A company's name: the legal form and business words written out, with their marks, over
    /// the same name shortened or typed bare; never another branch's name.
    #[test]
    fn the_company_name_written_out() {
        assert_eq!(
            chosen(&["Dương Khang|", "CỬA HÀNG DƯƠNG KHANG|"]),
            "Cửa hàng Dương Khang"
        );
        assert_eq!(
            chosen(&[
                "Công ty TNHH DV Cát Phát|",
                "Công ty TNHH Dịch vụ Cát Phát|"
            ]),
            "Công ty TNHH Dịch vụ Cát Phát"
        );
        assert_eq!(
            chosen(&[
                "Thực phẩm Toàn Tiến|",
                "CÔNG TY CỔ PHẦN THỰC PHẨM TOÀN TIẾN|"
            ]),
            "Công ty Cổ phần Thực phẩm Toàn Tiến"
        );
        assert_eq!(
            chosen(&["Công ty Hoàng Thành|", "CÔNG TY TNHH HOÀNG THÀNH|"]),
            "Công ty TNHH Hoàng Thành"
        );
        assert_eq!(
            chosen(&[
                "Cong ty Thuc pham Lac Thanh|",
                "Cong ty Thuc pham Lac Thanh|",
                "CTY TNHH THỰC PHẨM LẠC THÀNH|",
            ]),
            "Công ty TNHH Thực phẩm Lạc Thành"
        );
        assert_eq!(
            chosen(&[
                "Hợp tác xã Noi that Dong My|",
                "Hợp tác xã Nội thất Đông Mỹ|"
            ]),
            "Hợp tác xã Nội thất Đông Mỹ"
        );
        // A foreign word in capitals has no marks to give: «Lotus» misses none.
        assert_eq!(
            chosen(&[
                "Công ty TNHH Dịch vụ Lotus Việt Nam|",
                "Công ty TNHH Dịch vụ LOTUS Việt Nam|"
            ]),
            "Công ty TNHH Dịch vụ Lotus Việt Nam"
        );
        // Rows of a branch's customer without the label are the branch's written shorter
        // (a head office is never one customer with its branch); a head office's name is no
        // fuller form of a branch's.
        let branch = chosen(&[
            "Công ty TNHH Phúc Khang|",
            "Công ty TNHH Phúc Khang|",
            "Công ty TNHH Phúc Khang - CN Hải Phòng|",
        ]);
        assert!(branch.contains("Hải Phòng"), "{branch}");
        let rows = crate::normalize::test_rows(&[
            "Công ty TNHH Phúc Khang - CN Hải Phòng|",
            "Công ty TNHH Phúc Khang - CN Hà Nội|",
        ]);
        assert!(!fuller(&rows[0], &rows[0].name, &rows[1], &rows[1].name));
    }
}
