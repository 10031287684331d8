//! `sokhach mailing FILES… --out DIR`: the contact list for news of new products and
//! discounts — one row per customer who may be contacted (not deleted, not expired, not opted
//! out, active, with a deliverable channel), a greeting for mail merge, and the count of who was
//! left out and why. Written as xlsx and as UTF-8-with-BOM CSV (formula-safe).

use super::pipeline;
use crate::cli::{Channel, Global, MailingArgs};
use crate::error::ExitCode;
use crate::i18n::{pick, Lang, L};
use crate::merge::Customer;
use crate::normalize::name::{Gender, PartyKind};
use crate::output::lineage::csv_safe;
use crate::output::xlsx::{save_staged, Formats, SheetWriter, V};
use crate::progress::Progress;
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;

/// The list's file name for a channel, without extension: each channel its own file, so an
/// email list is never overwritten by a phone list.
pub fn file_stem(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "danh-sach-gui-tin-email",
        Channel::Phone => "danh-sach-gui-tin-dien-thoai",
        Channel::Both => "danh-sach-gui-tin",
    }
}

/// "Anh Tuấn", "Chị Lan", "Quý công ty Hòa Phát", "Quý hợp tác xã Tân Phú", "Cửa hàng Tạp
/// hóa Lan"; "Quý khách" when nothing is known.
pub fn greeting(
    c: &Customer,
    gender: Option<Gender>,
    legal_form: Option<&str>,
    lang: Lang,
) -> String {
    if c.kind == PartyKind::Org {
        // A company, a private enterprise or a cooperative is addressed by what it is
        // ("Quý công ty Hòa Phát", not "Quý công ty Công ty TNHH Hòa Phát"); a shop, a school,
        // a commune's office is no company: its whole name («Kính gửi Cửa hàng Tạp hóa Lan»).
        let addressed = legal_form.and_then(|f| {
            let vi = crate::normalize::name::addressed_as(f)?;
            let short = c
                .name
                .strip_prefix(f)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(&c.name);
            Some(format!("{} {short}", L(vi, "Dear").t(lang)))
        });
        return addressed.unwrap_or_else(|| match lang {
            Lang::Vi => c.name.to_string(),
            Lang::En => format!("Dear {}", c.name),
        });
    }
    // The last word that is a word ("Phạm Đức (Tổ 5)" → "Đức").
    let given = c
        .name
        .split_whitespace()
        .rev()
        .find(|w| w.chars().all(char::is_alphabetic))
        .unwrap_or("");
    let honorific = c.honorific.or(match gender {
        Some(Gender::Male) => Some("Anh"),
        Some(Gender::Female) => Some("Chị"),
        None => None,
    });
    match (honorific, given.is_empty()) {
        (Some(h), false) => format!("{h} {given}"),
        _ => L("Quý khách", "Dear customer").t(lang).to_string(),
    }
}

fn mobile(p: &str) -> bool {
    crate::normalize::phone::is_mobile(p)
}

/// The customer's email as the list gives it: none when its domain looks mistyped
/// («gmial.com»: a message would bounce, see [`unreachable_or_shared`]).
fn email_of(c: &Customer) -> &str {
    if crate::normalize::email::domain_typo(&c.email) {
        ""
    } else {
        &c.email
    }
}

/// Who is listed (with their greeting) and who is left out, by reason.
struct Selection {
    picked: Vec<(usize, String)>,
    left_out: BTreeMap<String, u64>,
    /// Customers left out whom a person can bring back: (customer, why and what to do), on
    /// the list's own sheet «Cần xem trước khi gửi».
    to_fix: Vec<(usize, String)>,
    /// Customers found on several rows: each listed (or left out) once.
    deduplicated: usize,
}

const DUPLICATES: L = L(
    "Khách có nhiều dòng trùng (gộp, chỉ một dòng trong danh sách)",
    "Customers found on several rows (merged, listed once)",
);

