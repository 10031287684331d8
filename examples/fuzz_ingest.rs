//! A mutation fuzzer for ingest that runs on stable Rust.
//!
//! Generates valid seeds (an xlsx, an xlsm-like xlsx with dates, a csv, an ods), mutates them
//! deterministically (bit flips, random bytes, inserts, deletes, splices, truncation, "magic"
//! tokens; either on the raw file or on one uncompressed part that is then re-zipped with a
//! valid CRC), and hands each mutant to `sokhach::ingest::read_all` inside `catch_unwind`.
//!
//! ```text
//! cargo run --release --example fuzz_ingest -- --iterations 20000 --seed 1
//! ```
//!
//! Options: `--iterations N` (default 10000), `--seed S` (default 1), `--start K` (first case
//! index, to resume after an abort), `--mem-limit-mb M` (address-space limit, default 4096;
//! 0 = none), `--slow-ms T` (default 2000).
//!
//! Every mutant is written to <temp dir>/sokhach-fuzz/current.<ext> before it runs, so that an
//! abort (allocation failure: not catchable) or a hang leaves the input behind. Panics are
//! saved as <temp dir>/sokhach-fuzz/panic-<case>.<ext>, slow cases as slow-<case>.<ext>.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The work folder: `sokhach-fuzz` in the system's temp dir.
fn out_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("sokhach-fuzz")
}

// --- deterministic randomness (splitmix64) ---

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

// --- seeds ---

struct Seed {
    name: &'static str,
    ext: &'static str,
    bytes: Vec<u8>,
    zip: bool,
}

const PEOPLE: [(&str, &str, &str, &str); 5] = [
    (
        "Nguyễn Văn An",
        "0912345678",
        "an@example.com",
        "Số 1 Lê Lợi, Quận 1, TP.HCM",
    ),
    (
        "Trần Thị Bình",
        "0987654321",
        "binh@example.com",
        "12 Hàng Bạc, Hà Nội",
    ),
    (
        "Lê Hoàng Cường",
        "+84 903 123 456",
        "cuong@example.com",
        "Đà Nẵng",
    ),
    (
        "Công ty TNHH Ánh Dương",
        "028 3822 1234",
        "",
        "KCN Tân Bình",
    ),
    (
        "Phạm Thị Dung",
        "0911.222.333",
        "dung@example.com",
        "Cần Thơ",
    ),
];

fn seed_xlsx(with_dates: bool) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let title = wb.add_worksheet();
    title.set_name("Ghi chú").unwrap();
    title.write_string(0, 0, "Không phải sổ khách").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Khách hàng").unwrap();
    ws.write_string(0, 0, "DANH SÁCH KHÁCH HÀNG").unwrap();
    let header = [
        "STT",
        "Họ tên",
        "Điện thoại",
        "Email",
        "Địa chỉ",
        "MST",
        "Ngày giao dịch cuối",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (i, (n, p, e, a)) in PEOPLE.iter().enumerate() {
        let r = i as u32 + 3;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, *n).unwrap();
        ws.write_string(r, 2, *p).unwrap();
        ws.write_string(r, 3, *e).unwrap();
        ws.write_string(r, 4, *a).unwrap();
        ws.write_number(r, 5, 3_100_000_000.0 + i as f64).unwrap();
        if with_dates {
            ws.write_number_with_format(r, 6, 43_845.0 + i as f64, &date)
                .unwrap();
        } else {
            ws.write_string(r, 6, "15/01/2020").unwrap();
        }
    }
    ws.write_formula(
        8,
        1,
        rust_xlsxwriter::Formula::new("=CONCAT(B4,B5)").set_result("x"),
    )
    .unwrap();
    // A clerk's marks: text struck inside a cell, a cell struck whole, a comment.
    let (strike, plain) = (
        rust_xlsxwriter::Format::new().set_font_strikethrough(),
        rust_xlsxwriter::Format::new(),
    );
    ws.write_rich_string(9, 2, &[(&strike, "0912000001"), (&plain, " 0987000001")])
        .unwrap();
    ws.write_string_with_format(9, 4, "Huế", &strike).unwrap();
    let note = rust_xlsxwriter::Note::new("Không gửi quảng cáo").set_author("Lan");
    ws.insert_note(9, 1, &note).unwrap();
    wb.save_to_buffer().unwrap()
}

