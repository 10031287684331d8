//! How an entity is written messily: name forms and typos, address abbreviations, phone
//! forms, e-mail slips, tax codes as numbers, date cells.

use rand::rngs::StdRng;
use rand::Rng;
use unicode_normalization::UnicodeNormalization;

use crate::entities::{house, land_digits, push_ward, Addr, Entity, Kind, Org, Person};
use crate::plan::{
    CUR, INV, OLD, S_ADDR, S_ADDR_PREV, S_EMAIL, S_EMAIL_TYPO, S_LAND, S_MCUR, S_MPREV,
    S_OLD_FORMS, S_TAX, WEB,
};
use crate::tables::{
    old_mobile, pick, wpick, Dist, BIZ, BIZ_ABBR, FORMS, HONORIFIC_F, HONORIFIC_M, K_HUYEN, K_QUAN,
    NOTES, PROVS,
};
use crate::text::{fold, group_digits, title_is_toneable, tone_old_style, ymd, EXCEL_EPOCH_CE};

pub(crate) enum Cell {
    Empty,
    Text(String),
    Num(f64),
    /// A real date cell: Excel serial with a date format (index into the date formats).
    Date(f64, usize),
}

pub(crate) struct Render {
    pub(crate) rng: StdRng,
}

impl Render {
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub(crate) fn case_variant(&mut self, s: String, t: usize) -> String {
        let w: &[f64] = match t {
            CUR => &[78.0, 12.0, 3.0, 4.0, 3.0],
            OLD => &[70.0, 20.0, 3.0, 4.0, 3.0],
            WEB => &[25.0, 8.0, 15.0, 15.0, 37.0],
            _ => &[80.0, 20.0, 0.0, 0.0, 0.0],
        };
        match wpick(&mut self.rng, w) {
            1 => s.to_uppercase(),
            2 => s.to_lowercase(),
            3 => fold(&s),
            4 => fold(&s).to_lowercase(),
            _ => s,
        }
    }

    pub(crate) fn typo(&mut self, s: &str) -> String {
        let mut words: Vec<String> = s.split(' ').map(str::to_string).collect();
        let wi = if self.chance(0.7) {
            words.len() - 1
        } else {
            self.rng.random_range(0..words.len())
        };
        let cs: Vec<char> = words[wi].chars().collect();
        let mut out: Vec<char> = cs.clone();
        match self.rng.random_range(0..4) {
            0 if cs.len() >= 3 => {
                out.remove(self.rng.random_range(1..cs.len()));
            }
            1 if cs.len() >= 3 => {
                // Interior letters: the capital stays first, as when typing fast.
                let i = self.rng.random_range(1..cs.len() - 1);
                out.swap(i, i + 1);
            }
            2 => {
                let i = self.rng.random_range(0..cs.len());
                out.insert(i, cs[i]);
            }
            _ => {
                // The word typed without its accents while the rest kept them.
                let folded = fold(&words[wi]);
                if folded != words[wi] {
                    out = folded.chars().collect();
                } else if cs.len() >= 3 {
                    let i = self.rng.random_range(1..cs.len() - 1);
                    out.swap(i, i + 1);
                }
            }
        }
        words[wi] = out.into_iter().collect();
        words.join(" ")
    }

