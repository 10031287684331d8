//! xlsx and xlsb: the sheets the workbook lists, the head of the shared-string table, and
//! the worksheet XML calamine would read leniently and wrongly.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use super::error::GuardError;
use super::limits::Limits;
use super::package::{zip_err, Package, MAX_META_PART};
use super::xml::{attr, local_name, parse_count, tag_name, unescape, xml_err, TagScanner};

/// Bytes read from the head of `sharedStrings.xml`: Excel writes `<sst` within the first
/// hundred bytes; anything hiding it further is refused.
const SST_HEAD: u64 = 64 * 1024;
/// Smallest serialized shared string: `<si/>`.
const MIN_SI_BYTES: u64 = 5;

/// Sheet part paths in workbook order and, for xlsx, the sheet names; the shared-string
/// table is checked on the way.
pub(super) fn list_sheets(
    pkg: &mut Package,
    limits: &Limits,
) -> Result<(Vec<String>, Vec<String>), GuardError> {
    let (mut sheets, mut names) = (Vec::new(), Vec::new());
    let doc = office_document(pkg)?;
    let (dir, file_name) = match doc.rfind('/') {
        Some(i) => doc.split_at(i + 1),
        None => ("", doc.as_str()),
    };
    let binary = file_name.to_ascii_lowercase().ends_with(".bin");
    if pkg.find(&doc).is_none() {
        return Err(GuardError::MissingPart(doc.clone()));
    }
    let rels_path = format!("{dir}_rels/{file_name}.rels");
    let rels_i = pkg
        .find(&rels_path)
        .ok_or_else(|| GuardError::MissingPart(rels_path.clone()))?;
    let rels = parse_rels(&pkg.read(rels_i, MAX_META_PART)?)?;

    let resolve = |target: &str| match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    if binary {
        // Sheet names sit in binary records; the worksheet relationships give the parts.
        for (_, (target, typ)) in &rels {
            if typ.ends_with("/worksheet") {
                sheets.push(resolve(target));
            }
        }
    } else {
        let wb_i = pkg
            .find(&doc)
            .ok_or_else(|| GuardError::MissingPart(doc.clone()))?;
        let wb = pkg.read(wb_i, MAX_META_PART)?;
        for (name, rel_id) in parse_sheets(&wb)? {
            let (target, _) = rels
                .iter()
                .find(|(id, _)| *id == rel_id)
                .map(|(_, t)| t)
                .ok_or_else(|| {
                    GuardError::MissingPart(format!("{rels_path} (relationship {rel_id})"))
                })?;
            sheets.push(resolve(target));
            names.push(name);
        }
        check_shared_strings(pkg, &format!("{dir}sharedStrings.xml"), limits)?;
    }
    Ok((sheets, names))
}

/// The main part named by `_rels/.rels` (calamine's rule), `xl/workbook.xml` by default,
/// `xl/workbook.bin` when only that exists.
fn office_document(pkg: &mut Package) -> Result<String, GuardError> {
    if let Some(i) = pkg.find("_rels/.rels") {
        let rels = parse_rels(&pkg.read(i, MAX_META_PART)?)?;
        if let Some((_, (target, _))) = rels
            .iter()
            .find(|(_, (_, typ))| typ.ends_with("/relationships/officeDocument"))
        {
            return Ok(target.strip_prefix('/').unwrap_or(target).to_string());
        }
    }
    if pkg.find("xl/workbook.xml").is_none() && pkg.find("xl/workbook.bin").is_some() {
        return Ok("xl/workbook.bin".into());
    }
    Ok("xl/workbook.xml".into())
}

type Rels = Vec<(String, (String, String))>;

fn parse_rels(xml: &[u8]) -> Result<Rels, GuardError> {
    let mut out = Vec::new();
    let mut tags = TagScanner::new(xml);
    while tags.next_tag().map_err(xml_err)? {
        let tag = &tags.tag[..];
        if local_name(tag_name(tag)) == b"Relationship" {
            if let Some(id) = attr(tag, |n| n == b"Id") {
                let target = attr(tag, |n| n == b"Target")
                    .map(unescape)
                    .unwrap_or_default();
                let typ = attr(tag, |n| n == b"Type")
                    .map(unescape)
                    .unwrap_or_default();
                out.push((unescape(id), (target, typ)));
            }
        }
    }
    Ok(out)
}

