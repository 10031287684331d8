//! `sokhach eval LINEAGE TRUTH`: pairwise precision, recall and F1 of the deduplication,
//! scored against ground truth (the generator's truth.csv or a hand-made one).
//!
//! Rows are joined on (file name, sheet, row); the file is compared by its last path
//! component, so a lineage written from `examples/x/a.csv` matches truth naming `a.csv`.
//! Only rows the run kept or merged count (deleted or skipped rows have no customer).

use crate::cli::{EvalArgs, Global};
use crate::error::{BadInput, ExitCode};
use crate::i18n::{pick, Lang, L};
use anyhow::{Context as _, Result};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub rows: u64,
    pub true_pairs: u64,
    pub predicted_pairs: u64,
    pub correct_pairs: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A row's place, as the lineage and the truth name it: the file's last path component, the
/// sheet, the row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub file: String,
    pub sheet: String,
    pub row: String,
}

fn base(file: &str) -> String {
    file.rsplit(['/', '\\']).next().unwrap_or(file).to_string()
}

fn read_csv(
    path: &Path,
    key_cols: [&str; 3],
    value_col: &str,
    filter: Option<(&str, &[&str])>,
    lang: Lang,
) -> Result<HashMap<Key, String>> {
    let file = std::fs::File::open(path).with_context(|| {
        pick(
            lang,
            format!("không mở được {}", path.display()),
            format!("cannot open {}", path.display()),
        )
    })?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(encoding_rs_io::DecodeReaderBytes::new(file));
    let headers = rdr.headers()?.clone();
    let col = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| {
                BadInput(pick(
                    lang,
                    format!("{}: thiếu cột «{name}»", path.display()),
                    format!("{}: missing column «{name}»", path.display()),
                ))
                .into()
            })
    };
    let idx: Vec<usize> = key_cols.iter().map(|c| col(c)).collect::<Result<_>>()?;
    let v = col(value_col)?;
    let f = match filter {
        Some((c, _)) => Some(col(c)?),
        None => None,
    };
    let mut map = HashMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        if let (Some(fi), Some((_, allowed))) = (f, filter) {
            if !allowed.contains(&rec.get(fi).unwrap_or("")) {
                continue;
            }
        }
        let get = |i: usize| rec.get(i).unwrap_or("").to_string();
        let key = Key {
            file: base(&get(idx[0])),
            sheet: get(idx[1]),
            row: get(idx[2]),
        };
        map.insert(key, get(v));
    }
    Ok(map)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Pairwise scores of predicted clusters against true entities over the rows in both.
pub fn score(predicted: &HashMap<Key, String>, truth: &HashMap<Key, String>) -> Scores {
    let mut by_pred: HashMap<&str, u64> = HashMap::new();
    let mut by_true: HashMap<&str, u64> = HashMap::new();
    let mut by_both: HashMap<(&str, &str), u64> = HashMap::new();
    let mut rows = 0;
    for (k, p) in predicted {
        let Some(t) = truth.get(k) else { continue };
        rows += 1;
        *by_pred.entry(p).or_default() += 1;
        *by_true.entry(t).or_default() += 1;
        *by_both.entry((p, t)).or_default() += 1;
    }
    let predicted_pairs: u64 = by_pred.values().map(|&n| pairs(n)).sum();
    let true_pairs: u64 = by_true.values().map(|&n| pairs(n)).sum();
    let correct_pairs: u64 = by_both.values().map(|&n| pairs(n)).sum();
    Scores::of(rows, true_pairs, predicted_pairs, correct_pairs)
}

impl Scores {
    fn of(rows: u64, true_pairs: u64, predicted_pairs: u64, correct_pairs: u64) -> Scores {
        let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (
            ratio(correct_pairs, predicted_pairs),
            ratio(correct_pairs, true_pairs),
        );
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Scores {
            rows,
            true_pairs,
            predicted_pairs,
            correct_pairs,
            precision,
            recall,
            f1,
        }
    }
}

/// An accountant's invoice listing, by its file name (the generator's and the office's
/// names: "bang-ke-hoa-don.csv", "ban-ra-2025.xlsx", "invoices.csv").
fn is_invoice_file(file: &str) -> bool {
    let f = crate::normalize::text::fold_key(file);
    ["hoa don", "hoadon", "bang ke", "ban ra", "invoice"]
        .iter()
        .any(|w| f.contains(w))
}

