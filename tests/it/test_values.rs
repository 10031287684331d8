//! Issue 16 end to end: the office's real-world forms of phones, places, names and emails in
//! one ledger, through `sokhach clean`, checked in the book and in thay-doi.csv.

use crate::common::{read_xlsx, Workdir};

/// (name, phone, email, address, delivery, date): one issue-16 case a row.
const LEDGER: &str = "\
Tên khách hàng,Số máy,Email,Địa chỉ,Địa chỉ giao hàng,Ngày giao dịch
Doanh nghiệp TN Nam Việt,0207694942,info@côngty.vn,\"Số 5 Lạch Tray, Q. Ngô Quyền, HP\",NT,04/05/2016
Mr Sơn,0838221234,son@shop.local,\"12 Lê Lợi, Q.1, TP.HCM\",,
Công ty TNHH Minh Phát,1900 1234,minhphat@gmail.com,\"Tổ 5, P. Chiềng Lề, TP Sơn La, Sơn La 47225\",như trên,
Trần Văn Bình,+65 6123 4567,binh@gmail.com,\"X. Đồng Ích, Huyện Lập Thạch\",,
Lê Thị Hoa,02401258893,hoa@gmail.com,\"Huyện Lập Thạch, Hà Nội\",,
Mrs Dung,(033) 3551108,dung@gmail.com,\"Số 59B Lê Thánh Tông, P. Hồng Hải, TP. Hạ Long, QN\",,12/09/2015
DNTN Hợp Đức,0899852678,hopduc@gmail.com,\"12 Trần Phú, TP Gia Nghĩa, Đắc Nông\",,05/06/2018
D.N.T.N Tâm An,1800 6789,taman@test,\"12 Tôn Đức Thắng, P. Văn Miếu - Quốc Tử Giám, HN\",,
";

/// `clean --as-of` on `inputs` into `out`, in the work folder: the book's «Khách hàng» sheet
/// and thay-doi.csv.
fn clean_into(w: &Workdir, as_of: &str, inputs: &[&str], out: &str) -> (Vec<Vec<String>>, String) {
    let mut args = vec!["clean", "--quiet", "--as-of", as_of, "--out", out];
    args.extend(inputs);
    let o = w.cmd().args(&args).output().expect("run sokhach");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let book = read_xlsx(&w.path(&format!("{out}/khach-hang.xlsx")))
        .into_iter()
        .find(|(n, _)| n == "Khách hàng")
        .expect("sheet Khách hàng")
        .1;
    let changes = std::fs::read_to_string(w.path(&format!("{out}/thay-doi.csv"))).unwrap();
    (book, changes)
}

struct Out {
    /// The book's "Khách hàng" sheet, header first.
    book: Vec<Vec<String>>,
    /// thay-doi.csv: (kind, row, column, old, new, rule).
    changes: Vec<[String; 6]>,
}

fn clean() -> Out {
    let w = Workdir::new();
    w.write("so.csv", LEDGER);
    let out = w
        .cmd()
        .args([
            "clean",
            "--quiet",
            "--as-of",
            "2025-01-15",
            "so.csv",
            "--out",
            "out",
        ])
        .output()
        .expect("run sokhach");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book = read_xlsx(&w.path("out/khach-hang.xlsx"))
        .into_iter()
        .find(|(n, _)| n == "Khách hàng")
        .expect("sheet Khách hàng")
        .1;
    let mut r = csv::Reader::from_path(w.path("out/thay-doi.csv")).expect("thay-doi.csv");
    let changes = r
        .records()
        .map(|rec| {
            let rec = rec.expect("record");
            let f = |i: usize| rec.get(i).unwrap_or("").to_string();
            [f(0), f(3), f(4), f(5), f(6), f(7)]
        })
        .collect();
    Out { book, changes }
}

