//! The stages wired together, shared by `clean`, `mailing` and `export-subject`: ingest →
//! normalize → match → merge → policy, with the state store. Nothing here writes outputs.

use crate::error::{BadInput, InputProblem};
use crate::i18n::{pick, Lang, L};
use crate::ingest::{self, Ingested};
use crate::keys::{unhex, Decided, Fp, Keyer, ValueHashes};
use crate::matching::{self, Decision, MatchResult, ReviewPair, Written};
use crate::merge::attribute::decisions::{Made, Target};
use crate::merge::{self, book::BookRows, Customer, IdAssignment};
use crate::model::{Finding, SourceKind};
use crate::normalize::{self, Context, Norm, Text};
use crate::output::accounts::{COL_DECISION, COL_KEY, FILE, NOT_IN_BOOK, SHEET_BUYERS};
use crate::output::{self, Counts, Lineage, Timings, REPORT};
use crate::policy::{self, Applied, Policy};
use crate::progress::Progress;
use crate::state::{Memory, Retired, Store};
use crate::workspace::{Session, Workspace};
use anyhow::Result;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a run is asked to do.
pub struct Params<'a> {
    pub inputs: &'a [PathBuf],
    /// `--encoding`, when given.
    pub encoding: Option<&'a str>,
    /// The output folder (never read as an input; its previous report holds decisions).
    pub out: &'a Path,
    pub lang: Lang,
    pub today: chrono::NaiveDate,
    pub skip_bad: bool,
    /// `--decisions` files: change reports and the accountant's ke-toan.xlsx.
    pub decisions: Option<&'a [PathBuf]>,
    /// Customers whose copy `export-subject` writes in this run.
    pub exported: Vec<String>,
}

/// What the run is, beside its data: where it remembers and what it was asked for.
pub struct RunInfo {
    pub lang: Lang,
    pub today: chrono::NaiveDate,
    pub workspace: Option<Workspace>,
    /// Whether the run's results are to be kept in the state.
    pub remembers: bool,
    pub requests_book: Option<PathBuf>,
}

/// The keys rows are known by in the state.
pub struct RowKeys {
    /// Each row's fingerprint (its identifying values, keyed).
    pub fps: Vec<Fp>,
    /// Keys of the rows for review decisions (empty: the fingerprints).
    pub decision_keys: Vec<Fp>,
}

impl RowKeys {
    /// The key a review decision on row `i` is stored under.
    pub fn decision_key(&self, i: u32) -> Fp {
        self.decision_keys
            .get(i as usize)
            .copied()
            .unwrap_or(self.fps[i as usize])
    }

    /// Every row's decision key.
    fn for_decisions(&self) -> &[Fp] {
        if self.decision_keys.is_empty() {
            &self.fps
        } else {
            &self.decision_keys
        }
    }
}

/// The rows read and what is known of them before matching.
struct Rows<'a> {
    ing: &'a Ingested,
    norms: &'a [Norm],
    keys: &'a RowKeys,
    book: &'a BookRows,
}

/// The merge stage's result: customers with their ids.
struct Merged {
    matched: MatchResult,
    invoice_decided: merge::attribute::decisions::Outcome,
    attribution: merge::attribute::Attributions,
    customers: Vec<Customer>,
    ids: IdAssignment,
}

/// Every row accounted for, as the outputs tell it.
pub struct Accounted {
    /// Rows of customers the policy took out of the book.
    pub removed_row: Vec<bool>,
    pub lineage: Lineage,
    pub counts: Counts,
    /// Invoice lines repeating another listing's line, and the line they repeat: counted once.
    pub repeats: HashMap<u32, u32>,
}

/// What matching and merging found beside the customers, and the people's decisions they
/// followed.
pub struct Matching {
    pub matched: MatchResult,
    /// Invoice rows given to a book customer by attribution, and the candidates of the others.
    pub attribution: merge::attribute::Attributions,
    pub ids: IdAssignment,
    /// Review decisions read from the report this run.
    pub new_decisions: Vec<Decided>,
    /// Decision cells that read as neither «Gộp» nor «Không gộp»: «text» (row).
    pub unread_decisions: Vec<String>,
    /// Per decision of `new_decisions`: both its rows are among this run's (it was applied).
    pub new_matched: Vec<bool>,
    /// What became of the accountant's decisions on invoices read this run.
    pub invoice_decided: merge::attribute::decisions::Outcome,
}

/// Everything the stages produced, for a command to write: the run, its inputs (read,
/// normalised, keyed), the customers, what matching found, the policy's result, and every row
/// accounted for.
pub struct Built {
    pub run: RunInfo,
    pub policy: Policy,
    pub store: Store,
    pub ing: Ingested,
    pub norms: Vec<Norm>,
    pub findings: Vec<Finding>,
    pub keys: RowKeys,
    pub customers: Vec<Customer>,
    pub matching: Matching,
    pub applied: Applied,
    pub accounted: Accounted,
    /// The state's hashes of the book's values (empty when the run remembers nothing).
    pub book_values: Vec<(Text, ValueHashes)>,
    /// Ids of the last run's book that no customer of this run has (see [`gone_from_book`]).
    pub gone_from_book: Vec<String>,
    /// The adopted book's sheets read without their `Mã KH` column, and how many of their rows
    /// were recognised ([`merge::book::recover_ids`]).
    pub ids_recovered: Vec<merge::book::Recovered>,
    pub timings: Timings,
}

/// The run as named stages: read and normalise, key the rows, match, merge, apply the policy,
/// account for every row. Each stage takes what the ones before it produced.
pub fn build(a: &Params<'_>, session: Session, progress: &mut Progress) -> Result<Built> {
    let Session {
        workspace,
        policy,
        store,
        remembers,
        ..
    } = session;
    let mut timings = Timings::default();
    let (read, memory) = read_beside_the_state(&store, || {
        read_and_normalize(a, &policy, workspace.as_ref(), &mut timings, progress)
    })?;
    let (mut ing, mut norms, mut findings) = read?;
    let Memory {
        known_ids,
        aliases,
        book_values,
        row_ids,
    } = memory;
    let mut t = Instant::now();
    let mut book = adopt_book(
        (&store, known_ids, &aliases, book_values),
        &mut ing,
        &mut norms,
        &mut findings,
    );
    let keys = row_keys(&norms, &book, &store.keyer());
    merge::book::claim_known_rows(
        &mut book,
        (&ing.rows, &norms, &ing.sources),
        &keys.fps,
        &row_ids,
    );
    // Rows typed into the adopted book (no id of ours): a decision's key names one only when no
    // customer of the book answers to it.
    let typed_now = |r: u32| book.typed_now(&ing.rows, r);
    let said = read_what_people_said(
        a,
        workspace.as_ref(),
        &store,
        &norms,
        &keys,
        (&row_ids, &aliases, &typed_now),
    )?;

    progress.stage(L("Tìm khách hàng trùng…", "Matching…").t(a.lang));
    let together = written_together(&ing, &norms, &book);
    let given = (&book.labels[..], &together[..]);
    let matched = matching::find_customers_timed(&norms, &said.decisions, given, &mut |stage| {
        t = timings.add(stage, t);
        progress.step(crate::output::stage_label(stage, a.lang));
    });

    progress.stage(L("Gộp…", "Merging…").t(a.lang));
    let retired = store.retired()?;
    let rows = Rows {
        ing: &ing,
        norms: &norms,
        keys: &keys,
        book: &book,
    };
    let mut merged = merge_customers(
        matched,
        &said.decisions,
        &rows,
        (&store, row_ids, &aliases),
        &retired,
        &said.invoice_made,
        a.lang,
    )?;
    t = timings.add("merge", t);

    let applied = apply_policy(
        a,
        &policy,
        &store,
        said.requested,
        &retired,
        &rows,
        &mut merged.customers,
    )?;
    let accounting = account_for_run(
        a.lang, remembers, &rows, &merged, &applied, &findings, &store,
    )?;
    // The policy stage ends with every row's fate written down.
    timings.add("policy", t);

    Ok(Built {
        run: RunInfo {
            lang: a.lang,
            today: a.today,
            workspace,
            remembers,
            requests_book: said.requests_book,
        },
        policy,
        store,
        ing,
        norms,
        findings,
        keys,
        customers: merged.customers,
        matching: Matching {
            matched: merged.matched,
            attribution: merged.attribution,
            ids: merged.ids,
            new_decisions: said.new_decisions,
            unread_decisions: said.unread_decisions,
            new_matched: said.new_matched,
            invoice_decided: merged.invoice_decided,
        },
        applied,
        accounted: accounting.accounted,
        book_values: accounting.book_values,
        gone_from_book: accounting.gone_from_book,
        ids_recovered: book.recovered.clone(),
        timings,
    })
}

