//! The appearance plan: in which file each entity appears, when, and which clues each
//! appearance shows, so that every extra appearance links to an earlier one.

use rand::rngs::StdRng;
use rand::Rng;

use crate::entities::{Entity, G_FAMILY};
use crate::tables::wpick;

pub(crate) const CUR: usize = 0;
pub(crate) const OLD: usize = 1;
pub(crate) const WEB: usize = 2;
pub(crate) const INV: usize = 3;

/// What one appearance shows; decided at plan time because it decides the clues.
pub(crate) const S_MCUR: u16 = 1;
pub(crate) const S_MPREV: u16 = 2;
pub(crate) const S_LAND: u16 = 4;
pub(crate) const S_EMAIL: u16 = 8;
pub(crate) const S_EMAIL_TYPO: u16 = 16;
pub(crate) const S_ADDR: u16 = 32;
pub(crate) const S_ADDR_PREV: u16 = 64;
/// Address written the post-2025 way (district dropped, merged province): not a safe clue.
pub(crate) const S_ADDR_NEW: u16 = 128;
pub(crate) const S_TAX: u16 = 256;
pub(crate) const S_NAME_SAFE: u16 = 512;
/// Mobile written in its pre-2018 form or landline with its pre-2017 area code.
pub(crate) const S_OLD_FORMS: u16 = 1024;

pub(crate) const C_MCUR: u8 = 1;
pub(crate) const C_MPREV: u8 = 2;
pub(crate) const C_LAND: u8 = 4;
pub(crate) const C_EMAIL: u8 = 8;
pub(crate) const C_TAX: u8 = 16;
pub(crate) const C_NA_CUR: u8 = 32;
pub(crate) const C_NA_PREV: u8 = 64;

#[derive(Clone, Copy)]
pub(crate) struct Row {
    pub(crate) ent: u32,
    pub(crate) date: i32,
    pub(crate) spec: u16,
}

pub(crate) fn clues(e: &Entity, spec: u16) -> u8 {
    let mut c = 0;
    if spec & S_MCUR != 0 {
        c |= C_MCUR;
    }
    if spec & S_MPREV != 0 {
        c |= C_MPREV;
    }
    // A landline shared by a family is no proof of identity.
    if spec & S_LAND != 0 && e.group_kind != G_FAMILY {
        c |= C_LAND;
    }
    if spec & S_EMAIL != 0 && spec & S_EMAIL_TYPO == 0 {
        c |= C_EMAIL;
    }
    if spec & S_TAX != 0 {
        c |= C_TAX;
    }
    if spec & S_NAME_SAFE != 0 && spec & S_ADDR != 0 && spec & S_ADDR_NEW == 0 {
        c |= if spec & S_ADDR_PREV != 0 {
            C_NA_PREV
        } else {
            C_NA_CUR
        };
    }
    c
}

/// Set `spec` so the appearance carries `clue`, if this file can show it.
pub(crate) fn carry(e: &Entity, t: usize, clue: u8, spec: &mut u16) -> bool {
    let old = t == OLD;
    match (t, clue) {
        (INV, C_TAX) => *spec |= S_TAX,
        (INV, _) => return false,
        (WEB, C_TAX) => return false,
        (_, C_TAX) => *spec |= S_TAX,
        (_, C_MCUR) if old && e.mobile_prev != 0 => return false,
        (_, C_MCUR) => *spec |= S_MCUR,
        (_, C_MPREV) => *spec |= S_MPREV,
        (_, C_LAND) => *spec |= S_LAND,
        (_, C_EMAIL) => {
            *spec |= S_EMAIL;
            *spec &= !S_EMAIL_TYPO;
        }
        (_, C_NA_CUR) if old && e.addr_prev.is_some() => return false,
        (_, C_NA_CUR) => {
            *spec |= S_NAME_SAFE | S_ADDR;
            *spec &= !(S_ADDR_PREV | S_ADDR_NEW);
        }
        (_, C_NA_PREV) => {
            *spec |= S_NAME_SAFE | S_ADDR | S_ADDR_PREV;
            *spec &= !S_ADDR_NEW;
        }
        _ => return false,
    }
    true
}

pub(crate) struct Dates {
    pub(crate) cur: (i32, i32),
    pub(crate) old: (i32, i32),
    pub(crate) web: (i32, i32),
    pub(crate) inv: (i32, i32),
    pub(crate) pid_from: i32,
    pub(crate) new_admin: i32,
}

/// What an appearance of `e` in file `t` shows. The anchor (an entity's first appearance)
/// shows everything the file can hold, so later appearances have clues to link to.
pub(crate) fn sample_spec(
    rng: &mut StdRng,
    e: &Entity,
    t: usize,
    anchor: bool,
    date: i32,
    dates: &Dates,
) -> u16 {
    if t == INV {
        let tax = if e.has_tax_code() { S_TAX } else { 0 };
        return tax | S_NAME_SAFE;
    }
    let org = e.is_org();
    let mut s = mobile_spec(rng, e, t, anchor);
    s |= land_spec(rng, e, t, anchor);
    s |= email_spec(rng, e, t, anchor);
    s |= address_spec(rng, e, t, anchor, date >= dates.new_admin);
    if e.has_tax_code() && t != WEB {
        let x = match (t, org) {
            (CUR, true) => 0.85,
            (OLD, true) => 0.6,
            _ => 0.5,
        };
        if shown(rng, anchor, x) {
            s |= S_TAX;
        }
    }
    if anchor || rng.random_bool(if org { 0.88 } else { 0.9 }) {
        s |= S_NAME_SAFE;
    }
    let old_forms = match t {
        OLD => rng.random_bool(0.95),
        CUR => rng.random_bool(0.04),
        _ => false,
    };
    if old_forms {
        s |= S_OLD_FORMS;
    }
    s
}

