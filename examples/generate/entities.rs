//! The real customers (persons and organisations, with their numbers and addresses) and the
//! hard negatives: different customers a careless matcher would merge.

use std::collections::HashSet;
use std::hash::Hash;

use rand::rngs::StdRng;
use rand::Rng;

use crate::tables::{
    pick, wpick, Dist, BIZ, BRAND_FIXED, BRAND_SYL, COMMON_NAMES, EMAIL_DOMAINS, FAMILY, FORMS,
    GIVEN_F, GIVEN_M, K_HUYEN, K_QUAN, MID_F, MID_M, MOBILE_PREFIXES, ORG_MAIL_LOCAL, PROVS, T,
};
use crate::text::{fold, hash_of};

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Person {
    pub(crate) female: bool,
    pub(crate) family: u8,
    /// Indexes into MID_F / MID_M; u8::MAX when absent.
    pub(crate) mid: [u8; 2],
    pub(crate) given: u8,
}

impl Person {
    pub(crate) fn family(&self) -> &'static str {
        FAMILY[self.family as usize].0
    }
    pub(crate) fn mid(&self, k: usize) -> Option<&'static str> {
        let i = self.mid[k];
        if i == u8::MAX {
            return None;
        }
        Some(if self.female {
            MID_F[i as usize].0
        } else {
            MID_M[i as usize].0
        })
    }
    pub(crate) fn given(&self) -> &'static str {
        if self.female {
            GIVEN_F[self.given as usize]
        } else {
            GIVEN_M[self.given as usize]
        }
    }
    pub(crate) fn full(&self) -> String {
        let mut s = String::with_capacity(32);
        s.push_str(self.family());
        for k in 0..2 {
            if let Some(m) = self.mid(k) {
                s.push(' ');
                s.push_str(m);
            }
        }
        s.push(' ');
        s.push_str(self.given());
        s
    }
}

pub(crate) struct Org {
    pub(crate) form: u8,
    pub(crate) biz: u8,
    pub(crate) brand: Box<str>,
    /// Province index of a branch ("Chi nhánh <province> - …"); None for a head office.
    pub(crate) branch: Option<u8>,
    pub(crate) domain: Option<Box<str>>,
    pub(crate) contact: Person,
}

impl Org {
    pub(crate) fn full(&self) -> String {
        let mut s = String::with_capacity(64);
        if let Some(p) = self.branch {
            s.push_str("Chi nhánh ");
            s.push_str(PROVS[p as usize].canon);
            s.push_str(" - ");
        }
        s.push_str(FORMS[self.form as usize].canon);
        for w in BIZ[self.biz as usize].0 {
            s.push(' ');
            s.push_str(w);
        }
        s.push(' ');
        s.push_str(&self.brand);
        s
    }
}

