//! What the CLI prints: plain text for people, JSON with `--json` for scripts.

use std::io::Write;
use std::path::Path;

use muntada::backup::Restored;
use muntada::participants::RowProblem;

use muntada::event::{Event, EventOverview, Signatory};
use muntada::money::grouped;
use muntada::participants::Participant;
use muntada::pledges::export::stage_name;
use muntada::pledges::{PledgeStatus, PledgeSummary, PledgeView};
use muntada::programme::Assignment;
use muntada::{Error, Id, Lang};
use serde::Serialize;

pub struct Out {
    pub json: bool,
}

impl Out {
    pub(super) fn print_json(&self, value: &impl Serialize) -> Result<(), Error> {
        let text = serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))?;
        self.line(&text)
    }

    pub(super) fn line(&self, text: &str) -> Result<(), Error> {
        // A closed pipe (`muntada event list | head`) is not an error of ours.
        let _ = writeln!(std::io::stdout().lock(), "{text}");
        Ok(())
    }

    /// A created record: its id as text, the whole record as JSON.
    pub fn created<T: Serialize>(&self, value: &T, id: impl Fn(&T) -> &Id) -> Result<(), Error> {
        if self.json {
            self.print_json(value)
        } else {
            self.line(id(value).as_str())
        }
    }

    pub fn assigned(&self, a: &Assignment) -> Result<(), Error> {
        if self.json {
            return self.print_json(a);
        }
        self.line(&format!("{} is {} of session {}", a.speaker_id, a.role.as_str(), a.session_id))
    }

    pub fn events(&self, events: &[Event]) -> Result<(), Error> {
        if self.json {
            return self.print_json(&events);
        }
        if events.is_empty() {
            return self
                .line("No events yet. Create one with `muntada event create`, or load the demo with `muntada demo`.");
        }
        for e in events {
            self.line(&format!(
                "{}  {} – {}  {:<8}  {}",
                e.id,
                e.start_date,
                e.end_date,
                e.status.as_str(),
                title_line(&e.title.en, &e.title.ar)
            ))?;
        }
        Ok(())
    }

    pub fn overview(&self, o: &EventOverview) -> Result<(), Error> {
        if self.json {
            return self.print_json(o);
        }
        let e = &o.event;
        let mut text = vec![
            title_line(&e.title.en, &e.title.ar),
            format!("id:          {}", e.id),
            format!("dates:       {} – {} ({})", e.start_date, e.end_date, e.timezone),
            format!(
                "venue:       {}",
                [
                    e.venue.get(Lang::En),
                    e.city.get(Lang::En),
                    &muntada::country::name(e.country.as_deref().unwrap_or(""), Lang::En)
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
            ),
            format!("organisers:  {}", e.organisers.iter().map(|o| o.get(Lang::En)).collect::<Vec<_>>().join("; ")),
            format!("status:      {}", e.status.as_str()),
            format!("digits:      {} in Arabic", e.arabic_digits.as_str().replace('_', "-")),
            format!(
                "counts:      rooms {}, sessions {}, speakers {}, participants {}, pledges {}",
                o.counts.rooms, o.counts.sessions, o.counts.speakers, o.counts.participants, o.counts.pledges
            ),
        ];
        if !e.signatories.is_empty() {
            text.push(format!(
                "signatories: {}",
                e.signatories.iter().map(signatory_line).collect::<Vec<_>>().join("; ")
            ));
        }
        text.push(summary_text(&o.pledges));
        self.line(&text.join("\n"))
    }

    pub fn participants(&self, people: &[Participant]) -> Result<(), Error> {
        if self.json {
            return self.print_json(&people);
        }
        for p in people {
            self.line(&format!(
                "{}  {:<10}  {:<20}  {:<2}  {}  {}",
                p.id,
                p.badge_code,
                p.status.as_str(),
                p.country.as_deref().unwrap_or("--"),
                title_line(&p.name.en, &p.name.ar),
                p.email.as_deref().unwrap_or("")
            ))?;
        }
        self.line(&counted(people.len(), "participant", "participants"))
    }

    pub fn pledges(&self, pledges: &[PledgeView], summary: &PledgeSummary) -> Result<(), Error> {
        if self.json {
            #[derive(Serialize)]
            struct Listing<'a> {
                pledges: &'a [PledgeView],
                summary: &'a PledgeSummary,
            }
            return self.print_json(&Listing { pledges, summary });
        }
        for p in pledges {
            self.pledge_line(p)?;
        }
        self.line(&summary_text(summary))
    }

    pub fn pledge(&self, p: &PledgeView) -> Result<(), Error> {
        if self.json {
            return self.print_json(p);
        }
        self.pledge_line(p)
    }

    fn pledge_line(&self, p: &PledgeView) -> Result<(), Error> {
        let currency = p.currency.as_deref().unwrap_or("");
        let years: Vec<String> = p
            .lines
            .iter()
            .map(|l| {
                let paid = if l.status == PledgeStatus::PartlyPaid {
                    format!(", {} paid", grouped(&l.paid))
                } else {
                    String::new()
                };
                format!("{} {} {}{paid}", l.year, grouped(&l.amount), stage_name(l.status, Lang::En))
            })
            .collect();
        let amount = if p.lines.is_empty() {
            format!("in kind: {}", p.in_kind)
        } else {
            format!("{} {currency}", grouped(&p.total))
        };
        let usd = match &p.usd_total {
            Some(usd) if currency != "USD" => format!(" (≈ {} USD)", grouped(usd)),
            _ => String::new(),
        };
        self.line(&format!(
            "{}  {} → {}  {amount}{usd}  {}  [{}]",
            p.id,
            p.donors.iter().map(|d| d.get(Lang::En)).collect::<Vec<_>>().join(" + "),
            if p.recipient.is_empty() { "—" } else { p.recipient.get(Lang::En) },
            stage_name(p.status, Lang::En),
            years.join("; ")
        ))
    }

    pub fn exported(&self, path: &std::path::Path, bytes: usize) -> Result<(), Error> {
        if self.json {
            return self.print_json(&serde_json::json!({ "file": path, "bytes": bytes }));
        }
        self.line(&format!("wrote {} ({bytes} bytes)", path.display()))
    }

    /// An import's problems, one per line on stderr (as JSON lines with `--json`).
    pub fn problems(&self, problems: &[RowProblem]) {
        let mut stderr = std::io::stderr().lock();
        for p in problems {
            let _ = if self.json {
                writeln!(stderr, "{}", serde_json::json!(p))
            } else if p.column.is_empty() {
                writeln!(stderr, "row {}: {}", p.row, p.message)
            } else {
                writeln!(stderr, "row {}, column {}: {}", p.row, p.column, p.message)
            };
        }
    }

    /// The values of a refused import that matched nothing, each once, with how to map them.
    pub fn unmatched(&self, unmatched: &[muntada::participants::import::UnmatchedValue]) {
        let mut stderr = std::io::stderr().lock();
        for u in unmatched {
            let _ = if self.json {
                writeln!(stderr, "{}", serde_json::json!({ "unmatched": u }))
            } else {
                writeln!(
                    stderr,
                    "column {}: {:?} matches nothing ({}, first row {}); give --map-value \"{}:{}=…\"",
                    u.column,
                    u.value,
                    counted(u.rows, "row", "rows"),
                    u.first_row,
                    u.column,
                    u.value
                )
            };
        }
    }

    pub fn backup(&self, file: &Path) -> Result<(), Error> {
        if self.json {
            return self.print_json(&serde_json::json!({ "backup": file }));
        }
        self.line(&format!("backed up to {}", file.display()))
    }

    pub fn restored(&self, r: &Restored) -> Result<(), Error> {
        if self.json {
            return self.print_json(&serde_json::json!({
                "restored": { "events": r.facts.events, "participants": r.facts.participants },
                "previousDataKeptIn": r.safety_copy,
            }));
        }
        self.line(&format!(
            "restored {} and {}; the data it replaced is kept in {}",
            counted(r.facts.events, "event", "events"),
            counted(r.facts.participants, "participant", "participants"),
            r.safety_copy.display()
        ))
    }

    pub fn error(&self, error: &Error) {
        let mut stderr = std::io::stderr().lock();
        if self.json {
            let value = serde_json::json!({
                "code": error.kind().code(),
                "field": error.field,
                "reason": error.reason.as_str(),
                "message": error.message,
            });
            let _ = writeln!(stderr, "{value}");
        } else {
            let _ = writeln!(stderr, "error: {error}");
        }
    }
}

