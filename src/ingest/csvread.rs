//! CSV/TSV/TXT from Windows, Mac and the web: BOM-less UTF-8, Windows-1258 with combining
//! tone marks, Excel for Mac's "CSV (Macintosh)" (Mac Roman), Excel's UTF-16 "Unicode text",
//! files made by appending one export to another, `sep=;` first lines, CR-only line ends.
//! Streams: memory is bounded by the largest record.
//!
//! Layers: the file (or its UTF-16 transcoding) → [`Prep`] (line ends to LF, NUL check,
//! sep line skipped, overlong fields cut, quote state tracked to catch an unclosed quote) →
//! the csv crate on bytes → per-record decoding (UTF-8, else the single-byte encoding that
//! reads the head as Vietnamese: Windows-1258 or Mac Roman) → NFC → a plausibility check of
//! the first records ([`Garble`]): text that is not Vietnamese is refused, not read.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::{Encoding, MACINTOSH, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1258};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::io::read_up_to;
use super::sniff::utf16_guess;
use crate::normalize::text::is_vietnamese_syllable;

/// What was found out about the file. The copy returned by [`open_csv`] is judged from the
/// first 64 KB; [`CsvRows::meta`] is kept up to date while reading and is final at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMeta {
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "windows-1258", "macintosh",
    /// "mixed UTF-8/windows-1258", "mixed UTF-8/macintosh", or the name of a forced encoding.
    pub encoding: &'static str,
    pub delimiter: u8,
    /// The file began with Excel's `sep=;` line (skipped, not counted as a line).
    pub sep_line: bool,
    /// In a mixed file, the records in the less common of the two encodings.
    pub lines_mixed: usize,
    /// Fields cut to Excel's 32,767 characters.
    pub truncated_fields: usize,
}

#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// Skips detection (e.g. the user says the file is Windows-1252).
    pub forced_encoding: Option<&'static Encoding>,
    pub max_fields: usize,
    /// Bytes of one field kept in memory; the rest is dropped and the field counted as
    /// truncated. Raised to at least `MIN_FIELD_BYTES` so that every field cut here is also
    /// longer than Excel's limit once decoded.
    pub max_field_bytes: usize,
    pub max_record_bytes: usize,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            forced_encoding: None,
            max_fields: 4096,
            max_field_bytes: 1 << 20,
            max_record_bytes: 64 << 20,
        }
    }
}

/// Excel's cell limit, in characters.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Enough bytes for more than `MAX_CELL_CHARS` characters after NFC composition (a composed
/// character comes from at most 9 bytes: a Hangul syllable from three jamo).
pub const MIN_FIELD_BYTES: usize = 9 * (MAX_CELL_CHARS + 1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// Physical line where the record starts; the header line is 1 (a `sep=` line is not
    /// counted); blank lines and line breaks inside quoted fields are.
    pub line: u64,
    /// NFC-composed.
    pub fields: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("line {line} holds NUL bytes: this is not a text file, or it is damaged")]
    Binary { line: u64 },
    #[error("line {line} has {count} fields (limit {max}); check the delimiter or split the file")]
    TooManyFields { line: u64, count: usize, max: usize },
    #[error(
        "the quote opened on line {line} is never closed, so the rest of the file would become \
         one cell; fix that quote and try again"
    )]
    UnclosedQuote { line: u64 },
    #[error(
        "the quote opened on line {line} closes on a later line, so the row after it became part \
         of one cell; fix that quote and try again"
    )]
    StrayQuote { line: u64 },
    #[error("the record starting on line {line} is longer than {max} bytes; fix or split it")]
    RecordTooLarge { line: u64, max: usize },
    #[error(
        "read as {encoding}, the text is not Vietnamese from line {line} on: {samples}. Letters were \
         replaced by \"?\" when the file was saved, or it is in another encoding. In Excel \
         choose Save As → \"CSV UTF-8\" and run again, or name the encoding with --encoding"
    )]
    Garbled {
        line: u64,
        encoding: &'static str,
        samples: String,
    },
}

impl CsvError {
    /// The physical line the problem is on, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            CsvError::Io(_) => None,
            CsvError::Binary { line }
            | CsvError::TooManyFields { line, .. }
            | CsvError::UnclosedQuote { line }
            | CsvError::StrayQuote { line }
            | CsvError::RecordTooLarge { line, .. }
            | CsvError::Garbled { line, .. } => Some(*line),
        }
    }
}

pub fn open_csv(path: &Path, opts: &CsvOptions) -> Result<(CsvMeta, CsvRows), CsvError> {
    let mut file = File::open(path)?;
    let mut head = vec![0u8; HEAD];
    let n = read_up_to(&mut file, &mut head)?;
    head.truncate(n);

    let (source, bom_len) = choose_source(&head, opts.forced_encoding);
    file.seek(SeekFrom::Start(bom_len as u64))?;
    let mut stream: Box<dyn Read + Send> = match source {
        Source::Raw(_) => Box::new(file),
        Source::Transcode(enc) => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(enc))
                .bom_sniffing(false)
                .build(file),
        ),
    };
    // The decoded head: delimiter, sep line and the first guess at the encoding.
    let mut head = vec![0u8; HEAD];
    let n = read_up_to(&mut stream, &mut head)?;
    head.truncate(n);

    let (sep, sep_len) = match sep_line(&head) {
        Some((d, len)) => (Some(d), len),
        None => (None, 0),
    };
    let body = &head[sep_len..];
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err(CsvError::Binary {
            line: count_lines(&body[..at]) + 1,
        });
    }
    let delimiter = sep.unwrap_or_else(|| sniff_delimiter(body, source.is_utf16()));
    let source = match source {
        Source::Raw(Decode::Auto { bom, .. }) => Source::Raw(Decode::Auto {
            bom,
            legacy: legacy_guess(body, n < HEAD),
        }),
        other => other,
    };
    let (encoding, lines_mixed) = match source {
        Source::Raw(Decode::Auto { bom, legacy }) => {
            let (utf8, other) = head_encodings(body);
            (
                auto_label(bom, utf8, other, legacy),
                mixed_count(utf8, other),
            )
        }
        Source::Raw(Decode::Forced(enc)) | Source::Transcode(enc) => (enc.name(), 0),
    };
    let meta = CsvMeta {
        encoding,
        delimiter,
        sep_line: sep.is_some(),
        lines_mixed,
        truncated_fields: 0,
    };

    let prep = Prep::new(
        Box::new(Cursor::new(head).chain(stream)),
        delimiter,
        sep_len,
        opts,
    );
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(HEAD)
        .from_reader(prep);
    let decode = match source {
        Source::Raw(d) => d,
        // The transcoder's output is UTF-8.
        Source::Transcode(_) => Decode::Forced(UTF_8),
    };
    let rows = CsvRows {
        reader,
        record: csv::ByteRecord::new(),
        meta: meta.clone(),
        decode,
        max_fields: opts.max_fields,
        utf8_records: 0,
        legacy_records: 0,
        garble: (opts.forced_encoding.is_none()).then(Garble::default),
        done: false,
    };
    Ok((meta, rows))
}

