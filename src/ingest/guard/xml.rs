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
            // Text up to the next '<'.
            loop {
                if !self.fill()? {
                    return Ok(false);
                }
                let chunk = &self.buf[self.pos..self.end];
                match memchr::memchr(b'<', chunk) {
                    Some(k) => {
                        self.text_bytes += k as u64;
                        self.pos += k + 1;
                        break;
                    }
                    None => {
                        self.text_bytes += chunk.len() as u64;
                        self.pos = self.end;
                    }
                }
            }
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
            if mode == TagMode::Element && !self.tag.starts_with(b"!") {
                return Ok(true);
            }
        }
    }
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
