//! `sokhach clean` and `sokhach inspect` end to end, on the fixtures under testdata/ (see
//! testdata/README.md) and on files made at test time.

use crate::common::{blake3_file, read_lineage, read_xlsx, save_text_sheets, testdata, Workdir};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

const BOOK: &str = "khach-hang.xlsx";
const REPORT: &str = "bao-cao-thay-doi.xlsx";
const LINEAGE: &str = "lineage.csv";

/// The four ledger fixtures, in the order they are given on the command line.
const FIXTURES: [&str; 4] = [
    "so-khach.xlsx",
    "ban-hang-1258.csv",
    "web-export-bom.csv",
    "unicode-text.txt",
];

/// Every data row of the fixtures (file, sheet, first row, last row), counted by hand:
/// so-khach.xlsx has a title row, a blank row and the header in row 3, so data is rows 4–8;
/// sheet "2017" has its header in row 1; "Bảng giá" is a price list (no rows);
/// ban-hang-1258.csv has six invoices and a "Tổng cộng" line (rows 2–8).
const DATA_ROWS: [(&str, &str, u32, u32); 5] = [
    ("so-khach.xlsx", "Khách hàng", 4, 8),
    ("so-khach.xlsx", "2017", 2, 4),
    ("ban-hang-1258.csv", "", 2, 8),
    ("web-export-bom.csv", "", 2, 7),
    ("unicode-text.txt", "", 2, 4),
];

const ACTIONS: [&str; 6] = [
    "kept",
    "merged",
    "deleted",
    "expired",
    "suppressed",
    "skipped",
];

// ------------------------------------------------------------------------------------------
// helpers

/// Copies a fixture into the work folder (under `dir`, "" for the top) and returns the path.
fn put(w: &Workdir, dir: &str, name: &str) -> PathBuf {
    let rel = if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    };
    let bytes = std::fs::read(testdata(name)).expect("fixture");
    w.write(&rel, bytes)
}

fn put_all(w: &Workdir) {
    for f in FIXTURES {
        put(w, "", f);
    }
}

/// Runs `sokhach` with `args` in the work folder; returns (exit code, stdout, stderr).
fn run(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    let out = w.cmd().args(args).output().expect("run sokhach");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `clean FIXTURES… --out out` must succeed.
fn clean_ok(w: &Workdir, inputs: &[&str], out: &str, extra: &[&str]) {
    let mut args = vec!["clean", "--quiet", "--as-of", "2025-01-15"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", out]);
    args.extend_from_slice(extra);
    let (code, _, err) = run(w, &args);
    assert_eq!(code, 0, "clean {inputs:?} failed: {err}");
}

fn sheet<'a>(book: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| {
            panic!(
                "no sheet «{name}» in {:?}",
                book.iter().map(|(n, _)| n).collect::<Vec<_>>()
            )
        })
        .1
}