/// Records in file order. Ends after an error that stops reading (I/O, binary, unclosed
/// quote, oversized record); `TooManyFields` skips only its record.
pub struct CsvRows {
    reader: csv::Reader<Prep>,
    record: csv::ByteRecord,
    meta: CsvMeta,
    decode: Decode,
    max_fields: usize,
    /// Records with non-ASCII text that are valid UTF-8, and records that are not.
    utf8_records: usize,
    legacy_records: usize,
    /// The plausibility check of the first records; `None` once judged, or when the user
    /// named the encoding (then the text is read as told).
    garble: Option<Garble>,
    done: bool,
}

impl CsvRows {
    /// Encoding, mixed lines and truncations as seen so far; final once iteration ends.
    pub fn meta(&self) -> &CsvMeta {
        &self.meta
    }

    fn decode_record(&mut self) -> Vec<String> {
        let mut fields = Vec::with_capacity(self.record.len());
        let all = self.record.as_slice();
        let enc = match self.decode {
            Decode::Forced(enc) => enc,
            Decode::Auto { bom, legacy } => {
                let enc = if all.is_ascii() {
                    UTF_8
                } else if std::str::from_utf8(all).is_ok() {
                    self.utf8_records += 1;
                    UTF_8
                } else {
                    self.legacy_records += 1;
                    legacy
                };
                if !all.is_ascii() {
                    self.meta.encoding =
                        auto_label(bom, self.utf8_records, self.legacy_records, legacy);
                    self.meta.lines_mixed = mixed_count(self.utf8_records, self.legacy_records);
                }
                enc
            }
        };
        for raw in &self.record {
            let text: Cow<'_, str> = if enc == UTF_8 {
                match std::str::from_utf8(raw) {
                    Ok(s) => Cow::Borrowed(s),
                    // Forced UTF-8, or a character split by a delimiter: keep what is readable.
                    Err(_) => match self.decode {
                        Decode::Auto { legacy, .. } => legacy.decode_without_bom_handling(raw).0,
                        Decode::Forced(_) => String::from_utf8_lossy(raw),
                    },
                }
            } else {
                enc.decode_without_bom_handling(raw).0
            };
            let (field, cut) = finish_field(text);
            self.meta.truncated_fields += usize::from(cut);
            fields.push(field);
        }
        fields
    }
}

impl CsvRows {
    /// Ends the plausibility check: the error to report when the sample was garbled.
    fn judge(&mut self) -> Option<CsvError> {
        let g = self.garble.take()?;
        let (line, samples) = g.verdict()?;
        Some(CsvError::Garbled {
            line,
            encoding: self.meta.encoding,
            samples,
        })
    }
}

impl Iterator for CsvRows {
    type Item = Result<CsvRecord, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                self.judge().map(Err)
            }
            Ok(true) => {
                let line = self.reader.get_mut().starts.pop_front().unwrap_or(0);
                let prep = self.reader.get_ref();
                if let Some(quote_line) = prep.unclosed {
                    // The record that runs to the end of the input is the one that swallowed it.
                    if self.reader.position().byte() >= self.reader.get_ref().out_total {
                        self.done = true;
                        return Some(Err(CsvError::UnclosedQuote { line: quote_line }));
                    }
                }
                if prep.stray == Some(line) {
                    // A quote opened on this record's line closed on a later one with text
                    // after it: no writer of CSV does that, a stray quote took rows in.
                    self.done = true;
                    return Some(Err(CsvError::StrayQuote { line }));
                }
                if self.record.len() > self.max_fields {
                    return Some(Err(CsvError::TooManyFields {
                        line,
                        count: self.record.len(),
                        max: self.max_fields,
                    }));
                }
                let fields = self.decode_record();
                if let Some(g) = &mut self.garble {
                    g.feed(line, &fields);
                    if g.records >= GARBLE_SAMPLE {
                        if let Some(e) = self.judge() {
                            self.done = true;
                            return Some(Err(e));
                        }
                    }
                }
                Some(Ok(CsvRecord { line, fields }))
            }
            Err(e) => {
                self.done = true;
                let failure = self.reader.get_mut().failure.take();
                Some(Err(failure.unwrap_or_else(|| match e.into_kind() {
                    csv::ErrorKind::Io(e) => CsvError::Io(e),
                    other => CsvError::Io(io::Error::other(format!("{other:?}"))),
                })))
            }
        }
    }
}

/// NFC, then Excel's length limit. True when cut. A field written `="0100109106"` or
/// `'0912345678`, the ways a CSV keeps Excel from dropping leading zeros, is its text.
fn finish_field(text: Cow<'_, str>) -> (String, bool) {
    let text = match excel_text(&text) {
        Some(inner) => Cow::Owned(inner.to_string()),
        None => text,
    };
    let mut s = if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into_owned()
    } else {
        text.nfc().collect()
    };
    if s.len() > MAX_CELL_CHARS {
        if let Some((at, _)) = s.char_indices().nth(MAX_CELL_CHARS) {
            s.truncate(at);
            return (s, true);
        }
    }
    (s, false)
}

/// The text of a field written as Excel's text formula `="…"` (no quote inside), or after
/// Excel's text mark `'` before a number or an email («'0912345678», «'an@gmail.com»).
fn excel_text(field: &str) -> Option<&str> {
    let b = field.as_bytes();
    match b.first()? {
        b'=' => {
            let inner = field.strip_prefix("=\"")?.strip_suffix('"')?;
            (!inner.contains('"')).then_some(inner)
        }
        b'\'' => {
            let rest = &field[1..];
            let number = rest.starts_with(|c: char| c.is_ascii_digit() || c == '+');
            (number || (rest.contains('@') && !rest.contains(' '))).then_some(rest)
        }
        _ => None,
    }
}

const HEAD: usize = 64 * 1024;
const SNIFF_RECORDS: usize = 20;

