//! The exported documents of the demo forum, through the real CLI, checked with poppler.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pdf::{arabic_digits, assert_contains_text, latin_digits, normalise, page_count, poppler, text_of};

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
        let total = if lang == "en" { "Total: 62" } else { "المجموع: ٦٢" };
        assert_contains_text(&text, total, lang);
        let category = if lang == "en" { "Member State: 23" } else { "دولة عضو: ٢٣" };
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
    for needle in ["المنتدى السنوي الأول", "مايو", "قطر", "٤٥٬٠٠٠٬٠٠٠٫٠٠", "صفحة ١ من ١"]
    {
        assert_contains_text(&ar, needle, "summary ar");
    }
}

/// The event's rule for digits, set from the command line, is followed by every Arabic
/// document of the event: Latin digits and separators throughout, and back to Arabic-Indic.
#[test]
fn every_arabic_document_follows_the_events_digits() {
    let demo = Demo::new();
    assert!(demo.muntada(&["event", "show", &demo.event]).contains("digits:      arabic-indic in Arabic"));
    let updated = demo.muntada(&["event", "update", &demo.event, "--arabic-digits", "latin"]);
    assert_eq!(updated, demo.event);
    assert!(demo.muntada(&["event", "show", &demo.event]).contains("digits:      latin in Arabic"));
    let documents: [(&str, &[&str]); 6] = [
        ("event-summary", &[]),
        ("participants", &[]),
        ("pledges", &[]),
        ("programme", &[]),
        ("outcome", &[]),
        ("cue-cards", &[]),
    ];
    for (what, extra) in documents {
        let text = all_text(&demo.export(what, "ar", extra));
        assert!(!crate::pdf::has_arabic_indic(&text), "{what}: an Arabic-Indic digit in\n{text}");
        assert!(text.chars().any(|c| c.is_ascii_digit()), "{what}: no digits at all in\n{text}");
    }
    let summary = all_text(&demo.export("event-summary", "ar", &[]));
    for needle in ["45,000,000.00", "صفحة 1 من 1"] {
        assert_contains_text(&summary, needle, "summary with Latin digits");
    }
    demo.muntada(&["event", "update", &demo.event, "--arabic-digits", "arabic-indic"]);
    let summary = all_text(&demo.export("event-summary", "ar", &[]));
    assert_contains_text(&summary, "٤٥٬٠٠٠٬٠٠٠٫٠٠", "back to Arabic-Indic");
}

