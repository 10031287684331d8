//! Blocking: rows that share a key become candidate pairs. Keys: each phone, each email, the
//! tax code, the name (with and without middle names) and the street address with the given
//! name; an organisation's own mail domain, its house, and its contact
//! person named by a whole name. A key shared by too many rows (a company switchboard,
//! "Nguyễn Văn Anh") does not make all pairs: its rows are sorted by a second key and each is
//! paired with a few neighbours, so the work stays linear; a family name with a given name
//! shared by that many rows («Nguyễn Anh») makes none ([`big_block_orders`]).

use crate::normalize::email;
use crate::normalize::name::PartyKind;
use crate::normalize::Norm;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};

/// Blocks up to this size pair everyone with everyone.
const FULL_BLOCK: usize = 24;
/// In larger blocks each row meets this many neighbours in the block's sorted order.
const WINDOW: usize = 6;

/// The kind of key a family name with a given name makes ([`keys`]).
const FAMILY_GIVEN: u8 = 5;

/// A block key: the value's hash, its kind (`tag`, below 16) in the top four bits, which
/// [`block_pairs`] reads back.
fn h<T: Hash + ?Sized>(tag: u8, v: &T) -> u64 {
    let mut s = rustc_hash::FxHasher::default();
    tag.hash(&mut s);
    v.hash(&mut s);
    (s.finish() >> 4) | (u64::from(tag) << 60)
}

/// The kind of key a block was made by ([`h`]).
fn kind(key: u64) -> u8 {
    (key >> 60) as u8
}

/// How many keys [`keys`] gives a row, without hashing them.
fn key_count(n: &Norm) -> usize {
    let mut k = n.phones.len() + n.emails.len() + n.tax.is_some() as usize;
    if !n.name_key.is_empty() {
        k += 1;
        if n.kind == PartyKind::Person && !n.given().is_empty() {
            k += 1
                + given_first_turn(&n.name_key).is_some() as usize
                + !n.addr_key.is_empty() as usize
                + person_house_key(n).is_some() as usize
                + person_house_middle_key(n).is_some() as usize;
        }
        k += org_domain_key(n).is_some() as usize + org_house_word_key(n).is_some() as usize;
        if n.kind == PartyKind::Org {
            k += contact_key(n).is_some() as usize
                + org_house_key(n).is_some() as usize
                + shop_core_key(n).is_some() as usize
                + trade_core_key(n).is_some() as usize;
        }
    }
    k
}

/// The block key of an organisation's own mail domain (not a public mail service's), from its
/// first email that has one; a company's name typed bare, read as a person's, has it too
/// ([`super::sig::brand_like`]: «Trí Hà» with «admin@trihajsc.vn»).
fn org_domain_key(n: &Norm) -> Option<u64> {
    if n.kind == PartyKind::Person && !super::sig::brand_like(n) {
        return None;
    }
    email::first_company_domain(&n.emails, |d| h(7, d))
}

/// A shop's name without its shop words, when it has them ([`super::sig::shop_core`]): in the
/// name keys' block, where «Cửa hàng Vật liệu xây dựng Diệp Tiến» meets «Vật liệu xây dựng Diệp
/// Tiến».
fn shop_core_key(n: &Norm) -> Option<&str> {
    let core = super::sig::shop_core(&n.name_key);
    (n.kind == PartyKind::Org && core.len() < n.name_key.len()).then_some(core)
}

/// An organisation's name without the business words it starts with (shop words too), when
/// two words or more are left and they are not its shop core already, at an address without
/// a house number (at a house, [`org_house_word_key`] meets it): in the name keys' block,
/// where «Công ty TNHH Điện tử Cát Lợi» meets «Cty TNHH Cát Lợi» in one hamlet (see
/// `score::business_words_apart`).
fn trade_core_key(n: &Norm) -> Option<&str> {
    if n.kind != PartyKind::Org || super::sig::house_number(&n.addr_key).is_some() {
        return None;
    }
    let (core, _) = super::sig::trade_core(&n.name_key);
    (core.len() < n.name_key.len() && core.contains(' ') && Some(core) != shop_core_key(n))
        .then_some(core)
}

