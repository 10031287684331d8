//! Progress for people: a spinner per stage when stderr is a terminal (indicatif draws
//! nothing otherwise), plain timestamped lines when it is not (cron, CI), nothing with
//! `--quiet`.

use crate::i18n::{pick, Lang, L};
use crate::ingest::ReadMeter;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Progress {
    quiet: bool,
    tty: bool,
    lang: Lang,
    current: Option<Stage>,
    start: Instant,
}

/// The stage on screen: its bar (hidden without a terminal) holds the count.
struct Stage {
    msg: String,
    unit: Option<&'static str>,
    bar: ProgressBar,
    began: Instant,
    /// When the current part of the stage began (see [`Progress::step`]).
    step_began: Instant,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        Progress {
            quiet,
            tty: std::io::stderr().is_terminal(),
            lang: Lang::Vi,
            current: None,
            start: Instant::now(),
        }
    }

    /// The language of the words the display adds ("dòng/giây", "còn khoảng").
    pub fn in_lang(mut self, lang: Lang) -> Progress {
        self.lang = lang;
        self
    }

    /// Starts a stage ("Đọc tệp…"); the previous one is finished.
    pub fn stage(&mut self, msg: &str) {
        self.begin(msg, None);
    }

    /// Starts a stage that counts rows as they arrive ("Đọc sổ sách… 125.000 dòng, 52.000
    /// dòng/giây"); returns the counter to add to (shareable across threads). When the stage
    /// ends, its count, time and rate stay on screen in one line. Once the counter's
    /// [`Counter::meter`] knows the inputs' size, the line shows a bar of the bytes read of
    /// that size and the time left ("[=====>    ] 40% của 25,3 MB · 125.000 dòng (52.000
    /// dòng/giây, còn khoảng 1 phút 20 giây)").
    pub fn counting(&mut self, msg: &str, unit: &'static str) -> Counter {
        self.begin(msg, Some(unit))
    }

    fn begin(&mut self, msg: &str, unit: Option<&'static str>) -> Counter {
        self.done();
        let meter = Arc::new(ReadMeter::default());
        let bar = if self.quiet || !self.tty {
            ProgressBar::hidden()
        } else {
            ProgressBar::new_spinner()
        };
        if !self.quiet && !self.tty {
            eprintln!("[{:>6.1}s] {msg}", self.start.elapsed().as_secs_f64());
        }
        if !self.quiet && self.tty {
            bar.set_style(style(unit, &meter, self.lang));
            bar.set_message(msg.to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        self.current = Some(Stage {
            msg: msg.to_string(),
            unit,
            bar: bar.clone(),
            began: Instant::now(),
            step_began: Instant::now(),
        });
        Counter { bar, meter }
    }

    /// Marks a part of the current stage done ("Chấm điểm cặp 3,2 giây"), with the time since
    /// the stage or the previous part began, above the stage's line; the stage goes on.
    pub fn step(&mut self, what: &str) {
        let Some(st) = self.current.as_mut() else {
            return;
        };
        let now = Instant::now();
        let line = format!(
            "    {what} {}",
            seconds((now - st.step_began).as_secs_f64(), self.lang)
        );
        st.step_began = now;
        if self.quiet {
            return;
        }
        if self.tty {
            st.bar.println(line);
        } else {
            eprintln!("         {line}");
        }
    }

    /// Ends the stage on screen; a counting stage leaves its line: count, time, rate.
    pub fn done(&mut self) {
        let Some(st) = self.current.take() else {
            return;
        };
        st.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let secs = st.began.elapsed().as_secs_f64();
        let Some(unit) = st.unit else {
            if self.tty {
                eprintln!("✓ {} {}", st.msg, seconds(secs, self.lang));
            }
            return;
        };
        let n = st.bar.position();
        let per_sec = PER_SEC.t(self.lang);
        eprintln!(
            "{} {} {} {unit}, {} ({} {unit}{per_sec})",
            if self.tty { "✓" } else { "         " },
            st.msg,
            group(n),
            seconds(secs, self.lang),
            group((n as f64 / secs.max(0.001)) as u64),
        );
    }
}

/// "dòng/giây": a rate's unit after the counted unit.
const PER_SEC: L = L("/giây", "/s");

/// The bar's line: message, the bytes read of the inputs' size (once known), count, rate,
/// time left, elapsed.
fn style(unit: Option<&'static str>, meter: &Arc<ReadMeter>, lang: Lang) -> ProgressStyle {
    let template = match unit {
        None => "{spinner} {msg} [{elapsed}]",
        Some(_) => "{spinner} {msg} {size}{count} {unit} ({rate}{left}) [{elapsed}]",
    };
    let (m_size, m_left) = (Arc::clone(meter), Arc::clone(meter));
    let unit = unit.unwrap_or("");
    let per_sec = PER_SEC.t(lang);
    ProgressStyle::with_template(template)
        .map(|s| {
            s.progress_chars("=> ")
                .with_key(
                    "count",
                    |st: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&group(st.pos()));
                    },
                )
                .with_key(
                    "size",
                    move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&of_size(m_size.done(), m_size.total(), lang));
                    },
                )
                .with_key(
                    "unit",
                    move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(unit);
                    },
                )
                .with_key(
                    "rate",
                    move |st: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let secs = st.elapsed().as_secs_f64().max(0.001);
                        let _ = write!(
                            w,
                            "{} {unit}{per_sec}",
                            group((st.pos() as f64 / secs) as u64)
                        );
                    },
                )
                .with_key(
                    "left",
                    move |st: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let (done, total) = (m_left.done(), m_left.total());
                        if total == 0 {
                            return;
                        }
                        // Read to the end: the last rows are still on their way through the
                        // stage (the clean run normalises them as they are read).
                        let left = if done >= total {
                            L("đã đọc hết, đang xử lý", "all read, processing")
                                .t(lang)
                                .to_string()
                        } else {
                            time_left(done, Some(total), st.elapsed(), lang)
                        };
                        let _ = write!(w, ", {left}");
                    },
                )
        })
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// "[=========>          ] 45% của 25,3 MB · " once the inputs' size is known, else nothing.
fn of_size(done: u64, total: u64, lang: Lang) -> String {
    if total == 0 {
        return String::new();
    }
    const WIDTH: u64 = 20;
    let filled = (done.min(total) * WIDTH / total) as usize;
    let bar: String = (0..WIDTH as usize)
        .map(|i| match i.cmp(&filled) {
            std::cmp::Ordering::Less => '=',
            std::cmp::Ordering::Equal => '>',
            std::cmp::Ordering::Greater => ' ',
        })
        .collect();
    format!(
        "[{bar}] {}% {} {} · ",
        done.min(total) * 100 / total,
        L("của", "of").t(lang),
        megabytes(total, lang)
    )
}

