//! Which pairs the review sheet asks about once the customers are made. A pair whose two rows
//! ended in one customer after all asks nothing.
//!
//! A pair asked about last week and not answered is asked again, until a person answers it or
//! the two customers become one. Row pairs are scored afresh each week, and the adopted book's
//! customer, who gathers what all its rows said, can score lower than the row asked about
//! («Vũ Thị Giang» beside the company whose accountant she is: the row without an address
//! shared the company's mobile; the customer has another address): the question stays, with
//! the evidence as it stands and a word that it was asked before.

use super::Customer;
use crate::matching::score::{self, flag, Stats};
use crate::matching::{Decision, ReviewPair, Verdict};
use crate::normalize::Norm;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// Each row's customer (its index in `customers`; `u32::MAX` for a row in none).
pub fn customer_of(customers: &[Customer], rows: usize) -> Vec<u32> {
    let mut of = vec![u32::MAX; rows];
    for (ci, c) in customers.iter().enumerate() {
        for &r in &c.rows {
            of[r as usize] = ci as u32;
        }
    }
    of
}

/// Pairs whose two rows ended in one customer after all (an invoice attributed by its tax
/// code beside the row it was asked about with) ask nothing: they go.
pub fn drop_joined(review: &mut Vec<ReviewPair>, customer_of: &[u32]) {
    review.retain(|p| customer_of[p.a as usize] != customer_of[p.b as usize]);
}

/// Adds to `review` the pairs of `open` (last week's questions, by the customers' ids) whose
/// two customers are still apart, that no pair of `review` already asks and no decision
/// answers.
pub fn ask_again(
    review: &mut Vec<ReviewPair>,
    open: &HashSet<(String, String)>,
    customers: &[Customer],
    customer_of: &[u32],
    norms: &[Norm],
    decisions: &[Decision],
) {
    if open.is_empty() {
        return;
    }
    let key = |x: u32, y: u32| (x.min(y), x.max(y));
    let pair_of = |a: u32, b: u32| {
        let (x, y) = (customer_of[a as usize], customer_of[b as usize]);
        (x != u32::MAX && y != u32::MAX && x != y).then(|| key(x, y))
    };
    let asked: FxHashSet<(u32, u32)> = review.iter().filter_map(|p| pair_of(p.a, p.b)).collect();
    let answered: FxHashSet<(u32, u32)> =
        decisions.iter().filter_map(|d| pair_of(d.a, d.b)).collect();
    let by_id: FxHashMap<&str, u32> = customers
        .iter()
        .enumerate()
        .map(|(ci, c)| (c.id.as_str(), ci as u32))
        .collect();
    let mut again: Vec<(u32, u32)> = open
        .iter()
        .filter_map(|(x, y)| Some(key(*by_id.get(x.as_str())?, *by_id.get(y.as_str())?)))
        .filter(|&(x, y)| x != y && !asked.contains(&(x, y)) && !answered.contains(&(x, y)))
        .collect();
    if again.is_empty() {
        return;
    }
    again.sort_unstable();
    let stats = Stats::new(norms);
    for (x, y) in again {
        let (a, b) = (customers[x as usize].rows[0], customers[y as usize].rows[0]);
        let mut evidence = score::score(&norms[a as usize], &norms[b as usize], &stats);
        evidence.verdict = Verdict::Review;
        evidence.flags |= flag::ASKED_BEFORE;
        review.push(ReviewPair { a, b, evidence });
    }
}
