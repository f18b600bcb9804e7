//! The outcome document of an event as PDF: a title page, a table of contents, the sections
//! in order (recommendations numbered through the document), the pledges with their totals
//! and chart, the participation figures with a chart, and optionally an annex listing the
//! participants. Drafts carry a "DRAFT / مسودة" watermark; adopted versions their date.
//!
//! In both languages each section is given in English and then in Arabic, each laid out in
//! its own direction (see the README for why not side by side).
//! The table of contents is filled in by rendering twice: the first pass says where every
//! heading lands.

use std::collections::HashMap;

use super::{label, pledges::stage_chart, pledges::table_block, render, Exported};
use crate::bilingual::{Bilingual, Lang};
use crate::country;
use crate::error::{Error, Reason, Result};
use crate::event::{self, Event};
use crate::outcome::generated::attends;
use crate::outcome::{self, Generated, Outcome, RichBlock, RichText, Section, SectionKind};
use crate::participants::{self, Category, Participant};
use crate::pdf::{self, Align, BarChart, Block, Colour, Column, KeyValue, List, Paragraph, Row, Run, Series, Table};
use crate::programme::{self, Session, Speaker};
use crate::store::Store;
use crate::time::{format_date, format_date_range};

/// The language(s) of an outcome document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Languages {
    One(Lang),
    /// English then Arabic, section by section.
    Both,
}

impl Languages {
    pub fn parse(value: &str) -> Result<Languages> {
        match value.trim() {
            "both" => Ok(Languages::Both),
            other => Lang::parse(other).map(Languages::One).ok_or_else(|| {
                Error::invalid("lang", Reason::InvalidValue, format!("{value:?} is not en, ar or both"))
            }),
        }
    }

    fn list(self) -> Vec<Lang> {
        match self {
            Languages::One(l) => vec![l],
            Languages::Both => vec![Lang::En, Lang::Ar],
        }
    }

    /// The language of the page furniture (footers, the contents' layout).
    fn main(self) -> Lang {
        match self {
            Languages::One(l) => l,
            Languages::Both => Lang::En,
        }
    }
}

/// Everything an outcome document draws on, read from the store by [`export`].
pub struct OutcomeData<'a> {
    pub event: &'a Event,
    pub outcome: &'a Outcome,
    pub speakers: &'a [Speaker],
    pub sessions: &'a [Session],
    /// What the pledges and participation sections show (`outcome::generated`: kept with an
    /// adopted version, as they stand for a draft).
    pub generated: &'a Generated,
    /// For the annex, which lists the participants as registered when exported.
    pub participants: &'a [Participant],
    pub categories: &'a [Category],
    /// Add a list of the participants at the end.
    pub annex: bool,
    /// The event's logo (PNG or JPEG), drawn at the top of the title page.
    pub logo: Option<&'a [u8]>,
}

/// Builds, lays out (for the contents' page numbers: where each heading lands) and renders
/// the document.
pub fn render_outcome(data: &OutcomeData<'_>, languages: Languages) -> Result<pdf::Rendered> {
    let (doc, toc) = build(data, languages, None);
    let layout_error = |e: pdf::PdfError| Error::internal(format!("cannot lay out the PDF: {e}"));
    let mut headings = pdf::heading_pages(&doc).map_err(layout_error)?;
    // The contents have the same lines whatever the numbers, so the pages settle at once;
    // the loop is a guard should a title's wrapping ever move them.
    for _ in 0..3 {
        let pages: Vec<usize> = toc.iter().map(|&h| headings.get(h).copied().unwrap_or(0)).collect();
        let (doc, _) = build(data, languages, Some(&pages));
        let rendered = render(&doc)?;
        if rendered.heading_pages == headings {
            return Ok(rendered);
        }
        headings = rendered.heading_pages;
    }
    Err(Error::internal("the table of contents did not settle on its page numbers"))
}

