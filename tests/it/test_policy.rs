//! The privacy promises end to end: customers' requests (delete, correct, stop marketing),
//! the suppression list that keeps deleted people out of next week's run, retention, counts
//! that balance, the policy file, and the audit log / export / disclosure commands.
//!
//! Every input is made at test time: small UTF-8 CSV ledgers and a requests book
//! (`yeu-cau.xlsx`, written with rust_xlsxwriter) in the work folder, where `clean` looks for it.

use crate::common::{read_lineage, Workdir, REQ_HEADER};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HEADER: &str = "Họ tên,Điện thoại,Email,Địa chỉ,MST,Ngày giao dịch cuối";
const AS_OF: &str = "2025-06-01";
const OUT: &str = "out";

// ------------------------------------------------------------------------------------------
// the person who asks to be deleted, written differently in three ledgers

const HUNG_NAME: &str = "Nguyễn Văn Hùng";
const HUNG_PHONE: &str = "0912345678";
const HUNG_EMAIL: &str = "hung.nv@gmail.com";

/// Three ledgers: Hùng in each (same mobile in three spellings), three other customers.
fn three_ledgers(w: &Workdir) -> Vec<&'static str> {
    csv(
        w,
        "a.csv",
        &[
            "Nguyễn Văn Hùng,0912 345 678,hung.nv@gmail.com,12 Lê Lợi Quận 1 TP HCM,,15/03/2025",
            "Trần Thị Lan,0987654321,lan.tt@yahoo.com,5 Hai Bà Trưng Hà Nội,,01/02/2025",
        ],
    );
    csv(
        w,
        "b.csv",
        &[
            "Nguyen Van Hung,+84 912 345 678,,12 Le Loi Q1 HCM,,10/01/2025",
            "Lê Minh Tuấn,0903111222,tuan.le@gmail.com,7 Trần Phú Đà Nẵng,,20/02/2025",
        ],
    );
    csv(
        w,
        "c.csv",
        &[
            "NGUYỄN VĂN HÙNG,84912345678,hung.nv@gmail.com,,,05/05/2024",
            "Công ty TNHH Hòa Phát,02838221234,info@hoaphat.vn,1 Nguyễn Huệ Q1 HCM,0100100079,01/01/2025",
        ],
    );
    vec!["a.csv", "b.csv", "c.csv"]
}

/// The rows that are Hùng, as (file, row).
const HUNG_ROWS: [(&str, &str); 3] = [("a.csv", "2"), ("b.csv", "2"), ("c.csv", "2")];

/// A deletion request naming Hùng by his mobile (in yet another spelling).
fn delete_hung_request(w: &Workdir) {
    requests(
        w,
        &[req(&[
            (0, "30/05/2025"),
            (1, "Xóa"),
            (3, "0912.345.678"),
            (9, "Điện thoại"),
        ])],
    );
}

/// Needles that must not appear anywhere once Hùng is deleted.
fn hung_needles() -> Vec<String> {
    vec![
        HUNG_PHONE.into(),
        "912345678".into(), // the core of +84912345678 / 84912345678
        "+84912345678".into(),
        "0912 345 678".into(),
        "0912.345.678".into(),
        "+84 912 345 678".into(),
        HUNG_EMAIL.into(),
        HUNG_NAME.into(),
        "NGUYỄN VĂN HÙNG".into(),
        "nguyen van hung".into(), // compared against ASCII-lowercased bytes
        "nguyễn văn hùng".into(),
    ]
}

// ------------------------------------------------------------------------------------------
// helpers

/// A UTF-8 CSV ledger with the standard header.
fn csv(w: &Workdir, name: &str, rows: &[&str]) -> PathBuf {
    csv_with(w, name, HEADER, rows)
}

fn csv_with(w: &Workdir, name: &str, header: &str, rows: &[&str]) -> PathBuf {
    let mut s = String::from(header);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    w.write(name, s)
}

/// One request line: (column index in REQ_HEADER, value) pairs.
fn req(cells: &[(usize, &str)]) -> [String; 11] {
    let mut row: [String; 11] = Default::default();
    for (i, v) in cells {
        row[*i] = v.to_string();
    }
    row
}

/// Writes `yeu-cau.xlsx` in the work folder (first sheet, header in row 1).
fn requests(w: &Workdir, rows: &[[String; 11]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Yêu cầu").unwrap();
    for (c, h) in REQ_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    wb.save(w.path("yeu-cau.xlsx")).unwrap();
}

fn no_requests(w: &Workdir) {
    let p = w.path("yeu-cau.xlsx");
    if p.exists() {
        std::fs::remove_file(p).unwrap();
    }
}

fn run(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    let out = w.cmd().args(args).output().expect("run sokhach");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `clean INPUTS --out out --as-of DATE` must exit 0.
fn clean(w: &Workdir, inputs: &[&str], as_of: &str) {
    let mut args = vec!["clean", "--quiet", "--as-of", as_of];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", OUT]);
    let (code, _, err) = run(w, &args);
    assert_eq!(code, 0, "clean {inputs:?} failed: {err}");
}

/// One sheet as display strings; dates as yyyy-mm-dd (calamine shows them as serials).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_auto, Data, DataType, Reader};
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = wb
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("{} › {name}: {e}", path.display()));
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::DateTime(_) => c
                        .as_datetime()
                        .map(|d| d.date().format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
}

/// khach-hang.xlsx as (header, rows).
fn book(w: &Workdir) -> (Vec<String>, Vec<Vec<String>>) {
    let mut rows = sheet(&w.path("out/khach-hang.xlsx"), "Khách hàng");
    let header = rows.remove(0);
    (header, rows)
}

/// The book's row whose `column` equals `value`.
fn book_row<'a>(
    b: &'a (Vec<String>, Vec<Vec<String>>),
    column: &str,
    value: &str,
) -> Option<&'a Vec<String>> {
    let c = col(&b.0, column);
    b.1.iter()
        .find(|r| r.get(c).map(|s| s.as_str()) == Some(value))
}

