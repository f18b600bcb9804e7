//! Bar charts in PDFs: their words read back with `pdftotext`, their bars found by colour in
//! pages rasterised with `pdftoppm`.

use std::path::Path;

use muntada::pdf::*;

use crate::documents::Demo;
use crate::pdf::{arabic_digits, assert_contains_text, latin_digits, poppler, read_pnm, text_of};

/// An RGB image (binary P6), as pdftoppm writes it without `-gray`.
pub(crate) struct Ppm {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pixels: Vec<u8>,
}

impl Ppm {
    /// Rasterise page `page` of `path` at `dpi`.
    pub(crate) fn of_page(path: &Path, page: usize, dpi: u32) -> Ppm {
        let stem = path.file_stem().unwrap().to_string_lossy();
        let out = path.with_file_name(format!("{stem}-page{page}"));
        let (page, dpi) = (page.to_string(), dpi.to_string());
        poppler(
            "pdftoppm",
            &["-r", &dpi, "-f", &page, "-l", &page, "-singlefile", path.to_str().unwrap(), out.to_str().unwrap()],
        );
        let bytes = std::fs::read(path.with_file_name(format!("{stem}-page{page}.ppm"))).unwrap();
        let (width, height, pixels) = read_pnm(&bytes, "P6", 3);
        Ppm { width, height, pixels }
    }

    /// The pixels within a few levels of `colour`, as (x, y).
    pub(crate) fn find(&self, colour: Colour) -> Vec<(usize, usize)> {
        let near = |a: u8, b: u8| a.abs_diff(b) <= 6;
        (0..self.width * self.height)
            .filter(|i| {
                let p = &self.pixels[i * 3..i * 3 + 3];
                near(p[0], colour.r) && near(p[1], colour.g) && near(p[2], colour.b)
            })
            .map(|i| (i % self.width, i / self.width))
            .collect()
    }
}

/// The tallest column of `pixels`, in pixels: the height of the tallest bar of that colour.
pub(crate) fn tallest(pixels: &[(usize, usize)]) -> usize {
    let mut columns = std::collections::HashMap::new();
    for (x, _) in pixels {
        *columns.entry(*x).or_insert(0usize) += 1;
    }
    columns.into_values().max().unwrap_or(0)
}

const RED: Colour = Colour::rgb(200, 30, 30);
const TEAL: Colour = Colour::rgb(20, 140, 140);

fn chart_doc(language: Language, stacked: bool) -> Document {
    let mut doc = Document::new(language, "Chart");
    doc.blocks = vec![
        Block::Heading { level: 1, text: "Chart".into() },
        Block::BarChart(BarChart {
            categories: vec!["Alpha".into(), "Beta".into()],
            series: vec![
                Series { label: "Reds".into(), colour: RED, values: vec![40.0, 10.0] },
                Series { label: "Teals".into(), colour: TEAL, values: vec![20.0, f64::NAN] },
            ],
            stacked,
            value_label: "Units".into(),
            category_label: "Letters".into(),
            height_mm: 50.0,
        }),
    ];
    doc
}

fn mean_x(pixels: &[(usize, usize)]) -> f32 {
    pixels.iter().map(|p| p.0 as f32).sum::<f32>() / pixels.len() as f32
}

