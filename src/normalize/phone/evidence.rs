//! Weighing a doubtful reading with what the row says: its province, its date, its other
//! numbers, the label or column a number stands under, the way it was typed. The rules are the
//! ordered lists in [`trap`] and [`old_code`]; only what they leave open goes to a human.
//!
//! The cleaned book is read again next week, in national form, under the same row. So evidence
//! that cleaning erases (a label, the grouping typed, an 11-digit sibling) may convert a reading
//! (the converted value then stands on its own), while evidence that stays (province, date,
//! column, the other numbers) only decides between a silent mobile and a doubt: a value never
//! changes on a second run.

use super::tables::carrier_prefix;
use super::{
    AreaCode, Line, Nat, ParsedPhones, Phone, PhoneDoubt, PhoneHint, PhoneKind, Question, Typed,
};
use crate::normalize::address::{self, Province, ProvinceAgreement};
use chrono::NaiveDate;

/// The 2018 mobile renumbering ran 15 Sep – 14 Nov 2018. A row dated after it was written when
/// 03x, 07x, 081–085 and 056/058/059 were mobiles and the old landline forms (changed by Aug
/// 2017) no longer dialled.
fn after_mobile_switch(date: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(2018, 11, 15).is_some_and(|end| date >= end)
}

/// Before 15 Sep 2018 no 03x, 07x, 081–085 or 056/058/059 number was a mobile.
fn before_mobile_switch(date: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(2018, 9, 15).is_some_and(|start| date < start)
}

/// The 2017 landline renumbering ended in its third phase (Hà Nội, TP.HCM and 21 others): from
/// 17 June 2017, with the old codes answered by a recorded message until 31 Aug 2017. From
/// September 2017 no old-form landline dialled anywhere.
fn after_landline_switch(date: NaiveDate) -> bool {
    NaiveDate::from_ymd_opt(2017, 9, 1).is_some_and(|end| date >= end)
}

/// How the row's province relates to an old area code's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The same unit, or the row's 2025 unit holds the code's (Bình Dương's 0650 in "TP.HCM").
    Same,
    /// No province, or two old units merged into a third: no evidence either way.
    Unknown,
    Different,
}

/// What a doubtful reading becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The mobile, silently (the landline reading kept for matching).
    Mobile,
    /// The mobile, and a person should look.
    MobileCheck,
    /// The landline, on evidence.
    Landline,
    /// The landline, and a person should look.
    LandlineCheck,
}

/// The evidence a row offers, gathered once.
struct Row {
    province: Option<&'static Province>,
    after_switch: bool,
    /// Dated after the 2017 landline switch: an old-form landline no longer dialled.
    after_landline_switch: bool,
    /// Dated before the 2018 mobile switch: the prefixes it gave out were not mobiles yet.
    before_switch: bool,
    organisation: bool,
    /// The row holds an 11-digit mobile (`0166…`): it was last written before the 2018 switch.
    old_mobile_form: bool,
    /// New area codes (`"237"`) of the row's landlines that needed no evidence.
    landline_areas: Vec<&'static str>,
    /// The row's mobile-shaped numbers not typed like landlines.
    mobiles: usize,
}

fn province_by_key(key: &str) -> Option<&'static Province> {
    let find = |k: &str| address::PROVINCES.iter().find(|p| p.key == k);
    find(key).or_else(|| super::area_code_by_province(key).and_then(|a| find(a.key)))
}

/// The area code (new, as in [`AreaCode::new`]) of a landline in national form.
fn area_of(national: &str) -> Option<&'static str> {
    let nsn = national.strip_prefix('0')?;
    super::AREA_CODES
        .iter()
        .find(|a| nsn.starts_with(a.new))
        .map(|a| a.new)
}