fn seed_csv() -> Vec<u8> {
    let mut s = "sep=,\r\nSTT,Họ tên,Điện thoại,Email,Địa chỉ,\"Ghi chú\"\r\n".to_string();
    for (i, (n, p, e, a)) in PEOPLE.iter().enumerate() {
        s += &format!("{},{n},{p},{e},\"{a}\",\"dòng \"\"{i}\"\"\"\r\n", i + 1);
    }
    let mut b = s.into_bytes();
    // One Windows-1258 line.
    let (cp, _, _) = encoding_rs::WINDOWS_1258.encode("6,Lê Văn Tâm,0977111222,,Huế,\r\n");
    b.extend(cp.iter());
    b
}

fn seed_ods() -> Vec<u8> {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let mut rows = format!(
        "<table:table-row>{}{}{}</table:table-row>",
        cell("Họ tên"),
        cell("Điện thoại"),
        cell("Email")
    );
    for (n, p, e, _) in PEOPLE {
        rows += &format!(
            "<table:table-row>{}{}{}</table:table-row>",
            cell(n),
            cell(p),
            cell(e)
        );
    }
    rows += r#"<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="3"/></table:table-row>"#;
    rows += r#"<table:table-row><table:table-cell office:value-type="date" office:date-value="2020-01-15"><text:p>15/01/2020</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="912345678"><text:p>912345678</text:p></table:table-cell></table:table-row>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sổ 1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;
    zip_parts(
        &[
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("content.xml".to_string(), content.into_bytes()),
            (
                "META-INF/manifest.xml".to_string(),
                manifest.as_bytes().to_vec(),
            ),
        ],
        zip::CompressionMethod::Deflated,
    )
}

fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        let name = f.name().ok()?.to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).ok()?;
        out.push((name, b));
    }
    Some(out)
}

