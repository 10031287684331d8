//! Legacy Vietnamese font encodings found in old Excel files.
//!
//! Before Unicode, Vietnamese was typed with 8-bit fonts. In an xlsx the cell holds the
//! Windows-1252 / Latin-1 characters of those bytes, which read as Vietnamese only with the
//! font: TCVN3 "NguyÔn V¨n A" and VNI "Nguyeãn Vaên A" are both "Nguyễn Văn A".
//!
//! Detection decodes each word both ways and asks whether the result is a well-formed
//! Vietnamese syllable while the text as it stands is not (see [`detect`]).

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::text::is_vietnamese_syllable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, "ABC" (fonts .VnTime, .VnArial, .VnTimeH …): one byte per letter.
    Tcvn3,
    /// VNI-Windows (fonts VNI-Times, VNI-Helve …): base letter followed by a mark byte.
    Vni,
}

/// TCVN 5712:1993, table VN3 (the "ABC" code page). Each row: the legacy characters for a
/// vowel without tone, then grave, acute, hook above, tilde, dot below; paired with the same
/// row in Unicode. VN3 has no capital letters with tones: those were typed with the
/// uppercase-only fonts (.VnTimeH), which reuse the lowercase codes, so a word in capitals
/// reads "B¹CH" (BẠCH) and is recased by [`convert`].
const TCVN3_ROWS: &[(&str, &str)] = &[
    ("a\u{B5}\u{B8}\u{B6}\u{B7}\u{B9}", "aàáảãạ"), // µ ¸ ¶ · ¹
    ("\u{A8}\u{BB}\u{BE}\u{BC}\u{BD}\u{C6}", "ăằắẳẵặ"), // ¨ » ¾ ¼ ½ Æ
    ("\u{A9}\u{C7}\u{CA}\u{C8}\u{C9}\u{CB}", "âầấẩẫậ"), // © Ç Ê È É Ë
    ("e\u{CC}\u{D0}\u{CE}\u{CF}\u{D1}", "eèéẻẽẹ"), // Ì Ð Î Ï Ñ
    ("\u{AA}\u{D2}\u{D5}\u{D3}\u{D4}\u{D6}", "êềếểễệ"), // ª Ò Õ Ó Ô Ö
    ("i\u{D7}\u{DD}\u{D8}\u{DC}\u{DE}", "iìíỉĩị"), // × Ý Ø Ü Þ
    ("o\u{DF}\u{E3}\u{E1}\u{E2}\u{E4}", "oòóỏõọ"), // ß ã á â ä
    ("\u{AB}\u{E5}\u{E8}\u{E6}\u{E7}\u{E9}", "ôồốổỗộ"), // « å è æ ç é
    ("\u{AC}\u{EA}\u{ED}\u{EB}\u{EC}\u{EE}", "ơờớởỡợ"), // ¬ ê í ë ì î
    ("u\u{EF}\u{F3}\u{F1}\u{F2}\u{F4}", "uùúủũụ"), // ï ó ñ ò ô
    ("\u{AD}\u{F5}\u{F8}\u{F6}\u{F7}\u{F9}", "ưừứửữự"), // soft hyphen õ ø ö ÷ ù
    ("y\u{FA}\u{FD}\u{FB}\u{FC}\u{FE}", "yỳýỷỹỵ"), // ú ý û ü þ
    ("\u{AE}", "đ"),                               // ®
    // capitals (VN3 keeps only these seven)
    ("\u{A1}\u{A2}\u{A3}\u{A4}\u{A5}\u{A6}\u{A7}", "ĂÂÊÔƠƯĐ"), // ¡ ¢ £ ¤ ¥ ¦ §
];

/// VNI-Windows mark characters, in the tone order none, grave, acute, hook, tilde, dot.
/// `TONE` follows any vowel; `CIRC` makes â ê ô; `BREVE` makes ă.
const VNI_TONE: [&str; 6] = ["", "ø", "ù", "û", "õ", "ï"];
const VNI_CIRC: [&str; 6] = ["â", "à", "á", "å", "ã", "ä"];
const VNI_BREVE: [&str; 6] = ["ê", "è", "é", "ú", "ü", "ë"];
const VNI_TONE_UP: [&str; 6] = ["", "Ø", "Ù", "Û", "Õ", "Ï"];
const VNI_CIRC_UP: [&str; 6] = ["Â", "À", "Á", "Å", "Ã", "Ä"];
const VNI_BREVE_UP: [&str; 6] = ["Ê", "È", "É", "Ú", "Ü", "Ë"];

