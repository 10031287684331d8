//! Prints every cell value of a workbook as `sheet<TAB>row<TAB>col<TAB>value`, one line each, so
//! two runs' workbooks can be compared with `diff` (`.ci/same-output` uses it).
//!
//! An example rather than a hidden `sokhach` command: the comparator is built once, from the
//! working tree, and reads both revisions' outputs the same way; the shipped binary keeps no
//! command its users never need.
//!
//! ```sh
//! cargo run --example dump_cells -- out/khach-hang.xlsx > cells.tsv
//! ```

use calamine::{open_workbook_auto, Data, Reader};
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: dump_cells WORKBOOK");
        std::process::exit(2);
    };
    if let Err(e) = dump(&path) {
        eprintln!("dump_cells: {path}: {e}");
        std::process::exit(1);
    }
}

fn dump(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb = open_workbook_auto(path)?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if matches!(cell, Data::Empty) {
                    continue;
                }
                // Tabs and newlines inside a value are escaped so one cell stays one line.
                let v = show(cell)
                    .replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n");
                writeln!(
                    out,
                    "{name}\t{}\t{}\t{v}",
                    r0 as usize + r + 1,
                    c0 as usize + c + 1
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The value with its type, so a number and the same digits as text differ.
fn show(cell: &Data) -> String {
    match cell {
        Data::String(s) => format!("s:{s}"),
        Data::Float(f) => format!("f:{f}"),
        Data::Int(i) => format!("i:{i}"),
        Data::Bool(b) => format!("b:{b}"),
        Data::DateTime(d) => format!("d:{}", d.as_f64()),
        Data::DateTimeIso(s) => format!("di:{s}"),
        Data::DurationIso(s) => format!("du:{s}"),
        Data::Error(e) => format!("e:{e:?}"),
        Data::Empty => String::new(),
    }
}