fn zip_parts(parts: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (n, b) in parts {
        let m = if n == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            method
        };
        let o = zip::write::SimpleFileOptions::default().compression_method(m);
        z.start_file(n.as_str(), o).unwrap();
        z.write_all(b).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn seeds() -> Vec<Seed> {
    let xlsx = seed_xlsx(false);
    let stored = zip_parts(&unzip(&xlsx).unwrap(), zip::CompressionMethod::Stored);
    vec![
        Seed {
            name: "xlsx",
            ext: "xlsx",
            bytes: xlsx,
            zip: true,
        },
        Seed {
            name: "xlsx-dates",
            ext: "xlsm",
            bytes: seed_xlsx(true),
            zip: true,
        },
        Seed {
            name: "xlsx-stored",
            ext: "xlsx",
            bytes: stored,
            zip: true,
        },
        Seed {
            name: "csv",
            ext: "csv",
            bytes: seed_csv(),
            zip: false,
        },
        Seed {
            name: "ods",
            ext: "ods",
            bytes: seed_ods(),
            zip: true,
        },
        // Books as LibreOffice saves them, with rows struck through and a comment.
        Seed {
            name: "xls",
            ext: "xls",
            bytes: include_bytes!("../testdata/so-2017-gach-ngang.xls").to_vec(),
            zip: false,
        },
        Seed {
            name: "ods-marks",
            ext: "ods",
            bytes: include_bytes!("../testdata/so-2017-gach-ngang.ods").to_vec(),
            zip: true,
        },
        Seed {
            name: "ods-runs",
            ext: "ods",
            bytes: include_bytes!("../testdata/gach-trong-o.ods").to_vec(),
            zip: true,
        },
        Seed {
            name: "xls-runs",
            ext: "xls",
            bytes: include_bytes!("../testdata/gach-trong-o.xls").to_vec(),
            zip: false,
        },
    ]
}

// --- mutation ---

const MAGIC: &[&[u8]] = &[
    b"\"",
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&#xFFFFFFFF;",
    b"]]>",
    b"\x00",
    b"\xFF\xFE",
    b"\xEF\xBB\xBF",
    b"\r",
    b"\n",
    b",",
    b";",
    b"\t",
    b"sep=;\n",
    b"4294967295",
    b"4000000000",
    b"18446744073709551615",
    b"-1",
    b"0",
    b"1048576",
    b"1048577",
    b"16384",
    b"XFD1048576",
    b"A0",
    b"ZZZZZZZZ99999999999",
    b"1e308",
    b"NaN",
    b"2958466",
    b"-693594",
    b" t=\"s\"",
    b" t=\"e\"",
    b" t=\"d\"",
    b" t=\"inlineStr\"",
    b" s=\"9999\"",
    b" r=\"XFD1048576\"",
    b"<v>999999</v>",
    b"<c r=\"XFD1\"><v>1</v></c>",
    b"<row r=\"4294967295\">",
    b"uniqueCount=\"4000000000\"",
    b"table:number-rows-repeated=\"1000000000\"",
    b"table:number-columns-repeated=\"16384\"",
    b"office:value-type=\"date\" office:date-value=\"99999-99-99\"",
    b"office:value-type=\"float\" office:value=\"1e400\"",
    b"date1904=\"1\"",
    b"\xC3",
    b"\xE1\xBB",
    b"\xF0\x9F\x98",
    b"\xCC\x81",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, donors: &[&[u8]]) {
    let max_ops = if rng.chance(20) { 16 } else { 4 };
    let ops = 1 + rng.below(max_ops);
    for _ in 0..ops {
        let len = data.len();
        match rng.below(10) {
            // bit flip
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            // random byte
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            // insert random bytes
            2 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let ins: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, ins);
            }
            // delete a range
            3 if len > 0 => {
                let i = rng.below(len);
                let max_n = if rng.chance(10) { 4096 } else { 32 };
                let n = 1 + rng.below((len - i).min(max_n));
                data.drain(i..i + n);
            }
            // splice a chunk from a donor (or this file)
            4 => {
                let donor: &[u8] = if rng.chance(50) || donors.is_empty() {
                    &data.clone()
                } else {
                    donors[rng.below(donors.len())]
                };
                if !donor.is_empty() {
                    let s = rng.below(donor.len());
                    let n = 1 + rng.below((donor.len() - s).min(512));
                    let chunk = donor[s..s + n].to_vec();
                    let i = rng.below(len + 1);
                    if rng.chance(50) {
                        let end = (i + n).min(len);
                        data.splice(i..end, chunk);
                    } else {
                        data.splice(i..i, chunk);
                    }
                }
            }
            // truncate
            5 if len > 0 => {
                let n = rng.below(len);
                data.truncate(n);
            }
            // duplicate a chunk in place
            6 if len > 0 => {
                let s = rng.below(len);
                let n = 1 + rng.below((len - s).min(256));
                let chunk = data[s..s + n].to_vec();
                let max_reps = if rng.chance(5) { 2000 } else { 4 };
                let reps = 1 + rng.below(max_reps);
                let i = rng.below(len + 1);
                let rep: Vec<u8> = chunk.iter().copied().cycle().take(n * reps).collect();
                data.splice(i..i, rep);
            }
            // insert or overwrite a magic token
            7 | 8 => {
                let m = MAGIC[rng.below(MAGIC.len())];
                let i = rng.below(len + 1);
                if rng.chance(50) {
                    let end = (i + m.len()).min(len);
                    data.splice(i..end, m.iter().copied());
                } else {
                    data.splice(i..i, m.iter().copied());
                }
            }
            // replace a run of digits by a magic number
            _ => {
                if len > 0 {
                    let start = rng.below(len);
                    if let Some(off) = data[start..].iter().position(|b| b.is_ascii_digit()) {
                        let s = start + off;
                        let e = s + data[s..].iter().take_while(|b| b.is_ascii_digit()).count();
                        let nums: [&[u8]; 8] = [
                            b"0",
                            b"4294967295",
                            b"4000000000",
                            b"99999999999999999999",
                            b"1048576",
                            b"16384",
                            b"65535",
                            b"2147483648",
                        ];
                        let m = nums[rng.below(nums.len())];
                        data.splice(s..e, m.iter().copied());
                    }
                }
            }
        }
    }
}

