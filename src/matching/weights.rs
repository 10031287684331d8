//! Weights in bits of the pair comparisons (the `score` module). Change them here, with the reason.

/// Same tax code: one taxpayer.
pub const TAX_SAME: f32 = 12.0;
/// A valid email is personal; sharing one is strong evidence.
pub const EMAIL_SAME: f32 = 9.0;
/// People keep several addresses; different emails say little.
pub const EMAIL_DIFF: f32 = -1.0;
/// A mobile is personal (after the 2018 renumbering both forms compare equal).
pub const MOBILE_SAME: f32 = 9.0;
/// Numbers change over ten years; different mobiles are weak evidence against.
pub const MOBILE_DIFF: f32 = -2.0;
/// A landline is shared by a household or an office.
pub const LANDLINE_SAME: f32 = 3.0;
/// Two organisations of one name sharing a landline: an office's number is the company's.
pub const ORG_LANDLINE: f32 = 7.0;
/// A home's landline under one full name of three words or more: a household shares the
/// number, never the whole name.
pub const HOME_LINE: f32 = 7.0;
/// Same given name (the last syllable).
pub const GIVEN_SAME: f32 = 2.0;
/// Different given names (not a typo): different people, e.g. a household.
pub const GIVEN_DIFF: f32 = -9.0;
/// Same given name, different family name.
pub const FAMILY_DIFF: f32 = -3.0;
/// Names a typo apart (Jaro–Winkler ≥ 0.93 on the accent-free key).
pub const NAME_CLOSE: f32 = 3.0;
/// One family and given name, the middle name left out on one row (or the middle and given
/// names one is called by, the family name left out), at one house (the same address with its
/// house number) and no mobile or email that differs: a household shares the family name, never
/// the given name.
pub const MIDDLE_AT_HOME: f32 = 4.0;
/// One whole name of three words or more on both rows, at one house, and no mobile or email
/// that differs: no household has two people of one whole name (a middle name left out there
/// weighs [`MIDDLE_AT_HOME`]; a common whole name weighs little by itself).
pub const WHOLE_NAME_AT_HOME: f32 = 2.0;
/// Bounds of the frequency-based weight of an identical full name.
pub const NAME_SAME_MIN: f32 = 2.0;
pub const NAME_SAME_MAX: f32 = 10.0;
/// Organisation core names (legal form removed).
/// Both persons' genders known (an honorific, a Văn or Thị) and the same: half of all pairs
/// agree by chance, every true pair does.
pub const GENDER_SAME: f32 = 1.0;
/// Known and different ("Anh Minh" / "Chị Minh", one household's landline): two people.
pub const GENDER_DIFF: f32 = -5.0;
pub const ORG_SAME: f32 = 6.0;
/// The same name under the same enterprise form (TNHH, Cổ phần, DNTN): registered once in the
/// country.
pub const ORG_REGISTERED: f32 = 2.0;
/// Two organisations' emails (or a company's name typed bare, read as a person's: see
/// `Sig::domain`) at one company's own domain, none shared.
pub const DOMAIN_SAME: f32 = 2.5;
pub const ORG_CLOSE: f32 = 3.0;
/// One company's trade name with and without its business words, at one house: as the same
/// name (in place of [`ORG_CLOSE`]).
pub const TRADE_AT_HOUSE: f32 = ORG_SAME - ORG_CLOSE;
/// Two rows of one organisation at one address naming one contact person by a whole name.
pub const CONTACT_SAME: f32 = 3.0;
pub const ORG_DIFF: f32 = -6.0;
/// A person and an organisation.
pub const KIND_DIFF: f32 = -4.0;
/// Same street address (with house number).
pub const ADDR_SAME: f32 = 4.0;
/// The same house number and street, without a district to confirm it.
pub const ADDR_CLOSE: f32 = 2.0;
/// Different street addresses: people move, so only mildly against.
pub const ADDR_DIFF: f32 = -2.0;
pub const PROVINCE_SAME: f32 = 0.5;
pub const PROVINCE_DIFF: f32 = -1.5;
/// At or above: merge (when an identifier or the address agrees).
pub const MERGE: f32 = 10.0;
/// At or above (and below MERGE): a person decides.
pub const REVIEW: f32 = 5.0;

use crate::i18n::L;

