//! The generator's own checks: rule tables against known values, every appearance reachable by a
//! clue, no clue shared by two customers, determinism for a seed.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::SeedableRng;
use unicode_normalization::UnicodeNormalization;

use crate::entities::{canon_addr, land_digits, mst_check_digit, Kind, G_FAMILY};
use crate::plan::{clues, CUR, INV, OLD, WEB};
use crate::rendering::Render;
use crate::tables::{old_mobile, GIVEN_F, GIVEN_M};
use crate::text::{ce, fold, thousands, to_cp1258, to_tcvn3, tone_old_style, EXCEL_EPOCH_CE};
use crate::writing::entity_id;
use crate::{build, Args};

#[test]
fn mst_check_digit_matches_real_codes() {
    for code in ["0100112437", "0100109106", "0101248141", "0300588569"] {
        let d: Vec<u32> = code.bytes().map(|b| (b - b'0') as u32).collect();
        let first: [u32; 9] = d[..9].try_into().unwrap();
        assert_eq!(mst_check_digit(&first), Some(d[9]), "{code}");
    }
}

#[test]
fn excel_epoch() {
    assert_eq!(ce(1899, 12, 30), EXCEL_EPOCH_CE);
    assert_eq!(ce(2024, 3, 5) - EXCEL_EPOCH_CE, 45356);
}

#[test]
fn tone_styles() {
    assert_eq!(tone_old_style("Nguyễn Thị Thủy"), "Nguyễn Thị Thuỷ");
    assert_eq!(tone_old_style("Lê Văn Hòa"), "Lê Văn Hoà");
    assert_eq!(
        tone_old_style("Khánh Hòa, Thanh Hóa"),
        "Khánh Hoà, Thanh Hoá"
    );
    assert_eq!(tone_old_style("Hoàng Quý"), "Hoàng Quý");
    assert_eq!(tone_old_style("HÒA"), "HOÀ");
}

#[test]
fn tcvn3_known_mojibake() {
    assert_eq!(to_tcvn3("Nguyễn Văn A").as_deref(), Some("NguyÔn V¨n A"));
    assert_eq!(to_tcvn3("Việt Nam").as_deref(), Some("ViÖt Nam"));
    assert_eq!(to_tcvn3("Đại học").as_deref(), Some("§¹i häc"));
    assert_eq!(to_tcvn3("Ninh Bình").as_deref(), Some("Ninh B×nh"));
    assert_eq!(to_tcvn3("日本"), None);
}

#[test]
fn cp1258_round_trip() {
    for s in [
        "Nguyễn Văn Ánh",
        "Công ty TNHH Thương mại Dịch vụ Hòa Phát",
        "ĐẶNG THỊ NGỌC ẶNG ỢỰ",
        "Doanh thu chưa có thuế;Thuế GTGT",
    ] {
        let b = to_cp1258(s);
        let (dec, _, had_err) = encoding_rs::WINDOWS_1258.decode(&b);
        assert!(!had_err);
        assert_eq!(dec.nfc().collect::<String>(), s);
        assert!(!b.windows(2).any(|w| w == b"&#"), "unmapped char in {s}");
    }
}

#[test]
fn old_mobile_forms() {
    assert_eq!(old_mobile(362_345_678), Some(1_662_345_678));
    assert_eq!(old_mobile(912_345_678), None);
    assert_eq!(land_digits((0, 38_221_234), true), "838221234");
    assert_eq!(land_digits((2, 3_821_234), true), "5113821234");
    assert_eq!(land_digits((2, 3_821_234), false), "2363821234");
}

#[test]
fn thousands_format() {
    assert_eq!(thousands(1_234_567), "1.234.567");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1.000");
}

#[test]
fn given_names_distinct_and_many() {
    let mut all: Vec<&str> = GIVEN_M.to_vec();
    let m: HashSet<&str> = GIVEN_M.iter().copied().collect();
    let f: HashSet<&str> = GIVEN_F.iter().copied().collect();
    assert_eq!(m.len(), GIVEN_M.len());
    assert_eq!(f.len(), GIVEN_F.len());
    all.extend(GIVEN_F);
    let u: HashSet<&str> = all.into_iter().collect();
    assert!(u.len() >= 150, "{}", u.len());
}

#[test]
fn every_appearance_links_by_a_clue() {
    let l = build(20_000, 7, 0.5);
    let mut per: std::collections::HashMap<u32, Vec<u8>> = Default::default();
    let mut total = 0;
    for t in 0..4 {
        for r in &l.rows[t] {
            per.entry(r.ent)
                .or_default()
                .push(clues(&l.ents[r.ent as usize], r.spec));
            total += 1;
        }
    }
    assert_eq!(total, 20_000);
    for (e, cs) in per {
        assert_eq!(cs.len(), l.ents[e as usize].rows as usize);
        let mut reached = vec![false; cs.len()];
        reached[0] = true;
        let mut bits = cs[0];
        let mut changed = true;
        while changed {
            changed = false;
            for (i, c) in cs.iter().enumerate() {
                if !reached[i] && c & bits != 0 {
                    reached[i] = true;
                    bits |= c;
                    changed = true;
                }
            }
        }
        assert!(
            reached.iter().all(|x| *x),
            "entity {e} not linkable: {cs:?}"
        );
    }
}

