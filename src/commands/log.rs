//! `sokhach log`: the workspace's audit log — every run with its inputs' hashes and counts,
//! every request carried out, every deletion (masked), every export and disclosure — as a
//! table a person reads (seq, time, event, what happened), and with `--out` as a workbook.

use crate::cli::{Global, LogArgs};
use crate::error::ExitCode;
use crate::i18n::{pick, Lang, L};
use anyhow::Result;
use serde_json::Value;
use std::io::Write as _;

pub fn run(a: &LogArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    let session = crate::workspace::Session::existing(g.workspace.as_deref(), lang)?;
    let lines: Vec<Line> = session
        .store
        .audit()?
        .into_iter()
        .map(|(seq, at, kind, detail)| Line::of(seq, at, &kind, &detail, lang))
        .collect();
    if let Some(out) = &a.out {
        write_xlsx(out, &lines, lang)?;
        if !g.quiet {
            eprintln!("{}: {}", L("Đã ghi", "Written").t(lang), out.display());
        }
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(table(&lines, lang).as_bytes()) {
        // `sokhach log | head` closes the pipe early: not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(ExitCode::Ok)
}

const HEADERS: [L; 4] = [
    L("STT", "Seq"),
    L("Thời gian", "Time"),
    L("Sự kiện", "Event"),
    L("Nội dung", "What happened"),
];

/// One audit record, said plainly.
#[derive(Debug, PartialEq)]
struct Line {
    seq: i64,
    at: String,
    event: String,
    what: String,
}

impl Line {
    fn of(seq: i64, at: String, kind: &str, detail: &str, lang: Lang) -> Line {
        // Details are JSON; a record that is not (or an unknown kind) is shown as stored.
        let v: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
        let (event, what) = match describe(kind, &v, lang) {
            Some(x) => x,
            None => (kind.to_string(), detail.to_string()),
        };
        Line {
            seq,
            at,
            event,
            what,
        }
    }
}

/// A mailing's channel as the log stores it ("Email", "Phone", "Both") in the reader's language.
fn channel_label(stored: &str, lang: Lang) -> &str {
    match stored.to_ascii_lowercase().as_str() {
        "email" => "Email",
        "phone" => L("Điện thoại", "Phone").t(lang),
        "both" => L("Email và điện thoại", "Email and phone").t(lang),
        _ => stored,
    }
}

/// The event's name and a one-line description, or None for a kind (or a detail) this
/// version does not know.
fn describe(kind: &str, v: &Value, lang: Lang) -> Option<(String, String)> {
    let n = |path: &str| v.pointer(path).and_then(Value::as_u64);
    let s = |path: &str| v.pointer(path).and_then(Value::as_str).unwrap_or("");
    let id = s("/customer_id");
    let ids = || -> String {
        v.get("ids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let event = |l: L| l.t(lang).to_string();
    Some(match kind {
        "clean" => (event(L("Chạy clean", "Clean run")), describe_clean(v, lang)),
        "deleted" => (
            event(L("Xóa theo yêu cầu", "Deleted on request")),
            rows_of(id, n("/rows"), lang),
        ),
        "expired" => (
            event(L(
                "Bỏ khỏi sổ (lâu không giao dịch)",
                "Out of the book (inactive)",
            )),
            rows_of(id, n("/rows"), lang),
        ),
        "returned" => (
            event(L("Khách quay lại", "Customer returned")),
            id.to_string(),
        ),
        "decisions" => (
            event(L("Quyết định trùng", "Duplicate decisions")),
            pick(
                lang,
                format!(
                    "{} gộp, {} không gộp",
                    n("/merge").unwrap_or(0),
                    n("/keep_apart").unwrap_or(0)
                ),
                format!(
                    "{} merged, {} kept apart",
                    n("/merge").unwrap_or(0),
                    n("/keep_apart").unwrap_or(0)
                ),
            ),
        ),
        "invoice_decisions" => (
            event(L(
                "Quyết định người mua HĐ của kế toán",
                "Accountant's invoice-buyer decisions",
            )),
            invoice_decisions(|p| n(p).unwrap_or(0), lang),
        ),
        "mailing" => (
            event(L("Danh sách gửi tin", "Mailing list")),
            pick(
                lang,
                format!(
                    "{}: {} khách, {} bị loại",
                    channel_label(s("/channel"), lang),
                    n("/listed").unwrap_or(0),
                    n("/left_out").unwrap_or(0)
                ),
                format!(
                    "{}: {} customers, {} left out",
                    channel_label(s("/channel"), lang),
                    n("/listed").unwrap_or(0),
                    n("/left_out").unwrap_or(0)
                ),
            ),
        ),
        "export-subject" => (
            event(L(
                "Xuất dữ liệu cho khách",
                "Data exported for the customer",
            )),
            format!("{} → {}", ids(), s("/file")),
        ),
        "disclose" => (
            event(L(
                "Cung cấp cho cơ quan nhà nước",
                "Disclosed to an authority",
            )),
            pick(
                lang,
                format!(
                    "{} → {} (quyết định: {})",
                    ids(),
                    s("/file"),
                    s("/decision")
                ),
                format!("{} → {} (decision: {})", ids(), s("/file"), s("/decision")),
            ),
        ),
        _ => describe_request(kind.strip_prefix("request:")?, id, v, lang)?,
    })
}

/// A request carried out: its kind, and for whom, from which row of the requests book.
fn describe_request(kind: &str, id: &str, v: &Value, lang: Lang) -> Option<(String, String)> {
    let label = match kind {
        "delete" => L("Yêu cầu xóa", "Delete request"),
        "correct" => L("Yêu cầu sửa", "Correction request"),
        "stop_marketing" => L("Yêu cầu ngừng quảng cáo", "Stop-marketing request"),
        "access" => L("Yêu cầu xem dữ liệu", "Access request"),
        "readmit" => L("Yêu cầu nhận lại", "Re-admit request"),
        "resume_marketing" => L("Yêu cầu nhận quảng cáo lại", "Resume-marketing request"),
        _ => return None,
    };
    let received = match v.pointer("/received").and_then(Value::as_str).unwrap_or("") {
        "" => String::new(),
        d => pick(lang, format!(", nhận {d}"), format!(", received {d}")),
    };
    let row = v.pointer("/row").and_then(Value::as_u64).unwrap_or(0);
    if kind == "readmit" {
        let deleted = v
            .pointer("/deleted_on")
            .and_then(Value::as_str)
            .unwrap_or("");
        let lifted = v.pointer("/lifted").and_then(Value::as_u64).unwrap_or(0);
        let new = match id {
            "" => String::new(),
            id => format!(" → {id}"),
        };
        return Some((
            label.t(lang).to_string(),
            pick(
                lang,
                format!("khách đã xóa ngày {deleted}: bỏ chặn {lifted} định danh (dòng {row} của sổ yêu cầu{received}){new}"),
                format!("customer deleted on {deleted}: {lifted} identifier(s) no longer suppressed (row {row} of the requests book{received}){new}"),
            ),
        ));
    }
    Some((
        label.t(lang).to_string(),
        pick(
            lang,
            format!("thực hiện cho {id} (dòng {row} của sổ yêu cầu{received})"),
            format!("carried out for {id} (row {row} of the requests book{received})"),
        ),
    ))
}

/// "5 gán cho khách hàng, 1 không phải khách trong sổ": the counts that are not zero.
fn invoice_decisions(n: impl Fn(&str) -> u64, lang: Lang) -> String {
    let parts: Vec<String> = [
        (
            "/attributed",
            L("gán cho khách hàng", "given to a customer"),
        ),
        (
            "/not_in_book",
            L("không phải khách trong sổ", "not a customer in the book"),
        ),
        (
            "/already_settled",
            L("đã có khách hàng từ trước", "already with a customer"),
        ),
        (
            "/not_in_inputs",
            L("không có trong đầu vào", "not among the inputs"),
        ),
        ("/not_applied", L("chưa áp dụng", "not applied")),
    ]
    .into_iter()
    .filter(|(path, _)| n(path) > 0)
    .map(|(path, l)| format!("{} {}", n(path), l.t(lang)))
    .collect();
    parts.join(", ")
}

/// "KH000012 (3 dòng)".
fn rows_of(id: &str, rows: Option<u64>, lang: Lang) -> String {
    match rows {
        Some(n) => pick(lang, format!("{id} ({n} dòng)"), format!("{id} ({n} rows)")),
        None => id.to_string(),
    }
}

/// "ngày 2026-12-07, 3 tệp: 400 dòng → 260 khách; 120 gộp, 3 xóa; 45 cần kiểm tra…" — the
/// parts that are zero are left out.
fn describe_clean(v: &Value, lang: Lang) -> String {
    let n = |path: &str| v.pointer(path).and_then(Value::as_u64).unwrap_or(0);
    let files = v
        .get("inputs")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let as_of = v.get("as_of").and_then(Value::as_str).unwrap_or("");
    let parts: [(u64, L); 9] = [
        (n("/counts/merged"), L("gộp", "merged")),
        (n("/counts/deleted"), L("xóa", "deleted")),
        (n("/counts/expired"), L("hết hạn", "expired")),
        (n("/counts/suppressed"), L("chặn", "suppressed")),
        (n("/counts/values_to_check"), L("cần kiểm tra", "to check")),
        (
            n("/counts/review_pairs"),
            L("cặp cần xem xét", "pairs to review"),
        ),
        (n("/requests/received"), L("yêu cầu", "requests")),
        (
            n("/requests/overdue"),
            L("yêu cầu QUÁ HẠN", "requests OVERDUE"),
        ),
        (n("/returned"), L("khách quay lại", "returned")),
    ];
    let rest: Vec<String> = parts
        .iter()
        .filter(|(x, _)| *x > 0)
        .map(|(x, l)| format!("{x} {}", l.t(lang)))
        .collect();
    let mut out = pick(
        lang,
        format!(
            "ngày {as_of}, {files} tệp: {} dòng → {} khách",
            n("/counts/rows_read"),
            n("/counts/customers")
        ),
        format!(
            "as of {as_of}, {files} files: {} rows → {} customers",
            n("/counts/rows_read"),
            n("/counts/customers")
        ),
    );
    if !rest.is_empty() {
        out.push_str("; ");
        out.push_str(&rest.join(", "));
    }
    out
}

/// The lines as an aligned table (the last column is not padded).
fn table(lines: &[Line], lang: Lang) -> String {
    let rows: Vec<[String; 4]> = std::iter::once(HEADERS.map(|h| h.t(lang).to_string()))
        .chain(lines.iter().map(|l| {
            [
                l.seq.to_string(),
                l.at.clone(),
                l.event.clone(),
                l.what.clone(),
            ]
        }))
        .collect();
    let width = |c: usize| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for r in &rows {
        let pad = |c: usize| " ".repeat(widths[c] - r[c].chars().count());
        out.push_str(&format!(
            "{}{}  {}{}  {}{}  {}\n",
            pad(0),
            r[0],
            r[1],
            pad(1),
            r[2],
            pad(2),
            r[3]
        ));
    }
    out
}

fn write_xlsx(path: &std::path::Path, lines: &[Line], lang: Lang) -> Result<()> {
    use crate::output::xlsx::{save_atomic, workbook, Formats, SheetWriter, V};
    let mut wb = workbook();
    let fmt = Formats::for_lang(lang);
    let headers = HEADERS.map(|h| h.t(lang));
    let mut sw = SheetWriter::new(&mut wb, L("Nhật ký", "Audit log").t(lang), &headers, &fmt)?;
    // A clean run's line is long: it wraps instead of running over the page's edge.
    sw.wrap(3, 70)?;
    for l in lines {
        sw.row(&[
            V::I(l.seq),
            V::from(l.at.as_str()),
            V::from(l.event.as_str()),
            V::from(l.what.as_str()),
        ])?;
    }
    sw.finish()?;
    save_atomic(&mut wb, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: &str, detail: &str, lang: Lang) -> Line {
        Line::of(7, "2026-12-07 09:00:00".into(), kind, detail, lang)
    }

    #[test]
    fn each_kind_reads_as_a_sentence() {
        let clean = r#"{"inputs":[{"file":"a.xlsx"},{"file":"b.csv"}],"counts":{"rows_read":400,"customers":260,"merged":137,"deleted":3,"values_to_check":0},"as_of":"2026-12-07","requests":{"received":1,"overdue":0,"late":0}}"#;
        let cases = [
            (
                "clean",
                clean,
                "Chạy clean",
                "ngày 2026-12-07, 2 tệp: 400 dòng → 260 khách; 137 gộp, 3 xóa, 1 yêu cầu",
            ),
            (
                "deleted",
                r#"{"customer_id":"KH000012","rows":3}"#,
                "Xóa theo yêu cầu",
                "KH000012 (3 dòng)",
            ),
            (
                "request:delete",
                r#"{"row":4,"customer_id":"KH000012","received":"2026-12-01","channel":""}"#,
                "Yêu cầu xóa",
                "thực hiện cho KH000012 (dòng 4 của sổ yêu cầu, nhận 2026-12-01)",
            ),
            (
                "export-subject",
                r#"{"ids":["KH000005"],"file":"ban-sao.xlsx","requests_done":1}"#,
                "Xuất dữ liệu cho khách",
                "KH000005 → ban-sao.xlsx",
            ),
            (
                "decisions",
                r#"{"merge":2,"keep_apart":1}"#,
                "Quyết định trùng",
                "2 gộp, 1 không gộp",
            ),
            (
                "invoice_decisions",
                r#"{"attributed":5,"not_in_book":1,"already_settled":0,"not_in_inputs":0,"not_applied":2}"#,
                "Quyết định người mua HĐ của kế toán",
                "5 gán cho khách hàng, 1 không phải khách trong sổ, 2 chưa áp dụng",
            ),
            (
                "mailing",
                r#"{"channel":"Phone","listed":97,"left_out":162}"#,
                "Danh sách gửi tin",
                "Điện thoại: 97 khách, 162 bị loại",
            ),
        ];
        for (kind, detail, event, what) in cases {
            let l = line(kind, detail, Lang::Vi);
            assert_eq!((l.event.as_str(), l.what.as_str()), (event, what), "{kind}");
        }
        let en = line(
            "deleted",
            r#"{"customer_id":"KH000012","rows":3}"#,
            Lang::En,
        );
        assert_eq!(en.event, "Deleted on request");
        assert_eq!(en.what, "KH000012 (3 rows)");
        let en = line(
            "invoice_decisions",
            r#"{"attributed":1,"not_in_book":0,"already_settled":3,"not_in_inputs":0,"not_applied":0}"#,
            Lang::En,
        );
        assert_eq!(en.event, "Accountant's invoice-buyer decisions");
        assert_eq!(en.what, "1 given to a customer, 3 already with a customer");
    }

    #[test]
    fn an_unknown_or_broken_record_is_shown_as_stored() {
        let l = line("request:teleport", "{}", Lang::Vi);
        assert_eq!(
            (l.event.as_str(), l.what.as_str()),
            ("request:teleport", "{}")
        );
        let l = line("future-kind", "not json", Lang::En);
        assert_eq!(l.what, "not json");
        // A known kind with missing fields still reads, with zeros and blanks.
        let l = line("clean", "{}", Lang::En);
        assert_eq!(l.what, "as of , 0 files: 0 rows → 0 customers");
    }

    #[test]
    fn the_workbook_holds_the_same_table() {
        use calamine::{open_workbook_auto, Data, Reader};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nhat-ky.xlsx");
        let lines = [line(
            "deleted",
            r#"{"customer_id":"KH1","rows":2}"#,
            Lang::Vi,
        )];
        write_xlsx(&path, &lines, Lang::Vi).unwrap();
        let mut wb = open_workbook_auto(&path).unwrap();
        let range = wb.worksheet_range("Nhật ký").unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(Data::to_string).collect())
            .collect();
        assert_eq!(rows[0], ["STT", "Thời gian", "Sự kiện", "Nội dung"]);
        assert_eq!(
            rows[1],
            [
                "7",
                "2026-12-07 09:00:00",
                "Xóa theo yêu cầu",
                "KH1 (2 dòng)"
            ]
        );
    }

    #[test]
    fn the_table_is_aligned() {
        let lines = [
            line("deleted", r#"{"customer_id":"KH1","rows":1}"#, Lang::Vi),
            Line {
                seq: 1234,
                ..line("returned", r#"{"customer_id":"KH2"}"#, Lang::Vi)
            },
        ];
        let t = table(&lines, Lang::Vi);
        let rows: Vec<&str> = t.lines().collect();
        assert_eq!(rows.len(), 3);
        let col = |r: &str, text: &str| r.find(text).map(|b| r[..b].chars().count());
        assert_eq!(col(rows[0], "Sự kiện"), col(rows[1], "Xóa theo yêu cầu"));
        assert_eq!(
            col(rows[1], "Xóa theo yêu cầu"),
            col(rows[2], "Khách quay lại")
        );
        assert!(rows[1].starts_with("   7  "), "{t}");
    }
}
