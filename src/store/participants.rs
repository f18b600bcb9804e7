//! Participants, stored with their category's id and read back with its key.

use super::db::{params, Db, DbError, Row};

use super::{audit, audited, bilingual, found, id_col, opt_id_col, resolve, resolve_in, rows, time_col, word_col};
use crate::audit::model::{snapshot, Actor, AuditAction, AuditEntity, Change};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::participants::model::normalise::Keys;
use crate::participants::model::{
    Answer, DuplicatePair, DuplicateReason, Matches, Participant, ParticipantStatus, SortKey,
};
use crate::time;

pub struct Participants<'c> {
    conn: &'c Db,
    actor: &'c Actor,
}

const SELECT: &str = "SELECT p.id, p.event_id, p.name_en, p.name_ar, p.email, p.phone, p.organisation_en, \
     p.organisation_ar, p.country, c.key, p.status, p.badge_code, p.consent, p.registered_at, \
     p.honorific, p.delegation_id, p.version FROM participants p JOIN categories c ON c.id = p.category_id";

/// A new participant's row, in the column order of `PARTICIPANT_COLUMNS` (and `insert_row`).
fn with_values<T>(
    p: &Participant,
    category_id: &str,
    keys: &Keys,
    import: Option<&Id>,
    f: impl FnOnce(&[&dyn super::db::Param]) -> Result<T>,
) -> Result<T> {
    f(params![
        p.id.as_str(),
        p.event_id.as_str(),
        p.name.en,
        p.name.ar,
        p.email,
        p.phone,
        p.organisation.en,
        p.organisation.ar,
        p.country,
        category_id,
        p.status.as_str(),
        p.badge_code,
        p.consent,
        time::to_db(p.registered_at),
        keys.search,
        keys.name,
        keys.org,
        keys.email,
        p.honorific,
        p.delegation.as_ref().map(Id::as_str),
        import.map(Id::as_str),
    ])
}

/// The columns a new participant's row is written with, in the order of `with_values`.
const PARTICIPANT_COLUMNS: [&str; 21] = [
    "id",
    "event_id",
    "name_en",
    "name_ar",
    "email",
    "phone",
    "organisation_en",
    "organisation_ar",
    "country",
    "category_id",
    "status",
    "badge_code",
    "consent",
    "registered_at",
    "search_key",
    "name_key",
    "org_key",
    "email_key",
    "honorific",
    "delegation_id",
    "import_id",
];

/// The one audit entry of an import: its id (to which the people point), when, and the JSON
/// summary it records (file, SHA-256, mapping, count).
pub struct ImportEntry<'a> {
    pub id: &'a Id,
    pub event_id: &'a Id,
    pub at: chrono::DateTime<chrono::Utc>,
    pub summary: &'a str,
}

