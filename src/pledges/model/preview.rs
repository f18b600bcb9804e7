//! What the pledge form shows beside the schedule while it is typed: the yearly amounts, their
//! total and its US-dollar equivalent as the core would record them, or the fields it would
//! refuse. Pure (no store, no clock), so the form can ask on every pause in typing and the
//! UI keeps no copy of the rules.

use serde::Serialize;
use ts_rs::TS;

use super::{PledgeInput, PledgeKind, Schedule, ScheduleLines};
use crate::error::Reason;
use crate::money::{Currency, Money, UsdRate};

/// The preview of a pledge as typed. `lines` and `total` are empty when the currency or the
/// schedule is refused; `problems` then says which field and why, as saving would.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PledgePreview {
    /// Oldest year first, each amount an exact decimal of the pledge's currency.
    pub lines: Vec<PreviewLine>,
    pub total: Option<Money>,
    /// The total in US dollars at the rate typed; none for US dollars themselves, and none
    /// without a readable rate.
    pub usd: Option<Money>,
    pub problems: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PreviewLine {
    pub year: i32,
    pub amount: String,
}

/// A field the core would refuse (`amount`, `toYear`, `lines[2]`, `rate`…) and why.
pub use crate::error::FieldProblem;

/// The schedule's lines with the same checks and the same splitting as `add` and `update`, and
/// the rate's conversion as the ledger's totals make it. Only the currency, the schedule and
/// the rate are read: the other fields are the save's to check.
pub fn preview(input: &PledgeInput) -> PledgePreview {
    let mut out = PledgePreview::default();
    let no_value = input.kind == PledgeKind::InKind
        && input.currency.trim().is_empty()
        && matches!(&input.schedule, Schedule::Lines(ScheduleLines { lines }) if lines.is_empty());
    if no_value {
        return out;
    }
    let (currency, lines) = match Currency::parse("currency", &input.currency)
        .and_then(|currency| Ok((currency, input.schedule.lines(currency)?)))
    {
        Ok(read) => read,
        Err(e) => {
            out.problems.push(e.into());
            return out;
        }
    };
    let total: i128 = lines.iter().map(|(_, minor)| i128::from(*minor)).sum();
    let amount = |minor: i128| Money::new(minor, currency).amount;
    out.lines = lines.iter().map(|&(year, minor)| PreviewLine { year, amount: amount(minor.into()) }).collect();
    out.total = Some(Money::new(total, currency));
    let typed_rate = input.rate.as_ref().map(|r| r.rate.as_str()).filter(|r| !r.trim().is_empty());
    if let (false, Some(typed)) = (currency.code() == "USD", typed_rate) {
        match UsdRate::parse("rate", typed) {
            Ok(rate) => match (rate.to_usd_cents(total, currency.decimals()), Currency::parse("currency", "USD")) {
                (Some(cents), Ok(usd)) => out.usd = Some(Money::new(cents, usd)),
                _ => out.problems.push(FieldProblem { field: "rate".into(), reason: Reason::AmountTooLarge }),
            },
            Err(e) => out.problems.push(e.into()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledges::{LineInput, RateInput, ScheduleRange};
    use crate::Bilingual;

    /// A financial pledge typed with this currency, schedule and rate ("" for none).
    fn typed(currency: &str, schedule: Schedule, rate: &str) -> PledgeInput {
        PledgeInput {
            donors: vec![Bilingual::new("State of Qatar", "")],
            recipient: Bilingual::default(),
            purpose: Default::default(),
            kind: PledgeKind::Financial,
            in_kind: String::new(),
            currency: currency.into(),
            schedule,
            rate: Some(RateInput { rate: rate.into(), date: String::new(), source: String::new() }),
            session_id: None,
            speaker_id: None,
            delegation_id: None,
            notes: String::new(),
        }
    }

    /// The preview of `schedule` in `currency` at `rate`, written on one line:
    /// `2024 1.00, 2025 2.00 | total 3.00 EUR | usd 3.25` or `toYear: invalid_year_range`.
    fn check(currency: &str, schedule: Schedule, rate: &str, expected: &str) {
        let input = typed(currency, schedule.clone(), rate);
        let got = preview(&input);
        let mut parts = Vec::new();
        if !got.lines.is_empty() {
            let lines: Vec<String> = got.lines.iter().map(|l| format!("{} {}", l.year, l.amount)).collect();
            parts.push(lines.join(", "));
        }
        if let Some(total) = &got.total {
            parts.push(format!("total {} {}", total.amount, total.currency));
        }
        if let Some(usd) = &got.usd {
            parts.push(format!("usd {}", usd.amount));
        }
        parts.extend(got.problems.iter().map(|p| format!("{}: {}", p.field, p.reason.as_str())));
        assert_eq!(parts.join(" | "), expected, "{currency} {schedule:?} at {rate:?}");
    }

    fn per_year(amount: &str, from_year: i32, to_year: i32) -> Schedule {
        Schedule::PerYear(ScheduleRange { amount: amount.into(), from_year, to_year })
    }

    fn total(amount: &str, from_year: i32, to_year: i32) -> Schedule {
        Schedule::Total(ScheduleRange { amount: amount.into(), from_year, to_year })
    }

    fn lines(lines: &[(i32, &str)]) -> Schedule {
        Schedule::Lines(ScheduleLines {
            lines: lines.iter().map(|&(year, amount)| LineInput { year, amount: amount.into() }).collect(),
        })
    }

    #[test]
    fn amounts_are_read_as_typed() {
        let one = |amount: &str| per_year(amount, 2024, 2024);
        check("USD", one("15000000"), "", "2024 15000000.00 | total 15000000.00 USD");
        check("USD", one("15,000,000.00"), "", "2024 15000000.00 | total 15000000.00 USD");
        check("USD", one("1.5"), "", "2024 1.50 | total 1.50 USD");
        check("USD", one("١٥٬٠٠٠٬٠٠٠"), "", "2024 15000000.00 | total 15000000.00 USD");
        check("USD", one("١٫٥"), "", "2024 1.50 | total 1.50 USD");
        check("JPY", one("1500"), "", "2024 1500 | total 1500 JPY");
        check("JPY", one("1.5"), "", "amount: invalid_amount");
        check("KWD", one("1.234"), "", "2024 1.234 | total 1.234 KWD");
        check("KWD", one("1.2345"), "", "amount: invalid_amount");
        check("usd", one("1"), "", "2024 1.00 | total 1.00 USD");
        for ambiguous in ["1,5", "1,50,000"] {
            check("USD", one(ambiguous), "", "amount: ambiguous_amount");
        }
        for refused in ["-5", "+5", "1e308", "NaN", "1.", ".5", "1.2.3"] {
            check("USD", one(refused), "", "amount: invalid_amount");
        }
        check("USD", one(""), "", "amount: required");
        check("USD", one("0"), "", "amount: invalid_amount");
        check("USD", one("92233720368547758.07"), "", "2024 92233720368547758.07 | total 92233720368547758.07 USD");
        check("USD", one("92233720368547758.08"), "", "amount: amount_too_large");
        check("XYZ", one("1"), "", "currency: unknown_currency");
        check("", one("1"), "", "currency: unknown_currency");
    }

    #[test]
    fn schedules_give_the_lines_the_core_records() {
        check(
            "USD",
            per_year("15000000", 2024, 2026),
            "",
            "2024 15000000.00, 2025 15000000.00, 2026 15000000.00 | total 45000000.00 USD",
        );
        // A total is split evenly in minor units; the last year takes the remainder.
        check("USD", total("100", 2024, 2026), "", "2024 33.33, 2025 33.33, 2026 33.34 | total 100.00 USD");
        check("JPY", lines(&[(2026, "2"), (2024, "1")]), "", "2024 1, 2026 2 | total 3 JPY");
        check("USD", per_year("1", 1945, 1945), "", "1945 1.00 | total 1.00 USD");
        check("USD", per_year("1", 2200, 2200), "", "2200 1.00 | total 1.00 USD");
        check("USD", per_year("1", 2000, 2049), "", &{
            let years: Vec<String> = (2000..=2049).map(|y| format!("{y} 1.00")).collect();
            format!("{} | total 50.00 USD", years.join(", "))
        });
    }

    #[test]
    fn refusals_name_the_field_saving_would_name() {
        check("USD", per_year("1", 2026, 2024), "", "toYear: invalid_year_range");
        check("USD", per_year("1", 2000, 2050), "", "toYear: invalid_year_range");
        check("USD", per_year("1", 1944, 2024), "", "fromYear: invalid_year_range");
        check("USD", per_year("1", 2024, 2201), "", "toYear: invalid_year_range");
        check("USD", per_year("0", 2024, 2024), "", "amount: invalid_amount");
        check("USD", lines(&[(2024, "1"), (2024, "2")]), "", "lines[1]: duplicate");
        check("USD", lines(&[(2024, "1"), (3000, "2")]), "", "lines[1]: invalid_year_range");
        check("USD", lines(&[(2024, "1"), (2025, "x")]), "", "lines[1]: invalid_amount");
        let many: Vec<(i32, &str)> = (1950..2001).map(|year| (year, "1")).collect();
        check("USD", lines(&many), "", "lines: invalid_year_range");
        check("USD", per_year("92233720368547758.07", 2024, 2025), "", "amount: amount_too_large");
    }

    #[test]
    fn the_rate_gives_the_us_dollar_equivalent() {
        check(
            "EUR",
            per_year("1000000", 2024, 2024),
            "1.0832",
            "2024 1000000.00 | total 1000000.00 EUR | usd 1083200.00",
        );
        check("JPY", per_year("5000000", 2024, 2024), "0.0064", "2024 5000000 | total 5000000 JPY | usd 32000.00");
        // 1.234 KWD at 3.25 is 4.0105 USD: rounded half away from zero to the cent.
        check("KWD", per_year("1.234", 2024, 2024), "3.25", "2024 1.234 | total 1.234 KWD | usd 4.01");
        check("USD", per_year("0.01", 2024, 2024), "0.5", "2024 0.01 | total 0.01 USD");
        check("EUR", per_year("0.01", 2024, 2024), "0.5", "2024 0.01 | total 0.01 EUR | usd 0.01");
        check("EUR", per_year("1", 2024, 2024), "", "2024 1.00 | total 1.00 EUR");
        for refused in ["0", "1,5", "-1", "abc"] {
            check("EUR", per_year("1", 2024, 2024), refused, "2024 1.00 | total 1.00 EUR | rate: invalid_value");
        }
        check(
            "EUR",
            per_year("92233720368547758.07", 2024, 2024),
            "999999999999.5",
            "2024 92233720368547758.07 | total 92233720368547758.07 EUR | rate: amount_too_large",
        );
    }

    #[test]
    fn an_in_kind_pledge_without_a_value_has_nothing_to_preview() {
        let input = PledgeInput {
            kind: PledgeKind::InKind,
            in_kind: "Two mobile desalination units".into(),
            ..typed("", lines(&[]), "")
        };
        assert_eq!(preview(&input), PledgePreview::default());
    }
}