/// An organisation's street address with a house number: «Công ty TNHH Thiết bị Y tế Lnog
/// Việt» meets «… Long Việt», and «Công ty TNHH Phoenix» meets «Cty TNHH Vật liệu Xây dựng
/// Phoenix», at its house (see `score::slipped_into_no_syllable`, `score::business_words_apart`).
fn org_house_key(n: &Norm) -> Option<u64> {
    (n.kind == PartyKind::Org && super::sig::house_number(&n.addr_key).is_some())
        .then(|| h(9, n.addr_key.as_str()))
}

/// An organisation's house number in its province beside the last word of its name: the
/// house written two ways («267 Điện Biên Phủ, Phường Xuân Phú, TP. Huế», «Số 267 đường Điện
/// Biên Phủ, P. Xuân Phú, Huế») under one name written two ways («Cty Cổ phần DV Unity Việt
/// Nam», «Công ty Cổ phần Unity Việt Nam»); a company's name typed bare, read as a person's,
/// has it too («ĐỨC VIỆT» at the house of «Cty TNHH TM và DV Đức Việt»).
fn org_house_word_key(n: &Norm) -> Option<u64> {
    if n.kind == PartyKind::Person && !super::sig::brand_like(n) {
        return None;
    }
    let house = super::sig::house_number(&n.addr_key)?;
    let last = n.name_key.rsplit(' ').next()?;
    Some(h(10, &(house, n.province.map(|p| p.key), last)))
}

/// A person's house number, the first word of its street and the given name: «Nguễyn Thùy
/// Tiên» at «231/2 đường Phạm Văn Thuận - TP. Biên Hòa» meets «Nguyễn Thùy Tiên» at «231/2 Phạm
/// Văn Thuận, P. Quyết Thắng, Biên Hòa», where neither the family name nor the address key
/// is one (see `score::slipped_into_no_syllable`).
fn person_house_key(n: &Norm) -> Option<u64> {
    let (house, street) = house_and_street(n)?;
    Some(h(11, &(house, street, n.given())))
}

/// A row's house number and the first word of its street after it (a street's type left
/// out): the place the persons' house keys share.
fn house_and_street(n: &Norm) -> Option<(&str, &str)> {
    let house = super::sig::house_number(&n.addr_key)?;
    let mut after = n.addr_key.split(' ').skip_while(|&w| w != house).skip(1);
    let street = after.find(|w| !matches!(*w, "duong" | "pho" | "d" | "so"))?;
    Some((house, street))
}

/// A person's house number, the first word of its street, the family and the middle name: a
/// given name slipped into no syllable at one house («Hoàng Thị Oah», «Hoang Thi Oanh»; «Trần
/// Đức Tun», «Trần Đức Tuấn») meets its customer, where no other key is one. Names of three
/// words or more.
fn person_house_middle_key(n: &Norm) -> Option<u64> {
    let (family, rest) = n.name_key.split_once(' ')?;
    let (middle, _) = rest.rsplit_once(' ')?;
    let (house, street) = house_and_street(n)?;
    Some(h(12, &(house, street, family, middle)))
}

/// A person's name of three words or more as it reads turned to family name first, when it
/// may have been typed given name first (a web form's «Tùng Lê Thanh», «Dung Pham Van» for «Lê
/// Thanh Tùng», «Phạm Văn Dũng»): its second word is a family name (given, family, middle) and
/// its first is none, or is one but the second is seldom a middle name; or only its last is a
/// family name (given, middle, family). In the name keys' block it meets the name typed
/// the Vietnamese way; the scorer decides (`score::given_first`). A name may be read so that
/// was not typed so («Nguyễn Lê Minh»): one more block, no merge by itself.
fn given_first_order(key: &str) -> Option<String> {
    given_first_turn(key).map(|[head, middle, given]| match middle {
        "" => format!("{head} {given}"),
        _ => format!("{head} {middle} {given}"),
    })
}

