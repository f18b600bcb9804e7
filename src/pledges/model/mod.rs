//! The pledges' model: a pledge, its yearly lines, its rate and stages, the form's input and
//! its checks, and the view the UI and `--json` see. Plain data and rules, no I/O: the store
//! reads and writes these types, the operations decide with them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bilingual::Bilingual;
use crate::error::{Error, Problems, Reason, Result};
use crate::id::Id;
use crate::input;
use crate::money::{self, Currency, UsdRate};
use crate::time;
use crate::word::word_enum;

pub mod export;
mod preview;
mod summary;

pub use preview::{preview, FieldProblem, PledgePreview, PreviewLine};
pub use summary::{summarise, usd_by_year, CurrencyTotals, PledgeSummary, UsdTotals, UsdYear, YearTotals};

/// Earliest and latest year a pledge may cover.
const YEARS: std::ops::RangeInclusive<i32> = 1945..=2200;
/// Longest schedule a pledge may have, in years.
const MAX_YEARS: usize = 50;
/// Most donors of one joint pledge.
const MAX_DONORS: usize = 20;

word_enum!(
    /// Where a pledge (or one yearly line of it) stands. Derived from its lines, never stored.
    PledgeStatus {
        Announced = "announced",
        Committed = "committed",
        // Part of what was pledged has been paid (a line, or part of one), not all of it.
        PartlyPaid = "partly_paid",
        Paid = "paid",
        Cancelled = "cancelled",
    }
);

word_enum!(
    PledgeKind {
        Financial = "financial",
        InKind = "in_kind",
    }
);

word_enum!(
    /// How the amounts were announced, kept so that the pledge reads back the way it was said.
    EntryMode {
        PerYear = "per_year",
        Total = "total",
        Lines = "lines",
    }
);

/// One year of a pledge's schedule, with how far it has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeLine {
    pub year: i32,
    /// Minor units of the pledge's currency.
    pub minor: i64,
    pub committed_on: Option<NaiveDate>,
    /// Paid so far; at most `minor`.
    pub paid_minor: i64,
    pub paid_on: Option<NaiveDate>,
}

impl PledgeLine {
    pub fn status(&self) -> PledgeStatus {
        if self.paid_minor >= self.minor && self.paid_minor > 0 {
            PledgeStatus::Paid
        } else if self.paid_minor > 0 {
            PledgeStatus::PartlyPaid
        } else if self.committed_on.is_some() {
            PledgeStatus::Committed
        } else {
            PledgeStatus::Announced
        }
    }

