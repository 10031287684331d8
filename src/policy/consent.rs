//! Marketing consent over weeks. An opt-out stays (the state remembers it, see
//! `commands::clean::opt_outs_shown`) until the customer asks for news again («Nhận quảng cáo
//! lại»). That request lifts every opt-out not known to be newer than it; an opt-out known to
//! be newer wins again, and the request is then spent (the state forgets it):
//! - a «Ngừng quảng cáo» request received after it (on the same day: written below it);
//! - an «x» in the book's «Ngừng quảng cáo» cell in a run after the one that lifted it (the
//!   tool wrote that book without it: a person typed it, or put back an older copy; the safe
//!   reading is the opt-out, and the run names the customer);
//! - a ledger row dated after it that refuses marketing.
//!
//! Undated ones (a consent column of an old ledger, a «Ngừng quảng cáo» request without a
//! received date carried out before) are older than a dated request.

use super::requests::Kind;
use super::{Applied, ById, PolicyInput, RequestStatus};
use crate::merge::Customer;
use crate::normalize::Norm;
pub use crate::state::OptIn;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The newer opt-out that holds against a «Nhận quảng cáo lại».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Later {
    /// A «Ngừng quảng cáo» request received after it: its row in the requests book.
    Request(u32),
    /// The book's «Ngừng quảng cáo» cell marked again after it was carried out.
    Mark,
    /// A ledger row dated after it refuses marketing.
    Ledger,
    /// An opt-out that won over it in an earlier run (the state keeps the opt-out).
    Earlier,
}

