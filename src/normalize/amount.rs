//! Amounts in the accountant's listings, as whole đồng: "1.234.567" (dot for thousands),
//! "1,234,567", "1 234 567", "1.234.567,00". Parsed exactly as integers, never through f64.

/// Returns `None` when the text is not an amount a person would write (the caller flags it).
pub fn parse_amount(raw: &str) -> Option<i64> {
    let s = raw.trim().trim_end_matches(['đ', 'd', 'Đ', 'D']).trim();
    let s = s
        .strip_suffix("VND")
        .or_else(|| s.strip_suffix("vnd"))
        .unwrap_or(s)
        .trim();
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
    if let Some(f) = frac {
        if !f.bytes().all(|b| b.is_ascii_digit()) || f.bytes().any(|b| b != b'0') {
            return None;
        }
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
    Some(if neg { -value } else { value })
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
        if (1..=2).contains(&tail.len()) && !s[..pos].contains('.') {
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
            ("12.34.567", None),
            ("abc", None),
            ("", None),
            ("99999999999999999999999", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_amount(s), want, "{s}");
        }
    }
}