/// The two halves of the score: pairs of book rows (both from customer ledgers), and invoice
/// rows linked to book rows (pairs of one invoice row and one book row: who bought).
pub fn split_scores(
    predicted: &HashMap<Key, String>,
    truth: &HashMap<Key, String>,
) -> (Scores, Scores) {
    let book: HashMap<Key, String> = predicted
        .iter()
        .filter(|(k, _)| !is_invoice_file(&k.file))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let book_scores = score(&book, truth);
    // Invoice-to-book pairs, counted per (predicted, true) label.
    let mut inv_pred: HashMap<&str, u64> = HashMap::new();
    let mut book_pred: HashMap<&str, u64> = HashMap::new();
    let mut inv_true: HashMap<&str, u64> = HashMap::new();
    let mut book_true: HashMap<&str, u64> = HashMap::new();
    let mut inv_both: HashMap<(&str, &str), u64> = HashMap::new();
    let mut book_both: HashMap<(&str, &str), u64> = HashMap::new();
    let mut rows = 0;
    for (k, p) in predicted {
        let Some(t) = truth.get(k) else { continue };
        rows += 1;
        let (pred, tru, both) = if is_invoice_file(&k.file) {
            (&mut inv_pred, &mut inv_true, &mut inv_both)
        } else {
            (&mut book_pred, &mut book_true, &mut book_both)
        };
        *pred.entry(p).or_default() += 1;
        *tru.entry(t).or_default() += 1;
        *both.entry((p, t)).or_default() += 1;
    }
    let cross = |a: &HashMap<&str, u64>, b: &HashMap<&str, u64>| -> u64 {
        a.iter()
            .map(|(k, n)| n * b.get(k).copied().unwrap_or(0))
            .sum()
    };
    let predicted_pairs = cross(&inv_pred, &book_pred);
    let true_pairs = cross(&inv_true, &book_true);
    let correct_pairs: u64 = inv_both
        .iter()
        .map(|(k, n)| n * book_both.get(k).copied().unwrap_or(0))
        .sum();
    (
        book_scores,
        Scores::of(rows, true_pairs, predicted_pairs, correct_pairs),
    )
}

pub fn run(a: &EvalArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    let predicted = read_csv(
        &a.lineage,
        ["source_file", "source_sheet", "source_row"],
        "customer_id",
        Some(("action", &["kept", "merged"])),
        lang,
    )?;
    let truth = read_csv(
        &a.truth,
        ["source_file", "source_sheet", "source_row"],
        "entity_id",
        None,
        lang,
    )?;
    let s = score(&predicted, &truth);
    let kept = match &a.entities {
        Some(entities) => {
            let book = a.book.clone().unwrap_or_else(|| {
                a.lineage
                    .parent()
                    .unwrap_or(Path::new("."))
                    .join(crate::output::book::FILE)
            });
            Some(kept(&book, entities, &predicted, &truth, lang)?)
        }
        None => None,
    };
    if a.json {
        // The overall scores at the top level (as before), the two halves beside them.
        let (book, inv) = split_scores(&predicted, &truth);
        let mut v = serde_json::to_value(s)?;
        v["book"] = serde_json::to_value(book)?;
        v["invoices"] = serde_json::to_value(inv)?;
        if let Some(k) = kept {
            v["kept"] = serde_json::to_value(k)?;
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let (book, inv) = split_scores(&predicted, &truth);
        print!("{}", table(&s, &book, &inv, lang));
        if let Some(k) = kept {
            print!("{}", kept_table(&k, lang));
        }
    }
    let below = |v: f64, min: Option<f64>| min.is_some_and(|m| v < m);
    if below(s.precision, a.min_precision) || below(s.recall, a.min_recall) {
        let gate = |m: Option<f64>| m.map_or_else(|| "-".to_string(), |m| m.to_string());
        let (p, r) = (s.precision, s.recall);
        let (mp, mr) = (gate(a.min_precision), gate(a.min_recall));
        anyhow::bail!(pick(
            lang,
            format!("precision {p:.4} / recall {r:.4} thấp hơn ngưỡng ({mp} / {mr})"),
            format!("precision {p:.4} / recall {r:.4} below the gate ({mp} / {mr})"),
        ));
    }
    Ok(ExitCode::Ok)
}

/// What the customer book shows of its customers, against the truth (survivorship): the
/// customers whose book rows are mostly one entity's, and of them those shown under the
/// entity's very name (marks and case as the truth writes them), and those whose first email
/// is the entity's (of the entities that have one).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Kept {
    pub customers: u64,
    pub names_right: u64,
    pub with_email: u64,
    pub emails_right: u64,
}

