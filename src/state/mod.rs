//! The state store: an SQLite file in the output folder's `.sokhach/` directory that makes
//! weekly runs consistent — stable customer ids, aliases of merged-away ids, people's review
//! decisions and an append-only audit log. Personal values never enter it in plain text: rows
//! and pairs are known by keyed hashes whose secret key sits beside it, readable by the owner
//! only. Every write happens in one transaction, so a killed run leaves the previous state.

use anyhow::{Context as _, Result};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const DIR: &str = ".sokhach";

/// A 128-bit keyed hash of a row's or an identifier's normalised content.
pub type Fp = [u8; 16];

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
CREATE TABLE IF NOT EXISTS suppression (h BLOB PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corrections (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
    field TEXT NOT NULL, value TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS opt_out (id TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests_done (h BLOB PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL);
";

impl Store {
    /// Opens (creating on first use) the store under `out_dir/.sokhach/`.
    pub fn open(out_dir: &Path) -> Result<Store> {
        let dir = out_dir.join(DIR);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("không tạo được thư mục trạng thái {}", dir.display()))?;
        let key = load_or_create_key(&dir.join("secret.key"))?;
        let conn = Connection::open(dir.join("state.sqlite"))
            .with_context(|| format!("không mở được {}", dir.join("state.sqlite").display()))?;
        conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn, key, dir })
    }

    /// The keyed hasher, shareable across threads.
    pub fn keyer(&self) -> Keyer {
        Keyer { key: self.key }
    }

    /// Every known row fingerprint → customer id.
    pub fn row_ids(&self) -> Result<HashMap<Fp, String>> {
        let mut stmt = self.conn.prepare("SELECT fp, id FROM row_ids")?;
        let mut map = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (fp, id) = row?;
            if let Ok(fp) = <Fp>::try_from(fp.as_slice()) {
                map.insert(fp, id);
            }
        }
        Ok(map)
    }

    pub fn next_id_counter(&self) -> Result<u64> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT v FROM meta WHERE k = 'next_id'", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(1))
    }

    /// Decisions people made on review pairs, by the pair's row fingerprints.
    pub fn decisions(&self) -> Result<Vec<(Fp, Fp, bool)>> {
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
                out.push((a, b, m != 0));
            }
        }
        Ok(out)
    }

    /// Keyed hashes of the identifiers of deleted customers.
    pub fn suppression(&self) -> Result<std::collections::HashSet<Fp>> {
        let mut stmt = self.conn.prepare("SELECT h FROM suppression")?;
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
        let mut out = std::collections::HashSet::new();
        for h in rows {
            if let Ok(h) = <Fp>::try_from(h?.as_slice()) {
                out.insert(h);
            }
        }
        Ok(out)
    }

    /// Corrections customers asked for, oldest first: (customer id, field key, new value).
    pub fn corrections(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, field, value FROM corrections ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Customer ids that asked to stop marketing.
    pub fn opt_outs(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM opt_out")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// alias → current id.
    pub fn aliases(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn.prepare("SELECT alias, id FROM aliases")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When each request (by its keyed hash) was first carried out.
    pub fn requests_done(&self) -> Result<HashMap<Fp, String>> {
        let mut stmt = self.conn.prepare("SELECT h, at FROM requests_done")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (h, at) = row?;
            if let Ok(h) = <Fp>::try_from(h.as_slice()) {
                out.insert(h, at);
            }
        }
        Ok(out)
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

    fn stage_inner(&mut self, run: &RunRecord) -> Result<()> {
        // A million rows go in 500 to a statement: one statement per row spends most of
        // its time stepping the statement, not writing.
        const CHUNK: usize = 500;
        let many = format!(
            "INSERT OR REPLACE INTO row_ids (fp, id) VALUES {}",
            vec!["(?, ?)"; CHUNK].join(", ")
        );
        let mut ins_many = self.conn.prepare(&many)?;
        let mut ins = self
            .conn
            .prepare("INSERT OR REPLACE INTO row_ids (fp, id) VALUES (?1, ?2)")?;
        let mut chunks = run.row_ids.chunks_exact(CHUNK);
        for chunk in chunks.by_ref() {
            let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 * CHUNK);
            for (fp, i) in chunk {
                values.push(fp);
                values.push(&run.ids[*i as usize]);
            }
            ins_many.execute(values.as_slice())?;
        }
        for (fp, i) in chunks.remainder() {
            ins.execute(params![&fp[..], run.ids[*i as usize]])?;
        }
        let mut alias = self
            .conn
            .prepare("INSERT OR REPLACE INTO aliases (alias, id, at) VALUES (?1, ?2, ?3)")?;
        for (a, id) in &run.aliases {
            alias.execute(params![a, id, run.at])?;
        }
        let mut dec = self.conn.prepare(
            "INSERT OR REPLACE INTO decisions (a, b, merge, at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (a, b, m) in &run.decisions {
            dec.execute(params![&a[..], &b[..], *m as i64, run.at])?;
        }
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (k, v) VALUES ('next_id', ?1)",
            params![run.next_id.to_string()],
        )?;
        let mut sup = self
            .conn
            .prepare("INSERT OR IGNORE INTO suppression (h, at) VALUES (?1, ?2)")?;
        for h in &run.suppress {
            sup.execute(params![&h[..], run.at])?;
        }
        let mut cor = self
            .conn
            .prepare("INSERT INTO corrections (id, field, value, at) VALUES (?1, ?2, ?3, ?4)")?;
        for (id, f, v) in &run.corrections {
            cor.execute(params![id, f, v, run.at])?;
        }
        let mut opt = self
            .conn
            .prepare("INSERT OR IGNORE INTO opt_out (id, at) VALUES (?1, ?2)")?;
        for id in &run.opt_outs {
            opt.execute(params![id, run.at])?;
        }
        let mut done = self
            .conn
            .prepare("INSERT OR IGNORE INTO requests_done (h, at) VALUES (?1, ?2)")?;
        for (h, at) in &run.requests_done {
            done.execute(params![&h[..], at])?;
        }
        let mut audit = self
            .conn
            .prepare("INSERT INTO audit (at, kind, detail) VALUES (?1, ?2, ?3)")?;
        for (kind, detail) in &run.audit {
            audit.execute(params![run.at, kind, detail])?;
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

/// Keyed hashing: a plain hash of a phone number could be reversed by trying all numbers.
#[derive(Clone, Copy)]
pub struct Keyer {
    key: [u8; 32],
}

impl Keyer {
    pub fn fp(&self, parts: &[&str]) -> Fp {
        let mut h = blake3::Hasher::new_keyed(&self.key);
        for p in parts {
            h.update(p.as_bytes());
            h.update(&[0x1f]);
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(&h.finalize().as_bytes()[..16]);
        out
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
    pub decisions: Vec<(Fp, Fp, bool)>,
    pub next_id: u64,
    pub audit: Vec<(String, String)>,
    pub suppress: Vec<Fp>,
    pub corrections: Vec<(String, String, String)>,
    pub opt_outs: Vec<String>,
    pub requests_done: Vec<(Fp, String)>,
}

fn load_or_create_key(path: &Path) -> Result<[u8; 32]> {
    if let Ok(bytes) = std::fs::read(path) {
        if let Ok(k) = <[u8; 32]>::try_from(bytes.as_slice()) {
            return Ok(k);
        }
        anyhow::bail!(
            "tệp khóa {} bị hỏng (phải dài 32 byte). Khôi phục từ bản sao lưu; tạo khóa mới sẽ làm mất liên kết với danh sách xóa.",
            path.display()
        );
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
    getrandom::fill(buf)
        .map_err(|e| anyhow::anyhow!("không lấy được số ngẫu nhiên từ hệ điều hành: {e}"))
}
