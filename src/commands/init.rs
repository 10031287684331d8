//! `sokhach init [DIR]`: makes DIR a workspace — writes the policy file and the requests book,
//! each only if absent.

use crate::cli::{Global, InitArgs};
use crate::error::ExitCode;
use crate::policy::{file, requests};
use anyhow::{Context as _, Result};

pub fn run(a: &InitArgs, g: &Global) -> Result<ExitCode> {
    std::fs::create_dir_all(&a.dir)
        .with_context(|| format!("không tạo được {}", a.dir.display()))?;
    let policy = a.dir.join(file::FILE);
    if policy.exists() {
        eprintln!("{} đã có, giữ nguyên / exists, kept", policy.display());
    } else {
        std::fs::write(&policy, file::TEMPLATE)
            .with_context(|| format!("không ghi được {}", policy.display()))?;
        eprintln!("{} ✓", policy.display());
    }
    let book = a.dir.join(file::Requests::default().file);
    if book.exists() {
        eprintln!("{} đã có, giữ nguyên / exists, kept", book.display());
    } else {
        requests::write_template(&book, g.lang)?;
        eprintln!("{} ✓", book.display());
    }
    if !g.quiet {
        eprintln!(
            "{}",
            crate::i18n::pick(
                g.lang,
                format!(
                    "Thư mục làm việc: {}. Liệt kê sổ sách trong [inputs] của sokhach.toml rồi chạy «sokhach clean» trong thư mục này; trạng thái (.sokhach/) được tạo ở lần chạy đầu.",
                    a.dir.display()
                ),
                format!(
                    "Workspace: {}. List the ledgers under [inputs] in sokhach.toml, then run «sokhach clean» in this folder; the state (.sokhach/) is created by the first run.",
                    a.dir.display()
                ),
            )
        );
    }
    Ok(ExitCode::Ok)
}
