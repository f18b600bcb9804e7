//! The participant commands: registering and listing, and those of the registration desk:
//! import, search, duplicates and merging, bulk status, check-in, delegations, badges. Each
//! calls one core function and prints its result.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args as ClapArgs, Subcommand};
use muntada::documents::BadgeLayout;
use muntada::participants::delegation::DelegationInput;
use muntada::participants::export::{self, TableFormat};
use muntada::participants::import::ValueChoice;
use muntada::participants::query::{typed_ids, IndexCache, ParticipantQuery, Selection, MAX_LIMIT};
use muntada::participants::{self, ImportOptions, ImportReport, Participant, ParticipantInput, ParticipantStatus};
use muntada::{Bilingual, Error, Reason, Store};

use super::flags::{EventArgs, ExportTo, Names};
use super::output::{counted, Out};

#[derive(Subcommand)]
pub enum ParticipantCommand {
    /// Register a participant and print the id
    Add {
        #[arg(long)]
        event: String,
        #[command(flatten)]
        names: Names,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        organisation: String,
        #[arg(long, default_value = "")]
        country: String,
        /// A category key or name, e.g. member_state, media
        #[arg(long, default_value = "")]
        category: String,
        #[arg(long, default_value = "interest_registered")]
        status: String,
        /// H.E., Dr…: printed on the badge before the name
        #[arg(long, default_value = "")]
        honorific: String,
        /// The id of the delegation of the event they belong to
        #[arg(long, default_value = "")]
        delegation: String,
    },
    /// Correct a participant's details: only the fields given change (an empty value clears
    /// an optional one)
    Edit(EditArgs),
    #[command(flatten)]
    Desk(DeskCommand),
    /// List the participants of an event
    List(ListArgs),
}

/// `participant list`: the filters of the app's participants table.
#[derive(ClapArgs)]
pub struct ListArgs {
    #[arg(long)]
    event: String,
    /// Only those with this status, e.g. confirmed, checked-in
    #[arg(long)]
    status: Option<String>,
    /// Only the members of this delegation (its id)
    #[arg(long)]
    delegation: Option<String>,
    /// Only those found by this search (names in both scripts, e-mail, organisation, badge code)
    #[arg(long)]
    search: Option<String>,
}

pub fn run(store: &mut Store, command: ParticipantCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        ParticipantCommand::Add {
            event,
            names,
            email,
            phone,
            organisation,
            country,
            category,
            status,
            honorific,
            delegation,
        } => {
            let input = ParticipantInput {
                honorific,
                delegation,
                name: names.bilingual(),
                email,
                phone,
                organisation: Bilingual::new(organisation, ""),
                country,
                category,
                status: ParticipantStatus::parse("status", &status)?,
                consent: false,
            };
            out.created(
                &store.write(|tx| participants::add(tx, &tx.events().resolve("event", &event)?, &input, now))?,
                |p| &p.id,
            )
        }
        ParticipantCommand::Edit(args) => edit(store, args, now, out),
        ParticipantCommand::Desk(command) => desk(store, command, now, out),
        ParticipantCommand::List(args) => {
            let query = ParticipantQuery {
                text: args.search.unwrap_or_default(),
                status: args.status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?,
                delegation: args.delegation,
                ..ParticipantQuery::default()
            };
            out.participants(&every_match(store, &args.event, query)?)
        }
    }
}

/// Every participant `query` matches, in the table's order: what the app's participants table
/// shows for the same filters (the one rule, `participants::query`), read a page at a time.
/// Each page is a read of its own, so a change between two pages (the total moves) starts the
/// listing again.
fn every_match(store: &Store, event: &str, mut query: ParticipantQuery) -> Result<Vec<Participant>, Error> {
    const ATTEMPTS: usize = 3;
    let mut cache = IndexCache::new();
    query.limit = MAX_LIMIT;
    for _ in 0..ATTEMPTS {
        query.offset = 0;
        let first = participants::query::query(store, event, &query, &mut cache)?;
        let total = first.total as usize;
        let mut people = first.rows;
        while people.len() < total {
            query.offset = people.len() as u32;
            let page = participants::query::query(store, event, &query, &mut cache)?;
            if page.total as usize != total || page.rows.is_empty() {
                break;
            }
            people.extend(page.rows);
        }
        if people.len() == total {
            return Ok(people);
        }
    }
    Err(Error::conflict(
        None,
        Reason::Changed,
        "the participants kept changing while they were listed: list them again",
    ))
}

