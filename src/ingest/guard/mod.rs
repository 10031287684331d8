//! Look before calamine leaps: cheap checks on a ZIP-based workbook (xlsx, xlsm, xlsb, ods)
//! that refuse the files on which calamine 0.38 would abort the process (an allocation
//! failure is an abort, not a panic) or eat gigabytes.
//!
//! What calamine 0.38 does with hostile input (measured in the scratch crate, 8 GB ulimit):
//! - xlsx `sharedStrings.xml` with a huge `uniqueCount`: reserves that many strings at open
//!   and aborts (upstream issue #684). Checked here from the head of the part.
//! - xlsx stray cell at XFD1048576: `worksheet_range` aborts (549 GB); `worksheet_cells_reader`
//!   streams it in 3.6 MB. `<dimension ref="A1:XFD1048576"/>` alone is harmless for both.
//!   Nothing to check here: callers must read xlsx through the cells reader.
//! - ods loads every sheet when the workbook is opened, expanding repeats:
//!   rows repeated 10^9 on a one-cell row → capped at 1,048,576 rows (134 MB, 0.1 s);
//!   a content cell repeated 10^9 columns → capped at 16,384 (harmless alone);
//!   50 content cells × 10^9 rows → 52 M cells, 6.5 GB, 20 s;
//!   100 content cells × 10^9 rows → clean `CellLimitExceeded` (its cap is 100 M cells);
//!   10,000 rows each holding one cell repeated 16,384 columns → abort at open (the per-row
//!   cell buffer has no cap); 1 M empty rows between two content rows → expanded too (3.7 GB).
//!   So the repeat counts of content.xml are summed here the way calamine expands them.
//! - xls: a DIMENSIONS record is trusted for `cells.reserve(rows × cols)` while the workbook
//!   is opened: a 4 KB file declaring 4 billion rows, or a first row after the last, aborts
//!   (43 TB / 859 GB requested). [`preflight_xls`] checks every DIMENSIONS against BIFF8's
//!   65,536 × 256.
//! - zip 9.8.2 (calamine's) stops any entry at its declared uncompressed size ("File is larger
//!   than its declared uncompressed size"), so declared sizes bound what calamine inflates.
//!
//! The parts: `archive` routes a ZIP package to `xlsx` or `ods` once `package` has checked
//! its entries; `xls` reads an OLE container through `ole`; `xml` is the tag scanner the XML
//! checks share; `error` and `limits` are the vocabulary of the public API.

mod archive;
mod error;
#[cfg(test)]
mod fixtures;
mod limits;
mod ods;
mod ole;
mod package;
mod runs;
mod sheets_xls;
mod sst_xls;
#[doc(hidden)]
pub mod testsupport;
mod xls;
mod xlsx;
mod xml;

pub use archive::{preflight_zip, ZipFacts};
pub use error::GuardError;
pub use limits::Limits;
pub use runs::{struck_text_cells, StruckCell, StruckText};
pub use sheets_xls::{XlsFacts, XlsSheet};
pub use xls::preflight_xls;
pub use xlsx::{
    scan_xlsx_sheets, scan_xlsx_sheets_struck, SheetScan, TallMerge, OWN_NOTE_AUTHOR,
    OWN_NOTE_OPENINGS,
};

pub(super) use ole::{parse_ole_entry, Ole, OleEntry};
pub(super) use xls::biff_has_filepass;
