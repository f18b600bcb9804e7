//! Attendance certificates (one page per participant, naming the event and the roles they
//! had in its sessions; in English, Arabic, both on one page, or each person's language) and chair cue cards (one page per session: title, room, time, the
//! speakers in order with honorifics and positions, the pledges announced in it).

use std::collections::HashMap;

use super::{document, label, Export};
use crate::bilingual::Lang;
use crate::country;
use crate::error::{Error, Reason, Result};
use crate::event::{self, Event};
use crate::money::{decimal, grouped};
use crate::participants::{self, Participant, ParticipantStatus};
use crate::pdf::{self, Align, Block, Column, KeyValue, List, Paragraph, Row, Run, Table};
use crate::pledges::{self as ledger, Pledge};
use crate::programme::{Assignment, Role, Room, Session, SessionKind, Speaker};
use crate::store::Store;
use crate::time::{format_date_range, format_local};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What certificates and cue cards draw on.
pub struct ProgrammeData<'a> {
    pub event: &'a Event,
    pub rooms: &'a [Room],
    pub sessions: &'a [Session],
    pub speakers: &'a [Speaker],
    pub assignments: &'a [Assignment],
    pub pledges: &'a [Pledge],
}

fn role_name(role: Role, lang: Lang) -> String {
    let (en, ar) = match role {
        Role::Chair => ("Chair", "رئيس الجلسة"),
        Role::Moderator => ("Moderator", "مدير الحوار"),
        Role::Speaker => ("Speaker", "متحدث"),
        Role::Panellist => ("Panellist", "عضو الفريق"),
        Role::Rapporteur => ("Rapporteur", "المقرر"),
    };
    label(lang, en, ar)
}

fn joined(parts: &[&str], lang: Lang) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(label(lang, ", ", "، ").as_str())
}

/// The language(s) of attendance certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CertificateLang {
    En,
    Ar,
    /// English and Arabic on the same page, English first.
    Both,
    /// Each participant's own language: see [`person_lang`].
    Person,
}

impl CertificateLang {
    pub fn parse(field: &str, value: &str) -> Result<CertificateLang> {
        match value.trim() {
            "en" => Ok(CertificateLang::En),
            "ar" => Ok(CertificateLang::Ar),
            "both" => Ok(CertificateLang::Both),
            "person" => Ok(CertificateLang::Person),
            _ => Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not en, ar, both or person"))),
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            CertificateLang::En => "en",
            CertificateLang::Ar => "ar",
            CertificateLang::Both => "en-ar",
            CertificateLang::Person => "by-person",
        }
    }
}

/// The language of a participant's certificate with [`CertificateLang::Person`]. Nothing
/// records a participant's language, so it is read from what they registered: Arabic when
/// their name is given only in Arabic, or in both scripts by someone from a country where
/// Arabic is an official language; English otherwise (a name only in Latin letters, or no
/// country to go by).
pub fn person_lang(person: &Participant) -> Lang {
    let (en, ar) = (person.name.en.trim(), person.name.ar.trim());
    let arab_country = person.country.as_deref().is_some_and(country::arabic_official);
    if !ar.is_empty() && (en.is_empty() || arab_country) {
        Lang::Ar
    } else {
        Lang::En
    }
}

/// One page per participant with `status` (everyone but those who declined when `None`).
pub fn certificates(
    data: &ProgrammeData<'_>,
    people: &[Participant],
    status: Option<ParticipantStatus>,
    langs: CertificateLang,
) -> pdf::Document {
    let main = match langs {
        CertificateLang::Ar => Lang::Ar,
        _ => Lang::En,
    };
    let event = data.event;
    let title = match langs {
        CertificateLang::En | CertificateLang::Ar => {
            format!("{} — {}", label(main, "Certificates", "الشهادات"), event.title.get(main))
        }
        _ => format!("Certificates / الشهادات — {}", event.title.get(main)),
    };
    let mut doc = document(event, main, title);
    doc.header = None;
    let chosen = people.iter().filter(|p| match status {
        Some(s) => p.status == s,
        None => p.status != ParticipantStatus::Declined,
    });
    for (i, person) in chosen.enumerate() {
        if i > 0 {
            doc.blocks.push(Block::PageBreak);
        }
        match langs {
            CertificateLang::En | CertificateLang::Ar => certificate(&mut doc.blocks, data, person, main, 45.0),
            CertificateLang::Person => {
                let lang = person_lang(person);
                doc.blocks.push(Block::Direction(lang.into()));
                certificate(&mut doc.blocks, data, person, lang, 45.0);
                doc.blocks.push(Block::Direction(main.into()));
            }
            CertificateLang::Both => {
                certificate(&mut doc.blocks, data, person, Lang::En, 10.0);
                doc.blocks.push(Block::Direction(Lang::Ar.into()));
                certificate(&mut doc.blocks, data, person, Lang::Ar, 12.0);
                doc.blocks.push(Block::Direction(main.into()));
            }
        }
    }
    if doc.blocks.is_empty() {
        doc.blocks.push(Block::Paragraph(Paragraph::text(label(
            main,
            "No participants to certify.",
            "لا يوجد مشاركون لإصدار شهادات لهم.",
        ))));
    }
    doc
}

