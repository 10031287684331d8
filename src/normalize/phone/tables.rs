//! The rules people argue about, as data: the 2018 mobile renumbering, the 2017 area-code change
//! and the carriers' mobile prefixes. Each table is checked against its source in the tests below.
//! Provinces are the address table's (`normalize::address::PROVINCES`): the area codes name them
//! by key, and a province written any other way is read by the address module's aliases.

use std::sync::LazyLock;

use crate::normalize::address;

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
    /// The province's key in the address table ([`PROVINCES`](address::PROVINCES)), which
    /// holds its names and spellings.
    pub key: &'static str,
}

const fn ac(old: &'static str, new: &'static str, key: &'static str) -> AreaCode {
    AreaCode { old, new, key }
}

/// The 63 provinces (pre-2025 units, by their key in [`address::PROVINCES`]) and their area
/// codes, per MIC Decision 2036/QĐ-BTTTT (2015) on converting fixed-line area codes, done in
/// three phases from 11 Feb, 15 Apr and 17 Jun 2017.
/// Checks: the set of old codes is exactly libphonenumber's 2014 VN fixed-line pattern, and every
/// new code fits today's fixed-line pattern (`2(0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|
/// 5[124-9]|6[0-39]|7[0-7]|9[0-4679])`), which admits no other 3-digit code. The old→province
/// pairing is from the published conversion lists (phase 3 checked against the press list).
pub static AREA_CODES: [AreaCode; 63] = [
    // Phase 1, from 11 Feb 2017
    ac("22", "212", "son la"),
    ac("231", "213", "lai chau"),
    ac("20", "214", "lao cai"),
    ac("230", "215", "dien bien"),
    ac("29", "216", "yen bai"),
    ac("52", "232", "quang binh"),
    ac("53", "233", "quang tri"),
    ac("54", "234", "hue"), // Thừa Thiên Huế, Thành phố Huế since 2025
    ac("510", "235", "quang nam"),
    ac("511", "236", "da nang"),
    ac("37", "237", "thanh hoa"),
    ac("38", "238", "nghe an"),
    ac("39", "239", "ha tinh"),
    // Phase 2, from 15 Apr 2017
    ac("33", "203", "quang ninh"),
    ac("240", "204", "bac giang"),
    ac("25", "205", "lang son"),
    ac("26", "206", "cao bang"),
    ac("27", "207", "tuyen quang"),
    ac("280", "208", "thai nguyen"),
    ac("281", "209", "bac kan"),
    ac("320", "220", "hai duong"),
    ac("321", "221", "hung yen"),
    ac("241", "222", "bac ninh"),
    ac("31", "225", "hai phong"),
    ac("351", "226", "ha nam"),
    ac("36", "227", "thai binh"),
    ac("350", "228", "nam dinh"),
    ac("30", "229", "ninh binh"),
    ac("780", "290", "ca mau"),
    ac("781", "291", "bac lieu"),
    ac("710", "292", "can tho"),
    ac("711", "293", "hau giang"),
    ac("74", "294", "tra vinh"),
    ac("76", "296", "an giang"),
    ac("77", "297", "kien giang"),
    ac("79", "299", "soc trang"),
    // Phase 3, from 17 Jun 2017
    ac("4", "24", "ha noi"),
    ac("8", "28", "ho chi minh"),
    ac("61", "251", "dong nai"),
    ac("62", "252", "binh thuan"),
    ac("64", "254", "ba ria vung tau"),
    ac("55", "255", "quang ngai"),
    ac("56", "256", "binh dinh"),
    ac("57", "257", "phu yen"),
    ac("58", "258", "khanh hoa"),
    ac("68", "259", "ninh thuan"),
    ac("60", "260", "kon tum"),
    ac("501", "261", "dak nong"),
    ac("500", "262", "dak lak"),
    ac("63", "263", "lam dong"),
    ac("59", "269", "gia lai"),
    ac("70", "270", "vinh long"),
    ac("651", "271", "binh phuoc"),
    ac("72", "272", "long an"),
    ac("73", "273", "tien giang"),
    ac("650", "274", "binh duong"),
    ac("75", "275", "ben tre"),
    ac("66", "276", "tay ninh"),
    ac("67", "277", "dong thap"),
    // Unchanged
    ac("211", "211", "vinh phuc"),
    ac("210", "210", "phu tho"),
    ac("218", "218", "hoa binh"),
    ac("219", "219", "ha giang"),
];

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

/// The old (pre-2017) area code digits for a province ("ho chi minh" → "8", "thanh hoa" →
/// "37"), so a caller can weigh the old-landline trap with the row's address.
pub fn old_area_code(province: &str) -> Option<&'static str> {
    area_code_by_province(province).map(|a| a.old)
}

/// The whole [`AreaCode`] row for a province given by its key or any spelling the address
/// table accepts ("TP. Hồ Chí Minh", "tp hcm", "Tinh Thanh Hoa"; see
/// [`address::province_named`]).
pub fn area_code_by_province(province: &str) -> Option<&'static AreaCode> {
    let key = address::province_named(province)?.key;
    AREA_CODES.iter().find(|a| a.key == key)
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

    /// The area codes are the address table's provinces: one row each, none other.
    #[test]
    fn one_area_code_per_province_of_the_address_table() {
        for p in &PROVINCES {
            let rows = AREA_CODES.iter().filter(|a| a.key == p.key).count();
            assert_eq!(rows, 1, "{}", p.name);
            assert_eq!(area_code_by_province(p.key).map(|a| a.key), Some(p.key));
        }
        for a in &AREA_CODES {
            assert!(PROVINCES.iter().any(|p| p.key == a.key), "{a:?}");
        }
    }

    /// The spellings the phone module once kept its own list of are the address table's too.
    #[test]
    fn province_spellings_come_from_the_address_table() {
        for (spelling, key) in [
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
            ("dac lac", "dak lak"),
            ("daklak", "dak lak"),
            ("daknong", "dak nong"),
            ("bac can", "bac kan"),
            ("HA NOI", "ha noi"),
            ("thanh pho  hue", "hue"),
            ("Tỉnh Thanh Hóa", "thanh hoa"),
        ] {
            let a = area_code_by_province(spelling);
            assert_eq!(a.map(|a| a.key), Some(key), "{spelling:?}");
        }
        // A district names no province here, whatever it implies in an address.
        for text in ["cau giay", "Quận 1", "12 Lê Lợi, Hà Nội", "ha noi x"] {
            assert_eq!(area_code_by_province(text), None, "{text:?}");
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
