//! The weekly run at scale, against the floor: `cargo run --release --example bench -- --rows 100000`.
//!
//! 1. generates ledgers with the project's generator (`examples/generate/`, ground truth),
//! 2. measures the floor — reading every input (calamine's streaming reader for the workbook,
//!    the csv crate through encoding_rs for the CSVs) and writing a workbook of the same size with
//!    rust_xlsxwriter in constant-memory mode — in a child process, for its peak memory,
//! 3. runs `sokhach clean --timings` on the same inputs,
//! 4. scores the lineage against the truth,
//! 5. prints a table: stage, seconds, rows/s, and the ratio of the whole run to the floor.
//!
//! Needs the release binaries: `cargo build --release --examples --bins` first (the bench calls
//! target/release/sokhach and target/release/examples/generate).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn release_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    exe.parent()
        .and_then(|p| p.parent())
        .expect("target/release")
        .to_path_buf()
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.to_string())
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The floor, run in this process when called with `--floor DIR OUT`.
fn floor(dir: &Path, out: &Path) -> (u64, f64) {
    use calamine::{DataType, Reader};
    let t = Instant::now();
    let mut wb = calamine::Xlsx::new(std::io::BufReader::new(
        std::fs::File::open(dir.join("so-khach-hang.xlsx")).expect("xlsx"),
    ))
    .expect("open");
    let mut cells = 0u64;
    let mut out_wb = rust_xlsxwriter::Workbook::new();
    let ws = out_wb.add_worksheet_with_constant_memory().expect("ws");
    let mut out_row = 0u32;
    for name in wb.sheet_names() {
        let mut r = wb.worksheet_cells_reader(&name).expect("sheet");
        let mut cur = u32::MAX;
        while let Some(c) = r.next_cell().expect("cell") {
            let (row, col) = c.get_position();
            if row != cur {
                cur = row;
                out_row += 1;
            }
            let v = c.get_value().as_string().unwrap_or_default();
            cells += 1;
            if out_row < 1_048_575 {
                ws.write_string(out_row, col as u16, v).expect("write");
            }
        }
    }
    for (file, enc) in [
        ("web-export.csv", encoding_rs::UTF_8),
        ("bang-ke-hoa-don.csv", encoding_rs::WINDOWS_1258),
    ] {
        let f = std::fs::File::open(dir.join(file)).expect("csv");
        let dec = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(enc))
            .build(f);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(if enc == encoding_rs::UTF_8 {
                b','
            } else {
                b';'
            })
            .from_reader(dec);
        for rec in rdr.records() {
            let rec = rec.expect("record");
            out_row += 1;
            for (c, v) in rec.iter().enumerate() {
                cells += 1;
                if out_row < 1_048_575 {
                    ws.write_string(out_row, c as u16, v).expect("write");
                }
            }
        }
    }
    out_wb.save(out).expect("save");
    let _ = cells;
    (out_row as u64, t.elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--floor") {
        let (rows, secs) = floor(Path::new(&args[2]), Path::new(&args[3]));
        println!("floor {rows} {secs:.3} {:.0}", peak_mb());
        return;
    }
    let rows: u64 = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let base = std::env::temp_dir().join(format!("sokhach-bench-{rows}"));
    let data = base.join("data");
    let out = base.join("out");
    let _ = std::fs::remove_dir_all(&base);
    let rel = release_dir();
    generate(&rel, rows, &data);
    // The generator's files are still being written back to disk: let that finish first, so
    // neither measurement pays for it.
    settle();
    let floor = measure_floor(&data, &base.join("floor.xlsx"));
    let run = run_clean(&rel, &base.join("workspace"), &data, &out);
    let ev = evaluate(&rel, &out, &data);
    print_stages(rows, &run);
    print_floor(&floor, &run);
    print_scores(&ev);
}

fn settle() {
    let _ = Command::new("sync").status();
}

