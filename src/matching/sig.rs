//! Match signatures: what the `score` module compares for a row, as 64-bit hashes and small
//! numbers packed into two cache lines.
//!
//! Scoring a million-row ledger compares millions of candidate pairs whose second row is
//! anywhere in memory. Reading a [`Norm`] for each meant a dozen cache misses per pair (the
//! record spans five lines, its phones, emails and address key live on the heap); a signature is
//! one aligned 128-byte block, so a pair costs one or two. The strings are still read, from the
//! `Norm`, for the comparisons a hash cannot answer — typo distance, Jaro–Winkler, reordered
//! words, one street written two ways — and only after the cheap tests say they can matter.
//!
//! Equal hashes stand for equal strings. The hash is XXH3-64: for the ~10⁸ comparisons of a
//! million-row run the chance that two different strings collide anywhere is about 10⁻¹¹.

use crate::normalize::address::Province;
use crate::normalize::name::{Gender, PartyKind};
use crate::normalize::taxcode::TaxCode;
use crate::normalize::Norm;
use rayon::prelude::*;

/// Emails and phones kept inline; rows with more are compared on their `Norm`.
pub const EMAILS: usize = 2;
pub const PHONES: usize = 3;
/// Marks a mobile in [`Sig::phones`] (phone keys use fewer than 40 bits).
const MOBILE: u64 = 1 << 63;

#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
pub struct Sig {
    /// Name key; 0 when the row has none.
    pub name: u64,
    /// Persons: the given name (last syllable). Organisations: the brand (last two words of
    /// the name key; 0 with fewer than two).
    pub given_or_brand: u64,
    /// Persons: the family name (0 for a one-word name). Organisations: the branch label
    /// (0 when none).
    pub family_or_branch: u64,
    /// Address key; 0 when none.
    pub addr: u64,
    /// House number at the start of the address key; 0 when none.
    pub house: u64,
    /// Tax code, kind included; 0 when none.
    pub tax: u64,
    pub emails: [u64; EMAILS],
    /// Organisations, and persons whose name could be a company's typed bare ([`brand_like`]):
    /// the first of their emails' own company domain ("quanganh.com.vn"; no public mail
    /// service), hashed to 32 bits (the signature stays two cache lines; two domains collide
    /// once in four billion pairs, and an equal domain only adds to a name and an address); 0
    /// when none, and for other persons.
    pub domain: u32,
    /// Organisations: their contact person's whole name ([`whole_contact_key`]), hashed to 32
    /// bits as the domain is (it only adds to a name and an address); 0 when none.
    ///
    /// [`whole_contact_key`]: crate::normalize::name::whole_contact_key
    pub contact: u32,
    /// Phone keys, [`MOBILE`] set on mobiles.
    pub phones: [u64; PHONES],
    pub province: Option<&'static Province>,
    /// The name key's words as a multiset (a sum of their hashes, 32 bits): two names whose
    /// words are the same in another order have equal sums, so unequal sums skip the
    /// word-by-word check (equal ones still make it).
    pub words: u32,
    /// The house number of the address the row's goods go to, when it has a contact address
    /// too and they differ ([`delivery_house`]), hashed as `house` is and cut to 32 bits (the
    /// addresses are compared whole when it meets another row's house); 0 when none.
    pub delivery: u32,
    /// Weight of an identical person name (how rare it is in the data).
    pub name_w: f32,
    pub kind: PartyKind,
    /// Lengths in bytes, saturating at 255 (then the strings decide).
    pub name_len: u8,
    pub given_len: u8,
    pub family_len: u8,
    pub syllables: u8,
    pub n_emails: u8,
    pub n_phones: u8,
    /// [`HAS_MOBILE`], [`ADDR_DELIVERY`], [`TRADE_NAME_SHARED`] (one byte: the signature stays
    /// two cache lines); read through the methods of the same names.
    pub bits: u8,
    /// A person's gender when the name says it (an honorific, a Văn or Thị).
    pub gender: Option<Gender>,
    /// The mailbox name's length (before the @) of each inline email, saturating at 255: two
    /// that differ by more than a letter are no slip of the keys (see
    /// `score::mailbox_slip`), read without the records.
    pub mailbox_len: [u8; EMAILS],
}

