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
    let mut list = ListRows::new(categories, filter, lang);
    for p in people {
        list.add(p);
    }
    list.document(event)
}

/// The list's rows, gathered one participant at a time: what the list shows of each person
/// (three cells) is all that is kept, so the export can read the people from the store one by
/// one instead of holding every record whole.
pub struct ListRows<'a> {
    categories: &'a [Category],
    filter: &'a ListFilter,
    lang: Lang,
    /// Each category's rows, in the order added, with the length of the name they sort by
    /// (the name cell's first line).
    members: Vec<Vec<(usize, Row)>>,
    shown: usize,
}

impl<'a> ListRows<'a> {
    pub fn new(categories: &'a [Category], filter: &'a ListFilter, lang: Lang) -> ListRows<'a> {
        ListRows { categories, filter, lang, members: categories.iter().map(|_| Vec::new()).collect(), shown: 0 }
    }

    /// Adds `p`'s row if the filter shows them. People of no listed category count in the
    /// total but have no group to appear in.
    pub fn add(&mut self, p: &Participant) {
        if self.filter.status.is_some_and(|s| p.status != s)
            || self.filter.category.as_deref().is_some_and(|c| p.category != c)
        {
            return;
        }
        self.shown += 1;
        let Some(group) = self.categories.iter().position(|c| c.key == p.category) else { return };
        let lang = self.lang;
        let own = p.name.get(lang);
        let name = match p.name.other(lang) {
            Some(other) => format!("{own}\n{other}"),
            None => own.to_owned(),
        };
        let country = p.country.as_deref().map(|c| country::name(c, lang)).unwrap_or_default();
        let row = Row::Cells(vec![name, p.organisation.get(lang).to_owned(), country]);
        self.members[group].push((own.len(), row));
    }

    /// The document: each category's people by name in the list's language.
    pub fn document(self, event: &Event) -> crate::pdf::Document {
        let lang = self.lang;
        let l = |en, ar| label(lang, en, ar);
        let mut doc = document(event, lang, format!("{} — {}", l("Participants", "المشاركون"), event.title.get(lang)));
        doc.blocks.push(Block::Heading { level: 1, text: l("List of participants", "قائمة المشاركين") });
        doc.blocks.push(Block::Paragraph(Paragraph::text(event.title.marked(lang))));
        let listed: usize = self.members.iter().map(Vec::len).sum();
        let mut rows = Vec::with_capacity(listed + 2 * self.categories.len() + 1);
        for (category, mut members) in self.categories.iter().zip(self.members) {
            if members.is_empty() {
                continue;
            }
            // Stable, as the store's order breaks ties.
            members.sort_by(|(a_len, a), (b_len, b)| sort_name(a, *a_len).cmp(sort_name(b, *b_len)));
            let count = members.len();
            rows.push(Row::Group(category.name.get(lang).to_owned()));
            rows.extend(members.into_iter().map(|(_, row)| row));
            rows.push(Row::Total(vec![format!("{}: {count}", category.name.get(lang))]));
        }
        rows.push(Row::Total(vec![format!("{}: {}", l("Total", "المجموع"), self.shown)]));
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
}

/// The name a row sorts by: the first `len` bytes of its name cell.
fn sort_name(row: &Row, len: usize) -> &str {
    match row {
        Row::Cells(cells) => cells.first().map_or("", |name| &name[..len]),
        _ => "",
    }
}
