//! Date cells. Day first (Vietnam): "05/03/2024" is 5 March; "03/25/2024" is `Impossible`,
//! not silently read the American way. A whole source whose dates prove it writes the month
//! first (some impossible day first, none impossible month first: a web form's export in an
//! English locale, «3/15/2024 10:30:45») is read month first ([`month_first_sources`],
//! [`month_first`]), each such date reported by the caller.
//!
//! Accepted forms:
//! - ISO year first: "2024-03-05", "2024/03/05", with an optional time after a space or `T`
//!   ("2024-03-05 00:00:00", "2024-03-05T10:00:00Z"): ingest writes date cells that way;
//! - day first with `/` `-` `.` or spaces: "05/03/2024", "5/3/2024", "05-03-2024",
//!   "05.03.2024", optionally followed by a time ("05/03/2024 14:30", "… 2:30 CH");
//! - two-digit years: 00–69 → 20xx, 70–99 → 19xx ("5/3/24" → 2024-03-05);
//! - Vietnamese words, with or without accents: "Ngày 05 tháng 03 năm 2024"; Excel's
//!   Vietnamese short month "05-Thg3-25";
//! - a month named in English, as an English Excel shows dates and a CSV saved from it keeps
//!   them: "5-Mar-25", "05-Mar-2025", "March 5, 2025", "Dec-2024";
//! - a month alone, "tháng 3/2024", "tháng 3 năm 2024", "03/2024", "2024-03", "T3/2024": the
//!   1st of that month (a ledger's "month of sale"), so callers comparing dates get a real date;
//!   a quarter, "Quý 2/2024", "Q2/2024": the 1st of its first month;
//! - Excel serial numbers as text, 1900 system: "45356", "45356.5", "45356,5" (time dropped),
//!   recognised when the whole part is 20000..=60000 (1954–2064);
//! - compact "20240305" (8 digits, year 1900–2099 first);
//! - a weekday before any of these: "Thứ 6 15/03/2024", "Thứ Sáu, …", "CN …", "Chủ nhật …";
//! - ([`parse_latest`]) a span in one cell, "15/03/2024 - 20/04/2024", "từ … đến …": its later
//!   end.
//!
//! A year alone ("2024") is `Unparsed`: it is not a date, and inventing 1 January would put a
//! false date in the book (the caller keeps the text in the row's notes, «Ngày ghi: 2024»). Dates before 1990 or more than a year after `today` are
//! `OutOfRange` (typing slips such as 2204, or year 9999 placeholders); so are negative years.

use chrono::{Datelike, Months, NaiveDate};
use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateIssue {
    /// Not a date form this module knows.
    Unparsed,
    /// A date form with a day or month that cannot exist: 31/02/2020, 05/13/2024.
    Impossible,
    /// A real date before 1990 or after `today` + 1 year.
    OutOfRange,
}

/// Earliest plausible date in the office's books.
const EARLIEST_YEAR: i32 = 1990;
/// Excel serials accepted from a bare number (1954-10-03 ..= 2064-04-08).
const SERIALS: std::ops::RangeInclusive<u32> = 20_000..=60_000;
/// Two-digit years below this are 20xx, the rest 19xx.
const PIVOT: u32 = 70;

/// Parses a date cell; `Ok(None)` when it is blank.
pub fn parse_date(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateIssue> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let folded = fold(s);
    let (y, m, d) = parse_ymd(&folded)?;
    let date = match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None if !(1..=12).contains(&m) || !(1..=31).contains(&d) => {
            return Err(DateIssue::Impossible)
        }
        // A valid day and month that do not fit (31/02) in a year chrono cannot hold.
        None if !(EARLIEST_YEAR..=today.year().saturating_add(1)).contains(&y) => {
            return Err(DateIssue::OutOfRange)
        }
        None => return Err(DateIssue::Impossible),
    };
    let latest = today
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    if date.year() < EARLIEST_YEAR || date > latest {
        return Err(DateIssue::OutOfRange);
    }
    Ok(Some(date))
}