/// Whether a field the entity has is filled in: always on the anchor, else with chance `x`.
fn shown(rng: &mut StdRng, anchor: bool, x: f64) -> bool {
    anchor || rng.random_bool(x)
}

/// Which mobile: an old sheet predates the change; newer files sometimes keep the stale one.
fn mobile_spec(rng: &mut StdRng, e: &Entity, t: usize, anchor: bool) -> u16 {
    if e.mobile == 0 {
        return 0;
    }
    let show = match t {
        CUR => shown(rng, anchor, if e.is_org() { 0.55 } else { 0.85 }),
        OLD => shown(rng, anchor, 0.8),
        _ => shown(rng, anchor, 0.95),
    };
    if !show {
        return 0;
    }
    if e.mobile_prev == 0 {
        return S_MCUR;
    }
    match t {
        OLD => S_MPREV,
        CUR if !anchor && rng.random_bool(0.12) => S_MCUR | S_MPREV,
        _ if !anchor && rng.random_bool(0.3) => S_MPREV,
        _ => S_MCUR,
    }
}

/// The landline: rare on the web form, always where it is the only number.
fn land_spec(rng: &mut StdRng, e: &Entity, t: usize, anchor: bool) -> u16 {
    if e.land.is_none() {
        return 0;
    }
    let x = match (t, e.is_org()) {
        (WEB, _) => 0.15,
        (_, true) => 0.85,
        _ => 0.6,
    };
    if shown(rng, anchor, x) || (e.mobile == 0 && t != WEB) {
        S_LAND
    } else {
        0
    }
}

/// The e-mail, now and then with a typo (never on the anchor).
fn email_spec(rng: &mut StdRng, e: &Entity, t: usize, anchor: bool) -> u16 {
    if e.email.is_none() {
        return 0;
    }
    let x = match t {
        CUR => 0.7,
        OLD => 0.5,
        _ => 0.97,
    };
    if !shown(rng, anchor, x) {
        return 0;
    }
    if !anchor && rng.random_bool(0.01) {
        S_EMAIL | S_EMAIL_TYPO
    } else {
        S_EMAIL
    }
}

/// The address: the previous one on old sheets (and sometimes later), and after the 2025
/// merger sometimes the new way; `after_merger` tells whether the row's date allows it.
fn address_spec(rng: &mut StdRng, e: &Entity, t: usize, anchor: bool, after_merger: bool) -> u16 {
    if !shown(rng, anchor, if t == WEB { 0.97 } else { 0.9 }) {
        return 0;
    }
    let mut s = S_ADDR;
    if e.addr_prev.is_some() {
        let prev = match t {
            OLD => rng.random_bool(0.9),
            CUR => !anchor && rng.random_bool(0.25),
            _ => !anchor && rng.random_bool(0.15),
        };
        if prev {
            s |= S_ADDR_PREV;
        }
    }
    if !anchor && s & S_ADDR_PREV == 0 && t != OLD && after_merger && rng.random_bool(0.3) {
        s |= S_ADDR_NEW;
    }
    s
}

pub(crate) fn random_date(rng: &mut StdRng, r: (i32, i32)) -> i32 {
    rng.random_range(r.0..=r.1)
}

/// Plans every appearance of `e` (index `ix`) and appends them to the per-file row lists.
pub(crate) fn plan_entity(
    rng: &mut StdRng,
    e: &Entity,
    ix: u32,
    k: u8,
    dates: &Dates,
    rows: &mut [Vec<Row>; 4],
) {
    let org = e.is_org();
    let inv_ok = org || e.pid != 0 || k == 1;
    let w: [f64; 4] = if org {
        [0.40, 0.12, 0.03, 0.45]
    } else {
        [
            0.56,
            0.19,
            0.22,
            if e.pid != 0 {
                0.2
            } else if inv_ok {
                0.03
            } else {
                0.0
            },
        ]
    };
    let mut targets: Vec<usize> = (0..k).map(|_| wpick(rng, &w)).collect();
    // Richest file first so the anchor appearance carries every clue the entity has.
    targets.sort_unstable();
    let mut union = 0u8;
    for (j, &t0) in targets.iter().enumerate() {
        let mut t = t0;
        let anchor = j == 0;
        let mut date = match t {
            CUR => random_date(rng, dates.cur),
            OLD => random_date(rng, dates.old),
            WEB => random_date(rng, dates.web),
            _ if e.pid != 0 => random_date(rng, (dates.pid_from, dates.inv.1)),
            _ => random_date(rng, dates.inv),
        };
        let mut spec = sample_spec(rng, e, t, anchor, date, dates);
        let mut c = clues(e, spec);
        if !anchor && c & union == 0 {
            // Keep the truth reachable: show one clue an earlier appearance showed.
            let order = [C_TAX, C_MCUR, C_EMAIL, C_NA_CUR, C_LAND, C_MPREV, C_NA_PREV];
            let mut ok = order
                .iter()
                .any(|&cl| union & cl != 0 && carry(e, t, cl, &mut spec));
            if !ok {
                t = CUR;
                date = random_date(rng, dates.cur);
                spec = sample_spec(rng, e, t, false, date, dates);
                ok = order
                    .iter()
                    .any(|&cl| union & cl != 0 && carry(e, t, cl, &mut spec));
            }
            debug_assert!(ok);
            c = clues(e, spec);
        }
        union |= c;
        rows[t].push(Row {
            ent: ix,
            date,
            spec,
        });
    }
}
