//! What a clerk's note says that the book must act on: a customer who refuses marketing
//! («không nhận quảng cáo», «đừng gọi nữa»), who asked for the data to be deleted («KH yêu cầu
//! xóa thông tin»), who has died («đã mất»), or a business that has closed («đã giải thể»,
//! «ngừng hoạt động»: the tax portal's words an accountant copies). Offices write these in «Ghi chú» long before
//! anyone fills a request book; a list for a mailing must not reach them.
//!
//! Read on the folded words ([`text::fold_key`]): «không nhận tin» and «không nhắn tin» read
//! alike, both a refusal. Each reading needs its words together; a note about goods («không
//! nhận hàng»), a number («yêu cầu xóa số cũ») or a lost contact («đã mất liên lạc») says
//! none of these.

use super::text;

/// What a note says, the gravest first when it says several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteSays {
    /// The customer has died.
    Deceased,
    /// The customer asked for the data to be deleted; the request book does not say so yet.
    AskedDeletion,
    /// The business has closed: dissolved, bankrupt, stopped operating, its tax code closed,
    /// gone from its registered address.
    Closed,
    /// The customer does not want marketing (by any channel).
    RefusesMarketing,
}

/// Words that say «not», «stop», «refuse» before a verb of contact. «đừng», «dừng», «hủy» and
/// «cấm» fold to words that are also names («Dung», «Huy») or other words: they count only
/// when the note writes them with their marks ([`MARKED`]).
const NEG: &[&str] = &[
    "khong", "k", "ko", "khg", "dung", "ngung", "tu choi", "huy", "cam",
];
/// Refusals that need nothing after their verb: «đừng gọi», «ngừng gửi».
const NEG_ALONE: &[&str] = &["dung", "ngung", "tu choi", "huy", "cam"];
/// Folded words of [`NEG`] that read so only when written with their marks.
const MARKED: &[(&str, &[&str])] = &[
    ("dung", &["đừng", "dừng"]),
    ("huy", &["hủy", "huỷ"]),
    ("cam", &["cấm"]),
];
/// Verbs of contact.
const VERB: &[&str] = &["nhan tin", "nhan", "gui", "goi", "lien lac", "lien he"];
/// What a refusal is about («lại», «nữa»: not after «nhận», which takes back goods too).
const OBJ: &[&str] = &[
    "quang cao",
    "qc",
    "tin",
    "tin nhan",
    "email",
    "mail",
    "e mail",
    "sms",
    "zalo",
    "khuyen mai",
    "km",
    "tiep thi",
    "thong bao",
    "marketing",
    "spam",
];
const AGAIN: &[&str] = &["lai", "nua"];
/// Refusals said at once.
const REFUSALS: &[&str] = &[
    "huy dang ky",
    "unsubscribe",
    "unsubscribed",
    "opt out",
    "do not call",
    "dont call",
    "no marketing",
    "rut lai dong y",
    "rut dong y",
    "khong dong y nhan",
    "khong dong y quang cao",
    "khong muon nhan",
    "khong lam phien",
];
/// A request to delete, then what is deleted.
const ASK: &[&str] = &[
    "yeu cau", "de nghi", "doi", "muon", "xin", "nho", "bao", "kh", "khach",
];
/// What a deletion names after «xóa» («thông tin», «dữ liệu», «hết», «khách hàng»…), folded:
/// also how the requests book reads a kind typed «Xóa …».
pub(crate) const DELETED: &[&str] = &[
    "thong tin",
    "ttin",
    "tt",
    "du lieu",
    "data",
    "khoi",
    "het",
    "toan bo",
    "ho so",
    "tai khoan",
    "ca",
    "ten khoi",
    "khach hang",
    "kh",
];
const DELETION: &[&str] = &[
    "xoa thong tin",
    "xoa du lieu",
    "xoa ho so",
    "xoa khoi danh sach",
    "xoa khoi ds",
    "xoa khoi so",
    "xoa toan bo",
    "khong luu thong tin",
    "khong luu du lieu",
    "delete my data",
    "delete data",
];
/// After «đã mất»: the note goes on about the death (a date, «rồi»), not about a lost thing.
const AFTER_DIED: &[&str] = &[
    "ngay", "nam", "thang", "roi", "tu", "vao", "do", "luc", "cuoi",
];
/// Before a bare «mất» that is a death: who died («ông mất năm 2022»), not «tiền mặt».
const WHO_DIED: &[&str] = &[
    "ong", "ba", "khach", "kh", "chu", "co", "bac", "cu", "anh", "chi",
];
const DIED: &[&str] = &[
    "qua doi", "da chet", "tu tran", "da khuat", "ta the", "tu the",
];
/// A business closed, as the tax portal and accountants write it («NNT ngừng hoạt động», «đã
/// giải thể», «đã đóng MST», «không hoạt động tại địa chỉ đã đăng ký»). «đóng cửa» needs «đã»
/// or «rồi» (a shop «đóng cửa lúc 5h» only closes for the night).
const CLOSED: &[&str] = &[
    "giai the",
    "pha san",
    "ngung hoat dong",
    "dung hoat dong",
    "khong con hoat dong",
    "khong hoat dong tai dia chi",
    "bo dia chi kinh doanh",
    "ngung kinh doanh",
    "nghi kinh doanh",
    "dong mst",
    "dong ma so thue",
    "da dong cua",
    "dong cua roi",
    "dong cua han",
];
/// Before a closure's words, a closure that has not happened: «chưa giải thể», «không phá
/// sản».
const NOT_YET: &[&str] = &["chua", "khong", "ko", "k", "sap", "neu"];

