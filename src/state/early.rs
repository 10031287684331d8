//! What a run reads of the state before it matches and merges, read on a second connection
//! while the inputs are read: in an office's steady week (its cleaned book adopted) the ids
//! given, the values the book last wrote and every row's fingerprint are a million rows of
//! SQLite at a million customers, read on one core while reading the workbook leaves the other
//! half idle.

use super::{Store, DB};
use crate::keys::Fp;
use anyhow::Result;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// The state's tables a run needs before it matches and merges.
#[derive(Default)]
pub struct Memory {
    /// Every id the state has given ([`Store::known_ids`]).
    pub known_ids: HashSet<String>,
    /// Ids merged away → the id that took them ([`Store::aliases`]).
    pub aliases: HashMap<String, String>,
    /// The hashes of the values the last book wrote, per customer ([`Store::book_values`]).
    pub book_values: HashMap<String, Vec<u8>>,
    /// Every known row fingerprint → its customer ([`Store::row_ids`]).
    pub row_ids: HashMap<Fp, String>,
}

impl Store {
    /// Reads the tables of [`Memory`].
    pub fn memory(&self) -> Result<Memory> {
        Ok(Memory {
            known_ids: self.known_ids()?,
            aliases: self.aliases()?,
            book_values: self.book_values()?,
            row_ids: self.row_ids()?,
        })
    }

    /// The same state on a second connection, to read [`Memory`] on another thread; `None` for
    /// a state in memory (a second connection to it would open another, empty database). The
    /// run writes nothing to the state before it has read what it needs, so both connections
    /// see the same tables.
    pub fn second_reader(&self) -> Result<Option<Store>> {
        if self.dir.as_os_str().is_empty() {
            return Ok(None);
        }
        let conn = Connection::open(self.dir.join(DB))?;
        Ok(Some(Store {
            conn,
            key: self.key,
            dir: self.dir.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_reader_sees_what_the_first_connection_holds() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_dir(&dir.path().join(".sokhach")).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO aliases VALUES ('KH000009', 'KH000002', '2026-12-01');
                 INSERT INTO book_values VALUES ('KH000002', x'0102');",
            )
            .unwrap();
        let reader = store.second_reader().unwrap().expect("a state on disk");
        let early = std::thread::spawn(move || reader.memory().unwrap())
            .join()
            .unwrap();
        let now = store.memory().unwrap();
        assert_eq!(early.aliases, now.aliases);
        assert_eq!(early.book_values, now.book_values);
        assert_eq!(early.known_ids, now.known_ids);
        assert!(early.known_ids.contains("KH000002") && early.known_ids.contains("KH000009"));
        assert!(Store::ephemeral()
            .unwrap()
            .second_reader()
            .unwrap()
            .is_none());
    }
}
