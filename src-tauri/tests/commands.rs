//! The commands through Tauri's mock runtime, with the real config and capabilities: what the
//! UI can call, what it gets back, and that hostile arguments get an error, never a panic.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use muntada_desktop::state::FileRequest;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    dir: tempfile::TempDir,
    _app: App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
    /// What the "person" answers to the next file dialog (None: they cancel), and the requests.
    answer: Arc<Mutex<Option<PathBuf>>>,
    asked: Arc<Mutex<Vec<FileRequest>>>,
}

fn harness() -> Harness {
    harness_on(tempfile::tempdir().unwrap())
}

/// The app on `dir/muntada.db`, whatever that file holds.
fn harness_on(dir: tempfile::TempDir) -> Harness {
    let answer: Arc<Mutex<Option<PathBuf>>> = Arc::default();
    let asked: Arc<Mutex<Vec<FileRequest>>> = Arc::default();
    let picker = {
        let (answer, asked) = (answer.clone(), asked.clone());
        Box::new(move |request: &FileRequest| {
            asked.lock().unwrap().push(request.clone());
            answer.lock().unwrap().clone()
        })
    };
    let state = muntada_desktop::AppState::open(&dir.path().join("muntada.db")).with_picker(picker);
    let app = muntada_desktop::builder(mock_builder(), state)
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Harness { dir, _app: app, window, answer, asked }
}

impl Harness {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The next file dialog is answered with `file` (None: cancelled).
    fn answer(&self, file: Option<&Path>) {
        *self.answer.lock().unwrap() = file.map(Path::to_owned);
    }

    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
    }
}

fn doha() -> Value {
    json!({
        "title": { "en": "Annual Forum", "ar": "المنتدى السنوي" },
        "description": { "en": "", "ar": "" },
        "venue": { "en": "", "ar": "" }, "city": { "en": "Doha", "ar": "الدوحة" }, "country": "QA",
        "timezone": "Asia/Qatar",
        "startDate": "2025-05-20", "endDate": "2025-05-21",
        "organisers": [{ "en": "State of Qatar", "ar": "دولة قطر" }], "status": "draft"
    })
}

#[test]
fn create_list_update_delete() {
    let h = harness();
    assert_eq!(h.call("event_list", json!({})), Ok(json!([])));
    let created = h.call("event_create", json!({ "input": doha() })).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["title"]["ar"], "المنتدى السنوي");
    assert_eq!(h.call("event_list", json!({})).unwrap().as_array().unwrap().len(), 1);

    let mut edited = doha();
    edited["city"] = json!({ "en": "Vienna", "ar": "" });
    edited["timezone"] = json!("Europe/Vienna");
    let updated = h.call("event_update", json!({ "id": id, "input": edited })).unwrap();
    assert_eq!((updated["city"]["en"].as_str(), updated["id"].as_str()), (Some("Vienna"), Some(id.as_str())));
    assert_eq!(updated["organisers"], json!([{ "en": "State of Qatar", "ar": "دولة قطر" }]));

    assert_eq!(h.call("event_delete", json!({ "id": id })), Ok(Value::Null));
    let gone = h.call("event_get", json!({ "id": id })).unwrap_err();
    assert_eq!((gone["code"].as_str(), gone["field"].as_str()), (Some("not_found"), Some("id")));
}

#[test]
fn invalid_input_names_the_field_and_writes_nothing() {
    let h = harness();
    let cases = [
        ("endDate", "end_before_start", json!({ "endDate": "2025-05-19" })),
        ("timezone", "unknown_timezone", json!({ "timezone": "Doha" })),
        ("title", "required", json!({ "title": { "en": " ", "ar": "" } })),
        ("title", "too_long", json!({ "title": { "en": "x".repeat(1 << 20), "ar": "" } })),
        ("country", "unknown_country", json!({ "country": "ZZ" })),
        ("startDate", "invalid_date", json!({ "startDate": "2025-02-30" })),
        ("venue", "control_characters", json!({ "venue": { "en": "", "ar": "فندق\nشيراتون" } })),
        ("city", "too_long", json!({ "city": { "en": "", "ar": "د".repeat(1 << 20) } })),
        ("organisers", "control_characters", json!({ "organisers": [{ "en": "UN\tOCT", "ar": "" }] })),
    ];
    for (field, reason, patch) in cases {
        let mut input = doha();
        for (k, v) in patch.as_object().unwrap() {
            input[k] = v.clone();
        }
        let err = h.call("event_create", json!({ "input": input })).unwrap_err();
        assert_eq!(err["code"], "invalid_input", "{field}");
        assert_eq!((err["field"].as_str(), err["reason"].as_str()), (Some(field), Some(reason)));
    }
    assert_eq!(h.call("event_list", json!({})), Ok(json!([])));
}