impl Out {
    /// The book's value in `column` for the customer whose name is `name`.
    fn cell(&self, name: &str, column: &str) -> &str {
        let c = self.book[0]
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column}"));
        let n = self.book[0]
            .iter()
            .position(|h| h == "Tên khách hàng")
            .unwrap();
        let row = self.book.iter().find(|r| r[n] == name);
        &row.unwrap_or_else(|| panic!("no customer {name}"))[c]
    }

    /// The change lines of source row `row` in `column`.
    fn changes(&self, row: u32, column: &str) -> Vec<&[String; 6]> {
        let row = row.to_string();
        self.changes
            .iter()
            .filter(|c| c[1] == row && c[2] == column)
            .collect()
    }

    fn to_check(&self, row: u32, column: &str) -> bool {
        self.changes(row, column)
            .iter()
            .any(|c| c[0] == "Cần kiểm tra")
    }
}

#[test]
fn phones_of_every_kind() {
    let o = clean();
    // A pre-2017-looking landline nothing on the row supports: converted, and a person looks.
    assert_eq!(
        o.cell("Doanh nghiệp tư nhân Nam Việt", "Điện thoại"),
        "02147694942"
    );
    assert!(o.to_check(2, "Điện thoại"));
    assert_eq!(o.cell("Lê Thị Hoa", "Điện thoại"), "02041258893");
    assert!(o.to_check(6, "Điện thoại"));
    // ... under a reason of its own.
    let unconfirmed =
        "Đổi mã vùng cũ (2017) nhưng dòng không xác nhận tỉnh của mã: có thể là số mới gõ sai";
    assert_eq!(o.changes(2, "Điện thoại")[0][5], unconfirmed);
    assert_eq!(o.changes(6, "Điện thoại")[0][5], unconfirmed);
    // TP.HCM's 08 + 8 digits with nothing else known: kept as the mobile, on the list.
    assert_eq!(o.cell("Sơn", "Điện thoại"), "0838221234");
    assert!(o.to_check(3, "Điện thoại"));
    // Typed as a landline, in its old code's province, in 2015: the landline, no doubt.
    assert_eq!(o.cell("Dung", "Điện thoại"), "02033551108");
    assert!(!o.to_check(7, "Điện thoại"));
    // 089 was a mobile before 2017; in 2018 the old 08 landline form no longer dialled.
    assert_eq!(
        o.cell("Doanh nghiệp tư nhân Hợp Đức", "Điện thoại"),
        "0899852678"
    );
    assert!(!o.to_check(8, "Điện thoại"));
    // Hotlines and foreign numbers are contacts, never invalid.
    assert_eq!(o.cell("Công ty TNHH Minh Phát", "Điện thoại"), "19001234");
    assert_eq!(
        o.cell("Doanh nghiệp tư nhân Tâm An", "Điện thoại"),
        "18006789"
    );
    assert_eq!(o.cell("Trần Văn Bình", "Điện thoại"), "+6561234567");
    for row in [4, 5, 9] {
        assert!(!o.to_check(row, "Điện thoại"), "row {row}");
    }
}

