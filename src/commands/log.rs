//! `sokhach log --out DIR`: the audit log — every run with its inputs' hashes and counts,
//! every request carried out, every deletion (masked), every export and disclosure.

use crate::cli::{Global, LogArgs};
use crate::error::{BadInput, ExitCode};
use crate::i18n::pick;
use crate::state::{Store, DIR};
use anyhow::Result;

pub fn run(a: &LogArgs, g: &Global) -> Result<ExitCode> {
    if !a.out.join(DIR).exists() {
        return Err(BadInput(pick(
            g.lang,
            format!(
                "{} chưa có dữ liệu trạng thái (chưa chạy clean vào thư mục này).",
                a.out.display()
            ),
            format!(
                "{} has no state yet (clean was never run into it).",
                a.out.display()
            ),
        ))
        .into());
    }
    let store = Store::open(&a.out)?;
    for (seq, at, kind, detail) in store.audit()? {
        println!("{seq:>6}  {at}  {kind:<20} {detail}");
    }
    Ok(ExitCode::Ok)
}
