//! The event's model: an event, its details as typed and their checks, its logo. Plain data
//! and rules, no I/O: the store reads and writes these types, the operations decide with them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::bilingual::ArabicDigits;
use crate::bilingual::Bilingual;
use crate::error::{Error, Problems, Reason, Result};
use crate::id::Id;
use crate::{country, input, pdf, time};

/// Most organisers one event may list.
const MAX_ORGANISERS: usize = 20;
/// Most signature blocks a certificate of attendance has room for.
pub const MAX_SIGNATORIES: usize = 2;
/// Longest signatory's name and title, in characters: what a signature block on a certificate
/// can show on two lines in its smallest type.
pub const MAX_SIGNATORY_NAME: usize = 100;
pub const MAX_SIGNATORY_TITLE: usize = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Draft,
    Open,
    Closed,
    Archived,
}

impl EventStatus {
    pub const ALL: [EventStatus; 4] =
        [EventStatus::Draft, EventStatus::Open, EventStatus::Closed, EventStatus::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Open => "open",
            EventStatus::Closed => "closed",
            EventStatus::Archived => "archived",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<EventStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == value.trim()).ok_or_else(|| {
            Error::invalid(
                field,
                Reason::InvalidValue,
                format!("{value:?} is not one of draft, open, closed, archived"),
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: Id,
    pub title: Bilingual,
    pub description: Bilingual,
    pub venue: Bilingual,
    pub city: Bilingual,
    pub country: Option<String>,
    pub timezone: String,
    #[ts(type = "string")]
    pub start_date: NaiveDate,
    #[ts(type = "string")]
    pub end_date: NaiveDate,
    pub organisers: Vec<Bilingual>,
    /// Who signs the event's certificates of attendance, in order (at most two).
    pub signatories: Vec<Signatory>,
    /// How the Arabic window and the Arabic documents of the event write numbers.
    pub arabic_digits: ArabicDigits,
    pub status: EventStatus,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    /// Raised by every change to the record: a form sends back the one it was filled from.
    pub version: u32,
}

impl Event {
    pub fn tz(&self) -> crate::time::Tz {
        // Stored zones were validated on the way in; UTC only guards a hand-edited file.
        self.timezone.parse().unwrap_or(crate::time::Tz::UTC)
    }

    /// The event's details as a form would show them: what a change of some of them starts from.
    pub fn input(&self) -> EventInput {
        EventInput {
            title: self.title.clone(),
            description: self.description.clone(),
            venue: self.venue.clone(),
            city: self.city.clone(),
            country: self.country.clone().unwrap_or_default(),
            timezone: self.timezone.clone(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            organisers: self.organisers.clone(),
            signatories: self.signatories.clone(),
            arabic_digits: self.arabic_digits,
            status: self.status,
        }
    }
}

/// An event as typed in a form or on the command line, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    pub title: Bilingual,
    pub description: Bilingual,
    pub venue: Bilingual,
    pub city: Bilingual,
    /// ISO 3166-1 alpha-2; empty for none.
    pub country: String,
    pub timezone: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    /// Each organiser's name in English and Arabic (one side may be empty); an entry empty on
    /// both sides is left out.
    pub organisers: Vec<Bilingual>,
    /// Who signs the certificates of attendance, in order: at most [`MAX_SIGNATORIES`]; an
    /// entry empty on all four sides is left out. None when not given (a form or file from
    /// before signatories).
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    /// Arabic-Indic when not given (a form or file from before the setting).
    #[serde(default)]
    pub arabic_digits: ArabicDigits,
    pub status: EventStatus,
}

/// A signature block of the certificates of attendance: a name, and the title under it
/// ("Minister of Foreign Affairs"), each in English and Arabic (one side may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signatory {
    pub name: Bilingual,
    pub title: Bilingual,
}

impl Signatory {
    pub fn new(name: Bilingual, title: Bilingual) -> Signatory {
        Signatory { name, title }
    }

    /// Reads a signatory typed on one line as `NAME|TITLE|NAME_AR|TITLE_AR` (the CLI's
    /// `--signatory`): the English name and title, then the Arabic ones; trailing parts may be
    /// left out ("Jane Doe|Director" has no Arabic side). Checked later, by [`EventInput::validate`].
    pub fn parse(field: &str, value: &str) -> Result<Signatory> {
        let parts: Vec<&str> = value.split('|').collect();
        if parts.len() > 4 {
            return Err(Error::invalid(
                field,
                Reason::InvalidValue,
                format!("{value:?} has more than four parts: give NAME|TITLE|NAME_AR|TITLE_AR"),
            ));
        }
        let part = |i: usize| parts.get(i).copied().unwrap_or_default().to_owned();
        Ok(Signatory { name: Bilingual::new(part(0), part(2)), title: Bilingual::new(part(1), part(3)) })
    }
}

/// Checks signatories alone (as [`EventInput::validate`] does): the cleaned list without blank
/// entries, or an error naming every field refused.
pub fn validate_signatories(given: &[Signatory]) -> Result<Vec<Signatory>> {
    let mut problems = Problems::default();
    let signatories = check_signatories(&mut problems, given);
    problems.finish()?;
    Ok(signatories)
}

/// Checks the signatories of a form (fields `signatories`, `signatories[0].name`,
/// `signatories[1].title`…), noting every problem; returns the cleaned list without blank entries.
fn check_signatories(problems: &mut Problems, given: &[Signatory]) -> Vec<Signatory> {
    let mut signatories = Vec::with_capacity(given.len());
    for (i, s) in given.iter().enumerate() {
        let (name_field, title_field) = (format!("signatories[{i}].name"), format!("signatories[{i}].title"));
        let name = problems.check(s.name.clean_line(&name_field, MAX_SIGNATORY_NAME));
        let title = problems.check(s.title.clean_line(&title_field, MAX_SIGNATORY_TITLE));
        let (Some(name), Some(title)) = (name, title) else { continue };
        if name.is_empty() && !title.is_empty() {
            problems.note(Error::invalid(&name_field, Reason::Required, "a signatory with a title needs a name"));
        } else if !name.is_empty() {
            signatories.push(Signatory { name, title });
        }
    }
    if signatories.len() > MAX_SIGNATORIES {
        problems.note(Error::invalid(
            "signatories",
            Reason::TooLong,
            format!("at most {MAX_SIGNATORIES} signatories: a certificate has room for two signatures"),
        ));
    }
    signatories
}

/// Counts shown on an event's overview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventCounts {
    pub rooms: u32,
    pub sessions: u32,
    pub speakers: u32,
    pub participants: u32,
    pub pledges: u32,
}

impl EventInput {
    /// Checks every field and returns the event it describes, stamped with `id` and `now`.
    pub fn validate(&self, id: Id, created_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<Event> {
        // Every field is checked, so that the form can show all its problems at once.
        let mut problems = Problems::default();
        let title = problems.check(self.title.clean_required("title", input::MAX_NAME));
        let description = problems.check(self.description.clean_text("description", input::MAX_TEXT));
        let venue = problems.check(self.venue.clean_line("venue", input::MAX_NAME));
        let city = problems.check(self.city.clean_line("city", input::MAX_NAME));
        let country = problems.check(country::parse_optional("country", &self.country));
        let timezone = problems.check(time::parse_timezone("timezone", &self.timezone));
        let start_date = problems.check(time::parse_date("startDate", &self.start_date));
        let end_date = problems.check(time::parse_date("endDate", &self.end_date));
        if let (Some(start), Some(end)) = (start_date, end_date) {
            if end < start {
                problems.note(Error::invalid(
                    "endDate",
                    Reason::EndBeforeStart,
                    "the end date is before the start date",
                ));
            }
        }
        let mut organisers = Vec::with_capacity(self.organisers.len());
        if self.organisers.len() > MAX_ORGANISERS {
            problems.note(Error::invalid(
                "organisers",
                Reason::TooLong,
                format!("at most {MAX_ORGANISERS} organisers"),
            ));
        } else {
            for name in &self.organisers {
                let Some(name) = problems.check(name.clean_line("organisers", input::MAX_NAME)) else { break };
                if !name.is_empty() && !organisers.contains(&name) {
                    organisers.push(name);
                }
            }
        }
        let signatories = check_signatories(&mut problems, &self.signatories);
        problems.finish()?;
        let (
            Some(title),
            Some(description),
            Some(venue),
            Some(city),
            Some(country),
            Some(timezone),
            Some(start_date),
            Some(end_date),
        ) = (title, description, venue, city, country, timezone, start_date, end_date)
        else {
            return Err(Error::internal("an event field passed its check without a value"));
        };
        Ok(Event {
            id,
            title,
            description,
            venue,
            city,
            country,
            timezone: timezone.name().to_owned(),
            start_date,
            end_date,
            organisers,
            signatories,
            arabic_digits: self.arabic_digits,
            status: self.status,
            created_at,
            updated_at: now,
            version: 1,
        })
    }
}

/// An event's deletion, as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedEvent {
    pub event_id: Id,
    pub title: Bilingual,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub backup: Option<String>,
}

/// Largest logo file: a title-page logo needs far less, and the app sends the bytes over IPC.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// Largest side in pixels: more is never needed for an 18 mm-high logo and only costs memory.
pub const MAX_LOGO_SIDE: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LogoFormat {
    Png,
    Jpeg,
}

impl LogoFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            LogoFormat::Png => "png",
            LogoFormat::Jpeg => "jpeg",
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<LogoFormat> {
        match value {
            "png" => Ok(LogoFormat::Png),
            "jpeg" => Ok(LogoFormat::Jpeg),
            _ => Err(Error::invalid(field, Reason::InvalidValue, format!("{value:?} is not png or jpeg"))),
        }
    }

