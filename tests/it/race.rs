//! Two writers on one database file at once, as two desks (or the app and a coordinator's
//! script) are on a forum's morning: what a command reports as done must be what is stored
//! afterwards, and a command that reports a failure must have changed nothing.
//!
//! Each test runs two lanes, each a thread running real `muntada` processes one after another.
//! The lanes go in lockstep (a barrier before every step) and work on the same record at the
//! same step, so that their reads and writes overlap as closely as two desks' can. There are no
//! sleeps: the stored result must be right however the two interleave, so a test fails only
//! when something was lost or an answer was untrue. A command may be refused (`conflict`, or
//! the database `busy`) if the core so chooses; it is counted, and must then have changed
//! nothing. A panic, an internal error or a hang always fails the test.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Barrier};
use std::time::{Duration, Instant};

use muntada::participants::{self, Participant, ParticipantStatus};
use muntada::pledges::{self, Pledge, PledgeStatus};
use muntada::{Id, Store};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most a test's lanes may take together; a 2-core machine needs a few seconds.
const TEST_LIMIT: Duration = Duration::from_secs(50);
/// The most one command may take: the CLI waits 5 s for a busy database, then gives up.
const COMMAND_LIMIT: Duration = Duration::from_secs(20);

#[test]
fn check_ins_and_phone_corrections_at_once_lose_nothing() {
    let desk = Desk::demo();
    let people = desk.people();
    // Those the desk can check in: not yet checked in, and not declined.
    let due: Vec<&Participant> = people
        .iter()
        .filter(|p| !matches!(p.status, ParticipantStatus::CheckedIn | ParticipantStatus::Declined))
        .collect();
    assert_eq!((people.len(), due.len()), (62, 47), "the demo forum's participants");
    let phone = |i: usize| format!("+974 5555 {:04}", 1000 + i);

    let (check_ins, corrections) = lockstep(
        due.len(),
        |i| desk.cli(&["checkin", "--event", &desk.event, "--code", &due[i].badge_code]),
        |i| desk.cli(&["participant", "edit", due[i].id.as_str(), "--phone", &phone(i)]),
    );

    let stored = desk.people_by_id();
    let (mut checked, mut corrected) = (Tally::new("check-ins"), Tally::new("phone corrections"));
    for (i, (before, (check_in, correction))) in due.iter().zip(check_ins.iter().zip(&corrections)).enumerate() {
        let now = &stored[&before.id];
        let who = format!("{} ({})", before.name.en, before.badge_code);
        match check_in {
            Answer::Done(answer) => {
                checked.done += 1;
                checked.expect(answer["participant"]["status"] == "checked_in", || format!("{who}: answer {answer}"));
                checked.keep(now.status == ParticipantStatus::CheckedIn, || {
                    format!("{who}: reported checked in, stored {}", now.status.as_str())
                });
            }
            Answer::Refused(refusal) => {
                checked.refused += 1;
                // Nobody else checks anyone in: "already checked in" would be untrue.
                checked.expect(refusal.reason != "duplicate", || format!("{who}: refused with {refusal:?}"));
                checked.expect(now.status == before.status, || {
                    format!("{who}: refused ({}), yet stored {}", refusal.message, now.status.as_str())
                });
            }
            Answer::Fault(fault) => checked.faults.push(format!("{who}: {fault}")),
        }
        match correction {
            Answer::Done(answer) => {
                corrected.done += 1;
                let reported = answer["participant"]["phone"].as_str().unwrap_or_default();
                corrected
                    .expect(reported == phone(i), || format!("{who}: asked for {}, answer {reported:?}", phone(i)));
                corrected.keep(now.phone.as_deref() == Some(reported), || {
                    format!("{who}: reported phone {reported:?}, stored {:?}", now.phone)
                });
            }
            Answer::Refused(refusal) => {
                corrected.refused += 1;
                corrected.expect(now.phone == before.phone, || {
                    format!("{who}: refused ({}), yet stored phone {:?}", refusal.message, now.phone)
                });
            }
            Answer::Fault(fault) => corrected.faults.push(format!("{who}: {fault}")),
        }
    }
    report(&[checked, corrected]);
}