impl Row {
    fn new(hint: &PhoneHint<'_>, cells: &[(ParsedPhones, Vec<(usize, Question)>)]) -> Row {
        let mut landline_areas = Vec::new();
        let mut old_mobile_form = false;
        let mut mobiles = 0;
        for (parsed, questions) in cells {
            for (i, p) in parsed.phones.iter().enumerate() {
                old_mobile_form |= p.kind == PhoneKind::Mobile && p.renumbered_from.is_some();
                let question = questions.iter().find(|&&(q, _)| q == i).map(|&(_, q)| q);
                match (p.kind, question) {
                    (PhoneKind::Landline, None) => landline_areas.extend(area_of(&p.national)),
                    (PhoneKind::Mobile, None) => mobiles += 1,
                    (_, Some(q)) if !typed_apart(&q) && p.kind == PhoneKind::Mobile => mobiles += 1,
                    _ => {}
                }
            }
        }
        Row {
            province: hint.province_key.and_then(province_by_key),
            after_switch: hint.date.is_some_and(after_mobile_switch),
            after_landline_switch: hint.date.is_some_and(after_landline_switch),
            before_switch: hint.date.is_some_and(before_mobile_switch),
            organisation: hint.organisation,
            old_mobile_form,
            landline_areas,
            mobiles,
        }
    }

    fn place(&self, area: &AreaCode) -> Place {
        let (Some(row), Some(code)) = (self.province, province_by_key(area.key)) else {
            return Place::Unknown;
        };
        match address::province_agreement(row, code) {
            // The row names a unit that joined the code's province in 2025 (Bình Dương, Bà Rịa -
            // Vũng Tàu for TP.HCM's 08): written under the old map, where its landlines had
            // their own code.
            ProvinceAgreement::Same if row.key != code.key && row.merged_2025 == code.name => {
                Place::Different
            }
            ProvinceAgreement::Same => Place::Same,
            ProvinceAgreement::MergedTogether => Place::Unknown,
            ProvinceAgreement::Different => Place::Different,
        }
    }

    /// Another landline of the row is in this area: the old code is the customer's own.
    fn has_area(&self, area: &AreaCode) -> bool {
        self.landline_areas.contains(&area.new)
    }
}

/// A number that is a mobile today and a pre-2017 landline of `area`. First rule that applies:
fn trap(line: Line, typed: Typed, mobile: &Nat, area: &AreaCode, row: &Row) -> Verdict {
    let carrier = carrier_prefix(mobile.nsn());
    // 1. A label in the cell names the line ("DĐ:", "Fax:", "ĐT bàn"); a "Mobile:" label
    //    cannot make a mobile of a prefix no carrier has (`Mobile: 031-3447082`, Hải Phòng's
    //    old landline): the book would write it bare, and next week's run would read it back
    //    as the landline, an edit no one made.
    match line {
        Line::Mobile if carrier => return Verdict::Mobile,
        Line::Landline => return Verdict::Landline,
        Line::Mobile | Line::LandlineHint | Line::Any => {}
    }
    let place = row.place(area);
    let supported = place == Place::Same || row.has_area(area);
    // 2. No carrier has the prefix (030, 031): only the landline reading can be called.
    if !carrier {
        return if supported {
            Verdict::Landline
        } else {
            Verdict::LandlineCheck
        };
    }
    // 3. The row still holds an 11-digit mobile, so it was written before 2018; its prefix was
    //    given to mobiles only in that switch (`0166…` → `036…`): it was not a mobile then.
    if row.old_mobile_form && new_in_2018(mobile) {
        return Verdict::Landline;
    }
    // 4. Typed the way landlines were written, the old area code apart: `(08) 3822 1234`. With
    //    the province and either the customer's mobile beside it or a date when the prefix was
    //    no mobile yet (`(033) 3551108` in Quảng Ninh, 2015), that is the landline; otherwise a
    //    person decides.
    if typed == Typed::AreaCodeApart {
        let no_mobile_then = row.before_switch && new_in_2018(mobile);
        return if place == Place::Same && (row.mobiles > 0 || no_mobile_then) {
            Verdict::Landline
        } else {
            Verdict::MobileCheck
        };
    }
    // 5. The customer is in another province: it would be someone else's landline.
    if place == Place::Different {
        return Verdict::Mobile;
    }
    // 6. The row is from after the mobile switch, or its landline is another number: the
    //    mobile. So is a prefix that was a mobile before 2017 (086, 088, 089) on a row from after
    //    the landline switch, when the old landline form no longer dialled. (How a number was
    //    grouped is not used this way: the cleaned national form loses it, and next week's run
    //    must not find a doubt this week's did not.)
    let mobile_then = row.after_landline_switch && mobile_before_2017(mobile);
    if row.after_switch || mobile_then || !row.landline_areas.is_empty() {
        return Verdict::Mobile;
    }
    // 7. A landline column or a "Tel:" label: people put mobiles there too. The column stays
    //    with the cleaned national form, so it never converts (next week's run would convert a
    //    renumbered 0120… mobile, now 070…): a person decides.
    if line == Line::LandlineHint {
        return Verdict::MobileCheck;
    }
    // 8. Nothing but the province (or, for an organisation, the letterhead habit) points to
    //    the landline: a real doubt. TP.HCM's `08` + 8 digits lands here: 082–089 are mobiles.
    if supported || (row.organisation && place == Place::Unknown) {
        return Verdict::MobileCheck;
    }
    Verdict::Mobile
}