fn kept(
    book: &Path,
    entities: &Path,
    predicted: &HashMap<Key, String>,
    truth: &HashMap<Key, String>,
    lang: Lang,
) -> Result<Kept> {
    use calamine::Reader;
    use unicode_normalization::UnicodeNormalization;
    let cannot_open = |p: &Path| {
        pick(
            lang,
            format!("không mở được {}", p.display()),
            format!("cannot open {}", p.display()),
        )
    };
    // The true name and email of each entity.
    let mut rdr = csv::Reader::from_path(entities).with_context(|| cannot_open(entities))?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (Some(id_col), Some(name_col)) = (col("entity_id"), col("name")) else {
        return Err(BadInput(pick(
            lang,
            format!("{}: thiếu cột entity_id hoặc name", entities.display()),
            format!("{}: no entity_id or name column", entities.display()),
        ))
        .into());
    };
    let email_col = col("email");
    let mut true_of: HashMap<String, (String, String)> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec?;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").to_string();
        true_of.insert(
            get(Some(id_col)),
            (
                get(Some(name_col)).nfc().collect(),
                get(email_col).to_lowercase(),
            ),
        );
    }
    // Each customer's entity: the one most of its book rows are (ties: the smallest id).
    let mut votes: HashMap<&str, HashMap<&str, u64>> = HashMap::new();
    for (k, c) in predicted.iter().filter(|(k, _)| !is_invoice_file(&k.file)) {
        if let Some(e) = truth.get(k) {
            *votes.entry(c).or_default().entry(e).or_default() += 1;
        }
    }
    let entity_of = |c: &str| {
        votes.get(c).and_then(|v| {
            v.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(e, _)| *e)
        })
    };
    let mut wb = calamine::open_workbook_auto(book).with_context(|| cannot_open(book))?;
    let sheet = wb
        .worksheet_range_at(0)
        .ok_or_else(|| anyhow::anyhow!(cannot_open(book)))??;
    let mut rows = sheet.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let at = |l: L| header.iter().position(|h| h == l.0 || h == l.1);
    let (Some(id), Some(name), email) = (
        at(L("Mã KH", "Customer ID")),
        at(L("Tên khách hàng", "Name")),
        at(L("Email", "Email")),
    ) else {
        return Err(BadInput(pick(
            lang,
            format!("{}: không phải sổ khách của sokhach", book.display()),
            format!("{}: not a sokhach customer book", book.display()),
        ))
        .into());
    };
    let mut k = Kept::default();
    for r in rows {
        let cell = |c: usize| r.get(c).map(|v| v.to_string()).unwrap_or_default();
        let Some((true_name, true_email)) = entity_of(&cell(id)).and_then(|e| true_of.get(e))
        else {
            continue;
        };
        k.customers += 1;
        if cell(name).nfc().collect::<String>() == *true_name {
            k.names_right += 1;
        }
        if !true_email.is_empty() {
            k.with_email += 1;
            if email.is_some_and(|c| cell(c).to_lowercase() == *true_email) {
                k.emails_right += 1;
            }
        }
    }
    Ok(k)
}

/// The survivorship scores as lines for a person.
fn kept_table(k: &Kept, lang: Lang) -> String {
    let share = |n: u64, of: u64| {
        if of == 0 {
            "-".to_string()
        } else {
            format!("{n} / {of} ({:.2} %)", 100.0 * n as f64 / of as f64)
        }
    };
    format!(
        "{}  {}\n{}  {}\n",
        L(
            "tên hiện ra đúng như thật",
            "names shown as the truth writes them"
        )
        .t(lang),
        share(k.names_right, k.customers),
        L("email đầu tiên là email thật", "first email the true one").t(lang),
        share(k.emails_right, k.with_email),
    )
}

