//! Text helpers: accent folding, old-style tone placement, legacy encodings (TCVN3,
//! Windows-1258), digit grouping, and the Excel date epoch.

use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

pub(crate) fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Accent-free form: strip combining marks after NFD; đ/Đ are letters, not marks.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

pub(crate) fn has_non_ascii(s: &str) -> bool {
    !s.is_ascii()
}

/// The five tones on the vowels that take them, in the order grave, acute, hook, tilde, dot.
#[rustfmt::skip]
pub(crate) static TONES: &[(char, [char; 5])] = &[
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
];

pub(crate) fn tone_split(c: char) -> Option<(char, usize)> {
    TONES
        .iter()
        .find_map(|(b, ts)| ts.iter().position(|t| *t == c).map(|i| (*b, i)))
}

pub(crate) fn tone_apply(base: char, tone: usize) -> char {
    TONES
        .iter()
        .find(|(b, _)| *b == base)
        .map(|(_, ts)| ts[tone])
        .unwrap_or(base)
}

/// Old-style tone placement in open syllables: hòa→hoà, thủy→thuỷ, khỏe→khoẻ (the tool undoes
/// it in `src/normalize/text.rs`).
pub(crate) fn tone_old_style(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = cs.clone();
    for i in 0..cs.len().saturating_sub(1) {
        let next_is_letter = cs.get(i + 2).is_some_and(|c| c.is_alphabetic());
        if next_is_letter {
            continue;
        }
        let Some((base, tone)) = tone_split(cs[i]) else {
            continue;
        };
        let n = cs[i + 1];
        let lower = base.to_ascii_lowercase();
        let ok = (lower == 'o' && matches!(n, 'a' | 'e' | 'A' | 'E'))
            || (lower == 'u'
                && matches!(n, 'y' | 'Y')
                && !(i > 0 && matches!(cs[i - 1], 'q' | 'Q')));
        if ok {
            out[i] = base;
            out[i + 1] = tone_apply(n, tone);
        }
    }
    out.into_iter().collect()
}

pub(crate) fn title_is_toneable(s: &str) -> bool {
    tone_old_style(s) != s
}

/// Legacy TCVN3 (ABC, .VnTime) byte of a Vietnamese letter. Upper-case toned vowels have no
/// code in the .VnTime font and were typed with the lower-case code, as real files show.
#[rustfmt::skip]
pub(crate) static TCVN3: &[(char, u8)] = &[
    ('à', 0xB5),
    ('á', 0xB8),
    ('ả', 0xB6),
    ('ã', 0xB7),
    ('ạ', 0xB9),
    ('ă', 0xA8),
    ('ằ', 0xBB),
    ('ắ', 0xBE),
    ('ẳ', 0xBC),
    ('ẵ', 0xBD),
    ('ặ', 0xC6),
    ('â', 0xA9),
    ('ầ', 0xC7),
    ('ấ', 0xCA),
    ('ẩ', 0xC8),
    ('ẫ', 0xC9),
    ('ậ', 0xCB),
    ('đ', 0xAE),
    ('è', 0xCC),
    ('é', 0xD0),
    ('ẻ', 0xCE),
    ('ẽ', 0xCF),
    ('ẹ', 0xD1),
    ('ê', 0xAA),
    ('ề', 0xD2),
    ('ế', 0xD5),
    ('ể', 0xD3),
    ('ễ', 0xD4),
    ('ệ', 0xD6),
    ('ì', 0xD7),
    ('í', 0xDD),
    ('ỉ', 0xD8),
    ('ĩ', 0xDC),
    ('ị', 0xDE),
    ('ò', 0xDF),
    ('ó', 0xE3),
    ('ỏ', 0xE1),
    ('õ', 0xE2),
    ('ọ', 0xE4),
    ('ô', 0xAB),
    ('ồ', 0xE5),
    ('ố', 0xE8),
    ('ổ', 0xE6),
    ('ỗ', 0xE7),
    ('ộ', 0xE9),
    ('ơ', 0xAC),
    ('ờ', 0xEA),
    ('ớ', 0xED),
    ('ở', 0xEB),
    ('ỡ', 0xEC),
    ('ợ', 0xEE),
    ('ù', 0xEF),
    ('ú', 0xF3),
    ('ủ', 0xF1),
    ('ũ', 0xF2),
    ('ụ', 0xF4),
    ('ư', 0xAD),
    ('ừ', 0xF5),
    ('ứ', 0xF8),
    ('ử', 0xF6),
    ('ữ', 0xF7),
    ('ự', 0xF9),
    ('ỳ', 0xFA),
    ('ý', 0xFD),
    ('ỷ', 0xFB),
    ('ỹ', 0xFC),
    ('ỵ', 0xFE),
    ('Ă', 0xA1),
    ('Â', 0xA2),
    ('Ê', 0xA3),
    ('Ô', 0xA4),
    ('Ơ', 0xA5),
    ('Ư', 0xA6),
    ('Đ', 0xA7),
];

