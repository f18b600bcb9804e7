//! The event commands: create, update, list, show, the logo, and loading the demo forum. The
//! programme's event commands (travel buffer, clone) are in `programme`, the signatories in
//! `signatories`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::bilingual::Bilingual;
use muntada::event::{self, ArabicDigits, EventInput, EventStatus};
use muntada::{demo, Error, Store};

use super::flags::paired;
use super::output::Out;
use super::{programme, signatories};

#[derive(Subcommand)]
pub enum EventCommand {
    /// Create an event and print its id
    Create(EventCreate),
    /// Change an event's details (each flag left out keeps its value) and print its id
    Update(EventUpdate),
    /// List every event
    List,
    /// Show an event with its counts and pledge totals
    Show { id: String },
    /// Set the least time one person needs between sessions in two rooms
    TravelBuffer(programme::TravelBufferArgs),
    /// Start next year's edition: rooms, categories and sessions (same local times), no people
    Clone(programme::CloneArgs),
    /// Set, remove or show the event's logo (drawn on the outcome document's title page)
    Logo(LogoArgs),
    /// Set, remove or show who signs the event's certificates of attendance (at most two)
    Signatories(signatories::SignatoriesArgs),
}

#[derive(ClapArgs)]
pub struct LogoArgs {
    /// The event
    id: String,
    /// A PNG or JPEG image of at most 1 MiB, replacing the current logo
    #[arg(long, value_name = "FILE", conflicts_with = "remove")]
    file: Option<PathBuf>,
    /// Remove the logo
    #[arg(long)]
    remove: bool,
}

/// The details `event create` and `event update` both set: each left out is empty (create) or
/// kept (update).
#[derive(ClapArgs)]
pub struct EventDetails {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    title_ar: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    description_ar: Option<String>,
    #[arg(long)]
    venue: Option<String>,
    #[arg(long)]
    venue_ar: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    city_ar: Option<String>,
    /// ISO 3166-1 alpha-2 code, e.g. QA ("" for none)
    #[arg(long)]
    country: Option<String>,
    /// draft, open, closed or archived (a new event: draft)
    #[arg(long)]
    status: Option<String>,
    /// How numbers are written in Arabic, in the app and the documents: arabic-indic (٠١٢٣, a
    /// new event's) or latin (0123)
    #[arg(long, value_name = "arabic-indic|latin")]
    arabic_digits: Option<String>,
}

impl EventDetails {
    /// `input` with the details given here written over it.
    fn apply(&self, input: &mut EventInput) -> Result<(), Error> {
        given(&self.title, &mut input.title.en);
        given(&self.title_ar, &mut input.title.ar);
        given(&self.description, &mut input.description.en);
        given(&self.description_ar, &mut input.description.ar);
        given(&self.venue, &mut input.venue.en);
        given(&self.venue_ar, &mut input.venue.ar);
        given(&self.city, &mut input.city.en);
        given(&self.city_ar, &mut input.city.ar);
        given(&self.country, &mut input.country);
        if let Some(status) = &self.status {
            input.status = EventStatus::parse("status", status)?;
        }
        if let Some(digits) = &self.arabic_digits {
            input.arabic_digits = ArabicDigits::parse("arabicDigits", digits)?;
        }
        Ok(())
    }
}

/// Writes a flag's value over `field` when the flag was given.
fn given(value: &Option<String>, field: &mut String) {
    if let Some(value) = value {
        value.clone_into(field);
    }
}

#[derive(ClapArgs)]
pub struct EventCreate {
    /// First day, YYYY-MM-DD
    #[arg(long)]
    start: String,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    end: String,
    /// IANA timezone of the venue, e.g. Asia/Qatar
    #[arg(long)]
    timezone: String,
    #[command(flatten)]
    details: EventDetails,
    /// An organiser's name in English (repeat for several)
    #[arg(long = "organiser", value_name = "NAME")]
    organisers: Vec<String>,
    /// An organiser's name in Arabic (repeat for several): the n-th goes with the n-th
    /// --organiser; give "" on either side for a name in one language only
    #[arg(long = "organiser-ar", value_name = "NAME")]
    organisers_ar: Vec<String>,
    /// Who signs the certificates, as "NAME|TITLE|NAME_AR|TITLE_AR" (repeat for two)
    #[arg(long = "signatory", value_name = signatories::FORMAT)]
    signatories: Vec<String>,
}

