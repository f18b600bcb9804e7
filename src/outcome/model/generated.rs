//! What the generated sections of an outcome document show: the pledges table with its chart,
//! and the participation figures. A draft shows them as they stand; adopting a version keeps
//! them, in this shape, with the version, so that a pledge staged or a participant registered
//! later does not change what was adopted. The PDF draws both from this one type.
//!
//! Plain data, written as JSON in the store: only what the sections show (cells already
//! written out, names in both languages), never the pledges or the participants themselves.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::bilingual::{Bilingual, Lang};
use crate::participants::model::{Category, Participant, ParticipantStatus};
use crate::pledges::model::export::{self, PledgeLines};
use crate::pledges::model::{usd_by_year, Pledge, UsdYear};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The rows and totals of the pledges table.
    pub pledges: PledgeLines,
    /// The chart's amounts per year by stage, in US cents.
    pub pledges_by_year: Vec<UsdYear>,
    pub participation: Participation,
}

/// The people registered to attend (confirmed or checked in).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub participants: u32,
    /// Countries represented.
    pub states: u32,
    /// Distinct organisations (by English name, case aside).
    pub organisations: u32,
    /// In the event's category order, empty categories left out; people in a category the
    /// event no longer has come last, as "Other".
    pub by_category: Vec<Count<Bilingual>>,
    /// By ISO country code, in code order.
    pub by_country: Vec<Count<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count<T> {
    pub name: T,
    pub count: u32,
}

impl Generated {
    /// The figures as the ledger and the registrations give them now.
    pub fn live(pledges: &[Pledge], participants: &[Participant], categories: &[Category]) -> Generated {
        Generated {
            pledges: export::lines(pledges),
            pledges_by_year: usd_by_year(pledges),
            participation: Participation::of(participants, categories),
        }
    }
}

/// Counted in the participation figures: registered to attend.
pub fn attends(p: &Participant) -> bool {
    matches!(p.status, ParticipantStatus::Confirmed | ParticipantStatus::CheckedIn)
}

impl Participation {
    pub fn of(participants: &[Participant], categories: &[Category]) -> Participation {
        let people: Vec<&Participant> = participants.iter().filter(|p| attends(p)).collect();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let organisations: BTreeSet<String> = people
            .iter()
            .map(|p| p.organisation.get(Lang::En).trim().to_lowercase())
            .filter(|o| !o.is_empty())
            .collect();
        let mut by_category: Vec<Count<Bilingual>> = categories
            .iter()
            .map(|c| Count {
                name: c.name.clone(),
                count: count(people.iter().filter(|p| p.category == c.key).count()),
            })
            .filter(|c| c.count > 0)
            .collect();
        let known: BTreeSet<&str> = categories.iter().map(|c| c.key.as_str()).collect();
        let other = people.iter().filter(|p| !known.contains(p.category.as_str())).count();
        if other > 0 {
            by_category.push(Count { name: Bilingual::new("Other", "أخرى"), count: count(other) });
        }
        let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &people {
            if let Some(c) = p.country.as_deref() {
                *by_country.entry(c).or_default() += 1;
            }
        }
        Participation {
            participants: count(people.len()),
            states: count(by_country.len()),
            organisations: count(organisations.len()),
            by_category,
            by_country: by_country.into_iter().map(|(c, n)| Count { name: c.to_owned(), count: count(n) }).collect(),
        }
    }
}
