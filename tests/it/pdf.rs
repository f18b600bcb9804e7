//! The PDF engine seen from outside: render documents, then read them back with poppler
//! (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`). Without poppler these tests fail, they
//! do not skip: `apt-get install poppler-utils`.

use std::path::{Path, PathBuf};
use std::process::Command;

use muntada::pdf::*;

const SENTENCE: &str = "أعلنت دولة قطر عن دعم بقيمة 15 مليون دولار (2024–2026)";

// ---------------------------------------------------------------------------------------
// Fixtures

fn arabic_doc() -> Document {
    let mut doc = Document::new(Language::Ar, "ملخص منتدى الدوحة");
    doc.meta.author = "أمانة المنتدى".into();
    doc.header = Some("منتدى الدوحة 2024 — ملخص".into());
    doc.blocks = vec![
        Block::Heading { level: 1, text: "منتدى الدوحة للسلام".into() },
        Block::Paragraph(Paragraph::text(SENTENCE)),
        Block::Paragraph(Paragraph::runs(vec![
            Run::bold("ملاحظة: "),
            Run::plain("شارك في Doha Forum أكثر من 300 مشارك من 45 دولة، "),
            Run::italic("وتناولت الجلسات قضايا السلام والتنمية."),
        ])),
        Block::Paragraph(Paragraph::text("بِسْمِ ٱللَّٰهِ الرَّحْمَٰنِ الرَّحِيمِ")),
        Block::Heading { level: 2, text: "البرنامج".into() },
        Block::List(List {
            ordered: true,
            items: vec![
                Paragraph::text("الجلسة الافتتاحية"),
                Paragraph::text("حلقة نقاش (الطاقة والمناخ)"),
                Paragraph::text("كلمة السيد John Smith، الأمم المتحدة"),
            ],
        }),
        Block::KeyValues(vec![
            KeyValue::new("المكان", "فندق شيراتون، الدوحة"),
            KeyValue::new("التاريخ", "10–11 ديسمبر 2024"),
            KeyValue::new("عدد المشاركين", "312"),
        ]),
        Block::Table(Table {
            columns: vec![
                Column::new("الاسم", 3.0),
                Column::new("المنظمة", 3.0),
                Column::new("الدولة", 2.0),
                Column::new("العدد", 1.0).align(Align::End),
            ],
            rows: vec![
                Row::Group("الوفود الرسمية".into()),
                Row::cells(["محمد بن علي", "وزارة الخارجية", "قطر", "12"]),
                Row::cells(["Jane Smith", "United Nations", "USA", "3"]),
                Row::Total(vec!["المجموع".into(), "".into(), "".into(), "15".into()]),
            ],
            repeat_header: true,
        }),
    ];
    doc
}

fn english_doc() -> Document {
    let mut doc = Document::new(Language::En, "Doha Forum summary");
    doc.meta.author = "Forum secretariat".into();
    doc.header = Some("Doha Forum 2024 — Summary".into());
    doc.blocks = vec![
        Block::Heading { level: 1, text: "Doha Forum for Peace".into() },
        Block::Paragraph(Paragraph::runs(vec![
            Run::plain("The State of Qatar announced support of "),
            Run::bold("15 million dollars"),
            Run::plain(" (2024–2026). The Arabic title is "),
            Run::plain("منتدى الدوحة"),
            Run::plain(", and sessions were held in "),
            Run::italic("both languages"),
            Run::plain("."),
        ])),
        Block::Heading { level: 2, text: "Programme".into() },
        Block::List(List {
            ordered: false,
            items: vec![
                Paragraph::text("Opening session"),
                Paragraph::text("Panel: energy and climate (الطاقة والمناخ)"),
            ],
        }),
        Block::KeyValues(vec![
            KeyValue::new("Venue", "Sheraton Hotel, Doha"),
            KeyValue::new("Dates", "10–11 December 2024"),
        ]),
        Block::Table(Table {
            columns: vec![
                Column::new("Name", 3.0),
                Column::new("Organisation", 3.0),
                Column::new("Country", 2.0),
                Column::new("Count", 1.0).align(Align::End),
            ],
            rows: vec![
                Row::Group("Official delegations".into()),
                Row::cells(["محمد بن علي", "وزارة الخارجية", "Qatar", "12"]),
                Row::cells(["Jane Smith", "United Nations Development Programme", "USA", "3"]),
                Row::Total(vec!["Total".into(), "".into(), "".into(), "15".into()]),
            ],
            repeat_header: true,
        }),
    ];
    doc
}