/// One mutant of `seed`: raw bytes, or (for zip seeds) one part mutated and re-zipped.
fn mutant(rng: &mut Rng, seed: &Seed, all: &[Seed]) -> (Vec<u8>, &'static str) {
    let donors: Vec<&[u8]> = all.iter().map(|s| &s.bytes[..]).collect();
    let mut ext = seed.ext;
    if rng.chance(3) {
        // The wrong extension: content must decide.
        ext = ["csv", "xlsx", "xls", "ods", "txt"][rng.below(5)];
    }
    if seed.zip && rng.chance(60) {
        if let Some(mut parts) = unzip(&seed.bytes) {
            // Prefer the parts calamine parses.
            let weights: Vec<usize> = parts
                .iter()
                .map(|(n, _)| {
                    if n.contains("sheet")
                        || n.contains("content.xml")
                        || n.contains("sharedStrings")
                    {
                        6
                    } else if n.contains("workbook") || n.contains("styles") {
                        3
                    } else {
                        1
                    }
                })
                .collect();
            let total: usize = weights.iter().sum();
            let mut pick = rng.below(total);
            let mut idx = 0;
            for (i, w) in weights.iter().enumerate() {
                if pick < *w {
                    idx = i;
                    break;
                }
                pick -= w;
            }
            let part_donors: Vec<Vec<u8>> = parts.iter().map(|(_, b)| b.clone()).collect();
            let refs: Vec<&[u8]> = part_donors.iter().map(|b| &b[..]).collect();
            mutate_bytes(rng, &mut parts[idx].1, &refs);
            if rng.chance(5) {
                parts.remove(rng.below(parts.len()));
            }
            let method = if rng.chance(30) {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            return (zip_parts(&parts, method), ext);
        }
    }
    let mut data = seed.bytes.clone();
    mutate_bytes(rng, &mut data, &donors);
    (data, ext)
}

// --- address-space limit (no libc crate: declare setrlimit) ---

#[repr(C)]
struct RLimit {
    cur: u64,
    max: u64,
}

extern "C" {
    fn setrlimit(resource: i32, rlim: *const RLimit) -> i32;
}

const RLIMIT_AS: i32 = 9;

fn limit_memory(mb: u64) {
    if mb == 0 {
        return;
    }
    let l = RLimit {
        cur: mb << 20,
        max: mb << 20,
    };
    // SAFETY: a plain syscall with a valid pointer.
    let r = unsafe { setrlimit(RLIMIT_AS, &l) };
    if r != 0 {
        eprintln!("setrlimit failed: {}", std::io::Error::last_os_error());
    }
}

// --- driver ---

#[derive(Clone)]
struct Args {
    iterations: u64,
    seed: u64,
    start: u64,
    mem_limit_mb: u64,
    slow_ms: u64,
    hang_secs: u64,
    seeds: Option<String>,
    /// Totals carried over a restart after a hang.
    carry_execs: u64,
    carry_ms: u64,
    carry_hangs: u64,
    carry_panics: u64,
}

impl Args {
    /// The command line that resumes at `start` with the totals so far.
    fn resume(&self, start: u64, execs: u64, ms: u64, hangs: u64, panics: u64) -> Vec<String> {
        let end = self.start + self.iterations;
        let mut v = vec![
            "--iterations".to_string(),
            end.saturating_sub(start).to_string(),
            "--seed".into(),
            self.seed.to_string(),
            "--start".into(),
            start.to_string(),
            "--mem-limit-mb".into(),
            self.mem_limit_mb.to_string(),
            "--slow-ms".into(),
            self.slow_ms.to_string(),
            "--hang-secs".into(),
            self.hang_secs.to_string(),
            "--carry".into(),
            format!("{execs},{ms},{hangs},{panics}"),
        ];
        if let Some(s) = &self.seeds {
            v.push("--seeds".into());
            v.push(s.clone());
        }
        v
    }
}

fn parse_args() -> Args {
    let mut a = Args {
        iterations: 10_000,
        seed: 1,
        start: 0,
        mem_limit_mb: 4096,
        slow_ms: 2000,
        hang_secs: 20,
        seeds: None,
        carry_execs: 0,
        carry_ms: 0,
        carry_hangs: 0,
        carry_panics: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut val = |name: &str| -> u64 {
            it.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("{name} needs a number");
                std::process::exit(2)
            })
        };
        match k.as_str() {
            "--iterations" => a.iterations = val("--iterations"),
            "--seed" => a.seed = val("--seed"),
            "--start" => a.start = val("--start"),
            "--mem-limit-mb" => a.mem_limit_mb = val("--mem-limit-mb"),
            "--slow-ms" => a.slow_ms = val("--slow-ms"),
            "--hang-secs" => a.hang_secs = val("--hang-secs"),
            "--seeds" => a.seeds = it.next(),
            "--carry" => {
                let v: Vec<u64> = it
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|x| x.parse().ok())
                    .collect();
                if let [e, ms, h, p] = v[..] {
                    (a.carry_execs, a.carry_ms, a.carry_hangs, a.carry_panics) = (e, ms, h, p);
                }
            }
            "-h" | "--help" => {
                println!("fuzz_ingest [--iterations N] [--seed S] [--start K] [--mem-limit-mb M] [--slow-ms T] [--hang-secs H] [--seeds xlsx,xlsx-dates,xlsx-stored,csv,ods,xls,ods-marks,ods-runs,xls-runs]");
                std::process::exit(0);
            }
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    a
}

