//! Re-admission («Nhận lại»): a customer deleted on request who agreed again, with the office,
//! to be a customer. The identifiers the request names (phone, email, tax code) that were hers
//! leave the suppression list from the day it is carried out; her other hashed identifiers (an
//! old email, name + address, invoice lines) stay on it, so the old ledgers' rows of her do not
//! come back with the data she had erased.
//!
//! Each row carrying her identifiers is on one side of the re-admission: *after* when it
//! carries a lifted identifier, none of her others, and is not dated on or before her deletion
//! (or is dated after the re-admission's date); *before* otherwise. Rows before stay out; rows
//! after are read as a new customer, kept apart from the rows before (the matcher would join
//! them by the phone they share).

use super::requests::{Kind, Request};
use super::{id_hash, identity_hashes, request_hash};
use crate::keys::{Fp, Keyer};
use crate::matching::Decision;
use crate::normalize::Norm;
use crate::state::{Readmitted, Suppressed};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Why a «Nhận lại» is not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotApplicable {
    /// No deleted customer holds the phone, email, tax code or Mã KH it names.
    NoDeletedMatch,
    /// It names no phone, email or tax code: the state keeps no names, and a Mã KH alone
    /// lifts nothing a row carries.
    NoIdentifier,
    /// Its identifiers belong to several deleted customers (how many).
    SeveralDeleted(usize),
}

/// What a «Nhận lại» came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Her identifiers it names are off the suppression list (this run or before).
    Lifted {
        hashes: Vec<Fp>,
        deletion: Suppressed,
    },
    Not(NotApplicable),
}

/// The re-admissions in effect this run: those the state remembers and this run's requests.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per request (in the book's order), for a «Nhận lại»: its outcome.
    pub outcomes: Vec<Option<Outcome>>,
    /// Every lifted identifier → its re-admission.
    pub lifted: HashMap<Fp, Readmitted>,
    /// Those lifted by this run's requests (the state records them).
    pub new: Vec<(Fp, Readmitted)>,
    /// The deletions re-admitted: their identifiers still suppressed mark rows before.
    deletions: HashSet<(String, String, u32)>,
}

/// Which side of a re-admission a row of the re-admitted person is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// Hers before the deletion: stays out, with the deletion that removed it.
    Before(Suppressed),
    After,
}

