//! Where normalisation's time goes, on one core: reads ledgers as `clean` does, then times the
//! whole row normalisation and each field's parser alone (addresses, names, phones, emails)
//! over every row, in nanoseconds a row. Normalisation is the run's largest share of CPU at a
//! million rows; this is the loop to profile it in (`perf record` on this example), away from
//! the run's other stages and its memory.
//!
//! ```sh
//! cargo run --release --example generate -- --rows 100000 --out /tmp/gen
//! cargo run --release --example normalize_bench -- /tmp/gen/so-khach-hang.xlsx /tmp/gen/web-export.csv /tmp/gen/bang-ke-hoa-don.csv
//! ```

use sokhach::model::Role;
use sokhach::normalize::{address, email, name, normalize_row, phone, Context};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: normalize_bench LEDGER...");
        std::process::exit(2);
    }
    let ing = sokhach::ingest::read_all(&paths, &sokhach::ingest::Options::default());
    for p in &ing.problems {
        eprintln!("normalize_bench: {p}");
    }
    let rows = &ing.rows;
    if rows.is_empty() {
        eprintln!("normalize_bench: no rows read");
        std::process::exit(1);
    }
    println!("{} rows", rows.len());
    let ctx = Context::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date"));
    let time = |what: &str, f: &dyn Fn(usize)| {
        let t = Instant::now();
        for i in 0..rows.len() {
            f(i);
        }
        let ns = t.elapsed().as_secs_f64() * 1e9 / rows.len() as f64;
        println!("{what:<16} {ns:8.0} ns a row");
    };
    time("whole row", &|i| {
        let mut found = Vec::new();
        black_box(normalize_row(&rows[i], i as u32, &ctx, &mut found));
        black_box(found);
    });
    time("address", &|i| {
        black_box(address::parse_address(rows[i].get(Role::Address)));
    });
    time("name", &|i| {
        black_box(name::parse_name(rows[i].get(Role::Name)));
    });
    time("phones", &|i| {
        black_box(phone::parse_phones(
            rows[i].get(Role::Phone),
            phone::PhoneHint::default(),
        ));
    });
    time("emails", &|i| {
        black_box(email::parse_emails(rows[i].get(Role::Email)));
    });
}
