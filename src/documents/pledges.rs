//! The pledges table of an event with totals per currency and in US dollars.

use super::{document, label};
use crate::bilingual::Lang;
use crate::event::Event;
use crate::pdf::{Align, Block, Column, Paragraph, Row, Table};
use crate::pledges::{export::table, Pledge};

pub fn pledges(event: &Event, pledges: &[Pledge], lang: Lang) -> crate::pdf::Document {
    let l = |en, ar| label(lang, en, ar);
    let mut doc = document(event, lang, format!("{} — {}", l("Pledges", "التعهدات"), event.title.get(lang)));
    doc.blocks.push(Block::Heading { level: 1, text: l("Pledges", "التعهدات") });
    doc.blocks.push(Block::Paragraph(Paragraph::text(event.title.get(lang))));
    if pledges.is_empty() {
        doc.blocks.push(Block::Paragraph(Paragraph::text(l("No pledges recorded.", "لا توجد تعهدات مسجلة."))));
        return doc;
    }
    let t = table(pledges, lang);
    // Donor, years, currency, pledged, committed, paid, stage, USD: the columns that fit a page.
    const SHOWN: [usize; 8] = [0, 3, 4, 5, 6, 7, 8, 9];
    let weights = [3.0, 1.4, 1.0, 2.0, 2.0, 2.0, 1.4, 2.0];
    let pick = |row: &[String]| SHOWN.iter().map(|&i| row.get(i).cloned().unwrap_or_default()).collect::<Vec<_>>();
    let columns = SHOWN
        .iter()
        .zip(weights)
        .map(|(&i, w)| {
            let column = Column::new(t.header[i].clone(), w);
            if (5..=7).contains(&i) || i == 9 {
                column.align(Align::End)
            } else {
                column
            }
        })
        .collect();
    let mut rows: Vec<Row> = t.rows.iter().map(|r| Row::Cells(pick(r))).collect();
    rows.extend(t.totals.iter().map(|r| Row::Total(pick(r))));
    doc.blocks.push(Block::Table(Table { columns, rows, repeat_header: true }));
    doc
}
