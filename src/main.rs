use clap::Parser;
use sokhach::cli::Cli;

fn main() -> std::process::ExitCode {
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