#[test]
fn an_event_logo_is_set_from_bytes_shown_and_removed() {
    let h = harness();
    let event = h.call("event_create", json!({ "input": doha() })).unwrap();
    let id = &event["id"];
    assert_eq!(h.call("event_logo_get", json!({ "id": id })), Ok(Value::Null));
    let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/icons/32x32.png")).unwrap();
    let set = h.call("event_logo_set", json!({ "id": id, "file": png })).unwrap();
    assert_eq!((&set["format"], &set["width"], &set["height"]), (&json!("png"), &json!(32), &json!(32)));
    let got = h.call("event_logo_get", json!({ "id": id })).unwrap();
    assert_eq!(got["image"], json!(png), "the bytes back, for the preview");
    // Not an image: refused naming the field, the logo kept.
    let err = h.call("event_logo_set", json!({ "id": id, "file": b"<svg/>".to_vec() })).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("logo")));
    assert_eq!(h.call("event_logo_get", json!({ "id": id })).unwrap()["width"], json!(32));
    assert_eq!(h.call("event_logo_remove", json!({ "id": id })), Ok(json!(true)));
    assert_eq!(h.call("event_logo_remove", json!({ "id": id })), Ok(json!(false)));
    assert_eq!(h.call("event_logo_get", json!({ "id": id })), Ok(Value::Null));
}

