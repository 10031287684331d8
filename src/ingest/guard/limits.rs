//! How much a workbook may ask for before it is refused.

/// Thresholds for [`preflight_zip`](super::preflight_zip). The defaults let through any
/// workbook an office makes (a 1 M-row ledger is ~200 MB of sheet XML) and refuse what would
/// exhaust an office PC.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_entries: usize,
    pub max_entry_uncompressed: u64,
    pub max_total_uncompressed: u64,
    /// Uncompressed:compressed ratio allowed for entries above `ratio_min_size`.
    pub max_ratio: u64,
    pub ratio_min_size: u64,
    pub max_shared_strings: u64,
    /// Longest text of one ODS cell, in bytes of XML.
    pub max_cell_bytes: u64,
    /// Memory an ODS workbook may need once calamine has expanded its repeats.
    pub max_ods_memory: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            max_entry_uncompressed: 512 * MIB,
            max_total_uncompressed: 2 * 1024 * MIB,
            max_ratio: 200,
            ratio_min_size: MIB,
            max_shared_strings: 10_000_000,
            max_cell_bytes: MIB,
            max_ods_memory: 2 * 1024 * MIB,
        }
    }
}

pub(super) const MIB: u64 = 1024 * 1024;
