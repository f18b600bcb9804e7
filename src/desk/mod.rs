//! Check-in desks that keep working when the venue's network does not (team mode). A desk
//! keeps a copy of the event's people in a file of its own (`store::DeskFile`). While the team
//! database answers, each scan is checked in there, and recorded under an id the desk made;
//! when it does not, the scan is checked against the copy and queued in the file, under that
//! id, before the desk says "checked in". `sync` sends the queue in order; the server applies
//! each id once, so a replay cut short and run again doubles nothing. Two desks that scanned
//! the same person offline: the first scan by time stands, and the other is answered "also
//! scanned at desk 3 at 09:14". A person declined or erased meanwhile: the scan is refused,
//! with the reason, for staff to follow up.

pub mod model;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

pub use model::*;

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::participants::{self, badge_code_as_typed, display_name, CheckInWarning, ParticipantStatus};
use crate::store::{DeskFile, Store, Tx};
use crate::time;

/// How many times `sync` sends one scan again after the connection dropped under it (safe:
/// the server applies each scan id once).
const RETRIES: u32 = 3;

/// Where a check-in was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The team database checked the person in.
    Server,
    /// The desk's copy did: the scan waits in the queue to be sent.
    Desk,
}

/// A check-in made at a desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskCheckIn {
    pub via: Via,
    pub scan_id: Id,
    pub person: DeskPerson,
    pub warning: Option<CheckInWarning>,
    /// Scans waiting in the desk's queue after this one.
    pub waiting: u32,
}

/// What a `sync` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Scans sent in this run.
    pub sent: u32,
    /// Scans still waiting (0 unless the run stopped on an error).
    pub waiting: u32,
    /// Every sent scan that did not simply check the person in, as the server now answers.
    pub conflicts: Vec<QueuedScan>,
}

/// Applies a scan on the event's database, once per scan id: sent again, it gets the answer
/// it got the first time and changes nothing. `received_at` is the server's clock; the
/// check-in itself is dated when the person was scanned.
pub fn apply(tx: &Tx<'_>, scan: &Scan, received_at: DateTime<Utc>) -> Result<ScanResult> {
    let desks = tx.desks();
    if let Some(known) = desks.result(&scan.id)? {
        return Ok(known);
    }
    let code = badge_code_as_typed(&scan.code);
    let person = tx.participants().by_badge_code(&scan.event_id, &code)?;
    let result = |outcome, participant_id: Option<&Id>| ScanResult {
        scan_id: scan.id.clone(),
        outcome,
        participant_id: participant_id.cloned(),
        reason: String::new(),
        refusal: None,
        other: None,
    };
    let answer = match person {
        None => ScanResult {
            reason: format!("no one of this event has the badge code {code} now (erased, or the code was changed)"),
            refusal: Some(Refusal::NotRegistered),
            ..result(ScanOutcome::Refused, None)
        },
        Some(p) if p.is_erased() => ScanResult {
            reason: format!("the person with the badge code {code} was erased from the event's records"),
            refusal: Some(Refusal::Erased),
            ..result(ScanOutcome::Refused, Some(&p.id))
        },
        Some(p) if p.status == ParticipantStatus::Declined => ScanResult {
            reason: format!("{} declined (or was declined): not checked in", display_name(&p)),
            refusal: Some(Refusal::Declined),
            ..result(ScanOutcome::Refused, Some(&p.id))
        },
        Some(p) if p.status == ParticipantStatus::CheckedIn => {
            let this = OtherScan { desk: scan.desk.clone(), at: scan.scanned_at };
            match first_check_in(tx, &p.id)? {
                // This scan is earlier than the one that checked them in: it stands instead.
                Some((standing, first)) if scan.scanned_at < first.at => {
                    if let Some(standing) = standing {
                        desks.displace(&standing, &this)?;
                    }
                    ScanResult { other: Some(first), ..result(ScanOutcome::CheckedIn, Some(&p.id)) }
                }
                first => ScanResult { other: first.map(|(_, f)| f), ..result(ScanOutcome::AlsoScanned, Some(&p.id)) },
            }
        }
        Some(_) => {
            let checked = participants::check_in(tx, &scan.event_id, &code, scan.scanned_at)?;
            result(ScanOutcome::CheckedIn, Some(&checked.participant.id))
        }
    };
    desks.record(scan, &answer, received_at)?;
    Ok(answer)
}

/// The scan that checked this person in (its id, when a desk's scan did), or the check-in the
/// trail records.
fn first_check_in(tx: &Tx<'_>, participant_id: &Id) -> Result<Option<(Option<Id>, OtherScan)>> {
    if let Some((id, scan)) = tx.desks().standing(participant_id)? {
        return Ok(Some((Some(id), scan)));
    }
    Ok(participants::checked_in_at(tx, participant_id)?.map(|(at, by)| (None, OtherScan { desk: by, at })))
}