    /// The MIME type, for showing the image.
    pub fn mime(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
        }
    }

    /// Recognised by the file's signature, not its name.
    fn sniff(bytes: &[u8]) -> Option<LogoFormat> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(LogoFormat::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(LogoFormat::Jpeg)
        } else {
            None
        }
    }
}

/// A stored logo with its image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventLogo {
    pub format: LogoFormat,
    pub width: u32,
    pub height: u32,
    /// The file as given.
    pub image: Vec<u8>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

impl EventLogo {
    /// Checks `bytes` (field `logo`) and describes them: a PNG or JPEG file of at most
    /// [`MAX_LOGO_BYTES`] that decodes, with sides of at most [`MAX_LOGO_SIDE`] pixels.
    pub fn validate(bytes: Vec<u8>, now: DateTime<Utc>) -> Result<EventLogo> {
        if bytes.is_empty() {
            return Err(Error::invalid("logo", Reason::Required, "the logo file is empty"));
        }
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(Error::invalid(
                "logo",
                Reason::TooLong,
                format!("the logo is {} KiB; at most {} KiB", bytes.len().div_ceil(1024), MAX_LOGO_BYTES / 1024),
            ));
        }
        let format = LogoFormat::sniff(&bytes)
            .ok_or_else(|| Error::invalid("logo", Reason::InvalidValue, "the logo must be a PNG or JPEG image"))?;
        let unreadable = |e: pdf::PdfError| Error::invalid("logo", Reason::InvalidValue, e.to_string());
        let check_sides = |width: usize, height: usize| {
            if width == 0 || height == 0 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
                return Err(Error::invalid(
                    "logo",
                    Reason::InvalidValue,
                    format!("the logo is {width}×{height} pixels; each side must be 1 to {MAX_LOGO_SIDE}"),
                ));
            }
            Ok(())
        };
        // The sides the header declares first: a few bytes can declare 60000×60000 pixels, which
        // decoding would allocate before finding out.
        let (width, height) = pdf::declared_image_size(&bytes).map_err(unreadable)?;
        check_sides(width as usize, height as usize)?;
        let (width, height) = pdf::image_size(&bytes).map_err(unreadable)?;
        check_sides(width, height)?;
        Ok(EventLogo { format, width: width as u32, height: height as u32, image: bytes, updated_at: now })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn doha() -> EventInput {
        EventInput {
            title: Bilingual::new("Forum", "منتدى"),
            description: Bilingual::default(),
            venue: Bilingual::new("Sheraton", ""),
            city: Bilingual::new("Doha", "الدوحة"),
            country: "qa".into(),
            timezone: "Asia/Qatar".into(),
            start_date: "2024-05-21".into(),
            end_date: "2024-05-22".into(),
            organisers: vec![
                Bilingual::new("State of Qatar", " دولة قطر "),
                Bilingual::new(" UNOCT ", ""),
                Bilingual::new("UNOCT", ""),
                Bilingual::new("", " "),
                Bilingual::new("", "دولة قطر"),
            ],
            signatories: vec![Signatory::new(
                Bilingual::new("Jane Doe", "جين دو"),
                Bilingual::new("Director", "المديرة"),
            )],
            arabic_digits: ArabicDigits::ArabicIndic,
            status: EventStatus::Draft,
        }
    }

    fn check(edit: impl FnOnce(&mut EventInput), expected: std::result::Result<(), (&str, Reason)>) {
        let mut input = doha();
        edit(&mut input);
        let got = input.validate(Id::new(), Utc::now(), Utc::now()).map(|_| ());
        let got = got.map_err(|e| (e.field.unwrap_or_default(), e.reason));
        assert_eq!(got.as_ref().map(|_| ()).map_err(|(f, r)| (f.as_str(), *r)), expected);
    }

    #[test]
    fn validation() {
        check(|_| {}, Ok(()));
        check(|i| i.title = Bilingual::new("", "منتدى"), Ok(()));
        check(|i| i.end_date = "2024-05-21".into(), Ok(()));
        check(|i| i.title = Bilingual::default(), Err(("title", Reason::Required)));
        check(|i| i.title.en = "x".repeat(1 << 20), Err(("title", Reason::TooLong)));
        check(|i| i.timezone = "Qatar/Doha".into(), Err(("timezone", Reason::UnknownTimezone)));
        check(|i| i.end_date = "2024-05-20".into(), Err(("endDate", Reason::EndBeforeStart)));
        check(|i| i.start_date = "21.05.2024".into(), Err(("startDate", Reason::InvalidDate)));
        check(|i| i.country = "QQ".into(), Err(("country", Reason::UnknownCountry)));
        check(|i| i.organisers = vec![Bilingual::new("a\nb", "")], Err(("organisers", Reason::ControlCharacters)));
        check(|i| i.organisers = vec![Bilingual::new("", "أ\nب")], Err(("organisers", Reason::ControlCharacters)));
        check(|i| i.venue.ar = "فندق\nشيراتون".into(), Err(("venue", Reason::ControlCharacters)));
        check(|i| i.city.en = "x".repeat(1 << 20), Err(("city", Reason::TooLong)));
        check(|i| i.city.ar = "د".repeat(1 << 20), Err(("city", Reason::TooLong)));
        check(
            |i| i.organisers = vec![Bilingual::new("UNOCT", ""); MAX_ORGANISERS + 1],
            Err(("organisers", Reason::TooLong)),
        );
        check(|i| i.start_date = " ".into(), Err(("startDate", Reason::Required)));
    }

    #[test]
    fn the_digits_setting_defaults_to_arabic_indic_and_is_kept() {
        // A form or file from before the setting gets the default.
        let mut json = serde_json::to_value(doha()).unwrap();
        json.as_object_mut().unwrap().remove("arabicDigits");
        let old: EventInput = serde_json::from_value(json).unwrap();
        assert_eq!(old.arabic_digits, ArabicDigits::ArabicIndic);
        assert_eq!(serde_json::to_value(ArabicDigits::Latin).unwrap(), "latin");
        assert_eq!(serde_json::to_value(ArabicDigits::ArabicIndic).unwrap(), "arabic_indic");
        assert_eq!(ArabicDigits::parse("d", "arabic-indic").unwrap(), ArabicDigits::ArabicIndic);
        assert_eq!(ArabicDigits::parse("d", " latin ").unwrap(), ArabicDigits::Latin);
        assert_eq!(ArabicDigits::parse("d", "hindi").unwrap_err().reason, Reason::InvalidValue);
        let now = Utc::now();
        let event = EventInput { arabic_digits: ArabicDigits::Latin, ..doha() }.validate(Id::new(), now, now).unwrap();
        assert_eq!(event.arabic_digits, ArabicDigits::Latin);
        // The form an event shows is the event again.
        assert_eq!(event.input().validate(event.id.clone(), now, now).unwrap(), event);
    }

    #[test]
    fn signatories() {
        let one = |name: (&str, &str), title: (&str, &str)| {
            Signatory::new(Bilingual::new(name.0, name.1), Bilingual::new(title.0, title.1))
        };
        let set = |list: Vec<Signatory>| move |i: &mut EventInput| i.signatories = list;
        check(set(vec![]), Ok(()));
        check(set(vec![one(("", "جين دو"), ("", "")), one(("A", ""), ("", "المنصب"))]), Ok(()));
        check(set(vec![one(("", ""), ("Director", ""))]), Err(("signatories[0].name", Reason::Required)));
        check(
            set(vec![one(("A", ""), ("", "")), one(("", ""), ("", "م"))]),
            Err(("signatories[1].name", Reason::Required)),
        );
        check(set(vec![one(("A\nB", ""), ("", ""))]), Err(("signatories[0].name", Reason::ControlCharacters)));
        check(set(vec![one(("A", ""), ("x\ty", ""))]), Err(("signatories[0].title", Reason::ControlCharacters)));
        let long_name = "n".repeat(MAX_SIGNATORY_NAME + 1);
        check(set(vec![one((&long_name, ""), ("", ""))]), Err(("signatories[0].name", Reason::TooLong)));
        let long_title = "ت".repeat(MAX_SIGNATORY_TITLE + 1);
        check(set(vec![one(("A", ""), ("", &long_title))]), Err(("signatories[0].title", Reason::TooLong)));
        check(set(vec![one(("A", ""), ("", "")); 3]), Err(("signatories", Reason::TooLong)));
        // Blank entries are left out and do not count.
        let mut input = doha();
        input.signatories = vec![one((" ", ""), ("", " ")), one((" A ", ""), (" Chair", "")), Signatory::default()];
        let event = input.validate(Id::new(), Utc::now(), Utc::now()).unwrap();
        assert_eq!(event.signatories, [one(("A", ""), ("Chair", ""))]);
    }

    #[test]
    fn a_signatory_on_one_line() {
        let parse = |typed: &str| Signatory::parse("signatory", typed).map_err(|e| e.reason);
        let one = |n: &str, t: &str, na: &str, ta: &str| Signatory::new(Bilingual::new(n, na), Bilingual::new(t, ta));
        assert_eq!(parse("Jane Doe"), Ok(one("Jane Doe", "", "", "")));
        assert_eq!(parse("Jane Doe|Director"), Ok(one("Jane Doe", "Director", "", "")));
        assert_eq!(parse("Jane Doe|Director|جين دو|المديرة"), Ok(one("Jane Doe", "Director", "جين دو", "المديرة")));
        assert_eq!(parse("||جين دو|المديرة"), Ok(one("", "", "جين دو", "المديرة")));
        assert_eq!(parse("a|b|c|d|e"), Err(Reason::InvalidValue));
    }

    /// A form shows every field's problem at once: the check goes on past the first.
    #[test]
    fn every_problem_is_named() {
        let problems = |edit: fn(&mut EventInput)| {
            let mut input = doha();
            edit(&mut input);
            let e = input.validate(Id::new(), Utc::now(), Utc::now()).unwrap_err();
            e.problems.into_iter().map(|p| (p.field, p.reason)).collect::<Vec<_>>()
        };
        let all = problems(|i| {
            i.title = Bilingual::default();
            i.start_date = String::new();
            i.end_date = "2024-13-01".into();
            i.country = "QQ".into();
        });
        let fields: Vec<(&str, Reason)> = all.iter().map(|(f, r)| (f.as_str(), *r)).collect();
        assert_eq!(
            fields,
            [
                ("title", Reason::Required),
                ("country", Reason::UnknownCountry),
                ("startDate", Reason::Required),
                ("endDate", Reason::InvalidDate)
            ]
        );
        // Dates that cannot be compared are not also said to be out of order.
        assert_eq!(problems(|i| i.end_date = "2024-05-20".into()), [("endDate".to_owned(), Reason::EndBeforeStart)]);
    }

    #[test]
    fn organisers_are_trimmed_and_deduplicated() {
        let event = doha().validate(Id::new(), Utc::now(), Utc::now()).unwrap();
        assert_eq!(
            event.organisers,
            [Bilingual::new("State of Qatar", "دولة قطر"), Bilingual::new("UNOCT", ""), Bilingual::new("", "دولة قطر"),]
        );
        assert_eq!(event.city, Bilingual::new("Doha", "الدوحة"));
        assert_eq!(event.country.as_deref(), Some("QA"));
    }
}
