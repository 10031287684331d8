//! Email cells: split, clean, check syntax, flag likely domain typos.
//!
//! A cell may hold several addresses separated by `;` `,` `/`, whitespace or newlines, in
//! "Name <addr>" form, or behind "mailto:". Valid addresses are lower-cased entirely (the
//! office's providers ignore case) and deduplicated. Text with no `@` is reported as one
//! invalid item per run of words ("không có", "(cá nhân)"), kept as typed; display names in
//! front of `<…>` are dropped. A domain typo is only flagged: the address stays as typed in
//! `valid` (if its syntax is valid; it may be real) and also goes to `typos` with a suggestion.
//!
//! Internationalised domains ("an@côngty.vn": .vn registers them) are valid and kept in Unicode
//! (NFC, lowercase). Names reserved for tests, documentation and local networks never receive
//! mail: an address there is filed as invalid, so it is flagged and never mailed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Top-level names that never deliver mail: RFC 2606 (test, example, invalid, localhost) and
/// RFC 6762 (local: multicast DNS on the office network).
const RESERVED_TLDS: &[&str] = &["test", "example", "invalid", "localhost", "local"];
/// Second-level names RFC 2606 reserves for documentation.
const RESERVED_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

/// Known typos → the domain meant. "yahoo.vn" does not exist: Yahoo Vietnam is yahoo.com.vn.
const DOMAIN_TYPOS: &[(&str, &str)] = &[
    ("gmial.com", "gmail.com"),
    ("gmai.com", "gmail.com"),
    ("gmail.con", "gmail.com"),
    ("gmail.co", "gmail.com"),
    ("gmail.cm", "gmail.com"),
    ("gmail.om", "gmail.com"),
    ("gmaill.com", "gmail.com"),
    ("gamil.com", "gmail.com"),
    ("gmal.com", "gmail.com"),
    ("gmail.vn", "gmail.com"),
    ("gmail.com.vn", "gmail.com"),
    ("gmail", "gmail.com"),
    ("yaho.com", "yahoo.com"),
    ("yahoo.con", "yahoo.com"),
    ("yahoo", "yahoo.com"),
    ("yahoo.vn", "yahoo.com.vn"),
    ("yahoo.com.vm", "yahoo.com.vn"),
    ("yahoo.com.v", "yahoo.com.vn"),
    ("hotmai.com", "hotmail.com"),
    ("hotmail.con", "hotmail.com"),
    ("outlok.com", "outlook.com"),
];

/// Domains the office meets; a domain one edit (or one swap of neighbours) away from one of
/// the long ones is flagged. Short ones (fpt.vn, vnn.vn) are left out of that fallback: too
/// many real domains sit one edit away (hpt.vn).
const KNOWN_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "yahoo.com.vn",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "fpt.vn",
    "vnn.vn",
    "fpt.com.vn",
    "viettel.com.vn",
];

/// Shortest known domain the edit-distance fallback applies to.
const FALLBACK_MIN_LEN: usize = 9;

/// Real domains one edit away from a known one: never flag them.
const REAL_NEIGHBOURS: &[&str] = &["ymail.com", "mail.com", "email.com", "cloud.com"];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Emails {
    pub valid: Vec<String>,
    /// Items that are not addresses, as typed (trimmed).
    pub invalid: Vec<String>,
    /// Words beside the addresses, no address tried in them («(con gái)», «gửi kế toán»): a
    /// note of whose address it is. A label («Email:», «Mail») is dropped.
    pub words: Vec<String>,
    /// (address as found, lower-cased; the same address with the suggested domain)
    pub typos: Vec<(String, String)>,
}