#[test]
fn different_entities_share_no_clue() {
    let l = build(30_000, 11, 0.5);
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (i, e) in l.ents.iter().enumerate() {
        let mut keys = vec![];
        for m in [e.mobile, e.mobile_prev] {
            if m != 0 {
                keys.push(format!("m{m}"));
            }
        }
        if let (Some(land), false) = (e.land, e.group_kind == G_FAMILY) {
            keys.push(format!("l{}", land_digits(land, false)));
        }
        if let Some(em) = &e.email {
            keys.push(format!("e{}", em.to_lowercase()));
        }
        if e.has_tax_code() {
            keys.push(format!("t{}", e.tax_code()));
        }
        for a in std::iter::once(e.addr).chain(e.addr_prev) {
            keys.push(format!(
                "n{}|{}",
                fold(&e.name()).to_lowercase(),
                canon_addr(&a)
            ));
        }
        for k in keys {
            if let Some(j) = seen.insert(k.clone(), i) {
                assert_eq!(
                    j,
                    i,
                    "{k} shared by {} and {}",
                    entity_id(j as u32),
                    entity_id(i as u32)
                );
            }
        }
    }
    let hard = l.ents.iter().filter(|e| e.group != 0).count() as f64 / l.ents.len() as f64;
    assert!((0.05..0.12).contains(&hard), "{hard}");
}

#[test]
fn deterministic_for_a_seed() {
    let a = build(5_000, 3, 0.5);
    let b = build(5_000, 3, 0.5);
    for t in 0..4 {
        let ka: Vec<_> = a.rows[t].iter().map(|r| (r.ent, r.date, r.spec)).collect();
        let kb: Vec<_> = b.rows[t].iter().map(|r| (r.ent, r.date, r.spec)).collect();
        assert_eq!(ka, kb);
    }
    let c = build(5_000, 4, 0.5);
    assert_ne!(a.ents.len() + a.rows[CUR].len(), 0);
    assert!(a.rows[CUR]
        .iter()
        .zip(&c.rows[CUR])
        .any(|(x, y)| x.ent != y.ent || x.spec != y.spec));
}

#[test]
fn valid_mobiles_and_msts() {
    let l = build(5_000, 5, 0.5);
    for e in &l.ents {
        for m in [e.mobile, e.mobile_prev] {
            if m == 0 {
                continue;
            }
            let s = m.to_string();
            assert_eq!(s.len(), 9);
            assert!(
                !s.starts_with("89") || matches!(&s[2..3], "6" | "7" | "8" | "9"),
                "{s}"
            );
            assert!(!s.starts_with("992"), "{s}");
        }
        if e.mst != 0 {
            let code = format!("{:010}", e.mst);
            let d: Vec<u32> = code.bytes().map(|b| (b - b'0') as u32).collect();
            let first: [u32; 9] = d[..9].try_into().unwrap();
            assert_eq!(mst_check_digit(&first), Some(d[9]));
        }
    }
}

#[test]
fn safe_person_names_keep_the_full_name() {
    let mut g = build(2_000, 9, 0.5);
    let mut r = Render {
        rng: StdRng::seed_from_u64(1),
    };
    let strip = |s: &str, n: usize| -> String {
        let f = fold(s).to_lowercase();
        let f = f.trim();
        let mut words: Vec<&str> = f.split_whitespace().collect();
        if words.len() > n
            && matches!(
                words[0],
                "anh"
                    | "ong"
                    | "a."
                    | "a"
                    | "mr"
                    | "mr."
                    | "chu"
                    | "bac"
                    | "chi"
                    | "ba"
                    | "c."
                    | "c"
                    | "ms"
                    | "ms."
                    | "mrs."
                    | "co"
            )
        {
            words.remove(0);
        }
        words.join(" ")
    };
    for e in g.ents.drain(..).take(500) {
        if let Kind::Person(p) = &e.kind {
            for t in [CUR, OLD, WEB, INV] {
                let shown = r.person_name(p, t, true);
                let nfc: String = shown.nfc().collect();
                let n = p.full().split(' ').count();
                assert_eq!(strip(&nfc, n), strip(&p.full(), n), "{shown}");
            }
        }
    }
}

#[test]
fn args_debug_assert() {
    use clap::CommandFactory;
    Args::command().debug_assert();
}