/// How a hostile call must be refused, so a test fails when it is refused for another reason
/// (an id check that starts to fail on every id would otherwise pass every case).
#[derive(Debug, Clone, Copy)]
enum Refused {
    /// By the command, as `{ code, reason, field }`.
    App(&'static str, &'static str, &'static str),
    /// By Tauri before the command runs (arguments that do not deserialise, a command or plugin
    /// the capabilities do not allow): a message, of which this is a part.
    Tauri(&'static str),
}

fn assert_refused(result: Result<Value, Value>, expected: Refused, call: &str) {
    let err = match result {
        Ok(value) => panic!("{call} should fail, got {value}"),
        Err(err) => err,
    };
    match expected {
        Refused::App(code, reason, field) => {
            let got = (err["code"].as_str(), err["reason"].as_str(), err["field"].as_str());
            assert_eq!(got, (Some(code), Some(reason), Some(field)), "{call}: {}", short(&err));
        }
        Refused::Tauri(part) => {
            let message = err.as_str().unwrap_or_else(|| panic!("{call}: not Tauri's refusal: {}", short(&err)));
            assert!(message.contains(part), "{call}: {message:?} should say {part:?}");
        }
    }
}

/// A value as text, cut short: some of the hostile values are a megabyte long.
fn short(value: &Value) -> String {
    value.to_string().chars().take(300).collect()
}

#[test]
fn hostile_arguments_get_errors_not_panics() {
    let h = harness();
    use Refused::{App, Tauri};
    let no_event = "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001";
    let not_an_id = App("invalid_input", "invalid_value", "id");
    let hostile = [
        (
            "event_create",
            json!({}),
            Tauri("invalid args `input` for command `event_create`: command event_create missing required key input"),
        ),
        (
            "event_create",
            json!({ "input": 5 }),
            Tauri("invalid args `input` for command `event_create`: invalid type: integer `5`"),
        ),
        ("event_create", json!({ "input": { "title": [] } }), Tauri("invalid args `input` for command `event_create`")),
        ("event_get", json!({ "id": "../../../etc/passwd" }), not_an_id),
        ("event_get", json!({ "id": no_event }), App("not_found", "not_found", "id")),
        ("event_get", json!({ "id": "0190" }), not_an_id),
        ("event_get", json!({ "id": "%%%%%%%%%%" }), not_an_id),
        ("event_get", json!({ "id": "x".repeat(1 << 20) }), not_an_id),
        ("event_get", json!({ "id": null }), Tauri("invalid args `id` for command `event_get`: invalid type: null")),
        ("event_delete", json!({ "id": "'; DROP TABLE events; --" }), not_an_id),
        (
            "event_overview",
            json!({ "id": 42 }),
            Tauri("invalid args `id` for command `event_overview`: invalid type: integer"),
        ),
        ("event_update", json!({ "id": no_event, "input": doha() }), App("not_found", "not_found", "id")),
        ("no_such_command", json!({}), Tauri("no_such_command not allowed. Command not found")),
        ("plugin:fs|read_file", json!({ "path": "/etc/passwd" }), Tauri("fs.read_file not allowed. Plugin not found")),
        ("audit_list", json!({}), Tauri("invalid args `entity` for command `audit_list`: command audit_list missing")),
        (
            "audit_list",
            json!({ "entity": "event" }),
            Tauri("invalid args `entityId` for command `audit_list`: command audit_list missing"),
        ),
        (
            "audit_list",
            json!({ "entity": "sqlite_master", "entityId": no_event }),
            Tauri("invalid args `entity` for command `audit_list`: unknown variant `sqlite_master`"),
        ),
        (
            "audit_list",
            json!({ "entity": ["participant"], "entityId": "0190a7e2" }),
            Tauri("invalid args `entity` for command `audit_list`: invalid type: sequence"),
        ),
        ("audit_list", json!({ "entity": "participant", "entityId": "../../etc/passwd" }), not_an_id),
        ("audit_list", json!({ "entity": "pledge", "entityId": no_event }), App("not_found", "not_found", "id")),
        ("audit_list", json!({ "entity": "event", "entityId": "'; DROP TABLE audit_log; --" }), not_an_id),
        ("audit_list", json!({ "entity": "event", "entityId": "x".repeat(1 << 20) }), not_an_id),
        // The dialog plugin is loaded for the app's own commands; the webview may not use it.
        (
            "plugin:dialog|open",
            json!({ "options": { "directory": false, "defaultPath": "/etc" } }),
            Tauri("dialog.open not allowed. Permissions associated with this command"),
        ),
        (
            "plugin:dialog|save",
            json!({ "options": { "defaultPath": "/etc/passwd" } }),
            Tauri("dialog.save not allowed. Permissions associated with this command"),
        ),
        ("plugin:dialog|message", json!({ "message": "hi" }), Tauri("dialog.message not allowed. Permissions")),
    ];
    for (cmd, body, refused) in hostile {
        assert_refused(h.call(cmd, body.clone()), refused, &format!("{cmd} {}", short(&body)));
    }
    // The database is intact and usable after all of that.
    assert!(h.call("event_create", json!({ "input": doha() })).is_ok());
}

#[test]
fn backup_and_restore_ignore_any_path_the_webview_sends() {
    let h = harness();
    let target = h.path("chosen-by-the-webview.db");
    let traversal = format!("{}/../{}", h.dir.path().display(), "escaped.db");
    let hostile = [
        json!({ "path": target }),
        json!({ "file": target, "out": target }),
        json!({ "path": traversal }),
        json!({ "path": "/etc/passwd" }),
        json!({ "path": 5 }),
        json!({ "options": { "defaultPath": target } }),
    ];
    h.answer(None); // the person cancels the dialog
    for body in &hostile {
        for cmd in ["backup_create", "backup_restore"] {
            assert_eq!(h.call(cmd, body.clone()), Ok(Value::Null), "{cmd} {body}");
        }
    }
    assert!(!target.exists() && !h.dir.path().join("../escaped.db").exists());
    assert!(std::fs::read("/etc/passwd").is_ok_and(|b| !b.starts_with(b"SQLite")));
    // Every call asked the person instead: a save dialog, or an open dialog in the backups folder.
    let asked = h.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), hostile.len() * 2);
    assert!(matches!(&asked[0], FileRequest::SaveBackup { suggested_name } if suggested_name.ends_with(".db")));
    assert_eq!(asked[1], FileRequest::OpenBackup { folder: h.path("backups") });
}

