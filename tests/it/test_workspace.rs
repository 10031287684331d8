//! The workspace's promises one at a time: a dry run touches no state, a shared identifier
//! (a household's landline) does not suppress the other customers who hold it, an access request is done when its copy
//! is written, and `--redact` writes copies of the inputs without a deleted person's rows.

use crate::common::{read_lineage, read_xlsx, Workdir};

const HEADER: &str = "Họ tên,Điện thoại,Email,Địa chỉ,MST,Ngày giao dịch cuối";

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

fn run(w: &Workdir, args: &[&str]) -> (i32, String) {
    let out = w.cmd().args(args).output().expect("run sokhach");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn clean(w: &Workdir, extra: &[&str]) -> String {
    let mut args = vec!["clean", "a.csv", "--as-of", "2026-12-01", "--out", "out"];
    args.extend_from_slice(extra);
    let (code, err) = run(w, &args);
    assert_eq!(code, 0, "{err}");
    err
}

/// Every row of every table of the state, read without writing: SQLite may move a run's
/// write-ahead log into the database file when a later run closes it, which changes the file's
/// bytes and nothing it holds.
fn state_rows(w: &Workdir) -> Vec<String> {
    let conn = rusqlite::Connection::open_with_flags(
        w.path(".sokhach/state.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(|r| format!("{t}: {}", r.unwrap()))
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

fn action(w: &Workdir, row: &str) -> (String, String) {
    let l = read_lineage(&w.path("out/lineage.csv"));
    let line = l
        .iter()
        .find(|l| l[0] == "a.csv" && l[2] == row)
        .unwrap_or_else(|| panic!("row {row}: {l:?}"));
    (line[4].clone(), line[5].clone())
}

const PEOPLE: &[&str] = &[
    // An and his wife Bích share the home landline, the address and a family email (a
    // household, two customers).
    "Nguyễn Văn An,0912345678 / 02838221234,an.nguyen@gmail.com; nha.an.bich@gmail.com,12 Lê Lợi Q1 HCM,,01/11/2026",
    "Phạm Thị Bích,0903555666 / 02838221234,bich.pham@gmail.com; nha.an.bich@gmail.com,12 Lê Lợi Q1 HCM,,01/11/2026",
    "Trần Thị Lan,0987654321,lan.tt@yahoo.com,5 Hai Bà Trưng Hà Nội,,01/10/2026",
];

#[test]
fn a_shared_landline_and_address_do_not_suppress_the_household() {
    let w = Workdir::workspace();
    csv(&w, "a.csv", PEOPLE);
    requests(&w, &[&[(0, "30/11/2026"), (1, "Xóa"), (3, "0912345678")]]);
    clean(&w, &[]);
    assert_eq!(action(&w, "2").0, "deleted");
    assert_eq!(action(&w, "3").0, "kept", "the wife stays");
    // Next week: requests tidied away; An's mobile turns up in a new row.
    requests(&w, &[]);
    let mut rows = PEOPLE.to_vec();
    rows.push("Nguyen Van An,0912 345 678,,,,25/11/2026");
    // The family email alone, on a new row of Bích's: it was not An's alone.
    rows.push("Pham Thi Bich,,nha.an.bich@gmail.com,,,28/11/2026");
    csv(&w, "a.csv", &rows);
    clean(&w, &[]);
    let (act, why) = action(&w, "5");
    assert_eq!(act, "suppressed", "{why}");
    assert!(why.contains("30/11/2026"), "the request is named: {why}");
    assert_eq!(action(&w, "2").0, "suppressed");
    let (act, why) = action(&w, "3");
    assert_eq!(
        act, "kept",
        "the company shares only the tax code and landline: {why}"
    );
}

#[test]
fn a_dry_run_leaves_the_state_as_it_was() {
    let w = Workdir::workspace();
    csv(&w, "a.csv", PEOPLE);
    let err = clean(&w, &["--dry-run"]);
    assert!(err.contains("--dry-run"), "{err}");
    assert!(
        !w.path(".sokhach").exists(),
        "no state created by a dry run"
    );
    clean(&w, &[]);
    let before = state_rows(&w);
    assert!(!before.is_empty());
    requests(&w, &[&[(0, "30/11/2026"), (1, "Xóa"), (3, "0987654321")]]);
    clean(&w, &["--dry-run"]);
    assert_eq!(
        action(&w, "4").0,
        "deleted",
        "the report shows the deletion"
    );
    assert_eq!(state_rows(&w), before, "the state is untouched");
    requests(&w, &[]);
    clean(&w, &[]);
    assert_eq!(action(&w, "4").0, "kept", "nothing was remembered");
}

#[test]
fn an_access_request_is_done_when_the_copy_is_written() {
    let w = Workdir::workspace();
    csv(&w, "a.csv", PEOPLE);
    requests(
        &w,
        &[&[(0, "30/11/2026"), (1, "Xem"), (4, "lan.tt@yahoo.com")]],
    );
    clean(&w, &[]);
    let status = |w: &Workdir| -> Vec<String> {
        let r = read_xlsx(&w.path("out/bao-cao-thay-doi.xlsx"));
        r.iter().find(|(n, _)| n == "Yêu cầu").unwrap().1[1].clone()
    };
    let first = status(&w);
    assert!(
        first.iter().any(|c| c.starts_with("Chờ xuất bản sao")),
        "{first:?}"
    );
    let lan = read_lineage(&w.path("out/lineage.csv"))
        .into_iter()
        .find(|l| l[2] == "4")
        .unwrap()[3]
        .clone();
    let (code, err) = run(&w, &["export-subject", &lan, "a.csv", "--out", "lan.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(w.path("lan.xlsx").exists());
    clean(&w, &[]);
    let after = status(&w);
    assert!(
        after.iter().any(|c| c.starts_with("Đã thực hiện")),
        "{after:?}"
    );
}

#[test]
fn redact_writes_copies_without_the_deleted_rows() {
    let w = Workdir::workspace();
    csv(&w, "a.csv", PEOPLE);
    requests(
        &w,
        &[&[(0, "30/11/2026"), (1, "Xóa"), (4, "lan.tt@yahoo.com")]],
    );
    let err = clean(&w, &["--redact"]);
    assert!(err.contains("ban-sao-da-xoa"), "{err}");
    let copy = std::fs::read_to_string(w.path("out/ban-sao-da-xoa/a.csv")).unwrap();
    let original = std::fs::read_to_string(w.path("a.csv")).unwrap();
    assert!(!copy.contains("Trần Thị Lan"), "{copy}");
    let expected: String = original
        .lines()
        .filter(|l| !l.contains("Trần Thị Lan"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(copy, expected, "every other byte kept");
    assert!(
        original.contains("Trần Thị Lan"),
        "the input is never modified"
    );
}

/// A deleted customer's invoice lines are accounting records the law keeps: `--redact` leaves
/// a listing of buyer, tax code and amounts as it is (no copy, nothing to erase, the revenue
/// whole next week), and in a listing with the buyer's address it blanks that cell and keeps
/// the line.
#[test]
fn redact_keeps_a_deleted_customers_invoice_lines() {
    let w = Workdir::workspace();
    csv(&w, "a.csv", PEOPLE);
    let listing = "STT;Số hóa đơn;Ngày hóa đơn;Tên người mua;MST người mua;Doanh thu chưa có thuế;Thuế GTGT\n\
                   1;0000020;16/11/2026;Trần Thị Lan;;3.500.000;280.000\n\
                   2;0000021;17/11/2026;Nguyễn Văn An;;1.000.000;80.000\n";
    w.write("hd.csv", listing);
    let with_address = "STT;Số hóa đơn;Ngày hóa đơn;Tên người mua;Địa chỉ người mua;Doanh thu chưa có thuế;Thuế GTGT\n\
                        1;0000030;18/11/2026;Trần Thị Lan;5 Hai Bà Trưng Hà Nội;2.000.000;160.000\n\
                        2;0000031;19/11/2026;Nguyễn Văn An;12 Lê Lợi Q1 HCM;1.000.000;80.000\n";
    w.write("hd2.csv", with_address);
    requests(
        &w,
        &[&[(0, "30/11/2026"), (1, "Xóa"), (4, "lan.tt@yahoo.com")]],
    );
    // A week's run of the three files; the actions of the listings' second lines (Lan's).
    let week = |as_of: &str, out: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec![
            "clean", "a.csv", "hd.csv", "hd2.csv", "--as-of", as_of, "--out", out,
        ];
        args.extend_from_slice(extra);
        let (code, err) = run(&w, &args);
        assert_eq!(code, 0, "{err}");
        let lineage = read_lineage(&w.path(&format!("{out}/lineage.csv")));
        ["hd.csv", "hd2.csv"]
            .iter()
            .map(|file| {
                let line = lineage
                    .iter()
                    .find(|l| l[0] == *file && l[2] == "2")
                    .expect("the deleted customer's invoice line");
                line[4].clone()
            })
            .collect()
    };
    assert_eq!(
        week("2026-12-01", "out", &["--redact"]),
        ["deleted", "deleted"]
    );
    assert!(w.path("out/ban-sao-da-xoa/a.csv").exists());
    assert!(
        !w.path("out/ban-sao-da-xoa/hd.csv").exists(),
        "nothing personal to take out of buyer, tax code and amounts"
    );
    let copy = std::fs::read_to_string(w.path("out/ban-sao-da-xoa/hd2.csv")).unwrap();
    let want = with_address.replace("Trần Thị Lan;5 Hai Bà Trưng Hà Nội;", "Trần Thị Lan;;");
    assert_eq!(
        copy, want,
        "the line kept, its address blanked, every other byte as it was"
    );
    let report = read_xlsx(&w.path("out/bao-cao-thay-doi.xlsx"));
    let erase = &report
        .iter()
        .find(|(n, _)| n == "Cần xóa khỏi tệp")
        .expect("sheet")
        .1;
    assert!(
        erase.iter().all(|r| !r.iter().any(|c| c == "hd.csv")),
        "no line of the listing to erase: {erase:?}"
    );
    assert!(erase.iter().any(|r| r.iter().any(|c| c == "hd2.csv")));
    // Next week, the copies in place of the originals: the invoices are all there.
    std::fs::copy(w.path("out/ban-sao-da-xoa/a.csv"), w.path("a.csv")).unwrap();
    std::fs::copy(w.path("out/ban-sao-da-xoa/hd2.csv"), w.path("hd2.csv")).unwrap();
    for action in week("2026-12-08", "out2", &[]) {
        assert_ne!(action, "skipped", "still read");
        assert_ne!(action, "kept", "not a customer again");
    }
}