/// What `note` says the book must act on, if anything.
pub fn says(note: &str) -> Option<NoteSays> {
    if note.trim().is_empty() {
        return None;
    }
    let mut found: Option<NoteSays> = None;
    // Clause by clause: «đã mất; không nhận quảng cáo» says two things.
    for clause in note.split([';', ',', '.', '(', ')', '\n', '!', '?']) {
        let key = text::fold_key(clause);
        if key.is_empty() {
            continue;
        }
        let words: Vec<&str> = key.split(' ').collect();
        for i in 0..words.len() {
            if let Some(s) = says_at(clause, &words, i) {
                found = Some(found.map_or(s, |f| f.min(s)));
            }
        }
    }
    found
}

/// `phrase` at word `i` of `words`: the index after it.
fn at(words: &[&str], i: usize, phrase: &str) -> Option<usize> {
    let n = phrase.split(' ').count();
    (words.len() >= i + n && words[i..i + n].iter().copied().eq(phrase.split(' '))).then_some(i + n)
}

/// The first of `list` at word `i`: the phrase and the index after it.
fn any_at<'p>(words: &[&str], i: usize, list: &[&'p str]) -> Option<(&'p str, usize)> {
    list.iter().find_map(|p| at(words, i, p).map(|j| (*p, j)))
}

/// What the words from `i` on say, if anything.
fn says_at(note: &str, words: &[&str], i: usize) -> Option<NoteSays> {
    if any_at(words, i, DIED).is_some() || died_at(words, i) {
        return Some(NoteSays::Deceased);
    }
    if any_at(words, i, DELETION).is_some() {
        return Some(NoteSays::AskedDeletion);
    }
    if closed_at(words, i) {
        return Some(NoteSays::Closed);
    }
    // A clause that is only «Xóa», «Cần xóa», «Đã xóa» (a row the clerk meant to delete, or
    // thinks deleted, still here), «Xóa khách này».
    if i == 0 {
        let w = words.join(" ");
        let bare = w
            .strip_prefix("can ")
            .or_else(|| w.strip_prefix("da "))
            .unwrap_or(&w);
        if matches!(
            bare,
            "xoa" | "xoa di" | "xoa kh" | "xoa khach" | "xoa khach nay" | "xoa khach hang nay"
        ) {
            return Some(NoteSays::AskedDeletion);
        }
    }
    if let Some(j) = any_at(words, i, ASK).and_then(|(_, j)| at(words, j, "xoa")) {
        if j == words.len() || any_at(words, j, DELETED).is_some() {
            return Some(NoteSays::AskedDeletion);
        }
    }
    if any_at(words, i, REFUSALS).is_some() {
        return Some(NoteSays::RefusesMarketing);
    }
    let (neg, j) = any_at(words, i, NEG)?;
    if let Some((_, marked)) = MARKED.iter().find(|(w, _)| *w == neg) {
        let lower = note.to_lowercase();
        let nfc: String =
            unicode_normalization::UnicodeNormalization::nfc(lower.as_str()).collect();
        if !marked.iter().any(|m| nfc.contains(m)) {
            return None;
        }
    }
    let j = at(words, j, "muon").unwrap_or(j);
    let (verb, k) = any_at(words, j, VERB)?;
    // «không nhắn tin» (and «không nhận tin», folded alike) is its own object.
    let texts = verb == "nhan tin";
    let alone = texts || (NEG_ALONE.contains(&neg) && k == words.len());
    let again = verb != "nhan" && any_at(words, k, AGAIN).is_some();
    (alone || again || any_at(words, k, OBJ).is_some()).then_some(NoteSays::RefusesMarketing)
}

/// A closure's words at `i`, not after «chưa», «không» (the word before, or the one before
/// «đã»: «chưa đóng MST»).
fn closed_at(words: &[&str], i: usize) -> bool {
    if any_at(words, i, CLOSED).is_none() {
        return false;
    }
    let before = |k: usize| k.checked_sub(1).map(|k| words[k]);
    let denied = |w: Option<&str>| w.is_some_and(|w| NOT_YET.contains(&w));
    !(denied(before(i)) || (before(i) == Some("da") && denied(before(i - 1))))
}