/// `(sheet name, relationship id)` of each `<sheet>` in workbook.xml.
fn parse_sheets(xml: &[u8]) -> Result<Vec<(String, String)>, GuardError> {
    let mut out = Vec::new();
    let mut tags = TagScanner::new(xml);
    while tags.next_tag().map_err(xml_err)? {
        let tag = &tags.tag[..];
        if local_name(tag_name(tag)) == b"sheet" {
            let name = attr(tag, |n| n == b"name")
                .map(unescape)
                .unwrap_or_default();
            let id = attr(tag, |n| local_name(n) == b"id")
                .map(unescape)
                .unwrap_or_default();
            out.push((name, id));
        }
    }
    Ok(out)
}

fn check_shared_strings(pkg: &mut Package, path: &str, limits: &Limits) -> Result<(), GuardError> {
    let Some(i) = pkg.find(path) else {
        return Ok(());
    };
    let size = pkg.zip.by_index_data(i).map_err(zip_err)?.size();
    let head = pkg.read(i, SST_HEAD)?;
    let mut tags = TagScanner::new(&head[..]);
    loop {
        let tag = match tags.next_tag() {
            Ok(true) => &tags.tag[..],
            // Ran off the head: the table start must come first.
            Ok(false) | Err(_) => {
                return Err(GuardError::Corrupt(format!(
                    "{path} does not start with a string table"
                )))
            }
        };
        match local_name(tag_name(tag)) {
            b"sst" => {
                let declared = attr(tag, |n| n == b"uniqueCount").and_then(parse_count);
                if let Some(declared) = declared {
                    let possible = (size / MIN_SI_BYTES).min(limits.max_shared_strings);
                    if declared > possible {
                        return Err(GuardError::SharedStringsCount { declared, possible });
                    }
                }
                return Ok(());
            }
            n if n.starts_with(b"?") || n.starts_with(b"!") => {}
            _ => {
                return Err(GuardError::Corrupt(format!(
                    "{path} does not start with a string table"
                )))
            }
        }
    }
}

/// A cell area merged over more than one row, 1-based as Excel numbers rows, 0-based columns:
/// only its first row holds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TallMerge {
    pub first_row: u32,
    pub last_row: u32,
    pub column: u32,
}

/// Merged areas kept per sheet, at most: a ledger merges a few cells per customer; a crafted
/// file's millions are not remembered (the rest of its rows read unfilled).
pub(super) const MAX_MERGES: usize = 200_000;

/// The author sokhach writes its own notes under (the value a cell had, in the cleaned book):
/// a clerk's comments are read as the row's notes, these are not.
pub const OWN_NOTE_AUTHOR: &str = "sokhach";

/// How sokhach's own notes begin (a book written before they had their author, or saved by a
/// program that renamed it, still carries them): not a clerk's.
pub const OWN_NOTE_OPENINGS: &[&str] = &[
    "Giá trị gốc:",
    "Original value:",
    "Cách viết khác:",
    "Other spellings:",
    "Địa chỉ khác:",
    "Other addresses:",
];

/// The comments (Excel's notes) of each worksheet part, as `parts`: (row as Excel numbers it,
/// text), sorted by row, the author's name before the text left out, sokhach's own
/// ([`OWN_NOTE_AUTHOR`]) not read. A part without comments, or whose comments do not read,
/// has none: they only add to a row's notes.
pub(super) fn comments_of_parts(pkg: &mut Package, parts: &[String]) -> Vec<Vec<(u32, String)>> {
    parts
        .iter()
        .map(|part| comments_of_part(pkg, part).unwrap_or_default())
        .collect()
}