fn report(w: &Workdir, name: &str) -> Vec<Vec<String>> {
    sheet(&w.path("out/bao-cao-thay-doi.xlsx"), name)
}

/// lineage.csv: (file, row) → (customer_id, action).
fn lineage(w: &Workdir) -> BTreeMap<(String, String), (String, String)> {
    read_lineage(&w.path("out/lineage.csv"))
        .into_iter()
        .skip(1)
        .map(|l| ((l[0].clone(), l[2].clone()), (l[3].clone(), l[4].clone())))
        .collect()
}

fn action(l: &BTreeMap<(String, String), (String, String)>, file: &str, row: &str) -> String {
    l.get(&(file.to_string(), row.to_string()))
        .unwrap_or_else(|| panic!("no lineage line for {file}:{row}: {l:?}"))
        .1
        .clone()
}

/// The value of the "Tóm tắt" line whose label (trimmed) starts with `label`.
fn summary_value(summary: &[Vec<String>], label: &str) -> u64 {
    let row = summary
        .iter()
        .find(|r| r[0].trim().starts_with(label))
        .unwrap_or_else(|| panic!("no summary line {label:?}: {summary:?}"));
    row[1]
        .parse()
        .unwrap_or_else(|_| panic!("summary {label:?} is not a number: {row:?}"))
}

