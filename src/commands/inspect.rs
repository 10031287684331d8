//! `sokhach inspect FILES…`: what the tool sees in each ledger, before anything is changed —
//! header row, column roles, row counts, encodings, and per-field quality (valid, normalised,
//! invalid). Reads only; writes nothing.

use crate::cli::{Global, InspectArgs};
use crate::error::{BadInput, ExitCode};
use crate::i18n::{pick, Lang, L};
use crate::ingest::{self, header};
use crate::model::{Field, Role, Rule, Severity};
use crate::normalize::{self, text, Context};
use anyhow::Result;
use std::collections::BTreeMap;

#[derive(Debug, Default, serde::Serialize)]
struct FieldQuality {
    filled: u64,
    normalised: u64,
    invalid: u64,
}

#[derive(Debug, serde::Serialize)]
struct TableProfile {
    file: String,
    sheet: Option<String>,
    kind: &'static str,
    format: &'static str,
    encoding: Option<String>,
    header_row: u32,
    columns: Vec<(String, Option<&'static str>)>,
    data_rows: u64,
    skipped_rows: u64,
    empty_names: u64,
    nfd_values: u64,
    legacy_font_values: u64,
    fields: BTreeMap<&'static str, FieldQuality>,
}

const FIELDS: &[(Field, Role, &str)] = &[
    (Field::Name, Role::Name, "name"),
    (Field::Phone, Role::Phone, "phone"),
    (Field::Email, Role::Email, "email"),
    (Field::Address, Role::Address, "address"),
    (Field::TaxCode, Role::TaxCode, "tax_code"),
    (Field::Date, Role::Date, "date"),
];

pub fn run(a: &InspectArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    let opts = super::ingest_options(a.input.encoding.as_deref(), lang)?;
    let inputs = inputs(a, g)?;
    let ing = ingest::read_all(&inputs, &opts);
    let today = chrono::Local::now().date_naive();
    let (_, findings) = normalize::normalize_all(&ing.rows, &Context::new(today));
    let profiles = profile(&ing, &findings);

    if a.json {
        let problems: Vec<String> = ing.problems.iter().map(|p| p.message(lang)).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "tables": profiles, "problems": problems })
            )?
        );
    } else {
        for p in &profiles {
            print_table(p, lang);
        }
        for n in &ing.notices {
            if let ingest::Notice::NotALedger {
                file,
                sheet,
                staff,
                sellers,
            } = n
            {
                let why = if *sellers {
                    L(
                        "bảng kê hóa đơn mua vào (người bán là nhà cung cấp, không phải khách hàng), bỏ qua",
                        "a list of purchase invoices (sellers are suppliers, not customers), left alone",
                    )
                } else if *staff {
                    L(
                        "danh sách nhân viên của công ty, không phải khách hàng, bỏ qua",
                        "the company's staff list, not customers, left alone",
                    )
                } else {
                    L(
                        "không phải danh sách khách hàng, bỏ qua",
                        "not a customer ledger, left alone",
                    )
                };
                println!(
                    "{} › {}: {}",
                    file,
                    sheet.as_deref().unwrap_or(""),
                    why.t(lang)
                );
            }
        }
        for p in &ing.problems {
            eprintln!("sokhach: {}", p.message(lang));
        }
    }
    if !ing.problems.is_empty() {
        return Err(BadInput(pick(
            lang,
            format!("{} tệp đầu vào có vấn đề.", ing.problems.len()),
            format!("{} input(s) have problems.", ing.problems.len()),
        ))
        .into());
    }
    Ok(ExitCode::Ok)
}

/// The ledgers named, else the workspace's.
fn inputs(a: &InspectArgs, g: &Global) -> Result<Vec<std::path::PathBuf>> {
    let lang = g.lang;
    Ok(if a.input.inputs.is_empty() {
        // The workspace's ledgers, when none are named.
        let ws = crate::workspace::Workspace::find(g.workspace.as_deref(), lang)?;
        let session_inputs = ws.map(|w| w.inputs()).unwrap_or_default();
        if session_inputs.is_empty() {
            return Err(crate::error::BadInput(
                crate::i18n::L(
                    "chưa có sổ sách nào: ghi tên tệp hoặc thư mục sau lệnh.",
                    "no ledgers named: give FILES or folders.",
                )
                .t(lang)
                .into(),
            )
            .into());
        }
        session_inputs
    } else {
        a.input.inputs.clone()
    })
}

