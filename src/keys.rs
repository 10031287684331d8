//! Keyed hashes: how the state knows rows, identifiers, requests and people's decisions
//! without keeping their values. A base module: `merge` makes row fingerprints with it,
//! `policy` identity hashes, and `state` stores them, so neither stage depends on the store.

/// A 128-bit keyed hash of a row's or an identifier's normalised content.
pub type Fp = [u8; 16];

/// How many of a customer's values the state keeps a hash of (see `merge::book::FIELDS`).
pub const BOOK_FIELDS: usize = 7;

/// The keyed hashes of a customer's values as the book shows them: 8 bytes a field.
pub type ValueHashes = [u8; 8 * BOOK_FIELDS];

/// Keyed hashing: a plain hash of a phone number could be reversed by trying all numbers.
#[derive(Clone, Copy)]
pub struct Keyer {
    key: [u8; 32],
}

impl Keyer {
    /// The key lives in the state (or, without a workspace, in memory for one run).
    pub fn new(key: [u8; 32]) -> Keyer {
        Keyer { key }
    }

    /// The hash of the parts, each followed by a unit separator (0x1f).
    pub fn fp(&self, parts: &[&str]) -> Fp {
        // Most keys are a few short values: joined on the stack and hashed in one call, which
        // skips the incremental hasher's set-up (millions of keys per run). Same bytes, same hash.
        let mut buf = [0u8; 192];
        let mut len = 0;
        for p in parts {
            let end = len + p.len() + 1;
            let Some(dst) = buf.get_mut(len..end) else {
                return self.fp_streamed(parts);
            };
            dst[..p.len()].copy_from_slice(p.as_bytes());
            dst[p.len()] = 0x1f;
            len = end;
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(&blake3::keyed_hash(&self.key, &buf[..len]).as_bytes()[..16]);
        out
    }

    fn fp_streamed(&self, parts: &[&str]) -> Fp {
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

/// A decision a person made on a pair of rows, by the rows' keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub a: Fp,
    pub b: Fp,
    /// Merge (true) or keep apart.
    pub merge: bool,
}

/// A key as 32 lowercase hex digits (the review sheet's key columns).
pub fn hex(fp: &Fp) -> String {
    // One per row of a review or accountant's sheet: no formatting machinery.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(32);
    for b in fp {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

/// A key read back from its hex digits.
pub fn unhex(s: &str) -> Option<Fp> {
    let s = s.trim();
    if s.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_back() {
        let fp = Keyer::new([7; 32]).fp(&["phone", "0912345678"]);
        assert_eq!(unhex(&hex(&fp)), Some(fp));
        assert_eq!(unhex(&format!(" {} ", hex(&fp))), Some(fp));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex(&"zz".repeat(16)), None);
    }

    #[test]
    fn short_and_long_keys_hash_as_one_stream() {
        let k = Keyer::new([3; 32]);
        let long = "x".repeat(300);
        for parts in [
            vec![],
            vec![""],
            vec!["book", "name", "Nguyễn Văn An"],
            vec!["row", &long, "0912345678"],
            vec![&long[..191]],
            vec![&long[..190], ""],
        ] {
            assert_eq!(k.fp(&parts), k.fp_streamed(&parts), "{parts:?}");
        }
    }

    #[test]
    fn parts_are_separated() {
        let k = Keyer::new([1; 32]);
        assert_ne!(k.fp(&["ab", "c"]), k.fp(&["a", "bc"]));
    }
}