/// Index of a header cell in the first row of a sheet.
fn col(rows: &[Vec<String>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column «{header}» in {:?}", rows[0]))
}

/// The lineage lines (header excluded) after checking the header.
fn lineage_lines(out: &Path) -> Vec<Vec<String>> {
    let mut all = read_lineage(&out.join(LINEAGE));
    assert_eq!(
        all[0],
        [
            "source_file",
            "source_sheet",
            "source_row",
            "customer_id",
            "action",
            "reason"
        ]
    );
    all.remove(0);
    all
}

/// Customers of khach-hang.xlsx keyed by (name, phone, email, tax code) → Mã KH.
fn customers_by_identity(book: &Path) -> BTreeMap<(String, String, String, String), String> {
    let wb = read_xlsx(book);
    let rows = sheet(&wb, "Khách hàng");
    let (id, name, phone, email, tax) = (
        col(rows, "Mã KH"),
        col(rows, "Tên khách hàng"),
        col(rows, "Điện thoại"),
        col(rows, "Email"),
        col(rows, "MST"),
    );
    let mut map = BTreeMap::new();
    for r in &rows[1..] {
        let key = (
            r[name].clone(),
            r[phone].clone(),
            r[email].clone(),
            r[tax].clone(),
        );
        assert!(
            map.insert(key.clone(), r[id].clone()).is_none(),
            "two customers look the same: {key:?}"
        );
    }
    map
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Excel's "Encrypt with Password" container: an OLE compound file whose directory holds
/// `EncryptionInfo` and `EncryptedPackage`. Sector 0 is the FAT, 1 the directory, 2–9 the
/// (zeroed) package stream.
fn encrypted_ole() -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let data_sectors = 8usize;
    let mut f = vec![0u8; 512];
    f[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes()); // minor version
    f[26..28].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little endian
    f[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    f[32..34].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    f[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    f[56..60].copy_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    f[60..64].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    f[68..72].copy_from_slice(&END.to_le_bytes()); // no DIFAT sectors
    for i in 0..109 {
        f[76 + 4 * i..80 + 4 * i].copy_from_slice(&FREE.to_le_bytes());
    }
    f[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT is sector 0
    let mut fat = vec![0xFFu8; 512];
    let mut set = |i: usize, v: u32| fat[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    set(0, 0xFFFF_FFFD); // FAT sector
    set(1, END); // directory
    for s in 0..data_sectors {
        let next = if s + 1 == data_sectors {
            END
        } else {
            (s + 3) as u32
        };
        set(2 + s, next);
    }
    f.extend(fat);
    let mut dir = vec![0u8; 512];
    let entries: [(&str, u8, u32, u32); 3] = [
        ("Root Entry", 5, END, 0),
        ("EncryptionInfo", 2, 2, 0),
        ("EncryptedPackage", 2, 2, (data_sectors * 512) as u32),
    ];
    for (i, (name, kind, start, size)) in entries.iter().enumerate() {
        let e = &mut dir[128 * i..128 * (i + 1)];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = *kind;
        e[67] = 1; // black
        for o in [68, 72, 76] {
            e[o..o + 4].copy_from_slice(&FREE.to_le_bytes());
        }
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
    }
    // Root → child 1; entry 1 → right sibling 2.
    dir[76..80].copy_from_slice(&1u32.to_le_bytes());
    dir[128 + 72..128 + 76].copy_from_slice(&2u32.to_le_bytes());
    f.extend(dir);
    f.extend(vec![0u8; data_sectors * 512]);
    f
}

/// Files directly in `dir` (none when it does not exist).
fn files_in(dir: &Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Err(_) => Vec::new(),
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
    }
}

// ------------------------------------------------------------------------------------------
// lineage

#[test]
fn lineage_has_every_data_row_exactly_once() {
    let w = Workdir::new();
    put_all(&w);
    clean_ok(&w, &FIXTURES, "out", &[]);
    let out = w.path("out");

    let raw = std::fs::read(out.join(LINEAGE)).unwrap();
    assert!(
        raw.starts_with(b"\xEF\xBB\xBF"),
        "lineage.csv starts with a UTF-8 BOM"
    );
    assert!(
        !raw[3..].starts_with(b"\xEF\xBB\xBF"),
        "exactly one BOM, not two"
    );

    let lines = lineage_lines(&out);
    let mut seen: HashSet<(String, String, u32)> = HashSet::new();
    for l in &lines {
        assert_eq!(l.len(), 6, "six fields: {l:?}");
        assert!(ACTIONS.contains(&l[4].as_str()), "action {:?}", l[4]);
        let row: u32 = l[2]
            .parse()
            .unwrap_or_else(|_| panic!("every line here has a row number: {l:?}"));
        assert!(
            seen.insert((l[0].clone(), l[1].clone(), row)),
            "row listed twice: {l:?}"
        );
        if l[4] == "kept" || l[4] == "merged" {
            assert!(!l[3].is_empty(), "kept/merged without customer_id: {l:?}");
        }
    }
    let mut want: HashSet<(String, String, u32)> = HashSet::new();
    for (file, sheet, first, last) in DATA_ROWS {
        for r in first..=last {
            want.insert((file.to_string(), sheet.to_string(), r));
        }
    }
    assert_eq!(want.len(), 24);
    let missing: Vec<_> = want.difference(&seen).collect();
    let extra: Vec<_> = seen.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    assert!(
        !lines.iter().any(|l| l[1] == "Bảng giá"),
        "the price list has no lineage rows"
    );
    // The "Tổng cộng" line is skipped, with a reason.
    let total = lines
        .iter()
        .find(|l| l[0] == "ban-hang-1258.csv" && l[2] == "8")
        .unwrap();
    assert_eq!(total[4], "skipped");
    assert!(total[3].is_empty() && !total[5].is_empty(), "{total:?}");

    // The ids in lineage are the customers of the book: one "kept" line for each.
    let wb = read_xlsx(&out.join(BOOK));
    let book = sheet(&wb, "Khách hàng");
    let id_col = col(book, "Mã KH");
    let book_ids: BTreeSet<String> = book[1..].iter().map(|r| r[id_col].clone()).collect();
    assert_eq!(book_ids.len(), book.len() - 1, "Mã KH unique in the book");
    let kept: Vec<&String> = lines
        .iter()
        .filter(|l| l[4] == "kept")
        .map(|l| &l[3])
        .collect();
    assert_eq!(
        kept.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(),
        book_ids
    );
    assert_eq!(kept.len(), book_ids.len(), "one kept line per customer");
    for l in lines.iter().filter(|l| l[4] == "merged") {
        assert!(book_ids.contains(&l[3]), "merged into a missing id: {l:?}");
    }
}

/// Skipped rows (a blank row, a totals row) sit in the lineage among the others, in the
/// order of the file.
#[test]
fn lineage_lists_skipped_rows_in_their_place() {
    let w = Workdir::new();
    w.write(
        "khach.csv",
        "Tên,Điện thoại,Địa chỉ\n\
         Nguyễn Văn An,0912345678,12 Lê Lợi Huế\n\
         ,,\n\
         Trần Thị Bình,0987654321,5 Hùng Vương Đà Nẵng\n\
         Tổng cộng,,\n\
         Lê Văn Cường,0903123456,8 Trần Phú Nha Trang\n",
    );
    clean_ok(&w, &["khach.csv"], "out", &[]);
    let lines = lineage_lines(&w.path("out"));
    let rows: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l[2].as_str(), l[4].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("2", "kept"),
            ("3", "skipped"),
            ("4", "kept"),
            ("5", "skipped"),
            ("6", "kept")
        ],
        "{lines:?}"
    );
}

#[test]
fn inputs_are_unchanged_by_clean() {
    let w = Workdir::new();
    put_all(&w);
    let before: Vec<String> = FIXTURES.iter().map(|f| blake3_file(&w.path(f))).collect();
    clean_ok(&w, &FIXTURES, "out", &[]);
    // A second run reads its own previous outputs too; the inputs still do not move.
    clean_ok(&w, &FIXTURES, "out", &[]);
    let after: Vec<String> = FIXTURES.iter().map(|f| blake3_file(&w.path(f))).collect();
    assert_eq!(before, after);
    // And the committed fixtures are what the copies were.
    for (f, h) in FIXTURES.iter().zip(&before) {
        assert_eq!(&blake3_file(&testdata(f)), h, "{f}");
    }
}

// ------------------------------------------------------------------------------------------
// text encodings

#[test]
fn windows_1258_csv_decodes_to_nfc_and_no_combining_marks_remain() {
    // The fixture really is Windows-1258 with combining tone bytes.
    let bytes = std::fs::read(testdata("ban-hang-1258.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    for b in [0xCC, 0xEC, 0xDE, 0xD2, 0xF2] {
        assert!(bytes.contains(&b), "tone byte {b:#04X} present");
    }
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF");

    let w = Workdir::new();
    put(&w, "", "ban-hang-1258.csv");
    put(&w, "", "web-export-bom.csv"); // carries an NFD-decomposed name
    clean_ok(&w, &["ban-hang-1258.csv", "web-export-bom.csv"], "out", &[]);
    let out = w.path("out");
    let wb = read_xlsx(&out.join(BOOK));
    let book = sheet(&wb, "Khách hàng");
    let name = col(book, "Tên khách hàng");
    let names: HashSet<&str> = book[1..].iter().map(|r| r[name].as_str()).collect();
    for want in [
        "Công ty TNHH Thương mại Hòa Phát",
        "Nguyễn Văn Ánh",
        "Công ty Cổ phần Sữa Việt Nam",
        "Công ty TNHH Dịch vụ Ánh Dương",
        "Lê Thị Hường",
        "Trần Thị Bích Ngọc", // NFD in web-export-bom.csv
    ] {
        assert!(names.contains(want), "«{want}» (NFC) not in {names:?}");
    }
    // Hòa Phát's two invoices are one customer with its tax code.
    let tax = col(book, "MST");
    let hp: Vec<_> = book[1..]
        .iter()
        .filter(|r| r[name] == "Công ty TNHH Thương mại Hòa Phát")
        .collect();
    assert_eq!(hp.len(), 1);
    assert_eq!(hp[0][tax], "0100109106");

    let mut cells = 0;
    for f in [BOOK, REPORT] {
        for (sheet_name, rows) in read_xlsx(&out.join(f)) {
            assert!(!sheet_name.chars().any(is_combining));
            for (i, r) in rows.iter().enumerate() {
                for c in r {
                    cells += 1;
                    assert!(
                        !c.chars().any(is_combining),
                        "combining mark in {f} › {sheet_name} › row {}: {c:?}",
                        i + 1
                    );
                }
            }
        }
    }
    assert!(cells > 50);
    let lineage = std::fs::read_to_string(out.join(LINEAGE)).unwrap();
    assert!(
        !lineage.chars().any(is_combining),
        "combining mark in lineage"
    );
}

#[test]
fn inspect_names_the_encodings() {
    let w = Workdir::new();
    put_all(&w);
    let mut args = vec!["inspect", "--json"];
    args.extend_from_slice(&FIXTURES[1..]);
    let (code, stdout, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let enc: HashMap<String, String> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["file"].as_str().unwrap().to_string(),
                t["encoding"].as_str().unwrap_or("").to_lowercase(),
            )
        })
        .collect();
    assert!(enc["ban-hang-1258.csv"].contains("1258"), "{enc:?}");
    assert!(enc["web-export-bom.csv"].contains("utf-8"), "{enc:?}");
    assert!(enc["unicode-text.txt"].contains("utf-16"), "{enc:?}");
    let kinds: HashMap<&str, &str> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["file"].as_str().unwrap(), t["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds["ban-hang-1258.csv"], "invoices");
    assert_eq!(kinds["web-export-bom.csv"], "customers");
}

// ------------------------------------------------------------------------------------------
// workbook layout

/// The tax portal's invoice list (hoadondientu.gdt.gov.vn, the accountant's most common
/// export): three title rows, then a header in two rows — «Số hóa đơn», «Ngày lập» and the
/// amounts merged down both, «Thông tin người mua» over «MST người mua» and «Tên người mua».
/// It is an invoice listing (read as a book before: its buyers became customers, the
/// cancelled invoice counted), its cancelled line and totals line skipped with their reasons.
#[test]
fn the_tax_portals_invoice_list_with_its_two_row_header_is_a_listing() {
    let w = Workdir::new();
    put(&w, "", "hoa-don-gdt.xlsx");
    let (code, stdout, err) = run(&w, &["inspect", "--json", "hoa-don-gdt.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let table = &v["tables"][0];
    assert_eq!(table["header_row"], 6, "{table}");
    assert_eq!(table["data_rows"], 3, "{table}");
    let (_, text, _) = run(&w, &["inspect", "hoa-don-gdt.xlsx"]);
    assert!(text.contains("bảng kê hóa đơn"), "{text}");
    assert!(text.contains("Số hóa đơn → Số hóa đơn"), "{text}");
    w.write(
        "so.csv",
        "Tên khách hàng,Điện thoại,Địa chỉ,MST\n\
         Công ty Cổ phần Sông Hồng,024 3825 1234,\"12 Tràng Thi, Hoàn Kiếm, Hà Nội\",0101245486\n\
         Anh Nguyễn Văn An,0912 345 678,\"5 Lê Lợi, Q1, TP HCM\",\n",
    );
    clean_ok(&w, &["so.csv", "hoa-don-gdt.xlsx"], "out", &[]);
    let lines = lineage_lines(&w.path("out"));
    let of = |row: &str| {
        lines
            .iter()
            .find(|l| l[0] == "hoa-don-gdt.xlsx" && l[2] == row)
            .unwrap_or_else(|| panic!("row {row} not in lineage: {lines:?}"))
    };
    let song_hong = lines
        .iter()
        .find(|l| l[0] == "so.csv" && l[2] == "2")
        .unwrap();
    let an = lines
        .iter()
        .find(|l| l[0] == "so.csv" && l[2] == "3")
        .unwrap();
    for (row, buyer) in [("7", song_hong), ("8", an), ("10", song_hong)] {
        assert_eq!(
            (of(row)[3].as_str(), of(row)[4].as_str()),
            (buyer[3].as_str(), "merged"),
            "row {row}"
        );
    }
    assert_eq!(of("9")[4], "skipped", "the cancelled invoice");
    assert!(of("9")[5].contains("hủy"), "{:?}", of("9"));
    assert_eq!(of("11")[4], "skipped", "the totals line");
    // No line of the header's second row, nor of the titles.
    assert!(
        lines.iter().filter(|l| l[0] == "hoa-don-gdt.xlsx").count() == 5,
        "{lines:?}"
    );
}

/// An accounting program's sales book (MISA «Sổ chi tiết bán hàng»): one line per item, the
/// program's own customer code on each, «Doanh số bán» before «Chiết khấu», and «Tổng cộng» in
/// the first column. The item lines of one invoice are one buyer and one invoice; one code
/// under one name is one customer; a namesake under another code is another; the discount is
/// off the revenue and the lines add up to the book's own totals line.
#[test]
fn an_accounting_programs_sales_book_is_read_by_invoice_and_code() {
    let w = Workdir::new();
    put(&w, "", "so-chi-tiet-ban-hang.xlsx");
    clean_ok(&w, &["so-chi-tiet-ban-hang.xlsx"], "out", &[]);
    let lines = lineage_lines(&w.path("out"));
    let of = |row: &str| {
        lines
            .iter()
            .find(|l| l[0] == "so-chi-tiet-ban-hang.xlsx" && l[2] == row)
            .unwrap_or_else(|| panic!("row {row} not in lineage: {lines:?}"))
    };
    let song_hong = of("6")[3].clone();
    assert_eq!(of("7")[3], song_hong, "a second item of invoice 0000101");
    let (_, text, _) = run(&w, &["inspect", "so-chi-tiet-ban-hang.xlsx"]);
    assert!(
        text.contains("Ngày hạch toán → không dùng") && text.contains("Ngày hóa đơn → Ngày"),
        "the invoice's own date: {text}"
    );
    assert!(of("7")[5].contains("cùng một hóa đơn"), "{:?}", of("7"));
    assert_eq!(of("9")[3], song_hong, "invoice 0000103 under code KH00012");
    assert!(of("9")[5].contains("cùng mã khách hàng"), "{:?}", of("9"));
    assert_ne!(
        of("8")[3],
        of("10")[3],
        "two Nguyễn Thị Lan under two codes"
    );
    assert_ne!(of("8")[3], song_hong);
    assert_eq!(
        (of("11")[4].as_str(), of("11")[5].as_str()),
        ("skipped", "dòng tổng cộng")
    );
    let book = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let revenue = sheet(&book, "Doanh thu theo khách");
    let line = revenue
        .iter()
        .find(|r| r[0] == song_hong)
        .expect("Sông Hồng");
    assert_eq!(
        line[3..7],
        ["2", "4950000", "475000", "5425000"],
        "{line:?}"
    );
    let input = revenue
        .iter()
        .find(|r| r[0] == "Tổng đầu vào")
        .expect("input total");
    assert!(input[1].starts_with("Khớp"), "{input:?}");
    assert_eq!(
        input[3..7],
        ["4", "5450000", "521000", "5971000"],
        "{input:?}"
    );
}

/// The program's customer list beside its sales book: the code the two share names the buyer
/// among namesakes (two «Nguyễn Thị Lan» in the list), and a buyer the program numbers as
/// another of its customers (KH00045) is no customer of the list, however the name reads.
#[test]
fn a_programs_customer_code_names_its_buyer_among_namesakes() {
    let w = Workdir::new();
    put(&w, "", "so-chi-tiet-ban-hang.xlsx");
    w.write(
        "danh-sach-khach-hang.csv",
        "Mã khách hàng,Tên khách hàng,Điện thoại,Địa chỉ\n\
         KH00012,Công ty Cổ phần Sông Hồng,024 3825 1234,\"12 Tràng Thi, Hoàn Kiếm, Hà Nội\"\n\
         KH00031,Nguyễn Thị Lan,0912 345 678,\"5 Lê Lợi, Q1, TP HCM\"\n\
         KH00052,Nguyễn Thị Lan,0987 654 321,\"20 Trần Phú, Hà Đông, Hà Nội\"\n",
    );
    let inputs = ["danh-sach-khach-hang.csv", "so-chi-tiet-ban-hang.xlsx"];
    clean_ok(&w, &inputs, "out", &[]);
    let lines = lineage_lines(&w.path("out"));
    let of = |file: &str, row: &str| {
        lines
            .iter()
            .find(|l| l[0] == file && l[2] == row)
            .unwrap_or_else(|| panic!("{file} {row} not in lineage: {lines:?}"))
    };
    let sales = |row: &str| of("so-chi-tiet-ban-hang.xlsx", row);
    let lan = of("danh-sach-khach-hang.csv", "3");
    assert_eq!(sales("8")[3], lan[3], "{:?}", sales("8"));
    assert!(
        sales("8")[5].contains("cùng mã khách hàng"),
        "{:?}",
        sales("8")
    );
    assert_eq!(sales("10")[4], "kept", "KH00045: {:?}", sales("10"));
    let song_hong = of("danh-sach-khach-hang.csv", "2");
    for row in ["6", "7", "9"] {
        assert_eq!(sales(row)[3], song_hong[3], "{:?}", sales(row));
    }
    let book = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let buyers = sheet(&book, "Người mua của HĐ");
    let asked = buyers.iter().find(|r| r[2] == "10").expect("row 10 asked");
    assert!(asked[12].contains(&lan[3]), "{asked:?}");
    assert!(asked[11].contains("mã khách hàng"), "{asked:?}");
    let by_code = buyers.iter().find(|r| r[2] == "8").expect("row 8");
    assert_eq!(by_code[11], "Cùng tên và mã KH của phần mềm", "{by_code:?}");

    // One «Nguyễn Thị Lan» in the list: her name names her alone, and still KH00045 is not
    // given to her, the reason saying why.
    w.write(
        "danh-sach-khach-hang.csv",
        "Mã khách hàng,Tên khách hàng,Điện thoại,Địa chỉ\n\
         KH00031,Nguyễn Thị Lan,0912 345 678,\"5 Lê Lợi, Q1, TP HCM\"\n",
    );
    clean_ok(&w, &inputs, "out2", &[]);
    let book = read_xlsx(&w.path("out2/ke-toan.xlsx"));
    let buyers = sheet(&book, "Người mua của HĐ");
    let asked = buyers.iter().find(|r| r[2] == "10").expect("row 10 asked");
    assert!(asked[11].contains("mã khách hàng"), "{asked:?}");
    let named = buyers.iter().find(|r| r[2] == "8").expect("row 8");
    assert_eq!(named[11], "Tên duy nhất", "{named:?}");
}

/// The portal's list of purchase invoices sits beside the sales list: given by mistake, it is
/// refused saying what it is (its sellers are suppliers), not as a file without columns.
#[test]
fn a_list_of_purchase_invoices_is_refused_saying_so() {
    let w = Workdir::new();
    w.write(
        "mua-vao.csv",
        "STT,Ký hiệu hóa đơn,Số hóa đơn,Ngày lập,MST người bán,Tên người bán,Tổng tiền chưa thuế\n\
         1,C26TAA,15,03/11/2026,0101245486,Công ty Cổ phần Sông Hồng,\"1.000.000\"\n",
    );
    let (code, _, err) = run(&w, &["clean", "mua-vao.csv", "--out", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("mua-vao.csv"), "{err}");
    assert!(err.contains("bảng kê hóa đơn mua vào"), "{err}");
    assert!(!w.path("out/khach-hang.xlsx").exists());
    // A sheet of them beside the customers' in one workbook: the customers are read, the
    // sheet is named for what it is, on the terminal and on «Bỏ qua».
    save_text_sheets(
        &w.path("so.xlsx"),
        &[
            (
                "Mua vào",
                &[
                    &["Số hóa đơn", "Ngày lập", "MST người bán", "Tên người bán"],
                    &[
                        "15",
                        "03/11/2026",
                        "0101245486",
                        "Công ty Cổ phần Sông Hồng",
                    ],
                ],
            ),
            (
                "Khách hàng",
                &[
                    &["Tên khách hàng", "Điện thoại", "Địa chỉ", "MST"],
                    &["Nguyễn Văn An", "0912 345 678", "5 Lê Lợi, Q1, TP HCM", ""],
                ],
            ),
        ],
    );
    let (code, out, err) = run(&w, &["clean", "so.xlsx", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let said = format!("{out}{err}");
    assert!(
        said.contains("bảng kê hóa đơn mua vào") && said.contains("so.xlsx › Mua vào"),
        "{said}"
    );
    let report = read_xlsx(&w.path("out").join(REPORT));
    assert!(
        sheet(&report, "Bỏ qua")
            .iter()
            .any(|r| r[1] == "Mua vào" && r.iter().any(|c| c.contains("mua vào"))),
        "{report:?}"
    );
}

#[test]
fn inspect_finds_header_under_title_rows_and_leaves_price_list_alone() {
    let w = Workdir::new();
    put(&w, "", "so-khach.xlsx");
    let (code, stdout, err) = run(&w, &["inspect", "--json", "so-khach.xlsx"]);
    assert_eq!(code, 0, "a price-list sheet does not fail the run: {err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(0), "{v}");
    let tables = v["tables"].as_array().expect("tables");
    let by_sheet: HashMap<&str, &serde_json::Value> = tables
        .iter()
        .map(|t| (t["sheet"].as_str().unwrap_or(""), t))
        .collect();
    assert_eq!(tables.len(), 2, "two ledgers: {:?}", by_sheet.keys());
    assert_eq!(by_sheet["Khách hàng"]["header_row"], 3);
    assert_eq!(by_sheet["Khách hàng"]["data_rows"], 5);
    assert_eq!(by_sheet["2017"]["header_row"], 1);
    assert_eq!(by_sheet["2017"]["data_rows"], 3);
    assert!(
        !by_sheet.contains_key("Bảng giá"),
        "price list is not a ledger"
    );

    // The human-readable form says so.
    let (code, stdout, err) = run(&w, &["inspect", "so-khach.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let line = stdout
        .lines()
        .find(|l| l.contains("Bảng giá"))
        .unwrap_or_else(|| panic!("price list not mentioned:\n{stdout}"));
    assert!(line.contains("không phải danh sách khách hàng"), "{line}");

    // And clean lists it under "Bỏ qua" without failing.
    clean_ok(&w, &["so-khach.xlsx"], "out", &[]);
    let report = read_xlsx(&w.path("out").join(REPORT));
    let skipped = sheet(&report, "Bỏ qua");
    assert!(
        skipped[1..]
            .iter()
            .any(|r| r[0] == "so-khach.xlsx" && r[1] == "Bảng giá"),
        "{skipped:?}"
    );
}

#[test]
fn old_11_digit_mobile_merges_and_lost_leading_zeros_are_restored() {
    let w = Workdir::new();
    put(&w, "", "so-khach.xlsx");
    clean_ok(&w, &["so-khach.xlsx"], "out", &[]);
    let out = w.path("out");
    let lines = lineage_lines(&out);
    let id_of = |sheet: &str, row: &str| -> String {
        let l = lines
            .iter()
            .find(|l| l[1] == sheet && l[2] == row)
            .unwrap_or_else(|| panic!("no lineage for {sheet} row {row}"));
        assert!(!l[3].is_empty(), "{l:?}");
        l[3].clone()
    };
    // Hoàng Thị Mai: 0362 345 678 in the current sheet, 01662345678 in "2017".
    let now = id_of("Khách hàng", "6");
    let old = id_of("2017", "2");
    assert_eq!(now, old, "the 2017 row (01662345678) is the same customer");
    let l2017 = lines
        .iter()
        .find(|l| l[1] == "2017" && l[2] == "2")
        .unwrap();
    assert_eq!(l2017[4], "merged");
    // The other 2017 rows are customers of their own.
    assert_ne!(id_of("2017", "3"), now);
    assert_ne!(id_of("2017", "4"), now);

    let wb = read_xlsx(&out.join(BOOK));
    let book = sheet(&wb, "Khách hàng");
    let (name, phone, id) = (
        col(book, "Tên khách hàng"),
        col(book, "Điện thoại"),
        col(book, "Mã KH"),
    );
    let phone_of = |n: &str| -> String {
        let rows: Vec<_> = book[1..].iter().filter(|r| r[name] == n).collect();
        assert_eq!(rows.len(), 1, "one customer named {n}");
        rows[0][phone].clone()
    };
    let digits = |s: String| s.chars().filter(char::is_ascii_digit).collect::<String>();
    // Number cells that lost the leading zero.
    assert_eq!(digits(phone_of("Nguyễn Văn Ánh")), "0912345678");
    assert_eq!(digits(phone_of("Trần Thị Bích Ngọc")), "0987654321");
    assert_eq!(digits(phone_of("Vũ Thị Lan")), "0913555666");
    // 11-digit mobiles renumbered.
    assert_eq!(digits(phone_of("Hoàng Thị Mai")), "0362345678");
    assert_eq!(digits(phone_of("Đỗ Văn Nam")), "0389123456");
    let mai: Vec<_> = book[1..]
        .iter()
        .filter(|r| r[name] == "Hoàng Thị Mai")
        .collect();
    assert_eq!(mai[0][id], now);
    // Nowhere in the book does an 11-digit old mobile or a 9-digit number survive.
    for r in &book[1..] {
        let p = digits(r[phone].clone());
        assert!(
            !p.starts_with("01") || p.len() != 11,
            "old mobile kept: {r:?}"
        );
        assert_ne!(p.len(), 9, "leading zero not restored: {r:?}");
    }
}

// ------------------------------------------------------------------------------------------
// bad inputs

#[test]
fn password_protected_workbook_is_exit_2_and_writes_nothing() {
    for (lang, word) in [("vi", "mật khẩu"), ("en", "password")] {
        let w = Workdir::new();
        put(&w, "", "web-export-bom.csv");
        w.write("khoa.xlsx", encrypted_ole());
        let (code, _, err) = run(
            &w,
            &[
                "clean",
                "--lang",
                lang,
                "web-export-bom.csv",
                "khoa.xlsx",
                "--out",
                "out",
            ],
        );
        assert_eq!(code, 2, "[{lang}] stderr: {err}");
        assert!(err.contains(word), "[{lang}] no «{word}» in: {err}");
        assert!(err.contains("khoa.xlsx"), "[{lang}] file not named: {err}");
        assert!(
            files_in(&w.path("out")).is_empty(),
            "[{lang}] something was written: {:?}",
            files_in(&w.path("out"))
        );
        // An existing output folder is left as it was, too.
        std::fs::create_dir_all(w.path("out2")).unwrap();
        let (code, _, _) = run(&w, &["clean", "--lang", lang, "khoa.xlsx", "--out", "out2"]);
        assert_eq!(code, 2);
        assert!(files_in(&w.path("out2")).is_empty());
    }
}

#[test]
fn missing_input_is_exit_2_naming_the_path() {
    let w = Workdir::new();
    put(&w, "", "web-export-bom.csv");
    let (code, _, err) = run(
        &w,
        &[
            "clean",
            "web-export-bom.csv",
            "khong-co/so-khach-2023.xlsx",
            "--out",
            "out",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("khong-co/so-khach-2023.xlsx"), "{err}");
    assert!(
        !w.path("out").exists(),
        "out created: {:?}",
        files_in(&w.path("out"))
    );
}

#[test]
fn out_that_is_a_file_is_exit_2() {
    let w = Workdir::new();
    put(&w, "", "web-export-bom.csv");
    let notes = w.write("ghi-chu.txt", "không phải thư mục\n");
    let before = blake3_file(&notes);
    let (code, _, err) = run(&w, &["clean", "web-export-bom.csv", "--out", "ghi-chu.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ghi-chu.txt"), "{err}");
    assert!(err.contains("--out"), "{err}");
    assert_eq!(blake3_file(&notes), before);
}

#[test]
fn output_never_overwrites_an_input() {
    let w = Workdir::new();
    // A ledger that happens to be called lineage.csv, inside the output folder.
    let input = put(&w, "out", "web-export-bom.csv");
    let lineage_input = w.path("out/lineage.csv");
    std::fs::rename(&input, &lineage_input).unwrap();
    let before = blake3_file(&lineage_input);
    let (code, _, err) = run(&w, &["clean", "out/lineage.csv", "--out", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("lineage.csv"), "{err}");
    assert_eq!(blake3_file(&lineage_input), before, "input changed");
    let mut left = files_in(&w.path("out"));
    left.sort();
    assert_eq!(left, ["lineage.csv"], "outputs written next to it");
}

#[test]
fn output_never_overwrites_an_input_found_in_a_folder() {
    let w = Workdir::new();
    let input = put(&w, "out", "web-export-bom.csv");
    let lineage_input = w.path("out/lineage.csv");
    std::fs::rename(&input, &lineage_input).unwrap();
    let before = blake3_file(&lineage_input);
    let (code, _, err) = run(&w, &["clean", "out", "--out", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("lineage.csv"), "{err}");
    assert_eq!(blake3_file(&lineage_input), before, "input changed");
    assert_eq!(files_in(&w.path("out")), ["lineage.csv"]);
}

#[test]
fn outputs_inside_the_input_folder_are_not_read_back() {
    let w = Workdir::new();
    for f in FIXTURES {
        put(&w, "so", f);
    }
    let run_week = || {
        let (code, _, err) = run(&w, &["clean", "--quiet", "so", "--out", "so/ket-qua"]);
        assert_eq!(code, 0, "{err}");
        lineage_lines(&w.path("so/ket-qua"))
    };
    let first = run_week();
    let second = run_week();
    assert!(
        !second.iter().any(|l| l[0].contains("ket-qua")),
        "the run read its own outputs: {:?}",
        second
            .iter()
            .map(|l| l[0].as_str())
            .collect::<BTreeSet<_>>()
    );
    assert_eq!(first, second);
}

// ------------------------------------------------------------------------------------------
// runs over time

#[test]
fn clean_twice_gives_identical_lineage_and_ids() {
    let w = Workdir::new();
    put_all(&w);
    clean_ok(&w, &FIXTURES, "out", &[]);
    let out = w.path("out");
    let lineage1 = std::fs::read(out.join(LINEAGE)).unwrap();
    let book1 = read_xlsx(&out.join(BOOK));
    clean_ok(&w, &FIXTURES, "out", &[]);
    let lineage2 = std::fs::read(out.join(LINEAGE)).unwrap();
    let book2 = read_xlsx(&out.join(BOOK));
    assert!(
        lineage1 == lineage2,
        "lineage.csv differs:\n{}\n---\n{}",
        String::from_utf8_lossy(&lineage1),
        String::from_utf8_lossy(&lineage2)
    );
    assert_eq!(book1, book2);
    assert!(sheet(&book1, "Khách hàng").len() > 10);
}

#[test]
fn ids_stay_when_a_new_customer_row_is_added() {
    let w = Workdir::workspace();
    put(&w, "", "so-khach.xlsx");
    let web = put(&w, "", "web-export-bom.csv");
    clean_ok(&w, &["so-khach.xlsx", "web-export-bom.csv"], "out", &[]);
    let out = w.path("out");
    let first = customers_by_identity(&out.join(BOOK));

    // A new order, inserted in the middle: every row after it moves down one.
    let text = std::fs::read_to_string(&web).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(
        3,
        "Cao Thị Hồng Nhung,+84 904 818 727,nhung.cao@gmail.com,\"6 Pasteur, Quận 3, TP.HCM\",2024-04-01",
    );
    std::fs::write(&web, lines.join("\n") + "\n").unwrap();
    clean_ok(&w, &["so-khach.xlsx", "web-export-bom.csv"], "out", &[]);
    let second = customers_by_identity(&out.join(BOOK));

    assert_eq!(second.len(), first.len() + 1, "one more customer");
    for (who, id) in &first {
        assert_eq!(second.get(who), Some(id), "{who:?} changed Mã KH");
    }
    let old_ids: HashSet<&String> = first.values().collect();
    let new: Vec<_> = second
        .iter()
        .filter(|(k, _)| !first.contains_key(*k))
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].0 .0, "Cao Thị Hồng Nhung");
    assert!(!old_ids.contains(new[0].1), "new customer reuses an old id");

    // lineage agrees: each moved row still carries its customer's id.
    let lines = lineage_lines(&out);
    let nhung = lines
        .iter()
        .find(|l| l[0] == "web-export-bom.csv" && l[2] == "4")
        .unwrap();
    assert_eq!(&nhung[3], new[0].1);
}

// ------------------------------------------------------------------------------------------
// folders and the report

#[test]
fn folder_input_takes_every_ledger_and_skips_excel_lock_file() {
    let w = Workdir::new();
    for f in FIXTURES {
        put(&w, "so", f);
    }
    // What Excel leaves beside a workbook it has open: owner name, padded.
    let mut lock = vec![5u8];
    lock.extend(b"Admin");
    lock.resize(165, 0x20);
    w.write("so/~$so-khach.xlsx", lock);
    let (code, _, err) = run(&w, &["clean", "--quiet", "so", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let out = w.path("out");
    let lines = lineage_lines(&out);
    let files: BTreeSet<&str> = lines.iter().map(|l| l[0].as_str()).collect();
    let want: BTreeSet<String> = FIXTURES
        .iter()
        .map(|f| Path::new("so").join(f).display().to_string())
        .collect();
    assert_eq!(
        files,
        want.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    assert_eq!(
        lines.iter().filter(|l| !l[2].is_empty()).count(),
        24,
        "every data row of every ledger in the folder"
    );
    assert!(!lines.iter().any(|l| l[0].contains("~$")));
    let report = read_xlsx(&out.join(REPORT));
    let skipped = sheet(&report, "Bỏ qua");
    assert!(
        skipped[1..]
            .iter()
            .any(|r| r[0].ends_with("~$so-khach.xlsx") && r[2].is_empty()),
        "lock file not reported: {skipped:?}"
    );
}

#[test]
fn summary_counts_balance_and_match_lineage() {
    let w = Workdir::new();
    put_all(&w);
    clean_ok(&w, &FIXTURES, "out", &[]);
    let out = w.path("out");
    let report = read_xlsx(&out.join(REPORT));
    let summary = sheet(&report, "Tóm tắt");
    let num = |label: &str| -> u64 {
        let r = summary
            .iter()
            .find(|r| r[0].trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no «{label}» in the summary: {summary:?}"));
        let v: f64 = r[1]
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {r:?}"));
        v as u64
    };
    let read = num("Dòng dữ liệu đã đọc");
    let parts = [
        num("giữ"),
        num("gộp"),
        num("xóa"),
        num("bỏ khỏi sổ"),
        num("bị chặn"),
        num("bỏ qua"),
    ];
    assert_eq!(read, parts.iter().sum::<u64>(), "summary {parts:?}");
    let lines = lineage_lines(&out);
    let with_row = lines.iter().filter(|l| !l[2].is_empty()).count() as u64;
    assert_eq!(read, with_row);
    assert_eq!(read, 24);
    // Each part is the number of lineage lines with that action.
    for (action, n) in ACTIONS.iter().zip(parts) {
        let c = lines
            .iter()
            .filter(|l| l[4] == *action && !l[2].is_empty())
            .count() as u64;
        assert_eq!(c, n, "{action}");
    }
    assert_eq!(parts[5], 1, "the Tổng cộng line");
    assert_eq!(
        num("Khách hàng sau khi gộp") as usize,
        sheet(&read_xlsx(&out.join(BOOK)), "Khách hàng").len() - 1
    );
    // One language per mode: the run date's label has no English beside it.
    assert!(summary.iter().any(|r| r[0] == "Ngày chạy"), "{summary:?}");
    assert!(
        !summary.iter().any(|r| r[0].contains("as-of")),
        "{summary:?}"
    );
}

#[test]
fn lang_en_names_sheets_in_english() {
    let w = Workdir::new();
    put_all(&w);
    clean_ok(&w, &FIXTURES, "out", &["--lang", "en"]);
    let out = w.path("out");
    let book = read_xlsx(&out.join(BOOK));
    assert_eq!(
        book.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["Customers"]
    );
    assert_eq!(sheet(&book, "Customers")[0][0], "Customer ID");
    let report = read_xlsx(&out.join(REPORT));
    let names: Vec<&str> = report.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "Summary");
    assert!(names.contains(&"Skipped"), "{names:?}");
    for vi in ["Tóm tắt", "Bỏ qua", "Khách hàng"] {
        assert!(!names.contains(&vi), "{names:?}");
    }
    let summary = sheet(&report, "Summary");
    assert!(
        summary.iter().any(|r| r[0] == "Run date (as-of)"),
        "{summary:?}"
    );
    // The lineage reasons follow the language; its header never does.
    let lines = lineage_lines(&out);
    assert!(lines
        .iter()
        .any(|l| l[5] == "new customer or its first row"));
}

#[test]
fn change_list_csv_holds_every_change_and_check_of_the_report() {
    let w = Workdir::new();
    put_all(&w);
    // A value a person must look at: a phone number too short to be one.
    w.write(
        "kiem-tra.csv",
        "Họ tên,Điện thoại,Email\nĐỗ Thị Hạnh,12345,hanh.do@gmail\n",
    );
    let mut inputs = FIXTURES.to_vec();
    inputs.push("kiem-tra.csv");
    clean_ok(&w, &inputs, "out", &[]);
    let out = w.path("out");
    let raw = std::fs::read(out.join("thay-doi.csv")).expect("thay-doi.csv written");
    assert!(raw.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut rdr = csv::ReaderBuilder::new().from_reader(&raw[3..]);
    let mut changed = 0;
    let mut check = 0;
    for rec in rdr.records() {
        let rec = rec.expect("well-formed CSV");
        assert_eq!(rec.len(), 8, "{rec:?}");
        match &rec[0] {
            "Đã sửa" => changed += 1,
            "Cần kiểm tra" => check += 1,
            other => panic!("kind {other:?}"),
        }
        assert!(rec[3].parse::<u32>().is_ok(), "row number: {rec:?}");
    }
    let report = read_xlsx(&out.join("bao-cao-thay-doi.xlsx"));
    let listed = |name: &str| sheet(&report, name).len() - 1;
    assert!(changed > 0 && check > 0);
    assert_eq!(
        changed,
        listed("Thay đổi"),
        "every change of the sheet, no more"
    );
    assert_eq!(check, listed("Cần kiểm tra"));
}

/// A sheet whose address is split over columns under a merged "Địa chỉ" cell, with the parts'
/// names in a second header row, and a web shop's order export whose headers carry its
/// `billing_`/`shipping_` prefixes: the parts make one address, the second header row is
/// skipped with its reason, and the web order's buyer joins the customer by phone.
#[test]
fn two_row_header_with_address_parts_and_a_web_shop_export() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khách lẻ").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    for (c, h) in ["STT", "Họ tên", "Điện thoại"].iter().enumerate() {
        ws.merge_range(0, c as u16, 1, c as u16, h, &fmt).unwrap();
    }
    ws.merge_range(0, 3, 0, 6, "Địa chỉ", &fmt).unwrap();
    ws.merge_range(0, 7, 1, 7, "Ngày", &fmt).unwrap();
    for (c, h) in ["Số nhà/Đường", "Phường/Xã", "Quận/Huyện", "Tỉnh/TP"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, 3 + c as u16, *h).unwrap();
    }
    let rows = [
        [
            "1",
            "Đỗ Công Đức",
            "0836121892",
            "278 Ông Ích Khiêm",
            "P. Bình Hiên",
            "Hải Châu",
            "Đà Nẵng",
            "18/02/2022",
        ],
        [
            "2",
            "Huỳnh Minh Yến",
            "0972763184",
            "Số 6 ngõ 140 Phố Huế",
            "Định Công",
            "Hoàng Mai",
            "HN",
            "13/09/2022",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(2 + r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(w.path("so.xlsx")).unwrap();
    w.write(
        "web.csv",
        "\u{feff}order_id,order_date,billing_email,billing_phone,billing_full_name,billing_address,shipping_address_1,order_total\r\n\
         1001,2024-05-02,duc.do@gmail.com,+84836121892,Do Cong Duc,,\"12 Bạch Đằng, Hải Châu, Đà Nẵng\",450000\r\n",
    );
    clean_ok(&w, &["so.xlsx", "web.csv"], "out", &[]);
    let lin = lineage_lines(&w.path("out"));
    let line = |file: &str, row: &str| {
        lin.iter()
            .find(|l| l[0] == file && l[2] == row)
            .unwrap_or_else(|| panic!("no lineage line for {file} row {row}"))
    };
    assert_eq!(line("so.xlsx", "2")[4], "skipped");
    assert!(
        line("so.xlsx", "2")[5].contains("tiêu đề thứ hai"),
        "{:?}",
        line("so.xlsx", "2")
    );
    let duc = line("so.xlsx", "3")[3].clone();
    assert_eq!(
        line("web.csv", "2")[3],
        duc,
        "the web order's buyer is Đỗ Công Đức"
    );
    assert_eq!(line("web.csv", "2")[4], "merged");
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let row = rows
        .iter()
        .find(|r| r[0] == duc)
        .expect("Đỗ Công Đức in the book");
    let addr = &row[col(rows, "Địa chỉ")];
    for part in ["278 Ông Ích Khiêm", "Bình Hiên", "Hải Châu", "Đà Nẵng"] {
        assert!(addr.contains(part), "{part} in {addr:?}");
    }
    assert!(row[col(rows, "Tỉnh/Thành")].contains("Đà Nẵng"), "{row:?}");
    assert!(
        row[col(rows, "Địa chỉ giao hàng")].contains("Bạch Đằng"),
        "{row:?}"
    );
    assert_eq!(row[col(rows, "Email")], "duc.do@gmail.com");
    let yen = rows
        .iter()
        .find(|r| r[col(rows, "Tên khách hàng")] == "Huỳnh Minh Yến")
        .expect("Huỳnh Minh Yến");
    assert!(yen[col(rows, "Tỉnh/Thành")].contains("Hà Nội"), "{yen:?}");
}

/// A name typed over two columns («Họ» + «Tên», a web shop's `first_name` + `last_name`) is
/// one name, family name first: the customer is found across the ledgers by it, and no part is
/// read as a contact person or dropped.
#[test]
fn a_name_in_two_columns_is_read_as_one() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Họ và tên đệm,Tên,Điện thoại,Địa chỉ\r\nNguyễn Văn,Hùng,0912345678,12 Lê Lợi Huế\r\nTrần Thị,Lan,0987654321,\r\nLê,Lê Văn Tám,0911222333,\r\n",
    );
    w.write(
        "web.csv",
        "first_name,last_name,email,phone\r\nHùng,Nguyễn Văn,hung.nv@gmail.com,0912 345 678\r\n",
    );
    clean_ok(&w, &["so.csv", "web.csv"], "out", &[]);
    let lin = lineage_lines(&w.path("out"));
    let id = |file: &str, row: &str| {
        lin.iter()
            .find(|l| l[0] == file && l[2] == row)
            .unwrap_or_else(|| panic!("no lineage line for {file} row {row}"))[3]
            .clone()
    };
    assert_eq!(id("web.csv", "2"), id("so.csv", "2"));
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let names: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col(rows, "Tên khách hàng")].as_str())
        .collect();
    // The whole name typed in «Tên» is not given its family name twice.
    assert_eq!(names, ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Tám"]);
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[col(rows, "Người liên hệ")].is_empty()),
        "{rows:?}"
    );
}

/// A birth date is no dealing with the company: read as the last activity it made a customer
/// born in 1985 look inactive since then (and the retention rule would count from it).
#[test]
fn a_birth_date_is_not_the_last_activity() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Họ tên,Ngày sinh,Điện thoại,Ngày mua hàng\r\nNguyễn Văn Hùng,12/05/1985,0912345678,\r\nTrần Thị Lan,03/07/1990,0987654321,15/03/2024\r\n",
    );
    clean_ok(&w, &["so.csv"], "out", &[]);
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let last = |name: &str| {
        rows.iter()
            .find(|r| r[col(rows, "Tên khách hàng")] == name)
            .map(|r| r[col(rows, "Giao dịch cuối")].clone())
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
    };
    assert_eq!(last("Nguyễn Văn Hùng"), "");
    // 15/03/2024 as the date cell's serial: the purchase, not her birth date (1990).
    assert_eq!(last("Trần Thị Lan"), "45366");
}

/// Two whole addresses («Địa chỉ công ty», «Địa chỉ nhà») are two places: the first is the
/// customer's address, the other kept in the notes under its header (they were joined into
/// one address no one lives at). Two date columns give the latest.
#[test]
fn two_address_columns_are_two_places_and_two_dates_the_latest() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Tên khách hàng,SĐT,Địa chỉ công ty,Địa chỉ nhà,Ngày tạo,Ngày mua hàng\r\n\
         Nguyễn Văn Hùng,0912345678,12 Lê Lợi Huế,5 Hùng Vương Huế,01/02/2023,05/06/2024\r\n",
    );
    clean_ok(&w, &["so.csv"], "out", &[]);
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let row = &rows[1];
    assert_eq!(row[col(rows, "Địa chỉ")], "12 Lê Lợi Huế", "{row:?}");
    assert!(
        row[col(rows, "Ghi chú")].contains("Địa chỉ nhà: 5 Hùng Vương Huế"),
        "{row:?}"
    );
    // 05/06/2024 as the date cell's serial.
    assert_eq!(row[col(rows, "Giao dịch cuối")], "45448");
}

/// A shop's export keeps the street in «Địa chỉ» and the ward, district and province in
/// columns after it: they complete the address (it was the street alone, with no province);
/// a row whose address already names its province keeps it as written.
#[test]
fn address_parts_complete_a_street_address() {
    let w = Workdir::workspace();
    w.write(
        "shop.csv",
        "Họ và tên,Số điện thoại,Địa chỉ,Phường/Xã,Quận/Huyện,Tỉnh/Thành phố\r\n\
         Nguyễn Văn Hùng,0912345678,12 Lê Lợi,Phường Vĩnh Ninh,Thành phố Huế,Thừa Thiên Huế\r\n\
         Trần Thị Lan,0987654321,\"5 Hai Bà Trưng, Hoàn Kiếm, Hà Nội\",Hàng Bài,Hoàn Kiếm,Hà Nội\r\n",
    );
    clean_ok(&w, &["shop.csv"], "out", &[]);
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let addr = |name: &str| {
        rows.iter()
            .find(|r| r[col(rows, "Tên khách hàng")] == name)
            .map(|r| r[col(rows, "Địa chỉ")].clone())
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
    };
    assert_eq!(
        addr("Nguyễn Văn Hùng"),
        "12 Lê Lợi, Phường Vĩnh Ninh, Thành phố Huế, Thừa Thiên Huế"
    );
    assert_eq!(addr("Trần Thị Lan"), "5 Hai Bà Trưng, Hoàn Kiếm, Hà Nội");

    // A sales program's «Khu vực giao hàng» is written province first.
    w.write(
        "kiot.csv",
        "Mã khách hàng,Tên khách hàng,Điện thoại,Địa chỉ,Khu vực giao hàng,Phường/Xã\r\n\
         KH000123,Lê Văn Nam,0912000111,8 Hàng Khay,Hà Nội - Quận Hoàn Kiếm,Phường Tràng Tiền\r\n",
    );
    clean_ok(&w, &["kiot.csv"], "out2", &[]);
    let book = read_xlsx(&w.path("out2").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    assert_eq!(
        rows[1][col(rows, "Địa chỉ")],
        "8 Hàng Khay, Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội",
        "{rows:?}"
    );
}

/// Headers the synonyms do not know are found by the office's `[[columns]]` entries: without
/// them the file is no ledger, with them it is read.
#[test]
fn columns_overrides_find_a_header_the_synonyms_do_not_know() {
    let w = Workdir::workspace();
    w.write(
        "la.csv",
        "Quý danh,Liên lạc qua,Hòm thư\r\nTrần Thị Lan,0987654321,lan.tt@yahoo.com\r\nLê Văn Nam,0912345678,\r\n",
    );
    let (code, _, err) = run(&w, &["clean", "--quiet", "la.csv", "--out", "o1"]);
    assert_ne!(code, 0, "no ledger without the mapping: {err}");
    let toml = std::fs::read_to_string(w.path("sokhach.toml")).unwrap();
    let mapping = "\n[[columns]]\nfile = \"la.csv\"\nheader = \"Quý danh\"\nrole = \"name\"\n\
                   \n[[columns]]\nfile = \"la.csv\"\nheader = \"Liên lạc qua\"\nrole = \"phone\"\n\
                   \n[[columns]]\nfile = \"la.csv\"\nheader = \"Hòm thư\"\nrole = \"email\"\n";
    w.write("sokhach.toml", toml + mapping);
    let (code, _, err) = run(&w, &["clean", "--quiet", "la.csv", "--out", "o2"]);
    assert_eq!(code, 0, "{err}");
    let lin = lineage_lines(&w.path("o2"));
    assert_eq!(lin.len(), 2, "{lin:?}");
    assert!(lin.iter().all(|l| l[4] == "kept"), "{lin:?}");
    let book = read_xlsx(&w.path("o2").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let lan = rows
        .iter()
        .find(|r| r[col(rows, "Tên khách hàng")] == "Trần Thị Lan")
        .expect("Trần Thị Lan");
    assert_eq!(lan[col(rows, "Điện thoại")], "0987654321");
    assert_eq!(lan[col(rows, "Email")], "lan.tt@yahoo.com");
}

/// A web export's lone "city" column beside its whole shipping address repeats it (often
/// shortened: "HD"): it is not read, the address stays as written. Split over columns with no
/// whole address (`billing_address_1`, `billing_city`), the parts make the address.
#[test]
fn a_lone_city_beside_a_whole_address_is_not_read() {
    let w = Workdir::new();
    w.write(
        "web.csv",
        "customer_id,full_name,phone_number,email,shipping_address,city\r\n\
         W1,Trần Thị Lan,0987654321,lan.tt@yahoo.com,\"5 Hai Bà Trưng, Hoàn Kiếm, Hà Nội\",HN\r\n",
    );
    w.write(
        "woo.csv",
        "order_id,billing_full_name,billing_phone,billing_address_1,billing_city,billing_state\r\n\
         1,Lê Văn Nam,0912345678,12 Bạch Đằng,Hải Châu,Đà Nẵng\r\n",
    );
    clean_ok(&w, &["web.csv", "woo.csv"], "out", &[]);
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    let find = |name: &str| {
        rows.iter()
            .find(|r| r[col(rows, "Tên khách hàng")] == name)
            .unwrap_or_else(|| panic!("{name}: {rows:?}"))
    };
    let lan = find("Trần Thị Lan");
    assert_eq!(lan[col(rows, "Địa chỉ")], "", "{lan:?}");
    let delivery = &lan[col(rows, "Địa chỉ giao hàng")];
    assert!(delivery.contains("Hai Bà Trưng"), "{delivery:?}");
    assert!(!delivery.contains("HN"), "{delivery:?}");
    let nam = find("Lê Văn Nam");
    let addr = &nam[col(rows, "Địa chỉ")];
    assert!(
        addr.contains("Bạch Đằng") && addr.contains("Hải Châu"),
        "{addr:?}"
    );
    assert!(nam[col(rows, "Tỉnh/Thành")].contains("Đà Nẵng"), "{nam:?}");
}

/// The tax authority's listing of sales invoices as accountants get it: title lines, a two-row
/// header under a merged «Hóa đơn, chứng từ bán ra», a row of column numbers [1]…[10], a
/// heading and a «Tổng» per VAT rate, a cancelled invoice and one replaced, a VAT cell with a
/// part of a đồng, the amount in words and the signatures. Only the sales count: every other
/// line is skipped with its reason, none becomes a customer.
#[test]
fn the_tax_forms_sales_listing_counts_only_its_invoices() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Bang ke").unwrap();
    let fmt = rust_xlsxwriter::Format::new();
    let text = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &str| {
        ws.write_string(r, c, v).unwrap();
    };
    text(
        ws,
        0,
        0,
        "BẢNG KÊ HÓA ĐƠN, CHỨNG TỪ HÀNG HÓA, DỊCH VỤ BÁN RA",
    );
    text(ws, 1, 0, "[01] Kỳ tính thuế: Tháng 03 năm 2024");
    for (c, h) in [
        (0, "STT"),
        (5, "Tên người mua"),
        (6, "Mã số thuế người mua"),
        (7, "Doanh thu chưa có thuế GTGT"),
        (8, "Thuế GTGT"),
        (9, "Trạng thái hóa đơn"),
    ] {
        ws.merge_range(3, c, 4, c, h, &fmt).unwrap();
    }
    ws.merge_range(3, 1, 3, 4, "Hóa đơn, chứng từ bán ra", &fmt)
        .unwrap();
    for (c, h) in [
        "Ký hiệu mẫu số",
        "Ký hiệu hóa đơn",
        "Số hóa đơn",
        "Ngày, tháng, năm lập hóa đơn",
    ]
    .iter()
    .enumerate()
    {
        text(ws, 4, 1 + c as u16, h);
    }
    for c in 0..10u16 {
        text(ws, 5, c, &format!("[{}]", c + 1));
    }
    let lines: &[&[&str]] = &[
        &["1. Hàng hóa, dịch vụ chịu thuế suất thuế GTGT 8%:"],
        &[
            "1",
            "1",
            "C24TSH",
            "0000101",
            "02/03/2024",
            "Công ty TNHH Thương mại Hoàng Phát",
            "0100112437",
            "1234567",
            "98765.36",
            "Hóa đơn mới",
        ],
        &[
            "2",
            "1",
            "C24TSH",
            "0000102",
            "03/03/2024",
            "Công ty TNHH Thương mại Hoàng Phát",
            "0100112437",
            "3000000",
            "240000",
            "Hóa đơn đã bị hủy",
        ],
        &[
            "3",
            "1",
            "C24TSH",
            "0000103",
            "04/03/2024",
            "Nguyễn Thị Thu Hà",
            "",
            "5000000",
            "400000",
            "Hóa đơn đã bị thay thế",
        ],
        &[
            "4",
            "1",
            "C24TSH",
            "0000104",
            "05/03/2024",
            "Nguyễn Thị Thu Hà",
            "",
            "4000000",
            "320000",
            "Hóa đơn thay thế",
        ],
        &["Tổng", "", "", "", "", "", "", "13234567", "1058765"],
        &[
            "Cộng thuế suất 8%",
            "",
            "",
            "",
            "",
            "",
            "",
            "5234567",
            "418765",
        ],
        &["Bằng chữ: Năm triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"],
        &["", "", "", "", "", "", "Hà Nội, ngày 15 tháng 04 năm 2024"],
        &[
            "Người lập biểu",
            "",
            "",
            "Kế toán trưởng",
            "",
            "",
            "Giám đốc",
        ],
        &[
            "Trần Thị Mai",
            "",
            "",
            "Lê Văn Hùng",
            "",
            "",
            "Phạm Quốc Toàn",
        ],
    ];
    for (r, line) in lines.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            if !v.is_empty() {
                match v.parse::<f64>() {
                    Ok(x) if c >= 7 => ws.write_number(6 + r as u32, c as u16, x).map(|_| ()),
                    _ => ws.write_string(6 + r as u32, c as u16, *v).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    wb.save(w.path("bang-ke.xlsx")).unwrap();
    clean_ok(&w, &["bang-ke.xlsx"], "out", &[]);
    let lin = lineage_lines(&w.path("out"));
    let reason = |row: u32| {
        let l = lin
            .iter()
            .find(|l| l[0] == "bang-ke.xlsx" && l[2] == row.to_string())
            .unwrap_or_else(|| panic!("no lineage line for row {row}: {lin:?}"));
        (l[4].clone(), l[5].clone())
    };
    assert!(reason(5).1.contains("tiêu đề thứ hai"), "{:?}", reason(5));
    assert!(reason(6).1.contains("đánh số cột"), "{:?}", reason(6));
    assert!(
        reason(7).1.contains("không phải dòng hóa đơn"),
        "{:?}",
        reason(7)
    );
    assert_eq!(reason(8).0, "kept");
    assert!(reason(9).1.contains("đã hủy"), "{:?}", reason(9));
    assert!(reason(10).1.contains("đã hủy"), "{:?}", reason(10));
    assert_eq!(reason(11).0, "kept", "the replacing invoice is a sale");
    assert!(reason(12).1.contains("tổng cộng"), "{:?}", reason(12));
    for row in 13..=17 {
        assert_eq!(reason(row).0, "skipped", "row {row}: {:?}", reason(row));
    }
    let book = read_xlsx(&w.path("out").join(BOOK));
    assert_eq!(sheet(&book, "Khách hàng").len(), 3, "two buyers: {book:?}");
    let accounts = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let revenue = sheet(&accounts, "Doanh thu theo khách");
    let total = revenue
        .iter()
        .find(|r| r[0] == "TỔNG")
        .expect("the total line");
    assert_eq!(
        total[3..7],
        ["2", "5234567", "418765", "5653332"],
        "{total:?}"
    );
    // The listing's own «Tổng» counts its cancelled and replaced invoices too: with them the
    // lines add up to it, and the check says so.
    let input = revenue
        .iter()
        .find(|r| r[0] == "Tổng đầu vào")
        .expect("the check line");
    assert!(input[1].starts_with("Khớp"), "{input:?}");
    let listing = revenue
        .iter()
        .find(|r| r[0].starts_with("Dòng tổng của bảng kê"))
        .expect("the listing's line");
    assert!(
        listing[1].contains("2 HĐ đã hủy hoặc bị thay thế"),
        "{listing:?}"
    );
    let changes = std::fs::read_to_string(w.path("out/thay-doi.csv")).unwrap();
    assert!(
        changes.contains("98765.36,98765"),
        "the rounding is told: {changes}"
    );
}

/// A customer who moved: the newer address is the book's, the old one stays in its notes
/// («Địa chỉ khác: …», data the adopted book reads back, not a cell comment lost a week later);
/// the same house written another way is not another address.
#[test]
fn an_old_address_stays_in_the_books_note() {
    let w = Workdir::workspace();
    w.write(
        "a.csv",
        "Họ tên,Điện thoại,Địa chỉ,Ngày giao dịch cuối\n\
         Trần Thị Lan,0987654321,\"45 Trần Phú, Phường 4, Quận 5, TP.HCM\",01/10/2025\n\
         Trần Thị Lan,0987654321,\"12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM\",01/03/2021\n\
         Trần Thị Lan,0987654321,\"Số 12 đường Lê Lợi, Q.1, Hồ Chí Minh\",01/02/2021\n",
    );
    clean_ok(&w, &["a.csv"], "out", &[]);
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[1][col(rows, "Địa chỉ")].contains("Trần Phú"),
        "{rows:?}"
    );
    let notes = &rows[1][col(rows, "Ghi chú")];
    let note = notes
        .split("Địa chỉ khác: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no «Địa chỉ khác» note: {notes}"));
    assert!(note.contains("Lê Lợi"), "{note}");
    assert!(!note.contains(';'), "one house once: {note}");
    // Adopted as next week's book, alone: the old address is still there.
    std::fs::copy(w.path("out").join(BOOK), w.path("so-moi.xlsx")).unwrap();
    clean_ok(&w, &["so-moi.xlsx"], "out2", &[]);
    let again = read_xlsx(&w.path("out2").join(BOOK));
    let again = sheet(&again, "Khách hàng");
    assert_eq!(&again[1][col(again, "Ghi chú")], notes);
}

/// Retail sales whose buyer is nobody in particular («Người mua không lấy hóa đơn», «Khách
/// lẻ», no name at all) are revenue of no customer: one line in the accounts, in the totals
/// that match the listing's own, and no customer named «Khách Lẻ» in the book.
#[test]
fn retail_sales_with_no_buyer_named_are_revenue_not_customers() {
    let w = Workdir::new();
    w.write(
        "hd.csv",
        "STT;Số hóa đơn;Ngày hóa đơn;Tên người mua;MST người mua;Doanh thu chưa có thuế;Thuế GTGT\n\
         1;0000020;16/11/2026;Người mua không lấy hóa đơn;;3.500.000;280.000\n\
         2;0000021;17/11/2026;Khách lẻ;;1.000.000;80.000\n\
         3;0000022;17/11/2026;;;2.000.000;160.000\n\
         4;0000023;18/11/2026;Trần Thị Lan;;500.000;40.000\n\
         ;;;Tổng cộng;;7.000.000;560.000\n",
    );
    clean_ok(&w, &["hd.csv"], "out", &[]);
    let lin = lineage_lines(&w.path("out"));
    for row in ["2", "3", "4"] {
        let l = lin.iter().find(|l| l[2] == row).expect("a lineage line");
        assert_eq!(l[4], "skipped", "{l:?}");
        assert!(l[5].contains("bán lẻ"), "{l:?}");
    }
    let book = read_xlsx(&w.path("out").join(BOOK));
    let rows = sheet(&book, "Khách hàng");
    assert_eq!(rows.len(), 2, "only Trần Thị Lan: {rows:?}");
    let accounts = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let revenue = sheet(&accounts, "Doanh thu theo khách");
    let retail = revenue
        .iter()
        .find(|r| r[1].starts_with("Bán lẻ"))
        .expect("the retail line");
    assert_eq!(
        retail[3..7],
        ["3", "6500000", "520000", "7020000"],
        "{retail:?}"
    );
    let input = revenue
        .iter()
        .find(|r| r[0] == "Tổng đầu vào")
        .expect("the check line");
    assert!(input[1].starts_with("Khớp"), "{input:?}");
}

/// A clerk merges a customer's name and address cells down the rows of his two phones (and a
/// title across the top), in Excel or in LibreOffice: each row of the merged area reads the
/// value, and the rows are one customer, as the clerk wrote them (two mobiles of one name are
/// otherwise two people to ask about); a row with nothing of its own stays blank. A family
/// name merged over a household, the given names apart, is not one customer.
#[test]
fn cells_merged_down_rows_are_read_on_every_row() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("KH").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        3,
        "DANH SÁCH KHÁCH HÀNG",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    for (c, h) in ["Họ tên", "Điện thoại", "Địa chỉ", "Ngày mua"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let plain = rust_xlsxwriter::Format::new();
    ws.merge_range(2, 0, 4, 0, "Nguyễn Văn Bình", &plain)
        .unwrap();
    ws.merge_range(2, 2, 4, 2, "12 Lê Lợi, Huế", &plain)
        .unwrap();
    ws.write_string(2, 1, "0912000001").unwrap();
    ws.write_string(3, 1, "0912000002").unwrap();
    ws.write_string(5, 0, "Trần Thị Cúc").unwrap();
    ws.write_string(5, 1, "0912000003").unwrap();
    wb.save(w.path("so.xlsx")).unwrap();
    // The same sheet as LibreOffice saves it.
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let down = |t: &str| {
        format!(
            r#"<table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let covered = "<table:covered-table-cell/>";
    let row = |cells: String| format!("<table:table-row>{cells}</table:table-row>");
    let body = [
        row(r#"<table:table-cell table:number-columns-spanned="4" table:number-rows-spanned="1" office:value-type="string"><text:p>DANH SÁCH KHÁCH HÀNG</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/>"#.into()),
        row(["Họ tên", "Điện thoại", "Địa chỉ", "Ngày mua"].map(cell).concat()),
        row(down("Nguyễn Văn Bình") + &cell("0912000001") + &down("12 Lê Lợi, Huế")),
        row(format!("{covered}{}{covered}", cell("0912000002"))),
        row(format!("{covered}<table:table-cell/>{covered}")),
        row(cell("Trần Thị Cúc") + &cell("0912000003")),
    ]
    .concat();
    let ods = sokhach::ingest::guard::testsupport::zip_bytes(
        &sokhach::ingest::guard::testsupport::ods_parts(&body),
        zip::CompressionMethod::Deflated,
    );
    std::fs::write(w.path("so.ods"), ods).unwrap();
    for (file, blank) in [("so.xlsx", None), ("so.ods", Some("5"))] {
        let out = format!("out-{file}");
        clean_ok(&w, &[file], &out, &[]);
        let book = read_xlsx(&w.path(&format!("{out}/khach-hang.xlsx")));
        let rows = sheet(&book, "Khách hàng");
        let (name, phone, other, addr) = (
            col(rows, "Tên khách hàng"),
            col(rows, "Điện thoại"),
            col(rows, "SĐT khác"),
            col(rows, "Địa chỉ"),
        );
        let seen: BTreeSet<(String, String, String, String)> = rows[1..]
            .iter()
            .map(|r| {
                (
                    r[name].clone(),
                    r[phone].clone(),
                    r[other].clone(),
                    r[addr].clone(),
                )
            })
            .collect();
        assert_eq!(seen.len(), 2, "{file}: Bình and Cúc: {seen:?}");
        assert!(
            seen.iter().any(|(n, p, o, a)| n == "Nguyễn Văn Bình"
                && [p, o].iter().any(|x| x.contains("0912000001"))
                && [p, o].iter().any(|x| x.contains("0912000002"))
                && a == "12 Lê Lợi, Huế"),
            "{file}: one customer with both phones: {seen:?}"
        );
        // The merged area's last row has nothing of its own: a blank row, no customer.
        let lineage = lineage_lines(&w.path(&out));
        let read: Vec<&str> = lineage
            .iter()
            .filter(|l| Some(l[2].as_str()) != blank)
            .map(|l| l[2].as_str())
            .collect();
        assert_eq!(read, ["3", "4", "6"], "{file}: {lineage:?}");
        assert_eq!(lineage[0][3], lineage[1][3], "{file}: {lineage:?}");
        assert!(lineage[1][5].contains("ô tên gộp"), "{file}: {lineage:?}");
    }

    // «Họ» merged over a household, each «Tên» its own: two people, not one.
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Họ", "Tên", "Điện thoại"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.merge_range(1, 0, 2, 0, "Nguyễn Văn", &plain).unwrap();
    ws.write_string(1, 1, "An").unwrap();
    ws.write_string(1, 2, "0912000011").unwrap();
    ws.write_string(2, 1, "Bình").unwrap();
    ws.write_string(2, 2, "0912000012").unwrap();
    wb.save(w.path("ho.xlsx")).unwrap();
    clean_ok(&w, &["ho.xlsx"], "out", &[]);
    let lineage = lineage_lines(&w.path("out"));
    assert_eq!(lineage.len(), 2, "{lineage:?}");
    assert_ne!(lineage[0][3], lineage[1][3], "{lineage:?}");
}
