// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.

export type ApiError = { code: ErrorCode, field: string | null, 
/**
 * A word of the core's `Reason`, or of `ShellReason` for what only the shell reports.
 */
reason: Reason | ShellReason, message: string, 
/**
 * Every field a form's check refused (the first is `field`), for the form to show them all.
 */
problems?: Array<FieldProblem>, };

export type ErrorCode = "not_found" | "invalid_input" | "conflict" | "storage" | "internal";

export type Reason = "required" | "too_long" | "invalid_date" | "invalid_time" | "nonexistent_local_time" | "ambiguous_local_time" | "unknown_timezone" | "unknown_country" | "unknown_currency" | "invalid_amount" | "ambiguous_amount" | "amount_too_large" | "exceeds_pledge" | "end_before_start" | "invalid_year_range" | "not_found" | "ambiguous_id" | "wrong_event" | "invalid_value" | "control_characters" | "duplicate" | "changed" | "in_use" | "schema_too_new" | "busy" | "read_only" | "disk_full" | "not_a_database" | "damaged" | "foreign_schema" | "not_permitted" | "unreachable" | "timed_out" | "connection_lost" | "password_refused" | "no_database" | "certificate_untrusted" | "certificate_wrong_host" | "tls_unavailable" | "storage" | "internal";

export type ShellReason = "password_needed" | "keyring_unavailable";

export type Id = string;

export type AppInfo = { version: string, dataFile: string, 
/**
 * Where the automatic backups are kept.
 */
backupsFolder: string, licence: string, };

export type AuditAction = "create" | "import" | "update" | "delete" | "erase" | "adopt";

export type AuditEntity = "participant" | "pledge" | "outcome" | "event" | "room" | "session" | "speaker" | "delegation" | "import";

export type AuditEntry = { id: number, at: string, actor: string, entity: AuditEntity, entityId: Id, eventId: Id, action: AuditAction, 
/**
 * What the record is called (a person's name, a pledge's donor), from `after` or `before`;
 * empty once erased.
 */
label: Bilingual, redacted: boolean, 
/**
 * The status the change moved the record to (a participant checked in, a pledge
 * committed), when it changed one: the history says "Checked in", not "Changed".
 */
statusTo: string | null, };

export type AuditSubject = "event" | "participant" | "pledge";

export type BackupRestored = { file: string, 
/**
 * Where the data that was replaced is kept.
 */
previousData: string, events: number, participants: number, };

export type BackupSaved = { file: string, };

export type Bilingual = { en: string, ar: string, };

