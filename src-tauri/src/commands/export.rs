//! Exports: the core builds the document; the user picks where it goes in a native save
//! dialog opened from here, so the webview never names a path.

use std::ffi::OsString;
use std::path::PathBuf;

use muntada::documents::{self, Export, ExportKind, ListFilter};
use muntada::Lang;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::{ApiError, AppState};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOutcome {
    /// Where the file was written; none when the person cancelled the dialog.
    pub file: Option<String>,
    pub bytes: u32,
    /// Characters no bundled font covers, drawn as boxes.
    pub missing_glyphs: u32,
}

/// Renders off the main thread and asks where to save. In test builds, `MUNTADA_EXPORT_DIR`,
/// set by whoever starts the app (the end-to-end tests), writes there without asking.
#[tauri::command]
pub async fn export_document<R: Runtime>(
    app: AppHandle<R>,
    event_id: String,
    kind: ExportKind,
    lang: Lang,
) -> Result<ExportOutcome, ApiError> {
    deliver(app, move |store| documents::export(store, kind, &event_id, lang, &ListFilter::default())).await
}

/// Builds a document with `build`, off the main thread, and saves it where the person chooses
/// (or in `MUNTADA_EXPORT_DIR`, see [`export_dir`]): the one way every export command delivers
/// its file. A PDF is rendered once the place is chosen, straight into the file.
pub async fn deliver<R: Runtime, E: Into<Export>>(
    app: AppHandle<R>,
    build: impl FnOnce(&muntada::Store) -> muntada::Result<E> + Send + 'static,
) -> Result<ExportOutcome, ApiError> {
    tauri::async_runtime::spawn_blocking(move || {
        let export: Export = app.state::<AppState>().read(build)?.into();
        let path = match export_dir(std::env::var_os("MUNTADA_EXPORT_DIR"), cfg!(debug_assertions)) {
            Some(dir) => Some(dir.join(&export.file_name)),
            None => {
                let extension = export.file_name.rsplit_once('.').map_or("pdf", |(_, ext)| ext);
                app.dialog()
                    .file()
                    .set_file_name(&export.file_name)
                    .add_filter(extension.to_uppercase(), &[extension])
                    .blocking_save_file()
                    .map(|p| p.into_path().map_err(|e| muntada::Error::storage(format!("cannot save there: {e}"))))
                    .transpose()?
            }
        };
        let Some(path) = path else {
            return Ok(ExportOutcome { file: None, bytes: 0, missing_glyphs: 0 });
        };
        let saved = export.save(&path)?;
        Ok(ExportOutcome {
            file: Some(path.display().to_string()),
            bytes: saved.bytes as u32,
            missing_glyphs: saved.missing_glyphs as u32,
        })
    })
    .await
    .map_err(|e| ApiError::from(muntada::Error::internal(format!("the export stopped: {e}"))))?
}

/// The folder exports go to without a dialog: `MUNTADA_EXPORT_DIR`, honoured only in a test
/// build (`debug_assertions`: the end-to-end tests drive `target/debug`), because a native save
/// dialog cannot be driven by WebDriver. A release build always asks: a variable in the
/// environment must not make the app write people's data where nobody chose.
fn export_dir(var: Option<OsString>, test_build: bool) -> Option<PathBuf> {
    var.filter(|_| test_build).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_test_build_exports_without_asking() {
        let var = || Some(OsString::from("/tmp/exports"));
        assert_eq!(export_dir(var(), true), Some(PathBuf::from("/tmp/exports")));
        assert_eq!(export_dir(var(), false), None, "a release build ignores MUNTADA_EXPORT_DIR");
        assert_eq!(export_dir(None, true), None);
        // What this very build does: the shell's tests run as a debug build, like the e2e tests.
        assert_eq!(export_dir(var(), cfg!(debug_assertions)).is_some(), cfg!(debug_assertions));
    }
}