#[test]
fn places_names_and_emails() {
    let o = clean();
    let province = |name: &str| o.cell(name, "Tỉnh/Thành").to_string();
    // Office abbreviation at the end; a district that exists in one province only; a postal
    // code after the province; Đắc Nông; a hyphenated 2025 ward.
    assert_eq!(
        province("Doanh nghiệp tư nhân Nam Việt"),
        "Thành phố Hải Phòng"
    );
    assert_eq!(province("Trần Văn Bình"), "Tỉnh Vĩnh Phúc");
    assert_eq!(province("Công ty TNHH Minh Phát"), "Tỉnh Sơn La");
    assert_eq!(province("Doanh nghiệp tư nhân Hợp Đức"), "Tỉnh Đắk Nông");
    assert_eq!(province("Doanh nghiệp tư nhân Tâm An"), "Thành phố Hà Nội");
    // The written province wins over the district's.
    assert_eq!(province("Lê Thị Hoa"), "Thành phố Hà Nội");
    // ... and a person is asked, with both provinces named.
    let conflict = o.changes(6, "Địa chỉ");
    assert!(
        conflict
            .iter()
            .any(|c| c[0] == "Cần kiểm tra" && c[4] == "Thành phố Hà Nội ≠ Tỉnh Vĩnh Phúc"),
        "{conflict:?}"
    );
    for row in [2, 3, 4, 5, 7, 8, 9] {
        assert!(!o.to_check(row, "Địa chỉ"), "row {row}");
    }
    // "NT", "như trên": the contact address, with a note.
    assert_eq!(
        o.cell("Doanh nghiệp tư nhân Nam Việt", "Địa chỉ giao hàng"),
        "Số 5 Lạch Tray, Quận Ngô Quyền, Hải Phòng"
    );
    assert!(o
        .changes(4, "Địa chỉ giao hàng")
        .iter()
        .any(|c| c[0] == "Đã sửa"));
    // DNTN variants are organisations; Mr/Mrs become Ông/Bà.
    assert_eq!(o.cell("Doanh nghiệp tư nhân Nam Việt", "Loại"), "Tổ chức");
    assert_eq!(o.cell("Doanh nghiệp tư nhân Tâm An", "Loại"), "Tổ chức");
    assert_eq!(o.cell("Sơn", "Danh xưng"), "Ông");
    assert_eq!(o.cell("Dung", "Danh xưng"), "Bà");
    // An internationalised .vn domain is valid; reserved names are flagged.
    assert_eq!(
        o.cell("Doanh nghiệp tư nhân Nam Việt", "Email"),
        "info@côngty.vn"
    );
    assert!(!o.to_check(2, "Email"));
    assert!(o.to_check(3, "Email"));
    assert!(o.to_check(9, "Email"));
}

/// A phone, email or tax code its column refuses stays in the book, in the notes, and the change
/// list says where it went; a cell that says there is none ("không có", "N/A", "-") is empty,
/// not wrong. The adopted book reads back to the same notes, with nothing more to check.
#[test]
fn refused_values_go_to_the_notes_and_placeholders_are_empty() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Tên khách hàng,Điện thoại,Email,MST,Địa chỉ\n\
         Trần Thị Bình,0281234,binh at yahoo,12345,5 Hai Bà Trưng Hà Nội\n\
         Lê Văn Cường,không có,N/A,Không có MST,7 Trần Phú Hà Nội\n\
         Phạm Văn Dũng,-,chưa có email,0,9 Lê Lợi Hà Nội\n",
    );
    let run = |input: &str, out: &str| clean_into(&w, "2025-01-15", &[input], out);
    let col = |book: &[Vec<String>], name: &str| book[0].iter().position(|h| h == name).unwrap();
    let (book, changes) = run("so.csv", "out");
    let (note, name) = (col(&book, "Ghi chú"), col(&book, "Tên khách hàng"));
    let notes: Vec<(&str, &str)> = book[1..]
        .iter()
        .map(|r| (r[name].as_str(), r[note].as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "Trần Thị Bình",
                "SĐT không hợp lệ: 0281234; Email không hợp lệ: binh at yahoo; MST không hợp lệ: 12345"
            ),
            ("Lê Văn Cường", ""),
            ("Phạm Văn Dũng", ""),
        ]
    );
    assert!(
        changes.contains("Điện thoại,0281234,→ Ghi chú,"),
        "{changes}"
    );
    // Placeholders are not reported.
    for v in ["không có", "N/A", "Không có MST", "chưa có email"] {
        assert!(!changes.contains(v), "{v} reported:\n{changes}");
    }
    // Next week the cleaned book is the shared workbook: the notes come back as they were, and
    // nothing is asked again.
    std::fs::copy(w.path("out/khach-hang.xlsx"), w.path("so-moi.xlsx")).unwrap();
    let (again, changes) = run("so-moi.xlsx", "out2");
    assert_eq!(again[1][col(&again, "Ghi chú")], book[1][note]);
    assert!(!changes.contains("Cần kiểm tra"), "{changes}");
    // Bình gives her right number: the correction replaces the bad one kept in the notes.
    crate::common::write_requests(
        &w,
        &[&[
            (0, "10/01/2025"),
            (1, "Sửa"),
            (2, again[1][col(&again, "Mã KH")].as_str()),
            (7, "Điện thoại"),
            (8, "0912 345 678"),
        ]],
    );
    let (fixed, _) = run("so-moi.xlsx", "out3");
    let row = &fixed[1];
    assert_eq!(row[col(&fixed, "Điện thoại")], "0912345678");
    assert_eq!(
        row[col(&fixed, "Ghi chú")],
        "Email không hợp lệ: binh at yahoo; MST không hợp lệ: 12345"
    );
    // In English the change list names the notes column in English; the note itself is data
    // and stays as written, so next week's book reads it back the same in either language.
    let o = w
        .cmd()
        .args(["clean", "--quiet", "--lang", "en", "--as-of", "2025-01-15"])
        .args(["--out", "out-en", "so.csv"])
        .output()
        .expect("run sokhach");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let changes = std::fs::read_to_string(w.path("out-en/thay-doi.csv")).unwrap();
    assert!(changes.contains("Phone,0281234,→ Notes,"), "{changes}");
    assert!(!changes.contains("Ghi chú"), "{changes}");
}

