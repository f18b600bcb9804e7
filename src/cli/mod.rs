//! Command-line parsing and output. Each command calls one core function; this module only
//! turns flags into the core's input types and results into text or JSON.

// The command enums are parsed once per process; boxing their variants would buy nothing.
#![allow(clippy::large_enum_variant)]

mod desk;
mod export;
mod outcome;
mod output;
mod participants;
mod programme;
mod signatories;
mod team;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;
use clap::{Args as ClapArgs, Parser, Subcommand};
use muntada::audit::Actor;
use muntada::backup;
use muntada::bilingual::Bilingual;
use muntada::documents::{ExportKind, ListFilter};
use muntada::event::{self, EventInput, EventStatus};
use muntada::participants::{self as participant, ParticipantInput, ParticipantStatus};
use muntada::pledges::{
    self, PledgeInput, PledgeKind, PledgeStatus, RateInput, Schedule, ScheduleLines, ScheduleRange, StageChange,
};
use muntada::programme::{Role, RoomInput, SessionInput, SessionKind, SpeakerInput};
use muntada::{demo, Error, Store};

use muntada::store::Location;
use output::Out;

#[derive(Parser)]
#[command(name = "muntada", version, about = "Muntada (منتدى): forums and conferences in English and Arabic")]
pub struct Args {
    /// Database: a file, or a team database postgres://user@host:port/dbname (its password from
    /// PGPASSWORD, ~/.pgpass or a prompt; TLS checked unless on this computer,
    /// ?sslrootcert=CA.pem for a team's own CA) [default: the desktop app's file in the
    /// platform data directory]
    #[arg(long, global = true, env = "MUNTADA_DB", value_name = "PATH|URL")]
    db: Option<String>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    /// Seconds to wait for another Muntada window or command that is writing to the database
    #[arg(long, global = true, env = "MUNTADA_WAIT", value_name = "SECONDS", default_value_t = 5.0)]
    wait: f64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Events: create, list, show
    #[command(subcommand)]
    Event(EventCommand),
    /// Rooms of an event
    #[command(subcommand)]
    Room(RoomCommand),
    /// Sessions of the programme
    #[command(subcommand)]
    Session(SessionCommand),
    /// Speakers and their roles in sessions
    #[command(subcommand)]
    Speaker(SpeakerCommand),
    /// Participants
    #[command(subcommand)]
    Participant(ParticipantCommand),
    /// Check a participant in at the desk by their badge code
    Checkin(participants::CheckinArgs),
    /// Delegations of an event (a member state's or an organisation's people)
    #[command(subcommand)]
    Delegation(participants::DelegationCommand),
    /// Pledges announced at an event
    #[command(subcommand)]
    Pledge(PledgeCommand),
    /// Releases of the programme: frozen, named versions, and what changed between them
    #[command(subcommand)]
    Release(programme::ReleaseCommand),
    /// List the programme's conflicts (exit status 0 when none, 3 when some)
    Conflicts(programme::ConflictsArgs),
    /// Export documents and tables (PDF, CSV)
    #[command(subcommand)]
    Export(ExportCommand),
    /// The outcome document: sections, adoption, versions
    #[command(subcommand)]
    Outcome(outcome::OutcomeCommand),
    /// Load the demo forum (Doha) and print its event id
    Demo,
    /// A check-in desk that keeps working offline: prepare its copy, check in, sync, status
    #[command(subcommand)]
    Desk(desk::DeskCommand),
    /// Team mode: a shared PostgreSQL database (init, snapshot, logins)
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// Write a consistent copy of the database to a file (safe while the app is writing)
    Backup {
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace the file if it exists (without this, an existing file is refused)
        #[arg(long)]
        force: bool,
    },
    /// Replace all the data with a backup, after checking it; the current data is kept in the
    /// backups folder beside the database
    Restore {
        /// The backup to restore
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The participant list, grouped by category with totals, as PDF
    Participants {
        #[arg(long)]
        event: String,
        /// pdf (the only format for now)
        #[arg(long, default_value = "pdf")]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// Language of the document: en or ar
        #[arg(long, default_value = "en")]
        lang: String,
        /// Only participants with this status, e.g. confirmed
        #[arg(long)]
        status: Option<String>,
        /// Only this category (key), e.g. member_state
        #[arg(long)]
        category: Option<String>,
    },
    /// Badges with name in both scripts, organisation, country, category colour and QR code, as PDF
    Badges(participants::BadgesArgs),
    /// A one-page summary of the event, as PDF
    EventSummary {
        #[arg(long)]
        event: String,
        #[arg(long)]
        out: PathBuf,
        /// Language of the document: en or ar
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// The programme as iCalendar (.ics), for all sessions or one speaker's
    Ical(programme::IcalArgs),
    /// The programme in the frab/pretalx schedule JSON format
    ScheduleJson(programme::ScheduleJsonArgs),
    /// The programme as frab schedule XML (Giggity, ConfClerk, pretalx's importer)
    ScheduleXml(programme::ScheduleJsonArgs),
    /// The programme day by day (or door sheets per room), as PDF
    Programme(programme::ProgrammePdfArgs),
    /// The outcome document, as PDF
    Outcome(outcome::ExportOutcome),
    /// Attendance certificates, one page per participant, as PDF
    Certificates(outcome::ExportCertificates),
    /// Cue cards for session chairs, one page per session, as PDF
    CueCards(outcome::ExportCueCards),
    /// The pledges table with totals, as CSV (FILE.csv) or PDF (FILE.pdf)
    Pledges {
        #[arg(long)]
        event: String,
        #[arg(long)]
        out: PathBuf,
        /// Language of the document: en or ar
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

#[derive(Subcommand)]
enum EventCommand {
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
struct LogoArgs {
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
struct EventCreate {
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

#[derive(Subcommand)]
enum RoomCommand {
    /// Add a room and print its id
    Add {
        #[arg(long)]
        event: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        name_ar: String,
        #[arg(long)]
        capacity: Option<u32>,
        /// Sessions may overlap in this room (a poster area)
        #[arg(long)]
        parallel: bool,
        /// Opening time each day, HH:MM local time
        #[arg(long)]
        opens: Option<String>,
        /// Closing time each day, HH:MM local time
        #[arg(long)]
        closes: Option<String>,
    },
    /// Change a room's names, seats, parallel rule or opening hours; what is not given stays
    Update(programme::RoomUpdateArgs),
    /// Delete a room (refused while sessions are in it)
    Delete {
        /// The room (its id, or 8+ of its first characters)
        id: String,
    },
    /// List an event's rooms
    List {
        #[arg(long)]
        event: String,
    },
}

#[derive(Subcommand)]
enum SessionCommand {
    /// Add a session (times in the event's local time) and print its id
    Add {
        #[arg(long)]
        event: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        title_ar: String,
        /// "YYYY-MM-DD HH:MM", local time of the event
        #[arg(long)]
        start: String,
        /// "YYYY-MM-DD HH:MM", local time of the event
        #[arg(long)]
        end: String,
        #[arg(long)]
        room: Option<String>,
        /// opening, plenary, panel, workshop, side_event, break or closing
        #[arg(long, default_value = "panel")]
        kind: String,
    },
    /// Move a session to another time and/or room of its event
    Move(programme::MoveArgs),
    /// Sign a participant up for a session (--remove to take them off)
    Signup(programme::SignUpArgs),
}

#[derive(Subcommand)]
enum SpeakerCommand {
    /// Add a speaker and print its id
    Add {
        #[arg(long)]
        event: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        name_ar: String,
        /// H.E., Ambassador, Maj. Gen., Dr …
        #[arg(long, default_value = "")]
        honorific: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        country: String,
        #[arg(long, default_value = "")]
        email: String,
        /// The participant record of this speaker, when they also attend
        #[arg(long)]
        participant: Option<String>,
    },
    /// Give a speaker a role in a session
    Assign {
        #[arg(long)]
        session: String,
        #[arg(long)]
        speaker: String,
        /// chair, moderator, speaker, panellist or rapporteur
        #[arg(long)]
        role: String,
    },
    /// Record a time a speaker can be there; sessions outside such times become conflicts
    Available(programme::AvailableArgs),
}

#[derive(Subcommand)]
enum ParticipantCommand {
    /// Register a participant and print the id
    Add {
        #[arg(long)]
        event: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        name_ar: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        country: String,
        /// A category key or name, e.g. member_state, media
        #[arg(long, default_value = "")]
        category: String,
        #[arg(long, default_value = "interest_registered")]
        status: String,
        /// H.E., Dr…: printed on the badge before the name
        #[arg(long, default_value = "")]
        honorific: String,
        /// The id of the delegation of the event they belong to
        #[arg(long, default_value = "")]
        delegation: String,
    },
    /// Correct a participant's details: only the fields given change (an empty value clears
    /// an optional one)
    Edit(participants::EditArgs),
    #[command(flatten)]
    Desk(participants::DeskCommand),
    /// List the participants of an event
    List {
        #[arg(long)]
        event: String,
        /// Only those with this status, e.g. confirmed, checked-in
        #[arg(long)]
        status: Option<String>,
        /// Only the members of this delegation (its id)
        #[arg(long)]
        delegation: Option<String>,
    },
}

#[derive(Subcommand)]
enum PledgeCommand {
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
    Edit {
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
    },
    /// List an event's pledges with totals per currency, stage and year
    List {
        #[arg(long)]
        event: String,
    },
}

#[derive(ClapArgs)]
struct PledgeAdd {
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

pub fn run(args: Args) -> ExitCode {
    let out = Out { json: args.json };
    match execute(args.command, args.db, args.wait, &out) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let error = flag(error);
            out.error(&error);
            ExitCode::from(match error.kind() {
                muntada::ErrorKind::InvalidInput => 2,
                muntada::ErrorKind::NotFound => 4,
                _ => 1,
            })
        }
    }
}

/// Runs one command; the number is the exit status of a command that succeeded (0, or 3 for
/// conflicts found).
fn execute(command: Command, db: Option<String>, wait: f64, out: &Out) -> Result<u8, Error> {
    let wait = Duration::try_from_secs_f64(wait)
        .map_err(|_| Error::invalid("wait", muntada::Reason::InvalidValue, "give a number of seconds"))?;
    let command = match command {
        Command::Team(command) => return team::run(command, db.as_deref(), out),
        // A desk must work when the database cannot be reached: it connects (or not) itself.
        Command::Desk(command) => return desk::run(command, db.as_deref(), out),
        other => other,
    };
    let location = match &db {
        Some(value) => Location::parse(value)?,
        None => Location::File(muntada::store::default_path()),
    };
    let opened = match &location {
        Location::File(path) => Store::open(path),
        Location::Team(target) => team::connect(target),
    };
    if let (Command::Restore { file }, Err(error), Location::File(path)) = (&command, &opened, &location) {
        // The database cannot even be opened: restoring a backup is exactly what is needed.
        if backup::restore_can_cure(error) {
            return out.restored(&backup::restore_file(path, file, Utc::now())?.1).map(|()| 0);
        }
    }
    let mut store = opened?;
    store.set_busy_timeout(wait)?;
    store.set_actor(Actor::os_user());
    let store = &mut store;
    let now = Utc::now();
    let done = match command {
        Command::Event(EventCommand::Create(e)) => {
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
        Command::Event(EventCommand::List) => out.events(&event::list(store)?),
        Command::Event(EventCommand::Show { id }) => out.overview(&event::overview(store, &id)?),
        Command::Room(RoomCommand::Add { event, name, name_ar, capacity, parallel, opens, closes }) => {
            let input = RoomInput { name: Bilingual::new(name, name_ar), capacity, parallel, opens, closes };
            out.created(
                &store.write(|tx| muntada::programme::add_room(tx, &tx.events().resolve("event", &event)?, &input))?,
                |r| &r.id,
            )
        }
        Command::Session(SessionCommand::Add { event, title, title_ar, start, end, room, kind }) => {
            let input = SessionInput {
                room_id: room,
                title: Bilingual::new(title, title_ar),
                description: Bilingual::default(),
                kind: SessionKind::parse("kind", &kind)?,
                start,
                end,
            };
            out.created(
                &store
                    .write(|tx| muntada::programme::add_session(tx, &tx.events().resolve("event", &event)?, &input))?,
                |s| &s.id,
            )
        }
        Command::Speaker(SpeakerCommand::Add {
            event,
            name,
            name_ar,
            honorific,
            position,
            organisation,
            country,
            email,
            participant,
        }) => {
            let input = SpeakerInput {
                participant_id: participant,
                honorific: Bilingual::new(honorific, ""),
                name: Bilingual::new(name, name_ar),
                position: Bilingual::new(position, ""),
                organisation: Bilingual::new(organisation, ""),
                country,
                email,
                bio: Bilingual::default(),
            };
            out.created(
                &store
                    .write(|tx| muntada::programme::add_speaker(tx, &tx.events().resolve("event", &event)?, &input))?,
                |s| &s.id,
            )
        }
        Command::Speaker(SpeakerCommand::Assign { session, speaker, role }) => {
            let role = Role::parse("role", &role)?;
            let assignment = store.write(|tx| {
                muntada::programme::assign(
                    tx,
                    &tx.sessions().resolve("session", &session)?,
                    &tx.speakers().resolve("speaker", &speaker)?,
                    role,
                )
            })?;
            out.assigned(&assignment)
        }
        Command::Participant(ParticipantCommand::Add {
            event,
            name,
            name_ar,
            email,
            phone,
            organisation,
            country,
            category,
            status,
            honorific,
            delegation,
        }) => {
            let input = ParticipantInput {
                honorific,
                delegation,
                name: Bilingual::new(name, name_ar),
                email,
                phone,
                organisation: Bilingual::new(organisation, ""),
                country,
                category,
                status: ParticipantStatus::parse("status", &status)?,
                consent: false,
            };
            out.created(
                &store.write(|tx| participant::add(tx, &tx.events().resolve("event", &event)?, &input, now))?,
                |p| &p.id,
            )
        }
        Command::Participant(ParticipantCommand::Edit(args)) => participants::edit(store, args, now, out),
        Command::Participant(ParticipantCommand::Desk(command)) => participants::desk(store, command, now, out),
        Command::Checkin(args) => participants::checkin(store, args, now, out),
        Command::Delegation(command) => participants::delegation(store, command, now, out),
        Command::Participant(ParticipantCommand::List { event, status, delegation }) => {
            let status = status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?;
            let delegation = delegation
                .map(|d| {
                    let event = store.events().resolve("event", &event)?;
                    store.delegations().resolve_in(&event, "delegation", &d)
                })
                .transpose()?;
            let mut people = participant::list(store, &event)?;
            people.retain(|p| status.is_none_or(|s| p.status == s));
            people.retain(|p| delegation.is_none() || p.delegation == delegation);
            out.participants(&people)
        }
        Command::Pledge(PledgeCommand::Add(p)) => {
            let status = PledgeStatus::parse("status", &p.status)?;
            let schedule = match (p.amount, p.from_year, p.to_year) {
                (None, _, _) if p.in_kind.is_some() => Schedule::Lines(ScheduleLines { lines: Vec::new() }),
                (None, ..) => return Err(Error::invalid("amount", muntada::Reason::Required, "give the amount")),
                (Some(amount), Some(from_year), to_year) => {
                    let range = ScheduleRange { amount, from_year, to_year: to_year.unwrap_or(from_year) };
                    if p.per_year {
                        Schedule::PerYear(range)
                    } else {
                        Schedule::Total(range)
                    }
                }
                (Some(_), None, _) => {
                    return Err(Error::invalid("fromYear", muntada::Reason::Required, "give the first year"))
                }
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
        Command::Pledge(PledgeCommand::Stage { id, to, year, amount, date, reason }) => {
            let change = StageChange { to: PledgeStatus::parse("to", &to)?, year, amount, date, reason };
            out.pledge(&store.write(|tx| pledges::stage(tx, &tx.pledges().resolve("id", &id)?, &change, now))?.view())
        }
        Command::Pledge(PledgeCommand::Edit {
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
        Command::Pledge(PledgeCommand::List { event }) => {
            let list = pledges::list(store, &event)?;
            let views: Vec<_> = list.iter().map(|p| p.view()).collect();
            out.pledges(&views, &pledges::summarise(&list))
        }
        Command::Export(ExportCommand::Pledges { event, out: path, lang }) => {
            let kind = match extension(&path)?.as_str() {
                "csv" => ExportKind::PledgesCsv,
                "pdf" => ExportKind::PledgesPdf,
                _ => {
                    return Err(Error::invalid(
                        "out",
                        muntada::Reason::InvalidValue,
                        "the file must end in .csv or .pdf",
                    ))
                }
            };
            export::run(store, kind, &event, &lang, &ListFilter::default(), &path, out)
        }
        Command::Export(ExportCommand::Participants { event, format, out: path, lang, status, category }) => {
            if format != "pdf" {
                return Err(Error::invalid(
                    "format",
                    muntada::Reason::InvalidValue,
                    "the participant list is exported as pdf",
                ));
            }
            let filter =
                ListFilter { status: status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?, category };
            export::run(store, ExportKind::ParticipantList, &event, &lang, &filter, &path, out)
        }
        Command::Export(ExportCommand::Badges(args)) => participants::badges(store, args, out),
        Command::Export(ExportCommand::EventSummary { event, out: path, lang }) => {
            export::run(store, ExportKind::EventSummary, &event, &lang, &ListFilter::default(), &path, out)
        }
        Command::Export(ExportCommand::Outcome(args)) => outcome::export(store, args, out),
        Command::Export(ExportCommand::Certificates(args)) => outcome::export_certificates(store, args, out),
        Command::Export(ExportCommand::CueCards(args)) => outcome::export_cue_cards(store, args, out),
        Command::Outcome(command) => outcome::run(store, command, now, out),
        Command::Demo => out.created(&demo::load(store, now)?, |e| &e.id),
        Command::Backup { out: file, force } => {
            let existing = if force { backup::Existing::Replace } else { backup::Existing::Refuse };
            backup::create(store, &file, existing).map_err(|e| match existing {
                // The one refusal of an existing file that is not a folder: say how to replace it.
                backup::Existing::Refuse if file.exists() && !file.is_dir() => {
                    Error { message: format!("{} (--force replaces it)", e.message), ..e }
                }
                _ => e,
            })?;
            out.backup(&file)
        }
        Command::Restore { file } => out.restored(&backup::restore(store, &file, now)?),
        Command::Team(_) | Command::Desk(_) => {
            Err(Error::internal("team and desk commands run before a database is opened"))
        }
        Command::Event(EventCommand::TravelBuffer(args)) => programme::travel_buffer(store, args, out),
        Command::Room(RoomCommand::Update(args)) => programme::update_room(store, args, now, out),
        Command::Room(RoomCommand::Delete { id }) => programme::delete_room(store, &id, out),
        Command::Room(RoomCommand::List { event }) => programme::list_rooms(store, &event, out),
        Command::Session(SessionCommand::Move(args)) => programme::move_session(store, args, now, out),
        Command::Session(SessionCommand::Signup(args)) => programme::sign_up(store, args, out),
        Command::Speaker(SpeakerCommand::Available(args)) => programme::available(store, args, out),
        Command::Release(command) => programme::release(store, command, out, now),
        Command::Conflicts(args) => return programme::conflicts(store, args, out),
        Command::Event(EventCommand::Logo(args)) => event_logo(store, args, out, now),
        Command::Event(EventCommand::Signatories(args)) => signatories::run(store, args, out, now),
        Command::Event(EventCommand::Clone(args)) => programme::clone_event(store, args, out, now),
        Command::Export(ExportCommand::Ical(args)) => programme::ical(store, args, out, now),
        Command::Export(ExportCommand::ScheduleJson(args)) => programme::schedule_json(store, args, out),
        Command::Export(ExportCommand::ScheduleXml(args)) => programme::schedule_xml(store, args, out),
        Command::Export(ExportCommand::Programme(args)) => programme::programme_pdf(store, args, out),
    };
    done.map(|()| 0)
}

/// The file's extension, lower-cased.
fn extension(path: &std::path::Path) -> Result<String, Error> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).ok_or_else(|| {
        Error::invalid("out", muntada::Reason::InvalidValue, "name the file with its extension, e.g. pledges.csv")
    })
}

/// Names given in English and in Arabic by repeated flags, paired by position.
fn paired(en: Vec<String>, ar: Vec<String>) -> Vec<Bilingual> {
    let count = en.len().max(ar.len());
    let (mut en, mut ar) = (en.into_iter(), ar.into_iter());
    (0..count).map(|_| Bilingual::new(en.next().unwrap_or_default(), ar.next().unwrap_or_default())).collect()
}

/// Names a field by the flag that sets it, so the error points at what was typed.
fn flag(error: Error) -> Error {
    let flag = match error.field.as_deref() {
        Some("startDate") => "--start",
        Some("endDate") => "--end",
        Some("fromYear") => "--from",
        Some("toYear") => "--to",
        Some("organisers") => "--organiser",
        Some(f) if f == "signatory" || f.starts_with("signatories") => "--signatory",
        Some("donors") => "--donor",
        Some("inKind") => "--in-kind",
        Some("rateDate") => "--rate-date",
        Some("rateSource") => "--rate-source",
        Some("file") => "FILE",
        Some("section") => "ID",
        Some(other) => return error.clone().with_field(&format!("--{other}")),
        None => return error,
    };
    error.with_field(flag)
}

/// `event logo`: with `--file` sets the logo, with `--remove` removes it, else says what it is.
fn event_logo(store: &mut Store, args: LogoArgs, out: &Out, now: chrono::DateTime<Utc>) -> Result<(), Error> {
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
