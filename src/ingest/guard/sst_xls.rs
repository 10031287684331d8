//! Text struck through inside a cell of an old .xls: the workbook's shared strings (SST and
//! the CONTINUE records it runs on into) written as rich text, with a formatting run in a
//! font that strikes. calamine reads each string's characters and skips its runs; these say
//! which characters a clerk struck («~~0912000501~~ 0987000501»), as an xlsx's
//! ([`super::runs`]).

use super::ole::{u16_at, u32_at};
use super::runs::{RunText, StruckText};

/// A shared string written as rich text with a run in a striking font: its characters
/// (UTF-16, as stored) and where each run starts, with whether its font strikes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RichString {
    /// Its index in the table (a LABELSST cell names it).
    pub index: u32,
    units: Vec<u16>,
    /// (first character, strikes), in the order written.
    runs: Vec<(usize, bool)>,
}

impl RichString {
    /// The cell's text split into what is left and what is struck; the characters before the
    /// first run take the cell's own format (`cell_struck`). `None` when nothing is struck.
    pub(super) fn text(&self, cell_struck: bool) -> Option<StruckText> {
        let mut found = RunText::default();
        let mut from = 0;
        let mut struck = cell_struck;
        for &(start, strikes) in &self.runs {
            let start = start.clamp(from, self.units.len());
            found.push(&String::from_utf16_lossy(&self.units[from..start]), struck);
            (from, struck) = (start, strikes);
        }
        found.push(&String::from_utf16_lossy(&self.units[from..]), struck);
        found.finish()
    }
}

/// The strings of an SST record's data and its CONTINUE records' (`parts`, in stream order)
/// that are rich text with a run in a font that `strikes` (by the run's font index), by index
/// ascending. A damaged table yields the strings read before the damage.
pub(super) fn struck_sst_strings(
    parts: &[Vec<u8>],
    strikes: impl Fn(u16) -> bool,
) -> Vec<RichString> {
    let mut at = Parts {
        parts,
        part: 0,
        pos: 8,
    };
    let unique = parts
        .first()
        .filter(|p| p.len() >= 8)
        .map_or(0, |p| u32_at(p, 4));
    let mut out = Vec::new();
    for index in 0..unique {
        let Some((units, runs)) = at.string() else {
            break;
        };
        if runs.iter().any(|&(_, font)| strikes(font)) {
            let runs = runs
                .into_iter()
                .map(|(start, font)| (usize::from(start), strikes(font)));
            out.push(RichString {
                index,
                units,
                runs: runs.collect(),
            });
        }
    }
    out
}

/// A string's characters (UTF-16) and its formatting runs ((first character, font index)).
type Runs = (Vec<u16>, Vec<(u16, u16)>);

/// A reader over a record's data and its CONTINUE records', read on across their bounds.
struct Parts<'a> {
    parts: &'a [Vec<u8>],
    part: usize,
    pos: usize,
}