impl<'c> Participants<'c> {
    pub(super) fn new(conn: &'c Db, actor: &'c Actor) -> Participants<'c> {
        Participants { conn, actor }
    }

    pub fn resolve(&self, field: &str, value: &str) -> Result<Id> {
        resolve(self.conn, "participants", "participant", field, value)
    }

    /// Resolves an id typed by someone that must name a participant of `event_id`.
    pub fn resolve_in(&self, event_id: &Id, field: &str, value: &str) -> Result<Id> {
        resolve_in(self.conn, "participants", "participant", field, value, event_id)
    }

    /// Adds a participant and its audit entry (`how`: created by hand or imported).
    pub fn insert(&self, p: &Participant, how: AuditAction) -> Result<()> {
        audited(self.conn, || self.insert_audited(p, &self.category_id(p)?, &Keys::of(p), how))
    }

    /// Adds the participants of an import, each with its extra answers and its matching keys
    /// (as `Keys::of` makes them, computed once by the import), and the import's one audit
    /// entry, to which every row points. Only inside the caller's transaction: the import is
    /// all or nothing as a whole, so there is no savepoint per row, and each category's id is
    /// looked up once.
    pub fn insert_imported(
        &self,
        import: &ImportEntry<'_>,
        people: &[(Participant, Vec<Answer>)],
        keys: &[Keys],
    ) -> Result<()> {
        let mut categories: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        for (p, _) in people {
            if !categories.contains_key(p.category.as_str()) {
                categories.insert(p.category.as_str(), self.category_id(p)?);
            }
        }
        audit::record(
            self.conn,
            self.actor,
            &Change {
                at: import.at,
                entity: AuditEntity::Import,
                entity_id: import.id,
                event_id: import.event_id,
                action: AuditAction::Import,
                before: None,
                after: Some(import.summary.to_owned()),
            },
        )?;
        let category = |p: &Participant| categories[p.category.as_str()].as_str();
        self.conn.bulk_cache()?;
        if self.conn.engine() == super::Engine::Postgres {
            return self.copy_imported(import.id, people, keys, category);
        }
        let mut answers = self.conn.prepare_cached(
            "INSERT INTO participant_answers (participant_id, position, question, answer) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for ((p, extra), keys) in people.iter().zip(keys) {
            self.insert_row(p, category(p), keys, Some(import.id))?;
            for (position, a) in extra.iter().enumerate() {
                answers.execute(params![p.id.as_str(), position as i64, a.question, a.answer])?;
            }
        }
        Ok(())
    }

    /// `insert_imported` on a team database: the rows and their answers each go in one COPY,
    /// in the caller's transaction (per-row inserts cost a round trip to the server each: 25 s
    /// for 60,000 people).
    fn copy_imported<'p>(
        &self,
        import: &Id,
        people: &'p [(Participant, Vec<Answer>)],
        keys: &[Keys],
        category: impl Fn(&'p Participant) -> &'p str,
    ) -> Result<()> {
        let copied = self.conn.copy_in("participants", &PARTICIPANT_COLUMNS, |sink| {
            for ((p, _), keys) in people.iter().zip(keys) {
                with_values(p, category(p), keys, Some(import), |values| sink.row(values))?;
            }
            Ok(())
        });
        copied.unwrap_or_else(|| Err(Error::internal("COPY is PostgreSQL's")))?;
        let answers = ["participant_id", "position", "question", "answer"];
        self.conn
            .copy_in("participant_answers", &answers, |sink| {
                for (p, extra) in people {
                    for (position, a) in extra.iter().enumerate() {
                        sink.row(params![p.id.as_str(), position, a.question, a.answer])?;
                    }
                }
                Ok(())
            })
            .unwrap_or_else(|| Err(Error::internal("COPY is PostgreSQL's")))?;
        Ok(())
    }

    fn insert_audited(&self, p: &Participant, category_id: &str, keys: &Keys, how: AuditAction) -> Result<()> {
        self.insert_row(p, category_id, keys, None)?;
        let change = Change {
            at: p.registered_at,
            entity: AuditEntity::Participant,
            entity_id: &p.id,
            event_id: &p.event_id,
            action: how,
            before: None,
            after: Some(snapshot(p)?),
        };
        audit::record(self.conn, self.actor, &change)
    }

    /// Replaces a participant's personal data with what `erased` holds, and empties the content
    /// of every audit entry about them; the erasure itself is recorded without any content.
    pub fn erase(
        &self,
        before: &Participant,
        erased: &Participant,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Participant> {
        let erased = Participant { version: before.version + 1, ..erased.clone() };
        let keys = Keys::of(&erased);
        audited(self.conn, || {
            let changed = self.conn.execute(
                "UPDATE participants SET name_en = ?2, name_ar = ?3, email = ?4, phone = ?5, organisation_en = ?6,
                     organisation_ar = ?7, country = ?8, consent = ?9,
                     search_key = ?10, name_key = ?11, org_key = ?12, email_key = ?13, honorific = ?14,
                     version = ?15 WHERE id = ?1 AND version = ?16",
                params![
                    erased.id.as_str(),
                    erased.name.en,
                    erased.name.ar,
                    erased.email,
                    erased.phone,
                    erased.organisation.en,
                    erased.organisation.ar,
                    erased.country,
                    erased.consent,
                    keys.search,
                    keys.name,
                    keys.org,
                    keys.email,
                    erased.honorific,
                    erased.version,
                    before.version,
                ],
            )?;
            super::guarded(self.conn, changed, "participant", Some(AuditEntity::Participant), &erased.id)?;
            // Extra answers from an import are personal data too.
            self.conn
                .execute("DELETE FROM participant_answers WHERE participant_id = ?1", params![erased.id.as_str()])?;
            audit::redact(self.conn, AuditEntity::Participant, &erased.id)?;
            let change = Change {
                at,
                entity: AuditEntity::Participant,
                entity_id: &erased.id,
                event_id: &erased.event_id,
                action: AuditAction::Erase,
                before: None,
                after: None,
            };
            audit::record(self.conn, self.actor, &change)
        })?;
        Ok(erased)
    }

    /// How many participants an event has.
    pub fn count(&self, event_id: &Id) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM participants WHERE event_id = ?1",
            params![event_id.as_str()],
            |r| r.get(0),
        )?)
    }

    /// The row id of `p`'s category (of its event).
    fn category_id(&self, p: &Participant) -> Result<String> {
        self.conn
            .prepare_cached("SELECT id FROM categories WHERE event_id = ?1 AND key = ?2")?
            .query_row(params![p.event_id.as_str(), p.category.as_str()], |r| r.get(0))
            .map_err(|_| Error::invalid("category", Reason::InvalidValue, format!("no category {:?}", p.category)))
    }

    fn insert_row(&self, p: &Participant, category_id: &str, keys: &Keys, import: Option<&Id>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO participants (id, event_id, name_en, name_ar, email, phone, organisation_en, organisation_ar,
                 country, category_id, status, badge_code, consent, registered_at,
                 search_key, name_key, org_key, email_key, honorific, delegation_id, import_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
        )?;
        with_values(p, category_id, keys, import, |values| stmt.execute(values).map(|_| ()))
    }

    pub fn get(&self, id: &Id) -> Result<Participant> {
        let sql = format!("{SELECT} WHERE p.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        found(stmt.query_row(params![id.as_str()], row_to_participant), "participant", "participant", id)
    }

    /// The participants `ids` names (sorted, each once), in that order, read a thousand at a
    /// time: a bulk change of 100,000 people spent 40 % of its time reading them one by one.
    pub fn get_sorted(&self, ids: &[Id]) -> Result<Vec<Participant>> {
        let sql = format!("{SELECT} WHERE p.id IN {} ORDER BY p.id", id_subquery(self.conn).replace('?', "?1"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut people = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(1000) {
            people.extend(rows(&mut stmt, params![id_param(self.conn, chunk)?], row_to_participant)?);
        }
        // Another program may have deleted one since it was named.
        match ids.iter().zip(&people).find(|(id, p)| **id != p.id).map(|(id, _)| id).or(ids.get(people.len())) {
            Some(missing) => Err(Error::not_found("ids", "participant", missing.as_str())),
            None => Ok(people),
        }
    }

    /// The event's participants by name.
    pub fn list(&self, event_id: &Id) -> Result<Vec<Participant>> {
        let mut people = Vec::new();
        self.each(event_id, |p| {
            people.push(p);
            Ok(())
        })?;
        Ok(people)
    }

    /// Each of the event's participants, in the order of [`Self::list`], handed to `f` one at a
    /// time: a document of 100,000 people keeps what it shows of each, not every record whole.
    pub fn each(&self, event_id: &Id, mut f: impl FnMut(Participant) -> Result<()>) -> Result<()> {
        let sql = format!("{SELECT} WHERE p.event_id = ?1 ORDER BY p.name_en, p.name_ar, p.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        stmt.each(params![event_id.as_str()], None, |row| f(row_to_participant(row)?))
    }
}

impl Participants<'_> {
    /// The extra answers kept for a participant, in the file's column order.
    pub fn answers(&self, id: &Id) -> Result<Vec<Answer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT question, answer FROM participant_answers WHERE participant_id = ?1 ORDER BY position",
        )?;
        rows(&mut stmt, params![id.as_str()], |r| Ok(Answer { question: r.get(0)?, answer: r.get(1)? }))
    }

    /// Every participant's search key, in the order of `list` (by name).
    pub fn search_keys(&self, event_id: &Id) -> Result<Vec<(Id, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, search_key FROM participants WHERE event_id = ?1 ORDER BY name_key, id")?;
        rows(&mut stmt, params![event_id.as_str()], |r| Ok((id_col(r, 0)?, r.get(1)?)))
    }

    /// The participant of `event_id` whose badge code is `code` (already upper-cased).
    pub fn by_badge_code(&self, event_id: &Id, code: &str) -> Result<Option<Participant>> {
        let sql = format!("{SELECT} WHERE p.event_id = ?1 AND p.badge_code = ?2");
        match self.conn.prepare_cached(&sql)?.query_row(params![event_id.as_str(), code], row_to_participant) {
            Ok(p) => Ok(Some(p)),
            Err(DbError::NoRows) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Participants of `event_id` that a new record with these keys would duplicate: the same
    /// e-mail key, or the same name key and organisation key.
    pub fn matching(&self, event_id: &Id, email_key: Option<&str>, name_key: &str, org_key: &str) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM participants WHERE event_id = ?1 AND email_key = ?2
             UNION
             SELECT id FROM participants WHERE event_id = ?1 AND name_key = ?3 AND name_key <> '' AND org_key = ?4",
        )?;
        rows(&mut stmt, params![event_id.as_str(), email_key, name_key, org_key], |r| id_col(r, 0))
    }

    /// Every participant's duplicate keys (the search key left empty), for an import to check.
    pub fn duplicate_keys(&self, event_id: &Id) -> Result<Vec<(Id, Keys)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, email_key, name_key, org_key FROM participants WHERE event_id = ?1")?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            Ok((id_col(r, 0)?, Keys { search: String::new(), email: r.get(1)?, name: r.get(2)?, org: r.get(3)? }))
        })
    }

    /// Every pair of the event's participants that look like the same person.
    pub fn duplicates(&self, event_id: &Id) -> Result<Vec<DuplicatePair>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, b.id, 'email' FROM participants a JOIN participants b
                 ON b.event_id = a.event_id AND b.email_key = a.email_key AND a.id < b.id
             WHERE a.event_id = ?1 AND a.email_key IS NOT NULL
             UNION
             SELECT a.id, b.id, 'name_organisation' FROM participants a JOIN participants b
                 ON b.event_id = a.event_id AND b.name_key = a.name_key AND b.org_key = a.org_key AND a.id < b.id
             WHERE a.event_id = ?1 AND a.name_key <> ''
             ORDER BY 1, 2, 3",
        )?;
        rows(&mut stmt, params![event_id.as_str()], |r| {
            let reason: String = r.get(2)?;
            Ok(DuplicatePair {
                first: id_col(r, 0)?,
                second: id_col(r, 1)?,
                reason: if reason == "email" { DuplicateReason::Email } else { DuplicateReason::NameAndOrganisation },
            })
        })
    }

    /// Refuses a save made from `version` of `p` when `p` has been changed since.
    pub fn expect_version(&self, p: &Participant, version: Option<u32>) -> Result<()> {
        super::expect_version(self.conn, "participant", Some(AuditEntity::Participant), &p.id, p.version, version)
    }

    /// Replaces a participant's record (same id), read as `before` in this transaction, with
    /// `after`, recording before and after. Written only while the stored version is still
    /// `before`'s; returns `after` with its new version.
    pub fn update(
        &self,
        before: &Participant,
        after: &Participant,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Participant> {
        let after = Participant { version: before.version + 1, ..after.clone() };
        let keys = Keys::of(&after);
        audited(self.conn, || {
            let category_id = self.category_id(&after)?;
            let changed = self
                .conn
                .prepare_cached(
                    "UPDATE participants SET name_en = ?2, name_ar = ?3, email = ?4, phone = ?5, organisation_en = ?6,
                     organisation_ar = ?7, country = ?8, category_id = ?9, status = ?10, consent = ?11,
                     search_key = ?12, name_key = ?13, org_key = ?14, email_key = ?15, honorific = ?16,
                     delegation_id = ?17, version = ?18 WHERE id = ?1 AND version = ?19",
                )?
                .execute(params![
                    after.id.as_str(),
                    after.name.en,
                    after.name.ar,
                    after.email,
                    after.phone,
                    after.organisation.en,
                    after.organisation.ar,
                    after.country,
                    category_id,
                    after.status.as_str(),
                    after.consent,
                    keys.search,
                    keys.name,
                    keys.org,
                    keys.email,
                    after.honorific,
                    after.delegation.as_ref().map(Id::as_str),
                    after.version,
                    before.version,
                ])?;
            super::guarded(self.conn, changed, "participant", Some(AuditEntity::Participant), &after.id)?;
            let change = Change {
                at,
                entity: AuditEntity::Participant,
                entity_id: &after.id,
                event_id: &after.event_id,
                action: AuditAction::Update,
                before: Some(snapshot(before)?),
                after: Some(snapshot(&after)?),
            };
            audit::record(self.conn, self.actor, &change)
        })?;
        Ok(after)
    }

    /// Folds `other` into `keep`: `keep` takes the values given, `other`'s extra answers move
    /// to `keep` (after its own), speakers linked to `other` are linked to `keep`, and `other`
    /// is deleted. The trail keeps both records as they were: `other`'s entry says which record
    /// it went into.
    pub fn merge(
        &self,
        keep_before: &Participant,
        keep_after: &Participant,
        other: &Participant,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Participant> {
        audited(self.conn, || {
            let kept = self.update(keep_before, keep_after, at)?;
            let (keep, gone) = (kept.id.as_str(), other.id.as_str());
            self.conn.execute(
                "UPDATE participant_answers SET participant_id = ?1,
                     position = position + 1 + (SELECT coalesce(max(position), -1) FROM participant_answers
                                                 WHERE participant_id = ?1)
                 WHERE participant_id = ?2",
                params![keep, gone],
            )?;
            // A speaker can be linked to one participant only; keep's link wins.
            self.conn.execute(
                "UPDATE speakers SET participant_id = ?1 WHERE participant_id = ?2
                     AND NOT EXISTS (SELECT 1 FROM speakers WHERE participant_id = ?1)",
                params![keep, gone],
            )?;
            // The sessions `other` signed up for are `keep`'s now (once each).
            let mut stmt = self.conn.prepare_cached(
                "SELECT session_id FROM session_signups WHERE participant_id = ?1 ORDER BY session_id",
            )?;
            let sessions: Vec<String> = rows(&mut stmt, params![gone], |r| r.get(0))?;
            self.conn.execute(
                "INSERT INTO session_signups (session_id, participant_id)
                 SELECT session_id, ?1 FROM session_signups WHERE participant_id = ?2 ON CONFLICT DO NOTHING",
                params![keep, gone],
            )?;
            // The delegations `other` headed, for the trail (the operation decides who heads them).
            let mut stmt = self.conn.prepare_cached("SELECT id FROM delegations WHERE head_id = ?1")?;
            let headed: Vec<String> = rows(&mut stmt, params![gone], |r| r.get(0))?;
            self.conn.execute("DELETE FROM participants WHERE id = ?1", params![gone])?;
            let merged_into = serde_json::json!({
                "mergedInto": keep,
                "name": other.name,
                "signUpsMoved": sessions,
                "headOf": headed,
            });
            let change = Change {
                at,
                entity: AuditEntity::Participant,
                entity_id: &other.id,
                event_id: &other.event_id,
                action: AuditAction::Delete,
                before: Some(snapshot(other)?),
                after: Some(merged_into.to_string()),
            };
            audit::record(self.conn, self.actor, &change)?;
            Ok(kept)
        })
    }
}

/// Computes the matching keys of rows written before they existed (run once, by the migration
/// that added them).
pub(super) fn backfill_keys(conn: &Db, actor: &Actor) -> Result<()> {
    let ids: Vec<Id> = {
        let mut stmt = conn.prepare("SELECT id FROM participants WHERE search_key = ''")?;
        rows(&mut stmt, params![], |r| id_col(r, 0))?
    };
    let participants = Participants::new(conn, actor);
    let mut stmt = conn.prepare(
        "UPDATE participants SET search_key = ?2, name_key = ?3, org_key = ?4, email_key = ?5 WHERE id = ?1",
    )?;
    for id in ids {
        let keys = Keys::of(&participants.get(&id)?);
        stmt.execute(params![id.as_str(), keys.search, keys.name, keys.org, keys.email])?;
    }
    Ok(())
}

fn row_to_participant(r: &Row<'_>) -> Result<Participant> {
    Ok(Participant {
        id: id_col(r, 0)?,
        event_id: id_col(r, 1)?,
        name: bilingual(r, 2)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        organisation: bilingual(r, 6)?,
        country: r.get(8)?,
        category: r.get(9)?,
        status: word_col(r, 10, ParticipantStatus::parse)?,
        badge_code: r.get(11)?,
        consent: r.get(12)?,
        registered_at: time_col(r, 13)?,
        honorific: r.get(14)?,
        delegation: opt_id_col(r, 15)?,
        version: r.get(16)?,
    })
}

/// A list of ids given as the one parameter `?` (see `id_param`), as a subquery, on either
/// engine: a JSON array for SQLite's `json_each`; on PostgreSQL the ids joined by commas and
/// split by `string_to_array` (an id is hex digits and hyphens), which reads 100,000 of them
/// faster than parsing them as JSON.
fn id_subquery(conn: &Db) -> &'static str {
    match conn.engine() {
        super::Engine::Sqlite => "(SELECT value FROM json_each(?))",
        super::Engine::Postgres => "(SELECT unnest(string_to_array(?::text, ',')))",
    }
}

