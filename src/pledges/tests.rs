//! Cases for schedules, stages and totals; property tests for the sums.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::bilingual::Bilingual;
use crate::money::{self, Currency, UsdRate};

fn input(amount: &str, per_year: bool, from: i32, to: i32) -> PledgeInput {
    let range = ScheduleRange { amount: amount.into(), from_year: from, to_year: to };
    PledgeInput {
        donors: vec![Bilingual::new("State of Qatar", "")],
        recipient: Bilingual::new("UNOCT", ""),
        purpose: Bilingual::default(),
        kind: PledgeKind::Financial,
        in_kind: String::new(),
        currency: "USD".into(),
        schedule: if per_year { Schedule::PerYear(range) } else { Schedule::Total(range) },
        rate: None,
        session_id: None,
        speaker_id: None,
        delegation_id: None,
        notes: String::new(),
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 21, 7, 0, 0).unwrap()
}

fn check(pledge: PledgeInput, expected: std::result::Result<&[(i32, i64)], (&str, Reason)>) {
    let got = pledge
        .validate(Id::new(), Id::new(), now())
        .map(|p| p.lines.iter().map(|l| (l.year, l.minor)).collect::<Vec<_>>());
    match (got, expected) {
        (Ok(got), Ok(expected)) => assert_eq!(got, expected),
        (Err(e), Err((field, reason))) => assert_eq!((e.field.as_deref(), e.reason), (Some(field), reason)),
        (got, expected) => panic!("got {got:?}, expected {expected:?}"),
    }
}

#[test]
fn schedules() {
    let m15 = 1_500_000_000;
    check(input("15000000", true, 2024, 2026), Ok(&[(2024, m15), (2025, m15), (2026, m15)]));
    check(input("100", false, 2024, 2026), Ok(&[(2024, 3333), (2025, 3333), (2026, 3334)]));
    check(input("1", false, 2024, 2024), Ok(&[(2024, 100)]));
    let lines = |l: &[(i32, &str)]| PledgeInput {
        schedule: Schedule::Lines(ScheduleLines {
            lines: l.iter().map(|(year, amount)| LineInput { year: *year, amount: amount.to_string() }).collect(),
        }),
        ..input("1", false, 2024, 2024)
    };
    check(lines(&[(2026, "3"), (2024, "1.50")]), Ok(&[(2024, 150), (2026, 300)]));
    check(lines(&[(2024, "1"), (2024, "2")]), Err(("lines[1]", Reason::Duplicate)));
    check(lines(&[(2024, "0")]), Err(("amount", Reason::InvalidAmount)));
    check(lines(&[(2024, "1,5")]), Err(("lines[0]", Reason::AmbiguousAmount)));
    check(input("1", false, 2026, 2024), Err(("toYear", Reason::InvalidYearRange)));
    check(input("1", false, 24, 26), Err(("fromYear", Reason::InvalidYearRange)));
    check(input("0", false, 2024, 2024), Err(("amount", Reason::InvalidAmount)));
    check(input("1,5", false, 2024, 2024), Err(("amount", Reason::AmbiguousAmount)));
    check(input("-5", false, 2024, 2024), Err(("amount", Reason::InvalidAmount)));
    check(input("NaN", false, 2024, 2024), Err(("amount", Reason::InvalidAmount)));
    check(input("1e308", false, 2024, 2024), Err(("amount", Reason::InvalidAmount)));
    check(input("92233720368547758.07", true, 2024, 2025), Err(("amount", Reason::AmountTooLarge)));
    check(
        PledgeInput { currency: "USX".into(), ..input("1", false, 2024, 2024) },
        Err(("currency", Reason::UnknownCurrency)),
    );
    check(
        PledgeInput { donors: vec![Bilingual::new(" ", "")], ..input("1", false, 2024, 2024) },
        Err(("donors", Reason::Required)),
    );
    let bad_rate = RateInput { rate: "-1".into(), date: "2024-05-21".into(), source: String::new() };
    check(PledgeInput { rate: Some(bad_rate), ..input("1", false, 2024, 2024) }, Err(("rate", Reason::InvalidValue)));
    let in_kind = PledgeInput {
        kind: PledgeKind::InKind,
        in_kind: "Training for 40 border officers".into(),
        currency: String::new(),
        schedule: Schedule::Lines(ScheduleLines { lines: vec![] }),
        ..input("1", false, 2024, 2024)
    };
    check(in_kind.clone(), Ok(&[]));
    check(PledgeInput { in_kind: String::new(), ..in_kind }, Err(("inKind", Reason::Required)));
}

