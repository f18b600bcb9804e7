//! The check-in desk in team mode (the rules are the core's `muntada::desk`): the desk's own
//! file beside this computer's data, and a thread that sends the queue whenever the team
//! database answers again and keeps the desk's copy fresh while it does.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use muntada::desk;
use muntada::store::{DeskFile, TeamTarget};
use muntada::Store;

/// How often the thread looks at the queue.
const TICK: Duration = Duration::from_secs(1);
/// How often the copy is brought up to date while the server answers.
const REFRESH: Duration = Duration::from_secs(30);

/// The desk's file: beside this computer's data file, so that a second desk started on
/// another file (`MUNTADA_DB`) has its own.
pub fn file_path(data_file: &Path) -> PathBuf {
    data_file.with_file_name("desk.db")
}

/// The sending thread of one desk; dropping it stops the thread (within a second).
pub struct Sender {
    stop: Arc<AtomicBool>,
}

impl Drop for Sender {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Sender {
    /// Sends the queue of the desk file at `path` on a connection of its own, with `password`
    /// (kept in memory only, as the store's is).
    pub fn start(path: PathBuf, target: TeamTarget, password: Option<String>) -> Sender {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("muntada-desk-sender".into())
            .spawn(move || send(&path, &target, password.as_deref(), &stopped))
            .expect("start the desk's sending thread");
        Sender { stop }
    }
}

fn send(path: &Path, target: &TeamTarget, password: Option<&str>, stop: &AtomicBool) {
    let Ok(mut file) = DeskFile::open(path) else { return };
    let mut store: Option<Store> = None;
    let mut refreshed = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(TICK);
        let waiting = desk::status(&file).map(|s| s.waiting).unwrap_or(0);
        let refresh_due = refreshed.elapsed() >= REFRESH;
        if waiting == 0 && !refresh_due {
            continue;
        }
        if store.as_ref().is_none_or(Store::connection_lost) {
            store = Store::connect(target, password).ok();
        }
        let Some(server) = store.as_mut() else { continue };
        let done = if waiting > 0 {
            desk::sync(server, &mut file, Utc::now).map(drop)
        } else {
            desk::refresh(server, &mut file, Utc::now()).map(drop)
        };
        match done {
            Ok(()) => refreshed = Instant::now(),
            // Tried again at the next tick, on a new connection.
            Err(_) => store = None,
        }
    }
}
