//! Why a workbook was refused, in words the caller shows the clerk.

use std::io;

#[derive(Debug, thiserror::Error)]
pub enum GuardError {
    #[error("cannot read the file: {0}")]
    Io(#[from] io::Error),
    #[error("the file is not a ZIP-based workbook (xlsx, xlsb or ods)")]
    NotZip,
    #[error("the workbook file is damaged ({0}); open it in Excel and save it again")]
    Corrupt(String),
    #[error("the ZIP archive holds no spreadsheet (it may be a Word or other document)")]
    NoWorkbook,
    #[error("the file is password protected (entry {0}); save an unprotected copy")]
    Encrypted(String),
    #[error("the archive holds {count} entries (limit {max}); this is not a normal workbook")]
    TooManyEntries { count: usize, max: usize },
    #[error("part {entry} would unpack to {size} bytes (limit {max}); split the workbook")]
    EntryTooLarge { entry: String, size: u64, max: u64 },
    #[error("the workbook would unpack to {size} bytes in total (limit {max}); split it")]
    TotalTooLarge { size: u64, max: u64 },
    #[error("part {entry} is compressed {ratio}:1 (limit {max}:1), typical of a ZIP bomb")]
    SuspiciousRatio { entry: String, ratio: u64, max: u64 },
    #[error(
        "the shared-string table declares {declared} strings but can hold at most {possible}; \
         the file is damaged or crafted: open it in Excel and save it again"
    )]
    SharedStringsCount { declared: u64, possible: u64 },
    #[error("a cell of sheet '{sheet}' holds {bytes} bytes of text (limit {max})")]
    CellTooLarge { sheet: String, bytes: u64, max: u64 },
    #[error(
        "sheet '{sheet}' repeats rows or columns so much that reading it needs about \
         {estimated} bytes of memory (limit {max}); delete the repeated rows/columns at its \
         end or save it as xlsx"
    )]
    OdsRepeat {
        sheet: String,
        estimated: u64,
        max: u64,
    },
    #[error(
        "sheet '{sheet}' repeats one row with data {repeats} times; a real ledger never does: \
         delete the repeated rows or save it as xlsx"
    )]
    OdsRowRepeat { sheet: String, repeats: u64 },
    #[error("the workbook is incomplete: part {0} is missing; open it in Excel and save it again")]
    MissingPart(String),
    #[error(
        "a sheet declares {rows} rows × {cols} columns, more than an .xls can hold; the file \
         is damaged or crafted: open it in Excel and save it as .xlsx"
    )]
    XlsDimensions { rows: u64, cols: u64 },
}

impl GuardError {
    /// The file is damaged or is not a workbook at all (as opposed to refused as hostile or
    /// too large, or protected by a password).
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self,
            GuardError::NotZip
                | GuardError::Corrupt(_)
                | GuardError::NoWorkbook
                | GuardError::MissingPart(_)
        )
    }

    pub fn is_encrypted(&self) -> bool {
        matches!(self, GuardError::Encrypted(_))
    }
}