/// The adopted book's rows ([`identify_book_rows`]), and the id cell cleared where it is not
/// the book's word (another system's code kept as a note, our id in another file once read),
/// so that only the book's own rows speak for its customers; the book's findings join the run's.
fn adopt_book(
    state: StateForBook<'_>,
    ing: &mut Ingested,
    norms: &mut [Norm],
    findings: &mut Vec<Finding>,
) -> BookRows {
    // Per source: whether it is a sheet of the adopted book.
    let books: Vec<bool> = ing
        .sources
        .iter()
        .map(crate::ingest::book::is_book_source)
        .collect();
    // A tax code the book took from invoices is the invoices' word, not a clerk's: the row is
    // claimed and matched as one without a tax code (the company that has the code, typed in
    // since, is another customer), and survivorship says the code again while it holds.
    for (raw, n) in ing.rows.iter().zip(norms.iter_mut()) {
        if n.tax.is_some() && merge::book::taken_tax(raw).is_some() {
            n.tax = None;
        }
    }
    let recovered = recover_deleted_ids(ing, norms, &books, &state);
    let mut book = identify_book_rows(ing, norms, books, state);
    book.recovered = recovered;
    // Another system's codes of sokhach's form are notes, not ids.
    for &r in &book.foreign {
        let raw = &mut ing.rows[r as usize];
        let code = raw.get(crate::model::Role::CustomerId).trim().to_string();
        raw.set(crate::model::Role::CustomerId, "");
        norms[r as usize].add_note(&format!("{}: {code}", merge::OFFICE_CODE));
    }
    // Our id in another file joins its row to the customer (`book.given`), but the row is not
    // the book's: not its authority in survivorship, listed among the sources.
    for &r in &book.outside {
        ing.rows[r as usize].set(crate::model::Role::CustomerId, "");
    }
    findings.extend(book.findings.iter().cloned());
    told_once(&book, findings);
    book
}

/// A doubt about a number the book itself wrote is not raised again the week the book comes
/// back: the week its row was read, it was told («0834567890» typed in a Hồ Chí Minh City
/// row: a mobile, or the old landline 08 3456 7890?), or there was none (the book wrote the
/// mobile «01234567890» became). Raised again when a person edited the number in the book.
fn told_once(book: &BookRows, findings: &mut Vec<Finding>) {
    use crate::model::{Field, Rule};
    if book.given.is_empty()
        || !findings
            .iter()
            .any(|f| f.rule == Rule::PhoneMaybeOldLandline)
    {
        return;
    }
    let edited: rustc_hash::FxHashSet<u32> = (book.findings.iter())
        .filter(|f| f.rule == Rule::EditedInBook && f.field == Field::Phone)
        .map(|f| f.row)
        .collect();
    findings.retain(|f| {
        f.rule != Rule::PhoneMaybeOldLandline
            || !book.given.contains_key(&f.row)
            || book.outside.contains(&f.row)
            || edited.contains(&f.row)
    });
}

/// What people said for this run, read before matching: their review decisions (new and
/// remembered) and the accountant's, and the requests book's requests.
struct Said {
    /// Review decisions read from the report this run.
    new_decisions: Vec<Decided>,
    /// Decision cells read as neither (see [`ReadDecisions`]).
    unread_decisions: Vec<String>,
    /// Per decision of `new_decisions`: both its rows are among this run's.
    new_matched: Vec<bool>,
    /// Every review decision as a pair of this run's rows, and the pairs re-admissions keep
    /// apart.
    decisions: Vec<Decision>,
    /// The accountant's decisions on invoices.
    invoice_made: Vec<Made>,
    /// The workspace's requests book, when the run has a workspace.
    requests_book: Option<PathBuf>,
    requested: Requested,
}

/// What the workspace knew of rows (their ids by key, the ids merged into others) and which
/// rows were typed into the adopted book (no id of ours).
type RowsKnown<'a> = (
    &'a HashMap<Fp, String>,
    &'a HashMap<String, String>,
    &'a dyn Fn(u32) -> bool,
);

/// The people's decisions (`--decisions`, or the previous run's files, and the state's) and
/// the workspace's requests book, read and placed on this run's rows: matching follows them.
fn read_what_people_said(
    a: &Params<'_>,
    workspace: Option<&Workspace>,
    store: &Store,
    norms: &[Norm],
    keys: &RowKeys,
    (row_ids, aliases, typed_now): RowsKnown<'_>,
) -> Result<Said> {
    let ((new_decisions, unread_decisions), invoice_made) =
        read_all_decisions(a.decisions, a.out, a.lang)?;
    let keys = KeysOfRows {
        keys: keys.for_decisions(),
        adopted: !keys.decision_keys.is_empty(),
        row_ids,
        aliases,
        typed_now,
        keyer: store.keyer(),
    };
    let mut decisions = decisions_by_row(store, &new_decisions, &keys)?;
    let new_matched = found_in_run(&new_decisions, &keys);
    // Read before matching: a re-admission («Nhận lại») keeps the customer's rows from before
    // her deletion apart from those after.
    let requests_book = workspace.map(|w| w.requests_book());
    let requests = match requests_book.as_deref() {
        Some(p) => policy::requests::read(p, a.today, a.lang)?,
        None => Default::default(),
    };
    let suppression = store.suppression()?;
    let readmit = policy::readmit::Plan::new(
        &requests.0,
        &suppression,
        store.readmitted()?,
        &store.requests_done()?,
        &store.keyer(),
        a.today,
    );
    decisions.extend(readmit.keep_apart(norms, &suppression, &store.keyer()));
    Ok(Said {
        new_decisions,
        unread_decisions,
        new_matched,
        decisions,
        invoice_made,
        requests_book,
        requested: (requests, readmit, suppression),
    })
}