/// [`given_first_order`]'s words, not yet joined (the count of keys asks only whether there
/// are any).
fn given_first_turn(key: &str) -> Option<[&str; 3]> {
    use crate::normalize::name::is_common_family;
    /// Family names seldom given as a middle name: after another family name they still say
    /// the name may be typed given name first («Ha Tran Thi»: Hà is a family name too). Not
    /// «Hoàng», «Đinh» (Đình), «Mai», «Hà»: «Nguyễn Hoàng Nam» is typed the Vietnamese way.
    const FAMILY_ONLY: &[&str] = &[
        "bui", "dang", "do", "duong", "huynh", "le", "ngo", "nguyen", "pham", "phan", "tran",
        "truong", "vo", "vu",
    ];
    let (first, rest) = key.split_once(' ')?;
    // Three words at least.
    let (second, _) = rest.split_once(' ')?;
    let first_family = is_common_family(first);
    if is_common_family(second) {
        return (!first_family || FAMILY_ONLY.binary_search(&second).is_ok())
            .then_some([rest, "", first]);
    }
    if first_family {
        return None;
    }
    let (middle, last) = rest.rsplit_once(' ')?;
    is_common_family(last).then_some([last, middle, first])
}

/// The block key of an organisation's contact person named by a whole name ("Nguyễn Việt
/// Hoan"): two rows of one company written two ways ("Cty Delta Việt Nam", "Công ty CP Thiết
/// bị Y tế Delta Việt Nam") meet at the person the office deals with there (see
/// `score::contact_person`). A given name alone ("Chị Lan") is no key.
fn contact_key(n: &Norm) -> Option<u64> {
    if n.contact.is_empty() {
        return None;
    }
    crate::normalize::name::whole_contact_key(&n.contact).map(|k| h(8, k.as_str()))
}

/// Block keys of one row.
fn keys(n: &Norm, out: &mut Vec<u64>) {
    for p in &n.phones {
        out.push(h(1, &p.key));
    }
    for e in &n.emails {
        out.push(h(2, email::match_form(e).as_ref()));
    }
    if let Some(t) = &n.tax {
        out.push(h(3, t.as_str()));
    }
    if n.name_key.is_empty() {
        return;
    }
    // A misspelt company name ("Đức Dươngg") meets its company at the company's own mail
    // domain, or at its house.
    out.extend(org_domain_key(n));
    if n.kind == PartyKind::Org {
        out.extend(contact_key(n));
        out.extend(org_house_key(n));
    }
    out.extend(org_house_word_key(n));
    out.push(h(4, n.name_key.as_str()));
    if let Some(core) = shop_core_key(n) {
        out.push(h(4, core));
    }
    if let Some(core) = trade_core_key(n) {
        out.push(h(4, core));
    }
    if n.kind == PartyKind::Person && !n.given().is_empty() {
        // Family + given: survives a dropped or changed middle name ("Nguyễn Văn An" / "Nguyễn An").
        out.push(h(FAMILY_GIVEN, &(n.family(), n.given())));
        if let Some(turned) = given_first_order(&n.name_key) {
            out.push(h(4, turned.as_str()));
        }
        if !n.addr_key.is_empty() {
            // Same street address, same given name: survives typos in the family/middle names.
            out.push(h(6, &(n.addr_key.as_str(), n.given())));
        }
        out.extend(person_house_key(n));
        out.extend(person_house_middle_key(n));
    }
}