export type Event = { id: Id, title: Bilingual, description: Bilingual, venue: Bilingual, city: Bilingual, country: string | null, timezone: string, startDate: string, endDate: string, organisers: Array<Bilingual>, 
/**
 * Who signs the event's certificates of attendance, in order (at most two).
 */
signatories: Array<Signatory>, 
/**
 * How the Arabic window and the Arabic documents of the event write numbers.
 */
arabicDigits: ArabicDigits, status: EventStatus, createdAt: string, updatedAt: string, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type EventCounts = { rooms: number, sessions: number, speakers: number, participants: number, pledges: number, };

export type EventInput = { title: Bilingual, description: Bilingual, venue: Bilingual, city: Bilingual, 
/**
 * ISO 3166-1 alpha-2; empty for none.
 */
country: string, timezone: string, 
/**
 * `YYYY-MM-DD`.
 */
startDate: string, endDate: string, 
/**
 * Each organiser's name in English and Arabic (one side may be empty); an entry empty on
 * both sides is left out.
 */
organisers: Array<Bilingual>, 
/**
 * Who signs the certificates of attendance, in order: at most [`MAX_SIGNATORIES`]; an
 * entry empty on all four sides is left out. None when not given (a form or file from
 * before signatories).
 */
signatories: Array<Signatory>, 
/**
 * Arabic-Indic when not given (a form or file from before the setting).
 */
arabicDigits: ArabicDigits, status: EventStatus, };

export type EventLogo = { format: LogoFormat, width: number, height: number, 
/**
 * The file as given.
 */
image: Array<number>, updatedAt: string, };

export type EventOverview = { event: Event, counts: EventCounts, 
/**
 * Pledged, committed and paid totals per currency, never added across currencies.
 */
pledges: PledgeSummary, };

export type Signatory = { name: Bilingual, title: Bilingual, };

export type CertificateLang = "en" | "ar" | "both" | "person";

export type BadgeLayout = "a4" | "single";

export type LogoFormat = "png" | "jpeg";

export type EventStatus = "draft" | "open" | "closed" | "archived";

export type ArabicDigits = "arabic_indic" | "latin";

export type Lang = "en" | "ar";

export type ReferenceData = { 
/**
 * Every ISO 3166-1 alpha-2 country, sorted by code, with the names badges and documents
 * print, so that the UI names a country as they do.
 */
countries: Array<CountryName>, 
/**
 * IANA timezone names, sorted: every one the core accepts.
 */
timezones: Array<string>, 
/**
 * The zones the event form offers, one a country and city, with the city named in both
 * languages (`assets/reference/timezones.tsv`), sorted by id.
 */
zones: Array<TimeZoneChoice>, 
/**
 * The ISO 4217 currencies a pledge may be in, with their decimals, sorted by code.
 */
currencies: Array<CurrencyInfo>, };

export type CountryName = { 
/**
 * ISO 3166-1 alpha-2 code, which is what a record stores.
 */
code: string, 
/**
 * CLDR's short name in English and in Arabic (`assets/reference/countries.tsv`).
 */
name: Bilingual, };

export type CurrencyInfo = { code: string, 
/**
 * Digits after the decimal point: JPY 0, USD 2, KWD 3.
 */
decimals: number, };

export type TimeZoneChoice = { 
/**
 * The IANA id, which is what an event stores.
 */
id: string, 
/**
 * ISO 3166-1 alpha-2 code of the country it is in; none for UTC.
 */
country: string | null, city: Bilingual, };

export type CancelView = { on: string, reason: string, };

export type CurrencyTotals = { currency: string, pledged: string, committed: string, paid: string, count: number, };

export type LineInput = { year: number, amount: string, };

export type LineView = { year: number, amount: string, paid: string, status: PledgeStatus, committedOn: string | null, paidOn: string | null, };

export type PledgeInput = { 
/**
 * Each donor's name in English and Arabic (one side may be empty).
 */
donors: Array<Bilingual>, recipient: Bilingual, purpose: Bilingual, kind: PledgeKind, inKind: string, 
/**
 * ISO 4217; may be empty only for an in-kind pledge without an estimated value.
 */
currency: string, schedule: Schedule, rate: RateInput | null, sessionId: string | null, speakerId: string | null, 
/**
 * The delegation that announced it, of the same event.
 */
delegationId: string | null, notes: string, };

export type PledgeKind = "financial" | "in_kind";

export type PledgeListing = { pledges: Array<PledgeView>, summary: PledgeSummary, };

export type PledgePreview = { 
/**
 * Oldest year first, each amount an exact decimal of the pledge's currency.
 */
lines: Array<PreviewLine>, total: Money | null, 
/**
 * The total in US dollars at the rate typed; none for US dollars themselves, and none
 * without a readable rate.
 */
usd: Money | null, problems: Array<FieldProblem>, };

export type PreviewLine = { year: number, amount: string, };

export type Money = { currency: string, amount: string, };

export type FieldProblem = { field: string, reason: Reason, };

export type PledgeStatus = "announced" | "committed" | "partly_paid" | "paid" | "cancelled";

export type PledgeSummary = { currencies: Array<CurrencyTotals>, years: Array<YearTotals>, usd: UsdTotals, inKind: number, cancelled: number, };

export type PledgeView = { id: Id, eventId: Id, donors: Array<Bilingual>, recipient: Bilingual, purpose: Bilingual, kind: PledgeKind, inKind: string, currency: string | null, lines: Array<LineView>, 
/**
 * The lines as they were entered ("15 million a year for 2024–2026"), for the form.
 */
schedule: Schedule, 
/**
 * Sum of the lines, exact decimal.
 */
total: string, paid: string, status: PledgeStatus, 
/**
 * The total in US dollars at the recorded rate; none without a rate (or for a pledge stored
 * before rate and amount were checked together, whose product is beyond any amount).
 */
usdTotal: string | null, rate: RateView | null, cancelled: CancelView | null, sessionId: Id | null, speakerId: Id | null, delegationId: Id | null, notes: string, createdAt: string, 
/**
 * Raised by every change to the pledge: a form sends back the one it was filled from.
 */
version: number, };

export type RateInput = { 
/**
 * US dollars for one unit of the pledge's currency, e.g. "1.0832".
 */
rate: string, 
/**
 * `YYYY-MM-DD`.
 */
date: string, source: string, };

export type RateView = { rate: string, date: string, source: string, };

export type Schedule = { "mode": "perYear" } & ScheduleRange | { "mode": "total" } & ScheduleRange | { "mode": "lines" } & ScheduleLines;

export type ScheduleLines = { lines: Array<LineInput>, };

export type ScheduleRange = { amount: string, fromYear: number, toYear: number, };

export type StageChange = { 
/**
 * committed, paid or cancelled.
 */
to: PledgeStatus, 
/**
 * Only this year's line; all lines when absent.
 */
year: number | null, 
/**
 * With `paid`: the amount paid so far for that year (default: all of it).
 */
amount: string | null, 
/**
 * `YYYY-MM-DD`; today when absent.
 */
date: string | null, 
/**
 * Why, for a cancellation.
 */
reason: string, };

export type UsdTotals = { pledged: string, committed: string, paid: string, 
/**
 * Pledges left out of the USD totals because no rate was recorded.
 */
withoutRate: number, };

export type YearTotals = { year: number, currency: string, pledged: string, committed: string, paid: string, };

export type Session = { id: Id, eventId: Id, roomId: Id | null, title: Bilingual, description: Bilingual, kind: SessionKind, 
/**
 * UTC instant; shown in the event's timezone. The interval is half-open: [start, end).
 */
start: string, end: string, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type SessionKind = "opening" | "plenary" | "panel" | "workshop" | "side_event" | "break" | "closing";

export type SessionMove = { start: string, end: string | null, roomId: string | null, };

export type Speaker = { id: Id, eventId: Id, 
/**
 * The participant record of a speaker who also attends: one person, not two.
 */
participantId: Id | null, honorific: Bilingual, name: Bilingual, position: Bilingual, organisation: Bilingual, country: string | null, email: string | null, bio: Bilingual, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type Room = { id: Id, eventId: Id, name: Bilingual, capacity: number | null, 
/**
 * Sessions may overlap here (a poster area, an exhibition space).
 */
parallel: boolean, 
/**
 * Daily opening hours in the event's local time; none = open all day.
 */
hours: OpeningHours | null, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type OpeningHours = { opens: string, closes: string, };

export type Role = "chair" | "moderator" | "speaker" | "panellist" | "rapporteur";

export type Conflict = { kind: ConflictKind, 
/**
 * The session concerned; for a clash, the one that starts first.
 */
sessionId: Id, 
/**
 * The other session of a clash (room, person, travel).
 */
otherSessionId: Id | null, roomId: Id | null, speakerId: Id | null, 
/**
 * The room's or the person's name; empty for a session outside the event's dates.
 */
who: Bilingual, 
/**
 * One English sentence for the CLI and logs; the UI words its own from the fields.
 */
message: string, };

export type ConflictKind = "room_double_booked" | "person_double_booked" | "too_little_travel_time" | "outside_event_dates" | "outside_room_hours" | "outside_availability" | "room_over_capacity";

export type ReleaseInfo = { id: Id, eventId: Id, name: string, createdAt: string, sessions: number, };

export type Diff = { added: Array<SessionSlot>, 
/**
 * Sessions no longer in the programme.
 */
cancelled: Array<SessionSlot>, 
/**
 * Sessions at another time or in another room.
 */
moved: Array<Moved>, 
/**
 * Sessions whose people or roles changed.
 */
people: Array<PeopleChanged>, };

export type SessionSlot = { sessionId: Id, title: Bilingual, start: string, end: string, room: Bilingual | null, };

export type Moved = { from: SessionSlot, to: SessionSlot, };

export type PeopleChanged = { sessionId: Id, title: Bilingual, added: Array<PersonRole>, removed: Array<PersonRole>, };

export type PersonRole = { speakerId: Id, name: Bilingual, role: Role, };

export type ExportOutcome = { 
/**
 * Where the file was written; none when the person cancelled the dialog.
 */
file: string | null, bytes: number, 
/**
 * Characters no bundled font covers, drawn as boxes.
 */
missingGlyphs: number, };

export type ExportKind = "participant_list" | "event_summary" | "pledges_pdf" | "pledges_csv";

export type SessionInput = { roomId: string | null, title: Bilingual, description: Bilingual, kind: SessionKind, start: string, end: string, };

export type RoomInput = { name: Bilingual, capacity: number | null, parallel: boolean, 
/**
 * `HH:MM`, local time of the event; give both or neither.
 */
opens: string | null, closes: string | null, };

export type SignUps = { sessionId: Id, 
/**
 * The seats of the session's room; none when it has no room or the room no number.
 */
capacity: number | null, 
/**
 * Those confirmed or checked in: the ones the conflict check counts.
 */
confirmed: number, 
/**
 * Everyone signed up, by name.
 */
participants: Array<Participant>, };

export type Availability = { speakerId: Id, start: string, end: string, };

export type Assignment = { sessionId: Id, speakerId: Id, role: Role, };

export type OutcomeDocument = { 
/**
 * Oldest first.
 */
versions: Array<Version>, 
/**
 * The version shown; none while the event has no outcome document.
 */
version: Version | null, sections: Array<SectionView>, };

export type OutcomeLang = "en" | "ar" | "both";

export type SectionView = { section: Section, stateEn: LanguageState, stateAr: LanguageState, };

export type Version = { id: Id, eventId: Id, 
/**
 * 1, 2, … per event.
 */
number: number, createdAt: string, adopted: Adoption | null, };

export type Adoption = { at: string, 
/**
 * The computer account that adopted it.
 */
by: string, };

export type Section = { 
/**
 * The same across versions.
 */
key: Id, kind: SectionKind, title: Bilingual, bodyEn: RichText, bodyAr: RichText, 
/**
 * When each language was last written (`None`: never).
 */
updatedEn: string | null, updatedAr: string | null, 
/**
 * For a recommendation: whom it is addressed to (e.g. "Member States").
 */
actor: Bilingual, 
/**
 * For an opening statement: who made it.
 */
speakerId: Id | null, 
/**
 * The sessions a statement was made in or a recommendation came from.
 */
sessionIds: Array<Id>, };

export type SectionKind = "summary" | "opening_statement" | "key_messages" | "best_practices" | "recommendation" | "pledges" | "participation" | "free";

export type LanguageState = "current" | "missing" | "older";

export type SectionInput = { kind: SectionKind | null, title: Bilingual, bodyEn: RichText, bodyAr: RichText, actor: Bilingual, speaker: string | null, sessions: Array<string>, 
/**
 * 1-based place among the sections; `None`: at the end.
 */
position: number | null, };

export type SectionEdit = { titleEn: string | null, titleAr: string | null, bodyEn: RichText | null, bodyAr: RichText | null, actor: Bilingual | null, 
/**
 * `Some("")` removes the speaker.
 */
speaker: string | null, sessions: Array<string> | null, position: number | null, };

export type SectionDiff = { key: Id, kind: SectionKind, 
/**
 * The title in the newer version (or the removed one's).
 */
title: Bilingual, change: Change, 
/**
 * What changed, by field name (`titleEn`, `bodyAr`, `position`, …); empty unless changed.
 */
fields: Array<string>, 
/**
 * Plain text of the English and Arabic bodies before and after, for the changed ones.
 */
text: Array<TextChange>, };

export type Change = "added" | "removed" | "changed" | "unchanged";

export type TextChange = { field: string, before: string, after: string, };

export type RichText = Array<RichBlock>;

export type RichBlock = { "type": "paragraph", spans: Array<Span>, } | { "type": "bullets", items: Array<Array<Span>>, } | { "type": "numbered", items: Array<Array<Span>>, };

export type Span = { text: string, bold?: boolean, italic?: boolean, };

export type SpeakerInput = { participantId: string | null, honorific: Bilingual, name: Bilingual, position: Bilingual, organisation: Bilingual, country: string, email: string, bio: Bilingual, };

export type SpeakerCandidate = { participantId: Id, name: Bilingual, organisation: Bilingual, country: string | null, };

export type Participant = { id: Id, eventId: Id, 
/**
 * H.E., Dr…: printed before the name on badges; empty when none.
 */
honorific: string, name: Bilingual, email: string | null, phone: string | null, organisation: Bilingual, country: string | null, 
/**
 * The category's key.
 */
category: string, status: ParticipantStatus, badgeCode: string, consent: boolean, registeredAt: string, 
/**
 * The delegation they belong to (at most one).
 */
delegation: Id | null, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type ParticipantInput = { honorific: string, name: Bilingual, email: string, phone: string, organisation: Bilingual, country: string, 
/**
 * A category key or its English or Arabic name; empty for "other".
 */
category: string, status: ParticipantStatus, consent: boolean, 
/**
 * A delegation's id (or 8+ of its first characters) of the same event, or empty.
 */
delegation: string, };

export type ParticipantStatus = "interest_registered" | "confirmed" | "declined" | "waitlisted" | "checked_in";

export type Added = { participant: Participant, possibleDuplicates: Array<Id>, };

export type Erasure = { participant: Participant, 
/**
 * Entries of their history (at most `audit::MAX_ENTRIES` counted).
 */
historyEntries: number, };

export type CheckedIn = { participant: Participant, 
/**
 * The status they had before.
 */
was: ParticipantStatus, warning: CheckInWarning | null, };

export type CheckInWarning = "not_confirmed";

export type ColumnMapping = { column: string, 
/**
 * One of `FIELDS`, `extra` (kept as an answer) or `ignore`.
 */
field: string, };

export type ImportReport = { columns: Array<ColumnMapping>, 
/**
 * Rows of people read (blank rows are skipped).
 */
rows: number, 
/**
 * Rows that duplicate nobody.
 */
new: number, duplicates: Array<ImportDuplicate>, 
/**
 * Empty unless nothing could be imported.
 */
problems: Array<RowProblem>, 
/**
 * Each value that matched nothing, once (its rows are among `problems`).
 */
unmatched: Array<UnmatchedValue>, 
/**
 * Cells tidied where nothing is lost.
 */
warnings: Array<RowWarning>, 
/**
 * The keys of the categories the import adds (or would add), from `NEW_CATEGORY` choices.
 */
newCategories: Array<string>, 
/**
 * Whether the rows were written: no problem, and not a dry run.
 */
written: boolean, };

export type ImportDuplicate = { row: number, reason: DuplicateReason, 
/**
 * The registered participant it looks like.
 */
existing: Id | null, 
/**
 * The earlier row of the file it looks like.
 */
sameAsRow: number | null, };

export type RowProblem = { row: number, column: string, reason: string, message: string, };

export type RowWarning = { row: number, column: string, message: string, };

export type UnmatchedValue = { 
/**
 * The file's header of the column.
 */
column: string, field: ValueField, 
/**
 * As the file first writes it.
 */
value: string, 
/**
 * How many rows have it.
 */
rows: number, firstRow: number, };

export type ValueChoice = { 
/**
 * A field (`category`, `status`, `country`, `honorific`, `consent`) or the file's header of
 * a column that is one.
 */
column: string, 
/**
 * The value as the file writes it (compared as headers are: any case, spelling of
 * punctuation…).
 */
value: string, 
/**
 * What it is stored as: a category's key or name, a status, a country's code or name, yes
 * or no, an honorific; or `NEW_CATEGORY` to add a category named after the value.
 */
target: string, };

export type ValueField = "category" | "status" | "country" | "honorific" | "consent";

export type DuplicateReason = "email" | "name_and_organisation";

export type TablePreview = { header: Array<string>, rows: Array<Array<string>>, 
/**
 * Rows in the file below the header, blank ones included.
 */
totalRows: number, };

export type ParticipantQuery = { 
/**
 * Words to search for (names in both scripts, e-mail, organisation, badge code); empty for all.
 */
text: string, status: ParticipantStatus | null, 
/**
 * A category key.
 */
category: string | null, 
/**
 * An ISO country code.
 */
country: string | null, 
/**
 * A delegation id.
 */
delegation: string | null, sort: SortKey, descending: boolean, offset: number, limit: number, };

export type ParticipantPage = { 
/**
 * How many participants match, in all.
 */
total: number, offset: number, rows: Array<Participant>, };

export type SortKey = "name" | "organisation" | "country" | "category" | "status" | "registered";

export type Selection = { "kind": "ids", ids: Array<string>, } | { "kind": "matching", query: ParticipantQuery, expected: number | null, };

export type Delegation = { id: Id, eventId: Id, name: Bilingual, 
/**
 * ISO code of the country it represents, if any.
 */
country: string | null, 
/**
 * The head of delegation: a participant of the event and a member of this delegation.
 */
head: Id | null, 
/**
 * How many participants belong to it (read, never written).
 */
members: number, createdAt: string, 
/**
 * Raised by every change to the record: a form sends back the one it was filled from.
 */
version: number, };

export type DelegationInput = { name: Bilingual, 
/**
 * A country's ISO code, or empty.
 */
country: string, 
/**
 * The head of delegation's participant id (or 8+ of its first characters), or empty.
 */
head: string, };

export type ImportPreview = { table: TablePreview, 
/**
 * A dry run of the import with the mapping given.
 */
report: ImportReport, 
/**
 * The fields a column can be read as (then `extra` and `ignore`).
 */
fields: Array<string>, };

export type CategoryInfo = { key: string, name: Bilingual, 
/**
 * `#rrggbb`
 */
colour: string, };

export type CategoryInput = { name: Bilingual, 
/**
 * The badge band's colour, `#rrggbb`.
 */
colour: string, };

export type TeamRole = "registration" | "programme" | "coordinator" | "admin";

export type TeamStatus = { 
/**
 * The team database in use; null: this computer's file.
 */
team: TeamPlace | null, 
/**
 * What the login may change; null on this computer, where everything is allowed.
 */
role: TeamRole | null, 
/**
 * The team database remembered in the settings, to go back to in one step.
 */
saved: TeamPlace | null, 
/**
 * The password is in memory only (the keyring could not keep it).
 */
sessionOnly: boolean, 
/**
 * The connection to the server is lost; it is being tried again.
 */
lost: boolean, 
/**
 * Why the remembered team database could not be used when the app started.
 */
startFailure: ApiError | null, };

export type TeamPlace = { host: string, port: number, database: string, user: string, 
/**
 * The CA certificate file trusted for it, if one was given.
 */
caFile: string | null, };

export type TeamLogin = { host: string, port: number, database: string, user: string, password: string, 
/**
 * A CA certificate file (PEM) to trust for this server; empty: this computer's CAs only.
 */
caFile: string, };

export type TeamNews = { "kind": "changed", tables: Array<string>, } | { "kind": "connection", lost: boolean, };

export type DeskStatus = { info: DeskInfo | null, waiting: number, sent: number, conflicts: Array<QueuedScan>, };

export type DeskInfo = { eventId: Id, eventTitle: Bilingual, 
/**
 * The event's time zone (IANA name), for the times a desk shows.
 */
timezone: string, desk: string, login: string, 
/**
 * The team database, as `user@host:port/db` (never a password).
 */
server: string, refreshedAt: string | null, 
/**
 * Since when the desk has not reached the server (none while it does).
 */
offlineSince: string | null, people: number, };

export type DeskCheckIn = { via: Via, scanId: Id, person: DeskPerson, warning: CheckInWarning | null, 
/**
 * Scans waiting in the desk's queue after this one.
 */
waiting: number, };

export type DeskPerson = { participantId: Id, badgeCode: string, honorific: string, name: Bilingual, status: ParticipantStatus, 
/**
 * The category's name in both languages.
 */
category: Bilingual, 
/**
 * The delegation's name in both languages (empty when none).
 */
delegation: Bilingual, };

export type QueuedScan = { seq: number, scanId: Id, code: string, participantId: Id, 
/**
 * The person's name as the desk's copy had it, for the desk's lists.
 */
name: Bilingual, desk: string, scannedAt: string, 
/**
 * None while waiting to be sent.
 */
result: ScanResult | null, };

export type ScanResult = { scanId: Id, outcome: ScanOutcome, 
/**
 * The person scanned; none when the code matched nobody by the time it was sent.
 */
participantId: Id | null, 
/**
 * Why a refused scan was refused, in English (`refusal` is the same as data).
 */
reason: string, refusal: Refusal | null, 
/**
 * For a scan that does not stand, or one that displaced a later scan: the other one.
 */
other: OtherScan | null, };

export type ScanOutcome = "checked_in" | "also_scanned" | "refused";

export type Refusal = "declined" | "erased" | "not_registered";

export type OtherScan = { desk: string, at: string, };

export type Via = "server" | "desk";

export const ERROR_CODES: readonly ErrorCode[] = ["not_found", "invalid_input", "conflict", "storage", "internal"];

export const REASONS: readonly Reason[] = ["required", "too_long", "invalid_date", "invalid_time", "nonexistent_local_time", "ambiguous_local_time", "unknown_timezone", "unknown_country", "unknown_currency", "invalid_amount", "ambiguous_amount", "amount_too_large", "exceeds_pledge", "end_before_start", "invalid_year_range", "not_found", "ambiguous_id", "wrong_event", "invalid_value", "control_characters", "duplicate", "changed", "in_use", "schema_too_new", "busy", "read_only", "disk_full", "not_a_database", "damaged", "foreign_schema", "not_permitted", "unreachable", "timed_out", "connection_lost", "password_refused", "no_database", "certificate_untrusted", "certificate_wrong_host", "tls_unavailable", "storage", "internal"];

export const SHELL_REASONS: readonly ShellReason[] = ["password_needed", "keyring_unavailable"];

export const LANGS: readonly Lang[] = ["en", "ar"];

export const ARABIC_DIGITS: readonly ArabicDigits[] = ["arabic_indic", "latin"];

export const PLEDGE_KINDS: readonly PledgeKind[] = ["financial", "in_kind"];

export const SESSION_KINDS: readonly SessionKind[] = ["opening", "plenary", "panel", "workshop", "side_event", "break", "closing"];

export const ROLES: readonly Role[] = ["chair", "moderator", "speaker", "panellist", "rapporteur"];

export const SECTION_KINDS: readonly SectionKind[] = ["summary", "opening_statement", "key_messages", "best_practices", "recommendation", "pledges", "participation", "free"];
