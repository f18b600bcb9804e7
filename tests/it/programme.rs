//! The programme through the real `muntada` binary and a real database file: moving sessions,
//! conflicts, releases and their diffs, the iCal, schedule JSON and PDF exports, next year's
//! edition. The iCal output is read back by a real parser (the `icalendar` crate).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pdf::{assert_contains_text, page_count, text_of};

struct Cli {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Cli {
    fn new() -> Cli {
        Cli { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
            .arg("--db")
            .arg(self.path("muntada.db"))
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "muntada {args:?} failed: {}", run.stderr);
        run.stdout.trim().to_owned()
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend(args);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }
}

/// A Vienna forum over the spring-forward weekend: two rooms of its own, one of another event,
/// three sessions, two speakers.
struct Forum {
    cli: Cli,
    event: String,
    hall: String,
    annex: String,
    other_room: String,
    opening: String,
    panel: String,
    lunch: String,
    amina: String,
    omar: String,
}

impl Forum {
    fn new() -> Forum {
        let cli = Cli::new();
        let create = |title: &str| {
            cli.ok(&[
                "event",
                "create",
                "--title",
                title,
                "--title-ar",
                "منتدى فيينا",
                "--start",
                "2025-03-29",
                "--end",
                "2025-03-31",
                "--timezone",
                "Europe/Vienna",
            ])
        };
        let event = create("Vienna Forum");
        let other = create("Other Forum");
        let room = |event: &str, name: &str, ar: &str| {
            cli.ok(&["room", "add", "--event", event, "--name", name, "--name-ar", ar, "--capacity", "200"])
        };
        let hall = room(&event, "Plenary hall", "القاعة العامة");
        let annex = room(&event, "Annex", "الملحق");
        let other_room = room(&other, "Elsewhere", "مكان آخر");
        let session = |title: &str, ar: &str, start: &str, end: &str, room: &str, kind: &str| {
            cli.ok(&[
                "session",
                "add",
                "--event",
                &event,
                "--title",
                title,
                "--title-ar",
                ar,
                "--start",
                start,
                "--end",
                end,
                "--room",
                room,
                "--kind",
                kind,
            ])
        };
        let opening = session("Opening", "الافتتاح", "2025-03-30 09:00", "2025-03-30 10:00", &hall, "opening");
        let panel =
            session("Panel; youth, peace", "حلقة الشباب", "2025-03-30 10:30", "2025-03-30 12:00", &annex, "panel");
        let lunch = session("Lunch", "الغداء", "2025-03-30 12:00", "2025-03-30 13:00", &hall, "break");
        let speaker = |name: &str, ar: &str, honorific: &str| {
            cli.ok(&["speaker", "add", "--event", &event, "--name", name, "--name-ar", ar, "--honorific", honorific])
        };
        let amina = speaker("Amina Yusuf", "أمينة يوسف", "H.E.");
        let omar = speaker("Omar Haddad", "عمر حداد", "Dr");
        cli.ok(&["speaker", "assign", "--session", &opening, "--speaker", &amina, "--role", "chair"]);
        cli.ok(&["speaker", "assign", "--session", &panel, "--speaker", &amina, "--role", "moderator"]);
        cli.ok(&["speaker", "assign", "--session", &panel, "--speaker", &omar, "--role", "panellist"]);
        Forum { cli, event, hall, annex, other_room, opening, panel, lunch, amina, omar }
    }

    /// Everything the schedule says of the sessions, to compare before and after.
    fn sessions(&self) -> String {
        self.schedule().to_string()
    }

