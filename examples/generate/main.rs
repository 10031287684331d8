//! Generates a realistic, messy Vietnamese customer ledger together with its ground truth.
//!
//! ```text
//! cargo run --release --example generate -- --rows 10000 --out /tmp/ledger [--seed 42] [--dup-rate 0.5]
//! ```
//!
//! Files written into `--out` (created):
//! - `so-khach-hang.xlsx`: sheet "Khách hàng" (title row 1, header row 3, data from row 4) and
//!   sheet "2017" (header row 1, old 11-digit mobiles and pre-2017 area codes, dates 2015–2018);
//! - `web-export.csv`: UTF-8 with BOM, `,`, English headers, ISO dates, names typed by customers;
//! - `bang-ke-hoa-don.csv`: the accountant's sales-invoice listing, Windows-1258, `;`, CRLF;
//! - `truth.csv`: `source_file,source_sheet,source_row,entity_id` for every data row written;
//! - `entities.csv`: one line per real customer, with its hard-negative group.
//!
//! Realism follows the project's domain notes (phone renumbering, tax codes, names, addresses:
//! see the README's design notes). Every extra appearance of an entity shares at least
//! one clue a careful human would accept (phone, email, MST, or full name + address) with an
//! earlier appearance, so the truth is reachable; hard negatives (namesakes, families sharing a
//! landline and address, head office vs branch, look-alike companies) share none of those clues.
//! Numbers are unique per customer, but an old landline form (HCMC `08 6221 6648`, Kiên Giang
//! `077 330 2290`) may read as another customer's current mobile: the trap the README's design
//! notes describe, left in. Output is a pure function of (`--rows`, `--seed`, `--dup-rate`).
//!
//! Layout: `tables` (names, legal forms, provinces with their districts, wards and streets,
//! mobile prefixes), `text` (accent folding, tone placement, TCVN3 and Windows-1258), `entities`
//! (the real customers and the hard negatives), `plan` (which file each appearance goes to and
//! which clues it shows), `rendering` (how an appearance is written messily), `writing` (the
//! files and truth.csv). Each stage draws from its own random stream seeded from `--seed`
//! (entities, plan, row order, rendering).

mod entities;
mod plan;
mod rendering;
mod tables;
#[cfg(test)]
mod tests;
mod text;
mod writing;

use std::collections::HashSet;
use std::error::Error;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use crate::entities::{Entity, Gen, G_BRANCH, G_FAMILY, G_NAMESAKE, G_SIMILAR};
use crate::plan::{plan_entity, Dates, Row, CUR, INV, OLD, WEB};
use crate::rendering::Render;
use crate::tables::wpick;
use crate::text::ce;
use crate::writing::{
    write_entities, write_invoices, write_web, write_xlsx, Truth, FILE_INV, FILE_WEB, FILE_XLSX,
    SHEET_CUR, SHEET_OLD,
};

#[derive(Parser, Debug)]
#[command(
    name = "generate",
    about = "Generate a messy Vietnamese customer ledger with ground truth (truth.csv)",
    after_long_help = "Examples:\n  cargo run --release --example generate -- --rows 10000 --out /tmp/ledger\n  cargo run --release --example generate -- --rows 1000000 --out /tmp/big --seed 7 --dup-rate 0.5"
)]
struct Args {
    /// Total data rows across all files.
    #[arg(long, default_value_t = 1000)]
    rows: usize,
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Random seed: the same seed gives byte-identical data.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Extra rows per entity on average: 0.5 gives ~1.5 rows per entity (capped near 1.9).
    #[arg(long, default_value_t = 0.5)]
    dup_rate: f64,
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
}

struct Ledger {
    ents: Vec<Entity>,
    rows: [Vec<Row>; 4],
    groups: u32,
}