pub(crate) enum Kind {
    Person(Person),
    Org(Box<Org>),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Addr {
    pub(crate) prov: u8,
    pub(crate) dist: u8,
    pub(crate) ward: u8,
    pub(crate) street: u8,
    pub(crate) num: u16,
    pub(crate) sub: u16,
    pub(crate) letter: u8,
    /// 0 plain "123", 1 hẻm "45/12", 2 ngõ "Số 15 ngõ 120", 3 letter "12A".
    pub(crate) style: u8,
}

pub(crate) const G_NONE: u8 = 0;
pub(crate) const G_NAMESAKE: u8 = 1;
pub(crate) const G_FAMILY: u8 = 2;
pub(crate) const G_BRANCH: u8 = 3;
pub(crate) const G_SIMILAR: u8 = 4;
pub(crate) const GROUP_NAMES: [&str; 5] = ["", "namesake", "family", "branch", "similar_name"];

pub(crate) struct Entity {
    pub(crate) kind: Kind,
    /// National number without the leading 0 (9 digits); 0 when none.
    pub(crate) mobile: u32,
    /// The number used before the customer changed it; 0 when unchanged.
    pub(crate) mobile_prev: u32,
    /// Landline as (province, subscriber number); shared within a family.
    pub(crate) land: Option<(u8, u32)>,
    pub(crate) email: Option<Box<str>>,
    /// 10-digit enterprise tax code (value); 0 when none.
    pub(crate) mst: u64,
    /// Branch number of a dependent unit (MST-00N); 0 for the head office.
    pub(crate) mst_branch: u16,
    /// 12-digit personal identification number used as tax code by a household business.
    pub(crate) pid: u64,
    pub(crate) addr: Addr,
    pub(crate) addr_prev: Option<Addr>,
    pub(crate) group: u32,
    pub(crate) group_kind: u8,
    pub(crate) rows: u8,
}

impl Entity {
    pub(crate) fn is_org(&self) -> bool {
        matches!(self.kind, Kind::Org(_))
    }
    pub(crate) fn name(&self) -> String {
        match &self.kind {
            Kind::Person(p) => p.full(),
            Kind::Org(o) => o.full(),
        }
    }
    pub(crate) fn has_tax_code(&self) -> bool {
        self.mst != 0 || self.pid != 0
    }
    pub(crate) fn tax_code(&self) -> String {
        if self.mst != 0 {
            if self.mst_branch != 0 {
                format!("{:010}-{:03}", self.mst, self.mst_branch)
            } else {
                format!("{:010}", self.mst)
            }
        } else if self.pid != 0 {
            format!("{:012}", self.pid)
        } else {
            String::new()
        }
    }
}

pub(crate) fn land_digits(land: (u8, u32), old: bool) -> String {
    let p = &PROVS[land.0 as usize];
    let sub_len = 10 - p.tel_new.len();
    let code = if old { p.tel_old } else { p.tel_new };
    format!("{code}{:0width$}", land.1, width = sub_len)
}

pub(crate) fn canon_addr(a: &Addr) -> String {
    let p = &PROVS[a.prov as usize];
    let dist = &p.dists[a.dist as usize];
    let mut s = String::with_capacity(80);
    house(&mut s, a, 0);
    s.push(' ');
    s.push_str(p.streets[a.street as usize]);
    s.push_str(", ");
    s.push_str(ward_kind(dist));
    s.push(' ');
    push_ward(&mut s, dist, a.ward);
    s.push_str(", ");
    s.push_str(dist_kind(dist));
    s.push(' ');
    s.push_str(dist.name);
    s.push_str(", ");
    s.push_str(p.canon);
    s
}

pub(crate) fn ward_kind(d: &Dist) -> &'static str {
    if d.kind == K_HUYEN {
        "Xã"
    } else {
        "Phường"
    }
}

pub(crate) fn dist_kind(d: &Dist) -> &'static str {
    match d.kind {
        K_QUAN => "Quận",
        K_HUYEN => "Huyện",
        _ => "Thành phố",
    }
}

pub(crate) fn push_ward(s: &mut String, d: &Dist, w: u8) {
    if d.numbered > 0 {
        s.push_str(&(w as u32 + 1).to_string());
    } else {
        s.push_str(d.wards[w as usize]);
    }
}

/// House part; `variant` 0 is canonical, others are the ways clerks shorten it.
pub(crate) fn house(s: &mut String, a: &Addr, variant: u8) {
    match a.style {
        1 => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&format!("{}/{}", a.num, a.sub));
        }
        2 => match variant {
            1 => s.push_str(&format!("{} ngõ {}", a.num, a.sub)),
            2 => s.push_str(&format!("số {}, ngõ {}", a.num, a.sub)),
            3 => s.push_str(&format!("{} ng.{}", a.num, a.sub)),
            _ => s.push_str(&format!("Số {} ngõ {}", a.num, a.sub)),
        },
        3 => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&format!("{}{}", a.num, (b'A' + a.letter) as char));
        }
        _ => {
            if variant == 2 {
                s.push_str("Số ");
            }
            s.push_str(&a.num.to_string());
        }
    }
}

// ───────────────────────────── entity generation ─────────────────────────────

pub(crate) struct Gen {
    pub(crate) rng: StdRng,
    pub(crate) phones: HashSet<u64>,
    pub(crate) emails: HashSet<u64>,
    pub(crate) taxes: HashSet<u64>,
    pub(crate) name_addr: HashSet<u64>,
    pub(crate) brands: HashSet<u64>,
    pub(crate) d_person: f64,
    pub(crate) d_org: f64,
}