/// The parameter of `id_subquery`.
fn id_param(conn: &Db, ids: &[Id]) -> Result<String> {
    let ids = ids.iter().map(Id::as_str);
    match conn.engine() {
        super::Engine::Sqlite => {
            serde_json::to_string(&ids.collect::<Vec<_>>()).map_err(|e| Error::internal(e.to_string()))
        }
        super::Engine::Postgres => Ok(ids.collect::<Vec<_>>().join(",")),
    }
}

/// The ORDER BY of a table's sort over `participants p`, and the join it needs.
fn order_by(sort: SortKey, descending: bool) -> (String, &'static str) {
    let direction = if descending { "DESC" } else { "ASC" };
    let order: &[&str] = match sort {
        SortKey::Name => &["p.name_key", "p.id"],
        SortKey::Organisation => &["p.org_key", "p.name_key", "p.id"],
        SortKey::Country => &["p.country", "p.name_key", "p.id"],
        SortKey::Category => &["c.position", "p.name_key", "p.id"],
        SortKey::Status => &["p.status", "p.name_key", "p.id"],
        SortKey::Registered => &["p.registered_at", "p.id"],
    };
    let order = order.iter().map(|c| format!("{c} {direction}")).collect::<Vec<_>>().join(", ");
    let join = if sort == SortKey::Category { " JOIN categories c ON c.id = p.category_id" } else { "" };
    (order, join)
}

