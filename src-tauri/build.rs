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
    place_startup_code();
}

/// In the release binary, the functions that run at start (src-tauri/startup-order.txt, made by
/// `make startup-order`) go together at the start of the code: the kernel maps code 64 KB around
/// each page that runs, so start-up code spread over the whole binary kept most of it in memory
/// (README, "Budget"). The option is lld's, the linker rustc uses for x86_64 Linux (glibc) from
/// Rust 1.90 on; names it does not find (the file is older than the code) are skipped without
/// a word.
fn place_startup_code() {
    println!("cargo:rerun-if-changed=startup-order.txt");
    let target = |name: &str| std::env::var(name).unwrap_or_default();
    // rustc is asked its version last, and only for a release build.
    let lld = target("PROFILE") == "release"
        && target("CARGO_CFG_TARGET_OS") == "linux"
        && target("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && target("CARGO_CFG_TARGET_ENV") == "gnu"
        && rustc_minor().is_some_and(|minor| minor >= 90);
    if !lld {
        return;
    }
    // `make startup-order` asks for the linker's map (every function's address) of this very
    // build: the names in the order file are those of the release build's own symbols.
    println!("cargo:rerun-if-env-changed=MUNTADA_LINK_MAP");
    if let Ok(map) = std::env::var("MUNTADA_LINK_MAP") {
        println!("cargo:rustc-link-arg-bins=-Wl,-Map={map}");
    }
    let order = std::path::Path::new(&target("CARGO_MANIFEST_DIR")).join("startup-order.txt");
    if order.is_file() {
        println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}", order.display());
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// The minor version of the rustc that builds this (`rustc 1.95.0 (…)`: 95).
fn rustc_minor() -> Option<u32> {
    let rustc = std::env::var("RUSTC").ok()?;
    let output = std::process::Command::new(rustc).arg("--version").output().ok()?;
    let version = String::from_utf8(output.stdout).ok()?;
    version.split_whitespace().nth(1)?.split('.').nth(1)?.parse().ok()
}
