//! The participant list: names in the document's language (with the other language beneath),
//! organisation and country, grouped by category, with a count per category and in all.

use super::{document, label};
use crate::bilingual::Lang;
use crate::country;
use crate::event::Event;
use crate::participants::{Category, Participant, ParticipantStatus};
use crate::pdf::{Block, Column, Paragraph, Row, Table};

/// Which participants a list shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<ParticipantStatus>,
    pub category: Option<String>,
}

pub fn participant_list(
    event: &Event,
    people: &[Participant],
    categories: &[Category],
    filter: &ListFilter,
    lang: Lang,
) -> crate::pdf::Document {
    let l = |en, ar| label(lang, en, ar);
    let mut doc = document(event, lang, format!("{} — {}", l("Participants", "المشاركون"), event.title.get(lang)));
    doc.blocks.push(Block::Heading { level: 1, text: l("List of participants", "قائمة المشاركين") });
    doc.blocks.push(Block::Paragraph(Paragraph::text(event.title.get(lang))));
    let shown: Vec<&Participant> = people
        .iter()
        .filter(|p| filter.status.is_none_or(|s| p.status == s))
        .filter(|p| filter.category.as_deref().is_none_or(|c| p.category == c))
        .collect();
    let mut rows = Vec::with_capacity(shown.len() + 2 * categories.len() + 1);
    for category in categories {
        let mut members: Vec<&&Participant> = shown.iter().filter(|p| p.category == category.key).collect();
        if members.is_empty() {
            continue;
        }
        members.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
        rows.push(Row::Group(category.name.get(lang).to_owned()));
        for p in &members {
            let name = match p.name.other(lang) {
                Some(other) => format!("{}\n{other}", p.name.get(lang)),
                None => p.name.get(lang).to_owned(),
            };
            let country = p.country.as_deref().map(|c| country::name(c, lang)).unwrap_or_default();
            rows.push(Row::Cells(vec![name, p.organisation.get(lang).to_owned(), country]));
        }
        rows.push(Row::Total(vec![format!("{}: {}", category.name.get(lang), members.len())]));
    }
    rows.push(Row::Total(vec![format!("{}: {}", l("Total", "المجموع"), shown.len())]));
    doc.blocks.push(Block::Table(Table {
        columns: vec![
            Column::new(l("Name", "الاسم"), 3.0),
            Column::new(l("Organisation", "الجهة"), 3.0),
            Column::new(l("Country", "الدولة"), 1.6),
        ],
        rows,
        repeat_header: true,
    }));
    doc
}
