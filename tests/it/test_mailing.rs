//! `sokhach mailing`: the contact list for news of new products. Nobody deleted or opted out
//! is ever on it; text cannot run as a formula in Excel; the CSV opens in Excel with the right
//! Vietnamese; the channel decides who can be reached, and the people left out are counted.

use crate::common::{sheet, Workdir};
use std::collections::BTreeMap;

const HEADER: &str = "Họ tên,Điện thoại,Email,Địa chỉ,MST,Ngày giao dịch cuối";
const AS_OF: &str = "2025-06-01";
const OUT: &str = "out";
const XLSX: &str = "out/danh-sach-gui-tin.xlsx";
const CSV: &str = "out/danh-sach-gui-tin.csv";

// ------------------------------------------------------------------------------------------
// helpers

fn csv(w: &Workdir, name: &str, rows: &[&str]) {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    w.write(name, s);
}

fn requests(w: &Workdir, rows: &[&[(usize, &str)]]) {
    crate::common::write_requests(w, rows);
}

fn run(w: &Workdir, args: &[&str]) -> (i32, String, String) {
    let out = w.cmd().args(args).output().expect("run sokhach");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn clean(w: &Workdir, inputs: &[&str]) {
    let mut args = vec!["clean", "-q", "--as-of", AS_OF];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", OUT]);
    let (code, _, err) = run(w, &args);
    assert_eq!(code, 0, "clean: {err}");
}

/// `mailing`, after a `clean` of the same inputs when the workspace has no state yet (the
/// mailing needs the state's deletions and opt-outs). The channel's list is copied to the
/// names the assertions read.
fn mailing(w: &Workdir, inputs: &[&str], extra: &[&str]) {
    if !w.path(".sokhach").exists() {
        clean(w, inputs);
    }
    let mut args = vec!["mailing", "-q", "--as-of", AS_OF];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", OUT]);
    args.extend_from_slice(extra);
    let (code, _, err) = run(w, &args);
    assert_eq!(code, 0, "mailing: {err}");
    let stem = match extra.iter().position(|a| *a == "--channel") {
        Some(i) if extra.get(i + 1) == Some(&"phone") => "danh-sach-gui-tin-dien-thoai",
        Some(i) if extra.get(i + 1) == Some(&"both") => "danh-sach-gui-tin",
        _ => "danh-sach-gui-tin-email",
    };
    if stem != "danh-sach-gui-tin" {
        for ext in ["xlsx", "csv"] {
            std::fs::copy(
                w.path(&format!("out/{stem}.{ext}")),
                w.path(&format!("out/danh-sach-gui-tin.{ext}")),
            )
            .unwrap();
        }
    }
}

/// The list sheet as records keyed by header name.
fn list_xlsx(w: &Workdir) -> Vec<BTreeMap<String, String>> {
    records(sheet(&w.path(XLSX), "Danh sách"))
}

/// The CSV as Excel reads it: BOM → UTF-8 (strictly), then comma-separated records.
fn list_csv(w: &Workdir) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(w.path(CSV)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with the UTF-8 BOM: {:?}",
        &bytes[..bytes.len().min(8)]
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("the CSV is UTF-8");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    records(rows)
}

fn records(mut rows: Vec<Vec<String>>) -> Vec<BTreeMap<String, String>> {
    let header = rows.remove(0);
    assert_eq!(
        header,
        [
            "Mã KH",
            "Lời chào",
            "Tên",
            "Email",
            "Điện thoại",
            "Tỉnh/Thành"
        ]
    );
    rows.into_iter()
        .map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

/// "Bị loại": reason → count.
fn left_out(w: &Workdir) -> BTreeMap<String, i64> {
    sheet(&w.path(XLSX), "Bị loại")
        .into_iter()
        .skip(1)
        .map(|r| (r[0].clone(), r[1].parse().unwrap()))
        .collect()
}

fn find<'a>(
    list: &'a [BTreeMap<String, String>],
    key: &str,
    value: &str,
) -> Option<&'a BTreeMap<String, String>> {
    list.iter().find(|r| r[key] == value)
}

