//! Which Vietnamese numbers are valid today, and of what type: libphonenumber 9.0.43's metadata
//! for region VN (`resources/PhoneNumberMetadata.xml`, territory `VN`), written out as byte
//! comparisons (no regex). Every pattern decides on at most the first four digits and the
//! length, so `vn_ranges.txt` (libphonenumber's type of every four-digit prefix at every length,
//! produced with its Python port of the same version) checks these functions exhaustively.
//!
//! Inputs are national significant numbers: no country code, no trunk 0.

/// The metadata version these functions were written from.
pub const LIBPHONENUMBER_VERSION: &str = "9.0.43";

/// The metadata's number types that sokhach reads (VN has no pager, personal or shared-cost
/// numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VnType {
    FixedLine,
    Mobile,
    /// 1800 …, 1201/1203/1228 …: free for the caller.
    TollFree,
    /// 1900 …: paid by the caller.
    PremiumRate,
    /// 0672 …: non-geographic internet telephony.
    Voip,
    /// 0199 …, 0799 …, 069 …: short numbers of services (69 is the police and army network).
    Uan,
}

impl VnType {
    /// Hotlines and other numbers that belong to a service rather than a line at an address.
    pub fn is_service(self) -> bool {
        !matches!(self, VnType::FixedLine | VnType::Mobile)
    }
}

/// The type libphonenumber gives a national significant number, `None` when it is not valid.
pub fn vn_type(n: &[u8]) -> Option<VnType> {
    if !n.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if mobile_ok(n) {
        Some(VnType::Mobile)
    } else if fixed_ok(n) {
        Some(VnType::FixedLine)
    } else {
        service_type(n)
    }
}

/// Mobile: `121[0-3]\d{5}|(?:1[46]0|(?:3\d|7[06-9])\d|5(?:[1689]\d|2[238]|59)|8(?:[1-8]\d|
/// 9[6-9])|9(?:[0-8]\d|9[013-9]))\d{6}`.
pub fn mobile_ok(n: &[u8]) -> bool {
    if n.len() != 9 || !n.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (b, c) = (n[1], n[2]);
    match n[0] {
        b'1' => (b == b'2' && c == b'1' && n[3] <= b'3') || (matches!(b, b'4' | b'6') && c == b'0'),
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

/// Fixed line: `2(?:0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|5[124-9]|6[0-39]|7[0-7]|
/// 9[0-4679])\d{7}`.
pub fn fixed_ok(n: &[u8]) -> bool {
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

/// Toll free `1800\d{4,6}|12(?:0[13]|28)\d{4}`, premium rate `1900\d{4,6}`, VoIP `672\d{6}`,
/// UAN `[17]99\d{4}|69\d{5,6}`.
fn service_type(n: &[u8]) -> Option<VnType> {
    let len = n.len();
    let toll_free_short =
        n.starts_with(b"1201") || n.starts_with(b"1203") || n.starts_with(b"1228");
    if (n.starts_with(b"1800") && (8..=10).contains(&len)) || (toll_free_short && len == 8) {
        Some(VnType::TollFree)
    } else if n.starts_with(b"1900") && (8..=10).contains(&len) {
        Some(VnType::PremiumRate)
    } else if n.starts_with(b"672") && len == 9 {
        Some(VnType::Voip)
    } else if ((n.starts_with(b"199") || n.starts_with(b"799")) && len == 7)
        || (n.starts_with(b"69") && (7..=8).contains(&len))
    {
        Some(VnType::Uan)
    } else {
        None
    }
}

/// Whether a service number is written without the trunk 0 in national form (libphonenumber
/// formats `1800 1234` and `1900 1234` bare, but `0199 2000`, `069 123 45`, `067 201 23 45`).
pub fn dialled_bare(n: &[u8]) -> bool {
    n.starts_with(b"18") || n.starts_with(b"12") || (n.starts_with(b"19") && !n.starts_with(b"199"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = include_str!("vn_ranges.txt");

    fn type_name(t: Option<VnType>) -> &'static str {
        match t {
            Some(VnType::FixedLine) => "fixed",
            Some(VnType::Mobile) => "mobile",
            Some(VnType::TollFree) => "toll_free",
            Some(VnType::PremiumRate) => "premium",
            Some(VnType::Voip) => "voip",
            Some(VnType::Uan) => "uan",
            None => "invalid",
        }
    }

    /// libphonenumber's type for every four-digit prefix at every length 7–10.
    fn expected() -> std::collections::HashMap<(usize, u32), &'static str> {
        let mut m = std::collections::HashMap::new();
        for line in TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split(' ').collect();
            let (len, lo, hi) = (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
            );
            for p in lo..=hi {
                m.insert((len, p), f[3]);
            }
        }
        m
    }

    #[test]
    fn table_is_for_this_version() {
        assert!(TABLE.starts_with(&format!(
            "# libphonenumber {LIBPHONENUMBER_VERSION}, region VN"
        )));
    }

    #[test]
    fn differential_against_libphonenumber_metadata() {
        let want = expected();
        let mut checked = 0;
        for len in 7..=10usize {
            for prefix in 1000..=9999u32 {
                let expect = want.get(&(len, prefix)).copied().unwrap_or("invalid");
                // Two tails: the patterns must not look past the fourth digit.
                for tail in ["000000", "987654"] {
                    let n = format!("{prefix}{}", &tail[..len - 4]);
                    assert_eq!(type_name(vn_type(n.as_bytes())), expect, "{n}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 4 * 9000 * 2);
        // Numbers with a leading zero are never national significant numbers.
        assert_eq!(vn_type(b"0912345678"), None);
    }

    #[test]
    fn service_numbers_and_their_national_form() {
        for (n, t, bare) in [
            ("18001234", VnType::TollFree, true),
            ("1800123456", VnType::TollFree, true),
            ("19001234", VnType::PremiumRate, true),
            ("190012345", VnType::PremiumRate, true),
            ("12281234", VnType::TollFree, true),
            ("1992000", VnType::Uan, false),
            ("7992000", VnType::Uan, false),
            ("6912345", VnType::Uan, false),
            ("672012345", VnType::Voip, false),
        ] {
            assert_eq!(vn_type(n.as_bytes()), Some(t), "{n}");
            assert_eq!(dialled_bare(n.as_bytes()), bare, "{n}");
        }
    }
}
