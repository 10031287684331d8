//! The official list of districts and wards, and the province an address's lower units imply
//! when it names no province ("X. Đồng Ích, Huyện Lập Thạch" → Vĩnh Phúc).
//!
//! Data: `src/normalize/data/units.tsv`, converted by `units_from_pypi.py` from the PyPI
//! package vietnamadminunits 1.0.4 (MIT licence, © 2025 Tran Ngoc Minh Hieu,
//! https://github.com/tranngocminhhieu/vietnamadminunits): the 63 provinces, 696 districts and
//! 10 035 wards in force until 30 June 2025 and the 34 provinces and 3 321 wards from 1 July
//! 2025, each with its GSO code. It is parsed once, on first use, into one hash map on folded
//! names: a million addresses are normalised per run.
//!
//! A unit is read with its type ("Huyện Lập Thạch" is a district, "X. Đồng Ích" a commune;
//! "TX Sơn Tây" is in Hà Nội, "Huyện Sơn Tây" in Quảng Ngãi). The types an address writes
//! with a wrong word of the same level ("Xã" for a ward that became a "Phường") are tried
//! next. A whole comma-separated part with no type word ("…, Lập Thạch") counts only when no
//! typed unit was found. The province is inferred only when the units found agree on exactly
//! one province (see [`agree`]); a name found in several provinces infers nothing.

use std::sync::LazyLock;

use super::{fold_alnum, FnvMap, Piece, Province, PROVINCES};

pub(super) const SOURCE: &str = include_str!("../data/units.tsv");

/// Where a name occurs: bit `i` stands for `PROVINCES[i]`. `new` marks a 2025 province by the
/// old unit whose name it carries (every 2025 province kept one of the old names).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Places {
    pub old: u64,
    pub new: u64,
}

/// District-level and ward-level types; the official type code of the data file.
const DISTRICT_TYPES: &[&str] = &["Q", "H", "TX", "TP"];
const WARD_TYPES: &[&str] = &["P", "X", "TT", "DK"];

/// One index for three kinds of key: "H|lap thach" (type and name), "1|lap thach" (level:
/// 1 district, 2 ward) and "*|lap thach" (bare name).
pub(super) struct Units {
    pub map: FnvMap<String, Places>,
    /// Lines read per kind ('L', 'D', 'W', 'N', 'w'), for the tests against the source.
    pub counts: FnvMap<char, usize>,
    /// For each old province (index into `PROVINCES`), the index of its 2025 province.
    pub merged: Vec<Option<usize>>,
    /// The 2025 reorganisation, ward by ward: old wards by "province index|name key", with
    /// their district's name key and the codes of the 2025 wards they became.
    pub old_wards: FnvMap<String, Vec<OldWard>>,
    /// The 2025 wards an old district's wards became, by "province index|name key".
    pub old_districts: FnvMap<String, Vec<u32>>,
    /// 2025 wards' codes by "2025 province index|name key".
    pub new_wards: FnvMap<String, Vec<u32>>,
}

/// A ward in force until 30 June 2025.
#[derive(Debug)]
pub(super) struct OldWard {
    /// Its district's name key ("1", "thu duc").
    pub district: String,
    /// The codes of the 2025 wards it went into (most into one; a few were split).
    pub became: Vec<u32>,
}

/// The key of a unit name: folded words joined by spaces, numbers without leading zeros
/// ("Phường 05" = "Phường 5"). Dashes separate words ("Phan Rang - Tháp Chàm").
pub(super) fn name_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    join_key_words(&mut key, words.filter_map(key_word));
    key
}

/// One word of a unit name's key ([`name_key`]); `None` when nothing of it is kept.
fn key_word(w: &str) -> Option<compact_str::CompactString> {
    let f = fold_alnum(w).0;
    if f.is_empty() {
        return None;
    }
    if f.bytes().all(|b| b.is_ascii_digit()) {
        let t = f.trim_start_matches('0');
        return Some(if t.is_empty() { "0" } else { t }.into());
    }
    Some(f)
}

