//! `sokhach log`: the workspace's audit log — every run with its inputs' hashes and counts,
//! every request carried out, every deletion (masked), every export and disclosure.

use crate::cli::{Global, LogArgs};
use crate::error::ExitCode;
use anyhow::Result;

pub fn run(_a: &LogArgs, g: &Global) -> Result<ExitCode> {
    let session = crate::workspace::Session::existing(g.workspace.as_deref(), g.lang)?;
    for (seq, at, kind, detail) in session.store.audit()? {
        println!("{seq:>6}  {at}  {kind:<20} {detail}");
    }
    Ok(ExitCode::Ok)
}
