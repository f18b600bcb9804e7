//! Time: instants are stored in UTC; people enter and read them in the event's IANA timezone.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};

mod zone;

pub use zone::{Tz, UnknownZone, ZoneOffset};

use crate::error::{Error, Reason, Result};
use crate::input;

pub fn parse_timezone(field: &str, value: &str) -> Result<Tz> {
    value.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(field, Reason::UnknownTimezone, format!("{value:?} is not an IANA timezone (e.g. Asia/Qatar)"))
    })
}

/// A calendar date written `YYYY-MM-DD`, in Latin or Arabic-Indic digits.
pub fn parse_date(field: &str, value: &str) -> Result<NaiveDate> {
    let typed = value.trim();
    if typed.is_empty() {
        return Err(Error::invalid(field, Reason::Required, "a date is required"));
    }
    let value = input::latin_digits(typed);
    let invalid = || Error::invalid(field, Reason::InvalidDate, format!("{typed:?} is not a date YYYY-MM-DD"));
    if value.len() != 10 {
        return Err(invalid());
    }
    NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| invalid())
}

/// A local wall-clock time `YYYY-MM-DD HH:MM` in `tz`, as a UTC instant. A time skipped or
/// repeated by a daylight-saving change is refused rather than guessed.
pub fn parse_local(field: &str, value: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(field, Reason::Required, "a time is required"));
    }
    let latin = input::latin_digits(value);
    let naive = NaiveDateTime::parse_from_str(&latin, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&latin, "%Y-%m-%dT%H:%M"))
        .map_err(|_| Error::invalid(field, Reason::InvalidTime, format!("{value:?} is not a time YYYY-MM-DD HH:MM")))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            Reason::NonexistentLocalTime,
            format!("{value} does not exist in {tz} (the clocks skip it for daylight saving)"),
        )),
        LocalResult::Ambiguous(_, _) => Err(Error::invalid(
            field,
            Reason::AmbiguousLocalTime,
            format!("{value} happens twice in {tz} (the clocks go back); choose another time"),
        )),
    }
}

/// An instant as local wall-clock text `YYYY-MM-DD HH:MM` in `tz`.
pub fn format_local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// The instant as stored: RFC 3339 in UTC with seconds, which sorts as text.
pub fn to_db(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The instant with milliseconds, for columns compared with each other rather than sorted as
/// text with `to_db`'s: two writes within one second must still be told apart.
pub fn to_db_millis(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn from_db(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::storage(format!("stored time {s:?} is not RFC 3339")))
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
// The Gregorian month names used in Qatar and the Gulf.
const MONTHS_AR: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

/// A calendar date as people write it: "21 May 2024" / "21 مايو 2024".
pub fn format_date(date: NaiveDate, lang: crate::Lang) -> String {
    use chrono::Datelike;
    let month = date.month0() as usize;
    match lang {
        crate::Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[month], date.year()),
        crate::Lang::Ar => format!("{} {} {}", date.day(), MONTHS_AR[month], date.year()),
    }
}

/// A range of days, shortened when they share a month or a year: "21–22 May 2024".
pub fn format_date_range(start: NaiveDate, end: NaiveDate, lang: crate::Lang) -> String {
    use chrono::Datelike;
    let months = match lang {
        crate::Lang::En => MONTHS_EN,
        crate::Lang::Ar => MONTHS_AR,
    };
    if start == end {
        format_date(start, lang)
    } else if (start.year(), start.month()) == (end.year(), end.month()) {
        format!("{}–{} {} {}", start.day(), end.day(), months[start.month0() as usize], start.year())
    } else if start.year() == end.year() {
        format!("{} {} – {}", start.day(), months[start.month0() as usize], format_date(end, lang))
    } else {
        format!("{} – {}", format_date(start, lang), format_date(end, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, tz: &str, expected: std::result::Result<&str, Reason>) {
        let tz = parse_timezone("tz", tz).unwrap();
        let got = parse_local("start", value, tz).map(to_db).map_err(|e| e.reason);
        assert_eq!(got.as_deref().map_err(|r| *r), expected, "{value} in {tz}");
    }

    #[test]
    fn local_times() {
        check("2024-05-21 09:30", "Asia/Qatar", Ok("2024-05-21T06:30:00Z"));
        check("2024-05-21T09:30", "Asia/Qatar", Ok("2024-05-21T06:30:00Z"));
        // Vienna springs forward on 2025-03-30 at 02:00 and falls back on 2025-10-26 at 03:00.
        check("2025-03-30 02:30", "Europe/Vienna", Err(Reason::NonexistentLocalTime));
        check("2025-10-26 02:30", "Europe/Vienna", Err(Reason::AmbiguousLocalTime));
        check("2025-10-26 03:30", "Europe/Vienna", Ok("2025-10-26T02:30:00Z"));
        check("2024-02-30 10:00", "UTC", Err(Reason::InvalidTime));
        check("10:00", "UTC", Err(Reason::InvalidTime));
        // Typed on an Arabic keyboard: Arabic-Indic or Eastern digits read the same.
        check("٢٠٢٤-٠٥-٢١ ٠٩:٣٠", "Asia/Qatar", Ok("2024-05-21T06:30:00Z"));
        check("۲۰۲۴-۰۵-۲۱T۰۹:۳۰", "Asia/Qatar", Ok("2024-05-21T06:30:00Z"));
    }

    #[test]
    fn calendar_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let en = crate::Lang::En;
        assert_eq!(format_date_range(d("2024-05-21"), d("2024-05-22"), en), "21–22 May 2024");
        assert_eq!(format_date_range(d("2024-05-21"), d("2024-05-21"), en), "21 May 2024");
        assert_eq!(format_date_range(d("2024-05-31"), d("2024-06-01"), en), "31 May – 1 June 2024");
        assert_eq!(format_date_range(d("2024-12-31"), d("2025-01-01"), en), "31 December 2024 – 1 January 2025");
        assert_eq!(format_date_range(d("2024-05-21"), d("2024-05-22"), crate::Lang::Ar), "21–22 مايو 2024");
    }

    #[test]
    fn zones_and_dates() {
        assert_eq!(parse_timezone("tz", "Mars/Olympus").unwrap_err().reason, Reason::UnknownTimezone);
        assert!(parse_date("d", "2024-05-21").is_ok());
        assert_eq!(parse_date("d", " ٢٠٢٤-٠٥-٢١ ").unwrap(), parse_date("d", "2024-05-21").unwrap());
        assert_eq!(parse_date("d", "۲۰۲۴-۰۵-۲۱").unwrap(), parse_date("d", "2024-05-21").unwrap());
        // The error quotes what was typed, not its Latin reading.
        assert!(parse_date("d", "٢٠٢٤-١٣-٠١").unwrap_err().message.contains("٢٠٢٤-١٣-٠١"));
        for bad in ["2024-5-21", "21/05/2024", "2024-13-01"] {
            assert_eq!(parse_date("d", bad).unwrap_err().reason, Reason::InvalidDate, "{bad}");
        }
        // A date left empty is missing, not mistyped: the form says "required".
        assert_eq!(parse_date("d", " ").unwrap_err().reason, Reason::Required);
        let t = parse_local("t", "2024-05-21 09:30", "Asia/Qatar".parse().unwrap()).unwrap();
        assert_eq!(format_local(t, "Asia/Qatar".parse().unwrap()), "2024-05-21 09:30");
        assert_eq!(from_db(&to_db(t)).unwrap(), t);
    }
}