/// Appends key words to `key`, one space between them.
fn join_key_words(key: &mut String, words: impl Iterator<Item = impl AsRef<str>>) {
    for (k, w) in words.enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(w.as_ref());
    }
}

fn province_index(name: &str) -> Option<usize> {
    let key = name_key(name.split(|c: char| c.is_whitespace() || c == '-'));
    PROVINCES.iter().position(|p| p.key == key)
}

/// The level key prefix of a type: "1" district, "2" ward.
fn level(unit_type: &str) -> Option<&'static str> {
    if DISTRICT_TYPES.contains(&unit_type) {
        Some("1")
    } else if WARD_TYPES.contains(&unit_type) {
        Some("2")
    } else {
        None
    }
}

/// The keys a unit's name is written with: "Phường Xuân Hương - Đà Lạt" is also written
/// "P. Xuân Hương, Đà Lạt".
fn name_keys(name: &str) -> Vec<String> {
    let mut names = vec![name_key(
        name.split(|c: char| c.is_whitespace() || c == '-'),
    )];
    if let Some((head, _)) = name.split_once(" - ") {
        names.push(name_key(head.split_whitespace()));
    }
    names
}

impl Units {
    fn add(&mut self, unit_type: &str, name: &str, bit: u64, new: bool) {
        let Some(lvl) = level(unit_type) else { return };
        for name in name_keys(name) {
            for prefix in [unit_type, lvl, "*"] {
                let places = self.map.entry(format!("{prefix}|{name}")).or_default();
                if new {
                    places.new |= bit;
                } else {
                    places.old |= bit;
                }
            }
        }
    }

    /// Reads the data file. A line it cannot read is skipped (the tests compare the counts
    /// with the source, so a skipped line fails them rather than a user's run).
    fn parse(text: &str) -> Units {
        let mut u = Units {
            map: FnvMap::default(),
            counts: FnvMap::default(),
            merged: vec![None; PROVINCES.len()],
            old_wards: FnvMap::default(),
            old_districts: FnvMap::default(),
            new_wards: FnvMap::default(),
        };
        let mut district: Vec<String> = Vec::new();
        let mut new_codes: Vec<(usize, &str)> = Vec::new();
        let mut old_codes: FnvMap<&str, usize> = FnvMap::default();
        let mut old: Option<usize> = None;
        let mut new: Option<usize> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(kind), Some(code), Some(unit_type), Some(name)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let Some(kind) = kind.chars().next() else {
                continue;
            };
            match kind {
                'L' => {
                    old = province_index(name);
                    if let (Some(i), Some(joined)) = (old, f.next()) {
                        new_codes.push((i, joined));
                    }
                }
                'N' => {
                    new = province_index(name);
                    if let Some(i) = new {
                        old_codes.insert(code, i);
                    }
                }
                'D' | 'W' => {
                    let Some(i) = old else { continue };
                    u.add(unit_type, name, 1 << i, false);
                    if kind == 'D' {
                        district = name_keys(name);
                    } else {
                        let became: Vec<u32> = f
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .filter_map(|c| c.parse().ok())
                            .collect();
                        for d in &district {
                            u.old_districts
                                .entry(format!("{i}|{d}"))
                                .or_default()
                                .extend(&became);
                        }
                        for w in name_keys(name) {
                            u.old_wards
                                .entry(format!("{i}|{w}"))
                                .or_default()
                                .push(OldWard {
                                    district: district[0].clone(),
                                    became: became.clone(),
                                });
                        }
                    }
                }
                'w' => {
                    let Some(i) = new else { continue };
                    u.add(unit_type, name, 1 << i, true);
                    if let Ok(c) = code.parse::<u32>() {
                        for w in name_keys(name) {
                            u.new_wards.entry(format!("{i}|{w}")).or_default().push(c);
                        }
                    }
                }
                _ => continue,
            }
            *u.counts.entry(kind).or_default() += 1;
        }
        for (i, code) in new_codes {
            u.merged[i] = old_codes.get(code).copied();
        }
        u
    }
}

pub(super) static UNITS: LazyLock<Units> = LazyLock::new(|| Units::parse(SOURCE));