    pub(crate) fn honorific(&mut self, female: bool) -> &'static str {
        if female {
            pick(&mut self.rng, HONORIFIC_F)
        } else {
            pick(&mut self.rng, HONORIFIC_M)
        }
    }

    pub(crate) fn with_honorific(&mut self, name: String, female: bool) -> String {
        let h = self.honorific(female);
        if h.ends_with(' ') {
            format!("{h}{name}")
        } else {
            format!("{h} {name}")
        }
    }

    pub(crate) fn person_name(&mut self, p: &Person, t: usize, safe: bool) -> String {
        let canon = p.full();
        if !safe {
            let s = match wpick(&mut self.rng, &[45.0, 25.0, 15.0, 15.0]) {
                0 => self.typo(&canon),
                1 => {
                    // "Chị Lan", "A. Tuấn": how the salesperson knows the customer.
                    let g = p.given().to_string();
                    self.with_honorific(g, p.female)
                }
                2 => {
                    // Given name first, as in e-mails and foreign forms: "Anh Nguyen Van".
                    let mut s = p.given().to_string();
                    s.push(' ');
                    s.push_str(p.family());
                    if let Some(m) = p.mid(0) {
                        if self.chance(0.5) {
                            s.push(' ');
                            s.push_str(m);
                        }
                    }
                    fold(&s)
                }
                _ => format!("{} {}", p.family(), p.given()),
            };
            return self.case_variant(s, t);
        }
        let mut s = canon;
        if title_is_toneable(&s) && self.chance(if t == WEB { 0.2 } else { 0.35 }) {
            s = tone_old_style(&s);
        }
        s = self.case_variant(s, t);
        if t == CUR && self.chance(0.02) {
            // Family name in capitals: "NGUYỄN Văn Anh".
            let fam = p.family();
            if let Some(rest) = s.strip_prefix(fam) {
                s = format!("{}{}", fam.to_uppercase(), rest);
            }
        }
        let hp = match t {
            CUR => 0.08,
            OLD => 0.05,
            WEB => 0.03,
            _ => 0.0,
        };
        if hp > 0.0 && self.chance(hp) {
            s = self.with_honorific(s, p.female);
        }
        s
    }

    pub(crate) fn biz_text(&mut self, biz: &[&str], abbreviate: bool, english: bool) -> String {
        if biz.is_empty() {
            return String::new();
        }
        let lookup = |w: &str| BIZ_ABBR.iter().find(|x| x.0 == w);
        if english {
            return biz
                .iter()
                .filter_map(|w| lookup(w).map(|x| x.2))
                .collect::<Vec<_>>()
                .join(" ");
        }
        if !abbreviate {
            return biz.join(" ");
        }
        let parts: Vec<&str> = biz.iter().map(|w| lookup(w).map_or(*w, |x| x.1)).collect();
        let sep = pick(&mut self.rng, &[" ", " ", " ", "-", "", " - ", " & "]);
        parts.join(sep)
    }

    pub(crate) fn org_name(&mut self, o: &Org, t: usize, safe: bool) -> String {
        let form = &FORMS[o.form as usize];
        let biz = BIZ[o.biz as usize].0;
        let brand = o.brand.to_string();
        let s = if safe {
            let f = if t == INV && self.chance(0.7) {
                form.canon
            } else {
                pick(&mut self.rng, form.variants)
            };
            let abbreviate = self.chance(if t == INV { 0.1 } else { 0.3 });
            let b = self.biz_text(biz, abbreviate, false);
            let mut core = if b.is_empty() {
                format!("{f} {brand}")
            } else {
                format!("{f} {b} {brand}")
            };
            if let Some(p) = o.branch {
                let prov = &PROVS[p as usize];
                let pv = if self.chance(0.5) {
                    prov.canon
                } else {
                    pick(&mut self.rng, prov.variants)
                };
                core = match self.rng.random_range(0..5) {
                    0 | 1 => format!("Chi nhánh {pv} - {core}"),
                    2 => format!("CN {pv} - {core}"),
                    3 => format!("{core} - Chi nhánh {pv}"),
                    _ => format!("{core} - CN {pv}"),
                };
            }
            if self.chance(0.3) {
                core = tone_old_style(&core);
            }
            core
        } else {
            match self.rng.random_range(0..4) {
                0 => brand.clone(),
                1 => {
                    let b = self.biz_text(biz, false, true);
                    let ascii = fold(&brand);
                    if b.is_empty() {
                        format!("{ascii} {}", form.english)
                    } else {
                        format!("{ascii} {b} {}", form.english)
                    }
                }
                2 => format!("{} {brand}", pick(&mut self.rng, form.variants)),
                _ => self.typo(&o.full()),
            }
        };
        match t {
            WEB => self.case_variant(s, WEB),
            CUR | OLD if self.chance(0.12) => s.to_uppercase(),
            INV if self.chance(0.2) => s.to_uppercase(),
            _ => s,
        }
    }

    pub(crate) fn name(&mut self, e: &Entity, t: usize, safe: bool) -> String {
        match &e.kind {
            Kind::Person(p) => self.person_name(p, t, safe),
            Kind::Org(o) => self.org_name(o, t, safe),
        }
    }

    pub(crate) fn contact(&mut self, o: &Org) -> String {
        let c = &o.contact;
        match wpick(&mut self.rng, &[30.0, 25.0, 15.0, 12.0, 10.0, 8.0]) {
            0 => String::new(),
            1 => self.with_honorific(c.given().to_string(), c.female),
            2 => c.full(),
            3 => format!(
                "{} - {}",
                self.with_honorific(c.given().to_string(), c.female),
                pick(
                    &mut self.rng,
                    &["kế toán", "KT", "thủ kho", "mua hàng", "GĐ", "trưởng phòng"]
                )
            ),
            4 => format!("{} {}", if c.female { "Ms" } else { "Mr" }, fold(c.given())),
            _ => c.full().to_uppercase(),
        }
    }

    pub(crate) fn address(&mut self, a: &Addr, t: usize, new_admin: bool) -> String {
        let p = &PROVS[a.prov as usize];
        let dist = &p.dists[a.dist as usize];
        let sep = match wpick(&mut self.rng, &[80.0, 10.0, 7.0, 3.0]) {
            0 => ", ",
            1 => " - ",
            2 => ",",
            _ => " , ",
        };
        let mut s = String::with_capacity(96);
        let hv = wpick(&mut self.rng, &[70.0, 12.0, 10.0, 8.0]) as u8;
        house(&mut s, a, hv);
        s.push(' ');
        match wpick(&mut self.rng, &[80.0, 8.0, 4.0, 3.0, 5.0]) {
            1 => s.push_str("đường "),
            2 => s.push_str("Đường "),
            3 => s.push_str("Đ. "),
            4 if p.alley == 2 => s.push_str("phố "),
            _ => {}
        }
        s.push_str(p.streets[a.street as usize]);
        // Ward.
        let drop_ward = !new_admin && self.chance(0.06);
        if !drop_ward {
            s.push_str(sep);
            let wk = self.ward_prefix(dist);
            s.push_str(wk);
            push_ward(&mut s, dist, a.ward);
        }
        // District (gone from 2025-style addresses).
        if !new_admin && (drop_ward || !self.chance(0.03)) {
            s.push_str(sep);
            let dk = self.district_prefix(dist);
            s.push_str(dk);
            s.push_str(dist.name);
        }
        // Province.
        if new_admin {
            s.push_str(sep);
            s.push_str(p.merged);
        } else if !self.chance(0.12) {
            s.push_str(sep);
            if self.chance(0.4) {
                s.push_str(p.canon);
            } else {
                s.push_str(pick(&mut self.rng, p.variants));
            }
        }
        if self.chance(0.25) {
            s = tone_old_style(&s);
        }
        match t {
            WEB => self.case_variant(s, WEB),
            _ => match wpick(&mut self.rng, &[90.0, 5.0, 2.0, 3.0]) {
                1 => s.to_uppercase(),
                2 => s.to_lowercase(),
                3 => fold(&s),
                _ => s,
            },
        }
    }

    /// "Phường", "P.", "F" (numbered wards), "Xã"…, or nothing before a ward's name.
    fn ward_prefix(&mut self, dist: &Dist) -> &'static str {
        if dist.kind == K_HUYEN {
            pick(&mut self.rng, &["Xã ", "Xã ", "X. ", "xã ", ""])
        } else if dist.numbered > 0 {
            pick(
                &mut self.rng,
                &["Phường ", "P.", "P", "P. ", "F.", "F", "phường ", "Phường "],
            )
        } else {
            pick(
                &mut self.rng,
                &["Phường ", "Phường ", "P. ", "P.", "phường ", "", "F. "],
            )
        }
    }

    /// "Quận", "Q.", "Huyện", "TP."… before a district's name; a numbered district keeps one.
    fn district_prefix(&mut self, dist: &Dist) -> &'static str {
        let numeric = dist.name.bytes().all(|b| b.is_ascii_digit());
        match dist.kind {
            K_QUAN if numeric => pick(
                &mut self.rng,
                &["Quận ", "Q.", "Q", "Q. ", "quận ", "Quận "],
            ),
            K_QUAN => pick(&mut self.rng, &["Quận ", "Quận ", "Q. ", "Q.", "quận ", ""]),
            K_HUYEN => pick(&mut self.rng, &["Huyện ", "H. ", "huyện ", "Huyện "]),
            _ => pick(
                &mut self.rng,
                &["Thành phố ", "TP. ", "TP ", "Tp ", "Tp. ", "T.P ", "TP."],
            ),
        }
    }

    /// A mobile in one of the forms seen in ledgers; `n` is the national number as digits.
    pub(crate) fn mobile_text(&mut self, n: &str, web: bool) -> String {
        let full = format!("0{n}");
        let long = n.len() == 10; // pre-2018 11-digit form
        if web {
            return match wpick(&mut self.rng, &[30.0, 15.0, 35.0, 10.0, 5.0, 5.0]) {
                0 => format!("+84 {}", group_digits(n, &[3, 3, 3], " ")),
                1 => format!("+84{n}"),
                2 => full,
                3 => group_digits(&full, &[4, 3, 3], " "),
                4 => format!("84{n}"),
                _ => group_digits(&full, &[4, 3, 3], "."),
            };
        }
        let g: &[usize] = if long { &[4, 3, 4] } else { &[4, 3, 3] };
        match wpick(
            &mut self.rng,
            &[40.0, 15.0, 12.0, 5.0, 6.0, 4.0, 4.0, 2.0, 2.0, 5.0, 5.0],
        ) {
            1 => group_digits(&full, g, " "),
            2 => group_digits(&full, g, "."),
            3 => group_digits(&full, g, "-"),
            4 => format!(
                "+84 {}",
                group_digits(n, if long { &[3, 3, 4] } else { &[3, 3, 3] }, " ")
            ),
            5 => format!("84{n}"),
            6 => format!("+84{n}"),
            7 => format!("0084{n}"),
            8 => format!("(+84) {}", group_digits(n, &[3, 3, 3], " ")),
            9 => group_digits(&full, if long { &[5, 3, 3] } else { &[3, 3, 4] }, " "),
            10 => format!("{full} "),
            _ => full,
        }
    }

    pub(crate) fn land_text(&mut self, land: (u8, u32), old: bool) -> String {
        let p = &PROVS[land.0 as usize];
        let code = if old { p.tel_old } else { p.tel_new };
        let digits = land_digits(land, old);
        let sub = &digits[code.len()..];
        let sub_g: &[usize] = if sub.len() == 8 { &[4, 4] } else { &[3, 4] };
        match wpick(&mut self.rng, &[30.0, 20.0, 15.0, 15.0, 10.0, 5.0, 5.0]) {
            1 => format!("(0{code}) {sub}"),
            2 => format!("0{code}.{}", group_digits(sub, sub_g, ".")),
            3 => format!("0{digits}"),
            4 => format!("0{code}-{sub}"),
            5 => format!("(0{code}) {}", group_digits(sub, sub_g, " ")),
            6 => format!("+84 {code} {}", group_digits(sub, sub_g, " ")),
            _ => format!("0{code} {}", group_digits(sub, sub_g, " ")),
        }
    }

    /// The phone cell: one number (maybe a number cell that lost its 0) or several in one text.
    pub(crate) fn phone_cell(&mut self, e: &Entity, spec: u16, t: usize) -> Cell {
        let old = spec & S_OLD_FORMS != 0;
        let web = t == WEB;
        // (national digits, None for a mobile or Some(old form?) for the landline)
        let mut nums: Vec<(String, Option<bool>)> = Vec::with_capacity(3);
        let mob = |n: u32| -> String {
            if old {
                if let Some(o) = old_mobile(n) {
                    return o.to_string();
                }
            }
            n.to_string()
        };
        if spec & S_MCUR != 0 && e.mobile != 0 {
            nums.push((mob(e.mobile), None));
        }
        if spec & S_MPREV != 0 && e.mobile_prev != 0 {
            nums.push((mob(e.mobile_prev), None));
        }
        if spec & S_LAND != 0 {
            if let Some(l) = e.land {
                // The 2017 change ran Feb–Aug 2017: an old sheet holds both forms.
                let old_land = old && (t != OLD || self.chance(0.85));
                nums.push((land_digits(l, old_land), Some(old_land)));
                if e.is_org() && self.chance(0.5) {
                    nums.rotate_right(1); // a company's letterhead number comes first
                }
            }
        }
        if nums.is_empty() {
            return Cell::Empty;
        }
        if nums.len() == 1 && !web && self.chance(if t == OLD { 0.2 } else { 0.15 }) {
            if let Ok(v) = nums[0].0.parse::<f64>() {
                return Cell::Num(v);
            }
        }
        let mut parts = Vec::with_capacity(nums.len());
        for (digits, land_old) in &nums {
            let s = if let Some(old_land) = *land_old {
                let land = e.land.unwrap_or((0, 0));
                let mut txt = self.land_text(land, old_land);
                if e.is_org() && !web && self.chance(0.03) {
                    txt.push_str(if self.chance(0.5) {
                        " ext 12"
                    } else {
                        " - máy lẻ 105"
                    });
                }
                txt
            } else {
                self.mobile_text(digits, web)
            };
            parts.push(s);
        }
        if parts.len() == 1 {
            let mut s = parts.pop().unwrap_or_default();
            if !web && self.chance(0.02) {
                s = format!(
                    "{}{s}",
                    pick(&mut self.rng, &["DĐ: ", "ĐT: ", "Mobile: ", "Tel: "])
                );
            }
            return Cell::Text(s);
        }
        let sep = pick(
            &mut self.rng,
            &[" / ", " / ", " - ", "; ", " hoặc ", ", ", "/"],
        );
        Cell::Text(parts.join(sep))
    }

    pub(crate) fn email_text(&mut self, e: &Entity, spec: u16) -> Option<String> {
        let em = e.email.as_deref()?;
        if spec & S_EMAIL == 0 {
            return None;
        }
        let mut s = em.to_string();
        if spec & S_EMAIL_TYPO != 0 {
            let typos = [
                ("gmail.com", "gmial.com"),
                ("gmail.com", "gmail.con"),
                ("yahoo.com", "yaho.com"),
                (".vn", ".vm"),
                ("@", "@@"),
            ];
            for (a, b) in typos {
                if s.contains(a) {
                    s = s.replacen(a, b, 1);
                    break;
                }
            }
        }
        Some(match wpick(&mut self.rng, &[85.0, 6.0, 5.0, 4.0]) {
            1 => s.to_uppercase(),
            2 => {
                let mut c = s.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            }
            3 => format!(" {s} "),
            _ => s,
        })
    }

    pub(crate) fn tax_cell(&mut self, e: &Entity, spec: u16, allow_number: bool) -> Cell {
        if spec & S_TAX == 0 || !e.has_tax_code() {
            return Cell::Empty;
        }
        let code = e.tax_code();
        if e.mst_branch != 0 {
            return Cell::Text(match wpick(&mut self.rng, &[80.0, 10.0, 5.0, 5.0]) {
                1 => code.replace('-', " - "),
                2 => code.replace('-', ""),
                3 => format!("MST: {code}"),
                _ => code,
            });
        }
        if allow_number && e.mst != 0 && self.chance(0.25) {
            return Cell::Num(e.mst as f64); // a 9-digit number when the code starts with 0
        }
        Cell::Text(match wpick(&mut self.rng, &[88.0, 4.0, 3.0, 3.0, 2.0]) {
            1 => format!("{code} "),
            2 => group_digits(&code, &[4, 3, 3], " "),
            3 => format!("MST: {code}"),
            4 => format!("'{code}"),
            _ => code,
        })
    }

    pub(crate) fn date_cell(&mut self, days: i32) -> Cell {
        let (y, m, d) = ymd(days);
        let serial = (days - EXCEL_EPOCH_CE) as f64;
        match wpick(&mut self.rng, &[72.0, 6.0, 3.0, 3.0, 8.0, 4.0, 2.0, 2.0]) {
            0 => Cell::Date(serial, 0),
            1 => Cell::Date(serial, 1),
            2 => Cell::Date(serial, 2),
            3 => Cell::Date(serial, 3),
            4 => Cell::Text(format!("{d:02}/{m:02}/{y}")),
            5 => Cell::Text(format!("{d}/{m}/{:02}", y % 100)),
            6 => Cell::Num(serial),
            _ => Cell::Text(format!("{d:02}-{m:02}-{y}")),
        }
    }

    pub(crate) fn nfd(s: String) -> String {
        s.nfd().collect()
    }
}