pub fn parse_emails(raw: &str) -> Emails {
    let tidied = tidy(raw);
    let raw = tidied.as_ref();
    let mut out = Emails::default();
    // Words without '@' waiting to be reported together as one invalid item.
    let mut junk = String::new();
    for part in raw.split([';', ',', '\n', '\r']) {
        // "Nguyen An <an@x.vn>": keep what is inside the brackets, drop the name.
        let mut rest = part;
        let mut bracketed = false;
        while let Some(open) = rest.find('<') {
            let Some(len) = rest[open..].find('>') else {
                break;
            };
            bracketed = true;
            flush_junk(&mut junk, &mut out);
            take(&rest[open + 1..open + len], &mut out);
            rest = &rest[open + len + 1..];
        }
        if bracketed && !rest.contains('@') {
            continue;
        }
        for token in rest.split(|c: char| c.is_whitespace() || c == '/') {
            if token.is_empty() {
                continue;
            }
            if token.contains('@') {
                flush_junk(&mut junk, &mut out);
                take(token, &mut out);
            } else {
                if !junk.is_empty() {
                    junk.push(' ');
                }
                junk.push_str(token);
            }
        }
        flush_junk(&mut junk, &mut out);
    }
    // Words with no address beside them («chưa hỏi») are not about one: a bad value.
    if out.valid.is_empty() && !out.words.is_empty() {
        let mut words = std::mem::take(&mut out.words);
        words.append(&mut out.invalid);
        out.invalid = words;
    }
    out
}

/// The slips a clerk makes around an address that leave no doubt what it is: spaces around
/// the `@` («binh @gmail.com») or a dot of its domain («an@gmail .com»), «(at)» for it
/// («an(at)gmail.com»), a comma for the dot before the top-level domain («cuc@gmail,com»), a
/// dot typed twice in the domain («hoa@gmail..com»).
fn tidy(raw: &str) -> std::borrow::Cow<'_, str> {
    let tidied = tidy_at(raw);
    match domain_dots(&tidied) {
        Some(fixed) => std::borrow::Cow::Owned(fixed),
        None => tidied,
    }
}