/// Whether the place an address wrote before the 2025 reorganisation — its ward, or its
/// district, or both, in province `old` (index into `PROVINCES`) — lies in the 2025 ward
/// `new_ward` that another address writes in province `new`: "P. Bến Nghé, Q.1" is in
/// "P. Sài Gòn", and so is "Q.1"; "P. Tân Kiểng, Q.7" is in "P. Tân Hưng". Names are folded
/// words as an address key holds them; a name may be followed by words of another unit
/// written without its type ("my an ngu hanh son"), so the longest run of its first words
/// that names a unit is read. A ward name that several districts of the province had counts
/// for each of them unless the district is written.
///
/// A 2025 ward's name that an old ward also had ("P. Tân Phú": a 2025 ward, and before it a
/// ward of Quận 7 and one of Thủ Đức) may be that old ward written without its district: the
/// old place must then also lie where one of those went ("Q. Tân Phú" does not).
pub(super) fn lies_in(
    old: usize,
    district: Option<&[&str]>,
    ward: Option<&[&str]>,
    new: usize,
    new_ward: &[&str],
) -> bool {
    let u = &*UNITS;
    let Some(province_2025) = u.merged.get(old).copied().flatten() else {
        return false;
    };
    if u.merged.get(new).copied().flatten() != Some(province_2025) {
        return false;
    }
    let Some((name, wanted)) = longest(new_ward, |k| {
        u.new_wards
            .get(&format!("{province_2025}|{k}"))
            .map(|codes| (k.to_owned(), codes))
    }) else {
        return false;
    };
    let went: Vec<u32> = match (ward, district) {
        (Some(w), _) => {
            let district = district.and_then(|d| {
                longest(d, |k| {
                    u.old_districts
                        .get(&format!("{old}|{k}"))
                        .map(|_| k.to_owned())
                })
            });
            longest(w, |k| u.old_wards.get(&format!("{old}|{k}")))
                .map(|olds| {
                    olds.iter()
                        .filter(|o| district.as_ref().is_none_or(|d| &o.district == d))
                        .flat_map(|o| o.became.iter().copied())
                        .collect()
                })
                .unwrap_or_default()
        }
        (None, Some(d)) => longest(d, |k| u.old_districts.get(&format!("{old}|{k}")))
            .cloned()
            .unwrap_or_default(),
        (None, None) => return false,
    };
    let meets = |codes: &[u32]| codes.iter().any(|c| went.contains(c));
    if !meets(wanted) {
        return false;
    }
    let mut namesakes = (0..u.merged.len())
        .filter(|&p| u.merged[p] == Some(province_2025))
        .filter_map(|p| u.old_wards.get(&format!("{p}|{name}")))
        .flatten()
        .peekable();
    namesakes.peek().is_none() || namesakes.any(|o| meets(&o.became))
}

/// Whether the ward `ward` (folded words, as an address key holds them) was a ward of the
/// district `district` in province `province` (index into `PROVINCES`) before the 2025
/// reorganisation: «P. Dư Hàng Kênh» of «Q. Lê Chân».
pub(super) fn ward_of_district(province: usize, ward: &[&str], district: &[&str]) -> bool {
    let u = &*UNITS;
    let Some(district) = longest(district, |k| {
        u.old_districts
            .get(&format!("{province}|{k}"))
            .map(|_| k.to_owned())
    }) else {
        return false;
    };
    // The ward's whole name: words after it may be another district typed bare («F. Mỹ An,
    // Sơn Trà»).
    let ward = ward.join(" ");
    u.old_wards
        .get(&format!("{province}|{ward}"))
        .is_some_and(|olds| olds.iter().any(|o| o.district == district))
}