/// Which participants of an event a page shows (`None`: any).
#[derive(Default)]
pub struct ParticipantFilter<'a> {
    /// The ones a search found.
    pub search: Option<&'a Matches>,
    pub status: Option<ParticipantStatus>,
    pub category: Option<&'a str>,
    pub country: Option<&'a str>,
    pub delegation: Option<&'a Id>,
}

impl ParticipantFilter<'_> {
    /// The filter as a condition on `participants p`, and its parameters.
    fn sql(&self, conn: &Db, event_id: &Id) -> Result<(String, Vec<String>)> {
        let mut clauses = vec!["p.event_id = ?1".to_owned()];
        let mut values: Vec<String> = vec![event_id.as_str().to_owned()];
        let mut add = |clause: &str, value: String| {
            values.push(value);
            clauses.push(clause.replace('?', &format!("?{}", values.len())));
        };
        match self.search {
            Some(Matches::Only(ids)) => add(&format!("p.id IN {}", id_subquery(conn)), id_param(conn, ids)?),
            Some(Matches::AllBut(ids)) if !ids.is_empty() => {
                add(&format!("p.id NOT IN {}", id_subquery(conn)), id_param(conn, ids)?)
            }
            Some(Matches::AllBut(_)) | None => {}
        }
        if let Some(status) = self.status {
            add("p.status = ?", status.as_str().to_owned());
        }
        if let Some(category) = self.category {
            add(
                "p.category_id IN (SELECT id FROM categories WHERE event_id = p.event_id AND key = ?)",
                category.to_owned(),
            );
        }
        if let Some(country) = self.country {
            add("p.country = ?", country.to_owned());
        }
        if let Some(delegation) = self.delegation {
            add("p.delegation_id = ?", delegation.as_str().to_owned());
        }
        // Every condition is on the participants table alone, so that counting an event's
        // 100,000 people reads an index only (with a join to categories it read every row).
        let wheres = clauses.join(" AND ");
        Ok((wheres, values))
    }
}

