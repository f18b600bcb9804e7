//! How long the start took: from `run` to the UI's first view on screen, logged once to stderr.
//! `make bench-app` reads the line; so can a person wondering why the app opens slowly.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

static STARTED: OnceLock<Instant> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Marks the start of the process; `run` calls it first.
pub fn begin() {
    STARTED.get_or_init(Instant::now);
}

/// The time since `begin`, the first time it is called in this process; `None` afterwards, so a
/// reload of the page or a second report logs nothing.
pub fn ready() -> Option<Duration> {
    if REPORTED.swap(true, Ordering::SeqCst) {
        return None;
    }
    Some(STARTED.get_or_init(Instant::now).elapsed())
}

/// The log line; the view name is quoted, so the UI cannot forge other lines.
pub fn line(elapsed: Duration, view: &str) -> String {
    format!("muntada-desktop: ready in {} ms (first view: {view:?})", elapsed.as_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_once_from_the_start() {
        begin();
        std::thread::sleep(Duration::from_millis(20));
        let first = ready().expect("the first report has a time");
        assert!(first >= Duration::from_millis(20), "{first:?}");
        assert_eq!(ready(), None);
    }

    #[test]
    fn line_is_one_line_whatever_the_view() {
        assert_eq!(
            line(Duration::from_millis(412), "welcome"),
            "muntada-desktop: ready in 412 ms (first view: \"welcome\")"
        );
        assert!(!line(Duration::ZERO, "x\nmuntada-desktop: ready in 1 ms").contains('\n'));
    }
}
