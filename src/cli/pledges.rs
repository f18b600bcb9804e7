//! The pledge commands: record, move through their stages, correct, list, and export the
//! table. Each calls one core function and prints its result.

use chrono::{DateTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::bilingual::Bilingual;
use muntada::documents::{ExportKind, ListFilter};
use muntada::pledges::{
    self, PledgeInput, PledgeKind, PledgeStatus, RateInput, Schedule, ScheduleLines, ScheduleRange, StageChange,
};
use muntada::{Error, Reason, Store};

use super::flags::{paired, DocumentLang, EventArgs, ExportTo};
use super::output::Out;

#[derive(Subcommand)]
pub enum PledgeCommand {
    /// Record a pledge and print its id
    Add(PledgeAdd),
    /// Record a commitment, a payment (of one year, or all) or a cancellation
    Stage {
        id: String,
        /// committed, paid or cancelled
        #[arg(long)]
        to: String,
        /// Only this year's line (default: every year)
        #[arg(long)]
        year: Option<i32>,
        /// With --to paid: the amount paid so far for --year (default: all of it)
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
        /// Why, with --to cancelled
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Correct a pledge's details; the fields not given keep what is recorded (amounts and
    /// stages are unchanged)
    Edit(PledgeEdit),
    /// List an event's pledges with totals per currency, stage and year
    List(EventArgs),
}

#[derive(ClapArgs)]
pub struct PledgeEdit {
    id: String,
    /// Replaces the donors (repeat for a joint pledge; the first leads)
    #[arg(long = "donor", value_name = "NAME")]
    donors: Vec<String>,
    /// The n-th donor's name in Arabic (with --donor, or alone)
    #[arg(long = "donor-ar", value_name = "NAME")]
    donors_ar: Vec<String>,
    #[arg(long)]
    recipient: Option<String>,
    #[arg(long)]
    recipient_ar: Option<String>,
    #[arg(long)]
    purpose: Option<String>,
    #[arg(long)]
    purpose_ar: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// The version the changes were decided on (as `pledge list --json` shows it): refused
    /// if the pledge changed since
    #[arg(long = "version", value_name = "N")]
    version: Option<u32>,
}

#[derive(ClapArgs)]
pub struct PledgeAdd {
    #[arg(long)]
    event: String,
    /// The state or organisation that pledges, in English (repeat for a joint pledge)
    #[arg(long = "donor", value_name = "NAME", required_unless_present = "donors_ar")]
    donors: Vec<String>,
    /// The n-th donor's name in Arabic: the n-th --donor's; "" on either side for a name in one
    /// language only
    #[arg(long = "donor-ar", value_name = "NAME")]
    donors_ar: Vec<String>,
    #[arg(long, default_value = "")]
    recipient: String,
    #[arg(long, default_value = "")]
    recipient_ar: String,
    /// Decimal amount, e.g. 15000000 or 15,000,000.00 (the estimated value for --in-kind)
    #[arg(long, allow_hyphen_values = true)]
    amount: Option<String>,
    /// ISO 4217 code, e.g. USD
    #[arg(long, default_value = "")]
    currency: String,
    #[arg(long = "from")]
    from_year: Option<i32>,
    #[arg(long = "to")]
    to_year: Option<i32>,
    /// The amount is per year (otherwise it is the whole pledge, split over the years)
    #[arg(long)]
    per_year: bool,
    /// announced, committed or paid
    #[arg(long, default_value = "announced")]
    status: String,
    /// US dollars for one unit of --currency, as recorded (e.g. 1.0832)
    #[arg(long)]
    rate: Option<String>,
    /// The date of --rate, YYYY-MM-DD
    #[arg(long, default_value = "")]
    rate_date: String,
    /// Where --rate comes from
    #[arg(long, default_value = "")]
    rate_source: String,
    /// A pledge in kind: what is given
    #[arg(long)]
    in_kind: Option<String>,
    #[arg(long, default_value = "")]
    purpose: String,
    #[arg(long, default_value = "")]
    purpose_ar: String,
    #[arg(long)]
    session: Option<String>,
    #[arg(long)]
    speaker: Option<String>,
    /// The delegation that announced it (id, or 8+ of its first characters)
    #[arg(long)]
    delegation: Option<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

pub fn run(store: &mut Store, command: PledgeCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        PledgeCommand::Add(p) => add(store, p, now, out),
        PledgeCommand::Stage { id, to, year, amount, date, reason } => {
            let change = StageChange { to: PledgeStatus::parse("to", &to)?, year, amount, date, reason };
            out.pledge(&store.write(|tx| pledges::stage(tx, &tx.pledges().resolve("id", &id)?, &change, now))?.view())
        }
        PledgeCommand::Edit(PledgeEdit {
            id,
            donors,
            donors_ar,
            recipient,
            recipient_ar,
            purpose,
            purpose_ar,
            notes,
            version,
        }) => {
            // The fields not given are read in the transaction that writes them back: a stage
            // recorded meanwhile at another desk is kept.
            let pledge = store.write(|tx| {
                let held = pledges::get_in(tx, &id)?;
                let mut input = PledgeInput::from(&held);
                if !donors.is_empty() || !donors_ar.is_empty() {
                    input.donors = paired(donors.clone(), donors_ar.clone());
                }
                input.recipient.en = recipient.clone().unwrap_or(input.recipient.en);
                input.recipient.ar = recipient_ar.clone().unwrap_or(input.recipient.ar);
                input.purpose.en = purpose.clone().unwrap_or(input.purpose.en);
                input.purpose.ar = purpose_ar.clone().unwrap_or(input.purpose.ar);
                input.notes = notes.clone().unwrap_or(input.notes);
                pledges::update(tx, &held.id, version, &input, now)
            })?;
            out.pledge(&pledge.view())
        }
        PledgeCommand::List(args) => {
            let list = pledges::list(store, &args.event)?;
            let views: Vec<_> = list.iter().map(|p| p.view()).collect();
            out.pledges(&views, &pledges::summarise(&list))
        }
    }
}

fn add(store: &mut Store, p: PledgeAdd, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    let status = PledgeStatus::parse("status", &p.status)?;
    let schedule = match (p.amount, p.from_year, p.to_year) {
        (None, _, _) if p.in_kind.is_some() => Schedule::Lines(ScheduleLines { lines: Vec::new() }),
        (None, ..) => return Err(Error::invalid("amount", Reason::Required, "give the amount")),
        (Some(amount), Some(from_year), to_year) => {
            let range = ScheduleRange { amount, from_year, to_year: to_year.unwrap_or(from_year) };
            if p.per_year {
                Schedule::PerYear(range)
            } else {
                Schedule::Total(range)
            }
        }
        (Some(_), None, _) => return Err(Error::invalid("fromYear", Reason::Required, "give the first year")),
    };
    let input = PledgeInput {
        donors: paired(p.donors, p.donors_ar),
        recipient: Bilingual::new(p.recipient, p.recipient_ar),
        purpose: Bilingual::new(p.purpose, p.purpose_ar),
        kind: if p.in_kind.is_some() { PledgeKind::InKind } else { PledgeKind::Financial },
        in_kind: p.in_kind.unwrap_or_default(),
        currency: p.currency,
        schedule,
        rate: p.rate.map(|rate| RateInput { rate, date: p.rate_date, source: p.rate_source }),
        session_id: p.session,
        speaker_id: p.speaker,
        delegation_id: p.delegation,
        notes: p.notes,
    };
    // One transaction: the pledge and the stage it was announced at.
    let pledge = store.write(|tx| {
        let pledge = pledges::add(tx, &tx.events().resolve("event", &p.event)?, &input, now)?;
        if status == PledgeStatus::Announced {
            return Ok(pledge);
        }
        let change = StageChange { to: status, year: None, amount: None, date: None, reason: String::new() };
        pledges::stage(tx, &pledge.id, &change, now).map_err(|e| e.with_field("status"))
    })?;
    out.created(&pledge.view(), |p| &p.id)
}

/// `export pledges`: the arguments.
#[derive(ClapArgs)]
pub struct ExportPledges {
    #[command(flatten)]
    to: ExportTo,
    #[command(flatten)]
    lang: DocumentLang,
}

/// `export pledges`: the table as CSV or PDF, by the file's extension.
pub fn export(store: &Store, args: ExportPledges, out: &Out) -> Result<(), Error> {
    let extension = args.to.out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let kind = match extension.as_deref() {
        Some("csv") => ExportKind::PledgesCsv,
        Some("pdf") => ExportKind::PledgesPdf,
        Some(_) => return Err(Error::invalid("out", Reason::InvalidValue, "the file must end in .csv or .pdf")),
        None => {
            return Err(Error::invalid(
                "out",
                Reason::InvalidValue,
                "name the file with its extension, e.g. pledges.csv",
            ))
        }
    };
    super::export::document(store, kind, &args.to, &args.lang, &ListFilter::default(), out)
}
