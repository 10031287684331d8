//! Write: the cleaned book, the change report and the lineage file. Only this stage and the
//! commands format things for people.

pub mod accounts;
pub mod book;
pub mod changes;
pub mod csvout;
pub mod lineage;
pub mod redact;
pub mod report;
pub mod xlsx;

use crate::i18n::{pick, Lang, L};
use crate::model::{Action, Severity};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The change report's file name (its review sheet also carries the decisions back).
pub const REPORT: &str = "bao-cao-thay-doi.xlsx";

/// One line of `lineage.csv`, compact: a million of them are held until the outputs are
/// written, so file, sheet and customer id are indices that [`Lineage`] resolves (40 bytes a
/// line, against 88 with a shared string for each).
#[derive(Debug, Clone)]
pub struct LineageLine {
    /// Index of the source table (`u32::MAX` for a whole file left out).
    pub src: u32,
    /// Index of the line's file and sheet in [`Lineage`].
    place: u32,
    /// [`NONE`] for a whole file skipped with `--skip-bad`.
    row: u32,
    /// Index of the row in the run's rows; [`NONE`] when it is not one.
    idx: u32,
    /// Index of the customer in the run's customers; [`NONE`] for none.
    customer: u32,
    pub action: Action,
    pub reason: Arc<str>,
}

/// "No row", "no customer" in a [`LineageLine`] (a row number a workbook or CSV cannot reach).
const NONE: u32 = u32::MAX;

impl LineageLine {
    /// The row number the user sees; none for a whole file left out.
    pub fn row(&self) -> Option<u32> {
        (self.row != NONE).then_some(self.row)
    }

    /// The index of the row in the run's rows, when it is one.
    pub fn idx(&self) -> Option<u32> {
        (self.idx != NONE).then_some(self.idx)
    }
}

/// The lines of `lineage.csv` in file order, with the files and sheets and the customer ids
/// they point to.
#[derive(Debug, Clone, Default)]
pub struct Lineage {
    pub lines: Vec<LineageLine>,
    /// File and sheet of each source table, then of each file left out.
    places: Vec<(Arc<str>, Arc<str>)>,
    /// The run's customer ids, by customer index.
    ids: Vec<crate::normalize::Text>,
}

impl Lineage {
    pub fn file(&self, l: &LineageLine) -> &str {
        &self.places[l.place as usize].0
    }

    pub fn sheet(&self, l: &LineageLine) -> &str {
        &self.places[l.place as usize].1
    }

    /// The customer's id; empty for a row that is in no customer.
    pub fn customer_id(&self, l: &LineageLine) -> &str {
        self.ids.get(l.customer as usize).map_or("", |t| t.as_str())
    }
}

/// The counts of the change report's summary; they balance:
/// rows read = kept + merged + deleted + expired + suppressed + skipped.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Counts {
    pub files: usize,
    pub tables: usize,
    pub rows_read: u64,
    pub kept: u64,
    pub merged: u64,
    pub deleted: u64,
    pub expired: u64,
    pub suppressed: u64,
    pub skipped: u64,
    pub customers: u64,
    pub values_changed: u64,
    pub values_to_check: u64,
    pub review_pairs: u64,
    pub candidate_pairs: u64,
    pub files_skipped: u64,
    /// Customers of the last run's book that no row of this run's inputs holds (a row taken
    /// out of the shared workbook by hand): set by the pipeline.
    pub gone_from_book: u64,
}

/// What the counts are taken from.
pub struct CountsInput<'a> {
    pub ing: &'a crate::ingest::Ingested,
    pub lineage: &'a [LineageLine],
    pub applied: &'a crate::policy::Applied,
    pub findings: &'a [crate::model::Finding],
    pub matched: &'a crate::matching::MatchResult,
    pub removed_row: &'a [bool],
}