/// Spaces around a dot of a domain («an@gmail .com», «an@gmail. com») and a dot typed twice
/// («an@gmail..com») taken out; `None` when there are none.
fn domain_dots(raw: &str) -> Option<String> {
    if !raw.contains('@') || !(raw.contains(" .") || raw.contains(". ") || raw.contains("..")) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut changed = false;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        // The domain runs over letters, digits, dashes and dots, and over spaces around the
        // dot between its name and a top-level domain («gmail . com»; not «gmail.com. Sau»).
        let mut domain = String::new();
        let mut chars = rest.char_indices().peekable();
        let mut end = rest.len();
        let tld_after = |text: &str| {
            let word: String = text
                .trim_start_matches(' ')
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            TYPED_APART.contains(&word.to_ascii_lowercase().as_str())
        };
        while let Some((i, c)) = chars.next() {
            if c.is_ascii_alphanumeric() || c == '-' {
                domain.push(c);
            } else if c == '.' {
                if !domain.ends_with('.') {
                    domain.push('.');
                }
                if !domain[..domain.len() - 1].contains('.') && tld_after(&rest[i + 1..]) {
                    while chars.peek().is_some_and(|&(_, n)| n == ' ') {
                        chars.next();
                    }
                }
            } else if c == ' '
                && !domain.is_empty()
                && !domain.contains('.')
                && rest[i..]
                    .trim_start_matches(' ')
                    .strip_prefix('.')
                    .is_some_and(tld_after)
            {
                // «gmail .com»: the spaces before the dot.
            } else {
                end = i;
                break;
            }
        }
        if domain.as_str() != &rest[..end] {
            changed = true;
        }
        out.push_str(&domain);
        rest = &rest[end..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Top-level domains a clerk types apart from the domain's name, after a comma or a spaced dot
/// («cuc@gmail,com», «an@gmail .com»).
const TYPED_APART: &[&str] = &["com", "net", "org", "vn", "edu", "info", "biz"];

/// [`tidy`]'s slips around the `@` and the top-level domain.
fn tidy_at(raw: &str) -> std::borrow::Cow<'_, str> {
    let spaced = raw.contains(" @") || raw.contains("@ ");
    let at_word = !raw.contains('@') && {
        let lower = raw.to_ascii_lowercase();
        lower.contains("(at)") || lower.contains("[at]")
    };
    let comma_tld = raw.contains('@') && raw.contains(',');
    if !spaced && !at_word && !comma_tld {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut s = raw.to_string();
    if spaced {
        while s.contains(" @") || s.contains("@ ") {
            s = s.replace(" @", "@").replace("@ ", "@");
        }
    }
    if at_word {
        for w in ["(at)", "(AT)", "(At)", "[at]", "[AT]", "[At]"] {
            s = s.replace(&format!(" {w} "), "@").replace(w, "@");
        }
    }
    if comma_tld {
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(at) = rest.find('@') {
            let domain_end = rest[at..]
                .find(|c: char| c.is_whitespace() || c == ';' || c == '/')
                .map_or(rest.len(), |k| at + k);
            let domain = &rest[at + 1..domain_end];
            let fixed = match domain.split_once(',') {
                Some((name, tld))
                    if !name.is_empty()
                        && !name.contains('.')
                        && TYPED_APART.contains(&tld.split('.').next().unwrap_or("")) =>
                {
                    format!("{name}.{tld}")
                }
                _ => domain.to_string(),
            };
            out.push_str(&rest[..=at]);
            out.push_str(&fixed);
            rest = &rest[domain_end..];
        }
        out.push_str(rest);
        s = out;
    }
    std::borrow::Cow::Owned(s)
}

fn flush_junk(junk: &mut String, out: &mut Emails) {
    if junk.is_empty() {
        return;
    }
    let item = std::mem::take(junk);
    let folded = crate::normalize::text::fold_key(&item);
    // A label, or a word between two addresses («a@x.vn hoặc b@y.vn»).
    if matches!(
        folded.as_str(),
        "email"
            | "e mail"
            | "mail"
            | "gmail"
            | "dia chi email"
            | "hop thu"
            | "hoac"
            | "va"
            | "or"
            | "and"
    ) && item
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | ':' | '-'))
    {
        return;
    }
    // An address tried without its `@` («an.gmail.com») has dots, digits or underscores in
    // one word; words about the address have none.
    let tried = item
        .split_whitespace()
        .any(|w| w.contains(['.', '_']) || w.bytes().any(|b| b.is_ascii_digit()));
    if tried || !item.chars().any(char::is_alphabetic) {
        out.invalid.push(item);
    } else {
        out.words.push(item);
    }
}

/// Cleans one candidate and files it.
fn take(candidate: &str, out: &mut Emails) {
    let s = clean(candidate);
    if s.is_empty() {
        return;
    }
    let lower = if s.is_ascii() {
        s.to_lowercase()
    } else {
        s.to_lowercase().nfc().collect()
    };
    let valid = is_valid(&lower);
    if valid {
        if !out.valid.contains(&lower) {
            out.valid.push(lower.clone());
        }
    } else {
        out.invalid.push(s.to_string());
    }
    if let Some((local, domain)) = lower.split_once('@') {
        if let Some(fix) = suggest_domain(domain) {
            if valid_local(local) && !out.typos.iter().any(|(t, _)| *t == lower) {
                out.typos.push((lower.clone(), format!("{local}@{fix}")));
            }
        }
    }
}

/// Strips "mailto:", wrapping quotes/brackets and whitespace.
fn clean(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        if s.len() >= 7 && s.is_char_boundary(7) && s[..7].eq_ignore_ascii_case("mailto:") {
            s = &s[7..];
        }
        s = s
            .trim_start_matches(['"', '<', '(', '[', '\u{201c}'])
            .trim_end_matches(['"', '>', ')', ']', '\u{201d}', '.']);
        // A single quote may belong to the local part ("o'brien@x.vn"): strip pairs only.
        if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
            s = &s[1..s.len() - 1];
        }
        s = s.trim();
        if s == before {
            return s;
        }
    }
}