#[test]
fn stage_changes_and_pledge_edits_at_once_lose_nothing() {
    let desk = Desk::demo();
    // The demo has one pledge (Qatar's, 2024–2026); nine more give the lanes enough to do.
    for (i, donor) in
        ["Norway", "Japan", "Germany", "Canada", "Italy", "Spain", "Kenya", "Oman", "Chile"].iter().enumerate()
    {
        let add = format!(
            "pledge add --event {} --donor {donor} --recipient UNODC --amount {}000000 --currency EUR \
             --from 2024 --to 2026 --per-year",
            desk.event,
            i + 1
        );
        let answer = desk.cli(&add.split_whitespace().collect::<Vec<_>>());
        assert!(matches!(answer, Answer::Done(_)), "pledge add: {answer:?}");
    }
    let before = desk.pledges();
    assert_eq!(before.len(), 10);
    // Per pledge: commit each year, then pay each year; the other lane edits its notes meanwhile.
    let steps: Vec<(&Pledge, i32, PledgeStatus)> = before
        .iter()
        .flat_map(|p| {
            [PledgeStatus::Committed, PledgeStatus::Paid]
                .into_iter()
                .flat_map(move |stage| p.lines.iter().map(move |l| (p, l.year, stage)))
        })
        .collect();
    let note = |i: usize| format!("Corrected by the second desk, step {i}");

    let (stages, edits) = lockstep(
        steps.len(),
        |i| {
            let (pledge, year, stage) = steps[i];
            desk.cli(&["pledge", "stage", pledge.id.as_str(), "--to", stage.as_str(), "--year", &year.to_string()])
        },
        |i| desk.edit_pledge_notes(&steps[i].0.id, &note(i)),
    );

    let stored: HashMap<Id, Pledge> = desk.pledges().into_iter().map(|p| (p.id.clone(), p)).collect();
    let (mut staged, mut edited) = (Tally::new("stage changes"), Tally::new("pledge edits"));
    // What each line and each pledge's notes must be: the last change reported done.
    let mut expected_stage: HashMap<(Id, i32), PledgeStatus> = HashMap::new();
    let mut expected_notes: HashMap<Id, String> = before.iter().map(|p| (p.id.clone(), p.notes.clone())).collect();
    for (i, ((pledge, year, stage), (change, edit))) in steps.iter().zip(stages.iter().zip(&edits)).enumerate() {
        let who = format!("{} {year}", pledge.donors[0].en);
        match change {
            Answer::Done(answer) => {
                staged.done += 1;
                let line = answer["lines"].as_array().and_then(|ls| ls.iter().find(|l| l["year"] == *year));
                staged.expect(line.is_some_and(|l| l["status"] == stage.as_str()), || {
                    format!("{who}: asked for {}, answer {answer}", stage.as_str())
                });
                expected_stage.insert((pledge.id.clone(), *year), *stage);
            }
            Answer::Refused(_) => staged.refused += 1,
            Answer::Fault(fault) => staged.faults.push(format!("{who}: {fault}")),
        }
        match edit {
            Answer::Done(answer) => {
                edited.done += 1;
                edited
                    .expect(answer["notes"] == note(i), || format!("{who}: asked for {:?}, answer {answer}", note(i)));
                expected_notes.insert(pledge.id.clone(), note(i));
            }
            Answer::Refused(_) => edited.refused += 1,
            Answer::Fault(fault) => edited.faults.push(format!("{}: {fault}", pledge.donors[0].en)),
        }
    }
    for pledge in &before {
        let now = &stored[&pledge.id];
        for line in &now.lines {
            let expected = expected_stage.get(&(pledge.id.clone(), line.year)).copied();
            let expected = expected.unwrap_or_else(|| {
                pledge.lines.iter().find(|l| l.year == line.year).map_or(PledgeStatus::Announced, |l| l.status())
            });
            let (stored, problem) = (line.status(), format!("{} {}", pledge.donors[0].en, line.year));
            let problem = || format!("{problem}: last reported {}, stored {}", expected.as_str(), stored.as_str());
            // Behind what was reported: lost; beyond it: a refused change was written after all.
            staged.keep(rank(stored) >= rank(expected), problem);
            staged.expect(rank(stored) <= rank(expected), problem);
        }
        let expected = &expected_notes[&pledge.id];
        edited.keep(now.notes == *expected, || {
            format!("{}: last reported notes {expected:?}, stored {:?}", pledge.donors[0].en, now.notes)
        });
    }
    report(&[staged, edited]);
}