/// Every file under `dir` (recursively, hidden ones included).
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Files that are zip packages (xlsx) are searched inside too: their parts are deflated.
fn file_texts(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut out = vec![(path.display().to_string(), bytes.clone())];
    if bytes.starts_with(b"PK\x03\x04") {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut part = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut part).unwrap();
            let part_name = format!(
                "{} › {}",
                path.display(),
                f.name().map(|n| n.to_string()).unwrap_or_default()
            );
            out.push((part_name, part));
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Panics naming every (file, needle) found in plain text under `dir`.
fn assert_no_trace(dirs: &[PathBuf], needles: &[String]) {
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| all_files(d)).collect();
    assert!(
        files.iter().any(|f| f.ends_with(".sokhach/state.sqlite")),
        "the state store is among the searched files: {files:?}"
    );
    let mut found = Vec::new();
    for f in &files {
        for (name, bytes) in file_texts(f) {
            let lower = bytes.to_ascii_lowercase();
            for n in needles {
                let hit = if n.is_ascii() && n.chars().any(|c| c.is_ascii_alphabetic()) {
                    contains(&lower, n.to_ascii_lowercase().as_bytes())
                } else {
                    contains(&bytes, n.as_bytes())
                };
                if hit {
                    found.push(format!("{name}: {n:?}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "plain-text traces left: {found:#?}");
}

// ------------------------------------------------------------------------------------------
// 1. deletion across three files

#[test]
fn deletion_removes_every_duplicate_across_three_files() {
    let w = Workdir::workspace();
    let inputs = three_ledgers(&w);
    delete_hung_request(&w);
    clean(&w, &inputs, AS_OF);

    let l = lineage(&w);
    let mut ids = Vec::new();
    for (f, r) in HUNG_ROWS {
        assert_eq!(action(&l, f, r), "deleted", "{f}:{r} in {l:#?}");
        ids.push(l[&(f.to_string(), r.to_string())].0.clone());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "Hùng's rows are one customer: {ids:?}");
    for (f, r) in [("a.csv", "3"), ("b.csv", "3"), ("c.csv", "3")] {
        assert_eq!(action(&l, f, r), "kept", "{f}:{r} in {l:#?}");
    }

    let b = book(&w);
    assert_eq!(b.1.len(), 3, "three customers left: {:#?}", b.1);
    assert!(book_row(&b, "Mã KH", &ids[0]).is_none());
    assert!(book_row(&b, "Điện thoại", HUNG_PHONE).is_none());
    for r in &b.1 {
        assert!(
            !r.iter().any(|c| c.contains("Hùng") || c.contains("Hung")),
            "{r:?}"
        );
    }
    assert!(book_row(&b, "Điện thoại", "0987654321").is_some());
    assert!(book_row(&b, "Điện thoại", "0903111222").is_some());

    let req = report(&w, "Yêu cầu");
    let h = &req[0];
    assert_eq!(req.len(), 2, "{req:#?}");
    let line = &req[1];
    assert_eq!(line[col(h, "Loại")], "Xóa");
    assert_eq!(
        line[col(h, "Kết quả")],
        format!("Đã thực hiện cho {}", ids[0])
    );
    assert_eq!(line[col(h, "Ngày thực hiện")], AS_OF);
    assert_eq!(line[col(h, "Cảnh báo hạn")], "");

    let summary = report(&w, "Tóm tắt");
    assert_eq!(summary_value(&summary, "xóa theo yêu cầu"), 3);
}

// ------------------------------------------------------------------------------------------
// 2. the next week: the request is gone, an old file brings the customer in again

fn delete_then_next_week(w: &Workdir) -> Vec<&'static str> {
    let inputs = three_ledgers(w);
    delete_hung_request(w);
    clean(w, &inputs, AS_OF);
    // The office tidies the requests book; an old sheet turns up with Hùng in it.
    no_requests(w);
    csv(
        w,
        "cu-2019.csv",
        &[
            "Nguyễn Văn Hùng,0912345678,,12 Lê Lợi Quận 1 TP HCM,,01/06/2019",
            "Hung Nguyen Van,,HUNG.NV@GMAIL.COM,,,01/07/2019",
            "Đặng Thị Hoa,0977000111,hoa.dang@gmail.com,3 Lý Thường Kiệt Huế,,01/06/2019",
        ],
    );
    let mut next = inputs.clone();
    next.push("cu-2019.csv");
    clean(w, &next, "2025-06-08");
    next
}

#[test]
fn deleted_customer_is_suppressed_next_week() {
    let w = Workdir::workspace();
    delete_then_next_week(&w);

    let l = lineage(&w);
    for (f, r) in HUNG_ROWS
        .iter()
        .copied()
        .chain([("cu-2019.csv", "2"), ("cu-2019.csv", "3")])
    {
        assert_eq!(action(&l, f, r), "suppressed", "{f}:{r} in {l:#?}");
    }
    assert_eq!(action(&l, "cu-2019.csv", "4"), "kept");

    let b = book(&w);
    assert!(
        book_row(&b, "Điện thoại", HUNG_PHONE).is_none(),
        "{:#?}",
        b.1
    );
    assert!(book_row(&b, "Email", HUNG_EMAIL).is_none(), "{:#?}", b.1);
    assert_eq!(b.1.len(), 4, "{:#?}", b.1);

    let summary = report(&w, "Tóm tắt");
    assert_eq!(summary_value(&summary, "bị chặn"), 5);
    assert_eq!(summary_value(&summary, "xóa theo yêu cầu"), 0);
}

// ------------------------------------------------------------------------------------------
// 3. no plain-text trace

#[test]
fn deletion_leaves_no_plain_text_trace() {
    let w = Workdir::workspace();
    let inputs = three_ledgers(&w);
    // Week 0: Hùng is an ordinary customer; week 1: he asks to be deleted.
    clean(&w, &inputs, "2025-05-25");
    delete_hung_request(&w);
    clean(&w, &inputs, AS_OF);

    // The outputs and the workspace's state.
    assert_no_trace(&[w.path(OUT), w.path(".sokhach")], &hung_needles());

    // The reports show him masked only.
    let req = report(&w, "Yêu cầu");
    let who = &req[1][col(&req[0], "Khách hàng (che)")];
    assert!(
        who.starts_with("09") && who.matches('*').count() >= 6,
        "{req:#?}"
    );
    let ret = report(&w, "Lưu trữ");
    assert!(
        ret.iter()
            .flatten()
            .any(|c| c.contains("09******78") && c.contains('*')),
        "{ret:#?}"
    );
}

#[test]
fn no_plain_text_trace_after_the_next_week() {
    let w = Workdir::workspace();
    delete_then_next_week(&w);
    // The outputs and the workspace's state.
    assert_no_trace(&[w.path(OUT), w.path(".sokhach")], &hung_needles());
}

// ------------------------------------------------------------------------------------------
// 4. corrections

fn correction_requests(w: &Workdir) {
    requests(
        w,
        &[
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (3, "0987654321"),
                (7, "Địa chỉ"),
                (8, "99 Nguyễn Trãi, Thanh Xuân, Hà Nội"),
            ]),
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (4, "tuan.le@gmail.com"),
                (7, "Điện thoại"),
                (8, "0903 999 888"),
            ]),
        ],
    );
}

/// Runs the corrections; returns the ids of Lan and Tuấn.
fn corrected(w: &Workdir) -> (String, String) {
    let inputs = three_ledgers(w);
    correction_requests(w);
    clean(w, &inputs, AS_OF);
    let b = book(w);
    let id = |email: &str| {
        book_row(&b, "Email", email).unwrap_or_else(|| panic!("{email} in {:#?}", b.1))
            [col(&b.0, "Mã KH")]
        .clone()
    };
    (id("lan.tt@yahoo.com"), id("tuan.le@gmail.com"))
}

fn assert_corrected(w: &Workdir, lan: &str, tuan: &str) {
    let b = book(w);
    let lan_row = book_row(&b, "Mã KH", lan).expect("Lan in the book");
    assert!(
        lan_row[col(&b.0, "Địa chỉ")].starts_with("99 Nguyễn Trãi"),
        "{lan_row:?}"
    );
    let tuan_row = book_row(&b, "Mã KH", tuan).expect("Tuấn in the book");
    assert_eq!(
        tuan_row[col(&b.0, "Điện thoại")],
        "0903999888",
        "{tuan_row:?}"
    );
    assert!(
        !tuan_row.iter().any(|c| c.contains("0903111222")),
        "the wrong number is gone: {tuan_row:?}"
    );
}

#[test]
fn correction_changes_the_book() {
    let w = Workdir::workspace();
    let (lan, tuan) = corrected(&w);
    assert_corrected(&w, &lan, &tuan);
    let req = report(&w, "Yêu cầu");
    let h = &req[0];
    let outcomes: Vec<&str> = req[1..]
        .iter()
        .map(|r| r[col(h, "Kết quả")].as_str())
        .collect();
    assert_eq!(
        outcomes,
        [
            format!("Đã thực hiện cho {lan}"),
            format!("Đã thực hiện cho {tuan}")
        ]
    );
}

#[test]
fn correction_survives_reimport() {
    let w = Workdir::workspace();
    let (lan, tuan) = corrected(&w);
    no_requests(&w);
    clean(&w, &["a.csv", "b.csv", "c.csv"], "2025-06-08");
    assert_corrected(&w, &lan, &tuan);
}

/// A correction's new value is read by the rules a ledger's cell is read by: a mistyped email
/// ("gmail,com", which a ledger flags «Email sai cú pháp») or an impossible phone or tax code
/// is not applied; the request is not applied, naming its row and the column to fix; a phone
/// typed with spaces is written in its normal form.
#[test]
fn a_correction_with_an_invalid_value_is_not_applied() {
    let w = Workdir::workspace();
    let inputs = three_ledgers(&w);
    requests(
        &w,
        &[
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (4, "tuan.le@gmail.com"),
                (7, "Email"),
                (8, "tuan.moi@gmail"),
            ]),
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (3, "0987654321"),
                (7, "Điện thoại"),
                (8, "0123"),
            ]),
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (4, "info@hoaphat.vn"),
                (7, "MST"),
                (8, "0100100078"),
            ]),
            req(&[
                (0, "30/05/2025"),
                (1, "Sửa"),
                (4, "lan.tt@yahoo.com"),
                (7, "Email"),
                (8, " Lan.Moi@Gmail.com "),
            ]),
        ],
    );
    clean(&w, &inputs, AS_OF);
    let b = book(&w);
    let row = |email: &str| book_row(&b, "Email", email).unwrap_or_else(|| panic!("{email}"));
    assert!(row("tuan.le@gmail.com")[col(&b.0, "Email")] == "tuan.le@gmail.com");
    assert!(book_row(&b, "Điện thoại", "0987654321").is_some());
    assert_eq!(row("info@hoaphat.vn")[col(&b.0, "MST")], "0100100079");
    assert!(
        book_row(&b, "Email", "lan.moi@gmail.com").is_some(),
        "{b:?}"
    );
    let req = report(&w, "Yêu cầu");
    let h = &req[0];
    let outcome = |r: &str| {
        req.iter()
            .find(|x| x[col(h, "Dòng trong sổ yêu cầu")] == r)
            .unwrap_or_else(|| panic!("request row {r}: {req:#?}"))[col(h, "Kết quả")]
        .clone()
    };
    for (r, rule) in [
        ("2", "Email sai cú pháp"),
        ("3", "Số điện thoại không hợp lệ"),
        ("4", "MST sai số kiểm tra"),
    ] {
        let o = outcome(r);
        assert!(
            o.contains(&format!("dòng {r}")) && o.contains("«Giá trị mới»") && o.contains(rule),
            "row {r}: {o}"
        );
    }
    assert!(
        outcome("5").starts_with("Đã thực hiện cho"),
        "{}",
        outcome("5")
    );
    let mut args = vec!["mailing", "--quiet", "--as-of", AS_OF, "--out", "gui-tin"];
    args.extend_from_slice(&inputs);
    let (code, _, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    for p in all_files(&w.path("gui-tin")) {
        let text = std::fs::read(&p).unwrap();
        assert!(!contains(&text, b"gmail,com"), "{}", p.display());
    }
}