/// VNI-Windows chart: (base written before the marks, which mark row, Unicode row).
/// ơ and ư are the single characters ô and ö (+ tone mark); i and ỵ use single characters.
const VNI_ROWS: &[(&str, VniMarks, &str)] = &[
    ("a", VniMarks::Tone, "aàáảãạ"),
    ("a", VniMarks::Breve, "ăằắẳẵặ"),
    ("a", VniMarks::Circ, "âầấẩẫậ"),
    ("e", VniMarks::Tone, "eèéẻẽẹ"),
    ("e", VniMarks::Circ, "êềếểễệ"),
    ("o", VniMarks::Tone, "oòóỏõọ"),
    ("o", VniMarks::Circ, "ôồốổỗộ"),
    ("ô", VniMarks::Tone, "ơờớởỡợ"),
    ("u", VniMarks::Tone, "uùúủũụ"),
    ("ö", VniMarks::Tone, "ưừứửữự"),
    ("y", VniMarks::TonesNoDot, "yỳýỷỹ"),
    ("A", VniMarks::Tone, "AÀÁẢÃẠ"),
    ("A", VniMarks::Breve, "ĂẰẮẲẴẶ"),
    ("A", VniMarks::Circ, "ÂẦẤẨẪẬ"),
    ("E", VniMarks::Tone, "EÈÉẺẼẸ"),
    ("E", VniMarks::Circ, "ÊỀẾỂỄỆ"),
    ("O", VniMarks::Tone, "OÒÓỎÕỌ"),
    ("O", VniMarks::Circ, "ÔỒỐỔỖỘ"),
    ("Ô", VniMarks::Tone, "ƠỜỚỞỠỢ"),
    ("U", VniMarks::Tone, "UÙÚỦŨỤ"),
    ("Ö", VniMarks::Tone, "ƯỪỨỬỮỰ"),
    ("Y", VniMarks::TonesNoDot, "YỲÝỶỸ"),
];

/// VNI letters written as one character: i with tones, ỵ, đ.
const VNI_SINGLES: &[(char, char)] = &[
    ('ì', 'ì'),
    ('í', 'í'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
    ('ñ', 'đ'),
    ('Ì', 'Ì'),
    ('Í', 'Í'),
    ('Æ', 'Ỉ'),
    ('Ó', 'Ĩ'),
    ('Ò', 'Ị'),
    ('Î', 'Ỵ'),
    ('Ñ', 'Đ'),
];

#[derive(Clone, Copy)]
enum VniMarks {
    Tone,
    TonesNoDot,
    Circ,
    Breve,
}

/// VNI (base, mark) pairs that also occur in French, Spanish or Portuguese names ("Loïc",
/// "Raúl", "João", "Gaël", "goût"): alone they are not evidence of VNI.
const VNI_WEAK_PAIRS: &[(char, char)] = &[
    ('o', 'ù'),
    ('o', 'û'),
    ('o', 'ã'),
    ('a', 'ú'),
    ('a', 'ë'),
    ('a', 'ï'),
    ('e', 'ï'),
    ('o', 'ï'),
    ('u', 'ï'),
    ('O', 'Ù'),
    ('O', 'Û'),
    ('O', 'Ã'),
    ('A', 'Ú'),
    ('A', 'Ë'),
    ('A', 'Ï'),
    ('E', 'Ï'),
    ('O', 'Ï'),
    ('U', 'Ï'),
];

struct Tables {
    tcvn3: HashMap<char, char>,
    vni_pairs: HashMap<(char, char), char>,
    vni_singles: HashMap<char, char>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut tcvn3 = HashMap::default();
    for (legacy, uni) in TCVN3_ROWS {
        for (l, u) in legacy.chars().zip(uni.chars()) {
            if l != u {
                tcvn3.insert(l, u);
            }
        }
    }
    let mut vni_pairs = HashMap::default();
    let mut vni_singles: HashMap<char, char> = VNI_SINGLES.iter().copied().collect();
    for &(base, marks, uni) in VNI_ROWS {
        let upper = base.chars().all(|c| c.is_uppercase());
        let b = base.chars().next().unwrap_or(' ');
        for (i, u) in uni.chars().enumerate() {
            match vni_mark(marks, upper, i) {
                Some(m) => {
                    vni_pairs.insert((b, m), u);
                }
                None if b != u => {
                    vni_singles.insert(b, u); // ô → ơ, ö → ư
                }
                None => {}
            }
        }
    }
    Tables {
        tcvn3,
        vni_pairs,
        vni_singles,
    }
});

