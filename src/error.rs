//! Problems with inputs, in words a clerk can act on, and the exit codes they lead to.

use crate::i18n::{pick, Lang, L};
use std::fmt;

/// Documented exit codes (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Ok = 0,
    /// Something else failed (disk full, a bug): the message says what.
    Failure = 1,
    /// Bad input or bad usage: nothing was written.
    BadInput = 2,
    /// Finished, but `--skip-bad` left out inputs (listed in the change report and lineage).
    Partial = 3,
}

/// What is wrong with one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    NotFound,
    Unreadable(String),
    Empty,
    /// A folder with no ledger file in it.
    EmptyFolder,
    Encrypted,
    NotSpreadsheet(String),
    Corrupt(String),
    Hostile(String),
    NoLedger,
    /// No ledger, and a list of purchase invoices: the sellers' columns, no buyer's.
    Purchases,
    BadText(String),
}

/// One problem with one input, located as precisely as known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u64>,
    pub column: Option<String>,
    pub kind: ProblemKind,
}

impl InputProblem {
    pub fn new(file: impl Into<String>, kind: ProblemKind) -> Self {
        InputProblem {
            file: file.into(),
            sheet: None,
            row: None,
            column: None,
            kind,
        }
    }

    pub fn at_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }

    pub fn in_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// "tệp X, trang Y, dòng Z: …" with a suggested fix.
    pub fn message(&self, lang: Lang) -> String {
        let mut place = if self.kind == ProblemKind::EmptyFolder {
            pick(
                lang,
                format!("thư mục «{}»", self.file),
                format!("folder «{}»", self.file),
            )
        } else {
            pick(
                lang,
                format!("tệp «{}»", self.file),
                format!("file «{}»", self.file),
            )
        };
        if let Some(s) = &self.sheet {
            place += &pick(lang, format!(", trang «{s}»"), format!(", sheet «{s}»"));
        }
        if let Some(r) = self.row {
            place += &pick(lang, format!(", dòng {r}"), format!(", row {r}"));
        }
        if let Some(c) = &self.column {
            place += &pick(lang, format!(", cột «{c}»"), format!(", column «{c}»"));
        }
        let what = match &self.kind {
            ProblemKind::NotFound => pick(
                lang,
                "không tìm thấy tệp hoặc thư mục này. Kiểm tra lại đường dẫn.".into(),
                "no such file or folder. Check the path.".into(),
            ),
            ProblemKind::Unreadable(e) => pick(
                lang,
                format!("không đọc được ({e}). Kiểm tra quyền truy cập hoặc đóng tệp nếu đang mở."),
                format!("cannot be read ({e}). Check permissions, or close the file if it is open."),
            ),
            ProblemKind::Empty => pick(
                lang,
                "tệp rỗng (không có dữ liệu).".into(),
                "the file is empty (no data).".into(),
            ),
            ProblemKind::EmptyFolder => pick(
                lang,
                "không có tệp sổ sách nào (.xlsx .xlsm .xls .xlsb .ods .csv .tsv .txt). Chép các tệp vào thư mục, hoặc bỏ nó khỏi danh sách đầu vào.".into(),
                "holds no ledger file (.xlsx .xlsm .xls .xlsb .ods .csv .tsv .txt). Put the files in it, or take it off the inputs.".into(),
            ),
            ProblemKind::Encrypted => pick(
                lang,
                "sổ tính được bảo vệ bằng mật khẩu (mã hóa) nên không đọc được. Mở tệp trong Excel, \
                 chọn Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu \
                 lại rồi chạy lại."
                    .into(),
                "the workbook is password-protected (encrypted) and cannot be read. Open it in \
                 Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password, \
                 save, and run again."
                    .into(),
            ),
            ProblemKind::NotSpreadsheet(what) => pick(
                lang,
                format!("đây không phải sổ tính hay tệp CSV ({what}). Xuất lại từ Excel dưới dạng .xlsx hoặc .csv."),
                format!("this is not a workbook or CSV file ({what}). Export it again from Excel as .xlsx or .csv."),
            ),
            ProblemKind::Corrupt(e) => pick(
                lang,
                format!("tệp bị hỏng hoặc không đầy đủ ({e}). Mở thử bằng Excel và lưu lại, hoặc lấy lại bản gốc."),
                format!("the file is damaged or incomplete ({e}). Try opening and re-saving it in Excel, or get the original again."),
            ),
            ProblemKind::Hostile(e) => pick(
                lang,
                format!("tệp bị từ chối vì bất thường và có thể làm treo máy ({e}). Mở bằng Excel, sao chép dữ liệu sang sổ mới rồi lưu lại."),
                format!("refused: the file is abnormal and could exhaust the machine ({e}). Open it in Excel, copy the data to a new workbook and save that."),
            ),
            ProblemKind::NoLedger => pick(
                lang,
                "không có trang nào giống danh sách khách hàng (không thấy cột tên, điện thoại, email hay MST). Thêm dòng tiêu đề cột, hoặc khai báo cột trong sokhach.toml.".into(),
                "no sheet looks like a customer ledger (no name, phone, email or tax-code column). Add a header row, or map the columns in sokhach.toml.".into(),
            ),
            ProblemKind::Purchases => pick(
                lang,
                "đây là bảng kê hóa đơn mua vào (cột «Tên người bán», «MST người bán»): người bán là nhà cung cấp, không phải khách hàng. Dùng bảng kê hóa đơn bán ra (cột người mua), hoặc bỏ tệp này ra khỏi danh sách.".into(),
                "this is a list of purchase invoices (seller columns): sellers are suppliers, not customers. Give the sales invoice list (buyer columns), or leave this file out.".into(),
            ),
            ProblemKind::BadText(e) => pick(
                lang,
                format!("nội dung văn bản không đọc được ({e})."),
                format!("unreadable text ({e})."),
            ),
        };
        format!("{place}: {what}")
    }
}