#[derive(Subcommand)]
pub enum DeskCommand {
    /// Import participants from a CSV (UTF-8; `,` `;` or tab), XLSX or XLS file: every row, or none
    /// if any has a problem. Columns are recognised by their header in English or Arabic
    /// (Name, Full name, الاسم, E-mail, Organisation, الجهة, Country, الدولة, Category, Phone…);
    /// other columns are kept as extra answers.
    Import {
        #[arg(long)]
        event: String,
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Check everything and report what would happen; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Read a column as a field, e.g. --map "Nom=name" (fields: name, name_ar, email, phone,
        /// organisation, organisation_ar, country, category, status, consent, extra, ignore)
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// What a value that matches nothing stands for, e.g. --map-value
        /// "Category:Intl. Organisation=international_organisation" (COLUMN is a field or the
        /// file's header; TARGET a category key, status, country code, yes/no, or +new to add a
        /// category named after the value). Remembered for the event once imported.
        #[arg(long = "map-value", value_name = "COLUMN:VALUE=TARGET")]
        map_value: Vec<String>,
        /// Read value choices from FILE (one COLUMN:VALUE=TARGET a line) if it exists, and write
        /// them back to it with those given, and the values still unmatched as comments to fill
        #[arg(long = "map-file", value_name = "FILE")]
        map_file: Option<PathBuf>,
    },
    /// Search an event's participants by name (either script), e-mail, organisation or badge
    /// code, ignoring case, accents and Arabic letter variants
    Search {
        #[arg(long)]
        event: String,
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// List the pairs of records that look like the same person (same e-mail, or same name
    /// and organisation)
    Duplicates(EventArgs),
    /// Merge OTHER into KEEP (two records of the same person); OTHER is deleted, the history
    /// keeps both
    Merge { keep: String, other: String },
    /// Erase a person's personal data (their right to erasure): name, contact details,
    /// organisation, country, extra answers and what their history recorded. The record stays
    /// with its badge code, category and status, and the history with who and when. Asks first.
    Erase {
        #[arg(value_name = "ID")]
        id: String,
        /// Erase without asking
        #[arg(long)]
        yes: bool,
    },
    /// Set the status of several participants at once (all or none): the IDs given, or every
    /// participant the filters match (--all: every participant of the event)
    Status {
        #[arg(long)]
        event: String,
        /// interest_registered, confirmed, waitlisted, declined or checked_in
        #[arg(long)]
        to: String,
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        matching: MatchingArgs,
    },
    /// Export an event's participants with every column, for a spreadsheet: FILE.csv or
    /// FILE.xlsx (formula-like cells neutralised in CSV; text cells in XLSX)
    Export(ExportTo),
    /// Write everything held about one person (record, extra answers, history) to a JSON file
    Data {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
}

/// `muntada participant edit`: the fields to change; the others keep what is recorded.
#[derive(ClapArgs, Clone)]
pub struct EditArgs {
    id: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    name_ar: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    organisation: Option<String>,
    #[arg(long)]
    organisation_ar: Option<String>,
    /// An ISO code or a country's name in English or Arabic
    #[arg(long)]
    country: Option<String>,
    /// A category key or name, e.g. member_state, media
    #[arg(long)]
    category: Option<String>,
    /// interest_registered, confirmed, waitlisted, declined or checked_in
    #[arg(long)]
    status: Option<String>,
    #[arg(long)]
    honorific: Option<String>,
    /// The id of a delegation of the event (empty: out of any)
    #[arg(long)]
    delegation: Option<String>,
    /// The version of the record these changes were decided on (as `participant list --json`
    /// shows it): refused if the record has changed since. Without it, the changes apply to the
    /// record as it is when they are written.
    #[arg(long = "version", value_name = "N")]
    version: Option<u32>,
}

fn edit(store: &mut Store, args: EditArgs, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    // The fields not given are read in the transaction that writes them back: a check-in or a
    // correction made meanwhile at another desk is kept.
    let version = args.version;
    let edited = store.write(|tx| {
        let id = tx.participants().resolve("id", &args.id)?;
        let held = tx.participants().get(&id)?;
        let input = edited_input(args.clone(), &held)?;
        participants::edit(tx, &id, version, &input, now)
    })?;
    if out.json {
        return out.print_json(&edited);
    }
    out.participants(std::slice::from_ref(&edited.participant))?;
    for other in &edited.possible_duplicates {
        out.line(&format!("possible duplicate: {other} (see `participant duplicates` and `participant merge`)"))?;
    }
    Ok(())
}

/// The record `held` with the fields `args` gives changed.
fn edited_input(args: EditArgs, held: &muntada::participants::Participant) -> Result<ParticipantInput, Error> {
    let held = ParticipantInput::from(held);
    let status = match &args.status {
        Some(status) => ParticipantStatus::parse("status", status)?,
        None => held.status,
    };
    let or = |given: Option<String>, held: String| given.unwrap_or(held);
    let input = ParticipantInput {
        honorific: or(args.honorific, held.honorific),
        name: Bilingual::new(or(args.name, held.name.en), or(args.name_ar, held.name.ar)),
        email: or(args.email, held.email),
        phone: or(args.phone, held.phone),
        organisation: Bilingual::new(
            or(args.organisation, held.organisation.en),
            or(args.organisation_ar, held.organisation.ar),
        ),
        country: or(args.country, held.country),
        category: or(args.category, held.category),
        delegation: or(args.delegation, held.delegation),
        status,
        consent: held.consent,
    };
    Ok(input)
}

/// Which participants a bulk command applies to when no IDs are given: the filters of the
/// participants table.
#[derive(ClapArgs)]
pub struct MatchingArgs {
    /// Every participant of the event
    #[arg(long)]
    all: bool,
    /// Those found by this search (names in both scripts, e-mail, organisation, badge code)
    #[arg(long)]
    search: Option<String>,
    /// Those with this status
    #[arg(long)]
    status: Option<String>,
    /// Those in this category (key)
    #[arg(long)]
    category: Option<String>,
    /// Those from this country (ISO code)
    #[arg(long)]
    country: Option<String>,
    /// Those in this delegation (id)
    #[arg(long)]
    delegation: Option<String>,
}

impl MatchingArgs {
    fn selection(self, ids: Vec<String>) -> Result<Selection, Error> {
        let filtered = self.search.is_some()
            || self.status.is_some()
            || self.category.is_some()
            || self.country.is_some()
            || self.delegation.is_some();
        match (ids.is_empty(), filtered || self.all) {
            (false, false) => Ok(Selection::Ids { ids }),
            (false, true) => Err(Error::invalid("ids", Reason::InvalidValue, "give IDs or filters (or --all), not both")),
            (true, false) => Err(Error::invalid(
                "ids",
                Reason::Required,
                "name the participants: IDs, filters (--search, --status, --category, --country, --delegation) or --all",
            )),
            (true, true) => Ok(Selection::Matching {
                query: ParticipantQuery {
                    text: self.search.unwrap_or_default(),
                    status: self.status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?,
                    category: self.category,
                    country: self.country.map(|c| c.trim().to_ascii_uppercase()),
                    delegation: self.delegation,
                    ..ParticipantQuery::default()
                },
                expected: None,
            }),
        }
    }
}

#[derive(Subcommand)]
pub enum DelegationCommand {
    /// Add a delegation to an event and print its id
    Add {
        #[arg(long)]
        event: String,
        #[command(flatten)]
        names: Names,
        /// The ISO code of the country it represents
        #[arg(long, default_value = "")]
        country: String,
        /// The participant who heads it (joins it if not a member yet)
        #[arg(long, default_value = "")]
        head: String,
    },
    /// Change a delegation's name, country or head: only the fields given change (an empty
    /// --head: no head)
    Update {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        name_ar: Option<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        head: Option<String>,
        /// The version the changes were decided on: refused if the delegation changed since
        #[arg(long = "version", value_name = "N")]
        version: Option<u32>,
    },
    /// Delete a delegation; its members stay registered, in no delegation (refused while
    /// pledges name it)
    Remove { id: String },
    /// List an event's delegations with their head and number of members
    List(EventArgs),
    /// Put participants into a delegation (all or none); without --delegation, out of any
    Assign {
        #[arg(long)]
        event: String,
        #[arg(long)]
        delegation: Option<String>,
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
}

pub fn delegation(store: &mut Store, command: DelegationCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        DelegationCommand::Add { event, names, country, head } => {
            let input = DelegationInput { name: names.bilingual(), country, head };
            out.created(
                &store.write(|tx| {
                    participants::delegation::add(tx, &tx.events().resolve("event", &event)?, &input, now)
                })?,
                |d| &d.id,
            )
        }
        DelegationCommand::Update { id, name, name_ar, country, head, version } => {
            // What is not given is read in the transaction that writes it back.
            let updated = store.write(|tx| {
                let id = tx.delegations().resolve("id", &id)?;
                let held = tx.delegations().get(&id)?;
                let input = DelegationInput {
                    name: Bilingual::new(name.clone().unwrap_or(held.name.en), name_ar.clone().unwrap_or(held.name.ar)),
                    country: country.clone().or(held.country).unwrap_or_default(),
                    head: head.clone().or(held.head.map(|h| h.to_string())).unwrap_or_default(),
                };
                participants::delegation::update(tx, &id, version, &input, now)
            })?;
            if out.json {
                return out.print_json(&updated);
            }
            out.line(&format!("updated delegation {}", updated.id))
        }
        DelegationCommand::List(EventArgs { event }) => {
            let list = participants::delegation::list(store, &event)?;
            if out.json {
                return out.print_json(&list);
            }
            for d in &list {
                let head = match &d.head {
                    Some(id) => participants::display_name(&store.participants().get(id)?).to_owned(),
                    None => "--".to_owned(),
                };
                let name = [d.name.en.as_str(), d.name.ar.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ");
                out.line(&format!(
                    "{}  {:<2}  {:>11}  head: {head}  {name}",
                    d.id,
                    d.country.as_deref().unwrap_or("--"),
                    counted(d.members, "member", "members")
                ))?;
            }
            out.line(&counted(list.len(), "delegation", "delegations"))
        }
        DelegationCommand::Remove { id } => {
            let removed =
                store.write(|tx| participants::delegation::remove(tx, &tx.delegations().resolve("id", &id)?, now))?;
            if out.json {
                return out.print_json(&removed);
            }
            out.line(&format!(
                "deleted delegation {} ({} now in no delegation)",
                removed.id,
                counted(removed.members, "member", "members")
            ))
        }
        DelegationCommand::Assign { event, delegation, ids } => {
            let changed = store.write(|tx| {
                let event = tx.events().resolve("event", &event)?;
                let ids = typed_ids(tx, &ids)?;
                let delegation =
                    delegation.as_deref().map(|d| tx.delegations().resolve_in(&event, "delegation", d)).transpose()?;
                participants::delegation::assign(tx, &event, &ids, delegation.as_ref(), now)
            })?;
            out.participants(&changed)
        }
    }
}

/// `muntada export badges`: the arguments.
#[derive(ClapArgs)]
pub struct BadgesArgs {
    #[command(flatten)]
    to: ExportTo,
    /// Only participants with this status, e.g. confirmed
    #[arg(long)]
    status: Option<String>,
    /// a4 (four badges a sheet) or single (one A6 badge a page, for badge printers)
    #[arg(long, default_value = "a4")]
    layout: String,
}

pub fn badges(store: &Store, args: BadgesArgs, out: &Out) -> Result<(), Error> {
    let status = args.status.map(|s| ParticipantStatus::parse("status", &s)).transpose()?;
    let layout = match args.layout.trim().to_ascii_lowercase().as_str() {
        "a4" => BadgeLayout::A4,
        "single" => BadgeLayout::Single,
        other => return Err(Error::invalid("layout", Reason::InvalidValue, format!("{other:?} is not a4 or single"))),
    };
    super::export::save(muntada::documents::export_badges(store, &args.to.event, status, layout)?, &args.to.out, out)
}

/// `muntada checkin`: check a person in at the desk by their badge code.
#[derive(ClapArgs)]
pub struct CheckinArgs {
    #[arg(long)]
    event: String,
    /// The badge code, as typed or scanned
    #[arg(long)]
    code: String,
}

fn desk(store: &mut Store, command: DeskCommand, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    match command {
        DeskCommand::Import { event, file, dry_run, map, map_value, map_file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Error::invalid("file", Reason::NotFound, format!("cannot read {}: {e}", file.display()))
            })?;
            let map = map
                .iter()
                .map(|m| match m.rsplit_once('=') {
                    Some((column, field)) => Ok((column.to_owned(), field.to_owned())),
                    None => Err(Error::invalid("map", Reason::InvalidValue, format!("{m:?} is not COLUMN=FIELD"))),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut values = match &map_file {
                Some(path) if path.exists() => read_map_file(path)?,
                _ => Vec::new(),
            };
            for text in &map_value {
                let choice = ValueChoice::parse(text)?;
                values.retain(|c| !(c.column == choice.column && c.value == choice.value));
                values.push(choice);
            }
            let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let options = ImportOptions { dry_run, map, values, file_name };
            let import = |tx: &muntada::store::Tx<'_>| {
                let event = tx.events().resolve("event", &event)?;
                participants::import(tx, &event, &bytes, &options, now)
            };
            // A dry run writes nothing, so it does not hold other desks' writes back.
            let report = if dry_run { store.read(import)? } else { store.write(import)? };
            if let Some(path) = &map_file {
                write_map_file(path, &options.values, &report)?;
            }
            import_report(&report, dry_run, out)
        }
        DeskCommand::Search { event, query, limit } => {
            let (people, total) = participants::search(store, &event, &query, limit)?;
            out.participants(&people)?;
            if total > people.len() && !out.json {
                out.line(&format!("(the first {} of {total} matches)", people.len()))?;
            }
            Ok(())
        }
        DeskCommand::Duplicates(EventArgs { event }) => {
            let pairs = participants::duplicates(store, &event)?;
            if out.json {
                return out.print_json(&pairs);
            }
            for pair in &pairs {
                let name = |id| store.participants().get(id).map(|p| participants::display_name(&p).to_owned());
                let reason = match pair.reason {
                    participants::DuplicateReason::Email => "same e-mail",
                    participants::DuplicateReason::NameAndOrganisation => "same name and organisation",
                };
                out.line(&format!(
                    "{}  {}  ({})  {} / {}",
                    pair.first,
                    pair.second,
                    reason,
                    name(&pair.first)?,
                    name(&pair.second)?
                ))?;
            }
            out.line(&counted(pairs.len(), "possible duplicate", "possible duplicates"))
        }
        DeskCommand::Merge { keep, other } => {
            let merged = store.write(|tx| {
                participants::merge(
                    tx,
                    &tx.participants().resolve("keep", &keep)?,
                    &tx.participants().resolve("other", &other)?,
                    now,
                )
            })?;
            out.created(&merged, |p| &p.id)
        }
        DeskCommand::Erase { id, yes } => {
            let before = participants::erasure(store, &id)?;
            if !yes {
                confirm_erasure(&before)?;
            }
            participants::erase(store, &before.participant.id, now)?;
            let after = participants::erasure(store, before.participant.id.as_str())?;
            if out.json {
                return out.print_json(&after);
            }
            out.line(&format!("erased the personal data of participant {}", after.participant.id))?;
            out.line(&kept(&after))
        }
        DeskCommand::Export(ExportTo { event, out: path }) => {
            let format = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("csv") => TableFormat::Csv,
                Some("xlsx") => TableFormat::Xlsx,
                _ => return Err(Error::invalid("out", Reason::InvalidValue, "the file must end in .csv or .xlsx")),
            };
            let bytes = export::export_table(store, &event, format)?;
            muntada::documents::write_file(&path, &bytes).map_err(|e| e.with_field("out"))?;
            out.exported(&path, bytes.len())
        }
        DeskCommand::Data { id, out: path } => {
            let bytes = export::person_data_json(store, &id)?;
            muntada::documents::write_file(&path, &bytes).map_err(|e| e.with_field("out"))?;
            out.exported(&path, bytes.len())
        }
        DeskCommand::Status { event, to, ids, matching } => {
            let status = ParticipantStatus::parse("to", &to)?;
            // The people the filters match are found in the transaction that changes them.
            let selection = matching.selection(ids)?;
            let changed = store.write(|tx| {
                let ids = selection.ids(tx, &event, &mut IndexCache::new())?;
                participants::set_status(tx, &tx.events().resolve("event", &event)?, &ids, status, now)
            })?;
            out.participants(&changed)
        }
    }
}

pub fn checkin(store: &mut Store, args: CheckinArgs, now: DateTime<Utc>, out: &Out) -> Result<(), Error> {
    let done =
        store.write(|tx| participants::check_in(tx, &tx.events().resolve("event", &args.event)?, &args.code, now))?;
    if out.json {
        return out.print_json(&done);
    }
    if done.warning.is_some() {
        eprintln!(
            "warning: {} was not confirmed (status: {})",
            participants::display_name(&done.participant),
            done.was.as_str()
        );
    }
    out.line(&format!("checked in: {}  {}", done.participant.badge_code, participants::display_name(&done.participant)))
}

/// The value choices of a `--map-file`: one `COLUMN:VALUE=TARGET` a line; blank lines and
/// lines starting with `#` are skipped.
fn read_map_file(path: &std::path::Path) -> Result<Vec<ValueChoice>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::invalid("map-file", Reason::NotFound, format!("cannot read {}: {e}", path.display())))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(i, line)| {
            ValueChoice::parse(line).map_err(|e| {
                Error::invalid("map-file", e.reason, format!("{} line {}: {}", path.display(), i + 1, e.message))
            })
        })
        .collect()
}