/// The schedule reads back the way it was entered, through the store; pledges stored before the
/// entry mode was kept read back from their lines.
/// The form shows every field's problem at once: the check goes on past the first.
#[test]
fn every_problem_of_a_pledge_is_named() {
    let mut typed = PledgeInput { donors: vec![], currency: "QQQ".into(), ..input("1", false, 2024, 2024) };
    typed.rate = Some(RateInput { rate: "3.64".into(), date: String::new(), source: String::new() });
    let e = typed.validate(Id::new(), Id::new(), now()).unwrap_err();
    let named: Vec<(&str, Reason)> = e.problems.iter().map(|p| (p.field.as_str(), p.reason)).collect();
    assert_eq!(
        named,
        [("donors", Reason::Required), ("currency", Reason::UnknownCurrency), ("rateDate", Reason::Required)]
    );
}

#[test]
fn schedules_read_back_as_entered() {
    let mut store = crate::store::testing::store();
    let event = store.write(|tx| crate::event::create(tx, &crate::event::tests::doha(), now())).unwrap();
    let range =
        |amount: &str, from: i32, to: i32| ScheduleRange { amount: amount.into(), from_year: from, to_year: to };
    let lines = |l: &[(i32, &str)]| {
        Schedule::Lines(ScheduleLines {
            lines: l.iter().map(|(year, amount)| LineInput { year: *year, amount: amount.to_string() }).collect(),
        })
    };
    let cases = [
        // (entered, read back)
        (Schedule::PerYear(range("15000000", 2024, 2026)), Schedule::PerYear(range("15000000.00", 2024, 2026))),
        (Schedule::Total(range("45000000", 2024, 2026)), Schedule::Total(range("45000000.00", 2024, 2026))),
        (Schedule::Total(range("100", 2024, 2026)), Schedule::Total(range("100.00", 2024, 2026))),
        // Equal lines typed year by year stay year by year.
        (lines(&[(2024, "5"), (2025, "5")]), lines(&[(2024, "5.00"), (2025, "5.00")])),
        (lines(&[(2026, "3"), (2024, "1.5")]), lines(&[(2024, "1.50"), (2026, "3.00")])),
    ];
    for (entered, expected) in cases {
        let pledge = PledgeInput { schedule: entered.clone(), ..input("1", true, 2024, 2024) };
        let added = store.write(|tx| add(tx, &event.id, &pledge, now())).unwrap();
        let read = store.pledges().get(&added.id).unwrap();
        assert_eq!(read.view().schedule, expected, "entered as {entered:?}");
    }

    // Recorded before the mode was kept: equal consecutive years read as per year, others by line.
    let legacy = |amounts: &[(i32, i64)]| Pledge {
        entry: None,
        lines: amounts
            .iter()
            .map(|&(year, minor)| PledgeLine { year, minor, committed_on: None, paid_minor: 0, paid_on: None })
            .collect(),
        ..input("1", true, 2024, 2024).validate(Id::new(), Id::new(), now()).unwrap()
    };
    assert_eq!(legacy(&[(2024, 500), (2025, 500)]).schedule(), Schedule::PerYear(range("5.00", 2024, 2025)));
    assert_eq!(legacy(&[(2024, 500), (2026, 500)]).schedule(), lines(&[(2024, "5.00"), (2026, "5.00")]));
    assert_eq!(legacy(&[(2024, 500), (2025, 700)]).schedule(), lines(&[(2024, "5.00"), (2025, "7.00")]));
}

