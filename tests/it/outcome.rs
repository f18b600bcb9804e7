//! The outcome document of the demo forum through the real CLI: edited, adopted, compared,
//! and exported as PDF in English, Arabic and both, read back with poppler.

use std::path::Path;
use std::process::Command;

use crate::documents::Demo;
use crate::pdf::{arabic_digits, assert_contains_text, normalise, page_count, text_of};

/// Rows of the contents page (page 2): the first cell and the page number at the end.
fn contents(path: &Path) -> Vec<(String, usize)> {
    let text = crate::pdf::poppler("pdftotext", &["-layout", "-f", "2", "-l", "2", path.to_str().unwrap(), "-"]);
    text.lines()
        .filter_map(|line| {
            // An Arabic page's numbers are in Arabic-Indic digits.
            let line: String = crate::pdf::latin_digits(
                &line
                    .chars()
                    .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'))
                    .collect::<String>(),
            );
            let line = line.trim();
            if line.starts_with("Page ") || line.contains("صفحة") {
                return None; // the footer
            }
            // The page number ends the row in English and begins it (at the left) in Arabic.
            let (rest, page) = match line.rsplit_once(char::is_whitespace) {
                Some((rest, n)) if n.parse::<usize>().is_ok() => (rest, n.parse().ok()?),
                _ => {
                    let (n, rest) = line.split_once(char::is_whitespace)?;
                    (rest, n.parse().ok()?)
                }
            };
            // Bilingual rows hold the English and Arabic titles; keep the English one.
            let title = rest.split("  ").map(str::trim).find(|s| !s.is_empty())?.to_owned();
            Some((title, page))
        })
        .collect()
}

/// Whether the pages carry the DRAFT watermark. It is drawn diagonally, which `pdftotext`
/// splits into letters and fragments; in content-stream order (`-raw`) they stay together.
fn watermarked(path: &Path) -> bool {
    let raw = crate::pdf::poppler("pdftotext", &["-raw", path.to_str().unwrap(), "-"]);
    normalise(&raw).matches("DRAFT").count() == page_count(path)
}

/// The first page (after the contents) with a line that is exactly `heading`.
fn page_of_heading(path: &Path, pages: usize, heading: &str) -> Option<usize> {
    (3..=pages).find(|&p| text_of(path, Some(p)).lines().any(|l| normalise(l) == normalise(heading)))
}

#[test]
fn demo_outcome_pdf_in_english_arabic_and_both() {
    let demo = Demo::new();
    for (lang, title, recommendation) in [
        ("en", "First Annual Forum", "Recommendation"),
        ("ar", "المنتدى السنوي الأول", "التوصية"),
        ("both", "First Annual Forum", "Recommendation"),
    ] {
        let path = demo.export("outcome", lang, &[]);
        let text = text_of(&path, None);
        assert_contains_text(&text, title, lang);
        // The Arabic document writes its numbers in Arabic-Indic digits.
        let digits = |s: String| if lang == "ar" { arabic_digits(&s) } else { s };
        for n in 1..=5 {
            assert_contains_text(&text, &digits(format!("{recommendation} {n}")), lang);
        }
        assert!(
            !normalise(&text).contains(&normalise(&digits(format!("{recommendation} 6")))),
            "{lang}: five recommendations"
        );
        assert_contains_text(&text, &digits("45,000,000.00".to_owned()), lang);
        assert!(watermarked(&path), "{lang}: a draft carries the watermark");
        if lang == "both" {
            assert_contains_text(&text, "التوصية ٥", lang);
            assert_contains_text(&text, "المنتدى السنوي الأول", lang);
        }
        // Every row of the contents points at the page its heading is on.
        let pages = page_count(&path);
        let rows = contents(&path);
        if lang != "ar" {
            let titles: Vec<&str> = rows.iter().map(|(t, _)| t.as_str()).collect();
            for expected in
                ["Background", "Key messages", "Best practices", "Recommendations", "Pledges", "Participation"]
            {
                assert!(titles.contains(&expected), "{lang}: {expected} not in the contents {titles:?}");
            }
            assert!(titles.iter().any(|t| t.starts_with("Statement by")), "{lang}: statements listed");
        }
        assert_eq!(rows.len(), 8, "{lang}: contents rows {rows:?}");
        for (heading, page) in &rows {
            assert_eq!(
                page_of_heading(&path, pages, heading),
                Some(*page),
                "{lang}: {heading:?} listed on page {page}"
            );
        }
    }
}