/// Customers with honorifics, Văn/Thị middle names, an organisation, an NFD-encoded name, a
/// customer without a mobile and one with only a landline; Khoa appears in two files.
fn people(w: &Workdir) -> Vec<&'static str> {
    use unicode_normalization::UnicodeNormalization;
    let mai_nfd: String = "Ngô Thị Mai".nfd().collect();
    assert_ne!(mai_nfd, "Ngô Thị Mai");
    let mai = format!("{mai_nfd},0977123456,mai.ngo@gmail.com,8 Lạch Tray Hải Phòng,,01/04/2025");
    csv(
        w,
        "a.csv",
        &[
            "Nguyễn Văn Hùng,0912345678,hung.nv@gmail.com,12 Lê Lợi Quận 1 TP HCM,,15/03/2025",
            "Trần Thị Bích,0987654321,bich.tt@yahoo.com,5 Hai Bà Trưng Hà Nội,,01/02/2025",
            "Anh Trần Minh Khoa,0903111222,khoa.tran@gmail.com,7 Trần Phú Đà Nẵng,,20/02/2025",
            "Lê Văn Tâm,0933444555,tam.le@gmail.com,9 Lý Thái Tổ Hà Nội,,01/05/2025",
            &mai,
        ],
    );
    csv(
        w,
        "b.csv",
        &[
            "Chị Đỗ Ngọc Lan,,lan.do@gmail.com,3 Phan Chu Trinh Huế,,01/03/2025",
            "Công ty TNHH Hòa Phát,02838221234,info@hoaphat.vn,1 Nguyễn Huệ Q1 HCM,0100100079,01/01/2025",
            "Bùi Văn Nam,02437654321,,4 Hàng Bông Hà Nội,,01/05/2025",
            "Trần Minh Khoa,0903 111 222,,7 Trần Phú Đà Nẵng,,01/05/2025",
        ],
    );
    vec!["a.csv", "b.csv"]
}

/// Delete Hùng (by mobile), stop marketing to Bích (by email).
fn privacy_requests(w: &Workdir) {
    requests(
        w,
        &[
            &[(0, "30/05/2025"), (1, "Xóa"), (3, "0912 345 678")],
            &[
                (0, "30/05/2025"),
                (1, "Ngừng quảng cáo"),
                (4, "bich.tt@yahoo.com"),
            ],
        ],
    );
}

/// Neither Hùng nor Bích is in either list, in any form.
fn assert_not_listed(w: &Workdir) {
    let xlsx = list_xlsx(w);
    let csv_rows = list_csv(w);
    for (what, list) in [("xlsx", &xlsx), ("csv", &csv_rows)] {
        for r in list.iter() {
            for v in r.values() {
                for needle in [
                    "0912345678",
                    "hung.nv@gmail.com",
                    "Hùng",
                    "0987654321",
                    "bich.tt@yahoo.com",
                    "Bích",
                ] {
                    assert!(!v.contains(needle), "{needle} in the {what} list: {r:?}");
                }
            }
        }
    }
    // Everybody else with an email is there.
    for e in [
        "khoa.tran@gmail.com",
        "tam.le@gmail.com",
        "mai.ngo@gmail.com",
        "lan.do@gmail.com",
        "info@hoaphat.vn",
    ] {
        assert!(find(&xlsx, "Email", e).is_some(), "{e} in {xlsx:#?}");
        assert!(
            find(&csv_rows, "Email", e).is_some(),
            "{e} in {csv_rows:#?}"
        );
    }
}

// ------------------------------------------------------------------------------------------
// 1. opted-out and deleted customers

#[test]
fn opted_out_and_deleted_customers_are_never_listed() {
    let w = Workdir::workspace();
    let inputs = people(&w);
    privacy_requests(&w);
    clean(&w, &inputs);
    mailing(&w, &inputs, &[]);
    assert_not_listed(&w);

    let lo = left_out(&w);
    // The week's clean already recorded the deletion, so the mailing run sees the person as
    // suppressed (deleted before); either way they are counted once and never listed.
    let deleted = lo.get("Đã xóa theo yêu cầu").copied().unwrap_or(0)
        + lo.get("Bị chặn (đã xóa trước đây)").copied().unwrap_or(0);
    assert_eq!(deleted, 1, "{lo:?}");
    assert_eq!(lo.get("Đã từ chối nhận quảng cáo"), Some(&1), "{lo:?}");

    let (code, log, _) = run(&w, &["log"]);
    assert_eq!(code, 0);
    assert!(log.contains("Danh sách gửi tin"), "{log}");
}

