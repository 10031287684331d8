//! `sokhach clean [FILES…] [--out DIR]`: the weekly run (the workspace's `[inputs]` into
//! `ket-qua/DATE` when nothing is named).
//!
//! The stages run in `pipeline`; this command writes the cleaned book, the change report, the
//! lineage file (and the accountant's workbook when invoice listings are among the inputs), then
//! commits the state store. Nothing is written when an input cannot be read (unless
//! `--skip-bad`); outputs appear whole or not at all.

use super::{pipeline, summary};
use crate::cli::{CleanArgs, Global};
use crate::error::{BadInput, ExitCode};
use crate::i18n::{pick, Lang, L};
use crate::matching;
use crate::model::{Action, Rule};
use crate::output;
use crate::policy;
use crate::progress::Progress;
use crate::state::{AuditLine, RunRecord};
use crate::workspace::Session;
use anyhow::{Context as _, Result};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

pub const BOOK: &str = output::book::FILE;
pub const REPORT: &str = output::REPORT;
pub const LINEAGE: &str = output::lineage::FILE;
pub const CHANGES: &str = output::changes::FILE;

pub fn run(a: &CleanArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    let today = match &a.as_of {
        Some(s) => super::parse_cli_date(s, lang)?,
        None => chrono::Local::now().date_naive(),
    };
    let period = accounting_period(a, lang)?;
    let session = Session::for_clean(g.workspace.as_deref(), a.out.as_deref(), a.dry_run, lang)?;
    let out_dir = session.out_dir(a.out.as_deref(), today, lang)?;
    let inputs = session.inputs(&a.input.inputs, lang)?;
    check_out_dir(&out_dir, &inputs, lang)?;
    if !g.quiet {
        for n in &session.notes {
            eprintln!("sokhach: {n}");
        }
    }
    let mut progress = Progress::new(g.quiet).in_lang(lang);
    let params = pipeline::Params {
        inputs: &inputs,
        encoding: a.input.encoding.as_deref(),
        out: &out_dir,
        lang,
        today,
        skip_bad: a.skip_bad,
        decisions: Some(&a.decisions),
        exported: Vec::new(),
    };
    let mut b = pipeline::build(&params, session, &mut progress)?;
    std::fs::create_dir_all(&out_dir).with_context(|| {
        pick(
            lang,
            format!("không tạo được thư mục {}", out_dir.display()),
            format!("cannot create the folder {}", out_dir.display()),
        )
    })?;
    output::sweep_stale(&out_dir);
    let t = std::time::Instant::now();
    progress.stage(L("Ghi kết quả…", "Writing outputs…").t(lang));
    let written = write_outputs(a, &mut b, &out_dir, period)?;
    let mut timings = std::mem::take(&mut b.timings);
    if a.timings {
        eprintln!(
            "  ({}: {})",
            L("ghi song song", "write, side by side").t(lang),
            written.took.join(", ")
        );
    }
    let t = timings.add("write", t);
    if b.run.remembers {
        b.store.finish()?;
    }
    timings.add("state", t);
    progress.done();
    let redacted = if a.redact {
        output::redact::write_copies(&out_dir, &b.ing, &b.customers, &b.applied)?
    } else {
        Vec::new()
    };
    let partial = !b.ing.problems.is_empty();
    if !g.quiet {
        let summary = summary::Summary::of(&b, &out_dir, &redacted, written.decisions_applied);
        eprint!("{}", summary.render(lang));
        if let Some(l) = b
            .matching
            .invoice_decided
            .line(output::accounts::FILE, lang)
        {
            eprintln!("  • {l}");
        }
    }
    // Like unreadable inputs, decisions that could not be applied are said even with --quiet.
    for u in &b.matching.invoice_decided.not_applied {
        eprintln!("sokhach: {u}");
    }
    if a.timings {
        print_timings(&timings, b.accounted.counts.candidate_pairs, lang);
    }
    // A million-row run holds ~2 GB in millions of small allocations; freeing them one by one
    // takes most of a second that nobody needs to wait for, as the process is about to end.
    std::thread::spawn(move || drop(b));
    Ok(if partial {
        ExitCode::Partial
    } else {
        ExitCode::Ok
    })
}

