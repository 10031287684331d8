//! `--help` in the run's language: Vietnamese by default, English with `--lang en`. The
//! English text is the clap derive's (the doc comments in `cli.rs`); the Vietnamese text of
//! every command and flag is this one table, applied to the same command before parsing. The
//! language is known before parsing by looking for `--lang` among the arguments.

use crate::cli::Cli;
use crate::i18n::Lang;
use clap::{Arg, ArgAction, Command, CommandFactory};

/// The language asked for with `--lang en` / `--lang=en` (Vietnamese otherwise).
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(|v| v.to_string())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            return if v.trim().eq_ignore_ascii_case("en") {
                Lang::En
            } else {
                Lang::Vi
            };
        }
    }
    Lang::Vi
}

/// The command line with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = Cli::command();
    match lang {
        Lang::En => headings(
            with_help_flags(
                cmd,
                "Print help (-h summary, --help more)",
                "Print version",
                "Options",
            ),
            "Global options",
            "Options",
            "Arguments",
        ),
        Lang::Vi => vietnamese(cmd),
    }
}

/// clap's own -h / -V, replaced by ones whose text is in the run's language: -h is a global
/// flag, listed with the others.
fn with_help_flags(
    cmd: Command,
    help: &'static str,
    version: &'static str,
    heading: &'static str,
) -> Command {
    cmd.disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help(help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(version)
                .help_heading(heading),
        )
}

/// Global flags apart from a command's own, under the language's headings.
fn headings(
    cmd: Command,
    global: &'static str,
    options: &'static str,
    arguments: &'static str,
) -> Command {
    let global_ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd;
    for id in &global_ids {
        cmd = cmd.mut_arg(id, move |a| a.help_heading(global));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, move |sc| {
            let ids: Vec<(String, bool)> = sc
                .get_arguments()
                .filter(|a| !a.is_global_set())
                .map(|a| (a.get_id().to_string(), a.is_positional()))
                .collect();
            let mut sc = sc;
            for (id, positional) in ids {
                let h = if positional { arguments } else { options };
                sc = sc.mut_arg(id, move |a| a.help_heading(h));
            }
            sc
        });
    }
    cmd
}