/// [`Sig::bits`]: the row has a mobile.
pub const HAS_MOBILE: u8 = 1;
/// [`Sig::bits`]: the address key is the delivery address's (the row has no contact address):
/// it may confirm another row's address, and differing from it says nothing.
pub const ADDR_DELIVERY: u8 = 2;
/// [`Sig::bits`]: an organisation's name is an enterprise's written without what it does
/// («Công ty CP Nam Tài»), and the book holds that legal form and trade name for two companies
/// or more (two tax codes, or two trades neither within the other: «CP Vật liệu Xây dựng Nam
/// Tài», «CP Nội thất Nam Tài»): the name may be either's, so it is no registered name by
/// itself ([`shared_trade_names`]).
pub const TRADE_NAME_SHARED: u8 = 4;

impl Sig {
    pub fn has_mobile(&self) -> bool {
        self.bits & HAS_MOBILE != 0
    }
    pub fn addr_delivery(&self) -> bool {
        self.bits & ADDR_DELIVERY != 0
    }
    pub fn trade_name_shared(&self) -> bool {
        self.bits & TRADE_NAME_SHARED != 0
    }
}

/// XXH3 of a string; 0 only for the empty string, so equal hashes mean equal strings and
/// 0 means "none" (see the module doc).
pub fn hash(s: &str) -> u64 {
    if s.is_empty() {
        0
    } else {
        xxhash_rust::xxh3::xxh3_64(s.as_bytes()).max(1)
    }
}

fn hash_opt(s: Option<&str>) -> u64 {
    match s {
        None => 0,
        Some(s) => xxhash_rust::xxh3::xxh3_64_with_seed(s.as_bytes(), 1).max(1),
    }
}

fn tax_hash(t: &TaxCode) -> u64 {
    let seed = match t {
        TaxCode::Enterprise(_) => 2,
        TaxCode::Branch(_) => 3,
        TaxCode::Personal(_) => 4,
    };
    xxhash_rust::xxh3::xxh3_64_with_seed(t.as_str().as_bytes(), seed).max(1)
}

fn len8(s: &str) -> u8 {
    s.len().min(255) as u8
}

/// A shop's name key without the shop words it starts with ("cua hang tap hoa golden star" →
/// "golden star"): the clerk who writes «Tạp hóa Golden Star» or «Golden Star» for «Cửa hàng
/// Tạp hóa Golden Star» names one shop. The key itself when it has no such start, or when
/// fewer than two words would be left.
pub fn shop_core(key: &str) -> &str {
    let core = without_shop_words(key);
    if core.contains(' ') {
        core
    } else {
        key
    }
}

/// Whether a name key starts with a shop's words («cua hang», «tap hoa», «tiem»).
pub fn is_shop(key: &str) -> bool {
    without_shop_words(key).len() < key.len()
}

/// A key without the shop words it starts with, however many.
fn without_shop_words(key: &str) -> &str {
    let mut core = key;
    while let Some(rest) = ["cua hang ", "tap hoa ", "tiem "]
        .iter()
        .find_map(|w| core.strip_prefix(w))
    {
        core = rest;
    }
    core
}

/// A company's name key without its shop words and the business words it starts with
/// ([`crate::normalize::name::leading_trades`]), and the trades those words name; the key
/// itself, and none, when nothing would be left.
pub fn trade_core(key: &str) -> (&str, crate::normalize::name::Trades) {
    let core = without_shop_words(key);
    let words: smallvec::SmallVec<[&str; 12]> = core.split(' ').collect();
    let (used, trades) = crate::normalize::name::leading_trades(&words);
    if used == words.len() {
        return (key, smallvec::SmallVec::new());
    }
    let start: usize = words[..used].iter().map(|w| w.len() + 1).sum();
    (&core[start..], trades)
}

/// The last two words of a name key, when it has two or more ("tp duc huy" → "duc huy").
pub fn brand(key: &str) -> Option<&str> {
    let mut spaces = key.rmatch_indices(' ');
    spaces.next()?;
    Some(match spaces.next() {
        Some((i, _)) => &key[i + 1..],
        None => key,
    })
}