/// `--from` / `--to`, checked before any work is done.
fn accounting_period(a: &CleanArgs, lang: Lang) -> Result<Period> {
    let parse = |s: &Option<String>| {
        s.as_deref()
            .map(|d| super::parse_cli_date(d, lang))
            .transpose()
    };
    let (from, to) = (parse(&a.from)?, parse(&a.to)?);
    output::accounts::check_period(from, to, lang)?;
    Ok(Period { from, to })
}

/// The accountant's period (`--from`, `--to`; open-ended when not given).
#[derive(Debug, Clone, Copy)]
struct Period {
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
}

/// What writing the outputs produced beside the files.
struct Written {
    took: Vec<String>,
    decisions_applied: summary::DecisionsApplied,
}

fn write_outputs(
    a: &CleanArgs,
    b: &mut pipeline::Built,
    out_dir: &Path,
    period: Period,
) -> Result<Written> {
    let lang = b.run.lang;
    let (review, review_keys) = open_review(b);
    mask_removed_findings(b);
    let record = run_record(b);
    let policy_lines = policy_lines(b);
    let keep: Vec<bool> = b.applied.fate.iter().map(|f| f.is_none()).collect();
    let book = output::book::BookInput {
        lang,
        customers: &b.customers,
        keep: &keep,
        raw: &b.ing.rows,
        sources: &b.ing.sources,
        show_2025: a.province_2025 || b.policy.output.province_2025,
        seen: &b.matching.ids.seen,
    };
    let accounts = output::accounts::has_invoices(&b.ing.sources).then(|| customer_of(b));
    let write_accounts = || -> Result<Option<output::Staged>> {
        let Some(customer_of) = &accounts else {
            return Ok(None);
        };
        let input = output::accounts::AccountsInput {
            lang,
            raw: &b.ing.rows,
            sources: &b.ing.sources,
            norms: &b.norms,
            customers: &b.customers,
            customer_of,
            removed: &b.applied.masked,
            from: period.from,
            to: period.to,
            lineage: &b.accounted.lineage.lines,
            attribution: &b.matching.attribution,
            keys: &b.keys.fps,
            totals: &b.ing.aside.totals,
            cancelled: &b.ing.aside.cancelled,
            retail: &b.ing.aside.retail,
            today: b.run.today,
            repeats: &b.accounted.repeats,
        };
        Ok(Some(output::accounts::write(
            &out_dir.join(output::accounts::FILE),
            &input,
        )?))
    };
    let history = history(b, &record)?;
    let report = output::report::ReportInput {
        lang,
        ing: &b.ing,
        norms: &b.norms,
        findings: &b.findings,
        review: &review,
        review_keys: &review_keys,
        lineage: &b.accounted.lineage,
        counts: &b.accounted.counts,
        timings: &b.timings,
        policy_lines: &policy_lines,
        customers: &b.customers,
        applied: &b.applied,
        today: b.run.today,
        history: &history,
    };
    // Longest first: the two workbooks of a row each take a core, the rest fill in behind.
    let writers: Vec<(&str, Writer<'_>)> = vec![
        (
            BOOK,
            Box::new(|| output::book::write(&out_dir.join(BOOK), &book).map(Some)),
        ),
        (output::accounts::FILE, Box::new(write_accounts)),
        (
            REPORT,
            Box::new(|| output::report::write(&out_dir.join(REPORT), &report).map(Some)),
        ),
        (
            CHANGES,
            Box::new(|| output::changes::write(&out_dir.join(CHANGES), &report).map(Some)),
        ),
        (
            LINEAGE,
            Box::new(|| {
                output::lineage::write(&out_dir.join(LINEAGE), &b.accounted.lineage).map(Some)
            }),
        ),
    ];
    let state = b.run.remembers.then_some(&record);
    let took = write_side_by_side(writers, &mut b.store, state, out_dir, lang)?;
    let m = &b.matching;
    let applied = || {
        m.new_decisions
            .iter()
            .zip(&m.new_matched)
            .filter(|(_, &f)| f)
    };
    let merges = applied().filter(|(d, _)| d.merge).count();
    let (given, not_in_book) = (m.invoice_decided.attributed, m.invoice_decided.not_in_book);
    Ok(Written {
        took,
        decisions_applied: summary::DecisionsApplied {
            joined: merges + given,
            apart: applied().count() - merges + not_in_book,
            unmatched: m.new_matched.iter().filter(|&&f| !f).count(),
            unread: m.unread_decisions.clone(),
            remembered: b.run.remembers,
        },
    })
}

