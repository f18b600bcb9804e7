//! The pledges table as people read it, in English or Arabic: for CSV now, and for the PDF
//! export through the PDF engine.

use super::{summarise, Pledge, PledgeKind, PledgeStatus};
use serde::{Deserialize, Serialize};

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
        PledgeStatus::PartlyPaid => label(lang, "partly paid", "مدفوع جزئيًا"),
        PledgeStatus::Paid => label(lang, "paid", "مدفوع"),
        PledgeStatus::Cancelled => label(lang, "cancelled", "ملغى"),
    }
}

/// What the table says before it is put in a language: each pledge's cells (amounts already
/// written out, the purpose in both languages) and the totals. Plain data, so that an adopted
/// outcome document can keep the table as it stood (see `outcome::Generated`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeLines {
    pub rows: Vec<PledgeRow>,
    /// Per currency, in code order.
    pub totals: Vec<CurrencyTotal>,
    /// Present when some pledge counts towards the totals.
    pub usd: Option<UsdTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeRow {
    /// Outcome versions adopted before names had two languages kept them as one string.
    #[serde(deserialize_with = "crate::bilingual::stored_names")]
    pub donors: Vec<Bilingual>,
    #[serde(deserialize_with = "crate::bilingual::stored_name")]
    pub recipient: Bilingual,
    /// An in-kind pledge's description comes after "In kind:" in each language.
    pub purpose: Bilingual,
    pub years: String,
    pub currency: String,
    pub pledged: String,
    pub committed: String,
    pub paid: String,
    pub stage: PledgeStatus,
    pub usd: String,
    pub rate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyTotal {
    pub currency: String,
    pub pledged: String,
    pub committed: String,
    pub paid: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsdTotal {
    pub pledged: String,
    pub committed: String,
    pub paid: String,
    /// Pledges left out of the USD totals for want of a rate.
    pub without_rate: u32,
}

pub fn lines(pledges: &[Pledge]) -> PledgeLines {
    let rows = pledges
        .iter()
        .map(|p| {
            let decimals = p.currency.map_or(0, |c| c.decimals());
            let amount = |minor: i128| grouped(&money::decimal(minor, decimals));
            let committed: i128 = p.lines.iter().filter(|l| l.is_committed()).map(|l| i128::from(l.minor)).sum();
            let paid: i128 = p.lines.iter().map(|l| i128::from(l.paid_minor)).sum();
            let years = match (p.lines.first(), p.lines.last()) {
                (Some(first), Some(last)) if first.year != last.year => format!("{}–{}", first.year, last.year),
                (Some(first), _) => first.year.to_string(),
                _ => String::new(),
            };
            let purpose = match p.kind {
                PledgeKind::InKind => {
                    Bilingual { en: format!("In kind: {}", p.in_kind), ar: format!("عيني: {}", p.in_kind) }
                }
                PledgeKind::Financial => p.purpose.clone(),
            };
            let view = p.view();
            let shown = |minor: i128| if p.lines.is_empty() { String::new() } else { amount(minor) };
            PledgeRow {
                donors: p.donors.clone(),
                recipient: p.recipient.clone(),
                purpose,
                years,
                currency: p.currency.map(|c| c.code().to_owned()).unwrap_or_default(),
                pledged: shown(p.total_minor()),
                committed: shown(committed),
                paid: shown(paid),
                stage: p.status(),
                usd: view.usd_total.as_deref().map(grouped).unwrap_or_default(),
                rate: p.rate.as_ref().map(|r| format!("{} ({}, {})", r.rate, r.date, r.source)).unwrap_or_default(),
            }
        })
        .collect();
    let summary = summarise(pledges);
    let totals = summary
        .currencies
        .iter()
        .map(|c| CurrencyTotal {
            currency: c.currency.clone(),
            pledged: grouped(&c.pledged),
            committed: grouped(&c.committed),
            paid: grouped(&c.paid),
        })
        .collect();
    let usd = (!summary.currencies.is_empty()).then(|| UsdTotal {
        pledged: grouped(&summary.usd.pledged),
        committed: grouped(&summary.usd.committed),
        paid: grouped(&summary.usd.paid),
        without_rate: summary.usd.without_rate,
    });
    PledgeLines { rows, totals, usd }
}

/// A pledge's donors for a table or document in `lang`: each name in `lang` or marked, joined
/// by " + " (a joint pledge).
pub fn donor_names(donors: &[Bilingual], lang: Lang) -> String {
    donors.iter().map(|d| d.marked(lang)).collect::<Vec<_>>().join(" + ")
}

pub fn table(pledges: &[Pledge], lang: Lang) -> PledgeTable {
    lines(pledges).table(lang)
}

impl PledgeLines {
    /// The table in `lang`.
    pub fn table(&self, lang: Lang) -> PledgeTable {
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
        let rows = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    donor_names(&r.donors, lang),
                    r.recipient.marked(lang),
                    r.purpose.get(lang).to_owned(),
                    r.years.clone(),
                    r.currency.clone(),
                    r.pledged.clone(),
                    r.committed.clone(),
                    r.paid.clone(),
                    stage_name(r.stage, lang),
                    r.usd.clone(),
                    r.rate.clone(),
                ]
            })
            .collect();
        let total_row = |name: String, currency: &str, pledged: &str, committed: &str, paid: &str, note: String| {
            let blank = String::new;
            vec![
                name,
                blank(),
                blank(),
                blank(),
                currency.to_owned(),
                pledged.to_owned(),
                committed.to_owned(),
                paid.to_owned(),
                blank(),
                blank(),
                note,
            ]
        };
        let mut totals: Vec<Vec<String>> = self
            .totals
            .iter()
            .map(|c| total_row(l("Total", "المجموع"), &c.currency, &c.pledged, &c.committed, &c.paid, String::new()))
            .collect();
        if let Some(usd) = &self.usd {
            let note = if usd.without_rate > 0 {
                format!(
                    "{} {}",
                    usd.without_rate,
                    l("pledge(s) without a USD rate not included", "تعهد/تعهدات بلا سعر دولار غير محتسبة")
                )
            } else {
                String::new()
            };
            totals.push(total_row(
                l("Total in USD", "المجموع بالدولار"),
                "USD",
                &usd.pledged,
                &usd.committed,
                &usd.paid,
                note,
            ));
        }
        PledgeTable { header, rows, totals }
    }
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