fn stored() -> (Store, Pledge) {
    let mut store = crate::store::testing::store();
    let event = store.write(|tx| crate::event::create(tx, &crate::event::tests::doha(), now())).unwrap();
    let pledge = store.write(|tx| add(tx, &event.id, &input("15000000", true, 2024, 2026), now())).unwrap();
    (store, pledge)
}

fn change(to: PledgeStatus, year: Option<i32>, amount: Option<&str>) -> StageChange {
    StageChange { to, year, amount: amount.map(str::to_owned), date: Some("2024-06-01".into()), reason: String::new() }
}

#[test]
fn stages_move_per_year_and_derive_the_pledge_stage() {
    let (mut store, pledge) = stored();
    let id = &pledge.id;
    assert_eq!(pledge.status(), PledgeStatus::Announced);
    let p = store.write(|tx| stage(tx, id, &change(PledgeStatus::Committed, Some(2024), None), now())).unwrap();
    assert_eq!(
        p.lines.iter().map(PledgeLine::status).collect::<Vec<_>>(),
        [PledgeStatus::Committed, PledgeStatus::Announced, PledgeStatus::Announced]
    );
    assert_eq!(p.status(), PledgeStatus::Announced);
    let p = store.write(|tx| stage(tx, id, &change(PledgeStatus::Committed, None, None), now())).unwrap();
    assert_eq!(p.status(), PledgeStatus::Committed);
    assert_eq!(p.lines[0].committed_on, NaiveDate::from_ymd_opt(2024, 6, 1), "the first commitment date stays");
    // Partly paid: 5 million of 2024's 15 so far.
    let p = store.write(|tx| stage(tx, id, &change(PledgeStatus::Paid, Some(2024), Some("5,000,000")), now())).unwrap();
    assert_eq!((p.lines[0].paid_minor, p.lines[0].status()), (500_000_000, PledgeStatus::PartlyPaid));
    assert_eq!(p.status(), PledgeStatus::PartlyPaid, "something is paid, not everything");
    let err = store
        .write(|tx| stage(tx, id, &change(PledgeStatus::Paid, Some(2024), Some("15000000.01")), now()))
        .unwrap_err();
    assert_eq!((err.field.as_deref(), err.reason), (Some("amount"), Reason::ExceedsPledge));
    let err = store.write(|tx| stage(tx, id, &change(PledgeStatus::Paid, None, Some("1")), now())).unwrap_err();
    assert_eq!((err.field.as_deref(), err.reason), (Some("year"), Reason::Required));
    let err = store.write(|tx| stage(tx, id, &change(PledgeStatus::Paid, Some(2030), None), now())).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("year"));
    let p = store.write(|tx| stage(tx, id, &change(PledgeStatus::Paid, None, None), now())).unwrap();
    assert_eq!(p.status(), PledgeStatus::Paid);
    // What was stored is what was returned.
    assert_eq!(get(&store, id.as_str()).unwrap(), p);
    let err = store.write(|tx| stage(tx, id, &change(PledgeStatus::Cancelled, None, None), now())).unwrap_err();
    assert_eq!((err.field.as_deref(), err.reason), (Some("reason"), Reason::Required));
    let cancel = StageChange { reason: "Withdrawn by the donor".into(), ..change(PledgeStatus::Cancelled, None, None) };
    let p = store.write(|tx| stage(tx, id, &cancel, now())).unwrap();
    assert_eq!(p.status(), PledgeStatus::Cancelled);
    assert!(store.write(|tx| stage(tx, id, &change(PledgeStatus::Committed, None, None), now())).is_err());
}

