//! A streaming scanner of XML tags and the attribute helpers the checks share: enough to
//! read attributes in bounded memory; not an XML parser.

use std::io::{self, Read};

use super::error::GuardError;
use super::limits::MIB;

const MAX_TAG: usize = MIB as usize;

pub(super) fn xml_err(e: io::Error) -> GuardError {
    GuardError::Corrupt(format!("XML: {e}"))
}

/// A streaming scanner of XML tags with a fixed buffer: yields the bytes between `<` and `>`
/// of each element tag (comments, CDATA and the doctype are skipped), and counts the text
/// bytes between tags. Enough to read attributes; not an XML parser.
pub(super) struct TagScanner<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    pub(super) tag: Vec<u8>,
    /// Text bytes seen so far (outside tags, CDATA included).
    pub(super) text_bytes: u64,
    /// Input bytes consumed so far.
    pub(super) consumed: u64,
}

impl<R: Read> TagScanner<R> {
    pub(super) fn new(inner: R) -> Self {
        Self {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            end: 0,
            tag: Vec::new(),
            text_bytes: 0,
            consumed: 0,
        }
    }

    /// False at end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.end {
            return Ok(true);
        }
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(n) => {
                    self.pos = 0;
                    self.end = n;
                    self.consumed += n as u64;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Advances to the next element tag, left in `self.tag`; false at end of input.
    pub(super) fn next_tag(&mut self) -> io::Result<bool> {
        loop {
            if !self.skip_text()? {
                return Ok(false);
            }
            if self.read_tag()? {
                return Ok(true);
            }
        }
    }

    /// Every element tag to the end of the input, as [`Self::next_tag`] would leave them in
    /// `self.tag`, given to `look` with whether they hold a `<` outside quoted values
    /// ([`stray_lt`]); an error from `look` stops the walk and is returned. A tag that lies
    /// whole in the buffer is looked at where it is, not copied ([`element_at`]), and the walk
    /// stays in the buffer from one such tag to the next rather than asking [`Self::skip_text`]
    /// for each (a worksheet has several tags a cell; measured on a 1M-row book, going through
    /// `skip_text` cost 0.05 of the 0.17 s saved).
    pub(super) fn look_at_every_tag<E>(
        &mut self,
        mut look: impl FnMut(&[u8], bool) -> Result<(), E>,
    ) -> io::Result<Result<(), E>> {
        loop {
            while self.pos < self.end {
                let chunk = &self.buf[self.pos..self.end];
                let lt = if chunk[0] == b'<' {
                    0
                } else {
                    match memchr::memchr(b'<', chunk) {
                        Some(k) => k,
                        None => {
                            self.text_bytes += chunk.len() as u64;
                            self.pos = self.end;
                            break;
                        }
                    }
                };
                self.text_bytes += lt as u64;
                self.pos += lt + 1;
                if let Some((len, stray)) = element_at(&self.buf[self.pos..self.end]) {
                    let start = self.pos;
                    self.pos += len + 1;
                    if let Err(e) = look(&self.buf[start..start + len], stray) {
                        return Ok(Err(e));
                    }
                } else if self.read_tag()? {
                    if let Err(e) = look(&self.tag, stray_lt(&self.tag)) {
                        return Ok(Err(e));
                    }
                }
            }
            if !self.fill()? {
                return Ok(Ok(()));
            }
        }
    }

    /// [`Self::next_tag`], with the text before the tag in `text` (its first MiB; entities
    /// left as written): for the few passes that need a value between tags.
    pub(super) fn next_tag_after_text(&mut self, text: &mut Vec<u8>) -> io::Result<bool> {
        text.clear();
        loop {
            if !self.take_text(text)? {
                return Ok(false);
            }
            if self.read_tag()? {
                return Ok(true);
            }
        }
    }

    /// [`Self::skip_text`], keeping the text (up to [`MAX_TAG`] bytes) in `text`.
    fn take_text(&mut self, text: &mut Vec<u8>) -> io::Result<bool> {
        loop {
            if !self.fill()? {
                return Ok(false);
            }
            let chunk = &self.buf[self.pos..self.end];
            let (k, found) = match memchr::memchr(b'<', chunk) {
                Some(k) => (k, true),
                None => (chunk.len(), false),
            };
            let room = MAX_TAG.saturating_sub(text.len()).min(k);
            text.extend_from_slice(&chunk[..room]);
            self.text_bytes += k as u64;
            self.pos += k + usize::from(found);
            if found {
                return Ok(true);
            }
        }
    }

    /// Skips the text up to the next `<` and past it; false at end of input.
    fn skip_text(&mut self) -> io::Result<bool> {
        loop {
            if !self.fill()? {
                return Ok(false);
            }
            // Most tags of a sheet follow another tag with no text between them.
            if self.buf[self.pos] == b'<' {
                self.pos += 1;
                return Ok(true);
            }
            let chunk = &self.buf[self.pos..self.end];
            match memchr::memchr(b'<', chunk) {
                Some(k) => {
                    self.text_bytes += k as u64;
                    self.pos += k + 1;
                    return Ok(true);
                }
                None => {
                    self.text_bytes += chunk.len() as u64;
                    self.pos = self.end;
                }
            }
        }
    }

    /// Reads the tag after a `<` into `self.tag`: true for an element tag, false for a
    /// comment, CDATA or a doctype (skipped).
    fn read_tag(&mut self) -> io::Result<bool> {
        self.tag.clear();
        let mut quote = 0u8;
        let mut mode = TagMode::Element;
        loop {
            if !self.fill()? {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the XML ends inside a tag",
                ));
            }
            // Past the prefixes that switch mode (all begin with `!`: any other first
            // byte rules them out), copy plain runs in one go.
            if mode == TagMode::Element
                && (self.tag.len() >= 8 || self.tag.first().is_some_and(|&b| b != b'!'))
            {
                let chunk = &self.buf[self.pos..self.end];
                let run = if quote == 0 {
                    memchr::memchr3(b'>', b'"', b'\'', chunk)
                } else {
                    memchr::memchr(quote, chunk)
                }
                .unwrap_or(chunk.len());
                if self.tag.len() + run > MAX_TAG {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "an XML tag longer than 1 MiB",
                    ));
                }
                self.tag.extend_from_slice(&chunk[..run]);
                self.pos += run;
                if self.pos == self.end {
                    continue;
                }
            }
            let b = self.buf[self.pos];
            self.pos += 1;
            match mode {
                TagMode::Element => {
                    if quote != 0 {
                        if b == quote {
                            quote = 0;
                        }
                    } else if b == b'"' || b == b'\'' {
                        quote = b;
                    } else if b == b'>' {
                        break;
                    }
                    if self.tag.len() >= MAX_TAG {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "an XML tag longer than 1 MiB",
                        ));
                    }
                    self.tag.push(b);
                    if self.tag == b"!--" {
                        mode = TagMode::Comment(0);
                    } else if self.tag == b"![CDATA[" {
                        mode = TagMode::Cdata(0);
                    }
                }
                // The state counts how many of the closing `--` / `]]` were just seen.
                TagMode::Comment(n) => match b {
                    b'-' => mode = TagMode::Comment((n + 1).min(2)),
                    b'>' if n == 2 => break,
                    _ => mode = TagMode::Comment(0),
                },
                TagMode::Cdata(n) => {
                    self.text_bytes += 1;
                    match b {
                        b']' => mode = TagMode::Cdata((n + 1).min(2)),
                        b'>' if n == 2 => break,
                        _ => mode = TagMode::Cdata(0),
                    }
                }
            }
        }
        Ok(mode == TagMode::Element && !self.tag.starts_with(b"!"))
    }
}

