//! The office's experience (issue 17): what the clerk, the accountant and whoever sends the
//! mailing see — workbooks read back as Excel would, messages in Vietnamese with no English.

use crate::common::*;

fn run(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    let out = w.cmd().args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `clean INPUT --as-of 2026-12-07 --out OUT`, which must succeed: what it said.
fn clean_ok(w: &Workdir, input: &str, out: &str) -> String {
    let (code, _, err) = run(w, &["clean", input, "--as-of", "2026-12-07", "--out", out]);
    assert_eq!(code, 0, "{err}");
    err
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// A workspace over a copy of examples/so-khach, cleaned once.
/// `export-subject` of KH000005 on the example ledgers into kh5.xlsx.
fn export_kh5(w: &Workdir) -> (i32, String, String) {
    run(
        w,
        &[
            "export-subject",
            "KH000005",
            "so-khach",
            "--out",
            "kh5.xlsx",
        ],
    )
}

/// `disclose` of `ids` on the example ledgers into cq.xlsx.
fn disclose(w: &Workdir, decision: &str, ids: &str) -> (i32, String, String) {
    let args = [
        "disclose",
        "-q",
        "--decision",
        decision,
        "--id",
        ids,
        "so-khach",
        "--out",
        "cq.xlsx",
    ];
    run(w, &args)
}

fn example_workspace() -> Workdir {
    let w = Workdir::workspace();
    let src = repo().join("examples/so-khach");
    for e in std::fs::read_dir(&src).expect("examples") {
        let p = e.expect("entry").path();
        if p.is_file() {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            w.write(
                &format!("so-khach/{name}"),
                std::fs::read(&p).expect("read"),
            );
        }
    }
    let (code, _, err) = run(&w, &["clean", "-q", "so-khach", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    w
}

#[test]
fn the_customers_copy_has_vietnamese_headers_real_dates_and_old_and_new_addresses() {
    let w = example_workspace();
    let (code, _, err) = export_kh5(&w);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("Đã ghi") && err.contains("kh5.xlsx"),
        "says where: {err}"
    );

    let rows = sheet(&w.path("kh5.xlsx"), "Dòng gốc");
    let h = &rows[0];
    for english in [
        "phone_fixed",
        "customer_id",
        "tax_code",
        "row_no",
        "invoices",
    ] {
        assert!(!h.iter().any(|c| c.contains(english)), "{english} in {h:?}");
    }
    // Only the columns the customer's rows use.
    assert!(!h.iter().any(|c| c == "Đồng ý nhận tin"), "{h:?}");
    // The date column holds dates: calamine shows a date cell as its serial (9/6/2019 is
    // 43625), a text cell as typed.
    let date = col(h, "Ngày");
    assert!(rows[1..].iter().any(|r| r[date] == "43625"), "{rows:#?}");

    let changes = sheet(&w.path("kh5.xlsx"), "Thay đổi");
    let h = &changes[0];
    let (c, old, new) = (col(h, "Cột"), col(h, "Giá trị cũ"), col(h, "Giá trị mới"));
    let address = changes[1..]
        .iter()
        .find(|r| r[c] == "Địa chỉ")
        .unwrap_or_else(|| panic!("{changes:#?}"));
    assert!(
        !address[old].is_empty() && !address[new].is_empty() && address[old] != address[new],
        "{address:?}"
    );

    let record = sheet(&w.path("kh5.xlsx"), "Thông tin");
    let last = record
        .iter()
        .find(|r| r[0] == "Giao dịch cuối")
        .unwrap_or_else(|| panic!("{record:#?}"));
    assert_eq!(last[1], "46162", "20/05/2026 as a real date: {last:?}");
}

#[test]
fn disclose_takes_a_comma_separated_list_of_ids() {
    let w = example_workspace();
    let decision = "QĐ số 12/QĐ-CAHN, Công an TP Hà Nội, 01/12/2026";
    let (code, _, err) = disclose(&w, decision, "KH000005, KH000006");
    assert_eq!(code, 0, "{err}");
    let rows = sheet(&w.path("cq.xlsx"), "Dòng gốc");
    let ids: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        ids.into_iter().collect::<Vec<_>>(),
        ["KH000005", "KH000006"]
    );
}

#[test]
fn buyers_known_only_from_invoices_are_marked_in_the_book() {
    let w = example_workspace();
    let book = sheet(&w.path("out/khach-hang.xlsx"), "Khách hàng");
    let h = &book[0];
    let (kind, sources) = (col(h, "Loại"), col(h, "Nguồn"));
    let mut marked = 0;
    for r in &book[1..] {
        let from_invoices = r[sources]
            .split("; ")
            .all(|p| p.starts_with("bang-ke-hoa-don.csv"));
        assert_eq!(
            r[kind].ends_with("(chỉ có trên hóa đơn)"),
            from_invoices,
            "{r:?}"
        );
        marked += from_invoices as usize;
    }
    assert!(marked > 0, "the example has buyers in no customer ledger");
}

#[test]
fn usage_and_file_errors_speak_vietnamese_and_english_on_request() {
    let w = Workdir::new();
    let (code, _, err) = run(&w, &["clean", "--bogus"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("sokhach: lỗi: không hiểu tham số «--bogus»"),
        "{err}"
    );
    let (code, _, err) = run(&w, &["clean", "--bogus", "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");

    w.write("a.csv", "Tên,Điện thoại\nAn,0912345678\n");
    let args = [
        "clean",
        "-q",
        "a.csv",
        "--decisions",
        "khong-co.xlsx",
        "--out",
        "out",
    ];
    let (code, _, err) = run(&w, &args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("khong-co.xlsx") && err.contains("không tìm thấy"),
        "{err}"
    );
    assert!(!err.contains("no such"), "{err}");
}

/// The parts of a workbook (sheet XML, charts, workbook.xml) by name.
fn parts(path: &std::path::Path) -> std::collections::HashMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("part");
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap_or_default();
            (f.name().expect("part name").to_string(), s)
        })
        .collect()
}

/// The XML of the sheet called `name`, found through workbook.xml and its relationships.
fn sheet_xml(p: &std::collections::HashMap<String, String>, name: &str) -> String {
    let book = &p["xl/workbook.xml"];
    let at = book
        .find(&format!(r#"name="{name}""#))
        .unwrap_or_else(|| panic!("no sheet {name}"));
    let rid = &book[at..];
    let rid = &rid[rid.find("r:id=\"").expect("r:id") + 6..];
    let rid = &rid[..rid.find('"').expect("quote")];
    let rels = &p["xl/_rels/workbook.xml.rels"];
    let rel = &rels[rels.find(&format!(r#"Id="{rid}""#)).expect("rel")..];
    let target = &rel[rel.find("Target=\"").expect("target") + 8..];
    let target = &target[..target.find('"').expect("quote")];
    p[&format!("xl/{target}")].clone()
}

#[test]
fn the_review_sheet_wraps_and_freezes_and_the_weeks_chart_reads_its_dates() {
    // A pair a person must decide on (a short name on one landline): the bundled example
    // has none left to ask.
    let r = Workdir::workspace();
    r.write(
        "a.csv",
        "Họ tên,Điện thoại,Địa chỉ\nTrần Tùng,024 3825 1234,Số 5 phố Hàng Bài phường Tràng Tiền quận Hoàn Kiếm Hà Nội\nTrần Tùng,024 3825 1234,\n",
    );
    let (code, _, err) = run(&r, &["clean", "-q", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let rp = parts(&r.path("out/bao-cao-thay-doi.xlsx"));
    let review = sheet_xml(&rp, "Cần xem xét trùng");
    assert!(review.contains("Trần Tùng"), "{review}");
    let w = example_workspace();
    let p = parts(&w.path("out/bao-cao-thay-doi.xlsx"));
    // The decision and the two names stay on screen.
    assert!(
        review.contains(r#"<pane xSplit="3" ySplit="1" topLeftCell="D2""#),
        "{review}"
    );
    // Long names and evidence wrap, and their rows are tall enough to show them.
    assert!(review.contains(r#"customHeight="1""#), "{review}");
    assert!(review.contains(r#"<autoFilter ref="A1:"#), "{review}");
    let styles = &p["xl/styles.xml"];
    assert!(styles.contains(r#"wrapText="1""#), "{styles}");
    // Every row once: Excel repairs a sheet that repeats one.
    let rows: Vec<&str> = review.split("<row r=\"").skip(1).collect();
    let mut numbers: Vec<&str> = rows
        .iter()
        .map(|r| &r[..r.find('"').unwrap_or(0)])
        .collect();
    let n = numbers.len();
    numbers.dedup();
    assert_eq!(numbers.len(), n, "{review}");

    let charts: Vec<&String> = p
        .iter()
        .filter(|(k, _)| k.starts_with("xl/charts/chart"))
        .map(|(_, v)| v)
        .collect();
    let weeks = charts
        .iter()
        .find(|c| c.contains("<c:lineChart>"))
        .unwrap_or_else(|| panic!("no line chart among {}", charts.len()));
    assert!(
        weeks.contains("<c:catAx>") && !weeks.contains("<c:dateAx>"),
        "{weeks}"
    );
}

#[test]
fn each_channel_its_own_list_and_the_left_out_name_the_threshold() {
    let w = example_workspace();
    for channel in ["phone", "email"] {
        let args = [
            "mailing",
            "-q",
            "so-khach",
            "--channel",
            channel,
            "--out",
            "m",
        ];
        let (code, _, err) = run(&w, &args);
        assert_eq!(code, 0, "{err}");
    }
    let phone = sheet(&w.path("m/danh-sach-gui-tin-dien-thoai.xlsx"), "Danh sách");
    let email = sheet(&w.path("m/danh-sach-gui-tin-email.xlsx"), "Danh sách");
    assert_ne!(phone, email);
    let left = sheet(&w.path("m/danh-sach-gui-tin-email.xlsx"), "Bị loại");
    assert!(
        left.iter()
            .any(|r| r[0] == "Lâu không giao dịch (quá 36 tháng)"),
        "{left:?}"
    );
    let (code, log, _) = run(&w, &["log"]);
    assert_eq!(code, 0);
    assert!(
        log.contains("Điện thoại: ") && !log.contains("Phone:"),
        "{log}"
    );
}

#[test]
fn a_counted_stage_leaves_its_count_and_rate_in_the_log_of_a_scheduled_run() {
    let w = Workdir::new();
    let mut rows = String::from("Tên,Điện thoại\n");
    for i in 0..1500 {
        rows.push_str(&format!("Khách {i},09{:08}\n", 12_000_000 + i));
    }
    w.write("a.csv", rows);
    let (code, _, err) = run(&w, &["clean", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    // Without a terminal: the stage's line, then its count (grouped) and rate.
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("Đọc sổ sách… 1.500 dòng, "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.ends_with(" dòng/giây)"), "{line}");
}

/// The names of a workbook's sheets, in order.
fn sheet_names(p: &std::collections::HashMap<String, String>) -> Vec<String> {
    p["xl/workbook.xml"]
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quote")].to_string())
        .collect()
}

#[test]
fn every_sheet_of_every_workbook_prints_landscape_one_page_wide_with_titles_and_gridlines() {
    let w = example_workspace();
    let (code, _, err) = run(&w, &["mailing", "-q", "so-khach", "--out", "m"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&w, &["log", "--out", "nhat-ky.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = export_kh5(&w);
    assert_eq!(code, 0, "{err}");
    let decision = "số 12/QĐ, Công an quận 1, 01/12/2026";
    let (code, _, err) = disclose(&w, decision, "KH000005");
    assert_eq!(code, 0, "{err}");
    let books = [
        "out/khach-hang.xlsx",
        "out/bao-cao-thay-doi.xlsx",
        "out/ke-toan.xlsx",
        "m/danh-sach-gui-tin-email.xlsx",
        "nhat-ky.xlsx",
        "kh5.xlsx",
        "cq.xlsx",
    ];
    for book in books {
        assert!(w.path(book).exists(), "{book}");
        let p = parts(&w.path(book));
        let names = sheet_names(&p);
        assert!(!names.is_empty(), "{book}");
        for (i, name) in names.iter().enumerate() {
            let xml = sheet_xml(&p, name);
            let at = format!("{book} › {name}");
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{at}");
            let setup = &xml[xml.find("<pageSetup").expect("pageSetup")..];
            let setup = &setup[..setup.find("/>").expect("end")];
            assert!(
                setup.contains(r#"orientation="landscape""#),
                "{at}: {setup}"
            );
            assert!(setup.contains(r#"fitToHeight="0""#), "{at}: {setup}");
            // fitToWidth="1" is the default and may be left out; any other width is wrong.
            assert!(
                !setup.contains("fitToWidth") || setup.contains(r#"fitToWidth="1""#),
                "{at}: {setup}"
            );
            assert!(xml.contains(r#"<printOptions gridLines="1"/>"#), "{at}");
            assert!(xml.contains("<oddFooter>&amp;LNgày chạy "), "{at}");
            assert!(
                xml.contains("&amp;RTrang &amp;P/&amp;N</oddFooter>"),
                "{at}"
            );
            let titles = format!(r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">"#);
            assert!(
                p["xl/workbook.xml"].contains(&titles),
                "{at}: no header repeated"
            );
        }
    }
}

/// The summary prints the matcher's table of comparisons and weights, the one `score` follows.
#[test]
fn the_summary_shows_how_two_rows_compare() {
    let w = example_workspace();
    let rows = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Tóm tắt");
    let at = rows
        .iter()
        .position(|r| r[0].starts_with("Cách so hai dòng"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        rows[at..]
            .iter()
            .any(|r| r[0] == "Di động: trùng (số cũ 11 số bằng số mới)" && r[1] == "+9,0"),
        "{:#?}",
        &rows[at..]
    );
}

/// The shared workbook holds a staff list («Họ tên nhân viên», phone, email) and a hidden
/// lookup sheet beside the customers: neither is read as customers, and the run says which
/// sheets it did not read and why; a staff column beside the customers is not kept.
#[test]
fn a_staff_list_in_the_shared_workbook_is_not_customers() {
    let w = Workdir::new();
    let sheets: [(&str, &[&[&str]]); 6] = [
        (
            "Khách hàng",
            &[
                &["Họ tên", "Điện thoại", "Nhân viên phụ trách"],
                &["Lê Văn An", "0912000301", "Hương"],
                &["Trần Thị Bình", "0912000302", "Lan"],
            ],
        ),
        (
            "NV",
            &[
                &["Họ tên nhân viên", "Điện thoại", "Email"],
                &["Nguyễn Thị Hương", "0988000001", "huong@congty.vn"],
            ],
        ),
        ("DM", &[&["Tỉnh", "Nhân viên"], &["Hà Nội", "Hương"]]),
        // A staff sheet by its name, its column only «Họ tên»; one by its codes and posts.
        (
            "Nhân viên",
            &[
                &["Họ tên", "Điện thoại", "Chức vụ"],
                &["Đỗ Thị Lan", "0988000002", "Kế toán"],
            ],
        ),
        (
            "Sheet5",
            &[
                &["Mã NV", "Họ tên", "SĐT", "Phòng ban"],
                &["NV01", "Bùi Văn Hùng", "0988000003", "Kinh doanh"],
            ],
        ),
        // One salesperson's customers: a ledger.
        (
            "NV Lan",
            &[&["Họ tên", "Điện thoại"], &["Phạm Văn Cường", "0912000303"]],
        ),
    ];
    save_text_sheets(&w.path("so.xlsx"), &sheets);
    let err = clean_ok(&w, "so.xlsx", "o");
    assert!(
        err.contains(
            "Không đọc (danh sách nhân viên của công ty, không phải khách hàng): so.xlsx › NV, so.xlsx › Nhân viên, so.xlsx › Sheet5."
        ),
        "{err}"
    );
    assert!(
        err.contains("không phải danh sách khách hàng): so.xlsx › DM."),
        "{err}"
    );
    let lineage = std::fs::read_to_string(w.path("o/lineage.csv")).unwrap();
    assert_eq!(lineage.lines().count(), 4, "{lineage}");
    assert!(lineage.contains("NV Lan,2,"), "{lineage}");
    // `inspect` says which sheet is the staff list too.
    let (code, out, _) = run(&w, &["inspect", "so.xlsx"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("so.xlsx › Nhân viên: danh sách nhân viên của công ty")
            && out.contains("so.xlsx › DM: không phải danh sách khách hàng"),
        "{out}"
    );
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    assert!(
        !book
            .concat()
            .iter()
            .any(|v| v.contains("Hương") || v.contains("Đỗ Thị Lan") || v.contains("Hùng")),
        "{book:?}"
    );
}

/// A clerk crosses a customer out of the shared workbook with strikethrough rather than
/// delete the row. The row is still read (the strike may mean a customer who left, a
/// duplicate or a row to delete: the tool cannot know which), and «Cần kiểm tra» names it —
/// a row struck but for its «STT» too; a row with only an old number struck is not named, and
/// that number goes to the notes.
#[test]
fn a_row_struck_through_in_the_workbook_is_read_and_named_for_a_look() {
    let w = Workdir::new();
    let rows: [&[&str]; 5] = [
        &["STT", "Họ tên", "Điện thoại"],
        &["1", "Lê Văn An", "0912000401"],
        &["2", "Trần Thị Bình", "0912000402"],
        &["3", "Phạm Văn Cường", "0912000403"],
        &["4", "Đỗ Văn Dũng", "0912000404"],
    ];
    // Row 3 whole, row 4 but its «STT», row 5's phone only.
    let struck = |r: usize, c: usize| r == 2 || (r == 3 && c > 0) || (r == 4 && c == 2);
    save_struck_sheet(&w.path("so.xlsx"), "Khách hàng", &rows, struck);
    clean_ok(&w, "so.xlsx", "o");
    let lineage = std::fs::read_to_string(w.path("o/lineage.csv")).unwrap();
    assert_eq!(
        lineage.lines().filter(|l| l.contains(",kept,")).count(),
        4,
        "{lineage}"
    );
    let checks = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Cần kiểm tra");
    let struck: Vec<(&str, &str, &str)> = checks
        .iter()
        .filter(|r| {
            r.iter()
                .any(|v| v.starts_with("Dòng bị gạch ngang trong sổ gốc"))
        })
        .map(|r| (r[2].as_str(), r[4].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        struck,
        [("3", "Trần Thị Bình", ""), ("4", "Phạm Văn Cường", "")],
        "{checks:?}"
    );
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    assert_eq!(book.len(), 5, "{book:?}");
    old_number_struck_is_a_note(&book);
    let changes = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Thay đổi");
    assert!(
        changes.iter().any(|r| r[2] == "5"
            && r.iter()
                .any(|v| v.starts_with("Chữ bị gạch ngang trong sổ"))),
        "{changes:?}"
    );
}

/// The same strikes in an old .xls (Excel 97–2003) and in an .ods, as LibreOffice saves them,
/// whose formats and comments calamine does not read: the struck rows are named, the struck
/// number goes to the notes, and a comment on a customer's name is her note, acted on.
#[test]
fn rows_struck_through_and_comments_in_an_old_xls_or_an_ods_are_read_as_in_an_xlsx() {
    for kind in ["xls", "ods"] {
        struck_and_commented(kind);
    }
}

fn struck_and_commented(kind: &str) {
    let w = Workdir::new();
    let file = format!("so-2017.{kind}");
    std::fs::copy(
        crate::common::testdata(&format!("so-2017-gach-ngang.{kind}")),
        w.path(&file),
    )
    .unwrap();
    clean_ok(&w, &file, "o");
    let checks = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Cần kiểm tra");
    let struck: Vec<(&str, &str)> = checks
        .iter()
        .filter(|r| {
            r.iter()
                .any(|v| v.starts_with("Dòng bị gạch ngang trong sổ gốc"))
        })
        .map(|r| (r[2].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        struck,
        [("3", "Trần Thị Bình"), ("4", "Phạm Văn Cường")],
        "{checks:?}"
    );
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    old_number_struck_is_a_note(&book);
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let an = book
        .iter()
        .find(|r| r[col("Tên khách hàng")] == "Lê Văn An")
        .unwrap();
    assert_eq!(
        (
            an[col("Ghi chú")].as_str(),
            an[col("Ngừng quảng cáo")].as_str()
        ),
        ("Khách không muốn nhận quảng cáo nữa", "Có"),
        "{an:?}"
    );
}

/// A clerk strikes the old number out inside the cell and types the new one beside it (and a
/// former street inside an address; a misspelt given name before the right one): the part
/// left is read as the cell, the struck part goes to the notes, and the change says so.
#[test]
fn text_struck_inside_a_cell_is_a_note_and_the_rest_is_read() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let strike = rust_xlsxwriter::Format::new().set_font_strikethrough();
    let plain = rust_xlsxwriter::Format::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    for (c, h) in ["Họ tên", "Điện thoại", "Địa chỉ"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_rich_string(
        1,
        0,
        &[(&plain, "Nguyễn Văn "), (&strike, "Aan"), (&plain, " Ân")],
    )
    .unwrap();
    ws.write_rich_string(1, 1, &[(&strike, "0912000501"), (&plain, " 0987000501")])
        .unwrap();
    let address = [
        (&plain, "Số 5 "),
        (&strike, "Lê Lợi"),
        (&plain, " Trần Phú, Hà Đông, Hà Nội"),
    ];
    ws.write_rich_string(1, 2, &address).unwrap();
    ws.write_string(2, 0, "Trần Thị Bình").unwrap();
    ws.write_rich_string(2, 1, &[(&plain, "0912000502 "), (&strike, "(cũ)")])
        .unwrap();
    ws.write_string(2, 2, "Lê Lợi, Hà Nội").unwrap();
    wb.save(w.path("so.xlsx")).unwrap();
    clean_ok(&w, "so.xlsx", "o");
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let an = &book[1];
    assert_eq!(an[col("Tên khách hàng")], "Nguyễn Văn Ân", "{book:?}");
    assert_eq!(an[col("Điện thoại")], "0987000501", "{book:?}");
    assert!(an[col("Địa chỉ")].starts_with("Số 5 Trần Phú"), "{book:?}");
    let notes = &an[col("Ghi chú")];
    for said in [
        "Họ tên (gạch ngang trong sổ): Aan",
        "Điện thoại (gạch ngang trong sổ): 0912000501",
        "Địa chỉ (gạch ngang trong sổ): Lê Lợi",
    ] {
        assert!(notes.contains(said), "{notes}");
    }
    assert_eq!(book[2][col("Điện thoại")], "0912000502", "{book:?}");
    let changes = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Thay đổi");
    let named: Vec<&str> = changes
        .iter()
        .filter(|r| {
            r.iter()
                .any(|v| v.starts_with("Chữ bị gạch ngang trong sổ"))
        })
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(named, ["2", "3"], "{changes:?}");
    // The same marks in an .ods and an old .xls, as LibreOffice saves them (calamine reads
    // no style of either).
    for kind in ["ods", "xls"] {
        text_struck_in_a_libreoffice_book(&w, kind, &col);
    }
}

fn text_struck_in_a_libreoffice_book(w: &Workdir, kind: &str, col: &dyn Fn(&str) -> usize) {
    let file = format!("so.{kind}");
    std::fs::copy(
        crate::common::testdata(&format!("gach-trong-o.{kind}")),
        w.path(&file),
    )
    .unwrap();
    clean_ok(w, &file, kind);
    let book = crate::common::sheet(&w.path(&format!("{kind}/khach-hang.xlsx")), "Khách hàng");
    let seen: Vec<[&str; 4]> = book[1..3]
        .iter()
        .map(|r| ["Tên khách hàng", "Điện thoại", "Email", "Ghi chú"].map(|h| r[col(h)].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            [
                "Nguyễn Văn Ân",
                "0987000501",
                "an@gmail.com",
                "Họ tên (gạch ngang trong sổ): Aan / Điện thoại (gạch ngang trong sổ): 0912000501 / Địa chỉ (gạch ngang trong sổ): Lê Lợi"
            ],
            [
                "Trần Thị Bình",
                "0912000502",
                "",
                "Điện thoại (gạch ngang trong sổ): (cũ) / Email (gạch ngang trong sổ): binh@yahoo.com"
            ],
        ],
        "{kind}: {book:?}"
    );
}

/// A list kept the way an HR sheet is: «Họ», «Tên» and «Họ tên» side by side (the last a
/// formula, whose value a program that wrote the file left out on one row). The whole name
/// is the customer's name — not «Tên» alone, with «Họ tên» read as a contact person — and the
/// parts stand in for it on a row without it.
#[test]
fn family_and_given_name_beside_the_whole_name_read_as_one_name() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "STT,Họ,Tên,Họ tên,Điện thoại\n\
         1,Nguyễn Văn,An,Nguyễn Văn An,0912000901\n\
         2,Trần Thị,Bình,,0912000902\n\
         3,,,Lê Văn Cường,0912000903\n",
    );
    clean_ok(&w, "so.csv", "o");
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let seen: Vec<(&str, &str)> = book[1..]
        .iter()
        .map(|r| {
            (
                r[col("Tên khách hàng")].as_str(),
                r[col("Người liên hệ")].as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Nguyễn Văn An", ""),
            ("Trần Thị Bình", ""),
            ("Lê Văn Cường", "")
        ],
        "{book:?}"
    );
}

/// The office's list carries what its policy does not keep: identity card numbers (twelve
/// digits, as a person's tax code has), their place of issue, bank accounts (ten digits from
/// 09, as a mobile). None is read — not as a tax code, an address or a phone — and the summary
/// says why; a column headed as the tax code and the identity number at once is the tax code.
#[test]
fn identity_papers_and_bank_accounts_are_not_read_into_the_book() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Số CMND/CCCD,Nơi cấp,STK,MST/CCCD\n\
         Nguyễn Văn An,0912000901,001085012345,CA Hà Nội,0912345678,\n\
         Trần Thị Bình,0987000902,079190001234,Cục CS QLHC,1903344556,079190001234\n",
    );
    clean_ok(&w, "so.csv", "o");
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let seen: Vec<[&str; 4]> = book[1..]
        .iter()
        .map(|r| {
            [
                col("Điện thoại"),
                col("SĐT khác"),
                col("MST"),
                col("Địa chỉ"),
            ]
            .map(|c| r[c].as_str())
        })
        .collect();
    assert_eq!(
        seen,
        [
            ["0912000901", "", "", ""],
            ["0987000902", "", "079190001234", ""]
        ],
        "{book:?}"
    );
    let summary = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Tóm tắt");
    let line = summary
        .iter()
        .flatten()
        .find(|c| c.contains("STK→"))
        .expect("the columns' line");
    for said in [
        "Số CMND/CCCD→không dùng (2 ô có giá trị; chính sách không lưu)",
        "STK→không dùng (2 ô có giá trị; chính sách không lưu)",
        "MST/CCCD→MST",
    ] {
        assert!(line.contains(said), "{line}");
    }
}

/// The old number struck alone is no number of Đỗ Văn Dũng's: it is in her notes.
fn old_number_struck_is_a_note(book: &[Vec<String>]) {
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let dung = book
        .iter()
        .find(|r| r[col("Tên khách hàng")] == "Đỗ Văn Dũng")
        .unwrap();
    assert_eq!(dung[col("Điện thoại")], "", "{dung:?}");
    assert_eq!(
        dung[col("Ghi chú")],
        "Điện thoại (gạch ngang trong sổ): 0912000404"
    );
}

/// Rows that say nothing of anyone — Excel's error values pasted into every cell (a CSV saved
/// from a sheet whose lookups broke), «Khách lẻ» with «-» and «không có», «-» with «0» — are no
/// customers: skipped with their reason, not kept as customers with nothing. A row with a name
/// beside an error value is a customer.
#[test]
fn rows_of_nothing_but_placeholders_are_skipped() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ\n\
         Nguyễn Văn Bảy,#REF!,bay@gmail.com,#VALUE!\n\
         #N/A,#N/A,#N/A,#N/A\n\
         Khách lẻ,-,không có,Hà Nội\n\
         -,0,,\n",
    );
    clean_ok(&w, "so.csv", "o");
    let lineage = std::fs::read_to_string(w.path("o/lineage.csv")).unwrap();
    let actions: Vec<&str> = lineage
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap_or(""))
        .collect();
    assert_eq!(
        actions,
        ["kept", "skipped", "skipped", "skipped"],
        "{lineage}"
    );
}

/// A clerk typed a customer's address in the name column and her name in the address column
/// (and, on another row, an address in the name column with no address): each goes to its
/// column, the change says why, and a name that begins with a number stays a name.
#[test]
fn a_name_and_an_address_typed_in_each_others_columns_go_back() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Tên khách hàng,Điện thoại,Địa chỉ\n\
         \"12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội\",0903456789,Lê Thị Cúc\n\
         \"45/7 Nguyễn Trãi, Quận 5, TP.HCM\",0903456790,\n\
         365 Gym,0903456791,\"8 Lê Lợi, Quận 1, TP.HCM\"\n",
    );
    clean_ok(&w, "so.csv", "o");
    let book = crate::common::sheet(&w.path("o/khach-hang.xlsx"), "Khách hàng");
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let (name, addr) = (col("Tên khách hàng"), col("Địa chỉ"));
    let rows: Vec<(&str, &str)> = book[1..]
        .iter()
        .map(|r| (r[name].as_str(), r[addr].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Lê Thị Cúc", "12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội"),
            ("", "45/7 Nguyễn Trãi, Quận 5, Thành phố Hồ Chí Minh"),
            ("365 Gym", "8 Lê Lợi, Quận 1, Thành phố Hồ Chí Minh"),
        ],
        "{book:?}"
    );
    let changes = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Thay đổi");
    let swapped = changes
        .iter()
        .filter(|r| {
            r.iter()
                .any(|v| v.starts_with("Tên và địa chỉ gõ nhầm cột"))
        })
        .count();
    assert_eq!(swapped, 2, "{changes:?}");
}

/// A clerk writes what a customer said as a comment (Excel's note) on the customer's cell
/// rather than in «Ghi chú»: it is the row's note, and acted on as one («không muốn nhận
/// quảng cáo» marks «Ngừng quảng cáo»); a comment on the header is no customer's. The cleaned
/// book's own notes (a cell's value before) are not read back as notes: adopted as next week's
/// workbook, the book comes back unchanged.
#[test]
fn a_comment_on_a_customers_cell_is_a_note_and_the_books_own_notes_are_not() {
    let w = Workdir::workspace();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    let rows = [
        ["Họ tên", "Điện thoại", "Địa chỉ"],
        ["Nguyễn Văn An", "0912000501", "12 Lê Lợi, Q1, HCM"],
        ["Trần Thị Bình", "0912000502", "5 Hàng Bông, Hoàn Kiếm, HN"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let note = |text: &str| rust_xlsxwriter::Note::new(text).set_author("Lan");
    ws.insert_note(0, 0, &note("Ghi họ tên đầy đủ")).unwrap();
    ws.insert_note(1, 0, &note("Khách không muốn nhận quảng cáo nữa"))
        .unwrap();
    ws.insert_note(2, 1, &note("số mới từ 2024")).unwrap();
    wb.save(w.path("so.xlsx")).unwrap();
    let run = |inputs: &str, out: &str| {
        clean_ok(&w, inputs, out);
        crate::common::sheet(&w.path(&format!("{out}/khach-hang.xlsx")), "Khách hàng")
    };
    let book = run("so.xlsx", "a");
    let col = |h: &str| book[0].iter().position(|c| c == h).unwrap();
    let (name, note_col, stop) = (
        col("Tên khách hàng"),
        col("Ghi chú"),
        col("Ngừng quảng cáo"),
    );
    let seen: Vec<(&str, &str, &str)> = book[1..]
        .iter()
        .map(|r| (r[name].as_str(), r[note_col].as_str(), r[stop].as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("Nguyễn Văn An", "Khách không muốn nhận quảng cáo nữa", "Có"),
            ("Trần Thị Bình", "số mới từ 2024", ""),
        ],
        "{book:?}"
    );
    // The book carries its own notes (the addresses as typed); read back, they are no notes.
    let again = run("a/khach-hang.xlsx", "b");
    assert_eq!(again, book);
    // The same ledger kept in LibreOffice (.ods, whose comments calamine does not read).
    let cell = |t: &str, said: &str| {
        let note = if said.is_empty() {
            String::new()
        } else {
            format!("<office:annotation><dc:creator>Lan</dc:creator><text:p>{said}</text:p></office:annotation>")
        };
        format!(
            r#"<table:table-cell office:value-type="string">{note}<text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let body: String = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let said = |c: usize| match (r, c) {
                (0, 0) => "Ghi họ tên đầy đủ",
                (1, 0) => "Khách không muốn nhận quảng cáo nữa",
                (2, 1) => "số mới từ 2024",
                _ => "",
            };
            let cells: String = (row.iter().enumerate())
                .map(|(c, v)| cell(v, said(c)))
                .collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let ods = sokhach::ingest::guard::testsupport::zip_bytes(
        &sokhach::ingest::guard::testsupport::ods_parts(&body),
        zip::CompressionMethod::Deflated,
    );
    std::fs::write(w.path("so.ods"), ods).unwrap();
    let from_ods = run("so.ods", "c");
    let notes = |b: &[Vec<String>]| -> Vec<(String, String)> {
        (b[1..].iter())
            .map(|r| (r[note_col].clone(), r[stop].clone()))
            .collect()
    };
    assert_eq!(notes(&from_ods), notes(&book), "{from_ods:?}");
}

/// An accountant strikes an invoice line through in the listing: it is still counted as the
/// listing gives it (no status says it was cancelled), and «Cần kiểm tra» says how to mark a
/// cancelled invoice.
#[test]
fn an_invoice_line_struck_through_is_counted_and_named_for_a_look() {
    let w = Workdir::new();
    let rows: [&[&str]; 3] = [
        &[
            "Số hóa đơn",
            "Ngày hóa đơn",
            "Tên người mua",
            "Doanh thu chưa có thuế",
        ],
        &["0000001", "02/01/2026", "Công ty TNHH Minh Phát", "1000000"],
        &["0000002", "03/01/2026", "Công ty TNHH Hòa Bình", "2000000"],
    ];
    save_struck_sheet(&w.path("bang-ke.xlsx"), "Bảng kê", &rows, |r, _| r == 2);
    clean_ok(&w, "bang-ke.xlsx", "o");
    let checks = crate::common::sheet(&w.path("o/bao-cao-thay-doi.xlsx"), "Cần kiểm tra");
    let struck: Vec<&str> = checks
        .iter()
        .filter(|r| {
            r.iter()
                .any(|v| v.starts_with("Dòng bảng kê bị gạch ngang"))
        })
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(struck, ["3"], "{checks:?}");
    let lineage = std::fs::read_to_string(w.path("o/lineage.csv")).unwrap();
    assert_eq!(lineage.lines().count(), 3, "{lineage}");
}