/// What the run tells beside its customers: every row accounted for, the book's values hashed
/// for the state, and the customers of the last run's book gone from it.
struct Accounting {
    accounted: Accounted,
    book_values: Vec<(Text, ValueHashes)>,
    gone_from_book: Vec<String>,
}

/// Every row accounted for ([`account_for_rows`]) beside the book's values hashed for the state
/// when the run remembers, and the customers of the last run's book that no customer of this
/// run has, counted among the rows' counts.
fn account_for_run(
    lang: Lang,
    remembers: bool,
    rows: &Rows<'_>,
    merged: &Merged,
    applied: &Applied,
    findings: &[Finding],
    store: &Store,
) -> Result<Accounting> {
    // The values this run writes into the book, hashed for the state (next week's run tells a
    // person's edit by them) beside the lineage: that one runs on one core, this on the rest.
    let keyer = store.keyer();
    let (mut accounted, book_values) = rayon::join(
        || account_for_rows(lang, rows, merged, applied, findings),
        || {
            if remembers {
                book_values(&merged.customers, applied, &keyer)
            } else {
                Vec::new()
            }
        },
    );
    let gone_from_book = if rows.book.given.is_empty() {
        Vec::new()
    } else {
        gone_from_book(store, &merged.customers, &merged.ids)?
    };
    accounted.counts.gone_from_book = gone_from_book.len() as u64;
    Ok(Accounting {
        accounted,
        book_values,
        gone_from_book,
    })
}

/// Each customer still in the book with the keyed hashes of the values the book shows for it.
fn book_values(
    customers: &[Customer],
    applied: &Applied,
    keyer: &Keyer,
) -> Vec<(Text, ValueHashes)> {
    // The customers kept are picked first, so the hashes are written on both cores straight
    // into one vector of the right size (filtered on the way, each core would fill its own
    // growing vectors, joined at the end: twice the fresh memory).
    let kept: Vec<&Customer> = customers
        .iter()
        .zip(&applied.fate)
        .filter(|(_, f)| f.is_none())
        .map(|(c, _)| c)
        .collect();
    kept.par_iter()
        .map(|c| {
            (
                c.id.clone(),
                merge::book::hashes(keyer, &merge::book::customer_values(c)),
            )
        })
        .collect()
}

/// The id a row had last week: by its key, or by its other one (a row told apart from a twin
/// this week, or no longer, [`merge::other_key`]). None on a first run.
fn last_weeks_id(
    known: &HashMap<Fp, String>,
    fp: Fp,
    other_key: impl FnOnce() -> Option<Fp>,
) -> Option<String> {
    if known.is_empty() {
        return None;
    }
    known
        .get(&fp)
        .or_else(|| other_key().and_then(|k| known.get(&k)))
        .cloned()
}

/// Each row's fingerprint, and the key its review decisions are stored under: a row of the
/// adopted book is known by its customer (its values may be edited), other rows by their
/// fingerprint.
fn row_keys(norms: &[Norm], book: &BookRows, keyer: &Keyer) -> RowKeys {
    let mut fps: Vec<Fp> = norms
        .par_iter()
        .map(|n| merge::row_fingerprint(keyer, n))
        .collect();
    merge::tell_invoices_apart(&mut fps, norms, keyer);
    merge::tell_spellings_apart(&mut fps, norms, keyer);
    let decision_keys: Vec<Fp> = if book.given.is_empty() {
        Vec::new()
    } else {
        (0..fps.len())
            .into_par_iter()
            .map(|i| match book.given.get(&(i as u32)) {
                Some(id) => keyer.fp(&["customer", id]),
                None => fps[i],
            })
            .collect()
    };
    RowKeys { fps, decision_keys }
}

/// Clusters into customers: invoices attributed, ids assigned (returning customers keep their
/// old one), values chosen, and review pairs the adopted book settled dropped.
fn merge_customers(
    mut matched: MatchResult,
    decisions: &[Decision],
    rows: &Rows<'_>,
    (store, known, aliases): (&Store, HashMap<Fp, String>, &HashMap<String, String>),
    retired: &HashMap<Fp, Retired>,
    invoice_made: &[Made],
    lang: Lang,
) -> Result<Merged> {
    let Rows {
        ing,
        norms,
        keys,
        book,
    } = *rows;
    ask_about_taken_taxes(&mut matched.review, &matched.clusters.of, decisions, rows);
    let mut groups = matched.clusters.groups();
    let (attribution, invoice_decided) = attribute_invoices(
        &mut groups,
        &mut matched.review,
        decisions,
        rows,
        (store, &known, aliases),
        invoice_made,
        lang,
    )?;
    let keyer = store.keyer();
    let other_key = |r: u32| merge::other_key(&keyer, &norms[r as usize], keys.fps[r as usize]);
    let first_new = store.next_id_counter()?.max(book.first_free);
    let mut ids = merge::assign_ids(
        &groups,
        &keys.fps,
        &known,
        &book.given,
        (&other_key, &|id| aliases.get(id).is_some_and(|to| to != id)),
        first_new,
    );
    merge::seen_by_other_key(&mut ids, &groups, &keys.fps, norms, &known, &keyer);
    merge::book::listed_were_seen(&mut ids, &groups, book, &ing.rows);
    drop(known);
    bring_back_retired(&mut ids, &groups, norms, retired, first_new, &store.keyer());
    let edited = |r: u32| !book.edited.is_empty() && book.edited.contains(&r);
    let gave = |r: u32| attribution.by_person.contains(&r);
    // The codes clerks typed (rows of the ledgers and the book, not invoice lines nor what the
    // book took from them): built when a customer without one asks.
    let (typed, lines) = (std::sync::OnceLock::new(), std::sync::OnceLock::new());
    let typed_tax = |t: &str| typed.get_or_init(|| tax_codes(rows, false)).contains(t);
    let lines_tax = |t: &str| lines.get_or_init(|| tax_codes(rows, true)).contains(t);
    let words = merge::NameWords::of(norms);
    let mut customers: Vec<Customer> = merge::survive_all(
        &groups,
        norms,
        &ing.rows,
        &ing.sources,
        &merge::People {
            edited: &edited,
            gave: &gave,
            typed_tax: &typed_tax,
            lines_tax: &lines_tax,
        },
        &ids.seen,
        &words,
    );
    drop(groups);
    for (c, id) in customers.iter_mut().zip(&ids.ids) {
        c.id = id.as_str().into();
    }
    let customer_of = merge::asked::customer_of(&customers, norms.len());
    merge::book::places_gone(
        &mut customers,
        book,
        (&ing.rows, &ing.sources),
        &customer_of,
    );
    merge::asked::drop_joined(&mut matched.review, &customer_of);
    // Without a state that gave the book's ids (`first_free`: adopted from the book itself)
    // nothing says which pairs were asked last week: all are asked again.
    if !book.given.is_empty() && book.first_free == 0 {
        // Two customers of the adopted book that no one was asked about last week (and whose
        // rows nobody edited) are not asked about now: the book is a fixed point; those asked
        // and not answered are asked again.
        let open = store.open_pairs()?;
        matched
            .review
            .retain(|p| match (book.given.get(&p.a), book.given.get(&p.b)) {
                (Some(x), Some(y)) => {
                    book.edited.contains(&p.a)
                        || book.edited.contains(&p.b)
                        || open.contains(&ordered(x, y))
                }
                _ => true,
            });
        merge::asked::ask_again(
            &mut matched.review,
            &open,
            &customers,
            &customer_of,
            norms,
            decisions,
        );
    }
    Ok(Merged {
        matched,
        invoice_decided,
        attribution,
        customers,
        ids,
    })
}