/// One person's certificate in one language, after `space_above` millimetres.
fn certificate(blocks: &mut Vec<Block>, data: &ProgrammeData<'_>, person: &Participant, lang: Lang, space_above: f32) {
    let l = |en, ar| label(lang, en, ar);
    let event = data.event;
    let place = super::place(event, lang, false);
    blocks.push(Block::Spacer(space_above));
    blocks.push(Block::Heading { level: 1, text: l("Certificate of attendance", "شهادة حضور") });
    blocks.push(Block::Spacer(if space_above < 45.0 { 3.0 } else { 8.0 }));
    blocks.push(Block::Paragraph(Paragraph::text(l("This is to certify that", "نشهد بأن"))));
    blocks.push(Block::Heading { level: 2, text: person.name.get(lang).to_owned() });
    let organisation = person.organisation.get(lang);
    if !organisation.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text(organisation)));
    }
    blocks.push(Block::Paragraph(Paragraph::runs(vec![
        Run::plain(l("attended the ", "حضر ")),
        Run::bold(event.title.get(lang)),
        Run::plain(format!(
            "{}{place}{}{}.",
            l(", held in ", "، المنعقد في "),
            l(", ", "، "),
            format_date_range(event.start_date, event.end_date, lang)
        )),
    ])));
    let sessions: HashMap<_, _> = data.sessions.iter().map(|s| (&s.id, s)).collect();
    let speaker = data.speakers.iter().find(|s| s.participant_id.as_ref() == Some(&person.id));
    let roles: Vec<Paragraph> = speaker
        .into_iter()
        .flat_map(|sp| data.assignments.iter().filter(move |a| a.speaker_id == sp.id))
        .filter_map(|a| sessions.get(&a.session_id).map(|s| (a.role, s)))
        .map(|(role, s)| {
            Paragraph::runs(vec![Run::bold(role_name(role, lang)), Run::plain(format!(" — {}", s.title.get(lang)))])
        })
        .collect();
    if !roles.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::text(l("and took part as:", "وشارك بصفة:"))));
        blocks.push(Block::List(List { ordered: false, items: roles }));
    }
    blocks.push(Block::Spacer(if space_above < 45.0 { 8.0 } else { 20.0 }));
    blocks.push(Block::Paragraph(Paragraph::text(super::organisers(event, lang, " · ")).align(Align::End)));
}

/// One page per session (breaks left out) for its chair.
pub fn cue_cards(data: &ProgrammeData<'_>, lang: Lang) -> pdf::Document {
    let l = |en, ar| label(lang, en, ar);
    let event = data.event;
    let mut doc =
        document(event, lang, format!("{} — {}", l("Chair cue cards", "بطاقات رئيس الجلسة"), event.title.get(lang)));
    let tz = event.tz();
    let mut first = true;
    for session in data.sessions.iter().filter(|s| s.kind != SessionKind::Break) {
        if !first {
            doc.blocks.push(Block::PageBreak);
        }
        first = false;
        doc.blocks.push(Block::Heading { level: 1, text: session.title.get(lang).to_owned() });
        let room = session
            .room_id
            .as_ref()
            .and_then(|r| data.rooms.iter().find(|x| x.id == *r))
            .map(|r| r.name.get(lang).to_owned());
        let end = format_local(session.end, tz);
        doc.blocks.push(Block::KeyValues(vec![
            KeyValue::new(l("Room", "القاعة"), room.unwrap_or_else(|| "—".to_owned())),
            KeyValue::new(
                l("Time", "الوقت"),
                format!("{} – {}", format_local(session.start, tz), end.get(11..).unwrap_or(&end)),
            ),
        ]));
        let rows: Vec<Row> = data
            .assignments
            .iter()
            .filter(|a| a.session_id == session.id)
            .filter_map(|a| data.speakers.iter().find(|s| s.id == a.speaker_id).map(|s| (a.role, s)))
            .enumerate()
            .map(|(i, (role, s))| {
                let name = [s.honorific.get(lang), s.name.get(lang)]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                Row::cells([
                    (i + 1).to_string(),
                    name,
                    joined(&[s.position.get(lang), s.organisation.get(lang)], lang),
                    role_name(role, lang),
                ])
            })
            .collect();
        doc.blocks
            .push(Block::Heading { level: 2, text: l("Speakers, in order", "المتحدثون بالترتيب") });
        if rows.is_empty() {
            doc.blocks.push(Block::Paragraph(Paragraph::text(l("No speakers assigned.", "لا يوجد متحدثون."))));
        } else {
            doc.blocks.push(Block::Table(Table {
                columns: vec![
                    Column::new("#", 0.5),
                    Column::new(l("Name", "الاسم"), 3.0),
                    Column::new(l("Position", "المنصب"), 4.0),
                    Column::new(l("Role", "الدور"), 1.5),
                ],
                rows,
                repeat_header: true,
            }));
        }
        let pledges: Vec<&Pledge> =
            data.pledges.iter().filter(|p| p.session_id.as_ref() == Some(&session.id)).collect();
        if !pledges.is_empty() {
            doc.blocks.push(Block::Heading {
                level: 2,
                text: l("Pledges announced in this session", "التعهدات المعلنة في هذه الجلسة"),
            });
            let items = pledges
                .iter()
                .map(|p| {
                    let amount = p
                        .currency
                        .map(|c| format!("{} {}", grouped(&decimal(p.total_minor(), c.decimals())), c.code()))
                        .unwrap_or_else(|| p.in_kind.clone());
                    Paragraph::runs(vec![
                        Run::bold(crate::pledges::export::donor_names(&p.donors, lang)),
                        Run::plain(format!(": {amount}")),
                    ])
                })
                .collect();
            doc.blocks.push(Block::List(List { ordered: false, items }));
        }
    }
    doc
}