fn comments_of_part(pkg: &mut Package, part: &str) -> Option<Vec<(u32, String)>> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels = pkg.find(&format!("{dir}/_rels/{file}.rels"))?;
    let rels = parse_rels(&pkg.read(rels, MAX_META_PART).ok()?).ok()?;
    let target = rels
        .iter()
        .find(|(_, (_, typ))| typ.ends_with("/comments"))
        .map(|(_, (t, _))| t.as_str())?;
    let path = resolve_part(dir, target);
    let i = pkg.find(&path)?;
    Some(parse_comments(&pkg.read(i, MAX_META_PART).ok()?))
}

/// `target` relative to the folder `dir` («../comments1.xml» from «xl/worksheets»), or
/// absolute («/xl/comments1.xml»).
fn resolve_part(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A comments part's comments: (row, text), sorted by row.
fn parse_comments(xml: &[u8]) -> Vec<(u32, String)> {
    let text = String::from_utf8_lossy(xml);
    let authors: Vec<String> = elements(&text, "author")
        .map(|(_, inner)| unescape(inner.as_bytes()))
        .collect();
    let mut out = Vec::new();
    for (open, inner) in elements(&text, "comment") {
        let Some((_, row)) = attr(open.as_bytes(), |n| n == b"ref")
            .and_then(|r| std::str::from_utf8(r).ok().and_then(cell_ref))
        else {
            continue;
        };
        let author = attr(open.as_bytes(), |n| n == b"authorId")
            .and_then(parse_count)
            .and_then(|i| authors.get(i as usize))
            .map_or("", String::as_str);
        let typed: String = elements(inner, "t")
            .map(|(_, t)| unescape(t.as_bytes()))
            .collect();
        if let Some(said) = clerk_comment(&typed, author) {
            out.push((row, said));
        }
    }
    out.sort_by_key(|(r, _)| *r);
    out
}

/// What a clerk's comment says, on one line ([`comment_text`]); `None` for an empty one and
/// for sokhach's own notes (by their author, [`OWN_NOTE_AUTHOR`], or how they begin).
pub(super) fn clerk_comment(typed: &str, author: &str) -> Option<String> {
    if author == OWN_NOTE_AUTHOR {
        return None;
    }
    let said = comment_text(typed, author);
    let own = OWN_NOTE_OPENINGS.iter().any(|o| said.starts_with(o));
    (!said.is_empty() && !own).then_some(said)
}

/// What a comment says: without the author's name Excel puts first («Nguyễn Văn A:»), and of a
/// threaded comment's stand-in text only the comment; on one line.
fn comment_text(typed: &str, author: &str) -> String {
    let mut t = typed.trim();
    if t.starts_with("[Threaded comment]") {
        t = t.split_once("Comment:").map_or("", |(_, c)| c).trim();
    }
    if !author.is_empty() {
        if let Some(rest) = t.strip_prefix(author).and_then(|r| r.strip_prefix(':')) {
            t = rest.trim();
        }
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each `<name …>inner</name>` of `text` (with or without a namespace prefix; `<name…/>` with
/// an empty inner text, so that elements counted by position keep their places): the opening
/// tag's inside and the inner text.
pub(super) fn elements<'t>(
    text: &'t str,
    name: &'t str,
) -> impl Iterator<Item = (&'t str, &'t str)> + 't {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let lt = rest.find('<')?;
        rest = &rest[lt + 1..];
        let gt = rest.find('>')?;
        let tag = &rest[..gt];
        let tag_name = tag.split(|c: char| c.is_whitespace() || c == '/').next()?;
        let local = tag_name.rsplit(':').next()?;
        if local != name {
            continue;
        }
        if tag.ends_with('/') {
            rest = &rest[gt + 1..];
            return Some((tag, ""));
        }
        let body = &rest[gt + 1..];
        let close = format!("</{tag_name}>");
        let end = body.find(&close)?;
        rest = &body[end + close.len()..];
        return Some((tag, &body[..end]));
    })
}