/// A row's date when the ledger has several date columns ("Ngày tạo", "Ngày mua hàng"),
/// joined as one value ("2023-02-01 / 2024-06-05"): the latest, when every one of them is a
/// date; otherwise as [`parse_date`] reads the whole value ("12 / 05 / 2024" is one date).
pub fn parse_latest(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateIssue> {
    let whole = parse_date(raw, today);
    if whole.is_ok() {
        return whole;
    }
    // Also a span a clerk typed in one cell, «15/03/2024 - 20/04/2024», «từ … đến …»: its
    // later end is the last dealing.
    let Some(sep) = [" / ", " - ", " – ", " đến ", " den "]
        .into_iter()
        .find(|s| raw.contains(s))
    else {
        return whole;
    };
    let mut latest = None;
    for part in raw.split(sep) {
        match parse_date(part, today) {
            Ok(Some(d)) => latest = latest.max(Some(d)),
            _ => return whole,
        }
    }
    Ok(latest)
}

/// Lower-case, accents dropped ("Ngày" → "ngay"); ASCII input is borrowed.
fn fold(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
    Cow::Owned(out)
}

/// Words allowed around the numbers, and whether they say "a month is meant".
/// «Thg3», Excel's Vietnamese short month ("05-Thg3-25"), marks a month too.
const WORDS: &[(&str, bool)] = &[
    ("ngay", false),
    ("thang", true),
    ("thg", true),
    // «T3/2024»: the month of a sale, as a clerk shortens «tháng».
    ("t", true),
    ("nam", false),
    // «từ 15/03/2024 đến 20/04/2024»: a span's first end (see [`parse_latest`]).
    ("tu", false),
    // A weekday before the date: «CN 17/03/2024», «Chủ nhật …» (and «Thứ 6 …»: [`parse_ymd`]).
    ("cn", false),
    ("chu", false),
    ("nhat", false),
];

/// A month named in English, as an English Excel shows a date and a CSV saved from it keeps
/// ("5-Mar-25", "March 5, 2025").
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) && (word.len() == 3 || word.len() == m.len()))
        .map(|i| i as u32 + 1)
}

type Ymd = (i32, u32, u32);

fn parse_ymd(s: &str) -> Result<Ymd, DateIssue> {
    if let Some(r) = excel_serial(s) {
        return r;
    }
    let date_part = strip_time(s).ok_or(DateIssue::Unparsed)?;
    let negative = date_part.starts_with('-');
    let mut nums: Vec<&str> = Vec::with_capacity(3);
    let mut month_word = false;
    let mut quarter = false;
    let mut named: Option<u32> = None;
    let mut separators = 0usize;
    let bytes = date_part.as_bytes();
    let mut i = usize::from(negative);
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            nums.push(&date_part[start..i]);
        } else if b.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &date_part[start..i];
            // «Thứ 6 15/03/2024», «Thứ Sáu …»: the weekday is no part of the date.
            if word == "thu" {
                let rest = &date_part[i..];
                let day = rest.trim_start_matches([' ', ',']);
                let len = [
                    "2", "3", "4", "5", "6", "7", "hai", "ba", "tu", "nam", "sau", "bay",
                ]
                .iter()
                .find(|w| {
                    day.starts_with(**w)
                        && !day[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                })
                .map(|w| w.len())
                .ok_or(DateIssue::Unparsed)?;
                i += rest.len() - day.len() + len;
                continue;
            }
            // «Quý 2/2024», «Q2/2024»: a quarter of sales.
            if matches!(word, "quy" | "q") {
                quarter = true;
                continue;
            }
            match WORDS.iter().find(|(w, _)| *w == word) {
                Some(&(_, month)) => month_word |= month,
                None => match month_named(word) {
                    Some(m) if named.is_none() => named = Some(m),
                    _ => return Err(DateIssue::Unparsed),
                },
            }
        } else if matches!(b, b'/' | b'-' | b'.' | b' ' | b',') {
            separators += 1;
            i += 1;
        } else {
            return Err(DateIssue::Unparsed);
        }
        if nums.len() > 3 || separators > 8 {
            return Err(DateIssue::Unparsed);
        }
    }
    if negative && !nums.is_empty() {
        return Err(DateIssue::OutOfRange);
    }
    if let Some(m) = named {
        // "5-Mar-25", "March 5, 2025", "05 Mar 2025", "Mar-2025"
        return match nums.as_slice() {
            [a, b] if b.len() == 4 || (a.len() <= 2 && b.len() == 2) => {
                Ok((year(b)?, m, num(a, 2)?))
            }
            [y] if y.len() == 4 => Ok((year(y)?, m, 1)),
            _ => Err(DateIssue::Unparsed),
        };
    }
    if quarter {
        // Its first day, as a month alone gives the month's.
        return match nums.as_slice() {
            [q, y] if q.len() == 1 && y.len() == 4 && ("1"..="4").contains(q) => {
                Ok((year(y)?, (num(q, 1)? - 1) * 3 + 1, 1))
            }
            _ => Err(DateIssue::Unparsed),
        };
    }
    match nums.as_slice() {
        [a, b, c] if a.len() == 4 => Ok((year(a)?, num(b, 2)?, num(c, 2)?)),
        [d, m, y] => Ok((year(y)?, num(m, 2)?, num(d, 2)?)),
        [y, m] if y.len() == 4 && m.len() <= 2 => Ok((year(y)?, num(m, 2)?, 1)),
        [m, y] if m.len() <= 2 && (y.len() == 4 || (month_word && y.len() == 2)) => {
            Ok((year(y)?, num(m, 2)?, 1))
        }
        [n] if n.len() == 8 && (n.starts_with("19") || n.starts_with("20")) => {
            Ok((year(&n[..4])?, num(&n[4..6], 2)?, num(&n[6..], 2)?))
        }
        _ => Err(DateIssue::Unparsed),
    }
}