/// One outcome of a comparison and its weight in bits; `None` for an outcome that is a rule
/// rather than a weight (a hard conflict, a case decided elsewhere).
pub struct Level {
    pub outcome: L,
    pub bits: Option<f32>,
}

/// A field compared for every candidate pair, with its outcomes: the table `score` follows,
/// declared once so that `explain` (and a reader) can print it. Splink's comparison library is
/// the model.
pub struct Comparison {
    pub field: L,
    pub levels: &'static [Level],
}

const fn lv(vi: &'static str, en: &'static str, bits: f32) -> Level {
    Level {
        outcome: L(vi, en),
        bits: Some(bits),
    }
}

const fn rule(vi: &'static str, en: &'static str) -> Level {
    Level {
        outcome: L(vi, en),
        bits: None,
    }
}

/// The comparisons in the order `score` sums them.
#[rustfmt::skip]
pub const COMPARISONS: &[Comparison] = &[
    Comparison { field: L("MST", "Tax code"), levels: &[
        lv("trùng (một người nộp thuế)", "same (one taxpayer)", TAX_SAME),
        rule("khác, hoặc chi nhánh và trụ sở: không bao giờ tự gộp", "different, or branch vs head office: never merged"),
    ]},
    Comparison { field: L("Email", "Email"), levels: &[
        lv("trùng", "same", EMAIL_SAME),
        lv("khác", "different", EMAIL_DIFF),
        lv("khác, cùng tên miền riêng của một công ty (tổ chức, hay tên công ty ghi trần)", "different, at one company's own domain (organisations, or a company's name typed bare)", DOMAIN_SAME),
    ]},
    Comparison { field: L("Di động", "Mobile"), levels: &[
        lv("trùng (số cũ 11 số bằng số mới)", "same (an old 11-digit number equals its new form)", MOBILE_SAME),
        lv("khác (giữa hai người; số di động của công ty là của người liên hệ)", "different (two persons; a company's mobile is its contact's)", MOBILE_DIFF),
    ]},
    Comparison { field: L("ĐT bàn", "Landline"), levels: &[
        lv("trùng (hộ gia đình, văn phòng)", "same (a household, an office)", LANDLINE_SAME),
        lv("trùng, cùng tên tổ chức (số của văn phòng)", "same, with the organisation's name (the office's number)", ORG_LANDLINE),
        lv("trùng, cùng họ tên đủ 3 chữ trở lên (một nhà không có hai người trùng cả họ tên)", "same, with one full name of three words or more (a household shares a number, not a whole name)", HOME_LINE),
    ]},
    Comparison { field: L("Tên cá nhân", "Person's name"), levels: &[
        lv("trùng cả tên (trọng số theo độ hiếm, tối thiểu)", "same full name (weight by rarity, at least)", NAME_SAME_MIN),
        lv("trùng cả tên (tối đa)", "same full name (at most)", NAME_SAME_MAX),
        lv("tên gọi trùng", "same given name", GIVEN_SAME),
        lv("gần giống (lỗi gõ, tên đệm khớp)", "close (a typo, middle names agree)", NAME_CLOSE),
        lv("một tên người ở cùng số nhà: một dòng bỏ tên đệm, hay gọi bằng tên đệm và tên (bỏ họ), hoặc gõ sai một chữ thành chữ không có nghĩa; không có di động/email khác", "one person's name at one house: a middle name left out, or the middle and given names one is called by (the family name left out), or one word slipped into no syllable; no mobile or email differing", MIDDLE_AT_HOME),
        lv("cùng cả họ tên đủ 3 chữ ở cùng số nhà, không có di động/email khác (một nhà không có hai người trùng cả họ tên)", "one whole name of three words or more at one house, no mobile or email differing (a household never has two people of one whole name)", WHOLE_NAME_AT_HOME),
        lv("tên gọi trùng, họ khác", "same given name, another family name", FAMILY_DIFF),
        lv("tên gọi khác", "different given names", GIVEN_DIFF),
        rule("tên gọi lệch một chữ: như trùng khi di động và email, hoặc một trong hai và địa chỉ, cùng khớp", "given names a letter apart: as same when a mobile and an email, or one of them and the address, agree"),
    ]},
    Comparison { field: L("Giới (danh xưng, Văn/Thị)", "Gender (honorific, Văn/Thị)"), levels: &[
        lv("cùng giới", "same", GENDER_SAME),
        lv("khác giới", "different", GENDER_DIFF),
    ]},
    Comparison { field: L("Tên tổ chức", "Organisation's name"), levels: &[
        lv(
            "trùng (bỏ loại hình; một chữ gõ nhầm thành chữ không phải âm tiết tiếng Việt vẫn là trùng)",
            "same (legal form removed; one word slipped into no Vietnamese syllable is the same)",
            ORG_SAME,
        ),
        lv("trùng cả tên và loại hình doanh nghiệp (tên đăng ký là duy nhất), hoặc tên đó viết không có loại hình ở cùng số nhà", "same name and the same enterprise form (a registered name is unique), or that name written without its form at one house", ORG_REGISTERED),
        lv("cùng thương hiệu", "same brand", ORG_CLOSE),
        lv("cùng tên riêng, một dòng có thêm ngành nghề, cùng số nhà", "one trade name, what it does written out on one row, at one house", TRADE_AT_HOUSE),
        lv("khác", "different", ORG_DIFF),
        lv("cá nhân và tổ chức", "a person and an organisation", KIND_DIFF),
    ]},
    Comparison { field: L("Người liên hệ (tổ chức)", "Contact person (organisations)"), levels: &[
        lv("trùng họ tên đủ, cùng tên và địa chỉ", "one whole name, with the name and the address", CONTACT_SAME),
    ]},
    Comparison { field: L("Địa chỉ", "Address"), levels: &[
        lv("trùng (số nhà, đường, phường/quận khớp; hay địa chỉ giao hàng của dòng này là địa chỉ của dòng kia)", "same (house number, street, ward/district agree; or one row's delivery address is the other's address)", ADDR_SAME),
        lv("cùng số nhà và đường, không gì xác nhận", "same house and street, nothing to confirm it", ADDR_CLOSE),
        lv("khác", "different", ADDR_DIFF),
    ]},
    Comparison { field: L("Tỉnh", "Province"), levels: &[
        lv("cùng tỉnh", "same province", PROVINCE_SAME),
        lv("khác tỉnh", "different provinces", PROVINCE_DIFF),
    ]},
    Comparison { field: L("Kết luận", "Verdict"), levels: &[
        lv("gộp từ (cần MST, email, di động, số văn phòng, số nhà riêng cùng họ tên đủ (hay cùng tên, thiếu tên đệm, tại địa chỉ của nhà), địa chỉ xác nhận, người liên hệ của công ty tại địa chỉ của nó hoặc họ tên đủ hiếm cùng một thôn/ấp)", "merge from (needs a tax code, email, mobile, office number, home number under one whole name (or one name with the middle left out, at the home's address), a confirmed address, a company's contact person at its address, or a rare whole name in one hamlet)", MERGE),
        lv("cần người xem từ (cần chung một thứ ngoài tên)", "a person looks from (needs something shared besides a name)", REVIEW),
    ]},
];

