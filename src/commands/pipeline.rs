//! The stages wired together, shared by `clean`, `mailing` and `export-subject`: ingest →
//! normalize → match → merge → policy, with the state store. Nothing here writes outputs.

use super::clean::REPORT;
use crate::cli::InputArgs;
use crate::error::{BadInput, InputProblem};
use crate::i18n::{pick, Lang, L};
use crate::ingest::{self, Ingested, SkipReason};
use crate::matching::{self, Decision, MatchResult};
use crate::merge::{self, Customer, IdAssignment};
use crate::model::{Action, Finding, Severity};
use crate::normalize::{self, Context, Norm};
use crate::output::{self, Counts, LineageLine, Timings};
use crate::policy::{self, Applied, Policy};
use crate::progress::Progress;
use crate::state::{Fp, Store};
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What a run is asked to do.
pub struct Params<'a> {
    pub input: &'a InputArgs,
    pub out: &'a Path,
    pub lang: Lang,
    pub as_of: Option<&'a str>,
    pub skip_bad: bool,
    pub decisions: Option<&'a PathBuf>,
}

/// Everything the stages produced, for a command to write.
pub struct Built {
    pub today: chrono::NaiveDate,
    pub policy: Policy,
    pub store: Store,
    pub ing: Ingested,
    pub norms: Vec<Norm>,
    pub findings: Vec<Finding>,
    pub fps: Vec<Fp>,
    pub matched: MatchResult,
    pub customers: Vec<Customer>,
    pub ids: IdAssignment,
    pub applied: Applied,
    pub removed_row: Vec<bool>,
    pub lineage: Vec<LineageLine>,
    pub counts: Counts,
    pub timings: Timings,
    pub new_decisions: Vec<(Fp, Fp, bool)>,
}

