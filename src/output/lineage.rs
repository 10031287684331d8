//! `lineage.csv`: one line for every data row read — the contract audits and other tools rely
//! on. UTF-8 with BOM (Excel shows the Vietnamese file names right), comma-separated, columns
//! exactly `source_file,source_sheet,source_row,customer_id,action,reason`.

use super::LineageLine;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub const FILE: &str = "lineage.csv";

pub const HEADER: [&str; 6] = [
    "source_file",
    "source_sheet",
    "source_row",
    "customer_id",
    "action",
    "reason",
];

pub fn write(path: &Path, lines: &[LineageLine]) -> Result<super::Staged> {
    let staged = super::Staged::new(path)?;
    {
        let mut buf = std::io::BufWriter::with_capacity(1 << 20, staged.file());
        buf.write_all("\u{FEFF}".as_bytes())?;
        let mut w = csv::Writer::from_writer(&mut buf);
        w.write_record(HEADER)?;
        let mut row = String::new();
        for l in lines {
            row.clear();
            if let Some(r) = l.row {
                use std::fmt::Write as _;
                let _ = write!(row, "{r}");
            }
            w.write_record([
                csv_safe(&l.file).as_ref(),
                csv_safe(&l.sheet).as_ref(),
                row.as_str(),
                &*l.customer_id,
                l.action.as_str(),
                csv_safe(&l.reason).as_ref(),
            ])?;
        }
        w.flush()?;
        drop(w);
        buf.flush()?;
    }
    Ok(staged)
}

/// Neutralises text that a spreadsheet would run as a formula when it opens the CSV: a leading
/// `=`, `+`, `-`, `@` (or tab/CR) gets a `'` in front.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => std::borrow::Cow::Owned(format!("'{s}")),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::csv_safe;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+84912345678"), "'+84912345678");
        assert_eq!(csv_safe("@cmd"), "'@cmd");
        assert_eq!(csv_safe("Nguyễn"), "Nguyễn");
    }
}
