//! Vietnamese text primitives: cleaning, tone placement, accent-free keys, title case.
//!
//! Everything here is called on every text field of every row, so the common cases
//! (ASCII, already-clean NFC) return early without allocating.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Tone numbers used by [`split_tone`] / [`apply_tone`].
pub const TONE_NONE: u8 = 0;
pub const TONE_GRAVE: u8 = 1;
pub const TONE_ACUTE: u8 = 2;
pub const TONE_HOOK: u8 = 3;
pub const TONE_TILDE: u8 = 4;
pub const TONE_DOT: u8 = 5;

/// Every Vietnamese vowel letter: the bare (shape-marked) vowel, then its five toned forms in
/// the order grave, acute, hook above, tilde, dot below. Lowercase rows first, uppercase rows
/// at the same offset + 12.
const VOWEL_ROWS: [&str; 24] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
    "AÀÁẢÃẠ",
    "ĂẰẮẲẴẶ",
    "ÂẦẤẨẪẬ",
    "EÈÉẺẼẸ",
    "ÊỀẾỂỄỆ",
    "IÌÍỈĨỊ",
    "OÒÓỎÕỌ",
    "ÔỒỐỔỖỘ",
    "ƠỜỚỞỠỢ",
    "UÙÚỦŨỤ",
    "ƯỪỨỬỮỰ",
    "YỲÝỶỸỴ",
];

/// Shape index (row % 12) of the vowels that carry a shape mark (ă â ê ô ơ ư): they take the
/// tone in a diphthong.
const SHAPED: [bool; 12] = [
    false, true, true, false, true, false, false, true, true, false, true, false,
];

struct VowelTables {
    /// row * 6 + tone + 1 for U+00C0..U+01B0 and U+1EA0..U+1EF9 (0 = not a vowel letter).
    latin: [u8; 0x1B1 - 0xC0],
    viet: [u8; 0x1EFA - 0x1EA0],
    /// row -> tone -> char
    compose: [[char; 6]; 24],
}

static VOWELS: LazyLock<VowelTables> = LazyLock::new(|| {
    let mut t = VowelTables {
        latin: [0; 0x1B1 - 0xC0],
        viet: [0; 0x1EFA - 0x1EA0],
        compose: [['\0'; 6]; 24],
    };
    for (row, letters) in VOWEL_ROWS.iter().enumerate() {
        for (tone, c) in letters.chars().enumerate() {
            t.compose[row][tone] = c;
            let code = (row * 6 + tone + 1) as u8;
            match c as u32 {
                cp @ 0xC0..=0x1B0 => t.latin[(cp - 0xC0) as usize] = code,
                cp @ 0x1EA0..=0x1EF9 => t.viet[(cp - 0x1EA0) as usize] = code,
                _ => {} // the ASCII vowels are matched directly
            }
        }
    }
    t
});

/// (row, tone) of a precomposed Vietnamese vowel.
fn vowel_info(c: char) -> Option<(u8, u8)> {
    let code = match c {
        'a' => return Some((0, 0)),
        'e' => return Some((3, 0)),
        'i' => return Some((5, 0)),
        'o' => return Some((6, 0)),
        'u' => return Some((9, 0)),
        'y' => return Some((11, 0)),
        'A' => return Some((12, 0)),
        'E' => return Some((15, 0)),
        'I' => return Some((17, 0)),
        'O' => return Some((18, 0)),
        'U' => return Some((21, 0)),
        'Y' => return Some((23, 0)),
        '\u{C0}'..='\u{1B0}' => VOWELS.latin[(c as u32 - 0xC0) as usize],
        '\u{1EA0}'..='\u{1EF9}' => VOWELS.viet[(c as u32 - 0x1EA0) as usize],
        _ => 0,
    };
    (code != 0).then(|| ((code - 1) / 6, (code - 1) % 6))
}

/// Split a precomposed Vietnamese vowel into its toneless letter (keeping the shape mark and
/// case: `ễ` → `ê`) and its tone (`TONE_*`). `None` for anything that is not a vowel letter.
pub fn split_tone(c: char) -> Option<(char, u8)> {
    vowel_info(c).map(|(row, tone)| (VOWELS.compose[row as usize][0], tone))
}

