//! Two address keys with the same house number: one address written two ways, or two
//! addresses? "12 Nguyễn Văn Linh" exists in many districts of one city, so a street and a
//! house number alone prove little once a book holds hundreds of thousands of rows: the wards
//! and districts written beside them must not disagree, and a district or a ward they share is
//! what confirms them.

#[cfg(test)]
use crate::normalize::address::UNIT_WORDS;
use crate::normalize::address::{lies_in_2025_ward, ward_of_district};
use smallvec::SmallVec;

/// Words that start the ward/district/province part of an address key, besides the address
/// module's district and ward words ([`UNIT_WORDS`]): the first word of the two-word types
/// ("thi" xa / tran, "thanh" pho), the province words and the English ones. The address
/// module's own additions (the words that, before a name, make it no province) are the *last*
/// word of those types and street words ("pho", "duong", "hem"), which are part of the street
/// here.
#[cfg(test)]
const ADMIN_WORDS: &[&str] = &["thi", "thanh", "tinh", "tp", "ward", "district", "city"];

/// A word of the address module's `UNIT_WORDS` or of `ADMIN_WORDS`, by one `match` (every
/// word of every key a pair compares is asked; a test holds the match to the two lists, which
/// are kept for it).
fn is_admin_word(word: &str) -> bool {
    matches!(
        word,
        "quan"
            | "huyen"
            | "phuong"
            | "xa"
            | "p"
            | "q"
            | "f"
            | "thi"
            | "thanh"
            | "tinh"
            | "tp"
            | "ward"
            | "district"
            | "city"
    )
}

/// Whether `words[i]` starts the ward/district part. "thanh" and "thi" do only as "thành phố",
/// "thị trấn", "thị xã" — and "thị xã" not when a quận or huyện follows, as a thị xã is a
/// district itself: "16 Thanh Niên" and "17 Tràng Thi, xã Xuân Nộn, huyện Đông Anh" keep
/// those words in the street.
fn starts_units(words: &[&str], i: usize) -> bool {
    let next = words.get(i + 1).copied();
    match words[i] {
        "thanh" => next == Some("pho"),
        "thi" => next == Some("tran") || (next == Some("xa") && !district_after(words, i + 2)),
        w => is_admin_word(w),
    }
}

fn district_after(words: &[&str], from: usize) -> bool {
    words
        .get(from..)
        .is_some_and(|rest| rest.iter().any(|w| matches!(*w, "quan" | "huyen" | "q")))
}

/// Two addresses of one hamlet (no house number), one of them leaving its commune or ward
/// out: "ap 3 huyen binh chanh" / "ap 3 xa binh hung huyen binh chanh". The place before it (the
/// hamlet, two words or more) and everything after it (a district first) are the same words.
pub fn commune_left_out(
    a: &str,
    b: &str,
    province_a: Option<&str>,
    province_b: Option<&str>,
) -> bool {
    let (a, b) = (
        strip_suffix_words(a, province_a),
        strip_suffix_words(b, province_b),
    );
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (sw, lw): (Vec<&str>, Vec<&str>) = (short.split(' ').collect(), long.split(' ').collect());
    let Some(extra) = lw.len().checked_sub(sw.len()).filter(|&e| e >= 2) else {
        return false;
    };
    let at = sw.iter().zip(&lw).take_while(|(x, y)| x == y).count();
    let inserted = &lw[at..at + extra];
    at >= 2
        && sw[at..] == lw[at + extra..]
        && matches!(inserted[0], "xa" | "phuong" | "p" | "tt")
        && sw.get(at).is_some_and(|w| {
            matches!(
                *w,
                "huyen" | "quan" | "thi" | "thanh" | "tp" | "h" | "q" | "tx"
            )
        })
}

/// How two address keys with the same house number relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameHouse {
    /// One street, and a shared ward or district (or the province, with nothing written that
    /// the other address leaves unexplained) confirms it.
    Confirmed,
    /// One street, nothing against it, nothing to confirm it.
    Unconfirmed,
    /// Two streets, or the wards or districts written on both differ.
    Different,
}

/// Compares two address keys whose house numbers are equal. `province_a`/`province_b` are the
/// province keys the rows were read with ("ho chi minh"); `same_province` whether they agree.
pub fn same_house(
    a: &str,
    b: &str,
    province_a: Option<&str>,
    province_b: Option<&str>,
    same_province: bool,
) -> SameHouse {
    let (sa, sb) = (
        strip_suffix_words(a, province_a),
        strip_suffix_words(b, province_b),
    );
    if sa == sb {
        return same_key(&Parts::of(sa), same_province);
    }
    // The same words in the same order but for the types of the street and its units, in one
    // province: one address typed with and without them («144 Lạc Long Quân, phường Văn Quán,
    // Q. Hà Đông» / «144 Lạc Long Quân, Văn Quán, Q. Hà Đông»). Read before the units are cut
    // out, as a street or a place may fold to a type word («Quân», «Quán», «Xá»).
    if same_province && same_without_types(sa, sb) {
        return SameHouse::Confirmed;
    }
    let (pa, pb) = (&Parts::of(sa), &Parts::of(sb));
    let (short, long) = if pa.street.len() <= pb.street.len() {
        (pa, pb)
    } else {
        (pb, pa)
    };
    if short.street.is_empty() || !short.street.iter().all(|t| long.street.contains(t)) {
        return SameHouse::Different;
    }
    let Units { ward, district } = units_agree(pa, pb, province_a, province_b, same_province);
    if ward == Some(false) || district == Some(false) {
        return SameHouse::Different;
    }
    let extra = street_extra(short, long);
    // The ward and the district may both be written without their types ("Phúc Đồng,
    // Long Biên"): the run is read against the other side's unit names in order.
    let named = !extra.is_empty() && {
        let names: Words<'_> = short
            .units
            .iter()
            .flat_map(|u| short.name(u).iter().copied())
            .collect();
        contains_run(&names, &extra)
    };
    if ward == Some(true) || district == Some(true) {
        // "1 Lý Thái Tổ, Mỹ Xuyên, Tp Long Xuyên" / "1 Lý Thái Tổ, P. Bình Khánh, Tp Long
        // Xuyên": one city, and the ward written without its type is another.
        if !extra.is_empty() && !named && short.ward().is_some() {
            return SameHouse::Different;
        }
        return SameHouse::Confirmed;
    }
    if !extra.is_empty() {
        return if named || bare_district_of_ward(long, short, &extra, same_province, province_a) {
            SameHouse::Confirmed
        } else {
            SameHouse::Unconfirmed
        };
    }
    // Both name units, none at one level: "…, P. Bình Trị Đông, Bình Tân" / "…, H. Hóc Môn"
    // say nothing for each other.
    if !pa.units.is_empty() && !pb.units.is_empty() {
        return SameHouse::Unconfirmed;
    }
    if same_province {
        SameHouse::Confirmed
    } else {
        SameHouse::Unconfirmed
    }
}