/// The table as text, one line per outcome.
pub fn describe(lang: crate::i18n::Lang) -> String {
    let mut out = String::new();
    for c in COMPARISONS {
        out.push_str(c.field.t(lang));
        out.push('\n');
        for l in c.levels {
            let bits = l.bits.map_or("     ·".to_owned(), |b| format!("{b:+6.1}"));
            out.push_str(&format!("  {bits}  {}\n", l.outcome.t(lang)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every weight of this module is in the table `explain` prints.
    #[test]
    fn the_table_lists_every_weight() {
        let listed: Vec<f32> = COMPARISONS
            .iter()
            .flat_map(|c| c.levels.iter().filter_map(|l| l.bits))
            .collect();
        let src = include_str!("weights.rs");
        let consts = src
            .lines()
            .filter(|l| l.starts_with("pub const ") && l.contains(": f32 ="))
            .count();
        assert_eq!(listed.len(), consts, "one level per weight constant");
        for w in [
            TAX_SAME,
            EMAIL_SAME,
            MOBILE_SAME,
            ORG_LANDLINE,
            GIVEN_DIFF,
            ADDR_CLOSE,
        ] {
            assert!(listed.contains(&w));
        }
        assert!(describe(crate::i18n::Lang::En).contains("different given names"));
    }
}
