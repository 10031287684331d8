//! The state store: an SQLite file in the workspace's `.sokhach/` directory that makes
//! weekly runs consistent — stable customer ids, aliases of merged-away ids, people's review
//! decisions, the suppression list of deleted customers, customers set aside for inactivity,
//! and an append-only audit log. Personal values of deleted customers never stay in it: rows,
//! pairs and identifiers are known by keyed hashes whose secret key sits beside it, readable by
//! the owner only (the folder 0700, the files 0600). Every write happens in one transaction, so
//! a killed run leaves the previous state.

mod early;

pub use early::Memory;

use crate::i18n::{pick, Lang, L};
use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const DIR: &str = ".sokhach";

pub use crate::keys::{Decided, Fp, Keyer};

pub struct Store {
    conn: Connection,
    key: [u8; 32],
    pub dir: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS row_ids (fp BLOB PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, id TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (a BLOB NOT NULL, b BLOB NOT NULL, merge INTEGER NOT NULL,
    at TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS suppression (h BLOB PRIMARY KEY, at TEXT NOT NULL,
    req_received TEXT NOT NULL DEFAULT '', req_row INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS readmitted (h BLOB PRIMARY KEY, at TEXT NOT NULL,
    req_received TEXT NOT NULL, req_row INTEGER NOT NULL, del_at TEXT NOT NULL,
    del_received TEXT NOT NULL, del_row INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS retired (h BLOB PRIMARY KEY, id TEXT NOT NULL, since TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS open_pairs (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b))
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS open_invoices (fp BLOB PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS book_values (id TEXT PRIMARY KEY, h BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS last_book (one INTEGER PRIMARY KEY, ids BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS replaced (id TEXT NOT NULL, field TEXT NOT NULL, h BLOB NOT NULL,
    at TEXT NOT NULL, PRIMARY KEY (id, field, h)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS opt_out (id TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS opt_in (id TEXT PRIMARY KEY, since TEXT NOT NULL, done TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests_done (h BLOB PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS invoice_decisions (fp BLOB PRIMARY KEY, id TEXT NOT NULL,
    at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL);
";

/// Columns added since the first version, for states written by it (new states have them).
const MIGRATIONS: &[(&str, &str, &str)] = &[
    ("suppression", "req_received", "TEXT NOT NULL DEFAULT ''"),
    ("suppression", "req_row", "INTEGER NOT NULL DEFAULT 0"),
];

/// What can go wrong with the state store itself, told in the run's language by
/// `error::describe` (the store is opened before anything knows the language to pass).
#[derive(Debug)]
pub enum StateProblem {
    CreateDir(PathBuf),
    /// No state where one is required (`mailing`, `log`, …).
    Missing(PathBuf),
    ReadKey(PathBuf),
    /// The key file is not 32 bytes long.
    BadKey(PathBuf),
    Open(PathBuf),
    Create(PathBuf),
    NoRandom(String),
}

impl StateProblem {
    pub fn message(&self, lang: Lang) -> String {
        let (what, path) = match self {
            StateProblem::CreateDir(p) => (
                L("không tạo được thư mục trạng thái", "cannot create the state folder"),
                p,
            ),
            StateProblem::Missing(p) => (L("không có trạng thái ở", "no state in"), p),
            StateProblem::ReadKey(p) => (L("không đọc được khóa", "cannot read the key"), p),
            StateProblem::Open(p) => (L("không mở được", "cannot open"), p),
            StateProblem::Create(p) => (L("không tạo được", "cannot create"), p),
            StateProblem::BadKey(p) => {
                return pick(
                    lang,
                    format!("tệp khóa {} bị hỏng (phải dài 32 byte). Khôi phục từ bản sao lưu; tạo khóa mới sẽ làm mất liên kết với danh sách xóa.", p.display()),
                    format!("the key file {} is damaged (it must be 32 bytes long). Restore it from a backup; a new key would lose the link to the deletion list.", p.display()),
                )
            }
            StateProblem::NoRandom(e) => {
                return pick(
                    lang,
                    format!("không lấy được số ngẫu nhiên từ hệ điều hành: {e}"),
                    format!("the operating system gave no random numbers: {e}"),
                )
            }
        };
        format!("{} {}", what.t(lang), path.display())
    }
}

impl StateProblem {
    /// This problem, caused by `e` (which `error::describe` tells next, in words).
    pub fn because(self, e: impl Into<anyhow::Error>) -> StateError {
        StateError {
            problem: self,
            cause: Some(e.into()),
        }
    }
}

/// A state problem and the system error under it, if any.
#[derive(Debug)]
pub struct StateError {
    pub problem: StateProblem,
    cause: Option<anyhow::Error>,
}

impl From<StateProblem> for StateError {
    fn from(problem: StateProblem) -> Self {
        StateError {
            problem,
            cause: None,
        }
    }
}

/// Vietnamese, the default language; a person reads `message(lang)` through `error::describe`.
impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem.message(Lang::Vi))
    }
}

impl std::error::Error for StateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}

const DB: &str = "state.sqlite";
const KEY: &str = "secret.key";

impl Store {
    /// Whether a state exists in `dir` (a `.sokhach` folder).
    pub fn exists(dir: &Path) -> bool {
        dir.join(DB).is_file()
    }

    /// Opens the state in `dir` (a `.sokhach` folder), creating it on first use, private to
    /// the owner.
    pub fn open_dir(dir: &Path) -> Result<Store> {
        create_private_dir(dir)
            .map_err(|e| StateProblem::CreateDir(dir.to_path_buf()).because(e))?;
        let key = load_or_create_key(&dir.join(KEY))?;
        // SQLite gives its -wal and -shm files the mode of the database file.
        create_private_file(&dir.join(DB))?;
        Store::connect(dir, key)
    }

    /// Opens an existing state; an error when there is none.
    pub fn open_existing(dir: &Path) -> Result<Store> {
        if !Store::exists(dir) {
            return Err(StateError::from(StateProblem::Missing(dir.to_path_buf())).into());
        }
        let bytes = std::fs::read(dir.join(KEY))
            .map_err(|e| StateProblem::ReadKey(dir.join(KEY)).because(e))?;
        let key = <[u8; 32]>::try_from(bytes.as_slice())
            .map_err(|_| StateError::from(StateProblem::BadKey(dir.join(KEY))))?;
        Store::connect(dir, key)
    }

    /// A state that lives in memory for one run (no workspace, or a dry run on a new one).
    pub fn ephemeral() -> Result<Store> {
        let mut key = [0u8; 32];
        getrandom(&mut key)?;
        Store::in_memory(key)
    }

    /// The state of a run without a workspace: in memory, under one key every such run shares,
    /// so that the keys of a report's review pairs name the same rows the next run (a clerk's
    /// «Gộp» is applied). Nothing is kept, and the report shows these rows' values in plain
    /// text beside their keys: a secret key would hide nothing.
    pub fn without_workspace() -> Result<Store> {
        Store::in_memory(*blake3::hash(b"sokhach: a run without a workspace").as_bytes())
    }

    fn in_memory(key: [u8; 32]) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn,
            key,
            dir: PathBuf::new(),
        })
    }

    fn connect(dir: &Path, key: [u8; 32]) -> Result<Store> {
        let db = dir.join(DB);
        let conn = Connection::open(&db).map_err(|e| StateProblem::Open(db.clone()).because(e))?;
        // The statement journals of the 500-row inserts (below) stay in memory: spilled to a temp
        // file they wrote as much again as the table itself (85 MB at a million rows).
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;",
        )?;
        conn.execute_batch(SCHEMA)?;
        for (table, column, decl) in MIGRATIONS {
            let has: bool = conn
                .prepare(&format!(
                    "SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"
                ))?
                .exists(params![column])?;
            if !has {
                conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl}"))?;
            }
        }
        Ok(Store {
            conn,
            key,
            dir: dir.to_path_buf(),
        })
    }

    /// Every customer id the state has given: those its row fingerprints name, ids merged away,
    /// and every id the last book wrote (two customers of one fingerprint — namesakes with
    /// nothing else written — are both known, though the fingerprint names one).
    pub fn known_ids(&self) -> Result<std::collections::HashSet<String>> {
        // Three scans gathered here, not one UNION: SQLite's sorts the ids in a temporary
        // B-tree first (at a million rows 1.2 s of the weekly run's one core; these 0.7 s).
        let mut ids = std::collections::HashSet::new();
        for sql in [
            "SELECT id FROM row_ids",
            "SELECT alias FROM aliases",
            "SELECT id FROM book_values",
        ] {
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id = r.get_ref(0)?.as_str()?;
                if !ids.contains(id) {
                    ids.insert(id.to_owned());
                }
            }
        }
        Ok(ids)
    }

    /// Identity hashes of customers set aside for inactivity → who and since when.
    pub fn retired(&self) -> Result<HashMap<Fp, Retired>> {
        let mut stmt = self.conn.prepare("SELECT h, id, since FROM retired")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (h, id, since) = row?;
            if let Ok(h) = <Fp>::try_from(h.as_slice()) {
                out.insert(h, Retired { id, since });
            }
        }
        Ok(out)
    }

    /// Pairs of customers (by id) the last run asked a person about and nobody decided yet.
    pub fn open_pairs(&self) -> Result<std::collections::HashSet<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT a, b FROM open_pairs")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Invoice lines the last run left to the accountant, unanswered: line fingerprint → the
    /// ids of the customers listed as its candidates.
    pub fn open_invoices(&self) -> Result<HashMap<Fp, Vec<String>>> {
        let lines = self.fp_texts("SELECT fp, ids FROM open_invoices")?;
        Ok(lines
            .into_iter()
            .map(|(fp, ids)| (fp, ids.split(',').map(str::to_string).collect()))
            .collect())
    }

    /// The ids of the customers the last run wrote into its book.
    pub fn last_book(&self) -> Result<std::collections::HashSet<String>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT ids FROM last_book WHERE one = 1", [], |r| r.get(0))
            .optional()?;
        Ok(blob
            .unwrap_or_default()
            .chunks_exact(8)
            .map(|b| {
                format!(
                    "KH{:06}",
                    u64::from_le_bytes(b.try_into().unwrap_or_default())
                )
            })
            .collect())
    }

