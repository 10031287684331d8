//! One file per subcommand; each wires the stages together and talks to the user.

pub mod clean;
pub mod eval;
pub mod export;
pub mod init;
pub mod inspect;
pub mod log;
pub mod mailing;
pub mod pipeline;
pub mod summary;

use crate::cli::{Cli, Command};
use crate::error::{BadInput, ExitCode};
use crate::i18n::Lang;
use anyhow::Result;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let g = &cli.global;
    match &cli.command {
        Command::Inspect(a) => inspect::run(a, g),
        Command::Clean(a) => clean::run(a, g),
        Command::Eval(a) => eval::run(a, g),
        Command::Mailing(a) => mailing::run(a, g),
        Command::Init(a) => init::run(a, g),
        Command::Log(a) => log::run(a, g),
        Command::ExportSubject(a) => export::subject(a, g),
        Command::Disclose(a) => export::disclose(a, g),
    }
}

/// Bad input and usage are exit 2; anything else is 1.
pub fn exit_code_of(e: &anyhow::Error) -> ExitCode {
    if e.chain()
        .any(|c| c.is::<BadInput>() || c.is::<crate::error::InputProblem>())
    {
        ExitCode::BadInput
    } else {
        ExitCode::Failure
    }
}

/// Resolves `--encoding`.
pub fn ingest_options(encoding: Option<&str>, lang: Lang) -> Result<crate::ingest::Options> {
    let forced_encoding = match encoding {
        None => None,
        Some(label) => Some(encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            BadInput(crate::i18n::pick(
                lang,
                format!("không biết bảng mã «{label}». Dùng utf-8, windows-1258, utf-16le hoặc utf-16be."),
                format!("unknown encoding «{label}». Use utf-8, windows-1258, utf-16le or utf-16be."),
            ))
        })?),
    };
    Ok(crate::ingest::Options {
        forced_encoding,
        overrides: Vec::new(),
        exclude: Vec::new(),
    })
}

/// Parses a date given on the command line (dd/mm/yyyy or yyyy-mm-dd).
pub fn parse_cli_date(s: &str, lang: Lang) -> Result<chrono::NaiveDate> {
    let s = s.trim();
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| {
            let text = if is_date_shaped(s) {
                crate::i18n::pick(
                    lang,
                    format!("ngày «{s}» không có trong lịch: kiểm tra ngày và tháng."),
                    format!("date «{s}» does not exist: check the day and the month."),
                )
            } else {
                crate::i18n::pick(
                    lang,
                    format!("ngày «{s}» không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd."),
                    format!("date «{s}» is not dd/mm/yyyy or yyyy-mm-dd."),
                )
            };
            BadInput(text).into()
        })
}

/// Written as dd/mm/yyyy or yyyy-mm-dd (day and month of one or two digits), whether or not
/// such a day exists.
fn is_date_shaped(s: &str) -> bool {
    let parts = |sep: char| -> Vec<usize> {
        s.split(sep)
            .map(|p| {
                if p.bytes().all(|b| b.is_ascii_digit()) {
                    p.len()
                } else {
                    0
                }
            })
            .collect()
    };
    matches!(parts('/')[..], [1 | 2, 1 | 2, 4]) || matches!(parts('-')[..], [4, 1 | 2, 1 | 2])
}
