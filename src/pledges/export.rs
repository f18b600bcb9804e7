//! The pledges table as people read it, in English or Arabic: for CSV now, and for the PDF
//! export through the PDF engine.

use super::{summarise, Pledge, PledgeKind, PledgeStatus};
use crate::bilingual::{Bilingual, Lang};
use crate::error::Result;
use crate::money::{self, grouped};

/// Rows of text, one per pledge, and total rows per currency and in US dollars.
pub struct PledgeTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub totals: Vec<Vec<String>>,
}

fn label(lang: Lang, en: &str, ar: &str) -> String {
    Bilingual::new(en, ar).get(lang).to_owned()
}

pub fn stage_name(status: PledgeStatus, lang: Lang) -> String {
    match status {
        PledgeStatus::Announced => label(lang, "announced", "مُعلن"),
        PledgeStatus::Committed => label(lang, "committed", "ملتزم به"),
        PledgeStatus::Paid => label(lang, "paid", "مدفوع"),
        PledgeStatus::Cancelled => label(lang, "cancelled", "ملغى"),
    }
}

pub fn table(pledges: &[Pledge], lang: Lang) -> PledgeTable {
    let l = |en, ar| label(lang, en, ar);
    let header = vec![
        l("Donor", "الجهة المانحة"),
        l("Recipient", "الجهة المستفيدة"),
        l("Purpose", "الغرض"),
        l("Years", "السنوات"),
        l("Currency", "العملة"),
        l("Pledged", "المبلغ المُعلن"),
        l("Committed", "الملتزم به"),
        l("Paid", "المدفوع"),
        l("Stage", "المرحلة"),
        l("USD equivalent", "المعادل بالدولار"),
        l("USD rate (date, source)", "سعر الدولار (التاريخ، المصدر)"),
    ];
    let rows = pledges
        .iter()
        .map(|p| {
            let decimals = p.currency.map_or(0, |c| c.decimals());
            let amount = |minor: i128| grouped(&money::decimal(minor, decimals));
            let committed: i128 =
                p.lines.iter().filter(|l| l.committed_on.is_some()).map(|l| i128::from(l.minor)).sum();
            let paid: i128 = p.lines.iter().map(|l| i128::from(l.paid_minor)).sum();
            let years = match (p.lines.first(), p.lines.last()) {
                (Some(first), Some(last)) if first.year != last.year => format!("{}–{}", first.year, last.year),
                (Some(first), _) => first.year.to_string(),
                _ => String::new(),
            };
            let purpose = match p.kind {
                PledgeKind::InKind => format!("{}: {}", l("In kind", "عيني"), p.in_kind),
                PledgeKind::Financial => p.purpose.get(lang).to_owned(),
            };
            let view = p.view();
            vec![
                p.donors.join(" + "),
                p.recipient.clone(),
                purpose,
                years,
                p.currency.map(|c| c.code().to_owned()).unwrap_or_default(),
                if p.lines.is_empty() { String::new() } else { amount(p.total_minor()) },
                if p.lines.is_empty() { String::new() } else { amount(committed) },
                if p.lines.is_empty() { String::new() } else { amount(paid) },
                stage_name(p.status(), lang),
                view.usd_total.as_deref().map(grouped).unwrap_or_default(),
                p.rate.as_ref().map(|r| format!("{} ({}, {})", r.rate, r.date, r.source)).unwrap_or_default(),
            ]
        })
        .collect();
    let summary = summarise(pledges);
    let mut totals: Vec<Vec<String>> = summary
        .currencies
        .iter()
        .map(|c| {
            let mut row = vec![l("Total", "المجموع"), String::new(), String::new(), String::new(), c.currency.clone()];
            row.extend([grouped(&c.pledged), grouped(&c.committed), grouped(&c.paid)]);
            row.extend([String::new(), String::new(), String::new()]);
            row
        })
        .collect();
    if !summary.currencies.is_empty() {
        let mut usd =
            vec![l("Total in USD", "المجموع بالدولار"), String::new(), String::new(), String::new(), "USD".into()];
        usd.extend([grouped(&summary.usd.pledged), grouped(&summary.usd.committed), grouped(&summary.usd.paid)]);
        let note = if summary.usd.without_rate > 0 {
            format!(
                "{} {}",
                summary.usd.without_rate,
                l("pledge(s) without a USD rate not included", "تعهد/تعهدات بلا سعر دولار غير محتسبة")
            )
        } else {
            String::new()
        };
        usd.extend([String::new(), String::new(), note]);
        totals.push(usd);
    }
    PledgeTable { header, rows, totals }
}

/// The table as CSV: pledges, an empty row, then the totals.
pub fn csv(pledges: &[Pledge], lang: Lang) -> Result<Vec<u8>> {
    let t = table(pledges, lang);
    let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
    let mut rows = t.rows;
    if !t.totals.is_empty() {
        rows.push(vec![String::new(); header.len()]);
        rows.extend(t.totals);
    }
    crate::spreadsheet::csv(&header, &rows)
}