pub fn build(a: &Params<'_>, progress: &mut Progress) -> Result<Built> {
    let lang = a.lang;
    let mut timings = Timings::default();
    let today = match a.as_of {
        Some(s) => super::parse_cli_date(s, lang)?,
        None => chrono::Local::now().date_naive(),
    };
    let out_dir = a.out.to_path_buf();
    let mut opts = super::ingest_options(a.input, lang)?;
    let (policy, _) = Policy::load(Path::new("."))?;
    opts.overrides = policy.columns.clone();
    // A run never reads its own outputs back, even when --out lies inside an input folder.
    opts.exclude = vec![a.out.to_path_buf(), PathBuf::from(&policy.requests.file)];

    let mut t = Instant::now();
    progress.stage(L("Đọc sổ sách…", "Reading ledgers…").t(lang));
    // Each file is normalised as soon as it is read, while bigger files are still being read.
    // "ingest" lasts until the last file is read; "normalize" is what remains after it.
    let ctx = Context { today };
    let read_done = std::sync::Mutex::new((t, 0.0f64));
    let (ing, parts) = ingest::read_all_then(&a.input.inputs, &opts, |rows| {
        {
            let now = Instant::now();
            let cpu = crate::progress::cpu_seconds().unwrap_or(0.0);
            let mut d = read_done.lock().unwrap_or_else(|e| e.into_inner());
            if now > d.0 {
                *d = (now, cpu);
            }
        }
        normalize::normalize_all(rows, &ctx)
    });
    let (read_end, read_cpu) = read_done.into_inner().unwrap_or_else(|e| e.into_inner());
    t = timings.add_until("ingest", t, read_end, read_cpu);
    if !ing.problems.is_empty() {
        // Problems are errors: printed even with --quiet.
        progress.done();
        for p in &ing.problems {
            eprintln!("sokhach: {}", p.message(lang));
        }
        if !a.skip_bad {
            progress.done();
            let n = ing.problems.len();
            return Err(BadInput(pick(
                lang,
                format!("{n} tệp đầu vào có vấn đề (xem trên); chưa ghi gì. Sửa tệp, hoặc chạy lại với --skip-bad để bỏ qua chúng."),
                format!("{n} input(s) have problems (see above); nothing was written. Fix them, or run again with --skip-bad to leave them out."),
            ))
            .into());
        }
    }
    if ing.sources.is_empty() {
        return Err(BadInput(pick(
            lang,
            "không có sổ khách hàng nào đọc được trong các tệp đã cho.".into(),
            "no readable customer ledger in the given inputs.".into(),
        ))
        .into());
    }

    progress.stage(L("Chuẩn hóa…", "Normalising…").t(lang));
    let (norms, findings) = normalize::concat(parts);
    if norms.len() != ing.rows.len() {
        anyhow::bail!(
            "lỗi nội bộ / internal error: {} rows read, {} normalised",
            ing.rows.len(),
            norms.len()
        );
    }
    t = timings.add("normalize", t);

    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("không tạo được thư mục {}", out_dir.display()))?;
    let store = Store::open(&out_dir)?;
    let keyer = store.keyer();
    let fps: Vec<Fp> = norms
        .par_iter()
        .map(|n| merge::row_fingerprint(&keyer, n))
        .collect();
    let new_decisions = read_decisions(a.decisions, &out_dir)?;
    let decided: Vec<(Fp, Fp, bool)> = store
        .decisions()?
        .into_iter()
        .chain(new_decisions.iter().copied())
        .collect();
    // The first row of each fingerprint a decision names (decisions are few, rows many).
    let mut fp_row: HashMap<Fp, u32> = decided
        .iter()
        .flat_map(|d| [(d.0, u32::MAX), (d.1, u32::MAX)])
        .collect();
    if !fp_row.is_empty() {
        for (i, fp) in fps.iter().enumerate() {
            if let Some(r) = fp_row.get_mut(fp) {
                *r = (*r).min(i as u32);
            }
        }
        fp_row.retain(|_, r| *r != u32::MAX);
    }
    let mut decisions: Vec<Decision> = Vec::new();
    for (fa, fb, m) in decided {
        if let (Some(&ra), Some(&rb)) = (fp_row.get(&fa), fp_row.get(&fb)) {
            decisions.push(Decision {
                a: ra,
                b: rb,
                merge: m,
            });
        }
    }

    drop(fp_row);
    progress.stage(L("Tìm khách hàng trùng…", "Matching…").t(lang));
    let matched = matching::find_customers_timed(&norms, &decisions, &mut |stage| {
        t = timings.add(stage, t);
    });

    progress.stage(L("Gộp…", "Merging…").t(lang));
    let groups = matched.clusters.groups();
    let known = store.row_ids()?;
    let ids = merge::assign_ids(&groups, &fps, &known, store.next_id_counter()?);
    drop(known);
    let mut customers: Vec<Customer> = groups
        .into_par_iter()
        .map(|g| merge::survive(g, &norms, &ing.rows, &ing.sources))
        .collect();
    for (c, id) in customers.iter_mut().zip(&ids.ids) {
        c.id = id.as_str().into();
    }
    t = timings.add("merge", t);

    let (requests, bad_requests) = policy::requests::read(Path::new(&policy.requests.file), today)?;
    let remembered = policy::Remembered {
        suppression: store.suppression()?,
        corrections: store.corrections()?,
        opt_outs: store.opt_outs()?,
        aliases: store.aliases()?,
        requests_done: store.requests_done()?,
    };
    let applied = policy::apply(
        &mut customers,
        &norms,
        policy::PolicyInput {
            policy: &policy,
            requests,
            bad_requests,
            today,
            keyer,
            remembered,
            lang,
        },
    );
    let mut removed_row = vec![false; ing.rows.len()];
    for (i, c) in customers.iter().enumerate() {
        if applied.fate[i].is_some() {
            for &r in &c.rows {
                removed_row[r as usize] = true;
            }
        }
    }

    // Lineage: every data row once, and every file left out.
    let mut lineage: Vec<LineageLine> = Vec::with_capacity(ing.rows.len() + ing.skipped.len());
    let new_customer = L(
        "khách hàng mới hoặc dòng đầu tiên của khách hàng",
        "new customer or its first row",
    )
    .t(lang);
    let decided = L("theo quyết định của người dùng", "by a person's decision").t(lang);
    let mut row_line: Vec<Option<(u32, Action, Arc<str>)>> = vec![None; ing.rows.len()];
    let new_customer: Arc<str> = Arc::from(new_customer);
    let decided: Arc<str> = Arc::from(decided);
    let invoice_kept = L(
        "hóa đơn giữ lại cho kế toán, đã bỏ thông tin cá nhân",
        "invoice kept for the accounts, personal fields removed",
    )
    .t(lang);
    // Merge reasons repeat (the same comparisons agreeing, the same score to one decimal):
    // one shared string for each.
    let mut merge_reasons: rustc_hash::FxHashMap<(u32, String), Arc<str>> = Default::default();
    for (gi, g) in customers.iter().map(|c| &c.rows).enumerate() {
        for (k, &r) in g.iter().enumerate() {
            let (action, reason) = if let Some((act, why)) = &applied.fate[gi] {
                let raw = &ing.rows[r as usize];
                if ing.sources[raw.source as usize].kind == crate::model::SourceKind::Invoices {
                    (*act, Arc::from(format!("{why}; {invoice_kept}")))
                } else {
                    (*act, Arc::from(why.as_str()))
                }
            } else if k == 0 {
                (Action::Kept, Arc::clone(&new_customer))
            } else {
                let why = match &matched.link[r as usize] {
                    Some(e) => {
                        let shown = format!("{:.1}", e.score);
                        let text = || {
                            Arc::from(format!(
                                "{} ({} {shown})",
                                e.reasons(lang),
                                L("điểm", "score").t(lang),
                            ))
                        };
                        Arc::clone(
                            merge_reasons
                                .entry((e.flags, shown.clone()))
                                .or_insert_with(text),
                        )
                    }
                    None => Arc::clone(&decided),
                };
                (Action::Merged, why)
            };
            row_line[r as usize] = Some((gi as u32, action, reason));
        }
    }
    // One shared string per source, customer id and fixed reason: a million lineage lines
    // must not mean millions of copies.
    let names: Vec<(Arc<str>, Arc<str>)> = ing
        .sources
        .iter()
        .map(|s| {
            (
                Arc::from(s.file.as_str()),
                Arc::from(s.sheet.as_deref().unwrap_or("")),
            )
        })
        .collect();
    let id_arcs: Vec<Arc<str>> = customers.iter().map(|c| Arc::from(c.id.as_str())).collect();
    let empty: Arc<str> = Arc::from("");
    for (i, raw) in ing.rows.iter().enumerate() {
        let (file, sheet) = &names[raw.source as usize];
        let (gi, action, reason) =
            row_line[i]
                .take()
                .unwrap_or((u32::MAX, Action::Skipped, Arc::clone(&empty)));
        lineage.push(LineageLine {
            src: raw.source,
            file: Arc::clone(file),
            sheet: Arc::clone(sheet),
            row: Some(raw.row),
            idx: Some(i as u32),
            customer_id: id_arcs
                .get(gi as usize)
                .cloned()
                .unwrap_or_else(|| Arc::clone(&empty)),
            action,
            reason,
        });
    }
    let skip_reasons: Vec<Arc<str>> = [
        L("dòng trống", "blank row"),
        L("dòng tổng cộng", "totals row"),
        L(
            "không có tên, điện thoại, email hay MST",
            "no name, phone, email or tax code",
        ),
        L(
            "dòng có quá nhiều cột, không đọc được",
            "row has too many columns to read",
        ),
    ]
    .iter()
    .map(|l| Arc::from(l.t(lang)))
    .collect();
    for sk in &ing.skipped {
        let (file, sheet) = &names[sk.source as usize];
        let reason = match sk.reason {
            SkipReason::Blank => 0,
            SkipReason::Totals => 1,
            SkipReason::NoIdentity => 2,
            SkipReason::TooWide => 3,
        };
        lineage.push(LineageLine {
            src: sk.source,
            file: Arc::clone(file),
            sheet: Arc::clone(sheet),
            row: Some(sk.row),
            idx: None,
            customer_id: Arc::clone(&empty),
            action: Action::Skipped,
            reason: Arc::clone(&skip_reasons[reason]),
        });
    }
    // In file order: source by source, row by row.
    lineage.par_sort_by_key(|l| (l.src, l.row));
    for p in &ing.problems {
        lineage.push(LineageLine {
            src: u32::MAX,
            file: Arc::from(p.file.as_str()),
            sheet: Arc::from(p.sheet.as_deref().unwrap_or("")),
            row: None,
            idx: None,
            customer_id: Arc::clone(&empty),
            action: Action::Skipped,
            reason: Arc::from(p.message(lang)),
        });
    }

    let count = |a: Action| {
        lineage
            .iter()
            .filter(|l| l.row.is_some() && l.action == a)
            .count() as u64
    };
    let counts = Counts {
        files: ing.files.len(),
        tables: ing.sources.len(),
        rows_read: (ing.rows.len() + ing.skipped.len()) as u64,
        kept: count(Action::Kept),
        merged: count(Action::Merged),
        deleted: count(Action::Deleted),
        expired: count(Action::Expired),
        suppressed: count(Action::Suppressed),
        skipped: count(Action::Skipped),
        customers: applied.fate.iter().filter(|f| f.is_none()).count() as u64,
        values_changed: findings
            .iter()
            .filter(|f| f.severity == Severity::Changed)
            .count() as u64,
        values_to_check: findings
            .iter()
            .filter(|f| f.severity == Severity::Check)
            .count() as u64,
        review_pairs: matched
            .review
            .iter()
            .filter(|p| !removed_row[p.a as usize] && !removed_row[p.b as usize])
            .count() as u64,
        candidate_pairs: matched.candidate_pairs as u64,
        files_skipped: ing.problems.len() as u64,
    };
    debug_assert!(counts.balanced());
    // The policy stage ends with every row's fate written down.
    timings.add("policy", t);

    Ok(Built {
        today,
        policy,
        store,
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
        timings,
        new_decisions,
    })
}

