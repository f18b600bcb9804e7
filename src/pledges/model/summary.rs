//! Totals of an event's pledges: per currency, per year and per stage, and in US dollars at
//! each pledge's recorded rate. Amounts in different currencies are never added together.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Pledge, PledgeKind, PledgeStatus};
use crate::money::{self, Currency};

/// Pledged (announced, not cancelled), committed (of which) and paid (so far).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotals {
    pub currency: String,
    pub pledged: String,
    pub committed: String,
    pub paid: String,
    pub count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct YearTotals {
    pub year: i32,
    pub currency: String,
    pub pledged: String,
    pub committed: String,
    pub paid: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsdTotals {
    pub pledged: String,
    pub committed: String,
    pub paid: String,
    /// Pledges left out of the USD totals because no rate was recorded.
    pub without_rate: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PledgeSummary {
    pub currencies: Vec<CurrencyTotals>,
    pub years: Vec<YearTotals>,
    pub usd: UsdTotals,
    pub in_kind: u32,
    pub cancelled: u32,
}

#[derive(Default, Clone, Copy)]
struct Sums {
    pledged: i128,
    committed: i128,
    paid: i128,
}

impl Sums {
    fn add(&mut self, pledged: i128, committed: i128, paid: i128) {
        self.pledged += pledged;
        self.committed += committed;
        self.paid += paid;
    }
}

/// Pledged, committed and paid in one year, in US cents at each pledge's recorded rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsdYear {
    pub year: i32,
    pub pledged: i128,
    pub committed: i128,
    pub paid: i128,
}

/// The USD equivalent of each year's lines by stage, years in order. Pledges that do not count
/// (in kind, cancelled) or have no rate are left out, as from the USD totals.
pub fn usd_by_year(pledges: &[Pledge]) -> Vec<UsdYear> {
    let mut years: BTreeMap<i32, Sums> = BTreeMap::new();
    for pledge in pledges {
        let Some(currency) = pledge.currency.filter(|_| pledge.counts()) else { continue };
        for (year, [pledged, committed, paid]) in usd_lines(pledge, currency).unwrap_or_default() {
            years.entry(year).or_default().add(pledged, committed, paid);
        }
    }
    years
        .into_iter()
        .map(|(year, s)| UsdYear { year, pledged: s.pledged, committed: s.committed, paid: s.paid })
        .collect()
}

/// Each line's pledged, committed and paid amounts in US cents at the pledge's rate: `None`
/// without a rate, and for a pledge stored before rate and amount were checked together whose
/// product is beyond any amount (left out like one without a rate, rather than overflowing).
///
/// One rule for every USD figure: a pledge's total (pledged, committed or paid) is converted
/// once and rounded once, and the lines share it by largest remainder, so the yearly figures
/// add up to the total shown on the pledge, in the totals and in the ledger alike.
pub(crate) fn usd_lines(pledge: &Pledge, currency: Currency) -> Option<Vec<(i32, [i128; 3])>> {
    let rate = pledge.usd_rate()?;
    let convert = |amounts: Vec<i128>| -> Option<Vec<i128>> {
        let total = rate.to_usd_cents(amounts.iter().sum(), currency.decimals())?;
        Some(money::allocate(total, &amounts))
    };
    let lines = &pledge.lines;
    let pledged = convert(lines.iter().map(|l| i128::from(l.minor)).collect())?;
    let committed = convert(lines.iter().map(|l| if l.is_committed() { i128::from(l.minor) } else { 0 }).collect())?;
    let paid = convert(lines.iter().map(|l| i128::from(l.paid_minor)).collect())?;
    Some(lines.iter().enumerate().map(|(i, l)| (l.year, [pledged[i], committed[i], paid[i]])).collect())
}

pub fn summarise(pledges: &[Pledge]) -> PledgeSummary {
    let mut currencies: BTreeMap<&str, (Currency, Sums, u32)> = BTreeMap::new();
    let mut years: BTreeMap<(i32, &str), (Currency, Sums)> = BTreeMap::new();
    let mut usd = Sums::default();
    let mut summary = PledgeSummary::default();
    for pledge in pledges {
        if pledge.status() == PledgeStatus::Cancelled {
            summary.cancelled += 1;
        }
        if pledge.kind == PledgeKind::InKind {
            summary.in_kind += 1;
        }
        let Some(currency) = pledge.currency.filter(|_| pledge.counts()) else { continue };
        match usd_lines(pledge, currency) {
            Some(lines) => lines.into_iter().for_each(|(_, [p, c, paid])| usd.add(p, c, paid)),
            None => summary.usd.without_rate += 1,
        }
        let entry = currencies.entry(currency.code()).or_insert((currency, Sums::default(), 0));
        entry.2 += 1;
        for line in &pledge.lines {
            let pledged = i128::from(line.minor);
            let committed = if line.is_committed() { pledged } else { 0 };
            let paid = i128::from(line.paid_minor);
            entry.1.add(pledged, committed, paid);
            years
                .entry((line.year, currency.code()))
                .or_insert((currency, Sums::default()))
                .1
                .add(pledged, committed, paid);
        }
    }
    let text = |minor: i128, currency: Currency| money::decimal(minor, currency.decimals());
    summary.currencies = currencies
        .into_values()
        .map(|(c, s, count)| CurrencyTotals {
            currency: c.code().to_owned(),
            pledged: text(s.pledged, c),
            committed: text(s.committed, c),
            paid: text(s.paid, c),
            count,
        })
        .collect();
    summary.years = years
        .into_iter()
        .map(|((year, _), (c, s))| YearTotals {
            year,
            currency: c.code().to_owned(),
            pledged: text(s.pledged, c),
            committed: text(s.committed, c),
            paid: text(s.paid, c),
        })
        .collect();
    summary.usd.pledged = money::decimal(usd.pledged, 2);
    summary.usd.committed = money::decimal(usd.committed, 2);
    summary.usd.paid = money::decimal(usd.paid, 2);
    summary
}
