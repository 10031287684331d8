//! Match: which rows are the same customer. Blocking proposes candidate pairs (never all
//! pairs), `score` weighs the evidence of each pair, and `cluster` joins pairs into customers
//! without ever chaining two customers through one weak link.

pub mod block;
pub mod cluster;
pub mod score;

use crate::normalize::Norm;
pub use cluster::{Clusters, Decision};
pub use score::{Evidence, Verdict};

/// A pair that needs a human: between the merge and the separate thresholds, or a strong pair
/// that would join conflicting customers.
#[derive(Debug, Clone)]
pub struct ReviewPair {
    pub a: u32,
    pub b: u32,
    pub evidence: Evidence,
}

#[derive(Debug)]
pub struct MatchResult {
    pub clusters: Clusters,
    pub review: Vec<ReviewPair>,
    pub candidate_pairs: usize,
    /// Merge edge that joined each row to its cluster (for the lineage reason).
    pub link: Vec<Option<Evidence>>,
}

/// Finds the customers among `rows`. `decisions` are pairs a person already decided.
pub fn find_customers(rows: &[Norm], decisions: &[Decision]) -> MatchResult {
    let stats = score::Stats::new(rows);
    let pairs = block::candidate_pairs(rows);
    let candidate_pairs = pairs.len();
    let scored = score::score_pairs(rows, &pairs, &stats);
    cluster::cluster(rows, scored, decisions, candidate_pairs)
}