/// Reads the event's outcome document (the newest version, or `version`) and renders it.
pub fn export(
    store: &Store,
    event_id: &str,
    languages: Languages,
    version: Option<u32>,
    annex: bool,
) -> Result<Exported> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let id = event.id.as_str();
    let outcome = outcome::get(store, id, version)?.ok_or_else(|| {
        Error::invalid("event", Reason::NotFound, "the event has no outcome document yet: add a section first")
    })?;
    let logo = event::logo(store, id)?;
    let data = OutcomeData {
        event: &event,
        outcome: &outcome,
        speakers: &programme::speakers(store, id)?,
        sessions: &programme::sessions(store, id)?,
        generated: &outcome::generated(store, &outcome.version)?,
        participants: &participants::list(store, id)?,
        categories: &participants::categories(store, id)?,
        annex,
        logo: logo.as_ref().map(|l| l.image.as_slice()),
    };
    let rendered = render_outcome(&data, languages)?;
    let suffix = match languages {
        Languages::One(Lang::En) => "en",
        Languages::One(Lang::Ar) => "ar",
        Languages::Both => "en-ar",
    };
    Ok(Exported {
        file_name: format!("outcome-v{}-{suffix}.pdf", outcome.version.number),
        bytes: rendered.bytes,
        missing_glyphs: rendered.warnings.missing_glyphs,
        squeezed_tables: rendered.warnings.squeezed_tables,
    })
}

const PARTICIPATION_COLOUR: Colour = Colour::rgb(0x4E, 0x79, 0xA7);

struct Builder<'a> {
    blocks: Vec<Block>,
    headings: usize,
    data: &'a OutcomeData<'a>,
}

impl Builder<'_> {
    fn push(&mut self, block: Block) {
        if matches!(block, Block::Heading { .. }) {
            self.headings += 1;
        }
        self.blocks.push(block);
    }

    /// Switches the direction of what follows to `lang`'s.
    fn direction(&mut self, lang: Lang) {
        self.push(Block::Direction(lang.into()));
    }

    /// A level-1 heading; returns its index among the document's headings.
    fn heading(&mut self, text: String) -> usize {
        self.push(Block::Heading { level: 1, text });
        self.headings - 1
    }
}