/// Whether a mobile's prefix came with the 2018 renumbering (032–039, 070, 076–079, 081–085,
/// 056, 058, 059), as opposed to 086, 088, 089 and 09x, which were 10-digit mobiles before it.
fn new_in_2018(mobile: &Nat) -> bool {
    let prefix = mobile.bytes().get(..3).unwrap_or(&[]);
    super::MOBILE_RENUMBERING
        .iter()
        .any(|(_, new)| new.as_bytes() == prefix)
}

/// Whether a mobile's prefix was given to mobiles before the 2017 landline switch and also
/// reads as an old TP.HCM `08` landline: VinaPhone 088, Viettel 086, MobiFone 089.
fn mobile_before_2017(mobile: &Nat) -> bool {
    matches!(mobile.bytes().get(..3), Some(b"086" | b"088" | b"089"))
}

/// A number that only reads as a pre-2017 landline of `area`. Old codes starting with 2 share
/// today's landline space, so the digits may as well be a slip in a current number: `020 769
/// 4942` is Lào Cai's old code, or a Tuyên Quang 0207 number missing a digit. Other old codes
/// (04, 061, 0511…) cannot be mistaken for a current number.
///
/// Nor can digits typed as a mobile under a carrier's prefix whose range no carrier uses
/// (`089 4340 776`: MobiFone's 089 numbers are 0896–0899): a mobile mistyped, or from a
/// range newer than the table, as much as TP.HCM's old `08` + 8 digits. Only the province
/// makes it the landline.
fn old_code(area: &AreaCode, row: &Row, mobile_shaped: bool) -> Verdict {
    let supported = row.place(area) == Place::Same || row.has_area(area);
    if supported || !(area.old.starts_with('2') || mobile_shaped) {
        Verdict::Landline
    } else {
        Verdict::LandlineCheck
    }
}

fn typed_apart(q: &Question) -> bool {
    matches!(
        q,
        Question::Trap {
            typed: Typed::AreaCodeApart,
            ..
        }
    )
}

/// Only a plain mobile-shaped number of a carrier's prefix weighs the row's other landlines as
/// they end up: it is decided after the rest, so that this run sees what next week's will.
fn decided_last(q: &Question) -> bool {
    match q {
        Question::Trap {
            mobile,
            line: Line::Any,
            typed: Typed::Plain,
            ..
        } => carrier_prefix(mobile.nsn()),
        _ => false,
    }
}

/// Decide every question of a row's cells, rewriting the readings they concern.
pub(super) fn settle(cells: &mut [(ParsedPhones, Vec<(usize, Question)>)], hint: &PhoneHint<'_>) {
    if cells.iter().all(|(_, q)| q.is_empty()) {
        return;
    }
    let mut row = Row::new(hint, cells);
    for last in [false, true] {
        for (parsed, questions) in cells.iter_mut() {
            for &(i, q) in questions.iter().filter(|(_, q)| decided_last(q) == last) {
                let Some(p) = parsed.phones.get_mut(i) else {
                    continue;
                };
                decide(p, q, &row);
                if p.kind == PhoneKind::Landline {
                    row.landline_areas.extend(area_of(&p.national));
                }
            }
        }
    }
    for (parsed, _) in cells.iter_mut() {
        // A converted reading may repeat a number the cell also holds in today's form.
        let mut seen: Vec<String> = Vec::with_capacity(parsed.phones.len());
        parsed.phones.retain(|p| {
            let fresh = !seen.contains(&p.national);
            if fresh {
                seen.push(p.national.clone());
            }
            fresh
        });
    }
}

