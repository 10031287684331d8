//! What a file really is, decided by its content: an xlsx named .csv and a CSV named .xlsx
//! both reach the office.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::guard::{biff_has_filepass, parse_ole_entry, Ole, OleEntry};
use super::io::read_up_to;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Also xlsm.
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    /// Any text: CSV, TSV, Excel "Unicode text".
    Csv,
    /// A password-protected workbook: an OLE container holding `EncryptedPackage` (xlsx),
    /// or an xls whose workbook stream starts with a FILEPASS record.
    Encrypted,
    /// What it is instead, in words for the clerk.
    NotSpreadsheet(&'static str),
    /// 0 bytes, or only a byte-order mark and whitespace.
    Empty,
}

const HEAD: usize = 64 * 1024;
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Fallback scan when the OLE chain cannot be followed.
const OLE_SCAN: u64 = 8 * 1024 * 1024;

/// Magic numbers of files people mistake for spreadsheets.
const NOT_SHEETS: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF"),
    (b"\x89PNG", "image"),
    (b"\xFF\xD8\xFF", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"Rar!", "compressed archive (RAR)"),
    (b"7z\xBC\xAF\x27\x1C", "compressed archive (7z)"),
    (b"\x1F\x8B", "compressed archive (gzip)"),
    (b"{\\rtf", "Word document (.rtf)"),
];

/// Markup that websites and old Excel versions save under an .xls name. Matched lowercased
/// at the start of the text.
const MARKUP: &[(&str, &str)] = &[
    (
        "<!doctype html",
        "web page (HTML) named as Excel: open it in Excel and save as .xlsx",
    ),
    (
        "<html",
        "web page (HTML) named as Excel: open it in Excel and save as .xlsx",
    ),
    (
        "<table",
        "web page (HTML) named as Excel: open it in Excel and save as .xlsx",
    ),
];
const SPREADSHEET_ML: &str = "urn:schemas-microsoft-com:office:spreadsheet";

pub fn sniff(path: &Path) -> io::Result<Format> {
    let mut file = File::open(path)?;
    let mut head = vec![0u8; HEAD];
    let n = read_up_to(&mut file, &mut head)?;
    head.truncate(n);

    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        file.rewind()?;
        return Ok(sniff_zip(file, &head));
    }
    if head.starts_with(OLE_MAGIC) {
        return sniff_ole(file);
    }
    for (magic, what) in NOT_SHEETS {
        if head.starts_with(magic) {
            return Ok(Format::NotSpreadsheet(what));
        }
    }
    sniff_text(&mut file, &head)
}

fn sniff_zip(file: File, head: &[u8]) -> Format {
    match zip::ZipArchive::new(BufReader::new(file)) {
        Ok(mut zip) => {
            let names: Vec<String> = zip
                .file_names_raw()
                .map(|n| {
                    String::from_utf8_lossy(n)
                        .replace('\\', "/")
                        .to_ascii_lowercase()
                })
                .collect();
            let has = |n: &str| names.iter().any(|x| x == n);
            let under = |d: &str| names.iter().any(|x| x.starts_with(d));
            if has("xl/workbook.xml") {
                Format::Xlsx
            } else if has("xl/workbook.bin") {
                Format::Xlsb
            } else if has("mimetype") && has("content.xml") {
                let mut mime = Vec::new();
                let read = zip
                    .by_name("mimetype")
                    .map_err(io::Error::other)
                    .and_then(|f| f.take(128).read_to_end(&mut mime));
                match read {
                    Err(_) => Format::Ods,
                    Ok(_) => odf_kind(&mime),
                }
            } else {
                zip_without_workbook(&under)
            }
        }
        // A truncated or damaged archive: the local headers at its start still name the
        // parts in plain text. preflight will report the damage.
        Err(_) => {
            let lower: Vec<u8> = head
                .iter()
                .map(|b| {
                    if *b == b'\\' {
                        b'/'
                    } else {
                        b.to_ascii_lowercase()
                    }
                })
                .collect();
            let contains = |n: &[u8]| lower.windows(n.len()).any(|w| w == n);
            if contains(b"mimetypeapplication/vnd.oasis.opendocument.") {
                let at = lower.windows(8).position(|w| w == b"mimetype").unwrap_or(0);
                odf_kind(&head[at + 8..])
            } else if contains(b"xl/workbook.bin") {
                Format::Xlsb
            } else if contains(b"xl/") {
                Format::Xlsx
            } else {
                zip_without_workbook(&|d: &str| contains(d.as_bytes()))
            }
        }
    }
}