impl Parts<'_> {
    /// The bytes left in the current part, moving to the next when it is used up.
    fn here(&mut self) -> Option<&[u8]> {
        while self.pos >= self.parts.get(self.part)?.len() {
            self.part += 1;
            self.pos = 0;
        }
        Some(&self.parts[self.part][self.pos..])
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.here()?.first()?;
        self.pos += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let step = n.min(self.here()?.len());
            self.pos += step;
            n -= step;
        }
        Some(())
    }

    /// One XLUnicodeRichExtendedString: its characters and its formatting runs ((first
    /// character, font index)). Characters running on into the next record start it with a
    /// fresh flag byte (one or two bytes a character), as calamine reads them.
    fn string(&mut self) -> Option<Runs> {
        let count = usize::from(self.u16()?);
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 { self.u16()? } else { 0 };
        let ext = if flags & 0x04 != 0 {
            u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?])
        } else {
            0
        };
        let mut wide = flags & 0x01 != 0;
        let mut units = Vec::with_capacity(count);
        while units.len() < count {
            if self.pos >= self.parts[self.part].len() {
                self.part += 1;
                self.pos = 0;
                wide = self.parts.get(self.part)?.first()? & 0x01 != 0;
                self.pos = 1;
            }
            let data = &self.parts[self.part][self.pos..];
            let want = count - units.len();
            if wide {
                let n = want.min(data.len() / 2);
                units.extend(data[..2 * n].chunks_exact(2).map(|c| u16_at(c, 0)));
                self.pos += 2 * n;
                if n == 0 {
                    // An odd byte left at a record's end: damaged.
                    return None;
                }
            } else {
                let n = want.min(data.len());
                units.extend(data[..n].iter().map(|&b| u16::from(b)));
                self.pos += n;
            }
        }
        let mut formats = Vec::with_capacity(usize::from(runs));
        for _ in 0..runs {
            formats.push((self.u16()?, self.u16()?));
        }
        self.skip(ext as usize)?;
        Some((units, formats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of three strings as Excel splits it: the first plain, the second rich text
    /// whose struck run is font 5 and whose characters run on into a CONTINUE record (there
    /// written one byte each, after a fresh flag), with its runs after them; the third rich
    /// text with no run that strikes.
    #[test]
    fn struck_runs_of_shared_strings_are_read_across_records() {
        let mut sst = 3u32.to_le_bytes().to_vec();
        sst.extend(3u32.to_le_bytes());
        sst.extend([3, 0, 0]);
        sst.extend(b"abc");
        let whole = "0912000501 0987000501";
        sst.extend([whole.len() as u8, 0, 0x09, 2, 0]);
        sst.extend("0912".encode_utf16().flat_map(u16::to_le_bytes));
        let mut cont = vec![0u8];
        cont.extend(&whole.as_bytes()[4..]);
        for (start, font) in [(0u16, 5u16), (10, 0)] {
            cont.extend(start.to_le_bytes());
            cont.extend(font.to_le_bytes());
        }
        cont.extend([2, 0, 0x08, 1, 0, b'x', b'y', 0, 0, 6, 0]);
        let found = struck_sst_strings(&[sst, cont], |font| font == 5);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].index, 1);
        let text = found[0].text(false).unwrap();
        assert_eq!(text.full, whole);
        assert_eq!(text.kept, " 0987000501");
        assert_eq!(text.struck, ["0912000501"]);
    }

    /// The characters before a string's first run take the cell's format: struck when the
    /// cell strikes. A string all of one run that does not strike holds nothing struck.
    #[test]
    fn the_text_before_the_first_run_takes_the_cells_format() {
        let units: Vec<u16> = "cũ 0987000501".encode_utf16().collect();
        let s = RichString {
            index: 0,
            units,
            runs: vec![(2, false)],
        };
        let text = s.text(true).unwrap();
        assert_eq!(
            (text.kept.as_str(), &text.struck[..]),
            (" 0987000501", &["cũ".to_string()][..])
        );
        assert_eq!(s.text(false), None);
    }

    /// Damaged tables: cut short, a count past the data, an odd byte at a record's end.
    #[test]
    fn damaged_tables_yield_what_was_read_before() {
        let mut sst = 2u32.to_le_bytes().to_vec();
        sst.extend(2u32.to_le_bytes());
        sst.extend([2, 0, 0x08, 1, 0, b'a', b'b', 0, 0, 1, 0]);
        sst.extend([200, 0, 0x09, 1, 0, b'a']);
        assert_eq!(struck_sst_strings(&[sst.clone()], |f| f == 1).len(), 1);
        assert!(struck_sst_strings(&[sst[..9].to_vec()], |_| true).is_empty());
        assert!(struck_sst_strings(&[vec![1, 2]], |_| true).is_empty());
        let mut odd = 1u32.to_le_bytes().to_vec();
        odd.extend(1u32.to_le_bytes());
        odd.extend([2, 0, 0x09, 1, 0, b'a']);
        assert!(struck_sst_strings(&[odd, vec![1, b'b', 0, 0, 0, 1, 0]], |_| true).is_empty());
    }
}