impl Gen {
    pub(crate) fn person_parts(&mut self, female: bool) -> Person {
        let rng = &mut self.rng;
        let family = T.family.pick(rng) as u8;
        let (mid_t, n_mid) = if female {
            (&T.mid_f, wpick(rng, &[2.0, 78.0, 20.0]))
        } else {
            (&T.mid_m, wpick(rng, &[3.0, 85.0, 12.0]))
        };
        let mut mid = [u8::MAX; 2];
        if n_mid >= 1 {
            mid[0] = mid_t.pick(rng) as u8;
        }
        if n_mid == 2 {
            if female && rng.random_bool(0.7) {
                mid[0] = 0; // "Thị" + a second middle name: Nguyễn Thị Ngọc Anh
            }
            loop {
                let m = mid_t.pick(rng) as u8;
                if m != mid[0] && m != 0 {
                    mid[1] = m;
                    break;
                }
            }
        }
        let mids: Vec<&str> = mid
            .iter()
            .filter(|&&m| m != u8::MAX)
            .map(|&m| {
                if female {
                    MID_F[m as usize].0
                } else {
                    MID_M[m as usize].0
                }
            })
            .collect();
        // "Nguyễn Quang Quang" does not happen: the given name differs from the middle names.
        let given = loop {
            let g = if female {
                T.given_f.pick(rng)
            } else {
                T.given_m.pick(rng)
            };
            let gs = if female { GIVEN_F[g] } else { GIVEN_M[g] };
            if !mids.contains(&gs) {
                break g as u8;
            }
        };
        Person {
            female,
            family,
            mid,
            given,
        }
    }

    pub(crate) fn addr(&mut self, prov: u8) -> Addr {
        let rng = &mut self.rng;
        let p = &PROVS[prov as usize];
        let dist = rng.random_range(0..p.dists.len()) as u8;
        let dd = &p.dists[dist as usize];
        let nwards = if dd.numbered > 0 {
            dd.numbered as usize
        } else {
            dd.wards.len()
        };
        let ward = rng.random_range(0..nwards) as u8;
        let street = rng.random_range(0..p.streets.len()) as u8;
        // House numbers skew low: most streets are short.
        let num = (rng.random::<f64>().powi(2) * 400.0) as u16 + 1;
        let style = match p.alley {
            1 => [0, 0, 0, 1, 1, 3][rng.random_range(0..6)],
            2 => [0, 0, 2, 2, 2, 3][rng.random_range(0..6)],
            _ => [0, 0, 0, 0, 1, 3][rng.random_range(0..6)],
        };
        let sub = rng.random_range(1..150);
        let letter = rng.random_range(0..4);
        Addr {
            prov,
            dist,
            ward,
            street,
            num,
            sub,
            letter,
            style,
        }
    }

    pub(crate) fn new_mobile(&mut self) -> u32 {
        loop {
            let (prefix, _, _) = MOBILE_PREFIXES[T.mobile.pick(&mut self.rng)];
            // libphonenumber ranges: 089 is followed by 6–9, 099 by anything but 2.
            let first = match prefix {
                89 => self.rng.random_range(6..10),
                99 => pick(&mut self.rng, &[0, 1, 3, 4, 5, 6, 7, 8, 9]),
                _ => self.rng.random_range(0..10),
            };
            let n = prefix * 10_000_000 + first * 1_000_000 + self.rng.random_range(0..1_000_000);
            if self.phones.insert(n as u64) {
                return n;
            }
        }
    }

    pub(crate) fn new_land(&mut self, prov: u8) -> (u8, u32) {
        let p = &PROVS[prov as usize];
        let sub_len = 10 - p.tel_new.len() as u32;
        loop {
            let first = pick(&mut self.rng, &[3, 3, 3, 3, 3, 3, 3, 6, 6, 2, 8]);
            let rest = self.rng.random_range(0..10u32.pow(sub_len - 1));
            let sub = first * 10u32.pow(sub_len - 1) + rest;
            let key: u64 = land_digits((prov, sub), false).parse().unwrap_or(0);
            if self.phones.insert(key) {
                return (prov, sub);
            }
        }
    }