fn save(kind: &str, case: u64, ext: &str, bytes: &[u8]) -> PathBuf {
    let p = out_dir().join(format!("{kind}-{case}.{ext}"));
    let _ = std::fs::write(&p, bytes);
    p
}

fn main() {
    let args = parse_args();
    std::fs::create_dir_all(out_dir()).expect("create the fuzz work folder");
    limit_memory(args.mem_limit_mb);
    let last_panic = record_panics();
    let seeds = chosen_seeds(&args);
    let work = tempfile::tempdir().expect("tempdir");
    check_seeds(&seeds, work.path());
    let watch = Watch::default();
    spawn_watchdog(&args, &watch);
    let mut tally = Tally::default();
    let end = args.start + args.iterations;
    for case in args.start..end {
        run_case(
            case,
            &args,
            &seeds,
            work.path(),
            &watch,
            &last_panic,
            &mut tally,
        );
    }
    print_summary(&args, &tally, watch.t0.elapsed().as_secs_f64(), end);
    if !tally.panics.is_empty() || args.carry_hangs > 0 || args.carry_panics > 0 {
        std::process::exit(1);
    }
}

/// Panics are findings: the hook remembers where the last one happened and prints nothing per
/// case.
fn record_panics() -> Arc<Mutex<Option<String>>> {
    let last_panic: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let slot = last_panic.clone();
    std::panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        *slot.lock().unwrap() = Some(format!("{at}: {msg}"));
    }));
    last_panic
}

/// The seeds `--seeds` keeps (all by default).
fn chosen_seeds(args: &Args) -> Vec<Seed> {
    let mut seeds = seeds();
    if let Some(keep) = &args.seeds {
        let keep: Vec<&str> = keep.split(',').collect();
        seeds.retain(|s| keep.contains(&s.name));
        assert!(!seeds.is_empty(), "no seed left after --seeds");
    }
    seeds
}

/// Sanity: every seed is read without problems.
fn check_seeds(seeds: &[Seed], work: &Path) {
    for s in seeds {
        let p = work.join(format!("seed-{}.{}", s.name, s.ext));
        std::fs::write(&p, &s.bytes).unwrap();
        let ing = sokhach::ingest::read_all(&[p], &sokhach::ingest::Options::default());
        println!(
            "seed {:<12} {:>7} bytes: {} rows, {} problems",
            s.name,
            s.bytes.len(),
            ing.rows.len(),
            ing.problems.len()
        );
    }
}

