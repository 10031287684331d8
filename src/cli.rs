//! Command-line flags (clap derive), with their English help; `cli_help` gives the same
//! command its Vietnamese help. Resolved settings live in each command.

use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "sokhach",
    version,
    about = "Sổ khách: clean, deduplicate and keep the privacy promises of a Vietnamese customer ledger.",
    after_long_help = "Examples:\n  \
        sokhach inspect examples/so-khach\n  \
        sokhach clean examples/so-khach --out out\n  \
        sokhach init cong-ty && cd cong-ty && sokhach clean     (the week: [inputs] of sokhach.toml → ket-qua/DATE)\n  \
        sokhach clean so-khach.xlsx ban-hang.csv --out out --lang en\n  \
        sokhach eval out/lineage.csv examples/so-khach.truth.csv\n\n\
        Workspace: the folder holding sokhach.toml (found from the current folder upward, or --workspace DIR)\n\
        keeps the policy, the requests book and the state (.sokhach/); --out only says where a run's files go.\n\n\
        Exit codes: 0 ok, 1 failure, 2 bad input or usage (nothing written), 3 finished but --skip-bad left out inputs."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Language of reports and messages (vi = tiếng Việt, en = English).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    /// No progress or log lines on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The company's workspace (the folder holding sokhach.toml, the requests book and the
    /// state .sokhach/). Found from the current folder upward by default.
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Profile ledgers: header rows, column roles, counts, data quality.
    Inspect(InspectArgs),
    /// The weekly run: normalize, deduplicate, write the cleaned book, change report, change
    /// list (thay-doi.csv) and lineage.
    Clean(CleanArgs),
    /// Score a lineage.csv against a ground-truth file (precision, recall, F1 of merged pairs).
    Eval(EvalArgs),
    /// Contact list for a mailing about new products: deduplicated, consented, deliverable.
    Mailing(MailingArgs),
    /// Make a workspace: sokhach.toml (the policy, commented) and yeu-cau.xlsx (the requests
    /// book). The state (.sokhach/) is created by the first `clean`.
    Init(InitArgs),
    /// Show the workspace's audit log.
    Log(LogArgs),
    /// Everything held about one customer, for the customer (an access request).
    ExportSubject(ExportArgs),
    /// Export customers' data for a competent state authority: needs the decision reference.
    Disclose(DiscloseArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Channel {
    Email,
    Phone,
    Both,
}

#[derive(Debug, Args)]
pub struct MailingArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder the list is written to (danh-sach-gui-tin.xlsx and .csv); the workspace's dated
    /// folder (ket-qua/DATE) by default. Deletions and opt-outs come from the workspace's state:
    /// without one the command refuses to run.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Which channel the message goes by.
    #[arg(long, value_enum, default_value_t = Channel::Email)]
    pub channel: Channel,
    /// The date the run is for; today by default.
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write into (the working folder by default). Existing files are kept.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Also write the table to this workbook (.xlsx).
    #[arg(long, short, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
}

/// Where the customer data comes from and where the export goes.
#[derive(Debug, Args)]
pub struct ExportTarget {
    #[command(flatten)]
    pub input: InputArgs,
    /// The workbook to write.
    #[arg(long, short)]
    pub out: PathBuf,
    /// The date the copy is made (dd/mm/yyyy or yyyy-mm-dd); today by default.
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Customer id (Mã KH), e.g. KH000123.
    pub id: String,
    #[command(flatten)]
    pub target: ExportTarget,
}

#[derive(Debug, Args)]
pub struct DiscloseArgs {
    /// The authority's decision: "số quyết định, cơ quan, ngày".
    #[arg(long, required = true)]
    pub decision: String,
    /// Customer ids to disclose (repeat --id, or separate them with commas).
    #[arg(long = "id", required = true, value_delimiter = ',')]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub target: ExportTarget,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Ledger files (.xlsx .xlsm .xls .xlsb .ods .csv .tsv .txt) or folders of them; the
    /// workspace policy's [inputs] when none are named.
    pub inputs: Vec<PathBuf>,
    /// Force the text encoding of CSV inputs (utf-8, windows-1258, utf-16le, utf-16be…);
    /// detected by default.
    #[arg(long)]
    pub encoding: Option<String>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Machine-readable JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder (created if absent); the workspace's dated folder (ket-qua/DATE) by
    /// default. It is never read as an input, no output may replace an input, and it holds no
    /// state: any folder, a new one each week, gives the same result.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Compute everything and write the outputs, but leave the state unchanged.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write redacted copies of the input files that still hold rows of deleted
    /// customers (into OUT/ban-sao-da-xoa/, the deleted rows removed), for the clerk to put in
    /// place of the originals. The inputs themselves are never modified.
    #[arg(long)]
    pub redact: bool,
    /// A change report whose "Cần xem xét trùng" sheet has decisions (Gộp / Không gộp) filled in,
    /// or a ke-toan.xlsx whose "Người mua của HĐ" sheet has the accountant's (a Mã KH, or "Không
    /// phải khách trong sổ"); may be given twice, once for each. By default the previous report
    /// and ke-toan.xlsx in the output folder are read.
    #[arg(long)]
    pub decisions: Vec<PathBuf>,
    /// Go on when an input cannot be read: record it in the report and lineage, exit 3.
    #[arg(long)]
    pub skip_bad: bool,
    /// Also show each customer's province after the 1 July 2025 merger (63 → 34).
    #[arg(long)]
    pub province_2025: bool,
    /// Print the time, CPU time and peak memory of each stage (ingest, normalize, block, score,
    /// cluster, merge, policy, write, state), the time of each output, and the number of
    /// candidate pairs.
    #[arg(long)]
    pub timings: bool,
    /// The date the run is for (dd/mm/yyyy or yyyy-mm-dd); today by default.
    #[arg(long)]
    pub as_of: Option<String>,
    /// First day of the accounting period for ke-toan.xlsx (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of the accounting period for ke-toan.xlsx.
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// lineage.csv written by `sokhach clean`.
    pub lineage: PathBuf,
    /// Ground truth: source_file,source_sheet,source_row,entity_id (as the generator writes it).
    pub truth: PathBuf,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when precision is below this (a quality gate for CI).
    #[arg(long)]
    pub min_precision: Option<f64>,
    /// Exit 1 when recall is below this.
    #[arg(long)]
    pub min_recall: Option<f64>,
    /// The generator's entities.csv (entity_id, name, email): also score the name and the
    /// first email the customer book shows against the true ones (survivorship).
    #[arg(long)]
    pub entities: Option<PathBuf>,
    /// The customer book scored with --entities (default: khach-hang.xlsx beside the lineage).
    #[arg(long)]
    pub book: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