    pub(crate) fn new_mst(&mut self, prov: u8) -> u64 {
        let pre = PROVS[prov as usize].mst.as_bytes();
        loop {
            let mut dgt = [0u32; 9];
            dgt[0] = (pre[0] - b'0') as u32;
            dgt[1] = (pre[1] - b'0') as u32;
            for x in dgt.iter_mut().skip(2) {
                *x = self.rng.random_range(0..10);
            }
            let Some(check) = mst_check_digit(&dgt) else {
                continue;
            };
            let v = dgt.iter().fold(0u64, |a, &x| a * 10 + x as u64) * 10 + check as u64;
            if self.taxes.insert(v) {
                return v;
            }
        }
    }

    pub(crate) fn new_pid(&mut self, prov: u8, female: bool) -> u64 {
        let code: u64 = PROVS[prov as usize].cccd.parse().unwrap_or(1);
        loop {
            let year = self.rng.random_range(1960..2004u64);
            let century = if year >= 2000 { 2 } else { 0 } + u64::from(female);
            let v = code * 1_000_000_000
                + century * 100_000_000
                + (year % 100) * 1_000_000
                + self.rng.random_range(0..1_000_000);
            if self.taxes.insert(v) {
                return v;
            }
        }
    }

    pub(crate) fn unique_email(&mut self, local: &str, domain: &str) -> Box<str> {
        let mut candidate = format!("{local}@{domain}");
        let mut tries = 0;
        while !self.emails.insert(hash_of(&candidate)) {
            tries += 1;
            let n: u32 = if tries < 4 {
                self.rng.random_range(1..100)
            } else {
                self.rng.random_range(100..100_000)
            };
            candidate = format!("{local}{n}@{domain}");
        }
        candidate.into_boxed_str()
    }

    pub(crate) fn person_email(&mut self, p: &Person) -> Box<str> {
        let (mids, givens) = if p.female {
            (&T.mid_f_ascii, &T.given_f_ascii)
        } else {
            (&T.mid_m_ascii, &T.given_m_ascii)
        };
        let f = &T.family_ascii[p.family as usize];
        let g = &givens[p.given as usize];
        let m = if p.mid[0] == u8::MAX {
            ""
        } else {
            &mids[p.mid[0] as usize]
        };
        let rng = &mut self.rng;
        let yy = rng.random_range(60..106) % 100;
        let f0 = &f[..1];
        let m0 = m.get(..1).unwrap_or("");
        let local = match wpick(rng, &[22.0, 20.0, 14.0, 12.0, 8.0, 12.0, 6.0, 6.0]) {
            0 => format!("{g}.{f}{yy:02}"),
            1 => format!("{f}{m}{g}"),
            2 => format!("{g}{f0}{m0}"),
            3 => format!("{f}{g}{}", 1900 + if yy < 10 { yy + 100 } else { yy }),
            4 => format!("{g}_{f}"),
            5 => format!("{g}{f}{yy:02}"),
            6 => format!("{f}.{g}"),
            _ => format!("{g}{m}{f}"),
        };
        let domain = EMAIL_DOMAINS[T.domains.pick(rng)].0;
        self.unique_email(&local, domain)
    }

    pub(crate) fn brand(&mut self) -> Box<str> {
        loop {
            let b = if self.rng.random_bool(0.25) {
                pick(&mut self.rng, BRAND_FIXED).to_string()
            } else {
                let a = pick(&mut self.rng, BRAND_SYL);
                let mut b = pick(&mut self.rng, BRAND_SYL);
                while b == a {
                    b = pick(&mut self.rng, BRAND_SYL);
                }
                if self.rng.random_bool(0.15) {
                    let mut c = pick(&mut self.rng, BRAND_SYL);
                    while c == a || c == b {
                        c = pick(&mut self.rng, BRAND_SYL);
                    }
                    format!("{a} {b} {c}")
                } else {
                    format!("{a} {b}")
                }
            };
            // Fixed brands repeat by design (different companies, different MST); generated
            // ones are kept mostly distinct so accidental look-alikes stay rare.
            if self.brands.insert(hash_of(&b)) || self.rng.random_bool(0.1) {
                return b.into_boxed_str();
            }
        }
    }