/// RFC 5321 dot-atom local part, ASCII only (the office has no internationalised mail).
fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&b))
}

/// Whether `word` is a user and a valid domain («an@x.vn», «info@côngty.vn», a full stop after
/// it allowed): an address to lift out of a name or address cell. The user part is not judged:
/// the email column's rules flag it.
pub fn is_address_shaped(word: &str) -> bool {
    word.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && valid_domain(domain.trim_end_matches('.'))
    })
}

/// Labels of letters (any script: internationalised domains), digits and inner hyphens; at
/// least two; an alphabetic (or punycode) TLD. Lengths are counted in characters: the ASCII
/// (punycode) form the DNS limits is longer, but a label near 63 letters is not a real one.
fn valid_domain(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > 253 {
        return false;
    }
    let mut labels = 0;
    for label in domain.split('.') {
        labels += 1;
        let ok = !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && !label.starts_with(is_combining_mark)
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || is_combining_mark(c));
        if !ok {
            return false;
        }
    }
    let tld = domain.rsplit('.').next().unwrap_or("");
    labels >= 2
        && tld.chars().count() >= 2
        && (tld.chars().all(char::is_alphabetic) || tld.starts_with("xn--"))
}

/// Whether an address's domain is reserved (it can never receive mail).
pub fn undeliverable(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, d)| is_reserved(&d.to_lowercase()))
}

/// A domain reserved by the RFCs above (or a name under one).
fn is_reserved(domain: &str) -> bool {
    let tld = domain.rsplit('.').next().unwrap_or("");
    RESERVED_TLDS.contains(&tld)
        || RESERVED_DOMAINS.iter().any(|r| {
            domain == *r || (domain.ends_with(r) && domain[..domain.len() - r.len()].ends_with('.'))
        })
}

fn is_valid(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !domain.contains('@')
                && valid_local(local)
                && valid_domain(domain)
                && !is_reserved(domain)
        }
        None => false,
    }
}

/// The address as the matcher compares it: a domain typo the office makes ("gmial.com",
/// "công ty.com.vm") read as the domain meant, so that "an@gmial.com" and "an@gmail.com" are
/// one person's. The typed address stays in the book; the typo is flagged for a person.
pub fn match_form(email: &str) -> std::borrow::Cow<'_, str> {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return email.into();
    };
    // Only a slip of the keys inside the domain: "gmail.com.vn" or "yahoo.vn" may be a
    // namesake's own (wrong) address, and "tuanlv" is many people's.
    match suggest_domain(domain) {
        Some(fix) if within_one_edit(domain.as_bytes(), fix.as_bytes()) => {
            format!("{local}@{fix}").into()
        }
        _ => email.into(),
    }
}

/// Whether the address's domain is one the office mistypes (flagged for a person as a
/// typo: «gmial.com», «gmail.com.vn», «yahooo.com»): another of the customer's addresses
/// goes first.
pub fn domain_typo(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, d)| suggest_domain(&d.to_ascii_lowercase()).is_some())
}

/// Mail services anyone can sign up to, and the internet providers' mailboxes: an address
/// there says nothing about the company it writes for.
const PUBLIC_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.com.vn",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "outlook.com",
    "outlook.com.vn",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "zoho.com",
    "mail.com",
    "gmx.com",
    "yandex.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "vnn.vn",
    "fpt.vn",
    "viettel.vn",
    "vnpt.vn",
    "netnam.vn",
    "saigonnet.vn",
];

/// The domain of an address that belongs to a company ("ketoan@quanganh.com.vn" →
/// "quanganh.com.vn"): none for a public mail service or a provider's mailbox ("…@gmail.com",
/// "…@hcm.vnn.vn").
pub fn company_domain(email: &str) -> Option<&str> {
    let (_, domain) = email.rsplit_once('@')?;
    let public = PUBLIC_MAIL
        .iter()
        .any(|p| domain == *p || domain.strip_suffix(p).is_some_and(|sub| sub.ends_with('.')));
    (!public && domain.contains('.')).then_some(domain)
}

