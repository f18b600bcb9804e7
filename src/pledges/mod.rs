//! Pledges: money announced at the forum, recorded exactly as announced (amount per year, in
//! its own currency) and followed to commitment and payment.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::money::{self, Currency, Money};
use crate::programme::word_enum;
use crate::store::Store;

/// Earliest and latest year a pledge may cover.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2200;
/// Longest schedule a pledge may have, in years.
const MAX_YEARS: i32 = 50;

word_enum!(
    PledgeStatus {
        Announced = "announced",
        Committed = "committed",
        Paid = "paid",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PledgeYear {
    pub year: i32,
    /// Minor units of the pledge's currency.
    #[ts(type = "number")]
    pub minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pledge {
    pub id: Id,
    pub event_id: Id,
    pub donor: String,
    pub recipient: String,
    pub currency: String,
    /// One line per year; the total is derived from them, never typed.
    pub years: Vec<PledgeYear>,
    pub status: PledgeStatus,
    pub session_id: Option<Id>,
    pub speaker_id: Option<Id>,
    pub notes: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

impl Pledge {
    pub fn currency(&self) -> Result<Currency> {
        Currency::parse("currency", &self.currency)
    }

    pub fn total(&self) -> Result<Money> {
        Ok(Money::new(self.years.iter().map(|y| i128::from(y.minor)).sum(), self.currency()?))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PledgeInput {
    pub donor: String,
    pub recipient: String,
    pub currency: String,
    /// A decimal amount as typed: the whole pledge, or each year's part when `per_year`.
    pub amount: String,
    pub per_year: bool,
    pub from_year: i32,
    pub to_year: i32,
    pub status: PledgeStatus,
    pub session_id: Option<String>,
    pub speaker_id: Option<String>,
    pub notes: String,
}

impl PledgeInput {
    /// The yearly lines: each year gets `amount` when `per_year`, otherwise the amount is split
    /// evenly in minor units with the remainder in the last year.
    fn schedule(&self) -> Result<(Currency, Vec<PledgeYear>)> {
        let currency = Currency::parse("currency", &self.currency)?;
        let amount = money::parse_amount("amount", &self.amount, currency)?;
        if amount == 0 {
            return Err(Error::invalid("amount", Reason::InvalidAmount, "a pledge must be more than zero"));
        }
        for (field, year) in [("fromYear", self.from_year), ("toYear", self.to_year)] {
            if !YEARS.contains(&year) {
                return Err(Error::invalid(field, Reason::InvalidYearRange, format!("{year} is not a plausible year")));
            }
        }
        if self.to_year < self.from_year {
            return Err(Error::invalid("toYear", Reason::InvalidYearRange, "the last year is before the first year"));
        }
        let count = self.to_year - self.from_year + 1;
        if count > MAX_YEARS {
            return Err(Error::invalid("toYear", Reason::InvalidYearRange, format!("at most {MAX_YEARS} years")));
        }
        let lines = (self.from_year..=self.to_year).map(|year| {
            let minor = if self.per_year {
                amount
            } else {
                let share = amount / i64::from(count);
                if year == self.to_year {
                    amount - share * i64::from(count - 1)
                } else {
                    share
                }
            };
            PledgeYear { year, minor }
        });
        Ok((currency, lines.collect()))
    }
}

pub fn add(store: &mut Store, event_id: &str, pledge: &PledgeInput, now: DateTime<Utc>) -> Result<Pledge> {
    let event_id = store.events().resolve("event", event_id)?;
    let donor = input::line("donor", &pledge.donor, input::MAX_NAME)?;
    if donor.is_empty() {
        return Err(Error::invalid("donor", Reason::Required, "name the state or organisation that pledges"));
    }
    let recipient = input::line("recipient", &pledge.recipient, input::MAX_NAME)?;
    let (currency, years) = pledge.schedule()?;
    let session_id = match pledge.session_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let session = store.sessions().get(&store.sessions().resolve("session", s)?)?;
            if session.event_id != event_id {
                return Err(Error::invalid("session", Reason::WrongEvent, "the session belongs to another event"));
            }
            Some(session.id)
        }
        None => None,
    };
    let speaker_id = match pledge.speaker_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let speaker = store.speakers().get(&store.speakers().resolve("speaker", s)?)?;
            if speaker.event_id != event_id {
                return Err(Error::invalid("speaker", Reason::WrongEvent, "the speaker belongs to another event"));
            }
            Some(speaker.id)
        }
        None => None,
    };
    let pledge = Pledge {
        id: Id::new(),
        event_id,
        donor,
        recipient,
        currency: currency.code().to_owned(),
        years,
        status: pledge.status,
        session_id,
        speaker_id,
        notes: input::text("notes", &pledge.notes, input::MAX_TEXT)?,
        created_at: now,
    };
    store.write(|tx| tx.pledges().insert(&pledge))?;
    Ok(pledge)
}

pub fn list(store: &Store, event_id: &str) -> Result<Vec<Pledge>> {
    let event_id = store.events().resolve("event", event_id)?;
    store.pledges().list(&event_id)
}

/// Totals per currency (sorted by code), never added across currencies.
pub fn totals(store: &Store, event_id: &Id) -> Result<Vec<Money>> {
    sum_by_currency(&store.pledges().list(event_id)?)
}

pub fn sum_by_currency(pledges: &[Pledge]) -> Result<Vec<Money>> {
    let mut sums: BTreeMap<&str, (Currency, i128)> = BTreeMap::new();
    for pledge in pledges {
        let currency = pledge.currency()?;
        let entry = sums.entry(currency.code()).or_insert((currency, 0));
        entry.1 += pledge.years.iter().map(|y| i128::from(y.minor)).sum::<i128>();
    }
    Ok(sums.into_values().map(|(currency, minor)| Money::new(minor, currency)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(amount: &str, per_year: bool, from: i32, to: i32) -> PledgeInput {
        PledgeInput {
            donor: "State of Qatar".into(),
            recipient: "UNOCT".into(),
            currency: "USD".into(),
            amount: amount.into(),
            per_year,
            from_year: from,
            to_year: to,
            status: PledgeStatus::Announced,
            session_id: None,
            speaker_id: None,
            notes: String::new(),
        }
    }

    fn check(pledge: PledgeInput, expected: std::result::Result<&[(i32, i64)], (&str, Reason)>) {
        let got = pledge.schedule().map(|(_, years)| years.iter().map(|y| (y.year, y.minor)).collect::<Vec<_>>());
        match (got, expected) {
            (Ok(got), Ok(expected)) => assert_eq!(got, expected),
            (Err(e), Err((field, reason))) => assert_eq!((e.field.as_deref(), e.reason), (Some(field), reason)),
            (got, expected) => panic!("got {got:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn schedules() {
        let fifteen_million = 1_500_000_000;
        check(
            input("15000000", true, 2024, 2026),
            Ok(&[(2024, fifteen_million), (2025, fifteen_million), (2026, fifteen_million)]),
        );
        check(input("100", false, 2024, 2026), Ok(&[(2024, 3333), (2025, 3333), (2026, 3334)]));
        check(input("1", false, 2024, 2024), Ok(&[(2024, 100)]));
        check(input("1", false, 2026, 2024), Err(("toYear", Reason::InvalidYearRange)));
        check(input("1", false, 24, 26), Err(("fromYear", Reason::InvalidYearRange)));
        check(input("0", false, 2024, 2024), Err(("amount", Reason::InvalidAmount)));
        check(input("1,5", false, 2024, 2024), Err(("amount", Reason::AmbiguousAmount)));
        check(
            PledgeInput { currency: "USX".into(), ..input("1", false, 2024, 2024) },
            Err(("currency", Reason::UnknownCurrency)),
        );
    }

    #[test]
    fn totals_never_mix_currencies() {
        let mut usd = Pledge {
            id: Id::new(),
            event_id: Id::new(),
            donor: "A".into(),
            recipient: "B".into(),
            currency: "USD".into(),
            years: vec![PledgeYear { year: 2024, minor: i64::MAX }, PledgeYear { year: 2025, minor: i64::MAX }],
            status: PledgeStatus::Announced,
            session_id: None,
            speaker_id: None,
            notes: String::new(),
            created_at: Utc::now(),
        };
        let eur = Pledge { currency: "EUR".into(), years: vec![PledgeYear { year: 2024, minor: 5 }], ..usd.clone() };
        let totals = sum_by_currency(&[usd.clone(), eur.clone()]).unwrap();
        assert_eq!(
            totals,
            [
                Money { currency: "EUR".into(), amount: "0.05".into() },
                Money { currency: "USD".into(), amount: "184467440737095516.14".into() }
            ]
        );
        usd.years.truncate(1);
        assert_eq!(sum_by_currency(&[usd]).unwrap()[0].amount, "92233720368547758.07");
    }
}