impl Counts {
    pub fn of(c: &CountsInput<'_>) -> Counts {
        let count = |a: Action| {
            c.lineage
                .iter()
                .filter(|l| l.row().is_some() && l.action == a)
                .count() as u64
        };
        let severity = |s: Severity| c.findings.iter().filter(|f| f.severity == s).count() as u64;
        Counts {
            files: c.ing.files.len(),
            tables: c.ing.sources.len(),
            rows_read: (c.ing.rows.len() + c.ing.skipped.len()) as u64,
            kept: count(Action::Kept),
            merged: count(Action::Merged),
            deleted: count(Action::Deleted),
            expired: count(Action::Expired),
            suppressed: count(Action::Suppressed),
            skipped: count(Action::Skipped),
            customers: c.applied.fate.iter().filter(|f| f.is_none()).count() as u64,
            values_changed: severity(Severity::Changed),
            values_to_check: severity(Severity::Check),
            review_pairs: c
                .matched
                .review
                .iter()
                .filter(|p| !c.removed_row[p.a as usize] && !c.removed_row[p.b as usize])
                .count() as u64,
            candidate_pairs: c.matched.candidate_pairs as u64,
            files_skipped: c.ing.problems.len() as u64,
            gone_from_book: 0,
        }
    }

    pub fn balanced(&self) -> bool {
        self.rows_read
            == self.kept
                + self.merged
                + self.deleted
                + self.expired
                + self.suppressed
                + self.skipped
    }
}

/// Stage timings for `--timings` and the report.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Each stage and its seconds, in order.
    pub stages: Vec<(&'static str, f64)>,
    /// The process's peak memory (MB) when each stage ended, where the OS tells.
    pub peak_mb: Vec<f64>,
    /// CPU seconds of each stage (all threads), where the OS tells.
    pub cpu: Vec<f64>,
    cpu_so_far: f64,
}

impl Timings {
    /// Records a stage that lasted from `since` until now.
    pub fn add(&mut self, stage: &'static str, since: std::time::Instant) -> std::time::Instant {
        let now = std::time::Instant::now();
        let cpu = crate::progress::cpu_seconds().unwrap_or(0.0);
        self.add_until(stage, since, now, cpu)
    }

    /// Records a stage that ended at `until` (with the CPU time used by then, `cpu_until`),
    /// before the current moment: the next stage began while this one was finishing.
    pub fn add_until(
        &mut self,
        stage: &'static str,
        since: std::time::Instant,
        until: std::time::Instant,
        cpu_until: f64,
    ) -> std::time::Instant {
        self.stages
            .push((stage, until.saturating_duration_since(since).as_secs_f64()));
        self.peak_mb
            .push(crate::progress::peak_memory_mb().unwrap_or(0.0));
        self.cpu.push((cpu_until - self.cpu_so_far).max(0.0));
        self.cpu_so_far = cpu_until;
        until
    }
}

/// The complete list of changes and values to check (written by `changes`, named by the
/// report's sheets for the rows they leave out).
pub const CHANGES_FILE: &str = "thay-doi.csv";

/// Rows of each list written into the change report's workbook; the rest are in the CSV files.
pub const SHEET_LIST_MAX: usize = 100_000;

/// A stage's name for people (the report's summary, `--timings`); the key is the one the
/// pipeline records ("ingest", "block"…), shown as it is when this table does not know it.
pub fn stage_label(stage: &str, lang: Lang) -> &str {
    let l = match stage {
        "ingest" => L("Đọc sổ sách", "Reading"),
        "normalize" => L("Chuẩn hóa", "Normalising"),
        "block" => L("Chia nhóm so sánh", "Blocking"),
        "score" => L("Chấm điểm cặp", "Scoring pairs"),
        "cluster" => L("Gom khách hàng", "Clustering"),
        "merge" => L("Gộp", "Merging"),
        "policy" => L("Yêu cầu và lưu trữ", "Requests and retention"),
        "write" => L("Ghi kết quả", "Writing outputs"),
        "state" => L("Lưu trạng thái", "Saving the state"),
        _ => return stage,
    };
    l.t(lang)
}