fn odf_kind(mime: &[u8]) -> Format {
    const ODF: &[u8] = b"application/vnd.oasis.opendocument.";
    match mime.strip_prefix(ODF) {
        Some(rest) if rest.starts_with(b"spreadsheet") => Format::Ods,
        Some(rest) if rest.starts_with(b"text") => {
            Format::NotSpreadsheet("OpenDocument text (.odt)")
        }
        _ => Format::NotSpreadsheet("OpenDocument file, not a spreadsheet"),
    }
}

fn zip_without_workbook(under: &dyn Fn(&str) -> bool) -> Format {
    if under("word/") {
        Format::NotSpreadsheet("Word document (.docx)")
    } else if under("ppt/") {
        Format::NotSpreadsheet("PowerPoint presentation (.pptx)")
    } else {
        Format::NotSpreadsheet("ZIP archive without a workbook")
    }
}

/// Stream names of an OLE (Compound File) container, and the first record after the
/// workbook BOF (FILEPASS means a password).
fn sniff_ole(file: File) -> io::Result<Format> {
    let (entries, filepass) = match Ole::open(file.try_clone()?) {
        Ok(mut ole) if !ole.entries.is_empty() => {
            let filepass = match ole.workbook().cloned() {
                Some(wb) => ole
                    .read_stream(&wb, 512)
                    .is_ok_and(|head| biff_has_filepass(&head)),
                None => false,
            };
            (ole.entries, filepass)
        }
        _ => (ole_scan(file)?, false),
    };
    let has = |n: &str| entries.iter().any(|e| e.name.eq_ignore_ascii_case(n));
    Ok(if has("EncryptedPackage") || filepass {
        Format::Encrypted
    } else if has("Workbook") || has("Book") {
        Format::Xls
    } else if has("WordDocument") {
        Format::NotSpreadsheet("Word document (.doc)")
    } else if has("PowerPoint Document") {
        Format::NotSpreadsheet("PowerPoint presentation (.ppt)")
    } else {
        Format::NotSpreadsheet("OLE document, not a workbook (Word .doc?)")
    })
}

/// When the FAT cannot be followed: every 128-byte slot of the first megabytes that looks
/// like a directory entry.
fn ole_scan(file: File) -> io::Result<Vec<OleEntry>> {
    let mut data = Vec::new();
    let mut file = file;
    file.rewind()?;
    file.take(OLE_SCAN).read_to_end(&mut data)?;
    Ok(data
        .chunks_exact(128)
        .skip(4)
        .filter_map(parse_ole_entry)
        .collect())
}

fn sniff_text(file: &mut File, head: &[u8]) -> io::Result<Format> {
    if let Some((unit_le, bom)) = utf16_bom(head) {
        return Ok(
            if utf16_blank(&head[bom..], unit_le) && file_rest_blank(file, head)? {
                Format::Empty
            } else {
                Format::Csv
            },
        );
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Ok(if file_rest_blank(file, head)? {
            Format::Empty
        } else {
            Format::Csv
        });
    };
    let nul = body.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        if utf16_guess(body).is_some() {
            return Ok(Format::Csv);
        }
        if nul > 64 || nul * 100 > body.len() {
            return Ok(Format::NotSpreadsheet("binary file"));
        }
    }
    let text = &body[start..body.len().min(start + 1024)];
    let lower: Vec<u8> = text.iter().map(u8::to_ascii_lowercase).collect();
    for (prefix, what) in MARKUP {
        if lower.starts_with(prefix.as_bytes()) {
            return Ok(Format::NotSpreadsheet(what));
        }
    }
    if lower.starts_with(b"<?xml")
        && body
            .windows(SPREADSHEET_ML.len())
            .any(|w| w == SPREADSHEET_ML.as_bytes())
    {
        return Ok(Format::NotSpreadsheet(
            "Excel 2003 XML spreadsheet: open it in Excel and save as .xlsx",
        ));
    }
    Ok(Format::Csv)
}