/// A row a clerk typed: of a ledger or the book, neither an invoice line nor the adopted book's
/// row of a buyer known only from invoices.
fn typed_row(r: &crate::model::RawRow, sources: &[crate::model::Source]) -> bool {
    sources[r.source as usize].kind != crate::model::SourceKind::Invoices
        && !merge::book::is_invoice_placeholder(r)
}

/// The tax codes clerks typed (`lines` false: of the rows that are neither invoice lines nor
/// the adopted book's rows of buyers known only from them; codes the book took from invoices
/// are cleared when it is read, [`adopt_book`]), or this run's invoice lines carry.
fn tax_codes<'a>(rows: &Rows<'a>, lines: bool) -> rustc_hash::FxHashSet<&'a str> {
    let (raw, sources) = (&rows.ing.rows, &rows.ing.sources);
    (rows.norms.iter().zip(raw.iter()))
        .filter(|(_, r)| {
            if lines {
                sources[r.source as usize].kind == crate::model::SourceKind::Invoices
            } else {
                typed_row(r, sources)
            }
        })
        .filter_map(|(n, _)| n.tax.as_ref().map(|t| t.as_str()))
        .collect()
}

/// Invoices whose buyer the book names (tax code, or a unique name) go to that customer; the
/// accountant's decisions are applied, last week's attributions kept, and last week's open
/// questions asked again.
fn attribute_invoices(
    groups: &mut Vec<Vec<u32>>,
    review: &mut Vec<ReviewPair>,
    decisions: &[Decision],
    rows: &Rows<'_>,
    (store, known, aliases): (&Store, &HashMap<Fp, String>, &HashMap<String, String>),
    invoice_made: &[Made],
    lang: Lang,
) -> Result<(
    merge::attribute::Attributions,
    merge::attribute::decisions::Outcome,
)> {
    let Rows {
        ing,
        norms,
        keys,
        book,
    } = *rows;
    // Invoices whose buyer the book names (tax code, or a unique name) go to that customer.
    let apart: rustc_hash::FxHashSet<(u32, u32)> = decisions
        .iter()
        .filter(|d| !d.merge)
        .map(|d| (d.a.min(d.b), d.a.max(d.b)))
        .collect();
    // Rows last week's book already held (the adopted book's, those its «Nguồn» or the state
    // gave a customer, any row the state knows): a buyer known only from invoices joins a
    // customer of those alone only as last week (a customer they did not make it then is no
    // new evidence: the adopted book names fewer spellings than the rows it was made of).
    let settled = |r: u32| book.given.contains_key(&r) || known.contains_key(&keys.fps[r as usize]);
    let mut attribution =
        merge::attribute::attribute(groups, norms, (&ing.rows, &ing.sources), &apart, &settled);
    ask_about_names_alone(review, &attribution.named_alone, norms);
    let invoice_decided = merge::attribute::decisions::apply(
        groups,
        &mut attribution,
        &merge::attribute::decisions::Known {
            lang,
            raw: &ing.rows,
            sources: &ing.sources,
            fps: &keys.fps,
            ids: known,
            given: &book.given,
            aliases,
        },
        store.invoice_decisions()?,
        invoice_made,
    );
    let keyer = store.keyer();
    let other_key = |r: u32| merge::other_key(&keyer, &norms[r as usize], keys.fps[r as usize]);
    merge::attribute::keep_last_week(
        groups,
        &mut attribution,
        &ing.rows,
        &ing.sources,
        // The adopted book's row is last week's customer by its id: its values (a name alone,
        // for a buyer known only from invoices) may be another customer's row's too.
        &|r| {
            (book.given.get(&r).cloned())
                .or_else(|| last_weeks_id(known, keys.fps[r as usize], || other_key(r)))
        },
        &book.given,
        &apart,
    );
    let open = store.open_invoices()?;
    if !open.is_empty() {
        merge::attribute::ask_again(
            groups,
            &mut attribution,
            &ing.rows,
            &ing.sources,
            &|r| open.get(&keys.fps[r as usize]).map(Vec::as_slice),
            &|r| {
                (book.given.get(&r))
                    .or_else(|| known.get(&keys.fps[r as usize]))
                    .map(|id| living_id(aliases, id))
            },
        );
    }
    Ok((attribution, invoice_decided))
}

/// A row with nothing but a name beside the one customer its name names
/// ([`merge::attribute::Attributions::named_alone`]): a pair for a person, scored as any pair
/// is (the name's weight), with the reason said.
fn ask_about_names_alone(review: &mut Vec<ReviewPair>, named: &[(u32, u32)], norms: &[Norm]) {
    if named.is_empty() {
        return;
    }
    let stats = matching::score::Stats::new(norms);
    let asked: rustc_hash::FxHashSet<(u32, u32)> = review.iter().map(|p| (p.a, p.b)).collect();
    for &(x, y) in named {
        let (a, b) = (x.min(y), x.max(y));
        if asked.contains(&(a, b)) {
            continue;
        }
        let mut evidence = matching::score::score(&norms[a as usize], &norms[b as usize], &stats);
        evidence.flags |= matching::score::flag::NAME_ALONE;
        evidence.verdict = matching::Verdict::Review;
        review.push(ReviewPair { a, b, evidence });
    }
}

