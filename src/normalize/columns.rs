//! A row whose name and address a clerk typed in each other's columns: «12 Hai Bà Trưng,
//! Hoàn Kiếm, Hà Nội» in «Tên khách hàng» and «Lê Thị Cúc» in «Địa chỉ». Kept as typed, the
//! book would list a customer called by a street and living at a person's name; read back, the
//! two go to their columns, and the change says so.
//!
//! Only an unmistakable address counts: a house number first («12», «12A», «45/7», «Số 5»),
//! a separator, a province or its district named, and no organisation's legal form or trade
//! (a shop «36 Phố Phường» has none of the rest). The address cell then holds a person's name
//! (two to five words, none a digit or an address word, a common family name first), or
//! nothing (the address, of three parts at least, is moved and the row has no name).

use super::{address, name, text};

/// The name and the address of a row typed in each other's columns: (the name, the address)
/// as they should have been, `None` when the row is as it should be.
pub fn swapped<'a>(name_cell: &'a str, address_cell: &'a str) -> Option<(&'a str, &'a str)> {
    let (typed_name, typed_address) = (name_cell.trim(), address_cell.trim());
    if !starts_with_house_number(typed_name) || !reads_as_address(typed_name) {
        return None;
    }
    // Alone, the address has three parts at least: «5 Anh Em, Hà Nội» may be a shop.
    let parts = typed_name.matches([',', '-']).count() + 1;
    (typed_address.is_empty() && parts >= 3 || reads_as_person(typed_address))
        .then_some((typed_address, typed_name))
}

/// «12 …», «12A …», «45/7 …», «Số 5 …»: a digit first, or «Số» and a digit.
fn starts_with_house_number(cell: &str) -> bool {
    let rest = ["Số ", "số ", "SỐ ", "So ", "so "]
        .iter()
        .find_map(|p| cell.strip_prefix(p))
        .unwrap_or(cell);
    rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// A separator between the address's parts, a province named (or implied by its district),
/// and no organisation's name: no legal form, no trade.
fn reads_as_address(cell: &str) -> bool {
    (cell.contains(',') || cell.contains(" - "))
        && address::find_province(cell).is_some()
        && name::parse_name(cell).kind != name::PartyKind::Org
}

/// Words where an address lives, never in a person's name.
const ADDRESS_WORDS: &[&str] = &[
    "so", "duong", "pho", "phuong", "quan", "huyen", "xa", "thon", "ap", "to", "khu", "ngo", "hem",
    "kiet", "ngach", "tp", "tinh", "thanh", "thi", "tran", "p", "q", "kp", "cho",
];

/// Two to five words without a digit, the first a common family name, no word of an address's
/// («Lê Thị Cúc»; not «Lê Lợi, Hà Nội», «Thôn Đông»). «thị» is an address's word too («thị
/// trấn», «thị xã»): a person's middle name only after a family name.
fn reads_as_person(cell: &str) -> bool {
    if cell.bytes().any(|b| b.is_ascii_digit()) || cell.contains(',') {
        return false;
    }
    let key = text::fold_key(cell);
    let words: Vec<&str> = key.split(' ').collect();
    (2..=5).contains(&words.len())
        && name::is_common_family(words[0])
        && !words[1..]
            .iter()
            .enumerate()
            .any(|(i, w)| ADDRESS_WORDS.contains(w) && !(i == 0 && *w == "thi"))
        && address::find_province(cell).is_none()
        && name::parse_name(cell).kind == name::PartyKind::Person
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name and an address typed in each other's columns, or an address alone in the name's.
    #[test]
    fn an_address_in_the_name_column_and_a_name_in_the_address_column() {
        for (name, address, want) in [
            (
                "12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội",
                "Lê Thị Cúc",
                Some(("Lê Thị Cúc", "12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội")),
            ),
            (
                "Số 5 ngõ 12 Láng Hạ - Đống Đa - HN",
                " Nguyễn Văn An ",
                Some(("Nguyễn Văn An", "Số 5 ngõ 12 Láng Hạ - Đống Đa - HN")),
            ),
            (
                "45/7 Nguyễn Trãi, Quận 5, TP.HCM",
                "",
                Some(("", "45/7 Nguyễn Trãi, Quận 5, TP.HCM")),
            ),
        ] {
            assert_eq!(swapped(name, address), want, "{name} / {address}");
        }
    }

    /// Names that begin with a number, addresses that read as names: as typed.
    #[test]
    fn names_with_numbers_and_streets_named_for_people_stay() {
        for (name, address) in [
            ("Nguyễn Văn An", "12 Hai Bà Trưng, Hà Nội"),
            ("Công ty TNHH 36 Phố Phường, Hà Nội", ""),
            ("365 Gym", "Lê Thị Cúc"),
            ("24h Mart, Hà Nội", "12 Lê Lợi"),
            ("12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội", "Lê Lợi, Hà Nội"),
            (
                "12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội",
                "Thôn Đông, Xã An Bình",
            ),
            ("12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội", "Thị trấn Đông Anh"),
            ("12 Hai Bà Trưng, Hoàn Kiếm, Hà Nội", "Cửa hàng Minh Tường"),
            ("5 Anh Em, Hà Nội", "12 Lê Lợi, Hà Nội"),
            ("5 Anh Em, Hà Nội", ""),
        ] {
            assert_eq!(swapped(name, address), None, "{name} / {address}");
        }
    }
}
