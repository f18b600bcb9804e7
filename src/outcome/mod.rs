//! Outcome documents: what a forum agreed, written by its coordinators in English and Arabic
//! during and after the event, adopted, and exported as PDF.
//!
//! API boundary: the plain-data types below and the functions after them. A document is a
//! series of numbered versions; the newest is the one being edited while it is a draft. An
//! adopted version is frozen: changing it is refused, and an edit made without naming a
//! version goes to the current draft, which is started, as a copy of the newest adopted
//! version, when there is none. Sections keep their key across versions, which is what
//! [`diff`] compares.

pub(crate) mod demo;
pub mod model;

use chrono::{DateTime, Utc};

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::input::given;
use crate::store::{Store, Tx};

pub use model::generated::{self, Generated};
pub use model::rich::{self, RichBlock, RichText, Span};
pub use model::*;

/// The event's versions, oldest first.
pub fn versions(store: &Store, event_id: &str) -> Result<Vec<Version>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.outcome().versions(&event_id)
}

/// One version (the newest when `number` is `None`) with its sections; `None` when the event
/// has no outcome document yet.
pub fn get(store: &Store, event_id: &str, number: VersionNumber) -> Result<Option<Outcome>> {
    let event_id = store.events().resolve("event", event_id)?;
    let version = match number {
        Some(n) => Some(version_numbered(store, &event_id, n)?),
        None => store.outcome().versions(&event_id)?.pop(),
    };
    version
        .map(|version| {
            let sections = store.outcome().sections(&version.id)?;
            Ok(Outcome { version, sections })
        })
        .transpose()
}

/// Adds a section to the current draft (started if needed) and returns it.
pub fn add_section(
    tx: &Tx<'_>,
    event_id: &Id,
    target: VersionNumber,
    section: &SectionInput,
    now: DateTime<Utc>,
) -> Result<Section> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let kind = section.kind.ok_or_else(|| Error::invalid("kind", Reason::Required, "say what kind of section"))?;
    let title = section.title.clean_line("title", input::MAX_NAME)?;
    let actor = section.actor.clean_line("actor", input::MAX_NAME)?;
    section.body_en.validate("bodyEn")?;
    section.body_ar.validate("bodyAr")?;
    let speaker_id =
        given(section.speaker.as_deref()).map(|s| tx.speakers().resolve_in(&event_id, "speaker", s)).transpose()?;
    let session_ids = sessions_of(tx, &event_id, &section.sessions)?;
    if kind == SectionKind::OpeningStatement && speaker_id.is_none() {
        return Err(Error::invalid("speaker", Reason::Required, "an opening statement names its speaker"));
    }
    let written = |has: bool| has.then_some(now);
    let new = Section {
        key: Id::new(),
        kind,
        updated_en: written(!title.en.is_empty() || !section.body_en.is_empty()),
        updated_ar: written(!title.ar.is_empty() || !section.body_ar.is_empty()),
        title,
        body_en: section.body_en.clone(),
        body_ar: section.body_ar.clone(),
        actor,
        speaker_id,
        session_ids,
    };
    {
        let draft = draft(tx, &event_id, target, now)?;
        let mut sections = tx.outcome().sections(&draft.id)?;
        let at = place("position", section.position, sections.len() + 1)?;
        sections.insert(at, new.clone());
        tx.outcome().replace_sections(&draft.id, &sections)
    }?;
    Ok(new)
}