#[test]
fn back_up_then_restore_through_the_commands() {
    let h = harness();
    let created = h.call("event_create", json!({ "input": doha() })).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let file = h.path("saved.db");
    h.answer(Some(&file));
    let saved = h.call("backup_create", json!({})).unwrap();
    assert_eq!(saved["file"], json!(file.display().to_string()));

    assert_eq!(h.call("event_delete", json!({ "id": id })), Ok(Value::Null));
    let restored = h.call("backup_restore", json!({})).unwrap();
    assert_eq!((restored["events"].as_i64(), restored["participants"].as_i64()), (Some(1), Some(0)));
    assert!(restored["previousData"].as_str().unwrap().contains("before-restore"));
    assert_eq!(h.call("event_get", json!({ "id": id })).unwrap()["city"]["en"], "Doha");

    // A file that is not a backup is refused with a reason the UI translates.
    let junk = h.path("junk.db");
    std::fs::write(&junk, "not a database at all, just some text that is long enough".repeat(100)).unwrap();
    h.answer(Some(&junk));
    let refused = h.call("backup_restore", json!({})).unwrap_err();
    assert_eq!((refused["code"].as_str(), refused["reason"].as_str()), (Some("storage"), Some("not_a_database")));
    assert_eq!(h.call("event_list", json!({})).unwrap().as_array().unwrap().len(), 1);

    // Writing a backup over the database itself is refused.
    h.answer(Some(&h.path("muntada.db")));
    let refused = h.call("backup_create", json!({})).unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
}

#[test]
fn the_history_of_an_event_lists_its_changes() {
    let h = harness();
    let demo = h.call("demo_open", json!({})).unwrap();
    let history = h.call("audit_list", json!({ "entity": "event", "entityId": demo["id"] })).unwrap();
    let entries = history.as_array().unwrap();
    assert!(entries.len() >= 50, "the demo's participants and pledge: {}", entries.len());
    let pledge = entries.iter().find(|e| e["entity"] == "pledge").expect("the pledge is in the history");
    assert_eq!(pledge["action"], "create");
    assert_eq!(pledge["label"]["en"], "State of Qatar");
    assert!(pledge["actor"].as_str().is_some_and(|a| !a.is_empty()));
    let one = h.call("audit_list", json!({ "entity": "pledge", "entityId": pledge["entityId"] })).unwrap();
    assert_eq!(one.as_array().unwrap().len(), 1);
}

#[test]
fn demo_forum_overview_has_the_pledge_total() {
    let h = harness();
    let demo = h.call("demo_open", json!({})).unwrap();
    let again = h.call("demo_open", json!({})).unwrap();
    assert_eq!(demo["id"], again["id"], "opening the demo twice reuses it");
    let overview = h.call("event_overview", json!({ "id": demo["id"] })).unwrap();
    let usd = &overview["pledges"]["currencies"];
    assert_eq!((usd[0]["currency"].as_str(), usd[0]["pledged"].as_str()), (Some("USD"), Some("45000000.00")));
    assert_eq!(usd.as_array().unwrap().len(), 1);
    assert_eq!(overview["pledges"]["usd"]["pledged"], "45000000.00");
    assert!(overview["counts"]["participants"].as_u64().unwrap() >= 50);
    assert_eq!(overview["counts"]["pledges"], 1);
}