/// One opt-in candidate for a customer: when it counts from, when it was carried out, the
/// requests-book row (0 for one only the state remembers), and which request outcomes it is.
struct Candidate {
    since: NaiveDate,
    done: NaiveDate,
    row: u32,
    outcomes: Vec<usize>,
    remembered: bool,
    /// The ids the state keeps it under (an id merged into another since is an alias).
    stored: Vec<String>,
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Per customer, a «Ngừng quảng cáo» request's day and row.
type Stops = HashMap<usize, Vec<(NaiveDate, u32)>>;

/// After the requests: every customer with a «Nhận quảng cáo lại» in effect gets marketing
/// again, unless an opt-out newer than it holds.
pub(super) fn settle(
    customers: &mut [Customer],
    rows: &[Norm],
    input: &PolicyInput<'_>,
    by_id: &ById<'_>,
    out: &mut Applied,
) {
    let (mut wanted, stops, spent) = read_requests(out, input, by_id);
    add_remembered(&mut wanted, &input.remembered.opt_ins, by_id);
    // A request carried out before tells what became of it: its opt-in in effect, or spent.
    for k in spent {
        let RequestStatus::Applied { customer_id } = &out.requests[k].status else {
            continue;
        };
        let Some(i) = by_id.resolve(customer_id) else {
            continue;
        };
        match wanted.get_mut(&i) {
            Some(c) => c.outcomes.push(k),
            None if customers[i].no_marketing => {
                out.requests[k].status = RequestStatus::OptedOutLater(Later::Earlier)
            }
            None => {}
        }
    }
    let mut ids: Vec<(usize, Candidate)> = wanted.into_iter().collect();
    ids.sort_unstable_by_key(|(i, _)| *i);
    for (i, c) in ids {
        let id = customers[i].id.to_string();
        match newer_opt_out(&customers[i], rows, input, &c, stops.get(&i)) {
            Some(later) => {
                customers[i].no_marketing = true;
                for &k in &c.outcomes {
                    out.requests[k].status = RequestStatus::OptedOutLater(later);
                }
                if c.remembered {
                    out.opted_out_again.push(i);
                }
                out.opt_ins_spent.extend(c.stored);
            }
            None => {
                if customers[i].no_marketing && !c.remembered {
                    out.resumed.push(i);
                }
                customers[i].no_marketing = false;
                out.opt_outs.retain(|o| *o != id);
                // Kept under the customer's id now; an alias's entry goes.
                out.opt_ins_spent
                    .extend(c.stored.iter().filter(|s| **s != id).cloned());
                out.opt_ins.push(OptIn {
                    id,
                    since: c.since.format("%Y-%m-%d").to_string(),
                    done: c.done.format("%Y-%m-%d").to_string(),
                });
            }
        }
    }
}

/// This run's requests carried out: the «Nhận quảng cáo lại» seen for the first time (by
/// customer), the «Ngừng quảng cáo» (by customer), and the outcomes of the «Nhận quảng cáo lại»
/// carried out in an earlier run.
fn read_requests(
    out: &Applied,
    input: &PolicyInput<'_>,
    by_id: &ById<'_>,
) -> (HashMap<usize, Candidate>, Stops, Vec<usize>) {
    let today = input.today;
    let mut wanted: HashMap<usize, Candidate> = HashMap::new();
    let mut stops: Stops = HashMap::new();
    let mut spent: Vec<usize> = Vec::new();
    for (k, o) in out.requests.iter().enumerate() {
        let (Some(req), RequestStatus::Applied { customer_id }) = (&o.request, &o.status) else {
            continue;
        };
        let Some(i) = by_id.resolve(customer_id) else {
            continue;
        };
        let done = o.done_on.as_deref().and_then(day).unwrap_or(today);
        let on = req.received.unwrap_or(done);
        match req.kind {
            Kind::StopMarketing => stops.entry(i).or_default().push((on, req.row)),
            Kind::ResumeMarketing => {
                let done_before = o
                    .key
                    .is_some_and(|h| input.remembered.requests_done.contains_key(&h));
                if done_before {
                    // The state's opt-in is its memory (gone when a newer opt-out won).
                    spent.push(k);
                    continue;
                }
                let c = wanted.entry(i).or_insert(Candidate {
                    since: on,
                    done: today,
                    row: req.row,
                    outcomes: Vec::new(),
                    remembered: false,
                    stored: Vec::new(),
                });
                if on >= c.since {
                    (c.since, c.row) = (on, req.row);
                }
                c.outcomes.push(k);
            }
            _ => {}
        }
    }
    (wanted, stops, spent)
}

/// The opt-ins the state keeps, beside this run's: the later one counts.
fn add_remembered(
    wanted: &mut HashMap<usize, Candidate>,
    kept: &HashMap<String, OptIn>,
    by_id: &ById<'_>,
) {
    for o in kept.values() {
        let (Some(i), Some(since), Some(done)) =
            (by_id.resolve(&o.id), day(&o.since), day(&o.done))
        else {
            continue;
        };
        let c = wanted.entry(i).or_insert(Candidate {
            since,
            done,
            row: 0,
            outcomes: Vec::new(),
            remembered: true,
            stored: Vec::new(),
        });
        if since > c.since {
            (c.since, c.done, c.row, c.remembered) = (since, done, 0, true);
        }
        c.stored.push(o.id.clone());
    }
}

/// The opt-out of customer `c` newer than its opt-in, if one is.
fn newer_opt_out(
    c: &Customer,
    rows: &[Norm],
    input: &PolicyInput<'_>,
    opt_in: &Candidate,
    stops: Option<&Vec<(NaiveDate, u32)>>,
) -> Option<Later> {
    let later_request = stops.into_iter().flatten().find(|&&(on, row)| {
        on > opt_in.since || (on == opt_in.since && opt_in.row != 0 && row > opt_in.row)
    });
    if let Some(&(_, row)) = later_request {
        return Some(Later::Request(row));
    }
    let after = |r: u32| rows[r as usize].date.is_some_and(|d| d > opt_in.since);
    // The book row's date is the customer's last dealing, not the mark's: a mark is newer
    // only when the book it is in was written after the opt-in.
    if opt_in.done < input.today && c.rows.iter().any(|&r| (input.marked)(r)) {
        return Some(Later::Mark);
    }
    if c.rows
        .iter()
        .any(|&r| rows[r as usize].no_marketing && after(r))
    {
        return Some(Later::Ledger);
    }
    None
}