#[test]
fn bulk_status_changes_and_phone_edits_at_once_lose_nothing() {
    let desk = Desk::demo();
    let people = desk.people();
    // Groups of six: at each step the first lane sets the status of a whole group (waitlisted,
    // confirmed, waitlisted… so that every change writes), the second corrects the phone of
    // one member of that group.
    let groups: Vec<&[Participant]> = people.chunks(6).collect();
    let steps: Vec<(usize, &Participant)> =
        groups.iter().enumerate().flat_map(|(g, group)| group.iter().map(move |p| (g, p))).collect();
    let to = |i: usize| if i.is_multiple_of(2) { ParticipantStatus::Waitlisted } else { ParticipantStatus::Confirmed };
    let phone = |i: usize| format!("+974 6666 {:04}", 2000 + i);

    let (bulk, edits) = lockstep(
        steps.len(),
        |i| {
            let mut args = vec!["participant", "status", "--event", &desk.event, "--to", to(i).as_str()];
            args.extend(groups[steps[i].0].iter().map(|p| p.id.as_str()));
            desk.cli(&args)
        },
        |i| desk.cli(&["participant", "edit", steps[i].1.id.as_str(), "--phone", &phone(i)]),
    );

    let stored = desk.people_by_id();
    let (mut statuses, mut phones) = (Tally::new("bulk status changes"), Tally::new("phone corrections"));
    let mut expected_status: HashMap<&Id, ParticipantStatus> = people.iter().map(|p| (&p.id, p.status)).collect();
    let mut expected_phone: HashMap<&Id, Option<String>> = people.iter().map(|p| (&p.id, p.phone.clone())).collect();
    for (i, ((g, person), (change, edit))) in steps.iter().zip(bulk.iter().zip(&edits)).enumerate() {
        match change {
            Answer::Done(answer) => {
                statuses.done += 1;
                let listed = answer.as_array().map(Vec::as_slice).unwrap_or_default();
                statuses.expect(
                    listed.len() == groups[*g].len() && listed.iter().all(|p| p["status"] == to(i).as_str()),
                    || format!("step {i}: asked for {} of group {g}, answer {answer}", to(i).as_str()),
                );
                for p in groups[*g] {
                    expected_status.insert(&p.id, to(i));
                }
            }
            Answer::Refused(_) => statuses.refused += 1,
            Answer::Fault(fault) => statuses.faults.push(format!("step {i}: {fault}")),
        }
        match edit {
            Answer::Done(answer) => {
                phones.done += 1;
                let reported = answer["participant"]["phone"].as_str().unwrap_or_default().to_owned();
                phones.expect(reported == phone(i), || {
                    format!("{}: asked for {}, answer {reported:?}", person.name.en, phone(i))
                });
                expected_phone.insert(&person.id, Some(reported));
            }
            Answer::Refused(_) => phones.refused += 1,
            Answer::Fault(fault) => phones.faults.push(format!("{}: {fault}", person.name.en)),
        }
    }
    for person in &people {
        let now = &stored[&person.id];
        let status = expected_status[&person.id];
        statuses.keep(now.status == status, || {
            format!("{}: last reported {}, stored {}", person.name.en, status.as_str(), now.status.as_str())
        });
        let phone = &expected_phone[&person.id];
        phones.keep(now.phone == *phone, || {
            format!("{}: last reported {phone:?}, stored {:?}", person.name.en, now.phone)
        });
    }
    report(&[statuses, phones]);
}