/// The length of the element tag that starts `chunk` (just past its `<`) when its closing `>`
/// is in `chunk`, and whether it holds a stray `<`; `None` for anything else (`<!`: comments,
/// CDATA, doctype; a tag that runs past the chunk), which [`TagScanner::read_tag`] reads. Runs of plain bytes are skipped a byte
/// class at a time ([`TAG_BYTE`]): this is most of the guard's time.
fn element_at(chunk: &[u8]) -> Option<(usize, bool)> {
    if chunk.first().is_none_or(|&b| b == b'!') {
        return None;
    }
    let (mut i, mut stray, n) = (0, false, chunk.len());
    loop {
        while i < n && TAG_BYTE[usize::from(chunk[i])] == PLAIN {
            i += 1;
        }
        let &b = chunk.get(i)?;
        match b {
            b'>' => return Some((i, stray)),
            b'<' => stray = true,
            _ => {
                // A quoted value: nothing in it counts until its closing quote.
                i += 1 + memchr::memchr(b, chunk.get(i + 1..)?)?;
            }
        }
        i += 1;
    }
}

/// The bytes an element tag's scan stops at (`>`, `<` and the quotes), all others `PLAIN`.
static TAG_BYTE: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b'>' as usize] = 1;
    t[b'<' as usize] = 1;
    t[b'"' as usize] = 1;
    t[b'\'' as usize] = 1;
    t
};
const PLAIN: u8 = 0;