// ------------------------------------------------------------------------------------------
// 5. retention

const RETENTION_TOML: &str = "version = 1\n\n[retention]\nflag_after_months = 36\nremove_after_months = 48\nkeep_words = [\"giữ lại\"]\n";

fn retention_ledger(w: &Workdir) {
    csv_with(
        w,
        "cu.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ,MST,Ngày giao dịch cuối,Ghi chú",
        &[
            // 5 years before as-of
            "Đỗ Văn Cường,0911000001,cuong.do@gmail.com,1 Trần Hưng Đạo Hà Nội,,30/06/2021,",
            // 3.5 years before as-of
            "Vũ Thị Hoa,0911000002,hoa.vu@gmail.com,2 Lê Duẩn Đà Nẵng,,31/12/2022,",
            // no date
            "Bùi Văn Nam,0911000003,nam.bui@gmail.com,3 Hùng Vương Huế,,,",
            // 6 years old, but the note keeps him
            "Hoàng Văn Đức,0911000004,duc.hoang@gmail.com,4 Quang Trung Cần Thơ,,01/01/2020,Khách quen giữ lại",
            // active
            "Phan Thị Thu,0911000005,thu.phan@gmail.com,5 Nguyễn Du Vinh,,01/05/2026,",
        ],
    );
}

#[test]
fn retention_expires_flags_and_keeps() {
    let w = Workdir::workspace();
    w.write("sokhach.toml", RETENTION_TOML);
    retention_ledger(&w);
    clean(&w, &["cu.csv"], "2026-06-30");

    let l = lineage(&w);
    assert_eq!(action(&l, "cu.csv", "2"), "expired", "{l:#?}");
    for r in ["3", "4", "5", "6"] {
        assert_eq!(action(&l, "cu.csv", r), "kept", "row {r}: {l:#?}");
    }

    let b = book(&w);
    assert!(book_row(&b, "Điện thoại", "0911000001").is_none());
    for p in ["0911000002", "0911000003", "0911000004", "0911000005"] {
        assert!(book_row(&b, "Điện thoại", p).is_some(), "{p} in {:#?}", b.1);
    }

    let ret = report(&w, "Lưu trữ");
    let h = &ret[0];
    let hoa = ret
        .iter()
        .find(|r| r[col(h, "Khách hàng")].contains("Vũ Thị Hoa"))
        .unwrap_or_else(|| panic!("Hoa is listed: {ret:#?}"));
    assert_eq!(hoa[col(h, "Ngày sẽ xóa")], "2026-12-31", "{hoa:?}");
    assert_eq!(hoa[col(h, "Giao dịch cuối")], "2022-12-31", "{hoa:?}");
    // The expired customer is listed, masked.
    let expired: Vec<_> = ret
        .iter()
        .filter(|r| r[col(h, "Tình trạng")].starts_with("Bỏ khỏi sổ vì lâu không giao dịch"))
        .collect();
    assert_eq!(expired.len(), 1, "{ret:#?}");
    assert!(
        !expired[0][col(h, "Khách hàng")].contains("Cường"),
        "{ret:#?}"
    );
    assert!(
        !ret.iter().flatten().any(|c| c.contains("Đỗ Văn Cường")),
        "{ret:#?}"
    );
    // Nobody else is flagged: Nam has no date, Đức is kept by his note, Thu is active.
    for name in ["Bùi Văn Nam", "Hoàng Văn Đức", "Phan Thị Thu"] {
        assert!(
            !ret.iter().flatten().any(|c| c.contains(name)),
            "{name} in {ret:#?}"
        );
    }
    let counts = ret
        .iter()
        .flatten()
        .find(|c| c.starts_with("Khách không có ngày giao dịch"))
        .unwrap_or_else(|| panic!("{ret:#?}"));
    assert!(counts.contains("(không bao giờ tự xóa): 1"), "{counts}");
    assert!(
        counts.contains("giữ lại theo ghi chú/yêu cầu: 1"),
        "{counts}"
    );

    let summary = report(&w, "Tóm tắt");
    assert_eq!(
        summary_value(&summary, "bỏ khỏi sổ vì lâu không giao dịch"),
        1
    );
}

