//! Progress for people: a spinner per stage when stderr is a terminal (indicatif draws
//! nothing otherwise), plain timestamped lines when it is not (cron, CI), nothing with
//! `--quiet`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub struct Progress {
    quiet: bool,
    tty: bool,
    bar: Option<ProgressBar>,
    start: Instant,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        Progress {
            quiet,
            tty: std::io::stderr().is_terminal(),
            bar: None,
            start: Instant::now(),
        }
    }

    /// Starts a stage ("Đọc tệp…"); the previous one is finished.
    pub fn stage(&mut self, msg: &str) {
        self.done();
        if self.quiet {
            return;
        }
        if self.tty {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(msg.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            self.bar = Some(bar);
        } else {
            eprintln!("[{:>6.1}s] {msg}", self.start.elapsed().as_secs_f64());
        }
    }

    /// Starts a stage that counts rows as they arrive ("Đọc sổ sách… 125.000 dòng, 52.000
    /// dòng/giây"); returns the counter to add to (shareable across threads). Without a
    /// terminal, the stage's line is printed and the count with the next stage's line.
    pub fn counting(&mut self, msg: &str, unit: &'static str) -> Counter {
        self.done();
        let counter = Counter {
            bar: None,
            rows: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0)),
        };
        if self.quiet {
            return counter;
        }
        if !self.tty {
            eprintln!("[{:>6.1}s] {msg}", self.start.elapsed().as_secs_f64());
            return counter;
        }
        let rows = std::sync::Arc::clone(&counter.rows);
        let style =
            ProgressStyle::with_template("{spinner} {msg} {count} {unit} ({rate}) [{elapsed}]")
                .map(|s| {
                    let r2 = std::sync::Arc::clone(&rows);
                    s.with_key(
                        "count",
                        move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let n = rows.load(std::sync::atomic::Ordering::Relaxed);
                            let _ = w.write_str(&group(n));
                        },
                    )
                    .with_key(
                        "rate",
                        move |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let n = r2.load(std::sync::atomic::Ordering::Relaxed) as f64;
                            let secs = st.elapsed().as_secs_f64().max(0.001);
                            let _ = write!(w, "{}/s", group((n / secs) as u64));
                        },
                    )
                    .with_key(
                        "unit",
                        move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = w.write_str(unit);
                        },
                    )
                })
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = ProgressBar::new_spinner();
        bar.set_style(style);
        bar.set_message(msg.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        self.bar = Some(bar.clone());
        Counter {
            bar: Some(bar),
            rows: counter.rows,
        }
    }

    pub fn done(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

/// Rows counted by a [`Progress::counting`] stage.
#[derive(Clone)]
pub struct Counter {
    bar: Option<ProgressBar>,
    rows: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Counter {
    pub fn add(&self, n: u64) {
        self.rows.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        if let Some(b) = &self.bar {
            b.tick();
        }
    }

    pub fn total(&self) -> u64 {
        self.rows.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// 1025542 → "1.025.542" (the Vietnamese grouping).
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done();
    }
}

/// CPU time (user + system) this process has used so far, in seconds (Linux: /proc/self/stat),
/// for `--timings`: a stage's CPU time over its wall time says how many cores it kept busy.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut f = rest.split_whitespace().skip(11);
    let utime: f64 = f.next()?.parse().ok()?;
    let stime: f64 = f.next()?.parse().ok()?;
    // Clock ticks; 100 per second on every Linux this runs on (USER_HZ).
    Some((utime + stime) / 100.0)
}

/// Peak resident memory of this process in MB (Linux: VmHWM), for `--timings`.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
