//! The commands through Tauri's mock runtime, with the real config and capabilities: what the
//! UI can call, what it gets back, and that hostile arguments get an error, never a panic.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _dir: tempfile::TempDir,
    _app: App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let state = muntada_desktop::AppState::open(&dir.path().join("muntada.db"));
    let app = muntada_desktop::builder(mock_builder(), state)
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Harness { _dir: dir, _app: app, window }
}

impl Harness {
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
        "venue": "", "city": "Doha", "country": "QA", "timezone": "Asia/Qatar",
        "startDate": "2025-05-20", "endDate": "2025-05-21",
        "organisers": ["State of Qatar"], "status": "draft"
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
    edited["city"] = json!("Vienna");
    edited["timezone"] = json!("Europe/Vienna");
    let updated = h.call("event_update", json!({ "id": id, "input": edited })).unwrap();
    assert_eq!((updated["city"].as_str(), updated["id"].as_str()), (Some("Vienna"), Some(id.as_str())));

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
fn hostile_arguments_get_errors_not_panics() {
    let h = harness();
    let hostile = [
        ("event_create", json!({})),
        ("event_create", json!({ "input": 5 })),
        ("event_create", json!({ "input": { "title": [] } })),
        ("event_get", json!({ "id": "../../../etc/passwd" })),
        ("event_get", json!({ "id": "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001" })),
        ("event_get", json!({ "id": "0190" })),
        ("event_get", json!({ "id": "%%%%%%%%%%" })),
        ("event_get", json!({ "id": "x".repeat(1 << 20) })),
        ("event_get", json!({ "id": null })),
        ("event_delete", json!({ "id": "'; DROP TABLE events; --" })),
        ("event_overview", json!({ "id": 42 })),
        ("event_update", json!({ "id": "0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001", "input": doha() })),
        ("no_such_command", json!({})),
        ("plugin:fs|read_file", json!({ "path": "/etc/passwd" })),
    ];
    for (cmd, body) in hostile {
        assert!(h.call(cmd, body.clone()).is_err(), "{cmd} {body} should fail");
    }
    // The database is intact and usable after all of that.
    assert!(h.call("event_create", json!({ "input": doha() })).is_ok());
}

#[test]
fn demo_forum_overview_has_the_pledge_total() {
    let h = harness();
    let demo = h.call("demo_open", json!({})).unwrap();
    let again = h.call("demo_open", json!({})).unwrap();
    assert_eq!(demo["id"], again["id"], "opening the demo twice reuses it");
    let overview = h.call("event_overview", json!({ "id": demo["id"] })).unwrap();
    assert_eq!(overview["pledgeTotals"], json!([{ "currency": "USD", "amount": "45000000.00" }]));
    assert!(overview["counts"]["participants"].as_u64().unwrap() >= 50);
    assert_eq!(overview["counts"]["pledges"], 1);
}

#[test]
fn reference_data_and_app_info() {
    let h = harness();
    let data = h.call("reference_data", json!({})).unwrap();
    assert!(data["countries"].as_array().unwrap().contains(&json!("QA")));
    assert!(data["timezones"].as_array().unwrap().contains(&json!("Asia/Qatar")));
    let info = h.call("app_info", json!({})).unwrap();
    assert!(info["dataFile"].as_str().unwrap().ends_with("muntada.db"));
    assert_eq!(info["licence"], "AGPL-3.0-or-later");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn app_ready_takes_the_view_and_answers_nothing() {
    let h = harness();
    assert_eq!(h.call("app_ready", json!({ "view": "welcome" })), Ok(Value::Null));
    assert_eq!(h.call("app_ready", json!({ "view": "events" })), Ok(Value::Null), "a second report is harmless");
    assert!(h.call("app_ready", json!({})).is_err(), "the view is required");
}