/// A usage error in Vietnamese (clap writes its own in English): what was wrong, the
/// command's usage and where to read more. `None` for help and version, which print as they are.
pub fn usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::UnknownArgument => {
            format!("không hiểu tham số «{}»", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            format!("thiếu giá trị sau {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = format!(
                "giá trị «{}» không hợp lệ cho {}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            );
            let valid = ctx(ContextKind::ValidValue);
            if !valid.is_empty() {
                m += &format!(" (giá trị được phép: {valid})");
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số bắt buộc: {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "chưa ghi lệnh (clean, inspect, mailing, …)".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "không dùng được {} cùng với {}",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị cho {} không đúng", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => format!(
            "{} cần giá trị viết liền với dấu «=»",
            ctx(ContextKind::InvalidArg)
        ),
        _ => "tham số không hợp lệ".to_string(),
    };
    let mut out = format!("sokhach: lỗi: {what}.");
    let suggested = ctx(ContextKind::SuggestedArg) + &ctx(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        out += &format!(" Có phải ý bạn là «{suggested}»?");
    }
    let usage = ctx(ContextKind::Usage);
    if let Some(u) = usage.trim().strip_prefix("Usage:") {
        out += &format!("\n\nCách dùng: {}", u.trim());
    }
    out += "\n\nXem thêm: sokhach --help (hoặc sokhach LỆNH --help).";
    Some(out)
}

const TEMPLATE_VI: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

const ABOUT_VI: &str = "Sổ khách — làm sạch, gộp trùng và giữ lời hứa bảo mật cho sổ khách hàng.";

const AFTER_VI: &str = "Ví dụ:
  sokhach inspect examples/so-khach
  sokhach clean examples/so-khach --out out
  sokhach init cong-ty && cd cong-ty && sokhach clean     (việc hằng tuần: [inputs] của sokhach.toml → ket-qua/NGÀY)
  sokhach clean so-khach.xlsx ban-hang.csv --out out --lang en
  sokhach eval out/lineage.csv examples/so-khach.truth.csv

Thư mục làm việc: thư mục chứa sokhach.toml (tìm từ thư mục hiện tại đi lên, hoặc --workspace DIR)
giữ chính sách, sổ yêu cầu và trạng thái (.sokhach/); --out chỉ là nơi ghi kết quả của một lần chạy.

Mã thoát: 0 xong, 1 lỗi, 2 đầu vào hoặc cách dùng sai (chưa ghi gì), 3 xong nhưng --skip-bad đã bỏ qua tệp.";

/// (command, Vietnamese about) — "" is the program itself.
#[rustfmt::skip]
const COMMANDS_VI: &[(&str, &str)] = &[
    ("inspect", "Xem công cụ thấy gì trong sổ sách: dòng tiêu đề, vai trò từng cột, số dòng, chất lượng dữ liệu."),
    ("clean", "Việc hằng tuần: chuẩn hóa, gộp trùng, áp dụng yêu cầu và quy tắc lưu trữ, ghi sổ đã làm sạch, báo cáo thay đổi, danh sách thay đổi (thay-doi.csv) và lineage."),
    ("eval", "Chấm lineage.csv theo tệp đáp án (precision, recall, F1 của các cặp đã gộp)."),
    ("mailing", "Danh sách gửi tin về sản phẩm mới: đã gộp trùng, có đồng ý, liên lạc được."),
    ("init", "Tạo thư mục làm việc: sokhach.toml (chính sách, có chú thích) và yeu-cau.xlsx (sổ yêu cầu). Trạng thái (.sokhach/) do lần clean đầu tiên tạo."),
    ("log", "Xem nhật ký của thư mục làm việc."),
    ("export-subject", "Mọi dữ liệu đang giữ về một khách hàng, để gửi cho chính khách hàng (yêu cầu xem dữ liệu)."),
    ("disclose", "Cung cấp dữ liệu khách hàng cho cơ quan nhà nước có thẩm quyền: bắt buộc có quyết định."),
];

/// (command or "*" for every command, argument id, Vietnamese help).
#[rustfmt::skip]
const ARGS_VI: &[(&str, &str, &str)] = &[
    ("*", "lang", "Ngôn ngữ của báo cáo và thông báo: vi = tiếng Việt (mặc định), en = English."),
    ("*", "quiet", "Không in tiến độ hay thông báo ra stderr (lỗi vẫn in)."),
    ("*", "workspace", "Thư mục làm việc của công ty (chứa sokhach.toml, sổ yêu cầu và trạng thái .sokhach/). Mặc định tìm từ thư mục hiện tại đi lên."),
    ("*", "inputs", "Tệp sổ sách (.xlsx .xlsm .xls .xlsb .ods .csv .tsv .txt) hoặc thư mục chứa chúng; không ghi thì đọc [inputs] trong sokhach.toml."),
    ("*", "encoding", "Ép bảng mã của tệp CSV (utf-8, windows-1258, utf-16le, utf-16be…); mặc định tự nhận."),
    ("inspect", "json", "In JSON ra stdout (cho máy đọc)."),
    ("clean", "out", "Thư mục kết quả (tạo nếu chưa có); mặc định thư mục theo ngày ket-qua/NGÀY của thư mục làm việc. Không bao giờ được đọc như đầu vào, không kết quả nào ghi đè đầu vào, và không chứa trạng thái: mỗi tuần một thư mục mới cho cùng kết quả."),
    ("clean", "dry_run", "Tính và ghi mọi kết quả nhưng không thay đổi trạng thái."),
    ("clean", "redact", "Ghi thêm bản sao các tệp đầu vào còn dòng của khách đã xóa (vào OUT/ban-sao-da-xoa/, đã bỏ các dòng đó) để văn phòng thay cho bản gốc. Tệp đầu vào không bao giờ bị sửa."),
    ("clean", "decisions", "Báo cáo thay đổi có cột Quyết định (Gộp / Không gộp) đã điền ở sheet «Cần xem xét trùng», hoặc ke-toan.xlsx có quyết định của kế toán ở sheet «Người mua của HĐ» (một Mã KH, hoặc «Không phải khách trong sổ»); có thể cho hai lần, mỗi tệp một lần. Mặc định đọc báo cáo trước và ke-toan.xlsx trong thư mục kết quả."),
    ("clean", "skip_bad", "Tệp không đọc được thì bỏ qua: ghi vào báo cáo và lineage, mã thoát 3."),
    ("clean", "province_2025", "Hiện thêm tỉnh/thành sau sáp nhập 1/7/2025 (63 → 34)."),
    ("clean", "timings", "In thời gian, thời gian CPU và bộ nhớ đỉnh của từng bước, thời gian ghi từng kết quả, và số cặp ứng viên."),
    ("clean", "as_of", "Ngày của lần chạy (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay."),
    ("clean", "from", "Ngày đầu kỳ kế toán cho ke-toan.xlsx (dd/mm/yyyy hoặc yyyy-mm-dd)."),
    ("clean", "to", "Ngày cuối kỳ kế toán cho ke-toan.xlsx."),
    ("mailing", "out", "Thư mục ghi danh sách (danh-sach-gui-tin-*.xlsx và .csv); mặc định ket-qua/NGÀY của thư mục làm việc. Khách đã xóa và đã từ chối quảng cáo lấy từ trạng thái: không có trạng thái thì lệnh không chạy."),
    ("mailing", "channel", "Gửi qua kênh nào: email (mặc định), phone = điện thoại di động, both = cả hai."),
    ("mailing", "as_of", "Ngày của lần chạy; mặc định hôm nay."),
    ("init", "dir", "Thư mục tạo (mặc định thư mục hiện tại). Tệp đã có được giữ nguyên."),
    ("log", "out", "Ghi thêm nhật ký ra tệp xlsx này."),
    ("export-subject", "id", "Mã khách hàng (Mã KH), ví dụ KH000123."),
    ("export-subject", "out", "Tệp xlsx sẽ ghi."),
    ("export-subject", "as_of", "Ngày làm bản sao (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay."),
    ("disclose", "decision", "Quyết định của cơ quan: «số quyết định, cơ quan, ngày»."),
    ("disclose", "ids", "Mã khách hàng cần cung cấp (lặp lại --id, hoặc cách nhau bằng dấu phẩy)."),
    ("disclose", "out", "Tệp xlsx sẽ ghi."),
    ("disclose", "as_of", "Ngày cung cấp (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay."),
    ("eval", "lineage", "lineage.csv do sokhach clean ghi."),
    ("eval", "truth", "Đáp án: source_file,source_sheet,source_row,entity_id (như bộ sinh dữ liệu ghi)."),
    ("eval", "json", "In JSON."),
    ("eval", "min_precision", "Thoát mã 1 khi precision thấp hơn số này (cổng chất lượng cho CI)."),
    ("eval", "min_recall", "Thoát mã 1 khi recall thấp hơn số này."),
    ("eval", "entities", "entities.csv của bộ sinh dữ liệu (entity_id, name, email): chấm cả tên và email đầu tiên sổ khách hiện ra so với giá trị đúng (giữ giá trị tốt nhất)."),
    ("eval", "book", "Sổ khách chấm cùng --entities (mặc định: khach-hang.xlsx cạnh lineage)."),
];

fn vietnamese(cmd: Command) -> Command {
    let cmd = cmd
        .about(ABOUT_VI)
        .after_long_help(AFTER_VI)
        .help_template(TEMPLATE_VI)
        .subcommand_help_heading("Lệnh")
        .disable_help_subcommand(true);
    let mut cmd = with_help_flags(
        cmd,
        "In trợ giúp (-h tóm tắt, --help đầy đủ).",
        "In phiên bản.",
        "Tùy chọn",
    );
    cmd = translate_args(cmd, "*");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let about = COMMANDS_VI
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| *a);
        let n = name.clone();
        cmd = cmd.mut_subcommand(name, move |sc| {
            let sc = sc.help_template(TEMPLATE_VI);
            let sc = match about {
                Some(a) => sc.about(a).long_about(None),
                None => sc,
            };
            translate_args(sc, &n)
        });
    }
    headings(cmd, "Tùy chọn chung", "Tùy chọn", "Đối số")
}

