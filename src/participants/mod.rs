//! Participants: the people who register for an event, their category and status, and the
//! badge code they are checked in with.

use chrono::{DateTime, Utc};

use crate::audit::{AuditAction, AuditEntity};
use crate::bilingual::Bilingual;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::store::{Store, Tx};
use crate::time;

pub mod category;
pub mod delegation;
pub mod export;
pub mod import;
pub mod model;
pub mod query;
pub mod search;
pub mod values;

pub use import::{
    import, import_csv, ColumnMapping, ImportDuplicate, ImportOptions, ImportOutcome, ImportReport, RowProblem,
    TablePreview,
};
pub use model::Matches;
pub use model::*;
pub use search::{SearchHits, SearchIndex};

pub fn add(tx: &Tx<'_>, event_id: &Id, person: &ParticipantInput, now: DateTime<Utc>) -> Result<Participant> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let valid = person.validate(&tx.categories().list(&event_id)?)?;
    let delegation = delegation_of(tx, &event_id, &person.delegation)?;
    let participant = Participant { delegation, ..valid.register(event_id, now) };
    tx.participants().insert(&participant, AuditAction::Create)?;
    Ok(participant)
}

/// Corrects a participant's details: every field of `person` is checked as at registration and
/// replaces the one held; the id, badge code and registration time stay. A head of delegation
/// who leaves it stops being its head. Returns the record and the others it may now duplicate
/// (a corrected e-mail can match someone already registered). Nothing is written when nothing
/// changed. `version` is the version the form was filled from: when the record has been
/// changed since, the save is refused (`conflict` / `changed`) rather than undo that change.
pub fn edit(
    tx: &Tx<'_>,
    id: &Id,
    version: Option<u32>,
    person: &ParticipantInput,
    now: DateTime<Utc>,
) -> Result<Added> {
    let id = tx.participants().resolve("id", id.as_str())?;
    let before = tx.participants().get(&id)?;
    tx.participants().expect_version(&before, version)?;
    let valid = person.validate(&tx.categories().list(&before.event_id)?)?;
    let delegation = delegation_of(tx, &before.event_id, &person.delegation)?;
    let after = Participant {
        honorific: valid.honorific,
        name: valid.name,
        email: valid.email,
        phone: valid.phone,
        organisation: valid.organisation,
        country: valid.country,
        category: valid.category,
        status: valid.status,
        consent: valid.consent,
        delegation,
        ..before.clone()
    };
    let after = if after != before { save(tx, &before, &after, now)? } else { after };
    let possible_duplicates = possible_duplicates(tx, &after)?;
    Ok(Added { participant: after, possible_duplicates })
}

/// Writes `after` over `before` (read in `tx`), with the rule that goes with a change of
/// delegation: a head of delegation who leaves it is its head no more.
pub(crate) fn save(tx: &Tx<'_>, before: &Participant, after: &Participant, now: DateTime<Utc>) -> Result<Participant> {
    let saved = tx.participants().update(before, after, now)?;
    if let Some(left) = before.delegation.as_ref().filter(|d| saved.delegation.as_ref() != Some(*d)) {
        let delegation = tx.delegations().get(left)?;
        if delegation.head.as_ref() == Some(&saved.id) {
            tx.delegations().update(&delegation, &Delegation { head: None, ..delegation.clone() }, now)?;
        }
    }
    Ok(saved)
}

/// The delegation a form, a filter or a bulk action names (its id or a prefix; empty: none), of
/// the event.
fn delegation_of(tx: &Tx<'_>, event_id: &Id, delegation: &str) -> Result<Option<Id>> {
    match delegation.trim() {
        "" => Ok(None),
        d => Ok(Some(tx.delegations().resolve_in(event_id, "delegation", d)?)),
    }
}

/// The other records of the event that look like the same person as `participant`.
fn possible_duplicates(tx: &Tx<'_>, participant: &Participant) -> Result<Vec<Id>> {
    let keys = normalise::Keys::of(participant);
    let mut ids = tx.participants().matching(&participant.event_id, keys.email.as_deref(), &keys.name, &keys.org)?;
    ids.retain(|id| *id != participant.id);
    Ok(ids)
}