    /// Keyed hashes of the values last written to the book, per customer (8 bytes a field):
    /// a value that comes back different was edited by a person.
    pub fn book_values(&self) -> Result<HashMap<String, Vec<u8>>> {
        let mut stmt = self.conn.prepare("SELECT id, h FROM book_values")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The keyed hasher, shareable across threads.
    pub fn keyer(&self) -> Keyer {
        Keyer::new(self.key)
    }

    /// Every known row fingerprint → customer id.
    pub fn row_ids(&self) -> Result<HashMap<Fp, String>> {
        self.fp_texts("SELECT fp, id FROM row_ids")
    }

    /// A table of (keyed hash, text) rows as a map; a hash of another length is left out.
    fn fp_texts(&self, sql: &str) -> Result<HashMap<Fp, String>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (fp, text) = row?;
            if let Ok(fp) = <Fp>::try_from(fp.as_slice()) {
                out.insert(fp, text);
            }
        }
        Ok(out)
    }

    pub fn next_id_counter(&self) -> Result<u64> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT v FROM meta WHERE k = 'next_id'", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(1))
    }

    /// Decisions people made on review pairs, by the pair's row fingerprints.
    pub fn decisions(&self) -> Result<Vec<Decided>> {
        let mut stmt = self.conn.prepare("SELECT a, b, merge FROM decisions")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (a, b, m) = row?;
            if let (Ok(a), Ok(b)) = (<Fp>::try_from(a.as_slice()), <Fp>::try_from(b.as_slice())) {
                out.push(Decided {
                    a,
                    b,
                    merge: m != 0,
                });
            }
        }
        Ok(out)
    }

    /// Keyed hashes of the identifiers of deleted customers, with the request that deleted
    /// each.
    pub fn suppression(&self) -> Result<HashMap<Fp, Suppressed>> {
        let mut stmt = self
            .conn
            .prepare("SELECT h, at, req_received, req_row FROM suppression")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                Suppressed {
                    done: r.get(1)?,
                    received: r.get(2)?,
                    row: r.get(3)?,
                },
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (h, why) = row?;
            if let Ok(h) = <Fp>::try_from(h.as_slice()) {
                out.insert(h, why);
            }
        }
        Ok(out)
    }

    /// Keyed hashes of identifiers a re-admission («Nhận lại») took off the suppression list,
    /// with the request and the deletion they had come from.
    pub fn readmitted(&self) -> Result<HashMap<Fp, Readmitted>> {
        let mut stmt = self.conn.prepare(
            "SELECT h, at, req_received, req_row, del_at, del_received, del_row FROM readmitted",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                Readmitted {
                    done: r.get(1)?,
                    received: r.get(2)?,
                    row: r.get(3)?,
                    deletion: Suppressed {
                        done: r.get(4)?,
                        received: r.get(5)?,
                        row: r.get(6)?,
                    },
                },
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (h, r) = row?;
            if let Ok(h) = <Fp>::try_from(h.as_slice()) {
                out.insert(h, r);
            }
        }
        Ok(out)
    }

    /// Corrections customers asked for, oldest first.
    pub fn corrections(&self) -> Result<Vec<Correction>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, field, value FROM corrections ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(Correction {
                id: r.get(0)?,
                field: r.get(1)?,
                value: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Values customers asked to replace by a correction (keyed hashes), kept out of the book.
    pub fn replaced(&self) -> Result<Vec<Replaced>> {
        let mut stmt = self.conn.prepare("SELECT id, field, h FROM replaced")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, field, h) = row?;
            if let Ok(h) = <Fp>::try_from(h.as_slice()) {
                out.push(Replaced { id, field, h });
            }
        }
        Ok(out)
    }

    /// Customer ids that asked to stop marketing.
    pub fn opt_outs(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM opt_out")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The «Nhận quảng cáo lại» in effect, by customer id.
    pub fn opt_ins(&self) -> Result<HashMap<String, OptIn>> {
        let mut stmt = self.conn.prepare("SELECT id, since, done FROM opt_in")?;
        let rows = stmt.query_map([], |r| {
            Ok(OptIn {
                id: r.get(0)?,
                since: r.get(1)?,
                done: r.get(2)?,
            })
        })?;
        let mut out = HashMap::new();
        for o in rows {
            let o = o?;
            out.insert(o.id.clone(), o);
        }
        Ok(out)
    }

    /// alias → current id.
    pub fn aliases(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn.prepare("SELECT alias, id FROM aliases")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When each request (by its keyed hash) was first carried out.
    pub fn requests_done(&self) -> Result<HashMap<Fp, String>> {
        self.fp_texts("SELECT h, at FROM requests_done")
    }

    /// Records requests carried out outside a run (a copy written by `export-subject`).
    pub fn mark_done(&mut self, done: &[(Fp, String)]) -> Result<()> {
        for (h, at) in done {
            self.conn.execute(
                "INSERT OR IGNORE INTO requests_done (h, at) VALUES (?1, ?2)",
                params![&h[..], at],
            )?;
        }
        Ok(())
    }

    /// Records one export or disclosure in the audit log at once (not tied to a run).
    pub fn log(&mut self, kind: &str, detail: &str) -> Result<()> {
        let at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        self.conn.execute(
            "INSERT INTO audit (at, kind, detail) VALUES (?1, ?2, ?3)",
            params![at, kind, detail],
        )?;
        Ok(())
    }

    /// Writes one run's results in a single transaction.
    pub fn commit(&mut self, run: &RunRecord) -> Result<()> {
        self.stage(run)?;
        self.finish()
    }

    /// Writes one run's results into a transaction left open: nothing is stored until
    /// [`Store::finish`] (dropping the store or a crash leaves the state as it was). A run stages
    /// its results while it writes its outputs, and finishes once the outputs are in place.
    pub fn stage(&mut self, run: &RunRecord) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let written = self.stage_inner(run);
        if written.is_err() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        written
    }

    /// Commits what [`Store::stage`] wrote.
    pub fn finish(&mut self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    /// Writes every table a run changes, one step per kind of record. The steps keep their
    /// order: a re-admission is lifted before this run's deletions are written, and superseded
    /// corrections go before this run's own.
    fn stage_inner(&mut self, run: &RunRecord) -> Result<()> {
        self.stage_ids(run)?;
        self.stage_deletions(run)?;
        self.stage_pairs_and_retired(run)?;
        self.stage_book(run)?;
        self.stage_requests(run)?;
        self.stage_invoice_decisions(run)?;
        self.stage_audit(run)
    }

    /// The customers' ids: each row fingerprint's, the aliases of merged-away ids, the people's
    /// review decisions and the next id to give. What next week's run keeps its ids by.
    fn stage_ids(&self, run: &RunRecord) -> Result<()> {
        let mut row_ids: Vec<(&[u8], &str)> = run
            .row_ids
            .iter()
            .map(|(fp, i)| (&fp[..], run.ids[*i as usize].as_str()))
            .collect();
        // In key order, the rows go into the table's B-tree one page after another instead of
        // all over it (a stable sort: of two rows with one key, the later still wins).
        rayon::slice::ParallelSliceMut::par_sort_by(&mut row_ids[..], |a, b| a.0.cmp(b.0));
        insert_pairs(&self.conn, "row_ids (fp, id)", &row_ids)?;
        let mut alias = self
            .conn
            .prepare("INSERT OR REPLACE INTO aliases (alias, id, at) VALUES (?1, ?2, ?3)")?;
        for (a, id) in &run.aliases {
            alias.execute(params![a, id, run.at])?;
        }
        let mut dec = self.conn.prepare(
            "INSERT OR REPLACE INTO decisions (a, b, merge, at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for d in &run.decisions {
            dec.execute(params![&d.a[..], &d.b[..], d.merge as i64, run.at])?;
        }
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (k, v) VALUES ('next_id', ?1)",
            params![run.next_id.to_string()],
        )?;
        Ok(())
    }

    /// Re-admissions («Nhận lại») and deletions on the suppression list, and the records of
    /// customers deleted this run purged: one step, as their order decides what stays.
    fn stage_deletions(&self, run: &RunRecord) -> Result<()> {
        // A re-admission lifts its identifiers before this run's deletions are written: one
        // that deletes the customer again puts them back.
        let mut lift = self.conn.prepare(
            "INSERT OR REPLACE INTO readmitted (h, at, req_received, req_row, del_at, del_received, del_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (h, r) in &run.readmitted {
            self.conn
                .execute("DELETE FROM suppression WHERE h = ?1", params![&h[..]])?;
            lift.execute(params![
                &h[..],
                r.done,
                r.received,
                r.row,
                r.deletion.done,
                r.deletion.received,
                r.deletion.row
            ])?;
        }
        let mut sup = self.conn.prepare(
            "INSERT OR IGNORE INTO suppression (h, at, req_received, req_row) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (h, why) in &run.suppress {
            sup.execute(params![&h[..], why.done, why.received, why.row])?;
            self.conn
                .execute("DELETE FROM readmitted WHERE h = ?1", params![&h[..]])?;
        }
        // A deleted customer leaves only keyed hashes: every plain-text value and every
        // record kept under the id goes.
        for id in &run.purge_ids {
            for table in [
                "corrections",
                "replaced",
                "opt_out",
                "opt_in",
                "book_values",
                "retired",
            ] {
                self.conn
                    .execute(&format!("DELETE FROM {table} WHERE id = ?1"), params![id])?;
            }
        }
        Ok(())
    }

    /// This run's open review pairs and invoices (in place of the last run's), and the
    /// customers back from or set aside for inactivity: what next week asks again and brings
    /// back.
    fn stage_pairs_and_retired(&self, run: &RunRecord) -> Result<()> {
        self.conn.execute("DELETE FROM open_pairs", [])?;
        let mut pair = self
            .conn
            .prepare("INSERT OR IGNORE INTO open_pairs (a, b) VALUES (?1, ?2)")?;
        for (a, b) in &run.open_pairs {
            pair.execute(params![a, b])?;
        }
        self.conn.execute("DELETE FROM open_invoices", [])?;
        let mut line = self
            .conn
            .prepare("INSERT OR REPLACE INTO open_invoices (fp, ids) VALUES (?1, ?2)")?;
        for (fp, ids) in &run.open_invoices {
            line.execute(params![&fp[..], ids])?;
        }
        for id in &run.returned {
            self.conn
                .execute("DELETE FROM retired WHERE id = ?1", params![id])?;
        }
        let mut ret = self
            .conn
            .prepare("INSERT OR REPLACE INTO retired (h, id, since) VALUES (?1, ?2, ?3)")?;
        for (h, r) in &run.retired {
            ret.execute(params![&h[..], r.id, r.since])?;
        }
        Ok(())
    }

    /// The book this run wrote: the hashes of its values (next week tells a person's edit by
    /// them) and its ids (next week tells a customer no input holds by them).
    fn stage_book(&self, run: &RunRecord) -> Result<()> {
        let mut book_values: Vec<(&str, &[u8])> = run
            .book_values
            .iter()
            .map(|(id, h)| (id.as_str(), h.as_slice()))
            .collect();
        // In key order, as the row ids above.
        rayon::slice::ParallelSliceMut::par_sort_by(&mut book_values[..], |a, b| a.0.cmp(b.0));
        insert_pairs(&self.conn, "book_values (id, h)", &book_values)?;
        // This run's book, for the next run to tell which of its customers no input holds: the
        // ids' numbers, 8 bytes each, in one value (a million rows inserted would cost a second).
        let last: Vec<u8> = book_values
            .iter()
            .filter_map(|&(id, _)| id.strip_prefix("KH")?.parse::<u64>().ok())
            .flat_map(u64::to_le_bytes)
            .collect();
        self.conn.execute(
            "INSERT OR REPLACE INTO last_book (one, ids) VALUES (1, ?1)",
            params![last],
        )?;
        Ok(())
    }

    /// What customers' requests asked for and this run carried out: corrections (the ones a
    /// later edit superseded dropped first), replaced values, opt-outs, requests done.
    fn stage_requests(&self, run: &RunRecord) -> Result<()> {
        // Before this run's own: a new request may correct the field again.
        for (id, field) in &run.superseded {
            self.conn.execute(
                "DELETE FROM corrections WHERE id = ?1 AND field = ?2",
                params![id, field],
            )?;
        }
        let mut cor = self
            .conn
            .prepare("INSERT INTO corrections (id, field, value, at) VALUES (?1, ?2, ?3, ?4)")?;
        for c in &run.corrections {
            cor.execute(params![c.id, c.field, c.value, run.at])?;
        }
        let mut rep = self
            .conn
            .prepare("INSERT OR IGNORE INTO replaced (id, field, h, at) VALUES (?1, ?2, ?3, ?4)")?;
        for r in &run.replaced {
            rep.execute(params![r.id, r.field, &r.h[..], run.at])?;
        }
        let mut opt = self
            .conn
            .prepare("INSERT OR IGNORE INTO opt_out (id, at) VALUES (?1, ?2)")?;
        for id in &run.opt_outs {
            opt.execute(params![id, run.at])?;
        }
        // A customer who asked for news again: her older opt-outs go, her opt-in stays until
        // a newer opt-out ends it.
        for o in &run.opt_ins {
            self.conn
                .execute("DELETE FROM opt_out WHERE id = ?1", params![o.id])?;
            self.conn.execute(
                "INSERT OR REPLACE INTO opt_in (id, since, done) VALUES (?1, ?2, ?3)",
                params![o.id, o.since, o.done],
            )?;
        }
        for id in &run.opt_ins_spent {
            self.conn
                .execute("DELETE FROM opt_in WHERE id = ?1", params![id])?;
        }
        let mut done = self
            .conn
            .prepare("INSERT OR IGNORE INTO requests_done (h, at) VALUES (?1, ?2)")?;
        for (h, at) in &run.requests_done {
            done.execute(params![&h[..], at])?;
        }
        Ok(())
    }

    /// The run's lines of the append-only audit log, the record of what each run did.
    fn stage_audit(&self, run: &RunRecord) -> Result<()> {
        let mut audit = self
            .conn
            .prepare("INSERT INTO audit (at, kind, detail) VALUES (?1, ?2, ?3)")?;
        for line in &run.audit {
            audit.execute(params![run.at, line.kind, line.detail])?;
        }
        Ok(())
    }

    /// The audit log, oldest first.
    pub fn audit(&self) -> Result<Vec<(i64, String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, at, kind, detail FROM audit ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// `INSERT OR REPLACE` of two-column rows into `table` ("name (col, col)"). A million rows go
/// in 500 to a statement: one statement per row spends most of its time stepping the
/// statement, not writing.
fn insert_pairs<A: rusqlite::ToSql, B: rusqlite::ToSql>(
    conn: &Connection,
    table: &str,
    rows: &[(A, B)],
) -> Result<()> {
    const CHUNK: usize = 500;
    let many = format!(
        "INSERT OR REPLACE INTO {table} VALUES {}",
        vec!["(?, ?)"; CHUNK].join(", ")
    );
    let mut ins_many = conn.prepare(&many)?;
    let mut ins = conn.prepare(&format!("INSERT OR REPLACE INTO {table} VALUES (?1, ?2)"))?;
    let mut chunks = rows.chunks_exact(CHUNK);
    for chunk in chunks.by_ref() {
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 * CHUNK);
        for (a, b) in chunk {
            values.push(a);
            values.push(b);
        }
        ins_many.execute(values.as_slice())?;
    }
    for (a, b) in chunks.remainder() {
        ins.execute(params![a, b])?;
    }
    Ok(())
}

/// A correction a customer asked for: the field (its stable key) of a customer and its new
/// value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub id: String,
    pub field: String,
    pub value: String,
}