fn deletion_key(s: &Suppressed) -> (String, String, u32) {
    (s.done.clone(), s.received.clone(), s.row)
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The keyed hashes of the phones, emails and tax code a request names, as rows carry them.
pub(super) fn named_hashes(req: &Request, keyer: &Keyer) -> Vec<Fp> {
    use crate::normalize::{email, phone, taxcode};
    let mut wanted: Vec<Fp> = Vec::new();
    for p in phone::parse_phones(&req.phone, phone::PhoneHint::default()).phones {
        wanted.push(keyer.fp(&["phone", &p.key().to_string()]));
    }
    for e in email::parse_emails(&req.email).valid {
        wanted.push(keyer.fp(&["email", &e]));
    }
    if let Ok(t) = taxcode::parse_tax_code(&req.tax) {
        wanted.push(keyer.fp(&["tax", t.code.as_str()]));
    }
    wanted
}

impl Plan {
    /// This run's «Nhận lại» requests against the suppression list. One carried out before
    /// (its hash among `requests_done`) lifts nothing again: left in the book after the
    /// customer was deleted a second time, it must not bring her back.
    pub fn new(
        requests: &[Request],
        suppression: &HashMap<Fp, Suppressed>,
        remembered: HashMap<Fp, Readmitted>,
        requests_done: &HashMap<Fp, String>,
        keyer: &Keyer,
        today: NaiveDate,
    ) -> Plan {
        let mut plan = Plan {
            lifted: remembered,
            ..Default::default()
        };
        for req in requests {
            if req.kind != Kind::Readmit {
                plan.outcomes.push(None);
                continue;
            }
            let outcome = plan.one(req, suppression, requests_done, keyer, today);
            plan.outcomes.push(Some(outcome));
        }
        plan.deletions = plan
            .lifted
            .values()
            .map(|r| deletion_key(&r.deletion))
            .collect();
        plan
    }

    fn one(
        &mut self,
        req: &Request,
        suppression: &HashMap<Fp, Suppressed>,
        requests_done: &HashMap<Fp, String>,
        keyer: &Keyer,
        today: NaiveDate,
    ) -> Outcome {
        let named = named_hashes(req, keyer);
        let id = (!req.customer_id.trim().is_empty()).then(|| id_hash(keyer, &req.customer_id));
        // The deletion each named identifier comes from, lifted already or not.
        let deletion_of = |h: &Fp| {
            suppression
                .get(h)
                .cloned()
                .or_else(|| self.lifted.get(h).map(|r| r.deletion.clone()))
        };
        let mut deletions: Vec<Suppressed> = named
            .iter()
            .chain(id.iter())
            .filter_map(deletion_of)
            .collect();
        deletions.sort_by_key(deletion_key);
        deletions.dedup();
        let deletion = match deletions.as_slice() {
            [] => return Outcome::Not(NotApplicable::NoDeletedMatch),
            [d] => d.clone(),
            many => return Outcome::Not(NotApplicable::SeveralDeleted(many.len())),
        };
        if named.is_empty() {
            return Outcome::Not(NotApplicable::NoIdentifier);
        }
        let hashes: Vec<Fp> = named
            .into_iter()
            .filter(|h| deletion_of(h).as_ref() == Some(&deletion))
            .collect();
        if hashes.is_empty() {
            return Outcome::Not(NotApplicable::NoDeletedMatch);
        }
        if !requests_done.contains_key(&request_hash(keyer, req)) {
            let r = Readmitted {
                done: today.format("%Y-%m-%d").to_string(),
                received: req.received.map(|d| d.to_string()).unwrap_or_default(),
                row: req.row,
                deletion: deletion.clone(),
            };
            for h in hashes.iter().filter(|h| suppression.contains_key(*h)) {
                self.lifted.insert(*h, r.clone());
                self.new.push((*h, r.clone()));
            }
        }
        Outcome::Lifted { hashes, deletion }
    }

    pub fn is_empty(&self) -> bool {
        self.lifted.is_empty()
    }

    /// When the office took back the customer `deletion` removed (the request's date, or the
    /// day it was carried out; the latest of several), yyyy-mm-dd.
    pub fn readmitted_on(&self, deletion: &Suppressed) -> Option<String> {
        self.lifted
            .values()
            .filter(|r| r.deletion == *deletion)
            .map(|r| {
                if date(&r.received).is_some() {
                    r.received.clone()
                } else {
                    r.done.clone()
                }
            })
            .max()
    }

    /// Whether `deletion` is one a re-admission undid in part.
    pub fn readmitted(&self, deletion: &Suppressed) -> bool {
        !self.deletions.is_empty() && self.deletions.contains(&deletion_key(deletion))
    }

    /// The side of the re-admission a row carrying `hashes` (its identity hashes) and dated
    /// `on` is on; `None` when it carries no identifier of a re-admitted person. `suppression`
    /// is the list as it stands (lifted identifiers left out or not: they are told apart).
    pub fn side(
        &self,
        hashes: &[Fp],
        on: Option<NaiveDate>,
        suppression: &HashMap<Fp, Suppressed>,
    ) -> Option<Side> {
        if self.deletions.is_empty() {
            return None;
        }
        let lifted = hashes.iter().find_map(|h| self.lifted.get(h));
        let still = hashes
            .iter()
            .filter(|h| !self.lifted.contains_key(*h))
            .find_map(|h| suppression.get(h))
            .filter(|s| self.deletions.contains(&deletion_key(s)));
        match (lifted, still) {
            (None, None) => None,
            (None, Some(s)) => Some(Side::Before(s.clone())),
            (Some(r), Some(s)) => {
                let readmitted_on = date(&r.received).or_else(|| date(&r.done));
                if on.is_some() && on > readmitted_on {
                    Some(Side::After)
                } else {
                    Some(Side::Before(s.clone()))
                }
            }
            (Some(r), None) => match (on, date(&r.deletion.done)) {
                (Some(on), Some(deleted)) if on <= deleted => {
                    Some(Side::Before(r.deletion.clone()))
                }
                _ => Some(Side::After),
            },
        }
    }

    /// "Keep apart" for every pair of a row before and a row after a re-admission, for the
    /// matcher: the new customer does not take in the old ledgers' rows of her.
    pub fn keep_apart(
        &self,
        rows: &[Norm],
        suppression: &HashMap<Fp, Suppressed>,
        keyer: &Keyer,
    ) -> Vec<Decision> {
        if self.is_empty() {
            return Vec::new();
        }
        let sides: Vec<(u32, Side)> = rows
            .par_iter()
            .enumerate()
            .filter_map(|(r, n)| {
                self.side(&identity_hashes(keyer, n), n.date, suppression)
                    .map(|s| (r as u32, s))
            })
            .collect();
        let (before, after): (Vec<_>, Vec<_>) = sides
            .iter()
            .partition(|(_, s)| matches!(s, Side::Before(_)));
        before
            .iter()
            .flat_map(|(a, _)| {
                after.iter().map(move |(b, _)| Decision {
                    a: *a,
                    b: *b,
                    merge: false,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(b: u8) -> Fp {
        let mut f = Fp::default();
        f[0] = b;
        f
    }

    fn d(s: &str) -> Option<NaiveDate> {
        date(s)
    }

    /// Her phone (1) lifted on 2026-06-27; her old email (2) still suppressed; she was deleted
    /// on 2026-06-15. Another deleted customer's email (3) is none of this.
    #[test]
    fn a_row_is_before_or_after_by_what_it_carries_and_its_date() {
        let deletion = Suppressed {
            done: "2026-06-15".into(),
            received: "2026-06-12".into(),
            row: 2,
        };
        let other = Suppressed {
            done: "2026-05-01".into(),
            received: String::new(),
            row: 5,
        };
        let suppression: HashMap<Fp, Suppressed> =
            [(fp(2), deletion.clone()), (fp(3), other)].into();
        let mut plan = Plan::default();
        plan.lifted.insert(
            fp(1),
            Readmitted {
                done: "2026-06-29".into(),
                received: "2026-06-27".into(),
                row: 3,
                deletion: deletion.clone(),
            },
        );
        plan.deletions.insert(deletion_key(&deletion));
        let before = Some(Side::Before(deletion.clone()));
        let side = |h: &[u8], on: &str| {
            let hs: Vec<Fp> = h.iter().map(|&b| fp(b)).collect();
            plan.side(&hs, d(on), &suppression)
        };
        assert_eq!(side(&[1], ""), Some(Side::After), "her new row, undated");
        assert_eq!(side(&[1], "2026-06-27"), Some(Side::After));
        assert_eq!(
            side(&[1], "2025-01-06"),
            before,
            "dated before the deletion"
        );
        assert_eq!(side(&[1, 2], "2025-01-06"), before, "with her old email");
        assert_eq!(side(&[1, 2], ""), before);
        assert_eq!(
            side(&[1, 2], "2026-07-01"),
            Some(Side::After),
            "after she agreed"
        );
        assert_eq!(side(&[2], ""), before);
        assert_eq!(side(&[3], ""), None, "someone else's deletion");
        assert_eq!(side(&[4], ""), None);
    }
}
