//! Amounts in the accountant's listings, as whole đồng: "1.234.567" (dot for thousands),
//! "1,234,567", "1 234 567", "1.234.567,00". Parsed exactly as integers, never through f64.

/// Returns `None` when the text is not an amount a person would write (the caller flags it),
/// and when it has a part of a đồng ([`parse_amount_rounded`] rounds it).
pub fn parse_amount(raw: &str) -> Option<i64> {
    match parse_amount_rounded(raw)? {
        (v, false) => Some(v),
        (_, true) => None,
    }
}

/// An amount in whole đồng, and whether it was rounded to get there: a VAT cell computed by a
/// formula (`=H12*8%` → 98 765,36) or typed with its decimals ("1.234.567,50") is a sum of
/// đồng and part of one, which no invoice carries; it is rounded half away from zero.
pub fn parse_amount_rounded(raw: &str) -> Option<(i64, bool)> {
    let s = raw.trim();
    // The currency after the number: "VNĐ", "VND", "đồng", "đ".
    let lower = s.to_lowercase();
    let cut = ["vnđ", "vnd", "đồng", "dong", "đ", "₫", "d"]
        .iter()
        .find(|u| lower.ends_with(*u))
        .map_or(0, |u| lower[lower.len() - u.len()..].len());
    let s = s[..s.len() - cut].trim();
    // Excel's accounting format shows a zero as a dash, and a CSV saved from Excel keeps what
    // the cell showed: « - », «-   ₫».
    if !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '–' | ' ')) {
        return Some((0, false));
    }
    let (neg, s) = match s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('(').and_then(|x| x.strip_suffix(')')))
    {
        Some(rest) => (true, rest.trim()),
        None => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    // A decimal part is a comma (Vietnamese) or a dot followed by 1–2 digits at the end
    // ("1234.5" from a number cell); thousands groups are exactly three digits.
    let (int_part, frac) = split_decimal(s);
    let mut up = false;
    let mut rounded = false;
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rounded = f.bytes().any(|b| b != b'0');
        up = f.as_bytes()[0] >= b'5';
    }
    let groups: Vec<&str> = int_part.split(['.', ',', ' ', '\u{a0}']).collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let mut value: i64 = 0;
    for g in &groups {
        if g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        for b in g.bytes() {
            value = value.checked_mul(10)?.checked_add((b - b'0') as i64)?;
        }
    }
    if up {
        value = value.checked_add(1)?;
    }
    Some((if neg { -value } else { value }, rounded))
}

fn split_decimal(s: &str) -> (&str, Option<&str>) {
    if let Some(pos) = s.rfind(',') {
        let tail = &s[pos + 1..];
        if tail.len() != 3 || s[..pos].contains('.') {
            return (&s[..pos], Some(tail));
        }
    }
    if let Some(pos) = s.rfind('.') {
        let tail = &s[pos + 1..];
        // "1234.5" or a number cell's "98765.35999999": one dot, no other separator.
        let plain = !s[..pos].contains(['.', ',', ' ', '\u{a0}']);
        if (1..=2).contains(&tail.len()) && !s[..pos].contains('.') || (plain && tail.len() > 3) {
            return (&s[..pos], Some(tail));
        }
    }
    (s, None)
}

#[cfg(test)]
mod tests {
    use super::parse_amount;

    #[test]
    fn vietnamese_and_other_forms() {
        let cases = [
            ("1.234.567", Some(1_234_567)),
            ("1,234,567", Some(1_234_567)),
            ("1 234 567", Some(1_234_567)),
            ("1.234.567,00", Some(1_234_567)),
            ("1234567", Some(1_234_567)),
            ("1234567.0", Some(1_234_567)),
            ("500.000 đ", Some(500_000)),
            ("-12.000", Some(-12_000)),
            ("(12.000)", Some(-12_000)),
            ("0", Some(0)),
            ("1.234.567,50", None),
            ("3.000.000 VNĐ", Some(3_000_000)),
            ("3.000.000 vnđ", Some(3_000_000)),
            ("2.500.000 đồng", Some(2_500_000)),
            ("12.34.567", None),
            ("abc", None),
            ("", None),
            ("99999999999999999999999", None),
            // Excel's accounting format: a zero shows as a dash, kept by a CSV saved from it.
            (" - ", Some(0)),
            ("-", Some(0)),
            ("-   ₫", Some(0)),
            ("1.500.000 ₫", Some(1_500_000)),
            ("--", Some(0)),
        ];
        for (s, want) in cases {
            assert_eq!(parse_amount(s), want, "{s}");
        }
    }

    /// A part of a đồng (a formula's VAT, decimals typed) is rounded half away from zero, and
    /// said to be.
    #[test]
    fn parts_of_a_dong_are_rounded() {
        use super::parse_amount_rounded as r;
        assert_eq!(r("98765.36"), Some((98_765, true)));
        assert_eq!(r("266666.64"), Some((266_667, true)));
        assert_eq!(r("98765.35999999"), Some((98_765, true)));
        assert_eq!(r("1.234.567,50"), Some((1_234_568, true)));
        assert_eq!(r("123.456,75"), Some((123_457, true)));
        assert_eq!(r("-1.234.567,50"), Some((-1_234_568, true)));
        assert_eq!(r("1.234.567,00"), Some((1_234_567, false)));
        assert_eq!(r("1.234.567"), Some((1_234_567, false)));
        assert_eq!(r("1.234"), Some((1_234, false)));
        assert_eq!(r("12.34.567"), None);
    }
}
