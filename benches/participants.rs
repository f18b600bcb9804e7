//! The participant desk at scale: importing a 100,000-row CSV (validated, normalised, checked
//! for duplicates, written with its audit trail in one transaction) next to `sqlite3`'s own
//! `.import` of the same file into a plain table, and search as you type over those 100,000
//! people (p95 of many queries of 1–3 characters and of full names, Latin and Arabic).
//! Not a pass/fail test: it prints the figures the README quotes.
//! Run with `cargo bench --bench participants`; `-- badges` runs only the badges part.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use muntada::event::{self, EventInput, EventStatus};
use muntada::participants::{self, ImportOptions, SearchIndex};
use muntada::{Bilingual, Store};

const PEOPLE: usize = 100_000;
const RUNS: usize = 3;

const GIVEN: &[(&str, &str)] = &[
    ("Amina", "أمينة"),
    ("Mohammed", "محمد"),
    ("Fatima", "فاطمة"),
    ("Ahmed", "أحمد"),
    ("Ibrahim", "إبراهيم"),
    ("Layla", "ليلى"),
    ("Omar", "عمر"),
    ("Mustafa", "مصطفى"),
    ("José", "خوسيه"),
    ("Anna", "آنا"),
    ("Jean", "جان"),
    ("Zoë", "زوي"),
    ("Hiroshi", "هيروشي"),
    ("Olusegun", "أولوسيغون"),
    ("Ingrid", "إنغريد"),
    ("Aisha", "عائشة"),
];
const FAMILY: &[(&str, &str)] = &[
    ("Yusuf", "يوسف"),
    ("Al-Thani", "آل ثاني"),
    ("Haddad", "حداد"),
    ("Álvarez", "ألفاريز"),
    ("Dupont", "دوبون"),
    ("van der Berg", "فان دير بيرغ"),
    ("Okafor", "أوكافور"),
    ("Tanaka", "تاناكا"),
    ("Rahman", "الرحمن"),
    ("Nasser", "ناصر"),
    ("O'Brien", "أوبراين"),
    ("Kowalski", "كوالسكي"),
    ("Mansour", "منصور"),
];
const ORGS: &[&str] =
    &["UNOCT", "Ministry of Foreign Affairs", "وزارة الخارجية", "UNDP", "Qatar Foundation", "Red Crescent", "OSCE"];

