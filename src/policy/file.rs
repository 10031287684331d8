//! `sokhach.toml`: the office's policy, read strictly (an unknown key is an error naming the
//! line, so a typo never silently turns a rule off). `sokhach init` writes it with comments.

use crate::i18n::{pick, Lang};
use crate::ingest::ColumnOverride;
use anyhow::{Context as _, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Format version of this file.
    pub version: u32,
    #[serde(default)]
    pub retention: Retention,
    #[serde(default)]
    pub requests: Requests,
    #[serde(default)]
    pub output: Output,
    #[serde(default)]
    pub inputs: Inputs,
    #[serde(default)]
    pub columns: Vec<ColumnOverride>,
}

/// The office's ledgers, read by `sokhach clean` (and `mailing`) when no FILES are named.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Inputs {
    /// Files, folders or globs ("web/*.csv"), relative to the workspace.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Retention {
    /// List customers with no activity for this many months ("sắp hết hạn lưu trữ"); 0 = never.
    pub flag_after_months: u32,
    /// Remove customers with no activity for this many months; 0 = never.
    pub remove_after_months: u32,
    /// Words in a customer's note that keep them whatever their age ("giữ", "VIP").
    pub keep_words: Vec<String>,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            flag_after_months: 36,
            remove_after_months: 0,
            keep_words: vec!["giữ lại".into(), "không xóa".into(), "keep".into()],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requests {
    /// The requests workbook, relative to the workspace.
    pub file: String,
    /// Days allowed to carry out a deletion or access request (Decree 13/2023: 72 hours).
    pub deadline_days: u32,
}

impl Default for Requests {
    fn default() -> Self {
        Requests {
            file: "yeu-cau.xlsx".into(),
            deadline_days: 3,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Output {
    /// Also show the province after the 1 July 2025 merger.
    pub province_2025: bool,
    /// Where runs without `--out` write, relative to the workspace: one dated folder per run
    /// ("ket-qua/2026-12-07").
    pub folder: String,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            province_2025: false,
            folder: "ket-qua".into(),
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: 1,
            retention: Retention::default(),
            requests: Requests::default(),
            output: Output::default(),
            inputs: Inputs::default(),
            columns: Vec::new(),
        }
    }
}

pub const FILE: &str = "sokhach.toml";

impl Policy {
    /// Reads `sokhach.toml` from `dir` if present; the defaults otherwise. Problems are told
    /// in the run's language, naming the file (and the line, from the TOML reader).
    pub fn load(dir: &Path, lang: Lang) -> Result<(Policy, bool)> {
        let path = dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Policy::default(), false))
            }
            Err(e) => {
                return Err(e).with_context(|| {
                    pick(
                        lang,
                        format!("không đọc được {}", path.display()),
                        format!("cannot read {}", path.display()),
                    )
                })
            }
        };
        let p: Policy = toml::from_str(&text).map_err(|e| syntax_error(&path, &text, &e, lang))?;
        if p.version != 1 {
            return Err(crate::error::BadInput(pick(
                lang,
                format!(
                    "{}: version = {} không được hỗ trợ (chỉ có version = 1)",
                    path.display(),
                    p.version
                ),
                format!(
                    "{}: version = {} is not supported (only version = 1)",
                    path.display(),
                    p.version
                ),
            ))
            .into());
        }
        Ok((p, true))
    }

    /// The policy as lines for the change report.
    pub fn describe(&self, lang: Lang) -> Vec<(String, String)> {
        use crate::i18n::L;
        let months = |m: u32| {
            if m == 0 {
                L("không bao giờ", "never").t(lang).to_string()
            } else {
                format!("{m} {}", L("tháng", "months").t(lang))
            }
        };
        vec![
            (
                L("Đánh dấu sắp hết hạn sau", "Flag inactive after")
                    .t(lang)
                    .into(),
                months(self.retention.flag_after_months),
            ),
            (
                L("Xóa khi không giao dịch sau", "Remove inactive after")
                    .t(lang)
                    .into(),
                months(self.retention.remove_after_months),
            ),
            (
                L("Từ khóa giữ lại", "Keep words").t(lang).into(),
                self.retention.keep_words.join(", "),
            ),
            (
                L("Tệp yêu cầu", "Requests file").t(lang).into(),
                self.requests.file.clone(),
            ),
            (
                L("Sổ sách đọc mặc định", "Ledgers read by default")
                    .t(lang)
                    .into(),
                self.inputs.files.join(", "),
            ),
            (
                L("Hạn xử lý yêu cầu (ngày)", "Request deadline (days)")
                    .t(lang)
                    .into(),
                self.requests.deadline_days.to_string(),
            ),
        ]
    }
}