#[test]
fn a_payment_moves_the_pledge_and_invents_no_date() {
    // The walkthrough's case: 2025 of 2025–2027 paid in full, nothing committed before.
    let (mut store, pledge) = stored();
    let paid = StageChange { date: Some("2025-03-10".into()), ..change(PledgeStatus::Paid, Some(2025), None) };
    let p = store.write(|tx| stage(tx, &pledge.id, &paid, now())).unwrap();
    let line = p.lines.iter().find(|l| l.year == 2025).unwrap();
    assert_eq!(
        (line.status(), line.paid_on, line.committed_on),
        (PledgeStatus::Paid, NaiveDate::from_ymd_opt(2025, 3, 10), None)
    );
    assert_eq!(p.status(), PledgeStatus::PartlyPaid);
    assert_eq!(p.view().status, PledgeStatus::PartlyPaid, "the badge and the ledger read the view");
    assert_eq!(export::lines(std::slice::from_ref(&p)).rows[0].stage, PledgeStatus::PartlyPaid);
    // The paid year counts as committed in the totals, though no commitment date was typed.
    let summary = summarise(std::slice::from_ref(&p));
    assert_eq!(summary.currencies[0].committed, summary.currencies[0].paid);
    // Every year paid: paid.
    let all = StageChange { date: Some("2026-01-05".into()), ..change(PledgeStatus::Paid, None, None) };
    let p = store.write(|tx| stage(tx, &pledge.id, &all, now())).unwrap();
    assert_eq!(p.status(), PledgeStatus::Paid);
    assert!(p.lines.iter().all(|l| l.committed_on.is_none()), "no commitment date was invented");
    // "Partly paid" is a stage one reaches, not one to move to.
    let err =
        store.write(|tx| stage(tx, &pledge.id, &change(PledgeStatus::PartlyPaid, None, None), now())).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("to"));
}

#[test]
fn every_place_shows_the_same_usd_total() {
    // EUR 2,500,000 over 2025–2027 at 1.08: the lines are 833,333.33 + 833,333.33 + 833,333.34,
    // each converted alone 900,000.00 + 900,000.00 + 900,000.01; the pledge says 2,700,000.00.
    let mut eur = input("2500000", false, 2025, 2027);
    eur.currency = "EUR".into();
    eur.rate = Some(RateInput { rate: "1.08".into(), date: "2025-01-02".into(), source: "UN".into() });
    let p = eur.validate(Id::new(), Id::new(), now()).unwrap();
    assert_eq!(p.view().usd_total.as_deref(), Some("2700000.00"));
    let summary = summarise(std::slice::from_ref(&p));
    assert_eq!(summary.usd.pledged, "2700000.00", "the totals card");
    let years: i128 = usd_by_year(std::slice::from_ref(&p)).iter().map(|y| y.pledged).sum();
    assert_eq!(years, 270_000_000, "the chart's years");
    assert_eq!(export::lines(std::slice::from_ref(&p)).rows[0].usd, "2,700,000.00", "the ledger");
}

#[test]
fn an_update_keeps_payments_and_refuses_to_lose_them() {
    let (mut store, pledge) = stored();
    let id = &pledge.id;
    store.write(|tx| stage(tx, id, &change(PledgeStatus::Paid, Some(2024), Some("10000000")), now())).unwrap();
    let p = store.write(|tx| update(tx, id, None, &input("12000000", true, 2024, 2027), now())).unwrap();
    assert_eq!(p.lines.len(), 4);
    assert_eq!(p.lines[0].paid_minor, 1_000_000_000);
    let err = store.write(|tx| update(tx, id, None, &input("5000000", true, 2024, 2026), now())).unwrap_err();
    assert_eq!(err.reason, Reason::ExceedsPledge);
    let err = store.write(|tx| update(tx, id, None, &input("20000000", true, 2025, 2026), now())).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("schedule"));
    assert_eq!(get(&store, id.as_str()).unwrap(), p, "a refused update writes nothing");
}