/// Erases a person's personal data (their right to erasure): the record stays, so that counts
/// and badge numbers still add up, but their name, contact details, organisation and country
/// are emptied, and the audit trail about them keeps only who changed the record and when.
/// Deleted content is overwritten in the file (`secure_delete`) and, once the erasure is
/// committed, the write-ahead log is emptied too; backups made before keep the data until they
/// rotate out. Its own transaction: the log can only be emptied after the commit.
pub fn erase(store: &mut Store, id: &Id, now: DateTime<Utc>) -> Result<Participant> {
    let erased = store.write(|tx| erase_in(tx, id, now))?;
    store.checkpoint();
    Ok(erased)
}

/// What erasing `id` keeps (before it: the record as it stands; after: as erased). Writes
/// nothing.
pub fn erasure(store: &Store, id: &str) -> Result<Erasure> {
    let id = store.participants().resolve("id", id)?;
    let participant = store.participants().get(&id)?;
    let history = store.audit().for_record(AuditEntity::Participant, &id, crate::audit::MAX_ENTRIES)?;
    Ok(Erasure { participant, history_entries: u32::try_from(history.len()).unwrap_or(u32::MAX) })
}

fn erase_in(tx: &Tx<'_>, id: &Id, now: DateTime<Utc>) -> Result<Participant> {
    let id = tx.participants().resolve("id", id.as_str())?;
    let person = tx.participants().get(&id)?;
    let erased = Participant {
        honorific: String::new(),
        name: Bilingual::default(),
        email: None,
        phone: None,
        organisation: Bilingual::default(),
        country: None,
        consent: false,
        ..person.clone()
    };
    tx.participants().erase(&person, &erased, now)
}

/// Registers a participant like `add`, and names the records it may duplicate (it is registered
/// all the same: only a person can tell two namesakes apart).
pub fn add_checked(tx: &Tx<'_>, event_id: &Id, person: &ParticipantInput, now: DateTime<Utc>) -> Result<Added> {
    let participant = add(tx, event_id, person, now)?;
    let possible_duplicates = possible_duplicates(tx, &participant)?;
    Ok(Added { participant, possible_duplicates })
}

/// Every pair of an event's records that look like the same person.
pub fn duplicates(store: &Store, event_id: &str) -> Result<Vec<DuplicatePair>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.participants().duplicates(&event_id)
}

/// Merges `other` into `keep` (two records of the same person, both of one event): `keep`'s
/// values stay, and each field it lacks is taken from `other`; the further status of the two
/// (checked in over confirmed over the rest) wins. `other` is deleted; the audit trail keeps it
/// as it was, and says which record it went into. Its session sign-ups and its place as head
/// of a delegation go to `keep`.
pub fn merge(tx: &Tx<'_>, keep: &Id, other: &Id, now: DateTime<Utc>) -> Result<Participant> {
    let keep_id = tx.participants().resolve("keep", keep.as_str())?;
    let other_id = tx.participants().resolve("other", other.as_str())?;
    if keep_id == other_id {
        return Err(Error::invalid("other", Reason::InvalidValue, "a record cannot be merged into itself"));
    }
    let kept = tx.participants().get(&keep_id)?;
    let other = tx.participants().get(&other_id)?;
    if kept.event_id != other.event_id {
        return Err(Error::invalid("other", Reason::WrongEvent, "the two records belong to different events"));
    }
    let pick = |a: &str, b: &str| if a.trim().is_empty() { b.to_owned() } else { a.to_owned() };
    let merged = Participant {
        honorific: pick(&kept.honorific, &other.honorific),
        delegation: kept.delegation.clone().or_else(|| other.delegation.clone()),
        name: Bilingual::new(pick(&kept.name.en, &other.name.en), pick(&kept.name.ar, &other.name.ar)),
        email: kept.email.clone().or_else(|| other.email.clone()),
        phone: kept.phone.clone().or_else(|| other.phone.clone()),
        organisation: Bilingual::new(
            pick(&kept.organisation.en, &other.organisation.en),
            pick(&kept.organisation.ar, &other.organisation.ar),
        ),
        country: kept.country.clone().or_else(|| other.country.clone()),
        category: if kept.category == "other" { other.category.clone() } else { kept.category.clone() },
        status: std::cmp::max_by_key(kept.status, other.status, |s| status_rank(*s)),
        consent: kept.consent || other.consent,
        ..kept.clone()
    };
    let headed: Vec<Delegation> =
        tx.delegations().list(&kept.event_id)?.into_iter().filter(|d| d.head.as_ref() == Some(&other.id)).collect();
    let kept = tx.participants().merge(&kept, &merged, &other, now)?;
    // What `other` headed, `keep` heads when the merged record is in it (the deletion of
    // `other` left it without a head otherwise).
    for delegation in headed.iter().filter(|d| kept.delegation.as_ref() == Some(&d.id)) {
        let now_held = tx.delegations().get(&delegation.id)?;
        tx.delegations().update(&now_held, &Delegation { head: Some(kept.id.clone()), ..now_held.clone() }, now)?;
    }
    Ok(kept)
}