impl Participants<'_> {
    /// The number of participants matching `filter`, and the `limit` of them from `offset` in
    /// the order asked for.
    pub fn page(
        &self,
        event_id: &Id,
        filter: &ParticipantFilter<'_>,
        sort: SortKey,
        descending: bool,
        offset: u32,
        limit: u32,
    ) -> Result<(u32, Vec<Participant>)> {
        let (wheres, values) = filter.sql(self.conn, event_id)?;
        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) FROM participants p WHERE {wheres}"),
            &super::db::param_list(&values),
            |r| r.get(0),
        )?;
        let (order, join) = order_by(sort, descending);
        // The page's ids first, then their rows: skipping to row 45,000 by name then walks an
        // index rather than reading and joining the 45,000 rows before it.
        let sql = format!(
            "{SELECT} WHERE p.id IN (SELECT p.id FROM participants p{join} WHERE {wheres} ORDER BY {order} \
             LIMIT {limit} OFFSET {offset}) ORDER BY {order}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = rows(&mut stmt, &super::db::param_list(&values), row_to_participant)?;
        Ok((total, rows))
    }

    /// The ids of every participant `filter` matches, in the order asked for.
    pub fn ordered_ids(
        &self,
        event_id: &Id,
        filter: &ParticipantFilter<'_>,
        sort: SortKey,
        descending: bool,
    ) -> Result<Vec<Id>> {
        let (wheres, values) = filter.sql(self.conn, event_id)?;
        let (order, join) = order_by(sort, descending);
        let sql = format!("SELECT p.id FROM participants p{join} WHERE {wheres} ORDER BY {order}");
        let mut stmt = self.conn.prepare(&sql)?;
        rows(&mut stmt, &super::db::param_list(&values), |r| id_col(r, 0))
    }

    /// The ids of every participant `filter` matches, by name.
    pub fn matching_ids(&self, event_id: &Id, filter: &ParticipantFilter<'_>) -> Result<Vec<Id>> {
        self.ordered_ids(event_id, filter, SortKey::Name, false)
    }

    /// Changes whenever the event's participants change: the newest audit entry about one of
    /// them or about an import into the event (every change to a participant writes one; an
    /// import writes one for all its rows). One step down an index, where counting the event's
    /// participants as well cost PostgreSQL a read of 100,000 index entries on every search.
    pub fn version(&self, event_id: &Id) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(id), 0) FROM audit_log WHERE event_id = ?1 AND entity IN ('participant', 'import')",
            params![event_id.as_str()],
            |r| r.get(0),
        )?)
    }
}