#[test]
fn totals_per_stage_year_and_usd() {
    let (mut store, pledge) = stored();
    let event_id = pledge.event_id.clone();
    store.write(|tx| stage(tx, &pledge.id, &change(PledgeStatus::Paid, Some(2024), None), now())).unwrap();
    let eur = PledgeInput {
        donors: vec![Bilingual::new("Austria", ""), Bilingual::new("Germany", "")],
        currency: "EUR".into(),
        rate: Some(RateInput { rate: "1.08".into(), date: "2024-05-21".into(), source: "UN operational rate".into() }),
        ..input("1000000", false, 2025, 2025)
    };
    store.write(|tx| add(tx, &event_id, &eur, now())).unwrap();
    let jpy = PledgeInput { currency: "JPY".into(), ..input("5000000", false, 2025, 2025) };
    store.write(|tx| add(tx, &event_id, &jpy, now())).unwrap();
    let summary = summary(&store, &event_id).unwrap();
    let usd = summary.currencies.iter().find(|c| c.currency == "USD").unwrap();
    assert_eq!(
        (usd.pledged.as_str(), usd.committed.as_str(), usd.paid.as_str()),
        ("45000000.00", "15000000.00", "15000000.00")
    );
    assert_eq!(summary.currencies.len(), 3, "never added across currencies");
    assert_eq!(summary.years.iter().filter(|y| y.year == 2025).count(), 3);
    // USD: 45,000,000 + 1,080,000 at the recorded rate; the JPY pledge has no rate.
    assert_eq!(summary.usd.pledged, "46080000.00");
    assert_eq!(summary.usd.without_rate, 1);
    let view = get(&store, pledge.id.as_str()).unwrap().view();
    assert_eq!((view.total.as_str(), view.usd_total.as_deref()), ("45000000.00", Some("45000000.00")));
    // Per year in USD cents: 2024 paid in full; 2025 adds the EUR pledge at 1.08, not the JPY one.
    let pledges = list(&store, event_id.as_str()).unwrap();
    let m = 100 * 1_000_000i128;
    assert_eq!(
        usd_by_year(&pledges),
        vec![
            UsdYear { year: 2024, pledged: 15 * m, committed: 15 * m, paid: 15 * m },
            UsdYear { year: 2025, pledged: 15 * m + 108_000_000, committed: 0, paid: 0 },
            UsdYear { year: 2026, pledged: 15 * m, committed: 0, paid: 0 },
        ]
    );
}

/// A rate and an amount each accepted alone, whose product is beyond any amount: refused with
/// the rate named, never a panic (debug) or a wrapped number (release).
#[test]
fn an_absurd_rate_and_amount_are_refused_with_the_rate_named() {
    let rated = |rate: &str, amount: &str, currency: &str| PledgeInput {
        currency: currency.into(),
        rate: Some(RateInput { rate: rate.into(), date: "2024-05-21".into(), source: String::new() }),
        ..input(amount, false, 2024, 2024)
    };
    let (largest_rate, largest_amount) = ("999999999999.999999999999", "92233720368547758.07");
    check(rated(largest_rate, largest_amount, "EUR"), Err(("rate", Reason::AmountTooLarge)));
    check(rated(largest_rate, "920000000000", "EUR"), Err(("rate", Reason::AmountTooLarge)));
    check(rated("2", largest_amount, "EUR"), Err(("rate", Reason::AmountTooLarge)));
    check(rated(largest_rate, "1000", "KWD"), Ok(&[(2024, 1_000_000)]));
    check(rated("1", largest_amount, "EUR"), Ok(&[(2024, i64::MAX)]));
    // A USD pledge converts at 1 whatever rate was typed: nothing to refuse.
    check(rated(largest_rate, largest_amount, "USD"), Ok(&[(2024, i64::MAX)]));

    // Such a pair stored before the check (a release build wrapped it) is shown without a USD
    // equivalent and left out of the USD totals like a pledge without a rate.
    let mut stored = rated("1", largest_amount, "EUR").validate(Id::new(), Id::new(), now()).unwrap();
    stored.rate.as_mut().unwrap().rate = money::UsdRate::parse("rate", largest_rate).unwrap();
    assert_eq!(stored.view().usd_total, None);
    let fine = rated("1.08", "1000000", "EUR").validate(Id::new(), Id::new(), now()).unwrap();
    let summary = summarise(&[stored.clone(), fine.clone()]);
    assert_eq!((summary.usd.pledged.as_str(), summary.usd.without_rate), ("1080000.00", 1));
    assert_eq!(
        usd_by_year(&[stored, fine]),
        [UsdYear { year: 2024, pledged: 108_000_000, committed: 0, paid: 0 }],
        "the chart of the outcome document leaves it out too"
    );
}