#[test]
fn retention_section_with_only_the_two_thresholds_is_accepted() {
    // The issue's own example names only the two thresholds; keep_words has a default.
    let w = Workdir::workspace();
    w.write(
        "sokhach.toml",
        "version = 1\n[retention]\nflag_after_months = 36\nremove_after_months = 48\n",
    );
    retention_ledger(&w);
    let (code, _, err) = run(
        &w,
        &[
            "clean",
            "-q",
            "--as-of",
            "2026-06-30",
            "cu.csv",
            "--out",
            OUT,
        ],
    );
    assert_eq!(code, 0, "{err}");
    let l = lineage(&w);
    assert_eq!(action(&l, "cu.csv", "2"), "expired");
    // The default keep words include "giữ lại".
    assert_eq!(action(&l, "cu.csv", "5"), "kept");
}

// ------------------------------------------------------------------------------------------
// 6. requests that match several customers, or none

#[test]
fn ambiguous_and_unmatched_requests_are_not_applied() {
    let w = Workdir::workspace();
    csv(
        &w,
        "a.csv",
        &[
            "Nguyễn Văn An,0912000111,an.hn@gmail.com,10 Kim Mã Ba Đình Hà Nội,,01/03/2025",
            "Trần Thị Lan,0987654321,lan.tt@yahoo.com,5 Hai Bà Trưng Hà Nội,,01/02/2025",
        ],
    );
    csv(
        &w,
        "b.csv",
        &["Nguyễn Văn An,0938000222,an.sg@yahoo.com,20 Võ Văn Tần Quận 3 TP HCM,,01/04/2025"],
    );
    requests(
        &w,
        &[
            req(&[(0, "30/05/2025"), (1, "Xóa"), (6, "Nguyễn Văn An")]),
            req(&[(0, "30/05/2025"), (1, "Xóa"), (3, "0999888777")]),
        ],
    );
    clean(&w, &["a.csv", "b.csv"], AS_OF);

    let l = lineage(&w);
    assert_eq!(action(&l, "a.csv", "2"), "kept");
    assert_eq!(action(&l, "b.csv", "2"), "kept");
    assert_ne!(
        l[&("a.csv".to_string(), "2".to_string())].0,
        l[&("b.csv".to_string(), "2".to_string())].0,
        "two different people named Nguyễn Văn An"
    );
    let b = book(&w);
    assert!(book_row(&b, "Điện thoại", "0912000111").is_some());
    assert!(book_row(&b, "Điện thoại", "0938000222").is_some());
    assert_eq!(b.1.len(), 3);

    let req = report(&w, "Yêu cầu");
    let h = &req[0];
    let outcome = |row: &str| {
        req.iter()
            .find(|r| r[col(h, "Dòng trong sổ yêu cầu")] == row)
            .unwrap_or_else(|| panic!("request row {row}: {req:#?}"))[col(h, "Kết quả")]
        .clone()
    };
    // The matching customers are listed, for a person to pick one.
    let ambiguous = outcome("2");
    assert!(
        ambiguous.starts_with("KHÔNG áp dụng: khớp 2 khách hàng")
            && ambiguous.matches("KH0").count() == 2,
        "{ambiguous}"
    );
    assert_eq!(outcome("3"), "KHÔNG tìm thấy khách hàng — cần người xem");
    let summary = report(&w, "Tóm tắt");
    assert_eq!(summary_value(&summary, "xóa theo yêu cầu"), 0);
}

