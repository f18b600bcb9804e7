//! Exports from the command line: `muntada export …` names the document, each area builds it
//! through the core, and it is written whole or not at all.

use std::path::{Path, PathBuf};

use clap::{Args as ClapArgs, Subcommand};
use muntada::documents::{Export, ExportKind, ListFilter};
use muntada::participants::ParticipantStatus;
use muntada::{Error, ErrorKind, Reason, Store};

use super::flags::{DocumentLang, EventArgs, ExportTo};
use super::{outcome, participants, pledges, programme, Out};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The participant list, grouped by category with totals, as PDF
    Participants(ExportParticipants),
    /// Badges with name in both scripts, organisation, country, category colour and QR code, as PDF
    Badges(participants::BadgesArgs),
    /// A one-page summary of the event, as PDF
    EventSummary {
        #[command(flatten)]
        to: ExportTo,
        #[command(flatten)]
        lang: DocumentLang,
    },
    /// The programme as iCalendar (.ics), for all sessions or one speaker's
    Ical(programme::IcalArgs),
    /// The programme in the frab/pretalx schedule JSON format
    ScheduleJson(programme::ScheduleJsonArgs),
    /// The programme as frab schedule XML (Giggity, ConfClerk, pretalx's importer)
    ScheduleXml(programme::ScheduleJsonArgs),
    /// The programme day by day (or door sheets per room), as PDF
    Programme(programme::ProgrammePdfArgs),
    /// The outcome document, as PDF
    Outcome(outcome::ExportOutcome),
    /// Attendance certificates, one page per participant, as PDF
    Certificates(outcome::ExportCertificates),
    /// Cue cards for session chairs, one page per session, as PDF
    CueCards(outcome::ExportCueCards),
    /// The pledges table with totals, as CSV (FILE.csv) or PDF (FILE.pdf)
    Pledges(pledges::ExportPledges),
}

#[derive(ClapArgs)]
pub struct ExportParticipants {
    #[command(flatten)]
    event: EventArgs,
    /// pdf (the only format for now)
    #[arg(long, default_value = "pdf")]
    format: String,
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    lang: DocumentLang,
    /// Only participants with this status, e.g. confirmed
    #[arg(long)]
    status: Option<String>,
    /// Only this category (key), e.g. member_state
    #[arg(long)]
    category: Option<String>,
}

pub fn run(store: &Store, command: ExportCommand, now: chrono::DateTime<chrono::Utc>, out: &Out) -> Result<(), Error> {
    match command {
        ExportCommand::Participants(args) => {
            if args.format != "pdf" {
                return Err(Error::invalid("format", Reason::InvalidValue, "the participant list is exported as pdf"));
            }
            let filter = ListFilter {
                status: args.status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?,
                category: args.category,
            };
            let lang = args.lang.parse()?;
            save(
                muntada::documents::export(store, ExportKind::ParticipantList, &args.event.event, lang, &filter)?,
                &args.out,
                out,
            )
        }
        ExportCommand::Badges(args) => participants::badges(store, args, out),
        ExportCommand::EventSummary { to, lang } => {
            document(store, ExportKind::EventSummary, &to, &lang, &ListFilter::default(), out)
        }
        ExportCommand::Ical(args) => programme::ical(store, args, out, now),
        ExportCommand::ScheduleJson(args) => programme::schedule_json(store, args, out),
        ExportCommand::ScheduleXml(args) => programme::schedule_xml(store, args, out),
        ExportCommand::Programme(args) => programme::programme_pdf(store, args, out),
        ExportCommand::Outcome(args) => outcome::export(store, args, out),
        ExportCommand::Certificates(args) => outcome::export_certificates(store, args, out),
        ExportCommand::CueCards(args) => outcome::export_cue_cards(store, args, out),
        ExportCommand::Pledges(args) => pledges::export(store, args, out),
    }
}

/// Builds one of the core's documents of an event, writes it to `--out`, and says so.
pub fn document(
    store: &Store,
    kind: ExportKind,
    to: &ExportTo,
    lang: &DocumentLang,
    filter: &ListFilter,
    out: &Out,
) -> Result<(), Error> {
    let lang = lang.parse()?;
    save(muntada::documents::export(store, kind, &to.event, lang, filter)?, &to.out, out)
}

/// Writes an export to `path` (whole or not at all; a PDF page by page as it is laid out),
/// warning of characters drawn as boxes.
pub fn save(export: impl Into<Export>, path: &Path, out: &Out) -> Result<(), Error> {
    let saved = export.into().save(path).map_err(|e| match e.kind() {
        ErrorKind::Storage => e.with_field("out"),
        _ => e,
    })?;
    if saved.missing_glyphs > 0 {
        eprintln!(
            "warning: {} character(s) have no glyph in the bundled fonts and are drawn as boxes",
            saved.missing_glyphs
        );
    }
    if saved.squeezed_tables > 0 {
        eprintln!(
            "warning: {} table(s) are too wide for the page even in 7 pt type: a column wraps inside its words",
            saved.squeezed_tables
        );
    }
    out.exported(path, saved.bytes as usize)
}
