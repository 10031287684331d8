//! Vietnamese phone numbers in ledger cells.
//!
//! A cell may hold several numbers, labels ("ĐT:", "Fax:"), extensions, and forms from before the
//! 2017 area-code change and the 2018 mobile renumbering. Old forms are mapped to today's first,
//! then validated against libphonenumber's VN ranges with byte comparisons (no regex).
//!
//! The trap: many old landlines (`037 3xx xxxx` Thanh Hóa, `08 3822 1234` TP.HCM) have the shape
//! of today's mobiles. Such a number stays a mobile unless there is evidence of a landline (a
//! landline column or label, or the row's province owning that old area code); either way the
//! other reading is recorded in [`Phone::needs_check`].

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    Mobile,
    Landline,
}

/// Why a reading may be wrong. Only [`PhoneDoubt::needs_human`] cases belong on a "to check" list;
/// the others are information for the change report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneDoubt {
    /// Kept as a mobile, but the digits also read as a pre-2017 landline (given here converted).
    /// [`old_landline_province`] tells whose landline it would be, to rank these by address.
    OldLandlineLooksLikeMobile { as_landline: String },
    /// Read as an old landline because of evidence (landline column/label or the row's province);
    /// the digits are also a valid mobile today (given here).
    LandlineByEvidence { as_mobile: String },
    /// The leading 0 was missing (Excel number cell) and was put back.
    LeadingZeroRestored,
}

impl PhoneDoubt {
    pub fn needs_human(&self) -> bool {
        matches!(self, PhoneDoubt::OldLandlineLooksLikeMobile { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// National form, digits only: `0` + 9 digits (mobile) or `0` + 10 digits (landline).
    pub national: String,
    pub kind: PhoneKind,
    /// The old national form when a 2017/2018 conversion was applied, e.g. `01662345678`.
    pub renumbered_from: Option<String>,
    /// The strongest doubt about this reading (trap > evidence > restored zero).
    pub needs_check: Option<PhoneDoubt>,
    /// Extension digits ("ext 12", "máy lẻ 12", "x12").
    pub ext: Option<String>,
}

impl Phone {
    /// `+84912345678`.
    pub fn e164(&self) -> String {
        let mut s = String::with_capacity(self.national.len() + 2);
        s.push_str("+84");
        s.push_str(self.national.get(1..).unwrap_or(""));
        s
    }

    /// `84912345678` as an integer: a cheap matching key (landlines fit too: 12 digits).
    pub fn key(&self) -> u64 {
        let digits = self.national.as_bytes().get(1..).unwrap_or(&[]);
        digits.iter().fold(84u64, |k, &b| {
            k.wrapping_mul(10)
                .wrapping_add(u64::from(b.wrapping_sub(b'0')))
        })
    }
}

/// What the caller knows about the cell, to decide the old-landline trap with evidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct PhoneHint<'a> {
    /// The column header says ĐT bàn / cố định / Tel / Fax.
    pub landline_column: bool,
    /// The row's province as an ascii key ("ho chi minh", "thanh hoa"); see [`old_area_code`]
    /// and [`ProvinceEvidence`].
    pub province_key: Option<&'a str>,
}

/// What a province match proves about a mobile-shaped old landline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProvinceEvidence {
    /// Not enough: keep the mobile and flag it. A province match is weak evidence: every 082–089
    /// mobile of a TP.HCM customer matches old code 08, every Viettel 037 mobile in Thanh Hóa
    /// matches old 037.
    #[default]
    Flag,
    /// Enough: convert to the new landline (doubt [`PhoneDoubt::LandlineByEvidence`]).
    Convert,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedPhones {
    /// Distinct numbers in cell order.
    pub phones: Vec<Phone>,
    /// Pieces that are not a valid Vietnamese number, kept as typed (trimmed).
    pub invalid: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// 2018 mobile renumbering (11-digit `01xx` → 10-digit, 15 Sep – 14 Nov 2018): old prefix → new
/// prefix; the 7 digits after the prefix are unchanged.
pub const MOBILE_RENUMBERING: [(&str, &str); 21] = [
    // Viettel
    ("0162", "032"),
    ("0163", "033"),
    ("0164", "034"),
    ("0165", "035"),
    ("0166", "036"),
    ("0167", "037"),
    ("0168", "038"),
    ("0169", "039"),
    // MobiFone
    ("0120", "070"),
    ("0121", "079"),
    ("0122", "077"),
    ("0126", "076"),
    ("0128", "078"),
    // VinaPhone
    ("0123", "083"),
    ("0124", "084"),
    ("0125", "085"),
    ("0127", "081"),
    ("0129", "082"),
    // Vietnamobile, Gmobile
    ("0186", "056"),
    ("0188", "058"),
    ("0199", "059"),
];

/// One province's fixed-line area code before and after the 2017 conversion (digits without the
/// trunk 0: old `"37"` is dialled `037`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaCode {
    pub old: &'static str,
    pub new: &'static str,
    pub province: &'static str,
    /// ascii lowercase key, as callers pass in [`PhoneHint::province`].
    pub key: &'static str,
}

const fn ac(
    old: &'static str,
    new: &'static str,
    province: &'static str,
    key: &'static str,
) -> AreaCode {
    AreaCode {
        old,
        new,
        province,
        key,
    }
}

/// The 63 provinces (pre-2025 units) and their area codes, per MIC Decision 2036/QĐ-BTTTT (2015)
/// on converting fixed-line area codes, done in three phases from 11 Feb, 15 Apr and 17 Jun 2017.
/// Checks: the set of old codes is exactly libphonenumber's 2014 VN fixed-line pattern, and every
/// new code fits today's fixed-line pattern (`2(0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|
/// 5[124-9]|6[0-39]|7[0-7]|9[0-4679])`), which admits no other 3-digit code. The old→province
/// pairing is from the published conversion lists (phase 3 checked against the press list).
pub static AREA_CODES: [AreaCode; 63] = [
    // Phase 1, from 11 Feb 2017
    ac("22", "212", "Sơn La", "son la"),
    ac("231", "213", "Lai Châu", "lai chau"),
    ac("20", "214", "Lào Cai", "lao cai"),
    ac("230", "215", "Điện Biên", "dien bien"),
    ac("29", "216", "Yên Bái", "yen bai"),
    ac("52", "232", "Quảng Bình", "quang binh"),
    ac("53", "233", "Quảng Trị", "quang tri"),
    ac("54", "234", "Thừa Thiên Huế", "thua thien hue"),
    ac("510", "235", "Quảng Nam", "quang nam"),
    ac("511", "236", "Đà Nẵng", "da nang"),
    ac("37", "237", "Thanh Hóa", "thanh hoa"),
    ac("38", "238", "Nghệ An", "nghe an"),
    ac("39", "239", "Hà Tĩnh", "ha tinh"),
    // Phase 2, from 15 Apr 2017
    ac("33", "203", "Quảng Ninh", "quang ninh"),
    ac("240", "204", "Bắc Giang", "bac giang"),
    ac("25", "205", "Lạng Sơn", "lang son"),
    ac("26", "206", "Cao Bằng", "cao bang"),
    ac("27", "207", "Tuyên Quang", "tuyen quang"),
    ac("280", "208", "Thái Nguyên", "thai nguyen"),
    ac("281", "209", "Bắc Kạn", "bac kan"),
    ac("320", "220", "Hải Dương", "hai duong"),
    ac("321", "221", "Hưng Yên", "hung yen"),
    ac("241", "222", "Bắc Ninh", "bac ninh"),
    ac("31", "225", "Hải Phòng", "hai phong"),
    ac("351", "226", "Hà Nam", "ha nam"),
    ac("36", "227", "Thái Bình", "thai binh"),
    ac("350", "228", "Nam Định", "nam dinh"),
    ac("30", "229", "Ninh Bình", "ninh binh"),
    ac("780", "290", "Cà Mau", "ca mau"),
    ac("781", "291", "Bạc Liêu", "bac lieu"),
    ac("710", "292", "Cần Thơ", "can tho"),
    ac("711", "293", "Hậu Giang", "hau giang"),
    ac("74", "294", "Trà Vinh", "tra vinh"),
    ac("76", "296", "An Giang", "an giang"),
    ac("77", "297", "Kiên Giang", "kien giang"),
    ac("79", "299", "Sóc Trăng", "soc trang"),
    // Phase 3, from 17 Jun 2017
    ac("4", "24", "Hà Nội", "ha noi"),
    ac("8", "28", "TP. Hồ Chí Minh", "ho chi minh"),
    ac("61", "251", "Đồng Nai", "dong nai"),
    ac("62", "252", "Bình Thuận", "binh thuan"),
    ac("64", "254", "Bà Rịa – Vũng Tàu", "ba ria vung tau"),
    ac("55", "255", "Quảng Ngãi", "quang ngai"),
    ac("56", "256", "Bình Định", "binh dinh"),
    ac("57", "257", "Phú Yên", "phu yen"),
    ac("58", "258", "Khánh Hòa", "khanh hoa"),
    ac("68", "259", "Ninh Thuận", "ninh thuan"),
    ac("60", "260", "Kon Tum", "kon tum"),
    ac("501", "261", "Đắk Nông", "dak nong"),
    ac("500", "262", "Đắk Lắk", "dak lak"),
    ac("63", "263", "Lâm Đồng", "lam dong"),
    ac("59", "269", "Gia Lai", "gia lai"),
    ac("70", "270", "Vĩnh Long", "vinh long"),
    ac("651", "271", "Bình Phước", "binh phuoc"),
    ac("72", "272", "Long An", "long an"),
    ac("73", "273", "Tiền Giang", "tien giang"),
    ac("650", "274", "Bình Dương", "binh duong"),
    ac("75", "275", "Bến Tre", "ben tre"),
    ac("66", "276", "Tây Ninh", "tay ninh"),
    ac("67", "277", "Đồng Tháp", "dong thap"),
    // Unchanged
    ac("211", "211", "Vĩnh Phúc", "vinh phuc"),
    ac("210", "210", "Phú Thọ", "phu tho"),
    ac("218", "218", "Hòa Bình", "hoa binh"),
    ac("219", "219", "Hà Giang", "ha giang"),
];

/// Other spellings of province keys met in addresses → the key in [`AREA_CODES`].
const PROVINCE_ALIASES: &[(&str, &str)] = &[
    ("hcm", "ho chi minh"),
    ("tp hcm", "ho chi minh"),
    ("tphcm", "ho chi minh"),
    ("ho chi minh city", "ho chi minh"),
    ("sai gon", "ho chi minh"),
    ("saigon", "ho chi minh"),
    ("hn", "ha noi"),
    ("hanoi", "ha noi"),
    ("hue", "thua thien hue"),
    ("thua thien - hue", "thua thien hue"),
    ("ba ria - vung tau", "ba ria vung tau"),
    ("ba ria-vung tau", "ba ria vung tau"),
    ("brvt", "ba ria vung tau"),
    ("vung tau", "ba ria vung tau"),
    ("dak lak", "dak lak"),
    ("dac lac", "dak lak"),
    ("daklak", "dak lak"),
    ("dak nong", "dak nong"),
    ("daknong", "dak nong"),
    ("bac can", "bac kan"),
    ("khanh hoa", "khanh hoa"),
    ("thanh hoa", "thanh hoa"),
    ("hoa binh", "hoa binh"),
];

static PROVINCE_INDEX: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, usize> = AREA_CODES
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key, i))
        .collect();
    for (alias, key) in PROVINCE_ALIASES {
        if let Some(&i) = m.get(key) {
            m.insert(alias, i);
        }
    }
    m
});