/// The scores as a table for a person: the whole, then the book's rows and the invoices'
/// links to the book.
fn table(s: &Scores, book: &Scores, inv: &Scores, lang: Lang) -> String {
    let mut lines: Vec<(&str, String)> = vec![
        (
            L("dòng đối chiếu", "rows matched").t(lang),
            s.rows.to_string(),
        ),
        (
            L("cặp đúng", "true pairs").t(lang),
            s.true_pairs.to_string(),
        ),
        (
            L("cặp đã gộp", "predicted pairs").t(lang),
            s.predicted_pairs.to_string(),
        ),
        (
            L("cặp gộp đúng", "correct pairs").t(lang),
            s.correct_pairs.to_string(),
        ),
        ("precision", format!("{:.4}", s.precision)),
        ("recall", format!("{:.4}", s.recall)),
        ("F1", format!("{:.4}", s.f1)),
        (
            L("dòng sổ khách", "book rows").t(lang),
            format!(
                "P {:.4}  R {:.4}  ({} {})",
                book.precision,
                book.recall,
                book.true_pairs,
                L("cặp đúng", "true pairs").t(lang)
            ),
        ),
    ];
    if inv.true_pairs + inv.predicted_pairs > 0 {
        lines.push((
            L("hóa đơn→sổ", "invoice→book").t(lang),
            format!(
                "P {:.4}  R {:.4}  ({} {})",
                inv.precision,
                inv.recall,
                inv.true_pairs,
                L("liên kết đúng", "true links").t(lang)
            ),
        ));
    }
    let width = lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    lines
        .iter()
        .map(|(k, v)| format!("{k}{}{v}\n", " ".repeat(width - k.chars().count())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: &[(&str, &str)]) -> HashMap<Key, String> {
        v.iter()
            .map(|(r, id)| {
                let key = Key {
                    file: "f.csv".to_string(),
                    sheet: String::new(),
                    row: r.to_string(),
                };
                (key, id.to_string())
            })
            .collect()
    }

    /// A customer shown under its entity's very name counts, one with a worse spelling does
    /// not; the first email is scored for the entities that have one.
    #[test]
    fn names_and_emails_kept_against_the_truth() {
        let dir = std::env::temp_dir().join(format!("sokhach-kept-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let book = dir.join("khach-hang.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let rows = [
            ["Mã KH", "Tên khách hàng", "Email"],
            ["KH000001", "Phạm Mai Vy", "vypm@gmail.com"],
            ["KH000002", "Trân Minh Thịnh", "thinh@gmial.com"],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        wb.save(&book).unwrap();
        let entities = dir.join("entities.csv");
        std::fs::write(
            &entities,
            "entity_id,kind,name,email\nE1,person,Phạm Mai Vy,vypm@gmail.com\nE2,person,Trần Minh Thịnh,thinh@gmail.com\n",
        )
        .unwrap();
        let truth = m(&[("2", "E1"), ("3", "E1"), ("4", "E2")]);
        let pred = m(&[("2", "KH000001"), ("3", "KH000001"), ("4", "KH000002")]);
        let k = kept(&book, &entities, &pred, &truth, Lang::En).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(
            k,
            Kept {
                customers: 2,
                names_right: 1,
                with_email: 2,
                emails_right: 1
            }
        );
    }

    #[test]
    fn pairwise_scores() {
        let truth = m(&[("2", "E1"), ("3", "E1"), ("4", "E1"), ("5", "E2")]);
        // One true pair found (2-3), one missed pair set (4), one false pair (4-5).
        let pred = m(&[("2", "K1"), ("3", "K1"), ("4", "K2"), ("5", "K2")]);
        let s = score(&pred, &truth);
        assert_eq!(
            (s.true_pairs, s.predicted_pairs, s.correct_pairs),
            (3, 2, 1)
        );
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn the_table_reads_in_the_runs_language() {
        let truth = m(&[("2", "E1"), ("3", "E1")]);
        let s = score(&truth, &truth);
        let vi = table(&s, &s, &s, Lang::Vi);
        let en = table(&s, &s, &s, Lang::En);
        assert!(vi.starts_with("dòng đối chiếu"), "{vi}");
        assert!(vi.contains("cặp gộp đúng") && !vi.contains("pairs"), "{vi}");
        assert!(en.starts_with("rows matched"), "{en}");
        assert!(en.contains("precision        1.0000\n"), "{en}");
    }
}
