//! ke-toan.xlsx checks what it can honestly check: the listings' own totals lines, the amounts
//! it could not read, the invoices listed twice, the invoices left out of the period.

use crate::common::{read_lineage, read_xlsx, Workdir};

const BOOK: &str =
    "Tên khách hàng,Điện thoại,MST\nCông ty TNHH Thương mại An Phát,0912345678,0101248141\n";

const HEADER: &str = "STT;Ký hiệu hóa đơn;Số hóa đơn;Ngày hóa đơn;Tên người mua;Mã số thuế người mua;Doanh thu chưa có thuế;Thuế GTGT\n";

/// A listing line: number, date, revenue, VAT (An Phát's).
fn line(no: &str, date: &str, amount: &str, vat: &str) -> String {
    format!("{no};C24TSH;{no};{date};Công ty TNHH Thương mại An Phát;0101248141;{amount};{vat}\n")
}

/// Runs clean on the book and the listings (name, text), with `extra` flags; ke-toan.xlsx.
fn accounts(listings: &[(&str, String)], extra: &[&str]) -> Vec<(String, Vec<Vec<String>>)> {
    let w = run(listings, extra);
    read_xlsx(&w.path("out/ke-toan.xlsx"))
}

/// Runs clean on the book and the listings (name, text), with `extra` flags, into `out`.
fn run(listings: &[(&str, String)], extra: &[&str]) -> Workdir {
    let w = Workdir::workspace();
    w.write("so-khach.csv", BOOK);
    let mut args = vec!["clean", "so-khach.csv"];
    for (name, text) in listings {
        w.write(name, text);
        args.push(name);
    }
    args.extend(["--out", "out", "--as-of", "2024-05-10"]);
    args.extend(extra);
    let out = w.cmd().args(&args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    w
}

fn sheet<'a>(book: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &book.iter().find(|(n, _)| n == name).expect(name).1
}

/// The revenue sheet's line whose first cell starts with `label`.
fn total_line<'a>(book: &'a [(String, Vec<Vec<String>>)], label: &str) -> &'a [String] {
    let rows = sheet(book, "Doanh thu theo khách");
    rows.iter()
        .find(|r| r[0].starts_with(label))
        .unwrap_or_else(|| panic!("{label}: {rows:?}"))
}

/// Regression (audit t5): an amount the tool could not read made no difference to «Khớp».
#[test]
fn an_unread_amount_makes_the_input_total_incomplete() {
    let listing = format!(
        "{HEADER}{}{}",
        line("1", "01/04/2024", "1.000.000", "100.000"),
        line("2", "02/04/2024", "abc", "200.000")
    );
    let book = accounts(&[("bang-ke.csv", listing)], &[]);
    let input = total_line(&book, "Tổng đầu vào");
    assert!(
        input[1].starts_with("CHƯA ĐỦ: 1 số tiền ở 1 dòng HĐ không đọc được")
            && input[1].contains("«HĐ cần kiểm tra»"),
        "{input:?}"
    );
    let check = sheet(&book, "HĐ cần kiểm tra");
    let row = check.iter().find(|r| r[4] == "2").expect("invoice 2");
    assert_eq!(row[0], "Số tiền không đọc được: «abc»");
}

/// Regression (audit t3): «Khớp» repeated the tool's own sum; a listing's totals line is what
/// its lines must add up to.
#[test]
fn a_listing_is_checked_against_its_own_totals_line() {
    let lines = format!(
        "{HEADER}{}{}",
        line("1", "01/04/2024", "1.000.000", "100.000"),
        line("2", "02/04/2024", "2.500.000", "250.000")
    );
    let right = format!("{lines};;;;Tổng cộng;;3.500.000;350.000\n");
    let book = accounts(&[("bang-ke.csv", right)], &[]);
    let input = total_line(&book, "Tổng đầu vào");
    assert!(
        input[1].starts_with("Khớp: các dòng HĐ cộng đúng"),
        "{input:?}"
    );
    let own = total_line(&book, "Dòng tổng của bảng kê bang-ke.csv › 4");
    assert!(own[1].starts_with("Khớp: 2 dòng HĐ"), "{own:?}");
    assert_eq!((own[4].as_str(), own[5].as_str()), ("3500000", "350000"));

    let wrong = format!("{lines};;;;Tổng cộng;;3.600.000;350.000\n");
    let book = accounts(&[("bang-ke.csv", wrong)], &[]);
    let input = total_line(&book, "Tổng đầu vào");
    assert!(input[1].starts_with("KHÔNG KHỚP"), "{input:?}");
    let own = total_line(&book, "Dòng tổng của bảng kê");
    assert_eq!(
        own[1],
        "KHÔNG KHỚP: 2 dòng HĐ cộng doanh thu 3.500.000, thuế GTGT 350.000; dòng tổng ghi 3.600.000, 350.000"
    );
}