/// Text as a cell typed with the TCVN3 font shows it without the font (Latin-1 mojibake),
/// or None when a character has no TCVN3 code.
pub(crate) fn to_tcvn3(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let code = TCVN3
            .iter()
            .find(|(u, _)| *u == c)
            .or_else(|| {
                let l = c.to_lowercase().next()?;
                TCVN3.iter().find(|(u, _)| *u == l)
            })?
            .1;
        out.push(char::from(code));
    }
    Some(out)
}

/// Windows-1258 text: ă â ê ô ơ ư đ are single bytes but the five tones are combining marks
/// (the reader side is `src/ingest/csvread.rs`). encoding_rs only maps what the code page
/// holds, so decompose first and put back together the letters that exist precomposed in 1258.
pub(crate) fn to_cp1258(s: &str) -> Vec<u8> {
    let chars: Vec<char> = s.nfd().collect();
    let mut text = String::with_capacity(s.len() + 16);
    let mut i = 0;
    let mut tones: Vec<char> = Vec::with_capacity(2);
    while i < chars.len() {
        let mut base = chars[i];
        i += 1;
        tones.clear();
        while i < chars.len() && is_mark(chars[i]) {
            let m = chars[i];
            i += 1;
            // NFD puts the dot below (ccc 220) before the circumflex/breve (ccc 230).
            if matches!(m, '\u{302}' | '\u{306}' | '\u{31b}') {
                if let Some(c) = unicode_normalization::char::compose(base, m) {
                    base = c;
                    continue;
                }
            }
            tones.push(m);
        }
        text.push(base);
        text.extend(tones.iter());
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&text);
    bytes.into_owned()
}

pub(crate) fn group_digits(digits: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + sizes.len() * sep.len());
    let mut pos = 0;
    for (k, &n) in sizes.iter().enumerate() {
        if pos >= digits.len() {
            break;
        }
        if k > 0 {
            out.push_str(sep);
        }
        let end = if k + 1 == sizes.len() {
            digits.len()
        } else {
            (pos + n).min(digits.len())
        };
        out.push_str(&digits[pos..end]);
        pos = end;
    }
    out
}

pub(crate) fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub(crate) fn hash_of<H: Hash>(h: H) -> u64 {
    let mut s = DefaultHasher::new();
    h.hash(&mut s);
    s.finish()
}

// ───────────────────────────── dates ─────────────────────────────

/// Days from 0001-01-01 (CE day 1) to 1899-12-30, Excel's day 0 in the 1900 date system.
pub(crate) const EXCEL_EPOCH_CE: i32 = 693_594;

pub(crate) fn ce(y: i32, m: u32, d: u32) -> i32 {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0, |x| x.num_days_from_ce())
}

pub(crate) fn ymd(days: i32) -> (i32, u32, u32) {
    NaiveDate::from_num_days_from_ce_opt(days)
        .map_or((1970, 1, 1), |x| (x.year(), x.month(), x.day()))
}