#[derive(Debug, Clone, Copy)]
enum Decode {
    /// Per record: valid UTF-8 stays UTF-8, anything else is `legacy` (Windows-1258 or
    /// Mac Roman, chosen from the head by [`legacy_guess`]).
    Auto {
        bom: bool,
        legacy: &'static Encoding,
    },
    Forced(&'static Encoding),
}

#[derive(Debug, Clone, Copy)]
enum Source {
    /// ASCII-compatible bytes handed to the parser as they are.
    Raw(Decode),
    /// Transcoded to UTF-8 first (UTF-16, multi-byte legacy encodings).
    Transcode(&'static Encoding),
}

impl Source {
    fn is_utf16(self) -> bool {
        matches!(self, Source::Transcode(e) if e == UTF_16LE || e == UTF_16BE)
    }
}

/// The source and the length of the BOM to skip.
fn choose_source(head: &[u8], forced: Option<&'static Encoding>) -> (Source, usize) {
    let bom = Encoding::for_bom(head);
    if let Some(enc) = forced {
        let skip = match bom {
            Some((b, len)) if b == enc => len,
            _ => 0,
        };
        return if enc == UTF_8 || enc.is_single_byte() {
            (Source::Raw(Decode::Forced(enc)), skip)
        } else {
            (Source::Transcode(enc), skip)
        };
    }
    match bom {
        Some((enc, len)) if enc == UTF_8 => (Source::Raw(auto(true)), len),
        Some((enc, len)) => (Source::Transcode(enc), len),
        None => match utf16_guess(head) {
            Some(enc) => (Source::Transcode(enc), 0),
            None => (Source::Raw(auto(false)), 0),
        },
    }
}

/// Automatic decoding, Windows-1258 for non-UTF-8 records until the head says otherwise.
fn auto(bom: bool) -> Decode {
    Decode::Auto {
        bom,
        legacy: WINDOWS_1258,
    }
}

fn auto_label(bom: bool, utf8: usize, other: usize, legacy: &'static Encoding) -> &'static str {
    let mac = legacy == MACINTOSH;
    match (other, utf8, bom) {
        (0, _, true) => "UTF-8 (BOM)",
        (0, _, false) => "UTF-8",
        (_, 0, false) => legacy.name(),
        _ if mac => "mixed UTF-8/macintosh",
        _ => "mixed UTF-8/windows-1258",
    }
}

/// The single-byte encoding of the head's non-UTF-8 lines: Mac Roman when more of their words
/// read as Vietnamese syllables that way than as Windows-1258. Excel for Mac's "CSV
/// (Macintosh)" stores à as 0x88 and ô as 0x99, which Windows-1258 shows as "Hoˆng",
/// "Th™Ng"; a Windows-1258 file read as Mac Roman is as wrong the other way ("NguyÍﬁn").
fn legacy_guess(head: &[u8], whole_file: bool) -> &'static Encoding {
    let (mut win, mut mac) = (0usize, 0usize);
    let mut lines = head.split(|&b| b == b'\n' || b == b'\r').peekable();
    while let Some(line) = lines.next() {
        // a head cut short may end inside a character: its last line is not evidence
        let cut = !whole_file && lines.peek().is_none();
        if cut || line.is_ascii() || std::str::from_utf8(line).is_ok() {
            continue;
        }
        win += vietnamese_words(&WINDOWS_1258.decode_without_bom_handling(line).0);
        mac += vietnamese_words(&MACINTOSH.decode_without_bom_handling(line).0);
    }
    if mac > win {
        MACINTOSH
    } else {
        WINDOWS_1258
    }
}

/// Words with a Vietnamese letter beyond ASCII that are well-formed syllables.
fn vietnamese_words(text: &str) -> usize {
    let text: String = text.nfc().collect();
    words(&text)
        .filter(|w| !w.is_ascii() && is_vietnamese_syllable(w))
        .count()
}

/// Words of a decoded field: split at whitespace and ASCII punctuation other than `?` (which
/// stands in for a lost letter in "PH??NG").
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '?'))
        .filter(|w| !w.is_empty())
}

/// Records judged for plausibility before the file is trusted.
const GARBLE_SAMPLE: usize = 1000;
/// Damaged words needed before a file is refused, and the share of them: at least one in
/// five of the Vietnamese-looking words (a stray "?" or an odd symbol in notes is not enough).
const GARBLE_MIN: usize = 3;
const GARBLE_SHARE: usize = 4;

/// Counts, over the first records, the words that read as Vietnamese and those that are
/// damaged: a "?" where a letter was ("PH??NG", "?inh": a file saved in an encoding without
/// Vietnamese letters), or a symbol, control or modifier character inside a word ("Hoˆng",
/// "Th™Ng": a file read in the wrong encoding), or CJK / private-use / replacement
/// characters (UTF-16 misread). Foreign Latin letters ("Müller") are neither.
#[derive(Debug, Default)]
struct Garble {
    records: usize,
    vietnamese: usize,
    damaged: usize,
    first_line: Option<u64>,
    samples: Vec<String>,
}

impl Garble {
    fn feed(&mut self, line: u64, fields: &[String]) {
        self.records += 1;
        for f in fields {
            for w in words(f) {
                if is_damaged(w) {
                    self.damaged += 1;
                    self.first_line.get_or_insert(line);
                    if self.samples.len() < 3 && !self.samples.iter().any(|s| s == w) {
                        self.samples.push(w.chars().take(40).collect());
                    }
                } else if !w.is_ascii() && w.chars().all(is_vietnamese_letter) {
                    self.vietnamese += 1;
                }
            }
        }
    }

    /// (line of the first damaged word, samples) when the text is not plausible Vietnamese.
    fn verdict(self) -> Option<(u64, String)> {
        let garbled = self.damaged >= GARBLE_MIN && self.damaged * GARBLE_SHARE >= self.vietnamese;
        garbled.then(|| {
            let samples: Vec<String> = self.samples.iter().map(|s| format!("«{s}»")).collect();
            (self.first_line.unwrap_or(1), samples.join(", "))
        })
    }
}

fn is_damaged(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let next_letter = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        let prev_letter = i > 0 && chars[i - 1].is_alphabetic();
        match c {
            '?' => next_letter,
            '\u{80}'..='\u{9F}'
            | '\u{3400}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{FFFD}' => true,
            _ if c.is_ascii() || is_vietnamese_letter(c) => false,
            // between two letters: "m²", "25°C" and "ABC™" are words, "Th™Ng" is not
            _ => prev_letter && next_letter && is_junk_in_word(c),
        }
    })
}

/// Characters no word holds between two letters: symbols, spacing modifiers, Latin ligatures
/// (what a wrong single-byte decoding puts there: "Hoˆng", "NguyÍﬁn").
fn is_junk_in_word(c: char) -> bool {
    !(c.is_alphabetic() || is_combining_mark(c))
        || ('\u{2B0}'..='\u{2FF}').contains(&c)
        || ('\u{FB00}'..='\u{FB06}').contains(&c)
}

/// A letter of Vietnamese: ASCII, đ/Đ, or a vowel with Vietnamese marks only (tones,
/// circumflex, breve, horn).
fn is_vietnamese_letter(c: char) -> bool {
    if c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    let mut base = None;
    let mut marks_ok = true;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else {
            marks_ok &= matches!(
                d,
                '\u{300}'
                    | '\u{301}'
                    | '\u{303}'
                    | '\u{309}'
                    | '\u{323}'
                    | '\u{302}'
                    | '\u{306}'
                    | '\u{31B}'
            );
        }
    });
    marks_ok && base.is_some_and(|b| "aeiouyAEIOUY".contains(b)) && base != Some(c)
}

fn mixed_count(utf8: usize, cp1258: usize) -> usize {
    if utf8 > 0 && cp1258 > 0 {
        utf8.min(cp1258)
    } else {
        0
    }
}

/// (lines with non-ASCII valid UTF-8, lines that are not UTF-8) in the head; a last line
/// cut inside a character is not held against UTF-8.
fn head_encodings(head: &[u8]) -> (usize, usize) {
    let (mut utf8, mut bad) = (0, 0);
    let mut lines = head.split(|&b| b == b'\n' || b == b'\r').peekable();
    while let Some(line) = lines.next() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(_) => utf8 += 1,
            Err(e) if e.error_len().is_none() && lines.peek().is_none() => utf8 += 1,
            Err(_) => bad += 1,
        }
    }
    (utf8, bad)
}