/// A pledges table with long amounts in narrow columns: nine columns, amounts up to
/// billions. `squeezed` adds a column with a word longer than the page and more amounts, so
/// that even at the smallest type the minimums do not fit.
fn amounts_table(language: Language, squeezed: bool) -> Document {
    let ar = language == Language::Ar;
    let l = |en: &'static str, ar_text: &'static str| if ar { ar_text } else { en };
    let mut doc = Document::new(language, l("Pledges", "التعهدات"));
    let mut columns = vec![
        Column::new(l("Donor", "الجهة المانحة"), 3.0),
        Column::new(l("Years", "السنوات"), 1.4),
        Column::new(l("Currency", "العملة"), 1.0),
        Column::new(l("Pledged", "المبلغ المُعلن"), 2.0).align(Align::End),
        Column::new(l("Committed", "الملتزم به"), 2.0).align(Align::End),
        Column::new(l("Paid", "المدفوع"), 2.0).align(Align::End),
        Column::new(l("Stage", "المرحلة"), 1.4),
        Column::new(l("USD equivalent", "المعادل بالدولار"), 2.0).align(Align::End),
    ];
    let mut rows = vec![
        vec![
            l("State of Qatar, Ministry of Foreign Affairs", "دولة قطر، وزارة الخارجية"),
            "2024–2026",
            "USD",
            "45,000,000.00",
            "15,000,000.00",
            "0.00",
            l("announced", "مُعلن"),
            "45,000,000.00",
        ],
        vec![
            l("European Union", "الاتحاد الأوروبي"),
            "2025",
            "EUR",
            "1,250,000,000.00",
            "1,250,000,000.00",
            "999,999,999.99",
            l("committed", "ملتزم به"),
            "1,362,500,000.00",
        ],
    ];
    if squeezed {
        columns.push(Column::new(l("Reference", "المرجع"), 1.0));
        rows[0].push("Donaudampfschifffahrtsgesellschaftskapitänskajütentürschlossschlüssel");
        rows[1].push("QA-2025-0001");
    }
    doc.blocks = vec![
        Block::Heading { level: 2, text: l("Pledges", "التعهدات").into() },
        Block::Table(Table { columns, rows: rows.into_iter().map(Row::cells).collect(), repeat_header: true }),
    ];
    doc
}

/// A participant list long enough for several pages, with names in both scripts and the
/// other cells in the document's language.
///
/// Poppler picks one reading direction per page, by a majority of letters; a page of an
/// Arabic list that is mostly Latin would be read left to right, and "صفحة 3 من 12" would
/// come back as "12 من 3 صفحة". Real lists are mostly in their document's language.
fn long_list(language: Language, rows: usize) -> Document {
    let (title, headers, org, country, category) = match language {
        Language::En => (
            "Participants",
            ["Name", "Organisation", "Country", "Category"],
            "United Nations Development Programme",
            "Saudi Arabia",
            "Speaker",
        ),
        Language::Ar => (
            "المشاركون",
            ["الاسم", "المنظمة", "الدولة", "الفئة"],
            "برنامج الأمم المتحدة الإنمائي",
            "المملكة العربية السعودية",
            "متحدث",
        ),
    };
    let mut doc = Document::new(language, title);
    doc.header = Some(format!("{title} — Doha Forum"));
    let mut table_rows = Vec::new();
    for i in 0..rows {
        if i % 25 == 0 {
            table_rows.push(Row::Group(format!("Group {} — المجموعة", i / 25 + 1)));
        }
        table_rows.push(Row::cells([
            if i % 2 == 0 { format!("مشارك رقم {i:04}") } else { format!("Participant {i:04}") },
            org.to_owned(),
            country.to_owned(),
            category.to_owned(),
        ]));
    }
    doc.blocks = vec![
        Block::Heading { level: 1, text: title.into() },
        Block::Table(Table {
            columns: headers.iter().map(|h| Column::new(*h, 1.0)).collect(),
            rows: table_rows,
            repeat_header: true,
        }),
    ];
    doc
}

// ---------------------------------------------------------------------------------------
// Helpers

pub(crate) fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Render and write the PDF under target/tmp/pdf, for the tools and for a person to look at.
pub(crate) fn render_to(name: &str, doc: &Document) -> (PathBuf, Rendered) {
    let rendered = render(doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(rendered.bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, &rendered.bytes).unwrap();
    (path, rendered)
}

/// Run a poppler tool and return its standard output. Missing tools fail the test.
pub(crate) fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): these tests need poppler: apt-get install poppler-utils"));
    assert!(output.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("poppler writes UTF-8")
}

pub(crate) fn text_of(path: &Path, page: Option<usize>) -> String {
    let p = path.to_str().unwrap();
    match page {
        Some(n) => {
            let n = n.to_string();
            poppler("pdftotext", &["-f", &n, "-l", &n, p, "-"])
        }
        None => poppler("pdftotext", &[p, "-"]),
    }
}

/// Text without white space and without the invisible bidi controls poppler adds (LRE, RLE,
/// PDF) and the marks the engine records for neutrals in right-to-left runs (RLM).
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}'))
        .collect()
}

/// `s` as an Arabic document writes it: Arabic-Indic digits, with the Arabic thousands and
/// decimal separators between them ("45,000,000.00" → "٤٥٬٠٠٠٬٠٠٠٫٠٠").
pub(crate) fn arabic_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let digit = |i: Option<&char>| i.is_some_and(|c| c.is_ascii_digit());
    (0..chars.len())
        .map(|i| match chars[i] {
            c @ '0'..='9' => char::from_u32(0x0660 + (c as u32 - 0x30)).unwrap(),
            ',' if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) => '٬',
            '.' if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) => '٫',
            c => c,
        })
        .collect()
}