/// One output file's writer: its staged file, not yet in place (none when it has nothing to
/// write).
type Writer<'w> = Box<dyn Fn() -> Result<Option<output::Staged>> + Sync + 'w>;

/// Independent files, written side by side (longest first, see [`longest_first`]); the whole
/// set is put in place at once. The state store takes this run's results alongside, in a
/// transaction committed only once the outputs are in place (a run killed before that leaves
/// last week's state). Returns how long each took.
fn write_side_by_side(
    writers: Vec<(&str, Writer<'_>)>,
    store: &mut crate::state::Store,
    record: Option<&RunRecord>,
    out_dir: &Path,
    lang: Lang,
) -> Result<Vec<String>> {
    let store = Mutex::new(store);
    let stage: Writer<'_> = Box::new(|| {
        if let Some(record) = record {
            lock(&store).stage(record)?;
        }
        Ok(None)
    });
    // The state store's transaction comes after the three workbooks, before the CSVs.
    let mut tasks = writers;
    tasks.insert(
        3.min(tasks.len()),
        (L("trạng thái", "state").t(lang), stage),
    );
    let written = longest_first(&tasks);
    let mut staged = Vec::new();
    let mut took = Vec::new();
    // Seconds with the run's decimal mark ("0,35 s" in Vietnamese).
    let secs = |s: f64| {
        pick(
            lang,
            format!("{s:.2} s").replace('.', ","),
            format!("{s:.2} s"),
        )
    };
    for ((name, _), (r, took_secs)) in tasks.iter().zip(written) {
        staged.extend(r?);
        took.push(format!("{name} {}", secs(took_secs)));
    }
    // The marker that makes this folder an output folder, whatever its name, for later runs
    // that walk an input folder holding it.
    let marker = output::Staged::new(&out_dir.join(crate::ingest::OUTPUT_MARKER))?;
    staged.push(marker);
    output::publish_all(staged)?;
    Ok(took)
}