/// Excel's `sep=;` first line: the delimiter and the bytes to skip (line end included).
fn sep_line(head: &[u8]) -> Option<(u8, usize)> {
    let quoted = head.first() == Some(&b'"');
    let start = usize::from(quoted);
    let rest = head.get(start..start + 5)?;
    if !rest[..4].eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let d = rest[4];
    if d.is_ascii_alphanumeric() || d == b'\r' || d == b'\n' || d == b'"' || d >= 0x80 {
        return None;
    }
    let mut i = start + 5;
    while head.get(i) == Some(&d) {
        i += 1;
    }
    if quoted {
        if head.get(i) != Some(&b'"') {
            return None;
        }
        i += 1;
    }
    match head.get(i) {
        None => {}
        Some(b'\n') => i += 1,
        Some(b'\r') => {
            i += if head.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            }
        }
        Some(_) => return None,
    }
    Some((d, i))
}

/// Line breaks (LF, CR, CRLF) in `bytes`.
fn count_lines(bytes: &[u8]) -> u64 {
    let mut n = 0;
    let mut prev_cr = false;
    for &b in bytes {
        if b == b'\r' || (b == b'\n' && !prev_cr) {
            n += 1;
        }
        prev_cr = b == b'\r';
    }
    n
}

/// The candidate giving the most records with the same field count (> 1); ties go to the
/// larger count, then to the order `;` `,` tab `|` (`;` first: Vietnamese Windows exports it
/// and its amounts use `,` for decimals).
fn sniff_delimiter(head: &[u8], utf16: bool) -> u8 {
    let mut best: Option<((usize, usize), u8)> = None;
    for d in [b';', b',', b'\t', b'|'] {
        let (counts, open_quote) = field_counts(head, d);
        // A quote left open by the whole file means the quotes were read wrong.
        if open_quote && head.len() < HEAD {
            continue;
        }
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for c in counts.into_iter().filter(|&c| c > 1) {
            match tally.iter_mut().find(|(k, _)| *k == c) {
                Some(t) => t.1 += 1,
                None => tally.push((c, 1)),
            }
        }
        let Some(&(count, freq)) = tally.iter().max_by_key(|(c, f)| (*f, *c)) else {
            continue;
        };
        if best.is_none_or(|(score, _)| (freq, count) > score) {
            best = Some(((freq, count), d));
        }
    }
    match best {
        Some((_, d)) => d,
        None if utf16 => b'\t',
        None => b',',
    }
}

/// Fields per record for the first records of `head`, quotes respected (csv-core's rules);
/// and whether `head` ends inside a quoted field.
fn field_counts(head: &[u8], d: u8) -> (Vec<usize>, bool) {
    let mut counts = Vec::new();
    let mut q = Lex::FieldStart;
    let mut fields = 1;
    let mut empty = true;
    for &b in head {
        let b = if b == b'\r' { b'\n' } else { b };
        if b == b'\n' && q != Lex::Quoted {
            if !empty {
                counts.push(fields);
                if counts.len() == SNIFF_RECORDS {
                    return (counts, false);
                }
            }
            fields = 1;
            empty = true;
            q = Lex::FieldStart;
            continue;
        }
        empty = false;
        q = match (q, b) {
            (Lex::FieldStart, b'"') => Lex::Quoted,
            (Lex::Quoted, b'"') => Lex::QuoteSeen,
            (Lex::Quoted, _) => Lex::Quoted,
            (Lex::QuoteSeen, b'"') => Lex::Quoted,
            (_, b) if b == d => {
                fields += 1;
                Lex::FieldStart
            }
            _ => Lex::Unquoted,
        };
    }
    if !empty && counts.len() < SNIFF_RECORDS && head.len() < HEAD {
        counts.push(fields);
    }
    (counts, q == Lex::Quoted)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteSeen,
}

/// The byte layer under the csv parser. It follows csv-core's quote states so that it knows
/// where fields and records end, and it:
/// - turns CR and CRLF into LF (csv-core counts lines by LF; old Mac files have only CR);
/// - stops at a NUL byte;
/// - drops the bytes of a field beyond `max_field` (line breaks kept, for line numbers);
/// - stops a record longer than `max_record`;
/// - notes a quote still open at the end of input.
struct Prep {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    delim: u8,
    skip: usize,
    prev_cr: bool,
    state: Lex,
    dropping: bool,
    /// A closing-quote candidate inside a dropped field, held until the next byte says
    /// whether it closes the field or escapes a quote.
    pending_quote: bool,
    line: u64,
    quote_line: u64,
    record_line: u64,
    field_bytes: usize,
    record_bytes: usize,
    max_field: usize,
    max_record: usize,
    out_total: u64,
    eof: bool,
    unclosed: Option<u64>,
    /// The line of the first quote that closed on a later line with text right after it
    /// (`"Hồ Xuân Hương,…⏎…,"Thanh Hóa`): the rows between became one cell.
    stray: Option<u64>,
    failure: Option<CsvError>,
    /// Start lines of the records seen here and not yet taken by [`CsvRows`]: csv-core
    /// dates a record from the end of the previous one, before any blank lines.
    starts: VecDeque<u64>,
}

impl Prep {
    fn new(inner: Box<dyn Read + Send>, delim: u8, skip: usize, opts: &CsvOptions) -> Self {
        Self {
            inner,
            buf: vec![0; HEAD],
            pos: 0,
            end: 0,
            delim,
            skip,
            prev_cr: false,
            state: Lex::FieldStart,
            dropping: false,
            pending_quote: false,
            line: 1,
            quote_line: 0,
            record_line: 1,
            field_bytes: 0,
            record_bytes: 0,
            max_field: opts.max_field_bytes.max(MIN_FIELD_BYTES),
            max_record: opts.max_record_bytes.max(MIN_FIELD_BYTES),
            out_total: 0,
            eof: false,
            unclosed: None,
            stray: None,
            failure: None,
            starts: VecDeque::new(),
        }
    }

    fn fail(&mut self, e: CsvError) -> io::Error {
        let msg = e.to_string();
        self.failure = Some(e);
        io::Error::new(io::ErrorKind::InvalidData, msg)
    }

    fn end_field(&mut self) {
        self.field_bytes = 0;
        self.dropping = false;
    }

    /// A delimiter or line end after a field (kept): the next field, or record, starts.
    fn separator(&mut self, b: u8) -> bool {
        self.state = Lex::FieldStart;
        self.end_field();
        if b == b'\n' {
            self.record_bytes = 0;
        }
        true
    }

    /// Content byte of a field: kept, or dropped once the field is full (never inside a
    /// UTF-8 sequence, so the kept part stays decodable).
    fn content(&mut self, b: u8) -> bool {
        if !self.dropping && self.field_bytes >= self.max_field && !(0x80..0xC0).contains(&b) {
            self.dropping = true;
        }
        if self.dropping && b != b'\n' {
            return false;
        }
        self.field_bytes += 1;
        true
    }
}

