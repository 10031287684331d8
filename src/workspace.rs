//! The company's workspace: the folder holding `sokhach.toml`, found from the current folder
//! upward (as git finds `.git`) or named with `--workspace DIR`. It holds the policy, the
//! requests book (paths in the policy are relative to it) and the state (`.sokhach/`: ids,
//! aliases, decisions, suppression, corrections, opt-outs, audit). A run's output folder holds
//! only that run's files, so a new folder each week gives the same result.
//!
//! Without a workspace `clean` still runs, on a state that lives in memory for that run only:
//! nothing is remembered until `sokhach init`.

use crate::error::BadInput;
use crate::i18n::{pick, Lang};
use crate::policy::{file::FILE as POLICY_FILE, Policy};
use crate::state::{Store, DIR as STATE_DIR};
use anyhow::Result;
use std::path::{Path, PathBuf};

pub struct Workspace {
    pub root: PathBuf,
    pub policy: Policy,
}

impl Workspace {
    /// The workspace named with `--workspace`, or the nearest folder upward from the current
    /// one that holds `sokhach.toml`.
    pub fn find(explicit: Option<&Path>, lang: Lang) -> Result<Option<Workspace>> {
        if let Some(dir) = explicit {
            if !dir.join(POLICY_FILE).is_file() {
                return Err(BadInput(pick(
                    lang,
                    format!(
                        "--workspace «{}» không có {POLICY_FILE}. Tạo thư mục làm việc bằng: sokhach init \"{}\"",
                        dir.display(),
                        dir.display()
                    ),
                    format!(
                        "--workspace «{}» holds no {POLICY_FILE}. Create the workspace with: sokhach init \"{}\"",
                        dir.display(),
                        dir.display()
                    ),
                ))
                .into());
            }
            return Workspace::load(dir, lang).map(Some);
        }
        let cwd = std::env::current_dir()?;
        for dir in cwd.ancestors() {
            if dir.join(POLICY_FILE).is_file() {
                return Workspace::load(dir, lang).map(Some);
            }
        }
        Ok(None)
    }

    fn load(dir: &Path, lang: Lang) -> Result<Workspace> {
        let root = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let (policy, _) = Policy::load(&root, lang)?;
        Ok(Workspace { root, policy })
    }

    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    pub fn has_state(&self) -> bool {
        Store::exists(&self.state_dir())
    }

    /// A path of the policy, relative to the workspace (absolute paths stay as they are).
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn requests_book(&self) -> PathBuf {
        self.path(&self.policy.requests.file)
    }

    /// The policy's `[inputs]`, globs expanded in name order. A pattern that matches nothing is
    /// kept as written, so the run reports it as a missing input instead of skipping it.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in &self.policy.inputs.files {
            let full = self.path(entry);
            let pattern = full.to_string_lossy();
            if !entry.contains(['*', '?', '[']) {
                out.push(full);
                continue;
            }
            let mut hits: Vec<PathBuf> = glob::glob(&pattern)
                .map(|paths| paths.filter_map(|p| p.ok()).collect())
                .unwrap_or_default();
            hits.sort();
            if hits.is_empty() {
                out.push(full);
            }
            out.extend(hits);
        }
        out
    }

    /// Where a run without `--out` writes: one dated folder per run.
    pub fn default_out(&self, day: chrono::NaiveDate) -> PathBuf {
        self.path(&self.policy.output.folder)
            .join(day.format("%Y-%m-%d").to_string())
    }
}

/// The workspace, policy and state store a command works with.
pub struct Session {
    pub workspace: Option<Workspace>,
    pub policy: Policy,
    pub store: Store,
    /// Whether this run's results are kept (a workspace, and not `--dry-run`).
    pub remembers: bool,
    /// Lines a person must read before the run's results (no workspace, a new state…).
    pub notes: Vec<String>,
}

impl Session {
    /// For `clean`: the workspace's state (created on first use, said so), or a state in
    /// memory when there is no workspace or the run is a dry run.
    pub fn for_clean(
        explicit: Option<&Path>,
        out: Option<&Path>,
        dry_run: bool,
        lang: Lang,
    ) -> Result<Session> {
        let workspace = Workspace::find(explicit, lang)?;
        let old_state = out.map(|o| o.join(STATE_DIR)).filter(|d| Store::exists(d));
        let mut notes = Vec::new();
        let Some(ws) = workspace else {
            if let Some(old) = &old_state {
                notes.push(move_hint(old, None, lang));
            }
            notes.push(
                L_NO_WORKSPACE
                    .iter()
                    .map(|l| l.t(lang))
                    .collect::<Vec<_>>()
                    .join(""),
            );
            return Ok(Session {
                workspace: None,
                policy: Policy::default(),
                store: Store::without_workspace()?,
                remembers: false,
                notes,
            });
        };
        if !ws.has_state() {
            if let Some(old) = &old_state {
                // A new state would give every customer a new id and forget deletions.
                return Err(BadInput(move_hint(old, Some(&ws), lang)).into());
            }
        }
        let policy = ws.policy.clone();
        if dry_run {
            let store = if ws.has_state() {
                Store::open_existing(&ws.state_dir())?
            } else {
                Store::ephemeral()?
            };
            notes.push(
                crate::i18n::L(
                    "Chạy thử (--dry-run): trạng thái không thay đổi.",
                    "Dry run (--dry-run): the state is left unchanged.",
                )
                .t(lang)
                .to_string(),
            );
            return Ok(Session {
                workspace: Some(ws),
                policy,
                store,
                remembers: false,
                notes,
            });
        }
        if !ws.has_state() {
            notes.push(pick(
                lang,
                format!(
                    "Tạo trạng thái mới ở {} (Mã KH, yêu cầu đã xử lý, danh sách xóa).",
                    ws.state_dir().display()
                ),
                format!(
                    "New state created in {} (customer ids, requests done, deletion list).",
                    ws.state_dir().display()
                ),
            ));
        }
        let store = Store::open_dir(&ws.state_dir())?;
        Ok(Session {
            workspace: Some(ws),
            policy,
            store,
            remembers: true,
            notes,
        })
    }

