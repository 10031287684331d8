//! Write: the cleaned book, the change report and the lineage file. Only this stage and the
//! commands format things for people.

pub mod accounts;
pub mod book;
pub mod changes;
pub mod lineage;
pub mod redact;
pub mod report;
pub mod xlsx;

use crate::model::{Action, Severity};
use std::sync::Arc;

/// The change report's file name (its review sheet also carries the decisions back).
pub const REPORT: &str = "bao-cao-thay-doi.xlsx";

/// One line of `lineage.csv`.
#[derive(Debug, Clone)]
pub struct LineageLine {
    /// Index of the source table (`u32::MAX` for a whole file left out).
    pub src: u32,
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// Empty for a whole file skipped with `--skip-bad`.
    pub row: Option<u32>,
    /// Index of the row in the run's rows, when it is one.
    pub idx: Option<u32>,
    pub customer_id: Arc<str>,
    pub action: Action,
    pub reason: Arc<str>,
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
                .filter(|l| l.row.is_some() && l.action == a)
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

/// Temporary files of unfinished outputs start with this, so a run killed mid-write leaves
/// nothing another run could mistake for an output, and the next run can sweep them away.
pub const TMP_PREFIX: &str = ".sokhach-tmp-";

/// A finished output waiting beside its final name. A run writes every output first and then
/// renames them together, so a kill leaves last week's set or this week's, not a mix (short of
/// the instant of the renames).
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    /// A temporary file in the folder of `path`.
    pub fn new(path: &std::path::Path) -> anyhow::Result<Staged> {
        use anyhow::Context as _;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(TMP_PREFIX)
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

    pub fn publish(self) -> anyhow::Result<()> {
        use anyhow::Context as _;
        self.tmp.as_file().sync_all()?;
        let path = self.path;
        self.tmp
            .persist(&path)
            .map_err(|e| e.error)
            .with_context(|| format!("không thay được {}", path.display()))?;
        Ok(())
    }
}

/// Renames a batch of finished outputs into place.
pub fn publish_all(batch: Vec<Staged>) -> anyhow::Result<()> {
    for s in &batch {
        s.file().sync_all()?;
    }
    for s in batch {
        s.publish()?;
    }
    Ok(())
}

/// Removes temporary files an interrupted run left in `dir`.
pub fn sweep_stale(dir: &std::path::Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        if e.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