impl Timings {
    /// The `--timings` table: each stage with its seconds, the peak memory when it ended and
    /// its CPU time, then the total, the peak memory and the candidate pairs. In English it is
    /// the table `examples/bench.rs` reads (stage keys, one word a label).
    pub fn table(&self, pairs: u64, lang: Lang) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let peak_now = crate::progress::peak_memory_mb();
        let stages = self.stages.iter().zip(&self.peak_mb).zip(&self.cpu);
        let sum: f64 = self.stages.iter().map(|(_, s)| s).sum();
        // English is the table examples/bench.rs parses: stage keys, one word a label, a
        // decimal point. Vietnamese names the stages and writes a decimal comma.
        let vi = lang == Lang::Vi;
        let width = if vi { 20 } else { 10 };
        let num = |x: f64| {
            let s = format!("{x:.2}");
            if vi {
                s.replace('.', ",")
            } else {
                s
            }
        };
        let unit = L("giây", "s").t(lang);
        let (peak, cpu_word) = (
            L("bộ nhớ cao nhất", "peak so far").t(lang),
            L("CPU", "cpu").t(lang),
        );
        for (((stage, secs), mb), cpu) in stages {
            let name = if vi { stage_label(stage, lang) } else { stage };
            let _ = writeln!(
                out,
                "  {name:<width$} {:>8} {unit}   ({peak} {mb:.0} MB)   {cpu_word} {} {unit}",
                num(*secs),
                num(*cpu)
            );
        }
        let _ = writeln!(
            out,
            "  {:<width$} {:>8} {unit}",
            L("Tổng", "total").t(lang),
            num(sum)
        );
        if let Some(mb) = peak_now {
            let label = L("Bộ nhớ cao nhất", "peak-mem").t(lang);
            let _ = writeln!(out, "  {label:<width$} {mb:>8.0} MB");
        }
        let pairs = if vi {
            crate::progress::group(pairs)
        } else {
            pairs.to_string()
        };
        let label = L("Cặp đã so sánh", "pairs").t(lang);
        let _ = writeln!(out, "  {label:<width$} {pairs:>8}");
        out
    }
}

/// Temporary files of unfinished outputs start with this, so a run killed mid-write leaves
/// nothing another run could mistake for an output, and the next run can sweep them away.
pub const TMP_PREFIX: &str = ".sokhach-tmp-";

/// While a batch is put in place, the previous version of each output waits under this prefix
/// (`.sokhach-old-khach-hang.xlsx`), to be put back if any output cannot be replaced.
pub const OLD_PREFIX: &str = ".sokhach-old-";

/// A finished output waiting beside its final name. A run writes every output first and then
/// puts them in place together: a run that fails or is killed leaves last week's set or this
/// week's, never a mix.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Staged {
    /// A temporary file in the folder of `path`. On Unix it gets the mode a new file would get
    /// from the umask (usually 0644), so colleagues on a shared folder can open the outputs.
    pub fn new(path: &Path) -> anyhow::Result<Staged> {
        use anyhow::Context as _;
        let dir = folder_of(path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(TMP_PREFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(dir)
            .with_context(|| format!("không tạo được tệp tạm trong {}", dir.display()))?;
        Ok(Staged {
            tmp,
            path: path.to_path_buf(),
        })
    }

    pub fn file(&self) -> &std::fs::File {
        self.tmp.as_file()
    }

    /// Asks the kernel to start writing this finished file to disk now (Linux), so that the
    /// sync before the outputs are put in place has less left to wait for. Only a hint.
    pub fn start_writeback(&self) {
        #[cfg(target_os = "linux")]
        {
            let _ = rustix::fs::fadvise(self.file(), 0, None, rustix::fs::Advice::DontNeed);
        }
    }

    pub fn publish(self) -> anyhow::Result<()> {
        publish_all(vec![self])
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn old_name(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    folder_of(path).join(format!("{OLD_PREFIX}{name}"))
}

/// An output that could not be put in place; the previous outputs were kept whole.
#[derive(Debug)]
pub struct Unreplaceable {
    pub path: PathBuf,
    pub source: io::Error,
    /// Previous versions that could not be put back, left under [`OLD_PREFIX`] names.
    pub not_restored: Vec<PathBuf>,
}

impl Unreplaceable {
    /// Another program holds the file: on Windows, Excel keeps an open workbook locked.
    pub fn locked(&self) -> bool {
        self.source.kind() == io::ErrorKind::PermissionDenied
            // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            || (cfg!(windows) && matches!(self.source.raw_os_error(), Some(32 | 33)))
    }

    pub fn message(&self, lang: Lang) -> String {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let e = &self.source;
        let mut m = if self.locked() {
            pick(
                lang,
                format!("Hãy đóng {name} trong Excel rồi chạy lại: tệp đang mở nên không thay được ({e}). Các tệp kết quả cũ vẫn giữ nguyên."),
                format!("Close {name} in Excel and run again: it is open and cannot be replaced ({e}). The previous outputs are kept as they were."),
            )
        } else {
            pick(
                lang,
                format!(
                    "không thay được {} ({e}). Các tệp kết quả cũ vẫn giữ nguyên.",
                    self.path.display()
                ),
                format!(
                    "cannot replace {} ({e}). The previous outputs are kept as they were.",
                    self.path.display()
                ),
            )
        };
        for p in &self.not_restored {
            m += &pick(
                lang,
                format!(" Bản cũ nằm ở {}: đổi tên lại nếu cần.", p.display()),
                format!(
                    " The previous version is at {}: rename it back if needed.",
                    p.display()
                ),
            );
        }
        m
    }
}

impl std::fmt::Display for Unreplaceable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Vi), self.message(Lang::En))
    }
}

