//! `muntada desk …`: a check-in desk that keeps working when the team database cannot be
//! reached (prepare its copy, check in, send the queue, see what needs following up).

use std::io::BufRead;
use std::path::PathBuf;

use chrono::Utc;
use clap::{Args as ClapArgs, Subcommand};
use muntada::desk::{self, DeskCheckIn, DeskInfo, QueuedScan, ScanOutcome, Via};
use muntada::store::{DeskFile, TeamTarget};
use muntada::{Error, Reason, Store};

use super::output::{counted, Out};
use super::team;

#[derive(Subcommand)]
pub enum DeskCommand {
    /// Make (or bring up to date) this desk's copy of an event's people, from the team database
    /// given by --db; run it before the doors open, while the network works
    Prepare {
        #[arg(long)]
        event: String,
        /// This desk's name, shown to other desks ("also scanned at Desk 3") [default: the name
        /// it had, else the computer's]
        #[arg(long)]
        desk: Option<String>,
        #[command(flatten)]
        file: FileArg,
    },
    /// Check a person in by badge code: at the team database when it answers, else from the
    /// desk's copy, queued to be sent (the answer says which)
    Checkin {
        /// The event (checked against the one the desk was prepared for)
        #[arg(long)]
        event: Option<String>,
        #[arg(long, required_unless_present = "stdin")]
        code: Option<String>,
        /// Read codes from standard input, one a line (as a scanner types them), and answer each
        #[arg(long, conflicts_with = "code")]
        stdin: bool,
        /// Do not try the team database: check in from the desk's copy
        #[arg(long)]
        offline: bool,
        #[command(flatten)]
        file: FileArg,
    },
    /// Send the desk's queued check-ins to the team database, in order, and show what needs
    /// following up
    Sync {
        #[command(flatten)]
        file: FileArg,
    },
    /// The desk's copy, its queue and the check-ins to follow up
    Status {
        #[command(flatten)]
        file: FileArg,
    },
}

#[derive(ClapArgs)]
pub struct FileArg {
    /// The desk's own file [default: desk.db beside the app's database]
    #[arg(long = "desk-file", env = "MUNTADA_DESK_FILE", value_name = "FILE")]
    desk_file: Option<PathBuf>,
}

impl FileArg {
    fn open(&self) -> Result<DeskFile, Error> {
        let path = match &self.desk_file {
            Some(path) => path.clone(),
            None => muntada::store::default_path().with_file_name("desk.db"),
        };
        DeskFile::open(&path)
    }
}

pub fn run(command: DeskCommand, db: Option<&str>, out: &Out) -> Result<u8, Error> {
    match command {
        DeskCommand::Prepare { event, desk, file } => {
            let mut file = file.open()?;
            let store = team::connect(&server(db, None)?)?;
            let name = match desk {
                Some(name) => name,
                None => desk::status(&file)?.info.map(|i| i.desk).unwrap_or_else(desk::computer_name),
            };
            let info = desk::prepare(&store, &mut file, &event, &name, Utc::now())?;
            if out.json {
                out.print_json(&info)?;
            } else {
                out.line(&format!(
                    "{} is ready for {}: {}, copied {}",
                    info.desk,
                    title(&info),
                    counted(info.people, "person", "people"),
                    local_time(&info, info.refreshed_at)
                ))?;
            }
        }
        DeskCommand::Checkin { event, code, stdin, offline, file } => {
            let mut file = file.open()?;
            let info = desk::prepared(&file)?;
            if let Some(event) = &event {
                if !info.event_id.as_str().starts_with(&event.trim().to_ascii_lowercase()) || event.trim().len() < 8 {
                    return Err(Error::invalid(
                        "event",
                        Reason::WrongEvent,
                        format!("this desk is prepared for {} ({}), not {event}", title(&info), info.event_id),
                    ));
                }
            }
            let mut store = if offline { None } else { reach(db, &info)? };
            if !stdin {
                let code = code.unwrap_or_default();
                let done = desk::check_in(store.as_mut(), &mut file, &code, Utc::now())?;
                checked_in(out, &done)?;
                return Ok(0);
            }
            for line in std::io::stdin().lock().lines() {
                let line = line.map_err(|e| Error::invalid("stdin", Reason::InvalidValue, e.to_string()))?;
                if line.trim().is_empty() {
                    continue;
                }
                match desk::check_in(store.as_mut(), &mut file, &line, Utc::now()) {
                    Ok(done) => checked_in(out, &done)?,
                    // The next person is waiting: say why, and go on.
                    Err(e) => out.line(&format!("refused: {}: {}", line.trim(), e.message))?,
                }
            }
        }
        DeskCommand::Sync { file } => {
            let mut file = file.open()?;
            let info = desk::prepared(&file)?;
            let mut store = team::connect(&server(db, Some(&info))?)?;
            let report = desk::sync(&mut store, &mut file, Utc::now)?;
            if out.json {
                out.print_json(&report)?;
            } else {
                out.line(&format!("sent {} check-ins; {} waiting", report.sent, report.waiting))?;
                conflicts(out, &info, &report.conflicts)?;
            }
        }
        DeskCommand::Status { file } => {
            let file = file.open()?;
            let status = desk::status(&file)?;
            if out.json {
                out.print_json(&status)?;
                return Ok(0);
            }
            let Some(info) = &status.info else {
                out.line("This desk is not prepared: run `muntada desk prepare --db URL --event ID`.")?;
                return Ok(0);
            };
            out.line(&format!(
                "{} for {} on {}: {}, copy refreshed {}",
                info.desk,
                title(info),
                info.server,
                counted(info.people, "person", "people"),
                local_time(info, info.refreshed_at)
            ))?;
            match info.offline_since {
                Some(since) => out.line(&format!(
                    "Offline since {} — {} check-ins waiting to be sent",
                    local_time(info, Some(since)),
                    status.waiting
                ))?,
                None => out.line(&format!("{} check-ins waiting to be sent, {} sent", status.waiting, status.sent))?,
            }
            conflicts(out, info, &status.conflicts)?;
        }
    }
    Ok(0)
}