/// Put `tone` on a toneless Vietnamese vowel letter (`ê` + `TONE_TILDE` → `ễ`).
pub fn apply_tone(base: char, tone: u8) -> Option<char> {
    match vowel_info(base) {
        Some((row, 0)) if tone <= TONE_DOT => Some(VOWELS.compose[row as usize][tone as usize]),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// clean

/// Invisible format characters that only get in the way of matching. U+00AD (soft hyphen) is
/// deliberately kept: it is the letter `ư` in TCVN3 text, which `legacy` must still see.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM/RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}') // BOM / zero-width no-break space
}

/// NFC, control characters removed (whitespace controls such as tab and newline become a space
/// rather than gluing words together), NBSP and every other Unicode space → space, trimmed,
/// inner whitespace collapsed to one space. `Cow::Borrowed` when already clean.
pub fn clean(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if is_clean_ascii(b) {
        return Cow::Borrowed(s);
    }
    if !s.is_ascii() && is_clean_unicode(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(clean_owned(s))
}

/// [`clean`]'s work on text its fast checks found dirty.
fn clean_owned(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if c.is_control() || is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    if !out.is_ascii() && !is_nfc(&out) {
        out = out.nfc().collect();
    }
    out
}

/// Printable ASCII with single inner spaces only.
fn is_clean_ascii(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &x in b {
        match x {
            b' ' => {
                if prev_space {
                    return false;
                }
                prev_space = true;
            }
            0x21..=0x7E => prev_space = false,
            _ => return false,
        }
    }
    true
}

fn is_clean_unicode(s: &str) -> bool {
    let b = s.as_bytes();
    let mut prev_space = true; // a leading space is dirty
                               // Whether every char is one NFC keeps as it is (see `is_nfc`), found in the same pass.
    let mut stable = true;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // Most bytes of Vietnamese text are ASCII letters: read as bytes, what a char's checks
        // say of them (a space; another whitespace or a control char is dirty).
        if x.is_ascii() {
            if x == b' ' {
                if prev_space {
                    return false;
                }
                prev_space = true;
            } else if x < 0x20 || x == 0x7f {
                return false;
            } else {
                prev_space = false;
            }
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            return false;
        }
        prev_space = false;
        stable &= nfc_stable(c);
        i += c.len_utf8();
    }
    !prev_space && (stable || is_nfc(s))
}

pub(crate) fn is_nfc(s: &str) -> bool {
    // Vietnamese text is ASCII and precomposed Latin letters, which NFC leaves as they are:
    // no table lookups for them (a test checks every char of the two ranges).
    if s.chars().all(nfc_stable) {
        return true;
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.chars().eq(s.nfc()),
    }
}

/// Below the combining marks (U+0300) and Latin Extended Additional (ạ…ỹ): starters that NFC
/// keeps, so text made only of them is NFC.
fn nfc_stable(c: char) -> bool {
    c < '\u{300}' || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// Was the text decomposed: does it contain combining marks that NFC composes away?
pub fn has_nfd(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_combining_mark) && !is_nfc(s)
}

// ---------------------------------------------------------------------------------------------
// modern_tone

/// `name` lower case with tones placed the modern way ("Hoà" and "Hòa" one form): how two
/// names' marks are compared.
pub fn lower_marked(name: &str) -> String {
    modern_tone(&name.to_lowercase()).into_owned()
}

/// Put every tone mark where the keys expect it: in an open two-vowel syllable on the first
/// vowel ("hoà"→"hòa", "thuỷ"→"thủy", "khoẻ"→"khỏe"), after `qu`/`gi` on the vowel that
/// follows ("qúy"→"quý", "gìa"→"già"). Works on NFC text; words that are not Vietnamese
/// syllables (foreign names, glued words) are left alone.
pub fn modern_tone(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out: Option<String> = None;
    let mut copied_to = 0usize; // bytes of `s` already represented in `out`
    let mut word = ['\0'; 8];
    let mut len = 0usize; // chars in the current word; > 8 means too long to be a syllable
    let mut word_start = 0usize;
    let mut flush = |word: &mut [char; 8], len: usize, start: usize, end: usize| {
        if len > word.len() {
            return;
        }
        if let Some((from, to)) = retone(&word[..len]) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len() + 4));
            o.push_str(&s[copied_to..start]);
            move_tone(&mut word[..len], from, to);
            o.extend(word[..len].iter());
            copied_to = end;
        }
    };
    for (i, c) in s.char_indices() {
        if is_letter(c) {
            if len == 0 {
                word_start = i;
            }
            if len < word.len() {
                word[len] = c;
            }
            len += 1;
        } else if len > 0 {
            flush(&mut word, len, word_start, i);
            len = 0;
        }
    }
    if len > 0 {
        flush(&mut word, len, word_start, s.len());
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied_to..]);
            Cow::Owned(o)
        }
    }
}

fn move_tone(word: &mut [char], from: usize, to: usize) {
    if let (Some((rf, tone)), Some((rt, _))) = (vowel_info(word[from]), vowel_info(word[to])) {
        word[from] = VOWELS.compose[rf as usize][0];
        word[to] = VOWELS.compose[rt as usize][tone as usize];
    }
}

fn is_vowel(c: char) -> bool {
    vowel_info(c).is_some()
}

fn is_consonant(c: char) -> bool {
    (c.is_ascii_alphabetic() && !is_vowel(c)) || c == 'đ' || c == 'Đ'
}