/// Vietnamese, the default language; a person reads `message(lang)`, which `describe` uses.
impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for InputProblem {}

/// An error chain on one line in the run's language: an input problem in its own words, a
/// system error (file not found, no permission, disk full) in words instead of the system's
/// English, other causes as they are.
pub fn describe(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = if let Some(p) = cause.downcast_ref::<InputProblem>() {
            p.message(lang)
        } else if let Some(p) = cause.downcast_ref::<crate::state::StateError>() {
            p.problem.message(lang)
        } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            io_text(io, lang)
        } else {
            cause.to_string()
        };
        // anyhow's context repeats its cause when the cause was formatted into it.
        if !parts.last().is_some_and(|last| last.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

fn io_text(io: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let words = match io.kind() {
        K::NotFound => L("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
        K::PermissionDenied => L("không có quyền truy cập", "permission denied"),
        K::AlreadyExists => L("đã có sẵn", "already exists"),
        K::StorageFull => L("đĩa đầy", "the disk is full"),
        K::InvalidData => L("dữ liệu không hợp lệ", "invalid data"),
        _ => return io.to_string(),
    };
    words.t(lang).to_string()
}

/// A failure that maps to "bad input" (exit 2) rather than "failure" (exit 1).
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_in_the_runs_language() {
        let missing = anyhow::Error::new(InputProblem::new("/nope.xlsx", ProblemKind::NotFound));
        let vi = describe(&missing, Lang::Vi);
        assert!(
            vi.contains("không tìm thấy") && vi.contains("/nope.xlsx"),
            "{vi}"
        );
        assert!(!vi.contains("no such"), "{vi}");
        // Its Display (for logs) is the default language's, as a person reads it.
        let p = InputProblem::new("/nope.xlsx", ProblemKind::NotFound);
        assert_eq!(p.to_string(), p.message(Lang::Vi));
        let io = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::NotFound))
            .context("không mở được a");
        assert_eq!(
            describe(&io, Lang::Vi),
            "không mở được a: không tìm thấy tệp hoặc thư mục"
        );
        assert_eq!(
            describe(&io, Lang::En),
            "không mở được a: no such file or folder"
        );
    }

    #[test]
    fn state_problems_read_in_the_runs_language() {
        use crate::state::{StateError, StateProblem};
        let missing = anyhow::Error::new(StateError::from(StateProblem::Missing(
            "/w/.sokhach".into(),
        )));
        assert_eq!(
            describe(&missing, Lang::Vi),
            "không có trạng thái ở /w/.sokhach"
        );
        assert_eq!(describe(&missing, Lang::En), "no state in /w/.sokhach");
        // As the context of a system error, as the store adds it.
        let io = anyhow::Error::new(
            StateProblem::Open("/w/.sokhach/state.sqlite".into())
                .because(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        );
        assert_eq!(
            describe(&io, Lang::En),
            "cannot open /w/.sokhach/state.sqlite: permission denied"
        );
    }
}
