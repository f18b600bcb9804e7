//! The programme's commands: rooms, sessions, speakers, conflicts, releases, availability, and
//! the programme's exports (iCal, schedule JSON, PDF). Each calls one core function.

use chrono::{DateTime, NaiveTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::bilingual::Bilingual;
use muntada::documents::ProgrammeDocument;
use muntada::programme::conflicts::{self, Conflict};
use muntada::programme::release::{self, Diff, ReleaseInfo, SessionSlot};
use muntada::programme::{self, Role, RoomInput, SessionInput, SessionKind, SessionMove, SpeakerInput};
use muntada::{Error, Reason, Store};

use super::flags::{DocumentLang, EventArgs, ExportTo, Names};
use super::output::counted;
use super::Out;

/// Exit status of `muntada conflicts` when it found some.
pub const CONFLICTS_FOUND: u8 = 3;

#[derive(Subcommand)]
pub enum RoomCommand {
    /// Add a room and print its id
    Add {
        #[arg(long)]
        event: String,
        #[command(flatten)]
        names: Names,
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
    Update(RoomUpdateArgs),
    /// Delete a room (refused while sessions are in it)
    Delete {
        /// The room (its id, or 8+ of its first characters)
        id: String,
    },
    /// List an event's rooms
    List(EventArgs),
}

#[derive(Subcommand)]
pub enum SessionCommand {
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
    Move(MoveArgs),
    /// Sign a participant up for a session (--remove to take them off)
    Signup(SignUpArgs),
}

#[derive(Subcommand)]
pub enum SpeakerCommand {
    /// Add a speaker and print its id
    Add {
        #[arg(long)]
        event: String,
        #[command(flatten)]
        names: Names,
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
    Available(AvailableArgs),
}

pub fn room(store: &mut Store, command: RoomCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        RoomCommand::Add { event, names, capacity, parallel, opens, closes } => {
            let input = RoomInput { name: names.bilingual(), capacity, parallel, opens, closes };
            out.created(
                &store.write(|tx| programme::add_room(tx, &tx.events().resolve("event", &event)?, &input))?,
                |r| &r.id,
            )
        }
        RoomCommand::Update(args) => update_room(store, args, now, out),
        RoomCommand::Delete { id } => delete_room(store, &id, out),
        RoomCommand::List(args) => list_rooms(store, &args.event, out),
    }
}

pub fn session(store: &mut Store, command: SessionCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        SessionCommand::Add { event, title, title_ar, start, end, room, kind } => {
            let input = SessionInput {
                room_id: room,
                title: Bilingual::new(title, title_ar),
                description: Bilingual::default(),
                kind: SessionKind::parse("kind", &kind)?,
                start,
                end,
            };
            out.created(
                &store.write(|tx| programme::add_session(tx, &tx.events().resolve("event", &event)?, &input))?,
                |s| &s.id,
            )
        }
        SessionCommand::Move(args) => move_session(store, args, now, out),
        SessionCommand::Signup(args) => sign_up(store, args, out),
    }
}

pub fn speaker(store: &mut Store, command: SpeakerCommand, out: &Out) -> Result<(), Error> {
    match command {
        SpeakerCommand::Add { event, names, honorific, position, organisation, country, email, participant } => {
            let input = SpeakerInput {
                participant_id: participant,
                honorific: Bilingual::new(honorific, ""),
                name: names.bilingual(),
                position: Bilingual::new(position, ""),
                organisation: Bilingual::new(organisation, ""),
                country,
                email,
                bio: Bilingual::default(),
            };
            out.created(
                &store.write(|tx| programme::add_speaker(tx, &tx.events().resolve("event", &event)?, &input))?,
                |s| &s.id,
            )
        }
        SpeakerCommand::Assign { session, speaker, role } => {
            let role = Role::parse("role", &role)?;
            let assignment = store.write(|tx| {
                programme::assign(
                    tx,
                    &tx.sessions().resolve("session", &session)?,
                    &tx.speakers().resolve("speaker", &speaker)?,
                    role,
                )
            })?;
            out.assigned(&assignment)
        }
        SpeakerCommand::Available(args) => available(store, args, out),
    }
}

#[derive(ClapArgs)]
pub struct MoveArgs {
    /// The session
    id: String,
    /// "YYYY-MM-DD HH:MM", local time of the event
    #[arg(long)]
    start: String,
    /// "YYYY-MM-DD HH:MM" [default: keep the session's length]
    #[arg(long)]
    end: Option<String>,
    /// Another room of the event [default: the same room]
    #[arg(long)]
    room: Option<String>,
}

/// `room update`: each flag left out keeps the room's current value. Values are checked here
/// and in the core (as the app's Rooms dialog is), so a bad one names its flag.
#[derive(ClapArgs, Clone)]
pub struct RoomUpdateArgs {
    /// The room (its id, or 8+ of its first characters)
    id: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    name_ar: Option<String>,
    /// Seats: a number of at least one, or "none" for no stated limit
    #[arg(long)]
    capacity: Option<String>,
    /// Whether sessions may overlap in this room (a poster area): true or false
    #[arg(long)]
    parallel: Option<String>,
    /// Opening time each day, HH:MM local time ("" with --closes "" for open all day)
    #[arg(long)]
    opens: Option<String>,
    /// Closing time each day, HH:MM local time
    #[arg(long)]
    closes: Option<String>,
    /// The version the changes were decided on: refused if the room changed since
    #[arg(long = "version", value_name = "N")]
    version: Option<u32>,
}

#[derive(ClapArgs)]
pub struct SignUpArgs {
    /// The session
    id: String,
    /// A participant of the session's event
    #[arg(long)]
    participant: String,
    /// Take them off the session's sign-ups instead
    #[arg(long)]
    remove: bool,
}

#[derive(ClapArgs)]
pub struct AvailableArgs {
    #[arg(long)]
    speaker: String,
    /// "YYYY-MM-DD HH:MM", local time of the event
    #[arg(long)]
    start: String,
    /// "YYYY-MM-DD HH:MM", local time of the event
    #[arg(long)]
    end: String,
}

#[derive(ClapArgs)]
pub struct TravelBufferArgs {
    /// The event
    id: String,
    /// Least minutes one person needs between sessions in two rooms (0: no check)
    #[arg(long)]
    minutes: u32,
}

#[derive(Subcommand)]
pub enum ReleaseCommand {
    /// Freeze the programme as it stands as a named release
    Create {
        #[arg(long)]
        event: String,
        #[arg(long)]
        name: String,
    },
    /// List an event's releases, oldest first
    List(EventArgs),
    /// What changed from one release to another ("draft" is the programme as it stands)
    Diff {
        #[arg(long)]
        event: String,
        #[arg(long)]
        from: String,
        #[arg(long, default_value = release::DRAFT)]
        to: String,
    },
}

fn move_session(store: &mut Store, args: MoveArgs, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    let to = SessionMove { start: args.start, end: args.end, room_id: args.room };
    let moved = store.write(|tx| programme::move_session(tx, &tx.sessions().resolve("id", &args.id)?, &to, now))?;
    if out.json {
        return out.print_json(&moved);
    }
    out.line(moved.id.as_str())
}

/// Changes the fields given and keeps the others; prints the room's id (the room as JSON).
fn update_room(store: &mut Store, args: RoomUpdateArgs, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    // The fields not given are read in the transaction that writes them back.
    let room = store.write(|tx| {
        let current = tx.rooms().get(&tx.rooms().resolve("id", &args.id)?)?;
        let version = args.version;
        let input = room_input(args.clone(), &current)?;
        programme::update_room(tx, &current.id, version, &input, now)
    })?;
    out.created(&room, |r| &r.id)
}

/// Deletes a room; prints what was deleted (the room as JSON).
fn delete_room(store: &mut Store, id: &str, out: &Out) -> Result<(), Error> {
    let room = store.write(|tx| programme::delete_room(tx, &tx.rooms().resolve("id", id)?))?;
    if out.json {
        return out.print_json(&room);
    }
    let name = if room.name.en.is_empty() { &room.name.ar } else { &room.name.en };
    out.line(&format!("deleted room {} ({name})", room.id))
}

/// The room `current` with the fields `args` gives changed.
fn room_input(args: RoomUpdateArgs, current: &programme::Room) -> Result<RoomInput, Error> {
    let capacity = match args.capacity.as_deref().map(str::trim) {
        None => current.capacity,
        Some("none") => None,
        Some(seats) => Some(seats.parse::<u32>().map_err(|_| {
            Error::invalid(
                "capacity",
                Reason::InvalidValue,
                format!("{seats:?} is not a number of seats (or \"none\")"),
            )
        })?),
    };
    let parallel = match args.parallel.as_deref().map(str::trim) {
        None => current.parallel,
        Some("true") => true,
        Some("false") => false,
        Some(other) => {
            return Err(Error::invalid(
                "parallel",
                Reason::InvalidValue,
                format!("{other:?} is neither true nor false"),
            ))
        }
    };
    let hour = |time: Option<NaiveTime>| time.map(|t| t.format("%H:%M").to_string());
    let input = RoomInput {
        name: Bilingual::new(
            args.name.unwrap_or_else(|| current.name.en.clone()),
            args.name_ar.unwrap_or_else(|| current.name.ar.clone()),
        ),
        capacity,
        parallel,
        opens: args.opens.or_else(|| hour(current.hours.map(|h| h.opens))),
        closes: args.closes.or_else(|| hour(current.hours.map(|h| h.closes))),
    };
    Ok(input)
}

/// One line per room: id, names, seats, parallel, opening hours.
fn list_rooms(store: &Store, event_id: &str, out: &Out) -> Result<(), Error> {
    let rooms = programme::rooms(store, event_id)?;
    if out.json {
        return out.print_json(&rooms);
    }
    for r in &rooms {
        let seats = r.capacity.map_or_else(|| "no seat limit".to_owned(), |c| counted(c, "seat", "seats"));
        let hours = r.hours.map_or_else(
            || "open all day".to_owned(),
            |h| format!("{}–{}", h.opens.format("%H:%M"), h.closes.format("%H:%M")),
        );
        let parallel = if r.parallel { ", parallel" } else { "" };
        out.line(&format!("{}  {} / {}  {seats}{parallel}, {hours}", r.id, r.name.en, r.name.ar))?;
    }
    Ok(())
}

/// Signs a participant up for a session (or takes them off) and says where its sign-ups stand.
fn sign_up(store: &mut Store, args: SignUpArgs, out: &Out) -> Result<(), Error> {
    if args.remove {
        store.write(|tx| {
            programme::remove_sign_up(
                tx,
                &tx.sessions().resolve("id", &args.id)?,
                &tx.participants().resolve("participant", &args.participant)?,
            )
        })?;
    } else {
        store.write(|tx| {
            programme::sign_up(
                tx,
                &tx.sessions().resolve("id", &args.id)?,
                &tx.participants().resolve("participant", &args.participant)?,
            )
        })?;
    }
    let s = programme::sign_ups(store, &args.id)?;
    if out.json {
        return out.print_json(&s);
    }
    let seats = s.capacity.map_or_else(|| "no seat limit".to_owned(), |c| counted(c, "seat", "seats"));
    out.line(&format!("{} signed up, {} confirmed; {seats}", s.participants.len(), s.confirmed))
}

fn available(store: &mut Store, args: AvailableArgs, out: &Out) -> Result<(), Error> {
    let a = store.write(|tx| {
        programme::add_availability(tx, &tx.speakers().resolve("speaker", &args.speaker)?, &args.start, &args.end)
    })?;
    if out.json {
        return out.print_json(&a);
    }
    out.line(&format!("{} is available {} – {} (UTC)", a.speaker_id, a.start, a.end))
}

pub fn travel_buffer(store: &mut Store, args: TravelBufferArgs, out: &Out) -> Result<(), Error> {
    store.write(|tx| programme::set_travel_buffer(tx, &tx.events().resolve("event", &args.id)?, args.minutes))?;
    if out.json {
        return out.print_json(&serde_json::json!({ "travelBufferMinutes": args.minutes }));
    }
    out.line(&format!("travel buffer: {} min", args.minutes))
}

/// Prints the conflicts; the exit status is 0 when there are none and 3 when there are some.
pub fn conflicts(store: &Store, args: EventArgs, out: &Out) -> Result<u8, Error> {
    let found = conflicts::check_event(store, &args.event)?;
    if out.json {
        out.print_json(&found)?;
    } else if found.is_empty() {
        out.line("no conflicts")?;
    } else {
        for c in &found {
            out.line(&conflict_line(c))?;
        }
        out.line(&counted(found.len(), "conflict", "conflicts"))?;
    }
    Ok(if found.is_empty() { 0 } else { CONFLICTS_FOUND })
}

fn conflict_line(c: &Conflict) -> String {
    let sessions = match &c.other_session_id {
        Some(other) => format!("{} {}", c.session_id, other),
        None => c.session_id.to_string(),
    };
    format!("{:<22}  {}  [{sessions}]", c.kind.as_str(), c.message)
}

pub fn release(
    store: &mut Store,
    command: ReleaseCommand,
    out: &Out,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    match command {
        ReleaseCommand::Create { event, name } => {
            let created = store.write(|tx| release::create(tx, &tx.events().resolve("event", &event)?, &name, now))?;
            if out.json {
                return out.print_json(&created);
            }
            out.line(&release_line(&created))
        }
        ReleaseCommand::List(args) => {
            let list = release::list(store, &args.event)?;
            if out.json {
                return out.print_json(&list);
            }
            if list.is_empty() {
                return out.line("no releases yet: the programme is a draft");
            }
            for r in &list {
                out.line(&release_line(r))?;
            }
            Ok(())
        }
        ReleaseCommand::Diff { event, from, to } => {
            let diff = release::diff_named(store, &event, &from, &to)?;
            if out.json {
                return out.print_json(&diff);
            }
            let tz = muntada::event::get(store, &event)?.tz();
            out.line(&diff_text(&diff, tz))
        }
    }
}

fn release_line(r: &ReleaseInfo) -> String {
    let sessions = counted(r.sessions, "session", "sessions");
    format!("{}  {}  {sessions}  {}", r.id, r.created_at.format("%Y-%m-%d %H:%M UTC"), r.name)
}

fn diff_text(d: &Diff, tz: muntada::time::Tz) -> String {
    if d.is_empty() {
        return "no changes".to_owned();
    }
    let slot = |s: &SessionSlot| {
        let room = s.room.as_ref().map(|r| format!(", {}", r.get(muntada::Lang::En))).unwrap_or_default();
        format!("{}–{}{room}", muntada::time::format_local(s.start, tz), s.end.with_timezone(&tz).format("%H:%M"))
    };
    let title = |s: &SessionSlot| s.title.get(muntada::Lang::En).to_owned();
    let mut lines = Vec::new();
    for s in &d.added {
        lines.push(format!("added      {}  ({})", title(s), slot(s)));
    }
    for s in &d.cancelled {
        lines.push(format!("cancelled  {}  ({})", title(s), slot(s)));
    }
    for m in &d.moved {
        lines.push(format!("moved      {}  ({} → {})", title(&m.to), slot(&m.from), slot(&m.to)));
    }
    for p in &d.people {
        let mut changes: Vec<String> =
            p.added.iter().map(|a| format!("+ {} ({})", a.name.get(muntada::Lang::En), a.role.as_str())).collect();
        changes.extend(p.removed.iter().map(|r| format!("− {} ({})", r.name.get(muntada::Lang::En), r.role.as_str())));
        lines.push(format!("people     {}  {}", p.title.get(muntada::Lang::En), changes.join(", ")));
    }
    lines.join("\n")
}

#[derive(ClapArgs)]
pub struct CloneArgs {
    /// The event to copy
    id: String,
    /// The new edition's first day, YYYY-MM-DD
    #[arg(long)]
    start: String,
}

pub fn clone_event(
    store: &mut Store,
    args: CloneArgs,
    out: &Out,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let event = store.write(|tx| {
        muntada::programme::edition::clone_event(tx, &tx.events().resolve("id", &args.id)?, &args.start, now)
    })?;
    out.created(&event, |e| &e.id)
}

#[derive(ClapArgs)]
pub struct IcalArgs {
    #[command(flatten)]
    to: ExportTo,
    /// Only the sessions of this speaker
    #[arg(long)]
    speaker: Option<String>,
    /// A release's name [default: the draft]
    #[arg(long, default_value = release::DRAFT)]
    release: String,
}

/// The schedule feeds' arguments (JSON and XML alike).
#[derive(ClapArgs)]
pub struct ScheduleJsonArgs {
    #[command(flatten)]
    to: ExportTo,
    /// A release's name [default: the draft]
    #[arg(long, default_value = release::DRAFT)]
    release: String,
}

#[derive(ClapArgs)]
pub struct ProgrammePdfArgs {
    #[command(flatten)]
    to: ExportTo,
    #[command(flatten)]
    lang: DocumentLang,
    /// A release's name [default: the draft]
    #[arg(long, default_value = release::DRAFT)]
    release: String,
    /// One sheet per room for its door, instead of the whole programme
    #[arg(long)]
    door_sheets: bool,
}

pub fn ical(store: &Store, args: IcalArgs, out: &Out, now: chrono::DateTime<chrono::Utc>) -> Result<(), Error> {
    let exported = muntada::documents::export_ical(store, &args.to.event, &args.release, args.speaker.as_deref(), now)?;
    write(&args.to.out, &exported.bytes, out)
}

pub fn schedule_json(store: &Store, args: ScheduleJsonArgs, out: &Out) -> Result<(), Error> {
    let exported = muntada::documents::export_schedule_json(store, &args.to.event, &args.release)?;
    write(&args.to.out, &exported.bytes, out)
}

pub fn schedule_xml(store: &Store, args: ScheduleJsonArgs, out: &Out) -> Result<(), Error> {
    let exported = muntada::documents::export_schedule_xml(store, &args.to.event, &args.release)?;
    write(&args.to.out, &exported.bytes, out)
}

pub fn programme_pdf(store: &Store, args: ProgrammePdfArgs, out: &Out) -> Result<(), Error> {
    let lang = args.lang.parse()?;
    let which = if args.door_sheets { ProgrammeDocument::DoorSheets } else { ProgrammeDocument::Timetable };
    super::export::save(
        muntada::documents::export_programme(store, &args.to.event, &args.release, which, lang)?,
        &args.to.out,
        out,
    )
}

fn write(path: &std::path::Path, bytes: &[u8], out: &Out) -> Result<(), Error> {
    muntada::documents::write_file(path, bytes).map_err(|e| e.with_field("out"))?;
    out.exported(path, bytes.len())
}