/// (index holding the tone, index that should hold it) when they differ.
fn retone(w: &[char]) -> Option<(usize, usize)> {
    let n = w.len();
    if !(2..=8).contains(&n) {
        return None;
    }
    // shape (row % 12) per char, 255 for consonants; looked up once.
    let mut sh = [255u8; 8];
    let mut toned = None;
    let mut vowels = 0;
    for (i, &c) in w.iter().enumerate() {
        if let Some((row, t)) = vowel_info(c) {
            sh[i] = row % 12;
            vowels += 1;
            if t != TONE_NONE {
                if toned.is_some() {
                    return None;
                }
                toned = Some(i);
            }
        } else if !is_consonant(c) {
            return None;
        }
    }
    let t = toned?;
    if vowels < 2 {
        return None;
    }
    let sh = &sh[..n];
    let is_v = |i: usize| sh[i] != 255;
    // `qu` and `gi` + vowel: the u / i belongs to the initial consonant.
    let first = w[0].to_ascii_lowercase();
    let start =
        if n > 2 && ((first == 'q' && sh[1] == 9) || (first == 'g' && sh[1] == 5)) && is_v(2) {
            2
        } else {
            (0..n).find(|&i| is_v(i))?
        };
    let end = start + (start..n).take_while(|&i| is_v(i)).count();
    if end - start > 3 || (end..n).any(is_v) {
        return None;
    }
    if !((start..end).contains(&t) || (start == 2 && t == 1)) {
        return None;
    }
    let has_final = end < n;
    let target = if let Some(p) = (start..end).rev().find(|&i| SHAPED[sh[i] as usize]) {
        p
    } else {
        match end - start {
            3 => start + 1,
            2 if has_final => start + 1,
            _ => start,
        }
    };
    (target != t).then_some((t, target))
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllable check

#[derive(Clone, Copy, PartialEq)]
enum Coda {
    Open,
    Closed,
    Any,
}

/// Vowel nuclei (toneless) and whether they take a final consonant. Data, not rules: extend
/// when a real syllable is rejected.
const NUCLEI: &[(&str, Coda)] = &[
    ("a", Coda::Any),
    ("e", Coda::Any),
    ("ê", Coda::Any),
    ("i", Coda::Any),
    ("o", Coda::Any),
    ("ô", Coda::Any),
    ("ơ", Coda::Any),
    ("u", Coda::Any),
    ("ư", Coda::Any),
    ("y", Coda::Any),
    ("oa", Coda::Any),
    ("oe", Coda::Any),
    ("uê", Coda::Any),
    ("uy", Coda::Any),
    ("ă", Coda::Closed),
    ("â", Coda::Closed),
    ("iê", Coda::Closed),
    ("yê", Coda::Closed),
    ("uô", Coda::Closed),
    ("ươ", Coda::Closed),
    ("uyê", Coda::Closed),
    ("oă", Coda::Closed),
    ("uâ", Coda::Closed),
    ("oo", Coda::Closed),
    ("ai", Coda::Open),
    ("ao", Coda::Open),
    ("au", Coda::Open),
    ("ay", Coda::Open),
    ("âu", Coda::Open),
    ("ây", Coda::Open),
    ("eo", Coda::Open),
    ("êu", Coda::Open),
    ("ia", Coda::Open),
    ("iu", Coda::Open),
    ("oi", Coda::Open),
    ("ôi", Coda::Open),
    ("ơi", Coda::Open),
    ("ua", Coda::Open),
    ("ui", Coda::Open),
    ("ưa", Coda::Open),
    ("ưi", Coda::Open),
    ("ưu", Coda::Open),
    ("uơ", Coda::Open),
    ("iêu", Coda::Open),
    ("yêu", Coda::Open),
    ("oai", Coda::Open),
    ("oay", Coda::Open),
    ("oeo", Coda::Open),
    ("uây", Coda::Open),
    ("uôi", Coda::Open),
    ("ươi", Coda::Open),
    ("ươu", Coda::Open),
    ("uya", Coda::Open),
    ("uyu", Coda::Open),
];

const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Is `word` one well-formed Vietnamese syllable (initial + vowel nucleus + final, at most one
/// tone, stop finals only with the acute or dot tone)? Case-insensitive, NFC input. Used to
/// tell Vietnamese words from acronyms and foreign or mis-decoded words.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    let mut buf = ['\0'; 8];
    let mut n = 0;
    let mut tone = TONE_NONE;
    for c in word.chars() {
        if n == buf.len() {
            return false;
        }
        let base = if let Some((row, t)) = vowel_info(c) {
            if t != TONE_NONE {
                if tone != TONE_NONE {
                    return false;
                }
                tone = t;
            }
            VOWELS.compose[(row % 12) as usize][0]
        } else if c.is_ascii_alphabetic() {
            c.to_ascii_lowercase()
        } else if c == 'đ' || c == 'Đ' {
            'đ'
        } else {
            return false;
        };
        buf[n] = base;
        n += 1;
    }
    let w = &buf[..n];
    INITIALS.iter().any(|init| {
        let k = init.chars().count();
        k <= w.len()
            && init.chars().eq(w[..k].iter().copied())
            && spelt_before(init, w.get(k).copied())
            && rhyme_ok(&w[k..], tone)
    })
}

/// Vietnamese spelling writes /k/ as «k» before i, e, ê, y and as «c» elsewhere, and /ŋ/, /ɣ/
/// as «ngh», «gh» before those vowels: «kanh», «ci», «ghanh» are no syllables («Kánh» is
/// «Khánh» with a letter lost). `vowel` is the rhyme's first letter, its tone taken off.
fn spelt_before(initial: &str, vowel: Option<char>) -> bool {
    let front = matches!(vowel, Some('i' | 'e' | 'ê' | 'y'));
    match initial {
        "k" | "gh" | "ngh" => front,
        "c" => !front,
        _ => true,
    }
}

/// Whether `a` and `b` are one edit apart: a letter replaced, added, dropped, or two letters
/// side by side turned (`strsim::osa_distance(a, b) == 1`, which builds a table for every pair
/// it is asked about; the slip checks of names and places ask it of nearly every word). Chars,
/// not bytes, as strsim counts them.
pub fn one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        one_edit_in(a.as_bytes(), b.as_bytes())
    } else {
        let a: smallvec::SmallVec<[char; 16]> = a.chars().collect();
        let b: smallvec::SmallVec<[char; 16]> = b.chars().collect();
        one_edit_in(&a, &b)
    }
}

