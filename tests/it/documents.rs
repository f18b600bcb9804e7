//! The exported documents of the demo forum, through the real CLI, checked with poppler.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pdf::{assert_contains_text, page_count, poppler, text_of};

pub(crate) struct Demo {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) event: String,
}

impl Demo {
    pub(crate) fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let demo = Demo { event: String::new(), dir };
        let event = demo.muntada(&["demo"]);
        Demo { event, ..demo }
    }

    pub(crate) fn muntada(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
            .arg("--db")
            .arg(self.dir.path().join("muntada.db"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "muntada {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    pub(crate) fn export(&self, what: &str, lang: &str, extra: &[&str]) -> PathBuf {
        let path = self.dir.path().join(format!("{what}-{lang}-{}.pdf", extra.join("-")));
        let mut args = vec!["export", what, "--event", &self.event, "--lang", lang, "--out", path.to_str().unwrap()];
        args.extend(extra);
        self.muntada(&args);
        path
    }
}

fn all_text(path: &Path) -> String {
    text_of(path, None)
}

#[test]
fn participant_list_in_english_and_arabic() {
    let demo = Demo::new();
    for lang in ["en", "ar"] {
        let path = demo.export("participants", lang, &[]);
        let text = all_text(&path);
        assert_contains_text(&text, "Sultan bin Saad Al-Muraikhi", lang);
        assert_contains_text(&text, "سلطان بن سعد المريخي", lang);
        let total = if lang == "en" { "Total: 62" } else { "المجموع: 62" };
        assert_contains_text(&text, total, lang);
        let category = if lang == "en" { "Member State: 23" } else { "دولة عضو: 23" };
        assert_contains_text(&text, category, lang);
        assert!(page_count(&path) >= 2, "62 people take more than a page");
    }
    let checked_in = all_text(&demo.export("participants", "en", &["--status", "checked_in"]));
    assert_contains_text(&checked_in, "Total: 12", "filtered by status");
    let media = all_text(&demo.export("participants", "en", &["--category", "media"]));
    assert_contains_text(&media, "Total: 4", "filtered by category");
}

#[test]
fn event_summary_names_dates_and_pledge_total() {
    let demo = Demo::new();
    let en = demo.export("event-summary", "en", &[]);
    let text = all_text(&en);
    for needle in ["First Annual Forum", "21–22 May 2024", "Doha", "Qatar", "45,000,000.00", "Participants", "62"] {
        assert_contains_text(&text, needle, "summary en");
    }
    assert_eq!(page_count(&en), 1, "the summary is one page");
    let ar = all_text(&demo.export("event-summary", "ar", &[]));
    for needle in ["المنتدى السنوي الأول", "مايو", "قطر", "45,000,000.00", "صفحة 1 من 1"]
    {
        assert_contains_text(&ar, needle, "summary ar");
    }
}

#[test]
fn pledges_table_pdf() {
    let demo = Demo::new();
    for (lang, total) in [("en", "Total"), ("ar", "المجموع")] {
        let text = all_text(&demo.export("pledges", lang, &[]));
        assert_contains_text(&text, "State of Qatar", lang);
        assert_contains_text(&text, "45,000,000.00", lang);
        assert_contains_text(&text, total, lang);
        assert_contains_text(&text, "2024–2026", lang);
    }
}

/// The demo's one pledge, USD 15,000,000 a year for 2024–2026: in the outcome document's
/// pledges table every amount is whole on its line, in each language and in both.
#[test]
fn outcome_pledge_amounts_are_never_broken() {
    let demo = Demo::new();
    for (lang, sections) in [("en", 1), ("ar", 1), ("both", 2)] {
        let path = demo.export("outcome", lang, &[]);
        let text = poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        // Poppler wraps right-to-left and mixed runs in invisible embedding marks.
        let text: String =
            text.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}')).collect();
        // Pledged and USD equivalent, then the totals in the currency and in USD.
        let whole = text.matches("45,000,000.00").count();
        assert!(whole >= 4 * sections, "{lang}: {whole} whole amounts in\n{text}");
        for token in text.split_whitespace() {
            let numeric = token.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            // "45,000,000.00", not "2024," before a word.
            if numeric && token.contains(',') && !token.ends_with(',') {
                assert!(is_amount(token), "{lang}: {token:?} is a piece of an amount in\n{text}");
            }
        }
    }
}

/// "45,000,000.00": groups of three after the first, two decimals.
fn is_amount(token: &str) -> bool {
    let Some((whole, cents)) = token.split_once('.') else { return false };
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    cents.len() == 2
        && cents.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}
