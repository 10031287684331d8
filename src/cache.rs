//! Cache hints: asking the CPU to bring memory in before it is read. The stages that walk a
//! million rows in an order of their own (pairs, customers) wait on memory more than they
//! compute; a hint given a few items ahead overlaps the wait with the work.
//!
//! The crate's one `unsafe` block is here: a prefetch reads nothing and cannot fault.

/// Brings the bytes from `p` to `p + len` into the cache: every cache line they touch, up to
/// [`MAX_LINES`] (the structs and strings it is used on are shorter).
#[allow(unsafe_code)]
pub(crate) fn prefetch_raw(p: *const u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let skew = p as usize % LINE;
        let lines = (skew + len.max(1)).div_ceil(LINE).min(MAX_LINES);
        let first = p.cast::<i8>().wrapping_sub(skew);
        for k in 0..lines {
            // SAFETY: a prefetch is a hint; it reads nothing and cannot fault, whatever the
            // address (SSE, which it needs, is part of every x86-64 CPU).
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(first.wrapping_add(k * LINE));
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, len);
}

/// Bytes per cache line.
const LINE: usize = 64;
/// The most lines one hint brings in.
const MAX_LINES: usize = 4;

/// A value's own bytes (not what it points to).
pub(crate) fn prefetch<T>(v: &T) {
    prefetch_raw((v as *const T).cast(), std::mem::size_of::<T>());
}

/// The bytes of a string (on the heap, or inside its struct when short).
pub(crate) fn prefetch_str(s: &str) {
    if !s.is_empty() {
        prefetch_raw(s.as_ptr(), s.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_read_nothing_and_never_fault() {
        let v = [1u64; 64];
        prefetch(&v);
        prefetch_str("Nguyễn Thị Thanh Hương");
        prefetch_str("");
        // Any address, even one nothing is mapped at: a hint, not a read.
        prefetch_raw(std::ptr::null(), 4096);
        prefetch_raw(usize::MAX as *const u8, 1);
        assert_eq!(v[63], 1);
    }
}
