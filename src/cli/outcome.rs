//! `muntada outcome …` (write, adopt and compare the outcome document) and
//! `muntada export outcome` (its PDF). Text is typed as light markup: blank lines between
//! paragraphs, "- " bullets, "1. " numbered items, **bold**, _italic_.

use chrono::{DateTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::documents::outcome::Languages;
use muntada::outcome::{self, Change, RichText, Section, SectionEdit, SectionInput, SectionKind};
use muntada::participants::ParticipantStatus;
use muntada::{Bilingual, Error, Lang, Store};
use serde::Serialize;

use super::flags::{EventArgs, ExportTo};
use super::Out;

#[derive(Subcommand)]
pub enum OutcomeCommand {
    /// Sections of the outcome document
    #[command(subcommand)]
    Section(SectionCommand),
    /// Adopt the current draft: it is frozen from now on, and later edits start a new draft
    Adopt(EventArgs),
    /// The versions, with their dates and who adopted them
    Versions(EventArgs),
    /// What changed, section by section, from version N to version M
    Diff {
        #[arg(long)]
        event: String,
        #[arg(long)]
        from: u32,
        #[arg(long)]
        to: u32,
    },
}

#[derive(Subcommand)]
pub enum SectionCommand {
    /// Add a section to the current draft (started from the newest version when there is none)
    Add {
        #[arg(long)]
        event: String,
        /// summary, opening_statement, key_messages, best_practices, recommendation, pledges,
        /// participation or free
        #[arg(long)]
        kind: String,
        #[command(flatten)]
        text: TextArgs,
        /// Place among the sections, from 1 [default: at the end]
        #[arg(long)]
        position: Option<u32>,
        /// Add to this version (refused if it is adopted) [default: the current draft]
        #[arg(long)]
        version: Option<u32>,
    },
    /// Change a section of the current draft; only the flags given change
    Edit {
        /// The section's id (8 or more of its first characters)
        id: String,
        #[arg(long)]
        event: String,
        #[command(flatten)]
        text: TextArgs,
        #[arg(long)]
        position: Option<u32>,
        #[arg(long)]
        version: Option<u32>,
    },
    /// Remove a section from the current draft
    Remove {
        id: String,
        #[arg(long)]
        event: String,
        #[arg(long)]
        version: Option<u32>,
    },
    /// The sections of a version (the newest by default), marking a language missing or older
    List {
        #[arg(long)]
        event: String,
        #[arg(long)]
        version: Option<u32>,
    },
}

#[derive(ClapArgs)]
pub struct TextArgs {
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    title_ar: Option<String>,
    /// English text (light markup)
    #[arg(long)]
    text: Option<String>,
    /// Arabic text (light markup)
    #[arg(long)]
    text_ar: Option<String>,
    /// Whom a recommendation is addressed to
    #[arg(long)]
    actor: Option<String>,
    #[arg(long)]
    actor_ar: Option<String>,
    /// The speaker of an opening statement ("" removes it)
    #[arg(long)]
    speaker: Option<String>,
    /// A session the section comes from (repeat for several)
    #[arg(long = "session")]
    sessions: Vec<String>,
}

#[derive(ClapArgs)]
pub struct ExportOutcome {
    #[command(flatten)]
    to: ExportTo,
    /// en, ar, or both (each section in English, then in Arabic)
    #[arg(long, default_value = "en")]
    lang: String,
    /// The version to export [default: the newest]
    #[arg(long)]
    version: Option<u32>,
    /// Add the list of participants as an annex
    #[arg(long)]
    annex: bool,
}

#[derive(ClapArgs)]
pub struct ExportCertificates {
    #[command(flatten)]
    to: ExportTo,
    /// en, ar, both (English and Arabic on each page) or person (each participant's own
    /// language: Arabic for a name given only in Arabic, or in both scripts from an Arab
    /// League country; else English)
    #[arg(long, default_value = "en")]
    lang: String,
    /// Only participants with this status, e.g. checked_in [default: all but declined]
    #[arg(long)]
    status: Option<String>,
}

#[derive(ClapArgs)]
pub struct ExportCueCards {
    #[command(flatten)]
    to: ExportTo,
    /// en or ar
    #[arg(long, default_value = "en")]
    lang: String,
}

pub fn export_certificates(store: &Store, args: ExportCertificates, out: &Out) -> Result<(), Error> {
    // "checked-in" as typed in the issue, or the stored word "checked_in".
    let status = args.status.map(|s| ParticipantStatus::parse("status", &s.trim().replace('-', "_"))).transpose()?;
    let lang = muntada::documents::certificates::CertificateLang::parse("lang", &args.lang)?;
    let which = muntada::documents::certificates::Which::Certificates { status, lang };
    write_programme_document(store, &args.to.event, which, &args.to.out, out)
}

pub fn export_cue_cards(store: &Store, args: ExportCueCards, out: &Out) -> Result<(), Error> {
    let lang = super::flags::lang(&args.lang)?;
    write_programme_document(
        store,
        &args.to.event,
        muntada::documents::certificates::Which::CueCards(lang),
        &args.to.out,
        out,
    )
}

fn write_programme_document(
    store: &Store,
    event: &str,
    which: muntada::documents::certificates::Which,
    path: &std::path::Path,
    out: &Out,
) -> Result<(), Error> {
    super::export::save(muntada::documents::certificates::export(store, event, which)?, path, out)
}

fn markup(field: &str, text: Option<&str>) -> Result<Option<RichText>, Error> {
    text.map(|t| RichText::from_markup(field, t)).transpose()
}

pub fn run(store: &mut Store, command: OutcomeCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        OutcomeCommand::Section(SectionCommand::Add { event, kind, text, position, version }) => {
            let input = SectionInput {
                kind: Some(SectionKind::parse("kind", &kind)?),
                title: Bilingual::new(text.title.unwrap_or_default(), text.title_ar.unwrap_or_default()),
                body_en: markup("text", text.text.as_deref())?.unwrap_or_default(),
                body_ar: markup("textAr", text.text_ar.as_deref())?.unwrap_or_default(),
                actor: Bilingual::new(text.actor.unwrap_or_default(), text.actor_ar.unwrap_or_default()),
                speaker: text.speaker,
                sessions: text.sessions,
                position,
            };
            let section = store
                .write(|tx| outcome::add_section(tx, &tx.events().resolve("event", &event)?, version, &input, now))?;
            print(out, &section, || section.key.to_string())
        }
        OutcomeCommand::Section(SectionCommand::Edit { id, event, text, position, version }) => {
            let actor = match (text.actor, text.actor_ar) {
                (None, None) => None,
                (en, ar) => {
                    let current = current_section(store, &event, &id)?;
                    Some(Bilingual::new(en.unwrap_or(current.actor.en), ar.unwrap_or(current.actor.ar)))
                }
            };
            let edit = SectionEdit {
                title_en: text.title,
                title_ar: text.title_ar,
                body_en: markup("text", text.text.as_deref())?,
                body_ar: markup("textAr", text.text_ar.as_deref())?,
                actor,
                speaker: text.speaker,
                sessions: (!text.sessions.is_empty()).then_some(text.sessions),
                position,
            };
            let section = store.write(|tx| {
                outcome::edit_section(tx, &tx.events().resolve("event", &event)?, &id, version, &edit, now)
            })?;
            print(out, &section, || section.key.to_string())
        }
        OutcomeCommand::Section(SectionCommand::Remove { id, event, version }) => {
            store.write(|tx| outcome::remove_section(tx, &tx.events().resolve("event", &event)?, &id, version, now))?;
            print(out, &serde_json::json!({ "removed": id }), || format!("removed {id}"))
        }
        OutcomeCommand::Section(SectionCommand::List { event, version }) => {
            let Some(doc) = outcome::get(store, &event, version)? else {
                return print(out, &serde_json::Value::Null, || "no outcome document yet".to_owned());
            };
            print(out, &doc, || {
                let mut lines = vec![version_line(&doc.version)];
                for (i, s) in doc.sections.iter().enumerate() {
                    lines.push(section_line(i + 1, s));
                }
                lines.join("\n")
            })
        }
        OutcomeCommand::Adopt(EventArgs { event }) => {
            let v = store.write(|tx| outcome::adopt(tx, &tx.events().resolve("event", &event)?, None, now))?;
            print(out, &v, || version_line(&v))
        }
        OutcomeCommand::Versions(EventArgs { event }) => {
            let versions = outcome::versions(store, &event)?;
            print(out, &versions, || versions.iter().map(version_line).collect::<Vec<_>>().join("\n"))
        }
        OutcomeCommand::Diff { event, from, to } => {
            let diff = outcome::diff(store, &event, from, to)?;
            print(out, &diff, || {
                let mut lines = Vec::new();
                for d in &diff {
                    let change = match d.change {
                        Change::Added => "added",
                        Change::Removed => "removed",
                        Change::Changed => "changed",
                        Change::Unchanged => "unchanged",
                    };
                    let title = if d.title.is_empty() { d.kind.as_str().to_owned() } else { title(&d.title) };
                    let fields =
                        if d.fields.is_empty() { String::new() } else { format!(" ({})", d.fields.join(", ")) };
                    lines.push(format!("{}  {change:<9}  {}  {title}{fields}", short(d.key.as_str()), d.kind.as_str()));
                    for t in &d.text {
                        lines.push(format!("    {} before: {}", t.field, t.before.replace('\n', " / ")));
                        lines.push(format!("    {} after:  {}", t.field, t.after.replace('\n', " / ")));
                    }
                }
                lines.join("\n")
            })
        }
    }
}