/// The commented policy file `sokhach init` writes, its comments in Vietnamese.
pub const TEMPLATE_VI: &str = r#"# sokhach.toml — chính sách của công ty
# Khóa lạ là lỗi (để lỗi gõ không âm thầm tắt một quy tắc).
version = 1

[retention]
# Chính sách: dữ liệu được lưu không thời hạn, trừ khi khách yêu cầu xóa, và CÓ THỂ được xóa khi
# khách lâu không giao dịch. Công cụ không xóa ai cho đến khi công ty tự đặt remove_after_months.
# Liệt kê khách không giao dịch quá số tháng này ("lâu không giao dịch"); 0 = không bao giờ.
flag_after_months = 36
# Bỏ khỏi sổ (và khỏi danh sách gửi tin) khách không giao dịch quá số tháng này; 0 = không bao giờ.
# Đây không phải xóa theo yêu cầu: khách giao dịch lại thì trở lại sổ với Mã KH cũ.
remove_after_months = 0
# Khách có ghi chú chứa một trong các cụm này thì không bị bỏ tự động.
keep_words = ["giữ lại", "không xóa", "keep"]

[requests]
# Sổ ghi yêu cầu của khách (xóa, sửa, ngừng quảng cáo, xem dữ liệu), tính từ thư mục này.
file = "yeu-cau.xlsx"
# Số ngày phải xử lý yêu cầu xóa / xem dữ liệu (Nghị định 13/2023: 72 giờ).
deadline_days = 3

[inputs]
# Sổ sách của văn phòng, đọc khi chạy "sokhach clean" không kèm tệp: tệp, thư mục hoặc mẫu
# (glob), tính từ thư mục này.
# files = ["so-khach-hang.xlsx", "web/*.csv", "ke-toan/"]
files = []

[output]
# Hiện thêm tỉnh/thành sau sáp nhập 1/7/2025 (63 → 34).
province_2025 = false
# Thư mục kết quả khi không có --out: mỗi lần chạy một thư mục theo ngày (ket-qua/2026-12-07).
folder = "ket-qua"

# Chỉ định vai trò cột khi tiêu đề lạ (vai trò: name, contact, phone, phone_fixed, email,
# address, delivery, tax_code, date, note, consent, opt_out — cột đánh dấu khách không nhận
# quảng cáo —, ignore).
# [[columns]]
# file = "so-khach-hang.xlsx"
# sheet = "Khách hàng"
# header = "Số máy"
# role = "phone"
"#;

/// The same policy with its comments in English (`init --lang en`).
pub const TEMPLATE_EN: &str = r#"# sokhach.toml — the company's policy
# Unknown keys are an error (so that a typo never silently turns a rule off).
version = 1

[retention]
# Policy: data is kept without a time limit unless the customer asks for deletion, and MAY be
# removed after a long time without dealings. Nobody is removed until the office sets
# remove_after_months itself.
# List customers without dealings for more than this many months ("inactive"); 0 = never.
flag_after_months = 36
# Take customers without dealings for more than this many months out of the book (and out of
# mailings); 0 = never. This is not a deletion on request: new dealings bring the customer back
# with the same id.
remove_after_months = 0
# Customers whose note holds one of these phrases are never taken out automatically.
keep_words = ["giữ lại", "không xóa", "keep"]

[requests]
# The book of customers' requests (delete, correct, stop marketing, access), from this folder.
file = "yeu-cau.xlsx"
# Days allowed to carry out a deletion or access request (Decree 13/2023: 72 hours).
deadline_days = 3

[inputs]
# The office's ledgers, read by "sokhach clean" when no file is named: files, folders or
# patterns (globs), from this folder.
# files = ["so-khach-hang.xlsx", "web/*.csv", "ke-toan/"]
files = []

[output]
# Also show the province after the 1 July 2025 merger (63 → 34).
province_2025 = false
# The output folder when there is no --out: one folder per run, by date (ket-qua/2026-12-07).
folder = "ket-qua"

# A column's role when its header is unusual (roles: name, contact, phone, phone_fixed, email,
# address, delivery, tax_code, date, note, consent, opt_out — a column marking who refuses
# marketing —, ignore).
# [[columns]]
# file = "customers.xlsx"
# sheet = "Customers"
# header = "Mobile no."
# role = "phone"
"#;