/// A number and the noun it counts, singular for one: "1 participant", "3 participants",
/// "0 participants". Both forms are given, as English has irregular ones ("1 person", "2 people").
pub fn counted<N>(n: N, singular: &str, plural: &str) -> String
where
    N: Copy + std::fmt::Display + TryInto<u64>,
{
    let noun = if n.try_into().is_ok_and(|n| n == 1) { singular } else { plural };
    format!("{n} {noun}")
}

fn title_line(en: &str, ar: &str) -> String {
    match (en.is_empty(), ar.is_empty()) {
        (false, false) => format!("{en} / {ar}"),
        (false, true) => en.to_owned(),
        _ => ar.to_owned(),
    }
}

/// Totals per currency and stage, per year, and in US dollars.
fn summary_text(s: &PledgeSummary) -> String {
    if s.currencies.is_empty() {
        return "pledged:     nothing pledged".to_owned();
    }
    let mut lines: Vec<String> = s
        .currencies
        .iter()
        .map(|c| {
            format!(
                "pledged:     {} {}  (committed {}, paid {})",
                grouped(&c.pledged),
                c.currency,
                grouped(&c.committed),
                grouped(&c.paid)
            )
        })
        .collect();
    for y in &s.years {
        lines.push(format!(
            "  {}:       {} {}  (committed {}, paid {})",
            y.year,
            grouped(&y.pledged),
            y.currency,
            grouped(&y.committed),
            grouped(&y.paid)
        ));
    }
    let without = if s.usd.without_rate > 0 {
        format!(", {} without a USD rate left out", counted(s.usd.without_rate, "pledge", "pledges"))
    } else {
        String::new()
    };
    lines.push(format!(
        "in USD:      {} pledged, {} committed, {} paid{without}",
        grouped(&s.usd.pledged),
        grouped(&s.usd.committed),
        grouped(&s.usd.paid)
    ));
    lines.join("\n")
}

/// A signatory on one line: "Name / الاسم — Title / المنصب", each side only when written.
pub fn signatory_line(s: &Signatory) -> String {
    let side = |en: &str, ar: &str| [en, ar].iter().filter(|t| !t.is_empty()).copied().collect::<Vec<_>>().join(" / ");
    let (name, title) = (side(&s.name.en, &s.name.ar), side(&s.title.en, &s.title.ar));
    if title.is_empty() {
        name
    } else {
        format!("{name} — {title}")
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        let check = |n: u64, expected: &str| assert_eq!(counted(n, "participant", "participants"), expected);
        check(0, "0 participants");
        check(1, "1 participant");
        check(2, "2 participants");
        check(11, "11 participants");
        check(101, "101 participants");
        assert_eq!(counted(1usize, "person", "people"), "1 person");
        assert_eq!(counted(4i64, "person", "people"), "4 people");
        assert_eq!(counted(-1i64, "row", "rows"), "-1 rows");
    }
}