/// Writes the choices used, and each value still unmatched as a commented line to complete.
fn write_map_file(path: &std::path::Path, choices: &[ValueChoice], report: &ImportReport) -> Result<(), Error> {
    let mut text = String::from(
        "# Muntada import: what values of the file stand for, one COLUMN:VALUE=TARGET a line\n\
         # (TARGET: a category key, a status, a country code, yes/no, or +new for a new category).\n",
    );
    for choice in choices {
        text.push_str(&format!("{choice}\n"));
    }
    for u in &report.unmatched {
        let rows = counted(u.rows, "row", "rows");
        text.push_str(&format!("# {}:{}=   ({rows}, first row {})\n", u.column, u.value, u.first_row));
    }
    std::fs::write(path, text)
        .map_err(|e| Error::invalid("map-file", Reason::InvalidValue, format!("cannot write {}: {e}", path.display())))
}

fn import_report(report: &ImportReport, dry_run: bool, out: &Out) -> Result<(), Error> {
    if !out.json {
        for w in &report.warnings {
            out.line(&format!(
                "row {}, column {}: {} (the cell as written is kept as an answer)",
                w.row, w.column, w.message
            ))?;
        }
    }
    if !report.problems.is_empty() {
        out.problems(&report.problems);
        out.unmatched(&report.unmatched);
        let rows: std::collections::BTreeSet<u64> = report.problems.iter().map(|p| p.row).collect();
        return Err(Error::invalid(
            "file",
            Reason::InvalidValue,
            format!("{} problems; nothing was imported", counted(rows.len(), "row has", "rows have")),
        ));
    }
    if out.json {
        return out.print_json(report);
    }
    for c in &report.columns {
        out.line(&format!("column {:?} → {}", c.column, c.field))?;
    }
    for d in &report.duplicates {
        let what = match d.reason {
            participants::DuplicateReason::Email => "the same e-mail as",
            participants::DuplicateReason::NameAndOrganisation => "the same name and organisation as",
        };
        let whom = match (&d.existing, d.same_as_row) {
            (Some(id), _) => format!("participant {id}"),
            (None, Some(row)) => format!("row {row}"),
            (None, None) => String::new(),
        };
        out.line(&format!("row {}: {what} {whom}", d.row))?;
    }
    let verb = if dry_run { "would import" } else { "imported" };
    out.line(&format!(
        "{verb} {}: {} new, {} (imported too; see `participant duplicates` and `participant merge`)",
        counted(report.rows, "participant", "participants"),
        report.new,
        counted(report.rows - report.new, "possible duplicate", "possible duplicates")
    ))?;
    if dry_run {
        out.line("dry run: nothing was written")?;
    }
    Ok(())
}