/// What the guard saw in one worksheet part besides its soundness.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SheetScan {
    /// Areas merged over several rows, sorted by first row.
    pub merges: Vec<TallMerge>,
    /// Rows (1-based, as Excel numbers them, ascending) whose every filled cell is struck
    /// through: a clerk's way of crossing a customer out of the book.
    pub struck_rows: Vec<u32>,
    /// Cells struck through on rows not struck as a whole (an old number, a former address):
    /// (row, 0-based column), sorted.
    pub struck_cells: Vec<(u32, u32)>,
    /// Whether some cell's own rich text has a run that strikes (an inline string): the part
    /// is read again for them ([`super::struck_text_cells`]).
    pub struck_runs: bool,
}

/// Streams every worksheet part of an xlsx once, refusing XML that calamine would read
/// leniently and wrongly: a stray `<` inside a tag (calamine then loses the cell's type and shows
/// a shared-string index as the value) or a part cut short before `</sheetData>`. On the way,
/// each part's areas merged over several rows (`<mergeCell ref="B2:B3"/>`), sorted by first row.
pub fn scan_xlsx_sheets(
    path: &Path,
    parts: &[String],
    limits: &Limits,
) -> Result<Vec<Vec<TallMerge>>, GuardError> {
    let scans = scan_xlsx_sheets_struck(path, parts, limits, &[])?;
    Ok(scans.into_iter().map(|s| s.merges).collect())
}

/// [`scan_xlsx_sheets`], with the rows struck through: `struck` says which cell formats
/// (`cellXfs`, by index) strike their text through ([`struck_styles`]); empty, none is looked
/// for (a book without such a format costs nothing more).
pub fn scan_xlsx_sheets_struck(
    path: &Path,
    parts: &[String],
    limits: &Limits,
    struck: &[bool],
) -> Result<Vec<SheetScan>, GuardError> {
    let file = File::open(path)?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(zip_err)?;
    let mut all = Vec::with_capacity(parts.len());
    for part in parts {
        let i = part_index(&mut zip, part)?;
        let entry = zip.by_index(i).map_err(zip_err)?;
        let mut tags = TagScanner::new(entry.take(limits.max_entry_uncompressed.saturating_add(1)));
        let (mut opened, mut closed) = (false, false);
        let mut merges = Vec::new();
        let mut struck_runs = false;
        let mut rows = StruckRows::default();
        let look_for_strikes = struck.contains(&true);
        let looked = tags.look_at_every_tag(|tag, stray_lt| {
            if stray_lt {
                return Err(());
            }
            if look_for_strikes {
                rows.look(tag, struck);
            }
            // Only `sheetData` and `mergeCell` matter here: most tags are cells (`c`, `v`, `/c`, …).
            match tag.first() {
                Some(b's' | b'/') => match tag_name(tag) {
                    b"sheetData" => opened = tag.last() != Some(&b'/'),
                    b"/sheetData" => closed = true,
                    b"strike" => struck_runs = true,
                    _ => {}
                },
                Some(b'm') if tag_name(tag) == b"mergeCell" && merges.len() < MAX_MERGES => {
                    if let Some(m) = attr(tag, |n| n == b"ref").and_then(tall_merge) {
                        merges.push(m);
                    }
                }
                _ => {}
            }
            Ok(())
        });
        match looked {
            Ok(Ok(())) => {}
            Ok(Err(())) => return Err(GuardError::Corrupt(format!("{part}: a malformed XML tag"))),
            Err(e) => return Err(GuardError::Corrupt(format!("{part}: {e}"))),
        }
        if opened && !closed {
            return Err(GuardError::Corrupt(format!("{part} is cut short")));
        }
        merges.sort_by_key(|m: &TallMerge| (m.first_row, m.column));
        rows.end_row();
        rows.cells.sort_unstable();
        all.push(SheetScan {
            merges,
            struck_rows: rows.rows,
            struck_cells: rows.cells,
            struck_runs,
        });
    }
    Ok(all)
}