fn arbitrary_pledge() -> impl Strategy<Value = Pledge> {
    let line = (2020i32..2030, 0i64..1_000_000_000_000, any::<bool>(), 0u8..=100);
    (prop::sample::select(vec!["USD", "EUR", "JPY", "KWD"]), prop::collection::vec(line, 1..6), any::<bool>()).prop_map(
        |(code, lines, cancelled)| {
            let mut seen = std::collections::BTreeSet::new();
            Pledge {
                version: 1,
                id: Id::new(),
                event_id: Id::new(),
                donors: vec![Bilingual::new("D", "")],
                recipient: Bilingual::default(),
                purpose: Bilingual::default(),
                kind: PledgeKind::Financial,
                in_kind: String::new(),
                currency: Some(Currency::parse("c", code).unwrap()),
                lines: lines
                    .into_iter()
                    .filter(|(year, ..)| seen.insert(*year))
                    .map(|(year, minor, committed, percent)| PledgeLine {
                        year,
                        minor,
                        committed_on: committed.then(|| now().date_naive()),
                        paid_minor: minor / 100 * i64::from(percent),
                        paid_on: None,
                    })
                    .collect(),
                entry: None,
                rate: None,
                cancelled: cancelled.then(|| Cancellation { on: now().date_naive(), reason: "r".into() }),
                session_id: None,
                speaker_id: None,
                delegation_id: None,
                notes: String::new(),
                created_at: now(),
            }
        },
    )
}

fn parse(decimal: &str) -> i128 {
    decimal.replace('.', "").parse().unwrap()
}