/// `event update`: organisers and signatories stay as they are (`event signatories` changes
/// the latter).
#[derive(ClapArgs)]
pub struct EventUpdate {
    /// The event
    id: String,
    /// First day, YYYY-MM-DD
    #[arg(long)]
    start: Option<String>,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    end: Option<String>,
    /// IANA timezone of the venue, e.g. Asia/Qatar
    #[arg(long)]
    timezone: Option<String>,
    #[command(flatten)]
    details: EventDetails,
    /// The version the changes were decided on: refused if the event changed since
    #[arg(long = "version", value_name = "N")]
    version: Option<u32>,
}

pub fn run(store: &mut Store, command: EventCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        EventCommand::Create(e) => {
            let mut input = EventInput {
                title: Bilingual::default(),
                description: Bilingual::default(),
                venue: Bilingual::default(),
                city: Bilingual::default(),
                country: String::new(),
                timezone: e.timezone,
                start_date: e.start,
                end_date: e.end,
                organisers: paired(e.organisers, e.organisers_ar),
                signatories: signatories::parse(&e.signatories)?,
                arabic_digits: ArabicDigits::default(),
                status: EventStatus::Draft,
            };
            e.details.apply(&mut input)?;
            out.created(&store.write(|tx| event::create(tx, &input, now))?, |e| &e.id)
        }
        EventCommand::Update(args) => update(store, args, now, out),
        EventCommand::List => out.events(&event::list(store)?),
        EventCommand::Show { id } => out.overview(&event::overview(store, &id)?),
        EventCommand::TravelBuffer(args) => programme::travel_buffer(store, args, out),
        EventCommand::Clone(args) => programme::clone_event(store, args, out, now),
        EventCommand::Logo(args) => logo(store, args, out, now),
        EventCommand::Signatories(args) => signatories::run(store, args, out, now),
    }
}

/// Changes the details given and keeps the others; prints the event's id (the event as JSON).
fn update(store: &mut Store, args: EventUpdate, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    // The details not given are read in the transaction that writes them back.
    let event = store.write(|tx| {
        let current = tx.events().get(&tx.events().resolve("id", &args.id)?)?;
        let mut input = current.input();
        given(&args.start, &mut input.start_date);
        given(&args.end, &mut input.end_date);
        given(&args.timezone, &mut input.timezone);
        args.details.apply(&mut input)?;
        event::update(tx, &current.id, args.version, &input, now)
    })?;
    out.created(&event, |e| &e.id)
}

/// `muntada demo`: loads the demo forum and prints its event's id.
pub fn demo(store: &mut Store, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    out.created(&demo::load(store, now)?, |e| &e.id)
}

/// `event logo`: with `--file` sets the logo, with `--remove` removes it, else says what it is.
fn logo(store: &mut Store, args: LogoArgs, out: &Out, now: DateTime<Utc>) -> Result<(), Error> {
    if args.remove {
        let removed = store.write(|tx| event::remove_logo(tx, &tx.events().resolve("id", &args.id)?))?;
        if out.json {
            return out.print_json(&serde_json::json!({ "removed": removed }));
        }
        return out.line(if removed { "logo removed" } else { "the event had no logo" });
    }
    let logo = match args.file {
        Some(file) => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Error::invalid("file", muntada::Reason::NotFound, format!("cannot read {}: {e}", file.display()))
            })?;
            Some(store.write(|tx| event::set_logo(tx, &tx.events().resolve("id", &args.id)?, bytes.clone(), now))?)
        }
        None => event::logo(store, &args.id)?,
    };
    if out.json {
        let info = logo.as_ref().map(
            |l| serde_json::json!({ "format": l.format, "width": l.width, "height": l.height, "bytes": l.image.len() }),
        );
        return out.print_json(&serde_json::json!({ "logo": info }));
    }
    match logo {
        Some(l) => out.line(&format!(
            "logo: {} {}×{} px, {} bytes",
            l.format.as_str().to_uppercase(),
            l.width,
            l.height,
            l.image.len()
        )),
        None => out.line("no logo"),
    }
}