/// What `find` gives for the longest run of `words`' first words (their name key) it knows.
fn longest<T>(words: &[&str], mut find: impl FnMut(&str) -> Option<T>) -> Option<T> {
    let mut key = String::with_capacity(48);
    (1..=words.len().min(MAX_NAME_WORDS)).rev().find_map(|len| {
        key.clear();
        join_key_words(&mut key, words[..len].iter().filter_map(|w| key_word(w)));
        find(&key)
    })
}
/// A unit type word at `p[i]`, after abbreviation expansion: (type code, pieces it takes).
/// Accentless forms ("Huyen") count only in an address typed without accents (`accentless`),
/// so that "12 Phuong Mai, Q. Đống Đa" does not read "Phường Mai".
fn type_at(p: &[Piece], i: usize, accentless: bool) -> Option<(&'static str, usize)> {
    let piece = &p[i];
    let second = |want: &str| {
        p.get(i + 1)
            .filter(|n| !n.sep.is_boundary() && n.fold == want)
            .map(|n| n.text.as_ref())
    };
    let exact = |accented: &str| accentless || lower_eq(&piece.text, accented);
    let one = |code: &'static str, accented: &str| exact(accented).then_some((code, 1));
    let two = |code: &'static str, first: &str, word2: &str, accented2: &str| {
        let n = second(word2)?;
        (exact(first) && (accentless || lower_eq(n, accented2))).then_some((code, 2))
    };
    match piece.fold.as_str() {
        "quan" => one("Q", "quận"),
        "huyen" => one("H", "huyện"),
        "phuong" => one("P", "phường"),
        "xa" => one("X", "xã"),
        "thi" => two("TX", "thị", "xa", "xã").or_else(|| two("TT", "thị", "tran", "trấn")),
        "thanh" => two("TP", "thành", "pho", "phố"),
        "dac" => two("DK", "đặc", "khu", "khu"),
        _ => None,
    }
}

/// `text.to_lowercase() == lower` for the lower-case Vietnamese words it is asked about,
/// without making the lower-case copy.
fn lower_eq(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Longest unit name that follows a type word: names have at most this many words.
const MAX_NAME_WORDS: usize = 6;

/// The places of the unit at `p[start..]` of type `code`, ending before `stop`.
fn typed_unit(p: &[Piece], start: usize, stop: usize, code: &str) -> Option<(Places, usize)> {
    let units = &*UNITS;
    let lvl = level(code)?;
    let longest = (stop - start).min(MAX_NAME_WORDS);
    // Each piece's key word once; the names tried, longest first, are their runs (the key
    // of `p[start..start + len]` is `name_key` of those pieces).
    let words: Vec<Option<compact_str::CompactString>> = p[start..start + longest]
        .iter()
        .map(|x| key_word(&x.fold))
        .collect();
    let mut key = String::with_capacity(64);
    for len in (1..=longest).rev() {
        if words[..len].iter().all(Option::is_none) {
            continue;
        }
        // Another type at the level («Phường Dư Hàng» as the thị trấn «Đu») only for the
        // whole name: a unit of another type named by the first words is a guess.
        let whole = len == stop - start;
        for prefix in [code, lvl] {
            if prefix == lvl && !whole {
                continue;
            }
            key.clear();
            key.push_str(prefix);
            key.push('|');
            join_key_words(&mut key, words[..len].iter().flatten());
            if let Some(places) = units.map.get(key.as_str()) {
                return Some((*places, start + len));
            }
        }
    }
    None
}

/// Words abbreviation expansion writes ("X." → "Xã"): an address typed without accents
/// keeps them in its display, which must read the same when it comes back.
const EXPANDED_WORDS: &[&str] = &[
    "Quận",
    "Phường",
    "Thành",
    "phố",
    "Thị",
    "xã",
    "trấn",
    "Hẻm",
    "Huyện",
    "Đường",
    "Xã",
    "Ngõ",
    "Khu",
];

/// The province the units of `p[..tail]` imply, if they agree on one. An abbreviation two or
/// three provinces share, written last as a part of its own («…, Hải Châu, ĐN»), narrows the
/// units before it to those provinces: «Hải Châu» alone is a district of Đà Nẵng and communes
/// of other provinces, and «ĐN» is Đà Nẵng or Đồng Nai.
pub(super) fn infer_province(p: &[Piece], tail: usize) -> Option<&'static Province> {
    let Found { typed, bare, .. } = units_in(p, tail, false);
    let mut found = if typed.is_empty() { bare } else { typed };
    if found.is_empty() {
        return None;
    }
    found.extend(shared_abbreviation_last(p, tail));
    agree(&found).map(|i| &PROVINCES[i])
}