#[test]
fn reference_data_and_app_info() {
    let h = harness();
    let data = h.call("reference_data", json!({})).unwrap();
    // Each country with the core's names, which the UI shows (badges and documents print them).
    let countries = data["countries"].as_array().unwrap();
    assert!(countries.contains(&json!({ "code": "QA", "name": { "en": "Qatar", "ar": "قطر" } })));
    assert!(countries.contains(&json!({ "code": "PS", "name": { "en": "State of Palestine", "ar": "دولة فلسطين" } })));
    assert!(data["timezones"].as_array().unwrap().contains(&json!("Asia/Qatar")));
    let info = h.call("app_info", json!({})).unwrap();
    assert!(info["dataFile"].as_str().unwrap().ends_with("muntada.db"));
    assert_eq!(info["backupsFolder"], json!(h.path("backups").display().to_string()));
    assert_eq!(info["licence"], "AGPL-3.0-or-later");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn a_database_that_cannot_be_opened_can_be_restored_from_the_app() {
    // A good backup, then a database file whose header is gone.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved.db");
    {
        let h = harness();
        h.call("event_create", json!({ "input": doha() })).unwrap();
        h.answer(Some(&saved));
        h.call("backup_create", json!({})).unwrap();
    }
    std::fs::write(dir.path().join("muntada.db"), vec![0x5a; 8192]).unwrap();

    let h = harness_on(dir);
    let err = h.call("event_list", json!({})).unwrap_err();
    assert_eq!(err["reason"], "not_a_database");
    h.answer(Some(&saved));
    let restored = h.call("backup_restore", json!({})).unwrap();
    assert!(restored["previousData"].as_str().unwrap().ends_with("-unreadable.db"));
    assert_eq!(h.call("event_list", json!({})).unwrap().as_array().unwrap().len(), 1);
    assert!(h.call("event_create", json!({ "input": doha() })).is_ok(), "the restored database is writable");
}

/// Held by the tests that set `MUNTADA_EXPORT_DIR`, which the whole process shares.
static EXPORT_DIR: Mutex<()> = Mutex::new(());

#[test]
fn exports_are_written_where_the_launcher_says_never_where_the_webview_says() {
    let _env = EXPORT_DIR.lock().unwrap_or_else(|p| p.into_inner());
    let h = harness();
    let out = tempfile::tempdir().unwrap();
    // Set by whoever starts the app (here the test, in the app the e2e runner); the webview
    // has no say in the path.
    std::env::set_var("MUNTADA_EXPORT_DIR", out.path());
    let demo = h.call("demo_open", json!({})).unwrap();
    // The schedule XML, like every export, goes to the launcher's folder.
    let xml = h.call("schedule_xml_export", json!({ "eventId": demo["id"], "release": "draft" })).unwrap();
    let written = out.path().join("schedule.xml");
    assert_eq!(xml["file"].as_str(), Some(written.to_str().unwrap()));
    assert!(std::fs::read_to_string(&written).unwrap().starts_with("<?xml"));
    for (kind, file) in [("participant_list", "participants-ar.pdf"), ("pledges_csv", "pledges-ar.csv")] {
        let outcome = h.call("export_document", json!({ "eventId": demo["id"], "kind": kind, "lang": "ar" })).unwrap();
        let written = out.path().join(file);
        assert_eq!(outcome["file"].as_str(), Some(written.to_str().unwrap()));
        let bytes = std::fs::read(&written).unwrap();
        assert_eq!(outcome["bytes"].as_u64(), Some(bytes.len() as u64));
        assert!(bytes.starts_with(b"%PDF-") || bytes.starts_with(b"\xEF\xBB\xBF"), "{file}");
    }
    for (body, refused) in [
        (
            json!({ "eventId": demo["id"], "kind": "../../etc/passwd", "lang": "ar" }),
            Refused::Tauri("invalid args `kind` for command `export_document`: unknown variant `../../etc/passwd`"),
        ),
        (
            json!({ "eventId": demo["id"], "kind": "participant_list", "lang": "fr" }),
            Refused::Tauri("invalid args `lang` for command `export_document`: unknown variant `fr`"),
        ),
        (
            json!({ "eventId": "0190a7e2-0000-7000-8000-00000000dead", "kind": "event_summary", "lang": "en" }),
            Refused::App("not_found", "not_found", "event"),
        ),
    ] {
        assert_refused(h.call("export_document", body.clone()), refused, &body.to_string());
    }
    // An extra argument is ignored: the file still goes to the launcher's folder.
    let body = json!({ "eventId": demo["id"], "kind": "event_summary", "lang": "en", "path": "/etc/passwd" });
    let result = h.call("export_document", body).unwrap();
    assert!(result["file"].as_str().unwrap().starts_with(out.path().to_str().unwrap()));
    assert!(!std::path::Path::new("/etc/passwd.partial").exists());
}

#[test]
fn app_ready_takes_the_view_and_answers_nothing() {
    let h = harness();
    assert_eq!(h.call("app_ready", json!({ "view": "welcome" })), Ok(Value::Null));
    assert_eq!(h.call("app_ready", json!({ "view": "events" })), Ok(Value::Null), "a second report is harmless");
    // The view is required.
    let refused =
        Refused::Tauri("invalid args `view` for command `app_ready`: command app_ready missing required key view");
    assert_refused(h.call("app_ready", json!({})), refused, "app_ready {}");
}

#[test]
fn outcome_sections_versions_and_adoption() {
    let h = harness();
    let demo = h.call("demo_open", json!({})).unwrap();
    let event = &demo["id"];
    let doc = h.call("outcome_get", json!({ "eventId": event, "version": null })).unwrap();
    assert_eq!(doc["versions"].as_array().unwrap().len(), 1);
    assert_eq!((doc["version"]["number"].as_u64(), &doc["version"]["adopted"]), (Some(1), &Value::Null));
    let count = doc["sections"].as_array().unwrap().len();
    assert!(count >= 8, "every kind of section in the demo: {count}");

    // A recommendation in both languages; text that looks like HTML is kept as text.
    let body = |text: &str| json!([{ "type": "paragraph", "spans": [{ "text": text, "bold": true }] }]);
    let input = json!({
        "kind": "recommendation",
        "title": { "en": "", "ar": "" },
        "bodyEn": body("<script>alert(1)</script> Share data."),
        "bodyAr": body("تبادل البيانات."),
        "actor": { "en": "Member States", "ar": "الدول الأعضاء" },
        "sessions": [], "speaker": null, "position": 1
    });
    let added = h.call("outcome_section_add", json!({ "eventId": event, "version": 1, "input": input })).unwrap();
    assert_eq!((added["stateEn"].as_str(), added["stateAr"].as_str()), (Some("current"), Some("current")));
    let key = added["section"]["key"].clone();
    let doc = h.call("outcome_get", json!({ "eventId": event, "version": 1 })).unwrap();
    assert_eq!(doc["sections"][0]["section"]["key"], key, "added at position 1");
    assert_eq!(doc["sections"][0]["section"]["bodyEn"][0]["spans"][0]["text"], "<script>alert(1)</script> Share data.");

    // Invalid input names the field and writes nothing.
    // A link is not part of rich text: refused before the command runs.
    let link = json!({ "type": "paragraph", "spans": [{ "text": "x", "href": "http://e" }] });
    let e = h
        .call(
            "outcome_section_update",
            json!({ "eventId": event, "key": key, "version": 1, "edit": { "bodyEn": [link] } }),
        )
        .unwrap_err();
    assert!(e.to_string().contains("href"), "{e}");
    let empty = json!({ "type": "paragraph", "spans": [{ "text": "  " }] });
    let e = h
        .call(
            "outcome_section_update",
            json!({ "eventId": event, "key": key, "version": 1, "edit": { "bodyEn": [empty] } }),
        )
        .unwrap_err();
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("invalid_input"), Some("bodyEn")), "{e}");
    let e = h
        .call("outcome_section_move", json!({ "eventId": event, "key": key, "version": 1, "position": 999 }))
        .unwrap_err();
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("invalid_input"), Some("position")));
    let moved = h.call("outcome_section_move", json!({ "eventId": event, "key": key, "version": 1, "position": 2 }));
    assert!(moved.is_ok());
    let doc = h.call("outcome_get", json!({ "eventId": event, "version": 1 })).unwrap();
    assert_eq!(doc["sections"][1]["section"]["key"], key);
    assert_eq!(doc["sections"].as_array().unwrap().len(), count + 1);

    // Only the draft the person read can be adopted; then it is read-only.
    let e = h.call("outcome_adopt", json!({ "eventId": event, "version": 2 })).unwrap_err();
    assert_eq!(e["code"], "conflict");
    let adopted = h.call("outcome_adopt", json!({ "eventId": event, "version": 1 })).unwrap();
    assert!(adopted["adopted"]["by"].as_str().is_some_and(|by| !by.is_empty()));
    let history = h.call("audit_list", json!({ "entity": "event", "entityId": event })).unwrap();
    let latest = &history[0];
    assert_eq!(
        (&latest["entity"], &latest["action"], &latest["entityId"]),
        (&json!("outcome"), &json!("adopt"), &adopted["id"])
    );
    assert_eq!((&latest["actor"], &latest["label"]["en"]), (&adopted["adopted"]["by"], &json!("Version 1")));
    let edit = json!({ "bodyAr": body("تبادل المزيد من البيانات.") });
    let e = h
        .call("outcome_section_update", json!({ "eventId": event, "key": key, "version": 1, "edit": edit }))
        .unwrap_err();
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("conflict"), Some("version")));
    let e = h.call("outcome_section_delete", json!({ "eventId": event, "key": key, "version": 1 })).unwrap_err();
    assert_eq!(e["code"], "conflict");

    // Editing without a version starts version 2; Arabic is now newer than English.
    let edited = h
        .call("outcome_section_update", json!({ "eventId": event, "key": key, "version": null, "edit": edit }))
        .unwrap();
    assert_eq!((edited["stateEn"].as_str(), edited["stateAr"].as_str()), (Some("older"), Some("current")));
    let doc = h.call("outcome_get", json!({ "eventId": event, "version": null })).unwrap();
    assert_eq!(doc["version"]["number"], 2);
    let diff = h.call("outcome_diff", json!({ "eventId": event, "from": 1, "to": 2 })).unwrap();
    let changed: Vec<&Value> = diff.as_array().unwrap().iter().filter(|d| d["change"] != "unchanged").collect();
    assert_eq!(changed.len(), 1, "{diff}");
    assert_eq!((&changed[0]["key"], &changed[0]["fields"]), (&key, &json!(["bodyAr"])));
    h.call("outcome_section_delete", json!({ "eventId": event, "key": key, "version": 2 })).unwrap();
    let doc = h.call("outcome_get", json!({ "eventId": event, "version": 2 })).unwrap();
    assert_eq!(doc["sections"].as_array().unwrap().len(), count);
    let refused = Refused::App("not_found", "not_found", "version");
    assert_refused(h.call("outcome_get", json!({ "eventId": event, "version": 9 })), refused, "outcome_get version 9");
}