#[test]
fn pledges_table_pdf() {
    let demo = Demo::new();
    for (lang, total, donor, other) in
        [("en", "Total", "State of Qatar", "دولة قطر"), ("ar", "المجموع", "دولة قطر", "State of Qatar")]
    {
        let text = all_text(&demo.export("pledges", lang, &[]));
        assert_contains_text(&text, donor, lang);
        assert!(!text.contains(other), "{lang}: {other} in\n{text}");
        let digits = |s: &str| if lang == "ar" { arabic_digits(s) } else { s.to_owned() };
        assert_contains_text(&text, &digits("45,000,000.00"), lang);
        assert_contains_text(&text, total, lang);
        assert_contains_text(&text, &digits("2024–2026"), lang);
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
        // The Arabic parts' Arabic-Indic digits are read as Latin ones: whole is whole either way.
        let text: String = latin_digits(
            &text
                .chars()
                .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
                .collect::<String>(),
        );
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

/// The demo forum's venue, city and organisers in the language of each document: the Arabic
/// names on Arabic pages, the English ones on English pages.
#[test]
fn names_are_in_the_documents_language() {
    let demo = Demo::new();
    let arabic = ["الدوحة، قطر", "دولة قطر", "مكتب الأمم المتحدة لمكافحة الإرهاب", "شيراتون جراند الدوحة"];
    let english =
        ["Doha, Qatar", "State of Qatar", "United Nations Office of Counter-Terrorism", "Sheraton Grand Doha"];
    let summary_ar = all_text(&demo.export("event-summary", "ar", &[]));
    let outcome_ar_file = demo.export("outcome", "ar", &[]);
    let outcome_ar = text_of(&outcome_ar_file, Some(1));
    let certificate_ar = text_of(&demo.export("certificates", "ar", &["--status", "checked_in"]), Some(1));
    let summary_en = all_text(&demo.export("event-summary", "en", &[]));
    let outcome_en = text_of(&demo.export("outcome", "en", &[]), Some(1));
    let certificate_en = text_of(&demo.export("certificates", "en", &["--status", "checked_in"]), Some(1));
    for (text, what) in [(&summary_ar, "summary ar"), (&outcome_ar, "outcome ar"), (&certificate_ar, "certificate ar")]
    {
        for (shown, hidden) in arabic.iter().zip(english) {
            if what.starts_with("certificate") && shown.contains("شيراتون") {
                continue; // a certificate names the city, not the venue
            }
            assert_contains_text(text, shown, what);
            assert!(!normalise(text).contains(&normalise(hidden)), "{what}: {hidden:?} in\n{text}");
        }
        assert!(!text.contains("Doha"), "{what}: Doha in\n{text}");
    }
    // The pledges table and the cue cards name the donor and the recipient in Arabic too.
    let whole_ar = all_text(&outcome_ar_file);
    let cards_ar = all_text(&demo.export("cue-cards", "ar", &[]));
    for (text, what) in [(&whole_ar, "outcome ar"), (&cards_ar, "cue cards ar")] {
        assert_contains_text(text, "دولة قطر", what);
        assert!(!text.contains("State of Qatar") && !text.contains("UNOCT"), "{what}: English names in\n{text}");
    }
    assert_contains_text(&whole_ar, "مكتب الأمم المتحدة لمكافحة الإرهاب", "outcome ar: the recipient");
    for (text, what) in [(&summary_en, "summary en"), (&outcome_en, "outcome en"), (&certificate_en, "certificate en")]
    {
        for (shown, hidden) in english.iter().zip(arabic) {
            if what.starts_with("certificate") && shown.contains("Sheraton") {
                continue;
            }
            assert_contains_text(text, shown, what);
            assert!(!normalise(text).contains(&normalise(hidden)), "{what}: {hidden:?} in\n{text}");
        }
    }
}

/// A name given in one language only stands in for the other, marked with its language.
#[test]
fn a_name_in_the_other_language_is_marked() {
    let demo = Demo::new();
    let event = demo.muntada(&[
        "event",
        "create",
        "--title",
        "Tunis Forum",
        "--title-ar",
        "منتدى تونس",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-02",
        "--timezone",
        "Africa/Tunis",
        "--venue",
        "Palais des Congrès",
        "--city-ar",
        "تونس",
        "--organiser",
        "UNDP",
        "--organiser-ar",
        "برنامج الأمم المتحدة الإنمائي",
        "--organiser",
        "",
        "--organiser-ar",
        "جامعة الدول العربية",
    ]);
    let export = |lang: &str| {
        let path = demo.dir.path().join(format!("tunis-{lang}.pdf"));
        let args = ["export", "event-summary", "--event", &event, "--lang", lang, "--out", path.to_str().unwrap()];
        demo.muntada(&args);
        all_text(&path)
    };
    // Poppler orders a line of mixed directions its own way (brackets apart from the words
    // they hold): the mark is looked for on the name's line, not at a position.
    let line_of = |text: &str, name: &str| -> String {
        let line = text.lines().find(|l| normalise(l).contains(&normalise(name)));
        normalise(line.unwrap_or_else(|| panic!("{name:?} not in\n{text}")))
    };
    let ar = export("ar");
    let place = line_of(&ar, "Palais des Congrès");
    assert!(place.matches("بالإنجليزية").count() == 1 && place.contains('(') && place.contains(')'), "{ar}");
    assert_contains_text(&ar, "برنامج الأمم المتحدة الإنمائي؛ جامعة الدول العربية", "organisers ar");
    assert!(!ar.contains("UNDP") && !ar.contains("(in Arabic)"), "{ar}");
    let en = export("en");
    assert!(line_of(&en, "Palais des Congrès").ends_with("PalaisdesCongrès,تونس(inArabic)"), "{en}");
    assert!(line_of(&en, "جامعة الدول العربية").ends_with("UNDP;جامعةالدولالعربية(inArabic)"), "{en}");
    assert!(!en.contains("برنامج") && !en.contains("بالإنجليزية"), "{en}");
}

/// A title given in English only heads the Arabic documents marked as English, as names are.
#[test]
fn a_title_in_the_other_language_is_marked() {
    let demo = Demo::new();
    let event = demo.muntada(&[
        "event",
        "create",
        "--title",
        "Geneva Roundtable",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-02",
        "--timezone",
        "Europe/Zurich",
    ]);
    let path = demo.dir.path().join("geneva-ar.pdf");
    demo.muntada(&["export", "event-summary", "--event", &event, "--lang", "ar", "--out", path.to_str().unwrap()]);
    let ar = all_text(&path);
    let heading = ar.lines().map(normalise).find(|l| l.contains("GenevaRoundtable")).unwrap_or_else(|| panic!("{ar}"));
    assert!(heading.contains("بالإنجليزية") && heading.contains('('), "{ar}");
}