/// Ledgers of `rows` rows and their truth, from the project's generator.
fn generate(rel: &Path, rows: u64, data: &Path) {
    let t = Instant::now();
    let st = Command::new(rel.join("examples/generate"))
        .args(["--rows", &rows.to_string(), "--seed", "42", "--out"])
        .arg(data)
        .status()
        .expect("run target/release/examples/generate (cargo build --release --examples)");
    assert!(st.success(), "generator failed");
    eprintln!(
        "generated {rows} rows in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

/// The floor's seconds and peak memory (MB), measured in a child process of its own.
struct Floor {
    secs: f64,
    mb: f64,
    cpu: Cpu,
}

/// User and system (kernel) CPU seconds of a finished child process.
#[derive(Clone, Copy, Default)]
struct Cpu {
    user: f64,
    system: f64,
}

impl Cpu {
    /// What this process's finished children have spent so far (Linux: `cutime` and `cstime`
    /// of /proc/self/stat, in the kernel's 100 ticks a second); zeros elsewhere. Read before
    /// and after a child, the difference is the child's.
    fn of_children() -> Cpu {
        let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
            return Cpu::default();
        };
        // The fields after the command's name (in brackets, which may hold spaces): the
        // third field of the line first, so `cutime` (16th) and `cstime` (17th) are the 14th
        // and 15th.
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<&str> = rest.split_whitespace().collect();
        let secs = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
        Cpu {
            user: secs(13),
            system: secs(14),
        }
    }

    fn since(self, before: Cpu) -> Cpu {
        Cpu {
            user: self.user - before.user,
            system: self.system - before.system,
        }
    }
}

fn measure_floor(data: &Path, out: &Path) -> Floor {
    let before = Cpu::of_children();
    let fl = Command::new(std::env::current_exe().expect("exe"))
        .arg("--floor")
        .arg(data)
        .arg(out)
        .output()
        .expect("floor");
    let fl_out = String::from_utf8_lossy(&fl.stdout);
    let parts: Vec<&str> = fl_out.split_whitespace().collect();
    let field = |i: usize| {
        parts
            .get(i)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    Floor {
        secs: field(2),
        mb: field(3),
        cpu: Cpu::of_children().since(before),
    }
}

/// The run measured: its wall clock and the `--timings` table it printed.
struct Run {
    wall: f64,
    stderr: String,
    cpu: Cpu,
}

/// `sokhach clean --timings` in a fresh workspace, as an office's first run: the state is
/// written like every week's. The table is asked for in English, which `print_stages` parses.
fn run_clean(rel: &Path, ws: &Path, data: &Path, out: &Path) -> Run {
    let _ = std::fs::remove_dir_all(ws);
    let init = Command::new(rel.join("sokhach"))
        .args(["init", "--quiet"])
        .arg(ws)
        .output()
        .expect("sokhach init");
    assert!(init.status.success(), "init failed");
    settle();
    let before = Cpu::of_children();
    let t = Instant::now();
    let run = Command::new(rel.join("sokhach"))
        .args([
            "clean",
            "--timings",
            "--lang",
            "en",
            "--quiet",
            "--as-of",
            "2026-11-25",
            "--workspace",
        ])
        .arg(ws)
        .arg("--out")
        .arg(out)
        .arg(data.join("so-khach-hang.xlsx"))
        .arg(data.join("web-export.csv"))
        .arg(data.join("bang-ke-hoa-don.csv"))
        .output()
        .expect("run target/release/sokhach (cargo build --release)");
    let wall = t.elapsed().as_secs_f64();
    assert!(
        run.status.success(),
        "clean failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    Run {
        wall,
        stderr: String::from_utf8_lossy(&run.stderr).into_owned(),
        cpu: Cpu::of_children().since(before),
    }
}

/// `sokhach eval --json` of the run's lineage against the generator's truth, and of the
/// book's names and emails against its entities.
fn evaluate(rel: &Path, out: &Path, data: &Path) -> serde_json::Value {
    let ev = Command::new(rel.join("sokhach"))
        .args(["eval", "--json"])
        .arg(out.join("lineage.csv"))
        .arg(data.join("truth.csv"))
        .arg("--entities")
        .arg(data.join("entities.csv"))
        .output()
        .expect("eval");
    serde_json::from_slice(&ev.stdout).unwrap_or_default()
}

/// The stages table, from the run's `--timings` lines.
fn print_stages(rows: u64, run: &Run) {
    println!("## sokhach clean, {rows} generated rows\n");
    println!("| stage | seconds | rows/s | peak memory so far (MB) |");
    println!("|---|---:|---:|---:|");
    let mut pairs = String::new();
    for line in run.stderr.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 3 && f[2] == "s" {
            let secs: f64 = f[1].parse().unwrap_or(0.0);
            let mb = f.get(6).copied().unwrap_or("");
            let rate = if secs >= 0.01 {
                format!("{:.0}", rows as f64 / secs)
            } else {
                "—".to_string()
            };
            println!("| {} | {secs:.2} | {rate} | {mb} |", f[0]);
        }
        if f.len() == 2 && f[0] == "pairs" {
            pairs = f[1].to_string();
        }
    }
    let wall = run.wall;
    println!(
        "| **wall clock** | **{wall:.2}** | {:.0} |",
        rows as f64 / wall
    );
    println!();
    println!("candidate pairs scored: {pairs}");
    println!();
}

/// The whole run beside the floor.
fn print_floor(floor: &Floor, run: &Run) {
    let peak = run
        .stderr
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f.len() == 3 && f[0] == "peak-mem")
        .filter_map(|f| f[1].parse::<f64>().ok())
        .next_back()
        .unwrap_or(f64::NAN);
    let (wall, floor_secs, floor_mb) = (run.wall, floor.secs, floor.mb);
    let (fc, rc) = (floor.cpu, run.cpu);
    // The CPU columns show the host as well as the run: on a virtual machine whose host has
    // taken back the guest's free memory, every fresh page costs a fault at the host, and the
    // run (two cores, ~4 GB of pages touched at 1M rows) pays far more of it in system time
    // than the floor (README, thirty-ninth session).
    println!("| | seconds | user CPU (s) | system CPU (s) | peak memory (MB) |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| floor: read inputs + write a workbook of the same size | {floor_secs:.2} | {:.2} | {:.2} | {floor_mb:.0} |",
        fc.user, fc.system
    );
    println!(
        "| sokhach clean | {wall:.2} | {:.2} | {:.2} | {peak:.0} |",
        rc.user, rc.system
    );
    println!("| ratio to floor | {:.2}× | | | |", wall / floor_secs);
    println!();
}