/// Whether two addresses' wards and districts agree (`Some(true)`), differ (`Some(false)`)
/// or are not both written (`None`), each level apart.
struct Units {
    ward: Option<bool>,
    district: Option<bool>,
}

/// The wards and districts of one street's two addresses compared, with what the official
/// lists know: Thủ Đức city, the 2025 reorganisation, a ward written on one side and its
/// district on the other.
#[inline]
fn units_agree(
    pa: &Parts<'_>,
    pb: &Parts<'_>,
    province_a: Option<&str>,
    province_b: Option<&str>,
    same_province: bool,
) -> Units {
    let mut ward = agree(pa.ward(), pb.ward());
    let mut district = agree(pa.district(), pb.district())
        .or_else(|| trailing_district(pa, pb).or_else(|| trailing_district(pb, pa)));
    if district == Some(false)
        && same_province
        && province_a == Some(HO_CHI_MINH)
        && thu_duc_city(pa.district(), pb.district())
    {
        district = Some(true);
    }
    // One written before the 2025 reorganisation, the other after it: "P. Tân Kiểng, Q.7" and
    // "P. Tân Hưng" (no district since), "Q.1" and "P. Sài Gòn". The old place lying in the
    // new ward confirms as a shared ward would.
    if ward != Some(true)
        && district != Some(false)
        && (reorganised(pa, province_a, pb, province_b)
            || reorganised(pb, province_b, pa, province_a))
    {
        ward = Some(true);
        district = None;
    }
    // One writes the ward, the other the district: «109 Hai Bà Trưng, P. Dư Hàng Kênh» and «109 Hai
    // Bà Trưng, Q. Lê Chân» are one house when the ward was the district's (the official list).
    if ward.is_none() && district.is_none() && same_province {
        if let Some(p) = province_a {
            if ward_and_district(pa, pb, p) || ward_and_district(pb, pa, p) {
                ward = Some(true);
            }
        }
    }
    Units { ward, district }
}

/// Street words one side has and the other does not: often a ward written without its type
/// ("50 Lê Hồng Phong, Hoàng Văn Thụ"). Named in the other's units, they confirm it; named
/// nowhere, they may be another ward. When the shorter street is where the longer starts, the
/// rest is what the longer adds ("nui thanh" + "an khe thanh khe": a street word may come back
/// in a ward's name).
#[inline]
fn street_extra<'a>(short: &Parts<'a>, long: &Parts<'a>) -> Words<'a> {
    let mut extra: Words<'a> = if long.street.starts_with(&short.street) {
        long.street[short.street.len()..].iter().copied().collect()
    } else {
        long.street
            .iter()
            .filter(|t| !short.street.contains(t))
            .copied()
            .collect()
    };
    // "88 duong tran duy hung" / "88 tran duy hung": the street's type typed without its
    // marks (kept in the key, as "duong" may be the name Dương) is no other street.
    if extra.len() == 1
        && matches!(extra[0], "duong" | "pho")
        && long.street.first() == Some(&extra[0])
        && long.street[1..] == short.street[..]
    {
        extra.clear();
    }
    extra
}

/// Whether two keys are one address typed with and without the types of its street and
/// units: read side by side, a word both write is common to them (even a type word: «Lạc Long
/// Quân» folds to «quan», a district's type), a type word one writes where the other does not
/// is skipped, and where both typed a unit before one name, the levels agree («Quận Tân Phú»
/// is no «P. Tân Phú»). A type before a number is a word («quan 1» is no «phuong 1»).
fn same_without_types(a: &str, b: &str) -> bool {
    let wa: Words<'_> = a.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: Words<'_> = b.split(' ').filter(|w| !w.is_empty()).collect();
    let number =
        |w: Option<&&str>| w.is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    let typ = |ws: &[&str], i: usize| {
        (is_admin_word(ws[i]) || matches!(ws[i], "duong" | "pho" | "d" | "so"))
            && !number(ws.get(i + 1))
    };
    let level = |w: &str| match w {
        "phuong" | "p" | "f" | "xa" | "ward" => Some(Level::Ward),
        "quan" | "q" | "huyen" | "district" => Some(Level::District),
        _ => None,
    };
    let (mut i, mut j) = (0, 0);
    let (mut la, mut lb) = (None, None);
    while i < wa.len() && j < wb.len() {
        if wa[i] == wb[j] {
            if !typ(&wa, i) {
                if la.is_some() && lb.is_some() && la != lb {
                    return false;
                }
                (la, lb) = (None, None);
            }
            i += 1;
            j += 1;
        } else if typ(&wa, i) {
            la = level(wa[i]).or(la);
            i += 1;
        } else if typ(&wb, j) {
            lb = level(wb[j]).or(lb);
            j += 1;
        } else {
            return false;
        }
    }
    (i..wa.len()).all(|k| typ(&wa, k)) && (j..wb.len()).all(|k| typ(&wb, k))
}