#[test]
fn deletions_and_opt_outs_are_remembered_without_the_requests_book() {
    let w = Workdir::workspace();
    let inputs = people(&w);
    privacy_requests(&w);
    clean(&w, &inputs);
    // The office clears the requests book; the mailing must still honour both.
    std::fs::remove_file(w.path("yeu-cau.xlsx")).unwrap();
    mailing(&w, &inputs, &[]);
    assert_not_listed(&w);
}

// ------------------------------------------------------------------------------------------
// 2. formula injection

const EVIL: &str = r#"=HYPERLINK("http://x","y")"#;

fn evil_ledger(w: &Workdir) {
    csv(
        w,
        "evil.csv",
        &[
            r#""=HYPERLINK(""http://x"",""y"")",0911222333,evil@x.com,1 Lê Lợi Huế,,01/05/2025"#,
            "Lê Văn Tâm,0933444555,tam.le@gmail.com,9 Lý Thái Tổ Hà Nội,,01/05/2025",
        ],
    );
}

#[test]
fn formula_text_never_runs_as_a_formula() {
    use calamine::{open_workbook_auto, Data, Reader};
    let w = Workdir::workspace();
    evil_ledger(&w);
    mailing(&w, &["evil.csv"], &[]);

    // xlsx: the name is a plain string cell, and no sheet holds a formula.
    let mut wb = open_workbook_auto(w.path(XLSX)).unwrap();
    let range = wb.worksheet_range("Danh sách").unwrap();
    let row = range
        .rows()
        .find(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s == "evil@x.com"))
        })
        .expect("the customer is listed");
    assert!(
        matches!(&row[2], Data::String(s) if !s.is_empty()),
        "{row:?}"
    );
    for name in wb.sheet_names() {
        let f = wb.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, s)| s.is_empty()),
            "formula in {name}"
        );
    }
    let bytes = std::fs::read(w.path(XLSX)).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..z.len() {
        let mut part = z.by_index(i).unwrap();
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "{name}: {xml}"
            );
        }
    }

    // CSV: no cell starts a formula unless quoted with a leading apostrophe.
    let list = list_csv(&w);
    for r in &list {
        for v in r.values() {
            assert!(
                !v.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{v:?} would run in Excel: {r:?}"
            );
        }
    }
    let evil = find(&list, "Email", "evil@x.com").expect("listed in the CSV");
    let name = &evil["Tên"];
    assert!(
        name.starts_with("'=") || !name.contains('='),
        "neutralised: {name:?}"
    );
}

#[test]
fn formula_like_name_is_listed_verbatim_as_text() {
    let w = Workdir::workspace();
    evil_ledger(&w);
    mailing(&w, &["evil.csv"], &[]);
    let xlsx = list_xlsx(&w);
    assert_eq!(find(&xlsx, "Email", "evil@x.com").unwrap()["Tên"], EVIL);
    let csv_rows = list_csv(&w);
    assert_eq!(
        find(&csv_rows, "Email", "evil@x.com").unwrap()["Tên"],
        format!("'{EVIL}")
    );
}

// ------------------------------------------------------------------------------------------
// 3. BOM, Vietnamese text and greetings