    /// For `mailing`, `export-subject`, `disclose` and `log`: an existing state, or exit 2
    /// saying where it was looked for. Nothing creates an empty state silently.
    pub fn existing(explicit: Option<&Path>, lang: Lang) -> Result<Session> {
        let workspace = Workspace::find(explicit, lang)?;
        let Some(ws) = workspace else {
            let cwd = std::env::current_dir().unwrap_or_default();
            return Err(BadInput(pick(
                lang,
                format!(
                    "không tìm thấy thư mục làm việc ({POLICY_FILE}) ở {} hay các thư mục cha. Lệnh này cần trạng thái của công ty (khách đã xóa, đã từ chối quảng cáo): chạy trong thư mục làm việc, hoặc dùng --workspace DIR.",
                    cwd.display()
                ),
                format!(
                    "no workspace ({POLICY_FILE}) in {} or any folder above it. This command needs the company's state (deleted customers, opt-outs): run it inside the workspace, or use --workspace DIR.",
                    cwd.display()
                ),
            ))
            .into());
        };
        if !ws.has_state() {
            return Err(BadInput(pick(
                lang,
                format!(
                    "thư mục làm việc {} chưa có trạng thái ({}): chạy «sokhach clean» trước.",
                    ws.root.display(),
                    ws.state_dir().display()
                ),
                format!(
                    "workspace {} has no state yet ({}): run «sokhach clean» first.",
                    ws.root.display(),
                    ws.state_dir().display()
                ),
            ))
            .into());
        }
        let store = Store::open_existing(&ws.state_dir())?;
        Ok(Session {
            policy: ws.policy.clone(),
            workspace: Some(ws),
            store,
            remembers: true,
            notes: Vec::new(),
        })
    }

    /// The inputs of a run: the FILES named, or the policy's `[inputs]`.
    pub fn inputs(&self, named: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>> {
        if !named.is_empty() {
            return Ok(named.to_vec());
        }
        match &self.workspace {
            Some(ws) if !ws.policy.inputs.files.is_empty() => Ok(ws.inputs()),
            Some(ws) => Err(BadInput(pick(
                lang,
                format!(
                    "chưa có sổ sách nào: ghi tên tệp sau lệnh, hoặc liệt kê chúng trong [inputs] files = [...] của {}.",
                    ws.root.join(POLICY_FILE).display()
                ),
                format!(
                    "no ledgers named: give FILES, or list them under [inputs] files = [...] in {}.",
                    ws.root.join(POLICY_FILE).display()
                ),
            ))
            .into()),
            None => Err(BadInput(pick(
                lang,
                format!("chưa có sổ sách nào: ghi tên tệp hoặc thư mục sau lệnh (hoặc tạo thư mục làm việc bằng «sokhach init» và liệt kê sổ sách trong {POLICY_FILE})."),
                format!("no ledgers named: give FILES or folders (or create a workspace with «sokhach init» and list the ledgers in {POLICY_FILE})."),
            ))
            .into()),
        }
    }

    /// The requests book, when there is a workspace.
    pub fn requests_book(&self) -> Option<PathBuf> {
        self.workspace.as_ref().map(Workspace::requests_book)
    }

    /// Where this run writes: `--out`, or the workspace's dated folder.
    pub fn out_dir(
        &self,
        out: Option<&Path>,
        day: chrono::NaiveDate,
        lang: Lang,
    ) -> Result<PathBuf> {
        match (out, &self.workspace) {
            (Some(o), _) => Ok(o.to_path_buf()),
            (None, Some(ws)) => Ok(ws.default_out(day)),
            (None, None) => Err(BadInput(
                crate::i18n::L(
                    "chưa có thư mục kết quả: dùng --out DIR (hoặc chạy trong thư mục làm việc, kết quả vào ket-qua/NGÀY).",
                    "no output folder: use --out DIR (or run inside a workspace, outputs go to ket-qua/DATE).",
                )
                .t(lang)
                .into(),
            )
            .into()),
        }
    }
}

const L_NO_WORKSPACE: [crate::i18n::L; 1] = [crate::i18n::L(
    "Không có thư mục làm việc (sokhach.toml): lần chạy này không ghi nhớ gì (yêu cầu, danh sách xóa, quyết định; Mã KH chỉ còn trong sổ đã làm sạch) — chạy «sokhach init» để bắt đầu.",
    "No workspace (sokhach.toml): this run remembers nothing (requests, deletions, decisions; ids only in the cleaned book) — run «sokhach init» to start one.",
)];

/// How to move a state an older version left in an output folder.
fn move_hint(old: &Path, ws: Option<&Workspace>, lang: Lang) -> String {
    let target = ws
        .map(|w| w.root.display().to_string())
        .unwrap_or_else(|| "DIR".into());
    let init = if ws.is_none() {
        format!("sokhach init {target} && ")
    } else {
        String::new()
    };
    pick(
        lang,
        format!(
            "thư mục kết quả có trạng thái cũ {}: trạng thái nay nằm ở thư mục làm việc. Chuyển nó sang: {init}mv \"{}\" \"{target}/{STATE_DIR}\"",
            old.display(),
            old.display()
        ),
        format!(
            "the output folder holds an old state {}: the state now lives in the workspace. Move it: {init}mv \"{}\" \"{target}/{STATE_DIR}\"",
            old.display(),
            old.display()
        ),
    )
}