/// The document, and the index (among its headings) of each heading the contents list.
fn build(data: &OutcomeData<'_>, languages: Languages, toc_pages: Option<&[usize]>) -> (pdf::Document, Vec<usize>) {
    let main = languages.main();
    let langs = languages.list();
    let l = |en, ar| label(main, en, ar);
    let event = data.event;
    let mut doc = pdf::Document::new(
        main.into(),
        format!("{} — {}", l("Outcome document", "الوثيقة الختامية"), event.title.get(main)),
    );
    doc.meta.author = super::organisers(event, main, ", ");
    doc.arabic_digits = super::digits(event);
    doc.header = Some(match languages {
        Languages::Both => format!("{} — Outcome document / الوثيقة الختامية", event.title.en),
        Languages::One(lang) => {
            format!("{} — {}", event.title.get(lang), label(lang, "Outcome document", "الوثيقة الختامية"))
        }
    });
    let version = &data.outcome.version;
    if version.adopted.is_none() {
        doc.watermark = Some("DRAFT / مسودة".to_owned());
    }
    doc.logo = data.logo.map(<[u8]>::to_vec);
    let mut b = Builder { blocks: Vec::new(), headings: 0, data };

    // Title page; the logo, when there is one, already stands above the title.
    b.push(Block::Spacer(if data.logo.is_some() { 15.0 } else { 35.0 }));
    for &lang in &langs {
        b.direction(lang);
        b.push(Block::Heading { level: 1, text: event.title.marked(lang) });
        b.push(Block::Paragraph(Paragraph::runs(vec![Run::bold(label(lang, "Outcome document", "الوثيقة الختامية"))])));
        let status = match &version.adopted {
            Some(a) => format!(
                "{} {} ({} {})",
                label(lang, "Adopted on", "اعتُمدت في"),
                format_date(a.at.date_naive(), lang),
                label(lang, "version", "النسخة"),
                version.number
            ),
            None => format!("{} {}", label(lang, "Draft, version", "مسودة، النسخة"), version.number),
        };
        b.push(Block::KeyValues(vec![
            KeyValue::new(label(lang, "Dates", "التواريخ"), format_date_range(event.start_date, event.end_date, lang)),
            KeyValue::new(label(lang, "Venue", "المكان"), super::place(event, lang, true)),
            KeyValue::new(
                label(lang, "Organisers", "الجهات المنظمة"),
                super::organisers(event, lang, &label(lang, "; ", "؛ ")),
            ),
            KeyValue::new(label(lang, "Status", "الحالة"), status),
        ]));
        b.push(Block::Spacer(10.0));
    }
    b.direction(main);
    b.push(Block::PageBreak);

    // Contents: built last (the sections decide its rows), inserted here.
    let contents_at = b.blocks.len();
    let mut entries: Vec<(Bilingual, usize)> = Vec::new();

    let sections = &data.outcome.sections;
    let mut recommendation = 0;
    let mut i = 0;
    while i < sections.len() {
        let s = &sections[i];
        let title = section_title(s, data.speakers);
        // Consecutive recommendations share one heading and are numbered on.
        let run_end = if s.kind == SectionKind::Recommendation {
            sections[i..].iter().position(|x| x.kind != SectionKind::Recommendation).map_or(sections.len(), |n| i + n)
        } else {
            i + 1
        };
        let mut first_heading = None;
        for &lang in &langs {
            b.direction(lang);
            let h = b.heading(title.marked(lang));
            first_heading.get_or_insert(h);
            let mut n = recommendation;
            for section in &sections[i..run_end] {
                if s.kind == SectionKind::Recommendation {
                    n += 1;
                    recommendation_block(&mut b, section, n, lang);
                } else {
                    section_body(&mut b, section, lang);
                }
            }
        }
        if s.kind == SectionKind::Recommendation {
            recommendation += run_end - i;
        }
        entries.push((title, first_heading.expect("one language at least")));
        i = run_end;
    }
    if data.annex {
        let title = Bilingual::new("Annex: list of participants", "المرفق: قائمة المشاركين");
        b.direction(main);
        b.push(Block::PageBreak);
        let h = b.heading(title.get(main).to_owned());
        entries.push((title, h));
        annex(&mut b, main);
    }

    // The contents, one row per section, with the page its heading starts on.
    let contents_title = match languages {
        Languages::Both => "Contents / المحتويات".to_owned(),
        Languages::One(lang) => label(lang, "Contents", "المحتويات"),
    };
    let page_header = l("Page", "الصفحة");
    let page_of = |k: usize| toc_pages.and_then(|p| p.get(k)).map_or_else(|| "…".to_owned(), |n| n.to_string());
    let (columns, rows): (Vec<Column>, Vec<Row>) = match languages {
        Languages::Both => (
            vec![
                Column::new("Section", 45.0),
                Column::new("القسم", 45.0).align(Align::End),
                Column::new("Page / الصفحة", 14.0).align(Align::End),
            ],
            entries
                .iter()
                .enumerate()
                .map(|(k, (t, _))| Row::cells([t.en.clone(), t.ar.clone(), page_of(k)]))
                .collect(),
        ),
        Languages::One(lang) => (
            vec![Column::new(label(lang, "Section", "القسم"), 85.0), Column::new(page_header, 15.0).align(Align::End)],
            entries.iter().enumerate().map(|(k, (t, _))| Row::cells([t.get(lang).to_owned(), page_of(k)])).collect(),
        ),
    };
    let contents = vec![
        Block::Heading { level: 1, text: contents_title },
        Block::Table(Table { columns, rows, repeat_header: true }),
        Block::PageBreak,
    ];
    // The contents' heading comes before every section heading: shift their indexes by one.
    let toc: Vec<usize> = entries.iter().map(|(_, h)| h + 1).collect();
    let mut blocks = b.blocks;
    blocks.splice(contents_at..contents_at, contents);
    doc.blocks = blocks;
    (doc, toc)
}