/// A VAT typed with its part of a đồng (a formula's 8 %) is rounded on each line; the listing's
/// total, of the exact amounts, may be a đồng off their sum: it still matches, and says so.
/// A difference rounding cannot make does not.
#[test]
fn amounts_rounded_to_the_dong_still_match_their_total() {
    let lines = format!(
        "{HEADER}{}{}",
        line("1", "01/04/2024", "1.000.000", "100.000,50"),
        line("2", "02/04/2024", "2.500.000", "250.000,50")
    );
    let right = format!("{lines};;;;Tổng cộng;;3.500.000;350.001\n");
    let book = accounts(&[("bang-ke.csv", right)], &[]);
    let own = total_line(&book, "Dòng tổng của bảng kê");
    assert_eq!(
        own[1],
        "Khớp (lệch 1 đồng do làm tròn số lẻ): 2 dòng HĐ của bảng kê cộng đúng dòng tổng"
    );
    let wrong = format!("{lines};;;;Tổng cộng;;3.500.000;350.000\n");
    let book = accounts(&[("bang-ke.csv", wrong)], &[]);
    let own = total_line(&book, "Dòng tổng của bảng kê");
    assert!(own[1].starts_with("KHÔNG KHỚP"), "{own:?}");
}

/// Regression (audit t3b): one invoice in March's and April's listings was counted twice.
/// Counted once when the lines agree in date, amounts and buyer; a number whose amounts
/// differ stays counted twice, for a person to look at.
#[test]
fn an_invoice_listed_again_in_another_listing_is_counted_once() {
    let march = format!(
        "{HEADER}{}{}",
        line("211", "21/03/2024", "9.000.000", "900.000"),
        line("212", "22/03/2024", "1.000.000", "100.000")
    );
    let april = format!(
        "{HEADER}{}{}{}",
        line("211", "21/03/2024", "9.000.000", "900.000"),
        line("212", "22/03/2024", "1.500.000", "150.000"),
        line("301", "02/04/2024", "2.000.000", "200.000")
    );
    let w = run(&[("T03.csv", march), ("T04.csv", april)], &[]);
    let book = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let total = total_line(&book, "TỔNG");
    // Revenue: 211 once, 212 both times, 301. Invoices: 211, 212 (one number), 301.
    assert_eq!(total[3..6], ["3", "13500000", "1350000"], "{total:?}");
    let again = total_line(&book, "HĐ kê lặp (tính một lần)");
    assert_eq!(again[3..5], ["1", "9000000"], "{again:?}");
    let twice = sheet(&book, "HĐ lặp ký hiệu và số");
    let repeat = twice
        .iter()
        .find(|r| r[0] == "T04.csv" && r[3] == "211")
        .expect("211 of April");
    assert!(
        repeat[10].starts_with("Không: lặp lại T03.csv › 2"),
        "{repeat:?}"
    );
    assert!(twice
        .iter()
        .filter(|r| r[3] == "212")
        .all(|r| r[10] == "Có"));
    let lineage = read_lineage(&w.path("out/lineage.csv"));
    let line = lineage
        .iter()
        .find(|l| l[0] == "T04.csv" && l[2] == "2")
        .expect("lineage of April's 211");
    assert!(
        line[5].ends_with("HĐ lặp lại T03.csv › 2: tính một lần vào doanh thu"),
        "{line:?}"
    );
}