/// Reads the event's programme and renders certificates or cue cards.
pub fn export(store: &Store, event_id: &str, what: Which) -> Result<Export> {
    let event = event::get(store, event_id).map_err(|e| e.with_field("event"))?;
    let id = &event.id;
    let data = ProgrammeData {
        event: &event,
        rooms: &store.rooms().list(id)?,
        sessions: &store.sessions().list(id)?,
        speakers: &store.speakers().list(id)?,
        assignments: &store.sessions().assignments(id)?,
        pledges: &ledger::list(store, id.as_str())?,
    };
    let (file_name, doc) = match what {
        Which::Certificates { status, lang } => (
            format!("certificates-{}.pdf", lang.file_suffix()),
            certificates(&data, &participants::list(store, id.as_str())?, status, lang),
        ),
        Which::CueCards(lang) => {
            let suffix = match lang {
                Lang::En => "en",
                Lang::Ar => "ar",
            };
            (format!("cue-cards-{suffix}.pdf"), cue_cards(&data, lang))
        }
    };
    Ok(Export::pdf(file_name, doc))
}

pub enum Which {
    /// Participants with `status`, or all who did not decline.
    Certificates {
        status: Option<ParticipantStatus>,
        lang: CertificateLang,
    },
    CueCards(Lang),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bilingual::Bilingual;
    use crate::id::Id;

    fn check(en: &str, ar: &str, country: &str, expected: Lang) {
        let person = Participant {
            version: 1,
            id: Id::new(),
            event_id: Id::new(),
            honorific: String::new(),
            name: Bilingual::new(en, ar),
            email: None,
            phone: None,
            organisation: Bilingual::default(),
            country: (!country.is_empty()).then(|| country.to_owned()),
            category: "other".to_owned(),
            status: ParticipantStatus::CheckedIn,
            badge_code: String::new(),
            consent: true,
            registered_at: chrono::Utc::now(),
            delegation: None,
        };
        assert_eq!(person_lang(&person), expected, "{en:?} {ar:?} {country:?}");
    }

    #[test]
    fn a_persons_language() {
        check("", "فاطمة الزهراء", "", Lang::Ar);
        check("", "فاطمة الزهراء", "FR", Lang::Ar);
        check("Omar Haddad", "عمر حداد", "JO", Lang::Ar);
        check("Omar Haddad", "عمر حداد", "KM", Lang::Ar);
        check("Lena Fischer", "لينا فيشر", "DE", Lang::En);
        check("Lena Fischer", "لينا فيشر", "", Lang::En);
        check("Karim Nasser", "", "LB", Lang::En);
        check("John Smith", "", "", Lang::En);
        check(" ", " ", "QA", Lang::En);
    }

    #[test]
    fn languages_parse() {
        for (typed, expected) in [
            ("en", CertificateLang::En),
            ("ar", CertificateLang::Ar),
            (" both ", CertificateLang::Both),
            ("person", CertificateLang::Person),
        ] {
            assert_eq!(CertificateLang::parse("lang", typed).unwrap(), expected);
        }
        let error = CertificateLang::parse("lang", "fr").unwrap_err();
        assert_eq!((error.field.as_deref(), error.reason), (Some("lang"), Reason::InvalidValue));
    }
}