/// For the first three digits of a national significant number (no trunk 0), the index + 1 of
/// the province whose *changed* old area code starts it (0: none). Unchanged codes are left out:
/// their numbers are valid today as they are.
static OLD_CODE_INDEX: LazyLock<[u8; 1000]> = LazyLock::new(|| {
    let mut idx = [0u8; 1000];
    for (i, a) in AREA_CODES.iter().enumerate() {
        if a.old == a.new {
            continue;
        }
        let code = a
            .old
            .bytes()
            .fold(0usize, |n, b| n * 10 + usize::from(b - b'0'));
        let (lo, span) = match a.old.len() {
            1 => (code * 100, 100),
            2 => (code * 10, 10),
            _ => (code, 1),
        };
        for slot in &mut idx[lo..lo + span] {
            *slot = (i + 1) as u8;
        }
    }
    idx
});

/// The old (pre-2017) area code digits for a province key ("ho chi minh" → "8", "thanh hoa" →
/// "37"), so a caller can weigh the old-landline trap with the row's address.
pub fn old_area_code(province_key: &str) -> Option<&'static str> {
    area_code_by_province(province_key).map(|a| a.old)
}

/// The whole [`AreaCode`] row for a province key; tolerates case, extra spaces and a leading
/// "tinh" / "thanh pho" / "tp".
pub fn area_code_by_province(province_key: &str) -> Option<&'static AreaCode> {
    if let Some(&i) = PROVINCE_INDEX.get(province_key) {
        return AREA_CODES.get(i);
    }
    let lowered = province_key
        .to_ascii_lowercase()
        .replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut key = lowered.as_str();
    for prefix in ["tinh ", "thanh pho ", "tp "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest;
            break;
        }
    }
    PROVINCE_INDEX.get(key).and_then(|&i| AREA_CODES.get(i))
}

fn old_code_of(nsn: &[u8]) -> Option<&'static AreaCode> {
    if nsn.len() < 3 || !nsn[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let p = usize::from(nsn[0] - b'0') * 100
        + usize::from(nsn[1] - b'0') * 10
        + usize::from(nsn[2] - b'0');
    match OLD_CODE_INDEX[p] {
        0 => None,
        i => AREA_CODES.get(usize::from(i) - 1),
    }
}

// ---------------------------------------------------------------------------------------------
// Validation (libphonenumber VN metadata, national significant numbers without the trunk 0)
// ---------------------------------------------------------------------------------------------

/// Mobile: `(5(2[238]|59)|89[6-9]|99[013-9])\d{6}|(3\d|5[1689]|7[06-9]|8[1-8]|9[0-8])\d{7}`.
fn mobile_ok(n: &[u8]) -> bool {
    if n.len() != 9 || !n.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (b, c) = (n[1], n[2]);
    match n[0] {
        b'3' => true,
        b'5' => {
            matches!(b, b'1' | b'6' | b'8' | b'9')
                || (b == b'2' && matches!(c, b'2' | b'3' | b'8'))
                || (b == b'5' && c == b'9')
        }
        b'7' => matches!(b, b'0' | b'6'..=b'9'),
        b'8' => matches!(b, b'1'..=b'8') || (b == b'9' && matches!(c, b'6'..=b'9')),
        b'9' => matches!(b, b'0'..=b'8') || (b == b'9' && matches!(c, b'0' | b'1' | b'3'..=b'9')),
        _ => false,
    }
}