/// The provinces a shared abbreviation («BD», «ĐN», «QN») written as the last part of
/// `p[..tail]` may stand for.
fn shared_abbreviation_last(p: &[Piece], tail: usize) -> Option<Places> {
    let last = p.get(tail.checked_sub(1)?)?;
    if tail < 2 || !last.sep.is_boundary() {
        return None;
    }
    let old = super::SHARED_ABBREVIATIONS
        .iter()
        .filter(|a| a.words[0] == last.fold)
        .filter_map(|a| PROVINCES.iter().position(|q| std::ptr::eq(q, a.province)))
        .fold(0u64, |acc, i| acc | (1 << i));
    (old != 0).then_some(Places { old, new: 0 })
}

/// The province the districts written with their type word ("Huyện Lập Thạch", "Q. Cầu
/// Giấy") in `p[..tail]` imply, if they agree on one: checked against a province written after
/// them. Bare names ("…, Cầu Giấy") are left out (a street or a hamlet may carry them), and so
/// are wards: the list has them as of June 2025, and the many wards merged away since 2019
/// ("P. Trại Cau, Lê Chân, Hải Phòng") would find their namesakes in other provinces.
pub(super) fn district_province(p: &[Piece], tail: usize) -> Option<&'static Province> {
    agree(&units_in(p, tail, true).districts).map(|i| &PROVINCES[i])
}

struct Found {
    /// Units written with a type word.
    typed: Vec<Places>,
    /// Those of them that are districts.
    districts: Vec<Places>,
    /// Whole parts that are a bare unit name.
    bare: Vec<Places>,
}

/// The units of `p[..tail]`; only the districts when `districts_only` (a million addresses
/// with a written province are checked: wards and bare names are not looked up for them).
fn units_in(p: &[Piece], tail: usize, districts_only: bool) -> Found {
    // Typed without accents ("xa Dong Ich, huyen Lap Thach"): accentless type words count.
    let accentless = p[..tail]
        .iter()
        .all(|x| x.text.is_ascii() || EXPANDED_WORDS.contains(&x.text.as_ref()));
    let mut typed: Vec<Places> = Vec::new();
    let mut districts: Vec<Places> = Vec::new();
    let mut bare: Vec<Places> = Vec::new();
    let mut seg_start = 0;
    let mut segment = 0;
    while seg_start < tail {
        let seg_end = (seg_start + 1..tail)
            .find(|&k| p[k].sep.is_boundary())
            .unwrap_or(tail);
        let mut i = seg_start;
        let mut any_type = false;
        while i < seg_end {
            let Some((code, len)) = type_at(p, i, accentless) else {
                i += 1;
                continue;
            };
            any_type = true;
            let district = level(code) == Some("1");
            if districts_only && !district {
                i += len;
                continue;
            }
            // The name stops at the next accented type word ("Xã Đồng Ích Huyện Lập Thạch");
            // without accents, the longest name in the list wins.
            let name_start = i + len;
            let stop = (name_start..seg_end)
                .find(|&k| type_at(p, k, false).is_some())
                .unwrap_or(seg_end);
            match typed_unit(p, name_start, stop, code) {
                Some((places, end)) => {
                    typed.push(places);
                    if district {
                        districts.push(places);
                    }
                    i = end;
                }
                None => i = name_start,
            }
        }
        // The first part of a longer address is the street: its name says nothing.
        let street = segment == 0 && seg_end < tail;
        let len = seg_end - seg_start;
        if !districts_only
            && !any_type
            && !street
            && len <= MAX_NAME_WORDS
            && !p[seg_start].starts_with_digit()
        {
            let name = name_key(p[seg_start..seg_end].iter().map(|x| x.fold.as_str()));
            if let Some(places) = UNITS.map.get(&format!("*|{name}")) {
                bare.push(*places);
            }
        }
        seg_start = seg_end;
        segment += 1;
    }
    Found {
        typed,
        districts,
        bare,
    }
}

