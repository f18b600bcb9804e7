//! Identifiers: UUID v7, written as lower-case hyphenated text. One function makes new ones.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::{Error, Reason, Result};

/// Shortest id prefix accepted where an id is asked for.
pub const MIN_PREFIX: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct Id(String);

impl Id {
    /// A new time-ordered id.
    pub fn new() -> Id {
        Id(Uuid::now_v7().hyphenated().to_string())
    }

    /// A full id as typed by someone (any case, hyphenated).
    pub fn parse(field: &str, value: &str) -> Result<Id> {
        match Uuid::parse_str(value.trim()) {
            Ok(u) => Ok(Id(u.hyphenated().to_string())),
            Err(_) => Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not an id"))),
        }
    }

    /// An id that comes from our own database.
    pub fn from_db(value: String) -> Id {
        Id(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Id {
    fn default() -> Id {
        Id::new()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A full id or a prefix of one, as a person types it; the store resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdPrefix(String);

impl IdPrefix {
    pub fn parse(field: &str, value: &str) -> Result<IdPrefix> {
        let value = value.trim().to_ascii_lowercase();
        if value.len() < MIN_PREFIX {
            return Err(Error::invalid(
                field,
                Reason::InvalidValue,
                format!("give at least {MIN_PREFIX} characters of the id"),
            ));
        }
        if value.len() > 36 || !value.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not an id")));
        }
        Ok(IdPrefix(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The version a record has when it is created; each write raises it by one. For records
/// kept in older JSON (release snapshots) that had none.
pub const fn first_version() -> u32 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_v7_and_ordered() {
        let (a, b) = (Id::new(), Id::new());
        assert_eq!(Uuid::parse_str(a.as_str()).unwrap().get_version_num(), 7);
        assert!(a < b);
    }

    #[test]
    fn prefixes() {
        assert!(IdPrefix::parse("id", "0190a7e2").is_ok());
        assert_eq!(IdPrefix::parse("id", "0190A7E2-6F").unwrap().as_str(), "0190a7e2-6f");
        assert!(IdPrefix::parse("id", "0190a7e").is_err());
        assert!(IdPrefix::parse("id", "0190a7e2%").is_err());
        assert!(IdPrefix::parse("id", "zzzzzzzz").is_err());
    }
}