/// Fixed line: `2(0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|5[124-9]|6[0-39]|7[0-7]|9[0-4679])\d{7}`.
fn fixed_ok(n: &[u8]) -> bool {
    if n.len() != 10 || n[0] != b'2' || !n.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let c = n[2];
    match n[1] {
        b'0' => matches!(c, b'3'..=b'9'),
        b'1' => matches!(c, b'0'..=b'6' | b'8' | b'9'),
        b'2' => matches!(c, b'0'..=b'2' | b'5'..=b'9'),
        b'3' | b'8' => matches!(c, b'2'..=b'9'),
        b'4' => matches!(c, b'2'..=b'8'),
        b'5' => matches!(c, b'1' | b'2' | b'4'..=b'9'),
        b'6' => matches!(c, b'0'..=b'3' | b'9'),
        b'7' => matches!(c, b'0'..=b'7'),
        b'9' => matches!(c, b'0'..=b'4' | b'6' | b'7' | b'9'),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading one digit string
// ---------------------------------------------------------------------------------------------

/// A national form with its trunk 0, on the stack: the segmentation search tries many readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Nat {
    buf: [u8; 11],
    len: u8,
}

impl Nat {
    /// `0` + a + b, if it fits.
    fn join(a: &[u8], b: &[u8]) -> Option<Nat> {
        let len = 1 + a.len() + b.len();
        if len > 11 {
            return None;
        }
        let mut buf = [0u8; 11];
        buf[0] = b'0';
        buf[1..1 + a.len()].copy_from_slice(a);
        buf[1 + a.len()..len].copy_from_slice(b);
        Some(Nat {
            buf,
            len: len as u8,
        })
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }

    fn nsn(&self) -> &[u8] {
        &self.buf[1..usize::from(self.len)]
    }

    fn string(&self) -> String {
        self.bytes().iter().map(|&b| char::from(b)).collect()
    }
}

#[derive(Debug, Clone, Copy)]
enum Doubt {
    None,
    Trap(Nat),
    Evidence(Nat),
}

#[derive(Debug, Clone, Copy)]
struct Reading {
    national: Nat,
    kind: PhoneKind,
    from: Option<Nat>,
    doubt: Doubt,
    zero_restored: bool,
}

#[derive(Debug, Clone, Copy)]
struct Evidence {
    landline: bool,
    province_old: Option<&'static str>,
    trust_province: bool,
}

/// The national significant number (no trunk 0, no country code) and whether a lost leading zero
/// was assumed.
fn national_significant(d: &[u8], plus: bool) -> Option<(&[u8], bool)> {
    fn strip_trunk(s: &[u8]) -> &[u8] {
        s.strip_prefix(b"0").unwrap_or(s)
    }
    let (n, zero_restored) = if plus {
        (strip_trunk(d.strip_prefix(b"84")?), false)
    } else if let Some(rest) = d.strip_prefix(b"0084") {
        (strip_trunk(rest), false)
    } else if d.len() >= 11 && d.starts_with(b"84") {
        // A national number is 9-10 digits without its 0, or starts with 0: so 11+ digits
        // starting 84 can only be the country code.
        (strip_trunk(&d[2..]), false)
    } else if let Some(rest) = d.strip_prefix(b"0") {
        (rest, false)
    } else {
        (d, true)
    };
    if !(9..=10).contains(&n.len()) || n[0] == b'0' {
        return None;
    }
    Some((n, zero_restored))
}

/// A national significant number read as a pre-2017 landline: its province and today's form.
/// The old code's length fixes the length: 1-2 digit codes + 8/7 digits = 9, 3-digit + 7 = 10.
fn old_landline(n: &[u8]) -> Option<(&'static AreaCode, Nat)> {
    let a = old_code_of(n)?;
    let fits = match n.len() {
        9 => a.old.len() <= 2,
        10 => a.old.len() == 3,
        _ => false,
    };
    if !fits {
        return None;
    }
    let national = Nat::join(a.new.as_bytes(), &n[a.old.len()..])?;
    fixed_ok(national.nsn()).then_some((a, national))
}

/// The province whose pre-2017 landline these digits would be (`"0373822123"` → Thanh Hóa), so
/// a caller can rank [`PhoneDoubt::OldLandlineLooksLikeMobile`] cases by the row's address.
pub fn old_landline_province(national: &str) -> Option<&'static AreaCode> {
    let n = national.as_bytes().strip_prefix(b"0")?;
    if !n.iter().all(u8::is_ascii_digit) {
        return None;
    }
    old_landline(n).map(|(a, _)| a)
}