/// «đã mất», «đã mất ngày 3/5», «ông mất năm 2023»; not «đã mất liên lạc», «tiền mặt ngày 5».
fn died_at(words: &[&str], i: usize) -> bool {
    let (bare, j) = match (at(words, i, "da mat"), at(words, i, "mat")) {
        (Some(j), _) => (true, j),
        (None, Some(j))
            if i == 0 || any_at(words, i - 1, WHO_DIED).is_some_and(|(_, e)| e == i) =>
        {
            (false, j)
        }
        _ => return false,
    };
    match words.get(j) {
        None => bare,
        Some(w) => {
            (bare && w.bytes().all(|b| b.is_ascii_digit()))
                || any_at(words, j, AFTER_DIED).is_some()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_that_refuses_marketing() {
        for note in [
            "không nhận quảng cáo",
            "KH không nhận tin",
            "ko nhận QC nữa",
            "Khách không muốn nhận email khuyến mãi",
            "đừng gọi",
            "Đừng gọi nữa!",
            "ngừng gửi",
            "ngừng gửi tin 05/2024",
            "từ chối nhận tin",
            "Hủy đăng ký",
            "unsubscribed",
            "không nhắn tin",
            "không gọi lại",
            "không làm phiền",
        ] {
            assert_eq!(says(note), Some(NoteSays::RefusesMarketing), "{note}");
        }
    }

    #[test]
    fn a_note_that_asks_for_deletion_or_says_the_customer_died() {
        for note in [
            "KH yêu cầu xóa thông tin ngày 3/11/2026",
            "khách đề nghị xóa",
            "xin xóa hết dữ liệu",
            "Đã gọi, khách muốn xóa khỏi danh sách",
            "xóa hồ sơ theo yêu cầu",
            "XÓA",
            "Đã xóa",
            "cần xóa; khách chuyển đi",
        ] {
            assert_eq!(says(note), Some(NoteSays::AskedDeletion), "{note}");
        }
        for note in [
            "đã mất",
            "Đã mất (2023)",
            "Ông đã mất năm 2022, con trai nhận hàng",
            "qua đời",
            "mất ngày 5/6/2024",
            "đã tạ thế",
        ] {
            assert_eq!(says(note), Some(NoteSays::Deceased), "{note}");
        }
        for note in [
            "Đã giải thể",
            "cty giải thể 2023",
            "NNT ngừng hoạt động",
            "NNT ngừng hoạt động và đã hoàn thành thủ tục chấm dứt hiệu lực MST",
            "Ngưng hoạt động từ 3/2024",
            "phá sản",
            "đã đóng MST",
            "Không hoạt động tại địa chỉ đã đăng ký",
            "Cửa hàng đã đóng cửa",
            "nghỉ kinh doanh",
        ] {
            assert_eq!(says(note), Some(NoteSays::Closed), "{note}");
        }
        assert_eq!(
            says("đã giải thể; đừng gửi tin"),
            Some(NoteSays::Closed),
            "the graver"
        );
        assert_eq!(
            says("đã mất; không nhận quảng cáo"),
            Some(NoteSays::Deceased),
            "the gravest"
        );
    }

    /// Notes about goods, numbers, debts and lost contacts are not requests.
    #[test]
    fn an_ordinary_note_says_nothing() {
        for note in [
            "",
            "nợ 2tr",
            "không nhận hàng, trả lại",
            "khách không nhận",
            "không gọi được",
            "đã mất liên lạc",
            "mất số cũ, dùng số mới",
            "yêu cầu xóa số cũ",
            "xóa email cũ",
            "đồng ý nhận quảng cáo",
            "gọi trước khi giao",
            "mất hàng lần trước",
            "khách quen, hay mua mực in",
            "Không liên lạc được",
            "Chị Dung gọi lại sau",
            "Anh Huy nhận tin qua Zalo",
            "KH nhận tin qua Zalo",
            "không gửi thứ 7",
            "không nhận lại hàng lỗi",
            "trả tiền mặt ngày 5/6",
            "dùng gọi Zalo",
            "không nhận hàng thứ 7",
            "đã liên hệ",
            "đã gửi báo giá",
            "trùng?",
            "hay đổi trả",
            "Không gọi trước khi giao",
            "chưa giải thể",
            "không phá sản",
            "chưa đóng MST",
            "đóng cửa lúc 5h chiều",
            "giao trước giờ đóng cửa",
            "hoạt động bình thường",
        ] {
            assert_eq!(says(note), None, "{note}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_note_is_read_without_panic(note in "\\PC{0,60}") {
            let _ = says(&note);
        }
    }
}