/// The accountant's software given the book's codes: an invoice listing whose «Mã KH» is ours
/// joins its rows to that customer, as a source like any other — listed in «Nguồn», its buyer
/// address not reported as a person's edit of the book.
#[test]
fn our_id_in_an_invoice_listing_is_a_source_not_an_edit_of_the_book() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Tên khách hàng,Điện thoại,Địa chỉ\n\
         Nguyễn Văn An,0987654321,5 Hai Bà Trưng Hà Nội\n",
    );
    let clean = |inputs: &[&str], out: &str, as_of: &str| clean_into(&w, as_of, inputs, out);
    let _ = clean(&["so.csv"], "t1", "2026-12-01");
    std::fs::copy(w.path("t1/khach-hang.xlsx"), w.path("so-khach-hang.xlsx")).unwrap();
    w.write(
        "bang-ke.csv",
        "Ngày HĐ,Số HĐ,Mã KH,Tên người mua,Địa chỉ,Thành tiền\n\
         06/12/2026,0000124,KH000001,Nguyễn Văn An,\"9 Trần Phú, Hà Nội\",500000\n",
    );
    let (book, changes) = clean(&["so-khach-hang.xlsx", "bang-ke.csv"], "t2", "2026-12-08");
    assert!(!changes.contains("đã sửa trong sổ"), "{changes}");
    let lineage = std::fs::read_to_string(w.path("t2/lineage.csv")).unwrap();
    assert!(
        lineage.contains("bang-ke.csv,,2,KH000001,merged,cùng Mã KH trong sổ"),
        "{lineage}"
    );
    let at = |name: &str| book[0].iter().position(|h| h == name).unwrap();
    assert_eq!(book.len(), 2, "{book:?}");
    assert_eq!(book[1][at("Nguồn")], "so.csv › 2; bang-ke.csv › 2");
    assert_eq!(book[1][at("Số dòng gốc")], "2");
}