/// All candidate pairs, each once, packed as `a << 32 | b` with `a < b` (see [`unpack`]): a
/// million-row run has tens of millions of them, so they are not copied into tuples, and both
/// big vectors here are allocated once at their exact size (growing them, or gathering
/// per-thread pieces, would double the match stage's peak memory).
pub fn candidate_pairs(rows: &[Norm]) -> Vec<u64> {
    let mut entries: Vec<(u64, u32)> = collect_exact(rows, key_count, |i, n, out| {
        let mut ks = Vec::with_capacity(8);
        keys(n, &mut ks);
        for k in ks {
            out((k, i as u32));
        }
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
    let mut pairs: Vec<u64> = collect_exact(
        &groups,
        |g| block_pair_count(rows, g),
        |_, g, out| block_pairs(rows, g, out),
    );
    drop(groups);
    drop(entries);
    pairs.par_sort_unstable();
    // Left at its size: a shrunk copy would be fresh memory the size of the deduplicated
    // pairs, the old one freed a moment later (memory first touched costs more than it holds).
    pairs.dedup();
    pairs
}

/// Items per parallel task in [`collect_exact`].
const CHUNK: usize = 4096;

/// Runs `emit` over `items` in parallel, writing its outputs, in item order, into one vector
/// allocated at the exact total; `count` must say how many outputs `emit` gives for an item.
fn collect_exact<I: Sync, T: Copy + Default + Send>(
    items: &[I],
    count: impl Fn(&I) -> usize + Sync,
    emit: impl Fn(usize, &I, &mut dyn FnMut(T)) + Sync,
) -> Vec<T> {
    let per_chunk: Vec<usize> = items
        .par_chunks(CHUNK)
        .map(|c| c.iter().map(&count).sum())
        .collect();
    // Filled on every core: a new page costs its first writer a kernel fault (about a second
    // a gigabyte on the machines measured), and `vec!` would take all of them on this thread.
    let total = per_chunk.iter().sum();
    let mut out = Vec::with_capacity(total);
    out.par_extend(rayon::iter::repeat_n(T::default(), total));
    let mut slices: Vec<&mut [T]> = Vec::with_capacity(per_chunk.len());
    let mut rest = out.as_mut_slice();
    for &n in &per_chunk {
        let (head, tail) = rest.split_at_mut(n);
        slices.push(head);
        rest = tail;
    }
    slices
        .into_par_iter()
        .zip(items.par_chunks(CHUNK))
        .enumerate()
        .for_each(|(ci, (slice, chunk))| {
            let mut pos = 0;
            for (j, item) in chunk.iter().enumerate() {
                emit(ci * CHUNK + j, item, &mut |v| {
                    slice[pos] = v;
                    pos += 1;
                });
            }
            assert_eq!(pos, slice.len(), "count and emit disagree");
        });
    out
}

pub fn unpack(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

fn pack(a: u32, b: u32) -> u64 {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    ((a as u64) << 32) | b as u64
}

/// Number of pairs [`block_pairs`] makes for the block `g`.
fn block_pair_count(rows: &[Norm], g: &[(u64, u32)]) -> usize {
    let len = g.len();
    if len <= FULL_BLOCK {
        len * len.saturating_sub(1) / 2
    } else {
        big_block_orders(rows, g) * (0..len).map(|i| WINDOW.min(len - 1 - i)).sum::<usize>()
    }
}

/// In how many sorted orders the rows of a big block meet their neighbours ([`block_pairs`]):
/// - none for a family name with a given name shared by more than [`FULL_BLOCK`] rows («Nguyễn
///   Anh»): so common a name joins nothing by itself, and what would join two of its rows (a
///   phone, an email, one house under one given name, one address) is a key of its own. At 1M
///   generated rows these blocks made 4 of the 8.9 million candidate pairs, and leaving them
///   out changed no customer and no question on the review sheet, there or on generator F;
/// - one when its rows share one name or one address (the two orders are then the same);
/// - two otherwise: by name, then address, and by address, then name.
fn big_block_orders(rows: &[Norm], g: &[(u64, u32)]) -> usize {
    if kind(g[0].0) == FAMILY_GIVEN {
        return 0;
    }
    let all_same = |field: fn(&Norm) -> &str| {
        let first = field(&rows[g[0].1 as usize]);
        g.iter().all(|&(_, r)| field(&rows[r as usize]) == first)
    };
    if all_same(|n| n.name_key.as_str()) || all_same(|n| n.addr_key.as_str()) {
        1
    } else {
        2
    }
}

fn block_pairs(rows: &[Norm], g: &[(u64, u32)], out: &mut dyn FnMut(u64)) {
    if g.len() <= FULL_BLOCK {
        for i in 0..g.len() {
            for j in i + 1..g.len() {
                out(pack(g[i].1, g[j].1));
            }
        }
        return;
    }
    // Sorted neighbourhood inside a big block, on two orders so that rows close in either the
    // name or the address meet. Each key is ranked once (most blocks share one of the two:
    // a name block has one name, an address block one address, and need no sort for it); the
    // two orders are then sorts of plain numbers, not of strings.
    let orders = big_block_orders(rows, g);
    if orders == 0 {
        return;
    }
    let names = ranks(g.iter().map(|&(_, r)| rows[r as usize].name_key.as_str()));
    let addrs = ranks(g.iter().map(|&(_, r)| rows[r as usize].addr_key.as_str()));
    let mut keyed: Vec<u128> = Vec::with_capacity(g.len());
    // With one order, the first: the value all rows share ranks them all alike.
    for order in 0..orders {
        keyed.clear();
        keyed.extend(g.iter().enumerate().map(|(i, &(_, r))| {
            let (first, second) = if order == 0 {
                (names[i], addrs[i])
            } else {
                (addrs[i], names[i])
            };
            (u128::from(first) << 64) | (u128::from(second) << 32) | u128::from(r)
        }));
        keyed.sort_unstable();
        for i in 0..keyed.len() {
            for j in i + 1..(i + 1 + WINDOW).min(keyed.len()) {
                out(pack(keyed[i] as u32, keyed[j] as u32));
            }
        }
    }
}

/// Each value's rank among the distinct values, in byte order ("an" 0, "binh" 1, "an" 0):
/// sorting by ranks is sorting by the values.
fn ranks<'a>(values: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let values: Vec<&str> = values.collect();
    let mut rank = vec![0u32; values.len()];
    if values.windows(2).all(|w| w[0] == w[1]) {
        return rank;
    }
    // The first eight bytes as a number order most pairs without comparing the strings (a
    // shorter value is padded with zeros, which keeps the byte order).
    let mut order: Vec<(u64, u32)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut head = [0u8; 8];
            let n = v.len().min(8);
            head[..n].copy_from_slice(&v.as_bytes()[..n]);
            (u64::from_be_bytes(head), i as u32)
        })
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| values[a.1 as usize].cmp(values[b.1 as usize]))
    });
    let mut r = 0;
    for k in 1..order.len() {
        let (prev, cur) = (order[k - 1].1 as usize, order[k].1 as usize);
        if order[k - 1].0 != order[k].0 || values[prev] != values[cur] {
            r += 1;
        }
        rank[cur] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RawRow, Role};
    use crate::normalize::{normalize_row, Context};

    #[test]
    fn pair_count_matches_the_pairs_made() {
        let ctx = Context::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let row = |i: u32, name: String, addr: String| {
            let mut r = RawRow::new(0, i);
            r.push(Role::Name, &name);
            r.push(Role::Address, &addr);
            normalize_row(&r, i, &ctx, &mut Vec::new())
        };
        // Names differ, addresses alike (none); names alike, addresses differ; both differ.
        let sets: [Vec<Norm>; 3] = [
            (0..60)
                .map(|i| row(i, format!("Nguyễn Văn An {}", i % 7), String::new()))
                .collect(),
            (0..60)
                .map(|i| row(i, "Nguyễn Văn An".into(), format!("{} Lê Lợi, Huế", i % 9)))
                .collect(),
            (0..60)
                .map(|i| {
                    let name = format!("Nguyễn Văn An {}", i % 7);
                    row(i, name, format!("{} Lê Lợi, Huế", i % 9))
                })
                .collect(),
        ];
        for rows in &sets {
            for key in [h(4, "an"), h(FAMILY_GIVEN, "an")] {
                for len in 0..60 {
                    let g: Vec<(u64, u32)> = (0..len as u32).map(|i| (key, i)).collect();
                    let mut n = 0;
                    block_pairs(rows, &g, &mut |_| n += 1);
                    assert_eq!(n, block_pair_count(rows, &g), "block of {len}");
                }
            }
        }
    }

    #[test]
    fn a_common_family_and_given_name_pairs_nothing_by_itself() {
        let ctx = Context::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let rows: Vec<Norm> = (0..40u32)
            .map(|i| {
                let mut r = RawRow::new(0, i);
                let middle = ["Văn", "Minh", "Đức", "Quang"][i as usize % 4];
                r.push(Role::Name, &format!("Nguyễn {middle} An"));
                r.push(Role::Address, &format!("{} Lê Lợi, Huế", i));
                normalize_row(&r, i, &ctx, &mut Vec::new())
            })
            .collect();
        let pairs_of = |len: u32, key: u64| {
            let g: Vec<(u64, u32)> = (0..len).map(|i| (key, i)).collect();
            let mut n = 0;
            block_pairs(&rows, &g, &mut |_| n += 1);
            n
        };
        let key = h(FAMILY_GIVEN, &("nguyen", "an"));
        assert_eq!(kind(key), FAMILY_GIVEN);
        // A small block pairs everyone; a big one nobody.
        assert_eq!(
            pairs_of(FULL_BLOCK as u32, key),
            FULL_BLOCK * (FULL_BLOCK - 1) / 2
        );
        assert_eq!(pairs_of(40, key), 0);
        // Another key's big block still meets its neighbours, in two orders.
        assert!(pairs_of(40, h(6, "an")) > 40 * WINDOW);
    }

    #[test]
    fn ranks_follow_the_byte_order() {
        let values = [
            "nguyen van an",
            "an",
            "",
            "nguyen van an",
            "nguyen van",
            "nguyen van anh",
            "an\0",
            "ăn",
            "an",
        ];
        let r = ranks(values.iter().copied());
        for i in 0..values.len() {
            for j in 0..values.len() {
                assert_eq!(r[i].cmp(&r[j]), values[i].cmp(values[j]), "{i} {j}");
            }
        }
        assert_eq!(r.iter().max(), Some(&6));
        assert_eq!(ranks(["x", "x", "x"].into_iter()), vec![0, 0, 0]);
        assert!(ranks(std::iter::empty()).is_empty());
    }

    /// The candidate pairs of rows made from `specs` ([`crate::normalize::test_rows`]), after
    /// checking that each row's key count is the number of its keys.
    fn pairs_of(specs: &[&str]) -> Vec<(u32, u32)> {
        let rows = crate::normalize::test_rows(specs);
        for (n, spec) in rows.iter().zip(specs) {
            let mut ks = Vec::new();
            keys(n, &mut ks);
            assert_eq!(key_count(n), ks.len(), "{spec}");
        }
        candidate_pairs(&rows).into_iter().map(unpack).collect()
    }

    #[test]
    fn key_count_is_the_number_of_keys() {
        let specs = [
            "Nguyễn Văn An|0912345678, 024 3825 1234|an@x.vn|12 Lê Lợi, Q.1|",
            "Hùng||||",
            "Công ty TNHH Đức Huy|0283822123||5 Trần Phú|0101248141",
            "Công ty TNHH Đức Huy|0283822123|ketoan@duchuy.com.vn, duchuy@gmail.com|5 Trần Phú|",
            "|0912345678|||",
            "||a@b.vn, c@d.vn|||",
            "Tùng Lê Thanh|||195/19 Bạch Đằng, Quận 3, TP.HCM|",
            "Tung Thanh Le||||",
        ];
        for (n, spec) in crate::normalize::test_rows(&specs).iter().zip(specs) {
            let mut ks = Vec::new();
            keys(n, &mut ks);
            assert_eq!(key_count(n), ks.len(), "{spec}");
        }
    }

    /// A name typed given name first, as a web form's first-name field puts it, meets the
    /// name typed family name first (either way the family name follows); a name written the
    /// Vietnamese way makes no turned key.
    #[test]
    fn a_name_typed_given_first_meets_itself() {
        let specs = [
            "Lê Thanh Tùng|0917988848||195/19 Đường Bạch Đằng, Phường 2, Quận 3, TP.HCM|",
            "Tùng Lê Thanh|||195/19 Bạch Đằng, quận 3, Thành phố Hồ Chí Minh|",
            "Tung Thanh Le|||12 Hai Bà Trưng, Hà Nội|",
            "Phạm Văn Dũng|0912345678|||",
            "Dung Pham Van||||",
        ];
        let pairs = pairs_of(&specs);
        for p in [(0, 1), (0, 2), (1, 2), (3, 4)] {
            assert!(pairs.contains(&p), "{p:?}: {pairs:?}");
        }
        assert_eq!(
            given_first_order("tung le thanh").as_deref(),
            Some("le thanh tung")
        );
        assert_eq!(
            given_first_order("tung thanh le").as_deref(),
            Some("le thanh tung")
        );
        assert_eq!(given_first_order("le thanh tung"), None);
        // A given name that is a family name too, before a family name seldom a middle one.
        assert_eq!(
            given_first_order("ha tran thi").as_deref(),
            Some("tran thi ha")
        );
        // «Hoàng» is a middle name as often: «Nguyễn Hoàng Nam» is typed family name first.
        assert_eq!(given_first_order("nguyen hoang nam"), None);
        assert_eq!(given_first_order("tung le"), None);
    }

    #[test]
    fn a_company_written_two_ways_meets_itself_at_its_contact_person() {
        let specs = [
            "Cty Delta Việt Nam|||||Nguyễn Việt Hoan",
            "Công ty CP Thiết bị Y tế Delta Việt Nam|||||Anh Nguyễn Việt Hoan (Kinh doanh)",
            "Công ty CP Hoa Mai|||||Chị Lan",
            "Công ty CP Sao Mai|||||Chị Lan",
        ];
        let pairs = pairs_of(&specs);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(!pairs.contains(&(2, 3)), "a given name alone: {pairs:?}");
    }

    #[test]
    fn a_shop_meets_itself_without_its_shop_words() {
        let specs = [
            "Cửa hàng Tạp hóa Golden Star|0968949859|||",
            "Tạp hóa Golden Star|0985365407|||",
            "Golden Star|0985365408|||",
            "Cửa hàng Minh|0985365409|||",
        ];
        let pairs = pairs_of(&specs);
        assert!(
            pairs.contains(&(0, 1)) && pairs.contains(&(0, 2)),
            "{pairs:?}"
        );
    }

    /// A company with and without the business words its name starts with meets itself in
    /// one hamlet, where no house number brings them together; another brand does not.
    #[test]
    fn a_company_meets_itself_without_its_business_words_in_a_hamlet() {
        let pairs = pairs_of(&[
            "Cty TNHH Cát Lợi|028-60226088||Ấp Tân Hòa, Xã Vĩnh Lộc A, Huyện Bình Chánh, TP. Hồ Chí Minh|",
            "Công ty TNHH Điện tử Cát Lợi|091 336 2954||Ấp Tân Hòa - X. Vĩnh Lộc A - Huyện Bình Chánh - TP HCM|",
            "Công ty TNHH Điện tử Cát Tường|091 336 2955||Ấp Tân Hòa - X. Vĩnh Lộc A - Huyện Bình Chánh - TP HCM|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(!pairs.contains(&(0, 2)), "another brand: {pairs:?}");
    }

    #[test]
    fn a_misspelt_person_meets_itself_at_the_house_and_street() {
        let pairs = pairs_of(&[
            "Nguyễn Thùy Tiên|0986 238 177||231/2 Đ. Phạm Văn Thuận, P. Quyết Thắng, Biên Hòa, Tỉnh Đồng Nai|",
            "Nguễyn Thùy Tiên|||231/2 đường Phạm Văn Thuận - TP. Biên Hòa - Đồng Nai|",
            "Nguễyn Thùy Tiên|||231/2 Lê Lợi - TP. Biên Hòa - Đồng Nai|",
            "Nguễyn Thùy Lan|||231/2 đường Phạm Văn Thuận - TP. Biên Hòa - Đồng Nai|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(!pairs.contains(&(0, 2)), "another street: {pairs:?}");
        assert!(!pairs.contains(&(0, 3)), "another given name: {pairs:?}");
        // A given name slipped, the family and middle names as written: the middle's key.
        let pairs = pairs_of(&[
            "Hoàng Thị Oah|0983847438||262 Quốc Hương, TP. Thủ Đức, TP. Hồ Chí Minh|",
            "Hoang Thi Oanh|(028) 3510 5030|oanhht90@gmal.com|So 262 D. Quoc Huong, P.Hiep Binh Chanh, TP. Thu Duc, TP HCM|",
            "Hoàng Oah|0983847439||262 Quốc Hương, TP. Thủ Đức, TP. Hồ Chí Minh|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(!pairs.contains(&(1, 2)), "no middle name: {pairs:?}");
    }

    /// A company's name typed bare («ĐỨC VIỆT», read as a person's) meets the company at its
    /// house; a person's name does not (an honorific, a common family name).
    #[test]
    fn a_company_typed_bare_meets_its_company_at_its_house() {
        let pairs = pairs_of(&[
            "ĐỨC VIỆT|+84994716458||Số 204 Phố Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
            "CTY TNHH THƯƠNG MẠI VÀ DỊCH VỤ ĐỨC VIỆT|024 3833 8587||Số 204 Đ. Khương Trung - Phường Khương Đình - Q. Thanh Xuân - Ha Noi|0141110598",
            "Anh Đức Việt|0994716459||Số 204 Phố Khương Trung, Phường Khương Đình, Q. Thanh Xuân, Hà Nội|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(!pairs.contains(&(1, 2)), "a person: {pairs:?}");
    }

    #[test]
    fn a_misspelt_company_meets_its_company_at_its_domain() {
        let pairs = pairs_of(&[
            "CTY TNHH Duc Duongg|024.3902.7210|duong.pv@ducduong.com.vn||",
            "Cong ty TNHH Duc Duong|091 944 1252|info@ducduong.com.vn||",
            "Nguyễn Văn Anh|0912345678|anh@ducduong.com.vn||",
            "Công ty CP Hoa Mai|0987654321|hoamai@gmail.com||",
            "Công ty CP Sao Mai|0987654322|saomai@gmail.com||",
            "Trí Hà|(0263) 6467 710|admin@trihajsc.vn||",
            "CÔNG TY TNHH MTV CÔNG NGHỆ TRÍ HÀ|0974824227|toan.lm@trihajsc.vn||",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        // A company's name typed bare, read as a person's, is the company's there.
        assert!(pairs.contains(&(5, 6)), "{pairs:?}");
        // A person's mailbox at the company's domain is no key; nor is a public mail service.
        assert!(
            !pairs.contains(&(0, 2)) && !pairs.contains(&(1, 2)),
            "{pairs:?}"
        );
        assert!(!pairs.contains(&(3, 4)), "{pairs:?}");
    }

    #[test]
    fn a_misspelt_company_meets_its_company_at_its_house() {
        let pairs = pairs_of(&[
            "Công ty TNHH Thiết bị Y tế Lnog Việt|02513781162||210 Đường 30 Tháng 4, P. Tân Hiệp, TP. Biên Hòa, Đồng Nai|",
            "Công ty TNHH Thiết bị Y tế Long Việt|84848414892||210 đường 30 Tháng 4, Phường Tân Hiệp, TP. Biên Hòa, Tỉnh Đồng Nai|",
            "Công ty TNHH Y tế Long Việt|84848414893||210 đường 30 Tháng 4, Phường Tân Hiệp, TP. Biên Hòa, Tỉnh Đồng Nai|",
            "Công ty TNHH Thiết bị Y tế Lnog Việt|02513781163||Ấp 2, Huyện Trảng Bom, Đồng Nai|",
            "Công ty TNHH Thiết bị Y tế Lnog Việt|02513781164||Ấp 2, Huyện Trảng Bom, Đồng Nai|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        assert!(pairs.contains(&(0, 2)), "{pairs:?}");
        // A hamlet (no house) is no key.
        assert!(!pairs.contains(&(1, 3)), "{pairs:?}");
    }

    #[test]
    fn a_company_meets_itself_at_its_house_written_another_way() {
        let pairs = pairs_of(&[
            "Cty Cổ phần DV Unity Việt Nam|0234.3594.087||267 Điện Biên Phủ, Phường Xuân Phú, TP. Huế, Huế|",
            "Công ty Cổ phần Unity Việt Nam|0901193693||Số 267 đường Điện Biên Phủ, P. Xuân Phú, Huế|",
            "Công ty Cổ phần Sông Hồng Việt Nam|0901193694||Số 267 đường Điện Biên Phủ, Quận 1, TP. Hồ Chí Minh|",
        ]);
        assert!(pairs.contains(&(0, 1)), "{pairs:?}");
        // Another province's house of that number is no key.
        assert!(!pairs.contains(&(0, 2)), "{pairs:?}");
    }

    #[test]
    fn exact_collection_keeps_item_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let out: Vec<u64> = collect_exact(
            &items,
            |&i| i % 3,
            |idx, &i, out| {
                for k in 0..i % 3 {
                    out((idx * 10 + k) as u64);
                }
            },
        );
        let want: Vec<u64> = items
            .iter()
            .flat_map(|&i| (0..i % 3).map(move |k| (i * 10 + k) as u64))
            .collect();
        assert_eq!(out, want);
    }
}