/// How far a year of a pledge has come.
fn rank(stage: PledgeStatus) -> u8 {
    match stage {
        PledgeStatus::Announced => 0,
        PledgeStatus::Committed => 1,
        PledgeStatus::PartlyPaid => 2,
        PledgeStatus::Paid => 3,
        PledgeStatus::Cancelled => 4,
    }
}

/// A temporary database holding the demo forum.
struct Desk {
    /// Kept for its lifetime: the folder goes when the desk does.
    _dir: tempfile::TempDir,
    db: PathBuf,
    event: String,
}

impl Desk {
    fn demo() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("muntada.db");
        let out = Command::new(env!("CARGO_BIN_EXE_muntada")).arg("--db").arg(&db).arg("demo").output().unwrap();
        assert!(out.status.success(), "muntada demo: {}", String::from_utf8_lossy(&out.stderr));
        let event = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        Desk { _dir: dir, db, event }
    }

    fn cli(&self, args: &[&str]) -> Answer {
        run(&self.db, args)
    }

    fn store(&self) -> Store {
        Store::open(&self.db).unwrap()
    }

    fn people(&self) -> Vec<Participant> {
        participants::list(&self.store(), &self.event).unwrap()
    }

    fn people_by_id(&self) -> HashMap<Id, Participant> {
        self.people().into_iter().map(|p| (p.id.clone(), p)).collect()
    }

    fn pledges(&self) -> Vec<Pledge> {
        pledges::list(&self.store(), &self.event).unwrap()
    }

    /// Changes a pledge's notes and nothing else: `muntada pledge edit ID --notes NOTES`.
    fn edit_pledge_notes(&self, id: &Id, notes: &str) -> Answer {
        self.cli(&["pledge", "edit", id.as_str(), "--notes", notes])
    }
}

/// What one command answered.
#[derive(Debug, Serialize, Deserialize)]
enum Answer {
    /// Done: what it printed with `--json`.
    Done(Value),
    /// Refused as the core may when another writer holds the record (`conflict`, `busy`).
    Refused(Refusal),
    /// Anything else: a panic, an internal or unexpected error, a crash, a hang.
    Fault(String),
}

#[derive(Debug, Serialize, Deserialize)]
struct Refusal {
    reason: String,
    message: String,
}

/// Runs `muntada --json ARGS` on `db`.
fn run(db: &Path, args: &[&str]) -> Answer {
    let mut command = Command::new(env!("CARGO_BIN_EXE_muntada"));
    command.arg("--db").arg(db).arg("--json").args(args);
    let out = match finish(command, COMMAND_LIMIT) {
        Ok(out) => out,
        Err(hung) => return Answer::Fault(format!("muntada {args:?}: {hung}")),
    };
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let fault =
        |what: &str| Answer::Fault(format!("muntada {args:?}: {what} (exit {:?}): {stderr}", out.status.code()));
    if stderr.contains("panicked") {
        return fault("panicked");
    }
    match out.status.code() {
        Some(0) => serde_json::from_str(&stdout).map_or_else(|_| fault("printed no JSON"), Answer::Done),
        Some(1) => {
            let error: Value = stderr.lines().rev().find_map(|l| serde_json::from_str(l).ok()).unwrap_or_default();
            if error["code"] == "conflict" || error["reason"] == "busy" {
                Answer::Refused(Refusal {
                    reason: error["reason"].as_str().unwrap_or_default().to_owned(),
                    message: error["message"].as_str().unwrap_or_default().to_owned(),
                })
            } else {
                fault("failed")
            }
        }
        _ => fault("failed"),
    }
}