/// A tax code the adopted book took from invoices by the buyer's name ([`merge::TAX_TAKEN`])
/// that a clerk typed on a row of another customer: one company whose invoices named it right,
/// or two (a namesake took the invoice). A pair for a person, never merged by the code; not
/// asked again once a person kept the two apart. `of`: each row's cluster.
fn ask_about_taken_taxes(
    review: &mut Vec<ReviewPair>,
    of: &[u32],
    decisions: &[Decision],
    rows: &Rows<'_>,
) {
    let (raw, sources, norms) = (&rows.ing.rows, &rows.ing.sources, rows.norms);
    let mut taken: rustc_hash::FxHashMap<&str, Vec<u32>> = Default::default();
    for &r in rows.book.given.keys() {
        if let Some(t) = merge::book::taken_tax(&raw[r as usize]) {
            taken.entry(t).or_default().push(r);
        }
    }
    if taken.is_empty() {
        return;
    }
    let cluster_pair = |a: u32, b: u32| {
        let (x, y) = (of[a as usize], of[b as usize]);
        (x.min(y), x.max(y))
    };
    let mut asked: rustc_hash::FxHashSet<(u32, u32)> = (decisions.iter())
        .filter(|d| !d.merge)
        .map(|d| cluster_pair(d.a, d.b))
        .chain(review.iter().map(|p| cluster_pair(p.a, p.b)))
        .collect();
    let typed =
        (norms.iter().zip(raw.iter()).enumerate()).filter(|(_, (_, r))| typed_row(r, sources));
    let mut pairs = Vec::new();
    for (b, (n, _)) in typed {
        let Some(owners) = n.tax.as_ref().and_then(|t| taken.get(t.as_str())) else {
            continue;
        };
        for &a in owners {
            let b = b as u32;
            if of[a as usize] != of[b as usize] && asked.insert(cluster_pair(a, b)) {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    let stats = matching::score::Stats::new(norms);
    for (a, b) in pairs {
        let mut evidence = matching::score::score(&norms[a as usize], &norms[b as usize], &stats);
        evidence.flags |= matching::score::flag::TAX_TAKEN;
        evidence.verdict = matching::Verdict::Review;
        review.push(ReviewPair { a, b, evidence });
    }
}

/// Requests (from the workspace's book), what the state remembers, and retention, applied to
/// the customers.
fn apply_policy(
    a: &Params<'_>,
    policy: &Policy,
    store: &Store,
    requested: Requested,
    retired: &HashMap<Fp, Retired>,
    rows: &Rows<'_>,
    customers: &mut [Customer],
) -> Result<Applied> {
    let ((requests, bad_requests), readmit, suppression) = requested;
    let remembered = policy::Remembered {
        suppression,
        corrections: store.corrections()?,
        replaced: store.replaced()?,
        opt_outs: store.opt_outs()?,
        opt_ins: store.opt_ins()?,
        aliases: store.aliases()?,
        requests_done: store.requests_done()?,
        retired_ids: retired.values().map(|r| r.id.clone()).collect(),
    };
    Ok(policy::apply(
        customers,
        rows.norms,
        policy::PolicyInput {
            policy,
            requests,
            bad_requests,
            today: a.today,
            keyer: store.keyer(),
            remembered,
            lang: a.lang,
            exported: a.exported.clone(),
            book_edits: rows
                .book
                .findings
                .iter()
                .filter(|f| f.rule == crate::model::Rule::EditedInBook)
                .map(|f| (f.row, f.field))
                .collect(),
            readmit,
            marked: &|r| {
                crate::ingest::book::is_yes(
                    rows.ing.rows[r as usize].get(crate::model::Role::NoMarketing),
                )
            },
        },
    ))
}

/// The requests book's requests and bad lines, the re-admissions they make, and the
/// suppression list read for them.
type Requested = (
    (
        Vec<policy::requests::Request>,
        Vec<policy::requests::BadLine>,
    ),
    policy::readmit::Plan,
    HashMap<Fp, crate::state::Suppressed>,
);

/// Every input row's line in the lineage, the rows taken out of the book, and the counts.
fn account_for_rows(
    lang: Lang,
    rows: &Rows<'_>,
    merged: &Merged,
    applied: &Applied,
    findings: &[Finding],
) -> Accounted {
    let (ing, customers, matched) = (rows.ing, &merged.customers, &merged.matched);
    let mut removed_row = vec![false; ing.rows.len()];
    for (i, c) in customers.iter().enumerate() {
        if applied.fate[i].is_some() {
            for &r in &c.rows {
                removed_row[r as usize] = true;
            }
        }
    }
    let mut lineage = output::lineage::assemble(&output::lineage::Fates {
        ing,
        customers,
        applied,
        matched,
        attributed: &merged.attribution.by_row,
        claimed: &rows.book.claimed,
        known: &rows.book.known,
        outside: &rows.book.outside,
        lang,
    });
    let repeats = repeated_invoices(lang, rows, customers, &mut lineage);
    let counts = output::Counts::of(&output::CountsInput {
        ing,
        lineage: &lineage.lines,
        applied,
        findings,
        matched,
        removed_row: &removed_row,
    });
    debug_assert!(counts.balanced());
    Accounted {
        removed_row,
        lineage,
        counts,
        repeats,
    }
}

/// The invoice lines that repeat another listing's line ([`merge::revenue::repeated_lines`]),
/// their lineage lines saying which line they repeat.
fn repeated_invoices(
    lang: Lang,
    rows: &Rows<'_>,
    customers: &[Customer],
    lineage: &mut Lineage,
) -> HashMap<u32, u32> {
    let ing = rows.ing;
    let mut customer_of = vec![u32::MAX; ing.rows.len()];
    for (ci, c) in customers.iter().enumerate() {
        for &r in &c.rows {
            customer_of[r as usize] = ci as u32;
        }
    }
    let repeats = merge::revenue::repeated_lines(&ing.rows, &ing.sources, rows.norms, &customer_of);
    if repeats.is_empty() {
        return repeats;
    }
    let places = output::book::Places::new(&ing.sources);
    for l in &mut lineage.lines {
        if let Some(&first) = l.idx().and_then(|i| repeats.get(&i)) {
            let place = places.of(&ing.rows[first as usize]);
            let said = pick(
                lang,
                format!("HĐ lặp lại {place}: tính một lần vào doanh thu"),
                format!("invoice repeating {place}: counted once in revenue"),
            );
            l.reason = format!("{}; {said}", l.reason).into();
        }
    }
    repeats
}

/// Pairs of rows the ledgers write as one customer ([`matching::written`]): one name cell
/// merged down them, the lines of one invoice, one code of a ledger's own under one name. The
/// cleaned book's `Mã KH` and the rows naming one of our ids are the book's rules' to read.
fn written_together(ing: &Ingested, norms: &[Norm], book: &BookRows) -> Vec<(u32, u32, Written)> {
    let mut together: Vec<(u32, u32, Written)> = (ing.merged_name_pairs().into_iter())
        .map(|(a, b)| (a, b, Written::MergedCell))
        .collect();
    let is_listing = |s: u32| ing.sources[s as usize].kind == SourceKind::Invoices;
    let own_code = |i: usize| {
        let in_book = book.book_sources.get(ing.rows[i].source as usize);
        !book.given.contains_key(&(i as u32)) && !in_book.copied().unwrap_or(false)
    };
    together.extend(matching::written::as_one(
        &ing.rows,
        norms,
        &is_listing,
        &own_code,
    ));
    together
}

/// Ingest and normalize: every input read (each file normalised as soon as it is read), the
/// problems reported.
fn read_and_normalize(
    a: &Params<'_>,
    policy: &Policy,
    workspace: Option<&Workspace>,
    timings: &mut Timings,
    progress: &mut Progress,
) -> Result<(Ingested, Vec<Norm>, Vec<Finding>)> {
    let lang = a.lang;
    let mut opts = super::ingest_options(a.encoding, lang)?;
    opts.overrides = policy.columns.clone();
    // A run never reads its own outputs or the requests book, even inside an input folder.
    opts.exclude = vec![a.out.to_path_buf()];
    if let Some(ws) = workspace {
        opts.exclude.push(ws.requests_book());
        opts.exclude.push(ws.path(&policy.output.folder));
    }

    let t = Instant::now();
    let counter = progress.counting(
        L("Đọc sổ sách…", "Reading ledgers…").t(lang),
        L("dòng", "rows").t(lang),
    );
    // "ingest" lasts until the last file is read; "normalize" is what remains after it.
    let ctx = Context::new(a.today);
    let read_done = std::sync::Mutex::new((t, 0.0f64));
    // The records of the first rows (a workbook's first sheet) make the room their rows made
    // for the sheets and files joined after them: joining moves those in after them instead
    // of copying every record into a fresh vector.
    let (ing, parts) =
        ingest::read_all_metered(a.inputs, &opts, Some(counter.meter()), |rows, room| {
            {
                let now = Instant::now();
                let cpu = crate::progress::cpu_seconds().unwrap_or(0.0);
                let mut d = read_done.lock().unwrap_or_else(|e| e.into_inner());
                if now > d.0 {
                    *d = (now, cpu);
                }
            }
            counter.add(rows.len() as u64);
            normalize::normalize_all_with_room(rows, &ctx, room)
        });
    let (read_end, read_cpu) = read_done.into_inner().unwrap_or_else(|e| e.into_inner());
    let t = timings.add_until("ingest", t, read_end, read_cpu);
    if !ing.problems.is_empty() {
        // Problems are errors: printed even with --quiet.
        progress.done();
        for p in &ing.problems {
            eprintln!("sokhach: {}", p.message(lang));
        }
        if !a.skip_bad {
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
        // A lock file named for its workbook ("~$so-khach-hang.xlsx"): say what it is.
        let locks: Vec<&str> = ing
            .notices
            .iter()
            .filter_map(|n| match n {
                crate::ingest::Notice::LockFileSkipped(f) => Some(f.as_str()),
                _ => None,
            })
            .collect();
        let (vi, en) = if locks.is_empty() {
            (String::new(), String::new())
        } else {
            let names = locks.join(", ");
            (
                format!(" «{names}» là tệp khóa Excel tạo ra khi sổ đang mở (hoặc còn lại sau khi Excel tắt ngang), không phải sổ: ghi tên sổ, không có «~$» ở đầu."),
                format!(" «{names}» is the lock file Excel makes while a workbook is open (or leaves after a crash), not a ledger: name the workbook, without the «~$» at the start."),
            )
        };
        return Err(BadInput(pick(
            lang,
            format!("không có sổ khách hàng nào đọc được trong các tệp đã cho.{vi}"),
            format!("no readable customer ledger in the given inputs.{en}"),
        ))
        .into());
    }
    progress.stage(L("Chuẩn hóa…", "Normalising…").t(lang));
    let (norms, mut findings) = normalize::concat(parts);
    findings.extend(struck_findings(&ing, &norms));
    if norms.len() != ing.rows.len() {
        let (read, normalised) = (ing.rows.len(), norms.len());
        anyhow::bail!(pick(
            lang,
            format!("lỗi nội bộ: đọc {read} dòng, chuẩn hóa {normalised} dòng"),
            format!("internal error: {read} rows read, {normalised} normalised"),
        ));
    }
    timings.add("normalize", t);
    Ok((ing, norms, findings))
}

/// A check for each row a clerk struck through in a workbook ([`Rule::StruckInBook`]; an
/// invoice listing's line, [`Rule::StruckInvoiceLine`]), on its name.
fn struck_findings(ing: &Ingested, norms: &[Norm]) -> Vec<Finding> {
    use crate::model::{Rule, SourceKind};
    // A struck old number, email or address, in the notes: its cell is quoted.
    let noted = (ing.struck_cells_noted_indexes().into_iter())
        .filter(|&i| norms.get(i as usize).is_some())
        .map(|row| Finding {
            row,
            field: crate::model::Field::Note,
            severity: crate::model::Severity::Changed,
            rule: Rule::StruckCellNoted,
            old: Default::default(),
            new: Default::default(),
            old_is_cell: true,
            new_is_kept: false,
        });
    (ing.struck_row_indexes().into_iter())
        .filter(|&i| norms.get(i as usize).is_some())
        .map(|row| Finding {
            row,
            field: crate::model::Field::Name,
            severity: crate::model::Severity::Check,
            rule: match ing.sources[ing.rows[row as usize].source as usize].kind {
                SourceKind::Invoices => Rule::StruckInvoiceLine,
                SourceKind::Customers => Rule::StruckInBook,
            },
            old: Default::default(),
            // (No suggestion: a person decides what the strike meant.)
            new: Default::default(),
            old_is_cell: true,
            new_is_kept: false,
        })
        .chain(noted)
        .collect()
}

/// The state a run reads before matching ([`Memory`]), read on a second connection while
/// `read` reads the inputs (on the state's own connection afterwards for a state in memory,
/// or if the second could not read it).
fn read_beside_the_state<R>(store: &Store, read: impl FnOnce() -> R) -> Result<(R, Memory)> {
    let reader = store.second_reader().ok().flatten();
    let (read, early) = std::thread::scope(|s| {
        let early = reader.map(|r| {
            s.spawn(move || {
                yield_to_reading();
                r.memory()
            })
        });
        (read(), early.and_then(|h| h.join().ok()))
    });
    let memory = match early {
        Some(Ok(m)) => m,
        _ => store.memory()?,
    };
    Ok((read, memory))
}

/// Lowers the calling thread's priority (its nice value, on Linux), so that the state read
/// beside the inputs takes the core the reading leaves idle, not the reading's: measured at 1M
/// rows in the second week, reading at the same priority made the ingest stage 1.0–1.4 s longer.
fn yield_to_reading() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 10);
}

/// What the state says of the adopted book: the store (for its key), the ids it gave, their
/// aliases, and the hashes of the values the last book wrote.
type StateForBook<'a> = (
    &'a Store,
    HashSet<String>,
    &'a HashMap<String, String>,
    HashMap<String, Vec<u8>>,
);

/// The adopted book's sheets whose `Mã KH` column a clerk deleted: their rows given back the
/// ids of the customers whose values they repeat (see [`merge::book::recover_ids`]).
fn recover_deleted_ids(
    ing: &mut Ingested,
    norms: &[Norm],
    books: &[bool],
    (store, _, _, written): &StateForBook<'_>,
) -> Vec<merge::book::Recovered> {
    use crate::model::Role;
    let without_ids: Vec<bool> = ing
        .sources
        .iter()
        .zip(books)
        .map(|(s, &book)| book && !s.columns.iter().any(|(_, r)| *r == Some(Role::CustomerId)))
        .collect();
    merge::book::recover_ids(&mut ing.rows, norms, written, &store.keyer(), &without_ids)
}

/// The adopted book's rows: which customer each names, and which values a person edited.
/// `books`: per source, whether it is a sheet of the adopted book.
fn identify_book_rows(
    ing: &Ingested,
    norms: &[Norm],
    books: Vec<bool>,
    (store, mut known, aliases, written): StateForBook<'_>,
) -> BookRows {
    if !ing
        .rows
        .iter()
        .any(|r| !r.get(crate::model::Role::CustomerId).trim().is_empty())
    {
        return BookRows::default();
    }
    let in_book = |r: u32| books[ing.rows[r as usize].source as usize];
    // A state that never gave an id (a run without a workspace, or a workspace's first run over
    // a book cleaned before `init`): the book's own ids are its customers'. Without them each
    // of its rows would be "an id to check", and a buyer the book lists in «Nguồn» under a name
    // two customers share would become a new customer every week.
    let first_free = if known.is_empty() {
        known = merge::book::ids_of_book(&ing.rows, &in_book);
        known
            .iter()
            .filter_map(|id| id[2..].parse::<u64>().ok())
            .max()
            .map_or(0, |n| n + 1)
    } else {
        0
    };
    let mut book = merge::book::identify(
        &ing.rows,
        norms,
        &known,
        aliases,
        &written,
        &store.keyer(),
        &in_book,
    );
    book.book_sources = books;
    merge::book::claim_listed_rows(&mut book, &ing.rows, norms, &ing.sources);
    book.first_free = first_free;
    book
}

/// People's decisions (remembered and new), as pairs of this run's rows.
fn decisions_by_row(
    store: &Store,
    new_decisions: &[Decided],
    keys: &KeysOfRows<'_>,
) -> Result<Vec<Decision>> {
    let decided: Vec<Decided> = store
        .decisions()?
        .into_iter()
        .chain(new_decisions.iter().copied())
        .collect();
    let key_row = keys.rows_of(decided.iter().flat_map(|d| [d.a, d.b]));
    Ok(decided
        .into_iter()
        .filter_map(|d| {
            let (a, b) = (*key_row.get(&d.a)?, *key_row.get(&d.b)?);
            (a != b).then_some(Decision {
                a,
                b,
                merge: d.merge,
            })
        })
        .collect())
}

/// This run's rows by the keys decisions name them by ([`RowKeys::for_decisions`]), and what
/// the state knows of last week's rows: a decision on last week's report names the rows that
/// week read, and when the office adopted that week's book, those rows are now inside its
/// customers — the decision is on the customer's row of the adopted book, found through the id
/// the state knew the row by (a customer merged since, by the id it lives under).
struct KeysOfRows<'a> {
    keys: &'a [Fp],
    /// Whether the adopted book is among the inputs (its rows keyed by their customers).
    adopted: bool,
    row_ids: &'a HashMap<Fp, String>,
    aliases: &'a HashMap<String, String>,
    /// Rows typed into the adopted book (no id of ours): a key names one only when no
    /// customer of the book answers to it.
    typed_now: &'a dyn Fn(u32) -> bool,
    keyer: Keyer,
}

