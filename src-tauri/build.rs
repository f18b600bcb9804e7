// Tauri's build step reads the root tauri.conf.json and generates a permission per app command.
include!("src/commands/names.rs");

fn main() {
    // The built UI is embedded in the binary at compile time: rebuild when it changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