fn one_edit_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    // The common start; what is left after it must be one edit.
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        if p == short.len() {
            return false; // the same
        }
        // One replaced: the rest after it agrees. Two turned: they cross, the rest agrees.
        (short[p + 1..] == long[p + 1..])
            || (p + 1 < short.len()
                && short[p] == long[p + 1]
                && short[p + 1] == long[p]
                && short[p + 2..] == long[p + 2..])
    } else {
        // One added to the longer: skipping it there, the rest agrees.
        short[p..] == long[p + 1..]
    }
}

/// Is `word` a Vietnamese syllable typed without its marks ("duc", "tuan", "nguyen",
/// "truong")? Some syllable folds to it, with any tone: "duc" is "đức", though a stop final
/// with no tone is no syllable as written. ASCII letters only.
pub fn is_unmarked_syllable(word: &str) -> bool {
    let w = word.as_bytes();
    if w.is_empty() || w.len() > 8 || !w.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut low = [0u8; 8];
    for (d, c) in low.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    let w = &low[..w.len()];
    // "đ" folds to "d", which the initials hold already.
    INITIALS.iter().filter(|init| init.is_ascii()).any(|init| {
        w.starts_with(init.as_bytes())
            && spelt_before(init, w.get(init.len()).map(|&b| char::from(b)))
            && unmarked_rhyme_ok(&w[init.len()..])
    })
}

/// [`NUCLEI`] folded: "â", "ă" and "a" are one "a" (the coda rules of all of them joined).
static UNMARKED_NUCLEI: LazyLock<Vec<(String, bool, bool)>> = LazyLock::new(|| {
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    for (n, coda) in NUCLEI {
        let f = fold_key(n);
        let (open, closed) = match coda {
            Coda::Open => (true, false),
            Coda::Closed => (false, true),
            Coda::Any => (true, true),
        };
        match out.iter_mut().find(|(g, _, _)| *g == f) {
            Some(e) => {
                e.1 |= open;
                e.2 |= closed;
            }
            None => out.push((f, open, closed)),
        }
    }
    out
});

fn unmarked_rhyme_ok(r: &[u8]) -> bool {
    let v = r.iter().take_while(|c| b"aeiouy".contains(c)).count();
    if v == 0 {
        return false;
    }
    let (nucleus, fin) = r.split_at(v);
    if !FINALS.iter().any(|f| f.as_bytes() == fin) {
        return false;
    }
    UNMARKED_NUCLEI.iter().any(|(n, open, closed)| {
        n.as_bytes() == nucleus && if fin.is_empty() { *open } else { *closed }
    })
}

fn rhyme_ok(r: &[char], tone: u8) -> bool {
    let v = r.iter().take_while(|&&c| is_vowel(c)).count();
    if v == 0 {
        return false;
    }
    let (nucleus, fin) = r.split_at(v);
    let Some(&(_, coda)) = NUCLEI
        .iter()
        .find(|(p, _)| p.chars().eq(nucleus.iter().copied()))
    else {
        return false;
    };
    if !FINALS.iter().any(|f| f.chars().eq(fin.iter().copied())) {
        return false;
    }
    match (coda, fin.is_empty()) {
        (Coda::Open, false) | (Coda::Closed, true) => return false,
        _ => {}
    }
    let stop = matches!(fin, ['c'] | ['c', 'h'] | ['p'] | ['t']);
    !stop || tone == TONE_ACUTE || tone == TONE_DOT
}

// ---------------------------------------------------------------------------------------------
// fold_key

/// Accent-free lowercase ASCII for U+0080..U+024F and U+1E00..U+1EFF (0 = not a letter we
/// fold by table). Built once from the canonical decompositions, plus the letters that have a
/// stroke rather than a combining mark.
struct FoldTables {
    latin: [u8; 0x250 - 0x80],
    extended: [u8; 0x100],
}

static FOLD: LazyLock<FoldTables> = LazyLock::new(|| {
    let mut t = FoldTables {
        latin: [0; 0x250 - 0x80],
        extended: [0; 0x100],
    };
    let base = |c: char| -> u8 {
        match c {
            'đ' | 'Đ' | 'ð' | 'Ð' | 'ɖ' | 'Ɖ' | 'ɗ' | 'Ɗ' => b'd',
            'ø' | 'Ø' | 'ɵ' | 'Ɵ' => b'o',
            'ł' | 'Ł' | 'ƚ' | 'Ƚ' => b'l',
            'ħ' | 'Ħ' => b'h',
            'ŧ' | 'Ŧ' => b't',
            'ı' => b'i',
            'ƀ' | 'Ƀ' => b'b',
            _ => match c.nfd().next() {
                Some(b) if b.is_ascii_alphabetic() => b.to_ascii_lowercase() as u8,
                _ => 0,
            },
        }
    };
    for (i, slot) in t.latin.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x80 + i as u32) {
            *slot = base(c);
        }
    }
    for (i, slot) in t.extended.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x1E00 + i as u32) {
            *slot = base(c);
        }
    }
    t
});

/// Matching key: no diacritics (đ → d), lowercase ASCII, every run of other characters → one
/// space, trimmed. "Nguyễn  Thị Hoà-Bình" → "nguyen thi hoa binh". Combining marks (NFD input)
/// are dropped without splitting the word. Letters of other scripts are transliterated.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, &mut out);
    out
}