    pub(crate) fn org_email(&mut self, brand: &str, domain: &mut Option<Box<str>>) -> Box<str> {
        let base: String = fold(brand)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if domain.is_none() && self.rng.random_bool(0.6) {
            let tld = pick(&mut self.rng, &[".vn", ".com.vn", ".com", ".vn", ".com.vn"]);
            let mut dom = format!("{base}{tld}");
            let mut tries = 0;
            while !self.emails.insert(hash_of(("domain", &dom))) {
                tries += 1;
                let suffix = pick(
                    &mut self.rng,
                    &["corp", "group", "tm", "jsc", "co", "vn", "hcm", "hn"],
                );
                dom = if tries < 3 {
                    format!("{base}{suffix}{tld}")
                } else {
                    format!("{base}{}{tld}", self.rng.random_range(1..1000))
                };
            }
            *domain = Some(dom.into_boxed_str());
        }
        if let Some(dom) = domain.clone() {
            let local = pick(&mut self.rng, ORG_MAIL_LOCAL);
            return self.unique_email(local, &dom);
        }
        let local = match self.rng.random_range(0..3) {
            0 => format!("{base}.co"),
            1 => format!("cty{base}"),
            _ => base.clone(),
        };
        self.unique_email(&local, "gmail.com")
    }

    pub(crate) fn sample_k(&mut self, org: bool) -> u8 {
        let d = if org { self.d_org } else { self.d_person };
        if self.rng.random_bool(d.clamp(0.0, 1.0)) {
            2 + wpick(&mut self.rng, &[50.0, 25.0, 13.0, 7.0, 5.0]) as u8
        } else {
            1
        }
    }

    /// A person; `name`/`addr`/`land` are forced for hard-negative siblings.
    pub(crate) fn person(
        &mut self,
        name: Option<Person>,
        addr: Option<Addr>,
        land: Option<(u8, u32)>,
    ) -> Entity {
        let female = name.map_or_else(|| self.rng.random_bool(0.5), |p| p.female);
        let mut p = name.unwrap_or_else(|| self.person_parts(female));
        let forced_addr = addr.is_some();
        let mut a = addr.unwrap_or_else(|| {
            let prov = T.prov.pick(&mut self.rng) as u8;
            self.addr(prov)
        });
        // Two different people with the same full name never share an address here, so
        // "same full name + same address" stays a clue the truth can rely on.
        let mut tries = 0;
        while !self
            .name_addr
            .insert(hash_of((fold(&p.full()).to_lowercase(), a)))
        {
            tries += 1;
            if forced_addr || tries > 20 {
                p = self.person_parts(female);
            } else {
                a = self.addr(a.prov);
            }
        }
        let rng = &mut self.rng;
        let has_mobile = rng.random_bool(0.97);
        let changed = rng.random_bool(0.08);
        let has_land = land.is_some() || rng.random_bool(0.10);
        let has_email = rng.random_bool(0.6);
        let has_pid = rng.random_bool(0.03);
        let moved = !forced_addr && rng.random_bool(0.08);
        let mobile = if has_mobile || land.is_none() && !has_land {
            self.new_mobile()
        } else {
            0
        };
        let mobile_prev = if mobile != 0 && changed {
            self.new_mobile()
        } else {
            0
        };
        let land = match land {
            Some(l) => Some(l),
            None if has_land => Some(self.new_land(a.prov)),
            None => None,
        };
        let email = has_email.then(|| self.person_email(&p));
        let pid = if has_pid {
            self.new_pid(a.prov, p.female)
        } else {
            0
        };
        let addr_prev = if moved {
            let prov = if self.rng.random_bool(0.6) {
                a.prov
            } else {
                T.prov.pick(&mut self.rng) as u8
            };
            Some(self.addr(prov))
        } else {
            None
        };
        Entity {
            kind: Kind::Person(p),
            mobile,
            mobile_prev,
            land,
            email,
            mst: 0,
            mst_branch: 0,
            pid,
            addr: a,
            addr_prev,
            group: 0,
            group_kind: G_NONE,
            rows: 0,
        }
    }