pub fn run(a: &MailingArgs, g: &Global) -> Result<ExitCode> {
    let lang = g.lang;
    // Deletions and opt-outs live in the workspace's state: no state, no list.
    let session = crate::workspace::Session::existing(g.workspace.as_deref(), lang)?;
    let today = match &a.as_of {
        Some(s) => super::parse_cli_date(s, lang)?,
        None => chrono::Local::now().date_naive(),
    };
    let out = session.out_dir(a.out.as_deref(), today, lang)?;
    let inputs = session.inputs(&a.input.inputs, lang)?;
    let mut progress = Progress::new(g.quiet).in_lang(lang);
    let params = pipeline::Params {
        inputs: &inputs,
        encoding: a.input.encoding.as_deref(),
        out: &out,
        lang,
        today,
        skip_bad: false,
        decisions: None,
        exported: Vec::new(),
    };
    let mut b = pipeline::build(&params, session, &mut progress)?;
    progress.done();
    std::fs::create_dir_all(&out)?;
    let sel = select(&b, a.channel, lang);
    let stem = file_stem(a.channel);
    let xlsx = out.join(format!("{stem}.xlsx"));
    let staged = vec![
        write_xlsx(&b, &sel, &xlsx, lang)?,
        write_csv(&b, &sel, &out.join(format!("{stem}.csv")), lang)?,
    ];
    crate::output::publish_all(staged)?;
    b.store.log(
        "mailing",
        &serde_json::json!({ "channel": format!("{:?}", a.channel), "listed": sel.picked.len(), "left_out": sel.left_out.values().sum::<u64>() }).to_string(),
    )?;

    if !g.quiet {
        eprintln!(
            "{}: {} → {}",
            L("Có thể gửi", "May be contacted").t(lang),
            sel.picked.len(),
            xlsx.display()
        );
        for (why, n) in &sel.left_out {
            eprintln!("  {why}: {n}");
        }
        eprintln!("  {}: {}", DUPLICATES.t(lang), sel.deduplicated);
    }
    Ok(ExitCode::Ok)
}

/// Each customer listed or left out for one reason: removed, opted out, inactive (past the
/// policy's threshold, named with it), or not reachable on the channel.
fn select(b: &pipeline::Built, channel: Channel, lang: Lang) -> Selection {
    let inactive: std::collections::HashSet<usize> =
        b.applied.flagged.iter().map(|(i, _)| *i).collect();
    let months = b.policy.retention.flag_after_months;
    let inactive_label = pick(
        lang,
        format!("Lâu không giao dịch (quá {months} tháng)"),
        format!("Inactive (no dealings for over {months} months)"),
    );
    let mut left_out: BTreeMap<String, u64> = BTreeMap::new();
    let mut picked: Vec<(usize, String)> = Vec::new();
    let mut to_fix: Vec<(usize, String)> = Vec::new();
    // One message to an address: a household's or a company's shared mailbox (or mobile) is
    // listed under the first customer giving it.
    let mut listed: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, c) in b.customers.iter().enumerate() {
        let why = if let Some((act, _)) = &b.applied.fate[i] {
            Some(crate::output::report::action_label(*act, lang))
        } else if c.no_marketing {
            use crate::normalize::notes::{says, NoteSays};
            Some(match says(&c.note) {
                Some(NoteSays::Deceased) => L(
                    "Ghi chú nói khách đã mất",
                    "The notes say the customer has died",
                ),
                Some(NoteSays::Closed) => L(
                    "Ghi chú nói doanh nghiệp đã giải thể / ngừng hoạt động",
                    "The notes say the business has closed",
                ),
                Some(NoteSays::AskedDeletion) => L(
                    "Ghi chú nói khách yêu cầu xóa dữ liệu (ghi vào sổ yêu cầu)",
                    "The notes say the customer asked for deletion (record it in the requests book)",
                ),
                _ => L("Đã từ chối nhận quảng cáo", "Opted out of marketing"),
            }
            .t(lang))
        } else if crate::ingest::crossed_out(&c.rows, &b.ing.rows, &b.ing.sources) {
            Some(
                L(
                    "Mọi dòng của khách trong sổ bị gạch ngang (hỏi người ghi: khách đã nghỉ?)",
                    "Every ledger row of the customer struck through (ask who did it: has the customer left?)",
                )
                .t(lang),
            )
        } else if inactive.contains(&i) {
            Some(inactive_label.as_str())
        } else {
            let has_email = !c.email.is_empty();
            let has_mobile = !phone_of(c).is_empty();
            match channel {
                Channel::Email if !has_email => {
                    Some(L("Không có email hợp lệ", "No valid email").t(lang))
                }
                Channel::Phone if !has_mobile => {
                    Some(L("Không có số di động hợp lệ", "No valid mobile number").t(lang))
                }
                Channel::Both if !has_email && !has_mobile => Some(
                    L(
                        "Không có email hay di động hợp lệ",
                        "No valid email or mobile",
                    )
                    .t(lang),
                ),
                _ => None,
            }
        };
        let why = why.map(str::to_string).or_else(|| {
            let (fix, why) = unreachable_or_shared(c, channel, &listed, b, lang)?;
            to_fix.push((i, fix));
            Some(why)
        });
        match why {
            Some(w) => *left_out.entry(w).or_default() += 1,
            None => {
                if channel == Channel::Both && email_of(c) != c.email.as_str() {
                    to_fix.push((i, mistyped(c, true, lang)));
                }
                for key in contact_keys(c, channel) {
                    listed.entry(key).or_insert(i);
                }
                let gender = c.rows.iter().find_map(|&r| b.norms[r as usize].gender);
                let form = c
                    .rows
                    .iter()
                    .find_map(|&r| b.norms[r as usize].legal_form());
                picked.push((i, greeting(c, gender, form, lang)));
            }
        }
    }
    Selection {
        picked,
        left_out,
        to_fix,
        deduplicated: b.customers.iter().filter(|c| c.rows.len() > 1).count(),
    }
}