pub fn export(store: &Store, args: ExportOutcome, out: &Out) -> Result<(), Error> {
    let languages = Languages::parse(&args.lang)?;
    let exported = muntada::documents::outcome::export(store, &args.to.event, languages, args.version, args.annex)?;
    super::export::save(exported, &args.to.out, out)
}

fn current_section(store: &Store, event: &str, id: &str) -> Result<Section, Error> {
    let doc = outcome::get(store, event, None)?;
    doc.into_iter()
        .flat_map(|d| d.sections)
        .find(|s| s.key.as_str().starts_with(id.trim()))
        .ok_or_else(|| Error::not_found("id", "outcome section", id))
}

fn print<T: Serialize>(out: &Out, value: &T, text: impl FnOnce() -> String) -> Result<(), Error> {
    let text = if out.json {
        serde_json::to_string_pretty(value).map_err(|e| Error::internal(e.to_string()))?
    } else {
        text()
    };
    // A closed pipe is not an error of ours.
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    Ok(())
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn title(t: &Bilingual) -> String {
    match (t.en.is_empty(), t.ar.is_empty()) {
        (false, false) => format!("{} / {}", t.en, t.ar),
        _ => t.get(Lang::En).to_owned(),
    }
}

fn version_line(v: &outcome::Version) -> String {
    match &v.adopted {
        Some(a) => format!("version {}  adopted {} by {}", v.number, a.at.format("%Y-%m-%d %H:%M UTC"), a.by),
        None => format!("version {}  draft", v.number),
    }
}

fn section_line(n: usize, s: &Section) -> String {
    let mark = |lang| match s.language_state(lang) {
        outcome::LanguageState::Current => "",
        outcome::LanguageState::Missing => " missing",
        outcome::LanguageState::Older => " older",
    };
    let head =
        if s.title.is_empty() { s.body_en.plain().lines().next().unwrap_or("").to_owned() } else { title(&s.title) };
    format!("{n:>3}. {}  {:<17}  en{} ar{}  {head}", s.key, s.kind.as_str(), mark(Lang::En), mark(Lang::Ar))
}