/// The one province every unit allows. Units are compared in the 2025 map (an old unit
/// stands for the 2025 province its province joined): they must allow exactly one. The answer
/// is then the old province if the old list alone pins it down ("Huyện Lập Thạch": Vĩnh Phúc),
/// else the 2025 one ("P. Tân Định": a ward of Bình Dương and one of TP.HCM, both TP.HCM now).
/// A name in several 2025 provinces, before or after the merger, infers nothing: "Phường Đống
/// Đa" is in Hà Nội since 2025, but an older address may mean the one in Vĩnh Phúc.
fn agree(found: &[Places]) -> Option<usize> {
    let merged = &UNITS.merged;
    let bits = |mut b: u64| {
        std::iter::from_fn(move || {
            (b != 0).then(|| {
                let i = b.trailing_zeros() as usize;
                b &= b - 1;
                i
            })
        })
    };
    let in_2025 = |f: &Places| {
        bits(f.old)
            .filter_map(|i| merged.get(i).copied().flatten())
            .fold(f.new, |acc, n| acc | (1 << n))
    };
    let new = found.iter().fold(u64::MAX, |acc, f| acc & in_2025(f));
    if found.is_empty() || new.count_ones() != 1 {
        return None;
    }
    let n = new.trailing_zeros() as usize;
    let old = found
        .iter()
        .filter(|f| f.old != 0)
        .fold(u64::MAX, |acc, f| acc & f.old);
    let specific = (old.count_ones() == 1)
        .then(|| old.trailing_zeros() as usize)
        .filter(|&i| merged.get(i).copied().flatten() == Some(n));
    Some(specific.unwrap_or(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ward of the old list went into at least one 2025 ward of its province's 2025
    /// province (the table has no hole, and no code that is not a 2025 ward).
    #[test]
    fn every_old_ward_became_a_2025_ward() {
        let u = &*UNITS;
        let new: std::collections::HashSet<u32> = u.new_wards.values().flatten().copied().collect();
        let olds: Vec<&OldWard> = u.old_wards.values().flatten().collect();
        assert!(olds.len() >= 10_035, "{}", olds.len());
        for o in olds {
            assert!(!o.became.is_empty(), "{o:?}");
            assert!(o.became.iter().all(|c| new.contains(c)), "{o:?}");
        }
    }

    /// `lower_eq` answers as comparing a lower-case copy would, for type words as typed.
    #[test]
    fn lower_eq_as_a_lower_case_copy() {
        for text in [
            "Quận",
            "QUẬN",
            "quận",
            "Quan",
            "Phường",
            "PHƯỜNG",
            "Xã",
            "XÃ",
            "xa",
            "Thị",
            "trấn",
            "TRẤN",
            "Huyện",
            "",
            "Đặc",
            "ĐẶC",
            "İ",
            "ẞ",
        ] {
            for lower in ["quận", "phường", "xã", "thị", "trấn", "huyện", "đặc", ""]
            {
                assert_eq!(
                    lower_eq(text, lower),
                    text.to_lowercase() == lower,
                    "{text:?} {lower:?}"
                );
            }
        }
    }

    /// A name's key is built the same whole ([`name_key`]) and word by word (the typed
    /// units' look-ups): numbers lose their leading zeros, empty words drop out.
    #[test]
    fn name_keys_whole_and_word_by_word() {
        for words in [
            &["Phường", "05"][..],
            &["Lập", "Thạch"],
            &["-", "Tháp", "Chàm"],
            &["000", "a"],
            &["", "Cầu", "Giấy"],
        ] {
            let mut key = String::from("1|");
            join_key_words(&mut key, words.iter().filter_map(|w| key_word(w)));
            assert_eq!(key, format!("1|{}", name_key(words.iter().copied())));
        }
        assert_eq!(name_key(["Phường", "05"].into_iter()), "phuong 5");
    }
}