/// The addresses a customer is contacted at on `channel`, lower-cased: the email, the mobile,
/// or both.
fn contact_keys(c: &Customer, channel: Channel) -> Vec<String> {
    let email = Some(email_of(c).to_lowercase()).filter(|e| !e.is_empty());
    let phone = Some(phone_of(c)).filter(|p| !p.is_empty());
    match channel {
        Channel::Email => email.into_iter().collect(),
        Channel::Phone => phone.into_iter().collect(),
        Channel::Both => email.into_iter().chain(phone).collect(),
    }
}

/// Why a customer reachable on `channel` is still left out, and what a person does about
/// it: an email whose domain looks mistyped («gmial.com»: it would bounce), or every address
/// already listed under another customer (one message to a shared mailbox).
fn unreachable_or_shared(
    c: &Customer,
    channel: Channel,
    listed: &std::collections::HashMap<String, usize>,
    b: &pipeline::Built,
    lang: Lang,
) -> Option<(String, String)> {
    // By email only, or both ways without a mobile: the mistyped address is all there is.
    let by_email =
        channel == Channel::Email || (channel == Channel::Both && phone_of(c).is_empty());
    if by_email && email_of(c) != c.email.as_str() {
        return Some((
            mistyped(c, false, lang),
            L(
                "Email có thể gõ sai tên miền (thư sẽ bị trả lại)",
                "Email domain looks mistyped (it would bounce)",
            )
            .t(lang)
            .to_string(),
        ));
    }
    let keys = contact_keys(c, channel);
    let first = keys
        .iter()
        .map(|k| listed.get(k))
        .collect::<Option<Vec<_>>>()?;
    let other = &b.customers[**first.first()?];
    Some((
        pick(
            lang,
            format!(
                "Cùng địa chỉ nhận với {} ({}): một tin cho mỗi địa chỉ",
                other.id, other.name
            ),
            format!(
                "Same address as {} ({}): one message to an address",
                other.id, other.name
            ),
        ),
        L(
            "Cùng email/số với khách đã có trong danh sách (một tin cho mỗi địa chỉ)",
            "Same email/number as a customer already listed (one message to an address)",
        )
        .t(lang)
        .to_string(),
    ))
}

/// What to do about a customer's email whose domain looks mistyped: it is left off the list
/// (`listed`: the customer is on it by mobile only).
fn mistyped(c: &Customer, listed: bool, lang: Lang) -> String {
    let meant = crate::normalize::email::match_form(&c.email);
    let (vi, en) = if listed {
        ("danh sách chỉ ghi số di động", "listed by mobile only")
    } else {
        ("chưa có trong danh sách", "not on the list")
    };
    pick(
        lang,
        format!("Email «{}» có thể gõ sai tên miền (ý là «{meant}»?), {vi}: sửa trong sổ rồi chạy lại", c.email),
        format!("Email «{}» looks mistyped (meant «{meant}»?), {en}: correct it in the book and run again", c.email),
    )
}