#[test]
fn csv_has_bom_and_vietnamese_greetings() {
    use unicode_normalization::UnicodeNormalization;
    let w = Workdir::workspace();
    let inputs = people(&w);
    mailing(&w, &inputs, &[]);
    let list = list_csv(&w); // asserts the BOM and strict UTF-8
    let greet = |email: &str| {
        find(&list, "Email", email).unwrap_or_else(|| panic!("{email} in {list:#?}"))["Lời chào"]
            .clone()
    };
    assert_eq!(greet("khoa.tran@gmail.com"), "Anh Khoa");
    assert_eq!(greet("tam.le@gmail.com"), "Anh Tâm");
    assert_eq!(greet("mai.ngo@gmail.com"), "Chị Mai");
    assert_eq!(greet("lan.do@gmail.com"), "Chị Lan");
    assert_eq!(greet("hung.nv@gmail.com"), "Anh Hùng");
    assert_eq!(greet("bich.tt@yahoo.com"), "Chị Bích");
    let org = greet("info@hoaphat.vn");
    assert!(org.starts_with("Quý công ty "), "{org}");
    assert!(org.contains("Hòa Phát"), "{org}");

    // NFD input comes out composed (NFC), as Excel needs to show it in one piece.
    let mai = find(&list, "Email", "mai.ngo@gmail.com").unwrap();
    assert_eq!(mai["Tên"], "Ngô Thị Mai");
    for r in &list {
        for v in r.values() {
            assert_eq!(v.nfc().collect::<String>(), *v, "NFC: {v:?}");
        }
    }
    // The xlsx says the same.
    let xlsx = list_xlsx(&w);
    assert_eq!(
        find(&xlsx, "Email", "khoa.tran@gmail.com").unwrap()["Lời chào"],
        "Anh Khoa"
    );
    assert_eq!(xlsx.len(), list.len());
}

#[test]
fn organisation_greeting_does_not_repeat_the_legal_form() {
    let w = Workdir::workspace();
    let inputs = people(&w);
    mailing(&w, &inputs, &[]);
    let list = list_csv(&w);
    let org = &find(&list, "Email", "info@hoaphat.vn").unwrap()["Lời chào"];
    assert!(!org.to_lowercase().contains("công ty công ty"), "{org}");
}

// ------------------------------------------------------------------------------------------
// 4. channels and the people left out

#[test]
fn phone_channel_needs_a_mobile_and_left_out_are_counted() {
    let w = Workdir::workspace();
    let inputs = people(&w);
    mailing(&w, &inputs, &["--channel", "phone"]);
    let list = list_xlsx(&w);
    let phones: Vec<&str> = list.iter().map(|r| r["Điện thoại"].as_str()).collect();
    for p in &phones {
        assert!(
            p.len() == 10 && p.starts_with('0'),
            "mobile: {p:?} in {list:#?}"
        );
    }
    for gone in ["lan.do@gmail.com", "info@hoaphat.vn"] {
        assert!(find(&list, "Email", gone).is_none(), "{gone} in {list:#?}");
    }
    assert!(!list.iter().any(|r| r["Tên"].contains("Nam")), "{list:#?}");
    // Khoa is one customer, listed once.
    assert_eq!(phones.iter().filter(|p| **p == "0903111222").count(), 1);
    assert_eq!(list.len(), 5, "Hùng, Bích, Khoa, Tâm, Mai: {list:#?}");
    assert_eq!(list_csv(&w).len(), 5);

    let lo = left_out(&w);
    assert_eq!(lo.get("Không có số di động hợp lệ"), Some(&3), "{lo:?}");
    assert_eq!(
        lo.get("Khách có nhiều dòng trùng (gộp, chỉ một dòng trong danh sách)"),
        Some(&1),
        "{lo:?}"
    );
    assert_eq!(
        lo.get("Ngưỡng lâu không giao dịch (tháng, flag_after_months trong sokhach.toml)"),
        Some(&36),
        "the threshold used is stated: {lo:?}"
    );
    assert_eq!(lo.len(), 3, "{lo:?}");

    // By email, only Nam (landline, no email) is left out.
    mailing(&w, &inputs, &["--channel", "email"]);
    let lo = left_out(&w);
    assert_eq!(lo.get("Không có email hợp lệ"), Some(&1), "{lo:?}");
    assert_eq!(list_xlsx(&w).len(), 7);

    // Both: anyone reachable one way or the other.
    mailing(&w, &inputs, &["--channel", "both"]);
    let lo = left_out(&w);
    assert_eq!(
        lo.get("Không có email hay di động hợp lệ"),
        Some(&1),
        "{lo:?}"
    );
    assert_eq!(list_xlsx(&w).len(), 7);
}

