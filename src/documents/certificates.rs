//! Attendance certificates (one landscape page per participant in a frame, with the event's
//! logo, the event and the roles they had in its sessions, the organisers, up to two signature
//! blocks and a certificate number; in English, Arabic, both side by side, or each person's
//! language) and chair cue cards (one page per session: title, room, time, the speakers in
//! order with honorifics and positions, the pledges announced in it).

use std::collections::HashMap;

use super::{document, label, Export};
use crate::bilingual::Lang;
use crate::country;
use crate::error::{Error, Reason, Result};
use crate::event::{self, Event};
use crate::money::{decimal, grouped};
use crate::participants::{self, Participant, ParticipantStatus};
use crate::pdf::{
    self, Block, Column as TableColumn, KeyValue, List, Margins, PageSetup, PageSize, Paragraph, Placed, PlacedText,
    Row, Run, Table,
};
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
    /// The event's logo (PNG or JPEG), drawn at the top of each certificate.
    pub logo: Option<&'a [u8]>,
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
    /// English and Arabic side by side on the same page, English at the left.
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

/// One landscape A4 page per participant with `status` (everyone but those who declined when
/// `None`): see [`certificate_page`].
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
    doc.page_numbers = false;
    doc.page = PageSetup { size: PageSize::A4Landscape, margins: Margins::uniform(INNER + 8.0) };
    doc.logo = data.logo.map(<[u8]>::to_vec);
    let chosen = people.iter().filter(|p| match status {
        Some(s) => p.status == s,
        None => p.status != ParticipantStatus::Declined,
    });
    for (i, person) in chosen.enumerate() {
        if i > 0 {
            doc.blocks.push(Block::PageBreak);
        }
        let page = match langs {
            CertificateLang::En | CertificateLang::Ar => Page::One(main),
            CertificateLang::Person => Page::One(person_lang(person)),
            CertificateLang::Both => Page::Both,
        };
        certificate_page(&mut doc.blocks, data, person, page);
        doc.blocks.push(Block::Direction(main.into()));
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

/// The number printed on a participant's certificate: `CA` (certificate of attendance), the
/// event's year, four hexadecimal digits of the event's id (its random end) and the
/// participant's badge code in two groups of five, e.g. `CA-2024-A001-K7Q2M-9XB4C`. The letters
/// in front keep it one left-to-right piece on an Arabic page (digits after a Latin letter
/// read left to right; after Arabic text, "2024-A001" would split into two runs). Stable (it is made from what never changes), unique
/// within the event (badge codes are) and between events as far as the event's digits tell
/// them apart; the last ten characters find the person again (`muntada checkin` reads them as
/// typed on the certificate). Someone without a badge code (none is left without one since
/// the codes were filled in) gets the end of their id instead.
pub fn certificate_number(event: &Event, person: &Participant) -> String {
    use chrono::Datelike;
    let hex_end = |id: &str, n: usize| {
        let digits: Vec<char> = id.chars().filter(char::is_ascii_hexdigit).collect();
        digits[digits.len().saturating_sub(n)..].iter().collect::<String>().to_uppercase()
    };
    let code = match person.badge_code.trim() {
        "" => hex_end(person.id.as_str(), 10),
        code => code.to_uppercase(),
    };
    let (a, b) = code.split_at(code.char_indices().nth(5).map_or(code.len(), |(i, _)| i));
    let code = if b.is_empty() { a.to_owned() } else { format!("{a}-{b}") };
    format!("CA-{}-{}-{code}", event.start_date.year(), hex_end(event.id.as_str(), 4))
}

/// How a certificate page is set: one language, or English (left) and Arabic (right) side by
/// side on the same page, sharing the frame, the logo, the signatures and the number.
#[derive(Clone, Copy)]
enum Page {
    One(Lang),
    Both,
}

/// The page, in millimetres: A4 on its side.
const PAGE_W: f32 = 297.0;
/// The frame: a dark band near the edge, a thin gold line inside it.
const OUTER: f32 = 8.0;
const INNER: f32 = 11.5;
const FRAME_INK: u32 = 0x1F3A5F;
const GOLD: u32 = 0xB08D57;
/// Where the signature lines are drawn; the text above never reaches them (see [`Column`]).
const SIGNATURE_LINE: f32 = 158.0;
const NUMBER_TOP: f32 = 188.0;

/// Text sizes of a column of the certificate, in points: (size, smallest size).
struct Sizes {
    heading: (f32, f32),
    body: (f32, f32),
    name: (f32, f32),
    title: (f32, f32),
    small: (f32, f32),
}

const ONE: Sizes =
    Sizes { heading: (28.0, 14.0), body: (13.0, 7.0), name: (26.0, 13.0), title: (18.0, 9.0), small: (11.0, 6.5) };
const HALF: Sizes =
    Sizes { heading: (20.0, 10.0), body: (11.0, 6.0), name: (20.0, 10.0), title: (14.0, 7.0), small: (9.5, 5.5) };

/// The height a line of placed text can take at most, in mm: one line at its size, or two
/// lines at its smallest size when it had to wrap ([`pdf::PlacedText`]).
fn slot((size, min): (f32, f32)) -> f32 {
    size.max(2.0 * min) * 1.5 * 25.4 / 72.0
}

/// A column of centred lines, placed from the top down; each line's room is reserved whatever
/// its length, so that no text, however long, moves what is under it.
struct Column {
    x: f32,
    width: f32,
    y: f32,
    shapes: Vec<Placed>,
}

impl Column {
    fn line(&mut self, text: impl Into<String>, (size, min_size): (f32, f32), bold: bool, gap: f32) {
        let text = text.into();
        if !text.trim().is_empty() {
            let (x, y, width) = (self.x, self.y, self.width);
            self.shapes.push(Placed::Text(PlacedText { x, y, width, size, min_size, bold, text }));
            self.y += slot((size, min_size)) + gap;
        }
    }

    fn rule(&mut self, width: f32, gap: f32) {
        let x = self.x + (self.width - width) / 2.0;
        self.shapes.push(Placed::Rect { x, y: self.y, width, height: 0.5, rgb: GOLD });
        self.y += gap;
    }
}

/// One participant's certificate: the frame, the logo, the text of each language, the
/// signature blocks and the number, all placed on one page (nothing flows onto a next one).
fn certificate_page(blocks: &mut Vec<Block>, data: &ProgrammeData<'_>, person: &Participant, page: Page) {
    let mut frame = frame();
    let top = if data.logo.is_some() {
        frame.push(Placed::Logo { x: PAGE_W / 2.0 - 35.0, y: 16.0, width: 70.0, height: 22.0 });
        42.0
    } else {
        24.0
    };
    blocks.push(Block::Placed(frame));
    let body_x = INNER + 10.0;
    let body_w = PAGE_W - 2.0 * body_x;
    match page {
        Page::One(lang) => {
            let mut column = Column { x: body_x, width: body_w, y: top, shapes: Vec::new() };
            certificate_text(&mut column, data, person, lang, &ONE);
            blocks.push(Block::Direction(lang.into()));
            blocks.push(Block::Placed(column.shapes));
        }
        Page::Both => {
            let half = (body_w - 10.0) / 2.0;
            let columns = [(Lang::En, body_x), (Lang::Ar, body_x + half + 10.0)];
            for (lang, x) in columns {
                let mut column = Column { x, width: half, y: top, shapes: Vec::new() };
                certificate_text(&mut column, data, person, lang, &HALF);
                blocks.push(Block::Direction(lang.into()));
                blocks.push(Block::Placed(column.shapes));
            }
            let rule = Placed::Rect { x: PAGE_W / 2.0 - 0.15, y: top + 4.0, width: 0.3, height: 100.0, rgb: GOLD };
            blocks.push(Block::Placed(vec![rule]));
        }
    }
    signatures(blocks, data.event, page, body_x, body_w);
    let number = certificate_number(data.event, person);
    let text = match page {
        Page::One(lang) => format!("{} {number}", label(lang, "Certificate no.", "رقم الشهادة:")),
        Page::Both => format!("Certificate no. {number}"),
    };
    let lang = match page {
        Page::One(lang) => lang,
        Page::Both => Lang::En,
    };
    blocks.push(Block::Direction(lang.into()));
    blocks.push(Block::Placed(vec![Placed::Text(PlacedText {
        x: body_x,
        y: NUMBER_TOP,
        width: body_w,
        size: 9.0,
        min_size: 9.0,
        bold: false,
        text,
    })]));
}

/// A dark band near the page's edge and a thin gold line inside it, as four bars each.
fn frame() -> Vec<Placed> {
    let (w, h) = PageSize::A4Landscape.mm();
    let mut shapes = Vec::new();
    for (inset, weight, rgb) in [(OUTER, 1.6, FRAME_INK), (INNER, 0.35, GOLD)] {
        let (width, height) = (w - 2.0 * inset, h - 2.0 * inset);
        shapes.extend([
            Placed::Rect { x: inset, y: inset, width, height: weight, rgb },
            Placed::Rect { x: inset, y: h - inset - weight, width, height: weight, rgb },
            Placed::Rect { x: inset, y: inset, width: weight, height, rgb },
            Placed::Rect { x: w - inset - weight, y: inset, width: weight, height, rgb },
        ]);
    }
    shapes
}

/// The words of the certificate in one language, in `column`.
fn certificate_text(column: &mut Column, data: &ProgrammeData<'_>, person: &Participant, lang: Lang, sizes: &Sizes) {
    let l = |en, ar| label(lang, en, ar);
    let event = data.event;
    column.line(l("Certificate of attendance", "شهادة حضور"), sizes.heading, true, 1.0);
    column.rule(50.0, 5.0);
    column.line(l("This is to certify that", "نشهد بأن"), sizes.body, false, 1.0);
    column.line(person.name.get(lang), sizes.name, true, 0.5);
    column.line(person.organisation.get(lang), sizes.body, false, 1.0);
    column.line(l("attended the", "حضر"), sizes.body, false, 0.5);
    column.line(event.title.marked(lang), sizes.title, true, 1.0);
    let place = super::place(event, lang, false);
    let dates = format_date_range(event.start_date, event.end_date, lang);
    let held = match place.is_empty() {
        true => format!("{}{dates}", l("held on ", "المنعقد في ")),
        false => format!("{}{place}{}{dates}", l("held in ", "المنعقد في "), l(", ", "، ")),
    };
    column.line(held, sizes.body, false, 1.5);
    column.line(roles(data, person, lang), sizes.small, false, 1.0);
    let organisers = super::organisers(event, lang, " · ");
    if !organisers.is_empty() {
        column.line(format!("{} {organisers}", l("Organised by", "بتنظيم من")), sizes.small, false, 0.0);
    }
}

/// Most roles named on a certificate; more are counted ("and 2 more").
const ROLES_SHOWN: usize = 3;

/// The roles `person` had in the sessions, on one line; empty when none.
fn roles(data: &ProgrammeData<'_>, person: &Participant, lang: Lang) -> String {
    let l = |en, ar| label(lang, en, ar);
    let sessions: HashMap<_, _> = data.sessions.iter().map(|s| (&s.id, s)).collect();
    let speaker = data.speakers.iter().find(|s| s.participant_id.as_ref() == Some(&person.id));
    let roles: Vec<String> = speaker
        .into_iter()
        .flat_map(|sp| data.assignments.iter().filter(move |a| a.speaker_id == sp.id))
        .filter_map(|a| sessions.get(&a.session_id).map(|s| (a.role, s)))
        .map(|(role, s)| format!("{} — {}", role_name(role, lang), s.title.marked(lang)))
        .collect();
    if roles.is_empty() {
        return String::new();
    }
    let mut shown = roles.iter().take(ROLES_SHOWN).cloned().collect::<Vec<_>>().join(l("; ", "؛ ").as_str());
    if roles.len() > ROLES_SHOWN {
        let more = roles.len() - ROLES_SHOWN;
        shown.push_str(&match lang {
            Lang::En => format!("; and {more} more"),
            Lang::Ar => format!("؛ و{more} أخرى"),
        });
    }
    format!("{}: {shown}", l("and took part as", "وشارك بصفة"))
}

/// The signature blocks: a line to sign on, the name under it and the title under that, side
/// by side in reading order (the first signatory at the right on an Arabic page); a single one
/// in the middle. On a page in both languages each block gives the name and title in English,
/// then in Arabic.
fn signatures(blocks: &mut Vec<Block>, event: &Event, page: Page, body_x: f32, body_w: f32) {
    let count = event.signatories.len().min(crate::event::MAX_SIGNATORIES);
    if count == 0 {
        return;
    }
    let width = 100.0_f32.min(body_w / count as f32 - 10.0);
    let rtl = matches!(page, Page::One(Lang::Ar));
    let langs: &[Lang] = match page {
        Page::One(lang) => &[lang][..],
        Page::Both => &[Lang::En, Lang::Ar],
    };
    let (name_size, title_size) = match page {
        Page::One(_) => ((12.0, 6.0), (10.0, 5.5)),
        Page::Both => ((10.5, 6.0), (9.0, 5.0)),
    };
    let mut lines = Vec::new();
    let mut texts: Vec<(Lang, Placed)> = Vec::new();
    for (i, signatory) in event.signatories.iter().take(count).enumerate() {
        let place = if rtl { count - 1 - i } else { i };
        let centre = body_x + body_w * (2 * place + 1) as f32 / (2 * count) as f32;
        let x = centre - width / 2.0;
        lines.push(Placed::Rect { x, y: SIGNATURE_LINE, width, height: 0.3, rgb: 0x000000 });
        let mut y = SIGNATURE_LINE + 1.5;
        let mut put = |lang: Lang, text: &str, (size, min_size): (f32, f32), bold: bool| {
            if !text.is_empty() {
                let text = text.to_owned();
                texts.push((lang, Placed::Text(PlacedText { x, y, width, size, min_size, bold, text })));
                y += slot((size, min_size)) + 0.3;
            }
        };
        let shown = |b: &crate::bilingual::Bilingual, lang: Lang| match page {
            // Both sides, each once: a name given in one language only is not repeated.
            Page::Both if lang == Lang::Ar => b.other(Lang::En).unwrap_or_default().to_owned(),
            _ => b.get(lang).to_owned(),
        };
        for &lang in langs {
            put(lang, &shown(&signatory.name, lang), name_size, true);
        }
        for &lang in langs {
            put(lang, &shown(&signatory.title, lang), title_size, false);
        }
    }
    blocks.push(Block::Placed(lines));
    for &lang in langs {
        blocks.push(Block::Direction(lang.into()));
        blocks.push(Block::Placed(texts.iter().filter(|(l, _)| *l == lang).map(|(_, p)| p.clone()).collect()));
    }
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
        doc.blocks.push(Block::Heading { level: 1, text: session.title.marked(lang) });
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
                    TableColumn::new("#", 0.5),
                    TableColumn::new(l("Name", "الاسم"), 3.0),
                    TableColumn::new(l("Position", "المنصب"), 4.0),
                    TableColumn::new(l("Role", "الدور"), 1.5),
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
    let logo = event::logo(store, id.as_str())?;
    let data = ProgrammeData {
        event: &event,
        rooms: &store.rooms().list(id)?,
        sessions: &store.sessions().list(id)?,
        speakers: &store.speakers().list(id)?,
        assignments: &store.sessions().assignments(id)?,
        pledges: &ledger::list(store, id.as_str())?,
        logo: logo.as_ref().map(|l| l.image.as_slice()),
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
    fn certificate_numbers() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let event = Event {
            id: Id::parse("id", "0190a7e2-6f00-7c3a-9a51-d0a1f0e5b7c9").unwrap(),
            title: Bilingual::new("Forum", ""),
            description: Bilingual::default(),
            venue: Bilingual::default(),
            city: Bilingual::default(),
            country: None,
            timezone: "UTC".into(),
            start_date: day,
            end_date: day,
            organisers: Vec::new(),
            signatories: Vec::new(),
            arabic_digits: Default::default(),
            status: crate::event::EventStatus::Open,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            version: 1,
        };
        let check = |badge: &str, id: &str, expected: &str| {
            let person = Participant {
                version: 1,
                id: Id::parse("id", id).unwrap(),
                event_id: event.id.clone(),
                honorific: String::new(),
                name: Bilingual::new("A", ""),
                email: None,
                phone: None,
                organisation: Bilingual::default(),
                country: None,
                category: "other".to_owned(),
                status: ParticipantStatus::CheckedIn,
                badge_code: badge.to_owned(),
                consent: true,
                registered_at: chrono::Utc::now(),
                delegation: None,
            };
            assert_eq!(certificate_number(&event, &person), expected, "{badge:?}");
        };
        let id = "0190a7e2-6f00-7c3a-9a51-00000abcdef1";
        check("K7Q2M9XB4C", id, "CA-2026-B7C9-K7Q2M-9XB4C");
        check("k7q2m9xb4c", id, "CA-2026-B7C9-K7Q2M-9XB4C");
        check("", id, "CA-2026-B7C9-000AB-CDEF1");
        check("ABC", id, "CA-2026-B7C9-ABC");
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
