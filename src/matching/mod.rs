//! Match: which rows are the same customer. Blocking proposes candidate pairs (never all
//! pairs), `score` weighs the evidence of each pair, and `cluster` joins pairs into customers
//! without ever chaining two customers through one weak link.

pub mod addr;
pub mod block;
pub mod cluster;
pub mod score;
pub mod sig;
pub mod weights;
pub mod written;

use crate::normalize::Norm;
pub use cluster::{Clusters, Decision, NO_LABEL};
pub use score::{Evidence, Verdict};
pub use written::Written;

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
    /// Rows joined to an earlier row because the ledger writes them as one customer, and
    /// what says so (sorted by row; see [`written`]).
    pub written: Vec<(u32, Written)>,
}

/// Finds the customers among `rows`. `decisions` are pairs a person already decided.
pub fn find_customers(rows: &[Norm], decisions: &[Decision]) -> MatchResult {
    find_customers_timed(rows, decisions, (&[], &[]), &mut |_| {})
}

/// [`find_customers`], with each row's customer id as a number (`labels`, [`NO_LABEL`] for
/// none, empty when no row has one) and the pairs of rows written as one customer
/// (`together`, see [`cluster::cluster`]), calling `lap` after each step ("block", "score",
/// "cluster") so a caller can time them.
pub fn find_customers_timed(
    rows: &[Norm],
    decisions: &[Decision],
    given: (&[u32], &[(u32, u32, Written)]),
    lap: &mut dyn FnMut(&'static str),
) -> MatchResult {
    // Side by side: each has stretches on one core (counting names, deduplicating pairs)
    // that the other fills.
    let (sigs, pairs) = rayon::join(|| sig::build(rows), || block::candidate_pairs(rows));
    let candidate_pairs = pairs.len();
    lap("block");
    let scored = score::score_pairs(rows, &pairs, &sigs);
    drop(pairs);
    drop(sigs);
    lap("score");
    let r = cluster::cluster(rows, scored, decisions, given, candidate_pairs);
    lap("cluster");
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_rows as rows;

    fn same(r: &MatchResult, a: usize, b: usize) -> bool {
        r.clusters.of[a] == r.clusters.of[b]
    }

    #[test]
    fn merges_the_same_customer_written_differently() {
        let r = find_customers(
            &rows(&[
                "Anh Nguyễn Văn Hùng|0912 345 678|hung@gmail.com|12 Lê Lợi, Q.1, TP.HCM|",
                "NGUYEN VAN HUNG|+84912345678||12 Le Loi, Quan 1, Ho Chi Minh|",
                "Hùng Nguyễn Văn||HUNG@GMAIL.COM||",
                "Nguyễn Văn Hùng|01662345678|||",
                "Nguyễn Văn Hùng|0362345678|||",
            ]),
            &[],
        );
        assert!(same(&r, 0, 1) && same(&r, 0, 2));
        assert!(same(&r, 3, 4), "old 11-digit mobile is today's number");
    }

    /// Two people of one whole name at one house, each with a mobile and an email of their
    /// own: a row that shows only the home's number and one of the emails joins its owner, not
    /// both. The pair of customers goes to a person.
    #[test]
    fn two_sets_of_personal_identifiers_are_two_people() {
        let r = find_customers(
            &rows(&[
                "Nguyễn Xuân Công|034 672 2715 - 0220 3001 155|nguyencong65@gmail.com|Số 250 đường Nguyễn Lương Bằng - P. Trần Phú - Tỉnh Hải Dương|",
                "Nguyễn Xuân Công|0220-3001155|nguyencong84@yahoo.com|250 đường Nguyễn Lương Bằng, P. Trần Phú, Tp. Hải Dương, Tỉnh Hải Dương|",
                "Nguyễn Xuân Công|0898.919.706|nguyencong84@yahoo.com|250 Nguyễn Lương Bằng, P. Trần Phú, Tỉnh Hải Dương|",
            ]),
            &[],
        );
        assert!(same(&r, 1, 2));
        assert!(!same(&r, 0, 1), "two mobiles and two emails");
        assert!(!r.review.is_empty(), "a person decides");
    }

    /// A keystroke typo in the given name ("Lna", "Hùùng") is the same person when a mobile or
    /// an email says so; clustering must not refuse the union that scoring asked for.
    #[test]
    fn a_typo_in_the_given_name_does_not_split_a_customer() {
        let r = find_customers(
            &rows(&[
                "Nguyễn Thị Lan|093 092 8880|lan.nguyen97@hotmail.com|21C Lý Thường Kiệt, P. An Lạc, Q. Bình Tân, TP.HCM|",
                "Nguyễn Thị Lna||lan.nguyen97@hotmail.com|21C Lý Thường Kiệt, P. An Lạc, Q. Bình Tân, TP.HCM|",
                "Bùi Quang Hùng|086 646 8703|bui.hung@yahoo.com.vn||",
                "Bùi Quang Hùùng|0866468703|bui.hung@yahoo.com.vn||",
                "Bùi Quang Hùngg|0866468703|bui.hung@yahoo.com.vn||",
            ]),
            &[],
        );
        assert!(same(&r, 0, 1), "lan / lna");
        assert!(same(&r, 2, 3), "hùng / hùùng");
        assert!(same(&r, 2, 4), "hùùng / hùngg: both typos of hùng");
    }

    /// A row of a company's name without its branch, with the branch's tax code or (without a
    /// code) the branch's email, office number or address, is the branch written without its
    /// label: it joins the branch's customer, and the branch's other rows still join it. The
    /// head office, elsewhere under its own code and mailbox, stays another customer.
    #[test]
    fn a_branch_written_without_its_label_is_the_branch() {
        let r = find_customers(
            &rows(&[
                "Công ty TNHH Dịch vụ Gia Bảo - Chi nhánh Đồng Nai|0251 371 7589|cndongnai@giabao.com.vn|1/93 Phạm Văn Thuận, Xã Long Tân, Huyện Nhơn Trạch, Đồng Nai|0396184684-002",
                "C.ty TNHH Gia Bảo|061 371 7589|cndongnai@giabao.com.vn|1/93 Phạm Văn Thuận, Xã Long Tân, huyện Nhơn Trạch, Đồng Nai|",
                "CTY TNHH Dịch vụ Gia Bảo - CN Đồng Nai|0251-3717589|cndongnai@giabao.com.vn|1/93 Pham Van Thuan, xa Long Tan, Huyen Nhon Trach, Dong Nai|",
                "Công ty TNHH Dịch vụ Gia Bảo|028 3822 1234|info@giabao.com.vn|15 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM|0396184684",
                "Công ty TNHH Dịch vụ Gia Bảo|028 3822 1234||15 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM|",
                "CTCP Nguyên Hưng Thịnh|024 3165 4391|cnhanoi@nguyenhungthinh.com.vn||0391264209-001",
                "Chi nhánh Hà Nội - Cty CP Nguyên Hưng Thịnh|024 3165 4391|cnhanoi@nguyenhungthinh.com.vn|205 Xuân Thủy, Cầu Giấy, Hà Nội|0391264209-001",
                "Cty CP Nguyên Hưng Thịnh - CN Hà Nội|0569 493 245|cnhanoi@nguyenhungthinh.com.vn|205 Xuân Thủy, Cầu Giấy, Hà Nội|",
            ]),
            &[],
        );
        assert!(same(&r, 0, 1), "the branch's mailbox, number and address");
        assert!(same(&r, 0, 2), "the branch's other rows still join it");
        assert!(same(&r, 3, 4), "the head office's rows");
        assert!(
            !same(&r, 0, 3) && !same(&r, 1, 4),
            "the head office stays apart"
        );
        assert!(same(&r, 5, 6), "the branch's tax code");
        // Joined first under the code, the row without a label is the branch: the branch's
        // row without a code still joins them.
        assert!(same(&r, 6, 7), "a branch row after the unlabelled one");
    }

    /// The head office's mailbox given for its branch in another city: a row of the company's
    /// name in TP.HCM and the Hà Nội branch's row share «info@» but are two offices.
    #[test]
    fn a_company_row_in_another_province_than_its_branch_is_not_the_branch() {
        let r = find_customers(
            &rows(&[
                "Công ty TNHH Minh Phát|028 3822 2000|info@minhphat.vn|5 Nguyễn Huệ, Q1, TP HCM|",
                "Công ty TNHH Minh Phát - CN Hà Nội|024 3822 2000|info@minhphat.vn|7 Tràng Tiền, Hà Nội|",
            ]),
            &[],
        );
        assert!(!same(&r, 0, 1));
    }

    /// «Anh», the commonest given name, typed first («Anh Nguyen Quoc») reads as the honorific;
    /// under a mobile or an email shared with «Nguyễn Quốc Anh» it is that name, and the
    /// customer takes both. Without a shared identifier, or beside another name, it does not.
    #[test]
    fn anh_typed_first_is_the_given_name_under_a_shared_identifier() {
        let r = find_customers(
            &rows(&[
                "Anh Nguyen Quoc|+84 222 826 8633|anh_nguyen53606@gmail.com|4 Lê Thái Tổ - phường Đình Bảng - TP. Từ Sơn - BN|",
                "Bác nguyễn quốc anh|0222 826 8633|anh_nguyen53606@gmail.com|4 Lê Thái Tổ, P.Đình Bảng, T.P Từ Sơn, Bắc Ninh|",
                "Anh Nguyễn Minh|0912 345 678||12 Lê Lợi, Phường Bến Nghé, Quận 1, TP.HCM|",
                "Nguyễn Minh Anh|0987 654 321||80 Trần Phú, Hà Đông, Hà Nội|",
                "Anh Trần Quốc|0903 111 222|||",
                "Trần Quốc Bảo|0903 111 222|||",
                "Chi Dang Thuy|0838 171 232|dangthuychi@gmail.com||",
                "Đặng Thuỳ Chi|0979 258 322|dangthuychi@gmail.com||",
            ]),
            &[],
        );
        assert!(
            same(&r, 0, 1),
            "«Anh» typed first, one email and one number"
        );
        assert!(!same(&r, 2, 3), "nothing shared");
        assert!(!same(&r, 4, 5), "another given name");
        assert!(same(&r, 6, 7), "«Chi» typed first, one email");
    }

    #[test]
    fn namesakes_with_different_phones_stay_apart() {
        let r = find_customers(
            &rows(&[
                "Nguyễn Văn Anh|0912345678||5 Trần Phú, Hà Đông, Hà Nội|",
                "Nguyễn Văn Anh|0987654321||80 Nguyễn Huệ, Q.1, TP.HCM|",
            ]),
            &[],
        );
        assert!(!same(&r, 0, 1));
    }

    #[test]
    fn household_sharing_a_landline_and_address_stays_apart() {
        let r = find_customers(
            &rows(&[
                "Nguyễn Văn Hùng|024 3825 1234 / 0912345678||12 Hàng Bài, Hoàn Kiếm, Hà Nội|",
                "Nguyễn Thị Lan|024 3825 1234 / 0987654321||12 Hàng Bài, Hoàn Kiếm, Hà Nội|",
            ]),
            &[],
        );
        assert!(!same(&r, 0, 1));
    }

    #[test]
    fn branch_and_head_office_stay_apart() {
        let r = find_customers(
            &rows(&[
                "Công ty TNHH Hòa Phát|0283822123|info@hoaphat.vn||0101248141",
                "Chi nhánh Hà Nội - Công ty TNHH Hòa Phát|0283822123|info@hoaphat.vn||0101248141-001",
            ]),
            &[],
        );
        assert!(!same(&r, 0, 1));
    }

    #[test]
    fn a_weak_link_cannot_chain_two_people() {
        // 0–1 share a mobile and a name; 1–2 share an email, but 2 has another given name.
        let r = find_customers(
            &rows(&[
                "Nguyễn Văn Hùng|0912345678|||",
                "Nguyễn Văn Hùng|0912345678|nha.nguyen@gmail.com||",
                "Nguyễn Thị Lan||nha.nguyen@gmail.com||",
            ]),
            &[],
        );
        assert!(same(&r, 0, 1));
        assert!(!same(&r, 1, 2));
    }

    #[test]
    fn customer_ids_of_the_adopted_book_join_and_separate() {
        let rs = rows(&[
            "Trần Thị Mai|0912345678|||",
            "Trần Thị Mai|0912345678|||",
            "Trần T. Mai||mai@x.vn||",
            "Lê Văn Tám|0987000111|||",
        ]);
        // Rows 0 and 1 carry different ids: never joined by a score. Rows 2 and 3 carry the
        // same id: one customer, whatever their values say.
        let labels = [0, 1, 2, 2];
        let r = find_customers_timed(&rs, &[], (&labels, &[]), &mut |_| {});
        assert!(!same(&r, 0, 1));
        assert!(same(&r, 2, 3));
        assert!(
            r.review.iter().any(|p| (p.a, p.b) == (0, 1)),
            "the pair goes to a person"
        );
        // A person's decision joins them.
        let r = find_customers_timed(
            &rs,
            &[Decision {
                a: 0,
                b: 1,
                merge: true,
            }],
            (&labels, &[]),
            &mut |_| {},
        );
        assert!(same(&r, 0, 1));
    }

    /// "Gộp" on a pair joins the two whole customers in one pass: the decision must not split
    /// the customer one of its rows belonged to (applied first, it did, and the next run asked
    /// again).
    #[test]
    fn a_merge_decision_joins_whole_customers() {
        let rs = rows(&[
            "Công ty TNHH Hòa Phát|0283822123|info@hoaphat.vn||0101248141",
            "Công ty TNHH Hòa Phát|0283822123|info@hoaphat.vn||",
            "Chi nhánh Hà Nội - Công ty TNHH Hòa Phát|0243822999|hn@hoaphat.vn||0101248141-001",
        ]);
        let alone = find_customers(&rs, &[]);
        assert!(same(&alone, 0, 1) && !same(&alone, 1, 2));
        let r = find_customers(
            &rs,
            &[Decision {
                a: 1,
                b: 2,
                merge: true,
            }],
        );
        assert!(
            same(&r, 0, 1) && same(&r, 1, 2),
            "one customer: {:?}",
            r.clusters
        );
        assert!(r.review.is_empty(), "nothing asked again: {:?}", r.review);
    }

    /// Rows a clerk wrote under one merged name cell are one customer, two mobiles and all;
    /// not the branches of a company whose name is merged down their rows, nor two ids.
    #[test]
    fn rows_under_one_merged_name_cell() {
        let rs = rows(&[
            "Nguyễn Văn Bình|0912000001||12 Lê Lợi, Huế|",
            "Nguyễn Văn Bình|0912000002||12 Lê Lợi, Huế|",
            "Công ty TNHH Hòa Phát - CN Hà Nội|02438221234|||0100112437-001",
            "Công ty TNHH Hòa Phát - CN Đà Nẵng|02363822123|||0100112437-002",
        ]);
        let alone = find_customers(&rs, &[]);
        assert!(!same(&alone, 0, 1), "two mobiles of one name: asked");
        let cell = Written::MergedCell;
        let r = find_customers_timed(&rs, &[], (&[], &[(0, 1, cell), (2, 3, cell)]), &mut |_| {});
        assert!(same(&r, 0, 1));
        assert_eq!(r.written, [(1, cell)]);
        assert!(!same(&r, 2, 3), "two branches");
        let r = find_customers_timed(&rs, &[], (&[0, 1, 2, 3], &[(0, 1, cell)]), &mut |_| {});
        assert!(!same(&r, 0, 1), "two ids");
    }

    #[test]
    fn a_persons_decision_overrides_the_score() {
        let rs = rows(&["Trần Thị Mai|0912345678|||", "Trần Thị Mai|0912345678|||"]);
        let r = find_customers(
            &rs,
            &[Decision {
                a: 0,
                b: 1,
                merge: false,
            }],
        );
        assert!(!same(&r, 0, 1));
    }
}
