//! The rules people argue about, as data: the 2018 mobile renumbering, the 2017 area-code change
//! and the carriers' mobile prefixes. Each table is checked against its source in the tests below.

use std::collections::HashMap;
use std::sync::LazyLock;

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
    ac("54", "234", "Thừa Thiên Huế", "hue"), // Thành phố Huế since 2025
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
    ("thua thien hue", "hue"),
    ("thua thien - hue", "hue"),
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

pub(super) fn old_code_of(nsn: &[u8]) -> Option<&'static AreaCode> {
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

/// Mobile prefixes a carrier uses today (national significant digits, DOMAIN.md §1). libphonenumber
/// accepts whole ranges (`3\\d` admits 030 and 031, which no carrier was given): a mobile-shaped
/// number outside this table is read as the old landline it also is (031 → Hải Phòng).
pub const CARRIER_PREFIXES: &[(&str, &str)] = &[
    ("Viettel", "86 96 97 98 32 33 34 35 36 37 38 39"),
    ("MobiFone", "89 90 93 70 76 77 78 79"),
    ("VinaPhone", "88 91 94 81 82 83 84 85"),
    ("Vietnamobile", "92 56 58"),
    ("Gmobile", "99 59"),
    ("Itel", "87"),
    // Newer ranges libphonenumber lists as mobile (0522/0523/0528, 0559); carrier not checked.
    ("—", "52 55"),
];

/// Whether the first two national digits are a prefix some carrier uses.
pub(super) fn carrier_prefix(nsn: &[u8]) -> bool {
    let Some(p) = nsn.get(..2) else {
        return false;
    };
    CARRIER_PREFIXES
        .iter()
        .flat_map(|(_, list)| list.split(' '))
        .any(|q| q.as_bytes() == p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::address::PROVINCES;

    #[test]
    fn every_province_of_the_address_table_has_its_area_code() {
        for p in &PROVINCES {
            let a = area_code_by_province(p.key);
            assert_eq!(a.map(|a| a.key), Some(p.key), "{}", p.name);
        }
    }

    #[test]
    fn carrier_prefixes_are_mobile_ranges() {
        for (carrier, list) in CARRIER_PREFIXES {
            for p in list.split(' ') {
                // Some number under the prefix is a mobile in libphonenumber's ranges.
                let ok = (0..10).any(|d| {
                    let n = format!("{p}{d}{}", &"9999999"[..6 - p.len() + 2]);
                    super::super::ranges::mobile_ok(n.as_bytes())
                });
                assert!(ok, "{carrier} {p}");
                assert!(carrier_prefix(p.as_bytes()));
            }
        }
        assert!(!carrier_prefix(b"31"));
        assert!(!carrier_prefix(b"30"));
        assert!(!carrier_prefix(b"3"));
    }
}