/// The index in `zip` of the part named `part` (its name's case and slashes aside).
pub(super) fn part_index<R: Read + std::io::Seek>(
    zip: &mut ZipArchive<R>,
    part: &str,
) -> Result<usize, GuardError> {
    (0..zip.len())
        .find(|&i| {
            zip.by_index_raw(i).is_ok_and(|e| {
                String::from_utf8_lossy(e.name_raw())
                    .replace('\\', "/")
                    .eq_ignore_ascii_case(part)
            })
        })
        .ok_or_else(|| GuardError::MissingPart(part.to_string()))
}

/// Rows struck through, found cell by cell: a row whose filled cells (a `<c>` with content)
/// all have a struck format, or all but one when two or more do (a clerk who selects the
/// row's data leaves its «STT» as it was).
#[derive(Default)]
pub(super) struct StruckRows {
    row: u32,
    struck: u32,
    plain: u32,
    /// The current row's struck cells' columns (0-based).
    columns: Vec<u32>,
    pub(super) rows: Vec<u32>,
    /// Cells struck on a row not struck as a whole: (row, 0-based column), in sheet order.
    pub(super) cells: Vec<(u32, u32)>,
}

impl StruckRows {
    fn look(&mut self, tag: &[u8], struck: &[bool]) {
        match tag.first() {
            Some(b'r') if local_name(tag_name(tag)) == b"row" => {
                let row = attr(tag, |n| n == b"r")
                    .and_then(parse_count)
                    .map_or(self.row + 1, |r| r as u32);
                self.start_row(row);
            }
            Some(b'/') if local_name(&tag_name(tag)[1..]) == b"row" => self.end_row(),
            Some(b'c') if tag_name(tag) == b"c" && tag.last() != Some(&b'/') => {
                let s = attr(tag, |n| n == b"s").and_then(parse_count);
                let at = attr(tag, |n| n == b"r").and_then(|r| std::str::from_utf8(r).ok());
                let column = at.and_then(cell_ref).map(|(column, _)| column);
                self.cell(
                    column,
                    s.is_some_and(|s| struck.get(s as usize) == Some(&true)),
                );
            }
            _ => {}
        }
    }

    /// Row `row` (1-based) begins: the one before it is settled.
    pub(super) fn start_row(&mut self, row: u32) {
        self.end_row();
        self.row = row;
    }

    /// A filled cell of the current row, at `column` (0-based) when known, struck or not.
    pub(super) fn cell(&mut self, column: Option<u32>, struck: bool) {
        if struck {
            self.struck += 1;
            self.columns.extend(column);
        } else {
            self.plain += 1;
        }
    }

    pub(super) fn end_row(&mut self) {
        let crossed = self.struck > 0 && self.plain == 0 || self.struck >= 2 && self.plain <= 1;
        if crossed && self.rows.last() != Some(&self.row) {
            self.rows.push(self.row);
        } else if !crossed && self.cells.len() < MAX_MERGES {
            let row = self.row;
            self.cells.extend(self.columns.iter().map(|&c| (row, c)));
        }
        (self.struck, self.plain) = (0, 0);
        self.columns.clear();
    }
}