#[test]
fn outcome_certificates_and_cue_cards_are_exported_where_the_launcher_says() {
    let _env = EXPORT_DIR.lock().unwrap_or_else(|p| p.into_inner());
    let h = harness();
    let out = tempfile::tempdir().unwrap();
    std::env::set_var("MUNTADA_EXPORT_DIR", out.path());
    let demo = h.call("demo_open", json!({})).unwrap();
    let event = &demo["id"];
    for (cmd, args, file) in [
        ("outcome_export", json!({ "lang": "both", "version": null }), "outcome-v1-en-ar.pdf"),
        ("outcome_export", json!({ "lang": "ar", "version": 1 }), "outcome-v1-ar.pdf"),
        ("certificates_export", json!({ "lang": "en" }), "certificates-en.pdf"),
        ("certificates_export", json!({ "lang": "both", "status": "checked_in" }), "certificates-en-ar.pdf"),
        ("certificates_export", json!({ "lang": "person", "status": null }), "certificates-by-person.pdf"),
        ("cue_cards_export", json!({ "lang": "ar" }), "cue-cards-ar.pdf"),
    ] {
        let mut body = args.clone();
        body["eventId"] = event.clone();
        let outcome = h.call(cmd, body).unwrap();
        let written = out.path().join(file);
        assert_eq!(outcome["file"].as_str(), Some(written.to_str().unwrap()), "{cmd} {args}");
        assert!(std::fs::read(&written).unwrap().starts_with(b"%PDF-"), "{file}");
    }
    use Refused::{App, Tauri};
    for (cmd, body, refused) in [
        (
            "outcome_export",
            json!({ "eventId": event, "lang": "fr", "version": null }),
            Tauri("invalid args `lang` for command `outcome_export`: unknown variant `fr`"),
        ),
        (
            "outcome_export",
            json!({ "eventId": event, "lang": "en", "version": 7 }),
            App("not_found", "not_found", "version"),
        ),
        (
            "certificates_export",
            json!({ "eventId": event, "lang": "fr" }),
            Tauri("invalid args `lang` for command `certificates_export`: unknown variant `fr`"),
        ),
        (
            "certificates_export",
            json!({ "eventId": event, "lang": "en", "status": "asleep" }),
            Tauri("invalid args `status` for command `certificates_export`: unknown variant `asleep`"),
        ),
        (
            "cue_cards_export",
            json!({ "eventId": "nope", "lang": "en" }),
            App("invalid_input", "invalid_value", "event"),
        ),
    ] {
        assert_refused(h.call(cmd, body.clone()), refused, &format!("{cmd} {body}"));
    }
}