impl KeysOfRows<'_> {
    /// The first row of each key wanted that this run has, itself or as its customer's row.
    fn rows_of(&self, wanted: impl Iterator<Item = Fp>) -> HashMap<Fp, u32> {
        // Decisions are few, rows many: the keys wanted are looked up in one pass.
        let mut key_row: HashMap<Fp, u32> = wanted.map(|k| (k, u32::MAX)).collect();
        if key_row.is_empty() {
            return key_row;
        }
        // (Several keys may name rows of one customer: each finds its row.)
        let mut by_customer: HashMap<Fp, Vec<Fp>> = HashMap::new();
        if self.adopted {
            for k in key_row.keys() {
                if let Some(c) = self.customer_key(k) {
                    by_customer.entry(c).or_default().push(*k);
                }
            }
        }
        let mut via: HashMap<Fp, u32> = HashMap::new();
        // A row the clerk typed into the adopted book answers to a key only when no customer
        // of the book does: a decision on a name typed alone, since inside a customer, is not
        // a namesake's typed in under the same name.
        let mut typed: HashMap<Fp, u32> = HashMap::new();
        for (i, k) in self.keys.iter().enumerate() {
            if let Some(r) = key_row.get_mut(k) {
                if (self.typed_now)(i as u32) {
                    typed.entry(*k).or_insert(i as u32);
                } else {
                    *r = (*r).min(i as u32);
                }
            }
            for old in by_customer.get(k).into_iter().flatten() {
                via.entry(*old).or_insert(i as u32);
            }
        }
        for (k, r) in key_row.iter_mut() {
            if *r == u32::MAX {
                if let Some(&i) = via.get(k).or_else(|| typed.get(k)) {
                    *r = i;
                }
            }
        }
        key_row.retain(|_, r| *r != u32::MAX);
        key_row
    }

    /// The key of the adopted book's row of the customer the state knew row key `k` under.
    fn customer_key(&self, k: &Fp) -> Option<Fp> {
        let id = living_id(self.aliases, self.row_ids.get(k)?);
        Some(self.keyer.fp(&["customer", id]))
    }
}