/// The commented policy `sokhach init` writes, in the run's language.
pub fn template(lang: Lang) -> &'static str {
    crate::i18n::L(TEMPLATE_VI, TEMPLATE_EN).t(lang)
}

/// A policy file the TOML reader refused: where (line and column, counted as an editor does)
/// and a sentence in the run's language; the reader's own English text follows as the detail.
fn syntax_error(
    path: &Path,
    text: &str,
    e: &toml::de::Error,
    lang: Lang,
) -> crate::error::BadInput {
    let detail = e.message().trim();
    let place = e.span().map(|span| {
        let before = text.get(..span.start).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    });
    crate::error::BadInput(match place {
        Some((line, column)) => pick(
            lang,
            format!(
                "{}, dòng {line}, cột {column}: tệp chính sách sai, sửa dòng này theo chú thích trong tệp (bộ đọc TOML báo: {detail})",
                path.display()
            ),
            format!(
                "{}, line {line}, column {column}: invalid policy file, correct this line as the file's comments say (the TOML reader says: {detail})",
                path.display()
            ),
        ),
        None => pick(
            lang,
            format!(
                "{}: tệp chính sách sai (bộ đọc TOML báo: {detail})",
                path.display()
            ),
            format!(
                "{}: invalid policy file (the TOML reader says: {detail})",
                path.display()
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two templates differ in their comments only.
    #[test]
    fn templates_set_the_same_in_both_languages() {
        let settings = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
                .map(String::from)
                .collect()
        };
        assert_eq!(settings(TEMPLATE_VI), settings(TEMPLATE_EN));
        assert!(TEMPLATE_VI.contains("dữ liệu được lưu không thời hạn"));
        assert!(!TEMPLATE_VI.contains("Policy:") && !TEMPLATE_EN.contains("Chính sách"));
    }

    #[test]
    fn template_parses_to_the_defaults() {
        let p: Policy = toml::from_str(TEMPLATE_VI).unwrap();
        // The template removes nobody: the office sets that itself.
        assert_eq!(p.retention.remove_after_months, 0);
        assert_eq!(
            p.retention.remove_after_months,
            Retention::default().remove_after_months
        );
        assert_eq!(p.requests.deadline_days, 3);
        assert_eq!(p.output.folder, "ket-qua");
        assert!(p.inputs.files.is_empty());
    }

    #[test]
    fn a_section_may_name_only_some_keys() {
        let p: Policy = toml::from_str(
            "version = 1\n[retention]\nflag_after_months = 12\nremove_after_months = 24\n",
        )
        .unwrap();
        assert_eq!(p.retention.remove_after_months, 24);
        assert!(!p.retention.keep_words.is_empty());
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let e = toml::from_str::<Policy>("version = 1\n[retention]\nflag_after_month = 3\n")
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("flag_after_month"), "{msg}");
        assert!(msg.contains("line 3") || msg.contains("3 |"), "{msg}");
    }

    #[test]
    fn problems_are_told_in_the_runs_language() {
        let dir = tempfile::tempdir().unwrap();
        let err = |text: &str, lang| {
            std::fs::write(dir.path().join(FILE), text).unwrap();
            Policy::load(dir.path(), lang).unwrap_err().to_string()
        };
        let v2 = "version = 2\n";
        assert!(err(v2, Lang::Vi).ends_with("version = 2 không được hỗ trợ (chỉ có version = 1)"));
        assert!(err(v2, Lang::En).ends_with("version = 2 is not supported (only version = 1)"));
        let typo = "version = 1\n[retention]\nflag_after_month = 12\n";
        let (vi, en) = (err(typo, Lang::Vi), err(typo, Lang::En));
        assert!(
            vi.contains("tệp chính sách sai") && vi.contains("flag_after_month"),
            "{vi}"
        );
        assert!(
            en.contains("invalid policy file") && en.contains("flag_after_month"),
            "{en}"
        );
        assert!(vi.contains("dòng 3, cột 1: tệp chính sách sai"), "{vi}");
        assert!(en.contains("line 3, column 1: invalid policy file"), "{en}");
        // A syntax error (not only an unknown key) is placed and worded the same way, with
        // the reader's English only as the detail.
        let broken = "version = 1\n[retention\n";
        let vi = err(broken, Lang::Vi);
        assert!(vi.contains("dòng 2, cột"), "{vi}");
        assert!(vi.contains("tệp chính sách sai"), "{vi}");
        assert!(!vi.contains("TOML parse error"), "{vi}");
        assert!(!vi.contains('\n'), "{vi}");
    }
}
