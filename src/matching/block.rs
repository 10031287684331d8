//! Blocking: rows that share a key become candidate pairs. Keys: each phone, each email, the
//! tax code, the name (with and without middle names) and the street address with the given
//! name. A key shared by too many rows (a company switchboard, "Nguyễn Văn Anh") does not make
//! all pairs: its rows are sorted by a second key and each is paired with a few neighbours, so
//! the work stays linear.

use crate::normalize::name::PartyKind;
use crate::normalize::Norm;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};

/// Blocks up to this size pair everyone with everyone.
const FULL_BLOCK: usize = 24;
/// In larger blocks each row meets this many neighbours in the block's sorted order.
const WINDOW: usize = 6;

fn h<T: Hash + ?Sized>(tag: u8, v: &T) -> u64 {
    let mut s = rustc_hash::FxHasher::default();
    tag.hash(&mut s);
    v.hash(&mut s);
    s.finish()
}

/// Block keys of one row.
fn keys(n: &Norm, out: &mut Vec<u64>) {
    for p in &n.phones {
        out.push(h(1, &p.key));
    }
    for e in &n.emails {
        out.push(h(2, e.as_str()));
    }
    if let Some(t) = &n.tax {
        out.push(h(3, t.as_str()));
    }
    if n.name_key.is_empty() {
        return;
    }
    out.push(h(4, n.name_key.as_str()));
    if n.kind == PartyKind::Person && !n.given.is_empty() {
        // Family + given: survives a dropped or changed middle name ("Nguyễn Văn An" / "Nguyễn An").
        out.push(h(5, &(n.family.as_str(), n.given.as_str())));
        if !n.addr_key.is_empty() {
            // Same street address, same given name: survives typos in the family/middle names.
            out.push(h(6, &(n.addr_key.as_str(), n.given.as_str())));
        }
    }
}

/// All candidate pairs, each once, packed as `a << 32 | b` with `a < b` (see [`unpack`]): a
/// million-row run has tens of millions of them, so they are not copied into tuples.
pub fn candidate_pairs(rows: &[Norm]) -> Vec<u64> {
    let mut entries: Vec<(u64, u32)> = rows
        .par_iter()
        .enumerate()
        .fold(Vec::new, |mut acc, (i, n)| {
            let mut ks = Vec::with_capacity(8);
            keys(n, &mut ks);
            acc.extend(ks.into_iter().map(|k| (k, i as u32)));
            acc
        })
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        });
    entries.par_sort_unstable();
    entries.dedup();

    let mut groups: Vec<&[(u64, u32)]> = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if i == entries.len() || entries[i].0 != entries[start].0 {
            if i - start > 1 {
                groups.push(&entries[start..i]);
            }
            start = i;
        }
    }
    let mut pairs: Vec<u64> = groups
        .par_iter()
        .fold(Vec::new, |mut acc, g| {
            block_pairs(rows, g, &mut acc);
            acc
        })
        .reduce(Vec::new, |mut a, b| {
            a.extend(b);
            a
        });
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

pub fn unpack(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

fn pack(a: u32, b: u32) -> u64 {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    ((a as u64) << 32) | b as u64
}

fn block_pairs(rows: &[Norm], g: &[(u64, u32)], out: &mut Vec<u64>) {
    if g.len() <= FULL_BLOCK {
        for i in 0..g.len() {
            for j in i + 1..g.len() {
                out.push(pack(g[i].1, g[j].1));
            }
        }
        return;
    }
    // Sorted neighbourhood inside a big block, on two orders so that rows close in either the
    // name or the address meet.
    let mut ids: Vec<u32> = g.iter().map(|&(_, r)| r).collect();
    for order in 0..2 {
        ids.sort_by(|&a, &b| {
            let (ra, rb) = (&rows[a as usize], &rows[b as usize]);
            if order == 0 {
                (&ra.name_key, &ra.addr_key, a).cmp(&(&rb.name_key, &rb.addr_key, b))
            } else {
                (&ra.addr_key, &ra.name_key, a).cmp(&(&rb.addr_key, &rb.name_key, b))
            }
        });
        for i in 0..ids.len() {
            for j in i + 1..(i + 1 + WINDOW).min(ids.len()) {
                out.push(pack(ids[i], ids[j]));
            }
        }
    }
}
