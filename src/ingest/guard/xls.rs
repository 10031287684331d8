//! xls: the workbook stream of an OLE container, its BIFF records checked before calamine
//! trusts them.

use std::fs::File;
use std::path::Path;

use super::error::GuardError;
use super::limits::Limits;
use super::ole::{u16_at, u32_at, Ole};
use super::sheets_xls::{SheetRecords, XlsFacts, BIFF_BOF, XLS_MAX_COLS};

/// Checks an .xls (OLE container) before calamine opens it: the workbook stream exists and
/// fits in the file, no FILEPASS (password), no DIMENSIONS beyond BIFF8's grid. On the way,
/// what calamine does not read of its sheets ([`XlsFacts`]).
pub fn preflight_xls(path: &Path, limits: &Limits) -> Result<XlsFacts, GuardError> {
    let file = File::open(path)?;
    let mut ole = Ole::open(file).map_err(|e| GuardError::Corrupt(format!("OLE: {e}")))?;
    let Some(wb) = ole.workbook().cloned() else {
        return Err(GuardError::MissingPart("Workbook stream".into()));
    };
    if wb.size > ole.file_len || wb.size > limits.max_entry_uncompressed {
        return Err(GuardError::Corrupt(format!(
            "the workbook stream claims {} bytes in a file of {}",
            wb.size, ole.file_len
        )));
    }
    ole.stream_chain_ends(&wb)
        .map_err(|e| GuardError::Corrupt(format!("OLE: {e}")))?;
    let stream = ole
        .read_stream(&wb, wb.size)
        .map_err(|e| GuardError::Corrupt(format!("OLE: {e}")))?;
    let mut pos = 0;
    let mut sheets = SheetRecords::default();
    while pos + 4 <= stream.len() {
        let typ = u16_at(&stream, pos);
        let len = usize::from(u16_at(&stream, pos + 2));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        match typ {
            BIFF_FILEPASS => return Err(GuardError::Encrypted("Workbook".into())),
            BIFF_DIMENSIONS => check_dimensions(data)?,
            _ => sheets.record(pos, typ, data),
        }
        pos += 4 + len;
    }
    sheets.done()
}

const BIFF_FILEPASS: u16 = 0x002F;
const BIFF_DIMENSIONS: u16 = 0x0200;
const XLS_MAX_ROWS: u64 = 65_536;

/// Mirrors calamine 0.38 `parse_dimensions` and the reserve that follows it.
fn check_dimensions(d: &[u8]) -> Result<(), GuardError> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0)),
            u32::from(u16_at(d, 2)),
            u32::from(u16_at(d, 4)),
            u32::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u32_at(d, 0),
            u32_at(d, 4),
            u32::from(u16_at(d, 8)),
            u32::from(u16_at(d, 10)),
        ),
        // calamine refuses other lengths cleanly.
        _ => return Ok(()),
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    let rows = u64::from(rl) - u64::from(rf.min(rl));
    let cols = u64::from(cl - cf);
    if rf > rl - 1 || rows > XLS_MAX_ROWS || cols > XLS_MAX_COLS {
        return Err(GuardError::XlsDimensions {
            rows: if rf > rl - 1 { u64::from(rf) } else { rows },
            cols,
        });
    }
    Ok(())
}

/// True when a BIFF workbook stream starts with BOF then FILEPASS (RC4/XOR password).
pub(in crate::ingest) fn biff_has_filepass(stream: &[u8]) -> bool {
    if stream.len() < 6 || ![BIFF_BOF, 0x0409, 0x0209, 0x0009].contains(&u16_at(stream, 0)) {
        return false;
    }
    let next = 4 + usize::from(u16_at(stream, 2));
    next + 2 <= stream.len() && u16_at(stream, next) == BIFF_FILEPASS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::guard::fixtures::check_xls;
    use crate::ingest::guard::testsupport::{biff, dims8, ole_file, xls_stream};

    #[test]
    fn xls_normal_passes_and_calamine_opens_it() {
        use calamine::Reader;
        for pad in [4096, 0] {
            let bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 10, 0, 5), pad));
            check_xls(&bytes).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("ok.xls");
            std::fs::write(&p, &bytes).unwrap();
            let wb: calamine::Xls<_> = calamine::open_workbook(&p).unwrap();
            assert_eq!(wb.sheet_names(), ["S1"], "pad {pad}");
        }
    }

    #[test]
    fn xls_hostile_dimensions_are_refused() {
        // Each of these aborts calamine 0.38 at open (probe: 43 TB and 859 GB requested).
        for (dims, pad) in [
            (dims8(0, 0xFFFF_FFF0, 0, 0xFF), 4096),
            (dims8(0, 0xFFFF_FFF0, 0, 0xFF), 0),
            (dims8(100, 10, 0, 5), 4096),
            (dims8(0, 10, 0, 0xFFFF), 4096),
            (
                [1000u16, 0xFFFF, 0, 0xFFFF, 0]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect(),
                4096,
            ),
        ] {
            let r = check_xls(&ole_file(&["Workbook"], &xls_stream(&dims, pad)));
            assert!(matches!(r, Err(GuardError::XlsDimensions { .. })), "{r:?}");
        }
        // The largest real sheet passes.
        assert!(check_xls(&ole_file(
            &["Book"],
            &xls_stream(&dims8(0, 65_536, 0, 256), 4096)
        ))
        .is_ok());
    }

    #[test]
    fn xls_other_refusals() {
        let locked = biff(&[(0x0809, &[0u8; 16]), (0x002F, &[1, 0, 1, 0])], 4096);
        assert!(matches!(
            check_xls(&ole_file(&["Workbook"], &locked)),
            Err(GuardError::Encrypted(_))
        ));
        assert!(matches!(
            check_xls(&ole_file(&["WordDocument"], &[0u8; 4096])),
            Err(GuardError::MissingPart(_))
        ));
        // A stream claiming more than the file holds.
        let mut bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 1, 0, 1), 4096));
        let size_at = 512 + 512 + 128 + 120;
        bytes[size_at..size_at + 4].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
        assert!(matches!(check_xls(&bytes), Err(GuardError::Corrupt(_))));
        // A directory whose chain loops (calamine follows it until memory runs out), or whose
        // sector's next lies past the allocation table (calamine indexes it and panics).
        for next in [1u32, 5000] {
            let mut bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 1, 0, 1), 4096));
            bytes[516..520].copy_from_slice(&next.to_le_bytes());
            assert!(
                matches!(check_xls(&bytes), Err(GuardError::Corrupt(_))),
                "{next}"
            );
        }
        // Truncated and garbage containers.
        let bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 1, 0, 1), 4096));
        assert!(matches!(
            check_xls(&bytes[..1500]),
            Err(GuardError::Corrupt(_))
        ));
        assert!(matches!(
            check_xls(b"\xD0\xCF\x11\xE0"),
            Err(GuardError::Corrupt(_))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn damaged_xls_never_panics(flips in proptest::collection::vec((0usize..6000, 0u8..=255), 1..8)) {
            let mut bytes = ole_file(&["Workbook"], &xls_stream(&dims8(0, 10, 0, 5), 4096));
            for (at, v) in flips {
                let n = bytes.len();
                bytes[at % n] = v;
            }
            let _ = check_xls(&bytes);
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("m.xls");
            std::fs::write(&p, &bytes).unwrap();
            let _ = crate::ingest::sniff::sniff(&p);
        }
    }
}