/// (little endian, BOM length).
fn utf16_bom(head: &[u8]) -> Option<(bool, usize)> {
    if head.starts_with(b"\xFF\xFE") {
        Some((true, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((false, 2))
    } else {
        None
    }
}

fn utf16_blank(body: &[u8], le: bool) -> bool {
    body.chunks(2).all(|c| {
        let unit = if c.len() < 2 {
            u16::from(c[0])
        } else if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        };
        unit < 0x80 && (unit as u8).is_ascii_whitespace() || unit == 0
    })
}

/// True when the bytes after `head` are whitespace too (or there are none). Streams.
fn file_rest_blank(file: &mut File, head: &[u8]) -> io::Result<bool> {
    if head.len() < HEAD {
        return Ok(true);
    }
    file.seek(SeekFrom::Start(head.len() as u64))?;
    let mut buf = vec![0u8; HEAD];
    loop {
        let n = read_up_to(file, &mut buf)?;
        if n == 0 {
            return Ok(true);
        }
        if !buf[..n].iter().all(|&b| b.is_ascii_whitespace() || b == 0) {
            return Ok(false);
        }
    }
}

/// UTF-16 without a BOM: NULs on one byte parity, text on the other.
pub(super) fn utf16_guess(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::testsupport::{biff, ole_file as ole, zip_bytes};

    fn zip_file(
        dir: &tempfile::TempDir,
        name: &str,
        parts: &[(&str, &[u8])],
    ) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, zip_bytes(parts, zip::CompressionMethod::Deflated)).unwrap();
        p
    }

    fn sniff_bytes(bytes: &[u8]) -> Format {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.xlsx");
        std::fs::write(&p, bytes).unwrap();
        sniff(&p).unwrap()
    }

    #[test]
    fn zip_kinds() {
        let dir = tempfile::tempdir().unwrap();
        type Parts<'a> = &'a [(&'a str, &'a [u8])];
        let cases: &[(Parts, Format)] = &[
            (
                &[
                    ("[Content_Types].xml", b"<Types/>"),
                    ("xl/workbook.xml", b"<workbook/>"),
                ],
                Format::Xlsx,
            ),
            (&[("XL/Workbook.bin", b"\0")], Format::Xlsb),
            (
                &[
                    (
                        "mimetype",
                        b"application/vnd.oasis.opendocument.spreadsheet",
                    ),
                    ("content.xml", b"<x/>"),
                ],
                Format::Ods,
            ),
            (
                &[
                    ("mimetype", b"application/vnd.oasis.opendocument.text"),
                    ("content.xml", b"<x/>"),
                ],
                Format::NotSpreadsheet("OpenDocument text (.odt)"),
            ),
            (
                &[("word/document.xml", b"<w/>")],
                Format::NotSpreadsheet("Word document (.docx)"),
            ),
            (
                &[("photo.jpg", b"\xFF\xD8\xFF")],
                Format::NotSpreadsheet("ZIP archive without a workbook"),
            ),
        ];
        for (i, (parts, want)) in cases.iter().enumerate() {
            let p = zip_file(&dir, &format!("{i}.csv"), parts);
            assert_eq!(sniff(&p).unwrap(), *want, "case {i}");
            // Truncated: decided from the local headers.
            let bytes = std::fs::read(&p).unwrap();
            let cut = dir.path().join(format!("{i}-cut"));
            std::fs::write(&cut, &bytes[..bytes.len() - 30]).unwrap();
            assert_eq!(sniff(&cut).unwrap(), *want, "case {i} truncated");
        }
    }

    #[test]
    fn ole_kinds() {
        let bof: &[u8] = &[0u8; 16];
        let plain = biff(&[(0x0809, bof), (0x00E1, &[0, 0])], 4096);
        let locked = biff(&[(0x0809, bof), (0x002F, &[1, 0, 1, 0])], 4096);
        let cases = [
            (
                ole(&["Workbook", "SummaryInformation"], &plain),
                Format::Xls,
            ),
            (ole(&["Book"], &plain), Format::Xls),
            (ole(&["Workbook"], &locked), Format::Encrypted),
            (
                ole(&["EncryptionInfo", "EncryptedPackage"], &[0u8; 4096]),
                Format::Encrypted,
            ),
            (
                ole(&["WordDocument", "1Table"], &[0u8; 4096]),
                Format::NotSpreadsheet("Word document (.doc)"),
            ),
            (
                ole(&["Something"], &[0u8; 4096]),
                Format::NotSpreadsheet("OLE document, not a workbook (Word .doc?)"),
            ),
        ];
        for (i, (bytes, want)) in cases.iter().enumerate() {
            assert_eq!(sniff_bytes(bytes), *want, "case {i}");
        }
        // A broken FAT: the aligned scan still finds the names.
        let mut bytes = ole(&["EncryptionInfo", "EncryptedPackage"], &[0u8; 4096]);
        bytes[48..52].copy_from_slice(&0x7FFF_0000u32.to_le_bytes());
        assert_eq!(sniff_bytes(&bytes), Format::Encrypted);
        // A directory chain that loops on itself ends.
        let mut bytes = ole(&["Workbook"], &plain);
        bytes[512 + 4..512 + 8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(sniff_bytes(&bytes), Format::Xls);
    }

    #[test]
    fn text_and_other_kinds() {
        let cases: &[(&[u8], Format)] = &[
            (b"", Format::Empty),
            (b"\xEF\xBB\xBF", Format::Empty),
            (b"\xEF\xBB\xBF \r\n\t\n", Format::Empty),
            (b"\xFF\xFE", Format::Empty),
            (b"\xFF\xFE\n\0 \0", Format::Empty),
            (b"\xFF\xFEA\0\t\0B\0", Format::Csv),
            (b"\xFE\xFF\0A\0\t\0B", Format::Csv),
            (b"A\0,\0B\0\n\0C\0,\0D\0\n\0", Format::Csv),
            ("Tên;SĐT\nAn;0912\n".as_bytes(), Format::Csv),
            (b"Nguy\xEA\xDEn;1\n", Format::Csv),
            (b"%PDF-1.7\n", Format::NotSpreadsheet("PDF")),
            (b"\x89PNG\r\n\x1a\n", Format::NotSpreadsheet("image")),
            (b"\xFF\xD8\xFF\xE0", Format::NotSpreadsheet("image")),
            (b"GIF89a", Format::NotSpreadsheet("image")),
            (
                b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
                Format::NotSpreadsheet("ZIP archive without a workbook"),
            ),
        ];
        for (i, (bytes, want)) in cases.iter().enumerate() {
            assert_eq!(sniff_bytes(bytes), *want, "case {i}");
        }
        let mut bin = b"ELF".to_vec();
        bin.extend((0..4000u32).map(|i| (i % 7) as u8));
        assert_eq!(sniff_bytes(&bin), Format::NotSpreadsheet("binary file"));
        assert!(matches!(
            sniff_bytes(b"\n  <!DOCTYPE html><html><table>"),
            Format::NotSpreadsheet(w) if w.starts_with("web page")
        ));
        assert!(matches!(
            sniff_bytes(br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">"#),
            Format::NotSpreadsheet(w) if w.starts_with("Excel 2003 XML")
        ));
        // Whitespace beyond the first 64 KB, then text: not empty.
        let mut late = vec![b' '; 100_000];
        late.extend(b"a;b\n");
        assert_eq!(sniff_bytes(&late), Format::Csv);
        assert_eq!(sniff_bytes(&vec![b'\n'; 100_000]), Format::Empty);
    }

    #[test]
    fn real_workbook_from_writer_is_xlsx_whatever_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = zip_file(
            &dir,
            "khach.csv",
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("_rels/.rels", b"<Relationships/>"),
                ("xl/workbook.xml", b"<workbook/>"),
                ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
            ],
        );
        assert_eq!(sniff(&p).unwrap(), Format::Xlsx);
        assert!(sniff(&dir.path().join("missing")).is_err());
    }
}
