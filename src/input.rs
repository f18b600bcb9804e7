//! Cleaning of free text typed by people: trimmed, bounded, no control characters. Bidi
//! formatting characters (U+202A–202E, U+2066–2069) are kept as typed; displays isolate them.

use crate::error::{Error, Reason, Result};
use crate::money;

/// Longest name or title accepted, in characters.
pub const MAX_NAME: usize = 300;
/// Longest multi-line description accepted, in characters.
pub const MAX_TEXT: usize = 20_000;

/// A single line: trimmed; tabs, newlines and other control characters refused.
pub fn line(field: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    check_length(field, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(field, Reason::ControlCharacters, "must be one line without control characters"));
    }
    Ok(value.to_owned())
}

/// Multi-line text: trimmed, CRLF folded to LF; tabs and newlines allowed, other controls refused.
pub fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim().replace("\r\n", "\n");
    check_length(field, &value, max)?;
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(field, Reason::ControlCharacters, "contains control characters"));
    }
    Ok(value)
}

/// An optional single line: empty means absent.
pub fn optional_line(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(|v| line(field, v, max)).transpose()? {
        Some(v) if v.is_empty() => Ok(None),
        other => Ok(other),
    }
}

fn check_length(field: &str, value: &str, max: usize) -> Result<()> {
    // Count lazily so that a 1 MB value costs no more than `max` steps.
    if value.chars().nth(max).is_some() {
        return Err(Error::invalid(field, Reason::TooLong, format!("is longer than {max} characters")));
    }
    Ok(())
}

/// A plausible e-mail address: one `@`, a non-empty local part and a dotted domain, no spaces.
pub fn email(field: &str, value: &str) -> Result<Option<String>> {
    let Some(value) = optional_line(field, Some(value), 254)? else { return Ok(None) };
    let valid = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not an e-mail address")));
    }
    Ok(Some(value))
}

/// `value` with every digit [`money::digit_value`] knows written in Latin: the one normalisation of
/// typed numbers, dates and times, so that "٢٠٢٥-٠٥-٢١" and "٠٩:٣٠" read as what they say.
pub fn latin_digits(value: &str) -> std::borrow::Cow<'_, str> {
    if value.is_ascii() {
        return std::borrow::Cow::Borrowed(value);
    }
    value.chars().map(|c| money::digit_value(c).and_then(|d| char::from_digit(d, 10)).unwrap_or(c)).collect()
}

/// An optional value as typed (an id, a time): blank means none.
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_line(value: &str, expected: std::result::Result<&str, Reason>) {
        let got = line("name", value, 10).map_err(|e| e.reason);
        assert_eq!(got.as_deref().map_err(|r| *r), expected, "input {value:?}");
    }

    #[test]
    fn lines() {
        check_line("  Doha ", Ok("Doha"));
        check_line("الدوحة", Ok("الدوحة"));
        check_line("", Ok(""));
        check_line("a\u{202E}b", Ok("a\u{202E}b"));
        check_line("a\nb", Err(Reason::ControlCharacters));
        check_line("a\u{0}b", Err(Reason::ControlCharacters));
        check_line("0123456789", Ok("0123456789"));
        check_line("0123456789x", Err(Reason::TooLong));
        check_line(&"x".repeat(1 << 20), Err(Reason::TooLong));
    }

    #[test]
    fn texts_keep_newlines() {
        assert_eq!(text("d", "a\r\nb\tc", 10).unwrap(), "a\nb\tc");
        assert_eq!(text("d", "a\u{7}", 10).unwrap_err().reason, Reason::ControlCharacters);
    }

    #[test]
    fn emails() {
        assert_eq!(email("email", " a@example.org ").unwrap().as_deref(), Some("a@example.org"));
        assert_eq!(email("email", "").unwrap(), None);
        for bad in ["a", "a@b", "@b.c", "a@@b.c", "a b@c.d", "a@.c"] {
            assert_eq!(email("email", bad).unwrap_err().reason, Reason::InvalidValue, "{bad}");
        }
    }

    #[test]
    fn typed_digits_of_every_script_read_as_latin() {
        assert_eq!(latin_digits("٢٠٢٥-٠٥-٢١"), "2025-05-21");
        assert_eq!(latin_digits("۰۹:۳۰"), "09:30");
        assert_eq!(latin_digits("B٤٢ قاعة"), "B42 قاعة");
        assert!(matches!(latin_digits("2025-05-21"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(money::digit_value('٧'), Some(7));
        assert_eq!(money::digit_value('۸'), Some(8));
        assert_eq!(money::digit_value('a'), None);
        // Other scripts' digits are not numbers Muntada reads.
        assert_eq!(money::digit_value('३'), None);
    }
}