/// Merging rows keeps what each typed: the other rows' contact person and delivery address go
/// to the notes (the same person or place written otherwise does not), a note typed after a
/// name goes there too, a dealing dated after the run is shown to a person, and the book read
/// back next week asks nothing again (its «Email khác» beside «Email» is no change).
#[test]
fn merged_rows_keep_their_contacts_deliveries_and_notes() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Tên khách hàng,Người liên hệ,Điện thoại,Email,Địa chỉ giao hàng,MST,Ngày giao dịch cuối\n\
         Công ty TNHH Thương mại Sao Mai,Chị Ngọc (kế toán),0243 999 1111,ketoan@saomai.vn,\"Kho Đông Anh, Hà Nội\",0100109106,01/03/2024\n\
         Công ty TNHH Thương mại Sao Mai,Anh Dũng (thủ kho),0243 999 1111,kho@saomai.vn,Kho Bắc Ninh,0100109106,01/05/2024\n\
         Công ty TNHH Thương mại Sao Mai,Dũng,0243 999 1111,,\"Kho Bắc Ninh, tỉnh Bắc Ninh\",0100109106,\n\
         Chị Hằng (nợ 2tr),,0912345678,,,,15/05/2025\n",
    );
    let run = |input: &str, out: &str| clean_into(&w, "2024-06-10", &[input], out);
    let (book, changes) = run("so.csv", "out");
    let at = |name: &str| book[0].iter().position(|h| h == name).unwrap();
    let sao_mai = &book[1];
    assert_eq!(sao_mai[at("Người liên hệ")], "Anh Dũng (thủ kho)");
    assert_eq!(sao_mai[at("Địa chỉ giao hàng")], "Kho Bắc Ninh");
    assert_eq!(
        sao_mai[at("Ghi chú")],
        "Người liên hệ khác: Chị Ngọc (kế toán); Giao hàng khác: Kho Đông Anh, Hà Nội"
    );
    let hang = &book[2];
    assert_eq!(
        (
            hang[at("Tên khách hàng")].as_str(),
            hang[at("Ghi chú")].as_str()
        ),
        ("Hằng", "nợ 2tr")
    );
    assert!(
        changes.contains("Ngày giao dịch sau ngày chạy"),
        "{changes}"
    );
    std::fs::copy(w.path("out/khach-hang.xlsx"), w.path("so-moi.xlsx")).unwrap();
    let (again, changes) = run("so-moi.xlsx", "out2");
    assert_eq!(again, book);
    assert!(!changes.contains("Đã sửa"), "{changes}");
}