/// Runs `command` to its end, with its output; killed, and an error, after `limit`.
fn finish(mut command: Command, limit: Duration) -> Result<std::process::Output, String> {
    let child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    match receiver.recv_timeout(limit) {
        Ok(out) => Ok(out.unwrap()),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            Err(format!("still running after {limit:?}, killed"))
        }
    }
}

/// Runs `steps` steps of two lanes, each in its own thread, in lockstep: both start step `i`
/// together. Their answers, in step order; fails the test if they took over `TEST_LIMIT`.
fn lockstep<A: Send, B: Send>(
    steps: usize,
    a: impl Fn(usize) -> A + Sync,
    b: impl Fn(usize) -> B + Sync,
) -> (Vec<A>, Vec<B>) {
    let lockstep =
        Lockstep { started: Instant::now(), ready: Barrier::new(2), go: Barrier::new(2), stop: false.into() };
    let (first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| lockstep.lane(steps, &a));
        let second = scope.spawn(|| lockstep.lane(steps, &b));
        (first.join().unwrap(), second.join().unwrap())
    });
    let took = lockstep.started.elapsed();
    assert!(
        first.len() == steps && second.len() == steps,
        "the lanes did {} and {} of {steps} steps in {took:?}: stopped at the time limit",
        first.len(),
        second.len()
    );
    eprintln!("race: {steps} steps of two lanes in {took:?}");
    (first, second)
}

struct Lockstep {
    started: Instant,
    ready: Barrier,
    go: Barrier,
    /// Written only between `go` and the next `ready`, read only between `ready` and `go`:
    /// both lanes read the same value, so they stop at the same step and neither waits alone.
    stop: AtomicBool,
}

impl Lockstep {
    fn lane<T>(&self, steps: usize, step: impl Fn(usize) -> T) -> Vec<T> {
        let mut answers = Vec::with_capacity(steps);
        for i in 0..steps {
            self.ready.wait();
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            self.go.wait();
            answers.push(step(i));
            if self.started.elapsed() > TEST_LIMIT {
                self.stop.store(true, Ordering::SeqCst);
            }
        }
        answers
    }
}

/// What one lane's commands came to.
struct Tally {
    what: &'static str,
    done: usize,
    refused: usize,
    /// Reported done, not stored.
    lost: Vec<String>,
    /// An answer that is not what was asked, or a refusal that changed something anyway.
    untrue: Vec<String>,
    faults: Vec<String>,
}

impl Tally {
    fn new(what: &'static str) -> Tally {
        Tally { what, done: 0, refused: 0, lost: vec![], untrue: vec![], faults: vec![] }
    }

    /// A change reported done must be stored.
    fn keep(&mut self, stored: bool, problem: impl FnOnce() -> String) {
        if !stored {
            self.lost.push(problem());
        }
    }

    /// An answer must be true.
    fn expect(&mut self, true_: bool, problem: impl FnOnce() -> String) {
        if !true_ {
            self.untrue.push(problem());
        }
    }
}

/// Prints the counts, then fails on anything lost, untrue or faulty.
fn report(tallies: &[Tally]) {
    for t in tallies {
        eprintln!(
            "race: {}: {} done, {} refused, {} lost, {} untrue answers, {} faults",
            t.what,
            t.done,
            t.refused,
            t.lost.len(),
            t.untrue.len(),
            t.faults.len()
        );
    }
    let problems: Vec<String> = tallies
        .iter()
        .flat_map(|t| {
            let lost = t.lost.iter().map(move |p| format!("lost {}: {p}", t.what));
            let untrue = t.untrue.iter().map(move |p| format!("untrue ({}): {p}", t.what));
            lost.chain(untrue).chain(t.faults.iter().map(move |p| format!("fault ({}): {p}", t.what)))
        })
        .collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
