//! The codes a ledger's own program gives its customers («Mã khách hàng» KH00031 in an
//! accounting program's lists and sales book) as evidence against an attribution by name: two
//! codes of one shape (the same letters, as many digits) are one program's numbering, and two
//! of its numbers are two of its customers. Codes of two shapes are two programs' and say
//! nothing.

use crate::merge::book::{is_adopted_row, is_sokhach_id};
use crate::merge::OFFICE_CODE;
use crate::model::{RawRow, Role};

/// A code's shape: its leading letters in capitals and how many digits follow; `None` for a
/// code of another form (a dash, letters after the digits), which is compared with nothing.
fn shape(code: &str) -> Option<(String, usize)> {
    let letters: String = code.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &code[letters.len()..];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (letters.to_ascii_uppercase(), digits.len()))
}

/// The codes of a ledger's own a row carries: its `Mã KH` cell when that is none of our ids,
/// and on the cleaned book's rows the codes its note keeps («Mã KH cũ: KH00031»).
fn own_codes(raw: &RawRow) -> Vec<&str> {
    if is_adopted_row(raw) {
        let prefix = format!("{OFFICE_CODE}: ");
        return (raw.get(Role::Note).split("; "))
            .filter_map(|part| part.trim().strip_prefix(prefix.as_str()))
            .map(str::trim)
            .collect();
    }
    let code = raw.get(Role::CustomerId).trim();
    if code.is_empty() || is_sokhach_id(code) {
        Vec::new()
    } else {
        vec![code]
    }
}

/// Whether the rows of `a` and of `b` carry codes of one shape and none the same: one
/// program's two customers.
pub(super) fn disagree(a: &[u32], b: &[u32], raw: &[RawRow]) -> bool {
    let coded = |rows: &[u32]| -> Vec<(String, (String, usize))> {
        rows.iter()
            .flat_map(|&r| own_codes(&raw[r as usize]))
            .filter_map(|c| Some((c.to_ascii_uppercase(), shape(c)?)))
            .collect()
    };
    let (a, b) = (coded(a), coded(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.iter().any(|(_, s)| {
        let theirs = || b.iter().filter(move |(_, t)| t == s);
        theirs().next().is_some()
            && !a
                .iter()
                .filter(|(_, t)| t == s)
                .any(|(c, _)| theirs().any(|(d, _)| d == c))
    })
}

/// Whether the rows of `a` and of `b` carry one code (of a shape [`shape`] reads).
pub(super) fn agree(a: &[u32], b: &[u32], raw: &[RawRow]) -> bool {
    let coded = |rows: &[u32]| -> Vec<String> {
        rows.iter()
            .flat_map(|&r| own_codes(&raw[r as usize]))
            .filter(|c| shape(c).is_some())
            .map(str::to_ascii_uppercase)
            .collect()
    };
    let theirs = coded(b);
    !theirs.is_empty() && coded(a).iter().any(|c| theirs.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(codes: &[&str]) -> Vec<RawRow> {
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut r = RawRow::new(0, i as u32 + 2);
                r.push(Role::CustomerId, c);
                r
            })
            .collect()
    }

    #[test]
    fn two_numbers_of_one_program_are_two_customers() {
        let raw = rows(&["KH00031", "KH00045", "kh00031", "10234", "", "DN-0012"]);
        assert!(disagree(&[0], &[1], &raw), "one shape, two numbers");
        assert!(!disagree(&[0], &[2], &raw), "the same code in either case");
        assert!(!disagree(&[0, 1], &[2], &raw), "one code in common");
        assert!(!disagree(&[0], &[3], &raw), "two programs' shapes");
        assert!(!disagree(&[0], &[4], &raw), "no code");
        assert!(!disagree(&[5], &[0], &raw), "a code of another form");
        assert!(agree(&[0], &[2], &raw) && agree(&[0, 1], &[2], &raw));
        assert!(!agree(&[0], &[1], &raw) && !agree(&[0], &[4], &raw));
    }

    /// The cleaned book keeps a ledger's codes in the note: they are the customer's.
    #[test]
    fn the_books_note_keeps_the_codes() {
        let mut book = RawRow::new(0, 2);
        book.push(Role::CustomerId, "KH000002");
        book.push(Role::Note, "Khách quen; Mã KH cũ: KH00031");
        let mut line = RawRow::new(1, 2);
        line.push(Role::CustomerId, "KH00045");
        let raw = vec![book, line];
        assert_eq!(own_codes(&raw[0]), ["KH00031"]);
        assert!(disagree(&[1], &[0], &raw));
    }
}
