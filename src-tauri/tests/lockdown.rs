//! The webview is untrusted: a strict CSP, and capabilities that allow only the app's own
//! commands to the main window. These read the real config files.

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn csp_is_strict() {
    let config = read_json("../tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    let directive = |name: &str| csp[name].as_str().unwrap_or_else(|| panic!("CSP lacks {name}")).to_owned();
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'");
    assert_eq!(directive("object-src"), "'none'");
    for (name, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        for banned in ["unsafe-eval", "unsafe-inline", "http://*", "https:", "*"] {
            let hit =
                value.split_whitespace().any(|source| source == banned || source.contains(banned) && banned != "*");
            assert!(!hit, "CSP {name} allows {banned}: {value}");
        }
        assert!(!value.split_whitespace().any(|s| s.starts_with("https://")), "CSP {name} allows remote content");
    }
    assert_eq!(config["app"]["withGlobalTauri"], false);
}

#[test]
fn capabilities_allow_only_app_commands_in_the_main_window() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let capability = read_json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let mut permissions: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    permissions.sort();
    let mut expected: Vec<String> =
        muntada_desktop::commands::COMMAND_NAMES.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.sort();
    assert_eq!(permissions, expected);
}

#[test]
fn devtools_are_not_compiled_into_release_builds() {
    // Tauri opens devtools only in debug builds unless its `devtools` feature is enabled.
    let manifest = read_manifest();
    let tauri_lines: Vec<&str> = manifest.lines().filter(|l| l.trim_start().starts_with("tauri =")).collect();
    assert!(!tauri_lines.is_empty());
    for line in tauri_lines {
        assert!(!line.contains("devtools"), "the devtools feature is enabled: {line}");
    }
    let config = read_json("../tauri.conf.json");
    for window in config["app"]["windows"].as_array().unwrap() {
        assert_ne!(window["devtools"], true, "a window asks for devtools");
    }
}

#[test]
fn the_dialog_plugin_is_not_granted_to_the_webview() {
    // Backups and restores open the dialog from Rust; the webview gets none of its commands.
    let capability = read_json("capabilities/main.json");
    for permission in capability["permissions"].as_array().unwrap() {
        assert!(!permission.as_str().unwrap().contains(':'), "a plugin permission is granted: {permission}");
    }
}

fn read_manifest() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap()
}

#[test]
fn no_fs_shell_or_http_plugin() {
    let manifest =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    for plugin in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http"] {
        assert!(!manifest.contains(plugin), "{plugin} must not be a dependency");
    }
}