/// A `<` inside a tag, outside quoted attribute values.
fn stray_lt(tag: &[u8]) -> bool {
    let mut quote = 0u8;
    for &b in tag {
        match (quote, b) {
            (0, b'"' | b'\'') => quote = b,
            (0, b'<') => return true,
            (q, c) if q != 0 && c == q => quote = 0,
            _ => {}
        }
    }
    false
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagMode {
    Element,
    Comment(u8),
    Cdata(u8),
}

/// The element name of a tag's bytes, with a leading `/` kept for end tags.
pub(super) fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    name.strip_suffix(b"/").unwrap_or(name)
}

pub(super) fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The raw value of the first attribute whose name satisfies `want`.
pub(super) fn attr(tag: &[u8], want: impl Fn(&[u8]) -> bool) -> Option<&[u8]> {
    let mut i = tag_name(tag).len();
    let n = tag.len();
    loop {
        while i < n && (tag[i].is_ascii_whitespace() || tag[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return None;
        }
        let name_start = i;
        while i < n && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n || tag[i] != b'=' {
            continue;
        }
        i += 1;
        while i < n && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n {
            return None;
        }
        let q = tag[i];
        if q != b'"' && q != b'\'' {
            continue;
        }
        let start = i + 1;
        let len = tag[start..].iter().position(|&b| b == q)?;
        i = start + len + 1;
        if want(name) {
            return Some(&tag[start..start + len]);
        }
    }
}

/// Decodes the XML entities of an attribute value.
pub(super) fn unescape(v: &[u8]) -> String {
    let s = String::from_utf8_lossy(v);
    if !s.contains('&') {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A digit string; overflow counts as "too many" rather than "absent".
pub(super) fn parse_count(v: &[u8]) -> Option<u64> {
    let v = v.trim_ascii();
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_scanner_handles_chunk_boundaries() {
        // A reader that hands out one byte at a time.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let xml = br#"<?xml version="1.0"?><!-- <a> --><a x='1>2'>t<![CDATA[<b>]]><b/></a>"#;
        let mut s = TagScanner::new(OneByte(xml));
        let mut seen = Vec::new();
        while s.next_tag().unwrap() {
            seen.push(String::from_utf8_lossy(&s.tag).into_owned());
        }
        assert_eq!(seen, ["?xml version=\"1.0\"?", "a x='1>2'", "b/", "/a"]);
        assert_eq!(s.text_bytes, 1 + "<b>]]>".len() as u64);
        assert_eq!(attr(b"a x='1>2'", |n| n == b"x"), Some(&b"1>2"[..]));
        assert!(TagScanner::new(&b"<a x=\"unterminated"[..])
            .next_tag()
            .is_err());
    }

    // The walker against the copying scanner it must agree with (`next_tag`), the input
    // handed over `chunk` bytes at a time.
    struct Chunks<'a>(&'a [u8], usize);
    impl Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(buf.len()).min(self.1);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    fn copied(xml: &[u8], chunk: usize) -> (Vec<Vec<u8>>, u64, Option<String>) {
        let mut s = TagScanner::new(Chunks(xml, chunk));
        let mut seen = Vec::new();
        loop {
            match s.next_tag() {
                Ok(true) => seen.push(s.tag.clone()),
                Ok(false) => return (seen, s.text_bytes, None),
                Err(e) => return (seen, s.text_bytes, Some(e.to_string())),
            }
        }
    }
    fn looked(xml: &[u8], chunk: usize) -> (Vec<Vec<u8>>, u64, Option<String>) {
        let mut s = TagScanner::new(Chunks(xml, chunk));
        let mut seen = Vec::new();
        let looked = s.look_at_every_tag(|tag, stray| {
            assert_eq!(stray, stray_lt(tag));
            seen.push(tag.to_vec());
            Ok::<(), ()>(())
        });
        match looked {
            Ok(Ok(())) => (seen, s.text_bytes, None),
            Ok(Err(())) => unreachable!("look never stops it"),
            Err(e) => (seen, s.text_bytes, Some(e.to_string())),
        }
    }
    /// The tags `look` saw when it stopped the walk at the `at`-th: those up to it, no more.
    fn stopped(xml: &[u8], chunk: usize, at: usize) -> Vec<Vec<u8>> {
        let mut s = TagScanner::new(Chunks(xml, chunk));
        let mut seen = Vec::new();
        let looked = s.look_at_every_tag(|tag, _| {
            seen.push(tag.to_vec());
            if seen.len() == at {
                Err(())
            } else {
                Ok(())
            }
        });
        assert!(matches!(looked, Ok(Err(()))));
        seen
    }
    /// Looking at tags in place sees what copying them sees: the same tags, the same text
    /// count, the same errors, across buffer boundaries (tags cut by the 64 KiB buffer, by a
    /// one-byte reader) and around comments, CDATA and quoted `>`.
    #[test]
    fn looking_in_place_sees_what_copying_sees() {
        let mut big = String::from(r#"<?xml version="1.0"?><worksheet><sheetData>"#);
        for r in 1..4000 {
            big.push_str(&format!(
                r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Nguyễn {r} &amp; <![CDATA[<x>]]></t></is></c><!-- <c> --><c r="B{r}" x='a>b'><v>{r}</v></c></row>"#
            ));
        }
        big.push_str("</sheetData></worksheet>");
        let cases: [&[u8]; 8] = [
            big.as_bytes(),
            br#"<?xml version="1.0"?><!-- <a> --><a x='1>2'>t<![CDATA[<b>]]><b/></a>"#,
            b"<a x=\"unterminated",
            b"<a><!-- never closed",
            b"<a><b c=\"<\"/><b <c/></a>",
            // Quotes of both kinds, a stray before, between and after them.
            b"<a><c r=\"A1\" s='<' t=\"x'y\"<v>1</v></c><c < r='1'/><c r='\"' <v/></a>",
            b"<a><c r=\"A1\">\"<\"</c><c r='a\"b' s=\"c'd\">x</c></a>",
            b"<a><c r=\"unterminated >",
        ];
        for xml in cases {
            for chunk in [1, 7, 4096, usize::MAX] {
                assert_eq!(looked(xml, chunk), copied(xml, chunk), "chunk {chunk}");
                let all = copied(xml, chunk).0;
                if all.len() > 2 {
                    assert_eq!(stopped(xml, chunk, 2), all[..2], "chunk {chunk}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Any bytes of the kinds a tag scan turns on (brackets, quotes, comment and CDATA
        /// marks), handed over in pieces of any size: the walker sees what copying sees.
        #[test]
        fn the_walker_sees_what_copying_sees(
            xml in proptest::collection::vec(
                proptest::sample::select(b"<<>>\"'!-[]CDAT a/=x".to_vec()), 0..200),
            chunk in 1usize..40,
        ) {
            proptest::prop_assert_eq!(looked(&xml, chunk), copied(&xml, chunk));
        }
    }

    #[test]
    fn unescape_table() {
        for (raw, want) in [
            ("a&amp;b", "a&b"),
            ("&lt;&gt;&quot;&apos;", "<>\"'"),
            ("&#7877;&#x1EC5;", "ễễ"),
            ("R&D", "R&D"),
            ("&bogus;", "&bogus;"),
        ] {
            assert_eq!(unescape(raw.as_bytes()), want);
        }
    }
}
