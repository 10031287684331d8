//! Keyed hashes: how the state knows rows, identifiers, requests and people's decisions
//! without keeping their values. A base module: `merge` makes row fingerprints with it,
//! `policy` identity hashes, and `state` stores them, so neither stage depends on the store.

/// A 128-bit keyed hash of a row's or an identifier's normalised content.
pub type Fp = [u8; 16];

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

    pub fn fp(&self, parts: &[&str]) -> Fp {
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
    fn parts_are_separated() {
        let k = Keyer::new([1; 32]);
        assert_ne!(k.fp(&["ab", "c"]), k.fp(&["a", "bc"]));
    }
}
