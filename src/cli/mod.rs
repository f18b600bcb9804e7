//! Command-line parsing and dispatch: the top-level commands and where each is run. Each area's
//! commands, their flags and what they print are in the area's module; the flags several
//! commands share are in `flags`.

// The command enums are parsed once per process; boxing their variants would buy nothing.
#![allow(clippy::large_enum_variant)]

mod backup;
mod desk;
mod event;
mod export;
mod flags;
mod outcome;
mod output;
mod participants;
mod pledges;
mod programme;
mod signatories;
mod team;

use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;
use clap::{Parser, Subcommand};
use muntada::audit::Actor;
use muntada::store::Location;
use muntada::{Error, Store};

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
    /// Events: create, update, list, show
    #[command(subcommand)]
    Event(event::EventCommand),
    /// Rooms of an event
    #[command(subcommand)]
    Room(programme::RoomCommand),
    /// Sessions of the programme
    #[command(subcommand)]
    Session(programme::SessionCommand),
    /// Speakers and their roles in sessions
    #[command(subcommand)]
    Speaker(programme::SpeakerCommand),
    /// Participants
    #[command(subcommand)]
    Participant(participants::ParticipantCommand),
    /// Check a participant in at the desk by their badge code
    Checkin(participants::CheckinArgs),
    /// Delegations of an event (a member state's or an organisation's people)
    #[command(subcommand)]
    Delegation(participants::DelegationCommand),
    /// Pledges announced at an event
    #[command(subcommand)]
    Pledge(pledges::PledgeCommand),
    /// Releases of the programme: frozen, named versions, and what changed between them
    #[command(subcommand)]
    Release(programme::ReleaseCommand),
    /// List the programme's conflicts (exit status 0 when none, 3 when some)
    Conflicts(flags::EventArgs),
    /// Export documents and tables (PDF, CSV)
    #[command(subcommand)]
    Export(export::ExportCommand),
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
    Backup(backup::BackupArgs),
    /// Replace all the data with a backup, after checking it; the current data is kept in the
    /// backups folder beside the database
    Restore(backup::RestoreArgs),
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
    if let (Command::Restore(args), Err(error), Location::File(path)) = (&command, &opened, &location) {
        // The database cannot even be opened: restoring a backup is exactly what is needed.
        if let Some(restored) = backup::restore_unopened(path, args, error, out) {
            return restored.map(|()| 0);
        }
    }
    let mut store = opened?;
    store.set_busy_timeout(wait)?;
    store.set_actor(Actor::os_user());
    let store = &mut store;
    let now = Utc::now();
    let done = match command {
        Command::Event(command) => event::run(store, command, now, out),
        Command::Room(command) => programme::room(store, command, now, out),
        Command::Session(command) => programme::session(store, command, now, out),
        Command::Speaker(command) => programme::speaker(store, command, out),
        Command::Participant(command) => participants::run(store, command, now, out),
        Command::Checkin(args) => participants::checkin(store, args, now, out),
        Command::Delegation(command) => participants::delegation(store, command, now, out),
        Command::Pledge(command) => pledges::run(store, command, now, out),
        Command::Release(command) => programme::release(store, command, out, now),
        Command::Conflicts(args) => return programme::conflicts(store, args, out),
        Command::Export(command) => export::run(store, command, now, out),
        Command::Outcome(command) => outcome::run(store, command, now, out),
        Command::Demo => event::demo(store, now, out),
        Command::Backup(args) => backup::create(store, args, out),
        Command::Restore(args) => backup::restore(store, args, now, out),
        Command::Team(_) | Command::Desk(_) => {
            Err(Error::internal("team and desk commands run before a database is opened"))
        }
    };
    done.map(|()| 0)
}

/// Names a field by the flag that sets it, so the error points at what was typed.
fn flag(error: Error) -> Error {
    let flag = match error.field.as_deref() {
        Some("startDate") => "--start",
        Some("endDate") => "--end",
        Some("fromYear") => "--from",
        Some("toYear") => "--to",
        Some("organisers") => "--organiser",
        Some("arabicDigits") => "--arabic-digits",
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