fn decide(p: &mut Phone, q: Question, row: &Row) {
    match q {
        Question::Trap {
            mobile,
            landline,
            area,
            line,
            typed,
        } => {
            let as_landline = landline.string();
            let as_mobile = mobile.string();
            let verdict = trap(line, typed, &mobile, area, row);
            match verdict {
                Verdict::Mobile => {
                    p.needs_check = Some(PhoneDoubt::MobileByEvidence { as_landline });
                }
                Verdict::MobileCheck => {
                    p.needs_check = Some(PhoneDoubt::OldLandlineLooksLikeMobile { as_landline });
                }
                Verdict::Landline | Verdict::LandlineCheck => {
                    p.national = as_landline;
                    p.kind = PhoneKind::Landline;
                    p.renumbered_from = Some(as_mobile.clone());
                    p.needs_check = Some(if verdict == Verdict::Landline {
                        PhoneDoubt::LandlineByEvidence { as_mobile }
                    } else {
                        PhoneDoubt::OldAreaCodeUnconfirmed { area }
                    });
                }
            }
        }
        Question::OldCode { area } => {
            // The digits as typed, when they were ten: `0` and a carrier's two digits.
            let mobile_shaped = p
                .renumbered_from
                .as_deref()
                .and_then(|t| t.strip_prefix('0'))
                .is_some_and(|n| n.len() == 9 && carrier_prefix(n.as_bytes()));
            if old_code(area, row, mobile_shaped) == Verdict::LandlineCheck {
                p.needs_check = Some(PhoneDoubt::OldAreaCodeUnconfirmed { area });
            }
        }
    }
}

/// A landline typed without its area code, as the office dials a local number («3822 1235»
/// on a row in TP.HCM): each cell's invalid pieces of only digits (spaces, dots, dashes between)
/// that make a valid landline once the row's province's code is put in front become that
/// landline, with [`PhoneDoubt::AreaCodeAdded`] (a person looks: a mobile missing digits has
/// the same shape). Only when the code is the one a number of that length can have in the
/// province as the row writes it: eight digits are Hà Nội's or TP.HCM's (024, 028), seven any
/// other's; a unit that since 2025 holds another of the same length («Hải Phòng» may be old
/// Hải Dương, 0220 beside 0225) decides nothing.
pub(super) fn local_numbers(
    cells: &mut [(ParsedPhones, Vec<(usize, Question)>)],
    hint: &PhoneHint<'_>,
) {
    if cells.iter().all(|(parsed, _)| parsed.invalid.is_empty()) {
        return;
    }
    let Some(area) = hint.province_key.and_then(super::area_code_by_province) else {
        return;
    };
    for (parsed, _) in cells.iter_mut() {
        if parsed.invalid.is_empty() {
            continue;
        }
        let mut k = 0;
        while k < parsed.invalid.len() {
            match with_area_code(&parsed.invalid[k], area) {
                Some(national) if !parsed.phones.iter().any(|p| p.national == national) => {
                    parsed.invalid.remove(k);
                    parsed.phones.push(Phone {
                        national,
                        kind: PhoneKind::Landline,
                        renumbered_from: None,
                        needs_check: Some(PhoneDoubt::AreaCodeAdded { area }),
                        ext: None,
                    });
                }
                _ => k += 1,
            }
        }
    }
}

/// `piece` as a landline of `area`, when it is one's subscriber number and nothing else and no
/// other code of the province's 2025 unit takes numbers of its length.
fn with_area_code(piece: &str, area: &'static AreaCode) -> Option<String> {
    if !piece
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'.' | b'-'))
    {
        return None;
    }
    let digits: String = piece.chars().filter(char::is_ascii_digit).collect();
    let length = 10 - area.new.len();
    if digits.len() != length || !matches!(digits.as_bytes()[0], b'2'..=b'9') {
        return None;
    }
    let unit = |key: &str| {
        address::PROVINCES
            .iter()
            .find(|p| p.key == key)
            .map(|p| address::province_2025(p).key)
    };
    let own_unit = unit(area.key)?;
    let shared = super::AREA_CODES.iter().any(|a| {
        a.key != area.key && a.new.len() == area.new.len() && unit(a.key) == Some(own_unit)
    });
    let nsn = format!("{}{digits}", area.new);
    (!shared && super::ranges::fixed_ok(nsn.as_bytes())).then(|| format!("0{nsn}"))
}
