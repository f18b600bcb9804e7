//! The programme feeds that other tools read, checked against their owners' schemas: the
//! schedule JSON against c3voc's JSON schema, the frab schedule XML against c3voc's XSD (with
//! `xmllint`, libxml2's validator), and the iCal file read back by the `icalendar` crate. The
//! schemas are in `tests/fixtures/voc-schedule/` with their licence. Each check is shown to fail
//! on a document the schema refuses, so a green run means something.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use icalendar::{CalendarComponent, Component, DatePerhapsTime};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voc-schedule").join(name)
}

/// A database with the demo forum (Doha, Asia/Qatar) loaded through the real binary.
struct Demo {
    dir: tempfile::TempDir,
    event: String,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let mut demo = Demo { dir, event: String::new() };
        demo.event = demo.ok(&["demo"]);
        demo
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
            .arg("--db")
            .arg(self.path("muntada.db"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "muntada {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// Runs `export KIND` of the demo and gives the file's text.
    fn export(&self, kind: &str, file: &str) -> String {
        let path = self.path(file);
        self.ok(&["export", kind, "--event", &self.event, "--out", path.to_str().unwrap()]);
        std::fs::read_to_string(path).unwrap()
    }
}

/// What the c3voc schema says of `document`: its complaints, each with where it is.
fn schema_errors(document: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(fixture("schema.json")).unwrap()).unwrap();
    // The schema declares draft-06; formats (uuid, date-time, uri) are checked too.
    let validator = jsonschema::draft6::options().should_validate_formats(true).build(&schema).unwrap();
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// How many sessions a schedule JSON lists, over all its days and rooms.
fn session_count(schedule: &Value) -> usize {
    schedule["schedule"]["conference"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .map(|r| r.as_array().unwrap().len())
        .sum()
}

#[test]
fn schedule_json_passes_the_c3voc_schema() {
    // The positive control: pretalx's own export passes, so the validator is set up right.
    let pretalx: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("pretalx-democon.json")).unwrap()).unwrap();
    assert_eq!(schema_errors(&pretalx), Vec::<String>::new(), "pretalx's export");

    let demo = Demo::new();
    let ours: Value = serde_json::from_str(&demo.export("schedule-json", "schedule.json")).unwrap();
    assert_eq!(schema_errors(&ours), Vec::<String>::new(), "our export of the demo");
    let sessions = session_count(&ours);
    assert!(sessions > 5, "the demo's sessions are in it: {sessions}");

    // The check can fail: what the schema refuses is reported, where it is.
    for (pointer, bad, complaint) in [
        ("/schedule/conference/acronym", Value::from("Doha Forum"), "/schedule/conference/acronym"),
        ("/schedule/conference/daysCount", Value::from("three"), "/schedule/conference/daysCount"),
        ("/schedule/conference/days/0/date", Value::from("20 May"), "/schedule/conference/days/0/date"),
    ] {
        let mut broken = ours.clone();
        *broken.pointer_mut(pointer).unwrap() = bad;
        let errors = schema_errors(&broken);
        assert!(errors.iter().any(|e| e.starts_with(complaint)), "{pointer}: {errors:?}");
    }
}

/// Each VEVENT of an iCal text as the `icalendar` crate reads it: (UID, SUMMARY, start, end) with
/// the instants as that parser resolves them (UTC, or a TZID it looks up itself).
fn ical_instants(text: &str) -> Vec<(String, String, DateTime<Utc>, DateTime<Utc>)> {
    let calendar: icalendar::Calendar = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    let instant = |t: Option<DatePerhapsTime>| match t {
        Some(DatePerhapsTime::DateTime(t)) => t.try_into_utc().expect("a time with a zone, not a floating one"),
        other => panic!("not a date-time: {other:?}"),
    };
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap_or_default().to_owned(),
                e.get_summary().unwrap_or_default().to_owned(),
                instant(e.get_start()),
                instant(e.get_end()),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn ical_instants_in_doha_and_tunis() {
    let demo = Demo::new();
    let events = ical_instants(&demo.export("ical", "programme.ics"));
    // The demo's opening: 09:30–10:30 in Doha (UTC+3 all year) on 21 May 2024.
    let opening = events.iter().find(|e| e.1 == "Opening Session").expect("the opening session");
    assert_eq!(
        (opening.2, opening.3),
        (utc("2024-05-21T06:30:00Z"), utc("2024-05-21T07:30:00Z")),
        "09:30 in Doha is 06:30 UTC"
    );
    // Every session is at the instant the schedule JSON gives in Doha's local time, and on the
    // same day there.
    let schedule: Value = serde_json::from_str(&demo.export("schedule-json", "schedule.json")).unwrap();
    let mut local = std::collections::HashMap::new();
    for day in schedule["schedule"]["conference"]["days"].as_array().unwrap() {
        for sessions in day["rooms"].as_object().unwrap().values() {
            for s in sessions.as_array().unwrap() {
                let date = DateTime::parse_from_rfc3339(s["date"].as_str().unwrap()).unwrap();
                assert_eq!(date.offset().local_minus_utc(), 3 * 3600, "Doha's offset: {s}");
                local.insert(format!("{}@muntada", s["guid"].as_str().unwrap()), date);
            }
        }
    }
    assert_eq!(events.len(), local.len(), "every session once in both");
    let doha: muntada::time::Tz = "Asia/Qatar".parse().unwrap();
    for (uid, title, start, _) in &events {
        let there = local.get(uid).unwrap_or_else(|| panic!("{title}: {uid} not in the schedule"));
        assert_eq!(*start, there.to_utc(), "{title}");
        assert_eq!(start.with_timezone(&doha).naive_local(), there.naive_local(), "{title}");
    }

    // An event in Tunis (UTC+1, no summer time since 2009): 09:00 there is 08:00 UTC.
    let tunis = demo.ok(&[
        "event",
        "create",
        "--title",
        "Tunis Forum",
        "--start",
        "2025-07-01",
        "--end",
        "2025-07-02",
        "--timezone",
        "Africa/Tunis",
    ]);
    for (title, start, end) in
        [("Opening", "2025-07-01 09:00", "2025-07-01 10:15"), ("Late", "2025-07-02 23:30", "2025-07-02 23:59")]
    {
        demo.ok(&["session", "add", "--event", &tunis, "--title", title, "--start", start, "--end", end]);
    }
    let path = demo.path("tunis.ics");
    demo.ok(&["export", "ical", "--event", &tunis, "--out", path.to_str().unwrap()]);
    let mut events = ical_instants(&std::fs::read_to_string(path).unwrap());
    events.sort_by_key(|e| e.2);
    let got: Vec<_> = events.iter().map(|e| (e.1.as_str(), e.2, e.3)).collect();
    assert_eq!(
        got,
        [
            ("Opening", utc("2025-07-01T08:00:00Z"), utc("2025-07-01T09:15:00Z")),
            ("Late", utc("2025-07-02T22:30:00Z"), utc("2025-07-02T22:59:00Z")),
        ]
    );
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// What `xmllint --schema schedule.xml.xsd` (libxml2's validator, from the Debian package
/// libxml2-utils that `make test` installs) says of `xml`: `Ok` when it validates, else its
/// complaints.
fn xsd_check(dir: &Path, xml: &str) -> Result<(), String> {
    let file = dir.join("checked.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(fixture("schedule.xml.xsd"))
        .arg(&file)
        .output()
        .expect("xmllint is missing: install libxml2-utils (make test does)");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() {
        assert!(said.contains("validates"), "{said}");
        Ok(())
    } else {
        Err(said)
    }
}

#[test]
fn schedule_xml_passes_the_c3voc_xsd() {
    let demo = Demo::new();
    let xml = demo.export("schedule-xml", "schedule.xml");
    if let Err(said) = xsd_check(demo.dir.path(), &xml) {
        panic!("our export of the demo is refused:\n{said}\n{xml}");
    }
    assert!(xml.contains("<title>Opening Session</title>"), "{xml}");
    assert!(xml.contains("<subtitle>الجلسة الافتتاحية</subtitle>"), "Arabic kept as text");
    assert!(xml.contains("<date>2024-05-21T09:30:00+03:00</date>"), "local time with Doha's offset");
    assert!(xml.contains("<time_zone_name>Asia/Qatar</time_zone_name>"));
    let json: Value = serde_json::from_str(&demo.export("schedule-json", "schedule.json")).unwrap();
    assert_eq!(xml.matches("<event id=").count(), session_count(&json), "the same sessions as the JSON");

    // User text with markup in it stays text, and the file still validates.
    let event = demo.ok(&[
        "event",
        "create",
        "--title",
        "Youth & <Peace>",
        "--title-ar",
        "منتدى \"الشباب\"",
        "--start",
        "2025-07-01",
        "--end",
        "2025-07-01",
        "--timezone",
        "Africa/Tunis",
    ]);
    demo.ok(&[
        "session",
        "add",
        "--event",
        &event,
        "--title",
        "</title><script>x</script> & 'more'",
        "--start",
        "2025-07-01 09:00",
        "--end",
        "2025-07-01 10:00",
    ]);
    let path = demo.path("markup.xml");
    demo.ok(&["export", "schedule-xml", "--event", &event, "--out", path.to_str().unwrap()]);
    let markup = std::fs::read_to_string(path).unwrap();
    xsd_check(demo.dir.path(), &markup).unwrap_or_else(|said| panic!("{said}\n{markup}"));
    assert!(
        markup.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; &apos;more&apos;</title>"),
        "{markup}"
    );
    assert!(markup.contains("<acronym>youth_peace</acronym>"), "{markup}");

    // The check can fail: documents the schema refuses are reported.
    for (from, to) in [
        ("<acronym>", "<acronym>X "),
        ("<time_zone_name>", "<bogus/><time_zone_name>"),
        ("<date>2024-05-21T09:30:00+03:00</date>", "<date>21 May 2024, 09:30</date>"),
    ] {
        let broken = xml.replacen(from, to, 1);
        assert_ne!(broken, xml, "{from} is in the export");
        let said = xsd_check(demo.dir.path(), &broken).expect_err(to);
        assert!(said.contains("fails to validate"), "{said}");
    }
    // Two events with one guid: the schema's uniqueness rule. (The first guid in the file is a
    // room's, the second the first event's.)
    let first_guid = xml.split("guid=\"").nth(2).unwrap().split('"').next().unwrap().to_owned();
    let second = xml.split("<event id=").nth(2).unwrap().split("guid=\"").nth(1).unwrap().split('"').next().unwrap();
    let twice = xml.replacen(second, &first_guid, 1);
    assert!(xsd_check(demo.dir.path(), &twice).is_err(), "a repeated guid is refused");
}
