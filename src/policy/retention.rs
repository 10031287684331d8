//! Retention: customers who have not dealt with the company for a long time are listed, then
//! removed, by the thresholds of the policy. A customer with no date at all is never removed
//! automatically (the report counts them); a note with a keep word or an open request keeps one.

use super::file::Retention;
use chrono::{Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    /// Past the flag threshold: will be removed on this date (if removal is on).
    Flagged {
        removal: Option<NaiveDate>,
    },
    Expired,
    Kept,
    NoDate,
}

pub fn status(
    last: Option<NaiveDate>,
    note: &str,
    open_request: bool,
    r: &Retention,
    today: NaiveDate,
) -> Status {
    let Some(last) = last else {
        return Status::NoDate;
    };
    let after = |m: u32| {
        (m > 0)
            .then(|| last.checked_add_months(Months::new(m)))
            .flatten()
    };
    let removal = after(r.remove_after_months);
    if removal.is_some_and(|d| d <= today) {
        let note = note.to_lowercase();
        if open_request
            || r.keep_words
                .iter()
                .any(|w| !w.is_empty() && note.contains(&w.to_lowercase()))
        {
            return Status::Kept;
        }
        return Status::Expired;
    }
    if after(r.flag_after_months).is_some_and(|d| d <= today) {
        return Status::Flagged { removal };
    }
    Status::Active
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn thresholds_are_applied_on_the_as_of_date() {
        let r = Retention {
            flag_after_months: 36,
            remove_after_months: 48,
            keep_words: vec!["giữ lại".into()],
        };
        let today = d(2026, 11, 25);
        assert_eq!(
            status(Some(d(2025, 1, 1)), "", false, &r, today),
            Status::Active
        );
        assert_eq!(
            status(Some(d(2023, 6, 1)), "", false, &r, today),
            Status::Flagged {
                removal: Some(d(2027, 6, 1))
            }
        );
        assert_eq!(
            status(Some(d(2022, 11, 25)), "", false, &r, today),
            Status::Expired
        );
        assert_eq!(
            status(Some(d(2022, 11, 26)), "", false, &r, today),
            Status::Flagged {
                removal: Some(d(2026, 11, 26))
            }
        );
        assert_eq!(
            status(Some(d(2020, 1, 1)), "Khách cũ, GIỮ LẠI", false, &r, today),
            Status::Kept
        );
        assert_eq!(
            status(Some(d(2020, 1, 1)), "", true, &r, today),
            Status::Kept
        );
        assert_eq!(status(None, "", false, &r, today), Status::NoDate);
        let never = Retention {
            remove_after_months: 0,
            ..r
        };
        assert_eq!(
            status(Some(d(2000, 1, 1)), "", false, &never, today),
            Status::Flagged { removal: None }
        );
    }
}