/// What erasing keeps, in a line.
fn kept(e: &participants::Erasure) -> String {
    let p = &e.participant;
    format!(
        "kept: the record (badge {}, category {}, status {}), so counts and badge numbers still add up; \
         {} history {}, with who and when but not what",
        p.badge_code,
        p.category,
        p.status.as_str(),
        e.history_entries,
        if e.history_entries == 1 { "entry" } else { "entries" }
    )
}

/// Says on stderr what erasing `e` deletes and keeps, and reads the answer from standard input
/// (a terminal, or a pipe: `echo yes | muntada participant erase ID`). Anything but yes erases
/// nothing.
fn confirm_erasure(e: &participants::Erasure) -> Result<(), Error> {
    let p = &e.participant;
    let who = [p.honorific.as_str(), p.name.en.as_str(), p.name.ar.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    eprintln!(
        "This erases the name, e-mail, phone, organisation, country, honorific and extra answers of\n  {} (badge {}),\n\
         and the content of their history. Backups made before keep them until they rotate out.\n{}",
        if who.is_empty() { "(no name)" } else { &who },
        p.badge_code,
        kept(e)
    );
    eprint!("Erase? Type yes to confirm: ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|err| Error::invalid("yes", Reason::Required, format!("cannot read the answer: {err}")))?;
    if !std::io::stdin().is_terminal() {
        // A piped answer is not echoed: end the question's line.
        eprintln!();
    }
    match answer.trim().to_lowercase().as_str() {
        "yes" | "y" | "نعم" => Ok(()),
        _ => Err(Error::invalid(
            "yes",
            Reason::Required,
            "not confirmed: nothing was erased (--yes erases without asking)",
        )),
    }
}
