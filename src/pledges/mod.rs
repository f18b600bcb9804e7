//! Pledges: money announced at the forum, recorded exactly as announced (an amount per year, in
//! its own currency, with the USD rate used), then followed per yearly line to commitment and
//! payment, the way OCHA's Financial Tracking Service records flows.

pub mod model;

use chrono::{DateTime, Utc};

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::input::given;
use crate::money::{self};
use crate::store::{Store, Tx};
use crate::time;

pub use model::export;
pub use model::*;

/// Resolves the optional session, speaker and delegation of a pledge, all of its event.
fn link(tx: &Tx<'_>, pledge: &mut Pledge, input: &PledgeInput) -> Result<()> {
    let event_id = &pledge.event_id;
    pledge.session_id =
        given(input.session_id.as_deref()).map(|s| tx.sessions().resolve_in(event_id, "session", s)).transpose()?;
    pledge.speaker_id =
        given(input.speaker_id.as_deref()).map(|s| tx.speakers().resolve_in(event_id, "speaker", s)).transpose()?;
    pledge.delegation_id = given(input.delegation_id.as_deref())
        .map(|d| tx.delegations().resolve_in(event_id, "delegation", d))
        .transpose()?;
    Ok(())
}

pub fn add(tx: &Tx<'_>, event_id: &Id, input: &PledgeInput, now: DateTime<Utc>) -> Result<Pledge> {
    let event_id = tx.events().resolve("event", event_id.as_str())?;
    let mut pledge = input.validate(Id::new(), event_id, now)?;
    link(tx, &mut pledge, input)?;
    tx.pledges().insert(&pledge)?;
    Ok(pledge)
}

/// Replaces what was recorded. Commitments and payments stay with their years; a year that
/// has been paid more than its new amount, or removed while paid, is refused. `version` is the
/// version the form was filled from: a pledge changed since is not overwritten (`changed`).
pub fn update(tx: &Tx<'_>, id: &Id, version: Option<u32>, input: &PledgeInput, now: DateTime<Utc>) -> Result<Pledge> {
    let current = tx.pledges().get(id)?;
    tx.pledges().expect_version(&current, version)?;
    let mut pledge = input.validate(current.id.clone(), current.event_id.clone(), current.created_at)?;
    link(tx, &mut pledge, input)?;
    if current.currency != pledge.currency && current.lines.iter().any(|l| l.paid_minor > 0) {
        return Err(Error::invalid("currency", Reason::InvalidValue, "payments are recorded in the current currency"));
    }
    for old in &current.lines {
        match pledge.lines.iter_mut().find(|l| l.year == old.year) {
            Some(line) => {
                if old.paid_minor > line.minor {
                    return Err(Error::invalid(
                        "amount",
                        Reason::ExceedsPledge,
                        format!("{} has already been paid more than the new amount", old.year),
                    ));
                }
                (line.committed_on, line.paid_minor, line.paid_on) = (old.committed_on, old.paid_minor, old.paid_on);
            }
            None if old.paid_minor > 0 || old.committed_on.is_some() => {
                return Err(Error::invalid(
                    "schedule",
                    Reason::InvalidValue,
                    format!("{} is committed or paid and cannot be removed", old.year),
                ));
            }
            None => {}
        }
    }
    pledge.cancelled = current.cancelled.clone();
    tx.pledges().replace(&current, &pledge, now)
}

/// Records a commitment, a payment or a cancellation, decided on the pledge as it is in this
/// transaction: a stage change and an edit at two desks both stand.
pub fn stage(tx: &Tx<'_>, id: &Id, change: &StageChange, now: DateTime<Utc>) -> Result<Pledge> {
    let current = tx.pledges().get(id)?;
    let mut pledge = current.clone();
    let on = match change.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => time::parse_date("date", d)?,
        None => now.date_naive(),
    };
    if pledge.cancelled.is_some() {
        return Err(Error::conflict(Some("to"), Reason::InvalidValue, "the pledge is cancelled"));
    }
    if change.to == PledgeStatus::Cancelled {
        let reason = input::text("reason", &change.reason, input::MAX_TEXT)?;
        if reason.is_empty() {
            return Err(Error::invalid("reason", Reason::Required, "say why the pledge is cancelled"));
        }
        pledge.cancelled = Some(Cancellation { on, reason });
    } else {
        if pledge.lines.is_empty() {
            return Err(Error::invalid("to", Reason::InvalidValue, "an in-kind pledge without a value has no stages"));
        }
        let currency = pledge.currency.ok_or_else(|| Error::internal("a pledge with lines has a currency"))?;
        let years: Vec<i32> = match change.year {
            Some(year) if pledge.lines.iter().any(|l| l.year == year) => vec![year],
            Some(year) => {
                return Err(Error::invalid(
                    "year",
                    Reason::InvalidYearRange,
                    format!("the pledge has no line for {year}"),
                ))
            }
            None => pledge.lines.iter().map(|l| l.year).collect(),
        };
        let amount = match change.amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(_) if change.to != PledgeStatus::Paid => {
                return Err(Error::invalid("amount", Reason::InvalidValue, "an amount goes with a payment"));
            }
            Some(_) if years.len() != 1 => {
                return Err(Error::invalid("year", Reason::Required, "name the year the amount was paid for"));
            }
            Some(a) => Some(money::parse_amount("amount", a, currency)?),
            None => None,
        };
        for line in pledge.lines.iter_mut().filter(|l| years.contains(&l.year)) {
            match change.to {
                PledgeStatus::Committed => {
                    line.committed_on.get_or_insert(on);
                }
                PledgeStatus::Paid => {
                    let paid = amount.unwrap_or(line.minor);
                    if paid > line.minor {
                        return Err(Error::invalid(
                            "amount",
                            Reason::ExceedsPledge,
                            format!(
                                "more than the {} pledged for {}",
                                money::decimal(line.minor.into(), currency.decimals()),
                                line.year
                            ),
                        ));
                    }
                    // A payment commits the line without inventing a date for the commitment.
                    line.paid_minor = paid;
                    line.paid_on = Some(on);
                }
                _ => {
                    return Err(Error::invalid(
                        "to",
                        Reason::InvalidValue,
                        "a pledge moves to committed, paid or cancelled",
                    ))
                }
            }
        }
    }
    tx.pledges().replace(&current, &pledge, now)
}

pub fn get(store: &Store, id: &str) -> Result<Pledge> {
    store.read(|tx| get_in(tx, id))
}

/// The pledge `id` names (or 8+ of its first characters), read in `tx`.
pub fn get_in(tx: &Tx<'_>, id: &str) -> Result<Pledge> {
    let id = tx.pledges().resolve("id", id)?;
    tx.pledges().get(&id)
}

pub fn delete(tx: &Tx<'_>, id: &Id, now: DateTime<Utc>) -> Result<()> {
    let id = tx.pledges().resolve("id", id.as_str())?;
    tx.pledges().delete(&id, now)
}

pub fn list(store: &Store, event_id: &str) -> Result<Vec<Pledge>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.pledges().list(&event_id)
}

/// The event's pledges summed per currency, per year and in US dollars.
pub fn summary(store: &Store, event_id: &Id) -> Result<PledgeSummary> {
    Ok(summarise(&store.pledges().list(event_id)?))
}

#[cfg(test)]
mod tests;
