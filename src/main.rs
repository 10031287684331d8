use clap::Parser;
use sokhach::cli::Cli;

fn main() -> std::process::ExitCode {
    // A panic is a bug: say so in one line a person can report, without a backtrace dump.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("sokhach: lỗi nội bộ / internal error: {what}{at}");
    }));
    let cli = Cli::parse();
    let lang = cli.global.lang;
    match sokhach::commands::run(cli) {
        Ok(code) => std::process::ExitCode::from(code as u8),
        Err(e) => {
            let code = sokhach::commands::exit_code_of(&e);
            let prefix = match lang {
                sokhach::i18n::Lang::Vi => "lỗi",
                sokhach::i18n::Lang::En => "error",
            };
            eprintln!("sokhach: {prefix}: {e:#}");
            std::process::ExitCode::from(code as u8)
        }
    }
}