/// What the watchdog thread sees of the run.
struct Watch {
    /// The case running now (`u64::MAX`: none).
    started_case: Arc<AtomicU64>,
    case_start: Arc<Mutex<Instant>>,
    done_execs: Arc<AtomicU64>,
    done_panics: Arc<AtomicU64>,
    t0: Instant,
}

impl Default for Watch {
    fn default() -> Watch {
        Watch {
            started_case: Arc::new(AtomicU64::new(u64::MAX)),
            case_start: Arc::new(Mutex::new(Instant::now())),
            done_execs: Arc::new(AtomicU64::new(0)),
            done_panics: Arc::new(AtomicU64::new(0)),
            t0: Instant::now(),
        }
    }
}

/// A case that runs past --hang-secs is saved as hang-<case>, and the fuzzer re-executes
/// itself from the next case (a thread cannot be killed).
fn spawn_watchdog(args: &Args, watch: &Watch) {
    let started_case = watch.started_case.clone();
    let case_start = watch.case_start.clone();
    let done_execs = watch.done_execs.clone();
    let done_panics = watch.done_panics.clone();
    let t0 = watch.t0;
    let args = args.clone();
    let hang = Duration::from_secs(args.hang_secs);
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(250));
        let c = started_case.load(Ordering::SeqCst);
        if c == u64::MAX || case_start.lock().unwrap().elapsed() <= hang {
            continue;
        }
        let ext =
            std::fs::read_to_string(out_dir().join("current.ext")).unwrap_or_else(|_| "bin".into());
        let cur = out_dir().join(format!("current.{ext}"));
        let saved = out_dir().join(format!("hang-{c}.{ext}"));
        let _ = std::fs::copy(&cur, &saved);
        println!(
            "HANG case {c}: still running after {hang:?} -> {}",
            saved.display()
        );
        let execs = args.carry_execs + done_execs.load(Ordering::SeqCst) + 1;
        let ms = args.carry_ms + t0.elapsed().as_millis() as u64;
        let panics = args.carry_panics + done_panics.load(Ordering::SeqCst);
        let next = args.resume(c + 1, execs, ms, args.carry_hangs + 1, panics);
        let _ = std::io::stdout().flush();
        use std::os::unix::process::CommandExt;
        let err = std::process::Command::new(std::env::current_exe().unwrap())
            .args(next)
            .exec();
        eprintln!("re-exec failed: {err}");
        std::process::exit(3);
    });
}

/// What the cases found so far.
#[derive(Default)]
struct Tally {
    execs: u64,
    panics: BTreeMap<String, Vec<(u64, PathBuf)>>,
    slow: Vec<(u64, Duration, PathBuf)>,
    max_case: (u64, Duration),
    /// Per seed: (execs, read, refused).
    by_seed: BTreeMap<&'static str, (u64, u64, u64)>,
}

/// Writes the mutant where an abort or a hang leaves it behind, before it runs.
fn save_current(case: u64, args: &Args, seed: &Seed, ext: &str, bytes: &[u8]) {
    for old in ["csv", "xlsx", "xlsm", "xls", "ods", "txt"] {
        if old != ext {
            let _ = std::fs::remove_file(out_dir().join(format!("current.{old}")));
        }
    }
    let current = out_dir().join(format!("current.{ext}"));
    std::fs::write(&current, bytes).expect("write current");
    let _ = std::fs::write(out_dir().join("current.ext"), ext);
    let _ = std::fs::write(
        out_dir().join("current.case"),
        format!("case {case} seed {} from {}\n", args.seed, seed.name),
    );
}