/// What the lexer does with one byte.
enum Step {
    Emit,
    Drop,
    /// Let a held quote through first, then see this byte again.
    ReleaseQuote,
}

/// What refilling the buffer found.
enum Refill {
    Data,
    /// The end of the input, with a held quote to let through.
    End {
        release_quote: bool,
    },
}

impl Prep {
    /// The lexer's move on byte `b` (a CR already turned into LF).
    #[inline]
    fn step(&mut self, b: u8) -> Step {
        let emit = match self.state {
            Lex::FieldStart => {
                if b == b'\n' {
                    self.record_bytes = 0;
                } else if self.record_bytes == 0 {
                    self.record_line = self.line;
                    self.starts.push_back(self.line);
                }
                if b == b'"' {
                    self.state = Lex::Quoted;
                    self.quote_line = self.line;
                    true
                } else if b == self.delim || b == b'\n' {
                    true
                } else {
                    self.state = Lex::Unquoted;
                    self.content(b)
                }
            }
            Lex::Unquoted => {
                if b == self.delim || b == b'\n' {
                    self.separator(b)
                } else {
                    self.content(b)
                }
            }
            Lex::Quoted => {
                if b == b'"' {
                    self.state = Lex::QuoteSeen;
                    self.pending_quote = self.dropping;
                    !self.dropping
                } else {
                    self.content(b)
                }
            }
            Lex::QuoteSeen => {
                if b == b'"' {
                    self.state = Lex::Quoted;
                    let keep = !self.pending_quote;
                    self.pending_quote = false;
                    keep
                } else if self.pending_quote {
                    // The held quote closed the field.
                    self.pending_quote = false;
                    return Step::ReleaseQuote;
                } else if b == self.delim || b == b'\n' {
                    self.separator(b)
                } else {
                    if self.quote_line != self.line && self.stray.is_none() {
                        self.stray = Some(self.quote_line);
                    }
                    self.state = Lex::Unquoted;
                    self.content(b)
                }
            }
        };
        if emit {
            Step::Emit
        } else {
            Step::Drop
        }
    }