/// The other way: Arabic-Indic digits and separators back to "45,000,000.00".
pub(crate) fn latin_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + 0x30).unwrap(),
            '٬' => ',',
            '٫' => '.',
            c => c,
        })
        .collect()
}

pub(crate) fn assert_contains_text(haystack: &str, needle: &str, what: &str) {
    assert!(
        normalise(haystack).contains(&normalise(needle)),
        "{what}: {needle:?} not found in extracted text:\n{haystack}"
    );
}

pub(crate) fn page_count(path: &Path) -> usize {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports Pages")
}

/// A word's box from `pdftotext -bbox`.
#[derive(Debug)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) page: usize,
    pub(crate) x_min: f32,
    pub(crate) y_min: f32,
    pub(crate) x_max: f32,
    pub(crate) y_max: f32,
}

pub(crate) struct PageBox {
    pub(crate) width: f32,
    pub(crate) height: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

pub(crate) fn words_of(path: &Path) -> (Vec<PageBox>, Vec<Word>) {
    let html = poppler("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let mut pages = Vec::new();
    let mut words = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(PageBox { width: attr(line, "width"), height: attr(line, "height") });
        } else if line.starts_with("<word ") {
            let text_start = line.find('>').unwrap() + 1;
            let text_end = line.rfind("</word>").unwrap();
            words.push(Word {
                text: line[text_start..text_end].to_owned(),
                page: pages.len(),
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
            });
        }
    }
    (pages, words)
}

fn assert_inside_page(name: &str, path: &Path, margins_mm: Option<(f32, f32)>) {
    let (pages, words) = words_of(path);
    assert!(!words.is_empty(), "{name}: no words extracted");
    for w in &words {
        let page = &pages[w.page - 1];
        assert!(
            w.x_min >= 0.0 && w.y_min >= 0.0 && w.x_max <= page.width && w.y_max <= page.height,
            "{name}: word outside the page box on page {}: {w:?}",
            w.page
        );
        if let Some((left, right)) = margins_mm {
            let pt = 72.0 / 25.4;
            assert!(
                w.x_min >= left * pt - 0.5 && w.x_max <= page.width - right * pt + 0.5,
                "{name}: word outside the left/right margins on page {}: {w:?}",
                w.page
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Text extraction

/// Any Arabic-Indic or Eastern Arabic-Indic digit.
pub(crate) fn has_arabic_indic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'))
}

#[test]
fn the_same_arabic_document_follows_its_rule_for_digits() {
    // A sentence typed with Arabic-Indic digits, beside those typed in Latin.
    let typed = "تعهدات بقيمة ٤٥٬٠٠٠٬٠٠٠٫٠٠ دولار";
    let doc = || {
        let mut doc = arabic_doc();
        doc.blocks.push(Block::Paragraph(Paragraph::text(typed)));
        doc
    };
    let (path, _) = render_to("digits-arabic-indic", &doc());
    let indic = text_of(&path, None);
    assert_contains_text(&indic, &arabic_digits(SENTENCE), "the default: Arabic-Indic");
    assert_contains_text(&indic, typed, "typed Arabic-Indic digits stay");
    assert_contains_text(&indic, "صفحة ١ من ١", "the page number");

    let (path, _) = render_to("digits-latin", &Document { arabic_digits: Digits::Latin, ..doc() });
    let latin = text_of(&path, None);
    assert!(!has_arabic_indic(&latin), "no Arabic-Indic digit under the Latin rule:\n{latin}");
    assert_contains_text(&latin, SENTENCE, "Latin digits as typed");
    assert_contains_text(&latin, "شارك في Doha Forum أكثر من 300 مشارك من 45 دولة،", "a mixed line");
    assert_contains_text(&latin, "تعهدات بقيمة 45,000,000.00 دولار", "typed Arabic-Indic digits become Latin");
    assert_contains_text(&latin, "صفحة 1 من 1", "the page number");
}

#[test]
fn arabic_sentence_extracts_in_logical_order() {
    let (path, rendered) = render_to("arabic", &arabic_doc());
    assert_eq!(rendered.warnings, Warnings::default());
    let text = text_of(&path, None);
    assert_contains_text(&text, &arabic_digits(SENTENCE), "the Arabic sentence");
    assert_contains_text(&text, "منتدى الدوحة للسلام", "the heading (lam-alef)");
    assert_contains_text(&text, "حلقة نقاش (الطاقة والمناخ)", "brackets around Arabic");
    // Digits that follow Arabic words are Arabic-Indic; the Latin name keeps its own text.
    assert_contains_text(&text, "شارك في Doha Forum أكثر من ٣٠٠ مشارك من ٤٥ دولة،", "Latin in Arabic");
    assert_contains_text(&text, "وتناولت الجلسات قضايا السلام والتنمية.", "italic run");
    assert_contains_text(&text, "فندق شيراتون، الدوحة", "key-value");
    assert_contains_text(&text, "محمد بن علي", "table cell");
    assert_contains_text(&text, "United Nations", "Latin table cell");
    // The running header and the page number.
    assert_contains_text(&text, "منتدى الدوحة ٢٠٢٤ — ملخص", "header");
    assert_contains_text(&text, "صفحة ١ من ١", "footer");
}

#[test]
fn english_text_extracts() {
    let (path, _) = render_to("english", &english_doc());
    let text = text_of(&path, None);
    assert_contains_text(
        &text,
        "The State of Qatar announced support of 15 million dollars (2024–2026).",
        "English paragraph",
    );
    assert_contains_text(&text, "The Arabic title is منتدى الدوحة, and", "Arabic in English");
    assert_contains_text(&text, "Panel: energy and climate (الطاقة والمناخ)", "Arabic in brackets");
    // A wrapped cell: poppler may put the second line elsewhere in its reading order.
    assert_contains_text(&text, "United Nations Development", "wrapped cell");
    assert_contains_text(&text, "Programme", "wrapped cell");
    assert_contains_text(&text, "Page 1 of 1", "footer");
}

// ---------------------------------------------------------------------------------------
// Fonts, metadata

#[test]
fn fonts_are_embedded_and_subset() {
    let (path, _) = render_to("fonts", &arabic_doc());
    let listing = poppler("pdffonts", &[path.to_str().unwrap()]);
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 3, "expected Sans and Naskh fonts:\n{listing}");
    for line in &fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type... encoding emb sub uni object-id generation
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "not embedded+subset+unicode: {line}");
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+' && name[..6].bytes().all(|b| b.is_ascii_uppercase()),
            "subset fonts are named ABCDEF+Name: {line}"
        );
        assert!(name.contains("NotoSans") || name.contains("NotoNaskhArabic"), "only the shipped fonts: {line}");
    }
    assert!(listing.contains("NotoNaskhArabic-Bold"), "bold Arabic used:\n{listing}");
    // Subsetting keeps the file small: four fonts are 1.4 MB whole.
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 200_000, "PDF of {size} bytes: fonts not subset?");
}