fn print_scores(ev: &serde_json::Value) {
    println!(
        "pairwise precision {:.4}, recall {:.4} (true pairs {}, predicted {})",
        ev["precision"].as_f64().unwrap_or(f64::NAN),
        ev["recall"].as_f64().unwrap_or(f64::NAN),
        ev["true_pairs"],
        ev["predicted_pairs"]
    );
    let half = |k: &str| {
        (
            ev[k]["precision"].as_f64().unwrap_or(f64::NAN),
            ev[k]["recall"].as_f64().unwrap_or(f64::NAN),
            ev[k]["true_pairs"].as_u64().unwrap_or(0),
        )
    };
    let (bp, br, bt) = half("book");
    let (ip, ir, it) = half("invoices");
    println!("book rows: precision {bp:.4}, recall {br:.4} ({bt} true pairs)");
    println!(
        "invoice rows linked to the book: precision {ip:.4}, recall {ir:.4} ({it} true links)"
    );
    let kept = |k: &str| ev["kept"][k].as_u64().unwrap_or(0);
    let share = |n: u64, of: u64| 100.0 * n as f64 / of.max(1) as f64;
    println!(
        "names shown as the truth writes them: {} of {} customers ({:.2} %); first email the true one: {} of {} ({:.2} %)",
        kept("names_right"),
        kept("customers"),
        share(kept("names_right"), kept("customers")),
        kept("emails_right"),
        kept("with_email"),
        share(kept("emails_right"), kept("with_email")),
    );
}
