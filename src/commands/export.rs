//! `export-subject` (a customer's access request) and `disclose` (a competent authority's
//! decision): everything held about the named customers — the customer record, every source
//! row, every change made — in one workbook, recorded in the audit log. `disclose` is the only
//! way to export customer data for a third party, and it refuses to run without the decision.

use super::pipeline;
use crate::cli::{DiscloseArgs, ExportArgs, ExportTarget, Global};
use crate::error::{BadInput, ExitCode};
use crate::i18n::{pick, Lang, L};
use crate::model::Role;
use crate::output::report::{field_label, rule_label};
use crate::output::xlsx::{save_atomic, Formats, SheetWriter, V};
use crate::progress::Progress;
use anyhow::Result;
use rust_xlsxwriter::Workbook;

/// The day the copy is made: `--as-of`, or today.
fn made_on(t: &ExportTarget, lang: crate::i18n::Lang) -> Result<chrono::NaiveDate> {
    match &t.as_of {
        Some(d) => super::parse_cli_date(d, lang),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Writes the workbook of the customers `ids` (ids of merged-away customers are followed);
/// returns their current ids and the run.
fn write(
    t: &ExportTarget,
    ids: &[String],
    g: &Global,
    cover: &[(String, V<'static>)],
    access: bool,
) -> Result<(Vec<String>, pipeline::Built)> {
    let (input, out) = (&t.input, t.out.as_path());
    let lang = g.lang;
    let session = crate::workspace::Session::existing(g.workspace.as_deref(), lang)?;
    let inputs = session.inputs(&input.inputs, lang)?;
    let aliases = session.store.aliases()?;
    let resolved: Vec<String> = ids
        .iter()
        .map(|id| {
            let id = id.trim().to_uppercase();
            aliases.get(&id).cloned().unwrap_or(id)
        })
        .collect();
    let mut progress = Progress::new(g.quiet).in_lang(lang);
    let out_dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let params = pipeline::Params {
        inputs: &inputs,
        encoding: input.encoding.as_deref(),
        out: out_dir,
        lang,
        today: made_on(t, lang)?,
        skip_bad: false,
        decisions: None,
        // The customer's access request is done once this copy exists.
        exported: if access { resolved.clone() } else { Vec::new() },
    };
    let b = pipeline::build(&params, session, &mut progress)?;
    progress.done();
    let mut found = Vec::new();
    for id in resolved {
        match b
            .customers
            .iter()
            .enumerate()
            .find(|(i, c)| c.id == id && b.applied.fate[*i].is_none())
        {
            Some((i, _)) => found.push(i),
            None => {
                return Err(BadInput(pick(
                    lang,
                    format!("không có khách hàng {id} trong sổ (đã xóa, hoặc sai mã)."),
                    format!("no customer {id} in the book (deleted, or a wrong id)."),
                ))
                .into())
            }
        }
    }
    let mut wb = crate::output::xlsx::workbook();
    let fmt = Formats::for_lang(lang);
    let copy = Copy {
        fmt: &fmt,
        b: &b,
        found: &found,
    };
    copy.record_sheet(&mut wb, cover)?;
    copy.source_rows_sheet(&mut wb)?;
    copy.changes_sheet(&mut wb)?;
    save_atomic(&mut wb, out)?;
    let ids = found
        .iter()
        .map(|&i| b.customers[i].id.to_string())
        .collect();
    if !g.quiet {
        eprintln!("{} {}", L("Đã ghi", "Written:").t(lang), out.display());
    }
    Ok((ids, b))
}

/// The copy's workbook: its format, the run, and the customers it is about.
struct Copy<'a> {
    fmt: &'a Formats,
    b: &'a pipeline::Built,
    /// The customers, as indexes into the run's customers.
    found: &'a [usize],
}

/// The first columns of the sheets listing rows: whose row, from which file.
const WHOSE: [L; 2] = [L("Mã KH", "Customer ID"), L("Tệp", "File")];

impl Copy<'_> {
    /// "Thông tin": the cover lines, then each customer's record as it stands in the book.
    fn record_sheet(&self, wb: &mut Workbook, cover: &[(String, V<'static>)]) -> Result<()> {
        let (fmt, b, found) = (self.fmt, self.b, self.found);
        let lang = fmt.lang;
        let mut sw = SheetWriter::new(
            wb,
            L("Thông tin", "Record").t(lang),
            &[L("Mục", "Item").t(lang), L("Giá trị", "Value").t(lang)],
            fmt,
        )?;
        sw.wrap(1, 60)?;
        for (k, v) in cover {
            sw.row(&[V::from(k.as_str()), v.clone()])?;
        }
        for &i in found {
            let c = &b.customers[i];
            let all = |first: &str, rest: &[compact_str::CompactString]| {
                std::iter::once(first)
                    .chain(rest.iter().map(|s| s.as_str()))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let fields = [
                (L("Mã KH", "Customer ID"), V::from(c.id.as_str())),
                (L("Tên", "Name"), V::from(c.name.as_str())),
                (
                    L("Người liên hệ", "Contact person"),
                    V::from(c.contact.as_str()),
                ),
                (
                    L("Điện thoại", "Phone"),
                    V::from(all(&c.phone, &c.other_phones)),
                ),
                (L("Email", "Email"), V::from(all(&c.email, &c.other_emails))),
                (L("Địa chỉ", "Address"), V::from(c.address.as_str())),
                (
                    L("Địa chỉ giao hàng", "Delivery address"),
                    V::from(c.delivery.as_str()),
                ),
                (L("MST", "Tax code"), V::from(c.tax.as_str())),
                (
                    L("Giao dịch cuối", "Last activity"),
                    V::from(c.last_activity),
                ),
                (
                    L("Ngừng quảng cáo", "No marketing"),
                    V::from(if c.no_marketing {
                        L("Có", "Yes").t(lang)
                    } else {
                        ""
                    }),
                ),
            ];
            for (k, v) in fields {
                sw.row(&[V::from(k.t(lang)), v])?;
            }
            sw.row(&[V::Empty, V::Empty])?;
        }
        sw.finish()?;
        Ok(())
    }

    /// "Dòng gốc": every source row of the customers as it was read, in the columns the rows use
    /// (a column empty on all of them says nothing to the customer), a date as a date.
    fn source_rows_sheet(&self, wb: &mut Workbook) -> Result<()> {
        let (fmt, b, found) = (self.fmt, self.b, self.found);
        let lang = fmt.lang;
        let rows: Vec<(&str, u32)> = found
            .iter()
            .flat_map(|&i| {
                let c = &b.customers[i];
                c.rows.iter().map(move |&r| (c.id.as_str(), r))
            })
            .collect();
        let roles: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|role| {
                rows.iter()
                    .any(|(_, r)| !b.ing.rows[*r as usize].get(*role).is_empty())
            })
            .collect();
        let mut headers: Vec<String> = WHOSE
            .iter()
            .chain(&[L("Trang", "Sheet"), L("Dòng", "Row")])
            .map(|l| l.t(lang).to_string())
            .collect();
        headers.extend(roles.iter().map(|r| {
            // The book's own id column, apart from the customer id the copy is about.
            let name = crate::i18n::role(*r, lang);
            if *r == Role::CustomerId {
                format!("{name} {}", L("(trong tệp)", "(in the file)").t(lang))
            } else {
                name.to_string()
            }
        }));
        let h: Vec<&str> = headers.iter().map(|s| s.as_str()).collect();
        let mut sw = SheetWriter::new(wb, L("Dòng gốc", "Source rows").t(lang), &h, fmt)?;
        for (id, r) in rows {
            let raw = &b.ing.rows[r as usize];
            let s = &b.ing.sources[raw.source as usize];
            let date = b.norms[r as usize].date;
            let mut row = vec![
                V::from(id),
                V::from(s.file.as_str()),
                V::from(s.sheet.as_deref().unwrap_or("")),
                V::I(raw.row as i64),
            ];
            row.extend(roles.iter().map(|role| match (role, date) {
                (Role::Date, Some(d)) => V::D(d),
                _ => V::from(raw.get(*role)),
            }));
            sw.row(&row)?;
        }
        sw.finish()?;
        Ok(())
    }

    /// "Thay đổi": every value the tool changed or asks about on those rows, old beside new.
    fn changes_sheet(&self, wb: &mut Workbook) -> Result<()> {
        let (fmt, b, found) = (self.fmt, self.b, self.found);
        let lang = fmt.lang;
        let headers: Vec<&str> = WHOSE
            .iter()
            .chain(&[
                L("Dòng", "Row"),
                L("Cột", "Column"),
                L("Giá trị cũ", "Old value"),
                L("Giá trị mới", "New value"),
                L("Quy tắc", "Rule"),
            ])
            .map(|l| l.t(lang))
            .collect();
        let mut sw = SheetWriter::new(wb, L("Thay đổi", "Changes").t(lang), &headers, fmt)?;
        sw.wrap(4, 40)?;
        sw.wrap(5, 40)?;
        for &i in found {
            let c = &b.customers[i];
            let rows: std::collections::HashSet<u32> = c.rows.iter().copied().collect();
            for f in b.findings.iter().filter(|f| rows.contains(&f.row)) {
                let (raw, n) = (&b.ing.rows[f.row as usize], &b.norms[f.row as usize]);
                let mut cells = vec![
                    V::from(c.id.as_str()),
                    V::from(b.ing.sources[raw.source as usize].file.as_str()),
                ];
                cells.extend(finding_cells(f, raw, n, lang));
                sw.row(&cells)?;
            }
        }
        sw.finish()?;
        Ok(())
    }
}

/// A finding's row, column, old and new values and rule, as the change report lists them.
fn finding_cells<'r>(
    f: &'r crate::model::Finding,
    raw: &'r crate::model::RawRow,
    n: &'r crate::normalize::Norm,
    lang: Lang,
) -> [V<'r>; 5] {
    let (old, new) = crate::normalize::finding_values(f, raw, n);
    [
        V::I(raw.row as i64),
        V::from(field_label(f.field, lang)),
        V::from(old),
        V::from(crate::normalize::shown_new(new, lang)),
        V::from(rule_label(f.rule, lang)),
    ]
}

pub fn subject(a: &ExportArgs, g: &Global) -> Result<ExitCode> {
    let cover = vec![(
        L(
            "Bản sao dữ liệu cá nhân theo yêu cầu của khách hàng",
            "Copy of personal data at the customer's request",
        )
        .t(g.lang)
        .to_string(),
        V::D(made_on(&a.target, g.lang)?),
    )];
    let (ids, mut b) = write(&a.target, std::slice::from_ref(&a.id), g, &cover, true)?;
    // Access requests of this customer are done now that the copy exists.
    let done: Vec<(crate::state::Fp, String)> = b
        .applied
        .requests
        .iter()
        .filter(|o| {
            o.request
                .as_ref()
                .is_some_and(|q| q.kind == crate::policy::requests::Kind::Access)
                && matches!(&o.status, crate::policy::RequestStatus::Applied { customer_id } if ids.contains(customer_id))
        })
        .filter_map(|o| Some((o.key?, o.done_on.clone()?)))
        .collect();
    b.store.mark_done(&done)?;
    b.store.log(
        "export-subject",
        &serde_json::json!({ "ids": ids, "file": a.target.out.display().to_string(), "requests_done": done.len() }).to_string(),
    )?;
    Ok(ExitCode::Ok)
}

pub fn disclose(a: &DiscloseArgs, g: &Global) -> Result<ExitCode> {
    let decision = a.decision.trim();
    if decision.chars().filter(|c| c.is_alphanumeric()).count() < 6 {
        return Err(BadInput(pick(
            g.lang,
            "--decision phải ghi rõ số quyết định, cơ quan và ngày của cơ quan nhà nước có thẩm quyền.".into(),
            "--decision must name the competent authority's decision number, body and date.".into(),
        ))
        .into());
    }
    let lang: Lang = g.lang;
    let cover = vec![
        (
            L(
                "Cung cấp dữ liệu theo quyết định",
                "Disclosed under decision",
            )
            .t(lang)
            .to_string(),
            V::from(decision.to_string()),
        ),
        (
            L("Ngày", "Date").t(lang).to_string(),
            V::D(made_on(&a.target, lang)?),
        ),
    ];
    let (ids, mut b) = write(&a.target, &a.ids, g, &cover, false)?;
    b.store.log("disclose", &serde_json::json!({ "decision": decision, "ids": ids, "file": a.target.out.display().to_string() }).to_string())?;
    Ok(ExitCode::Ok)
}
