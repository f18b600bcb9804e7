//! A one-page summary of an event: what, when, where, who organises it, how many people and
//! sessions, and what was pledged.

use super::{document, label, organisers, place};
use crate::bilingual::Lang;
use crate::event::EventOverview;
use crate::money::grouped;
use crate::pdf::{Align, Block, Column, KeyValue, Paragraph, Row, Table};
use crate::time::format_date_range;

pub fn event_summary(overview: &EventOverview, lang: Lang) -> crate::pdf::Document {
    let l = |en, ar| label(lang, en, ar);
    let event = &overview.event;
    let mut doc = document(event, lang, event.title.get(lang).to_owned());
    doc.blocks.push(Block::Heading { level: 1, text: event.title.marked(lang) });
    if let Some(other) = event.title.other(lang) {
        doc.blocks.push(Block::Paragraph(Paragraph::text(other)));
    }
    let status = match event.status.as_str() {
        "draft" => l("Draft", "مسودة"),
        "open" => l("Open for registration", "التسجيل مفتوح"),
        "closed" => l("Registration closed", "التسجيل مغلق"),
        _ => l("Archived", "مؤرشف"),
    };
    let c = &overview.counts;
    doc.blocks.push(Block::KeyValues(vec![
        KeyValue::new(l("Dates", "التواريخ"), format_date_range(event.start_date, event.end_date, lang)),
        KeyValue::new(l("Venue", "المكان"), place(event, lang, true)),
        KeyValue::new(l("Timezone", "المنطقة الزمنية"), crate::reference::zone_name(&event.timezone, lang)),
        KeyValue::new(l("Organisers", "الجهات المنظمة"), organisers(event, lang, &l("; ", "؛ "))),
        KeyValue::new(l("Status", "الحالة"), status),
        KeyValue::new(l("Rooms", "القاعات"), c.rooms.to_string()),
        KeyValue::new(l("Sessions", "الجلسات"), c.sessions.to_string()),
        KeyValue::new(l("Speakers", "المتحدثون"), c.speakers.to_string()),
        KeyValue::new(l("Participants", "المشاركون"), c.participants.to_string()),
        KeyValue::new(l("Pledges", "التعهدات"), c.pledges.to_string()),
    ]));
    if !event.description.get(lang).is_empty() {
        doc.blocks.push(Block::Spacer(4.0));
        doc.blocks.push(Block::Paragraph(Paragraph::text(event.description.get(lang))));
    }
    doc.blocks.push(Block::Spacer(6.0));
    doc.blocks.push(Block::Heading { level: 2, text: l("Pledges", "التعهدات") });
    let p = &overview.pledges;
    if p.currencies.is_empty() {
        doc.blocks.push(Block::Paragraph(Paragraph::text(l("No pledges recorded.", "لا توجد تعهدات مسجلة."))));
        return doc;
    }
    let mut rows: Vec<Row> = p
        .currencies
        .iter()
        .map(|t| Row::cells([t.currency.clone(), grouped(&t.pledged), grouped(&t.committed), grouped(&t.paid)]))
        .collect();
    if p.currencies.len() > 1 || p.currencies[0].currency != "USD" {
        rows.push(Row::Total(vec![
            l("In USD", "بالدولار"),
            grouped(&p.usd.pledged),
            grouped(&p.usd.committed),
            grouped(&p.usd.paid),
        ]));
    }
    doc.blocks.push(Block::Table(Table {
        columns: vec![
            Column::new(l("Currency", "العملة"), 1.0),
            Column::new(l("Pledged", "المُعلن"), 2.0).align(Align::End),
            Column::new(l("Committed", "الملتزم به"), 2.0).align(Align::End),
            Column::new(l("Paid", "المدفوع"), 2.0).align(Align::End),
        ],
        rows,
        repeat_header: true,
    }));
    if p.usd.without_rate > 0 {
        doc.blocks.push(Block::Paragraph(Paragraph::text(format!(
            "{} {}",
            p.usd.without_rate,
            l(
                "pledge(s) without a USD rate are not in the USD total.",
                "تعهد/تعهدات بلا سعر دولار غير محتسبة في المجموع بالدولار."
            )
        ))));
    }
    doc
}