/// The first token with a digit, when it comes before the street name ("218", "12/3a"). The
/// number of a hamlet, a neighbourhood or a ward ("Thôn 3", "Ấp 2", "Tổ 5", "Quận 3") is the
/// place of many houses, not one.
pub fn house_number(addr_key: &str) -> Option<&str> {
    const UNITS: &[&str] = &[
        "thon", "ap", "xom", "to", "khom", "doi", "ban", "khu", "kp", "khoi", "cum", "lang",
        "buon", "soc", "phuong", "quan", "p", "q", "xa", "tt", "huyen",
    ];
    let mut words = addr_key.split(' ');
    let first = words.next()?;
    let number = |t: &str| t.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if number(first) {
        return Some(first);
    }
    words
        .next()
        .filter(|&t| number(t) && !UNITS.contains(&first))
}

/// The address key's hash, the province it lies in at its end: an address that leaves its
/// province out («Ấp 4, Xã Bắc Sơn, Huyện Trảng Bom») is the one that writes it («…, Tỉnh Đồng
/// Nai») when its district implies it. (The key itself keeps what was written.)
fn addr_hash(key: &str, province: Option<&Province>) -> u64 {
    if key.is_empty() {
        return 0;
    }
    match province {
        Some(p) if !key.ends_with(p.key) => {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(key.as_bytes());
            h.update(b" ");
            h.update(p.key.as_bytes());
            h.digest().max(1)
        }
        _ => hash(key),
    }
}

/// The house number a row's delivery address starts with, as its key would have it ("226/12",
/// "7b"; a house in a lane as the key writes it, "Số 50, Ngõ 262" as "50/262", "10 hẻm 433"
/// as "433/10"), read from the display without parsing it again: when the row has a contact
/// address too and the two differ.
fn delivery_house(n: &Norm) -> Option<std::borrow::Cow<'_, str>> {
    if n.address.is_empty() || n.delivery.is_empty() || n.delivery == n.address {
        return None;
    }
    let mut words = n
        .delivery
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let number = if matches!(first, "Số" | "số" | "So" | "so" | "SỐ" | "SO") {
        words.next()?
    } else {
        first
    };
    let number = number.trim_end_matches(['.', '-', ';']);
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/')
    {
        return None;
    }
    let plain = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if plain(number) {
        let lane_word = words.next().map(str::to_lowercase);
        let lane = words.next().map(|w| w.trim_end_matches(['.', '-', ';']));
        if let (Some(kind), Some(lane)) = (lane_word, lane.filter(|l| plain(l))) {
            match kind.as_str() {
                "ngõ" | "ngo" | "ng." => return Some(format!("{number}/{lane}").into()),
                "hẻm" | "hem" | "h." => return Some(format!("{lane}/{number}").into()),
                _ => {}
            }
        }
    }
    Some(if number.bytes().any(|b| b.is_ascii_uppercase()) {
        number.to_ascii_lowercase().into()
    } else {
        number.into()
    })
}

/// A hash's low 32 bits, 0 kept for "none" (see [`Sig::delivery`]).
pub fn low32(h: u64) -> u32 {
    if h == 0 {
        0
    } else {
        (h as u32).max(1)
    }
}

/// A person's name that could be a company's typed without its legal form ("Thuan Khang"
/// beside «thai.lq@thuankhang.vn»): no honorific, no Văn or Thị, no common family name first.
/// Its mailbox at a company's own domain is the company's as much as an employee's.
pub(crate) fn brand_like(n: &Norm) -> bool {
    n.honorific().is_none()
        && n.gender.is_none()
        && !crate::normalize::name::is_common_family(n.family())
}