/// The id a customer lives under now: an id merged into another is an alias of it (followed a
/// few steps, a chain of merges over weeks).
fn living_id<'a>(aliases: &'a HashMap<String, String>, mut id: &'a str) -> &'a str {
    for _ in 0..8 {
        match aliases.get(id) {
            Some(next) if next != id => id = next,
            _ => break,
        }
    }
    id
}

/// The customers of the last run's book that none of this run's has become: no row of this
/// week's inputs holds them (a row deleted from the shared workbook by hand, or the book not
/// read whole). Customers merged into another (an alias now), deleted or set aside this run
/// are customers of this run, not gone. Read only when the adopted book is among the inputs.
fn gone_from_book(
    store: &Store,
    customers: &[Customer],
    ids: &IdAssignment,
) -> Result<Vec<String>> {
    let mut last = store.last_book()?;
    if last.is_empty() {
        return Ok(Vec::new());
    }
    for c in customers {
        last.remove(c.id.as_str());
    }
    for (old, _) in &ids.aliases {
        last.remove(old);
    }
    let mut gone: Vec<String> = last.into_iter().collect();
    gone.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    Ok(gone)
}

/// Whether both rows each decision names are among this run's (a row's decision key, or its
/// customer's row of the adopted book): a decision from another workspace's report, or on rows
/// no input holds now, applies to none.
fn found_in_run(decided: &[Decided], keys: &KeysOfRows<'_>) -> Vec<bool> {
    if decided.is_empty() {
        return Vec::new();
    }
    let here = keys.rows_of(decided.iter().flat_map(|d| [d.a, d.b]));
    decided
        .iter()
        .map(|d| here.contains_key(&d.a) && here.contains_key(&d.b))
        .collect()
}

/// A customer set aside for inactivity whose rows are no longer among the inputs comes back
/// with the id it had when one of its identifiers (held by it alone) appears again.
fn bring_back_retired(
    ids: &mut IdAssignment,
    groups: &[Vec<u32>],
    norms: &[Norm],
    retired: &HashMap<Fp, Retired>,
    first_new: u64,
    keyer: &Keyer,
) {
    if retired.is_empty() {
        return;
    }
    let is_new = |id: &str| {
        id.strip_prefix("KH")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| n >= first_new)
    };
    let mut used: std::collections::HashSet<String> = ids.ids.iter().cloned().collect();
    for (gi, g) in groups.iter().enumerate() {
        if !is_new(&ids.ids[gi]) {
            continue;
        }
        let old = g.iter().find_map(|&r| {
            policy::identity_hashes(keyer, &norms[r as usize])
                .iter()
                .find_map(|h| retired.get(h).map(|r| r.id.clone()))
        });
        if let Some(old) = old.filter(|o| !used.contains(o)) {
            used.insert(old.clone());
            ids.ids[gi] = old;
        }
    }
}

/// A pair of ids, smaller first.
pub fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The decisions of every `--decisions` file (a change report, or the accountant's
/// ke-toan.xlsx), or of the previous run's two in the output folder.
fn read_all_decisions(
    named: Option<&[PathBuf]>,
    out: &Path,
    lang: Lang,
) -> Result<(ReadDecisions, Vec<Made>)> {
    let Some(files) = named.filter(|f| !f.is_empty()) else {
        return Ok((
            read_decisions(None, out, lang)?,
            read_previous_invoice_decisions(out),
        ));
    };
    let (mut pairs, mut unread, mut invoices) = (Vec::new(), Vec::new(), Vec::new());
    for f in files {
        match read_invoice_decisions(f) {
            Some(d) => invoices.extend(d),
            None => {
                let (p, u) = read_decisions(Some(f), out, lang)?;
                pairs.extend(p);
                unread.extend(u);
            }
        }
    }
    Ok(((pairs, unread), invoices))
}

/// A review sheet's decisions, and the Decision cells that say neither «Gộp» nor «Không
/// gộp» in any way a clerk types them («?», «hỏi lại»: their text and row), left undecided.
type ReadDecisions = (Vec<Decided>, Vec<String>);

/// Decisions from the review sheet of `--decisions FILE`, or of the previous report in the
/// output folder.
fn read_decisions(decisions: Option<&PathBuf>, out: &Path, lang: Lang) -> Result<ReadDecisions> {
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
        return Ok(Default::default());
    }
    let named = decisions.is_some();
    match review_sheet(&path, named, lang)? {
        Some(range) => decisions_in_sheet(&range, named, &path, lang),
        None => Ok(Default::default()),
    }
}