#[test]
fn bars_are_drawn_to_scale_and_mirrored_in_arabic() {
    let dir = tempfile::tempdir().unwrap();
    for (name, language, stacked) in
        [("en", Language::En, false), ("ar", Language::Ar, false), ("stacked", Language::En, true)]
    {
        let rendered = render(&chart_doc(language, stacked)).unwrap();
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &rendered.bytes).unwrap();
        let text = text_of(&path, None);
        for word in ["Reds", "Teals", "Units", "Letters", "Alpha", "Beta", "40", "0"] {
            let word = if language == Language::Ar { arabic_digits(word) } else { word.to_owned() };
            assert_contains_text(&text, &word, name);
        }
        let page = Ppm::of_page(&path, 1, 72);
        let (red, teal) = (page.find(RED), page.find(TEAL));
        assert!(!red.is_empty() && !teal.is_empty(), "{name}: bars missing");
        // 50 mm plot at 72 dpi is about 142 px. Side by side, the 40 bar spans the whole
        // axis (0–40); stacked, the axis runs to 60 (40 + 20).
        let full = tallest(&red) as f32;
        let expected = 50.0 / 25.4 * 72.0 * if stacked { 40.0 / 60.0 } else { 1.0 };
        assert!((full - expected).abs() < 4.0, "{name}: 40 drawn {full} px tall, not {expected}");
        let half = tallest(&teal) as f32;
        assert!((half / full - 0.5).abs() < 0.05, "{name}: 20 is half of 40, drawn {half} vs {full}");
        // Everything inside the page and below the heading.
        assert!(red.iter().chain(&teal).all(|&(x, y)| x < page.width && y > 60), "{name}: outside");
        // Alpha (red 40) is the first category: left in English, right in Arabic.
        let tall_red: Vec<_> = red.iter().filter(|p| red.iter().filter(|q| q.0 == p.0).count() > 60).copied().collect();
        let left_half = mean_x(&tall_red) < page.width as f32 / 2.0;
        assert_eq!(left_half, language == Language::En, "{name}: first category side");
        if stacked {
            // Stacked: red and teal share the columns of Alpha's bar, teal on top.
            let teal_x: std::collections::HashSet<_> = teal.iter().map(|p| p.0).collect();
            assert!(tall_red.iter().any(|p| teal_x.contains(&p.0)), "stacked bars share a column");
        } else {
            // Side by side, the first series nearer the start side.
            let red_first = mean_x(&tall_red) < mean_x(&teal);
            assert_eq!(red_first, language == Language::En, "{name}: series order");
        }
    }
}

#[test]
fn empty_charts_draw_nothing_and_do_not_fail() {
    for chart in [
        BarChart::default(),
        BarChart { categories: vec!["A".into()], ..BarChart::default() },
        BarChart {
            categories: vec!["A".into()],
            series: vec![Series { label: "S".into(), colour: RED, values: vec![0.0, -5.0, f64::INFINITY] }],
            ..BarChart::default()
        },
    ] {
        let mut doc = Document::new(Language::En, "Empty");
        doc.blocks.push(Block::BarChart(chart));
        assert!(render(&doc).is_ok());
    }
}

#[test]
fn pledges_pdf_charts_years_by_stage() {
    let demo = Demo::new();
    let list = demo.muntada(&["pledge", "list", "--event", &demo.event]);
    let pledge = list.split_whitespace().next().unwrap().to_owned();
    demo.muntada(&["pledge", "stage", &pledge, "--to", "committed", "--year", "2024", "--date", "2024-06-01"]);
    demo.muntada(&[
        "pledge",
        "stage",
        &pledge,
        "--to",
        "paid",
        "--year",
        "2024",
        "--amount",
        "5000000",
        "--date",
        "2024-09-01",
    ]);
    for (lang, words) in [
        ("en", ["Pledged", "Committed", "Paid", "USD millions", "Year", "2026", "15"]),
        ("ar", ["المُعلن", "الملتزم به", "المدفوع", "ملايين الدولارات", "السنة", "٢٠٢٦", "١٥"]),
    ] {
        let path = demo.export("pledges", lang, &[]);
        // Poppler extracts vowel marks out of place (a known limit): compare without them.
        let bare = |s: &str| s.chars().filter(|c| !('\u{64B}'..='\u{652}').contains(c)).collect::<String>();
        let text = bare(&text_of(&path, None));
        for word in words {
            assert_contains_text(&text, &bare(word), lang);
        }
        let page = Ppm::of_page(&path, 1, 72);
        let [pledged, committed, paid] = muntada::documents::STAGE_COLOURS.map(|c| page.find(c));
        // 2024–2026 at 15 million each; 2024 committed; 5 million of it paid.
        let full = tallest(&pledged) as f32;
        assert!(full > 100.0, "{lang}: pledged bars {full} px");
        assert!((tallest(&committed) as f32 / full - 1.0).abs() < 0.05, "{lang}: committed = pledged in 2024");
        assert!((tallest(&paid) as f32 / full - 1.0 / 3.0).abs() < 0.05, "{lang}: paid a third");
        // The chart is below the table: below its last amount (the page is rasterised at
        // 72 dpi, so pixels are points).
        let words = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1", path.to_str().unwrap(), "-"]);
        let table_bottom = words
            .lines()
            .filter(|l| latin_digits(l).contains(">45,000,000.00</word>"))
            .filter_map(|l| l.split("yMax=\"").nth(1)?.split('"').next()?.parse::<f32>().ok())
            .fold(0.0, f32::max);
        assert!(table_bottom > 0.0, "{lang}: the table's amounts are on page 1");
        assert!(pledged.iter().all(|p| p.1 as f32 > table_bottom), "{lang}: chart position");
    }
}