/// A «Nhận quảng cáo lại» lifts a web export's older «no»; a «no» dated after it holds.
#[test]
fn a_request_for_news_again_lifts_only_an_older_no() {
    let w = Workdir::workspace();
    w.write(
        "web.csv",
        "name,phone,email,address,created_at,marketing_consent\n\
         Phạm Văn Đức,0912000111,duc.pham@gmail.com,12 Lê Lợi Huế,2025-03-01,false\n\
         Lê Thị Hoa,0912000222,hoa.le@gmail.com,3 Trần Phú Huế,2025-05-20,false\n",
    );
    requests(
        &w,
        &[
            &[
                (0, "10/04/2025"),
                (1, "Nhận quảng cáo lại"),
                (3, "0912000111"),
            ],
            &[
                (0, "10/04/2025"),
                (1, "Nhận quảng cáo lại"),
                (3, "0912000222"),
            ],
        ],
    );
    clean(&w, &["web.csv"]);
    mailing(&w, &["web.csv"], &[]);
    let list = list_csv(&w);
    assert!(
        find(&list, "Email", "duc.pham@gmail.com").is_some(),
        "{list:#?}"
    );
    assert!(
        find(&list, "Email", "hoa.le@gmail.com").is_none(),
        "{list:#?}"
    );
}

/// A web shop's export says consent in its own words (`marketing_consent`, true/false/1/0):
/// whoever said no is never listed, whoever said yes or nothing is.
#[test]
fn a_web_exports_consent_column_is_honoured() {
    let w = Workdir::workspace();
    w.write(
        "web.csv",
        "name,phone,email,address,created_at,marketing_consent\n\
         Phạm Văn Đức,0912000111,duc.pham@gmail.com,12 Lê Lợi Huế,2025-03-01T10:00:00+07:00,false\n\
         Lê Thị Hoa,0912000222,hoa.le@gmail.com,3 Trần Phú Huế,2025-03-02 11:00:00,0\n\
         Ngô Minh Tuấn,0912000333,tuan.ngo@gmail.com,5 Hùng Vương Huế,2025-03-03,true\n\
         Đỗ Thu Hà,0912000444,ha.do@gmail.com,7 Bà Triệu Huế,2025-03-04,\n",
    );
    mailing(&w, &["web.csv"], &[]);
    listed_only(
        &list_csv(&w),
        &["tuan.ngo@gmail.com", "ha.do@gmail.com"],
        &["duc.pham@gmail.com", "hoa.le@gmail.com"],
    );
}

/// The list holds every email of `yes` and none of `no`.
fn listed_only(list: &[BTreeMap<String, String>], yes: &[&str], no: &[&str]) {
    for no in no {
        assert!(find(list, "Email", no).is_none(), "{no} in {list:#?}");
    }
    for yes in yes {
        assert!(
            find(list, "Email", yes).is_some(),
            "{yes} missing: {list:#?}"
        );
    }
}

/// The office's ledger marks who refuses marketing in a column of its own («Không nhận quảng
/// cáo»): a mark there is a «no», whatever it says («x», a date, a note); blank or «không» is
/// none. The column had been read as nothing, and the marked customers were listed.
#[test]
fn an_opt_out_column_of_the_ledger_is_honoured() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email,Không nhận quảng cáo\n\
         Phạm Văn Đức,0912000111,duc.pham@gmail.com,x\n\
         Lê Thị Hoa,0912000222,hoa.le@gmail.com,đã gọi báo ngừng 3/2024\n\
         Ngô Minh Tuấn,0912000333,tuan.ngo@gmail.com,không\n\
         Đỗ Thu Hà,0912000444,ha.do@gmail.com,\n",
    );
    mailing(&w, &["so.csv"], &[]);
    listed_only(
        &list_csv(&w),
        &["tuan.ngo@gmail.com", "ha.do@gmail.com"],
        &["duc.pham@gmail.com", "hoa.le@gmail.com"],
    );
}