impl Sig {
    /// `name_w`: the weight of this row's name when another row has the same one.
    pub fn new(n: &Norm, name_w: f32) -> Sig {
        let person = n.kind == PartyKind::Person;
        let (given_or_brand, family_or_branch) = if person {
            (hash(n.given()), hash(n.family()))
        } else {
            (hash(brand(&n.name_key).unwrap_or("")), hash_opt(n.branch()))
        };
        let mut emails = [0; EMAILS];
        for (e, s) in emails.iter_mut().zip(&n.emails) {
            *e = hash(&crate::normalize::email::match_form(s));
        }
        let mut mailbox_len = [0u8; EMAILS];
        for (l, e) in mailbox_len.iter_mut().zip(&n.emails) {
            *l = e
                .rsplit_once('@')
                .map_or(0, |(local, _)| local.len().min(255) as u8);
        }
        let mut phones = [0; PHONES];
        for (k, p) in phones.iter_mut().zip(&n.phones) {
            *k = p.key | if p.mobile { MOBILE } else { 0 };
        }
        Sig {
            name: hash(&n.name_key),
            given_or_brand,
            family_or_branch,
            addr: addr_hash(&n.addr_key, n.province),
            house: hash(house_number(&n.addr_key).unwrap_or("")),
            tax: n.tax.as_ref().map_or(0, tax_hash),
            emails,
            domain: if person && !brand_like(n) {
                0
            } else {
                crate::normalize::email::first_company_domain(&n.emails, |d| {
                    (hash(d) as u32).max(1)
                })
                .unwrap_or(0)
            },
            contact: if person || n.contact.is_empty() {
                0
            } else {
                crate::normalize::name::whole_contact_key(&n.contact)
                    .map_or(0, |k| (hash(&k) as u32).max(1))
            },
            phones,
            province: n.province,
            words: n.name_key.split(' ').fold(0u32, |acc, w| {
                acc.wrapping_add(xxhash_rust::xxh3::xxh3_64(w.as_bytes()) as u32)
            }),
            delivery: low32(hash(delivery_house(n).as_deref().unwrap_or(""))),
            name_w,
            kind: n.kind,
            name_len: len8(&n.name_key),
            given_len: len8(n.given()),
            family_len: len8(n.family()),
            syllables: n.syllables().min(255) as u8,
            n_emails: n.emails.len().min(255) as u8,
            n_phones: n.phones.len().min(255) as u8,
            bits: if n.phones.iter().any(|p| p.mobile) {
                HAS_MOBILE
            } else {
                0
            } | if n.address.is_empty() && !n.addr_key.is_empty() {
                ADDR_DELIVERY
            } else {
                0
            },
            gender: n.gender.filter(|_| person),
            mailbox_len,
        }
    }

    /// Whether one of the two rows' emails may be the other's typed with a slip of the keys:
    /// mailbox names of six bytes or more, a byte apart in length at most (always, when a row
    /// has more emails than fit inline).
    pub fn mailbox_slip_possible(&self, o: &Sig) -> bool {
        if usize::from(self.n_emails) > EMAILS || usize::from(o.n_emails) > EMAILS {
            return true;
        }
        let ours = &self.mailbox_len[..usize::from(self.n_emails)];
        let theirs = &o.mailbox_len[..usize::from(o.n_emails)];
        ours.iter()
            .any(|&a| theirs.iter().any(|&b| a.min(b) >= 6 && a.abs_diff(b) <= 1))
    }

    /// Whether the two rows share an email, or `None` when one has more than fit inline.
    pub fn share_email(&self, o: &Sig) -> Option<bool> {
        if self.n_emails as usize > EMAILS || o.n_emails as usize > EMAILS {
            return None;
        }
        let b = &o.emails[..o.n_emails as usize];
        Some(
            self.emails[..self.n_emails as usize]
                .iter()
                .any(|e| b.contains(e)),
        )
    }

    /// Whether a phone of this row of the given kind (mobile or not) is among the other row's
    /// phones, or `None` when one has more than fit inline.
    pub fn share_phone(&self, o: &Sig, mobile: bool) -> Option<bool> {
        if self.n_phones as usize > PHONES || o.n_phones as usize > PHONES {
            return None;
        }
        let b = &o.phones[..o.n_phones as usize];
        Some(
            self.phones[..self.n_phones as usize]
                .iter()
                .filter(|&&p| (p & MOBILE != 0) == mobile)
                .any(|&p| b.iter().any(|&q| q & !MOBILE == p & !MOBILE)),
        )
    }
}

