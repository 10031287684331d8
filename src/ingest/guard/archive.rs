//! A ZIP-based workbook as a whole: which kind it is and whether the parts its workbook
//! names are all there.

use std::path::Path;

use super::error::GuardError;
use super::limits::Limits;
use super::package::{Package, MAX_META_PART};
use super::runs::{self, StruckCell, StruckText};
use super::xlsx::TallMerge;
use super::{ods, xlsx};

/// An ods table's rows struck through, its cells struck on rows not struck whole, and its
/// cells part of whose text is struck.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OdsStruck {
    pub rows: Vec<u32>,
    pub cells: Vec<(u32, u32)>,
    pub texts: Vec<StruckCell>,
}

/// What preflight learned, for the caller's log and sheet selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZipFacts {
    pub entries: usize,
    pub uncompressed_total: u64,
    /// Sheet part paths in workbook order (xlsx/xlsb); empty for ods, whose tables all live
    /// in content.xml.
    pub sheets: Vec<String>,
    /// Sheet names as the user sees them (xlsx and ods; xlsb keeps them in binary records).
    pub sheet_names: Vec<String>,
    /// The compressed size of each sheet part (as `sheets`): how much of the file each is,
    /// for the reading progress.
    pub sheet_bytes: Vec<u64>,
    /// The size of the shared-string table (xlsx; 0 without one), as its entry claims: what
    /// each calamine opening of the book parses.
    pub shared_strings_bytes: u64,
    /// Per ods table (as `sheet_names`), its cells merged down several rows, sorted by first
    /// row; empty for an xlsx, whose merges are read with its sheets.
    pub ods_merges: Vec<Vec<TallMerge>>,
    /// Per ods table (as `sheet_names`), its comments: (row, text) sorted by row (an xlsx's
    /// are in `comments`).
    pub ods_comments: Vec<Vec<(u32, String)>>,
    /// Per ods table (as `sheet_names`), its rows struck through and its cells struck on rows
    /// not struck whole.
    pub ods_struck: Vec<OdsStruck>,
    /// Which cell formats strike their text through (xlsx, by `cellXfs` index; empty when
    /// none does): the rows a clerk crossed out are found with them.
    pub struck_styles: Vec<bool>,
    /// The comments of each sheet part (as `sheets`; xlsx): (row, text) sorted by row.
    pub comments: Vec<Vec<(u32, String)>>,
    /// The shared strings part of whose text a clerk struck through (xlsx; by index,
    /// ascending): the cells showing them are found as their sheet is read.
    pub struck_strings: Vec<(u32, StruckText)>,
}