/// `f` of the first company domain among a row's emails, each read in its matching form
/// ([`match_form`], [`company_domain`]): an organisation's own domain, hashed as the caller
/// keys it. The domain is given as its letters and digits only: a dot or hyphen left out
/// ("tantamcom.vn" for "tantam.com.vn", "hoaviet.vn" for "hoa-viet.vn") is the same domain.
pub fn first_company_domain<T>(
    emails: &[crate::normalize::Text],
    f: impl Fn(&str) -> T,
) -> Option<T> {
    emails.iter().find_map(|e| {
        let m = match_form(e);
        let d = company_domain(&m)?;
        let key: String = d.chars().filter(|&c| c != '.' && c != '-').collect();
        Some(f(&key))
    })
}

fn suggest_domain(domain: &str) -> Option<std::borrow::Cow<'static, str>> {
    if let Some(&(_, fix)) = DOMAIN_TYPOS.iter().find(|(typo, _)| *typo == domain) {
        return Some(fix.into());
    }
    // ".vm" is no top-level domain; the key beside "n" is ("congty.com.vm").
    if let Some(stem) = domain.strip_suffix(".vm").filter(|s| !s.is_empty()) {
        return Some(format!("{stem}.vn").into());
    }
    if KNOWN_DOMAINS.contains(&domain) || REAL_NEIGHBOURS.contains(&domain) {
        return None;
    }
    KNOWN_DOMAINS
        .iter()
        .copied()
        .filter(|k| k.len() >= FALLBACK_MIN_LEN)
        .find(|k| within_one_edit(domain.as_bytes(), k.as_bytes()))
        .map(Into::into)
}

/// One insertion, deletion, substitution or swap of neighbours turns `a` into `b` (a != b).
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
    }
}

#[cfg(test)]
mod tests {

    /// A clerk's slips around an address that leave no doubt: read as the address.
    #[test]
    fn slips_around_an_address_are_read_through() {
        for (typed, want) in [
            ("binh @gmail.com", "binh@gmail.com"),
            ("binh@ gmail.com", "binh@gmail.com"),
            ("an(at)gmail.com", "an@gmail.com"),
            ("an [at] gmail.com", "an@gmail.com"),
            ("cuc@gmail,com", "cuc@gmail.com"),
            ("cuc@yahoo,com.vn", "cuc@yahoo.com.vn"),
            ("dung@gmail.com.", "dung@gmail.com"),
            ("an@gmail .com", "an@gmail.com"),
            ("an@gmail. com", "an@gmail.com"),
            ("an@gmail . com.vn", "an@gmail.com.vn"),
            ("hoa@gmail..com", "hoa@gmail.com"),
            ("hoa@yahoo.com..vn", "hoa@yahoo.com.vn"),
        ] {
            assert_eq!(parse_emails(typed).valid, [want], "{typed}");
        }
        // A sentence after the address is not its domain.
        let e = parse_emails("an@gmail.com. Sau gọi lại");
        assert_eq!(e.valid, ["an@gmail.com"]);
        let e = parse_emails("an@gmail.com .com");
        assert_eq!(e.valid, ["an@gmail.com"]);
        // Two addresses a comma apart stay two.
        assert_eq!(parse_emails("a@x.vn,b@y.vn").valid, ["a@x.vn", "b@y.vn"]);
    }

    #[test]
    fn a_company_domain_is_no_public_mail_service() {
        assert_eq!(
            company_domain("ketoan@quanganh.com.vn"),
            Some("quanganh.com.vn")
        );
        assert_eq!(company_domain("info@halam.com.vn"), Some("halam.com.vn"));
        for public in [
            "abc@gmail.com",
            "abc@yahoo.com.vn",
            "abc@hcm.vnn.vn",
            "abc@outlook.com",
            "abc@fpt.vn",
        ] {
            assert_eq!(company_domain(public), None, "{public}");
        }
        // A name that only ends like a service is a company's.
        assert_eq!(company_domain("a@megmail.com"), Some("megmail.com"));
    }