fn section_title(s: &Section, speakers: &[Speaker]) -> Bilingual {
    let speaker = s.speaker_id.as_ref().and_then(|id| speakers.iter().find(|x| x.id == *id));
    let fallback = |lang| match (s.kind, speaker) {
        // An opening statement is known by who made it.
        (SectionKind::OpeningStatement, Some(sp)) => {
            let name = speaker_name(sp, lang);
            label(lang, &format!("Statement by {name}"), &format!("كلمة {name}"))
        }
        _ => s.kind.default_title(lang).to_owned(),
    };
    let title = Bilingual {
        en: if s.title.en.is_empty() { fallback(Lang::En) } else { s.title.en.clone() },
        ar: if s.title.ar.is_empty() { fallback(Lang::Ar) } else { s.title.ar.clone() },
    };
    if title.is_empty() || (s.kind == SectionKind::Free && s.title.is_empty()) {
        Bilingual::new(s.title.get(Lang::En), s.title.get(Lang::Ar))
    } else if s.kind == SectionKind::Recommendation {
        // A run of recommendations is headed by the kind, not by its first one's title.
        Bilingual::new(fallback(Lang::En), fallback(Lang::Ar))
    } else {
        title
    }
}

/// The section's text in `lang`, or a note that it is not written yet in that language.
fn rich_blocks(b: &mut Builder<'_>, text: &RichText, other: &RichText, lang: Lang) {
    if text.is_empty() && !other.is_empty() {
        let note = label(lang, "[Not yet available in English.]", "[لم يُترجم إلى العربية بعد.]");
        b.push(Block::Paragraph(Paragraph::runs(vec![Run::italic(note)])));
        return;
    }
    for block in &text.0 {
        let runs = |spans: &[outcome::Span]| -> Paragraph {
            Paragraph::runs(
                spans.iter().map(|s| Run { text: s.text.clone(), bold: s.bold, italic: s.italic }).collect(),
            )
        };
        b.push(match block {
            RichBlock::Paragraph { spans } => Block::Paragraph(runs(spans)),
            RichBlock::Bullets { items } => {
                Block::List(List { ordered: false, items: items.iter().map(|i| runs(i)).collect() })
            }
            RichBlock::Numbered { items } => {
                Block::List(List { ordered: true, items: items.iter().map(|i| runs(i)).collect() })
            }
        });
    }
}

fn body(b: &mut Builder<'_>, s: &Section, lang: Lang) {
    let (text, other) = match lang {
        Lang::En => (&s.body_en, &s.body_ar),
        Lang::Ar => (&s.body_ar, &s.body_en),
    };
    rich_blocks(b, text, other, lang);
}

fn session_titles(b: &Builder<'_>, s: &Section, lang: Lang) -> Option<String> {
    let titles: Vec<String> = s
        .session_ids
        .iter()
        .filter_map(|id| b.data.sessions.iter().find(|x| x.id == *id))
        .map(|x| x.title.marked(lang))
        .collect();
    (!titles.is_empty()).then(|| titles.join(label(lang, "; ", "؛ ").as_str()))
}

fn section_body(b: &mut Builder<'_>, s: &Section, lang: Lang) {
    let l = |en, ar| label(lang, en, ar);
    match s.kind {
        SectionKind::OpeningStatement => {
            if let Some(sp) = s.speaker_id.as_ref().and_then(|id| b.data.speakers.iter().find(|x| x.id == *id)) {
                let name = [sp.honorific.get(lang), sp.name.get(lang)]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut runs = vec![Run::bold(name)];
                let role = [sp.position.get(lang), sp.organisation.get(lang)]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(l(", ", "، ").as_str());
                if !role.is_empty() {
                    runs.push(Run::plain(format!("{}{role}", l(", ", "، "))));
                }
                b.push(Block::Paragraph(Paragraph::runs(runs)));
            }
            if let Some(sessions) = session_titles(b, s, lang) {
                b.push(Block::Paragraph(Paragraph::runs(vec![Run::italic(format!(
                    "{} {sessions}",
                    l("Session:", "الجلسة:")
                ))])));
            }
            body(b, s, lang);
        }
        SectionKind::Pledges => {
            body(b, s, lang);
            let generated = b.data.generated;
            if generated.pledges.rows.is_empty() {
                b.push(Block::Paragraph(Paragraph::text(l("No pledges recorded.", "لا توجد تعهدات مسجلة."))));
            } else {
                b.push(table_block(&generated.pledges, lang));
                if let Some(chart) = stage_chart(&generated.pledges_by_year, lang) {
                    b.push(chart);
                }
            }
        }
        SectionKind::Participation => {
            body(b, s, lang);
            participation(b, lang);
        }
        _ => body(b, s, lang),
    }
}