/// [`same_house`] of one key on both sides, cut into parts once: what the comparison comes to
/// when every word agrees with itself (no street: nothing to compare; a ward or a district
/// written confirms; units without a name say nothing; else the province decides).
fn same_key(p: &Parts<'_>, same_province: bool) -> SameHouse {
    if p.street.is_empty() {
        SameHouse::Different
    } else if p.ward().is_some() || p.district().is_some() {
        SameHouse::Confirmed
    } else if !p.units.is_empty() || !same_province {
        SameHouse::Unconfirmed
    } else {
        SameHouse::Confirmed
    }
}

/// Whether `old`'s ward or district lies in the 2025 ward `new` writes with no district (a
/// 2025 address has none), by the official table.
fn reorganised(
    old: &Parts<'_>,
    old_province: Option<&str>,
    new: &Parts<'_>,
    new_province: Option<&str>,
) -> bool {
    let (Some(op), Some(np), Some(new_ward)) = (old_province, new_province, new.ward()) else {
        return false;
    };
    if new.district().is_some() || (old.ward().is_none() && old.district().is_none()) {
        return false;
    }
    lies_in_2025_ward(op, old.district(), old.ward(), np, new_ward)
}

/// Whether `w` writes a ward and no district, `d` a district and no ward, and the ward was
/// that district's.
fn ward_and_district(w: &Parts<'_>, d: &Parts<'_>, province: &str) -> bool {
    match (w.ward(), w.district(), d.ward(), d.district()) {
        (Some(ward), None, None, Some(district)) => ward_of_district(province, ward, district),
        _ => false,
    }
}

/// A district typed bare after the street on one row, and a ward typed on the other («220
/// Yersin, Biên Hòa, Đồng Nai» / «220 Yersin, P. Trảng Dài, Đồng Nai»): one house when the
/// official list (before 2025) has the ward in that district. The bare side writes no unit of
/// its own, and its extra words are the district's name.
fn bare_district_of_ward(
    bare: &Parts<'_>,
    typed: &Parts<'_>,
    extra: &[&str],
    same_province: bool,
    province: Option<&str>,
) -> bool {
    let (Some(p), Some(ward)) = (province.filter(|_| same_province), typed.ward()) else {
        return false;
    };
    bare.units.is_empty()
        && typed.district().is_none()
        && (1..=4).contains(&extra.len())
        && bare.street.ends_with(extra)
        && ward_of_district(p, ward, extra)
}

/// Ho Chi Minh City's province key.
const HO_CHI_MINH: &str = "ho chi minh";

/// Thành phố Thủ Đức (from 1 January 2021, Nghị quyết 1111/NQ-UBTVQH14) is the former Quận 2,
/// Quận 9 and Quận Thủ Đức: a book kept since 2015 writes one house under the old district
/// and the new city («31 Hậu Giang, Q2» / «31 Hậu Giang, P. An Phú, TP Thủ Đức»). Quận 2 and
/// Quận 9 stay two places; a ward written on both is still compared.
fn thu_duc_city(a: Option<&[&str]>, b: Option<&[&str]>) -> bool {
    let old = |d: &[&str]| matches!(d, ["2" | "02" | "9" | "09"]);
    let new = |d: &[&str]| d == ["thu", "duc"];
    match (a, b) {
        (Some(a), Some(b)) => (old(a) && new(b)) || (old(b) && new(a)),
        _ => false,
    }
}

/// Whether two optional unit names agree: `None` when either is missing; a name that is the
/// other's first words agrees ("duong" / "duong xa": a folded key cannot always tell where a
/// name ends).
fn agree(a: Option<&[&str]>, b: Option<&[&str]>) -> Option<bool> {
    let (a, b) = (a?, b?);
    let n = a.len().min(b.len());
    Some(n > 0 && a[..n].iter().zip(&b[..n]).all(|(x, y)| same_word(x, y)))
}

/// Whether the district one address writes with its type is what the other writes without
/// one after its ward's name ("Quận Ngũ Hành Sơn" / "F. Mỹ An, Ngũ Hành Sơn": the name of a ward
/// runs to the next type word, so it reads "my an ngu hanh son"). `None` when it is not so, or
/// the other names a district of its own (then [`agree`] has compared them). The ward must
/// have a name of its own before it: "F. Tân Phú" alone is no "Quận Tân Phú".
fn trailing_district(typed: &Parts<'_>, other: &Parts<'_>) -> Option<bool> {
    let district = typed.district()?;
    if other.district().is_some() {
        return None;
    }
    other
        .units
        .iter()
        .filter(|u| u.level == Level::Ward)
        .map(|u| other.name(u))
        .any(|name| name.len() > district.len() && name.ends_with(district))
        .then_some(true)
}

/// "05" and "5" are one ward number.
fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (is_number(a) && is_number(b) && a.trim_start_matches('0') == b.trim_start_matches('0'))
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `run` appears, in order, inside `name`.
fn contains_run(name: &[&str], run: &[&str]) -> bool {
    !run.is_empty() && name.windows(run.len()).any(|w| w == run)
}

/// The key without the province's words at its end, or the two letters two provinces share
/// that stand for it there («…, Hải Châu, ĐN» for Đà Nẵng: the key keeps them as written when
/// the place before them does not say which province they are).
fn strip_suffix_words<'a>(key: &'a str, province: Option<&str>) -> &'a str {
    /// The shared abbreviations and the provinces they may stand for.
    const SHARED: &[(&str, &[&str])] = &[
        ("bd", &["binh duong", "binh dinh"]),
        ("dn", &["dong nai", "da nang"]),
        ("qn", &["quang ninh", "quang nam", "quang ngai"]),
    ];
    let cut = |key: &'a str, tail: &str| {
        key.strip_suffix(tail)
            .filter(|rest| rest.is_empty() || rest.ends_with(' '))
            .map(str::trim_end)
    };
    match province {
        // Read for every pair of rows with one house number: the key's last two letters
        // say which abbreviation could be there before any province is compared.
        Some(p) if !p.is_empty() => cut(key, p)
            .or_else(|| {
                let tail = key.get(key.len().checked_sub(2)?..)?;
                SHARED
                    .iter()
                    .find(|(abbr, provinces)| *abbr == tail && provinces.contains(&p))
                    .and_then(|(abbr, _)| cut(key, abbr))
            })
            .unwrap_or(key),
        _ => key,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Ward,
    District,
}