/// A Google Form's responses ask about marketing in a question of their own («Bạn có đồng ý
/// nhận thông tin khuyến mãi?»): whoever answered «Không» is never listed. The question had
/// been read as nothing.
#[test]
fn a_forms_question_about_marketing_is_honoured() {
    let w = Workdir::workspace();
    w.write(
        "form.csv",
        "Dấu thời gian,Địa chỉ email,Họ và tên,Số điện thoại,Bạn có đồng ý nhận thông tin khuyến mãi?\n\
         2025/03/05 10:22:33 SA GMT+7,an@gmail.com,Nguyễn Văn An,0912345678,Có\n\
         2025/03/06 2:05:01 CH GMT+7,binh@gmail.com,Trần Bình,0983111222,Không\n",
    );
    mailing(&w, &["form.csv"], &[]);
    listed_only(&list_csv(&w), &["an@gmail.com"], &["binh@gmail.com"]);
}

/// One message to an address: a household's shared mailbox is listed once, under the first
/// customer giving it; an address whose domain looks mistyped would bounce and is left out.
/// Both are counted in «Bị loại» and named, with what to do, on «Cần xem trước khi gửi».
/// A head office and its branch in another city sharing «info@» stay two customers.
#[test]
fn a_shared_or_mistyped_address_is_not_sent_twice_or_in_vain() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ\n\
         Lê Văn An,0912000601,nhaan@gmail.com,\"12 Lê Lợi, Q1, TP HCM\"\n\
         Trần Thị Bình,0912000602,nhaan@gmail.com,\"12 Lê Lợi, Q1, TP HCM\"\n\
         Công ty TNHH Minh Phát,028 3822 2000,info@minhphat.vn,\"5 Nguyễn Huệ, Q1, TP HCM\"\n\
         Công ty TNHH Minh Phát - CN Hà Nội,024 3822 2000,info@minhphat.vn,\"7 Tràng Tiền, Hà Nội\"\n\
         Phạm Văn Cường,0912000603,cuong@gmial.com,Hà Nội\n",
    );
    mailing(&w, &["so.csv"], &[]);
    let list = list_xlsx(&w);
    let emails: Vec<&str> = list.iter().map(|r| r["Email"].as_str()).collect();
    assert_eq!(emails, ["nhaan@gmail.com", "info@minhphat.vn"]);
    let out = left_out(&w);
    assert_eq!(
        out["Cùng email/số với khách đã có trong danh sách (một tin cho mỗi địa chỉ)"],
        2
    );
    assert_eq!(out["Email có thể gõ sai tên miền (thư sẽ bị trả lại)"], 1);
    let look = sheet(&w.path(XLSX), "Cần xem trước khi gửi");
    assert_eq!(look.len(), 4, "{look:?}");
    assert!(
        look[1][4].contains("Cùng địa chỉ nhận với KH000001"),
        "{look:?}"
    );
    assert!(look[2][1].contains("Chi nhánh Hà Nội"), "{look:?}");
    assert!(look[3][4].contains("«cuong@gmail.com»"), "{look:?}");
}

/// Both ways, a customer whose email looks mistyped but who has a mobile is listed by the
/// mobile alone (the list's email cell is empty, the address would bounce) and named on «Cần
/// xem trước khi gửi»; without a mobile, left out. By phone, the list does not show it either.
#[test]
fn a_mistyped_email_is_not_listed_beside_a_mobile() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ\n\
         Phạm Văn Cường,0912000603,cuong@gmial.com,Hà Nội\n\
         Lê Thị Dung,,dung@yahooo.com,Hà Nội\n\
         Ngô Văn Em,0912000604,em@gmail.com,Hà Nội\n",
    );
    mailing(&w, &["so.csv"], &["--channel", "both"]);
    let list = list_xlsx(&w);
    let got: Vec<(&str, &str)> = list
        .iter()
        .map(|r| (r["Email"].as_str(), r["Điện thoại"].as_str()))
        .collect();
    assert_eq!(got, [("", "0912000603"), ("em@gmail.com", "0912000604")]);
    assert_eq!(
        left_out(&w)["Email có thể gõ sai tên miền (thư sẽ bị trả lại)"],
        1
    );
    let look = sheet(&w.path(XLSX), "Cần xem trước khi gửi");
    assert_eq!(look.len(), 3, "{look:?}");
    assert!(
        look[1][4].contains("«cuong@gmail.com»") && look[1][4].contains("chỉ ghi số di động"),
        "{look:?}"
    );
    assert!(look[2][4].contains("chưa có trong danh sách"), "{look:?}");
    mailing(&w, &["so.csv"], &["--channel", "phone"]);
    let emails: Vec<String> = list_xlsx(&w).iter().map(|r| r["Email"].clone()).collect();
    assert_eq!(emails, ["", "em@gmail.com"]);
}