#[test]
fn metadata_is_set() {
    let (path, rendered) = render_to("metadata", &arabic_doc());
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("ملخص منتدى الدوحة"), "title:\n{info}");
    assert!(info.contains("أمانة المنتدى"), "author:\n{info}");
    let bytes = String::from_utf8_lossy(&rendered.bytes);
    assert!(bytes.contains("/Lang(ar)"), "catalog /Lang");

    let mut doc = english_doc();
    doc.meta.language = Some("en-GB".into());
    let (_, rendered) = render_to("metadata-en", &doc);
    assert!(String::from_utf8_lossy(&rendered.bytes).contains("/Lang(en-GB)"));
}

#[test]
fn the_creation_date_is_when_it_was_made_not_1970() {
    let created = |info: &str| info.lines().find(|l| l.starts_with("CreationDate:")).unwrap_or_default().to_owned();
    let (path, _) = render_to("created-now", &english_doc());
    let info = poppler("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(created(&info).contains(&year), "{info}");

    let mut doc = english_doc();
    doc.meta.created = Some(1_747_735_200); // 2025-05-20 10:00 UTC
    let (path, _) = render_to("created-fixed", &doc);
    let info = poppler("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    assert!(created(&info).contains("2025-05-20T10:00:00"), "{info}");
}

// ---------------------------------------------------------------------------------------
// Pagination

#[test]
fn page_numbers_are_right_on_every_page() {
    for (language, name) in [(Language::En, "pages-en"), (Language::Ar, "pages-ar")] {
        let (path, rendered) = render_to(name, &long_list(language, 300));
        let total = page_count(&path);
        assert_eq!(rendered.pages, total, "{name}: reported page count");
        assert!(total >= 5, "{name}: expected several pages, got {total}");
        for n in 1..=total {
            let text = text_of(&path, Some(n));
            let footer = match language {
                Language::En => format!("Page {n} of {total}"),
                Language::Ar => arabic_digits(&format!("صفحة {n} من {total}")),
            };
            assert_contains_text(&text, &footer, &format!("{name} page {n}"));
            // The header row repeats on every page, and so does the running header.
            let column = match language {
                Language::En => "Organisation",
                Language::Ar => "المنظمة",
            };
            assert_contains_text(&text, column, &format!("{name} page {n} table header"));
            assert_contains_text(&text, "— Doha Forum", &format!("{name} page {n} running header"));
        }
        // Every row made it, once. Poppler picks one reading direction per page (by a
        // majority of letters), and on a left-to-right page it puts the number of an Arabic
        // cell before the words whatever the drawing; so both orders count.
        let all = normalise(&text_of(&path, None));
        for i in [1, 2, 149, 298, 299] {
            let found = if i % 2 == 0 {
                // In the Arabic list, Arabic-Indic digits after the Arabic words.
                let n = if language == Language::Ar { arabic_digits(&format!("{i:04}")) } else { format!("{i:04}") };
                all.matches(&format!("مشاركرقم{n}")).count() + all.matches(&format!("{n}مشاركرقم")).count()
            } else {
                all.matches(&format!("Participant{i:04}")).count()
            };
            assert_eq!(found, 1, "{name}: row {i}");
        }
    }
}

/// A list longer than what the engine keeps of shaped words and laid cells (it starts afresh
/// past 8,192 of them), written page by page: every page still carries the final total, each
/// row is there once, the watermark is on every page, and the file is the same twice.
#[test]
fn a_list_longer_than_the_caches_streams_with_its_page_total() {
    const ROWS: usize = 9_000;
    for (language, name) in [(Language::En, "stream-en"), (Language::Ar, "stream-ar")] {
        let mut doc = long_list(language, ROWS);
        doc.meta.created = Some(1_747_735_200);
        doc.watermark = Some("DRAFT".into());
        let (path, rendered) = render_to(name, &doc);
        let total = page_count(&path);
        assert_eq!(rendered.pages, total, "{name}");
        assert!(total > 100, "{name}: {total} pages");
        for n in [1, 2, total / 2, total - 1, total] {
            let text = text_of(&path, Some(n));
            let footer = match language {
                Language::En => format!("Page {n} of {total}"),
                Language::Ar => arabic_digits(&format!("صفحة {n} من {total}")),
            };
            assert_contains_text(&text, &footer, &format!("{name} page {n}"));
        }
        // The watermark is one stream that every page draws: diagonal, so read in content
        // order (`-raw`), where its letters stay together.
        let raw = normalise(&poppler("pdftotext", &["-raw", path.to_str().unwrap(), "-"]));
        assert_eq!(raw.matches("DRAFT").count(), total, "{name}: a watermark on every page");
        let all = normalise(&text_of(&path, None));
        for i in [0, 1, 4_097, 8_192, 8_193, ROWS - 1] {
            let found = if i % 2 == 0 {
                // In the Arabic list, Arabic-Indic digits after the Arabic words.
                let n = if language == Language::Ar { arabic_digits(&format!("{i:04}")) } else { format!("{i:04}") };
                all.matches(&format!("مشاركرقم{n}")).count() + all.matches(&format!("{n}مشاركرقم")).count()
            } else {
                all.matches(&format!("Participant{i:04}")).count()
            };
            assert_eq!(found, 1, "{name}: row {i}");
        }
        let again = render(&doc).unwrap();
        assert!(again.bytes == rendered.bytes, "{name}: two renders of the same data differ");
        let mut streamed = Vec::new();
        let written = render_into(&doc, &mut streamed).unwrap();
        assert_eq!(written.pages, total);
        assert!(streamed == rendered.bytes, "{name}: render_to wrote other bytes than render");
    }
}

/// A writer that fails after `left` bytes, as a full disk does.
struct FailingWriter {
    left: usize,
}

impl std::io::Write for FailingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.left {
            return Err(std::io::Error::other("disk full"));
        }
        self.left -= buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_output_is_an_error_not_a_panic() {
    let doc = long_list(Language::En, 600);
    for left in [0, 10, 5_000, 60_000] {
        match render_into(&doc, FailingWriter { left }) {
            Err(PdfError::Write(m)) => assert!(m.contains("disk full"), "{m}"),
            other => panic!("{left} bytes: {other:?}"),
        }
    }
}

#[test]
fn no_text_outside_the_page() {
    let mut narrow = Document::new(Language::Ar, "narrow");
    narrow.page.margins = Margins::uniform(5.0);
    narrow.page.size = PageSize::Letter;
    narrow.blocks = vec![
        Block::Paragraph(Paragraph::text("x".repeat(3000))),
        Block::Paragraph(Paragraph::text("ب".repeat(2000))),
        Block::Table(Table {
            columns: vec![Column::new("a", 0.2), Column::new("بب", 5.0), Column::new("c", 0.0)],
            rows: vec![Row::cells([
                "Supercalifragilisticexpialidocious",
                "نص طويل جدا ".repeat(40).as_str(),
                "WWWWWWWWWWWW",
            ])],
            repeat_header: true,
        }),
    ];
    for (name, doc, margins) in [
        ("bbox-ar", arabic_doc(), (20.0, 20.0)),
        ("bbox-en", english_doc(), (20.0, 20.0)),
        ("bbox-list", long_list(Language::Ar, 120), (20.0, 20.0)),
        ("bbox-narrow", narrow, (5.0, 5.0)),
    ] {
        let (path, _) = render_to(name, &doc);
        assert_inside_page(name, &path, Some(margins));
    }
}

#[test]
fn arabic_tables_start_at_the_right() {
    // `pdftotext -bbox` lists a word's characters in visual order: Arabic reversed.
    let find = |words: &[Word], text: &str| -> (f32, f32) {
        let reversed: String = text.chars().rev().collect();
        let w = words
            .iter()
            .find(|w| w.text == text || w.text == reversed)
            .unwrap_or_else(|| panic!("word {text:?} not found"));
        (w.x_min, w.x_max)
    };
    let (path, _) = render_to("columns-ar", &arabic_doc());
    let (pages, words) = words_of(&path);
    let right_edge = pages[0].width - 20.0 * 72.0 / 25.4;
    let (name_min, name_max) = find(&words, "الاسم");
    let (count_min, _) = find(&words, "العدد");
    assert!(name_min > count_min, "first column at the right in Arabic");
    // Cells align to the right (start) in Arabic: the header sits at the right edge.
    assert!(right_edge - name_max < 8.0, "الاسم ends {name_max}, edge {right_edge}");

    let (path, _) = render_to("columns-en", &english_doc());
    let (_, words) = words_of(&path);
    let (name_min, _) = find(&words, "Name");
    let (count_min, _) = find(&words, "Count");
    assert!(name_min < count_min, "first column at the left in English");
    assert!(name_min - 20.0 * 72.0 / 25.4 < 8.0, "Name starts at the left edge");
}

// ---------------------------------------------------------------------------------------
// Robustness

#[test]
fn hostile_input_still_renders() {
    let mut big = String::with_capacity(1_100_000);
    let mut i = 0;
    while big.len() < 1_000_000 {
        big.push_str(["كلمة ", "word ", "١٢٣ ", "(نص) ", "text, "][i % 5]);
        i += 1;
    }
    let cases: Vec<(&str, Vec<Block>, usize)> = vec![
        ("empty", vec![], 0),
        ("megabyte", vec![Block::Paragraph(Paragraph::text(big))], 0),
        (
            "empty-table",
            vec![
                Block::Table(Table {
                    columns: vec![Column::new("Name", 1.0), Column::new("الاسم", 1.0)],
                    rows: vec![],
                    repeat_header: true,
                }),
                Block::Table(Table::default()),
                Block::List(List::default()),
                Block::KeyValues(vec![]),
                Block::Paragraph(Paragraph::default()),
            ],
            0,
        ),
        ("long-word", vec![Block::Paragraph(Paragraph::text("ب".repeat(5_000) + &"w".repeat(5_000)))], 0),
        (
            "controls",
            vec![Block::Paragraph(Paragraph::text(
                "\u{202E}evil\u{202C} \u{2066}isolated\u{2069} \u{2067}عربي\u{2069} \u{2068}x\u{2069}\u{0000}\u{001B}[31m",
            ))],
            0,
        ),
        (
            "missing-glyphs",
            vec![
                Block::Heading {
                    level: 9,
                    text: "emoji 😀 and 中文".into(),
                },
                Block::Table(Table {
                    columns: vec![Column::new("🎉", f32::NAN)],
                    rows: vec![Row::cells(["👩🏽\u{200D}💻"])],
                    repeat_header: false,
                }),
            ],
            5,
        ),
        ("spacers", vec![Block::Spacer(-5.0), Block::Spacer(f32::INFINITY), Block::PageBreak, Block::PageBreak], 0),
    ];
    for (name, blocks, missing) in cases {
        let mut doc = Document::new(Language::En, name);
        doc.blocks = blocks;
        let (path, rendered) = render_to(&format!("hostile-{name}"), &doc);
        assert_eq!(rendered.warnings.missing_glyphs, missing, "{name}: missing glyphs");
        assert_eq!(page_count(&path), rendered.pages, "{name}");
        let text = text_of(&path, None);
        assert_contains_text(&text, &format!("Page 1 of {}", rendered.pages), name);
        if name == "controls" {
            // The override is gone: "evil" reads forwards.
            assert_contains_text(&text, "evil isolated", name);
            assert!(!text.contains("live"));
        }
        assert_inside_page(name, &path, None);
    }
}

/// An 8 × 4 RGB PNG with a colour gradient.
const LOGO_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 4, 8, 2, 0, 0, 0, 60, 175, 233,
    167, 0, 0, 0, 70, 73, 68, 65, 84, 120, 218, 13, 201, 49, 1, 192, 32, 16, 4, 48, 148, 160, 4, 17, 153, 81, 114, 74,
    152, 95, 4, 34, 126, 70, 81, 155, 53, 99, 232, 169, 151, 222, 58, 250, 232, 171, 159, 30, 67, 77, 181, 212, 86, 81,
    71, 93, 245, 212, 31, 153, 178, 100, 75, 228, 200, 149, 39, 127, 152, 44, 54, 225, 112, 121, 124, 76, 236, 40, 161,
    85, 127, 154, 223, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn logo_sits_at_the_start_side_above_the_text() {
    for (name, mut doc, at_right) in [("logo-ar", arabic_doc(), true), ("logo-en", english_doc(), false)] {
        doc.header = None;
        doc.logo = Some(LOGO_PNG.to_vec());
        let (path, rendered) = render_to(name, &doc);
        let images = poppler("pdfimages", &["-list", path.to_str().unwrap()]);
        let rows: Vec<&str> = images.lines().skip(2).collect();
        assert_eq!(rows.len(), 1, "{name}: one image:\n{images}");
        let cols: Vec<&str> = rows[0].split_whitespace().collect();
        assert_eq!((cols[0], cols[3], cols[4]), ("1", "8", "4"), "{name}: page 1, 8 × 4 px");
        // The image band (top margin, 18 mm high) holds the logo at the start side.
        let page = read_pgm(&rasterise(&path, None));
        let dpi_mm = 40.0 / 25.4;
        let (top, bottom) = ((20.0 * dpi_mm) as usize + 1, ((20.0 + 17.0) * dpi_mm) as usize);
        let dark: Vec<usize> = (top..bottom)
            .flat_map(|y| (0..page.width).map(move |x| (x, y)))
            .filter(|&(x, y)| page.pixels[y * page.width + x] < 200)
            .map(|(x, _)| x)
            .collect();
        assert!(!dark.is_empty(), "{name}: no logo drawn");
        let mean = dark.iter().sum::<usize>() as f32 / dark.len() as f32;
        assert_eq!(mean > page.width as f32 / 2.0, at_right, "{name}: logo side");
        // The text starts below it.
        let (_, words) = words_of(&path);
        let first = words.iter().map(|w| w.y_min).fold(f32::MAX, f32::min);
        let logo_bottom = (20.0 + 18.0) * 72.0 / 25.4;
        assert!(first >= logo_bottom, "{name}: text at {first} pt overlaps the logo");
        assert_eq!(rendered.pages, 1);
    }
}

#[test]
fn invalid_input_is_an_error() {
    let mut doc = english_doc();
    doc.logo = Some(b"not an image".to_vec());
    assert!(matches!(render(&doc), Err(PdfError::InvalidLogo(_))));
    let mut doc = english_doc();
    doc.page.margins = Margins::uniform(150.0);
    assert!(matches!(render(&doc), Err(PdfError::PageSetup(_))));
    doc.page.margins.left = f32::NAN;
    assert!(matches!(render(&doc), Err(PdfError::PageSetup(_))));
}

// ---------------------------------------------------------------------------------------
// Golden images

/// A greyscale PGM image (binary P5), as pdftoppm writes it.
struct Pgm {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn read_pgm(bytes: &[u8]) -> Pgm {
    let (width, height, pixels) = read_pnm(bytes, "P5", 1);
    Pgm { width, height, pixels }
}

/// A binary PGM (`P5`, `channels` 1) or PPM (`P6`, 3) image with 8-bit samples: its width,
/// height and samples. Header: magic, width, height, maxval, separated by white space, then
/// one byte.
pub(crate) fn read_pnm(bytes: &[u8], magic: &str, channels: usize) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..pos]).unwrap().to_owned());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), (magic, "255"), "not an 8-bit binary {magic} image");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = bytes[pos + 1..].to_vec();
    assert_eq!(pixels.len(), width * height * channels, "truncated image");
    (width, height, pixels)
}