/// The team database to use: --db, else the one the desk was prepared from.
fn server(db: Option<&str>, info: Option<&DeskInfo>) -> Result<TeamTarget, Error> {
    match (db, info) {
        (Some(url), _) => TeamTarget::parse(url),
        (None, Some(info)) => TeamTarget::parse(&info.server),
        (None, None) => {
            Err(Error::invalid("db", Reason::Required, "give the team database: --db postgres://user@host/dbname"))
        }
    }
}

/// The team database if it answers; none (the desk works from its copy) if it cannot be
/// reached. Any other failure (a refused password) is an error.
fn reach(db: Option<&str>, info: &DeskInfo) -> Result<Option<Store>, Error> {
    match team::connect(&server(db, Some(info))?) {
        Ok(store) => Ok(Some(store)),
        Err(e) if e.server_unreachable() => {
            eprintln!("the team database cannot be reached ({}): working from this desk's copy", e.message);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn checked_in(out: &Out, done: &DeskCheckIn) -> Result<(), Error> {
    if out.json {
        return out.print_json(done);
    }
    let name = if done.person.name.en.is_empty() { &done.person.name.ar } else { &done.person.name.en };
    let warning = if done.warning.is_some() { " (registration not confirmed)" } else { "" };
    out.line(&match done.via {
        Via::Server => format!("checked in: {}  {name}{warning} — at the team database", done.person.badge_code),
        Via::Desk => format!(
            "checked in: {}  {name}{warning} — offline, from this desk's copy; {} waiting to be sent",
            done.person.badge_code, done.waiting
        ),
    })
}

fn conflicts(out: &Out, info: &DeskInfo, list: &[QueuedScan]) -> Result<(), Error> {
    if list.is_empty() {
        return Ok(());
    }
    out.line(&format!("{} to follow up:", list.len()))?;
    for scan in list {
        let Some(result) = &scan.result else { continue };
        let name = if scan.name.en.is_empty() { &scan.name.ar } else { &scan.name.en };
        let here = local_time(info, Some(scan.scanned_at));
        out.line(&match (result.outcome, &result.other) {
            (ScanOutcome::AlsoScanned, Some(other)) => format!(
                "  {} {name}: also scanned at {} at {} (here at {here})",
                scan.code,
                other.desk,
                local_time(info, Some(other.at))
            ),
            (ScanOutcome::AlsoScanned, None) => format!("  {} {name}: already checked in (here at {here})", scan.code),
            _ => format!("  {} {name}: refused — {} (scanned here at {here})", scan.code, result.reason),
        })?;
    }
    Ok(())
}

fn title(info: &DeskInfo) -> &str {
    if info.event_title.en.is_empty() {
        &info.event_title.ar
    } else {
        &info.event_title.en
    }
}

fn local_time(info: &DeskInfo, at: Option<chrono::DateTime<Utc>>) -> String {
    match at {
        Some(at) => {
            let tz = desk::timezone(info);
            format!("{} ({tz})", at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S"))
        }
        None => "never".to_owned(),
    }
}