/// Runs `tasks` from one queue in their order, every core taking the next when it finishes
/// one (given longest first, no core waits long at the end); each result with its seconds.
fn longest_first(tasks: &[(&str, Writer<'_>)]) -> Vec<Done> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Done>>> = tasks.iter().map(|_| Mutex::new(None)).collect();
    rayon::scope(|s| {
        for _ in 0..rayon::current_num_threads().min(tasks.len()) {
            s.spawn(|_| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((_, task)) = tasks.get(i) else {
                    break;
                };
                let t0 = std::time::Instant::now();
                let r = task();
                // Its disk writes start now, beside the other tasks, instead of all at the
                // sync before the outputs are put in place (0.27 s at 1M rows, serial).
                if let Ok(Some(staged)) = &r {
                    staged.start_writeback();
                }
                *lock(&slots[i]) = Some((r, t0.elapsed().as_secs_f64()));
            });
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| (Ok(None), 0.0))
        })
        .collect()
}

/// A task's result and its seconds.
type Done = (Result<Option<output::Staged>>, f64);

/// A lock that a panic in another task does not poison for the ones still reporting.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The review pairs of customers still in the book (a removed person is asked about no more).
fn open_pairs(b: &pipeline::Built) -> impl Iterator<Item = &matching::ReviewPair> {
    b.matching.matched.review.iter().filter(|p| {
        !b.accounted.removed_row[p.a as usize] && !b.accounted.removed_row[p.b as usize]
    })
}

/// Pairs to review, with the keys a decision on each is stored under. Deleted, expired and
/// suppressed people appear in no report in plain text.
fn open_review(b: &pipeline::Built) -> (Vec<matching::ReviewPair>, Vec<(String, String)>) {
    let review: Vec<matching::ReviewPair> = open_pairs(b).cloned().collect();
    let keys = review
        .iter()
        .map(|p| {
            (
                crate::keys::hex(&b.keys.decision_key(p.a)),
                crate::keys::hex(&b.keys.decision_key(p.b)),
            )
        })
        .collect();
    (review, keys)
}

/// The run and the policy applied, as lines of the report's summary.
fn policy_lines(b: &pipeline::Built) -> Vec<(String, String)> {
    let lang = b.run.lang;
    let mut lines = vec![(
        L("Ngày chạy", "Run date (as-of)").t(lang).to_string(),
        b.run.today.format("%d/%m/%Y").to_string(),
    )];
    lines.push((
        L("Thư mục làm việc", "Workspace").t(lang).to_string(),
        b.run
            .workspace
            .as_ref()
            .map(|w| w.root.display().to_string())
            .unwrap_or_else(|| {
                L("không có (không ghi nhớ gì)", "none (nothing remembered)")
                    .t(lang)
                    .to_string()
            }),
    ));
    lines.extend(b.policy.describe(lang));
    if let Some((_, v)) = lines
        .iter_mut()
        .find(|(k, _)| k == L("Tệp yêu cầu", "Requests file").t(lang))
    {
        *v = match &b.run.requests_book {
            Some(p) if p.exists() => p.display().to_string(),
            Some(p) => format!("{} ({})", p.display(), L("chưa có", "absent").t(lang)),
            None => L(
                "không có (không có thư mục làm việc)",
                "none (no workspace)",
            )
            .t(lang)
            .to_string(),
        };
    }
    lines
}

/// The weeks so far, for the report's "Theo tuần" sheet: the state's runs and this one.
fn history(b: &pipeline::Built, record: &RunRecord) -> Result<Vec<(String, serde_json::Value)>> {
    let mut history: Vec<(String, serde_json::Value)> = b
        .store
        .audit()?
        .into_iter()
        .filter(|(_, _, kind, _)| kind == "clean")
        .filter_map(|(_, at, _, detail)| Some((at, serde_json::from_str(&detail).ok()?)))
        .collect();
    if let Some(line) = record.audit.first() {
        if let Ok(v) = serde_json::from_str(&line.detail) {
            history.push((record.at.clone(), v));
        }
    }
    Ok(history)
}

/// Each row's customer, as an index into the customers.
fn customer_of(b: &pipeline::Built) -> Vec<u32> {
    let mut customer_of = vec![0u32; b.ing.rows.len()];
    for (ci, c) in b.customers.iter().enumerate() {
        for &r in &c.rows {
            customer_of[r as usize] = ci as u32;
        }
    }
    customer_of
}

/// The invoice lines left to the accountant this run (a buyer with candidates), each with the
/// ids of its candidates: asked again next week while unanswered, with them among its
/// candidates.
fn open_invoices(b: &pipeline::Built, cluster_of: &[u32]) -> Vec<(crate::keys::Fp, String)> {
    let removed = &b.accounted.removed_row;
    let mut out = Vec::new();
    for (&row, candidates) in &b.matching.attribution.candidates {
        if removed[row as usize] {
            continue;
        }
        let ids: Vec<&str> = candidates
            .iter()
            .filter(|&&r| !removed[r as usize])
            .map(|&r| b.customers[cluster_of[r as usize] as usize].id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let ids = ids.join(",");
        let buyer = &b.customers[cluster_of[row as usize] as usize];
        for &r in &buyer.rows {
            let source = &b.ing.sources[b.ing.rows[r as usize].source as usize];
            if source.kind == crate::model::SourceKind::Invoices {
                out.push((b.keys.fps[r as usize], ids.clone()));
            }
        }
    }
    out.sort_unstable();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Findings about removed customers' rows keep only masked values; what their notes said
/// («yêu cầu xóa», «không nhận quảng cáo») is moot once they are out of the book, and not told.
fn mask_removed_findings(b: &mut pipeline::Built) {
    let (ing, norms, removed) = (&b.ing, &b.norms, &b.accounted.removed_row);
    b.findings.retain(|f| {
        !(removed[f.row as usize]
            && matches!(
                f.rule,
                Rule::NoteAsksDeletion
                    | Rule::NoteRefusesMarketing
                    | Rule::NoteDeceased
                    | Rule::NoteClosed
            ))
    });
    for f in b.findings.iter_mut() {
        let i = f.row as usize;
        if removed[i] {
            let (old, new) = crate::normalize::finding_values(f, &ing.rows[i], &norms[i]);
            let (old, new) = (policy::mask(old), policy::mask(new));
            crate::normalize::set_finding_values(f, &old, &new);
        }
    }
}

/// What the state keeps of this run.
fn run_record(b: &mut pipeline::Built) -> RunRecord {
    let audit = audit_lines(b);
    let cluster_of = customer_of(b);
    let open_pairs: Vec<(String, String)> = open_pairs(b)
        .map(|p| {
            pipeline::ordered(
                &b.customers[cluster_of[p.a as usize] as usize].id,
                &b.customers[cluster_of[p.b as usize] as usize].id,
            )
        })
        .collect();
    let open_invoices = open_invoices(b, &cluster_of);
    // Kept for the book, written after this record is made.
    let seen = std::mem::take(&mut b.matching.ids.seen);
    let ids = std::mem::replace(
        &mut b.matching.ids,
        crate::merge::IdAssignment {
            ids: Vec::new(),
            new_fps: Vec::new(),
            aliases: Vec::new(),
            next_id: 0,
            seen,
        },
    );
    RunRecord {
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        row_ids: ids.new_fps,
        ids: ids.ids,
        aliases: ids.aliases,
        decisions: b.matching.new_decisions.clone(),
        next_id: ids.next_id,
        audit,
        suppress: b.applied.suppress.clone(),
        readmitted: b.applied.readmitted.clone(),
        corrections: b.applied.corrections.clone(),
        superseded: b.applied.superseded.clone(),
        replaced: b.applied.replaced.clone(),
        opt_outs: opt_outs_shown(b),
        opt_ins: b.applied.opt_ins.clone(),
        opt_ins_spent: b.applied.opt_ins_spent.clone(),
        requests_done: b.applied.requests_done.clone(),
        purge_ids: b.applied.purge_ids.clone(),
        retired: b.applied.retired.clone(),
        returned: b
            .applied
            .returned
            .iter()
            .map(|&i| b.customers[i].id.to_string())
            .collect(),
        book_values: std::mem::take(&mut b.book_values),
        open_pairs,
        open_invoices,
        invoice_decisions: std::mem::take(&mut b.matching.invoice_decided.keep),
    }
}

/// The audit log's lines for this run: the run itself, requests
/// carried out today, deletions and expiries (by id and count only: no personal value stays in
/// the state), decisions read, customers who returned.
fn audit_lines(b: &pipeline::Built) -> Vec<AuditLine> {
    let today = b.run.today;
    let mut audit = vec![AuditLine::new(
        "clean",
        serde_json::json!({
            "inputs": b.ing.files.iter().map(|f| serde_json::json!({"file": f.display, "blake3": f.hash, "bytes": f.bytes})).collect::<Vec<_>>(),
            "counts": b.accounted.counts,
            "as_of": today.to_string(),
            "returned": b.applied.returned.len(),
            "gone_from_book": b.gone_from_book,
            "requests": {
                "received": b.applied.requests.len(),
                "overdue": b.applied.requests.iter().filter(|o| o.overdue).count(),
                "late": b.applied.requests.iter().filter(|o| o.late).count(),
            },
        }),
    )];
    let today_s = today.format("%Y-%m-%d").to_string();
    for o in b
        .applied
        .requests
        .iter()
        .filter(|o| o.done_on.as_deref() == Some(today_s.as_str()))
    {
        match (&o.request, &o.status) {
            (Some(r), policy::RequestStatus::Applied { customer_id }) => {
                audit.push(AuditLine::new(
                    format!("request:{}", r.kind.key()),
                    serde_json::json!({ "row": o.row, "customer_id": customer_id, "received": r.received.map(|d| d.to_string()), "channel": r.channel }),
                ));
            }
            // By the deletion's day and the count of identifiers: the state names no one.
            (
                Some(r),
                policy::RequestStatus::Readmitted {
                    lifted,
                    deleted_on,
                    customer_id,
                },
            ) => {
                audit.push(AuditLine::new(
                    format!("request:{}", r.kind.key()),
                    serde_json::json!({ "row": o.row, "received": r.received.map(|d| d.to_string()), "channel": r.channel, "deleted_on": deleted_on, "lifted": lifted, "customer_id": customer_id }),
                ));
            }
            _ => {}
        }
    }
    for (i, f) in b.applied.fate.iter().enumerate() {
        if let Some((act @ (Action::Deleted | Action::Expired), _)) = f {
            audit.push(AuditLine::new(
                act.as_str(),
                serde_json::json!({ "customer_id": b.customers[i].id, "rows": b.customers[i].rows.len() }),
            ));
        }
    }
    if !b.matching.new_decisions.is_empty() {
        let merge = b.matching.new_decisions.iter().filter(|d| d.merge).count();
        audit.push(AuditLine::new(
            "decisions",
            serde_json::json!({ "merge": merge, "keep_apart": b.matching.new_decisions.len() - merge }),
        ));
    }
    if let Some(detail) = b.matching.invoice_decided.audit() {
        audit.push(AuditLine {
            kind: "invoice_decisions".into(),
            detail,
        });
    }
    for &i in &b.applied.returned {
        audit.push(AuditLine::new(
            "returned",
            serde_json::json!({ "customer_id": b.customers[i].id }),
        ));
    }
    audit
}

fn print_timings(timings: &output::Timings, pairs: u64, lang: Lang) {
    eprint!("{}", timings.table(pairs, lang));
}

/// The output folder must not be an input file, and no output may land on an input.
fn check_out_dir(out: &Path, inputs: &[PathBuf], lang: Lang) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(BadInput(pick(
            lang,
            format!("--out «{}» là một tệp, không phải thư mục. Chọn một thư mục (sẽ được tạo nếu chưa có).", out.display()),
            format!("--out «{}» is a file, not a folder. Name a folder (it is created if absent).", out.display()),
        ))
        .into());
    }
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    // --out may sit inside an input folder (it is then never read), but may not be one.
    if let Some(o) = canon(out) {
        if inputs.iter().any(|i| canon(i).as_ref() == Some(&o)) {
            let names = format!("{BOOK}, {REPORT}, {LINEAGE}, {CHANGES}");
            return Err(BadInput(pick(
                lang,
                format!("thư mục --out «{}» cũng là thư mục đầu vào: kết quả ({names}) có thể ghi đè lên tệp đầu vào. Chọn thư mục --out khác, ví dụ một thư mục con.", out.display()),
                format!("--out «{}» is also an input folder: the outputs ({names}) could overwrite inputs. Choose another --out, e.g. a subfolder.", out.display()),
            ))
            .into());
        }
    }
    for name in [BOOK, REPORT, LINEAGE, CHANGES] {
        let target = out.join(name);
        let Some(t) = canon(&target) else { continue };
        for input in inputs {
            if canon(input).as_ref() == Some(&t) {
                return Err(BadInput(pick(
                    lang,
                    format!(
                        "kết quả «{}» sẽ ghi đè lên tệp đầu vào. Chọn thư mục --out khác.",
                        target.display()
                    ),
                    format!(
                        "output «{}» would overwrite an input. Choose another --out folder.",
                        target.display()
                    ),
                ))
                .into());
            }
        }
    }
    Ok(())
}

/// Every opt-out the book shows after this run, remembered: a request's, and one the office
/// typed into the book's «Ngừng quảng cáo» or a web export's consent column said. A customer's
/// «no» then holds when that cell or column is gone next week (a column deleted, an older copy
/// of the book restored, a mailing run over other ledgers); before, only a request's did.
fn opt_outs_shown(b: &pipeline::Built) -> Vec<String> {
    let mut ids = b.applied.opt_outs.clone();
    ids.extend(
        b.customers
            .iter()
            .zip(&b.applied.fate)
            .filter(|(c, fate)| c.no_marketing && fate.is_none())
            .map(|(c, _)| c.id.to_string()),
    );
    ids.sort_unstable();
    ids.dedup();
    ids
}