pub fn hex(fp: &Fp) -> String {
    fp.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Fp> {
    let s = s.trim();
    if s.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Decisions from the review sheet of `--decisions FILE`, or of the previous report in the
/// output folder.
fn read_decisions(decisions: Option<&PathBuf>, out: &Path) -> Result<Vec<(Fp, Fp, bool)>> {
    let path = match decisions {
        Some(p) => p.clone(),
        None => out.join(REPORT),
    };
    if !path.exists() {
        if decisions.is_some() {
            return Err(InputProblem::new(
                path.display().to_string(),
                crate::error::ProblemKind::NotFound,
            )
            .into());
        }
        return Ok(Vec::new());
    }
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = match open_workbook_auto(&path) {
        Ok(wb) => wb,
        Err(e) if decisions.is_some() => {
            return Err(InputProblem::new(
                path.display().to_string(),
                crate::error::ProblemKind::Corrupt(e.to_string()),
            )
            .into())
        }
        Err(_) => return Ok(Vec::new()),
    };
    let sheet_names = [
        output::report::SHEET_REVIEW.t(Lang::Vi),
        output::report::SHEET_REVIEW.t(Lang::En),
    ];
    let Some(name) = wb
        .sheet_names()
        .into_iter()
        .find(|n| sheet_names.contains(&n.as_str()))
    else {
        return Ok(Vec::new());
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Ok(Vec::new());
    };
    let find = |l: L| {
        header
            .iter()
            .position(|c| matches!(c, Data::String(s) if s == l.0 || s == l.1))
    };
    let (Some(cd), Some(ca), Some(cb)) = (
        find(output::report::COL_DECISION),
        find(output::report::COL_KEY_A),
        find(output::report::COL_KEY_B),
    ) else {
        return Ok(Vec::new());
    };
    let yes = crate::normalize::text::fold_key(output::report::MERGE_YES.0);
    let no = crate::normalize::text::fold_key(output::report::MERGE_NO.0);
    let mut out_d = Vec::new();
    for row in rows {
        let text = |i: usize| row.get(i).map(|c| c.to_string()).unwrap_or_default();
        let d = crate::normalize::text::fold_key(&text(cd));
        let merge = if d == yes || d == "merge" || d == "co" || d == "yes" {
            true
        } else if d == no || d == "keep apart" || d == "khong" || d == "no" {
            false
        } else {
            continue;
        };
        if let (Some(fa), Some(fb)) = (unhex(&text(ca)), unhex(&text(cb))) {
            out_d.push((fa, fb, merge));
        }
    }
    Ok(out_d)
}