fn translate_args(cmd: Command, name: &str) -> Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let mut cmd = cmd;
    for id in ids {
        // The command's own entry first, then the one for every command.
        let text = ARGS_VI
            .iter()
            .find(|(c, a, _)| *c == name && *a == id)
            .or_else(|| ARGS_VI.iter().find(|(c, a, _)| *c == "*" && *a == id))
            .map(|(_, _, t)| *t);
        if let Some(t) = text {
            // Defaults and choices are said in the text: clap would add them in English.
            cmd = cmd.mut_arg(id, move |a| {
                let a = a.help(t).long_help(None);
                if a.get_action().takes_values() {
                    a.hide_default_value(true).hide_possible_values(true)
                } else {
                    a
                }
            });
        }
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<std::ffi::OsString> {
        v.iter().map(Into::into).collect()
    }

    #[test]
    fn usage_errors_are_vietnamese() {
        let cmd = || command(Lang::Vi);
        let err = |args: &[&str]| {
            let e = cmd().try_get_matches_from(args).expect_err("a usage error");
            usage_error(&e).expect("a message")
        };
        let m = err(&["sokhach", "clean", "--bogus"]);
        assert!(m.contains("không hiểu tham số «--bogus»"), "{m}");
        assert!(m.contains("Cách dùng: sokhach clean"), "{m}");
        let m = err(&["sokhach", "mailing", "--channel", "fax"]);
        assert!(
            m.contains("«fax»") && m.contains("email, phone, both"),
            "{m}"
        );
        let m = err(&["sokhach", "export-subject"]);
        assert!(m.contains("thiếu tham số bắt buộc"), "{m}");
        let m = err(&["sokhach", "disclose", "--id"]);
        assert!(m.contains("thiếu giá trị sau --id"), "{m}");
        for m in [
            err(&["sokhach", "bogus"]),
            err(&["sokhach", "clean", "--fro", "1"]),
        ] {
            for english in [
                "error:",
                "unexpected",
                "invalid",
                "required",
                "Usage:",
                "tip:",
            ] {
                assert!(!m.contains(english), "{english} in {m}");
            }
        }
        let help = cmd()
            .try_get_matches_from(["sokhach", "--help"])
            .expect_err("help");
        assert!(usage_error(&help).is_none());
    }

    #[test]
    fn decisions_help_names_both_workbooks_in_both_languages() {
        for (lang, twice) in [
            (Lang::Vi, "có thể cho hai lần"),
            (Lang::En, "may be given twice"),
        ] {
            let mut cmd = command(lang);
            let help = cmd
                .find_subcommand_mut("clean")
                .expect("clean")
                .render_long_help()
                .to_string();
            let at = help.find("--decisions").expect("--decisions");
            let text = &help[at..help[at..].find("\n\n").map_or(help.len(), |e| at + e)];
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains("ke-toan.xlsx"), "{text}");
            assert!(text.contains("Người mua của HĐ"), "{text}");
            assert!(text.contains(twice), "{text}");
        }
    }

    #[test]
    fn the_language_is_known_before_parsing() {
        assert_eq!(lang_of_args(&args(&["sokhach", "clean"])), Lang::Vi);
        assert_eq!(
            lang_of_args(&args(&["sokhach", "--lang", "en", "clean"])),
            Lang::En
        );
        assert_eq!(
            lang_of_args(&args(&["sokhach", "clean", "--lang=en"])),
            Lang::En
        );
    }

    #[test]
    fn every_flag_has_vietnamese_help() {
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
        let mut cmd = command(Lang::Vi);
        let root = cmd.render_long_help().to_string();
        assert!(
            root.contains("Cách dùng:") && root.contains("Lệnh:"),
            "{root}"
        );
        assert!(root.contains("Tùy chọn chung:"), "{root}");
        for sc in Cli::command().get_subcommands() {
            let name = sc.get_name().to_string();
            let mut vi = command(Lang::Vi);
            let sub = vi
                .find_subcommand_mut(&name)
                .expect("subcommand")
                .render_long_help()
                .to_string();
            for a in sc.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                assert!(
                    ARGS_VI
                        .iter()
                        .any(|(c, i, _)| (*c == name || *c == "*") && *i == id),
                    "{name} --{id} has no Vietnamese help"
                );
            }
            assert!(sub.contains("Cách dùng:"), "{name}: {sub}");
            assert!(!sub.contains("Usage:"), "{name}: {sub}");
        }
        let mut en = command(Lang::En);
        assert!(en.render_long_help().to_string().contains("Usage:"));
    }
}