/// The images of a PDF as `pdfimages -list` gives them (not their transparency masks): (page,
/// width, height).
fn images(path: &Path) -> Vec<(usize, u32, u32)> {
    let list = crate::pdf::poppler("pdfimages", &["-list", path.to_str().unwrap()]);
    list.lines()
        .skip(2)
        .map(|row| row.split_whitespace().collect::<Vec<_>>())
        .filter(|cols| cols[2] == "image")
        .map(|cols| (cols[0].parse().unwrap(), cols[3].parse().unwrap(), cols[4].parse().unwrap()))
        .collect()
}

#[test]
fn the_event_logo_is_on_the_title_page() {
    let demo = Demo::new();
    let e = demo.event.as_str();
    let file = demo.dir.path().join("logo.png");
    // 16 bits a channel with alpha, as image editors often save: printpdf alone draws it empty.
    let mut png = std::io::Cursor::new(Vec::new());
    let maroon = image::Rgba([0x8A00, 0x1500, 0x3800, 0xFFFF]);
    image::ImageBuffer::<image::Rgba<u16>, _>::from_pixel(120, 60, maroon)
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    std::fs::write(&file, png.into_inner()).unwrap();
    assert_eq!(demo.muntada(&["event", "logo", e]), "no logo");
    let before = demo.export("outcome", "both", &[]);
    assert_eq!(images(&before), []);

    assert!(demo.muntada(&["event", "logo", e, "--file", file.to_str().unwrap()]).starts_with("logo: PNG 120×60 px"));
    for lang in ["en", "ar", "both"] {
        let path = demo.export("outcome", lang, &["--version", "1"]);
        assert_eq!(images(&path), [(1, 120, 60)], "{lang}: the logo, once, on the title page");
        // The title page still fits on one page: the contents are page 2.
        let contents = text_of(&path, Some(2));
        assert!(contents.contains("Contents") || contents.contains("المحتويات"), "{lang}: page 2 is the contents");
        // Drawn, in its colour, at the top of the page on the start side.
        let (left, right) = maroon_columns(&path);
        let rtl = lang == "ar";
        assert!(left > 0 || right > 0, "{lang}: the logo is drawn");
        assert_eq!((left > 0, right > 0), (!rtl, rtl), "{lang}: at the start side");
    }

    // A file that is not an image is refused, naming the field, and the logo stays.
    let bad = demo.dir.path().join("logo.svg");
    std::fs::write(&bad, "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
    let (_, stderr) = muntada_fails(&demo, &["event", "logo", e, "--file", bad.to_str().unwrap()]);
    assert!(stderr.contains("logo") && stderr.contains("PNG or JPEG"), "{stderr}");
    assert!(demo.muntada(&["event", "logo", e]).starts_with("logo: PNG 120×60"));

    assert_eq!(demo.muntada(&["event", "logo", e, "--remove"]), "logo removed");
    assert_eq!(demo.muntada(&["event", "logo", e, "--remove"]), "the event had no logo");
    assert_eq!(images(&demo.export("outcome", "en", &["--version", "1"])), []);
}

/// Pixels of the logo's maroon in the top fifth of page 1, in its left and right halves.
fn maroon_columns(path: &Path) -> (usize, usize) {
    let stem = path.with_extension("");
    crate::pdf::poppler(
        "pdftoppm",
        &["-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", path.to_str().unwrap(), stem.to_str().unwrap()],
    );
    let page = image::open(stem.with_extension("png")).unwrap().to_rgb8();
    let (mut left, mut right) = (0, 0);
    for (x, y, p) in page.enumerate_pixels() {
        let [r, g, b] = p.0;
        if y < page.height() / 5 && r.abs_diff(0x8A) < 20 && g.abs_diff(0x15) < 20 && b.abs_diff(0x38) < 20 {
            if x < page.width() / 2 {
                left += 1;
            } else {
                right += 1;
            }
        }
    }
    (left, right)
}

pub(crate) fn muntada_fails(demo: &Demo, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_muntada"))
        .arg("--db")
        .arg(demo.dir.path().join("muntada.db"))
        .args(args)
        .output()
        .unwrap();
    assert!(!out.status.success(), "muntada {args:?} should fail");
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn adopt_freezes_edits_start_a_new_draft_and_versions_compare() {
    let demo = Demo::new();
    let e = demo.event.as_str();
    let added = demo.muntada(&[
        "outcome",
        "section",
        "add",
        "--event",
        e,
        "--kind",
        "recommendation",
        "--text",
        "Train **judges** together.",
        "--text-ar",
        "تدريب **القضاة** معًا.",
        "--actor",
        "Member States",
        "--actor-ar",
        "الدول الأعضاء",
    ]);
    let list = demo.muntada(&["outcome", "section", "list", "--event", e]);
    assert!(list.contains(&added) && list.contains("version 1  draft"), "{list}");
    let adopted = demo.muntada(&["outcome", "adopt", "--event", e]);
    assert!(adopted.starts_with("version 1  adopted"), "{adopted}");
    let pdf = demo.export("outcome", "en", &["--version", "1"]);
    let text = text_of(&pdf, None);
    assert_contains_text(&text, "Adopted on", "adopted");
    assert_contains_text(&text, "Recommendation 6", "the added one numbered on");
    assert!(!watermarked(&pdf), "no watermark on an adopted version");

    // Changing the adopted version: refused, nothing written.
    let (code, stderr) = muntada_fails(
        &demo,
        &["outcome", "section", "edit", &added, "--event", e, "--version", "1", "--text", "Changed."],
    );
    assert_eq!(code, 1, "a conflict");
    assert!(stderr.contains("adopted") && stderr.contains("--version"), "{stderr}");
    let (code, stderr) = muntada_fails(&demo, &["outcome", "section", "add", "--event", e, "--kind", "nonsense"]);
    assert_eq!(code, 2, "bad input");
    assert!(stderr.contains("--kind"), "{stderr}");
    assert!(demo.muntada(&["outcome", "versions", "--event", e]).lines().count() == 1, "no new version yet");

    // An edit without a version starts version 2; version 1 stays as adopted.
    demo.muntada(&[
        "outcome",
        "section",
        "edit",
        &added[..13],
        "--event",
        e,
        "--text",
        "Train judges and prosecutors together.",
    ]);
    let versions = demo.muntada(&["outcome", "versions", "--event", e]);
    assert!(versions.contains("version 1  adopted") && versions.contains("version 2  draft"), "{versions}");
    let diff = demo.muntada(&["outcome", "diff", "--event", e, "--from", "1", "--to", "2"]);
    let changed: Vec<&str> = diff.lines().filter(|l| l.contains("  changed  ")).collect();
    assert_eq!(changed.len(), 1, "{diff}");
    assert!(changed[0].starts_with(&added[..8]) && changed[0].contains("(bodyEn)"), "{diff}");
    assert!(diff.contains("bodyEn before: Train judges together."), "{diff}");
    assert!(diff.contains("bodyEn after:  Train judges and prosecutors together."), "{diff}");
    assert_eq!(diff.lines().filter(|l| l.contains("  unchanged  ")).count(), 12, "{diff}");
    let list = demo.muntada(&["outcome", "section", "list", "--event", e]);
    let line = list.lines().find(|l| l.contains(&added)).unwrap();
    assert!(line.contains("ar older"), "the Arabic was not updated: {line}");
    let draft = text_of(&demo.export("outcome", "en", &[]), None);
    assert!(watermarked(&demo.export("outcome", "ar", &[])), "version 2 is a draft");
    assert_contains_text(&draft, "prosecutors", "version 2 has the edit");
}

#[test]
fn certificates_in_each_persons_language_or_both() {
    let demo = Demo::new();
    let e = demo.muntada(&[
        "event",
        "create",
        "--title",
        "Water Forum",
        "--title-ar",
        "منتدى المياه",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-02",
        "--timezone",
        "Asia/Qatar",
        "--city",
        "Doha",
        "--country",
        "QA",
    ]);
    // (English name, Arabic name, country, the language their certificate should be in)
    let people = [
        ("John Smith", "", "GB", "en"),
        ("", "فاطمة الزهراء", "", "ar"),
        ("Omar Haddad", "عمر حداد", "JO", "ar"),
        ("Lena Fischer", "لينا فيشر", "DE", "en"),
        ("Karim Nasser", "", "LB", "en"),
    ];
    for (en, ar, country, _) in people {
        demo.muntada(&[
            "participant",
            "add",
            "--event",
            &e,
            "--name",
            en,
            "--name-ar",
            ar,
            "--country",
            country,
            "--status",
            "checked_in",
        ]);
    }
    demo.muntada(&["participant", "add", "--event", &e, "--name", "Not Here", "--status", "confirmed"]);
    let export = |lang: &str| {
        let path = demo.dir.path().join(format!("certificates-{lang}.pdf"));
        demo.muntada(&[
            "export",
            "certificates",
            "--event",
            &e,
            "--lang",
            lang,
            "--status",
            "checked-in",
            "--out",
            path.to_str().unwrap(),
        ]);
        path
    };
    let shown = |name: &str, ar: &str| if name.is_empty() { ar.to_owned() } else { name.to_owned() };

    let path = export("person");
    assert_eq!(page_count(&path), people.len(), "one page per person checked in");
    for (en, ar, _, lang) in people {
        let who = if lang == "ar" { shown(ar, en) } else { shown(en, ar) };
        let page = (1..=people.len())
            .map(|p| text_of(&path, Some(p)))
            .find(|t| normalise(t).contains(&normalise(&who)))
            .unwrap_or_else(|| panic!("no page for {who}"));
        let (english, arabic) =
            (page.contains("Certificate of attendance"), normalise(&page).contains(&normalise("شهادة حضور")));
        assert_eq!((english, arabic), (lang == "en", lang == "ar"), "{who}: in {lang}:\n{page}");
    }

    let path = export("both");
    assert_eq!(page_count(&path), people.len(), "both languages on one page each");
    for p in 1..=people.len() {
        let page = text_of(&path, Some(p));
        assert_contains_text(&page, "Certificate of attendance", "English half");
        assert_contains_text(&page, "شهادة حضور", "Arabic half");
        assert_contains_text(&page, "منتدى المياه", "the event in Arabic");
    }
    let omar = (1..=people.len()).map(|p| text_of(&path, Some(p))).find(|t| t.contains("Omar Haddad")).unwrap();
    assert_contains_text(&omar, "عمر حداد", "each half names the person in its language");

    let (_, stderr) =
        muntada_fails(&demo, &["export", "certificates", "--event", &e, "--lang", "fr", "--out", "x.pdf"]);
    assert!(stderr.contains("lang") && stderr.contains("person"), "{stderr}");
}

#[test]
fn certificates_and_cue_cards_of_the_demo() {
    let demo = Demo::new();
    let e = demo.event.as_str();
    let checked_in = demo.muntada(&["participant", "list", "--event", e, "--status", "checked_in"]);
    let people = checked_in.lines().filter(|l| l.contains("  checked_in  ")).count();
    assert_eq!(people, 12, "the demo has 12 people checked in:\n{checked_in}");
    let path = demo.export("certificates", "en", &["--status", "checked-in"]);
    assert_eq!(page_count(&path), people, "one page per person");
    let text = text_of(&path, Some(1));
    assert_contains_text(&text, "Certificate of attendance", "certificate");
    assert_contains_text(&text, "First Annual Forum", "certificate");
    let all = text_of(&path, None);
    assert_eq!(all.matches("Certificate of attendance").count(), people);
    let ar = text_of(&demo.export("certificates", "ar", &[]), None);
    assert_contains_text(&ar, "شهادة حضور", "certificate ar");
    // A speaker who is also a participant gets their roles and sessions.
    let person = demo.muntada(&["participant", "add", "--event", e, "--name", "Hana Saleh", "--status", "checked_in"]);
    let speaker = demo.muntada(&["speaker", "add", "--event", e, "--name", "Hana Saleh", "--participant", &person]);
    let session = first_session(&demo);
    demo.muntada(&["speaker", "assign", "--session", &session, "--speaker", &speaker, "--role", "rapporteur"]);
    let everyone = text_of(&demo.export("certificates", "en", &["--status", "checked_in"]), None);
    assert_contains_text(&everyone, "Hana Saleh", "the new person");
    assert_contains_text(&everyone, "took part as", "roles named");
    assert_contains_text(&everyone, "Rapporteur — Opening Session", "role and session");

    let cards = demo.export("cue-cards", "en", &[]);
    let text = text_of(&cards, None);
    assert_contains_text(&text, "Opening Session", "cue cards");
    assert_contains_text(&text, "Speakers, in order", "cue cards");
    assert_contains_text(&text, "Sultan bin Saad Al-Muraikhi", "cue cards");
    assert!(!text.contains("Coffee Break"), "no card for breaks");
    assert_contains_text(&text, "Pledges announced in this session", "the opening's pledge");
    assert_contains_text(&text, "State of Qatar: 45,000,000.00 USD", "the opening's pledge");
    // 14 sessions, 4 of them breaks.
    assert_eq!(page_count(&cards), 10);
    let (code, stderr) =
        muntada_fails(&demo, &["export", "certificates", "--event", e, "--out", "/tmp/x.pdf", "--status", "asleep"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--status"), "{stderr}");
}

/// The id of the demo's first session (the opening), from the database.
fn first_session(demo: &Demo) -> String {
    let db = demo.dir.path().join("muntada.db");
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT id FROM sessions ORDER BY starts_at LIMIT 1", [], |r| r.get(0)).unwrap()
}

/// The participation figures of a PDF: participants, states, organisations (the key values,
/// one a line in `pdftotext -layout`).
fn participation_figures(path: &Path) -> [u32; 3] {
    let text = crate::pdf::poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    ["Participants", "States", "Organisations"].map(|name| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name).and_then(|rest| rest.trim().parse().ok()))
            .unwrap_or_else(|| panic!("no {name} figure in\n{text}"))
    })
}

/// What an outcome PDF's generated sections say: the USD totals pledged and committed (each
/// whole on its line) and the participation figures.
fn generated_of(path: &Path) -> (String, String, [u32; 3]) {
    let text = crate::pdf::poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    let usd: Vec<String> = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Total in USD"))
        .unwrap_or_else(|| panic!("no USD total in\n{text}"))
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    (usd[1].clone(), usd[2].clone(), participation_figures(path))
}

/// A pledge, staged to committed, and a confirmed participant (from a new country and
/// organisation), added now.
fn pledge_and_register(demo: &Demo, donor: &str, amount: &str, country: &str) {
    let e = demo.event.as_str();
    let pledge = demo.muntada(&[
        "pledge",
        "add",
        "--event",
        e,
        "--donor",
        donor,
        "--amount",
        amount,
        "--currency",
        "USD",
        "--from",
        "2025",
    ]);
    demo.muntada(&["pledge", "stage", &pledge, "--to", "committed"]);
    demo.muntada(&[
        "participant",
        "add",
        "--event",
        e,
        "--name",
        &format!("Delegate of {donor}"),
        "--organisation",
        &format!("Ministry of {donor}"),
        "--country",
        country,
        "--category",
        "member_state",
        "--status",
        "confirmed",
    ]);
}

#[test]
fn adopted_versions_keep_their_pledges_and_participation() {
    let demo = Demo::new();
    let e = demo.event.as_str();
    let v = |n: &str| demo.export("outcome", "en", &["--version", n]);
    demo.muntada(&["outcome", "adopt", "--event", e]);
    let first = text_of(&v("1"), None);
    let adopted = generated_of(&v("1"));
    let [people, states, orgs] = adopted.2;
    assert_eq!((adopted.0.as_str(), adopted.1.as_str()), ("45,000,000.00", "0.00"), "the demo's pledge");

    pledge_and_register(&demo, "Tuvalu", "5,000,000", "TV");
    assert_eq!(text_of(&v("1"), None), first, "version 1 reads as when it was adopted");
    demo.muntada(&["outcome", "section", "add", "--event", e, "--kind", "free", "--text", "Closed."]);
    let second = generated_of(&v("2"));
    assert_eq!(second, ("50,000,000.00".into(), "5,000,000.00".into(), [people + 1, states + 1, orgs + 1]));

    // Adopting version 2 keeps it as it is then; what comes after shows only in version 3.
    demo.muntada(&["outcome", "adopt", "--event", e]);
    pledge_and_register(&demo, "Nauru", "1,000,000", "NR");
    demo.muntada(&["outcome", "section", "add", "--event", e, "--kind", "free", "--text", "Again."]);
    assert_eq!(generated_of(&v("1")), adopted);
    assert_eq!(generated_of(&v("2")), second);
    let third = ("51,000,000.00".into(), "6,000,000.00".into(), [people + 2, states + 2, orgs + 2]);
    assert_eq!(generated_of(&v("3")), third);
    let arabic = text_of(&demo.export("outcome", "ar", &["--version", "1"]), None);
    assert!(!arabic.contains("Tuvalu") && !arabic.contains("Nauru"), "nor in Arabic");
}

#[test]
fn a_version_adopted_before_figures_were_kept_shows_them_as_they_stand() {
    let demo = Demo::new();
    let e = demo.event.as_str();
    demo.muntada(&["outcome", "adopt", "--event", e]);
    // What schema 0008 leaves in a version adopted before it: no figures.
    let conn = rusqlite::Connection::open(demo.dir.path().join("muntada.db")).unwrap();
    assert_eq!(conn.execute("UPDATE outcome_versions SET generated = NULL", []).unwrap(), 1);
    drop(conn);
    let (_, _, [people, states, orgs]) = generated_of(&demo.export("outcome", "en", &["--version", "1"]));
    pledge_and_register(&demo, "Tuvalu", "5,000,000", "TV");
    let path = demo.export("outcome", "en", &["--version", "1"]);
    let live = ("50,000,000.00".into(), "5,000,000.00".into(), [people + 1, states + 1, orgs + 1]);
    assert_eq!(generated_of(&path), live, "nothing kept: the figures as they stand");
    assert_contains_text(&text_of(&path, None), "Adopted on", "still adopted");
}