/// Which cell formats of `styles.xml` (`<cellXfs>`, by index) strike their text through: their
/// font (`<fonts>`, by `fontId`) has `<strike/>` (not `<strike val="0"/>`). Empty when none
/// does.
pub(super) fn struck_styles(xml: &[u8]) -> Vec<bool> {
    let mut tags = TagScanner::new(xml);
    let (mut fonts, mut xfs): (Vec<bool>, Vec<bool>) = (Vec::new(), Vec::new());
    let (mut in_fonts, mut in_font, mut in_xfs) = (false, false, false);
    let mut font_struck = false;
    let _ = tags.look_at_every_tag(|tag, _| -> Result<(), ()> {
        let name = tag_name(tag);
        let (end, name) = match name.strip_prefix(b"/") {
            Some(n) => (true, local_name(n)),
            None => (false, local_name(name)),
        };
        let alone = tag.last() == Some(&b'/');
        match (name, end) {
            (b"fonts", false) => in_fonts = !alone,
            (b"fonts", true) => in_fonts = false,
            (b"font", false) if in_fonts => {
                font_struck = false;
                in_font = !alone;
                if alone {
                    fonts.push(false);
                }
            }
            (b"font", true) if in_font => {
                fonts.push(font_struck);
                in_font = false;
            }
            (b"strike", false) if in_font => {
                font_struck = !matches!(attr(tag, |n| n == b"val"), Some(b"0" | b"false"));
            }
            (b"cellXfs", false) => in_xfs = !alone,
            (b"cellXfs", true) => in_xfs = false,
            (b"xf", false) if in_xfs => {
                let font = attr(tag, |n| n == b"fontId").and_then(parse_count);
                xfs.push(font.is_some_and(|f| fonts.get(f as usize) == Some(&true)));
            }
            _ => {}
        }
        Ok(())
    });
    if xfs.contains(&true) {
        xfs
    } else {
        Vec::new()
    }
}

/// "B2:C4" → the area's first column over rows 2–4; `None` for one row ("A1:E1", a title) or
/// a reference that does not read.
fn tall_merge(r: &[u8]) -> Option<TallMerge> {
    let s = std::str::from_utf8(r).ok()?;
    let (a, b) = s.split_once(':')?;
    let (c1, r1) = cell_ref(a)?;
    let (_, r2) = cell_ref(b)?;
    (r2 > r1).then_some(TallMerge {
        first_row: r1,
        last_row: r2,
        column: c1,
    })
}

