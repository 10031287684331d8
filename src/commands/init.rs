//! `sokhach init [DIR]`: makes DIR a workspace — writes the policy file and the requests book,
//! each only if absent.

use crate::cli::{Global, InitArgs};
use crate::error::ExitCode;
use crate::i18n::{pick, Lang, L};
use crate::policy::file;
use crate::policy::requests::{Kind, HEADERS, SHEET};
use anyhow::{Context as _, Result};
use std::path::Path;

pub fn run(a: &InitArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    std::fs::create_dir_all(&a.dir).with_context(|| {
        pick(
            lang,
            format!("không tạo được {}", a.dir.display()),
            format!("cannot create {}", a.dir.display()),
        )
    })?;
    let policy = a.dir.join(file::FILE);
    write_if_absent(&policy, g, |p| {
        std::fs::write(p, file::template(lang)).with_context(|| {
            pick(
                lang,
                format!("không ghi được {}", p.display()),
                format!("cannot write {}", p.display()),
            )
        })
    })?;
    let book = a.dir.join(file::Requests::default().file);
    write_if_absent(&book, g, |p| write_requests_template(p, lang))?;
    if !g.quiet {
        // The folder as a clerk finds it again («.» says nothing once the terminal is closed).
        let dir = std::fs::canonicalize(&a.dir).unwrap_or_else(|_| a.dir.clone());
        eprintln!(
            "{}",
            pick(
                lang,
                format!(
                    "Thư mục làm việc: {}. Liệt kê sổ sách trong [inputs] của sokhach.toml rồi chạy «sokhach clean» trong thư mục này; trạng thái (.sokhach/) được tạo ở lần chạy đầu.",
                    dir.display()
                ),
                format!(
                    "Workspace: {}. List the ledgers under [inputs] in sokhach.toml, then run «sokhach clean» in this folder; the state (.sokhach/) is created by the first run.",
                    dir.display()
                ),
            )
        );
    }
    Ok(ExitCode::Ok)
}

/// Writes `path` with `write` unless it exists (a workspace's files are the office's); says
/// which, unless `--quiet`.
fn write_if_absent(path: &Path, g: &Global, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let said = if path.exists() {
        L("đã có, giữ nguyên", "exists, kept").t(g.lang)
    } else {
        write(path)?;
        "✓"
    };
    if !g.quiet {
        eprintln!("{} {said}", path.display());
    }
    Ok(())
}

/// The empty requests book, with a drop-down for the kind. Written here, not in `policy`
/// (which reads it): the policy stays below the output layer.
fn write_requests_template(path: &Path, lang: Lang) -> Result<()> {
    use crate::output::xlsx::{save_atomic, Formats, SheetWriter, V};
    let mut wb = crate::output::xlsx::workbook();
    let fmt = Formats::for_lang(lang);
    let headers: Vec<&str> = HEADERS.iter().map(|l| l.t(lang)).collect();
    {
        let mut sw = SheetWriter::new(&mut wb, SHEET.t(lang), &headers, &fmt)?;
        sw.row(&[V::Empty])?;
        let kinds = Kind::ALL.map(|k| k.label(lang));
        sw.dropdown_rows(1, &kinds, 1000)?;
        sw.finish()?;
    }
    save_atomic(&mut wb, path)
}