fn vni_mark(marks: VniMarks, upper: bool, i: usize) -> Option<char> {
    let row = match (marks, upper) {
        (VniMarks::Tone | VniMarks::TonesNoDot, false) => VNI_TONE,
        (VniMarks::Tone | VniMarks::TonesNoDot, true) => VNI_TONE_UP,
        (VniMarks::Circ, false) => VNI_CIRC,
        (VniMarks::Circ, true) => VNI_CIRC_UP,
        (VniMarks::Breve, false) => VNI_BREVE,
        (VniMarks::Breve, true) => VNI_BREVE_UP,
    };
    row.get(i).and_then(|m| m.chars().next())
}

/// The characters Windows-1252 puts at 0x80–0x9F: legacy text may contain them (as
/// punctuation) and still be legacy text.
fn is_cp1252_extra(c: char) -> bool {
    matches!(
        c,
        '€' | '‚'
            | 'ƒ'
            | '„'
            | '…'
            | '†'
            | '‡'
            | 'ˆ'
            | '‰'
            | 'Š'
            | '‹'
            | 'Œ'
            | 'Ž'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '–'
            | '—'
            | '˜'
            | '™'
            | 'š'
            | '›'
            | 'œ'
            | 'ž'
            | 'Ÿ'
    )
}

/// Legacy encoding named by a cell's font, if any.
/// A font name that stands for the encoding ([`font_encoding`] reads it back).
pub fn font_of(enc: Legacy) -> &'static str {
    match enc {
        Legacy::Tcvn3 => ".VnTime",
        Legacy::Vni => "VNI-Times",
    }
}

