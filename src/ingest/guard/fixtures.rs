//! Workbooks the guard's unit tests start from.

use std::path::PathBuf;

use super::testsupport::{self, zip_bytes};
use super::{preflight_xls, preflight_zip, GuardError, Limits, ZipFacts};

pub(super) const CONTENT_TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
pub(super) const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
pub(super) const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Khách &amp; hàng" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
pub(super) const WB_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
pub(super) const SHEET: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row></sheetData></worksheet>"#;
pub(super) const SST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Tên khách hàng</t></si></sst>"#;

pub(super) const CELL: &str =
    r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

pub(super) fn xlsx_parts(sst: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", WB_RELS.into()),
        ("xl/worksheets/sheet1.xml", SHEET.into()),
        ("xl/sharedStrings.xml", sst.as_bytes().to_vec()),
    ]
}

pub(super) fn write_parts(
    dir: &tempfile::TempDir,
    name: &str,
    parts: &[(&str, Vec<u8>)],
) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, zip_bytes(parts, zip::CompressionMethod::Deflated)).unwrap();
    p
}

/// [`testsupport::ods_parts`] with a comment before the table that holds `>` and quotes.
pub(super) fn ods_parts(table_body: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut parts = testsupport::ods_parts(table_body);
    let content = String::from_utf8(std::mem::take(&mut parts[1].1)).unwrap();
    parts[1].1 = content
        .replacen(
            "<table:table ",
            r#"<!-- a > comment "' --><table:table "#,
            1,
        )
        .into_bytes();
    parts
}

pub(super) fn check(parts: &[(&str, Vec<u8>)]) -> Result<ZipFacts, GuardError> {
    let dir = tempfile::tempdir().unwrap();
    let p = write_parts(&dir, "t.xlsx", parts);
    preflight_zip(&p, &Limits::default())
}

pub(super) fn check_xls(bytes: &[u8]) -> Result<(), GuardError> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.xls");
    std::fs::write(&p, bytes).unwrap();
    preflight_xls(&p, &Limits::default()).map(|_| ())
}