// ------------------------------------------------------------------------------------------
// 7. counts balance

fn assert_balanced(w: &Workdir) {
    let summary = report(w, "Tóm tắt");
    let read = summary_value(&summary, "Dòng dữ liệu đã đọc");
    let parts: Vec<(&str, &str)> = vec![
        ("giữ (mở đầu", "kept"),
        ("gộp vào khách hàng khác", "merged"),
        ("xóa theo yêu cầu", "deleted"),
        ("bỏ khỏi sổ vì lâu không giao dịch", "expired"),
        ("bị chặn", "suppressed"),
        ("bỏ qua", "skipped"),
    ];
    let lines = read_lineage(&w.path("out/lineage.csv"));
    let with_row: Vec<&Vec<String>> = lines[1..].iter().filter(|l| !l[2].is_empty()).collect();
    let mut sum = 0;
    for (label, act) in parts {
        let n = summary_value(&summary, label);
        let in_lineage = with_row.iter().filter(|l| l[4] == act).count() as u64;
        assert_eq!(n, in_lineage, "{act}: summary {n}, lineage {in_lineage}");
        sum += n;
    }
    assert_eq!(
        read, sum,
        "read = kept + merged + deleted + expired + suppressed + skipped"
    );
    assert_eq!(read, with_row.len() as u64, "one lineage line per row read");
    assert!(
        summary
            .iter()
            .any(|r| r[0] == "Cân đối" && r[1].starts_with("Khớp")),
        "{summary:#?}"
    );
}

#[test]
fn counts_balance_with_every_action() {
    let w = Workdir::workspace();
    w.write("sokhach.toml", RETENTION_TOML);
    let mut inputs = three_ledgers(&w);
    csv(
        &w,
        "d.csv",
        &[
            "Đỗ Văn Cường,0911000001,cuong.do@gmail.com,1 Trần Hưng Đạo Hà Nội,,30/06/2019",
            ",,,,,01/01/2025",
            "Tổng cộng,,,,,",
            "Trần Thị Lan,0987 654 321,,5 Hai Bà Trưng Hà Nội,,01/02/2024",
        ],
    );
    inputs.push("d.csv");
    delete_hung_request(&w);
    clean(&w, &inputs, AS_OF);
    let l = lineage(&w);
    assert_eq!(action(&l, "d.csv", "2"), "expired");
    assert_eq!(action(&l, "d.csv", "5"), "merged");
    assert_balanced(&w);
    let summary = report(&w, "Tóm tắt");
    assert_eq!(summary_value(&summary, "Dòng dữ liệu đã đọc"), 10);
    assert_eq!(summary_value(&summary, "bỏ qua"), 2);

    // The next week, with suppressed rows among them.
    no_requests(&w);
    clean(&w, &inputs, "2025-06-08");
    assert_balanced(&w);
}

// ------------------------------------------------------------------------------------------
// 8. stop marketing