fn font_encoding(font: &str) -> Option<Legacy> {
    let f = font.trim().to_ascii_lowercase();
    if f.starts_with(".vn") {
        Some(Legacy::Tcvn3)
    } else if f.starts_with("vni-") || f.starts_with("vni ") {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// The .VnTimeH-style fonts show every letter as a capital.
fn font_is_uppercase(font: &str) -> bool {
    let f = font.trim();
    f.starts_with('.') && f.ends_with('H') && f.len() > 4
}

/// Detect text typed in a legacy font.
///
/// Certain when `font_hint` names a legacy font (".VnTime…" → TCVN3, "VNI-…" → VNI). Otherwise
/// scored word by word: a word counts for an encoding when decoding it changes it into a
/// well-formed Vietnamese syllable while as written it is not one; it counts against when
/// decoding changes it into something that is not a syllable. Detection needs at least two
/// good words, or one with a marker that Western names never have (TCVN3 symbols like `¨ µ ®`,
/// a capital inside a lowercase word; a VNI pair other than the French/Spanish look-alikes in
/// [`VNI_WEAK_PAIRS`]), and at most one bad word per four good ones.
///
/// Never legacy: pure ASCII, and text with any character outside Latin-1 / Windows-1252 (which
/// covers genuine Unicode Vietnamese: ơ ư ạ ả … đ ă).
pub fn detect(s: &str, font_hint: Option<&str>) -> Option<Legacy> {
    if s.is_ascii() {
        return None;
    }
    if !may_be_legacy(s) {
        return None;
    }
    if let Some(enc) = font_hint.and_then(font_encoding) {
        return Some(enc);
    }
    judge(&score(std::iter::once(s)))
}

/// The encoding a row's cells are typed in, read from all of them together: one typist, one
/// font. A name whose only legacy word is weak ("Döông Thò Giang": "Thò" is a syllable as
/// written) is recognised beside an address typed in the same font. Cells with a character
/// outside Latin-1 (genuine Unicode Vietnamese) and plain ASCII cells are left out.
pub fn detect_row<'a>(cells: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let mut cells = cells
        .into_iter()
        .filter(|s| !s.is_ascii() && may_be_legacy(s))
        .peekable();
    cells.peek()?;
    judge(&score(cells))
}

/// Text that a legacy font could have typed: Latin-1 and the Windows-1252 extras only.
fn may_be_legacy(s: &str) -> bool {
    s.chars().all(|c| (c as u32) <= 0xFF || is_cp1252_extra(c))
}

/// Each encoding's score over the words of `texts`.
fn score<'a>(texts: impl Iterator<Item = &'a str>) -> [Score; 2] {
    let mut score = [Score::default(); 2];
    let mut tok = String::new();
    let mut dec = String::new();
    for s in texts {
        for word in s.split(|c: char| !is_legacy_word_char(c)) {
            if word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            // "TrÝ": a capital after a small letter is no word as typed, whatever its letters.
            let orig_ok =
                (is_vietnamese_syllable(word) && !inner_capital(word)) || caps_lock_syllable(word);
            for (k, enc) in [Legacy::Tcvn3, Legacy::Vni].into_iter().enumerate() {
                dec.clear();
                decode_into(word, enc, &mut dec);
                if dec == word {
                    continue;
                }
                tok.clear();
                tok.extend(dec.nfc());
                let dec_ok = is_vietnamese_syllable(&tok);
                // "§T" → "ĐT", "XD": an abbreviation in capitals says nothing either way.
                if !dec_ok && tok.chars().count() <= 3 && !tok.chars().any(char::is_lowercase) {
                    continue;
                }
                if dec_ok && !orig_ok {
                    score[k].good += 1;
                    score[k].strong |= is_strong(word, enc);
                } else if !dec_ok {
                    score[k].bad += 1;
                }
            }
        }
    }
    score
}

/// The verdict on two scores.
fn judge(score: &[Score; 2]) -> Option<Legacy> {
    // A typo inside a short legacy name ("NguyÔn Thµnh Dògn") leaves one bad word beside two
    // good ones: with a marker no Western text has, one bad word per two good ones is allowed.
    let ok = |s: &Score| {
        s.good >= 1
            && (s.good >= 2 || s.strong)
            && (s.bad * 4 <= s.good || (s.strong && s.bad * 2 <= s.good))
    };
    let merit = |s: &Score| s.good as i64 - s.bad as i64;
    match (ok(&score[0]), ok(&score[1])) {
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) if merit(&score[0]) > merit(&score[1]) => Some(Legacy::Tcvn3),
        (true, true) if merit(&score[1]) > merit(&score[0]) => Some(Legacy::Vni),
        _ => None,
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    good: u32,
    bad: u32,
    strong: bool,
}

/// Letters of either encoding: ASCII letters/digits and everything from U+00A1 (TCVN3 uses
/// symbols such as `¨ © « ¬ ®` and the soft hyphen as letters).
fn is_legacy_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{A1}'..='\u{FF}').contains(&c)
}

