//! Certificates of attendance: one landscape A4 page per person in every language, nothing
//! pushed off the page or onto the signatures by long names and titles, readable text, and
//! the golden pages of English and Arabic.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use muntada::documents::certificates::{certificate_number, certificates, CertificateLang, ProgrammeData};
use muntada::event::{Event, EventStatus, Signatory};
use muntada::participants::{Participant, ParticipantStatus};
use muntada::{Bilingual, Id};

use crate::pdf::{
    against_golden, as_copied, assert_contains_text, normalise, poppler, rasterise, render_to, text_of, words_of,
};

/// The line the signatures stand on, and the inner line of the frame, in mm (as drawn by
/// `src/documents/certificates.rs`).
const SIGNATURE_LINE_MM: f32 = 158.0;
const FRAME_MM: f32 = 11.5;

fn event(id: &str, long: bool) -> Event {
    let long_en = |what: &str, n: usize| format!("{what} ").repeat(n).chars().take(n).collect::<String>();
    let long_ar = |what: &str, n: usize| format!("{what} ").repeat(n).chars().take(n).collect::<String>();
    let (title, organisers, signatories) = if long {
        (
            Bilingual::new(long_en("Interregional", 300), long_ar("الإقليمي", 300)),
            vec![Bilingual::new(long_en("Organisation", 300), long_ar("المنظمة", 300)); 20],
            vec![
                Signatory::new(
                    Bilingual::new(long_en("Longname", 100), long_ar("الاسم", 100)),
                    Bilingual::new(long_en("Undersecretary", 150), long_ar("وكيل", 150)),
                ),
                Signatory::new(Bilingual::new(long_en("Other", 100), ""), Bilingual::new("", long_ar("المنصب", 150))),
            ],
        )
    } else {
        (
            Bilingual::new(
                "First Annual Forum of Beneficiaries of Counter-Terrorism Technical Assistance",
                "المنتدى السنوي الأول للجهات المستفيدة من المساعدة التقنية في مجال مكافحة الإرهاب",
            ),
            vec![
                Bilingual::new("State of Qatar", "دولة قطر"),
                Bilingual::new("United Nations Office of Counter-Terrorism (UNOCT)", ""),
            ],
            vec![
                Signatory::new(
                    Bilingual::new("Dr. Layla Al-Mansouri", "د. ليلى المنصوري"),
                    Bilingual::new("Director of International Cooperation", "مديرة التعاون الدولي"),
                ),
                Signatory::new(
                    Bilingual::new("Daniel Okafor", "دانيال أوكافور"),
                    Bilingual::new("Chief, Capacity-Building Branch", "رئيس فرع بناء القدرات"),
                ),
            ],
        )
    };
    let now = Utc::now();
    Event {
        id: Id::parse("id", id).unwrap(),
        title,
        description: Bilingual::default(),
        venue: Bilingual::new("Sheraton Grand Doha", "شيراتون جراند الدوحة"),
        city: Bilingual::new("Doha", "الدوحة"),
        country: Some("QA".into()),
        timezone: "Asia/Qatar".into(),
        start_date: NaiveDate::from_ymd_opt(2024, 5, 21).unwrap(),
        end_date: NaiveDate::from_ymd_opt(2024, 5, 22).unwrap(),
        organisers,
        signatories,
        arabic_digits: Default::default(),
        status: EventStatus::Open,
        created_at: now,
        updated_at: now,
        version: 1,
    }
}

fn person(event: &Event, name: Bilingual, organisation: Bilingual, country: &str, badge: &str) -> Participant {
    Participant {
        version: 1,
        id: Id::new(),
        event_id: event.id.clone(),
        honorific: String::new(),
        name,
        email: None,
        phone: None,
        organisation,
        country: Some(country.into()),
        category: "delegate".into(),
        status: ParticipantStatus::CheckedIn,
        badge_code: badge.into(),
        consent: true,
        registered_at: Utc::now(),
        delegation: None,
    }
}

/// The person of the readable and the golden pages.
fn omar(event: &Event, organisation: Bilingual) -> Participant {
    person(event, Bilingual::new("Omar Haddad", "عمر حداد"), organisation, "JO", "K7Q2M9XB4C")
}