/// "AB12" → (27, 12): 0-based column, 1-based row.
pub(super) fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    Some((col, digits.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::fixtures::{check, write_parts, xlsx_parts, SST, WORKBOOK};
    use crate::ingest::guard::preflight_zip;
    use crate::ingest::guard::testsupport::find_bytes;

    /// A comments part: each comment's row and text, its author's name before it left out, a
    /// threaded comment's stand-in read for its comment, sokhach's own notes not read.
    #[test]
    fn comments_are_read_without_their_authors_names() {
        let xml = r#"<?xml version="1.0"?><comments xmlns="x"><authors><author>Lan</author><author>sokhach</author><author>tc={1}</author></authors><commentList><comment ref="B5" authorId="0"><text><r><rPr><b/></rPr><t>Lan:</t></r><r><t xml:space="preserve">
Khách không nhận  quảng cáo &amp; tin nhắn</t></r></text></comment><comment ref="A3" authorId="1"><text><t>Giá trị gốc: 12 Lê Lợi</t></text></comment><comment ref="C3" authorId="2"><text><t>[Threaded comment]

Your version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924

Comment:
    Đã chuyển nhà</t></text></comment><comment ref="D2" authorId="0"><text><t></t></text></comment><comment ref="E2" authorId="0"><text><t>Giá trị gốc: Cụng ty TNHH Kim Hoàng Toàn
(so.xlsx › Khách hàng › 2)</t></text></comment></commentList></comments>"#;
        assert_eq!(
            parse_comments(xml.as_bytes()),
            vec![
                (3, "Đã chuyển nhà".to_string()),
                (5, "Khách không nhận quảng cáo & tin nhắn".to_string()),
            ]
        );
        assert_eq!(
            resolve_part("xl/worksheets", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(
            resolve_part("xl/worksheets", "/xl/comments/comment1.xml"),
            "xl/comments/comment1.xml"
        );
    }

    /// The formats whose font strikes through, by index; none struck, nothing to look for.
    #[test]
    fn struck_formats_are_read_from_the_styles() {
        let styles = br#"<styleSheet><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/></font><font><strike val="0"/></font></fonts><cellXfs count="4"><xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="2"/><xf fontId="1"></xf></cellXfs></styleSheet>"#;
        assert_eq!(struck_styles(styles), vec![false, true, false, true]);
        let plain = br#"<styleSheet><fonts><font/><font><b/></font></fonts><cellXfs><xf fontId="1"/></cellXfs></styleSheet>"#;
        assert!(struck_styles(plain).is_empty());
    }

    /// A row is struck when its filled cells are (all but an «STT» left as it was); a row
    /// with one old number struck, or empty struck cells only, is not.
    #[test]
    fn rows_whose_filled_cells_are_struck() {
        let struck = [false, true];
        let mut rows = StruckRows::default();
        let sheet: &[&[u8]] = &[
            b"row r=\"2\"",
            b"c r=\"A2\" s=\"1\"",
            b"c r=\"B2\" s=\"1\"",
            b"/row",
            b"row r=\"3\"",
            b"c r=\"A3\"",
            b"c r=\"B3\" s=\"1\"",
            b"/row",
            b"row r=\"4\"",
            b"c r=\"A4\"",
            b"c r=\"B4\" s=\"1\"",
            b"c r=\"C4\" s=\"1\"",
            b"/row",
            b"row r=\"5\"",
            b"c r=\"A5\"",
            b"c r=\"B5\" s=\"1\"/",
            b"/row",
            b"row r=\"6\"",
            b"c r=\"A6\" s=\"1\"",
            b"/row",
        ];
        for tag in sheet {
            rows.look(tag, &struck);
        }
        rows.end_row();
        assert_eq!(rows.rows, vec![2, 4, 6]);
        // Row 3's B is struck alone (its A is not): a cell, not the row.
        assert_eq!(rows.cells, vec![(3, 1)]);
    }

    /// A merged area's reference: its first column over its rows; one row is no tall area.
    #[test]
    fn merged_areas_over_rows_are_read_from_their_reference() {
        let m = |r: &str| tall_merge(r.as_bytes());
        assert_eq!(
            m("B2:C4"),
            Some(TallMerge {
                first_row: 2,
                last_row: 4,
                column: 1
            })
        );
        assert_eq!(m("AA10:AA11").map(|t| t.column), Some(26));
        for none in ["A1:E1", "A2", "a2:a3", "B3:B2", "A:A", "ABCD1:ABCD2"] {
            assert_eq!(m(none), None, "{none}");
        }
    }

    #[test]
    fn normal_xlsx_passes_and_calamine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert_eq!(facts.entries, 6);
        assert_eq!(facts.sheets, vec!["xl/worksheets/sheet1.xml".to_string()]);
        assert_eq!(facts.sheet_names, vec!["Khách & hàng".to_string()]);
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&p).unwrap();
        let r = wb.worksheet_range("Khách & hàng").unwrap();
        assert_eq!(r.get_value((0, 0)).unwrap().to_string(), "Tên khách hàng");
    }

    /// The finding callers rely on: the streaming reader survives a stray cell at
    /// XFD1048576 and a full-sheet `<dimension>` (`worksheet_range` would abort on the first).
    #[test]
    fn calamine_cells_reader_streams_far_cells() {
        let far = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData></worksheet>"#;
        let mut parts = xlsx_parts(SST);
        parts[4].1 = far.as_bytes().to_vec();
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "far.xlsx", &parts);
        preflight_zip(&p, &Limits::default()).unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&p).unwrap();
        let mut cells = wb.worksheet_cells_reader("Khách & hàng").unwrap();
        let mut seen = Vec::new();
        while let Some(c) = cells.next_cell().unwrap() {
            seen.push(c.get_position());
        }
        assert_eq!(seen, [(0, 0), (1_048_575, 16_383)]);
    }

    /// The sheet scan refuses a `<` inside a tag and a part cut short, and lets a quoted `<`
    /// and a tag cut by the scanner's buffer through (a sheet of 200 KB).
    #[test]
    fn sheet_scan_refuses_stray_lt_and_cut_parts() {
        use crate::ingest::guard::fixtures::SHEET;
        let scan = |sheet: String| {
            let mut parts = xlsx_parts(SST);
            parts[4].1 = sheet.into_bytes();
            let dir = tempfile::tempdir().unwrap();
            let p = write_parts(&dir, "s.xlsx", &parts);
            scan_xlsx_sheets(
                &p,
                &["xl/worksheets/sheet1.xml".to_string()],
                &Limits::default(),
            )
        };
        assert!(scan(SHEET.to_string()).is_ok());
        let rows: String = (2..6000)
            .map(|r| {
                format!(
                    r#"<row r="{r}"><c r="A{r}" t="inlineStr" x='<'><is><t>{r}</t></is></c></row>"#
                )
            })
            .collect();
        let long = SHEET.replace("</sheetData>", &format!("{rows}</sheetData>"));
        assert!(long.len() > 200_000);
        assert!(scan(long.clone()).is_ok());
        let stray = long.replace(r#"<c r="A5000" "#, r#"<c r="A5000" <"#);
        let r = scan(stray);
        assert!(
            matches!(&r, Err(GuardError::Corrupt(m)) if m.contains("malformed")),
            "{r:?}"
        );
        let cut = long[..long.find("</sheetData>").unwrap()].to_string();
        let r = scan(cut);
        assert!(
            matches!(&r, Err(GuardError::Corrupt(m)) if m.contains("cut short")),
            "{r:?}"
        );
    }

    #[test]
    fn damaged_shared_strings_is_corrupt() {
        // Flip bytes inside the deflated sharedStrings data: inflate or CRC fails cleanly.
        let dir = tempfile::tempdir().unwrap();
        let long = SST.replace("Tên khách hàng", &"Nguyễn Văn Ánh ".repeat(200));
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(&long));
        let mut bytes = std::fs::read(&p).unwrap();
        let at = find_bytes(&bytes, b"xl/sharedStrings.xml").unwrap() + 40;
        for b in &mut bytes[at..at + 16] {
            *b ^= 0x5a;
        }
        std::fs::write(&p, &bytes).unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::Corrupt(_))), "{r:?}");
    }

    #[test]
    fn huge_unique_count_is_refused_before_calamine() {
        let sst = SST.replace(r#"uniqueCount="1""#, r#"uniqueCount="4000000000""#);
        let r = check(&xlsx_parts(&sst));
        assert!(
            matches!(
                r,
                Err(GuardError::SharedStringsCount {
                    declared: 4_000_000_000,
                    ..
                })
            ),
            "{r:?}"
        );
        // Overflowing digit strings are refused too.
        let sst = SST.replace(
            r#"uniqueCount="1""#,
            r#"uniqueCount="99999999999999999999999""#,
        );
        assert!(matches!(
            check(&xlsx_parts(&sst)),
            Err(GuardError::SharedStringsCount { .. })
        ));
        // Hiding the table behind 100 KB of comment does not get past.
        let sst = SST.replace("<sst ", &format!("<!--{}--><sst ", "x".repeat(100_000)));
        let sst = sst.replace(r#"uniqueCount="1""#, r#"uniqueCount="4000000000""#);
        assert!(matches!(
            check(&xlsx_parts(&sst)),
            Err(GuardError::Corrupt(_))
        ));
        // A plausible count passes.
        let sst = SST.replace(r#"uniqueCount="1""#, r#"uniqueCount="20""#);
        assert!(check(&xlsx_parts(&sst)).is_ok());
    }

    #[test]
    fn missing_sheet_part() {
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/worksheets/sheet1.xml")
            .collect();
        let r = check(&parts);
        assert!(
            matches!(&r, Err(GuardError::MissingPart(p)) if p == "xl/worksheets/sheet1.xml"),
            "{r:?}"
        );
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/workbook.xml")
            .collect();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
        let parts: Vec<_> = xlsx_parts(SST)
            .into_iter()
            .filter(|(n, _)| *n != "xl/_rels/workbook.xml.rels")
            .collect();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
        // A sheet pointing at a relationship that does not exist.
        let mut parts = xlsx_parts(SST);
        parts[2].1 = WORKBOOK.replace("rId1", "rId9").into_bytes();
        assert!(matches!(check(&parts), Err(GuardError::MissingPart(_))));
    }
}