impl std::error::Error for Unreplaceable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The previous version of an output, kept while a batch is put in place.
struct Kept {
    path: PathBuf,
    old: PathBuf,
    /// `old` is a second name of the file still at `path`, not the file moved away.
    linked: bool,
}

/// Keeps the file at `path` under `old`. On Unix as a hard link, so the output never goes
/// missing; on Windows by moving it aside, which fails at once, before anything changed, when
/// Excel holds the file (a link would succeed and then could not be removed while it is open).
fn keep(path: &Path, old: &Path) -> io::Result<bool> {
    let _ = std::fs::remove_file(old); // a link refuses to overwrite
    if cfg!(unix) && std::fs::hard_link(path, old).is_ok() {
        return Ok(true);
    }
    std::fs::rename(path, old).map(|()| false)
}

/// Puts a batch of finished outputs in place, all or none. The previous version of each is kept
/// first; if any output cannot be put in place (on Windows: open in Excel), the new ones already
/// placed are taken back and every previous version is restored.
pub fn publish_all(batch: Vec<Staged>) -> anyhow::Result<()> {
    for s in &batch {
        s.file().sync_all()?;
    }
    let mut kept: Vec<Kept> = Vec::new();
    let mut placed: Vec<PathBuf> = Vec::new();
    for s in &batch {
        if std::fs::symlink_metadata(&s.path).is_ok_and(|m| m.is_file()) {
            let old = old_name(&s.path);
            match keep(&s.path, &old) {
                Ok(linked) => kept.push(Kept {
                    path: s.path.clone(),
                    old,
                    linked,
                }),
                Err(e) => return Err(roll_back(&s.path, e, &placed, &kept)),
            }
        }
    }
    for s in batch {
        let path = s.path;
        if let Err(e) = s.tmp.persist(&path) {
            return Err(roll_back(&path, e.error, &placed, &kept));
        }
        placed.push(path);
    }
    for k in &kept {
        let _ = std::fs::remove_file(&k.old);
    }
    Ok(())
}

/// Takes back the outputs `placed` and restores the previous versions `kept`; the error says
/// which output could not be replaced, and any previous version left under another name.
fn roll_back(path: &Path, source: io::Error, placed: &[PathBuf], kept: &[Kept]) -> anyhow::Error {
    for p in placed
        .iter()
        .filter(|p| !kept.iter().any(|k| &k.path == *p))
    {
        let _ = std::fs::remove_file(p);
    }
    let not_restored = kept
        .iter()
        .filter(|k| {
            if k.linked && !placed.contains(&k.path) {
                // Never replaced: only the second name goes.
                let _ = std::fs::remove_file(&k.old);
                false
            } else {
                std::fs::rename(&k.old, &k.path).is_err()
            }
        })
        .map(|k| k.old.clone())
        .collect();
    anyhow::Error::new(Unreplaceable {
        path: path.to_path_buf(),
        source,
        not_restored,
    })
}