/// [`fold_key`] appending to `out` (a space is added first when `out` is not empty and `s`
/// yields something).
pub fn fold_key_into(s: &str, out: &mut String) {
    let mut sep = !out.is_empty();
    let push = |b: u8, out: &mut String, sep: &mut bool| {
        if b.is_ascii_alphanumeric() {
            if *sep && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            *sep = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            *sep = true;
        }
    };
    for c in s.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            push(cp as u8, out, &mut sep);
            continue;
        }
        let table = match cp {
            0x80..=0x24F => FOLD.latin[(cp - 0x80) as usize],
            0x1E00..=0x1EFF => FOLD.extended[(cp - 0x1E00) as usize],
            _ => 0,
        };
        if table != 0 {
            push(table, out, &mut sep);
            continue;
        }
        if is_combining_mark(c) {
            continue; // part of the letter before it
        }
        let multi = match c {
            'æ' | 'Æ' => Some("ae"),
            'œ' | 'Œ' => Some("oe"),
            'ß' | 'ẞ' => Some("ss"),
            'þ' | 'Þ' => Some("th"),
            _ => None,
        };
        // Lowercase first so that a letter and its case partner fold alike.
        let lower = single_lower(c);
        match multi.or_else(|| deunicode::deunicode_char(lower)) {
            Some(ascii) => {
                for b in ascii.bytes() {
                    push(b, out, &mut sep);
                }
            }
            None => sep = true,
        }
    }
}

/// The ASCII base letter of one Vietnamese or ASCII letter, lower-cased, as [`fold_key`] gives
/// it ('Ễ' → `e`, 'đ' → `d`, 'Q' → `q`); `None` for anything else, letters of other languages
/// included ('ü', 'ç'). For callers that read a word only if it is Vietnamese (labels before a
/// phone number or a tax code). 'ð'/'Ð' count as 'đ'/'Đ', for which they are often typed.
pub fn vietnamese_base(c: char) -> Option<u8> {
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_lowercase() as u8);
    }
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => Some(b'd'),
        _ => vowel_info(c).map(|(row, _)| b"aaaeeiooouuy"[usize::from(row % 12)]),
    }
}

// ---------------------------------------------------------------------------------------------
// title_case

/// Which cases the letters of `text` are in: (some capital, some small letter). Stops once
/// both are seen. A name or address typed in one case (`.0 != .1`) has had no case chosen by
/// the one who typed it; one with both (`.0 && .1`) has.
pub(crate) fn letter_cases(text: &str) -> (bool, bool) {
    let (mut upper, mut lower) = (false, false);
    for c in text.chars() {
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
        if upper && lower {
            break;
        }
    }
    (upper, lower)
}

/// Appends one word of letters with its first capital and the rest small (`title_case` of a
/// single word, nothing allocated); `capital` false: all small.
pub(crate) fn push_word_cased(out: &mut String, word: &str, capital: bool) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.push(if capital {
            title_char(first)
        } else {
            single_lower(first)
        });
    }
    out.extend(chars.map(single_lower));
}

fn single_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some((row, tone)) = vowel_info(c) {
        return VOWELS.compose[(row % 12) as usize][tone as usize];
    }
    if c == 'Đ' {
        return 'đ';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Uppercase only when it is a plain one-to-one case pair (so keys and a second pass agree).
fn title_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if let Some((row, tone)) = vowel_info(c) {
        return VOWELS.compose[(row % 12 + 12) as usize][tone as usize];
    }
    if c == 'đ' {
        return 'Đ';
    }
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) if single_lower(u) == single_lower(c) => u,
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || is_combining_mark(c)
}