/// A small emblem: a navy disc in a gold ring on white.
fn emblem() -> Vec<u8> {
    let side = 160u32;
    let image = image::RgbImage::from_fn(side, side, |x, y| {
        let (dx, dy) = (x as f32 - 79.5, y as f32 - 79.5);
        let r = (dx * dx + dy * dy).sqrt();
        image::Rgb(match r {
            r if r < 58.0 => [0x1F, 0x3A, 0x5F],
            r if r < 72.0 => [0xB0, 0x8D, 0x57],
            _ => [0xFF, 0xFF, 0xFF],
        })
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn render(name: &str, event: &Event, people: &[Participant], langs: CertificateLang, logo: Option<&[u8]>) -> PathBuf {
    let data = ProgrammeData { event, rooms: &[], sessions: &[], speakers: &[], assignments: &[], pledges: &[], logo };
    let mut doc = certificates(&data, people, None, langs);
    doc.meta.created = Some(1_716_300_000);
    let (path, rendered) = render_to(name, &doc);
    assert_eq!(rendered.pages, people.len(), "{name}: one page a person");
    assert_eq!(rendered.warnings.missing_glyphs, 0, "{name}");
    path
}

/// Every word inside the inner frame, and none across the signature line.
fn assert_laid_out(name: &str, path: &Path) {
    let pt = 72.0 / 25.4;
    let (pages, words) = words_of(path);
    assert!(!words.is_empty(), "{name}: no words");
    for w in &words {
        let page = &pages[w.page - 1];
        assert!(page.width > page.height, "{name}: page {} is not landscape", w.page);
        let inside = w.x_min >= FRAME_MM * pt
            && w.x_max <= page.width - FRAME_MM * pt
            && w.y_min >= FRAME_MM * pt
            && w.y_max <= page.height - FRAME_MM * pt;
        assert!(inside, "{name}: a word outside the frame: {w:?}");
        let line = SIGNATURE_LINE_MM * pt;
        assert!(w.y_max <= line + 0.5 || w.y_min >= line - 0.5, "{name}: a word across the signature line: {w:?}");
    }
}

#[test]
fn one_landscape_page_a_person_whatever_the_length_of_the_names() {
    let event = event("0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001", true);
    let long_name = |n: usize| Bilingual::new("Maximilian ".repeat(n / 11 + 1), "عبد الرحمن ".repeat(n / 11 + 1));
    let people = [
        person(&event, long_name(300), long_name(300), "QA", "K7Q2M9XB4C"),
        person(&event, Bilingual::new("Lena Fischer", ""), Bilingual::default(), "DE", "ABCDE12345"),
        person(&event, Bilingual::new("", "فاطمة الزهراء"), Bilingual::new("", "وزارة الخارجية"), "JO", "ZZZZZ00000"),
    ];
    for (langs, name) in [
        (CertificateLang::En, "en"),
        (CertificateLang::Ar, "ar"),
        (CertificateLang::Both, "both"),
        (CertificateLang::Person, "person"),
    ] {
        let name = format!("certificates-long-{name}");
        let path = render(&name, &event, &people, langs, Some(&emblem()));
        assert_laid_out(&name, &path);
        for (i, p) in people.iter().enumerate() {
            assert_contains_text(&text_of(&path, Some(i + 1)), &certificate_number(&event, p), &name);
        }
    }
}

#[test]
fn the_pages_read_in_both_languages() {
    let event = event("0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001", false);
    let people = [omar(&event, Bilingual::new("Ministry of Interior", "وزارة الداخلية"))];
    assert_eq!(certificate_number(&event, &people[0]), "CA-2024-A001-K7Q2M-9XB4C");
    let logo = emblem();
    let en = as_copied(&text_of(&render("certificate-en", &event, &people, CertificateLang::En, Some(&logo)), None));
    for line in [
        "Certificate of attendance",
        "This is to certify that",
        "Omar Haddad",
        "Ministry of Interior",
        "held in Doha, Qatar, 21–22 May 2024",
        "Organised by State of Qatar · United Nations Office of Counter-Terrorism (UNOCT)",
        "Dr. Layla Al-Mansouri",
        "Director of International Cooperation",
        "Chief, Capacity-Building Branch",
        "Certificate no. CA-2024-A001-K7Q2M-9XB4C",
    ] {
        assert!(en.contains(line), "{line:?} not in\n{en}");
    }
    let ar = as_copied(&text_of(&render("certificate-ar", &event, &people, CertificateLang::Ar, Some(&logo)), None));
    for line in [
        "شهادة حضور",
        "نشهد بأن",
        "عمر حداد",
        "وزارة الداخلية",
        "بتنظيم من دولة قطر",
        "United Nations Office of Counter-Terrorism (UNOCT) (بالإنجليزية)",
        "ليلى المنصوري",
        "مديرة التعاون الدولي",
        "رئيس فرع بناء القدرات",
        "CA-2024-A001-K7Q2M-9XB4C",
    ] {
        assert!(ar.contains(line), "{line:?} not in\n{ar}");
    }
    let both = as_copied(&text_of(&render("certificate-both", &event, &people, CertificateLang::Both, None), None));
    for line in
        ["Certificate of attendance", "شهادة حضور", "Omar Haddad", "عمر حداد", "Daniel Okafor", "دانيال أوكافور"]
    {
        assert!(both.contains(line), "{line:?} not in\n{both}");
    }
    let path = render("certificate-fonts", &event, &people, CertificateLang::Both, Some(&logo));
    let fonts = poppler("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");
    let images = poppler("pdfimages", &["-list", path.to_str().unwrap()]);
    assert_eq!(images.lines().skip(2).count(), 1, "the logo on the page:\n{images}");
}

/// The certificate as it looks, in English and in Arabic, against `tests/it/golden/`
/// (`MUNTADA_UPDATE_GOLDEN=1` rewrites them; the README's PNGs are `pdftoppm -r 80 -png` of
/// `target/tmp/pdf/golden-certificate-{en,ar}.pdf`).
#[test]
fn golden_certificates() {
    let event = event("0190a7e2-6f00-7c3a-9a51-d0a1f0e5a001", false);
    let ministry =
        Bilingual::new("Ministry of Interior, Hashemite Kingdom of Jordan", "وزارة الداخلية، المملكة الأردنية الهاشمية");
    let people = [omar(&event, ministry)];
    let mut failures = Vec::new();
    for (name, langs) in [("certificate-en", CertificateLang::En), ("certificate-ar", CertificateLang::Ar)] {
        let path = render(&format!("golden-{name}"), &event, &people, langs, Some(&emblem()));
        failures.extend(against_golden(name, &path, &rasterise(&path, None)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The demo's signatories on its certificates, and `event signatories` / `event create
/// --signatory` setting them, each refusal naming the flag.
#[test]
fn signatories_from_the_command_line() {
    let demo = crate::documents::Demo::new();
    let e = demo.event.as_str();
    let page = text_of(&demo.export("certificates", "en", &["--status", "checked-in"]), Some(1));
    for shown in ["Dr. Layla Al-Mansouri", "Chief, Capacity-Building Branch, UNOCT", "Certificate no. CA-2024-A001-"] {
        assert_contains_text(&page, shown, "the demo's certificate");
    }
    let listed = demo.muntada(&["event", "signatories", e]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.starts_with("Dr. Layla Al-Mansouri / د. ليلى المنصوري — Director"), "{listed}");
    // `event show` lists them too, on one line.
    let shown = demo.muntada(&["event", "show", e]);
    let line = shown.lines().find(|l| l.starts_with("signatories:")).unwrap_or_else(|| panic!("{shown}"));
    assert!(line.contains("Dr. Layla Al-Mansouri / د. ليلى المنصوري — Director") && line.contains("; "), "{line}");

    let fails = |args: &[&str], expected: &str| {
        let (_, stderr) = crate::outcome::muntada_fails(&demo, args);
        assert!(stderr.contains("--signatory") && stderr.contains(expected), "{args:?}: {stderr}");
    };
    let three = ["event", "signatories", e, "--signatory", "A", "--signatory", "B", "--signatory", "C"];
    fails(&three, "at most 2");
    fails(&["event", "signatories", e, "--signatory", "|Director"], "needs a name");
    fails(&["event", "signatories", e, "--signatory", "a|b|c|d|e"], "four parts");
    assert_eq!(demo.muntada(&["event", "signatories", e]).lines().count(), 2, "a refusal changes nothing");

    let set = demo.muntada(&["event", "signatories", e, "--signatory", "Jane Doe|Director|جين دو|المديرة"]);
    assert_eq!(set, "Jane Doe / جين دو — Director / المديرة");
    let ar = text_of(&demo.export("certificates", "ar", &["--status", "checked-in"]), Some(1));
    assert_contains_text(&ar, "جين دو", "the new signatory");
    assert!(!normalise(&ar).contains(&normalise("ليلى")), "the old one is gone:\n{ar}");
    assert_eq!(demo.muntada(&["event", "signatories", e, "--clear"]), "no signatories");

    let created = demo.muntada(&[
        "--json",
        "event",
        "create",
        "--title",
        "Water Forum",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-02",
        "--timezone",
        "Asia/Qatar",
        "--signatory",
        "Jane Doe|Director",
    ]);
    let event: serde_json::Value = serde_json::from_str(&created).unwrap();
    assert_eq!(event["signatories"][0]["name"]["en"], "Jane Doe", "{created}");
    assert_eq!(event["signatories"][0]["title"]["en"], "Director", "{created}");
}