    fn schedule(&self) -> serde_json::Value {
        let path = self.cli.path("schedule.json");
        self.cli.ok(&["export", "schedule-json", "--event", &self.event, "--out", path.to_str().unwrap()]);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// Each session's (title, local start, duration, room) as the schedule JSON has them.
    fn slots(&self) -> Vec<(String, String, String, String)> {
        let schedule = self.schedule();
        let mut slots = Vec::new();
        for day in schedule["schedule"]["conference"]["days"].as_array().unwrap() {
            for (room, sessions) in day["rooms"].as_object().unwrap() {
                for s in sessions.as_array().unwrap() {
                    slots.push((
                        s["title"].as_str().unwrap().to_owned(),
                        format!("{} {}", day["date"].as_str().unwrap(), s["start"].as_str().unwrap()),
                        s["duration"].as_str().unwrap().to_owned(),
                        room.clone(),
                    ));
                }
            }
        }
        slots.sort();
        slots
    }
}

#[test]
fn moving_a_session() {
    let f = Forum::new();
    let moved = f.cli.json(&["session", "move", &f.lunch, "--start", "2025-03-30 13:30", "--room", &f.annex]);
    assert_eq!(moved["start"], "2025-03-30T11:30:00Z", "13:30 in Vienna in summer time is 11:30 UTC");
    assert_eq!(moved["end"], "2025-03-30T12:30:00Z", "the length is kept");
    assert!(f.slots().contains(&("Lunch".into(), "2025-03-30 13:30".into(), "01:00".into(), "Annex".into())));
    f.cli.ok(&["session", "move", &f.lunch, "--start", "2025-03-31 12:00", "--end", "2025-03-31 12:45"]);
    assert!(f.slots().contains(&("Lunch".into(), "2025-03-31 12:00".into(), "00:45".into(), "Annex".into())));
}

#[test]
fn bad_moves_name_the_flag_and_write_nothing() {
    let f = Forum::new();
    let check = |extra: &[&str], flag: &str, reason: &str| {
        let before = f.sessions();
        let mut args = vec!["--json", "session", "move", f.opening.as_str()];
        args.extend(extra);
        let run = f.cli.run(&args);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
        assert_eq!((error["field"].as_str(), error["reason"].as_str()), (Some(flag), Some(reason)), "{extra:?}");
        assert_eq!(f.sessions(), before, "{extra:?} wrote something");
    };
    // 02:30 does not exist in Vienna on 2025-03-30: the clocks go from 02:00 to 03:00.
    check(&["--start", "2025-03-30 02:30"], "--start", "nonexistent_local_time");
    check(&["--start", "2025-03-30 09:00", "--end", "2025-03-30 02:15"], "--end", "nonexistent_local_time");
    check(&["--start", "2025-03-30 11:00", "--end", "2025-03-30 10:00"], "--end", "end_before_start");
    check(&["--start", "2025-03-30 11:00", "--end", "2025-03-30 11:00"], "--end", "end_before_start");
    check(&["--start", "2025-03-30 11:00", "--room", &f.other_room], "--room", "wrong_event");
    check(&["--start", "30/03/2025 11:00"], "--start", "invalid_time");
    // A role not in the list.
    let run = f.cli.run(&["speaker", "assign", "--session", &f.lunch, "--speaker", &f.omar, "--role", "keynote"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--role") && run.stderr.contains("chair, moderator"), "{}", run.stderr);
    // An unknown session.
    let run = f.cli.run(&["session", "move", "00000000-dead", "--start", "2025-03-30 11:00"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
}

#[test]
fn conflicts_exit_status() {
    let f = Forum::new();
    let run = f.cli.run(&["conflicts", "--event", &f.event]);
    assert_eq!((run.code, run.stdout.trim()), (0, "no conflicts"), "{}", run.stderr);

    // Move the panel onto the opening's room and time: the hall is double booked, and Amina
    // (chair of one, moderator of the other) is in two sessions at once.
    f.cli.ok(&["session", "move", &f.panel, "--start", "2025-03-30 09:30", "--room", &f.hall]);
    let run = f.cli.run(&["--json", "conflicts", "--event", &f.event]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String, String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["who"]["en"].as_str().unwrap().to_owned(),
                c["sessionId"].as_str().unwrap().to_owned(),
                c["otherSessionId"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    // The panel (09:30–11:00) also overlaps nothing else: lunch starts at 12:00.
    assert_eq!(
        found,
        [
            ("room_double_booked".into(), "Plenary hall".into(), f.opening.clone(), f.panel.clone()),
            ("person_double_booked".into(), "Amina Yusuf".into(), f.opening.clone(), f.panel.clone()),
        ]
    );
    let text = f.cli.run(&["conflicts", "--event", &f.event]);
    assert_eq!(text.code, 3);
    assert!(text.stdout.contains("Amina Yusuf is in") && text.stdout.contains("2 conflicts"), "{}", text.stdout);

    // Rules stored with the event and its people: travel buffer and availability.
    f.cli.ok(&["session", "move", &f.panel, "--start", "2025-03-30 10:05", "--room", &f.annex]);
    f.cli.ok(&["event", "travel-buffer", &f.event, "--minutes", "10"]);
    f.cli.ok(&[
        "speaker",
        "available",
        "--speaker",
        &f.omar,
        "--start",
        "2025-03-30 11:00",
        "--end",
        "2025-03-30 18:00",
    ]);
    let run = f.cli.run(&["--json", "conflicts", "--event", &f.event]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let kinds: Vec<&str> = found.as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["too_little_travel_time", "outside_availability"]);
    let run = f.cli.run(&["event", "travel-buffer", &f.event, "--minutes", "5000"]);
    assert!(run.code == 2 && run.stderr.contains("--minutes"), "{}", run.stderr);
    let run = f.cli.run(&["conflicts", "--event", "ffffffff"]);
    assert_eq!(run.code, 4);
}

impl Forum {
    /// The hall as `room list --json` has it.
    fn hall(&self) -> serde_json::Value {
        let rooms = self.cli.json(&["room", "list", "--event", &self.event]);
        rooms.as_array().unwrap().iter().find(|r| r["id"] == self.hall.as_str()).unwrap().clone()
    }

    /// The kinds of the conflicts `muntada conflicts` finds.
    fn conflict_kinds(&self) -> Vec<String> {
        let run = self.cli.run(&["--json", "conflicts", "--event", &self.event]);
        let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        found.as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap().to_owned()).collect()
    }
}

#[test]
fn updating_a_room_changes_what_is_given_and_the_conflicts_follow() {
    let f = Forum::new();
    // The panel onto the opening's room and time: the hall is double booked (and Amina too).
    f.cli.ok(&["session", "move", &f.panel, "--start", "2025-03-30 09:30", "--room", &f.hall]);
    assert_eq!(f.conflict_kinds(), ["room_double_booked", "person_double_booked"]);

    // By a prefix of its id, like every other id the CLI takes (the first 8 characters of ids
    // made in one second are alike).
    let id = f.cli.ok(&["room", "update", &f.hall[..30], "--name", "Main hall", "--parallel", "true"]);
    assert_eq!(id, f.hall);
    let hall = f.hall();
    assert_eq!(hall["name"], serde_json::json!({ "en": "Main hall", "ar": "القاعة العامة" }), "the Arabic name stays");
    assert_eq!((hall["capacity"].as_u64(), hall["parallel"].as_bool()), (Some(200), Some(true)), "the seats stay");
    assert_eq!(f.conflict_kinds(), ["person_double_booked"], "sessions may overlap in a parallel room");

    // Opening hours after the opening's start (09:00) and only the closing time changed later.
    f.cli.ok(&["room", "update", &f.hall, "--opens", "09:15", "--closes", "17:00", "--capacity", "none"]);
    assert_eq!(f.hall()["hours"], serde_json::json!({ "opens": "09:15:00", "closes": "17:00:00" }));
    assert_eq!(f.hall()["capacity"], serde_json::Value::Null);
    assert_eq!(f.conflict_kinds(), ["person_double_booked", "outside_room_hours"]);
    f.cli.ok(&["room", "update", &f.hall, "--closes", "18:00"]);
    assert_eq!(f.hall()["hours"], serde_json::json!({ "opens": "09:15:00", "closes": "18:00:00" }));

    // Both times empty: open all day again; and back to one session at a time.
    f.cli.ok(&["room", "update", &f.hall, "--opens", "", "--closes", "", "--parallel", "false", "--capacity", "40"]);
    let hall = f.hall();
    assert_eq!(
        (&hall["hours"], hall["capacity"].as_u64(), hall["parallel"].as_bool()),
        (&serde_json::Value::Null, Some(40), Some(false))
    );
    assert_eq!(f.conflict_kinds(), ["room_double_booked", "person_double_booked"]);
    let text = f.cli.ok(&["room", "list", "--event", &f.event]);
    assert!(text.contains(&format!("{}  Main hall / القاعة العامة  40 seats, open all day", f.hall)), "{text}");
}

#[test]
fn bad_room_updates_name_the_flag_and_write_nothing() {
    let f = Forum::new();
    f.cli.ok(&["room", "update", &f.hall, "--opens", "09:00", "--closes", "18:00"]);
    let rooms = || f.cli.ok(&["--json", "room", "list", "--event", &f.event]);
    let check = |extra: &[&str], flag: &str, reason: &str| {
        let before = rooms();
        let mut args = vec!["--json", "room", "update", f.hall.as_str()];
        args.extend(extra);
        let run = f.cli.run(&args);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
        assert_eq!((error["field"].as_str(), error["reason"].as_str()), (Some(flag), Some(reason)), "{extra:?}");
        assert_eq!(rooms(), before, "{extra:?} wrote something");
    };
    check(&["--capacity", "0"], "--capacity", "invalid_value");
    check(&["--capacity", "many", "--name", "Renamed"], "--capacity", "invalid_value");
    check(&["--parallel", "yes"], "--parallel", "invalid_value");
    check(&["--opens", "25:00"], "--opens", "invalid_time");
    check(&["--opens", "19:00"], "--closes", "end_before_start");
    check(&["--opens", "10:00", "--closes", "09:30"], "--closes", "end_before_start");
    check(&["--opens", ""], "--opens", "required");
    check(&["--name", "", "--name-ar", " "], "--name", "required");
    check(&["--name", &"x".repeat(1_000)], "--name", "too_long");
    // Not a room, and a room id given where a session's was expected: not found, nothing written.
    for id in ["00000000-dead", f.opening.as_str()] {
        let before = rooms();
        let run = f.cli.run(&["room", "update", id, "--capacity", "10"]);
        assert_eq!(run.code, 4, "{}", run.stderr);
        assert_eq!(rooms(), before);
    }
}

#[test]
fn deleting_a_room_is_refused_while_sessions_are_in_it() {
    let f = Forum::new();
    let rooms = || f.cli.ok(&["--json", "room", "list", "--event", &f.event]);
    // The hall has the opening and lunch: refused, saying how many, and nothing written.
    let before = rooms();
    let run = f.cli.run(&["--json", "room", "delete", &f.hall[..30]]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!((error["code"].as_str(), error["reason"].as_str()), (Some("conflict"), Some("in_use")), "{error}");
    assert!(error["message"].as_str().unwrap().contains("2 sessions"), "{error}");
    assert_eq!(rooms(), before);
    let run = f.cli.run(&["room", "delete", &f.annex]);
    assert!(run.code == 1 && run.stderr.contains("1 session is"), "{}", run.stderr);

    // With its sessions moved out, the room goes; the other event's room is untouched.
    f.cli.ok(&["session", "move", &f.opening, "--start", "2025-03-30 09:00", "--room", &f.annex]);
    f.cli.ok(&["session", "move", &f.lunch, "--start", "2025-03-30 12:00", "--room", &f.annex]);
    assert_eq!(f.cli.ok(&["room", "delete", &f.hall[..30]]), format!("deleted room {} (Plenary hall)", f.hall));
    let left = f.cli.json(&["room", "list", "--event", &f.event]);
    let ids: Vec<&str> = left.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [f.annex.as_str()]);
    assert_eq!(f.cli.json(&["room", "list", "--event", &f.other_room_event()]).as_array().unwrap().len(), 1);

    // Gone, or never a room: not found.
    for id in [f.hall.as_str(), "00000000-dead", f.opening.as_str()] {
        let run = f.cli.run(&["room", "delete", id]);
        assert_eq!(run.code, 4, "{id}: {}", run.stderr);
    }
}

impl Forum {
    /// The event of the room that belongs to another event.
    fn other_room_event(&self) -> String {
        let events = self.cli.json(&["event", "list"]);
        let other = events.as_array().unwrap().iter().find(|e| e["title"]["en"] == "Other Forum").unwrap();
        other["id"].as_str().unwrap().to_owned()
    }
}

#[test]
fn releases_and_what_changed() {
    let f = Forum::new();
    assert_eq!(f.cli.ok(&["release", "list", "--event", &f.event]), "no releases yet: the programme is a draft");
    let v1 = f.cli.json(&["release", "create", "--event", &f.event, "--name", "v1"]);
    assert_eq!((v1["name"].as_str(), v1["sessions"].as_u64()), (Some("v1"), Some(3)));
    let run = f.cli.run(&["release", "create", "--event", &f.event, "--name", "v1"]);
    assert!(run.code != 0 && run.stderr.contains("--name"), "a name is used once: {}", run.stderr);
    let run = f.cli.run(&["release", "create", "--event", &f.event, "--name", "Draft"]);
    assert!(run.code == 2 && run.stderr.contains("--name"), "{}", run.stderr);

    // Nothing changed yet.
    assert_eq!(f.cli.ok(&["release", "diff", "--event", &f.event, "--from", "v1"]), "no changes");

    f.cli.ok(&["session", "move", &f.lunch, "--start", "2025-03-30 12:30", "--room", &f.annex]);
    f.cli.ok(&["speaker", "assign", "--session", &f.opening, "--speaker", &f.omar, "--role", "speaker"]);
    f.cli.ok(&[
        "session",
        "add",
        "--event",
        &f.event,
        "--title",
        "Closing",
        "--start",
        "2025-03-31 16:00",
        "--end",
        "2025-03-31 17:00",
        "--kind",
        "closing",
    ]);
    let diff = f.cli.ok(&["release", "diff", "--event", &f.event, "--from", "v1", "--to", "draft"]);
    let expected = [
        "added      Closing  (2025-03-31 16:00–17:00)",
        "moved      Lunch  (2025-03-30 12:00–13:00, Plenary hall → 2025-03-30 12:30–13:30, Annex)",
        "people     Opening  + Omar Haddad (speaker)",
    ];
    assert_eq!(diff.lines().collect::<Vec<_>>(), expected);

    f.cli.ok(&["release", "create", "--event", &f.event, "--name", "v2"]);
    let back = f.cli.json(&["release", "diff", "--event", &f.event, "--from", "v2", "--to", "v1"]);
    assert_eq!(back["cancelled"][0]["title"]["en"], "Closing");
    assert_eq!(back["moved"][0]["to"]["room"]["en"], "Plenary hall");
    assert_eq!(back["people"][0]["removed"][0]["role"], "speaker");
    let list = f.cli.json(&["release", "list", "--event", &f.event]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["v1", "v2"]);
    let run = f.cli.run(&["release", "diff", "--event", &f.event, "--from", "v9"]);
    assert!(run.code == 4 && run.stderr.contains("--from"), "{}", run.stderr);

    // Exports of a release show it as it was frozen.
    let path = f.cli.path("v1.ics");
    f.cli.ok(&["export", "ical", "--event", &f.event, "--release", "v1", "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("Closing"), "v1 had no closing session");
}

/// The VEVENTs of an iCalendar text as the `icalendar` crate's parser reads them:
/// (UID, DTSTART, DTEND, SUMMARY, LOCATION).
fn parse_ical(text: &str) -> Vec<[String; 5]> {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{text}"));
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let prop = |name: &str| c.find_prop(name).map(|p| p.val.as_str().to_owned()).unwrap_or_default();
            [prop("UID"), prop("DTSTART"), prop("DTEND"), prop("SUMMARY"), prop("LOCATION")]
        })
        .collect()
}

#[test]
fn ical_export_reads_back() {
    let f = Forum::new();
    let path = f.cli.path("forum.ics");
    f.cli.ok(&["export", "ical", "--event", &f.event, "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "75 octets and the CR");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let events = parse_ical(&text);
    let uid = |id: &str| format!("{id}@muntada");
    assert_eq!(
        events,
        [
            [
                uid(&f.opening),
                "20250330T070000Z".into(),
                "20250330T080000Z".into(),
                "Opening".into(),
                "Plenary hall".into()
            ],
            [
                uid(&f.panel),
                "20250330T083000Z".into(),
                "20250330T100000Z".into(),
                "Panel; youth, peace".into(),
                "Annex".into()
            ],
            [
                uid(&f.lunch),
                "20250330T100000Z".into(),
                "20250330T110000Z".into(),
                "Lunch".into(),
                "Plenary hall".into()
            ],
        ]
    );
    assert!(text.contains("SUMMARY:Panel\\; youth\\, peace\r\n"), "escaped on the wire");
    assert!(text.contains("Moderator: H.E. Amina Yusuf"), "people with roles and honorifics");

    // One speaker's calendar: the same UIDs, so a calendar that has both updates, not doubles.
    f.cli.ok(&["export", "ical", "--event", &f.event, "--speaker", &f.omar, "--out", path.to_str().unwrap()]);
    let omar = parse_ical(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(omar.iter().map(|e| e[0].clone()).collect::<Vec<_>>(), [uid(&f.panel)]);
    f.cli.ok(&["export", "ical", "--event", &f.event, "--speaker", &f.amina, "--out", path.to_str().unwrap()]);
    let amina = parse_ical(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(amina.iter().map(|e| e[0].clone()).collect::<Vec<_>>(), [uid(&f.opening), uid(&f.panel)]);
    let run = f.cli.run(&["export", "ical", "--event", &f.event, "--speaker", "ffffffff", "--out", "x.ics"]);
    assert!(run.code == 4 && run.stderr.contains("--speaker"), "{}", run.stderr);
}

#[test]
fn schedule_json_in_frab_shape() {
    let f = Forum::new();
    let schedule = f.schedule();
    let conference = &schedule["schedule"]["conference"];
    assert_eq!(conference["time_zone_name"], "Europe/Vienna");
    assert_eq!(conference["daysCount"], 3);
    let days = conference["days"].as_array().unwrap();
    assert_eq!(days.len(), 3);
    assert_eq!(days[1]["date"], "2025-03-30");
    // The day of the change begins in winter time and ends in summer time.
    assert_eq!(
        (days[1]["day_start"].as_str(), days[1]["day_end"].as_str()),
        (Some("2025-03-30T00:00:00+01:00"), Some("2025-03-31T00:00:00+02:00"))
    );
    let panel = &days[1]["rooms"]["Annex"][0];
    assert_eq!(panel["guid"], f.panel.as_str());
    assert_eq!((panel["start"].as_str(), panel["duration"].as_str()), (Some("10:30"), Some("01:30")));
    assert_eq!(panel["date"], "2025-03-30T10:30:00+02:00");
    assert_eq!(panel["subtitle"], "حلقة الشباب");
    let persons: Vec<&str> =
        panel["persons"].as_array().unwrap().iter().map(|p| p["public_name"].as_str().unwrap()).collect();
    assert_eq!(persons, ["H.E. Amina Yusuf", "Dr Omar Haddad"]);
    assert_eq!(f.slots().len(), 3, "every session once");
    // The numeric id is stable: a second export gives the same.
    assert_eq!(f.schedule()["schedule"]["conference"]["days"][1]["rooms"]["Annex"][0]["id"], panel["id"]);
}

#[test]
fn programme_pdf_in_both_languages() {
    let f = Forum::new();
    let export = |lang: &str, extra: &[&str]| -> PathBuf {
        let path = f.cli.path(&format!("programme-{lang}-{}.pdf", extra.len()));
        let mut args =
            vec!["export", "programme", "--event", &f.event, "--lang", lang, "--out", path.to_str().unwrap()];
        args.extend(extra);
        f.cli.ok(&args);
        path
    };
    let en = text_of(&export("en", &[]), None);
    for needle in [
        "Programme",
        "30 March 2025",
        "09:00–10:00",
        "Times in Vienna",
        "Plenary hall",
        "Opening",
        "Chair: H.E. Amina Yusuf",
        "Panellist: Dr Omar Haddad",
        "Break",
        "Draft",
    ] {
        assert_contains_text(&en, needle, "English programme");
    }
    let ar = text_of(&export("ar", &[]), None);
    for needle in [
        "البرنامج",
        "٣٠ مارس ٢٠٢٥",
        "٠٩:٠٠–١٠:٠٠",
        "التوقيت بحسب فيينا",
        "القاعة العامة",
        "الافتتاح",
        "رئيس الجلسة",
        "أمينة يوسف",
        "مسودة",
    ] {
        assert_contains_text(&ar, needle, "Arabic programme");
    }
    // Door sheets: one page per room, each with only its room's sessions.
    f.cli.ok(&["release", "create", "--event", &f.event, "--name", "v1"]);
    let doors = export("en", &["--door-sheets", "--release", "v1"]);
    assert_eq!(page_count(&doors), 2);
    // Rooms in name order: the annex first, then the hall.
    let hall = text_of(&doors, Some(2));
    assert_contains_text(&hall, "Release v1", "door sheet");
    assert_contains_text(&hall, "Lunch", "door sheet of the hall");
    assert!(!hall.contains("youth"), "the panel is in the annex:\n{hall}");
    let run = f.cli.run(&["export", "programme", "--event", &f.event, "--lang", "fr", "--out", "x.pdf"]);
    assert!(run.code == 2 && run.stderr.contains("--lang"), "{}", run.stderr);
    assert!(!Path::new("x.pdf").exists());
}

#[test]
fn next_years_edition() {
    let f = Forum::new();
    f.cli.ok(&["event", "travel-buffer", &f.event, "--minutes", "15"]);
    f.cli.ok(&["participant", "add", "--event", &f.event, "--name", "Guest", "--category", "media"]);
    // A year later, in winter time all three days: the same local times.
    let next = f.cli.ok(&["event", "clone", &f.event, "--start", "2026-03-21"]);
    let show = f.cli.json(&["event", "show", &next]);
    assert_eq!(
        (show["event"]["startDate"].as_str(), show["event"]["endDate"].as_str()),
        (Some("2026-03-21"), Some("2026-03-23"))
    );
    assert_eq!(show["event"]["status"], "draft");
    let counts = &show["counts"];
    assert_eq!((counts["rooms"].as_u64(), counts["sessions"].as_u64()), (Some(2), Some(3)));
    assert_eq!(
        (counts["speakers"].as_u64(), counts["participants"].as_u64(), counts["pledges"].as_u64()),
        (Some(0), Some(0), Some(0))
    );
    let path = f.cli.path("next.json");
    f.cli.ok(&["export", "schedule-json", "--event", &next, "--out", path.to_str().unwrap()]);
    let schedule: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let opening = &schedule["schedule"]["conference"]["days"][1]["rooms"]["Plenary hall"][0];
    assert_eq!(
        (opening["title"].as_str(), opening["date"].as_str()),
        (Some("Opening"), Some("2026-03-22T09:00:00+01:00"))
    );
    // The new edition's categories are its own: a participant can be registered in them.
    f.cli.ok(&["participant", "add", "--event", &next, "--name", "Guest", "--category", "media"]);
    let run = f.cli.run(&["event", "clone", &f.event, "--start", "2026-02-30"]);
    assert!(run.code == 2 && run.stderr.contains("--start"), "{}", run.stderr);
}

mod ical_properties {
    use chrono::{Duration, NaiveDate, TimeZone, Utc};
    use muntada::event::{Event, EventStatus};
    use muntada::programme::release::Snapshot;
    use muntada::programme::{ical, Session, SessionKind};
    use muntada::{Bilingual, Id};
    use proptest::prelude::*;

    fn event() -> Event {
        let day = NaiveDate::from_ymd_opt(2025, 3, 29).unwrap();
        Event {
            version: 1,
            id: Id::new(),
            title: Bilingual::new("Forum, 2025; \\ Vienna", "منتدى"),
            description: Bilingual::default(),
            venue: Bilingual::default(),
            city: Bilingual::default(),
            country: None,
            timezone: "Europe/Vienna".into(),
            start_date: day,
            end_date: day,
            organisers: Vec::new(),
            signatories: Vec::new(),
            arabic_digits: Default::default(),
            status: EventStatus::Draft,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every session appears once, with its UID, its times to the second and its title.
        #[test]
        fn every_session_once_and_times_round_trip(
            sessions in prop::collection::vec(
                ("[a-zA-Z0-9منتدىé][a-zA-Z0-9 ;,:\"\\\\\nمنتدىé]{0,150}[a-zA-Z0-9منتدى]", 0i64..5_000_000, 1i64..20_000),
                0..12,
            )
        ) {
            let base = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
            let snapshot = Snapshot {
                sessions: sessions
                    .iter()
                    .map(|(title, offset, length)| Session {
                        version: 1,
                        id: Id::new(),
                        event_id: Id::new(),
                        room_id: None,
                        title: Bilingual::new(title.clone(), ""),
                        description: Bilingual::default(),
                        kind: SessionKind::Panel,
                        start: base + Duration::seconds(*offset),
                        end: base + Duration::seconds(offset + length),
                    })
                    .collect(),
                ..Snapshot::default()
            };
            let text = ical::calendar(&event(), &snapshot, None, base);
            prop_assert!(text.split("\r\n").all(|l| l.len() <= 75));
            let parsed = super::parse_ical(&text);
            prop_assert_eq!(parsed.len(), snapshot.sessions.len());
            for s in &snapshot.sessions {
                let uid = ical::uid(&s.id);
                let found: Vec<_> = parsed.iter().filter(|e| e[0] == uid).collect();
                prop_assert_eq!(found.len(), 1);
                let utc = |t: chrono::DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
                prop_assert_eq!(&found[0][1], &utc(s.start));
                prop_assert_eq!(&found[0][2], &utc(s.end));
                prop_assert_eq!(&found[0][3], &s.title.en);
            }
        }
    }
}

#[test]
fn room_rules_from_the_command_line() {
    let f = Forum::new();
    let room = |extra: &[&str]| {
        let mut args = vec!["--json", "room", "add", "--event", f.event.as_str(), "--name", "Posters"];
        args.extend(extra);
        f.cli.run(&args)
    };
    for (extra, flag, reason) in [
        (&["--opens", "09:00"][..], "--closes", "required"),
        (&["--closes", "09:00"][..], "--opens", "required"),
        (&["--opens", "18:00", "--closes", "09:00"][..], "--closes", "end_before_start"),
        (&["--opens", "9h", "--closes", "18:00"][..], "--opens", "invalid_time"),
    ] {
        let run = room(extra);
        assert_eq!(run.code, 2, "{extra:?}");
        let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
        assert_eq!((error["field"].as_str(), error["reason"].as_str()), (Some(flag), Some(reason)), "{extra:?}");
    }
    assert_eq!(f.schedule()["schedule"]["conference"]["rooms"].as_array().unwrap().len(), 2, "no room was added");

    let run = room(&["--parallel", "--opens", "09:00", "--closes", "17:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let posters: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((posters["parallel"].as_bool(), posters["hours"]["opens"].as_str()), (Some(true), Some("09:00:00")));
    let posters = posters["id"].as_str().unwrap();
    for (title, start, end) in
        [("Poster A", "2025-03-31 09:00", "2025-03-31 17:00"), ("Poster B", "2025-03-31 16:00", "2025-03-31 18:00")]
    {
        f.cli.ok(&[
            "session", "add", "--event", &f.event, "--title", title, "--start", start, "--end", end, "--room", posters,
        ]);
    }
    let run = f.cli.run(&["--json", "conflicts", "--event", &f.event]);
    assert_eq!(run.code, 3);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["who"]["en"].as_str().unwrap()))
        .collect();
    // Overlapping posters are allowed in a parallel room; 18:00 is after it closes.
    assert_eq!(found, [("outside_room_hours", "Posters")]);
}

/// Editing sessions and their people through the core, as the app's side panel does: each bad
/// input names its field and leaves the programme as it was.
mod editing {
    use muntada::programme::{self, Role, RoomInput, SessionInput, SessionKind, SpeakerInput};
    use muntada::{Bilingual, Store};

    struct Edit {
        store: Store,
        event: String,
        session: String,
        hall: String,
        other_room: String,
        amina: String,
    }

    fn input(start: &str, end: &str, room: Option<&str>) -> SessionInput {
        SessionInput {
            room_id: room.map(str::to_owned),
            title: Bilingual::new("Panel on borders", "حلقة نقاش حول الحدود"),
            description: Bilingual::new("Who crosses where.", ""),
            kind: SessionKind::Panel,
            start: start.into(),
            end: end.into(),
        }
    }

    fn setup() -> Edit {
        let mut store = muntada::store::testing::store();
        let event = crate::forum(&mut store).to_string();
        let mut other = crate::forum_input();
        other.title = Bilingual::new("Another forum", "");
        let other = store.write(|tx| muntada::event::create(tx, &other, chrono::Utc::now())).unwrap().id.to_string();
        let room = |name: &str| RoomInput {
            name: Bilingual::new(name, ""),
            capacity: None,
            parallel: false,
            opens: None,
            closes: None,
        };
        let hall = store
            .write(|tx| programme::add_room(tx, &muntada::Id::parse("id", &event).unwrap(), &room("Hall")))
            .unwrap()
            .id
            .to_string();
        let other_room = store
            .write(|tx| programme::add_room(tx, &muntada::Id::parse("id", &other).unwrap(), &room("Elsewhere")))
            .unwrap()
            .id
            .to_string();
        let session = store
            .write(|tx| {
                programme::add_session(
                    tx,
                    &muntada::Id::parse("id", &event).unwrap(),
                    &input("2025-05-20 09:00", "2025-05-20 10:00", None),
                )
            })
            .unwrap();
        let amina = SpeakerInput { name: Bilingual::new("Amina Yusuf", ""), ..SpeakerInput::default() };
        let amina = store
            .write(|tx| programme::add_speaker(tx, &muntada::Id::parse("id", &event).unwrap(), &amina))
            .unwrap()
            .id
            .to_string();
        Edit { store, event, session: session.id.to_string(), hall, other_room, amina }
    }

    fn sessions(e: &Edit) -> String {
        format!("{:?}", programme::sessions(&e.store, &e.event).unwrap())
    }

    #[test]
    fn update_rewrites_the_session_and_keeps_its_people() {
        let mut e = setup();
        e.store
            .write(|tx| {
                programme::assign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Chair,
                )
            })
            .unwrap();
        let mut changed = input("2025-05-20 11:00", "2025-05-20 12:30", Some(&e.hall));
        changed.title = Bilingual::new("Borders", "الحدود");
        changed.kind = SessionKind::Workshop;
        let updated = e
            .store
            .write(|tx| {
                programme::update_session(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    None,
                    &changed,
                    chrono::Utc::now(),
                )
            })
            .unwrap();
        assert_eq!(updated.start.to_rfc3339(), "2025-05-20T08:00:00+00:00", "11:00 in Doha is 08:00 UTC");
        assert_eq!(updated.end.to_rfc3339(), "2025-05-20T09:30:00+00:00");
        let stored = programme::sessions(&e.store, &e.event).unwrap();
        assert_eq!(stored, vec![updated.clone()]);
        assert_eq!((stored[0].title.ar.as_str(), stored[0].kind), ("الحدود", SessionKind::Workshop));
        assert_eq!(stored[0].room_id.as_ref().map(|r| r.to_string()), Some(e.hall.clone()));
        assert_eq!(programme::assignments(&e.store, &e.event).unwrap().len(), 1, "the chair stays");
    }

    #[test]
    fn bad_updates_name_the_field_and_write_nothing() {
        let mut e = setup();
        let cases: Vec<(SessionInput, &str, &str)> = vec![
            (input("2025-05-20 11:00", "2025-05-20 10:00", None), "end", "end_before_start"),
            (input("2025-05-20 11:00", "2025-05-20 11:00", None), "end", "end_before_start"),
            (input("20/05/2025 11:00", "2025-05-20 12:00", None), "start", "invalid_time"),
            (input("2025-05-20 11:00", "2025-05-20 12:00", Some(&e.other_room)), "room", "wrong_event"),
            (
                SessionInput { title: Bilingual::default(), ..input("2025-05-20 11:00", "2025-05-20 12:00", None) },
                "title",
                "required",
            ),
        ];
        for (bad, field, reason) in cases {
            let before = sessions(&e);
            let err = e
                .store
                .write(|tx| {
                    programme::update_session(
                        tx,
                        &muntada::Id::parse("id", &e.session).unwrap(),
                        None,
                        &bad,
                        chrono::Utc::now(),
                    )
                })
                .unwrap_err();
            assert_eq!((err.field.as_deref(), err.reason.as_str()), (Some(field), reason), "{bad:?}");
            assert_eq!(sessions(&e), before, "{bad:?} wrote something");
        }
    }

    #[test]
    fn roles_are_given_and_taken_away() {
        let mut e = setup();
        e.store
            .write(|tx| {
                programme::assign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Chair,
                )
            })
            .unwrap();
        e.store
            .write(|tx| {
                programme::assign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Rapporteur,
                )
            })
            .unwrap();
        let roles = |e: &Edit| -> Vec<Role> {
            programme::assignments(&e.store, &e.event).unwrap().iter().map(|a| a.role).collect()
        };
        assert_eq!(roles(&e), [Role::Chair, Role::Rapporteur]);
        e.store
            .write(|tx| {
                programme::unassign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Chair,
                )
            })
            .unwrap();
        assert_eq!(roles(&e), [Role::Rapporteur]);
        let err = e
            .store
            .write(|tx| {
                programme::unassign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Chair,
                )
            })
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("role"));
        assert_eq!(roles(&e), [Role::Rapporteur]);
    }

    #[test]
    fn deleting_a_session_takes_its_people_with_it() {
        let mut e = setup();
        e.store
            .write(|tx| {
                programme::assign(
                    tx,
                    &muntada::Id::parse("id", &e.session).unwrap(),
                    &muntada::Id::parse("id", &e.amina).unwrap(),
                    Role::Speaker,
                )
            })
            .unwrap();
        e.store
            .write(|tx| {
                programme::delete_session(tx, &muntada::Id::parse("id", &e.session).unwrap(), chrono::Utc::now())
            })
            .unwrap();
        assert!(programme::sessions(&e.store, &e.event).unwrap().is_empty());
        assert!(programme::assignments(&e.store, &e.event).unwrap().is_empty());
        let err = e
            .store
            .write(|tx| {
                programme::delete_session(tx, &muntada::Id::parse("id", &e.session).unwrap(), chrono::Utc::now())
            })
            .unwrap_err();
        assert_eq!(err.reason.as_str(), "not_found");
        assert_eq!(programme::speakers(&e.store, &e.event).unwrap().len(), 1, "the speaker stays");
    }
}

/// Speakers: a profile edited, and a participant made a speaker without retyping.
mod speakers {
    use muntada::participants::{self, ParticipantInput};
    use muntada::programme::{self, SpeakerInput};
    use muntada::{Bilingual, Store};

    fn amina(store: &mut Store, event: &str) -> String {
        let input = ParticipantInput {
            name: Bilingual::new("Amina Yusuf", "أمينة يوسف"),
            email: "amina@example.org".into(),
            organisation: Bilingual::new("African Union", "الاتحاد الأفريقي"),
            country: "NG".into(),
            ..ParticipantInput::default()
        };
        store
            .write(|tx| participants::add(tx, &muntada::Id::parse("id", event).unwrap(), &input, chrono::Utc::now()))
            .unwrap()
            .id
            .to_string()
    }

    #[test]
    fn a_participant_becomes_a_speaker_with_their_details_and_only_once() {
        let mut store = muntada::store::testing::store();
        let event = crate::forum(&mut store).to_string();
        let participant = amina(&mut store, &event);
        let found = programme::speaker_candidates(&store, &event, "amina").unwrap();
        assert_eq!(
            found.iter().map(|c| c.participant_id.to_string()).collect::<Vec<_>>(),
            std::slice::from_ref(&participant)
        );

        let speaker = store
            .write(|tx| {
                programme::speaker_from_participant(
                    tx,
                    &muntada::Id::parse("id", &event).unwrap(),
                    &muntada::Id::parse("id", &participant).unwrap(),
                )
            })
            .unwrap();
        assert_eq!(speaker.name, Bilingual::new("Amina Yusuf", "أمينة يوسف"));
        assert_eq!(speaker.organisation.ar, "الاتحاد الأفريقي");
        assert_eq!((speaker.country.as_deref(), speaker.email.as_deref()), (Some("NG"), Some("amina@example.org")));
        assert_eq!(speaker.participant_id.as_ref().map(|p| p.to_string()), Some(participant.clone()));

        assert!(programme::speaker_candidates(&store, &event, "amina").unwrap().is_empty(), "a speaker already");
        let err = store
            .write(|tx| {
                programme::speaker_from_participant(
                    tx,
                    &muntada::Id::parse("id", &event).unwrap(),
                    &muntada::Id::parse("id", &participant).unwrap(),
                )
            })
            .unwrap_err();
        assert_eq!((err.field.as_deref(), err.reason.as_str()), (Some("participant"), "duplicate"));
        assert_eq!(programme::speakers(&store, &event).unwrap().len(), 1);
    }

    #[test]
    fn a_profile_is_updated_and_bad_input_writes_nothing() {
        let mut store = muntada::store::testing::store();
        let event = crate::forum(&mut store).to_string();
        let participant = amina(&mut store, &event);
        let speaker = store
            .write(|tx| {
                programme::speaker_from_participant(
                    tx,
                    &muntada::Id::parse("id", &event).unwrap(),
                    &muntada::Id::parse("id", &participant).unwrap(),
                )
            })
            .unwrap();
        let mut profile = SpeakerInput {
            participant_id: Some(participant),
            honorific: Bilingual::new("Dr.", "الدكتورة"),
            name: speaker.name.clone(),
            position: Bilingual::new("Commissioner", "مفوضة"),
            organisation: speaker.organisation.clone(),
            country: "NG".into(),
            email: "amina@example.org".into(),
            bio: Bilingual::new("Works on counter-terrorism.", ""),
        };
        let updated =
            store.write(|tx| programme::update_speaker(tx, &speaker.id, None, &profile, chrono::Utc::now())).unwrap();
        assert_eq!(programme::speakers(&store, &event).unwrap(), vec![updated.clone()]);
        assert_eq!((updated.honorific.ar.as_str(), updated.position.en.as_str()), ("الدكتورة", "Commissioner"));

        for (field, bad) in [("country", "ZZ"), ("email", "not an address")] {
            let mut wrong = profile.clone();
            match field {
                "country" => wrong.country = bad.into(),
                _ => wrong.email = bad.into(),
            }
            let err = store
                .write(|tx| programme::update_speaker(tx, &speaker.id, None, &wrong, chrono::Utc::now()))
                .unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field));
            assert_eq!(programme::speakers(&store, &event).unwrap(), vec![updated.clone()], "{field} wrote something");
        }
        profile.name = Bilingual::default();
        let err = store
            .write(|tx| programme::update_speaker(tx, &speaker.id, None, &profile, chrono::Utc::now()))
            .unwrap_err();
        assert_eq!(err.field.as_deref(), Some("name"));
    }
}

/// Sign-ups against a room's seats, through the store: only confirmed participants count.
mod capacity {
    use muntada::participants::{self, ParticipantInput, ParticipantStatus};
    use muntada::programme::{self, conflicts, RoomInput, SessionInput, SessionKind};
    use muntada::{Bilingual, Store};

    #[test]
    fn more_confirmed_signups_than_seats_is_a_conflict() {
        let mut store = muntada::store::testing::store();
        let event = crate::forum(&mut store).to_string();
        let room = RoomInput {
            name: Bilingual::new("Lab", ""),
            capacity: Some(2),
            parallel: false,
            opens: None,
            closes: None,
        };
        let lab = store
            .write(|tx| programme::add_room(tx, &muntada::Id::parse("id", &event).unwrap(), &room))
            .unwrap()
            .id
            .to_string();
        let workshop = SessionInput {
            room_id: Some(lab),
            title: Bilingual::new("Workshop", ""),
            description: Bilingual::default(),
            kind: SessionKind::Workshop,
            start: "2025-05-20 09:00".into(),
            end: "2025-05-20 10:00".into(),
        };
        let workshop = store
            .write(|tx| programme::add_session(tx, &muntada::Id::parse("id", &event).unwrap(), &workshop))
            .unwrap()
            .id
            .to_string();
        let mut person = |name: &str, status| {
            let input = ParticipantInput { name: Bilingual::new(name, ""), status, ..ParticipantInput::default() };
            store
                .write(|tx| {
                    participants::add(tx, &muntada::Id::parse("id", &event).unwrap(), &input, chrono::Utc::now())
                })
                .unwrap()
                .id
                .to_string()
        };
        let people = [
            person("Amina", ParticipantStatus::Confirmed),
            person("Omar", ParticipantStatus::CheckedIn),
            person("Lina", ParticipantStatus::Waitlisted),
            person("Karim", ParticipantStatus::Confirmed),
        ];
        let kinds = |store: &Store| -> Vec<&'static str> {
            conflicts::check_event(store, &event).unwrap().iter().map(|c| c.kind.as_str()).collect()
        };
        for p in &people[..3] {
            store
                .write(|tx| {
                    programme::sign_up(
                        tx,
                        &muntada::Id::parse("id", &workshop).unwrap(),
                        &muntada::Id::parse("id", p).unwrap(),
                    )
                })
                .unwrap();
        }
        assert_eq!(
            kinds(&store),
            Vec::<&str>::new(),
            "two confirmed (one checked in) and one waitlisted fit two seats"
        );
        store
            .write(|tx| {
                programme::sign_up(
                    tx,
                    &muntada::Id::parse("id", &workshop).unwrap(),
                    &muntada::Id::parse("id", &people[3]).unwrap(),
                )
            })
            .unwrap();
        let found = conflicts::check_event(&store, &event).unwrap();
        assert_eq!(found.iter().map(|c| c.kind.as_str()).collect::<Vec<_>>(), ["room_over_capacity"]);
        assert_eq!(found[0].who.en, "Lab");
        assert!(found[0].message.contains("3 confirmed participants"), "{}", found[0].message);
        // Signing up twice counts once.
        store
            .write(|tx| {
                programme::sign_up(
                    tx,
                    &muntada::Id::parse("id", &workshop).unwrap(),
                    &muntada::Id::parse("id", &people[3]).unwrap(),
                )
            })
            .unwrap();
        assert!(conflicts::check_event(&store, &event).unwrap()[0].message.contains("3 confirmed"));
    }
}

#[test]
fn sign_ups_from_the_command_line() {
    let f = Forum::new();
    let lab = f.cli.ok(&["room", "add", "--event", &f.event, "--name", "Lab", "--capacity", "1"]);
    let workshop = f.cli.ok(&[
        "session",
        "add",
        "--event",
        &f.event,
        "--title",
        "Workshop",
        "--start",
        "2025-03-31 09:00",
        "--end",
        "2025-03-31 10:00",
        "--room",
        &lab,
    ]);
    let person = |name: &str| {
        let id = f.cli.ok(&["participant", "add", "--event", &f.event, "--name", name]);
        f.cli.ok(&["participant", "status", "--event", &f.event, "--to", "confirmed", &id]);
        id
    };
    let (rania, tomas) = (person("Rania Saleh"), person("Tomás Ortega"));
    let over = |f: &Forum| {
        let run = f.cli.run(&["--json", "conflicts", "--event", &f.event]);
        let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        found.as_array().unwrap().iter().filter(|c| c["kind"] == "room_over_capacity").count()
    };

    assert_eq!(
        f.cli.ok(&["session", "signup", &workshop, "--participant", &rania]),
        "1 signed up, 1 confirmed; 1 seat"
    );
    assert_eq!(over(&f), 0, "one seat, one person");
    let both = f.cli.json(&["session", "signup", &workshop, "--participant", &tomas]);
    assert_eq!((both["confirmed"].as_u64(), both["capacity"].as_u64()), (Some(2), Some(1)));
    let names: Vec<&str> =
        both["participants"].as_array().unwrap().iter().map(|p| p["name"]["en"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rania Saleh", "Tomás Ortega"]);
    assert_eq!(over(&f), 1, "two confirmed for one seat");

    assert_eq!(
        f.cli.ok(&["session", "signup", &workshop, "--participant", &tomas, "--remove"]),
        "1 signed up, 1 confirmed; 1 seat"
    );
    assert_eq!(over(&f), 0);
    // Taking off someone not signed up, or signing up someone unknown, names the flag.
    for args in [
        vec!["session", "signup", workshop.as_str(), "--participant", tomas.as_str(), "--remove"],
        vec!["session", "signup", workshop.as_str(), "--participant", "ffffffff"],
        vec!["session", "signup", "ffffffff", "--participant", rania.as_str()],
    ] {
        let run = f.cli.run(&args);
        let flag = if args[2] == "ffffffff" { "--id" } else { "--participant" };
        assert!(run.code != 0 && run.stderr.contains(flag), "{args:?}: {}", run.stderr);
    }
    let run = f.cli.run(&["room", "add", "--event", &f.event, "--name", "Closet", "--capacity", "0"]);
    assert!(run.code == 2 && run.stderr.contains("--capacity"), "{}", run.stderr);
}