/// Changes a section of the current draft (started if needed) and returns it.
pub fn edit_section(
    tx: &Tx<'_>,
    event_id: &Id,
    key: &str,
    target: VersionNumber,
    edit: &SectionEdit,
    now: DateTime<Utc>,
) -> Result<Section> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let key = tx.outcome().resolve_section(&event_id, "section", key)?;
    let line = |field, v: &Option<String>| v.as_deref().map(|v| input::line(field, v, input::MAX_NAME)).transpose();
    let (title_en, title_ar) = (line("titleEn", &edit.title_en)?, line("titleAr", &edit.title_ar)?);
    if let Some(b) = &edit.body_en {
        b.validate("bodyEn")?;
    }
    if let Some(b) = &edit.body_ar {
        b.validate("bodyAr")?;
    }
    let actor = edit.actor.as_ref().map(|a| a.clean_line("actor", input::MAX_NAME)).transpose()?;
    let speaker = match edit.speaker.as_deref() {
        None => None,
        Some(s) => Some(given(Some(s)).map(|s| tx.speakers().resolve_in(&event_id, "speaker", s)).transpose()?),
    };
    let sessions = edit.sessions.as_ref().map(|s| sessions_of(tx, &event_id, s)).transpose()?;
    {
        let draft = draft(tx, &event_id, target, now)?;
        let mut sections = tx.outcome().sections(&draft.id)?;
        let at = sections.iter().position(|s| s.key == key).ok_or_else(|| {
            Error::invalid("section", Reason::NotFound, format!("the section is not in version {}", draft.number))
        })?;
        let mut s = sections.remove(at);
        let mut en_changed = false;
        let mut ar_changed = false;
        if let Some(t) = title_en.filter(|t| *t != s.title.en) {
            s.title.en = t;
            en_changed = true;
        }
        if let Some(t) = title_ar.filter(|t| *t != s.title.ar) {
            s.title.ar = t;
            ar_changed = true;
        }
        if let Some(b) = edit.body_en.clone().filter(|b| *b != s.body_en) {
            s.body_en = b;
            en_changed = true;
        }
        if let Some(b) = edit.body_ar.clone().filter(|b| *b != s.body_ar) {
            s.body_ar = b;
            ar_changed = true;
        }
        if en_changed {
            s.updated_en = Some(now);
        }
        if ar_changed {
            s.updated_ar = Some(now);
        }
        if let Some(a) = actor {
            s.actor = a;
        }
        if let Some(sp) = speaker {
            s.speaker_id = sp;
        }
        if let Some(ss) = sessions {
            s.session_ids = ss;
        }
        if s.kind == SectionKind::OpeningStatement && s.speaker_id.is_none() {
            return Err(Error::invalid("speaker", Reason::Required, "an opening statement names its speaker"));
        }
        let at = match edit.position {
            Some(p) => place("position", Some(p), sections.len() + 1)?,
            None => at,
        };
        sections.insert(at, s.clone());
        tx.outcome().replace_sections(&draft.id, &sections)?;
        Ok(s)
    }
}

/// Removes a section from the current draft (started if needed).
pub fn remove_section(tx: &Tx<'_>, event_id: &Id, key: &str, target: VersionNumber, now: DateTime<Utc>) -> Result<()> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let key = tx.outcome().resolve_section(&event_id, "section", key)?;
    {
        let draft = draft(tx, &event_id, target, now)?;
        let mut sections = tx.outcome().sections(&draft.id)?;
        let before = sections.len();
        sections.retain(|s| s.key != key);
        if sections.len() == before {
            return Err(Error::invalid("section", Reason::NotFound, format!("not in version {}", draft.number)));
        }
        tx.outcome().replace_sections(&draft.id, &sections)
    }
}

/// Adopts the current draft: from now on it is frozen, and so are its generated sections: the
/// pledges and participation figures are kept with it as they stand now, read in the same
/// transaction. Refused when there is no draft or it has no section, and, when `expected`
/// names a version, unless the draft is that one (so that what is adopted is what the person
/// read).
pub fn adopt(tx: &Tx<'_>, event_id: &Id, expected: VersionNumber, now: DateTime<Utc>) -> Result<Version> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let by = tx.actor().as_str().to_owned();
    {
        let latest = tx.outcome().versions(&event_id)?.pop();
        let Some(mut version) = latest.filter(|v| v.adopted.is_none()) else {
            return Err(Error::conflict(Some("event"), Reason::InvalidValue, "there is no draft to adopt"));
        };
        if let Some(n) = expected.filter(|n| *n != version.number) {
            return Err(Error::conflict(
                Some("version"),
                Reason::InvalidValue,
                format!("version {n} is not the current draft (version {} is)", version.number),
            ));
        }
        if tx.outcome().sections(&version.id)?.is_empty() {
            return Err(Error::conflict(Some("event"), Reason::Required, "the draft has no sections"));
        }
        let adoption = Adoption { at: now, by };
        let generated = Generated::live(
            &tx.pledges().list(&event_id)?,
            &tx.participants().list(&event_id)?,
            &tx.categories().list(&event_id)?,
        );
        tx.outcome().adopt(&version, &adoption, &generated)?;
        version.adopted = Some(adoption);
        Ok(version)
    }
}

/// What `version`'s generated sections show: for an adopted version the figures kept when it
/// was adopted, for a draft the ledger and the registrations as they stand.
pub fn generated(store: &Store, version: &Version) -> Result<Generated> {
    if version.adopted.is_some() {
        if let Some(kept) = store.outcome().generated(&version.id)? {
            return Ok(kept);
        }
        // Adopted before versions kept their figures (schema 0008): nothing was kept, so the
        // document shows the figures as they stand, as it always did.
    }
    let event_id = &version.event_id;
    Ok(Generated::live(
        &store.pledges().list(event_id)?,
        &store.participants().list(event_id)?,
        &store.categories().list(event_id)?,
    ))
}

/// Compares version `from` with version `to`, section by section, in the order of `to`
/// with removed sections after.
pub fn diff(store: &Store, event_id: &str, from: u32, to: u32) -> Result<Vec<SectionDiff>> {
    let event_id = store.events().resolve("event", event_id)?;
    let old =
        store.outcome().sections(&version_numbered(store, &event_id, from).map_err(|e| e.with_field("from"))?.id)?;
    let new = store.outcome().sections(&version_numbered(store, &event_id, to).map_err(|e| e.with_field("to"))?.id)?;
    Ok(compare(&old, &new))
}

