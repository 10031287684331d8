//! Test helpers: a temporary work folder, running the binary, reading outputs back.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root (fixtures live under testdata/ and examples/).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn testdata(name: &str) -> PathBuf {
    repo().join("testdata").join(name)
}

/// A temporary folder that is removed when dropped.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A work folder that is also a workspace (a minimal `sokhach.toml`): its state and its
    /// requests book are remembered from run to run.
    pub fn workspace() -> Workdir {
        let w = Workdir::new();
        w.write("sokhach.toml", "version = 1\n");
        w
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    /// `sokhach` with a clean environment, run inside this folder.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("sokhach").expect("binary");
        c.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        c
    }
}

/// Every sheet of a workbook as rows of display strings.
pub fn read_xlsx(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).expect("open xlsx");
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).expect("sheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (n, rows)
        })
        .collect()
}

/// One sheet of a workbook, each cell as its text (see [`read_xlsx`]).
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    read_xlsx(path)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, rows)| rows)
        .unwrap_or_else(|| panic!("no sheet {name} in {}", path.display()))
}

/// lineage.csv as records (BOM stripped), header included.
pub fn read_lineage(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("lineage");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("lineage starts with a BOM");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    rdr.records()
        .map(|r| r.expect("record").iter().map(|s| s.to_string()).collect())
        .collect()
}

pub fn blake3_file(path: &Path) -> String {
    blake3::hash(&std::fs::read(path).expect("read"))
        .to_hex()
        .to_string()
}

/// The requests book's header row, as `sokhach init` writes it.
pub const REQ_HEADER: [&str; 11] = [
    "Ngày nhận",
    "Loại yêu cầu",
    "Mã KH",
    "Điện thoại",
    "Email",
    "MST",
    "Tên",
    "Trường cần sửa",
    "Giá trị mới",
    "Kênh nhận",
    "Ghi chú",
];

/// Writes `yeu-cau.xlsx` in the work folder: the header row, then each request as
/// (column index in `REQ_HEADER`, value) pairs.
pub fn write_requests(w: &Workdir, rows: &[&[(usize, &str)]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Yêu cầu").expect("sheet name");
    for (c, h) in REQ_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter() {
            ws.write_string(r as u32 + 1, *c as u16, *v).expect("cell");
        }
    }
    wb.save(w.path("yeu-cau.xlsx")).expect("save yeu-cau.xlsx");
}

/// Writes a workbook of text-cell sheets (name, rows) to `path`, as a clerk's workbook of
/// several sheets.
pub fn save_text_sheets(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// Writes one sheet of text cells to `path`, the cells `struck(row, column)` names struck
/// through: a clerk's way of crossing a row out.
pub fn save_struck_sheet(
    path: &Path,
    sheet: &str,
    rows: &[&[&str]],
    struck: impl Fn(usize, usize) -> bool,
) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let strike = rust_xlsxwriter::Format::new().set_font_strikethrough();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r16, c16) = (r as u32, c as u16);
            if struck(r, c) {
                ws.write_string_with_format(r16, c16, *v, &strike).unwrap();
            } else {
                ws.write_string(r16, c16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}
