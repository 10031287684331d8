use clap::FromArgMatches;
use sokhach::cli::Cli;

/// mimalloc instead of the system allocator: a run allocates millions of small strings and
/// frees them across threads; at a million rows this took the CPU time from 44 to 37 s and the
/// peak memory down by ~60 MB (README, design notes).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    // A panic is a bug: say so in one line a person can report, without a backtrace dump.
    // Printing to a closed pipe (`sokhach inspect … | head`) is not one: it ends quietly.
    std::panic::set_hook(Box::new(|info| {
        let what = panic_text(info.payload());
        // Neither is a full disk inside a library's writer: `main` says what to do.
        if is_broken_pipe_panic(&what) || is_storage_full_panic(&what) {
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("sokhach: lỗi nội bộ / internal error: {what}{at}");
    }));
    // Help in the language asked for: it must be known before the arguments are parsed.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = sokhach::cli_help::lang_of_args(&args);
    let parsed = sokhach::cli_help::command(help_lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match (help_lang, sokhach::cli_help::usage_error(&e)) {
            (sokhach::i18n::Lang::Vi, Some(text)) => {
                eprintln!("{text}");
                return std::process::ExitCode::from(sokhach::error::ExitCode::BadInput as u8);
            }
            _ => e.exit(),
        },
    };
    let lang = cli.global.lang;
    let run =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sokhach::commands::run(cli)));
    let result = match run {
        Ok(r) => r,
        Err(payload) if is_broken_pipe_panic(&panic_text(payload.as_ref())) => {
            return std::process::ExitCode::SUCCESS
        }
        // rust_xlsxwriter panics when its temporary sheet file cannot be written.
        Err(payload) if is_storage_full_panic(&panic_text(payload.as_ref())) => {
            let tmp = std::env::temp_dir();
            let text = sokhach::i18n::pick(
                lang,
                format!(
                    "lỗi: đĩa đầy khi ghi kết quả (tệp tạm ở {}): giải phóng chỗ trống rồi chạy lại; chưa tệp nào bị thay",
                    tmp.display()
                ),
                format!(
                    "error: the disk is full while writing the outputs (temporary files in {}): free some space and run again; no output was replaced",
                    tmp.display()
                ),
            );
            eprintln!("sokhach: {text}");
            return std::process::ExitCode::from(sokhach::error::ExitCode::Failure as u8);
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    match result {
        Ok(code) => std::process::ExitCode::from(code as u8),
        Err(e) if is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let code = sokhach::commands::exit_code_of(&e);
            let prefix = sokhach::i18n::L("lỗi", "error").t(lang);
            // An output that could not be replaced says what to do, in the run's language.
            match e
                .chain()
                .find_map(|c| c.downcast_ref::<sokhach::output::Unreplaceable>())
            {
                Some(u) => eprintln!("sokhach: {prefix}: {}", u.message(lang)),
                None => eprintln!("sokhach: {prefix}: {}", sokhach::error::describe(&e, lang)),
            }
            std::process::ExitCode::from(code as u8)
        }
    }
}

/// Transparent huge pages off for this process. A run touches ~2.6 GB of fresh memory at a
/// million rows (strings made, freed and made again); with huge pages the kernel clears 2 MB for
/// each first touch, and on the virtual machines measured that clearing was 7 of the run's 9 s
/// of system time (perf: `clear_page_erms` under `do_huge_pmd_anonymous_page`). With 4 KiB
/// pages the same run spent 3.1–3.6 s in the kernel, 16.3–17.1 s on the clock instead of ~20 s,
/// and a lower peak (how much it is worth is the host's: in its slower hours the kernel is slow
/// with small pages too; README, twenty-third session). Best effort: a kernel without the call
/// runs as before.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// `println!` panics with "failed printing to stdout: Broken pipe (os error 32)" once the
/// reader of the pipe is gone (Rust ignores SIGPIPE; on Windows the error is 232).
fn is_broken_pipe_panic(text: &str) -> bool {
    text.starts_with("failed printing to std")
        && (text.contains("os error 32)") || text.contains("os error 232)"))
}

/// A library's panic on a full disk ("No space left on device", `StorageFull`).
fn is_storage_full_panic(text: &str) -> bool {
    text.contains("StorageFull") || text.contains("os error 28)") || text.contains("os error 112)")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_off_for_the_process() {
        no_huge_pages();
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }

    #[test]
    fn a_closed_pipe_is_not_an_internal_error() {
        assert!(is_broken_pipe_panic(
            "failed printing to stdout: Broken pipe (os error 32)"
        ));
        assert!(is_broken_pipe_panic(
            "failed printing to stdout: The pipe is being closed. (os error 232)"
        ));
        assert!(!is_broken_pipe_panic("index out of bounds"));
        assert!(!is_broken_pipe_panic(
            "failed printing to stdout: No space left on device (os error 28)"
        ));
        let e = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the listing");
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("disk full")));
        assert!(is_storage_full_panic(
            "Couldn't write to xml file: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }"
        ));
        assert!(!is_storage_full_panic("index out of bounds"));
    }
}