/// Rasterise page 1 at 40 dpi in grey, whole or only its top `rows` pixel rows.
pub(crate) fn rasterise(path: &Path, rows: Option<usize>) -> Vec<u8> {
    let out = path.with_extension("");
    let out_str = out.to_str().unwrap();
    let height = rows.map(|r| r.to_string());
    let mut args = vec!["-r", "40", "-gray", "-f", "1", "-l", "1", "-singlefile"];
    if let Some(h) = &height {
        args.extend(["-x", "0", "-y", "0", "-W", "331", "-H", h.as_str()]);
    }
    args.extend([path.to_str().unwrap(), out_str]);
    poppler("pdftoppm", &args);
    std::fs::read(out.with_extension("pgm")).unwrap()
}

/// Mean absolute difference (0–255) and share of pixels differing by more than a quarter.
fn compare(a: &Pgm, b: &Pgm) -> (f64, f64) {
    assert_eq!((a.width, a.height), (b.width, b.height), "image sizes differ");
    let mut sum = 0u64;
    let mut far = 0usize;
    for (x, y) in a.pixels.iter().zip(&b.pixels) {
        let d = x.abs_diff(*y);
        sum += u64::from(d);
        if d > 64 {
            far += 1;
        }
    }
    let n = a.pixels.len() as f64;
    (sum as f64 / n, far as f64 / n)
}