/// Checks a person in while the team database answers, under a scan id made here; the desk's
/// copy, if given, learns of it. Refusals (declined, already checked in, unknown code) are
/// errors, as at any desk.
pub fn check_in_live(tx: &Tx<'_>, scan: &Scan, now: DateTime<Utc>) -> Result<participants::CheckedIn> {
    let checked = participants::check_in(tx, &scan.event_id, &scan.code, scan.scanned_at)?;
    let answer = ScanResult {
        scan_id: scan.id.clone(),
        outcome: ScanOutcome::CheckedIn,
        participant_id: Some(checked.participant.id.clone()),
        reason: String::new(),
        refusal: None,
        other: None,
    };
    tx.desks().record(scan, &answer, now)?;
    Ok(checked)
}

/// Makes (or brings up to date) a desk's copy of an event's people, from the team database.
/// A desk serves one event: changing it is refused while scans of the other wait to be sent.
pub fn prepare(store: &Store, file: &mut DeskFile, event: &str, desk: &str, now: DateTime<Utc>) -> Result<DeskInfo> {
    let Some(team) = store.team() else {
        return Err(Error::invalid(
            "db",
            Reason::InvalidValue,
            "a desk keeps a copy of a team database (--db postgres://…); on this computer's own file it needs none",
        ));
    };
    let desk = desk_name(desk)?;
    let (event, people) = store.read(|tx| {
        let id = tx.events().resolve("event", event)?;
        Ok((tx.events().get(&id)?, tx.desks().people(&id)?))
    })?;
    let info = DeskInfo {
        event_id: event.id.clone(),
        event_title: event.title.clone(),
        timezone: event.timezone.clone(),
        desk,
        login: team.user.clone(),
        server: team.url(),
        refreshed_at: Some(now),
        offline_since: None,
        people: u32::try_from(people.len()).unwrap_or(u32::MAX),
    };
    file.write(|local| {
        if local.waiting_for_other_event(&event.id)? {
            return Err(Error::conflict(
                Some("event"),
                Reason::InUse,
                "this desk has check-ins of another event waiting to be sent: run `muntada desk sync` first",
            ));
        }
        if local.info()?.is_some_and(|old| old.event_id != event.id) {
            local.clear_sent()?;
        }
        local.set_info(&info)?;
        local.replace_people(&people)
    })?;
    Ok(info)
}

/// Brings a prepared desk's copy up to date (same event, same desk name).
pub fn refresh(store: &Store, file: &mut DeskFile, now: DateTime<Utc>) -> Result<DeskInfo> {
    let info = prepared(file)?;
    prepare(store, file, info.event_id.as_str(), &info.desk, now)
}

/// A new scan at this desk, now.
pub fn new_scan(info: &DeskInfo, code: &str, now: DateTime<Utc>) -> Scan {
    Scan {
        id: Id::new(),
        event_id: info.event_id.clone(),
        code: code.trim().to_owned(),
        desk: info.desk.clone(),
        login: info.login.clone(),
        scanned_at: now,
    }
}

/// Checks a person in from the desk's copy, while the team database cannot be reached: the
/// scan is in the queue, on disk, when this returns.
pub fn check_in_offline(file: &mut DeskFile, scan: &Scan) -> Result<DeskCheckIn> {
    let info = prepared(file)?;
    if scan.event_id != info.event_id {
        return Err(Error::invalid("event", Reason::WrongEvent, "this desk is prepared for another event"));
    }
    let code = badge_code_as_typed(&scan.code);
    if code.is_empty() {
        return Err(Error::invalid("code", Reason::Required, "give the badge code"));
    }
    let tz = timezone(&info);
    file.write(|local| {
        let person =
            local.person(&code)?.ok_or_else(|| Error::not_found("code", "participant of this event", &code))?;
        if let Some(earlier) = local.queued_for(&person.participant_id)? {
            return Err(Error::conflict(
                Some("code"),
                Reason::Duplicate,
                format!(
                    "{} is already checked in, since {} ({tz}), at this desk (waiting to be sent)",
                    shown(&person),
                    time::format_local(earlier.scanned_at, tz)
                ),
            ));
        }
        let warning = participants::may_check_in(person.status, shown(&person), || {
            Ok(" (as of the desk's last refresh)".to_owned())
        })?;
        local.enqueue(scan, &person.participant_id, &person.name)?;
        local.set_status(&person.participant_id, ParticipantStatus::CheckedIn)?;
        local.set_offline_since(Some(scan.scanned_at))?;
        let (waiting, _) = local.counts()?;
        Ok(DeskCheckIn {
            via: Via::Desk,
            scan_id: scan.id.clone(),
            person: DeskPerson { status: ParticipantStatus::CheckedIn, ..person },
            warning,
            waiting,
        })
    })
}

