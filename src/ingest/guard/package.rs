//! The entries of a ZIP package, checked for size and looked up the way calamine looks them
//! up; read with a cap whatever their headers claim.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;

use zip::ZipArchive;

use super::error::GuardError;
use super::limits::{Limits, MIB};
use crate::ingest::io::read_up_to;

/// workbook.xml and .rels parts are read up to this size (sheets are listed at the top).
pub(super) const MAX_META_PART: u64 = 16 * MIB;

pub(super) struct Package {
    pub(super) zip: ZipArchive<BufReader<File>>,
    /// Entry names, `\` as `/` and lowercased, to their index.
    index: HashMap<String, usize>,
    /// Sum of the declared uncompressed sizes.
    pub(super) total: u64,
}

impl Package {
    /// Opens a ZIP file and checks every entry's declared size, compression ratio and
    /// password flag against `limits`, without inflating anything.
    pub(super) fn open(path: &Path, limits: &Limits) -> Result<Package, GuardError> {
        let mut file = File::open(path)?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic)?;
        if n < 4 || (&magic != b"PK\x03\x04" && &magic != b"PK\x05\x06") {
            return Err(GuardError::NotZip);
        }
        file.rewind()?;
        let mut zip = ZipArchive::new(BufReader::new(file)).map_err(zip_err)?;
        let (index, total) = check_entries(&mut zip, limits)?;
        Ok(Package { zip, index, total })
    }

    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.index
            .get(&name.replace('\\', "/").to_ascii_lowercase())
            .copied()
    }

    /// True when some entry lies under `dir` (lowercase, ending in `/`).
    pub(super) fn has_under(&self, dir: &str) -> bool {
        self.index.keys().any(|k| k.starts_with(dir))
    }

    /// At most `limit` bytes of an entry; whatever its header claims.
    pub(super) fn read(&mut self, i: usize, limit: u64) -> Result<Vec<u8>, GuardError> {
        let f = self.zip.by_index(i).map_err(zip_err)?;
        let cap = f.size().min(limit).min(MAX_META_PART) as usize;
        let mut out = Vec::new();
        out.try_reserve(cap)
            .map_err(|e| GuardError::Corrupt(e.to_string()))?;
        f.take(limit)
            .read_to_end(&mut out)
            .map_err(|e| GuardError::Corrupt(e.to_string()))?;
        Ok(out)
    }

    pub(super) fn open_entry(
        &mut self,
        i: usize,
        limit: u64,
    ) -> Result<impl Read + '_, GuardError> {
        let f = self.zip.by_index(i).map_err(zip_err)?;
        Ok(f.take(limit.saturating_add(1)))
    }
}

/// The entry index and the total uncompressed size, once every entry has passed.
fn check_entries(
    zip: &mut ZipArchive<BufReader<File>>,
    limits: &Limits,
) -> Result<(HashMap<String, usize>, u64), GuardError> {
    let entries = zip.len();
    if entries > limits.max_entries {
        return Err(GuardError::TooManyEntries {
            count: entries,
            max: limits.max_entries,
        });
    }
    // calamine looks parts up case-insensitively with `\` as `/`; so do we.
    let mut index: HashMap<String, usize> = HashMap::with_capacity(entries);
    let mut total: u64 = 0;
    for i in 0..entries {
        let e = zip.by_index_data(i).map_err(zip_err)?;
        let name = String::from_utf8_lossy(e.name_raw()).into_owned();
        if e.encrypted() {
            return Err(GuardError::Encrypted(name));
        }
        let size = e.size();
        if size > limits.max_entry_uncompressed {
            return Err(GuardError::EntryTooLarge {
                entry: name,
                size,
                max: limits.max_entry_uncompressed,
            });
        }
        if size > limits.ratio_min_size {
            let ratio = size / e.compressed_size().max(1);
            if ratio > limits.max_ratio {
                return Err(GuardError::SuspiciousRatio {
                    entry: name,
                    ratio,
                    max: limits.max_ratio,
                });
            }
        }
        total = total.saturating_add(size);
        index.insert(name.replace('\\', "/").to_ascii_lowercase(), i);
    }
    if total > limits.max_total_uncompressed {
        return Err(GuardError::TotalTooLarge {
            size: total,
            max: limits.max_total_uncompressed,
        });
    }
    Ok((index, total))
}

pub(super) fn zip_err(e: zip::result::ZipError) -> GuardError {
    match e {
        zip::result::ZipError::Io(e) if e.kind() != io::ErrorKind::UnexpectedEof => {
            GuardError::Io(e)
        }
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            GuardError::Encrypted(m.to_string())
        }
        e => GuardError::Corrupt(e.to_string()),
    }
}