    #[test]
    fn a_dot_left_out_of_a_domain_is_the_same_domain() {
        let key = |e: &str| first_company_domain(&[crate::normalize::Text::from(e)], str::to_owned);
        assert_eq!(key("hien.pm@tantam.com.vn"), key("vanphong@tantamcom.vn"));
        assert_eq!(key("a@hoa-viet.vn"), key("b@hoaviet.vn"));
        assert_ne!(key("a@tantam.com.vn"), key("a@tantam.vn"));
        assert_eq!(key("a@gmail.com"), None);
    }

    use super::*;
    use proptest::prelude::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// (raw, valid, invalid, typos)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &[&str], &[&str], &[(&str, &str)])] = &[
        ("an@x.vn", &["an@x.vn"], &[], &[]),
        // No top-level domain is ".vm": the key beside "n".
        (
            "lienhe@thangtanhoang.com.vm",
            &["lienhe@thangtanhoang.com.vm"],
            &[],
            &[("lienhe@thangtanhoang.com.vm", "lienhe@thangtanhoang.com.vn")],
        ),
        (
            "  An.Nguyen@Gmail.COM  ",
            &["an.nguyen@gmail.com"],
            &[],
            &[],
        ),
        ("", &[], &[], &[]),
        ("   ", &[], &[], &[]),
        ("a@x.vn; b@y.com", &["a@x.vn", "b@y.com"], &[], &[]),
        ("a@x.vn,b@y.com", &["a@x.vn", "b@y.com"], &[], &[]),
        ("a@x.vn / b@y.com", &["a@x.vn", "b@y.com"], &[], &[]),
        ("a@x.vn\nb@y.com", &["a@x.vn", "b@y.com"], &[], &[]),
        ("a@x.vn b@y.com", &["a@x.vn", "b@y.com"], &[], &[]),
        ("mailto:an@x.vn", &["an@x.vn"], &[], &[]),
        ("MAILTO:An@X.vn", &["an@x.vn"], &[], &[]),
        ("Nguyen An <an@x.vn>", &["an@x.vn"], &[], &[]),
        (
            "\"Nguyễn An\" <an@x.vn>, Bình <binh@y.vn>",
            &["an@x.vn", "binh@y.vn"],
            &[],
            &[],
        ),
        ("<an@x.vn>", &["an@x.vn"], &[], &[]),
        ("(an@x.vn)", &["an@x.vn"], &[], &[]),
        ("a@x.vn; A@X.VN", &["a@x.vn"], &[], &[]),
        ("o'brien@x.ie", &["o'brien@x.ie"], &[], &[]),
        (
            "an.nguyen+shop@x.com.vn",
            &["an.nguyen+shop@x.com.vn"],
            &[],
            &[],
        ),
        ("không có", &[], &["không có"], &[]),
        // Words beside an address are `words`, not a bad value (see `words_beside`).
        ("an@x.vn (cá nhân)", &["an@x.vn"], &[], &[]),
        ("an@@x.vn", &[], &["an@@x.vn"], &[]),
        ("an@x", &[], &["an@x"], &[]),
        ("an@x..vn", &["an@x.vn"], &[], &[]), // a dot typed twice in the domain
        (".an@x.vn", &[], &[".an@x.vn"], &[]),
        ("an..b@x.vn", &[], &["an..b@x.vn"], &[]),
        ("an@-x.vn", &[], &["an@-x.vn"], &[]),
        ("an@x.v1", &[], &["an@x.v1"], &[]),
        // A full stop typed after the address (the end of a sentence) is no part of it.
        ("an@x.vn.", &["an@x.vn"], &[], &[]),
        ("nguyễn@gmail.com", &[], &["nguyễn@gmail.com"], &[]),
        ("@x.vn", &[], &["@x.vn"], &[]),
        (
            "an@gmial.com",
            &["an@gmial.com"],
            &[],
            &[("an@gmial.com", "an@gmail.com")],
        ),
        (
            "An@GMAI.com",
            &["an@gmai.com"],
            &[],
            &[("an@gmai.com", "an@gmail.com")],
        ),
        (
            "an@gmail.con",
            &["an@gmail.con"],
            &[],
            &[("an@gmail.con", "an@gmail.com")],
        ),
        (
            "an@gmail.co",
            &["an@gmail.co"],
            &[],
            &[("an@gmail.co", "an@gmail.com")],
        ),
        (
            "an@gmaill.com",
            &["an@gmaill.com"],
            &[],
            &[("an@gmaill.com", "an@gmail.com")],
        ),
        (
            "an@gamil.com",
            &["an@gamil.com"],
            &[],
            &[("an@gamil.com", "an@gmail.com")],
        ),
        (
            "an@yaho.com",
            &["an@yaho.com"],
            &[],
            &[("an@yaho.com", "an@yahoo.com")],
        ),
        (
            "an@yahoo.con",
            &["an@yahoo.con"],
            &[],
            &[("an@yahoo.con", "an@yahoo.com")],
        ),
        (
            "an@yahoo.com.vm",
            &["an@yahoo.com.vm"],
            &[],
            &[("an@yahoo.com.vm", "an@yahoo.com.vn")],
        ),
        (
            "an@yahoo.vn",
            &["an@yahoo.vn"],
            &[],
            &[("an@yahoo.vn", "an@yahoo.com.vn")],
        ),
        (
            "an@hotmai.com",
            &["an@hotmai.com"],
            &[],
            &[("an@hotmai.com", "an@hotmail.com")],
        ),
        (
            "an@outlok.com",
            &["an@outlok.com"],
            &[],
            &[("an@outlok.com", "an@outlook.com")],
        ),
        // Edit-distance fallback.
        (
            "an@hotmial.com",
            &["an@hotmial.com"],
            &[],
            &[("an@hotmial.com", "an@hotmail.com")],
        ),
        (
            "an@icloud.cm",
            &["an@icloud.cm"],
            &[],
            &[("an@icloud.cm", "an@icloud.com")],
        ),
        (
            "an@viettel.com.vm",
            &["an@viettel.com.vm"],
            &[],
            &[("an@viettel.com.vm", "an@viettel.com.vn")],
        ),
        // Invalid, still with a suggestion.
        (
            "an@gmail",
            &[],
            &["an@gmail"],
            &[("an@gmail", "an@gmail.com")],
        ),
        // Real domains near known ones are not typos.
        ("an@ymail.com", &["an@ymail.com"], &[], &[]),
        ("an@hpt.vn", &["an@hpt.vn"], &[], &[]),
        ("an@fpt.vn", &["an@fpt.vn"], &[], &[]),
        ("an@yahoo.com.vn", &["an@yahoo.com.vn"], &[], &[]),
        // Internationalised domains (issue 16), kept in Unicode, NFC, lowercase.
        ("x@côngty.vn", &["x@côngty.vn"], &[], &[]),
        ("X@CÔNGTY.VN", &["x@côngty.vn"], &[], &[]),
        ("x@co\u{302}ngty.vn", &["x@côngty.vn"], &[], &[]),
        ("lan@hoa-phát.com.vn", &["lan@hoa-phát.com.vn"], &[], &[]),
        ("x@xn--cngty-2sa.vn", &["x@xn--cngty-2sa.vn"], &[], &[]),
        ("x@công ty.vn", &[], &["x@công", "ty.vn"], &[]),
        ("x@côngty_vn.vn", &[], &["x@côngty_vn.vn"], &[]),
        // Reserved names never receive mail: flagged, not kept.
        ("an@shop.local", &[], &["an@shop.local"], &[]),
        ("an@x.test", &[], &["an@x.test"], &[]),
        ("an@x.invalid", &[], &["an@x.invalid"], &[]),
        ("an@x.example", &[], &["an@x.example"], &[]),
        ("an@localhost", &[], &["an@localhost"], &[]),
        ("an@mail.localhost", &[], &["an@mail.localhost"], &[]),
        ("an@example.com", &[], &["an@example.com"], &[]),
        ("An@Mail.Example.ORG", &[], &["An@Mail.Example.ORG"], &[]),
        ("an@notexample.com", &["an@notexample.com"], &[], &[]),
        (
            "an@local.vn; b@test.com.vn",
            &["an@local.vn", "b@test.com.vn"],
            &[],
            &[],
        ),
    ];

    #[test]
    fn words_beside() {
        let e = parse_emails("an@x.vn (cá nhân)");
        assert_eq!(e.words, ["(cá nhân)"]);
        assert!(parse_emails("E-mail: an@x.vn").words.is_empty());
        let e = parse_emails("a@x.vn hoặc b@y.vn");
        assert_eq!((e.valid.len(), e.words.len(), e.invalid.len()), (2, 0, 0));
        assert_eq!(parse_emails("anh Nam").invalid, ["anh Nam"]);
        assert_eq!(
            parse_emails("an@x.vn, an.gmail.com").invalid,
            ["an.gmail.com"]
        );
    }

    #[test]
    fn table() {
        for &(raw, valid, invalid, typos) in CASES {
            let e = parse_emails(raw);
            assert_eq!(e.valid, s(valid), "valid of {raw:?}");
            assert_eq!(e.invalid, s(invalid), "invalid of {raw:?}");
            let want: Vec<(String, String)> = typos
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(e.typos, want, "typos of {raw:?}");
        }
    }

    #[test]
    fn typo_table_targets_are_known() {
        for (typo, fix) in DOMAIN_TYPOS {
            assert!(KNOWN_DOMAINS.contains(fix), "{typo} → {fix}");
            assert!(!KNOWN_DOMAINS.contains(typo), "{typo}");
        }
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit(b"gmial.com", b"gmail.com"));
        assert!(within_one_edit(b"gmail.cm", b"gmail.com"));
        assert!(within_one_edit(b"gmaill.com", b"gmail.com"));
        assert!(within_one_edit(b"gnail.com", b"gmail.com"));
        assert!(!within_one_edit(b"gmail.com", b"gmail.com"));
        assert!(!within_one_edit(b"gmx.com", b"gmail.com"));
        assert!(!within_one_edit(b"imgal.com", b"gmail.com"));
    }

    proptest! {
        #[test]
        fn never_panics_and_valid_output_is_stable(raw in "\\PC*") {
            let e = parse_emails(&raw);
            let again = parse_emails(&e.valid.join("; "));
            prop_assert_eq!(&again.valid, &e.valid);
            prop_assert!(again.invalid.is_empty());
        }

        #[test]
        fn stable_on_email_like(raw in "[a-zA-Z0-9._+'<>\" ;,/@-]{0,40}") {
            let e = parse_emails(&raw);
            let again = parse_emails(&e.valid.join(", "));
            prop_assert_eq!(&again.valid, &e.valid);
            prop_assert!(again.invalid.is_empty());
        }
    }

    #[test]
    fn the_matcher_reads_domain_typos_as_the_domain_meant() {
        assert_eq!(match_form("hopnhat.co@gmial.com"), "hopnhat.co@gmail.com");
        assert_eq!(
            match_form("lienhe@thangtanhoang.com.vm"),
            "lienhe@thangtanhoang.com.vn"
        );
        assert_eq!(match_form("an@gmail.com"), "an@gmail.com");
        assert_eq!(match_form("tuanlv@gmail.com.vn"), "tuanlv@gmail.com.vn");
        assert_eq!(match_form("sales@hoasen.vn"), "sales@hoasen.vn");
    }
}