/// Regression (audit t7): a household's tax code in the book was replaced by the citizen ID
/// on an invoice attributed to it by name, silently. The book's code stays; the other is noted.
#[test]
fn the_books_tax_code_stays_and_an_invoices_other_code_is_noted() {
    let w = Workdir::workspace();
    w.write(
        "so-khach.csv",
        "Tên khách hàng,Điện thoại,Địa chỉ,MST\nHộ kinh doanh Tạp hóa Bà Tư,0987654321,\"Chợ Bến Thành, Q.1, TP.HCM\",8012345677\n",
    );
    w.write(
        "bang-ke.csv",
        format!("{HEADER}1;C24TSH;601;05/03/2024;Hộ kinh doanh Tạp hóa Bà Tư;079185001234;2.000.000;100.000\n"),
    );
    let out = w
        .cmd()
        .args(["clean", "so-khach.csv", "bang-ke.csv", "--out", "out"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let book = read_xlsx(&w.path("out/khach-hang.xlsx"));
    let rows = &book[0].1;
    let col = |h: &str| rows[0].iter().position(|c| c == h).expect(h);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][col("MST")], "8012345677", "{rows:?}");
    assert_eq!(
        rows[1][col("Ghi chú")],
        "MST/CCCD trên hóa đơn: 079185001234"
    );
}