proptest! {
    /// Across amounts, years, stages and rates, the pledge, the totals, the years and the
    /// ledger show one USD figure per stage.
    #[test]
    fn every_usd_figure_is_the_same(
        pledge in arbitrary_pledge(),
        // Rates from 0.00000001 to 5,000 US dollars for one unit.
        mantissa in 1i128..500_000_000_000,
        scale in 8u32..=8,
    ) {
        let rate = UsdRate::parse("rate", &money::decimal(mantissa, scale as u8)).unwrap();
        let pledge = Pledge {
            cancelled: None,
            rate: Some(Rate { rate, date: now().date_naive(), source: "UN".into() }),
            ..pledge
        };
        let currency = pledge.currency.unwrap();
        // US dollars are their own rate.
        let rate = pledge.usd_rate().unwrap();
        let whole = |minor: i128| rate.to_usd_cents(minor, currency.decimals()).unwrap();
        let view = pledge.view();
        let summary = summarise(std::slice::from_ref(&pledge));
        let years = usd_by_year(std::slice::from_ref(&pledge));
        let sum = |f: fn(&UsdYear) -> i128| years.iter().map(f).sum::<i128>();
        prop_assert_eq!(parse(view.usd_total.as_deref().unwrap()), whole(pledge.total_minor()));
        prop_assert_eq!(parse(&summary.usd.pledged), whole(pledge.total_minor()));
        prop_assert_eq!(sum(|y| y.pledged), whole(pledge.total_minor()));
        let paid: i128 = pledge.lines.iter().map(|l| i128::from(l.paid_minor)).sum();
        prop_assert_eq!(parse(&summary.usd.paid), whole(paid));
        prop_assert_eq!(sum(|y| y.paid), whole(paid));
        prop_assert_eq!(parse(&summary.usd.committed), sum(|y| y.committed));
        let ledger = export::lines(std::slice::from_ref(&pledge)).rows[0].usd.replace(',', "");
        prop_assert_eq!(parse(&ledger), whole(pledge.total_minor()));
    }

    #[test]
    fn sums_of_lines_are_the_totals(pledges in prop::collection::vec(arbitrary_pledge(), 0..12)) {
        let summary = summarise(&pledges);
        for totals in &summary.currencies {
            let counted: Vec<&Pledge> = pledges
                .iter()
                .filter(|p| p.counts() && p.currency.map(|c| c.code()) == Some(totals.currency.as_str()))
                .collect();
            // Sum of lines = total, per currency, and nothing from another currency.
            let expected: i128 = counted.iter().map(|p| p.total_minor()).sum();
            prop_assert_eq!(parse(&totals.pledged), expected);
            prop_assert_eq!(totals.count as usize, counted.len());
            let by_year: i128 = summary.years.iter().filter(|y| y.currency == totals.currency).map(|y| parse(&y.pledged)).sum();
            prop_assert_eq!(by_year, expected);
            let paid: i128 = summary.years.iter().filter(|y| y.currency == totals.currency).map(|y| parse(&y.paid)).sum();
            prop_assert_eq!(parse(&totals.paid), paid);
            prop_assert!(parse(&totals.paid) <= expected);
            prop_assert!(parse(&totals.committed) <= expected);
        }
        let currencies: std::collections::BTreeSet<_> = pledges.iter().filter(|p| p.counts()).filter_map(|p| p.currency.map(|c| c.code())).collect();
        prop_assert_eq!(summary.currencies.len(), currencies.len());
        // Only USD pledges carry a rate here, so the USD total is exactly their sum.
        let usd: i128 = pledges.iter().filter(|p| p.counts() && p.currency.map(|c| c.code()) == Some("USD")).map(|p| p.total_minor()).sum();
        prop_assert_eq!(parse(&summary.usd.pledged), usd);
    }
}

/// A pledge names the delegation that announced it, of its own event only; nothing is written
/// when the delegation is wrong.
#[test]
fn a_pledge_links_to_a_delegation_of_its_event() {
    use crate::participants::delegation::{self, DelegationInput};
    let mut store = crate::store::testing::store();
    let doha = store.write(|tx| crate::event::create(tx, &crate::event::tests::doha(), now())).unwrap();
    let other = store.write(|tx| crate::event::create(tx, &crate::event::tests::doha(), now())).unwrap();
    let qatar = |event: &str, store: &mut Store| {
        let input =
            DelegationInput { name: Bilingual::new("Qatar", "قطر"), country: "QA".into(), head: String::new() };
        store.write(|tx| delegation::add(tx, &crate::id::Id::parse("id", event).unwrap(), &input, now())).unwrap()
    };
    let ours = qatar(doha.id.as_str(), &mut store);
    let theirs = qatar(other.id.as_str(), &mut store);
    let with =
        |delegation: &str| PledgeInput { delegation_id: Some(delegation.into()), ..input("1", true, 2024, 2024) };

    let pledge = store.write(|tx| add(tx, &doha.id, &with(ours.id.as_str()), now())).unwrap();
    assert_eq!(store.pledges().get(&pledge.id).unwrap().view().delegation_id, Some(ours.id.clone()));

    for (given, reason) in [(theirs.id.to_string(), Reason::WrongEvent), (Id::new().to_string(), Reason::NotFound)] {
        let e = store.write(|tx| add(tx, &doha.id, &with(&given), now())).unwrap_err();
        assert_eq!((e.field.as_deref(), e.reason), (Some("delegation"), reason), "{given}");
    }
    assert_eq!(store.pledges().list(&doha.id).unwrap().len(), 1, "refused pledges are not written");

    // An empty choice is no delegation.
    let updated = store.write(|tx| update(tx, &pledge.id, None, &with(""), now())).unwrap();
    assert_eq!(updated.delegation_id, None);
}
