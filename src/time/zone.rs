//! IANA time zones as a chrono `TimeZone`, read from jiff's copy of the tz database.
//!
//! The database is compact TZif data in the binary, parsed for a zone when the zone is first
//! named. A zone, once parsed, is kept for the life of the process (there are ~600 of them, so
//! this is bounded) and a `Tz` is a reference to it: `Copy`, like a chrono `Utc`.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use jiff::tz::{AmbiguousOffset, TimeZone as Zone};

/// An IANA time zone, e.g. `Asia/Qatar`: what an event's times are entered and read in.
#[derive(Clone, Copy)]
pub struct Tz(&'static Named);

struct Named {
    name: &'static str,
    zone: Zone,
}

static UTC_ZONE: Named = Named { name: "UTC", zone: Zone::UTC };

impl Tz {
    pub const UTC: Tz = Tz(&UTC_ZONE);

    /// The zone's IANA name, as it was looked up (`Asia/Qatar`).
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Every name the database knows, zones and their aliases (`Asia/Calcutta` beside
    /// `Asia/Kolkata`), in no particular order.
    pub fn names() -> impl Iterator<Item = String> {
        jiff::tz::db().available().map(|name| name.as_str().to_owned())
    }

    fn offset(self, offset: jiff::tz::Offset) -> ZoneOffset {
        // jiff's offsets are within ±25:59:59, chrono's within ±24h: a zone's never leave it.
        let fixed = FixedOffset::east_opt(offset.seconds()).unwrap_or_else(|| chrono::Utc.fix());
        ZoneOffset { tz: self, fixed }
    }

    /// The zone's offset at `seconds` since 1970 (UTC), at the edge of jiff's years beyond them.
    fn offset_at(self, seconds: i64) -> ZoneOffset {
        let edge = if seconds < 0 { jiff::Timestamp::MIN } else { jiff::Timestamp::MAX };
        let instant = jiff::Timestamp::from_second(seconds).unwrap_or(edge);
        self.offset(self.0.zone.to_offset(instant))
    }
}

/// The name is not one of the database's, written as the database writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone;

impl FromStr for Tz {
    type Err = UnknownZone;

    /// Looks the name up exactly (the database itself would also take `asia/qatar`; a stored
    /// name is always the canonical spelling).
    fn from_str(name: &str) -> Result<Tz, UnknownZone> {
        if name == UTC_ZONE.name {
            return Ok(Tz::UTC);
        }
        static KNOWN: OnceLock<Mutex<HashMap<&'static str, &'static Named>>> = OnceLock::new();
        let mut known = KNOWN.get_or_init(Default::default).lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(named) = known.get(name) {
            return Ok(Tz(named));
        }
        let zone = jiff::tz::db().get(name).map_err(|_| UnknownZone)?;
        if zone.iana_name() != Some(name) {
            return Err(UnknownZone);
        }
        // Leaked once per distinct zone name: a few hundred small values at most.
        let named: &'static Named = Box::leak(Box::new(Named { name: Box::leak(name.into()), zone }));
        known.insert(named.name, named);
        Ok(Tz(named))
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Tz) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Tz {}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tz({})", self.0.name)
    }
}

/// The offset from UTC of a zone at one instant, with the zone it belongs to.
#[derive(Clone, Copy)]
pub struct ZoneOffset {
    tz: Tz,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.tz.0.name, self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    /// A wall-clock time the clocks skip gives none; one they repeat gives both, earlier first.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let Some(civil) = civil(local) else {
            // Beyond jiff's years (±9999): the offset the zone has at the edge of its data.
            return MappedLocalTime::Single(self.offset_at(local.and_utc().timestamp()));
        };
        match self.0.zone.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => MappedLocalTime::Single(self.offset(offset)),
            AmbiguousOffset::Gap { .. } => MappedLocalTime::None,
            AmbiguousOffset::Fold { before, after } => {
                MappedLocalTime::Ambiguous(self.offset(before), self.offset(after))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

/// chrono's wall-clock time as jiff's, when jiff's years (−9999 to 9999) hold it.
fn civil(local: &NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::{Datelike, Timelike};
    let nanos = local.nanosecond().min(999_999_999);
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        local.month() as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        nanos as i32,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use chrono::{LocalResult, Utc};

    use super::*;

    fn at(tz: Tz, local: &str) -> LocalResult<String> {
        let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&naive).map(|t| t.with_timezone(&Utc).format("%Y-%m-%dT%H:%MZ").to_string())
    }

    #[test]
    fn names_are_looked_up_exactly_and_kept() {
        let doha: Tz = "Asia/Qatar".parse().unwrap();
        assert_eq!(doha.name(), "Asia/Qatar");
        assert_eq!(doha.to_string(), "Asia/Qatar");
        assert_eq!("Asia/Qatar".parse::<Tz>().unwrap(), doha);
        assert!(std::ptr::eq(doha.0, "Asia/Qatar".parse::<Tz>().unwrap().0), "a zone is parsed once");
        assert_eq!("asia/qatar".parse::<Tz>(), Err(UnknownZone));
        assert_eq!("Asia/Atlantis".parse::<Tz>(), Err(UnknownZone));
        assert_eq!(" Asia/Qatar".parse::<Tz>(), Err(UnknownZone));
        assert_eq!("UTC".parse::<Tz>().unwrap(), Tz::UTC);
        // An alias stays the name it was given.
        assert_eq!("Asia/Calcutta".parse::<Tz>().unwrap().name(), "Asia/Calcutta");
        let names: Vec<String> = Tz::names().collect();
        for name in ["Asia/Qatar", "Europe/Vienna", "America/Santiago", "Asia/Kolkata", "Asia/Calcutta", "UTC"] {
            assert!(names.iter().any(|n| n == name), "{name} missing from the database's names");
        }
        assert!(names.len() > 500, "{} names", names.len());
    }

    #[test]
    fn wall_clock_times_and_instants_follow_the_zone() {
        let doha: Tz = "Asia/Qatar".parse().unwrap();
        assert_eq!(at(doha, "2024-05-21 09:30"), LocalResult::Single("2024-05-21T06:30Z".into()));
        let vienna: Tz = "Europe/Vienna".parse().unwrap();
        assert_eq!(at(vienna, "2024-01-15 09:00"), LocalResult::Single("2024-01-15T08:00Z".into()));
        assert_eq!(at(vienna, "2024-07-15 09:00"), LocalResult::Single("2024-07-15T07:00Z".into()));
        // The clocks skip 02:00–03:00 on 31 March 2024 and repeat 02:00–03:00 on 27 October.
        assert_eq!(at(vienna, "2024-03-31 02:30"), LocalResult::None);
        assert_eq!(
            at(vienna, "2024-10-27 02:30"),
            LocalResult::Ambiguous("2024-10-27T00:30Z".into(), "2024-10-27T01:30Z".into())
        );
        // Santiago's clocks go back at midnight: 23:00–24:00 on 6 April 2024 happens twice.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        assert!(matches!(at(santiago, "2024-04-06 23:30"), LocalResult::Ambiguous(..)));
        assert_eq!(at(santiago, "2024-09-08 00:30"), LocalResult::None);

        let instant = chrono::DateTime::parse_from_rfc3339("2024-10-27T00:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(instant.with_timezone(&vienna).format("%H:%M %z").to_string(), "02:30 +0200");
        let later = instant + chrono::Duration::hours(1);
        assert_eq!(later.with_timezone(&vienna).format("%H:%M %z").to_string(), "02:30 +0100");
        assert_eq!(instant.with_timezone(&Tz::UTC).format("%H:%M").to_string(), "00:30");
    }
}