const MAX_MEAN_DIFF: f64 = 1.0;
const MAX_FAR_SHARE: f64 = 0.002;

/// Compares the rasterised first page of `path` with `tests/it/golden/<name>.pgm`, or rewrites
/// the reference with `MUNTADA_UPDATE_GOLDEN=1`; says what differs too much.
pub(crate) fn against_golden(name: &str, path: &Path, actual: &[u8]) -> Option<String> {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/golden").join(format!("{name}.pgm"));
    if std::env::var("MUNTADA_UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&reference, actual).unwrap();
        return None;
    }
    let expected = std::fs::read(&reference)
        .unwrap_or_else(|_| panic!("{} missing: run with MUNTADA_UPDATE_GOLDEN=1 to create it", reference.display()));
    let (mean, far) = compare(&read_pgm(actual), &read_pgm(&expected));
    (mean > MAX_MEAN_DIFF || far > MAX_FAR_SHARE).then(|| {
        format!(
            "{name}: mean difference {mean:.3}, {:.3}% of pixels far off (limits {MAX_MEAN_DIFF}, {:.3}%); \
             actual page in {}; if the change is intended, rerun with MUNTADA_UPDATE_GOLDEN=1",
            far * 100.0,
            MAX_FAR_SHARE * 100.0,
            path.with_extension("pgm").display()
        )
    })
}