/// A day or month: 1–2 digits.
fn num(s: &str, max_len: usize) -> Result<u32, DateIssue> {
    if s.is_empty() || s.len() > max_len {
        return Err(DateIssue::Unparsed);
    }
    s.parse().map_err(|_| DateIssue::Unparsed)
}

/// A year of 2 or 4 digits; longer ones are real numbers but absurd years.
fn year(s: &str) -> Result<i32, DateIssue> {
    match s.len() {
        2 => {
            let y: u32 = s.parse().map_err(|_| DateIssue::Unparsed)?;
            let century = if y < PIVOT { 2000 } else { 1900 };
            Ok(century + y as i32)
        }
        4 => s.parse().map_err(|_| DateIssue::Unparsed),
        n if n > 4 => Err(DateIssue::OutOfRange),
        _ => Err(DateIssue::Unparsed),
    }
}

/// "45356" or "45356.5" (Excel 1900 system) → date, when the whole part is in `SERIALS`.
fn excel_serial(s: &str) -> Option<Result<Ymd, DateIssue>> {
    let (whole, frac) = match s.find(['.', ',']) {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if whole.len() != 5 || !digits(whole) || !frac.is_none_or(digits) {
        return None;
    }
    let serial: u32 = whole.parse().ok()?;
    if !SERIALS.contains(&serial) {
        return None;
    }
    // Serial 60 is Excel's phantom 1900-02-29, so from 61 on day 0 is 1899-12-30.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_days(chrono::Days::new(u64::from(serial)))?;
    Some(Ok((date.year(), date.month(), date.day())))
}

/// The date part of "date time"; `None` when what follows the date is not a time.
/// The first two fields of a numeric day-month-year date in the order written («15/3/2024»,
/// «3-15-24 10:30»: the date before any time); `None` for any other form.
fn two_fields(part: &str) -> Option<(u32, u32)> {
    let d = part.trim().split([' ', 'T', 't']).next()?;
    let mut fields = d.split(['/', '-', '.']);
    let (a, b, y) = (fields.next()?, fields.next()?, fields.next()?);
    let digits =
        |f: &str, lens: &[usize]| lens.contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit());
    if fields.next().is_some() || !digits(a, &[1, 2]) || !digits(b, &[1, 2]) || !digits(y, &[2, 4])
    {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// The sources (by index) whose date cells are written month first: at least one reads only
/// month first (its second field over 12) and none only day first. One American date typed
/// among day-first ones decides nothing: a day-first ledger has days over 12 on most rows.
pub fn month_first_sources<'a>(cells: impl Iterator<Item = (u32, &'a str)>) -> Vec<u32> {
    let mut seen: Vec<(u32, usize, usize)> = Vec::new();
    for (source, cell) in cells {
        for part in cell.split(" / ") {
            let Some((a, b)) = two_fields(part) else {
                continue;
            };
            let (day_first, month_first) = (a > 12 && b <= 12, b > 12 && a <= 12);
            if !day_first && !month_first {
                continue;
            }
            let k = match seen.iter().position(|s| s.0 == source) {
                Some(k) => k,
                None => {
                    seen.push((source, 0, 0));
                    seen.len() - 1
                }
            };
            seen[k].1 += usize::from(day_first);
            seen[k].2 += usize::from(month_first);
        }
    }
    seen.into_iter()
        .filter(|&(_, day_first, month_first)| month_first > 0 && day_first == 0)
        .map(|(source, _, _)| source)
        .collect()
}