/// The error of a `--decisions` file that is neither a change report nor an accountant's
/// workbook, naming the sheets and files it should have been.
fn not_a_report(path: &Path, lang: Lang) -> anyhow::Error {
    // A file named with --decisions that is not a change report is an error, not "no
    // decisions": the person expects the decisions they typed to be applied.
    BadInput(pick(
        lang,
        format!(
            "--decisions «{}» không phải báo cáo thay đổi của sokhach (không có sheet «{}» với các cột Quyết định, Khóa A, Khóa B), cũng không phải {} (sheet «{}»). Chọn tệp {} hoặc {} của lần chạy trước.",
            path.display(),
            output::report::SHEET_REVIEW.t(Lang::Vi),
            output::accounts::FILE,
            output::accounts::SHEET_BUYERS.t(Lang::Vi),
            REPORT,
            output::accounts::FILE
        ),
        format!(
            "--decisions «{}» is not a sokhach change report (no «{}» sheet with the Decision, Key A and Key B columns), nor a {} («{}» sheet). Name the {} or {} of an earlier run.",
            path.display(),
            output::report::SHEET_REVIEW.t(Lang::En),
            output::accounts::FILE,
            output::accounts::SHEET_BUYERS.t(Lang::En),
            REPORT,
            output::accounts::FILE
        ),
    ))
    .into()
}

/// The review sheet («Cần xem xét trùng») of the workbook at `path`. When the file is no
/// workbook or has no such sheet: an error if `--decisions` `named` it, else `None` (no
/// decisions).
fn review_sheet(
    path: &Path,
    named: bool,
    lang: Lang,
) -> Result<Option<calamine::Range<calamine::Data>>> {
    use calamine::{open_workbook_auto, Reader};
    let sheet_names = [
        output::report::SHEET_REVIEW.t(Lang::Vi),
        output::report::SHEET_REVIEW.t(Lang::En),
    ];
    let mut wb = match open_workbook_auto(path) {
        Ok(wb) => wb,
        // A CSV or any file that is no workbook: not a change report, said as such.
        Err(_)
            if named
                && matches!(
                    crate::ingest::sniff::sniff(path),
                    Ok(crate::ingest::sniff::Format::Csv
                        | crate::ingest::sniff::Format::NotSpreadsheet(_)
                        | crate::ingest::sniff::Format::Empty)
                ) =>
        {
            return Err(not_a_report(path, lang))
        }
        Err(e) if named => {
            return Err(InputProblem::new(
                path.display().to_string(),
                crate::error::ProblemKind::Corrupt(e.to_string()),
            )
            .into())
        }
        Err(_) => return Ok(None),
    };
    let Some(name) = wb
        .sheet_names()
        .into_iter()
        .find(|n| sheet_names.contains(&n.as_str()))
    else {
        return if named {
            Err(not_a_report(path, lang))
        } else {
            Ok(None)
        };
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Some(range))
}

/// The decisions typed in a review sheet: each row whose decision reads «Gộp» or «Không gộp»
/// (or «Merge», «Keep apart», «có», «không»…) and whose two keys read. A sheet without the
/// decision and key columns is no change report: an error if `--decisions` `named` it.
fn decisions_in_sheet(
    range: &calamine::Range<calamine::Data>,
    named: bool,
    path: &Path,
    lang: Lang,
) -> Result<ReadDecisions> {
    use calamine::Data;
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Ok(Default::default());
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
        return if named {
            Err(not_a_report(path, lang))
        } else {
            Ok(Default::default())
        };
    };
    let mut out_d = Vec::new();
    let mut unread = Vec::new();
    let first = range.start().map_or(1, |(r, _)| r + 1);
    for (i, row) in rows.enumerate() {
        let text = |i: usize| row.get(i).map(|c| c.to_string()).unwrap_or_default();
        let typed = text(cd);
        let Some(merge) = output::report::read_decision(&typed) else {
            if !typed.trim().is_empty() {
                let at = first as usize + i + 1;
                unread.push(format!("«{}» ({at})", typed.trim()));
            }
            continue;
        };
        if let (Some(fa), Some(fb)) = (unhex(&text(ca)), unhex(&text(cb))) {
            out_d.push(Decided {
                a: fa,
                b: fb,
                merge,
            });
        }
    }
    Ok((out_d, unread))
}

/// The decisions of an accountant's workbook (ke-toan.xlsx); `None` when `path` is not one (no sheet of
/// invoice buyers with the decision and key columns), for the caller to try it as a change
/// report.
fn read_invoice_decisions(path: &Path) -> Option<Vec<Made>> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).ok()?;
    let names = [SHEET_BUYERS.t(Lang::Vi), SHEET_BUYERS.t(Lang::En)];
    // A long list continues on "Người mua của HĐ (2)"…
    let sheets: Vec<String> = wb
        .sheet_names()
        .into_iter()
        .filter(|n| names.iter().any(|b| n.starts_with(b)))
        .collect();
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into(),
    );
    let mut found = false;
    let mut out = Vec::new();
    for name in sheets {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let first_row = range.start().map_or(0, |(r, _)| r);
        let rows: Vec<&[calamine::Data]> = range.rows().collect();
        // The header sits under the period's caption (or first, in a copy without it).
        let Some((h, cd, ck)) = rows.iter().take(3).enumerate().find_map(|(h, row)| {
            let find = |l: L| {
                row.iter()
                    .position(|c| matches!(c, calamine::Data::String(s) if s == l.0 || s == l.1))
            };
            Some((h, find(COL_DECISION)?, find(COL_KEY)?))
        }) else {
            continue;
        };
        found = true;
        for (i, row) in rows.iter().enumerate().skip(h + 1) {
            let text = |c: usize| row.get(c).map(|v| v.to_string()).unwrap_or_default();
            let (Some(target), Some(key)) =
                (Target::parse(&text(cd), NOT_IN_BOOK), unhex(&text(ck)))
            else {
                continue;
            };
            let excel_row = first_row as usize + i + 1;
            out.push(Made {
                key,
                target,
                place: format!("{file} › {name} › {excel_row}"),
            });
        }
    }
    found.then_some(out)
}

/// The decisions of the previous run's accountant's workbook in the output folder (filled in
/// where it lies); none when there is none or it cannot be read.
fn read_previous_invoice_decisions(out: &Path) -> Vec<Made> {
    let path = out.join(FILE);
    if path.exists() {
        read_invoice_decisions(&path).unwrap_or_default()
    } else {
        Vec::new()
    }
}
