//! The event commands: create, list, show, the logo, and loading the demo forum. The
//! programme's event commands (travel buffer, clone) are in `programme`, the signatories in
//! `signatories`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::bilingual::Bilingual;
use muntada::event::{self, EventInput, EventStatus};
use muntada::{demo, Error, Store};

use super::flags::paired;
use super::output::Out;
use super::{programme, signatories};

#[derive(Subcommand)]
pub enum EventCommand {
    /// Create an event and print its id
    Create(EventCreate),
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

#[derive(ClapArgs)]
pub struct EventCreate {
    #[arg(long, default_value = "")]
    title: String,
    #[arg(long, default_value = "")]
    title_ar: String,
    #[arg(long, default_value = "")]
    description: String,
    #[arg(long, default_value = "")]
    description_ar: String,
    /// First day, YYYY-MM-DD
    #[arg(long)]
    start: String,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    end: String,
    /// IANA timezone of the venue, e.g. Asia/Qatar
    #[arg(long)]
    timezone: String,
    #[arg(long, default_value = "")]
    venue: String,
    #[arg(long, default_value = "")]
    venue_ar: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    city_ar: String,
    /// ISO 3166-1 alpha-2 code, e.g. QA
    #[arg(long, default_value = "")]
    country: String,
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
    /// draft, open, closed or archived
    #[arg(long, default_value = "draft")]
    status: String,
}

pub fn run(store: &mut Store, command: EventCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        EventCommand::Create(e) => {
            let input = EventInput {
                title: Bilingual::new(e.title, e.title_ar),
                description: Bilingual::new(e.description, e.description_ar),
                venue: Bilingual::new(e.venue, e.venue_ar),
                city: Bilingual::new(e.city, e.city_ar),
                country: e.country,
                timezone: e.timezone,
                start_date: e.start,
                end_date: e.end,
                organisers: paired(e.organisers, e.organisers_ar),
                signatories: signatories::parse(&e.signatories)?,
                status: EventStatus::parse("status", &e.status)?,
            };
            out.created(&store.write(|tx| event::create(tx, &input, now))?, |e| &e.id)
        }
        EventCommand::List => out.events(&event::list(store)?),
        EventCommand::Show { id } => out.overview(&event::overview(store, &id)?),
        EventCommand::TravelBuffer(args) => programme::travel_buffer(store, args, out),
        EventCommand::Clone(args) => programme::clone_event(store, args, out, now),
        EventCommand::Logo(args) => logo(store, args, out, now),
        EventCommand::Signatories(args) => signatories::run(store, args, out, now),
    }
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