fn main() {
    if std::env::args().any(|a| a == "badges") {
        badges();
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("people.csv");
    std::fs::write(&csv_path, csv()).expect("write csv");
    let bytes = std::fs::read(&csv_path).expect("read csv");
    println!("participants: {PEOPLE} rows, {} KiB CSV", bytes.len() / 1024);

    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut floors = Vec::new();
    let mut sizes = Vec::new();
    let mut last_db = None;
    for run in 0..RUNS {
        let db = dir.path().join(format!("muntada-{run}.db"));
        let mut store = Store::open(&db).expect("open");
        let event = forum(&mut store);
        let start = Instant::now();
        let report = store
            .write(|tx| {
                participants::import(
                    tx,
                    &muntada::Id::parse("id", &event).unwrap(),
                    &bytes,
                    &ImportOptions::default(),
                    Utc::now(),
                )
            })
            .expect("import");
        ours.push(start.elapsed());
        assert!(report.written && report.rows == PEOPLE, "{:?}", report.problems.first());
        sizes.push(std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0));
        floors.extend(floor(dir.path(), &db, run));
        last_db = Some((db, event));
        theirs.extend(sqlite_import(dir.path(), &csv_path, run));
    }
    ours.sort();
    theirs.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    println!("  import, muntada: {} (median {:.2} s)", list(&ours), median(&ours).as_secs_f64());
    if theirs.is_empty() {
        println!("  sqlite3 not found: no comparison (apt-get install sqlite3)");
    } else {
        println!("  import, sqlite3 .import: {} (median {:.2} s)", list(&theirs), median(&theirs).as_secs_f64());
        println!("  ratio: {:.1}×", median(&ours).as_secs_f64() / median(&theirs).as_secs_f64());
    }
    if !floors.is_empty() {
        floors.sort();
        println!(
            "  floor, sqlite3 writing the same rows into the same schema: {} (median {:.2} s); ratio {:.1}× (target ≤ 2×)",
            list(&floors),
            median(&floors).as_secs_f64(),
            median(&ours).as_secs_f64() / median(&floors).as_secs_f64()
        );
    }
    sizes.sort_unstable();
    println!("  database after the import: {:.1} MB (target ≤ 90 MB)", sizes[sizes.len() / 2] as f64 / 1e6);

    badges();

    let (db, event) = last_db.expect("one run");
    let store = Store::open(&db).expect("open");
    let start = Instant::now();
    let rows = store.participants().search_keys(&store.events().resolve("event", &event).unwrap()).unwrap();
    let index = SearchIndex::new(rows);
    println!("  search index: {} people, loaded and built in {:.2} s", index.len(), start.elapsed().as_secs_f64());
    for (label, queries) in [
        ("1 character", vec!["a", "m", "o", "z", "j", "h", "ا", "م", "ف", "ع"]),
        ("2 characters", vec!["am", "mo", "yu", "al", "ok", "ha", "ام", "مح", "فا", "يو"]),
        ("3 characters", vec!["ami", "moh", "yus", "alv", "dup", "tan", "امي", "محم", "فاط", "حدا"]),
        (
            "full names",
            vec![
                "Amina Yusuf",
                "José Álvarez",
                "jose alvarez",
                "Zoe van der Berg",
                "Omar O'Brien",
                "أمينة يوسف",
                "امينه يوسف",
                "محمد آل ثاني",
                "فاطمه حداد",
                "مصطفي منصور",
            ],
        ),
    ] {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..20 {
            for q in &queries {
                let start = Instant::now();
                let found = index.search(q, 50);
                times.push(start.elapsed());
                hits += found.total;
            }
        }
        times.sort();
        let p95 = times[times.len() * 95 / 100];
        println!(
            "  search {label:<13} p50 {:.3} ms, p95 {:.3} ms over {} queries (target p95 ≤ 5 ms); {} hits on average",
            times[times.len() / 2].as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            times.len(),
            hits / times.len()
        );
    }
}

/// 1,000 badges with QR codes, four to an A4 sheet: build and render, median of 5.
fn badges() {
    use muntada::documents::{badges, BadgeData, BadgeLayout};
    let people: Vec<BadgeData> = (0..1000)
        .map(|i| {
            let (given, given_ar) = GIVEN[i % GIVEN.len()];
            let (family, family_ar) = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
            BadgeData {
                participant: muntada::participants::Participant {
                    id: muntada::Id::new(),
                    version: 1,
                    event_id: muntada::Id::new(),
                    name: Bilingual::new(format!("{given} {family}"), format!("{given_ar} {family_ar}")),
                    email: None,
                    phone: None,
                    organisation: Bilingual::new(ORGS[i % ORGS.len()], ""),
                    country: Some("QA".into()),
                    category: "member_state".into(),
                    status: muntada::participants::ParticipantStatus::Confirmed,
                    badge_code: muntada::participants::new_badge_code(),
                    consent: true,
                    registered_at: Utc::now(),
                    honorific: String::new(),
                    delegation: None,
                },
                honorific: if i % 3 == 0 { "H.E.".into() } else { String::new() },
                category: "Member State / دولة عضو".into(),
                colour: 0x1d4ed8,
            }
        })
        .collect();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let rendered = muntada::pdf::render(&badges("Annual Forum", &people, BadgeLayout::A4)).expect("render");
        times.push(start.elapsed());
        size = rendered.bytes.len();
    }
    times.sort();
    println!(
        "  1,000 badges (250 A4 pages, {} KiB): {} (median {:.3} s, target ≤ 0.5 s)",
        size / 1024,
        list(&times),
        times[2].as_secs_f64()
    );
}

