//! `thay-doi.csv`: every value the run changed or wants checked, one line each. The change
//! report's sheets hold the first [`super::SHEET_LIST_MAX`] of each list (a list of two million
//! changes is not read in a spreadsheet, and writing it as one would double the run's time);
//! this file always holds them all, for filtering and for audits. UTF-8 with BOM (Excel shows
//! Vietnamese right), comma-separated; cells a spreadsheet would run as formulas get a `'`.

use super::lineage::csv_safe;
use super::report::{field_label, rule_label, ReportInput};
use crate::i18n::L;
use crate::model::Severity;
use anyhow::Result;
use std::path::Path;

pub const FILE: &str = super::CHANGES_FILE;

pub fn write(path: &Path, r: &ReportInput<'_>) -> Result<super::Staged> {
    let lang = r.lang;
    let staged = super::Staged::new(path)?;
    let header = [
        L("Loại", "Kind"),
        L("Tệp", "File"),
        L("Trang", "Sheet"),
        L("Dòng", "Row"),
        L("Cột", "Column"),
        L("Giá trị cũ", "Old value"),
        L("Giá trị mới / gợi ý", "New value / suggestion"),
        L("Quy tắc", "Rule"),
    ]
    .map(|l| l.t(lang));
    let changed = L("Đã sửa", "Changed").t(lang);
    let check = L("Cần kiểm tra", "To check").t(lang);
    // Files named from the folder the inputs share, as in the workbooks (the lineage keeps
    // the paths as given); made formula-safe once per source, not once per line.
    let places = super::book::Places::new(&r.ing.sources);
    let files: Vec<String> = (0..r.ing.sources.len() as u32)
        .map(|i| csv_safe(places.file(i)).into_owned())
        .collect();
    super::csvout::write_file(staged.file(), &header, r.findings, |f, w, row| {
        let raw = &r.ing.rows[f.row as usize];
        let s = &r.ing.sources[raw.source as usize];
        let (old, new) = crate::normalize::finding_values(f, raw, &r.norms[f.row as usize]);
        row.clear();
        {
            use std::fmt::Write as _;
            let _ = write!(row, "{}", raw.row);
        }
        w.write_record([
            if f.severity == Severity::Changed {
                changed
            } else {
                check
            },
            files[raw.source as usize].as_str(),
            csv_safe(s.sheet.as_deref().unwrap_or("")).as_ref(),
            row.as_str(),
            field_label(f.field, lang),
            csv_safe(old).as_ref(),
            csv_safe(crate::normalize::shown_new(new, lang)).as_ref(),
            rule_label(f.rule, lang),
        ])
    })?;
    Ok(staged)
}