/// A value a correction replaced (the field's stable key, the value's keyed hash): the
/// customer asked for it to go, so an older source read again does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub id: String,
    pub field: String,
    pub h: Fp,
}

/// A customer set aside for inactivity (not deleted: new activity brings them back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub id: String,
    /// Their last activity (yyyy-mm-dd; empty when unknown).
    pub since: String,
}

/// Why an identifier is suppressed: the deletion request that removed its customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressed {
    /// When the deletion was carried out (yyyy-mm-dd).
    pub done: String,
    /// When the request was received (yyyy-mm-dd; empty when the book gave no date).
    pub received: String,
    /// Its row in the requests book at the time (0 when unknown).
    pub row: u32,
}

/// A «Nhận quảng cáo lại» in effect (`policy::consent`): the customer's id; the day the request
/// was received, or carried out when it gives none; the day it was carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptIn {
    pub id: String,
    pub since: String,
    pub done: String,
}

/// An identifier a re-admission («Nhận lại») took off the suppression list: the request, and
/// the deletion the identifier had come from (its other identifiers stay suppressed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readmitted {
    /// When the re-admission was carried out (yyyy-mm-dd).
    pub done: String,
    /// When the request was received (yyyy-mm-dd; empty when the book gave no date).
    pub received: String,
    /// Its row in the requests book at the time.
    pub row: u32,
    pub deletion: Suppressed,
}