/// One mutant read by ingest, its outcome added to the tally.
fn run_case(
    case: u64,
    args: &Args,
    seeds: &[Seed],
    work: &Path,
    watch: &Watch,
    last_panic: &Mutex<Option<String>>,
    tally: &mut Tally,
) {
    let mut rng =
        Rng::new(args.seed.wrapping_mul(0x1000_0000_01B3) ^ case.wrapping_mul(0x9E37_79B9));
    rng.next();
    let seed = &seeds[rng.below(seeds.len())];
    let (bytes, ext) = mutant(&mut rng, seed, seeds);
    save_current(case, args, seed, ext, &bytes);
    let input = work.join(format!("m.{ext}"));
    std::fs::write(&input, &bytes).expect("write mutant");

    *watch.case_start.lock().unwrap() = Instant::now();
    watch.started_case.store(case, Ordering::SeqCst);
    let t = Instant::now();
    let res = catch_unwind(AssertUnwindSafe(|| {
        sokhach::ingest::read_all(
            std::slice::from_ref(&input),
            &sokhach::ingest::Options::default(),
        )
    }));
    let took = t.elapsed();
    watch.started_case.store(u64::MAX, Ordering::SeqCst);
    tally.execs += 1;
    watch.done_execs.store(tally.execs, Ordering::SeqCst);
    let e = tally.by_seed.entry(seed.name).or_default();
    e.0 += 1;
    match res {
        Ok(ing) if ing.problems.is_empty() => e.1 += 1,
        Ok(ing) => {
            e.2 += 1;
            check_messages(&ing.problems, case, ext, &bytes);
        }
        Err(_) => {
            let at = last_panic
                .lock()
                .unwrap()
                .take()
                .unwrap_or_else(|| "unknown".into());
            let saved = save("panic", case, ext, &bytes);
            println!(
                "PANIC case {case} ({}): {at} -> {}",
                seed.name,
                saved.display()
            );
            tally.panics.entry(at).or_default().push((case, saved));
            watch.done_panics.fetch_add(1, Ordering::SeqCst);
        }
    }
    if took > tally.max_case.1 {
        tally.max_case = (case, took);
    }
    if took > Duration::from_millis(args.slow_ms) {
        let saved = save("slow", case, ext, &bytes);
        println!(
            "SLOW case {case} ({}): {took:?} -> {}",
            seed.name,
            saved.display()
        );
        tally.slow.push((case, took, saved));
    }
    if tally.execs.is_multiple_of(1000) {
        let secs = watch.t0.elapsed().as_secs_f64();
        println!(
            "… {} execs, {:.0}/s, {} panic sites, {} slow",
            tally.execs,
            tally.execs as f64 / secs,
            tally.panics.len(),
            tally.slow.len()
        );
    }
}

/// Messages must not carry Rust debug dumps either.
fn check_messages(problems: &[sokhach::error::InputProblem], case: u64, ext: &str, bytes: &[u8]) {
    for p in problems {
        let m = p.message(sokhach::i18n::Lang::En);
        if ["Os {", "Error {", "kind:", "unwrap", "panicked"]
            .iter()
            .any(|j| m.contains(j))
        {
            let saved = save("dump", case, ext, bytes);
            println!(
                "DEBUG DUMP in message, case {case} ({}): {m}",
                saved.display()
            );
        }
    }
}

fn print_summary(args: &Args, tally: &Tally, secs: f64, end: u64) {
    let execs = tally.execs;
    println!(
        "\n=== fuzz_ingest summary (seed {}, cases {}..{end}) ===",
        args.seed, args.start
    );
    println!(
        "executions: {execs} in {secs:.1} s ({:.0}/s)",
        execs as f64 / secs
    );
    if args.carry_execs > 0 || args.carry_hangs > 0 {
        let all = execs + args.carry_execs;
        let all_secs = secs + args.carry_ms as f64 / 1000.0;
        println!(
            "with earlier segments (restarted after each hang): {all} executions in {all_secs:.1} s \
             ({:.0}/s incl. hang timeouts), {} hang(s), {} panic(s) before this segment",
            all as f64 / all_secs,
            args.carry_hangs,
            args.carry_panics
        );
    }
    for (name, (n, ok, bad)) in &tally.by_seed {
        println!("  {name:<12} {n:>7} execs, {ok:>7} read, {bad:>7} refused");
    }
    println!(
        "slowest case: {} ({:?}); slow (> {} ms): {}",
        tally.max_case.0,
        tally.max_case.1,
        args.slow_ms,
        tally.slow.len()
    );
    println!("panic sites: {}", tally.panics.len());
    for (at, cases) in &tally.panics {
        println!(
            "  {at}: {} case(s), first {}",
            cases.len(),
            cases[0].1.display()
        );
    }
}