/// A name cell that names nobody («-», «N/A», «Khách lẻ») is no customer's name: a row with a
/// phone is kept with the name empty and the text in its notes, asked about; a row with
/// nothing else is skipped like a blank one, its lineage line saying why. The book read back
/// is the same.
#[test]
fn a_name_cell_naming_nobody_is_left_empty_and_noted() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại\n-,0912000001\nKhách lẻ,0912000002\nN/A,\nTrần Thị Na,0912000003\n",
    );
    let (book, changes) = clean_into(&w, "2026-12-07", &["so.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let (name, phone, note) = (col("Tên khách hàng"), col("Điện thoại"), col("Ghi chú"));
    let rows: Vec<(&str, &str, &str)> = book[1..]
        .iter()
        .map(|r| (r[name].as_str(), r[phone].as_str(), r[note].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("", "0912000001", "Tên ghi: -"),
            ("", "0912000002", "Tên ghi: Khách lẻ"),
            ("Trần Thị Na", "0912000003", ""),
        ]
    );
    assert!(changes.contains("Ô tên không ghi tên ai"), "{changes}");
    let lineage = crate::common::read_lineage(&w.path("w1/lineage.csv"));
    let skipped: Vec<&str> = lineage
        .iter()
        .filter(|l| l[4] == "skipped")
        .map(|l| l[2].as_str())
        .collect();
    assert_eq!(skipped, ["4"]);
    let (again, _) = clean_into(&w, "2026-12-14", &["w1/khach-hang.xlsx"], "w2");
    assert_eq!(again, book);
}

/// A phone or an email typed into the name cell goes to the phone or email column (after the
/// row's own), and the name is the name.
#[test]
fn a_phone_or_email_typed_in_the_name_cell_is_a_phone_or_email() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email\n\
         Chị Lan 0912345678,,\n\
         Cô Mai (mai@gmail.com),,\n\
         Lê Văn Chín - ĐT: 0912.000.111,0988000111,\n",
    );
    let (book, changes) = clean_into(&w, "2026-12-07", &["so.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let rows: Vec<[&str; 4]> = book[1..]
        .iter()
        .map(|r| {
            [
                r[col("Tên khách hàng")].as_str(),
                r[col("Điện thoại")].as_str(),
                r[col("SĐT khác")].as_str(),
                r[col("Email")].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["Lan", "0912345678", "", ""],
            ["Mai", "", "", "mai@gmail.com"],
            ["Lê Văn Chín", "0988000111", "0912000111", ""],
        ]
    );
    assert!(changes.contains("gõ trong ô tên"), "{changes}");
}

/// What a clerk types around a phone or an email: a number in the address cell, a local
/// landline without its area code, whose line it is, a label. Each value lands in its column
/// or the notes, with a reason that says what it is, and the book read back is the same.
#[test]
fn contacts_typed_beside_other_things_land_in_their_columns() {
    let w = Workdir::new();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ\n\
         Lê Thị Bình,,,\"12 Lê Lợi, Q1, TP HCM - ĐT 0912345678\"\n\
         Lê Thị Cúc,3822 1235,,\"7 Nguyễn Huệ, Quận 1, TP HCM\"\n\
         Lê Thị Dung,0912 345 677 (chồng),Email: dung@gmail.com (con gái),Hà Nội\n\
         Lê Thị Hạnh,,,\"12 - 14 - 16 - 18 - 20 Lê Lợi, Q1, TP HCM\"\n",
    );
    let (book, changes) = clean_into(&w, "2026-12-07", &["so.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let rows: Vec<[&str; 4]> = book[1..]
        .iter()
        .map(|r| {
            [
                r[col("Điện thoại")].as_str(),
                r[col("Email")].as_str(),
                r[col("Địa chỉ")].as_str(),
                r[col("Ghi chú")].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        rows,
        [
            [
                "0912345678",
                "",
                "12 Lê Lợi, Quận 1, Thành phố Hồ Chí Minh",
                ""
            ],
            [
                "02838221235",
                "",
                "7 Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh",
                ""
            ],
            [
                "0912345677",
                "dung@gmail.com",
                "Hà Nội",
                "Điện thoại ghi: 0912 345 677 (chồng); Email ghi: Email: dung@gmail.com (con gái)"
            ],
            [
                "",
                "",
                "12 - 14 - 16 - 18 - 20 Lê Lợi, Quận 1, Thành phố Hồ Chí Minh",
                ""
            ],
        ]
    );
    assert!(
        changes.contains("SĐT/email ghi trong ô địa chỉ"),
        "{changes}"
    );
    assert!(changes.contains("gõ thiếu mã vùng"), "{changes}");
    assert!(changes.contains("Ô điện thoại có chữ ghi kèm"), "{changes}");
    assert!(changes.contains("Ô email có chữ ghi kèm"), "{changes}");
    assert!(
        !changes.contains("không hợp lệ") && !changes.contains("sai cú pháp"),
        "{changes}"
    );
    // The cleaned book read back is the same book.
    std::fs::copy(w.path("w1/khach-hang.xlsx"), w.path("so.xlsx")).unwrap();
    let (again, _) = clean_into(&w, "2026-12-07", &["so.xlsx"], "w2");
    let cols = [
        "Điện thoại",
        "Email",
        "Địa chỉ",
        "Ghi chú",
        "Tên khách hàng",
    ]
    .map(col);
    let pick = |b: &Vec<Vec<String>>| -> Vec<Vec<String>> {
        b.iter()
            .map(|r| cols.iter().map(|&c| r[c].clone()).collect())
            .collect()
    };
    assert_eq!(pick(&again), pick(&book));
}

/// A web form's export in an English locale writes its timestamps month first: the file's own
/// dates prove it (a second field over 12, none in the first), so each is read month first and
/// said; a day-first ledger beside it keeps its reading and asks about an American date.
#[test]
fn a_web_forms_month_first_dates_are_read_as_the_file_writes_them() {
    let w = Workdir::new();
    w.write(
        "form.csv",
        "Timestamp,Full name,Phone\n\
         3/15/2024 10:30:45,Lê Văn An,0912000101\n\
         4/2/2024 9:00:01,Lê Văn Bình,0912000102\n",
    );
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Ngày mua\n\
         Lê Văn Dũng,0912000104,4/2/2024\n\
         Lê Văn Em,0912000105,03/15/2024\n\
         Lê Văn Giang,0912000106,15/03/2024\n",
    );
    let (book, changes) = clean_into(&w, "2026-12-07", &["form.csv", "so.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let date = |name: &str| {
        book.iter()
            .find(|r| r[col("Tên khách hàng")] == name)
            .map(|r| r[col("Giao dịch cuối")].clone())
            .unwrap()
    };
    // Excel's serial numbers: 2 April 2024, 4 February 2024.
    assert_eq!(date("Lê Văn Bình"), "45384");
    assert_eq!(date("Lê Văn Dũng"), "45326");
    assert_eq!(date("Lê Văn Em"), "");
    let note = book
        .iter()
        .find(|r| r[col("Tên khách hàng")] == "Lê Văn Em")
        .map(|r| r[col("Ghi chú")].clone())
        .unwrap();
    assert_eq!(note, "Ngày ghi: 03/15/2024", "the date as typed is kept");
    assert!(
        changes
            .contains("form.csv,,3,Ngày,4/2/2024 9:00:01,02/04/2024,Ngày ghi kiểu tháng/ngày/năm"),
        "{changes}"
    );
    assert!(
        changes.contains("so.csv,,3,Ngày,03/15/2024,→ Ghi chú,Ngày không hợp lệ"),
        "{changes}"
    );
}

/// The tax portal's invoice export gives «Tổng tiền chưa thuế», «Tổng tiền thuế» and «Tổng
/// tiền thanh toán»: the revenue is the first, not the total with its VAT; a replaced invoice
/// is no sale.
#[test]
fn the_tax_portals_export_gives_revenue_before_vat() {
    let w = Workdir::new();
    w.write(
        "hd.csv",
        "STT,Ký hiệu mẫu số,Ký hiệu hóa đơn,Số hóa đơn,Ngày lập,MST người mua/MST người nhận hàng,\
         Tên người mua/Tên người nhận hàng,Tổng tiền chưa thuế,Tổng tiền thuế,Tổng tiền thanh toán,\
         Trạng thái hóa đơn\n\
         1,1,C25TAA,123,05/03/2025,0100109106,Công ty TNHH An Phát,\"1.000.000\",\"100.000\",\"1.100.000\",Hóa đơn mới\n\
         2,1,C25TAA,124,06/03/2025,,Lê Văn Tám,\"500.000\",\"50.000\",\"550.000\",Hóa đơn bị thay thế\n",
    );
    clean_into(&w, "2026-12-07", &["hd.csv"], "w1");
    let acc = read_xlsx(&w.path("w1/ke-toan.xlsx"));
    let by_customer = &acc[0].1;
    let header = by_customer
        .iter()
        .position(|r| r.iter().any(|c| c == "Doanh thu chưa thuế"))
        .unwrap();
    let col = |n: &str| by_customer[header].iter().position(|h| h == n).unwrap();
    let an_phat = by_customer
        .iter()
        .find(|r| r[col("Tên")] == "Công ty TNHH An Phát")
        .unwrap();
    assert_eq!(an_phat[col("Doanh thu chưa thuế")], "1000000");
    assert_eq!(an_phat[col("Thuế GTGT")], "100000");
    assert!(!by_customer.iter().any(|r| r[col("Tên")] == "Lê Văn Tám"));
}

/// A marketplace's order export (Shopee's): the buyer's account, the receiver's name, and the
/// delivery address over four columns, province first: the receiver is the contact, and the
/// parts complete the delivery address, smallest place first, its province read.
#[test]
fn a_marketplaces_order_export_keeps_the_receiver_and_the_whole_address() {
    let w = Workdir::new();
    w.write(
        "shopee.csv",
        "Mã đơn hàng,Ngày đặt hàng,Người Mua,Tên Người nhận,Số điện thoại,Tỉnh/Thành phố,\
         TP / Quận / Huyện,Quận,Địa chỉ nhận hàng\n\
         2503051ABC,2025-03-05 10:22,nguyenan88,Nguyễn Văn An,84912345678,Thừa Thiên Huế,\
         Thành phố Huế,Phường Vĩnh Ninh,12 Lê Lợi\n",
    );
    let (book, _) = clean_into(&w, "2026-12-07", &["shopee.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let row = &book[1];
    assert_eq!(row[col("Người liên hệ")], "Nguyễn Văn An");
    assert_eq!(row[col("Tỉnh/Thành")], "Thành phố Huế");
    let delivery = &row[col("Địa chỉ giao hàng")];
    assert!(
        delivery.starts_with("12 Lê Lợi") && delivery.ends_with("Thừa Thiên Huế"),
        "{delivery}"
    );
}

/// An accounting package's customer list (MISA's «Danh mục khách hàng»): «Xưng hô» beside a
/// company is its contact person's. The company shows no «Danh xưng» (it showed «Anh»), its
/// contact is «Anh Nguyễn Văn Bình»; a person's «Xưng hô» is hers; the book read again is
/// the same book.
#[test]
fn an_organisations_honorific_cell_is_its_contact_persons() {
    let w = Workdir::new();
    w.write(
        "misa.csv",
        "Mã khách hàng (*),Tên khách hàng (*),Là tổ chức/cá nhân,Địa chỉ,Mã số thuế,Điện thoại,\
         Email,Xưng hô,Họ và tên người liên hệ,ĐT di động\n\
         KH00001,Công ty Cổ phần Sông Hồng,Tổ chức,\"12 Tràng Thi, Hoàn Kiếm, Hà Nội\",0101245486,\
         02438251234,ketoan@songhong.vn,Anh,Nguyễn Văn Bình,0912345678\n\
         KH00002,Công ty TNHH Hòa Bình,Tổ chức,\"5 Lê Lợi, Quận 1, TP HCM\",,02838251234,,Chị,\
         Chị Mai,\n\
         KH00003,Nguyễn Thị Lan,Cá nhân,\"7 Lê Lợi, Quận 1, TP HCM\",,,lan@gmail.com,Chị,,\
         0987654321\n",
    );
    let (book, _) = clean_into(&w, "2026-12-08", &["misa.csv"], "w1");
    let col = |n: &str| book[0].iter().position(|h| h == n).unwrap();
    let row = |name: &str| {
        book.iter()
            .find(|r| r[col("Tên khách hàng")] == name)
            .unwrap_or_else(|| panic!("{name}: {book:?}"))
    };
    let song_hong = row("Công ty Cổ phần Sông Hồng");
    assert_eq!(song_hong[col("Danh xưng")], "", "{song_hong:?}");
    assert_eq!(song_hong[col("Người liên hệ")], "Anh Nguyễn Văn Bình");
    // A contact typed with its own honorific keeps it, once.
    assert_eq!(
        row("Công ty TNHH Hòa Bình")[col("Người liên hệ")],
        "Chị Mai"
    );
    assert_eq!(row("Nguyễn Thị Lan")[col("Danh xưng")], "Chị");
    std::fs::copy(w.path("w1/khach-hang.xlsx"), w.path("so.xlsx")).unwrap();
    let (again, _) = clean_into(&w, "2026-12-08", &["so.xlsx"], "w2");
    assert_eq!(again, book);
}
