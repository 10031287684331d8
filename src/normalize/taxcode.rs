//! Vietnamese tax codes (mã số thuế, MST).
//!
//! Enterprises: 10 digits with a check digit; branches and dependent units: the parent's 10 digits,
//! a dash and a 3-digit unit number (a different taxpayer from the head office); individuals since
//! 1 July 2025: the 12-digit personal identification number (no check digit). Only noise is
//! removed; an invalid code is reported, never "fixed".

use super::text::vietnamese_base;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaxCode {
    /// 10 digits.
    Enterprise(String),
    /// `0101248141-001`.
    Branch(String),
    /// 12 digits (personal identification number), since 2025.
    Personal(String),
}

impl TaxCode {
    pub fn as_str(&self) -> &str {
        match self {
            TaxCode::Enterprise(s) | TaxCode::Branch(s) | TaxCode::Personal(s) => s,
        }
    }

    /// The head office's 10 digits for a branch; the code itself otherwise.
    pub fn parent(&self) -> &str {
        match self {
            TaxCode::Branch(s) => s.get(..10).unwrap_or(s),
            TaxCode::Enterprise(s) | TaxCode::Personal(s) => s,
        }
    }
}

/// Whether two tax codes (as [`TaxCode::as_str`] writes them) name two taxpayers. A 12-digit
/// personal identification number beside a 10-digit code says nothing: since 1 July 2025 the
/// number is a person's (and a household business's) tax code, replacing the 10 digits they
/// had, so one person's rows carry either.
pub fn codes_conflict(a: &str, b: &str) -> bool {
    let personal_and_old = |x: &str, y: &str| x.len() == 12 && y.len() == 10;
    a != b && !personal_and_old(a, b) && !personal_and_old(b, a)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaxIssue {
    /// Blank, or only placeholder punctuation ("-", ".").
    Empty,
    /// Ten digits (or a branch's parent) whose check digit is wrong; `code` is the cleaned form.
    BadCheckDigit { code: String },
    /// A digit count no tax code has (digits before the dash for a dashed form).
    BadLength { digits: usize },
    /// Letters or symbols other than a known label ("MST:") and separators.
    NotDigits,
    /// Branch number not 001–999, or a dash not followed by exactly 3 digits.
    BadBranchSuffix,
    /// 12 digits whose first three are not a province code 001–096 (personal ids start with
    /// the GSO province code of the place of registration), so not a personal id.
    BadPersonalPrefix { code: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTax {
    pub code: TaxCode,
    /// A leading zero lost in a number cell was put back (only when the check digit agrees).
    pub zero_restored: bool,
    /// The output differs from the input text.
    pub changed: bool,
}

/// Check digit weights for d1..d9; d10 = 10 − (Σ dᵢ·wᵢ mod 11), where 10 cannot occur.
const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// Whether 10 ascii digits carry a valid MST check digit.
pub fn check_digit_ok(code10: &[u8]) -> bool {
    if code10.len() != 10 || !code10.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = code10
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = 10 - sum % 11;
    check < 10 && u32::from(code10[9] - b'0') == check
}

/// Labels typed in front of the code, folded to ascii lowercase letters only.
const LABELS: &[&str] = &[
    "mst",
    "masothue",
    "msdn",
    "masodn",
    "masodoanhnghiep",
    "mstmsdn",
    "msdnmst",
    "taxcode",
    "taxid",
    "vat",
    "vatcode",
];

/// Whether the text before the digits is empty/punctuation or a known label.
fn prefix_ok(prefix: &str) -> bool {
    let mut folded = String::new();
    for c in prefix.chars() {
        if let Some(base) = vietnamese_base(c) {
            folded.push(char::from(base));
        } else if ('\u{300}'..='\u{36f}').contains(&c) {
            // Combining tone marks of NFD text.
        } else if !(c.is_whitespace()
            || matches!(c, ':' | '.' | '-' | '/' | '(' | ')' | '\'' | '#'))
        {
            // A letter of another language, or any other sign: not a label.
            return false;
        }
    }
    folded.is_empty() || LABELS.contains(&folded.as_str())
}

/// Read a tax code cell: strip labels and separators, restore a lost leading zero only when the
/// check digit confirms it. `Err(TaxIssue::Empty)` for a blank cell.
pub fn parse_tax_code(raw: &str) -> Result<ParsedTax, TaxIssue> {
    let s = raw.trim();
    let Some(first_digit) = s.find(|c: char| c.is_ascii_digit()) else {
        return Err(if s.chars().any(char::is_alphanumeric) {
            TaxIssue::NotDigits
        } else {
            TaxIssue::Empty
        });
    };
    if !prefix_ok(&s[..first_digit]) {
        return Err(TaxIssue::NotDigits);
    }
    let mut body = &s[first_digit..];
    // A number cell read as a float: "101248141.0".
    if let Some(rest) = body.strip_suffix(".0") {
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            body = rest;
        }
    }

    let mut digits = [0u8; 13];
    let mut n = 0usize;
    let mut dash_at: Option<usize> = None;
    for c in body.chars() {
        match c {
            '0'..='9' => {
                if let Some(slot) = digits.get_mut(n) {
                    *slot = c as u8;
                }
                n += 1;
            }
            ' ' | '.' | '\u{a0}' | '\t' => {}
            '-' | '–' | '—' | '‐' | '‑' => {
                if dash_at.is_some() {
                    return Err(TaxIssue::BadBranchSuffix);
                }
                dash_at = Some(n);
            }
            _ => return Err(TaxIssue::NotDigits),
        }
    }

    let (code, zero_restored) = match dash_at {
        Some(p) if p != 10 => return Err(TaxIssue::BadLength { digits: p }),
        Some(_) if n != 13 => return Err(TaxIssue::BadBranchSuffix),
        Some(_) => (branch(&digits[..13])?, false),
        None => match n {
            10 => (enterprise(&digits[..10])?, false),
            13 => (branch(&digits[..13])?, false),
            9 => {
                let mut padded = [b'0'; 10];
                padded[1..].copy_from_slice(&digits[..9]);
                if !check_digit_ok(&padded) {
                    return Err(TaxIssue::BadLength { digits: 9 });
                }
                (TaxCode::Enterprise(ascii(&padded)), true)
            }
            12 => (personal(&digits[..12])?, false),
            // A personal number of provinces 010–096 whose leading zero a number cell dropped.
            // (Provinces 001–008 lose two and leave ten digits: read as an enterprise's code,
            // whose every one-digit typo must fail, they are not guessed.)
            11 => match zero_dropped(&digits[..11]) {
                Some(code) => (code, true),
                None => return Err(TaxIssue::BadLength { digits: 11 }),
            },
            _ => return Err(TaxIssue::BadLength { digits: n }),
        },
    };
    let changed = code.as_str() != raw;
    Ok(ParsedTax {
        code,
        zero_restored,
        changed,
    })
}

fn ascii(d: &[u8]) -> String {
    d.iter().map(|&b| char::from(b)).collect()
}

fn enterprise(d: &[u8]) -> Result<TaxCode, TaxIssue> {
    if check_digit_ok(d) {
        Ok(TaxCode::Enterprise(ascii(d)))
    } else {
        Err(TaxIssue::BadCheckDigit { code: ascii(d) })
    }
}

fn branch(d: &[u8]) -> Result<TaxCode, TaxIssue> {
    let (parent, unit) = d.split_at(10);
    if unit == b"000" {
        return Err(TaxIssue::BadBranchSuffix);
    }
    let code = format!("{}-{}", ascii(parent), ascii(unit));
    if check_digit_ok(parent) {
        Ok(TaxCode::Branch(code))
    } else {
        Err(TaxIssue::BadCheckDigit { code })
    }
}

/// A personal identification number always starts with «0» (its province, 001–096): a number
/// cell drops it, and then no «0» starts the eleven digits left (a value that starts with one
/// is a code typed wrong). The digit after the province is the century and sex: 0–3 for
/// people born 1900–2099. The number with its zero back, when it reads so.
fn zero_dropped(d: &[u8]) -> Option<TaxCode> {
    if d.len() != 11 || d[0] == b'0' || d[2] > b'3' {
        return None;
    }
    let mut padded = [b'0'; 12];
    padded[1..].copy_from_slice(d);
    personal(&padded).ok()
}

/// Ten digits whose check digit fails may be a personal number of provinces 001–008 (Hà Nội,
/// Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang) that a number cell stripped of its two leading
/// zeros, when the century digit after the province reads 0–3. Not restored (any one-digit typo
/// of an enterprise's code must stay refused): the twelve digits, as a suggestion for a person.
pub fn two_zeros_lost(raw: &str) -> Option<String> {
    let t = raw.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    let d = t.as_bytes();
    let fits = d.len() == 10
        && d.iter().all(u8::is_ascii_digit)
        && b"12468".contains(&d[0])
        && d[1] <= b'3'
        && !check_digit_ok(d);
    fits.then(|| format!("00{t}"))
}

fn personal(d: &[u8]) -> Result<TaxCode, TaxIssue> {
    let province = d[..3]
        .iter()
        .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    if (1..=96).contains(&province) {
        Ok(TaxCode::Personal(ascii(d)))
    } else {
        Err(TaxIssue::BadPersonalPrefix { code: ascii(d) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: [&str; 4] = ["0100112437", "0100109106", "0101248141", "0300588569"];

    #[test]
    fn a_hanoi_personal_number_missing_two_zeros_is_suggested_not_restored() {
        assert_eq!(two_zeros_lost("1088012345"), Some("001088012345".into()));
        assert_eq!(two_zeros_lost("1088012345.0"), Some("001088012345".into()));
        assert!(matches!(
            parse_tax_code("1088012345"),
            Err(TaxIssue::BadCheckDigit { .. })
        ));
        // A valid enterprise code, another province, a century digit past 3, a code of 11.
        assert_eq!(two_zeros_lost("0100109106"), None);
        assert_eq!(two_zeros_lost("3088012345"), None);
        assert_eq!(two_zeros_lost("1488012345"), None);
        assert_eq!(two_zeros_lost("10880123456"), None);
    }

    #[test]
    fn real_codes_pass_the_check_digit() {
        for code in REAL {
            assert!(check_digit_ok(code.as_bytes()), "{code}");
            let p = parse_tax_code(code).unwrap();
            assert_eq!(p.code, TaxCode::Enterprise(code.into()));
            assert!(!p.changed && !p.zero_restored);
        }
    }

    #[test]
    fn any_single_changed_digit_fails() {
        // The weights are distinct and nonzero mod 11, so every single-digit change is caught.
        for code in REAL {
            for i in 0..10 {
                for d in b'0'..=b'9' {
                    let mut bytes = code.as_bytes().to_vec();
                    if bytes[i] == d {
                        continue;
                    }
                    bytes[i] = d;
                    let bad = String::from_utf8(bytes).unwrap();
                    assert!(!check_digit_ok(bad.as_bytes()), "{bad}");
                    assert_eq!(
                        parse_tax_code(&bad),
                        Err(TaxIssue::BadCheckDigit { code: bad.clone() })
                    );
                }
            }
        }
    }

    #[test]
    fn check_digit_edge_cases() {
        assert!(!check_digit_ok(b"010011243"));
        assert!(!check_digit_ok(b"01001124377"));
        assert!(!check_digit_ok(b"01001124a7"));
        // Σ mod 11 == 0 → check value 10: no final digit can make it valid.
        let zero_sum = (0..1_000_000_000u32)
            .step_by(7_919)
            .map(|n| format!("{n:09}"))
            .find(|p| {
                p.bytes()
                    .zip(WEIGHTS)
                    .map(|(b, w)| u32::from(b - b'0') * w)
                    .sum::<u32>()
                    % 11
                    == 0
            })
            .unwrap();
        for last in b'0'..=b'9' {
            let mut c = zero_sum.clone().into_bytes();
            c.push(last);
            assert!(!check_digit_ok(&c), "{}", String::from_utf8_lossy(&c));
        }
    }

    #[derive(Clone, Copy)]
    enum Kind {
        Enterprise,
        Branch,
        Personal,
    }

    /// (input, kind, code, zero_restored, changed)
    #[rustfmt::skip]
    const FORMS: &[(&str, Kind, &str, bool, bool)] = &[

        ("0101248141", Kind::Enterprise, "0101248141", false, false),
        (" 0101248141 ", Kind::Enterprise, "0101248141", false, true),
        ("MST: 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("MST 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("mst:0101248141", Kind::Enterprise, "0101248141", false, true),
        ("Mã số thuế: 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("Ma so thue 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("MSDN: 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("MST/MSDN: 0101248141", Kind::Enterprise, "0101248141", false, true),
        // NFD-typed label: "Mã số thuế" with combining marks.
        ("Ma\u{300} so\u{302}\u{301} thue\u{302}\u{301}: 0101248141", Kind::Enterprise, "0101248141", false, true),
        ("0101 248 141", Kind::Enterprise, "0101248141", false, true),
        ("0101.248.141", Kind::Enterprise, "0101248141", false, true),
        ("'0101248141", Kind::Enterprise, "0101248141", false, true),
        ("0101248141.0", Kind::Enterprise, "0101248141", false, true),
        // A number cell ate the zero: restored only because the check digit agrees.
        ("101248141", Kind::Enterprise, "0101248141", true, true),
        ("101248141.0", Kind::Enterprise, "0101248141", true, true),
        ("300588569", Kind::Enterprise, "0300588569", true, true),
        // Branches.
        ("0101248141-001", Kind::Branch, "0101248141-001", false, false),
        ("0101248141 - 001", Kind::Branch, "0101248141-001", false, true),
        ("0101248141–002", Kind::Branch, "0101248141-002", false, true),
        ("0101248141001", Kind::Branch, "0101248141-001", false, true),
        ("MST: 0300588569-999", Kind::Branch, "0300588569-999", false, true),
        // Personal (12 digits).
        ("001085012345", Kind::Personal, "001085012345", false, false),
        ("079 185 012 345", Kind::Personal, "079185012345", false, true),
        ("096300000001", Kind::Personal, "096300000001", false, false),
        // A number cell ate its leading zero (provinces 010–096).
        ("75064552717", Kind::Personal, "075064552717", true, true),
        ("79185012345.0", Kind::Personal, "079185012345", true, true),
    ];

    #[test]
    fn forms() {
        for &(raw, kind, code, zero, changed) in FORMS {
            let want = match kind {
                Kind::Enterprise => TaxCode::Enterprise(code.into()),
                Kind::Branch => TaxCode::Branch(code.into()),
                Kind::Personal => TaxCode::Personal(code.into()),
            };
            let p = parse_tax_code(raw).unwrap_or_else(|e| panic!("{raw:?}: {e:?}"));
            assert_eq!(p.code, want, "{raw:?}");
            assert_eq!(p.zero_restored, zero, "{raw:?}");
            assert_eq!(p.changed, changed, "{raw:?}");
        }
    }

    #[test]
    fn issues() {
        let cases: &[(&str, TaxIssue)] = &[
            ("", TaxIssue::Empty),
            ("   ", TaxIssue::Empty),
            ("-", TaxIssue::Empty),
            ("MST:", TaxIssue::NotDigits),
            ("chưa có", TaxIssue::NotDigits),
            ("N/A", TaxIssue::NotDigits),
            ("0101248141 (CN)", TaxIssue::NotDigits),
            ("Số 0101248141", TaxIssue::NotDigits),
            (
                "0101248142",
                TaxIssue::BadCheckDigit {
                    code: "0101248142".into(),
                },
            ),
            (
                "0101248142-001",
                TaxIssue::BadCheckDigit {
                    code: "0101248142-001".into(),
                },
            ),
            ("101248142", TaxIssue::BadLength { digits: 9 }), // padding would not pass: not guessed
            ("12345", TaxIssue::BadLength { digits: 5 }),
            ("01012481410", TaxIssue::BadLength { digits: 11 }),
            // Not a personal number that lost its zero: no century 4–9, no province 097–099.
            ("79985012345", TaxIssue::BadLength { digits: 11 }),
            ("99185012345", TaxIssue::BadLength { digits: 11 }),
            ("01012481410012", TaxIssue::BadLength { digits: 14 }),
            ("0101248141-000", TaxIssue::BadBranchSuffix),
            ("0101248141000", TaxIssue::BadBranchSuffix),
            ("0101248141-01", TaxIssue::BadBranchSuffix),
            ("0101248141-0011", TaxIssue::BadBranchSuffix),
            ("0101248141-", TaxIssue::BadBranchSuffix),
            ("0101248141-001-002", TaxIssue::BadBranchSuffix),
            ("010124814-001", TaxIssue::BadLength { digits: 9 }),
            (
                "101248141001",
                TaxIssue::BadPersonalPrefix {
                    code: "101248141001".into(),
                },
            ),
            (
                "000123456789",
                TaxIssue::BadPersonalPrefix {
                    code: "000123456789".into(),
                },
            ),
            (
                "097123456789",
                TaxIssue::BadPersonalPrefix {
                    code: "097123456789".into(),
                },
            ),
        ];
        for (raw, issue) in cases {
            assert_eq!(parse_tax_code(raw).as_ref().err(), Some(issue), "{raw:?}");
        }
    }

    #[test]
    fn a_personal_number_and_a_ten_digit_code_may_be_one_taxpayer() {
        assert!(!codes_conflict("075157351024", "8195894294"));
        assert!(!codes_conflict("8195894294", "075157351024"));
        assert!(codes_conflict("0101248141", "0100109106"));
        assert!(codes_conflict("0101248141", "0101248141-001"));
        assert!(codes_conflict("075157351024", "001085012345"));
        assert!(!codes_conflict("0101248141", "0101248141"));
    }

    #[test]
    fn parent() {
        let b = parse_tax_code("0101248141-001").unwrap().code;
        assert_eq!(b.parent(), "0101248141");
        assert_eq!(b.as_str(), "0101248141-001");
        let e = parse_tax_code("0101248141").unwrap().code;
        assert_eq!(e.parent(), "0101248141");
        // Head office and branch are different taxpayers.
        assert_ne!(b, e);
        let p = parse_tax_code("001085012345").unwrap().code;
        assert_eq!(p.parent(), "001085012345");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics(s in "\\PC*") {
                let _ = parse_tax_code(&s);
            }

            #[test]
            fn never_panics_on_code_like(s in "(MST: )?[0-9 .\\-]{0,20}(\\.0)?") {
                let _ = parse_tax_code(&s);
            }

            #[test]
            fn idempotent(s in "(MST: |Mã số thuế )?[0-9]{9,13}|[0-9]{10}-[0-9]{3}") {
                if let Ok(p) = parse_tax_code(&s) {
                    let again = parse_tax_code(p.code.as_str()).unwrap();
                    prop_assert_eq!(&again.code, &p.code);
                    prop_assert!(!again.changed);
                    prop_assert!(!again.zero_restored);
                }
            }

            #[test]
            fn valid_enterprise_codes_roundtrip(n in 0u32..1_000_000_000) {
                let nine = format!("{n:09}");
                let sum: u32 = nine.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
                let check = 10 - sum % 11;
                let code = format!("{nine}{}", check % 10);
                prop_assert_eq!(check_digit_ok(code.as_bytes()), check < 10);
            }
        }
    }
}