/// Regression (audit t4): with --from/--to the undated invoices were only a count; they are
/// listed where the accountant can find them. A day that does not exist is said to be one.
#[test]
fn undated_invoices_outside_the_period_are_listed() {
    let listing = format!(
        "{HEADER}{}{}{}",
        line("1", "05/03/2024", "1.000.000", "100.000"),
        line("2", "", "2.000.000", "200.000"),
        line("3", "31/02/2024", "3.000.000", "300.000")
    );
    let book = accounts(
        &[("bang-ke.csv", listing)],
        &["--from", "01/03/2024", "--to", "31/03/2024"],
    );
    let undated = total_line(&book, "HĐ không có ngày (ngoài kỳ)");
    assert_eq!(undated[3], "2");
    assert!(undated[1].contains("«HĐ cần kiểm tra»"), "{undated:?}");
    let check = sheet(&book, "HĐ cần kiểm tra");
    let problem = |no: &str| &check.iter().find(|r| r[4] == no).expect(no)[0];
    assert_eq!(problem("2"), "Không có ngày: ngoài kỳ, không tính");
    assert_eq!(
        problem("3"),
        "Ngày không đọc được «31/02/2024»: ngoài kỳ, không tính"
    );
    assert!(!check.iter().any(|r| r[4] == "1"));

    let w = Workdir::workspace();
    w.write("so-khach.csv", BOOK);
    let out = w
        .cmd()
        .args(["clean", "so-khach.csv", "--from", "31/02/2024"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ngày «31/02/2024» không có trong lịch"),
        "{err}"
    );
}

/// Regression (audit t8): an invoice's shorter address of the same place ("Số 12 Phố Huế, Hà
/// Nội", the district left out) replaced the book's, silently.
#[test]
fn an_invoices_shorter_address_does_not_replace_the_books() {
    let w = Workdir::workspace();
    w.write(
        "so-khach.csv",
        "Tên khách hàng,Điện thoại,Địa chỉ,MST\nCông ty TNHH Thương mại An Phát,0912345678,\"Số 12 Phố Huế, Quận Hai Bà Trưng, Hà Nội\",0101248141\n",
    );
    w.write(
        "bang-ke.csv",
        "STT;Ký hiệu hóa đơn;Số hóa đơn;Ngày hóa đơn;Tên người mua;Mã số thuế người mua;Địa chỉ người mua;Doanh thu chưa có thuế;Thuế GTGT\n1;C24TSH;701;05/03/2024;Công ty TNHH Thương mại An Phát;0101248141;Số 12 Phố Huế, Hà Nội;2.000.000;200.000\n",
    );
    let out = w
        .cmd()
        .args(["clean", "so-khach.csv", "bang-ke.csv", "--out", "out"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let book = read_xlsx(&w.path("out/khach-hang.xlsx"));
    let rows = &book[0].1;
    let col = rows[0]
        .iter()
        .position(|c| c == "Địa chỉ")
        .expect("address");
    assert!(
        rows[1][col].starts_with("Số 12 Phố Huế, Quận Hai Bà Trưng"),
        "{rows:?}"
    );
}

/// An invoice on two lines of one listing (one per VAT rate, as the tax form lists them) is one
/// invoice in the counts: the accountant's revenue sheet and the book's «Số hóa đơn».
#[test]
fn an_invoice_on_two_lines_is_one_invoice() {
    let listing = format!(
        "{HEADER}{}{}{}",
        line("1", "01/04/2024", "1.000.000", "50.000"),
        line("1", "01/04/2024", "2.000.000", "200.000"),
        line("2", "02/04/2024", "2.500.000", "250.000")
    );
    let w = run(&[("bang-ke.csv", listing)], &[]);
    let book = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let total = total_line(&book, "TỔNG");
    assert_eq!(total[3..6], ["2", "5500000", "500000"], "{total:?}");
    let input = total_line(&book, "Tổng đầu vào");
    assert_eq!(input[3], "2", "{input:?}");
    let customers = read_xlsx(&w.path("out/khach-hang.xlsx"));
    let rows = sheet(&customers, "Khách hàng");
    let count = rows[0].iter().position(|h| h == "Số hóa đơn").unwrap();
    assert_eq!(rows[1][count], "2", "{:?}", rows[1]);
}

/// A portal's export gives the goods' amount and the discount apart («Tiền hàng», «Tiền chiết
/// khấu»): the revenue is the amount less the discount, on the lines and on the totals line.
#[test]
fn the_revenue_is_the_amount_less_the_discount() {
    let listing = "Ký hiệu HĐ;Số HĐ;Ngày HĐ;Tên người mua;Mã số thuế;Tiền hàng;Tiền chiết khấu;Tiền thuế GTGT\n\
                   C24TSH;1;01/04/2024;Công ty TNHH Thương mại An Phát;0101248141;1.000.000;100.000;90.000\n\
                   C24TSH;2;02/04/2024;Công ty TNHH Thương mại An Phát;0101248141;2.000.000;0;200.000\n\
                   ;;;Tổng cộng;;3.000.000;100.000;290.000\n"
        .to_string();
    let book = accounts(&[("bang-ke.csv", listing)], &[]);
    let total = total_line(&book, "TỔNG");
    assert_eq!(total[3..6], ["2", "2900000", "290000"], "{total:?}");
    let own = total_line(&book, "Dòng tổng của bảng kê");
    assert!(own[1].starts_with("Khớp: 2 dòng HĐ"), "{own:?}");
}

/// A listing with the goods' amount, the discount and the revenue before VAT: the revenue
/// column is read (two amount columns were joined into no amount at all), and the discount,
/// already off it, is not taken off again.
#[test]
fn of_several_amount_columns_the_revenue_is_read() {
    let listing = "Số HĐ;Ngày HĐ;Tên người mua;MST;Thành tiền;Chiết khấu;Doanh thu chưa thuế;Thuế GTGT\n\
                   1;01/04/2024;Công ty TNHH Thương mại An Phát;0101248141;1.000.000;100.000;900.000;90.000\n"
        .to_string();
    let book = accounts(&[("bang-ke.csv", listing)], &[]);
    let total = total_line(&book, "TỔNG");
    assert_eq!(total[3..6], ["1", "900000", "90000"], "{total:?}");
}

/// One invoice to a walk-in buyer (a name, no tax code) in both October's listing and the
/// quarter's: the same series, number, date and buyer are one invoice of one buyer, counted
/// once; the buyer's other invoice, a namesake's for all the listing says, stays apart.
#[test]
fn a_walk_in_buyers_invoice_listed_twice_is_counted_once() {
    let header = "Ký hiệu;Số HĐ;Ngày HĐ;Tên người mua;MST;Doanh thu chưa thuế;Thuế GTGT\n";
    let october = format!("{header}1C24TAA;15;03/04/2024;Nguyễn Văn Hải;;1.000.000;100.000\n");
    let quarter = format!(
        "{header}1C24TAA;15;03/04/2024;Nguyễn Văn Hải;;1.000.000;100.000\n\
         1C24TAA;16;04/04/2024;Nguyễn Văn Hải;;2.000.000;200.000\n"
    );
    let w = run(&[("thang-4.csv", october), ("quy-2.csv", quarter)], &[]);
    let book = read_xlsx(&w.path("out/ke-toan.xlsx"));
    let total = total_line(&book, "TỔNG");
    assert_eq!(total[3..6], ["2", "3000000", "300000"], "{total:?}");
    let lineage = read_lineage(&w.path("out/lineage.csv"));
    let id = |file: &str, row: &str| {
        let l = lineage.iter().find(|l| l[0] == file && l[2] == row);
        l.unwrap_or_else(|| panic!("{file} {row}: {lineage:?}"))[3].clone()
    };
    assert_eq!(id("quy-2.csv", "2"), id("thang-4.csv", "2"));
    assert_ne!(id("quy-2.csv", "3"), id("thang-4.csv", "2"));
}

/// A listing that gives only each invoice's total with VAT («Tổng tiền»): with a VAT column,
/// the revenue before VAT is the total less the VAT; without one, the revenue sheet shows the
/// totals in «Tổng cộng» and leaves the split it cannot know empty, instead of zeros.
#[test]
fn a_listing_of_totals_with_vat() {
    let with_vat = "STT;Số hóa đơn;Ngày hóa đơn;Tên người mua;MST;Tổng tiền;Thuế GTGT\n\
                    1;1;01/04/2024;Công ty TNHH Thương mại An Phát;0101248141;1.100.000;100.000\n";
    let book = accounts(&[("bang-ke.csv", with_vat.to_string())], &[]);
    let rows = sheet(&book, "Doanh thu theo khách");
    let an_phat = rows.iter().find(|r| r[2] == "0101248141").expect("An Phát");
    assert_eq!(&an_phat[3..7], ["1", "1000000", "100000", "1100000"]);

    let only_total = "STT;Số hóa đơn;Ngày hóa đơn;Tên người mua;MST;Tổng tiền\n\
                      1;1;01/04/2024;Công ty TNHH Thương mại An Phát;0101248141;1.100.000\n\
                      2;2;02/04/2024;Công ty TNHH Thương mại An Phát;0101248141;2.200.000\n";
    let book = accounts(&[("bang-ke.csv", only_total.to_string())], &[]);
    let rows = sheet(&book, "Doanh thu theo khách");
    let an_phat = rows.iter().find(|r| r[2] == "0101248141").expect("An Phát");
    assert_eq!(&an_phat[3..7], ["2", "", "", "3300000"]);
    let input = total_line(&book, "Tổng đầu vào");
    assert_eq!(&input[4..7], ["", "", "3300000"], "{input:?}");
    assert!(!input[1].starts_with("KHÔNG KHỚP"), "{input:?}");
}

/// An invoice line read before the book row of its buyer (the listing given first, as a
/// folder's files sort) is merged into the book's customer; the customer's «kept» row is its
/// book row. A buyer known only from invoices starts with its first line.
#[test]
fn the_books_row_not_an_earlier_invoice_line_starts_the_customer() {
    let w = Workdir::workspace();
    w.write("so-khach.csv", BOOK);
    w.write(
        "bang-ke.csv",
        format!(
            "{HEADER}{}{}2;C24TSH;2;06/03/2024;Nguyễn Văn Khách Lẻ;;1.000.000;100.000\n",
            line("1", "05/03/2024", "2.000.000", "200.000"),
            line("3", "07/03/2024", "3.000.000", "300.000"),
        ),
    );
    let out = w
        .cmd()
        .args(["clean", "bang-ke.csv", "so-khach.csv", "--out", "out"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let lineage = read_lineage(&w.path("out/lineage.csv"));
    let of = |file: &str, row: &str| {
        lineage
            .iter()
            .find(|l| l[0] == file && l[2] == row)
            .unwrap_or_else(|| panic!("{file} {row}: {lineage:?}"))
    };
    let (book, first, second, walk_in) = (
        of("so-khach.csv", "2"),
        of("bang-ke.csv", "2"),
        of("bang-ke.csv", "3"),
        of("bang-ke.csv", "4"),
    );
    assert_eq!(book[4], "kept", "{lineage:?}");
    for inv in [first, second] {
        assert_eq!(inv[3], book[3], "{lineage:?}");
        assert_eq!(inv[4], "merged", "{lineage:?}");
        assert!(!inv[5].is_empty(), "{inv:?}");
    }
    assert_ne!(walk_in[3], book[3]);
    assert_eq!(walk_in[4], "kept", "{lineage:?}");
}