/// Plans every entity and every row, in file order. Deterministic for (rows, seed, dup_rate).
fn build(n_rows: usize, seed: u64, dup_rate: f64) -> Ledger {
    let dup = dup_rate.max(0.0);
    // Extra appearances of a duplicated entity average 1.92; organisations repeat twice as
    // often as persons (invoices), and persons are 3/4 of the entities.
    let d_person = (dup / (1.92 * 1.25)).min(1.0);
    let mut g = Gen {
        rng: StdRng::seed_from_u64(seed),
        phones: HashSet::new(),
        emails: HashSet::new(),
        taxes: HashSet::new(),
        name_addr: HashSet::new(),
        brands: HashSet::new(),
        d_person,
        d_org: (2.0 * d_person).min(1.0),
    };
    let dates = Dates {
        cur: (ce(2019, 1, 1), ce(2026, 6, 30)),
        old: (ce(2015, 1, 1), ce(2018, 9, 14)),
        web: (ce(2021, 1, 1), ce(2026, 6, 30)),
        inv: (ce(2019, 1, 1), ce(2026, 6, 30)),
        pid_from: ce(2025, 7, 1),
        new_admin: ce(2025, 7, 1),
    };
    let mut plan_rng = StdRng::seed_from_u64(seed ^ 0x005E_ED0F_BA5E);
    let mut ents: Vec<Entity> = Vec::with_capacity(n_rows * 2 / 3 + 16);
    let mut rows: [Vec<Row>; 4] = Default::default();
    let mut remaining = n_rows;
    let mut groups = 0u32;
    while remaining > 0 {
        let grouped = remaining >= 2 && g.rng.random_bool(0.038);
        let members = if grouped {
            let kind = [G_NAMESAKE, G_FAMILY, G_BRANCH, G_SIMILAR]
                [wpick(&mut g.rng, &[35.0, 30.0, 20.0, 15.0])];
            g.group(kind)
        } else if g.rng.random_bool(0.25) {
            vec![g.org(None, 0, None)]
        } else {
            vec![g.person(None, None, None)]
        };
        let n = members.len();
        if n > 1 {
            groups += 1;
        }
        for (mi, mut e) in members.into_iter().enumerate() {
            if remaining == 0 {
                break;
            }
            let mut k = g.sample_k(e.is_org()) as usize;
            // Leave room so that a hard-negative group keeps at least two members.
            let reserve = usize::from(mi == 0 && n > 1);
            k = k.min(remaining - reserve).max(1);
            e.rows = k as u8;
            if n > 1 {
                e.group = groups;
            }
            let ix = ents.len() as u32;
            plan_entity(&mut plan_rng, &e, ix, k as u8, &dates, &mut rows);
            ents.push(e);
            remaining -= k;
        }
    }
    // Ledgers are in entry order, not grouped by customer; invoices are listed by date.
    let mut shuffle_rng = StdRng::seed_from_u64(seed ^ 0x5A11_F1E5);
    for t in [CUR, OLD, WEB, INV] {
        rows[t].shuffle(&mut shuffle_rng);
    }
    rows[INV].sort_by_key(|r| r.date);
    Ledger { ents, rows, groups }
}

fn run(args: &Args) -> Result<(), Box<dyn Error>> {
    let start = Instant::now();
    fs::create_dir_all(&args.out)?;
    let ledger = build(args.rows, args.seed, args.dup_rate);
    let (ents, rows) = (&ledger.ents, &ledger.rows);
    let planned = start.elapsed();

    let mut render = Render {
        rng: StdRng::seed_from_u64(args.seed ^ 0x00DD_BA11),
    };
    let mut truth = Truth {
        w: csv::Writer::from_writer(BufWriter::new(File::create(args.out.join("truth.csv"))?)),
    };
    truth
        .w
        .write_record(["source_file", "source_sheet", "source_row", "entity_id"])?;
    write_xlsx(
        &args.out.join(FILE_XLSX),
        rows,
        ents,
        &mut render,
        &mut truth,
    )?;
    write_web(
        &args.out.join(FILE_WEB),
        &rows[WEB],
        ents,
        &mut render,
        &mut truth,
    )?;
    write_invoices(
        &args.out.join(FILE_INV),
        &rows[INV],
        ents,
        &mut render,
        &mut truth,
    )?;
    truth.w.flush()?;
    write_entities(&args.out.join("entities.csv"), ents)?;

    print_summary(&args.out, &ledger, start.elapsed(), planned);
    Ok(())
}

/// What was written: rows per file, entities, duplicate pairs, hard-negative groups.
fn print_summary(out: &Path, ledger: &Ledger, elapsed: Duration, planned: Duration) {
    let Ledger { ents, rows, groups } = ledger;
    let total: usize = rows.iter().map(Vec::len).sum();
    let multi = ents.iter().filter(|e| e.rows > 1).count();
    let pairs: u64 = ents
        .iter()
        .map(|e| e.rows as u64 * (e.rows as u64 - 1) / 2)
        .sum();
    let mut by_kind = [0usize; 5];
    for e in ents {
        by_kind[e.group_kind as usize] += 1;
    }
    let hard = ents.iter().filter(|e| e.group != 0).count();
    println!(
        "wrote {} in {:.2?} (planning {:.2?})",
        out.display(),
        elapsed,
        planned
    );
    println!(
        "rows {total}: {FILE_XLSX} \"{SHEET_CUR}\" {} + \"{SHEET_OLD}\" {}, {FILE_WEB} {}, {FILE_INV} {}",
        rows[CUR].len(),
        rows[OLD].len(),
        rows[WEB].len(),
        rows[INV].len()
    );
    println!(
        "entities {} ({} persons, {} orgs); {} with 2+ rows; {} duplicate pairs",
        ents.len(),
        ents.iter().filter(|e| !e.is_org()).count(),
        ents.iter().filter(|e| e.is_org()).count(),
        multi,
        pairs
    );
    println!(
        "hard negatives: {groups} groups, {hard} entities ({:.1}%): namesake {}, family {}, branch {}, similar_name {}",
        100.0 * hard as f64 / ents.len().max(1) as f64,
        by_kind[1],
        by_kind[2],
        by_kind[3],
        by_kind[4]
    );
}