fn headers(lang: Lang) -> Vec<&'static str> {
    [
        L("Mã KH", "Customer ID"),
        L("Lời chào", "Greeting"),
        L("Tên", "Name"),
        L("Email", "Email"),
        L("Điện thoại", "Phone"),
        L("Tỉnh/Thành", "Province"),
    ]
    .iter()
    .map(|l| l.t(lang))
    .collect()
}

/// The customer's mobile: the main phone, else the first other phone that is one.
fn phone_of(c: &Customer) -> String {
    if mobile(&c.phone) {
        c.phone.to_string()
    } else {
        c.other_phones
            .iter()
            .find(|p| mobile(p))
            .map(|p| p.to_string())
            .unwrap_or_default()
    }
}

/// The list and the "left out" sheet, which states the inactivity threshold it used.
fn write_xlsx(
    b: &pipeline::Built,
    sel: &Selection,
    path: &std::path::Path,
    lang: Lang,
) -> Result<crate::output::Staged> {
    let mut wb = crate::output::xlsx::workbook();
    let fmt = Formats::for_lang(lang);
    let mut sw = SheetWriter::new(
        &mut wb,
        L("Danh sách", "List").t(lang),
        &headers(lang),
        &fmt,
    )?;
    for (i, greet) in &sel.picked {
        let c = &b.customers[*i];
        sw.row(&[
            V::from(c.id.as_str()),
            V::from(greet.as_str()),
            V::from(c.name.as_str()),
            V::from(email_of(c)),
            V::from(phone_of(c)),
            V::from(c.province.unwrap_or("")),
        ])?;
    }
    sw.finish()?;
    let mut sw = SheetWriter::new(
        &mut wb,
        L("Bị loại", "Left out").t(lang),
        &[
            L("Lý do", "Why").t(lang),
            L("Số khách", "Customers").t(lang),
        ],
        &fmt,
    )?;
    for (why, n) in &sel.left_out {
        sw.row(&[V::from(why.as_str()), V::I(*n as i64)])?;
    }
    sw.row(&[V::from(DUPLICATES.t(lang)), V::I(sel.deduplicated as i64)])?;
    sw.row(&[
        V::from(
            L(
                "Ngưỡng lâu không giao dịch (tháng, flag_after_months trong sokhach.toml)",
                "Inactivity threshold (months, flag_after_months in sokhach.toml)",
            )
            .t(lang),
        ),
        V::I(b.policy.retention.flag_after_months as i64),
    ])?;
    sw.finish()?;
    if !sel.to_fix.is_empty() {
        let mut sw = SheetWriter::new(
            &mut wb,
            L("Cần xem trước khi gửi", "To look at before sending").t(lang),
            &[
                L("Mã KH", "Customer ID").t(lang),
                L("Tên", "Name").t(lang),
                L("Email", "Email").t(lang),
                L("Điện thoại", "Phone").t(lang),
                L("Vì sao cần xem, làm gì", "Why, and what to do").t(lang),
            ],
            &fmt,
        )?;
        for (i, why) in &sel.to_fix {
            let c = &b.customers[*i];
            sw.row(&[
                V::from(c.id.as_str()),
                V::from(c.name.as_str()),
                V::from(c.email.as_str()),
                V::from(phone_of(c)),
                V::from(why.as_str()),
            ])?;
        }
        sw.finish()?;
    }
    save_staged(&mut wb, path)
}

/// The list as UTF-8-with-BOM CSV, formula-safe.
fn write_csv(
    b: &pipeline::Built,
    sel: &Selection,
    path: &std::path::Path,
    lang: Lang,
) -> Result<crate::output::Staged> {
    let csv_file = crate::output::Staged::new(path)?;
    {
        let mut buf = std::io::BufWriter::new(csv_file.file());
        buf.write_all("\u{FEFF}".as_bytes())?;
        let mut w = csv::Writer::from_writer(&mut buf);
        w.write_record(headers(lang))?;
        for (i, greet) in &sel.picked {
            let c = &b.customers[*i];
            let phone = phone_of(c);
            let cells = [
                c.id.as_str(),
                greet.as_str(),
                c.name.as_str(),
                email_of(c),
                phone.as_str(),
                c.province.unwrap_or(""),
            ];
            w.write_record(cells.iter().map(|s| csv_safe(s).into_owned()))?;
        }
        w.flush()?;
        drop(w);
        buf.flush()?;
    }
    Ok(csv_file)
}
