//! Delegations: the people of one member state or organisation at an event, with an optional
//! head of delegation. A participant belongs to at most one delegation of their event.

use chrono::{DateTime, Utc};

pub use super::model::{Delegation, DelegationInput};
use super::{bulk, display_name, save, Participant};
use crate::bilingual::Bilingual;
use crate::country;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::store::{ParticipantFilter, Store, Tx};

/// Adds a delegation to an event. Its head, when given, joins it (and must not belong to
/// another delegation already).
pub fn add(tx: &Tx<'_>, event_id: &Id, input: &DelegationInput, now: DateTime<Utc>) -> Result<Delegation> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let name = input.name.clean_required("name", input::MAX_NAME)?;
    let country = country::parse_optional("country", &input.country)?;
    let head = head_of(tx, &event_id, None, &input.head)?;
    let delegation = Delegation {
        id: Id::new(),
        event_id: event_id.clone(),
        name,
        country,
        head: head.as_ref().map(|p| p.id.clone()),
        members: 0,
        created_at: now,
        version: 1,
    };
    let joins = head.map(|p| (p.clone(), Participant { delegation: Some(delegation.id.clone()), ..p }));
    tx.delegations().insert(&delegation)?;
    if let Some((before, after)) = &joins {
        save(tx, before, after, now)?;
    }
    tx.delegations().get(&delegation.id)
}

/// Changes a delegation's name, country or head (who joins it if not a member yet).
pub fn update(
    tx: &Tx<'_>,
    id: &Id,
    version: Option<u32>,
    input: &DelegationInput,
    now: DateTime<Utc>,
) -> Result<Delegation> {
    let id = tx.delegations().resolve("id", id.as_str())?;
    let before = tx.delegations().get(&id)?;
    tx.delegations().expect_version(&before, version)?;
    let head = head_of(tx, &before.event_id, Some(&id), &input.head)?;
    let after = Delegation {
        name: input.name.clean_required("name", input::MAX_NAME)?,
        country: country::parse_optional("country", &input.country)?,
        head: head.as_ref().map(|p| p.id.clone()),
        ..before.clone()
    };
    let joins = head
        .filter(|p| p.delegation.as_ref() != Some(&id))
        .map(|p| (p.clone(), Participant { delegation: Some(id.clone()), ..p }));
    tx.delegations().update(&before, &after, now)?;
    if let Some((before, after)) = &joins {
        save(tx, before, after, now)?;
    }
    tx.delegations().get(&id)
}

/// Deletes a delegation. Its members stay registered, without a delegation (each change is in
/// their history). Refused while pledges name it as the delegation that announced them: who
/// pledged is part of the record, so those pledges must be changed first.
pub fn remove(tx: &Tx<'_>, id: &Id, now: DateTime<Utc>) -> Result<Delegation> {
    let id = tx.delegations().resolve("id", id.as_str())?;
    let delegation = tx.delegations().get(&id)?;
    let pledges = tx.delegations().pledges(&id)?;
    if pledges > 0 {
        return Err(Error::conflict(
            Some("id"),
            Reason::InUse,
            format!(
                "{pledges} pledge{} announced by this delegation: link {} to another delegation or to none first",
                if pledges == 1 { " was" } else { "s were" },
                if pledges == 1 { "it" } else { "them" },
            ),
        ));
    }
    let filter = ParticipantFilter { delegation: Some(&id), ..ParticipantFilter::default() };
    let mut members = tx.participants().matching_ids(&delegation.event_id, &filter)?;
    members.sort_unstable();
    let leaving: Vec<_> = tx
        .participants()
        .get_sorted(&members)?
        .into_iter()
        .map(|p| (p.clone(), Participant { delegation: None, ..p }))
        .collect();
    for (before, after) in &leaving {
        save(tx, before, after, now)?;
    }
    tx.delegations().delete(&id)?;
    Ok(delegation)
}

pub fn list(store: &Store, event_id: &str) -> Result<Vec<Delegation>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.delegations().list(&event_id)
}

/// Puts participants of an event into a delegation of that event (`None`: out of any): all of
/// them, or none if any id is wrong. A head of delegation leaving it stops being its head.
pub fn assign(
    tx: &Tx<'_>,
    event_id: &Id,
    ids: &[Id],
    delegation: Option<&Id>,
    now: DateTime<Utc>,
) -> Result<Vec<Participant>> {
    let event = tx.events().resolve("event", event_id.as_str())?;
    let delegation = super::delegation_of(tx, &event, delegation.map(Id::as_str).unwrap_or_default())?;
    bulk(tx, &event, ids, now, |p| Ok(Participant { delegation: delegation.clone(), ..p.clone() }))
}

/// The participant named as head (empty: none): of the event, and not of another delegation
/// than `this` one.
fn head_of(tx: &Tx<'_>, event_id: &Id, this: Option<&Id>, head: &str) -> Result<Option<Participant>> {
    if head.trim().is_empty() {
        return Ok(None);
    }
    let id = tx.participants().resolve_in(event_id, "head", head.trim())?;
    let person = tx.participants().get(&id)?;
    match &person.delegation {
        Some(other) if Some(other) != this => Err(Error::conflict(
            Some("head"),
            Reason::Duplicate,
            format!("{} already belongs to another delegation", display_name(&person)),
        )),
        _ => Ok(Some(person)),
    }
}

/// The demo forum's delegations: one for each member state with participants there, headed by
/// its first member by name.
pub(crate) fn demo(tx: &Tx<'_>, event_id: &Id, now: DateTime<Utc>) -> Result<()> {
    let people = {
        let event_id = tx.events().resolve("event", event_id.as_str())?;
        tx.participants().list(&event_id)?
    };
    let mut countries: Vec<&str> =
        people.iter().filter(|p| p.category == "member_state").filter_map(|p| p.country.as_deref()).collect();
    countries.sort_unstable();
    countries.dedup();
    for code in countries {
        let members: Vec<&Participant> =
            people.iter().filter(|p| p.category == "member_state" && p.country.as_deref() == Some(code)).collect();
        let input = DelegationInput {
            name: Bilingual::new(
                country::name(code, crate::bilingual::Lang::En),
                country::name(code, crate::bilingual::Lang::Ar),
            ),
            country: code.to_owned(),
            head: members[0].id.to_string(),
        };
        let delegation = add(tx, event_id, &input, now)?;
        let ids: Vec<Id> = members.iter().map(|p| p.id.clone()).collect();
        assign(tx, event_id, &ids, Some(&delegation.id), now)?;
    }
    Ok(())
}