/// How far along registration a status is, for merging two records.
fn status_rank(status: ParticipantStatus) -> u8 {
    match status {
        ParticipantStatus::Declined => 0,
        ParticipantStatus::InterestRegistered => 1,
        ParticipantStatus::Waitlisted => 2,
        ParticipantStatus::Confirmed => 3,
        ParticipantStatus::CheckedIn => 4,
    }
}

/// Sets the status of several participants of one event at once (a bulk action on a
/// selection): all of them, or none if any id is wrong. Each change is in the audit trail.
pub fn set_status(
    tx: &Tx<'_>,
    event_id: &Id,
    ids: &[Id],
    status: ParticipantStatus,
    now: DateTime<Utc>,
) -> Result<Vec<Participant>> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    bulk(tx, &event_id, ids, now, |p| Ok(Participant { status, ..p.clone() }))
}

/// Puts several participants of one event in a category (its key or name): all or none.
pub fn set_category(
    tx: &Tx<'_>,
    event_id: &Id,
    ids: &[Id],
    category: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Participant>> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let categories = tx.categories().list(&event_id)?;
    let key = find_category(&categories, category)?.key.clone();
    bulk(tx, &event_id, ids, now, |p| Ok(Participant { category: key.clone(), ..p.clone() }))
}

/// Applies `change` to each participant `ids` names (of `event_id`), reading and writing in
/// the caller's transaction: all of them or none. Records that `change` leaves as they were
/// are not written.
pub(crate) fn bulk(
    tx: &Tx<'_>,
    event_id: &Id,
    ids: &[Id],
    now: DateTime<Utc>,
    change: impl Fn(&Participant) -> Result<Participant>,
) -> Result<Vec<Participant>> {
    if ids.is_empty() {
        return Err(Error::invalid("ids", Reason::Required, "select at least one participant"));
    }
    let participants = tx.participants();
    // In the order they are stored, each once: 100,000 people read and written in name order
    // jumped around the file (9.2 s); a person named twice is changed once.
    let mut resolved = ids.to_vec();
    resolved.sort_unstable();
    resolved.dedup();
    participants
        .get_sorted(&resolved)?
        .into_iter()
        .map(|before| {
            if before.event_id != *event_id {
                return Err(Error::invalid("ids", Reason::WrongEvent, "the participant belongs to another event"));
            }
            let after = change(&before)?;
            if after == before {
                Ok(after)
            } else {
                save(tx, &before, &after, now)
            }
        })
        .collect()
}

/// Checks a person in by their badge code (as typed or scanned; case, spaces and the letters
/// O, I and L read as 0, 1 and 1 are forgiven). Declined and already checked-in people are
/// refused, with the reason; people not yet confirmed are checked in with a warning. The status
/// read and the check-in written are one transaction: two desks scanning the same badge check
/// the person in once.
pub fn check_in(tx: &Tx<'_>, event_id: &Id, code: &str, now: DateTime<Utc>) -> Result<CheckedIn> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let code = badge_code_as_typed(code);
    if code.is_empty() {
        return Err(Error::invalid("code", Reason::Required, "give the badge code"));
    }
    let person = tx
        .participants()
        .by_badge_code(&event_id, &code)?
        .ok_or_else(|| Error::not_found("code", "participant of this event", &code))?;
    if person.is_erased() {
        // The record stays so counts add up; the person it was is no longer on the list.
        return Err(Error::conflict(
            Some("code"),
            Reason::InvalidValue,
            format!("the person with the badge code {code} was erased from the event's records: not checked in"),
        ));
    }
    let warning = may_check_in(person.status, display_name(&person), || {
        // Since when, in the event's time: the desk can tell a badge passed to someone else
        // from a person coming back in. And where: the desk whose scan stands, else who the
        // trail names (on a team database the login).
        let tz = tx.events().get(&event_id)?.tz();
        let first = match tx.desks().standing(&person.id)? {
            Some((_, scan)) => Some((scan.at, format!("at {}", scan.desk))),
            None => checked_in_at(tx, &person.id)?.map(|(at, by)| (at, format!("by {by}"))),
        };
        Ok(first.map(|(at, by)| format!(", since {} ({tz}), {by}", time::format_local(at, tz))).unwrap_or_default())
    })?;
    let after = Participant { status: ParticipantStatus::CheckedIn, ..person.clone() };
    let participant = save(tx, &person, &after, now)?;
    Ok(CheckedIn { participant, was: person.status, warning })
}