#[test]
fn golden_pages() {
    let mut failures = Vec::new();
    let mut images = Vec::new();
    for (name, doc) in [
        ("arabic-page1", arabic_doc()),
        ("english-page1", english_doc()),
        ("table-amounts-en", amounts_table(Language::En, false)),
        ("table-amounts-ar", amounts_table(Language::Ar, false)),
        ("table-squeezed-en", amounts_table(Language::En, true)),
    ] {
        let (path, _) = render_to(&format!("golden-{name}"), &doc);
        // The top 260 rows (about 165 mm) hold all the text of both pages; the rest is blank
        // but for the page number, checked by text elsewhere.
        let actual = rasterise(&path, Some(260));
        images.push(read_pgm(&actual));
        failures.extend(against_golden(name, &path, &actual));
    }
    // The measure can tell two different pages apart.
    let (mean, far) = compare(&images[0], &images[1]);
    assert!(mean > MAX_MEAN_DIFF && far > MAX_FAR_SHARE, "comparison too lax: {mean} {far}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn heading_pages_are_where_the_headings_are_drawn() {
    let mut doc = Document::new(Language::En, "Headings");
    doc.blocks = vec![
        Block::Heading { level: 1, text: "Alpha heading".into() },
        Block::PageBreak,
        Block::Heading { level: 2, text: "Beta heading".into() },
        Block::Paragraph(Paragraph::text("A long paragraph of words. ".repeat(900))),
        Block::Heading { level: 1, text: "Gamma heading".into() },
    ];
    doc.watermark = Some("DRAFT".into());
    let (path, rendered) = render_to("heading-pages", &doc);
    assert_eq!(heading_pages(&doc).unwrap(), rendered.heading_pages, "the layout pass agrees with the render");
    assert_eq!(rendered.heading_pages.len(), 3);
    assert!(rendered.heading_pages[2] > 2, "the paragraph fills pages: {:?}", rendered.heading_pages);
    for (heading, page) in ["Alpha heading", "Beta heading", "Gamma heading"].iter().zip(&rendered.heading_pages) {
        assert_contains_text(&text_of(&path, Some(*page)), heading, "heading page");
        if *page > 1 {
            assert!(!text_of(&path, Some(page - 1)).contains(heading), "{heading} is not on page {}", page - 1);
        }
    }
}

/// The golden tables, as a reader sees them: amounts whole on their lines, and only the table
/// that cannot fit says so.
#[test]
fn tables_keep_their_amounts_whole() {
    for (name, language, squeezed) in
        [("amounts-en", Language::En, false), ("amounts-ar", Language::Ar, false), ("squeezed-en", Language::En, true)]
    {
        let (path, rendered) = render_to(&format!("table-{name}"), &amounts_table(language, squeezed));
        assert_eq!(rendered.warnings.squeezed_tables, usize::from(squeezed), "{name}");
        let text = poppler("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        // The Arabic table's amounts are in Arabic-Indic digits; whole is whole either way.
        if language == Language::Ar {
            assert!(text.contains(&arabic_digits("45,000,000.00")), "{name}: Arabic-Indic amounts in\n{text}");
        }
        let text = latin_digits(&text);
        for amount in ["45,000,000.00", "1,250,000,000.00", "999,999,999.99", "1,362,500,000.00"] {
            assert!(text.contains(amount), "{name}: {amount} not whole on one line in\n{text}");
        }
        // The year range on one line (an Arabic line shows it right to left: 2026–2024).
        assert!(text.lines().any(|l| l.contains("2024") && l.contains("2026")), "{name}: years split in\n{text}");
        if squeezed {
            assert!(text.contains("QA-2025-0001"), "{name}: the code is whole in\n{text}");
        }
    }
}

/// Text as a reader's copy gets it: the invisible direction marks dropped (poppler's
/// embeddings around runs, the engine's marks around neutrals), every other character kept,
/// spaces included.
pub(crate) fn as_copied(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}')).collect()
}

/// Copying gives the words in logical order with the spaces drawn between them: the drawn
/// spaces are real glyphs, not gaps the extractor has to guess (it used to give "صفحة 4من 4").
#[test]
fn copied_text_keeps_its_spaces() {
    let (path, _) = render_to("copied-ar", &long_list(Language::Ar, 120));
    let total = page_count(&path);
    for n in 1..=total {
        let lines: Vec<String> = text_of(&path, Some(n)).lines().map(as_copied).collect();
        let footer = arabic_digits(&format!("صفحة {n} من {total}"));
        assert!(lines.iter().any(|l| l.trim() == footer), "page {n}: no line {footer:?} in {lines:#?}");
    }
    let (path, _) = render_to("copied-mixed", &arabic_doc());
    let text = as_copied(&text_of(&path, None));
    for line in [
        "أعلنت دولة قطر عن دعم بقيمة ١٥ مليون دولار (٢٠٢٤–٢٠٢٦)",
        "ملاحظة: شارك في Doha Forum أكثر من ٣٠٠ مشارك من ٤٥ دولة،",
        "٣. كلمة السيد John Smith، الأمم المتحدة",
    ] {
        assert!(text.lines().any(|l| l.contains(line)), "{line:?} not copied whole from\n{text}");
    }
    let (path, _) = render_to("copied-en", &english_doc());
    let text = as_copied(&text_of(&path, None));
    let line = "(2024–2026). The Arabic title is منتدى الدوحة,";
    assert!(text.lines().any(|l| l.contains(line)), "{line:?} not copied whole from\n{text}");
}