/// A capital letter right after a small one ("NhËt", "TrÝ").
fn inner_capital(word: &str) -> bool {
    let mut prev_lower = false;
    for c in word.chars() {
        if prev_lower && c.is_uppercase() {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// A syllable typed with Caps Lock on and Shift for the first letter ("lÝ xUÂN âN" for
/// "Lý Xuân Ân"): a small letter, then only capitals, and a syllable once in small letters. No
/// legacy word: TCVN3's capitals inside a word follow small letters ("NguyÔn", "TrÝ").
fn caps_lock_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    let first_small = chars.next().is_some_and(char::is_lowercase);
    let mut rest = chars.peekable();
    first_small
        && rest.peek().is_some()
        && rest.all(char::is_uppercase)
        && is_vietnamese_syllable(&word.to_lowercase())
}

/// Latin-1 letters Vietnamese never writes ("ï", "Ë", "ö"): a word that has one and reads as a
/// Vietnamese syllable once decoded ("Phïng" → "Phùng") is legacy text.
fn foreign_latin1(word: &str) -> bool {
    word.chars().any(|c| {
        ('\u{C0}'..='\u{FF}').contains(&c)
            && c != '×'
            && c != '÷'
            && !"ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)
    })
}

fn is_strong(word: &str, enc: Legacy) -> bool {
    match enc {
        Legacy::Tcvn3 => {
            if word.starts_with('µ') {
                return false; // the micro sign of "5 µm", not "à"
            }
            if foreign_latin1(word) {
                return true; // "Phïng"
            }
            let mut prev_lower = false;
            for c in word.chars() {
                let cp = c as u32;
                if (0xA1..=0xBF).contains(&cp) || c == '×' || c == '÷' {
                    return true;
                }
                if prev_lower && (0xC0..=0xDE).contains(&cp) && TABLES.tcvn3.contains_key(&c) {
                    return true; // "NguyÔn": a capital inside a lowercase word
                }
                prev_lower = c.is_lowercase();
            }
            false
        }
        Legacy::Vni => {
            let chars: Vec<char> = word.chars().collect();
            chars.windows(2).any(|p| {
                TABLES.vni_pairs.contains_key(&(p[0], p[1]))
                    && !VNI_WEAK_PAIRS.contains(&(p[0], p[1]))
            })
        }
    }
}

fn decode_into(s: &str, enc: Legacy, out: &mut String) {
    let t = &*TABLES;
    match enc {
        Legacy::Tcvn3 => decode_tcvn3(s, out),
        Legacy::Vni => {
            let mut it = s.chars().peekable();
            while let Some(c) = it.next() {
                if let Some(&m) = it.peek() {
                    if let Some(&u) = t.vni_pairs.get(&(c, m)) {
                        out.push(u);
                        it.next();
                        continue;
                    }
                }
                out.push(t.vni_singles.get(&c).copied().unwrap_or(c));
            }
        }
    }
}

/// TCVN3 → Unicode, letter by letter. Capitals with tones were typed with the lowercase codes
/// in an uppercase-only font, so the chart alone gives "BạCH ĐằNG": a word in capitals
/// (two ASCII capitals or more, no ASCII lowercase) is put in capitals, and so is every word
/// of a text without any ASCII lowercase letter that has such a word or one of VN3's seven
/// capital codes ("X· XU¢N" is XÃ XUÂN; "Hµ Lª" stays Hà Lê: a name, not capitals).
fn decode_tcvn3(s: &str, out: &mut String) {
    let t = &*TABLES;
    let all_caps = !s.chars().any(|c| c.is_ascii_lowercase())
        && (s.chars().any(|c| ('\u{A1}'..='\u{A7}').contains(&c))
            || s.split(|c: char| !is_legacy_word_char(c)).any(is_caps_word));
    let mut rest = s;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !is_legacy_word_char(c))
            .map_or(rest.len(), |i| if i == 0 { first_len(rest) } else { i });
        let (piece, tail) = rest.split_at(end);
        let upper = all_caps || is_caps_word(piece);
        for c in piece.chars() {
            let u = t.tcvn3.get(&c).copied().unwrap_or(c);
            if upper && u != c {
                out.extend(u.to_uppercase());
            } else {
                out.push(u);
            }
        }
        rest = tail;
    }
}

/// Byte length of the first character (at least 1 for a non-empty string).
fn first_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// Two ASCII capitals or more and no ASCII lowercase letter: "B¹CH", "HUYÖN".
fn is_caps_word(w: &str) -> bool {
    w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !w.bytes().any(|b| b.is_ascii_lowercase())
}