#[derive(Debug)]
struct Unit {
    level: Level,
    /// Where its name's words are in [`Parts::words`] (they follow its type word).
    name: std::ops::Range<usize>,
}

/// An address key cut into its street words and the units written after them. Made for each
/// pair of rows with one house number (millions at a million rows), so it lives on the stack:
/// an address key has a dozen words or so, and a longer one spills to the heap.
#[derive(Debug)]
struct Parts<'a> {
    words: Words<'a>,
    street: Words<'a>,
    units: SmallVec<[Unit; 4]>,
}

/// Words of an address key, on the stack (see [`Parts`]).
type Words<'a> = SmallVec<[&'a str; 16]>;

impl<'a> Parts<'a> {
    fn of(key: &'a str) -> Parts<'a> {
        let words: Words<'a> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let start = words
            .iter()
            .position(|t| t.bytes().next().is_some_and(|b| b.is_ascii_digit()))
            .map_or(words.len(), |i| i + 1);
        // The first word after the house number is the street's, even a unit word: "102D Xã
        // Đàn" is a street of Hà Nội; after the street's type too, typed without its marks
        // ("226 duong Quan Nhan": Quan Nhân street, no district).
        let first = (start..words.len())
            .find(|&i| !matches!(words[i], "duong" | "pho" | "d"))
            .unwrap_or(words.len());
        let end = (first + 1..words.len())
            .find(|&i| starts_units(&words, i))
            .unwrap_or(words.len());
        let street = words[start..end]
            .iter()
            .filter(|t| !matches!(**t, "duong" | "pho" | "d" | "so"))
            .copied()
            .collect();
        let units = units(&words, end);
        Parts {
            words,
            street,
            units,
        }
    }

    fn name(&self, u: &Unit) -> &[&'a str] {
        &self.words[u.name.clone()]
    }

    fn first(&self, level: Level) -> Option<&[&'a str]> {
        self.units
            .iter()
            .find(|u| u.level == level && !u.name.is_empty())
            .map(|u| self.name(u))
    }

    fn ward(&self) -> Option<&[&'a str]> {
        self.first(Level::Ward)
    }

    fn district(&self) -> Option<&[&'a str]> {
        self.first(Level::District)
    }
}

/// The unit type that starts at `words[i]`, and how many words it takes.
fn marker(words: &[&str], i: usize) -> Option<(Level, usize)> {
    let next = words.get(i + 1).copied();
    let m = match (words[i], next) {
        ("thi", Some("tran")) => (Level::Ward, 2),
        ("thi", Some("xa")) if !district_after(words, i + 2) => (Level::District, 2),
        ("thanh", Some("pho")) => (Level::District, 2),
        ("phuong" | "xa" | "p" | "f" | "ward", _) => (Level::Ward, 1),
        ("quan" | "huyen" | "q" | "tp" | "district" | "city", _) => (Level::District, 1),
        _ => return None,
    };
    // A type word right before another type word (or at the end) is part of a name:
    // "xa duong xa huyen gia lam" is ward Dương Xá, district Gia Lâm. So is "phường" in
    // "phuong phuong mai": folded, "Phường Phương Mai" and "Phương Mai" written without its
    // type read alike, both ward "mai".
    match words.get(i + m.1) {
        // A ward named with a district's type word: "phuong quan hoa" (Quan Hoa), "phuong
        // quan thanh" (Quán Thánh).
        // ("xa duong xa huyen gia lam" is ward Dương Xá: a commune's name ends in "xã".)
        Some(&"quan") if ward_named_quan(words, i) => Some(m),
        Some(_) if marker_word(words, i + m.1) => None,
        None => None,
        Some(_) => Some(m),
    }
}

/// A ward's type word before the name of a ward that starts with a district's type word: Quan
/// Hoa, Quán Thánh (Hà Nội), Quán Toan, Quán Trữ (Hải Phòng), Quán Bàu (Vinh), Quan Triều
/// (Thái Nguyên). Any other "quận" after "phường" is a district's, the "phường" a street's
/// last word: "nguyen tri phuong quan 10", "nguyen tri phuong quan thanh khe" are Nguyễn Tri
/// Phương street in district 10, in Thanh Khê.
fn ward_named_quan(words: &[&str], i: usize) -> bool {
    matches!(words[i], "phuong" | "p" | "f")
        && words.get(i + 1) == Some(&"quan")
        && match words.get(i + 2).copied() {
            Some("hoa" | "toan" | "tru" | "bau" | "trieu") => true,
            Some("thanh") => !matches!(words.get(i + 3).copied(), Some("khe" | "xuan")),
            _ => false,
        }
}

fn marker_word(words: &[&str], i: usize) -> bool {
    // "thanh" and "thi" start a type only as "thành phố", "thị trấn", "thị xã": "quan thanh
    // xuan" is district Thanh Xuân.
    let next = words.get(i + 1).copied();
    match words[i] {
        "thanh" => return next == Some("pho"),
        "thi" => return matches!(next, Some("tran" | "xa")),
        _ => {}
    }
    matches!(
        words[i],
        "phuong"
            | "xa"
            | "p"
            | "f"
            | "ward"
            | "quan"
            | "huyen"
            | "q"
            | "tp"
            | "district"
            | "city"
            | "tinh"
    )
}

/// The units written in `words[from..]`: each type word and the words of its name, which run
/// up to the next type word.
fn units(words: &[&str], from: usize) -> SmallVec<[Unit; 4]> {
    let mut out: SmallVec<[Unit; 4]> = SmallVec::new();
    let mut i = from;
    while i < words.len() {
        if words[i] == "tinh" {
            // The province, already stripped when it was recognised: nothing to compare.
            break;
        }
        match marker(words, i) {
            Some((level, n)) => {
                // The ward's name starts with a district's type word ("phuong quan hoa"): that
                // word is the name's, not a district's.
                let named = level == Level::Ward && ward_named_quan(words, i);
                let start = i + n;
                let end = start + usize::from(named);
                out.push(Unit {
                    level,
                    name: start..end,
                });
                i = end;
            }
            None => {
                if let Some(u) = out.last_mut() {
                    u.name.end = i + 1;
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use SameHouse::*;

    fn cmp(a: &str, b: &str, pa: Option<&str>, pb: Option<&str>) -> SameHouse {
        same_house(a, b, pa, pb, pa.is_some() && pa == pb)
    }

    /// The province's words, or the two letters two provinces share, come off the key's end
    /// as whole words; nothing else does.
    #[test]
    fn province_words_off_the_end() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            (
                "12 le loi hai chau da nang",
                Some("da nang"),
                "12 le loi hai chau",
            ),
            (
                "12 le loi hai chau dn",
                Some("da nang"),
                "12 le loi hai chau",
            ),
            (
                "12 le loi bien hoa dn",
                Some("dong nai"),
                "12 le loi bien hoa",
            ),
            (
                "3 tran phu hoi an qn",
                Some("quang nam"),
                "3 tran phu hoi an",
            ),
            (
                "3 tran phu thu dau mot bd",
                Some("binh duong"),
                "3 tran phu thu dau mot",
            ),
            // Not the province's letters, or not a word of their own.
            (
                "12 le loi hai chau dn",
                Some("ha noi"),
                "12 le loi hai chau dn",
            ),
            (
                "12 le loi hai chau qdn",
                Some("da nang"),
                "12 le loi hai chau qdn",
            ),
            ("12 le loi hai chau", Some("da nang"), "12 le loi hai chau"),
            ("12 le loi hai chau dn", None, "12 le loi hai chau dn"),
            ("dn", Some("da nang"), ""),
            ("đn", Some("da nang"), "đn"),
        ];
        for &(key, province, stripped) in cases {
            assert_eq!(strip_suffix_words(key, province), stripped, "{key}");
        }
    }

    /// The one `match` of [`is_admin_word`] holds the two lists' words and no others.
    #[test]
    fn admin_words_are_the_two_lists() {
        for w in UNIT_WORDS.iter().chain(ADMIN_WORDS) {
            assert!(is_admin_word(w), "{w}");
        }
        let all: Vec<&str> = UNIT_WORDS.iter().chain(ADMIN_WORDS).copied().collect();
        assert_eq!(
            all.len(),
            14,
            "a word added to or taken from a list is added to or taken from the match too"
        );
        for w in ["duong", "pho", "so", "le", "quanh", "", "xã", "Quan"] {
            assert!(!is_admin_word(w), "{w}");
        }
    }

    /// One key on both sides (cut into parts once): a street with a ward or district written
    /// confirms itself; a bare street only with the province; no street is nothing.
    #[test]
    fn one_key_on_both_sides() {
        let hcm = Some("ho chi minh");
        let k = "12 le loi p ben nghe q 1 ho chi minh";
        assert_eq!(cmp(k, k, hcm, hcm), Confirmed);
        assert_eq!(cmp("12 le loi", "12 le loi", hcm, hcm), Confirmed);
        assert_eq!(cmp("12 le loi", "12 le loi", None, None), Unconfirmed);
        assert_eq!(cmp("12", "12", hcm, hcm), Different);
        // The shortcut answers as the full comparison does: a key beside itself with a
        // doubled space (the same words, so the general path) under every province setting.
        for key in [
            k,
            "12 le loi",
            "12 le loi p",
            "12 le loi p ben nghe",
            "12 le loi q 1",
            "12 le loi thi tran a huyen b",
            "5 nguyen trai tinh bac ninh",
            "5 phuong",
        ] {
            let spaced = key.replacen(' ', "  ", 1);
            for (pa, pb) in [(hcm, hcm), (None, None), (hcm, Some("ha noi"))] {
                for same in [true, false] {
                    assert_eq!(
                        same_house(key, key, pa, pb, same),
                        same_house(key, &spaced, pa, pb, same),
                        "{key:?} {pa:?} {pb:?} {same}"
                    );
                }
            }
        }
    }

    /// One writes the ward, the other the district: one house when the official list has the
    /// ward in that district; another district's ward confirms nothing.
    #[test]
    fn a_ward_on_one_row_and_its_district_on_the_other() {
        let ward = "109 hai ba trung phuong du hang kenh hai phong";
        let le_chan = "109 hai ba trung quan le chan hai phong";
        for (a, b, province, want) in [
            (ward, le_chan, "hai phong", Confirmed),
            (le_chan, ward, "hai phong", Confirmed),
            // The list may be older than the row: nothing confirms it.
            (
                ward,
                "109 hai ba trung quan ngo quyen hai phong",
                "hai phong",
                Unconfirmed,
            ),
            (
                "15 duong tran hung dao phuong an hoa can tho",
                "15 duong tran hung dao quan ninh kieu can tho",
                "can tho",
                Confirmed,
            ),
            // The district typed bare after the street.
            (
                "220 yersin bien hoa dong nai",
                "220 yersin phuong trang dai dong nai",
                "dong nai",
                Confirmed,
            ),
            (
                "220 yersin phuong trang dai dong nai",
                "220 yersin bien hoa dong nai",
                "dong nai",
                Confirmed,
            ),
            // Another district's ward, or words that name no district: nothing confirms it.
            (
                "220 yersin long khanh dong nai",
                "220 yersin phuong trang dai dong nai",
                "dong nai",
                Unconfirmed,
            ),
            (
                "220 yersin tan mai dong nai",
                "220 yersin phuong trang dai dong nai",
                "dong nai",
                Unconfirmed,
            ),
        ] {
            assert_eq!(cmp(a, b, Some(province), Some(province)), want, "{a} / {b}");
        }
    }

    /// Quận 2 and Quận 9 are in Thành phố Thủ Đức (2021): one house under the old district and
    /// the new city. Two old districts stay two; a ward written on both still counts; another
    /// city's district 2 is no Thủ Đức.
    #[test]
    fn quan_2_and_quan_9_are_in_thu_duc_city() {
        let q2 = "31 hau giang quan 2 ho chi minh";
        let city = "31 hau giang phuong an phu thanh pho thu duc ho chi minh";
        for (a, b, province, want) in [
            (q2, city, "ho chi minh", Confirmed),
            (city, q2, "ho chi minh", Confirmed),
            (
                "1 nguyen van dau phuong binh an quan 2 ho chi minh",
                "1 nguyen van dau phuong binh an thanh pho thu duc ho chi minh",
                "ho chi minh",
                Confirmed,
            ),
            (
                "31 hau giang quan 9 ho chi minh",
                city,
                "ho chi minh",
                Confirmed,
            ),
            (
                q2,
                "31 hau giang quan 9 ho chi minh",
                "ho chi minh",
                Different,
            ),
            (
                "1 nguyen van dau phuong thao dien quan 2 ho chi minh",
                "1 nguyen van dau phuong binh an thanh pho thu duc ho chi minh",
                "ho chi minh",
                Different,
            ),
            (
                "31 hau giang quan 2 ha noi",
                "31 hau giang thanh pho thu duc ha noi",
                "ha noi",
                Different,
            ),
        ] {
            assert_eq!(cmp(a, b, Some(province), Some(province)), want, "{a} / {b}");
        }
    }

    /// Streets named like unit types: "Thanh Niên", "Tràng Thi" (before "xã … huyện …").
    /// One address typed with and without its unit types, where the street or a place folds to
    /// a type word («Lạc Long Quân», «Văn Quán», «Phúc Xá»), is one house; a type before a
    /// number is not dropped («Quận 1» is no «Phường 1»), and another province confirms nothing.
    #[test]
    fn units_typed_or_not_beside_streets_that_fold_to_a_type() {
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "144 lac long quan phuong van quan quan ha dong ha noi",
                "144 lac long quan van quan quan ha dong ha noi",
                hn,
                hn
            ),
            Confirmed
        );
        assert_eq!(
            cmp(
                "166/36 thai ha phuc xa ba dinh ha noi",
                "166/36 thai ha phuong phuc xa quan ba dinh",
                hn,
                hn
            ),
            Confirmed
        );
        let hcm = Some("ho chi minh");
        assert_ne!(
            cmp(
                "12 le loi quan 1 ho chi minh",
                "12 le loi phuong 1 ho chi minh",
                hcm,
                hcm
            ),
            Confirmed
        );
        assert_ne!(
            cmp(
                "144 lac long quan phuong van quan quan ha dong",
                "144 lac long quan van quan quan ha dong",
                hn,
                Some("hai phong")
            ),
            Confirmed
        );
    }

    /// «ĐN» at the end stands for the row's province Đà Nẵng (kept as written when the place
    /// before it did not say which province it is): the ward and district written without
    /// their types then confirm the house. For another province it is no province of the row.
    #[test]
    fn a_shared_province_abbreviation_at_the_end() {
        let dn = Some("da nang");
        let full = "49/135 phan chau trinh phuong hoa khanh bac quan lien chieu da nang";
        let short = "49/135 phan chau trinh hoa khanh bac lien chieu dn";
        assert_eq!(cmp(full, short, dn, dn), Confirmed);
        let hn = Some("ha noi");
        assert_ne!(cmp(full, short, dn, hn), Confirmed);
    }

    #[test]
    fn a_hamlets_commune_left_out_on_one_row() {
        let hcm = Some("ho chi minh");
        let full = "ap 3 xa binh hung huyen binh chanh ho chi minh";
        assert!(commune_left_out(
            "ap 3 huyen binh chanh ho chi minh",
            full,
            hcm,
            hcm
        ));
        assert!(commune_left_out(full, "ap 3 huyen binh chanh", hcm, None));
        for other in [
            "ap 4 huyen binh chanh ho chi minh",
            "ap 3 huyen cu chi ho chi minh",
            "ap 3 xa binh hung huyen binh chanh ho chi minh",
            "ap 3 xa tan kien huyen binh chanh ho chi minh",
        ] {
            assert!(!commune_left_out(other, full, hcm, hcm), "{other}");
        }
    }

    #[test]
    fn streets_named_like_unit_types() {
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "102d xa dan p my dinh 2 q nam tu liem ha noi",
                "102d xa dan phuong my dinh 2 nam tu liem ha noi",
                hn,
                hn
            ),
            Confirmed
        );
        let hd = Some("hai duong");
        assert_eq!(
            cmp(
                "16 thanh nien phuong quang trung thanh pho hai duong",
                "16 thanh nien quang trung tp hai duong tinh hai duong",
                hd,
                hd
            ),
            Confirmed
        );
        // After the street's type typed without marks: "226 duong Quan Nhan" is Quan Nhân
        // street, not a district.
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "226 quan nhan phuong khuong trung quan thanh xuan ha noi",
                "226 duong quan nhan phuong khuong trung quan thanh xuan ha noi",
                hn,
                hn
            ),
            Confirmed
        );
        assert_eq!(
            cmp(
                "5 duong xa dan p phuong lien",
                "5 xa dan phuong phuong lien",
                hn,
                hn
            ),
            Confirmed
        );
        assert_eq!(
            cmp(
                "17c pho trang thi xuan non huyen dong anh ha noi",
                "17c trang thi xa xuan non huyen dong anh ha noi",
                hn,
                hn
            ),
            Confirmed
        );
    }

    /// A district written after a ward without its type is the district the other address
    /// types ("Quận Ngũ Hành Sơn" / "F. Mỹ An, Ngũ Hành Sơn"); the ward's name alone is not.
    #[test]
    fn a_district_written_after_a_ward_without_its_type() {
        let dn = Some("da nang");
        assert_eq!(
            cmp(
                "312 nguyen huu tho quan ngu hanh son da nang",
                "312 nguyen huu tho f my an ngu hanh son da nang",
                dn,
                dn
            ),
            Confirmed
        );
        // Another district, or the ward's name alone: nothing confirmed.
        assert_eq!(
            cmp(
                "312 nguyen huu tho quan ngu hanh son da nang",
                "312 nguyen huu tho f my an son tra da nang",
                dn,
                dn
            ),
            Unconfirmed
        );
        let hcm = Some("ho chi minh");
        assert_eq!(
            cmp(
                "12 le loi quan tan phu ho chi minh",
                "12 le loi f tan phu ho chi minh",
                hcm,
                hcm
            ),
            Unconfirmed
        );
        assert_eq!(
            cmp(
                "12 le loi quan tan phu ho chi minh",
                "12 le loi f tan phu q 7 ho chi minh",
                hcm,
                hcm
            ),
            Different
        );
        // Folded, "Phường Phương Mai" and "Phương Mai" written without its type read alike.
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "234d giang vo phuong phuong mai quan dong da ha noi",
                "234d giang vo phuong mai dong da",
                hn,
                None
            ),
            Confirmed
        );
    }

    /// "Quận" before a district whose name starts like a unit type ("Thanh Xuân") is the
    /// district's type, not part of a name.
    #[test]
    fn a_district_named_thanh_is_a_district() {
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "17 ngo 134 nguyen trai phuong nhan chinh thanh xuan ha noi",
                "17 ngo 134 nguyen trai phuong nhan chinh quan thanh xuan ha noi",
                hn,
                hn
            ),
            Confirmed
        );
        assert_eq!(
            cmp(
                "17 ngo 134 nguyen trai phuong nhan chinh quan thanh xuan ha noi",
                "17 ngo 134 nguyen trai phuong khuong trung quan thanh xuan ha noi",
                hn,
                hn
            ),
            Different
        );
    }

    /// A ward whose name starts with a district's type word (Quan Hoa, Quán Thánh in Hà Nội)
    /// is a ward: its district is the one written after it.
    #[test]
    fn a_ward_named_like_a_district_type() {
        let hn = Some("ha noi");
        assert_eq!(
            cmp(
                "80/135 nguyen khanh toan quan cau giay ha noi",
                "80/135 nguyen khanh toan phuong quan hoa quan cau giay ha noi",
                hn,
                hn
            ),
            Confirmed
        );
        assert_eq!(
            cmp(
                "10 phan dinh phung phuong quan thanh quan ba dinh ha noi",
                "10 phan dinh phung phuong quan hoa quan ba dinh ha noi",
                hn,
                hn
            ),
            Different
        );
        // A street whose name ends in "Phương" before a numbered district: "Nguyễn Tri
        // Phương, Quận 10" is no ward "Quận 10".
        let hcm = Some("ho chi minh");
        assert_ne!(
            cmp(
                "246/51 nguyen tri phuong phuong 10 quan 10 ho chi minh",
                "246/51 nguyen tri phuong quan 10 ho chi minh",
                hcm,
                hcm
            ),
            Different
        );
        assert_eq!(
            cmp(
                "246/51 nguyen tri phuong quan 10 ho chi minh",
                "246/51 nguyen tri phuong quan 5 ho chi minh",
                hcm,
                hcm
            ),
            Different
        );
        let dn = Some("da nang");
        assert_ne!(
            cmp(
                "97 nguyen tri phuong thanh khe da nang",
                "97 nguyen tri phuong quan thanh khe da nang",
                dn,
                dn
            ),
            Different
        );
        // A commune's name that ends in "xã" (Dương Xá) before its district's type word.
        assert_eq!(
            cmp(
                "218 doi can xa duong xa huyen gia lam ha noi",
                "218 pho doi can xa duong xa ha noi",
                hn,
                hn
            ),
            Confirmed
        );
    }

    /// Same house number and street in two districts or wards of one city: two addresses, at
    /// any size of book (false merges found at a million generated rows).
    /// An address written before the 2025 reorganisation and one written after it: the old
    /// ward, or the old district, lying in the new ward confirms them; another old ward, or a
    /// district written that the new ward is not in, are two addresses.
    #[test]
    fn an_old_ward_and_the_2025_ward_it_became_are_one_address() {
        let hcm = Some("ho chi minh");
        for (a, b, pa, pb, want) in [
            (
                "212 nguyen dinh chieu phuong tan kieng quan 7",
                "212 nguyen dinh chieu phuong tan hung",
                hcm,
                hcm,
                Confirmed,
            ),
            (
                "5 le loi q 1",
                "5 le loi phuong sai gon",
                hcm,
                hcm,
                Confirmed,
            ),
            (
                "5 le loi p ben nghe q 1",
                "5 le loi phuong sai gon",
                hcm,
                hcm,
                Confirmed,
            ),
            // Bến Nghé went into Sài Gòn, not Bến Thành.
            (
                "5 le loi p ben nghe q 1",
                "5 le loi phuong ben thanh",
                hcm,
                hcm,
                Different,
            ),
            // Tân Kiểng was a ward of Quận 7, not of Quận 8.
            (
                "212 nguyen dinh chieu phuong tan kieng quan 8",
                "212 nguyen dinh chieu phuong tan hung",
                hcm,
                hcm,
                Different,
            ),
            // Cẩm Châu (Hội An, Quảng Nam) is in Hội An Đông, Đà Nẵng since 2025.
            (
                "122 hung vuong phuong cam chau thanh pho hoi an",
                "122 hung vuong phuong hoi an dong",
                Some("quang nam"),
                Some("da nang"),
                Confirmed,
            ),
            // Both after 2025, two wards.
            (
                "5 le loi phuong sai gon",
                "5 le loi phuong ben thanh",
                hcm,
                hcm,
                Different,
            ),
            // Provinces that did not merge.
            (
                "122 hung vuong phuong cam chau thanh pho hoi an",
                "122 hung vuong phuong hoi an dong",
                Some("quang nam"),
                Some("ha noi"),
                Different,
            ),
        ] {
            assert_eq!(cmp(a, b, pa, pb), want, "{a} / {b}");
            assert_eq!(cmp(b, a, pb, pa), want, "{b} / {a}");
        }
    }

    #[test]
    fn wards_or_districts_that_differ_are_two_addresses() {
        let hcm = Some("ho chi minh");
        for (a, b, pa, pb) in [
            (
                "12 nguyen van linh phuong hiep binh chanh thanh pho thu duc ho chi minh",
                "12 nguyen van linh phuong 15 quan 10 ho chi minh",
                hcm,
                hcm,
            ),
            (
                "2 ly thai to f nui sam thanh pho chau doc",
                "2 ly thai to phuong my xuyen thanh pho long xuyen an giang",
                Some("an giang"),
                Some("an giang"),
            ),
            (
                "10 2 thang 9 phuong rach dua thanh pho vung tau ba ria vung tau",
                "10 duong 2 thang 9 phuong phuoc trung ba ria vung tau",
                Some("ba ria vung tau"),
                Some("ba ria vung tau"),
            ),
            (
                "1 le loi phuong 05 quan 1",
                "1 le loi phuong 6 quan 1",
                None,
                None,
            ),
            (
                "1 dien bien phu quan 12",
                "1 dien bien phu tan hung quan 7",
                None,
                None,
            ),
            (
                "1 le van sy phuong tan tao quan binh tan ho chi minh",
                "1 cong hoa phuong hoa thanh quan tan phu ho chi minh",
                hcm,
                hcm,
            ),
            // One city; the ward written without its type is another.
            (
                "1 ly thai to my xuyen thanh pho long xuyen an giang",
                "1 ly thai to phuong binh khanh thanh pho long xuyen an giang",
                Some("an giang"),
                Some("an giang"),
            ),
        ] {
            assert_eq!(cmp(a, b, pa, pb), Different, "{a} / {b}");
        }
    }

    /// A ward written without its type that the other address does not name: it may be
    /// another ward, so the street alone does not confirm the address.
    #[test]
    fn an_unexplained_word_leaves_the_address_unconfirmed() {
        let hp = Some("hai phong");
        assert_eq!(
            cmp(
                "50 le hong phong hoang van thu hai phong",
                "50 le hong phong f lach tray quan ngo quyen hai phong",
                hp,
                hp
            ),
            Unconfirmed
        );
        assert_eq!(
            cmp("12 le loi", "12 le loi quan 1", None, None),
            Unconfirmed
        );
        // Both name units, at no level in common: nothing confirms the house.
        let hcm = Some("ho chi minh");
        assert_eq!(
            cmp(
                "1 to ky phuong binh tri dong binh tan ho chi minh",
                "1 to ky huyen hoc mon ho chi minh",
                hcm,
                hcm
            ),
            Unconfirmed
        );
    }

    #[test]
    fn one_address_written_two_ways_is_confirmed() {
        let hn = Some("ha noi");
        for (a, b, pa, pb) in [
            (
                "218 pho doi can xa duong xa huyen gia lam ha noi",
                "218 doi can xa duong xa gia lam ha noi",
                hn,
                hn,
            ),
            (
                "12 le loi quan 1 ho chi minh",
                "12 le loi ho chi minh",
                Some("ho chi minh"),
                Some("ho chi minh"),
            ),
            ("12 le loi phuong 05 quan 1", "12 le loi p 5", None, None),
            (
                "12 le loi ben nghe ho chi minh",
                "12 le loi phuong ben nghe quan 1 ho chi minh",
                Some("ho chi minh"),
                Some("ho chi minh"),
            ),
            // The street's type typed without its marks.
            (
                "88 ngach 24/292 duong tran duy hung phuong thanh xuan trung ha noi",
                "88 ngach 24/292 tran duy hung phuong thanh xuan trung ha noi",
                hn,
                hn,
            ),
            // Ward and district both written without their types.
            (
                "271 ngo 78 hoang hoa tham phuc dong long bien ha noi",
                "271 ngo 78 hoang hoa tham phuong phuc dong quan long bien ha noi",
                hn,
                hn,
            ),
            (
                "143 ngo 84 lo duc giap bat hoang mai ha noi",
                "143 ngo 84 lo duc phuong giap bat quan hoang mai ha noi",
                hn,
                hn,
            ),
            // A street word that comes back in the ward's name ("Núi Thành", "Thanh Khê").
            (
                "315/58 nui thanh an khe thanh khe da nang",
                "315/58 nui thanh phuong an khe quan thanh khe da nang",
                Some("da nang"),
                Some("da nang"),
            ),
        ] {
            assert_eq!(cmp(a, b, pa, pb), Confirmed, "{a} / {b}");
        }
    }

    /// The street ends at every unit type the address module writes into a key, however the
    /// type was typed.
    #[test]
    fn street_ends_at_the_unit_types_of_address_keys() {
        for unit in [
            "P. Bến Nghé",
            "Phường 12",
            "F.12",
            "P12",
            "Q.1",
            "Quận Bình Thạnh",
            "H. Củ Chi",
            "Huyện Củ Chi",
            "X. Đồng Ích",
            "Xã Tân Thông Hội",
            "TX. Sơn Tây",
            "Thị xã Sơn Tây",
            "TT. Củ Chi",
            "Thị trấn Củ Chi",
            "TP. Dĩ An",
            "Thành phố Bảo Lộc",
            "Ward 12",
            "District 1",
        ] {
            let a = crate::normalize::address::parse_address(&format!("12 Lê Lợi, {unit}"));
            assert_eq!(
                Parts::of(&a.key).street[..],
                ["le", "loi"],
                "{unit:?}: {}",
                a.key
            );
            assert_eq!(Parts::of(&a.key).units.len(), 1, "{unit:?}: {}", a.key);
        }
    }
}