/// Removes temporary files an interrupted run left in `dir`, and puts back a previous output
/// that a run killed while publishing left aside.
pub fn sweep_stale(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(TMP_PREFIX) {
            let _ = std::fs::remove_file(e.path());
        } else if let Some(target) = name.strip_prefix(OLD_PREFIX) {
            let target = dir.join(target);
            if target.exists() {
                let _ = std::fs::remove_file(e.path());
            } else {
                let _ = std::fs::rename(e.path(), target);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stages_and_the_timings_table_read_in_the_runs_language() {
        use super::*;
        let mut t = Timings::default();
        let start = std::time::Instant::now();
        for stage in [
            "ingest",
            "normalize",
            "block",
            "score",
            "cluster",
            "merge",
            "policy",
        ] {
            t.add(stage, start);
        }
        let vi = t.table(1_025_542, Lang::Vi);
        for english in ["ingest", "block", "peak", "total", "pairs", " s "] {
            assert!(!vi.contains(english), "{english} in {vi}");
        }
        assert!(
            vi.contains("Đọc sổ sách") && vi.contains("1.025.542"),
            "{vi}"
        );
        // English is what examples/bench.rs parses: key, seconds, "s", …; "pairs N".
        let en = t.table(3, Lang::En);
        let first: Vec<&str> = en.lines().next().unwrap_or("").split_whitespace().collect();
        assert_eq!((first[0], first[2]), ("ingest", "s"), "{en}");
        assert!(
            en.lines().any(|l| l.split_whitespace().eq(["pairs", "3"])),
            "{en}"
        );
        assert_eq!(stage_label("later", Lang::Vi), "later");
    }

    use super::*;
    use std::io::Write as _;

    fn stage(path: &Path, text: &str) -> Staged {
        let s = Staged::new(path).unwrap();
        s.file().write_all(text.as_bytes()).unwrap();
        s
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_output_that_cannot_be_replaced_keeps_the_previous_set_whole() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c, d] = [
            "khach-hang.xlsx",
            "ke-toan.xlsx",
            "lineage.csv",
            "thay-doi.csv",
        ]
        .map(|n| dir.path().join(n));
        std::fs::write(&a, "last week a").unwrap();
        std::fs::write(&d, "last week d").unwrap();
        // Nothing can replace a folder: as Excel's lock does on Windows, it stops the batch
        // after two outputs were put in place and before the fourth.
        std::fs::create_dir(&c).unwrap();
        std::fs::write(c.join("inside"), "x").unwrap();
        let batch = vec![
            stage(&a, "this week"),
            stage(&b, "new"),
            stage(&c, "new"),
            stage(&d, "this week"),
        ];
        let e = publish_all(batch).unwrap_err();
        let u = e.downcast_ref::<Unreplaceable>().unwrap();
        assert_eq!(u.path, c);
        assert!(u.not_restored.is_empty());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "last week a");
        assert_eq!(std::fs::read_to_string(&d).unwrap(), "last week d");
        assert!(c.is_dir());
        assert_eq!(
            listing(dir.path()),
            ["khach-hang.xlsx", "lineage.csv", "thay-doi.csv"]
        );
    }

    #[test]
    fn a_batch_replaces_the_previous_outputs_and_leaves_nothing_aside() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, "old").unwrap();
        publish_all(vec![stage(&a, "new a"), stage(&b, "new b")]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(listing(dir.path()), ["a.csv", "b.csv"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn outputs_get_the_mode_the_umask_gives_new_files() {
        use std::os::unix::fs::PermissionsExt as _;
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let Some(umask) = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|u| u32::from_str_radix(u.trim(), 8).ok())
        else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("khach-hang.xlsx");
        stage(&a, "x").publish().unwrap();
        let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask);
    }

    #[test]
    fn an_output_open_in_excel_asks_to_close_it() {
        let u = Unreplaceable {
            path: PathBuf::from("out").join("khach-hang.xlsx"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
            not_restored: Vec::new(),
        };
        assert!(u
            .message(Lang::Vi)
            .starts_with("Hãy đóng khach-hang.xlsx trong Excel rồi chạy lại"));
        assert!(u
            .message(Lang::En)
            .starts_with("Close khach-hang.xlsx in Excel and run again"));
    }

    #[test]
    fn a_sweep_puts_back_a_previous_output_left_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".sokhach-old-a.csv"), "old a").unwrap();
        std::fs::write(dir.path().join(".sokhach-old-b.csv"), "old b").unwrap();
        std::fs::write(dir.path().join("b.csv"), "new b").unwrap();
        std::fs::write(dir.path().join(".sokhach-tmp-x"), "").unwrap();
        sweep_stale(dir.path());
        assert_eq!(listing(dir.path()), ["a.csv", "b.csv"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old a"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.csv")).unwrap(),
            "new b"
        );
    }
}