    /// An organisation; `like` copies the name parts (branch or look-alike), `branch_no` > 0
    /// makes it dependent unit number `branch_no` of that head office's MST.
    pub(crate) fn org(
        &mut self,
        like: Option<(&Org, u64)>,
        branch_no: u16,
        avoid_prov: Option<u8>,
    ) -> Entity {
        let prov = loop {
            let p = T.prov_org.pick(&mut self.rng) as u8;
            // A branch sits in another province than its head office.
            if Some(p) != avoid_prov {
                break p;
            }
        };
        let (form, biz, brand, mut domain) = match like {
            Some((o, _)) if branch_no > 0 => (o.form, o.biz, o.brand.clone(), o.domain.clone()),
            Some((o, _)) => self.look_alike_name(o),
            None => self.new_org_name(),
        };
        let mut a = self.addr(prov);
        let key_name = |brand: &str| format!("{form}/{biz}/{brand}/{branch_no}");
        while !self.name_addr.insert(hash_of((key_name(&brand), a))) {
            a = self.addr(prov);
        }
        let female = self.rng.random_bool(0.55);
        let contact = self.person_parts(female);
        let rng = &mut self.rng;
        let has_land = rng.random_bool(0.75);
        let has_mobile = !has_land || rng.random_bool(0.6);
        let changed = rng.random_bool(0.04);
        let has_email = rng.random_bool(0.8);
        let moved = rng.random_bool(0.04);
        let land = has_land.then(|| self.new_land(prov));
        let mobile = if has_mobile { self.new_mobile() } else { 0 };
        let mobile_prev = if mobile != 0 && changed {
            self.new_mobile()
        } else {
            0
        };
        let (mst, mst_branch) = match like {
            Some((_, head_mst)) if branch_no > 0 => (head_mst, branch_no),
            _ => (self.new_mst(prov), 0),
        };
        let email = has_email.then(|| self.org_entity_email(prov, branch_no, &brand, &mut domain));
        let addr_prev = moved.then(|| self.addr(prov));
        Entity {
            kind: Kind::Org(Box::new(Org {
                form,
                biz,
                brand,
                branch: (branch_no > 0).then_some(prov),
                domain,
                contact,
            })),
            mobile,
            mobile_prev,
            land,
            email,
            mst,
            mst_branch,
            pid: 0,
            addr: a,
            addr_prev,
            group: 0,
            group_kind: G_NONE,
            rows: 0,
        }
    }

    /// Name parts (form, business line, brand, domain) of a look-alike of `o`: same brand,
    /// another legal form or business line, or one more syllable.
    fn look_alike_name(&mut self, o: &Org) -> (u8, u8, Box<str>, Option<Box<str>>) {
        let mut form = o.form;
        let mut biz = o.biz;
        let mut brand = o.brand.clone();
        match self.rng.random_range(0..3) {
            0 => {
                while form == o.form {
                    form = T.forms.pick(&mut self.rng) as u8;
                }
            }
            1 => {
                while biz == o.biz {
                    biz = T.biz.pick(&mut self.rng) as u8;
                }
            }
            _ => {
                brand = format!("{} {}", o.brand, pick(&mut self.rng, BRAND_SYL)).into_boxed_str();
            }
        }
        (form, biz, brand, None)
    }

    /// Name parts (form, business line, brand, domain) of a new organisation.
    fn new_org_name(&mut self) -> (u8, u8, Box<str>, Option<Box<str>>) {
        let form = T.forms.pick(&mut self.rng) as u8;
        let canon = FORMS[form as usize].canon;
        let biz = if canon == "Doanh nghiệp tư nhân" && self.rng.random_bool(0.6) {
            0
        } else if canon == "Hợp tác xã" {
            let i = pick(&mut self.rng, &[2usize, 1, 0, 3]);
            let htx: [&[&str]; 4] = [
                &["Nông nghiệp"],
                &["Dịch vụ", "Nông nghiệp"],
                &["Thủy sản"],
                &["Vận tải"],
            ];
            BIZ.iter().position(|b| b.0 == htx[i]).unwrap_or(0) as u8
        } else {
            T.biz.pick(&mut self.rng) as u8
        };
        (form, biz, self.brand(), None)
    }