pub(crate) fn row_addr(e: &Entity, spec: u16) -> Option<Addr> {
    if spec & S_ADDR == 0 {
        return None;
    }
    if spec & S_ADDR_PREV != 0 {
        return e.addr_prev.or(Some(e.addr));
    }
    Some(e.addr)
}

pub(crate) fn ship_addr(r: &mut Render, e: &Entity, a: Option<&Addr>) -> Cell {
    match wpick(&mut r.rng, &[72.0, 10.0, 8.0, 10.0]) {
        1 => Cell::Text(
            pick(
                &mut r.rng,
                &["như trên", "Như trên", "nt", "NT", "như địa chỉ"],
            )
            .to_string(),
        ),
        2 => match a {
            Some(a) => Cell::Text(r.address(a, CUR, false)),
            None => Cell::Empty,
        },
        3 => {
            // A warehouse or office elsewhere: a different place, not a clue.
            let prov = e.addr.prov;
            let p = &PROVS[prov as usize];
            let street = pick(&mut r.rng, p.streets);
            let num = r.rng.random_range(1..300);
            let lead = if e.is_org() {
                pick(&mut r.rng, &["Kho: ", "Kho ", "Xưởng: ", "Giao tại kho "])
            } else {
                pick(
                    &mut r.rng,
                    &["Giao cơ quan: ", "Công ty: ", "", "Nhà riêng: "],
                )
            };
            Cell::Text(format!("{lead}{num} {street}, {}", p.variants[0]))
        }
        _ => Cell::Empty,
    }
}

pub(crate) fn note_for(r: &mut Render, e: &Entity, spec: u16) -> Option<String> {
    if e.mobile_prev != 0 && spec & S_MCUR != 0 && spec & S_MPREV == 0 && r.chance(0.3) {
        if r.chance(0.5) {
            return Some("đã chuyển sang SĐT mới".to_string());
        }
        return Some(format!("SĐT cũ: 0{}", e.mobile_prev));
    }
    if r.chance(0.07) {
        return Some(pick(&mut r.rng, NOTES).to_string());
    }
    None
}