/// Signatures of all rows, each person's same-name weight from how often its name occurs
/// among the person rows (as `score::Stats` weighs it, counted here on the name
/// hashes in parallel instead of in one map).
pub fn build(rows: &[Norm]) -> Vec<Sig> {
    let mut sigs: Vec<Sig> = rows.par_iter().map(|n| Sig::new(n, 0.0)).collect();
    let mut names: Vec<u64> = sigs
        .par_iter()
        .filter(|s| s.kind == PartyKind::Person && s.name != 0)
        .map(|s| s.name)
        .collect();
    let persons = names.len().max(1) as f32;
    names.par_sort_unstable();
    let mut freq: Vec<(u64, u32)> = Vec::new();
    for h in names {
        match freq.last_mut() {
            Some((last, n)) if *last == h => *n += 1,
            _ => freq.push((h, 1)),
        }
    }
    sigs.par_iter_mut().for_each(|s| {
        let f = freq
            .binary_search_by_key(&s.name, |e| e.0)
            .map_or(1, |i| freq[i].1);
        s.name_w = name_weight(persons, f);
    });
    for r in shared_trade_names(rows) {
        sigs[r as usize].bits |= TRADE_NAME_SHARED;
    }
    sigs
}

/// The rows of organisations named by an enterprise's legal form and a trade name without
/// what the company does («Công ty Cổ phần Nam Tài»), when the book writes that form and trade
/// name for two companies or more: under two tax codes (head offices'), or with two trades
/// neither within the other («Vật liệu Xây dựng», «Nội thất»). A name registered once in the
/// country is the whole name, trade included; written without it, it is any of them.
pub fn shared_trade_names(rows: &[Norm]) -> Vec<u32> {
    use crate::normalize::name::is_enterprise_form;
    type Trades = smallvec::SmallVec<[u64; 4]>;
    // Each row read on both cores: its form and trade name (hashed), its trades, its head
    // office's tax code, whether it is written without trades; sorted by form and trade name.
    let mut read: Vec<(u64, u32, Trades, u64, bool)> = rows
        .par_iter()
        .enumerate()
        .filter_map(|(r, n)| {
            let form = n
                .legal_form()
                .filter(|f| n.kind == PartyKind::Org && is_enterprise_form(f))?;
            let (core, trades) = trade_core(&n.name_key);
            let mut set: Trades = trades
                .iter()
                .map(|t| t.iter().fold(0u64, |h, w| h.rotate_left(7) ^ hash(w)))
                .collect();
            set.sort_unstable();
            set.dedup();
            let tax = n
                .tax
                .as_ref()
                .filter(|_| n.branch().is_none())
                .map_or(0, |t| hash(t.parent()));
            let bare = set.is_empty() && core == n.name_key.as_str();
            Some((
                hash(form) ^ hash(core).rotate_left(17),
                r as u32,
                set,
                tax,
                bare,
            ))
        })
        .collect();
    read.par_sort_unstable_by_key(|x| x.0);
    let within = |a: &[u64], b: &[u64]| a.iter().all(|x| b.contains(x));
    let mut out: Vec<u32> = Vec::new();
    for group in read.chunk_by(|x, y| x.0 == y.0) {
        if group.len() < 2 || !group.iter().any(|x| x.4) {
            continue;
        }
        let mut taxes: smallvec::SmallVec<[u64; 2]> = smallvec::SmallVec::new();
        let mut sets: smallvec::SmallVec<[&[u64]; 4]> = smallvec::SmallVec::new();
        let mut shared = false;
        for (_, _, set, tax, _) in group {
            if !set.is_empty() {
                shared |= sets.iter().any(|o| !within(o, set) && !within(set, o));
                if !sets.contains(&set.as_slice()) {
                    sets.push(set);
                }
            }
            if *tax != 0 && !taxes.contains(tax) {
                taxes.push(*tax);
            }
            shared |= taxes.len() > 1;
            if shared {
                break;
            }
        }
        if shared {
            out.extend(group.iter().filter(|x| x.4).map(|x| x.1));
        }
    }
    out.sort_unstable();
    out
}

