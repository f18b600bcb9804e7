//! The `muntada` binary as coordinators use it: real process, real database file.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Cli {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("muntada.db");
        Cli { _dir: dir, db }
    }

    fn run(&self, args: &[&str]) -> Run {
        run_with_db(&self.db, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "muntada {args:?} failed: {}", run.stderr);
        run.stdout.trim().to_owned()
    }

    fn event(&self) -> String {
        self.ok(&[
            "event",
            "create",
            "--title",
            "Forum",
            "--title-ar",
            "منتدى",
            "--start",
            "2025-03-29",
            "--end",
            "2025-03-31",
            "--timezone",
            "Europe/Vienna",
            "--country",
            "AT",
            "--organiser",
            "UNODC",
            "--organiser",
            "Austria",
        ])
    }
}

fn run_with_db(db: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_muntada")).arg("--db").arg(db).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Runs a command that must fail: checks the flag named on stderr and that the database's
/// observable content (`event list --json` and the given listing) did not change.
fn check_refused(cli: &Cli, args: &[&str], flag: &str, listing: &[&str]) {
    let before = (cli.run(&["--json", "event", "list"]).stdout, cli.run(listing).stdout);
    let run = cli.run(args);
    assert_ne!(run.code, 0, "muntada {args:?} should fail");
    assert!(run.stderr.contains(flag), "muntada {args:?}: stderr {:?} should name {flag}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let after = (cli.run(&["--json", "event", "list"]).stdout, cli.run(listing).stdout);
    assert_eq!(before, after, "muntada {args:?} wrote something");
}

#[test]
fn events_rooms_sessions_speakers_participants_pledges() {
    let cli = Cli::new();
    let event = cli.event();
    assert_eq!(event.len(), 36);
    let room = cli.ok(&["room", "add", "--event", &event[..8], "--name", "Plenary hall", "--capacity", "300"]);
    // 2025-03-30 is the spring-forward day in Vienna; 10:00 local is 08:00 UTC.
    let session = cli.ok(&[
        "--json",
        "session",
        "add",
        "--event",
        &event,
        "--title",
        "Opening",
        "--start",
        "2025-03-30 10:00",
        "--end",
        "2025-03-30 11:00",
        "--room",
        &room,
        "--kind",
        "opening",
    ]);
    let session: serde_json::Value = serde_json::from_str(&session).unwrap();
    assert_eq!(session["start"], "2025-03-30T08:00:00Z");
    let session = session["id"].as_str().unwrap().to_owned();
    let person = cli.ok(&[
        "participant",
        "add",
        "--event",
        &event,
        "--name",
        "Amina Yusuf",
        "--name-ar",
        "أمينة يوسف",
        "--email",
        "amina@example.org",
        "--country",
        "ng",
        "--category",
        "Member State",
        "--status",
        "confirmed",
    ]);
    let speaker = cli.ok(&[
        "speaker",
        "add",
        "--event",
        &event,
        "--name",
        "Amina Yusuf",
        "--honorific",
        "H.E.",
        "--participant",
        &person,
    ]);
    cli.ok(&["speaker", "assign", "--session", &session, "--speaker", &speaker, "--role", "chair"]);
    cli.ok(&[
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "Austria",
        "--amount",
        "1,000,000",
        "--currency",
        "EUR",
        "--from",
        "2025",
        "--to",
        "2026",
        "--session",
        &session,
        "--speaker",
        &speaker,
    ]);
    cli.ok(&[
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "Japan",
        "--amount",
        "5000000",
        "--currency",
        "JPY",
        "--from",
        "2025",
        "--to",
        "2025",
    ]);

    let listing = cli.ok(&["participant", "list", "--event", &event]);
    assert!(listing.contains("أمينة يوسف") && listing.contains("confirmed"), "{listing}");
    let pledges: serde_json::Value =
        serde_json::from_str(&cli.ok(&["--json", "pledge", "list", "--event", &event])).unwrap();
    let totals: Vec<(&str, &str)> = pledges["summary"]["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["currency"].as_str().unwrap(), c["pledged"].as_str().unwrap()))
        .collect();
    assert_eq!(totals, [("EUR", "1000000.00"), ("JPY", "5000000")]);
    let show = cli.ok(&["event", "show", &event]);
    assert!(show.contains("1,000,000.00 EUR") && show.contains("5,000,000 JPY"), "{show}");
    assert!(show.contains("sessions 1") && show.contains("participants 1"), "{show}");
}

#[test]
fn bad_input_names_the_flag_and_writes_nothing() {
    let cli = Cli::new();
    let event = cli.event();
    let list_sessions = ["--json", "event", "show", event.as_str()];
    let create = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = ["event", "create", "--title", "X", "--start", "2025-01-02", "--end", "2025-01-03"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        if !extra.contains(&"--timezone") {
            args.extend(["--timezone".to_string(), "UTC".to_string()]);
        }
        args
    };
    // Linux caps one argument at 128 KiB; this is still far over the 300-character limit.
    let huge = "x".repeat(100_000);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (create(&["--timezone", "Mars/Olympus"]), "--timezone"),
        (create(&["--end", "2025-01-01"]), "--end"),
        (create(&["--country", "XX"]), "--country"),
        (create(&["--title", &huge]), "--title"),
        (create(&["--status", "finished"]), "--status"),
    ];
    for (args, flag) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        check_refused(&cli, &args, flag, &list_sessions);
    }
    let session = |start: &str, end: &str| {
        vec!["session", "add", "--event", event.as_str(), "--title", "T", "--start", start, "--end", end]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    for (args, flag) in [
        (session("2025-03-30 02:30", "2025-03-30 04:00"), "--start"),
        (session("2025-03-30 10:00", "2025-03-30 10:00"), "--end"),
        (session("2025-03-30 10:00", "2025-03-30 09:00"), "--end"),
        (session("30/03/2025 10:00", "2025-03-30 11:00"), "--start"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        check_refused(&cli, &args, flag, &list_sessions);
    }
    let pledge = |amount: &str, currency: &str, from: &str, to: &str| {
        ["pledge", "add", "--event", &event, "--donor", "D", "--amount", amount, "--currency", currency]
            .into_iter()
            .chain(["--from", from, "--to", to])
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    for (args, flag) in [
        (pledge("1,5", "USD", "2024", "2026"), "--amount"),
        (pledge("-5", "USD", "2024", "2026"), "--amount"),
        (pledge("1e308", "USD", "2024", "2026"), "--amount"),
        (pledge("99999999999999999999", "USD", "2024", "2026"), "--amount"),
        (pledge("5", "USX", "2024", "2026"), "--currency"),
        (pledge("5", "USD", "2026", "2024"), "--to"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        check_refused(&cli, &args, flag, &["--json", "pledge", "list", "--event", &event]);
    }
    check_refused(&cli, &["event", "show", "01234567-89ab-7def-8123-456789abcdef"], "id", &list_sessions);
    check_refused(&cli, &["room", "add", "--event", "0123", "--name", "R"], "--event", &list_sessions);
}

#[test]
fn a_room_of_another_event_is_refused() {
    let cli = Cli::new();
    let (first, second) = (cli.event(), cli.event());
    let room = cli.ok(&["room", "add", "--event", &first, "--name", "Hall"]);
    let args = [
        "session",
        "add",
        "--event",
        &second,
        "--title",
        "T",
        "--start",
        "2025-03-29 10:00",
        "--end",
        "2025-03-29 11:00",
        "--room",
        &room,
    ];
    check_refused(&cli, &args, "--room", &["--json", "event", "show", &second]);
    // The same rule for every link across records: a session, a speaker, a participant.
    let session = cli.ok(&[
        "session",
        "add",
        "--event",
        &first,
        "--title",
        "T",
        "--start",
        "2025-03-29 10:00",
        "--end",
        "2025-03-29 11:00",
    ]);
    let speaker = cli.ok(&["speaker", "add", "--event", &first, "--name", "S"]);
    let person = cli.ok(&["participant", "add", "--event", &first, "--name", "P"]);
    let pledges = ["--json", "pledge", "list", "--event", second.as_str()];
    let pledge = |link: &str, id: &str| {
        ["pledge", "add", "--event", &second, "--donor", "D", "--amount", "1", "--currency", "USD", "--from", "2025"]
            .into_iter()
            .chain([link, id])
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    for (args, flag) in [(pledge("--session", &session), "--session"), (pledge("--speaker", &speaker), "--speaker")] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        check_refused(&cli, &args, flag, &pledges);
    }
    let own = cli.ok(&[
        "session",
        "add",
        "--event",
        &second,
        "--title",
        "T",
        "--start",
        "2025-03-29 10:00",
        "--end",
        "2025-03-29 11:00",
    ]);
    check_refused(
        &cli,
        &["speaker", "assign", "--session", &own, "--speaker", &speaker, "--role", "chair"],
        "--speaker",
        &["--json", "event", "show", &second],
    );
    check_refused(
        &cli,
        &["speaker", "add", "--event", &second, "--name", "S", "--participant", &person],
        "--participant",
        &["--json", "event", "show", &second],
    );
}

#[test]
fn json_errors_are_machine_readable() {
    let cli = Cli::new();
    let run = cli.run(&[
        "--json",
        "event",
        "create",
        "--title",
        "X",
        "--start",
        "2025-01-02",
        "--end",
        "2025-01-01",
        "--timezone",
        "UTC",
    ]);
    assert_eq!(run.code, 2);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["field"], "--end");
    assert_eq!(error["reason"], "end_before_start");
}

#[test]
fn demo_loads_once_and_shows_the_pledge() {
    let cli = Cli::new();
    let id = cli.ok(&["demo"]);
    assert_eq!(cli.ok(&["demo"]), id);
    let show = cli.ok(&["event", "show", &id[..8]]);
    assert!(show.contains("45,000,000.00 USD"), "{show}");
    assert!(cli.ok(&["event", "list"]).contains("المنتدى"));
    let checked_in = cli.ok(&["participant", "list", "--event", &id, "--status", "checked-in"]);
    assert!(checked_in.lines().count() > 1 && !checked_in.contains("confirmed"), "{checked_in}");
}

#[test]
fn an_unwritable_database_is_a_clear_error() {
    let run = run_with_db(Path::new("/proc/muntada/muntada.db"), &["event", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error: cannot"), "{}", run.stderr);
}

#[test]
fn pledge_stages_from_the_command_line() {
    let cli = Cli::new();
    let event = cli.event();
    let pledge: serde_json::Value = serde_json::from_str(&cli.ok(&[
        "--json",
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "State of Qatar",
        "--recipient",
        "UNOCT",
        "--amount",
        "15000000",
        "--currency",
        "USD",
        "--from",
        "2024",
        "--to",
        "2026",
        "--per-year",
    ]))
    .unwrap();
    assert_eq!((pledge["total"].as_str(), pledge["status"].as_str()), (Some("45000000.00"), Some("announced")));
    let id = pledge["id"].as_str().unwrap();
    cli.ok(&["pledge", "stage", id, "--to", "committed", "--date", "2024-06-01"]);
    let paid = cli.ok(&["pledge", "stage", id, "--to", "paid", "--year", "2024", "--amount", "5,000,000"]);
    assert!(paid.contains("2024 15,000,000.00 partly paid, 5,000,000.00 paid"), "{paid}");
    assert!(paid.contains("  partly paid  ["), "a payment moves the pledge: {paid}");
    let listing = |cli: &Cli| cli.run(&["--json", "pledge", "list", "--event", &event]).stdout;
    check_refused(
        &cli,
        &["pledge", "stage", id, "--to", "paid", "--year", "2024", "--amount", "16000000"],
        "--amount",
        &["--json", "pledge", "list", "--event", &event],
    );
    check_refused(
        &cli,
        &["pledge", "stage", id, "--to", "cancelled"],
        "--reason",
        &["--json", "pledge", "list", "--event", &event],
    );
    check_refused(
        &cli,
        &["pledge", "stage", id, "--to", "announced"],
        "--to",
        &["--json", "pledge", "list", "--event", &event],
    );
    let before = listing(&cli);
    let eur = cli.ok(&[
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "Austria",
        "--donor",
        "Germany",
        "--amount",
        "1000000",
        "--currency",
        "EUR",
        "--from",
        "2025",
        "--rate",
        "1.08",
        "--rate-date",
        "2024-05-21",
        "--status",
        "committed",
    ]);
    assert_ne!(listing(&cli), before);
    let text = cli.ok(&["pledge", "list", "--event", &event]);
    assert!(text.contains("Austria + Germany") && text.contains("≈ 1,080,000.00 USD"), "{text}");
    assert!(text.contains("in USD:      46,080,000.00 pledged, 46,080,000.00 committed, 5,000,000.00 paid"), "{text}");
    let summary: serde_json::Value = serde_json::from_str(&listing(&cli)).unwrap();
    assert_eq!(summary["summary"]["years"].as_array().unwrap().len(), 4, "2024–2026 USD and 2025 EUR");
    assert_eq!(eur.len(), 36);
}

#[test]
fn pledges_export_to_csv_in_both_languages() {
    let cli = Cli::new();
    let id = cli.ok(&["demo"]);
    let dir = tempfile::tempdir().unwrap();
    for (lang, header, total, donor, recipient) in [
        ("en", "Donor", "Total", "State of Qatar", "UNOCT"),
        ("ar", "الجهة المانحة", "المجموع", "دولة قطر", "مكتب الأمم المتحدة لمكافحة الإرهاب"),
    ] {
        let path = dir.path().join(format!("pledges-{lang}.csv"));
        cli.ok(&["export", "pledges", "--event", &id, "--out", path.to_str().unwrap(), "--lang", lang]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(&reader.headers().unwrap()[0], header);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!((&rows[0][0], &rows[0][1]), (donor, recipient), "the names in the file's language");
        assert_eq!(&rows[0][5], "45,000,000.00");
        assert!(rows.iter().any(|r| &r[0] == total && &r[4] == "USD" && &r[5] == "45,000,000.00"));
    }
    let bad = dir.path().join("pledges.txt");
    check_refused(
        &cli,
        &["export", "pledges", "--event", &id, "--out", bad.to_str().unwrap()],
        "--out",
        &["event", "list"],
    );
    assert!(!bad.exists());
}

#[test]
fn an_import_lists_every_bad_row_or_imports_every_row() {
    let cli = Cli::new();
    let event = cli.event();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,name_ar,email,country\nAmina,أمينة,amina@example.org,QA\n,,nobody@example.org,\nOmar,,omar@,QA\nLi,,,XX\n")
        .unwrap();
    let listing = ["--json", "participant", "list", "--event", event.as_str()];
    let before = cli.run(&listing).stdout;
    let run = cli.run(&["participant", "import", "--event", &event, bad.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines[0].starts_with("row 3, column name:"), "{}", run.stderr);
    assert!(lines[1].starts_with("row 4, column email:"), "{}", run.stderr);
    assert!(lines[2].starts_with("row 5, column country:"), "{}", run.stderr);
    // The unknown value is listed once, with how to say what it stands for.
    assert!(lines[3].starts_with("column country: \"XX\" matches nothing (1 row, first row 5)"), "{}", run.stderr);
    assert!(lines[3].contains("--map-value \"country:XX=…\""), "{}", run.stderr);
    assert!(lines[4].contains("3 rows have problems; nothing was imported"), "{}", run.stderr);
    assert_eq!(cli.run(&listing).stdout, before);

    let json = cli.run(&["--json", "participant", "import", "--event", &event, bad.to_str().unwrap()]);
    let first: serde_json::Value = serde_json::from_str(json.stderr.lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        serde_json::json!({ "row": 3, "column": "name", "reason": "required", "message": "give it in English or Arabic" })
    );

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "name,name_ar,email\nAmina,أمينة,amina@example.org\nOmar,عمر,\n").unwrap();
    let imported = cli.ok(&["participant", "import", "--event", &event, good.to_str().unwrap()]);
    assert!(
        imported.lines().last().unwrap().starts_with("imported 2 participants: 2 new, 0 possible duplicates"),
        "{imported}"
    );
    let people: serde_json::Value = serde_json::from_str(&cli.run(&listing).stdout).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 2);

    let run = cli.run(&["participant", "import", "--event", &event, "/no/such/file.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("FILE: cannot read /no/such/file.csv"), "{}", run.stderr);
}

#[test]
fn the_registration_desk_imports_finds_merges_and_checks_in() {
    let cli = Cli::new();
    let event = cli.event();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "Nom;Courriel;الدولة;Status\nAmina Yusuf;amina@example.org;قطر;confirmed\nA. Yusuf;AMINA@example.org;;\nJosé Álvarez;;Spain;declined\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let map = ["--map", "Nom=name", "--map", "Courriel=email"];
    let listing = ["--json", "participant", "list", "--event", event.as_str()];

    let dry = cli.ok(&[&["participant", "import", "--event", &event, file, "--dry-run"][..], &map].concat());
    assert!(dry.contains("row 3: the same e-mail as row 2"), "{dry}");
    assert!(dry.contains("would import 3 participants: 2 new, 1 possible duplicate ("), "{dry}");
    assert!(dry.ends_with("dry run: nothing was written"), "{dry}");
    assert_eq!(cli.run(&listing).stdout.trim(), "[]");

    let refused = cli.run(&["participant", "import", "--event", &event, file, "--map", "Nom=surname"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--map: \"surname\" is not a field"), "{}", refused.stderr);

    cli.ok(&[&["participant", "import", "--event", &event, file][..], &map].concat());
    let found = cli.ok(&["participant", "search", "--event", &event, "jose alv"]);
    assert!(found.contains("José Álvarez") && found.ends_with("1 participant"), "{found}");

    let duplicates: serde_json::Value =
        serde_json::from_str(&cli.ok(&["--json", "participant", "duplicates", "--event", &event])).unwrap();
    let pair = &duplicates.as_array().unwrap()[0];
    assert_eq!(pair["reason"], "email");
    let (first, second) = (pair["first"].as_str().unwrap(), pair["second"].as_str().unwrap());
    cli.ok(&["participant", "merge", first, second]);
    let people: serde_json::Value = serde_json::from_str(&cli.run(&listing).stdout).unwrap();
    let people = people.as_array().unwrap();
    assert_eq!(people.len(), 2);
    let amina = people
        .iter()
        .find(|p| p["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case("amina@example.org")))
        .unwrap();
    let jose = people.iter().find(|p| p["name"]["en"] == "José Álvarez").unwrap();

    let code = amina["badgeCode"].as_str().unwrap();
    assert!(cli.ok(&["checkin", "--event", &event, "--code", &code.to_lowercase()]).starts_with("checked in:"));
    let again = cli.run(&["checkin", "--event", &event, "--code", code]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--code: ") && again.stderr.contains("already checked in"), "{}", again.stderr);
    let declined = cli.run(&["checkin", "--event", &event, "--code", jose["badgeCode"].as_str().unwrap()]);
    assert!(declined.code != 0 && declined.stderr.contains("declined"), "{}", declined.stderr);
    let unknown = cli.run(&["checkin", "--event", &event, "--code", "ZZZZZZZZZZ"]);
    assert_eq!(unknown.code, 4);

    let checked_in = cli.ok(&["participant", "list", "--event", &event, "--status", "checked-in"]);
    assert!(checked_in.contains(code) && checked_in.ends_with("1 participant"), "{checked_in}");

    let id = jose["id"].as_str().unwrap();
    let changed = cli.ok(&["participant", "status", "--event", &event, "--to", "confirmed", id]);
    assert!(changed.contains("confirmed"), "{changed}");
    assert!(cli.ok(&["checkin", "--event", &event, "--code", jose["badgeCode"].as_str().unwrap()]).contains("José"));
}

#[test]
fn participants_and_delegations_are_corrected_field_by_field() {
    let cli = Cli::new();
    let event = cli.event();
    let amina = cli.ok(&["participant", "add", "--event", &event, "--name", "Amina Yusf", "--email", "amina@un.org"]);
    let omar = cli.ok(&["participant", "add", "--event", &event, "--name", "Omar Haddad", "--email", "omar@mfa.qa"]);
    let get = |id: &str| -> serde_json::Value {
        let people: serde_json::Value =
            serde_json::from_str(&cli.ok(&["--json", "participant", "list", "--event", &event])).unwrap();
        people.as_array().unwrap().iter().find(|p| p["id"] == id).unwrap().clone()
    };
    let before = get(&amina);

    let out =
        cli.ok(&["participant", "edit", &amina, "--name", "Amina Yusuf", "--name-ar", "أمينة يوسف", "--country", "QA"]);
    assert!(out.contains("Amina Yusuf"), "{out}");
    let after = get(&amina);
    assert_eq!(
        (&after["name"]["en"], &after["name"]["ar"], &after["country"]),
        (&"Amina Yusuf".into(), &"أمينة يوسف".into(), &"QA".into())
    );
    assert_eq!(
        (&after["email"], &after["badgeCode"]),
        (&before["email"], &before["badgeCode"]),
        "fields not given are kept"
    );

    // An e-mail that is someone else's: saved, and the other record named.
    let out = cli.ok(&["participant", "edit", &amina, "--email", "Omar@MFA.qa"]);
    assert!(out.contains(&format!("possible duplicate: {omar}")), "{out}");
    // An empty value clears an optional field.
    cli.ok(&["participant", "edit", &amina, "--email", ""]);
    assert!(get(&amina)["email"].is_null());

    let listing = ["--json", "participant", "list", "--event", event.as_str()];
    check_refused(&cli, &["participant", "edit", &amina, "--email", "amina@"], "--email", &listing);
    // A name in one script is enough; none at all is refused.
    check_refused(&cli, &["participant", "edit", &amina, "--name", "", "--name-ar", " "], "--name", &listing);
    check_refused(&cli, &["participant", "edit", &amina, "--status", "vip"], "--status", &listing);
    check_refused(&cli, &["participant", "edit", &amina, "--category", "astronaut"], "--category", &listing);
    assert_eq!(cli.run(&["participant", "edit", "0000000000", "--name", "X"]).code, 4);

    // A delegation renamed, and given a head, who joins it.
    let qatar = cli.ok(&["delegation", "add", "--event", &event, "--name", "Qatr", "--country", "QA"]);
    cli.ok(&["delegation", "update", &qatar, "--name", "Qatar", "--name-ar", "قطر", "--head", &amina]);
    let list: serde_json::Value =
        serde_json::from_str(&cli.ok(&["--json", "delegation", "list", "--event", &event])).unwrap();
    let d = &list.as_array().unwrap()[0];
    assert_eq!(
        (&d["name"]["en"], &d["name"]["ar"], &d["country"], &d["head"], &d["members"]),
        (&"Qatar".into(), &"قطر".into(), &"QA".into(), &amina.as_str().into(), &1.into())
    );
    let delegations = ["--json", "delegation", "list", "--event", event.as_str()];
    check_refused(&cli, &["delegation", "update", &qatar, "--country", "Atlantis"], "--country", &delegations);
    check_refused(&cli, &["delegation", "update", &qatar, "--name", " ", "--name-ar", ""], "--name", &delegations);
    // No head: --head "".
    cli.ok(&["delegation", "update", &qatar, "--head", ""]);
    let list: serde_json::Value = serde_json::from_str(&cli.ok(&delegations)).unwrap();
    assert!(list[0]["head"].is_null());

    // Deleted: Amina stays, in no delegation.
    let out = cli.ok(&["delegation", "remove", &qatar]);
    assert!(out.contains("1 member now in no delegation"), "{out}");
    assert_eq!(cli.ok(&delegations), "[]");
    assert!(get(&amina)["delegation"].is_null());
    assert_eq!(cli.run(&["delegation", "remove", &qatar]).code, 4);
}

#[test]
fn bulk_status_by_ids_or_by_filters() {
    let cli = Cli::new();
    let event = cli.event();
    for (name, country, category) in [
        ("Amina Yusuf", "QA", "member_state"),
        ("Omar Haddad", "QA", "member_state"),
        ("Jean Dupont", "FR", "media"),
        ("Layla Nasser", "OM", "media"),
    ] {
        cli.ok(&[
            "participant",
            "add",
            "--event",
            &event,
            "--name",
            name,
            "--country",
            country,
            "--category",
            category,
        ]);
    }
    let statuses = || -> Vec<(String, String)> {
        let people: serde_json::Value =
            serde_json::from_str(&cli.ok(&["--json", "participant", "list", "--event", &event])).unwrap();
        let mut all: Vec<_> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"]["en"].as_str().unwrap().to_owned(), p["status"].as_str().unwrap().to_owned()))
            .collect();
        all.sort();
        all
    };
    fn status<'a>(event: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        [&["participant", "status", "--event", event][..], args].concat()
    }

    let out = cli.ok(&status(&event, &["--to", "confirmed", "--category", "media", "--country", "fr"]));
    assert!(out.contains("Jean Dupont") && out.ends_with("1 participant"), "{out}");
    cli.ok(&status(&event, &["--to", "waitlisted", "--search", "yusuf"]));
    let listing = ["--json", "participant", "list", "--event", event.as_str()];
    check_refused(&cli, &status(&event, &["--to", "declined"]), "--ids", &listing);
    check_refused(&cli, &status(&event, &["--to", "declined", "--all", "0000000000"]), "--ids", &listing);
    check_refused(&cli, &status(&event, &["--to", "declined", "--search", "nobody"]), "--ids", &listing);
    check_refused(&cli, &status(&event, &["--to", "declined", "--status", "vip"]), "--status", &listing);
    assert_eq!(
        statuses(),
        [
            ("Amina Yusuf".into(), "waitlisted".into()),
            ("Jean Dupont".into(), "confirmed".into()),
            ("Layla Nasser".into(), "interest_registered".into()),
            ("Omar Haddad".into(), "interest_registered".into()),
        ]
    );
    let out = cli.ok(&status(&event, &["--to", "declined", "--all"]));
    assert!(out.ends_with("4 participants"), "{out}");
    assert!(statuses().iter().all(|(_, s)| s == "declined"));
}

#[test]
fn an_edit_decided_on_an_older_version_is_refused_and_writes_nothing() {
    let cli = Cli::new();
    let event = cli.event();
    let person = cli.ok(&["participant", "add", "--event", &event, "--name", "Layla Haddad"]);
    let people = ["--json", "participant", "list", "--event", &event];
    let listed: serde_json::Value = serde_json::from_str(&cli.ok(&people)).unwrap();
    assert_eq!(listed[0]["version"], 1);

    // Another desk's correction raises the version; an edit decided on version 1 is refused.
    cli.ok(&["participant", "edit", &person, "--phone", "+974 5555 0101", "--version", "1"]);
    check_refused(
        &cli,
        &["participant", "edit", &person, "--email", "l@example.org", "--version", "1"],
        "version",
        &people,
    );
    let run = cli.run(&["participant", "edit", &person, "--email", "l@example.org", "--version", "1"]);
    assert!(run.stderr.contains("changed"), "{}", run.stderr);
    // On the version it now has, or with no version (the fields not given are read in the same
    // transaction as the write), the edit stands and keeps the phone.
    cli.ok(&["participant", "edit", &person, "--email", "l@example.org", "--version", "2"]);
    let listed: serde_json::Value = serde_json::from_str(&cli.ok(&people)).unwrap();
    assert_eq!(
        (&listed[0]["phone"], &listed[0]["email"], &listed[0]["version"]),
        (&"+974 5555 0101".into(), &"l@example.org".into(), &3.into())
    );

    // Pledges: `pledge edit` with and without --version.
    let pledge = cli.ok(&[
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "Norway",
        "--amount",
        "1000000",
        "--currency",
        "NOK",
        "--from",
        "2025",
        "--to",
        "2025",
    ]);
    let pledges = ["--json", "pledge", "list", "--event", &event];
    cli.ok(&["pledge", "stage", &pledge, "--to", "committed"]);
    check_refused(
        &cli,
        &["pledge", "edit", &pledge, "--notes", "At the opening", "--version", "1"],
        "version",
        &pledges,
    );
    let edited: serde_json::Value =
        serde_json::from_str(&cli.ok(&["--json", "pledge", "edit", &pledge, "--notes", "At the opening"])).unwrap();
    assert_eq!(
        (&edited["notes"], &edited["status"], &edited["version"]),
        (&"At the opening".into(), &"committed".into(), &3.into())
    );

    // Rooms and delegations take --version too.
    let room = cli.ok(&["room", "add", "--event", &event, "--name", "Hall"]);
    let rooms = ["--json", "room", "list", "--event", &event];
    cli.ok(&["room", "update", &room, "--capacity", "120", "--version", "1"]);
    check_refused(&cli, &["room", "update", &room, "--capacity", "80", "--version", "1"], "version", &rooms);
    let delegation = cli.ok(&["delegation", "add", "--event", &event, "--name", "Qatar"]);
    let delegations = ["--json", "delegation", "list", "--event", &event];
    cli.ok(&["delegation", "update", &delegation, "--country", "QA", "--version", "1"]);
    check_refused(
        &cli,
        &["delegation", "update", &delegation, "--name", "Qatar (State of)", "--version", "1"],
        "version",
        &delegations,
    );
}

#[test]
fn unknown_values_are_mapped_on_the_command_line_and_in_a_map_file() {
    let cli = Cli::new();
    let event = cli.event();
    let dir = tempfile::tempdir().unwrap();
    let fixtures = format!("{}/tests/fixtures/import", env!("CARGO_MANIFEST_DIR"));
    let first = format!("{fixtures}/unknown_values.csv");
    let map_file = dir.path().join("form.map");
    let map = map_file.to_str().unwrap();
    let import = |extra: &[&str]| {
        let mut args = vec!["participant", "import", "--event", event.as_str()];
        args.extend(extra);
        cli.run(&args)
    };

    // Refused, each unknown value listed once; the map file gets them as lines to complete.
    let run = import(&[&first, "--map-file", map]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("column Category: \"UN Specialized Agency\" matches nothing (2 rows, first row 3)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("column Category: \"Observer\" matches nothing (1 row, first row 4)"),
        "{}",
        run.stderr
    );
    let written = std::fs::read_to_string(&map_file).unwrap();
    assert!(written.contains("# Category:Observer=   (1 row, first row 4)"), "{written}");

    // A choice that names nothing is refused by name.
    let run = import(&[&first, "--map-value", "Category:Observer=vip"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--map-value") || run.stderr.contains("map-value"), "{}", run.stderr);

    // Given on the command line, saved to the map file, imported.
    let out = cli.ok(&[
        "participant",
        "import",
        "--event",
        &event,
        &first,
        "--map-value",
        "Category:UN Specialized Agency=un",
        "--map-value",
        "Category:Observer=+new",
        "--map-file",
        map,
    ]);
    assert!(out.lines().last().unwrap().starts_with("imported 4 participants"), "{out}");
    let written = std::fs::read_to_string(&map_file).unwrap();
    assert!(written.contains("\nCategory:UN Specialized Agency=un\nCategory:Observer=+new\n"), "{written}");

    // The second export of the form, into the same event: no questions.
    let second = format!("{fixtures}/unknown_values_second_export.csv");
    let out = cli.ok(&["participant", "import", "--event", &event, &second]);
    assert!(out.lines().last().unwrap().starts_with("imported 2 participants"), "{out}");

    // Into another event, the map file carries the choices.
    let other = cli.event();
    let out = cli.ok(&["participant", "import", "--event", &other, &second, "--map-file", map]);
    assert!(out.lines().last().unwrap().starts_with("imported 2 participants"), "{out}");
}

/// Runs `muntada` with `answer` on its standard input (a pipe, as a script would give it).
fn run_answering(cli: &Cli, answer: &str, args: &[&str]) -> Run {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .arg("--db")
        .arg(&cli.db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn erasing_a_person_asks_first_and_says_what_is_kept() {
    let cli = Cli::new();
    let event = cli.event();
    let add = |name: &str, email: &str| {
        cli.ok(&[
            "participant",
            "add",
            "--event",
            &event,
            "--name",
            name,
            "--name-ar",
            "زنوبيا",
            "--email",
            email,
            "--organisation",
            "Quill Trust",
            "--country",
            "AT",
            "--category",
            "media",
            "--status",
            "confirmed",
        ])
    };
    let zenobia = add("Zenobia Quill", "zenobia@example.org");
    let omar = add("Omar Haddad", "omar@example.org");
    cli.ok(&["participant", "edit", &zenobia, "--phone", "+43 1 234 5678"]);
    let listing = ["--json", "participant", "list", "--event", event.as_str()];
    let people = || -> serde_json::Value { serde_json::from_str(&cli.ok(&listing)).unwrap() };
    let before = people();
    let badge = before.as_array().unwrap().iter().find(|p| p["id"] == zenobia.as_str()).unwrap()["badgeCode"].clone();

    // It says what it erases and keeps, then anything but yes erases nothing.
    for answer in ["", "\n", "no\n", "yes please\n"] {
        let run = run_answering(&cli, answer, &["participant", "erase", &zenobia]);
        assert_eq!(run.code, 2, "{answer:?}: {}", run.stderr);
        for said in ["Zenobia Quill", "زنوبيا", "Erase? Type yes", "kept: the record (badge", "history entries"] {
            assert!(run.stderr.contains(said), "{answer:?}: {said:?} not in {}", run.stderr);
        }
        assert!(run.stderr.contains("nothing was erased"), "{}", run.stderr);
        assert_eq!(people(), before, "{answer:?} erased something");
    }

    // Typed yes: erased; the record stays with its badge, category and status.
    let run = run_answering(&cli, "yes\n", &["--json", "participant", "erase", &zenobia]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let erased: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let p = &erased["participant"];
    assert_eq!((p["name"]["en"].as_str(), p["name"]["ar"].as_str()), (Some(""), Some("")));
    assert_eq!((p["email"].as_str(), p["phone"].as_str(), p["country"].as_str()), (None, None, None));
    assert_eq!(p["organisation"]["en"], "");
    assert_eq!(
        (&p["badgeCode"], p["category"].as_str(), p["status"].as_str()),
        (&badge, Some("media"), Some("confirmed"))
    );
    // Created, edited, erased: three entries, who and when only.
    assert_eq!(erased["historyEntries"], 3);
    let after = people();
    assert_eq!(after.as_array().unwrap().len(), 2, "the record is kept, so counts add up");
    assert!(!cli.ok(&listing).contains("Zenobia"), "the name is gone from the listing");
    assert!(cli.ok(&listing).contains("Omar Haddad"), "the other person is untouched");

    // --yes asks nothing; the text output says what was kept.
    let run = run_answering(&cli, "", &["participant", "erase", "--yes", &omar]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("Erase?"), "{}", run.stderr);
    assert!(run.stdout.contains(&format!("erased the personal data of participant {omar}")), "{}", run.stdout);
    assert!(
        run.stdout.contains("category media, status confirmed") && run.stdout.contains("2 history entries"),
        "{}",
        run.stdout
    );

    // An unknown id is refused, naming it, and writes nothing.
    let before = people();
    let run = cli.run(&["participant", "erase", "--yes", "ffffffff-0000-0000-0000-000000000000"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("id") && !run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(people(), before);
}

/// `--donor-ar` and `--recipient-ar` give the Arabic names: the n-th `--donor-ar` goes with the
/// n-th `--donor`, and an Arabic name alone is enough.
#[test]
fn pledge_names_in_arabic_from_the_flags() {
    let cli = Cli::new();
    let event = cli.event();
    let pledge: serde_json::Value = serde_json::from_str(&cli.ok(&[
        "--json",
        "pledge",
        "add",
        "--event",
        &event,
        "--donor",
        "Japan",
        "--donor-ar",
        "اليابان",
        "--donor",
        "",
        "--donor-ar",
        "الكويت",
        "--recipient-ar",
        "اليونيسف",
        "--amount",
        "100",
        "--currency",
        "USD",
        "--from",
        "2025",
    ]))
    .unwrap();
    assert_eq!(pledge["donors"], serde_json::json!([{ "en": "Japan", "ar": "اليابان" }, { "en": "", "ar": "الكويت" }]));
    assert_eq!(pledge["recipient"], serde_json::json!({ "en": "", "ar": "اليونيسف" }));
    let id = pledge["id"].as_str().unwrap();
    let edited: serde_json::Value =
        serde_json::from_str(&cli.ok(&["--json", "pledge", "edit", id, "--recipient", "UNICEF"])).unwrap();
    assert_eq!(edited["recipient"], serde_json::json!({ "en": "UNICEF", "ar": "اليونيسف" }), "the Arabic side kept");
    assert_eq!(edited["donors"], pledge["donors"], "donors not given are kept");
}

/// The ids `participant list --json` prints for `filters`.
fn listed_ids(cli: &Cli, event: &str, filters: &[&str]) -> Vec<String> {
    let args = [&["--json", "participant", "list", "--event", event][..], filters].concat();
    let listed: serde_json::Value = serde_json::from_str(&cli.ok(&args)).unwrap();
    listed.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect()
}

/// The ids the app's participants table is given for the same filters, by `participants::query`.
fn queried_ids(db: &Path, event: &str, status: Option<&str>, search: &str) -> Vec<String> {
    use muntada::participants::query::{query, IndexCache, ParticipantQuery, MAX_LIMIT};
    let store = muntada::Store::open(db).unwrap();
    let q = ParticipantQuery {
        text: search.to_owned(),
        status: status.map(|s| muntada::participants::ParticipantStatus::parse("status", s).unwrap()),
        limit: MAX_LIMIT,
        ..ParticipantQuery::default()
    };
    let page = query(&store, event, &q, &mut IndexCache::new()).unwrap();
    assert!(page.total <= MAX_LIMIT, "a case of a single page");
    page.rows.iter().map(|p| p.id.to_string()).collect()
}

#[test]
fn participant_list_shows_whom_the_participants_table_shows() {
    let cli = Cli::new();
    let event = cli.event();
    let mut ids = std::collections::BTreeMap::new();
    for (name, email, status) in [
        ("José Álvarez", "jose@example.org", "confirmed"),
        ("Jose Alvarez Ruiz", "ruiz@example.org", "waitlisted"),
        ("Amina Yusuf", "amina@un.org", "confirmed"),
        ("Omar Haddad", "omar@example.org", "confirmed"),
        ("Layla Nasser", "layla@example.org", "interest_registered"),
    ] {
        let id =
            cli.ok(&["participant", "add", "--event", &event, "--name", name, "--email", email, "--status", status]);
        ids.insert(name, id);
    }
    // Arabic letter variants: the search "امينة" finds "أمينة".
    let amina_ar =
        cli.ok(&["participant", "add", "--event", &event, "--name-ar", "أمينة يوسف", "--status", "confirmed"]);

    let check = |status: Option<&str>, search: &str, expected: &[&str]| {
        let mut filters = vec!["--search", search];
        if let Some(s) = status {
            filters.extend(["--status", s]);
        }
        let listed = listed_ids(&cli, &event, &filters);
        assert_eq!(listed, queried_ids(&cli.db, &event, status, search), "{status:?} {search:?}");
        assert_eq!(listed.len(), expected.len(), "{status:?} {search:?}: {listed:?}");
        for name in expected {
            let id = if *name == "أمينة يوسف" { &amina_ar } else { &ids[name] };
            assert!(listed.contains(id), "{status:?} {search:?}: {name} missing");
        }
    };
    // Accents and case ignored, as the table's search does; the status narrows it.
    check(Some("confirmed"), "JOSE alvarez", &["José Álvarez"]);
    check(None, "jose alvarez", &["José Álvarez", "Jose Alvarez Ruiz"]);
    check(Some("waitlisted"), "álvarez", &["Jose Alvarez Ruiz"]);
    check(Some("confirmed"), "امينة", &["أمينة يوسف"]);
    check(Some("confirmed"), "", &["José Álvarez", "Amina Yusuf", "Omar Haddad", "أمينة يوسف"]);
    check(Some("declined"), "", &[]);
    check(None, "un.org", &["Amina Yusuf"]);
    check(None, "nobody", &[]);
    // The table's order too: by name.
    let everyone = listed_ids(&cli, &event, &[]);
    assert_eq!(everyone, queried_ids(&cli.db, &event, None, ""));
    assert_eq!(everyone.len(), 6);
}

#[test]
fn participant_list_reads_every_page_of_a_long_list() {
    let cli = Cli::new();
    let event = cli.event();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.csv");
    let total = muntada::participants::query::MAX_LIMIT as usize + 5;
    let rows: String = (0..total).map(|i| format!("Person {i:04},p{i}@example.org,confirmed\n")).collect();
    std::fs::write(&file, format!("name,email,status\n{rows}")).unwrap();
    cli.ok(&["participant", "import", "--event", &event, file.to_str().unwrap()]);
    cli.ok(&["participant", "add", "--event", &event, "--name", "Late Registrant"]);

    let confirmed = listed_ids(&cli, &event, &["--status", "confirmed"]);
    assert_eq!(confirmed.len(), total);
    assert_eq!(confirmed.iter().collect::<std::collections::BTreeSet<_>>().len(), total, "each once");
    let text = cli.ok(&["participant", "list", "--event", &event, "--status", "confirmed", "--search", "person 1004"]);
    assert!(text.contains("Person 1004") && text.lines().count() == 2, "{text}");
}

/// `event update` changes the flags given and keeps the rest; a bad digits value or a stale
/// version names its flag and writes nothing.
#[test]
fn event_update_changes_what_is_given() {
    let cli = Cli::new();
    let event = cli.event();
    let show = ["--json", "event", "show", event.as_str()];
    let created: serde_json::Value = serde_json::from_str(&cli.ok(&show)).unwrap();
    assert_eq!(created["event"]["arabicDigits"], "arabic_indic");
    check_refused(&cli, &["event", "update", &event, "--arabic-digits", "hindi"], "--arabic-digits", &show);
    let updated = cli.ok(&[
        "--json",
        "event",
        "update",
        &event,
        "--arabic-digits",
        "latin",
        "--city",
        "Vienna",
        "--version",
        "1",
    ]);
    let updated: serde_json::Value = serde_json::from_str(&updated).unwrap();
    assert_eq!(updated["arabicDigits"], "latin");
    assert_eq!(updated["city"]["en"], "Vienna");
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["title"], created["event"]["title"], "what was not given is kept");
    assert_eq!(updated["organisers"], created["event"]["organisers"]);
    check_refused(&cli, &["event", "update", &event, "--status", "open", "--version", "1"], "--version", &show);
    assert!(cli.ok(&["event", "show", &event]).contains("digits:      latin in Arabic"));
    // Dates typed with an Arabic keyboard.
    cli.ok(&["event", "update", &event, "--end", "٢٠٢٥-٠٤-٠١"]);
    let after: serde_json::Value = serde_json::from_str(&cli.ok(&show)).unwrap();
    assert_eq!(after["event"]["endDate"], "2025-04-01");
}