/// What the office writes in «Ghi chú» reaches the list: a customer whose note refuses
/// marketing («không nhận tin quảng cáo», «đừng gọi nữa») is marked so; one whose note says
/// she asked for deletion, or that he has died, is sent nothing (with that reason) and named in
/// the report for a person; a name like «Dung» or «Huy» is no «đừng»/«hủy». A sheet the
/// clerk moved deleted customers to («Đã xóa») is not read: its rows are skipped with their
/// reason and no list reaches them. The next week, the book read back keeps all of it, and
/// only the deletion not yet in the request book is told again.
#[test]
fn notes_and_a_deleted_sheet_keep_the_list_from_who_must_not_get_it() {
    let w = Workdir::workspace();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    let rows = [
        ["Tên khách hàng", "Điện thoại", "Email", "Ghi chú"],
        [
            "Nguyễn Văn An",
            "0912000001",
            "an@gmail.com",
            "KH yêu cầu xóa thông tin",
        ],
        [
            "Trần Thị Bình",
            "0912000002",
            "binh@gmail.com",
            "không nhận tin quảng cáo",
        ],
        ["Lê Văn Cường", "0912000003", "cuong@gmail.com", "đã mất"],
        [
            "Phạm Thị Dung",
            "0912000004",
            "dung@gmail.com",
            "Đừng gọi nữa!",
        ],
        [
            "Hoàng Văn Em",
            "0912000005",
            "em@gmail.com",
            "Chị Dung gọi lại sau",
        ],
        [
            "Đỗ Văn Huy",
            "0912000007",
            "huy@gmail.com",
            "Anh Huy nhận tin qua Zalo",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let gone = wb.add_worksheet();
    gone.set_name("Đã xóa").unwrap();
    for (c, v) in ["Tên khách hàng", "Điện thoại", "Email"].iter().enumerate() {
        gone.write_string(0, c as u16, *v).unwrap();
    }
    for (c, v) in ["Vũ Thị Giang", "0912000006", "giang@gmail.com"]
        .iter()
        .enumerate()
    {
        gone.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(w.path("so.xlsx")).unwrap();
    mailing(&w, &["so.xlsx"], &["--channel", "both"]);
    let emails: Vec<String> = list_xlsx(&w).iter().map(|r| r["Email"].clone()).collect();
    assert_eq!(emails, ["em@gmail.com", "huy@gmail.com"]);
    let out = left_out(&w);
    assert_eq!(out["Đã từ chối nhận quảng cáo"], 2, "{out:?}");
    assert_eq!(out["Ghi chú nói khách đã mất"], 1, "{out:?}");
    assert_eq!(
        out["Ghi chú nói khách yêu cầu xóa dữ liệu (ghi vào sổ yêu cầu)"], 1,
        "{out:?}"
    );
    let lineage = std::fs::read_to_string(w.path("out/lineage.csv")).unwrap();
    let giang = lineage
        .lines()
        .find(|l| l.contains("Đã xóa"))
        .expect("the deleted sheet's row");
    assert!(
        giang.contains("skipped") && giang.contains("khách đã xóa"),
        "{giang}"
    );
    let report = w.path("out/bao-cao-thay-doi.xlsx");
    let check: Vec<String> = sheet(&report, "Cần kiểm tra")
        .iter()
        .map(|r| r.join(" | "))
        .collect();
    assert_eq!(
        check
            .iter()
            .filter(|r| r.contains("Ghi chú nói khách"))
            .count(),
        2,
        "{check:?}"
    );
    let changes = sheet(&report, "Thay đổi");
    assert_eq!(
        changes
            .iter()
            .filter(|r| r.iter().any(|c| c.contains("không nhận quảng cáo")))
            .count(),
        2,
        "{changes:?}"
    );
    // The next week: the cleaned book adopted.
    let clean_week = |book: &str, out: &str| {
        let (code, _, err) = run(&w, &["clean", "-q", "--as-of", AS_OF, book, "--out", out]);
        assert_eq!(code, 0, "{err}");
    };
    std::fs::copy(w.path("out/khach-hang.xlsx"), w.path("so-2.xlsx")).unwrap();
    clean_week("so-2.xlsx", "out2");
    let report = w.path("out2/bao-cao-thay-doi.xlsx");
    let told: Vec<String> = [sheet(&report, "Cần kiểm tra"), sheet(&report, "Thay đổi")]
        .concat()
        .iter()
        .map(|r| r.join(" | "))
        .filter(|r| r.contains("Ghi chú nói khách"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("yêu cầu xóa"), "{told:?}");
    // The office records the deletion, typed as a clerk types it: the customer goes, and
    // what his note said is no longer told (nor any of it shown).
    requests(
        &w,
        &[&[(0, "01/06/2025"), (1, "Xóa thông tin"), (3, "0912000001")]],
    );
    clean_week("out2/khach-hang.xlsx", "out3");
    let changes = std::fs::read_to_string(w.path("out3/thay-doi.csv")).unwrap();
    assert!(!changes.contains("yêu cầu xóa dữ liệu"), "{changes}");
    let lineage = std::fs::read_to_string(w.path("out3/lineage.csv")).unwrap();
    assert!(
        lineage.lines().any(|l| l.contains(",deleted,")),
        "{lineage}"
    );
}

/// A business the tax portal calls closed («ngừng hoạt động» after its name, «Đã giải thể» in
/// the notes) is sent nothing, with that reason; a shop open till 5 is listed. A company is
/// «Quý công ty …», a cooperative «Quý hợp tác xã …», a shop or a school by its whole name
/// (no «Quý công ty Cửa hàng …»).
#[test]
fn a_closed_business_is_not_listed_and_each_organisation_is_addressed_as_what_it_is() {
    let w = Workdir::workspace();
    w.write(
        "so.csv",
        [
            "Tên khách hàng,Điện thoại,Email,Ghi chú",
            "Công ty CP Sông Hồng (ngừng hoạt động),0912000011,songhong@gmail.com,",
            "Cty TNHH Minh Phát,0912000012,minhphat@gmail.com,Đã giải thể",
            "Cửa hàng Tạp hóa Lan,0912000013,taphoalan@gmail.com,đóng cửa lúc 5h",
            "HTX Nông nghiệp Tân Phú,0912000014,htxtanphu@gmail.com,",
            "Trường Mầm non Hoa Sen,0912000015,mnhoasen@gmail.com,",
            "Công ty TNHH Thép Việt,0912000016,thepviet@gmail.com,",
        ]
        .join("\n"),
    );
    mailing(&w, &["so.csv"], &[]);
    let list = list_xlsx(&w);
    let greet = |email: &str| {
        find(&list, "Email", email).unwrap_or_else(|| panic!("{email} in {list:#?}"))["Lời chào"]
            .clone()
    };
    assert!(find(&list, "Email", "songhong@gmail.com").is_none());
    assert!(find(&list, "Email", "minhphat@gmail.com").is_none());
    assert_eq!(greet("taphoalan@gmail.com"), "Cửa hàng Tạp hóa Lan");
    assert_eq!(
        greet("htxtanphu@gmail.com"),
        "Quý hợp tác xã Nông nghiệp Tân Phú"
    );
    assert_eq!(greet("mnhoasen@gmail.com"), "Trường Mầm non Hoa Sen");
    assert_eq!(greet("thepviet@gmail.com"), "Quý công ty Thép Việt");
    let out = left_out(&w);
    assert_eq!(
        out.get("Ghi chú nói doanh nghiệp đã giải thể / ngừng hoạt động"),
        Some(&2),
        "{out:?}"
    );
}