fn classify(d: &[u8], plus: bool, ev: Evidence) -> Option<Reading> {
    let (n, zero_restored) = national_significant(d, plus)?;
    let plain = |national: Nat, kind: PhoneKind, from: Option<Nat>| Reading {
        national,
        kind,
        from,
        doubt: Doubt::None,
        zero_restored,
    };
    if n.len() == 10 {
        if n[0] == b'1' {
            let (_, new) = MOBILE_RENUMBERING
                .iter()
                .find(|(old, _)| old.as_bytes()[1..] == n[..3])?;
            let national = Nat::join(&new.as_bytes()[1..], &n[3..])?;
            return mobile_ok(national.nsn())
                .then(|| plain(national, PhoneKind::Mobile, Nat::join(n, &[])));
        }
        if fixed_ok(n) {
            return Some(plain(Nat::join(n, &[])?, PhoneKind::Landline, None));
        }
        let (_, national) = old_landline(n)?;
        return Some(plain(national, PhoneKind::Landline, Nat::join(n, &[])));
    }
    // 9 digits: a mobile today, or an old landline with a 1- or 2-digit area code, or both.
    let as_typed = Nat::join(n, &[])?;
    match (mobile_ok(n), old_landline(n)) {
        (true, None) => Some(plain(as_typed, PhoneKind::Mobile, None)),
        (false, Some((_, landline))) => Some(plain(landline, PhoneKind::Landline, Some(as_typed))),
        (true, Some((code, landline))) => {
            let province_matches = ev.province_old == Some(code.old);
            Some(if ev.landline || (ev.trust_province && province_matches) {
                Reading {
                    doubt: Doubt::Evidence(as_typed),
                    ..plain(landline, PhoneKind::Landline, Some(as_typed))
                }
            } else {
                Reading {
                    doubt: Doubt::Trap(landline),
                    ..plain(as_typed, PhoneKind::Mobile, None)
                }
            })
        }
        (false, None) => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Cell scanning
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Digits,
    Plus,
    Soft,
    Space,
    Hard,
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
    /// Tokens not separated by space or a hard separator share a chunk ("0912abc678").
    chunk: u32,
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn class_of(c: char) -> TokKind {
    match c {
        '0'..='9' => TokKind::Digits,
        '+' => TokKind::Plus,
        // Inside a number: dots, dashes, brackets; quotes and Excel's text apostrophe.
        '.' | '-' | '(' | ')' | '[' | ']' | ':' | '_' | '\'' | '"' | '‘' | '’' | '“' | '”'
        | '‐' | '‑' | '–' | '—' | '−' => TokKind::Soft,
        '\n' | '\r' | '/' | ';' | ',' | '|' | '\\' | '&' => TokKind::Hard,
        '\u{200b}' | '\u{feff}' => TokKind::Space,
        c if c.is_whitespace() => TokKind::Space,
        c if c.is_alphabetic() || is_combining(c) => TokKind::Word,
        _ => TokKind::Hard,
    }
}

fn tokenize(raw: &str, out: &mut Vec<Tok>) {
    let mut chunk = 0u32;
    for (i, c) in raw.char_indices() {
        let kind = class_of(c);
        let end = i + c.len_utf8();
        let merge = matches!(kind, TokKind::Digits | TokKind::Word | TokKind::Space);
        match out.last_mut() {
            Some(last) if merge && last.kind == kind && last.end == i => last.end = end,
            _ => out.push(Tok {
                kind,
                start: i,
                end,
                chunk,
            }),
        }
        if matches!(kind, TokKind::Space | TokKind::Hard) {
            chunk += 1;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Landline,
    Mobile,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Separates numbers: "hoặc", "và".
    Sep,
    /// Announces an extension: "ext", "x", "máy lẻ".
    Ext,
    /// A label before a number; some say which line it is.
    Label(Line),
    /// Second and later words of a phrase.
    Cont,
    /// Anything else: reported as invalid text.
    Junk,
}

/// Words met in phone cells, folded to ascii lowercase without diacritics. Longest match wins.
const PHRASES: &[(&[&str], Role)] = &[
    (&["hoac"], Role::Sep),
    (&["or"], Role::Sep),
    (&["va"], Role::Sep),
    (&["and"], Role::Sep),
    (&["ext"], Role::Ext),
    (&["extension"], Role::Ext),
    (&["x"], Role::Ext),
    (&["may", "le"], Role::Ext),
    (&["so", "may", "le"], Role::Ext),
    (&["nhanh"], Role::Ext),
    (&["tel"], Role::Label(Line::Landline)),
    (&["fax"], Role::Label(Line::Landline)),
    (&["ban"], Role::Label(Line::Landline)),
    (&["dt", "ban"], Role::Label(Line::Landline)),
    (&["may", "ban"], Role::Label(Line::Landline)),
    (&["co", "dinh"], Role::Label(Line::Landline)),
    (&["dt", "co", "dinh"], Role::Label(Line::Landline)),
    (&["dien", "thoai", "ban"], Role::Label(Line::Landline)),
    (
        &["dien", "thoai", "co", "dinh"],
        Role::Label(Line::Landline),
    ),
    (&["dd"], Role::Label(Line::Mobile)),
    (&["di", "dong"], Role::Label(Line::Mobile)),
    (&["dt", "di", "dong"], Role::Label(Line::Mobile)),
    (&["dien", "thoai", "di", "dong"], Role::Label(Line::Mobile)),
    (&["mobile"], Role::Label(Line::Mobile)),
    (&["mob"], Role::Label(Line::Mobile)),
    (&["hp"], Role::Label(Line::Mobile)),
    (&["cell"], Role::Label(Line::Mobile)),
    (&["zalo"], Role::Label(Line::Mobile)),
    (&["dt"], Role::Label(Line::Any)),
    (&["sdt"], Role::Label(Line::Any)),
    (&["so", "dt"], Role::Label(Line::Any)),
    (&["dien", "thoai"], Role::Label(Line::Any)),
    (&["so", "dien", "thoai"], Role::Label(Line::Any)),
    (&["phone"], Role::Label(Line::Any)),
    (&["lh"], Role::Label(Line::Any)),
    (&["lien", "he"], Role::Label(Line::Any)),
];

/// Vietnamese letters → ascii base letter (lowercase input).
const VI_FOLD: [(&str, u8); 7] = [
    ("àáảãạăằắẳẵặâầấẩẫậ", b'a'),
    ("èéẻẽẹêềếểễệ", b'e'),
    ("ìíỉĩị", b'i'),
    ("òóỏõọôồốổỗộơờớởỡợ", b'o'),
    ("ùúủũụưừứửữự", b'u'),
    ("ỳýỷỹỵ", b'y'),
    ("đð", b'd'), // ð: U+00D0 Ð is often typed for Đ
];

const WORD_MAX: usize = 12;

/// Fold a word for table lookup; `None` if too long or not Vietnamese/ascii letters.
fn fold_word(w: &str) -> Option<([u8; WORD_MAX], usize)> {
    let mut buf = [0u8; WORD_MAX];
    let mut n = 0;
    for c in w.chars() {
        let b = if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase() as u8
        } else if is_combining(c) {
            continue;
        } else {
            let lower = c.to_lowercase().next()?;
            VI_FOLD
                .iter()
                .find(|(set, _)| set.contains(lower))
                .map(|&(_, b)| b)?
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    Some((buf, n))
}

/// Assign a role to every Word token (indices parallel to `toks`).
fn word_roles(raw: &str, toks: &[Tok], roles: &mut Vec<Role>) {
    roles.clear();
    roles.resize(toks.len(), Role::Junk);
    let mut t = 0;
    while t < toks.len() {
        if toks[t].kind != TokKind::Word {
            t += 1;
            continue;
        }
        // The words that could form a phrase from here: only spaces/soft marks between them.
        let mut words: [Option<([u8; WORD_MAX], usize, usize)>; 4] = [None; 4];
        let mut count = 0;
        let mut u = t;
        while u < toks.len() && count < words.len() {
            match toks[u].kind {
                TokKind::Word => {
                    let Some((buf, n)) = fold_word(&raw[toks[u].start..toks[u].end]) else {
                        break;
                    };
                    words[count] = Some((buf, n, u));
                    count += 1;
                }
                TokKind::Space | TokKind::Soft => {}
                _ => break,
            }
            u += 1;
        }
        let mut best: Option<(usize, Role)> = None;
        for (phrase, role) in PHRASES {
            if phrase.len() > count || best.is_some_and(|(len, _)| len >= phrase.len()) {
                continue;
            }
            let hit = phrase
                .iter()
                .zip(&words)
                .all(|(p, w)| matches!(w, Some((buf, n, _)) if &buf[..*n] == p.as_bytes()));
            if hit {
                best = Some((phrase.len(), *role));
            }
        }
        match best {
            Some((len, role)) => {
                for (k, w) in words.iter().take(len).enumerate() {
                    if let Some((_, _, idx)) = w {
                        roles[*idx] = if k == 0 { role } else { Role::Cont };
                    }
                }
                t = words[len - 1].map_or(t, |(_, _, idx)| idx) + 1;
            }
            None => t += 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    /// Where an invalid piece starting here begins (a '+' before the digits).
    open: usize,
    plus: bool,
}

const RUN_MAX: usize = 32;
const DIGITS_MAX: usize = 14; // "0084" + 10-digit landline

struct Parser<'r> {
    raw: &'r str,
    ev_base: Evidence,
    landline_column: bool,
    line: Line,
    run: [Group; RUN_MAX],
    run_len: usize,
    /// Span of an extension marker waiting for its digits.
    pending_ext: Option<(usize, usize)>,
    /// The phone an extension would belong to.
    last_phone: Option<usize>,
    out: ParsedPhones,
}

impl<'r> Parser<'r> {
    fn evidence(&self) -> Evidence {
        Evidence {
            landline: self.line == Line::Landline
                || (self.landline_column && self.line != Line::Mobile),
            ..self.ev_base
        }
    }

    fn push_group(&mut self, g: Group) {
        if let Some((ms, me)) = self.pending_ext.take() {
            if g.end - g.start > 6 || g.plus {
                // Too long for an extension: the marker is stray, the digits a number.
                self.invalid(ms, me);
            } else {
                match self.last_phone.and_then(|i| self.out.phones.get_mut(i)) {
                    Some(p) if p.ext.is_none() => {
                        p.ext = Some(self.raw[g.start..g.end].to_string())
                    }
                    _ => self.invalid(ms, g.end),
                }
                return;
            }
        }
        if (g.plus && self.run_len > 0) || self.run_len == RUN_MAX {
            self.flush();
        }
        self.run[self.run_len] = g;
        self.run_len += 1;
    }

    /// The longest reading from group `i`: (last group used, reading).
    fn longest_valid(&self, i: usize) -> Option<(usize, Reading)> {
        let ev = self.evidence();
        let raw = self.raw.as_bytes();
        let mut buf = [0u8; DIGITS_MAX];
        let mut len = 0;
        let mut best = None;
        for j in i..self.run_len {
            let g = self.run[j];
            if j > i && g.plus {
                break;
            }
            let d = &raw[g.start..g.end];
            if len + d.len() > DIGITS_MAX {
                break;
            }
            buf[len..len + d.len()].copy_from_slice(d);
            len += d.len();
            if let Some(r) = classify(&buf[..len], self.run[i].plus, ev) {
                best = Some((j, r));
            }
        }
        best
    }

    fn flush(&mut self) {
        let mut i = 0;
        while i < self.run_len {
            if let Some((j, r)) = self.longest_valid(i) {
                self.phone(r);
                i = j + 1;
                continue;
            }
            // No reading: the piece runs on while it could still be one number, and stops where
            // a reading that needs no guessing (not a restored zero) begins.
            let mut end = i;
            let mut total = self.run[i].end - self.run[i].start;
            for j in i + 1..self.run_len {
                let g = self.run[j];
                total += g.end - g.start;
                if g.plus
                    || total > DIGITS_MAX
                    || matches!(self.longest_valid(j), Some((_, r)) if !r.zero_restored)
                {
                    break;
                }
                end = j;
            }
            self.invalid(self.run[i].open, self.run[end].end);
            i = end + 1;
        }
        self.run_len = 0;
    }

    fn phone(&mut self, r: Reading) {
        let national = r.national.string();
        if let Some(i) = self.out.phones.iter().position(|p| p.national == national) {
            self.last_phone = Some(i);
            return;
        }
        let needs_check = match r.doubt {
            Doubt::Trap(l) => Some(PhoneDoubt::OldLandlineLooksLikeMobile {
                as_landline: l.string(),
            }),
            Doubt::Evidence(m) => Some(PhoneDoubt::LandlineByEvidence {
                as_mobile: m.string(),
            }),
            Doubt::None if r.zero_restored => Some(PhoneDoubt::LeadingZeroRestored),
            Doubt::None => None,
        };
        self.out.phones.push(Phone {
            national,
            kind: r.kind,
            renumbered_from: r.from.map(|f| f.string()),
            needs_check,
            ext: None,
        });
        self.last_phone = Some(self.out.phones.len() - 1);
    }

    fn invalid(&mut self, mut start: usize, mut end: usize) {
        let raw = self.raw;
        // Keep the brackets that belong to the piece: "(028) 12" rather than "028) 12".
        if raw[..start].ends_with('(') {
            start -= 1;
        }
        let piece = &raw[start..end];
        if piece.matches('(').count() > piece.matches(')').count() && raw[end..].starts_with(')') {
            end += 1;
        }
        let piece = raw[start..end].trim();
        if !piece.is_empty() {
            self.out.invalid.push(piece.to_string());
        }
        self.last_phone = None;
    }

    fn drop_pending_ext(&mut self) {
        if let Some((s, e)) = self.pending_ext.take() {
            self.invalid(s, e);
        }
    }
}

/// Split a cell into Vietnamese phone numbers, mapping old forms to today's. A province match
/// alone never converts a mobile-shaped number: see [`parse_phones_with`].
pub fn parse_phones(raw: &str, hint: PhoneHint<'_>) -> ParsedPhones {
    parse_phones_with(raw, hint, ProvinceEvidence::Flag)
}

/// [`parse_phones`], choosing whether the row's province converts a mobile-shaped old landline.
pub fn parse_phones_with(
    raw: &str,
    hint: PhoneHint<'_>,
    province: ProvinceEvidence,
) -> ParsedPhones {
    let ev_base = Evidence {
        landline: false,
        province_old: hint.province_key.and_then(old_area_code),
        trust_province: province == ProvinceEvidence::Convert,
    };
    let mut p = Parser {
        raw,
        ev_base,
        landline_column: hint.landline_column,
        line: Line::Any,
        run: [Group {
            start: 0,
            end: 0,
            open: 0,
            plus: false,
        }; RUN_MAX],
        run_len: 0,
        pending_ext: None,
        last_phone: None,
        out: ParsedPhones::default(),
    };

    // Fast path: a number cell, digits only, maybe with Excel's ".0".
    let trimmed = raw.trim();
    let digits = trimmed.strip_suffix(".0").unwrap_or(trimmed);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let start = raw.len() - raw.trim_start().len();
        p.push_group(Group {
            start,
            end: start + digits.len(),
            open: start,
            plus: false,
        });
        p.flush();
        return p.out;
    }

    let mut toks = Vec::with_capacity(16);
    tokenize(raw, &mut toks);
    let mut roles = Vec::new();
    if toks.iter().any(|t| t.kind == TokKind::Word) {
        word_roles(raw, &toks, &mut roles);
    }
    let role = |t: usize| roles.get(t).copied().unwrap_or(Role::Junk);

    // A chunk mixing digits with unknown words ("0912abc678") is one invalid piece.
    let mut tainted: Vec<u32> = Vec::new();
    if !roles.is_empty() {
        let mut t = 0;
        while t < toks.len() {
            let chunk = toks[t].chunk;
            let (mut digits, mut junk) = (false, false);
            let mut u = t;
            while u < toks.len() && toks[u].chunk == chunk {
                digits |= toks[u].kind == TokKind::Digits;
                junk |= toks[u].kind == TokKind::Word && role(u) == Role::Junk;
                u += 1;
            }
            if digits && junk {
                tainted.push(chunk);
            }
            t = u;
        }
    }

    let mut plus_at: Option<usize> = None;
    // An unknown-word piece being gathered: "anh Nam" is one piece.
    let mut junk: Option<(usize, usize)> = None;
    let mut t = 0;
    while t < toks.len() {
        let tok = toks[t];
        let is_junk_word = tok.kind == TokKind::Word && role(t) == Role::Junk;
        if tainted.binary_search(&tok.chunk).is_ok()
            && !matches!(tok.kind, TokKind::Space | TokKind::Hard)
        {
            let mut end = tok.end;
            while t + 1 < toks.len()
                && toks[t + 1].chunk == tok.chunk
                && !matches!(toks[t + 1].kind, TokKind::Space | TokKind::Hard)
            {
                t += 1;
                end = toks[t].end;
            }
            if let Some((s, e)) = junk.take() {
                p.invalid(s, e);
            }
            p.flush();
            p.drop_pending_ext();
            p.invalid(tok.start, end);
            plus_at = None;
            t += 1;
            continue;
        }
        if is_junk_word {
            p.flush();
            p.drop_pending_ext();
            junk = Some(junk.map_or((tok.start, tok.end), |(s, _)| (s, tok.end)));
            plus_at = None;
            t += 1;
            continue;
        }
        if !matches!(tok.kind, TokKind::Space | TokKind::Soft) {
            if let Some((s, e)) = junk.take() {
                p.invalid(s, e);
            }
        }
        match tok.kind {
            TokKind::Digits => {
                let plus = plus_at.take();
                p.push_group(Group {
                    start: tok.start,
                    end: tok.end,
                    open: plus.unwrap_or(tok.start),
                    plus: plus.is_some(),
                });
            }
            TokKind::Plus => plus_at = Some(tok.start),
            TokKind::Space | TokKind::Soft => {}
            TokKind::Hard => {
                p.flush();
                p.drop_pending_ext();
                p.line = Line::Any;
                p.last_phone = None;
                plus_at = None;
            }
            TokKind::Word => {
                plus_at = None;
                match role(t) {
                    Role::Sep => {
                        p.flush();
                        p.drop_pending_ext();
                        p.line = Line::Any;
                        p.last_phone = None;
                    }
                    Role::Ext => {
                        p.flush();
                        p.drop_pending_ext();
                        // "máy lẻ": the marker spans its phrase.
                        let mut end = tok.end;
                        for (u, next) in toks.iter().enumerate().skip(t + 1) {
                            match next.kind {
                                TokKind::Word if role(u) == Role::Cont => end = next.end,
                                TokKind::Space | TokKind::Soft => {}
                                _ => break,
                            }
                        }
                        p.pending_ext = Some((tok.start, end));
                    }
                    Role::Label(line) => {
                        p.flush();
                        p.drop_pending_ext();
                        p.line = line;
                    }
                    Role::Cont | Role::Junk => {}
                }
            }
        }
        t += 1;
    }
    if let Some((s, e)) = junk.take() {
        p.flush();
        p.invalid(s, e);
    }
    p.flush();
    p.drop_pending_ext();
    p.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> ParsedPhones {
        parse_phones(raw, PhoneHint::default())
    }

    fn one(raw: &str) -> Phone {
        let r = parse(raw);
        assert_eq!(r.phones.len(), 1, "{raw:?} → {r:?}");
        assert!(r.invalid.is_empty(), "{raw:?} → {r:?}");
        r.phones.into_iter().next().unwrap()
    }

    fn nationals(r: &ParsedPhones) -> Vec<&str> {
        r.phones.iter().map(|p| p.national.as_str()).collect()
    }

    #[test]
    fn area_code_table_is_consistent() {
        assert_eq!(AREA_CODES.len(), 63);
        let mut olds: Vec<&str> = AREA_CODES.iter().map(|a| a.old).collect();
        olds.sort_unstable();
        olds.dedup();
        assert_eq!(olds.len(), 63, "old codes must be distinct");
        let mut news: Vec<&str> = AREA_CODES.iter().map(|a| a.new).collect();
        news.sort_unstable();
        news.dedup();
        assert_eq!(news.len(), 63, "new codes must be distinct");
        let mut keys: Vec<&str> = AREA_CODES.iter().map(|a| a.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 63);
        for a in &AREA_CODES {
            // Every new code is a fixed-line prefix today (pad with a subscriber number).
            let sub = if a.new.len() == 2 {
                "38221234"
            } else {
                "3822123"
            };
            let nsn = format!("{}{}", a.new, sub);
            assert!(fixed_ok(nsn.as_bytes()), "{a:?}");
            assert!(a.new.starts_with('2'), "{a:?}");
            // Old codes form a prefix-free set (no old code begins another).
            for b in &AREA_CODES {
                if a.old != b.old {
                    assert!(!b.old.starts_with(a.old), "{a:?} prefixes {b:?}");
                }
            }
        }
        assert_eq!(AREA_CODES.iter().filter(|a| a.old == a.new).count(), 4);
    }

    #[test]
    fn old_area_code_lookup() {
        let cases = [
            ("ho chi minh", Some("8")),
            ("ha noi", Some("4")),
            ("thanh hoa", Some("37")),
            ("da nang", Some("511")),
            ("binh duong", Some("650")),
            ("tp hcm", Some("8")),
            ("TP. Ho Chi Minh", Some("8")),
            ("Tinh Thanh Hoa", Some("37")),
            ("hue", Some("54")),
            ("vinh phuc", Some("211")),
            ("atlantis", None),
            ("", None),
        ];
        for (key, want) in cases {
            assert_eq!(old_area_code(key), want, "{key}");
        }
    }

    #[test]
    fn renumbered_mobiles_all_21() {
        for (old, new) in MOBILE_RENUMBERING {
            let raw = format!("{old}2345678");
            let p = one(&raw);
            assert_eq!(p.national, format!("{new}2345678"), "{raw}");
            assert_eq!(p.kind, PhoneKind::Mobile);
            assert_eq!(p.renumbered_from.as_deref(), Some(raw.as_str()));
            // International and zero-eaten forms of the old number too.
            let intl = format!("+84 {}", &raw[1..]);
            assert_eq!(one(&intl).national, p.national, "{intl}");
            let eaten = one(&raw[1..]);
            assert_eq!(eaten.national, p.national);
            assert_eq!(eaten.needs_check, Some(PhoneDoubt::LeadingZeroRestored));
        }
    }

    #[test]
    fn messy_forms() {
        // (input, national, kind, renumbered_from, doubt is LeadingZeroRestored)
        let cases: &[(&str, &str, PhoneKind, Option<&str>, bool)] = &[
            ("0912345678", "0912345678", PhoneKind::Mobile, None, false),
            (
                "+84 912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            ("+84912345678", "0912345678", PhoneKind::Mobile, None, false),
            ("84912345678", "0912345678", PhoneKind::Mobile, None, false),
            (
                "(+84) 912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "(+84)912345678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "0084 912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "0084912345678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "+84 (0) 912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "+840912345678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            ("0912.345.678", "0912345678", PhoneKind::Mobile, None, false),
            ("0912 345 678", "0912345678", PhoneKind::Mobile, None, false),
            ("0912-345-678", "0912345678", PhoneKind::Mobile, None, false),
            ("091-234-5678", "0912345678", PhoneKind::Mobile, None, false),
            (
                "(091) 234 5678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "  0912345678  ",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            ("'0912345678", "0912345678", PhoneKind::Mobile, None, false),
            ("0912345678.", "0912345678", PhoneKind::Mobile, None, false),
            ("912345678", "0912345678", PhoneKind::Mobile, None, true),
            ("912345678.0", "0912345678", PhoneKind::Mobile, None, true),
            (
                "1662345678",
                "0362345678",
                PhoneKind::Mobile,
                Some("01662345678"),
                true,
            ),
            (
                "84 1662 345 678",
                "0362345678",
                PhoneKind::Mobile,
                Some("01662345678"),
                false,
            ),
            (
                "0166.234.5678",
                "0362345678",
                PhoneKind::Mobile,
                Some("01662345678"),
                false,
            ),
            (
                "ĐT: 0912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "SĐT:0912345678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            (
                "Mobile: +84 912 345 678",
                "0912345678",
                PhoneKind::Mobile,
                None,
                false,
            ),
            ("0862345678", "0862345678", PhoneKind::Mobile, None, false),
            ("0872345678", "0872345678", PhoneKind::Mobile, None, false),
            ("0896345678", "0896345678", PhoneKind::Mobile, None, false),
            ("0993345678", "0993345678", PhoneKind::Mobile, None, false),
            ("0522345678", "0522345678", PhoneKind::Mobile, None, false),
            ("0592345678", "0592345678", PhoneKind::Mobile, None, false),
            // New landlines.
            (
                "024 3825 1234",
                "02438251234",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "(028) 3822 1234",
                "02838221234",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "028.3822.1234",
                "02838221234",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "+84 28 3822 1234",
                "02838221234",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "842838221234",
                "02838221234",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "0236 3822 123",
                "02363822123",
                PhoneKind::Landline,
                None,
                false,
            ),
            ("2363822123", "02363822123", PhoneKind::Landline, None, true),
            (
                "0211 3822 123",
                "02113822123",
                PhoneKind::Landline,
                None,
                false,
            ),
            (
                "Tel: 0251 3822 123",
                "02513822123",
                PhoneKind::Landline,
                None,
                false,
            ),
        ];
        for &(raw, national, kind, from, zero) in cases {
            let p = one(raw);
            assert_eq!(p.national, national, "{raw}");
            assert_eq!(p.kind, kind, "{raw}");
            assert_eq!(p.renumbered_from.as_deref(), from, "{raw}");
            assert_eq!(
                p.needs_check == Some(PhoneDoubt::LeadingZeroRestored),
                zero,
                "{raw}: {p:?}"
            );
        }
    }

    #[test]
    fn old_landlines_unambiguous() {
        // Old forms whose digits are not a mobile today: converted without doubt.
        let cases = [
            ("04 3825 1234", "02438251234"), // Hà Nội, 1-digit code
            ("(04) 38251234", "02438251234"),
            ("+84 4 3825 1234", "02438251234"),
            ("061 3822 123", "02513822123"),  // Đồng Nai
            ("064.3822.123", "02543822123"),  // Bà Rịa–Vũng Tàu
            ("063 3822 123", "02633822123"),  // Lâm Đồng
            ("054 3822 123", "02343822123"),  // Huế
            ("072 3822 123", "02723822123"),  // Long An
            ("073 3822 123", "02733822123"),  // Tiền Giang
            ("053 3822 123", "02333822123"),  // Quảng Trị
            ("055 3822 123", "02553822123"),  // Quảng Ngãi (55x is only a mobile as 559)
            ("020 3822 123", "02143822123"),  // Lào Cai
            ("022 3822 123", "02123822123"),  // Sơn La
            ("0511 3822 123", "02363822123"), // Đà Nẵng, 3-digit code
            ("0510 3822 123", "02353822123"), // Quảng Nam
            ("0650 3822 123", "02743822123"), // Bình Dương
            ("0651 3822 123", "02713822123"), // Bình Phước
            ("0710 3822 123", "02923822123"), // Cần Thơ
            ("0320 3822 123", "02203822123"), // Hải Dương
            ("0241 3822 123", "02223822123"), // Bắc Ninh
            ("0240 3822 123", "02043822123"), // Bắc Giang
            ("0280 3822 123", "02083822123"), // Thái Nguyên
            ("0500 3822 123", "02623822123"), // Đắk Lắk
            ("0780 3822 123", "02903822123"), // Cà Mau
            ("5113822123", "02363822123"),    // zero eaten
        ];
        for (raw, national) in cases {
            let p = one(raw);
            assert_eq!(p.national, national, "{raw}");
            assert_eq!(p.kind, PhoneKind::Landline, "{raw}");
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            assert!(p.renumbered_from.is_some(), "{raw}");
            assert!(
                digits.ends_with(&p.renumbered_from.clone().unwrap()[1..]),
                "{raw}: {p:?}"
            );
            assert!(
                !p.needs_check.as_ref().is_some_and(PhoneDoubt::needs_human),
                "{raw}"
            );
        }
    }

    #[test]
    fn the_trap_without_evidence_stays_mobile_with_doubt() {
        let cases = [
            ("0373 822 123", "02373822123"), // Thanh Hóa
            ("038 3822 123", "02383822123"), // Nghệ An
            ("033 3822 123", "02033822123"), // Quảng Ninh
            ("031 3822 123", "02253822123"), // Hải Phòng
            ("08 3822 1234", "02838221234"), // TP.HCM → looks like VinaPhone 083
            ("08 6291 1234", "02862911234"), // TP.HCM → Viettel 086
            ("056 3822 123", "02563822123"), // Bình Định
            ("058 3822 123", "02583822123"), // Khánh Hòa
            ("059 3822 123", "02693822123"), // Gia Lai
            ("070 3822 123", "02703822123"), // Vĩnh Long
            ("076 3822 123", "02963822123"), // An Giang
            ("077 3822 123", "02973822123"), // Kiên Giang
            ("079 3822 123", "02993822123"), // Sóc Trăng
            ("052 2822 123", "02322822123"), // Quảng Bình → 0522 mobile
        ];
        for (raw, landline) in cases {
            let p = one(raw);
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(p.national, digits, "{raw}");
            assert_eq!(p.kind, PhoneKind::Mobile, "{raw}");
            assert_eq!(p.renumbered_from, None);
            let doubt = p.needs_check.clone().unwrap();
            assert!(doubt.needs_human());
            let want = PhoneDoubt::OldLandlineLooksLikeMobile {
                as_landline: landline.into(),
            };
            assert_eq!(doubt, want, "{raw}");
        }
        // A real mobile with no old-landline reading has no doubt: 0912 (old 091? no such code).
        assert_eq!(one("0912345678").needs_check, None);
        // 08 1xxx xxxx: the landline reading is not a valid 028 number today → plain mobile.
        assert_eq!(one("0812345678").needs_check, None);
    }

    #[test]
    fn the_trap_with_evidence_becomes_landline() {
        let by_province = [
            ("0373 822 123", "thanh hoa", "02373822123"),
            ("08 3822 1234", "ho chi minh", "02838221234"),
            ("08 3822 1234", "tp hcm", "02838221234"),
            ("0383822123", "nghe an", "02383822123"),
            ("0563822123", "binh dinh", "02563822123"),
        ];
        for (raw, province, landline) in by_province {
            // By default a province match only flags the doubt (the caller can rank it)...
            let hint = PhoneHint {
                province_key: Some(province),
                ..PhoneHint::default()
            };
            let r = parse_phones(raw, hint);
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(nationals(&r), [digits.as_str()], "{raw}");
            let want = PhoneDoubt::OldLandlineLooksLikeMobile {
                as_landline: landline.into(),
            };
            assert_eq!(r.phones[0].needs_check, Some(want), "{raw}");
            let owner = old_landline_province(&digits).map(|a| a.old);
            assert_eq!(owner, old_area_code(province), "{raw}");
            // ... and converts when the caller trusts it.
            let r = parse_phones_with(raw, hint, ProvinceEvidence::Convert);
            assert_eq!(nationals(&r), [landline], "{raw}");
            let p = &r.phones[0];
            assert_eq!(p.kind, PhoneKind::Landline);
            assert_eq!(p.renumbered_from.as_deref(), Some(digits.as_str()));
            assert_eq!(
                p.needs_check,
                Some(PhoneDoubt::LandlineByEvidence {
                    as_mobile: digits.clone()
                })
            );
            assert!(!p.needs_check.as_ref().unwrap().needs_human());
        }
        // The wrong province is no evidence.
        let hint = PhoneHint {
            province_key: Some("ha noi"),
            ..PhoneHint::default()
        };
        let p = &parse_phones_with("0373822123", hint, ProvinceEvidence::Convert).phones[0];
        assert_eq!(p.kind, PhoneKind::Mobile);
        assert!(p.needs_check.as_ref().is_some_and(PhoneDoubt::needs_human));
        let owner = old_landline_province("0373822123").map(|a| a.key);
        assert_eq!(owner, Some("thanh hoa"));
        assert_eq!(old_landline_province("0912345678"), None);
        assert_eq!(old_landline_province("02373822123"), None);
        assert_eq!(
            old_landline_province("05113822123").map(|a| a.key),
            Some("da nang")
        );
        // A landline column is evidence.
        let hint = PhoneHint {
            landline_column: true,
            ..PhoneHint::default()
        };
        assert_eq!(
            nationals(&parse_phones("037 3822 123", hint)),
            ["02373822123"]
        );
        // ... but not for a number with no landline reading.
        assert_eq!(nationals(&parse_phones("0912345678", hint)), ["0912345678"]);
        // A "DĐ" label overrides the landline column.
        assert_eq!(
            nationals(&parse_phones("DĐ: 0373822123", hint)),
            ["0373822123"]
        );
        // A label in the cell is evidence for the number after it only.
        let r = parse("Fax: 08 3822 1234 - DĐ: 0838221235");
        assert_eq!(nationals(&r), ["02838221234", "0838221235"]);
        let r = parse("ĐT bàn 0373822123");
        assert_eq!(nationals(&r), ["02373822123"]);
    }

    #[test]
    fn several_numbers_in_one_cell() {
        let cases: &[(&str, &[&str])] = &[
            ("0912345678 / 0987654321", &["0912345678", "0987654321"]),
            ("0912345678/0987654321", &["0912345678", "0987654321"]),
            ("0912345678; 0987654321", &["0912345678", "0987654321"]),
            ("0912345678, 0987654321", &["0912345678", "0987654321"]),
            ("0912345678 | 0987654321", &["0912345678", "0987654321"]),
            ("0912345678\n0987654321", &["0912345678", "0987654321"]),
            ("0912345678 - 0987654321", &["0912345678", "0987654321"]),
            ("0912-345-678 - 0987-654-321", &["0912345678", "0987654321"]),
            ("0912 345 678 0987 654 321", &["0912345678", "0987654321"]),
            ("0912345678 hoặc 0987654321", &["0912345678", "0987654321"]),
            ("0912345678 hoac 0987654321", &["0912345678", "0987654321"]),
            ("0912345678 or 0987654321", &["0912345678", "0987654321"]),
            ("0912345678 và 0987654321", &["0912345678", "0987654321"]),
            ("0912345678 HOẶC 0987654321", &["0912345678", "0987654321"]),
            ("912345678 987654321", &["0912345678", "0987654321"]),
            (
                "028 3822 1234 - 0912 345 678",
                &["02838221234", "0912345678"],
            ),
            (
                "(028) 3822 1234 / 0166 234 5678",
                &["02838221234", "0362345678"],
            ),
            (
                "+84 912 345 678 +84 987 654 321",
                &["0912345678", "0987654321"],
            ),
            ("0912345678 / 0912.345.678", &["0912345678"]),
            (
                "ĐT: 0912345678 - Fax: 028 3822 1234",
                &["0912345678", "02838221234"],
            ),
            // NFD-typed "hoặc": o + U+0323 + U+0302 (combining marks).
            (
                "0912345678 hoa\u{323}\u{302}c 0987654321",
                &["0912345678", "0987654321"],
            ),
        ];
        for &(raw, want) in cases {
            let r = parse(raw);
            assert_eq!(nationals(&r), want, "{raw}: {r:?}");
            assert!(r.invalid.is_empty(), "{raw}: {r:?}");
        }
    }

    #[test]
    fn extensions() {
        let cases = [
            ("028 3822 1234 ext 12", "02838221234", "12"),
            ("028 3822 1234 ext. 12", "02838221234", "12"),
            ("028 3822 1234 (ext 12)", "02838221234", "12"),
            ("028 3822 1234 máy lẻ 12", "02838221234", "12"),
            ("028 3822 1234 - máy lẻ: 105", "02838221234", "105"),
            ("028 3822 1234 may le 12", "02838221234", "12"),
            ("028 3822 1234 x12", "02838221234", "12"),
            ("02838221234x12", "02838221234", "12"),
            ("028 3822 1234 X 12", "02838221234", "12"),
            ("(08) 3822 1234 nhánh 3", "0838221234", "3"),
        ];
        for (raw, national, ext) in cases {
            let p = one(raw);
            assert_eq!(p.national, national, "{raw}");
            assert_eq!(p.ext.as_deref(), Some(ext), "{raw}");
        }
        // An extension with nothing before it is not guessed.
        let r = parse("ext 12");
        assert!(r.phones.is_empty());
        assert_eq!(r.invalid, ["ext 12"]);
        // Two numbers, the second with an extension.
        let r = parse("0912345678 / 028 3822 1234 ext 5");
        assert_eq!(nationals(&r), ["0912345678", "02838221234"]);
        assert_eq!(r.phones[0].ext, None);
        assert_eq!(r.phones[1].ext.as_deref(), Some("5"));
    }

    #[test]
    fn invalid_pieces_are_kept_as_typed() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("", &[], &[]),
            ("   ", &[], &[]),
            ("0912 345 67", &[], &["0912 345 67"]),
            ("091234567890", &[], &["091234567890"]),
            ("12345", &[], &["12345"]),
            ("0912abc678", &[], &["0912abc678"]),
            ("chưa có", &[], &["chưa có"]),
            ("0802345678", &[], &["0802345678"]), // 080 is no mobile and no old code
            ("0502345678", &[], &["0502345678"]),
            ("0992 345 678", &[], &["0992 345 678"]), // 0992 is outside 99[013-9]
            ("0891234567", &["02891234567"], &[]), // old HCM 08 9123 4567, not a mobile (089 only as 089[6-9])
            ("1900 1234", &[], &["1900 1234"]),
            ("01302345678", &[], &["01302345678"]), // 0130 was never a mobile prefix
            ("+1 415 555 1234", &[], &["+1 415 555 1234"]),
            ("3822 1234", &[], &["3822 1234"]), // subscriber only: area code not guessed
            ("0912345678 (anh Nam)", &["0912345678"], &["(anh Nam)"]),
            ("12 0912345678", &["0912345678"], &["12"]),
            ("0912345678 / 12345", &["0912345678"], &["12345"]),
            ("0123 912 345 678", &[], &["0123 912 345 678"]),
        ];
        for &(raw, phones, invalid) in cases {
            let r = parse(raw);
            assert_eq!(nationals(&r), phones, "{raw}: {r:?}");
            assert_eq!(r.invalid, invalid, "{raw}: {r:?}");
        }
    }

    #[test]
    fn guessed_split_is_not_made_after_garbage() {
        // "0123 912 345 678": a typo'd number; reading "912 345 678" with a restored zero would be
        // a guess, so the tail is not taken as a number by itself.
        let r = parse("0123 912 345 678");
        assert!(
            r.phones
                .iter()
                .all(|p| p.needs_check != Some(PhoneDoubt::LeadingZeroRestored)),
            "{r:?}"
        );
    }

    #[test]
    fn e164_and_key() {
        let p = one("0912 345 678");
        assert_eq!(p.e164(), "+84912345678");
        assert_eq!(p.key(), 84912345678);
        let l = one("028 3822 1234");
        assert_eq!(l.e164(), "+842838221234");
        assert_eq!(l.key(), 842838221234);
    }

    #[test]
    fn validators_match_libphonenumber_ranges() {
        let mobile_prefixes_ok = [
            "32", "39", "70", "76", "79", "81", "88", "896", "899", "90", "98", "990", "991",
            "993", "999", "51", "56", "58", "59", "522", "523", "528", "559",
        ];
        for p in mobile_prefixes_ok {
            let n = format!("{p}{}", &"1234567"[..9 - p.len()]);
            assert!(mobile_ok(n.as_bytes()), "{n}");
        }
        let mobile_prefixes_bad = [
            "71", "72", "75", "80", "89", "895", "992", "50", "52", "521", "55", "558", "53", "60",
            "20", "40", "10",
        ];
        for p in mobile_prefixes_bad {
            let n = format!("{p}{}", &"1234567"[..9 - p.len()]);
            assert!(!mobile_ok(n.as_bytes()), "{n}");
        }
        for (code, ok) in [
            ("203", true),
            ("202", false),
            ("217", false),
            ("223", false),
            ("231", false),
            ("253", false),
            ("264", false),
            ("278", false),
            ("295", false),
            ("298", false),
            ("299", true),
        ] {
            let n = format!("{code}1234567");
            assert_eq!(fixed_ok(n.as_bytes()), ok, "{n}");
        }
        assert!(fixed_ok(b"2438251234"));
        assert!(!fixed_ok(b"2418251234"));
        assert!(!fixed_ok(b"2498251234"));
        assert!(fixed_ok(b"2898251234"));
        assert!(!fixed_ok(b"2818251234"));
    }

    #[test]
    fn idempotent_on_examples() {
        for raw in [
            "0373822123",
            "08 3822 1234",
            "0166 234 5678",
            "04 3825 1234",
            "912345678",
            "0511 3822 123",
        ] {
            for p in parse(raw).phones {
                assert_eq!(one(&p.national).national, p.national);
            }
        }
    }

    #[test]
    #[ignore]
    fn bench_parse_1m() {
        let inputs = [
            "0912345678",
            "0912 345 678",
            "+84 912 345 678",
            "01662345678",
            "028 3822 1234",
            "0912345678 / 0987654321",
            "912345678",
            "ĐT: 0373 822 123",
        ];
        let n = 1_000_000;
        let start = std::time::Instant::now();
        let mut total = 0usize;
        for i in 0..n {
            total += parse_phones(inputs[i % inputs.len()], PhoneHint::default())
                .phones
                .len();
        }
        let per = start.elapsed().as_nanos() / n as u128;
        println!("parse_phones: {per} ns/number ({total} phones)");
        assert!(total > 0);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(s in "\\PC*") {
                let _ = parse_phones(&s, PhoneHint::default());
                let hint = PhoneHint { landline_column: true, province_key: Some("ho chi minh") };
                let _ = parse_phones_with(&s, hint, ProvinceEvidence::Convert);
            }

            #[test]
            fn never_panics_on_phone_like(s in "[0-9 +().\\-/xé]{0,40}") {
                let _ = parse_phones(&s, PhoneHint::default());
            }

            #[test]
            fn national_is_idempotent(s in "(\\+84|0|84|)[0-9]{2,4}[ .\\-]?[0-9]{3,4}[ .\\-]?[0-9]{3,4}") {
                for p in parse_phones(&s, PhoneHint::default()).phones {
                    let again = parse_phones(&p.national, PhoneHint::default());
                    prop_assert_eq!(again.phones.len(), 1);
                    prop_assert_eq!(&again.phones[0].national, &p.national);
                    prop_assert_eq!(again.phones[0].kind, p.kind);
                    prop_assert!(again.invalid.is_empty());
                }
            }

            #[test]
            fn output_shape(s in "\\PC*") {
                for p in parse_phones(&s, PhoneHint::default()).phones {
                    let len = match p.kind { PhoneKind::Mobile => 10, PhoneKind::Landline => 11 };
                    prop_assert_eq!(p.national.len(), len);
                    prop_assert!(p.national.starts_with('0'));
                    prop_assert!(p.national.bytes().all(|b| b.is_ascii_digit()));
                }
            }
        }
    }
}
