//! The audit trail's model: who (`Actor`), what (`AuditEntity`, `AuditAction`) and the entry
//! as listed. Plain data, no I/O: the store writes the entries, in the change's transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::{Bilingual, Lang};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::word::word_enum;

/// Most entries one listing returns, newest first.
pub const MAX_ENTRIES: u32 = 200;
/// Longest actor name kept, in characters.
const MAX_ACTOR: usize = 100;

/// Who made a change: the computer account's name, or "unknown".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    /// A name given by the edge; control characters are dropped, and it is cut to a sane length.
    pub fn new(name: &str) -> Actor {
        let name: String = name.chars().filter(|c| !c.is_control()).take(MAX_ACTOR).collect();
        let name = name.trim();
        Actor(if name.is_empty() { "unknown".to_owned() } else { name.to_owned() })
    }

    /// The name of the person logged in to this computer (`$USER`, else `$LOGNAME`, else
    /// `%USERNAME%` on Windows), or "unknown". For the edges (CLI, app): the core itself never
    /// reads the environment.
    pub fn os_user() -> Actor {
        let name = ["USER", "LOGNAME", "USERNAME"].iter().find_map(|var| std::env::var(var).ok()).unwrap_or_default();
        Actor::new(&name)
    }

    pub fn unknown() -> Actor {
        Actor::new("")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

word_enum!(
    /// The kind of record an entry is about.
    AuditEntity {
        Participant = "participant",
        Pledge = "pledge",
        // A version of the outcome document (its id is the version's).
        Outcome = "outcome",
        Event = "event",
        Room = "room",
        Session = "session",
        Speaker = "speaker",
        Delegation = "delegation",
        // An import of participants from a file: one entry for the whole file, to which each
        // person it registered points (its id is the import's).
        Import = "import",
    }
);

word_enum!(
    /// What happened to the record.
    AuditAction {
        Create = "create",
        Import = "import",
        Update = "update",
        Delete = "delete",
        Erase = "erase",
        // A version of the outcome document was adopted.
        Adopt = "adopt",
    }
);

word_enum!(
    /// Whose history to list: one record's, or a whole event's.
    AuditSubject {
        Event = "event",
        Participant = "participant",
        Pledge = "pledge",
    }
);

/// One change. `before` and `after` are the record as JSON (absent for a creation's `before`);
/// both are emptied when a person's data is erased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: AuditEntity,
    pub entity_id: Id,
    pub event_id: Id,
    pub action: AuditAction,
    /// What the record is called (a person's name, a pledge's donor), from `after` or `before`;
    /// empty once erased.
    pub label: Bilingual,
    pub redacted: bool,
    /// The status the change moved the record to (a participant checked in, a pledge
    /// committed), when it changed one: the history says "Checked in", not "Changed".
    pub status_to: Option<String>,
}

/// A change as the store records it.
pub(crate) struct Change<'a> {
    pub at: DateTime<Utc>,
    pub entity: AuditEntity,
    pub entity_id: &'a Id,
    pub event_id: &'a Id,
    pub action: AuditAction,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The record as it is kept in the trail.
pub(crate) fn snapshot(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::internal(format!("cannot record the change: {e}")))
}