/// The weight of an identical person name held by `freq` of `persons` person rows.
pub fn name_weight(persons: f32, freq: u32) -> f32 {
    (persons / freq.max(1) as f32)
        .log2()
        .clamp(super::weights::NAME_SAME_MIN, super::weights::NAME_SAME_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The house a delivery address starts with is read as the other rows' keys write their
    /// houses: a lane's house as a slash, a letter in lower case; none when the delivery is
    /// the contact address.
    #[test]
    fn a_delivery_address_house_as_the_keys_write_it() {
        let rows = crate::normalize::test_rows(&[
            "Trần Thanh Dũng|0367331103||Số 105, Thôn Thượng, Xã Kim Chung, Huyện Đông Anh, Hà Nội|||Số 50, Ngõ 262, Khuất Duy Tiến, P. Khương Trung, Quận Thanh Xuân, Hà Nội",
            "trần thanh dũng|024.3633.8282||50 ng. 262 đường Khuất Duy Tiến, Phường Khương Trung, Q. Thanh Xuân, Hà Nội||",
            "Lê Văn Hùng|0912345678||12 Lê Lợi, Hà Nội|||7B Hàng Bài, Hoàn Kiếm, Hà Nội",
            "Lê Văn Hùng|0912345678||7b Hàng Bài, Hoàn Kiếm, Hà Nội||",
            "Lê Văn Hùng|0912345678||12 Lê Lợi, Hà Nội|||Như trên",
        ]);
        let sig = |i: usize| Sig::new(&rows[i], 2.0);
        assert_eq!(sig(0).delivery, low32(sig(1).house), "a lane's house");
        assert_ne!(sig(0).delivery, 0);
        assert_eq!(sig(2).delivery, low32(sig(3).house), "a letter");
        assert_eq!(sig(4).delivery, 0, "the contact address");
    }

    #[test]
    fn a_shops_name_without_its_shop_words() {
        assert_eq!(shop_core("cua hang tap hoa golden star"), "golden star");
        assert_eq!(shop_core("tap hoa golden star"), "golden star");
        assert_eq!(
            shop_core("cua hang vat lieu xay dung diep tien"),
            "vat lieu xay dung diep tien"
        );
        // Nothing to take off, or one word left: the key itself.
        assert_eq!(shop_core("golden star"), "golden star");
        assert_eq!(shop_core("cua hang minh"), "cua hang minh");
        assert_eq!(shop_core("hang minh tien"), "hang minh tien");
    }

    #[test]
    fn hashes_keep_empty_apart_from_every_string() {
        assert_eq!(hash(""), 0);
        assert_ne!(hash("a"), 0);
        assert_eq!(hash("nguyen van an"), hash("nguyen van an"));
        assert_ne!(hash("nguyen van an"), hash("nguyen van anh"));
        assert_eq!(hash_opt(None), 0);
        assert_ne!(hash_opt(Some("")), 0);
    }

    #[test]
    fn a_hamlet_or_a_ward_number_is_no_house_number() {
        assert_eq!(house_number("218 doi can ba dinh ha noi"), Some("218"));
        assert_eq!(house_number("can 12/3a le loi"), Some("12/3a"));
        for key in [
            "thon 3 thi tran lim tien du bac ninh",
            "ap 2 xa bac son",
            "quan 3 ho chi minh",
        ] {
            assert_eq!(house_number(key), None, "{key}");
        }
    }

    #[test]
    fn brand_is_the_last_two_words() {
        assert_eq!(brand("tp duc huy"), Some("duc huy"));
        assert_eq!(brand("duc huy"), Some("duc huy"));
        assert_eq!(brand("huy"), None);
        assert_eq!(brand(""), None);
    }

    #[test]
    fn tax_codes_of_different_kinds_hash_apart() {
        let a = TaxCode::Enterprise("0101248141".into());
        let b = TaxCode::Personal("0101248141".into());
        assert_ne!(tax_hash(&a), tax_hash(&b));
        assert_eq!(tax_hash(&a), tax_hash(&a.clone()));
    }

    #[test]
    fn name_weights_are_the_stats_weights() {
        let rows = crate::normalize::test_rows(&[
            "Nguyễn Văn An|0912345678",
            "Nguyễn Văn An|0912345678",
            "Nguyễn Văn An|0912345678",
            "Trần Thị Mai|0912345678",
            "Trần Thị Mai|0912345678",
            "Lê Hùng|0912345678",
            "Công ty TNHH Nguyễn Văn An|0912345678",
            "|0912345678",
            "Phạm Thu Hạnh|0912345678",
        ]);
        let stats = super::super::score::Stats::new(&rows);
        for (n, s) in rows.iter().zip(build(&rows)) {
            if n.kind == PartyKind::Person {
                assert_eq!(s.name_w, stats.same_name_weight(&n.name_key), "{}", n.name);
            }
        }
    }

    #[test]
    fn a_signature_is_two_cache_lines() {
        assert_eq!(std::mem::size_of::<Sig>(), 128);
    }
}
