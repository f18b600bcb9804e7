//! The platform's floor for `make bench-app`: a Tauri window with one line of HTML, built from the
//! same Tauri version and features as the app (this package's dependencies, the same release
//! profile), and nothing of Muntada: no commands, no store, no plugins. The bench measures it the
//! same way as the app, in the same run, and judges the app by what it adds to it. It runs the
//! page as the app does (`configure_webview`: the page drawn with the CPU, as without it WebKitGTK
//! composites on software OpenGL here, which costs more than the whole of Muntada; JavaScript
//! without the optimising just-in-time compilers).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    muntada_desktop::configure_webview();
    match tauri::Builder::default().run(tauri::generate_context!("floor/tauri.conf.json")) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("floor: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
