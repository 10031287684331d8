//! `sokhach clean FILES… --out DIR`: the weekly run.
//!
//! The stages run in `pipeline`; this command writes the cleaned book, the change report, the
//! lineage file (and the accountant's workbook when invoice listings are among the inputs), then
//! commits the state store. Nothing is written when an input cannot be read (unless
//! `--skip-bad`); outputs appear whole or not at all.

use super::pipeline;
use crate::cli::{CleanArgs, Global};
use crate::error::{BadInput, ExitCode};
use crate::i18n::{pick, Lang, L};
use crate::matching;
use crate::model::Action;
use crate::output;
use crate::policy;
use crate::progress::Progress;
use crate::state::RunRecord;
use anyhow::Result;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub const BOOK: &str = output::book::FILE;
pub const REPORT: &str = "bao-cao-thay-doi.xlsx";
pub const LINEAGE: &str = output::lineage::FILE;
pub const CHANGES: &str = output::changes::FILE;

pub fn run(a: &CleanArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    check_out_dir(&a.out, &a.input.inputs, lang)?;
    let mut progress = Progress::new(g.quiet);
    let params = pipeline::Params {
        input: &a.input,
        out: &a.out,
        lang,
        as_of: a.as_of.as_deref(),
        skip_bad: a.skip_bad,
        decisions: a.decisions.as_ref(),
    };
    let pipeline::Built {
        today,
        policy,
        mut store,
        ing,
        norms,
        findings,
        fps,
        matched,
        customers,
        ids,
        applied,
        removed_row,
        lineage,
        counts,
        mut timings,
        new_decisions,
    } = pipeline::build(&params, &mut progress)?;
    let out_dir = a.out.clone();
    output::sweep_stale(&out_dir);
    let mut t = std::time::Instant::now();
    progress.stage(L("Ghi kết quả…", "Writing outputs…").t(lang));
    // Deleted, expired and suppressed people appear in no report in plain text.
    let review: Vec<matching::ReviewPair> = matched
        .review
        .iter()
        .filter(|p| !removed_row[p.a as usize] && !removed_row[p.b as usize])
        .cloned()
        .collect();
    let review_keys: Vec<(String, String)> = review
        .iter()
        .map(|p| {
            (
                pipeline::hex(&fps[p.a as usize]),
                pipeline::hex(&fps[p.b as usize]),
            )
        })
        .collect();
    let findings: Vec<crate::model::Finding> = findings
        .into_iter()
        .map(|mut f| {
            if removed_row[f.row as usize] {
                let i = f.row as usize;
                let (old, new) = crate::normalize::finding_values(&f, &ing.rows[i], &norms[i]);
                let (old, new) = (policy::mask(old), policy::mask(new));
                crate::normalize::set_finding_values(&mut f, &old, &new);
            }
            f
        })
        .collect();
    let mut policy_lines = vec![(
        L("Ngày chạy (as-of)", "Run date (as-of)")
            .t(lang)
            .to_string(),
        today.format("%d/%m/%Y").to_string(),
    )];
    policy_lines.extend(policy.describe(lang));
    let keep: Vec<bool> = applied.fate.iter().map(|f| f.is_none()).collect();
    let book = output::book::BookInput {
        lang,
        customers: &customers,
        keep: &keep,
        raw: &ing.rows,
        sources: &ing.sources,
        show_2025: a.province_2025 || policy.output.province_2025,
    };
    let mut staged: Vec<output::Staged> = Vec::new();
    // The accountant's workbook, when invoice listings are inputs.
    let accounts = if output::accounts::has_invoices(&ing.sources) {
        let mut customer_of = vec![0u32; ing.rows.len()];
        for (ci, c) in customers.iter().enumerate() {
            for &r in &c.rows {
                customer_of[r as usize] = ci as u32;
            }
        }
        let parse = |s: &Option<String>| {
            s.as_deref()
                .map(|d| super::parse_cli_date(d, lang))
                .transpose()
        };
        Some((customer_of, parse(&a.from)?, parse(&a.to)?))
    } else {
        None
    };
    let write_accounts = || -> Result<Option<output::Staged>> {
        let Some((customer_of, from, to)) = &accounts else {
            return Ok(None);
        };
        let input = output::accounts::AccountsInput {
            lang,
            raw: &ing.rows,
            sources: &ing.sources,
            norms: &norms,
            customers: &customers,
            customer_of,
            removed: &applied.masked,
            from: *from,
            to: *to,
        };
        Ok(Some(output::accounts::write(
            &out_dir.join(output::accounts::FILE),
            &input,
        )?))
    };
    let report = output::report::ReportInput {
        lang,
        ing: &ing,
        norms: &norms,
        findings: &findings,
        review: &review,
        review_keys: &review_keys,
        lineage: &lineage,
        counts: &counts,
        timings: &timings,
        policy_lines: &policy_lines,
        customers: &customers,
        applied: &applied,
        today,
    };
    let mut audit = vec![(
        "clean".to_string(),
        serde_json::json!({
            "inputs": ing.files.iter().map(|f| serde_json::json!({"file": f.display, "blake3": f.hash, "bytes": f.bytes})).collect::<Vec<_>>(),
            "counts": counts,
            "as_of": today.to_string(),
        })
        .to_string(),
    )];
    for o in applied
        .requests
        .iter()
        .filter(|o| o.done_on.as_deref() == Some(today.format("%Y-%m-%d").to_string().as_str()))
    {
        if let (Some(r), policy::RequestStatus::Applied { customer_id }) = (&o.request, &o.status) {
            audit.push((
                format!("request:{}", r.kind.label(Lang::En).to_lowercase()),
                serde_json::json!({ "row": o.row, "customer_id": customer_id, "received": r.received.map(|d| d.to_string()), "channel": r.channel }).to_string(),
            ));
        }
    }
    for (i, f) in applied.fate.iter().enumerate() {
        if let Some((act @ (Action::Deleted | Action::Expired), _)) = f {
            audit.push((
                act.as_str().to_string(),
                serde_json::json!({ "customer_id": customers[i].id, "masked": applied.masked.get(&i), "rows": customers[i].rows.len() }).to_string(),
            ));
        }
    }
    let record = RunRecord {
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        row_ids: ids.new_fps,
        ids: ids.ids,
        aliases: ids.aliases,
        decisions: new_decisions,
        next_id: ids.next_id,
        audit,
        suppress: applied.suppress.clone(),
        corrections: applied.corrections.clone(),
        opt_outs: applied.opt_outs.clone(),
        requests_done: applied.requests_done.clone(),
    };
    type Writer<'w> = Box<dyn Fn() -> Result<Option<output::Staged>> + Sync + 'w>;
    let writers: Vec<(&str, Writer<'_>)> = vec![
        (
            "book",
            Box::new(|| output::book::write(&out_dir.join(BOOK), &book).map(Some)),
        ),
        (
            "lineage",
            Box::new(|| output::lineage::write(&out_dir.join(LINEAGE), &lineage).map(Some)),
        ),
        (
            "changes",
            Box::new(|| output::changes::write(&out_dir.join(CHANGES), &report).map(Some)),
        ),
        ("accounts", Box::new(write_accounts)),
        (
            "report",
            Box::new(|| output::report::write(&out_dir.join(REPORT), &report).map(Some)),
        ),
    ];
    // Independent files, written side by side (one task each, so a core that finishes one
    // takes the next); the whole set is put in place at once.
    // The state store takes this run's results alongside, in a transaction committed only
    // once the outputs are in place (a run killed before that leaves last week's state).
    let (written, (state_staged, state_secs)) = rayon::join(
        || {
            writers
                .par_iter()
                .with_max_len(1)
                .map(|(_, w)| {
                    let t0 = std::time::Instant::now();
                    (w(), t0.elapsed().as_secs_f64())
                })
                .collect::<Vec<(Result<Option<output::Staged>>, f64)>>()
        },
        || {
            let t0 = std::time::Instant::now();
            (store.stage(&record), t0.elapsed().as_secs_f64())
        },
    );
    let mut took = Vec::new();
    for ((name, _), (r, secs)) in writers.iter().zip(written) {
        staged.extend(r?);
        took.push(format!("{name} {secs:.2} s"));
    }
    took.push(format!("state {state_secs:.2} s"));
    drop(writers);
    state_staged?;
    output::publish_all(staged)?;
    if a.timings {
        eprintln!("  (write, side by side: {})", took.join(", "));
    }
    t = timings.add("write", t);

    store.finish()?;
    timings.add("state", t);
    progress.done();
    // A million-row run holds ~2 GB in millions of small allocations; freeing them one by one
    // takes most of a second that nobody needs to wait for, as the process is about to end.
    // They are let go on a thread the exit does not wait for.
    let partial = !ing.problems.is_empty();
    let held = (
        ing,
        norms,
        findings,
        fps,
        matched,
        customers,
        lineage,
        applied,
        removed_row,
        review,
    );
    std::thread::spawn(move || drop(held));

    if !g.quiet {
        eprintln!(
            "{}",
            pick(
                lang,
                format!(
                    "Đã đọc {} dòng → {} khách hàng ({} dòng gộp, {} bỏ qua); {} giá trị chuẩn hóa, {} cần kiểm tra, {} cặp cần xem xét. Kết quả trong {}",
                    counts.rows_read, counts.customers, counts.merged, counts.skipped, counts.values_changed, counts.values_to_check, counts.review_pairs, out_dir.display()
                ),
                format!(
                    "Read {} rows → {} customers ({} merged, {} skipped); {} values normalised, {} to check, {} pairs to review. Outputs in {}",
                    counts.rows_read, counts.customers, counts.merged, counts.skipped, counts.values_changed, counts.values_to_check, counts.review_pairs, out_dir.display()
                ),
            )
        );
    }
    if a.timings {
        for (((stage, secs), mb), cpu) in timings
            .stages
            .iter()
            .zip(&timings.peak_mb)
            .zip(&timings.cpu)
        {
            eprintln!("  {stage:<10} {secs:>8.2} s   (peak so far {mb:.0} MB)   cpu {cpu:.2} s");
        }
        let total: f64 = timings.stages.iter().map(|(_, s)| s).sum();
        eprintln!("  {:<10} {total:>8.2} s", "total");
        if let Some(mb) = crate::progress::peak_memory_mb() {
            eprintln!("  {:<10} {mb:>8.0} MB", "peak-mem");
        }
        eprintln!("  {:<10} {:>8}", "pairs", counts.candidate_pairs);
    }
    Ok(if partial {
        ExitCode::Partial
    } else {
        ExitCode::Ok
    })
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