/// Checks a person in at a prepared desk: at the team database when it answers, else from the
/// desk's copy. A check-in whose connection dropped on the way is queued under the same scan
/// id: if the server had applied it, the replay is told so and changes nothing.
pub fn check_in(store: Option<&mut Store>, file: &mut DeskFile, code: &str, now: DateTime<Utc>) -> Result<DeskCheckIn> {
    let info = prepared(file)?;
    let scan = new_scan(&info, code, now);
    let Some(store) = store else { return check_in_offline(file, &scan) };
    // Someone whose scan here still waits to be sent: the desk refuses them itself, as the
    // server would once it has the queue.
    if let Some(person) = file.reader().person(&badge_code_as_typed(code))? {
        if file.reader().queued_for(&person.participant_id)?.is_some() {
            return check_in_offline(file, &scan);
        }
    }
    match store.write(|tx| check_in_live(tx, &scan, now)) {
        Ok(checked) => {
            let person = file.reader().person(&checked.participant.badge_code)?;
            file.write(|local| {
                local.set_status(&checked.participant.id, ParticipantStatus::CheckedIn)?;
                local.set_offline_since(None)
            })?;
            let (waiting, _) = file.reader().counts()?;
            Ok(DeskCheckIn {
                via: Via::Server,
                scan_id: scan.id,
                person: person.unwrap_or_else(|| from_participant(&checked.participant)),
                warning: checked.warning,
                waiting,
            })
        }
        Err(e) if unreachable(store, &e) => check_in_offline(file, &scan),
        Err(e) => Err(e),
    }
}

/// Whether an error means the team database could not be reached (rather than a refusal).
pub fn unreachable(store: &Store, e: &Error) -> bool {
    e.server_unreachable() || store.connection_lost()
}

/// Sends the desk's queue, oldest first, then learns what the server now says of every scan
/// this desk sent (a scan that stood may have been displaced by an earlier one from another
/// desk). Stops at the first error that is not a dropped connection; a dropped connection is
/// tried again a few times (each scan is applied once, however often it is sent).
pub fn sync(store: &mut Store, file: &mut DeskFile, now: impl Fn() -> DateTime<Utc>) -> Result<SyncReport> {
    let info = prepared(file)?;
    let mut sent = 0;
    while let Some((scan, _)) = file.reader().next_waiting()? {
        let mut tries = 0;
        let answer = loop {
            match store.write(|tx| apply(tx, &scan, now())) {
                Err(e) if unreachable(store, &e) && tries < RETRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(200 * u64::from(tries)));
                }
                other => break other,
            }
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(e) => {
                if unreachable(store, &e) {
                    file.write(|local| local.set_offline_since(Some(now())))?;
                }
                return Err(e);
            }
        };
        file.write(|local| local.set_result(&answer))?;
        sent += 1;
    }
    let results = store.read(|tx| tx.desks().results(&info.event_id, &info.desk))?;
    let people = store.read(|tx| tx.desks().people(&info.event_id))?;
    file.write(|local| {
        for result in &results {
            local.set_result(result)?;
        }
        local.set_offline_since(None)?;
        local.replace_people(&people)?;
        local.set_info(&DeskInfo {
            refreshed_at: Some(now()),
            offline_since: None,
            people: u32::try_from(people.len()).unwrap_or(u32::MAX),
            ..info.clone()
        })
    })?;
    let status = status(file)?;
    Ok(SyncReport { sent, waiting: status.waiting, conflicts: status.conflicts })
}

/// The desk's copy, queue and conflicts, from its file alone.
pub fn status(file: &DeskFile) -> Result<DeskStatus> {
    let local = file.reader();
    let (waiting, sent) = local.counts()?;
    Ok(DeskStatus { info: local.info()?, waiting, sent, conflicts: local.conflicts()? })
}

/// The desk's record of what it serves, or an error saying to prepare it.
pub fn prepared(file: &DeskFile) -> Result<DeskInfo> {
    file.reader().info()?.ok_or_else(|| {
        Error::invalid(
            "desk",
            Reason::Required,
            format!(
                "the desk {} is not prepared: run `muntada desk prepare --db URL --event ID` while the team \
                 database can be reached",
                file.path().display()
            ),
        )
    })
}

/// This computer's name, the name a desk gets when none is given (Linux and Windows; "desk"
/// elsewhere). Read only when the edge asks for it.
pub fn computer_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|n| n.trim().chars().take(40).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "desk".to_owned())
}

/// The event's time zone as the desk recorded it.
pub fn timezone(info: &DeskInfo) -> crate::time::Tz {
    info.timezone.parse().unwrap_or(crate::time::Tz::UTC)
}

fn shown(p: &DeskPerson) -> &str {
    if p.name.en.is_empty() {
        &p.name.ar
    } else {
        &p.name.en
    }
}

fn from_participant(p: &participants::Participant) -> DeskPerson {
    DeskPerson {
        participant_id: p.id.clone(),
        badge_code: p.badge_code.clone(),
        honorific: p.honorific.clone(),
        name: p.name.clone(),
        status: p.status,
        category: crate::bilingual::Bilingual::new(p.category.clone(), ""),
        delegation: crate::bilingual::Bilingual::default(),
        photo: None,
    }
}