/// "25,3 MB" / "25.3 MB".
fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = format!("{:.1}", bytes as f64 / 1_000_000.0);
    pick(
        lang,
        format!("{} MB", mb.replace('.', ",")),
        format!("{mb} MB"),
    )
}

/// "còn khoảng 1 phút 20 giây" from the rate so far; "…" until there is one.
fn time_left(done: u64, total: Option<u64>, elapsed: Duration, lang: Lang) -> String {
    let left = match total {
        Some(t) if done > 0 && t > done => {
            let rate = done as f64 / elapsed.as_secs_f64().max(0.001);
            (t - done) as f64 / rate
        }
        Some(_) if done > 0 => 0.0,
        _ => return "…".into(),
    };
    format!(
        "{} {}{}",
        L("còn khoảng", "about").t(lang),
        duration(left, lang),
        L("", " left").t(lang)
    )
}

/// "1 phút 20 giây" / "1 min 20 s"; seconds alone under a minute.
fn duration(secs: f64, lang: Lang) -> String {
    let s = secs.round() as u64;
    let (min, sec) = (L("phút", "min").t(lang), L("giây", "s").t(lang));
    if s >= 60 {
        format!("{} {min} {} {sec}", s / 60, s % 60)
    } else {
        format!("{s} {sec}")
    }
}

/// "1,2 giây" / "1.2 s": a finished stage's time.
fn seconds(secs: f64, lang: Lang) -> String {
    if secs >= 60.0 {
        return duration(secs, lang);
    }
    pick(
        lang,
        format!("{secs:.1} giây").replace('.', ","),
        format!("{secs:.1} s"),
    )
}

/// Rows counted by a [`Progress::counting`] stage.
#[derive(Clone)]
pub struct Counter {
    bar: ProgressBar,
    /// How far reading has got of the inputs' size (for a stage that reads them).
    meter: Arc<ReadMeter>,
}

impl Counter {
    pub fn add(&self, n: u64) {
        self.bar.inc(n);
    }

    /// For the reader to say how far it has got: the line then shows it against the inputs'
    /// size (`ingest::read_all_metered`).
    pub fn meter(&self) -> &ReadMeter {
        &self.meter
    }

    pub fn total(&self) -> u64 {
        self.bar.position()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_with_dots_and_times_read_in_the_runs_language() {
        assert_eq!(group(1_025_542), "1.025.542");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1.000");
        let ten = Duration::from_secs(10);
        // 100 of 400 rows in 10 s: 300 more at 10 a second.
        assert_eq!(
            time_left(100, Some(400), ten, Lang::Vi),
            "còn khoảng 30 giây"
        );
        assert_eq!(
            time_left(100, Some(1_000), ten, Lang::En),
            "about 1 min 30 s left"
        );
        assert_eq!(time_left(0, Some(400), ten, Lang::Vi), "…");
        assert_eq!(time_left(5, None, ten, Lang::Vi), "…");
        assert_eq!(seconds(1.25, Lang::Vi), "1,2 giây");
        assert_eq!(seconds(75.0, Lang::Vi), "1 phút 15 giây");
    }

    #[test]
    fn the_read_bar_shows_the_bytes_read_of_the_inputs_size() {
        assert_eq!(of_size(5, 0, Lang::Vi), "", "the size not known yet");
        assert_eq!(
            of_size(11_000_000, 25_300_000, Lang::Vi),
            "[========>           ] 43% của 25,3 MB · "
        );
        assert_eq!(
            of_size(25_300_000, 25_300_000, Lang::En),
            "[====================] 100% of 25.3 MB · "
        );
    }

    #[test]
    fn a_counter_counts_without_a_terminal() {
        let mut p = Progress::new(true);
        let c = p.counting("Đọc", "dòng");
        c.add(4);
        c.clone().add(3);
        assert_eq!(c.total(), 7);
        assert_eq!(c.meter().total(), 0);
        p.step("Chia nhóm so sánh");
        p.done();
        p.step("after the stage: nothing to mark");
    }
}