/// One line of the audit log: what happened, by a stable kind (`clean`, `request:delete`,
/// `deleted`…: people filter on it), and its detail as JSON.
#[derive(Debug, Clone)]
pub struct AuditLine {
    pub kind: String,
    pub detail: String,
}

impl AuditLine {
    pub fn new(kind: impl Into<String>, detail: serde_json::Value) -> AuditLine {
        AuditLine {
            kind: kind.into(),
            detail: detail.to_string(),
        }
    }
}

/// What one run writes back.
#[derive(Debug, Default)]
pub struct RunRecord {
    pub at: String,
    /// Each row fingerprint's customer, as an index into `ids`.
    pub row_ids: Vec<(Fp, u32)>,
    pub ids: Vec<String>,
    pub aliases: Vec<(String, String)>,
    pub decisions: Vec<Decided>,
    pub next_id: u64,
    pub audit: Vec<AuditLine>,
    pub suppress: Vec<(Fp, Suppressed)>,
    /// Identifiers re-admissions took off the suppression list this run.
    pub readmitted: Vec<(Fp, Readmitted)>,
    pub corrections: Vec<Correction>,
    /// Corrections (id, field key) a person's later edit of the book replaced.
    pub superseded: Vec<(String, String)>,
    /// Values this run's corrections replaced.
    pub replaced: Vec<Replaced>,
    pub opt_outs: Vec<String>,
    /// «Nhận quảng cáo lại» in effect, and the ids of those a newer opt-out ended.
    pub opt_ins: Vec<OptIn>,
    pub opt_ins_spent: Vec<String>,
    pub requests_done: Vec<(Fp, String)>,
    /// Ids of customers deleted this run: everything kept under them goes.
    pub purge_ids: Vec<String>,
    /// Identity hashes of customers set aside for inactivity: (hash, id, since).
    pub retired: Vec<(Fp, Retired)>,
    /// Customers back after inactivity.
    pub returned: Vec<String>,
    /// The customers of this run's review pairs (ids, smaller first).
    pub open_pairs: Vec<(String, String)>,
    /// The invoice lines left to the accountant: (line fingerprint, candidate ids joined by
    /// commas).
    pub open_invoices: Vec<(Fp, String)>,
    /// Keyed hashes of the values written to the book: (id, 8 bytes a field).
    pub book_values: Vec<(compact_str::CompactString, crate::keys::ValueHashes)>,
    /// The accountant's decisions: (invoice row fingerprint, customer id or "" for none of the
    /// book).
    pub invoice_decisions: Vec<(Fp, String)>,
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Creates `path` empty and owner-only if it does not exist, and makes it owner-only if it
/// does (a state written by an older version was 0644).
fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .map_err(|e| StateProblem::Create(path.to_path_buf()).because(e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

fn load_or_create_key(path: &Path) -> Result<[u8; 32]> {
    if let Ok(bytes) = std::fs::read(path) {
        if let Ok(k) = <[u8; 32]>::try_from(bytes.as_slice()) {
            return Ok(k);
        }
        return Err(StateError::from(StateProblem::BadKey(path.to_path_buf())).into());
    }
    let mut key = [0u8; 32];
    getrandom(&mut key)?;
    let tmp = path.with_extension("tmp");
    {
        use std::io::Write;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(&key)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    Ok(key)
}

fn getrandom(buf: &mut [u8; 32]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| StateError::from(StateProblem::NoRandom(e.to_string())).into())
}

impl Store {
    /// The accountant's decisions on invoices: invoice row fingerprint → the customer id it
    /// was given to, or "" when its buyer is no customer of the book.
    pub fn invoice_decisions(&self) -> Result<HashMap<Fp, String>> {
        self.fp_texts("SELECT fp, id FROM invoice_decisions")
    }

    fn stage_invoice_decisions(&self, run: &RunRecord) -> Result<()> {
        let mut ins = self
            .conn
            .prepare("INSERT OR REPLACE INTO invoice_decisions (fp, id, at) VALUES (?1, ?2, ?3)")?;
        for (fp, id) in &run.invoice_decisions {
            ins.execute(params![&fp[..], id, run.at])?;
        }
        Ok(())
    }
}