/// When the person's status last became "checked in", and who did it, as the audit trail
/// recorded it: the newest entry that moved it there (or created them checked in). None when
/// the trail has no such entry, as for a record whose history was emptied.
pub(crate) fn checked_in_at(tx: &Tx<'_>, id: &Id) -> Result<Option<(DateTime<Utc>, String)>> {
    let status = |json: &Option<String>| {
        let value = serde_json::from_str::<serde_json::Value>(json.as_deref()?).ok()?;
        ParticipantStatus::parse("status", value.get("status")?.as_str()?).ok()
    };
    let entries = tx.audit().contents_for(AuditEntity::Participant, id)?;
    Ok(entries
        .iter()
        .rev()
        .find(|(_, before, after)| {
            status(after) == Some(ParticipantStatus::CheckedIn) && status(before) != Some(ParticipantStatus::CheckedIn)
        })
        .map(|(entry, _, _)| (entry.at, entry.actor.clone())))
}

/// The name to show in a message: the English one, or the Arabic one.
pub fn display_name(p: &Participant) -> &str {
    if p.name.en.is_empty() {
        &p.name.ar
    } else {
        &p.name.en
    }
}

/// The participants matching a search (see `search`), the first `limit` by name, and how many
/// match in all. Builds the index for this one query: a caller searching as someone types keeps
/// a `SearchIndex` instead.
pub fn search(store: &Store, event_id: &str, query: &str, limit: usize) -> Result<(Vec<Participant>, usize)> {
    let event_id = store.events().resolve("event", event_id)?;
    let index = SearchIndex::new(store.participants().search_keys(&event_id)?);
    let hits = index.search(query, limit);
    let people = hits.ids.iter().map(|id| store.participants().get(id)).collect::<Result<Vec<_>>>()?;
    Ok((people, hits.total))
}

pub fn list(store: &Store, event_id: &str) -> Result<Vec<Participant>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.participants().list(&event_id)
}

pub fn categories(store: &Store, event_id: &str) -> Result<Vec<Category>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.categories().list(&event_id)
}

/// The event's categories, each with its badge colour (`#rrggbb`).
pub fn categories_with_colours(store: &Store, event_id: &str) -> Result<Vec<(Category, String)>> {
    let event_id = store.events().resolve("event", event_id)?;
    let colours = store.categories().colours(&event_id)?;
    let colour = |key: &str| colours.iter().find(|(k, _)| k == key).map_or(default_colour(key), |(_, c)| c).to_owned();
    Ok(store.categories().list(&event_id)?.into_iter().map(|c| (colour(&c.key), c)).map(|(col, c)| (c, col)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_codes_are_readable() {
        let code = new_badge_code();
        assert_eq!(code.len(), 10);
        assert!(code.chars().all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))));
        assert_ne!(new_badge_code(), new_badge_code());
    }

    #[test]
    fn categories_by_key_or_name() {
        let cats = default_categories(&Id::new());
        let key = |wanted: &str| find_category(&cats, wanted).map(|c| c.key.as_str()).map_err(|e| e.reason);
        assert_eq!(key("member_state"), Ok("member_state"));
        assert_eq!(key("Civil society"), Ok("civil_society"));
        assert_eq!(key("civil-society"), Ok("civil_society"));
        assert_eq!(key("وسائل الإعلام"), Ok("media"));
        assert_eq!(key(""), Ok("other"));
        assert_eq!(key("vip"), Err(Reason::InvalidValue));
    }
}