/// Checks a ZIP-based workbook without inflating its sheets (ODS content.xml excepted: it is
/// streamed once). Run it before any calamine call on the file.
pub fn preflight_zip(path: &Path, limits: &Limits) -> Result<ZipFacts, GuardError> {
    let mut pkg = Package::open(path, limits)?;
    let mut facts = ZipFacts {
        entries: pkg.zip.len(),
        uncompressed_total: pkg.total,
        ..ZipFacts::default()
    };
    if pkg.find("xl/workbook.xml").is_none() {
        if let Some(mimetype) = pkg.find("mimetype") {
            for t in ods::check_ods(&mut pkg, mimetype, limits)? {
                facts.sheet_names.push(t.name);
                facts.ods_merges.push(t.merges);
                facts.ods_comments.push(t.comments);
                facts.ods_struck.push(OdsStruck {
                    rows: t.struck_rows,
                    cells: t.struck_cells,
                    texts: t.struck_texts,
                });
            }
            return Ok(facts);
        }
    }
    // Word and PowerPoint packages keep their parts under word/ and ppt/.
    if !pkg.has_under("xl/") {
        return Err(GuardError::NoWorkbook);
    }
    (facts.sheets, facts.sheet_names) = xlsx::list_sheets(&mut pkg, limits)?;
    for part in &facts.sheets {
        let Some(i) = pkg.find(part) else {
            return Err(GuardError::MissingPart(part.clone()));
        };
        let size = pkg.zip.by_index_raw(i).map_or(0, |e| e.compressed_size());
        facts.sheet_bytes.push(size);
    }
    if let Some(i) = pkg.find("xl/sharedStrings.xml") {
        facts.shared_strings_bytes = pkg.zip.by_index_raw(i).map_or(0, |e| e.size());
        // (Struck runs only inform, as formats do: a table that does not read strikes nothing.)
        if facts.shared_strings_bytes <= runs::MAX_STRUCK_TABLE {
            if let Ok(xml) = pkg.read(i, runs::MAX_STRUCK_TABLE) {
                facts.struck_strings = runs::struck_shared_strings(&xml);
            }
        }
    }
    // (Formats only inform: a styles part that does not read strikes nothing out.)
    if let Some(xml) = pkg
        .find("xl/styles.xml")
        .and_then(|i| pkg.read(i, MAX_META_PART).ok())
    {
        facts.struck_styles = xlsx::struck_styles(&xml);
    }
    facts.comments = xlsx::comments_of_parts(&mut pkg, &facts.sheets);
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::fixtures::{
        check, write_parts, xlsx_parts, CONTENT_TYPES, ROOT_RELS, SHEET, SST,
    };
    use crate::ingest::guard::limits::MIB;
    use crate::ingest::guard::testsupport::find_bytes;
    use std::fs::File;
    use std::io::{self, Read, Write};
    use zip::write::SimpleFileOptions;
    use zip::ZipArchive;

    #[test]
    fn not_a_zip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, "Tên,SĐT\nAn,0912345678\n").unwrap();
        assert!(matches!(
            preflight_zip(&p, &Limits::default()),
            Err(GuardError::NotZip)
        ));
        std::fs::write(&p, "").unwrap();
        assert!(matches!(
            preflight_zip(&p, &Limits::default()),
            Err(GuardError::NotZip)
        ));
    }

    #[test]
    fn docx_renamed_is_no_workbook() {
        let parts = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            (
                "_rels/.rels",
                ROOT_RELS
                    .replace("xl/workbook.xml", "word/document.xml")
                    .into_bytes(),
            ),
            ("word/document.xml", b"<w:document/>".to_vec()),
        ];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
        // Without any rels at all, still not a workbook.
        let parts = vec![("word/document.xml", b"<w:document/>".to_vec())];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
        let parts = vec![("notes.txt", b"hello".to_vec())];
        assert!(matches!(check(&parts), Err(GuardError::NoWorkbook)));
    }

    #[test]
    fn truncated_xlsx_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let bytes = std::fs::read(&p).unwrap();
        for cut in [bytes.len() / 2, bytes.len() - 10, 30] {
            let t = dir.path().join("cut.xlsx");
            std::fs::write(&t, &bytes[..cut]).unwrap();
            let r = preflight_zip(&t, &Limits::default());
            assert!(matches!(r, Err(GuardError::Corrupt(_))), "cut {cut}: {r:?}");
            assert!(r.is_err_and(|e| e.is_corrupt() && !e.is_encrypted()));
        }
    }

    #[test]
    fn case_and_backslash_in_part_names_are_found() {
        let mut parts = xlsx_parts(SST);
        parts[4].0 = "XL\\Worksheets\\Sheet1.xml";
        assert!(check(&parts).is_ok());
    }

    #[test]
    fn zero_filled_bomb_is_refused() {
        // 200 MB of zeros deflates to ~200 KB; written in 1 MB chunks to stay small.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bomb.xlsx");
        let mut z = zip::ZipWriter::new(File::create(&p).unwrap());
        for (n, b) in xlsx_parts(SST) {
            if n == "xl/worksheets/sheet1.xml" {
                continue;
            }
            z.start_file(n, SimpleFileOptions::default()).unwrap();
            z.write_all(&b).unwrap();
        }
        z.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default())
            .unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..200 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(
            matches!(r, Err(GuardError::SuspiciousRatio { .. })),
            "{r:?}"
        );
        // With the ratio check off, the size limit still catches it.
        let limits = Limits {
            max_ratio: u64::MAX,
            max_entry_uncompressed: 100 * MIB,
            ..Limits::default()
        };
        assert!(matches!(
            preflight_zip(&p, &limits),
            Err(GuardError::EntryTooLarge { .. })
        ));
    }

    /// Patches the uncompressed size of `entry` in its local and central headers.
    fn patch_size(bytes: &mut [u8], entry: &[u8], size: u32) {
        let mut i = 0;
        while let Some(k) = find_bytes(&bytes[i..], entry) {
            let name_at = i + k;
            if name_at >= 46 && bytes[name_at - 46..name_at - 42] == *b"PK\x01\x02" {
                bytes[name_at - 46 + 24..name_at - 46 + 28].copy_from_slice(&size.to_le_bytes());
            } else if name_at >= 30 && bytes[name_at - 30..name_at - 26] == *b"PK\x03\x04" {
                bytes[name_at - 30 + 22..name_at - 30 + 26].copy_from_slice(&size.to_le_bytes());
            }
            i = name_at + 1;
        }
    }

    #[test]
    fn declared_huge_size_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = write_parts(&dir, "ok.xlsx", &xlsx_parts(SST));
        let mut bytes = std::fs::read(&p).unwrap();
        patch_size(&mut bytes, b"xl/worksheets/sheet1.xml", 0xFFFF_FFF0);
        std::fs::write(&p, &bytes).unwrap();
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::EntryTooLarge { .. })), "{r:?}");
    }

    /// Pins the assumption that lets preflight trust declared sizes: zip 9.8 stops an entry
    /// that inflates past its declared size, so calamine cannot be fed more than declared.
    #[test]
    fn zip_crate_enforces_declared_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = format!("<sst>{}</sst>", "<si><t>x</t></si>".repeat(10_000));
        let p = write_parts(&dir, "lie.xlsx", &xlsx_parts(&big));
        let mut bytes = std::fs::read(&p).unwrap();
        patch_size(&mut bytes, b"xl/sharedStrings.xml", 100);
        std::fs::write(&p, &bytes).unwrap();
        let mut zip = ZipArchive::new(File::open(&p).unwrap()).unwrap();
        let mut f = zip.by_name("xl/sharedStrings.xml").unwrap();
        let mut out = Vec::new();
        let err = f.read_to_end(&mut out).unwrap_err();
        assert!(out.len() <= 100 + 64 * 1024, "read {}", out.len());
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        // And preflight, which reads the head of that part, fails cleanly.
        let r = preflight_zip(&p, &Limits::default());
        assert!(matches!(r, Err(GuardError::Corrupt(_))), "{r:?}");
    }

    #[test]
    fn big_workbook_preflight_is_fast() {
        // 50 MB of sheet and 10 MB of shared strings, stored uncompressed to build quickly.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.xlsx");
        let mut z = zip::ZipWriter::new(File::create(&p).unwrap());
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (n, b) in xlsx_parts(SST) {
            if n == "xl/worksheets/sheet1.xml" || n == "xl/sharedStrings.xml" {
                continue;
            }
            z.start_file(n, stored).unwrap();
            z.write_all(&b).unwrap();
        }
        let row = r#"<row><c t="s"><v>1</v></c><c><v>912345678</v></c></row>"#.repeat(1000);
        z.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
        z.write_all(SHEET.split("<sheetData>").next().unwrap().as_bytes())
            .unwrap();
        for _ in 0..(50 << 20) / row.len() + 1 {
            z.write_all(row.as_bytes()).unwrap();
        }
        z.write_all(b"</sheetData></worksheet>").unwrap();
        z.start_file("xl/sharedStrings.xml", stored).unwrap();
        z.write_all(br#"<?xml version="1.0"?><sst count="400000" uniqueCount="400000">"#)
            .unwrap();
        let si = "<si><t>Nguyễn Văn Ánh</t></si>".repeat(1000);
        for _ in 0..400 {
            z.write_all(si.as_bytes()).unwrap();
        }
        z.write_all(b"</sst>").unwrap();
        z.finish().unwrap();
        let t = std::time::Instant::now();
        let facts = preflight_zip(&p, &Limits::default()).unwrap();
        assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
        assert!(facts.uncompressed_total > 50 << 20);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn damaged_workbooks_never_panic(flips in proptest::collection::vec((0usize..4000, 0u8..=255), 1..8)) {
            let dir = tempfile::tempdir().unwrap();
            let p = write_parts(&dir, "m.xlsx", &xlsx_parts(SST));
            let mut bytes = std::fs::read(&p).unwrap();
            for (at, v) in flips {
                let n = bytes.len();
                bytes[at % n] = v;
            }
            std::fs::write(&p, &bytes).unwrap();
            let _ = preflight_zip(&p, &Limits::default());
            let _ = crate::ingest::sniff::sniff(&p);
        }
    }
}