/// "H.E. Name", in `lang`.
fn speaker_name(sp: &Speaker, lang: Lang) -> String {
    [sp.honorific.get(lang), sp.name.get(lang)].iter().filter(|t| !t.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

fn recommendation_block(b: &mut Builder<'_>, s: &Section, n: usize, lang: Lang) {
    let l = |en, ar| label(lang, en, ar);
    let mut runs = vec![Run::bold(format!("{} {n}", l("Recommendation", "التوصية")))];
    if !s.actor.is_empty() {
        runs.push(Run::plain(format!(" — {} {}", l("addressed to", "موجهة إلى"), s.actor.get(lang))));
    }
    b.push(Block::Paragraph(Paragraph::runs(runs)));
    body(b, s, lang);
    if let Some(sessions) = session_titles(b, s, lang) {
        b.push(Block::Paragraph(Paragraph::runs(vec![Run::italic(format!("{} {sessions}", l("From:", "المصدر:")))])));
    }
}

fn participation(b: &mut Builder<'_>, lang: Lang) {
    let l = |en, ar| label(lang, en, ar);
    let figures = &b.data.generated.participation;
    b.push(Block::KeyValues(vec![
        KeyValue::new(l("Participants", "المشاركون"), figures.participants.to_string()),
        KeyValue::new(l("States", "الدول"), figures.states.to_string()),
        KeyValue::new(l("Organisations", "المنظمات"), figures.organisations.to_string()),
    ]));
    let by_category: Vec<(String, u32)> =
        figures.by_category.iter().map(|c| (c.name.get(lang).to_owned(), c.count)).collect();
    let mut rows: Vec<Row> = by_category.iter().map(|(name, n)| Row::cells([name.clone(), n.to_string()])).collect();
    rows.push(Row::total([l("Total", "المجموع"), figures.participants.to_string()]));
    b.push(Block::Table(Table {
        columns: vec![
            Column::new(l("Category", "الفئة"), 3.0),
            Column::new(l("Participants", "المشاركون"), 1.0).align(Align::End),
        ],
        rows,
        repeat_header: true,
    }));
    if !by_category.is_empty() {
        b.push(Block::BarChart(BarChart {
            categories: by_category.iter().map(|(name, _)| name.clone()).collect(),
            series: vec![Series {
                label: l("Participants", "المشاركون"),
                colour: PARTICIPATION_COLOUR,
                values: by_category.iter().map(|(_, n)| f64::from(*n)).collect(),
            }],
            stacked: false,
            value_label: l("Participants", "المشاركون"),
            category_label: l("Category", "الفئة"),
            height_mm: 45.0,
        }));
    }
    let mut countries: Vec<(String, u32)> =
        figures.by_country.iter().map(|c| (country::name(&c.name, lang), c.count)).collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !countries.is_empty() {
        b.push(Block::Table(Table {
            columns: vec![
                Column::new(l("Country", "الدولة"), 3.0),
                Column::new(l("Participants", "المشاركون"), 1.0).align(Align::End),
            ],
            rows: countries.into_iter().map(|(c, n)| Row::cells([c, n.to_string()])).collect(),
            repeat_header: true,
        }));
    }
}

fn annex(b: &mut Builder<'_>, lang: Lang) {
    let l = |en, ar| label(lang, en, ar);
    let names: HashMap<&str, &str> = b.data.categories.iter().map(|c| (c.key.as_str(), c.name.get(lang))).collect();
    let mut people: Vec<&Participant> = b.data.participants.iter().filter(|p| attends(p)).collect();
    people.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
    let rows = people
        .iter()
        .map(|p| {
            Row::cells([
                p.name.get(lang).to_owned(),
                p.organisation.get(lang).to_owned(),
                p.country.as_deref().map(|c| country::name(c, lang)).unwrap_or_default(),
                names.get(p.category.as_str()).copied().unwrap_or_default().to_owned(),
            ])
        })
        .collect();
    b.push(Block::Table(Table {
        columns: vec![
            Column::new(l("Name", "الاسم"), 3.0),
            Column::new(l("Organisation", "المنظمة"), 3.0),
            Column::new(l("Country", "الدولة"), 2.0),
            Column::new(l("Category", "الفئة"), 2.0),
        ],
        rows,
        repeat_header: true,
    }));
}
