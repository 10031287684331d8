//! Explains how two rows compare:
//! `cargo run --example explain -- "name|phone|email|address|tax|date|contact|delivery" "…"`.
//! The tool for arguing about a weight: it prints both normalised rows and the evidence.

use sokhach::matching::score;
use sokhach::model::{RawRow, Role};
use sokhach::normalize::{normalize_row, Context};

fn row(spec: &str) -> RawRow {
    let mut r = RawRow::new(0, 0);
    let roles = [
        Role::Name,
        Role::Phone,
        Role::Email,
        Role::Address,
        Role::TaxCode,
        Role::Date,
        Role::Contact,
        Role::Delivery,
    ];
    for (v, role) in spec.split('|').zip(roles) {
        r.push(role, v);
    }
    r
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: explain \"name|phone|email|address|tax|date|contact|delivery\" \"name|phone|…\"");
        std::process::exit(2);
    }
    let ctx = Context::new(chrono::Local::now().date_naive());
    let mut f = Vec::new();
    let a = normalize_row(&row(&args[0]), 0, &ctx, &mut f);
    let b = normalize_row(&row(&args[1]), 1, &ctx, &mut f);
    println!("A {a:#?}\nB {b:#?}");
    let rows = vec![a, b];
    let stats = score::Stats::new(&rows);
    let e = score::score(&rows[0], &rows[1], &stats);
    println!("{e:?}\n{}", e.reasons(sokhach::i18n::Lang::En));
    println!(
        "\nWeights (bits):\n{}",
        score::w::describe(sokhach::i18n::Lang::En)
    );
}
