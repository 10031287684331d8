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

/// Writes the workbook of the customers `ids` (ids of merged-away customers are followed);
/// returns their current ids and the run.
fn write(
    t: &ExportTarget,
    ids: &[String],
    g: &Global,
    cover: &[(String, String)],
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
    let mut progress = Progress::new(g.quiet);
    let out_dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let params = pipeline::Params {
        inputs: &inputs,
        encoding: input.encoding.as_deref(),
        out: out_dir,
        lang,
        today: chrono::Local::now().date_naive(),
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
    {
        let mut sw = SheetWriter::new(
            &mut wb,
            L("Thông tin", "Record").t(lang),
            &[L("Mục", "Item").t(lang), L("Giá trị", "Value").t(lang)],
            &fmt,
        )?;
        for (k, v) in cover {
            sw.row(&[V::from(k.as_str()), V::from(v.as_str())])?;
        }
        for &i in &found {
            let c = &b.customers[i];
            let fields = [
                (L("Mã KH", "Customer ID"), c.id.clone()),
                (L("Tên", "Name"), c.name.clone()),
                (L("Người liên hệ", "Contact person"), c.contact.clone()),
                (
                    L("Điện thoại", "Phone"),
                    [vec![c.phone.clone()], c.other_phones.clone()]
                        .concat()
                        .join("; ")
                        .into(),
                ),
                (
                    L("Email", "Email"),
                    [vec![c.email.clone()], c.other_emails.clone()]
                        .concat()
                        .join("; ")
                        .into(),
                ),
                (L("Địa chỉ", "Address"), c.address.clone()),
                (
                    L("Địa chỉ giao hàng", "Delivery address"),
                    c.delivery.clone(),
                ),
                (L("MST", "Tax code"), c.tax.clone()),
                (
                    L("Giao dịch cuối", "Last activity"),
                    c.last_activity
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                        .into(),
                ),
                (
                    L("Ngừng quảng cáo", "No marketing"),
                    if c.no_marketing {
                        "x".into()
                    } else {
                        Default::default()
                    },
                ),
            ];
            for (k, v) in fields {
                sw.row(&[V::from(k.t(lang)), V::from(v)])?;
            }
            sw.row(&[V::Empty, V::Empty])?;
        }
        sw.finish()?;
    }
    {
        let mut headers: Vec<String> = vec![
            L("Mã KH", "Customer ID").t(lang).into(),
            L("Tệp", "File").t(lang).into(),
            L("Trang", "Sheet").t(lang).into(),
            L("Dòng", "Row").t(lang).into(),
        ];
        headers.extend(
            Role::ALL
                .iter()
                .map(|r| crate::i18n::role(*r, lang).to_string()),
        );
        let h: Vec<&str> = headers.iter().map(|s| s.as_str()).collect();
        let mut sw = SheetWriter::new(&mut wb, L("Dòng gốc", "Source rows").t(lang), &h, &fmt)?;
        for &i in &found {
            let c = &b.customers[i];
            for &r in &c.rows {
                let raw = &b.ing.rows[r as usize];
                let s = &b.ing.sources[raw.source as usize];
                let mut row = vec![
                    V::from(c.id.as_str()),
                    V::from(s.file.as_str()),
                    V::from(s.sheet.as_deref().unwrap_or("")),
                    V::I(raw.row as i64),
                ];
                row.extend(Role::ALL.iter().map(|role| V::from(raw.get(*role))));
                sw.row(&row)?;
            }
        }
        sw.finish()?;
    }
    {
        let headers: Vec<&str> = [
            L("Mã KH", "Customer ID"),
            L("Dòng", "Row"),
            L("Cột", "Column"),
            L("Giá trị cũ", "Old value"),
            L("Giá trị mới", "New value"),
            L("Quy tắc", "Rule"),
        ]
        .iter()
        .map(|l| l.t(lang))
        .collect();
        let mut sw = SheetWriter::new(&mut wb, L("Thay đổi", "Changes").t(lang), &headers, &fmt)?;
        for &i in &found {
            let c = &b.customers[i];
            for f in b.findings.iter().filter(|f| c.rows.contains(&f.row)) {
                sw.row(&[
                    V::from(c.id.as_str()),
                    V::I(b.ing.rows[f.row as usize].row as i64),
                    V::from(field_label(f.field, lang)),
                    V::from(f.old.as_str()),
                    V::from(f.new.as_str()),
                    V::from(rule_label(f.rule, lang)),
                ])?;
            }
        }
        sw.finish()?;
    }
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

pub fn subject(a: &ExportArgs, g: &Global) -> Result<ExitCode> {
    let cover = vec![(
        L(
            "Bản sao dữ liệu cá nhân theo yêu cầu của khách hàng",
            "Copy of personal data at the customer's request",
        )
        .t(g.lang)
        .to_string(),
        chrono::Local::now().format("%d/%m/%Y").to_string(),
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
            decision.to_string(),
        ),
        (
            L("Ngày", "Date").t(lang).to_string(),
            chrono::Local::now().format("%d/%m/%Y").to_string(),
        ),
    ];
    let (ids, mut b) = write(&a.target, &a.ids, g, &cover, false)?;
    b.store.log("disclose", &serde_json::json!({ "decision": decision, "ids": ids, "file": a.target.out.display().to_string() }).to_string())?;
    Ok(ExitCode::Ok)
}
