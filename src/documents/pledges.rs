//! The pledges table of an event with totals per currency and in US dollars.

use super::{document, label};
use crate::bilingual::Lang;
use crate::event::Event;
use crate::pdf::{Align, BarChart, Block, Colour, Column, Paragraph, Row, Series, Table};
use crate::pledges::{export, usd_by_year, Pledge, UsdYear};

/// Colours of the stages in charts: announced, committed, paid (distinct in print and for
/// the common colour-vision deficiencies: blue, orange, green of differing lightness).
pub const STAGE_COLOURS: [Colour; 3] =
    [Colour::rgb(0x4E, 0x79, 0xA7), Colour::rgb(0xF2, 0x8E, 0x2B), Colour::rgb(0x59, 0xA1, 0x4F)];

pub fn pledges(event: &Event, pledges: &[Pledge], lang: Lang) -> crate::pdf::Document {
    let l = |en, ar| label(lang, en, ar);
    let mut doc = document(event, lang, format!("{} — {}", l("Pledges", "التعهدات"), event.title.get(lang)));
    doc.blocks.push(Block::Heading { level: 1, text: l("Pledges", "التعهدات") });
    doc.blocks.push(Block::Paragraph(Paragraph::text(event.title.marked(lang))));
    if pledges.is_empty() {
        doc.blocks.push(Block::Paragraph(Paragraph::text(l("No pledges recorded.", "لا توجد تعهدات مسجلة."))));
        return doc;
    }
    doc.blocks.push(table_block(&export::lines(pledges), lang));
    if let Some(chart) = stage_chart(&usd_by_year(pledges), lang) {
        doc.blocks.push(Block::Heading {
            level: 2,
            text: l("Amounts per year by stage (USD equivalent)", "المبالغ حسب السنة والمرحلة (ما يعادلها بالدولار)"),
        });
        doc.blocks.push(chart);
    }
    doc
}

/// The pledges with their totals per currency and in USD, as a table that fits a page.
pub(crate) fn table_block(lines: &export::PledgeLines, lang: Lang) -> Block {
    let t = lines.table(lang);
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
    Block::Table(Table { columns, rows, repeat_header: true })
}

/// A chart of the amounts per year, one bar per stage (pledged, committed, paid: each a part
/// of the one before, so side by side rather than stacked), in US dollars at each pledge's
/// recorded rate (`years`, from `usd_by_year`). `None` when no pledge has a USD amount.
pub(crate) fn stage_chart(years: &[UsdYear], lang: Lang) -> Option<Block> {
    let l = |en, ar| label(lang, en, ar);
    let max = years.iter().map(|y| y.pledged).max().filter(|m| *m > 0)?;
    // Cents → the unit that keeps the axis numbers short.
    let (divisor, unit) = if max >= 100_000_000 {
        (1e8, l("USD millions", "ملايين الدولارات"))
    } else if max >= 100_000 {
        (1e5, l("USD thousands", "آلاف الدولارات"))
    } else {
        (1e2, l("USD", "دولار أمريكي"))
    };
    let values = |f: fn(&UsdYear) -> i128| years.iter().map(|y| f(y) as f64 / divisor).collect();
    Some(Block::BarChart(BarChart {
        categories: years.iter().map(|y| y.year.to_string()).collect(),
        series: vec![
            Series { label: l("Pledged", "المُعلن"), colour: STAGE_COLOURS[0], values: values(|y| y.pledged) },
            Series {
                label: l("Committed", "الملتزم به"), colour: STAGE_COLOURS[1], values: values(|y| y.committed)
            },
            Series { label: l("Paid", "المدفوع"), colour: STAGE_COLOURS[2], values: values(|y| y.paid) },
        ],
        stacked: false,
        value_label: unit,
        category_label: l("Year", "السنة"),
        height_mm: 55.0,
    }))
}
