//! Just enough of the OLE Compound File format to list streams and read one.

use std::fs::File;
use std::io::{self, Seek, SeekFrom};

use crate::ingest::io::read_up_to;

/// A named storage or stream of an OLE (Compound File Binary) container.
#[derive(Debug, Clone)]
pub(in crate::ingest) struct OleEntry {
    pub(in crate::ingest) name: String,
    start: u32,
    pub(super) size: u64,
}

/// Just enough of [MS-CFB] to list streams and read one: the whole FAT is loaded (1/128 of
/// the file), chains are followed with a step limit so crafted loops end.
pub(in crate::ingest) struct Ole {
    file: File,
    pub(super) file_len: u64,
    shift: u32,
    fat: Vec<u32>,
    mini_fat_start: u32,
    mini_cutoff: u64,
    pub(in crate::ingest) entries: Vec<OleEntry>,
}

const OLE_END: u32 = 0xFFFF_FFFA;

impl Ole {
    pub(in crate::ingest) fn open(mut file: File) -> io::Result<Ole> {
        let file_len = file.metadata()?.len();
        let mut header = [0u8; 512];
        file.rewind()?;
        if read_up_to(&mut file, &mut header)? < 512 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let shift = u32::from(u16_at(&header, 30));
        if shift != 9 && shift != 12 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "bad sector size",
            ));
        }
        let sector_size = 1usize << shift;
        let max_sectors = (file_len >> shift) as usize + 1;
        let mut ole = Ole {
            file,
            file_len,
            shift,
            fat: Vec::new(),
            mini_fat_start: u32_at(&header, 60),
            mini_cutoff: u64::from(u32_at(&header, 56)),
            entries: Vec::new(),
        };
        // DIFAT: 109 FAT sector numbers in the header, then a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(&header, 76 + 4 * i)).collect();
        let mut difat = u32_at(&header, 68);
        let mut sector = vec![0u8; sector_size];
        let mut steps = 0;
        while difat < OLE_END && steps < max_sectors {
            ole.read_sector(difat, &mut sector)?;
            let per = sector_size / 4 - 1;
            fat_sectors.extend((0..per).map(|i| u32_at(&sector, 4 * i)));
            difat = u32_at(&sector, sector_size - 4);
            steps += 1;
        }
        for &fs in fat_sectors
            .iter()
            .filter(|&&s| s < OLE_END)
            .take(max_sectors)
        {
            ole.read_sector(fs, &mut sector)?;
            ole.fat.extend(sector.chunks_exact(4).map(|c| u32_at(c, 0)));
        }
        // calamine follows the directory's chain to its end, however long, and the mini FAT's
        // and the mini stream's for as many bytes as the header and the root entry say.
        ole.chain_ends(u32_at(&header, 48))?;
        let dir = ole.read_chain(u32_at(&header, 48), u64::MAX)?;
        ole.entries = dir.chunks_exact(128).filter_map(parse_ole_entry).collect();
        let mini_fat_len = u64::from(u32_at(&header, 64));
        if mini_fat_len > 0 {
            let root = ole
                .entries
                .first()
                .map_or((OLE_END, 0), |e| (e.start, e.size));
            if (mini_fat_len << shift) > file_len || root.1 > file_len {
                return Err(corrupt("the mini stream claims more than the file holds"));
            }
            ole.chain_ends(ole.mini_fat_start)?;
            ole.chain_ends(root.0)?;
        }
        Ok(ole)
    }

    /// Checks a stream's chain as calamine walks it ([`Ole::chain_ends`]): its sectors', or the
    /// mini stream's for a small stream (whose own chain the mini stream's bounds keep short).
    pub(super) fn stream_chain_ends(&self, e: &OleEntry) -> io::Result<()> {
        if e.size >= self.mini_cutoff {
            self.chain_ends(e.start)?;
        }
        Ok(())
    }

    /// Checks that the chain from `start` ends as calamine walks it: no loop (calamine would
    /// fill memory with it), no sector past the FAT's end (calamine indexes the FAT with it and
    /// panics). A chain that runs into a special sector number or off the file ends in an
    /// error calamine reports.
    pub(super) fn chain_ends(&self, start: u32) -> io::Result<()> {
        let sectors = (self.file_len >> self.shift) + 1;
        let mut s = start;
        let mut steps = 0u64;
        while s < OLE_END && ((u64::from(s) + 1) << self.shift) < self.file_len {
            if steps > sectors {
                return Err(corrupt("a sector chain loops"));
            }
            s = *self
                .fat
                .get(s as usize)
                .ok_or_else(|| corrupt("a sector chain leaves the allocation table"))?;
            steps += 1;
        }
        Ok(())
    }

    pub(in crate::ingest) fn workbook(&self) -> Option<&OleEntry> {
        // calamine looks both names up ignoring case.
        let find = |n: &str| self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(n));
        find("Workbook").or_else(|| find("Book"))
    }

    fn read_sector(&mut self, s: u32, buf: &mut [u8]) -> io::Result<()> {
        self.file
            .seek(SeekFrom::Start((u64::from(s) + 1) << self.shift))?;
        if read_up_to(&mut self.file, buf)? < buf.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a sector lies beyond the end of the file",
            ));
        }
        Ok(())
    }

    /// The sectors of a regular chain, at most `limit` bytes.
    fn read_chain(&mut self, start: u32, limit: u64) -> io::Result<Vec<u8>> {
        let sector_size = 1usize << self.shift;
        let limit = limit.min(self.file_len);
        let mut out = Vec::new();
        let mut sector = vec![0u8; sector_size];
        let mut s = start;
        let mut steps = 0;
        while s < OLE_END && (out.len() as u64) < limit {
            if steps > self.fat.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a sector chain loops",
                ));
            }
            self.read_sector(s, &mut sector)?;
            out.extend_from_slice(&sector);
            s = self.fat.get(s as usize).copied().unwrap_or(OLE_END);
            steps += 1;
        }
        out.truncate(limit as usize);
        Ok(out)
    }

    /// At most `limit` bytes of a stream, from the mini stream when it is small.
    pub(in crate::ingest) fn read_stream(
        &mut self,
        e: &OleEntry,
        limit: u64,
    ) -> io::Result<Vec<u8>> {
        let want = e.size.min(limit);
        if e.size >= self.mini_cutoff {
            return self.read_chain(e.start, want);
        }
        let root = self
            .entries
            .first()
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no root entry"))?;
        let mini_stream = self.read_chain(root.start, root.size)?;
        let mini_fat: Vec<u32> = self
            .read_chain(self.mini_fat_start, u64::MAX)?
            .chunks_exact(4)
            .map(|c| u32_at(c, 0))
            .collect();
        let mut out = Vec::new();
        let mut s = e.start;
        let mut steps = 0;
        while s < OLE_END && (out.len() as u64) < want {
            let at = (s as usize).saturating_mul(64);
            let piece = mini_stream.get(at..at.saturating_add(64)).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a mini sector lies outside the mini stream",
                )
            })?;
            if steps > mini_fat.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a sector chain loops",
                ));
            }
            out.extend_from_slice(piece);
            s = mini_fat.get(s as usize).copied().unwrap_or(OLE_END);
            steps += 1;
        }
        out.truncate(want as usize);
        Ok(out)
    }
}

/// A 128-byte directory entry, if it looks like one (a named storage or stream).
pub(in crate::ingest) fn parse_ole_entry(e: &[u8]) -> Option<OleEntry> {
    let name_len = usize::from(u16_at(e, 64));
    let kind = e[66];
    if !(2..=64).contains(&name_len) || name_len % 2 != 0 || !(1..=5).contains(&kind) {
        return None;
    }
    if u16_at(e, name_len - 2) != 0 {
        return None;
    }
    let units: Vec<u16> = e[..name_len - 2]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some(OleEntry {
        name: String::from_utf16(&units).ok()?,
        start: u32_at(e, 116),
        // Version 3 files keep only the low 32 bits meaningful.
        size: u64::from(u32_at(e, 120)),
    })
}

fn corrupt(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

pub(super) fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

pub(super) fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}
