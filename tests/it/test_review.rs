//! Review decisions made in Excel come back and are remembered; the accountant's totals
//! reconcile to the đồng.

use crate::common::{read_lineage, sheet, testdata, Workdir};

fn run(w: &Workdir, args: &[&str]) -> (i32, String) {
    let out = w.cmd().args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Two rows that share only a landline and a name: a person has to decide.
/// Two rows a person must decide on: one short name (no middle name, so perhaps two people
/// of a household) on one landline. A whole name would be one person (the home-line rule).
const PAIR: &str = "Họ tên,Điện thoại,Địa chỉ\nTrần Tùng,024 3825 1234,5 Hàng Bài Hoàn Kiếm Hà Nội\nTrần Tùng,024 3825 1234,\nLê Văn Bình,0912345678,\n";

/// Three such pairs.
const PAIRS: &str = "Họ tên,Điện thoại,Địa chỉ\nTrần Tùng,024 3825 1234,5 Hàng Bài Hoàn Kiếm Hà Nội\nTrần Tùng,024 3825 1234,\nLê Bình,028 3822 5555,12 Lê Lợi Q1 HCM\nLê Bình,028 3822 5555,\nPhạm Hà,0236 382 7777,9 Bạch Đằng Hải Châu Đà Nẵng\nPhạm Hà,0236 382 7777,\n";

/// A decisions workbook as a clerk would fill it: a header row and one decision row.
fn decisions_book(w: &Workdir, name: &str, sheet: &str, rows: [[&str; 3]; 2]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(w.path(name)).unwrap();
}

/// A review sheet with no pair: the header, then at most the "Không có" line.
fn no_pairs(review: &[Vec<String>]) -> bool {
    review
        .iter()
        .skip(1)
        .all(|r| r.iter().all(|c| c.is_empty() || c == "Không có"))
}

/// The decision keys ("Khóa A", "Khóa B") of the review sheet's first pair.
fn first_pair_keys(review: &[Vec<String>]) -> (String, String) {
    let col = |h: &str| {
        review[0]
            .iter()
            .position(|c| c == h)
            .unwrap_or_else(|| panic!("{h}"))
    };
    (
        review[1][col("Khóa A")].clone(),
        review[1][col("Khóa B")].clone(),
    )
}

/// The clerk's «Gộp» on the review sheet's first pair, in a workbook of their own (`book`).
fn merge_first_pair(w: &Workdir, review: &[Vec<String>], book: &str) {
    let (ka, kb) = first_pair_keys(review);
    decisions_book(
        w,
        book,
        "Cần xem xét trùng",
        [["Quyết định", "Khóa A", "Khóa B"], ["Gộp", &ka, &kb]],
    );
}

fn ids(w: &Workdir) -> Vec<String> {
    read_lineage(&w.path("out/lineage.csv"))
        .into_iter()
        .skip(1)
        .map(|r| r[3].clone())
        .collect()
}

#[test]
fn a_merge_decision_from_excel_is_applied_and_remembered() {
    let w = Workdir::workspace();
    w.write("a.csv", PAIR);
    let (code, err) = run(&w, &["clean", "-q", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let first = ids(&w);
    assert_ne!(
        first[0], first[1],
        "the pair must not be merged without a decision"
    );
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert_eq!(review.len(), 2, "one pair to review: {review:?}");
    merge_first_pair(&w, &review, "quyet-dinh.xlsx");

    let (code, err) = run(
        &w,
        &[
            "clean",
            "-q",
            "a.csv",
            "--out",
            "out",
            "--decisions",
            "quyet-dinh.xlsx",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let second = ids(&w);
    assert_eq!(second[0], second[1], "the decision merges the pair");
    assert_ne!(second[0], second[2]);

    // Next week, no decisions file: the pair stays merged and is not asked again.
    std::fs::remove_file(w.path("quyet-dinh.xlsx")).unwrap();
    let (code, err) = run(&w, &["clean", "-q", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let third = ids(&w);
    assert_eq!(third[0], third[1]);
    assert_eq!(third, second, "ids are stable");
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert!(no_pairs(&review), "nothing asked twice: {review:?}");
}

#[test]
fn a_keep_apart_decision_is_remembered() {
    let w = Workdir::workspace();
    w.write("a.csv", PAIR);
    assert_eq!(run(&w, &["clean", "-q", "a.csv", "--out", "out"]).0, 0);
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    let (ka, kb) = first_pair_keys(&review);
    // In English this time: both languages' headers are understood.
    decisions_book(
        &w,
        "d.xlsx",
        "Possible duplicates",
        [["Decision", "Key A", "Key B"], ["Keep apart", &ka, &kb]],
    );
    assert_eq!(
        run(
            &w,
            &[
                "clean",
                "-q",
                "a.csv",
                "--out",
                "out",
                "--decisions",
                "d.xlsx"
            ]
        )
        .0,
        0
    );
    assert_ne!(ids(&w)[0], ids(&w)[1]);
    assert_eq!(run(&w, &["clean", "-q", "a.csv", "--out", "out"]).0, 0);
    assert_ne!(ids(&w)[0], ids(&w)[1]);
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert!(
        no_pairs(&review),
        "a decided pair is not asked again: {review:?}"
    );
}

#[test]
fn accountant_totals_equal_the_input_amounts_to_the_dong() {
    let w = Workdir::workspace();
    let bytes = std::fs::read(testdata("ban-hang-1258.csv")).unwrap();
    w.write("ban-hang.csv", &bytes);
    let (code, err) = run(&w, &["clean", "-q", "ban-hang.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    // The input's amounts, summed here independently (column 7, "1.234.567" form).
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(&bytes);
    let mut expected: i64 = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(';').collect();
        // Data rows have a row number; the "Tổng cộng" line at the foot does not.
        if f.len() < 7 || f[0].trim().parse::<u32>().is_err() {
            continue;
        }
        expected += f[6].replace('.', "").trim().parse::<i64>().unwrap_or(0);
    }
    assert!(expected > 0);
    let rev = sheet(&w.path("out/ke-toan.xlsx"), "Doanh thu theo khách");
    let total = rev.iter().find(|r| r[0] == "TỔNG").expect("total row");
    assert_eq!(total[4].parse::<f64>().unwrap() as i64, expected, "{rev:?}");
    let check = rev
        .iter()
        .find(|r| r[0] == "Tổng đầu vào")
        .expect("check row");
    assert!(check[1].starts_with("Khớp"), "{check:?}");
}

/// "Gộp" on every pair settles in one pass: the next run, in a new output folder, asks
/// nothing again and counts the decisions applied (before, a decision pulled an invoice row
/// out of its customer and the pair came back twice). The bundled example has no pair left
/// to ask since the gender and home-line rules, so the pairs are written here.
#[test]
fn decisions_settle_in_one_pass() {
    let w = Workdir::workspace();
    w.write("b.csv", PAIRS);
    let ex = "b.csv";
    let (code, err) = run(&w, &["clean", "-q", ex, "--out", "w1"]);
    assert_eq!(code, 0, "{err}");
    let review = sheet(&w.path("w1/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert_eq!(review.len(), 4, "three pairs to review: {review:?}");
    let col = |h: &str| review[0].iter().position(|c| c == h).expect(h);
    let (a, b) = (col("Khóa A"), col("Khóa B"));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Cần xem xét trùng").unwrap();
    for (c, h) in ["Quyết định", "Khóa A", "Khóa B"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in review.iter().skip(1).enumerate() {
        for (c, v) in ["Gộp", &row[a], &row[b]].iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(w.path("quyet-dinh.xlsx")).unwrap();
    let (code, err) = run(
        &w,
        &["clean", ex, "--out", "w2", "--decisions", "quyet-dinh.xlsx"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{} gộp", review.len() - 1)),
        "the decisions applied are counted: {err}"
    );
    let again = sheet(&w.path("w2/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert!(no_pairs(&again), "nothing asked again: {again:?}");
    let (code, log) = {
        let out = w.cmd().args(["log"]).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(code, 0);
    assert!(
        log.contains("Quyết định trùng") && log.contains("3 gộp"),
        "the audit log records them: {log}"
    );
    // A file that is not a change report is refused, not ignored.
    let (code, err) = run(&w, &["clean", ex, "--out", "w3", "--decisions", "a.xlsx"]);
    assert_eq!(code, 2, "{err}");
    decisions_book(
        &w,
        "other.xlsx",
        "Trang 1",
        [["x", "y", "z"], ["1", "2", "3"]],
    );
    let (code, err) = run(
        &w,
        &["clean", ex, "--out", "w3", "--decisions", "other.xlsx"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("không phải báo cáo thay đổi"), "{err}");
}

/// A branch's invoice, its branch written short («Chi nhánh QN»), goes to the branch by its
/// tax code: it is that customer's, so the pair of the two rows asks nothing and is not on the
/// review sheet.
#[test]
fn an_invoice_attributed_by_its_tax_code_is_not_also_asked_about() {
    let w = Workdir::new();
    w.write(
        "khach.csv",
        "Họ tên,Điện thoại,Email,Địa chỉ,Mã số thuế,Ngày mua\n\
         CHI NHÁNH QUẢNG NINH - DOANH NGHIỆP TN SƠN HƯNG TRƯỜNG,\"0203 382 8210, 0358726926\",\
         cnquangninh@sonhungtruong.com,\"20 Trần Hưng Đạo, Tp. Cẩm Phả, Quảng Ninh\",3792589834-001,2024-07-06\n",
    );
    w.write(
        "bang-ke.csv",
        "STT;Ký hiệu hóa đơn;Số hóa đơn;Ngày hóa đơn;Tên người mua;Mã số thuế người mua;\
         Doanh thu chưa có thuế;Thuế GTGT\n\
         1;1C26TAA;2465;08/02/2026;Chi nhánh QN - Doanh nghiệp tư nhân Sơn Hưng Trường;\
         3792589834-001;229.547.000;18.363.760\n",
    );
    let (code, err) = run(
        &w,
        &["clean", "-q", "khach.csv", "bang-ke.csv", "--out", "out"],
    );
    assert_eq!(code, 0, "{err}");
    let mut ids = ids(&w);
    ids.dedup();
    assert_eq!(ids.len(), 1, "one customer: {ids:?}");
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert!(no_pairs(&review), "{review:?}");
}

/// Without a workspace the clerk's «Gộp» on the report is applied the next run (the report's
/// keys name the same rows: such runs share one key), and a decision naming rows no input of
/// the run holds is said to be ignored, not counted as applied.
#[test]
fn without_a_workspace_a_decision_is_applied_and_one_on_other_rows_is_said_ignored() {
    let w = Workdir::new();
    w.write("a.csv", PAIR);
    let (code, err) = run(&w, &["clean", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    merge_first_pair(&w, &review, "quyet-dinh.xlsx");
    let args = [
        "clean",
        "a.csv",
        "--out",
        "out",
        "--decisions",
        "quyet-dinh.xlsx",
    ];
    let (code, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Đã áp dụng quyết định: 1 gộp"), "{err}");
    let merged = ids(&w);
    assert_eq!(merged[0], merged[1], "the decision merges the pair");

    // The same decisions beside another ledger: no row of theirs is read.
    w.write("b.csv", "Họ tên,Điện thoại\nPhạm Văn Đồng,0912345678\n");
    let args = [
        "clean",
        "b.csv",
        "--out",
        "out",
        "--decisions",
        "quyet-dinh.xlsx",
    ];
    let (code, err) = run(&w, &args);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("Đã áp dụng quyết định"), "{err}");
    assert!(
        err.contains("1 quyết định nói về dòng không có trong lần chạy này: bỏ qua"),
        "{err}"
    );
}

/// A row with nothing but a name, beside the one customer who has it: asked about with the
/// reason said, never merged by itself; «Gộp» joins them, and nothing is asked again.
#[test]
fn a_name_alone_is_asked_about_and_joined_on_a_decision() {
    let w = Workdir::workspace();
    w.write(
        "c.csv",
        "Họ tên,Điện thoại,Địa chỉ\nPhan Thế Quyết,0912 345 678,12 Lê Lợi Q1 HCM\nLê Văn Bình,0987 654 321,\nPhan Thế Quyết,,\n",
    );
    let (code, err) = run(&w, &["clean", "-q", "c.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let first = ids(&w);
    assert_ne!(first[0], first[2], "a name alone merges nothing");
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert_eq!(review.len(), 2, "one pair to review: {review:?}");
    let why = review[0].iter().position(|c| c == "Bằng chứng").unwrap();
    assert!(
        review[1][why].contains("một dòng chỉ có tên"),
        "{:?}",
        review[1]
    );
    merge_first_pair(&w, &review, "d.xlsx");
    let args = [
        "clean",
        "-q",
        "c.csv",
        "--out",
        "out",
        "--decisions",
        "d.xlsx",
    ];
    assert_eq!(run(&w, &args).0, 0);
    let second = ids(&w);
    assert_eq!(second[0], second[2], "the decision joins them");
    std::fs::remove_file(w.path("d.xlsx")).unwrap();
    assert_eq!(run(&w, &["clean", "-q", "c.csv", "--out", "out"]).0, 0);
    assert_eq!(ids(&w), second);
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    assert!(no_pairs(&review), "nothing asked twice: {review:?}");
}

/// The Decision column as a clerk fills it: «trùng» is a merge; «hỏi lại chị Lan» is neither,
/// and the run says so with the cell and its row rather than leave the pair silently undecided.
#[test]
fn a_decision_typed_in_other_words_is_read_or_named() {
    let w = Workdir::new();
    w.write("a.csv", PAIR);
    let (code, err) = run(&w, &["clean", "a.csv", "--out", "out"]);
    assert_eq!(code, 0, "{err}");
    let review = sheet(&w.path("out/bao-cao-thay-doi.xlsx"), "Cần xem xét trùng");
    let (ka, kb) = first_pair_keys(&review);
    for (typed, applied) in [("hỏi lại chị Lan", false), ("trùng", true)] {
        decisions_book(
            &w,
            "quyet-dinh.xlsx",
            "Cần xem xét trùng",
            [["Quyết định", "Khóa A", "Khóa B"], [typed, &ka, &kb]],
        );
        let args = [
            "clean",
            "a.csv",
            "--out",
            "out",
            "--decisions",
            "quyet-dinh.xlsx",
        ];
        let (code, err) = run(&w, &args);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            err.contains("Đã áp dụng quyết định: 1 gộp"),
            applied,
            "{typed}: {err}"
        );
        assert_eq!(
            err.contains("1 ô Quyết định không đọc được") && err.contains("«hỏi lại chị Lan» (2)"),
            !applied,
            "{typed}: {err}"
        );
    }
}