    /// The e-mail of an organisation: a branch on its head office's domain writes from
    /// `cn<province>@`, others get one from `org_email`.
    fn org_entity_email(
        &mut self,
        prov: u8,
        branch_no: u16,
        brand: &str,
        domain: &mut Option<Box<str>>,
    ) -> Box<str> {
        if branch_no > 0 {
            if let Some(dom) = domain.clone() {
                let local = format!(
                    "cn{}",
                    fold(PROVS[prov as usize].name)
                        .to_lowercase()
                        .replace([' ', '-'], "")
                );
                return self.unique_email(&local, &dom);
            }
        }
        self.org_email(brand, domain)
    }

    /// Hard-negative siblings: different customers a careless matcher would merge.
    pub(crate) fn group(&mut self, kind: u8) -> Vec<Entity> {
        let n = if self.rng.random_bool(0.75) { 2 } else { 3 };
        let mut out = match kind {
            G_NAMESAKE => self.namesakes(n),
            G_FAMILY => self.family(n),
            G_BRANCH => self.org_siblings(n, true),
            _ => self.org_siblings(n, false),
        };
        for e in out.iter_mut() {
            e.group_kind = kind;
        }
        out
    }

    /// `n` people with one very common full name, half of them in the same province.
    fn namesakes(&mut self, n: usize) -> Vec<Entity> {
        let (female, fam, mid, given) = pick(&mut self.rng, COMMON_NAMES);
        let p = Person {
            female,
            family: FAMILY.iter().position(|x| x.0 == fam).unwrap_or(0) as u8,
            mid: [
                (if female { MID_F } else { MID_M })
                    .iter()
                    .position(|x| x.0 == mid)
                    .unwrap_or(0) as u8,
                u8::MAX,
            ],
            given: (if female { GIVEN_F } else { GIVEN_M })
                .iter()
                .position(|x| *x == given)
                .unwrap_or(0) as u8,
        };
        let prov = T.prov.pick(&mut self.rng) as u8;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            // Half of the namesakes live in the same province: harder to tell apart.
            let pv = if self.rng.random_bool(0.5) {
                prov
            } else {
                T.prov.pick(&mut self.rng) as u8
            };
            let a = self.addr(pv);
            out.push(self.person(Some(p), Some(a), None));
        }
        out
    }

    /// `n` members of a household: one address and one landline, different given names.
    fn family(&mut self, n: usize) -> Vec<Entity> {
        let prov = T.prov.pick(&mut self.rng) as u8;
        let a = self.addr(prov);
        let land = self.new_land(prov);
        let female = self.rng.random_bool(0.5);
        let first = self.person_parts(female);
        let mut used = vec![(first.female, first.given)];
        let mut out = Vec::with_capacity(n);
        out.push(self.person(Some(first), Some(a), Some(land)));
        for _ in 1..n {
            let female = self.rng.random_bool(0.5);
            let mut p = self.person_parts(female);
            // Children and siblings share the family name; a spouse keeps her own.
            if self.rng.random_bool(0.65) {
                p.family = first.family;
            }
            while used.contains(&(p.female, p.given)) {
                p.given = if female {
                    T.given_f.pick(&mut self.rng)
                } else {
                    T.given_m.pick(&mut self.rng)
                } as u8;
            }
            used.push((p.female, p.given));
            out.push(self.person(Some(p), Some(a), Some(land)));
        }
        out
    }

    /// A company and `n - 1` others like it: its branches in other provinces (same MST with
    /// a branch number) when `branches`, else look-alike companies.
    fn org_siblings(&mut self, n: usize, branches: bool) -> Vec<Entity> {
        let first = self.org(None, 0, None);
        let mut out = Vec::with_capacity(n);
        for b in 1..n {
            let (o, mst) = match &first.kind {
                Kind::Org(o) => (o.as_ref(), first.mst),
                Kind::Person(_) => break,
            };
            let e = if branches {
                self.org(Some((o, mst)), b as u16, Some(first.addr.prov))
            } else {
                self.org(Some((o, mst)), 0, None)
            };
            out.push(e);
        }
        out.insert(0, first);
        out
    }
}

pub(crate) fn mst_check_digit(d: &[u32; 9]) -> Option<u32> {
    const W: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    let s: u32 = d.iter().zip(W).map(|(a, b)| a * b).sum();
    let c = 10 - (s % 11);
    (c < 10).then_some(c)
}