/// Team mode on a laptop's file: where the data is, and a login checked field by field before
/// any connection is tried; nothing is saved when it is refused.
#[test]
fn team_logins_are_checked_before_connecting() {
    let h = harness();
    let status = h.call("team_status", json!({})).unwrap();
    assert_eq!((&status["team"], &status["role"], &status["lost"]), (&Value::Null, &Value::Null, &json!(false)));
    let login = |patch: Value| {
        let mut login =
            json!({ "host": "127.0.0.1", "port": 5432, "database": "forum", "user": "desk1", "password": "pw" });
        for (k, v) in patch.as_object().unwrap() {
            login[k] = v.clone();
        }
        login
    };
    for (patch, field) in [
        (json!({ "host": "127.0.0.1/forum?options=-c" }), "host"),
        (json!({ "host": "" }), "host"),
        (json!({ "port": 0 }), "port"),
        (json!({ "database": "" }), "database"),
        (json!({ "user": "desk\u{1}" }), "user"),
        (json!({ "password": "a\u{0}b" }), "password"),
        // A CA file given by a relative path: refused before connecting, naming the field.
        (json!({ "caFile": "ca.pem" }), "caFile"),
    ] {
        for (cmd, body) in [
            ("team_test", json!({ "login": login(patch.clone()) })),
            ("team_connect", json!({ "login": login(patch.clone()), "remember": true })),
        ] {
            let refused = h.call(cmd, body).unwrap_err();
            assert_eq!(
                (refused["code"].as_str(), refused["field"].as_str()),
                (Some("invalid_input"), Some(field)),
                "{cmd} {patch}"
            );
            assert!(!refused.to_string().contains("\"pw\""), "the password is not in the error");
        }
    }
    // A port out of range is refused by the argument's type.
    assert!(h.call("team_test", json!({ "login": login(json!({ "port": 70000 })) })).unwrap_err().is_string());
    assert!(!h.path("desktop-settings.json").exists(), "nothing saved");
    // Going back to this computer when on it already changes nothing.
    assert_eq!(h.call("team_leave", json!({})).unwrap()["team"], Value::Null);
    assert_eq!(h.call("event_list", json!({})), Ok(json!([])));
}