/// Convert legacy-encoded text to Unicode (NFC). Characters outside the chart pass through.
pub fn convert(s: &str, enc: Legacy) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    decode_into(s, enc, &mut out);
    match is_nfc_quick(out.chars()) {
        IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

/// [`detect`] + [`convert`]; `None` when the text is not legacy-encoded. Text from an
/// uppercase-only font (".VnTimeH") comes back in capitals, as it was shown.
pub fn fix(s: &str, font_hint: Option<&str>) -> Option<(String, Legacy)> {
    let enc = detect(s, font_hint)?;
    let mut out = convert(s, enc);
    if enc == Legacy::Tcvn3 && font_hint.is_some_and(font_is_uppercase) {
        out = out.to_uppercase();
    }
    (out != s).then_some((out, enc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A name too short to tell alone ("Döông Thò Giang": "Thò" is a syllable as written) is
    /// read in the font its row's address is typed in.
    #[test]
    fn a_row_tells_its_font() {
        let name = "Döông Thò Giang";
        let addr = "138B Nguyeãn Traõi, P. Baïch Mai, Q.Hai Baø Tröng, Haø Noäi";
        assert_eq!(detect(name, None), None);
        assert_eq!(detect_row([name, addr]), Some(Legacy::Vni));
        assert_eq!(
            fix(name, Some(font_of(Legacy::Vni))).map(|f| f.0),
            Some("Dương Thị Giang".to_string())
        );
        // Unicode Vietnamese and plain ASCII cells say nothing.
        assert_eq!(detect_row(["Dương Thị Giang", "12 Le Loi"]), None);
        assert_eq!(detect_row(["José García", "Café Hà"]), None);
    }

    proptest! {
        #[test]
        fn never_panics_and_nfc(s in "\\PC*|[a-zA-Z \u{a1}-\u{ff}]{0,30}") {
            let _ = detect(&s, None);
            for enc in [Legacy::Tcvn3, Legacy::Vni] {
                let c = convert(&s, enc);
                prop_assert!(unicode_normalization::is_nfc(&c));
            }
            if let Some((fixed, _)) = fix(&s, Some(".VnTimeH")) {
                prop_assert!(!fixed.is_empty());
            }
        }
    }

    /// Unicode → legacy, the inverse of the charts; `None` for letters the chart lacks
    /// (TCVN3 capitals with tones).
    fn encode(s: &str, enc: Legacy) -> Option<String> {
        let mut inv: HashMap<char, String> = HashMap::default();
        match enc {
            Legacy::Tcvn3 => {
                for (l, u) in TCVN3_ROWS {
                    for (a, b) in l.chars().zip(u.chars()) {
                        inv.insert(b, a.to_string());
                    }
                }
            }
            Legacy::Vni => {
                for ((b, m), u) in &TABLES.vni_pairs {
                    inv.insert(*u, format!("{b}{m}"));
                }
                for (l, u) in &TABLES.vni_singles {
                    inv.insert(*u, l.to_string());
                }
            }
        }
        let mut out = String::new();
        for c in s.nfc() {
            if let Some(l) = inv.get(&c) {
                out.push_str(l);
            } else if c.is_ascii() {
                out.push(c);
            } else {
                return None;
            }
        }
        Some(out)
    }

    const WORDS: &[&str] = &[
        "Nguyễn Văn An",
        "Trần Thị Bích Ngọc",
        "Lê Hoàng Phúc",
        "Phạm Minh Tuấn",
        "Hoàng Thị Thu Hương",
        "Huỳnh Ngọc Ánh",
        "Võ Thị Yến",
        "Vũ Đức Thắng",
        "Đặng Quốc Bảo",
        "Bùi Thị Mỹ Duyên",
        "Đỗ Văn Hùng",
        "Hồ Thị Kim Chi",
        "Ngô Quang Vinh",
        "Dương Thị Hằng",
        "Lý Thường Kiệt",
        "Việt Nam",
        "Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Đà Nẵng",
        "Hải Phòng",
        "Cần Thơ",
        "Bà Rịa Vũng Tàu",
        "Thừa Thiên Huế",
        "Khánh Hòa",
        "Quảng Ngãi",
        "Công ty Cổ phần",
        "Trách nhiệm hữu hạn",
        "Thương mại Dịch vụ",
        "Xuất nhập khẩu",
        "Sản xuất",
        "Xây dựng",
        "đường Lê Lợi",
        "phường Bến Nghé",
        "quận Ba Đình",
        "huyện Củ Chi",
        "tỉnh Thanh Hóa",
        "người",
        "rượu",
        "khuỷu tay",
        "quyết định",
        "nghiêng",
        "giường",
        "ngoặc",
        "thuở",
        "khoẻ",
        "Trường Sa",
        "ĂN UỐNG",
        "ƯỚC MƠ",
        "ĐỊA CHỈ",
        "ỞỞỞ ỴỴ ỈỈ",
        "số 12, ngõ 34",
        "sông Hương, núi Ngự",
        "ấp Ấm áp ạ",
        "Yên Bái",
        "Ý Yên",
    ];

    #[test]
    fn short_tcvn3_names_are_seen() {
        // One word with a letter Vietnamese never writes; capitals inside words; an
        // abbreviation that decodes to no syllable.
        for (typed, meant) in [
            ("Phïng Thanh Huy", "Phùng Thanh Huy"),
            ("Cty CP §T XD NhËt TrÝ", "Cty CP ĐT XD Nhật Trí"),
        ] {
            assert_eq!(fix(typed, None).map(|(s, _)| s).as_deref(), Some(meant));
        }
        for plain in ["Lê Bá Tú", "Müller GmbH", "Café Thủy", "Nguyễn Văn Ý"] {
            assert_eq!(fix(plain, None), None, "{plain}");
        }
    }

    #[test]
    fn charts_are_complete() {
        let t = &*TABLES;
        // 12 vowels x 5 tones + ă â ê ô ơ ư đ + 7 capitals, less ý which is 0xFD in both
        assert_eq!(t.tcvn3.len(), 60 + 7 + 7 - 1);
        for (l, u) in TCVN3_ROWS {
            assert_eq!(l.chars().count(), u.chars().count(), "{u}");
        }
        // every Vietnamese letter is reachable in VNI, both cases
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        for c in letters.chars().chain(letters.to_uppercase().chars()) {
            assert!(
                encode(&c.to_string(), Legacy::Vni).is_some(),
                "VNI lacks {c}"
            );
        }
        for c in letters.chars() {
            assert!(
                encode(&c.to_string(), Legacy::Tcvn3).is_some(),
                "TCVN3 lacks {c}"
            );
        }
    }

    #[test]
    fn round_trip_both_charts() {
        let mut n = [0; 2];
        for w in WORDS {
            for (k, enc) in [Legacy::Tcvn3, Legacy::Vni].into_iter().enumerate() {
                // TCVN3 (VN3) has no toned capitals: test those words in lowercase.
                let src = match encode(w, enc) {
                    Some(_) => w.to_string(),
                    None => w.to_lowercase(),
                };
                let legacy = encode(&src, enc).unwrap();
                assert_eq!(convert(&legacy, enc), src, "{enc:?} {legacy}");
                let fixed = fix(&legacy, None);
                // Short or single-marker words may stay undetected; when detected, it is right.
                if let Some((text, e)) = fixed {
                    assert_eq!((text.as_str(), e), (src.as_str(), enc), "{legacy}");
                    n[k] += 1;
                }
            }
        }
        assert!(
            n[0] >= 40 && n[1] >= 40,
            "detected {n:?} of {}",
            WORDS.len()
        );
    }

    #[test]
    fn documented_examples() {
        assert_eq!(
            fix("NguyÔn V¨n A", None),
            Some(("Nguyễn Văn A".into(), Legacy::Tcvn3))
        );
        assert_eq!(
            fix("ViÖt Nam", None),
            Some(("Việt Nam".into(), Legacy::Tcvn3))
        );
        assert_eq!(
            fix("Nguyeãn Vaên A", None),
            Some(("Nguyễn Văn A".into(), Legacy::Vni))
        );
        assert_eq!(
            fix("Vieät Nam", None),
            Some(("Việt Nam".into(), Legacy::Vni))
        );
        assert_eq!(
            fix("C«ng ty TNHH Th\u{AD}¬ng m¹i Hßa Ph¸t", None),
            Some(("Công ty TNHH Thương mại Hòa Phát".into(), Legacy::Tcvn3))
        );
        assert_eq!(
            fix("Ñöôøng Leâ Lôïi, Quaän 1", None),
            Some(("Đường Lê Lợi, Quận 1".into(), Legacy::Vni))
        );
    }

    /// Issue 16: capitals with tones typed with VN3's lowercase codes, and a TCVN3 note.
    #[test]
    fn tcvn3_capitals_and_notes() {
        let cases = [
            (
                "91 B¹CH §»NG - X· XU¢N THíI TH¦îNG - HUYÖN HãC M¤N",
                "91 BẠCH ĐẰNG - XÃ XUÂN THỚI THƯỢNG - HUYỆN HÓC MÔN",
            ),
            (
                "91 B¹CH §»NG, P. 2, Q. B×nh Th¹nh",
                "91 BẠCH ĐẰNG, P. 2, Q. Bình Thạnh",
            ),
            ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
            ("C¤NG TY TNHH TH¦¥NG M¹I", "CÔNG TY TNHH THƯƠNG MẠI"),
            ("Hµ Lª", "Hà Lê"),
            ("NguyÔn V¨n An", "Nguyễn Văn An"),
            // A typo in a short name does not hide the encoding.
            ("NguyÔn Thµnh Dògn", "Nguyễn Thành Dũgn"),
            ("Phan C«ng Ngäc Th¾gn", "Phan Công Ngọc Thắgn"),
            ("xuÊt hãa ®¬n VAT", "xuất hóa đơn VAT"),
            (
                "Giao hµng tr\u{AD}íc 10h, xuÊt hãa ®¬n VAT",
                "Giao hàng trước 10h, xuất hóa đơn VAT",
            ),
        ];
        for (legacy, want) in cases {
            assert_eq!(
                fix(legacy, None),
                Some((want.to_string(), Legacy::Tcvn3)),
                "{legacy}"
            );
            // the converted text is Unicode: read back, nothing more to convert
            assert_eq!(fix(want, None), None, "{want}");
        }
    }

    #[test]
    fn font_hint_is_certain() {
        assert_eq!(detect("Hµ", Some(".VnTime")), Some(Legacy::Tcvn3));
        assert_eq!(detect("Hoaø", Some("VNI-Times")), Some(Legacy::Vni));
        assert_eq!(detect("Hoa", Some(".VnTime")), None); // ASCII: nothing to convert
        assert_eq!(detect("Hà Nội", Some(".VnTime")), None); // already Unicode
        assert_eq!(
            fix("nguyÔn v¨n an", Some(".VnTimeH")),
            Some(("NGUYỄN VĂN AN".into(), Legacy::Tcvn3))
        );
        // a non-legacy font does not veto the characters
        assert_eq!(detect("Hoaø", Some("Arial")), Some(Legacy::Vni));
    }

    #[test]
    fn no_false_positives() {
        let texts = [
            "José",
            "François Müller",
            "Hélène Dupont",
            "Loïc Le Gall",
            "Raúl Núñez",
            "João Gonçalves",
            "Gaël Noël",
            "Zoë Chloé",
            "Renée Côté",
            "Björn Åström",
            "Jürgen Weiß",
            "Agnès Benoît",
            "Inès",
            "Anaïs",
            "André",
            "Thé",
            "café crème",
            "jose.müller@gmail.com",
            "12 Rue de la Paix, 75002 Paris",
            "Straße 5, München",
            "Lê Hà",
            "LÊ HÀ",
            "Lê Thành Tú",
            "Tô Hoài",
            "Hà Anh Tú",
            "Võ Thị Yến",
            "Nguyễn Văn An",
            "Cà Mau",
            "Bà Chiểu",
            "ABC® Corp",
            "«Hello»",
            "5 µm",
            "½ kg",
            "Nguyen Van An",
            // Caps Lock on, Shift for the first letters: Unicode Vietnamese in a swapped case.
            "lÝ xUÂN âN",
            "lÊ hÀ",
            "",
        ];
        for t in texts {
            assert_eq!(detect(t, None), None, "{t}");
        }
    }
}