/// The comparison behind [`diff`], on sections in hand.
pub fn compare(old: &[Section], new: &[Section]) -> Vec<SectionDiff> {
    let mut out = Vec::new();
    for (i, n) in new.iter().enumerate() {
        let entry = |change, fields, text| SectionDiff {
            key: n.key.clone(),
            kind: n.kind,
            title: n.title.clone(),
            change,
            fields,
            text,
        };
        let Some((j, o)) = old.iter().enumerate().find(|(_, o)| o.key == n.key) else {
            out.push(entry(Change::Added, Vec::new(), Vec::new()));
            continue;
        };
        let mut fields = Vec::new();
        let mut text = Vec::new();
        let mut differs = |name: &str, a: bool| {
            if a {
                fields.push(name.to_owned());
            }
        };
        differs("titleEn", o.title.en != n.title.en);
        differs("titleAr", o.title.ar != n.title.ar);
        differs("bodyEn", o.body_en != n.body_en);
        differs("bodyAr", o.body_ar != n.body_ar);
        differs("actor", o.actor != n.actor);
        differs("speaker", o.speaker_id != n.speaker_id);
        differs("sessions", o.session_ids != n.session_ids);
        differs("position", i != j);
        for (name, a, b) in [("bodyEn", &o.body_en, &n.body_en), ("bodyAr", &o.body_ar, &n.body_ar)] {
            if a != b {
                text.push(TextChange { field: name.to_owned(), before: a.plain(), after: b.plain() });
            }
        }
        let change = if fields.is_empty() { Change::Unchanged } else { Change::Changed };
        out.push(entry(change, fields, text));
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.key == o.key)) {
        out.push(SectionDiff {
            key: o.key.clone(),
            kind: o.kind,
            title: o.title.clone(),
            change: Change::Removed,
            fields: Vec::new(),
            text: Vec::new(),
        });
    }
    out
}

fn version_numbered(store: &Store, event_id: &Id, number: u32) -> Result<Version> {
    store
        .outcome()
        .versions(event_id)?
        .into_iter()
        .find(|v| v.number == number)
        .ok_or_else(|| Error::not_found("version", "outcome version", &number.to_string()))
}

/// The version an edit goes to. Naming an adopted version is refused; naming none picks the
/// newest draft, or starts one as a copy of the newest version.
fn draft(tx: &Tx<'_>, event_id: &Id, target: VersionNumber, now: DateTime<Utc>) -> Result<Version> {
    let versions = tx.outcome().versions(event_id)?;
    if let Some(n) = target {
        let version = versions
            .iter()
            .find(|v| v.number == n)
            .ok_or_else(|| Error::not_found("version", "outcome version", &n.to_string()))?;
        if let Some(a) = &version.adopted {
            return Err(Error::conflict(
                Some("version"),
                Reason::InvalidValue,
                format!(
                    "version {n} was adopted on {} by {} and cannot be changed; edit without naming a version to start a new draft",
                    a.at.format("%Y-%m-%d"),
                    a.by
                ),
            ));
        }
        if versions.last().map(|v| v.number) != Some(n) {
            return Err(Error::conflict(
                Some("version"),
                Reason::InvalidValue,
                format!("version {n} is not the newest"),
            ));
        }
        return Ok(version.clone());
    }
    match versions.last() {
        Some(v) if v.adopted.is_none() => Ok(v.clone()),
        latest => {
            let version = Version {
                id: Id::new(),
                event_id: event_id.clone(),
                number: latest.map_or(1, |v| v.number + 1),
                created_at: now,
                adopted: None,
            };
            tx.outcome().insert_version(&version)?;
            if let Some(previous) = latest {
                let sections = tx.outcome().sections(&previous.id)?;
                tx.outcome().replace_sections(&version.id, &sections)?;
            }
            Ok(version)
        }
    }
}

/// A 1-based position as an index into `len` places.
fn place(field: &str, position: Option<u32>, len: usize) -> Result<usize> {
    match position {
        None => Ok(len - 1),
        Some(p) if p >= 1 && (p as usize) <= len => Ok(p as usize - 1),
        Some(p) => Err(Error::invalid(field, Reason::InvalidValue, format!("{p} is not between 1 and {len}"))),
    }
}

fn sessions_of(tx: &Tx<'_>, event_id: &Id, sessions: &[String]) -> Result<Vec<Id>> {
    let mut ids: Vec<Id> = Vec::new();
    for s in sessions.iter().filter_map(|s| given(Some(s))) {
        let id = tx.sessions().resolve_in(event_id, "session", s)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests;