/// `char::is_alphabetic`, with ASCII and the Latin letters Vietnamese is written in
/// (U+00C0–U+024F but × and ÷, U+1E00–U+1EFF) answered without the Unicode table search
/// (a test checks every char against the standard library).
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{7f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_numeric`, answered the same way as [`is_letter`]: those Latin ranges hold no
/// numerals.
pub fn is_numeral(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\u{0}'..='\u{7f}' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => false,
        _ => c.is_numeric(),
    }
}

/// `char::is_alphanumeric`, by [`is_letter`] and [`is_numeral`].
pub fn is_letter_or_numeral(c: char) -> bool {
    is_letter(c) || is_numeral(c)
}

/// Vietnamese title case: each syllable capitalised, the rest lowercase, whitespace collapsed.
/// "NGUYỄN văn  an" → "Nguyễn Văn An". Tokens containing digits ("P12", "3A") are left alone.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for token in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if token.chars().any(is_numeral) {
            out.push_str(token);
            continue;
        }
        let mut in_word = false;
        for c in token.chars() {
            if is_word_char(c) {
                out.push(if in_word {
                    single_lower(c)
                } else {
                    title_char(c)
                });
                in_word = true;
            } else {
                out.push(c);
                in_word = false;
            }
        }
    }
    out
}

/// A number as Excel shows it in scientific form when its column is too narrow or it has
/// twelve digits or more («9.12345678E+08», «1,08801E+11»), as a CSV saved from Excel keeps
/// it: `None` when `cell` is not in that form; `Some(Some(digits))` when every digit is shown
/// (the mantissa's digits fill the whole number); `Some(None)` when Excel rounded some away.
pub fn exponent_form(cell: &str) -> Option<Option<String>> {
    let s = cell.trim();
    if s.len() > 24 || !s.bytes().any(|b| b == b'E' || b == b'e') {
        return None;
    }
    let (mantissa, exp) = s.split_once(['E', 'e'])?;
    let exp: usize = exp.strip_prefix('+').unwrap_or(exp).parse().ok()?;
    let (int, frac) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, ""));
    if int.len() != 1
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || !(1..=20).contains(&exp)
    {
        return None;
    }
    let digits = format!("{int}{frac}");
    Some((digits.len() == exp + 1).then_some(digits))
}

/// A contact cell that says there is nothing ("không có", "chưa có SĐT", "N/A", "-", "0"): the
/// field is empty, not wrong, so it is neither reported nor kept aside as a bad value.
pub fn is_placeholder(cell: &str) -> bool {
    // Most cells hold a number or an address: answered without folding.
    if cell.len() > 40 || cell.contains('@') || cell.bytes().filter(u8::is_ascii_digit).count() > 3
    {
        return false;
    }
    // Excel's error values, as a CSV saved from a sheet with a broken formula keeps them (a
    // workbook's error cells are read empty).
    if matches!(
        cell.trim(),
        "#N/A"
            | "#REF!"
            | "#VALUE!"
            | "#DIV/0!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "#SPILL!"
            | "#CALC!"
    ) {
        return true;
    }
    with_folded(cell, says_none)
}

/// `f` of `s` folded as [`fold_key`] does, in a buffer kept per thread: for the checks asked
/// of most cells, which make no string of their own.
pub fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        fold_key_into(s, key);
        f(key)
    })
}

/// [`is_placeholder`] on a cell folded as `key` (words joined by one space).
pub(crate) fn says_none(key: &str) -> bool {
    let mut words = key;
    // "Không có MST", "chưa có email", "ko có sđt", "không có địa chỉ": the field's own name
    // after the words.
    while let Some((head, last)) = words.rsplit_once(' ') {
        if !matches!(
            last,
            "mst"
                | "email"
                | "mail"
                | "sdt"
                | "dt"
                | "thoai"
                | "dien"
                | "so"
                | "ma"
                | "thue"
                | "dia"
                | "chi"
                | "nguoi"
                | "lien"
                | "he"
        ) {
            break;
        }
        words = head;
    }
    matches!(
        words,
        "" | "0"
            | "00"
            | "000"
            | "x"
            | "xx"
            | "xxx"
            | "n a"
            | "na"
            | "none"
            | "null"
            | "nil"
            | "khong"
            | "khong co"
            | "ko"
            | "ko co"
            | "k co"
            | "kco"
            | "kh co"
            | "khg co"
            | "chua"
            | "chua co"
            | "chua biet"
            | "khong biet"
            | "khong ro"
            | "chua ro"
            | "chua cap nhat"
            | "dang cap nhat"
            | "cap nhat sau"
            | "bo sung sau"
            | "chua co thong tin"
            | "khong co thong tin"
            | "chua xac dinh"
            | "khong xac dinh"
            | "updating"
            | "tbd"
            | "ca nhan"
    )
}

#[cfg(test)]
mod tests {
    /// Excel's scientific form kept by a CSV: the digits when all are shown, else none.
    #[test]
    fn a_number_in_excels_scientific_form() {
        use super::exponent_form;
        assert_eq!(
            exponent_form("9.12345678E+08"),
            Some(Some("912345678".into()))
        );
        assert_eq!(
            exponent_form("1,08801234567E+11"),
            Some(Some("108801234567".into()))
        );
        assert_eq!(exponent_form("9.12346E+08"), Some(None));
        assert_eq!(exponent_form("1.01E+09"), Some(None));
        assert_eq!(exponent_form(" 9.12E+8 "), Some(None));
        for not in [
            "0912345678",
            "E+08",
            "Email",
            "12E+08",
            "9.1x2E+08",
            "Lê",
            "",
        ] {
            assert_eq!(exponent_form(not), None, "{not}");
        }
    }

    #[test]
    fn nfc_stable_chars_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0u32..0x300)
            .chain(0x1e00..0x1f00)
            .filter_map(char::from_u32)
        {
            assert!(nfc_stable(c));
            let one = c.to_string();
            assert_eq!(
                is_nfc_quick(one.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
        assert!(!nfc_stable('\u{301}'));
        assert!(!is_nfc("Nguye\u{302}\u{303}n"));
        assert!(is_nfc("Nguyễn Thị Ánh"));
    }

    use super::*;

    #[test]
    fn placeholders_say_there_is_nothing() {
        for p in [
            "không có",
            "Không có MST",
            "chưa có email",
            "ko có sđt",
            "N/A",
            "n/a",
            "-",
            "--",
            ".",
            "0",
            "x",
            "XXX",
            "chưa cập nhật",
            "Không có số ĐT",
            "none",
            "",
            "  ",
            "(cá nhân)",
            "không có địa chỉ",
            "chưa có người liên hệ",
            "đang cập nhật",
            "Bổ sung sau",
            "#REF!",
            "#VALUE!",
            " #N/A ",
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
        for v in [
            "0281234",
            "an@gmail",
            "12345",
            "ext 12",
            "Zalo",
            "MST",
            "có",
            "0912345678",
            "không nghe máy",
            "gọi giờ hành chính",
            "Chị Hà",
            "Lê Văn Chi",
        ] {
            assert!(!is_placeholder(v), "{v:?}");
        }
    }

    /// Given names typed without marks are syllables; a typo or an acronym is not.
    #[test]
    fn unmarked_syllables() {
        for w in [
            "huy", "an", "quynh", "duc", "Tuan", "nguyen", "TRUONG", "viet", "ngoc",
        ] {
            assert!(is_unmarked_syllable(w), "{w}");
        }
        // As written, with no marks, these are no syllables.
        for w in ["duc", "tuan", "nguyen", "truong", "viet", "ngoc", "bich"] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
        for w in [
            "pahn", "ngyuen", "tnhh", "xyz", "", "đức", "john", "smith", "tuanx",
        ] {
            assert!(!is_unmarked_syllable(w), "{w}");
        }
    }

    use proptest::prelude::*;

    #[test]
    fn clean_cases() {
        let cases = [
            ("Nguyễn Văn An", "Nguyễn Văn An"),
            ("  Nguyễn   Văn\tAn \n", "Nguyễn Văn An"),
            ("Nguye\u{302}\u{303}n", "Nguyễn"),
            ("a\u{A0}b", "a b"),
            ("a\u{200B}b\u{FEFF}", "ab"),
            ("a\u{0}b\u{7F}c\u{85}d", "abc d"),
            ("\u{FEFF}Hà Nội", "Hà Nội"),
            ("a \u{200B} b", "a b"),
            ("Tr\u{AD}êng", "Tr\u{AD}êng"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "input {input:?}");
        }
    }

    #[test]
    fn clean_borrows_when_clean() {
        for s in ["Nguyen Van An", "Nguyễn Văn An", "a", "", "0912 345 678"] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s:?}");
        }
        for s in [" a", "a  b", "a\tb", "e\u{301}"] {
            assert!(matches!(clean(s), Cow::Owned(_)), "{s:?}");
        }
    }

    #[test]
    fn has_nfd_cases() {
        assert!(has_nfd("Nguye\u{302}\u{303}n"));
        assert!(!has_nfd("Nguyễn"));
        assert!(!has_nfd("Nguyen"));
        assert!(!has_nfd(" \u{301}")); // a stray mark that composes with nothing
    }

    #[test]
    fn modern_tone_cases() {
        let cases = [
            ("hoà", "hòa"),
            ("Hoà Bình", "Hòa Bình"),
            ("HOÀ", "HÒA"),
            ("thuỷ", "thủy"),
            ("Thuý", "Thúy"),
            ("khoẻ", "khỏe"),
            ("qúy", "quý"),
            ("Qúy", "Quý"),
            ("gìa", "già"),
            ("loà xoà", "lòa xòa"),
            ("tuỳ", "tùy"),
            ("oà", "òa"),
            // already right, or tone belongs on the second vowel
            ("hòa", "hòa"),
            ("hoàng", "hoàng"),
            ("Huỳnh", "Huỳnh"),
            ("quý", "quý"),
            ("già", "già"),
            ("gì", "gì"),
            ("Nguyễn", "Nguyễn"),
            ("người", "người"),
            ("khuỷu", "khuỷu"),
            ("của", "của"),
            ("quả", "quả"),
            ("giữ", "giữ"),
            ("thuở", "thuở"),
            ("chuyện", "chuyện"),
            ("Hélène", "Hélène"),
            ("José", "José"),
            ("Nguyen", "Nguyen"),
        ];
        for (input, want) in cases {
            assert_eq!(modern_tone(input), want, "input {input:?}");
        }
        assert!(matches!(modern_tone("Hòa Bình"), Cow::Borrowed(_)));
        assert_eq!(
            modern_tone("Cty Hoà-Phát, thuỷ sản"),
            "Cty Hòa-Phát, thủy sản"
        );
    }

    #[test]
    fn syllable_cases() {
        for w in [
            "Nguyễn", "văn", "an", "thị", "hòa", "hoà", "người", "được", "khuỷu", "quý", "già",
            "gì", "nghiêng", "xoong", "thuở", "Đặng", "HÒA", "yêu", "ạ", "ăn", "tuyết", "oanh",
            "ích",
        ] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in [
            "ABC", "HP", "FPT", "José", "Müller", "Josộ", "cafộ", "mỹller", "vina", "samsung",
            "tnhh", "", "hoàc", "ă", "xyz", "an1", "pháp1",
        ] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
        // «k», «gh», «ngh» only before i, e, ê, y; «c» never before them.
        for w in ["kiên", "Kỳ", "ghế", "nghĩa", "cá", "của", "cường", "kế"] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in ["Kánh", "kanh", "cê", "ci", "ghá", "nghành"] {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
        for w in ["kanh", "ci", "ghanh", "ngha"] {
            assert!(!is_unmarked_syllable(w), "{w}");
        }
        for w in ["kien", "ky", "nghia", "ghe", "ca", "cuong"] {
            assert!(is_unmarked_syllable(w), "{w}");
        }
    }

    #[test]
    fn fold_key_cases() {
        let cases = [
            ("Nguyễn  Thị Hoà-Bình", "nguyen thi hoa binh"),
            ("ĐẶNG Đức", "dang duc"),
            ("Nguye\u{302}\u{303}n", "nguyen"),
            ("  --Cty. TNHH!! ", "cty tnhh"),
            ("François Müller", "francois muller"),
            ("Øystein Łukasz Straße", "oystein lukasz strasse"),
            ("Ưu Ơn", "uu on"),
            ("0912.345.678", "0912 345 678"),
            ("", ""),
            ("!!!", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold_key(input), want, "input {input:?}");
        }
        // every Vietnamese vowel folds to its ASCII base
        for (row, letters) in VOWEL_ROWS.iter().enumerate() {
            let want = ["a", "a", "a", "e", "e", "i", "o", "o", "o", "u", "u", "y"][row % 12];
            for c in letters.chars() {
                assert_eq!(fold_key(&c.to_string()), want, "{c}");
            }
        }
        let mut buf = String::from("x");
        fold_key_into("Văn A", &mut buf);
        assert_eq!(buf, "x van a");
    }

    #[test]
    fn vietnamese_base_is_fold_key_on_vietnamese_letters_only() {
        let vietnamese: String = VOWEL_ROWS.concat() + "đĐðÐ";
        for c in vietnamese.chars() {
            let b = vietnamese_base(c).map(char::from).map(String::from);
            assert_eq!(b, Some(fold_key(&c.to_string())), "{c}");
        }
        for c in ('\u{80}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            if !vietnamese.contains(c) {
                assert_eq!(vietnamese_base(c), None, "{c}");
            }
        }
        for c in ['b', 'Q', 'z'] {
            assert_eq!(vietnamese_base(c), Some(c.to_ascii_lowercase() as u8));
        }
        for c in ['1', '-', ' ', '\u{301}', 'ü', 'ç', 'ñ', 'ø', 'ß', 'я'] {
            assert_eq!(vietnamese_base(c), None, "{c}");
        }
    }

    /// The quick answers agree with the standard library on every char.
    #[test]
    fn letters_and_numerals_as_the_standard_library_says() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_numeral(c), c.is_numeric(), "{c:?}");
            assert_eq!(super::is_letter_or_numeral(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn title_case_cases() {
        let cases = [
            ("NGUYỄN văn  an", "Nguyễn Văn An"),
            ("đặng thị ĐÀO", "Đặng Thị Đào"),
            ("trần p12 3A", "Trần p12 3A"),
            ("hoà-bình", "Hoà-Bình"),
            ("ưu ơn", "Ưu Ơn"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(title_case(input), want, "input {input:?}");
        }
    }

    #[test]
    fn tone_helpers() {
        assert_eq!(split_tone('ễ'), Some(('ê', TONE_TILDE)));
        assert_eq!(split_tone('Ự'), Some(('Ư', TONE_DOT)));
        assert_eq!(split_tone('b'), None);
        assert_eq!(apply_tone('ơ', TONE_HOOK), Some('ở'));
        assert_eq!(apply_tone('ở', TONE_HOOK), None);
    }

    /// [`is_clean_unicode`] as it read every char (the oracle of its byte reading).
    fn clean_by_chars(s: &str) -> bool {
        let mut prev_space = true;
        let mut stable = true;
        for c in s.chars() {
            if c == ' ' {
                if prev_space {
                    return false;
                }
                prev_space = true;
            } else if c.is_whitespace() || c.is_control() || is_invisible(c) {
                return false;
            } else {
                prev_space = false;
                stable &= nfc_stable(c);
            }
        }
        !prev_space && (stable || is_nfc(s))
    }

    proptest! {
        #[test]
        fn clean_idempotent(s in "\\PC*|[ \\t\\u{a0}\\u{200b}a-zàáảãạăâêôơư\\u{300}-\\u{309}]{0,20}") {
            let once = clean(&s).into_owned();
            prop_assert_eq!(clean(&once), once.as_str());
        }

        /// The fast checks never pass text the full cleaning would change.
        #[test]
        fn clean_fast_checks_agree(s in "\\PC*|[ \\t\\u{a0}\\u{85}\\u{7f}\\u{200b}\\u{feff}a-zàảạăâêơư\\u{1ea0}-\\u{1ef9}\\u{300}-\\u{309}]{0,20}") {
            if super::is_clean_unicode(&s) || super::is_clean_ascii(s.as_bytes()) {
                prop_assert_eq!(super::clean_owned(&s), s);
            }
        }

        /// The check reading ASCII as bytes says what reading every char says: letters and
        /// spaces, now and then one of the chars it turns on (controls, other spaces,
        /// invisibles, a combining mark).
        #[test]
        fn clean_check_reads_bytes_as_chars(
            parts in proptest::collection::vec(
                prop_oneof![
                    8 => "[a-cA ăêơ\\u{1ea1}]",
                    1 => "[\\u{0}\\u{9}\\u{a}\\u{d}\\u{1f}\\u{7f}\\u{85}\\u{a0}\\u{200b}\\u{feff}\\u{301}]",
                ],
                0..12,
            ),
        ) {
            let s = parts.concat();
            prop_assert_eq!(super::is_clean_unicode(&s), clean_by_chars(&s));
        }

        /// One edit apart exactly as strsim's optimal string alignment counts it.
        #[test]
        fn one_edit_is_osa_distance_one(a in "[abcđ]{0,6}", b in "[abcđ]{0,6}") {
            prop_assert_eq!(super::one_edit(&a, &b), strsim::osa_distance(&a, &b) == 1);
        }

        #[test]
        fn fold_key_idempotent(s in "\\PC*") {
            let once = fold_key(&s);
            prop_assert!(once.is_ascii());
            prop_assert_eq!(fold_key(&once), once);
        }

        #[test]
        fn title_case_idempotent_and_key_stable(s in "\\PC*") {
            let once = title_case(&s);
            prop_assert_eq!(title_case(&once), once.clone());
            prop_assert_eq!(fold_key(&once), fold_key(&s));
        }

        #[test]
        fn modern_tone_keeps_key(s in "[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ]{0,30}") {
            let m = modern_tone(&s);
            prop_assert_eq!(fold_key(&m), fold_key(&s));
            prop_assert_eq!(modern_tone(&m), m.clone());
        }
    }
}