/// A cell of a month-first source written day first: each numeric date's first two fields
/// swapped («3/15/2024 10:30» → «15/3/2024 10:30»); other forms as they are.
pub fn month_first(cell: &str) -> Cow<'_, str> {
    if !cell.split(" / ").any(|p| two_fields(p).is_some()) {
        return Cow::Borrowed(cell);
    }
    let parts: Vec<String> = cell
        .split(" / ")
        .map(|part| {
            if two_fields(part).is_none() {
                return part.to_string();
            }
            let lead = part.len() - part.trim_start().len();
            let body = &part[lead..];
            let a_end = body.find(['/', '-', '.']).unwrap_or(0);
            let b_end = a_end + 1 + body[a_end + 1..].find(['/', '-', '.']).unwrap_or(0);
            format!(
                "{}{}{}{}{}",
                &part[..lead],
                &body[a_end + 1..b_end],
                &body[a_end..=a_end],
                &body[..a_end],
                &body[b_end..]
            )
        })
        .collect();
    Cow::Owned(parts.join(" / "))
}

fn strip_time(s: &str) -> Option<&str> {
    let Some(colon) = s.find(':') else {
        return Some(s);
    };
    // The time starts at the last space or 'T' before the first colon.
    let cut = s[..colon].rfind([' ', 't'])?;
    let (date, time) = (&s[..cut], &s[cut + 1..]);
    let time = time.trim();
    // A Google Form's «10:22:33 SA GMT+7»: the zone after the time.
    let time = match time.rfind(" gmt").or_else(|| time.rfind(" utc")) {
        Some(z) => time[..z].trim_end(),
        None => time,
    };
    let time = ["sa", "ch", "am", "pm"]
        .iter()
        .find_map(|suffix| time.strip_suffix(suffix))
        .unwrap_or(time)
        .trim_end();
    let time_ok = time.starts_with(|c: char| c.is_ascii_digit())
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'z' | b'+' | b'-'));
    time_ok.then(|| date.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_source_proves_it_writes_the_month_first() {
        let rows = [
            (0, "3/15/2024 10:30:45"),
            (0, "4/2/2024 9:00:01"),
            (1, "15/03/2024"),
            (1, "03/15/2024"),
            (2, "05/03/2024"),
            (3, "2024-03-15 / 12/25/2023"),
        ];
        assert_eq!(month_first_sources(rows.into_iter()), [0, 3]);
        assert_eq!(month_first("3/15/2024 10:30:45"), "15/3/2024 10:30:45");
        assert_eq!(month_first("12-25-23"), "25-12-23");
        assert_eq!(
            month_first("2024-03-15 / 12/25/2023"),
            "2024-03-15 / 25/12/2023"
        );
        assert_eq!(month_first("tháng 3/2024"), "tháng 3/2024");
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(
            parse_date(&month_first("4/2/2024 9:00:01"), today),
            Ok(NaiveDate::from_ymd_opt(2024, 4, 2))
        );
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 24).unwrap()
    }

    fn ymd(y: i32, m: u32, d: u32) -> Result<Option<NaiveDate>, DateIssue> {
        Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn table() {
        use DateIssue::*;
        let cases: &[(&str, Result<Option<NaiveDate>, DateIssue>)] = &[
            ("", Ok(None)),
            ("   ", Ok(None)),
            // An English Excel's display, kept by a CSV saved from it; Vietnamese «Thg3».
            ("5-Mar-25", ymd(2025, 3, 5)),
            // A Google Form's timestamp.
            ("2025/03/05 10:22:33 SA GMT+7", ymd(2025, 3, 5)),
            ("5/3/2025 14:05:01 UTC+07:00", ymd(2025, 3, 5)),
            ("05-Mar-2025", ymd(2025, 3, 5)),
            ("March 5, 2025", ymd(2025, 3, 5)),
            ("Mar 5 2025", ymd(2025, 3, 5)),
            ("5 Sept 2025", ymd(2025, 9, 5)),
            ("Dec-2024", ymd(2024, 12, 1)),
            ("05-Thg3-25", ymd(2025, 3, 5)),
            ("30-Feb-24", Err(Impossible)),
            ("5-Mars-25", Err(Unparsed)),
            ("5-Mar-Apr-25", Err(Unparsed)),
            ("2024-03-05", ymd(2024, 3, 5)),
            ("2024-03-05 00:00:00", ymd(2024, 3, 5)),
            ("2024-03-05T10:00:00", ymd(2024, 3, 5)),
            ("2024-03-05T10:00:00.000Z", ymd(2024, 3, 5)),
            ("2024-03-05T10:00:00+07:00", ymd(2024, 3, 5)),
            ("2024/03/05", ymd(2024, 3, 5)),
            ("05/03/2024", ymd(2024, 3, 5)),
            (" 5/3/2024 ", ymd(2024, 3, 5)),
            ("05-03-2024", ymd(2024, 3, 5)),
            ("05.03.2024", ymd(2024, 3, 5)),
            ("05 03 2024", ymd(2024, 3, 5)),
            ("5/3/24", ymd(2024, 3, 5)),
            ("5/3/99", ymd(1999, 3, 5)),
            ("5/3/70", Err(OutOfRange)),
            ("05/03/2024 14:30", ymd(2024, 3, 5)),
            ("05/03/2024 2:30:00 CH", ymd(2024, 3, 5)),
            ("Ngày 05 tháng 03 năm 2024", ymd(2024, 3, 5)),
            ("ngay 5 thang 3 nam 2024", ymd(2024, 3, 5)),
            ("NGÀY 05 THÁNG 03 NĂM 2024", ymd(2024, 3, 5)),
            ("tháng 3/2024", ymd(2024, 3, 1)),
            ("Tháng 03 năm 2024", ymd(2024, 3, 1)),
            ("tháng 3/24", ymd(2024, 3, 1)),
            ("03/2024", ymd(2024, 3, 1)),
            ("2024-03", ymd(2024, 3, 1)),
            ("T3/2024", ymd(2024, 3, 1)),
            // A quarter: its first day.
            ("Quý 2/2024", ymd(2024, 4, 1)),
            ("quý 2 năm 2024", ymd(2024, 4, 1)),
            ("Q2/2024", ymd(2024, 4, 1)),
            ("Q2-2024", ymd(2024, 4, 1)),
            ("Quý 5/2024", Err(Unparsed)),
            ("45356", ymd(2024, 3, 5)),
            ("45356.5", ymd(2024, 3, 5)),
            ("45356,75", ymd(2024, 3, 5)),
            ("20240305", ymd(2024, 3, 5)),
            ("2024", Err(Unparsed)),
            ("năm 2024", Err(Unparsed)),
            ("5/3", Err(Unparsed)),
            ("3/24", Err(Unparsed)),
            ("12345", Err(Unparsed)),
            ("abc", Err(Unparsed)),
            ("05/03/2024 xyz", Err(Unparsed)),
            ("5/3/024", Err(Unparsed)),
            ("1/2/3/4", Err(Unparsed)),
            ("31/02/2020", Err(Impossible)),
            ("29/02/2023", Err(Impossible)),
            ("29/02/2024", ymd(2024, 2, 29)),
            ("03/25/2024", Err(Impossible)),
            ("00/03/2024", Err(Impossible)),
            ("32/01/2024", Err(Impossible)),
            ("2024-02-30", Err(Impossible)),
            ("05/03/9999", Err(OutOfRange)),
            ("9999-12-31", Err(OutOfRange)),
            ("05/03/99999", Err(OutOfRange)),
            ("-2024-03-05", Err(OutOfRange)),
            ("01/01/1989", Err(OutOfRange)),
            ("01/01/1990", ymd(1990, 1, 1)),
            ("24/11/2026", ymd(2026, 11, 24)),
            ("25/11/2026", Err(OutOfRange)),
            ("05/03/2204", Err(OutOfRange)),
            ("20000", Err(OutOfRange)),
            // A weekday before the date.
            ("Thứ 6 15/03/2024", ymd(2024, 3, 15)),
            ("Thứ Sáu, 15/03/2024", ymd(2024, 3, 15)),
            ("Chủ nhật 17/03/2024", ymd(2024, 3, 17)),
            ("CN 17/03/2024", ymd(2024, 3, 17)),
            ("Thứ 9 15/03/2024", Err(Unparsed)),
            ("Thứ 6 15/03", Err(Unparsed)),
        ];
        for (raw, want) in cases {
            assert_eq!(&parse_date(raw, today()), want, "{raw:?}");
        }
        // A span typed in one cell: its later end.
        for (raw, want) in [
            ("15/03/2024 - 20/04/2024", ymd(2024, 4, 20)),
            ("từ 15/03/2024 đến 20/04/2024", ymd(2024, 4, 20)),
            ("2023-02-01 / 2024-06-05", ymd(2024, 6, 5)),
            ("15 - 03 - 2024", ymd(2024, 3, 15)),
            ("15/03/2024 - hết hạn", Err(Unparsed)),
        ] {
            assert_eq!(parse_latest(raw, today()), want, "{raw:?}");
        }
    }

    #[test]
    fn serial_boundaries() {
        // Excel: 1 = 1900-01-01, 61 = 1900-03-01, 45292 = 2024-01-01.
        assert_eq!(excel_serial("45292"), Some(Ok((2024, 1, 1))));
        assert_eq!(excel_serial("60000"), Some(Ok((2064, 4, 8))));
        assert_eq!(excel_serial("60001"), None);
        assert_eq!(excel_serial("19999"), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_date(&s, today());
        }

        #[test]
        fn never_panics_on_date_like(s in "[0-9/.:, T-]{0,24}") {
            if let Ok(Some(d)) = parse_date(&s, today()) {
                prop_assert!(d.year() >= EARLIEST_YEAR);
            }
        }

        #[test]
        fn day_first_round_trip(d in 1u32..=28, m in 1u32..=12, y in 1990i32..=2026) {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let want = if date > today().checked_add_months(Months::new(12)).unwrap() {
                Err(DateIssue::OutOfRange)
            } else {
                Ok(Some(date))
            };
            prop_assert_eq!(parse_date(&format!("{d:02}/{m:02}/{y}"), today()), want.clone());
            prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string(), today()), want);
        }
    }

    /// Several date columns joined: the latest is the row's date; one that is no date makes
    /// the value one to check, as typed; a date typed with spaces around its slashes is one.
    #[test]
    fn the_latest_of_several_dates() {
        let today = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
        let d = |y, m, dd| Ok(NaiveDate::from_ymd_opt(y, m, dd));
        assert_eq!(
            parse_latest("2023-02-01 / 05/06/2024", today),
            d(2024, 6, 5)
        );
        assert_eq!(
            parse_latest("05/06/2024 / 2023-02-01", today),
            d(2024, 6, 5)
        );
        assert_eq!(parse_latest("12 / 05 / 2024", today), d(2024, 5, 12));
        assert!(parse_latest("2023-02-01 / hôm qua", today).is_err());
        assert_eq!(parse_latest("", today), Ok(None));
    }
}
