//! A check-in desk's model: the copy of who may come in that a desk keeps, the scans it makes
//! (online, or queued while the team database cannot be reached) and what the server made of
//! each. Plain data and checks, no I/O.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::participants::model::ParticipantStatus;
use crate::word::word_enum;

/// Longest desk name, in characters.
const MAX_DESK_NAME: usize = 40;

/// A scan of a badge at a desk, under the id the desk gave it when it was made: the server
/// applies each id once, however often it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub id: Id,
    pub event_id: Id,
    /// The badge code as the desk read it (forgiving forms are normalised by the server).
    pub code: String,
    pub desk: String,
    /// The team login the desk works under.
    pub login: String,
    pub scanned_at: DateTime<Utc>,
}

word_enum!(
    /// What the team database made of a scan.
    ScanOutcome {
        // The person is checked in by this scan: the first scan of them by time.
        CheckedIn = "checked_in",
        // The person was checked in by another scan, which stands (`ScanResult::other`).
        AlsoScanned = "also_scanned",
        // Not checked in: declined, or no longer registered (`ScanResult::reason`).
        Refused = "refused",
    }
);

/// Another desk's scan of the same person, the one that stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OtherScan {
    pub desk: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

/// The server's answer for one scan, as recorded there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanResult {
    pub scan_id: Id,
    pub outcome: ScanOutcome,
    /// The person scanned; none when the code matched nobody by the time it was sent.
    pub participant_id: Option<Id>,
    /// Why a refused scan was refused, in English (`refusal` is the same as data).
    pub reason: String,
    pub refusal: Option<Refusal>,
    /// For a scan that does not stand, or one that displaced a later scan: the other one.
    pub other: Option<OtherScan>,
}

word_enum!(
    /// Why the server refused a queued check-in, for the desk to show in its language.
    Refusal {
        Declined = "declined",
        Erased = "erased",
        NotRegistered = "not_registered",
    }
);

/// One person as a desk's copy holds them: enough to check them in and to show who they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskPerson {
    pub participant_id: Id,
    pub badge_code: String,
    pub honorific: String,
    pub name: Bilingual,
    pub status: ParticipantStatus,
    /// The category's name in both languages.
    pub category: Bilingual,
    /// The delegation's name in both languages (empty when none).
    pub delegation: Bilingual,
    /// A photo, when the registration has one (none do yet: kept for when they do).
    #[serde(skip)]
    #[ts(skip)]
    pub photo: Option<Vec<u8>>,
}

/// What a desk's copy is of, and when it was last brought up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskInfo {
    pub event_id: Id,
    pub event_title: Bilingual,
    /// The event's time zone (IANA name), for the times a desk shows.
    pub timezone: String,
    pub desk: String,
    pub login: String,
    /// The team database, as `user@host:port/db` (never a password).
    pub server: String,
    #[ts(type = "string | null")]
    pub refreshed_at: Option<DateTime<Utc>>,
    /// Since when the desk has not reached the server (none while it does).
    #[ts(type = "string | null")]
    pub offline_since: Option<DateTime<Utc>>,
    pub people: u32,
}

/// One scan in a desk's queue: waiting to be sent, or sent with the server's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueuedScan {
    #[ts(type = "number")]
    pub seq: i64,
    pub scan_id: Id,
    pub code: String,
    pub participant_id: Id,
    /// The person's name as the desk's copy had it, for the desk's lists.
    pub name: Bilingual,
    pub desk: String,
    #[ts(type = "string")]
    pub scanned_at: DateTime<Utc>,
    /// None while waiting to be sent.
    pub result: Option<ScanResult>,
}

impl QueuedScan {
    /// A scan staff must follow up: the server checked the person in at another desk first,
    /// or refused them.
    pub fn is_conflict(&self) -> bool {
        self.result.as_ref().is_some_and(|r| r.outcome != ScanOutcome::CheckedIn)
    }
}

/// A desk's state: its copy, its queue, and the scans staff must follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskStatus {
    pub info: Option<DeskInfo>,
    pub waiting: u32,
    pub sent: u32,
    pub conflicts: Vec<QueuedScan>,
}

/// A desk's name as given: one line, 1 to 40 characters.
pub fn desk_name(value: &str) -> Result<String> {
    let name = value.trim();
    if name.is_empty() {
        return Err(Error::invalid("desk", Reason::Required, "give the desk a name, e.g. \"Desk 3\""));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid("desk", Reason::ControlCharacters, "a desk's name is one line"));
    }
    if name.chars().count() > MAX_DESK_NAME {
        return Err(Error::invalid(
            "desk",
            Reason::TooLong,
            format!("a desk's name has at most {MAX_DESK_NAME} characters"),
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desk_names_are_one_short_line() {
        assert_eq!(desk_name("  Desk 3 ").unwrap(), "Desk 3");
        assert_eq!(desk_name("مكتب ٣").unwrap(), "مكتب ٣");
        assert_eq!(desk_name("").unwrap_err().reason, Reason::Required);
        assert_eq!(desk_name("a\nb").unwrap_err().reason, Reason::ControlCharacters);
        assert_eq!(desk_name(&"x".repeat(41)).unwrap_err().reason, Reason::TooLong);
    }
}