/// What each table holds: rows, skipped rows, empty names, and per field how many values are
/// filled, normalised and invalid.
fn profile(ing: &ingest::Ingested, findings: &[crate::model::Finding]) -> Vec<TableProfile> {
    let mut profiles: Vec<TableProfile> = ing
        .sources
        .iter()
        .map(|s| TableProfile {
            file: s.file.clone(),
            sheet: s.sheet.clone(),
            kind: match s.kind {
                crate::model::SourceKind::Customers => "customers",
                crate::model::SourceKind::Invoices => "invoices",
            },
            format: s.format,
            encoding: s.encoding.clone(),
            header_row: s.header_row,
            columns: s
                .columns
                .iter()
                .map(|(h, r)| (h.clone(), r.map(|r| r.key())))
                .collect(),
            data_rows: 0,
            skipped_rows: 0,
            empty_names: 0,
            nfd_values: 0,
            legacy_font_values: 0,
            fields: FIELDS
                .iter()
                .map(|(_, _, k)| (*k, FieldQuality::default()))
                .collect(),
        })
        .collect();
    for raw in &ing.rows {
        let p = &mut profiles[raw.source as usize];
        p.data_rows += 1;
        if raw.get(Role::Name).trim().is_empty() {
            p.empty_names += 1;
        }
        for &(_, role, key) in FIELDS {
            let v = raw.get(role);
            if !v.trim().is_empty() {
                if let Some(q) = p.fields.get_mut(key) {
                    q.filled += 1;
                }
            }
            if text::has_nfd(v) {
                p.nfd_values += 1;
            }
        }
    }
    for s in &ing.skipped {
        profiles[s.source as usize].skipped_rows += 1;
    }
    for f in findings {
        let raw = &ing.rows[f.row as usize];
        let p = &mut profiles[raw.source as usize];
        if f.rule == Rule::LegacyFontConverted {
            p.legacy_font_values += 1;
        }
        let Some(&(_, _, key)) = FIELDS.iter().find(|(fl, _, _)| *fl == f.field) else {
            continue;
        };
        let Some(q) = p.fields.get_mut(key) else {
            continue;
        };
        match (f.severity, f.rule) {
            (_, Rule::NameMissing) => {}
            (Severity::Changed, _) => q.normalised += 1,
            (Severity::Check, _) => q.invalid += 1,
        }
    }

    profiles
}

/// The organisation's and the person's name columns of a table read as organisation and
/// contact (see `ingest::header::Header::person_stands_in`), by their headers.
fn person_stands_in(columns: &[(String, Option<&'static str>)]) -> Option<(String, String)> {
    let org = columns
        .iter()
        .find(|(h, r)| *r == Some(Role::Name.key()) && header::names_organisation(h))?;
    let person = columns
        .iter()
        .find(|(h, r)| *r == Some(Role::Contact.key()) && header::role_of(h) == Some(Role::Name))?;
    Some((org.0.clone(), person.0.clone()))
}

/// One table's profile as text: format, header row, columns and their roles, field quality.
fn print_table(p: &TableProfile, lang: Lang) {
    let where_ = match &p.sheet {
        Some(s) => format!("{} › {}", p.file, s),
        None => p.file.clone(),
    };
    println!("{where_}");
    println!(
        "  {}: {} ({}{})  {}: {}  {}: {}",
        L("định dạng", "format").t(lang),
        p.format,
        match p.kind {
            "invoices" => crate::i18n::source_kind(crate::model::SourceKind::Invoices, lang),
            _ => crate::i18n::source_kind(crate::model::SourceKind::Customers, lang),
        },
        p.encoding
            .as_ref()
            .map(|e| format!(", {e}"))
            .unwrap_or_default(),
        L("dòng tiêu đề", "header row").t(lang),
        p.header_row,
        L("dòng dữ liệu", "data rows").t(lang),
        p.data_rows,
    );
    let cols: Vec<String> = p
        .columns
        .iter()
        .map(|(h, r)| {
            let role = r
                .and_then(Role::from_key)
                .map(|r| crate::i18n::role(r, lang))
                .unwrap_or(L("không dùng", "not used").t(lang));
            // "Họ và tên\nkhách hàng": a header wrapped in its cell is one line here.
            let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
            if r.is_none() && crate::ingest::header::names_data_not_kept(&h) {
                let why = L("chính sách không lưu", "the policy keeps none").t(lang);
                return format!("{h} → {role} ({why})");
            }
            format!("{h} → {role}")
        })
        .collect();
    println!("  {}: {}", L("cột", "columns").t(lang), cols.join(" | "));
    if let Some((org, person)) = person_stands_in(&p.columns) {
        println!(
            "  {}",
            match lang {
                Lang::Vi => format!("dòng không có «{org}»: «{person}» là tên khách"),
                Lang::En => format!("a row with no «{org}»: «{person}» is the customer's name"),
            }
        );
    }
    println!(
        "  {}: {}  {}: {}  NFD: {}  {}: {}",
        L("bỏ qua", "skipped").t(lang),
        p.skipped_rows,
        L("thiếu tên", "empty names").t(lang),
        p.empty_names,
        p.nfd_values,
        L("phông cũ", "legacy font").t(lang),
        p.legacy_font_values
    );
    println!(
        "  {:<10} {:>8} {:>10} {:>8}",
        L("trường", "field").t(lang),
        L("có", "filled").t(lang),
        L("chuẩn hóa", "normalised").t(lang),
        L("lỗi", "invalid").t(lang)
    );
    for (k, q) in &p.fields {
        let label = Role::from_key(k)
            .map(|r| crate::i18n::role(r, lang))
            .unwrap_or(k);
        println!(
            "  {label:<10} {:>8} {:>10} {:>8}",
            q.filled, q.normalised, q.invalid
        );
    }
}