    /// Whether the line's amount is committed: a commitment was recorded, or a payment was
    /// (paying is committing, though nobody typed a date for the commitment).
    pub fn is_committed(&self) -> bool {
        self.committed_on.is_some() || self.paid_minor > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub rate: UsdRate,
    pub date: NaiveDate,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pledge {
    pub id: Id,
    pub event_id: Id,
    /// One donor, or several for a joint pledge; the first leads.
    pub donors: Vec<Bilingual>,
    pub recipient: Bilingual,
    pub purpose: Bilingual,
    pub kind: PledgeKind,
    /// What an in-kind pledge gives.
    pub in_kind: String,
    /// The currency of the amounts; an in-kind pledge without an estimated value has none.
    pub currency: Option<Currency>,
    pub lines: Vec<PledgeLine>,
    /// How the lines were entered; none for pledges recorded before this was kept.
    pub entry: Option<EntryMode>,
    pub rate: Option<Rate>,
    pub cancelled: Option<Cancellation>,
    pub session_id: Option<Id>,
    pub speaker_id: Option<Id>,
    /// The delegation on whose behalf it was announced.
    pub delegation_id: Option<Id>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    pub version: u32,
}

impl Pledge {
    pub fn status(&self) -> PledgeStatus {
        if self.cancelled.is_some() {
            return PledgeStatus::Cancelled;
        }
        // The furthest stage every line reached; "partly paid" as soon as anything is paid.
        let stages: Vec<PledgeStatus> = self.lines.iter().map(PledgeLine::status).collect();
        if !stages.is_empty() && stages.iter().all(|s| *s == PledgeStatus::Paid) {
            PledgeStatus::Paid
        } else if self.lines.iter().any(|l| l.paid_minor > 0) {
            PledgeStatus::PartlyPaid
        } else if !stages.is_empty() && self.lines.iter().all(PledgeLine::is_committed) {
            PledgeStatus::Committed
        } else {
            PledgeStatus::Announced
        }
    }

    /// The total, derived from the lines.
    pub fn total_minor(&self) -> i128 {
        self.lines.iter().map(|l| i128::from(l.minor)).sum()
    }

    /// The rate to US dollars: 1 for USD, else the one recorded, if any.
    pub fn usd_rate(&self) -> Option<UsdRate> {
        match self.currency {
            Some(c) if c.code() == "USD" => Some(UsdRate::ONE),
            _ => self.rate.as_ref().map(|r| r.rate),
        }
    }

    /// Counts towards money totals: financial and not cancelled.
    pub fn counts(&self) -> bool {
        self.kind == PledgeKind::Financial && self.cancelled.is_none() && self.currency.is_some()
    }

    /// The schedule as it was entered. A pledge recorded before the entry mode was kept reads as
    /// "per year" when its lines are equal amounts over consecutive years, else year by year.
    pub fn schedule(&self) -> Schedule {
        let decimals = self.currency.map_or(0, |c| c.decimals());
        let consecutive = self.lines.windows(2).all(|w| w[1].year == w[0].year + 1);
        let even = consecutive && self.lines.windows(2).all(|w| w[1].minor == w[0].minor);
        let mode = match self.entry {
            Some(EntryMode::Total) if consecutive => EntryMode::Total,
            Some(EntryMode::PerYear) | None if even => EntryMode::PerYear,
            _ => EntryMode::Lines,
        };
        let (first, last) = match (self.lines.first(), self.lines.last()) {
            (Some(first), Some(last)) if mode != EntryMode::Lines => (first, last),
            _ => {
                let lines = self
                    .lines
                    .iter()
                    .map(|l| LineInput { year: l.year, amount: money::decimal(l.minor.into(), decimals) })
                    .collect();
                return Schedule::Lines(ScheduleLines { lines });
            }
        };
        let range = |minor: i128| ScheduleRange {
            amount: money::decimal(minor, decimals),
            from_year: first.year,
            to_year: last.year,
        };
        match mode {
            EntryMode::Total => Schedule::Total(range(self.total_minor())),
            _ => Schedule::PerYear(range(first.minor.into())),
        }
    }

    /// The pledge as the UI and `--json` see it: amounts as exact decimal strings.
    pub fn view(&self) -> PledgeView {
        let decimals = self.currency.map_or(0, |c| c.decimals());
        let amount = |minor: i128| money::decimal(minor, decimals);
        PledgeView {
            id: self.id.clone(),
            event_id: self.event_id.clone(),
            donors: self.donors.clone(),
            recipient: self.recipient.clone(),
            purpose: self.purpose.clone(),
            kind: self.kind,
            in_kind: self.in_kind.clone(),
            currency: self.currency.map(|c| c.code().to_owned()),
            lines: self
                .lines
                .iter()
                .map(|l| LineView {
                    year: l.year,
                    amount: amount(l.minor.into()),
                    paid: amount(l.paid_minor.into()),
                    status: l.status(),
                    committed_on: l.committed_on.map(|d| d.to_string()),
                    paid_on: l.paid_on.map(|d| d.to_string()),
                })
                .collect(),
            schedule: self.schedule(),
            total: amount(self.total_minor()),
            paid: amount(self.lines.iter().map(|l| i128::from(l.paid_minor)).sum()),
            status: self.status(),
            usd_total: self
                .usd_rate()
                .filter(|_| self.currency.is_some())
                .and_then(|r| r.to_usd_cents(self.total_minor(), decimals))
                .map(|cents| money::decimal(cents, 2)),
            rate: self.rate.as_ref().map(|r| RateView {
                rate: r.rate.to_string(),
                date: r.date.to_string(),
                source: r.source.clone(),
            }),
            cancelled: self.cancelled.as_ref().map(|c| CancelView { on: c.on.to_string(), reason: c.reason.clone() }),
            session_id: self.session_id.clone(),
            speaker_id: self.speaker_id.clone(),
            delegation_id: self.delegation_id.clone(),
            notes: self.notes.clone(),
            created_at: self.created_at.to_rfc3339(),
            version: self.version,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PledgeView {
    pub id: Id,
    pub event_id: Id,
    pub donors: Vec<Bilingual>,
    pub recipient: Bilingual,
    pub purpose: Bilingual,
    pub kind: PledgeKind,
    pub in_kind: String,
    pub currency: Option<String>,
    pub lines: Vec<LineView>,
    /// The lines as they were entered ("15 million a year for 2024–2026"), for the form.
    pub schedule: Schedule,
    /// Sum of the lines, exact decimal.
    pub total: String,
    pub paid: String,
    pub status: PledgeStatus,
    /// The total in US dollars at the recorded rate; none without a rate (or for a pledge stored
    /// before rate and amount were checked together, whose product is beyond any amount).
    pub usd_total: Option<String>,
    pub rate: Option<RateView>,
    pub cancelled: Option<CancelView>,
    pub session_id: Option<Id>,
    pub speaker_id: Option<Id>,
    pub delegation_id: Option<Id>,
    pub notes: String,
    pub created_at: String,
    /// Raised by every change to the pledge: a form sends back the one it was filled from.
    #[serde(default = "crate::id::first_version")]
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineView {
    pub year: i32,
    pub amount: String,
    pub paid: String,
    pub status: PledgeStatus,
    pub committed_on: Option<String>,
    pub paid_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RateView {
    pub rate: String,
    pub date: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CancelView {
    pub on: String,
    pub reason: String,
}

/// A pledge as typed in the form or on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PledgeInput {
    /// Each donor's name in English and Arabic (one side may be empty).
    pub donors: Vec<Bilingual>,
    pub recipient: Bilingual,
    pub purpose: Bilingual,
    pub kind: PledgeKind,
    pub in_kind: String,
    /// ISO 4217; may be empty only for an in-kind pledge without an estimated value.
    pub currency: String,
    pub schedule: Schedule,
    pub rate: Option<RateInput>,
    pub session_id: Option<String>,
    pub speaker_id: Option<String>,
    /// The delegation that announced it, of the same event.
    #[serde(default)]
    pub delegation_id: Option<String>,
    pub notes: String,
}

impl From<&Pledge> for PledgeInput {
    /// The form's fields holding what is recorded, to be corrected and given to `update`.
    fn from(p: &Pledge) -> PledgeInput {
        PledgeInput {
            donors: p.donors.clone(),
            recipient: p.recipient.clone(),
            purpose: p.purpose.clone(),
            kind: p.kind,
            in_kind: p.in_kind.clone(),
            currency: p.currency.map(|c| c.code().to_owned()).unwrap_or_default(),
            schedule: p.schedule(),
            rate: p.rate.as_ref().map(|r| RateInput {
                rate: r.rate.to_string(),
                date: r.date.to_string(),
                source: r.source.clone(),
            }),
            session_id: p.session_id.as_ref().map(Id::to_string),
            speaker_id: p.speaker_id.as_ref().map(Id::to_string),
            delegation_id: p.delegation_id.as_ref().map(Id::to_string),
            notes: p.notes.clone(),
        }
    }
}

/// How the amounts were announced: "15 million a year for 2024–2026", "45 million over
/// 2024–2026", or year by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum Schedule {
    PerYear(ScheduleRange),
    Total(ScheduleRange),
    Lines(ScheduleLines),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRange {
    pub amount: String,
    pub from_year: i32,
    pub to_year: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleLines {
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineInput {
    pub year: i32,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RateInput {
    /// US dollars for one unit of the pledge's currency, e.g. "1.0832".
    pub rate: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub source: String,
}

/// Moves a pledge, or one year of it, to a later stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageChange {
    /// committed, paid or cancelled.
    pub to: PledgeStatus,
    /// Only this year's line; all lines when absent.
    pub year: Option<i32>,
    /// With `paid`: the amount paid so far for that year (default: all of it).
    pub amount: Option<String>,
    /// `YYYY-MM-DD`; today when absent.
    pub date: Option<String>,
    /// Why, for a cancellation.
    pub reason: String,
}

impl Schedule {
    pub fn mode(&self) -> EntryMode {
        match self {
            Schedule::PerYear(_) => EntryMode::PerYear,
            Schedule::Total(_) => EntryMode::Total,
            Schedule::Lines(_) => EntryMode::Lines,
        }
    }

    /// The yearly amounts in minor units of `currency`.
    fn lines(&self, currency: Currency) -> Result<Vec<(i32, i64)>> {
        let lines = match self {
            Schedule::PerYear(range) | Schedule::Total(range) => {
                let amount = money::parse_amount("amount", &range.amount, currency)?;
                let years = year_range(range.from_year, range.to_year)?;
                let count = years.len() as i64;
                years
                    .into_iter()
                    .map(|year| {
                        let minor = match self {
                            Schedule::PerYear(_) => amount,
                            // Split evenly in minor units; the last year takes the remainder.
                            _ if year == range.to_year => amount - amount / count * (count - 1),
                            _ => amount / count,
                        };
                        (year, minor)
                    })
                    .collect()
            }
            Schedule::Lines(ScheduleLines { lines }) => {
                if lines.len() > MAX_YEARS {
                    return Err(Error::invalid(
                        "lines",
                        Reason::InvalidYearRange,
                        format!("at most {MAX_YEARS} years"),
                    ));
                }
                let mut out: Vec<(i32, i64)> = Vec::with_capacity(lines.len());
                for (i, line) in lines.iter().enumerate() {
                    let field = format!("lines[{i}]");
                    check_year(&field, line.year)?;
                    if out.iter().any(|(y, _)| *y == line.year) {
                        return Err(Error::invalid(&field, Reason::Duplicate, format!("{} appears twice", line.year)));
                    }
                    let minor = money::parse_amount(&field, &line.amount, currency)?;
                    out.push((line.year, minor));
                }
                out.sort_unstable();
                out
            }
        };
        if lines.iter().all(|(_, minor)| *minor == 0) {
            return Err(Error::invalid("amount", Reason::InvalidAmount, "a pledge must be more than zero"));
        }
        let total: i128 = lines.iter().map(|(_, m)| i128::from(*m)).sum();
        if total > i128::from(i64::MAX) {
            return Err(Error::invalid("amount", Reason::AmountTooLarge, "the total is too large"));
        }
        Ok(lines)
    }
}

fn check_year(field: &str, year: i32) -> Result<()> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Error::invalid(field, Reason::InvalidYearRange, format!("{year} is not a plausible year")))
    }
}

fn year_range(from: i32, to: i32) -> Result<Vec<i32>> {
    check_year("fromYear", from)?;
    check_year("toYear", to)?;
    if to < from {
        return Err(Error::invalid("toYear", Reason::InvalidYearRange, "the last year is before the first year"));
    }
    if (to - from) as usize >= MAX_YEARS {
        return Err(Error::invalid("toYear", Reason::InvalidYearRange, format!("at most {MAX_YEARS} years")));
    }
    Ok((from..=to).collect())
}

impl PledgeInput {
    /// Checks everything but the links to sessions and speakers (which need the store).
    pub(crate) fn validate(&self, id: Id, event_id: Id, created_at: DateTime<Utc>) -> Result<Pledge> {
        // Every field is checked, so that the form can show all its problems at once.
        let mut problems = Problems::default();
        let mut donors: Vec<Bilingual> = Vec::with_capacity(self.donors.len());
        if self.donors.len() > MAX_DONORS {
            problems.note(Error::invalid("donors", Reason::TooLong, format!("at most {MAX_DONORS} donors")));
        }
        for donor in self.donors.iter().take(MAX_DONORS) {
            let Some(donor) = problems.check(donor.clean_line("donors", input::MAX_NAME)) else { break };
            if !donor.is_empty() && !donors.contains(&donor) {
                donors.push(donor);
            }
        }
        if donors.is_empty() && !problems.has("donors") {
            problems.note(Error::invalid("donors", Reason::Required, "name the state or organisation that pledges"));
        }
        let recipient = problems.check(self.recipient.clean_line("recipient", input::MAX_NAME));
        let purpose = problems.check(self.purpose.clean_text("purpose", input::MAX_TEXT));
        let in_kind = problems.check(input::text("inKind", &self.in_kind, input::MAX_TEXT)).unwrap_or_default();
        let no_value = self.currency.trim().is_empty()
            && matches!(&self.schedule, Schedule::Lines(ScheduleLines { lines }) if lines.is_empty());
        let (currency, lines, entry) = match self.kind {
            PledgeKind::InKind if in_kind.is_empty() => {
                if !problems.has("inKind") {
                    problems.note(Error::invalid("inKind", Reason::Required, "describe what is given in kind"));
                }
                (None, Vec::new(), None)
            }
            PledgeKind::InKind if no_value => (None, Vec::new(), None),
            _ => match problems.check(Currency::parse("currency", &self.currency)) {
                Some(currency) => {
                    let lines = problems.check(self.schedule.lines(currency)).unwrap_or_default();
                    (Some(currency), lines, Some(self.schedule.mode()))
                }
                None => (None, Vec::new(), None),
            },
        };
        let rate = match &self.rate {
            Some(r) if !r.rate.trim().is_empty() => {
                let rate = problems.check(UsdRate::parse("rate", &r.rate));
                let date = problems.check(time::parse_date("rateDate", &r.date));
                let source = problems.check(input::line("rateSource", &r.source, input::MAX_NAME));
                match (rate, date, source) {
                    (Some(rate), Some(date), Some(source)) => Some(Rate { rate, date, source }),
                    _ => None,
                }
            }
            _ => None,
        };
        let notes = problems.check(input::text("notes", &self.notes, input::MAX_TEXT));
        problems.finish()?;
        let (Some(recipient), Some(purpose), Some(notes)) = (recipient, purpose, notes) else {
            return Err(Error::internal("a pledge field passed its check without a value"));
        };
        let pledge = Pledge {
            id,
            event_id,
            donors,
            recipient,
            purpose,
            kind: self.kind,
            in_kind,
            currency,
            lines: lines
                .into_iter()
                .map(|(year, minor)| PledgeLine { year, minor, committed_on: None, paid_minor: 0, paid_on: None })
                .collect(),
            entry,
            rate,
            cancelled: None,
            session_id: None,
            speaker_id: None,
            delegation_id: None,
            notes,
            created_at,
            version: 1,
        };
        // Rate and amount are each within bounds, but their product need not be.
        if let (Some(currency), Some(rate)) = (pledge.currency, pledge.usd_rate()) {
            if rate.to_usd_cents(pledge.total_minor(), currency.decimals()).is_none() {
                return Err(Error::invalid(
                    "rate",
                    Reason::AmountTooLarge,
                    format!("at a rate of {rate}, the total is too large to convert to US dollars"),
                ));
            }
        }
        Ok(pledge)
    }
}