    /// Reads the next block of the input (after the bytes to skip).
    fn refill(&mut self) -> io::Result<Refill> {
        let k = loop {
            match self.inner.read(&mut self.buf) {
                Ok(k) => break k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.pos = 0;
        self.end = k;
        if k == 0 {
            self.eof = true;
            if self.pending_quote {
                self.pending_quote = false;
                return Ok(Refill::End {
                    release_quote: true,
                });
            } else if self.state == Lex::Quoted {
                self.unclosed = Some(self.quote_line);
            }
            return Ok(Refill::End {
                release_quote: false,
            });
        }
        let skip = self.skip.min(k);
        self.pos = skip;
        self.skip -= skip;
        Ok(Refill::Data)
    }

    /// Counts an emitted byte into its record, which may not grow without bound.
    #[inline]
    fn count_record_byte(&mut self, b: u8) -> io::Result<()> {
        if b == b'\n' && self.state == Lex::FieldStart {
            return Ok(());
        }
        self.record_bytes += 1;
        if self.record_bytes > self.max_record {
            // Megabytes of line breaks inside one quoted field: a quote left open.
            let e = if self.state == Lex::Quoted {
                CsvError::UnclosedQuote {
                    line: self.quote_line,
                }
            } else {
                CsvError::RecordTooLarge {
                    line: self.record_line,
                    max: self.max_record,
                }
            };
            return Err(self.fail(e));
        }
        Ok(())
    }
}

impl Read for Prep {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.failure.is_some() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "stopped"));
        }
        let mut n = 0;
        while n < out.len() {
            if self.pos == self.end {
                if self.eof || n > 0 {
                    break;
                }
                match self.refill()? {
                    Refill::Data => continue,
                    Refill::End { release_quote } => {
                        if release_quote {
                            out[n] = b'"';
                            n += 1;
                        }
                        break;
                    }
                }
            }
            let raw = self.buf[self.pos];
            if raw == b'\n' && self.prev_cr {
                self.prev_cr = false;
                self.pos += 1;
                continue;
            }
            let b = if raw == b'\r' { b'\n' } else { raw };
            if b == 0 {
                return Err(self.fail(CsvError::Binary { line: self.line }));
            }
            let emit = match self.step(b) {
                Step::Emit => true,
                Step::Drop => false,
                Step::ReleaseQuote => {
                    out[n] = b'"';
                    n += 1;
                    self.out_total += 1;
                    continue;
                }
            };
            self.pos += 1;
            self.prev_cr = raw == b'\r';
            if b == b'\n' {
                self.line += 1;
            }
            if emit {
                out[n] = b;
                n += 1;
                self.out_total += 1;
                self.count_record_byte(b)?;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.csv");
        std::fs::write(&p, bytes).unwrap();
        (dir, p)
    }

    /// All records, or the first error (with the records before it).
    fn read_all(bytes: &[u8]) -> (CsvMeta, Vec<CsvRecord>, Option<CsvError>) {
        read_with(bytes, &CsvOptions::default())
    }

    fn read_with(bytes: &[u8], opts: &CsvOptions) -> (CsvMeta, Vec<CsvRecord>, Option<CsvError>) {
        let (_dir, p) = write(bytes);
        let (_, mut rows) = match open_csv(&p, opts) {
            Ok(x) => x,
            Err(e) => {
                let meta = CsvMeta {
                    encoding: "",
                    delimiter: 0,
                    sep_line: false,
                    lines_mixed: 0,
                    truncated_fields: 0,
                };
                return (meta, vec![], Some(e));
            }
        };
        let mut recs = Vec::new();
        let mut err = None;
        for r in rows.by_ref() {
            match r {
                Ok(r) => recs.push(r),
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        (rows.meta().clone(), recs, err)
    }

    fn fields(recs: &[CsvRecord]) -> Vec<Vec<&str>> {
        recs.iter()
            .map(|r| r.fields.iter().map(String::as_str).collect())
            .collect()
    }

    fn lines(recs: &[CsvRecord]) -> Vec<u64> {
        recs.iter().map(|r| r.line).collect()
    }

    /// Windows-1258 bytes for the test phrases, built by hand: base letters (with
    /// ă â ê ô ơ ư đ as single bytes) followed by a tone byte (0xCC grave, 0xEC acute,
    /// 0xDE tilde, 0xD2 hook, 0xF2 dot below).
    const NGUYEN_1258: &[u8] = b"Nguy\xEA\xDEn V\xE3n A\xECnh";
    const HOA_PHAT_1258: &[u8] = b"C\xF4ng ty TNHH Ho\xCCa Pha\xECt";

    /// The ways a CSV keeps Excel from dropping a number's leading zeros read as the number;
    /// other text keeps its quote marks and equals signs.
    #[test]
    fn excels_text_marks_are_read_through() {
        use super::excel_text;
        assert_eq!(excel_text("=\"0100109106\""), Some("0100109106"));
        assert_eq!(excel_text("'0912345678"), Some("0912345678"));
        assert_eq!(excel_text("'+84912345678"), Some("+84912345678"));
        assert_eq!(excel_text("'an@gmail.com"), Some("an@gmail.com"));
        for other in [
            "=SUM(A1)",
            "=\"a\"b\"",
            "'Nguyễn",
            "' 0912",
            "Lê",
            "",
            "=\"x",
        ] {
            assert_eq!(excel_text(other), None, "{other}");
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let text = "Tên;SĐT\nNguyễn Văn Ánh;0912345678\n";
        for (bytes, label) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            ([b"\xEF\xBB\xBF", text.as_bytes()].concat(), "UTF-8 (BOM)"),
        ] {
            assert_reads_two_rows(&bytes, label, b';');
        }
    }

    /// `bytes` read as the ledger "Tên, SĐT / Nguyễn Văn Ánh, 0912345678", recognised as
    /// `encoding` with `delimiter`.
    fn assert_reads_two_rows(bytes: &[u8], encoding: &str, delimiter: u8) {
        let (meta, recs, err) = read_all(bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(meta.encoding, encoding);
        assert_eq!(meta.delimiter, delimiter);
        assert_eq!(
            fields(&recs),
            [vec!["Tên", "SĐT"], vec!["Nguyễn Văn Ánh", "0912345678"]]
        );
        assert_eq!(lines(&recs), [1, 2]);
    }

    #[test]
    fn nfd_input_is_composed() {
        let nfd: String = "Nguyễn Hòa".nfd().collect();
        let (_, recs, _) = read_all(format!("a,b\n{nfd},x\n").as_bytes());
        assert_eq!(recs[1].fields[0], "Nguyễn Hòa");
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_bom_tab_separated() {
        let text = "Tên\tSĐT\r\nNguyễn Văn Ánh\t0912345678\r\n";
        for (le, label) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            assert_reads_two_rows(&utf16(text, le), label, b'\t');
        }
        // A truncated last character becomes U+FFFD, not an error.
        let mut bytes = utf16("a\tb\nc\td", true);
        bytes.push(0x41);
        let (_, recs, err) = read_all(&bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(fields(&recs), [vec!["a", "b"], vec!["c", "d\u{FFFD}"]]);
        // Without a BOM, recognised by its NULs.
        let (meta, recs, _) = read_all(&utf16("Tên\tSĐT\nAn\t1\n", true)[2..]);
        assert_eq!(meta.encoding, "UTF-16LE");
        assert_eq!(fields(&recs)[1], ["An", "1"]);
    }

    #[test]
    fn windows_1258_round_trip() {
        let bytes = [
            b"Ten;Cong ty\r\n".as_slice(),
            NGUYEN_1258,
            b";",
            HOA_PHAT_1258,
            b"\r\n",
        ]
        .concat();
        let (meta, recs, err) = read_all(&bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(meta.encoding, "windows-1258");
        assert_eq!(meta.lines_mixed, 0);
        assert_eq!(recs[1].fields, ["Nguyễn Văn Ánh", "Công ty TNHH Hòa Phát"]);
        assert!(recs[1]
            .fields
            .iter()
            .all(|f| is_nfc_quick(f.chars()) == IsNormalized::Yes));
        // encoding_rs agrees with the hand-built bytes.
        let (decoded, _, bad) = WINDOWS_1258.decode(NGUYEN_1258);
        assert!(!bad);
        assert_eq!(decoded.nfc().collect::<String>(), "Nguyễn Văn Ánh");
    }

    #[test]
    fn forced_encoding() {
        let opts = CsvOptions {
            forced_encoding: Some(WINDOWS_1258),
            ..CsvOptions::default()
        };
        let (meta, recs, _) = read_with(&[b"a;b\n", NGUYEN_1258, b";x\n"].concat(), &opts);
        assert_eq!(meta.encoding, "windows-1258");
        assert_eq!(recs[1].fields[0], "Nguyễn Văn Ánh");
        let opts = CsvOptions {
            forced_encoding: Some(UTF_16LE),
            ..CsvOptions::default()
        };
        let (meta, recs, _) = read_with(&utf16("a\tb\n", true), &opts);
        assert_eq!(meta.encoding, "UTF-16LE");
        assert_eq!(fields(&recs), [vec!["a", "b"]]);
    }

    #[test]
    fn mixed_lines_are_decoded_line_by_line() {
        let bytes = [
            "Tên;Công ty\n".as_bytes(),
            "Trần Thị Bình;Hòa Phát\n".as_bytes(),
            NGUYEN_1258,
            b";",
            HOA_PHAT_1258,
            b"\n",
            "Lê Văn Cường;Vinamilk\n".as_bytes(),
        ]
        .concat();
        let (meta, recs, err) = read_all(&bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(meta.encoding, "mixed UTF-8/windows-1258");
        assert_eq!(meta.lines_mixed, 1);
        assert_eq!(
            fields(&recs),
            [
                vec!["Tên", "Công ty"],
                vec!["Trần Thị Bình", "Hòa Phát"],
                vec!["Nguyễn Văn Ánh", "Công ty TNHH Hòa Phát"],
                vec!["Lê Văn Cường", "Vinamilk"],
            ]
        );
        // Mixing that starts after the first 64 KB is still found.
        let mut late = "a;b\n".repeat(20_000).into_bytes();
        late.extend("Trần;Bình\n".as_bytes());
        late.extend([NGUYEN_1258, b";x\n"].concat());
        let (_dir, p) = write(&late);
        let (head_meta, mut rows) = open_csv(&p, &CsvOptions::default()).unwrap();
        assert_eq!(head_meta.encoding, "UTF-8");
        let last = rows.by_ref().last().unwrap().unwrap();
        assert_eq!(last.fields, ["Nguyễn Văn Ánh", "x"]);
        assert_eq!(last.line, 20_002);
        assert_eq!(rows.meta().encoding, "mixed UTF-8/windows-1258");
        assert_eq!(rows.meta().lines_mixed, 1);
    }

    /// Excel for Mac's "CSV (Macintosh)": Mac Roman, with "?" for every letter it lacks.
    fn mac_roman(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = MACINTOSH.encode(text);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn mac_roman_is_recognised() {
        let bytes = mac_roman(
            "Tên;SDT\rHoàng Anh Thông;0907353643\rTô Hoài;0912345678\rHà Anh Tú;0987654321\r",
        );
        let (meta, recs, err) = read_all(&bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(meta.encoding, "macintosh");
        assert_eq!(
            fields(&recs)[1..],
            [
                vec!["Hoàng Anh Thông", "0907353643"],
                vec!["Tô Hoài", "0912345678"],
                vec!["Hà Anh Tú", "0987654321"],
            ]
        );
        // The same text from Windows stays Windows-1258.
        let (meta, _, _) = read_all(&[b"a;b\n", NGUYEN_1258, b";", HOA_PHAT_1258, b"\n"].concat());
        assert_eq!(meta.encoding, "windows-1258");
    }

    /// Issue 16: letters lost to "?" (or read in the wrong encoding) are refused with the line
    /// and the words that show it, not read as names.
    #[test]
    fn implausible_text_is_refused() {
        let lost = mac_roman(
            "Tên;S?T\rHoàng Anh Thông;0907353643\rNguy?n V?n An;0912345678\r\
             PH??NG;0987654321\rTr?n Th? B?nh;0903000000\r",
        );
        let (_, _, err) = read_all(&lost);
        match err {
            Some(CsvError::Garbled {
                line,
                encoding,
                samples,
            }) => {
                assert_eq!((line, encoding), (1, "macintosh"));
                assert_eq!(samples, "«S?T», «Nguy?n», «V?n»");
            }
            other => panic!("{other:?}"),
        }
        let utf8 = "Tên,SĐT\nNguy?n V?n An,1\nTr?n Th? B?nh,2\nL? V?n C??ng,3\n";
        let (meta, _, err) = read_all(utf8.as_bytes());
        assert!(
            matches!(err, Some(CsvError::Garbled { line: 2, .. })),
            "{err:?}"
        );
        assert_eq!(meta.encoding, "UTF-8");
        // Mac Roman misread as Windows-1258 (what the issue saw) is refused too.
        let misread = "Tên,SĐT\nHoˆng Anh Th™Ng,1\nL™ Hoˆi Thˆnh,2\nV™ Thˆnh,3\n";
        let (_, _, err) = read_all(misread.as_bytes());
        assert!(matches!(err, Some(CsvError::Garbled { .. })), "{err:?}");
        // Named encoding: read as told.
        let forced = CsvOptions {
            forced_encoding: Some(UTF_8),
            ..CsvOptions::default()
        };
        let (_, recs, err) = read_with(utf8.as_bytes(), &forced);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(recs.len(), 4);
    }

    #[test]
    fn plausible_text_is_read() {
        let texts = [
            "Tên,Ghi chú\nNguyễn Văn An,Giao hàng chưa?\nTrần Thị Bình,Có xuất hóa đơn?Gọi lại\n\
             Lê Hà,Kho 120m², giữ 25°C\nHans Müller,ABC™\nJosé Núñez,Gößl\nĐặng Thị Ngọc Trâm,\n",
            "Name,Phone\nNguyen Van An,1\nTran Thi Binh,2\n",
            "Tên,Web\nNguyễn Văn An,x.vn/?id=1\n",
        ];
        for t in texts {
            let (_, recs, err) = read_all(t.as_bytes());
            assert!(err.is_none(), "{t}: {err:?}");
            assert!(recs.len() >= 2);
        }
    }

    #[test]
    fn vietnamese_letters() {
        for c in "aăâeêioôơuưyđàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ".chars()
        {
            assert!(is_vietnamese_letter(c), "{c}");
            assert!(
                is_vietnamese_letter(c.to_uppercase().next().unwrap()),
                "{c}"
            );
        }
        for c in "üöñçßøåæœˆ™ﬁ".chars() {
            assert!(!is_vietnamese_letter(c), "{c}");
        }
    }

    #[test]
    fn sep_line() {
        for head in ["sep=;\n", "sep=;\r\n", "\"sep=;\"\r\n", "SEP=;;;\n"] {
            let (meta, recs, err) = read_all(format!("{head}a,1;b\nc,2;d\n").as_bytes());
            assert!(err.is_none());
            assert!(meta.sep_line, "{head:?}");
            assert_eq!(meta.delimiter, b';');
            assert_eq!(
                fields(&recs),
                [vec!["a,1", "b"], vec!["c,2", "d"]],
                "{head:?}"
            );
            assert_eq!(lines(&recs), [1, 2]);
        }
        let (meta, recs, _) = read_all(b"\xEF\xBB\xBFsep=\t\na\tb\n");
        assert!(meta.sep_line);
        assert_eq!(fields(&recs), [vec!["a", "b"]]);
        // Not a sep line.
        let (meta, _, _) = read_all(b"sep=x;y\n1;2\n");
        assert!(!meta.sep_line);
    }

    #[test]
    fn delimiter_detection() {
        let cases: &[(&str, u8)] = &[
            ("a;b;c\n1;2;3\n4;5;6\n", b';'),
            ("a,b,c\n1,2,3\n4,5,6\n", b','),
            ("a\tb\tc\n1\t2\t3\n", b'\t'),
            ("a|b|c\n1|2|3\n", b'|'),
            // Decimal commas inside a ;-file.
            (
                "Tên;Doanh thu;Thuế\nAn;1.234,5;123,4\nBình;2,5;0,25\n",
                b';',
            ),
            // Quoted commas do not count.
            ("name,addr\n\"Lê, A\",\"1, 2, 3\"\n\"B\",\"x\"\n", b','),
            ("a;b\n\"x;y;z\";1\n", b';'),
            // One column.
            ("Tên\nAn\nBình\n", b','),
        ];
        for (text, want) in cases {
            let (meta, _, _) = read_all(text.as_bytes());
            assert_eq!(meta.delimiter as char, *want as char, "{text:?}");
        }
    }

    #[test]
    fn line_ends_and_line_numbers() {
        let (_, recs, _) = read_all(b"a,b\rc,d\re,f");
        assert_eq!(fields(&recs), [["a", "b"], ["c", "d"], ["e", "f"]]);
        assert_eq!(lines(&recs), [1, 2, 3]);
        let (_, recs, _) = read_all(b"a,b\r\nc,d\r\n\r\ne,f\r\n");
        assert_eq!(lines(&recs), [1, 2, 4]);
        // Quoted line breaks, in every style, keep later numbers right.
        let (_, recs, err) =
            read_all(b"h1,h2\n\"multi\nline\",x\n\"cr\rline\r\nthree\",y\nlast,z\n");
        assert!(err.is_none());
        assert_eq!(lines(&recs), [1, 2, 4, 7]);
        assert_eq!(recs[1].fields[0], "multi\nline");
        assert_eq!(recs[2].fields[0], "cr\nline\nthree");
        // Leading blank lines and a sep line.
        let (_, recs, _) = read_all(b"sep=,\r\n\r\na,b\r\n");
        assert_eq!(lines(&recs), [2]);
        // Ragged rows are fine.
        let (_, recs, _) = read_all(b"a,b,c\n1\n1,2,3,4\n");
        assert_eq!(fields(&recs)[1], ["1"]);
        assert_eq!(fields(&recs)[2].len(), 4);
    }

    #[test]
    fn escaped_quotes_and_junk_after_quote() {
        let (_, recs, err) = read_all(b"a,b\n\"say \"\"hi\"\"\",\"x\"y\n");
        assert!(err.is_none());
        assert_eq!(fields(&recs)[1], ["say \"hi\"", "xy"]);
    }

    #[test]
    fn too_many_fields() {
        let header = vec!["c"; 20_000].join(",");
        let (_dir, p) = write(format!("{header}\n1,2\n").as_bytes());
        let (_, mut rows) = open_csv(&p, &CsvOptions::default()).unwrap();
        assert!(matches!(
            rows.next(),
            Some(Err(CsvError::TooManyFields {
                line: 1,
                count: 20_000,
                ..
            }))
        ));
        // Only that record is skipped.
        assert_eq!(rows.next().unwrap().unwrap().fields, ["1", "2"]);
        assert!(rows.next().is_none());
    }

    #[test]
    fn huge_cell_is_bounded_and_truncated() {
        // 20 MB in one quoted cell, with escaped quotes and line breaks inside, then a row.
        let mut bytes = b"a,b\n\"".to_vec();
        let chunk = "Nguyễn \"\"Văn\"\" Ánh\n".repeat(1000);
        while bytes.len() < 20 << 20 {
            bytes.extend(chunk.as_bytes());
        }
        bytes.extend(b"\",tail\nnext,row\n");
        let breaks = count_lines(&bytes[..bytes.len() - 16]);
        let (meta, recs, err) = read_all(&bytes);
        assert!(err.is_none(), "{err:?}");
        assert_eq!(meta.truncated_fields, 1);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields[0].chars().count(), MAX_CELL_CHARS);
        assert!(recs[1].fields[0].starts_with("Nguyễn \"Văn\" Ánh\n"));
        assert_eq!(recs[1].fields[1], "tail");
        assert_eq!(fields(&recs)[2], ["next", "row"]);
        assert_eq!(recs[2].line, breaks + 2);
        // Unquoted, 20 MB without line breaks.
        let mut bytes = b"a,b\n".to_vec();
        bytes.extend(vec![b'x'; 20 << 20]);
        bytes.extend(b",y\n");
        let (meta, recs, err) = read_all(&bytes);
        assert!(err.is_none());
        assert_eq!(meta.truncated_fields, 1);
        assert_eq!(recs[1].fields[1], "y");
    }

    #[test]
    fn record_too_large() {
        let opts = CsvOptions {
            max_record_bytes: 1 << 20,
            ..CsvOptions::default()
        };
        let field = "y".repeat(200_000);
        let row = [field.as_str(); 10].join(",");
        let (_, recs, err) = read_with(format!("a\n{row}\n").as_bytes(), &opts);
        assert_eq!(recs.len(), 1);
        assert!(
            matches!(err, Some(CsvError::RecordTooLarge { line: 2, .. })),
            "{err:?}"
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        let (_, _, err) = read_all(b"a,b\nc,\0\0\0d\n");
        assert!(matches!(err, Some(CsvError::Binary { line: 2 })), "{err:?}");
        // Beyond the head: found while streaming.
        let mut bytes = "a,b\n".repeat(30_000).into_bytes();
        bytes.extend(b"x\0y\n");
        let (_, recs, err) = read_all(&bytes);
        assert!(
            matches!(err, Some(CsvError::Binary { line: 30_001 })),
            "{err:?}"
        );
        assert!(recs.len() <= 30_000);
    }

    #[test]
    fn unclosed_quote() {
        let (_, recs, err) = read_all(b"a,b\n1,2\n\"open,3\n4,5\n6,7\n");
        assert!(
            matches!(err, Some(CsvError::UnclosedQuote { line: 3 })),
            "{err:?}"
        );
        assert_eq!(fields(&recs), [["a", "b"], ["1", "2"]]);
        // A closed quote at the very end is fine.
        let (_, recs, err) = read_all(b"a,b\n\"x\ny\",\"z\"");
        assert!(err.is_none());
        assert_eq!(fields(&recs)[1], ["x\ny", "z"]);
        // Beyond the head too.
        let mut bytes = "a,b\n".repeat(30_000).into_bytes();
        bytes.extend(b"\"never closed\n1,2\n");
        let (_, recs, err) = read_all(&bytes);
        assert!(
            matches!(err, Some(CsvError::UnclosedQuote { line: 30_001 })),
            "{err:?}"
        );
        assert_eq!(recs.len(), 30_000);
    }

    /// A quote opened on one line and closed on the next takes the row after it into one
    /// cell: refused, naming the line. An address on two lines in a full record is read.
    #[test]
    fn a_stray_quote_that_swallows_a_row_is_refused() {
        let (_, _, err) = read_all(
            "Tên,SĐT,Địa chỉ\n\"Hồ Xuân Hương,0912111000,Hà Nội\nHồ Quý Ly,0912111001,\"Thanh Hóa\n"
                .as_bytes(),
        );
        assert!(
            matches!(err, Some(CsvError::StrayQuote { line: 2 })),
            "{err:?}"
        );
        let (_, read, err) = read_all(
            "Tên,SĐT,Địa chỉ\nAn,0912111000,\"12 Lê Lợi,\nQuận 1, TP HCM\"\nBình,0912111001,Hà Nội\n"
                .as_bytes(),
        );
        assert!(err.is_none(), "{err:?}");
        assert_eq!(read.len(), 3);
    }

    #[test]
    fn empty_inputs_give_no_records() {
        for bytes in [
            &b""[..],
            b"\xEF\xBB\xBF",
            b"\n\n\r\n\r",
            b"\xFF\xFE",
            b"\xFF\xFE\n\0",
            b"sep=;\n",
        ] {
            let (_, recs, err) = read_all(bytes);
            assert!(err.is_none(), "{bytes:?}: {err:?}");
            assert!(recs.is_empty(), "{bytes:?}");
        }
    }

    /// 1M rows × 10 columns; run with `--release -- --ignored` to see the time.
    #[test]
    #[ignore]
    fn speed_one_million_rows() {
        let row = "Nguyễn Văn An,0912345678,123 Lê Lợi,Quận 1,TP HCM,x,y,z,1.234,note\n";
        let (_dir, p) = write(row.repeat(1_000_000).as_bytes());
        let t = std::time::Instant::now();
        let (_, rows) = open_csv(&p, &CsvOptions::default()).unwrap();
        let n = rows.filter(Result::is_ok).count();
        let took = t.elapsed();
        assert_eq!(n, 1_000_000);
        eprintln!("1M rows: {took:?}");
        assert!(took.as_secs_f64() < 3.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn arbitrary_bytes_never_panic_and_end(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let (_dir, p) = write(&bytes);
            if let Ok((_, rows)) = open_csv(&p, &CsvOptions::default()) {
                // Each record consumes input, so the count is bounded by the size.
                let mut n = 0;
                for _ in rows {
                    n += 1;
                    prop_assert!(n <= bytes.len() + 1);
                }
            }
        }

        #[test]
        fn text_fields_round_trip(rows in proptest::collection::vec(
            proptest::collection::vec("[a-zA-Zàáạảãâầấậẩẫăằắặẳẵ ,;\"\n]{0,12}", 2..5), 1..8)
        ) {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .flexible(true)
                .from_writer(vec![]);
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let (meta, recs, err) = read_with(&bytes, &CsvOptions::default());
            // Records of one empty field vanish as blank lines, as in Excel.
            let want: Vec<Vec<String>> = rows
                .iter()
                .filter(|r| !(r.len() == 1 && r[0].is_empty()))
                .map(|r| r.iter().map(|f| f.replace('\r', "\n").nfc().collect()).collect())
                .collect();
            if meta.delimiter == b';' {
                prop_assert!(err.is_none(), "{:?}", err);
                let got: Vec<Vec<String>> = recs.into_iter().map(|r| r.fields).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