/// The display label of a recorded record: a participant's name, a pledge's donor.
pub(crate) fn label(entity: AuditEntity, json: Option<&str>) -> Bilingual {
    let Some(value) = json.and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok()) else {
        return Bilingual::default();
    };
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    match entity {
        AuditEntity::Participant => Bilingual::new(text(&value["name"]["en"]), text(&value["name"]["ar"])),
        // One donor, or (a later schema's) several: "A, B"; each a name in one language, or
        // (later still) in both.
        AuditEntity::Pledge => {
            let name = |v: &serde_json::Value| match v.as_str() {
                Some(one) => Bilingual::from_one(one),
                None => Bilingual::new(text(&v["en"]), text(&v["ar"])),
            };
            let donors: Vec<Bilingual> = match value["donors"].as_array() {
                Some(donors) => donors.iter().map(name).collect(),
                None => vec![name(&value["donor"])],
            };
            // A language none of the names is in stays empty, for the reader's own fallback.
            let joined = |lang: Lang, comma| {
                let given = donors.iter().any(|d| !(if lang == Lang::En { &d.en } else { &d.ar }).is_empty());
                let names: Vec<&str> = donors.iter().map(|d| d.get(lang)).collect();
                if given {
                    names.join(comma)
                } else {
                    String::new()
                }
            };
            Bilingual::new(joined(Lang::En, ", "), joined(Lang::Ar, "، "))
        }
        AuditEntity::Outcome => match value["number"].as_u64() {
            Some(n) => Bilingual::new(format!("Version {n}"), format!("النسخة {n}")),
            None => Bilingual::default(),
        },
        AuditEntity::Event | AuditEntity::Session => {
            Bilingual::new(text(&value["title"]["en"]), text(&value["title"]["ar"]))
        }
        AuditEntity::Room | AuditEntity::Speaker | AuditEntity::Delegation => {
            Bilingual::new(text(&value["name"]["en"]), text(&value["name"]["ar"]))
        }
        // The file's name is the same in both languages.
        AuditEntity::Import => Bilingual::new(text(&value["file"]), text(&value["file"])),
    }
}

/// The record's `status` after the change, when the change moved it (or created the record
/// in it): what the history names the change by.
pub(crate) fn status_to(before: Option<&str>, after: Option<&str>) -> Option<String> {
    let status = |json: Option<&str>| {
        let value = serde_json::from_str::<serde_json::Value>(json?).ok()?;
        value.get("status")?.as_str().map(str::to_owned)
    };
    let to = status(after)?;
    (status(before).as_deref() != Some(to.as_str())).then_some(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_are_one_clean_line() {
        assert_eq!(Actor::new("  amina ").as_str(), "amina");
        assert_eq!(Actor::new("").as_str(), "unknown");
        assert_eq!(Actor::new("a\nb\u{7}").as_str(), "ab");
        assert_eq!(Actor::new(&"x".repeat(1000)).as_str().len(), MAX_ACTOR);
    }

    #[test]
    fn a_change_is_named_by_the_status_it_moved_to() {
        let (confirmed, checked) = (r#"{"status":"confirmed"}"#, r#"{"status":"checked_in"}"#);
        assert_eq!(status_to(Some(confirmed), Some(checked)).as_deref(), Some("checked_in"));
        assert_eq!(status_to(None, Some(confirmed)).as_deref(), Some("confirmed"));
        assert_eq!(status_to(Some(checked), Some(checked)), None, "an edit that kept the status");
        assert_eq!(status_to(Some(checked), None), None, "a deletion");
        assert_eq!(status_to(Some("{}"), Some(r#"{"name":"x"}"#)), None, "no status at all");
    }

    #[test]
    fn labels_come_from_the_recorded_json() {
        let person = r#"{"name":{"en":"Amina","ar":"أمينة"}}"#;
        assert_eq!(label(AuditEntity::Participant, Some(person)), Bilingual::new("Amina", "أمينة"));
        assert_eq!(label(AuditEntity::Pledge, Some(r#"{"donor":"Japan"}"#)), Bilingual::new("Japan", ""));
        let both = r#"{"donors":[{"en":"Japan","ar":"اليابان"},{"en":"Norway","ar":""}]}"#;
        assert_eq!(label(AuditEntity::Pledge, Some(both)), Bilingual::new("Japan, Norway", "اليابان، Norway"));
        let joint = r#"{"donors":["Japan","Norway"]}"#;
        assert_eq!(label(AuditEntity::Pledge, Some(joint)), Bilingual::new("Japan, Norway", ""));
        assert_eq!(label(AuditEntity::Outcome, Some(r#"{"number":3}"#)), Bilingual::new("Version 3", "النسخة 3"));
        assert_eq!(label(AuditEntity::Participant, None), Bilingual::default());
        assert_eq!(label(AuditEntity::Participant, Some("not json")), Bilingual::default());
    }
}