#[test]
fn stop_marketing_sets_the_book_column_and_mailing_leaves_them_out() {
    let w = Workdir::workspace();
    let inputs = three_ledgers(&w);
    requests(
        &w,
        &[req(&[
            (0, "30/05/2025"),
            (1, "Ngừng quảng cáo"),
            (4, "lan.tt@yahoo.com"),
        ])],
    );
    clean(&w, &inputs, AS_OF);
    let b = book(&w);
    let c = col(&b.0, "Ngừng quảng cáo");
    let lan = book_row(&b, "Email", "lan.tt@yahoo.com").expect("Lan stays in the book");
    assert_eq!(lan[c], "Có", "{lan:?}");
    for r in
        b.1.iter()
            .filter(|r| r[col(&b.0, "Email")] != "lan.tt@yahoo.com")
    {
        assert_eq!(r[c], "", "{r:?}");
    }

    let mut args = vec!["mailing", "-q", "--as-of", AS_OF];
    args.extend_from_slice(&inputs);
    args.extend_from_slice(&["--out", OUT]);
    let (code, _, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    let list = sheet(&w.path("out/danh-sach-gui-tin-email.xlsx"), "Danh sách");
    assert!(
        !list
            .iter()
            .flatten()
            .any(|c| c.contains("lan.tt@yahoo.com") || c.contains("Lan")),
        "{list:#?}"
    );
    assert!(
        list.iter().flatten().any(|c| c == "tuan.le@gmail.com"),
        "{list:#?}"
    );
    let csv_text = std::fs::read_to_string(w.path("out/danh-sach-gui-tin-email.csv")).unwrap();
    assert!(!csv_text.contains("lan.tt@yahoo.com"), "{csv_text}");
}

// ------------------------------------------------------------------------------------------
// 9. init and the strict policy file

#[test]
fn init_writes_policy_and_requests_book() {
    let w = Workdir::new();
    let (code, _, err) = run(&w, &["init"]);
    assert_eq!(code, 0, "{err}");
    // The folder is named as the clerk finds it again, not as «.».
    let dir = std::fs::canonicalize(w.path(".")).unwrap();
    assert!(
        err.contains(&format!("Thư mục làm việc: {}.", dir.display())),
        "{err}"
    );
    let toml = std::fs::read_to_string(w.path("sokhach.toml")).unwrap();
    for key in [
        "version = 1",
        "[retention]",
        "flag_after_months",
        "remove_after_months",
        "[requests]",
        "deadline_days",
    ] {
        assert!(toml.contains(key), "{key} in {toml}");
    }
    let book = sheet(&w.path("yeu-cau.xlsx"), "Yêu cầu");
    assert_eq!(book[0], REQ_HEADER.map(String::from).to_vec());

    // Both files are accepted by clean as they are.
    csv(
        &w,
        "a.csv",
        &["Trần Thị Lan,0987654321,lan.tt@yahoo.com,5 Hai Bà Trưng Hà Nội,,01/02/2025"],
    );
    clean(&w, &["a.csv"], AS_OF);
    let req = report(&w, "Yêu cầu");
    assert!(
        req.iter()
            .skip(1)
            .all(|r| r.iter().all(|c| c.is_empty() || c == "Không có")),
        "the empty template holds no request: {req:#?}"
    );

    // A second init keeps what the office has written, and says so in the run's language.
    w.write("sokhach.toml", RETENTION_TOML);
    let (code, _, err) = run(&w, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(w.path("sokhach.toml")).unwrap(),
        RETENTION_TOML
    );
    assert!(err.contains("sokhach.toml đã có, giữ nguyên"), "{err}");
    assert!(!err.contains("exists"), "{err}");
    let (code, _, err) = run(&w, &["--lang", "en", "init"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("sokhach.toml exists, kept"), "{err}");
    assert!(!err.contains("đã có"), "{err}");
    // `--quiet`: no log lines, whether a file is written or kept.
    std::fs::remove_file(w.path("yeu-cau.xlsx")).unwrap();
    let (code, _, err) = run(&w, &["--quiet", "init"]);
    assert_eq!(code, 0, "{err}");
    assert!(w.path("yeu-cau.xlsx").exists());
    assert_eq!(err, "", "--quiet says nothing");
}

/// The policy file's comments are in one language, the run's.
#[test]
fn init_writes_the_policy_in_the_runs_language() {
    for (lang, own, other) in [
        ("vi", "chính sách của công ty", "Policy:"),
        ("en", "the company's policy", "Chính sách"),
    ] {
        let w = Workdir::new();
        let (code, _, err) = run(&w, &["--lang", lang, "init"]);
        assert_eq!(code, 0, "{err}");
        let toml = std::fs::read_to_string(w.path("sokhach.toml")).unwrap();
        assert!(toml.contains(own), "{lang}: {toml}");
        assert!(!toml.contains(other), "{lang}: {toml}");
    }
}

#[test]
fn unknown_policy_key_is_exit_2_naming_key_and_line() {
    let (w, err) = refused_policy("version = 1\n[retention]\nflag_after_month = 3\n");
    assert!(err.contains("flag_after_month"), "{err}");
    assert!(err.contains("sokhach.toml"), "{err}");
    assert!(err.contains("line 3") || err.contains("dòng 3"), "{err}");
    assert!(!w.path("out/khach-hang.xlsx").exists(), "nothing written");
}

/// `clean` under the policy `toml`: refused with exit 2 and nothing written; its message.
fn refused_policy(toml: &str) -> (Workdir, String) {
    let w = Workdir::workspace();
    w.write("sokhach.toml", toml);
    csv(
        &w,
        "a.csv",
        &["Trần Thị Lan,0987654321,lan.tt@yahoo.com,,,01/02/2025"],
    );
    let (code, _, err) = run(&w, &["clean", "a.csv", "--out", OUT]);
    assert_eq!(code, 2, "{err}");
    assert!(!w.path("out/lineage.csv").exists(), "nothing written");
    (w, err)
}

/// A `[[columns]]` role that is no role ("mobile" for "phone") would drop the column without a
/// word: it is refused, naming the line and the roles there are.
#[test]
fn unknown_column_role_is_exit_2_naming_line_and_roles() {
    let (_w, err) = refused_policy(
        "version = 1\n[[columns]]\nfile = \"a.csv\"\nheader = \"Điện thoại\"\nrole = \"mobile\"\n",
    );
    assert!(err.contains("\"mobile\""), "{err}");
    assert!(err.contains("phone_fixed"), "the roles there are: {err}");
    assert!(err.contains("line 5") || err.contains("dòng 5"), "{err}");
    // Every role the template offers is one the reader takes.
    for role in sokhach::ingest::OVERRIDE_ROLES {
        assert!(
            *role == "ignore" || sokhach::model::Role::from_key(role).is_some(),
            "{role}"
        );
    }
}

// ------------------------------------------------------------------------------------------
// 10. the audit log, access export and disclosure

#[test]
fn log_export_subject_and_disclose() {
    let w = Workdir::workspace();
    let inputs = three_ledgers(&w);
    delete_hung_request(&w);
    clean(&w, &inputs, AS_OF);

    let (code, log, err) = run(&w, &["log"]);
    assert_eq!(code, 0, "{err}");
    assert!(log.contains("Chạy clean"), "{log}");
    assert!(log.contains("Yêu cầu xóa"), "{log}");
    // A deletion is logged by id and row count: no personal value, not even masked.
    assert!(
        log.lines()
            .any(|l| l.contains("Xóa theo yêu cầu") && l.contains("KH000001")),
        "{log}"
    );
    for n in hung_needles() {
        assert!(
            !log.to_lowercase().contains(&n.to_lowercase()),
            "{n} in {log}"
        );
    }

    // Access: Lan's copy of her data.
    let b = book(&w);
    let lan = book_row(&b, "Email", "lan.tt@yahoo.com").unwrap()[col(&b.0, "Mã KH")].clone();
    let mut args = vec!["export-subject", "-q", lan.as_str()];
    args.extend_from_slice(&inputs);
    args.extend_from_slice(&["--out", "lan.xlsx"]);
    let (code, _, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    let rows = sheet(&w.path("lan.xlsx"), "Dòng gốc");
    let h = &rows[0];
    let src: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (r[col(h, "Tệp")].clone(), r[col(h, "Dòng")].clone()))
        .collect();
    assert_eq!(src, [("a.csv".to_string(), "3".to_string())], "{rows:#?}");
    assert!(rows[1].iter().any(|c| c == "Trần Thị Lan"), "{rows:#?}");
    let record = sheet(&w.path("lan.xlsx"), "Thông tin");
    assert!(
        record.iter().flatten().any(|c| c == "0987654321"),
        "{record:#?}"
    );
    // Nothing of anyone else.
    let all: Vec<String> = [rows, record].concat().into_iter().flatten().collect();
    assert!(
        !all.iter()
            .any(|c| c.contains("Tuấn") || c.contains("Hòa Phát")),
        "{all:#?}"
    );

    // A deleted customer cannot be exported.
    let mut args = vec!["export-subject", "-q", "KH000001"];
    args.extend_from_slice(&inputs);
    args.extend_from_slice(&["--out", "hung.xlsx"]);
    let (code, _, _) = run(&w, &args);
    assert_eq!(code, 2);
    assert!(!w.path("hung.xlsx").exists());

    // Disclosure needs a real decision.
    for bad in ["x", "  ", "QĐ 1"] {
        let mut args = vec!["disclose", "-q", "--decision", bad, "--id", lan.as_str()];
        args.extend_from_slice(&inputs);
        args.extend_from_slice(&["--out", "cqnn.xlsx"]);
        let (code, _, err) = run(&w, &args);
        assert_eq!(code, 2, "--decision {bad:?}: {err}");
        assert!(err.contains("--decision"), "{err}");
        assert!(!w.path("cqnn.xlsx").exists());
    }
    let decision = "QĐ số 123/QĐ-CAHN, Công an TP Hà Nội, 02/06/2025";
    let mut args = vec![
        "disclose",
        "-q",
        "--decision",
        decision,
        "--id",
        lan.as_str(),
    ];
    args.extend_from_slice(&inputs);
    args.extend_from_slice(&["--out", "cqnn.xlsx"]);
    let (code, _, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    let cover = sheet(&w.path("cqnn.xlsx"), "Thông tin");
    assert!(cover.iter().flatten().any(|c| c == decision), "{cover:#?}");

    let (code, log, err) = run(&w, &["log"]);
    assert_eq!(code, 0, "{err}");
    let export = log
        .lines()
        .find(|l| l.contains("Xuất dữ liệu cho khách"))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(
        export.contains(&lan) && export.contains("lan.xlsx"),
        "{export}"
    );
    let disclose = log
        .lines()
        .find(|l| l.contains("Cung cấp cho cơ quan nhà nước"))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(disclose.contains(decision), "{disclose}");
    assert!(disclose.contains(&lan), "{disclose}");
    assert_eq!(
        log.lines()
            .filter(|l| l.contains("Cung cấp cho cơ quan nhà nước"))
            .count(),
        1,
        "{log}"
    );
}

/// The office keeps the requests book beside its ledgers and runs `clean .`: the book is not
/// read as a ledger (its phone/email/name columns would otherwise bring requesters in), and
/// neither is the output folder.
#[test]
fn requests_book_in_the_ledger_folder_is_not_a_ledger() {
    let w = Workdir::workspace();
    three_ledgers(&w);
    delete_hung_request(&w);
    clean(&w, &["."], AS_OF);
    let lines = read_lineage(&w.path("out/lineage.csv"));
    assert!(
        lines.iter().skip(1).all(|l| !l[0].contains("yeu-cau")),
        "the requests book was read as a ledger: {lines:?}"
    );
    assert!(
        lines.iter().skip(1).all(|l| !l[0].contains("out/")),
        "{lines:?}"
    );
    let deleted = lines.iter().filter(|l| l[4] == "deleted").count();
    assert_eq!(deleted, 3, "{lines:?}");
    // A second week reads the same folder, its out/ included, and finds the same rows.
    clean(&w, &["."], AS_OF);
    assert_eq!(read_lineage(&w.path("out/lineage.csv")).len(), lines.len());
}