#[test]
fn erasing_a_person_says_what_is_kept_and_refuses_bad_ids() {
    let h = harness();
    let event = h.call("event_create", json!({ "input": doha() })).unwrap();
    let input = json!({
        "honorific": "H.E.", "name": { "en": "Amina Yusuf", "ar": "أمينة يوسف" }, "email": "amina@example.org",
        "phone": "", "organisation": { "en": "UNOCT", "ar": "" }, "country": "QA", "category": "media",
        "status": "confirmed", "consent": true, "delegation": ""
    });
    let added = h.call("participant_add", json!({ "eventId": event["id"], "input": input })).unwrap();
    let id = added["participant"]["id"].clone();
    let before = h.call("participant_erasure", json!({ "id": id })).unwrap();
    assert_eq!(
        (before["participant"]["name"]["en"].as_str(), before["historyEntries"].as_u64()),
        (Some("Amina Yusuf"), Some(1))
    );

    use Refused::{App, Tauri};
    let not_an_id = App("invalid_input", "invalid_value", "id");
    for (body, refused) in [
        (json!({ "id": "../../etc/passwd" }), not_an_id),
        (json!({ "id": "'; DELETE FROM participants; --" }), not_an_id),
        (json!({ "id": "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001" }), App("not_found", "not_found", "id")),
        (json!({ "id": 42 }), Tauri("invalid args `id` for command `participant_erase`: invalid type: integer")),
        (json!({}), Tauri("invalid args `id` for command `participant_erase`")),
    ] {
        assert_refused(h.call("participant_erase", body.clone()), refused, &body.to_string());
    }
    let unchanged = h.call("participant_get", json!({ "id": id })).unwrap();
    assert_eq!(unchanged["name"]["en"], "Amina Yusuf", "a refused erasure erased nothing");

    let erased = h.call("participant_erase", json!({ "id": id })).unwrap();
    let p = &erased["participant"];
    assert_eq!((p["name"]["en"].as_str(), p["email"].as_str(), p["honorific"].as_str()), (Some(""), None, Some("")));
    assert_eq!((&p["badgeCode"], p["category"].as_str()), (&added["participant"]["badgeCode"], Some("media")));
    assert_eq!(erased["historyEntries"], 2, "created, erased: who and when kept");
}