fn list(times: &[Duration]) -> String {
    times.iter().map(|t| format!("{:.2}s", t.as_secs_f64())).collect::<Vec<_>>().join(" ")
}

/// `sqlite3`'s own CSV import of the same file into a new table, timed as a whole process.
fn sqlite_import(dir: &Path, csv: &Path, run: usize) -> Option<Duration> {
    let db = dir.join(format!("plain-{run}.db"));
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&db)
        .arg("-cmd")
        .arg(".mode csv")
        .arg(format!(".import '{}' people", csv.display()))
        .status()
        .ok()?;
    let elapsed = start.elapsed();
    assert!(status.success(), "sqlite3 .import failed");
    Some(elapsed)
}

/// The floor: `sqlite3` alone writing the rows the import wrote (participants, their answers
/// and the import's audit entry) into a new database of the same schema, with the store's
/// pragmas, in one transaction and then the checkpoint, timed as a whole process. The event and
/// its categories are copied first, untimed.
fn floor(dir: &Path, imported: &Path, run: usize) -> Option<Duration> {
    let db = dir.join(format!("floor-{run}.db"));
    drop(Store::open(&db).expect("open the floor's database"));
    let src = imported.display();
    let setup = format!(
        "ATTACH '{src}' AS src; INSERT INTO events SELECT * FROM src.events; \
         INSERT INTO categories SELECT * FROM src.categories;"
    );
    let ok = Command::new("sqlite3").arg(&db).arg(&setup).status().ok()?;
    assert!(ok.success(), "sqlite3 could not prepare the floor's database");
    let copy = format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -32768; \
         PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; ATTACH '{src}' AS src; BEGIN; \
         INSERT INTO participants SELECT * FROM src.participants; \
         INSERT INTO participant_answers SELECT * FROM src.participant_answers; \
         INSERT INTO audit_log SELECT * FROM src.audit_log WHERE entity = 'import'; \
         COMMIT; PRAGMA wal_checkpoint(TRUNCATE);"
    );
    let start = Instant::now();
    let out = Command::new("sqlite3").arg(&db).arg(&copy).output().ok()?;
    let elapsed = start.elapsed();
    assert!(out.status.success(), "the floor's copy failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(elapsed)
}

fn forum(store: &mut Store) -> String {
    let input = EventInput {
        title: Bilingual::new("Forum", "منتدى"),
        description: Bilingual::default(),
        venue: Bilingual::default(),
        city: Bilingual::default(),
        country: String::new(),
        timezone: "Asia/Qatar".into(),
        start_date: "2025-05-20".into(),
        end_date: "2025-05-21".into(),
        organisers: vec![],
        signatories: Vec::new(),
        arabic_digits: Default::default(),
        status: EventStatus::Open,
    };
    store.write(|tx| event::create(tx, &input, Utc::now())).expect("event").id.to_string()
}

/// 100,000 people: names in both scripts, e-mail, organisation, country, category.
fn csv() -> String {
    let mut out = String::from("Full name,الاسم بالعربية,Email address,Organisation,Country,Category\n");
    let countries = ["QA", "Egypt", "AT", "قطر", "NG", "JP", "FR"];
    let categories = ["member_state", "civil_society", "media", "Donor", ""];
    for i in 0..PEOPLE {
        let (given, given_ar) = GIVEN[i % GIVEN.len()];
        let (family, family_ar) = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
        let org = ORGS[i % ORGS.len()];
        let email =
            format!("{}.{}{i}@example.org", given.to_lowercase(), family.to_lowercase().replace([' ', '\''], ""));
        out.push_str(&format!(
            "\"{given} {family}\",{given_ar} {family_ar},{email},{org},{},{}\n",
            countries[i % countries.len()],
            categories[i % categories.len()]
        ));
    }
    out
}
